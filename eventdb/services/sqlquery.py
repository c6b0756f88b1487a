"""Read-only SQL for analysts (``eventdb sql``): one statement, bound parameters, no writes.

The databases enforce it; the first-keyword check below only gives a clearer message sooner.

- SQLite is opened with ``mode=ro``, which alone still lets ``ATTACH`` create another file and
  ``VACUUM INTO`` copy the database anywhere; so the statement is prepared under an authorizer
  that allows reading only (SELECT, reading columns, functions, read-only pragmas). Python's
  driver refuses a second statement, and SQLite's own tokenizer finds the ``:name`` parameters.
  Ctrl-C interrupts a running query (a progress handler checks for it).
- PostgreSQL: one transaction, ``BEGIN READ ONLY``, ``SET LOCAL statement_timeout``, then the
  statement through the extended query protocol (a prepared statement), which refuses several
  statements whatever the quoting, so nothing can end the read-only transaction and write after
  it; then ROLLBACK and the connection is closed (session advisory locks, settings and prepared
  statements go with it). The session must be logged in as a role that can only read
  (:mod:`eventdb.services.sqlroles` checks it, in the same transaction, before the statement):
  a role that may write, a superuser or a role that may become one is refused, unless the user
  names a read-only role to log in as (``--role``), or the default reader role exists.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from eventdb.db.engine import Database, translate_errors
from eventdb.config import SQL_TIMEOUT_S
from eventdb.errors import DatabaseError, InputError
from eventdb.services import sqlroles
from eventdb.services.sqltokens import first_keyword, is_blank, numbered_placeholders

DEFAULT_TIMEOUT_S = SQL_TIMEOUT_S


class ReadOnlyError(InputError):
    """A statement that would write (or could), refused before it ran."""


@dataclass(slots=True)
class QueryResult:
    columns: list[str]
    rows: Iterator[Sequence[Any]]
    #: Parameters given but not used by the statement (a ``:name`` in a string is no parameter).
    unused: list[str] = field(default_factory=list)
    #: PostgreSQL: the role the statement ran as.
    role: str | None = None


QUERY_KEYWORDS = {
    "sqlite": {"select", "with", "values", "explain", "pragma"},
    "postgresql": {"select", "with", "values", "table", "explain", "show"},
}

#: SQLite pragmas that only read; the second group only when given no value.
SQLITE_READ_PRAGMAS = {
    "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
    "foreign_key_list", "foreign_key_check", "database_list", "collation_list",
    "function_list", "module_list", "pragma_list", "compile_options", "integrity_check",
    "quick_check",
}
SQLITE_READ_PRAGMAS_NO_VALUE = {
    "user_version", "schema_version", "application_id", "page_count", "page_size",
    "freelist_count", "encoding", "journal_mode", "data_version", "foreign_keys",
    "auto_vacuum", "max_page_count",
}
SQLITE_REFUSED_FUNCTIONS = {"load_extension", "fts3_tokenizer", "readfile", "writefile", "edit"}


def check_read_only(sql: str, dialect: str) -> None:
    """Refuse what is not a query by its first keyword: a clear message, before any connection.

    Not the protection (the database is); a statement this lets through is still read-only.
    """
    if is_blank(sql, dialect):
        raise InputError("no SQL statement given")
    keyword = first_keyword(sql, dialect)
    if keyword not in QUERY_KEYWORDS[dialect]:
        shown = keyword.upper() or "this statement"
        raise ReadOnlyError(
            f"eventdb sql is read-only: {shown} is refused "
            f"(allowed: {', '.join(sorted(k.upper() for k in QUERY_KEYWORDS[dialect]))})"
        )


def bind_value(value: str, dialect: str) -> Any:
    """A command-line parameter as the driver should bind it.

    PostgreSQL gets text of unknown type and infers the type from where the parameter is used
    (``earliest >= :d``, ``LIMIT :n``). SQLite does not infer: a number compared with text is
    never equal, so there a value written like a number is bound as a number (a text column
    still compares it as text, by SQLite's affinity rules).
    """
    if dialect == "sqlite":
        if re.fullmatch(r"-?(0|[1-9][0-9]{0,17})", value):
            return int(value)
        if re.fullmatch(r"-?(0|[1-9][0-9]*)\.[0-9]+", value):
            return float(value)
    return value


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _timeout_error(timeout: float) -> InputError:
    return InputError(f"the query ran longer than {timeout:g} s and was cancelled (--timeout)")


# -- SQLite ---------------------------------------------------------------------------------------

_SQLITE_ACTIONS = {
    getattr(sqlite3, f"SQLITE_{name}"): name.replace("_", " ")
    for name in (
        "CREATE_INDEX", "CREATE_TABLE", "CREATE_TEMP_INDEX", "CREATE_TEMP_TABLE",
        "CREATE_TEMP_TRIGGER", "CREATE_TEMP_VIEW", "CREATE_TRIGGER", "CREATE_VIEW", "DELETE",
        "DROP_INDEX", "DROP_TABLE", "DROP_TEMP_INDEX", "DROP_TEMP_TABLE", "DROP_TEMP_TRIGGER",
        "DROP_TEMP_VIEW", "DROP_TRIGGER", "DROP_VIEW", "INSERT", "TRANSACTION", "UPDATE",
        "ATTACH", "DETACH", "ALTER_TABLE", "REINDEX", "ANALYZE", "CREATE_VTABLE", "DROP_VTABLE",
        "SAVEPOINT",
    )
    if hasattr(sqlite3, f"SQLITE_{name}")
}


class SqliteReadAuthorizer:
    """Allows reading only; SQLite calls it while preparing the statement, before it runs.

    Remembers what it denied, for a message that says more than "not authorized".
    """

    def __init__(self) -> None:
        self.denied: str | None = None

    def __call__(self, action: int, arg1, arg2, db, _trigger) -> int:  # noqa: ANN001
        if action in (sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE):
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_FUNCTION:
            if (arg2 or "").lower() not in SQLITE_REFUSED_FUNCTIONS:
                return sqlite3.SQLITE_OK
            return self._deny(f"{arg2}()")
        if action == sqlite3.SQLITE_PRAGMA:
            name = (arg1 or "").lower()
            if name in SQLITE_READ_PRAGMAS or (name in SQLITE_READ_PRAGMAS_NO_VALUE and arg2 is None):
                return sqlite3.SQLITE_OK
            shown = f"PRAGMA {arg1}" + (f" = {arg2}" if arg2 is not None else "")
            return self._deny(shown)
        if action == sqlite3.SQLITE_UPDATE and db == "main" and arg1 in ("sqlite_master", "sqlite_schema"):
            # Table-valued pragmas (pragma_table_info(...)) ask this while loading the schema;
            # the connection is read-only and writing the schema needs a pragma denied above.
            return sqlite3.SQLITE_OK
        what = _SQLITE_ACTIONS.get(action, f"action {action}")
        target = f" on {arg1}" if arg1 and action != sqlite3.SQLITE_TRANSACTION else ""
        return self._deny(f"{what}{target}")

    def _deny(self, what: str) -> int:
        if self.denied is None:
            self.denied = what
        return sqlite3.SQLITE_DENY


class _RecordingParams(dict):
    """The parameters, noting which ones SQLite's own tokenizer asked for (so, which are used)."""

    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self.asked: set[str] = set()

    def __getitem__(self, key: str) -> Any:
        self.asked.add(key)
        return super().__getitem__(key)


@contextmanager
def _sigint_sets(flag: threading.Event) -> Iterator[None]:
    """While open, Ctrl-C sets ``flag`` instead of raising (SQLite runs in C, deaf to signals;
    its progress handler, a Python function, lets this handler run and then stops the query)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: flag.set())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _sqlite_error(exc: BaseException, denied: str | None, timeout: float) -> InputError:
    message = _first_line(exc)
    low = message.lower()
    if "interrupted" in low:
        return _timeout_error(timeout)
    if "not authorized" in low:
        return ReadOnlyError(f"eventdb sql is read-only: {denied or message} is refused")
    if "readonly" in low or "read-only" in low:
        return ReadOnlyError(f"eventdb sql is read-only: {message}")
    if "one statement at a time" in low:
        return ReadOnlyError("eventdb sql runs exactly one statement; remove the ';' between statements")
    if low.startswith("you did not supply a value for binding parameter"):
        name = message.rsplit(":", 1)[-1].rstrip(".")
        return InputError(f"the query uses :{name}: give it a value with -p {name} VALUE")
    return InputError(f"SQL error: {message}")


@contextmanager
def _run_sqlite(db: Database, sql: str, params: Mapping[str, str],
                timeout: float) -> Iterator[QueryResult]:
    bound = _RecordingParams({k: bind_value(v, "sqlite") for k, v in params.items()})
    with translate_errors():
        conn = db.engine.raw_connection()
    raw = conn.driver_connection
    authorizer = SqliteReadAuthorizer()
    stop = threading.Event()
    deadline = time.monotonic() + timeout
    raw.set_progress_handler(lambda: int(stop.is_set() or time.monotonic() > deadline), 10_000)
    cursor = raw.cursor()
    try:
        with _sigint_sets(stop):
            with translate_errors():
                cursor.execute("BEGIN")
            raw.set_authorizer(authorizer)
            try:
                cursor.execute(sql, bound)
            except (sqlite3.Error, sqlite3.Warning) as exc:
                if stop.is_set():
                    raise KeyboardInterrupt from None
                if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                    raise DatabaseError("the database is locked by another process; try again") from None
                raise _sqlite_error(exc, authorizer.denied, timeout) from None
            finally:
                raw.set_authorizer(None)  # prepared already; ROLLBACK must be allowed
            columns = [d[0] for d in cursor.description or ()]
            unused = sorted(set(params) - bound.asked)

            def rows() -> Iterator[Sequence[Any]]:
                while True:
                    if stop.is_set():
                        raise KeyboardInterrupt
                    try:
                        row = cursor.fetchone()
                    except sqlite3.Error as exc:
                        if stop.is_set():
                            raise KeyboardInterrupt from None
                        raise _sqlite_error(exc, None, timeout) from None
                    if row is None:
                        return
                    yield tuple(row)

            yield QueryResult(columns, rows() if columns else iter(()), unused)
            if stop.is_set():  # Ctrl-C after the last row, while the output was written
                raise KeyboardInterrupt
    finally:
        cursor.close()
        raw.set_progress_handler(None, 0)
        try:
            if raw.in_transaction:
                raw.rollback()
        finally:
            conn.close()


# -- PostgreSQL -----------------------------------------------------------------------------------

def _pg_connect(db: Database, role: str | None) -> Any:
    """A new psycopg connection (closed by the caller): as the URL's user, or as ``role``."""
    import psycopg

    url = db.engine.url if role is None else db.engine.url.set(username=role, password=None)
    _args, kwargs = db.engine.dialect.create_connect_args(url)
    kwargs.setdefault("connect_timeout", 10)
    kwargs["options"] = (kwargs.get("options", "") + " -c default_transaction_read_only=on").strip()
    try:
        return psycopg.connect(autocommit=True, **kwargs)
    except psycopg.Error as exc:
        who = f"role {role!r}" if role else f"role {url.username!r}"
        hint = " (its password goes in ~/.pgpass or $PGPASSWORD)" if role else ""
        raise DatabaseError(f"cannot log in as {who} for eventdb sql: {_first_line(exc)}{hint}") from None


def _pg_error(exc: BaseException, role: str, timeout: float) -> InputError:
    message = _first_line(exc)
    state = getattr(exc, "sqlstate", None) or ""
    if state == "57014" or "statement timeout" in message:
        return _timeout_error(timeout)
    if "multiple commands" in message:
        return ReadOnlyError("eventdb sql runs exactly one statement; remove the ';' between "
                             f"statements ({message})")
    if state in ("25006", "25001"):  # read-only transaction; read-write too late
        return ReadOnlyError(f"eventdb sql is read-only: {message}")
    if state == "42501":
        return ReadOnlyError(f"SQL error: {message} (eventdb sql runs as role {role!r})")
    return InputError(f"SQL error: {message}")


def _choose_role(conn: Any, db: Database, role: str | None) -> Any:
    """The connection to run the statement on, logged in as a role that may only read."""
    login = conn.info.user
    if role is None:
        if sqlroles.why_not_reader(conn, login) is None:
            return conn
        if not sqlroles.role_exists(conn, sqlroles.DEFAULT_READER_ROLE):
            return conn  # refused with the reason below
        role = sqlroles.DEFAULT_READER_ROLE
    if role == login:
        return conn
    if not sqlroles.role_exists(conn, role):
        raise InputError(f"no role {role!r} on this server: create it with "
                         f"`eventdb db create-reader-role {role}` (as the database's owner)")
    conn.close()
    return _pg_connect(db, role)


@contextmanager
def _run_postgres(db: Database, sql: str, params: Mapping[str, str], timeout: float,
                  role: str | None) -> Iterator[QueryResult]:
    import psycopg

    statement, names = numbered_placeholders(sql)
    missing = [n for n in names if n not in params]
    if missing:
        raise InputError(f"the query uses :{missing[0]}: give it a value with -p {missing[0]} VALUE")
    values = [params[n] for n in names] or None
    conn = _pg_connect(db, None)
    try:
        conn = _choose_role(conn, db, role)
        user = conn.info.user
        cur = psycopg.RawCursor(conn)
        cur.execute("BEGIN READ ONLY")
        reason = sqlroles.why_not_reader(conn, user)
        if reason:
            raise ReadOnlyError(sqlroles.refusal(user, reason))
        cur.execute(f"SET LOCAL statement_timeout = {max(1, round(timeout * 1000))}")
        cur.execute("SET LOCAL standard_conforming_strings = on")  # as sqltokens reads literals
        try:
            # prepare=True: Parse/Bind/Execute, one statement or none.
            cur.execute(statement, values, prepare=True)
        except psycopg.Error as exc:
            if isinstance(exc, psycopg.OperationalError) and conn.closed:
                raise DatabaseError(f"the database connection was lost: {_first_line(exc)}") from None
            raise _pg_error(exc, user, timeout) from None
        columns = [d.name for d in cur.description or ()]
        unused = sorted(set(params) - set(names))
        yield QueryResult(columns, iter(cur.fetchall()) if columns else iter(()), unused, user)
    finally:
        try:
            if not conn.closed:
                conn.execute("ROLLBACK")
        except psycopg.Error:
            pass  # closing discards the transaction anyway
        finally:
            conn.close()


@contextmanager
def run_query(db: Database, sql: str, params: Mapping[str, str] | None = None, *,
              timeout: float | None = None, role: str | None = None) -> Iterator[QueryResult]:
    """Run one read-only statement; rows stream while the context is open.

    ``db`` must have been opened read-only. ``timeout`` (seconds, default
    :data:`DEFAULT_TIMEOUT_S`) cancels a query that runs longer. ``role`` (PostgreSQL; SQLite has
    no roles and ignores it): the read-only role to log in as. Raises :class:`ReadOnlyError` for anything that could write or
    a role that could, :class:`InputError` for SQL, parameter and timeout errors, and
    KeyboardInterrupt when Ctrl-C stopped the query.
    """
    if not db.readonly:
        raise ValueError("run_query needs a database opened with readonly=True")
    dialect = db.engine.dialect.name
    if dialect not in QUERY_KEYWORDS:
        raise InputError(f"eventdb sql supports SQLite and PostgreSQL, not {dialect}")
    params = dict(params or {})
    for name in params:
        if not name.isidentifier() or not name.isascii():
            raise InputError(f"parameter name {name!r} must be letters, digits and _")
    check_read_only(sql, dialect)
    timeout = timeout or DEFAULT_TIMEOUT_S
    if dialect == "sqlite":
        with _run_sqlite(db, sql, params, timeout) as result:
            yield result
    else:
        with _run_postgres(db, sql, params, timeout, role) as result:
            yield result
