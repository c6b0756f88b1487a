"""Database files and paths: which commands may create a database, paths taken literally,
another program's file left untouched, read-only files and filesystems, directories."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from eventdb.config import database_url, sqlite_url
from tests.helpers import ok, run

MISSING = "no database at {path}: run `eventdb init` (or `eventdb ingest FILE`) first"

#: Every command that must not create a database, with arguments that would otherwise work.
NON_CREATING = [
    ("show",), ("export",), ("sql", "SELECT 1"), ("report", "summary"), ("participants",),
    ("history", "1"), ("set-date", "1", "2014-06-24"), ("undo",), ("set-published", "d", "2014-06-27"),
    ("confirm", "1"), ("db", "current"), ("db", "upgrade"), ("tui",),
]


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("args", NON_CREATING, ids=lambda a: " ".join(a))
def test_commands_that_do_not_create_say_so_and_leave_no_file(tmp_path: Path, args: tuple) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "typo.sqlite"
    result = run(str(path), *args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {MISSING.format(path=path)}\n"
    assert files_in(folder) == set()


def test_the_default_database_is_not_created_by_reading(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTDB_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    result = run(None, "show")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {MISSING.format(path='eventdb.sqlite')}\n"
    assert files_in(tmp_path) == set()


def test_ingest_creates_the_database(tmp_path: Path, seeds_jsonl: Path) -> None:
    path = tmp_path / "new.sqlite"
    result = ok(str(path), "ingest", str(seeds_jsonl))
    assert "created the database" in result.stderr
    assert "0 failed" in result.stderr
    assert "Chronology" in ok(str(path), "show").stdout
    # Nothing to read: no database made for nothing.
    other = tmp_path / "other.sqlite"
    result = run(str(other), "ingest", str(tmp_path / "missing.jsonl"))
    assert result.exit_code == 1
    assert not other.exists()


NAMES = ["a#b.sqlite", "q?x=1.sqlite", "p%41.sqlite", "sp ace&mode=ro%20.sqlite", "file:x.sqlite"]


@pytest.mark.parametrize("name", NAMES)
def test_a_bare_path_is_a_path_whatever_it_contains(tmp_path: Path, seeds_jsonl: Path,
                                                    monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    for where in (str(folder / name), name):  # absolute and relative
        ok(where, "init")
        ok(where, "ingest", str(seeds_jsonl))
        assert "Chronology" in ok(where, "show").stdout
        assert ok(where, "sql", "SELECT COUNT(*) AS n FROM documents", "--csv").stdout.split() == ["n", "2"]
        ok(where, "export", "-o", str(tmp_path / "out.csv"))
        assert "up to date" in ok(where, "db", "current").stdout
        assert files_in(folder) <= {name, name + "-wal", name + "-shm"}
        (folder / name).unlink()
    assert database_url(name) == sqlite_url(name)


def make_foreign(path: Path) -> str:
    """Another program's SQLite file, in rollback-journal mode."""
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
        conn.execute("INSERT INTO notes (body) VALUES ('keep me')")
    conn.close()
    return digest(path)


@pytest.mark.parametrize("args", [
    ("show",), ("export",), ("sql", "SELECT * FROM notes"), ("set-date", "1", "2014-06-24"),
    ("init",), ("db", "upgrade"), ("db", "downgrade", "base"), ("undo",), ("history", "1"),
], ids=lambda a: " ".join(a))
def test_another_programs_sqlite_file_is_refused_and_left_unchanged(tmp_path: Path, seeds_jsonl: Path,
                                                                   args: tuple) -> None:
    path = tmp_path / "notes.sqlite"
    before = make_foreign(path)
    result = run(str(path), *args)
    assert result.exit_code == 1
    assert "not" in result.stderr and "eventdb" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert digest(path) == before
    assert files_in(tmp_path) == {"notes.sqlite"}


def test_ingest_into_another_programs_file_is_refused(tmp_path: Path, seeds_jsonl: Path) -> None:
    path = tmp_path / "notes.sqlite"
    before = make_foreign(path)
    result = run(str(path), "ingest", str(seeds_jsonl))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: not an eventdb database")
    assert digest(path) == before


def test_db_current_names_a_foreign_database(empty_db_url: str, backend: str, tmp_path: Path) -> None:
    if backend == "sqlite":
        make_foreign(Path(empty_db_url.removeprefix("sqlite:///")))
    else:
        engine = create_engine(empty_db_url)
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
        engine.dispose()
    result = run(empty_db_url, "db", "current")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: not an eventdb database")
    assert "base (empty)" not in result.stdout + result.stderr


def test_db_current_of_an_empty_database(empty_db_url: str, backend: str) -> None:
    if backend == "sqlite":
        Path(empty_db_url.removeprefix("sqlite:///")).touch()
    assert "base" in ok(empty_db_url, "db", "current").stdout


@pytest.mark.parametrize("args", [("sql", "SELECT 1"), ("show",), ("export",), ("init",),
                                  ("db", "current"), ("ingest", "-")], ids=lambda a: a[0])
def test_a_directory_is_not_a_database(tmp_path: Path, args: tuple) -> None:
    folder = tmp_path / "folder.sqlite"
    folder.mkdir()
    result = run(str(folder), *args, input="")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {folder} is a directory, not a database\n"
    assert list(folder.iterdir()) == []


@pytest.fixture
def read_only_folder(tmp_path: Path, seeds_jsonl: Path) -> Iterator[Path]:
    """A folder holding a database, bind-mounted read-only (skipped where mounting is refused)."""
    source = tmp_path / "source"
    source.mkdir()
    ok(str(source / "news.sqlite"), "ingest", str(seeds_jsonl))
    assert files_in(source) == {"news.sqlite"}  # closed cleanly: no -wal, no -shm
    mounted = tmp_path / "ro"
    mounted.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("needs root and mount(8) for a read-only bind mount")
    done = subprocess.run(["mount", "--bind", str(source), str(mounted)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"bind mount refused: {done.stderr.decode().strip()}")
    try:
        done = subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"read-only remount refused: {done.stderr.decode().strip()}")
        yield mounted
    finally:
        subprocess.run(["umount", str(mounted)], check=True)


def test_read_only_commands_work_on_a_read_only_filesystem(read_only_folder: Path) -> None:
    path = str(read_only_folder / "news.sqlite")
    with pytest.raises(OSError):
        (read_only_folder / "probe").touch()
    assert ok(path, "sql", "SELECT COUNT(*) AS n FROM documents", "--csv").stdout.split() == ["n", "2"]
    assert "Chronology" in ok(path, "show").stdout
    assert ok(path, "export", "--format", "jsonl").stdout.count("\n") > 10
    ok(path, "report", "summary")
    ok(path, "participants")
    ok(path, "history", "1")
    assert "up to date" in ok(path, "db", "current").stdout
    # Writing is refused in one line.
    result = run(path, "set-date", "1", "2014-06-24")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert files_in(read_only_folder) == {"news.sqlite"}


def test_a_read_only_file_in_a_writable_folder_can_be_read(tmp_path: Path, seeds_jsonl: Path) -> None:
    path = tmp_path / "news.sqlite"
    ok(str(path), "ingest", str(seeds_jsonl))
    path.chmod(0o444)
    assert ok(str(path), "sql", "SELECT COUNT(*) AS n FROM documents", "--csv").stdout.split() == ["n", "2"]
    assert "Chronology" in ok(str(path), "show").stdout


def test_ingest_makes_the_schema_in_an_empty_database(empty_db_url: str, seeds_jsonl: Path) -> None:
    """An empty database (a new PostgreSQL database, a new SQLite path) is made ready by ingest."""
    result = ok(empty_db_url, "ingest", str(seeds_jsonl))
    assert "created the database at schema" in result.stderr
    assert "up to date" in ok(empty_db_url, "db", "current").stdout
    result = ok(empty_db_url, "ingest", str(seeds_jsonl))
    assert "created" not in result.stderr and "2 unchanged" in result.stderr
