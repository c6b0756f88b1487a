"""In-article grouping, one row per happening: made-up articles shaped like the dev articles."""

from __future__ import annotations

from datetime import date

import pytest

from eventdb.extract import extract

LAUNCH = ("Acme unveils new Zephyr laptops, Nimbus software suite\n\n"
          "In a Wednesday media event, Acme released a new lineup of Zephyr laptops and the Nimbus suite. "
          "Acme also previewed its Comet operating system. "
          "In his keynote address Wednesday, Jane Doe announced the release of Acme's Nimbus suite. "
          "Acme sold Zephyr laptops to Globex in 2009.")


def _by_trigger(x, trigger):
    return next(i for i, e in enumerate(x.events) if e.trigger == trigger)


def _root(x, i):
    while x.events[i].same_as is not None:
        i = x.events[i].same_as
    return i


def test_shared_participants_on_the_titles_day_join_the_title():
    x = extract(LAUNCH, date(2010, 10, 23))
    title = _by_trigger(x, "unveils")
    assert _root(x, _by_trigger(x, "released")) == title
    assert _root(x, _by_trigger(x, "announced")) == title  # Acme and Nimbus, on Wednesday
    # one shared participant (Acme) is the article's topic, not the same happening
    assert _root(x, _by_trigger(x, "previewed")) != title
    # the same participants in another year: another happening
    assert _root(x, _by_trigger(x, "sold")) != title


def test_shared_participants_need_a_written_date():
    """A title's happening dated by nothing in the text (the publication default) takes no
    clause for its participants alone: they are the article's topic."""
    text = ("Acme executive leaves company after Zephyr laptop issues\n\n"
            "John Roe, who oversaw the Zephyr laptop at Acme, has left the company. "
            "Acme first shipped the Zephyr laptop to schools.")
    x = extract(text, date(2010, 8, 9))
    title = 0
    assert _root(x, _by_trigger(x, "shipped")) != title


def test_occurrence_examples():
    from eventdb.extract.grouping import anaphora
    example = anaphora()["occurrence"][1]
    x = extract(example, date(2007, 1, 12))
    which = next(e for e in x.events if e.trigger == "took")
    assert which.same_as == _by_trigger(x, "bought")


def test_which_clause_with_its_own_act_stays_apart():
    x = extract("The company bought the start-up, which later sold its plant.", date(2007, 1, 12))
    assert x.events[_by_trigger(x, "sold")].same_as is None


def test_second_lede_sentence_restating_the_title_joins_it():
    text = ("Boeing wins $2 billion Navy tanker contract\n\n"
            "Boeing has won a $2 billion contract to supply tankers to the US Navy. "
            "Boeing has also signed a 20-year contract with the Navy to supply 14 tankers. "
            "Boeing delivered a tanker contract to Qantas in 2004.")
    x = extract(text, date(2008, 3, 27))
    assert _root(x, _by_trigger(x, "won")) == 0
    assert _root(x, _by_trigger(x, "signed")) == 0
    assert _root(x, _by_trigger(x, "delivered")) != 0  # not a lede sentence, another year


def test_second_lede_sentence_needs_a_participant_of_the_title():
    text = ("Boeing wins $2 billion Navy tanker contract\n\n"
            "Boeing has won a $2 billion contract to supply tankers to the US Navy. "
            "Lockheed Martin signed a contract with Qantas to supply spare parts.")
    x = extract(text, date(2008, 3, 27))
    assert _root(x, _by_trigger(x, "signed")) != 0


def test_definite_event_noun_with_an_auxiliary_refers_back():
    """ "The dispute has come up ...": the auxiliary does not hide the event noun."""
    text = ("Globex sues Acme for Zephyr trademark\n\n"
            "The Zephyr phone was shown on Wednesday. "
            "The dispute has come up between Acme and Globex over the name.")
    x = extract(text, date(2007, 1, 12))
    assert _root(x, _by_trigger(x, "come")) == 0


def test_refers_back_to_the_title_after_another_restatement():
    """A body restatement of another happening does not make it the one later event nouns
    refer back to."""
    text = ("Acme to give free cases to Zephyr owners\n\n"
            "Acme announced on Friday that it will give owners a free case. "
            "Globex bought ten stores from Initech on Friday. "
            "Globex bought the stores to grow in the south. "
            "The announcement came in a rare press conference on Friday.")
    x = extract(text, date(2010, 7, 17))
    assert _root(x, _by_trigger(x, "came")) == 0


def test_what_was_done_at_the_occasion_joins_it():
    """ "During the event, Doe attempted ...": told at the title's happening; a later "Doe said"
    on that day is the same occasion too."""
    text = ("Acme gives free cases to Zephyr owners\n\n"
            "Acme announced on Friday that it will give owners a free case. "
            "During the event, company chief Jane Doe attempted to address reports of dropped calls. "
            "Rather than recall the phones, Jane Doe said on Friday that owners would get a refund. "
            "In a June interview, Jane Doe praised the phone's design.")
    x = extract(text, date(2010, 7, 17))
    assert _root(x, _by_trigger(x, "attempted")) == 0
    assert _root(x, _by_trigger(x, "said")) == 0
    assert _root(x, _by_trigger(x, "praised")) != 0  # "a June interview": another occasion


@pytest.mark.parametrize("text,headlines", [
    ("Men and women were pepper-sprayed, thrown to the ground and handcuffed.",
     ["Men and women were pepper-sprayed", "Men and women were thrown to the ground",
      "Men and women were handcuffed"]),
    ("The software was developed in 2004 and was renamed when the deal was announced.",
     ["The software was developed in 2004", "The software was renamed", "The deal was announced."]),
    ("In 1996, following the purchase of NeXT, Jobs returned to Apple and soon after reassumed the role of CEO.",
     ["In 1996, following the purchase of NeXT, Jobs returned to Apple", "Jobs soon after reassumed the role of CEO"]),
])
def test_headline_takes_the_subject_of_the_clause_before(text, headlines):
    """A clause that leaves its subject out reads with the earlier clause's subject, word for
    word (never a guessed name), and that clause's auxiliaries when it has none."""
    x = extract(text, date(2011, 10, 6))
    assert [e.headline for e in x.events] == headlines


def test_undated_news_is_not_a_restatement_of_a_past_year():
    """The day's undated news and the same verb with the same parties in a year the text writes
    ("In 2008, Klitschko stopped Thompson") are two happenings."""
    text = ("Klitschko stopped Thompson in the sixth round to keep his titles. "
            "The crowd cheered the champion. "
            "In 2008, Klitschko stopped Thompson in the 11th round.")
    x = extract(text, date(2012, 7, 8))
    stopped = [i for i, e in enumerate(x.events) if e.trigger == "stopped"]
    assert len(stopped) == 2 and _root(x, stopped[1]) != _root(x, stopped[0])


def test_when_clause_with_the_same_subject_is_one_occasion():
    x = extract("When Acme CEO Jane Doe first introduced the Zephyr phone, she praised its antenna design.",
                date(2010, 8, 9))
    assert _root(x, _by_trigger(x, "praised")) == _by_trigger(x, "introduced")
    x = extract("When the Air Force selected Northrop Grumman on February 29, Boeing challenged the award.",
                date(2008, 7, 2))
    assert _root(x, _by_trigger(x, "challenged")) != _by_trigger(x, "selected")


def test_title_and_lede_in_words_of_one_group_join():
    """ "Aer Lingus buys twelve new long-haul Airbus jets" / "Aer Lingus have purchased 12 new
    long-haul Airbus aircraft": synonyms of ``same_happening.tsv`` with a shared participant."""
    text = ("Aer Lingus buys twelve new long-haul Airbus jets\n\n"
            "Irish national airline Aer Lingus have purchased 12 new long-haul Airbus aircraft. "
            "Ryanair bought ten Boeing jets in 2005.")
    x = extract(text, date(2007, 6, 9))
    assert _root(x, _by_trigger(x, "purchased")) == 0
    assert _root(x, _by_trigger(x, "bought")) != 0


def test_result_participle_reads_with_the_happening_before_it():
    x = extract("Flight 447 crashed in 2009, killing all 228 people on board.", date(2011, 10, 6))
    assert x.events[1].headline == "Flight 447 crashed in 2009, killing all 228 people on board"


def test_a_happening_named_in_passing_is_a_mention_of_the_one_told():
    """ "the 1991 agreement" (a dated noun phrase inside another clause) is the settlement the
    article tells on that date, and a second "the 1991 agreement" the same; a 2005 one is not."""
    text = ("The lawsuit was settled in 1991. Apple Computer violated the 1991 agreement, Apple "
            "Corps said. Apple later broke the 1991 agreement again. The 2005 agreement followed.")
    x = extract(text, date(2008, 12, 12))
    named = [i for i, e in enumerate(x.events) if e.headline.lower() == "the 1991 agreement"]
    settled = _by_trigger(x, "settled")
    assert len(named) == 2 and all(_root(x, i) == settled for i in named)
    later = [i for i, e in enumerate(x.events) if e.headline.lower().startswith("the 2005")]
    assert all(_root(x, i) != settled for i in later)


def test_a_happening_named_twice_in_passing_in_other_words_is_one():
    """ "the 1994 settlement" and, later, "the 1994 agreement": one happening (the same kind of
    action on the same date), though no clause tells it."""
    text = ("The move was a breach of the 1994 settlement reached with the league, the Gulls said. "
            "The 1994 agreement was that the club would not move before 2010.")
    x = extract(text, date(2008, 12, 12))
    named = [i for i, e in enumerate(x.events) if "1994" in e.headline and e.trigger in ("settlement", "reached",
                                                                                            "agreement")]
    assert len(named) == 2, [(e.trigger, e.headline) for e in x.events]
    assert _root(x, named[0]) == _root(x, named[1])


TANKER = ("Watchdog Office requests rerun of Air Force tanker bid\n\n"
          "The Watchdog Office on June 18 called for a re-run of the bidding for the Air Force tanker "
          "contract. Boeing welcomed the ruling.")


def test_title_worded_by_a_word_other_than_its_trigger_joins_the_lede():
    """The title's trigger is "bid" (a noun); its act, "requests", and the lede's "called for" are
    one group of ``same_happening.tsv``."""
    x = extract(TANKER, date(2008, 7, 2))
    assert _root(x, _by_trigger(x, "called")) == 0


def test_the_written_date_dates_the_title_joined_to_it():
    """A title dated only by the publication default takes the day its lede writes: the
    happening's reports agree on the date the text gives (both the direct and the stored path
    read the rows' own dates)."""
    x = extract(TANKER, date(2008, 7, 2))
    title = x.events[0]
    assert title.time.target.startswith("timex:")
    assert x.timexes[int(title.time.target.split(":")[1])].resolved.value == "2008-06-18"
    # with no publication day nothing was defaulted: nothing is borrowed
    x = extract(TANKER, None)
    assert x.events[0].time.how == "publication"



def test_a_spokesperson_speaks_for_the_party_of_the_statement():
    """ "Spokeswoman Sandy Angers said" after "Boeing has announced ...": the same occasion
    (``event_anaphora.tsv``, "spokesperson"); a spokesman of another party is not."""
    from eventdb.extract.grouping import anaphora
    example = anaphora()["spokesperson"][1]
    title = "Acme Corp to close its plant\n\n"
    x = extract(title + example, date(2010, 6, 16))
    assert _root(x, _by_trigger(x, "said")) == 0
    other = example.replace("Spokeswoman Jane Roe", "Globex Inc spokeswoman Jane Roe")
    x = extract(title + other, date(2010, 6, 16))
    assert _root(x, _by_trigger(x, "said")) != 0


def test_what_a_later_statement_of_the_occasion_says_is_that_announcement():
    """ "Spokeswoman Jane Roe said that the team had been merged into ...": more of the title's
    announcement, not a happening apart; with a date of its own it stays apart."""
    text = ("Acme pushes back Zephyr replacement\n\n"
            "Acme has announced that development of the Zephyr replacement, begun two years ago, has been pushed back. "
            "Spokeswoman Jane Roe said that the design team had been merged into the research unit.")
    x = extract(text, date(2008, 5, 24))
    assert _root(x, _by_trigger(x, "merged")) == 0
    x = extract(text.replace("had been merged", "had been merged in 2006"), date(2008, 5, 24))
    assert _root(x, _by_trigger(x, "merged")) != 0


def test_a_described_subject_telling_the_titles_act_in_other_words_joins_it():
    """ "Acme executive leaves company" ... "The former executive had been ousted": a definite
    description, no named party, a word of the title's group (departure); the same word with a
    named party of its own stays to the other rules."""
    text = ("Acme executive leaves company\n\n"
            "John Roe, who oversaw the Zephyr laptop, is stepping down from his post. "
            "Analysts welcomed the change. The former executive had been ousted over hardware issues.")
    x = extract(text, date(2010, 8, 9))
    assert _root(x, _by_trigger(x, "ousted")) == 0
    x = extract(text.replace("The former executive had been ousted", "Globex had been ousted from the deal"),
                date(2010, 8, 9))
    assert _root(x, _by_trigger(x, "ousted")) != 0


def _restated_examples():
    from eventdb.extract.lexicon import _lines
    return [ln.split("\t")[2].replace("\\n", "\n") for ln in _lines("title_restated.tsv")]


@pytest.mark.parametrize("example", _restated_examples())
def test_title_restated_examples(example):
    """``title_restated.tsv``: the lede's words for the title's act join the title."""
    x = extract(example, date(2006, 5, 16))
    lede = next(i for i, e in enumerate(x.events) if e.sentence_start > 0 and not e.background)
    assert _root(x, lede) == 0


def test_title_restated_words_do_not_join_body_clauses():
    """In the body the same words often tell other acts of one event: only the title and the
    first lede sentence are joined by them."""
    text = ("Acme introduces new Zephyr laptop\n\n"
            "On Wednesday, Acme introduced a Zephyr laptop with video playback. Globex released "
            "a Zephyr rival.")
    x = extract(text, date(2005, 10, 13))
    assert _root(x, _by_trigger(x, "introduced")) == 0
    assert _root(x, _by_trigger(x, "released")) != 0


def test_what_a_telling_gave_is_the_telling():
    """ "Maliki told the BBC that jets bombed Qaim, giving the first official confirmation": the
    giving is no second happening beside the telling (the demo listed both)."""
    x = extract("Iraqi Prime Minister Nouri al-Maliki told the BBC that Syrian jets bombed militant "
                "positions near Qaim, giving the first official confirmation of the incident.", date(2014, 6, 27))
    told = next(i for i, e in enumerate(x.events) if e.trigger == "told")
    giving = next(e for e in x.events if e.trigger == "giving")
    assert giving.same_as == told, [(e.trigger, e.same_as) for e in x.events]


TWO_ARRESTS = ("Chargers receiver arrested\n\n"
               "San Diego Chargers defensive tackle Jamal Williams was arrested on suspicion of drunken "
               "driving, the team said. Chargers receiver Vincent Jackson was arrested for investigation "
               "of DUI on Jan. 6, five days before a playoff game. "
               "Vincent Jackson was on probation for a previous DUI arrest.")


def test_the_same_verb_of_other_people_is_another_happening():
    """One team (a shared participant) and one verb, but other persons: two arrests. The event
    word "arrest" in a clause naming Jackson joins Jackson's arrest, not the team's first."""
    x = extract(TWO_ARRESTS, None)
    arrests = [i for i, e in enumerate(x.events) if e.trigger == "arrested"]
    williams, jackson = arrests[1], arrests[2]
    assert _root(x, williams) != _root(x, jackson)
    word = next(i for i, e in enumerate(x.events) if e.trigger == "arrest")
    assert _root(x, word) == _root(x, jackson)
