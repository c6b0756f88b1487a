"""What ingest's worker processes run: one document's extraction, or why it failed.

It lives here, beside extraction, so that a worker imports only extraction (not the database
layer) to run it.
"""

from __future__ import annotations

from datetime import date, datetime

from eventdb.extract.model import Extraction
from eventdb.extract.pipeline import extract


def extract_job(item: tuple[str, date | datetime | None]) -> Extraction | str:
    """``extract(text, published)``, or the reason it failed: it never raises across processes."""
    text, published = item
    try:
        return extract(text, published)
    except Exception as exc:  # an extraction bug must not sink the batch: report it per document
        return f"extraction failed: {type(exc).__name__}: {exc}"
