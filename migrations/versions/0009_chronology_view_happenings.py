"""The ``chronology`` view says which happening each report tells, whether it is background, and
its kind of action (``happening_id``, ``background``, ``kind``), so an analyst can join it to
``happenings`` or leave background rows out (``WHERE NOT background``) as the CSV and the TUI do.

The view is revision 0004's with three columns added at the end (the rows are the same).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 01:00:00
"""
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from alembic import op

revision: str = '0009'
down_revision: str | Sequence[str] | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LAST_0004 = """       substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence
FROM events e
"""
_LAST_0009 = """       substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence,
       e.happening_id, e.background, e.kind
FROM events e
"""


def _revision(name: str) -> ModuleType:
    path = Path(__file__).with_name(name)
    spec = importlib.util.spec_from_file_location(f"eventdb_migration_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _chronology_0004() -> str:
    r0004 = _revision("0004_chronology_view_canon_lookup.py")
    return r0004._chronology_0002().replace(r0004._JOIN_0002, r0004._JOIN_0004)


def upgrade() -> None:
    sql = _chronology_0004()
    if sql.count(_LAST_0004) != 1:
        raise RuntimeError("revision 0004's chronology view is not the one this revision extends")
    op.execute("DROP VIEW IF EXISTS chronology")
    op.execute(sql.replace(_LAST_0004, _LAST_0009))


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS chronology")
    op.execute(_chronology_0004())
