#!/usr/bin/env python3
"""Guard for speed work on extraction: dump ``repr(extract(text, published))`` of every text of
the dev corpora (and, optionally, a generated corpus) and time it, so that a change meant only
to be faster can be checked byte for byte against the dump made before it.

    python bench/extract_identity.py /tmp/before.txt [--extra bench/out/corpus-1500.jsonl]
    ... change the code ...
    python bench/extract_identity.py /tmp/after.txt && cmp /tmp/before.txt /tmp/after.txt

Corpora come from ../shared/corpora (MEANTIME, SemEval 2015, ECB+, happenings dev sets).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
CORPORA = ("meantime-dev", "semeval2015-dev", "ecbplus-dev", "happenings-dev")


def items(paths: list[Path]) -> Iterator[tuple[str, str, date | None]]:
    """(corpus name, text, publication date) of every line of ``paths``."""
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                obj = json.loads(line)
                day = obj.get("dct") or obj.get("published")
                yield path.stem, obj["text"], date.fromisoformat(day[:10]) if day else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path, help="file the reprs are written to, one line a text")
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="another JSON-lines corpus (text, published), e.g. bench/generate.py's")
    args = parser.parse_args()
    from eventdb.extract import extract

    seconds: dict[str, float] = {}
    with args.out.open("w", encoding="utf-8") as out:
        for name, text, published in items([SHARED / f"{c}.jsonl" for c in CORPORA] + args.extra):
            start = time.perf_counter()
            result = extract(text, published)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - start
            out.write(repr(result) + "\n")
    print(" ".join(f"{k} {v:.2f}s" for k, v in seconds.items()), file=sys.stderr)
    print(hashlib.sha1(args.out.read_bytes()).hexdigest())


if __name__ == "__main__":
    main()
