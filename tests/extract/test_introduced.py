"""A person introduced by a description and named later (``extract.introduced``), by examples."""

from __future__ import annotations

from eventdb.extract import extract
from tests.helpers import entity_of


def test_a_description_before_any_name_is_the_person_named_next():
    found = entity_of("A 23-year-old man has been charged with robbery. John Marsh appeared in court on "
                      "Monday.")
    assert found["A 23-year-old man"] == "John Marsh"


def test_the_sex_of_the_description_must_not_contradict_the_name():
    found = entity_of("A woman was hurt in a crash on Friday. Police arrested Peter Marsh. Susan Bell "
                      "was taken to hospital.")
    assert found["A woman"] == "Susan Bell"


def test_a_relative_is_not_the_possessor():
    found = entity_of("Peter Marsh was charged on Monday with killing his son.")
    assert found["son"] != "Peter Marsh"


def test_relatives_named_later_are_two_people():
    found = entity_of("A man has been charged with murdering his mother and sister. He appeared in court. "
                      "John Marsh was held. Susan Marsh and Linda Marsh were found dead.")
    assert found["mother"] == "Susan Marsh" and found["sister"] == "Linda Marsh"
    assert found["A man"] == "John Marsh"


def test_a_relative_in_apposition_is_the_name():
    found = entity_of("Rob Jones, Felt's grandson, said on Monday his grandfather died at home.")
    assert found["grandson"] == "Rob Jones"
    assert found["grandfather"] != "Rob Jones"


def test_a_name_the_given_name_list_misses_may_be_the_person_introduced():
    found = entity_of("A woman has died after being hit by a car in Queens. Witnesses said Raj Chohan was "
                      "crossing the street.")
    assert found["A woman"] == "Raj Chohan"


def test_a_title_may_name_the_person_the_lede_describes():
    found = entity_of("John Marsh accused of Millom robbery\nA man has been remanded in custody after being "
                      "charged with the robbery. Police said he was arrested on Sunday.")
    assert found["A man"] == "John Marsh"


def test_a_person_named_in_the_running_text_first_blocks_the_rule():
    # "a man" after "John Marsh" is someone else unless the joiner said so
    found = entity_of("John Marsh said on Monday that a man had robbed the shop. Peter Hale was held.")
    assert found["a man"] not in ("John Marsh", "Peter Hale")


def test_he_after_a_described_person_is_still_the_named_subject():
    """ "Marsh ... beat a deputy guarding him. He burst into the courtroom": not the guard (a
    person only described since), so the headline does not say the deputy did it."""
    x = extract("John Marsh was being escorted to court when he beat a deputy guarding him and took her keys. "
                "He burst into the courtroom and shot Judge Ann Lowe.", None)
    burst = next(e for e in x.events if "burst" in e.headline)
    assert burst.headline.startswith("John Marsh burst"), [e.headline for e in x.events]


def test_he_opening_a_sentence_is_the_last_sentences_subject_not_its_object():
    """ "He ... shot Judge Ann Lowe and Deputy Hoyt Carr. He fled downtown": the persons named
    after the subject were its objects; "he" is still the gunman (it read "Hoyt Carr fled")."""
    x = extract("John Marsh was being escorted to court when he beat a deputy guarding him. "
                "He burst into the courtroom and shot Judge Ann Lowe and Deputy Hoyt Carr. "
                "He fled downtown Atlanta and evaded the police.", None)
    fled = next(e for e in x.events if e.trigger == "fled")
    assert fled.headline.startswith("John Marsh fled"), [e.headline for e in x.events]


def test_a_name_after_a_determiner_is_not_the_person_described():
    found = entity_of("A woman died after she was hit by a silver Toyota Camry in Queens on Friday. "
                      "Police named her as Raj Chohan.")
    assert found["A woman"] == "Raj Chohan"
