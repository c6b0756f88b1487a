"""Shared fixtures: real databases, SQLite files and PostgreSQL, fresh for every test.

PostgreSQL tests use ``EVENTDB_TEST_POSTGRES_URL`` (a URL of a server where the user may create
databases, e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``). Without it they are
skipped, unless ``EVENTDB_REQUIRE_POSTGRES=1``: then they fail. Each test run makes its own
databases (a migrated template, copied per test) and drops them at the end.
"""

from __future__ import annotations

import itertools
import os
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from eventdb.db import migrate
from eventdb.db.engine import Database

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PG_ENV = "EVENTDB_TEST_POSTGRES_URL"
PG_SKIP_REASON = f"PostgreSQL tests need {PG_ENV} (a server URL where databases can be created)"


def pytest_configure(config: pytest.Config) -> None:
    # The TUI and CLI must never print colour codes into captured output.
    os.environ.setdefault("NO_COLOR", "1")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ANN001
    """Say once why tests were skipped, one line per reason, instead of one line per test
    (``addopts`` has ``-rfE``, not ``-ra``): pytest's pass/fail line stays the last one."""
    reasons: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
        reasons[reason.removeprefix("Skipped: ")] += 1
    if not reasons:
        return
    terminalreporter.section("skipped", sep="-")
    for reason, count in reasons.most_common():
        if reason == PG_SKIP_REASON:
            line = (f"{count} PostgreSQL test{'s' * (count != 1)} skipped: set {PG_ENV} "
                    "(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres) to run them")
        else:
            line = f"{count} skipped: {reason}"
        terminalreporter.write_line(line)


class PostgresServer:
    """Creates and drops the databases of one test run on a PostgreSQL server."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = make_url(admin_url)
        self.engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        self.prefix = f"eventdb_test_{uuid.uuid4().hex[:8]}"
        self.counter = itertools.count()
        self.created: list[str] = []
        self.template: str | None = None

    def url_for(self, name: str) -> str:
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = f"{self.prefix}_{next(self.counter)}"
        with self.engine.connect() as conn:
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
        self.created.append(name)
        return self.url_for(name)

    def drop(self, url: str) -> None:
        name = make_url(url).database
        with self.engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if name in self.created:
            self.created.remove(name)

    def migrated(self) -> str:
        """A fresh database at the latest schema (copied from a template made once)."""
        if self.template is None:
            url = self.create()
            db = Database(url)
            migrate.upgrade(db)
            db.dispose()
            self.template = make_url(url).database
        return self.create(template=self.template)

    def close(self) -> None:
        for name in list(self.created):
            self.drop(self.url_for(name))
        self.engine.dispose()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    url = os.environ.get(PG_ENV)
    if not url:
        yield None
        return
    server = PostgresServer(url)
    try:
        yield server
    finally:
        server.close()


def _need_postgres(server: PostgresServer | None) -> PostgresServer:
    if server is None:
        reason = PG_SKIP_REASON
        if os.environ.get("EVENTDB_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + "; EVENTDB_REQUIRE_POSTGRES=1 makes them mandatory")
        pytest.skip(reason)
    return server


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def empty_db_url(backend: str, tmp_path: Path, postgres_server) -> Iterator[str]:  # noqa: ANN001
    """The URL of a new, empty database (no schema) on each backend."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite'}"
        return
    server = _need_postgres(postgres_server)
    url = server.create()
    yield url
    server.drop(url)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, sqlite_template: Path, postgres_server) -> Iterator[str]:  # noqa: ANN001
    """The URL of a new database at the latest schema, on each backend."""
    if backend == "sqlite":
        path = tmp_path / "eventdb.sqlite"
        shutil.copy(sqlite_template, path)
        yield f"sqlite:///{path}"
        return
    server = _need_postgres(postgres_server)
    url = server.migrated()
    yield url
    server.drop(url)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def seeds_jsonl() -> Path:
    return SEEDS / "articles.jsonl"


@pytest.fixture
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
