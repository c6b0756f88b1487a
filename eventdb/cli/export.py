"""``eventdb export``: the chronology as CSV, JSON Lines or a TimelineJS sheet."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.db.models import STATUSES
from eventdb.errors import InputError
from eventdb.services.chronology import EventFilter, iter_chronology
from eventdb.services.export import export_csv, write_jsonl
from eventdb.services.outfiles import database_files, output_file
from eventdb.services.timelinejs import TimelineStats, write_timelinejs

FORMATS = ("csv", "jsonl", "timelinejs")


def _date(_ctx, _param, value):  # noqa: ANN001, ANN202
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv",
              show_default=True, help="Output format (timelinejs: the TimelineJS sheet columns).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of stdout.")
@click.option("--participant", help="Only events with this participant (name or alias).")
@click.option("--document", help="Only events of this document id.")
@click.option("--from", "date_from", callback=_date, metavar="DATE", help="Only events on or after DATE.")
@click.option("--to", "date_to", callback=_date, metavar="DATE", help="Only events on or before DATE.")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only events with this status (repeatable).")
@pass_app
def export(app: AppContext, fmt: str, output: Path | None, participant, document, date_from,
           date_to, statuses) -> None:  # noqa: ANN001
    """Export the chronology, one row per event in date order; filters combine."""
    if date_from and date_to and date_from > date_to:
        raise InputError(f"--from {date_from} is after --to {date_to}")
    db = app.database(readonly=True)
    filters = EventFilter(participant=participant, document=document, date_from=date_from,
                          date_to=date_to, statuses=statuses)
    stats = TimelineStats()
    # A file is written whole or not at all, and never over the database (outfiles).
    target = (output_file(output, protect=database_files(app.url)) if output
              else nullcontext(sys.stdout))
    try:
        with target as out, db.session() as session:
            rows = iter_chronology(session, filters)
            if fmt == "timelinejs":
                count = write_timelinejs(out, rows, stats)
            elif fmt == "jsonl":
                count = write_jsonl(out, rows)
            else:
                count = export_csv(out, session, filters)
            out.flush()
    except OSError as exc:  # stdout failed (a file's errors are InputErrors of output_file)
        from eventdb.cli.output import output_failed

        output_failed(exc)
    if stats.undated:
        click.echo(f"{stats.undated} events without a calendar date left out of the timeline",
                   err=True)
    if output:
        click.echo(f"{count} events written to {output}", err=True)
