"""Calendar values: parse, render, bound and shift TIMEX3 values.

A :class:`Cal` is one calendar unit at a precision (a day, an ISO week, a quarter, a decade...).
Everything here is plain integer arithmetic on ``datetime.date`` so that re-resolution never needs
dateparser and stays fast.
"""

from __future__ import annotations

import calendar as _stdcal
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from eventdb.temporal.model import Resolved

#: Precisions from coarsest to finest; used to decide "finer than".
ORDER = ["millennium", "century", "decade", "year", "half", "season", "quarter", "month",
         "week", "day", "time"]
RANK = {p: i for i, p in enumerate(ORDER)}

SEASONS = ["SP", "SU", "FA", "WI"]  # spring, summer, fall, winter (winter of Y starts in Dec Y)
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# EDTF level-2 season codes (21 spring ... 24 winter) and quarter codes (33..36).
EDTF_SEASON = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}

MIN_YEAR, MAX_YEAR = 1, 9998


class CalError(ValueError):
    """Not a valid calendar value; the message says why (one line)."""


@dataclass(frozen=True, slots=True)
class Cal:
    """One calendar unit. ``prec`` is a model.Precision; ``y`` the year (or decade/century number).

    ``a``: month (month/day/time), ISO week (week), quarter, half, season index; ``b``: day.
    ``tod``: time-of-day suffix for time precision: ``"20:00"`` or a TIMEX3 part (``NI``, ``MO``).
    ``we``: the weekend of an ISO week.
    """

    prec: str
    y: int
    a: int = 0
    b: int = 0
    tod: str | None = None
    we: bool = False

    # --- rendering -------------------------------------------------------------------------
    def value(self) -> str:
        p, y, a, b = self.prec, self.y, self.a, self.b
        if p in ("day", "time"):
            v = f"{y:04d}-{a:02d}-{b:02d}"
            return v + ("T" + self.tod if self.tod else "") if p == "time" else v
        if p == "week":
            return f"{y:04d}-W{a:02d}" + ("-WE" if self.we else "")
        if p == "month":
            return f"{y:04d}-{a:02d}"
        if p == "quarter":
            return f"{y:04d}-Q{a}"
        if p == "half":
            return f"{y:04d}-H{a}"
        if p == "season":
            return f"{y:04d}-{SEASONS[a - 1]}"
        if p == "year":
            return f"{y:04d}"
        if p == "decade":
            return f"{y:03d}"
        if p == "century":
            return f"{y:02d}"
        return f"{y:01d}"  # millennium

    def bounds(self) -> tuple[date, date]:
        p, y, a, b = self.prec, self.y, self.a, self.b
        if p in ("day", "time"):
            d = date(y, a, b)
            return d, d
        if p == "week":
            mon = date.fromisocalendar(y, a, 1)
            return (mon + timedelta(days=5), mon + timedelta(days=6)) if self.we else \
                (mon, mon + timedelta(days=6))
        if p == "month":
            return date(y, a, 1), date(y, a, _stdcal.monthrange(y, a)[1])
        if p == "quarter":
            m0 = 3 * (a - 1) + 1
            return date(y, m0, 1), date(y, m0 + 2, _stdcal.monthrange(y, m0 + 2)[1])
        if p == "half":
            m0 = 6 * (a - 1) + 1
            return date(y, m0, 1), date(y, m0 + 5, _stdcal.monthrange(y, m0 + 5)[1])
        if p == "season":
            s = SEASONS[a - 1]
            m0 = SEASON_START[s]
            start = date(y, m0, 1)
            if s == "WI":
                return start, date(y + 1, 2, _stdcal.monthrange(y + 1, 2)[1])
            return start, date(y, m0 + 2, _stdcal.monthrange(y, m0 + 2)[1])
        if p == "year":
            return date(y, 1, 1), date(y, 12, 31)
        if p == "decade":
            return date(max(y * 10, 1), 1, 1), date(y * 10 + 9, 12, 31)
        if p == "century":
            return date(max(y * 100, 1), 1, 1), date(y * 100 + 99, 12, 31)
        return date(max(y * 1000, 1), 1, 1), date(min(y * 1000 + 999, 9999), 12, 31)

    def edtf(self) -> str | None:
        p = self.prec
        if p in ("day", "month", "year"):
            return self.value()
        if p == "time":
            return self.value() if self.tod and ":" in self.tod else self.value()[:10]
        if p == "decade":
            return f"{self.y:03d}X"
        if p == "century":
            return f"{self.y:02d}XX"
        if p == "season":
            return f"{self.y:04d}-{EDTF_SEASON[SEASONS[self.a - 1]]}"
        if p == "quarter":
            return f"{self.y:04d}-{32 + self.a}"
        e, l = self.bounds()
        return f"{e.isoformat()}/{l.isoformat()}"

    def resolved(self, mod: str | None = None) -> Resolved:
        e, l = self.bounds()
        return Resolved(self.value(), mod, self.prec, e, l, self.edtf())

    # --- arithmetic ------------------------------------------------------------------------
    def ref(self) -> date:
        """The reference day of this unit (its first day; the day itself for days)."""
        return self.bounds()[0]


def day(d: date, tod: str | None = None) -> Cal:
    return Cal("time", d.year, d.month, d.day, tod) if tod else Cal("day", d.year, d.month, d.day)


def at(prec: str, d: date) -> Cal:
    """The unit of precision ``prec`` that contains day ``d``."""
    if prec in ("day", "time"):
        return Cal("day", d.year, d.month, d.day)
    if prec == "week":
        iy, iw, _ = d.isocalendar()
        return Cal("week", iy, iw)
    if prec == "month":
        return Cal("month", d.year, d.month)
    if prec == "quarter":
        return Cal("quarter", d.year, (d.month - 1) // 3 + 1)
    if prec == "half":
        return Cal("half", d.year, (d.month - 1) // 6 + 1)
    if prec == "season":
        if d.month == 12:
            return Cal("season", d.year, 4)
        if d.month <= 2:
            return Cal("season", d.year - 1, 4)
        return Cal("season", d.year, (d.month - 3) // 3 + 1)
    if prec == "year":
        return Cal("year", d.year)
    if prec == "decade":
        return Cal("decade", d.year // 10)
    if prec == "century":
        return Cal("century", d.year // 100)
    return Cal("millennium", d.year // 1000)


def add_months(d: date, n: int) -> date:
    """``d`` shifted by ``n`` months, the day clamped to the target month (Feb 29 -> Feb 28)."""
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return date(y, m, min(d.day, _stdcal.monthrange(y, m)[1]))


# ----------------------------------------------------------------------------------------------
# Parsing TIMEX3 / ISO / EDTF values
# ----------------------------------------------------------------------------------------------
_MONTH_NAMES = [None] + [_stdcal.month_name[i] for i in range(1, 13)]
_REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
_DURATION = re.compile(r"^P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|H|DE|CE|ML))*"
                       r"(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?$")
_VALUE = re.compile(
    r"^(?:(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d|\dX|XX)(?:T(?P<t>\d\d(?::\d\d(?::\d\d)?)?Z?|MO|AF|EV|NI|DT|MI))?)?"
    r"|W(?P<w>\d\d?)(?P<we>-WE)?|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)"
    r"|(?P<eq>3[3-6])|(?P<es>2[1-4])))?"
    r"|(?P<dec>\d{3})X?|(?P<cen>\d\d)(?:XX)?)$")


def _check_day(y: int, m: int, d: int) -> None:
    if not 1 <= m <= 12:
        raise CalError(f"there is no month {m}")
    n = _stdcal.monthrange(y, m)[1]
    if not 1 <= d <= n:
        raise CalError(f"{_MONTH_NAMES[m]} {y} has {n} days")


@lru_cache(maxsize=65536)
def parse_cal(value: str) -> tuple[Cal | None, Resolved]:
    """Parse a TIMEX3/ISO/EDTF value into ``(Cal or None, Resolved)``; raise CalError if invalid.

    ``Cal`` is None for values that are not one calendar unit (durations, ``PAST_REF``, EDTF
    partial days like ``2014-06-2X``, underspecified ``XXXX-...`` values).
    """
    v = value.strip()
    if not v:
        raise CalError("empty value")
    if v in _REFS:
        return None, Resolved(v)
    if v == "PXX":  # TimeML: a duration of unknown amount and unit ("for a while")
        return None, Resolved(v)
    if v.startswith("P"):
        if not _DURATION.match(v) or v in ("P", "PT"):
            raise CalError(f"{v!r} is not an ISO 8601 duration")
        return None, Resolved(v)
    if v.startswith("X"):
        if re.match(r"^X{2,4}(-(W(XX|\d\d?)(-(\d|WE))?|\d\d|XX|Q\d|QX|H\d|HX|SP|SU|FA|WI)(-(\d\d|XX))?)?(T\w+)?$", v):
            return None, Resolved(v)
        raise CalError(f"{v!r} is not a TIMEX3 value")
    m = _VALUE.match(v)
    if not m:
        raise CalError(f"{v!r} is not a date value (expected e.g. 2014-06-24, 2014-06, 2014-W26, "
                       f"2014-Q2, 2014)")
    g = m.groupdict()
    if g["dec"]:
        c = Cal("decade", int(g["dec"]))
        return c, c.resolved()
    if g["cen"]:
        c = Cal("century", int(g["cen"]))
        return c, c.resolved()
    y = int(g["y"])
    if y < MIN_YEAR:
        raise CalError("year 0 does not exist")
    if g["m"]:
        mo = int(g["m"])
        if not 1 <= mo <= 12:
            raise CalError(f"there is no month {mo}")
        if g["d"] is None:
            c = Cal("month", y, mo)
            return c, c.resolved()
        ds = g["d"]
        if "X" in ds:
            n = _stdcal.monthrange(y, mo)[1]
            if ds == "XX":
                lo, hi = 1, n
            else:
                lo, hi = max(1, int(ds[0]) * 10), min(n, int(ds[0]) * 10 + 9)
                if lo > n:
                    raise CalError(f"{_MONTH_NAMES[mo]} {y} has {n} days")
            return None, Resolved(v, None, "day" if ds != "XX" else "month",
                                  date(y, mo, lo), date(y, mo, hi), v)
        d = int(ds)
        _check_day(y, mo, d)
        if g["t"]:
            t = g["t"]
            if t[:2].isdigit():
                zone = "Z" if t.endswith("Z") else ""  # UTC
                hh = int(t[:2])
                mm = int(t[3:5]) if len(t.rstrip("Z")) >= 5 else 0
                if hh > 24 or mm > 59:
                    raise CalError(f"{t} is not a time of day")
                t = f"{hh:02d}:{mm:02d}{zone}"
            c = Cal("time", y, mo, d, t)
            return c, c.resolved()
        c = Cal("day", y, mo, d)
        return c, c.resolved()
    if g["w"]:
        w = int(g["w"])
        weeks = date(y, 12, 28).isocalendar()[1]
        if not 1 <= w <= weeks:
            raise CalError(f"{y} has {weeks} ISO weeks")
        c = Cal("week", y, w, we=bool(g["we"]))
        return c, c.resolved()
    if g["q"] or g["eq"]:
        c = Cal("quarter", y, int(g["q"]) if g["q"] else int(g["eq"]) - 32)
        return c, c.resolved()
    if g["h"]:
        c = Cal("half", y, int(g["h"]))
        return c, c.resolved()
    if g["s"] or g["es"]:
        s = g["s"] or SEASONS[int(g["es"]) - 21]
        c = Cal("season", y, SEASONS.index(s) + 1)
        return c, c.resolved()
    c = Cal("year", y)
    return c, c.resolved()
