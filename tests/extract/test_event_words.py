"""Event words inside clauses become background reports of their own (extract/event_words.py):
the table's examples, and each rule by an example."""

from __future__ import annotations

import pytest

from eventdb.extract import extract
from eventdb.extract.event_words import family, table
from eventdb.services.grouping_rules import is_word_report


def words(x) -> list[tuple[str, bool, int | None]]:
    """(word, background, same_as) of the event-word reports: background, a table word, the
    evidence of a clause listed before it."""
    return [(e.trigger, e.background, e.same_as) for i, e in enumerate(x.events)
            if e.background and is_word_report(e.trigger, e.background)
            and any((o.start, o.end) == (e.start, e.end) for o in x.events[:i])]


@pytest.mark.parametrize("example", table()[3])
def test_the_tables_examples(example: str) -> None:
    start = example.index("*")
    end = example.index("*", start + 1) - 1
    text = example.replace("*", "")
    x = extract(text, None)
    mine = [e for e in x.events if (e.trigger_start, e.trigger_end) == (start, end)]
    assert mine, f"no report at {text[start:end]!r}: {[e.trigger for e in x.events]}"
    ev = mine[0]
    if ev.background:  # a report of the word itself (not already a clause's trigger)
        host = next(e for e in x.events if e is not ev and (e.start, e.end) == (ev.start, ev.end))
        assert (host.trigger_start, host.trigger_end) != (ev.trigger_start, ev.trigger_end)
        assert ev.headline == host.headline  # its clause: what a curator reads beside it


def test_an_event_noun_joins_its_articles_report_of_the_same_family() -> None:
    text = "Gunmen shot the mayor of Springfield on Monday. The shooting shocked the town."
    x = extract(text, None)
    shot = next(i for i, e in enumerate(x.events) if e.trigger == "shot")
    noun = next(e for e in x.events if e.trigger == "shooting")
    assert (noun.trigger_start, noun.trigger_end) == (text.index("shooting"),
                                                      text.index("shooting") + 8)
    assert noun.background and noun.same_as == shot
    # its evidence and date are its clause's
    host = next(e for e in x.events if e.trigger == "shocked")
    assert (noun.start, noun.end, noun.time.target) == (host.start, host.end, host.time.target)


def test_a_second_verb_of_a_clause_and_capitals_and_phrases() -> None:
    text = ("THREE PEOPLE HAVE DIED IN A BLAZE in Athens.\n"
            "Lindsay Lohan checked into the Betty Ford Center on Friday.")
    x = extract(text, None)
    found = {w for w, _, _ in words(x)}
    assert {"DIED", "BLAZE", "checked into"} <= found
    phrase = next(e for e in x.events if e.trigger == "checked into")
    assert text[phrase.trigger_start:phrase.trigger_end] == "checked into"
    verb = next(i for i, e in enumerate(x.events) if e.trigger == "checked")
    assert phrase.same_as == verb  # the clause's trigger inside it: one happening


def test_no_report_for_a_names_word_a_verb_or_a_trigger() -> None:
    text = "The Fire Department said it would attack the problem. The plant will fire workers."
    x = extract(text, None)
    assert words(x) == []


def test_families() -> None:
    assert family("quake") == family("earthquake") == "earthquake"
    assert family("shooting") == family("shot") == "shoot"
    assert family("checked into") == family("checked") == "check"


def test_a_hanging_and_a_suicide_are_deaths() -> None:
    """One death told as a hanging, a suicide or "found dead" (ECB+ gold joins them)."""
    assert family("hanged") == family("hanging") == family("suicide") == family("dead") == "die"


def test_synonyms_are_one_family() -> None:
    """Other articles tell one happening with a synonym: discovered / found, thwarted / foiled,
    beat / won."""
    assert family("discovered") == family("found") == "find"
    assert family("thwarted") == family("foiled") == "foil"
    assert family("beat") == family("defeated") == family("won") == "win"
    assert family("nabbed") == family("detained") == family("arrested") == "arrest"
    assert family("burned") == family("burned down") == family("blaze") == "fire"


def test_a_phrase_around_a_trigger_joins_that_report() -> None:
    """Two check-ins of one actress: each "checked into" is its own clause's word, not the
    article's first check-in's."""
    text = ("Lindsay Lohan checked into the Betty Ford Center on Friday. "
            "On Thursday Lohan had checked into Morningside Recovery.")
    x = extract(text, None)
    verbs = [i for i, e in enumerate(x.events) if e.trigger == "checked"]
    phrases = [e for e in x.events if e.trigger == "checked into"]
    assert [p.same_as for p in phrases] == verbs
