"""Dating rules of issue 21, each by examples: the event named by ``trigger`` gets ``value``
(the publication day when the rule says no expression of the sentence dates it)."""

from __future__ import annotations

from datetime import date

import pytest

from eventdb.extract import extract

PUB = date(2009, 2, 3)


def dated(text: str, trigger: str) -> tuple[str, str]:
    """(value, how) of the event whose trigger is ``trigger``."""
    x = extract(text, PUB)
    ev = next((e for e in x.events if e.trigger == trigger), None)
    assert ev is not None, f"{trigger} not among {[e.trigger for e in x.events]}"
    t = ev.time.target
    value = PUB.isoformat() if t == "dct" else x.timexes[int(t.split(":")[1])].resolved.value
    return value, ev.time.how


@pytest.mark.parametrize("text, trigger, value", [
    # "since X" after a superlative: a comparison window, not the event's time
    ("Stocks suffered their worst fall since 1987.", "suffered", "2009-02-03"),
    ("The index closed at its lowest level since October 9, 2002.", "closed", "2009-02-03"),
    ("Sales rose for the first time since 2001.", "rose", "2009-02-03"),
    # a state that began then does start at "since"
    ("Steve Jobs has been fighting pancreatic cancer since 2004.", "fighting", "2004"),
])
def test_since_after_a_superlative_is_not_the_date(text: str, trigger: str, value: str) -> None:
    assert dated(text, trigger)[0] == value


@pytest.mark.parametrize("text, trigger, value", [
    # a clause with a time of its own ("at one point") is not at the time of the statement
    ("Earlier this month the minister said that ISIS had at one point occupied a third of the country.",
     "had", "2009-02-03"),
    # the past perfect with no other day known: the statement's day is the best estimate
    ("The ministry said on Monday that the talks had collapsed.", "collapsed", "2009-02-02"),
    # ... but a day given in the lead dates it
    ("Vale said on Tuesday that it had signed a contract for ten jets. The airline signed the deal in "
     "Paris on Monday.", "signed", "2009-02-02"),
])
def test_an_earlier_clause_does_not_take_the_statement_day(text: str, trigger: str, value: str) -> None:
    assert dated(text, trigger)[0] == value


@pytest.mark.parametrize("text, trigger", [
    ("The flowers bloomed a month earlier than usual.", "bloomed"),  # an offset from a norm
    ("Prices rise each season.", "rise"),  # a set
    ("Shares fell 20% in the past nine days.", "fell"),  # a duration
])
def test_no_date_taken_from_offsets_sets_and_durations(text: str, trigger: str) -> None:
    assert dated(text, trigger) == ("2009-02-03", "publication")


@pytest.mark.parametrize("text, trigger, value, relation", [
    # a time said not to be the event's does not date it
    ("Deliveries will start not in 2015 but in 2020.", "start", "2020", "ON"),
    ("The first flight is now expected in 2020, not 2015 as previously hoped.", "expected", "2020", "ON"),
    ("It was delivered in May rather than June.", "delivered", "2008-05", "ON"),
    # "not ... until X": from X on, not before it
    ("The jet will not fly until 2020.", "fly", "2020", "AFTER"),
])
def test_negated_times_and_not_until(text: str, trigger: str, value: str, relation: str) -> None:
    x = extract(text, PUB)
    ev = next(e for e in x.events if e.trigger == trigger)
    assert dated(text, trigger)[0] == value and ev.time.relation == relation


@pytest.mark.parametrize("text, trigger, value", [
    # year spans: both ends are tagged; the event takes the start
    ("The club won the title in 1957-58.", "won", "1957"),
    ("Profits fell in 2009-2010.", "fell", "2009"),
    # "by the end of year" (no article) is this year
    ("The merger will close by the end of year.", "close", "2009"),
])
def test_year_spans_and_end_of_year(text: str, trigger: str, value: str) -> None:
    assert dated(text, trigger)[0] == value


@pytest.mark.parametrize("text, trigger, value", [
    # a plan is dated by its own time, not by publication
    ("The plane is scheduled to enter service in 2008.", "enter", "2008"),
    ("The first flight is now expected in 2020, not 2015 as previously hoped.", "expected", "2020"),
])
def test_plans_take_their_own_time(text: str, trigger: str, value: str) -> None:
    assert dated(text, trigger)[0] == value


@pytest.mark.parametrize("text, plan, event, event_value", [
    # the plan holds at publication, the planned event at its own time
    ("The trial is set to begin on Wednesday in the Royal Courts.", "set", "begin", "2009-02-04"),
    ("The plane is scheduled to enter service in 2008.", "scheduled", "enter", "2008"),
])
def test_a_plan_and_its_event_are_two_clauses(text: str, plan: str, event: str, event_value: str) -> None:
    assert dated(text, plan) == ("2009-02-03", "publication")
    assert dated(text, event) == (event_value, "explicit")


def test_the_planned_event_keeps_the_subject() -> None:
    x = extract("Airbus plans to build a plant in China.", PUB)
    build = next(e for e in x.events if e.trigger == "build")
    names = {x.entities[x.mentions[a.mention].entity].name for a in build.arguments}
    assert "Airbus" in names


@pytest.mark.parametrize("text, trigger, value", [
    # an expression in a participial aside dates the participle, not the clause around it
    ("Jobs, born in San Francisco on February 24, 1955, has built the most valuable company.", "born", "1955-02-24"),
    ("Jobs, born in San Francisco on February 24, 1955, has built the most valuable company.", "built",
     "2009-02-03"),
    ("The delivery, originally due later this year, will be delayed until October 2009.", "delayed", "2009-10"),
    ("The delivery, originally due later this year, will be delayed until October 2009.", "due", "2009"),
    # an aside without a participle is the clause's own time
    ("The company said, on Monday, that it had cut jobs.", "said", "2009-02-02"),
])
def test_participial_asides_date_only_themselves(text: str, trigger: str, value: str) -> None:
    assert dated(text, trigger)[0] == value


def test_an_aside_that_is_a_clause_of_its_own_is_not_repeated() -> None:
    x = extract("Boeing has announced that development of a replacement for their 737, begun two years ago, "
                "has been pushed back several years.", PUB)
    assert [e.trigger for e in x.events].count("begun") == 1


@pytest.mark.parametrize("text, trigger, value", [
    # a bare span of years labels a life or a tenure: it does not date the clause
    ('The homepage currently displays a photograph and the text "Steve Jobs 1955-2011".', "displays", "2009-02-03"),
    ("The gallery opened a show of works by Picasso (1881-1973).", "opened", "2009-02-03"),
    # with a preposition it is the time of the clause
    ("Profits fell in 2009-2010.", "fell", "2009"),
])
def test_bare_year_spans_do_not_date(text: str, trigger: str, value: str) -> None:
    assert dated(text, trigger)[0] == value
