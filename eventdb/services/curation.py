"""Curation: the operations curators perform, each one transaction written to the change log.

The machine's answers are never overwritten: a correction is a new current date assertion and the
old one stays. When an anchor changes, machine values downstream are re-resolved; curator-set
values downstream are kept and marked ``needs-review``. Every action can be undone (the last
not-yet-undone action of the curator, repeatedly). Edits carry the ``version`` the curator saw;
a stale one fails with :class:`ConflictError` naming the current value and who set it.

The CLI and the TUI call this module; neither writes SQL of its own.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from eventdb.db.engine import Database
from eventdb.db.models import ChangeLog, DateAssertion, Document, Event, EventArgument, TimeNode
from eventdb.errors import ConflictError, InputError, NotFoundError
from eventdb.services.dating import assert_date, machine_status, resolved_of
from eventdb.services.propagation import Propagation
from eventdb.services.store import dateline_disagreement
from eventdb.services.undo import touched_items
from eventdb.temporal import Resolved, TemporalError, parse_value
from eventdb.temporal.curator_input import interpret_input
from eventdb.temporal.wording import words_of
from eventdb.temporal.rules import offset_rule

from eventdb.services.curation_model import (  # noqa: F401 - re-exported: the API's types
    UNDO_HANDLERS, Alternative, AnchorStep, ChangeResult, EventDetail, HistoryEntry, MAX_ID,
    _day_label, _direction, _resolve_input, _retry_on_deadlock, anchor_phrase, can_exist,
    describe_rule, parse_offset, redate_happenings_of, unit_words,
)
from eventdb.services.curation_participants import ParticipantIdentity
from eventdb.services.curation_reading import Reading
from eventdb.services.curation_undo import Undoing

PUBLISHED = "published"


class Curation(Reading, ParticipantIdentity, Undoing):
    """The curation service for one database and one curator."""

    def __init__(self, db: Database, curator: str) -> None:
        self.db = db
        self.curator = curator

    # -- shared helpers -------------------------------------------------------------------------
    @staticmethod
    def _row(s: Session, stmt, lock: bool, missing: str):  # noqa: ANN001, ANN205
        """The one row ``stmt`` selects (locked for update when asked), else NotFoundError."""
        row = s.scalars(stmt.with_for_update() if lock else stmt).first()
        if row is None:
            raise NotFoundError(missing)
        return row

    def _event(self, s: Session, event_id: int, *, lock: bool = False) -> Event:
        if not can_exist(event_id):
            raise NotFoundError(f"no event with id {event_id}")
        return self._row(s, select(Event).where(Event.id == event_id), lock,
                         f"no event with id {event_id}")

    def _document(self, s: Session, document_id: str, *, lock: bool = False) -> Document:
        return self._row(s, select(Document).where(Document.external_id == document_id), lock,
                         f"no document with id {document_id!r}")

    @staticmethod
    def _current(s: Session, subject: Event | TimeNode) -> DateAssertion | None:
        column = DateAssertion.event_id if isinstance(subject, Event) else DateAssertion.node_id
        return s.scalars(select(DateAssertion).where(column == subject.id, DateAssertion.is_current)).first()

    def _check_version(self, s: Session, subject: Event | TimeNode, version: int | None, label: str) -> None:
        if version is None or subject.version_id == version:
            return
        current = self._current(s, subject)
        who = (current.curator or "the machine") if current else "someone"
        when = f" at {current.created_at:%Y-%m-%d %H:%M}" if current and current.created_at else ""
        raise ConflictError(
            f"{label} was changed by {who}{when} since you read it: it is now "
            f"{subject.value or 'unresolved'} ({subject.status}); your edit was not saved"
        )

    def _change(self, s: Session, action: str, summary: str, note: str | None) -> ChangeLog:
        change = ChangeLog(curator=self.curator, action=action, summary=summary, note=note, payload={})
        s.add(change)
        s.flush()
        return change

    @staticmethod
    def _publication(s: Session, document_id: int) -> TimeNode:
        doc = s.get(Document, document_id)
        assert doc is not None and doc.published_node_id is not None
        node = s.get(TimeNode, doc.published_node_id)
        assert node is not None
        return node

    def _event_anchor(self, s: Session, ev: Event) -> tuple[Resolved | None, str]:
        """What natural language typed for this event is resolved against, and its name."""
        node = s.get(TimeNode, ev.time_node_id) if ev.time_node_id else None
        if node is not None and node.kind == "expression":
            if node.anchor_node_id is not None:
                anchor = s.get(TimeNode, node.anchor_node_id)
                assert anchor is not None
                label = "the publication date" if anchor.kind == "publication" else f'"{anchor.text}"'
                return resolved_of(anchor), label
            if node.anchor_event_id is not None:
                other = s.get(Event, node.anchor_event_id)
                return (resolved_of(other) if other else None), f"event {node.anchor_event_id}"
        return resolved_of(self._publication(s, ev.document_id)), "the publication date"

    @staticmethod
    def _interpret(text: str, anchor: Resolved | None, anchor_label: str) -> tuple[str, Resolved]:
        if not text or not text.strip():
            raise InputError("type a date (2014-06-24, 2014-06, 2014-W26) or words (the day before)")
        try:
            # EDTF, qualifiers ("before 1980", "circa 1990") and words, never dropping a qualifier
            return interpret_input(text.strip(), anchor)
        except TemporalError as exc:
            message = str(exc)
            if anchor is None and "anchor" in message.lower():
                message += f" ({anchor_label} is unknown)"
            raise InputError(message) from None

    @staticmethod
    def _walk(s: Session, change: ChangeLog, *, nodes=(), events=(), resolutions=None) -> Propagation:  # noqa: ANN001
        s.flush()
        prop = Propagation(s, note=f"re-resolved: its anchor changed (change {change.id})",
                           change_id=change.id)
        prop.walk(node_roots=nodes, event_roots=events, resolutions=resolutions)
        prop.write()
        return prop

    @staticmethod
    def _finish(change: ChangeLog, previous: dict, prop: Propagation | None = None, **extra) -> None:  # noqa: ANN003
        """Record what undo needs in the change's payload (``items``: keys of touched items
        the rest does not name, see ``eventdb.services.undo``)."""
        merged = dict(previous)
        if prop is not None:
            for key, value in prop.previous.items():
                merged.setdefault(key, value)
        change.payload = {"previous": merged, **extra}
        redate_happenings_of(object_session(change), touched_items(change.payload))

    # -- writing -------------------------------------------------------------------------------
    def set_published(self, document_id: str, value: str | None, *, note: str | None = None,
                      version: int | None = None) -> ChangeResult:
        """Set (or, with None/"unknown", unset) a document's publication date; re-resolve."""
        return self.set_published_many([document_id], value, note=note, version=version)

    @_retry_on_deadlock
    def set_published_many(self, document_ids: list[str], value: str | None, *,
                           note: str | None = None, version: int | None = None) -> ChangeResult:
        """The same publication date (or unknown) for several documents: one transaction, one
        change-log entry, one undo; their relative dates re-resolve."""
        ids = list(dict.fromkeys(document_ids))
        if not ids:
            raise InputError("give at least one document id")
        if version is not None and len(ids) > 1:
            raise InputError("--if-version takes one document id")
        unknown = value is None or value.strip().lower() in ("", "unknown", "none", "null")
        resolved: Resolved | None = None
        if not unknown:
            try:
                resolved = parse_value(value.strip())  # type: ignore[union-attr]
            except TemporalError as exc:
                raise InputError(f"invalid publication date {value!r}: {exc}") from None
            if not resolved.is_resolved or resolved.earliest is None:
                raise InputError(f"a publication date must be a calendar date, not {value!r}")
        shown = resolved.value if resolved else "unknown"
        with self.db.transaction() as s:
            docs = [self._document(s, d, lock=True) for d in ids]
            pubs = [s.get(TimeNode, doc.published_node_id) for doc in docs]
            assert all(p is not None for p in pubs)
            self._check_version(s, pubs[0], version, f"the publication date of {ids[0]}")
            summary = (f"{ids[0]}: published {pubs[0].value or 'unknown'} → {shown}" if len(ids) == 1
                       else f"{', '.join(ids)}: published → {shown}")
            change = self._change(s, "set-published", summary, note)
            previous: dict[str, int | None] = {}
            fields: list = []
            for doc, pub in zip(docs, pubs):
                previous[f"n:{pub.id}"] = getattr(self._current(s, pub), "id", None)
                fields.append(["documents", doc.id, {"review_reason": doc.review_reason}])
                assert_date(s, pub, resolved, origin="curator",
                            status="corrected" if resolved else "unresolved", curator=self.curator,
                            note=note, input_text=value, rule="dct", change_id=change.id)
                doc.review_reason = self._dateline_review(s, doc, resolved)
            prop = self._walk(s, change, nodes=[p.id for p in pubs],
                              resolutions={("node", p.id): resolved for p in pubs})
            self._finish(change, previous, prop, fields=fields)
            return ChangeResult(change.id, change.summary, prop.event_ids, prop.needs_review)

    @staticmethod
    def _dateline_review(s: Session, doc: Document, published: Resolved | None) -> str | None:
        dateline = s.scalars(select(TimeNode).where(
            TimeNode.document_id == doc.id, TimeNode.kind == "dateline")).first()
        if dateline is None or published is None or published.earliest is None:
            return None
        return dateline_disagreement(published.earliest, resolved_of(dateline))

    @_retry_on_deadlock
    def set_date(self, event_id: int, text: str, *, note: str | None = None,
                 version: int | None = None) -> ChangeResult:
        """A TIMEX3/ISO/EDTF value or natural language resolved against the event's anchor."""
        with self.db.transaction() as s:
            ev = self._event(s, event_id, lock=True)
            self._check_version(s, ev, version, f"event {event_id}")
            anchor, label = self._event_anchor(s, ev)
            rule, resolved = self._interpret(text, anchor, label)
            change = self._change(s, "set-date", f"event {event_id}: {words_of(resolved_of(ev))} → {words_of(resolved)}", note)
            previous = {f"e:{ev.id}": getattr(self._current(s, ev), "id", None)}
            fields = [["events", ev.id, {"date_how": ev.date_how}]]
            assert_date(s, ev, resolved, origin="curator", status="corrected", curator=self.curator,
                        note=note, input_text=text, rule=rule, change_id=change.id)
            ev.date_how = "curator"
            prop = self._walk(s, change, events=[ev.id], resolutions={("event", ev.id): resolved})
            self._finish(change, previous, prop, fields=fields)
            return ChangeResult(change.id, change.summary, [ev.id, *prop.event_ids], prop.needs_review)

    @_retry_on_deadlock
    def set_node_date(self, node_id: int, text: str, *, note: str | None = None,
                      version: int | None = None) -> ChangeResult:
        """Correct a time expression itself: every event it dates follows (unless curated)."""
        with self.db.transaction() as s:
            node = s.scalars(select(TimeNode).where(TimeNode.id == node_id).with_for_update()).first() \
                if can_exist(node_id) else None
            if node is None or node.kind == "publication":
                raise NotFoundError(f"no time expression with id {node_id}")
            self._check_version(s, node, version, f"time node {node_id}")
            if node.anchor_node_id is not None:
                anchor_row = s.get(TimeNode, node.anchor_node_id)
                anchor, label = resolved_of(anchor_row), "its anchor"  # type: ignore[arg-type]
            elif node.anchor_event_id is not None:
                anchor, label = resolved_of(s.get(Event, node.anchor_event_id)), "its anchor event"  # type: ignore[arg-type]
            else:
                anchor, label = resolved_of(self._publication(s, node.document_id)), "the publication date"
            rule, resolved = self._interpret(text, anchor, label)
            change = self._change(s, "set-date", f"time node {node_id} \"{node.text}\": {words_of(resolved_of(node))} → {words_of(resolved)}", note)
            previous = {f"n:{node.id}": getattr(self._current(s, node), "id", None)}
            assert_date(s, node, resolved, origin="curator", status="corrected", curator=self.curator,
                        note=note, input_text=text, rule=rule, change_id=change.id)
            prop = self._walk(s, change, nodes=[node.id], resolutions={("node", node.id): resolved})
            self._finish(change, previous, prop)
            return ChangeResult(change.id, change.summary, prop.event_ids, prop.needs_review)

    def _depends_on(self, s: Session, event_id: int, target: int) -> bool:
        """Does ``event_id``'s date depend (transitively) on event ``target``?"""
        stack, seen = [event_id], set()
        while stack:
            current = stack.pop()
            if current == target:
                return True
            if current in seen:
                continue
            seen.add(current)
            node_id = s.scalar(select(Event.time_node_id).where(Event.id == current))
            hops = 0
            while node_id is not None and hops < 10_000:
                hops += 1
                row = s.execute(select(TimeNode.anchor_node_id, TimeNode.anchor_event_id)
                                .where(TimeNode.id == node_id)).first()
                if row is None:
                    break
                if row.anchor_event_id is not None:
                    stack.append(row.anchor_event_id)
                    break
                node_id = row.anchor_node_id
        return False

    def reanchor(self, event_id: int, to: int | str, *, relation: str = "ON",
                 offset: str | None = None, note: str | None = None,
                 version: int | None = None) -> ChangeResult:
        """Date the event from another event (``to`` = its id) or from ``"published"``."""
        return self.reanchor_many([event_id], to, relation=relation, offset=offset, note=note,
                                  version=version)

    @_retry_on_deadlock
    def reanchor_many(self, event_ids: list[int], to: int | str, *, relation: str = "ON",
                      offset: str | None = None, note: str | None = None,
                      version: int | None = None) -> ChangeResult:
        """Date each of the events from the same anchor (an event id, or ``"published"``: each
        event's own publication date): one transaction, one change-log entry, one undo."""
        ids = list(dict.fromkeys(int(i) for i in event_ids))
        if not ids:
            raise InputError("give at least one event id")
        if version is not None and len(ids) > 1:
            raise InputError("--if-version takes one event id")
        relation, rule, offset_words = self._anchor_rule(relation, offset)
        with self.db.transaction() as s:
            events = [self._event(s, i, lock=True) for i in ids]
            self._check_version(s, events[0], version, f"event {ids[0]}")
            targets = [self._anchor_target(s, ev, to) for ev in events]
            phrase = anchor_phrase(relation, offset_words, targets[0][3])
            subject = f"event {ids[0]}" if len(ids) == 1 else f"events {', '.join(map(str, ids))}"
            change = self._change(s, "anchor", f"{subject}: dated {phrase}", note)
            previous: dict[str, int | None] = {}
            fields: list = []
            created: list[int] = []
            resolutions: dict = {}
            for ev, (anchor_node_id, anchor_event_id, anchor, target_words) in zip(events, targets):
                previous[f"e:{ev.id}"] = getattr(self._current(s, ev), "id", None)
                fields.append(["events", ev.id, {"time_node_id": ev.time_node_id,
                                                 "relation": ev.relation, "date_how": ev.date_how}])
                if anchor_event_id is None and rule == "offset:+P0D:keep":
                    node = self._publication(s, ev.document_id)
                    resolved = anchor
                else:
                    resolved = _resolve_input(rule, anchor)
                    node = TimeNode(document_id=ev.document_id, kind="expression",
                                    text=f"{offset_words}{target_words}".strip(), timex_type="DATE",
                                    rule=rule, anchor_node_id=anchor_node_id,
                                    anchor_event_id=anchor_event_id)
                    s.add(node)
                    s.flush()
                    assert_date(s, node, resolved, origin="machine", status=machine_status(resolved),
                                curator=self.curator, rule=rule, change_id=change.id, first=True,
                                note="made by a curator's re-anchoring")
                    created.append(node.id)
                ev.time_node_id = node.id
                ev.relation = relation
                ev.date_how = "anchored"
                assert_date(s, ev, resolved, origin="curator", status="corrected",
                            curator=self.curator, note=note,
                            input_text=anchor_phrase(relation, offset_words, target_words),
                            rule=rule, change_id=change.id)
                resolutions[("event", ev.id)] = resolved
            prop = self._walk(s, change, events=ids, resolutions=resolutions)
            self._finish(change, previous, prop, fields=fields, created_nodes=created)
            return ChangeResult(change.id, change.summary, [*ids, *prop.event_ids], prop.needs_review)

    @staticmethod
    def _anchor_rule(relation: str, offset: str | None) -> tuple[str, str, str]:
        """(RELATION, the rule, the offset in words) for a re-anchoring; InputError if invalid."""
        from eventdb.db.models import RELATIONS

        relation = relation.upper()
        if relation not in RELATIONS:
            raise InputError(f"relation must be one of {', '.join(r.lower() for r in RELATIONS)}")
        if not offset or not offset.strip():
            return relation, "offset:+P0D:keep", ""
        amount, sign = parse_offset(offset)
        direction = "before" if (relation == "BEFORE") != (sign < 0) else "after"
        return relation, offset_rule(amount, direction), f"{offset.strip().lstrip('+-')} {direction} "

    def _anchor_target(self, s: Session, ev: Event, to: int | str):  # noqa: ANN202
        """(anchor node id, anchor event id, its resolution, in words) for ``to``."""
        pub = self._publication(s, ev.document_id)
        if isinstance(to, str) and to.strip().lower() in (PUBLISHED, "publication", "dct"):
            return pub.id, None, resolved_of(pub), "the publication date"
        try:
            target_id = int(to)
        except (TypeError, ValueError):
            raise InputError(f"anchor to an event id or 'published', not {to!r}") from None
        other = s.get(Event, target_id) if can_exist(target_id) else None
        if other is None:
            raise NotFoundError(f"no event with id {target_id}")
        if target_id == ev.id or self._depends_on(s, target_id, ev.id):
            raise InputError(
                f"cannot anchor event {ev.id} on event {target_id}: event {target_id} "
                f"is dated from event {ev.id} (that would be a cycle)")
        return None, target_id, resolved_of(other), f"event {target_id}"

    def preview_reanchor(self, event_id: int, to: int | str, *, relation: str = "ON",
                         offset: str | None = None) -> Resolved | None:
        """The date ``reanchor`` would give (None while the anchor is unknown), without writing."""
        relation, rule, _ = self._anchor_rule(relation, offset)
        with self.db.session() as s:
            ev = self._event(s, event_id)
            _, _, anchor, _ = self._anchor_target(s, ev, to)
            if rule == "offset:+P0D:keep":
                return anchor
            return _resolve_input(rule, anchor)

    @staticmethod
    def _lock_events(s: Session, ids: list[int]) -> dict[int, Event]:
        """The events ``ids``, locked in id order (NotFoundError if one is missing).

        One order for every writer: two curators merging 20→21 and 21→20 at once queue up
        instead of deadlocking, and the second reads what the first wrote (PostgreSQL).
        """
        for i in ids:
            if not can_exist(i):
                raise NotFoundError(f"no event with id {i}")
        rows = s.scalars(select(Event).where(Event.id.in_(ids)).order_by(Event.id)
                         .with_for_update().execution_options(populate_existing=True)).all()
        found = {e.id: e for e in rows}
        for i in ids:
            if i not in found:
                raise NotFoundError(f"no event with id {i}")
        return found

    @staticmethod
    def _merged_into(s: Session, ids: list[int]) -> dict[int, list[int]]:
        """Event id -> the events merged into it, for those of ``ids`` that have any."""
        found: dict[int, list[int]] = {}
        for child, target in s.execute(select(Event.id, Event.merged_into_id)
                                       .where(Event.merged_into_id.in_(ids)).order_by(Event.id)):
            found.setdefault(target, []).append(child)
        return found

    @_retry_on_deadlock
    def _restate(self, event_ids: list[int], status: str, action: str, note: str | None) -> ChangeResult:
        ids = list(dict.fromkeys(int(i) for i in event_ids))
        if not ids:
            raise InputError("give at least one event id")
        with self.db.transaction() as s:
            locked = self._lock_events(s, ids)
            events = [locked[i] for i in ids]
            if status == "rejected":
                # A rejected event would hide the reports merged into it (and the database
                # refuses it): say so instead.
                for target, children in self._merged_into(s, ids).items():
                    raise InputError(
                        f"event {target} has event{'s' if len(children) > 1 else ''} "
                        f"{', '.join(map(str, children))} merged into it: undo that merge first, "
                        "or merge them into a live event")
            change = self._change(s, action, f"{action} event{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))}", note)
            previous = {}
            for ev in events:
                previous[f"e:{ev.id}"] = getattr(self._current(s, ev), "id", None)
                assert_date(s, ev, resolved_of(ev), origin="curator", status=status,
                            curator=self.curator, note=note, rule=None, change_id=change.id)
            self._finish(change, previous)
            return ChangeResult(change.id, change.summary, ids)

    def confirm(self, event_ids: list[int], *, note: str | None = None) -> ChangeResult:
        """A curator vouches for the current date of these events."""
        return self._restate(event_ids, "confirmed", "confirm", note)

    def reject(self, event_ids: list[int], *, note: str | None = None) -> ChangeResult:
        """Not an event: hidden from the chronology and exports (undo brings it back)."""
        return self._restate(event_ids, "rejected", "reject", note)

    @_retry_on_deadlock
    def merge_events(self, event_ids: list[int], *, note: str | None = None) -> ChangeResult:
        """Merge into the first id: one event, every mention and date kept, disagreement flagged."""
        ids = list(dict.fromkeys(int(i) for i in event_ids))
        if len(ids) < 2:
            raise InputError("give at least two event ids to merge")
        with self.db.transaction() as s:
            locked = self._lock_events(s, ids)
            events = [locked[i] for i in ids]
            survivor, others = events[0], events[1:]
            # Only into a live event: a merge into a merged or rejected one hid both (the
            # database refuses it too, see migration 0005).
            if survivor.merged_into_id is not None:
                raise InputError(f"event {survivor.id} is merged into {survivor.merged_into_id} "
                                 f"already: merge into {survivor.merged_into_id} instead")
            if survivor.status == "rejected":
                raise InputError(f"event {survivor.id} is rejected: undo the rejection or pick "
                                 "a live event")
            for other in others:
                if other.merged_into_id is not None:
                    raise InputError(f"event {other.id} is already merged into event {other.merged_into_id}")
            change = self._change(s, "merge-events", f"merged events {', '.join(map(str, ids[1:]))} into {ids[0]}", note)
            # Events merged into the others follow them into the survivor (no chains): first,
            # so that no row ever points at a merged event.
            children = [c for cs in self._merged_into(s, ids[1:]).values() for c in cs]
            fields: list = []
            for child in (self._lock_events(s, children).values() if children else ()):
                fields.append(["events", child.id, {"merged_into_id": child.merged_into_id}])
                child.merged_into_id = survivor.id
            s.flush()
            fields += [["events", o.id, {"merged_into_id": None}] for o in others]
            known = set(s.scalars(select(EventArgument.mention_id).where(EventArgument.event_id == survivor.id)))
            created_arguments = []
            for other in others:
                other.merged_into_id = survivor.id
                for arg in s.scalars(select(EventArgument).where(EventArgument.event_id == other.id)):
                    if arg.mention_id not in known:
                        known.add(arg.mention_id)
                        s.add(EventArgument(event_id=survivor.id, mention_id=arg.mention_id, role=arg.role))
                        created_arguments.append([survivor.id, arg.mention_id])
            values = {e.value for e in events}
            previous = {}
            if len(values) > 1:
                previous[f"e:{survivor.id}"] = getattr(self._current(s, survivor), "id", None)
                disagreement = "; ".join(f"event {e.id}: {e.value or 'unresolved'}" for e in events)
                assert_date(s, survivor, resolved_of(survivor), origin="curator", status="needs-review",
                            curator=self.curator, note=f"merged reports disagree ({disagreement})",
                            change_id=change.id)
            self._finish(change, previous, fields=fields, created_arguments=created_arguments,
                         items=[f"e:{survivor.id}"])
            return ChangeResult(change.id, change.summary, ids,
                                [survivor.id] if len(values) > 1 else [])

    # -- bulk (appended for the TUI workbench: one transaction, one change, one undo) ----------
    @_retry_on_deadlock
    def set_dates(self, event_ids: list[int], text: str, *, note: str | None = None) -> ChangeResult:
        """``set_date`` on many events at once: each resolves ``text`` against its own anchor.

        One transaction and one change-log entry, so one undo restores them all; any event that
        cannot take the date refuses the whole change (nothing is written).
        """
        ids = list(dict.fromkeys(int(i) for i in event_ids))
        if not ids:
            raise InputError("give at least one event id")
        if len(ids) == 1:
            return self.set_date(ids[0], text, note=note)
        with self.db.transaction() as s:
            events = [self._event(s, i, lock=True) for i in ids]
            answers = []
            for ev in events:
                anchor, label = self._event_anchor(s, ev)
                try:
                    answers.append(self._interpret(text, anchor, label))
                except InputError as exc:
                    raise InputError(f"event {ev.id}: {exc}") from None
            values = sorted({r.value or "unresolved" for _, r in answers})
            change = self._change(s, "set-date", f"events {', '.join(map(str, ids))} → {', '.join(values)}",
                                  note)
            previous, fields, resolutions = {}, [], {}
            for ev, (rule, resolved) in zip(events, answers):
                previous[f"e:{ev.id}"] = getattr(self._current(s, ev), "id", None)
                fields.append(["events", ev.id, {"date_how": ev.date_how}])
                assert_date(s, ev, resolved, origin="curator", status="corrected",
                            curator=self.curator, note=note, input_text=text, rule=rule,
                            change_id=change.id)
                ev.date_how = "curator"
                resolutions[("event", ev.id)] = resolved
            prop = self._walk(s, change, events=ids, resolutions=resolutions)
            self._finish(change, previous, prop, fields=fields)
            return ChangeResult(change.id, change.summary, [*ids, *prop.event_ids], prop.needs_review)
