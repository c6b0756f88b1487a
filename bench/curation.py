#!/usr/bin/env python3
"""Benchmark: a correction that re-resolves 10,000 dependent time nodes (target: commit < 1 s).

Builds a SQLite database (or uses --db URL, e.g. PostgreSQL) holding one long article whose
relative time expressions all hang on its publication date, then times ``set_published`` (every
node and every event re-resolved, assertions appended) and ``undo``, and prints medians.

    python bench/curation.py [--nodes 10000] [--runs 5] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from eventdb.db import migrate
from eventdb.db.engine import Database
from eventdb.db.models import Event, TimeNode
from eventdb.services.curation import Curation
from eventdb.services.ingest import ingest
from eventdb.services.sources import SourceDocument

SENTENCES = [
    "Rebels attacked the northern town on Thursday.",
    "The ministry said last Friday that talks had stalled.",
    "Officials met Wednesday in the capital.",
    "Earlier this month, the army withdrew from the border.",
    "Two days later, aid convoys reached the city.",
    "Protesters gathered on Monday outside parliament.",
]


def build(db: Database, nodes: int) -> str:
    sentences, count = [], 0
    while count < nodes:
        sentence = SENTENCES[len(sentences) % len(SENTENCES)]
        sentences.append(sentence)
        count += 1
    doc = SourceDocument(external_id="long", text=" ".join(sentences), published=None)
    report = ingest(db, [doc])
    assert not report.failed, report.failed
    return doc.external_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="database URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'bench.sqlite'}"
        db = Database(url)
        migrate.upgrade(db)
        t0 = time.perf_counter()
        doc = build(db, args.nodes)
        built = time.perf_counter() - t0
        with db.session() as s:
            n_nodes = s.scalar(select(func.count()).select_from(TimeNode).where(TimeNode.kind == "expression"))
            n_events = s.scalar(select(func.count()).select_from(Event))
        print(f"database: {db.engine.dialect.name}; {n_nodes} time expressions and {n_events} events "
              f"on one publication date (built in {built:.1f} s)")
        service = Curation(db, "bench")
        sets, set_cpu, undos = [], [], []
        for run in range(args.runs):
            day = f"2014-06-{10 + run:02d}"
            t, c = time.perf_counter(), time.process_time()
            result = service.set_published(doc, day)
            sets.append(time.perf_counter() - t)
            set_cpu.append(time.process_time() - c)
            t = time.perf_counter()
            service.undo()
            undos.append(time.perf_counter() - t)
        subjects = len(result.event_ids) + n_nodes
        wall = statistics.median(sets)
        print(f"re-dated per correction: {n_nodes} time nodes + {len(result.event_ids)} events "
              f"= {subjects} subjects, each with a new assertion")
        print(f"set_published, median of {args.runs}: wall {wall * 1000:.0f} ms, "
              f"cpu {statistics.median(set_cpu) * 1000:.0f} ms (target < 1000 ms: ratio {wall:.2f}); "
              f"per 10,000 subjects {wall / subjects * 10_000 * 1000:.0f} ms")
        print(f"undo,          median of {args.runs}: wall {statistics.median(undos) * 1000:.0f} ms")
        print("(wall time includes waiting for a shared CPU; cpu time is this process alone)")
        db.dispose()


if __name__ == "__main__":
    main()
