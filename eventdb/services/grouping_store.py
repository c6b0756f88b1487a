"""What happening grouping reads and writes in the database, as typed SQLAlchemy Core statements.

Candidates come through indexes only: the participant ids of the new reports (mentions ->
event arguments -> events), then the happenings those events report. Never a scan of all
events. Id lists go in as expanding parameters, 500 at a time (SQLite's variable limit).
On PostgreSQL, one transaction-scoped advisory lock serialises the grouping step of concurrent
ingests, so two of them never create two happenings for one real happening.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from sqlalchemy import and_, exists, func, not_, or_, select
from sqlalchemy.orm import Session

from eventdb.db.bulk import raw_update_by_id
from eventdb.db.models import (ChangeLog, Document, Event, EventArgument, Happening,
                               HappeningDecision, Mention, Participant, TimeNode)
from eventdb.services.grouping_rules import (DEFAULT_REACH, MAX_CANDIDATES, MAX_MENTIONS, SLACK,
                                             Group, Report,
                                             day_of, is_generic, is_word_report, machine_date,
                                             split_kinds,
                                             trigger_stems)

#: Key of the PostgreSQL advisory lock that serialises grouping (any constant of our own).
GROUPING_LOCK = 0x65766462
#: Ids per statement (SQLite allows 999 variables in old builds).
CHUNK = 500

E = Event.__table__
D = Document.__table__
M = Mention.__table__
A = EventArgument.__table__
P = Participant.__table__
H = Happening.__table__
X = HappeningDecision.__table__
C = ChangeLog.__table__
PUB = TimeNode.__table__.alias("pub")

#: What grouping reads of an event, in ``Report`` order; the happening id and the
#: publication day follow (see ``_reports``).
REPORT_COLUMNS = (E.c.id, E.c.document_id, E.c.trigger, E.c.headline, E.c.kind,
                  E.c.background, E.c.date_how, E.c.status, E.c.earliest, E.c.latest,
                  E.c.value, E.c.mod, E.c.precision, E.c.edtf, E.c.happening_id, PUB.c.earliest)
WITH_PUBLICATION = E.join(D, D.c.id == E.c.document_id).outerjoin(
    PUB, PUB.c.id == D.c.published_node_id)
_LIVE = and_(E.c.status != "rejected", E.c.merged_into_id.is_(None))


def chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield [int(x) for x in ids[i:i + CHUNK]]


def lock(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(GROUPING_LOCK)))


def report_of(r: Sequence, kinds: dict[int, str], same_as: int | None = None) -> Report:
    """A ``Report`` from a row of ``REPORT_COLUMNS`` (the happening id at 14, publication at 15)."""
    earliest, latest = day_of(r[8]), day_of(r[9])
    return Report(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6], r[7], earliest, latest,
                  (r[10], r[11], r[12], earliest, latest, r[13]), day_of(r[15]),
                  *split_kinds(kinds), same_as, r[14], is_word_report(r[2], bool(r[5])))


def _reports(session: Session, rows: Sequence) -> list[Report]:
    pids = participants_of(session, sorted({r[0] for r in rows}))
    return [report_of(r, pids.get(r[0], {})) for r in rows]


def candidates(session: Session, groups: Sequence[Group]) -> dict[int, Group]:
    """Stored reports that could match a report of ``groups``, by happening: those sharing a
    specific participant (through the participant and argument indexes) and the same trigger
    word or kind of action. Only those reports: a happening's others cannot match better.
    Reached through each participant's newest ``MAX_MENTIONS`` mentions, the newest
    ``MAX_CANDIDATES`` per 500 participants: what a batch reads does not grow with the database."""
    pids = sorted({p for g in groups for p in g.pids})
    triggers = sorted({r.trigger.lower()[:255] for g in groups for r in g.reports
                       if not r.background and trigger_stems(r.trigger)})
    kinds = sorted({k for g in groups for k in g.kinds})
    if not pids or not (triggers or kinds):
        return {}
    action = []
    if triggers:
        action.append(func.lower(E.c.trigger).in_(triggers))
    if kinds:
        action.append(E.c.kind.in_(kinds))
    split_out = (select(1).select_from(X.join(C, C.c.id == X.c.change_id))
                 .where(X.c.event_id == E.c.id, X.c.is_current, C.c.action == "split-report"))
    where = [E.c.happening_id.is_not(None), not_(E.c.background), _LIVE,
             ~exists(split_out),  # a report a curator broke out of its happening stands alone
             or_(*action)]
    windows = [g.window for g in groups if g.pids]
    if windows and all(w is not None for w in windows):
        # Reports dated far from every new one cannot match (undated stored ones may).
        lo = min(w[0] for w in windows) - SLACK - DEFAULT_REACH  # type: ignore[index]
        hi = max(w[1] for w in windows) + SLACK + DEFAULT_REACH  # type: ignore[index]
        where.append(or_(E.c.earliest.is_(None), and_(E.c.earliest <= hi, E.c.latest >= lo)))
    rows: dict[int, Sequence] = {}
    for part in chunks(pids):
        # Each participant's newest mentions only: those from the id of its MAX_MENTIONS-th
        # newest on, a range of the covering participant index (one short backward read
        # finds that id). A participant named in thousands of articles costs no more than one
        # named in a few, however large the database grows. (Numbering them in a window read
        # and sorted every mention of the participants: half of this query's time at 10,000
        # documents.)
        x = M.alias("x")
        threshold = (select(x.c.id).where(x.c.participant_id == P.c.id).order_by(x.c.id.desc())
                     .limit(1).offset(MAX_MENTIONS - 1).correlate(P).scalar_subquery())
        recent = (select(M.c.id).select_from(P.join(M, and_(
            M.c.participant_id == P.c.id, M.c.id >= func.coalesce(threshold, 0))))
            .where(P.c.id.in_(part)).subquery("recent"))
        # The newest matching events by id alone (DISTINCT on one narrow column, not on
        # headlines), then their columns.
        newest = (select(E.c.id).distinct()
                  .select_from(recent.join(A, A.c.mention_id == recent.c.id).join(
                      E, E.c.id == A.c.event_id))
                  .where(*where).order_by(E.c.id.desc()).limit(MAX_CANDIDATES)).subquery("newest")
        query = select(*REPORT_COLUMNS).select_from(
            WITH_PUBLICATION.join(newest, newest.c.id == E.c.id))
        for r in session.execute(query):
            rows[r[0]] = r
    out: dict[int, Group] = {}
    for rep in _reports(session, list(rows.values())):
        out.setdefault(rep.happening_id, Group([], rep.happening_id)).add(rep)  # type: ignore[arg-type]
    return out


def participants_of(session: Session, event_ids: Sequence[int]) -> dict[int, dict[int, str]]:
    """The specific participants (canonical ids) of stored events, with their kinds."""
    out: dict[int, dict[int, str]] = defaultdict(dict)
    source = A.join(M, M.c.id == A.c.mention_id).join(P, P.c.id == M.c.participant_id)
    for part in chunks(event_ids):
        query = (select(A.c.event_id, func.coalesce(P.c.merged_into_id, P.c.id), P.c.name,
                        P.c.kind).select_from(source).where(A.c.event_id.in_(part)))
        for event_id, pid, name, kind in session.execute(query):
            if not is_generic(name):
                out[event_id][pid] = kind
    return out


def curated(session: Session, happening_ids: Sequence[int]) -> set[int]:
    """Those of the happenings whose date a curator set."""
    out: set[int] = set()
    for part in chunks(happening_ids):
        out.update(session.scalars(select(H.c.id).where(H.c.curated, H.c.id.in_(part))))
    return out


def redate_with(session: Session, new: dict[int, list[Report]]) -> None:
    """Re-date stored happenings that gained reports, from their current date (standing for
    the reports they had) and the new reports: no reading of every report of a big happening."""
    if not new:
        return
    updates = []
    for part in chunks(sorted(new)):
        query = select(H.c.id, H.c.date_how, H.c.conflict, H.c.value, H.c.mod, H.c.precision,
                       H.c.earliest, H.c.latest, H.c.edtf).where(H.c.id.in_(part),
                                                                 not_(H.c.curated))
        for row in session.execute(query):
            earliest, latest = day_of(row[6]), day_of(row[7])
            current = Report(-1, -1, "", "", None, False, row[1] or "inferred", "machine",
                             earliest, latest, (row[3], row[4], row[5], earliest, latest, row[8]))
            resolved, how, conflict = machine_date([current, *new[row[0]]])
            updates.append((how, bool(row[2]) or conflict, *resolved, row[0]))
    _write_dates(session, updates)


def dated_reports(session: Session, happening_ids: Sequence[int]) -> dict[int, list[Report]]:
    """The live reports of stored happenings with only what dates a happening (``machine_date``:
    dates, status, background flag, document): one indexed read, no participants or words."""
    out: dict[int, list[Report]] = defaultdict(list)
    for part in chunks(happening_ids):
        query = (select(E.c.id, E.c.document_id, E.c.background, E.c.date_how, E.c.status,
                        E.c.earliest, E.c.latest, E.c.value, E.c.mod, E.c.precision, E.c.edtf,
                        E.c.happening_id)
                 .where(E.c.happening_id.in_(part), _LIVE).order_by(E.c.id))
        for (eid, doc, background, how, status, earliest, latest, value, mod, precision, edtf,
             hid) in session.execute(query):
            earliest, latest = day_of(earliest), day_of(latest)
            out[hid].append(Report(eid, doc, "", "", None, bool(background), how, status, earliest,
                                   latest, (value, mod, precision, earliest, latest, edtf)))
    return out


def redate(session: Session, happening_ids: Sequence[int], extra: Sequence[Report] = ()) -> None:
    """Recompute the machine date (and conflict) of stored happenings not dated by a curator;
    ``extra``: reports not written yet that belong to them."""
    if not happening_ids:
        return
    reports = dated_reports(session, happening_ids)
    known = {r.id for mine in reports.values() for r in mine}
    for r in extra:
        if r.id not in known:
            known.add(r.id)
            reports[r.happening_id or 0].append(r)
    dated_by_curator = curated(session, happening_ids)
    updates = [(how, conflict, *resolved, hid) for hid, mine in reports.items()
               if hid and hid not in dated_by_curator
               for resolved, how, conflict in [machine_date(mine)]]
    _write_dates(session, updates)


def _write_dates(session: Session, updates: list[tuple]) -> None:
    raw_update_by_id(session, H, ["date_how", "conflict", "value", "mod", "precision",
                                  "earliest", "latest", "edtf"], updates)
