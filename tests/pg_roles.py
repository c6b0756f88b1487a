"""PostgreSQL roles for tests of ``eventdb sql``: made with the real command, dropped after.

Roles belong to the whole server, which other test runs share: every name is unique to the
run, and a role is dropped (with its privileges in the test database) when the test ends.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine

from tests.helpers import ok


def unique_role(prefix: str = "reader") -> str:
    return f"eventdb_test_{prefix}_{uuid.uuid4().hex[:10]}"


def admin(db_url: str, *statements: str) -> list:
    """Run statements as the test server's superuser on ``db_url``; the last one's rows."""
    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            result = None
            for statement in statements:
                result = conn.exec_driver_sql(statement)
            return list(result) if result is not None and result.returns_rows else []
    finally:
        engine.dispose()


def drop_roles(db_url: str, *names: str) -> None:
    for name in names:
        if admin(db_url, f"SELECT 1 FROM pg_roles WHERE rolname = '{name}'"):
            admin(db_url, f'DROP OWNED BY "{name}"', f'DROP ROLE "{name}"')


@contextmanager
def reader_role(db_url: str) -> Iterator[str]:
    """A read-only role for ``db_url``, made by ``eventdb db create-reader-role``."""
    name = unique_role()
    try:
        ok(db_url, "db", "create-reader-role", name)
        yield name
    finally:
        drop_roles(db_url, name)
