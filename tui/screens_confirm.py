"""A question before a change that looks wrong or touches many rows: says why, takes a note.

Closes with the note typed (``""`` for none) when the curator goes ahead, ``None`` when not.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from eventdb.tui.screens_dialogs import CSS, NOTE_PLACEHOLDER, SHORT_BREAKPOINTS


class ConfirmDialog(ModalScreen[str | None]):
    CSS_PATH = CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    VERTICAL_BREAKPOINTS = SHORT_BREAKPOINTS

    def __init__(self, question: str, reasons: list[str], *, note: str = "",
                 go: str = "enter go ahead anyway · esc cancel") -> None:
        super().__init__()
        self.question = question
        self.reasons = reasons
        self.initial_note = note
        self.go = go

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            yield Label(self.question, id="dialog-title")
            with VerticalScroll(id="reasons"):
                for reason in self.reasons:
                    yield Static(Text(f"⚠ {reason}"), classes="reason")
            yield Input(self.initial_note, placeholder=NOTE_PLACEHOLDER, id="note", classes="note")
            yield Label(self.go, id="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    @on(Input.Submitted, "#note")
    def _go(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
