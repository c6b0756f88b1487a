"""Bulk inserts on SQLite: multi-row INSERT statements, as many rows each as the variable limit
allows (an executemany pays SQLite's per-statement work once per row)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import event, select

from eventdb.db import migrate
from eventdb.db.bulk import raw_executemany
from eventdb.db.engine import Database
from eventdb.db.models import Participant
from eventdb.services.ingest import ingest
from eventdb.services.sources import SourceDocument
from tests.helpers import export_jsonl

COLUMNS = ["id", "name", "kind", "version_id"]


def _limit(db: Database, variables: int) -> None:
    """Every connection of ``db`` binds at most ``variables`` values per statement."""
    @event.listens_for(db.engine, "connect")
    def _lower(dbapi_connection, _record) -> None:  # noqa: ANN001
        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, variables)


def test_rows_go_in_by_multi_row_statements_within_the_variable_limit(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'bulk.sqlite'}")
    migrate.upgrade(db)
    _limit(db, 10)  # two rows of four values a statement
    db.engine.dispose()
    statements: list[tuple[int, bool]] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _seen(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        if statement.startswith('INSERT INTO participants'):
            statements.append((statement.count("(?"), executemany))

    rows = [(i, f"name {i}", "person" if i % 2 else "other", 1) for i in range(1, 6)]
    with db.transaction() as session:
        raw_executemany(session, Participant.__table__, COLUMNS, rows)
    # 5 rows, 2 a statement: three statements, none an executemany
    assert statements == [(2, False), (2, False), (1, False)]
    with db.session() as session:
        stored = session.execute(select(Participant.id, Participant.name, Participant.kind,
                                        Participant.version_id).order_by(Participant.id)).all()
    assert [tuple(r) for r in stored] == rows
    db.dispose()


def test_an_ingest_stores_the_same_rows_whatever_the_statements_hold(tmp_path: Path) -> None:
    text = ("Workers went on strike at the Qaim cement plant on Monday. Police arrested three "
            "union leaders on Tuesday, officials said. The plant reopened on Friday.")
    exports = []
    for variables in (32766, 40):  # statements of hundreds of rows, or of one or two
        url = f"sqlite:///{tmp_path / f'limit-{variables}.sqlite'}"
        db = Database(url)
        migrate.upgrade(db)
        _limit(db, variables)
        db.engine.dispose()
        docs = [SourceDocument(external_id=f"doc-{i}", text=text, published=None, title=f"Strike {i}")
                for i in range(3)]
        report = ingest(db, docs)
        assert report.added == 3 and not report.failed
        db.dispose()
        exports.append(export_jsonl(url))
    assert exports[0] and exports[0] == exports[1]


def test_updates_of_other_columns_on_one_connection(db_url: str) -> None:
    """Two bulk updates of one table with other columns, in one session: PostgreSQL keeps a
    connection's temporary tables, and the second update once found the first one's table
    without its columns ('column "kind" of relation eventdb_bulk_happening_groups does not
    exist': regroup failed in the TUI and the CLI)."""
    from eventdb.db.bulk import raw_update_by_id
    from eventdb.db.models import Happening

    db = Database(db_url)
    migrate.upgrade(db)
    try:
        table = Happening.__table__
        with db.transaction() as s:
            s.add_all([Happening(id=1, status="machine"), Happening(id=2, status="machine")])
        with db.transaction() as s:
            raw_update_by_id(s, table, ["status"], [("confirmed", 1)])
            raw_update_by_id(s, table, ["kind", "status"], [("attack", "machine", 2)])
        with db.transaction() as s:
            raw_update_by_id(s, table, ["kind"], [("death", 1)])
        with db.session() as s:
            got = {g.id: (g.kind, g.status) for g in s.scalars(select(Happening))}
        assert got == {1: ("death", "confirmed"), 2: ("attack", "machine")}
    finally:
        db.dispose()
