"""``eventdb sql``: reads with bound parameters; every kind of write refused, data unchanged."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from eventdb.db.engine import Database
from eventdb.db.models import Base
from eventdb.errors import InputError
from eventdb.services.sqlquery import bind_value, check_read_only, run_query
from eventdb.services.sqltokens import first_keyword, numbered_placeholders, tokens
from tests.helpers import ok, run
from tests.reports.known import Known


def snapshot(url: str) -> dict[str, Any]:
    """Every row of every table, the schema version, the view list (and SQLite's user_version)."""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            state: dict[str, Any] = {
                table: [tuple(r) for r in conn.execute(text(f'SELECT * FROM "{table}" ORDER BY 1'))]
                for table in [*Base.metadata.tables, "alembic_version"]
            }
            from sqlalchemy import inspect

            state["views"] = sorted(inspect(conn).get_view_names())
            state["tables"] = sorted(inspect(conn).get_table_names())
            if db.is_sqlite:
                state["user_version"] = conn.exec_driver_sql("PRAGMA user_version").scalar()
            return state
    finally:
        db.dispose()


def sql_rows(url: str, query: str, *params: str) -> list[dict[str, str]]:
    args = ["sql", query, "--csv"]
    for name, value in zip(params[::2], params[1::2]):
        args += ["-p", name, value]
    return list(csv.DictReader(io.StringIO(ok(url, *args).stdout)))


def test_select_with_bound_parameters(db_url: str, known: Known) -> None:
    rows = sql_rows(db_url, "SELECT event_id, value FROM chronology WHERE participants LIKE :who "
                            "AND earliest >= :since ORDER BY earliest", "who", "%ISIS%",
                    "since", "2014-06-05")
    assert [r["value"] for r in rows] == ["2014-06-10", "2014-06-24"]
    # A number-like parameter works in comparisons with aggregates and in LIMIT on both backends.
    rows = sql_rows(db_url, "SELECT participant, COUNT(*) AS n FROM event_participants "
                            "GROUP BY participant HAVING COUNT(*) > :n ORDER BY participant LIMIT :lim",
                    "n", "1", "lim", "5")
    assert rows == [{"participant": "ISIS", "n": "3"}, {"participant": "Iraq", "n": "2"}]
    # A value is bound, not pasted: quotes in it are data.
    assert sql_rows(db_url, "SELECT :v AS v", "v", "x' OR '1'='1") == [{"v": "x' OR '1'='1"}]


def test_json_and_table_output(db_url: str, known: Known) -> None:
    out = ok(db_url, "sql", "SELECT event_id, earliest, confidence, participants FROM chronology "
                            "WHERE event_id = :id", "-p", "id", str(known.events["bombed"]), "--json").stdout
    assert json.loads(out) == [{"event_id": known.events["bombed"], "earliest": "2014-06-24",
                                "confidence": 0.8, "participants": "Syria; ISIS; Qaim"}]
    table = ok(db_url, "sql", "SELECT headline FROM chronology WHERE event_id = :id",
               "-p", "id", str(known.events["bombed"])).stdout
    assert "headline" in table and "Syrian jets bombed" in table and "1 row" in table
    assert ok(db_url, "sql", "SELECT 1 AS a WHERE 1 = 0", "--json").stdout.strip() == "[]"


WRITES = [
    "DELETE FROM events",
    "UPDATE events SET headline = 'x'",
    "INSERT INTO participants (name, kind, version_id) VALUES ('x', 'other', 1)",
    "DROP VIEW chronology",
    "DROP TABLE events",
    "CREATE TABLE scratch (a integer)",
    "CREATE TEMP TABLE scratch (a integer)",
    "CREATE VIEW scratch AS SELECT 1",
    "ALTER TABLE events ADD COLUMN scratch integer",
    "SELECT 1; DELETE FROM events",
    "SELECT 1; DELETE FROM events;",
    "select 1 ;\n drop table events",
    "/* just a comment */ DELETE FROM events",
    "-- a comment\nDELETE FROM events",
    "WITH x AS (SELECT 1) DELETE FROM events",
    "WITH gone AS (DELETE FROM events RETURNING id) SELECT COUNT(*) FROM gone",
    "WITH x AS (SELECT 1) UPDATE participants SET name = 'x'",
    "BEGIN",
    "COMMIT",
    "SET TRANSACTION READ WRITE",
    "SET default_transaction_read_only = off",
    "SELECT set_config('role', 'postgres', true)",
    "SELECT set_config('session_authorization', 'postgres', true)",
    "SELECT set_config('transaction_read_only', 'off', true)",
    "SELECT * FROM events FOR UPDATE",
    "EXPLAIN ANALYZE DELETE FROM events",
    "TRUNCATE events",
    "COPY events TO STDOUT",
    "VACUUM",
    "REINDEX",
    "ANALYZE",
    "PRAGMA user_version = 42",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA writable_schema = 1",
    "SELECT nextval('events_id_seq')",
    "SELECT load_extension('x')",
    "GRANT ALL ON events TO PUBLIC",
    "CALL nothing()",
    "DO $$ BEGIN DELETE FROM events; END $$",
]


def test_writes_are_refused_and_change_nothing(db_url: str, known: Known, tmp_path: Path) -> None:
    before = snapshot(db_url)
    statements = [
        *WRITES,
        f"ATTACH DATABASE '{tmp_path / 'other.sqlite'}' AS other",
        f"VACUUM INTO '{tmp_path / 'copy.sqlite'}'",
    ]
    for statement in statements:
        result = run(db_url, "sql", "--", statement)  # "--": a statement may start with "--"
        assert result.exit_code == 1, f"{statement!r} was not refused:\n{result.stdout}"
        message = result.stderr.strip()
        assert message.startswith("Error: ") and len(message.splitlines()) == 1, message
        assert "Traceback" not in message
    assert snapshot(db_url) == before
    assert not (tmp_path / "other.sqlite").exists() and not (tmp_path / "copy.sqlite").exists()


@pytest.mark.parametrize("statement, says", [
    ("DELETE FROM events", "read-only: DELETE is refused"),
    ("SELECT 1; DELETE FROM events", "exactly one statement"),
    ("WITH x AS (SELECT 1) DELETE FROM events", "read-only"),
    ("ATTACH DATABASE 'x.sqlite' AS x", "read-only: ATTACH is refused"),
    ("SELECT set_config('transaction_read_only', 'off', true)", "read-only"),
])
def test_refusals_say_why(db_url: str, statement: str, says: str) -> None:
    if "set_config" in statement and db_url.startswith("sqlite"):
        says = "no such function"  # SQLite has no such thing to refuse
    result = run(db_url, "sql", statement)
    assert result.exit_code == 1
    assert says in result.stderr


def test_reads_that_look_like_writes_are_allowed(db_url: str, known: Known) -> None:
    db = Database(db_url)
    sqlite = db.is_sqlite
    db.dispose()
    # Semicolons and keywords inside strings, quoted names and comments are data.
    assert sql_rows(db_url, "SELECT 'a; DELETE FROM events' AS \"x;y\" -- ; DROP TABLE events\n;") == [
        {"x;y": "a; DELETE FROM events"}]
    if sqlite:
        info = sql_rows(db_url, "PRAGMA table_info(chronology)")
        assert "participants" in {r["name"] for r in info}
        assert sql_rows(db_url, "SELECT name FROM pragma_table_info('events') WHERE name = 'headline'")
        assert sql_rows(db_url, "PRAGMA user_version") == [{"user_version": "0"}]
    else:
        assert sql_rows(db_url, "SHOW transaction_read_only") == [{"transaction_read_only": "on"}]
        assert sql_rows(db_url, "SELECT $$it's; fine$$ AS s") == [{"s": "it's; fine"}]


def test_parameter_mistakes_are_one_line(db_url: str) -> None:
    result = run(db_url, "sql", "SELECT :missing")
    assert result.exit_code == 1 and "-p missing VALUE" in result.stderr
    result = run(db_url, "sql", "SELECT 1 AS one", "-p", "unused", "x", "--csv")
    assert result.exit_code == 0 and result.stdout.splitlines() == ["one", "1"]
    assert "Warning: parameter 'unused' is not used" in result.stderr
    result = run(db_url, "sql", "SELEKT 1")
    assert result.exit_code == 1 and "SELEKT is refused" in result.stderr
    result = run(db_url, "sql", "SELECT nope FROM chronology")
    assert result.exit_code == 1 and result.stderr.startswith("Error: SQL error:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_run_query_needs_a_read_only_database(db_url: str) -> None:
    db = Database(db_url)
    try:
        with pytest.raises(ValueError):
            with run_query(db, "SELECT 1"):
                pass
    finally:
        db.dispose()


def test_the_lexer_keeps_literals_whole() -> None:
    """Only what the statement says in code is a keyword or a placeholder."""
    for sql in ("SELECT 'a;b'", "SELECT E'\\';' x", "SELECT $x$;$x$", "SELECT $é$ ; $é$",
                "SELECT U&'\\0027;'", 'SELECT U&"a;b"', "SELECT /* /* */ ; */ 1", "SELECT 1 -- ;"):
        assert [t.text for t in tokens(sql, "postgresql") if t.text == ";"] == [], sql
        assert "".join(t.text for t in tokens(sql, "postgresql")) == sql
    assert [t.text for t in tokens("SELECT /* /* */ ; */ 1", "sqlite") if t.text == ";"] == [";"]
    assert first_keyword("/* x */ -- y\n ( SELECT 1)", "postgresql") == "select"
    assert numbered_placeholders("SELECT :a, ':b', E':c\\'', $t$:d$t$, \":e\", x::text, :a, :f -- :g") == (
        "SELECT $1, ':b', E':c\\'', $t$:d$t$, \":e\", x::text, $1, $2 -- :g", ["a", "f"])
    with pytest.raises(InputError):
        check_read_only("  ; -- nothing", "sqlite")
    with pytest.raises(InputError):
        check_read_only("DELETE FROM events", "postgresql")


def test_a_colon_name_in_a_literal_is_not_a_parameter(db_url: str) -> None:
    """``sql "select ':a'" -p a 1`` failed: the :a in the string was taken for a parameter."""
    result = ok(db_url, "sql", "SELECT ':a' AS a", "-p", "a", "1", "--csv")
    assert result.stdout.splitlines() == ["a", ":a"]
    assert result.stderr.strip() == (
        "Warning: parameter 'a' is not used in the query (no :a outside strings and comments)")
    rows = sql_rows(db_url, "SELECT ':x' AS s, :x AS p, 1 AS \":x\" /* :y */ -- :z\n", "x", "v")
    assert rows == [{"s": ":x", "p": "v", ":x": "1"}]


def test_numbers_are_bound_as_numbers_only_on_sqlite() -> None:
    assert bind_value("12", "sqlite") == 12 and bind_value("1.5", "sqlite") == 1.5
    assert bind_value("007", "sqlite") == "007" and bind_value("2014-06", "sqlite") == "2014-06"
    assert bind_value("12", "postgresql") == "12"


def test_the_database_refuses_writes_even_without_the_statement_check(
    db_url: str, known: Known, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Layers, not one check: with the keyword check off, the read-only connection (and on
    SQLite the authorizer) still refuse every write."""
    from eventdb.services import sqlquery

    monkeypatch.setattr(sqlquery, "check_read_only", lambda sql, dialect: None)
    before = snapshot(db_url)
    statements = [
        *(w for w in WRITES if ";" not in w.rstrip(";") or w.startswith("DO")),
        f"ATTACH DATABASE '{tmp_path / 'other.sqlite'}' AS other",
        f"VACUUM INTO '{tmp_path / 'copy.sqlite'}'",
    ]
    for statement in statements:
        run(db_url, "sql", "--", statement)
    assert snapshot(db_url) == before
    assert not (tmp_path / "other.sqlite").exists() and not (tmp_path / "copy.sqlite").exists()


def test_a_runaway_query_is_cancelled_by_the_timeout(db_url: str) -> None:
    runaway = ("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) "
               "SELECT COUNT(*) FROM c")
    result = run(db_url, "sql", runaway, "--timeout", "0.5")
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: the query ran longer than 0.5 s and was cancelled (--timeout)"
    assert sql_rows(db_url, "SELECT 1 AS one", ) == [{"one": "1"}]
    assert ok(db_url, "sql", "SELECT 1 AS one", "--timeout", "5", "--csv").stdout.splitlines() == ["one", "1"]
