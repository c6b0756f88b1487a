"""Ids are never reused (SQLite AUTOINCREMENT); the database refuses a merge that hides events.

1. SQLite gave a deleted row's id to the next row (``ingest --replace`` deletes a document's
   rows), so old change-log entries and ``undo`` acted on the new events. Each table whose ids the
   change log refers to is rebuilt with AUTOINCREMENT (PostgreSQL's sequences never go back).
2. Merges form no cycle and never target a merged or rejected event (``merge-events 20 21`` then
   ``21 20`` hid both). Triggers refuse, on both engines: an event merged into itself, into a
   merged or rejected event, and making an event merged or rejected while others are merged into
   it. PostgreSQL's trigger locks the target row (FOR SHARE), so two curators merging 20→21 and
   21→20 at once cannot both pass. Merges that already break these rules are repaired first: a
   chain is re-pointed to its live end; an event merged into a rejected event, into itself or in a
   cycle is unmerged (it shows again, as it should).

Triggers are not compared by autogenerate: the models mirror nothing of them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 03:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | Sequence[str] | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Parents before children, so each rebuilt table's foreign keys find their target.
TABLES = ("change_log", "documents", "participants", "participant_aliases", "mentions",
          "time_nodes", "events", "date_assertions")

MERGED_INTO_ITSELF = "an event cannot be merged into itself"
TARGET_NOT_LIVE = "an event can only be merged into a live event (not merged, not rejected)"
HAS_MERGED = "events are merged into this event: re-point or unmerge them first"

SQLITE_TRIGGERS = [
    f"""
CREATE TRIGGER events_merge_integrity_insert BEFORE INSERT ON events
WHEN NEW.merged_into_id IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, '{MERGED_INTO_ITSELF}') WHERE NEW.merged_into_id = NEW.id;
    SELECT RAISE(ABORT, '{TARGET_NOT_LIVE}') WHERE EXISTS (
        SELECT 1 FROM events t WHERE t.id = NEW.merged_into_id
        AND (t.merged_into_id IS NOT NULL OR t.status = 'rejected'));
END""",
    f"""
CREATE TRIGGER events_merge_integrity_update BEFORE UPDATE OF merged_into_id, status ON events
WHEN NEW.merged_into_id IS NOT NULL OR NEW.status = 'rejected'
BEGIN
    SELECT RAISE(ABORT, '{MERGED_INTO_ITSELF}') WHERE NEW.merged_into_id = NEW.id;
    SELECT RAISE(ABORT, '{TARGET_NOT_LIVE}') WHERE NEW.merged_into_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM events t WHERE t.id = NEW.merged_into_id
        AND (t.merged_into_id IS NOT NULL OR t.status = 'rejected'));
    SELECT RAISE(ABORT, '{HAS_MERGED}') WHERE EXISTS (
        SELECT 1 FROM events c WHERE c.merged_into_id = NEW.id);
END""",
]

POSTGRESQL_TRIGGERS = [
    f"""
CREATE FUNCTION events_merge_integrity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target_merged integer;
    target_status text;
BEGIN
    IF NEW.merged_into_id IS NOT NULL THEN
        IF NEW.merged_into_id = NEW.id THEN
            RAISE EXCEPTION '{MERGED_INTO_ITSELF}' USING ERRCODE = 'check_violation';
        END IF;
        -- FOR SHARE: a concurrent merge of the target waits for this transaction, then sees it.
        SELECT merged_into_id, status INTO target_merged, target_status
            FROM events WHERE id = NEW.merged_into_id FOR SHARE;
        IF target_merged IS NOT NULL OR target_status = 'rejected' THEN
            RAISE EXCEPTION '{TARGET_NOT_LIVE}' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM events c WHERE c.merged_into_id = NEW.id) THEN
        RAISE EXCEPTION '{HAS_MERGED}' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$""",
    """
CREATE TRIGGER events_merge_integrity_insert BEFORE INSERT ON events
FOR EACH ROW WHEN (NEW.merged_into_id IS NOT NULL) EXECUTE FUNCTION events_merge_integrity()""",
    """
CREATE TRIGGER events_merge_integrity_update BEFORE UPDATE OF merged_into_id, status ON events
FOR EACH ROW WHEN (NEW.merged_into_id IS NOT NULL OR NEW.status = 'rejected')
EXECUTE FUNCTION events_merge_integrity()""",
]


def _repair_merges(conn: sa.Connection) -> None:
    """Make the existing merges obey the rules the triggers enforce from now on."""
    rows = conn.execute(sa.text(
        "SELECT id, merged_into_id, status FROM events WHERE merged_into_id IS NOT NULL "
        "OR id IN (SELECT merged_into_id FROM events WHERE merged_into_id IS NOT NULL)")).all()
    target = {r.id: r.merged_into_id for r in rows if r.merged_into_id is not None}
    if not target:
        return
    status = {r.id: r.status for r in rows}
    changes: dict[int, int | None] = {}
    for event_id in target:
        seen, current = {event_id}, target[event_id]
        while current in target and current not in seen:
            seen.add(current)
            current = target[current]
        live = current not in seen and status.get(current) != "rejected"
        end = current if live else None
        if end != target[event_id]:
            changes[event_id] = end
    # Unmerge first, then re-point: each step keeps the rows valid for the triggers to come.
    for event_id, end in sorted(changes.items(), key=lambda item: item[1] is not None):
        conn.execute(sa.text("UPDATE events SET merged_into_id = :t WHERE id = :id"),
                     {"t": end, "id": event_id})


def _rebuild(autoincrement: bool) -> None:
    """SQLite: rebuild the tables with (or without) AUTOINCREMENT, keeping every row and id.

    Foreign keys are off for the migration (migrations/env.py), so dropping the old table
    cascades nothing; ``legacy_alter_table`` lets the new table take the old name although the
    reporting views name it.
    """
    op.execute("PRAGMA legacy_alter_table = ON")
    for name in TABLES:
        with op.batch_alter_table(name, recreate="always",
                                  table_kwargs={"sqlite_autoincrement": autoincrement}):
            pass
    op.execute("PRAGMA legacy_alter_table = OFF")
    broken = op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")


def upgrade() -> None:
    conn = op.get_bind()
    _repair_merges(conn)
    if conn.dialect.name == "sqlite":
        _rebuild(True)
        for sql in SQLITE_TRIGGERS:
            op.execute(sql)
    else:
        for sql in POSTGRESQL_TRIGGERS:
            op.execute(sql)


def downgrade() -> None:
    conn = op.get_bind()
    op.execute("DROP TRIGGER IF EXISTS events_merge_integrity_update" +
               ("" if conn.dialect.name == "sqlite" else " ON events"))
    op.execute("DROP TRIGGER IF EXISTS events_merge_integrity_insert" +
               ("" if conn.dialect.name == "sqlite" else " ON events"))
    if conn.dialect.name == "sqlite":
        _rebuild(False)
    else:
        op.execute("DROP FUNCTION IF EXISTS events_merge_integrity()")
