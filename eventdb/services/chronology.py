"""Reading the chronology: events in date order with what explains their date.

Unresolved events (no date yet) come last. Rejected events and events merged into another are
left out unless asked for by status.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import (
    Select, String, and_, case, cast, func, literal, literal_column, or_, select, type_coerce,
)
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
    "sqlite": """(SELECT {safe} FROM (SELECT group_concat(name, ';') AS names FROM (
        SELECT p.name AS name FROM event_arguments ea
        JOIN mentions m ON m.id = ea.mention_id JOIN participants p ON p.id = m.participant_id
        WHERE ea.event_id = events.id GROUP BY p.id, p.name ORDER BY MIN(m.start))))""",
    "postgresql": """(SELECT {safe} FROM (SELECT string_agg(name, ';' ORDER BY first_start) AS names
        FROM (SELECT p.name AS name, MIN(m.start) AS first_start FROM event_arguments ea
        JOIN mentions m ON m.id = ea.mention_id JOIN participants p ON p.id = m.participant_id
        WHERE ea.event_id = events.id GROUP BY p.id, p.name) named) aggregated)""",
}


def csv_query(session: Session, filters: EventFilter | None = None, *, dated: bool = True) -> Select:
    """One segment of the chronology as the CSV export's cells, in its column order: values the
    database formats, spreadsheet formulas neutralised and the anchor put in words, so that rows
    go from the cursor to the csv writer untouched (per-row Python is most of an export's time).
    Same cells as ``csv_record`` gives for ``iter_chronology``'s rows."""
    dialect = session.get_bind().dialect.name
    # Neutralised in the aggregate's own query, so that the aggregate is computed once a row.
    names = literal_column(_NAMES_SQL[dialect].format(safe=_safe_sql("names")))
    # As the database stores them (ISO text on SQLite): no parse-then-print per row.
    earliest, latest = type_coerce(Event.earliest, String), type_coerce(Event.latest, String)
    confidence = (func.printf("%.2f", Event.confidence) if dialect == "sqlite"
                  else func.to_char(Event.confidence, "FM999999990.00"))
    evidence = func.substr(
        Document.text, Event.sentence_start + 1, Event.sentence_end - Event.sentence_start)
    # A formula character opening the sentence, checked on that one character.
    evidence = case((func.substr(Document.text, Event.sentence_start + 1, 1).in_(_FORMULA_START),
                     "'" + evidence), else_=evidence)
    unknown = literal("(unknown)", String)
    anchor = case(
        (_node.id.is_(None), "none"),
        (_node.kind == "publication", "publication date " + func.coalesce(_node.value, unknown)),
        (_node.anchor_event_id.is_not(None),
         "event " + cast(_node.anchor_event_id, String)),
        (_anchor.kind == "publication", "publication date " + func.coalesce(_anchor.value, unknown)),
        (_anchor.kind.is_not(None), '"' + func.coalesce(_anchor.text, "") + '"'
         + func.coalesce(" " + _anchor.value, "")),
        else_="absolute",
    )
    cells = [
        Event.id, _safe(Event.value), Event.precision, earliest, latest, _safe(Event.edtf),
        Event.status, Event.date_how, confidence, _safe(Event.headline), names,
        _safe(Document.external_id), _safe(Document.title), _safe(Document.source),
        _safe(Document.url), evidence, _safe(_node.text), anchor,
    ]
    return chronology_query(filters, dated=dated).with_only_columns(*cells)


#: What a spreadsheet would run as a formula when a cell starts with it (see export.neutralize).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell):  # noqa: ANN001, ANN202 - a column expression
    """The cell with ``'`` put before a leading formula character, in SQL (``cell`` is read
    twice: for columns, not for costly expressions)."""
    return case((func.substr(cell, 1, 1).in_(_FORMULA_START), "'" + cell), else_=cell)


def _safe_sql(name: str) -> str:
    """``_safe`` written out, for the hand-written names aggregate."""
    starts = ", ".join(f"'{c}'" for c in _FORMULA_START)
    return f"CASE WHEN substr({name}, 1, 1) IN ({starts}) THEN '''' || {name} ELSE {name} END"


def iter_csv_rows(session: Session, filters: EventFilter | None = None, *,
                  batch: int = 2000) -> Iterator[Sequence]:
    """Batches of CSV rows (see ``csv_query``): dated events first, then undated ones."""
    for dated in (True, False):
        stmt = csv_query(session, filters, dated=dated).execution_options(yield_per=batch)
        yield from session.connection().execute(stmt).partitions()


def describe_anchor(row) -> str:  # noqa: ANN001 - a result row of chronology_query
    """In words, what the event's date was resolved against (``csv_query`` says it in SQL)."""
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
