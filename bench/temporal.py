"""Benchmark the temporal tagger on TimeBank+AQUAINT (TempEval-3), scored by the shared TE3 scorer.

    python bench/temporal.py [--errors N] [--corpus PATH]

Reads ../shared/corpora/tbaq.jsonl (relative to the repository root); says so and exits 0 when the
shared directory is absent. Prints strict/relaxed span F1, type and value F1, documents per second
(tagging only and including start-up), value F1 per part (TimeBank, AQUAINT) and the most frequent error categories.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

T0 = time.perf_counter()
ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"


def collection(doc: str) -> str:
    """TimeBank 1.2 or AQUAINT: the AQUAINT part of TBAQ is the APW, NYT and Xinhua wires from
    August 1998 on (TimeBank's wire stories are earlier; its other sources are ABC, CNN, PRI,
    VOA, WSJ...)."""
    m = re.match(r"(APW|NYT|XIE)(\d{8})", doc)
    return "AQUAINT" if m and m.group(2) >= "19980801" else "TimeBank"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(SHARED / "corpora" / "tbaq.jsonl"),
                    help="a corpus with gold timexes (also meantime-dev.jsonl)")
    ap.add_argument("--errors", type=int, default=15, help="error categories to show")
    ap.add_argument("--dump", help="write the error list (TSV) to this file")
    args = ap.parse_args()
    corpus, scorer = Path(args.corpus), SHARED / "bench" / "te3_score.py"
    if not corpus.exists() or not scorer.exists():
        print(f"temporal benchmark skipped: {corpus} or {scorer} not found")
        return 0
    sys.path.insert(0, str(ROOT))
    from eventdb.temporal.api import tag, _parse_dct

    docs = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    t1 = time.perf_counter()
    preds = []
    for d in docs:
        ts = tag(d["text"], _parse_dct(d.get("dct")))
        if "annotated_span" in d:  # MEANTIME: only the first sentences carry gold timexes
            lo, hi = d["annotated_span"]
            ts = [t for t in ts if lo <= t.start and t.end <= hi]
        preds.append({"doc": d["doc"], "timexes": [
            {"start": t.start, "end": t.end, "type": t.type, "value": t.resolved.value} for t in ts]})
    t2 = time.perf_counter()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for p in preds:
            fh.write(json.dumps(p) + "\n")
    res = subprocess.run([sys.executable, str(scorer), str(corpus), fh.name, "--json", "--errors"],
                         capture_output=True, text=True, check=True)
    scores = json.loads(res.stdout)
    for k in ("strict", "relaxed", "type", "value"):
        r = scores[k]
        print(f"{k:8s} P {100 * r['P']:6.2f}  R {100 * r['R']:6.2f}  F1 {100 * r['F1']:6.2f}")
    for part in ("TimeBank", "AQUAINT"):
        sub = [d for d in docs if collection(d["doc"]) == part]
        if not sub or len(sub) == len(docs):
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as gh:
            for d in sub:
                gh.write(json.dumps(d) + "\n")
        r = json.loads(subprocess.run([sys.executable, str(scorer), gh.name, fh.name, "--json"],
                                      capture_output=True, text=True, check=True).stdout)
        print(f"  {part:9s} {len(sub):3d} docs: strict F1 {100 * r['strict']['F1']:6.2f}  "
              f"value F1 {100 * r['value']['F1']:6.2f}")
    n = len(docs)
    print(f"docs {n}, gold {scores['gold_timexes']}, system {scores['system_timexes']}")
    print(f"speed {n / (t2 - t1):.0f} docs/s tagging; {t2 - T0:.2f} s wall incl. start-up")
    errors = [line.split("\t") for line in res.stderr.splitlines() if line.count("\t") >= 6]
    if args.dump:
        Path(args.dump).write_text(res.stderr, encoding="utf-8")
    cats = collections.Counter()
    for e in errors:
        kind, gold_type, gold_val, pred = e[1], e[3], e[4], e[6]
        if kind == "MISMATCH":
            ptype, _, pval = pred.partition(" ")
            what = "value" if pval != gold_val else ("type" if ptype != gold_type else "extent")
            cats[f"MISMATCH {what} (gold {gold_type})"] += 1
        elif kind == "FN":
            cats[f"FN {gold_type}"] += 1
        else:
            cats[f"FP {pred.split(' ')[0]}"] += 1
    print("worst error categories:")
    for cat, c in cats.most_common(args.errors):
        print(f"  {c:4d}  {cat}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
