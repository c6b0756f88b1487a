"""Background rows, kinds of action, in-article grouping and headlines with their subject: each
rule by the examples kept with it in ``eventdb/extract/resources`` and a few made-up articles."""

from __future__ import annotations

from datetime import date

import pytest

from eventdb.extract import extract
from eventdb.extract.background import classify, phrase_rules, quote_spans, rules
from eventdb.extract.clauses import headline, split_clauses
from eventdb.extract.kinds import kind_of, verb_key
from eventdb.extract.lexicon import _lines

DAY = date(2014, 6, 27)


def reasons(text: str) -> list[str | None]:
    """The background reason of each clause of a one-sentence text."""
    x = extract(text, DAY)
    clauses = split_clauses(text, x.events[0].sentence_start, x.events[0].sentence_end)
    quotes = quote_spans(text)
    return [classify(text, ev, c, False, quotes, False) for ev, c in zip(x.events, clauses)]


@pytest.mark.parametrize("rule", sorted(r for r in rules() if not r.endswith("_except")))
def test_background_rule_examples(rule):
    example = rules()[rule][1]
    assert rule in reasons(example), (example, reasons(example))


@pytest.mark.parametrize("rule", sorted(r for r in rules() if r.endswith("_except")))
def test_background_exception_examples(rule):
    """The example of an exception is a clause the rule it qualifies leaves shown."""
    example = rules()[rule][1]
    assert rule.removesuffix("_except") not in reasons(example), (example, reasons(example))
    assert None in reasons(example)


@pytest.mark.parametrize("rule,example", [(r, ex) for r, _p, _h, ex in phrase_rules()])
def test_background_phrase_examples(rule, example):
    assert rule in reasons(example), (example, reasons(example))


@pytest.mark.parametrize("text,reason", [
    ("Ryanair is the world's most profitable airline.", "state"),
    ('"We have got difficult challenges in the engine business," the chief said.', "quote"),
    ("Reuters", "credit"),
    ("The tanker arrived in Tampa on Monday, flown by American airmen with a flag on its tail.", "description"),
    ('Chief Executive Dermot Mannion stated, "The jets fit our plans."', "routine"),
    ("Again, the Jaguars couldn't come up with the play to tie the game.", "negation"),
    ("http://www.example.com/new-york/7-bullets-killed-teen-article-1.1287452", "credit"),
    ("Analysts predicted a loss for the second quarter.", "cognition"),
    ("The cases were priced at $29 before the launch.", "stative"),
    ("The company is pursuing an aggressive expansion plan.", "ongoing"),
    ("They replace existing Tristar aircraft.", "present"),
    ('"We have reduced our design effort a lot," said Angers.', "routine"),
])
def test_background_made_up(text, reason):
    assert reason in reasons(text)


@pytest.mark.parametrize("text", [
    "Famous 1950s pin up star Betty Page has died in Los Angeles, aged 85.",
    "Syrian jets bombed militant positions near Qaim on Thursday.",
    "Apple released a new phone on Monday.",
    "Obama said last Friday that he was ready to act.",  # a statement dated on its own occasion
    "It is slated for a release on June 24.",  # scheduled on a day
    "Sales rose 5 percent on Monday compared with last year.",  # the comparison does not hide the move
])
def test_happenings_stay_shown(text):
    x = extract(text, DAY)
    assert not x.events[0].background, x.events[0].headline


def test_background_keeps_evidence_and_dates():
    """A background row is still an event with its date and mentions (nothing is lost)."""
    x = extract("Ryanair is the world's most profitable airline, the company said on Monday.", DAY)
    assert x.events[0].background and x.events[0].time.target
    assert x.mentions


def test_quote_spans_skip_scare_quotes():
    text = 'The issue, dubbed "Antennagate", grew. He said "we will fix it very soon" on Friday.'
    spans = quote_spans(text)
    assert len(spans) == 1 and "fix" in text[spans[0][0]:spans[0][1]]


@pytest.mark.parametrize("line", _lines("action_kinds.tsv"))
def test_kind_examples(line):
    kind, _lemmas, example = line.split("\t")
    x = extract(example, DAY)
    assert kind in {ev.kind for ev in x.events}, (example, [(e.trigger, e.kind) for e in x.events])


@pytest.mark.parametrize("a,b", [("wins", "won"), ("pushes", "pushed"), ("exercises", "exercising"),
                                 ("released", "release"), ("agreed", "agree"), ("sued", "sues"),
                                 ("stopped", "stop"), ("died", "dies")])
def test_verb_forms_share_a_key(a, b):
    assert verb_key(a) == verb_key(b)


def test_verb_keys_keep_different_verbs_apart():
    assert verb_key("sign") != verb_key("sing") and verb_key("called") != verb_key("cal")
    assert kind_of("bombed") == "attack" and kind_of("resigned") == "appointment or resignation"
    assert kind_of("xyzzy") is None
    # base forms in the kind table are not irregular forms of other verbs
    assert kind_of("founded") == "launch or release" and kind_of("found") is None
    assert kind_of("fired") == "appointment or resignation"


ARTICLE = ("Boeing unveils new 787 Dreamliner\n\n"
           "Boeing unveiled its new 787 Dreamliner at its Everett factory on Sunday. "
           "The company announced 35 new orders from Air Berlin on Saturday. "
           "Airbus unveiled its A350 design in 2006.")


def test_title_and_lede_are_one_happening():
    x = extract(ARTICLE, date(2007, 7, 9))
    title = next(i for i, e in enumerate(x.events) if e.trigger == "unveils")
    lede = next(i for i, e in enumerate(x.events) if e.trigger == "unveiled")
    assert x.events[lede].same_as == title
    # another happening with the same verb (other participant, other year) stays apart
    other = [e for e in x.events if e.trigger == "unveiled"][1]
    assert other.same_as is None
    orders = next(e for e in x.events if e.trigger == "announced")
    assert orders.same_as is None


def test_restatement_with_shared_participant_joins():
    text = ("Ryanair bought five jets from Boeing on Monday. The deal is large. "
            "Ryanair bought the jets to open new routes.")
    x = extract(text, date(2005, 6, 14))
    bought = [i for i, e in enumerate(x.events) if e.trigger == "bought"]
    assert len(bought) == 2 and x.events[bought[1]].same_as == bought[0]


def test_two_statements_are_not_joined():
    text = ("Jobs announced a new laptop on Wednesday. Jobs also announced a video chat program. "
            "Jobs announced the iLife suite.")
    x = extract(text, date(2010, 10, 23))
    assert all(e.same_as is None for e in x.events)


@pytest.mark.parametrize("line", [ln for ln in _lines("event_anaphora.tsv") if not ln.startswith(("occasion", "occurrence", "spokesperson"))])
def test_event_anaphora_examples(line):
    from eventdb.extract.grouping import refers_back
    example = line.split("\t")[2]
    x = extract(example, DAY)
    assert refers_back(example, x.events[0])


def test_event_anaphora_joins_the_main_happening():
    text = ("Apple to give free cases to iPhone owners\n\nApple announced on Friday that it will give "
            "owners a free case. The announcement came in a rare press conference on Friday. "
            "The phone was released in June.")
    x = extract(text, date(2010, 7, 17))
    came = next(e for e in x.events if e.trigger == "came")
    assert came.same_as == 0
    assert next(e for e in x.events if e.trigger == "released").same_as is None


def test_headline_keeps_until():
    """ "until recently, had been fighting" must not read "had been fighting" (the opposite)."""
    text = "This could raise eyebrows as the Nusra Front, until recently, had been fighting against ISIS."
    heads = [e.headline for e in extract(text, DAY).events]
    fighting = next(h for h in heads if "fighting" in h)
    assert "until recently" in fighting.lower(), heads
    assert fighting.startswith("Nusra Front"), heads
    assert headline("until recently, had been fighting", 0, 33).lower().startswith("until")


@pytest.mark.parametrize("text, expected", [
    ("Nordhavn Marine has confirmed that there was a fault on its first sea trial.",
     "Nordhavn Marine has confirmed that there was a fault on its first sea trial."),
    ("Karla Voss told reporters that the ferry would resume service.",
     "Karla Voss told reporters that the ferry would resume service."),
    ("Karla Voss announced the ferry line. She also said that, although fares rose, demand held.",
     "Karla Voss also said that although fares rose, demand held."),
])
def test_headline_of_a_reporting_clause_says_what_was_said(text, expected):
    """ "Airbus has confirmed" alone tells a curator nothing: a reporting clause whose content
    was cut off into the clause after it reads with that content."""
    heads = [e.headline for e in extract(text, DAY).events]
    assert expected in heads, heads


@pytest.mark.parametrize("text, wrong", [
    # "According to a report" has no subject to lend: not "A has decided ..."
    ("According to a report from the Courier this week, the singer has left the clinic and has decided to "
     "stay in Malibu.", "A has decided"),
    # a participle describing the noun before its comma: not "Malibu named the Cliffside"
    ("Karla Voss has moved to a rehab centre in Malibu, named the Cliffside.", "Malibu named"),
    ("Karla Voss has had enough of the old clinic and has moved to a rehab centre in Malibu, named the "
     "Cliffside.", "Karla Voss has had named"),
])
def test_headline_never_gets_a_wrong_subject(text, wrong):
    heads = [e.headline for e in extract(text, DAY).events]
    assert not any(h.startswith(wrong) for h in heads), heads


def test_headline_of_a_reporting_clause_after_what_it_says():
    """ "..., the port authority has announced." alone is "The port authority has announced"."""
    text = "The Bergen ferry will resume service on Monday, the port authority has announced. It was closed."
    heads = [e.headline for e in extract(text, DAY).events]
    assert "The Bergen ferry will resume service on Monday, the port authority has announced" in heads, heads


@pytest.mark.parametrize("text, expected", [
    ("The firing came hours before the Gulls were to play at home.",
     "The firing came hours before the Gulls were to play at home."),
    ("The village was flooded two years after the dam was built.",
     "The village was flooded two years after the dam was built."),
])
def test_headline_keeps_what_a_span_of_time_is_measured_from(text, expected):
    """Cut before its "before"/"after", "The firing came hours" says nothing true."""
    heads = [e.headline for e in extract(text, DAY).events]
    assert expected in heads, heads


def test_headline_pronoun_becomes_the_name():
    text = ("US President Barack Obama said last Friday that he was ready to use airstrikes, adding that he was sending "
            "special forces to Baghdad.")
    heads = [e.headline for e in extract(text, DAY).events]
    assert any(h.startswith("Obama was sending") or h.startswith("Barack Obama was sending") for h in heads), heads
    assert not any(h.startswith("He ") for h in heads), heads


def test_headline_left_out_subject():
    text = "In 1996 Jobs returned to Apple and soon reassumed the role of CEO."
    heads = [e.headline for e in extract(text, DAY).events]
    assert any(h.startswith("Jobs") and "reassumed" in h for h in heads), heads


def test_headline_negation_and_modal_kept():
    text = "The airline said it would not cancel the order."
    heads = " ".join(e.headline for e in extract(text, DAY).events)
    assert "would not cancel" in heads


def test_same_reporting_act_told_again_is_one():
    text = ("Iraq has confirmed that Syrian jets have bombed bases of ISIS militants near Qaim. "
            "Iraq has confirmed that Syrian jets have bombed some of the bases of ISIS militants near Qaim.")
    x = extract(text, DAY)
    confirmed = [i for i, e in enumerate(x.events) if e.trigger == "confirmed"]
    bombed = [i for i, e in enumerate(x.events) if e.trigger == "bombed"]
    assert x.events[bombed[1]].same_as == bombed[0]
    assert x.events[confirmed[1]].same_as == confirmed[0]


def test_different_speakers_stay_apart():
    text = ("Iraq has confirmed that Syrian jets bombed bases near Qaim. "
            "Syria has confirmed that Syrian jets bombed bases near Qaim.")
    x = extract(text, DAY)
    confirmed = [i for i, e in enumerate(x.events) if e.trigger == "confirmed"]
    assert x.events[confirmed[1]].same_as is None


def test_headline_it_only_for_a_participant():
    """ "It had signed" -> the company; "after it was first reported" (the incident) stays."""
    text = ("China Eastern Airlines stated on Thursday that it had signed a contract to buy 20 jets. "
            "Maliki confirmed the strike hours after it was first reported.")
    heads = [e.headline for e in extract(text, DAY).events]
    assert any(h.startswith("China Eastern Airlines had signed") for h in heads), heads
    assert not any(h.startswith("China Eastern Airlines was first reported") for h in heads), heads


@pytest.mark.parametrize("text, expected", [
    # "Her" opening a clause is the possessive: the name takes "'s"
    ("Bettie Page, the pin-up model, died on Thursday. Her story of unintentional notoriety "
     "began in 1950.", "Bettie Page's story of unintentional notoriety began in 1950"),
    # an extraposed "it" stands for what follows, never for a name before it
    ("Boeing said on Monday it would cut jobs. It emerged that Boeing executive Michael Sears "
     "had offered a job to Darleen Druyun.", "It emerged that Boeing executive Michael Sears"),
    ("Apple opened a store in Paris on Monday. It is likely that the store will open in May.",
     "It is likely that the store will open in May"),
    # "So far" and "As of" are not connectives to strip
    ("So far, Boeing has received five orders from two customers.", "So far, Boeing has received"),
    ("As of Monday, the plant was closed.", "As of Monday, the plant was closed"),
])
def test_headline_possessive_expletive_it_and_idioms(text, expected):
    heads = [e.headline for e in extract(text, DAY).events]
    assert any(h.startswith(expected) for h in heads), heads


def test_title_kind_from_its_words():
    """A title whose trigger is a noun takes the kind of its first word that has one."""
    x = extract("China Eastern Airlines to purchase twenty new Airbus A320 jets\n\nThe airline signed a "
                "contract on Monday.", date(2009, 6, 18))
    assert x.events[0].kind == "deal or sale"


def test_lede_dated_on_a_day_joins_the_title():
    # the lede's own weekday is the news of the day: it joins the title (dated by publication);
    # a clause dated to another year ("Begun two years ago") with the title's words does not
    text = ("Steve Jobs on medical leave\n\nSteve Jobs announced Monday in an internal memo that he "
            "would be taking medical leave. Jobs began a leave two years ago.")
    x = extract(text, date(2011, 1, 17))  # published on the Monday: the title is dated by publication
    announced = next(e for e in x.events if e.trigger == "announced")
    assert announced.same_as == 0
    assert next(e for e in x.events if e.trigger == "began").same_as is None


def test_same_occasion_attribution_joins_the_main_statement():
    line = next(ln for ln in _lines("event_anaphora.tsv") if ln.startswith("occasion"))
    text = "Jobs takes medical leave\n\n" + line.split("\t")[2] + \
        " Someone familiar with the situation said Jobs's health has ups and downs."
    x = extract(text, date(2011, 1, 18))
    said = [e for e in x.events if e.trigger == "said"]
    assert said[0].same_as == 0  # the speaker of the main statement, the same day
    assert said[1].same_as is None  # another speaker, talking about him: apart


def test_date_borrowed_from_the_reporting_clause_is_an_upper_bound():
    # "stated on Thursday that it had signed": signed by Thursday, so the signing "on June 15" is it
    text = ("China Eastern stated on Thursday that it had signed a contract to buy twenty jets. "
            "China Eastern signed the contract in Paris on June 15.")
    x = extract(text, date(2009, 6, 18))
    signed = [i for i, e in enumerate(x.events) if e.trigger == "signed"]
    assert x.events[signed[0]].time.how in ("inferred", "narrative")  # not its own date
    assert x.events[signed[1]].same_as == signed[0]
    # a signing dated after the statement cannot be the one the statement reports
    later = text.replace("June 15", "June 17").replace("on Thursday", "on June 16")
    x = extract(later, date(2009, 6, 18))
    assert all(e.same_as is None for e in x.events if e.trigger == "signed")


def test_reporting_clause_stands_for_content_with_its_own_date():
    # the lede's content carries the title's verb but a parenthetical's date ("begun two years
    # ago"): the announcing clause joins the title, the dated content does not
    text = ("Boeing pushes back 737 replacement\n\nBoeing has announced that development of a replacement "
            "for the 737, begun two years ago, has been pushed back several years.")
    x = extract(text, date(2008, 5, 24))
    announced = next(e for e in x.events if e.trigger == "announced")
    assert announced.same_as == 0
    assert all(e.same_as is None for e in x.events if e is not announced)


@pytest.mark.parametrize("line", _lines("same_happening.tsv"))
def test_same_happening_examples(line):
    example = line.split("\t")[2]
    x = extract(example, DAY)
    shown = [i for i, e in enumerate(x.events) if not e.background]
    assert len(shown) >= 2 and x.events[shown[-1]].same_as == shown[0]


def test_synonyms_need_a_shared_participant():
    # a departure by someone else, or a plain "pushed back" (a delay), stays apart
    x = extract("Papermaster had left Apple. Forstall had been pushed out by Google.", DAY)
    assert all(e.same_as is None for e in x.events)
    x = extract("Papermaster had left Apple. Apple pushed back the launch.", DAY)
    assert all(e.same_as is None for e in x.events)


def test_document_quoted_after_reads_is_a_quotation():
    text = ("Acme released the text of the chief's email, which reads: Team, the board has granted me "
            "a leave of absence. I have asked Jane Roe to run the company.\nAcme shares fell on Monday.")
    x = extract(text, DAY)
    by = {e.trigger: e.background for e in x.events}
    assert by["granted"] and by["asked"] and not by["released"] and not by["fell"]


def test_inverted_attribution_is_routine_even_with_a_date():
    """ '"...," said Bunny Yeager, whose photographs appeared in the 1950s': the date describes
    the speaker; the attribution reports no happening."""
    text = ('"She was a pioneer," said Bunny Yeager, whose photographs of Page appeared in '
            'Playboy in the 1950s. Yeager said on Monday that she would retire.')
    x = extract(text, DAY)
    said = [e for e in x.events if e.headline.lower().startswith("said bunny")]
    assert said and all(e.background for e in said)


@pytest.mark.parametrize("text, expected", [
    ("Apple co-founder Steve Jobs, born in San Francisco on February 24, 1955, has built a company.",
     "Steve Jobs was born in San Francisco on February 24, 1955"),
    ("The first delivery, originally due later this year, will be delayed.",
     "The first delivery was originally due later this year"),
])
def test_a_participial_aside_reads_with_its_subject(text, expected):
    heads = [e.headline for e in extract(text, DAY).events]
    assert expected in heads, heads


def test_a_left_out_subject_keeps_a_passive_was_only_for_a_passive_verb():
    heads = [e.headline for e in extract(
        "Apple Computer was started by Steve Jobs and Steve Wozniak in 1976, and launched the "
        "iTunes Music Store in 2003.", DAY).events]
    assert "Apple Computer launched the iTunes Music Store in 2003" in heads, heads


def test_a_result_participle_after_what_a_reporter_said_reads_with_the_telling():
    heads = [e.headline for e in extract(
        "Iraqi Prime Minister Nouri al Maliki told the BBC that Syrian fighter jets bombed "
        "militant positions on Thursday, giving the first official confirmation of the incident.",
        DAY).events]
    giving = next(h for h in heads if "giving the first" in h)
    assert giving.startswith("Iraqi Prime Minister Nouri al Maliki told the"), heads


@pytest.mark.parametrize(("text", "quoted"), [
    # one sentence per line (ECB+): the quotation closes on a later line
    ('"This caught us by surprise.\nWe had no idea."\nDiLeo said he had not talked to his father.',
     ['"This caught us by surprise.\nWe had no idea."']),
    ('She defended it.\n"I never thought it was shameful.\nI felt normal.\nIt was better than typing all day, '
     'which gets monotonous," she told Playboy in 1998.\nThat seemed fine.',
     ['"I never thought it was shameful.\nI felt normal.\nIt was better than typing all day, which gets monotonous,"']),
    # the news convention: a quoted paragraph left open, the next one opening with a mark
    ('He said: "The first paragraph of a long quotation goes here.\n"And the second one goes here," he said.',
     ['"The first paragraph of a long quotation goes here.', '"And the second one goes here,"']),
    # a stray mark never closed is no quotation
    ('The 6\'2" man left the bar at noon on Friday.\nPolice arrived later that evening.\nNobody was hurt.', []),
])
def test_quotations_over_several_lines(text: str, quoted: list[str]) -> None:
    assert [text[a:b] for a, b in quote_spans(text)] == quoted


def test_a_quotation_over_lines_is_background_and_its_attribution_is_not_quoted():
    x = extract('Cheeks was fired on Saturday.\n"This caught us by surprise.\nWe had no idea," DiLeo told '
                'the Inquirer on Sunday.', date(2008, 12, 14))
    surprise = next(e for e in x.events if e.trigger == "caught")
    assert surprise.background
    told = next(e for e in x.events if e.trigger == "told")
    assert not told.background, [(e.headline, e.background) for e in x.events]


@pytest.mark.parametrize(("text", "background"), [
    ("In 2004, Airbus sold more planes than Boeing for the first time ever.", True),
    ("Boeing has received far more orders than Airbus in 2005.", True),
    ("More than 200 people were killed on Sunday.", False),  # a figure, not a comparison
    ("Shares of Apple rose more than 5 percent on Monday.", False),
    ("Apple sold more iPods than expected in the quarter.", False),
])
def test_comparisons_are_background(text: str, background: bool) -> None:
    x = extract(text, date(2005, 6, 13))
    assert [e.background for e in x.events][:1] == [background], [(e.headline, e.background) for e in x.events]


def test_questions_are_asked_not_reported():
    x = extract("Did the earth move for you? Dubai experienced a slight tremor today.", date(2005, 11, 27))
    shown = {e.trigger: e.background for e in x.events}
    assert shown["Did"] is True and shown["experienced"] is False, shown


def test_a_sentence_opening_with_the_determiner_that_keeps_it():
    x = extract("Apple Corps sued in 1989. That lawsuit was settled in 1991, also out of court.", None)
    assert any(e.headline.startswith("That lawsuit was settled in 1991") for e in x.events), \
        [e.headline for e in x.events]


def test_a_question_mark_standing_for_a_lost_character_is_no_question():
    # ECB+ lost its euro signs to "?": "in return for? 110bn in loans"
    text = "The government agreed to slash spending in return for? 110bn in loans over three years."
    x = extract(text, date(2010, 5, 3))
    assert not x.events[0].background, [(e.headline, e.background) for e in x.events]


@pytest.mark.parametrize(("text", "background"), [
    # a noun and its "that" relative, with no verb of its own: a description (like "which")
    ("By 1952, Page was posing in photos and movies that featured stripping and spanking.", True),
    ("Volleys of tear gas that left clouds of smoke hovering over the streets.", True),
    # ... not a complement clause, nor a relative inside the sentence's subject
    ("Officials said that the plane was delayed.", False),
    ("ISPs that had been knocked off-line had found alternate routes for their traffic.", False),
    ("In a fight that was one-sided from the start, Klitschko retained his titles.", False),
    ("None of that swayed jurors on Friday.", False),
])
def test_a_that_relative_without_a_verb_of_its_own_is_background(text: str, background: bool) -> None:
    x = extract(text, date(2008, 12, 14))
    assert all(e.background for e in x.events) is background, [(e.headline, e.background) for e in x.events]


@pytest.mark.parametrize(("text", "background"), [
    ("In 2004, Airbus sold more planes than Boeing for the first time ever, sparking questions whether "
     "the US company had lost its grip.", True),
    ("Boeing did not deliver the jets on time, forcing the airline to lease planes.", True),
    ("Flight 447 crashed in 2009, killing all 228 people on board.", False),
])
def test_what_a_comparison_or_a_negation_led_to_did_not_happen_either(text: str, background: bool) -> None:
    x = extract(text, date(2009, 6, 2))
    led_to = next(e for e in x.events if e.trigger.endswith("ing"))
    assert led_to.background is background, [(e.headline, e.background) for e in x.events]
