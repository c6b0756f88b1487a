"""The ``eventdb`` command group: global options, the shared context and error handling.

Every command reports a problem as one line on stderr and a non-zero exit code; ``--debug`` shows
the traceback instead.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from eventdb.config import curator_name, database_url
from eventdb.errors import EventdbError

if TYPE_CHECKING:
    from eventdb.db.engine import Database

# Only Click is imported up front: SQLAlchemy, Alembic, Rich and the services load in the command
# that needs them, so `eventdb --help` and a quick curation do not pay for the rest
# (tests/foundation/test_startup.py keeps it so).


@dataclass
class AppContext:
    db_option: str | None
    debug: bool = False
    curator_option: str | None = None
    _open: list[Database] = field(default_factory=list)

    @property
    def url(self) -> str:
        return database_url(self.db_option)

    @property
    def curator(self) -> str:
        return curator_name(self.curator_option)

    def database(self, *, check: bool = True, readonly: bool = False) -> Database:
        """Open the database; by default refuse one whose schema is not the code's."""
        from eventdb.db.engine import Database
        from eventdb.db.migrate import check_schema

        db = Database(self.url, readonly=readonly)
        self._open.append(db)
        if check:
            check_schema(db)
        return db

    def close(self) -> None:
        for db in self._open:
            db.dispose()
        self._open.clear()


class EventdbGroup(click.Group):
    """Turns :class:`EventdbError` and driver errors into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except EventdbError as exc:
            self._fail(ctx, str(exc), exc)
        except Exception as exc:
            # A driver error can only come from SQLAlchemy once a command has loaded it.
            sa_exc = sys.modules.get("sqlalchemy.exc")
            if sa_exc is None or not isinstance(exc, sa_exc.SQLAlchemyError):
                raise
            from eventdb.db.engine import describe_db_error

            self._fail(ctx, describe_db_error(exc), exc)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        finally:
            app = ctx.obj
            if isinstance(app, AppContext):
                app.close()

    @staticmethod
    def _fail(ctx: click.Context, message: str, exc: BaseException) -> None:
        app = ctx.obj
        if isinstance(app, AppContext) and app.debug:
            raise exc
        click.echo(f"Error: {message}", err=True)
        ctx.exit(1)


pass_app = click.make_pass_decorator(AppContext)


@click.group(cls=EventdbGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", metavar="URL|PATH", help="Database URL or SQLite file "
              "[default: $EVENTDB_URL, else ./eventdb.sqlite].")
@click.option("--curator", metavar="NAME", help="Who makes changes [default: $EVENTDB_CURATOR, "
              "else the OS user].")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="eventdb")
@click.pass_context
def cli(ctx: click.Context, db: str | None, curator: str | None, debug: bool) -> None:
    """eventdb: a temporal event database for news articles, with a terminal UI."""
    ctx.obj = AppContext(db_option=db, debug=debug, curator_option=curator)

