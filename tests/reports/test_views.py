"""The reporting views, on SQLite and PostgreSQL, against known data."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text

from eventdb.db.engine import Database
from eventdb.services.chronology import iter_chronology
from tests.helpers import ok
from tests.reports.known import Known, build

#: The chronology order, as docs/SQL.md tells analysts to write it.
CHRONOLOGICAL = " ORDER BY earliest IS NULL, earliest, latest, document_id, position"

VIEWS = {"chronology", "event_participants", "corrections", "needs_attention", "participant_activity"}


def norm(value: Any) -> Any:
    """The same value from either backend: dates as ISO text, booleans as 0/1."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def query(url: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return [{k: norm(v) for k, v in row._mapping.items()}
                    for row in conn.execute(text(sql), params)]
    finally:
        db.dispose()


def views(url: str) -> set[str]:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return set(inspect(conn).get_view_names())
    finally:
        db.dispose()


def test_migration_creates_and_drops_the_views(empty_db_url: str) -> None:
    ok(empty_db_url, "init")
    assert VIEWS <= views(empty_db_url)
    ok(empty_db_url, "db", "downgrade", "0001")
    assert views(empty_db_url) & VIEWS == set()
    ok(empty_db_url, "db", "upgrade")
    assert VIEWS <= views(empty_db_url)


def test_chronology_rows_order_and_participants(db_url: str, known: Known) -> None:
    rows = query(db_url, "SELECT * FROM chronology" + CHRONOLOGICAL)
    e = known.events
    assert [r["event_id"] for r in rows] == [
        e["advanced"], e["took_mosul"], e["asked"], e["bombed"], e["asked_jets"], e["landed"],
        e["fell"],
    ], "chronology order, rejected and merged events left out, undated last"
    by_id = {r["event_id"]: r for r in rows}
    bombed = by_id[e["bombed"]]
    assert bombed["value"] == "2014-06-24" and bombed["status"] == "corrected"
    assert (bombed["earliest"], bombed["latest"], bombed["precision"]) == ("2014-06-24", "2014-06-24", "day")
    assert bombed["participants"] == "Syria; ISIS; Qaim"  # in the order of their first mention
    assert bombed["participant_count"] == 3
    assert bombed["document_id"] == "doc-a" and bombed["document_title"] == "Title of doc-a"
    assert bombed["url"] == "https://news.example/doc-a" and bombed["source"] == "Wire"
    assert bombed["evidence"] == "Syrian jets bombed the jihadist group near Qaim on Thursday."
    assert bombed["time_expression"] == "Thursday"
    assert bombed["anchor"] == "publication date 2014-06-27"
    assert bombed["published"] == "2014-06-27"
    assert bombed["date_how"] == "curator"
    assert (bombed["year"], bombed["month"], bombed["week"]) == ("2014", "2014-06", "2014-W26")
    month = by_id[e["advanced"]]
    assert (month["year"], month["month"], month["week"]) == ("2014", "2014-06", None)
    assert by_id[e["fell"]]["year"] is None
    # "IS" was merged into ISIS: the view shows the canonical name.
    assert by_id[e["advanced"]]["participants"] == "ISIS"
    assert by_id[e["advanced"]]["edtf"] == "2014-06~"
    assert by_id[e["took_mosul"]]["anchor"] == "absolute"
    assert by_id[e["asked"]]["anchor"] == '"Thursday" 2014-06-26'
    assert by_id[e["fell"]]["anchor"] == "publication date (unknown)"
    assert by_id[e["fell"]]["published"] is None
    assert by_id[e["fell"]]["participants"] is None and by_id[e["fell"]]["participant_count"] == 0


def test_chronology_view_agrees_with_the_chronology_service(db_url: str, known: Known) -> None:
    db = Database(db_url)
    with db.session() as session:
        service = list(iter_chronology(session))
    db.dispose()
    rows = query(db_url, "SELECT * FROM chronology" + CHRONOLOGICAL)
    assert [r["event_id"] for r in rows] == [s.id for s in service]
    for row, s in zip(rows, service):
        assert row["anchor"] == s.anchor
        assert row["evidence"] == s.evidence
        assert (row["participants"] or "") == "; ".join(dict.fromkeys(p.name for p in s.participants))


def test_views_show_participants_by_their_canonical_name(db_url: str, known: Known) -> None:
    """A mention still on a participant merged into another (curation moves them, but a view
    must not depend on it) counts for the participant it was merged into."""
    db = Database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE mentions SET participant_id = :old WHERE text = 'IS'"),
                     {"old": known.participants["IS"]})
    db.dispose()
    e = known.events
    assert query(db_url, "SELECT participants FROM chronology WHERE event_id = :id",
                 id=e["advanced"]) == [{"participants": "ISIS"}]
    assert query(db_url, "SELECT participant_id, participant, mention FROM event_participants "
                         "WHERE event_id = :id", id=e["advanced"]) == [
        {"participant_id": known.participants["ISIS"], "participant": "ISIS", "mention": "IS"}]
    activity = query(db_url, "SELECT participant, events FROM participant_activity "
                             "WHERE participant_id = :id", id=known.participants["ISIS"])
    assert activity == [{"participant": "ISIS", "events": 3}]


def test_merge_chains_end_at_their_root_and_cycles_at_the_participant(db_url: str, known: Known) -> None:
    """Written straight into the tables (curation would flatten them): a mention of a participant
    merged into one that was merged in turn counts for the last; in a merge cycle, for itself."""
    e, p = known.events, known.participants
    db = Database(db_url)
    with db.engine.begin() as conn:
        # IS (mentioned again) -> ISIS -> Syria: a chain of two merges.
        conn.execute(text("UPDATE mentions SET participant_id = :old WHERE text = 'IS'"), {"old": p["IS"]})
        conn.execute(text("UPDATE participants SET merged_into_id = :to WHERE id = :id"),
                     {"to": p["Syria"], "id": p["ISIS"]})
    assert query(db_url, "SELECT participants FROM chronology WHERE event_id = :id",
                 id=e["advanced"]) == [{"participants": "Syria"}]
    with db.engine.begin() as conn:  # Syria -> IS closes a cycle: nobody in it has a root
        conn.execute(text("UPDATE participants SET merged_into_id = :to WHERE id = :id"),
                     {"to": p["IS"], "id": p["Syria"]})
    db.dispose()
    assert query(db_url, "SELECT participants FROM chronology WHERE event_id = :id",
                 id=e["advanced"]) == [{"participants": "IS"}]
    bombed = query(db_url, "SELECT participants, participant_count FROM chronology WHERE event_id = :id",
                   id=e["bombed"])
    assert bombed == [{"participants": "Syria; ISIS; Qaim", "participant_count": 3}]


@pytest.mark.postgres
def test_postgres_chronology_reads_canon_only_for_merged_participants(
    postgres_server,  # noqa: ANN001
) -> None:
    """PostgreSQL cannot index the ``canon`` CTE: scanned once per event, it made ``SELECT * FROM
    chronology`` take events x participants (34 s at 223,088 events). It must be scanned only
    for the arguments that mention a merged participant."""
    from tests.conftest import _need_postgres

    server = _need_postgres(postgres_server)
    url = server.migrated()
    db = Database(url)
    try:
        known = build(db)

        def canon_scans() -> int:
            with db.engine.connect() as conn:
                plan = conn.exec_driver_sql(
                    "EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM chronology").scalar_one()
            return sum(node.get("Actual Loops", 0) for node in _plan_nodes(plan[0]["Plan"])
                       if node.get("Node Type") == "CTE Scan" and node.get("CTE Name") == "canon")

        assert canon_scans() == 0  # curation moved the merged participant's mention
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE mentions SET participant_id = :old WHERE text = 'IS'"),
                         {"old": known.participants["IS"]})
            merged_arguments = conn.execute(text(
                "SELECT count(*) FROM event_arguments ea JOIN mentions m ON m.id = ea.mention_id"
                " JOIN participants p ON p.id = m.participant_id"
                " WHERE p.merged_into_id IS NOT NULL")).scalar_one()
        assert merged_arguments > 0
        # per such argument, in each of the view's two participant subqueries, at most twice (a
        # hash join computes its key, then checks the match), whatever the number of events
        assert 0 < canon_scans() <= 4 * merged_arguments
    finally:
        db.dispose()
        server.drop(url)


def _plan_nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node, *(n for child in node.get("Plans", []) for n in _plan_nodes(child))]


def test_event_participants(db_url: str, known: Known) -> None:
    e, p = known.events, known.participants
    rows = query(db_url, "SELECT * FROM event_participants WHERE event_id = :id ORDER BY mention_start",
                 id=e["bombed"])
    assert [(r["participant"], r["participant_kind"], r["role"], r["mention"]) for r in rows] == [
        ("Syria", "place", "agent", "Syrian"),
        ("ISIS", "group", "patient", "the jihadist group"),
        ("Qaim", "place", "other", "Qaim"),
    ]
    assert all(r["document_id"] == "doc-a" and r["value"] == "2014-06-24" for r in rows)
    assert rows[1]["participant_id"] == p["ISIS"] and rows[1]["mentions"] == 1
    merged = query(db_url, "SELECT * FROM event_participants WHERE event_id = :id", id=e["advanced"])
    assert [(r["participant_id"], r["participant"], r["mention"]) for r in merged] == [
        (p["ISIS"], "ISIS", "IS")
    ]
    # Rejected and merged-away events are not in the view.
    gone = query(db_url, "SELECT COUNT(*) AS n FROM event_participants WHERE event_id IN (:a, :b)",
                 a=e["rejected"], b=e["bombed_b"])
    assert gone[0]["n"] == 0


def test_corrections(db_url: str, known: Known) -> None:
    rows = query(db_url, "SELECT * FROM corrections ORDER BY assertion_id")
    assert len(rows) == 2
    bombed, review = rows
    assert bombed["event_id"] == known.events["bombed"] and bombed["subject"] == "event"
    assert bombed["document_id"] == "doc-a"
    assert bombed["label"] == "Syrian jets bombed the jihadist group near Qaim on Thursday"
    assert (bombed["machine_value"], bombed["curator_value"], bombed["previous_value"]) == (
        "2014-06-26", "2014-06-24", "2014-06-26")
    assert bombed["shift_days"] == -2
    assert (bombed["curator"], bombed["note"], bombed["input_text"]) == (
        "alice", "other outlets say Tuesday", "Tuesday")
    assert bombed["status"] == "corrected" and bombed["is_current"] == 1 and bombed["undone"] == 0
    assert str(bombed["created_at"]).startswith("2026-02-01")
    assert review["curator"] == "bob" and review["status"] == "needs-review"
    assert review["shift_days"] == 0


def test_needs_attention(db_url: str, known: Known) -> None:
    e = known.events
    rows = query(db_url, "SELECT * FROM needs_attention")
    found = {(r["kind"], r["document_id"], r["event_id"]) for r in rows}
    assert found == {
        ("unresolved", "doc-b", e["fell"]),
        ("needs-review", "doc-c", e["asked_jets"]),
        ("no-publication-date", "doc-b", None),
        ("dateline-disagrees", "doc-c", None),
        ("conflicting-dates", "doc-a", e["bombed"]),
    }
    by_kind = {r["kind"]: r for r in rows}
    assert by_kind["unresolved"]["detail"] == "dated from the publication date, which is unknown"
    assert by_kind["needs-review"]["detail"] == "the dateline it depends on changed"
    assert by_kind["dateline-disagrees"]["detail"].startswith("the dateline says 2014-07-01")
    conflict = by_kind["conflicting-dates"]
    assert conflict["other_event_id"] == e["bombed_b"]
    assert "2014-06-26 by doc-b" in conflict["detail"] and "2014-06-24 by doc-a" in conflict["detail"]


def test_participant_activity(db_url: str, known: Known) -> None:
    rows = query(db_url, "SELECT participant, month, events, documents, as_agent "
                         "FROM participant_activity ORDER BY participant, month")
    assert [tuple(r.values()) for r in rows] == [
        ("ISIS", "2014-06", 3, 1, 2),
        ("Iraq", "2014-06", 1, 1, 1),
        ("Iraq", "2014-07", 1, 1, 1),
        ("Mosul", "2014-06", 1, 1, 0),
        ("Qaim", "2014-06", 1, 1, 0),
        ("Syria", "2014-06", 1, 1, 1),
    ]


def test_views_on_ingested_articles_match_the_export(db_url: str, seeds_jsonl: Path) -> None:
    from tests.helpers import export_csv

    ok(db_url, "ingest", str(seeds_jsonl))
    exported = export_csv(db_url, "--background")  # the view lists every report
    rows = {str(r["event_id"]): r for r in query(db_url, "SELECT * FROM chronology")}
    assert set(rows) == {x["event_id"] for x in exported}
    for x in exported:
        row = rows[x["event_id"]]
        # Same names (mentions sharing a start may come in either order in the export).
        assert set(filter(None, (row["participants"] or "").split("; "))) == set(
            filter(None, x["participants"].split(";")))
        assert row["anchor"] == x["anchor"]
        assert (row["value"] or "") == x["date"]
