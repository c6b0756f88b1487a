"""``eventdb sql`` hardening (issue 18, section 1), on the real PostgreSQL server and SQLite files.

On PostgreSQL every attack of the issue, and the same attacks with other quoting, other functions
and other characters, must fail with a one-line refusal while the data, the server's replication
slots and the other sessions stay as they were. Roles are made per test with unique names and
dropped after (the server is shared with other test runs).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from eventdb.db.engine import Database
from eventdb.services import sqlroles
from tests.conftest import _need_postgres
from tests.helpers import ok, run
from tests.pg_roles import admin, drop_roles, reader_role, unique_role
from tests.reports.known import Known, build
from tests.reports.test_sql import snapshot


@pytest.fixture
def pg(postgres_server) -> Iterator[str]:  # noqa: ANN001
    server = _need_postgres(postgres_server)
    url = server.migrated()
    yield url
    server.drop(url)


@pytest.fixture
def known(pg: str) -> Known:
    db = Database(pg)
    try:
        return build(db)
    finally:
        db.dispose()


@pytest.fixture
def reader(pg: str) -> Iterator[str]:
    with reader_role(pg) as name:
        yield name


@pytest.fixture
def roles(pg: str) -> Iterator[list[str]]:
    """Names of roles a test creates; dropped at the end."""
    names: list[str] = []
    yield names
    drop_roles(pg, *names)


def sql(url: str, statement: str, *options: str, role: str | None = None):  # noqa: ANN201
    args = ["sql", *options, *(["--role", role] if role else [])]
    return run(url, *args, "--", statement)


def refused(result, *says: str) -> str:  # noqa: ANN001
    """A one-line error on stderr, exit 1, nothing on stdout; the line returned."""
    message = result.stderr.strip()
    assert result.exit_code == 1, f"exit {result.exit_code}: {result.stdout}{result.stderr}"
    assert message.startswith("Error: ") and len(message.splitlines()) == 1, message
    assert result.stdout == ""
    for word in says:
        assert word in message, message
    return message


def psycopg_url(url: str) -> str:
    u = make_url(url)
    return f"host={u.host} port={u.port or 5432} user={u.username} dbname={u.database}"


def slots(url: str) -> list:
    return admin(url, "SELECT slot_name FROM pg_replication_slots WHERE slot_name LIKE 'eventdb%%'")


def smuggled(event_id: int) -> list[str]:
    """One statement to a naive scanner, several to PostgreSQL: each would commit writes."""
    tail = (f"COMMIT; BEGIN READ WRITE; DELETE FROM events WHERE id = {event_id}; "
            "UPDATE documents SET title = 'owned'; COMMIT")
    return [
        f"SELECT E'\\''; {tail}; SELECT 'x' AS y -- '",
        f"SELECT $é$'$é$; {tail}; SELECT '$é$' AS x -- '",
        f"SELECT $ü_1$'$ü_1$; {tail}; SELECT '$ü_1$' AS x -- '",
        f"SELECT e'\\\\'''; {tail}; SELECT 1 -- '",
        f"SELECT U&'\\0027'; {tail}; SELECT 1",
        f"SELECT 1 AS \"a;\" /* ; */; {tail}",
        f"SELECT /* /* */ ; */ 1; {tail}",
        f"SELECT U&\"a\"\"\" FROM (SELECT 1 AS U&\"a\"\"\") t; {tail}",
        f"SELECT 1\n;\n{tail}",
        f"WITH x AS (SELECT 'a'';') SELECT * FROM x; {tail}",
        f"SELECT $$ $a$ $$; {tail}; SELECT $a$ x $a$",
    ]


@pytest.mark.postgres
def test_smuggled_statements_are_refused_and_change_nothing(pg: str, known: Known, reader: str) -> None:
    before = snapshot(pg)
    event = known.events["bombed"]
    for statement in smuggled(event):
        refused(sql(pg, statement, role=reader), "exactly one statement")
        # The URL's own role (the test server's superuser) is refused before anything runs.
        refused(sql(pg, statement), "refuses to run as role", "superuser", "create-reader-role")
    assert snapshot(pg) == before


@pytest.mark.postgres
def test_quoted_qualified_and_other_functions_change_nothing(
    pg: str, known: Known, reader: str, tmp_path: Path,
) -> None:
    before = snapshot(pg)
    victim = psycopg.connect(psycopg_url(pg), autocommit=True)  # another session, e.g. a curator's
    try:
        pid = victim.info.backend_pid
        slot = f"eventdb_{os.getpid()}_slot"
        attacks = [
            "SELECT \"pg_read_file\"('/etc/passwd')",
            "SELECT pg_catalog.\"pg_read_file\"('/etc/passwd')",
            "SELECT U&\"\\0070g_read_file\"('/etc/passwd')",
            "SELECT \"PG_READ_FILE\"('/etc/passwd')",
            "SELECT \"pg_read_binary_file\"('/etc/passwd')",
            "SELECT \"pg_ls_dir\"('/')",
            "SELECT \"lo_import\"('/etc/passwd')",
            f"SELECT lo_export(0, '{tmp_path / 'lo.out'}')",
            f"SELECT \"pg_terminate_backend\"({pid})",
            f"SELECT pg_catalog.pg_cancel_backend({pid})",
            "SELECT \"pg_reload_conf\"()",
            "SELECT \"pg_stat_reset\"()",
            "SELECT pg_stat_reset_shared('bgwriter')",
            "SELECT pg_rotate_logfile()",
            f"SELECT pg_create_physical_replication_slot('{slot}')",
            f"SELECT \"pg_create_logical_replication_slot\"('{slot}', 'test_decoding')",
            "SELECT \"set_config\"('transaction_read_only', 'off', true)",
            "SELECT pg_catalog.set_config('role', 'postgres', true)",
            "SELECT set_config('session_authorization', 'postgres', true)",
            f"SELECT set_config('role', 'postgres', true), pg_terminate_backend({pid})",
            "SELECT nextval('events_id_seq')",
            "SELECT setval('events_id_seq', 1)",
            f"SELECT * FROM pg_ls_dir('{tmp_path}')",
            "WITH gone AS (DELETE FROM events RETURNING id) SELECT count(*) FROM gone",
            "SELECT * FROM events FOR UPDATE",
            "EXPLAIN ANALYZE UPDATE documents SET title = 'owned'",
        ]
        for statement in attacks:
            refused(sql(pg, statement, role=reader))
        assert victim.execute("SELECT 1").fetchone() == (1,)  # still alive
    finally:
        victim.close()
    assert slots(pg) == []
    assert not (tmp_path / "lo.out").exists()
    assert snapshot(pg) == before


@pytest.mark.postgres
def test_session_effects_do_not_outlive_the_run(pg: str, reader: str) -> None:
    """What a reader may call (advisory locks, NOTIFY, settings, large objects) ends with its run."""
    listener = psycopg.connect(psycopg_url(pg), autocommit=True)
    try:
        large_objects = listener.execute("SELECT count(*) FROM pg_largeobject_metadata").fetchone()
        ok(pg, "sql", "--role", reader, "SELECT lo_from_bytea(0, 'x')")
        assert listener.execute("SELECT count(*) FROM pg_largeobject_metadata").fetchone() == large_objects
        listener.execute("LISTEN eventdb_sql_test")
        ok(pg, "sql", "--role", reader, "SELECT pg_advisory_lock(4242), pg_notify('eventdb_sql_test', 'x')")
        ok(pg, "sql", "--role", reader, "SELECT set_config('default_transaction_read_only', 'off', false)")
        assert listener.execute("SELECT pg_try_advisory_lock(4242)").fetchone() == (True,)
        assert list(listener.notifies(timeout=1.0, stop_after=1)) == []
    finally:
        listener.close()
    refused(sql(pg, "WITH x AS (DELETE FROM events RETURNING 1) SELECT 1", role=reader), "read-only")


@pytest.mark.postgres
def test_roles_that_may_do_more_than_read_are_refused(pg: str, known: Known, roles: list[str]) -> None:
    before = snapshot(pg)
    curator, member, files, signaller, execute, creator, createrole = (
        unique_role(kind) for kind in ("curator", "member", "files", "signal", "exec", "create", "crole"))
    roles += [member, curator, files, signaller, execute, creator, createrole]
    admin(
        pg,
        *(f'CREATE ROLE "{r}" LOGIN' for r in (curator, member, files, signaller, execute, creator)),
        f'CREATE ROLE "{createrole}" LOGIN CREATEROLE',
        # docs/TEAM.md's curator grants
        f'GRANT USAGE ON SCHEMA public TO "{curator}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{curator}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "{curator}"',
        f'GRANT "{curator}" TO "{member}"',  # may SET ROLE to a writer (or set_config('role'))
        f'GRANT pg_write_server_files TO "{files}"',
        f'GRANT pg_signal_backend TO "{signaller}"',
        f'GRANT EXECUTE ON FUNCTION pg_read_file(text) TO "{execute}"',
        f'GRANT CREATE ON SCHEMA public TO "{creator}"',
    )
    for role in (member, files, signaller, execute, creator, createrole):
        admin(pg, f'GRANT USAGE ON SCHEMA public TO "{role}"',
              f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
    expected = {
        curator: "may write to",
        member: f"may act as role {curator}, which may write to",
        files: "may act as role pg_write_server_files",
        signaller: "may act as role pg_signal_backend",
        execute: "may execute pg_read_file(text)",
        creator: "may create objects in schema public",
        createrole: "has CREATEROLE",
    }
    for role, says in expected.items():
        refused(sql(pg, "SELECT count(*) FROM chronology", role=role), f"role '{role}'", says)
        refused(sql(pg, "DELETE FROM events", role=role))
    assert snapshot(pg) == before


@pytest.mark.postgres
def test_role_mistakes_and_timeouts_are_one_line(pg: str, known: Known, roles: list[str], reader: str) -> None:
    nobody, cannot_login = unique_role("nopriv"), unique_role("nologin")
    roles += [nobody, cannot_login]
    admin(pg, f'CREATE ROLE "{nobody}" LOGIN', f'CREATE ROLE "{cannot_login}" NOLOGIN')
    refused(sql(pg, "SELECT 1", role="eventdb_test_no_such_role"), "no role", "create-reader-role")
    refused(sql(pg, "SELECT 1", role=cannot_login), f"cannot log in as role '{cannot_login}'")
    assert ok(pg, "sql", "--role", nobody, "--csv", "SELECT 1 AS one").stdout.splitlines() == ["one", "1"]
    refused(sql(pg, "SELECT * FROM chronology", role=nobody),
            "permission denied for view chronology", f"runs as role '{nobody}'")
    says = "the query ran longer than 0.5 s and was cancelled (--timeout)"
    refused(sql(pg, "SELECT pg_sleep(5)", "--timeout", "0.5", role=reader), says)
    # The statement cannot lift its own timeout.
    started = time.monotonic()
    refused(sql(pg, "SELECT set_config('statement_timeout', '0', true), pg_sleep(5)", "--timeout", "0.5",
                role=reader), says)
    assert time.monotonic() - started < 4


@pytest.mark.postgres
def test_reader_runs_queries_views_and_parameters(pg: str, known: Known, reader: str) -> None:
    def rows(statement: str, *args: str) -> list[str]:
        return ok(pg, "sql", "--role", reader, "--csv", *args, "--", statement).stdout.splitlines()

    assert rows("SELECT current_user AS who, current_setting('transaction_read_only') AS ro") == [
        "who,ro", f"{reader},on"]
    assert rows("SELECT value FROM chronology WHERE event_id = :id", "-p", "id",
                str(known.events["bombed"])) == ["value", "2014-06-24"]
    assert rows("SELECT participant FROM event_participants WHERE participant = :p LIMIT 1",
                "-p", "p", "ISIS") == ["participant", "ISIS"]
    # :name in literals, quoted names and comments is no parameter; one name, one value.
    assert rows("SELECT E':a\\'' AS a, $q$:a$q$ AS b, U&':a' AS c, :a || :a AS d /* :b */ -- :c",
                "-p", "a", "v") == ["a,b,c,d", ":a',:a,:a,vv"]
    result = ok(pg, "sql", "--role", reader, "--csv", "SELECT ':a' AS a", "-p", "a", "1")
    assert result.stdout.splitlines() == ["a", ":a"] and "parameter 'a' is not used" in result.stderr


@pytest.mark.postgres
def test_the_default_reader_role_is_used_when_the_login_role_may_write(
    pg: str, reader: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    refused(sql(pg, "SELECT 1"), "superuser")
    monkeypatch.setattr(sqlroles, "DEFAULT_READER_ROLE", reader)  # the name, not the behaviour
    assert ok(pg, "sql", "--csv", "SELECT current_user AS who").stdout.splitlines() == ["who", reader]


@pytest.mark.postgres
def test_create_reader_role(pg: str, known: Known, roles: list[str]) -> None:
    name, writer = unique_role(), unique_role("writer")
    roles += [name, writer]
    first = ok(pg, "db", "create-reader-role", name).stdout
    assert f"Role {name} may read" in first
    ok(pg, "db", "create-reader-role", name)  # again, e.g. after `eventdb db upgrade`: same role
    for view in ("chronology", "event_participants", "corrections", "needs_attention",
                 "participant_activity"):
        ok(pg, "sql", "--role", name, f"SELECT count(*) FROM {view}")
    assert admin(pg, f"SELECT rolsuper, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = '{name}'") == [
        (False, False, True)]
    # A name taken by a superuser, or by a role that may write, is refused and changes nothing.
    refused(run(pg, "db", "create-reader-role", "postgres"), "more powers than reading")
    admin(pg, f'CREATE ROLE "{writer}" LOGIN', f'GRANT INSERT ON events TO "{writer}"')
    refused(run(pg, "db", "create-reader-role", writer), "may write to events", "nothing was changed")
    assert admin(pg, f"SELECT has_table_privilege('{writer}', 'chronology', 'SELECT')") == [(False,)]


def test_create_reader_role_is_for_postgresql(tmp_path: Path, sqlite_template: Path) -> None:
    path = tmp_path / "e.sqlite"
    shutil.copy(sqlite_template, path)
    refused(run(f"sqlite:///{path}", "db", "create-reader-role"), "for PostgreSQL")


# -- SQLite ---------------------------------------------------------------------------------------

@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "eventdb.sqlite"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    build(db)
    db.dispose()
    return f"sqlite:///{path}"


def test_sqlite_refuses_smuggled_statements_and_escapes(sqlite_url: str, tmp_path: Path) -> None:
    before = snapshot(sqlite_url)
    attacks = [
        *smuggled(1),
        "SELECT 'a'';'; DELETE FROM events",
        "SELECT [a;b] FROM (SELECT 1 AS [a;b]); DELETE FROM events",
        "SELECT `a;` FROM (SELECT 1 AS `a;`); DELETE FROM events",
        f"ATTACH DATABASE '{tmp_path / 'x.sqlite'}' AS x",
        f"VACUUM INTO '{tmp_path / 'copy.sqlite'}'",
        "SELECT load_extension('/tmp/x')",
        "SELECT \"load_extension\"('/tmp/x')",
        "PRAGMA main.user_version = 7",
        "SELECT * FROM pragma_user_version, pragma_writable_schema",
        "PRAGMA writable_schema = ON",
        "WITH x AS (SELECT 1) DELETE FROM events",
    ]
    for statement in attacks:
        refused(sql(sqlite_url, statement))
    assert snapshot(sqlite_url) == before
    assert not (tmp_path / "x.sqlite").exists() and not (tmp_path / "copy.sqlite").exists()


RUNAWAY = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) "
           "SELECT COUNT(*) FROM c")


def interrupted(url: str, *args: str) -> str:
    """Run ``eventdb --db URL sql ARGS``, press Ctrl-C once the query runs: its stderr, if it
    stopped within 3 s with exit code 130."""
    program = ("import sys; from eventdb.cli.commands import cli; print('ready', flush=True); "
               "cli(prog_name='eventdb')")
    child = subprocess.Popen(
        [sys.executable, "-c", program, "--db", url, "sql", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(2.0)  # opening the file takes well under that; then the query runs
        assert child.poll() is None, child.stderr.read()
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        _out, err = child.communicate(timeout=10)
        assert time.monotonic() - sent < 3
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == 130
    return err


def test_ctrl_c_stops_a_runaway_sqlite_query(sqlite_url: str) -> None:
    """It ran on for 20 s: SQLite works in C, where Python's own Ctrl-C handling never runs."""
    assert interrupted(sqlite_url, RUNAWAY).strip() == "Interrupted."


@pytest.mark.postgres
def test_ctrl_c_cancels_a_postgresql_query(pg: str, reader: str) -> None:
    assert interrupted(pg, "--role", reader, "SELECT pg_sleep(60)").strip() == "Interrupted."
    sleeping = admin(pg, "SELECT count(*) FROM pg_stat_activity "
                         "WHERE query = 'SELECT pg_sleep(60)' AND state = 'active'")
    assert sleeping == [(0,)]
