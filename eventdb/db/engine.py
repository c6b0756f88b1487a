"""Connecting to the database: engines, transactions, and translating driver errors.

SQLite gets foreign keys, WAL (a curator's TUI and an ingest can share a file), a busy timeout,
and explicit ``BEGIN`` so that a write transaction takes its lock up front (``BEGIN IMMEDIATE``):
a read-then-write never fails half-way on a lock upgrade.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import exc as orm_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from eventdb.errors import ConflictError, DatabaseError, EventdbError

#: How long a SQLite writer waits for another one before "database is locked" (seconds);
#: ``EVENTDB_SQLITE_TIMEOUT`` overrides it.
BUSY_TIMEOUT_S = float(os.environ.get("EVENTDB_SQLITE_TIMEOUT", "10"))


def _sqlite_setup(engine: Engine, *, may_create: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module doc)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if not engine.url.database or engine.url.database == ":memory:":
            cur.close()
            return
        if engine.url.query.get("mode") != "ro":
            mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
            # Switching to WAL rewrites the file's header: only for a file that is eventdb's, or
            # a new one being made. Anything else is left untouched (and refused by the schema
            # check), so a wrong --db never changes someone else's file.
            if mode != "wal" and _may_switch_to_wal(cur, may_create):
                cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        # A 64 MB page cache (default 2 MB): bulk re-resolution and ingest touch many index pages.
        cur.execute("PRAGMA cache_size = -65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _may_switch_to_wal(cur, may_create: bool) -> bool:  # noqa: ANN001
    """Is the open file eventdb's (it has ``alembic_version``), or empty and ours to create?"""
    names = {row[0] for row in cur.execute("SELECT name FROM sqlite_master")}
    return "alembic_version" in names or (not names and may_create)


def no_database_message(where: object) -> str:
    return f"no database at {where}: run `eventdb init` (or `eventdb ingest FILE`) first"


def sqlite_file(url: str | URL) -> Path | None:
    """The file a SQLite URL names (None: not SQLite, in memory, or a ``file:`` URI of its own)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if str(parsed.query.get("uri", "")).lower() in ("true", "1"):
        return None
    return Path(database)


def _readonly_sqlite_url(path: Path) -> URL:
    """A read-only ``file:`` URI for ``path`` (quoted: ``#``, ``?`` and ``%`` are literal).

    SQLite reads a WAL database through its ``-shm`` file, which it must be able to create: on
    a read-only filesystem or folder, when that file is absent, the database is opened as
    ``immutable`` instead (nothing can change it there, so there is nothing to coordinate).
    """
    resolved = path.resolve()
    query = {"mode": "ro", "uri": "true"}
    shm = resolved.with_name(resolved.name + "-shm")
    if not os.access(resolved.parent, os.W_OK) and not shm.exists():
        query["immutable"] = "1"
    return URL.create("sqlite", database="file:" + quote(str(resolved), safe="/"), query=query)


def make_engine(url: str | URL, *, readonly: bool = False, create: bool = True) -> Engine:
    """An engine for ``url``. ``readonly`` opens SQLite read-only and PostgreSQL sessions read-only.

    A SQLite file that does not exist is made only when ``create`` (and never when ``readonly``);
    otherwise the message says how to make one, and no empty file is left behind.
    """
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError as exc:
        raise DatabaseError(f"cannot use database URL {str(url)!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file(parsed)
        if path is not None:
            if path.is_dir():
                raise DatabaseError(f"{path} is a directory, not a database")
            if not path.exists():
                if readonly or not create:
                    raise DatabaseError(no_database_message(path))
                if not path.parent.exists():
                    raise DatabaseError(f"cannot create a database in {path.parent}: no such folder")
            if readonly:
                parsed = _readonly_sqlite_url(path)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})
        _sqlite_setup(engine, may_create=create and not readonly)
        return engine
    connect_args: dict = {"connect_timeout": 10} if parsed.get_backend_name() == "postgresql" else {}
    if readonly and parsed.get_backend_name() == "postgresql":
        connect_args["options"] = "-c default_transaction_read_only=on"
    try:
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except (sa_exc.ArgumentError, sa_exc.NoSuchModuleError, ImportError) as exc:
        raise DatabaseError(f"cannot use database URL {parsed!r}: {exc}") from exc


def describe_db_error(exc: BaseException) -> str:
    """One line a person can act on, for a driver error. Never raises, whatever ``exc`` is."""
    try:
        lines = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    except Exception:  # noqa: BLE001 - a broken __str__ must not hide the error it describes
        lines = []
    text = lines[0] if lines else type(exc).__name__
    low = text.lower()
    if "database is locked" in low or "database table is locked" in low:
        return "the database is locked by another process (an ingest?); try again in a moment"
    if "readonly" in low or "read-only" in low:
        return f"the database is read-only: {text}"
    if "disk" in low and ("full" in low or "i/o" in low):
        return f"the disk is full or failing: {text}"
    if "unable to open database file" in low:
        return "cannot open the database file (check the path and permissions)"
    if "file is not a database" in low or "file is encrypted" in low:
        return "that file is not an eventdb (SQLite) database"
    if "connection" in low and ("refused" in low or "failed" in low or "timeout" in low):
        return f"cannot reach the database server: {text}"
    return f"database error: {text}"


class Database:
    """One database: an engine plus sessions for reading and for writing (one transaction each)."""

    def __init__(self, url: str, *, readonly: bool = False, create: bool = True) -> None:
        self.url = url
        self.readonly = readonly
        self.engine = make_engine(url, readonly=readonly, create=create)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        write_engine = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        )
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(write_engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; rolled back at the end."""
        with translate_errors(), self._read() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or not at all."""
        with translate_errors(), self._write() as session, session.begin():
            yield session

    def refresh_statistics(self, tables: list[str]) -> None:
        """PostgreSQL: ANALYZE ``tables``, so that the planner knows what a bulk load just wrote.

        Autovacuum would do it, but only a minute or more later: until then a query planned on
        the statistics of a much smaller table can be ten times slower (the chronology's first
        page took 150 ms instead of 20 right after ingesting 10,000 documents). SQLite keeps no
        statistics unless asked, and its queries are written for its default plans: nothing to do.
        """
        if self.is_sqlite or self.readonly:
            return
        with translate_errors(), self.engine.connect() as conn:
            quote = self.engine.dialect.identifier_preparer.quote
            conn.exec_driver_sql("ANALYZE " + ", ".join(quote(t) for t in tables))
            conn.commit()

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def translate_errors() -> Iterator[None]:
    """Turn driver errors into :class:`EventdbError` with a readable message."""
    try:
        yield
    except EventdbError:
        raise
    except orm_exc.StaleDataError as exc:
        raise ConflictError(
            "someone else changed this item since you read it; reload and try again"
        ) from exc
    except (sa_exc.OperationalError, sa_exc.InterfaceError) as exc:
        raise DatabaseError(describe_db_error(exc)) from exc
    except sa_exc.DatabaseError as exc:
        raise DatabaseError(describe_db_error(exc)) from exc
    except Exception as exc:
        # Bulk paths talk to the driver directly (COPY): its errors carry a SQLSTATE.
        if getattr(exc, "sqlstate", None) is not None:
            raise DatabaseError(describe_db_error(exc)) from exc
        raise


#: SQLSTATEs after which running the same transaction again is the right answer.
RETRYABLE_SQLSTATES = {"40P01", "40001"}  # deadlock detected, serialization failure


def is_retryable(exc: BaseException) -> bool:
    """Did a transaction lose a deadlock or serialization race (PostgreSQL)?"""
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 10:
        orig = getattr(current, "orig", None)
        if RETRYABLE_SQLSTATES & {getattr(orig, "sqlstate", None), getattr(current, "sqlstate", None)}:
            return True
        current = current.__cause__ or current.__context__
        seen += 1
    return False


def retrying(function, *args, attempts: int = 5, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
    """Run ``function`` (a whole transaction), again when it lost a deadlock to another one."""
    import random
    import time

    for attempt in range(attempts):
        try:
            return function(*args, **kwargs)
        except EventdbError as exc:
            if attempt == attempts - 1 or not is_retryable(exc):
                raise
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
    raise AssertionError("unreachable")
