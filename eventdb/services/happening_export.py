"""CSV export of happenings: one row per happening (its date, kind, number of reports, sources,
when it was first reported, its first report's headline and sentence).

The rows come from the chronology (``iter_chronology``, so the same filters apply and rejected or
merged events stay out), aggregated by happening; background reports are left out unless asked
for (``background=True``), and a happening none of whose reports is left is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdb.db.models import Document, Event, Happening, TimeNode
from eventdb.services.chronology import EventFilter, iter_chronology
from eventdb.services.outfiles import write_csv_rows

HAPPENING_COLUMNS = [
    "happening_id", "date", "precision", "earliest", "latest", "edtf", "status", "date_how",
    "kind", "conflict", "reports", "sources", "first_reported", "headline", "documents",
    "evidence", "event_ids",
]


@dataclass
class _Acc:
    headline: str
    evidence: str
    events: list[int] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def happening_rows(session: Session, filters: EventFilter | None = None, *,
                   background: bool = False) -> list[list]:
    """The CSV rows, in the happenings' date order (undated last)."""
    acc: dict[int, _Acc] = {}
    for row in iter_chronology(session, filters):
        if row.happening is None or (row.background and not background):
            continue
        a = acc.get(row.happening)
        if a is None:
            a = acc[row.happening] = _Acc(row.headline, row.evidence)
        a.events.append(row.id)
        if row.document_id not in a.documents:
            a.documents.append(row.document_id)
        a.sources.add(row.source or row.document_id)
    ids = sorted(acc)
    found: dict[int, Happening] = {}
    first: dict[int, date | None] = {}
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        found.update((h.id, h) for h in session.scalars(select(Happening).where(Happening.id.in_(part))))
        for hid, day in session.execute(
                select(Event.happening_id, TimeNode.earliest)
                .join(Document, Document.id == Event.document_id)
                .join(TimeNode, TimeNode.id == Document.published_node_id)
                .where(Event.happening_id.in_(part))):
            if day is not None and (first.get(hid) is None or day < first[hid]):  # type: ignore[operator]
                first[hid] = day
    out = []
    for hid in sorted(ids, key=lambda h: (found[h].earliest is None, found[h].earliest or date.min,
                                          found[h].latest or date.min, h)):
        h, a = found[hid], acc[hid]
        out.append([hid, h.value, h.precision, _iso(h.earliest), _iso(h.latest), h.edtf, h.status,
                    h.date_how, h.kind, "yes" if h.conflict else "", len(a.events),
                    len(a.sources), _iso(first.get(hid)), a.headline, ";".join(a.documents),
                    a.evidence, ";".join(map(str, a.events))])
    return out


def export_happenings_csv(out: IO[str], session: Session, filters: EventFilter | None = None,
                          *, background: bool = False) -> int:
    return write_csv_rows(out, HAPPENING_COLUMNS, happening_rows(session, filters,
                                                                 background=background))
