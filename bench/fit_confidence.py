"""Fit the confidence table (eventdb/extract/resources/confidence.json) on the dev corpora.

    python bench/fit_confidence.py [--check-only] [--min-n 10] [--strength 30]

Every dated gold event of MEANTIME and SemEval dev covered by a predicted event is a unit (see
calib.py). Per feature combination (eventdb.extract.confidence.LEVELS) the share right is
estimated, shrunk towards the coarser level's share (strength = pseudo-count). Held out first: fit
on one topic (Airbus: MEANTIME airbus + SemEval corpus 1) and report the calibration on the other
(Apple: MEANTIME apple + SemEval trial), and the reverse; then fit on both and write the table.
Reads ../shared; says so and exits 0 when it is absent.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import calib  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "eventdb" / "extract" / "resources" / "confidence.json"
CORPORA = ("meantime-dev.jsonl", "semeval2015-dev.jsonl")


def topic(corpus: str) -> str:
    return "airbus" if corpus in ("meantime/airbus", "semeval2015/corpus_1") else "apple"


def collect() -> list[dict]:
    from eventdb.extract.pipeline import extract_features
    us = []
    for name in CORPORA:
        docs = [json.loads(line) for line in (calib.SHARED / "corpora" / name).open(encoding="utf-8") if line.strip()]
        preds = {}
        for d in docs:
            dct = date.fromisoformat(d["dct"][:10]) if d.get("dct") else None
            out, feats = extract_features(d["text"], dct)
            evs = []
            for ev, f in zip(out.events, feats):
                tgt = ev.time.target
                if tgt == "dct":
                    value = d["dct"][:10] if d.get("dct") else None
                else:
                    value = out.timexes[int(tgt.split(":")[1])].resolved.value
                evs.append({"start": ev.start, "end": ev.end, "date": value, "confidence": ev.time.confidence,
                            "features": f})
            preds[d["doc"]] = evs
        us += calib.units(docs, preds)
    return us


def fit(us: list[dict], min_n: int, strength: float) -> dict:
    from eventdb.extract.confidence import LEVELS, key
    default = sum(u["right"] for u in us) / len(us)
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for u in us:
        for level in range(len(LEVELS)):
            c = counts[key(u["features"], level)]
            c[0] += 1
            c[1] += u["right"]
    cells: dict[str, list] = {}
    for level in reversed(range(len(LEVELS))):  # coarse first: the finer levels shrink towards them
        for u in us:
            k = key(u["features"], level)
            if k in cells:
                continue
            n, right = counts[k]
            parent = cells[key(u["features"], level + 1)][1] if level + 1 < len(LEVELS) else default
            cells[k] = [n, round((right + strength * parent) / (n + strength), 3)]
    return {"min_n": min_n, "default": round(default, 3),
            "cells": {k: v for k, v in sorted(cells.items()) if v[0] >= min_n}}


def apply(us: list[dict], tab: dict) -> list[dict]:
    from eventdb.extract.confidence import probability
    return [{**u, "conf": probability(u["features"], tab)} for u in us]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check-only", action="store_true", help="report the held-out calibration, write nothing")
    ap.add_argument("--min-n", type=int, default=10, help="fewest units for a cell of its own")
    ap.add_argument("--strength", type=float, default=30.0, help="pseudo-count of the shrinkage to the coarser level")
    a = ap.parse_args()
    if not (calib.SHARED / "corpora").exists():
        print(f"shared corpora not found at {calib.SHARED}: nothing to fit")
        return 0
    us = collect()
    calib.report(us, "rules' own confidence (all dev)")
    for train, test in (("airbus", "apple"), ("apple", "airbus")):
        tab = fit([u for u in us if topic(u["corpus"]) == train], a.min_n, a.strength)
        calib.report(apply([u for u in us if topic(u["corpus"]) == test], tab), f"fit on {train}, held out {test}")
    tab = fit(us, a.min_n, a.strength)
    calib.report(apply(us, tab), "fit on all dev (in sample)")
    if not a.check_only:
        cells = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in tab["cells"].items())
        OUT.write_text(f'{{"min_n": {tab["min_n"]}, "default": {tab["default"]},\n "cells": {{\n{cells}\n }}\n}}\n',
                       encoding="utf-8")
        print(f"wrote {OUT} ({len(tab['cells'])} cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
