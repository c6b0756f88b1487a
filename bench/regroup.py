#!/usr/bin/env python3
"""Benchmark ``eventdb regroup``: the machine's grouping recomputed over a whole database.

For each size, a database of that many generated documents (bench/generate.py: real news texts
re-dated, so the same participants recur across thousands of articles, as in a large archive) is
ingested once with 2 workers and kept; then ``regroup_all`` (what ``eventdb regroup`` runs) is
timed on it, twice (the second run finds the grouping it computes). Prints reports, happenings,
seconds, reports per second and documents per second, and the time the largest size's rate gives
for 100,000 documents; the issue's target is minutes at 100k documents.

    python bench/regroup.py                         # 1,000 and 10,000 documents
    python bench/regroup.py --sizes 100000 --keep bench/out

Corpora come from bench/generate.py (from ../shared/corpora when present, else the seeds).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from generate import corpus  # noqa: E402


def build(path: Path, n: int, workers: int) -> float:
    """Ingest an n-document corpus into ``path`` unless it is there; returns ingest seconds."""
    from eventdb.db import migrate
    from eventdb.db.engine import Database
    from eventdb.services.ingest import ingest
    from eventdb.services.sources import read_paths

    if path.exists():
        return 0.0
    part = path.with_name(path.stem + "-part.sqlite")
    part.unlink(missing_ok=True)
    db = Database(f"sqlite:///{part}")
    migrate.upgrade(db)
    start = time.perf_counter()
    ingest(db, read_paths([corpus(n, ROOT / "out")]), workers=workers)
    elapsed = time.perf_counter() - start
    db.dispose()
    part.rename(path)
    return elapsed


def timed_regroup(path: Path) -> tuple[float, int, int]:
    from eventdb.db.engine import Database
    from eventdb.services.happenings import regroup_all

    db = Database(f"sqlite:///{path}")
    start = time.perf_counter()
    reports, happenings = regroup_all(db)
    elapsed = time.perf_counter() - start
    db.dispose()
    return elapsed, reports, happenings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=ROOT / "out",
                        help="where the databases are built and kept (reused when present)")
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    rate = None
    for n in (int(s) for s in args.sizes.split(",")):
        path = args.keep / f"regroup-{n}.sqlite"
        took = build(path, n, args.workers)
        if took:
            print(f"{n:,} documents: ingested in {took:.0f} s ({n / took:.0f} docs/s, {args.workers} workers)")
        for run in (1, 2):
            elapsed, reports, happenings = timed_regroup(path)
            rate = n / elapsed
            print(f"{n:,} documents, regroup run {run}: {reports:,} reports regrouped into "
                  f"{happenings:,} happenings in {elapsed:.1f} s ({reports / elapsed:,.0f} reports/s, "
                  f"{rate:,.0f} docs/s)")
    if rate:
        print(f"at that rate, 100,000 documents regroup in {100_000 / rate / 60:.1f} min (target: minutes)")


if __name__ == "__main__":
    main()
