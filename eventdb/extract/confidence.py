"""Calibrated confidence: the probability that an event's date is right.

The dating rules say *how* a date was found; how often that is right depends on facts about the
link that hold in any news text. ``features`` computes them (the rule, a competing date in the
sentence, a plan or expectation in the clause, the kind of expression, its precision, tense, where
the date lies against publication, relation, direct speech, clause length, background row);
``resources/confidence.json`` weighs those the fitter found to hold out (``features`` in the file).
It is produced by ``bench/fit_confidence.py``, never typed by hand: a logistic score (one weight
per feature value, regularised) read through a monotone step function (isotonic over a few
classes of the score), so the confidence ranks rows and says how often rows of that rank were
right. Fitted and checked held out both ways: one number per row cannot suit MEANTIME and SemEval
at once, as they grade the same articles' rows by different standards.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources

from eventdb.extract.model import Event, Extraction
from eventdb.temporal.folding import fold, scan_of
from eventdb.temporal.model import Resolved, Timex

#: Sentences starting this early are the headline and lede.
LEAD_CHARS = 300
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
#: A plan, an expectation or a possibility in the clause: its date is a forecast, often revised.
_PLAN = re.compile(r"\b(?:will|would|could|may|might|shall|expect(?:s|ed)?|plan(?:s|ned)?|scheduled|intends?|"
                   r"set\s+to|due\s+to|hopes?\s+to|aims?\s+to)\b", re.I)
#: A clause longer than this (in words) holds other happenings whose dates may differ.
LONG_CLAUSE_WORDS = 24


def calendar_starts(out: Extraction) -> list[tuple[int, int]]:
    """(start, index) of the calendar expressions, in text order: computed once per text."""
    from eventdb.extract.dating import is_calendar
    return sorted((t.start, i) for i, t in enumerate(out.timexes) if is_calendar(t))


def expression(t: Timex | None) -> str:
    """How the date is written: "publication" (no expression), "absolute" ("June 24, 2010", "in
    2003": it needs no anchor), "weekday" ("on Tuesday"), "relative" ("today", "last month")."""
    if t is None:
        return "publication"
    if t.anchor is None:
        return "absolute"
    words = set(t.text.lower().replace(".", " ").split())
    return "weekday" if words & _WEEKDAYS else "relative"


def features(text: str, ev: Event, tense: str, out: Extraction, dct: Resolved | None,
             calendar: list[tuple[int, int]] | None = None) -> dict[str, str]:
    """The facts the model weighs (see the module docstring); ``calendar``: :func:`calendar_starts`
    of ``out``, when the caller has it."""
    link = ev.time
    t = out.timexes[int(link.target.split(":")[1])] if link.target.startswith("timex:") else None
    r = t.resolved if t is not None else dct
    precision = (r.precision or "none") if r is not None else "none"
    if precision not in ("day", "month", "year"):
        precision = "other"
    when = "unknown"
    if r is not None and dct is not None and r.earliest and r.latest and dct.earliest and dct.latest:
        if r.earliest <= dct.earliest and dct.latest <= r.latest:
            when = "publication"
        elif r.latest < dct.earliest:
            when = "before" if (dct.earliest - r.latest).days <= 31 else "long_before"
        else:
            when = "after"
    # other calendar expressions in the sentence: a competing date the rules may have passed over
    cal = calendar_starts(out) if calendar is None else calendar
    lo, hi = bisect_left(cal, (ev.sentence_start, -1)), bisect_left(cal, (ev.sentence_end, -1))
    others = sum(1 for _, i in cal[lo:hi] if f"timex:{i}" != link.target)
    return {"others": "alone" if others == 0 else "others",
            "place": "lead" if ev.sentence_start < LEAD_CHARS else "body",
            "how": link.how, "precision": precision, "tense": tense or "none", "when": when,
            "relation": "on" if link.relation == "ON" else "other",
            "quote": "quote" if _in_quote(text, ev.sentence_start, ev.trigger_start if ev.trigger_start >= 0
                                          else ev.start) else "plain",
            "expression": expression(t),
            "length": "long" if text.count(" ", ev.start, ev.end) >= LONG_CLAUSE_WORDS else "short",
            "background": "background" if ev.background else "report",
            "modality": "plan" if _planned(text, ev.start, ev.end) else "fact"}


#: The document's fold, kept while its events are scored (one text at a time; the same string
#: object hashes at once).
_folded = lru_cache(maxsize=2)(fold)


def _planned(text: str, start: int, end: int) -> bool:
    """``_PLAN.search(text, start, end)``, run as :func:`~eventdb.temporal.folding.scan_of` runs
    it (case-sensitively on the folded text: about twice as fast as ``re.I`` on a clause)."""
    scan = scan_of(_PLAN)
    return scan.regex.search(_folded(text) if scan.on_folded else text, start, end) is not None


def _in_quote(text: str, sentence_start: int, pos: int) -> bool:
    before = text[sentence_start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


@lru_cache(maxsize=1)
def model() -> dict:
    """The fitted model: ``{"bias", "weights": {"feature=value": w}, "steps": [[score, p], ...]}``
    (``steps``: the probability of scores up to each bound, the last bound open); empty when the
    resource is missing (confidence then stays what the rules gave)."""
    try:
        raw = resources.files("eventdb.extract").joinpath("resources", "confidence.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(raw)


def score(f: dict[str, str], m: dict | None = None) -> float:
    """The logistic score of a row in (0, 1): it ranks rows; :func:`probability` calibrates it."""
    m = model() if m is None else m
    w = m["weights"]
    z = m["bias"] + sum(w.get(f"{k}={v}", 0.0) for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-z))


def probability(f: dict[str, str], m: dict | None = None) -> float | None:
    """How often rows of this score were right (the step of the monotone map), or None (no model)."""
    m = model() if m is None else m
    if not m:
        return None
    steps = m["steps"]
    i = bisect_right([s for s, _ in steps[:-1]], score(f, m))
    return float(steps[i][1])


def calibrate(text: str, out: Extraction, tenses: list[str], dct: Resolved | None) -> None:
    """Set every event's ``time.confidence`` from the model (``tenses``: per event, "" when the
    event is not a clause)."""
    if not model():
        return
    cal = calendar_starts(out)
    for ev, tense in zip(out.events, tenses):
        p = probability(features(text, ev, tense, out, dct, cal))
        if p is not None:
            ev.time.confidence = round(min(1.0, max(0.0, p)), 3)
