#!/usr/bin/env python3
"""Happenings end to end: ``eventdb ingest`` the dev articles, ``eventdb export --format jsonl``,
and score the export with the shared scorers.

- ``happenings-dev.jsonl`` with ``happenings_score.py``: curator actions per happening, rows per
  happening (targets <= 0.5 and <= 1.2);
- ``meantime-crossdoc-dev.jsonl`` and ``ecbplus-dev.jsonl`` (``--annotated-only``; ECB+ has no
  publication dates) with ``crossdoc_score.py``, event cluster = happening: cross-document
  event-link precision / recall / F1 (target F1 >= .50 with precision >= .70).

Ingest speed at 10k documents is bench/scale.py's (target >= 250 documents/s with 2 workers).

    python bench/happenings_e2e.py [--keep DIR]   (also: python bench/happenings.py)

Reads ../shared (corpora and scorers) when present, and says so when it is absent.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVENTDB = [sys.executable, "-m", "eventdb"]


def _run(args: list[str]) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _export(docs: list[dict], work: Path, name: str) -> tuple[list[dict], float]:
    """Ingest ``docs`` (eventdb's JSONL input) into a new database; its JSONL export's rows and
    the ingest's documents per second."""
    db = work / f"{name}.sqlite"
    source = work / f"{name}-input.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    _run([*EVENTDB, "--db", str(db), "init"])
    start = time.perf_counter()
    _run([*EVENTDB, "--db", str(db), "ingest", "--allow-duplicate-text", str(source)])
    speed = len(docs) / (time.perf_counter() - start)
    out = work / f"{name}-export.jsonl"
    _run([*EVENTDB, "--db", str(db), "export", "--format", "jsonl", "-o", str(out)])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return rows, speed


def _crossdoc(gold: Path, work: Path, annotated: bool, rows: list[dict], span: str) -> dict:
    """The scorer's figures for the export ``rows``; each event's span is its clause
    (``span="clause"``) or its trigger: the clause holds several gold events, whose
    cross-document pairs all count as linked when two clauses are."""
    by_doc: dict[str, list] = defaultdict(list)
    for r in rows:
        start, end = ((r["start"], r["end"]) if span == "clause"
                      else (r["trigger_start"], r["trigger_end"]))
        by_doc[r["document"]].append({
            "start": start, "end": end,
            "cluster": f"h{r['happening']}" if r.get("happening") is not None else None,
            "participants": [{"start": p["start"], "end": p["end"], "cluster": f"p{p['id']}"}
                             for p in r["participants"]]})
    pred = work / f"{gold.stem}-{span}-pred.jsonl"
    pred.write_text("".join(json.dumps({"doc": d, "events": ev}) + "\n"
                            for d, ev in by_doc.items()), encoding="utf-8")
    scores = work / f"{gold.stem}-{span}-scores.json"
    _run([sys.executable, str(SHARED / "bench" / "crossdoc_score.py"), str(gold), str(pred),
          "--json", str(scores), *(["--annotated-only"] if annotated else [])])
    return json.loads(scores.read_text())


def _find(obj, key: str):  # noqa: ANN001, ANN202 - the scorers' JSON, searched for one entry
    if isinstance(obj, dict):
        if key in obj:
            return obj[key]
        for v in obj.values():
            got = _find(v, key)
            if got is not None:
                return got
    return None


def end_to_end(work: Path) -> None:
    """Print the figures (see the module's docstring)."""
    corpora = SHARED / "corpora"
    gold = corpora / "happenings-dev.jsonl"
    docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    rows, _ = _export([{"id": d["id"], "text": d["text"], "published": d.get("published")}
                       for d in docs], work, "happenings-dev")
    export = work / "happenings-dev-export.jsonl"
    scores = work / "happenings-scores.json"
    _run([sys.executable, str(SHARED / "bench" / "happenings_score.py"), str(gold), str(export),
          "--json", str(scores), "--overall-only"])
    h = json.loads(scores.read_text())
    print(f"happenings-dev: {len(rows)} rows; curator actions per happening "
          f"{_find(h, 'actions_per_happening')}; rows per happening {_find(h, 'rows_per_happening')}")
    for name, annotated in (("meantime-crossdoc-dev.jsonl", False), ("ecbplus-dev.jsonl", True)):
        gold = corpora / name
        docs = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
        rows, speed = _export([{"id": d["doc"], "text": d["text"], "published": d.get("dct")}
                               for d in docs], work, gold.stem)
        for span in ("trigger", "clause"):
            result = _crossdoc(gold, work, annotated, rows, span)
            links = _find(result.get("events", {}), "xdoc_links") or {}
            p, r, f = (links.get(k, 0.0) for k in ("precision", "recall", "f1"))
            print(f"{name} ({span} spans): cross-document event links P {p:.3f} R {r:.3f} "
                  f"F1 {f:.3f} ({links.get('pred_pairs', 0)} predicted pairs)")
        print(f"{name}: ingest {speed:.0f} docs/s (1 process, start-up included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep databases, exports and scores in DIR")
    args = parser.parse_args()
    if not (SHARED / "corpora").is_dir() or not (SHARED / "bench").is_dir():
        print(f"{SHARED} is absent: nothing to score (the dev corpora and scorers live there)")
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        end_to_end(args.keep)
        return
    with tempfile.TemporaryDirectory() as tmp:
        end_to_end(Path(tmp))


if __name__ == "__main__":
    main()
