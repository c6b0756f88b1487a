"""The density strip: events per day (or week, month…) over the chronology's dates.

Two rows of bars show where the chronology is dense and where the gaps are; the rows on screen
are shaded and the cursor's date is marked ``▲``. Clicking a bar jumps there.
"""

from __future__ import annotations

import math
from datetime import date

from rich.style import Style
from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from eventdb.services.density import Histogram, histogram

BARS = " ▁▂▃▄▅▆▇█"
UNITS = {"day": "per day", "week": "per week", "month": "per month", "quarter": "per quarter",
         "year": "per year", "decade": "per decade"}


class DensityStrip(Widget):
    COMPONENT_CLASSES = {"density--bar", "density--visible", "density--cursor", "density--axis"}

    class Jump(Message):
        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.per_day: list[tuple[date, int]] = []
        self.undated = 0
        self.cursor_day: date | None = None
        self.window_days: tuple[date | None, date | None] = (None, None)
        self._hist: Histogram | None = None
        self._hist_width = -1

    def set_data(self, per_day: list[tuple[date, int]], undated: int) -> None:
        self.per_day = per_day
        self.undated = undated
        self._hist_width = -1
        self.refresh()

    def set_position(self, cursor_day: date | None, window: tuple[date | None, date | None]) -> None:
        if cursor_day == self.cursor_day and window == self.window_days:
            return
        self.cursor_day, self.window_days = cursor_day, window
        self.refresh()

    @property
    def histogram(self) -> Histogram | None:
        width = max(1, self.content_region.width)
        if self._hist_width != width:
            self._hist = histogram(self.per_day, width)
            self._hist_width = width
        return self._hist

    def _s(self, name: str) -> Style:
        return self.get_component_rich_style(f"density--{name}", partial=True)

    def _cells(self) -> int:
        """Columns per bucket: buckets are stretched to fill the strip."""
        h = self.histogram
        if h is None:
            return 1
        return max(1, max(1, self.content_region.width) // len(h.counts))

    def render(self) -> Text:
        width = max(1, self.content_region.width)
        h = self.histogram
        if h is None:
            note = "no dated events" + (f" · {self.undated} undated" if self.undated else "")
            return Text("\n\n" + note, style=self._s("axis"))
        cells = self._cells()
        peak = max(h.counts) or 1
        cursor_bucket = h.bucket_of(self.cursor_day) if self.cursor_day else None
        v0, v1 = self.window_days
        lo = h.bucket_of(max(v0, h.start)) if v0 and v0 <= h.end else None
        hi = h.bucket_of(min(v1, h.end)) if v1 and v1 >= h.start else None
        top, bottom = Text(), Text()
        for i, count in enumerate(h.counts):
            level = 0 if count == 0 else max(1, round(16 * math.sqrt(count / peak)))
            upper = BARS[level - 8] if level > 8 else " "
            lower = BARS[min(level, 8)]
            if i == cursor_bucket:
                style = self._s("cursor")
            elif lo is not None and hi is not None and lo <= i <= hi:
                style = self._s("visible")
            else:
                style = self._s("bar")
            top.append(upper * cells, style)
            bottom.append(lower * cells, style)
        return Text("\n").join([top, bottom, self._axis(h, width, cells, cursor_bucket)])

    def _axis(self, h: Histogram, width: int, cells: int, cursor_bucket: int | None) -> Text:
        """Start and end dates, the unit and the peak, and ``▲`` under the cursor's bucket."""
        axis = [" "] * width
        taken = [False] * width
        marker = None
        if cursor_bucket is not None:
            marker = min(width - 1, cursor_bucket * cells + cells // 2)
            axis[marker] = "▲"
            taken[marker] = True

        def place(text: str, at: int) -> bool:
            at = max(0, min(at, width - len(text)))
            span = range(max(0, at - 1), min(width, at + len(text) + 1))
            if len(text) > width or any(taken[i] for i in span):
                return False
            for i, ch in enumerate(text):
                axis[at + i] = ch
                taken[at + i] = True
            return True

        left, right = h.start.isoformat(), h.end.isoformat()
        unit = f"{UNITS.get(h.unit, '')} · peak {peak_of(h)}"
        if self.undated:
            unit += f" · {self.undated} undated"
        if not place(left, 0) and marker is not None:
            place(left, marker + 2)
        if not place(right, width - len(right)) and marker is not None:
            place(right, marker - len(right) - 1)
        if not place(unit, (width - len(unit)) // 2) and marker is not None:
            place(unit, marker + 2) or place(unit, marker - len(unit) - 1)
        text = Text("".join(axis), style=self._s("axis"))
        if marker is not None:
            text.stylize(self._s("cursor"), marker, marker + 1)
        return text

    def on_click(self, event: events.Click) -> None:
        h = self.histogram
        offset = event.get_content_offset(self)
        if h is None or offset is None:
            return
        bucket = offset.x // self._cells()
        if bucket < len(h.counts):
            self.post_message(self.Jump(h.bucket_start(bucket)))

    def on_resize(self) -> None:
        self.refresh()


def peak_of(h: Histogram) -> int:
    return max(h.counts) if h.counts else 0
