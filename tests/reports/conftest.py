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
def sql_reader_role(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """PostgreSQL: `eventdb sql` refuses the superuser the tests connect as; log in as a reader."""
    if "db_url" not in request.fixturenames:
        yield
        return
    db_url = request.getfixturevalue("db_url")
    if not db_url.startswith("postgresql"):
        yield
        return
    from tests.pg_roles import reader_role

    with reader_role(db_url) as name:
        monkeypatch.setenv("EVENTDB_SQL_ROLE", name)
        yield


@pytest.fixture
def known(db_url: str) -> Known:
    db = Database(db_url)
    try:
        return build(db)
    finally:
        db.dispose()
