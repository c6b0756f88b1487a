"""Descriptions written right beside a name (``extract.descriptors``), by examples."""

from __future__ import annotations

from eventdb.extract import extract
from tests.helpers import entity_of


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


def test_a_predicate_noun_is_its_subject():
    found = entity_of("Steve Marsh died on Wednesday. He was a visionary, his partner said.")
    assert found["a visionary"] == "Steve Marsh"


def test_a_predicate_description_names_its_subject_for_the_article():
    found = entity_of("Orbix is the maker of the Zephyr. The maker said sales rose.")
    assert found["the maker"] == found["The maker"] == "Orbix"


def test_a_predicate_of_a_description_stays_a_description():
    found = entity_of("The report was the first sign of trouble.")
    assert "the first sign" not in found or found["the first sign"] != "The report"


def test_an_age_stands_for_the_person():
    found = entity_of("Brian Nolan was sentenced on Monday. It is unclear where the 37-year-old will "
                      "serve time.")
    assert found["the 37-year-old"] == "Brian Nolan"


def test_a_demonym_may_modify_a_description():
    found = entity_of("Nouri al-Maliki spoke on Monday. The Iraqi leader said the jets struck.")
    assert found["The Iraqi leader"] == "Nouri al-Maliki"


def test_a_description_beside_its_name_is_no_second_argument():
    x = extract("Watergate figure Fred Marlow died in a hotel on Tuesday.", None)
    died = next(ev for ev in x.events if ev.trigger == "died")
    args = [(x.mentions[a.mention].text, a.role) for a in died.arguments]
    assert args == [("Fred Marlow", "agent")]


def test_the_figure_alone_is_no_person():
    found = entity_of("Dana Fox said on Monday that the figure rose to ten percent.")
    assert found.get("the figure") != "Dana Fox"


def test_a_star_before_a_name_is_that_name():
    found = entity_of("Hollywood star Marla Quinn checked into a clinic on Monday.")
    assert found["star"] == "Marla Quinn"


def test_a_description_opening_the_sentence_before_a_name_in_commas_is_that_name():
    found = entity_of("European aircraft manufacturer, Skyward, has won an order from Qatar Airways.")
    assert found["European aircraft manufacturer"] == "Skyward", found
    assert found["European"] == "Europe", found  # the demonym keeps its own mention
    found = entity_of("Irish low cost airline, Aerfly, announced today that it had bought jets.")
    assert found["Irish low cost airline"] == "Aerfly", found


def test_a_description_before_a_list_of_names_is_none_of_them():
    found = entity_of("Low cost airline, Aerfly and Skyward were growing.")
    assert found.get("Low cost airline") != "Aerfly", found


def test_a_product_noun_after_its_maker_s_possessive_is_the_product():
    found = entity_of("Apple released the iPhone 4 in June. Reviewers declined to recommend Apple's "
                      "newest phone on Monday.")
    assert found["Apple's newest phone"] == "iPhone 4", found
    assert found["Apple"] == "Apple", found  # the maker keeps its own mention
    found = entity_of("Boeing unveiled the 787 Dreamliner. Boeing's newest commercial aircraft flew on "
                      "Tuesday.")
    assert found["Boeing's newest commercial aircraft"] == "787 Dreamliner", found
    assert found["Boeing"] == "Boeing", found  # a possessive opening the sentence is a name's


def test_a_common_word_s_possessive_before_a_product_noun_refers_to_nothing():
    found = entity_of("The world's largest airliner flew on Wednesday. Airbus built the A380 in "
                      "Toulouse, and the world watched.")
    assert not any(t.startswith("The world's") for t in found), found
