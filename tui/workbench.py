"""The chronology screen's workbench: selection and bulk actions, sort order, self-refresh.

A mixin of :class:`~eventdb.tui.screens_main.ChronologyScreen` (kept apart so that screen stays
readable). The selection is a set of event ids: it survives paging, filters and reloads. With a
selection, ``x`` ``c`` ``m`` ``e`` apply to every selected event through one service call (one
transaction, one change-log entry, one undo). Every two seconds a worker reads the newest ids of
the change log, documents and events (:mod:`eventdb.services.changes`); when they moved, the
chronology reloads with the cursor kept on its event.
"""

from __future__ import annotations

from functools import partial

from textual import work
from textual.widgets import Footer
from textual.worker import get_current_worker

from eventdb.services import browse, changes
from eventdb.services.browse import SORTS
from eventdb.tui.keys import narrow_only_actions

POLL_SECONDS = 2.0
FULL_FOOTER = 130  # columns the footer needs for every key and the palette hint
MAX_SELECT = 50_000  # select-all beyond this asks for a narrower filter


class KeyFooter(Footer):
    """The footer, with the keys that do not fit 80 columns marked ``-minor`` (hidden by CSS
    below ``FULL_FOOTER`` columns; help and the command palette still list them)."""

    def compose(self):  # noqa: ANN201
        minor = narrow_only_actions()
        for widget in super().compose():
            if getattr(widget, "action", None) in minor:
                widget.add_class("-minor")
            yield widget


class Workbench:
    """Selection, bulk actions, sort, refresh: see the module docstring."""

    selected: set[int]
    sort_index: int

    # -- selection -------------------------------------------------------------------------------
    def action_toggle_select(self) -> None:
        row = self.view.current
        if row is None:
            return
        if row.id in self.selected:
            self.selected.discard(row.id)
        else:
            self.selected.add(row.id)
        self.view.refresh()
        self.update_status()
        self.view.move(1)

    def action_clear_selection(self) -> None:
        if self.selected:
            self.selected.clear()
            self.view.refresh()
            self.update_status()

    def action_select_matching(self) -> None:
        self._select_matching(self.source.filters)

    @work(thread=True, exclusive=True, group="select", exit_on_error=False)
    def _select_matching(self, filters: browse.Filters) -> None:
        try:
            with self.source.db.session() as s:
                ids = browse.matching_ids(s, filters, MAX_SELECT + 1)
        except Exception as exc:  # noqa: BLE001
            from eventdb.tui.screens_dialogs import _error_text

            self.app.call_from_thread(self.notify, _error_text(exc), severity="error")
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._selected_matching, ids)

    def _selected_matching(self, ids: list[int]) -> None:
        if len(ids) > MAX_SELECT:
            self.notify(f"The filter shows more than {MAX_SELECT:,} events: narrow it first",
                        severity="warning", timeout=5)
            return
        before = len(self.selected)
        self.selected.update(ids)
        self.view.refresh()
        self.update_status()
        self.notify(f"Selected {len(self.selected) - before:,} more · {len(self.selected):,} in all",
                    timeout=3)

    def describe_selection(self) -> str:
        n = len(self.selected)
        return f"{n:,} selected (x c m e apply · U clears)" if n else ""

    def _selection_done(self) -> None:
        """A bulk change was saved: the selection has done its work."""
        self.selected.clear()
        self.view.refresh()
        self.update_status()

    def bulk_ids(self) -> list[int]:
        return sorted(self.selected)

    def bulk_restate(self, verb: str, call) -> None:  # noqa: ANN001
        ids = self.bulk_ids()
        row = self.view.current
        self._clear_selection_after = True
        self._act(f"{verb} {len(ids):,} events…", call, ids, focus=row.id if row else None,
                  extra=" · u to undo")

    def bulk_merge(self) -> None:
        row = self.view.current
        if row is None:
            self.notify("Put the cursor on the event the others merge into", severity="warning")
            return
        ids = [row.id, *[i for i in self.bulk_ids() if i != row.id]]
        if len(ids) < 2:
            self.notify("Select another event to merge into this one", severity="warning")
            return
        self._bulk_merge_check(ids)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _bulk_merge_check(self, ids: list[int]) -> None:
        from eventdb.services.likeness import merge_warnings

        try:
            with self.source.db.session() as s:
                warnings = merge_warnings(s, ids)
        except Exception as exc:  # noqa: BLE001
            from eventdb.tui.screens_dialogs import _error_text

            self.app.call_from_thread(self.notify, _error_text(exc), severity="error")
            return
        self.app.call_from_thread(self._bulk_merge_confirm, ids, warnings)

    def _bulk_merge_confirm(self, ids: list[int], warnings: list[str]) -> None:
        from eventdb.tui.screens_confirm import ConfirmDialog

        others = ", ".join(map(str, ids[1:21])) + ("…" if len(ids) > 21 else "")
        reasons = [f"events {others} join event {ids[0]} (u undoes it)",
                   *(warnings or ["no warning: close dates or the same article"])]

        def answered(note: str | None) -> None:
            if note is None:
                return
            self._clear_selection_after = True
            self._act(f"Merging {len(ids):,} events…",
                      partial(self.curation.merge_events, note=note or None), ids, focus=ids[0])

        self.app.push_screen(ConfirmDialog(
            f"Merge {len(ids) - 1:,} selected event(s) into event {ids[0]}?", reasons,
            go="enter merge · esc cancel"), answered)

    def on_resize(self, event) -> None:  # noqa: ANN001
        self.set_class(event.size.width < FULL_FOOTER, "-short-footer")

    # -- sort ------------------------------------------------------------------------------------
    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.apply_filters()
        self.notify(f"Sorted by {SORTS[self.sort_index][1]}", timeout=2)

    @property
    def sort_key(self) -> str:
        return SORTS[self.sort_index][0]

    # -- refresh ---------------------------------------------------------------------------------
    def start_polling(self) -> None:
        self._marker: changes.Marker | None = None
        self.poll_changes()
        self.set_interval(POLL_SECONDS, self.poll_changes)

    @work(thread=True, exclusive=True, group="poll", exit_on_error=False)
    def poll_changes(self) -> None:
        try:
            with self.source.db.session() as s:
                found = changes.marker(s)
        except Exception:  # noqa: BLE001 - the next poll tries again; reloads report problems
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._polled, found)

    def _polled(self, found: changes.Marker) -> None:
        if self._marker is None or found == self._marker:
            self._marker = found
            return
        if self.busy:  # our own change is being saved: its reload follows, poll again later
            return
        self._marker = found
        row = self.view.current
        self._stale_detail = True
        self.view.reload(event_id=row.id if row else None)
        self.load_density()
