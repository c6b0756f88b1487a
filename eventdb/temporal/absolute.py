"""Absolute date cores ("June 26 2014", "March 2005") parsed by dateparser, keeping the
granularity it reports (day, week, month, year) as a :class:`~eventdb.temporal.calendar.Cal`."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from eventdb.temporal.calendar import Cal

_PARSER = None


def _dateparser():
    global _PARSER
    if _PARSER is None:
        from dateparser.date import DateDataParser
        _PARSER = DateDataParser(languages=["en"], settings={
            "RETURN_TIME_AS_PERIOD": True, "RELATIVE_BASE": datetime(2000, 1, 1),
            "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    return _PARSER


_PERIOD_PREC = {"day": "day", "month": "month", "year": "year", "week": "week", "time": "time"}


@lru_cache(maxsize=4096)
def dateparser_cal(core: str, formats: tuple[str, ...] = ()) -> Cal | None:
    """Parse an absolute date core ("June 26 2014") with dateparser, keeping its granularity.

    ``formats``: the core's layout when the rule that found it knows it (``"%d %B %Y"``).
    dateparser tries them first, about fifty times faster than its general parse, which still
    runs should none of them fit (an impossible day: "30 February 2014").
    """
    try:
        data = _dateparser().get_date_data(core, list(formats) or None)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj.date(), data.period
    if period == "day" or period == "time":
        return Cal("day", d.year, d.month, d.day)
    if period == "month":
        return Cal("month", d.year, d.month)
    if period == "year":
        return Cal("year", d.year)
    if period == "week":
        iy, iw, _ = d.isocalendar()
        return Cal("week", iy, iw)
    return None
