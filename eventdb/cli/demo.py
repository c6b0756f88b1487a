"""``eventdb demo``: the seed articles in a fresh SQLite database, opened in the TUI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.errors import InputError

if TYPE_CHECKING:
    from eventdb.db.engine import Database

DEMO_DB = "eventdb-demo.sqlite"


def seeds_path() -> Path:
    """The seed articles, shipped in the package as ``eventdb.seeds`` (the checkout's seeds/)."""
    from importlib.resources import files

    path = Path(str(files("eventdb.seeds"))) / "articles.jsonl"
    if not path.exists():
        raise InputError("the seed articles are missing from this installation")
    return path


def prepare_demo(path: Path) -> Database:
    from eventdb.config import sqlite_url
    from eventdb.db import migrate
    from eventdb.db.engine import Database
    from eventdb.services.ingest import ingest
    from eventdb.services.sources import read_paths

    db = Database(sqlite_url(path))
    migrate.refuse_foreign(db)
    migrate.upgrade(db, "head")
    report = ingest(db, read_paths([seeds_path()]))
    if report.failed:
        raise InputError(f"seed article failed: {report.failed[0].origin}: {report.failed[0].message}")
    return db


@cli.command()
@click.option("--db-file", type=click.Path(dir_okay=False, path_type=Path), default=DEMO_DB,
              show_default=True, help="Where to make (or reuse) the demo database.")
@click.option("--no-tui", is_flag=True, help="Print the chronology instead of opening the TUI.")
@pass_app
def demo(app: AppContext, db_file: Path, no_tui: bool) -> None:
    """Load the seed articles into a demo database and open the chronology."""
    db = prepare_demo(db_file)
    db.dispose()
    from eventdb.config import sqlite_url

    url = sqlite_url(db_file)
    if not no_tui:
        try:
            from eventdb.tui.app import run as run_tui
        except ImportError:
            run_tui = None
        if run_tui is not None:
            run_tui(url, curator=app.curator)
            _point_to(db_file)
            return
    from eventdb.cli.show import print_chronology
    from eventdb.db.engine import Database

    print_chronology(Database(url))
    _point_to(db_file)


def _point_to(db_file: Path) -> None:
    """The other commands use ./eventdb.sqlite unless told: say how to point them here."""
    from shlex import quote

    click.echo(f"The demo database is {db_file}. For the README's tour: export "
               f"EVENTDB_URL={quote(str(db_file))} (or eventdb --db {quote(str(db_file))} ...)",
               err=True)
