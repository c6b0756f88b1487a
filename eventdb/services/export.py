"""Exporting the chronology: CSV (spreadsheet-safe) and JSON Lines."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from eventdb.services.chronology import ChronologyRow

CSV_COLUMNS = [
    "event_id", "date", "precision", "earliest", "latest", "edtf", "status", "date_how",
    "confidence", "headline", "participants", "document_id", "document_title", "source", "url",
    "evidence", "time_expression", "anchor",
]

_FORMULA_START = frozenset("=+-@\t\r")


def neutralize(cell: Any) -> Any:
    """Prefix ``'`` to text a spreadsheet would run as a formula (CSV injection)."""
    if isinstance(cell, str) and cell[:1] in _FORMULA_START:
        return "'" + cell
    return cell


def write_csv_rows(out: IO[str], header: Iterable[str], rows: Iterable[Iterable[Any]]) -> int:
    """Write a header and rows with ``csv`` quoting, every cell neutralized. Returns the row count."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralize(h) for h in header])
    write, start, text = writer.writerow, _FORMULA_START, str  # locals: this loop runs per row
    count = 0
    for row in rows:
        write(["" if c is None else "'" + c if c.__class__ is text and c[:1] in start else c
               for c in row])
        count += 1
    return count


def _iso(value) -> str | None:  # noqa: ANN001
    return value.isoformat() if value is not None else None


def csv_record(row: ChronologyRow) -> list[Any]:
    names = list(dict.fromkeys(p.name for p in row.participants))
    return [
        row.id, row.value, row.precision, _iso(row.earliest), _iso(row.latest), row.edtf,
        row.status, row.date_how, f"{row.confidence:.2f}", row.headline, ";".join(names),
        row.document_id, row.document_title, row.source, row.url, row.evidence, row.time_text,
        row.anchor,
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
        "value": row.value,
        "mod": row.mod,
        "precision": row.precision,
        "earliest": _iso(row.earliest),
        "latest": _iso(row.latest),
        "edtf": row.edtf,
        "status": row.status,
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
    }


def write_csv(out: IO[str], rows: Iterable[ChronologyRow]) -> int:
    return write_csv_rows(out, CSV_COLUMNS, (csv_record(r) for r in rows))


def export_csv(out: IO[str], session, filters=None) -> int:  # noqa: ANN001
    """The chronology as CSV, streamed from a query that yields the cells themselves.

    Same output as ``write_csv(out, iter_chronology(...))``, several times faster: participant
    names are aggregated, formulas neutralised and anchors described in SQL, and rows go from the
    cursor to the csv writer as they are.
    """
    from eventdb.services.chronology import iter_csv_rows

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for rows in iter_csv_rows(session, filters):
        writer.writerows(rows)
        count += len(rows)
    return count


def jsonl_lines(rows: Iterable[ChronologyRow]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(json_record(row), ensure_ascii=False) + "\n"


def write_jsonl(out: IO[str], rows: Iterable[ChronologyRow]) -> int:
    count = 0
    for line in jsonl_lines(rows):
        out.write(line)
        count += 1
    return count
