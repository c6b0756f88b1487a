"""Screens that only show things: help (every key), an event's history, and a problem."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, Label, Static

from eventdb.services.curation import Curation, HistoryEntry
from eventdb.temporal.wording import date_words
from eventdb.tui.format import HEADLINE_MARKERS, MARKERS, STATUSES
from eventdb.tui.keys import APP, CURATE, FIND, KEYS, NAVIGATE, OTHER_KEYS

CSS = str(Path(__file__).with_name("info.tcss"))


class HelpScreen(ModalScreen[None]):
    """``?``: every key, what the date markers and statuses mean."""

    CSS_PATH = CSS
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="info"):
            yield Label("Keys", id="info-title")
            with VerticalScroll():
                yield Static(self._keys(), id="help-keys")
                yield Static(self._legend(), id="help-legend")
            yield Label("esc close · ctrl+p finds any action by name", id="info-hint")

    @staticmethod
    def _keys() -> Table:
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(no_wrap=True, style="bold", min_width=10)
        table.add_column(ratio=1)
        for group in (NAVIGATE, FIND, CURATE, APP):
            table.add_row(Text(group, style="bold underline"), "")
            for key in KEYS:
                if key.group == group:
                    shown = key.display or " ".join(key.keys.split(","))
                    table.add_row(shown, key.description)
            for shown, description, other_group in OTHER_KEYS:
                if other_group == group:
                    table.add_row(shown, description)
            table.add_row("", "")
        return table

    @staticmethod
    def _legend() -> Table:
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column(no_wrap=True, style="bold", min_width=10)
        table.add_column(ratio=1)
        table.add_row(Text("Dates", style="bold underline"), "")
        table.add_row("2014-06-26", "a day · Jun 2014 a month · 2014-W25 a week · 2014 a year")
        for marker, meaning in MARKERS:
            table.add_row(f"{marker}date", meaning)
        table.add_row("   │", "same date as the row above")
        table.add_row("", "")
        table.add_row(Text("Headlines", style="bold underline"), "")
        for marker, meaning in HEADLINE_MARKERS:
            table.add_row(marker, meaning)
        table.add_row("", "")
        table.add_row(Text("Statuses", style="bold underline"), "")
        meanings = {
            "machine": "dated by eventdb, not checked yet",
            "corrected": "a curator set the date",
            "confirmed": "a curator checked the date",
            "needs-review": "curated, but its anchor moved (or merged reports disagree)",
            "unresolved": "no date yet: its anchor (often the publication date) is unknown",
            "rejected": "not an event (hidden; shown only when filtering on it)",
        }
        for status, (symbol, label) in STATUSES.items():
            table.add_row(f"{symbol} {label}", meanings.get(status, ""))
        return table

    def action_close(self) -> None:
        self.dismiss(None)


class HistoryScreen(ModalScreen[None]):
    """``h``: every value the event and its time expression had, oldest first."""

    CSS_PATH = CSS
    BINDINGS = [Binding("escape,h,q", "close", "Close")]

    def __init__(self, curation: Curation, event_id: int, headline: str) -> None:
        super().__init__()
        self.curation = curation
        self.event_id = event_id
        self.headline = headline
        self.entries: list[HistoryEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="info", classes="wide"):
            yield Label(f"History of event {self.event_id}", id="info-title")
            yield Static(Text(self.headline, overflow="ellipsis", no_wrap=True), classes="context")
            yield DataTable(id="history", cursor_type="row", zebra_stripes=True)
            yield Static("", id="history-note")
            yield Label("esc close · ↑↓ select an entry to see its note", id="info-hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("when", "who", "status", "date", "typed", "about", "")
        table.loading = True
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        try:
            entries = self.curation.history(self.event_id)
        except Exception as exc:  # noqa: BLE001
            from eventdb.tui.screens_dialogs import _error_text

            self.app.call_from_thread(self._failed, _error_text(exc))
            return
        self.app.call_from_thread(self._show, entries)

    def _failed(self, message: str) -> None:
        table = self.query_one(DataTable)
        table.loading = False
        self.query_one("#history-note", Static).update(Text(message))

    def _show(self, entries: list[HistoryEntry]) -> None:
        self.entries = entries
        table = self.query_one(DataTable)
        table.loading = False
        for e in entries:
            who = e.who or "machine"
            mark = "current" if e.current else ("undone" if e.undone else "")
            status = Text(e.status, style="strike" if e.undone else "")
            table.add_row(f"{e.when:%Y-%m-%d %H:%M}" if e.when else "", who, status,
                          date_words(e.value, e.mod, e.precision, e.earliest, e.latest, e.edtf),
                          e.input_text or "", e.subject, mark)
        if entries:
            table.move_cursor(row=len(entries) - 1)
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if 0 <= event.cursor_row < len(self.entries):
            entry = self.entries[event.cursor_row]
            note = entry.note or ""
            if entry.earliest and entry.latest and entry.earliest != entry.latest:
                note = f"{entry.earliest} … {entry.latest}" + (f" · {note}" if note else "")
            self.query_one("#history-note", Static).update(Text(note))

    def action_close(self) -> None:
        self.dismiss(None)


class ProblemScreen(Screen[None]):
    """The database cannot be used (old schema, unreachable, locked): say so, offer a retry."""

    CSS_PATH = CSS
    BINDINGS = [Binding("r", "retry", "Try again"), Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, message: str, url: str) -> None:
        super().__init__()
        self.message = message
        self.url = url

    def compose(self) -> ComposeResult:
        with Vertical(id="problem"):
            yield Label("Cannot open the database", id="info-title")
            yield Static(Text(self.message), id="problem-message")
            yield Static(Text(self.url), classes="dim")
            yield Label("r try again · q quit", id="info-hint")
        yield Footer()

    def action_retry(self) -> None:
        self.app.pop_screen()
        self.app.open_database()  # type: ignore[attr-defined]
