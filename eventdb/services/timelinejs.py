"""The chronology as a TimelineJS sheet (the columns of Knight Lab's Google Sheets template).

Why the choices below:

- a date is written no finer than it is known: month precision leaves Day empty, year precision
  leaves Month and Day empty; a week or any other span (quarter, season, decade...) fills the End
  columns, so TimelineJS draws it as a period rather than a point;
- Display Date says in words what the value means ("c. June 2014", "early June 2014", "week of
  23 June 2014"), since TimelineJS would otherwise show a span's first day as if it were exact;
- TimelineJS renders Headline, Text and Caption as HTML: article text is escaped, so a sentence
  quoting ``<script>`` stays text; Media only takes http(s) links;
- events without a calendar date cannot be placed on a timeline and are left out (counted).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any
from urllib.parse import urlsplit

from eventdb.services.chronology import ChronologyRow
from eventdb.services.outfiles import write_csv_rows

COLUMNS = [
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
]

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening",
                "NI": "night", "DT": "daytime"}
MOD_PREFIX = {
    "START": "early ", "MID": "mid-", "END": "late ", "BEFORE": "before ", "AFTER": "after ",
    "ON_OR_BEFORE": "by ", "ON_OR_AFTER": "from ",
}
_TIME = re.compile(r"T(\d{2}):(\d{2})(?::(\d{2}))?")
_PART_OF_DAY = re.compile(r"T(MO|MI|AF|EV|NI|DT)\b")
#: Precisions drawn as a single point; everything else with two different bounds is a span.
POINT_PRECISIONS = {"time", "day", "month", "year"}


@dataclass(slots=True)
class TimelineStats:
    written: int = 0
    undated: int = 0


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def is_approximate(row: ChronologyRow) -> bool:
    """Approximate: TIMEX3 ``mod=APPROX`` or EDTF ``~`` / ``%``."""
    return (row.mod or "").upper() == "APPROX" or any(c in (row.edtf or "") for c in "~%")


def display_date(row: ChronologyRow) -> str:
    """The value in words, as a reader of the timeline should understand it."""
    earliest, latest = row.earliest, row.latest
    assert earliest is not None and latest is not None
    precision, value = row.precision, row.value or ""
    if precision == "time":
        text = _day(earliest)
        if m := _TIME.search(value):
            text += f", {m.group(1)}:{m.group(2)}"
        elif m := _PART_OF_DAY.search(value):
            text = f"{PARTS_OF_DAY[m.group(1)]} of {text}"
    elif precision == "day":
        text = _day(earliest)
    elif precision == "week":
        text = f"week of {_day(earliest)}"
    elif precision == "month":
        text = f"{MONTHS[earliest.month - 1]} {earliest.year}"
    elif precision == "season":
        code = value.rsplit("-", 1)[-1].upper()
        text = f"{SEASONS.get(code, 'season')} {earliest.year}"
    elif precision == "quarter":
        text = f"Q{(earliest.month - 1) // 3 + 1} {earliest.year}"
    elif precision == "half":
        text = f"{'first' if earliest.month <= 6 else 'second'} half of {earliest.year}"
    elif precision == "year":
        text = str(earliest.year)
    elif precision == "decade":
        text = f"{earliest.year // 10 * 10}s"
    elif precision == "century":
        text = f"{_ordinal(earliest.year // 100 + 1)} century"
    elif precision == "millennium":
        text = f"{_ordinal(earliest.year // 1000 + 1)} millennium"
    elif earliest == latest:
        text = _day(earliest)
    else:
        text = f"{_day(earliest)} – {_day(latest)}"
    text = MOD_PREFIX.get((row.mod or "").upper(), "") + text
    if is_approximate(row):
        text = "c. " + text
    elif "?" in (row.edtf or ""):
        text += " (uncertain)"
    return text


def _date_cells(d: date, precision: str | None) -> list[Any]:
    """Year, Month, Day for a point, no finer than its precision."""
    if precision == "month":
        return [d.year, d.month, ""]
    if precision in ("year", "decade", "century", "millennium"):
        return [d.year, "", ""]
    return [d.year, d.month, d.day]


def _time_cell(row: ChronologyRow) -> str:
    if row.precision != "time":
        return ""
    m = _TIME.search(row.value or "")
    if not m:
        return ""
    return f"{m.group(1)}:{m.group(2)}" + (f":{m.group(3)}" if m.group(3) else "")


def _safe_url(url: str | None) -> str:
    if not url:
        return ""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""
    return url.strip() if scheme in ("http", "https") else ""


def _escape(value: str | None) -> str:
    return html.escape(value or "", quote=False)


def timeline_record(row: ChronologyRow) -> list[Any] | None:
    """One sheet row, or None when the event has no calendar date."""
    if row.earliest is None or row.latest is None:
        return None
    start = _date_cells(row.earliest, row.precision)
    is_span = row.latest != row.earliest and row.precision not in POINT_PRECISIONS
    end: list[Any] = ["", "", ""]
    if is_span:
        coarse = "year" if row.precision in ("decade", "century", "millennium") else None
        end = _date_cells(row.latest, coarse)
    group = row.participants[0].name if row.participants else ""
    return [
        *start, _time_cell(row), *end, "",
        display_date(row),
        _escape(row.headline),
        _escape(row.evidence),
        _safe_url(row.url),
        _escape(row.source),
        _escape(row.document_title),
        "", "", _escape(group), "",
    ]


def timeline_rows(rows: Iterable[ChronologyRow], stats: TimelineStats) -> Iterator[list[Any]]:
    for row in rows:
        record = timeline_record(row)
        if record is None:
            stats.undated += 1
            continue
        stats.written += 1
        yield record


def write_timelinejs(out: IO[str], rows: Iterable[ChronologyRow],
                     stats: TimelineStats | None = None) -> int:
    """Write the sheet as CSV (formula-safe); returns the number of events written."""
    stats = stats if stats is not None else TimelineStats()
    return write_csv_rows(out, COLUMNS, timeline_rows(rows, stats))
