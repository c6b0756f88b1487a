"""One-line errors, never tracebacks (issue 18 section 5): arguments that are not UTF-8, dates
near the calendar's ends, numbers too large for a row id, unknown schema revisions.

Each refusal is one line on stderr, exit code 1, and changes nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from eventdb.db.engine import Database
from eventdb.db.models import ChangeLog, Document
from eventdb.temporal import interpret, parse_value
from tests.helpers import export_jsonl, ok, run

MAIN = "from eventdb.cli import main; main()"
DOC = {"id": "d", "title": "Strikes", "published": "2014-06-27",
       "text": "Rebels attacked the town on Thursday. Next year the army will leave."}
OUT_OF_RANGE = "Error: the date would fall outside years 1-9999\n"


def ingest(db_url: str, tmp_path: Path, *docs: dict) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in (DOC, *docs)), encoding="utf-8")
    ok(db_url, "ingest", str(path))


def changes(db_url: str) -> int:
    db = Database(db_url)
    try:
        with db.session() as s:
            return s.scalar(select(func.count()).select_from(ChangeLog))
    finally:
        db.dispose()


def one_line(result, message: str) -> None:  # noqa: ANN001
    assert result.exit_code == 1, result.stderr
    assert result.stderr == message
    assert "Traceback" not in result.stdout


def event_id(db_url: str, headline_start: str) -> int:
    return next(e["id"] for e in export_jsonl(db_url) if e["headline"].startswith(headline_start))


# -- arguments that are not UTF-8 ---------------------------------------------------------------

def eventdb(*args: str | bytes, env: dict | None = None, cwd: Path | None = None):  # noqa: ANN201
    """The real program, with arguments as bytes (as a shell passes $'T\\xff')."""
    return subprocess.run([sys.executable, "-c", MAIN, *args], capture_output=True, cwd=cwd,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("args, message", [
    ([b"--curator", b"T\xff", b"confirm", b"1"], 'Error: --curator is not valid UTF-8: "T\\xff"'),
    ([b"confirm", b"1", b"--note", b"why\xff"], 'Error: --note is not valid UTF-8: "why\\xff"'),
    ([b"confirm", b"1", b"--note=why\xff"], 'Error: --note is not valid UTF-8: "why\\xff"'),
    ([b"set-published", b"d", b"2014-06-28", b"--note", b"\xff"], 'Error: --note is not valid UTF-8: "\\xff"'),
    ([b"ingest", b"doc.txt", b"--title", b"T\xff"], 'Error: --title is not valid UTF-8: "T\\xff"'),
    ([b"ingest", b"doc.txt", b"--source", b"\xfe\xff"], 'Error: --source is not valid UTF-8: "\\xfe\\xff"'),
    ([b"ingest", b"d\xff.txt"], 'Error: the argument "d\\xff.txt" is not valid UTF-8'),
    ([b"sql", b"SELECT '\xff'"], 'Error: the argument "SELECT \'\\xff\'" is not valid UTF-8'),
    ([b"rename-participant", b"Rebels", b"R\xe9bels"], 'Error: the argument "R\\xe9bels" is not valid UTF-8'),
    ([b"export", b"-o", b"out\xff.csv"], 'Error: -o is not valid UTF-8: "out\\xff.csv"'),
])
def test_an_argument_that_is_not_utf8_is_refused(db_url: str, tmp_path: Path, args, message) -> None:  # noqa: ANN001
    ingest(db_url, tmp_path)
    (tmp_path / "doc.txt").write_text("Rebels attacked the town on Friday.\n")
    with open(os.path.join(bytes(tmp_path), b"d\xff.txt"), "w") as f:  # a real file of that name
        f.write("Rebels attacked the town on Friday.\n")
    before = changes(db_url), sorted(os.listdir(bytes(tmp_path)))
    result = eventdb("--db", db_url, *args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode() == message + "\n"
    assert (changes(db_url), sorted(os.listdir(bytes(tmp_path)))) == before
    db = Database(db_url)
    with db.session() as s:
        assert list(s.scalars(select(Document.external_id))) == ["d"]
    db.dispose()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_environment_values_that_are_not_utf8_are_refused(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path)
    result = eventdb("--db", db_url, "confirm", "1", env={b"EVENTDB_CURATOR": b"c\xff"})
    assert result.returncode == 1
    assert result.stderr.decode() == 'Error: the curator ($EVENTDB_CURATOR) is not valid UTF-8: "c\\xff"\n'
    result = eventdb("show", env={b"EVENTDB_URL": b"sqlite:///x\xff.sqlite"}, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.decode().startswith("Error: the database (--db or $EVENTDB_URL) is not valid UTF-8")
    assert changes(db_url) == 0


# -- dates near the calendar's ends -------------------------------------------------------------

def test_a_publication_date_at_9999_then_anchors_with_offsets(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path)
    attacked, struck = event_id(db_url, "Rebels attacked"), event_id(db_url, "Next year")
    # Accepted: what can still be computed is, the rest waits unresolved (as ingest leaves it).
    ok(db_url, "set-published", "d", "9999-12-31")
    dates = {e["id"]: e["value"] for e in export_jsonl(db_url)}
    assert dates[attacked] == "9999-12-30"  # Thursday before Friday 9999-12-31
    assert dates[struck] == "XXXX"  # next year: past the calendar
    before = changes(db_url)
    for args in (["anchor", str(attacked), "--to", "published", "--relation", "after", "--offset", "2 days"],
                 ["anchor", str(attacked), "--to", "published", "--relation", "after", "--offset", "P1M"],
                 ["anchor", str(attacked), "--to", "published", "--relation", "after", "--offset", "PT30H"],
                 ["anchor", str(struck), "--to", str(attacked), "--relation", "after", "--offset", "P1Y"],
                 ["set-date", str(attacked), "the day after"],
                 ["set-date", str(attacked), "next year"]):
        one_line(run(db_url, *args), OUT_OF_RANGE)
    assert changes(db_url) == before
    ok(db_url, "anchor", str(struck), "--to", "published", "--relation", "before", "--offset", "2 days")
    assert {e["id"]: e["value"] for e in export_jsonl(db_url)}[struck] == "9999-12-29"
    ok(db_url, "set-published", "d", "0001-01-01")
    one_line(run(db_url, "set-date", str(attacked), "the day before"), OUT_OF_RANGE)


def test_an_offset_longer_than_the_calendar_is_refused(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path)
    attacked = event_id(db_url, "Rebels attacked")
    before = changes(db_url)
    for offset in ("P99999Y", "-P99999Y", "P9999999999999999999999D", "99999 years", "9" * 5000 + " days"):
        result = run(db_url, "anchor", str(attacked), "--to", "published", "--offset", offset)
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: the offset ")
        assert result.stderr.endswith(" is too long: the date would fall outside years 1-9999\n")
        assert len(result.stderr) < 200
    assert changes(db_url) == before


def test_an_id_too_large_for_a_row_names_nothing(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path)
    big = "99999999999999999999"
    for args, message in (
        (["set-date", big, "2014-06-24"], f"no event with id {big}"),
        (["set-date", "3000000000", "2014-06-24"], "no event with id 3000000000"),
        (["set-date", "--node", big, "2014-06-24"], f"no time expression with id {big}"),
        (["confirm", "1", big], f"no event with id {big}"),
        (["history", big], f"no event with id {big}"),
        (["anchor", "1", "--to", big], f"no event with id {big}"),
    ):
        one_line(run(db_url, *args), f"Error: {message}\n")
    assert changes(db_url) == 0


def test_a_publication_datetime_before_year_1000(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, {**DOC, "id": "old", "published": "0999-06-01T12:00:00",
                              "text": DOC["text"] + " (as filed at noon)"},
           {**DOC, "id": "older", "published": "0999-06-01", "text": DOC["text"] + " (as filed)"})
    thursday = "0999-05-30"  # 0999-06-01 is a Saturday (proleptic Gregorian)
    values = {e["document"]: e["value"] for e in export_jsonl(db_url)
              if e["headline"].startswith("Rebels attacked")}
    assert values == {"d": "2014-06-26", "old": thursday, "older": thursday}
    (tmp_path / "t.txt").write_text("Rebels attacked the town on Thursday.\n")
    ok(db_url, "ingest", str(tmp_path / "t.txt"), "--published", "0999-06-01T12:00:00")
    assert "0999-06-01T12:00" in ok(db_url, "set-published", "d", "0999-06-01T12:00:00").stdout
    tagged = ok(None, "tag", str(tmp_path / "t.txt"), "--dct", "0999-06-01T12:00:00").stdout
    assert [json.loads(line)["value"] for line in tagged.splitlines()] == [thursday]


def test_weekdays_and_months_next_to_the_calendar_ends() -> None:
    """Candidates past 9999 (or before 1) must not break a date inside the calendar."""
    last, first = parse_value("9999-12-31"), parse_value("0001-01-01")
    assert interpret("Thursday", last)[1].value == "9999-12-30"
    assert interpret("June", last)[1].value == "9999-06"
    assert interpret("December 25", last)[1].value == "9999-12-25"
    assert interpret("the first quarter", last)[1].value == "9999-Q1"
    assert interpret("next Monday", first)[1].value == "0001-01-08"
    assert interpret("June", first)[1].value == "0001-06"


# -- schema revisions ---------------------------------------------------------------------------

def test_an_unknown_revision_lists_the_known_ones(db_url: str) -> None:
    from eventdb.db import migrate

    known = ", ".join(migrate.known_revisions())
    for args in (["db", "downgrade", "0099"], ["db", "upgrade", "banana"], ["db", "downgrade", "banana"],
                 ["db", "upgrade", "00"]):
        result = run(db_url, *args)
        one_line(result, f"Error: unknown schema revision {args[2]!r}: this eventdb knows "
                         f"{known} (and head, base)\n")
    one_line(run(db_url, "db", "upgrade", "+5"),
             "Error: cannot upgrade to '+5': Relative revision +5 didn't produce 5 migrations\n")
    assert "up to date" in ok(db_url, "db", "current").stdout


def test_a_database_from_a_newer_eventdb(db_url: str) -> None:
    from eventdb.db import migrate

    db = Database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    db.dispose()
    newer = (f"Error: the database schema (9999_future) is newer than this eventdb "
             f"({migrate.head_revision()}): upgrade eventdb\n")
    for args in (["db", "upgrade"], ["db", "upgrade", "head"], ["db", "downgrade", "base"],
                 ["db", "downgrade", migrate.known_revisions()[0]], ["init"], ["export"]):
        one_line(run(db_url, *args), newer)
    assert "newer than this eventdb: upgrade eventdb" in ok(db_url, "db", "current").stdout
    db = Database(db_url)
    with db.engine.connect() as conn:
        assert conn.scalar(text("SELECT version_num FROM alembic_version")) == "9999_future"
    db.dispose()
