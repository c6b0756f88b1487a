"""Re-resolution: when a date changes, everything that depends on it follows, in bulk.

The dependency graph: a time node is anchored on another node or on an event; an event is dated by
a time node. After a change at some roots, a breadth-first walk visits the dependents:

- machine values (status ``machine``/``unresolved``) and events re-anchored by a curator
  (``date_how = 'anchored'``) are re-resolved with ``eventdb.temporal.resolve(rule, anchor)``;
- values a curator set or confirmed are kept and marked ``needs-review``.

Reads and writes are batched (one query per level, one bulk UPDATE/INSERT per table) so that a
correction with 10,000 dependents commits well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eventdb.db.bulk import raw_executemany, raw_update_by_id
from eventdb.db.models import DateAssertion, Event, TimeNode, utcnow
from eventdb.services.dating import RESOLVED_FIELDS, machine_status
from eventdb.temporal import Resolved, resolve

FOLLOWING = ("machine", "unresolved")
CHUNK = 500


@dataclass
class Change:
    """One subject whose date or status changed in this transaction."""

    kind: str  # "event" | "node"
    id: int
    resolved: Resolved | None
    status: str
    version: int


def _values(resolved: Resolved | None) -> tuple:
    if resolved is None:
        return (None,) * 6
    return (resolved.value, resolved.mod, resolved.precision, resolved.earliest, resolved.latest,
            resolved.edtf)


def _row_values(row) -> tuple:  # noqa: ANN001
    return (row.value, row.mod, row.precision, row.earliest, row.latest, row.edtf)


def _anchor(known: dict, key: tuple[str, int]) -> Resolved | None:
    """The anchor's resolution: a Resolved (or None) as computed, or a row read from the table."""
    value = known.get(key)
    if value is None or isinstance(value, Resolved):
        return value
    resolved = known[key] = resolved_from_row(value)
    return resolved


def resolved_from_row(row) -> Resolved | None:  # noqa: ANN001
    if row.value is None:
        return None
    return Resolved(value=row.value, mod=row.mod, precision=row.precision,
                    earliest=row.earliest, latest=row.latest, edtf=row.edtf)


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


@dataclass
class Propagation:
    """Collects the changes of one walk and writes them in bulk."""

    session: Session
    note: str
    change_id: int | None
    curator: str | None = None
    changes: list[Change] = field(default_factory=list)
    #: subject key ("e:12"/"n:40") -> the assertion id that was current before this change
    previous: dict[str, int | None] = field(default_factory=dict)

    def walk(self, node_roots: Iterable[int] = (), event_roots: Iterable[int] = (),
             resolutions: dict[tuple[str, int], Resolved | None] | None = None) -> None:
        """Re-resolve everything downstream of the given nodes and events.

        ``resolutions`` gives the new values of the roots when they are not yet written.
        """
        known: dict[tuple[str, int], Resolved | None] = dict(resolutions or {})
        nodes = list(dict.fromkeys(node_roots))
        events = list(dict.fromkeys(event_roots))
        visited: set[tuple[str, int]] = {("node", n) for n in nodes} | {("event", e) for e in events}
        s = self.session
        while nodes or events:
            next_nodes: list[int] = []
            next_events: list[int] = []
            # Events dated by the changed nodes.
            for chunk in _chunks(nodes):
                rows = s.execute(select(
                    Event.id, Event.time_node_id, Event.status, Event.date_how, Event.version_id,
                    *[getattr(Event, f) for f in RESOLVED_FIELDS],
                ).where(Event.time_node_id.in_(chunk))).all()
                for r in rows:
                    if ("event", r.id) in visited:
                        continue
                    visited.add(("event", r.id))
                    anchor = _anchor(known, ("node", r.time_node_id))
                    if self._follow_event(r, anchor, known):
                        next_events.append(r.id)
            # Nodes anchored on the changed nodes or events.
            for column, ids, kind in ((TimeNode.anchor_node_id, nodes, "node"),
                                      (TimeNode.anchor_event_id, events, "event")):
                for chunk in _chunks(ids):
                    rows = s.execute(select(
                        TimeNode.id, TimeNode.rule, TimeNode.status, TimeNode.version_id,
                        column.label("anchor_id"), *[getattr(TimeNode, f) for f in RESOLVED_FIELDS],
                    ).where(column.in_(chunk))).all()
                    for r in rows:
                        if ("node", r.id) in visited:
                            continue
                        visited.add(("node", r.id))
                        anchor = _anchor(known, (kind, r.anchor_id))
                        if self._follow_node(r, anchor, known):
                            next_nodes.append(r.id)
            nodes, events = next_nodes, next_events

    def _follow_node(self, r, anchor: Resolved | None, known: dict) -> bool:  # noqa: ANN001
        follows = r.status in FOLLOWING
        new = resolve(r.rule, anchor) if follows else None
        return self._follow("node", r, follows, new, machine_status(new), known)

    def _follow_event(self, r, anchor: Resolved | None, known: dict) -> bool:  # noqa: ANN001
        follows = r.status in FOLLOWING or (r.status == "corrected" and r.date_how == "anchored")
        status = r.status if r.status == "corrected" else machine_status(anchor)
        return self._follow("event", r, follows, anchor, status, known)

    def _follow(self, kind: str, r, follows: bool, new: Resolved | None, status: str,  # noqa: ANN001
                known: dict) -> bool:
        """Record what happens to one dependent; True when its value moved (walk on from it).

        The old value stays a database row (``known`` converts it only if a dependent needs it as
        its anchor): building thousands of Resolved objects nobody reads was a third of a walk.
        """
        if follows and (_values(new) != _row_values(r) or status != r.status):
            self.changes.append(Change(kind, r.id, new, status, r.version_id))
            known[(kind, r.id)] = new
            return True
        if not follows and r.status in ("corrected", "confirmed"):
            self.changes.append(Change(kind, r.id, resolved_from_row(r), "needs-review", r.version_id))
        known[(kind, r.id)] = r
        return False

    def write(self) -> None:
        """Write the collected changes: retire current assertions, add new ones, refresh caches."""
        if not self.changes:
            return
        s = self.session
        now = utcnow()
        for kind, model, column in (("event", Event, DateAssertion.event_id),
                                    ("node", TimeNode, DateAssertion.node_id)):
            batch = [c for c in self.changes if c.kind == kind]
            if not batch:
                continue
            ids = [c.id for c in batch]
            table = DateAssertion.__table__
            subject_column = table.c[column.key]
            for chunk in _chunks(ids):
                # Retire the current assertions and learn which they were, in one statement.
                retired = s.execute(
                    update(table).where(subject_column.in_(chunk), table.c.is_current)
                    .values(is_current=False).returning(subject_column, table.c.id))
                for subject_id, assertion_id in retired:
                    self.previous.setdefault(f"{kind[0]}:{subject_id}", assertion_id)
            values = [
                (c.resolved.value, c.resolved.mod, c.resolved.precision, c.resolved.earliest,
                 c.resolved.latest, c.resolved.edtf) if c.resolved else (None,) * 6
                for c in batch
            ]
            subject = ("event_id", "node_id") if kind == "event" else ("node_id", "event_id")
            raw_executemany(
                s, DateAssertion.__table__,
                [subject[0], subject[1], "origin", "status", "is_current", "curator",
                 "created_at", "note", "change_id", *RESOLVED_FIELDS],
                [(c.id, None, "machine", c.status, True, self.curator, now, self.note,
                  self.change_id, *v) for c, v in zip(batch, values)],
            )
            raw_update_by_id(
                s, model.__table__, ["status", *RESOLVED_FIELDS],
                [(c.status, *v, c.id) for c, v in zip(batch, values)],
            )
        for c in self.changes:
            self.previous.setdefault(f"{c.kind[0]}:{c.id}", None)

    @property
    def event_ids(self) -> list[int]:
        return [c.id for c in self.changes if c.kind == "event"]

    @property
    def needs_review(self) -> list[int]:
        return [c.id for c in self.changes if c.kind == "event" and c.status == "needs-review"]
