"""Exports that cannot hurt: safe CSV everywhere, atomic output files, never the database.

Issue 18 section 2: ``export -o X.sqlite`` destroyed the database; a full disk left a partial
file and a traceback; a bare CR in a cell split one event into two records, the second starting
with an unneutralised ``@SUM(1)``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventdb.db.engine import Database
from eventdb.services.export import CSV_COLUMNS, csv_cells
from eventdb.services.outfiles import (
    FORMULA_CHARS, LEADING_IGNORED, is_formula, neutralize, write_csv_rows,
)
from tests.helpers import export_jsonl, ok, run

RISKY = "Wire\r@SUM(1)"
#: Formula starts a spreadsheet runs, hidden behind blanks, invisible or full-width characters.
DISGUISED = ["=1+1", " =1+1", "\u200b=HYPERLINK(1)", "\ufeff@SUM(1)", "\u2060+1", "\u00a0-1",
             "\uff1dcmd", "\uff0b1", "\uff0d1", "\uff20SUM(1)", "\t x", "\rx", "\u3000\uff1d1"]

#: `eventdb sql --csv` is one of the CSV writers: on PostgreSQL it logs in as a reader.
pytestmark = pytest.mark.usefixtures("sql_reader_role")


def cli_bytes(db_url: str, *args: str) -> str:
    """stdout exactly as written (CliRunner's ``stdout`` turns CRLF into LF)."""
    result = ok(db_url, *args)
    return result.stdout_bytes.decode("utf-8")


def records(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_all_safe(rows: list[list[str]], name: str) -> None:
    for row in rows:
        for cell in row:
            assert not is_formula(cell), f"{name}: {cell!r}"


# -- the one CSV writer -------------------------------------------------------------------------

def test_neutralize_covers_the_disguised_starts() -> None:
    for cell in DISGUISED:
        assert neutralize(cell) == "'" + cell, repr(cell)
    for cell in ("Rebels", " Rebels", "\u200bRebels", "", "   ", "a=b", "\nRebels", "'=1"):
        assert neutralize(cell) == cell, repr(cell)
    assert neutralize(-3) == -3 and neutralize(None) is None


def test_every_white_space_character_is_skipped() -> None:
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert spaces <= set(LEADING_IGNORED)
    assert not set(LEADING_IGNORED) & set(FORMULA_CHARS)


cells = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.text(alphabet=st.sampled_from(list(FORMULA_CHARS + LEADING_IGNORED + "\r\n\"',a1")),
            max_size=8),
    st.integers(), st.none(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(cells, min_size=1, max_size=5), max_size=8))
def test_csv_round_trip(rows: list[list]) -> None:
    """Read back with Python's csv module: the same records, each cell the neutralised cell."""
    width = max((len(r) for r in rows), default=1)
    header = [f"c{i}" for i in range(width)]
    out = io.StringIO(newline="")
    assert write_csv_rows(out, header, rows) == len(rows)
    back = records(out.getvalue())
    assert len(back) == len(rows) + 1
    assert back[0] == header
    for written, read in zip(rows, back[1:]):
        assert read == ["" if c is None else str(neutralize(c)) for c in written]
        for cell, original in zip(read, written):
            assert not isinstance(original, str) or not is_formula(cell)


risky_text = st.one_of(
    st.none(),
    st.text(alphabet=st.sampled_from(list(FORMULA_CHARS + LEADING_IGNORED + "ab'é\u4e2d1")),
            max_size=6),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(risky_text, min_size=len(CSV_COLUMNS) - 1, max_size=len(CSV_COLUMNS) - 1),
                min_size=1, max_size=6))
def test_the_column_wise_neutralisation_is_neutralize(rows: list[list]) -> None:
    """``eventdb export`` neutralises a batch column by column (``csv_cells``, for speed): each
    text cell comes out as ``neutralize`` makes it, whichever cells of the column are risky."""
    undated = [[i, None, None, None, None, None, *r[6:18], None, *r[19:]]
               for i, r in enumerate(rows)]  # the date cells empty: date_words is "unknown"
    out = [list(r) for r in csv_cells(undated)]
    for cells, written in zip(undated, out):
        expected = [*cells[:19], "unknown", cells[19]]
        assert written == [c if i in (0, 3, 4) else neutralize(c) for i, c in enumerate(expected)]


# -- real exports, both engines -----------------------------------------------------------------

def ingest_risky(db_url: str, tmp_path: Path) -> Path:
    path = tmp_path / "risky.jsonl"
    docs = [
        {"id": "cr", "title": "Strikes", "source": RISKY, "url": "https://x.example/cr",
         "published": "2014-06-27", "text": "Rebels attacked the town on Thursday."},
        {"id": "\u200b=id", "title": " \uff20SUM(1)", "source": "\ufeff+wire",
         "published": "2014-06-27",
         "text": "Rebels attacked the base on Friday.\n \uff1dSUM(A1) Syria said on Monday."},
    ]
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    ok(db_url, "ingest", str(path))
    return path


def test_a_cr_in_a_cell_stays_inside_its_record(db_url: str, tmp_path: Path) -> None:
    ingest_risky(db_url, tmp_path)
    events = export_jsonl(db_url)
    cr_events = [e for e in events if e["document"] == "cr"]
    assert cr_events

    rows = records(cli_bytes(db_url, "export", "--reports"))
    assert len(rows) == len(events) + 1
    header = rows[0]
    by_doc = [dict(zip(header, r)) for r in rows[1:]]
    assert [r["source"] for r in by_doc if r["document_id"] == "cr"] == [RISKY] * len(cr_events)
    assert_all_safe(rows, "export")

    sheet = records(cli_bytes(db_url, "export", "--format", "timelinejs"))
    dated = [e for e in events if e["earliest"]]
    assert len(sheet) == len(dated) + 1
    assert RISKY in [r[sheet[0].index("Media Credit")] for r in sheet[1:]]
    assert_all_safe(sheet, "timelinejs")

    listed = records(cli_bytes(db_url, "sql", "--csv", "SELECT source, document_title, "
                               "document_id, evidence FROM chronology"))
    assert len(listed) == len(events) + 1
    assert RISKY in [r[0] for r in listed[1:]]
    assert_all_safe(listed, "sql --csv")


def test_disguised_formulas_are_neutralised_in_every_csv(db_url: str, tmp_path: Path) -> None:
    ingest_risky(db_url, tmp_path)
    rows = [dict(zip(r[0], x)) for r in [records(cli_bytes(db_url, "export", "--reports"))] for x in r[1:]]
    risky = [r for r in rows if r["document_id"] != "cr"]
    assert risky
    for row in risky:
        assert row["document_id"] == "'\u200b=id"
        assert row["document_title"] == "' \uff20SUM(1)"
        assert row["source"] == "'\ufeff+wire"
    assert any(r["evidence"].startswith("'") and "\uff1dSUM(A1) Syria" in r["evidence"]
               for r in rows)

    name = " \uff20SUM(1)"
    ok(db_url, "rename-participant", "Rebels", name)
    stored = {p["name"] for p in json.loads(ok(db_url, "participants", "--json").stdout)}
    shown = name if name in stored else name.strip()  # however rename stores it
    assert shown in stored
    for args in (("report", "participants", "--csv"), ("participants", "--csv"),
                 ("sql", "--csv", "SELECT * FROM event_participants"), ("export",),
                 ("export", "--format", "timelinejs")):
        out = records(cli_bytes(db_url, *args))
        assert_all_safe(out, " ".join(args))
        if args[0] != "export":
            assert "'" + shown in {c for r in out for c in r}, args


def test_numbers_stay_numbers_text_is_neutralised(db_url: str) -> None:
    rows = records(cli_bytes(db_url, "sql", "--csv", "SELECT -3 AS n, '-3' AS t, -2.5 AS f"))
    assert rows == [["n", "t", "f"], ["-3", "'-3", "-2.5"]]


def test_the_fast_export_equals_the_row_by_row_one(db_url: str, tmp_path: Path) -> None:
    from eventdb.services.chronology import iter_chronology
    from eventdb.services.export import export_csv, write_csv

    ingest_risky(db_url, tmp_path)
    db = Database(db_url)
    try:
        with db.session() as s:
            slow, fast = io.StringIO(newline=""), io.StringIO(newline="")
            write_csv(slow, iter_chronology(s))
            export_csv(fast, s)
        assert fast.getvalue() == slow.getvalue()
    finally:
        db.dispose()


def test_curated_formula_cells_are_neutralised_as_row_by_row(db_url: str, tmp_path: Path) -> None:
    """A headline, a note and a participant name a curator typed go through the column-wise
    neutralisation too: the same CSV as the row-by-row writer, every cell safe."""
    from eventdb.services.chronology import iter_chronology
    from eventdb.services.export import export_csv, write_csv

    ingest_risky(db_url, tmp_path)
    first = export_jsonl(db_url)[0]["id"]
    ok(db_url, "set-headline", str(first), "=HYPERLINK(1)")
    ok(db_url, "set-date", str(first), "2014-06-25", "--note", "\u200b@SUM(1)")
    ok(db_url, "rename-participant", "--", "Rebels", "-rebels")
    db = Database(db_url)
    try:
        with db.session() as s:
            slow, fast = io.StringIO(newline=""), io.StringIO(newline="")
            write_csv(slow, iter_chronology(s))
            export_csv(fast, s)
        assert fast.getvalue() == slow.getvalue()
    finally:
        db.dispose()
    rows = records(fast.getvalue())
    assert_all_safe(rows, "export")
    row = next(dict(zip(rows[0], r)) for r in rows[1:] if r[0] == str(first))
    assert row["headline"] == "'=HYPERLINK(1)" and row["note"] == "'\u200b@SUM(1)"
    assert any(r[rows[0].index("participants")].startswith("'-rebels") for r in rows[1:])


# -- never the database -------------------------------------------------------------------------

@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_export_refuses_to_write_over_the_database(db_url: str, tmp_path: Path) -> None:
    ingest_risky(db_url, tmp_path)
    path = Path(db_url.removeprefix("sqlite:///"))
    before = path.read_bytes()
    (tmp_path / "link.csv").symlink_to(path)
    os.link(path, tmp_path / "hard.csv")
    os.chdir(tmp_path)  # a relative spelling of the same file
    targets = [str(path), "eventdb.sqlite", "./eventdb.sqlite", str(tmp_path / "link.csv"),
               str(tmp_path / "hard.csv")] + [str(path) + s for s in ("-wal", "-shm", "-journal")]
    for target in targets:
        for fmt in ("csv", "jsonl", "timelinejs"):
            result = run(db_url, "export", "--format", fmt, "-o", target)
            assert result.exit_code == 1, target
            assert result.stderr.startswith(f"Error: refusing to write to {Path(target)}: it is ")
            assert len(result.stderr.strip().splitlines()) == 1
    # The bare path form of --db, too.
    result = run(str(path), "export", "-o", str(path))
    assert result.exit_code == 1 and "refusing" in result.stderr
    assert path.read_bytes() == before
    assert ok(db_url, "show").stdout


# -- atomic files -------------------------------------------------------------------------------

def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_file_is_replaced_whole_and_keeps_its_mode(db_url: str, tmp_path: Path) -> None:
    ingest_risky(db_url, tmp_path)
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    ok(db_url, "export", "-o", str(target))
    assert records(target.open(encoding="utf-8", newline="").read())[0][0] == "happening_id"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []
    new = tmp_path / "new.csv"
    ok(db_url, "export", "-o", str(new))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    # Through a symlink the file it names is replaced, and the link stays a link.
    link = tmp_path / "link.csv"
    link.symlink_to(new)
    new.write_text("old\n")
    ok(db_url, "export", "--format", "jsonl", "-o", str(link))
    assert link.is_symlink() and new.read_text().startswith("{")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_device_is_written_to_not_replaced(db_url: str) -> None:
    ok(db_url, "export", "-o", os.devnull)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def big_database(db_url: str, tmp_path: Path) -> None:
    # Each sentence its own happening (another day each), so that every CSV form is big.
    days = (date(2012, 1, 1) + timedelta(days=i) for i in range(600))
    text = " ".join(f"Rebels attacked village{i} on {d:%d %B %Y}." for i, d in enumerate(days))
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"id": "big", "published": "2014-06-27", "text": text}) + "\n")
    ok(db_url, "ingest", str(path))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_full_disk_leaves_no_partial_file(db_url: str, tmp_path: Path) -> None:
    """A real ENOSPC: a 64 KB tmpfs (root only; skipped where mounting is not permitted)."""
    big_database(db_url, tmp_path)
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + mounted.stderr.decode(errors="replace").strip())
    try:
        (disk / "keep.csv").write_text("old content\n")
        for fmt in ("csv", "jsonl", "timelinejs"):
            for name in ("keep.csv", "fresh.csv"):
                result = run(db_url, "export", "--format", fmt, "-o", str(disk / name))
                assert result.exit_code == 1
                assert result.stderr == f"Error: the disk is full: nothing was written to {disk / name}\n"
                assert sorted(p.name for p in disk.iterdir()) == ["keep.csv"]
                assert (disk / "keep.csv").read_text() == "old content\n"
    finally:
        subprocess.run(["umount", str(disk)], check=True)


EXPORT_UNDER_LIMIT = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (40000, 40000))
from eventdb.cli import main

main()
"""


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_file_size_limit_leaves_no_partial_file(db_url: str, tmp_path: Path) -> None:
    """A real EFBIG (RLIMIT_FSIZE, SIGXFSZ ignored), in a subprocess: runs without root."""
    big_database(db_url, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "chronology.csv"
    target.write_text("old content\n")
    result = subprocess.run([sys.executable, "-c", EXPORT_UNDER_LIMIT, "--db", db_url, "export",
                             "-o", str(target)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr == (f"Error: the file is larger than this system allows: "
                             f"nothing was written to {target}\n")
    assert sorted(p.name for p in out.iterdir()) == ["chronology.csv"]
    assert target.read_text() == "old content\n"


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_behind_stdout_is_one_line(db_url: str, tmp_path: Path) -> None:
    big_database(db_url, tmp_path)
    for args in (["export"], ["sql", "--csv", "SELECT * FROM chronology"]):
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-c", "from eventdb.cli import main; main()",
                                     "--db", db_url, *args],
                                    stdout=full, stderr=subprocess.PIPE, text=True)
        assert result.returncode == 1
        assert result.stderr == "Error: cannot write the output: No space left on device\n", args


def test_the_files_of_a_database_url(tmp_path: Path) -> None:
    from eventdb.services.outfiles import database_files

    base = tmp_path / "news.sqlite"
    expected = [base, *(tmp_path / f"news.sqlite{s}" for s in ("-wal", "-shm", "-journal"))]
    assert database_files(f"sqlite:///{base}") == expected
    assert database_files(f"sqlite:///file:{base}?mode=ro&uri=true") == expected
    for url in ("sqlite://", "sqlite:///:memory:", "postgresql+psycopg://u@h/db", None, "not a url"):
        assert database_files(url) == []
