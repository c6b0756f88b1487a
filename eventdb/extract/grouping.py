"""In-article grouping: which events of one document report the same happening (``same_as``)."""

from __future__ import annotations

from eventdb.extract.clauses import Clause
from eventdb.extract.kinds import kind_of
from eventdb.extract.model import Extraction


def link(text: str, out: Extraction, clauses: list[Clause | None], title_end: int) -> None:
    """Fill ``Event.kind`` and ``Event.same_as`` of the events of ``out``."""
    for ev in out.events:
        ev.kind = kind_of(ev.trigger) if ev.trigger else None
