"""Publication dates as users give them: ISO, numeric day-first or month-first, or written out.

"2009-02-03" and "2009-02-03T10:00Z" are read as ISO. "03-02-2009" (also with "/" or ".") has two
readings when both numbers could be a month: the article's own dateline ("February 03, 2009" near
the top of the text) settles which; with no dateline, or one matching neither reading, it is
refused, and the message gives both readings. One valid reading ("25/12/2009") is simply taken.
Written dates ("February 3, 2009", "3 Feb 2009") are read by the temporal tagger.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from eventdb.errors import InputError

_NUMERIC = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$")


def parse_published(value: object, text: str | None = None) -> date | datetime | None:
    """The publication date in ``value`` (None/"" for unknown); ``text``, the article, may settle
    a day-first/month-first ambiguity by its dateline. Raises InputError otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"published must be an ISO date string, not {type(value).__name__}")
    s = value.strip()
    try:
        if len(s) == 10 and s[4:5] == "-":
            return date.fromisoformat(s)
        return datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        pass
    m = _YEAR_FIRST.match(s)
    if m:
        return _date(int(m.group(1)), int(m.group(3)), int(m.group(4)), value)
    m = _NUMERIC.match(s)
    if m:
        return _numeric(int(m.group(1)), int(m.group(3)), int(m.group(4)), value, text)
    written = _written(s)
    if written is not None:
        return written
    raise InputError(f"published {value!r} is not an ISO date (YYYY-MM-DD) or datetime, nor a written or "
                     "day-month-year date")


def needs_text(value: str | None) -> bool:
    """True for a numeric date with two readings ("03-02-2009"): only an article's dateline can
    settle it (the CLI's --published then applies it per file)."""
    m = _NUMERIC.match((value or "").strip())
    if not m:
        return False
    a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
    return a != b and _valid(y, b, a) is not None and _valid(y, a, b) is not None


def _date(y: int, mo: int, d: int, value: str) -> date:
    try:
        return date(y, mo, d)
    except ValueError:
        raise InputError(f"published {value!r} is not a valid date") from None


def _valid(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _numeric(a: int, b: int, y: int, value: str, text: str | None) -> date:
    day_first, month_first = _valid(y, b, a), _valid(y, a, b)
    readings = {r for r in (day_first, month_first) if r is not None}
    if not readings:
        raise InputError(f"published {value!r} is not a valid date")
    if len(readings) == 1:
        return readings.pop()
    assert day_first is not None and month_first is not None
    said = dateline_day(text) if text else None
    if said in readings:
        return said  # type: ignore[return-value]
    why = ("the article has no dated dateline to settle it" if said is None
           else f"the article's dateline says {said.isoformat()}, neither of them")
    raise InputError(f"published {value!r} is ambiguous: day first {day_first.isoformat()}, month first "
                     f"{month_first.isoformat()} ({why}); write YYYY-MM-DD")


def dateline_day(text: str) -> date | None:
    """The day the article's dateline names ("February 03, 2009" near the top), if it names one
    with its year."""
    from eventdb.extract.dateline import find_dateline
    found = find_dateline(text)
    if found is None:
        return None
    return _written(text[found.date_start:found.date_end])


def _written(s: str) -> date | None:
    """A written-out date with its year ("February 3, 2009", "Tuesday, 3 Feb 2009"), or None."""
    if not re.search(r"\d{4}", s) or not re.search(r"[A-Za-z]", s):
        return None
    from eventdb.temporal import tag
    found = [t for t in tag(s, None) if t.type == "DATE"]
    if len(found) != 1:
        return None
    t = found[0]
    r = t.resolved
    if r.precision != "day" or not r.is_resolved or r.earliest is None:
        return None
    if s[:t.start].strip(" ,") or s[t.end:].strip(" .,"):
        # more than the date ("Sunday, ..." may lie outside the tag: allow a weekday before)
        if not re.fullmatch(r"\s*[A-Za-z]+day,?\s*", s[:t.start]) or s[t.end:].strip(" .,"):
            return None
    return r.earliest
