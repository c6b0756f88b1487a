"""Pronouns and nominal references: "he", "its", "the company", "the 33-year-old actress", "a man".

Found here per sentence, as references (``RawMention.ref`` says the kind of antecedent wanted:
resources/pronouns.tsv, resources/nominals.tsv); ``coref.Joiner`` finds what they refer to.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventdb.extract.arguments import bare_plurals, titles_alone
from eventdb.extract.descriptors import descriptors, subject_end
from eventdb.extract.lexicon import lexicon
from eventdb.extract.mentions import RawMention, Tok, _is_cap

_EXPLETIVE = {"expected", "believed", "understood", "likely", "unlikely", "possible", "impossible", "clear",
              "unclear", "thought", "reported", "said", "known", "hoped", "feared", "not", "too", "important",
              "time", "hard", "easy", "difficult", "necessary", "true", "estimated", "rumoured", "rumored",
              "planned", "unknown", "also", "now", "still"}


def references(text: str, toks: list[Tok]) -> list[RawMention]:
    """Pronouns ("he", "its") and nominals ("the company", "a man") of a sentence's tokens,
    as references whose antecedent ``coref`` finds."""
    lex = lexicon()
    pronouns = lex.pronouns
    bare = _bare_groups()
    out: list[RawMention] = []
    for i, t in enumerate(toks):
        low = t.text.lower()
        want = pronouns.get(low)
        if t.text == "that" and _relative_that(text, toks, i):
            want = "relative"  # "an Indian warship that was on escort duty"
        if want and not (t.text.isupper() and len(t.text) > 1):  # "US" is not "us"
            nxt = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
            nxt2 = toks[i + 2].text.lower() if i + 2 < len(toks) else ""
            if low == "it" and (nxt in ("seems", "appears") or (nxt in ("is", "was", "'s", "remains")
                                                                 and (nxt2 in _EXPLETIVE or nxt2.endswith("ed")
                                                                      and nxt2 in lex.reporting))):
                # "it is expected that ...", "it is unclear whether ...", "it was announced
                # that ...": not a participant
                continue
            out.append(RawMention(t.start, t.end, t.text, "", "other", ref=want))
            continue
        if low in bare and (t.text.islower() or i == 0 and t.text[1:].islower() and _written_lower(text, low)) \
                and (i == 0 or toks[i - 1].text.lower() not in _DETERMINERS):
            # "police said ...": the group the article tells about (joins "the police"); so is
            # "Police said ..." in an article that also writes "police" (the entity finder then
            # drops the capitalised word as a common word)
            out.append(RawMention(t.start, t.end, t.text, low, "other", ref="nominal:generic"))
            continue
        if (a := _headline_person(text, toks, i)) >= 0:
            # "Woman Killed In Queens", "Man charged with arson": a person's noun opening a
            # headline (or its clause) is the person the article goes on to tell about
            a = toks[a].start
            out.append(RawMention(a, t.end, text[a:t.end], low, "other", ref="nominal:person", indefinite=True))
            continue
        if low == "both" and (m := _counted_group(text, toks, i)) is not None:
            out.append(m)  # "Both women died": the two the article counted
            continue
        if _counted(toks, i):
            # "bought 12 new planes", "with two tankers": a number is an indefinite determiner;
            # "23 pirates", "four armed robbers": a group the article may name again ("the pirates")
            m = _nominal(text, toks, i) or _counted_group(text, toks, i)
            if m is not None:
                m.indefinite = True
                out.append(m)
                continue
        if t.text == "'s" and 0 < i and i + 1 < len(toks) and _is_cap(toks[i - 1].text):
            m = _possessed(text, toks, i)
            if m is not None:
                out.append(m)
                continue
        if low in _DETERMINERS and i + 1 < len(toks):
            m = _appositive(text, toks, i) or _named_person(text, toks, i) or _nominal(text, toks, i) \
                or _generic(text, toks, i)
            if m is not None:
                if not m.apposed:
                    m.subject_end = subject_end(text, toks, i)
                m.beside = m.apposed or m.subject_end >= 0
                out.append(m)
    taken = [(r.start, r.end) for r in out]
    out.extend(d for d in descriptors(text, toks) if not any(a < d.end and d.start < b for a, b in taken))
    out.extend(bare_plurals(text, toks, [(r.start, r.end) for r in out]))  # "airlines demand ..."
    out.extend(titles_alone(text, toks, [(r.start, r.end) for r in out]))  # "the Prime Minister said"
    return out

#: Counts that stand where "a" would ("12 new planes", "two tankers").
_COUNT = re.compile(r"\d{1,3}(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
                    r"|twenty|thirty|forty|fifty|hundreds|thousands|dozens|several", re.I)
_OWNERS = {"his", "her", "its", "their", "our", "my", "your"}


def _counted(toks: list[Tok], i: int) -> bool:
    """A count opening a noun phrase: not after a determiner, possessive or name ("the two
    planes" is found from "the"; "its 777 airliner", "Boeing 787 jets" are models), nor a
    number right before a product noun ("five new 737 aircraft")."""
    if i + 1 >= len(toks) or not _COUNT.fullmatch(toks[i].text):
        return False
    if toks[i].text[0].isdigit() and toks[i + 1].text.lower() in lexicon().product_nouns:
        return False  # "737 aircraft", "777 planes": a model's number
    prev = toks[i - 1].text if i else ""
    return not (prev.lower() in _DETERMINERS or prev.lower() in _OWNERS or _is_cap(prev) and i > 0)


def _relative_that(text: str, toks: list[Tok], i: int) -> bool:
    """ "a warship that was on escort duty", "the flaw that allows ...": "that" right after a word
    and right before a verb opens a relative clause; it refers to the mention just before it,
    if there is one (``antecedents``: ref "relative"; "said that was wrong" has none)."""
    if i == 0 or i + 1 >= len(toks) or text[toks[i - 1].end:toks[i].start] != " " \
            or text[toks[i].end:toks[i + 1].start] != " ":
        return False
    nxt = toks[i + 1].text
    if not nxt.islower():
        return False
    from eventdb.extract.arguments import _AUX
    from eventdb.extract.clauses import is_verb
    return nxt in _AUX or is_verb(nxt) or nxt.endswith("s") and is_verb(nxt[:-1])  # ("allows")


def _counted_group(text: str, toks: list[Tok], i: int) -> RawMention | None:
    """ "23 pirates", "two women", "four armed robbers": a count, up to two modifiers and a plural
    noun no table lists ("both women": the ones counted before), when the article names the
    group again by the same noun ("the pirates", "both women"), which then joins it
    (``coref.Joiner``, as "a climber" ... "the climber")."""
    for j in range(i + 1, min(i + 4, len(toks))):
        if text[toks[j - 1].end:toks[j].start] != " ":
            return None
        low = toks[j].text
        if not (low.isalpha() and low.islower()) or low in _skip_words():
            return None
        nxt = toks[j + 1].text if j + 1 < len(toks) else ""
        if (_modifier(low) or low.endswith("ed")) and nxt.isalpha() and nxt.islower() and nxt.endswith("s") \
                and text[toks[j].end:toks[j + 1].start] == " ":
            continue  # "four armed robbers"
        if not _boundary(text, toks, j):
            return None
        if not (low.endswith("s") and not low.endswith("ss") or low.endswith("men")) or len(low) < 4 \
                or low.endswith(_EVENT_ENDINGS + ("ings",)) or _event_noun(low) or low in _UNITS:
            return None  # "two years", "three shootings"
        head = low
        end = toks[j].end
        if toks[i].text.lower() != "both" and not _named_again(head).search(text, end):
            return None  # met once: a bare plural's (``arguments``), if any ("four armed robbers stole")
        return RawMention(toks[i].start, end, text[toks[i].start:end], head, "other", ref="nominal:generic",
                          indefinite=toks[i].text.lower() != "both")
    return None


@lru_cache(maxsize=1024)
def _named_again(head: str) -> re.Pattern[str]:
    """The group of ``head`` named again: "the pirates", "both women", "those two guards"."""
    return re.compile(r"\b(?:[Tt]he|[Bb]oth|[Tt]hese|[Tt]hose)\s+(?:[a-z-]+\s+)?" + re.escape(head) + r"\b")


#: Plural nouns of measures and times after a count: no group of participants.
_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes", "seconds", "times", "decades",
                    "miles", "kilometres", "kilometers", "metres", "meters", "feet", "yards", "points",
                    "percent", "dollars", "euros", "pounds", "cents", "games", "seasons", "rounds", "runs",
                    "goals", "shots", "nights", "mornings", "weekends", "centuries", "tons", "tonnes",
                    "counts", "charges", "votes", "seats", "units", "shares", "copies", "items", "others"})


def _written_lower(text: str, low: str) -> bool:
    """Whether ``text`` writes the word ``low`` in lower case somewhere."""
    return re.search(r"\b" + re.escape(low) + r"\b", text) is not None


def _possessed(text: str, toks: list[Tok], i: int) -> RawMention | None:
    """ "Apple's newest phone", "Boeing's newest commercial aircraft": a product's noun after a
    maker's possessive (``toks[i]`` is the "'s") refers to a product like "the phone" does; its
    mention is the whole phrase, the maker's name keeping its own. Only a product's noun: a
    company's rival or parent is another company, which the possessive alone does not tell."""
    m = _nominal(text, toks, i)
    if m is None or m.ref != "nominal:product" or _written_lower(text, toks[i - 1].text.lower()):
        return None  # (not "the world's largest airliner": a common word's possessive)
    a = i - 1
    while a > 0 and _is_cap(toks[a - 1].text) and text[toks[a - 1].end:toks[a].start] == " ":
        a -= 1  # "Apple Computer's"
    m.start, m.text = toks[a].start, text[toks[a].start:m.end]
    m.beside = m.possessed = True  # no event's argument (its span holds the maker)
    return m


def _nominal(text: str, toks: list[Tok], i: int) -> RawMention | None:
    """ "the company", "the new aircraft", "the news channel": a nominal reference, up to
    two modifiers between the determiner and the head."""
    lex = lexicon()
    _skip_words()  # (fills _SKIP for _boundary)
    for skip in range(0, 3):
        j = i + 1 + skip
        if j >= len(toks):
            return None
        if not toks[j].text.islower() and toks[j].text not in lex.demonyms and not _name_modifier(text, toks, i, j) \
                and not _shouted_person(toks[j].text) and not _country(toks[j].text):
            return None  # (the words before it were checked on earlier rounds)
        word = toks[j].text.lower()
        if word.endswith("-year-old") and _AGED.fullmatch(word) and _boundary(text, toks, j):
            # "the 37-year-old will serve time": the age stands for the person
            end = toks[j].end
            return RawMention(toks[i].start, end, text[toks[i].start:end], word, "other", ref="nominal:person",
                              indefinite=toks[i].text.lower() in _INDEFINITE)
        for n in (2, 1):
            if j + n - 1 >= len(toks):
                continue
            head = word + " " + toks[j + 1].text.lower() if n == 2 else word
            k = lex.nominals.get(head)
            if not k:
                continue
            mods = [toks[x].text.lower() for x in range(i + 1, j) if not _country(toks[x].text)]
            if n == 1 and _noun_follows(text, toks, j):
                continue  # "the first official confirmation", "that Syrian fighter jets": no head
            loose = any(not (_modifier(w) or _PARTICIPLE.fullmatch(w)) for w in mods)
            if loose and not all(_modifier(w) or _PARTICIPLE.fullmatch(w) or _plain_word(w) for w in mods):
                continue
            if k != "person" and any(not toks[x].text.islower() and not (k == "organisation" and _country(toks[x].text)
                                                                       and head not in _state_heads())
                                     for x in range(i + 1, j)):
                continue  # "the Iraqi leader", "the Ukrainian champion"; not "Syrian fighter jets"
                # (but "the US company", "the French carmaker": a company of that country)
            end = toks[j + n - 1].end
            nxt = toks[j + n].text if j + n < len(toks) else ""
            if _is_cap(nxt) and nxt not in lex.stopcaps and text[end:toks[j + n].start] == " ":
                return None  # "the company Pixar": the name follows (``descriptors``)
            return RawMention(toks[i].start, end, text[toks[i].start:end], head, "other",
                              ref="nominal:" + k, sort=lex.product_nouns.get(head.split()[-1], ""),
                              indefinite=toks[i].text.lower() in _INDEFINITE, loose=loose)
    return None


#: What may stand between the words of a described person's phrase: a space, quotes.
_PERSON_GAP = re.compile(r"\s*[\"“”‘’']?\s*")


def _named_person(text: str, toks: list[Tok], i: int) -> RawMention | None:
    """ "A 61-year-old Vancouver man", "the "American Pie" actress", "The Mean Girls star", "a
    32-year-old British climber": a person's noun (``nominals.tsv``) after a determiner and a run
    of names, titles of works, ages and modifiers (up to five words). ``_nominal`` reads the
    phrases whose modifiers are lower case (and stops at an age before a name). The names keep
    mentions of their own (a scorer aligning by overlap takes the shorter of two spans that
    cover a name alike)."""
    if not any(t.text[:1].isupper() or t.text[:1].isdigit() for t in toks[i + 1:i + 5]):
        return None  # (most phrases: no name, title or age to read past)
    lex = lexicon()
    named = False  # a name, a title, or an age before other words: no phrase ``_nominal`` reads
    start = toks[i].start
    for j in range(i + 1, min(i + 7, len(toks))):
        gap = text[toks[j - 1].end:toks[j].start]
        if not _PERSON_GAP.fullmatch(gap) or gap[:1] in "'’" and toks[j - 1].text.endswith("s"):
            return None  # (not "the Saints' leading rusher": a possessive)
        word = toks[j].text
        low = word.lower()
        if word[:1].isupper() or word[:1].isdigit() and not low.endswith("-year-old"):
            if word in lex.stopcaps or word in lex.titles or word == "'s" or not word.replace(".", "").isalnum():
                return None  # "the President", "a The ...": no modifier
            if lex.kind_words.get(word) == "organisation":
                return None  # "an Oregon State Police bomb squad technician": the organisation's
                # name, which the phrase would cover where it is read in part ("Oregon")
            named = named or word not in lex.demonyms
            continue
        if not word.islower():
            return None
        if lex.nominals.get(low) == "person" and not _noun_follows(text, toks, j):
            if not named or j == i + 1:
                return None  # "the actress", "the Iraqi leader": ``_nominal``
            end = toks[j].end
            nxt = toks[j + 1].text if j + 1 < len(toks) else ""
            if _is_cap(nxt) and nxt not in lex.stopcaps and text[end:toks[j + 1].start] == " ":
                return None  # "the Apple spokesman Steve Dowling": the name follows (``descriptors``)
            return RawMention(start, end, text[start:end], low, "other", ref="nominal:person",
                              indefinite=toks[i].text.lower() in _INDEFINITE)
        if low.endswith("-year-old") and j + 1 < len(toks) and toks[j + 1].text.lower() not in lex.nominals:
            named = True  # "a 32-year-old British climber" (not "the 37-year-old actress")
        if not (low.endswith("-year-old") or _modifier(low) or low in _SKIP_MODIFIERS or _plain_word(low)):
            return None
    return None


@lru_cache(maxsize=1)
def _state_heads() -> frozenset[str]:
    """Heads of a state's bodies ("the Egyptian ministry", "the US administration"): the country
    there owns the body, the phrase is no description of a company of that country."""
    from eventdb.extract.coref import _state_bodies
    return frozenset(b.lower() for b in _state_bodies()) | {"agency", "administration"}


def _country(word: str) -> bool:
    """A country's demonym or short name ("French", "US", "UK") modifying a description."""
    lex = lexicon()
    if word in lex.demonyms:
        return True
    kn = lex.known.get(word) or lex.known.get(word + ".")
    return kn is not None and kn.kind == "place" and (word.isupper() or "." in word)


def _headline_person(text: str, toks: list[Tok], i: int) -> int:
    """A person's noun with no determiner, opening the sentence or a clause after a comma, and
    followed by a verb ("Woman Killed In Queens", "Driver Charged"), also after up to three
    capitalised words opening it ("Schenectady man charged", "Texas prisoner captured", "Deep
    Throat suspect found dead"): where the phrase starts (a token index), else -1."""
    w = toks[i].text
    if not (w[:1].isupper() or i > 0 and toks[i - 1].text[:1].isupper()):
        return -1  # (asked of every token: most are neither)
    if not (w[1:].islower() and lexicon().nominals.get(w.lower()) == "person"):
        return -1
    a = i
    if w.islower():  # (a lower-case noun only after the names that open the phrase)
        while a > 0 and i - a < 3 and _is_cap(toks[a - 1].text) and toks[a - 1].text not in lexicon().stopcaps \
                and text[toks[a - 1].end:toks[a].start] == " ":
            a -= 1
        if a == i:
            return -1
    if a > 0 and text[toks[a - 1].end:toks[a].start].strip() not in (",", ":"):
        return -1
    if i + 1 >= len(toks) or text[toks[i].end:toks[i + 1].start] != " ":
        return -1
    from eventdb.extract.clauses import is_verb
    nxt = toks[i + 1].text
    return a if (nxt.islower() or nxt[:1].isupper() and nxt[1:].islower()) and is_verb(nxt.lower()) else -1


def _shouted_person(word: str) -> bool:
    """ "A MAN has been charged": a person's noun in capitals reads as the noun."""
    return len(word) > 2 and word.isupper() and word.isalpha() and lexicon().nominals.get(word.lower()) == "person"


def _name_modifier(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """ "a suspected Mafia boss", "the Contoso spokesman": a one-word name right before a
    lower-case word, which may head a nominal of a person (``_nominal`` lets a capitalised
    modifier stand only before a person's head); not a title ("the President")."""
    w = toks[j].text
    return j > i and j + 1 < len(toks) and toks[j + 1].text.islower() and w.isalpha() and w[1:].islower() \
        and text[toks[j].end:toks[j + 1].start] == " " and w not in lexicon().titles \
        and w not in lexicon().stopcaps and w.lower() not in lexicon().nominals


def _noun_follows(text: str, toks: list[Tok], j: int) -> bool:
    """A noun right after ``toks[j]`` heads the phrase instead ("official confirmation",
    "fighter jets"): one the nominal or product tables list, or of a happening by its ending."""
    if j + 1 >= len(toks) or text[toks[j].end:toks[j + 1].start] != " ":
        return False
    nxt = toks[j + 1].text
    lex = lexicon()
    return nxt.islower() and (nxt in lex.nominals or nxt in lex.product_nouns
                              or nxt.endswith(("tion", "sion", "ment")))


_AGED = re.compile(r"\d{1,3}-year-old")
_DETERMINERS = {"the", "this", "that", "these", "those", "a", "an"}  # before a nominal reference
_INDEFINITE = {"a", "an"}  # "a man": someone new (or, after a name and a comma, the name's apposition)
_NOMINAL_SKIP = {"new", "old", "first", "massive", "giant", "largest", "biggest", "latest", "two", "three",
                 "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
                 "american", "european", "double-deck", "jihadist", "militant", "iraqi", "syrian"}

#: Endings of adjectives that may stand between a determiner and a nominal's head ("the
#: 33-year-old actress", "the national carrier", "the famous singer").
_ADJECTIVE_ENDINGS = ("est", "al", "ic", "ous", "ive", "ful", "an", "ese", "ish", "ian", "ible", "able")


def _plain_word(word: str) -> bool:
    """A word of letters that is no function word, verb or time ("recipient", "formerly")."""
    lex = lexicon()
    return word.isalpha() and word not in _skip_words() and word not in lex.verbs \
        and word not in lex.reporting and not word.endswith("ed")


#: A past participle before a person's or a thing's noun describes it ("the injured actress",
#: "the accused gunman", "a suspended female employee").
_PARTICIPLE = re.compile(r"[a-z]{3,}ed")


def _modifier(word: str) -> bool:
    """A word that may modify a nominal's head: listed, hyphenated ("33-year-old",
    "double-deck") or adjective-like by its ending."""
    return word in _NOMINAL_SKIP or "-" in word or word.endswith(_ADJECTIVE_ENDINGS)


#: Determiners before a generic noun phrase ("the patch", "a climber"); "this", "that" open
#: too many clauses and times ("that said", "this week") to be read this way.
_GENERIC_DETERMINERS = {"the", "these", "those", "a", "an"}
#: Endings of heads that name a happening or a quality, not a participant ("the shooting",
#: "the investigation", "the announcement").
_EVENT_ENDINGS = ("ing", "tion", "sion", "ment", "ness", "ity", "ly")


def _boundary(text: str, toks: list[Tok], j: int) -> bool:
    """Whether a noun phrase may end with token ``j``: punctuation, the end of the sentence, a
    function word, a capitalised word or a verb-like word follows it."""
    if j + 1 >= len(toks):
        return True
    if text[toks[j].end:toks[j + 1].start].strip():
        return True  # a comma, a bracket, a quote
    nxt = toks[j + 1].text
    low = nxt.lower()
    if not nxt.isalpha() or not nxt.islower():
        return True
    lex = lexicon()
    if low in _SKIP or low in lex.verbs or low in lex.reporting or low.endswith(("ed", "ly")) \
            or low in _adverbs():
        return True  # "the patch was", "the hackers exploited", "the police later found"
    # "the patch fixes ...": a singular head before a word in -s is a subject before its verb
    return low.endswith("s") and not low.endswith("ss") and not toks[j].text.endswith("s")


def _generic(text: str, toks: list[Tok], i: int) -> RawMention | None:
    """A noun phrase the nominal table does not list ("the patch", "the undersea cable", "a
    climber"): a description the article may repeat. Its head is the last word before the
    phrase ends (``_boundary``), at most two words after the determiner before it; it refers
    back only to a phrase with the same head (``coref.Joiner``), never to a name."""
    if toks[i].text.lower() not in _GENERIC_DETERMINERS:
        return None
    skip = _skip_words()  # also fills _SKIP for _boundary
    for j in range(i + 1, min(i + 4, len(toks))):
        if j > i + 1 and text[toks[j - 1].end:toks[j].start].strip():
            return None
        word = toks[j].text
        low = word.lower()
        if low in _SKIP_MODIFIERS and j + 1 < len(toks):
            continue  # "the same facility", "the other men"
        if not (word.isalpha() and word.islower()) or low in skip:
            return None
        if not _boundary(text, toks, j):
            continue
        if len(low) < 3 or low.endswith(_EVENT_ENDINGS) or _event_noun(low) or low in lexicon().nominals:
            return None  # a head the table lists is the table's ("the prototype airliner": no generic)
        nxt = toks[j + 1].text if j + 1 < len(toks) else ""
        if _is_cap(nxt) and not text[toks[j].end:toks[j + 1].start].strip():
            return None  # "the suburban Detroit building", "the company Pixar": a name follows
        if nxt.lower() in _LOCATING and j + 2 < len(toks) and _is_cap(toks[j + 2].text) \
                and not text[toks[j].end:toks[j + 2].start].strip(" "):
            return None  # "a bank in Athens", "the outskirts of Dargahan": the name says which
        end = toks[j].end
        return RawMention(toks[i].start, end, text[toks[i].start:end], low, "other",
                          ref="nominal:generic", indefinite=toks[i].text.lower() in _INDEFINITE,
                          apposed=_apposed(text, toks, i, j))
    return None


_LOCATING = {"in", "of", "at", "near", "off", "on", "outside", "from"}
_SKIP_MODIFIERS = {"same", "other", "first", "last", "next", "former", "latest", "only", "two", "three", "four",
                   "five", "six", "seven", "eight", "nine", "ten", "few", "several", "many", "both"}
_SKIP: frozenset[str] | None = None


@lru_cache(maxsize=4096)
def _event_noun(word: str) -> bool:
    """ "the attack", "the deal", "the release": a noun of a happening (an action kind's trigger,
    ``action_kinds.tsv``, or a noun the grouping reads as an event, ``event_anaphora.tsv``)."""
    from eventdb.extract.kinds import kind_of
    return kind_of(word) is not None or word in _event_nouns()


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    from eventdb.extract.lexicon import _lines
    return frozenset(w for ln in _lines("event_anaphora.tsv") if ln.startswith("noun\t") for w in ln.split("\t")[1].split())


def _appositive(text: str, toks: list[Tok], i: int) -> RawMention | None:
    """ "Fred LaRue, a Watergate figure, ...", "Gigante, the New York mob boss who ...": a noun
    phrase set off after a name, whose modifiers may be capitalised; it describes the name
    (``coref.Joiner``). Its head is a lower-case word that closes the phrase (``_apposed``)."""
    if toks[i].text.lower() not in _GENERIC_DETERMINERS or i == 0 or not _is_cap(toks[i - 1].text) \
            or text[toks[i - 1].end:toks[i].start] != ", ":
        return None
    for j in range(i + 1, min(i + 6, len(toks))):
        if text[toks[j - 1].end:toks[j].start].strip():
            return None
        word = toks[j].text
        low = word.lower()
        if not word.islower() or word == "'s":
            continue  # "Watergate", "New York", "FBI", "the world's largest plane"
        if low in _skip_words() and low not in _SKIP_MODIFIERS or not low.replace("-", "").isalpha():
            return None
        if not _apposed(text, toks, i, j):
            continue
        if len(low) < 3 or low.endswith(_EVENT_ENDINGS) or _event_noun(low) or low in _skip_words():
            return None
        end = toks[j].end
        return RawMention(toks[i].start, end, text[toks[i].start:end], low, "other",
                          ref="nominal:generic", indefinite=toks[i].text.lower() in _INDEFINITE, apposed=True)
    return None


def _apposed(text: str, toks: list[Tok], i: int, j: int) -> bool:
    """ "Tara Reid, the actress, ...", "Sachin Mahajan, a climber who ...": a noun phrase between
    a comma after a capitalised word and a comma, a full stop or "who" describes that name (not
    "In London, the police said": the phrase must close)."""
    if i == 0 or not _is_cap(toks[i - 1].text) or text[toks[i - 1].end:toks[i].start] != ", ":
        return False
    if j + 1 >= len(toks):
        return True
    gap = text[toks[j].end:toks[j + 1].start].strip()
    return gap[:1] in (",", ".", ")") or (not gap and toks[j + 1].text.lower() in ("who", "whose"))


def _skip_words() -> frozenset[str]:
    global _SKIP
    if _SKIP is None:
        from eventdb.extract.lexicon import _lines
        _SKIP = frozenset(w for ln in _lines("generic_skip.txt") for w in ln.split())
    return _SKIP


@lru_cache(maxsize=1)
def _bare_groups() -> frozenset[str]:
    from eventdb.extract.lexicon import _lines
    return frozenset(w for ln in _lines("bare_groups.txt") for w in ln.split())


@lru_cache(maxsize=1)
def _adverbs() -> frozenset[str]:
    """Adverbs between a subject and its verb (``adverbs_skip.txt``, also "later", "then")."""
    from eventdb.extract.lexicon import _lines
    return frozenset(_lines("adverbs_skip.txt")) | {"later", "then", "soon", "often", "once"}
