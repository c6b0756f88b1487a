"""Start-up: a command imports only what it uses (timings are in bench/startup.py, not here).

Each check runs the real ``eventdb`` entry point in a fresh interpreter and looks at what it
imported: ``eventdb --help`` needs Click alone; a curation command needs SQLAlchemy and the
curation service, not Alembic, Rich, Textual, the extraction pipeline or (for an ISO date)
dateparser.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventdb.db import migrate
from tests.helpers import ok

PROBE = """
import json, sys
sys.argv = ["eventdb"] + sys.argv[1:]
try:
    from eventdb.cli import main
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
models = sys.modules.get("eventdb.db.models")
configured = models is not None and models.Event.__mapper__.configured
print(json.dumps({"code": code, "modules": sorted(sys.modules), "mapped": configured}),
      file=sys.stderr)
"""

HEAVY = ("sqlalchemy", "alembic", "dateparser", "textual", "rich", "mako", "psycopg")


def probe(*args: str, cwd: Path | None = None) -> dict:
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)
    report = json.loads(proc.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), proc.stderr
    return report


def imported(*args: str, cwd: Path | None = None) -> set[str]:
    return set(probe(*args, cwd=cwd)["modules"])


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules} | {m for m in modules if m.startswith("eventdb.")}


def test_importing_the_cli_loads_click_only() -> None:
    code = "import sys, eventdb.cli.commands; print(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True).stdout.split()
    assert not tops(set(out)) & set(HEAVY)
    assert not {m for m in out if m.startswith(("eventdb.services", "eventdb.temporal",
                                                "eventdb.extract", "eventdb.tui"))}


def test_help_imports_no_library_but_click() -> None:
    modules = imported("--help")
    assert not tops(modules) & set(HEAVY)
    assert "click" in tops(modules)


def test_help_still_lists_every_command() -> None:
    proc = subprocess.run([sys.executable, "-m", "eventdb", "--help"], capture_output=True,
                          text=True, timeout=120, check=True)
    for name in ("demo", "show", "export", "ingest", "set-date", "history", "sql", "report",
                 "participants", "tui", "tag", "db"):
        assert f"  {name} " in proc.stdout, name


@pytest.mark.parametrize("value, dateparser", [("2014-06-24", False), ("the day before", False)])
def test_set_date_loads_the_database_layer_and_no_more(tmp_path: Path, seeds_jsonl: Path,
                                                       value: str, dateparser: bool) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    ok(url, "init")
    ok(url, "ingest", "-q", str(seeds_jsonl))
    modules = imported("--db", url, "set-date", "14", value)
    assert "sqlalchemy" in modules and "eventdb.services.curation" in modules
    assert not tops(modules) & {"alembic", "textual", "rich", "mako", "psycopg"}
    assert ("dateparser" in modules) == dateparser
    assert not {m for m in modules if m.startswith(("eventdb.extract", "eventdb.tui"))}
    if value[0].isdigit():  # an ISO date needs no recognizer tables
        assert "eventdb.temporal.engine" not in modules


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_reads_with_core_only(tmp_path: Path, seeds_jsonl: Path, fmt: str) -> None:
    """`eventdb export` (and `show`, same query) needs SQLAlchemy Core and the export service:
    no Alembic, Rich, Textual, dateparser or extraction, and no ORM mapper configured (that
    alone cost ~20 ms of every export's start-up)."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    ok(url, "init")
    ok(url, "ingest", "-q", str(seeds_jsonl))
    export = ("export", "--format", fmt)
    for args in (export, export + ("--reports",), ("show", "--csv")):
        report = probe("--db", url, *args)
        modules = set(report["modules"])
        assert "sqlalchemy" in modules and "eventdb.services.chronology" in modules
        assert not tops(modules) & {"alembic", "textual", "rich", "mako", "psycopg", "dateparser"}
        assert not {m for m in modules if m.startswith(("eventdb.extract", "eventdb.tui"))}
        assert not report["mapped"], args


def test_the_schema_check_reads_the_same_head_as_alembic() -> None:
    assert migrate.declared_head() == migrate._script().get_current_head()
