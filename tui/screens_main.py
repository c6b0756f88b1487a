"""The chronology screen: where curators spend their day.

Layout: a status line, an optional filter bar, the chronology with the evidence pane beside it
(below it on narrow terminals), the density strip, and the footer. Every key is declared in
``keys.py``. Database work runs on worker threads; every change goes through the curation
service and is followed by a reload that puts the cursor back on the changed event.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from eventdb.services import browse, candidates, density
from eventdb.services.browse import QUICK_FILTERS, Counts, Filters, Row
from eventdb.services.curation import ChangeResult, Curation, EventDetail
from eventdb.tui import keys
from eventdb.tui.screens_dialogs import (
    Dialog, EditDateDialog, MergeDialog, PublishedDialog, ReanchorDialog, _error_text,
)
from eventdb.tui.screens_info import HelpScreen, HistoryScreen
from eventdb.tui.source import ChronologySource, Snapshot
from eventdb.tui.widgets_chronology import ChronologyView
from eventdb.tui.widgets_density import DensityStrip
from eventdb.tui.widgets_evidence import EvidencePane
from eventdb.tui.filters import SYNTAX, FilterError, describe, parse_filter
from eventdb.tui.happening_actions import HappeningActions
from eventdb.tui.navigation import Navigation
from eventdb.tui.workbench import KeyFooter, Workbench

DETAIL_DELAY = 0.03  # seconds the cursor rests before the evidence pane is read
FIRST_DENSITY_DELAY = 1.0  # seconds at most before the density strip is first read
DENSITY_AFTER_FIRST_ROW = 0.25  # seconds after the first row's evidence is shown

__all__ = ["ChronologyScreen", "parse_filter"]


class StatusLine(Static):
    """One line: where the cursor is, how many events, the filter, the curator."""

    def show(self, *, position: str, filters: str, curator: str, busy: str = "") -> None:
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        left = Text()
        left.append(position, style="bold")
        if filters:
            left.append(f"  ·  {filters}")
        right = Text()
        if busy:
            right.append(f"{busy}  ", style="italic")
        right.append(f"curator {curator}")
        grid.add_row(left, right)
        self.update(grid, layout=False)


class ChronologyScreen(Navigation, HappeningActions, Workbench, Screen[None]):
    BINDINGS = keys.bindings()
    AUTO_FOCUS = "#chronology"

    def __init__(self, curation: Curation, source: ChronologySource, first: Snapshot | None) -> None:
        super().__init__()
        self.curation = curation
        self.source = source
        self.first = first
        self.quick = 0
        self.filter_text = ""
        #: The filter bar was opened with `/` and not yet left (Enter, Esc): see take_filter_key.
        self._filter_open = False
        self.detail: EventDetail | None = None
        #: The evidence shown may be out of date (after a change or a reload): read it again.
        self._stale_detail = False
        #: The density strip (and the exact counts) are read once the first screen is drawn.
        self._density_pending = True
        self.busy = ""
        #: Selected event ids (space, *, U): x c m e apply to them all.
        self.selected: set[int] = set()
        self.sort_index = 0
        self.filter_error = ""
        self._clear_selection_after = False

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield Input(placeholder=f"filter: {SYNTAX}", id="filter")
        with Container(id="panes"):
            yield ChronologyView(self.source, id="chronology")
            yield EvidencePane(id="evidence")
        yield DensityStrip(id="density")
        yield KeyFooter(compact=True)

    @property
    def view(self) -> ChronologyView:
        return self.query_one("#chronology", ChronologyView)

    @property
    def evidence(self) -> EvidencePane:
        return self.query_one("#evidence", EvidencePane)

    @property
    def density(self) -> DensityStrip:
        return self.query_one("#density", DensityStrip)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        self.view.selected = self.selected
        self.evidence.show_message("Reading…")
        if self.first is not None:
            self.first.generation = self.source.begin(self.first.filters)
            self.view._apply_snapshot(self.first)  # noqa: SLF001 - painted without a round trip
            self.first = None
        else:
            self.view.reload()
        # The strip's read counts the whole chronology (seconds at 100,000 articles) and slows
        # the first frame when it runs beside it: it starts once the evidence pane shows the
        # first row, or after a second whatever happens (an empty chronology has no row).
        self.set_timer(FIRST_DENSITY_DELAY, self._first_density)
        self.update_status()
        self.start_polling()

    def _first_density(self) -> None:
        if self._density_pending:
            self._density_pending = False
            self.load_density()

    # -- status ----------------------------------------------------------------------------------
    @property
    def filters(self) -> Filters:
        """The bar's filters, the quick filter and the sort order, combined (FilterError if the
        bar has a part that cannot be read)."""
        fields = parse_filter(self.filter_text)
        statuses = fields.pop("statuses") or QUICK_FILTERS[self.quick][1]
        return Filters(statuses=tuple(statuses), sort=self.sort_key, **fields)

    def describe_filters(self) -> str:
        if self.filter_error:
            return f"✗ {self.filter_error}"
        quick = QUICK_FILTERS[self.quick][0] if self.quick else None
        return describe(self.source.filters, quick)

    def update_status(self) -> None:
        """The status line: counts, filters, work in progress, curator.

        The cursor's position is drawn in the chronology's header line instead, so a keypress
        repaints only the chronology (a frame's cost grows with the span of what changed).
        """
        total = self.source.total
        # A row is a happening unless every report is shown (show:reports, show:all).
        noun = "reports" if self.source.filters.reports else "happenings"
        if not self.source.loaded:
            position = "Reading the chronology…"
        elif total == 0:
            position = f"no {noun}"
        elif not self.source.counts.exact:
            position = f"{total:,}+ {noun} (counting…)"
        else:
            position = f"{total:,} {noun}"
            if self.source.counts.dated < total:
                position += f" ({total - self.source.counts.dated:,} undated)"
        if self.selected:
            position += f" · {self.describe_selection()}"
        self.query_one("#status", StatusLine).show(
            position=position, filters=self.describe_filters(), curator=self.curation.curator,
            busy=self.busy,
        )

    def set_busy(self, text: str) -> None:
        self.busy = text
        self.update_status()

    # -- reading ---------------------------------------------------------------------------------
    @on(ChronologyView.CursorMoved)
    def _cursor_moved(self, message: ChronologyView.CursorMoved) -> None:
        row = message.row
        # the density strip is at the bottom: repaint it in a frame of its own (see update_status)
        self.call_after_refresh(self._update_density_position)
        if row is None:
            if self.source.total == 0:
                self.detail = None
                self.evidence.show_message(
                    "No events here." if self.source.filters.is_empty
                    else "No events match the filter. Press Esc to clear it.")
            return
        if self.detail is None or self.detail.id != row.id or self._stale_detail:
            self.load_detail(row.id)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def load_detail(self, event_id: int) -> None:
        # A held key moves the cursor ~30 times a second: read only where it comes to rest.
        time.sleep(DETAIL_DELAY)
        if get_current_worker().is_cancelled:
            return
        try:
            detail = self.curation.event_detail(event_id)
        except Exception as exc:  # noqa: BLE001
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.evidence.show_message, _error_text(exc))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_detail, detail)

    def _show_detail(self, detail: EventDetail) -> None:
        row = self.view.current
        if row is not None and row.id != detail.id:
            return  # the cursor moved on meanwhile
        self.detail = detail
        self._stale_detail = False
        self.evidence.show(detail)
        if self._density_pending:
            # once the first screen is on the terminal (a frame after this one, and the
            # terminal's own write: measured, starting at once cost the first frame ~1 s at
            # 100,000 articles on a busy 2-core machine)
            self.set_timer(DENSITY_AFTER_FIRST_ROW, self._first_density)

    @on(ChronologyView.Reloaded)
    def _reloaded(self, message: ChronologyView.Reloaded) -> None:
        self.set_busy("")  # also shows the new counts

    @on(ChronologyView.LoadFailed)
    def _load_failed(self, message: ChronologyView.LoadFailed) -> None:
        self.set_busy("")
        self.notify(message.message, title="Database", severity="error", timeout=8)

    @work(thread=True, exclusive=True, group="density", exit_on_error=False)
    def load_density(self) -> None:
        filters, generation = self.source.filters, self.source.generation
        try:
            with self.source.db.session() as s:
                per_day = density.density(s, filters)
                undated = browse.undated_count(s, filters)
        except Exception:  # noqa: BLE001 - the chronology reports database problems
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._density_loaded, generation, per_day, undated)

    def _density_loaded(self, generation: int, per_day: list, undated: int) -> None:
        self.density.set_data(per_day, undated)
        # The first screen was painted before counting: the strip's counts are the chronology's
        dated = sum(n for _day, n in per_day)
        if self.source.store_counts(generation, Counts(total=dated + undated, dated=dated)):
            self.view.counted()
            self.update_status()

    def _update_density_position(self) -> None:
        row = self.view.current
        top = int(self.view.scroll_y)
        first = self.source.row(top)
        last = self.source.row(min(self.source.total - 1, top + self.view.page_height - 1))
        self.density.set_position(
            row.earliest if row else None,
            (first.earliest if first else None, last.earliest if last else None),
        )

    @on(ChronologyView.Scrolled)
    def _scrolled(self) -> None:
        self.call_after_refresh(self._update_density_position)

    @on(DensityStrip.Jump)
    def _density_jump(self, message: DensityStrip.Jump) -> None:
        if self._by_date():
            self.jump_to(message.day)

    # -- finding ---------------------------------------------------------------------------------
    def action_filter(self) -> None:
        bar = self.query_one("#filter", Input)
        bar.display = True
        bar.value = self.filter_text
        self._filter_open = True
        bar.focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.value != self.filter_text:
            self.filter_text = event.value
            self.apply_filters()

    @on(Input.Blurred, "#filter")
    def _filter_left(self) -> None:
        self._filter_open = False  # the curator clicked away: letters are commands again

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        bar = self.query_one("#filter", Input)
        self._filter_open = False
        if not event.value.strip():
            bar.display = False
        self.view.focus()

    def on_key(self, event) -> None:  # noqa: ANN001
        bar = self.query_one("#filter", Input)
        if not bar.has_focus:
            return
        if event.key == "escape":
            event.stop()
            self.action_clear_filter()

    def take_filter_key(self, event) -> bool:  # noqa: ANN001 - textual.events.Key
        """Letters typed right after `/` in a burst (a fast typist, a paste, a slow link) were
        handed to the list before the filter bar had the focus; when they come back up to the
        app's bindings they would run as commands (o opened the article, u undid, x rejected).
        While the bar is open they are filter text: True when ``event`` was taken as such."""
        bar = self.query_one("#filter", Input)
        if not (bar.display and self._filter_open and event.is_printable and event.character):
            return False
        bar.insert_text_at_cursor(event.character)
        return True

    def action_clear_filter(self) -> None:
        bar = self.query_one("#filter", Input)
        had = bool(self.filter_text.strip()) or self.quick or self.filter_error
        self.filter_text = ""
        self.filter_error = ""
        self.quick = 0
        with bar.prevent(Input.Changed):
            bar.value = ""
        self._filter_open = False
        bar.display = False
        self.view.focus()
        if had:
            self.apply_filters()

    def action_quick_filter(self) -> None:
        self.quick = (self.quick + 1) % len(QUICK_FILTERS)
        self.apply_filters()
        self.notify(f"Showing {QUICK_FILTERS[self.quick][0]}", timeout=2)

    def apply_filters(self) -> None:
        """Reload with the bar, quick filter and order; a part that cannot be read is shown in
        the status line and nothing else changes (the previous filters stay)."""
        try:
            filters = self.filters
        except FilterError as exc:
            self.filter_error = str(exc)
            self.update_status()
            return
        self.filter_error = ""
        row = self.view.current
        self.set_busy("filtering…")
        self.view.reload(filters, event_id=row.id if row else None, cursor=0)
        self.load_density()

    def action_reload(self) -> None:
        row = self.view.current
        self.set_busy("reloading…")
        self._stale_detail = True
        self.view.reload(event_id=row.id if row else None)
        self.load_density()

    # -- curating --------------------------------------------------------------------------------
    def _with_detail(self, then: Callable[[EventDetail], None]) -> None:
        """Call ``then`` with the detail of the event under the cursor (read it if needed)."""
        row = self.view.current
        if row is None:
            self.notify("No event under the cursor", severity="warning", timeout=3)
            return
        if self.detail is not None and self.detail.id == row.id and not self._stale_detail:
            then(self.detail)
            return
        self._fetch_then(row.id, then)

    @work(thread=True, group="fetch", exit_on_error=False)
    def _fetch_then(self, event_id: int, then: Callable[[EventDetail], None]) -> None:
        try:
            detail = self.curation.event_detail(event_id)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.notify, _error_text(exc), severity="error")
            return
        self.app.call_from_thread(self._fetched, detail, then)

    def _fetched(self, detail: EventDetail, then: Callable[[EventDetail], None]) -> None:
        self._show_detail(detail)
        then(detail)

    def _open(self, dialog: Dialog, event_id: int, *, bulk: bool = False) -> None:
        """Push a curation dialog; on save, show its change at once."""
        def finished(result: ChangeResult | None) -> None:
            if result is not None:
                if bulk:
                    self._selection_done()
                self.after_change(result, event_id, rows=dialog.prefetched)  # type: ignore[arg-type]

        dialog.prefetch = self._changed_rows
        self.app.push_screen(dialog, finished)

    def action_edit_date(self) -> None:
        ids = self.bulk_ids() if self.selected else None
        self._with_detail(lambda d: self._open(EditDateDialog(self.curation, d, event_ids=ids),
                                               d.id, bulk=bool(ids)))

    def action_reanchor(self) -> None:
        def open_dialog(d: EventDetail) -> None:
            self._candidates(lambda s: candidates.document_events(s, d.document_id),
                             lambda found: self._open(ReanchorDialog(self.curation, d, found), d.id))
        self._with_detail(open_dialog)

    def action_merge(self) -> None:
        if self.selected:
            self.bulk_merge()
            return
        from eventdb.services.likeness import candidates

        def open_dialog(d: EventDetail) -> None:
            self._candidates(lambda s: candidates(s, d.id),
                             lambda found: self._open(MergeDialog(self.curation, d, found), d.id))
        self._with_detail(open_dialog)

    def action_set_published(self) -> None:
        def open_dialog(d: EventDetail) -> None:
            self._candidates(
                lambda s: candidates.document_published(s, d.document_id),
                lambda found: self._open(
                    PublishedDialog(self.curation, d.document_id, d.document_title, found[0],
                                    found[1]), d.id))
        self._with_detail(open_dialog)

    @work(thread=True, group="fetch", exit_on_error=False)
    def _candidates(self, read, then) -> None:  # noqa: ANN001
        try:
            with self.source.db.session() as s:
                found = read(s)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.notify, _error_text(exc), severity="error")
            return
        self.app.call_from_thread(then, found)

    def action_confirm(self) -> None:
        if self.selected:
            self.bulk_restate("Confirming", self.curation.confirm)
            return
        row = self.view.current
        if row is not None:
            self._act("Confirming…", self.curation.confirm, [row.id], focus=row.id)

    def action_reject(self) -> None:
        if self.selected:
            self.bulk_restate("Rejecting", self.curation.reject)
            return
        row = self.view.current
        if row is not None:
            self._act("Rejecting…", self.curation.reject, [row.id], focus=row.id,
                      extra=" · u to undo")

    def action_undo(self) -> None:
        row = self.view.current
        self._act("Undoing…", self.curation.undo, focus=row.id if row else None, undo=True)

    def _act(self, busy: str, call, *args, focus: int | None = None, undo: bool = False,  # noqa: ANN001
             extra: str = "") -> None:
        self.set_busy(busy)
        self._run_action(call, args, focus, undo, extra)

    @work(thread=True, group="act", exit_on_error=False)
    def _run_action(self, call, args, focus, undo, extra) -> None:  # noqa: ANN001
        try:
            result = call(*args)
        except Exception as exc:  # noqa: BLE001 - a refused change is a message, not a crash
            self.app.call_from_thread(self._action_failed, _error_text(exc))
            return
        if result is None:
            self.app.call_from_thread(self._action_failed, "Nothing to undo", "information")
            return
        if undo and result.event_ids:
            focus = result.event_ids[0]
        try:
            rows = self._changed_rows(result)
        except Exception:  # noqa: BLE001 - the reload that follows reports problems
            rows = None
        self.app.call_from_thread(self.after_change, result, focus, extra, rows)

    def _action_failed(self, message: str, severity: str = "error") -> None:
        self._clear_selection_after = False  # refused: the selection is still to be worked on
        self.set_busy("")
        self.notify(message, severity=severity, timeout=6)  # type: ignore[arg-type]

    def _changed_rows(self, result: ChangeResult) -> list[Row]:
        """(Worker thread) the rows of the events a change touched, to show them at once."""
        changed = list(dict.fromkeys([*(result.event_ids or []), *(result.needs_review or [])]))
        return self.source.fetch_rows(changed[:500]) if changed else []

    def after_change(self, result: ChangeResult, focus: int | None, extra: str = "",
                     rows: list[Row] | None = None) -> None:
        """Show a change at once: patch the rows on screen, then reload around the event."""
        if self._clear_selection_after:
            self._clear_selection_after = False
            self._selection_done()
        self._marker = None  # our own change: the next poll only notes where the log is
        if rows:
            self.view.refresh_rows(rows)
        summary = result.summary if len(result.summary) <= 160 else result.summary[:159] + "…"
        text = summary + extra
        if result.needs_review:
            text += f" · {len(result.needs_review)} curated event(s) now need review"
        self.notify(text, title="Saved", timeout=4)
        self._stale_detail = True
        self.busy = ""
        self.view.reload(event_id=focus)
        self.load_density()

    def action_history(self) -> None:
        row = self.view.current
        if row is not None:
            self.app.push_screen(HistoryScreen(self.curation, row.id, row.headline))

    # -- the article and row edits (screens_article.py) -------------------------------------------
    def action_open_article(self) -> None:
        from eventdb.tui.screens_article import open_article

        open_article(self)

    def action_edit_headline(self) -> None:
        from eventdb.tui.screens_article import edit_headline

        edit_headline(self)

    def action_edit_participants(self) -> None:
        from eventdb.tui.screens_article import edit_participants

        edit_participants(self)

    # -- app -------------------------------------------------------------------------------------
    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.app.exit()
