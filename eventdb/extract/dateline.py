"""Datelines: the date (and place) an article opens with.

Two shapes are recognised near the top of a text:

- a line that is only a date: "Thursday, February 19, 2009", "March 01, 2008", "19 February 2009";
- a wire dateline opening the first paragraph: "BAGHDAD, June 26 (Reuters) -".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?)"
_DATE = (rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
         rf"|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?)")
_DATE_LINE = re.compile(rf"^[ \t]*(?P<date>{_DATE})[ \t]*$", re.M)
_WIRE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][A-Z.'’ -]{{1,40}}(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?)?)"
    rf",[ \t]+(?P<date>{_DATE})[ \t]*(?:\((?P<agency>[^)]{{1,30}})\))?[ \t]*[-–—]+[ \t]*", re.M)


@dataclass(slots=True)
class FoundDateline:
    start: int  # the whole dateline
    end: int
    date_start: int  # its date part
    date_end: int
    body_start: int  # where the sentence text starts after it (wire datelines) or = end


def find_dateline(text: str, max_lines: int = 3) -> FoundDateline | None:
    """The dateline among the first ``max_lines`` non-empty lines, or None."""
    pos, seen = 0, 0
    for line in text.split("\n"):
        if line.strip():
            seen += 1
            m = _DATE_LINE.match(line)
            if m:
                a = pos + m.start("date")
                return FoundDateline(a, pos + m.end("date"), a, pos + m.end("date"), pos + len(line))
            m = _WIRE.match(line)
            if m:
                return FoundDateline(pos + m.start("place"), pos + m.end(), pos + m.start("date"),
                                     pos + m.end("date"), pos + m.end())
            if seen >= max_lines:
                break
        pos += len(line) + 1
    return None
