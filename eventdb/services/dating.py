"""Date assertions: the one place that changes what date an event or a time node has.

Every change appends a :class:`DateAssertion` (the previous current one stays, no longer current)
and refreshes the cached columns on the subject, in the caller's transaction. Ingest uses it for
the machine's answers; curation for corrections, confirmations and re-resolution.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from eventdb.db.models import DateAssertion, Event, TimeNode
from eventdb.temporal import Resolved

RESOLVED_FIELDS = ("value", "mod", "precision", "earliest", "latest", "edtf")


def machine_status(resolved: Resolved | None) -> str:
    """What the machine's answer means for a curator: resolved or still waiting for an anchor."""
    if resolved is None or not resolved.is_resolved:
        return "unresolved"
    return "machine"


def copy_resolved(target: object, resolved: Resolved | None) -> None:
    for field in RESOLVED_FIELDS:
        setattr(target, field, getattr(resolved, field) if resolved is not None else None)


def resolved_of(row: Event | TimeNode | DateAssertion) -> Resolved | None:
    """The cached resolution of a row, or None when it has no value."""
    if row.value is None:
        return None
    return Resolved(
        value=row.value, mod=row.mod, precision=row.precision,  # type: ignore[arg-type]
        earliest=row.earliest, latest=row.latest, edtf=row.edtf,
    )


def assert_date(
    session: Session,
    subject: Event | TimeNode,
    resolved: Resolved | None,
    *,
    origin: str,
    status: str,
    curator: str | None = None,
    note: str | None = None,
    input_text: str | None = None,
    rule: str | None = None,
    change_id: int | None = None,
    first: bool = False,
) -> DateAssertion:
    """Make ``resolved`` the current date of ``subject``; the previous assertion stays on record.

    ``first`` skips retiring a previous assertion (a subject just created by ingest has none).
    """
    is_event = isinstance(subject, Event)
    if not first:
        column = DateAssertion.event_id if is_event else DateAssertion.node_id
        session.execute(
            update(DateAssertion)
            .where(column == subject.id, DateAssertion.is_current.is_(True))
            .values(is_current=False)
            .execution_options(synchronize_session=False)
        )
    assertion = DateAssertion(
        event_id=subject.id if is_event else None,
        node_id=None if is_event else subject.id,
        origin=origin, status=status, curator=curator, note=note, input_text=input_text,
        rule=rule, change_id=change_id, is_current=True,
    )
    copy_resolved(assertion, resolved)
    copy_resolved(subject, resolved)
    subject.status = status
    session.add(assertion)
    return assertion
