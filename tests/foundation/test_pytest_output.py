"""The test command's own output: skipped PostgreSQL tests are explained once, and the run ends
with pytest's pass/fail line (not a line per skipped test)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_skipped_postgres_tests_are_summarised_in_one_line() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("EVENTDB_TEST_POSTGRES_URL", "EVENTDB_REQUIRE_POSTGRES", "PYTEST_ADDOPTS")}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
         "tests/foundation/test_export.py"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0, proc.stdout[-3000:]
    skipped = [line for line in lines if "PostgreSQL test" in line and "skipped" in line]
    assert len(skipped) == 1, proc.stdout
    assert "EVENTDB_TEST_POSTGRES_URL" in skipped[0]
    assert not any(line.startswith("SKIPPED") for line in lines), proc.stdout
    count = int(skipped[0].split()[0])
    assert re.fullmatch(rf"\d+ passed, {count} skipped in .*", lines[-1]), lines[-1]
