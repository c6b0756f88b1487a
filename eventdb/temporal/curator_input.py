"""Dates as historians write them: what a curator types, to a rule and a :class:`Resolved`.

``interpret_input(text, anchor)`` reads EDTF (level 1: ``2014-06?``, ``2014-06~``, ``2014-06%``,
``2014-06-20/2014-06-24``, ``../1980-01-01``, ``1980-01-01/..``, ``198X``; and the open sets
``[..1979]``, ``[1980..]``), qualifier words ("before 1980", "on or before 27 June 2014",
"after 12 June", "between 2004 and 2006", "circa 1990", "around 2020", "June 2014 (uncertain)")
and whatever the temporal engine reads ("the late 1980s", "the day before", "last thursday"),
resolved against the anchor. The qualifier is never dropped: it is the TIMEX3 ``mod``, the EDTF
qualifier, and the bounds the chronology sorts by.

Bounds, as the chronology needs them (``earliest``/``latest``, inclusive; ``None`` = open):

- "before X": ``None`` .. the day before X starts; "on or before X": ``None`` .. the end of X;
  "after X": the day after X ends .. ``None``; "on or after X": the start of X .. ``None``.
- "early/mid/late X" (TIMEX3 ``START``/``MID``/``END``): the first half, the middle half, the
  last half of X, in whole units one step finer ("the late 1980s" is 1985-1989, "early June
  2014" 1-15 June, "mid-2014" April-September).
- "circa X", "about X", ``X~`` (``APPROX``): X widened by :data:`APPROX_WINDOW` each side
  ("circa 1990" is 1988-1992). ``X?`` (uncertain) keeps X's bounds: the doubt is in ``edtf``.
- "between A and B", ``A/B``: from the start of A to the end of B; the TIMEX3 value is the
  duration (``P3Y``), as TimeML writes a span, and ``edtf`` is the interval.

Yearless days and months inside a qualifier take the anchor's year ("after 12 June" with an
anchor in 2014 is after 12 June 2014).

Rules (stored with the curator's assertion; ``resolve_input(rule, anchor)`` gives the same
resolution again): the engine's rules (``eventdb.temporal.rules``), ``q:QUAL:RULE`` (a qualifier
on a rule: BEFORE, ON_OR_BEFORE, AFTER, ON_OR_AFTER, APPROX, UNCERTAIN, APPROX_UNCERTAIN) and
``range:RULE|RULE``.

EDTF syntax is read by the small table below rather than the ``edtf`` package (ixc): that
package costs 80 ms to import (pyparsing, dateutil) and 2-18 ms a parse, invents a ten-year end
for an unknown interval end (``1980-01-01/`` ends in 1990) and gives bounds as
``time.struct_time``; the calendar parser here already reads every EDTF level 0/1 date form
(``2014-06``, ``198X``, ``19XX``, ``2014-06-XX``, seasons ``2014-21``), so only the qualifiers
and the interval syntax were missing. Pure functions, no database.
"""

from __future__ import annotations

import calendar as _stdcal
import re
from datetime import date, timedelta

from eventdb.temporal import TemporalError
from eventdb.temporal.api import interpret, resolve
from eventdb.temporal.calendar import RANK, CalError, add_months, at
from eventdb.temporal.model import Resolved
from eventdb.temporal.rules import split_rule

__all__ = ["interpret_input", "resolve_input", "APPROX_WINDOW", "FORMS"]

#: "circa X" / ``X~``: X widened by this much on each side, by X's precision (amount, unit).
APPROX_WINDOW: dict[str, tuple[int, str]] = {
    "time": (1, "D"), "day": (3, "D"), "week": (7, "D"), "month": (1, "M"), "season": (1, "M"),
    "quarter": (1, "M"), "half": (2, "M"), "year": (2, "Y"), "decade": (5, "Y"),
    "century": (25, "Y"), "millennium": (100, "Y"),
}
#: "early/mid/late X": X split into units one step finer.
_SUBUNIT = {"millennium": "year", "century": "year", "decade": "year", "year": "month",
            "half": "month", "season": "month", "quarter": "month", "month": "day",
            "week": "day"}
QUALIFIERS = ("BEFORE", "ON_OR_BEFORE", "AFTER", "ON_OR_AFTER", "APPROX", "UNCERTAIN",
              "APPROX_UNCERTAIN")
_EDTF_QUALIFIER = {"?": "UNCERTAIN", "~": "APPROX", "%": "APPROX_UNCERTAIN"}

# --- the table ----------------------------------------------------------------------------------
#: An EDTF date (level 0/1 forms the calendar parser reads), without a qualifier.
_POINT = r"(?:\d{4}(?:-(?:\d\d|XX)){0,2}|\d{3}X|\d\dXX|XXXX)"
_A = r"(?P<a>.+?)"
_B = r"(?P<b>.+)"
_D = r"(?P<d>.+?)"

#: Curator input forms, tried in order on the whole input (lower case, spaces collapsed). ``build``
#: is "edtf" (EDTF syntax), "range" (groups a and b), "qual" (group d with ``qual``), or "plain"
#: (group d read as it is). Each example is (input, value, mod, earliest, latest, edtf) with the
#: anchor :data:`EXAMPLE_ANCHOR` (Friday 27 June 2014); the tests run every one of them.
FORMS: list[dict] = [
    dict(name="edtf-qualified", build="edtf", re=rf"(?P<v>{_POINT})(?P<q>[?~%])", examples=[
        ("2014-06?", "2014-06", None, "2014-06-01", "2014-06-30", "2014-06?"),
        ("2014-06~", "2014-06", "APPROX", "2014-05-01", "2014-07-31", "2014-06~"),
        ("1970?", "1970", None, "1970-01-01", "1970-12-31", "1970?"),
        ("2014-06%", "2014-06", "APPROX", "2014-05-01", "2014-07-31", "2014-06%"),
    ]),
    dict(name="edtf-interval", build="edtf",
         re=rf"(?P<a>{_POINT}[?~%]?|\.\.|)/(?P<b>{_POINT}[?~%]?|\.\.|)", examples=[
             ("2014-06-20/2014-06-24", "P5D", None, "2014-06-20", "2014-06-24",
              "2014-06-20/2014-06-24"),
             ("../1980-01-01", "1980-01-01", "ON_OR_BEFORE", None, "1980-01-01", "../1980-01-01"),
             ("1980-01-01/..", "1980-01-01", "ON_OR_AFTER", "1980-01-01", None, "1980-01-01/.."),
             ("1985/1989", "P5Y", None, "1985-01-01", "1989-12-31", "1985/1989"),
         ]),
    dict(name="edtf-open-set", build="edtf",
         re=rf"\[(?:\.\.(?P<b>{_POINT})|(?P<a>{_POINT})\.\.)\]", examples=[
             ("[..1979]", "1979", "ON_OR_BEFORE", None, "1979-12-31", "../1979"),
             ("[1980..]", "1980", "ON_OR_AFTER", "1980-01-01", None, "1980/.."),
         ]),
    dict(name="years", build="range", re=r"(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{4})", examples=[
        ("2004-2006", "P3Y", None, "2004-01-01", "2006-12-31", "2004/2006"),
    ]),
    dict(name="between", build="range",
         re=rf"(?:between|from)\s+{_A}\s+(?:and|to|until|till|through)\s+{_B}",
         examples=[
             ("between 2004 and 2006", "P3Y", None, "2004-01-01", "2006-12-31", "2004/2006"),
             ("between 20 and 24 June 2014", "P5D", None, "2014-06-20", "2014-06-24",
              "2014-06-20/2014-06-24"),
             ("from June to August 2014", "P3M", None, "2014-06-01", "2014-08-31",
              "2014-06/2014-08"),
         ]),
    dict(name="days", build="range", re=rf"{_A}\s*(?:–|\s-\s|\bto\b)\s*{_B}", examples=[
        ("20–24 June 2014", "P5D", None, "2014-06-20", "2014-06-24", "2014-06-20/2014-06-24"),
    ]),
    dict(name="on-or-before", build="qual", qual="ON_OR_BEFORE",
         re=rf"(?:on or before|no later than|not later than|by|until|till|up to)\s+{_D}",
         examples=[
             ("on or before 27 June 2014", "2014-06-27", "ON_OR_BEFORE", None, "2014-06-27",
              "../2014-06-27"),
             ("by 1980", "1980", "ON_OR_BEFORE", None, "1980-12-31", "../1980"),
         ]),
    dict(name="before", build="qual", qual="BEFORE",
         re=rf"(?:some ?time before|before|prior to|earlier than)\s+{_D}", examples=[
             ("before 1980", "1980", "BEFORE", None, "1979-12-31", "../1979"),
             ("before 12 June", "2014-06-12", "BEFORE", None, "2014-06-11", "../2014-06-11"),
         ]),
    dict(name="on-or-after", build="qual", qual="ON_OR_AFTER",
         re=rf"(?:on or after|no earlier than|not earlier than|since|from)\s+{_D}", examples=[
             ("since 2004", "2004", "ON_OR_AFTER", "2004-01-01", None, "2004/.."),
         ]),
    dict(name="after", build="qual", qual="AFTER",
         re=rf"(?:some ?time after|after|later than)\s+{_D}", examples=[
             ("after 12 June", "2014-06-12", "AFTER", "2014-06-13", None, "2014-06-13/.."),
             ("after 1979", "1979", "AFTER", "1980-01-01", None, "1980/.."),
         ]),
    dict(name="circa", build="qual", qual="APPROX",
         re=rf"(?:circa|ca\.?|c\.|around|about|approximately|approx\.|roughly|"
            rf"some ?time around)\s*{_D}", examples=[
             ("circa 1990", "1990", "APPROX", "1988-01-01", "1992-12-31", "1990~"),
             ("around 2020", "2020", "APPROX", "2018-01-01", "2022-12-31", "2020~"),
             ("c. 1990", "1990", "APPROX", "1988-01-01", "1992-12-31", "1990~"),
             ("about June 2014", "2014-06", "APPROX", "2014-05-01", "2014-07-31", "2014-06~"),
         ]),
    dict(name="or-so", build="qual", qual="APPROX", re=rf"{_D}\s+or so", examples=[
        ("1990 or so", "1990", "APPROX", "1988-01-01", "1992-12-31", "1990~"),
    ]),
    dict(name="uncertain", build="qual", qual="UNCERTAIN",
         re=rf"(?:possibly|perhaps|probably|maybe)\s+{_D}|(?P<e>.+?)\s*(?:\(uncertain\)|\(\?\)|\?)",
         examples=[
             ("June 2014 (uncertain)", "2014-06", None, "2014-06-01", "2014-06-30", "2014-06?"),
             ("probably 1970", "1970", None, "1970-01-01", "1970-12-31", "1970?"),
         ]),
    dict(name="sometime", build="plain", re=rf"(?:some ?time\s+)?(?:in|during)\s+{_D}", examples=[
        ("sometime in 2014", "2014", None, "2014-01-01", "2014-12-31", "2014"),
    ]),
    # Everything else goes to the temporal engine; these examples show what comes back.
    dict(name="engine", build=None, re=None, examples=[
        ("late 1980s", "198", "END", "1985-01-01", "1989-12-31", "1985/1989"),
        ("the early 1980s", "198", "START", "1980-01-01", "1984-12-31", "1980/1984"),
        ("early June 2014", "2014-06", "START", "2014-06-01", "2014-06-15",
         "2014-06-01/2014-06-15"),
        ("mid-2014", "2014", "MID", "2014-04-01", "2014-09-30", "2014-04/2014-09"),
        ("the day before", "2014-06-26", None, "2014-06-26", "2014-06-26", "2014-06-26"),
        ("last thursday", "2014-06-26", None, "2014-06-26", "2014-06-26", "2014-06-26"),
        ("198X", "198", None, "1980-01-01", "1989-12-31", "198X"),
        ("the 1980s", "198", None, "1980-01-01", "1989-12-31", "198X"),
        ("summer 2014", "2014-SU", None, "2014-06-01", "2014-08-31", "2014-22"),
    ]),
]
EXAMPLE_ANCHOR = Resolved("2014-06-27", None, "day", date(2014, 6, 27), date(2014, 6, 27),
                          "2014-06-27")
_COMPILED = [(f, re.compile(f["re"], re.IGNORECASE)) for f in FORMS if f["re"]]

# --- reading ------------------------------------------------------------------------------------
_NAMES = {n.lower(): n for n in [*_stdcal.month_name[1:], *_stdcal.month_abbr[1:],
                                 *_stdcal.day_name, *_stdcal.day_abbr]}
_NAME = re.compile(r"\b(" + "|".join(sorted(_NAMES, key=len, reverse=True)) + r")\b",
                   re.IGNORECASE)
#: Rule kinds whose direction a qualifier replaces by "the anchor's year".
_YEARLESS = ("month", "monthday", "season", "quarter", "half")


def _capitalised(text: str) -> str:
    """Month and weekday names as the engine's case-sensitive tables want them ("thursday")."""
    return _NAME.sub(lambda m: _NAMES[m.group(1).lower()], text)


def _engine(text: str, anchor: Resolved | None, in_year: bool) -> str:
    """The engine's rule for ``text`` (typed in any case). ``in_year``: a yearless day or month
    is the one in the anchor's year."""
    try:
        rule, _ = interpret(text, anchor)
    except TemporalError as first:
        fixed = _capitalised(text)
        if fixed == text:
            raise
        try:
            rule, _ = interpret(fixed, anchor)
        except TemporalError:
            raise first from None
    if in_year:
        kind, args, _options = split_rule(rule)
        if kind in _YEARLESS and args and not args[-1].startswith("y"):
            head, sep, opts = rule.partition(";")
            rule = head.rsplit(":", 1)[0] + ":this" + sep + opts
            resolve(rule, anchor)  # the anchor must be known: raises a one-line TemporalError
    return rule


def _edtf_rule(m: re.Match, anchor: Resolved | None) -> str:
    g = m.groupdict()
    if g.get("v"):
        return f"q:{_EDTF_QUALIFIER[g['q']]}:abs:{g['v']}"
    a, b = g.get("a"), g.get("b")

    def point(text: str) -> str:
        if text[-1] in _EDTF_QUALIFIER:
            return f"q:{_EDTF_QUALIFIER[text[-1]]}:abs:{text[:-1]}"
        return f"abs:{text}"

    if a in (None, "", "..") and b in (None, "", ".."):
        raise TemporalError("an interval needs at least one known end (1980-01-01/..)")
    if a in (None, "", ".."):
        return f"q:ON_OR_BEFORE:{point(b)}"
    if b in (None, "", ".."):
        return f"q:ON_OR_AFTER:{point(a)}"
    return f"range:{point(a)}|{point(b)}"


def _range_rule(a: str, b: str, anchor: Resolved | None) -> str:
    """Rules for "between A and B": A borrows B's month and year when it has none
    ("between 20 and 24 June 2014"), B's year when it has no year ("from June to August 2014")."""
    rb = _rule(b, anchor, in_year=True)
    end = resolve_input(rb, anchor)
    tries = [a]
    if end.earliest is not None and not re.search(r"\d{4}", a):
        if a.strip().isdigit() and end.precision == "day":
            tries.insert(0, f"{a.strip()} {_stdcal.month_name[end.earliest.month]} "
                            f"{end.earliest.year}")
        else:
            tries.insert(0, f"{a} {end.earliest.year}")
    error: TemporalError | None = None
    for text in tries:
        try:
            return f"range:{_rule(text, anchor, in_year=True)}|{rb}"
        except TemporalError as exc:
            error = error or exc
    assert error is not None
    raise error


def _rule(text: str, anchor: Resolved | None, *, in_year: bool = False, depth: int = 0) -> str:
    s = " ".join(text.split()).rstrip(".").strip()
    if not s:
        raise TemporalError("empty date")
    if depth > 2:
        raise TemporalError(f"too many qualifiers in {text!r}")
    for form, pattern in _COMPILED:
        m = pattern.fullmatch(s)
        if m is None:
            continue
        build = form["build"]
        try:
            if build == "edtf":
                return _edtf_rule(m, anchor)
            if build == "range":
                return _range_rule(m.group("a"), m.group("b"), anchor)
            inner = next(g for g in m.groups() if g)
            rule = _rule(inner, anchor, in_year=True, depth=depth + 1)
            return rule if build == "plain" else f"q:{form['qual']}:{rule}"
        except TemporalError:
            if build == "range" or form["name"] in ("uncertain", "sometime"):
                continue  # "20 to 24 June" may be a range; a later form or the engine may read it
            raise
    return _engine(s, anchor, in_year)


def interpret_input(text: str, anchor: Resolved | None) -> tuple[str, Resolved]:
    """What a curator typed -> ``(rule, Resolved)``; TemporalError (one line) when unreadable."""
    rule = _rule(text or "", anchor)
    return rule, resolve_input(rule, anchor)


# --- resolving ----------------------------------------------------------------------------------
def _shift(d: date, n: int, unit: str) -> date:
    """``d`` moved by n days, months or years; a month's last day stays a month's last day."""
    try:
        if unit == "D":
            return d + timedelta(days=n)
        moved = add_months(d, n * (12 if unit == "Y" else 1))
        if (d + timedelta(days=1)).day == 1:
            moved = moved.replace(day=_stdcal.monthrange(moved.year, moved.month)[1])
        return moved
    except (ValueError, OverflowError):
        raise TemporalError("the date would fall outside years 1-9999") from None


def _span(r: Resolved, what: str) -> tuple[date, date]:
    if r.earliest is None or r.latest is None:
        raise TemporalError(f"{what} needs a calendar date, not {r.value!r}")
    return r.earliest, r.latest


def _point(r: Resolved, end: str) -> str:
    """An EDTF point for one end of ``r`` (its own EDTF when it is a single unit)."""
    if r.edtf and "/" not in r.edtf:
        return r.edtf
    return (r.earliest if end == "start" else r.latest).isoformat()  # type: ignore[union-attr]


def _unit_edtf(d: date, precision: str | None) -> str:
    """The EDTF of the unit at ``precision`` that contains day ``d`` (a day when none fits)."""
    try:
        e = at(precision or "day", d).edtf() or d.isoformat()
    except (KeyError, CalError, ValueError):
        return d.isoformat()
    return d.isoformat() if "/" in e else e


def _qualify(r: Resolved, qual: str) -> Resolved:
    e, l = _span(r, "a qualified date")
    prec = r.precision
    if qual == "BEFORE":
        l = _shift(e, -1, "D")
        return Resolved(r.value, qual, prec, None, l, f"../{_unit_edtf(l, prec)}")
    if qual == "ON_OR_BEFORE":
        return Resolved(r.value, qual, prec, None, l, f"../{_point(r, 'end')}")
    if qual == "AFTER":
        e = _shift(l, 1, "D")
        return Resolved(r.value, qual, prec, e, None, f"{_unit_edtf(e, prec)}/..")
    if qual == "ON_OR_AFTER":
        return Resolved(r.value, qual, prec, e, None, f"{_point(r, 'start')}/..")
    mark = {"APPROX": "~", "UNCERTAIN": "?", "APPROX_UNCERTAIN": "%"}[qual]
    if r.edtf and "/" not in r.edtf:
        edtf = r.edtf.rstrip("?~%") + mark
    else:
        edtf = f"{e.isoformat()}{mark}/{l.isoformat()}{mark}"
    if qual == "UNCERTAIN":
        return Resolved(r.value, r.mod, prec, e, l, edtf)
    amount, unit = APPROX_WINDOW.get(prec or "day", (3, "D"))
    return Resolved(r.value, "APPROX", prec, _shift(e, -amount, unit), _shift(l, amount, unit),
                    edtf)


def _duration(a: Resolved, b: Resolved, e: date, l: date) -> str:
    if a.precision == b.precision == "year":
        return f"P{l.year - e.year + 1}Y"
    if a.precision == b.precision == "decade":
        return f"P{l.year // 10 - e.year // 10 + 1}DE"
    if a.precision == b.precision == "month":
        return f"P{(l.year - e.year) * 12 + l.month - e.month + 1}M"
    return f"P{(l - e).days + 1}D"


def _range(a: Resolved, b: Resolved) -> Resolved:
    e, _ = _span(a, "the start of a period")
    _, l = _span(b, "the end of a period")
    if e > l:
        raise TemporalError(f"the end ({b.value}) comes before the start ({a.value})")
    finer = max((p for p in (a.precision, b.precision) if p), key=RANK.__getitem__, default=None)
    return Resolved(_duration(a, b, e, l), None, finer, e, l,  # type: ignore[arg-type]
                    f"{_point(a, 'start')}/{_point(b, 'end')}")


def _units(e: date, l: date, unit: str) -> list[tuple[date, date]]:
    out = []
    d = e
    while d <= l:
        if unit == "day":
            nxt = d + timedelta(days=1)
        elif unit == "month":
            nxt = add_months(d.replace(day=1), 1)
        else:
            nxt = date(d.year + 1, 1, 1) if d.year < 9999 else date.max
        out.append((d, min(nxt - timedelta(days=1), l) if nxt != date.max else l))
        if nxt == date.max:
            break
        d = nxt
    return out


def _part(r: Resolved) -> Resolved:
    """"early/mid/late X": X's first half, middle half or last half, in finer whole units."""
    unit = _SUBUNIT.get(r.precision or "")
    if unit is None or r.earliest is None or r.latest is None:
        return r
    units = _units(r.earliest, r.latest, unit)
    n = len(units)
    half = -(-n // 2)
    first, last = {"START": (0, half - 1), "END": (n - half, n - 1),
                   "MID": (n // 4, n - n // 4 - 1)}[r.mod]  # type: ignore[index]
    e, l = units[first][0], units[last][1]
    fmt = {"day": lambda d: d.isoformat(), "month": lambda d: d.isoformat()[:7],
           "year": lambda d: f"{d.year:04d}"}[unit]
    return Resolved(r.value, r.mod, r.precision, e, l, f"{fmt(e)}/{fmt(l)}")


def _adjust(r: Resolved) -> Resolved:
    """The engine's resolution with its mod's meaning put into the bounds."""
    if r.mod in ("START", "MID", "END"):
        return _part(r)
    if r.mod == "APPROX" and r.earliest is not None:
        return _qualify(Resolved(r.value, None, r.precision, r.earliest, r.latest, r.edtf),
                        "APPROX")
    return r


def resolve_input(rule: str, anchor: Resolved | None) -> Resolved:
    """Resolve a rule of :func:`interpret_input` against an anchor (``None``: unknown)."""
    if rule.startswith("q:"):
        _, qual, inner = rule.split(":", 2)
        if qual not in QUALIFIERS:
            raise TemporalError(f"unknown qualifier {qual!r}")
        return _qualify(resolve_input(inner, anchor), qual)
    if rule.startswith("range:"):
        a, sep, b = rule[len("range:"):].partition("|")
        if not sep:
            raise TemporalError(f"{rule!r}: a range needs two rules")
        return _range(resolve_input(a, anchor), resolve_input(b, anchor))
    return _adjust(resolve(rule, anchor))
