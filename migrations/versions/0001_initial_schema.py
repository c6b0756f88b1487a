"""Initial schema: documents, time nodes, events, participants, assertions, change log.

Revision ID: 0001
Revises: 
Create Date: 2026-11-21 12:39:07.248493
"""
from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('curator', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('undone_by_id', sa.Integer(), nullable=True),
    sa.Column('undo_of_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['undo_of_id'], ['change_log.id'], name=op.f('fk_change_log_undo_of_id_change_log'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['undone_by_id'], ['change_log.id'], name=op.f('fk_change_log_undone_by_id_change_log'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_created_at'), ['created_at'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=255), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('ingested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_node_id', sa.Integer(), nullable=True),
    sa.Column('review_reason', sa.Text(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint('length(text) > 0', name=op.f('ck_documents_text_not_empty')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('external_id', name=op.f('uq_documents_external_id'))
    )
    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('person', 'organisation', 'place', 'group', 'other')", name=op.f('ck_participants_kind')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['participants.id'], name=op.f('fk_participants_merged_into_id_participants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('name', name=op.f('uq_participants_name'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participants_merged_into_id'), ['merged_into_id'], unique=False)

    op.create_table('mentions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.CheckConstraint('start >= 0 AND "end" > start', name=op.f('ck_mentions_span')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_mentions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_mentions_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentions'))
    )
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentions_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentions_participant_id'), ['participant_id'], unique=False)

    op.create_table('participant_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=255), nullable=False),
    sa.Column('key', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_participant_aliases_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_aliases')),
    sa.UniqueConstraint('key', name=op.f('uq_participant_aliases_key'))
    )
    with op.batch_alter_table('participant_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_aliases_participant_id'), ['participant_id'], unique=False)

    op.create_table('time_nodes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('start', sa.Integer(), nullable=True),
    sa.Column('end', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('timex_type', sa.String(length=8), nullable=False),
    sa.Column('rule', sa.String(length=255), nullable=False),
    sa.Column('anchor_node_id', sa.Integer(), nullable=True),
    sa.Column('anchor_event_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=64), nullable=True),
    sa.Column('mod', sa.String(length=16), nullable=True),
    sa.Column('precision', sa.String(length=16), nullable=True),
    sa.Column('earliest', sa.Date(), nullable=True),
    sa.Column('latest', sa.Date(), nullable=True),
    sa.Column('edtf', sa.String(length=64), nullable=True),
    sa.CheckConstraint("kind IN ('publication', 'expression', 'dateline')", name=op.f('ck_time_nodes_kind')),
    sa.CheckConstraint("status IN ('machine', 'corrected', 'confirmed', 'unresolved', 'needs-review', 'rejected')", name=op.f('ck_time_nodes_status')),
    sa.CheckConstraint("timex_type IN ('DATE', 'TIME', 'DURATION', 'SET')", name=op.f('ck_time_nodes_timex_type')),
    sa.CheckConstraint('(start IS NULL AND "end" IS NULL) OR (start >= 0 AND "end" >= start)', name=op.f('ck_time_nodes_span')),
    sa.CheckConstraint('anchor_node_id IS NULL OR anchor_event_id IS NULL', name=op.f('ck_time_nodes_one_anchor')),
    sa.CheckConstraint('earliest IS NULL OR latest IS NULL OR earliest <= latest', name=op.f('ck_time_nodes_bounds')),
    sa.ForeignKeyConstraint(['anchor_node_id'], ['time_nodes.id'], name=op.f('fk_time_nodes_anchor_node_id_time_nodes'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_time_nodes_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_nodes'))
    )
    with op.batch_alter_table('time_nodes', schema=None) as batch_op:
        batch_op.create_index('ix_time_nodes_anchor_event_id', ['anchor_event_id'], unique=False)
        batch_op.create_index('ix_time_nodes_anchor_node_id', ['anchor_node_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_time_nodes_document_id'), ['document_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('sentence_start', sa.Integer(), nullable=False),
    sa.Column('sentence_end', sa.Integer(), nullable=False),
    sa.Column('headline', sa.Text(), nullable=False),
    sa.Column('trigger', sa.String(length=255), nullable=False),
    sa.Column('trigger_start', sa.Integer(), nullable=False),
    sa.Column('trigger_end', sa.Integer(), nullable=False),
    sa.Column('time_node_id', sa.Integer(), nullable=True),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('date_how', sa.String(length=16), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=64), nullable=True),
    sa.Column('mod', sa.String(length=16), nullable=True),
    sa.Column('precision', sa.String(length=16), nullable=True),
    sa.Column('earliest', sa.Date(), nullable=True),
    sa.Column('latest', sa.Date(), nullable=True),
    sa.Column('edtf', sa.String(length=64), nullable=True),
    sa.CheckConstraint("date_how IN ('explicit', 'narrative', 'publication', 'inferred', 'curator', 'anchored')", name=op.f('ck_events_date_how')),
    sa.CheckConstraint("relation IN ('ON', 'BEFORE', 'AFTER', 'DURING', 'INCLUDES')", name=op.f('ck_events_relation')),
    sa.CheckConstraint("status IN ('machine', 'corrected', 'confirmed', 'unresolved', 'needs-review', 'rejected')", name=op.f('ck_events_status')),
    sa.CheckConstraint('confidence >= 0 AND confidence <= 1', name=op.f('ck_events_confidence')),
    sa.CheckConstraint('earliest IS NULL OR latest IS NULL OR earliest <= latest', name=op.f('ck_events_bounds')),
    sa.CheckConstraint('start >= 0 AND "end" > start', name=op.f('ck_events_span')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_events_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['events.id'], name=op.f('fk_events_merged_into_id_events'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['time_node_id'], ['time_nodes.id'], name=op.f('fk_events_time_node_id_time_nodes'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('document_id', 'position', name=op.f('uq_events_document_id_position'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index('ix_events_chronology', ['earliest', 'latest', 'document_id', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_events_merged_into_id', ['merged_into_id'], unique=False, sqlite_where=sa.text('merged_into_id IS NOT NULL'), postgresql_where=sa.text('merged_into_id IS NOT NULL'))
        batch_op.create_index('ix_events_status', ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_time_node_id'), ['time_node_id'], unique=False)

    op.create_table('date_assertions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=True),
    sa.Column('node_id', sa.Integer(), nullable=True),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('input_text', sa.Text(), nullable=True),
    sa.Column('rule', sa.String(length=255), nullable=True),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('curator', sa.String(length=255), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('change_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.String(length=64), nullable=True),
    sa.Column('mod', sa.String(length=16), nullable=True),
    sa.Column('precision', sa.String(length=16), nullable=True),
    sa.Column('earliest', sa.Date(), nullable=True),
    sa.Column('latest', sa.Date(), nullable=True),
    sa.Column('edtf', sa.String(length=64), nullable=True),
    sa.CheckConstraint("origin IN ('machine', 'curator')", name=op.f('ck_date_assertions_origin')),
    sa.CheckConstraint("status IN ('machine', 'corrected', 'confirmed', 'unresolved', 'needs-review', 'rejected')", name=op.f('ck_date_assertions_status')),
    sa.CheckConstraint('(event_id IS NULL) <> (node_id IS NULL)', name=op.f('ck_date_assertions_one_subject')),
    sa.ForeignKeyConstraint(['change_id'], ['change_log.id'], name=op.f('fk_date_assertions_change_id_change_log'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_date_assertions_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['node_id'], ['time_nodes.id'], name=op.f('fk_date_assertions_node_id_time_nodes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_date_assertions'))
    )
    with op.batch_alter_table('date_assertions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_date_assertions_change_id'), ['change_id'], unique=False)
        batch_op.create_index('ix_date_assertions_event_id', ['event_id'], unique=False)
        batch_op.create_index('ix_date_assertions_node_id', ['node_id'], unique=False)
        batch_op.create_index('uq_date_assertions_current_event', ['event_id'], unique=True, sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))
        batch_op.create_index('uq_date_assertions_current_node', ['node_id'], unique=True, sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))

    op.create_table('event_arguments',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('mention_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.CheckConstraint("role IN ('agent', 'patient', 'other')", name=op.f('ck_event_arguments_role')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_arguments_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mention_id'], ['mentions.id'], name=op.f('fk_event_arguments_mention_id_mentions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'mention_id', name=op.f('pk_event_arguments'))
    )
    with op.batch_alter_table('event_arguments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_arguments_mention_id'), ['mention_id'], unique=False)

    # The two foreign keys that close cycles (documents -> time_nodes -> events -> time_nodes) are
    # added once every table exists; batch mode lets SQLite do it too (it rebuilds the table).
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_foreign_key(op.f('fk_documents_published_node_id_time_nodes'), 'time_nodes', ['published_node_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('time_nodes', schema=None) as batch_op:
        batch_op.create_foreign_key(op.f('fk_time_nodes_anchor_event_id_events'), 'events', ['anchor_event_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('time_nodes', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_time_nodes_anchor_event_id_events'), type_='foreignkey')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_documents_published_node_id_time_nodes'), type_='foreignkey')
    with op.batch_alter_table('event_arguments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_arguments_mention_id'))

    op.drop_table('event_arguments')
    with op.batch_alter_table('date_assertions', schema=None) as batch_op:
        batch_op.drop_index('uq_date_assertions_current_node', sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))
        batch_op.drop_index('uq_date_assertions_current_event', sqlite_where=sa.text('is_current'), postgresql_where=sa.text('is_current'))
        batch_op.drop_index('ix_date_assertions_node_id')
        batch_op.drop_index('ix_date_assertions_event_id')
        batch_op.drop_index(batch_op.f('ix_date_assertions_change_id'))

    op.drop_table('date_assertions')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_time_node_id'))
        batch_op.drop_index('ix_events_status')
        batch_op.drop_index('ix_events_merged_into_id', sqlite_where=sa.text('merged_into_id IS NOT NULL'), postgresql_where=sa.text('merged_into_id IS NOT NULL'))
        batch_op.drop_index(batch_op.f('ix_events_document_id'))
        batch_op.drop_index('ix_events_chronology')

    op.drop_table('events')
    with op.batch_alter_table('time_nodes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_time_nodes_document_id'))
        batch_op.drop_index('ix_time_nodes_anchor_node_id')
        batch_op.drop_index('ix_time_nodes_anchor_event_id')

    op.drop_table('time_nodes')
    with op.batch_alter_table('participant_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_aliases_participant_id'))

    op.drop_table('participant_aliases')
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mentions_participant_id'))
        batch_op.drop_index(batch_op.f('ix_mentions_document_id'))

    op.drop_table('mentions')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_merged_into_id'))

    op.drop_table('participants')
    op.drop_table('documents')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_created_at'))

    op.drop_table('change_log')
