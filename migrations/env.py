"""Alembic environment for eventdb (batch mode, so SQLite can alter tables)."""

from alembic import context
from sqlalchemy import Connection

from eventdb.db.engine import make_engine
from eventdb.db.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        render_as_batch=True,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = config.attributes.get("engine") or make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        # SQLite: batch mode rebuilds a table by dropping it, and with foreign keys on that drop
        # would cascade to every row that refers to it. The pragma only works outside a
        # transaction, so it is set on the driver's connection before the migration begins
        # (and set back after); a migration that rebuilds checks the keys itself.
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
            # SQLAlchemy 2 "autobegin": make sure the migration's transaction is committed.
            if connection.in_transaction():
                connection.commit()
        finally:
            if sqlite:
                if connection.in_transaction():
                    connection.rollback()
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
