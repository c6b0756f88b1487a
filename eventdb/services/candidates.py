"""Events a curator chooses from in a dialog (an anchor among an article's events) and an
article's publication date with its version, read for the TUI's dialogs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdb.db.models import Document, Event, TimeNode


@dataclass(slots=True)
class Brief:
    """One event in a line: for choosing a merge or anchor target."""

    id: int
    headline: str
    value: str | None
    status: str
    document: str


def document_events(session: Session, document: str, limit: int = 200) -> list[Brief]:
    """The events of a document in text order (candidates for re-anchoring)."""
    rows = session.execute(
        select(Event.id, Event.headline, Event.value, Event.status, Document.external_id)
        .join(Document, Document.id == Event.document_id)
        .where(Document.external_id == document, Event.merged_into_id.is_(None))
        .order_by(Event.position)
        .limit(limit)
    )
    return [Brief(*r) for r in rows]


def document_published(session: Session, document: str) -> tuple[str | None, int | None]:
    """A document's publication value (None when unknown) and the version of that value (what
    ``Curation.set_published(version=...)`` checks)."""
    r = session.execute(
        select(TimeNode.value, TimeNode.version_id)
        .select_from(Document)
        .outerjoin(TimeNode, TimeNode.id == Document.published_node_id)
        .where(Document.external_id == document)
    ).first()
    if r is None:
        return None, None
    return r[0], r[1]
