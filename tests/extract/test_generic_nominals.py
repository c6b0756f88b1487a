"""Noun phrases outside the nominal table ("the patch", "the undersea cable") within an article
(``extract.references._generic``, ``extract.coref.Joiner``), by examples."""

from __future__ import annotations

from eventdb.extract import extract
from tests.helpers import entity_of


def test_a_description_repeated_is_one_entity():
    found = entity_of("Microsoft released a patch on Tuesday. Experts said the patch was late.")
    assert found["a patch"] == found["the patch"] == "the patch"


def test_modifiers_before_the_head_are_part_of_the_phrase():
    found = entity_of("The undersea cable was cut near Egypt. Engineers said the cable carried most traffic.")
    assert found["The undersea cable"] == found["the cable"]


def test_a_singular_head_before_its_verb_ends_the_phrase():
    found = entity_of("The patch fixes a flaw in Windows. The patch was tested for weeks.")
    assert found["The patch"] == "the patch"


def test_a_description_met_once_is_no_mention():
    found = entity_of("The hackers broke into the network of Acme Corp on Monday.")
    assert "The hackers" not in found


def test_a_generic_description_never_takes_a_pronoun():
    found = entity_of("Tara Reid checked into the clinic on Monday. The clinic is in Malibu. "
                      "Tara Reid said it was her choice, the clinic said.")
    assert found.get("it") != "the clinic"


def test_a_description_beside_a_name_is_the_name_for_the_rest_of_the_article():
    found = entity_of("The firm hired Ann Lee, the accountant, last year. The accountant left in May.")
    assert found["the accountant"] == found["The accountant"] == "Ann Lee"


def test_a_phrase_that_does_not_close_is_no_apposition():
    found = entity_of("In London, the plumbers said nothing. The plumbers went home.")
    assert found["the plumbers"] != "London"


def test_a_name_after_the_phrase_says_which_one():
    found = entity_of("Gunmen robbed a bank in Athens. Later a bank in Athens closed.")
    assert "a bank" not in found


def test_event_nouns_and_times_are_no_participants():
    found = entity_of("The attack came on Monday. After the attack, the week ended. The week was long.")
    assert "The attack" not in found and "the attack" not in found and "The week" not in found


def test_an_apposition_may_have_capitalised_modifiers():
    found = entity_of("Fred Doe, a Watergate figure, died on Monday. Doe was 75.")
    assert found["a Watergate figure"] == "Fred Doe"
    found = entity_of("Jane Roe, a suspended Kraft Foods employee, shot two co-workers.")
    assert found["a suspended Kraft Foods employee"] == "Jane Roe" and found["Kraft Foods"] == "Kraft Foods"


def test_a_description_outside_the_table_is_no_argument_of_an_event():
    x = extract("Microsoft released a patch on Tuesday. Experts said the patch was late.", None)
    args = {x.mentions[a.mention].text for ev in x.events for a in ev.arguments}
    assert "Microsoft" in args and not args & {"a patch", "the patch"}


def test_an_apposition_may_hold_a_possessive():
    found = entity_of("The Airbus A380, the world's largest passenger plane, landed in Sydney.")
    assert found["the world's largest passenger plane"] == "Airbus A380"


def test_a_head_the_table_lists_is_never_a_generic_description():
    # SemEval dev: "the prototype airliner" made "the airliner" a description of its own, and a
    # later "the airliner" (the A380) joined it
    found = entity_of("The Airbus A380 will tour Asia. Engines on the prototype airliner would be "
                      "replaced. Singapore will remain the airliner's first stop.")
    assert found["the airliner"] == "Airbus A380"


def test_a_group_written_without_a_determiner_is_the_article_s_group():
    found = entity_of("Police said the man fled. The police later found him, and police arrested two others.")
    assert found["The police"] == found["police"] == "the police"


def test_a_counted_group_named_again_by_its_noun_is_one_group():
    found = entity_of("The navy said it had captured 23 pirates on Friday. The pirates were handed over "
                      "to police. Two women were stabbed. Both women died three days later.")
    assert found["23 pirates"] == found["The pirates"]
    assert found["Two women"] == found["Both women"]
    found = entity_of("Four armed robbers stole jewels worth two million euros on Monday.")
    assert found.get("robbers") == "the robbers"  # met once: the bare plural, as before
    assert "two million euros" not in found
