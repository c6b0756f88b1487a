"""Table-driven tests of tag(): seeds, traps, directions, boundaries, anaphora, bounds."""

from datetime import date, datetime
from pathlib import Path

import pytest

from eventdb.temporal import dct_resolution, resolve, tag

FRI = date(2014, 6, 27)  # a Friday
THU = date(2018, 4, 19)  # a Thursday
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def by_text(text, dct):
    return {t.text: t for t in tag(text, dct)}


def value_of(text, dct, span):
    found = by_text(text, dct)
    assert span in found, f"{span!r} not in {list(found)}"
    return found[span].resolved


# --- the seed articles ---------------------------------------------------------------------------
def test_seed_2014():
    found = by_text((SEEDS / "iraq-syria-strikes-2014.txt").read_text(), FRI)
    assert found["Thursday"].resolved.value == "2014-06-26"
    assert found["Thursday"].anchor == "dct"
    assert found["last Friday"].resolved.value == "2014-06-20"
    assert found["recently"].resolved.value == "PAST_REF"
    weeks = found["the last three or four weeks"]
    assert weeks.type == "DURATION" and weeks.resolved.value.startswith("P")
    assert weeks.resolved.latest == FRI  # ends at publication
    for trap in ("second largest", "second", "F16", "300", "Sunni", "300 members"):
        assert trap not in found


def test_seed_2018():
    found = by_text((SEEDS / "iraq-strikes-in-syria-2018.txt").read_text(), THU)
    assert found["Thursday"].resolved.value == "2018-04-19"
    assert found["Wednesday"].resolved.value == "2018-04-18"
    month = found["earlier this month"].resolved
    assert (month.value, month.mod, month.precision) == ("2018-04", "START", "month")
    assert found["one point"].resolved.value == "PAST_REF"
    assert "F-16" not in found and "16" not in found
    assert all(t.type != "SET" for t in found.values())  # "Daily Caller" is a name


# --- traps ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Officials may decide later.", "Protesters will march on the capital.",
    "Sunni and Shia leaders met.", "Mon Sat wed", "the second largest city", "open 24/7",
    "after 9/11 the", "F16 jets", "F-16 jets", "a force of 300 members", "4 of the 5 judges",
    "He may well refuse.", "the current account deficit", "a 6-year-old boy",
    # capitalised words of time inside a sentence: names and titles
    "he told CBS's ``60 Minutes.''", 'Baker said on ABC-TV\'s "This Week With David Brinkley"',
    "This is VOA Today.", "the film High Noon",
])
def test_traps_stay_untagged(text):
    assert [t.text for t in tag(text, FRI)] == []


# --- directions and boundaries ----------------------------------------------------------------
@pytest.mark.parametrize("text,dct,span,value", [
    ("He left on Thursday.", FRI, "Thursday", "2014-06-26"),
    ("He left on Friday.", FRI, "Friday", "2014-06-27"),
    ("He will leave on Saturday.", FRI, "Saturday", "2014-06-28"),
    ("He left on Saturday.", FRI, "Saturday", "2014-06-21"),
    ("He said next Monday", FRI, "next Monday", "2014-06-30"),
    ("Talks ended last Thursday.", THU, "last Thursday", "2018-04-12"),
    # month and year boundaries
    ("Talks began yesterday.", date(2014, 7, 1), "yesterday", "2014-06-30"),
    ("Talks began yesterday.", date(2015, 1, 1), "yesterday", "2014-12-31"),
    ("It ends tomorrow.", date(2014, 12, 31), "tomorrow", "2015-01-01"),
    ("Sales fell last month.", date(2015, 1, 15), "last month", "2014-12"),
    ("Sales fell last week.", date(2015, 1, 1), "last week", "2014-W52"),
    ("It happened in December.", date(2015, 1, 10), "December", "2014-12"),
    ("It opens in January.", date(2014, 12, 10), "January", "2015-01"),
    # leap years
    ("It happened yesterday.", date(2016, 3, 1), "yesterday", "2016-02-29"),
    ("It happened yesterday.", date(2015, 3, 1), "yesterday", "2015-02-28"),
    ("It was signed on Feb. 29.", date(2015, 3, 1), "Feb. 29", "2012-02-29"),
    ("A year earlier it was Feb. 29, 2016. A year later", FRI, "Feb. 29, 2016", "2016-02-29"),
    ("It fell two days ago.", date(2016, 3, 1), "two days ago", "2016-02-28"),
    # ordinals: a day of the month, not February
    ("It opened on the 2nd and", FRI, "the 2nd", "2014-06-02"),
    # decades, centuries, seasons, quarters, halves, mid-year
    ("since the 1990s", FRI, "the 1990s", "199"),
    ("in the 20th century", FRI, "the 20th century", "19"),
    ("It happened last fall.", FRI, "last fall", "2013-FA"),
    ("in the winter of 2013", FRI, "the winter of 2013", "2013-WI"),
    ("the second quarter of 2013", FRI, "the second quarter of 2013", "2013-Q2"),
    ("in the first half of 2013 the", FRI, "the first half of 2013", "2013-H1"),
    ("until mid-2012 when", FRI, "mid-2012", "2012"),
    ("It was June last year.", FRI, "June last year", "2013-06"),
    ("by the end of the month", FRI, "the end of the month", "2014-06"),
    ("It happened last June.", FRI, "last June", "2013-06"),
    ("The market opens every Monday.", FRI, "every Monday", "XXXX-WXX-1"),
    ("It is now clear", FRI, "now", "PRESENT_REF"),
    ("clashes on Thursday night", FRI, "Thursday night", "2014-06-26TNI"),
])
def test_values(text, dct, span, value):
    assert value_of(text, dct, span).value == value


def test_mods():
    assert value_of("until mid-2012 when", FRI, "mid-2012").mod == "MID"
    assert value_of("Talks ended in late November.", FRI, "late November").mod == "END"
    assert value_of("by the end of the month", FRI, "the end of the month").mod == "END"


def test_durations_and_sets_have_types():
    found = by_text("It lasted three or four weeks and happens every day.", FRI)
    assert found["three or four weeks"].type == "DURATION"
    assert found["three or four weeks"].resolved.value in ("P3W", "P4W")
    assert found["every day"].type == "SET"


# --- anaphora ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,span,value", [
    ("It began on June 2, 2014. Two days later it ended.", "Two days later", "2014-06-04"),
    ("On June 2, 2014 he left. The next day he came back.", "The next day", "2014-06-03"),
    ("On June 2, 2014 he left and the same day she came.", "the same day", "2014-06-02"),
    ("In 1990 sales fell. A year earlier they rose.", "A year earlier", "1989"),
    ("It began on June 2, 2012. That week it rained.", "That week", "2012-W22"),
])
def test_anaphora_resolve_against_previous_expression(text, span, value):
    result = tag(text, FRI)
    t = next(t for t in result if t.text == span)
    assert t.resolved.value == value
    assert t.anchor.startswith("timex:")
    anchor = result[int(t.anchor.split(":")[1])]
    assert resolve(t.rule, anchor.resolved) == t.resolved


# --- unknown and changed anchors ------------------------------------------------------------------
def test_unknown_dct_keeps_rule_and_resolves_later():
    text = "Syrian jets bombed the town on Thursday, and last week, and on June 24."
    unknown = tag(text, None)
    thursday = next(t for t in unknown if t.text == "Thursday")
    assert thursday.resolved.value == "XXXX-WXX-4"
    assert thursday.resolved.earliest is None and not thursday.resolved.is_resolved
    assert next(t for t in unknown if t.text == "June 24").resolved.value == "XXXX-06-24"
    assert next(t for t in unknown if t.text == "last week").resolved.value == "XXXX-WXX"
    known = tag(text, FRI)
    for u, k in zip(unknown, known):
        assert (u.start, u.end, u.rule, u.anchor) == (k.start, k.end, k.rule, k.anchor)
        assert resolve(u.rule, dct_resolution(FRI)) == k.resolved


def test_re_resolving_from_a_changed_anchor_equals_a_fresh_tag():
    text = "Officials met on Thursday, two days after talks began on Tuesday; last month was calm."
    for old, new in [(FRI, THU), (THU, date(2016, 2, 29)), (FRI, datetime(2014, 6, 30, 9, 0))]:
        before, after = tag(text, old), tag(text, new)
        assert [t.rule for t in before] == [t.rule for t in after]
        for t, fresh in zip(before, after):
            anchor = dct_resolution(new) if t.anchor == "dct" else None
            if t.anchor and t.anchor.startswith("timex:"):
                anchor = after[int(t.anchor[6:])].resolved
            assert resolve(t.rule, anchor) == fresh.resolved


# --- bounds and EDTF ------------------------------------------------------------------------------
@pytest.mark.parametrize("text,span,earliest,latest,edtf", [
    ("He left on Thursday.", "Thursday", "2014-06-26", "2014-06-26", "2014-06-26"),
    ("Sales fell last month.", "last month", "2014-05-01", "2014-05-31", "2014-05"),
    ("Sales fell last week.", "last week", "2014-06-16", "2014-06-22", "2014-06-16/2014-06-22"),
    ("in the 1990s", "the 1990s", "1990-01-01", "1999-12-31", "199X"),
    ("It happened last fall.", "last fall", "2013-09-01", "2013-11-30", "2013-23"),
    ("the second quarter of 2013", "the second quarter of 2013", "2013-04-01", "2013-06-30", "2013-34"),
])
def test_bounds(text, span, earliest, latest, edtf):
    r = value_of(text, FRI, span)
    assert (r.earliest.isoformat(), r.latest.isoformat(), r.edtf) == (earliest, latest, edtf)


def test_results_are_sorted_and_disjoint():
    text = (SEEDS / "iraq-syria-strikes-2014.txt").read_text()
    result = tag(text, FRI)
    for a, b in zip(result, result[1:]):
        assert a.end <= b.start
    assert all(text[t.start:t.end] == t.text for t in result)


def test_structure_does_not_depend_on_the_publication_date():
    text = ("On Thursday the fund fell. A year earlier it rose. In the third quarter profit fell; "
            "a year ago it rose. The next day, at 6 a.m., the quarter ended. Two days later too.")
    unknown, known = tag(text, None), tag(text, FRI)
    assert [(t.start, t.end, t.type, t.rule, t.anchor) for t in unknown] == \
        [(t.start, t.end, t.type, t.rule, t.anchor) for t in known]
    assert any(t.anchor and t.anchor.startswith("timex:") for t in known)
    # resolving the stored rules in order from the now-known date gives the fresh result
    again = []
    for t in unknown:
        anchor = dct_resolution(FRI) if t.anchor == "dct" else (
            again[int(t.anchor[6:])] if t.anchor else None)
        again.append(resolve(t.rule, anchor))
    assert again == [t.resolved for t in known]


# --- tense of the clause -----------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Mr. Schwarz will succeed Daniel P. Davison Feb. 1, soon after Mr. Davison retires.", "future"),
    ("Acme Corp. said it had paid the debt by Feb. 1, the company said.", "past"),
    ("He will go. He left on Feb. 1, Reuters said.", "past"),
    ("Until Feb. 1, they had not called him a suspect.", "past"),
    ("The offer runs until Feb. 1, the company said.", "future"),
    ("Protesters planned a rally on Feb. 1 and were planning to march.", "future"),
    ("The carrier has been on patrol since Feb. 1 and was scheduled to return.", "past"),
])
def test_abbreviations_do_not_end_the_clause(text, expected):
    from eventdb.temporal.tense import tense
    i = text.index("Feb. 1")
    assert tense(text, i, i + 6) == expected


def test_second_day_of_a_month_day_pair():
    found = by_text("the summit on April 24 and 25; shares fell on Oct. 5 and 6 percent later", FRI)
    assert found["25"].resolved.value == "2014-04-25"
    assert "6" not in found and "Oct. 5" in found


def test_spelled_days_of_the_month():
    assert value_of("It is this coming Sunday, March eighth.", FRI, "Sunday, March eighth").value == "2015-03-08"
    found = by_text("its March first quarter results; a second March on Washington", FRI)
    assert "March first" not in found and "first quarter" in found


def test_a_comparison_period_does_not_count_from_a_forecast():
    text = ("Analysts say Acme will report losses through the third quarter of 2015. Acme earned "
            "$5 million. In the year-ago period, it earned $7 million.")
    t = by_text(text, FRI)["the year-ago period"]
    assert t.anchor == "dct" and t.resolved.value == "2013-Q1"  # the last reported quarter, a year back
    text = "Acme earned $5 million in the third quarter of 2013. In the year-ago period, it earned $7 million."
    assert by_text(text, FRI)["the year-ago period"].resolved.value == "2012-Q3"
