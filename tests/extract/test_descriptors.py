"""Descriptions written right beside a name (``extract.descriptors``), by examples."""

from __future__ import annotations

from eventdb.extract import extract


def entity_of(text: str) -> dict[str, str]:
    x = extract(text, None)
    return {m.text: x.entities[m.entity].name for m in x.mentions}


def test_a_role_before_a_name_is_that_name():
    found = entity_of("Talk show host Marla Quinn will return to the awards next year.")
    assert found["host"] == "Marla Quinn"


def test_a_company_noun_before_its_name_is_the_company():
    found = entity_of("The airline Skyward said on Monday that its jets were grounded.")
    assert found["airline"] == "Skyward"


def test_a_description_before_a_name_of_another_kind_is_not_that_name():
    # "company" before "CEO Dana Fox": the person is no company
    found = entity_of("Orbix said on Friday that company CEO Dana Fox would speak.")
    assert "company" not in found


def test_an_apposition_without_a_determiner_is_the_name():
    found = entity_of("Fred Marlow, Watergate figure, dies at 75.")
    assert found["Watergate figure"] == "Fred Marlow"


def test_an_apposition_stops_at_a_verb():
    # "which makes planes" says something of Orbix; it is no description of it
    found = entity_of("Orbix, which makes planes, said on Monday it would hire.")
    assert "which makes planes" not in found


def test_a_role_before_a_time_joins_nothing():
    found = entity_of("The report reached the host Monday morning.")
    assert "host" not in found
