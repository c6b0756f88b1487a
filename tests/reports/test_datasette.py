"""A SQLite database written by eventdb opens in Datasette with the reporting views listed.

Optional: runs when Datasette is installed (importable here, on PATH, or at $EVENTDB_DATASETTE).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ok

pytestmark = pytest.mark.optional

VIEWS = ["chronology", "event_participants", "corrections", "needs_attention", "participant_activity"]


def datasette_command() -> list[str] | None:
    if os.environ.get("EVENTDB_DATASETTE"):
        return [os.environ["EVENTDB_DATASETTE"]]
    if importlib.util.find_spec("datasette") is not None:
        return [sys.executable, "-m", "datasette"]
    found = shutil.which("datasette")
    return [found] if found else None


def test_datasette_lists_the_views(tmp_path: Path, seeds_jsonl: Path) -> None:
    command = datasette_command()
    if command is None:
        pytest.skip("Datasette is not installed (pip install datasette, or set EVENTDB_DATASETTE)")
    path = tmp_path / "eventdb.sqlite"
    ok(str(path), "init")
    ok(str(path), "ingest", str(seeds_jsonl))

    def get(url: str) -> object:
        result = subprocess.run([*command, str(path), "--get", url], capture_output=True,
                                text=True, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    database = get("/eventdb.json")
    assert set(VIEWS) <= {v["name"] for v in database["views"]}
    rows = get("/eventdb/chronology.json?_shape=array&_size=5")
    assert len(rows) == 5 and {"event_id", "value", "participants", "evidence"} <= set(rows[0])
    activity = get("/eventdb/participant_activity.json?_shape=array&participant=ISIS")
    assert activity and all(r["participant"] == "ISIS" for r in activity)
