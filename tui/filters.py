"""The filter bar's language, and the filters in words for the status line (pure, no Textual).

``strikes who:maliki doc:iraq status:needs-review from:2014-06 to:2014-06-30 conf<0.5 how:pub``:
every part narrows the chronology further (they combine). Words without a field search the
headline and the document title.
"""

from __future__ import annotations

import re
import shlex
from datetime import date

from eventdb.services.browse import SORTS, Filters

STATUS_WORDS = {"needs review": "needs-review", "review": "needs-review", "needs-review": "needs-review"}
FIELDS = {"participant": "participant", "p": "participant", "who": "participant",
          "doc": "document", "document": "document", "d": "document",
          "status": "status", "s": "status",
          "from": "date_from", "since": "date_from", "after": "date_from",
          "to": "date_to", "until": "date_to", "before": "date_to",
          "how": "how", "dated": "how",
          "conf": "confidence", "confidence": "confidence", "show": "show"}
#: ``show:background`` adds the background rows, ``show:reports`` every report of a happening.
SHOW_WORDS = {"background": ("background",), "bg": ("background",), "reports": ("reports",),
              "all": ("background", "reports")}
PUBLICATION_WORDS = {"pub", "publication", "published", "pub-only", "publication-only"}
_CONFIDENCE = re.compile(r"^(conf(?:idence)?)\s*(?::\s*)?<\s*(.*)$", re.IGNORECASE)

SYNTAX = ("words · who:NAME · doc:ID · status:needs-review · from:2014-06 · to:2014-06-30 · "
          "conf<0.5 · how:pub · show:background|reports|all")


class FilterError(ValueError):
    """A part of the filter that cannot be read (one line, shown in place of the filters)."""


def _day(text: str, *, end: bool) -> date:
    """A day bound: ``2014-06-30``; ``2014-06`` or ``2014`` mean their first (``end``: last) day."""
    from eventdb.temporal import TemporalError, parse_value

    try:
        resolved = parse_value(text)
    except TemporalError:
        resolved = None
    bound = None if resolved is None else (resolved.latest if end else resolved.earliest)
    if bound is None:
        raise FilterError(f"cannot read the date {text!r}: write 2014-06-30, 2014-06 or 2014")
    return bound


def _confidence(text: str) -> float:
    try:
        value = float(text.strip().lstrip("<").strip())
    except ValueError:
        raise FilterError(f"confidence bound must be a number between 0 and 1, not {text!r}") from None
    if not 0 <= value <= 1:
        raise FilterError(f"confidence bound must be between 0 and 1, not {value:g}")
    return value


def parse_filter(text: str) -> dict:
    """``"strikes who:maliki doc:iraq status:corrected"`` -> Filters fields (text, participant…).

    Always returns text, participant, document and statuses; the other fields only when the text
    sets them. Raises :class:`FilterError` for a part that cannot be read.
    """
    try:
        tokens = shlex.split(text)
    except ValueError:
        tokens = text.split()
    found: dict = {"text": [], "participant": None, "document": None, "statuses": ()}
    for token in tokens:
        if m := _CONFIDENCE.match(token):
            found["confidence_below"] = _confidence(m.group(2))
            continue
        name, sep, value = token.partition(":")
        field = FIELDS.get(name.lower()) if sep else None
        if field is None or not value:
            found["text"].append(token)
        elif field == "status":
            statuses = [STATUS_WORDS.get(v.strip().lower(), v.strip().lower())
                        for v in value.split(",") if v.strip()]
            found["statuses"] = tuple(statuses)
        elif field in ("date_from", "date_to"):
            found[field] = _day(value, end=field == "date_to")
        elif field == "how":
            if value.lower() not in PUBLICATION_WORDS:
                raise FilterError(f"how:{value} — only how:pub (dated by the publication date only)")
            found["publication_only"] = True
        elif field == "confidence":
            found["confidence_below"] = _confidence(value)
        elif field == "show":
            for word in value.lower().split(","):
                if word not in SHOW_WORDS:
                    raise FilterError(f"show:{word} — show:background, show:reports or show:all")
                found.update(dict.fromkeys(SHOW_WORDS[word], True))
        else:
            found[field] = value
    if found.get("date_from") and found.get("date_to") and found["date_from"] > found["date_to"]:
        raise FilterError(f"from:{found['date_from']} is after to:{found['date_to']}")
    found["text"] = " ".join(found["text"]) or None
    return found


def describe(f: Filters, quick_label: str | None = None) -> str:
    """Every active filter and a non-default order, in words, for the status line."""
    parts = []
    if f.text:
        parts.append(f"text “{f.text}”")
    if f.participant:
        parts.append(f"who {f.participant}")
    if f.document:
        parts.append(f"doc {f.document}")
    if quick_label:
        parts.append(f"showing {quick_label}")
    elif f.statuses:
        parts.append("status " + ",".join(f.statuses))
    if f.date_from and f.date_to:
        parts.append(f"{f.date_from} … {f.date_to}")
    elif f.date_from:
        parts.append(f"from {f.date_from}")
    elif f.date_to:
        parts.append(f"to {f.date_to}")
    if f.publication_only:
        parts.append("dated by publication only")
    if f.confidence_below is not None:
        parts.append(f"confidence < {f.confidence_below:g}")
    if f.background:
        parts.append("with background rows")
    if f.reports:
        parts.append("every report")
    if not f.by_date:
        parts.append("sorted by " + dict(SORTS).get(f.sort, f.sort))
    return " · ".join(parts)
