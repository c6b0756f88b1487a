"""Rules scan only windows sized by their own reach around their trigger's hits (reach.py): the
candidates must be exactly those of every rule run over the whole text, whatever the text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventdb.temporal import engine
from eventdb.temporal.engine import compiled
from eventdb.temporal.reach import LONG_RUN, reach
from tests.temporal.reference import found, reference_candidates

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_reach_counts_each_character_and_bounds_runs():
    assert reach(re.compile(r"ab(?:c|de)")) == (4, 4)
    # a blank run counts as at most 8 characters, a run of number characters as at most 15
    assert reach(re.compile(r"last\s+week")) == (4 + 8 + 4, 4 + 8 + 4)
    assert reach(re.compile(r"[\s-]*x")) == (9, 9)
    assert reach(re.compile(r"\d{1,3}(?:,\d{3})*")) == (3 + 15, 3 + 15)
    # a lookahead reads past the match: only the after-margin grows; a lookbehind reads before it
    assert reach(re.compile(r"(?<![\w])x(?!\s*percent)")) == (1, 1 + 8 + 7)
    # no bound: a run of anything, a back-reference
    assert reach(re.compile(r"x.*y")) is None
    assert reach(re.compile(r"x\w+")) is None
    assert reach(re.compile(r"(a)\1")) is None


def test_most_rules_have_a_reach_and_it_is_smaller_than_the_wide_margins():
    bounded = [p for p in compiled() if p.margins is not None]
    assert len(bounded) >= len(compiled()) * 9 // 10
    narrow = [p for p in bounded if p.margins[0] < engine._WIDE[0] and p.margins[1] < engine._WIDE[1]]
    assert len(narrow) >= len(bounded) * 3 // 4


def test_long_runs_send_a_text_to_the_wide_margins():
    assert LONG_RUN.search("a" + " " * 9 + "b")
    assert LONG_RUN.search("1,234,567,890,123,456")
    assert not LONG_RUN.search("On 3 March 2014,  some 1,234,567 people - and more - left.\n\n")


CASES = [
    # a match at the largest reach the bounds allow for: runs of 8 blanks and 15 number characters
    "It lasted more than" + " " * 8 + "999,999,999,999" + " " * 8 + "years" + " " * 8 + "ago.",
    "some       twenty-five        days later, on Thursday,        March        3,       2014",
    # runs longer than that: the wide margins (and the same candidates)
    "It lasted more than" + " " * 12 + "999,999,999,999,999" + " " * 12 + "years ago.",
    "the fiscal\n\n\n\n\n\n\n\n\n\nyear 2013 and the 1,000,000,000,000,000,000 years before",
]


@pytest.mark.parametrize("text", CASES)
def test_candidates_at_and_beyond_the_bounds_equal_the_rules_over_the_whole_text(text):
    assert found(text) == reference_candidates(text)


def test_candidates_of_the_seed_articles_equal_the_rules_over_the_whole_text():
    texts = [t for path in sorted(SEEDS.glob("*.txt")) if (t := path.read_text(encoding="utf-8"))]
    assert texts
    for text in texts:
        assert found(text) == reference_candidates(text)


WORDS = ["Thursday", "last", "year", "years", "ago", "about", "more than", "some", "twenty-five",
         "two and a half", "days", "later", "earlier", "every", "other", "week", "March", "3,",
         "2014", "1,000", "12.5", "999,999,999,999", "fiscal", "the", "of", "quarter", "a.m.",
         "10:35", "mid-2012", "hours", "before", "percent", "-long", "each", "month"]
GAPS = [" ", "  ", " " * 8, " " * 9, "\n", "\n\n", " - ", "-", ", ", ",", "."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=40)
       .map(lambda parts: "".join(w + g for w, g in parts)))
def test_windows_sized_by_reach_never_change_the_candidates(text):
    assert found(text) == reference_candidates(text)
