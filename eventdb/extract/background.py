"""Background rows: clauses kept as evidence that report no happening.

A curator's chronology lists happenings; a clause that only states how things are, gives an
opinion, quotes someone, says what could or would happen, attributes a quotation ("said
Angers."), or is a fragment or a credit is *background*: stored with its evidence and dates (the
timeline benchmarks count it) but hidden from the default chronology. The words each rule looks
for are data (``resources/background.tsv``, one example per rule run as a test); this module is
the small engine. A clause of the title line is never background for its tense or its missing
verb: headlines are written in the present and without verbs ("Apple to give free cases").
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventdb.extract.clauses import Clause, _tables, is_past_form, is_state, is_verb
from eventdb.extract.kinds import verb_key
from eventdb.extract.lexicon import _lines
from eventdb.extract.model import Event, Extraction

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_CONNECTIVES = {"after", "before", "while", "when", "and", "but", "by"}
_BE = {"is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re"}
_URL = re.compile(r"\s*(?:https?://|www\.)\S+\s*$|\s*(?:https?://|www\.)\S+\s*\n", re.I)
#: A document quoted in full after a colon: "the email, which reads: ...", "the letter read:".
_READS = re.compile(r"\b(?:reads|read|wrote|writes)(?:\s+as\s+follows)?\s*:[ \t]*(?=\S)", re.I)
_QUOTE_OPEN = re.compile(r"^[\s,:]*[\"“]")
_QUOTE_CLOSE = re.compile(r"[\"”][\s,]*(?:[A-Za-z.'’-]+\s+){0,4}$")  # '..." said', '," he said'



@lru_cache(maxsize=1)
def rules() -> dict[str, tuple[frozenset[str], str]]:
    """rule -> (words, example) from ``resources/background.tsv``."""
    out: dict[str, tuple[frozenset[str], str]] = {}
    for ln in _lines("background.tsv"):
        rule, words, example = (ln.split("\t") + ["", ""])[:3]
        out[rule] = (frozenset(words.split()), example)
    return out


@lru_cache(maxsize=None)
@lru_cache(maxsize=1)
def phrase_rules() -> list[tuple[str, re.Pattern[str], tuple[str, ...], str]]:
    """(rule, pattern, hints, example) from ``resources/background_phrases.tsv``; a pattern is
    only tried on a clause holding one of its hint words (most clauses hold none: fast)."""
    return [(r, re.compile(p, re.I), tuple(h.split()), ex) for r, p, h, ex in
            ((ln.split("\t") + ["", "", ""])[:4] for ln in _lines("background_phrases.tsv"))]


@lru_cache(maxsize=None)
def _words(rule: str) -> frozenset[str]:
    return rules()[rule][0]


@lru_cache(maxsize=None)
def _keys(rule: str) -> frozenset[str]:
    return frozenset(verb_key(w) for w in _words(rule))


def routine_verb(word: str) -> bool:
    """A verb of routine attribution ("said", "added", "told"): the lexicon's "routine" list."""
    return verb_key(word) in _keys("routine")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations of four words or more: “…” pairs and straight "…" pairs within a paragraph,
    and a document quoted after "reads:" to the end of its paragraph. Shorter quoted strings
    are names or scare quotes ("Antennagate"), not quotations."""
    spans: list[tuple[int, int]] = []
    for m in _READS.finditer(text):
        # "Apple released the text of Jobs's email, which reads: Team, ...": the document quoted
        # to the end of its paragraph
        end = text.find("\n", m.end())
        spans.append((m.end(), len(text) if end < 0 else end))
    if '"' not in text and "“" not in text:
        return spans
    pos = 0
    open_from: int | None = None  # a quotation left open by the paragraphs before
    waited = 0  # paragraphs it has run through without a quotation mark
    for para in text.split("\n"):
        marks = list(re.finditer(r"[\"“”]", para))
        if open_from is not None:
            first = marks[0] if marks else None
            if first is not None and _closes(para, first.start()):
                # '"This caught us by surprise.\nWe had no idea."': the quotation closes here
                # (text with one sentence per line breaks quotations over lines)
                spans.append((open_from, pos + first.end()))
                marks = marks[1:]
                open_from = None
            elif first is not None and first.start() == 0:
                # a paragraph that opens with a quotation mark continues the quotation left
                # open (the news convention): the one before ran to its end
                spans.append((open_from, pos - 1))
                open_from = None
            elif first is None and waited < 3:
                waited += 1  # a line inside the quotation ("I felt normal.")
                pos += len(para) + 1
                continue
            else:
                open_from = None  # never closed: a stray mark, not a quotation
        open_at = None
        for m in marks:
            ch = m.group()
            if open_at is None and ch in "\"“":
                open_at = m.start()
            elif open_at is not None and ch in "\"”":
                if len(_WORD.findall(para, open_at, m.start())) >= 4:
                    spans.append((pos + open_at, pos + m.end()))
                open_at = None
        if open_at is not None and len(_WORD.findall(para, open_at)) >= 3 and para.rstrip()[-1:] in ".!?,":
            open_from, waited = pos + open_at, 0  # a sentence quoted to the paragraph's end
        pos += len(para) + 1
    return spans


def _asks(text: str, start: int, end: int) -> bool:
    """The sentence is a question: it ends with "?", and no figure follows ("to lend? 22.4
    billion": a euro sign lost to the text's encoding, not a question)."""
    body = text[start:end].rstrip(" \"”'’)\n")
    after = start + len(body)
    return body.endswith("?") and not text[after:after + 3].lstrip(" ")[:1].isdigit()


def _closes(para: str, at: int) -> bool:
    """A quotation mark at ``at`` that closes rather than opens: a right double quote, or a
    straight one right after a word or after punctuation (', "Kraft said': the speaker
    follows)."""
    if para[at] == "”":
        return True
    return para[at] == '"' and at > 0 and (not para[at - 1].isspace() or para[max(0, at - 2)] in ",.?!")


_BY_TO = {"by", "to", "as", "for"}


def _first_word_start(text: str, c: Clause) -> int:
    m = _WORD.search(text, c.start, c.end)
    return m.start() if m else -1


def nxt_word(text: str, c: Clause) -> str:
    m = _WORD.search(text, c.trigger_end, c.end)
    return m.group().lower() if m else ""


def _before(text: str, c: Clause, n: int = 4) -> list[str]:
    """The last ``n`` words before the trigger inside the clause (its auxiliaries), lower case."""
    a = max(c.start, c.trigger_start - 48)  # the auxiliary group is short
    return [w.lower().replace("’", "'") for w in _WORD.findall(text, a, c.trigger_start)][-n:]


def classify(text: str, ev: Event, c: Clause | None, title: bool, quotes: list[tuple[int, int]],
             scheduled: bool, dated: bool = False, state: bool | None = None) -> str | None:
    """Why the clause ``c`` (the evidence of ``ev``) reports no happening, or None when it may.
    ``scheduled``: the clause has its own calendar day (a scheduled happening stays); ``dated``:
    it has a time expression of its own (a statement dated on its own occasion is news); ``state``:
    ``is_state`` of the clause when the caller knows it already."""
    if c is None or not c.trigger:
        return None
    trig = c.trigger.lower().replace("’", "'")
    key = verb_key(trig)
    if any(a <= c.trigger_start < b for a, b in quotes):
        return "quote"
    if _asks(text, ev.sentence_start, ev.sentence_end):
        return "question"  # "Did the earth move for you?": asked, not reported
    if _URL.match(text, c.start):
        return "credit"  # "http://www.nydailynews.com/...": the article's address, not news
    words = _WORD.findall(text, c.start, min(c.end, c.start + 48))  # the opening words suffice
    first = words[0].lower() if words else ""
    if not title and c.end - c.start < 48 and len(words) <= 3 and all(w[:1].isupper() for w in words) \
            and first not in _words("routine"):
        return "credit"  # "Reuters", "AFP/Getty Images"
    aux = _before(text, c)
    if trig.endswith("n't") or set(aux[-3:]) & _words("negation") or any(w.endswith("n't") for w in aux[-3:]):
        return "negation"
    if not scheduled and (c.tense == "future" or trig in _words("modal") or set(aux[-3:]) & _words("modal")):
        return "modal"
    if key in _keys("cognition"):
        return "cognition"
    clause = text[c.start:c.end].lower()
    for rule, pattern, hints, _example in phrase_rules():
        if any(map(clause.__contains__, hints)) and pattern.search(text, c.start, c.end):
            return rule
    nxt = _WORD.match(text, c.trigger_end + 1)
    if nxt and f"{trig}+{nxt.group().lower()}" in _words("comparison"):
        return "comparison"  # "the reduction of weight compared to aluminium": a preposition, no act
    if aux and aux[-1] in _words("reduced"):
        return "reduced"  # "... drops calls when held in a certain way": a circumstance, no subject
    if c.opener == "resume" and c.trigger_start == _first_word_start(text, c) and nxt_word(text, c) in _BY_TO \
            and is_past_form(trig) and not dated:
        return "description"  # "The A330, flown by American airmen, ...", "..., designed to reduce costs"
    lead = words[1].lower() if first in _CONNECTIVES and len(words) > 1 else first
    if c.opener in _words("participle") or lead in _words("participle"):
        return "participle"  # "..., citing major flaws", "Having reported record profits"
    if first in _words("state") and (first == trig or not is_verb(trig)):
        return "state"  # "Located near the border.", "Based in San Jose - Cisco."
    if trig in _BE or (is_state(text, c) if state is None else state):
        return "state"
    if aux and set(aux[-2:]) & _BE and trig in _words("stative"):
        return "stative"  # "was already involved in iPhone development", "is based in Toulouse"
    if aux and set(aux[-2:]) & _BE and trig.endswith("ing"):
        return "ongoing"  # "is pursuing an expansion plan", "had been fighting"
    # An inverted attribution ("..., said Bunny Yeager, whose photographs appeared in the
    # 1950s") is routine even with a date: the date belongs to what describes the speaker.
    if key in _keys("routine") and trig in _words("routine") and (not dated or first == trig):
        rest = text[c.trigger_end:c.end]
        if (first == trig or c.opener == "reporting" or not _WORD.search(rest) or _QUOTE_OPEN.match(rest)
                or _QUOTE_CLOSE.search(text, c.start, c.trigger_start)):
            return "routine"  # "Said Angers.", "The company said", 'X said, "..."'
    if title:
        return None
    if (c.opener in _words("relative") or _subject_relative(text, c, ev.sentence_start)) \
            and not dated and not set(aux) & _words("relative_except"):
        # "the insider, who asked to remain anonymous": a detail of a participant, unless it
        # tells what happened next ("the MD-95, which later became the Boeing 717")
        return "relative"
    if c.tense == "present" and not scheduled:
        return "present"  # "They replace existing aircraft", "Boeing claims ..."
    if not is_verb(trig) and not trig.endswith(("ing", "ed")) and not _light(c):
        return "fragment"  # no finite verb: "Some had difficulty", "Other retailers, including"
    return None


def _subject_relative(text: str, c: Clause, sentence_start: int) -> bool:
    """ "movies that featured stripping": the clause's verb is that of a relative "that" right
    after a noun (not "said that", "so that"), with no subject of its own after it: the clause
    describes the noun; it reports no happening of its own."""
    words = _WORD.findall(text, max(0, c.start - 24, sentence_start), c.trigger_start)
    _, aux, skip = _tables()
    if any(w.lower() in aux for w in _WORD.findall(text, c.trigger_end, c.end)):
        return False  # "ISPs that had been knocked off-line had found other routes": the
        # sentence's own verb follows (the relative was inside its subject)
    k = len(words) - 1
    while k >= 0 and (words[k].lower() in aux or words[k].lower() in skip) and words[k].lower() != "that":
        k -= 1  # the auxiliaries before the verb
    if k < 1 or words[k] != "that":  # (a capital "That" opens a sentence: a demonstrative)
        return False
    before = words[k - 1]
    if not before[:1].islower() or is_verb(before.lower()) or before.lower() in _NOT_A_NOUN:
        return False  # "said that", "so that", "none of that swayed jurors"
    # a fragment: no verb of its own before the noun, none after the relative's verb ("In a
    # fight that was one-sided, Klitschko retained his titles" reports the retaining)
    inside = _WORD.findall(text, c.start, c.trigger_start)[:-1]
    after = _WORD.findall(text, c.trigger_end, c.end)
    return not any(_finite(w) for w in inside) and not any(_finite(w) and not w.endswith("ing") for w in after)


def _finite(word: str) -> bool:
    """A verb form ("retained", "takes", "it's"), lower case (a capital opens a name)."""
    low = word.lower().replace("’", "'")
    if low.endswith("'s") and low[:-2] in ("it", "that", "he", "she", "there", "what"):
        return True
    return word[:1].islower() and low != "that" and (
        is_verb(low) or low.endswith("s") and len(low) > 3 and is_verb(low[:-1]))


#: Words before a "that" that is no relative pronoun after a noun.
_NOT_A_NOUN = frozenset(
    "so such now given except and but or of in on at to for with by from about like all none if "
    "whether because than as before after since until when while what".split())


def _light(c: Clause) -> bool:
    """The trigger is the object noun of a light verb ("caused a sharp decrease"), not a fragment."""
    from eventdb.extract.kinds import kind_of

    return kind_of(c.trigger.lower()) is not None and not c.trigger[:1].isupper()


def mark(text: str, out: Extraction, clauses: list[Clause | None], title_end: int,
         states: dict[int, bool] | None = None) -> None:
    """Set ``Event.background`` on the events of ``out`` (``clauses[i]``: the clause of event i,
    None for events that are not clauses); ``title_end``: end of the title line (0: none);
    ``states``: event index -> ``is_state`` of its clause, where already computed."""
    quotes = quote_spans(text)
    states = states or {}
    reasons: list[str | None] = []
    for i, (ev, c) in enumerate(zip(out.events, clauses)):
        scheduled = dated = False
        if ev.time.how == "explicit" and ev.time.target.startswith("timex:"):
            t = out.timexes[int(ev.time.target.split(":")[1])]
            dated = c is not None and c.start <= t.start < c.end and not any(a <= t.start < b for a, b in quotes)
            scheduled = dated and t.resolved is not None and t.resolved.precision == "day"
        why = classify(text, ev, c, ev.sentence_start < title_end, quotes, scheduled, dated, states.get(i))
        if why is None and c is not None and i and reasons[-1] in _NOTHING_HAPPENED \
                and (before := clauses[i - 1]) is not None and not text[before.end:c.start].strip(" ,") \
                and result_of_before(text, c):
            # "Airbus sold more planes than Boeing, sparking questions ...": what a comparison,
            # a negation or a hypothesis "led to" did not happen either
            why = reasons[-1]
        reasons.append(why)
        ev.background = why is not None


#: Background reasons that say nothing happened (a quote, a state or an attribution may still
#: report what its clause led to: "Bomb explodes at a bank, killing a police officer").
_NOTHING_HAPPENED = frozenset({"comparative", "comparison", "negation", "modal", "cognition", "question",
                               "habitual", "evidential", "record"})


def result_of_before(text: str, c: Clause) -> bool:
    """An -ing clause after a comma that opens with its verb: what the clause before led to
    ("..., sparking questions", "..., killing 228 people")."""
    first = _WORD.search(text, c.start, c.end)
    return bool(c.trigger) and c.trigger.lower().endswith("ing") and first is not None \
        and first.start() == c.trigger_start and c.opener not in ("that", "") \
        and text[:c.start].rstrip().endswith(",")
