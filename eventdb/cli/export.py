"""``eventdb export``: the chronology as CSV or JSON Lines."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.errors import InputError
from eventdb.services.chronology import EventFilter, iter_chronology
from eventdb.services.export import write_csv, write_jsonl
from eventdb.db.models import STATUSES

WRITERS = {"csv": write_csv, "jsonl": write_jsonl}


def _date(_ctx, _param, value):  # noqa: ANN001, ANN202
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@cli.command()
@click.option("--format", "fmt", type=click.Choice(sorted(WRITERS)), default="csv",
              show_default=True, help="Output format.")
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
    """Export the chronology, one row per event in date order."""
    db = app.database()
    filters = EventFilter(participant=participant, document=document, date_from=date_from,
                          date_to=date_to, statuses=statuses)
    try:
        target = output.open("w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    with db.session() as session, target as out:
        count = WRITERS[fmt](out, iter_chronology(session, filters))
    if output:
        click.echo(f"{count} events written to {output}", err=True)
