"""Which participants an event has: what the clause shows beyond its own subject and object."""

from __future__ import annotations

import pytest

from eventdb.extract import extract


def arguments(text: str, trigger: str) -> dict[str, str]:
    """Mention text -> role of the first event whose trigger is ``trigger``."""
    x = extract(text, None)
    ev = next(e for e in x.events if e.trigger == trigger)
    return {x.mentions[a.mention].text: a.role for a in ev.arguments}


@pytest.mark.parametrize("text, trigger, mention", [
    ("Northwind Traders doubled its profits in the second quarter.", "doubled", "its"),
    ("Globex praised the workers and thanked them for their patience.", "thanked", "their"),
])
def test_a_possessive_of_a_participant_is_its_mention_in_the_event(text, trigger, mention):
    assert arguments(text, trigger).get(mention) == "other"


def test_a_possessive_of_someone_else_only_says_whose():
    # the engines take part, not the plane "its" stands for
    assert "its" not in arguments("The Zephyr 9 landed safely. Mechanics then replaced its engines.",
                                  "replaced")


@pytest.mark.parametrize("text, trigger, mention, role", [
    # a passive subject is still the subject the infinitive leaves out
    ("The Zephyr 9 was scheduled to land in Lisbon on Monday.", "land", "Zephyr 9", "agent"),
    # and the one a coordinated verb leaves out
    ("Globex was fined and then sued Initech over the ruling.", "sued", "Globex", "agent"),
])
def test_the_subject_carries_to_the_clause_that_leaves_it_out(text, trigger, mention, role):
    assert arguments(text, trigger).get(mention) == role


@pytest.mark.parametrize("text, trigger, mention, role", [
    ("The gunman shot and killed Dana Ruiz near the station.", "shot", "Dana Ruiz", "patient"),
    ("In Freedonia, rifles are bought and registered by Globex.", "bought", "Globex", "agent"),
])
def test_a_verb_with_nothing_after_it_shares_what_follows_its_coordinate(text, trigger, mention, role):
    assert arguments(text, trigger).get(mention) == role


def test_a_coordinate_with_a_subject_of_its_own_shares_nothing():
    args = arguments("The plant was closed, and its owner sold the land to Initech.", "closed")
    assert "Initech" not in args


@pytest.mark.parametrize("text, trigger, currency", [
    ("Globex won a US$40 billion contract on Monday.", "won", "US"),
    ("The new tablet will cost $499 USD in stores.", "cost", "USD"),
])
def test_the_currency_of_an_amount_is_no_participant(text, trigger, currency):
    assert currency not in arguments(text, trigger)


def test_a_name_after_an_amount_that_ends_a_sentence_still_takes_part():
    assert arguments("The laptop costs $999. Smith said sales were strong.", "said").get("Smith") == "agent"


def test_being_scheduled_is_nobodys_act_the_scheduled_event_is():
    text = "The Zephyr 9 was scheduled to land in Lisbon on Monday."
    assert arguments(text, "scheduled") == {}
    assert arguments(text, "land").get("Zephyr 9") == "agent"


def test_an_infinitive_takes_the_subject_of_its_plan_word():
    # the plan word's subject, not the agent of the clause before ("Globex said")
    args = arguments("Globex said the reason Initech was expected to win was its price.", "win")
    assert args.get("Initech") == "agent" and "Globex" not in args


def test_due_to_a_cause_is_no_plan():
    x = extract("The jet had to stop in Lisbon due to problems with its engines.", None)
    assert len(x.events) == 1
    x = extract("Initech, due to receive its first jet in May, said it was pleased.", None)
    assert any(e.trigger == "receive" for e in x.events)


def test_a_plan_word_ending_a_copular_clause_is_still_nobodys_act():
    text = "Its low price had been the reason Initech was expected to win the tender."
    x = extract(text, None)
    ev = next(e for e in x.events if text[e.start:e.end].rstrip().endswith("expected"))
    assert ev.arguments == []
    assert arguments(text, "win").get("Initech") == "agent"


@pytest.mark.parametrize("text, trigger, absent", [
    # an expletive "there" is a subject of its own
    ("Globex launched the phone and there have been complaints aroused.", "complaints", "Globex"),
    # so is a noun phrase that names no participant: the clause after it leaves that one out
    ("Globex shipped the tablet; the glitch was minor and soon became public.", "became", "Globex"),
])
def test_a_clause_after_a_subject_of_its_own_does_not_take_an_older_one(text, trigger, absent):
    assert absent not in arguments(text, trigger)


def _we(text: str) -> str | None:
    x = extract(text, None)
    m = next((m for m in x.mentions if m.text.lower() == "we"), None)
    return x.entities[m.entity].name if m else None


def test_a_speakers_we_is_the_organisation_his_mention_names():
    assert _we('Globex won the tender. Initech CEO Dana Ruiz said "we will appeal".') == "Initech"


def test_a_speakers_we_is_not_the_organisation_of_the_sentence_before():
    # the senator speaks for no company the article names
    assert _we('Globex won the tender. Senator Dana Ruiz said "we must keep these jobs".') != "Globex"


def test_a_speaker_named_with_an_organisation_once_speaks_for_it_later():
    assert _we('Initech CEO Dana Ruiz spoke first. Globex won the tender. '
               'Later Dana Ruiz said "we will appeal".') == "Initech"


def test_a_speaker_speaks_for_the_organisation_his_title_names_after_him():
    assert _we('Globex won the tender. Dana Ruiz, president and CEO of Initech, said "we will appeal".') \
        == "Initech"


def test_a_company_officer_named_without_the_company_speaks_for_the_one_before():
    assert _we('Initech lost the tender. Chief executive Dana Ruiz said "we will appeal".') == "Initech"


@pytest.mark.parametrize("text, trigger, occasion", [
    ("At the Northwind Developers Conference (NDC) in Lisbon, Globex CEO Anna Marsh unveiled the "
     "Zephyr 9.", "unveiled", "Northwind Developers Conference"),
    ("Globex unveils Zephyr 9 at NDC 2031. At the Northwind Developers Conference (NDC), Globex "
     "unveiled the Zephyr 9.", "unveiled", "NDC"),
    ("Initech showed the Zephyr 9 at the Lisbon Air Show on Monday.", "showed", "Lisbon Air Show"),
])
def test_a_gathering_is_where_the_event_happens_not_a_participant(text, trigger, occasion):
    args = arguments(text, trigger)
    assert occasion not in args
    assert any(role == "agent" for role in args.values())


@pytest.mark.parametrize("text, trigger, head, name", [
    ("Globex warned Zephyr users about the battery fault.", "warned", "users", "Zephyr"),
    ("Initech thanked the many Globex employees for their work.", "thanked", "employees", "Globex"),
    ("Northwind Air bought twelve new Initech jets on Monday.", "bought", "jets", "Initech"),
])
def test_the_noun_a_name_qualifies_takes_part_not_the_name(text, trigger, head, name):
    # "Zephyr users": the users are warned, not the Zephyr; they are a group of their own
    x = extract(text, None)
    args = arguments(text, trigger)
    assert args.get(head) == "patient" and name not in args
    m = next(m for m in x.mentions if m.text == head)
    assert x.entities[m.entity].name == "the " + head


def test_officials_of_an_organisation_are_no_group_of_their_own():
    # "Globex officials confirmed": the organisation speaks through them (ECB+ annotates the
    # phrase as the organisation): the officials get no entity of their own, the name takes part
    x = extract("Globex officials confirmed the recall on Monday.", None)
    assert [m.text for m in x.mentions] == ["Globex"]
    assert arguments("Globex officials confirmed the recall on Monday.", "confirmed") == {"Globex": "agent"}


def test_a_name_after_the_noun_is_the_participant():
    args = arguments("Initech parent Globex bought Northwind Air.", "bought")
    assert args.get("Globex") == "agent" and "parent" not in args


def test_a_contract_is_what_is_signed():
    args = arguments("Globex signed a new contract with Initech on Monday.", "signed")
    assert args.get("a new contract") == "patient" and args.get("Globex") == "agent"


def _participants(text: str, trigger: str) -> dict[str, str]:
    """Mention text -> participant name, for the event whose trigger is ``trigger`` (its span
    checked: the clause holds the trigger)."""
    x = extract(text, None)
    ev = next(e for e in x.events if e.trigger == trigger)
    assert text[ev.trigger_start:ev.trigger_end] == trigger and ev.start <= ev.trigger_start < ev.end
    return {x.mentions[a.mention].text: x.entities[x.mentions[a.mention].entity].name for a in ev.arguments}


def test_a_country_inside_a_description_is_no_participant_and_names_the_company_s_country():
    # MEANTIME 11716: the article called Airbus a European manufacturer, so "the US company"
    # is Boeing; "US" only says which company, it takes no part in the clause
    text = ("European aircraft manufacturer, Airbus, has won an order from Qatar Airways. In 2004, "
            "Airbus sold more planes than Boeing for the first time ever, sparking questions whether "
            "the US company had lost its grip on the aviation market.")
    found = _participants(text, "sparking")
    assert found.get("the US company") == "Boeing", found
    assert "United States" not in found.values(), found


def test_a_demonym_inside_a_company_s_description_is_no_participant():
    found = _participants("Renault and Boeing talked. The French carmaker said profits rose.", "said")
    assert "France" not in found.values() and "The French carmaker" in found, found
