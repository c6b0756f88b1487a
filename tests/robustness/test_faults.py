"""Faults: a killed ingest, a locked database, a full disk, two curators and an ingest at once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from eventdb.db.engine import Database
from eventdb.db.models import DateAssertion, Document, Event, TimeNode
from eventdb.errors import ConflictError
from eventdb.services.curation import Curation
from eventdb.services.ingest import ingest
from tests.helpers import export_jsonl, ok


def many_documents(seeds_jsonl: Path, tmp_path: Path, n: int) -> Path:
    seeds = [json.loads(line) for line in seeds_jsonl.read_text(encoding="utf-8").splitlines()]
    path = tmp_path / f"many-{n}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            obj = dict(seeds[i % len(seeds)], id=f"doc-{i:04d}")
            out.write(json.dumps(obj) + "\n")
    return path


def consistency(url: str) -> dict[str, int]:
    """Counts, after checking that no document is half written."""
    db = Database(url)
    try:
        with db.session() as s:
            docs = s.scalar(select(func.count()).select_from(Document))
            # Every document has its publication node, events and assertions.
            no_pub = s.scalar(select(func.count()).select_from(Document)
                              .where(Document.published_node_id.is_(None)))
            no_events = s.scalar(select(func.count()).select_from(Document).where(
                ~select(Event.id).where(Event.document_id == Document.id).exists()))
            events_without_assertion = s.scalar(select(func.count()).select_from(Event).where(
                ~select(DateAssertion.id).where(DateAssertion.event_id == Event.id,
                                                DateAssertion.is_current).exists()))
            nodes_without_assertion = s.scalar(select(func.count()).select_from(TimeNode).where(
                ~select(DateAssertion.id).where(DateAssertion.node_id == TimeNode.id,
                                                DateAssertion.is_current).exists()))
            assert (no_pub, no_events, events_without_assertion, nodes_without_assertion) == (0, 0, 0, 0)
            return {"documents": docs, "events": s.scalar(select(func.count()).select_from(Event))}
    finally:
        db.dispose()


def test_kill_9_mid_ingest_leaves_no_half_document(db_url: str, seeds_jsonl: Path, tmp_path: Path) -> None:
    path = many_documents(seeds_jsonl, tmp_path, 400)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "eventdb", "--db", db_url, "ingest", "-q", "--allow-duplicate-text", str(path)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    db = Database(db_url)
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            with db.session() as s:
                if s.scalar(select(func.count()).select_from(Document)) >= 64:
                    break
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "ingest finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        db.dispose()
        if proc.poll() is None:
            proc.kill()
    partial = consistency(db_url)
    assert 0 < partial["documents"] < 400
    if db_url.startswith("sqlite"):
        with sqlite3.connect(db_url.removeprefix("sqlite:///")) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    result = ok(db_url, "ingest", "--allow-duplicate-text", str(path))
    assert f"{400 - partial['documents']} added" in result.stderr
    assert f"{partial['documents']} unchanged" in result.stderr
    final = consistency(db_url)
    assert final["documents"] == 400


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_locked_database_is_one_line_and_writes_nothing(db_url: str, seeds_jsonl: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = db_url.removeprefix("sqlite:///")
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        env = dict(os.environ, EVENTDB_SQLITE_TIMEOUT="0.5")
        proc = subprocess.run([sys.executable, "-m", "eventdb", "--db", db_url, "ingest",
                               str(seeds_jsonl)], env=env, capture_output=True, text=True, timeout=120)
    finally:
        holder.rollback()
        holder.close()
    assert proc.returncode == 1
    assert "database is locked by another process" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert consistency(db_url)["documents"] == 0


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_full_disk_is_one_line_and_writes_nothing_half(db_url: str, seeds_jsonl: Path, tmp_path: Path) -> None:
    """SQLite's max_page_count makes the database 'full' exactly as a full disk does."""
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    db = Database(db_url)
    from sqlalchemy import event as sa_event

    @sa_event.listens_for(db.engine, "connect")
    def _limit(dbapi_conn, _record):  # noqa: ANN001
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 3}")

    from eventdb.errors import DatabaseError
    from eventdb.services.sources import read_paths

    big = many_documents(seeds_jsonl, tmp_path, 40)
    with pytest.raises(DatabaseError) as err:
        ingest(db, read_paths([big]))
    assert "full" in str(err.value)
    db.dispose()
    assert consistency(db_url)["documents"] == 0


def test_two_curators_and_an_ingest_at_once(db_url: str, seeds_jsonl: Path, tmp_path: Path) -> None:
    ok(db_url, "ingest", str(seeds_jsonl))
    ids = [e["id"] for e in export_jsonl(db_url)][:6]
    more = many_documents(seeds_jsonl, tmp_path, 60)
    errors: list[BaseException] = []
    conflicts = {"n": 0}

    def curator(name: str, offset: int) -> None:
        db = Database(db_url)
        service = Curation(db, name)
        try:
            for i in range(12):
                event_id = ids[(i + offset) % len(ids)]
                try:
                    seen = service.event_detail(event_id)
                    service.set_date(event_id, f"2014-06-{10 + (i % 9):02d}", version=seen.version)
                    if i % 4 == 3:
                        service.undo()
                except ConflictError:
                    conflicts["n"] += 1
        except BaseException as exc:  # noqa: BLE001 - collected and re-raised in the test
            errors.append(exc)
        finally:
            db.dispose()

    def ingester() -> None:
        db = Database(db_url)
        try:
            from eventdb.services.sources import read_paths

            report = ingest(db, read_paths([more]))
            assert not report.failed, report.failed
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=curator, args=("ana", 0)),
               threading.Thread(target=curator, args=("bob", 1)),
               threading.Thread(target=ingester)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads), "deadlock: a worker is still waiting"
    assert not errors, errors
    counts = consistency(db_url)
    assert counts["documents"] == 62
    # Exactly one current assertion per event (the database enforces it; check it held).
    db = Database(db_url)
    with db.session() as s:
        duplicated = s.execute(text(
            "SELECT event_id FROM date_assertions WHERE is_current AND event_id IS NOT NULL "
            "GROUP BY event_id HAVING COUNT(*) > 1")).all()
    db.dispose()
    assert duplicated == []
