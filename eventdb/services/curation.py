"""Curation: the operations curators perform, each one transaction written to the change log.

The machine's answers are never overwritten: a correction is a new current date assertion and the
old one stays. When an anchor changes, machine values downstream are re-resolved; curator-set
values downstream are kept and marked ``needs-review``. Every action can be undone (the last
not-yet-undone action of the curator, repeatedly). Edits carry the ``version`` the curator saw;
a stale one fails with :class:`ConflictError` naming the current value and who set it.

The CLI and the TUI call this module; neither writes SQL of its own.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from eventdb.db.engine import Database, retrying
from eventdb.db.models import (
    ChangeLog, DateAssertion, Document, Event, EventArgument, Mention, Participant,
    ParticipantAlias, TimeNode,
)
from eventdb.errors import ConflictError, DatabaseError, InputError, NotFoundError
from eventdb.services.dating import RESOLVED_FIELDS, assert_date, machine_status, resolved_of
from eventdb.services.participants import alias_key, lookup
from eventdb.services.propagation import CHUNK, Propagation, raw_update_by_id
from eventdb.services.store import dateline_disagreement
from eventdb.services.undo import (
    conflict_from_duplicate_current, lock_items, refuse_over_later_changes, touched_items,
)
from eventdb.temporal import Resolved, TemporalError, parse_value, resolve
from eventdb.temporal.curator_input import interpret_input
from eventdb.temporal.wording import date_words, words_of
from eventdb.temporal.rules import offset_rule, split_rule

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


class Curation:
    """The curation service for one database and one curator."""

    def __init__(self, db: Database, curator: str) -> None:
        self.db = db
        self.curator = curator

    # -- shared helpers -------------------------------------------------------------------------
    @staticmethod
    def _row(s: Session, stmt, lock: bool, missing: str):  # noqa: ANN001, ANN205
        """The one row ``stmt`` selects (locked for update when asked), else NotFoundError."""
        row = s.scalars(stmt.with_for_update() if lock else stmt).first()
        if row is None:
            raise NotFoundError(missing)
        return row

    def _event(self, s: Session, event_id: int, *, lock: bool = False) -> Event:
        if not can_exist(event_id):
            raise NotFoundError(f"no event with id {event_id}")
        return self._row(s, select(Event).where(Event.id == event_id), lock,
                         f"no event with id {event_id}")

    def _document(self, s: Session, document_id: str, *, lock: bool = False) -> Document:
        return self._row(s, select(Document).where(Document.external_id == document_id), lock,
                         f"no document with id {document_id!r}")

    @staticmethod
    def _current(s: Session, subject: Event | TimeNode) -> DateAssertion | None:
        column = DateAssertion.event_id if isinstance(subject, Event) else DateAssertion.node_id
        return s.scalars(select(DateAssertion).where(column == subject.id, DateAssertion.is_current)).first()

    def _check_version(self, s: Session, subject: Event | TimeNode, version: int | None, label: str) -> None:
        if version is None or subject.version_id == version:
            return
        current = self._current(s, subject)
        who = (current.curator or "the machine") if current else "someone"
        when = f" at {current.created_at:%Y-%m-%d %H:%M}" if current and current.created_at else ""
        raise ConflictError(
            f"{label} was changed by {who}{when} since you read it: it is now "
            f"{subject.value or 'unresolved'} ({subject.status}); your edit was not saved"
        )

    def _change(self, s: Session, action: str, summary: str, note: str | None) -> ChangeLog:
        change = ChangeLog(curator=self.curator, action=action, summary=summary, note=note, payload={})
        s.add(change)
        s.flush()
        return change

    @staticmethod
    def _publication(s: Session, document_id: int) -> TimeNode:
        doc = s.get(Document, document_id)
        assert doc is not None and doc.published_node_id is not None
        node = s.get(TimeNode, doc.published_node_id)
        assert node is not None
        return node

    def _event_anchor(self, s: Session, ev: Event) -> tuple[Resolved | None, str]:
        """What natural language typed for this event is resolved against, and its name."""
        node = s.get(TimeNode, ev.time_node_id) if ev.time_node_id else None
        if node is not None and node.kind == "expression":
            if node.anchor_node_id is not None:
                anchor = s.get(TimeNode, node.anchor_node_id)
                assert anchor is not None
                label = "the publication date" if anchor.kind == "publication" else f'"{anchor.text}"'
                return resolved_of(anchor), label
            if node.anchor_event_id is not None:
                other = s.get(Event, node.anchor_event_id)
                return (resolved_of(other) if other else None), f"event {node.anchor_event_id}"
        return resolved_of(self._publication(s, ev.document_id)), "the publication date"

    @staticmethod
    def _interpret(text: str, anchor: Resolved | None, anchor_label: str) -> tuple[str, Resolved]:
        if not text or not text.strip():
            raise InputError("type a date (2014-06-24, 2014-06, 2014-W26) or words (the day before)")
        try:
            # EDTF, qualifiers ("before 1980", "circa 1990") and words, never dropping a qualifier
            return interpret_input(text.strip(), anchor)
        except TemporalError as exc:
            message = str(exc)
            if anchor is None and "anchor" in message.lower():
                message += f" ({anchor_label} is unknown)"
            raise InputError(message) from None

    @staticmethod
    def _walk(s: Session, change: ChangeLog, *, nodes=(), events=(), resolutions=None) -> Propagation:  # noqa: ANN001
        s.flush()
        prop = Propagation(s, note=f"re-resolved: its anchor changed (change {change.id})",
                           change_id=change.id)
        prop.walk(node_roots=nodes, event_roots=events, resolutions=resolutions)
        prop.write()
        return prop

    @staticmethod
    def _finish(change: ChangeLog, previous: dict, prop: Propagation | None = None, **extra) -> None:  # noqa: ANN003
        """Record what undo needs in the change's payload (``items``: keys of touched items
        the rest does not name, see ``eventdb.services.undo``)."""
        merged = dict(previous)
        if prop is not None:
            for key, value in prop.previous.items():
                merged.setdefault(key, value)
        change.payload = {"previous": merged, **extra}

    # -- reading -------------------------------------------------------------------------------
    def event_detail(self, event_id: int) -> EventDetail:
        with self.db.session() as s:
            ev = self._event(s, event_id)
            doc = s.get(Document, ev.document_id)
            assert doc is not None
            pub = self._publication(s, ev.document_id)
            node = s.get(TimeNode, ev.time_node_id) if ev.time_node_id else None
            chain = self._chain(s, node)
            sentence = doc.text[ev.sentence_start:ev.sentence_end]
            span = None
            if node is not None and node.kind == "expression" and node.start is not None:
                if ev.sentence_start <= node.start and node.end <= ev.sentence_end:
                    span = (node.start - ev.sentence_start, node.end - ev.sentence_start)
            participants = [
                (r.name, r.kind, r.role) for r in s.execute(
                    select(Participant.name, Participant.kind, EventArgument.role)
                    .join(Mention, Mention.id == EventArgument.mention_id)
                    .join(Participant, Participant.id == Mention.participant_id)
                    .where(EventArgument.event_id == ev.id).order_by(Mention.start)
                )
            ]
            return EventDetail(
                id=ev.id, version=ev.version_id, document_id=doc.external_id,
                document_title=doc.title, source=doc.source, url=doc.url,
                published=pub.value, review_reason=doc.review_reason, headline=ev.headline,
                trigger=ev.trigger, sentence=sentence, sentence_start=ev.sentence_start,
                expression_span=span, expression_text=node.text if node is not None and node.kind == "expression" else None,
                value=ev.value, precision=ev.precision, earliest=ev.earliest, latest=ev.latest,
                edtf=ev.edtf, mod=ev.mod, status=ev.status, date_how=ev.date_how,
                confidence=ev.confidence, relation=ev.relation, anchor_chain=chain,
                explanation=self._explain(chain, ev), alternatives=self._alternatives(s, ev, node, doc),
                participants=participants, merged_into=ev.merged_into_id,
                published_version=pub.version_id, happening=_happening_view(s, ev.happening_id),
            )

    def _chain(self, s: Session, node: TimeNode | None) -> list[AnchorStep]:
        steps: list[AnchorStep] = []
        seen: set[tuple[str, int]] = set()
        while node is not None and ("node", node.id) not in seen:
            seen.add(("node", node.id))
            if node.kind == "publication":
                steps.append(AnchorStep("publication", None, node.value, node_id=node.id, rule=node.rule))
                break
            steps.append(AnchorStep(node.kind, node.text, node.value, node_id=node.id, rule=node.rule))
            if node.anchor_node_id is not None:
                node = s.get(TimeNode, node.anchor_node_id)
            elif node.anchor_event_id is not None:
                other = s.get(Event, node.anchor_event_id)
                if other is None or ("event", other.id) in seen:
                    break
                seen.add(("event", other.id))
                steps.append(AnchorStep("event", other.headline, other.value, event_id=other.id))
                node = s.get(TimeNode, other.time_node_id) if other.time_node_id else None
            else:
                steps.append(AnchorStep("absolute", None, None))
                break
        return steps

    @staticmethod
    def _explain(chain: list[AnchorStep], ev: Event) -> str:
        if not chain:
            return "no date yet"
        if ev.date_how == "curator":
            return f"set by a curator: {words_of(resolved_of(ev))}"
        first = chain[0]
        said = words_of(resolved_of(ev)) if ev.value else "unresolved"

        def in_words(value: str | None, missing: str = "unresolved") -> str:
            return date_words(value) if value else missing

        if first.kind == "publication":
            return f"dated by the publication date ({in_words(first.value, 'unknown')}) → {said}"

        def label(step: AnchorStep) -> str:
            if step.kind == "publication":
                day = in_words(step.value, "unknown")
                try:
                    day = f"{date.fromisoformat(step.value):%a} {day}" if step.value else day
                except ValueError:
                    pass
                return f"publication, {day}"
            if step.kind == "event":
                return f"event {step.event_id} ({in_words(step.value)})"
            if step.kind == "absolute":
                return "the calendar"
            return f'"{step.text}" ({in_words(step.value)})'

        anchor = label(chain[1]) if len(chain) > 1 else "the calendar"
        words = describe_rule(first.rule or "", anchor) if first.rule else anchor
        return f"{first.text} → {words} → {said}"

    def _alternatives(self, s: Session, ev: Event, node: TimeNode | None, doc: Document) -> list[Alternative]:
        found: dict[str, Alternative] = {}
        if node is not None and node.kind == "expression" and node.rule:
            anchor, _ = self._event_anchor(s, ev)
            try:
                kind, args, _opts = split_rule(node.rule)
            except Exception:
                kind, args = "", []
            if anchor is not None and kind in ("weekday", "month", "monthday", "quarter", "half",
                                               "season", "weekend") and args:
                for direction, label in (("last", "previous occurrence"), ("next", "next occurrence"),
                                         ("past", "on or before the anchor")):
                    alt_rule = node.rule.replace(f":{args[-1]}", f":{direction}", 1)
                    try:
                        res = resolve(alt_rule, anchor)
                    except Exception:
                        continue
                    if res.is_resolved and res.value != ev.value:
                        found.setdefault(res.value, Alternative(label, res.value, res))
        pub = self._publication(s, ev.document_id)
        if pub.value and pub.value != ev.value:
            found.setdefault(pub.value, Alternative("the publication date", pub.value, resolved_of(pub)))  # type: ignore[arg-type]
        dateline = s.scalars(select(TimeNode).where(
            TimeNode.document_id == doc.id, TimeNode.kind == "dateline")).first()
        if dateline is not None and dateline.value and dateline.value != ev.value:
            found.setdefault(dateline.value, Alternative("the dateline's date", dateline.value,
                                                         resolved_of(dateline)))  # type: ignore[arg-type]
        return list(found.values())

    def history(self, event_id: int) -> list[HistoryEntry]:
        """Every value the event (and the time node that dates it) had, oldest first."""
        with self.db.session() as s:
            ev = self._event(s, event_id)
            node = s.get(TimeNode, ev.time_node_id) if ev.time_node_id else None
            conditions = [DateAssertion.event_id == ev.id]
            if node is not None and node.kind != "publication":
                conditions.append(DateAssertion.node_id == node.id)
            from sqlalchemy import or_

            rows = s.execute(
                select(DateAssertion, ChangeLog.undone_by_id)
                .outerjoin(ChangeLog, ChangeLog.id == DateAssertion.change_id)
                .where(or_(*conditions)).order_by(DateAssertion.id)
            ).all()
            entries = []
            for a, undone_by in rows:
                subject = f"event {a.event_id}" if a.event_id else f'time node {a.node_id} ("{node.text if node else ""}")'
                entries.append(HistoryEntry(
                    when=a.created_at, who=a.curator if a.origin == "curator" else (a.curator and f"machine, after {a.curator}") or None,
                    origin=a.origin, status=a.status, value=a.value, earliest=a.earliest,
                    latest=a.latest, input_text=a.input_text, note=a.note, current=a.is_current,
                    subject=subject, change_id=a.change_id, undone=undone_by is not None,
                    mod=a.mod, precision=a.precision, edtf=a.edtf,
                ))
            from eventdb.services.edit_log import edit_history  # headline, split, participants

            return sorted(entries + edit_history(s, ev.id), key=lambda e: (e.when is None, e.when or 0))

    def preview_date(self, event_id: int, text: str) -> Resolved:
        """What ``set_date(event_id, text)`` would give, without writing. Raises InputError."""
        with self.db.session() as s:
            ev = self._event(s, event_id)
            anchor, label = self._event_anchor(s, ev)
            return self._interpret(text, anchor, label)[1]

    # -- writing -------------------------------------------------------------------------------
    def set_published(self, document_id: str, value: str | None, *, note: str | None = None,
                      version: int | None = None) -> ChangeResult:
        """Set (or, with None/"unknown", unset) a document's publication date; re-resolve."""
        return self.set_published_many([document_id], value, note=note, version=version)

    @_retry_on_deadlock
    def set_published_many(self, document_ids: list[str], value: str | None, *,
                           note: str | None = None, version: int | None = None) -> ChangeResult:
        """The same publication date (or unknown) for several documents: one transaction, one
        change-log entry, one undo; their relative dates re-resolve."""
        ids = list(dict.fromkeys(document_ids))
        if not ids:
            raise InputError("give at least one document id")
        if version is not None and len(ids) > 1:
            raise InputError("--if-version takes one document id")
        unknown = value is None or value.strip().lower() in ("", "unknown", "none", "null")
        resolved: Resolved | None = None
        if not unknown:
            try:
                resolved = parse_value(value.strip())  # type: ignore[union-attr]
            except TemporalError as exc:
                raise InputError(f"invalid publication date {value!r}: {exc}") from None
            if not resolved.is_resolved or resolved.earliest is None:
                raise InputError(f"a publication date must be a calendar date, not {value!r}")
        shown = resolved.value if resolved else "unknown"
        with self.db.transaction() as s:
            docs = [self._document(s, d, lock=True) for d in ids]
            pubs = [s.get(TimeNode, doc.published_node_id) for doc in docs]
            assert all(p is not None for p in pubs)
            self._check_version(s, pubs[0], version, f"the publication date of {ids[0]}")
            summary = (f"{ids[0]}: published {pubs[0].value or 'unknown'} → {shown}" if len(ids) == 1
                       else f"{', '.join(ids)}: published → {shown}")
            change = self._change(s, "set-published", summary, note)
            previous: dict[str, int | None] = {}
            fields: list = []
            for doc, pub in zip(docs, pubs):
                previous[f"n:{pub.id}"] = getattr(self._current(s, pub), "id", None)
                fields.append(["documents", doc.id, {"review_reason": doc.review_reason}])
                assert_date(s, pub, resolved, origin="curator",
                            status="corrected" if resolved else "unresolved", curator=self.curator,
                            note=note, input_text=value, rule="dct", change_id=change.id)
                doc.review_reason = self._dateline_review(s, doc, resolved)
            prop = self._walk(s, change, nodes=[p.id for p in pubs],
                              resolutions={("node", p.id): resolved for p in pubs})
            self._finish(change, previous, prop, fields=fields)
            return ChangeResult(change.id, change.summary, prop.event_ids, prop.needs_review)

    @staticmethod
    def _dateline_review(s: Session, doc: Document, published: Resolved | None) -> str | None:
        dateline = s.scalars(select(TimeNode).where(
            TimeNode.document_id == doc.id, TimeNode.kind == "dateline")).first()
        if dateline is None or published is None or published.earliest is None:
            return None
        return dateline_disagreement(published.earliest, resolved_of(dateline))

    @_retry_on_deadlock
    def set_date(self, event_id: int, text: str, *, note: str | None = None,
                 version: int | None = None) -> ChangeResult:
        """A TIMEX3/ISO/EDTF value or natural language resolved against the event's anchor."""
        with self.db.transaction() as s:
            ev = self._event(s, event_id, lock=True)
            self._check_version(s, ev, version, f"event {event_id}")
            anchor, label = self._event_anchor(s, ev)
            rule, resolved = self._interpret(text, anchor, label)
            change = self._change(s, "set-date", f"event {event_id}: {words_of(resolved_of(ev))} → {words_of(resolved)}", note)
            previous = {f"e:{ev.id}": getattr(self._current(s, ev), "id", None)}
            fields = [["events", ev.id, {"date_how": ev.date_how}]]
            assert_date(s, ev, resolved, origin="curator", status="corrected", curator=self.curator,
                        note=note, input_text=text, rule=rule, change_id=change.id)
            ev.date_how = "curator"
            prop = self._walk(s, change, events=[ev.id], resolutions={("event", ev.id): resolved})
            self._finish(change, previous, prop, fields=fields)
            return ChangeResult(change.id, change.summary, [ev.id, *prop.event_ids], prop.needs_review)

    @_retry_on_deadlock
    def set_node_date(self, node_id: int, text: str, *, note: str | None = None,
                      version: int | None = None) -> ChangeResult:
        """Correct a time expression itself: every event it dates follows (unless curated)."""
        with self.db.transaction() as s:
            node = s.scalars(select(TimeNode).where(TimeNode.id == node_id).with_for_update()).first() \
                if can_exist(node_id) else None
            if node is None or node.kind == "publication":
                raise NotFoundError(f"no time expression with id {node_id}")
            self._check_version(s, node, version, f"time node {node_id}")
            if node.anchor_node_id is not None:
                anchor_row = s.get(TimeNode, node.anchor_node_id)
                anchor, label = resolved_of(anchor_row), "its anchor"  # type: ignore[arg-type]
            elif node.anchor_event_id is not None:
                anchor, label = resolved_of(s.get(Event, node.anchor_event_id)), "its anchor event"  # type: ignore[arg-type]
            else:
                anchor, label = resolved_of(self._publication(s, node.document_id)), "the publication date"
            rule, resolved = self._interpret(text, anchor, label)
            change = self._change(s, "set-date", f"time node {node_id} \"{node.text}\": {words_of(resolved_of(node))} → {words_of(resolved)}", note)
            previous = {f"n:{node.id}": getattr(self._current(s, node), "id", None)}
            assert_date(s, node, resolved, origin="curator", status="corrected", curator=self.curator,
                        note=note, input_text=text, rule=rule, change_id=change.id)
            prop = self._walk(s, change, nodes=[node.id], resolutions={("node", node.id): resolved})
            self._finish(change, previous, prop)
            return ChangeResult(change.id, change.summary, prop.event_ids, prop.needs_review)

    def _depends_on(self, s: Session, event_id: int, target: int) -> bool:
        """Does ``event_id``'s date depend (transitively) on event ``target``?"""
        stack, seen = [event_id], set()
        while stack:
            current = stack.pop()
            if current == target:
                return True
            if current in seen:
                continue
            seen.add(current)
            node_id = s.scalar(select(Event.time_node_id).where(Event.id == current))
            hops = 0
            while node_id is not None and hops < 10_000:
                hops += 1
                row = s.execute(select(TimeNode.anchor_node_id, TimeNode.anchor_event_id)
                                .where(TimeNode.id == node_id)).first()
                if row is None:
                    break
                if row.anchor_event_id is not None:
                    stack.append(row.anchor_event_id)
                    break
                node_id = row.anchor_node_id
        return False

    def reanchor(self, event_id: int, to: int | str, *, relation: str = "ON",
                 offset: str | None = None, note: str | None = None,
                 version: int | None = None) -> ChangeResult:
        """Date the event from another event (``to`` = its id) or from ``"published"``."""
        return self.reanchor_many([event_id], to, relation=relation, offset=offset, note=note,
                                  version=version)

    @_retry_on_deadlock
    def reanchor_many(self, event_ids: list[int], to: int | str, *, relation: str = "ON",
                      offset: str | None = None, note: str | None = None,
                      version: int | None = None) -> ChangeResult:
        """Date each of the events from the same anchor (an event id, or ``"published"``: each
        event's own publication date): one transaction, one change-log entry, one undo."""
        ids = list(dict.fromkeys(int(i) for i in event_ids))
        if not ids:
            raise InputError("give at least one event id")
        if version is not None and len(ids) > 1:
            raise InputError("--if-version takes one event id")
        relation, rule, offset_words = self._anchor_rule(relation, offset)
        with self.db.transaction() as s:
            events = [self._event(s, i, lock=True) for i in ids]
            self._check_version(s, events[0], version, f"event {ids[0]}")
            targets = [self._anchor_target(s, ev, to) for ev in events]
            phrase = anchor_phrase(relation, offset_words, targets[0][3])
            subject = f"event {ids[0]}" if len(ids) == 1 else f"events {', '.join(map(str, ids))}"
            change = self._change(s, "anchor", f"{subject}: dated {phrase}", note)
            previous: dict[str, int | None] = {}
            fields: list = []
            created: list[int] = []
            resolutions: dict = {}
            for ev, (anchor_node_id, anchor_event_id, anchor, target_words) in zip(events, targets):
                previous[f"e:{ev.id}"] = getattr(self._current(s, ev), "id", None)
                fields.append(["events", ev.id, {"time_node_id": ev.time_node_id,
                                                 "relation": ev.relation, "date_how": ev.date_how}])
                if anchor_event_id is None and rule == "offset:+P0D:keep":
                    node = self._publication(s, ev.document_id)
                    resolved = anchor
                else:
                    resolved = _resolve_input(rule, anchor)
                    node = TimeNode(document_id=ev.document_id, kind="expression",
                                    text=f"{offset_words}{target_words}".strip(), timex_type="DATE",
                                    rule=rule, anchor_node_id=anchor_node_id,
                                    anchor_event_id=anchor_event_id)
                    s.add(node)
                    s.flush()
                    assert_date(s, node, resolved, origin="machine", status=machine_status(resolved),
                                curator=self.curator, rule=rule, change_id=change.id, first=True,
                                note="made by a curator's re-anchoring")
                    created.append(node.id)
                ev.time_node_id = node.id
                ev.relation = relation
                ev.date_how = "anchored"
                assert_date(s, ev, resolved, origin="curator", status="corrected",
                            curator=self.curator, note=note,
                            input_text=anchor_phrase(relation, offset_words, target_words),
                            rule=rule, change_id=change.id)
                resolutions[("event", ev.id)] = resolved
            prop = self._walk(s, change, events=ids, resolutions=resolutions)
            self._finish(change, previous, prop, fields=fields, created_nodes=created)
            return ChangeResult(change.id, change.summary, [*ids, *prop.event_ids], prop.needs_review)

    @staticmethod
    def _anchor_rule(relation: str, offset: str | None) -> tuple[str, str, str]:
        """(RELATION, the rule, the offset in words) for a re-anchoring; InputError if invalid."""
        from eventdb.db.models import RELATIONS

        relation = relation.upper()
        if relation not in RELATIONS:
            raise InputError(f"relation must be one of {', '.join(r.lower() for r in RELATIONS)}")
        if not offset or not offset.strip():
            return relation, "offset:+P0D:keep", ""
        amount, sign = parse_offset(offset)
        direction = "before" if (relation == "BEFORE") != (sign < 0) else "after"
        return relation, offset_rule(amount, direction), f"{offset.strip().lstrip('+-')} {direction} "

    def _anchor_target(self, s: Session, ev: Event, to: int | str):  # noqa: ANN202
        """(anchor node id, anchor event id, its resolution, in words) for ``to``."""
        pub = self._publication(s, ev.document_id)
        if isinstance(to, str) and to.strip().lower() in (PUBLISHED, "publication", "dct"):
            return pub.id, None, resolved_of(pub), "the publication date"
        try:
            target_id = int(to)
        except (TypeError, ValueError):
            raise InputError(f"anchor to an event id or 'published', not {to!r}") from None
        other = s.get(Event, target_id) if can_exist(target_id) else None
        if other is None:
            raise NotFoundError(f"no event with id {target_id}")
        if target_id == ev.id or self._depends_on(s, target_id, ev.id):
            raise InputError(
                f"cannot anchor event {ev.id} on event {target_id}: event {target_id} "
                f"is dated from event {ev.id} (that would be a cycle)")
        return None, target_id, resolved_of(other), f"event {target_id}"

    def preview_reanchor(self, event_id: int, to: int | str, *, relation: str = "ON",
                         offset: str | None = None) -> Resolved | None:
        """The date ``reanchor`` would give (None while the anchor is unknown), without writing."""
        relation, rule, _ = self._anchor_rule(relation, offset)
        with self.db.session() as s:
            ev = self._event(s, event_id)
            _, _, anchor, _ = self._anchor_target(s, ev, to)
            if rule == "offset:+P0D:keep":
                return anchor
            return _resolve_input(rule, anchor)

    @staticmethod
    def _lock_events(s: Session, ids: list[int]) -> dict[int, Event]:
        """The events ``ids``, locked in id order (NotFoundError if one is missing).

        One order for every writer: two curators merging 20→21 and 21→20 at once queue up
        instead of deadlocking, and the second reads what the first wrote (PostgreSQL).
        """
        for i in ids:
            if not can_exist(i):
                raise NotFoundError(f"no event with id {i}")
        rows = s.scalars(select(Event).where(Event.id.in_(ids)).order_by(Event.id)
                         .with_for_update().execution_options(populate_existing=True)).all()
        found = {e.id: e for e in rows}
        for i in ids:
            if i not in found:
                raise NotFoundError(f"no event with id {i}")
        return found

    @staticmethod
    def _merged_into(s: Session, ids: list[int]) -> dict[int, list[int]]:
        """Event id -> the events merged into it, for those of ``ids`` that have any."""
        found: dict[int, list[int]] = {}
        for child, target in s.execute(select(Event.id, Event.merged_into_id)
                                       .where(Event.merged_into_id.in_(ids)).order_by(Event.id)):
            found.setdefault(target, []).append(child)
        return found

    @_retry_on_deadlock
    def _restate(self, event_ids: list[int], status: str, action: str, note: str | None) -> ChangeResult:
        ids = list(dict.fromkeys(int(i) for i in event_ids))
        if not ids:
            raise InputError("give at least one event id")
        with self.db.transaction() as s:
            locked = self._lock_events(s, ids)
            events = [locked[i] for i in ids]
            if status == "rejected":
                # A rejected event would hide the reports merged into it (and the database
                # refuses it): say so instead.
                for target, children in self._merged_into(s, ids).items():
                    raise InputError(
                        f"event {target} has event{'s' if len(children) > 1 else ''} "
                        f"{', '.join(map(str, children))} merged into it: undo that merge first, "
                        "or merge them into a live event")
            change = self._change(s, action, f"{action} event{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))}", note)
            previous = {}
            for ev in events:
                previous[f"e:{ev.id}"] = getattr(self._current(s, ev), "id", None)
                assert_date(s, ev, resolved_of(ev), origin="curator", status=status,
                            curator=self.curator, note=note, rule=None, change_id=change.id)
            self._finish(change, previous)
            return ChangeResult(change.id, change.summary, ids)

    def confirm(self, event_ids: list[int], *, note: str | None = None) -> ChangeResult:
        """A curator vouches for the current date of these events."""
        return self._restate(event_ids, "confirmed", "confirm", note)

    def reject(self, event_ids: list[int], *, note: str | None = None) -> ChangeResult:
        """Not an event: hidden from the chronology and exports (undo brings it back)."""
        return self._restate(event_ids, "rejected", "reject", note)

    @_retry_on_deadlock
    def merge_events(self, event_ids: list[int], *, note: str | None = None) -> ChangeResult:
        """Merge into the first id: one event, every mention and date kept, disagreement flagged."""
        ids = list(dict.fromkeys(int(i) for i in event_ids))
        if len(ids) < 2:
            raise InputError("give at least two event ids to merge")
        with self.db.transaction() as s:
            locked = self._lock_events(s, ids)
            events = [locked[i] for i in ids]
            survivor, others = events[0], events[1:]
            # Only into a live event: a merge into a merged or rejected one hid both (the
            # database refuses it too, see migration 0005).
            if survivor.merged_into_id is not None:
                raise InputError(f"event {survivor.id} is merged into {survivor.merged_into_id} "
                                 f"already: merge into {survivor.merged_into_id} instead")
            if survivor.status == "rejected":
                raise InputError(f"event {survivor.id} is rejected: undo the rejection or pick "
                                 "a live event")
            for other in others:
                if other.merged_into_id is not None:
                    raise InputError(f"event {other.id} is already merged into event {other.merged_into_id}")
            change = self._change(s, "merge-events", f"merged events {', '.join(map(str, ids[1:]))} into {ids[0]}", note)
            # Events merged into the others follow them into the survivor (no chains): first,
            # so that no row ever points at a merged event.
            children = [c for cs in self._merged_into(s, ids[1:]).values() for c in cs]
            fields: list = []
            for child in (self._lock_events(s, children).values() if children else ()):
                fields.append(["events", child.id, {"merged_into_id": child.merged_into_id}])
                child.merged_into_id = survivor.id
            s.flush()
            fields += [["events", o.id, {"merged_into_id": None}] for o in others]
            known = set(s.scalars(select(EventArgument.mention_id).where(EventArgument.event_id == survivor.id)))
            created_arguments = []
            for other in others:
                other.merged_into_id = survivor.id
                for arg in s.scalars(select(EventArgument).where(EventArgument.event_id == other.id)):
                    if arg.mention_id not in known:
                        known.add(arg.mention_id)
                        s.add(EventArgument(event_id=survivor.id, mention_id=arg.mention_id, role=arg.role))
                        created_arguments.append([survivor.id, arg.mention_id])
            values = {e.value for e in events}
            previous = {}
            if len(values) > 1:
                previous[f"e:{survivor.id}"] = getattr(self._current(s, survivor), "id", None)
                disagreement = "; ".join(f"event {e.id}: {e.value or 'unresolved'}" for e in events)
                assert_date(s, survivor, resolved_of(survivor), origin="curator", status="needs-review",
                            curator=self.curator, note=f"merged reports disagree ({disagreement})",
                            change_id=change.id)
            self._finish(change, previous, fields=fields, created_arguments=created_arguments,
                         items=[f"e:{survivor.id}"])
            return ChangeResult(change.id, change.summary, ids,
                                [survivor.id] if len(values) > 1 else [])

    def _participant(self, s: Session, name: str) -> Participant:
        found = lookup(s, name)
        if found is None:
            raise NotFoundError(f"no participant named {name!r}")
        return found

    @_retry_on_deadlock
    def merge_participants(self, names: list[str], *, note: str | None = None) -> ChangeResult:
        """Merge into the first name: mentions and aliases move to it, the others stay as aliases."""
        if len(names) < 2:
            raise InputError("give at least two participant names to merge")
        with self.db.transaction() as s:
            found = [self._participant(s, n) for n in names]
            survivor = found[0]
            others = [p for p in dict.fromkeys(found[1:]) if p.id != survivor.id]
            if not others:
                raise InputError(f"those names are already one participant: {survivor.name}")
            # Lock them in id order and read them again: two curators merging A into B and B
            # into A at once would otherwise each merge one into the other (a cycle).
            for p in s.scalars(select(Participant).where(Participant.id.in_([p.id for p in found]))
                               .order_by(Participant.id).with_for_update()
                               .execution_options(populate_existing=True)):
                if p.merged_into_id is not None:
                    raise InputError(f"{p.name!r} was just merged into another participant by "
                                     "someone else: look again and merge what is left")
            change = self._change(s, "merge-participants", f"merged {', '.join(p.name for p in others)} into {survivor.name}", note)
            fields = [["participants", p.id, {"merged_into_id": p.merged_into_id}] for p in others]
            moved_mentions, moved_aliases = [], []
            for p in others:
                moved_mentions += [[m, p.id] for m in s.scalars(select(Mention.id).where(Mention.participant_id == p.id))]
                moved_aliases += [[a, p.id] for a in s.scalars(select(ParticipantAlias.id).where(ParticipantAlias.participant_id == p.id))]
                p.merged_into_id = survivor.id
            other_ids = [p.id for p in others]
            s.execute(update(Mention).where(Mention.participant_id.in_(other_ids)).values(participant_id=survivor.id)
                      .execution_options(synchronize_session=False))
            s.execute(update(ParticipantAlias).where(ParticipantAlias.participant_id.in_(other_ids))
                      .values(participant_id=survivor.id).execution_options(synchronize_session=False))
            self._finish(change, {}, fields=fields, moved_mentions=moved_mentions, moved_aliases=moved_aliases,
                         items=[f"p:{survivor.id}"])
            return ChangeResult(change.id, change.summary)

    @_retry_on_deadlock
    def rename_participant(self, name: str, new_name: str, *, note: str | None = None) -> ChangeResult:
        new_name = new_name.strip()
        if not new_name:
            raise InputError("the new name is empty")
        with self.db.transaction() as s:
            p = self._participant(s, name)
            clash = s.scalars(select(Participant).where(Participant.name == new_name, Participant.id != p.id)).first()
            owner = lookup(s, new_name)
            if clash is not None or (owner is not None and owner.id != p.id):
                other = clash or owner
                raise InputError(f"{new_name!r} is already the participant {other.name!r}: "  # type: ignore[union-attr]
                                 "merge them with `eventdb merge-participants`")
            change = self._change(s, "rename-participant", f"renamed {p.name} → {new_name}", note)
            fields = [["participants", p.id, {"name": p.name}]]
            created_aliases = []
            key = alias_key(new_name)
            if key and s.scalar(select(func.count()).select_from(ParticipantAlias).where(ParticipantAlias.key == key)) == 0:
                alias = ParticipantAlias(participant_id=p.id, alias=new_name, key=key)
                s.add(alias)
                s.flush()
                created_aliases.append(alias.id)
            p.name = new_name
            self._finish(change, {}, fields=fields, created_aliases=created_aliases)
            return ChangeResult(change.id, change.summary)

    # -- undo ----------------------------------------------------------------------------------
    _TABLES = {"events": Event, "documents": Document, "participants": Participant, "time_nodes": TimeNode}

    @_retry_on_deadlock
    def undo(self) -> ChangeResult | None:
        """Undo this curator's last action not yet undone; None when there is nothing to undo."""
        with self.db.transaction() as s:
            change = s.scalars(
                select(ChangeLog).where(ChangeLog.curator == self.curator, ChangeLog.action != "undo",
                                        ChangeLog.undone_by_id.is_(None))
                .order_by(ChangeLog.id.desc()).limit(1).with_for_update()
            ).first()
            if change is None:
                return None
            payload = change.payload or {}
            # Lock what it touched, then look for later work on any of it by someone else:
            # every kind of action, not only dates.
            lock_items(s, touched_items(payload))
            refuse_over_later_changes(s, change)
            previous: dict[str, int | None] = payload.get("previous", {})
            events_touched = self._undo_assertions(s, change, previous)
            import eventdb.services.edit_log  # noqa: F401 - registers its UNDO_HANDLERS
            import eventdb.services.happenings  # noqa: F401 - registers its UNDO_HANDLERS
            if change.action in UNDO_HANDLERS:
                events_touched += UNDO_HANDLERS[change.action](s, change)
            for table, row_id, values in reversed(payload.get("fields", [])):
                row = s.get(self._TABLES[table], row_id)
                if row is not None:
                    for key, value in values.items():
                        setattr(row, key, value)
                    if table == "events":
                        events_touched.append(row_id)
                    # Row by row, in reverse order of the change: an event merged into another
                    # is unmerged before the events re-pointed at it go back (see migration 0005).
                    s.flush()
            if change.action == "carry-curation":  # the happening decisions it carried
                from eventdb.db.models import HappeningDecision

                s.execute(update(HappeningDecision).where(HappeningDecision.change_id == change.id)
                          .values(is_current=False).execution_options(synchronize_session=False))
            for event_id, mention_id in payload.get("created_arguments", []):
                s.execute(delete(EventArgument).where(EventArgument.event_id == event_id,
                                                      EventArgument.mention_id == mention_id))
            for mention_id, participant_id in payload.get("moved_mentions", []):
                s.execute(update(Mention).where(Mention.id == mention_id).values(participant_id=participant_id))
            for alias_id, participant_id in payload.get("moved_aliases", []):
                s.execute(update(ParticipantAlias).where(ParticipantAlias.id == alias_id)
                          .values(participant_id=participant_id))
            if payload.get("created_aliases"):
                s.execute(delete(ParticipantAlias).where(ParticipantAlias.id.in_(payload["created_aliases"])))
            if payload.get("created_participants"):  # a split's: nothing names them any more
                s.execute(delete(Participant).where(Participant.id.in_(payload["created_participants"])))
            if payload.get("created_nodes"):
                s.execute(delete(TimeNode).where(TimeNode.id.in_(payload["created_nodes"])))
            undo = ChangeLog(curator=self.curator, action="undo", summary=f"undid: {change.summary}",
                             payload={}, undo_of_id=change.id)
            s.add(undo)
            s.flush()
            change.undone_by_id = undo.id
            return ChangeResult(undo.id, undo.summary, list(dict.fromkeys(events_touched)))

    def _undo_assertions(self, s: Session, change: ChangeLog, previous: dict[str, int | None]) -> list[int]:
        """Retire the assertions of ``change`` and make the ones before it current again."""
        touched: list[int] = []
        for prefix, model, column in (("e", Event, DateAssertion.event_id), ("n", TimeNode, DateAssertion.node_id)):
            ids = [int(k[2:]) for k in previous if k.startswith(prefix + ":")]
            for i in range(0, len(ids), CHUNK):
                chunk = ids[i:i + CHUNK]
                stale = s.execute(
                    select(column, DateAssertion.curator, DateAssertion.change_id)
                    .where(column.in_(chunk), DateAssertion.is_current,
                           (DateAssertion.change_id != change.id) | DateAssertion.change_id.is_(None))
                    .limit(1)
                ).first()
                if stale is not None:
                    label = "event" if prefix == "e" else "time node"
                    raise ConflictError(
                        f"cannot undo \"{change.summary}\": {label} {stale[0]} was changed since by "
                        f"{stale.curator or 'the machine'} (change {stale.change_id})")
            s.execute(update(DateAssertion).where(DateAssertion.change_id == change.id, DateAssertion.is_current)
                      .values(is_current=False).execution_options(synchronize_session=False))
            restore = {int(k[2:]): v for k, v in previous.items() if k.startswith(prefix + ":") and v is not None}
            keys = list(restore.values())
            for i in range(0, len(keys), CHUNK):
                chunk = keys[i:i + CHUNK]
                s.execute(update(DateAssertion).where(DateAssertion.id.in_(chunk)).values(is_current=True)
                          .execution_options(synchronize_session=False))
                rows = s.execute(select(DateAssertion.id, column.label("subject"), DateAssertion.status,
                                        *[getattr(DateAssertion, f) for f in RESOLVED_FIELDS])
                                 .where(DateAssertion.id.in_(chunk))).all()
                raw_update_by_id(s, model.__table__, ["status", *RESOLVED_FIELDS], [
                    (r.status, *(getattr(r, f) for f in RESOLVED_FIELDS), r.subject) for r in rows])
                if prefix == "e":
                    touched += [r.subject for r in rows]
        s.expire_all()
        return touched

    # -- bulk (appended for the TUI workbench: one transaction, one change, one undo) ----------
    @_retry_on_deadlock
    def set_dates(self, event_ids: list[int], text: str, *, note: str | None = None) -> ChangeResult:
        """``set_date`` on many events at once: each resolves ``text`` against its own anchor.

        One transaction and one change-log entry, so one undo restores them all; any event that
        cannot take the date refuses the whole change (nothing is written).
        """
        ids = list(dict.fromkeys(int(i) for i in event_ids))
        if not ids:
            raise InputError("give at least one event id")
        if len(ids) == 1:
            return self.set_date(ids[0], text, note=note)
        with self.db.transaction() as s:
            events = [self._event(s, i, lock=True) for i in ids]
            answers = []
            for ev in events:
                anchor, label = self._event_anchor(s, ev)
                try:
                    answers.append(self._interpret(text, anchor, label))
                except InputError as exc:
                    raise InputError(f"event {ev.id}: {exc}") from None
            values = sorted({r.value or "unresolved" for _, r in answers})
            change = self._change(s, "set-date", f"events {', '.join(map(str, ids))} → {', '.join(values)}",
                                  note)
            previous, fields, resolutions = {}, [], {}
            for ev, (rule, resolved) in zip(events, answers):
                previous[f"e:{ev.id}"] = getattr(self._current(s, ev), "id", None)
                fields.append(["events", ev.id, {"date_how": ev.date_how}])
                assert_date(s, ev, resolved, origin="curator", status="corrected",
                            curator=self.curator, note=note, input_text=text, rule=rule,
                            change_id=change.id)
                ev.date_how = "curator"
                resolutions[("event", ev.id)] = resolved
            prop = self._walk(s, change, events=ids, resolutions=resolutions)
            self._finish(change, previous, prop, fields=fields)
            return ChangeResult(change.id, change.summary, [*ids, *prop.event_ids], prop.needs_review)
