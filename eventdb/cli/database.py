"""``eventdb init`` and ``eventdb db upgrade|downgrade|current``."""

from __future__ import annotations

import click

from eventdb.cli.app import AppContext, cli, pass_app


@cli.command()
@pass_app
def init(app: AppContext) -> None:
    """Create the database at the latest schema (or bring it up to date)."""
    from eventdb.db import migrate

    db = app.database(check=False, create=True)
    migrate.refuse_foreign(db)
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
    migrate.refuse_foreign(db)
    migrate.upgrade(db, revision)
    click.echo(f"Schema now at {migrate.current_revision(db.engine) or 'base'}")


@db_group.command()
@click.argument("revision")
@pass_app
def downgrade(app: AppContext, revision: str) -> None:
    """Downgrade the schema to REVISION (``base`` removes every table)."""
    from eventdb.db import migrate

    db = app.database(check=False)
    migrate.refuse_foreign(db)
    migrate.downgrade(db, revision)
    click.echo(f"Schema now at {migrate.current_revision(db.engine) or 'base'}")


@db_group.command()
@pass_app
def current(app: AppContext) -> None:
    """Show the schema revision of the database and of this eventdb."""
    from eventdb.db import migrate

    db = app.database(check=False, readonly=True)
    migrate.refuse_foreign(db)
    head = migrate.head_revision()
    rev = migrate.current_revision(db.engine)
    state = "up to date" if rev == head else "empty" if not rev else \
        "run `eventdb db upgrade`" if migrate.is_known(rev) else "newer than this eventdb: upgrade eventdb"
    click.echo(f"database: {rev or 'base'}  code: {head}  ({state})")


@db_group.command("create-reader-role")
@click.argument("name", default="eventdb_reader")
@click.option("--password", "set_password", is_flag=True,
              help="Ask for a password for the role (else it logs in only where pg_hba.conf "
                   "needs none, e.g. peer or cert, or with one set later).")
@pass_app
def create_reader_role(app: AppContext, name: str, set_password: bool) -> None:
    """PostgreSQL: create the read-only role NAME that `eventdb sql` logs in as.

    Run as the database's owner (or a superuser), after `init` and after every `db upgrade`.
    NAME may log in and SELECT eventdb's tables and views, and nothing else.
    """
    from eventdb.services.sqlroles import create_reader

    password = click.prompt(f"Password for {name}", hide_input=True,
                            confirmation_prompt=True) if set_password else None
    db = app.database()
    schema = create_reader(db, name, password)
    click.echo(f"Role {name} may read the tables and views of schema {schema} and nothing else; "
               f"`eventdb sql` logs in as it (--role {name}).")
