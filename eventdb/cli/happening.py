"""``eventdb regroup``, ``eventdb promote|demote`` (a report in or out of the background) and
``eventdb happening show|split|move|merge|confirm|date``: happenings (reports of one real-world
happening) from the command line; every change is one transaction,
logged, and undone by ``eventdb undo``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.cli.curate import _report, note_option

if TYPE_CHECKING:
    from eventdb.services.happenings import HappeningCuration


def _service(app: AppContext) -> HappeningCuration:
    from eventdb.services.happenings import HappeningCuration

    return HappeningCuration(app.database(), app.curator)


@cli.command()
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@pass_app
def regroup(app: AppContext, quiet: bool) -> None:
    """Group every report into happenings again (after the rules changed), keeping every
    curator decision (split, move, merge, confirm)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from eventdb.services.happenings import regroup_all

    console = Console(stderr=True)
    progress = Progress(TextColumn("[bold]Regrouping"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console, transient=True)
    task = progress.add_task("regroup", total=None)
    show = not quiet and console.is_terminal

    def on_progress(done: int, total: int) -> None:
        if show:
            progress.start()
            progress.update(task, completed=done, total=total)

    try:
        reports, happenings = regroup_all(app.database(), on_progress)
    finally:
        progress.stop()
    click.echo(f"{reports} reports regrouped; {happenings} happenings", err=quiet is False)


@cli.command()
@click.argument("event_ids", nargs=-1, required=True, type=int, metavar="EVENT_ID...")
@note_option
@pass_app
def promote(app: AppContext, event_ids: tuple[int, ...], note: str | None) -> None:
    """Promote background rows (a state, a quote, an attribution the machine hid) to the
    chronology: they report a happening. One change; `eventdb undo` takes it back."""
    click.echo(_service(app).set_background(list(event_ids), False, note=note).summary)


@cli.command()
@click.argument("event_ids", nargs=-1, required=True, type=int, metavar="EVENT_ID...")
@note_option
@pass_app
def demote(app: AppContext, event_ids: tuple[int, ...], note: str | None) -> None:
    """Send rows to the background: kept as evidence, hidden from the chronology and the CSV
    (`show:background` in the TUI, `export --background` show them). One change."""
    click.echo(_service(app).set_background(list(event_ids), True, note=note).summary)


@click.group("happening")
def command() -> None:
    """Happenings: show one with its reports; split, move, merge, confirm, date."""


@command.command()
@click.argument("happening_id", type=int, required=False)
@click.option("--event", "event_id", type=int, metavar="EVENT_ID",
              help="The happening this event (report) tells, instead of a happening id.")
@pass_app
def show(app: AppContext, happening_id: int | None, event_id: int | None) -> None:
    """A happening, its date (and conflict) and every report: source, own date, sentence."""
    from eventdb.errors import InputError
    from eventdb.services.happenings import HappeningCuration, happening_of

    if (happening_id is None) == (event_id is None):
        raise InputError("give a happening id or --event EVENT_ID (one of the two)")
    db = app.database(readonly=True)
    if event_id is not None:
        happening_id = HappeningCuration(db, app.curator).happening_of_event(event_id)
    h = happening_of(db, happening_id)  # type: ignore[arg-type]
    flag = "  CONFLICT: its reports disagree" if h.conflict else ""
    reports = f"{len(h.reports)} report{'s' if len(h.reports) != 1 else ''}"
    sources = f"{h.sources} source{'s' if h.sources != 1 else ''}"
    click.echo(f"happening {h.id}: {h.value or 'undated'} ({h.status}; {reports}, {sources}){flag}")
    for r in h.reports:
        mark = " [background]" if r.background else ""
        click.echo(f"  event {r.event_id}  {r.value or 'undated':<12} {r.date_how:<11} "
                   f"{r.source or r.document_id}{mark}: {' '.join(r.evidence.split())[:160]}")


@command.command()
@click.argument("event_id", type=int)
@note_option
@pass_app
def split(app: AppContext, event_id: int, note: str | None) -> None:
    """The report EVENT_ID is a happening of its own."""
    _report(_service(app).split(event_id, note=note))


@command.command()
@click.argument("event_id", type=int)
@click.argument("happening_id", type=int)
@note_option
@pass_app
def move(app: AppContext, event_id: int, happening_id: int, note: str | None) -> None:
    """The report EVENT_ID belongs to HAPPENING_ID."""
    _report(_service(app).move(event_id, happening_id, note=note))


@command.command()
@click.argument("happening_ids", nargs=-1, required=True, type=int, metavar="HAPPENING_ID...")
@note_option
@pass_app
def merge(app: AppContext, happening_ids: tuple[int, ...], note: str | None) -> None:
    """One happening: the reports of the others join the first."""
    _report(_service(app).merge(list(happening_ids), note=note))


@command.command()
@click.argument("happening_id", type=int)
@note_option
@pass_app
def confirm(app: AppContext, happening_id: int, note: str | None) -> None:
    """Vouch for the grouping: its reports stay together through regroup and new articles."""
    _report(_service(app).confirm(happening_id, note=note))


@command.command("date")
@click.argument("happening_id", type=int)
@click.argument("value")
@note_option
@pass_app
def date_(app: AppContext, happening_id: int, value: str, note: str | None) -> None:
    """Set the happening's date (2014-06-26, 2014-06, words): resolves a conflict once."""
    _report(_service(app).set_date(happening_id, value, note=note))
