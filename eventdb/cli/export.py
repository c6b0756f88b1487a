"""``eventdb export``: the chronology as CSV, JSON Lines or a TimelineJS sheet."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.cli.filters import chronology_filters
from eventdb.errors import InputError

FORMATS = ("csv", "jsonl", "timelinejs")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv",
              show_default=True, help="Output format (timelinejs: the TimelineJS sheet columns).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of stdout.")
@chronology_filters
@pass_app
def export(app: AppContext, fmt: str, output: Path | None, filters) -> None:  # noqa: ANN001
    """Export the chronology, one row per event in date order; filters combine."""
    # Imported here, not at the top: `eventdb --help` and other commands do not pay for them.
    from eventdb.services.chronology import iter_chronology
    from eventdb.services.export import export_csv, write_jsonl
    from eventdb.services.timelinejs import TimelineStats, write_timelinejs

    db = app.database(readonly=True)
    stats = TimelineStats()
    try:
        target = output.open("w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}") from None
    try:
        with db.session() as session, target as out:
            rows = iter_chronology(session, filters)
            if fmt == "timelinejs":
                count = write_timelinejs(out, rows, stats)
            elif fmt == "jsonl":
                count = write_jsonl(out, rows)
            else:
                count = export_csv(out, session, filters)
    except BrokenPipeError:
        from eventdb.cli.output import _silence_stdout

        _silence_stdout()
        raise click.exceptions.Exit(1) from None
    if stats.undated:
        click.echo(f"{stats.undated} events without a calendar date left out of the timeline",
                   err=True)
    if output:
        click.echo(f"{count} events written to {output}", err=True)
