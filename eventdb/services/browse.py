"""Read-only queries for browsing the chronology page by page (the TUI's data layer).

The chronology order is ``earliest, latest, document, position`` with undated events last. To let
the database walk the ``ix_events_chronology`` index instead of sorting every row, the chronology
is read as two segments: the dated events (``earliest IS NOT NULL``, in index order) followed by
the undated ones (``earliest IS NULL``, same index). A page at any offset is read from whichever
end of its segment is nearer, so the last page of 100,000 events costs what the first one does.

Nothing here writes. Every function takes a session (the caller decides which thread it runs on).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select, tuple_
from sqlalchemy.orm import Session, aliased

from eventdb.db.models import (
    Document, Event, EventArgument, Happening, Mention, Participant, ParticipantAlias,
)

#: Quick filters, in the order ``f`` cycles through them: (label, statuses).
QUICK_FILTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("all", ()),
    ("unresolved", ("unresolved",)),
    ("needs review", ("needs-review",)),
    ("corrected", ("corrected",)),
)


#: Orders the chronology can be read in: (key, words for the header). ``date`` is the chronology.
SORTS: tuple[tuple[str, str], ...] = (
    ("date", "date"),
    ("document", "document order"),
    ("confidence", "confidence, lowest first"),
    ("how", "how the date was obtained"),
)


@dataclass(frozen=True, slots=True)
class Filters:
    """What part of the chronology to show, in which order. Filters combine (AND).

    Text matches are case-insensitive substrings. ``date_from``/``date_to`` bound the first day an
    event may fall on (undated events are then left out).
    """

    text: str | None = None  # in the headline or the document title
    participant: str | None = None  # any name or alias of a participant
    document: str | None = None  # the document's id or title
    statuses: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    publication_only: bool = False  # dated only by the publication date (date_how)
    confidence_below: float | None = None
    sort: str = "date"
    #: Show background rows (states, quotes, attributions, credits): hidden by default.
    background: bool = False
    #: One row per report; by default a happening is one row (its lead report, see ``_lead``).
    reports: bool = False

    @property
    def is_empty(self) -> bool:
        """No filter (the order does not count)."""
        return not (self.text or self.participant or self.document or self.statuses
                    or self.date_from or self.date_to or self.publication_only
                    or self.confidence_below is not None or self.background or self.reports)

    @property
    def by_date(self) -> bool:
        return self.sort == "date"

    @property
    def includes_hidden(self) -> bool:
        return "rejected" in self.statuses


@dataclass(slots=True)
class Row:
    """One line of the chronology."""

    index: int
    id: int
    document_pk: int
    position: int
    value: str | None
    precision: str | None
    mod: str | None
    edtf: str | None
    earliest: date | None
    latest: date | None
    status: str
    confidence: float
    headline: str
    document: str  # the document's external id
    participants: list[str] = field(default_factory=list)
    #: A background row (shown with ``show:background``): reports no happening by itself.
    background: bool = False
    #: How many shown reports its happening has (this one included), and whether they disagree.
    reports: int = 1
    conflict: bool = False

    @property
    def group(self) -> tuple[date | None, date | None]:
        """Rows with the same group key share a date and are shown together."""
        return (self.earliest, self.latest)


@dataclass(slots=True)
class Counts:
    total: int
    dated: int
    #: False for what :func:`first_page` saw: at least this many (a count of a big chronology
    #: takes seconds; its first page does not wait for it).
    exact: bool = True


# -- filters ----------------------------------------------------------------------------------

def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(f: Filters, ev=Event, leads: bool = True) -> list[ColumnElement[bool]]:  # noqa: ANN001
    """WHERE clauses on ``events`` (or the alias ``ev``) for ``f`` (subqueries, no joins: the
    index stays usable); ``leads``: keep only the lead report of each happening."""
    conds: list[ColumnElement[bool]] = []
    if not f.includes_hidden:
        # coalesce(): SQLite would otherwise pick ix_events_merged_into_id (almost every row has
        # NULL there) and sort the whole table instead of walking the chronology index.
        conds += [ev.status != "rejected", func.coalesce(ev.merged_into_id, 0) == 0]
    if f.statuses:
        conds.append(ev.status.in_(list(f.statuses)))
    if not f.background:
        conds.append(ev.background.is_(False))
    if leads and not f.reports:
        conds.append(or_(ev.happening_id.is_(None), ev.id == _lead(f)))
    if f.date_from is not None:
        conds.append(ev.earliest >= f.date_from)
    if f.date_to is not None:
        conds.append(ev.earliest <= f.date_to)
    if f.publication_only:
        conds.append(ev.date_how == "publication")
    if f.confidence_below is not None:
        conds.append(ev.confidence < f.confidence_below)
    if f.document:
        like = _like(f.document)
        conds.append(ev.document_id.in_(
            select(Document.id).where(or_(
                Document.external_id == f.document,
                Document.external_id.ilike(like, escape="\\"),
                Document.title.ilike(like, escape="\\"),
            ))
        ))
    if f.text:
        like = _like(f.text)
        conds.append(or_(
            ev.headline.ilike(like, escape="\\"),
            ev.document_id.in_(select(Document.id).where(Document.title.ilike(like, escape="\\"))),
        ))
    if f.participant:
        from eventdb.services.participants import alias_key

        key = alias_key(f.participant)
        names = [ParticipantAlias.key.like(_like(key), escape="\\")] if key else []
        names.append(Participant.name.ilike(_like(f.participant), escape="\\"))
        matching = (
            select(Participant.id)
            .outerjoin(ParticipantAlias, ParticipantAlias.participant_id == Participant.id)
            .where(or_(*names))
        )
        # IN (...) rather than a correlated EXISTS: the few matching participants are found once.
        conds.append(ev.id.in_(
            select(EventArgument.event_id)
            .join(Mention, Mention.id == EventArgument.mention_id)
            .where(Mention.participant_id.in_(matching))
        ))
    return conds


def _lead(f: Filters):  # noqa: ANN202 - a correlated scalar subquery
    """The report that stands for its happening in the chronology: among the happening's
    reports the current filter shows (a happening is listed when any of its reports matches,
    led by a matching one), one that writes its date before one that borrows it from another
    sentence, before one dated by the publication default (the written date is the
    happening's), then the first stored."""
    other = aliased(Event)
    where = [other.happening_id == Event.happening_id, *conditions(f, other, leads=False)]
    return (select(other.id).where(*where)
            .order_by((other.date_how == "publication").asc(),
                      other.date_how.in_(("narrative", "inferred")).asc(), other.id).limit(1)
            .correlate(Event).scalar_subquery())


_DATED = (Event.earliest, Event.latest, Event.document_id, Event.position)
_UNDATED = (Event.latest, Event.document_id, Event.position)


def _segment(dated: bool) -> tuple[ColumnElement[bool], tuple]:
    if dated:
        return Event.earliest.is_not(None), _DATED
    return Event.earliest.is_(None), _UNDATED


# -- counting and paging ----------------------------------------------------------------------

def counts(session: Session, f: Filters) -> Counts:
    """How many events the chronology shows, and how many of them are dated (they come first)."""
    row = session.execute(
        select(func.count(), func.count(Event.earliest)).select_from(Event).where(*conditions(f))
    ).one()
    return Counts(total=row[0] or 0, dated=row[1] or 0)


def undated_count(session: Session, f: Filters) -> int:
    """How many events the chronology shows with no date (a range of the chronology index; the
    dated ones are the sum of :func:`density`)."""
    return session.scalar(
        select(func.count()).select_from(Event).where(Event.earliest.is_(None), *conditions(f))
    ) or 0


def _segment_ids(session: Session, f: Filters, dated: bool, size: int, offset: int, limit: int) -> list[int]:
    """Ids of rows ``offset .. offset+limit`` of one segment of ``size`` rows, in order."""
    if limit <= 0 or offset >= size:
        return []
    limit = min(limit, size - offset)
    where, order = _segment(dated)
    stmt = select(Event.id).where(where, *conditions(f))
    if offset > size // 2:  # nearer the end: read backwards from there
        back = size - (offset + limit)
        stmt = stmt.order_by(*(c.desc() for c in order)).limit(limit).offset(back)
        return list(reversed(session.scalars(stmt).all()))
    stmt = stmt.order_by(*order).limit(limit).offset(offset)
    return list(session.scalars(stmt).all())


#: The other orders, each ending in a unique column so that positions are well defined.
#: ``document`` walks the unique (document_id, position) index. ``confidence`` and ``how`` have no
#: index of their own (a migration would add ``(confidence, id)`` and ``(date_how, id)``): the
#: database sorts the filtered rows for each page, read from the nearer end.
_SORT_ORDERS = {
    "document": (Event.document_id, Event.position),
    "confidence": (Event.confidence, Event.id),
    "how": (Event.date_how, Event.id),
}


def _sorted_ids(session: Session, f: Filters, size: int, offset: int, limit: int) -> list[int]:
    """Ids of rows ``offset .. offset+limit`` in one of the other orders (see ``_SORT_ORDERS``)."""
    if limit <= 0 or offset >= size:
        return []
    limit = min(limit, size - offset)
    order = _SORT_ORDERS[f.sort]
    stmt = select(Event.id).where(*conditions(f))
    if offset > size // 2:
        back = size - (offset + limit)
        stmt = stmt.order_by(*(c.desc() for c in order)).limit(limit).offset(back)
        return list(reversed(session.scalars(stmt).all()))
    return list(session.scalars(stmt.order_by(*order).limit(limit).offset(offset)).all())


def page(session: Session, f: Filters, offset: int, limit: int, c: Counts | None = None) -> list[Row]:
    """Rows ``offset .. offset+limit`` of the chronology (fewer at the end)."""
    c = c or counts(session, f)
    offset = max(0, offset)
    if not f.by_date:
        return rows_for(session, _sorted_ids(session, f, c.total, offset, limit), first_index=offset)
    ids: list[int] = []
    if offset < c.dated:
        ids += _segment_ids(session, f, True, c.dated, offset, limit)
    end = offset + limit
    if end > c.dated:
        start = max(offset, c.dated) - c.dated
        ids += _segment_ids(session, f, False, c.total - c.dated, start, end - max(offset, c.dated))
    return rows_for(session, ids, first_index=offset)


def first_page(session: Session, f: Filters, limit: int) -> tuple[list[Row], Counts]:
    """The chronology's first ``limit`` rows without counting it (index walks only), and what
    they tell of the counts: exact when the rows ran out, else a lower bound (``exact`` False)."""
    if not f.by_date:
        c = counts(session, f)
        return page(session, f, 0, limit, c), c
    many = 10**12  # "no end known": the segments are read from their start
    dated = _segment_ids(session, f, True, many, 0, limit)
    undated = _segment_ids(session, f, False, many, 0, limit - len(dated)) if len(dated) < limit else []
    ids = dated + undated
    exact = len(ids) < limit
    return rows_for(session, ids), Counts(total=len(ids), dated=len(dated), exact=exact)


def rows_for(session: Session, ids: Sequence[int], first_index: int = 0) -> list[Row]:
    """The rows of events ``ids`` in that order, numbered from ``first_index``."""
    if not ids:
        return []
    found = {
        r.id: r for r in session.execute(
            select(
                Event.id, Event.document_id, Event.position, Event.value, Event.precision,
                Event.mod, Event.edtf, Event.earliest, Event.latest, Event.status,
                Event.confidence, Event.headline, Document.external_id, Event.background,
                Event.happening_id,
            )
            .join(Document, Document.id == Event.document_id)
            .where(Event.id.in_(list(ids)))
        )
    }
    names = participant_names(session, ids)
    groups = happening_counts(session, {r.happening_id for r in found.values()} - {None})
    rows = []
    for i, event_id in enumerate(ids):
        r = found.get(event_id)
        if r is None:
            continue
        rows.append(Row(
            index=first_index + i, id=r.id, document_pk=r.document_id, position=r.position,
            value=r.value, precision=r.precision, mod=r.mod, edtf=r.edtf, earliest=r.earliest,
            latest=r.latest, status=r.status, confidence=r.confidence, headline=r.headline,
            document=r.external_id, participants=names.get(r.id, []),
            background=bool(r.background), reports=groups.get(r.happening_id, (1, False))[0],
            conflict=groups.get(r.happening_id, (1, False))[1],
        ))
    return rows


def happening_counts(session: Session, happening_ids: set[int]) -> dict[int, tuple[int, bool]]:
    """Per happening: its number of shown reports (live, not background) and its conflict flag
    (one grouped read through ``ix_events_happening_id`` for a page of rows)."""
    if not happening_ids:
        return {}
    ids = sorted(happening_ids)
    e, h = Event.__table__.c, Happening.__table__.c  # Core: `show` configures no ORM mapper
    counted = dict(session.execute(
        select(e.happening_id, func.count())
        .where(e.happening_id.in_(ids), e.status != "rejected", e.merged_into_id.is_(None),
               e.background.is_(False))
        .group_by(e.happening_id)).all())
    flags = dict(session.execute(select(h.id, h.conflict).where(h.id.in_(ids))).all())
    return {h: (max(1, counted.get(h, 0)), bool(flags.get(h))) for h in ids}


def participant_names(session: Session, event_ids: Sequence[int]) -> dict[int, list[str]]:
    """The participants' canonical names per event, in order of first mention."""
    found: dict[int, list[str]] = defaultdict(list)
    if not event_ids:
        return found
    rows = session.execute(
        select(EventArgument.event_id, Participant.name)
        .join(Mention, Mention.id == EventArgument.mention_id)
        .join(Participant, Participant.id == Mention.participant_id)
        .where(EventArgument.event_id.in_(list(event_ids)))
        .order_by(EventArgument.event_id, Mention.start)
    )
    for event_id, name in rows:
        if name not in found[event_id]:
            found[event_id].append(name)
    return found


# -- positions --------------------------------------------------------------------------------

def _key_of(session: Session, event_id: int):  # noqa: ANN202
    return session.execute(
        select(Event.earliest, Event.latest, Event.document_id, Event.position)
        .where(Event.id == event_id)
    ).first()


def _count_before(session: Session, f: Filters, dated: bool, key: tuple) -> int:
    where, order = _segment(dated)
    return session.scalar(
        select(func.count()).select_from(Event)
        .where(where, tuple_(*order) < tuple_(*key), *conditions(f))
    ) or 0


def lead_of(session: Session, f: Filters, event_id: int) -> int:
    """The row that stands for an event's happening in the filtered chronology (``_lead``): the
    event itself when it leads, or when the chronology lists every report."""
    if f.reports:
        return event_id
    found = session.scalar(select(_lead(f)).where(Event.id == event_id, Event.happening_id.is_not(None)))
    return found if found is not None else event_id


def position_of(session: Session, f: Filters, event_id: int, c: Counts | None = None) -> int | None:
    """The index of an event in the filtered chronology (its happening's row, when another of
    its reports leads it), or None when the filters hide it."""
    event_id = lead_of(session, f, event_id)
    key = _key_of(session, event_id)
    if key is None:
        return None
    visible = session.scalar(
        select(func.count()).select_from(Event).where(Event.id == event_id, *conditions(f))
    )
    if not visible:
        return None
    if not f.by_date:
        order = _SORT_ORDERS[f.sort]
        here = session.execute(select(*order).where(Event.id == event_id)).one()
        return session.scalar(
            select(func.count()).select_from(Event)
            .where(tuple_(*order) < tuple_(*here), *conditions(f))
        ) or 0
    earliest, latest, document_id, position = key
    # An open end ("after 12 June": no latest) or an open start ("before 1980": no earliest)
    # sorts where its engine puts NULL in the index: first on SQLite, last on PostgreSQL; a
    # comparison with NULL counts nothing, so those rows are counted apart.
    nulls_first = session.get_bind().dialect.name == "sqlite"

    def count(*where: ColumnElement[bool]) -> int:
        return session.scalar(select(func.count()).select_from(Event).where(*where, *conditions(f))) or 0

    if earliest is not None and latest is not None:
        before = _count_before(session, f, True, (earliest, latest, document_id, position))
        return before + (count(Event.earliest == earliest, Event.latest.is_(None))
                         if nulls_first else 0)
    c = c or counts(session, f)
    here = tuple_(Event.document_id, Event.position) < tuple_(document_id, position)
    if earliest is not None:  # a start without an end
        same = Event.earliest == earliest
        before = count(Event.earliest < earliest) + count(same, Event.latest.is_(None), here)
        return before if nulls_first else before + count(same, Event.latest.is_not(None))
    if latest is None:
        before = count(Event.earliest.is_(None), Event.latest.is_(None), here)
        return c.dated + before + (0 if nulls_first else
                                   count(Event.earliest.is_(None), Event.latest.is_not(None)))
    before = _count_before(session, f, False, (latest, document_id, position))
    return c.dated + before + (count(Event.earliest.is_(None), Event.latest.is_(None))
                               if nulls_first else 0)


def index_of_date(session: Session, f: Filters, day: date, c: Counts | None = None) -> int:
    """The index of the first event dated on or after ``day`` (the last dated one if none is)."""
    c = c or counts(session, f)
    before = session.scalar(
        select(func.count()).select_from(Event)
        .where(Event.earliest.is_not(None), Event.earliest < day, *conditions(f))
    ) or 0
    if before >= c.dated:
        return max(0, c.dated - 1)
    return before


def _group_key(row: Row, strict: bool) -> ColumnElement[bool]:
    """Dated rows before ``row``'s date (``strict``) or up to and including it."""
    if row.latest is None:
        return Event.earliest < row.earliest if strict else Event.earliest <= row.earliest
    key, here = tuple_(Event.earliest, Event.latest), tuple_(row.earliest, row.latest)
    return key < here if strict else key <= here


def _count_dated(session: Session, f: Filters, where: ColumnElement[bool]) -> int:
    return session.scalar(
        select(func.count()).select_from(Event)
        .where(Event.earliest.is_not(None), where, *conditions(f))
    ) or 0


def group_start(session: Session, f: Filters, row: Row, c: Counts | None = None) -> int:
    """The index of the first row sharing ``row``'s date."""
    if row.earliest is None:
        return (c or counts(session, f)).dated
    return _count_dated(session, f, _group_key(row, strict=True))


def next_date_index(session: Session, f: Filters, row: Row, c: Counts | None = None) -> int | None:
    """The first row of the next date that has events, or None at the last date."""
    c = c or counts(session, f)
    if row.earliest is None:
        return None
    end = _count_dated(session, f, _group_key(row, strict=False))
    return end if end < c.total else None


def previous_date_index(session: Session, f: Filters, row: Row, c: Counts | None = None) -> int | None:
    """The first row of the previous date that has events, or None at the first date."""
    c = c or counts(session, f)
    first = group_start(session, f, row, c)
    if first <= 0:
        return None
    before = page(session, f, first - 1, 1, c)
    if not before:
        return None
    return group_start(session, f, before[0], c)


# -- selection --------------------------------------------------------------------------------

def matching_ids(session: Session, f: Filters, limit: int) -> list[int]:
    """Ids of the events ``f`` shows (at most ``limit``), for selecting them all at once."""
    return list(session.scalars(select(Event.id).where(*conditions(f)).order_by(Event.id).limit(limit)))
