"""Curation work is never lost: merges, ids, undo over someone else's work, races, replace.

Every test runs on a real SQLite file and on the real PostgreSQL server (``db_url``); the races
run real threads on separate connections.
"""

from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import func, select, text

from eventdb.db.engine import Database
from eventdb.db.models import ChangeLog, Document, Event, Participant, TimeNode
from eventdb.errors import ConflictError, EventdbError, InputError
from eventdb.services.curation import Curation
from eventdb.services.ingest import ingest
from eventdb.services.sources import read_paths
from tests.helpers import export_jsonl, ok, run

TEXT = (
    "Rebels attacked the northern town of Qaim on Monday. "
    "The army launched a counteroffensive two days later. "
    "Officials said on Thursday that the town was calm."
)
OTHER = "Rebels attacked Qaim on Sunday, officials said. Nouri al-Maliki met Barack Obama on Friday."


def write_jsonl(path: Path, *docs: dict) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


@pytest.fixture
def story(db_url: str, tmp_path: Path) -> str:
    write_jsonl(tmp_path / "story.jsonl",
                {"id": "story", "published": "2014-06-27", "text": TEXT, "title": "Qaim"},
                {"id": "other", "published": "2014-06-28", "text": OTHER})
    ok(db_url, "ingest", str(tmp_path / "story.jsonl"))
    return db_url


def ids(url: str) -> dict[str, int]:
    """Event ids by a word of their headline (every event, whatever its status)."""
    db = Database(url)
    try:
        with db.session() as s:
            rows = s.execute(select(Event.id, Event.headline, Event.start, Event.end, Document.text)
                             .join(Document, Document.id == Event.document_id)).all()
    finally:
        db.dispose()
    found = {}
    for word in ("attacked the northern", "counteroffensive", "calm", "attacked Qaim", "met"):
        # the event whose own clause holds the words: a reporting clause's headline also holds
        # what was said ("Officials said on Thursday that the town was calm")
        (found[word.split()[0] if word != "attacked Qaim" else "sunday"],) = [
            r.id for r in rows if word in r.headline and word in r.text[r.start:r.end]]
    return found


def visible(url: str) -> set[int]:
    return {e["id"] for e in export_jsonl(url)}


def refused(url: str, *args: str) -> str:
    result = run(url, *args)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    return result.stderr.strip()


# -- merges --------------------------------------------------------------------------------------
def test_a_merge_back_is_refused_and_hides_nothing(story: str) -> None:
    e = ids(story)
    a, b = e["attacked"], e["sunday"]
    ok(story, "merge-events", str(a), str(b))
    message = refused(story, "merge-events", str(b), str(a))
    assert f"event {b} is merged into {a} already: merge into {a} instead" in message
    assert a in visible(story) and b not in visible(story)


def test_a_merge_into_a_rejected_event_is_refused(story: str) -> None:
    e = ids(story)
    ok(story, "reject", str(e["calm"]))
    message = refused(story, "merge-events", str(e["calm"]), str(e["counteroffensive"]))
    assert f"event {e['calm']} is rejected: undo the rejection or pick a live event" in message
    assert e["counteroffensive"] in visible(story)


def test_rejecting_an_event_others_are_merged_into_is_refused(story: str) -> None:
    e = ids(story)
    ok(story, "merge-events", str(e["attacked"]), str(e["sunday"]))
    message = refused(story, "reject", str(e["attacked"]))
    assert f"event {e['attacked']} has event {e['sunday']} merged into it" in message
    assert e["attacked"] in visible(story)


def test_merging_a_survivor_takes_its_merged_events_along_and_undo_restores(story: str) -> None:
    e = ids(story)
    a, b, c = e["attacked"], e["sunday"], e["counteroffensive"]
    ok(story, "merge-events", str(b), str(c))
    ok(story, "merge-events", str(a), str(b))
    db = Database(story)
    with db.session() as s:
        assert dict(s.execute(select(Event.id, Event.merged_into_id).where(Event.id.in_([b, c]))).all()) == {b: a, c: a}
    ok(story, "undo")
    with db.session() as s:
        assert dict(s.execute(select(Event.id, Event.merged_into_id).where(Event.id.in_([b, c]))).all()) == {b: None, c: b}
    db.dispose()


@pytest.mark.parametrize("statements", [
    ["UPDATE events SET merged_into_id = {a} WHERE id = {a}"],
    ["UPDATE events SET merged_into_id = {b} WHERE id = {a}",
     "UPDATE events SET merged_into_id = {a} WHERE id = {b}"],
    ["UPDATE events SET status = 'rejected' WHERE id = {a}",
     "UPDATE events SET merged_into_id = {a} WHERE id = {b}"],
    ["UPDATE events SET merged_into_id = {a} WHERE id = {b}",
     "UPDATE events SET status = 'rejected' WHERE id = {a}"],
], ids=["itself", "cycle", "into-rejected", "reject-a-survivor"])
def test_the_database_refuses_merges_that_hide_events(story: str, statements: list[str]) -> None:
    """Even a bug writing SQL straight away cannot form a cycle or hide a merged event."""
    e = ids(story)
    db = Database(story)
    try:
        with pytest.raises(sa_exc.IntegrityError), db.engine.begin() as conn:
            for sql in statements:
                conn.execute(text(sql.format(a=e["attacked"], b=e["sunday"])))
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Event)
                            .where(Event.merged_into_id.is_not(None))) == 0
    finally:
        db.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"], indirect=False)
def test_two_curators_merging_opposite_ways_at_once(story: str) -> None:
    e = ids(story)
    pairs = [(e["attacked"], e["sunday"]), (e["counteroffensive"], e["calm"])]
    dbs = [Database(story), Database(story)]
    try:
        for round_ in range(6):
            a, b = pairs[round_ % 2]
            barrier = threading.Barrier(2)
            outcomes: list[object] = [None, None]

            def merge(i: int, first: int, second: int) -> None:
                service = Curation(dbs[i], "ana" if i == 0 else "bob")
                barrier.wait()
                try:
                    outcomes[i] = service.merge_events([first, second])
                except EventdbError as exc:
                    outcomes[i] = exc

            threads = [threading.Thread(target=merge, args=(0, a, b)),
                       threading.Thread(target=merge, args=(1, b, a))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            errors = [o for o in outcomes if isinstance(o, EventdbError)]
            assert len(errors) == 1, outcomes
            assert isinstance(errors[0], InputError) and "merge into" in str(errors[0])
            assert len({a, b} & visible(story)) == 1
            winner = 0 if errors[0] is outcomes[1] else 1
            assert Curation(dbs[winner], "ana" if winner == 0 else "bob").undo() is not None
            assert {a, b} <= visible(story)
    finally:
        for db in dbs:
            db.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"])
def test_two_curators_merging_participants_opposite_ways_at_once(story: str) -> None:
    """One wins; the other is told; never a cycle of participants merged into each other."""
    names = ["Barack Obama", "Nouri al-Maliki"]
    dbs = [Database(story), Database(story)]
    try:
        for _ in range(6):
            barrier = threading.Barrier(2)
            outcomes: list[object] = [None, None]

            def merge(i: int) -> None:
                service = Curation(dbs[i], "ana" if i == 0 else "bob")
                barrier.wait()
                try:
                    outcomes[i] = service.merge_participants(names if i == 0 else names[::-1])
                except EventdbError as exc:
                    outcomes[i] = exc

            threads = [threading.Thread(target=merge, args=(i,)) for i in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            with dbs[0].session() as s:
                merged = s.execute(select(Participant.id, Participant.merged_into_id)
                                   .where(Participant.merged_into_id.is_not(None))).all()
            assert len(merged) == 1, (outcomes, merged)
            errors = [o for o in outcomes if isinstance(o, EventdbError)]
            assert len(errors) == 1 and isinstance(errors[0], InputError), outcomes
            winner = 1 if errors[0] is outcomes[0] else 0
            assert Curation(dbs[winner], "ana" if winner == 0 else "bob").undo() is not None
    finally:
        for db in dbs:
            db.dispose()


# -- ids -----------------------------------------------------------------------------------------
def test_replace_never_reuses_ids(db_url: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", {"id": "a", "published": "2014-06-27", "text": TEXT})
    ok(db_url, "ingest", str(path))
    db = Database(db_url)
    tables = (Document, Event, TimeNode)

    def ids_of() -> dict[str, set[int]]:
        with db.session() as s:
            return {m.__tablename__: set(s.scalars(select(m.id))) for m in tables}

    before = ids_of()
    write_jsonl(path, {"id": "a", "published": "2014-06-27", "text": TEXT.replace("Qaim", "Rawa")})
    ok(db_url, "ingest", "--replace", str(path))
    after = ids_of()
    db.dispose()
    for name in before:
        assert after[name] and min(after[name]) > max(before[name]), name


# -- undo over someone else's later change -------------------------------------------------------
def _node(url: str, expression: str) -> int:
    db = Database(url)
    try:
        with db.session() as s:
            return s.scalar(select(TimeNode.id).where(TimeNode.text == expression))
    finally:
        db.dispose()


# (ana's action, bob's later action on the same item), as calls on the service.
ACTIONS = {
    "set-date": (lambda c, e: c.set_date(e["attacked"], "2014-06-20"),
                 lambda c, e: c.confirm([e["attacked"]])),
    "set-node-date": (lambda c, e: c.set_node_date(e["thursday"], "2014-06-19"),
                      lambda c, e: c.set_node_date(e["thursday"], "2014-06-18")),
    "set-published": (lambda c, e: c.set_published("story", "2014-06-26"),
                      lambda c, e: c.set_published("story", "2014-06-25")),
    "anchor": (lambda c, e: c.reanchor(e["calm"], e["attacked"], relation="after", offset="1 day"),
               lambda c, e: c.set_date(e["calm"], "2014-06-21")),
    "confirm": (lambda c, e: c.confirm([e["attacked"]]),
                lambda c, e: c.set_date(e["attacked"], "2014-06-21")),
    "reject": (lambda c, e: c.reject([e["calm"]]),
               lambda c, e: c.confirm([e["calm"]])),
    "merge-events": (lambda c, e: c.merge_events([e["attacked"], e["sunday"]]),
                     lambda c, e: c.merge_events([e["counteroffensive"], e["attacked"]])),
    "merge-participants": (lambda c, e: c.merge_participants(["Barack Obama", "Nouri al-Maliki"]),
                           lambda c, e: c.rename_participant("Barack Obama", "President Obama")),
    "rename-participant": (lambda c, e: c.rename_participant("Nouri al-Maliki", "Nuri al-Maliki"),
                           lambda c, e: c.rename_participant("Nuri al-Maliki", "Nuri Kamil al-Maliki")),
}


def _state(url: str) -> tuple:
    db = Database(url)
    try:
        with db.session() as s:
            events = s.execute(select(Event.id, Event.value, Event.status, Event.merged_into_id,
                                      Event.time_node_id).order_by(Event.id)).all()
            people = s.execute(select(Participant.id, Participant.name, Participant.merged_into_id)
                               .order_by(Participant.id)).all()
            return [tuple(r) for r in events], [tuple(r) for r in people]
    finally:
        db.dispose()


@pytest.mark.parametrize("action", list(ACTIONS))
def test_undo_refuses_over_someone_elses_later_change(story: str, action: str) -> None:
    e = ids(story) | {"thursday": _node(story, "Thursday")}
    db = Database(story)
    ana, bob = Curation(db, "ana"), Curation(db, "bob")
    first, later = ACTIONS[action]
    first(ana, e)
    later(bob, e)
    before = _state(story)
    with pytest.raises(ConflictError, match="changed since by bob"):
        ana.undo()
    assert _state(story) == before
    # Once bob took his change back, ana may take hers back.
    assert bob.undo() is not None
    assert ana.undo() is not None
    db.dispose()


def test_undo_is_refused_in_one_line_on_the_command_line(story: str) -> None:
    ok(story, "--curator", "ana", "rename-participant", "Nouri al-Maliki", "Nuri al-Maliki")
    ok(story, "--curator", "bob", "rename-participant", "Nuri al-Maliki", "Nuri Kamil al-Maliki")
    message = refused(story, "--curator", "ana", "undo")
    assert "participant 'Nuri Kamil al-Maliki' was changed since by bob" in message
    db = Database(story)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Participant)
                        .where(Participant.name == "Nuri Kamil al-Maliki")) == 1
    db.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"])
def test_undo_racing_another_curators_set_date(story: str) -> None:
    """Twelve rounds of ana's undo against bob's set-date at the same moment: each either
    happens in full or is refused with who changed it; never a raw unique-index error."""
    attacked = ids(story)["attacked"]
    ana_db, bob_db = Database(story), Database(story)
    ana, bob = Curation(ana_db, "ana"), Curation(bob_db, "bob")
    try:
        for round_ in range(12):
            ana.set_date(attacked, f"2014-06-{10 + round_:02d}")
            barrier = threading.Barrier(2)
            errors: list[BaseException] = []

            def act(call) -> None:  # noqa: ANN001
                barrier.wait()
                try:
                    call()
                except BaseException as exc:  # noqa: BLE001 - collected, asserted below
                    errors.append(exc)

            threads = [threading.Thread(target=act, args=(ana.undo,)),
                       threading.Thread(target=act, args=(lambda: bob.set_date(attacked, "2014-06-30"),))]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            for exc in errors:
                assert isinstance(exc, ConflictError) and "changed since by bob" in str(exc), repr(exc)
            # Whichever went first, bob's date stands.
            assert ana.event_detail(attacked).value == "2014-06-30"
    finally:
        ana_db.dispose()
        bob_db.dispose()


# -- two ingests at once -------------------------------------------------------------------------
def test_two_ingests_of_the_same_file_at_once(db_url: str, tmp_path: Path) -> None:
    """The second finds what the first stored meanwhile: unchanged, not failed."""
    n = 24
    path = write_jsonl(tmp_path / "many.jsonl", *[
        {"id": f"doc-{i:02d}", "published": "2014-06-27", "text": TEXT.replace("Qaim", f"Qaim {i}")}
        for i in range(n)])
    dbs = [Database(db_url), Database(db_url)]
    barrier = threading.Barrier(2)
    reports: list = [None, None]

    def go(i: int) -> None:
        barrier.wait()
        reports[i] = ingest(dbs[i], read_paths([path]), batch_size=6)

    threads = [threading.Thread(target=go, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        for report in reports:
            assert report is not None and report.failed == [], report
            assert report.added + report.unchanged == n
        assert reports[0].added + reports[1].added == n
        with dbs[0].session() as s:
            assert s.scalar(select(func.count()).select_from(Document)) == n
    finally:
        for db in dbs:
            db.dispose()


# -- ingest --replace of a curated document ------------------------------------------------------
EDITED = TEXT + " Residents returned on Saturday."


def _replace(url: str, tmp_path: Path, text: str, *extra: str):  # noqa: ANN202
    path = write_jsonl(tmp_path / "story-v2.jsonl",
                       {"id": "story", "published": "2014-06-27", "text": text, "title": "Qaim"})
    return run(url, "--curator", "importer", "ingest", "--replace", *extra, str(path))


def _by_headline(url: str) -> dict[str, dict]:
    rows = export_jsonl(url, *[a for s in ("machine", "corrected", "confirmed", "needs-review",
                                           "unresolved", "rejected") for a in ("--status", s)])
    return {r["headline"]: r for r in rows}


def test_replace_carries_curator_work_to_the_matching_events(story: str, tmp_path: Path) -> None:
    e = ids(story)
    ok(story, "--curator", "ana", "set-published", "story", "2014-06-26")
    ok(story, "--curator", "ana", "set-date", str(e["attacked"]), "2014-06-20", "--note", "Reuters")
    ok(story, "--curator", "ana", "reject", str(e["calm"]))
    ok(story, "--curator", "bob", "merge-events", str(e["attacked"]), str(e["sunday"]))
    ok(story, "--curator", "bob", "anchor", str(e["counteroffensive"]), "--to", str(e["attacked"]),
       "--relation", "after", "--offset", "2 days")
    before = _by_headline(story)
    result = _replace(story, tmp_path, EDITED)
    assert result.exit_code == 0, result.stderr
    after = _by_headline(story)
    new = ids(story)
    assert min(new["attacked"], new["calm"], new["counteroffensive"]) > max(e.values())
    # Every event keeps its date and status (the merged reports disagreed: needs-review).
    assert {h: (r["value"], r["status"]) for h, r in after.items() if h in before} == \
        {h: (r["value"], r["status"]) for h, r in before.items()}
    attacked = next(r for h, r in after.items() if "attacked the northern" in h)
    assert (attacked["value"], attacked["status"]) == ("2014-06-20", "needs-review")
    assert next(r for h, r in after.items() if h.lower().startswith("the town was calm"))["status"] == "rejected"
    counter = next(r for h, r in after.items() if "counteroffensive" in h)
    assert (counter["value"], counter["status"]) == ("2014-06-22", "corrected")
    db = Database(story)
    with db.session() as s:
        assert s.scalar(select(Event.merged_into_id).where(Event.id == e["sunday"])) == new["attacked"]
        doc = s.scalars(select(Document).where(Document.external_id == "story")).one()
        pub = s.get(TimeNode, doc.published_node_id)
        assert (pub.value, pub.status) == ("2014-06-26", "corrected")
        anchor_node = s.scalars(select(TimeNode).join(Event, Event.time_node_id == TimeNode.id)
                                .where(Event.id == new["counteroffensive"])).one()
        assert anchor_node.text == f"2 days after event {new['attacked']}"
        # The new sentence's relative date follows the carried publication date.
        saturday = s.scalars(select(TimeNode).where(TimeNode.text == "Saturday")).one()
        assert saturday.value == "2014-06-21"
        change = s.scalars(select(ChangeLog).where(ChangeLog.action == "carry-curation")).one()
        assert change.curator == "importer" and "carried" in change.summary
    db.dispose()
    assert before.keys() <= after.keys()
    # Old changes name rows that are gone: undo refuses instead of acting on the new events.
    message = refused(story, "--curator", "bob", "undo")
    assert "changed since by importer" in message
    # The carry itself can be undone: the new text's own answers come back.
    ok(story, "--curator", "importer", "undo")
    undone = _by_headline(story)
    assert next(r for h, r in undone.items() if "calm" in h)["status"] == "machine"
    db = Database(story)
    with db.session() as s:
        assert s.scalar(select(Event.merged_into_id).where(Event.id == e["sunday"])) is None
    db.dispose()


def test_replace_that_would_lose_curator_work_is_refused(story: str, tmp_path: Path) -> None:
    e = ids(story)
    ok(story, "--curator", "ana", "reject", str(e["calm"]))
    ok(story, "--curator", "ana", "confirm", str(e["attacked"]))
    state = _state(story)
    shorter = TEXT[:TEXT.index(" Officials said")]
    result = _replace(story, tmp_path, shorter)
    assert result.exit_code == 1
    assert "1 curator change on rows the new text of 'story' no longer has: " \
        f"event {e['calm']} \"" in result.stderr and "(rejected by ana)" in result.stderr
    assert "use --discard-curation to replace anyway" in result.stderr
    assert "Traceback" not in result.stderr
    assert _state(story) == state  # nothing changed
    result = _replace(story, tmp_path, shorter, "--discard-curation")
    assert result.exit_code == 0, result.stderr
    after = _by_headline(story)
    assert not any("calm" in h for h in after)
    assert next(r for h, r in after.items() if "attacked the northern" in h)["status"] == "confirmed"
    message = refused(story, "--curator", "ana", "undo")
    assert "changed since by importer" in message


def test_discard_curation_needs_replace(story: str, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", {"id": "x", "published": "2014-06-27", "text": TEXT})
    message = refused(story, "ingest", "--discard-curation", str(path))
    assert "--discard-curation goes with --replace" in message


def test_a_lost_race_for_the_current_date_names_who_won(story: str) -> None:
    """The unique index of current assertions refuses a second current date (a writer that did
    not lock the event): the refusal curators see names who holds it, not the index."""
    from eventdb.errors import DatabaseError
    from eventdb.services.undo import conflict_from_duplicate_current

    attacked = ids(story)["attacked"]
    db = Database(story)
    try:
        Curation(db, "bob").set_date(attacked, "2014-06-01")
        with pytest.raises(DatabaseError) as err, db.transaction() as s:
            s.execute(text("INSERT INTO date_assertions (event_id, origin, status, is_current, "
                           "curator, created_at) VALUES (:e, 'curator', 'corrected', :t, 'ana', "
                           "CURRENT_TIMESTAMP)"), {"e": attacked, "t": True})
        with db.session() as s:
            conflict = conflict_from_duplicate_current(s, err.value)
        assert isinstance(conflict, ConflictError)
        if db.is_sqlite:  # SQLite's error names the column, not the row: still no raw error
            assert "changed since by another curator" in str(conflict)
        else:
            assert str(conflict).startswith(f"event {attacked} was changed since by bob (now 2014-06-01)")
    finally:
        db.dispose()


# -- migration 0005 ------------------------------------------------------------------------------
def test_migration_0005_repairs_hiding_merges_and_keeps_every_row(story: str) -> None:
    from eventdb.db import migrate

    e = ids(story)
    db = Database(story)
    counts = {}

    def count_rows() -> dict[str, int]:
        with db.engine.connect() as conn:
            return {t: conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
                    for t in ("documents", "events", "time_nodes", "mentions", "event_arguments",
                              "date_assertions", "participants", "participant_aliases")}

    try:
        counts = count_rows()
        migrate.downgrade(db, "0004")
        assert count_rows() == counts
        a, b, c, d = e["attacked"], e["sunday"], e["calm"], e["counteroffensive"]
        m = e["met"]
        with db.engine.begin() as conn:  # what the bug left behind
            for sql in (f"UPDATE events SET merged_into_id = {b} WHERE id = {a}",
                        f"UPDATE events SET merged_into_id = {a} WHERE id = {b}",
                        f"UPDATE events SET status = 'rejected' WHERE id = {c}",
                        f"UPDATE events SET merged_into_id = {c} WHERE id = {d}",
                        f"UPDATE events SET merged_into_id = {m} WHERE id = {c}"):
                conn.execute(text(sql))
        migrate.upgrade(db)
        assert count_rows() == counts
        with db.session() as s:
            # The cycle undone; a chain re-pointed to its live end (d -> c -> m: d -> m); the
            # rejected c stays merged into the live m.
            assert dict(s.execute(select(Event.id, Event.merged_into_id)
                                  .where(Event.merged_into_id.is_not(None))).all()) == {c: m, d: m}
        assert {a, b, m} <= visible(story)
    finally:
        db.dispose()


def test_a_refused_replace_leaves_the_other_documents_of_the_file_replaced(story: str, tmp_path: Path) -> None:
    e = ids(story)
    ok(story, "--curator", "ana", "reject", str(e["calm"]))
    shorter = TEXT[:TEXT.index(" Officials said")]
    path = write_jsonl(tmp_path / "both.jsonl",
                       {"id": "story", "published": "2014-06-27", "text": shorter, "title": "Qaim"},
                       {"id": "other", "published": "2014-06-28", "text": OTHER + " Talks ended."})
    result = run(story, "--curator", "importer", "ingest", "--replace", str(path))
    assert result.exit_code == 1
    assert "0 added, 1 replaced, 0 unchanged, 1 failed" in result.stderr
    assert "use --discard-curation" in result.stderr
    db = Database(story)
    with db.session() as s:
        texts = dict(s.execute(select(Document.external_id, Document.text)).all())
    db.dispose()
    assert texts == {"story": TEXT, "other": OTHER + " Talks ended."}


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"])
def test_a_replace_waits_for_a_curators_edit_in_flight(story: str, tmp_path: Path) -> None:
    """A curator's edit still open when the replace starts is seen by it, not deleted unseen."""
    calm = ids(story)["calm"]
    db = Database(story)
    curator = db.engine.connect()
    try:
        curator.begin()  # what reject does: lock the event, then write the assertion
        curator.execute(text("SELECT id FROM events WHERE id = :e FOR UPDATE"), {"e": calm})
        curator.execute(text("UPDATE date_assertions SET is_current = false "
                             "WHERE event_id = :e AND is_current"), {"e": calm})
        curator.execute(text(
            "INSERT INTO date_assertions (event_id, origin, status, is_current, curator, "
            "created_at) VALUES (:e, 'curator', 'rejected', true, 'ana', now())"), {"e": calm})
        curator.execute(text("UPDATE events SET status = 'rejected' WHERE id = :e"), {"e": calm})
        path = write_jsonl(tmp_path / "v2.jsonl", {"id": "story", "published": "2014-06-27",
                                                   "text": TEXT[:TEXT.index(" Officials said")]})
        reports: list = []
        thread = threading.Thread(target=lambda: reports.append(
            ingest(db, read_paths([path]), replace=True, curator="importer")))
        thread.start()
        thread.join(1.0)
        curator.commit()
        thread.join()
        (report,) = reports
        assert report.replaced == 0 and len(report.failed) == 1
        assert "(rejected by ana)" in report.failed[0].message
        with db.session() as s:
            assert s.scalar(select(Event.status).where(Event.id == calm)) == "rejected"
    finally:
        curator.close()
        db.dispose()


def test_allocated_ids_skip_rows_the_orm_wrote_meanwhile(db_url: str) -> None:
    from eventdb.db.bulk import bulk_insert
    from eventdb.services.store import IdAllocator

    db = Database(db_url)
    table = ChangeLog.__table__
    try:
        with db.transaction() as s:
            allocator = IdAllocator()
            row = {"curator": "x", "created_at": datetime.now(timezone.utc), "action": "test",
                   "summary": "", "payload": "{}"}
            bulk_insert(s, table, [dict(row, id=i) for i in allocator.take(s, table, 2)])
            orm = ChangeLog(curator="x", action="test", summary="", payload={})
            s.add(orm)
            s.flush()
            (after,) = allocator.take(s, table, 1)
            assert after > orm.id
            bulk_insert(s, table, [dict(row, id=after)])
    finally:
        db.dispose()


def test_ids_stay_unique_when_a_carry_and_a_refusal_share_a_batch(story: str, tmp_path: Path) -> None:
    """The carry adds rows of its own (a re-anchoring's node) between two documents' writes."""
    e = ids(story)
    ok(story, "anchor", str(e["counteroffensive"]), "--to", str(e["attacked"]), "--offset", "2 days",
       "--relation", "after")
    ok(story, "--curator", "ana", "reject", str(e["met"]))
    path = write_jsonl(tmp_path / "three.jsonl",
                       {"id": "story", "published": "2014-06-27", "text": EDITED, "title": "Qaim"},
                       {"id": "other", "published": "2014-06-28", "text": OTHER[:OTHER.index(" Nouri")]},
                       {"id": "third", "published": "2014-06-29", "text": TEXT.replace("Qaim", "Hit")})
    result = run(story, "--curator", "importer", "ingest", "--replace", str(path))
    assert result.exit_code == 1
    assert "1 added, 1 replaced, 0 unchanged, 1 failed" in result.stderr
    (problem,) = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert "(rejected by ana); use --discard-curation" in problem
