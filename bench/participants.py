"""Benchmark participants: recognition, coreference in and across articles, event arguments.

    python bench/participants.py            # end to end: eventdb ingest + export, then score
    python bench/participants.py --direct   # extract() in this process; cross-article clusters
                                            # by canonical name (fast iteration, no database)
    python bench/participants.py --losses   # also: where the all-mention score is lost (gold
                                            # mentions by type and fate)

Prints, in one run, the figures of issue 19's targets:

* ``crossdoc_score.py`` on ``meantime-crossdoc-dev.jsonl`` and ``ecbplus-dev.jsonl``
  (``--annotated-only``; ECB+ articles have no publication date and are ingested with
  ``published`` null): named CoNLL F1, all-mention CoNLL F1, named cross-document link F1. A
  predicted participant's ``cluster`` is its canonical participant id from the export.
* ``timeline_score.py`` on ``meantime-dev.jsonl`` (named-participant F1, event-participant pair
  F1, all-mention F1) and the SemEval dev entity-timeline F1 (``semeval2015-dev.jsonl``).

The corpora are read from ``<repo>/../shared`` when present; without them it says so and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from runner import eventdb_command, ingest_and_export  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _date(s: str | None):  # noqa: ANN202
    from datetime import date
    return date.fromisoformat(s[:10]) if s else None


def predict_db(docs: list[dict], tmp: Path, dated: bool = True) -> tuple[list[dict], float]:
    """PRED lines through the database: ``eventdb ingest`` then ``eventdb export --format jsonl``;
    each participant's cluster is its canonical participant id."""
    db, rows, spent = ingest_and_export(
        [dict(d, published=d.get("dct") if dated else None) for d in docs], tmp,
        "--allow-duplicate-text")
    exe = eventdb_command()
    by_doc: dict[str, list[dict]] = {d["doc"]: [] for d in docs}
    for ev in rows:
        parts = [{"start": p["start"], "end": p["end"], "text": p.get("text") or "",
                  "name": p.get("name") or "", "cluster": f"p{p['id']}"}
                 for p in ev.get("participants") or []]
        by_doc.setdefault(str(ev.get("document")), []).append(
            {"start": ev["start"], "end": ev["end"], "date": ev.get("value"), "cluster": None,
             "participants": parts})
    # Mentions attached to no event are participants' mentions too (the scorer's "participants").
    res = subprocess.run(exe + ["--db", str(db), "sql", "--json",
                                'SELECT d.external_id AS doc, m.start, m."end", m.text, m.participant_id AS pid '
                                "FROM mentions m JOIN documents d ON d.id = m.document_id"],
                         check=True, capture_output=True, text=True)
    loose: dict[str, list[dict]] = {}
    for m in json.loads(res.stdout or "[]"):
        loose.setdefault(str(m["doc"]), []).append(
            {"start": m["start"], "end": m["end"], "text": m["text"], "cluster": f"p{m['pid']}"})
    return [{"doc": k, "events": v, "participants": loose.get(k, [])} for k, v in by_doc.items()], spent


def predict_direct(docs: list[dict], dated: bool = True) -> tuple[list[dict], float]:
    """PRED lines from extract() in this process; clusters across articles by canonical name."""
    from eventdb.extract import extract

    preds, spent = [], 0.0
    for d in docs:
        t0 = time.perf_counter()
        x = extract(d["text"], _date(d.get("dct")) if dated else None)
        spent += time.perf_counter() - t0
        events = []
        for ev in x.events:
            parts = []
            for a in ev.arguments:
                m = x.mentions[a.mention]
                name = x.entities[m.entity].name
                parts.append({"start": m.start, "end": m.end, "text": m.text, "name": name,
                              "cluster": "n:" + name.lower()})
            events.append({"start": ev.start, "end": ev.end, "date": None, "cluster": None,
                           "participants": parts})
        preds.append({"doc": d["doc"], "events": events})
    return preds, spent


def _write(preds: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for p in preds:
            f.write(json.dumps(p) + "\n")
    return path


def run_scorer(script: str, gold: Path, pred: Path, out: Path, *extra: str) -> dict:
    cmd = [sys.executable, str(SHARED / "bench" / script), str(gold), str(pred), "--json", str(out),
           *extra]
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    if os.environ.get("BENCH_VERBOSE"):
        print(res.stdout)
    return json.loads(out.read_text())


def crossdoc_rows(name: str, s: dict) -> list[tuple[str, float | None, str]]:
    """Overall figures, then each sub-corpus (MEANTIME airbus/apple, ECB+ train/dev topics) so
    that a rule can be checked on the part it was not written for."""
    named, every = s["entities"]["named"], s["entities"]["all"]
    all_target = ".70" if name == "MEANTIME" else ".65"
    rows: list[tuple[str, float | None, str]] = []
    overall = "all" if "all" in named else next(iter(named))
    for part in [overall] + sorted(k for k in named if k != overall):
        label = name if part == overall else f"  {part}"
        t = (lambda x: x) if part == overall else (lambda x: "")
        rows += [(f"{label} named CoNLL F1", named[part]["conll_f1"], t(".80")),
                 (f"{label} all-mention CoNLL F1", every[part]["conll_f1"], t(all_target)),
                 (f"{label} named cross-doc link F1", named[part]["xdoc_links"]["f1"], t(".70"))]
    return rows


_PRONOUNS = set("he she it they him her them his its their hers theirs we us our i me my you your "
                "who which that whom whose itself himself herself themselves".split())


def predicted_spans(records: list[dict]) -> dict[str, dict[tuple[int, int], str | None]]:
    """Per document of a scorer's prediction file: each predicted mention's (start, end) and its
    cluster (an event's participants, then the document's own)."""
    spans_of: dict[str, dict] = {}
    for p in records:
        spans: dict[tuple[int, int], str | None] = {}
        for m in [m for ev in p.get("events", []) for m in ev.get("participants", [])] + list(
                p.get("participants") or []):
            spans.setdefault((m["start"], m["end"]), m.get("cluster"))
        spans_of[p["doc"]] = spans
    return spans_of


def losses(gold: Path, pred: Path, annotated_only: bool) -> dict[tuple[str, str], int]:
    """Where the all-mention score is lost: every scored gold mention (as crossdoc_score.py
    aligns it: the predicted mention overlapping it most, then the shortest) counted by its type
    (name, nominal, pronoun) and fate: ``unaligned`` (no predicted mention over it), ``split``
    (its predicted cluster is not the one most of its gold entity went to), ``merged`` (its
    cluster's majority is another gold entity), ``ok``; ``singleton`` counts gold entities of
    one mention, whose unaligned mentions cost nothing."""
    from collections import Counter
    spans_of = predicted_spans(load(pred))
    rows = []
    for d in load(gold):
        spans = spans_of.get(d["doc"], {})
        for g in d["entities"]:
            if not g.get("instance") or (annotated_only and g.get("annotated") is False):
                continue
            best = min(((-(min(b, g["end"]) - max(a, g["start"])), b - a, a, c) for (a, b), c in spans.items()
                        if min(b, g["end"]) > max(a, g["start"])), default=None)
            typ = "name" if g.get("named") else ("pronoun" if g["text"].lower() in _PRONOUNS else "nominal")
            rows.append((typ, g["instance"], best[3] if best else None))
    size = Counter(inst for _, inst, _ in rows)
    majority: dict[str, Counter] = {}
    owner: dict[str, Counter] = {}
    for _, inst, c in rows:
        if c is not None:
            majority.setdefault(inst, Counter())[c] += 1
            owner.setdefault(c, Counter())[inst] += 1
    out: Counter = Counter()
    for typ, inst, c in rows:
        if size[inst] == 1:
            out[typ, "singleton"] += 1
        if c is None:
            fate = "unaligned"
        elif majority[inst].most_common(1)[0][0] != c:
            fate = "split"
        elif owner[c].most_common(1)[0][0] != inst:
            fate = "merged"
        else:
            fate = "ok"
        out[typ, fate] += 1
    return dict(out)


def print_losses(name: str, counts: dict[tuple[str, str], int]) -> None:
    fates = ("ok", "unaligned", "split", "merged", "singleton")
    print(f"{name}: gold mentions by type and fate")
    print(f"  {'type':8s} " + " ".join(f"{f:>9s}" for f in fates))
    for typ in ("name", "nominal", "pronoun"):
        print(f"  {typ:8s} " + " ".join(f"{counts.get((typ, f), 0):9d}" for f in fates))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--direct", action="store_true",
                    help="call extract() directly; clusters across articles by canonical name")
    ap.add_argument("--keep", help="keep predictions and scores in this folder")
    ap.add_argument("--only", choices=("meantime-x", "ecbplus", "meantime", "semeval"), action="append",
                    help="run only these corpora (repeatable)")
    ap.add_argument("--losses", action="store_true",
                    help="also count the scored gold mentions of the cross-document corpora by type "
                         "(name, nominal, pronoun) and fate (unaligned, split, merged)")
    a = ap.parse_args()
    if not SHARED.exists():
        print(f"shared corpora not found at {SHARED}: nothing to benchmark")
        return 0
    tmp = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="bench-participants-"))
    tmp.mkdir(parents=True, exist_ok=True)
    plan = [("meantime-x", "meantime-crossdoc-dev.jsonl", True),
            ("ecbplus", "ecbplus-dev.jsonl", False),
            ("meantime", "meantime-dev.jsonl", True),
            ("semeval", "semeval2015-dev.jsonl", True)]
    rows: list[tuple[str, float | None, str]] = []
    docs_total, spent_total = 0, 0.0
    for key, fname, dated in plan:
        if a.only and key not in a.only:
            continue
        gold = SHARED / "corpora" / fname
        if not gold.exists():
            print(f"{gold} missing: skipped")
            continue
        docs = load(gold)
        sub = tmp / key
        sub.mkdir(exist_ok=True)
        preds, spent = predict_direct(docs, dated) if a.direct else predict_db(docs, sub, dated)
        docs_total += len(docs)
        spent_total += spent
        pred = _write(preds, sub / "pred.jsonl")
        if key in ("meantime-x", "ecbplus"):
            extra = ("--annotated-only",) if key == "ecbplus" else ()
            s = run_scorer("crossdoc_score.py", gold, pred, sub / "score.json", *extra)
            rows += crossdoc_rows("MEANTIME" if key == "meantime-x" else "ECB+", s)
            if a.losses:
                print_losses("MEANTIME" if key == "meantime-x" else "ECB+", losses(gold, pred, key == "ecbplus"))
            if key == "ecbplus":  # train topics and dev topics apart: one checks the other
                for split in sorted({d.get("split") or "?" for d in docs}):
                    part = sub / f"gold-{split}.jsonl"
                    _write([d for d in docs if (d.get("split") or "?") == split], part)
                    s = run_scorer("crossdoc_score.py", part, pred, sub / f"score-{split}.json", *extra)
                    rows += [(r[0].replace("ECB+", f"  ecbplus/{split}"), r[1], "")
                             for r in crossdoc_rows("ECB+", s)]
        elif key == "meantime":
            s = run_scorer("timeline_score.py", gold, pred, sub / "score.json")
            al = s["events"]["all"]
            rows += [("MEANTIME timeline named-participant F1", al["named_participant_mentions"]["f1"], ".95"),
                     ("MEANTIME timeline event-participant pair F1", al["event_participant_pairs"]["f1"], ".80"),
                     ("MEANTIME timeline all-mention F1", al["participant_mentions"]["f1"], ".85")]
        else:
            s = run_scorer("timeline_score.py", gold, pred, sub / "score.json", "--per-entity")
            for g, r in s.get("timelines", {}).items():
                if g == "semeval2015/test":
                    continue
                rows.append((f"SemEval {g.split('/')[1]} entity-timeline F1", r["micro"]["f1"], "no drop"))
    print(f"{'measure':48s} {'value':>7s} {'target':>8s}")
    for label, v, target in rows:
        print(f"{label:48s} {v if v is not None else float('nan'):7.3f} {target:>8s}")
    if spent_total:
        how = "extract()" if a.direct else "`eventdb ingest` (whole command)"
        print(f"speed: {docs_total / spent_total:.1f} docs/s through {how}, {docs_total} docs")
    print(f"predictions and scores in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
