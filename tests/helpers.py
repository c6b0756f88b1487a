"""Small helpers shared by tests: running the real CLI in-process."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner, Result

from eventdb.cli.commands import cli
from eventdb.extract import extract


def run(db_url: str | None, *args: str, input: str | None = None, env: dict | None = None) -> Result:
    """Run ``eventdb [--db URL] ARGS`` and return the result (stdout and stderr kept apart)."""
    runner = CliRunner()
    argv = (["--db", db_url] if db_url else []) + list(args)
    return runner.invoke(cli, argv, input=input, env=env, catch_exceptions=False)


def ok(db_url: str | None, *args: str, **kwargs) -> Result:
    result = run(db_url, *args, **kwargs)
    assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    return result


def export_csv(db_url: str, *args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(ok(db_url, "export", "--format", "csv", "--reports", *args).stdout)))


def export_jsonl(db_url: str, *args: str) -> list[dict]:
    out = ok(db_url, "export", "--format", "jsonl", *args).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def entity_of(text: str) -> dict[str, str]:
    """Each mention's text in ``text`` (no publication date) -> the name of its entity."""
    x = extract(text, None)
    return {m.text: x.entities[m.entity].name for m in x.mentions}
