"""The benchmark script says so and exits 0 when its corpus is absent."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "temporal.py"


def test_bench_skips_without_corpus(tmp_path):
    res = subprocess.run([sys.executable, str(BENCH), "--corpus", str(tmp_path / "missing.jsonl")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0
    assert "skipped" in res.stdout
