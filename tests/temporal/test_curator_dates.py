"""Dates as historians write them: every form of issue 17 §5, typed by a curator, stored with its
qualifier and shown in words; through the real curation service on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from eventdb.db.engine import Database
from eventdb.errors import InputError
from eventdb.services.curation import Curation
from eventdb.temporal import TemporalError
from eventdb.temporal.curator_input import (
    APPROX_WINDOW, EXAMPLE_ANCHOR, FORMS, interpret_input, resolve_input,
)
from eventdb.temporal.wording import date_words, words_of
from tests.conftest import SEEDS
from tests.helpers import export_jsonl, ok

# input -> stored value, mod, earliest, latest, edtf -> words (anchor: Friday 27 June 2014)
ISSUE_FORMS = [
    ("2014-06-20/2014-06-24", "P5D", None, "2014-06-20", "2014-06-24", "2014-06-20/2014-06-24",
     "between 20 and 24 June 2014"),
    ("2014-06?", "2014-06", None, "2014-06-01", "2014-06-30", "2014-06?", "June 2014 (uncertain)"),
    ("2014-06~", "2014-06", "APPROX", "2014-05-01", "2014-07-31", "2014-06~", "about June 2014"),
    ("1970?", "1970", None, "1970-01-01", "1970-12-31", "1970?", "1970 (uncertain)"),
    ("before 1980", "1980", "BEFORE", None, "1979-12-31", "../1979", "before 1980"),
    ("after 12 June", "2014-06-12", "AFTER", "2014-06-13", None, "2014-06-13/..",
     "after 12 June 2014"),
    ("between 2004 and 2006", "P3Y", None, "2004-01-01", "2006-12-31", "2004/2006",
     "between 2004 and 2006"),
    ("circa 1990", "1990", "APPROX", "1988-01-01", "1992-12-31", "1990~", "circa 1990"),
    ("around 2020", "2020", "APPROX", "2018-01-01", "2022-12-31", "2020~", "circa 2020"),
    ("late 1980s", "198", "END", "1985-01-01", "1989-12-31", "1985/1989", "the late 1980s"),
    ("the day before", "2014-06-26", None, "2014-06-26", "2014-06-26", "2014-06-26",
     "26 June 2014"),
    ("last thursday", "2014-06-26", None, "2014-06-26", "2014-06-26", "2014-06-26",
     "26 June 2014"),
    ("on or before 27 June 2014", "2014-06-27", "ON_OR_BEFORE", None, "2014-06-27",
     "../2014-06-27", "on or before 27 June 2014"),
    ("early June 2014", "2014-06", "START", "2014-06-01", "2014-06-15", "2014-06-01/2014-06-15",
     "early June 2014"),
    ("mid-2014", "2014", "MID", "2014-04-01", "2014-09-30", "2014-04/2014-09", "mid-2014"),
    ("../1980-01-01", "1980-01-01", "ON_OR_BEFORE", None, "1980-01-01", "../1980-01-01",
     "on or before 1 January 1980"),
    ("1980-01-01/..", "1980-01-01", "ON_OR_AFTER", "1980-01-01", None, "1980-01-01/..",
     "on or after 1 January 1980"),
    ("[..1979]", "1979", "ON_OR_BEFORE", None, "1979-12-31", "../1979", "on or before 1979"),
    ("198X", "198", None, "1980-01-01", "1989-12-31", "198X", "the 1980s"),
    ("summer 2014", "2014-SU", None, "2014-06-01", "2014-08-31", "2014-22", "summer 2014"),
    ("2014-W25", "2014-W25", None, "2014-06-16", "2014-06-22", "2014-06-16/2014-06-22",
     "week 25 of 2014"),
    ("2014-Q2", "2014-Q2", None, "2014-04-01", "2014-06-30", "2014-34", "Q2 2014"),
    ("27 June 2014", "2014-06-27", None, "2014-06-27", "2014-06-27", "2014-06-27", "27 June 2014"),
]


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _stored(r) -> tuple:  # noqa: ANN001 - a Resolved or an EventDetail
    return r.value, r.mod, _iso(r.earliest), _iso(r.latest), r.edtf


# -- the pattern table's own examples ----------------------------------------------------------
EXAMPLES = [(f["name"], *ex) for f in FORMS for ex in f["examples"]]


@pytest.mark.parametrize("name,text,value,mod,earliest,latest,edtf", EXAMPLES,
                         ids=[f"{e[0]}:{e[1]}" for e in EXAMPLES])
def test_form_examples(name, text, value, mod, earliest, latest, edtf) -> None:  # noqa: ANN001
    rule, resolved = interpret_input(text, EXAMPLE_ANCHOR)
    assert _stored(resolved) == (value, mod, earliest, latest, edtf), rule
    # The rule stored with the assertion gives the same date again, and none is TIMEX jargon.
    assert resolve_input(rule, EXAMPLE_ANCHOR) == resolved
    words = words_of(resolved)
    assert not any(j in words for j in ("mod ", "START", "APPROX", "?>", "../", "/..", "XX")), words


@pytest.mark.parametrize("text,value,mod,earliest,latest,edtf,words", ISSUE_FORMS,
                         ids=[f[0] for f in ISSUE_FORMS])
def test_issue_forms_pure(text, value, mod, earliest, latest, edtf, words) -> None:  # noqa: ANN001
    _, resolved = interpret_input(text, EXAMPLE_ANCHOR)
    assert _stored(resolved) == (value, mod, earliest, latest, edtf)
    assert words_of(resolved) == words


def test_the_anchor_decides_relative_forms() -> None:
    """"after 12 June" takes the anchor's year; "last thursday" counts from the anchor."""
    anchor = interpret_input("2009-03-02", None)[1]  # a Monday
    assert _stored(interpret_input("after 12 June", anchor)[1])[:4] == (
        "2009-06-12", "AFTER", "2009-06-13", None)
    assert interpret_input("last Thursday", anchor)[1].value == "2009-02-26"
    with pytest.raises(TemporalError, match="anchor"):
        interpret_input("after 12 June", None)


@pytest.mark.parametrize("text,message", [
    ("between 2006 and 2004", "the end (2004) comes before the start (2006)"),
    ("../..", "at least one known end"),
    ("before banana", "not understood"),
    ("circa", "not understood"),
    ("2014-13?", "no month 13"),
])
def test_bad_forms_say_why_in_one_line(text: str, message: str) -> None:
    with pytest.raises(TemporalError) as info:
        interpret_input(text, EXAMPLE_ANCHOR)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_approx_window_is_documented_per_precision() -> None:
    """circa = the unit widened by APPROX_WINDOW on each side (years: two)."""
    assert APPROX_WINDOW["year"] == (2, "Y")
    r = interpret_input("about 26 June 2014", EXAMPLE_ANCHOR)[1]
    assert (r.earliest, r.latest, r.mod) == (date(2014, 6, 23), date(2014, 6, 29), "APPROX")


# -- words ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("args,long,short", [
    (("2014-06-27",), "27 June 2014", "27 Jun 2014"),
    (("2014-06",), "June 2014", "June 2014"),
    (("2014",), "2014", "2014"),
    (("2014-06-27", "ON_OR_BEFORE"), "on or before 27 June 2014", "≤ 27 Jun 2014"),
    (("1980", "BEFORE"), "before 1980", "before 1980"),
    (("2014-06-12", "AFTER"), "after 12 June 2014", "> 12 Jun 2014"),
    (("198", "END"), "the late 1980s", "the late 1980s"),
    (("2014-06", "START"), "early June 2014", "early June 2014"),
    (("2014", "MID"), "mid-2014", "mid-2014"),
    (("1990", "APPROX"), "circa 1990", "circa 1990"),
    (("2014-06", "APPROX"), "about June 2014", "about June 2014"),
    (("2014-SU",), "summer 2014", "summer 2014"),
    (("2014-W25",), "week 25 of 2014", "week 25 of 2014"),
    (("2014-Q2",), "Q2 2014", "Q2 2014"),
    (("198",), "the 1980s", "the 1980s"),
    ((None,), "unknown", "unknown"),
    (("2014-06-26TNI",), "26 June 2014, night", "26 Jun 2014, night"),
    (("XXXX-WXX-4",), "Thursday (date unknown)", "Thursday"),
])
def test_words(args: tuple, long: str, short: str) -> None:
    assert date_words(*args) == long
    assert date_words(*args, width=15) == short or len(date_words(*args, width=15)) <= 15


def test_words_keep_edtf_qualifiers() -> None:
    assert date_words("2014-06", None, "month", edtf="2014-06?") == "June 2014 (uncertain)"
    assert date_words("2014-06", None, "month", edtf="2014-06?", width=15) == "Jun 2014?"
    assert date_words("P3Y", None, "year", date(2004, 1, 1), date(2006, 12, 31),
                      "2004/2006") == "between 2004 and 2006"


@pytest.mark.parametrize("form", [f[0] for f in ISSUE_FORMS])
def test_every_short_form_fits_the_date_column(form: str) -> None:
    from eventdb.tui.widgets_chronology import DATE_W

    resolved = interpret_input(form, EXAMPLE_ANCHOR)[1]
    assert len(words_of(resolved, width=DATE_W - 1)) <= DATE_W - 1


# -- through the real curation service, on both engines ----------------------------------------
TEXT = "Rebels attacked the northern town of Qaim on Monday. Officials said the town was calm."


@pytest.fixture
def story(db_url: str, tmp_path: Path) -> str:
    path = tmp_path / "story.jsonl"
    path.write_text(json.dumps({"id": "story", "published": "2014-06-27", "text": TEXT,
                                "title": "Qaim"}) + "\n", encoding="utf-8")
    ok(db_url, "ingest", str(path))
    return db_url


def _event_id(url: str, word: str) -> int:
    (found,) = [e for e in export_jsonl(url) if word in e["headline"]]
    return found["id"]


@pytest.mark.parametrize("text,value,mod,earliest,latest,edtf,words", ISSUE_FORMS,
                         ids=[f[0] for f in ISSUE_FORMS])
def test_issue_forms_through_the_service(story: str, text, value, mod, earliest, latest, edtf,
                                         words) -> None:  # noqa: ANN001
    db = Database(story)
    try:
        curation = Curation(db, "ana")
        event_id = _event_id(story, "attacked")
        # "the day before" counts from the event's anchor: its expression "Monday" counts from
        # the publication date (Fri 27 June 2014), so the anchor is that day.
        curation.set_date(event_id, text)
        d = curation.event_detail(event_id)
        assert _stored(d) == (value, mod, earliest, latest, edtf)
        assert date_words(d.value, d.mod, d.precision, d.earliest, d.latest, d.edtf) == words
        (current,) = [h for h in curation.history(event_id) if h.current and h.subject.startswith("event")]
        assert current.input_text == text
    finally:
        db.dispose()


def test_a_bad_form_changes_nothing(story: str) -> None:
    db = Database(story)
    try:
        curation = Curation(db, "ana")
        event_id = _event_id(story, "attacked")
        before = curation.event_detail(event_id)
        with pytest.raises(InputError, match="comes before the start"):
            curation.set_date(event_id, "between 2006 and 2004")
        after = curation.event_detail(event_id)
        assert _stored(after) == _stored(before) and after.version == before.version
    finally:
        db.dispose()


def test_qualified_dates_sort_by_their_bounds(story: str) -> None:
    """"late 1980s" sorts after 1985-01-01 (not among 1981's events); "before 1980", whose start
    is open, follows the dated events in order of its end, ahead of the undated."""
    db = Database(story)
    try:
        curation = Curation(db, "ana")
        attacked, calm = _event_id(story, "attacked"), _event_id(story, "calm")
        curation.set_date(attacked, "late 1980s")
        curation.set_date(calm, "1984")
        order = [e["id"] for e in export_jsonl(story)]
        assert order.index(calm) < order.index(attacked)
        curation.set_date(calm, "1986")
        order = [e["id"] for e in export_jsonl(story)]
        assert order.index(attacked) < order.index(calm)
        curation.set_date(calm, "before 1980")
        rows = export_jsonl(story)
        assert [r["id"] for r in rows] == [attacked, calm]
        assert (rows[1]["earliest"], rows[1]["latest"], rows[1]["mod"]) == (None, "1979-12-31",
                                                                            "BEFORE")
    finally:
        db.dispose()


JARGON = re.compile(r"XX|\bP\d|\d{4}-\d\d|W\d\d|_REF|\b(?:START|MID|END|APPROX|BEFORE|AFTER|"
                    r"ON_OR_\w+|LESS_THAN|MORE_THAN)\b|\.\./|/\.\.")


def test_every_value_the_engine_gives_reads_in_words() -> None:
    """The seed articles and the pattern table's examples tagged with and without a publication
    date: every resolution the engine gives, in full words and in the date column's 15 cells,
    without TIMEX3 notation."""
    from eventdb.temporal import tag

    from eventdb.temporal.resources.patterns import PATTERNS

    texts = [(json.loads(line)["text"], json.loads(line).get("published"))
             for line in (SEEDS / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    texts += [(ex[0], ex[1]) for p in PATTERNS for ex in p.get("examples", [])]
    seen = 0
    for text, published in texts:
        for dct in (date.fromisoformat(published[:10]) if published else None, None):
            for t in tag(text, dct):
                seen += 1
                long, short = words_of(t.resolved), words_of(t.resolved, width=15)
                assert not JARGON.search(long), (t.text, t.resolved, long)
                assert not JARGON.search(short) and len(short) <= 15, (t.text, t.resolved, short)
    assert seen > 300


@pytest.mark.parametrize("args,long,short", [
    (("P3W", "LESS_THAN"), "less than 3 weeks", "< 3 weeks"),
    (("P2Y6M",), "2 years 6 months", "2 yrs 6 mos"),
    (("PXX",), "a while", "a while"),
    (("2014-SU", "START"), "early summer 2014", "early sum. 2014"),
    (("XXXX-WXX-4TMO",), "Thursday morning (date unknown)", "Thursday"),
    (("XXXX-XX-XX",), "date unknown", "date unknown"),
    (("2014-06-27T20:00", "AFTER"), "after 27 June 2014 20:00", "> 27 Jun 2014"),
    (("P10Y", None, None, date(2004, 6, 27), date(2014, 6, 27), "2004-06-27/2014-06-27"),
     "between 27 June 2004 and 27 June 2014", "2004–2014"),
])
def test_machine_values_in_words(args: tuple, long: str, short: str) -> None:
    assert date_words(*args) == long
    assert date_words(*args, width=15) == short


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["before", "after", "on or", "between", "and", "circa", "about", "late", "early", "mid-",
           "the", "day", "last", "thursday", "June", "12", "1980", "1980s", "2014-06", "2014-06-20",
           "/", "..", "?", "~", "%", "[", "]", "-", "–", "X", "9999", "0000", "(uncertain)", " ",
           "from", "to", "by", "since", "0", "31", "02-30", "W53", "Q5"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map(" ".join),
       st.sampled_from([EXAMPLE_ANCHOR, None]))
def test_any_input_is_read_or_refused_in_one_line(text: str, anchor) -> None:  # noqa: ANN001
    """Whatever a curator types is a date (whose rule gives it again) or one line saying why."""
    try:
        rule, resolved = interpret_input(text, anchor)
    except TemporalError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert resolve_input(rule, anchor) == resolved
    if resolved.earliest and resolved.latest:
        assert resolved.earliest <= resolved.latest
    assert words_of(resolved)


def test_set_date_on_the_cli_refuses_in_one_line(story: str) -> None:
    from tests.helpers import run

    event_id = _event_id(story, "attacked")
    before = [e for e in export_jsonl(story) if e["id"] == event_id]
    result = run(story, "set-date", str(event_id), "between 2006 and 2004")
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "comes before the start" in result.stderr
    assert [e for e in export_jsonl(story) if e["id"] == event_id] == before
    ok(story, "set-date", str(event_id), "circa 1990")
    (row,) = [e for e in export_jsonl(story) if e["id"] == event_id]
    assert (row["value"], row["mod"], row["edtf"], row["date_words"]) == (
        "1990", "APPROX", "1990~", "circa 1990")
