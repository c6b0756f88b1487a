"""``eventdb report summary|participants|gaps|conflicts``: the common reports, as tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from eventdb.cli.app import AppContext, pass_app
from eventdb.cli.output import Listing, emit, listing_options

if TYPE_CHECKING:
    from eventdb.services.reports import Report


def _emit(report: Report, fmt: str) -> None:
    emit(Listing(report.columns, report.rows, title=report.title), fmt)


@click.group("report")
def command() -> None:
    """Common reports over the chronology (see docs/SQL.md for your own queries)."""


@command.command()
@listing_options
@pass_app
def summary(app: AppContext, fmt: str) -> None:
    """Documents, events by status, date range, curation and what needs attention."""
    from eventdb.services import reports

    with app.database(readonly=True).session() as session:
        _emit(reports.summary(session), fmt)


@command.command()
@click.option("--limit", type=click.IntRange(min=1), help="Only the N most active participants.")
@listing_options
@pass_app
def participants(app: AppContext, limit: int | None, fmt: str) -> None:
    """Participants by number of events: documents, as agent, first and last date."""
    from eventdb.services import reports

    with app.database(readonly=True).session() as session:
        _emit(reports.participant_report(session, limit=limit), fmt)


@command.command()
@click.option("--min-days", type=click.IntRange(min=1), default=7, show_default=True,
              help="Only gaps at least this long.")
@click.option("--participant", help="Gaps in this participant's events (name or alias).")
@listing_options
@pass_app
def gaps(app: AppContext, min_days: int, participant: str | None, fmt: str) -> None:
    """Periods that no dated event covers (dates coarser than a month do not count)."""
    from eventdb.services import reports

    with app.database(readonly=True).session() as session:
        _emit(reports.gaps(session, min_days=min_days, participant=participant), fmt)


@command.command()
@click.option("--window", "window_days", type=click.IntRange(min=0), default=14,
              show_default=True, help="Days apart within which two reports may be one event.")
@listing_options
@pass_app
def conflicts(app: AppContext, window_days: int, fmt: str) -> None:
    """Dates that disagree: merged reports of one event, datelines, possible same events."""
    from eventdb.services import reports

    with app.database(readonly=True).session() as session:
        _emit(reports.conflicts(session, window_days=window_days), fmt)
