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
#: --csv and --json carry the machine's value in ``date`` and the words beside it, and the
#: happening the row tells with its number of (shown) reports.
DATA_COLUMNS = ("id", "date", "date_words", "status", "headline", "participants", "document",
                "happening", "reports")
#: The widest a date in words gets in the table (the TUI's date column: "≤ 27 Jun 2014").
DATE_WIDTH = 15


def _rows(db: Database, filters: EventFilter | None, limit: int | None,
          table: bool) -> Iterator[list[Any]]:
    from itertools import islice

    from eventdb.services.browse import happening_counts
    from eventdb.services.chronology import iter_chronology
    from eventdb.temporal.wording import date_words

    with db.session() as session:
        rows = iter_chronology(session, filters, limit=limit)
        while batch := list(islice(rows, 500)):
            counts = happening_counts(session, {r.happening for r in batch} - {None})
            for row in batch:
                names = list(dict.fromkeys(p.name for p in row.participants))
                words = date_words(row.value, row.mod, row.precision, row.earliest, row.latest,
                                   row.edtf, width=DATE_WIDTH if table else None)
                reports, conflict = counts.get(row.happening, (1, False))  # type: ignore[arg-type]
                if table:  # as the TUI marks them: "3×" reports, "≠" they disagree on the date
                    marks = [f"{reports}×"] if reports > 1 else []
                    marks += ["≠"] if conflict else []
                    yield [row.id, Whole(words), row.status, " ".join([*marks, row.headline]),
                           names, row.document_id]
                else:
                    yield [row.id, row.value, words, row.status, row.headline, names,
                           row.document_id, row.happening, reports]


def print_chronology(db: Database, filters: EventFilter | None = None, limit: int | None = None,
                     fmt: str = "table") -> int:
    """Print the chronology (dated events in order, then undated ones); returns the row count."""
    table = fmt == "table"
    return emit(Listing(COLUMNS if table else DATA_COLUMNS, _rows(db, filters, limit, table),
                        title="Chronology"), fmt)


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), help="At most this many rows.")
@click.option("--reports", is_flag=True,
              help="One row per report (event) instead of one per happening.")
@click.option("--background", is_flag=True,
              help="Background rows too (states, quotes, attributions, credits).")
@chronology_filters
@listing_options
@pass_app
def show(app: AppContext, limit: int | None, reports: bool, background: bool,
         filters: EventFilter, fmt: str) -> None:
    """Print the chronology: a table, or --csv or --json; filters as export's.

    One row per happening, as the TUI lists it (its lead report: id, date, status, headline,
    participants, document; "3×" when three reports tell it): dated rows in date order, then
    undated ones. Filters combine.
    """
    filters.leads_only, filters.background = not reports, background
    print_chronology(app.database(readonly=True), filters, limit, fmt)
