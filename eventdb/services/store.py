"""Writing one extracted document with bulk inserts (a handful of statements per table).

The caller owns the transaction (ingest wraps each document in a SAVEPOINT inside a batch
transaction, so a failing document leaves nothing behind and the others still go in).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from eventdb.db.bulk import bulk_insert
from eventdb.db.models import (
    DateAssertion, Document, Event, EventArgument, Mention, Participant, ParticipantAlias,
    TimeNode, utcnow,
)
from eventdb.extract import Extraction
from eventdb.services.dating import RESOLVED_FIELDS, machine_status
from eventdb.services.participants import alias_key
from eventdb.services.sources import SourceDocument
from eventdb.temporal import Resolved, dct_resolution


def _published_day(published: date | datetime | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def dateline_disagreement(published: date | datetime | None, dateline: Resolved | None) -> str | None:
    """Why the dateline and the given publication date disagree, or None."""
    day = _published_day(published)
    if day is None or dateline is None or dateline.earliest is None or dateline.latest is None:
        return None
    if dateline.earliest <= day <= dateline.latest:
        return None
    return f"the dateline says {dateline.value} but the publication date is {day.isoformat()}"


def _resolved_columns(resolved: Resolved | None) -> dict:
    return {f: getattr(resolved, f) if resolved is not None else None for f in RESOLVED_FIELDS}


class IdAllocator:
    """Primary keys chosen before inserting, so rows go in by one executemany per table.

    (``INSERT ... RETURNING`` cannot promise the order of its ids for many rows on SQLite, and
    SQLAlchemy then inserts row by row: most of ingest's time.) On SQLite the writer holds the
    write lock for the whole transaction, so ids continue from the table's maximum; on
    PostgreSQL they come from the table's sequence. A rolled-back document leaves a gap.
    """

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, session: Session, table, n: int) -> list[int]:  # noqa: ANN001
        if n == 0:
            return []
        bind = session.get_bind()
        if bind.dialect.name == "postgresql":
            return list(session.execute(
                text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                {"t": table.name, "n": n}).scalars())
        if table.name not in self.next:
            self.next[table.name] = (session.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        first = self.next[table.name]
        self.next[table.name] = first + n
        return list(range(first, first + n))


def _insert_with_ids(session: Session, model, rows: list[dict],  # noqa: ANN001
                          ids: IdAllocator | None = None) -> list[int]:
    if not rows:
        return []
    table = model.__table__  # Core, not the ORM bulk path: several times faster here
    new_ids = (ids or IdAllocator()).take(session, table, len(rows))
    for row, new_id in zip(rows, new_ids):
        row["id"] = new_id
    bulk_insert(session, table, rows)
    return new_ids


@dataclass
class ParticipantCache:
    """Alias key -> canonical participant id, valid inside one transaction.

    Keys learnt while writing a document are remembered apart, so that they can be forgotten if
    that document's savepoint is rolled back.
    """

    ids: dict[str, int] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)
    #: Primary keys for the rows of the same transaction.
    allocator: IdAllocator = field(default_factory=lambda: IdAllocator())

    def commit_document(self) -> None:
        self.pending.clear()

    def rollback_document(self) -> None:
        for key in self.pending:
            self.ids.pop(key, None)
        self.pending.clear()

    def learn(self, key: str, participant_id: int) -> None:
        if key not in self.ids:
            self.ids[key] = participant_id
            self.pending.append(key)


def _canonical_ids(session: Session, ids: set[int]) -> dict[int, int]:
    """Follow curator merges: participant id -> the id that stands for it now."""
    result = {i: i for i in ids}
    todo = set(ids)
    for _ in range(20):  # merge chains are short; the bound guards against a cycle
        if not todo:
            break
        rows = session.connection().execute(
            select(Participant.id, Participant.merged_into_id)
            .where(Participant.id.in_(todo), Participant.merged_into_id.is_not(None))).all()
        todo = set()
        for pid, target in rows:
            for k, v in result.items():
                if v == pid:
                    result[k] = target
            todo.add(target)
    return result


def joins_across(name_key: str, key: str) -> bool:
    """May a participant known elsewhere by ``key`` be this entity (named ``name_key``)?

    The entity's own name always joins; of its aliases only a trailing short form does ("Maliki",
    "al-Maliki" for Nouri al-Maliki). Other aliases join mentions inside one document, but across
    documents a leading word is another thing ("Mac" is not the "Mac App Store").
    """
    return key == name_key or name_key.endswith(" " + key)


def resolve_participants(session: Session, extraction: Extraction, cache: ParticipantCache) -> list[int]:
    """The participant id of each extracted entity, creating participants and aliases as needed."""
    entity_keys: list[list[tuple[str, str]]] = []
    for entity in extraction.entities:
        first: dict[str, str] = {}
        for name in (entity.name, *entity.aliases):
            key = alias_key(name)
            if key and key not in first:
                first[key] = name
        entity_keys.append(list(first.items()))
    wanted = {k for pairs in entity_keys for k, _ in pairs if k not in cache.ids}
    if wanted:
        rows = session.connection().execute(
            select(ParticipantAlias.key, ParticipantAlias.participant_id)
            .where(ParticipantAlias.key.in_(wanted))).all()
        canonical = _canonical_ids(session, {pid for _, pid in rows})
        for key, pid in rows:
            cache.learn(key, canonical[pid])
    # Entities nobody knows yet: reuse a participant of the same name, else create one.
    ids: list[int | None] = []
    missing: dict[str, int] = {}
    for index, (entity, pairs) in enumerate(zip(extraction.entities, entity_keys)):
        found = next((cache.ids[k] for k, _ in pairs if k in cache.ids and joins_across(pairs[0][0], k)),
                     None)
        ids.append(found)
        if found is None:
            missing.setdefault(entity.name[:255], index)
    if missing:
        by_name = dict(session.connection().execute(
            select(Participant.name, Participant.id)
            .where(Participant.name.in_(list(missing)))).all())
        new_names = [n for n in missing if n not in by_name]
        new_ids = _insert_with_ids(session, Participant, [
            {"name": n, "kind": extraction.entities[missing[n]].kind, "version_id": 1}
            for n in new_names
        ], cache.allocator)
        by_name.update(zip(new_names, new_ids))
        for index, entity in enumerate(extraction.entities):
            if ids[index] is None:
                ids[index] = by_name[entity.name[:255]]
    # Record every alias not yet known (the first participant to claim a key keeps it).
    new_aliases: dict[str, dict] = {}
    for pid, pairs in zip(ids, entity_keys):
        for key, name in pairs:
            if key not in cache.ids and key not in new_aliases:
                new_aliases[key] = {"participant_id": pid, "alias": name[:255], "key": key}
    if new_aliases:
        taken = set(session.connection().execute(
            select(ParticipantAlias.key).where(ParticipantAlias.key.in_(list(new_aliases)))).scalars())
        rows = [row for key, row in new_aliases.items() if key not in taken]
        if rows:
            session.connection().execute(insert(ParticipantAlias.__table__), rows)
        for key, row in new_aliases.items():
            cache.learn(key, row["participant_id"])
    return [int(i) for i in ids]  # type: ignore[arg-type]


def store_document(
    session: Session, doc: SourceDocument, extraction: Extraction, digest: str,
    cache: ParticipantCache | None = None,
) -> int:
    """Write one document and everything extracted from it; returns the document's id."""
    cache = cache or ParticipantCache()
    now = utcnow()
    published = dct_resolution(doc.published)
    review = None
    pub_note = None
    if extraction.dateline is not None:
        review = dateline_disagreement(doc.published, extraction.dateline.resolved)
    if published is None and extraction.proposed_published is not None:
        # No publication date given: the dateline's is the machine's answer, flagged for a look.
        published = extraction.proposed_published
        pub_note = "proposed by the dateline"
        review = (f"no publication date was given: the dateline's {published.value} is used "
                  "until a curator confirms or corrects it")
    (doc_id,) = _insert_with_ids(session, Document, [{
        "external_id": doc.external_id, "title": doc.title, "source": doc.source, "url": doc.url,
        "text": doc.text, "content_hash": digest, "ingested_at": now, "review_reason": review,
        "version_id": 1,
    }], cache.allocator)

    # Time nodes: the publication time, each expression, the dateline.
    node_rows = [{
        "document_id": doc_id, "kind": "publication", "start": None, "end": None, "text": None,
        "timex_type": "DATE", "rule": "dct", "status": machine_status(published), "version_id": 1,
        **_resolved_columns(published),
    }]
    for t in extraction.timexes:
        node_rows.append({
            "document_id": doc_id, "kind": "expression", "start": t.start, "end": t.end,
            "text": t.text, "timex_type": t.type, "rule": t.rule,
            "status": machine_status(t.resolved), "version_id": 1, **_resolved_columns(t.resolved),
        })
    dl = extraction.dateline
    if dl is not None:
        node_rows.append({
            "document_id": doc_id, "kind": "dateline", "start": dl.start, "end": dl.end,
            "text": dl.text, "timex_type": "DATE", "rule": "abs",
            "status": machine_status(dl.resolved), "version_id": 1, **_resolved_columns(dl.resolved),
        })
    node_ids = _insert_with_ids(session, TimeNode, node_rows, cache.allocator)
    pub_id, timex_ids = node_ids[0], node_ids[1:1 + len(extraction.timexes)]
    documents = Document.__table__
    session.connection().execute(
        update(documents).where(documents.c.id == doc_id).values(published_node_id=pub_id))

    anchor_updates = []
    event_anchored: list[tuple[int, int]] = []
    for t, node_id in zip(extraction.timexes, timex_ids):
        if t.anchor == "dct":
            anchor_updates.append({"b_id": node_id, "b_node": pub_id})
        elif t.anchor and t.anchor.startswith("timex:"):
            anchor_updates.append({"b_id": node_id, "b_node": timex_ids[int(t.anchor[6:])]})
        elif t.anchor and t.anchor.startswith("event:"):
            event_anchored.append((node_id, int(t.anchor[6:])))
    table = TimeNode.__table__
    if anchor_updates:
        session.connection().execute(update(table).where(table.c.id == bindparam("b_id"))
                        .values(anchor_node_id=bindparam("b_node")), anchor_updates)

    # Participants and their mentions.
    participant_ids = resolve_participants(session, extraction, cache)
    mention_ids = _insert_with_ids(session, Mention, [
        {"document_id": doc_id, "participant_id": participant_ids[m.entity], "start": m.start,
         "end": m.end, "text": m.text}
        for m in extraction.mentions
    ], cache.allocator)

    # Events, dated through their time node.
    def target(link: str) -> tuple[int, Resolved | None]:
        if link.startswith("timex:"):
            index = int(link[6:])
            return timex_ids[index], extraction.timexes[index].resolved
        return pub_id, published

    event_rows, event_dates = [], []
    for position, ev in enumerate(extraction.events):
        node_id, resolved = target(ev.time.target)
        event_dates.append(resolved)
        event_rows.append({
            "document_id": doc_id, "position": position, "start": ev.start, "end": ev.end,
            "sentence_start": ev.sentence_start, "sentence_end": ev.sentence_end,
            "headline": ev.headline, "trigger": ev.trigger[:255], "trigger_start": ev.trigger_start,
            "trigger_end": ev.trigger_end, "time_node_id": node_id, "relation": ev.time.relation,
            "date_how": ev.time.how, "confidence": ev.time.confidence,
            "status": machine_status(resolved), "version_id": 1, **_resolved_columns(resolved),
        })
    event_ids = _insert_with_ids(session, Event, event_rows, cache.allocator)
    if event_anchored:
        session.connection().execute(update(table).where(table.c.id == bindparam("b_id"))
                        .values(anchor_event_id=bindparam("b_event")),
                        [{"b_id": n, "b_event": event_ids[e]} for n, e in event_anchored])
    arguments = []
    for ev, event_id in zip(extraction.events, event_ids):
        seen: set[int] = set()
        for argument in ev.arguments:
            mention_id = mention_ids[argument.mention]
            if mention_id not in seen:
                seen.add(mention_id)
                arguments.append({"event_id": event_id, "mention_id": mention_id, "role": argument.role})
    if arguments:
        bulk_insert(session, EventArgument.__table__, arguments)

    # The machine's answers, on record.
    def assertion(resolved: Resolved | None, rule: str | None, *, node: int | None = None,
                  event: int | None = None) -> dict:
        return {"event_id": event, "node_id": node, "origin": "machine",
                "status": machine_status(resolved), "rule": rule, "is_current": True,
                "created_at": now, "note": None, **_resolved_columns(resolved)}

    assertions = [dict(assertion(published, "dct", node=pub_id), note=pub_note)]
    assertions += [assertion(t.resolved, t.rule, node=n) for t, n in zip(extraction.timexes, timex_ids)]
    if dl is not None:
        assertions.append(assertion(dl.resolved, "abs", node=node_ids[-1]))
    assertions += [assertion(r, None, event=e) for r, e in zip(event_dates, event_ids)]
    bulk_insert(session, DateAssertion.__table__, assertions)
    return doc_id
