"""The chronology as the TUI sees it: a window of cached pages over the database.

Reads (``fetch_*``) run on worker threads and return plain data; the cache is only changed on the
UI thread (``store_*``), so no locks are needed. Every reload bumps ``generation``: pages that
arrive for an older generation are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from eventdb.db.engine import Database
from eventdb.services import browse
from eventdb.services.browse import Counts, Filters, Row

PAGE = 100
MAX_PAGES = 60  # ~6,000 rows in memory at most


@dataclass(slots=True)
class Snapshot:
    """What a (re)load read: counts, one page, and where the cursor should go."""

    generation: int
    filters: Filters
    counts: Counts
    page_no: int
    rows: list[Row]
    cursor: int


class ChronologySource:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.filters = Filters()
        self.counts = Counts(0, 0)
        self.generation = 0
        self.loaded = False
        self._pages: OrderedDict[int, list[Row]] = OrderedDict()
        self._pending: set[int] = set()

    # -- UI thread ---------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self.counts.total

    def row(self, index: int) -> Row | None:
        rows = self._pages.get(index // PAGE)
        if rows is None:
            return None
        i = index % PAGE
        return rows[i] if i < len(rows) else None

    def has_page(self, page_no: int) -> bool:
        return page_no in self._pages

    def want(self, page_no: int) -> bool:
        """True when ``page_no`` is neither cached nor on its way (and marks it on its way)."""
        if page_no < 0 or page_no * PAGE >= max(self.total, 1) or page_no in self._pages \
                or page_no in self._pending:
            return False
        self._pending.add(page_no)
        return True

    def store_page(self, generation: int, page_no: int, rows: list[Row]) -> bool:
        self._pending.discard(page_no)
        if generation != self.generation:
            return False
        self._pages[page_no] = rows
        self._pages.move_to_end(page_no)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return True

    def begin(self, filters: Filters | None = None) -> int:
        """Start a reload (optionally with new filters): returns its generation."""
        self.generation += 1
        if filters is not None:
            self.filters = filters
        return self.generation

    def store_snapshot(self, snap: Snapshot) -> bool:
        if snap.generation != self.generation:
            return False
        self.filters = snap.filters
        self.counts = snap.counts
        self._pages.clear()
        self._pending.clear()
        self._pages[snap.page_no] = snap.rows
        self.loaded = True
        return True

    def cached_rows(self) -> list[Row]:
        return [r for page in self._pages.values() for r in page]

    def patch_rows(self, rows: list[Row]) -> list[int]:
        """Replace cached rows of these events in place (same index); returns the indexes."""
        by_id = {r.id: r for r in rows}
        touched = []
        for page in self._pages.values():
            for i, old in enumerate(page):
                new = by_id.get(old.id)
                if new is not None:
                    new.index = old.index
                    page[i] = new
                    touched.append(old.index)
        return touched

    # -- worker threads ----------------------------------------------------------------------
    def fetch_page(self, filters: Filters, counts: Counts, page_no: int) -> list[Row]:
        with self.db.session() as s:
            return browse.page(s, filters, page_no * PAGE, PAGE, counts)

    def fetch_snapshot(self, generation: int, filters: Filters, *, cursor: int = 0,
                       event_id: int | None = None, day=None) -> Snapshot:  # noqa: ANN001
        """Counts and the page holding the cursor: at ``event_id`` if visible, else ``day``,
        else the index ``cursor`` (clamped)."""
        with self.db.session() as s:
            counts = browse.counts(s, filters)
            index = None
            if event_id is not None:
                index = browse.position_of(s, filters, event_id, counts)
            if index is None and day is not None:
                index = browse.index_of_date(s, filters, day, counts)
            if index is None:
                index = cursor
            index = max(0, min(index, counts.total - 1))
            page_no = index // PAGE
            rows = browse.page(s, filters, page_no * PAGE, PAGE, counts) if counts.total else []
        return Snapshot(generation, filters, counts, page_no, rows, index)

    def fetch_first(self, generation: int, filters: Filters) -> Snapshot:
        """The first page without counting the chronology (see ``browse.first_page``): what the
        TUI paints first; the screen's density read gives the counts (``store_counts``)."""
        with self.db.session() as s:
            rows, counts = browse.first_page(s, filters, PAGE)
        return Snapshot(generation, filters, counts, 0, rows, 0)

    def store_counts(self, generation: int, counts: Counts) -> bool:
        """Exact counts for the snapshot of ``generation`` (dropped when a reload followed)."""
        if generation != self.generation or self.counts.exact:
            return False
        self.counts = counts
        return True

    def fetch_rows(self, event_ids: list[int]) -> list[Row]:
        with self.db.session() as s:
            return browse.rows_for(s, event_ids)
