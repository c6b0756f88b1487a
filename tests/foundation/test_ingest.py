"""Ingest on real databases: the seeds end to end, idempotence, replacement, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from eventdb.db.engine import Database
from eventdb.db.models import DateAssertion, Document, Event, TimeNode
from tests.helpers import export_csv, export_jsonl, ok, run


def counts(url: str) -> dict[str, int]:
    db = Database(url)
    try:
        with db.session() as s:
            return {
                "documents": s.scalar(select(func.count()).select_from(Document)),
                "events": s.scalar(select(func.count()).select_from(Event)),
                "nodes": s.scalar(select(func.count()).select_from(TimeNode)),
                "assertions": s.scalar(select(func.count()).select_from(DateAssertion)),
            }
    finally:
        db.dispose()


def by_expression(rows: list[dict], expression: str) -> list[dict]:
    return [r for r in rows if (r["time_expression"] or "").lower() == expression.lower()]


def test_seeds_resolve_through_their_publication_dates(db_url: str, seeds_jsonl: Path) -> None:
    result = ok(db_url, "ingest", str(seeds_jsonl))
    assert "2 added" in result.stderr
    rows = export_csv(db_url)
    assert rows, "the seeds must give events"
    last_friday = by_expression(rows, "last Friday")
    assert last_friday and {r["date"] for r in last_friday} == {"2014-06-20"}
    wednesday = by_expression(rows, "Wednesday")
    assert wednesday and {r["date"] for r in wednesday} == {"2018-04-18"}
    thursday_2014 = [r for r in by_expression(rows, "Thursday")
                     if r["document_id"] == "iraq-syria-strikes-2014"]
    assert thursday_2014 and {r["date"] for r in thursday_2014} == {"2014-06-26"}
    # Chronological order.
    dates = [r["earliest"] for r in rows if r["earliest"]]
    assert dates == sorted(dates)


def test_reingest_changes_nothing(db_url: str, seeds_jsonl: Path) -> None:
    ok(db_url, "ingest", str(seeds_jsonl))
    before = counts(db_url)
    first_export = export_jsonl(db_url)
    result = ok(db_url, "ingest", str(seeds_jsonl))
    assert "0 added, 0 replaced, 2 unchanged" in result.stderr
    assert counts(db_url) == before
    assert export_jsonl(db_url) == first_export


def test_same_id_other_text_needs_replace(db_url: str, tmp_path: Path) -> None:
    doc = {"id": "a1", "published": "2014-06-27", "text": "Rebels attacked the town on Thursday."}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc))
    ok(db_url, "ingest", str(path))
    doc["text"] = "Rebels attacked the town on Wednesday."
    path.write_text(json.dumps(doc))
    result = run(db_url, "ingest", str(path))
    assert result.exit_code == 1
    assert "already stored with other content" in result.stderr
    assert "--replace" in result.stderr
    ok(db_url, "ingest", "--replace", str(path))
    rows = export_jsonl(db_url)
    assert {r["document"] for r in rows} == {"a1"}
    assert counts(db_url)["documents"] == 1
    assert any(r["value"] == "2014-06-25" for r in rows)


def test_txt_with_options(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "strike-report.txt"
    path.write_text("Jets bombed militant positions near the border on Thursday.", encoding="utf-8")
    ok(db_url, "ingest", str(path), "--published", "2014-06-27", "--title", "Strike", "--source", "Wire")
    rows = export_csv(db_url)
    assert rows[0]["document_id"] == "strike-report"
    assert rows[0]["document_title"] == "Strike"
    assert rows[0]["source"] == "Wire"
    assert any(r["date"] == "2014-06-26" for r in rows)


def test_bad_documents_are_skipped_and_reported(db_url: str, tmp_path: Path) -> None:
    good = {"id": "good", "published": "2018-04-19", "text": "Officials met Wednesday in Baghdad."}
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "nodate", "published": "2014-02-30", "text": "Talks resumed."}),
        json.dumps({"text": "no id"}),
    ]
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 bombed on Thursday".encode("latin-1"))
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    result = run(db_url, "ingest", str(jsonl), str(latin), str(binary), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    err = result.stderr
    assert f"{jsonl}:2: malformed JSON" in err
    assert f"{jsonl}:3: empty text" in err
    assert f"{jsonl}:4: published '2014-02-30' is not an ISO date" in err
    assert f"{jsonl}:5: missing 'id'" in err
    assert f"{latin}: not UTF-8" in err
    assert f"{binary}: binary file" in err
    assert f"{tmp_path / 'missing.txt'}: no such file" in err
    assert "1 added, 0 replaced, 0 unchanged, 7 failed" in err
    assert "Traceback" not in err
    assert counts(db_url)["documents"] == 1


def test_unknown_publication_date_leaves_relative_dates_unresolved(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "undated.jsonl"
    path.write_text(json.dumps({"id": "u", "published": None,
                                "text": "Obama said last Friday that he was ready to act."}) + "\n")
    ok(db_url, "ingest", str(path))
    rows = export_jsonl(db_url)
    assert rows and all(r["status"] == "unresolved" for r in rows)
    assert all(r["earliest"] is None for r in rows)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_failure_mid_document_writes_nothing_of_it(db_url: str, tmp_path: Path) -> None:
    """A real database error after the document row is written rolls the whole document back."""
    db = Database(db_url)
    with db.engine.begin() as conn:
        conn.execute(text(
            "CREATE TRIGGER fail_on_boom BEFORE INSERT ON events "
            "WHEN NEW.headline LIKE '%BOOM%' BEGIN SELECT RAISE(ABORT, 'disk exploded'); END"
        ))
    db.dispose()
    path = tmp_path / "two.jsonl"
    path.write_text(
        json.dumps({"id": "ok", "published": "2018-04-19", "text": "Officials met Wednesday."}) + "\n"
        + json.dumps({"id": "boom", "published": "2018-04-19",
                      "text": "Rebels attacked BOOM the base on Thursday."}) + "\n"
    )
    result = run(db_url, "ingest", str(path))
    assert result.exit_code == 1
    assert "disk exploded" in result.stderr
    c = counts(db_url)
    assert c["documents"] == 1
    db = Database(db_url)
    with db.session() as s:
        assert s.scalars(select(Document.external_id)).all() == ["ok"]
        orphans = s.scalar(select(func.count()).select_from(TimeNode).where(
            TimeNode.document_id.not_in(select(Document.id))))
        assert orphans == 0
    db.dispose()


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_workers_give_the_same_database(db_url: str, seeds_jsonl: Path, tmp_path: Path,
                                        sqlite_template: Path) -> None:
    """Extraction in worker processes writes exactly what a single process writes."""
    import shutil

    seeds = [json.loads(line) for line in seeds_jsonl.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(dict(seeds[i % 2], id=f"d{i:03d}")) + "\n" for i in range(150)),
                    encoding="utf-8")
    single = tmp_path / "single.sqlite"
    shutil.copy(sqlite_template, single)
    ok(f"sqlite:///{single}", "ingest", "-q", "--allow-duplicate-text", str(path))
    result = ok(db_url, "ingest", "--workers", "2", "--allow-duplicate-text", str(path))
    assert "150 added" in result.stderr
    assert export_jsonl(db_url) == export_jsonl(f"sqlite:///{single}")


def test_ingest_workers_start_ready_and_without_the_database_layer() -> None:
    """Workers fork from a server that readied extraction once (dateparser's parser included),
    and running a job imports no more than extraction."""
    import datetime
    import multiprocessing

    from eventdb.extract.job import extract_job
    from eventdb.services.ingest import _pool

    if "forkserver" not in multiprocessing.get_all_start_methods():
        pytest.skip("no forkserver on this platform: workers are spawned")
    pool = _pool(1)  # one worker: every probe runs in the same process
    try:
        probe = "(sorted(__import__('sys').modules), " \
                "__import__('eventdb.temporal.absolute', fromlist=['_']).__dict__['_PARSER'] is not None)"
        before, ready = pool.apply(eval, (probe,))
        job = ("Rebels took the town on Thursday.", datetime.date(2014, 6, 26))
        assert pool.apply(extract_job, (job,)).events
        after, _ = pool.apply(eval, (probe,))
    finally:
        pool.terminate()
    assert ready
    assert "eventdb.extract.warm" in before
    assert not [m for m in after if m.split(".")[0] in {"sqlalchemy", "click", "textual", "alembic"}]


def test_the_cli_package_imports_lightly() -> None:
    """Ingest's spawned workers import the program's main module: for ``eventdb`` it must be light."""
    import subprocess
    import sys

    code = ("import sys, eventdb.cli; print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'sqlalchemy', 'click', 'textual', 'alembic', 'rich', 'dateparser'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_participants_join_across_documents_by_name_and_short_forms(db_url: str, tmp_path: Path) -> None:
    docs = [
        {"id": "a", "published": "2014-06-27", "text": "Maliki met Obama on Thursday in Baghdad."},
        {"id": "b", "published": "2014-06-27",
         "text": "Iraqi Prime Minister Nouri al-Maliki said on Friday that Maliki would stay."},
        {"id": "c", "published": "2011-01-07", "text": "The Mac sold well on Thursday, Apple said."},
        {"id": "d", "published": "2011-01-07",
         "text": "Apple opened the Mac App Store on Thursday. Mac users cheered."},
    ]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs))
    ok(db_url, "ingest", str(path))
    names = {p["text"]: p["name"] for r in export_jsonl(db_url) for p in r["participants"]}
    # The same person in two documents is one participant.
    maliki = {n for t, n in names.items() if t.endswith("Maliki")}
    assert len(maliki) == 1, names
    # A product named with a leading word of another is not that other thing.
    assert names["Mac App Store"] == "Mac App Store"
    assert names["Mac"] == "Mac"


@pytest.mark.parametrize(("docs", "word"), [
    # a clinic joins the name other articles write for it
    ([{"id": "a", "published": "2013-05-03", "text": "Lindsay Lohan Checks Into Betty Ford\n\n"
       "The actress arrived at Betty Ford on Thursday, her lawyer said."},
      {"id": "b", "published": "2013-05-04",
       "text": "Lohan left the Betty Ford Clinic on Friday for a Malibu facility."},
      {"id": "c", "published": "2013-05-05",
       "text": "The Betty Ford Center said on Saturday that it wished her well."}], "Betty"),
    # a name with a suffix joins the same name without it in another article
    ([{"id": "a", "published": "2008-10-25", "text": "Joseph Comeaux escaped from a prison van on Friday."},
      {"id": "b", "published": "2008-10-26",
       "text": "Arcade Joseph Comeaux Jr. was captured on Sunday, police said."}], "Comeaux"),
])
def test_names_other_articles_write_for_one_participant_join_it(db_url: str, tmp_path: Path, docs: list[dict],
                                                                 word: str) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs))
    ok(db_url, "ingest", str(path))
    names = {p["text"]: p["name"] for r in export_jsonl(db_url) for p in r["participants"]}
    assert len({n for t, n in names.items() if word in t}) == 1, names


def test_a_batch_writes_what_documents_one_at_a_time_write(db_url: str, seeds_jsonl: Path,
                                                          tmp_path: Path, sqlite_template: Path) -> None:
    """Documents written together (one statement per table for a batch) give the same database
    as documents written one by one: ids, participants shared across them, anchors, dates."""
    import shutil

    from eventdb.services.ingest import ingest
    from eventdb.services.sources import read_paths

    seeds = [json.loads(line) for line in seeds_jsonl.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(dict(seeds[i % len(seeds)], id=f"d{i:03d}")) + "\n"
                            for i in range(12)), encoding="utf-8")
    single = tmp_path / "single.sqlite"
    shutil.copy(sqlite_template, single)
    for url, size in ((f"sqlite:///{single}", 1), (db_url, 64)):
        db = Database(url)
        report = ingest(db, read_paths([path]), batch_size=size)
        db.dispose()
        assert report.added == 12 and not report.failed
    assert export_jsonl(db_url) == export_jsonl(f"sqlite:///{single}")


def test_bulk_writes_store_dates_as_the_orm_does(tmp_path: Path, seeds_jsonl: Path) -> None:
    """Ingest's bulk path converts dates and times with SQLAlchemy's own bind processors, so its
    rows read the same in SQL as the rows curation writes through the ORM (not with the sqlite3
    module's default adapters, deprecated since Python 3.12, which keep a "+00:00" suffix)."""
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    ok(url, "init")
    ok(url, "ingest", str(seeds_jsonl))
    db = Database(url)
    try:
        with db.transaction() as s:
            bulk = s.scalars(select(DateAssertion).where(DateAssertion.earliest.is_not(None)).limit(1)).one()
            s.add(DateAssertion(node_id=bulk.node_id, origin="machine", status="machine",
                                is_current=False, created_at=bulk.created_at, value=bulk.value,
                                earliest=bulk.earliest, latest=bulk.latest))
        with db.session() as s:
            raw = s.execute(text(
                "SELECT created_at, earliest, latest FROM date_assertions WHERE node_id = :n "
                "ORDER BY id"), {"n": bulk.node_id}).all()
            ingested = s.execute(text("SELECT ingested_at FROM documents LIMIT 1")).scalar_one()
    finally:
        db.dispose()
    assert raw[0] == raw[-1]  # the bulk row and the ORM row: the same text
    assert "+" not in raw[0][0] and "+" not in ingested


def test_time_nodes_keep_their_anchors_backward_and_forward(db_url: str, tmp_path: Path) -> None:
    """An expression anchored on one before it gets the link in its row, one anchored on an
    expression after it once that row exists: both are stored, and so is the publication node."""
    import datetime

    from eventdb.extract import extract

    text = ("Five years after its launch, the service in February passed its rival, according to "
            "figures released April 3 by a research firm. Two days later, it said more.")
    timexes = extract(text, datetime.date(2013, 1, 9)).timexes
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text, "published": "2013-01-09"}) + "\n",
                    encoding="utf-8")
    ok(db_url, "ingest", str(path))
    db = Database(db_url)
    with db.session() as s:
        nodes = {r.id: r for r in s.execute(select(TimeNode.id, TimeNode.kind, TimeNode.text,
                                                   TimeNode.anchor_node_id))}
        published_node = s.scalar(select(Document.published_node_id))
    db.dispose()
    assert nodes[published_node].kind == "publication"
    by_text = {n.text: n for n in nodes.values() if n.kind == "expression"}
    assert sorted(by_text) == sorted(t.text for t in timexes)
    for t in timexes:
        node = by_text[t.text]
        if t.anchor == "dct":
            assert node.anchor_node_id == published_node
        elif t.anchor.startswith("timex:"):
            assert nodes[node.anchor_node_id].text == timexes[int(t.anchor[6:])].text
    forward = [n for n in by_text.values() if n.anchor_node_id is not None and n.anchor_node_id > n.id]
    assert [n.text for n in forward] == ["Five years after"]  # it hangs on a later expression


def test_a_large_ingest_leaves_fresh_planner_statistics(db_url: str, seeds_jsonl: Path) -> None:
    """PostgreSQL plans on statistics autovacuum refreshes only later: after a bulk load ingest
    runs ANALYZE itself. SQLite gets none (its queries are written for its default plans)."""
    from eventdb.services.ingest import ingest
    from eventdb.services.sources import read_paths

    db = Database(db_url)
    report = ingest(db, read_paths([seeds_jsonl]), analyze_after=1)
    assert report.added and not report.failed
    with db.session() as s:
        if db.is_sqlite:
            assert s.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")) == 0
        else:
            analyzed = dict(s.execute(text(
                "SELECT relname, last_analyze IS NOT NULL FROM pg_stat_user_tables "
                "WHERE relname IN ('documents', 'events', 'time_nodes', 'date_assertions')")).all())
            assert analyzed == {"documents": True, "events": True, "time_nodes": True,
                                "date_assertions": True}
    db.dispose()
