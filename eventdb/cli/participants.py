"""``eventdb participants``: canonical participants with their aliases and event counts."""

from __future__ import annotations

import click

from eventdb.cli.app import AppContext, pass_app
from eventdb.cli.output import Listing, emit, listing_options
from eventdb.db.vocab import PARTICIPANT_KINDS


@click.command("participants")
@click.option("--kind", type=click.Choice(PARTICIPANT_KINDS), help="Only participants of this kind.")
@listing_options
@pass_app
def command(app: AppContext, kind: str | None, fmt: str) -> None:
    """List canonical participants, every name they are known by, and how often they take part."""
    from eventdb.services.reports import participant_listing

    with app.database(readonly=True).session() as session:
        report = participant_listing(session, kind=kind)
    emit(Listing(report.columns, report.rows, title=report.title), fmt)
