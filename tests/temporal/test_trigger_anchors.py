"""The recognizer skips a trigger's scan when none of its literal anchors is in the text: that
shortcut must never change what is found."""

import re
import sys

import pytest
from hypothesis import given, settings, strategies as st

from eventdb.temporal import engine
from eventdb.temporal.engine import anchors, compiled, fold

TRIGGERS = sorted({p.trigger for p in compiled() if p.trigger is not None}, key=lambda t: t.pattern)
WORDS = ["Thursday", "last", "year", "quarter", "mid-2012", "1990s", "ago", "night", "the", "of",
         "on", "for", "a", "half", "every", "now", "9/11", "24/7", "-long", "Christmas", "noon",
         "10:35", "a.m.", "GMT", "Q3", "nineteen", "ninety-four", "fiscal", "later", "ſpring",
         "İt", "decades", "centurıes", "ΚELVIN", "weekend", "\n", ",", ".", "'s"]


def windows(text: str, with_anchors: bool) -> dict:
    folded = fold(text) if with_anchors else None
    return {t.pattern: engine._windows(t, text, len(text), folded) for t in TRIGGERS}


def test_most_triggers_have_anchors():
    with_anchors = [t for t in TRIGGERS if anchors(t)]
    assert len(with_anchors) >= len(TRIGGERS) * 3 // 4
    seasons = anchors(re.compile(r"\b(?:spring|summer)", re.I))
    assert seasons and all(any(a in w for w in ("spring", "summer")) for a in seasons)
    assert min(map(len, seasons)) >= 4  # selective: not just "s"
    assert anchors(re.compile(r"last\s+year", re.I)) in (("last",), ("year",))
    assert anchors(re.compile(r"\d{4}", re.I)) is None  # nothing literal: always scanned


@pytest.mark.parametrize("letter", "abcdefghijklmnopqrstuvwxyz")
def test_fold_keeps_every_case_insensitive_match_of_a_letter(letter):
    """Whatever character ``re.I`` lets stand for an ASCII letter folds to that letter."""
    rx = re.compile(letter, re.I)
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if rx.fullmatch(c):
            assert letter in fold(c), (letter, hex(code))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)))
def test_anchors_never_change_the_windows(text):
    assert windows(text, True) == windows(text, False)
