"""Data types shared by the temporal recognizer, the resolver and the rest of eventdb.

This module is the contract between the temporal engine and its users (extraction, storage,
curation). It has no logic beyond small helpers and imports nothing from the database layer.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from operator import attrgetter
from typing import Literal, TypeVar

_T = TypeVar("_T", bound=type)


def compact_pickle(cls: _T) -> _T:
    """Pickle instances of the slotted dataclass ``cls`` as ``cls(*fields)``.

    Extractions cross from ingest's worker processes to the writer by pickle; the state methods
    Python gives slotted dataclasses are written in Python and cost more than the rest of the
    transfer, this is one C-level getter per object.
    """
    names = [f.name for f in fields(cls)]
    get = attrgetter(*names)
    if len(names) == 1:
        cls.__reduce__ = lambda self: (cls, (get(self),))  # type: ignore[method-assign]
    else:
        cls.__reduce__ = lambda self: (cls, get(self))  # type: ignore[method-assign]
    return cls

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

#: How fine a resolved value is. ``None`` on a :class:`Resolved` means "not a calendar span"
#: (durations, sets, ``PAST_REF``...).
Precision = Literal[
    "millennium", "century", "decade", "year", "half", "quarter", "season",
    "month", "week", "day", "time",
]

#: Anchor of an expression as found by the tagger:
#:   ``None``      absolute ("June 26, 2014"): needs no anchor;
#:   ``"dct"``     the document creation (publication) time;
#:   ``"timex:N"`` the N-th expression of the same tag() result (anaphora: "the same day");
#:   ``"event:N"`` the N-th event of an extraction (set by the event extractor, not by tag()).
Anchor = str | None


@compact_pickle
@dataclass(frozen=True, slots=True)
class Resolved:
    """What an expression denotes once resolved (or what is known while it is not).

    ``value`` is a TIMEX3 value: ``2014-06-26``, ``2014-W25``, ``2014-06``, ``2014-Q2``, ``2014-SU``,
    ``199`` (decade), ``P3W`` (duration), ``PAST_REF``, ``2014-06-26T20:00``, or, while the anchor is
    unknown, an underspecified value such as ``XXXX-WXX-4``. ``earliest``/``latest`` are inclusive
    calendar bounds, set only when the value denotes a calendar span.
    """

    value: str
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, BEFORE, AFTER, ...
    precision: Precision | None = None
    earliest: date | None = None
    latest: date | None = None
    edtf: str | None = None

    @property
    def is_resolved(self) -> bool:
        """True when the value is fully specified (no ``X`` placeholders)."""
        return "X" not in self.value


@compact_pickle
@dataclass(frozen=True, slots=True)
class Timex:
    """One temporal expression found in a text.

    ``rule`` is a compact, serialisable description of how ``resolved`` follows from the anchor
    (for example ``weekday:4:past``). It is stored in the database so that
    ``resolve(rule, new_anchor)`` can recompute the value when an anchor changes; that call must give
    exactly what a fresh ``tag()`` with the new anchor gives.
    """

    start: int
    end: int
    text: str
    type: TimexType
    rule: str
    anchor: Anchor
    resolved: Resolved
