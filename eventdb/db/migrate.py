"""Schema versions: Alembic, with the migrations shipped inside the package (``eventdb.migrations``).

Every command that opens a database calls :func:`check_schema` first, so a database that is behind
or ahead of the code gives a clear message instead of a crash or a silent write.
"""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from eventdb.db.engine import Database, translate_errors
from eventdb.errors import SchemaError


def alembic_config(db: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("eventdb.migrations")))
    # ConfigParser interpolation: a literal % in a password must be doubled.
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    cfg.attributes["engine"] = db.engine
    return cfg


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("eventdb.migrations")))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with translate_errors(), engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    with translate_errors():
        command.upgrade(alembic_config(db), revision)


def downgrade(db: Database, revision: str) -> None:
    with translate_errors():
        command.downgrade(alembic_config(db), revision)


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
    cfg = Config()
    cfg.set_main_option("script_location", str(files("eventdb.migrations")))
    script = ScriptDirectory.from_config(cfg)
    try:
        script.get_revision(current)
    except Exception:
        raise SchemaError(
            f"the database schema ({current}) is newer than this eventdb ({head}): "
            "upgrade eventdb"
        ) from None
    raise SchemaError(
        f"the database schema ({current}) is older than this eventdb ({head}): "
        "run `eventdb db upgrade`"
    )
