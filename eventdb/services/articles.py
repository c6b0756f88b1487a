"""An article with its rows: the text, its sentences, each visible row's evidence span and date.

Read-only; what the article view and ``eventdb article`` show. Rows are the chronology's (neither
rejected nor merged into another), in text order.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdb.db.models import Document, Event, EventArgument, Mention, Participant, TimeNode
from eventdb.errors import NotFoundError


@dataclass(slots=True)
class ArticleRow:
    """One row of the chronology, where its evidence is in the article."""

    id: int
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    headline: str
    value: str | None
    precision: str | None
    mod: str | None
    edtf: str | None
    earliest: date | None
    latest: date | None
    status: str
    confidence: float
    date_how: str
    version: int
    participants: list[tuple[str, str]] = field(default_factory=list)  # (name, role)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    #: The sentence opens a paragraph (a line break before it).
    paragraph: bool
    #: Ids of the rows whose evidence touches the sentence, in text order.
    rows: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    document_id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    text: str
    sentences: list[Sentence]
    rows: list[ArticleRow]

    def row(self, event_id: int) -> ArticleRow | None:
        return next((r for r in self.rows if r.id == event_id), None)

    def sentence_at(self, offset: int) -> int:
        """The index of the sentence holding ``offset`` (else the one before it)."""
        starts = [s.start for s in self.sentences]
        return max(0, bisect_right(starts, offset) - 1)


def read_article(session: Session, document_id: str) -> Article:
    doc = session.scalars(select(Document).where(Document.external_id == document_id)).first()
    if doc is None:
        raise NotFoundError(f"no document with id {document_id!r}")
    return _article(session, doc)


def article_of_event(session: Session, event_id: int) -> Article:
    doc_id = session.scalar(select(Event.document_id).where(Event.id == event_id))
    if doc_id is None:
        raise NotFoundError(f"no event with id {event_id}")
    doc = session.get(Document, doc_id)
    assert doc is not None
    return _article(session, doc)


def _article(session: Session, doc: Document) -> Article:
    from eventdb.extract.sentences import split_sentences

    text = doc.text
    published = session.scalar(select(TimeNode.value).where(TimeNode.id == doc.published_node_id))
    rows = [
        ArticleRow(id=e.id, start=e.start, end=e.end, sentence_start=e.sentence_start,
                   sentence_end=e.sentence_end, headline=e.headline, value=e.value,
                   precision=e.precision, mod=e.mod, edtf=e.edtf, earliest=e.earliest,
                   latest=e.latest, status=e.status, confidence=e.confidence,
                   date_how=e.date_how, version=e.version_id)
        for e in session.scalars(
            select(Event).where(Event.document_id == doc.id, Event.status != "rejected",
                                Event.merged_into_id.is_(None))
            .order_by(Event.start, Event.position))
    ]
    by_id = {r.id: r for r in rows}
    if rows:
        for event_id, name, role in session.execute(
            select(EventArgument.event_id, Participant.name, EventArgument.role)
            .join(Mention, Mention.id == EventArgument.mention_id)
            .join(Participant, Participant.id == Mention.participant_id)
            .where(EventArgument.event_id.in_(list(by_id))).order_by(Mention.start)
        ):
            if (name, role) not in by_id[event_id].participants:
                by_id[event_id].participants.append((name, role))
    sentences = []
    previous_end = 0
    for start, end in split_sentences(text):
        touching = [r.id for r in rows if r.start < end and r.end > start]
        sentences.append(Sentence(start, end, "\n" in text[previous_end:start] or not sentences,
                                  touching))
        previous_end = end
    return Article(document_id=doc.external_id, title=doc.title, source=doc.source, url=doc.url,
                   published=published, text=text, sentences=sentences, rows=rows)
