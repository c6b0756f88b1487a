"""What a logged change touched, and whether undoing it would revert someone else's later work.

Every change-log payload says what the change did (``previous`` assertions, restored ``fields``,
moved mentions, created aliases...). From that, :func:`touched_items` names the items it touched
as keys ("e:12" event, "n:40" time node, "p:5" participant, "d:3" document, "m:9" mention,
"a:7" alias). Undo refuses while a later change that is not undone touches any of the same items,
whatever the kinds of the two actions: undoing ana's rename would otherwise silently revert
bob's later rename of the same participant. The keys are derived from the payload, so changes
logged before this module existed are covered too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdb.db.models import (
    ChangeLog, DateAssertion, Document, Event, Participant, TimeNode,
)
from eventdb.errors import ConflictError

#: The table names of payload ``fields`` entries -> their item key prefix.
TABLE_PREFIX = {"events": "e", "time_nodes": "n", "documents": "d", "participants": "p"}
_LABELS = {"e": "event", "n": "time node", "d": "document", "p": "participant", "m": "mention",
           "a": "participant alias", "h": "happening"}
#: Rows to lock per statement.
CHUNK = 500


def touched_items(payload: dict | None) -> set[str]:
    """The keys of every item a change touched, read from its payload."""
    payload = payload or {}
    items: set[str] = set(payload.get("items", []))
    items.update(payload.get("previous", {}))
    for table, row_id, _values in payload.get("fields", []):
        items.add(f"{TABLE_PREFIX.get(table, table)}:{row_id}")
    items.update(f"e:{event_id}" for event_id, _ in payload.get("created_arguments", []))
    for mention_id, participant_id in payload.get("moved_mentions", []):
        items.update((f"m:{mention_id}", f"p:{participant_id}"))
    for alias_id, participant_id in payload.get("moved_aliases", []):
        items.update((f"a:{alias_id}", f"p:{participant_id}"))
    items.update(f"a:{i}" for i in payload.get("created_aliases", []))
    items.update(f"p:{i}" for i in payload.get("created_participants", []))
    items.update(f"n:{i}" for i in payload.get("created_nodes", []))
    return items


def ids_of(items: Iterable[str], prefix: str) -> list[int]:
    return sorted(int(k[len(prefix) + 1:]) for k in items if k.startswith(prefix + ":"))


def describe_item(s: Session, key: str) -> str:
    """'event 12', "participant 'Nouri al-Maliki'", "document 'story'"..."""
    prefix, _, raw = key.partition(":")
    label = f"{_LABELS.get(prefix, prefix)} {raw}"
    if prefix == "p" and raw.isdigit():
        name = s.scalar(select(Participant.name).where(Participant.id == int(raw)))
        return f"participant {name!r}" if name else label
    if prefix == "d" and raw.isdigit():
        external = s.scalar(select(Document.external_id).where(Document.id == int(raw)))
        return f"document {external!r}" if external else label
    return label


def lock_items(s: Session, items: set[str]) -> None:
    """Lock the events and time nodes ``items`` names, in id order (PostgreSQL; SQLite's writer
    holds the whole database). A curator's edit of one of them then waits for the undo, or the
    undo for the edit, and sees it: never two current assertions racing for one subject."""
    for model, prefix in ((Event, "e"), (TimeNode, "n"), (Participant, "p")):
        ids = ids_of(items, prefix)
        for i in range(0, len(ids), CHUNK):
            s.execute(select(model.id).where(model.id.in_(ids[i:i + CHUNK])).order_by(model.id)
                      .with_for_update()).all()


def refuse_over_later_changes(s: Session, change: ChangeLog) -> None:
    """ConflictError when a later change, not undone, touched an item ``change`` touched."""
    mine = touched_items(change.payload)
    if not mine:
        return
    later = s.execute(select(ChangeLog.id, ChangeLog.curator, ChangeLog.summary, ChangeLog.payload)
                      .where(ChangeLog.id > change.id, ChangeLog.undone_by_id.is_(None),
                             ChangeLog.action != "undo").order_by(ChangeLog.id))
    for other in later:
        common = mine & touched_items(other.payload)
        if common:
            raise ConflictError(
                f'cannot undo "{change.summary}": {describe_item(s, min(common))} was changed '
                f'since by {other.curator} (change {other.id}: {other.summary}); '
                f"{other.curator} must undo that first")


#: PostgreSQL names the index; SQLite (where writers cannot race) names its column.
_DUPLICATE_CURRENT = re.compile(r"uq_date_assertions_current_(event|node)"
                                r"|UNIQUE constraint failed: date_assertions\.(event_id|node_id)")
_KEY = re.compile(r"\((event_id|node_id)\)=\((\d+)\)")


def conflict_from_duplicate_current(s: Session, error: BaseException) -> ConflictError | None:
    """The ConflictError for a write that lost a race for a subject's current assertion.

    Two transactions each made a new current assertion for the same event or node: the unique
    index refuses the second (PostgreSQL names the subject in the error's detail). The curator
    who won is read again, so the refusal says who changed it.
    """
    cause: BaseException | None = error
    text = ""
    for _ in range(5):
        if cause is None:
            break
        text += " " + str(getattr(cause, "orig", None) or cause)
        cause = cause.__cause__
    if not _DUPLICATE_CURRENT.search(text):
        return None
    found = _KEY.search(text)
    if found is None:
        return ConflictError("the date was changed since by another curator: reload and try again;"
                             " your change was not saved")
    column, subject = found.group(1), int(found.group(2))
    label = "event" if column == "event_id" else "time node"
    row = s.execute(select(DateAssertion.curator, DateAssertion.change_id, DateAssertion.value)
                    .where(getattr(DateAssertion, column) == subject, DateAssertion.is_current)
                    ).first()
    who = (row.curator or "the machine") if row else "another curator"
    value = f" (now {row.value or 'unresolved'})" if row else ""
    return ConflictError(f"{label} {subject} was changed since by {who}{value}: reload and try "
                         "again; your change was not saved")
