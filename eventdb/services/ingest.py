"""Ingest: extract each document (pure, no database) and store it in one transaction.

A document is all or nothing: its row, time nodes, events, mentions and machine assertions are
written in one transaction, so a crash mid-ingest leaves the database as it was before that
document. Re-ingesting the same id with the same text changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdb.db.engine import Database
from eventdb.db.models import Document, Event, EventArgument, Mention, TimeNode
from eventdb.errors import EventdbError, InputError
from eventdb.extract import Extraction, extract
from eventdb.services.dating import assert_date, machine_status
from eventdb.services.participants import find_or_create
from eventdb.services.sources import Problem, SourceDocument
from eventdb.temporal import Resolved, dct_resolution

Outcome = str  # "added" | "replaced" | "unchanged"


@dataclass
class IngestReport:
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[Problem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.replaced + self.unchanged + len(self.failed)


def content_hash(doc: SourceDocument) -> str:
    published = doc.published.isoformat() if doc.published is not None else ""
    digest = hashlib.sha256()
    for part in (doc.text, published, doc.title or "", doc.source or "", doc.url or ""):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def ingest(
    db: Database,
    items: Iterable[SourceDocument | Problem],
    *,
    replace: bool = False,
    on_progress: Callable[[Outcome | Problem], None] | None = None,
) -> IngestReport:
    """Ingest every document of ``items``; problems are collected, never raised.

    ``on_progress`` is called after each item with its outcome or its problem.
    """
    report = IngestReport()
    for item in items:
        result: Outcome | Problem
        if isinstance(item, Problem):
            result = item
        else:
            try:
                result = ingest_one(db, item, replace=replace)
            except EventdbError as exc:
                result = Problem(item.origin or item.external_id, str(exc))
        if isinstance(result, Problem):
            report.failed.append(result)
        else:
            setattr(report, result, getattr(report, result) + 1)
        if on_progress is not None:
            on_progress(result)
    return report


def ingest_one(db: Database, doc: SourceDocument, *, replace: bool = False) -> Outcome:
    """Ingest one document in its own transaction."""
    digest = content_hash(doc)
    with db.session() as session:
        existing = session.execute(
            select(Document.id, Document.content_hash).where(Document.external_id == doc.external_id)
        ).first()
    if existing is not None and existing.content_hash == digest:
        return "unchanged"
    if existing is not None and not replace:
        raise InputError(
            f"document {doc.external_id!r} is already stored with other content "
            "(use --replace to replace it)"
        )
    extraction = extract(doc.text, doc.published)
    with db.transaction() as session:
        if existing is not None:
            old = session.get(Document, existing.id)
            if old is not None:
                session.delete(old)
                session.flush()
        store_document(session, doc, extraction, digest)
    return "replaced" if existing is not None else "added"


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


def store_document(
    session: Session, doc: SourceDocument, extraction: Extraction, digest: str
) -> Document:
    """Write one document and everything extracted from it (the caller owns the transaction)."""
    row = Document(
        external_id=doc.external_id, title=doc.title, source=doc.source, url=doc.url,
        text=doc.text, content_hash=digest,
    )
    session.add(row)
    session.flush()

    published = dct_resolution(doc.published)
    pub_node = TimeNode(
        document_id=row.id, kind="publication", timex_type="DATE", rule="dct", text=None,
    )
    nodes: list[TimeNode] = []
    for timex in extraction.timexes:
        nodes.append(TimeNode(
            document_id=row.id, kind="expression", start=timex.start, end=timex.end,
            text=timex.text, timex_type=timex.type, rule=timex.rule,
        ))
    dateline_node = None
    if extraction.dateline is not None:
        dl = extraction.dateline
        dateline_node = TimeNode(
            document_id=row.id, kind="dateline", start=dl.start, end=dl.end, text=dl.text,
            timex_type="DATE", rule="abs",
        )
    session.add_all([pub_node, *nodes] + ([dateline_node] if dateline_node else []))
    session.flush()
    row.published_node_id = pub_node.id
    if extraction.dateline is not None:
        row.review_reason = dateline_disagreement(doc.published, extraction.dateline.resolved)

    event_anchored: list[tuple[TimeNode, int]] = []
    for timex, node in zip(extraction.timexes, nodes):
        anchor = timex.anchor
        if anchor == "dct":
            node.anchor_node_id = pub_node.id
        elif anchor and anchor.startswith("timex:"):
            node.anchor_node_id = nodes[int(anchor.split(":", 1)[1])].id
        elif anchor and anchor.startswith("event:"):
            event_anchored.append((node, int(anchor.split(":", 1)[1])))

    # Participants and mentions.
    mentions: list[Mention] = []
    participants = [
        find_or_create(session, entity.name, entity.kind, entity.aliases)
        for entity in extraction.entities
    ]
    for mention in extraction.mentions:
        mentions.append(Mention(
            document_id=row.id, participant_id=participants[mention.entity].id,
            start=mention.start, end=mention.end, text=mention.text,
        ))
    session.add_all(mentions)

    # Events, dated through their time node.
    def target_node(target: str) -> TimeNode:
        if target.startswith("timex:"):
            return nodes[int(target.split(":", 1)[1])]
        return pub_node

    events: list[Event] = []
    for position, ev in enumerate(extraction.events):
        node = target_node(ev.time.target)
        events.append(Event(
            document_id=row.id, position=position, start=ev.start, end=ev.end,
            sentence_start=ev.sentence_start, sentence_end=ev.sentence_end,
            headline=ev.headline, trigger=ev.trigger[:255], trigger_start=ev.trigger_start,
            trigger_end=ev.trigger_end, time_node_id=node.id, relation=ev.time.relation,
            date_how=ev.time.how, confidence=ev.time.confidence,
        ))
    session.add_all(events)
    session.flush()
    for node, index in event_anchored:
        node.anchor_event_id = events[index].id

    for ev, event_row in zip(extraction.events, events):
        seen: set[int] = set()
        for argument in ev.arguments:
            mention_row = mentions[argument.mention]
            if mention_row.id in seen:
                continue
            seen.add(mention_row.id)
            session.add(EventArgument(event_id=event_row.id, mention_id=mention_row.id, role=argument.role))

    # The machine's answers, on record.
    assert_date(session, pub_node, published, origin="machine",
                status=machine_status(published), rule="dct", first=True)
    for timex, node in zip(extraction.timexes, nodes):
        assert_date(session, node, timex.resolved, origin="machine",
                    status=machine_status(timex.resolved), rule=timex.rule, first=True)
    if dateline_node is not None:
        resolved = extraction.dateline.resolved  # type: ignore[union-attr]
        assert_date(session, dateline_node, resolved, origin="machine",
                    status=machine_status(resolved), rule="abs", first=True)
    for ev, event_row in zip(extraction.events, events):
        node = target_node(ev.time.target)
        resolved = published if node is pub_node else extraction.timexes[
            int(ev.time.target.split(":", 1)[1])].resolved
        assert_date(session, event_row, resolved, origin="machine",
                    status=machine_status(resolved), first=True)
    session.flush()
    return row
