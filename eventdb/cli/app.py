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
from eventdb.errors import EventdbError, InputError

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
        return require_utf8(database_url(self.db_option), "the database (--db or $EVENTDB_URL)")

    @property
    def curator(self) -> str:
        return require_utf8(curator_name(self.curator_option), "the curator ($EVENTDB_CURATOR)")

    def database(self, *, check: bool = True, readonly: bool = False, create: bool = False) -> Database:
        """Open the database; by default refuse one whose schema is not the code's.

        Only commands that make a database (``init``, ``demo``, ``ingest``) pass ``create``: any
        other on a missing SQLite file says so and leaves no empty file behind. Commands that only
        read pass ``readonly``, so they also work on a read-only file or filesystem.
        """
        from eventdb.db.engine import Database
        from eventdb.db.migrate import check_schema

        db = Database(self.url, readonly=readonly, create=create)
        self._open.append(db)
        if check:
            check_schema(db)
        return db

    def close(self) -> None:
        for db in self._open:
            db.dispose()
        self._open.clear()


def is_utf8(text: str) -> bool:
    """Python hands bytes that are not UTF-8 (argv, environment) over as lone surrogates."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: str) -> str:
    """``text`` quoted and printable: the undecodable bytes as ``\\xff``."""
    raw = text.encode("utf-8", "surrogateescape")
    return '"' + raw.decode("utf-8", "backslashreplace") + '"'


def require_utf8(text: str, what: str) -> str:
    if not is_utf8(text):
        raise InputError(f"{what} is not valid UTF-8: {shown(text)}")
    return text


def _options(command: click.Command) -> dict[str, click.Option]:
    """Every option of ``command`` and its subcommands, by each of its names."""
    found = {name: p for p in command.params if isinstance(p, click.Option) for name in p.opts}
    for sub in getattr(command, "commands", {}).values():
        found.update(_options(sub))
    return found


class EventdbGroup(click.Group):
    """Turns :class:`EventdbError` and driver errors into one line on stderr and exit code 1."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Refuse an argument that is not UTF-8 (a file name, ``--title $'T\\xff'``, SQL text)
        before any command runs: it could be neither stored nor printed."""
        for i, arg in enumerate(args):
            if is_utf8(arg):
                continue
            options = _options(self)
            name, _, value = arg.partition("=")
            before = args[i - 1] if i else ""
            if arg.startswith("-") and name in options:
                message = f"{name} is not valid UTF-8: {shown(value)}"
            elif before in options and not options[before].is_flag:
                message = f"{before} is not valid UTF-8: {shown(arg)}"
            else:
                message = f"the argument {shown(arg)} is not valid UTF-8"
            click.echo(f"Error: {message}", err=True)
            ctx.exit(1)
        return super().parse_args(ctx, args)

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

