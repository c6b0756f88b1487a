"""Pure rules of grouping about people: an article's main person, two groups of other people."""

from __future__ import annotations

from eventdb.services.grouping_rules import Group, Report, other_people
from eventdb.services.grouping_story import lead_person, other_leads


def test_lead_person_is_the_most_named_person_named_twice() -> None:
    people = {1, 2}
    assert lead_person({1: 5, 2: 1, 3: 9}, people) == 1  # 3 is a team, not a person
    assert lead_person({1: 1}, people) is None  # named once: no main person
    assert lead_person({1: 3, 2: 3}, people) is None  # a tie: none


def test_other_leads() -> None:
    people = {1, 2}
    assert other_leads({1: 5, 2: 1, 9: 2}, {2: 6, 1: 1, 9: 3}, people)  # Jackson's, Williams's
    assert not other_leads({1: 5, 9: 2}, {1: 2, 9: 3}, people)  # one person's story
    assert not other_leads({1: 5, 2: 2}, {2: 6, 1: 2}, people)  # both name both: one story
    assert not other_leads({9: 2}, {2: 6}, people)  # no main person in one: no say


def _group(*persons: int) -> Group:
    g = Group([])
    g.add(Report(1, 1, "arrested", "x", participants=frozenset(persons) | {9},
                 persons=frozenset(persons)))
    return g


def test_groups_of_other_people() -> None:
    assert other_people(_group(1), _group(2))
    assert not other_people(_group(1), _group(1, 2))
    assert not other_people(_group(), _group(2))  # no person named: no say


def test_one_story_by_participants_or_by_the_names_repeated() -> None:
    from eventdb.services.grouping_story import one_story

    people = {1, 2}
    # 2 of 12 participants shared (.17), each named once: not one story ...
    a = {p: 1 for p in (1, 3, 4, 5, 6, 7, 8)}
    b = {p: 1 for p in (1, 3, 9, 10, 11, 12, 13)}
    assert not one_story(a, b, people)
    # ... but when those two are the names both articles repeat, it is
    assert one_story({**a, 1: 6, 3: 4}, {**b, 1: 5, 3: 3}, people)
    # other main persons: never
    assert not one_story({1: 6, 3: 4}, {2: 6, 3: 4, 1: 1}, people)


def test_any_non_reporting_verb_is_a_family_of_its_own() -> None:
    from eventdb.services.grouping_story import family

    assert family("evacuated") == family("evacuates") is not None
    assert family("evacuated") != family("rescued")
    assert family("said") is None  # two statements of one story are rarely one
    assert family("shooting") == family("shot") == "shoot"  # the table's families first


def test_a_story_join_takes_the_report_sharing_most_participants() -> None:
    """An article tells two check-ins of one actress (two clinics): another article's check-in
    at one clinic joins that one, not the article's first."""
    from eventdb.services.grouping_story import _best

    def group(rid: int, *pids: int) -> tuple[Report, Group]:
        g = Group([])
        r = Report(rid, 7, "checked", "x", participants=frozenset(pids), persons=frozenset({1}))
        g.add(r)
        return r, g

    betty, morningside = group(1, 1, 20), group(2, 1, 30)
    mine = group(3, 1, 30)
    assert _best(mine[1], mine[0], [betty, morningside], lambda g: g) is morningside[1]
    assert _best(group(4, 1)[1], mine[0], [betty, morningside], lambda g: g) is betty[1]
