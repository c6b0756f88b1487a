"""Happenings: events become reports of a happening; background rows; kinds of action.

- ``happening_groups`` (the table under the ``happenings`` view): one row per real-world
  happening with its date (machine's from its reports, or the curator's), status, kind and a
  conflict flag. ``happening_decisions``: curator decisions (a report's happening, a
  happening's date) with who, when, note; ingest and ``regroup`` keep them.
- ``events`` gains ``happening_id`` (indexed), ``background`` and ``kind``. SQLite rebuilds
  ``events`` for the foreign key, so the triggers of revision 0005 are created again.
- Existing data: every live event becomes a happening of its own (same id as the event), and an
  event a curator merged (``merge-events``) reports its survivor's happening, recorded as a
  curator decision: old merges are happening decisions from now on.
- Views ``happenings`` and ``happening_reports`` (docs/SQL.md).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 21:30:00
"""
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = "'machine', 'corrected', 'confirmed', 'unresolved', 'needs-review', 'rejected'"

HAPPENINGS_VIEW = """
CREATE VIEW happenings AS
SELECT h.id AS happening_id,
       h.value, h.precision, h.mod, h.earliest, h.latest, h.edtf,
       h.status, h.date_how, h.kind, h.conflict,
       (SELECT COUNT(*) FROM events e WHERE e.happening_id = h.id AND {live}) AS reports,
       (SELECT COUNT(DISTINCT COALESCE(d.source, d.external_id)) FROM events e
            JOIN documents d ON d.id = e.document_id
            WHERE e.happening_id = h.id AND {live}) AS sources,
       (SELECT MIN(pub.value) FROM events e JOIN documents d ON d.id = e.document_id
            JOIN time_nodes pub ON pub.id = d.published_node_id
            WHERE e.happening_id = h.id AND {live}) AS first_reported,
       (SELECT e.headline FROM events e WHERE e.happening_id = h.id AND {live}
            ORDER BY e.document_id, e.position LIMIT 1) AS headline
FROM happening_groups h
WHERE EXISTS (SELECT 1 FROM events e WHERE e.happening_id = h.id AND {live})
"""

HAPPENING_REPORTS_VIEW = """
CREATE VIEW happening_reports AS
SELECT e.happening_id, e.id AS event_id, d.external_id AS document_id, d.source,
       pub.value AS published, e.headline, e.trigger, e.kind, e.background,
       e.value, e.earliest, e.latest, e.date_how, e.status,
       substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence
FROM events e
JOIN documents d ON d.id = e.document_id
LEFT JOIN time_nodes pub ON pub.id = d.published_node_id
WHERE e.status <> 'rejected' AND e.merged_into_id IS NULL AND e.happening_id IS NOT NULL
"""

LIVE = "e.status <> 'rejected' AND e.merged_into_id IS NULL AND NOT e.background"


def _revision_0005() -> ModuleType:
    path = Path(__file__).with_name("0005_ids_never_reused_and_merge_integrity.py")
    spec = importlib.util.spec_from_file_location("eventdb_migration_0005", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _resolved() -> list[sa.Column]:
    return [sa.Column('value', sa.String(length=64), nullable=True),
            sa.Column('mod', sa.String(length=16), nullable=True),
            sa.Column('precision', sa.String(length=16), nullable=True),
            sa.Column('earliest', sa.Date(), nullable=True),
            sa.Column('latest', sa.Date(), nullable=True),
            sa.Column('edtf', sa.String(length=64), nullable=True)]


def _create_tables() -> None:
    op.create_table(
        'happening_groups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('date_how', sa.String(length=16), nullable=True),
        sa.Column('curated', sa.Boolean(), nullable=False),
        sa.Column('conflict', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        *_resolved(),
        sa.CheckConstraint(f"status IN ({STATUSES})", name=op.f('ck_happening_groups_status')),
        sa.CheckConstraint('earliest IS NULL OR latest IS NULL OR earliest <= latest',
                           name=op.f('ck_happening_groups_bounds')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_happening_groups')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('happening_groups') as batch_op:
        batch_op.create_index('ix_happening_groups_chronology', ['earliest', 'latest', 'id'])
    op.create_table(
        'happening_decisions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision', sa.String(length=16), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('happening_id', sa.Integer(), nullable=False),
        sa.Column('is_current', sa.Boolean(), nullable=False),
        sa.Column('curator', sa.String(length=255), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('change_id', sa.Integer(), nullable=True),
        *_resolved(),
        sa.CheckConstraint("decision IN ('member', 'date')",
                           name=op.f('ck_happening_decisions_decision')),
        sa.CheckConstraint("(decision = 'member') = (event_id IS NOT NULL)",
                           name=op.f('ck_happening_decisions_subject')),
        sa.ForeignKeyConstraint(['change_id'], ['change_log.id'], ondelete='SET NULL',
                                name=op.f('fk_happening_decisions_change_id_change_log')),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE',
                                name=op.f('fk_happening_decisions_event_id_events')),
        sa.ForeignKeyConstraint(['happening_id'], ['happening_groups.id'], ondelete='CASCADE',
                                name=op.f('fk_happening_decisions_happening_id_happening_groups')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_happening_decisions')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('happening_decisions') as batch_op:
        batch_op.create_index('ix_happening_decisions_change_id', ['change_id'])
        batch_op.create_index('ix_happening_decisions_event_id', ['event_id'])
        batch_op.create_index('ix_happening_decisions_happening_id', ['happening_id'])
        batch_op.create_index('uq_happening_decisions_current_event', ['event_id'], unique=True,
                              sqlite_where=sa.text('is_current AND event_id IS NOT NULL'),
                              postgresql_where=sa.text('is_current AND event_id IS NOT NULL'))


def _alter_events(sqlite: bool) -> None:
    if sqlite:
        op.execute("PRAGMA legacy_alter_table = ON")
    with op.batch_alter_table('events', recreate='always' if sqlite else 'auto',
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column('happening_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('background', sa.Boolean(), nullable=False,
                                      server_default=sa.text('false')))
        batch_op.add_column(sa.Column('kind', sa.String(length=32), nullable=True))
        batch_op.create_foreign_key(op.f('fk_events_happening_id_happening_groups'),
                                    'happening_groups', ['happening_id'], ['id'],
                                    ondelete='SET NULL')
        batch_op.create_index('ix_events_happening_id', ['happening_id'])
    if sqlite:
        op.execute("PRAGMA legacy_alter_table = OFF")
        for sql in _revision_0005().SQLITE_TRIGGERS:
            op.execute(sql)


def _migrate_data(conn: sa.Connection) -> None:
    """Each live event its own happening (same id); merged events join their survivor's."""
    conn.execute(sa.text(
        "INSERT INTO happening_groups (id, kind, status, date_how, curated, conflict, created_at,"
        " version_id, value, mod, precision, earliest, latest, edtf) "
        "SELECT id, NULL, 'machine', date_how, false, false, CURRENT_TIMESTAMP, 1, value, mod,"
        " precision, earliest, latest, edtf FROM events WHERE merged_into_id IS NULL"))
    conn.execute(sa.text("UPDATE events SET happening_id = COALESCE(merged_into_id, id)"))
    conn.execute(sa.text(
        "INSERT INTO happening_decisions (decision, event_id, happening_id, is_current, curator,"
        " created_at, note) SELECT 'member', id, merged_into_id, true, 'eventdb migration',"
        " CURRENT_TIMESTAMP, 'merged by merge-events before happenings existed' FROM events"
        " WHERE merged_into_id IS NOT NULL"))
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(
            "SELECT setval(pg_get_serial_sequence('happening_groups', 'id'),"
            " COALESCE((SELECT MAX(id) FROM happening_groups), 0) + 1, false)"))


def upgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    _create_tables()
    _alter_events(sqlite)
    _migrate_data(conn)
    op.execute(HAPPENINGS_VIEW.format(live=LIVE))
    op.execute(HAPPENING_REPORTS_VIEW)


def downgrade() -> None:
    conn = op.get_bind()
    sqlite = conn.dialect.name == "sqlite"
    op.execute("DROP VIEW IF EXISTS happening_reports")
    op.execute("DROP VIEW IF EXISTS happenings")
    if sqlite:
        op.execute("PRAGMA legacy_alter_table = ON")
    with op.batch_alter_table('events', recreate='always' if sqlite else 'auto',
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_index('ix_events_happening_id')
        batch_op.drop_constraint(op.f('fk_events_happening_id_happening_groups'), type_='foreignkey')
        batch_op.drop_column('kind')
        batch_op.drop_column('background')
        batch_op.drop_column('happening_id')
    if sqlite:
        op.execute("PRAGMA legacy_alter_table = OFF")
        for sql in _revision_0005().SQLITE_TRIGGERS:
            op.execute(sql)
    op.drop_table('happening_decisions')
    op.drop_table('happening_groups')
