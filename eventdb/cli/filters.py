"""The chronology filters that ``export`` and ``show`` share, defined once as a decorator.

Importing this module costs only Click: the filter object (and SQLAlchemy with it) is built when
the command runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

import click

from eventdb.db.vocab import STATUSES
from eventdb.errors import InputError


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def chronology_filters(command: Callable) -> Callable:
    """Add ``--participant --document --from --to --status`` to a command; it receives them as
    one ``filters`` argument (an :class:`~eventdb.services.chronology.EventFilter`)."""

    @click.option("--participant", help="Only events with this participant (name or alias).")
    @click.option("--document", help="Only events of this document id.")
    @click.option("--from", "date_from", callback=_date, metavar="DATE",
                  help="Only events on or after DATE.")
    @click.option("--to", "date_to", callback=_date, metavar="DATE",
                  help="Only events on or before DATE.")
    @click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
                  help="Only events with this status (repeatable).")
    @functools.wraps(command)
    def wrapper(*args: Any, participant: str | None, document: str | None,
                date_from: date | None, date_to: date | None, statuses: tuple[str, ...],
                **kwargs: Any) -> Any:
        from eventdb.services.chronology import EventFilter

        if date_from and date_to and date_from > date_to:
            raise InputError(f"--from {date_from} is after --to {date_to}")
        filters = EventFilter(participant=participant, document=document, date_from=date_from,
                              date_to=date_to, statuses=statuses)
        return command(*args, filters=filters, **kwargs)

    return wrapper
