"""Dates in the words a curator reads: "27 June 2014", "on or before 27 June 2014", "the late 1980s".

One function, :func:`date_words`, for every place that shows a stored date to a person (the TUI's
chronology, evidence pane, dialogs and toasts, the CLI's tables, the history, the CSV's
``date_words`` column). It reads the stored columns (TIMEX3 ``value`` and ``mod``, ``precision``,
``earliest``/``latest``, ``edtf``) and never shows TIMEX3 or EDTF notation: the qualifier that
EDTF keeps as ``?`` or ``~`` is said as "(uncertain)" or "about".

``width`` asks for a form of at most that many cells (the TUI's date column): the full words when
they fit, else the same words with short month names, else a compact form ("≤ 27 Jun 2014").
Pure functions, no database.
"""

from __future__ import annotations

import calendar as _stdcal
import re
from datetime import date
from functools import lru_cache

from eventdb.temporal.calendar import SEASONS, CalError, parse_cal
from eventdb.temporal.model import Resolved

__all__ = ["date_words", "words_of", "UNKNOWN"]

UNKNOWN = "unknown"
MONTHS = [_stdcal.month_name[i] for i in range(1, 13)]
WEEKDAYS = [_stdcal.day_name[i] for i in range(7)]
SEASON_WORDS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night",
                "DT": "daytime", "MI": "midday"}
#: TIMEX3 mods that put a date before or after the one named: (long words, compact symbol).
RELATIVE_MODS = {
    "BEFORE": ("before", "<"), "ON_OR_BEFORE": ("on or before", "≤"),
    "AFTER": ("after", ">"), "ON_OR_AFTER": ("on or after", "≥"),
    "LESS_THAN": ("less than", "<"), "EQUAL_OR_LESS": ("at most", "≤"),
    "MORE_THAN": ("more than", ">"), "EQUAL_OR_MORE": ("at least", "≥"),
}
#: Precisions coarse enough that historians write "circa" rather than "about".
_CIRCA = {"year", "decade", "century", "millennium"}
_ORDINAL = {1: "st", 2: "nd", 3: "rd"}


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else _ORDINAL.get(n % 10, 'th')}"


def _month(m: int, short: bool) -> str:
    return MONTHS[m - 1][:3] if short else MONTHS[m - 1]


def _day(d: date, short: bool) -> str:
    return f"{d.day} {_month(d.month, short)} {d.year}"


def _unit(value: str, short: bool) -> tuple[str, str] | None:
    """(words, precision) for one calendar unit written as a TIMEX3/EDTF value, else None.

    Decades and centuries come with "the" ("the 1980s"); callers that put a word before them
    ("the late 1980s", "circa 1990") handle the article.
    """
    try:
        cal, res = parse_cal(value)
    except CalError:
        return None
    if cal is None:
        if res.earliest is not None and res.precision == "month":  # 2014-06-XX
            return f"{_month(res.earliest.month, short)} {res.earliest.year}", "month"
        return None
    p, y, a = cal.prec, cal.y, cal.a
    if p == "day":
        return _day(date(y, a, cal.b), short), p
    if p == "time":
        day = _day(date(y, a, cal.b), short)
        tod = cal.tod or ""
        if tod[:2] in PARTS_OF_DAY:
            return f"{day}, {PARTS_OF_DAY[tod[:2]]}", p
        return f"{day} {tod.rstrip('Z')}{' UTC' if tod.endswith('Z') else ''}", p
    if p == "week":
        if cal.we:
            return (f"weekend of week {a} of {y}" if not short else f"wkend {a} {y}"), p
        return (f"week {a} of {y}" if not short else f"wk {a} {y}"), p
    if p == "month":
        return f"{_month(a, short)} {y}", p
    if p == "quarter":
        return f"Q{a} {y}", p
    if p == "half":
        return (f"{'first' if a == 1 else 'second'} half of {y}" if not short else f"H{a} {y}"), p
    if p == "season":
        return f"{SEASON_WORDS[SEASONS[a - 1]]} {y}", p
    if p == "year":
        return str(y), p
    if p == "decade":
        return f"the {y * 10}s", p
    if p == "century":
        return f"the {_ordinal(y + 1)} century", p
    return f"the {_ordinal(y + 1)} millennium", p


_EDTF_POINT = re.compile(r"^(?P<v>[0-9X-]+?)(?P<q>[?~%]?)$")


def _edtf_point(text: str, short: bool) -> tuple[str, str] | None:
    m = _EDTF_POINT.match(text)
    if not m:
        return None
    found = _unit(m.group("v"), short)
    if found is None:
        return None
    return _qualified(found[0], found[1], None, m.group("q"), short), found[1]


def _interval(edtf: str, short: bool) -> str | None:
    """An EDTF interval in words: "between 2004 and 2006", "20–24 June 2014"."""
    start, sep, end = edtf.partition("/")
    if not sep:
        return None
    if start in ("..", "") or end in ("..", ""):
        known = end if start in ("..", "") else start
        point = _edtf_point(known, short)
        if point is None:
            return None
        before = start in ("..", "")
        if short:
            return f"{'≤' if before else '≥'} {point[0]}"
        return f"{'up to' if before else 'from'} {point[0]}"
    a, b = _edtf_point(start, short), _edtf_point(end, short)
    if a is None or b is None:
        return None
    (wa, pa), (wb, pb) = a, b
    if pa == pb == "day" and not re.search(r"[?~%]", edtf):
        da, db = date.fromisoformat(start), date.fromisoformat(end)
        if (da.year, da.month) == (db.year, db.month):
            return (f"{da.day}–{db.day} {_month(da.month, True)} {da.year}" if short else
                    f"between {da.day} and {db.day} {MONTHS[da.month - 1]} {da.year}")
        if da.year == db.year:
            return (f"{da.day} {_month(da.month, True)}–{_day(db, True)}" if short else
                    f"between {da.day} {MONTHS[da.month - 1]} and {_day(db, False)}")
    if pa == pb == "month" and not re.search(r"[?~%]", edtf) and start[:4] == end[:4]:
        return (f"{_month(int(start[5:7]), True)}–{_month(int(end[5:7]), True)} {start[:4]}"
                if short else f"between {MONTHS[int(start[5:7]) - 1]} and {wb}")
    return f"{wa}–{wb}" if short else f"between {wa} and {wb}"


def _qualified(words: str, precision: str | None, mod: str | None, q: str, short: bool) -> str:
    """``words`` with a TIMEX3 mod and an EDTF qualifier (``?`` uncertain, ``~`` approximate)."""
    bare = words.removeprefix("the ")
    if mod in ("START", "MID", "END"):
        if mod == "MID":
            words = f"the mid-{bare}" if bare != words else f"mid-{words}"
        else:
            part = "early" if mod == "START" else "late"
            words = f"the {part} {bare}" if bare != words else f"{part} {words}"
    elif mod in RELATIVE_MODS:
        long, symbol = RELATIVE_MODS[mod]
        words = f"{symbol} {words}" if short else f"{long} {words}"
    approx = mod == "APPROX" or q in ("~", "%")
    if approx:
        if precision in _CIRCA:
            words = f"c. {bare}" if short else f"circa {bare}"
        else:
            words = f"about {words}"
    if q in ("?", "%"):
        words = f"{words}?" if short else f"{words} (uncertain)"
    return words


def _underspecified(value: str) -> str | None:
    """A value still waiting for its anchor, in words: XXXX-WXX-4 -> 'Thursday'."""
    if value.startswith("X") and "T" in value:
        value, _, tod = value.partition("T")
        found = _underspecified(value)
        part = PARTS_OF_DAY.get(tod[:2])
        return f"{found} {part}" if found and part else found
    if m := re.fullmatch(r"XXXX-WXX-(\d)", value):
        return WEEKDAYS[int(m.group(1)) - 1]
    if m := re.fullmatch(r"XXXX-(\d{2})-(\d{2})", value):
        return f"{int(m.group(2))} {MONTHS[int(m.group(1)) - 1]}"
    if m := re.fullmatch(r"XXXX-(\d{2})", value):
        return MONTHS[int(m.group(1)) - 1]
    if m := re.fullmatch(r"XXXX-(SP|SU|FA|WI)", value):
        return SEASON_WORDS[m.group(1)]
    if m := re.fullmatch(r"XXXX-Q(\d)", value):
        return f"Q{m.group(1)}"
    known = {"PAST_REF": "the past", "PRESENT_REF": "now", "FUTURE_REF": "the future",
             "XXXX-WXX-WE": "a weekend", "XXXX-WXX": "a week", "XXXX": "a year"}.get(value)
    return known or ("a date" if value.startswith("X") else None)


_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?|X)(DE|CE|ML|[YQMWDH])")
_DURATION_UNITS = {"Y": "year", "Q": "quarter", "M": "month", "W": "week", "D": "day",
                   "DE": "decade", "CE": "century", "ML": "millennium", "H": "hour"}
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}


def _duration(value: str) -> str | None:
    """An ISO 8601 duration in words: P2Y6M -> '2 years 6 months', PXX -> 'a while'."""
    if not value.startswith("P") or value in ("P", "PT"):
        return None
    if value == "PXX":
        return "a while"
    date_part, _, time_part = value[1:].partition("T")
    words = []
    for part, units in ((date_part, _DURATION_UNITS), (time_part, _TIME_UNITS)):
        taken = 0
        for n, unit in _DURATION_PART.findall(part):
            taken += len(n) + len(unit)
            name = units.get(unit)
            if name is None:
                return None
            words.append(f"some {name}s" if n == "X" else
                         f"{n} {name}{'' if n == '1' else 's'}")
        if taken != len(part):
            return None
    return " ".join(words) or None


def _words(value: str | None, mod: str | None, precision: str | None, earliest: date | None,
           latest: date | None, edtf: str | None, short: bool) -> str:
    if not value and not edtf:
        return UNKNOWN
    q = ""
    if edtf and "/" not in edtf and edtf[-1:] in "?~%":
        q = edtf[-1]
    unit = _unit(value, short) if value else None
    if unit is not None:
        # "before 1980" is value 1980 with mod BEFORE: the words come from those, the EDTF
        # interval (../1979) only bounds it.
        return _qualified(unit[0], unit[1], mod, q, short)
    if edtf and "/" in edtf:  # an interval ("between 2004 and 2006") or a duration's span
        found = _interval(edtf, short)
        if found is not None:
            return found
    if value and "X" in value:
        found = _underspecified(value)
        if found == "a date":
            return "date unknown"
        if found is not None:
            return f"{found} (date unknown)" if not short else found
    if value and (span := _duration(value)):
        if mod in RELATIVE_MODS:  # "less than 3 weeks"
            span = f"{RELATIVE_MODS[mod][1 if short else 0]} {span}"
        if earliest and latest:
            return f"{span}, {_day(earliest, short)} – {_day(latest, short)}"
        return span
    if value:
        found = _underspecified(value)
        if found is not None:
            return found
    if earliest and latest:
        return _day(earliest, short) if earliest == latest else \
            f"{_day(earliest, short)} – {_day(latest, short)}"
    return value or UNKNOWN


def _compact(text: str) -> str:
    """The last resort for a narrow column: symbols and short words."""
    return (text.replace("between ", "").replace(" and ", "–").replace("the ", "")
            .replace("circa ", "c. ").replace("about ", "~").replace(" (uncertain)", "?")
            .replace("week ", "wk ").replace(" of ", " "))


@lru_cache(maxsize=8192)
def date_words(value: str | None, mod: str | None = None, precision: str | None = None,
               earliest: date | None = None, latest: date | None = None,
               edtf: str | None = None, *, width: int | None = None) -> str:
    """A stored date in words; with ``width``, the clearest form of at most ``width`` cells.

    >>> date_words("2014-06-27", "ON_OR_BEFORE")
    'on or before 27 June 2014'
    >>> date_words("2014-06-27", "ON_OR_BEFORE", width=15)
    '≤ 27 Jun 2014'
    """
    full = _words(value, mod, precision, earliest, latest, edtf, short=False)
    if width is None or len(full) <= width:
        return full
    text = _words(value, mod, precision, earliest, latest, edtf, short=True)
    if len(text) <= width:
        return text
    text = _compact(text)
    if len(text) > width and value and "T" in value[10:11]:  # the day without its time
        text = _compact(_words(value[:10], mod, "day", earliest, latest, None, short=True))
    if len(text) > width and earliest and latest and (edtf or "").count("/") == 1:
        # a span: the months it covers, else its years
        if earliest.year != latest.year:
            text = f"{earliest.year}–{latest.year}"
        elif earliest.month != latest.month:
            text = f"{_month(earliest.month, True)}–{_month(latest.month, True)} {latest.year}"
    for squeeze in _SQUEEZE:
        if len(text) <= width:
            break
        text = squeeze(text)
    return text


_SHORT_UNITS = {"years": "yrs", "months": "mos", "weeks": "wks", "quarters": "qtrs",
                "hours": "hrs", "minutes": "mins", "decades": "decs"}
#: Last resorts for a narrow column, in order: short unit and season names, a two-digit year.
_SQUEEZE = (
    lambda t: re.sub(r"\b(" + "|".join(_SHORT_UNITS) + r")\b", lambda m: _SHORT_UNITS[m.group(1)], t),
    lambda t: re.sub(r"\b(spring|summer|autumn|winter)\b", lambda m: m.group(1)[:3] + ".", t),
    lambda t: re.sub(r"\b\d\d(\d\d)$", r"'\1", t),
)


def words_of(resolved: Resolved | None, *, width: int | None = None) -> str:
    """:func:`date_words` of a :class:`Resolved` (``None`` is "unknown")."""
    if resolved is None:
        return UNKNOWN
    return date_words(resolved.value, resolved.mod, resolved.precision, resolved.earliest,
                      resolved.latest, resolved.edtf, width=width)
