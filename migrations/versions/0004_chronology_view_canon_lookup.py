"""The chronology view looks a participant's canonical participant up only when it was merged.

Revision 0002's view joined every argument of every event to the ``canon`` CTE (each participant
with the one it stands for now). SQLite indexes a materialised CTE for that; PostgreSQL cannot,
and scanned all of ``canon`` once per event: ``SELECT * FROM chronology`` on 223,088 events and
2,494 participants took 34 s, and the time grows with events times participants. A participant
not merged into anyone is its own canonical participant, so only mentions of merged ones (which
curation moves to the survivor, so there are few) need ``canon``: 34 s → 6 s on PostgreSQL,
4.0 → 2.8 s on SQLite, the same rows.

The view is 0002's, with that lookup changed (0002 is fixed, so what this revision creates is
too).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 09:40:00
"""
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = '0004'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JOIN_0002 = """            LEFT JOIN canon c ON c.id = m.participant_id
            JOIN participants cp ON cp.id = COALESCE(c.canonical_id, m.participant_id)
"""
# The same participant: itself when not merged; else its chain's root, or itself in a cycle.
_JOIN_0004 = """            JOIN participants p0 ON p0.id = m.participant_id
            JOIN participants cp ON cp.id = CASE WHEN p0.merged_into_id IS NULL THEN p0.id
                ELSE COALESCE((SELECT c.canonical_id FROM canon c WHERE c.id = p0.id), p0.id) END
"""


def _views_0002() -> ModuleType:
    path = Path(__file__).with_name("0002_reporting_views.py")
    spec = importlib.util.spec_from_file_location("eventdb_migration_0002", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _chronology_0002() -> str:
    views = _views_0002()
    return views.chronology(views._dialect())


def upgrade() -> None:
    sql = _chronology_0002()
    if sql.count(_JOIN_0002) != 2:
        raise RuntimeError("revision 0002's chronology view is not the one this revision rewrites")
    op.execute("DROP VIEW IF EXISTS chronology")
    op.execute(sql.replace(_JOIN_0002, _JOIN_0004))


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS chronology")
    op.execute(_chronology_0002())
