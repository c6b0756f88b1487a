"""The article pane: the whole text, a sentence a line, each row's evidence highlighted and the
dates of its rows in a margin; the current row, the caret, a selection or a split point marked.

One widget per sentence, so that the current row can be scrolled to and a move repaints little.
Pure display: the article screen owns the state and calls :meth:`ArticleView.paint`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from eventdb.services.articles import Article, ArticleRow
from eventdb.tui.format import STATUSES, fit, format_date

MARGIN = 14  # cells: "?>2014-06-26 ✓"


@dataclass(slots=True)
class Marks:
    """What to mark besides the evidence: the current row, the caret, a selection, a split."""

    current: int | None = None
    caret: int = 0  # sentence index
    selection: tuple[int, int] | None = None
    split: tuple[int, int, int] | None = None  # (row start, split point, row end)


def row_date(row: ArticleRow) -> str:
    symbol = STATUSES.get(row.status, ("·", ""))[0]
    shown = format_date(row.value, row.precision, row.mod, row.edtf, row.earliest, row.confidence)
    return f"{fit(shown.strip(), MARGIN - 2)} {symbol}"


class SentenceLine(Static):
    """One sentence of the article, with its margin."""

    def __init__(self, index: int, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.index = index


class ArticleView(VerticalScroll, can_focus=True, inherit_bindings=False):
    # The arrows belong to the article screen (rows, selection, split point), not to scrolling.
    BINDINGS = [
        Binding("pageup", "page_up", show=False), Binding("pagedown", "page_down", show=False),
        Binding("home", "scroll_home", show=False), Binding("end", "scroll_end", show=False),
    ]
    COMPONENT_CLASSES = {
        "article--evidence", "article--current", "article--selection", "article--second",
        "article--caret", "article--margin", "article--margin-current",
    }

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.lines: list[SentenceLine] = []

    def _s(self, name: str) -> Style:
        return self.get_component_rich_style(f"article--{name}", partial=True)

    async def load(self, article: Article) -> None:
        """Build a line per sentence (a new article, or the same one re-read after a change)."""
        self.article = article
        await self.remove_children()
        self.lines = [SentenceLine(i, classes="sentence" + (" paragraph" if s.paragraph and i else ""))
                      for i, s in enumerate(article.sentences)]
        await self.mount_all(self.lines)

    def paint(self, marks: Marks, only: set[int] | None = None) -> None:
        """Render every line (or the sentences in ``only``) with ``marks``."""
        if self.article is None:
            return
        for line in self.lines:
            if only is None or line.index in only:
                line.update(self.render_sentence(line.index, marks))

    def render_sentence(self, index: int, marks: Marks) -> Table:
        article = self.article
        assert article is not None
        sentence = article.sentences[index]
        a, b = sentence.start, sentence.end
        text = Text(article.text[a:b].replace("\xa0", " "))
        rows = [r for r in article.rows if r.id in sentence.rows]

        def span(start: int, end: int, style: Style) -> None:
            lo, hi = max(start, a), min(end, b)
            if lo < hi:
                text.stylize(style, lo - a, hi - a)

        for r in rows:
            span(r.start, r.end, self._s("evidence"))
        current = next((r for r in rows if r.id == marks.current), None)
        if current is not None and marks.split is None:
            span(current.start, current.end, self._s("current"))
        if marks.split is not None:
            start, at, end = marks.split
            span(start, at, self._s("current"))
            span(at, end, self._s("second"))
        if marks.selection is not None:
            span(*marks.selection, self._s("selection"))
        margin = Text(no_wrap=True, overflow="ellipsis")
        dates = []
        for r in rows:
            if a <= r.start < b or r.start < a and index == 0:
                label = row_date(r)
                if label not in dates or r.id == marks.current:
                    dates.append(label)
                    style = "margin-current" if r.id == marks.current else "margin"
                    margin.append(("\n" if len(margin) else "") + label, style=self._s(style))
        if index == marks.caret and current is None and marks.selection is None:
            margin.append(("\n" if len(margin) else "") + "▸", style=self._s("caret"))
        grid = Table.grid(expand=True, padding=(0, 1, 0, 0))
        grid.add_column(width=MARGIN, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(margin, text)
        return grid

    def show_line(self, index: int, *, top: bool = False) -> None:
        if 0 <= index < len(self.lines):
            self.scroll_to_widget(self.lines[index], animate=False, top=top)
