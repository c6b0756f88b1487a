#!/usr/bin/env python3
"""Start-up benchmark: what a command costs before it does anything, as whole processes.

- ``eventdb --help`` and ``python -c pass`` (the interpreter alone); and the import time of the
  CLI (``python -X importtime``, the sum of the top-level imports);
- ``eventdb set-date`` on a temporary database of the seed articles (an ISO date: no dateparser)
  and its import time; target for both commands: <= 0.2 s. Beside it, SQLAlchemy's own floor:
  ``python -c "import sqlalchemy; create_engine(URL).connect()"`` on the same database, which
  no command that opens a database through SQLAlchemy can go below;
- ``eventdb export`` (CSV to a pipe, one row per happening) against ``sqlite3 -csv`` running the
  same SELECT, and ``export --reports --background`` (every report) against ``sqlite3 -csv``
  reading the ``chronology`` view, on a database of 2,000 generated documents (bench/generate.py:
  from ../shared/corpora when present, else from the seeds; which one is printed), alternated;
  target <= 2x.

Medians of wall-clock and of CPU (user + system) seconds, and at the end the three figures
side by side with their targets.

    python bench/startup.py [--runs 5] [--docs 2000] [--keep DIR]

Timings depend on the machine and its load: compare runs made on the same machine (on a busy one
the CPU seconds are steadier than wall-clock).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from generate import corpus, source_texts  # noqa: E402

TARGET_S = 0.2
Times = tuple[float, float]  # wall-clock, CPU seconds


def eventdb_command() -> list[str]:
    """The installed ``eventdb`` script beside this interpreter, else ``python -m eventdb``."""
    script = Path(sys.executable).with_name("eventdb")
    return [str(script)] if script.exists() else [sys.executable, "-m", "eventdb"]


def timed(command: list[str]) -> Times:
    """Wall-clock and CPU seconds of one run of ``command`` (its output thrown away)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.decode()[-500:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def medians(runs: list[Times]) -> Times:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def repeated(command: list[str], runs: int) -> Times:
    return medians([timed(command) for _ in range(runs)])


def import_seconds(args: list[str], runs: int) -> float:
    """Median over ``runs`` of the total import time of ``python -X importtime ARGS``: the sum of
    the cumulative times of the top-level imports (nested ones are inside those)."""
    totals = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-X", "importtime", *args], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, check=False)
        total = 0
        for line in proc.stderr.splitlines():
            match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)\S", line)
            if match and not match.group(2):  # not indented: imported by the program itself
                total += int(match.group(1))
        totals.append(total / 1e6)
    return statistics.median(totals)


def verdict(times: Times, target: float = TARGET_S) -> str:
    wall, cpu = times
    return (f"{wall:.3f} s = {wall / target:.2f}x the {target} s target "
            f"({'within' if wall <= target else 'over'}), CPU {cpu:.3f} s")


def alternate(first: Callable[[], Times], second: Callable[[], Times], runs: int) -> tuple[Times, Times]:
    """Both ``runs`` times, one after the other (a change of load hits both): their medians."""
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return medians(a), medians(b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the databases in this folder")
    args = parser.parse_args()
    eventdb = eventdb_command()
    # A user's Python caches compiled modules; PYTHONDONTWRITEBYTECODE (set in some sandboxes and
    # CI) would make every run compile eventdb's sources again and time that instead.
    if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        print("(PYTHONDONTWRITEBYTECODE unset for the measured commands: bytecode is cached)")
    timed([*eventdb, "--help"])  # the first run writes the bytecode cache
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          f"python {sys.version.split()[0]}; {' '.join(eventdb)}")

    summary: list[tuple[str, str, str, str]] = []  # what, measured, target, verdict
    base = repeated([sys.executable, "-c", "pass"], args.runs)
    print(f"python -c pass:   {base[0]:.3f} s, CPU {base[1]:.3f} s (the interpreter alone)")
    help_times = repeated([*eventdb, '--help'], args.runs)
    print(f"eventdb --help:   {verdict(help_times)}; "
          f"imports {import_seconds(['-c', 'import eventdb.cli.commands'], args.runs):.3f} s")
    summary.append(("eventdb --help", f"{help_times[0]:.3f} s (CPU {help_times[1]:.3f})",
                    f"<= {TARGET_S} s", _within(help_times[0] <= TARGET_S)))

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)

        seeded = folder / "startup-seeds.sqlite"
        for stale in folder.glob("startup-seeds.sqlite*"):  # small: made again, at this schema
            stale.unlink()
        timed([*eventdb, "demo", "--no-tui", "--db-file", str(seeded)])
        set_date = ["--db", str(seeded), "set-date", "14", "2014-06-24"]
        set_times = repeated([*eventdb, *set_date], args.runs)
        print(f"eventdb set-date: {verdict(set_times)}; "
              f"imports {import_seconds(['-m', 'eventdb', *set_date], args.runs):.3f} s")
        floor = repeated([sys.executable, "-c", FLOOR, f"sqlite:///{seeded}"], args.runs)
        print(f"SQLAlchemy floor: {floor[0]:.3f} s, CPU {floor[1]:.3f} s (import sqlalchemy, "
              f"create_engine, connect: nothing else); set-date = {set_times[0] / floor[0]:.2f}x it")
        summary.append(("eventdb set-date", f"{set_times[0]:.3f} s (CPU {set_times[1]:.3f})",
                        f"<= {TARGET_S} s", _within(set_times[0] <= TARGET_S)))
        summary.append(("  SQLAlchemy's floor", f"{floor[0]:.3f} s (CPU {floor[1]:.3f})",
                        f"<= {TARGET_S} s", _within(floor[0] <= TARGET_S)))
        mapped = repeated([sys.executable, "-c", FLOOR_MODELS, f"sqlite:///{seeded}"], args.runs)
        print(f"with the ORM models: {mapped[0]:.3f} s, CPU {mapped[1]:.3f} s (the floor plus "
              "`import eventdb.db.models`: what any command using the mapped classes pays)")
        summary.append(("  ... with the ORM models", f"{mapped[0]:.3f} s (CPU {mapped[1]:.3f})",
                        f"<= {TARGET_S} s", _within(mapped[0] <= TARGET_S)))

        print(f"\ncorpus: {args.docs:,} documents generated from {source_texts()[1]}")
        big = folder / f"startup-{args.docs}.sqlite"
        if big.exists():  # kept from an older eventdb: brought to this schema first
            timed([*eventdb, "--db", str(big), "db", "upgrade"])
        else:
            path = corpus(args.docs, ROOT / "out")
            start = time.perf_counter()
            timed([*eventdb, "--db", str(big), "init"])
            timed([*eventdb, "--db", str(big), "ingest", "-q", "-w", "2", "--allow-duplicate-text", str(path)])
            print(f"(ingested in {time.perf_counter() - start:.0f} s)")
        if shutil.which("sqlite3") is None:
            print("export: no sqlite3 command to compare with")
            print_summary(summary)
            return
        # sqlite3 reads the main file: fold the write-ahead log into it first.
        timed(["sqlite3", str(big), "PRAGMA wal_checkpoint(TRUNCATE);"])
        # Like for like: the default export (one row per happening) against sqlite3 running
        # the very SELECT it runs; every report (background too) against the chronology view.
        pairs = [("export", [*eventdb, "--db", str(big), "export"],
                  ["sqlite3", "-csv", "-header", str(big), happenings_sql()]),
                 ("export --reports --background",
                  [*eventdb, "--db", str(big), "export", "--reports", "--background"],
                  ["sqlite3", "-csv", "-header", str(big), "SELECT * FROM chronology"])]
        for name, ours_cmd, theirs_cmd in pairs:
            out = subprocess.run(ours_cmd, capture_output=True, check=True).stdout.decode("utf-8")
            rows = sum(1 for _ in csv.reader(io.StringIO(out, newline=""))) - 1
            ours, theirs = alternate(lambda: timed(ours_cmd), lambda: timed(theirs_cmd), args.runs)
            print(f"{name}, {rows:,} rows: eventdb {ours[0]:.3f} s (CPU {ours[1]:.3f} s), "
                  f"sqlite3 -csv {theirs[0]:.3f} s (CPU {theirs[1]:.3f} s); ratio "
                  f"{ours[0] / theirs[0]:.2f}x wall, {ours[1] / max(theirs[1], 1e-3):.2f}x CPU "
                  f"({'within' if ours[0] <= 2 * theirs[0] else 'over'} 2x)")
            summary.append((f"eventdb {name} / sqlite3 -csv ({rows:,} rows)",
                            f"{ours[0]:.3f} / {theirs[0]:.3f} s = {ours[0] / theirs[0]:.2f}x "
                            f"(CPU {ours[1] / max(theirs[1], 1e-3):.2f}x)", "<= 2x",
                            _within(ours[0] <= 2 * theirs[0])))
    print_summary(summary)


def happenings_sql() -> str:
    """The SELECT behind ``eventdb export`` (one row per happening), as SQLite text."""
    from sqlalchemy.dialects import sqlite

    from eventdb.services.happening_export import happening_query

    return str(happening_query().compile(dialect=sqlite.dialect(),
                                         compile_kwargs={"literal_binds": True}))


#: SQLAlchemy's own cost for a command that opens a database: import, engine, one connection.
FLOOR = ("import sys; from sqlalchemy import create_engine; "
         "create_engine(sys.argv[1]).connect().close()")


#: The same with the mapped classes imported (SQLAlchemy's ORM and eventdb's models).
FLOOR_MODELS = ("import sys; import eventdb.db.models; from sqlalchemy import create_engine; "
                "create_engine(sys.argv[1]).connect().close()")


def _within(ok: bool) -> str:
    return "within" if ok else "over"


def print_summary(rows: list[tuple[str, str, str, str]]) -> None:
    """The figures side by side (medians; wall-clock, CPU in brackets)."""
    width = [max(len(r[i]) for r in rows) for i in range(3)]
    print("\nsummary (medians of wall-clock seconds, CPU in brackets):")
    for what, measured, target, verdict_ in rows:
        print(f"  {what:<{width[0]}}  {measured:<{width[1]}}  target {target:<{width[2]}}  {verdict_}")


if __name__ == "__main__":
    main()
