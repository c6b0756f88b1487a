"""What curation returns and reads (results, an event's detail, its history) and how it words
dates and anchoring rules; shared by the curation mixins (``curation.py`` and its parts)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from eventdb.db.engine import retrying
from eventdb.db.models import ChangeLog
from eventdb.errors import DatabaseError, InputError
from eventdb.services.undo import conflict_from_duplicate_current
from eventdb.temporal import Resolved, TemporalError, resolve
from eventdb.temporal.rules import split_rule

PUBLISHED = "published"

#: Undo of actions defined in other modules: action -> fn(session, change) -> event ids touched;
#: ``undo`` calls it after the generic steps, in the same transaction (it raises ConflictError to
#: refuse). ``eventdb.services.edit_log`` registers those of the row edits.
UNDO_HANDLERS: dict[str, Callable[[Session, ChangeLog], list[int]]] = {}


@dataclass(slots=True)
class ChangeResult:
    """What an action did, for the CLI to print and the TUI to refresh."""

    change_id: int | None
    summary: str
    #: Events whose date, status or anchor changed (the TUI refreshes these rows).
    event_ids: list[int] = field(default_factory=list)
    #: Events kept as curated but marked needs-review because their anchor moved.
    needs_review: list[int] = field(default_factory=list)


@dataclass(slots=True)
class AnchorStep:
    """One link of an anchor chain, read from the event outwards."""

    kind: str  # "expression", "publication", "event", "dateline", "absolute"
    text: str | None  # the expression text, or the event headline
    value: str | None
    node_id: int | None = None
    event_id: int | None = None
    rule: str | None = None


@dataclass(slots=True)
class Alternative:
    """A date the curator might mean instead (previous/next occurrence, the dateline's date...)."""

    label: str
    value: str
    resolved: Resolved


@dataclass(slots=True)
class HistoryEntry:
    when: datetime
    who: str | None  # None for the machine
    origin: str  # machine | curator
    status: str
    value: str | None
    earliest: date | None
    latest: date | None
    input_text: str | None
    note: str | None
    current: bool
    subject: str  # "event 12" or "time node 40 (\"Thursday\")"
    change_id: int | None = None
    undone: bool = False
    # The rest of the stored date, for showing it in words (eventdb.temporal.wording).
    mod: str | None = None
    precision: str | None = None
    edtf: str | None = None


@dataclass(slots=True)
class EventDetail:
    """Everything the evidence pane shows for one event."""

    id: int
    version: int
    document_id: str
    document_title: str | None
    source: str | None
    url: str | None
    published: str | None  # the document's publication value, None when unknown
    review_reason: str | None
    headline: str
    trigger: str
    sentence: str
    sentence_start: int
    #: Span of the time expression inside ``sentence`` (offsets relative to the sentence), if any.
    expression_span: tuple[int, int] | None
    expression_text: str | None
    value: str | None
    precision: str | None
    earliest: date | None
    latest: date | None
    edtf: str | None
    mod: str | None
    status: str
    date_how: str
    confidence: float
    relation: str
    anchor_chain: list[AnchorStep]
    #: The chain in words: 'Thursday → the Thursday before publication, Fri 2014-06-27 → 2014-06-26'.
    explanation: str
    alternatives: list[Alternative]
    participants: list[tuple[str, str, str]]  # (name, kind, role)
    merged_into: int | None
    #: Version of the document's publication date (pass it to ``set_published``).
    published_version: int | None = None
    #: The happening this event reports, with all its reports (``services.happenings``).
    happening: Any = None


_DIRECTION_WORDS = {
    "past": "on or before", "last": "before", "future": "on or after", "next": "after",
    "near": "nearest to", "this": "in the same year as",
    "pastish": "latest, starting at most 45 days after",
}


def _happening_view(s: Session, happening_id: int | None):  # noqa: ANN202
    if happening_id is None:
        return None
    from eventdb.services.happenings import view_in

    return view_in(s, happening_id)


def _direction(direction: str, anchor: str) -> str:
    """A rule's direction and its anchor in words ("y-1" is "in the year before ...")."""
    if direction.startswith("y") and direction[1:].lstrip("+-").isdigit():
        n = int(direction[1:])
        if n == 0:
            return f"in the year of {anchor}"
        return f"{abs(n)} year{'s' if abs(n) > 1 else ''} {'before' if n < 0 else 'after'} the year of {anchor}"
    return f"{_DIRECTION_WORDS.get(direction, direction)} {anchor}"
#: ISO duration units in words, (singular, plural); "T" prefixes the units of a time (PT3H).
#: The same letter is a different unit on either side of the T (M: month / minute, H: half-year
#: / hour), so the table is keyed on both.
_UNIT_WORDS = {
    ("", "D"): ("day", "days"), ("", "W"): ("week", "weeks"), ("", "M"): ("month", "months"),
    ("", "Q"): ("quarter", "quarters"), ("", "Y"): ("year", "years"),
    ("", "H"): ("half-year", "half-years"), ("", "DE"): ("decade", "decades"),
    ("", "CE"): ("century", "centuries"), ("T", "H"): ("hour", "hours"),
    ("T", "M"): ("minute", "minutes"), ("T", "S"): ("second", "seconds"),
}


def unit_words(time: str, unit: str, amount: str) -> str:
    """'2 days', '1 hour', 'some hours' (amount ``?``), '3 centuries'."""
    one, many = _UNIT_WORDS.get((time.upper(), unit.upper()), (unit, unit))
    if amount == "?":
        return f"some {many}"
    return f"{amount} {one if amount == '1' else many}"
_OFFSET_TEXT = re.compile(
    r"^\s*([+-]?)\s*(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(day|week|month|year|hour|minute)s?\s*$", re.IGNORECASE,
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def describe_rule(rule: str, anchor: str) -> str:
    """A rule in words, relative to an anchor described in words."""
    try:
        kind, args, options = split_rule(rule)
    except Exception:
        return f"{rule} from {anchor}"
    mod = f" ({options['mod'].lower()})" if options.get("mod") else ""
    if kind == "abs":
        return f"the date as written{mod}"
    if kind == "weekday" and len(args) == 2:
        day_name = calendar.day_name[int(args[0]) - 1]
        return f"the {day_name} {_direction(args[1], anchor)}{mod}"
    if kind in ("month", "monthday") and args:
        label = calendar.month_name[int(args[0])] + (f" {args[1]}" if kind == "monthday" else "")
        return f"{label} {_direction(args[-1], anchor)}{mod}"
    if kind == "offset" and args:
        m = re.match(r"([+-])P(T?)(\d+|\?)(\w+)", args[0])
        if m:
            sign, time, amount, unit = m.groups()
            if amount == "0":
                return f"the same {unit_words(time, unit, '1').split(' ', 1)[1]} as {anchor}{mod}"
            return f"{unit_words(time, unit, amount)} {'before' if sign == '-' else 'after'} {anchor}{mod}"
    if kind == "dur" and len(args) >= 2:
        return f"a period of {args[0]} {'ending' if args[1] == 'before' else 'starting'} at {anchor}"
    if kind == "inyear" and args:
        return f"the year {args[0]}{mod}"
    return f"by the rule {rule} from {anchor}"


def _day_label(resolved: Resolved | None) -> str:
    if resolved is None:
        return "unknown"
    if resolved.precision == "day" and resolved.earliest is not None:
        return f"{resolved.earliest:%a} {resolved.value}"
    return resolved.value


#: Days in one unit of an offset code (at least), and in the whole calendar (years 1-9999).
_UNIT_DAYS = {"D": 1, "W": 7, "M": 28, "Y": 365, "TH": 1 / 24, "TM": 1 / 1440}
_CALENDAR_DAYS = (date.max - date.min).days


#: Ids are 32-bit integers on PostgreSQL: a larger number names no row on either engine.
MAX_ID = 2**31 - 1


def can_exist(row_id: int) -> bool:
    """Could a row have this id? Binding a larger one overflows the driver (SQLite): such an
    id is simply "no such row", said before any query."""
    return abs(row_id) <= MAX_ID


def parse_offset(text: str) -> tuple[str, int]:
    """'2 days', '-1 week', 'P3D' -> (ISO duration without sign, sign).

    An offset longer than the whole calendar (``P99999Y``) is refused: from any anchor, its date
    would fall outside years 1-9999."""
    text = text.strip()
    iso = re.fullmatch(r"([+-]?)(P(?:T?)\d+(?:D|W|M|Y|H))", text, re.IGNORECASE)
    if iso:
        code, sign = iso.group(2).upper(), -1 if iso.group(1) == "-" else 1
    else:
        m = _OFFSET_TEXT.match(text)
        if not m:
            raise InputError(f"cannot read the offset {text!r}: write it like '2 days' or 'P2D'")
        sign_text, amount, unit = m.groups()
        n = amount.lstrip("0") or "0" if amount.isdigit() else _NUMBER_WORDS[amount.lower()]
        code = {"day": "P{}D", "week": "P{}W", "month": "P{}M", "year": "P{}Y", "hour": "PT{}H",
                "minute": "PT{}M"}[unit.lower()].format(n)
        sign = -1 if sign_text == "-" else 1
    digits = re.search(r"\d+", code).group().lstrip("0")  # type: ignore[union-attr]
    unit = ("T" if "T" in code else "") + code[-1]
    if len(digits) > 12 or int(digits or 0) * _UNIT_DAYS[unit] > _CALENDAR_DAYS:
        shown = text if len(text) <= 40 else text[:37] + "..."
        raise InputError(f"the offset {shown!r} is too long: the date would fall outside years 1-9999")
    return code, sign


def _resolve_input(rule: str, anchor: Resolved | None) -> Resolved:
    """A curator's rule resolved; InputError when its date would fall outside the calendar."""
    try:
        return resolve(rule, anchor, strict=True)
    except TemporalError as exc:
        raise InputError(str(exc)) from None


def anchor_phrase(relation: str, offset_words: str, target_words: str) -> str:
    """'2 days after event 14', 'before event 14', 'on the publication date'.

    An offset already says before or after (``_anchor_rule`` folds the relation into it), so the
    relation is written only when there is no offset: never "2 days after after event 14".
    """
    if offset_words.strip():
        return f"{offset_words.strip()} {target_words}"
    return f"{relation.lower()} {target_words}"


def _retry_on_deadlock(method):  # noqa: ANN001, ANN201
    """A write that lost a deadlock to another curator's runs again (it was rolled back whole)."""
    import functools

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        try:
            return retrying(method, self, *args, **kwargs)
        except DatabaseError as exc:
            # Lost a race for a subject's current date (PostgreSQL): say who won, not the index.
            with self.db.session() as s:
                conflict = conflict_from_duplicate_current(s, exc)
            if conflict is None:
                raise
            raise conflict from exc

    return wrapper


def redate_happenings_of(s: Session | None, items: set[str] | list[str]) -> None:
    """The happenings of the events a change touched (``e:ID`` keys) take their date again from
    their reports: a report's new date, status or merge can change the happening's (a curator's
    date for the happening itself stays)."""
    event_ids = sorted({int(k[2:]) for k in items if k.startswith("e:") and k[2:].isdigit()})
    if s is None or not event_ids:
        return
    from sqlalchemy import select

    from eventdb.db.models import Event
    from eventdb.services.grouping import redate

    s.flush()
    happenings: set[int] = set()
    for i in range(0, len(event_ids), 500):
        happenings.update(h for h in s.scalars(select(Event.happening_id).where(
            Event.id.in_(event_ids[i:i + 500]))) if h is not None)
    redate(s, sorted(happenings))
