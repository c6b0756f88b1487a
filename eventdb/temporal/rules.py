"""Rules: how a resolution follows from an anchor, as compact strings, and ``resolve``.

A rule is ``KIND[:ARG...][;KEY=VAL...]``. It is stored with each expression so a changed anchor
(a corrected publication date, a re-dated event) re-resolves with ``resolve(rule, anchor)`` alone,
with integer calendar arithmetic (no dateparser).

Kinds (``A`` = the anchor's resolution):

==============================  =================================================================
``abs:V``                       absolute TIMEX3 value ``V`` (``2014-06-26``, ``199``, ``P3W``,
                                ``PAST_REF``, ``XXXX-WXX-1`` for a set); the anchor is ignored
``offset:±DUR``                 A shifted by ``DUR`` at the precision of DUR's unit: "yesterday"
                                ``offset:-P1D``, "last week" ``offset:-P1W``, "this month"
                                ``offset:+P0M``, "two days later" ``offset:+P2D``, "hours after"
                                ``offset:+PT?H`` (``?`` = unknown amount: A with mod AFTER/BEFORE)
``offset:±DUR:keep``            same, but keeps A's precision when finer than the unit
                                ("a year earlier" than 1989-Q3 -> 1988-Q3)
``weekday:D:DIR``               ISO weekday D (1 = Monday) nearest A in direction DIR
``month:M:DIR``                 month M (1-12) nearest A in direction DIR
``monthday:M:D:DIR``            day D of month M nearest A in direction DIR
``quarter:Q:DIR``, ``half:H:DIR``, ``season:S:DIR`` (S in SP SU FA WI): likewise
``nth:M:WD:N[:K]:DIR``           the N-th weekday WD of month M (N = -1: the last), K days later:
                                Thanksgiving ``nth:11:4:4``, US Election Day ``nth:11:1:1:1``
``easter:K:DIR``                K days from Easter Sunday (Good Friday: ``easter:-2``)
``weekend:DIR``                 the weekend (``2014-W25-WE``) nearest A in direction DIR
``inyear:Y``                    A's quarter/half/season/month/day moved into year Y ("the 1988
                                period" after "the third quarter" -> 1988-Q3)
``dur:DUR:before|after``        a duration that ends (before) or starts (after) at A: value DUR,
                                bounds the calendar span it covers ("the last three weeks")
==============================  =================================================================

DIR: ``past`` (on or before A), ``future`` (on or after A), ``near`` (whichever is closer),
``pastish`` (the latest one starting no more than 45 days after A: past tense in reported speech),
``yN`` (in the year of A plus N: "June last year" ``month:6:y-1``),
``last`` (strictly before A: "last Friday"), ``next`` (strictly after), ``this`` (same year as A).

Options: ``;wd=6`` (monthday: the weekday the date must fall on, "Saturday, April 25"),
``;mod=START`` (TIMEX3 mod: START MID END APPROX BEFORE AFTER ...), ``;within`` (an offset
reaches back to the anchor: "less than two weeks ago" may be any day since), ``;tod=NI`` or
``;tod=20:00`` (a part or time of a day: value ``2014-06-26TNI``, precision ``time``),
``;at=week`` (the unit of that precision containing the result: "the week of March 6" is
``monthday:3:6:pastish;at=week`` -> ``2000-W10``).

When A is ``None`` (unknown) a relative rule gives an underspecified value (``XXXX-WXX-4``,
``XXXX-06``, ``XXXX-XX-XX``) with no bounds.
"""

from __future__ import annotations

import re
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import lru_cache

from eventdb.temporal.calendar import (RANK, SEASONS, Cal, CalError, add_months, at, day,
                                       parse_cal)
from eventdb.temporal.model import Resolved

_UNIT_PREC = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year",
              "DE": "decade", "CE": "century", "ML": "millennium", "TH": "time", "TM": "time",
              "TS": "time"}
_UNKNOWN = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
            "year": "XXXX", "decade": "XXX", "century": "XX", "millennium": "X",
            "time": "XXXX-XX-XXTXX:XX"}
_MONTHS_PER = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200, "ML": 12000}
_DUR = re.compile(r"^([+-]?)P(T?)(\d+|\?|X)(DE|CE|ML|[YMWDQHS])$")


class RuleError(ValueError):
    """A malformed rule string."""


def offset_rule(amount: str, direction: str, keep: bool = False) -> str:
    """Rule for "<amount> before/after <anchor>", usable with any anchor (dct, timex, event).

    ``amount`` is an ISO duration with one unit (``P2D``, ``P1W``, ``PT3H``; ``?`` for an unknown
    amount: ``PT?H`` = "hours"); ``direction`` is ``"before"`` or ``"after"``.
    """
    if direction not in ("before", "after"):
        raise RuleError(f"direction must be 'before' or 'after', not {direction!r}")
    if not _DUR.match(amount.lstrip("+-")):
        raise RuleError(f"{amount!r} is not a one-unit ISO duration such as P2D or PT3H")
    rule = f"offset:{'-' if direction == 'before' else '+'}{amount.lstrip('+-')}"
    return rule + (":keep" if keep else "")


def split_rule(rule: str) -> tuple[str, list[str], dict[str, str]]:
    head, *opts = rule.split(";")
    kind, _, rest = head.partition(":")
    args = rest.split(":") if rest else []
    if kind == "abs":  # values may not contain ':' except in times (T20:00): rejoin
        args = [rest]
    options = {}
    for o in opts:
        k, _, v = o.partition("=")
        options[k] = v
    return kind, args, options


def _unit_shift(c: Cal, n: int, unit: str) -> Cal:
    """A shifted by n units, at the unit's precision (or A's, when A is coarser)."""
    ref = c.ref()
    if unit == "D":
        r = at("day", ref + timedelta(days=n))
    elif unit == "W":
        r = at("week", ref + timedelta(days=7 * n))
    elif unit in ("M", "Q"):
        r = at(_UNIT_PREC[unit], add_months(ref, n * _MONTHS_PER[unit]))
    elif unit == "Y":
        r = Cal("year", ref.year + n)
    elif unit == "DE":
        r = Cal("decade", ref.year // 10 + n)
    elif unit == "CE":
        r = Cal("century", ref.year // 100 + n)
    elif unit == "ML":
        r = Cal("millennium", ref.year // 1000 + n)
    else:
        raise RuleError(f"unknown unit {unit}")
    if RANK[c.prec] < RANK[r.prec] and c.prec != "week":  # anchor coarser than the unit
        return at(c.prec, r.ref())
    return r


def _keep_shift(c: Cal, n: int, unit: str) -> Cal | None:
    """A shifted by n units keeping A's precision, or None if A's unit does not divide evenly."""
    p = c.prec
    if RANK[p] <= RANK[_UNIT_PREC[unit]]:
        return None
    if unit == "Y" and p in ("day", "time", "week"):
        return None  # "a year earlier" than a day is read at year precision (TimeML practice)
    if unit in ("D", "W"):
        days = n * (7 if unit == "W" else 1)
        if p in ("day", "time"):  # "two days later" than 9 p.m. Tuesday: Thursday (a day)
            return day(c.ref() + timedelta(days=days))
        if p == "week" and days % 7 == 0:
            return Cal("week", *(c.ref() + timedelta(days=days)).isocalendar()[:2], we=c.we)
        return None
    months = n * _MONTHS_PER[unit]
    if p in ("day", "time"):
        return day(add_months(c.ref(), months))
    # A month anchor coarsens: "a year earlier" than "October 1989" is read as 1988.
    step = {"quarter": 3, "half": 6, "season": 12}.get(p)
    if step is None or months % step:
        return None
    return at(p, add_months(c.ref(), months))


def _dur_delta(d: date, n: int, unit: str, sign: int) -> date:
    if unit in _MONTHS_PER:
        return add_months(d, sign * n * _MONTHS_PER[unit])
    days = {"D": n, "W": 7 * n, "TH": -(-n // 24), "TM": -(-n // 1440), "TS": 0}[unit]
    return d + timedelta(days=sign * days)


def _directional(kind: str, args: list[str], c: Cal, wd: int = 0) -> Cal:
    """Weekday/month/monthday/quarter/half/season/weekend nearest the anchor in a direction."""
    direction = args[-1]
    ref = c.ref() if direction != "future" and direction != "next" else c.bounds()[1]
    if c.prec in ("day", "time"):
        ref = c.ref()
    if kind in ("weekday", "weekend"):
        wd = int(args[0]) if kind == "weekday" else 6
        # Near the calendar's ends one of the two may not exist (None): only the one picked must.
        past = _plus(ref, -((ref.isoweekday() - wd) % 7))
        fut = _plus(ref, (wd - ref.isoweekday()) % 7)
        if kind == "weekend" and ref.isoweekday() == 7:
            past = fut = _plus(ref, -1)
        if direction == "last":
            pick = past if past and past < ref and not (kind == "weekend" and past == fut) else _plus(past, -7)
        elif direction == "next":
            pick = fut if fut and fut > ref and not (kind == "weekend" and past == fut) else _plus(fut, 7)
        elif direction == "future":
            pick = fut
        elif direction == "near":
            pick = past if fut is None or (past and (ref - past) <= (fut - ref)) else fut
        else:  # past, this
            pick = past
        if pick is None:
            raise OverflowError("date value out of range")
        if kind == "weekend":
            iy, iw, _ = pick.isocalendar()
            return Cal("week", iy, iw, we=True)
        return day(pick)
    # Cyclic units (a month, a month-day, a quarter...): candidates in the years around the
    # anchor, then the one the direction asks for.
    if direction.startswith("y") and direction[1:].lstrip("+-").isdigit():
        years = [(ref if kind != "season" else date(at("season", ref).y, 6, 1)).year
                 + int(direction[1:])]
    else:
        years = list(range(ref.year - 8, ref.year + 9)) if kind == "monthday" else \
            list(range(ref.year - 2, ref.year + 3))
    years = [y for y in years if MINYEAR <= y <= MAXYEAR]  # candidates inside the calendar
    cands = [c for c in (_cycle(kind, args, y) for y in years) if c is not None]
    if wd and kind == "monthday":
        # "Saturday, April 25": only the years in which April 25 is a Saturday.
        cands = [c for c in cands if c.ref().isoweekday() == wd] or cands
    if kind == "dom":
        cands = [c for c in (_within(_dom, int(args[0]), ref, k) for k in range(-3, 4)) if c is not None]
    spans = [(c, *b) for c in cands if (b := _within(c.bounds)) is not None]
    if not spans:
        if not years:
            raise OverflowError("date value out of range")
        raise RuleError(f"no date for {kind}:{':'.join(args)}")
    if len(years) == 1 and kind != "dom":
        return spans[0][0]
    if direction == "pastish":
        ok = [s for s in spans if s[1] <= (_plus(ref, 45) or date.max)]
        return max(ok, key=lambda s: s[1])[0] if ok else min(spans, key=lambda s: s[1])[0]
    if direction == "past":
        ok = [s for s in spans if s[1] <= ref]
        return max(ok, key=lambda s: s[1])[0] if ok else min(spans, key=lambda s: s[1])[0]
    if direction == "future":
        ok = [s for s in spans if s[2] >= ref]
        return min(ok, key=lambda s: s[1])[0] if ok else max(spans, key=lambda s: s[1])[0]
    if direction == "last":
        ok = [s for s in spans if s[2] < ref]
        return max(ok, key=lambda s: s[1])[0] if ok else min(spans, key=lambda s: s[1])[0]
    if direction == "next":
        ok = [s for s in spans if s[1] > ref]
        return min(ok, key=lambda s: s[1])[0] if ok else max(spans, key=lambda s: s[1])[0]
    if direction == "this":
        ok = [s for s in spans if s[1].year == ref.year] or spans
        return ok[0][0]
    # near: the closest; ties go to the past
    def dist(s):
        if s[1] <= ref <= s[2]:
            return (0, 0)
        return (min(abs((s[1] - ref).days), abs((s[2] - ref).days)), 0 if s[1] <= ref else 1)
    return min(spans, key=dist)[0]


def _cycle(kind: str, args: list[str], y: int) -> Cal | None:
    if kind == "month":
        return Cal("month", y, int(args[0]))
    if kind == "monthday":
        return Cal("day", y, int(args[0]), int(args[1])) if _safe_date(y, int(args[0]), int(args[1])) else None
    if kind == "quarter":
        return Cal("quarter", y, int(args[0]))
    if kind == "half":
        return Cal("half", y, int(args[0]))
    if kind == "season":
        return Cal("season", y, SEASONS.index(args[0]) + 1)
    if kind == "nth":  # nth:M:WD:N  (N = -1: the last one) -- Thanksgiving = nth:11:4:4
        m, wd, n = int(args[0]), int(args[1]), int(args[2])
        first = date(y, m, 1)
        d = first + timedelta(days=(wd - first.isoweekday()) % 7)
        if n > 0:
            d += timedelta(days=7 * (n - 1))
        else:
            while (d + timedelta(days=7)).month == m:
                d += timedelta(days=7)
        if d.month != m:
            return None
        return day(d + timedelta(days=int(args[3]))) if len(args) > 4 else day(d)
    if kind == "easter":  # easter:OFFSET -- days from Easter Sunday (Good Friday = easter:-2)
        return day(easter(y) + timedelta(days=int(args[0])))
    if kind == "dom":
        return None
    raise RuleError(f"unknown rule kind {kind!r}")


def easter(y: int) -> date:
    """Easter Sunday of year y (Gregorian calendar; the anonymous "computus")."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    return date(y, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1)


def _dom(d: int, ref: date, k: int) -> Cal | None:
    first = add_months(date(ref.year, ref.month, 1), k)
    return Cal("day", first.year, first.month, d) if _safe_date(first.year, first.month, d) else None


def _plus(d: date | None, days: int) -> date | None:
    """``d`` shifted by ``days``, or None past the calendar's ends (years 1-9999)."""
    try:
        return d + timedelta(days=days) if d is not None else None
    except OverflowError:
        return None


def _within(function, *args):  # noqa: ANN001, ANN002, ANN202
    """``function(*args)``, or None when its dates fall outside years 1-9999."""
    try:
        return function(*args)
    except (OverflowError, ValueError):
        return None


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _unknown(kind: str, args: list[str]) -> str:
    if kind == "weekday":
        return f"XXXX-WXX-{args[0]}"
    if kind == "weekend":
        return "XXXX-WXX-WE"
    if kind == "month":
        return f"XXXX-{int(args[0]):02d}"
    if kind == "monthday":
        return f"XXXX-{int(args[0]):02d}-{int(args[1]):02d}"
    if kind == "quarter":
        return f"XXXX-Q{args[0]}"
    if kind == "half":
        return f"XXXX-H{args[0]}"
    if kind == "season":
        return f"XXXX-{args[0]}"
    if kind == "nth":
        return f"XXXX-{int(args[0]):02d}-XX"
    if kind == "easter":
        return "XXXX-XX-XX"
    if kind == "dom":
        return f"XXXX-XX-{int(args[0]):02d}"
    raise RuleError(f"unknown rule kind {kind!r}")


def _finish(c: Cal | None, value: str | None, options: dict[str, str],
            base: Resolved | None = None) -> Resolved:
    mod = options.get("mod") or None
    tod = options.get("tod")
    if c is not None:
        if options.get("at"):
            c = at(options["at"], c.ref())
        if tod and c.prec == "day":
            c = Cal("time", c.y, c.a, c.b, tod)
        return c.resolved(mod)
    if base is not None:
        r = base
        if tod and r.value[:1] == "X" and "T" not in r.value:
            r = Resolved(r.value + "T" + tod, r.mod, r.precision, r.earliest, r.latest, r.edtf)
        return Resolved(r.value, mod or r.mod, r.precision, r.earliest, r.latest, r.edtf)
    v = value or "XXXX"
    if tod and "T" not in v:
        v = v + "T" + tod
    return Resolved(v, mod)


def anchor_cal(anchor: Resolved | None) -> Cal | None:
    if anchor is None:
        return None
    try:
        return parse_cal(anchor.value)[0]
    except CalError:
        return None


@lru_cache(maxsize=131072)
def resolve(rule: str, anchor: Resolved | None) -> Resolved:
    """Resolve ``rule`` against ``anchor`` (``None`` = unknown). Pure and cached."""
    kind, args, options = split_rule(rule)
    if kind == "abs":
        if not args or not args[0]:
            raise RuleError(f"{rule!r}: abs needs a value")
        try:
            c, r = parse_cal(args[0])
        except CalError as e:
            raise RuleError(f"{rule!r}: {e}") from None
        return _finish(c, None, options, base=r)
    c = anchor_cal(anchor)
    if kind == "offset":
        m = _DUR.match(args[0]) if args else None
        if not m:
            raise RuleError(f"{rule!r}: bad offset")
        sign = -1 if m.group(1) == "-" else 1
        unit = ("T" + m.group(4)) if m.group(2) else m.group(4)
        if unit in ("H", "S"):  # P1H / P1S without T: not ISO 8601
            raise RuleError(f"{rule!r}: hours, minutes and seconds need a T (PT3H)")
        amount = m.group(3)
        keep = len(args) > 1 and args[1] == "keep"
        if c is None:
            return _finish(None, _UNKNOWN.get(_UNIT_PREC.get(unit, "day"), "XXXX"), options)
        if amount in ("?", "X") or unit.startswith("T"):
            # Unknown amount, or hours/minutes: the anchor's own unit, marked before/after.
            if unit.startswith("T") and amount not in ("?", "X") and c.prec in ("day", "time"):
                n = int(amount)
                secs = {"TH": 3600, "TM": 60, "TS": 1}[unit] * n * sign
                if c.prec == "time" and c.tod and ":" in c.tod:
                    hh, mm = int(c.tod[:2]), int(c.tod[3:5])
                    zone = "Z" if c.tod.endswith("Z") else ""
                    total = (hh * 60 + mm) * 60 + secs
                    d = c.ref() + timedelta(days=total // 86400)
                    rem = total % 86400
                    return _finish(Cal("time", d.year, d.month, d.day,
                                       f"{rem // 3600:02d}:{rem % 3600 // 60:02d}{zone}"),
                                   None, options)
                if abs(secs) >= 86400:
                    d = c.ref() + timedelta(days=int(secs / 86400))
                    return _finish(day(d), None, options)
            o = dict(options)
            o.setdefault("mod", "AFTER" if sign > 0 else "BEFORE")
            return _finish(Cal(c.prec, c.y, c.a, c.b, c.tod, c.we), None, o)
        n = sign * int(amount)
        r = _keep_shift(c, n, unit) if keep else None
        if r is None:
            r = _unit_shift(c, n, unit)
        done = _finish(r, None, options)
        if options.get("within") is not None and unit in ("D", "W", "M", "Y"):
            # "less than two weeks ago": any day from two weeks before the anchor to it, not
            # that week alone (the value stays the TIMEX3 one: 2010-W22, mod LESS_THAN)
            e, l = c.bounds()
            if sign < 0:
                e = _dur_delta(e, -n, unit, -1)
            else:
                l = _dur_delta(l, n, unit, +1)
            return Resolved(done.value, done.mod, done.precision, e, l, f"{e.isoformat()}/{l.isoformat()}")
        return done
    if kind == "dur":
        m = _DUR.match(args[0]) if args else None
        if not m or len(args) < 2:
            raise RuleError(f"{rule!r}: bad duration rule")
        value = "P" + m.group(2) + m.group(3) + m.group(4)
        mod = options.get("mod") or None
        if c is None or m.group(3) in ("?", "X"):
            return Resolved(value, mod)
        unit = ("T" + m.group(4)) if m.group(2) else m.group(4)
        e, l = c.bounds()
        if args[1] == "before":
            e = _dur_delta(l, int(m.group(3)), unit, -1)
        else:
            l = _dur_delta(e, int(m.group(3)), unit, +1)
        if e > l:
            e, l = l, e
        return Resolved(value, mod, None, e, l, f"{e.isoformat()}/{l.isoformat()}")
    if kind == "inyear":
        y = int(args[0])
        if c is None:
            return _finish(None, f"{y:04d}", options)
        if c.prec in ("day", "time"):
            d = add_months(c.ref(), 12 * (y - c.y))
            return _finish(Cal(c.prec, d.year, d.month, d.day, c.tod), None, options)
        if c.prec in ("month", "quarter", "half", "season"):
            return _finish(Cal(c.prec, y, c.a), None, options)
        return _finish(Cal("year", y), None, options)
    if c is None:
        return _finish(None, _unknown(kind, args), options)
    return _finish(_directional(kind, args, c, int(options.get("wd", 0))), None, options)
