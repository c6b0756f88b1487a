"""Fixtures for the reporting tests: the reporting commands registered, known data on each backend."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventdb.cli.app import cli
from eventdb.db.engine import Database
from tests.reports.known import Known, build


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "optional: needs a tool that may not be installed (skipped without it)")


@pytest.fixture(autouse=True)
def reporting_commands() -> Iterator[None]:
    """Register sql, report and participants on the CLI for the test if the app does not yet."""
    from eventdb.cli import participants, report, sql

    added = []
    for module in (sql, report, participants):
        if module.command.name not in cli.commands:
            cli.add_command(module.command)
            added.append(module.command.name)
    yield
    for name in added:
        cli.commands.pop(name, None)


@pytest.fixture(autouse=True)
def _sql_as_reader(sql_reader_role: None) -> None:
    """Every report test may run `eventdb sql`: on PostgreSQL it logs in as a reader."""


@pytest.fixture
def known(db_url: str) -> Known:
    db = Database(db_url)
    try:
        return build(db)
    finally:
        db.dispose()
