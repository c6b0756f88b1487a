"""Printing the chronology as a Rich table (``eventdb show``, and the demo without a TUI)."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.db.engine import Database
from eventdb.services.chronology import EventFilter, iter_chronology
from eventdb.temporal.wording import date_words


def print_chronology(db: Database, filters: EventFilter | None = None, limit: int | None = None) -> None:
    table = Table(title="Chronology", expand=True)
    for name, kwargs in (("id", {"justify": "right"}), ("date", {}), ("status", {}),
                         ("headline", {"ratio": 3}), ("participants", {"ratio": 1}),
                         ("document", {})):
        table.add_column(name, **kwargs)
    with db.session() as session:
        for row in iter_chronology(session, filters, limit=limit):
            table.add_row(
                str(row.id), date_words(row.value, row.mod, row.precision, row.earliest,
                                        row.latest, row.edtf), row.status, row.headline,
                ", ".join(dict.fromkeys(p.name for p in row.participants)), row.document_id,
            )
    Console().print(table)


@cli.command()
@click.option("--limit", type=int, help="At most this many events.")
@pass_app
def show(app: AppContext, limit: int | None) -> None:
    """Print the chronology as a table."""
    print_chronology(app.database(), limit=limit)
