"""A person the article introduces by a description and names later.

News often opens on a description and gives the name a sentence or two later: "A 23-year-old man
has been charged with murdering his mother and sister. John Jenkin appeared in court ...";
"The actress has left the clinic ... Lindsay Lohan ...". When a description of a person
("a man", "the actress": a table nominal, ``nominals.tsv``) comes before any person the article
names, nothing before it can be its antecedent (``coref.Joiner`` made it an entity of its own);
it is the first person named after it whose sex does not contradict it.
"""

from __future__ import annotations

import re
from typing import Protocol

from eventdb.extract.lexicon import lexicon


class _Entity(Protocol):  # coref.DocEntity, without importing coref (which calls us)
    name: str
    kind: str
    first: int
    sex: str
    generic: bool


def _sex(e: _Entity) -> str:
    if e.sex:
        return e.sex
    sexes = lexicon().given_sex.get(e.name.split()[0], "") if e.name else ""
    return sexes if len(sexes) == 1 else ""


def name_like(name: str) -> bool:
    """Two or three capitalised words of letters, none a kind word nor a known name ("Raj
    Chohan", not "Toyota Camry" nor "Queens"): how a person's name the lists miss looks."""
    words = name.split()
    lex = lexicon()
    return 2 <= len(words) <= 3 and all(w.isalpha() and w[:1].isupper() and w[1:].islower()
                                        and w not in lex.kind_words and w not in lex.known for w in words)


def title_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that read as titles: short, with no closing full stop ("John Jenkin
    accused of Millom mother and sister murder")."""
    out, at = [], 0
    for line in text.split("\n"):
        s = line.rstrip()
        if s and len(s) <= 200 and not s.endswith((".", "?", "!", '"', "”", ":")):
            out.append((at, at + len(line)))
        at += len(line) + 1
    return out


#: Before a name, a determiner and up to two words that are no age: the name is a thing's or
#: modifies a noun ("a 2013 gray Toyota Camry", "the Mean Girls actress", "the Bloomington Sam's
#: Club store"), not a person's, which news writes bare ("the 23-year-old John Jenkin" aside).
DETERMINED = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?:(?![\w-]*-year-old\b)[a-z0-9][\w-]*\s+){0,2}$")


def named_later(entities: list[_Entity], titles: list[tuple[int, int]] = (), text: str = "") -> dict[int, int]:
    """Described person (index) -> the named person it is, for descriptions before the first
    person the article names in its running text (a title may name the person first: "John
    Jenkin accused of murder" then "A man has been remanded ..."). A name of no known kind
    that follows a determiner is no candidate (``DETERMINED``)."""
    if not any(e.kind == "person" and e.name.startswith("the ") for e in entities):
        return {}  # (most articles: no one described before being named)
    named = sorted((e.first, i) for i, e in enumerate(entities)
                   if e.first >= 0 and not e.name.startswith("the ")
                   and (e.kind == "person" or e.kind == "other" and name_like(e.name)
                        and not DETERMINED.search(text, max(0, e.first - 40), e.first)))
    if not named:
        return {}

    def in_title(at: int) -> bool:
        return any(a <= at < b for a, b in titles)
    body = [f for f, _ in named if not in_title(f)]
    first_body = body[0] if body else 1 << 60
    out: dict[int, int] = {}
    # people taken by a description in the running text, and by one in a title: a title
    # restates who the text describes ("Woman Killed In Crash" then "A woman was killed")
    taken: set[int] = set()
    taken_in_title: set[int] = set()
    for i, e in enumerate(entities):
        if e.kind != "person" or e.generic or not e.name.startswith("the ") or not 0 <= e.first < first_body:
            continue
        sex = _sex(e)
        these = taken_in_title if in_title(e.first) else taken
        for _, j in named:
            other = _sex(entities[j])
            if not (sex and other and sex != other) and j not in these:
                out[i] = j
                these.add(j)  # "his mother and sister": two people, not one named twice
                break
    return out
