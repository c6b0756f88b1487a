"""Grouping reports (events) into happenings, incrementally, at ingest and in ``regroup``.

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

Candidates come through indexes only: the participant ids of the new reports (mentions ->
event arguments -> events), then the happenings those events report. Never a scan of all events.
On PostgreSQL, one transaction-scoped advisory lock serialises the grouping step of concurrent
ingests, so two of them never create two happenings for one real happening.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from sqlalchemy import text
from sqlalchemy.orm import Session

from eventdb.db.bulk import raw_executemany, raw_update_by_id
from eventdb.db.models import Happening, utcnow

#: Key of the PostgreSQL advisory lock that serialises grouping (any constant of our own).
GROUPING_LOCK = 0x65766462
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
#: Reports whose dates are this close may still be one happening (their disagreement is a
#: conflict for the curator: "Thursday" in one article, "Tuesday" in another).
SLACK = timedelta(days=3)
#: Share of their specific participants two reports must have in common (Jaccard).
MIN_PARTICIPANTS = 0.34
#: Order of trust in a report's date (lower wins): written beats publication default.
RANK = {"curator": 0, "explicit": 1, "anchored": 1, "narrative": 2, "inferred": 3, "publication": 4}

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(generic participant names, reporting verbs, stop words), lower case, from data files."""
    def lines(package: str, name: str) -> list[str]:
        raw = resources.files(package).joinpath(name).read_text(encoding="utf-8")
        return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]

    generic = {ln.lower() for ln in lines("eventdb.services.resources", "generic_participants.txt")}
    for ln in lines("eventdb.extract.resources", "countries.tsv"):  # every country, every alias
        cols = ln.split("\t")
        generic.add(cols[0].lower())
        generic.update(a.lower() for a in (cols[1].split("|") if len(cols) > 1 else []) if a)
    reporting = {w.lower() for w in lines("eventdb.extract.resources", "reporting_verbs.txt")}
    stop = {w.lower() for w in lines("eventdb.services.resources", "stop_words.txt")}
    return frozenset(generic), frozenset(reporting), frozenset(stop)


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


@dataclass
class Report:
    """What grouping reads of one event."""

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


@dataclass
class _Group:
    """Reports believed to be one happening, with what matching compares."""

    reports: list[Report]
    happening_id: int | None = None
    pids: set[int] = field(default_factory=set)
    persons: set[int] = field(default_factory=set)
    strong: set[int] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    tight: list[tuple[date, date]] = field(default_factory=list)
    loose: list[tuple[date, date]] = field(default_factory=list)

    def add(self, r: Report) -> None:
        self.reports.append(r)
        if r.background:
            return
        self.pids |= r.participants
        self.persons |= r.persons
        self.strong |= r.strong
        if r.kind:
            self.kinds.add(r.kind)
        reporting = _lexicon()[1]
        if r.trigger.lower() not in reporting and stem(r.trigger) not in reporting:
            self.stems.add(stem(r.trigger))
        self.words |= words(r.headline)
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
    return (day - DEFAULT_REACH, day)


def _pair(r: Report, s: Report) -> float:
    """How well two reports of different articles match (0: they must not join)."""
    shared = r.participants & s.participants
    if not shared or len(shared) / len(r.participants | s.participants) < MIN_PARTICIPANTS:
        return 0.0  # other participants besides: a like happening, not this one
    if r.persons and s.persons and not r.persons & s.persons:
        return 0.0  # about other people
    if r.kind and s.kind:
        if r.kind != s.kind:
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
    return _trigger_stems(r.trigger)


@lru_cache(maxsize=65536)
def _trigger_stems(trigger: str) -> frozenset[str]:
    reporting = _lexicon()[1]
    if trigger.lower() in reporting or stem(trigger) in reporting:
        return frozenset()
    return frozenset({stem(trigger)})


def _compatible(a: _Group, b: _Group) -> float:
    """The best match of a report of ``a`` with one of ``b`` (single link on strict pairs),
    refused when written dates of the two groups disagree."""
    if a.tight and b.tight and _apart(a.window, b.window):
        return 0.0
    mine = [r for r in a.reports if _may_match(r, b)][:MAX_COMPARED]
    theirs = [s for s in b.reports if _may_match(s, a)][:MAX_COMPARED]
    return max((_pair(r, s) for r in mine for s in theirs), default=0.0)


def _may_match(r: Report, other: _Group) -> bool:
    """Could ``r`` match a report of ``other`` (the same action, a shared participant)?"""
    return (not r.background and bool(r.participants & other.pids)
            and bool(_stems(r) & other.stems or (r.kind and r.kind in other.kinds)))


def _keys(g: _Group) -> set[tuple[int, str]]:
    """What two groups must share to be compared: a participant and the same kind of action
    (kind, else trigger stem)."""
    actions = {f"k:{k}" for k in g.kinds} | {f"s:{x}" for x in g.stems}
    return {(p, a) for p in g.pids for a in actions}


def in_article(reports: Sequence[Report]) -> list[_Group]:
    """One group per set of reports that ``same_as`` links (reports in document order)."""
    groups: list[_Group] = []
    of: dict[int, _Group] = {}
    for r in reports:
        g = of.get(r.same_as) if r.same_as is not None else None
        if g is None or r.background != g.reports[0].background:
            g = _Group([])
            groups.append(g)
        g.add(r)
        of[r.id] = g
    return groups


def _lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": GROUPING_LOCK})


_REPORT_COLUMNS = (
    "e.id, e.document_id, e.trigger, e.headline, e.kind, e.background, e.date_how, e.status,"
    " e.earliest, e.latest, e.value, e.mod, e.precision, e.edtf, e.happening_id, pub.earliest")


def _report_rows(session: Session, rows: Sequence) -> list[Report]:
    pids = participants_of(session, sorted({r[0] for r in rows}))
    return [Report(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], _day(r[8]), _day(r[9]),
                   (r[10], r[11], r[12], _day(r[8]), _day(r[9]), r[13]), _day(r[15]),
                   *split_kinds(pids.get(r[0], {})), None, r[14]) for r in rows]


def _candidates(session: Session, groups: Sequence[_Group]) -> dict[int, _Group]:
    """Stored reports that could match a report of ``groups``, by happening: those sharing a
    specific participant (through the participant and argument indexes) and the same trigger
    word or kind of action. Only those reports: a happening's others cannot match better."""
    pids = sorted({p for g in groups for p in g.pids})
    triggers = sorted({r.trigger.lower()[:255] for g in groups for r in g.reports
                       if not r.background and _stems(r)})
    kinds = sorted({k for g in groups for k in g.kinds})
    if not pids or not (triggers or kinds):
        return {}
    conn = session.connection()
    ph = "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"
    action = []
    if triggers:
        action.append(f"lower(e.trigger) IN ({', '.join([ph] * len(triggers))})")
    if kinds:
        action.append(f"e.kind IN ({', '.join([ph] * len(kinds))})")
    params: tuple = tuple(triggers) + tuple(kinds)
    windows = [g.window for g in groups if g.pids]
    when = ""
    if windows and all(w is not None for w in windows):
        # Reports dated far from every new one cannot match (undated stored ones may).
        lo = min(w[0] for w in windows) - SLACK - DEFAULT_REACH  # type: ignore[index]
        hi = max(w[1] for w in windows) + SLACK + DEFAULT_REACH  # type: ignore[index]
        when = f" AND (e.earliest IS NULL OR (e.earliest <= {ph} AND e.latest >= {ph}))"
        params += (hi.isoformat(), lo.isoformat())
    rows: dict[int, tuple] = {}
    for i in range(0, len(pids), 500):
        part = pids[i:i + 500]
        sql = (f"SELECT DISTINCT {_REPORT_COLUMNS} FROM mentions m "
               "JOIN event_arguments a ON a.mention_id = m.id JOIN events e ON e.id = a.event_id "
               "JOIN documents d ON d.id = e.document_id "
               "LEFT JOIN time_nodes pub ON pub.id = d.published_node_id "
               f"WHERE m.participant_id IN ({', '.join(str(int(p)) for p in part)}) "
               "AND e.happening_id IS NOT NULL AND NOT e.background "
               "AND e.status <> 'rejected' AND e.merged_into_id IS NULL "
               # A report a curator broke out of its happening stands alone.
               "AND NOT EXISTS (SELECT 1 FROM happening_decisions x JOIN change_log c "
               "ON c.id = x.change_id WHERE x.event_id = e.id AND x.is_current "
               "AND c.action = 'split-report') "
               f"AND ({' OR '.join(action)}){when} "
               f"ORDER BY e.id DESC LIMIT {MAX_CANDIDATES}")
        for r in conn.exec_driver_sql(sql, params).all():
            rows[r[0]] = r
    out: dict[int, _Group] = {}
    for rep in _report_rows(session, list(rows.values())):
        out.setdefault(rep.happening_id, _Group([], rep.happening_id)).add(rep)  # type: ignore[arg-type]
    return out


def load_groups(session: Session, happening_ids: Sequence[int]) -> dict[int, _Group]:
    """Stored happenings as groups, with their live reports and specific participants."""
    out: dict[int, _Group] = {}
    conn = session.connection()
    for i in range(0, len(happening_ids), 500):
        part = ", ".join(str(int(h)) for h in happening_ids[i:i + 500])
        rows = conn.execute(text(
            "SELECT e.id, e.document_id, e.trigger, e.headline, e.kind, e.background, e.date_how,"
            " e.status, e.earliest, e.latest, e.value, e.mod, e.precision, e.edtf, e.happening_id,"
            " pub.earliest "
            "FROM events e JOIN documents d ON d.id = e.document_id "
            "LEFT JOIN time_nodes pub ON pub.id = d.published_node_id "
            f"WHERE e.happening_id IN ({part}) AND e.status <> 'rejected' "
            "AND e.merged_into_id IS NULL ORDER BY e.id")).all()
        pids = participants_of(session, [r[0] for r in rows])
        for r in rows:
            kinds = pids.get(r[0], {})
            rep = Report(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], _day(r[8]),
                         _day(r[9]), (r[10], r[11], r[12], _day(r[8]), _day(r[9]), r[13]),
                         _day(r[15]), *split_kinds(kinds), None, r[14])
            out.setdefault(r[14], _Group([], r[14])).add(rep)
    return out


def split_kinds(kinds: dict[int, str]) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """(participants, persons, strong) from specific participant id -> kind."""
    return (frozenset(kinds), frozenset(p for p, k in kinds.items() if k == "person"),
            frozenset(p for p, k in kinds.items() if k != "other"))


def participants_of(session: Session, event_ids: Sequence[int]) -> dict[int, dict[int, str]]:
    """The specific participants (canonical ids) of stored events, with their kinds."""
    out: dict[int, dict[int, str]] = defaultdict(dict)
    conn = session.connection()
    for i in range(0, len(event_ids), 500):
        part = ", ".join(str(int(e)) for e in event_ids[i:i + 500])
        rows = conn.execute(text(
            "SELECT a.event_id, COALESCE(p.merged_into_id, p.id), p.name, p.kind FROM event_arguments a "
            "JOIN mentions m ON m.id = a.mention_id JOIN participants p ON p.id = m.participant_id "
            f"WHERE a.event_id IN ({part})")).all()
        for event_id, pid, name, kind in rows:
            if not is_generic(name):
                out[event_id][pid] = kind
    return out


def _day(value) -> date | None:  # noqa: ANN001 - SQLite gives ISO text, PostgreSQL dates
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def machine_date(reports: Sequence[Report]) -> tuple[tuple, str | None, bool]:
    """(resolved columns, date_how, conflict) of a happening from its reports.

    The most trusted kind of date among the reports wins (a written date beats a publication
    default); reports of that rank that disagree (spans that do not overlap) make a conflict,
    and the earliest-reported of them stands until a curator decides.
    """
    dated = [r for r in reports if not r.background and r.earliest is not None]
    if not dated:
        dated = [r for r in reports if r.earliest is not None]
    if not dated:
        return ((None,) * 6, None, False)
    def rank(r: Report) -> int:
        return 0 if r.status in ("corrected", "confirmed") else RANK.get(r.date_how, 3)
    best = min(rank(r) for r in dated)
    top = [r for r in dated if rank(r) == best]
    conflict = any(a.latest < b.earliest or b.latest < a.earliest  # type: ignore[operator]
                   for a in top for b in top if a.document_id != b.document_id)
    chosen = min(top, key=lambda r: ((r.latest - r.earliest).days, r.id))  # type: ignore[operator]
    return (chosen.resolved, "curator" if best == 0 else chosen.date_how, conflict)


def group(session: Session, reports: Sequence[Report], take_ids,  # noqa: ANN001
          previous: dict[int, int] | None = None) -> dict[int, int]:
    """Give every new report a happening: pinned ones keep theirs; the others join in-article
    groups, then a stored or batch happening they match, else a new one. Writes new happenings
    and re-dates the stored ones that gained reports; returns event id -> happening id (the
    caller writes it on the events). ``take_ids(table, n)`` allocates primary keys.
    ``previous`` (regroup): event id -> its happening before; a new group takes the id its
    reports had (most of them), so happening ids stay stable through a regroup."""
    _lock(session)
    by_doc: dict[int, list[Report]] = defaultdict(list)
    for r in reports:
        by_doc[r.document_id].append(r)
    groups = [g for doc in by_doc.values() for g in in_article([r for r in doc if r.happening_id is None])]
    pinned = [r for r in reports if r.happening_id is not None]
    docs = set(by_doc)
    all_pids = {p for g in groups for p in g.pids}
    stored = _candidates(session, groups) if all_pids else {}
    stored_groups = stored
    by_pid: dict[tuple[int, str], list[_Group]] = defaultdict(list)
    for g in stored.values():
        for key in _keys(g):
            by_pid[key].append(g)
    new_groups: list[_Group] = []
    gained: set[int] = set()
    for g in groups:
        if g.reports[0].background or not g.pids:
            new_groups.append(g)
            continue
        best, score = None, 0.0
        seen: set[int] = set()
        for key in _keys(g):
            for c in by_pid.get(key, ()):
                if id(c) in seen or c is g:
                    continue
                seen.add(id(c))
                if {r.document_id for r in c.reports} == {g.reports[0].document_id}:
                    continue  # in-article grouping is extraction's call
                s = _compatible(g, c)
                # Ties go to the earliest reported (the same answer in batches or one by one).
                if s > score or (s == score > 0 and best is not None
                                 and min(r.id for r in c.reports) < min(r.id for r in best.reports)):
                    best, score = c, s
        if best is None:
            new_groups.append(g)
            for key in _keys(g):
                by_pid[key].append(g)
            continue
        for r in g.reports:
            best.add(r)
        if best.happening_id is not None:
            gained.add(best.happening_id)
    reused: list[_Group] = []
    if previous:
        claimed: set[int] = set()
        for g in new_groups:
            counts: dict[int, int] = defaultdict(int)
            for r in g.reports:
                if previous.get(r.id) is not None and previous[r.id] not in claimed:
                    counts[previous[r.id]] += 1
            if counts:
                g.happening_id = max(counts, key=lambda h: (counts[h], -h))
                claimed.add(g.happening_id)
                reused.append(g)
    fresh = [g for g in new_groups if g.happening_id is None]
    ids = take_ids(Happening.__table__, len(fresh))
    now = utcnow()
    rows = []
    assignment: dict[int, int] = {r.id: r.happening_id for r in pinned}  # type: ignore[misc]
    for g, hid in zip(fresh, ids):
        g.happening_id = hid
        resolved, how, conflict = machine_date(g.reports)
        kind = next(iter(sorted(g.kinds)), None)
        rows.append((hid, kind, "machine", how, False, conflict, now, 1, *resolved))
    if reused:
        curated = _curated(session, [g.happening_id for g in reused])  # type: ignore[misc]
        raw_update_by_id(session, Happening.__table__, ["kind", "date_how", "conflict", "value",
                         "mod", "precision", "earliest", "latest", "edtf"], [
            (next(iter(sorted(g.kinds)), None), how, conflict, *resolved, g.happening_id)
            for g in reused if g.happening_id not in curated
            for resolved, how, conflict in [machine_date(g.reports)]])
    raw_executemany(session, Happening.__table__, ["id", "kind", "status", "date_how", "curated",
                    "conflict", "created_at", "version_id", "value", "mod", "precision",
                    "earliest", "latest", "edtf"], rows)
    new_ids = {r.id for r in reports}
    for g in [*new_groups, *stored.values()]:
        for r in g.reports:
            if r.id in new_ids and r.id not in assignment:
                assignment[r.id] = g.happening_id  # type: ignore[assignment]
    _redate_with(session, {h: [r for r in stored_groups[h].reports if r.id in new_ids]
                           for h in gained})
    if pinned:
        redate(session, sorted({r.happening_id for r in pinned}), extra=pinned)  # type: ignore[misc]
    return assignment


def _redate_with(session: Session, new: dict[int, list[Report]]) -> None:
    """Re-date stored happenings that gained reports, from their current date (standing for
    the reports they had) and the new reports: no reading of every report of a big happening."""
    if not new:
        return
    ids = sorted(new)
    updates = []
    for i in range(0, len(ids), 500):
        part = ", ".join(str(h) for h in ids[i:i + 500])
        for row in session.connection().execute(text(
                "SELECT id, date_how, conflict, value, mod, precision, earliest, latest, edtf, "
                f"curated FROM happening_groups WHERE id IN ({part})")):
            if row[9]:
                continue
            current = Report(-1, -1, "", "", None, False, row[1] or "inferred", "machine",
                             _day(row[6]), _day(row[7]),
                             (row[3], row[4], row[5], _day(row[6]), _day(row[7]), row[8]))
            resolved, how, conflict = machine_date([current, *new[row[0]]])
            updates.append((how, bool(row[2]) or conflict, *resolved, row[0]))
    raw_update_by_id(session, Happening.__table__, ["date_how", "conflict", "value", "mod",
                     "precision", "earliest", "latest", "edtf"], updates)


def _curated(session: Session, happening_ids: Sequence[int]) -> set[int]:
    """Those of the happenings whose date a curator set."""
    out: set[int] = set()
    for i in range(0, len(happening_ids), 500):
        out.update(row[0] for row in session.connection().execute(text(
            "SELECT id FROM happening_groups WHERE curated AND id IN (" +
            ", ".join(str(int(h)) for h in happening_ids[i:i + 500]) + ")")))
    return out


def redate(session: Session, happening_ids: Sequence[int], extra: Sequence[Report] = ()) -> None:
    """Recompute the machine date (and conflict) of stored happenings not dated by a curator;
    ``extra``: reports not written yet that belong to them."""
    if not happening_ids:
        return
    groups = load_groups(session, happening_ids)
    for r in extra:
        g = groups.setdefault(r.happening_id or 0, _Group([], r.happening_id))
        if all(x.id != r.id for x in g.reports):
            g.add(r)
    curated = _curated(session, happening_ids)
    updates = []
    for hid, g in groups.items():
        if hid in curated or not hid:
            continue
        resolved, how, conflict = machine_date(g.reports)
        updates.append((how, conflict, *resolved, hid))
    raw_update_by_id(session, Happening.__table__, ["date_how", "conflict", "value", "mod",
                     "precision", "earliest", "latest", "edtf"], updates)


def regroup(session: Session, take_ids, batch: int = 500,  # noqa: ANN001
            on_progress=None) -> tuple[int, int]:  # noqa: ANN001
    """Recompute the machine's grouping of every report (after the rules changed), in the
    caller's transaction: reports a curator placed (a current ``member`` decision) stay where
    they are; the others are grouped again, article by article in ingest order, as ingest
    would. Reports of one article that shared a happening stay together (extraction's
    in-article grouping is not re-run). Returns (reports regrouped, happenings now).
    ``on_progress(done, total)`` after each batch of documents."""
    from eventdb.db.bulk import raw_set_by_id
    from eventdb.db.models import Event

    _lock(session)
    conn = session.connection()
    pinned = {r[0] for r in conn.execute(text(
        "SELECT event_id FROM happening_decisions WHERE is_current AND event_id IS NOT NULL"))}
    before = {r[0]: r[1] for r in conn.execute(text("SELECT id, happening_id FROM events"))}
    conn.execute(text(
        "UPDATE events SET happening_id = NULL WHERE id NOT IN (SELECT event_id FROM "
        "happening_decisions WHERE is_current AND event_id IS NOT NULL)"))
    docs = [r[0] for r in conn.execute(text("SELECT id FROM documents ORDER BY id"))]
    done = 0
    for i in range(0, len(docs), batch):
        part = ", ".join(str(d) for d in docs[i:i + batch])
        rows = conn.execute(text(
            "SELECT e.id, e.document_id, e.trigger, e.headline, e.kind, e.background, e.date_how,"
            " e.status, e.earliest, e.latest, e.value, e.mod, e.precision, e.edtf, pub.earliest "
            "FROM events e JOIN documents d ON d.id = e.document_id "
            "LEFT JOIN time_nodes pub ON pub.id = d.published_node_id "
            f"WHERE e.document_id IN ({part}) ORDER BY e.document_id, e.position")).all()
        kinds = participants_of(session, [r[0] for r in rows if r[0] not in pinned])
        first: dict[tuple[int, int | None], int] = {}
        reports = []
        for r in rows:
            if r[0] in pinned:
                continue
            key = (r[1], before.get(r[0]))
            same_as = first.setdefault(key, r[0]) if key[1] is not None else None
            reports.append(Report(
                r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], _day(r[8]), _day(r[9]),
                (r[10], r[11], r[12], _day(r[8]), _day(r[9]), r[13]), _day(r[14]),
                *split_kinds(kinds.get(r[0], {})), same_as if same_as != r[0] else None))
        assignment = group(session, reports, take_ids, previous=before)
        raw_set_by_id(session, Event.__table__, "happening_id", sorted(assignment.items()))
        done += len(reports)
        if on_progress is not None:
            on_progress(min(i + batch, len(docs)), len(docs))
    # Happenings left without a report (and without a curator's decision) go.
    conn.execute(text(
        "DELETE FROM happening_groups WHERE NOT EXISTS (SELECT 1 FROM events e WHERE "
        "e.happening_id = happening_groups.id) AND NOT EXISTS (SELECT 1 FROM happening_decisions "
        "x WHERE x.happening_id = happening_groups.id)"))
    left = conn.execute(text("SELECT COUNT(*) FROM happening_groups")).scalar() or 0
    return done, left
