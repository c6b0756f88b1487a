"""Export: CSV columns and spreadsheet safety, JSONL fields and spans."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from eventdb.services.export import CSV_COLUMNS, neutralize
from tests.helpers import export_csv, export_jsonl, ok, run

REQUIRED_CSV = [
    "event_id", "date", "precision", "earliest", "latest", "edtf", "status", "headline",
    "participants", "document_id", "document_title", "source", "url", "evidence",
    "time_expression", "anchor",
]
REQUIRED_JSON = {
    "id", "document", "start", "end", "headline", "value", "precision", "earliest", "latest",
    "edtf", "status", "anchor", "time_expression", "participants",
}


def test_csv_header_and_rows(db_url: str, seeds_jsonl: Path) -> None:
    ok(db_url, "ingest", str(seeds_jsonl))
    out = ok(db_url, "export", "--reports").stdout
    header = next(csv.reader(io.StringIO(out)))
    assert header == CSV_COLUMNS
    assert set(REQUIRED_CSV) <= set(header)
    rows = export_csv(db_url)
    for row in rows:
        assert row["status"] in {"machine", "corrected", "confirmed", "unresolved", "needs-review"}
        assert row["evidence"]
        if row["earliest"]:
            assert row["earliest"] <= row["latest"]


def test_jsonl_spans_point_into_the_text(db_url: str, seeds_jsonl: Path) -> None:
    ok(db_url, "ingest", str(seeds_jsonl))
    texts = {json.loads(l)["id"]: json.loads(l)["text"] for l in seeds_jsonl.read_text().splitlines()}
    rows = export_jsonl(db_url)
    assert rows
    for row in rows:
        assert REQUIRED_JSON <= set(row)
        text = texts[row["document"]]
        assert 0 <= row["start"] < row["end"] <= len(text)
        if row["time_expression"]:
            te = row["time_expression"]
            assert text[te["start"]:te["end"]] == te["text"]
        for p in row["participants"]:
            assert text[p["start"]:p["end"]] == p["text"]
            assert {"id", "name", "kind", "role"} <= set(p)


def test_formula_cells_are_neutralized(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "evil.json"
    path.write_text(json.dumps({
        "id": "=cmd|' /C calc'!A0", "title": "@SUM(1+1)", "source": "+44 wire",
        "published": "2014-06-27",
        "text": "=HYPERLINK(\"http://x\") Rebels attacked the town on Thursday.",
    }))
    ok(db_url, "ingest", str(path))
    rows = export_csv(db_url)
    assert rows
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert rows[0]["document_id"].startswith("'=")
    assert rows[0]["document_title"] == "'@SUM(1+1)"


def test_neutralize_leaves_ordinary_text() -> None:
    assert neutralize("Rebels attacked") == "Rebels attacked"
    assert neutralize("-1") == "'-1"
    assert neutralize("\tx") == "'\tx"
    assert neutralize(3) == 3


def test_export_to_file(db_url: str, seeds_jsonl: Path, tmp_path: Path) -> None:
    ok(db_url, "ingest", str(seeds_jsonl))
    target = tmp_path / "chronology.csv"
    result = ok(db_url, "export", "-o", str(target))
    assert "happenings written to" in result.stderr  # CSV: one row per happening by default
    assert target.read_text(encoding="utf-8").startswith("happening_id,")
    result = ok(db_url, "export", "--reports", "-o", str(target))
    assert "events written to" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("event_id,")


def test_export_to_unwritable_place_is_one_line(db_url: str, tmp_path: Path) -> None:
    result = run(db_url, "export", "-o", str(tmp_path / "no" / "such" / "dir.csv"))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot write")
    assert len(result.stderr.strip().splitlines()) == 1


def test_fast_csv_path_matches_the_row_path(db_url: str, seeds_jsonl: Path, tmp_path: Path) -> None:
    """`eventdb export` writes CSV cells straight from a query (names aggregated, formulas
    neutralised, anchors described in SQL); it must equal the general path."""
    from eventdb.db.engine import Database
    from eventdb.services.chronology import EventFilter, iter_chronology
    from eventdb.services.export import export_csv, write_csv

    ok(db_url, "ingest", str(seeds_jsonl))
    # Cells a spreadsheet would run as formulas, in each kind of column; an undated document.
    risky = tmp_path / "risky.jsonl"
    risky.write_text(json.dumps({
        "id": "=cmd|' /C calc'!A0", "title": "+Rebels", "source": "@wire", "url": "-u",
        "published": "2014-06-27",
        "text": "-Rebels attacked the base on Thursday.\n=SUM(A1) said Syria on Friday.",
    }) + "\n" + json.dumps({"id": "undated", "text": "Officials met on Wednesday."}) + "\n")
    ok(db_url, "ingest", str(risky))
    db = Database(db_url)
    with db.session() as s:
        for filters in (None, EventFilter(participant="ISIS"), EventFilter(statuses=["machine"]),
                        EventFilter(date_from=date(2014, 6, 1), date_to=date(2014, 6, 30)),
                        EventFilter(document="=cmd|' /C calc'!A0")):
            slow, fast = io.StringIO(), io.StringIO()
            write_csv(slow, iter_chronology(s, filters))
            export_csv(fast, s, filters)
            assert fast.getvalue() == slow.getvalue()
            assert fast.getvalue().count("\n") > 1
    db.dispose()
