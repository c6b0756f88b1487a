"""Curation commands: every one calls the curation service (one transaction, logged, undoable)."""

from __future__ import annotations

import json

from typing import TYPE_CHECKING

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.errors import InputError

if TYPE_CHECKING:
    from eventdb.services.curation import ChangeResult, Curation

note_option = click.option("--note", help="Why: recorded with the change (cite your source).")
version_option = click.option("--if-version", "version", type=int, metavar="N",
                              help="Refuse the change unless the item is still at version N.")


def _service(app: AppContext, *, readonly: bool = False) -> Curation:
    # Imported when a command runs: listing the commands (`eventdb --help`) does not need it.
    from eventdb.services.curation import Curation

    return Curation(app.database(readonly=readonly), app.curator)


def _report(result: ChangeResult) -> None:
    click.echo(result.summary)
    followed = [e for e in result.event_ids if e not in result.needs_review]
    if len(followed) > 1:
        click.echo(f"{len(followed)} events re-dated", err=True)
    if result.needs_review:
        ids = ", ".join(map(str, result.needs_review[:20]))
        more = "…" if len(result.needs_review) > 20 else ""
        click.echo(f"needs review (curated, but their anchor moved): {ids}{more}", err=True)


@cli.command("set-published")
@click.argument("document_ids", nargs=-1, required=True, metavar="DOCUMENT_ID...")
@click.argument("date")
@note_option
@pass_app
def set_published(app: AppContext, document_ids: tuple[str, ...], date: str, note: str | None) -> None:
    """Set documents' publication DATE (ISO), or `unknown`; their relative dates re-resolve.

    Several documents take the same date as one change (one undo)."""
    _report(_service(app).set_published_many(list(document_ids), date, note=note))


@cli.command("set-date")
@click.argument("event_ids", nargs=-1, required=True, type=int, metavar="EVENT_ID...")
@click.argument("value")
@note_option
@version_option
@click.option("--node", is_flag=True, help="EVENT_ID is a time expression (node) id instead.")
@pass_app
def set_date(app: AppContext, event_ids: tuple[int, ...], value: str, note: str | None,
             version: int | None, node: bool) -> None:
    """Correct the date of events: 2014-06-24, 2014-06, 2014-W26, or words ("the day before").

    Several ids are one change (one undo); words resolve against each event's own anchor.
    """
    service = _service(app)
    if len(event_ids) > 1 and (node or version is not None):
        raise InputError("--node and --if-version take one id")
    if node:
        _report(service.set_node_date(event_ids[0], value, note=note, version=version))
    elif len(event_ids) == 1:
        _report(service.set_date(event_ids[0], value, note=note, version=version))
    else:
        _report(service.set_dates(list(event_ids), value, note=note))


@cli.command("anchor")
@click.argument("event_ids", nargs=-1, required=True, type=int)
@click.option("--to", "to", required=True, metavar="EVENT_ID|published",
              help="The event (id) or the publication date this event is dated from.")
@click.option("--relation", default="on", show_default=True,
              type=click.Choice(["on", "before", "after", "during", "includes"], case_sensitive=False))
@click.option("--offset", metavar="AMOUNT", help='How far from the anchor, e.g. "2 days".')
@note_option
@version_option
@pass_app
def anchor(app: AppContext, event_ids: tuple[int, ...], to: str, relation: str,
           offset: str | None, note: str | None, version: int | None) -> None:
    """Date events from another event or from the publication date (several ids: one change)."""
    target: int | str = int(to) if to.isdigit() else to
    _report(_service(app).reanchor_many(list(event_ids), target, relation=relation,
                                        offset=offset, note=note, version=version))


@cli.command()
@click.argument("event_ids", nargs=-1, required=True, type=int)
@note_option
@pass_app
def confirm(app: AppContext, event_ids: tuple[int, ...], note: str | None) -> None:
    """Vouch for the current date of events."""
    _report(_service(app).confirm(list(event_ids), note=note))


@cli.command()
@click.argument("event_ids", nargs=-1, required=True, type=int)
@note_option
@pass_app
def reject(app: AppContext, event_ids: tuple[int, ...], note: str | None) -> None:
    """Mark events as not events: hidden from the chronology and exports."""
    _report(_service(app).reject(list(event_ids), note=note))


@cli.command("merge-events")
@click.argument("event_ids", nargs=-1, required=True, type=int)
@note_option
@click.option("--force", is_flag=True,
              help="Merge even when the reports look like different events (far-apart dates).")
@pass_app
def merge_events(app: AppContext, event_ids: tuple[int, ...], note: str | None, force: bool) -> None:
    """Merge reports of the same real-world event into the first id.

    A merge that looks wrong (an id twice; different articles with dates far apart) prints why
    and asks on a terminal; elsewhere it is refused unless --force.
    """
    from eventdb.services.likeness import merge_warnings

    db = app.database()
    with db.session() as s:
        warnings = merge_warnings(s, event_ids)
    if warnings and not force:
        for warning in warnings:
            click.echo(f"Warning: {warning}", err=True)
        if not (_interactive() and click.confirm("Merge anyway?", default=False, err=True)):
            raise InputError("merge refused: " + "; ".join(warnings)
                             + " (check the ids, or pass --force)")
    if len(set(event_ids)) < len(event_ids):
        raise InputError("an event cannot be merged with itself: give each id once")
    from eventdb.services.curation import Curation

    _report(Curation(db, app.curator).merge_events(list(event_ids), note=note))


def _interactive() -> bool:
    import sys

    return sys.stdin.isatty() and sys.stderr.isatty()


@cli.command("merge-participants")
@click.argument("names", nargs=-1, required=True)
@note_option
@pass_app
def merge_participants(app: AppContext, names: tuple[str, ...], note: str | None) -> None:
    """Merge participants into the first NAME (the others become its aliases)."""
    _report(_service(app).merge_participants(list(names), note=note))


@cli.command("rename-participant")
@click.argument("name")
@click.argument("new_name")
@note_option
@pass_app
def rename_participant(app: AppContext, name: str, new_name: str, note: str | None) -> None:
    """Rename a participant (the old name stays an alias)."""
    _report(_service(app).rename_participant(name, new_name, note=note))


@cli.command("set-participant-kind")
@click.argument("name")
@click.argument("kind")
@note_option
@pass_app
def set_participant_kind(app: AppContext, name: str, kind: str, note: str | None) -> None:
    """Say what KIND of entity participant NAME is (person, organisation, place, group,
    product, other): the machine guessed it; later articles and re-ingests keep yours."""
    _report(_service(app).set_participant_kind(name, kind, note=note))


@cli.command("split-participant")
@click.argument("name")
@click.argument("aliases", nargs=-1, required=True, metavar="ALIAS...")
@note_option
@pass_app
def split_participant(app: AppContext, name: str, aliases: tuple[str, ...],
                      note: str | None) -> None:
    """The ALIAS names of participant NAME are another entity: they become a participant of
    their own (named by the first ALIAS), with every mention written so; later articles and
    re-ingests follow."""
    _report(_service(app).split_participant(name, list(aliases), note=note))


@cli.command()
@pass_app
def undo(app: AppContext) -> None:
    """Undo your last change (run again to go further back)."""
    result = _service(app).undo()
    if result is None:
        click.echo(f"Nothing to undo for {app.curator}.")
        return
    _report(result)


@cli.command()
@click.argument("event_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
@pass_app
def history(app: AppContext, event_id: int, as_json: bool) -> None:
    """Every date an event had: the machine's, each correction, who and when."""
    from eventdb.temporal.wording import date_words

    entries = _service(app, readonly=True).history(event_id)
    if as_json:
        click.echo(json.dumps([
            {"when": e.when.isoformat() if e.when else None, "who": e.who, "origin": e.origin,
             "status": e.status, "value": e.value, "mod": e.mod, "edtf": e.edtf,
             "words": date_words(e.value, e.mod, e.precision, e.earliest, e.latest, e.edtf),
             "earliest": e.earliest.isoformat() if e.earliest else None,
             "latest": e.latest.isoformat() if e.latest else None, "input": e.input_text,
             "note": e.note, "current": e.current, "undone": e.undone, "subject": e.subject}
            for e in entries
        ], indent=2, ensure_ascii=False))
        return
    from eventdb.cli.output import Listing, Whole, emit

    rows = [
        # Date and time apart by a space: a narrow table wraps the time under the date.
        (f"{e.when:%Y-%m-%d %H:%M:%S}" if e.when else None, e.who or "machine",
         e.subject, Whole(date_words(e.value, e.mod, e.precision, e.earliest, e.latest, e.edtf,
                                     width=15)),
         e.status,
         # What the curator typed, when it says more than the value it became.
         e.input_text if e.input_text != e.value else None, e.note,
         (("current" if e.current else "") + (" undone" if e.undone else "")).strip())
        for e in entries
    ]
    emit(Listing(("when", "who", "subject", "date", "status", "typed", "note", ""), rows,
                 title=f"History of event {event_id}"), "table")
