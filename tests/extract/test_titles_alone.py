"""A title alone after "the" ("the Prime Minister applauded ..."): a person, named only by the title."""

from __future__ import annotations

from eventdb.extract import extract
from tests.helpers import entity_of as mentions


def test_a_title_alone_is_the_person_named_with_it_and_an_argument():
    text = ("Singapore's Prime Minister Lee Hsien Loong spoke on Monday. Gordon Brown listened. "
            "In his speech, the Prime Minister applauded Singapore Airlines.")
    x = extract(text, None)
    ev = next(e for e in x.events if e.trigger == "applauded")
    assert "Singapore Airlines" in text[ev.start:ev.end]
    args = {x.mentions[a.mention].text: x.entities[x.mentions[a.mention].entity].name for a in ev.arguments}
    assert args["the Prime Minister"] == "Lee Hsien Loong"


def test_a_title_no_one_was_named_with_is_no_guess_among_the_people_named():
    found = mentions('Loyless said, "The President has capped his first hundred days."')
    assert found["The President"] == "the president"


def test_a_title_inside_a_name_or_before_one_is_not_alone():
    found = mentions("Fred LaRue headed the Committee to Re-elect the President in 1972.")
    assert not any(t.endswith("the President") for t in found)
    found = mentions("The deputy worked for the Sheriff's Department for 15 years.")
    assert "the Sheriff" not in found
