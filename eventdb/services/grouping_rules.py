"""Matching rules of happening grouping: which reports are one happening (pure functions).

Within an article, extraction says which events restate an earlier one (``same_as``). Across
articles, a report joins a stored happening only when all of these hold (precision first: a
wrong merge costs a curator more than a missed one):

- they share a *specific* participant (a generic one alone, a country or "officials", never
  joins: see ``resources/generic_participants.txt``);
- the same kind of action (``kind`` when both have one, else the same trigger stem, reporting
  verbs excluded: two statements of one person are rarely one happening);
- compatible times (their date windows overlap; a publication-date default stands for the month
  before publication);
- similar words (content words of the headlines).

No database here: ``grouping_store`` reads the candidates, ``grouping`` puts the two together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

#: A publication-date default: the happening lies in the month before publication (a later
#: article often reports an earlier happening without a date).
DEFAULT_REACH = timedelta(days=30)
#: Headline content-word overlap (Jaccard) two reports need to join across articles.
MIN_WORDS = 0.12
#: Reports of a group compared with another's (the first ones: a big happening's first reports
#: stand for it; matching every pair of two big happenings would be quadratic).
MAX_COMPARED = 20
#: Stored reports read as candidates per lookup (the newest): a bound on ingest's cost when
#: a participant and an action recur in thousands of articles.
MAX_CANDIDATES = 1000
#: Mentions of one participant looked through for candidates (its newest): bounds the reads of
#: a participant named in thousands of articles, so ingest does not slow as the database grows.
MAX_MENTIONS = 200
#: Reports whose dates are this close may still be one happening (their disagreement is a
#: conflict for the curator: "Thursday" in one article, "Tuesday" in another).
SLACK = timedelta(days=3)
#: Share of their specific participants two reports must have in common (Jaccard).
MIN_PARTICIPANTS = 0.34
#: Kinds of action that never join two articles' reports on their own: two statements that
#: share a speaker are rarely one statement (reporting verbs are left out of stems likewise).
SAYING = frozenset({"statement"})
#: Order of trust in a report's date (lower wins): written beats publication default.
RANK = {"curator": 0, "explicit": 1, "anchored": 1, "narrative": 2, "inferred": 3, "publication": 4}

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(generic participant names, reporting verbs, stop words), lower case, from data files."""
    def lines(package: str, name: str) -> list[str]:
        # Through the top package: importing ``eventdb.extract`` for its data would load the
        # whole extraction pipeline into a curation command (``set-date`` redates happenings).
        folder = package.removeprefix("eventdb.").replace(".", "/")
        raw = resources.files("eventdb").joinpath(folder, name).read_text(encoding="utf-8")
        return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]

    generic = {ln.lower() for ln in lines("eventdb.services.resources", "generic_participants.txt")}
    for ln in lines("eventdb.extract.resources", "countries.tsv"):  # every country, every alias
        cols = ln.split("\t")
        generic.add(cols[0].lower())
        generic.update(a.lower() for a in (cols[1].split("|") if len(cols) > 1 else []) if a)
    reporting = {w.lower() for w in lines("eventdb.extract.resources", "reporting_verbs.txt")}
    stop = {w.lower() for w in lines("eventdb.services.resources", "stop_words.txt")}
    return frozenset(generic), frozenset(reporting), frozenset(stop)


@lru_cache(maxsize=65536)  # asked of every participant of every article a story step reads
def is_generic(name: str) -> bool:
    """A participant too common to tie two reports together on its own."""
    return name.strip().lower() in _lexicon()[0] or name[:1].islower()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: enough for "strike"/"strikes"/"struck" not at all, "attacked"/"attacks" yes."""
    w = word.lower()
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    return w.rstrip("e")


@lru_cache(maxsize=65536)
def words(headline: str) -> frozenset[str]:
    stop = _lexicon()[2]
    return frozenset(stem(w) for w in _WORD.findall(headline) if len(w) > 2 and w.lower() not in stop)


@dataclass(slots=True)
class Report:
    """What grouping reads of one event. Slots: ingest makes one per event it writes."""

    id: int
    document_id: int
    trigger: str
    headline: str
    kind: str | None = None
    background: bool = False
    date_how: str = "publication"
    status: str = "machine"
    earliest: date | None = None
    latest: date | None = None
    resolved: tuple = (None,) * 6  # value, mod, precision, earliest, latest, edtf
    published: date | None = None
    participants: frozenset[int] = frozenset()  # specific participants only
    persons: frozenset[int] = frozenset()  # of those, the people
    strong: frozenset[int] = frozenset()  # of those, people, organisations, groups and places
    same_as: int | None = None  # id of an earlier report of the same article
    happening_id: int | None = None  # set when pinned by a curator, else by grouping
    #: An event word inside another report's clause (``extract/event_words.py``): background,
    #: yet it joins its article's report of the same family and, across articles, one of the
    #: same story (``story_key``).
    word: bool = False


class Group:
    """Reports believed to be one happening, with what matching compares. A plain class with
    slots: ingest makes one per new report, and a dataclass's field factories cost more than
    the grouping itself."""

    __slots__ = ("reports", "happening_id", "pids", "persons", "strong", "kinds", "stems",
                 "tight", "loose")

    def __init__(self, reports: list[Report], happening_id: int | None = None) -> None:
        self.reports = reports
        self.happening_id = happening_id
        self.pids: set[int] = set()
        self.persons: set[int] = set()
        self.strong: set[int] = set()
        self.kinds: set[str] = set()
        self.stems: set[str] = set()
        self.tight: list[tuple[date, date]] = []
        self.loose: list[tuple[date, date]] = []

    def add(self, r: Report) -> None:
        self.reports.append(r)
        if r.background:
            return
        self.pids |= r.participants
        self.persons |= r.persons
        self.strong |= r.strong
        if r.kind:
            self.kinds.add(r.kind)
        self.stems |= trigger_stems(r.trigger)
        w = _window(r)
        if w is not None:
            (self.tight if _tight(r) else self.loose).append(w)

    @property
    def window(self) -> tuple[date, date] | None:
        """Written dates agree on their overlap (or, disagreeing, span them all); defaults span."""
        spans = self.tight or self.loose
        if not spans:
            return None
        lo, hi = max(s[0] for s in spans), min(s[1] for s in spans)
        if self.tight and lo <= hi:
            return (lo, hi)
        return (min(s[0] for s in spans), max(s[1] for s in spans))


def _tight(r: Report) -> bool:
    return r.date_how != "publication"


def _window(r: Report) -> tuple[date, date] | None:
    if r.date_how != "publication" and r.earliest is not None and r.latest is not None:
        return (r.earliest, r.latest)
    day = r.published or r.latest
    if day is None:
        return None
    # Clamped: a date in year 1 has no "a few weeks before" (timedelta would overflow).
    return (day - DEFAULT_REACH if day - date.min > DEFAULT_REACH else date.min, day)


def _pair(r: Report, s: Report) -> float:
    """How well two reports of different articles match (0: they must not join)."""
    shared = r.participants & s.participants
    if not shared or len(shared) / len(r.participants | s.participants) < MIN_PARTICIPANTS:
        return 0.0  # other participants besides: a like happening, not this one
    if r.persons and s.persons and not r.persons & s.persons:
        return 0.0  # about other people
    if r.kind and s.kind:
        if r.kind != s.kind or r.kind in SAYING:
            return 0.0
    elif not _stems(r) & _stems(s):
        return 0.0
    if _apart(_window(r), _window(s)):
        return 0.0
    wa, wb = words(r.headline), words(s.headline)
    union = wa | wb
    similarity = len(wa & wb) / len(union) if union else 0.0
    if similarity < MIN_WORDS:
        return 0.0
    return len(shared) + similarity


def _apart(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    """Too far apart to be one happening: more than ``SLACK`` between the windows (closer
    written dates that disagree are one happening with a conflict for the curator)."""
    if a is None or b is None:
        return False
    return a[0] > b[1] + SLACK or b[0] > a[1] + SLACK


def _stems(r: Report) -> frozenset[str]:
    return trigger_stems(r.trigger)


@lru_cache(maxsize=65536)
def trigger_stems(trigger: str) -> frozenset[str]:
    reporting = _lexicon()[1]
    if trigger.lower() in reporting or stem(trigger) in reporting:
        return frozenset()
    return frozenset({stem(trigger)})


def compatible(a: Group, b: Group) -> float:
    """The best match of a report of ``a`` with one of ``b`` (single link on strict pairs),
    refused when written dates of the two groups disagree or they are about other people."""
    if a.tight and b.tight and _apart(a.window, b.window):
        return 0.0
    if other_people(a, b):
        return 0.0
    mine = [r for r in a.reports if _may_match(r, b)][:MAX_COMPARED]
    theirs = [s for s in b.reports if _may_match(s, a)][:MAX_COMPARED]
    return max((_pair(r, s) for r in mine for s in theirs), default=0.0)


def other_people(a: Group, b: Group) -> bool:
    """Both groups name persons and none the same: the acts of other people (two players of one
    team arrested in one month), however alike their words and their other participants."""
    return bool(a.persons and b.persons and not a.persons & b.persons)


def _may_match(r: Report, other: Group) -> bool:
    """Could ``r`` match a report of ``other`` (the same action, a shared participant)?"""
    return (not r.background and bool(r.participants & other.pids)
            and bool(_stems(r) & other.stems
                     or (r.kind and r.kind not in SAYING and r.kind in other.kinds)))


def match_keys(g: Group) -> set[tuple[int, str]]:
    """What two groups must share to be compared: a participant and the same kind of action
    (kind, else trigger stem)."""
    actions = {f"k:{k}" for k in g.kinds - SAYING} | {f"s:{x}" for x in g.stems}
    return {(p, a) for p in g.pids for a in actions}


@lru_cache(maxsize=1)
def event_words() -> dict[str, str]:
    """Event word or phrase (lower case, words joined by one space) -> its family: extraction's
    table (``extract/event_words.py``; loading it loads no other rule)."""
    from eventdb.extract.event_words import table

    nouns, verbs, _, _ = table()
    return {w.replace("+", " "): family for w, family in (*nouns.items(), *verbs.items())}


def is_word_report(trigger: str, background: bool) -> bool:
    """A background report whose trigger is an event word of the table: extraction's report of
    an event word inside another report's clause (``extract/event_words.py``), or a background
    clause told by such a word. Hidden, yet it joins its article's report of the same family
    and, across articles, one of the same story (``grouping_story``)."""
    return background and " ".join(trigger.lower().split()) in event_words()


def in_article(reports: Sequence[Report]) -> list[Group]:
    """One group per set of reports that ``same_as`` links (reports in document order)."""
    groups: list[Group] = []
    of: dict[int, Group] = {}
    for r in reports:
        g = of.get(r.same_as) if r.same_as is not None else None
        if g is None or (r.background != g.reports[0].background and not r.word):
            g = Group([])
            groups.append(g)
        g.add(r)
        of[r.id] = g
    return groups


_NO_KINDS: tuple[frozenset[int], frozenset[int], frozenset[int]] = (frozenset(), frozenset(), frozenset())


def split_kinds(kinds: dict[int, str]) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """(participants, persons, strong) from specific participant id -> kind."""
    if not kinds:
        return _NO_KINDS
    return (frozenset(kinds), frozenset(p for p, k in kinds.items() if k == "person"),
            frozenset(p for p, k in kinds.items() if k != "other"))


def day_of(value) -> date | None:  # noqa: ANN001 - SQLite gives ISO text, PostgreSQL dates
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def machine_date(reports: Sequence[Report]) -> tuple[tuple, str | None, bool]:
    """(resolved columns, date_how, conflict) of a happening from its reports.

    The most trusted kind of date among the reports wins (a written date beats a publication
    default); reports of that rank that disagree (spans that do not overlap) make a conflict,
    and the earliest-reported of them stands until a curator decides.
    """
    if len(reports) == 1:  # most happenings have one report: the answer below, directly
        r = reports[0]
        if r.earliest is None:
            return ((None,) * 6, None, False)
        best = 0 if r.status in ("corrected", "confirmed") else RANK.get(r.date_how, 3)
        return (r.resolved, "curator" if best == 0 else r.date_how, False)
    dated = [r for r in reports if not r.background and r.earliest is not None]
    if not dated:
        dated = [r for r in reports if r.earliest is not None]
    if not dated:
        return ((None,) * 6, None, False)
    def rank(r: Report) -> int:
        return 0 if r.status in ("corrected", "confirmed") else RANK.get(r.date_how, 3)
    best = min(rank(r) for r in dated)
    top = [r for r in dated if rank(r) == best]
    # Open ends ("after 1980": no latest; "before 1980": no earliest) reach as far as dates go.
    def lo(r: Report) -> date:
        return r.earliest or date.min

    def hi(r: Report) -> date:
        return r.latest or date.max
    conflict = any(hi(a) < lo(b) or hi(b) < lo(a)
                   for a in top for b in top if a.document_id != b.document_id)
    chosen = min(top, key=lambda r: ((hi(r) - lo(r)).days, r.id))
    return (chosen.resolved, "curator" if best == 0 else chosen.date_how, conflict)

