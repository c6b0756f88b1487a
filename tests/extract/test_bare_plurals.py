"""Bare plurals ("airlines demand ...", "ordered new airliners"): an event's participants of their own."""

from __future__ import annotations

import pytest

from eventdb.extract import extract


def event_and_arguments(text: str, trigger: str):  # noqa: ANN201
    x = extract(text, None)
    ev = next(e for e in x.events if e.trigger == trigger)
    return x, ev, {x.mentions[a.mention].text: x.entities[x.mentions[a.mention].entity] for a in ev.arguments}


@pytest.mark.parametrize("text, trigger, words, mention", [
    ("Globex Air has ordered US$6 billion in new airliners.", "ordered", "ordered US$6 billion", "new airliners"),
    ("The new software will allow users to record video.", "allow", "allow users", "users"),
    ("Globex supplied the navy with aerial refueling tankers.", "supplied", "supplied the navy", "tankers"),
])
def test_a_bare_plural_is_an_argument_of_its_event(text, trigger, words, mention):
    x, ev, args = event_and_arguments(text, trigger)
    assert words in text[ev.start:ev.end]  # the event's own span
    assert mention in args
    assert args[mention].name.islower()  # known by its description: never joined across articles


@pytest.mark.parametrize("text, trigger, absent", [
    ("Globex Air bought the new airliners on Monday.", "bought", "airliners"),  # a description
    ("Initech replaced their first aircraft in May.", "replaced", "aircraft"),  # someone's
    ("Initech sold Apple mobile devices in 2009.", "sold", "devices"),  # a name opens the phrase
    ("Initech secured $11bn of aircraft deals.", "secured", "aircraft"),  # another noun heads it
    ("Initech named a new chief of staff on Monday.", "named", "staff"),  # no plural
])
def test_a_plural_in_someone_elses_phrase_is_no_bare_plural(text, trigger, absent):
    _, ev, args = event_and_arguments(text, trigger)
    assert absent not in args


def test_a_bare_plural_is_never_the_antecedent_of_a_later_description():
    text = ("The Zephyr 9 made its first flight on Monday. Local airlines want to buy aircraft from "
            "Globex. The aircraft landed in Lisbon.")
    x, ev, args = event_and_arguments(text, "landed")
    assert "Lisbon" in text[ev.start:ev.end]
    assert args["The aircraft"].name == "Zephyr 9"


def test_the_same_bare_plural_twice_is_one_participant():
    text = "Airlines bought aircraft in May. Regulators said airlines must not buy aircraft from Globex."
    x = extract(text, None)
    bare = [x.mentions[i].entity for i, m in enumerate(x.mentions) if m.text == "aircraft"]
    assert len(bare) == 2 and bare[0] == bare[1]


def test_the_plurals_come_from_the_tables_nouns():
    from eventdb.extract.arguments import plural_heads

    heads = plural_heads()
    assert heads["airlines"] == "group" and heads["companies"] == "group"  # nominals.tsv
    assert heads["wives"] == "group" and "spokesmans" not in heads
    assert heads["aircraft"] == "product" and heads["jets"] == "product"  # product_nouns.tsv
    assert heads["users"] == "group"  # modifier_nouns.txt
    assert "softwares" not in heads and "news" not in heads


@pytest.mark.parametrize("text, trigger, mention", [
    ("Globex sold the phone in June. Some customers reported problems.", "reported", "Some customers"),
    ("Airlines bought aircraft in May. Regulators said airlines must wait.", "bought", "Airlines"),
])
def test_a_bare_plural_may_open_the_sentence(text, trigger, mention):
    x, ev, args = event_and_arguments(text, trigger)
    assert text[ev.start:ev.end].startswith(mention)
    assert args[mention].name == "the " + mention.split()[-1].lower()


def test_a_verb_before_a_bare_plural_is_not_its_modifier():
    x, ev, args = event_and_arguments("Globex said it will give owners of its phone a free case.", "said")
    assert "owners" in args and "give owners" not in args
