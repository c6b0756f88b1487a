"""Schema versions: Alembic, with the migrations shipped inside the package (``eventdb.migrations``).

Every command that opens a database calls :func:`check_schema` first, so a database that is behind
or ahead of the code gives a clear message instead of a crash or a silent write.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from eventdb.db.engine import Database, translate_errors
from eventdb.errors import SchemaError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# Alembic (about 0.1 s to import) is only imported to migrate or to explain a mismatch: the check
# every command makes reads the version files and the alembic_version table without it.


def alembic_config(db: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("eventdb.migrations")))
    # ConfigParser interpolation: a literal % in a password must be doubled.
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    cfg.attributes["engine"] = db.engine
    return cfg


def _script() -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(files("eventdb.migrations")))
    return ScriptDirectory.from_config(cfg)


_REVISION_NAMES = {"revision", "down_revision", "branch_labels", "depends_on"}
_REVISION_LINE = re.compile(
    r"^(?:revision|down_revision|branch_labels|depends_on)\s*(?::[^=\n]*)?=.*$", re.M)


def declared_head() -> str | None:
    """The head revision read from the version files' ``revision``/``down_revision`` literals,
    without importing Alembic; None when the history is not one plain line (Alembic decides)."""
    revisions: dict[str, object] = {}
    for entry in (files("eventdb.migrations") / "versions").iterdir():
        if not entry.name.endswith(".py") or entry.name.startswith("__"):
            continue
        found: dict[str, object] = {}
        # Only the four assignments are parsed, not the whole file (a view migration is long:
        # parsing them all cost every command ~8 ms); one over several lines falls to Alembic.
        lines = "\n".join(_REVISION_LINE.findall(entry.read_text(encoding="utf-8")))
        try:
            body = ast.parse(lines).body
        except SyntaxError:
            return None
        for node in body:
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                else node.target if isinstance(node, ast.AnnAssign) else None
            if isinstance(target, ast.Name) and target.id in _REVISION_NAMES \
                    and node.value is not None:
                try:
                    found[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    return None
        if not isinstance(found.get("revision"), str) or found.get("branch_labels") \
                or found.get("depends_on"):
            return None
        revisions[found["revision"]] = found.get("down_revision")
    downs = set(revisions.values())
    if not all(d is None or isinstance(d, str) for d in downs):
        return None
    heads = [r for r in revisions if r not in downs]
    return heads[0] if len(heads) == 1 else None


@cache
def head_revision() -> str:
    head = declared_head() or _script().get_current_head()
    assert head is not None
    return head


def known_revisions() -> list[str]:
    """Every schema revision this eventdb knows, oldest first."""
    return [r.revision for r in reversed(list(_script().walk_revisions()))]


def is_known(revision: str) -> bool:
    try:
        _script().get_revision(revision)
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown or odd id
        return False
    return True


def current_revision(engine: Engine) -> str | None:
    with translate_errors(), engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        if len(versions) <= 1:
            return versions[0] if versions else None
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(conn).get_current_revision()  # explains branches


def _newer(current: str) -> SchemaError:
    return SchemaError(f"the database schema ({current}) is newer than this eventdb "
                       f"({head_revision()}): upgrade eventdb")


def _migrate(db: Database, revision: str, run, verb: str) -> None:  # noqa: ANN001
    """Run an Alembic command; an unknown revision, a database from a newer eventdb or any other
    Alembic refusal is one line (a SchemaError), and nothing is changed."""
    revision = revision.strip()
    # Names and relative steps (+1, -1, head-1) Alembic resolves itself; anything else must be a
    # revision (or an unambiguous prefix of one) this eventdb ships.
    special = revision in ("head", "heads", "base") or \
        bool(re.fullmatch(r"(head|base)?[+-]\d+", revision))
    if not special and not is_known(revision):
        raise SchemaError(f"unknown schema revision {revision!r}: this eventdb knows "
                          f"{', '.join(known_revisions())} (and head, base)")
    current = current_revision(db.engine)
    if current is not None and not is_known(current):
        raise _newer(current)
    from alembic.util import CommandError

    with translate_errors():
        try:
            run(alembic_config(db), revision)
        except CommandError as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise SchemaError(f"cannot {verb} to {revision!r}: {first}") from None


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

    _migrate(db, revision, command.upgrade, "upgrade")


def downgrade(db: Database, revision: str) -> None:
    from alembic import command

    _migrate(db, revision, command.downgrade, "downgrade")


def is_foreign(db: Database) -> bool:
    """Does the database hold tables but no eventdb schema version (another program's data)?"""
    if current_revision(db.engine) is not None:
        return False
    with translate_errors(), db.engine.connect() as conn:
        return bool(set(inspect(conn).get_table_names()) - {"alembic_version"})


def refuse_foreign(db: Database) -> None:
    """Raise :class:`SchemaError` before eventdb writes its tables into another program's database."""
    if is_foreign(db):
        raise SchemaError("not an eventdb database (it holds other tables and no eventdb schema "
                          "version); eventdb will not write to it")


def create_if_empty(db: Database) -> bool:
    """Make the schema in a database with no tables at all (``ingest`` may create a database).

    Returns whether it did; another program's database is refused, never written.
    """
    refuse_foreign(db)
    if current_revision(db.engine) is not None:
        return False
    upgrade(db, "head")
    return True


def check_schema(db: Database) -> None:
    """Raise :class:`SchemaError` unless the database is at the code's schema version."""
    current = current_revision(db.engine)
    head = head_revision()
    if current == head:
        return
    if current is None:
        if is_foreign(db):
            raise SchemaError("this database was not made by eventdb (no schema version found)")
        raise SchemaError("the database is empty: run `eventdb init` first")
    if not is_known(current):
        raise _newer(current)
    raise SchemaError(
        f"the database schema ({current}) is older than this eventdb ({head}): "
        "run `eventdb db upgrade`"
    )
