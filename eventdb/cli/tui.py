"""``eventdb tui``: open the curator's TUI on the database."""

from __future__ import annotations

import click

from eventdb.cli.app import AppContext, pass_app


@click.command("tui")
@click.option("--filter", "filter_text", default="", metavar="TEXT",
              help="Open with this filter, as typed after / (e.g. 'who:maliki show:all').")
@pass_app
def command(app: AppContext, filter_text: str) -> None:
    """Open the chronology in the terminal UI (curate dates, anchors, merges; undo).

    A happening is one row (background rows hidden): `show:reports` lists every report,
    `show:background` the background rows, `show:all` both."""
    from eventdb.tui.app import run
    from eventdb.tui.filters import FilterError, parse_filter

    try:
        parse_filter(filter_text)
    except FilterError as exc:
        from eventdb.errors import InputError

        raise InputError(f"--filter: {exc}") from None

    # The TUI opens the database itself (on a worker) and shows schema or connection problems
    # on screen; only a missing file is refused here, before the TUI would create it.
    app.database(check=False, readonly=True)
    run(app.url, curator=app.curator, filter_text=filter_text)
