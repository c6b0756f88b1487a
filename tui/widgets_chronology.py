"""The chronology: one line per event, in date order, read from the database a page at a time.

A Line API widget (``ScrollView``): only the lines on screen are rendered, and only the pages they
need are read (on worker threads), so 100,000 events cost what 100 do. Line 0 is the column
header; event ``i`` is drawn on line ``i + 1``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker, WorkerState, get_current_worker

from eventdb.errors import EventdbError
from eventdb.services.browse import Filters, Row
from eventdb.tui.format import fit, format_date, headline_text, join_names, status_label
from eventdb.tui.source import PAGE, ChronologySource, Snapshot

DATE_W, STATUS_W, PEOPLE_W, DOC_W = 16, 14, 26, 24


@dataclass(frozen=True, slots=True)
class Columns:
    date: int
    status: int
    headline: int
    people: int
    document: int

    @classmethod
    def for_width(cls, width: int) -> Columns:
        people = PEOPLE_W if width >= 96 else 0
        doc = DOC_W if width >= 124 else 0
        gaps = 2 + (1 if people else 0) + (1 if doc else 0)
        headline = max(10, width - 1 - DATE_W - STATUS_W - people - doc - gaps)
        return cls(DATE_W, STATUS_W, headline, people, doc)


class ChronologyView(ScrollView, can_focus=True, inherit_bindings=False):
    """The chronology pane. Keys are bound by the screen (see ``keys.py``)."""

    COMPONENT_CLASSES = {
        "chronology--header", "chronology--cursor", "chronology--cursor-blurred",
        "chronology--date", "chronology--continued", "chronology--loading",
        "chronology--machine", "chronology--corrected", "chronology--confirmed",
        "chronology--needs-review", "chronology--unresolved", "chronology--rejected",
        "chronology--people", "chronology--document", "chronology--marker",
        "chronology--selected", "chronology--background",
    }

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class CursorMoved(Message):
        """The cursor is on another row (``row`` is None while its page is being read)."""

        def __init__(self, index: int, row: Row | None) -> None:
            super().__init__()
            self.index = index
            self.row = row

    class Reloaded(Message):
        """A (re)load finished: counts and filters may have changed."""

        def __init__(self, snapshot: Snapshot) -> None:
            super().__init__()
            self.snapshot = snapshot

    class Scrolled(Message):
        """Other rows are on screen (the density strip shades them)."""

    class LoadFailed(Message):
        def __init__(self, message: str) -> None:
            super().__init__()
            self.message = message

    def __init__(self, source: ChronologySource, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.source = source
        #: Ids of the selected events (the screen owns the set; drawn with a mark).
        self.selected: set[int] = set()
        self._styles: dict[str, Style] = {}
        self._announced: tuple | None = None
        self._fill_scheduled = False

    # -- data ----------------------------------------------------------------------------------
    def reload(self, filters: Filters | None = None, *, event_id: int | None = None,
               cursor: int | None = None, day: date | None = None) -> Worker:
        """Read counts and the cursor's page again (new filters, after an edit, on ``r``)."""
        generation = self.source.begin(filters)
        want = self.source.filters
        at = self.cursor if cursor is None else cursor

        def work() -> Snapshot:
            return self.source.fetch_snapshot(generation, want, cursor=at, event_id=event_id, day=day)

        return self.run_worker(work, thread=True, group="reload", exclusive=True,
                               name="reload", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.is_cancelled or event.state == WorkerState.CANCELLED:
            return  # superseded by a newer reload (a filter typed on): not an error
        if worker.name == "reload":
            if worker.is_finished and worker.error is not None:
                self.post_message(self.LoadFailed(_message(worker.error)))
            elif worker.is_finished and worker.result is not None:
                self._apply_snapshot(worker.result)
        elif worker.name == "page" and worker.error is not None:
            self.post_message(self.LoadFailed(_message(worker.error)))

    def _apply_snapshot(self, snap: Snapshot) -> None:
        if not self.source.store_snapshot(snap):
            return
        self.virtual_size = Size(self.size.width, snap.counts.total + 1)
        self._announced = None
        self.set_cursor(snap.cursor, center=True)
        self.refresh()
        self.post_message(self.Reloaded(snap))

    def counted(self) -> None:
        """The chronology was counted after its first page was painted: room for every row."""
        self.virtual_size = Size(self.size.width, self.source.total + 1)
        self._announced = None
        self.refresh()

    def _request_pages(self, first: int, last: int) -> None:
        """Read the pages covering rows ``first..last`` (and one either side) if missing."""
        if not self.source.loaded:
            return
        for page_no in range(first // PAGE - 1, last // PAGE + 2):
            if self.source.want(page_no):
                self._load_page(page_no)

    def _fill_viewport(self) -> None:
        self._fill_scheduled = False
        top = int(self.scroll_y)
        self._request_pages(top, top + self.size.height)

    def _load_page(self, page_no: int) -> None:
        source = self.source
        generation, filters, counts = source.generation, source.filters, source.counts

        def work() -> None:
            rows = source.fetch_page(filters, counts, page_no)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._page_arrived, generation, page_no, rows)

        self.run_worker(work, thread=True, group="pages", name="page", exit_on_error=False)

    def _page_arrived(self, generation: int, page_no: int, rows: list[Row]) -> None:
        if not self.source.store_page(generation, page_no, rows):
            return
        self.refresh()
        if page_no * PAGE <= self.cursor < (page_no + 1) * PAGE:
            self._announce()

    def refresh_rows(self, rows: list[Row]) -> None:
        """Show new values for rows already on screen (before the full reload lands)."""
        if self.source.patch_rows(rows):
            self.refresh()
            self._announced = None
            self._announce()

    # -- cursor --------------------------------------------------------------------------------
    @property
    def current(self) -> Row | None:
        return self.source.row(self.cursor)

    @property
    def page_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def set_cursor(self, index: int, *, center: bool = False) -> None:
        total = self.source.total
        index = max(0, min(index, total - 1)) if total else 0
        self.cursor = index
        self._scroll_to_cursor(center=center)
        self._announce()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self.post_message(self.Scrolled())

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_index(old)
        self._refresh_index(new)
        self.refresh(Region(0, 0, self.size.width, 1))  # the header shows the position

    def _refresh_index(self, index: int) -> None:
        y = index + 1 - int(self.scroll_y)
        if 1 <= y < self.size.height:
            self.refresh_line(index + 1)

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        height = self.page_height
        top = int(self.scroll_y)
        if center and not (top <= self.cursor < top + height):
            target = max(0, self.cursor - height // 3)
        elif self.cursor < top:
            target = self.cursor
        elif self.cursor >= top + height:
            target = self.cursor - height + 1
        else:
            return
        self.scroll_to(y=target, animate=False, force=True)

    def _announce(self) -> None:
        row = self.current
        key = (self.cursor, row.id if row else None, id(row))
        if self._announced == key:
            return
        self._announced = key
        if row is None:
            self._request_pages(self.cursor, self.cursor)
        self.post_message(self.CursorMoved(self.cursor, row))

    def move(self, delta: int) -> None:
        self.set_cursor(self.cursor + delta)

    # -- mouse ---------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        index = int(self.scroll_y) + offset.y - 1
        if index < self.source.total:
            self.set_cursor(index)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.source.total + 1)
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    # -- rendering -----------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(f"chronology--{name}", partial=True)
            self._styles[name] = style
        return style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        cols = Columns.for_width(width)
        if y == 0:
            return self._header(cols, width, base)
        index = int(self.scroll_y) + y - 1
        total = self.source.total
        if index >= total:
            if index == 0 and self.source.loaded:
                text = "  No events" + ("" if self.source.filters.is_empty
                                        else " match the filter (Esc clears it)")
                return Strip([Segment(fit(text, width), base + self._style("loading"))], width)
            return Strip.blank(width, base)
        row = self.source.row(index)
        if row is None:
            if not self._fill_scheduled:
                self._fill_scheduled = True
                self.call_later(self._fill_viewport)
            return Strip([Segment(fit("  …", width), base + self._style("loading"))], width)
        return self._row_strip(row, index, y, cols, width, base)

    def _header(self, cols: Columns, width: int, base: Style) -> Strip:
        """Column names, and the cursor's position on the right."""
        style = base + self._style("header")
        parts = [" " + fit("date", cols.date - 1), fit("status", cols.status),
                 fit("event", cols.headline)]
        if cols.people:
            parts.append(fit("participants", cols.people))
        if cols.document:
            parts.append(fit("document", cols.document))
        text = fit(" ".join(parts), width)
        total = self.source.total
        if total:
            where = f" {self.cursor + 1:,} / {total:,}{'' if self.source.counts.exact else '+'} "
            if len(where) < width:
                text = text[: width - len(where)] + where
        return Strip([Segment(text, style)], width)

    def _row_strip(self, row: Row, index: int, y: int, cols: Columns, width: int, base: Style) -> Strip:
        is_cursor = index == self.cursor
        selected = row.id in self.selected
        if is_cursor:
            line = base + self._style("cursor" if self.has_focus else "cursor-blurred")
        elif selected:
            line = base + self._style("selected")
        else:
            line = base
        previous = self.source.row(index - 1) if index > 0 else None
        continued = previous is not None and previous.group == row.group
        if continued and y > 1:
            date_text = fit("   │", cols.date)
            date_style = line + self._style("continued")
        else:
            date_text = fit(format_date(row.value, row.precision, row.mod, row.edtf,
                                        row.earliest, row.confidence), cols.date)
            date_style = line + self._style("continued" if continued else "date")
        segments = [
            Segment(date_text, date_style),
            Segment("•" if selected else " ", line),
            Segment(fit(status_label(row.status), cols.status), line + self._style(row.status)
                    if not is_cursor else line),
            Segment(" ", line),
            Segment(fit(headline_text(row), cols.headline),
                    line + self._style("background") if row.background and not is_cursor else line),
        ]
        if cols.people:
            segments += [Segment(" ", line), Segment(
                fit(join_names(row.participants), cols.people),
                line + self._style("people") if not is_cursor else line)]
        if cols.document:
            segments += [Segment(" ", line), Segment(
                fit(row.document, cols.document),
                line + self._style("document") if not is_cursor else line)]
        strip = Strip(segments)
        return strip.adjust_cell_length(width, line)


def _message(error: BaseException) -> str:
    if isinstance(error, EventdbError):
        return str(error)
    from eventdb.db.engine import describe_db_error

    return describe_db_error(error)
