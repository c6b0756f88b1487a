"""Reading the chronology: events in date order with what explains their date.

Unresolved events (no date yet) come last. Rejected events and events merged into another are
left out unless asked for by status.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from eventdb.db.models import (
    DateAssertion, Document, Event, EventArgument, Mention, Participant, ParticipantAlias, TimeNode,
)


@dataclass(slots=True)
class ParticipantRef:
    id: int
    name: str
    kind: str
    role: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class ChronologyRow:
    id: int
    position: int
    start: int
    end: int
    headline: str
    trigger: str
    value: str | None
    mod: str | None
    precision: str | None
    earliest: date | None
    latest: date | None
    edtf: str | None
    status: str
    date_how: str
    confidence: float
    relation: str
    document_id: str
    document_title: str | None
    source: str | None
    url: str | None
    evidence: str
    time_node_id: int | None
    time_kind: str | None
    time_text: str | None
    time_start: int | None
    time_end: int | None
    anchor: str
    participants: list[ParticipantRef] = field(default_factory=list)
    #: Why the current date is what it is, when a curator said (``--note``, the dialogs' note).
    note: str | None = None
    #: The happening this event reports (the same id in every article reporting it).
    happening: int | None = None
    #: True for rows that report no happening (hidden from the default CSV and chronology).
    background: bool = False
    kind: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass(slots=True)
class EventFilter:
    participant: str | None = None
    document: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    statuses: Sequence[str] = ()
    text: str | None = None
    #: Background rows (states, quotes, attributions) too: JSON Lines keeps them; ``show`` not.
    background: bool = True
    #: One row per happening, its lead report (as the TUI and the CSV list them).
    leads_only: bool = False

    @property
    def includes_hidden(self) -> bool:
        return "rejected" in self.statuses


# The chronology is read with SQLAlchemy Core (tables, not mapped classes): compiling an ORM
# select configures every mapper first, which a read-only command (`eventdb export`, `show`)
# would pay for nothing (about 20 ms of its start-up).
events, documents = Event.__table__, Document.__table__
E, D = events.c, documents.c
#: The time node that dates an event, and the node that one is anchored on (the CSV export
#: reads them too).
_anchor_nodes = TimeNode.__table__.alias("anchor_node")
_event_nodes = TimeNode.__table__.alias("event_node")
anchor_node, event_node = _anchor_nodes.c, _event_nodes.c


def current_note():  # noqa: ANN201 - a scalar subquery
    """The note of the event's current date assertion (a curator's why, or none): one lookup in
    ``uq_date_assertions_current_event`` a row."""
    a = DateAssertion.__table__.c
    return (select(a.note).where(a.event_id == E.id, a.is_current)
            .correlate(events).scalar_subquery())


def chronology_query(filters: EventFilter | None = None, *, dated: bool = True) -> Select:
    """One segment of the chronology as an ordered SELECT: the ``dated`` events in date order
    (read straight off ``ix_events_chronology``), or the undated ones in document order.
    Everything a row shows except participants."""
    f = filters or EventFilter()
    evidence = func.substr(
        D.text, E.sentence_start + 1, E.sentence_end - E.sentence_start
    )
    stmt = (
        select(
            E.id, E.position, E.start, E.end, E.headline, E.trigger,
            E.value, E.mod, E.precision, E.earliest, E.latest, E.edtf,
            E.status, E.date_how, E.confidence, E.relation,
            D.external_id.label("document_id"), D.title.label("document_title"),
            D.source, D.url, evidence.label("evidence"),
            event_node.id.label("time_node_id"), event_node.kind.label("time_kind"),
            event_node.text.label("time_text"), event_node.start.label("time_start"),
            event_node.end.label("time_end"), event_node.anchor_event_id.label("anchor_event_id"),
            anchor_node.kind.label("anchor_kind"), anchor_node.text.label("anchor_text"),
            anchor_node.value.label("anchor_value"), event_node.value.label("node_value"),
            current_note().label("note"), E.happening_id, E.background, E.kind,
            E.trigger_start, E.trigger_end,
        )
        .join(documents, D.id == E.document_id)
        .outerjoin(_event_nodes, event_node.id == E.time_node_id)
        .outerjoin(_anchor_nodes, anchor_node.id == event_node.anchor_node_id)
    )
    if dated:
        stmt = stmt.where(E.earliest.is_not(None)).order_by(
            E.earliest, E.latest, E.document_id, E.position)
    else:
        # Open starts ("before 1980": no earliest, a latest) by their end, as the TUI's browse
        # reads this segment off the same index.
        stmt = stmt.where(E.earliest.is_(None)).order_by(
            E.latest, E.document_id, E.position)
    stmt = stmt.where(*filter_clauses(f))
    if not f.background:
        stmt = stmt.where(E.background.is_(False))
    if f.leads_only:
        stmt = stmt.where(or_(E.happening_id.is_(None),
                              E.id == lead_report(E.happening_id, events, f)))
    return stmt


def lead_report(happening_id, outer, f: EventFilter):  # noqa: ANN001, ANN201 - a scalar subquery
    """The report that stands for happening ``happening_id`` (a column of ``outer``, which the
    subquery correlates to): among its reports the filter shows (a happening is listed when any
    of its reports matches, led by a matching one), one dated by its own text before one dated
    by the publication default, then the first stored (the TUI's and the happenings CSV's
    choice)."""
    other = events.alias("lead_pick")
    o = other.c
    where = [o.happening_id == happening_id, *filter_clauses(f, o)]
    if not f.background:
        where.append(o.background.is_(False))
    # a date another report of the happening wrote ("narrative", "inferred") after the report
    # that writes it
    return (select(o.id).where(*where).order_by((o.date_how == "publication").asc(),
                                                 o.date_how.in_(("narrative", "inferred")).asc(), o.id)
            .limit(1).correlate(outer).scalar_subquery())


def filter_clauses(f: EventFilter, ev=E) -> list:  # noqa: ANN001 - columns of events or an alias
    """The WHERE clauses of ``f`` over ``events`` (or the columns ``ev`` of an alias of it):
    subqueries, no joins, so the chronology, its lead reports and the happenings export read
    the same reports."""
    clauses: list = []
    if not f.includes_hidden:
        clauses += [ev.status != "rejected", ev.merged_into_id.is_(None)]
    if f.statuses:
        clauses.append(ev.status.in_(list(f.statuses)))
    if f.document:
        clauses.append(ev.document_id.in_(select(D.id).where(D.external_id == f.document)))
    if f.date_from:
        clauses.append(ev.latest >= f.date_from)
    if f.date_to:
        clauses.append(ev.earliest <= f.date_to)
    if f.text:
        like = f"%{f.text}%"
        clauses.append(or_(ev.headline.ilike(like),
                           ev.document_id.in_(select(D.id).where(D.title.ilike(like)))))
    if f.participant:
        from eventdb.services.participants import alias_key

        ea, m = EventArgument.__table__.c, Mention.__table__.c
        pa = ParticipantAlias.__table__.c
        clauses.append(
            select(ea.event_id)
            .join(Mention.__table__, m.id == ea.mention_id)
            .join(ParticipantAlias.__table__, pa.participant_id == m.participant_id)
            .where(and_(ea.event_id == ev.id, pa.key == alias_key(f.participant)))
            .exists()
        )
    return clauses


def describe_anchor(row) -> str:  # noqa: ANN001 - a result row of chronology_query
    """In words, what the event's date was resolved against (``export.csv_query`` says it in
    SQL)."""
    if row.time_kind is None:
        return "none"
    if row.time_kind == "publication":
        return "publication date" + (f" {row.node_value}" if row.node_value else " (unknown)")
    if row.anchor_event_id is not None:
        return f"event {row.anchor_event_id}"
    if row.anchor_kind == "publication":
        return "publication date" + (f" {row.anchor_value}" if row.anchor_value else " (unknown)")
    if row.anchor_kind is not None:
        return f'"{row.anchor_text}"' + (f" {row.anchor_value}" if row.anchor_value else "")
    return "absolute"


def participants_for(session: Session, event_ids: Sequence[int]) -> dict[int, list[ParticipantRef]]:
    found: dict[int, list[ParticipantRef]] = defaultdict(list)
    if not event_ids:
        return found
    ea, m, p = EventArgument.__table__.c, Mention.__table__.c, Participant.__table__.c
    rows = session.connection().execute(  # Core: this runs for every export batch
        select(ea.event_id, p.id, p.name, p.kind, ea.role, m.start, m.end, m.text)
        .join(Mention.__table__, m.id == ea.mention_id)
        .join(Participant.__table__, p.id == m.participant_id)
        .where(ea.event_id.in_(list(event_ids)))
        .order_by(ea.event_id, m.start, p.id)  # p.id: nested mentions may start together
    )
    for event_id, *ref in rows.all():
        found[event_id].append(ParticipantRef(*ref))
    return found


def segments(session: Session, statement: Callable[[bool], Select], batch: int,
             limit: int | None = None) -> Iterator[Sequence]:
    """Rows of both segments of the chronology, ``statement(True)`` (dated) then
    ``statement(False)`` (undated), ``batch`` at a time, at most ``limit`` in all."""
    remaining = limit
    for dated in (True, False):
        if remaining is not None and remaining <= 0:
            return
        stmt = statement(dated)
        if remaining is not None:
            stmt = stmt.limit(remaining)
        for chunk in session.connection().execute(stmt.execution_options(yield_per=batch)).partitions():
            if remaining is not None:
                remaining -= len(chunk)
            yield chunk


def iter_chronology(
    session: Session, filters: EventFilter | None = None, *, batch: int = 1000,
    limit: int | None = None,
) -> Iterator[ChronologyRow]:
    """Stream the chronology in order (dated events, then undated ones), participants included,
    ``batch`` rows at a time."""
    for chunk in segments(session, lambda dated: chronology_query(filters, dated=dated), batch, limit):
        parts = participants_for(session, [r[0] for r in chunk])
        for r in chunk:
            # The first 26 columns of chronology_query are ChronologyRow's fields, in order.
            yield ChronologyRow(*r[:26], describe_anchor(r), parts.get(r[0], []), r.note,
                                r.happening_id, bool(r.background), r.kind, r.trigger_start,
                                r.trigger_end)
