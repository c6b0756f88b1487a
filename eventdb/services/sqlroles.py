"""PostgreSQL roles for ``eventdb sql``: which roles may run it, and creating the one that may.

``eventdb sql`` logs in *as* a read-only role; it does not ``SET ROLE`` to one. A statement can
undo ``SET [LOCAL] ROLE`` itself (``set_config('role', 'none', true)`` in a SELECT reverts to the
login role before the next function of the same statement runs), so only the role a session
logged in as, and every role it may become, bound what the statement can do. A role may run
``eventdb sql`` when none of those roles

- is a superuser or has CREATEROLE, CREATEDB or REPLICATION,
- is (or may act as) a predefined role other than the ones that only read
  (``pg_read_all_data``, ``pg_read_all_settings``, ``pg_read_all_stats``), e.g.
  ``pg_write_server_files``, ``pg_signal_backend``, ``pg_database_owner``,
- may write to, own or reference any table, view or sequence outside the system schemas,
- may create objects in a schema or schemas in the database,
- may execute a function that PostgreSQL keeps from PUBLIC (``pg_read_file``, ``lo_import``,
  ``pg_stat_reset``, ``dblink_connect_u``…): a grant of one is a grant of its power.

The read-only transaction, the statement timeout and closing the connection after each run cover
what such a role can still call (``pg_notify`` is never delivered from a rolled-back transaction;
session advisory locks end with the connection).
"""

from __future__ import annotations

from typing import Any

from eventdb.config import DEFAULT_READER_ROLE  # noqa: F401 - sqlquery and the tests read it here
from eventdb.errors import InputError


#: Predefined roles that grant reading only.
READING_PREDEFINED_ROLES = ["pg_read_all_data", "pg_read_all_settings", "pg_read_all_stats"]

_MEMBER = "pg_has_role($1::text, r.oid, 'MEMBER')"
_USER_SCHEMA = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"

_CHECKS = [
    f"""SELECT r.rolname, CASE
          WHEN r.rolsuper THEN 'is a superuser'
          WHEN r.rolreplication THEN 'has REPLICATION'
          WHEN r.rolcreaterole THEN 'has CREATEROLE'
          WHEN r.rolcreatedb THEN 'has CREATEDB'
          ELSE 'is a predefined role that does more than read' END
        FROM pg_roles r
        WHERE {_MEMBER} AND (r.rolsuper OR r.rolreplication OR r.rolcreaterole OR r.rolcreatedb
              OR (r.oid < 16384 AND r.rolname LIKE 'pg\\_%' AND r.rolname <> ALL($2::text[])))
        ORDER BY r.rolsuper DESC, r.rolname <> $1::text LIMIT 1""",
    f"""SELECT r.rolname, 'may write to ' || c.oid::regclass::text
        FROM pg_roles r, pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {_MEMBER} AND {_USER_SCHEMA} AND (
          (c.relkind IN ('r', 'p', 'v', 'm', 'f') AND (
            has_table_privilege(r.oid, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
            OR has_any_column_privilege(r.oid, c.oid, 'INSERT, UPDATE, REFERENCES')))
          OR (c.relkind = 'S' AND has_sequence_privilege(r.oid, c.oid, 'USAGE, UPDATE')))
        LIMIT 1""",
    f"""SELECT r.rolname, 'may create objects in schema ' || n.nspname
        FROM pg_roles r, pg_namespace n
        WHERE {_MEMBER} AND {_USER_SCHEMA} AND has_schema_privilege(r.oid, n.oid, 'CREATE')
        UNION ALL
        SELECT r.rolname, 'may create schemas in database ' || current_database()
        FROM pg_roles r
        WHERE {_MEMBER} AND has_database_privilege(r.oid, current_database(), 'CREATE')
        LIMIT 1""",
    f"""SELECT r.rolname, 'may execute ' || p.oid::regprocedure::text
        FROM pg_roles r, pg_proc p
        WHERE {_MEMBER} AND has_function_privilege(r.oid, p.oid, 'EXECUTE')
          AND NOT has_function_privilege('public', p.oid, 'EXECUTE')
        LIMIT 1""",
]


def why_not_reader(conn: Any, role: str) -> str | None:
    """Why ``role`` may not run ``eventdb sql`` (one phrase), or None. ``conn``: psycopg."""
    import psycopg

    with psycopg.RawCursor(conn) as cur:
        for check in _CHECKS:
            cur.execute(check, [role, READING_PREDEFINED_ROLES] if "$2" in check else [role])
            found = cur.fetchone()
            if found:
                who, what = found
                return what if who == role else f"may act as role {who}, which {what}"
    return None


def role_exists(conn: Any, role: str) -> bool:
    import psycopg

    with psycopg.RawCursor(conn) as cur:
        cur.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])
        return cur.fetchone() is not None


def refusal(role: str, reason: str) -> str:
    """The one-line refusal for a role that may not run ``eventdb sql``."""
    return (f"eventdb sql refuses to run as role {role!r}: it {reason}; run it as a read-only role "
            f"(`eventdb db create-reader-role` creates {DEFAULT_READER_ROLE}, then "
            f"`eventdb sql --role {DEFAULT_READER_ROLE} ...`; see docs/TEAM.md)")


def create_reader_role(raw: Any, name: str, password: str | None = None) -> str:
    """Create (or bring up to date) the read-only role ``name`` in one transaction.

    ``raw`` is a psycopg connection of a superuser (or a role with CREATEROLE that owns eventdb's
    tables). The role may log in and read every table and view of the schema eventdb lives in, and
    nothing else: CONNECT on the database, USAGE on the schema, SELECT on its tables and views
    (also those their owner creates later, by default privileges), sessions read-only by default. Checked before the
    commit; a role that could do more is refused and nothing changes. Returns the schema.
    """
    from psycopg import sql

    role = sql.Identifier(name)
    with raw.transaction():
        row = raw.execute(
            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication "
            "FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        if row is None:
            raw.execute(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                                "NOREPLICATION NOBYPASSRLS").format(role))
        elif row[0]:
            raise InputError(f"role {name!r} exists with more powers than reading "
                             "(superuser, CREATEROLE, CREATEDB or REPLICATION); choose another name")
        if password is not None:
            raw.execute(sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(role, sql.Literal(password)))
        database, schema = raw.execute("SELECT current_database(), current_schema()").fetchone()
        if schema is None:
            raise InputError("no schema to grant: the search_path names no existing schema")
        # Tables an upgrade creates later belong to the owner of eventdb's tables.
        owner = raw.execute(
            "SELECT coalesce((SELECT tableowner FROM pg_tables WHERE schemaname = %s "
            "AND tablename = 'alembic_version'), current_user)", [schema]).fetchone()[0]
        for statement in (
            "GRANT CONNECT ON DATABASE {db} TO {role}",
            "GRANT USAGE ON SCHEMA {schema} TO {role}",
            "GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}",
            "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {schema} "
            "GRANT SELECT ON TABLES TO {role}",
            "ALTER ROLE {role} SET default_transaction_read_only = on",
        ):
            raw.execute(sql.SQL(statement).format(
                db=sql.Identifier(database), schema=sql.Identifier(schema), role=role,
                owner=sql.Identifier(owner)))
        reason = why_not_reader(raw, name)
        if reason:
            raise InputError(f"role {name!r} {reason}, so it is not read-only; revoke that "
                             "first (nothing was changed)")
    return schema


def create_reader(db: Any, name: str, password: str | None = None) -> str:
    """:func:`create_reader_role` on ``db`` (an eventdb ``Database``); one-line errors."""
    import psycopg

    if db.engine.dialect.name != "postgresql":
        raise InputError("create-reader-role is for PostgreSQL; on SQLite `eventdb sql` opens "
                         "the file read-only")
    from eventdb.db.engine import translate_errors

    with translate_errors():
        fairy = db.engine.raw_connection()
    raw = fairy.driver_connection
    try:
        raw.rollback()
        raw.autocommit = True  # create_reader_role's transaction() is then the one transaction
        return create_reader_role(raw, name, password)
    except psycopg.Error as exc:
        lines = str(exc).strip().splitlines()
        raise InputError(f"cannot create role {name!r}: {lines[0] if lines else exc}") from None
    finally:
        fairy.invalidate()
