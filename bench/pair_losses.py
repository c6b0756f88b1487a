"""Where event-participant pairs are lost (timeline scorer, MEANTIME).

    python bench/pair_losses.py GOLD.jsonl PRED.jsonl [--show missing|extra|N] [--corpus airbus]

Counts the scorer's pairs (``timeline_score.py`` (iii b)) by fate:

* missing (a gold pair not recovered): the gold event is not covered; the gold mention is no
  participant of any predicted event: a mention of no event ("no event's", the export's
  "participants") or not found at all ("unrecognised"); it is a participant of another event
  only ("elsewhere"); each by the gold mention's syntactic type (NAM, NOM, PRO, none) and role;
* extra (a predicted pair no gold event inside the predicted event has): the participant
  overlaps no gold mention ("no entity"), or a gold mention that is an argument of another event
  ("argument elsewhere") or of no event ("no event's argument").

``--show`` prints the cases with their clause, to read.
"""

from __future__ import annotations

import argparse
import collections
import json


def overlap(a, b) -> bool:  # noqa: ANN001
    return a[0] < b[1] and b[0] < a[1]


def covering(pe: list[dict], g: dict):  # noqa: ANN201
    best = None
    for i, p in enumerate(pe):
        if p["start"] <= g["start"] and g["end"] <= p["end"]:
            if best is None or (p["end"] - p["start"]) < (pe[best]["end"] - pe[best]["start"]):
                best = i
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--show", choices=("missing", "extra"))
    ap.add_argument("--corpus", default="")
    ap.add_argument("--kind", default="", help="only cases of this fate (e.g. elsewhere)")
    a = ap.parse_args()
    preds, loose = {}, {}
    with open(a.pred, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                preds[str(d["doc"])] = d.get("events") or []
                loose[str(d["doc"])] = [(q["start"], q["end"]) for q in d.get("participants") or []]
    miss, extra = collections.Counter(), collections.Counter()
    n_gold = n_pred = 0
    with open(a.gold, encoding="utf-8") as f:
        for line in f:
            g = json.loads(line)
            if a.corpus not in g["corpus"]:
                continue
            text, ents = g["text"], g["entities"]
            lim = g["annotated_span"][1]
            pe = [p for p in preds.get(str(g["doc"]), []) if p["start"] < lim]
            spans = [(q["start"], q["end"]) for p in pe for q in p["participants"]]
            argued = {j for e in g["events"] for j in e["participants"]}
            for e in g["events"]:
                x = covering(pe, e)
                for j, role in zip(e["participants"], e.get("roles") or [""] * len(e["participants"])):
                    n_gold += 1
                    m = ents[j]
                    ms = (m["start"], m["end"])
                    if x is not None and any(overlap((q["start"], q["end"]), ms) for q in pe[x]["participants"]):
                        continue
                    if x is None:
                        fate = "event uncovered"
                    elif any(overlap(s, ms) for s in spans):
                        fate = "elsewhere"
                    elif any(overlap(s, ms) for s in loose.get(str(g["doc"]), [])):
                        fate = "no event's"
                    else:
                        fate = "unrecognised"
                    typ = m.get("syntactic_type") or "-"
                    miss[(fate, typ, role)] += 1
                    if a.show == "missing" and (not a.kind or a.kind == fate):
                        ev = pe[x] if x is not None else None
                        print(f"MISS {fate:12} {typ:4} {role:5} {e['text']!r} <- {m['text']!r}  | "
                              + (text[ev['start']:ev['end']].replace('\n', ' ') if ev else '')
                              + "  || has " + (str([q['text'] for q in ev['participants']]) if ev else ''))
            for p in pe:
                inside = [e for e in g["events"] if p["start"] <= e["start"] and e["end"] <= p["end"]]
                for q in p["participants"]:
                    n_pred += 1
                    qs = (q["start"], q["end"])
                    if any(overlap(qs, (ents[j]["start"], ents[j]["end"])) for e in inside for j in e["participants"]):
                        continue
                    hit = [j for j, m in enumerate(ents) if overlap(qs, (m["start"], m["end"]))]
                    if not hit:
                        fate = "no entity"
                    elif any(j in argued for j in hit):
                        fate = "argument elsewhere"
                    else:
                        fate = "no event's argument"
                    if not inside:
                        fate += " (no gold event inside)"
                    extra[fate] += 1
                    if a.show == "extra" and (not a.kind or a.kind in fate):
                        print(f"EXTRA {fate:22} {q['text']!r} | " + text[p['start']:p['end']].replace('\n', ' ')
                              + "  || gold events " + str([e['text'] for e in inside]))
    print(f"gold pairs {n_gold}, missing {sum(miss.values())}; predicted pairs {n_pred}, extra {sum(extra.values())}")
    by_fate = collections.Counter()
    for (fate, typ, role), n in miss.items():
        by_fate[fate] += n
    print("missing by fate:", dict(by_fate.most_common()))
    by_ft = collections.Counter()
    for (fate, typ, role), n in miss.items():
        by_ft[(fate, typ)] += n
    print("missing by fate and type:", ", ".join(f"{f}/{t} {n}" for (f, t), n in by_ft.most_common()))
    by_role = collections.Counter()
    for (fate, typ, role), n in miss.items():
        by_role[role] += n
    print("missing by role:", dict(by_role.most_common()))
    print("extra by fate:", dict(extra.most_common()))


if __name__ == "__main__":
    main()
