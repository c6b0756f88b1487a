"""Has anything changed since I last looked? A cheap poll for screens that refresh themselves.

Every curator action writes a change-log row; every ingest adds documents and events. The newest
id of each table is read from its primary key index (three index probes), so a TUI can ask every
couple of seconds without loading the database. Nothing here writes.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eventdb.db.models import ChangeLog, Document, Event

Marker = tuple[int, int, int]


def marker(session: Session) -> Marker:
    """(newest change, newest document, newest event): it differs once anyone changed rows."""
    row = session.execute(select(
        select(func.max(ChangeLog.id)).scalar_subquery(),
        select(func.max(Document.id)).scalar_subquery(),
        select(func.max(Event.id)).scalar_subquery(),
    )).one()
    return (row[0] or 0, row[1] or 0, row[2] or 0)
