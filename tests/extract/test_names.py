"""Named participants: where a name starts, what kind it is, and the forms that join it."""

from __future__ import annotations

import pytest

from eventdb.extract import extract
from tests.helpers import entity_of as mentions
from eventdb.extract.canon import short_forms


def entities(text: str) -> dict[str, str]:
    return {e.name: e.kind for e in extract(text, None).entities}


@pytest.mark.parametrize("text, name, unwanted", [
    ("Typically Microsoft ships its fixes on one day a month. This time Microsoft broke the "
     "habit.", "Microsoft", "Typically Microsoft"),
    ("Once Contoso confirms the flaw, criminals copy the attack. Contoso declined to comment.",
     "Contoso", "Once Contoso"),
])
def test_a_sentence_opening_adverb_or_conjunction_is_not_part_of_the_name(text, name, unwanted):
    found = entities(text)
    assert name in found and unwanted not in found, found


def test_an_adjective_compound_before_a_name_stays_in_the_mention_but_not_in_the_name():
    found = mentions("Analysts said Chicago-based Boeing gained after Boeing won the order.")
    assert found.get("Chicago-based Boeing") == "Boeing", found


def test_a_title_case_headline_with_lower_case_prepositions_is_a_headline():
    text = ("Lohan Checks into Betty Ford Center\nLindsay Lohan has checked into the Betty Ford "
            "Center, her lawyer said on Friday.")
    found = entities(text)
    assert "Lohan Checks" not in found and "Lindsay Lohan" in found, found


@pytest.mark.parametrize("text, name, kind", [
    ("The singer checked into the Betty Ford Center on Friday.", "Betty Ford Center", "place"),
    ("Fire gutted the Wasilla Bible Church overnight.", "Wasilla Bible Church", "place"),
    ("The Hollywood Reporter said the sequel was delayed.", "Hollywood Reporter", "organisation"),
])
def test_a_facility_or_paper_is_not_a_person_named_after_its_first_word(text, name, kind):
    assert entities(text).get(name) == kind, entities(text)


def test_a_name_with_a_middle_initial_joins_the_name_without_it():
    x = extract("Raj K. Chohan was hit by a van on Friday. Neighbours said Raj Chohan walked "
                "there every night.", None)
    names = [e.name for e in x.entities if "Chohan" in e.name]
    assert len(names) == 1, names
    person = next(e for e in x.entities if "Chohan" in e.name)
    assert "Raj Chohan" in [person.name, *person.aliases]


@pytest.mark.parametrize("name, forms", [
    ("Raj K. Chohan", ("Chohan",)),   # the initial does not hide the surname
    ("W. Mark Felt", ("Felt",)),
])
def test_short_forms_skip_initials(name, forms):
    assert short_forms(name, "other") == forms


def test_an_acronym_met_before_the_full_name_joins_it_and_takes_the_full_name():
    x = extract("Contoso patches its CB flaw\nContoso released a fix for Cloud Browser on "
                "Tuesday. The CB flaw lets attackers in.", None)
    browser = [e for e in x.entities if e.name in ("CB", "Cloud Browser")]
    assert [e.name for e in browser] == ["Cloud Browser"], [e.name for e in x.entities]


def test_a_surname_after_in_does_not_make_a_person_a_place():
    x = extract("Not because Mo Cheeks wanted the job. The owners put their faith in Cheeks.", None)
    assert {e.name: e.kind for e in x.entities}.get("Mo Cheeks") == "other"


def test_a_title_in_quotes_is_one_name_not_a_demonym_and_a_word():
    found = mentions('The actress, who starred in "American Pie", entered rehab on Friday.')
    assert found.get("American Pie") == "American Pie", found


def test_a_determiner_opening_a_sentence_is_not_part_of_the_name():
    found = entities("Another Twitter user posted the news. Twitter said nothing.")
    assert "Twitter" in found and "Another Twitter" not in found, found


def test_a_name_ending_in_a_place_without_a_given_name_is_not_a_person():
    assert short_forms("Access Hollywood", "other") == ()   # "Hollywood" is no surname
    assert short_forms("Tyler Hansbrough", "other") == ("Hansbrough",)


def test_common_words_in_capitals_are_not_one_long_name():
    found = entities("Reports said THREE PEOPLE HAVE DIED IN A BLAZE at the bank. Three people "
                     "have died, police said, and the NFL said nothing.")
    assert not any("HAVE" in n or "DIED" in n for n in found), found
    assert "NFL" in found, found


def test_a_name_after_a_demonym_and_its_description_is_mentioned_with_them():
    x = extract("Orders went to Contoso. Later Russian flag carrier Aeroflot ordered ten jets "
                "from its European rival Fabrikam.", None)
    found = {m.text: x.entities[m.entity].name for m in x.mentions}
    # the description is Aeroflot's mention, as one phrase with the name or as its head noun
    # (extract/descriptors.py), whichever reads it first
    assert {name for text, name in found.items() if "carrier" in text} == {"Aeroflot"}, found
    assert found.get("European rival Fabrikam") == "Fabrikam", found
    assert found.get("Russian") == "Russia", found   # the demonym keeps its own mention
    aliases = {a for e in x.entities for a in e.aliases}
    assert not any("carrier" in a for a in aliases), aliases   # a description is no alias


def test_a_place_and_a_description_before_a_name_are_one_mention_of_it():
    # the noun is a description (descriptors) and a place opens it: the name's mention is the
    # whole phrase (a scorer aligns it by overlap, not the place's mention), the place keeps its own
    x = extract("Later Canadian flag carrier Fabrikam ordered ten jets. Then Fabrikam said so.", None)
    found = {m.text: x.entities[m.entity].name for m in x.mentions}
    assert found.get("Canadian flag carrier Fabrikam") == "Fabrikam", found
    assert "carrier" not in found, found
    assert found.get("Canadian") == "Canada", found


def test_a_name_modifying_the_description_before_a_name_is_part_of_the_description():
    # "Contoso spokesman": the phrase describes Fred Jansen (a scorer aligns the whole phrase
    # with his mention, not Contoso's); Contoso keeps its own mention
    found = mentions("On Monday Contoso spokesman Fred Jansen said the plant would close. Jansen added more.")
    assert found.get("Contoso spokesman") == "Fred Jansen", found
    assert found.get("Contoso") == "Contoso", found


def test_a_demonym_before_a_verb_starts_no_description():
    found = mentions("Syrian forces shelled Aleppo on Monday.")
    assert found.get("Aleppo") == "Aleppo", found


def test_an_irish_prefix_written_apart_stays_in_the_name():
    found = mentions("Michael O' Leary, the airline's chief, said so. O'Leary added more.")
    assert found.get("Michael O' Leary") == "Michael O'Leary", found
    assert found.get("O'Leary") == "Michael O'Leary", found


def test_a_group_noun_opening_a_sentence_is_the_article_s_group_not_a_name():
    x = extract("A man was shot on Friday. Police said the man was 30. Later police arrested "
                "a suspect.", None)
    found = {m.text: x.entities[m.entity].name for m in x.mentions}
    assert found.get("Police") == found.get("police") == "the police", found
    assert "Police" not in [e.name for e in x.entities]   # never joined across articles by name


def test_a_name_run_on_into_a_weekday_is_cut_before_the_time():
    found = mentions("A judge sentenced Brian Nichols Saturday to life. Fire hit Wasilla Bible "
                     "Church Friday night.")
    assert found.get("Brian Nichols") == "Brian Nichols", found
    assert found.get("Wasilla Bible Church") == "Wasilla Bible Church", found
    assert not any("Saturday" in t or "Friday" in t for t in found), found


def test_a_demonym_before_a_state_body_names_the_body_and_the_country():
    found = mentions("The Indian Navy stopped the pirates on Saturday. The pirates fled, a Navy "
                     "spokesman said.")
    assert found.get("Indian Navy") == "Indian Navy", found
    assert found.get("Indian") == "India", found
    assert found.get("Navy") == "Indian Navy", found


def test_a_name_modifying_a_persons_noun_is_inside_the_nominal():
    # "a Leeds grandmother": the phrase is a mention of the woman the article names next, not of
    # Leeds (a scorer aligns the whole phrase by overlap); Leeds keeps its own mention
    found = mentions("A Leeds grandmother was hurt in a crash on Sunday. Mary Dalton, 70, was taken "
                     "to hospital.")
    assert found.get("A Leeds grandmother") == "Mary Dalton", found
    assert found.get("Leeds") == "Leeds", found


def test_a_capitalised_common_word_before_its_noun_is_not_part_of_the_name():
    found = mentions("Contoso patched its Fabrikam Explorer Web browser on Friday. Contoso Web sites were down.")
    assert found.get("Fabrikam Explorer") == "Fabrikam Explorer", found
    assert not any("Web" in text for text in found), found


def test_a_leaders_name_before_administration_names_the_administration():
    x = extract("Harlan said so on Monday. Critics said the Harlan administration would change the "
                "rules. The Harlan Administration declined to comment. Harlan said nothing.", None)
    found = {}
    for m in x.mentions:
        found.setdefault(m.text, set()).add(x.entities[m.entity].name)
    assert found["Harlan administration"] == found["Harlan Administration"] == {"Harlan Administration"}, found
    assert found["Harlan"] == {"Harlan"}, found   # the leader alone, before and after


def test_a_persons_noun_in_capitals_is_the_noun():
    found = mentions("A WOMAN has been charged with the theft of a car. Ann Lowe, 41, appeared in court "
                     "on Monday.")
    assert found.get("A WOMAN") == "Ann Lowe", found
    assert "WOMAN" not in found, found


def test_a_persons_noun_opening_a_headline_is_the_person_named_later():
    x = extract("Woman Hurt In Crash, Driver Charged\n\nA woman was hurt in a crash on Friday. Police "
                "named her as Ann Lowe, 59. The other car's driver, Tom Reyes, was charged.", None)
    found = {m.text: x.entities[m.entity].name for m in x.mentions}
    assert found.get("Woman") == found.get("A woman") == "Ann Lowe", found   # no name "Woman"
    assert found.get("Driver") == "Tom Reyes", found   # each headline noun a person of its own


def test_a_camel_case_name_opening_a_sentence_stays_a_name_beside_the_common_word():
    found = mentions("EADS wins UK airtanker contract\n\nThe fleet is old. AirTanker Ltd., an EADS-led "
                     "consortium, signed the contract. The planes will be owned by AirTanker.")
    assert found.get("AirTanker Ltd.") == found.get("AirTanker") == "AirTanker Ltd.", found
    assert "Ltd." not in entities("The fleet is old. Ltd., the firm, signed.")
    assert "SA" in entities("The cable was cut. As many SA gamers noticed, the outage goes on.")  # South Africa


def test_an_acronym_holding_every_initial_joins_the_name_it_abbreviates():
    found = mentions("Singapore Airlines will be compensated by Airbus. In a statement, SIA said the "
                     "delays are disappointing.")
    assert found["SIA"] == "Singapore Airlines", found
    found = mentions("Singapore Airlines flew on Monday. SWA said so.")
    assert found["SWA"] == "SWA", found  # a letter the name does not hold


@pytest.mark.parametrize("text, mention, person", [
    ("Apple Computer CEO and co-founder Steve Jobs gave the keynote.",
     "Apple Computer CEO and co-founder Steve Jobs", "Steve Jobs"),
    ("Airbus President and Chief Executive Officer, Tom Enders, said so.",
     "Airbus President and Chief Executive Officer, Tom Enders", "Tom Enders"),
    ("Ryanair CEO, Michael O'Leary, justified his choice.", "Ryanair CEO, Michael O'Leary", "Michael O'Leary"),
])
def test_an_organisation_s_titles_joined_before_a_name_are_the_person_s_mention(text, mention, person):
    found = mentions(text)
    assert found.get(mention) == person, found
    assert any(e != person for t, e in found.items() if text.startswith(t)), found  # the organisation's own


def test_an_office_named_before_the_holder_after_for_is_not_the_holder_s_mention():
    found = mentions("Obama announced his nominee for Acme Surgeon General, Regina Benjamin. Here it is.")
    assert not any(t.startswith("Acme") and e == "Regina Benjamin" for t, e in found.items()), found


def test_initials_with_the_model_s_number_abbreviate_a_numbered_product():
    found = mentions("Microsoft warned of a flaw in Internet Explorer 8 (IE8) and Internet Explorer 9 "
                     "(IE9) on Monday.")
    assert found["IE8"] == "Internet Explorer 8" and found["IE9"] == "Internet Explorer 9", found


@pytest.mark.parametrize(("text", "word", "named"), [
    ("Sixty residents were moved from their homes.", "Sixty", False),  # a count, not a participant
    ("Twelve people were hurt on Monday.", "Twelve", False),
    ("Seven Network aired the show.", "Seven Network", True),  # a number word inside a name stays
])
def test_a_number_word_alone_is_no_name(text: str, word: str, named: bool) -> None:
    x = extract(text, None)
    assert (word in [x.entities[m.entity].name for m in x.mentions]) is named


@pytest.mark.parametrize("text, name, unwanted", [
    # a word the article writes in lower case elsewhere still opens a name before a place alone
    # or before an organisation's name ending in a kind word, when the rest never stands alone
    ("Air Canada has ordered 18 777s. Air fares rose, and air travel grew.", "Air Canada", "Canada"),
    ("Royal Air Force to buy tankers. The royal family was not told.", "Royal Air Force", "Air Force"),
])
def test_a_common_word_opening_a_sentence_stays_in_a_name_whose_rest_never_stands_alone(text, name, unwanted):
    found = entities(text)
    assert name in found and unwanted not in found, found


def test_a_common_word_opening_a_sentence_is_still_dropped_when_the_rest_stands_alone():
    found = entities("Northern Canada froze. The northern lights shone over Canada.")
    assert "Canada" in found and "Northern Canada" not in found, found


def test_a_name_announcing_what_it_will_do_opens_a_title():
    found = entities("Apple to release new iPhone\nThe phone ships in June, analysts said.")
    assert "Apple" in found, found
    for text in ("Failure to comply was noted\nThe firm paid.", "Prior to getting injured\nBush was having a year.",
                 "Farewell to another piece of Mat Maid\nA fire destroyed the plant."):
        assert text.split()[0] not in entities(text), entities(text)


def test_whose_users_opening_a_sentence_are_no_part_of_the_product_s_name():
    found = mentions("Users of IE8 should update soon, the company said.")
    assert "IE8" in found and "Users of IE8" not in found, found


@pytest.mark.parametrize("text", [
    "Regina Benjamin U. S. Surgeon General nominee\nPresident Barack Obama named her on Monday.",
    "Regina Benjamin U. S. surgeon general nomination: Stories\nPresident Barack Obama named her.",
])
def test_initials_written_apart_after_a_name_are_the_place_not_the_person_s(text):
    found = entities(text)
    assert "Regina Benjamin" in found and found.get("United States") == "place", found
    assert not any("Benjamin U" in n for n in found), found


def test_an_adjective_opening_a_title_is_no_name():
    # MEANTIME 1173
    text = ("Internal emails expose Boeing-Air Force contract discussions\n\nNovember 24, 2004\n\n"
            "Emails exchanged among United States Air Force officials regarding a deal with Boeing "
            "have been released.")
    found = entities(text)
    assert "Internal" not in found and "Boeing" in found, found


def test_a_place_written_out_before_a_title_stays_in_the_name():
    found = entities("Ralph Crosby, EADS's North America CEO, said the deal was done.")
    assert "North America" in found, found
