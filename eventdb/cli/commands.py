"""The ``eventdb`` group with every command registered."""

from eventdb.cli import (  # noqa: F401 - importing a command's module registers it
    curate, database, demo, export, ingest, participants, report, show, sql, tag, tui,
)
from eventdb.cli import edit  # noqa: F401,E402 - row edits and `article` (issue 17 section 3)
from eventdb.cli import happening  # noqa: E402 - regroup and the happening commands
from eventdb.cli.app import cli

# These modules define a ``command``; the others decorate their commands onto ``cli`` directly.
for _module in (tag, tui, sql, report, participants, happening):
    cli.add_command(_module.command)

__all__ = ["cli"]
