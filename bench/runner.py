"""What the accuracy benchmarks share: run documents through the real program (``eventdb init``,
``ingest``, ``export --format jsonl``) in a fresh SQLite file, as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path


def eventdb_command() -> list[str]:
    """The installed ``eventdb`` script beside this interpreter, else ``python -m eventdb``."""
    script = Path(sys.executable).with_name("eventdb")
    return [str(script)] if script.exists() else [sys.executable, "-m", "eventdb"]


def ingest_and_export(docs: list[dict], tmp: Path, *ingest_args: str) -> tuple[Path, list[dict], float]:
    """Ingest ``docs`` (objects with ``doc``, ``text`` and ``published``) into a new database in
    ``tmp`` and export it: (the database, the JSON Lines rows, seconds the ingest took)."""
    src = tmp / "ingest.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d["doc"], "published": d.get("published"),
                                "text": d["text"]}) + "\n")
    db = tmp / "bench.sqlite"
    if db.exists():
        db.unlink()
    exe = eventdb_command()
    subprocess.run(exe + ["--db", str(db), "init"], check=True, capture_output=True)
    t0 = time.perf_counter()
    subprocess.run(exe + ["--db", str(db), "ingest", str(src), "--quiet", *ingest_args],
                   check=True, capture_output=True)
    spent = time.perf_counter() - t0
    res = subprocess.run(exe + ["--db", str(db), "export", "--format", "jsonl"], check=True,
                         capture_output=True, text=True)
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    return db, rows, spent
