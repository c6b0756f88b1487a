"""Where the database is and who the curator is: flags, then environment, then defaults."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

DEFAULT_URL = "sqlite:///eventdb.sqlite"


def database_url(db: str | None = None) -> str:
    """``--db`` value (URL or bare file path), else ``EVENTDB_URL``, else ``./eventdb.sqlite``."""
    value = db or os.environ.get("EVENTDB_URL") or DEFAULT_URL
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    return value


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
