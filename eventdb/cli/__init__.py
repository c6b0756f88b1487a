"""Command-line interface. Commands live in one module each and only call the service layer.

Importing this package is cheap on purpose: ``main`` loads the commands when it runs, and those
import only Click up front; each command loads SQLAlchemy, Rich and its services when it is the
one invoked, so ``eventdb --help`` and a quick curation start fast
(tests/foundation/test_startup.py). Ingest's worker processes import the program's main module,
which for the installed ``eventdb`` script is this package, and must not pay for all of the CLI
before they extract.
"""


def main() -> None:
    from eventdb.cli.commands import cli

    cli(prog_name="eventdb")
