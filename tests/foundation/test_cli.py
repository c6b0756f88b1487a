"""CLI conventions: database selection, one-line errors, python -m eventdb."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ok, run


def test_bare_path_and_env_var_select_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "here.sqlite"
    ok(str(path), "init")
    assert path.exists()
    other = tmp_path / "env.sqlite"
    monkeypatch.setenv("EVENTDB_URL", f"sqlite:///{other}")
    ok(None, "init")
    assert other.exists()


def test_default_database_is_in_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTDB_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    ok(None, "init")
    assert (tmp_path / "eventdb.sqlite").exists()


def test_unreachable_postgres_is_one_line() -> None:
    result = run("postgresql+psycopg://nobody@127.0.0.1:1/none", "export")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot reach the database server")
    assert len(result.stderr.strip().splitlines()) == 1


def test_not_a_database_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are not the droids" * 200)
    result = run(str(path), "export")
    assert result.exit_code == 1
    assert "not an eventdb (SQLite) database" in result.stderr
    assert "Traceback" not in result.stderr


def test_folder_that_does_not_exist(tmp_path: Path) -> None:
    result = run(str(tmp_path / "nope" / "db.sqlite"), "init")
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot create a database in {tmp_path / 'nope'}: no such folder\n"


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    with pytest.raises(Exception):
        run(str(tmp_path / "nope" / "db.sqlite"), "--debug", "init")


def test_python_dash_m(tmp_path: Path) -> None:
    env = dict(os.environ, EVENTDB_URL=f"sqlite:///{tmp_path / 'm.sqlite'}")
    proc = subprocess.run([sys.executable, "-m", "eventdb", "init"], capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Database ready" in proc.stdout


def test_demo_without_tui_prints_the_chronology(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = ok(None, "demo", "--no-tui")
    assert (tmp_path / "eventdb-demo.sqlite").exists()
    assert "Chronology" in result.stdout
    # Running it again reuses the database.
    ok(None, "demo", "--no-tui")
