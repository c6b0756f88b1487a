"""The ``eventdb`` command group: global options, the shared context and error handling.

Every command reports a problem as one line on stderr and a non-zero exit code; ``--debug`` shows
the traceback instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import click
from sqlalchemy import exc as sa_exc

from eventdb.config import curator_name, database_url
from eventdb.db.engine import Database, describe_db_error
from eventdb.db.migrate import check_schema
from eventdb.errors import EventdbError


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

    def database(self, *, check: bool = True, readonly: bool = False, create: bool = False) -> Database:
        """Open the database; by default refuse one whose schema is not the code's.

        Only commands that make a database (``init``, ``demo``, ``ingest``) pass ``create``: any
        other on a missing SQLite file says so and leaves no empty file behind. Commands that only
        read pass ``readonly``, so they also work on a read-only file or filesystem.
        """
        db = Database(self.url, readonly=readonly, create=create)
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
        except sa_exc.SQLAlchemyError as exc:
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

