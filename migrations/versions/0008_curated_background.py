"""A curator's word on a report's background flag: ``events.background_curated``.

``background`` is the machine's call (extraction) until a curator promotes a background row to
the chronology or sends a row to the background; then ``background_curated`` is true and
``ingest --replace`` carries the flag to the new row. Adding a column needs no rebuild on
SQLite (``ALTER TABLE ADD COLUMN``), so the triggers of revision 0005 stay as they are.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 01:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | Sequence[str] | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("events", recreate="never") as batch:
        batch.add_column(sa.Column("background_curated", sa.Boolean(), nullable=False,
                                   server_default=sa.text("false")))


def downgrade() -> None:
    with op.batch_alter_table("events", recreate="never") as batch:
        batch.drop_column("background_curated")
