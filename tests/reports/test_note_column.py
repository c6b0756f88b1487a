"""A curator's note (why a date is what it is, the source) travels with the date into the
exports: the CSV's ``note`` column (both the fast SQL path and the row path) and JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from eventdb.db.engine import Database
from eventdb.services.chronology import iter_chronology
from eventdb.services.export import export_csv, write_csv
from tests.helpers import export_jsonl, ok

TEXT = "Rebels attacked Qaim on Monday. The army shelled Mosul on Tuesday."


def test_the_note_of_the_current_date_is_exported(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "story.jsonl"
    path.write_text(json.dumps({"id": "story", "published": "2014-06-27", "text": TEXT}) + "\n",
                    encoding="utf-8")
    ok(db_url, "ingest", str(path))
    attacked = next(e["id"] for e in export_jsonl(db_url) if "attacked" in e["headline"])
    ok(db_url, "set-date", str(attacked), "2014-06-24", "--note", "=Reuters: Tuesday, not Monday")
    notes = {e["id"]: e["note"] for e in export_jsonl(db_url)}
    assert notes[attacked] == "=Reuters: Tuesday, not Monday"
    assert [n for i, n in notes.items() if i != attacked] == [None] * (len(notes) - 1)

    db = Database(db_url)
    try:
        with db.session() as s:
            fast, rows = io.StringIO(), io.StringIO()
            export_csv(fast, s)
            write_csv(rows, iter_chronology(s))
    finally:
        db.dispose()
    assert fast.getvalue() == rows.getvalue()  # the SQL path and the row path agree
    records = {int(r["event_id"]): r for r in csv.DictReader(io.StringIO(fast.getvalue()))}
    assert records[attacked]["note"] == "'=Reuters: Tuesday, not Monday"  # neutralised
    ok(db_url, "undo")
    assert {e["id"]: e["note"] for e in export_jsonl(db_url)}[attacked] is None
