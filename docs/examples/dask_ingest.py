#!/usr/bin/env python3
"""Ingest a large JSONL corpus with Dask: extraction and writes spread over a cluster.

Extraction is a pure function of (text, publication date), so it parallelises without
coordination. Each Dask partition runs eventdb's own ingest on its slice of the input: it extracts
the documents and writes them to the shared database (PostgreSQL for real clusters; a SQLite file
works on one machine), one transaction per batch; a document the database refuses is left out
alone. Re-running after a failure is safe: documents already stored are skipped as unchanged.

    python docs/examples/dask_ingest.py corpus.jsonl --db postgresql+psycopg://user@db/eventdb
    python docs/examples/dask_ingest.py corpus.jsonl --db news.sqlite --workers 2    # local cluster
    python docs/examples/dask_ingest.py corpus.jsonl --db URL --scheduler tcp://scheduler:8786

The database must exist at the current schema (`eventdb --db URL init`). Needs dask[distributed].
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def ingest_partition(lines: list[str], url: str) -> list[dict]:
    """Runs on a Dask worker: parse, extract and store one slice of the corpus."""
    from eventdb.config import database_url
    from eventdb.db.engine import Database
    from eventdb.errors import InputError
    from eventdb.services.ingest import ingest
    from eventdb.services.sources import Problem, document_from_object

    items = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(document_from_object(json.loads(line), f"partition line {number}"))
        except (InputError, ValueError) as exc:
            items.append(Problem(f"partition line {number}", str(exc)))
    db = Database(database_url(url))
    try:
        report = ingest(db, items)
    finally:
        db.dispose()
    return [{"added": report.added, "replaced": report.replaced, "unchanged": report.unchanged,
             "failed": [f"{p.origin}: {p.message}" for p in report.failed]}]


def run(path: Path, url: str, *, scheduler: str | None = None, workers: int = 2,
        blocksize: str = "4MB") -> dict:
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        bag = db.read_text(str(path), blocksize=blocksize)
        reports = bag.map_partitions(ingest_partition, url).compute()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    total = {"added": 0, "replaced": 0, "unchanged": 0, "failed": []}
    for report in reports:
        for key in ("added", "replaced", "unchanged"):
            total[key] += report[key]
        total["failed"] += report["failed"]
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="a JSONL file (id, title, source, url, published, text)")
    parser.add_argument("--db", required=True, help="database URL (or SQLite file path)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2, help="local cluster size")
    parser.add_argument("--blocksize", default="4MB", help="input bytes per partition")
    args = parser.parse_args()
    total = run(args.input, args.db, scheduler=args.scheduler, workers=args.workers,
                blocksize=args.blocksize)
    for failure in total["failed"]:
        print(f"skipped {failure}")
    print(f"{total['added']} added, {total['replaced']} replaced, {total['unchanged']} unchanged, "
          f"{len(total['failed'])} failed")


if __name__ == "__main__":
    main()
