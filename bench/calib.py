"""Calibration of event-dating confidence against the dev corpora (used by events.py and
fit_confidence.py).

A *unit* is a gold event with a calendar date and the predicted event covering it (the shortest,
as the shared scorer picks it): its confidence and whether its date is strictly right. The report
gives, per band of 0.1, the count and the share right, the expected calibration error (ECE: the
count-weighted mean gap between share right and mean confidence per band) and the share right
among confidence >= 0.8.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def scorer():
    """The shared timeline scorer as a module (its date normalisation and covering rule)."""
    spec = importlib.util.spec_from_file_location("timeline_score", SHARED / "bench" / "timeline_score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def units(gold_docs: list[dict], preds: dict[str, list[dict]]) -> list[dict]:
    """One dict per dated gold event covered by a prediction: ``conf``, ``right``, ``corpus``,
    the predicted event's ``features`` when the prediction carries them, and ``own``: the gold
    event is the row's own trigger (not another happening named inside its clause), when the
    prediction carries ``trigger_start``/``trigger_end``."""
    ts = scorer()
    out = []
    for g in gold_docs:
        pe = preds.get(g["doc"], [])
        if "annotated_span" in g:
            pe = [p for p in pe if p["start"] < g["annotated_span"][1]]
        for e in g["events"]:
            gd = ts.norm_date(e.get("date"))
            if not gd:
                continue
            x = ts.covering(pe, e)
            if x is None:
                continue
            golds = [gd] + [ts.norm_date(a) for a in e.get("date_alternatives", []) if ts.norm_date(a)]
            p = pe[x]
            ts_, te_ = p.get("trigger_start", -1), p.get("trigger_end", -1)
            own = ts_ is not None and ts_ >= 0 and ts_ < e["end"] and e["start"] < te_
            out.append({"conf": float(p.get("confidence", 0.5)), "right": bool(ts.date_ok(ts.norm_date(p["date"]), golds, False)),
                        "corpus": g["corpus"], "features": p.get("features"), "own": own})
    return out


def bands(us: list[dict]) -> list[tuple[float, int, float, float]]:
    """(band low edge, count, mean confidence, share right) per non-empty band of 0.1."""
    rows = []
    for b in range(10):
        lo, hi = b / 10, (b + 1) / 10
        inb = [u for u in us if lo <= u["conf"] < hi or (b == 9 and u["conf"] == 1.0)]
        if inb:
            rows.append((lo, len(inb), sum(u["conf"] for u in inb) / len(inb),
                         sum(u["right"] for u in inb) / len(inb)))
    return rows


def ece(us: list[dict]) -> float:
    n = len(us)
    return sum(c * abs(right - conf) for _, c, conf, right in bands(us)) / n if n else float("nan")


def high(us: list[dict], at: float = 0.8) -> tuple[int, float]:
    """(count, share right) among confidence >= ``at``."""
    hs = [u for u in us if u["conf"] >= at]
    return len(hs), (sum(u["right"] for u in hs) / len(hs) if hs else float("nan"))


def report(us: list[dict], label: str) -> None:
    print(f"calibration {label}: {len(us)} dated gold events covered")
    for lo, c, conf, right in bands(us):
        print(f"  [{lo:.1f},{lo + 0.1:.1f})  n {c:4d}  mean conf {conf:.2f}  right {right:.2f}")
    n, share = high(us)
    print(f"  ECE {ece(us):.3f}; confidence >= 0.8: n {n}, right {share:.3f}")
