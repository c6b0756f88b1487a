"""Exporting the chronology: CSV (spreadsheet-safe, see ``outfiles``) and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import IO, Any

from sqlalchemy import Select, String, case, cast, func, literal, literal_column, type_coerce
from sqlalchemy.orm import Session

from eventdb.services.chronology import (
    ChronologyRow, D, E, EventFilter, anchor_node, chronology_query, current_note, event_node,
    segments,
)
from eventdb.services.outfiles import (  # noqa: F401 - neutralize: part of this API
    FORMULA_CHARS, LEADING_IGNORED, RAW_STARTS, csv_writer, neutralize, write_csv_rows,
)
from eventdb.temporal.wording import date_words

CSV_COLUMNS = [
    "event_id", "date", "precision", "earliest", "latest", "edtf", "status", "date_how",
    "confidence", "headline", "participants", "document_id", "document_title", "source", "url",
    "evidence", "time_expression", "anchor",
    # The TIMEX3 mod beside the value ("date"), and the date as a curator reads it.
    "mod", "date_words",
    # The curator's note on the current date (why, the source), empty for the machine's.
    "note",
]

def _iso(value) -> str | None:  # noqa: ANN001
    return value.isoformat() if value is not None else None


def csv_record(row: ChronologyRow) -> list[Any]:
    names = list(dict.fromkeys(p.name for p in row.participants))
    return [
        row.id, row.value, row.precision, _iso(row.earliest), _iso(row.latest), row.edtf,
        row.status, row.date_how, f"{row.confidence:.2f}", row.headline, ";".join(names),
        row.document_id, row.document_title, row.source, row.url, row.evidence, row.time_text,
        row.anchor, row.mod,
        date_words(row.value, row.mod, row.precision, row.earliest, row.latest, row.edtf),
        row.note,
    ]


def json_record(row: ChronologyRow) -> dict[str, Any]:
    time_expression = None
    if row.time_kind in ("expression", "dateline") and row.time_start is not None:
        time_expression = {"start": row.time_start, "end": row.time_end, "text": row.time_text}
    return {
        "id": row.id,
        "document": row.document_id,
        "start": row.start,
        "end": row.end,
        "headline": row.headline,
        "trigger": row.trigger,
        "trigger_start": row.trigger_start,
        "trigger_end": row.trigger_end,
        "value": row.value,
        "mod": row.mod,
        "precision": row.precision,
        "earliest": _iso(row.earliest),
        "latest": _iso(row.latest),
        "edtf": row.edtf,
        "date_words": date_words(row.value, row.mod, row.precision, row.earliest, row.latest,
                                 row.edtf),
        "status": row.status,
        "note": row.note,
        "date_how": row.date_how,
        "confidence": round(row.confidence, 3),
        "relation": row.relation,
        "anchor": row.anchor,
        "time_expression": time_expression,
        "participants": [
            {"id": p.id, "name": p.name, "kind": p.kind, "role": p.role, "start": p.start,
             "end": p.end, "text": p.text}
            for p in row.participants
        ],
        "happening": row.happening,
        "background": row.background,
        "kind": row.kind,
    }


def write_csv(out: IO[str], rows: Iterable[ChronologyRow]) -> int:
    return write_csv_rows(out, CSV_COLUMNS, (csv_record(r) for r in rows))


#: Participant names of an event, in order of first mention, ';'-joined: computed in SQL for the
#: CSV export, which needs names only (a participants query per batch would cost more).
_NAMES_SQL = {
    "sqlite": """(SELECT group_concat(name, ';') FROM (
        SELECT p.name AS name FROM event_arguments ea
        JOIN mentions m ON m.id = ea.mention_id JOIN participants p ON p.id = m.participant_id
        WHERE ea.event_id = events.id GROUP BY p.id, p.name ORDER BY MIN(m.start), p.id))""",
    "postgresql": """(SELECT string_agg(name, ';' ORDER BY first_start, pid)
        FROM (SELECT p.name AS name, p.id AS pid, MIN(m.start) AS first_start FROM event_arguments ea
        JOIN mentions m ON m.id = ea.mention_id JOIN participants p ON p.id = m.participant_id
        WHERE ea.event_id = events.id GROUP BY p.id, p.name) named)""",
}


def csv_query(session: Session, filters: EventFilter | None = None, *, dated: bool = True,
              background: bool = True) -> Select:
    """One segment of the chronology as the CSV export's cells, in its column order, but for
    ``date_words`` (made in Python from the date cells) and before neutralisation (``csv_cells``):
    values the database formats and the anchor put in words, so that per-row Python is small.
    Same cells as ``csv_record`` gives for ``iter_chronology``'s rows."""
    dialect = session.get_bind().dialect.name
    names = literal_column(_NAMES_SQL[dialect])
    # As the database stores them (ISO text on SQLite): no parse-then-print per row.
    earliest, latest = type_coerce(E.earliest, String), type_coerce(E.latest, String)
    confidence = (func.printf("%.2f", E.confidence) if dialect == "sqlite"
                  else func.to_char(E.confidence, "FM999999990.00"))
    evidence = func.substr(
        D.text, E.sentence_start + 1, E.sentence_end - E.sentence_start)
    node, on = event_node, anchor_node
    unknown = literal("(unknown)", String)
    anchor = case(  # chronology.describe_anchor, in SQL
        (node.id.is_(None), "none"),
        (node.kind == "publication", "publication date " + func.coalesce(node.value, unknown)),
        (node.anchor_event_id.is_not(None), "event " + cast(node.anchor_event_id, String)),
        (on.kind == "publication", "publication date " + func.coalesce(on.value, unknown)),
        (on.kind.is_not(None), '"' + func.coalesce(on.text, "") + '"' + func.coalesce(" " + on.value, "")),
        else_="absolute",
    )
    cells = [
        E.id, E.value, E.precision, earliest, latest, E.edtf,
        E.status, E.date_how, confidence, E.headline, names,
        D.external_id, D.title, D.source,
        D.url, evidence, event_node.text, anchor, E.mod, current_note(),
    ]
    stmt = chronology_query(filters, dated=dated).with_only_columns(*cells)
    return stmt if background else stmt.where(~E.background)


#: The query's columns that hold text (the others: the id, and dates as the driver gives them).
_TEXT_CELLS = tuple(i for i in range(len(CSV_COLUMNS)) if CSV_COLUMNS[i] not in
                    ("event_id", "earliest", "latest"))
#: A text cell starting with none of these is written as it is (``outfiles.is_formula``).
_RISKY_FIRST = frozenset(RAW_STARTS + FORMULA_CHARS + LEADING_IGNORED)
_first = itemgetter(0)


def csv_cells(rows: Sequence[Sequence]) -> Iterator[tuple]:
    """A batch of ``csv_query`` rows as the CSV's records: ``date_words`` added, formulas
    neutralised. Column by column, so the common case runs in C: a column whose cells all
    start with a plain character (nearly every one) is passed on as it is, and only a column
    with a risky first character goes through ``neutralize``, cell by cell."""
    if not rows:
        return iter(())
    columns = list(zip(*rows))
    # value, mod, precision, earliest, latest, edtf: as fetched (neutralised only below)
    words = list(map(_words_cell, columns[1], columns[18], columns[2], columns[3], columns[4],
                     columns[5]))
    columns.insert(19, words)  # date_words goes before the note (CSV_COLUMNS)
    return _neutralized(columns, _TEXT_CELLS)


def neutralize_columns(rows: Sequence[Sequence], text_cells: Iterable[int]) -> Iterator[tuple]:
    """``rows`` with formula-like text in the ``text_cells`` columns neutralised, column by
    column (see ``csv_cells``)."""
    if not rows:
        return iter(())
    return _neutralized(list(zip(*rows)), text_cells)


def _neutralized(columns: list, text_cells: Iterable[int]) -> Iterator[tuple]:
    for i in text_cells:
        column = columns[i]
        if not _RISKY_FIRST.isdisjoint(map(_first, filter(None, column))):
            columns[i] = [neutralize(c) for c in column]
    return zip(*columns)


def iter_csv_rows(session: Session, filters: EventFilter | None = None, *,
                  batch: int = 2000, background: bool = True) -> Iterator[Sequence]:
    """Batches of ``csv_query`` rows: dated events first, then undated ones."""
    return segments(session, lambda dated: csv_query(session, filters, dated=dated,
                                                     background=background), batch)


def export_csv(out: IO[str], session, filters=None, *, background: bool = True) -> int:  # noqa: ANN001
    """The chronology as CSV, streamed from a query that yields the cells themselves.

    Same output as ``write_csv(out, iter_chronology(...))``, several times faster: participant
    names are aggregated and anchors described in SQL, formulas neutralised column by column
    (``csv_cells``), and rows go from the cursor to the csv writer in batches.
    """
    writer = csv_writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for rows in iter_csv_rows(session, filters, background=background):
        writer.writerows(csv_cells(rows))
        count += len(rows)
    return count


@lru_cache(maxsize=65536)
def _words_cell(value, mod, precision, earliest, latest, edtf) -> str:  # noqa: ANN001
    """The ``date_words`` cell from the query's cells (bounds as ISO text on SQLite)."""
    if isinstance(earliest, str):
        earliest = date.fromisoformat(earliest)
    if isinstance(latest, str):
        latest = date.fromisoformat(latest)
    return date_words(value, mod, precision, earliest, latest, edtf)


def jsonl_lines(rows: Iterable[ChronologyRow]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(json_record(row), ensure_ascii=False) + "\n"


def write_jsonl(out: IO[str], rows: Iterable[ChronologyRow]) -> int:
    count = 0
    for line in jsonl_lines(rows):
        out.write(line)
        count += 1
    return count
