"""The raw mentions recognition finds, before they are joined into an article's entities.

Shared by ``entities`` (names) and ``references`` (pronouns and nominals).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventdb.extract.lexicon import Known


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class RawMention:
    """A mention before entities are joined: ``name`` is the normalised name it carries."""

    start: int
    end: int
    text: str
    name: str
    kind: str
    known: Known | None = None
    ref: str | None = None  # pronoun/nominal: kind of antecedent wanted
    titled: bool = False  # the text holds more than the name (a title, a description): no alias
    raw: str = ""  # the name as written, when it differs from ``name`` ("Nouri al Maliki")
    entity: int = -1
    acronym_of: int | None = None  # index (in the raw list) of the name this one abbreviates
    sort: str = ""  # product: what sort of product it is ("aircraft", "engine"; product_nouns.tsv)
    indefinite: bool = False  # nominal after "a"/"an": introduces someone, refers back to no one
    next_start: int = -1  # a description before a name: where the name starts ("figure Fred LaRue")
    subject_end: int = -1  # a predicate noun ("Apple is the producer"): where its subject ends
    apposed: bool = False
    #: a description beside its name (before it, in apposition, as its predicate): a mention of
    #: the name's participant, but never an event's argument beside the name itself
    beside: bool = False
    #: a description read through modifiers no table knows ("the recipient carrier"): a mention
    #: of its participant for coreference, but no event argument (its antecedent is a guess)
    loose: bool = False  # description set off by commas right after a name ("Tara Reid, the actress,")
    #: a product's noun after its maker's possessive ("Apple's newest phone"): it refers to the
    #: product, but the maker stays the one later pronouns are read against
    possessed: bool = False


@lru_cache(maxsize=65536)  # called for every token, several times: the same words recur
def _is_cap(word: str) -> bool:
    """Capitalised ("Maliki") or camel-case ("iPhone")."""
    if word[:1].isupper():
        return True
    rest = word[1:]
    # rest.islower(): no upper-case letter in it (the common case, answered without a loop)
    return word[:1].islower() and not rest.islower() and any(c.isupper() for c in rest)
