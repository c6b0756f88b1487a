"""Bulk writes straight through the database driver.

SQLAlchemy's per-row parameter handling dominates when one statement carries tens of thousands of
rows (a correction that re-dates a whole article, a batch of ingested documents). These helpers
convert values as SQLAlchemy would bind them and hand the rows to the driver: multi-row INSERTs
on SQLite, COPY on PostgreSQL. They run on the session's connection, inside its transaction.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from operator import itemgetter

from sqlalchemy import Table
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session


@contextmanager
def _driver_errors(statement: str) -> Iterator[None]:
    """Driver errors from COPY dressed as SQLAlchemy's, so callers handle them as any other."""
    try:
        yield
    except sa_exc.SQLAlchemyError:
        raise
    except Exception as exc:
        state = getattr(exc, "sqlstate", None)
        if state is None:
            raise
        cls = (sa_exc.IntegrityError if state.startswith("23")
               else sa_exc.OperationalError if state[:2] in ("08", "40", "53", "57", "58")
               else sa_exc.DatabaseError)
        raise cls(statement, None, exc) from exc


def _processed(session: Session, table: Table, columns: list[str], rows: list[tuple]) -> list[tuple]:
    """Rows with each value converted as SQLAlchemy binds it (dates, times, booleans...).

    The dialect's own processors (``dialect_impl``): the generic types have none for dates on
    SQLite, whose driver would then fall back to its default adapters and store times in
    another form than the ORM does. Values repeat (a batch shares one timestamp, many events
    one date), so each column remembers what it converted.
    """
    dialect = session.get_bind().dialect
    procs = [(i, p) for i, c in enumerate(columns)
             if (p := table.c[c].type.dialect_impl(dialect).bind_processor(dialect))]
    if not procs or not rows:
        return rows
    # Column by column (the transposition is done in C): only the columns with a processor
    # are walked, not every value of every row.
    by_column = list(zip(*rows))
    for i, p in procs:
        column = by_column[i]
        try:
            # each distinct value converted once, the column mapped in C
            memo = {v: p(v) for v in set(column) if v is not None}
        except TypeError:  # an unhashable value: converted one by one
            by_column[i] = [None if v is None else p(v) for v in column]  # type: ignore[call-overload]
            continue
        memo[None] = None
        by_column[i] = list(map(memo.__getitem__, column))  # type: ignore[call-overload]
    return list(zip(*by_column))


def _placeholder(session: Session) -> str:
    return "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"


#: Bound variables per statement when the driver cannot say (SQLite's limit before 3.32).
_SQLITE_VARIABLES = 999


def _variables_per_statement(session: Session) -> int:
    """How many values one SQLite statement may bind (``SQLITE_LIMIT_VARIABLE_NUMBER``: 32,766
    since SQLite 3.32)."""
    driver = session.connection().connection.driver_connection
    try:
        return int(driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))  # type: ignore[union-attr]
    except (AttributeError, sqlite3.Error):
        return _SQLITE_VARIABLES


def raw_executemany(session: Session, table: Table, columns: list[str], rows: list[tuple]) -> None:
    """INSERT many rows straight through the driver: SQLAlchemy's per-row bind handling is the
    cost that matters when one correction re-dates tens of thousands of rows. PostgreSQL gets
    them by COPY, SQLite by multi-row ``INSERT ... VALUES (...), (...), ...`` statements, as many
    rows each as its variable limit allows.

    (An ``executemany`` runs the statement once per row, and each run pays SQLite's
    per-statement work again: the AUTOINCREMENT sequence read and written back, the triggers'
    programs set up, the statement reset. For the events of a batch that was most of their
    insert: 19.8 µs a row by executemany, 7.8 µs in statements of a thousand rows; rows go in
    in the same order, so ids SQLite assigns are the same.)"""
    if not rows:
        return
    quote = session.get_bind().dialect.identifier_preparer.quote
    column_list = ", ".join(quote(c) for c in columns)
    if session.get_bind().dialect.name == "postgresql":
        statement = f"COPY {quote(table.name)} ({column_list}) FROM STDIN"
        driver = session.connection().connection.driver_connection
        with _driver_errors(statement), driver.cursor() as cur, cur.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        return
    ph = _placeholder(session)
    values = _processed(session, table, columns, rows)
    head = f"INSERT INTO {quote(table.name)} ({column_list}) VALUES "
    one = f"({', '.join([ph] * len(columns))})"
    per = max(1, _variables_per_statement(session) // len(columns))
    conn = session.connection()
    for start in range(0, len(values), per):
        part = values[start:start + per]
        conn.exec_driver_sql(head + ", ".join([one] * len(part)), tuple(chain.from_iterable(part)))


def raw_select_in(session: Session, table: Table, columns: list[str], key: str,
                  values: list, chunk: int = 500) -> list[tuple]:
    """``SELECT columns FROM table WHERE key IN values``, through the driver in chunks: with
    hundreds of values SQLAlchemy's expanding IN costs more than the lookups themselves."""
    quote = session.get_bind().dialect.identifier_preparer.quote
    ph = _placeholder(session)
    conn = session.connection()
    head = f"SELECT {', '.join(quote(c) for c in columns)} FROM {quote(table.name)} WHERE {quote(key)} IN "
    out: list[tuple] = []
    for i in range(0, len(values), chunk):
        part = tuple(values[i:i + chunk])
        out += conn.exec_driver_sql(head + f"({', '.join([ph] * len(part))})", part).all()
    return out


def raw_set_by_id(session: Session, table: Table, column: str, pairs: list[tuple[int, object]]) -> None:
    """``UPDATE table SET column = value WHERE id = row_id`` for each ``(row_id, value)``, straight
    through the driver (a link set once both rows exist; ``version_id`` untouched)."""
    if not pairs:
        return
    quote = session.get_bind().dialect.identifier_preparer.quote
    ph = _placeholder(session)
    sql = f"UPDATE {quote(table.name)} SET {quote(column)} = {ph} WHERE id = {ph}"
    session.connection().exec_driver_sql(sql, [(value, row_id) for row_id, value in pairs])


def raw_update_by_id(session: Session, table: Table, columns: list[str], rows: list[tuple]) -> None:
    """UPDATE many rows by id (the last value of each row), bumping ``version_id``.

    PostgreSQL: COPY the new values into a temporary table and update from it in one statement.
    """
    if not rows:
        return
    dialect = session.get_bind().dialect
    quote = dialect.identifier_preparer.quote
    if dialect.name == "postgresql":
        # one temporary table per table *and* column list: a connection keeps its temporary
        # tables, and one made for other columns would miss these ("column kind ... does not exist")
        temp = f"eventdb_bulk_{table.name}_{zlib.crc32(','.join(columns).encode()):08x}"
        types = ", ".join(f"{quote(c)} {table.c[c].type.compile(dialect=dialect)}"
                          for c in [*columns, "id"])
        driver = session.connection().connection.driver_connection
        with _driver_errors(f"UPDATE {table.name} FROM {temp}"), driver.cursor() as cur:
            cur.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {temp} ({types}) ON COMMIT DELETE ROWS")
            cur.execute(f"TRUNCATE {temp}")
            with cur.copy(f"COPY {temp} ({', '.join(quote(c) for c in [*columns, 'id'])}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            assignments = ", ".join(f"{quote(c)} = x.{quote(c)}" for c in columns)
            cur.execute(f"UPDATE {quote(table.name)} AS t SET {assignments}, "
                        f"version_id = t.version_id + 1 FROM {temp} AS x WHERE t.id = x.id")
        return
    ph = _placeholder(session)
    assignments = ", ".join(f"{quote(c)} = {ph}" for c in columns)
    sql = (f"UPDATE {quote(table.name)} SET {assignments}, version_id = version_id + 1 "
           f"WHERE id = {ph}")
    session.connection().exec_driver_sql(sql, _processed(session, table, [*columns, "id"], rows))


def bulk_insert(session: Session, table: Table, rows: list[dict]) -> None:
    """INSERT rows given as dicts with the same keys."""
    if rows:
        columns = list(rows[0])
        values = itemgetter(*columns)
        raw_executemany(session, table, columns,
                        [values(row) for row in rows] if len(columns) > 1 else [(row[columns[0]],) for row in rows])
