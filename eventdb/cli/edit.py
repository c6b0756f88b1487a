"""Row edits (add, split, headline, participants) and ``eventdb article``: service calls only.

Each edit is one transaction in the change log: ``eventdb history ID`` shows it and
``eventdb undo`` undoes it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from eventdb.cli.app import AppContext, cli, pass_app
from eventdb.cli.curate import note_option, version_option
from eventdb.db.vocab import PARTICIPANT_KINDS, ROLES
from eventdb.errors import InputError

if TYPE_CHECKING:  # the services load when a command runs, not with `eventdb --help`
    from eventdb.services.articles import Article
    from eventdb.services.curation import ChangeResult
    from eventdb.services.editing import Editing

# Roles and kinds are checked by the service, so a wrong one is a one-line error like any other.
ROLE_HELP = f"One of {', '.join(ROLES)}."


def _service(app: AppContext) -> Editing:
    from eventdb.services.editing import Editing

    return Editing(app.database(), app.curator)


def _report(result: ChangeResult) -> None:
    click.echo(result.summary)


def _span(text: str) -> tuple[int, int]:
    start, sep, end = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return int(start), int(end)
    except ValueError:
        raise InputError(f"a span is START:END in characters of the article, like 120:184, "
                         f"not {text!r}") from None


@cli.command("add-event")
@click.argument("document_id")
@click.option("--span", metavar="START:END", help="Where the event is told (character offsets).")
@click.option("--text", "words", metavar="WORDS", help="Or: the words that tell it (found once).")
@click.option("--date", "date", required=True, help='Its date: 2014-06-24, 2014-06, or words '
              '("Thursday") read against the publication date.')
@click.option("--headline", help="One line [default: the span, as the extractor writes it].")
@note_option
@pass_app
def add_event(app: AppContext, document_id: str, span: str | None, words: str | None, date: str,
              headline: str | None, note: str | None) -> None:
    """Add an event the machine missed to a document's chronology."""
    _report(_service(app).add_event(document_id, date, span=_span(span) if span else None,
                                    words=words, headline=headline, note=note))


@cli.command("split-event")
@click.argument("event_id", type=int)
@click.option("--at", type=int, metavar="OFFSET", help="Split at this character of the article.")
@click.option("--text", "words", metavar="WORDS", help="Or: where these words begin.")
@click.option("--first", help="Headline of the first part [default: from its text].")
@click.option("--second", help="Headline of the second part [default: from its text].")
@note_option
@version_option
@pass_app
def split_event(app: AppContext, event_id: int, at: int | None, words: str | None,
                first: str | None, second: str | None, note: str | None,
                version: int | None) -> None:
    """Split an event that holds two happenings (the second part gets a new id)."""
    _report(_service(app).split_event(event_id, at=at, words=words, headlines=(first, second),
                                      note=note, version=version))


@cli.command("set-headline")
@click.argument("event_id", type=int)
@click.argument("headline")
@note_option
@version_option
@pass_app
def set_headline(app: AppContext, event_id: int, headline: str, note: str | None,
                 version: int | None) -> None:
    """Replace an event's headline."""
    _report(_service(app).set_headline(event_id, headline, note=note, version=version))


@cli.command("add-participant")
@click.argument("event_id", type=int)
@click.argument("name")
@click.option("--role", default="other", show_default=True, help=ROLE_HELP)
@click.option("--kind", default="other", show_default=True,
              help=f"For a new participant: one of {', '.join(PARTICIPANT_KINDS)}.")
@note_option
@pass_app
def add_participant(app: AppContext, event_id: int, name: str, role: str, kind: str,
                    note: str | None) -> None:
    """NAME (a participant's name or alias, or a new one) takes part in the event."""
    _report(_service(app).add_participant(event_id, name, role=role, kind=kind, note=note))


@cli.command("remove-participant")
@click.argument("event_id", type=int)
@click.argument("name")
@note_option
@pass_app
def remove_participant(app: AppContext, event_id: int, name: str, note: str | None) -> None:
    """NAME no longer takes part in the event."""
    _report(_service(app).remove_participant(event_id, name, note=note))


@cli.command("set-role")
@click.argument("event_id", type=int)
@click.argument("name")
@click.argument("role")
@note_option
@pass_app
def set_role(app: AppContext, event_id: int, name: str, role: str, note: str | None) -> None:
    """Change the ROLE (agent, patient, other) NAME has in the event."""
    _report(_service(app).set_role(event_id, name, role, note=note))


def render_article(article: Article) -> str:
    """The article one sentence a line, each row's evidence in ⟦#ID …⟧, dates in the margin."""
    text = article.text
    lines = [article.title or article.document_id,
             f"{article.document_id} · published {article.published or 'unknown'}", ""]
    rows = {r.id: r for r in article.rows}
    for sentence in article.sentences:
        if sentence.paragraph and len(lines) > 3:
            lines.append("")
        marks: list[tuple[int, int, str]] = []  # (offset, order, mark): closes before opens
        for row_id in sentence.rows:
            r = rows[row_id]
            if sentence.start <= r.start < sentence.end:
                marks.append((r.start, 1, f"⟦#{r.id} "))
            if sentence.start < r.end <= sentence.end:
                marks.append((r.end, 0, "⟧"))
        out, pos = [], sentence.start
        for offset, _, mark in sorted(marks):
            out += [text[pos:offset], mark]
            pos = offset
        out.append(text[pos:sentence.end])
        dates = list(dict.fromkeys(rows[i].value or "unresolved" for i in sentence.rows
                                   if sentence.start <= rows[i].start < sentence.end))
        margin = ", ".join(dates)
        body = "".join(out)
        lines.append(f"{margin:<12}{body}" if len(margin) < 12 else f"{margin}\n{'':<12}{body}")
    return "\n".join(lines)


@cli.command("article")
@click.argument("document_id", required=False)
@click.option("--event", "event_id", type=int, help="The article of this event instead.")
@click.option("--json", "as_json", is_flag=True, help="JSON: the text, sentences and rows.")
@pass_app
def article(app: AppContext, document_id: str | None, event_id: int | None, as_json: bool) -> None:
    """Print an article with each event's evidence marked ⟦#ID …⟧ and its date in the margin."""
    if (document_id is None) == (event_id is None):
        raise InputError("give a document id or --event ID")
    from eventdb.services.articles import article_of_event, read_article

    db = app.database(readonly=True)
    with db.session() as s:
        found = (read_article(s, document_id) if document_id is not None
                 else article_of_event(s, event_id))  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps({
            "document": found.document_id, "title": found.title, "published": found.published,
            "text": found.text,
            "sentences": [{"start": x.start, "end": x.end, "events": x.rows} for x in found.sentences],
            "events": [{"id": r.id, "start": r.start, "end": r.end, "headline": r.headline,
                        "value": r.value, "status": r.status,
                        "evidence": found.text[r.start:r.end],
                        "participants": [{"name": n, "role": role} for n, role in r.participants]}
                       for r in found.rows],
        }, indent=2, ensure_ascii=False))
        return
    click.echo(render_article(found))
