"""The chronology screen's moving keys (rows, pages, ``[``/``]`` from date to date, ``t`` jump
to a day): a mixin of :class:`~eventdb.tui.screens_main.ChronologyScreen`. Steps between dates
come from the loaded rows when they can, else from SQL on a worker thread."""

from __future__ import annotations

from datetime import date

from textual import work
from textual.worker import get_current_worker

from eventdb.services import browse
from eventdb.services.browse import Row
from eventdb.tui.screens_dialogs import JumpDialog, _error_text


class Navigation:
    """Needs the screen's ``view``, ``source``, ``app`` and ``notify``."""

    def action_cursor_down(self) -> None:
        self.view.move(1)

    def action_cursor_up(self) -> None:
        self.view.move(-1)

    def action_first(self) -> None:
        self.view.set_cursor(0)

    def action_last(self) -> None:
        self.view.set_cursor(self.source.total - 1)

    def action_page_down(self) -> None:
        self.view.move(self.view.page_height)

    def action_page_up(self) -> None:
        self.view.move(-self.view.page_height)

    def action_next_date(self) -> None:
        self._step_date(+1)

    def action_previous_date(self) -> None:
        self._step_date(-1)

    def _step_date(self, direction: int) -> None:
        """``]``/``[``: from the cache when the neighbouring date is loaded, else from SQL."""
        row = self.view.current
        if row is None or not self._by_date():
            return
        index = self._date_step_cached(row, direction)
        if index is not None:
            if index >= 0:
                self.view.set_cursor(index)
            return
        self._date_step_sql(row, direction)

    def _date_step_cached(self, row: Row, direction: int) -> int | None:
        """The target index, -1 for 'no such date', None when the cache cannot tell."""
        i = row.index
        if direction > 0:
            while True:
                i += 1
                if i >= self.source.total:
                    return -1
                other = self.source.row(i)
                if other is None:
                    return None
                if other.group != row.group:
                    return i
        # backwards: find the start of this group, then the start of the previous one
        while True:
            if i == 0:
                return -1 if self.source.row(0) and self.source.row(0).group == row.group else 0
            other = self.source.row(i - 1)
            if other is None:
                return None
            if other.group != row.group:
                break
            i -= 1
        target = self.source.row(i - 1)
        j = i - 1
        while j > 0:
            other = self.source.row(j - 1)
            if other is None:
                return None
            if other.group != target.group:  # type: ignore[union-attr]
                break
            j -= 1
        return j

    @work(thread=True, exclusive=True, group="navigate", exit_on_error=False)
    def _date_step_sql(self, row: Row, direction: int) -> None:
        filters, counts = self.source.filters, self.source.counts
        try:
            with self.source.db.session() as s:
                if direction > 0:
                    index = browse.next_date_index(s, filters, row, counts)
                else:
                    index = browse.previous_date_index(s, filters, row, counts)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.notify, _error_text(exc), severity="error")
            return
        if index is not None and not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.view.set_cursor, index)

    def _by_date(self) -> bool:
        if self.source.filters.by_date:
            return True
        self.notify("Dates are in order only when sorted by date (s cycles the order)",
                    severity="warning", timeout=3)
        return False

    def action_jump(self) -> None:
        if not self._by_date():
            return

        def done(day: date | None) -> None:
            if day is not None:
                self.jump_to(day)

        row = self.view.current  # words ("the day before") count from the event under the cursor
        self.app.push_screen(JumpDialog(row.earliest or row.latest if row else None), done)

    @work(thread=True, exclusive=True, group="navigate", exit_on_error=False)
    def jump_to(self, day: date) -> None:
        try:
            with self.source.db.session() as s:
                index = browse.index_of_date(s, self.source.filters, day, self.source.counts)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.notify, _error_text(exc), severity="error")
            return
        self.app.call_from_thread(self.view.set_cursor, index, center=True)
