"""``eventdb tag``: print the time expressions of a text (or of a JSONL stream of documents)."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime

import click


def _parse_dct(value: str | None) -> date | datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)", param_hint="--dct")


@click.command("tag")
@click.argument("file", required=False, type=click.File("r", encoding="utf-8"))
@click.option("--dct", help="Publication date (YYYY-MM-DD) that relative expressions resolve against.")
@click.option("--input", "input_", type=click.File("r", encoding="utf-8"),
              help='JSONL documents {"id", "published", "text"}; prints {"id", "timexes"} per line.')
def command(file, dct, input_):
    """Find and resolve time expressions: one JSON object per expression (FILE or - for stdin)."""
    from eventdb.temporal.api import tag, tag_documents, timex_dict

    out = sys.stdout
    if input_ is not None:
        from eventdb.temporal import TemporalError
        try:
            for doc in tag_documents(input_):
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
        except TemporalError as e:
            raise click.ClickException(str(e)) from None
        return
    text = (file or click.get_text_stream("stdin")).read()
    for t in tag(text, _parse_dct(dct)):
        out.write(json.dumps(timex_dict(t), ensure_ascii=False) + "\n")
