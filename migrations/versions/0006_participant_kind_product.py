"""Participants may be products ("Airbus A380", "iPhone 4"): the kind check admits 'product'.

Extraction has told products apart for long (they join other mentions by model number) but
stored them as 'other'. On SQLite the check is part of the table: the table is rebuilt in batch
mode, keeping AUTOINCREMENT (0005) and every row and id; ``legacy_alter_table`` lets the new
table take the old name although the reporting views name it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 21:30:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0006'
down_revision: str | Sequence[str] | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WITH_PRODUCT = "kind IN ('person', 'organisation', 'place', 'group', 'product', 'other')"
WITHOUT_PRODUCT = "kind IN ('person', 'organisation', 'place', 'group', 'other')"


def _replace_check(condition: str) -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.execute("PRAGMA legacy_alter_table = ON")
        with op.batch_alter_table("participants", recreate="always",
                                  table_kwargs={"sqlite_autoincrement": True}) as batch:
            batch.drop_constraint(op.f("ck_participants_kind"), type_="check")
            batch.create_check_constraint(op.f("ck_participants_kind"), condition)
        op.execute("PRAGMA legacy_alter_table = OFF")
        broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
    else:
        op.drop_constraint(op.f("ck_participants_kind"), "participants", type_="check")
        op.create_check_constraint(op.f("ck_participants_kind"), "participants", condition)


def upgrade() -> None:
    _replace_check(WITH_PRODUCT)


def downgrade() -> None:
    op.execute("UPDATE participants SET kind = 'other' WHERE kind = 'product'")
    _replace_check(WITHOUT_PRODUCT)
