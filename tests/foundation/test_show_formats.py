"""``eventdb show``: table, CSV and JSON, export's filters, and tables that stay readable at 80
columns and when piped (dates and ids whole, text wrapped)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from eventdb.temporal.wording import date_words

from eventdb.cli.output import Listing, emit
from tests.helpers import export_jsonl, ok, run

NARROW = {"COLUMNS": "80"}


@pytest.fixture
def seeded(db_url: str, seeds_jsonl: Path) -> str:
    ok(db_url, "ingest", "-q", str(seeds_jsonl))
    return db_url


def show_json(db_url: str, *args: str) -> list[dict]:
    return json.loads(ok(db_url, "show", "--json", *args).stdout)


def test_one_listing_in_three_formats(seeded: str) -> None:
    records = show_json(seeded)
    assert records and list(records[0]) == ["id", "date", "date_words", "status", "headline",
                                            "participants", "document", "happening", "reports"]
    assert {"date": "2014-06-20", "date_words": "20 June 2014"}.items() <= records[0].items()
    every = show_json(seeded, "--reports", "--background")
    assert any(r["participants"] == ["Barack Obama", "ISIS"] for r in every)
    rows = list(csv.DictReader(io.StringIO(ok(seeded, "show", "--csv").stdout)))
    assert [int(r["id"]) for r in rows] == [r["id"] for r in records]
    assert [r["participants"] for r in rows] == ["; ".join(r["participants"]) for r in records]
    table = ok(seeded, "show", env=NARROW).stdout
    assert ok(seeded, "show", "--table", env=NARROW).stdout == table
    assert f"{len(records)} rows" in table
    both = run(seeded, "show", "--csv", "--json")
    assert both.exit_code == 2 and "choose one output format" in both.stderr


@pytest.mark.parametrize("filters", [
    (), ("--participant", "ISIS"), ("--participant", "islamic state"),
    ("--from", "2014-06-01", "--to", "2014-06-30"), ("--to", "2014-06-26"),
    ("--status", "unresolved"), ("--status", "unresolved", "--status", "rejected"),
    ("--document", "iraq-syria-strikes-2014", "--from", "2014-06-27"),
])
def test_show_takes_exports_filters(seeded: str, filters: tuple[str, ...]) -> None:
    every = [r["id"] for r in show_json(seeded, "--reports", "--background", *filters)]
    assert every == [r["id"] for r in export_jsonl(seeded, *filters)]
    if filters:
        assert len(every) < len(show_json(seeded, "--reports", "--background"))
    assert [r["id"] for r in show_json(seeded, "--reports", "--background", "--limit", "3",
                                       *filters)] == every[:3]
    # By default one row per happening (its lead report), background rows left out.
    exported = export_jsonl(seeded, *filters)
    shown = show_json(seeded, *filters)
    assert [r["id"] for r in shown] == [i for i in every if i in {r["id"] for r in shown}]
    assert len({r["happening"] for r in shown}) == len(shown)
    background = {r["id"] for r in exported if r["background"]}
    assert not background & {r["id"] for r in shown}
    told = {r["happening"] for r in exported if not r["background"]}
    assert {r["happening"] for r in shown} == told


def test_show_lists_one_row_per_happening_marked_with_its_reports(seeded: str) -> None:
    strike = next(r for r in show_json(seeded) if r["headline"].startswith("Syrian fighter jets"))
    assert strike["reports"] == 4 and strike["id"] == 14  # the report that writes "Thursday"
    table = ok(seeded, "show", env=NARROW).stdout
    assert "4× Syrian" in table


@pytest.mark.parametrize("args, message", [
    (("--from", "2014-07-01", "--to", "2014-06-01"), "--from 2014-07-01 is after --to 2014-06-01"),
    (("--from", "June"), "'June' is not a date (YYYY-MM-DD)"),
    (("--status", "maybe"), "'maybe' is not one of"),
    (("--limit", "0"), "0 is not in the range x>=1"),
])
def test_bad_filters_are_one_line(seeded: str, args: tuple[str, ...], message: str) -> None:
    result = run(seeded, "show", *args)
    assert result.exit_code != 0 and message in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def assert_readable(table: str, records: list[dict], width: int = 80) -> None:
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= width, table
    text = "\n".join(lines)
    for record in records:
        assert str(record["id"]) in text
        if record["date"]:
            words = date_words(record["date"], width=15)  # the table's short words
            assert words in text, f"{words} cut in\n{table}"
        assert record["document"] in text


def test_the_chronology_table_fits_80_columns_with_dates_whole(seeded: str) -> None:
    table = ok(seeded, "show", env=NARROW).stdout
    assert_readable(table, show_json(seeded))
    # Headlines wrap rather than vanish: every word of a short headline is on the page.
    short = min((r["headline"] for r in show_json(seeded) if len(r["headline"]) > 10), key=len)
    assert all(word in table for word in short.split())


def test_history_keeps_dates_whole_at_80_columns(seeded: str) -> None:
    event = show_json(seeded, "--participant", "Syria")[0]["id"]
    ok(seeded, "set-date", str(event), "2014-06-24", "--note",
       "Reuters dates the strike to Tuesday, citing two officials in Baghdad", env=NARROW)
    table = ok(seeded, "history", str(event), env=NARROW).stdout
    lines = table.splitlines()
    assert max(len(line) for line in lines) <= 80, table
    for entry in json.loads(ok(seeded, "history", str(event), "--json").stdout):
        words = date_words(entry["value"], entry["mod"], edtf=entry["edtf"], width=15)
        assert words in table, f"{words} cut in\n{table}"
        assert entry["when"][:10] in table
    assert "Reuters" in table and "Baghdad" in table  # the note wraps, whole


def test_piped_from_a_real_process(tmp_path: Path, seeds_jsonl: Path) -> None:
    """A pipe has no terminal width: the table takes $COLUMNS (else 80), without trailing blanks."""
    url = f"sqlite:///{tmp_path / 'piped.sqlite'}"
    ok(url, "init")
    ok(url, "ingest", "-q", str(seeds_jsonl))
    env = dict(os.environ, COLUMNS="80", NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "eventdb", "--db", url, "show"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert_readable(proc.stdout, show_json(url))
    assert all(line == line.rstrip() for line in proc.stdout.splitlines())
    assert "\x1b[" not in proc.stdout


def test_what_cannot_fit_makes_the_table_wider_not_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    token = "x" * 30
    listing = Listing(["id", "day", "token", "text"],
                      [(123456, date(2014, 6, 26), token, "words " * 20)])
    out = io.StringIO()
    emit(listing, "table", out)
    table = out.getvalue()
    assert "123456" in table and "2014-06-26" in table and token in table
    assert table.count("words") == 20
    assert max(len(line) for line in table.splitlines()) > 40


def test_a_narrow_table_wraps_text_into_its_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    listing = Listing(["id", "day", "headline"],
                      [(7, date(2014, 6, 26), "Syrian fighter jets bombed militant positions " * 3)])
    out = io.StringIO()
    emit(listing, "table", out)
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 50
    assert sum("bombed" in line for line in lines) == 3
