"""Products by name. A variant (resources/variant_words.txt) is a product of its own: "the iPod nano" is
not the iPod, "MacBook" is not the "MacBook Pro"; a camel-case name written with other capitals
("Macbook", "iPod Nano") is the same name; a place before a product ("UK iTunes") is a mention of its own."""

from __future__ import annotations

from eventdb.extract import extract
from tests.helpers import entity_of


def test_a_lower_case_variant_stays_in_the_product_s_name():
    found = entity_of("Apple unveiled the iPod nano on Tuesday. The iPod Nano costs $199. Sales of the "
                   "iPod rose.")
    assert found["iPod nano"] == found["iPod Nano"] == "iPod nano", found
    assert found["iPod"] == "iPod", found


def test_a_family_name_is_not_its_variant_and_other_capitals_are_the_same_name():
    found = entity_of("Apple introduced the new MacBook line, which includes the Macbook and Macbook Pro. "
                   "The Macbook has a 13-inch display.")
    assert found["Macbook"] == found["MacBook"] == "MacBook", found
    assert found["Macbook Pro"] == "Macbook Pro", found


def test_a_word_in_lower_case_after_a_plain_name_is_no_variant():
    found = entity_of("Boeing touch screens were praised. Northrop Grumman shares rose and Northrop said so.")
    assert "Boeing touch" not in found and found["Northrop"] == "Northrop Grumman", found


def test_a_place_before_a_camel_case_product_is_a_mention_of_its_own():
    found = entity_of("Apple will lower prices in its United Kingdom iTunes store. UK iPhone sales rose.")
    assert found["United Kingdom"] == "United Kingdom" and found["iTunes"] == "iTunes", found
    assert found["UK"] == "United Kingdom" and found["iPhone"] == "iPhone", found


def test_a_product_after_its_maker_s_possessive_is_mentioned_with_it():
    found = entity_of("Apple Computer's iTunes downloadable music service grew. Apple sold more.")
    assert found["Apple Computer's iTunes"] == "iTunes", found
    assert found["Apple Computer"] == "Apple Computer", found  # the maker keeps its own mention
    found = entity_of("Boeing sold the Boeing 787 to Qatar. Qatar chose the A350 over Boeing's 787, "
                   "not Boeing's 100 staff.")
    assert found["Boeing's 787"] == "Boeing 787", found
    assert not any(t.startswith("Boeing's 100") for t in found), found


def test_a_team_named_by_a_number_is_no_product_model():
    x = extract("The Philadelphia 76ers fired their coach. Airbus sold five A330s.", None)
    kinds = {e.name: e.kind for e in x.entities}
    assert kinds.get("Philadelphia 76ers") not in (None, "product"), kinds
    assert kinds.get("A330") == "product", kinds  # a model's plural still names the model
