"""``eventdb init`` and ``eventdb db upgrade|downgrade|current``."""

from __future__ import annotations

import click

from eventdb.cli.app import AppContext, cli, pass_app


@cli.command()
@pass_app
def init(app: AppContext) -> None:
    """Create the database at the latest schema (or bring it up to date)."""
    from eventdb.db import migrate

    db = app.database(check=False)
    migrate.upgrade(db, "head")
    click.echo(f"Database ready at schema {migrate.head_revision()}: {db.engine.url!r}")


@cli.group("db")
def db_group() -> None:
    """Schema migrations (Alembic)."""


@db_group.command()
@click.argument("revision", default="head")
@pass_app
def upgrade(app: AppContext, revision: str) -> None:
    """Upgrade the schema to REVISION (default: the latest)."""
    from eventdb.db import migrate

    db = app.database(check=False)
    migrate.upgrade(db, revision)
    click.echo(f"Schema now at {migrate.current_revision(db.engine) or 'base'}")


@db_group.command()
@click.argument("revision")
@pass_app
def downgrade(app: AppContext, revision: str) -> None:
    """Downgrade the schema to REVISION (``base`` removes every table)."""
    from eventdb.db import migrate

    db = app.database(check=False)
    migrate.downgrade(db, revision)
    click.echo(f"Schema now at {migrate.current_revision(db.engine) or 'base'}")


@db_group.command()
@pass_app
def current(app: AppContext) -> None:
    """Show the schema revision of the database and of this eventdb."""
    from eventdb.db import migrate

    db = app.database(check=False)
    rev = migrate.current_revision(db.engine)
    head = migrate.head_revision()
    state = "up to date" if rev == head else "run `eventdb db upgrade`" if rev else "empty"
    click.echo(f"database: {rev or 'base'}  code: {head}  ({state})")
