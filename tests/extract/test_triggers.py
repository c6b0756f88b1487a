"""Clause triggers: a participle that only modifies a noun is not the clause's verb (made-up
sentences shaped like news prose)."""

from __future__ import annotations

import pytest

from eventdb.extract.clauses import light_verbs, split_clauses


def triggers(text: str) -> list[str]:
    return [c.trigger for c in split_clauses(text, 0, len(text))]


@pytest.mark.parametrize("text,trigger", [
    # a participle after a determiner (an adverb between) is an adjective
    ("Sales of the recently launched tablet began on Friday.", "began"),
    ("The announced merger was approved by regulators.", "approved"),
    # a reduced relative: "<noun> <participle> by/to/on ..." then the clause's own finite verb
    ("The phone developed by the start-up is a small handset.", "is"),
    ("The team formed to study the design had been merged into another group.", "merged"),
    ("The share of calls dropped on the new phone was slightly higher.", "slightly"),
    # an appositive participle that only names what it follows
    ('The reaction, dubbed "Bendgate" by bloggers, was to recommend a case.', "was"),
    # a present verb before an object, then a participle that describes a noun
    ("The plant's closure leaves the depot as the only site built in Ohio.", "leaves"),
])
def test_modifier_participle_is_not_the_trigger(text, trigger):
    assert triggers(text)[0] == trigger


@pytest.mark.parametrize("text,trigger", [
    ("Apple introduced the iMac in 1998.", "introduced"),
    ("The airline ordered to Boeing five jets, which were delivered in May.", "ordered"),
    ("This became the reason for the lawsuit.", "became"),
    ("Workers built the jet in Seattle.", "built"),
    # an appositive participle with its own time is a happening of its own, cut apart
    ("Development of the jet, begun two years ago, has been pushed back.", "begun"),
])
def test_real_verbs_stay_triggers(text, trigger):
    assert trigger in triggers(text), triggers(text)


@pytest.mark.parametrize("verb", sorted(light_verbs()))
def test_light_verb_examples(verb):
    """Each light verb's example: the object noun is the trigger."""
    example, trigger = light_verbs()[verb]
    assert triggers(example)[0] == trigger


def test_light_verb_object_is_not_a_fragment():
    from datetime import date

    from eventdb.extract import extract
    x = extract("The statement caused a sharp decrease of share prices in Asia on Monday.", date(2011, 1, 18))
    assert x.events[0].trigger == "decrease" and not x.events[0].background
    # the noun needs a kind of action: "caused a stir" keeps its verb
    assert triggers("The remark caused a stir among analysts.")[0] == "caused"


def test_comma_and_with_a_fronted_time_phrase_opens_a_clause():
    """ ", and in 1984 the first home computer was released": the verb comes eight words on."""
    text = "Jobs started the firm in 1976, and in 1984 the first small personal home computer was released to the public."
    assert triggers(text) == ["started", "released"]


@pytest.mark.parametrize("text,trigger", [
    # the verb right after "who"/"which" belongs to a relative inside the subject
    ("Those who had already purchased a case will receive a full refund.", "receive"),
    ("The man who shot the officer was arrested on Monday.", "arrested"),
    # no later verb group: the relative's verb is the only one
    ("The company which had bought the plant in 2004.", "bought"),
    ("Apple bought the firm which made the chips.", "bought"),
])
def test_relative_verb_inside_the_subject(text, trigger):
    assert triggers(text)[0] == trigger


def test_fronted_phrase_with_a_participle_is_no_clause():
    """ "For consumers still dissatisfied with the phone, Doe said ...": the phrase has no verb of
    its own and reads with the clause it opens."""
    text = "For consumers still dissatisfied with the phone, Jane Doe said that refunds are possible."
    assert triggers(text)[0] == "said"
    text = "During a media event held at its headquarters, Acme released the long awaited kit."
    assert triggers(text) == ["released"]


def test_which_after_a_name_opens_a_clause():
    text = "In 1986 he bought Pixar which was acquired by The Walt Disney Company in 2005."
    assert triggers(text) == ["bought", "acquired"]
    # after a common noun a relative without comma stays inside its clause
    assert triggers("Boeing delivered the plane which was built in Seattle.") == ["delivered"]


@pytest.mark.parametrize("text,expected", [
    # "to" + past participle is an adjective (an infinitive takes the base form)
    ("That reception would decrease and sometimes lead to dropped calls.", ["decrease"]),
    # a model number names the subject of a present verb before a describing participle
    ("The 787 illustrates the differing strategies adopted by Boeing and Airbus.", ["illustrates"]),
])
def test_participles_that_describe(text, expected):
    assert triggers(text) == expected


def test_short_regular_past_is_a_verb():
    """ "sued" is too short for the "-ed" rule: listed, it opens its own clause before ", but"."""
    text = "IBM sued Papermaster to block him from joining Apple, but a settlement was reached."
    assert triggers(text) == ["sued", "reached"]


@pytest.mark.parametrize("text,expected", [
    ("At 5:30 p.m., four armed robbers, some reportedly dressed in drag, entered the store.", ["entered"]),
    ("Several injured people were taken to hospital.", ["taken"]),
    ("Many left early.", ["left"]),  # "many" as the subject: "left" is its verb
])
def test_counted_participle_is_an_adjective(text, expected):
    assert triggers(text) == expected
