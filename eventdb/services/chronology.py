"""Reading the chronology: events in date order with what explains their date.

Unresolved events (no date yet) come last. Rejected events and events merged into another are
left out unless asked for by status.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, String, and_, func, literal_column, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from eventdb.db.models import (
    Document, Event, EventArgument, Mention, Participant, ParticipantAlias, TimeNode,
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


@dataclass(slots=True)
class EventFilter:
    participant: str | None = None
    document: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    statuses: Sequence[str] = ()
    text: str | None = None

    @property
    def includes_hidden(self) -> bool:
        return "rejected" in self.statuses


_anchor = aliased(TimeNode, name="anchor_node")
_node = aliased(TimeNode, name="event_node")


def chronology_query(filters: EventFilter | None = None, *, dated: bool = True) -> Select:
    """One segment of the chronology as an ordered SELECT: the ``dated`` events in date order
    (read straight off ``ix_events_chronology``), or the undated ones in document order.
    Everything a row shows except participants."""
    f = filters or EventFilter()
    evidence = func.substr(
        Document.text, Event.sentence_start + 1, Event.sentence_end - Event.sentence_start
    )
    stmt = (
        select(
            Event.id, Event.position, Event.start, Event.end, Event.headline, Event.trigger,
            Event.value, Event.mod, Event.precision, Event.earliest, Event.latest, Event.edtf,
            Event.status, Event.date_how, Event.confidence, Event.relation,
            Document.external_id.label("document_id"), Document.title.label("document_title"),
            Document.source, Document.url, evidence.label("evidence"),
            _node.id.label("time_node_id"), _node.kind.label("time_kind"),
            _node.text.label("time_text"), _node.start.label("time_start"),
            _node.end.label("time_end"), _node.anchor_event_id.label("anchor_event_id"),
            _anchor.kind.label("anchor_kind"), _anchor.text.label("anchor_text"),
            _anchor.value.label("anchor_value"), _node.value.label("node_value"),
        )
        .join(Document, Document.id == Event.document_id)
        .outerjoin(_node, _node.id == Event.time_node_id)
        .outerjoin(_anchor, _anchor.id == _node.anchor_node_id)
    )
    if dated:
        stmt = stmt.where(Event.earliest.is_not(None)).order_by(
            Event.earliest, Event.latest, Event.document_id, Event.position)
    else:
        stmt = stmt.where(Event.earliest.is_(None)).order_by(Event.document_id, Event.position)
    if not f.includes_hidden:
        stmt = stmt.where(Event.status != "rejected", Event.merged_into_id.is_(None))
    if f.statuses:
        stmt = stmt.where(Event.status.in_(list(f.statuses)))
    if f.document:
        stmt = stmt.where(Document.external_id == f.document)
    if f.date_from:
        stmt = stmt.where(Event.latest >= f.date_from)
    if f.date_to:
        stmt = stmt.where(Event.earliest <= f.date_to)
    if f.text:
        like = f"%{f.text}%"
        stmt = stmt.where(or_(Event.headline.ilike(like), Document.title.ilike(like)))
    if f.participant:
        from eventdb.services.participants import alias_key

        stmt = stmt.where(
            select(EventArgument.event_id)
            .join(Mention, Mention.id == EventArgument.mention_id)
            .join(ParticipantAlias, ParticipantAlias.participant_id == Mention.participant_id)
            .where(and_(EventArgument.event_id == Event.id,
                        ParticipantAlias.key == alias_key(f.participant)))
            .exists()
        )
    return stmt


#: Participant names of an event, in order of first mention, ';'-joined: computed in SQL for the
#: CSV export, which needs names only (the per-batch participants query is most of its cost).
_NAMES_SQL = {
    "sqlite": """(SELECT group_concat(name, ';') FROM (
        SELECT p.name AS name FROM event_arguments ea
        JOIN mentions m ON m.id = ea.mention_id JOIN participants p ON p.id = m.participant_id
        WHERE ea.event_id = events.id GROUP BY p.id, p.name ORDER BY MIN(m.start)))""",
    "postgresql": """(SELECT string_agg(name, ';' ORDER BY first_start) FROM (
        SELECT p.name AS name, MIN(m.start) AS first_start FROM event_arguments ea
        JOIN mentions m ON m.id = ea.mention_id JOIN participants p ON p.id = m.participant_id
        WHERE ea.event_id = events.id GROUP BY p.id, p.name) named)""",
}


def iter_flat(session: Session, filters: EventFilter | None = None, *,
              batch: int = 2000) -> Iterator[Sequence]:
    """The chronology as plain rows for the CSV export: ``chronology_query``'s columns, then
    the ';'-joined participant names, then the date bounds as stored. Dated events first."""
    names = literal_column(_NAMES_SQL[session.get_bind().dialect.name]).label("participant_names")
    # The bounds again, as the database has them (text on SQLite): no parse-then-print per row.
    bounds = (type_coerce(Event.earliest, String).label("earliest_raw"),
              type_coerce(Event.latest, String).label("latest_raw"))
    for chunk in _chunks(session, filters, batch, None, (names, *bounds)):
        yield from chunk


#: Where ``describe_anchor_of`` finds its fields in a row of ``chronology_query``.
ANCHOR_FIELDS = (22, 30, 26, 27, 29, 28)


def describe_anchor(row) -> str:  # noqa: ANN001 - a result row of chronology_query
    """In words, what the event's date was resolved against."""
    return describe_anchor_of(row.time_kind, row.node_value, row.anchor_event_id, row.anchor_kind,
                              row.anchor_value, row.anchor_text)


def describe_anchor_of(time_kind: str | None, node_value: str | None, anchor_event_id: int | None,
                       anchor_kind: str | None, anchor_value: str | None,
                       anchor_text: str | None) -> str:
    if time_kind is None:
        return "none"
    if time_kind == "publication":
        return "publication date" + (f" {node_value}" if node_value else " (unknown)")
    if anchor_event_id is not None:
        return f"event {anchor_event_id}"
    if anchor_kind == "publication":
        return "publication date" + (f" {anchor_value}" if anchor_value else " (unknown)")
    if anchor_kind is not None:
        return f'"{anchor_text}"' + (f" {anchor_value}" if anchor_value else "")
    return "absolute"


def participants_for(session: Session, event_ids: Sequence[int]) -> dict[int, list[ParticipantRef]]:
    found: dict[int, list[ParticipantRef]] = defaultdict(list)
    if not event_ids:
        return found
    rows = session.connection().execute(  # Core, not ORM rows: this runs for every export batch
        select(
            EventArgument.event_id, Participant.id, Participant.name, Participant.kind,
            EventArgument.role, Mention.start, Mention.end, Mention.text,
        )
        .join(Mention, Mention.id == EventArgument.mention_id)
        .join(Participant, Participant.id == Mention.participant_id)
        .where(EventArgument.event_id.in_(list(event_ids)))
        .order_by(EventArgument.event_id, Mention.start)
    )
    for event_id, *ref in rows.all():
        found[event_id].append(ParticipantRef(*ref))
    return found


def _chunks(session: Session, filters: EventFilter | None, batch: int,
            limit: int | None, extra: Sequence = ()) -> Iterator[Sequence]:
    """Rows of both segments (dated, then undated), ``batch`` at a time, with ``extra`` columns."""
    remaining = limit
    for dated in (True, False):
        if remaining is not None and remaining <= 0:
            return
        stmt = chronology_query(filters, dated=dated).add_columns(*extra)
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
    for chunk in _chunks(session, filters, batch, limit):
        parts = participants_for(session, [r[0] for r in chunk])
        for r in chunk:
            # The first 26 columns of chronology_query are ChronologyRow's fields, in order.
            yield ChronologyRow(*r[:26], describe_anchor(r), parts.get(r[0], []))
