"""Normalisers of durations and sets ("three weeks", "for years", "every Monday", "weekly"),
and of references ("now", "the past", "one day"). See ``normalize.py`` for the contract."""

from __future__ import annotations

import re

from eventdb.temporal.resources import lexicon as L
from eventdb.temporal.specs import APPROX, Spec, duration_value, month_number, norm, opts, parse_number, unit_code
from eventdb.temporal.tense import tense

_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|shall|to)\s+$", re.I)


def duration(g, c, ctx):
    unit = norm(g["unit"])
    num = norm(g.get("num"))
    # "a second attack", "a second look": ordinal, not a unit of time.
    if unit == "second" and num in ("a", "an", "one"):
        return None
    if num in ("a", "an") and unit.endswith("s"):
        return None  # "a decades-long feud": the article belongs to the noun
    if num in ("half a", "half an", "a half"):
        n = 0.5
    else:
        n = parse_number(g.get("num"))
        if n is None and num not in {norm(v) for v in L.VAGUE_QUANTITIES}:
            return None
        if n is not None and g.get("half"):  # "a minute and a half"
            n += 0.5
    if g.get("old") and "old" in g["old"]:
        return None  # "a 6-year-old": an age, not a time expression
    if unit in ("quarter", "quarters") and (num in ("a", "an", "one") or (
            num == "three" and ("-" in ctx.text[c.start:c.end]
                                or re.match(r"\s+of\b", ctx.text[c.end:c.end + 4])))):
        return None  # "three-quarters of", "a quarter of the shares": fractions
    code = unit_code(unit)
    if num == "one" and unit == "day" and not g.get("rel") and \
            _MODAL_BEFORE.search(ctx.text[max(0, c.start - 12):c.start]):
        return Spec("DATE", "abs:FUTURE_REF", "none")  # "Islam will one day be": some day
    # A bare "a day"/"a year" after a rate is a SET (handled elsewhere); alone it is a duration.
    value = duration_value(n, code)
    rel = norm(g.get("rel"))
    mod = APPROX.get(norm(g.get("approx") or g.get("preapprox")))
    if g.get("num2"):
        mod = mod or "APPROX"
    if rel in ("past", "last", "previous") and not code.startswith("T"):
        return Spec("DURATION", f"dur:{value}:before" + opts(mod), "dct")
    if rel in ("next", "coming") and not code.startswith("T"):
        return Spec("DURATION", f"dur:{value}:after" + opts(mod), "dct")
    return Spec("DURATION", f"abs:{value}" + opts(mod), "none")


def duration_plural(g, c, ctx):
    """"for years", "over the years", "decades-long": a duration of unknown length."""
    return Spec("DURATION", f"abs:{duration_value(None, unit_code(g['unit']))}", "none")


def frequency(g, c, ctx):
    return Spec("SET", f"abs:{L.FREQUENCIES[norm(g['word'])]}", "none")


def every(g, c, ctx):
    if g.get("month"):
        return Spec("SET", f"abs:XXXX-{month_number(g['month']):02d}", "none")
    if g.get("season"):
        return Spec("SET", f"abs:XXXX-{L.SEASONS[norm(g['season'])]}", "none")
    unit = norm(g["unit"])
    if unit in L.PARTS_OF_DAY:
        return Spec("SET", f"abs:XXXX-XX-XXT{L.PARTS_OF_DAY[unit]}", "none")
    num = norm(g.get("num"))
    n = 2 if num == "other" else (parse_number(num) if num else 1)
    if n is None:
        return None
    return Spec("SET", f"abs:{duration_value(n, unit_code(unit))}", "none")


def reference(g, c, ctx):
    w = norm(g["word"])
    v = L.REFERENCES.get(w)
    if not v:
        return None
    if w == "one point" and tense(ctx.text, c.start, c.end) == "future":
        v = "FUTURE_REF"
    return Spec("DATE", f"abs:{v}", "none")


def recent_units(g, c, ctx):
    """"recent years", "the coming months": vague references (TimeML), not durations."""
    w = norm(g["word"])
    v = "PAST_REF" if w in ("recent", "past", "last") else "FUTURE_REF"
    return Spec("DATE", f"abs:{v}", "none")
