"""Benchmark the chronology a curator reads: happenings gold vs. eventdb rows.

    python bench/happenings.py                     # end to end: ingest, export, score (happenings_e2e.py)
    python bench/happenings.py --direct            # extract() in this process (fast iteration)
    python bench/happenings.py --direct --split    # also per collection (airbus / apple): hold-out check
    python bench/happenings.py --direct --show DOC # print the rows of one article

Reads ``happenings-dev.jsonl`` from the shared corpora folder (``<repo>/../shared``) and scores
rows in the shape of ``eventdb export --format jsonl`` with ``shared/bench/happenings_score.py``:
curator actions per happening (all and important), rows per happening, junk, duplicates,
misdated, missed. In the direct mode a row's ``cluster`` is the root of its ``same_as`` chain
within the document and rows with ``Event.background`` carry ``background: true`` (the scorer
drops them, as the default chronology hides them). ``direct_rows()`` is the function other modes
reuse; ``score()`` and ``report()`` score and print any export-shaped rows.

Hold-out: ``--split`` prints the airbus and the apple articles apart; a rule is kept only when it
helps (or leaves alone) both halves.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "corpora" / "happenings-dev.jsonl"
SCORER = SHARED / "bench" / "happenings_score.py"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def collection(doc: dict) -> str:
    """"airbus" or "apple": the MEANTIME collection an article belongs to (by its words)."""
    t = doc["text"].lower()
    return "airbus" if t.count("airbus") + t.count("boeing") >= t.count("apple") else "apple"


def _root(events, i: int) -> int:
    seen = set()
    while events[i].same_as is not None and i not in seen:
        seen.add(i)
        i = events[i].same_as
    return i


def direct_rows(docs: list[dict]) -> tuple[list[dict], float]:
    """Export-shaped rows from ``extract()`` called in this process; also the extraction time."""
    from eventdb.extract import extract
    from eventdb.temporal import dct_resolution

    rows: list[dict] = []
    spent = 0.0
    extract("Warm up: tables load once per process.", None)
    for d in docs:
        pub = date.fromisoformat(d["published"][:10]) if d.get("published") else None
        t0 = time.perf_counter()
        x = extract(d["text"], pub)
        spent += time.perf_counter() - t0
        dct = dct_resolution(pub)
        for i, ev in enumerate(x.events):
            res = dct if ev.time.target == "dct" else x.timexes[int(ev.time.target.split(":")[1])].resolved
            rows.append({
                "id": f"{d['id']}:{i}", "document": d["id"], "start": ev.start, "end": ev.end,
                "value": res.value if res else None,
                "earliest": res.earliest.isoformat() if res and res.earliest else None,
                "latest": res.latest.isoformat() if res and res.latest else None,
                "status": "machine", "cluster": f"{d['id']}:{_root(x.events, i)}",
                "trigger": {"start": ev.trigger_start, "end": ev.trigger_end},
                "background": ev.background, "kind": ev.kind, "headline": ev.headline,
            })
    return rows, spent


def score(gold_docs: list[dict], rows: list[dict], tmp: Path, tag: str) -> dict:
    gold = tmp / f"{tag}.gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in gold_docs), encoding="utf-8")
    ids = {d["id"] for d in gold_docs}
    exp = tmp / f"{tag}.export.jsonl"
    exp.write_text("".join(json.dumps(r) + "\n" for r in rows if r["document"] in ids), encoding="utf-8")
    out = tmp / f"{tag}.score.json"
    subprocess.run([sys.executable, str(SCORER), str(gold), str(exp), "--json", str(out)],
                   check=True, capture_output=True, text=True)
    return json.loads(out.read_text())


def _fig(s: dict) -> dict:
    o = s.get("overall", s)
    return o


def report(label: str, s: dict, rows: int) -> None:
    o = _fig(s)
    imp = s.get("important", {})
    print(f"{label:10s} gold {o['gold']:3d}  rows {rows:4d}  shown groups {o.get('groups', o.get('rows', 0)):4d}  "
          f"actions/happening {o['actions_per_happening']:.2f}  important {imp.get('actions_per_happening', float('nan')):.2f}  "
          f"rows/happening {o['rows_per_happening']:.2f}  junk {o['junk']}  dups {o['duplicates']}  "
          f"splits {o['splits']}  misdated {o['misdated']}  missed {o['missed']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--direct", action="store_true", help="call extract() directly (fast iteration)")
    ap.add_argument("--split", action="store_true", help="also score the airbus and apple halves apart")
    ap.add_argument("--show", help="print the rows of this article id")
    ap.add_argument("--keep", help="keep exports and scores in this folder")
    a = ap.parse_args()
    if not GOLD.exists() or not SCORER.exists():
        print(f"shared corpora not found at {SHARED}: nothing to benchmark")
        return 0
    if not a.direct:  # ingest + export + the cross-document scores too
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from happenings_e2e import end_to_end

        work = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="bench-happenings-"))
        work.mkdir(parents=True, exist_ok=True)
        end_to_end(work)
        return 0
    tmp = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="bench-happenings-"))
    tmp.mkdir(parents=True, exist_ok=True)
    docs = load(GOLD)
    rows, spent = direct_rows(docs)
    if a.show:
        doc = next(d for d in docs if d["id"] == a.show)
        for r in rows:
            if r["document"] == a.show:
                flag = "BG" if r["background"] else "  "
                print(f"{flag} {r['cluster']:>9s} {r['value'] or '-':12s} {r['kind'] or '-':12s} "
                      f"[{doc['text'][r['trigger']['start']:r['trigger']['end']]}] {r['headline']}")
        for h in doc["happenings"]:
            print("GOLD", h["id"], h["date"], h["important"], h["summary"], [m["text"] for m in h["mentions"]])
    groups = [("all", docs)]
    if a.split:
        groups += [(c, [d for d in docs if collection(d) == c]) for c in ("airbus", "apple")]
    for tag, gd in groups:
        ids = {d["id"] for d in gd}
        report(tag, score(gd, rows, tmp, tag), sum(1 for r in rows if r["document"] in ids))
    print(f"background rows: {sum(r['background'] for r in rows)} of {len(rows)}; "
          f"extraction {len(docs) / spent:.1f} docs/s")
    print(f"exports and scores in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
