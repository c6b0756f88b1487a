"""Dialogs for row edits: add a row, split one, its headline, its participants (and who a
participant is: rename, merge into another, its kind).

Like the curation dialogs (``screens_dialogs.Dialog``) they save through the service on a worker
and close with its ChangeResult; a refused edit keeps the dialog open with a one-line reason.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from eventdb.db.models import ROLES
from eventdb.db.vocab import PARTICIPANT_KINDS
from eventdb.services.curation import ChangeResult, EventDetail
from eventdb.services.editing import Editing, SplitPreview, one_line
from eventdb.tui.screens_dialogs import Dialog, _error_text, _resolved_words, show_verdict


def _excerpt(text: str) -> Text:
    return Text("“" + one_line(text) + "”", no_wrap=True, overflow="ellipsis")


class EditDialog(Dialog):
    """A dialog that scrolls when the terminal is too short for it (80x24)."""

    DEFAULT_CSS = """
    EditDialog #dialog {
        overflow-y: auto;
    }
    """


class AddEventDialog(EditDialog):
    """From the article: the selected span becomes a row, with a headline, a date and a note."""

    TITLE_TEXT = "Add a row"
    HINT = "tab next field · enter save · esc cancel"

    def __init__(self, editing: Editing, document_id: str, span: tuple[int, int], evidence: str,
                 headline: str, date: str = "") -> None:
        super().__init__(editing)
        self.editing = editing
        self.document_id = document_id
        self.span = span
        self.evidence = evidence
        self.headline = headline
        self.date = date

    def body(self) -> ComposeResult:
        yield Static(_excerpt(self.evidence), classes="dim")
        yield Label("Headline", classes="section")
        yield Input(self.headline, id="add-headline")
        yield Label("Date", classes="section")
        yield Input(self.date, placeholder="2014-06-24 · 2014-06 · Thursday · the day before",
                    id="add-date", select_on_focus=True)
        yield Static("", id="preview")
        yield Input(placeholder="note: why (optional)", id="add-note")

    def on_mount(self) -> None:
        self.query_one("#add-date", Input).focus()
        self._preview(self.date)

    @on(Input.Changed, "#add-date")
    def _date_changed(self, event: Input.Changed) -> None:
        if not self.saving:
            self.say("")
        self._preview(event.value)

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _preview(self, text: str) -> None:
        try:
            message, ok = _resolved_words(self.editing.preview_added_date(self.document_id, text)), True
        except Exception as exc:  # noqa: BLE001 - shown as the reason
            message, ok = _error_text(exc), False
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(
                lambda: show_verdict(self.query_one("#preview", Static), message, ok))

    @on(Input.Submitted)
    def _submit(self) -> None:
        self.save(self.editing.add_event, self.document_id, self.query_one("#add-date", Input).value,
                  span=self.span, headline=self.query_one("#add-headline", Input).value,
                  note=self.query_one("#add-note", Input).value.strip() or None)


class SplitDialog(EditDialog):
    """From the article: a row becomes two at the chosen point; each part gets a headline."""

    TITLE_TEXT = "Split the row"
    HINT = "tab next field · enter split · esc cancel"

    def __init__(self, editing: Editing, event_id: int, version: int, at: int,
                 preview: SplitPreview, text: str) -> None:
        super().__init__(editing)
        self.editing = editing
        self.event_id = event_id
        self.version = version
        self.at = at
        self.preview = preview
        self.text = text

    def body(self) -> ComposeResult:
        p = self.preview
        yield Label("First part (keeps the id)", classes="section")
        yield Static(_excerpt(self.text[slice(*p.first)]), classes="dim")
        yield Input(p.first_headline, id="split-first")
        yield Label("Second part (a new row: same date and participants)", classes="section")
        yield Static(_excerpt(self.text[slice(*p.second)]), classes="dim")
        yield Input(p.second_headline, id="split-second")
        yield Input(placeholder="note: why (optional)", id="split-note")

    def on_mount(self) -> None:
        self.query_one("#dialog-title", Label).update(f"Split event {self.event_id}")
        self.query_one("#split-first", Input).focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        self.save(self.editing.split_event, self.event_id, at=self.at,
                  headlines=(self.query_one("#split-first", Input).value,
                             self.query_one("#split-second", Input).value),
                  note=self.query_one("#split-note", Input).value.strip() or None,
                  version=self.version)


class HeadlineDialog(EditDialog):
    """``E``: the row's headline."""

    TITLE_TEXT = "Edit the headline"

    def __init__(self, editing: Editing, detail: EventDetail) -> None:
        super().__init__(editing)
        self.editing = editing
        self.detail = detail

    def body(self) -> ComposeResult:
        yield Static(_excerpt(self.detail.sentence), classes="dim")
        yield Input(self.detail.headline, id="headline-input", select_on_focus=True)

    def on_mount(self) -> None:
        self.query_one("#dialog-title", Label).update(f"Headline of event {self.detail.id}")
        self.query_one("#headline-input", Input).focus()

    @on(Input.Submitted, "#headline-input")
    def _submit(self, event: Input.Submitted) -> None:
        self.save(self.editing.set_headline, self.detail.id, event.value,
                  version=self.detail.version)


class ParticipantsDialog(EditDialog):
    """``P``: who takes part. Type a name to add it; on the list, enter gives the chosen role,
    d (or delete) removes, s splits the name as this event writes it off the participant (two
    entities the machine joined); r renames the participant, m merges it into another, k says
    what kind of entity it is (these change it in every article)."""

    TITLE_TEXT = "Participants"
    HINT = "type a name + enter: add · tab: role, then the list · esc cancel"
    BINDINGS = [*Dialog.BINDINGS, Binding("delete", "remove", "Remove", show=False)]

    def __init__(self, editing: Editing, detail: EventDetail) -> None:
        super().__init__(editing)
        self.editing = editing
        self.detail = detail
        self.names = list(dict.fromkeys(name for name, _, _ in detail.participants))
        self.roles = {name: role for name, _, role in reversed(detail.participants)}
        self.kinds = {name: kind for name, kind, _ in detail.participants}

    def body(self) -> ComposeResult:
        yield Static(Text(self.detail.headline, overflow="ellipsis", no_wrap=True), classes="context")
        yield Input(placeholder="add: a name or alias (a new name makes a new participant)",
                    id="participant-name")
        with Horizontal(id="relation-row"):
            with RadioSet(id="role"):
                for i, role in enumerate(ROLES):
                    yield RadioButton(role, value=i == 0, name=role)
        if self.names:
            yield Label("enter: role · d remove · s split off · r rename · m merge into · k kind",
                        classes="section")
            yield OptionList(*[Option(f"{n}  ·  {self.roles[n]}  ·  {self.kinds[n]}", id=str(i))
                               for i, n in enumerate(self.names)], id="participants")
        else:
            yield Static("no participants yet", classes="dim")

    def on_mount(self) -> None:
        self.query_one("#dialog-title", Label).update(f"Participants of event {self.detail.id}")
        self.query_one("#participant-name", Input).focus()

    def _role(self) -> str:
        pressed = self.query_one("#role", RadioSet).pressed_button
        return (pressed.name if pressed is not None else None) or ROLES[0]

    def _picked(self) -> str | None:
        if not self.names:
            return None
        option = self.query_one("#participants", OptionList).highlighted_option
        return self.names[int(option.id)] if option is not None and option.id else None

    @on(Input.Submitted, "#participant-name")
    def _add(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.say("type a name to add, or pick one on the list")
            return
        self.save(self.editing.add_participant, self.detail.id, event.value, role=self._role())

    @on(OptionList.OptionSelected, "#participants")
    def _set_role(self) -> None:
        name = self._picked()
        if name is not None:
            self.save(self.editing.set_role, self.detail.id, name, self._role())

    def on_key(self, event) -> None:  # noqa: ANN001
        if event.key in ("d", "s", "r", "m", "k") and self.names and \
                self.query_one("#participants", OptionList).has_focus:
            event.stop()
            if event.key in ("d", "s"):
                self.action_remove() if event.key == "d" else self.action_split()
            else:
                self.action_identity({"r": "rename", "m": "merge", "k": "kind"}[event.key])

    def action_identity(self, mode: str) -> None:
        """Rename, merge or give a kind to the picked participant, in a dialog of its own; its
        change closes this dialog too (the chronology shows it, ``u`` undoes it)."""
        name = self._picked()
        if name is None:
            self.say(f"pick a participant on the list to {mode}")
            return

        def done(result: ChangeResult | None) -> None:
            if result is not None:
                self.dismiss(result)

        self.app.push_screen(ParticipantIdentityDialog(self.editing, name, self.kinds[name], mode), done)

    def action_split(self) -> None:
        """The name this event writes the picked participant with is another entity."""
        name = self._picked()
        if name is None:
            self.say("pick a participant on the list to split")
            return
        self.save(self.editing.split_from_event, self.detail.id, name)

    def action_remove(self) -> None:
        name = self._picked()
        if name is None:
            self.say("pick a participant on the list to remove")
            return
        self.save(self.editing.remove_participant, self.detail.id, name)


class ParticipantIdentityDialog(EditDialog):
    """Who a participant is, in every article: its name (``rename``), the participant it is
    the same entity as (``merge``: it becomes an alias of that one), or its ``kind``."""

    HINTS = {"rename": "enter rename · esc cancel", "merge": "enter merge · esc cancel",
             "kind": "↑↓ choose · enter save · esc cancel"}

    def __init__(self, editing: Editing, name: str, kind: str, mode: str) -> None:
        super().__init__(editing)
        self.editing = editing
        self.name_ = name
        self.kind = kind
        self.mode = mode
        self.HINT = self.HINTS[mode]

    def body(self) -> ComposeResult:
        if self.mode == "kind":
            yield OptionList(*[Option(f"{k}  (now)" if k == self.kind else k, id=k) for k in PARTICIPANT_KINDS],
                             id="kind")
        elif self.mode == "rename":
            yield Input(self.name_, id="identity-name", select_on_focus=True)
        else:
            yield Input(placeholder="the participant it is (a name or an alias)", id="identity-name")

    def on_mount(self) -> None:
        title = {"rename": f"Rename {self.name_}", "merge": f"Merge {self.name_} into",
                 "kind": f"What kind of entity {self.name_} is"}[self.mode]
        self.query_one("#dialog-title", Label).update(title)
        if self.mode == "kind":
            kinds = self.query_one("#kind", OptionList)
            kinds.highlighted = PARTICIPANT_KINDS.index(self.kind) if self.kind in PARTICIPANT_KINDS else 0
            kinds.focus()
            self.call_after_refresh(kinds.scroll_to_highlight)
        else:
            self.query_one("#identity-name", Input).focus()

    @on(Input.Submitted, "#identity-name")
    def _submit(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.say("type a name")
        elif self.mode == "rename":
            self.save(self.editing.rename_participant, self.name_, value)
        else:
            self.save(self.editing.merge_participants, [value, self.name_])

    @on(OptionList.OptionSelected, "#kind")
    def _kind_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == self.kind:
            self.say(f"{self.name_} is already of kind {self.kind}: choose another, or esc")
        elif event.option.id:
            self.save(self.editing.set_participant_kind, self.name_, event.option.id)
