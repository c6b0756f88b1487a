"""The article beside the chronology (``o``): read a row in its article, add and split rows.

The whole text, a sentence a line, every row's evidence highlighted with its date in the margin,
the current row's evidence scrolled into view. On wide terminals the document's rows are listed
beside it. ``j``/``k`` move from row to row and the chronology's cursor follows; ``enter`` goes
back to the chronology on that row. Modes: *read*; *select* (``v``: a span for a row the machine
missed, then a dialog for its headline and date); *split* (``s``: pick the point in the row's
evidence, then a dialog for the two headlines). Database work runs on workers, every change
through the editing service; keys are declared in ``keys.ARTICLE_KEYS``.

The chronology screen opens it through :func:`open_article` and its ``E``/``P`` keys through
:func:`edit_headline` and :func:`edit_participants`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from eventdb.services import browse
from eventdb.services.articles import Article, ArticleRow, article_of_event, read_article
from eventdb.services.curation import ChangeResult
from eventdb.services.editing import Editing, default_headline
from eventdb.tui import keys
from eventdb.tui.dialogs_edit import AddEventDialog, HeadlineDialog, ParticipantsDialog, SplitDialog
from eventdb.tui.format import fit
from eventdb.tui.screens_dialogs import _error_text
from eventdb.tui.widgets_article import ArticleView, Marks, row_date

if TYPE_CHECKING:
    from eventdb.tui.screens_main import ChronologyScreen

CSS = str(Path(__file__).with_name("article.tcss"))
_WORD = re.compile(r"\S+")

HINTS = {
    "read": "j/k rows · J/K sentences · enter go to the row · v select to add a row · s split · "
            "E headline · P participants · u undo · esc close",
    "select": "SELECT  l/h end ± a word · L/H start ± a word · j/k ± a sentence · "
              "enter add a row · esc cancel",
    "split": "SPLIT  h/l move the point · enter split here · esc cancel",
}


def editing_of(screen: ChronologyScreen) -> Editing:
    return Editing(screen.curation.db, screen.curation.curator)


def open_article(screen: ChronologyScreen) -> None:
    """``o`` on the chronology: the article of the row under the cursor."""
    row = screen.view.current
    if row is None:
        screen.notify("No event under the cursor", severity="warning", timeout=3)
        return

    def closed(event_id: int | None) -> None:
        if event_id is not None:
            screen._stale_detail = True  # noqa: SLF001 - it may have been edited meanwhile
            screen.view.reload(event_id=event_id)

    screen.app.push_screen(ArticleScreen(screen, editing_of(screen), row.id), closed)


def edit_headline(screen: ChronologyScreen) -> None:
    """``E`` on the chronology."""
    screen._with_detail(  # noqa: SLF001 - the chronology's own way to open a dialog on its row
        lambda d: screen._open(HeadlineDialog(editing_of(screen), d), d.id))  # noqa: SLF001


def edit_participants(screen: ChronologyScreen) -> None:
    """``P`` on the chronology."""
    screen._with_detail(  # noqa: SLF001
        lambda d: screen._open(ParticipantsDialog(editing_of(screen), d), d.id))  # noqa: SLF001


class ArticleScreen(Screen[int | None]):
    """Closes with the id of the row to put the chronology's cursor on (None: leave it)."""

    BINDINGS = keys.bindings(keys.ARTICLE_KEYS)
    CSS_PATH = CSS
    AUTO_FOCUS = "#article"

    def __init__(self, chronology: ChronologyScreen | None, editing: Editing, event_id: int) -> None:
        super().__init__()
        self.chronology = chronology
        self.editing = editing
        self.event_id = event_id
        self.article: Article | None = None
        self.current: int | None = event_id
        self.caret = 0
        self.mode = "read"
        self.selection: tuple[int, int] | None = None
        self.split_at: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("Reading the article…", id="article-title")
        with Container(id="article-panes"):
            rows = OptionList(id="article-rows")
            rows.can_focus = False
            yield rows
            yield ArticleView(id="article")
        yield Static(HINTS["read"], id="article-hint")

    @property
    def view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    def on_mount(self) -> None:
        self.load(self.event_id)

    # -- reading ---------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load(self, event_id: int | None) -> None:
        """Read the article (of ``event_id`` the first time, then the same document again) and
        make ``event_id`` the current row (the first row when it is gone, e.g. undone)."""
        try:
            with self.editing.db.session() as s:
                if self.article is not None:
                    article = read_article(s, self.article.document_id)
                else:
                    article = article_of_event(s, self.event_id)
        except Exception as exc:  # noqa: BLE001 - a message, never a traceback
            self.app.call_from_thread(self._failed, _error_text(exc))
            return
        self.app.call_from_thread(self._loaded, article, event_id)

    def _failed(self, message: str) -> None:
        self.query_one("#article-title", Static).update(Text(message))
        self.notify(message, severity="error", timeout=6)

    async def _loaded(self, article: Article, focus: int | None) -> None:
        self.article = article
        row = article.row(focus) if focus is not None else None
        row = row or (article.rows[0] if article.rows else None)
        self.current = row.id if row else None
        self.caret = article.sentence_at(row.start) if row else 0
        self.mode, self.selection, self.split_at = "read", None, None
        await self.view.load(article)
        rows = self.query_one("#article-rows", OptionList)
        rows.clear_options()
        rows.add_options([Option(f"{row_date(r)} {fit(r.headline, 46).rstrip()}", id=str(r.id))
                          for r in article.rows])
        self._paint()
        # The lines' heights are known once the painted lines are laid out: a refresh later.
        self.call_after_refresh(self.call_after_refresh, self.view.show_line, self.caret, top=True)

    @property
    def row(self) -> ArticleRow | None:
        return self.article.row(self.current) if self.article and self.current is not None else None

    def _marks(self) -> Marks:
        split = None
        if self.mode == "split" and self.row is not None and self.split_at is not None:
            split = (self.row.start, self.split_at, self.row.end)
        return Marks(self.current, self.caret, self.selection, split)

    def _paint(self, only: set[int] | None = None) -> None:
        article = self.article
        if article is None:
            return
        self.view.paint(self._marks(), only)
        title = Text(no_wrap=True, overflow="ellipsis")
        row = self.row
        if row is not None:
            title.append(f"row {article.rows.index(row) + 1}/{len(article.rows)} · event {row.id}  ")
        title.append(f"{article.document_id} · published {article.published or 'unknown'}  ",
                     style="dim")
        title.append(article.title or "")
        self.query_one("#article-title", Static).update(title)
        self.query_one("#article-hint", Static).update(HINTS[self.mode])
        rows = self.query_one("#article-rows", OptionList)
        if row is not None and rows.option_count:
            rows.highlighted = article.rows.index(row)

    def _move_to(self, row: ArticleRow | None, caret: int | None = None) -> None:
        """Make ``row`` current (and the caret its sentence); the chronology follows."""
        assert self.article is not None
        before = {self.caret, *self._sentences_of(self.row)}
        self.current = row.id if row else None
        self.caret = caret if caret is not None else self.article.sentence_at(row.start) if row else 0
        self._paint(before | {self.caret, *self._sentences_of(row)})
        self.view.show_line(self.caret)
        if row is not None:
            self._follow(row.id)

    def _sentences_of(self, row: ArticleRow | None) -> set[int]:
        if row is None or self.article is None:
            return set()
        return {i for i, s in enumerate(self.article.sentences) if row.id in s.rows}

    @work(thread=True, exclusive=True, group="follow", exit_on_error=False)
    def _follow(self, event_id: int) -> None:
        """Put the chronology's cursor on the row (when its filter shows it)."""
        chronology = self.chronology
        if chronology is None:
            return
        try:
            with chronology.source.db.session() as s:
                index = browse.position_of(s, chronology.source.filters, event_id)
        except Exception:  # noqa: BLE001 - the chronology reports database problems itself
            return
        if index is not None:
            self.app.call_from_thread(chronology.view.set_cursor, index, center=True)

    @on(OptionList.OptionSelected, "#article-rows")
    def _row_clicked(self, event: OptionList.OptionSelected) -> None:
        if self.mode == "read" and self.article is not None and event.option.id:
            self._move_to(self.article.row(int(event.option.id)))

    # -- keys ------------------------------------------------------------------------------------
    def action_down(self) -> None:
        self._step(+1)

    def action_up(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        article = self.article
        if article is None:
            return
        if self.mode == "select":
            self._extend_by_sentence(direction)
            return
        if self.mode != "read" or not article.rows:
            return
        row = self.row
        if row is None:  # from the caret's sentence to the nearest row that way
            offset = article.sentences[self.caret].start if article.sentences else 0
            ahead = [r for r in article.rows
                     if (r.start >= offset if direction > 0 else r.start < offset)]
            target = (ahead[0] if direction > 0 else ahead[-1]) if ahead else None
        else:
            i = article.rows.index(row) + direction
            target = article.rows[i] if 0 <= i < len(article.rows) else None
        if target is not None:
            self._move_to(target)

    def action_next_sentence(self) -> None:
        self._sentence(+1)

    def action_previous_sentence(self) -> None:
        self._sentence(-1)

    def _sentence(self, direction: int) -> None:
        article = self.article
        if article is None:
            return
        if self.mode == "select":
            self._extend_by_sentence(direction)
            return
        if self.mode != "read":
            return
        caret = min(max(self.caret + direction, 0), len(article.sentences) - 1)
        ids = article.sentences[caret].rows if article.sentences else []
        self._move_to(article.row(ids[0]) if ids else None, caret)

    def action_enter(self) -> None:
        if self.mode == "select":
            self._add()
        elif self.mode == "split":
            self._split()
        elif self.row is not None:
            self.dismiss(self.row.id)
        else:
            self.notify("No row in this sentence: v selects text to add one", timeout=3)

    def action_back(self) -> None:
        if self.mode != "read":
            self._read_mode()
        else:
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(self.current)

    def _read_mode(self) -> None:
        self.mode, self.selection, self.split_at = "read", None, None
        self._paint()

    # -- select: a row the machine missed --------------------------------------------------------
    def action_select(self) -> None:
        article = self.article
        if article is None or not article.sentences:
            return
        if self.mode == "select":
            self._read_mode()
            return
        sentence = article.sentences[self.caret]
        self.mode, self.split_at = "select", None
        self.selection = (sentence.start, sentence.end)
        self._paint()

    def _words(self) -> list[tuple[int, int]]:
        assert self.article is not None
        return [(m.start(), m.end()) for m in _WORD.finditer(self.article.text)]

    def action_right(self) -> None:
        self._nudge(+1, end=True)

    def action_left(self) -> None:
        self._nudge(-1, end=True)

    def action_start_right(self) -> None:
        self._nudge(+1, end=False)

    def action_start_left(self) -> None:
        self._nudge(-1, end=False)

    def _nudge(self, direction: int, *, end: bool) -> None:
        if self.mode == "split":
            if end:
                self._move_split(direction)
            return
        if self.mode != "select" or self.selection is None:
            return
        start, stop = self.selection
        words = self._words()
        if end:
            ends = [b for _, b in words if (b > stop if direction > 0 else start < b < stop)]
            if ends:
                stop = ends[0] if direction > 0 else ends[-1]
        else:
            starts = [a for a, _ in words if (start < a < stop if direction > 0 else a < start)]
            if starts:
                start = starts[0] if direction > 0 else starts[-1]
        self._select(start, stop)

    def _extend_by_sentence(self, direction: int) -> None:
        assert self.article is not None and self.selection is not None
        start, stop = self.selection
        ends = [s.end for s in self.article.sentences]
        later = [e for e in ends if (e > stop if direction > 0 else start < e < stop)]
        if later:
            self._select(start, later[0] if direction > 0 else later[-1])

    def _select(self, start: int, stop: int) -> None:
        assert self.article is not None
        self.selection = (start, stop)
        self.caret = self.article.sentence_at(stop - 1)
        self._paint()
        self.view.show_line(self.caret)

    def _add(self) -> None:
        article = self.article
        if article is None or self.selection is None:
            return
        start, stop = self.selection
        text = article.text
        same = [r for r in article.rows if r.id in article.sentences[article.sentence_at(start)].rows]
        dialog = AddEventDialog(self.editing, article.document_id, (start, stop), text[start:stop],
                                default_headline(text, start, stop),
                                same[0].value or "" if same else "")
        self.app.push_screen(dialog, self._changed)

    # -- split -----------------------------------------------------------------------------------
    def _split_points(self, row: ArticleRow) -> list[int]:
        return [a for a, _ in self._words() if row.start < a < row.end]

    def action_split(self) -> None:
        row = self.row
        if self.mode == "split":
            self._read_mode()
            return
        if row is None:
            self.notify("Put the caret on a row to split it (j/k)", severity="warning", timeout=3)
            return
        points = self._split_points(row)
        if not points:
            self.notify("This row is one word: nothing to split", severity="warning", timeout=3)
            return
        middle = (row.start + row.end) // 2
        self.mode, self.selection = "split", None
        self.split_at = min(points, key=lambda p: abs(p - middle))
        self._paint()

    def _move_split(self, direction: int) -> None:
        row = self.row
        if row is None or self.split_at is None:
            return
        points = self._split_points(row)
        i = points.index(self.split_at) + direction if self.split_at in points else 0
        if 0 <= i < len(points):
            self.split_at = points[i]
            self._paint(self._sentences_of(row))

    @work(thread=True, exclusive=True, group="split", exit_on_error=False)
    def _split(self) -> None:
        row, at, article = self.row, self.split_at, self.article
        if row is None or at is None or article is None:
            return
        try:
            preview = self.editing.preview_split(row.id, at=at)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.notify, _error_text(exc), severity="error")
            return
        dialog = SplitDialog(self.editing, row.id, row.version, at, preview, article.text)
        self.app.call_from_thread(self.app.push_screen, dialog, self._changed)

    # -- edits of the current row ----------------------------------------------------------------
    def action_edit_headline(self) -> None:
        self._with_detail(HeadlineDialog)

    def action_edit_participants(self) -> None:
        self._with_detail(ParticipantsDialog)

    @work(thread=True, group="detail", exit_on_error=False)
    def _with_detail(self, dialog_class) -> None:  # noqa: ANN001
        if self.current is None:
            self.app.call_from_thread(self.notify, "No row here", severity="warning", timeout=3)
            return
        try:
            detail = self.editing.event_detail(self.current)
        except Exception as exc:  # noqa: BLE001
            self.app.call_from_thread(self.notify, _error_text(exc), severity="error")
            return
        self.app.call_from_thread(self.app.push_screen, dialog_class(self.editing, detail),
                                  self._changed)

    @work(thread=True, group="undo", exit_on_error=False)
    def action_undo(self) -> None:
        try:
            result = self.editing.undo()
        except Exception as exc:  # noqa: BLE001 - a refused undo is a message
            self.app.call_from_thread(self.notify, _error_text(exc), severity="error", timeout=6)
            return
        if result is None:
            self.app.call_from_thread(self.notify, "Nothing to undo", timeout=3)
            return
        self.app.call_from_thread(self._changed, result)

    def _changed(self, result: ChangeResult | None) -> None:
        """After a saved change: show it here (on its first row) and in the chronology."""
        if result is None:
            return
        focus = next(iter(result.event_ids), self.current)
        if self.chronology is not None:
            self.chronology.after_change(result, focus)
        else:
            self.notify(result.summary, title="Saved", timeout=4)
        self.load(focus)
