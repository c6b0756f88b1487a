"""CSV export of happenings: one row per happening (its date, kind, number of reports, sources,
when it was first reported, its lead report's headline and sentence).

One SQL query does the work (the aggregates of the ``happenings`` view, plus the lists of
documents and events), streamed in batches: the database groups the reports, not Python. A
happening is listed when one of its reports passes the filters (the chronology's, see
``chronology.filter_clauses``); its counts and lists are over all its live reports. Background
reports are left out unless asked for (``background=True``), and a happening none of whose
reports is left is not listed. The lead report is the one the TUI shows for the happening: one
dated by its own text before one dated by the publication default, then the first stored.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import IO

from sqlalchemy import Select, String, cast, func, select
from sqlalchemy.orm import Session

from eventdb.db.models import Happening, TimeNode
from eventdb.services.chronology import (
    E, EventFilter, documents, events, filter_clauses, lead_report,
)
from eventdb.services.export import neutralize_columns
from eventdb.services.outfiles import csv_writer, safe_row

HAPPENING_COLUMNS = [
    "happening_id", "date", "precision", "earliest", "latest", "edtf", "status", "date_how",
    "kind", "conflict", "reports", "sources", "first_reported", "headline", "documents",
    "evidence", "event_ids",
]
#: Columns that hold text a spreadsheet could read as a formula (headline, documents, evidence).
_TEXT_CELLS = (13, 14, 15)


def _live(table, background: bool) -> list:  # noqa: ANN001 - an events table or alias
    c = table.c
    clauses = [c.happening_id.is_not(None), c.status != "rejected", c.merged_into_id.is_(None)]
    if not background:
        clauses.append(c.background.is_(False))
    return clauses


def happening_query(filters: EventFilter | None = None, *, background: bool = False) -> Select:
    """The happenings' CSV rows in date order (undated last), as one SELECT."""
    h = Happening.__table__
    r, rd = events.alias("r"), documents.alias("rd")
    pub = TimeNode.__table__.alias("pub")
    per_happening = (
        select(r.c.happening_id.label("hid"), func.count().label("reports"),
               func.count(func.distinct(func.coalesce(rd.c.source, rd.c.external_id)))
               .label("sources"),
               func.min(pub.c.earliest).label("first_reported"),
               func.aggregate_strings(cast(r.c.id, String), ";").label("event_ids"))
        .select_from(r.join(rd, rd.c.id == r.c.document_id)
                     .outerjoin(pub, pub.c.id == rd.c.published_node_id))
        .where(*_live(r, background))
        .group_by(r.c.happening_id)
        .subquery("per_happening")
    )
    # The documents, each once (an aggregate over DISTINCT pairs: portable across dialects).
    pairs = (select(r.c.happening_id.label("hid"), rd.c.external_id.label("doc"))
             .join(rd, rd.c.id == r.c.document_id).where(*_live(r, background))
             .distinct().subquery("pairs"))
    doc_lists = (select(pairs.c.hid, func.aggregate_strings(pairs.c.doc, ";").label("docs"))
                 .group_by(pairs.c.hid).subquery("doc_lists"))
    f = filters or EventFilter()
    # Led by a report the filters show, as in the TUI and `show`.
    lead_id = lead_report(h.c.id, h, replace(f, background=background, leads_only=False))
    lead, lead_doc = events.alias("lead"), documents.alias("lead_doc")
    evidence = func.substr(lead_doc.c.text, lead.c.sentence_start + 1,
                           lead.c.sentence_end - lead.c.sentence_start)
    stmt = (
        select(h.c.id, h.c.value, h.c.precision, h.c.earliest, h.c.latest, h.c.edtf,
               h.c.status, h.c.date_how, h.c.kind, h.c.conflict, per_happening.c.reports,
               per_happening.c.sources, per_happening.c.first_reported, lead.c.headline,
               doc_lists.c.docs, evidence, per_happening.c.event_ids)
        .select_from(h.join(per_happening, per_happening.c.hid == h.c.id)
                     .join(doc_lists, doc_lists.c.hid == h.c.id)
                     .join(lead, lead.c.id == lead_id)
                     .join(lead_doc, lead_doc.c.id == lead.c.document_id))
        .order_by(h.c.earliest.is_(None), h.c.earliest, h.c.latest, h.c.id)
    )
    clauses = filter_clauses(f)
    if f.statuses or f.document or f.date_from or f.date_to or f.text or f.participant:
        matching = select(E.happening_id).where(E.happening_id.is_not(None), *clauses)
        if not background:
            matching = matching.where(E.background.is_(False))
        stmt = stmt.where(h.c.id.in_(matching))
    return stmt


def _cells(rows: Sequence[Sequence]) -> list[tuple]:
    out = []
    for row in rows:
        row = list(row)
        for i in (3, 4, 12):  # dates: ISO text on both engines
            if row[i] is not None and not isinstance(row[i], str):
                row[i] = row[i].isoformat()
        row[9] = "yes" if row[9] else ""
        # The lists in a stable order on every engine (the aggregates do not promise one).
        row[14] = ";".join(sorted(row[14].split(";")))
        row[16] = ";".join(sorted(row[16].split(";"), key=int))
        out.append(row)
    return list(neutralize_columns(out, _TEXT_CELLS))


def happening_batches(session: Session, filters: EventFilter | None = None, *,
                      background: bool = False, batch: int = 2000) -> Iterator[list[tuple]]:
    """The CSV rows, streamed in batches (formula-like text already neutralised)."""
    result = session.connection().execute(
        happening_query(filters, background=background).execution_options(yield_per=batch))
    for chunk in result.partitions():
        yield _cells(chunk)


def happening_rows(session: Session, filters: EventFilter | None = None, *,
                   background: bool = False) -> list[tuple]:
    """Every CSV row, in order."""
    return [row for chunk in happening_batches(session, filters, background=background)
            for row in chunk]


def export_happenings_csv(out: IO[str], session: Session, filters: EventFilter | None = None,
                          *, background: bool = False) -> int:
    """Write the happenings CSV; returns the number of rows."""
    writer = csv_writer(out)
    writer.writerow(safe_row(HAPPENING_COLUMNS))
    count = 0
    for chunk in happening_batches(session, filters, background=background):
        writer.writerows(chunk)
        count += len(chunk)
    return count
