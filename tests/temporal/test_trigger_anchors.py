"""The recognizer's shortcuts must never change what is found: a trigger's scan is skipped when
none of its literal anchors is in the text, a trigger opening with ``\\b`` is searched without it
(each hit checked afterwards), patterns run only in windows around their trigger's hits, and most
expressions run case-sensitively on the folded (lower-cased) text."""

import re
import sys

import pytest
from hypothesis import given, settings, strategies as st

from eventdb.temporal import engine
from eventdb.temporal.engine import compiled
from eventdb.temporal.folding import Scan, anchors, case_free, fold, scan_of, split_lead
from tests.temporal.reference import found, reference_candidates

TRIGGERS = sorted({p.trigger for p in compiled() if p.trigger is not None}, key=lambda t: t.pattern)
WORDS = ["Thursday", "last", "year", "quarter", "mid-2012", "1990s", "ago", "night", "the", "of",
         "on", "for", "a", "half", "every", "now", "9/11", "24/7", "-long", "Christmas", "noon",
         "10:35", "a.m.", "GMT", "Q3", "nineteen", "ninety-four", "fiscal", "later", "ſpring",
         "İt", "decades", "centurıes", "ΚELVIN", "weekend", "\n", ",", ".", "'s"]


def windows(text: str, with_anchors: bool) -> dict:
    folded = fold(text)
    scans = [scan_of(t) for t in TRIGGERS]
    if not with_anchors:
        scans = [Scan(s.regex, s.on_folded, None) for s in scans]
    return {t.pattern: engine._windows(list(s.spans(text, folded)), len(text)) for t, s in zip(TRIGGERS, scans)}


def test_most_triggers_have_anchors():
    with_anchors = [t for t in TRIGGERS if anchors(t)]
    assert len(with_anchors) >= len(TRIGGERS) * 3 // 4
    seasons = anchors(re.compile(r"\b(?:spring|summer)", re.I))
    assert seasons and all(any(a in w for w in ("spring", "summer")) for a in seasons)
    assert min(map(len, seasons)) >= 4  # selective: not just "s"
    assert anchors(re.compile(r"last\s+year", re.I)) in (("last",), ("year",))
    assert anchors(re.compile(r"\d{4}", re.I)) is None  # nothing literal: always scanned


def test_fold_keeps_length_and_class_of_every_character():
    """Offsets into the folded text are offsets into the text, and ``\\w``, ``\\d``, ``\\s``
    and ``.`` see the same characters; a folded ASCII letter is one ``re.I`` equates with it."""
    classes = [re.compile(c) for c in (r"\w", r"\d", r"\s", ".")]
    letters = {c: re.compile(c, re.I) for c in "abcdefghijklmnopqrstuvwxyz"}
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        f = fold(c)
        assert len(f) == 1, hex(code)
        assert [bool(k.match(c)) for k in classes] == [bool(k.match(f)) for k in classes], hex(code)
        if f in letters:
            assert letters[f].fullmatch(c), hex(code)
        elif f != c:
            # nothing folds to a character without case (digits, punctuation, quotes)
            assert not f.isascii() and (f.upper() != f or f.lower() != f), hex(code)
    assert len(fold("İstanbul ΟΔΟΣ straße")) == len("İstanbul ΟΔΟΣ straße")


@pytest.mark.parametrize("text", ["Said SPRING in 2001", "“Quoted” ΟΔΟΣ straße", "İstanbul and ſpring",
                                  "the \u212aelvin scale", "ı", ""])
def test_fold_shortcut_is_the_full_translation(text):
    """A text with none of the characters fold translates is only lower-cased (the fast path):
    the same string as translating every character first."""
    from eventdb.temporal.folding import _FOLD
    assert fold(text) == text.translate(_FOLD).lower()


def test_which_expressions_run_on_the_folded_text():
    assert case_free(re.compile(r"\b(?:now|later)\s+(?:on|\d{4})[-/]?", re.I))
    assert case_free(re.compile(r"[a-z0-9'.](?<![\w])(?!x)", re.I))
    assert not case_free(re.compile(r"(?-i:May)", re.I))  # case matters
    assert not case_free(re.compile(r"Q[1-4]", re.I))  # an upper-case literal
    assert not case_free(re.compile(r"[A-Z]x", re.I))
    assert not case_free(re.compile(r"(a)\1", re.I))  # a back-reference compares case-blind
    assert not case_free(re.compile(r"caf\u00e9", re.I))  # non-ASCII letters: as written
    assert case_free(re.compile(r"[\u201d\u2019\u2014]x", re.I))  # caseless: ” ’ —
    assert not case_free(re.compile(r"now"))  # written case-sensitive: stays so
    on_folded = [p for p in compiled() if p.scan.on_folded]
    assert len(on_folded) >= len(compiled()) // 2


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


TEXTS = [
    "On Thursday, March 3, 2014, officials said the talks of last year ended earlier this month.",
    "LAST YEAR'S THIRD QUARTER, in the 1990s, at 10:35 a.m. GMT; ſpring 2012 and İt was mid-2012.",
    "For a while, every other week, the 24-hour strike (hours-long) in Q3 2014 lasted two and a half days.",
    "He said Now, NEXT WEEK and the Day after tomorrow; Christmas Eve; the fiscal year ended Sept. 30.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_candidates_equal_every_rule_run_over_the_whole_text(text):
    assert found(text) == reference_candidates(text)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300),
                 st.lists(st.sampled_from(WORDS + [w.upper() for w in WORDS] + [w.title() for w in WORDS]),
                          max_size=60).map(" ".join)))
def test_shortcuts_never_change_the_candidates(text):
    assert found(text) == reference_candidates(text)


def spans_as_written(regex: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in regex.finditer(text)]


def test_a_leading_boundary_is_checked_after_the_search():
    loose = scan_of(re.compile(r"\b(?:bc d|d)"))
    assert loose.loose is not None
    # "bc d" after "a" is no hit; the "d" it covers is one, and must not be skipped
    assert list(loose.spans("abc d")) == spans_as_written(re.compile(r"\b(?:bc d|d)"), "abc d") == [(4, 5)]
    assert split_lead(re.compile(r"\bx|y")) is None  # the \b belongs to one alternative only
    assert split_lead(re.compile(r"x\b")) is None
    assert split_lead(re.compile(r"\b(?:x)?")) is None  # may match the empty string
    assert sum(scan_of(t).loose is not None for t in TRIGGERS) >= 10
    assert split_lead(re.compile(r"\b(?:x\s+)?y")) is None  # no prefix to search for after it
    assert sum(p.scan.loose is not None for p in compiled()) >= 10  # rules open with (?<![\w])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300),
                 st.lists(st.sampled_from(WORDS + ["today", "Chicago", "snow", "of th", "xof the", "wan day"]),
                          max_size=60).map(" ".join)))
def test_trigger_spans_equal_the_expressions_as_written(text):
    for trigger in TRIGGERS:
        assert list(scan_of(trigger).spans(text)) == spans_as_written(trigger, text), trigger.pattern
