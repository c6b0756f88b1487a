"""Calibrated confidence: the probability that an event's date is right.

The dating rules say *how* a date was found; how often that is right depends on a few facts about
the link (the rule, the precision of the date, the clause's tense, whether the date is publication
day, before or after it, a relation other than "on", direct speech). ``resources/confidence.json``
holds, for each combination of these features, the share of dated events that were right on the
dev corpora; it is produced by ``bench/fit_confidence.py`` (not typed by hand). A combination seen
too rarely backs off to a coarser one (fewer features), down to the rule alone.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from functools import lru_cache
from importlib import resources

from eventdb.extract.model import Event, Extraction
from eventdb.temporal.model import Resolved

#: Feature names of the table's keys, most specific level first.
LEVELS = (("how", "others"), ("how",))
#: The other features are computed and kept for refitting (``bench/fit_confidence.py``), but on the
#: dev corpora, held out by topic, keying by them too overfits (held-out ECE .07-.11 against .03-.05).

#: Sentences starting this early are the headline and lede.
LEAD_CHARS = 300


def calendar_starts(out: Extraction) -> list[tuple[int, int]]:
    """(start, index) of the calendar expressions, in text order: computed once per text."""
    from eventdb.extract.dating import is_calendar
    return sorted((t.start, i) for i, t in enumerate(out.timexes) if is_calendar(t))


def features(text: str, ev: Event, tense: str, out: Extraction, dct: Resolved | None,
             calendar: list[tuple[int, int]] | None = None) -> dict[str, str]:
    """The facts the calibration table is keyed by (see the module docstring); ``calendar``:
    :func:`calendar_starts` of ``out``, when the caller has it."""
    link = ev.time
    if link.target.startswith("timex:"):
        r = out.timexes[int(link.target.split(":")[1])].resolved
    else:
        r = dct
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
                                          else ev.start) else "plain"}


def key(f: dict[str, str], level: int) -> str:
    return "|".join(f[n] for n in LEVELS[level])


def _in_quote(text: str, sentence_start: int, pos: int) -> bool:
    before = text[sentence_start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


@lru_cache(maxsize=1)
def table() -> dict:
    """The fitted table: ``{"min_n": int, "default": p, "cells": {key: [n, p]}}``; empty when the
    resource is missing (confidence then stays what the rules gave)."""
    try:
        raw = resources.files("eventdb.extract").joinpath("resources", "confidence.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(raw)


def probability(f: dict[str, str], tab: dict | None = None) -> float | None:
    """The share right of the most specific combination seen often enough, or None (no table)."""
    tab = table() if tab is None else tab
    if not tab:
        return None
    cells, min_n = tab["cells"], tab["min_n"]
    for level in range(len(LEVELS)):
        cell = cells.get(key(f, level))
        if cell is not None and cell[0] >= min_n:
            return float(cell[1])
    return float(tab["default"])


def calibrate(text: str, out: Extraction, tenses: list[str], dct: Resolved | None) -> None:
    """Set every event's ``time.confidence`` from the table (``tenses``: per event, "" when the
    event is not a clause)."""
    if not table():
        return
    cal = calendar_starts(out)
    for ev, tense in zip(out.events, tenses):
        p = probability(features(text, ev, tense, out, dct, cal))
        if p is not None:
            ev.time.confidence = round(min(1.0, max(0.0, p)), 3)
