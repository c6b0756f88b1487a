"""How dates, statuses and participants read on screen (pure functions, no Textual)."""

from __future__ import annotations

import re
from datetime import date

from rich.cells import cell_len, set_cell_size

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "AU": "Autumn", "WI": "Winter"}
MOD_WORDS = {"START": "early", "MID": "mid", "END": "late"}

#: Markers in front of a date (the help screen shows this legend).
APPROXIMATE = "~"
UNCERTAIN = "?"
UNRESOLVED = "!"
MARKERS = (
    (APPROXIMATE, "approximate (about, around)"),
    (UNCERTAIN, "uncertain (low confidence, or before/after a date)"),
    (UNRESOLVED, "unresolved: no date yet (its anchor is unknown)"),
)

#: status -> (symbol, label, component class suffix)
STATUSES: dict[str, tuple[str, str]] = {
    "machine": ("·", "machine"),
    "corrected": ("✎", "corrected"),
    "confirmed": ("✓", "confirmed"),
    "needs-review": ("!", "needs review"),
    "unresolved": ("?", "unresolved"),
    "rejected": ("✗", "rejected"),
}

_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(\d))?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-([QH])(\d)$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})")


def status_label(status: str) -> str:
    symbol, label = STATUSES.get(status, ("·", status))
    return f"{symbol} {label}"


def _plain(value: str, precision: str | None, earliest: date | None) -> str:
    """The value alone, in the form the precision asks for."""
    if m := _TIME.match(value):
        return f"{m.group(1)} {m.group(2)}"
    if _DAY.match(value):
        return value
    if m := _WEEK.match(value):
        return value if not m.group(3) else f"{m.group(1)}-W{m.group(2)}"
    if m := _MONTH.match(value):
        return f"{MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    if m := _QUARTER.match(value):
        return f"{m.group(1)}-{m.group(2)}{m.group(3)}"
    if m := _SEASON.match(value):
        return f"{SEASONS[m.group(2)]} {m.group(1)}"
    if re.fullmatch(r"\d{4}", value):
        return value
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"{int(value) + 1}th c."
    if earliest is not None and precision == "day":
        return earliest.isoformat()
    return value


def _underspecified(value: str | None) -> str:
    """A value still waiting for its anchor, in words: XXXX-WXX-4 -> 'Thursday'."""
    if not value:
        return "undated"
    if m := re.fullmatch(r"XXXX-WXX-(\d)", value):
        return WEEKDAYS[int(m.group(1)) - 1]
    if m := re.fullmatch(r"XXXX-(\d{2})-(\d{2})", value):
        return f"{MONTHS[int(m.group(1)) - 1]} {int(m.group(2))}"
    if m := re.fullmatch(r"XXXX-(\d{2})", value):
        return MONTHS[int(m.group(1)) - 1]
    if value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return {"PAST_REF": "the past", "PRESENT_REF": "now", "FUTURE_REF": "the future"}[value]
    return value


def date_marker(value: str | None, mod: str | None, edtf: str | None, earliest: date | None,
                confidence: float | None = None) -> str:
    """One character: unresolved, approximate, uncertain, or a space."""
    if value is None or earliest is None or "X" in (value or ""):
        return UNRESOLVED
    if mod == "APPROX" or (edtf and (edtf.endswith("~") or edtf.endswith("%"))):
        return APPROXIMATE
    if (edtf and edtf.endswith("?")) or mod in ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"):
        return UNCERTAIN
    if confidence is not None and confidence < 0.4:
        return UNCERTAIN
    return " "


def format_date(value: str | None, precision: str | None = None, mod: str | None = None,
                edtf: str | None = None, earliest: date | None = None,
                confidence: float | None = None) -> str:
    """A date as the chronology shows it: marker, then the value at its precision.

    ``2014-06-26``, ``Jun 2014``, ``2014-W25``; ``~2014-06-26`` approximate, ``?2014-06``
    uncertain, ``!Thursday`` unresolved.
    """
    marker = date_marker(value, mod, edtf, earliest, confidence)
    if marker == UNRESOLVED:
        return marker + _underspecified(value)
    text = _plain(value or "", precision, earliest)
    if mod in MOD_WORDS:
        text = f"{MOD_WORDS[mod]} {text}"
    elif mod == "BEFORE":
        text = f"<{text}"
    elif mod == "AFTER":
        text = f">{text}"
    return marker + text


def long_date(value: str | None, precision: str | None, earliest: date | None,
              latest: date | None) -> str:
    """A fuller reading for the evidence pane: 'Thu 2014-06-26' or 'Jun 2014 (2014-06-01 … 06-30)'."""
    if value is None or earliest is None:
        return f"unresolved ({_underspecified(value)})"
    plain = _plain(value, precision, earliest)
    if precision in ("day", "time") and earliest is not None:
        return f"{earliest:%a} {plain}"
    if latest is not None and latest != earliest:
        return f"{plain} ({earliest.isoformat()} … {latest.isoformat()})"
    return plain


def join_names(names: list[str], width: int | None = None) -> str:
    text = ", ".join(names)
    if width is not None and len(text) > width:
        return text[: max(0, width - 1)] + "…"
    return text


def fit(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells (one-line; ellipsis when cut)."""
    text = text.replace("\n", " ")
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
