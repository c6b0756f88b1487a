"""Clauses and triggers: cut a sentence into clause-sized event candidates.

A sentence is cut into contiguous pieces (every character of it belongs to one clause, so no word
that names an event is lost between two events) at:

- ``;`` and ``:`` (not inside numbers such as 18:00);
- a comma before a clause opener ("..., adding that", "..., which", "..., and said");
- a clause opener without comma when a verb follows ("and said", "after it was reported");
- "that" after a reporting verb ("told the BBC that Syrian jets bombed ...");
- a comma (or closing quote) before a trailing reporting clause ("..., the military said").

A piece without a verb joins its neighbour. The trigger of a clause is its first main verb
(after auxiliaries), or, for a verbless headline, its first content word. A participle that
only describes a noun is not that verb ("the recently announced iPhone", "the iPhone developed
by Cisco is ...", "four armed robbers", "the only jet built in California"), nor is a verb of a
relative inside the subject ("those who had purchased a case will receive ..."); after a light
verb the object noun that names the happening is the trigger ("caused a sharp decrease").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from eventdb.extract.kinds import kind_of, verb_key
from eventdb.extract.lexicon import _lines, lexicon

_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[bool, bool]], set[str], set[str]]:
    openers = {}
    for ln in _lines("clause_openers.tsv"):
        cols = (ln.split("\t") + ["", ""])[:3]
        openers[cols[0]] = (cols[1] == "verb", cols[2] == "bare")
    return openers, set(_lines("aux.txt")), set(_lines("adverbs_skip.txt"))


#: Subordinators that open a sentence with a clause of their own ("When ..., Boeing challenged").
_FRONTED = {"when", "after", "before", "as", "while", "although", "though", "if", "because", "since", "once",
            "until", "whereas"}
FUTURE = {"will", "would", "'ll", "shall"}
STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "by", "from",
        "that", "this", "these", "those", "it", "its", "he", "she", "they", "his", "her", "their", "as",
        "which", "who", "whom", "whose", "there", "here", "not", "no", "also", "more", "most", "than",
        "new", "after", "before", "while", "when", "over", "into", "about", "up", "out", "all"}


@dataclass(slots=True)
class Clause:
    start: int
    end: int
    trigger: str = ""
    trigger_start: int = -1
    trigger_end: int = -1
    tense: str = "past"  # past, present, future
    reporting: bool = False
    passive: bool = False
    opener: str = ""  # the word that opened it ("that", "and", "adding", ...), "" for the first


@lru_cache(maxsize=65536)  # asked of most words, several times; the lexicon does not change
def is_verb(word: str) -> bool:
    """A past form or a listed verb form; ``word`` is lower case."""
    lex = lexicon()
    if word in lex.not_verbs:
        return False
    if word in lex.verbs or word in lex.reporting:
        return True
    return len(word) > 4 and word.endswith("ed") and word.isalpha()


_SUBJECT_ADVERBS = {"he", "she", "it", "also", "already", "now", "still", "currently", "reportedly", "often",
                    "always", "never", "which", "who", "that"}


#: Capitalised words before an -s word that are not its subject ("For consumers", "In cases").
_NOT_A_SUBJECT = {"the", "a", "an", "in", "on", "for", "with", "of", "to", "at", "by", "from", "among", "after",
                  "before", "during", "despite", "unlike", "like"}


def _present_3sg(word: str, prev: str) -> bool:
    """ "Aer Lingus already operates", "Boeing plans": an -s verb right after a name, a pronoun
    or a subject adverb."""
    if not (word[:1].islower() and word.endswith("s") and len(word) > 3 and word.isalpha()):
        return False
    if word.endswith(("ss", "us", "is", "ics", "ness")) or word in STOP:
        return False
    return prev.lower() in _SUBJECT_ADVERBS or (prev[:1].isupper() and prev.lower() not in _NOT_A_SUBJECT)


def is_past_form(word: str) -> bool:
    """A past or past-participle form ("bombed", "told", "said"); "says", "claims" are not."""
    lex = lexicon()
    return word in lex.verbs or word == "said" or (word.endswith("ed") and word not in lex.not_verbs)


def _words(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    return [(*m.span(), m.group()) for m in _WORD.finditer(text, a, b)]


def _word_at(words: list[tuple[int, int, str]], start: int) -> int | None:
    """Index of the word starting at ``start`` (words are in text order), or None."""
    k = bisect_left(words, start, key=_START)
    return k if k < len(words) and words[k][0] == start else None


def _START(w: tuple[int, int, str]) -> int:
    return w[0]


def _tense(aux: list[str], participle: bool) -> str:
    """Tense of a verb group from its auxiliaries: "will be" future, "has been"/"was" past,
    "can be"/"is" present."""
    a = set(aux)
    if a & FUTURE:
        return "future"
    if a & {"had", "was", "were", "did", "been"} or (a & {"has", "have"} and participle):
        return "past"
    return "present"


def find_trigger(text: str, a: int, b: int, words: list[tuple[int, int, str]] | None = None,
                 nested: bool = False) -> Clause:
    """The clause ``text[a:b]`` with its trigger, tense and voice filled in (``words``: its words,
    when the caller has them already)."""
    lex = lexicon()
    _, aux, skip = _tables()
    if words is None:
        words = _words(text, a, b)
    c = Clause(a, b)
    pending_aux: list[str] = []
    fallback: tuple[str, int, int] | None = None
    skip_to = 0
    present: tuple[str, int, int] | None = None
    for i, (s, e, w) in enumerate(words):
        low = w.lower().replace("’", "'")
        if low in aux and w[:1].islower() or (low in aux and i == 0):
            pending_aux.append(low)
            continue
        if pending_aux and low in skip:
            continue
        verbish = is_verb(low) and w[:1].islower()
        if i < skip_to or (verbish and not pending_aux and _adjectival(words, i)):
            continue  # "the recently announced iPhone", "the iPhone developed by Cisco is ..."
        if verbish and not pending_aux and (j := _reduced_relative(text, words, i)):
            skip_to = j
            continue
        if verbish and not pending_aux and present is not None and _modifies_noun(words, i):
            c.trigger, c.trigger_start, c.trigger_end = present
            c.tense = "present"
            break  # "the program's demise leaves the C-17 as the only jet built in California"
        if pending_aux and (verbish or low.endswith("ing") or (w[:1].islower() and low not in STOP)):
            c.trigger, c.trigger_start, c.trigger_end = w, s, e
            c.tense = _tense(pending_aux, verbish or (low.endswith("ed") and w[:1].islower()))
            c.passive = bool({"was", "were", "been", "be", "being", "is", "are"} & set(pending_aux)) and verbish
            break
        if verbish:
            c.trigger, c.trigger_start, c.trigger_end = w, s, e
            c.tense = "past" if is_past_form(low) else "present"
            break
        if i == 0 and w[:1].islower() and low.endswith("ing") and len(low) > 5:
            c.trigger, c.trigger_start, c.trigger_end, c.tense = w, s, e, "past"
            break
        if pending_aux:
            # copula: "is the biggest contract", "was a factor"
            s0 = words[i - 1]
            c.trigger, c.trigger_start, c.trigger_end = s0[2], s0[0], s0[1]
            c.tense = _tense(pending_aux, False)
            break
        if low in lex.reporting and w[:1].islower():
            c.trigger, c.trigger_start, c.trigger_end, c.tense = w, s, e, "present"
            break
        nxt = words[i + 1][2].lower() if i + 1 < len(words) else ""
        if present is None and i > 0 and _present_before_object(text, words, i):
            present = (w, s, e)  # used only when a participle that describes a noun follows
        if (fallback is None and i > 0 and _present_3sg(w, words[i - 1][2]) and nxt not in aux
                and not is_verb(nxt) and words[i - 1][2] not in lex.demonyms):
            fallback = (w, s, e)  # "Aer Lingus operates": unless a clearer verb follows ("Stock markets fell")
    if c.trigger and not nested:
        _past_relative(text, c, words)
    if c.trigger:
        _light_object(text, c, words)
    if not c.trigger and fallback is not None:
        c.trigger, c.trigger_start, c.trigger_end = fallback
        c.tense = "present"
    if not c.trigger and pending_aux:
        s0 = words[-1]
        c.trigger, c.trigger_start, c.trigger_end = s0[2], s0[0], s0[1]
        c.tense = "future" if FUTURE & set(pending_aux) else "present"
    c.reporting = c.trigger.lower() in lex.reporting
    return c


#: Not "this", "her": also pronouns ("This became the reason", "told her").
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "our"}
#: Prepositions after a past participle that modifies the noun before it ("developed by", "formed to").
_AFTER_PARTICIPLE = {"by", "to", "in", "on", "at", "for", "with", "from", "during", "since", "under", "as",
                     "into", "over", "after", "before", "near", "through"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you"}
#: Words that open a clause of their own: a finite verb after them is not the noun phrase's.
_CLAUSE_WORDS = {"that", "which", "who", "whom", "whose", "where", "when", "and", "but", "or", "while",
                 "because", "if", "although", "though", "since", "until", "after", "before"}
_FINITE = {"is", "are", "was", "were", "has", "have", "had"}
#: Participles that only name or place what they follow ("the issue, dubbed 'Antennagate', was").
_NAMING = {"dubbed", "called", "named", "nicknamed", "known", "labelled", "labeled", "based", "located",
           "headquartered"}


_NUMBER_NAME = re.compile(r"\s+[0-9][\w-]*\s+")


def _present_before_object(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    """ "the program's demise leaves the C-17": an -s word after a noun and before a determiner
    is a verb in the present (a plural noun is not followed by "the")."""
    w, prev = words[i][2], words[i - 1][2]
    if not w.endswith("s"):
        return False  # (most words: the test below fails on its first conditions)
    nxt = words[i + 1][2].lower() if i + 1 < len(words) else ""
    if prev in ("The", "the") and _NUMBER_NAME.fullmatch(text[words[i - 1][1]:words[i][0]]):
        prev = "model"  # "The 787 illustrates the strategies": a model number names the subject
    return (w.isalpha() and w[:1].islower() and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics", "ness"))
            and len(w) > 3
            and prev[:1].islower() and prev.lower() not in STOP and prev.lower() not in _tables()[1]
            and nxt in ("the", "a", "an", "its", "their", "his"))


def _modifies_noun(words: list[tuple[int, int, str]], i: int) -> bool:
    """A past participle right after a noun and before a preposition ("aircraft built in
    California"): it describes the noun."""
    prev = words[i - 1][2].lower() if i else ""
    nxt = words[i + 1][2].lower() if i + 1 < len(words) else ""
    return (is_past_form(words[i][2].lower()) and bool(prev) and prev not in STOP and prev not in _PRONOUNS
            and nxt in _AFTER_PARTICIPLE)


def _after_name(words: list[tuple[int, int, str]], i: int) -> bool:
    """ "he bought Pixar which was acquired by Disney in 2005": "which" right after a name and
    before an auxiliary opens a clause of its own even without a comma (a name needs no
    restrictive relative)."""
    if words[i][2] != "which" or i + 1 >= len(words):
        return False
    prev, nxt = words[i - 1][2], words[i + 1][2].lower()
    return prev[:1].isupper() and nxt in _FINITE


def _adverbial(words: list[tuple[int, int, str]], i: int) -> bool:
    """ "and soon after reassumed the role": a subordinator straight before a past verb has no
    clause of its own (it needs a subject: "after he returned")."""
    nxt = words[i + 1][2] if i + 1 < len(words) else ""
    low = nxt.lower()
    return nxt[:1].islower() and is_past_form(low) and low not in _tables()[1] and not low.endswith("ing")


_COUNTS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
           "thousands", "several", "many", "few", "some", "other"}
_FRONT_PREPOSITIONS = {"for", "with", "among", "despite", "unlike", "like", "of", "to", "during", "at", "in", "on", "after",
                       "before", "following"}


def _adjectival(words: list[tuple[int, int, str]], i: int) -> bool:
    """A past participle right after a determiner (an adverb may stand between) modifies a noun:
    "the recently announced iPhone 4 began", "its planned merger" -- not the clause's verb; nor
    does one after a noun in a phrase that opens with a preposition ("For consumers still
    dissatisfied with the phone, ...")."""
    k = i - 1
    if k >= 0 and (words[k][2].lower().endswith("ly") or words[k][2].lower() in _tables()[2]):
        k -= 1
    if k < 0 or not is_past_form(words[i][2].lower()):
        return False
    if words[k][2].lower() in _DETERMINERS:
        return True
    nxt0 = words[i + 1][2] if i + 1 < len(words) else ""
    if words[k][2].lower() in _COUNTS and nxt0[:1].islower() and nxt0.lower() not in STOP and not is_verb(nxt0.lower()):
        return True  # "four armed robbers", "several injured people"
    if k == i - 1 and words[k][2].lower() == "to" and words[i][2].lower().endswith("ed"):
        return True  # "lead to dropped calls": an infinitive takes the base form
    nxt = words[i + 1][2].lower() if i + 1 < len(words) else ""
    return (k >= 1 and words[0][2].lower() in _FRONT_PREPOSITIONS and words[k][2][:1].islower()
            and words[k][2].lower() not in STOP and nxt in _AFTER_PARTICIPLE)


def _reduced_relative(text: str, words: list[tuple[int, int, str]], i: int) -> int:
    """Index of the clause's own finite verb group when the past participle ``words[i]`` only
    modifies the noun before it ("The iPhone developed by Cisco is a device", "the team formed
    to look at it had been merged", "the response, dubbed 'Antennagate' by the media, was ..."),
    else 0. The finite "is/was/has/had" must follow before any word that opens a clause."""
    w = words[i][2].lower()
    if i == 0 or not is_past_form(w) or w in lexicon().reporting or w in _FINITE:
        return 0
    prev = words[i - 1][2]
    gap = text[words[i - 1][1]:words[i][0]]
    appositive = "," in gap
    if prev.lower() in _PRONOUNS or prev.lower() in STOP or prev.lower() in _tables()[1] or gap.strip(" ,"):
        return 0
    if i + 1 >= len(words):
        return 0
    nxt = words[i + 1][2]
    if appositive and w not in _NAMING:
        return 0  # "development, begun two years ago, has been pushed back": a happening of its own
    if not appositive and nxt.lower() not in _AFTER_PARTICIPLE:
        return 0
    for k in range(i + 1, min(i + 16, len(words))):
        low = words[k][2].lower()
        if low in _CLAUSE_WORDS or low in _PRONOUNS:
            return 0
        sep = text[words[k - 1][1]:words[k][0]]
        if low in _FINITE and words[k][2][:1].islower():
            return k if ("," in sep) == appositive else 0
        if "," in sep and not appositive:
            return 0
        if (is_verb(low) and words[k][2][:1].islower() and words[k - 1][2].lower() != "to"
                and low not in _FINITE):
            return 0  # another verb first: "formed" was the clause's verb after all
    return 0


def _past_relative(text: str, c: Clause, words: list[tuple[int, int, str]]) -> None:
    """ "those who had already purchased a bumper will receive a refund": the verb right after
    "who"/"which" (no comma: a restrictive relative inside the subject) is not the clause's;
    its own verb group comes later, when there is one."""
    _, aux, skip = _tables()
    k = _word_at(words, c.trigger_start)
    if k is None:
        return
    j = k - 1
    while j >= 0 and (words[j][2].lower() in aux or words[j][2].lower() in skip):
        j -= 1
    if j < 1 or words[j][2] not in ("who", "which") or "," in text[words[j - 1][1]:words[j][0]]:
        return
    later = [w for w in words[k + 1:] if w[0] >= c.trigger_end]
    if not later or any(w[2].lower() in _CLAUSE_WORDS for w in later):
        return
    main = find_trigger(text, later[0][0], c.end, later, nested=True)
    first = next((w[2].lower() for w in later if w[0] == main.trigger_start), "")
    before = [w[2].lower() for w in later if w[0] < main.trigger_start]
    if main.trigger and (is_verb(first) or set(before) & aux) and "," not in text[c.trigger_end:main.trigger_start]:
        c.trigger, c.trigger_start, c.trigger_end = main.trigger, main.trigger_start, main.trigger_end
        c.tense, c.passive = main.tense, main.passive


@lru_cache(maxsize=1)
def light_verbs() -> dict[tuple[str, str], tuple[str, str]]:
    """``resources/light_verbs.tsv``: (verb key, particle or "") -> (example, its trigger)."""
    out = {}
    for ln in _lines("light_verbs.tsv"):
        verb, example, trigger = (ln.split("\t") + ["", ""])[:3]
        lemma, _, particle = verb.partition("+")
        out[(verb_key(lemma), particle)] = (example, trigger)
    return out


@lru_cache(maxsize=1)
def _light_keys() -> frozenset[str]:
    """The verb keys of :func:`light_verbs`."""
    return frozenset(verb for verb, _particle in light_verbs())


_ARTICLES = {"a", "an", "the", "its", "their", "his", "her", "new", "further", "fresh"}


def _light_object(text: str, c: Clause, words: list[tuple[int, int, str]]) -> None:
    """ "caused a sharp decrease", "carried out airstrikes": the happening is the object noun
    (when it has a kind of action), not the light verb."""
    low = c.trigger.lower()
    if not low.isalpha():
        return
    key = verb_key(low)
    if key not in _light_keys():
        return  # (most verbs)
    k = _word_at(words, c.trigger_start)
    if k is None:
        return
    table = light_verbs()
    nxt = words[k + 1][2].lower() if k + 1 < len(words) else ""
    if (key, nxt) in table:
        k += 1
    elif (key, "") not in table:
        return
    for n in range(k + 1, min(k + 5, len(words))):
        s, e, w = words[n]
        if "," in text[words[n - 1][1]:s]:
            return
        if kind_of(w.lower()) is not None and w[:1].islower():
            c.trigger, c.trigger_start, c.trigger_end = w, s, e
            return
        if w.lower() not in _ARTICLES and not w[:1].islower():
            return


def _verb_follows(words: list[tuple[int, int, str]], i: int, within: int = 6) -> bool:
    _, aux, _ = _tables()
    lex = lexicon()
    for _s, _e, w in words[i + 1:i + 1 + within]:
        low = w.lower()
        if low in aux or is_verb(low) or low in lex.reporting:
            return True
    return False


_SEMICOLON = re.compile(r"[;:](?!\d)\s*")


#: Words of a plan or expectation whose to-infinitive is a clause of its own (see split_clauses).
PLAN_WORDS = frozenset({"set", "scheduled", "slated", "expected", "due", "planned", "plans", "plan",
                        "intend", "intends", "intended", "aims", "aimed", "hopes", "hoped", "poised"})
SPLIT_PLANS = True
#: After "due to", a noun tells a cause, not a plan ("due to problems", "due to what ...").
_CAUSE_NOUN = re.compile(r"^(?:what|[a-z]+(?:s|ion|ment|ness|ity|able|ance|ence|ure))$")
#: An -ing word after "to" is no infinitive ("due to worsening relations", "set to winning ways"),
#: except the few verbs spelt with -ing ("expected to bring").
_ING_NOT_INFINITIVE = re.compile(r"^(?!(?:br|st|spr|sw|str|cl|fl|wr|sl|s|r)ing$)[a-z]+ing$")


def split_clauses(text: str, a: int, b: int) -> list[Clause]:
    """Cut the sentence ``text[a:b]`` into clauses (contiguous, covering it)."""
    lex = lexicon()
    openers, _aux, _ = _tables()
    words = _words(text, a, b)
    cuts: dict[int, str] = {}
    for m in _SEMICOLON.finditer(text, a, b):
        if m.end() < b:
            cuts[m.end()] = ";"
    seen_reporting = -10
    reporting = lex.reporting
    for i, (s, e, w) in enumerate(words):
        low = w.lower()
        before = text[words[i - 1][1]:s] if i else ""
        lower = w[:1].islower()
        if lower and low in reporting:
            seen_reporting = i
        if i == 0:
            continue
        comma = "," in before
        op = openers.get(low)
        if op and lower:
            need_verb, bare = op
            if (comma or bare or _after_name(words, i)) and (not need_verb or _verb_follows(words, i, 8 if comma else 6)) \
                    and not (low in _FRONTED and _adverbial(words, i)):
                cuts[s] = low
                continue
        if comma and lower and is_verb(low) and low not in _aux and not low.endswith("ing") \
                and not _reduced_relative(text, words, i):  # not "the issue, dubbed X by the media, was"
            cuts[s] = "resume"  # "The airline, which is ..., signed the agreement"
            continue
        if (SPLIT_PLANS and low == "to" and words[i - 1][2].lower() in PLAN_WORDS and i + 1 < len(words)
                and words[i + 1][2][:1].islower() and words[i + 1][2].lower() not in STOP and not before.strip()
                and not (words[i - 1][2].lower() == "due" and _CAUSE_NOUN.search(words[i + 1][2]))
                and not _ING_NOT_INFINITIVE.match(words[i + 1][2])):
            # "The trial is set | to begin on Wednesday": the plan holds at publication, the
            # planned event at its own time
            cuts[s] = "to"
            continue
        if low == "that" and 0 < i - seen_reporting <= 5 and _verb_follows(words, i, 12):
            cuts[s] = "that"
            continue
        if comma or (before != " " and before.rstrip().endswith(('"', "”"))):  # (most gaps: one space)
            # trailing reporting clause: ", the Iraqi military said", '" he said'
            for j in range(i, min(i + 6, len(words))):
                wj = words[j][2]
                if wj.lower() in lex.reporting and wj[:1].islower():
                    if all(text[words[k][1]:words[k + 1][0]].strip() in ("", "-") for k in range(i, j)):
                        cuts[s] = "reporting"
                    break
    if words and words[0][2].lower() in _FRONTED:
        # "When the Air Force selected Northrop Grumman, Boeing challenged the award": the fronted
        # subordinate clause ends at the first comma a subject and its verb follow
        for i in range(2, len(words)):
            s_i = words[i][0]
            if any(a < c <= s_i for c in cuts):
                break
            if "," in text[words[i - 1][1]:s_i] and words[i][2].lower() not in openers \
                    and _verb_follows(words, i, 5):
                cuts[s_i] = "main"
                break
    starts = [a] + sorted(c for c in cuts if a < c < b)
    pieces = [(starts[k], starts[k + 1] if k + 1 < len(starts) else b) for k in range(len(starts))]
    clauses: list[Clause] = []
    word_starts = [w[0] for w in words]
    for k, (s, e) in enumerate(pieces):
        # A piece starts at a word or after "; ": its words are the sentence's words inside it.
        c = find_trigger(text, s, e, words[bisect_left(word_starts, s):bisect_left(word_starts, e)])
        c.opener = cuts.get(s, "")
        if c.opener == "to":  # "to begin on Wednesday": the infinitive is the trigger, still to come
            ws = _words(text, s, e)
            c.trigger, c.trigger_start, c.trigger_end = ws[1][2], ws[1][0], ws[1][1]
            c.tense = "future"
        if not c.trigger and clauses:
            clauses[-1].end = e  # verbless piece joins the clause before it
            continue
        clauses.append(c)
    # a verbless first piece joins the clause after it
    while len(clauses) > 1 and not clauses[0].trigger:
        nxt = clauses[1]
        nxt.start = clauses[0].start
        clauses.pop(0)
    if clauses and not clauses[0].trigger:
        c = clauses[0]
        for s, e, w in _words(text, c.start, c.end):
            if w.lower() not in STOP and w[:1].islower():
                c.trigger, c.trigger_start, c.trigger_end = w, s, e
                break
        else:
            ws = _words(text, c.start, c.end)
            if ws:
                c.trigger, c.trigger_start, c.trigger_end = ws[-1][2], ws[-1][0], ws[-1][1]
        c.tense = "present"
    return clauses


_LEADING_CONNECTIVE = re.compile(
    r"^(?:and|but|while|whereas|so(?!\s+(?:far|much|many|long)\b)|(?-i:that)|after|before|when"
    r"|as(?!\s+(?:of|well|long|soon|much|many|far)\b)|because|where)\s+(?=\S)", re.I)
#: "So far" and "as of" are not connectives: "So far, Boeing has received five orders" keeps
#: its "So" (stripped, it read "Far, Boeing ..."); a capital "That" opens its sentence as a
#: determiner ("That lawsuit was settled in 1991" read "Lawsuit was settled ...").
#: Not stripped: words whose loss changes what the headline says ("until recently, had been
#: fighting" is the opposite of "had been fighting"; "although", "though", "since", "unless").


def headline(text: str, a: int, b: int, limit: int = 110, subject: str = "", more: str = "",
             keep_that: bool = False) -> str:
    """The clause as a one-line headline: outer punctuation and a leading connective trimmed,
    cut at a word boundary when long. A bare verb ("and said", "adding") reads badly alone:
    ``subject`` (its left-out subject) and ``more`` (the clause it introduces) complete it;
    ``keep_that`` keeps the "that" opening ``more`` ("told the BBC that jets bombed ...")."""
    s = " ".join(text[a:b].split())
    if subject or more:
        s = re.sub(r"^[\s,;:]*(and|but)\s+", "", s.strip(), flags=re.I)
        more = " ".join(more.split()).lstrip(" ,;:")
        if not keep_that:
            more = re.sub(r"^that\s+", "", more, flags=re.I)
        s = " ".join(x for x in (subject, s.strip(" ,;:"), more) if x)
    s = s.strip(" ,;:-–—\"“”'").rstrip(" (")  # (a bracket the next clause opens: "... more (")
    # the event itself, without the word that tied it to its sentence ("after it was reported")
    for _ in range(2):  # "that as the US has been delaying ..."
        s = _LEADING_CONNECTIVE.sub("", s)
    if len(s) > limit:
        cut = s[:limit].rsplit(" ", 1)[0].rstrip(",;:")
        s = cut + "…"
    return capitalised(s)


def capitalised(s: str) -> str:
    """``s`` with a capital first letter, unless its first word is written so ("iPhone", "eBay")."""
    return s if s[1:2].isupper() else s[:1].upper() + s[1:]


_BE = {"is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re"}
_HAVE = {"has", "have", "had"}
_TO_VERB = re.compile(r"\bto\s+(?:be\s+)?[a-z]")
_OBJECT = re.compile(r"\s+(?:a|an|the|no|its|their|his|her|our|some|more|about|[0-9$£€])", re.I)


def _aux_end(text: str, c: Clause) -> int:
    """End of the last word before the trigger (the auxiliary group's last word)."""
    words = _words(text, c.start, c.trigger_start)
    return words[-1][1] if words else c.start


def is_state(text: str, c: Clause) -> bool:
    """A clause that only describes how things are: its verb is a copula with an adjective or
    noun after it ("Ryanair is the world's most profitable airline", "will be available on June
    24") or "have" of possession ("Ryanair has 91 aircraft", "will have a range of ..."), and no
    other verb follows in the clause ("will be the first jet to be manufactured ..." is not)."""
    if not c.trigger:
        return False
    trig = c.trigger.lower().replace("’", "'")
    _, aux, skip = _tables()
    if trig in _BE or trig in _HAVE:
        pass
    else:
        if is_verb(trig) or trig.endswith(("ing", "ed")):
            return False
        before = [w.lower() for _s, _e, w in _words(text, c.start, c.trigger_start)]
        group = []
        for w in reversed(before):
            if w in aux or w in skip:
                group.append(w)
            else:
                break
        if not set(group) & _BE:
            # "has 91 aircraft", "will have a range of ...": "have" of possession before an
            # object that opens with a determiner or a number (not "has shown", "has hit")
            if not (group and group[0] in _HAVE and _OBJECT.match(text, _aux_end(text, c))):
                return False
    rest = text[c.trigger_end:c.end]
    reporting = lexicon().reporting
    for _s, _e, w in _words(text, c.trigger_end, c.end):
        low = w.lower()
        if w[:1].islower() and low not in _BE and low not in _HAVE and (is_verb(low) or low in reporting):
            return False
    return not _TO_VERB.search(rest)
