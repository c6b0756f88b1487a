"""Headlines of relative clauses and of the clause a relative interrupts
(``extract.headlines._relative_headline``): each reads with the noun phrase it is about."""

from __future__ import annotations

import pytest

from eventdb.extract import extract


def headlines(text: str) -> list[str]:
    return [e.headline for e in extract(text, None).events]


@pytest.mark.parametrize(("text", "expected"), [
    # a restrictive subject relative: "Was released as a closed beta" before
    ("The company also announced the iPhone 2.0 update that was released as a closed beta for developers.",
     "The iPhone 2.0 update was released as a closed beta for developers"),
    # a non-restrictive one: "Which ended with his capture ..." before
    ("Nichols led police on a manhunt, which ended with his capture the next day.",
     "The manhunt ended with his capture the next day"),
    # the clause after a subject relative shares its noun phrase, not the sentence's subject
    ("The company also announced the iPhone 2.0 update that was released as a beta and is scheduled "
     "for public release in June.", "The iPhone 2.0 update is scheduled for public release in June"),
    # the main clause a relative interrupted: "Signed the agreement on Monday." before
    ("The airline, which is based in Dublin, signed the agreement on Monday.",
     "The airline signed the agreement on Monday"),
    ("Bettie Page, who told the pinup's story, died on Thursday.", "Bettie Page died on Thursday"),
    ("Mr. LaRue, whose family amassed a fortune in oil, played an important role with Nixon.",
     "Mr. LaRue played an important role with Nixon"),
])
def test_a_relative_clause_reads_with_what_it_describes(text: str, expected: str) -> None:
    assert expected in headlines(text)


@pytest.mark.parametrize(("text", "unwanted"), [
    ("Officials said that the plane was delayed.", "Officials the plane"),  # a complement clause
    ("Apple shares fell 5 percent, which means the company lost $2 billion.", "5 percent means"),
    ("Boeing made the offer, which analysts expected.", "The offer analysts"),  # an object relative
])
def test_no_noun_phrase_is_borrowed_where_none_is_described(text: str, unwanted: str) -> None:
    assert not any(h.startswith(unwanted) for h in headlines(text)), headlines(text)


def test_a_clause_sharing_a_pronoun_subject_reads_with_the_name():
    """ "She found religion, ... and lost contact with friends": the name "she" stands for (the
    clause read "She'd lost contact", or had no subject at all)."""
    heads = headlines("Bettie Page was a model in New York. She found religion, became a recluse, and "
                      "lost contact with friends.")
    assert "Bettie Page lost contact with friends" in heads, heads


def test_a_name_does_not_take_place():
    heads = headlines("Cisco received the trademark in 2000, when the company overtook Infogear Technology "
                      "Corp., which took place in 1996.")
    assert not any(h.startswith("Infogear Technology Corp. took place") for h in heads), heads
    assert any(h.startswith("The company overtook Infogear") and h.endswith("which took place in 1996")
               for h in heads), heads


def test_a_pronoun_after_a_fronted_phrase_reads_as_the_name():
    heads = headlines("Steve Jobs founded Apple in 1976. In 1986 he bought Pixar. One year later he was fired.")
    assert "In 1986 Steve Jobs bought Pixar." in heads and "One year later Steve Jobs was fired." in heads, heads


@pytest.mark.parametrize(("text", "expected"), [
    # the subject before an aside; a passive's "was" is not carried to a simple past
    ("The take-off, at 08:30 UTC, was apparently normal and took place exactly on time.",
     "The take-off took place exactly on time"),
    # a name and its noun before "which"
    ("It also shows problems at Suvarnabhumi airport, which has suffered various incidents since it opened.",
     "Suvarnabhumi airport has suffered various incidents since it opened"),
])
def test_subjects_past_an_aside_and_names_with_their_noun(text: str, expected: str) -> None:
    assert expected in headlines(text), headlines(text)
