"""``eventdb export``: the chronology as CSV, JSON Lines or a TimelineJS sheet."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.cli.filters import chronology_filters

FORMATS = ("csv", "jsonl", "timelinejs")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv",
              show_default=True, help="Output format (timelinejs: the TimelineJS sheet columns).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE instead of stdout.")
@click.option("--reports", is_flag=True,
              help="CSV: one row per report (event) instead of one per happening.")
@click.option("--background", is_flag=True,
              help="CSV: include background rows (states, quotes, credits...), hidden by default.")
@chronology_filters
@pass_app
def export(app: AppContext, fmt: str, output: Path | None, reports: bool, background: bool,  # noqa: ANN001
           filters) -> None:
    """Export the chronology in date order; filters combine. CSV: one row per happening (with
    its number of reports, sources, first reported), or per report with --reports. JSON Lines:
    one row per report, each with its `happening` and `background`."""
    # Imported here, not at the top: `eventdb --help` and other commands do not pay for them.
    from eventdb.services.chronology import iter_chronology
    from eventdb.services.export import export_csv, write_jsonl
    from eventdb.services.outfiles import database_files, output_file

    db = app.database(readonly=True)
    undated = 0
    # A file is written whole or not at all, and never over the database (outfiles).
    target = (output_file(output, protect=database_files(app.url)) if output
              else nullcontext(sys.stdout))
    try:
        with target as out, db.session() as session:
            if fmt == "timelinejs":
                from eventdb.services.timelinejs import TimelineStats, write_timelinejs

                stats = TimelineStats()
                count = write_timelinejs(out, iter_chronology(session, filters), stats)
                undated = stats.undated
            elif fmt == "jsonl":
                count = write_jsonl(out, iter_chronology(session, filters))
            elif reports:
                count = export_csv(out, session, filters, background=background)
            else:
                from eventdb.services.happening_export import export_happenings_csv

                count = export_happenings_csv(out, session, filters, background=background)
            out.flush()
    except OSError as exc:  # stdout failed (a file's errors are InputErrors of output_file)
        from eventdb.cli.output import output_failed

        output_failed(exc)
    if undated:
        click.echo(f"{undated} events without a calendar date left out of the timeline",
                   err=True)
    if output:
        what = "happenings" if fmt == "csv" and not reports else "events"
        click.echo(f"{count} {what} written to {output}", err=True)
