"""Curation: the operations curators perform, each one transaction written to the change log.

The machine's answers are never overwritten: a correction is a new current date assertion and the
old one stays. When an anchor changes, machine values downstream are re-resolved; curator-set
values downstream are kept and marked ``needs-review``. Every action can be undone (the last
not-yet-undone action of the curator, repeatedly). Edits carry the ``version`` the curator saw;
a stale one fails with :class:`ConflictError` naming the current value and who set it.

The CLI and the TUI call this module; neither writes SQL of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from eventdb.db.engine import Database
from eventdb.temporal import Resolved

PUBLISHED = "published"


@dataclass(slots=True)
class ChangeResult:
    """What an action did, for the CLI to print and the TUI to refresh."""

    change_id: int | None
    summary: str
    #: Events whose date, status or anchor changed (the TUI refreshes these rows).
    event_ids: list[int] = field(default_factory=list)
    #: Events kept as curated but marked needs-review because their anchor moved.
    needs_review: list[int] = field(default_factory=list)


@dataclass(slots=True)
class AnchorStep:
    """One link of an anchor chain, read from the event outwards."""

    kind: str  # "expression", "publication", "event", "dateline", "absolute"
    text: str | None  # the expression text, or the event headline
    value: str | None
    node_id: int | None = None
    event_id: int | None = None
    rule: str | None = None


@dataclass(slots=True)
class Alternative:
    """A date the curator might mean instead (previous/next occurrence, the dateline's date...)."""

    label: str
    value: str
    resolved: Resolved


@dataclass(slots=True)
class HistoryEntry:
    when: datetime
    who: str | None  # None for the machine
    origin: str  # machine | curator
    status: str
    value: str | None
    earliest: date | None
    latest: date | None
    input_text: str | None
    note: str | None
    current: bool
    subject: str  # "event 12" or "time node 40 (\"Thursday\")"


@dataclass(slots=True)
class EventDetail:
    """Everything the evidence pane shows for one event."""

    id: int
    version: int
    document_id: str
    document_title: str | None
    source: str | None
    url: str | None
    published: str | None  # the document's publication value, None when unknown
    review_reason: str | None
    headline: str
    trigger: str
    sentence: str
    sentence_start: int
    #: Span of the time expression inside ``sentence`` (offsets relative to the sentence), if any.
    expression_span: tuple[int, int] | None
    expression_text: str | None
    value: str | None
    precision: str | None
    earliest: date | None
    latest: date | None
    edtf: str | None
    mod: str | None
    status: str
    date_how: str
    confidence: float
    relation: str
    anchor_chain: list[AnchorStep]
    #: The chain in words: 'Thursday → the Thursday before publication, Fri 2014-06-27 → 2014-06-26'.
    explanation: str
    alternatives: list[Alternative]
    participants: list[tuple[str, str, str]]  # (name, kind, role)
    merged_into: int | None


class Curation:
    """The curation service for one database and one curator."""

    def __init__(self, db: Database, curator: str) -> None:
        self.db = db
        self.curator = curator

    # -- reading -------------------------------------------------------------------------------
    def event_detail(self, event_id: int) -> EventDetail:
        raise NotImplementedError

    def history(self, event_id: int) -> list[HistoryEntry]:
        """Every value the event (and the time node that dates it) had, oldest first."""
        raise NotImplementedError

    def preview_date(self, event_id: int, text: str) -> Resolved:
        """What ``set_date(event_id, text)`` would give, without writing. Raises InputError."""
        raise NotImplementedError

    # -- writing (each one transaction, one change-log entry) ----------------------------------
    def set_published(self, document_id: str, value: str | None, *, note: str | None = None,
                      version: int | None = None) -> ChangeResult:
        """Set (or, with None/"unknown", unset) a document's publication date; re-resolve."""
        raise NotImplementedError

    def set_date(self, event_id: int, text: str, *, note: str | None = None,
                 version: int | None = None) -> ChangeResult:
        """A TIMEX3/ISO/EDTF value or natural language resolved against the event's anchor."""
        raise NotImplementedError

    def reanchor(self, event_id: int, to: int | str, *, relation: str = "ON",
                 offset: str | None = None, note: str | None = None,
                 version: int | None = None) -> ChangeResult:
        """Date the event from another event (``to`` = its id) or from ``"published"``."""
        raise NotImplementedError

    def confirm(self, event_ids: list[int], *, note: str | None = None) -> ChangeResult:
        raise NotImplementedError

    def reject(self, event_ids: list[int], *, note: str | None = None) -> ChangeResult:
        raise NotImplementedError

    def merge_events(self, event_ids: list[int], *, note: str | None = None) -> ChangeResult:
        """Merge into the first id: one event, every mention and date kept, disagreement flagged."""
        raise NotImplementedError

    def merge_participants(self, names: list[str], *, note: str | None = None) -> ChangeResult:
        raise NotImplementedError

    def rename_participant(self, name: str, new_name: str, *, note: str | None = None) -> ChangeResult:
        raise NotImplementedError

    def undo(self) -> ChangeResult | None:
        """Undo this curator's last action not yet undone; None when there is nothing to undo."""
        raise NotImplementedError
