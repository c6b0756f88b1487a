#!/usr/bin/env python3
"""Make a large, realistic corpus for benchmarks, without network access.

Texts come from the annotated news corpora in ``../shared/corpora`` when present (TimeBank,
MEANTIME, SemEval: real news), else from the seed articles shipped with eventdb. Each generated
document is one of those texts re-dated: its publication date moved by up to ten years either way
(so relative dates land all over the calendar), a few percent left undated, ids unique.

    python bench/generate.py 100000 -o bench/out/corpus-100000.jsonl [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
CORPORA = ("tbaq.jsonl", "meantime-dev.jsonl", "semeval2015-dev.jsonl")


def source_texts() -> tuple[list[tuple[str, date | None]], str]:
    """(text, publication date) pairs, and where they came from."""
    texts: list[tuple[str, date | None]] = []
    for name in CORPORA:
        path = SHARED / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                obj = json.loads(line)
                dct = obj.get("dct")
                texts.append((obj["text"], date.fromisoformat(dct[:10]) if dct else None))
    if texts:
        return texts, f"{len(texts)} news texts from {SHARED}"
    seeds = Path(__file__).resolve().parents[1] / "seeds" / "articles.jsonl"
    with seeds.open(encoding="utf-8") as handle:
        for line in handle:
            obj = json.loads(line)
            texts.append((obj["text"], date.fromisoformat(obj["published"])))
    return texts, f"{len(texts)} seed articles ({SHARED} not found)"


def generate(n: int, out, seed: int = 7, undated: float = 0.03) -> str:  # noqa: ANN001
    rng = random.Random(seed)
    texts, origin = source_texts()
    for i in range(n):
        text, dct = texts[i % len(texts)] if i < len(texts) else rng.choice(texts)
        published = None
        if dct is not None and rng.random() >= undated:
            published = (dct + timedelta(days=rng.randint(-3650, 3650))).isoformat()
        out.write(json.dumps({
            "id": f"gen-{i:06d}", "title": text.strip().split("\n", 1)[0][:120],
            "source": "generated", "published": published, "text": text,
        }, ensure_ascii=False) + "\n")
    return origin


def corpus(n: int, folder: Path, seed: int = 7) -> Path:
    """The path of an n-document corpus, generated once and reused."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"corpus-{n}.jsonl"
    if not path.exists():
        from eventdb.services.outfiles import output_file

        with output_file(path) as out:  # whole or not at all
            generate(n, out, seed)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.output:
        from eventdb.services.outfiles import output_file

        args.output.parent.mkdir(parents=True, exist_ok=True)
        with output_file(args.output) as out:  # whole or not at all
            origin = generate(args.n, out, args.seed)
    else:
        origin = generate(args.n, sys.stdout, args.seed)
    print(f"{args.n} documents from {origin}", file=sys.stderr)


if __name__ == "__main__":
    main()
