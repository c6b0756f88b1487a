"""Data types produced by extraction: the contract between ``eventdb.extract`` and storage.

Everything is plain data with character offsets into the document text. Indexes (``entity``,
``mention``, ``timex``, ``event``) point into the lists of the same :class:`Extraction`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from eventdb.temporal.model import Resolved, Timex, compact_pickle

ParticipantKind = Literal["person", "organisation", "place", "group", "product", "other"]
Role = Literal["agent", "patient", "other"]
Relation = Literal["ON", "BEFORE", "AFTER", "DURING", "INCLUDES"]
#: How an event got its date: an explicit expression in its clause, the dated narrative it
#: continues, the publication date (news convention), or another inference.
DateHow = Literal["explicit", "narrative", "publication", "inferred"]


@compact_pickle
@dataclass(slots=True)
class Entity:
    """A participant as known inside one document: canonical name, kind and the aliases seen."""

    name: str
    kind: ParticipantKind
    aliases: list[str] = field(default_factory=list)


@compact_pickle
@dataclass(slots=True)
class Mention:
    """One mention of an entity in the text ("Prime Minister Nouri al Maliki", "Maliki")."""

    start: int
    end: int
    text: str
    entity: int


@compact_pickle
@dataclass(slots=True)
class Argument:
    mention: int
    role: Role


@compact_pickle
@dataclass(slots=True)
class TimeLink:
    """What dates an event: ``"dct"`` (the publication time) or ``"timex:N"``."""

    target: str
    relation: Relation = "ON"
    how: DateHow = "publication"
    confidence: float = 0.5


@compact_pickle
@dataclass(slots=True)
class Event:
    start: int  # evidence span: the clause, char offsets into the text
    end: int
    headline: str
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int  # the sentence holding the event (shown as evidence)
    sentence_end: int
    time: TimeLink
    arguments: list[Argument] = field(default_factory=list)
    #: True for a row that reports no happening (a state, an opinion, quote content, a routine
    #: attribution, a fragment, a credit): kept as evidence, hidden from the default chronology.
    background: bool = False
    #: The kind of action from the taxonomy in ``extract/resources`` ("attack", "statement"...),
    #: or None when no kind applies.
    kind: str | None = None
    #: Index (into ``Extraction.events``) of an earlier event of the same document that reports
    #: the same happening (title, lede, restatement), or None: the in-article grouping.
    same_as: int | None = None


@compact_pickle
@dataclass(slots=True)
class Dateline:
    start: int
    end: int
    text: str
    resolved: Resolved | None
    #: True when the dateline's date disagrees with the given publication date: the document
    #: goes to review (neither date is silently preferred).
    conflict: bool = False


@compact_pickle
@dataclass(slots=True)
class Extraction:
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dateline: Dateline | None = None
    #: Reasons a curator should look at this document (e.g. dateline vs publication date).
    review: list[str] = field(default_factory=list)
    #: With no publication date given: the one the dateline proposes (stored as the machine's
    #: value of the publication time, for a curator to confirm or correct).
    proposed_published: Resolved | None = None
