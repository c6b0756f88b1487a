"""Event arguments that no name, pronoun or description of the nominal table gives.

Bare plurals: a group or a kind of thing named by a plural noun with no determiner ("airlines
demand better planes", "Air Canada ordered US$6 billion in new airliners", "the SDK will allow
users to ...", "local airlines should not purchase aircraft"). The noun is the plural of one the
tables list as a participant's noun: the nominal table (``nominals.tsv``: "airlines",
"analysts"), the product nouns (``product_nouns.tsv``: "jets", "aircraft") and the relational
nouns (``modifier_nouns.txt``: "users", "customers"). Up to two lower-case modifiers may stand
before it ("new long-haul airliners"); a determiner, a possessive, a count or a name before the
phrase makes it someone else's (``references``: "the planes", "12 new planes"; ``pipeline``:
"iPod users").

A title standing alone after "the" ("In his speech, the Prime Minister applauded ...", "the
President said"; ``titles.txt``) is a description of a person (ref "title", ``coref.Joiner``): the
person last named with that title ("Prime Minister Lee Hsien Loong"), else a person the article
describes by it ("the president"), never a guess among the people named.

A bare plural is a participant of its own known by its description (ref "bare:KIND", ``coref.Joiner``):
an argument of the event whose clause holds it, but never an antecedent -- a later "the
aircraft" is the plane the article follows, not aircraft bought in general -- never joined to
another mention, nor across articles (its name is lower case).
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventdb.extract.lexicon import lexicon
from eventdb.extract.mentions import RawMention, Tok, _is_cap

#: Plural nouns written the same in the singular.
_INVARIANT = frozenset({"aircraft", "people"})
#: Words before a phrase that make it definite, someone's or counted (read elsewhere).
_OPENERS = frozenset({"the", "this", "these", "those", "a", "an", "his", "her", "its", "their", "our",
                      "my", "your", "'s", "’s"})
#: Quantifiers and plain adjectives that may open the phrase ("many buyers", "local airlines").
_QUANTIFIERS = frozenset({"many", "some", "all", "most", "few", "several", "other", "both", "more", "new",
                          "local", "different", "foreign", "domestic", "major", "potential", "existing",
                          "independent"})
#: Auxiliaries and modals ("will allow users": the verb between is no modifier).
_AUX = frozenset("has have had is are was were be been being will would could can may might should must shall "
                 "do does did 'll 'd".split())
#: Words a bare plural may follow besides a verb: prepositions and conjunctions ("in new
#: airliners", "among all devices", "and passengers").
_LINKS = frozenset("of in on at by for with from to into onto upon over under about after before during since "
                   "until against among between through across around near without within along behind beyond "
                   "and or but nor than as that which who whom while although though because if when where "
                   "whether not also only even like including".split())
_NUMBER = re.compile(r"\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
                     r"|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|dozens|dozen", re.I)


@lru_cache(maxsize=1)
def plural_heads() -> dict[str, str]:
    """Plural noun -> the kind of participant it names ("group" for people and companies,
    "product" for things)."""
    lex = lexicon()
    nouns: dict[str, str] = {}
    for head, kind in lex.nominals.items():
        if " " not in head and kind in ("person", "organisation", "group", "product"):
            nouns[head] = "product" if kind == "product" else "group"
    for head in lex.product_nouns:
        if head.islower():
            nouns[head] = "product"
    for head in lex.modifier_nouns:
        nouns.setdefault(head, "group")
    out: dict[str, str] = {}
    for noun, kind in nouns.items():
        if noun in _INVARIANT:
            out[noun] = kind
        elif noun.endswith("fe") or noun.endswith("ief") and noun != "chief":
            out.setdefault(noun.removesuffix("e")[:-1] + "ves", kind)  # "wife", "thief"
        elif noun.endswith("man"):
            continue  # ("men and women were handcuffed": a coordinated subject, read elsewhere)
        elif noun.endswith("s") and not noun.endswith("ss"):
            out[noun] = kind  # listed in the plural ("planes", "passengers")
        elif noun.endswith("y") and noun[-2:-1] not in "aeiou":
            out.setdefault(noun[:-1] + "ies", kind)  # "company" -> "companies"
        elif noun.endswith(("ch", "sh", "x", "ss")):
            out.setdefault(noun + "es", kind)
        else:
            out.setdefault(noun + "s", kind)  # "airline" -> "airlines"
    for w in ("news", "series", "species", "softwares", "staff", "staffs"):  # (no plural; "chief of staff")
        out.pop(w, None)
    return out


def bare_plurals(text: str, toks: list[Tok], taken: list[tuple[int, int]]) -> list[RawMention]:
    """The bare plurals of a sentence's tokens (see the module docstring), outside ``taken``."""
    from eventdb.extract.references import _boundary, _modifier, _noun_follows, _skip_words, _written_lower

    heads = plural_heads()
    hits = [j for j, t in enumerate(toks) if t.text in heads]
    if toks and toks[0].text[:1].isupper() and toks[0].text[1:].islower() and toks[0].text.lower() in heads \
            and _written_lower(text, toks[0].text.lower()):
        hits.insert(0, 0)  # "Airlines bought ...", in an article that writes "airlines" too
    if not hits:
        return []

    skip = _skip_words()  # (also fills the words ``_boundary`` reads)
    lex = lexicon()
    out: list[RawMention] = []
    for j in hits:
        t = toks[j]
        if any(a < t.end and t.start < b for a, b in taken):
            continue
        if not _boundary(text, toks, j) or _noun_follows(text, toks, j) or _plural_follows(text, toks, j):
            continue  # "aircraft fleet", "aircraft deals": another noun heads the phrase
        i = j
        while i > 0 and j - i < 2 and text[toks[i - 1].end:toks[i].start] == " ":
            w = toks[i - 1].text
            low = w.lower()
            if not (w.islower() or i == 1 and low in _QUANTIFIERS) or not (
                    low in _QUANTIFIERS or _modifier(low) and low.isalpha() and len(low) > 4
                    and low not in skip and low not in lex.verbs
                    or "-" in low and low.replace("-", "").isalpha()):
                break
            if i > 1 and toks[i - 2].text.lower() in _AUX | {"to"}:
                break  # "will give owners": a verb, not a modifier
            i -= 1
        if _belongs_before(text, toks, j):
            continue  # "the new planes", "its jets", "12 planes", "Apple mobile devices"
        if any(a < t.end and toks[i].start < b for a, b in taken):
            i = j
        out.append(RawMention(toks[i].start, t.end, text[toks[i].start:t.end], t.text.lower(), "other",
                              ref="bare:" + heads[t.text.lower()]))
    return out


def _belongs_before(text: str, toks: list[Tok], j: int) -> bool:
    """Whether the plural ``toks[j]`` ends a phrase opened before it by a determiner, a
    possessive, a count or a name ("the new planes", "their first aircraft", "179 new aerial
    refueling tankers", "Apple mobile devices"): read back over up to three lower-case words to
    a link word (a preposition or conjunction: "with aerial refueling tankers"), punctuation or
    the sentence's start."""
    lex = lexicon()
    for k in range(j - 1, max(-1, j - 4), -1):
        if text[toks[k].end:toks[k + 1].start] not in (" ", ""):
            return False  # a comma, a bracket, a quote
        w = toks[k].text
        low = w.lower()
        if k == 0 and low in _QUANTIFIERS:
            return False  # "Some customers reported ...", "Many buyers ..."
        if low in _OPENERS or _is_cap(w) or _NUMBER.fullmatch(w) or w in ("$", "%"):
            return True
        if low in _LINKS or low in _AUX or low in lex.verbs or low in lex.reporting or low.endswith("ed"):
            return False  # "with tankers", "will allow users", "bought new planes"
        if not (w.islower() and low.replace("-", "").isalpha()):
            return False
    return j > 3  # the sentence's start, or more than three words back: some other phrase's tail


def _plural_follows(text: str, toks: list[Tok], j: int) -> bool:
    """ "$11bn of aircraft deals": a lower-case word in -s right after the noun, which no list
    knows as a verb, heads the phrase (after a singular head ``references._boundary`` reads it
    as the verb: "the patch fixes")."""
    if j + 1 >= len(toks) or text[toks[j].end:toks[j + 1].start] != " ":
        return False
    nxt = toks[j + 1].text
    if not (nxt.isalpha() and nxt.islower() and nxt.endswith("s") and not nxt.endswith("ss")):
        return False
    from eventdb.extract.references import _skip_words

    lex = lexicon()
    return nxt not in _skip_words() and nxt not in lex.verbs and nxt not in lex.reporting


#: Titles that alone after "the" name something else as often as a person ("the Major League",
#: "the Chief", "the Executive", "the Agent").
_NOT_ALONE = frozenset({"Major", "Chief", "Executive", "Chair", "Agent", "Deputy", "Analyst", "Attorney", "Justice",
                        "General", "Director", "Speaker", "Representative", "Secretary", "Minister", "Commander",
                        "Lord", "Lady", "Sir"})


@lru_cache(maxsize=1)
def _titles() -> dict[tuple[str, ...], str]:
    """Capitalised titles of letters only, by their words ("Prime Minister" -> its lower case)."""
    out = {}
    for t in lexicon().titles:
        words = tuple(t.split())
        if t[:1].isupper() and all(w.replace("-", "").isalpha() and w[:1].isupper() for w in words) \
                and t not in _NOT_ALONE and len(t) > 3:
            out[words] = t.lower()
    return out


def titles_alone(text: str, toks: list[Tok], taken: list[tuple[int, int]]) -> list[RawMention]:
    """ "the Prime Minister applauded ...": a title after "the" with no name after it."""
    titles = _titles()
    out: list[RawMention] = []
    for i, t in enumerate(toks):
        if t.text not in ("the", "The") or i + 1 >= len(toks) or not toks[i + 1].text[:1].isupper():
            continue
        if i > 0 and _is_cap(toks[i - 1].text) and text[toks[i - 1].end:t.start] == " ":
            continue  # "Committee to Re-elect the President", "All the President's Men": a name's
        for n in (3, 2, 1):
            words = tuple(x.text for x in toks[i + 1:i + 1 + n])
            if len(words) < n or words not in titles:
                continue
            if any(text[toks[k].end:toks[k + 1].start] != " " for k in range(i, i + n)):
                break
            end = toks[i + n].end
            nxt = toks[i + 1 + n].text if i + 1 + n < len(toks) else ""
            if _is_cap(nxt) and text[end:toks[i + 1 + n].start] in (" ", ""):
                break  # "the President Barack Obama", "the Justice Department": a name follows
            if nxt in ("'s", "’s") and i + 2 + n < len(toks) and _is_cap(toks[i + 2 + n].text):
                break  # "the Sheriff's Department": the name of an office
            if any(a < end and t.start < b for a, b in taken):
                break
            out.append(RawMention(t.start, end, text[t.start:end], titles[words], "other", ref="title"))
            break
    return out
