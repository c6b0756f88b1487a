"""The README's tour runs as written after ``eventdb demo``: every command of its section, with
the ids it names meaning what the README says they mean on the seed articles."""

from __future__ import annotations

import json
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventdb.cli.commands import cli
from tests.helpers import ok

ROOT = Path(__file__).resolve().parents[2]
#: Commands that open the terminal UI: not run here (tests/tui covers them).
INTERACTIVE = {"tui"}


def tour_lines() -> list[str]:
    """The lines of the shell blocks in the README's "A short tour" section."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## A short tour", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def subcommand(argv: list[str]) -> str:
    """The command name after the global options (``--db X``, ``--curator X``, flags)."""
    rest = iter(argv)
    for word in rest:
        if word in ("--db", "--curator"):
            next(rest, None)
        elif not word.startswith("-"):
            return word
    return ""


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder like the newcomer's checkout (the seeds beside them) after ``eventdb demo``."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    for name in ("EVENTDB_URL", "EVENTDB_CURATOR"):
        monkeypatch.delenv(name, raising=False)
    demo = ok(None, "demo", "--no-tui")
    assert "export EVENTDB_URL=eventdb-demo.sqlite" in demo.stderr
    return tmp_path


def test_the_tour_is_there() -> None:
    lines = tour_lines()
    assert len(lines) >= 20
    assert lines[0].startswith("export EVENTDB_URL=eventdb-demo.sqlite")


def test_every_command_of_the_tour_runs(checkout: Path) -> None:
    env: dict[str, str] = {}
    ran = 0
    for line in tour_lines():
        words = shlex.split(line, comments=True)
        if words[0] == "export":
            name, _, value = words[1].partition("=")
            env[name] = value
            continue
        assert words[0] == "eventdb", f"not an eventdb command: {line}"
        if subcommand(words[1:]) in INTERACTIVE:
            continue
        result = CliRunner().invoke(cli, words[1:], env=env, catch_exceptions=False)
        assert result.exit_code == 0, f"{line}\nexit {result.exit_code}\n{result.stdout}\n{result.stderr}"
        ran += 1
    assert ran >= 20
    assert (checkout / "chronology.csv").stat().st_size > 0
    assert (checkout / "news.sqlite").exists()


def test_the_ids_the_tour_names_mean_what_it_says(checkout: Path) -> None:
    """If extraction changes the seeds' ids, the tour must be rewritten: this says so."""
    url = f"sqlite:///{checkout / 'eventdb-demo.sqlite'}"
    events = {r["id"]: r for r in json.loads(ok(url, "show", "--json", "--reports",
                                                "--background").stdout)}
    strike = "Syrian fighter jets bombed militant positions around the border town of Qaim"
    assert events[14]["headline"].startswith(strike) and events[14]["date"] == "2014-06-26"
    for report in (2, 6, 9):
        assert events[report]["headline"].startswith("Syrian forces have bombed")
    assert events[7]["headline"] == "Reuters"
    assert events[29]["headline"].startswith("Obama said last Friday that") and events[29]["date"] == "2014-06-20"
    assert events[30]["date"] == "2014-06-20"
    assert "airstrikes" in events[35]["headline"] and events[35]["date"] == "2018-04-19"
    assert "met with" in events[52]["headline"] and events[52]["date"] == "2018-04-18"
    names = {p["name"] for p in json.loads(ok(url, "participants", "--json").stdout)}
    assert {"F-16", "F16", "Qaim", "ISIS"} <= names
