#!/usr/bin/env python3
"""Happenings end to end: ``eventdb ingest`` the dev articles, ``eventdb export --format jsonl``,
and score the export with the shared scorers.

- ``happenings-dev.jsonl`` with ``happenings_score.py``: curator actions per happening, rows per
  happening (targets <= 0.5 and <= 1.2);
- ``meantime-crossdoc-dev.jsonl`` and ``ecbplus-dev.jsonl`` (``--annotated-only``; ECB+ has no
  publication dates) with ``crossdoc_score.py``, event cluster = happening: cross-document
  event-link precision / recall / F1 (target F1 >= .50 with precision >= .70).

Each cross-document corpus is also scored in halves that are tuned apart (ECB+ odd vs even
topics, MEANTIME airbus vs apple: a rule is kept only when it holds on both), and its gold
cross-document pairs are broken down by where they are lost (``breakdown``): a gold event word
no report's trigger covers, a background report (not an event word's report: those link),
no specific participant (an event word's report has none: its article's story joins it), none
shared, another
kind of action, refused by the dates or words; the linked share; and the recall that linking
every covered pair would reach.

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


def half(doc: dict) -> str:
    """The hold-out half of a cross-document gold document: ECB+ odd or even topic number,
    MEANTIME collection (airbus or apple)."""
    if doc.get("topic") is not None:
        return "odd" if int(doc["topic"]) % 2 else "even"
    return str(doc.get("corpus", "all")).rsplit("/", 1)[-1]


def _covering(rows: list[dict], start: int, end: int, clause: bool = False) -> dict | None:
    """The report whose shortest span covers a gold mention (the scorer's mapping)."""
    best = None
    for r in rows:
        s, e = (r["start"], r["end"]) if clause else (r["trigger_start"], r["trigger_end"])
        if s <= start and end <= e and (best is None or e - s < best[0]):
            best = (e - s, r)
    return best[1] if best else None


def breakdown(gold_docs: list[dict], rows: list[dict], annotated: bool) -> list[tuple[str, int]]:
    """Gold cross-document event pairs by the first reason they are not linked (see above)."""
    from eventdb.extract.kinds import verb_key
    from eventdb.services.grouping_rules import is_generic, is_word_report

    by_doc: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_doc[r["document"]].append(r)
    mentions: dict[str, list[tuple[str, dict | None]]] = defaultdict(list)
    covered = scored = 0
    for d in gold_docs:
        for g in d["events"]:
            if not g.get("instance") or (annotated and g.get("annotated") is False):
                continue
            r = _covering(by_doc.get(d["doc"], []), g["start"], g["end"])
            mentions[g["instance"]].append((d["doc"], r))
            scored += 1
            covered += r is not None

    def hidden(r: dict) -> bool:
        """Background and not an event word's report (``extract/event_words.py``), which links
        across articles though hidden."""
        return r["background"] and not is_word_report(r["trigger"], True)

    def specific(r: dict) -> set[int]:
        return {p["id"] for p in r["participants"] if not is_generic(p["name"])}

    lost: dict[str, int] = defaultdict(int)
    for ms in mentions.values():
        for i, (da, a) in enumerate(ms):
            for db, b in ms[i + 1:]:
                if da == db:
                    continue
                lost["gold pairs"] += 1
                if a is None or b is None:
                    why = "a gold event word no trigger covers"
                elif hidden(a) or hidden(b):
                    why = "a background report"
                elif a["happening"] is not None and a["happening"] == b["happening"]:
                    why = "LINKED"
                elif not specific(a) or not specific(b):
                    why = "no specific participant"
                elif not specific(a) & specific(b):
                    why = "no shared specific participant"
                elif not ((a["kind"] and a["kind"] == b["kind"])
                          or verb_key(a["trigger"]) == verb_key(b["trigger"])):
                    why = "another kind of action"
                else:
                    why = "refused by dates, words or participant share"
                lost[why] += 1
    total = lost.pop("gold pairs", 0)
    reachable = total - lost.get("a gold event word no trigger covers", 0) - lost.get(
        "a background report", 0)
    out = [("gold event mentions scored", scored), ("of them covered by a trigger", covered),
           ("gold cross-document pairs", total)]
    out += sorted(lost.items(), key=lambda kv: -kv[1])
    out.append(("covered, not background: the recall ceiling of linking", reachable))
    return out


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


def event_links(scores: dict) -> dict:
    """The cross-document event-link figures over all documents of the gold file: the
    scorer's "all" when the file holds several corpora (MEANTIME's airbus comes first: not
    that one), else its only corpus."""
    events = scores.get("events", {})
    whole = events.get("all") or (next(iter(events.values())) if len(events) == 1 else {})
    return whole.get("xdoc_links") or {}


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
        halves = sorted({half(d) for d in docs})
        for span in ("trigger", "clause"):
            for part in ["all", *halves]:
                part_gold = gold
                if part != "all":
                    part_gold = work / f"{gold.stem}-{part}.jsonl"
                    part_gold.write_text("".join(json.dumps(d) + "\n" for d in docs
                                                 if half(d) == part), encoding="utf-8")
                result = _crossdoc(part_gold, work, annotated, rows, span)
                links = event_links(result)
                p, r, f = (links.get(k, 0.0) for k in ("precision", "recall", "f1"))
                print(f"{name} ({span} spans, {part}): cross-document event links P {p:.3f} "
                      f"R {r:.3f} F1 {f:.3f} ({links.get('pred_pairs', 0)} predicted pairs)")
        for part in ["all", *halves]:
            figures = breakdown([d for d in docs if part in ("all", half(d))], rows, annotated)
            total = dict(figures)["gold cross-document pairs"] or 1
            print(f"{name} ({part}) where gold cross-document pairs are lost (trigger spans):")
            for label, n in figures:
                share = f"{n / total:6.1%}" if "pairs" not in label and "mentions" not in label \
                    and "covered by" not in label else ""
                print(f"    {label:58s} {n:6d} {share}")
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
