"""Curating happenings: split a report out, move it, merge happenings, confirm a grouping, set a
happening's date (resolving a conflict). Each action is one transaction and one change-log entry;
each writes ``happening_decisions`` rows (who, when, note) that ingest and ``regroup`` keep, and
each is undone by ``Curation.undo`` (the handlers below register themselves).

Reading: one happening with its reports (the evidence pane, ``eventdb happening show``), and the
happenings whose reports disagree (``eventdb report conflicts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eventdb.db.engine import Database
from eventdb.db.models import (
    ChangeLog, Document, Event, Happening, HappeningDecision, TimeNode, utcnow,
)
from eventdb.errors import ConflictError, InputError, NotFoundError
from eventdb.services.curation import UNDO_HANDLERS, ChangeResult, Curation
from eventdb.services.dating import RESOLVED_FIELDS
from eventdb.services.grouping import redate

ACTIONS = ("split-report", "move-report", "merge-happenings", "confirm-happening",
           "date-happening", "promote-report", "demote-report")
_HAPPENING_FIELDS = ("status", "curated", "conflict", "date_how", *RESOLVED_FIELDS)


@dataclass(slots=True)
class ReportRow:
    """One report of a happening, as the evidence pane lists it."""

    event_id: int
    document_id: str
    source: str | None
    published: str | None
    headline: str
    evidence: str
    value: str | None
    earliest: date | None
    latest: date | None
    date_how: str
    background: bool


@dataclass(slots=True)
class HappeningView:
    id: int
    value: str | None
    earliest: date | None
    latest: date | None
    status: str
    kind: str | None
    conflict: bool
    curated: bool
    reports: list[ReportRow]

    @property
    def sources(self) -> int:
        return len({r.source or r.document_id for r in self.reports})


def _reports(s: Session, happening_ids: list[int]) -> dict[int, list[ReportRow]]:
    pub = TimeNode
    evidence = Document.text  # cut in Python: one row per report, few reports
    rows = s.execute(
        select(Event.happening_id, Event.id, Document.external_id, Document.source, pub.value,
               Event.headline, evidence, Event.sentence_start, Event.sentence_end, Event.value,
               Event.earliest, Event.latest, Event.date_how, Event.background)
        .join(Document, Document.id == Event.document_id)
        .outerjoin(pub, pub.id == Document.published_node_id)
        .where(Event.happening_id.in_(happening_ids), Event.status != "rejected",
               Event.merged_into_id.is_(None))
        .order_by(Event.document_id, Event.position)).all()
    out: dict[int, list[ReportRow]] = {h: [] for h in happening_ids}
    for r in rows:
        out[r[0]].append(ReportRow(r[1], r[2], r[3], r[4], r[5], r[6][r[7]:r[8]], r[9], r[10],
                                   r[11], r[12], bool(r[13])))
    return out


def view_in(s: Session, happening_id: int) -> HappeningView | None:
    h = s.get(Happening, happening_id)
    if h is None:
        return None
    return HappeningView(h.id, h.value, h.earliest, h.latest, h.status, h.kind, h.conflict,
                         h.curated, _reports(s, [h.id])[h.id])


def happening_of(db: Database, happening_id: int) -> HappeningView:
    """A happening with its reports (NotFoundError when there is none)."""
    with db.session() as s:
        view = view_in(s, happening_id)
        if view is None:
            raise NotFoundError(f"no happening with id {happening_id}")
        return view


def conflicts(db: Database, limit: int | None = None) -> list[HappeningView]:
    """The happenings whose reports disagree on the date and that no curator has settled."""
    with db.session() as s:
        stmt = select(Happening).where(Happening.conflict, ~Happening.curated).order_by(
            Happening.earliest, Happening.id)
        if limit:
            stmt = stmt.limit(limit)
        found = list(s.scalars(stmt))
        reports = _reports(s, [h.id for h in found])
        return [HappeningView(h.id, h.value, h.earliest, h.latest, h.status, h.kind, h.conflict,
                              h.curated, reports[h.id]) for h in found if reports[h.id]]


class HappeningCuration:
    """The happening actions of one curator (undo is ``Curation.undo``: the last action)."""

    def __init__(self, db: Database, curator: str) -> None:
        self.db = db
        self.curator = curator

    def happening_of_event(self, event_id: int) -> int:
        """The happening an event reports (NotFoundError, InputError)."""
        with self.db.session() as s:
            row = s.execute(select(Event.happening_id).where(Event.id == event_id)).first()
        if row is None:
            raise NotFoundError(f"no event with id {event_id}")
        if row[0] is None:
            raise InputError(f"event {event_id} reports no happening yet: run `eventdb regroup`")
        return row[0]

    def split_event(self, event_id: int) -> ChangeResult:
        return self.split(event_id)

    def confirm_event(self, event_id: int) -> ChangeResult:
        """Confirm the grouping of the happening the event reports."""
        return self.confirm(self.happening_of_event(event_id))

    def join_events(self, event_ids: list[int], into: int) -> ChangeResult:
        """Merge the happenings of ``event_ids`` into the happening of event ``into``."""
        target = self.happening_of_event(into)
        others = [self.happening_of_event(e) for e in event_ids]
        ids = list(dict.fromkeys([target, *others]))
        if len(ids) < 2:
            raise InputError("these events report one happening already")
        return self.merge(ids)

    # -- helpers ---------------------------------------------------------------------------------
    @staticmethod
    def _happening(s: Session, happening_id: int) -> Happening:
        h = s.scalars(select(Happening).where(Happening.id == happening_id).with_for_update()).first()
        if h is None:
            raise NotFoundError(f"no happening with id {happening_id}")
        return h

    @staticmethod
    def _event(s: Session, event_id: int) -> Event:
        ev = s.scalars(select(Event).where(Event.id == event_id).with_for_update()).first()
        if ev is None:
            raise NotFoundError(f"no event with id {event_id}")
        if ev.happening_id is None:
            raise InputError(f"event {event_id} reports no happening yet: run `eventdb regroup`")
        return ev

    def _change(self, s: Session, action: str, summary: str, note: str | None) -> ChangeLog:
        change = ChangeLog(curator=self.curator, action=action, summary=summary, note=note,
                           payload={})
        s.add(change)
        s.flush()
        return change

    def _pin(self, s: Session, change: ChangeLog, events: list[Event], target: int,
             undo: dict) -> None:
        """Each event reports ``target`` by the curator's decision (the previous decision and
        happening kept in ``undo`` for undo)."""
        ids = [e.id for e in events]
        previous = dict(s.execute(select(HappeningDecision.event_id, HappeningDecision.id).where(
            HappeningDecision.event_id.in_(ids), HappeningDecision.is_current)).all())
        s.execute(update(HappeningDecision).where(HappeningDecision.event_id.in_(ids),
                                                  HappeningDecision.is_current)
                  .values(is_current=False).execution_options(synchronize_session=False))
        for ev in events:
            undo["events"].append([ev.id, ev.happening_id, previous.get(ev.id)])
            ev.happening_id = target
            s.add(HappeningDecision(decision="member", event_id=ev.id, happening_id=target,
                                    curator=self.curator, note=change.note, change_id=change.id))

    @staticmethod
    def _snapshot(h: Happening) -> list:
        return [h.id, {f: (v.isoformat() if isinstance(v, date) else v)
                       for f in _HAPPENING_FIELDS for v in [getattr(h, f)]}]

    def _finish(self, s: Session, change: ChangeLog, undo: dict, happenings: list[int]) -> ChangeResult:
        s.flush()
        redate(s, happenings)
        items = [f"e:{e[0]}" for e in undo["events"]] + [f"h:{h}" for h in happenings]
        change.payload = {"happenings": undo, "items": items}
        return ChangeResult(change.id, change.summary, [e[0] for e in undo["events"]])

    @staticmethod
    def _undo_record() -> dict:
        return {"events": [], "happenings": [], "created": []}

    # -- actions ---------------------------------------------------------------------------------
    def split(self, event_id: int, *, note: str | None = None) -> ChangeResult:
        """The report is a happening of its own (and stays so through regroup)."""
        with self.db.transaction() as s:
            ev = self._event(s, event_id)
            old = self._happening(s, ev.happening_id)  # type: ignore[arg-type]
            change = self._change(s, "split-report", f"split event {event_id} out of happening "
                                  f"{old.id}", note)
            new = Happening(kind=ev.kind or old.kind, status="machine")
            s.add(new)
            s.flush()
            undo = self._undo_record()
            undo["created"].append(new.id)
            undo["happenings"].append(self._snapshot(old))
            self._pin(s, change, [ev], new.id, undo)
            return self._finish(s, change, undo, [old.id, new.id])

    def move(self, event_id: int, happening_id: int, *, note: str | None = None) -> ChangeResult:
        """The report belongs to another happening."""
        with self.db.transaction() as s:
            ev = self._event(s, event_id)
            if ev.happening_id == happening_id:
                raise InputError(f"event {event_id} already reports happening {happening_id}")
            old = self._happening(s, ev.happening_id)  # type: ignore[arg-type]
            target = self._happening(s, happening_id)
            change = self._change(s, "move-report", f"moved event {event_id} from happening "
                                  f"{old.id} to {target.id}", note)
            undo = self._undo_record()
            undo["happenings"] += [self._snapshot(old), self._snapshot(target)]
            self._pin(s, change, [ev], target.id, undo)
            return self._finish(s, change, undo, [old.id, target.id])

    def merge(self, happening_ids: list[int], *, note: str | None = None) -> ChangeResult:
        """One happening: every report of the others joins the first."""
        ids = list(dict.fromkeys(int(i) for i in happening_ids))
        if len(ids) < 2:
            raise InputError("give at least two happening ids to merge")
        with self.db.transaction() as s:
            locked = [self._happening(s, h) for h in sorted(ids)]
            by_id = {h.id: h for h in locked}
            survivor = by_id[ids[0]]
            change = self._change(s, "merge-happenings", f"merged happenings "
                                  f"{', '.join(map(str, ids[1:]))} into {ids[0]}", note)
            undo = self._undo_record()
            undo["happenings"] += [self._snapshot(h) for h in locked]
            events = list(s.scalars(select(Event).where(Event.happening_id.in_(ids))
                                    .order_by(Event.id).with_for_update()))
            self._pin(s, change, events, survivor.id, undo)
            return self._finish(s, change, undo, ids)

    def confirm(self, happening_id: int, *, note: str | None = None) -> ChangeResult:
        """The curator vouches for the grouping: its reports stay together through regroup."""
        with self.db.transaction() as s:
            h = self._happening(s, happening_id)
            change = self._change(s, "confirm-happening", f"confirmed happening {h.id}", note)
            undo = self._undo_record()
            undo["happenings"].append(self._snapshot(h))
            events = list(s.scalars(select(Event).where(Event.happening_id == h.id)
                                    .order_by(Event.id).with_for_update()))
            self._pin(s, change, events, h.id, undo)
            h.status = "confirmed"
            return self._finish(s, change, undo, [h.id])

    def set_date(self, happening_id: int, text: str, *, note: str | None = None) -> ChangeResult:
        """The happening's date, by the curator: settles a conflict once (new reports do not
        change it)."""
        with self.db.transaction() as s:
            h = self._happening(s, happening_id)
            anchor = None
            if h.value is not None:
                from eventdb.services.dating import resolved_of
                anchor = resolved_of(h)  # type: ignore[arg-type]
            _, resolved = Curation._interpret(text, anchor, f"happening {h.id}'s date")
            change = self._change(s, "date-happening", f"dated happening {h.id} {resolved.value}",
                                  note)
            undo = self._undo_record()
            undo["happenings"].append(self._snapshot(h))
            previous = s.scalars(select(HappeningDecision.id).where(
                HappeningDecision.happening_id == h.id, HappeningDecision.decision == "date",
                HappeningDecision.is_current)).first()
            undo["previous_date"] = previous
            s.execute(update(HappeningDecision).where(
                HappeningDecision.happening_id == h.id, HappeningDecision.decision == "date",
                HappeningDecision.is_current).values(is_current=False)
                .execution_options(synchronize_session=False))
            values = {f: getattr(resolved, f) for f in RESOLVED_FIELDS}
            s.add(HappeningDecision(decision="date", happening_id=h.id, curator=self.curator,
                                    note=note, change_id=change.id, created_at=utcnow(), **values))
            for f, v in values.items():
                setattr(h, f, v)
            h.curated, h.conflict, h.status, h.date_how = True, False, "corrected", "curator"
            return self._finish(s, change, undo, [h.id])


    def set_background(self, event_ids: list[int], background: bool, *,
                       note: str | None = None) -> ChangeResult:
        """Promote background reports to the chronology (``background=False``) or send reports
        to the background: the curator's word, kept by ``ingest --replace``; the happenings'
        dates are recomputed (only shown reports date a happening)."""
        ids = list(dict.fromkeys(int(i) for i in event_ids))
        if not ids:
            raise InputError("give at least one event id")
        with self.db.transaction() as s:
            events = list(s.scalars(select(Event).where(Event.id.in_(ids)).order_by(Event.id)
                                    .with_for_update()))
            missing = sorted(set(ids) - {e.id for e in events})
            if missing:
                raise NotFoundError(f"no event with id {', '.join(map(str, missing))}")
            if any(e.happening_id is None for e in events):
                raise InputError("some of these events report no happening yet: run "
                                 "`eventdb regroup`")
            events = [e for e in events if e.background != background]
            if not events:  # the others are left as they are
                word = "in the background" if background else "shown in the chronology"
                raise InputError(f"event{'s' if len(ids) > 1 else ''} "
                                 f"{', '.join(map(str, ids))} already {word}")
            ids = [e.id for e in events]
            verb = "sent to the background" if background else "promoted to the chronology"
            what = f"event {ids[0]}" if len(ids) == 1 else f"{len(ids)} events"
            change = self._change(s, "demote-report" if background else "promote-report",
                                  f"{what} {verb}", note)
            undo = self._undo_record()
            happenings = sorted({e.happening_id for e in events})  # type: ignore[type-var]
            undo["happenings"] += [self._snapshot(self._happening(s, h)) for h in happenings]
            undo["background"] = [[e.id, e.background, e.background_curated] for e in events]
            for e in events:
                e.background, e.background_curated = background, True
            s.flush()
            redate(s, happenings)  # type: ignore[arg-type]
            change.payload = {"happenings": undo,
                              "items": [f"e:{e.id}" for e in events] + [f"h:{h}" for h in happenings]}
            return ChangeResult(change.id, change.summary, [e.id for e in events])


def _undo(s: Session, change: ChangeLog) -> list[int]:
    """Put back what a happening action changed: events' happenings, decisions, dates."""
    record = (change.payload or {}).get("happenings", {})
    s.execute(update(HappeningDecision).where(HappeningDecision.change_id == change.id)
              .values(is_current=False).execution_options(synchronize_session=False))
    touched = []
    wanted = {h for _, h, _ in record.get("events", []) if h is not None}
    wanted |= {h for h, _ in record.get("happenings", [])}
    present = set(s.scalars(select(Happening.id).where(Happening.id.in_(sorted(wanted)))))
    for missing in sorted(wanted - present):  # gone since (a regroup emptied it): again
        s.add(Happening(id=missing, status="machine"))
    s.flush()
    for event_id, happening_id, previous in reversed(record.get("events", [])):
        s.execute(update(Event).where(Event.id == event_id).values(happening_id=happening_id)
                  .execution_options(synchronize_session=False))
        if previous is not None:
            s.execute(update(HappeningDecision).where(HappeningDecision.id == previous)
                      .values(is_current=True).execution_options(synchronize_session=False))
        touched.append(event_id)
    for event_id, background, curated in record.get("background", []):
        s.execute(update(Event).where(Event.id == event_id)
                  .values(background=background, background_curated=curated)
                  .execution_options(synchronize_session=False))
        touched.append(event_id)
    if record.get("previous_date"):
        s.execute(update(HappeningDecision).where(HappeningDecision.id == record["previous_date"])
                  .values(is_current=True).execution_options(synchronize_session=False))
    for happening_id, fields in record.get("happenings", []):
        values = {k: (date.fromisoformat(v) if k in ("earliest", "latest") and v else v)
                  for k, v in fields.items()}
        s.execute(update(Happening).where(Happening.id == happening_id).values(**values)
                  .execution_options(synchronize_session=False))
    created = record.get("created", [])
    if created:
        left = s.scalars(select(Event.id).where(Event.happening_id.in_(created))).first()
        if left is not None:
            raise ConflictError(f'cannot undo "{change.summary}": event {left} was moved since '
                                "into the happening it created")
        s.execute(update(HappeningDecision).where(HappeningDecision.happening_id.in_(created))
                  .values(is_current=False).execution_options(synchronize_session=False))
    s.expire_all()
    return touched


UNDO_HANDLERS.update({action: _undo for action in ACTIONS})


def conflict_rows(session: Session) -> list[tuple]:
    """``report conflicts`` rows for happenings whose reports disagree: each disagreeing report
    against the one that dates the happening (kind, document, event, value, other document,
    other event, other value, days apart, detail)."""
    out: list[tuple] = []
    found = list(session.scalars(select(Happening).where(Happening.conflict, ~Happening.curated)
                                 .order_by(Happening.earliest, Happening.id)))
    if not found:
        return out
    reports = _reports(session, [h.id for h in found])
    for h in found:
        rows = [r for r in reports[h.id] if not r.background and r.earliest is not None]
        chosen = next((r for r in rows if r.value == h.value), None)
        if chosen is None:
            continue
        for r in rows:
            if r.latest < chosen.earliest or chosen.latest < r.earliest:  # type: ignore[operator]
                days = abs((r.earliest - chosen.earliest).days)  # type: ignore[operator]
                out.append(("happening-reports-disagree", chosen.document_id, chosen.event_id,
                            chosen.value, r.document_id, r.event_id, r.value, days,
                            f"happening {h.id}: {r.source or r.document_id} says {r.value}: "
                            f"{r.evidence.strip()[:200]}"))
    return out


def regroup_all(db: Database, on_progress=None) -> tuple[int, int]:  # noqa: ANN001
    """``eventdb regroup``: the machine's grouping recomputed, curator decisions kept; one
    transaction (see ``grouping.regroup``)."""
    from eventdb.services.grouping import regroup
    from eventdb.services.store import IdAllocator

    allocator = IdAllocator()
    with db.transaction() as s:
        return regroup(s, lambda table, n: allocator.take(s, table, n), on_progress=on_progress)
