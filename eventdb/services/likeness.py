"""Which events look like the same real-world event, and why a merge may be a mistake.

``merge_warnings`` is asked before any merge (the CLI refuses without ``--force``, the TUI asks
for a confirmation that names the reasons); ``candidates`` ranks the events a curator is likely
to merge with one: shared participants, close dates, similar headline words.

Reads are bounded: candidates come from two index-backed, LIMITed queries (events near the date
through ``ix_events_chronology``; events sharing a participant through the mention and argument
indexes, within a date window), and are scored in Python. Nothing here writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eventdb.db.models import Document, Event, EventArgument, Mention, Participant
from eventdb.services.browse import Filters, conditions

#: Reports from different articles whose dates are further apart than this are probably two events.
FAR_DAYS = 30
#: How far around the event's date candidates are looked for.
NEAR_DAYS = 7
PARTICIPANT_WINDOW_DAYS = 90
POOL = 200  # rows read per query before scoring
TOP = 10

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = frozenset(
    "the and for with from that this was were has have had said says its their his her into "
    "after before over about than then they them there which while who whom will would could "
    "also been being are not but on in at of to by an".split()
)


def words(text: str | None) -> set[str]:
    """The headline's content words, lower-cased (for overlap)."""
    return {w for w in (m.group(0).lower() for m in _WORD.finditer(text or "")) if w not in _STOP}


@dataclass(slots=True)
class _Facts:
    id: int
    headline: str
    value: str | None
    status: str
    document_pk: int
    document: str
    earliest: date | None
    latest: date | None
    merged_into_id: int | None


def _facts(session: Session, ids: Sequence[int]) -> dict[int, _Facts]:
    rows = session.execute(
        select(Event.id, Event.headline, Event.value, Event.status, Event.document_id,
               Document.external_id, Event.earliest, Event.latest, Event.merged_into_id)
        .join(Document, Document.id == Event.document_id)
        .where(Event.id.in_(list(ids)))
    )
    return {r.id: _Facts(*r) for r in rows}


def days_apart(a_earliest: date | None, a_latest: date | None, b_earliest: date | None,
               b_latest: date | None) -> int | None:
    """Days between two date ranges (0 when they overlap); None when either is undated."""
    if a_earliest is None or b_earliest is None:
        return None
    a_end, b_end = a_latest or a_earliest, b_latest or b_earliest
    return max(0, (b_earliest - a_end).days, (a_earliest - b_end).days)


def merge_warnings(session: Session, event_ids: Sequence[int], *, far_days: int = FAR_DAYS) -> list[str]:
    """Why merging ``event_ids`` (into the first) may be wrong, one sentence each; [] if fine.

    Warned: the same id twice (an event merged with itself), and reports from different
    articles whose dates are more than ``far_days`` apart or in different years.
    """
    ids = [int(i) for i in event_ids]
    warnings: list[str] = []
    seen: set[int] = set()
    for i in ids:
        if i in seen:
            warnings.append(f"event {i} is given twice: an event cannot be merged with itself")
        seen.add(i)
    facts = _facts(session, list(seen))
    if not ids or ids[0] not in facts:
        return warnings
    first = facts[ids[0]]
    for i in dict.fromkeys(ids[1:]):
        other = facts.get(i)
        if other is None or i == first.id or other.document_pk == first.document_pk:
            continue
        gap = days_apart(first.earliest, first.latest, other.earliest, other.latest)
        if gap is None:
            continue
        years = {first.earliest.year, other.earliest.year}  # type: ignore[union-attr]
        if gap > far_days or len(years) > 1:
            why = [f"{gap:,} days apart"] if gap > far_days else []
            if len(years) > 1:
                why.append(f"different years ({first.earliest.year} and {other.earliest.year})")  # type: ignore[union-attr]
            warnings.append(
                f"event {first.id} ({first.value}, {first.document}) and event {other.id} "
                f"({other.value}, {other.document}) come from different articles and are "
                + " and ".join(why))
    return warnings


@dataclass(slots=True)
class Candidate:
    """An event that may be the same real-world event, with why it was proposed."""

    id: int
    headline: str
    value: str | None
    status: str
    document: str
    score: float
    reasons: list[str] = field(default_factory=list)


def _participants(session: Session, ids: Sequence[int]) -> dict[int, dict[int, str]]:
    """event id -> {participant id: name} (mentions point at canonical participants)."""
    found: dict[int, dict[int, str]] = {i: {} for i in ids}
    if not ids:
        return found
    rows = session.execute(
        select(EventArgument.event_id, Participant.id, Participant.name)
        .join(Mention, Mention.id == EventArgument.mention_id)
        .join(Participant, Participant.id == Mention.participant_id)
        .where(EventArgument.event_id.in_(list(ids)))
    )
    for event_id, pid, name in rows:
        found.setdefault(event_id, {})[pid] = name
    return found


def candidates(session: Session, event_id: int, *, limit: int = TOP) -> list[Candidate]:
    """The visible events most like ``event_id``, best first (at most ``limit``)."""
    me = _facts(session, [event_id]).get(event_id)
    if me is None:
        return []
    visible = conditions(Filters(reports=True))  # every shown report, not one per happening
    pool: set[int] = set()
    if me.earliest is not None:
        low, high = me.earliest - timedelta(days=NEAR_DAYS), (me.latest or me.earliest) + timedelta(days=NEAR_DAYS)
        pool.update(session.scalars(
            select(Event.id).where(Event.earliest >= low, Event.earliest <= high, Event.id != event_id,
                                   *visible)
            .order_by(Event.earliest, Event.latest, Event.document_id, Event.position).limit(POOL)
        ))
    else:  # undated: its own article's events
        pool.update(session.scalars(
            select(Event.id).where(Event.document_id == me.document_pk, Event.id != event_id, *visible)
            .order_by(Event.position).limit(POOL)
        ))
    mine = _participants(session, [event_id])[event_id]
    if mine:
        shared = (
            select(EventArgument.event_id)
            .join(Mention, Mention.id == EventArgument.mention_id)
            .join(Event, Event.id == EventArgument.event_id)
            .where(Mention.participant_id.in_(list(mine)), EventArgument.event_id != event_id, *visible)
        )
        if me.earliest is not None:
            window = timedelta(days=PARTICIPANT_WINDOW_DAYS)
            shared = shared.where(Event.earliest >= me.earliest - window,
                                  Event.earliest <= (me.latest or me.earliest) + window)
        pool.update(session.scalars(
            shared.group_by(EventArgument.event_id)
            .order_by(func.count(func.distinct(Mention.participant_id)).desc(), EventArgument.event_id)
            .limit(POOL)
        ))
    if not pool:
        return []
    facts = _facts(session, list(pool))
    people = _participants(session, list(pool))
    my_words = words(me.headline)
    ranked = []
    for i, other in facts.items():
        reasons, score = [], 0.0
        common = [people[i][p] for p in people.get(i, {}) if p in mine]
        if common:
            score += 2.0 * len(common)
            reasons.append("shares " + ", ".join(sorted(common)[:3]))
        gap = days_apart(me.earliest, me.latest, other.earliest, other.latest)
        if gap is not None:
            score += 3.0 / (1 + gap)
            reasons.append("same date" if gap == 0 else f"{gap} day{'s' if gap > 1 else ''} apart")
        overlap = my_words & words(other.headline)
        if overlap:
            score += 4.0 * len(overlap) / max(1, len(my_words | words(other.headline)))
            reasons.append("words: " + ", ".join(sorted(overlap)[:3]))
        if other.document_pk != me.document_pk:
            score += 0.5  # the same event reported twice is usually two articles
        ranked.append(Candidate(other.id, other.headline, other.value, other.status, other.document,
                                round(score, 3), reasons))
    ranked.sort(key=lambda c: (-c.score, c.id))
    return ranked[:limit]
