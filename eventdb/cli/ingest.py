"""``eventdb ingest PATH...``: read, extract and store documents."""

from __future__ import annotations

from pathlib import Path

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.errors import InputError

#: Below this many documents a progress bar is only noise.
PROGRESS_AFTER = 5


def _published_option(_ctx, _param, value):  # noqa: ANN001, ANN202
    from eventdb.services.published import needs_text, parse_published

    if needs_text(value):
        return value.strip()  # "03-02-2009": each file's dateline settles it, or it is refused
    try:
        return parse_published(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=_published_option, metavar="DATE",
              help="Publication date for .txt files: ISO date or datetime, a written date, or "
                   "DD-MM-YYYY / MM-DD-YYYY when the article's dateline settles which.")
@click.option("--title", help="Title for .txt files.")
@click.option("--source", help="Source for .txt files.")
@click.option("--replace", is_flag=True, help="Replace documents whose id exists with other text.")
@click.option("--allow-duplicate-text", is_flag=True,
              help="Store a document even if another id has the same text.")
@click.option("--discard-curation", is_flag=True,
              help="With --replace: replace even when curator work has no match in the new text.")
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extract in this many processes (writes stay in this one).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@pass_app
def ingest(app: AppContext, paths: tuple[Path, ...], published, title, source, replace,  # noqa: ANN001, ANN201
           allow_duplicate_text, discard_curation, workers, quiet):
    """Ingest articles: .txt (id = file stem), .json (one object), .jsonl (one per line),
    .csv (a header row: id, title, source, url, published, text), or - for standard input.

    Objects have id, title, source, url, published (ISO date, or null if unknown) and text.
    Standard input is JSON Lines, one JSON object, or plain text (as a .txt file), told apart by
    its content. Each document is stored in its own transaction; bad ones are reported and
    skipped. Creates the database if there is none. --replace carries curator work to the
    matching new events, or refuses to replace a document whose curator work the new text has
    no place for (--discard-curation drops it).
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
    )

    from eventdb.db import migrate
    from eventdb.services.ingest import ingest as run_ingest
    from eventdb.services.sources import STDIN, Problem, read_paths

    if discard_curation and not replace:
        raise InputError("--discard-curation goes with --replace (it says what a replace may drop)")
    console = Console(stderr=True)
    if all(str(p) != STDIN and not p.exists() for p in paths):
        # Nothing to read: no reason to make a database (a typo in both paths stays harmless).
        for path in paths:
            console.print(f"skipped {path}: no such file", highlight=False, markup=False, soft_wrap=True)
        raise click.exceptions.Exit(1)
    db = app.database(check=False, create=True)
    if migrate.create_if_empty(db) and not quiet:
        click.echo(f"created the database at schema {migrate.head_revision()}", err=True)
    migrate.check_schema(db)
    stdin = click.open_file(STDIN, "rb") if any(str(p) == STDIN for p in paths) else None
    items = read_paths(paths, stdin=stdin, published=published, title=title, source=source)
    show_progress = not quiet and console.is_terminal
    progress = Progress(
        TextColumn("[bold]Ingesting"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=console, transient=True,
    )
    task = progress.add_task("ingest", total=None, rate="")
    seen = 0

    def on_progress(result) -> None:  # noqa: ANN001
        nonlocal seen
        seen += 1
        if isinstance(result, Problem):
            console.print(f"skipped {result.origin}: {result.message}", highlight=False,
                          markup=False, soft_wrap=True)
        if show_progress:
            if seen == PROGRESS_AFTER:
                progress.start()
            elapsed = progress.tasks[0].elapsed or 0
            rate = f"{seen / elapsed:.0f} docs/s" if elapsed > 0.5 else ""
            progress.update(task, completed=seen, rate=rate)

    try:
        report = run_ingest(db, items, replace=replace, workers=workers, on_progress=on_progress,
                            skip_duplicate_text=not allow_duplicate_text,
                            curator=app.curator, discard_curation=discard_curation)
    finally:
        progress.stop()
    if not quiet:
        click.echo(
            f"{report.added} added, {report.replaced} replaced, {report.unchanged} unchanged, "
            f"{len(report.failed)} failed", err=True,
        )
    if report.failed:
        raise click.exceptions.Exit(1)
