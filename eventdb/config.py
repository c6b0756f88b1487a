"""Where the database is and who the curator is: flags, then environment, then defaults."""

from __future__ import annotations

import getpass
import os
import re
from pathlib import Path


DEFAULT_URL = "sqlite:///eventdb.sqlite"

#: ``eventdb sql``: the role it logs in as on PostgreSQL when the login role may write and none is
#: named, and the seconds after which its query is cancelled unless ``--timeout`` says otherwise.
DEFAULT_READER_ROLE = "eventdb_reader"
SQL_TIMEOUT_S = 60.0


def sqlite_url(path: str | Path) -> str:
    """The URL of the SQLite file at ``path``, whatever characters it holds.

    Built by SQLAlchemy, which quotes the path: ``#``, ``?`` and ``%`` stay part of the file name
    (pasted into ``sqlite:///...`` they would start a query or an escape and open another file).
    """
    from sqlalchemy.engine import URL  # here: every command reads the config, few need this

    return URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def database_url(db: str | None = None) -> str:
    """``--db`` value (URL or bare file path), else ``EVENTDB_URL``, else ``./eventdb.sqlite``.

    A value with a scheme (``postgresql+psycopg://...``, ``sqlite:///...``) is a URL; anything
    else is a file path, taken literally.
    """
    value = db or os.environ.get("EVENTDB_URL") or DEFAULT_URL
    if not _SCHEME.match(value):
        return sqlite_url(Path(value).expanduser())
    return value


#: ``name://`` or ``name+driver://`` at the start: SQLAlchemy's URL syntax.
_SCHEME = re.compile(r"[A-Za-z][\w+]*://")


def curator_name(curator: str | None = None) -> str:
    """``--curator``, else ``EVENTDB_CURATOR``, else the OS user."""
    if curator:
        return curator
    if env := os.environ.get("EVENTDB_CURATOR"):
        return env
    try:
        return getpass.getuser()
    except Exception:  # no user database entry (containers): still record something honest
        return "unknown"
