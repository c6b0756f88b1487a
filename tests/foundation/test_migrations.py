"""Migrations: up, down, up again; models and migrations agree; wrong schemas are refused."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from eventdb.db import migrate
from eventdb.db.engine import Database
from eventdb.db.models import Base
from tests.helpers import ok, run

TABLES = {
    "documents", "time_nodes", "events", "participants", "participant_aliases", "mentions",
    "event_arguments", "date_assertions", "change_log",
}


def tables(url: str) -> set[str]:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return set(inspect(conn).get_table_names()) - {"alembic_version"}
    finally:
        db.dispose()


def test_init_then_round_trip(empty_db_url: str) -> None:
    ok(empty_db_url, "init")
    assert TABLES <= tables(empty_db_url)
    assert "up to date" in ok(empty_db_url, "db", "current").stdout
    ok(empty_db_url, "db", "downgrade", "base")
    assert tables(empty_db_url) == set()
    ok(empty_db_url, "db", "upgrade")
    assert TABLES <= tables(empty_db_url)


def test_models_and_migrations_agree(db_url: str) -> None:
    """The equivalent of `alembic check`: autogenerate finds nothing to do."""
    db = Database(db_url)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    db.dispose()
    assert diff == []


def test_empty_database_is_refused_with_a_hint(empty_db_url: str) -> None:
    result = run(empty_db_url, "export")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert "run `eventdb init`" in result.stderr and result.stderr.strip().endswith("first")
    assert len(result.stderr.strip().splitlines()) == 1


def test_database_from_a_newer_eventdb_is_refused(db_url: str, seeds_jsonl) -> None:  # noqa: ANN001
    db = Database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    db.dispose()
    # A revision this code does not know: made by a newer eventdb.
    result = run(db_url, "ingest", str(seeds_jsonl))
    assert result.exit_code == 1
    assert "newer than this eventdb" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_database_at_an_older_revision_asks_for_upgrade(empty_db_url: str, tmp_path) -> None:  # noqa: ANN001
    ok(empty_db_url, "init")
    head = migrate.head_revision()
    db = Database(empty_db_url)
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config(db))
    revisions = [r.revision for r in script.walk_revisions()]
    db.dispose()
    if len(revisions) < 2:
        # Only one revision so far: fake "behind" by downgrading to base then stamping nothing.
        ok(empty_db_url, "db", "downgrade", "base")
        result = run(empty_db_url, "export")
        assert "run `eventdb init`" in result.stderr
        return
    ok(empty_db_url, "db", "downgrade", revisions[1])
    result = run(empty_db_url, "export")
    assert result.exit_code == 1
    assert "run `eventdb db upgrade`" in result.stderr
    assert head in result.stderr
