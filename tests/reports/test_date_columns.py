"""Qualified dates in the exports and the CLI: machine forms in their own columns (value, mod,
earliest, latest, edtf; decades as EDTF ``198X``), the words in ``date_words``; `show` and
`history` print words, never TIMEX3 notation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventdb.db.engine import Database
from eventdb.services.chronology import iter_chronology
from eventdb.services.curation import Curation
from eventdb.services.export import CSV_COLUMNS, export_csv, write_csv
from tests.helpers import export_csv as exported_csv
from tests.helpers import export_jsonl, ok

TEXT = ("Rebels attacked Qaim on Monday. The army shelled Mosul on Tuesday. "
        "Officials met in Baghdad on Wednesday. Protesters marched in Basra on Thursday.")
DATES = {  # headline word -> typed -> (date, mod, earliest, latest, edtf, date_words)
    "attacked": ("the 1980s", ("198", "", "1980-01-01", "1989-12-31", "198X", "the 1980s")),
    "shelled": ("late 1980s", ("198", "END", "1985-01-01", "1989-12-31", "1985/1989",
                               "the late 1980s")),
    "met": ("before 1980", ("1980", "BEFORE", "", "1979-12-31", "../1979", "before 1980")),
    "marched": ("2014-06?", ("2014-06", "", "2014-06-01", "2014-06-30", "2014-06?",
                             "June 2014 (uncertain)")),
}


@pytest.fixture
def curated(db_url: str, tmp_path: Path) -> str:
    path = tmp_path / "story.jsonl"
    path.write_text(json.dumps({"id": "story", "published": "2014-06-27", "text": TEXT}) + "\n",
                    encoding="utf-8")
    ok(db_url, "ingest", str(path))
    ids = {word: next(e["id"] for e in export_jsonl(db_url) if word in e["headline"])
           for word in DATES}
    db = Database(db_url)
    try:
        curation = Curation(db, "ana")
        for word, (typed, _) in DATES.items():
            curation.set_date(ids[word], typed)
    finally:
        db.dispose()
    return db_url


def test_csv_keeps_machine_forms_and_adds_words(curated: str) -> None:
    rows = exported_csv(curated)
    assert list(rows[0]) == CSV_COLUMNS and {"mod", "date_words", "edtf"} <= set(CSV_COLUMNS)
    for word, (_, expected) in DATES.items():
        (row,) = [r for r in rows if word in r["headline"]]
        got = (row["date"], row["mod"], row["earliest"], row["latest"], row["edtf"],
               row["date_words"])
        assert got == expected, word
    # sorted by bounds: the 1980s (from 1980) before the late 1980s (from 1985); the open start
    # follows the dated events (its end decides among open starts)
    order = [next(w for w in DATES if w in r["headline"]) for r in rows]
    assert order == ["attacked", "shelled", "marched", "met"]


def test_fast_csv_equals_the_row_path_with_words(curated: str) -> None:
    db = Database(curated)
    try:
        with db.session() as s:
            slow, fast = io.StringIO(), io.StringIO()
            write_csv(slow, iter_chronology(s))
            export_csv(fast, s)
            assert fast.getvalue() == slow.getvalue()
    finally:
        db.dispose()


def test_jsonl_has_the_words(curated: str) -> None:
    rows = {r["headline"].split()[1]: r for r in export_jsonl(curated)}
    assert rows["attacked"]["date_words"] == "the 1980s" and rows["attacked"]["edtf"] == "198X"
    assert rows["met"]["mod"] == "BEFORE" and rows["met"]["earliest"] is None


def test_show_and_history_print_words(curated: str) -> None:
    shown = ok(curated, "show", env={"COLUMNS": "200"}).stdout
    assert "the late 1980s" in shown and "before 1980" in shown
    event_id = next(e["id"] for e in export_jsonl(curated) if "met" in e["headline"])
    history = ok(curated, "history", str(event_id), env={"COLUMNS": "200"}).stdout
    assert "before 1980" in history
    (current,) = [h for h in json.loads(ok(curated, "history", str(event_id), "--json").stdout)
                  if h["current"] and h["subject"].startswith("event")]
    assert (current["value"], current["mod"], current["edtf"], current["words"]) == (
        "1980", "BEFORE", "../1979", "before 1980")
