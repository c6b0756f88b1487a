"""Cross-article grouping rules and the cross-document benchmark's reading of the scorer, on
real SQLite files and the real scorer (skipped when ../shared is absent)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.happenings.test_happenings import ingest, rows_by

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import happenings_e2e  # noqa: E402 - the bench script, imported from its folder

SCORER = happenings_e2e.SHARED / "bench" / "crossdoc_score.py"

# One speaker, two statements on one day: two happenings, not one.
COOK_A = {"id": "s1", "published": "2012-09-12",
          "text": "Apple chief executive Tim Cook announced the iPhone 5 in San Francisco on Wednesday."}
COOK_B = {"id": "s2", "published": "2012-09-13",
          "text": "Apple chief executive Tim Cook announced record iPhone sales in San Francisco "
                  "on Wednesday."}


def test_two_statements_of_one_speaker_stay_two_happenings(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, COOK_A)
    ingest(db_url, tmp_path, COOK_B)
    rows = rows_by(db_url)
    a, b = rows[("s1", "announced")], rows[("s2", "announced")]
    assert a["kind"] == b["kind"] == "statement"
    assert a["happening"] != b["happening"]


def test_regroup_gives_the_same_happenings_as_ingest(db_url: str, tmp_path: Path) -> None:
    """The Core selects of regroup read what ingest wrote: same partition, same ids."""
    from tests.happenings.test_happenings import QAIM_A, QAIM_B
    from tests.helpers import ok

    ingest(db_url, tmp_path, QAIM_A, COOK_A)
    ingest(db_url, tmp_path, QAIM_B, COOK_B)
    before = {k: r["happening"] for k, r in rows_by(db_url).items()}
    ok(db_url, "regroup")
    after = {k: r["happening"] for k, r in rows_by(db_url).items()}
    assert after == before
    assert after[("a", "bombed")] == after[("b", "bombed")]


def test_breakdown_counts_each_lost_pair_once() -> None:
    gold = [{"doc": f"d{i}", "topic": "3", "events": [
        {"start": 0, "end": 4, "instance": "E1"}, {"start": 10, "end": 14, "instance": "E2"}]}
        for i in (1, 2)]
    participant = {"id": 7, "name": "Qaim"}
    rows = [{"document": f"d{i}", "start": 0, "end": 20, "trigger_start": 0, "trigger_end": 4,
             "trigger": "bombed", "kind": "attack", "background": False, "happening": i,
             "participants": [participant]} for i in (1, 2)]
    figures = dict(happenings_e2e.breakdown(gold, rows, annotated=True))
    assert figures["gold cross-document pairs"] == 2
    assert figures["a gold event word no trigger covers"] == 1  # E2: inside the clause only
    assert figures["refused by dates, words or participant share"] == 1
    assert figures["covered, not background: the recall ceiling of linking"] == 1
    assert happenings_e2e.half(gold[0]) == "odd"
    assert happenings_e2e.half({"corpus": "meantime/apple"}) == "apple"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared (the scorer) is absent")
def test_the_bench_reads_the_overall_event_links_not_the_first_corpus(tmp_path: Path) -> None:
    """MEANTIME is scored per collection and overall; the bench printed airbus's figures as
    the whole corpus's (0 predicted pairs while apple had links)."""
    text = "Apple sued Samsung."
    gold = [{"doc": doc, "corpus": corpus, "text": text, "entities": [],
             "events": [{"start": 6, "end": 10, "text": "sued", "instance": "E1"}]}
            for doc, corpus in (("a1", "meantime/airbus"), ("a2", "meantime/airbus"),
                                ("p1", "meantime/apple"), ("p2", "meantime/apple"))]
    cluster = {"a1": "x", "a2": "y", "p1": "z", "p2": "z"}  # linked in apple only
    pred = [{"doc": d["doc"], "events": [{"start": 6, "end": 10, "cluster": cluster[d["doc"]]}]}
            for d in gold]

    def links(docs: list[dict]) -> dict:
        for name, lines in (("gold", docs), ("pred", pred)):
            (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
        subprocess.run([sys.executable, str(SCORER), str(tmp_path / "gold.jsonl"),
                        str(tmp_path / "pred.jsonl"), "--json", str(tmp_path / "s.json")],
                       check=True, capture_output=True)
        got = happenings_e2e.event_links(json.loads((tmp_path / "s.json").read_text()))
        return (got["pred_pairs"], got["gold_pairs"])

    assert links(gold) == (1, 6)
    assert links(gold[2:]) == (1, 1)  # one corpus (a half, or ECB+): its figures are the whole
