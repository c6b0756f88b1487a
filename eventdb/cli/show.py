"""``eventdb show``: the chronology as a table, CSV or JSON (and the demo without a TUI).

It takes the same filters as ``export`` (one decorator defines them for both) and prints in the
listing convention of :mod:`eventdb.cli.output`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.cli.filters import chronology_filters
from eventdb.cli.output import Listing, Whole, emit, listing_options

if TYPE_CHECKING:
    from eventdb.db.engine import Database
    from eventdb.services.chronology import EventFilter

COLUMNS = ("id", "date", "status", "headline", "participants", "document")
#: --csv and --json carry the machine's value in ``date`` and the words beside it.
DATA_COLUMNS = ("id", "date", "date_words", "status", "headline", "participants", "document")
#: The widest a date in words gets in the table (the TUI's date column: "≤ 27 Jun 2014").
DATE_WIDTH = 15


def _rows(db: Database, filters: EventFilter | None, limit: int | None,
          table: bool) -> Iterator[list[Any]]:
    from eventdb.services.chronology import iter_chronology
    from eventdb.temporal.wording import date_words

    with db.session() as session:
        for row in iter_chronology(session, filters, limit=limit):
            names = list(dict.fromkeys(p.name for p in row.participants))
            words = date_words(row.value, row.mod, row.precision, row.earliest, row.latest,
                               row.edtf, width=DATE_WIDTH if table else None)
            dates = [Whole(words)] if table else [row.value, words]
            yield [row.id, *dates, row.status, row.headline, names, row.document_id]


def print_chronology(db: Database, filters: EventFilter | None = None, limit: int | None = None,
                     fmt: str = "table") -> int:
    """Print the chronology (dated events in order, then undated ones); returns the row count."""
    table = fmt == "table"
    return emit(Listing(COLUMNS if table else DATA_COLUMNS, _rows(db, filters, limit, table),
                        title="Chronology"), fmt)


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@chronology_filters
@listing_options
@pass_app
def show(app: AppContext, limit: int | None, filters: EventFilter, fmt: str) -> None:
    """Print the chronology: a table, or --csv or --json; filters as export's.

    One row per event (id, date, status, headline, participants, document): dated events in
    date order, then undated ones. Filters combine.
    """
    print_chronology(app.database(readonly=True), filters, limit, fmt)
