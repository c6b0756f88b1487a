"""``eventdb sql``: one read-only query, parameters bound, output in the listing convention."""

from __future__ import annotations

import click

from eventdb.cli.app import AppContext, pass_app
from eventdb.cli.output import Listing, emit, listing_options
from eventdb.config import DEFAULT_READER_ROLE, SQL_TIMEOUT_S as DEFAULT_TIMEOUT_S


@click.command("sql")
@click.argument("query", metavar="SQL")
@click.option("-p", "--param", "params", type=(str, str), multiple=True, metavar="NAME VALUE",
              help="Bind VALUE to :NAME in the query (repeatable). Never paste values into SQL.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), metavar="SECONDS",
              default=DEFAULT_TIMEOUT_S, show_default=True,
              help="Cancel the query if it runs longer than this.")
@click.option("--role", envvar="EVENTDB_SQL_ROLE", metavar="NAME",
              help="PostgreSQL: log in as this read-only role to run the query [default: "
                   f"$EVENTDB_SQL_ROLE, else the URL's role if it may only read, else "
                   f"{DEFAULT_READER_ROLE} if it exists].")
@listing_options
@pass_app
def command(app: AppContext, query: str, params: tuple[tuple[str, str], ...],
            timeout: float, role: str | None, fmt: str) -> None:
    """Run one read-only SQL query (SELECT, WITH, ...) and print its rows.

    The database is opened read-only; writes are refused and change nothing. On PostgreSQL the
    query runs as a role that may only read (a superuser or a role that may write is refused:
    see `eventdb db create-reader-role`). Ctrl-C stops a running query. Query the reporting
    views (chronology, event_participants, corrections, needs_attention, participant_activity)
    described in docs/SQL.md, e.g.:

    \b
      eventdb sql "SELECT value, headline FROM chronology WHERE participants LIKE :p" -p p %ISIS%
    """
    from eventdb.services.sqlquery import run_query

    bound: dict[str, str] = {}
    for name, value in params:
        if name in bound:
            raise click.UsageError(f"parameter {name!r} given twice")
        bound[name] = value
    db = app.database(readonly=True)
    with run_query(db, query, bound, timeout=timeout, role=role) as result:
        for name in result.unused:
            click.echo(f"Warning: parameter {name!r} is not used in the query (no :{name} "
                       "outside strings and comments)", err=True)
        emit(Listing(result.columns, result.rows), fmt)
