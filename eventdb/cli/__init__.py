"""Command-line interface. Commands live in one module each and only call the service layer."""

from eventdb.cli import curate, database, demo, export, ingest, show  # noqa: F401  (registers commands)
from eventdb.cli.app import cli


def _register_optional() -> None:
    # Commands whose modules are built by other parts of the project register themselves here.
    import importlib

    for name in ("tag", "tui", "sql", "report", "participants"):
        try:
            module = importlib.import_module(f"eventdb.cli.{name}")
        except ImportError:
            continue
        cli.add_command(module.command)


_register_optional()


def main() -> None:
    cli(prog_name="eventdb")
