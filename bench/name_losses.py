"""Where the named-mention score is lost, with examples: every named gold mention of the
cross-document corpora by fate (ok, unaligned, split, merged), in its context, with the predicted
participant it went to.

    python bench/participants.py --only meantime-x --only ecbplus --keep /tmp/p
    python bench/name_losses.py /tmp/p ecbplus --fate split -n 40
    python bench/name_losses.py /tmp/p meantime-x --clusters      # entities split across participants

Reads the predictions and the SQLite file ``participants.py --keep`` leaves; fates as in
``participants.py --losses`` (the scorer's alignment: the predicted mention overlapping most).
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from participants import load, predicted_spans  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = {"meantime-x": "meantime-crossdoc-dev.jsonl", "ecbplus": "ecbplus-dev.jsonl"}


def aligned(kept: Path, key: str) -> tuple[list[tuple[str, dict, tuple | None, str]], dict[str, str]]:
    """(doc, gold mention, (start, end, cluster) of its predicted mention or None, text) per
    scored gold mention, and the participant names by cluster id."""
    db = sqlite3.connect(kept / key / "bench.sqlite")
    names = {f"p{i}": f"{n} ({k})" for i, n, k in db.execute("SELECT id, name, kind FROM participants")}
    spans_of = predicted_spans(load(kept / key / "pred.jsonl"))
    rows = []
    with (SHARED / "corpora" / GOLD[key]).open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            spans = spans_of.get(d["doc"], {})
            for g in d["entities"]:
                if not g.get("instance") or (key == "ecbplus" and g.get("annotated") is False):
                    continue
                best = min(((-(min(b, g["end"]) - max(a, g["start"])), b - a, a, b, c)
                            for (a, b), c in spans.items() if min(b, g["end"]) > max(a, g["start"])),
                           default=None)
                rows.append((d["doc"], g, best[2:] if best else None, d["text"]))
    return rows, names


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kept", type=Path, help="the folder of participants.py --keep")
    ap.add_argument("corpus", choices=sorted(GOLD))
    ap.add_argument("--fate", choices=("ok", "unaligned", "split", "merged"))
    ap.add_argument("-n", type=int, default=30, help="examples per fate (a random sample)")
    ap.add_argument("--clusters", action="store_true", help="gold entities split across participants")
    a = ap.parse_args()
    if not SHARED.exists():
        print(f"shared corpora not found at {SHARED}")
        return 0
    rows, names = aligned(a.kept, a.corpus)
    rows = [r for r in rows if r[1].get("named")]
    majority: dict[str, Counter] = defaultdict(Counter)
    owner: dict[str, Counter] = defaultdict(Counter)
    texts: dict[str, Counter] = defaultdict(Counter)
    for _, g, p, _ in rows:
        texts[g["instance"]][g["text"]] += 1
        if p:
            majority[g["instance"]][p[2]] += 1
            owner[p[2]][g["instance"]] += 1
    if a.clusters:
        for inst, c in sorted(majority.items(), key=lambda x: -sum(x[1].values())):
            if len(c) > 1:
                print(sum(c.values()), texts[inst].most_common(3), "=>",
                      [(names.get(k, k), n) for k, n in c.most_common(6)])
        return 0
    by_fate: dict[str, list[str]] = defaultdict(list)
    for doc, g, p, text in rows:
        ctx = (text[max(0, g["start"] - 50):g["start"]] + "[" + g["text"] + "]"
               + text[g["end"]:g["end"] + 40]).replace("\n", " ")
        if p is None:
            fate, info = "unaligned", ""
        else:
            fate = ("split" if majority[g["instance"]].most_common(1)[0][0] != p[2] else
                    "merged" if owner[p[2]].most_common(1)[0][0] != g["instance"] else "ok")
            info = f"-> {text[p[0]:p[1]]!r} = {names.get(p[2], p[2])}"
            if fate == "split":
                info += f"; most of it: {names.get(majority[g['instance']].most_common(1)[0][0])}"
            if fate == "merged":
                info += f"; owner: {texts[owner[p[2]].most_common(1)[0][0]].most_common(2)}"
        by_fate[fate].append(f"{doc} {g.get('tag', '')} | {ctx} {info}")
    print(", ".join(f"{k} {len(v)}" for k, v in sorted(by_fate.items())))
    random.seed(1)
    for fate, lines in sorted(by_fate.items()):
        if a.fate and fate != a.fate:
            continue
        print(f"== {fate}")
        for line in random.sample(lines, min(a.n, len(lines))):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
