"""How dates, statuses and participants read on screen (pure functions, no Textual)."""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len, set_cell_size

from eventdb.temporal.wording import date_words

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

#: Markers in front of a date (the help screen shows this legend).
APPROXIMATE = "~"
UNCERTAIN = "?"
UNRESOLVED = "!"
MARKERS = (
    (APPROXIMATE, "approximate (about, around)"),
    (UNCERTAIN, "uncertain (the source doubts it, or low confidence)"),
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

#: In front of a headline: a happening told by several reports ("3×"), reports that disagree on
#: its date, a background row (``show:background``). The help screen shows this legend.
CONFLICT = "≠"
BACKGROUND = "◌"
HEADLINE_MARKERS = (
    ("3×", "a happening three reports tell (the evidence pane lists them)"),
    (CONFLICT, "its reports disagree on the date (resolve with e on the happening)"),
    (BACKGROUND, "a background row: a state, quote or attribution (B promotes it)"),
)


def headline_text(row) -> str:  # noqa: ANN001 - a browse.Row
    """The headline as the chronology shows it, with its happening markers."""
    marks = []
    if row.background:
        marks.append(BACKGROUND)
    if row.reports > 1:
        marks.append(f"{row.reports}×")
    if row.conflict:
        marks.append(CONFLICT)
    return " ".join([*marks, row.headline])


#: Cells of the chronology's date column left after the marker (``DATE_W`` 16 - 1).
DATE_TEXT_W = 15
#: Mods that open the start of a date: "before 1980" has no earliest day, yet it is a date.
_OPEN_START = ("BEFORE", "ON_OR_BEFORE")


def status_label(status: str) -> str:
    symbol, label = STATUSES.get(status, ("·", status))
    return f"{symbol} {label}"


def date_marker(value: str | None, mod: str | None, edtf: str | None, earliest: date | None,
                confidence: float | None = None) -> str:
    """One character: unresolved, approximate, uncertain, or a space. (Before/after need no
    marker: the words say it.)"""
    if value is None or value.startswith("X") or (earliest is None and mod not in _OPEN_START):
        return UNRESOLVED
    if mod == "APPROX" or (edtf and (edtf.endswith("~") or edtf.endswith("%"))):
        return APPROXIMATE
    if edtf and edtf.endswith("?"):
        return UNCERTAIN
    if confidence is not None and confidence < 0.4:
        return UNCERTAIN
    return " "


def format_date(value: str | None, precision: str | None = None, mod: str | None = None,
                edtf: str | None = None, earliest: date | None = None,
                confidence: float | None = None, latest: date | None = None,
                width: int | None = DATE_TEXT_W) -> str:
    """A date as the chronology shows it: a marker, then the date in words that fit ``width``.

    ``27 Jun 2014``, ``early June 2014``, ``≤ 27 Jun 2014``, ``~circa 1990``, ``!Thursday``
    (unresolved). ``width=None``: the full words ("on or before 27 June 2014").
    """
    marker = date_marker(value, mod, edtf, earliest, confidence)
    if marker == UNCERTAIN and width is not None and edtf and edtf.endswith("?"):
        edtf = edtf[:-1]  # the marker says "uncertain": the short words need not say it again
    return marker + date_words(value, mod, precision, earliest, latest, edtf, width=width)


def long_date(value: str | None, precision: str | None, earliest: date | None,
              latest: date | None, mod: str | None = None, edtf: str | None = None) -> str:
    """The fuller reading of the evidence pane and the dialogs: 'Thu 26 June 2014', or the words
    with the days they cover: 'circa 1990 (1 Jan 1988 – 31 Dec 1992)'."""
    words = date_words(value, mod, precision, earliest, latest, edtf)
    if value is None or (earliest is None and latest is None):
        return words if value is None else f"unresolved ({date_words(value, width=20)})"
    if precision in ("day", "time") and earliest is not None and earliest == latest and not mod:
        return f"{earliest:%a} {words}"
    if earliest != latest:
        day = [f"{d.day} {MONTHS[d.month - 1]} {d.year}" if d else None for d in (earliest, latest)]
        span = f"up to {day[1]}" if not day[0] else f"from {day[0]}" if not day[1] else \
            f"{day[0]} – {day[1]}"
        return f"{words} ({span})"
    return words


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
