"""Read-only SQL for analysts (``eventdb sql``): one statement, bound parameters, no writes.

Why several layers: a read-only connection alone is not enough on either database.

- SQLite opened with ``mode=ro`` still lets ``ATTACH`` create and write *another* file and
  ``VACUUM INTO`` copy the database anywhere. So the statement also runs under an authorizer
  that allows only reading (SELECT, reading columns, functions, a whitelist of read-only pragmas)
  and denies everything else when SQLite prepares it, before anything happens.
- PostgreSQL's ``default_transaction_read_only`` is a default: a ``SET TRANSACTION READ WRITE``
  sent first, or several statements in one string (psycopg runs them when there are no
  parameters), would get around it. So exactly one statement runs, it must be a query
  (SELECT, WITH, VALUES, TABLE, EXPLAIN, SHOW), and the transaction is made read-only explicitly
  before it. A few server functions with effects outside the tables are refused by name.

Parameters are bound by the driver (``:name`` in the SQL, ``-p name value`` on the command line),
never pasted into the text.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from eventdb.db.engine import Database, translate_errors
from eventdb.errors import InputError


class ReadOnlyError(InputError):
    """A statement that would write (or could), refused before it ran."""


@dataclass(slots=True)
class QueryResult:
    columns: list[str]
    rows: Iterator[Sequence[Any]]


QUERY_KEYWORDS = {
    "sqlite": {"select", "with", "values", "explain", "pragma"},
    "postgresql": {"select", "with", "values", "table", "explain", "show"},
}

#: PostgreSQL functions whose effects reach outside the tables (files, other sessions, settings).
PG_REFUSED_FUNCTIONS = {
    "set_config", "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file",
    "lo_import", "lo_export", "lo_from_bytea", "lo_put", "lo_unlink", "lo_create", "lo_creat",
    "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_rotate_logfile",
    "pg_promote", "pg_switch_wal", "pg_create_restore_point", "pg_file_write",
    "pg_file_rename", "pg_file_unlink", "dblink", "dblink_exec", "dblink_connect",
    "pg_notify", "pg_logical_emit_message",
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

_IDENT = re.compile(r"[A-Za-z_][A-Za-z_0-9$]*")
_DOLLAR = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z_0-9]*\Z")
_INT = re.compile(r"-?(0|[1-9][0-9]{0,17})\Z")
_FLOAT = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+\Z")


@dataclass(slots=True)
class Token:
    kind: str  # "word", "semicolon", "other"
    text: str
    start: int


def scan(sql: str, dialect: str) -> Iterator[Token]:
    """The tokens of ``sql`` that matter here, skipping strings, quoted names and comments.

    Deliberately conservative: where the databases could read more of the text as a string or a
    comment than this scanner does (PostgreSQL's nested comments, ``E'\\''`` escapes), the
    scanner sees *more* code, so it may refuse a harmless statement but never lets a second
    statement through unseen.
    """
    i, n = 0, len(sql)
    while i < n:
        ch = sql[i]
        if ch.isspace():
            i += 1
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = n if end < 0 else end + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            i = n if end < 0 else end + 2
        elif ch in "'\"" or (ch == "`" and dialect == "sqlite"):
            end = i + 1
            while True:
                end = sql.find(ch, end)
                if end < 0:
                    raise InputError("the SQL has an unterminated string or quoted name")
                if sql.startswith(ch * 2, end):
                    end += 2
                    continue
                break
            yield Token("quoted" if ch != "'" else "string", sql[i:end + 1], i)
            i = end + 1
        elif ch == "[" and dialect == "sqlite":
            end = sql.find("]", i)
            if end < 0:
                raise InputError("the SQL has an unterminated [quoted name]")
            yield Token("quoted", sql[i:end + 1], i)
            i = end + 1
        elif ch == "$" and dialect == "postgresql" and (m := _DOLLAR.match(sql, i)) and not (
            i > 0 and (sql[i - 1].isalnum() or sql[i - 1] == "_")
        ):
            end = sql.find(m.group(0), m.end())
            if end < 0:
                raise InputError("the SQL has an unterminated $$ string")
            yield Token("string", sql[i:end + len(m.group(0))], i)
            i = end + len(m.group(0))
        elif ch == ";":
            yield Token("semicolon", ch, i)
            i += 1
        elif m := _IDENT.match(sql, i):
            yield Token("word", m.group(0), i)
            i = m.end()
        else:
            yield Token("other", ch, i)
            i += 1


def single_statement(sql: str, dialect: str) -> tuple[str, list[Token]]:
    """The one statement in ``sql`` (a trailing ``;`` allowed) and its tokens; else InputError."""
    tokens = list(scan(sql, dialect))
    while tokens and tokens[-1].kind == "semicolon":
        tokens.pop()
    if not tokens:
        raise InputError("no SQL statement given")
    if any(t.kind == "semicolon" for t in tokens):
        raise ReadOnlyError(
            "eventdb sql runs exactly one statement; remove the ';' between statements"
        )
    end = tokens[-1].start + len(tokens[-1].text)
    return sql[:end], tokens


def check_read_only(tokens: list[Token], dialect: str) -> None:
    """Refuse statements that are not queries, and functions with effects outside the tables."""
    first = next((t for t in tokens if t.kind == "word"), None)
    keyword = first.text.lower() if first else ""
    if keyword not in QUERY_KEYWORDS[dialect]:
        shown = keyword.upper() or "this statement"
        raise ReadOnlyError(
            f"eventdb sql is read-only: {shown} is refused "
            f"(allowed: {', '.join(sorted(k.upper() for k in QUERY_KEYWORDS[dialect]))})"
        )
    refused = PG_REFUSED_FUNCTIONS if dialect == "postgresql" else SQLITE_REFUSED_FUNCTIONS
    for token, following in zip(tokens, tokens[1:]):
        if token.kind == "word" and following.text == "(" and token.text.lower() in refused:
            raise ReadOnlyError(f"eventdb sql is read-only: {token.text}() is refused")


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


def bind_value(value: str, dialect: str) -> Any:
    """A command-line parameter as the driver should bind it.

    PostgreSQL gets text of unknown type and infers the type from where the parameter is used
    (``earliest >= :d``, ``LIMIT :n``). SQLite does not infer: a number compared with text is
    never equal, so there a value written like a number is bound as a number (a text column
    still compares it as text, by SQLite's affinity rules).
    """
    if dialect == "sqlite":
        if _INT.match(value):
            return int(value)
        if _FLOAT.match(value):
            return float(value)
    return value


def _driver_message(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _query_error(exc: BaseException, denied: str | None = None,
                 timeout: float | None = None) -> InputError:
    message = _driver_message(exc)
    low = message.lower()
    if timeout and ("interrupted" in low or "statement timeout" in low):
        return InputError(f"the query ran longer than {timeout:g} s and was cancelled (--timeout)")
    if "not authorized" in low and denied:
        return ReadOnlyError(f"eventdb sql is read-only: {denied} is refused")
    if "not authorized" in low or "read-only transaction" in low or "readonly" in low:
        return ReadOnlyError(f"eventdb sql is read-only: {message}")
    if isinstance(exc, sa_exc.StatementError) and "required for bind parameter" in low:
        name = re.search(r"bind parameter '([^']+)'", message)
        shown = name.group(1) if name else "?"
        return InputError(f"the query uses :{shown}: give it a value with -p {shown} VALUE")
    return InputError(f"SQL error: {message}")


@contextmanager
def run_query(db: Database, sql: str, params: Mapping[str, str] | None = None, *,
              timeout: float | None = None) -> Iterator[QueryResult]:
    """Run one read-only statement; rows stream while the context is open.

    ``db`` must have been opened read-only. ``timeout`` (seconds) cancels a query that runs
    longer, so a runaway join does not hold a shared server. Raises :class:`ReadOnlyError` for
    anything that is not a single query, :class:`InputError` for SQL, parameter and timeout
    errors.
    """
    if not db.readonly:
        raise ValueError("run_query needs a database opened with readonly=True")
    dialect = db.engine.dialect.name
    if dialect not in QUERY_KEYWORDS:
        raise InputError(f"eventdb sql supports SQLite and PostgreSQL, not {dialect}")
    statement, tokens = single_statement(sql, dialect)
    check_read_only(tokens, dialect)
    params = dict(params or {})
    for name in params:
        if not _PARAM_NAME.match(name):
            raise InputError(f"parameter name {name!r} must be letters, digits and _")
    clause = text(statement)
    used = set(clause.compile(dialect=db.engine.dialect).params)
    unused = sorted(set(params) - used)
    if unused:
        raise InputError(f"parameter {unused[0]!r} is not used in the query (write :{unused[0]})")
    bound = {k: bind_value(v, dialect) for k, v in params.items()}

    with translate_errors():
        conn = db.engine.connect()
    raw = None
    authorizer = SqliteReadAuthorizer()
    try:
        with translate_errors():
            conn.begin()
            if dialect == "postgresql":
                conn.exec_driver_sql("SET TRANSACTION READ ONLY")
                if timeout:
                    conn.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, int(timeout * 1000))}")
            else:
                raw = conn.connection.driver_connection
                raw.set_authorizer(authorizer)
                if timeout:
                    deadline = time.monotonic() + timeout
                    raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            result = conn.execute(clause, bound)
        except sa_exc.DBAPIError as exc:
            if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError)) and (
                exc.connection_invalidated
            ):
                raise
            raise _query_error(exc, authorizer.denied, timeout) from None
        except sa_exc.StatementError as exc:
            raise _query_error(exc, authorizer.denied, timeout) from None
        if raw is not None:
            raw.set_authorizer(None)  # prepared already; ROLLBACK must be allowed
            raw = None
        if not result.returns_rows:
            yield QueryResult([], iter(()))
            return

        def rows() -> Iterator[Sequence[Any]]:
            try:
                for row in result:
                    yield tuple(row)
            except sa_exc.DBAPIError as exc:
                raise _query_error(exc, None, timeout) from None

        yield QueryResult(list(result.keys()), rows())
    finally:
        if raw is not None:
            raw.set_authorizer(None)
        if dialect == "sqlite" and timeout:
            conn.connection.driver_connection.set_progress_handler(None, 0)
        try:
            conn.rollback()
        finally:
            conn.close()
