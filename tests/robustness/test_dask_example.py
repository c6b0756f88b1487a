"""The Dask example in docs/ works, run as a user runs it, on a real local cluster."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import export_jsonl
from tests.robustness.test_faults import consistency, many_documents

pytest.importorskip("dask.distributed", reason="the Dask example needs dask[distributed]")

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "dask_ingest.py"


def run_example(corpus: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(EXAMPLE), str(corpus), "--db", url, "--workers", "2",
         "--blocksize", "40kB"],
        capture_output=True, text=True, timeout=600,
    )


def test_dask_example_ingests_in_parallel_and_reruns_safely(db_url: str, seeds_jsonl: Path,
                                                            tmp_path: Path) -> None:
    corpus = many_documents(seeds_jsonl, tmp_path, 120)
    with corpus.open("a", encoding="utf-8") as out:
        out.write("{broken\n")
    first = run_example(corpus, db_url)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "120 added, 0 replaced, 0 unchanged, 1 failed" in first.stdout
    assert "malformed" in first.stdout or "Expecting" in first.stdout
    assert consistency(db_url)["documents"] == 120
    again = run_example(corpus, db_url)
    assert "0 added, 0 replaced, 120 unchanged, 1 failed" in again.stdout
    assert export_jsonl(db_url, "--participant", "ISIS")
