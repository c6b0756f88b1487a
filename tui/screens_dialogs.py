"""Dialogs for curating: edit a date, re-anchor, set a publication date, merge, jump to a date.

Each dialog does its work through the curation service on a worker thread and closes with the
service's :class:`ChangeResult` (or ``None`` when cancelled). A refused change keeps the dialog
open with what the curator typed and a one-line reason; a conflict with another curator's edit
names the current value and who set it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from eventdb.errors import ConflictError, EventdbError
from eventdb.services.candidates import Brief
from eventdb.services.curation import (
    PUBLISHED, ChangeResult, Curation, EventDetail, anchor_phrase,
)
from eventdb.temporal.wording import date_words, words_of
from eventdb.tui.format import STATUSES, format_date, long_date

STATUS_WORDS = {k: v[1] for k, v in STATUSES.items()}

CSS = str(Path(__file__).with_name("dialogs.tcss"))


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, EventdbError):
        return str(exc)
    from eventdb.db.engine import describe_db_error

    return describe_db_error(exc)


def show_verdict(preview: Static, text: str, ok: bool) -> None:
    """A dialog's preview line: what the input will do (→ ...) or why it cannot (✗ ...)."""
    preview.set_classes("valid" if ok else "invalid")
    preview.update(Text(f"→ {text}" if ok else f"✗ {text}"))


def _resolved_words(resolved) -> str:  # noqa: ANN001 - eventdb.temporal.Resolved
    """A date in the words a curator reads, with the days it covers (never TIMEX3 notation)."""
    return long_date(resolved.value, resolved.precision, resolved.earliest, resolved.latest,
                     resolved.mod, resolved.edtf)


NOTE_PLACEHOLDER = "note (optional): why, your source · shown in history and exports"

#: Dialogs lay themselves out tighter on short terminals (80×24): see dialogs.tcss.
SHORT_BREAKPOINTS = [(0, "-short"), (32, "-tall")]


def note_input() -> Input:
    """The note field every correction dialog has (the CLI's ``--note``)."""
    return Input(placeholder=NOTE_PLACEHOLDER, id="note", classes="note")


class Dialog(ModalScreen[ChangeResult | None]):
    """A centred box with a title, a body, a message line and a line of keys."""

    CSS_PATH = CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    VERTICAL_BREAKPOINTS = SHORT_BREAKPOINTS
    TITLE_TEXT = ""
    HINT = "enter save · esc cancel"

    @property
    def note(self) -> str | None:
        """What the curator typed in the note field (None when empty or absent)."""
        found = self.query("#note")
        text = found.first(Input).value.strip() if found else ""
        return text or None

    def __init__(self, curation: Curation) -> None:
        super().__init__()
        self.curation = curation
        self.saving = False
        #: Called on the worker thread right after a save (the screen reads the changed rows
        #: there, so the dialog closes and the new values appear in the same frame).
        self.prefetch: Callable[[ChangeResult], object] | None = None
        self.prefetched: object = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.TITLE_TEXT, id="dialog-title")
            yield from self.body()
            yield Static("", id="dialog-message")
            yield Label(self.HINT, id="dialog-hint")

    def body(self) -> ComposeResult:
        yield from ()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def say(self, message: str, kind: str = "error") -> None:
        widget = self.query_one("#dialog-message", Static)
        widget.set_classes(kind)
        widget.update(message)

    # -- saving ----------------------------------------------------------------------------------
    def save(self, call, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        """Run ``call(*args, **kwargs)`` on a worker; close with its result, or say why not."""
        if self.saving:
            return
        self.saving = True
        self.say("saving…", "info")
        self._save(call, args, kwargs)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save(self, call, args, kwargs) -> None:  # noqa: ANN001
        try:
            result = call(*args, **kwargs)
        except ConflictError as exc:
            self.app.call_from_thread(self.on_conflict, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the curator, never a traceback
            self.app.call_from_thread(self._refused, _error_text(exc))
            return
        extra = None
        if self.prefetch is not None:
            try:
                extra = self.prefetch(result)
            except Exception:  # noqa: BLE001 - saved all the same; the reload will show it
                extra = None
        self.app.call_from_thread(self._saved, result, extra)

    def _saved(self, result: ChangeResult, extra: object) -> None:
        self.prefetched = extra
        self.dismiss(result)

    def _refused(self, message: str) -> None:
        self.saving = False
        self.say(message, "error")

    def on_conflict(self, message: str) -> None:
        self._refused(message)


class EditDateDialog(Dialog):
    """``e``: type a date (ISO, EDTF, TIMEX3) or words resolved against the event's anchor."""

    TITLE_TEXT = "Edit the date"
    HINT = "enter save · tab alternatives, note · esc cancel"

    def __init__(self, curation: Curation, detail: EventDetail, initial: str | None = None,
                 *, event_ids: list[int] | None = None) -> None:
        super().__init__(curation)
        self.detail = detail
        self.version = detail.version
        self.initial = initial if initial is not None else (detail.value or "")
        #: With a selection: every selected event takes the date (one change, one undo).
        self.event_ids = event_ids if event_ids and len(event_ids) > 1 else None

    def body(self) -> ComposeResult:
        d = self.detail
        if self.event_ids:
            yield Static(f"{len(self.event_ids):,} selected events: words resolve against each "
                         "event's own anchor; the preview is for the event under the cursor",
                         classes="context bulk")
        yield Static(Text(d.headline, overflow="ellipsis", no_wrap=True), classes="context")
        now = format_date(d.value, d.precision, d.mod, d.edtf, d.earliest, d.confidence,
                          d.latest, width=None).strip()
        yield Static(Text(f"now {now} ({STATUS_WORDS.get(d.status, d.status)}) · {d.explanation}",
                          overflow="ellipsis", no_wrap=True), classes="dim")
        yield Input(self.initial, placeholder="2014-06-24 · 2014-06? · before 1980 · circa 1990 · "
                    "the day before",
                    id="date-input", select_on_focus=True)
        yield Static("", id="preview")
        if d.alternatives:
            yield Label("You might mean", classes="section")
            yield OptionList(*[
                Option(f"{words_of(a.resolved):<18} {a.label}", id=str(i))
                for i, a in enumerate(d.alternatives)
            ], id="alternatives")
        yield note_input()

    def on_mount(self) -> None:
        self.query_one("#dialog-title", Label).update(
            f"Set the date of {len(self.event_ids):,} selected events" if self.event_ids
            else f"Edit the date of event {self.detail.id}")
        self.query_one("#date-input", Input).focus()
        self.preview(self.initial)

    @on(Input.Changed, "#date-input")
    def _changed(self, event: Input.Changed) -> None:
        if not self.saving:
            self.say("")
        self.preview(event.value)

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def preview(self, text: str) -> None:
        if not text.strip():
            self.app.call_from_thread(self._show_preview, None, "type a date or words like "
                                      "'the day before'")
            return
        try:
            resolved = self.curation.preview_date(self.detail.id, text)
        except Exception as exc:  # noqa: BLE001
            message = _error_text(exc)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._show_preview, None, message)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_preview, resolved, None)

    def _show_preview(self, resolved, error: str | None) -> None:  # noqa: ANN001
        show_verdict(self.query_one("#preview", Static), error or _resolved_words(resolved),
                     not error)

    @on(OptionList.OptionSelected, "#alternatives")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        alt = self.detail.alternatives[int(event.option.id or 0)]
        field = self.query_one("#date-input", Input)
        field.value = alt.value
        field.focus()

    @on(Input.Submitted, "#date-input")
    @on(Input.Submitted, "#note")
    def _submit(self) -> None:
        value = self.query_one("#date-input", Input).value
        if self.event_ids:
            self.save(self.curation.set_dates, self.event_ids, value, note=self.note)
        else:
            self.save(self.curation.set_date, self.detail.id, value, note=self.note,
                      version=self.version)

    def on_conflict(self, message: str) -> None:
        # Keep what the curator typed; the next enter replaces the other curator's value knowingly.
        self._reread()
        self._refused(message + " · press enter again to save yours anyway")

    @work(thread=True, exit_on_error=False)
    def _reread(self) -> None:
        try:
            fresh = self.curation.event_detail(self.detail.id)
        except Exception:  # noqa: BLE001
            return
        self.version = fresh.version


class PublishedDialog(Dialog):
    """``p``: the document's publication date (or ``unknown``); its relative dates re-resolve."""

    TITLE_TEXT = "Set the publication date"
    HINT = "enter save · esc cancel · type unknown to unset"

    def __init__(self, curation: Curation, document_id: str, title: str | None,
                 current: str | None, version: int | None) -> None:
        super().__init__(curation)
        self.document_id = document_id
        self.doc_title = title
        self.current = current
        self.version = version

    def body(self) -> ComposeResult:
        yield Static(Text(self.doc_title or self.document_id, overflow="ellipsis", no_wrap=True),
                     classes="context")
        yield Static(f"{self.document_id} · published {self.current or 'unknown'}", classes="dim",
                     markup=False)
        yield Input(self.current or "", placeholder="2014-06-27", id="published-input")
        yield Static("", id="preview")
        yield note_input()

    def on_mount(self) -> None:
        self.query_one("#published-input", Input).focus()
        self._preview(self.current or "")

    @on(Input.Changed, "#published-input")
    def _changed(self, event: Input.Changed) -> None:
        if not self.saving:
            self.say("")
        self._preview(event.value)

    def _preview(self, text: str) -> None:
        preview = self.query_one("#preview", Static)
        value = text.strip()
        if value.lower() in ("", "unknown", "none"):
            preview.set_classes("valid")
            preview.update("→ unknown: the document's relative dates stay unresolved")
            return
        from eventdb.temporal import TemporalError, parse_value

        try:
            resolved = parse_value(value)
        except TemporalError as exc:
            preview.set_classes("invalid")
            preview.update(Text(f"✗ {exc}"))
            return
        if not resolved.is_resolved or resolved.earliest is None:
            preview.set_classes("invalid")
            preview.update(Text("✗ a publication date must be a calendar date"))
            return
        preview.set_classes("valid")
        preview.update(Text(f"→ {_resolved_words(resolved)}"))

    @on(Input.Submitted, "#published-input")
    @on(Input.Submitted, "#note")
    def _submit(self) -> None:
        value = self.query_one("#published-input", Input).value
        self.save(self.curation.set_published, self.document_id, value.strip() or None,
                  note=self.note, version=self.version)


class ReanchorDialog(Dialog):
    """``a``: date the event from the publication or from another event of its document."""

    TITLE_TEXT = "Re-anchor"
    HINT = "↑↓ pick the anchor · enter save · tab relation/offset · esc cancel"

    RELATIONS = ("ON", "BEFORE", "AFTER")

    def __init__(self, curation: Curation, detail: EventDetail, candidates: list[Brief]) -> None:
        super().__init__(curation)
        self.detail = detail
        self.candidates = [c for c in candidates if c.id != detail.id]

    def body(self) -> ComposeResult:
        d = self.detail
        yield Static(Text(d.headline, overflow="ellipsis", no_wrap=True), classes="context")
        yield Static(Text(f"now {d.explanation}", overflow="ellipsis", no_wrap=True), classes="dim")
        yield Label("Date it from", classes="section")
        options = [Option(f"the publication date ({self.detail.published or 'unknown'})",
                          id=PUBLISHED)]
        options += [Option(Text(f"event {c.id:<6} {(c.value or '?'):<11} {c.headline}",
                                no_wrap=True, overflow="ellipsis"), id=str(c.id))
                    for c in self.candidates]
        yield OptionList(*options, id="targets")
        with Horizontal(id="relation-row"):
            with RadioSet(id="relation"):
                for i, rel in enumerate(self.RELATIONS):
                    yield RadioButton(rel.lower(), value=i == 0, name=rel)
            yield Input(placeholder="offset: 2 days, -1 week, P3D (optional)", id="offset")
        yield Static("", id="preview")
        yield note_input()

    def on_mount(self) -> None:
        self.query_one("#dialog-title", Label).update(f"Re-anchor event {self.detail.id}")
        self.query_one("#targets", OptionList).focus()
        self._update_preview()

    def _target(self) -> str | None:
        option = self.query_one("#targets", OptionList).highlighted_option
        return option.id if option is not None else None

    def _relation(self) -> str:
        pressed = self.query_one("#relation", RadioSet).pressed_button
        return (pressed.name if pressed is not None else None) or "ON"

    @on(OptionList.OptionHighlighted, "#targets")
    @on(RadioSet.Changed)
    @on(Input.Changed, "#offset")
    def _update_preview(self) -> None:
        target = self._target()
        if target is None:
            return
        if target == PUBLISHED:
            words = f"the publication date ({self.detail.published or 'unknown'})"
        else:
            brief = next((c for c in self.candidates if str(c.id) == target), None)
            words = f"event {target}" + (f" ({brief.value or 'unresolved'})" if brief else "")
        offset = self.query_one("#offset", Input).value.strip()
        try:
            _, _, offset_words = Curation._anchor_rule(self._relation(), offset or None)  # noqa: SLF001
        except EventdbError as exc:
            show_verdict(self.query_one("#preview", Static), str(exc), False)
            return
        text = f"→ dated {anchor_phrase(self._relation(), offset_words, words)}"
        self.query_one("#preview", Static).update(Text(text))
        to: int | str = target if target == PUBLISHED else int(target)
        self._resulting_date(text, to, self._relation(), offset or None)

    @work(thread=True, exclusive=True, group="preview", exit_on_error=False)
    def _resulting_date(self, words: str, to: int | str, relation: str, offset: str | None) -> None:
        """The date the event would get, read off the service (a worker: it reads the database)."""
        try:
            resolved = self.curation.preview_reanchor(self.detail.id, to, relation=relation,
                                                      offset=offset)
        except Exception as exc:  # noqa: BLE001 - shown as the reason, like the edit dialog
            message, ok = _error_text(exc), False
        else:
            dated = _resolved_words(resolved) if resolved else "unresolved"
            message, ok = f"{words.removeprefix('→ ')}: {dated}", True
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(  # the DOM is touched on the UI thread only
                lambda: show_verdict(self.query_one("#preview", Static), message, ok))

    @on(OptionList.OptionSelected, "#targets")
    @on(Input.Submitted, "#offset")
    @on(Input.Submitted, "#note")
    def _submit(self) -> None:
        target = self._target()
        if target is None:
            self.say("pick what to date the event from")
            return
        to: int | str = target if target == PUBLISHED else int(target)
        offset = self.query_one("#offset", Input).value.strip() or None
        self.save(self.curation.reanchor, self.detail.id, to, relation=self._relation(),
                  offset=offset, note=self.note, version=self.detail.version)


class MergeDialog(Dialog):
    """``m``: merge another event into this one (the same real-world event, reported twice).

    Candidates are ranked by likeness (shared participants, close dates, similar words); a merge
    that looks wrong (different articles, dates far apart) asks first and says why.
    """

    TITLE_TEXT = "Merge"
    HINT = "↑↓ pick a likely event, or type an id · enter merge · esc cancel"

    def __init__(self, curation: Curation, detail: EventDetail, candidates: list) -> None:  # noqa: ANN001
        super().__init__(curation)
        self.detail = detail
        self.candidates = [c for c in candidates if c.id != detail.id]

    def body(self) -> ComposeResult:
        yield Static(Text(self.detail.headline, overflow="ellipsis", no_wrap=True),
                     classes="context")
        yield Static(f"event {self.detail.id} keeps its id; the other's mentions and dates join it",
                     classes="dim")
        yield Input(placeholder="event id", id="merge-id", restrict=r"[0-9]*")
        if self.candidates:
            yield Label("Likely the same event", classes="section")
            yield OptionList(*[
                Option(Text.assemble(
                    f"event {c.id:<6} {(c.value or '?'):<11} {c.headline}\n",
                    ("             " + " · ".join([c.document, *getattr(c, "reasons", [])]), "dim"),
                    no_wrap=True, overflow="ellipsis"), id=str(c.id))
                for c in self.candidates
            ], id="candidates")
        else:
            yield Static("no likely event found: type an id", classes="dim")
        yield Static("", id="preview")
        yield note_input()

    def on_mount(self) -> None:
        self.query_one("#dialog-title", Label).update(f"Merge into event {self.detail.id}")
        if self.candidates:
            self.query_one("#candidates", OptionList).focus()
        else:
            self.query_one("#merge-id", Input).focus()

    @on(OptionList.OptionSelected, "#candidates")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self._merge(int(event.option.id or 0))

    @on(Input.Submitted, "#merge-id")
    @on(Input.Submitted, "#note")
    def _typed(self) -> None:
        typed = self.query_one("#merge-id", Input).value.strip()
        if not typed:
            option = self.query("#candidates").first(OptionList).highlighted_option \
                if self.query("#candidates") else None
            if option is None:
                self.say("type the id of the event to merge into this one")
                return
            typed = option.id or ""
        self._merge(int(typed))

    def _merge(self, other: int) -> None:
        if other == self.detail.id:
            self.say("that is this event: an event cannot be merged with itself")
            return
        if not self.saving:
            self._check(other)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _check(self, other: int) -> None:
        """Ask the likeness service whether the merge looks wrong; confirm first if so."""
        from eventdb.services.likeness import merge_warnings

        try:
            with self.curation.db.session() as s:
                warnings = merge_warnings(s, [self.detail.id, other])
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.say, _error_text(exc))
            return
        self.app.call_from_thread(self._checked, other, warnings)

    def _checked(self, other: int, warnings: list[str]) -> None:
        ids = [self.detail.id, other]
        if not warnings:
            self.save(self.curation.merge_events, ids, note=self.note)
            return
        from eventdb.tui.screens_confirm import ConfirmDialog

        def answered(note: str | None) -> None:
            if note is not None:
                self.save(self.curation.merge_events, ids, note=note or self.note)

        self.app.push_screen(ConfirmDialog(
            f"Merge event {other} into event {self.detail.id}?", warnings,
            note=self.note or ""), answered)


def parse_jump(text: str, anchor: date | None = None) -> date:
    """A date to jump to: anything a curator may type as a date (2014-06-26, 2014-06, June 2014,
    2014-W26, circa 1990, last thursday, the day before), words counted from ``anchor`` (the
    event under the cursor; today when None). The first day it may be (an open start: the
    first event)."""
    from eventdb.temporal import TemporalError, dct_resolution
    from eventdb.temporal.curator_input import interpret_input

    text = text.strip()
    if not text:
        raise ValueError("type a date: 2014-06-26, June 2014, 2014 or last thursday")
    try:
        _, resolved = interpret_input(text, dct_resolution(anchor or date.today()))
    except TemporalError as exc:
        raise ValueError(str(exc)) from None
    if resolved.earliest is None and resolved.latest is None:
        raise ValueError(f"{text!r} is not a calendar date")
    return resolved.earliest or date.min


class JumpDialog(ModalScreen[date | None]):
    """``t``: jump to the first event on or after a date."""

    CSS_PATH = CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, anchor: date | None = None) -> None:
        super().__init__()
        #: What words ("the day before", "last thursday") count from: the event under the cursor.
        self.anchor = anchor

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="small"):
            yield Label("Jump to a date", id="dialog-title")
            yield Input(placeholder="2014-06-26 · June 2014 · last thursday", id="jump-input")
            yield Static("", id="preview")
            yield Label("enter jump · esc cancel", id="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#jump-input", Input).focus()

    @on(Input.Changed, "#jump-input")
    def _changed(self, event: Input.Changed) -> None:
        preview = self.query_one("#preview", Static)
        if not event.value.strip():
            preview.update("")
            return
        try:
            day = parse_jump(event.value, self.anchor)
        except ValueError as exc:
            show_verdict(preview, str(exc), False)
        else:
            where = "the first event" if day == date.min else \
                f"the first event on or after {day:%a} {date_words(day.isoformat())}"
            show_verdict(preview, where, True)

    @on(Input.Submitted, "#jump-input")
    def _submit(self, event: Input.Submitted) -> None:
        try:
            day = parse_jump(event.value, self.anchor)
        except ValueError as exc:
            self.query_one("#preview", Static).set_classes("invalid")
            self.query_one("#preview", Static).update(Text(f"✗ {exc}"))
            return
        self.dismiss(day)

    def action_cancel(self) -> None:
        self.dismiss(None)
