"""Undo: a curator's last action not yet undone, refused when someone changed what it touched
since. A mixin of :class:`~eventdb.services.curation.Curation`; actions defined elsewhere
register their own step in ``UNDO_HANDLERS``."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from eventdb.db.models import (
    ChangeLog, DateAssertion, Document, Event, EventArgument, Mention, Participant,
    ParticipantAlias, TimeNode,
)
from eventdb.errors import ConflictError
from eventdb.services.curation_model import (
    UNDO_HANDLERS, ChangeResult, _retry_on_deadlock, redate_happenings_of,
)
from eventdb.services.dating import RESOLVED_FIELDS
from eventdb.services.propagation import CHUNK, raw_update_by_id
from eventdb.services.undo import lock_items, refuse_over_later_changes, touched_items


class Undoing:
    """Needs ``db``, ``curator`` and the shared helpers of ``Curation``."""

    # -- undo ----------------------------------------------------------------------------------
    _TABLES = {"events": Event, "documents": Document, "participants": Participant, "time_nodes": TimeNode}

    @_retry_on_deadlock
    def undo(self) -> ChangeResult | None:
        """Undo this curator's last action not yet undone; None when there is nothing to undo."""
        with self.db.transaction() as s:
            change = s.scalars(
                select(ChangeLog).where(ChangeLog.curator == self.curator, ChangeLog.action != "undo",
                                        ChangeLog.undone_by_id.is_(None))
                .order_by(ChangeLog.id.desc()).limit(1).with_for_update()
            ).first()
            if change is None:
                return None
            payload = change.payload or {}
            # Lock what it touched, then look for later work on any of it by someone else:
            # every kind of action, not only dates.
            lock_items(s, touched_items(payload))
            refuse_over_later_changes(s, change)
            previous: dict[str, int | None] = payload.get("previous", {})
            events_touched = self._undo_assertions(s, change, previous)
            import eventdb.services.edit_log  # noqa: F401 - registers its UNDO_HANDLERS
            import eventdb.services.happenings  # noqa: F401 - registers its UNDO_HANDLERS
            if change.action in UNDO_HANDLERS:
                events_touched += UNDO_HANDLERS[change.action](s, change)
            for table, row_id, values in reversed(payload.get("fields", [])):
                row = s.get(self._TABLES[table], row_id)
                if row is not None:
                    for key, value in values.items():
                        setattr(row, key, value)
                    if table == "events":
                        events_touched.append(row_id)
                    # Row by row, in reverse order of the change: an event merged into another
                    # is unmerged before the events re-pointed at it go back (see migration 0005).
                    s.flush()
            if change.action == "carry-curation":  # the happening decisions it carried
                from eventdb.db.models import HappeningDecision

                s.execute(update(HappeningDecision).where(HappeningDecision.change_id == change.id)
                          .values(is_current=False).execution_options(synchronize_session=False))
            for event_id, mention_id in payload.get("created_arguments", []):
                s.execute(delete(EventArgument).where(EventArgument.event_id == event_id,
                                                      EventArgument.mention_id == mention_id))
            for mention_id, participant_id in payload.get("moved_mentions", []):
                s.execute(update(Mention).where(Mention.id == mention_id).values(participant_id=participant_id))
            for alias_id, participant_id in payload.get("moved_aliases", []):
                s.execute(update(ParticipantAlias).where(ParticipantAlias.id == alias_id)
                          .values(participant_id=participant_id))
            if payload.get("created_aliases"):
                s.execute(delete(ParticipantAlias).where(ParticipantAlias.id.in_(payload["created_aliases"])))
            if payload.get("created_participants"):  # a split's: nothing names them any more
                s.execute(delete(Participant).where(Participant.id.in_(payload["created_participants"])))
            if payload.get("created_nodes"):
                s.execute(delete(TimeNode).where(TimeNode.id.in_(payload["created_nodes"])))
            undo = ChangeLog(curator=self.curator, action="undo", summary=f"undid: {change.summary}",
                             payload={}, undo_of_id=change.id)
            s.add(undo)
            s.flush()
            change.undone_by_id = undo.id
            redate_happenings_of(s, [f"e:{i}" for i in events_touched] + sorted(touched_items(payload)))
            return ChangeResult(undo.id, undo.summary, list(dict.fromkeys(events_touched)))

    def _undo_assertions(self, s: Session, change: ChangeLog, previous: dict[str, int | None]) -> list[int]:
        """Retire the assertions of ``change`` and make the ones before it current again."""
        touched: list[int] = []
        for prefix, model, column in (("e", Event, DateAssertion.event_id), ("n", TimeNode, DateAssertion.node_id)):
            ids = [int(k[2:]) for k in previous if k.startswith(prefix + ":")]
            for i in range(0, len(ids), CHUNK):
                chunk = ids[i:i + CHUNK]
                stale = s.execute(
                    select(column, DateAssertion.curator, DateAssertion.change_id)
                    .where(column.in_(chunk), DateAssertion.is_current,
                           (DateAssertion.change_id != change.id) | DateAssertion.change_id.is_(None))
                    .limit(1)
                ).first()
                if stale is not None:
                    label = "event" if prefix == "e" else "time node"
                    raise ConflictError(
                        f"cannot undo \"{change.summary}\": {label} {stale[0]} was changed since by "
                        f"{stale.curator or 'the machine'} (change {stale.change_id})")
            s.execute(update(DateAssertion).where(DateAssertion.change_id == change.id, DateAssertion.is_current)
                      .values(is_current=False).execution_options(synchronize_session=False))
            restore = {int(k[2:]): v for k, v in previous.items() if k.startswith(prefix + ":") and v is not None}
            keys = list(restore.values())
            for i in range(0, len(keys), CHUNK):
                chunk = keys[i:i + CHUNK]
                s.execute(update(DateAssertion).where(DateAssertion.id.in_(chunk)).values(is_current=True)
                          .execution_options(synchronize_session=False))
                rows = s.execute(select(DateAssertion.id, column.label("subject"), DateAssertion.status,
                                        *[getattr(DateAssertion, f) for f in RESOLVED_FIELDS])
                                 .where(DateAssertion.id.in_(chunk))).all()
                raw_update_by_id(s, model.__table__, ["status", *RESOLVED_FIELDS], [
                    (r.status, *(getattr(r, f) for f in RESOLVED_FIELDS), r.subject) for r in rows])
                if prefix == "e":
                    touched += [r.subject for r in rows]
        s.expire_all()
        return touched
