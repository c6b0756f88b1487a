"""docs/SQL.md stays true: every view column is documented, every example query runs on both
databases."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import inspect

from eventdb.db.engine import Database
from tests.helpers import ok
from tests.reports.known import Known, build

DOC = Path(__file__).resolve().parents[2] / "docs" / "SQL.md"
VIEWS = ("chronology", "event_participants", "corrections", "needs_attention", "participant_activity",
         "happenings", "happening_reports")
#: Values for the parameters the example queries use (the known data's names).
PARAMS = {"who": "ISIS", "doc": "doc-a", "below": "0.9"}


def documented_columns() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### `(\w+)`$", line)
        if heading:
            current = heading.group(1)
            found[current] = []
        elif line.startswith("## ") or line.startswith("### "):
            current = None
        elif current and (cell := re.match(r"\| `(\w+)` \|", line)):
            found[current].append(cell.group(1))
    return found


def example_queries() -> list[tuple[str, str]]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Ten useful queries"):]
    titles = re.findall(r"^### (.+)$", section, re.M)
    queries = re.findall(r"```sql\n(.*?)```", section, re.S)
    assert len(titles) == len(queries) == 10
    return list(zip(titles, queries))


def test_every_view_column_is_documented_in_order(db_url: str) -> None:
    db = Database(db_url)
    try:
        with db.engine.connect() as conn:
            actual = {v: [c["name"] for c in inspect(conn).get_columns(v)] for v in VIEWS}
    finally:
        db.dispose()
    assert documented_columns() == actual


@pytest.mark.parametrize("title, query", example_queries(), ids=lambda x: x.split(".")[0] if x[:1].isdigit() else "")
def test_example_queries_run(db_url: str, known: Known, title: str, query: str) -> None:
    args = ["sql", query, "--json"]
    for name in dict.fromkeys(re.findall(r"(?<![:\w]):(\w+)", query)):
        args += ["-p", name, PARAMS[name]]
    rows = json.loads(ok(db_url, *args).stdout)
    assert rows, f"{title}: no rows on the known data"


VIEW_ORDER = {
    "chronology": "event_id",
    "event_participants": "event_id, participant_id, role",
    "corrections": "assertion_id",
    "needs_attention": "kind, document_id, event_id, node_id",
    "participant_activity": "participant_id, month",
}


def _normal(value):  # noqa: ANN001, ANN202
    if isinstance(value, float):
        return round(value, 6)
    return value


@pytest.mark.postgres
def test_views_and_examples_give_the_same_answers_on_both_databases(
    sqlite_template: Path, postgres_server, tmp_path: Path,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same known data on SQLite and PostgreSQL: every view and example query, same rows."""
    import shutil

    from tests.conftest import _need_postgres

    server = _need_postgres(postgres_server)
    shutil.copy(sqlite_template, tmp_path / "both.sqlite")
    urls = [f"sqlite:///{tmp_path / 'both.sqlite'}", server.migrated()]
    from contextlib import ExitStack

    from tests.pg_roles import reader_role

    stack = ExitStack()
    try:
        for url in urls:
            db = Database(url)
            build(db)
            db.dispose()
        # `eventdb sql` refuses the test server's superuser: it logs in as a reader.
        monkeypatch.setenv("EVENTDB_SQL_ROLE", stack.enter_context(reader_role(urls[1])))
        queries = [(f"view {v}", f"SELECT * FROM {v} ORDER BY {order}") for v, order in VIEW_ORDER.items()]
        for title, query in [*queries, *example_queries()]:
            answers = []
            for url in urls:
                args = ["sql", query, "--json"]
                for name in dict.fromkeys(re.findall(r"(?<![:\w]):(\w+)", query)):
                    args += ["-p", name, PARAMS[name]]
                rows = json.loads(ok(url, *args).stdout)
                for row in rows:
                    row.pop("created_at", None)  # text on SQLite, timestamptz on PostgreSQL
                answers.append([{k: _normal(v) for k, v in r.items()} for r in rows])
            assert answers[0] == answers[1], title
    finally:
        stack.close()
        server.drop(urls[1])
