"""The change log of row edits (``eventdb.services.editing``): undo and history.

The undo functions are registered in ``curation.UNDO_HANDLERS`` when this module is imported
(``Curation.undo`` imports it): each checks that nobody changed the same rows since, else raises
ConflictError naming who did, and puts back what the payload (``change.payload["edit"]``) says
was there. ``edit_history`` gives the edits of an event as history entries.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from eventdb.db.models import (
    ChangeLog, DateAssertion, Event, EventArgument, Mention, Participant, ParticipantAlias,
    TimeNode,
)
from eventdb.errors import ConflictError
from eventdb.services.curation import UNDO_HANDLERS, HistoryEntry
from eventdb.services.editing import (
    ACTIONS, ADD, ADD_PARTICIPANT, HEADLINE, REMOVE_PARTICIPANT, SET_ROLE, SPLIT,
)


# -- undo ------------------------------------------------------------------------------------------

def _refuse(s: Session, change: ChangeLog, event_id: int, what: str = "was changed") -> ConflictError:
    """The refusal naming who changed the event since ``change`` (when the log tells)."""
    later = _later_changes(s, change, event_id)
    by = f" by {later.curator} (change {later.id}: {later.summary})" if later is not None else ""
    return ConflictError(f"cannot undo \"{change.summary}\": event {event_id} {what} since{by}")


def _later_changes(s: Session, change: ChangeLog, event_id: int) -> ChangeLog | None:
    """The latest change after ``change``, not undone, that touched the event."""
    dated = s.scalars(
        select(ChangeLog).join(DateAssertion, DateAssertion.change_id == ChangeLog.id)
        .where(DateAssertion.event_id == event_id, ChangeLog.id > change.id,
               ChangeLog.undone_by_id.is_(None))
        .order_by(ChangeLog.id.desc()).limit(1)).first()
    edits = [c for c in _edit_changes(s, event_id) if c.id > change.id and c.undone_by_id is None]
    found = [c for c in (dated, *edits) if c is not None]
    return max(found, key=lambda c: c.id) if found else None


def _edit_changes(s: Session, event_id: int) -> list[ChangeLog]:
    """The edits (this module's actions) that touched an event, oldest first. The change log
    is small (curators' actions) and its payload is JSON, read the same on both engines here."""
    rows = s.scalars(select(ChangeLog).where(ChangeLog.action.in_(ACTIONS)).order_by(ChangeLog.id))
    return [c for c in rows if event_id in ((c.payload or {}).get("edit", {}).get("events") or [])]


def _check_removable(s: Session, change: ChangeLog, event_id: int) -> None:
    """Undoing the creation of a row deletes it: refuse when anything else now rests on it."""
    ev = s.get(Event, event_id)
    if ev is None:
        raise ConflictError(f"cannot undo \"{change.summary}\": event {event_id} is gone")
    redated = s.scalar(select(func.count()).select_from(DateAssertion).where(
        DateAssertion.event_id == event_id, DateAssertion.is_current,
        (DateAssertion.change_id != change.id) | DateAssertion.change_id.is_(None)))
    later = _later_changes(s, change, event_id)
    if redated or later is not None or ev.merged_into_id is not None:
        raise _refuse(s, change, event_id)
    merged = s.scalars(select(Event.id).where(Event.merged_into_id == event_id)).first()
    if merged is not None:
        raise ConflictError(f"cannot undo \"{change.summary}\": event {merged} was merged into "
                            f"event {event_id} since")
    anchored = s.scalars(select(TimeNode.id).where(TimeNode.anchor_event_id == event_id)).first()
    if anchored is not None:
        raise ConflictError(f"cannot undo \"{change.summary}\": another date is anchored on "
                            f"event {event_id} since (time node {anchored})")


def _undo_add(s: Session, change: ChangeLog) -> list[int]:
    created = change.payload["edit"]["created"]
    _check_removable(s, change, created)
    _delete_event(s, created)
    return []


def _delete_event(s: Session, event_id: int) -> None:
    """A curator-made row, with its arguments and date assertions (nothing else rests on it)."""
    s.execute(delete(EventArgument).where(EventArgument.event_id == event_id))
    s.execute(delete(DateAssertion).where(DateAssertion.event_id == event_id))
    s.execute(delete(Event).where(Event.id == event_id))


def _undo_split(s: Session, change: ChangeLog) -> list[int]:
    edit = change.payload["edit"]
    kept, created = edit["split"], edit["created"]
    _check_removable(s, change, created)
    ev = s.get(Event, kept)
    if ev is None:
        raise ConflictError(f"cannot undo \"{change.summary}\": event {kept} is gone")
    if any(getattr(ev, k) != v for k, v in edit["after"].items()):
        raise _refuse(s, change, kept)
    _delete_event(s, created)
    for key, value in edit["before"].items():
        setattr(ev, key, value)
    return [kept]


def _undo_headline(s: Session, change: ChangeLog) -> list[int]:
    edit = change.payload["edit"]
    (event_id,) = edit["events"]
    ev = s.get(Event, event_id)
    if ev is None:
        raise ConflictError(f"cannot undo \"{change.summary}\": event {event_id} is gone")
    if ev.headline != edit["after"]:
        raise _refuse(s, change, event_id, "had its headline changed")
    ev.headline = edit["before"]
    return [event_id]


def _argument(s: Session, event_id: int, mention_id: int) -> EventArgument | None:
    return s.get(EventArgument, (event_id, mention_id))


def _undo_add_participant(s: Session, change: ChangeLog) -> list[int]:
    edit = change.payload["edit"]
    (event_id,) = edit["events"]
    arg = _argument(s, event_id, edit["mention"])
    if arg is None or arg.role != edit["role"]:
        raise _refuse(s, change, event_id, f"had {edit['participant']}'s part changed")
    s.delete(arg)
    s.flush()
    if edit.get("created_mention"):
        used = s.scalar(select(func.count()).select_from(EventArgument)
                        .where(EventArgument.mention_id == edit["mention"]))
        if not used:
            s.execute(delete(Mention).where(Mention.id == edit["mention"]))
    pid = edit.get("created_participant")
    if pid is not None:
        # Only a participant nothing else has come to use since (mentions, merges, aliases).
        mentions = s.scalar(select(func.count()).select_from(Mention)
                            .where(Mention.participant_id == pid))
        merged = s.scalar(select(func.count()).select_from(Participant)
                          .where(Participant.merged_into_id == pid))
        aliases = s.scalar(select(func.count()).select_from(ParticipantAlias)
                           .where(ParticipantAlias.participant_id == pid))
        if not mentions and not merged and aliases <= 1:
            s.execute(delete(ParticipantAlias).where(ParticipantAlias.participant_id == pid))
            s.execute(delete(Participant).where(Participant.id == pid))
    return [event_id]


def _undo_remove_participant(s: Session, change: ChangeLog) -> list[int]:
    edit = change.payload["edit"]
    (event_id,) = edit["events"]
    for mention_id, _role in edit["removed"]:
        if _argument(s, event_id, mention_id) is not None or s.get(Mention, mention_id) is None:
            raise _refuse(s, change, event_id, f"had {edit['participant']} added back")
    for mention_id, role in edit["removed"]:
        s.add(EventArgument(event_id=event_id, mention_id=mention_id, role=role))
    return [event_id]


def _undo_set_role(s: Session, change: ChangeLog) -> list[int]:
    edit = change.payload["edit"]
    (event_id,) = edit["events"]
    args = [(_argument(s, event_id, m), role) for m, role in edit["before"]]
    if any(a is None or a.role != edit["role"] for a, _ in args):
        raise _refuse(s, change, event_id, f"had {edit['participant']}'s part changed")
    for a, role in args:
        a.role = role  # type: ignore[union-attr]
    return [event_id]


UNDO_HANDLERS.update({
    ADD: _undo_add, SPLIT: _undo_split, HEADLINE: _undo_headline,
    ADD_PARTICIPANT: _undo_add_participant, REMOVE_PARTICIPANT: _undo_remove_participant,
    SET_ROLE: _undo_set_role,
})


# -- history ---------------------------------------------------------------------------------------

def edit_history(s: Session, event_id: int) -> list[HistoryEntry]:
    """The edits of an event as history entries (the date's history is ``Curation.history``)."""
    entries = []
    for c in _edit_changes(s, event_id):
        edit = c.payload["edit"]
        value = {HEADLINE: edit.get("after"), ADD_PARTICIPANT: edit.get("participant"),
                 REMOVE_PARTICIPANT: edit.get("participant"), SET_ROLE: edit.get("participant"),
                 SPLIT: f"split into {edit.get('split')} and {edit.get('created')}",
                 ADD: f"added: {c.summary.split(': ', 1)[-1]}"}.get(c.action, c.summary)
        typed = {HEADLINE: f"was {edit.get('before')!r}",
                 ADD_PARTICIPANT: f"as {edit.get('role')}", SET_ROLE: f"now {edit.get('role')}",
                 }.get(c.action)
        entries.append(HistoryEntry(
            when=c.created_at, who=c.curator, origin="curator", status=c.action, value=value,
            earliest=None, latest=None, input_text=typed, note=c.note, current=False,
            subject=f"event {event_id}", change_id=c.id, undone=c.undone_by_id is not None))
    return entries
