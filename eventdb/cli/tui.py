"""``eventdb tui``: open the curator's TUI on the database."""

from __future__ import annotations

import click

from eventdb.cli.app import AppContext, pass_app


@click.command("tui")
@pass_app
def command(app: AppContext) -> None:
    """Open the chronology in the terminal UI (curate dates, anchors, merges; undo)."""
    from eventdb.tui.app import run

    # The TUI opens the database itself (on a worker) and shows schema or connection problems
    # on screen; only a missing file is refused here, before the TUI would create it.
    app.database(check=False, readonly=True)
    run(app.url, curator=app.curator)
