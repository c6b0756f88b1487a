"""Cross-article grouping rules and the cross-document benchmark's reading of the scorer's
figures, on real databases."""

from __future__ import annotations

import sys
from pathlib import Path


from tests.happenings.test_happenings import ingest, rows_by

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
import happenings_e2e  # noqa: E402 - the bench script, imported from its folder

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


def test_the_bench_reads_the_overall_event_links_not_the_first_corpus() -> None:
    """MEANTIME is scored per collection and overall; the bench printed airbus's figures as
    the whole corpus's (0 predicted pairs while apple had links). The scorer's JSON, as
    ``crossdoc_score.py --json`` writes it: per corpus, and "all" when there are several."""
    airbus = {"xdoc_links": {"pred_pairs": 0, "gold_pairs": 1}}
    apple = {"xdoc_links": {"pred_pairs": 1, "gold_pairs": 1}}
    every = {"xdoc_links": {"pred_pairs": 1, "gold_pairs": 6}}
    several = {"events": {"meantime/airbus": airbus, "meantime/apple": apple, "all": every}}
    assert happenings_e2e.event_links(several) == every["xdoc_links"]
    # one corpus (a half, or ECB+): its figures are the whole
    assert happenings_e2e.event_links({"events": {"meantime/apple": apple}}) == apple["xdoc_links"]
    assert happenings_e2e.event_links({}) == {}
