"""The evidence pane: why the event under the cursor has its date, and where it comes from."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from eventdb.services.curation import EventDetail
from eventdb.tui.format import STATUSES, long_date

STATUS_WORDS = {k: v[1] for k, v in STATUSES.items()}

HOW = {
    "explicit": "written in the sentence",
    "narrative": "carried over from the narrative",
    "publication": "the publication date (no date in the sentence)",
    "inferred": "inferred from a nearby sentence",
    "curator": "set by a curator",
    "anchored": "re-anchored by a curator",
}


class EvidencePane(VerticalScroll, can_focus=False):
    """Shows one :class:`EventDetail` (or a short message)."""

    COMPONENT_CLASSES = {
        "evidence--heading", "evidence--headline", "evidence--expression", "evidence--trigger",
        "evidence--dim", "evidence--warning", "evidence--value",
    }

    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(**kwargs)
        self.detail: EventDetail | None = None
        self._body = Static(id="evidence-body")

    def compose(self):  # noqa: ANN201
        yield self._body

    def _s(self, name: str) -> Style:
        return self.get_component_rich_style(f"evidence--{name}", partial=True)

    def show_message(self, message: str) -> None:
        self.detail = None
        self._body.update(Text(message, style=self._s("dim")))

    def show(self, detail: EventDetail) -> None:
        self.detail = detail
        self._body.update(self.render_detail(detail))
        self.scroll_home(animate=False)

    def render_detail(self, d: EventDetail) -> RenderableType:
        heading, dim = self._s("heading"), self._s("dim")
        parts: list[RenderableType] = []

        parts.append(Text(d.headline, style=self._s("headline")))
        meta = Text(f"event {d.id} · {STATUS_WORDS.get(d.status, d.status)} · confidence {d.confidence:.2f}",
                    style=dim)
        if d.merged_into:
            meta.append(f" · merged into event {d.merged_into}")
        parts.append(meta)

        parts.append(Text("\nDate", style=heading))
        when = Text()
        when.append(long_date(d.value, d.precision, d.earliest, d.latest, d.mod, d.edtf),
                    style=self._s("value"))
        if d.relation and d.relation != "ON":
            when.append(f"  ({d.relation.lower()})", style=dim)
        parts.append(when)
        parts.append(Text(f"how: {HOW.get(d.date_how, d.date_how)}", style=dim))

        parts.append(Text("\nSentence", style=heading))
        sentence = Text(d.sentence.replace("\n", " ").replace("\xa0", " "))
        trig = d.sentence.find(d.trigger) if d.trigger else -1
        if trig >= 0:
            sentence.stylize(self._s("trigger"), trig, trig + len(d.trigger))
        if d.expression_span:
            start, end = d.expression_span
            sentence.stylize(self._s("expression"), start, end)
        parts.append(sentence)
        if d.expression_text and not d.expression_span:
            parts.append(Text(f'time expression: "{d.expression_text}" (another sentence)',
                              style=dim))

        parts.append(Text("\nAnchor chain", style=heading))
        parts.append(Text(d.explanation))

        if d.alternatives:
            parts.append(Text("\nYou might mean", style=heading))
            table = Table.grid(padding=(0, 2))
            table.add_column(style=self._s("value"), no_wrap=True)
            table.add_column(style=dim)
            for alt in d.alternatives:
                table.add_row(long_date(alt.resolved.value, alt.resolved.precision,
                                        alt.resolved.earliest, alt.resolved.latest,
                                        alt.resolved.mod, alt.resolved.edtf), alt.label)
            parts.append(table)

        parts.append(Text("\nParticipants", style=heading))
        if d.participants:
            table = Table.grid(padding=(0, 2))
            table.add_column(no_wrap=False)
            table.add_column(style=dim, no_wrap=True)
            seen = set()
            for name, kind, role in d.participants:
                if (name, role) in seen:
                    continue
                seen.add((name, role))
                table.add_row(name, f"{role} · {kind}")
            parts.append(table)
        else:
            parts.append(Text("none found", style=dim))

        h = d.happening
        if h is not None and len(h.reports) > 1:
            sources = f"{h.sources} source" + ("s" if h.sources != 1 else "")
            title = f"\nHappening {h.id} · {len(h.reports)} reports · {sources}"
            parts.append(Text(title, style=heading))
            if h.conflict:
                parts.append(Text("⚠ its reports disagree on the date", style=self._s("warning")))
            table = Table.grid(padding=(0, 1))
            table.add_column(style=self._s("value"), no_wrap=True)
            table.add_column(no_wrap=False)
            for r in h.reports:
                mark = "▸ " if r.event_id == d.id else ""
                words = " ".join(r.evidence.split())
                table.add_row(r.value or "undated",
                              Text(f"{mark}{r.source or r.document_id}: {words}"[:300]))
            parts.append(table)

        parts.append(Text("\nDocument", style=heading))
        if d.document_title:
            parts.append(Text(d.document_title))
        doc = Text(d.document_id, style=dim)
        parts.append(doc)
        if d.source:
            parts.append(Text(d.source, style=dim))
        if d.url:
            parts.append(Text(d.url, style=dim, overflow="fold"))
        published = Text("published ", style=dim)
        if d.published:
            published.append(d.published, style=self._s("value"))
        else:
            published.append("unknown", style=self._s("warning"))
            published.append(" — press p to set it", style=dim)
        parts.append(published)
        if d.review_reason:
            parts.append(Text(f"⚠ {d.review_reason}", style=self._s("warning")))
        return Group(*parts)
