"""Extraction: (text, publication time) -> events, participants, time expressions. No database.

``extract(text, published)`` is the one entry point ingest calls; it is a pure function so that
it can run in worker processes.
"""

from eventdb.extract.model import (
    Argument, Dateline, Entity, Event, Extraction, Mention, TimeLink,
)
from eventdb.extract.pipeline import extract

__all__ = [
    "Argument", "Dateline", "Entity", "Event", "Extraction", "Mention", "TimeLink", "extract",
]
