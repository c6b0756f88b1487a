"""Exporting the chronology: CSV (spreadsheet-safe, see ``outfiles``) and JSON Lines."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import lru_cache
from typing import IO, Any

from sqlalchemy import (
    Select, String, and_, case, cast, func, literal, literal_column, type_coerce,
)
from sqlalchemy.orm import Session

from eventdb.db.models import Document, Event
from eventdb.services.chronology import (
    ChronologyRow, EventFilter, anchor_node, chronology_query, current_note, event_node, segments,
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
    "sqlite": """(SELECT {safe} FROM (SELECT group_concat(name, ';') AS names FROM (
        SELECT p.name AS name FROM event_arguments ea
        JOIN mentions m ON m.id = ea.mention_id JOIN participants p ON p.id = m.participant_id
        WHERE ea.event_id = events.id GROUP BY p.id, p.name ORDER BY MIN(m.start))))""",
    "postgresql": """(SELECT {safe} FROM (SELECT string_agg(name, ';' ORDER BY first_start) AS names
        FROM (SELECT p.name AS name, MIN(m.start) AS first_start FROM event_arguments ea
        JOIN mentions m ON m.id = ea.mention_id JOIN participants p ON p.id = m.participant_id
        WHERE ea.event_id = events.id GROUP BY p.id, p.name) named) aggregated)""",
}


def csv_query(session: Session, filters: EventFilter | None = None, *, dated: bool = True,
              background: bool = True) -> Select:
    """One segment of the chronology as the CSV export's cells, in its column order: values the
    database formats, spreadsheet formulas neutralised and the anchor put in words, so that rows
    go from the cursor to the csv writer untouched (per-row Python is most of an export's time).
    Same cells as ``csv_record`` gives for ``iter_chronology``'s rows."""
    dialect = session.get_bind().dialect.name
    # Neutralised in the aggregate's own query, so that the aggregate is computed once a row.
    names = literal_column(_NAMES_SQL[dialect].format(safe=_safe_sql("names", dialect)))
    # As the database stores them (ISO text on SQLite): no parse-then-print per row.
    earliest, latest = type_coerce(Event.earliest, String), type_coerce(Event.latest, String)
    confidence = (func.printf("%.2f", Event.confidence) if dialect == "sqlite"
                  else func.to_char(Event.confidence, "FM999999990.00"))
    # Checked after leading blanks too, as outfiles.neutralize does: on the whole sentence.
    evidence = _safe(func.substr(
        Document.text, Event.sentence_start + 1, Event.sentence_end - Event.sentence_start),
        dialect, first=func.substr(Document.text, Event.sentence_start + 1, 1))
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
    def safe(cell):  # noqa: ANN001, ANN202
        return _safe(cell, dialect)

    cells = [
        Event.id, safe(Event.value), Event.precision, earliest, latest, safe(Event.edtf),
        Event.status, Event.date_how, confidence, safe(Event.headline), names,
        safe(Document.external_id), safe(Document.title), safe(Document.source),
        safe(Document.url), evidence, safe(event_node.text), anchor, Event.mod,
        safe(current_note()),
    ]
    stmt = chronology_query(filters, dated=dated).with_only_columns(*cells)
    return stmt if background else stmt.where(~Event.background)


#: The function giving a character's code point, by dialect (for ``_safe``'s fast path).
_CODEPOINT = {"sqlite": "unicode", "postgresql": "ascii"}
#: Code points that neither start a formula nor are blank: 'A' to '~' (letters mostly) and '0'
#: to '<' (digits: dates); the common cells are decided on them alone.
_PLAIN = ((65, 126), (48, 60))


def _safe(cell, dialect: str, first=None):  # noqa: ANN001, ANN202 - column expressions
    """``outfiles.neutralize`` in SQL, decided on the first character for most cells: ``'``
    before a cell starting with a tab, a CR or a formula character, or with blanks or invisible
    characters before one (SQL's ``ltrim(x, set)`` strips a set of characters as ``str.lstrip``
    does). ``first``: a cheaper expression of the cell's first character, if there is one; the
    cell itself is then read again only when it is neutralised or starts with a blank."""
    first = func.substr(cell, 1, 1) if first is None else first
    shown = func.ltrim(cell, _text(LEADING_IGNORED))  # what a spreadsheet looks at
    codepoint = getattr(func, _CODEPOINT[dialect])
    return case(
        *((codepoint(first).between(low, high), cell) for low, high in _PLAIN),
        (first.in_(_chars(RAW_STARTS + FORMULA_CHARS)), "'" + cell),
        (and_(first.in_(_chars(LEADING_IGNORED)),
              func.substr(shown, 1, 1).in_(_chars(FORMULA_CHARS))), "'" + cell),
        else_=cell,
    )


def _sql_text(chars: str) -> str:
    """A SQL string literal (the sets are constants: written into the SQL, not bound)."""
    return "'" + chars.replace("'", "''") + "'"


def _text(chars: str):  # noqa: ANN202
    return literal_column(_sql_text(chars))


def _chars(chars: str) -> list:
    return [_text(c) for c in chars]


def _safe_sql(name: str, dialect: str) -> str:
    """``_safe`` written out, for the hand-written names aggregate."""
    def listed(chars: str) -> str:
        return ", ".join(_sql_text(c) for c in chars)

    first = f"substr({name}, 1, 1)"
    shown = f"substr(ltrim({name}, {_sql_text(LEADING_IGNORED)}), 1, 1)"
    quoted = f"'''' || {name}"
    plain = "".join(f"WHEN {_CODEPOINT[dialect]}({first}) BETWEEN {low} AND {high} THEN {name} "
                    for low, high in _PLAIN)
    return (f"CASE {plain}"
            f"WHEN {first} IN ({listed(RAW_STARTS + FORMULA_CHARS)}) THEN {quoted} "
            f"WHEN {first} IN ({listed(LEADING_IGNORED)}) "
            f"AND {shown} IN ({listed(FORMULA_CHARS)}) THEN {quoted} ELSE {name} END")


def iter_csv_rows(session: Session, filters: EventFilter | None = None, *,
                  batch: int = 2000, background: bool = True) -> Iterator[Sequence]:
    """Batches of CSV rows (see ``csv_query``): dated events first, then undated ones."""
    return segments(session, lambda dated: csv_query(session, filters, dated=dated,
                                                     background=background), batch)


def export_csv(out: IO[str], session, filters=None, *, background: bool = True) -> int:  # noqa: ANN001
    """The chronology as CSV, streamed from a query that yields the cells themselves.

    Same output as ``write_csv(out, iter_chronology(...))``, several times faster: participant
    names are aggregated, formulas neutralised and anchors described in SQL, and rows go from the
    cursor to the csv writer as they are.
    """
    writer = csv_writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    words = _words_cell
    for rows in iter_csv_rows(session, filters, background=background):
        # value, precision, earliest, latest, edtf are cells 1-5, then mod and the note last
        writer.writerows([(*r[:-1], words(r[1], r[-2], r[2], r[3], r[4], r[5]), r[-1])
                          for r in rows])
        count += len(rows)
    return count


@lru_cache(maxsize=65536)
def _words_cell(value, mod, precision, earliest, latest, edtf) -> str:  # noqa: ANN001
    """The ``date_words`` cell from the query's cells (bounds as ISO text on SQLite)."""
    if isinstance(earliest, str):
        earliest = date.fromisoformat(earliest)
    if isinstance(latest, str):
        latest = date.fromisoformat(latest)
    if isinstance(value, str) and value.startswith("'"):  # neutralised: no stored value starts so
        value = value[1:]
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
