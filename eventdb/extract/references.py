"""Pronouns and nominal references: "he", "its", "the company", "the 33-year-old actress", "a man".

Found here per sentence, as references (``RawMention.ref`` says the kind of antecedent wanted:
resources/pronouns.tsv, resources/nominals.tsv); ``coref.Joiner`` finds what they refer to.
"""

from __future__ import annotations

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
    out: list[RawMention] = []
    for i, t in enumerate(toks):
        low = t.text.lower()
        want = pronouns.get(low)
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
        if low in _DETERMINERS and i + 1 < len(toks):
            m = _nominal(text, toks, i)
            if m is not None:
                out.append(m)
    return out

def _nominal(text: str, toks: list[Tok], i: int) -> RawMention | None:
    """ "the company", "the new aircraft", "the news channel": a nominal reference, up to
    two modifiers between the determiner and the head."""
    lex = lexicon()
    for skip in range(0, 3):
        j = i + 1 + skip
        if j >= len(toks):
            return None
        if not toks[j].text.islower():  # the words before it were checked on earlier rounds
            return None
        word = toks[j].text.lower()
        for n in (2, 1):
            if j + n - 1 >= len(toks):
                continue
            head = word + " " + toks[j + 1].text.lower() if n == 2 else word
            k = lex.nominals.get(head)
            if not k:
                continue
            mods = [toks[x].text.lower() for x in range(i + 1, j)]
            if any(not _modifier(w) for w in mods):
                continue
            end = toks[j + n - 1].end
            nxt = toks[j + n].text if j + n < len(toks) else ""
            if _is_cap(nxt) and nxt not in lex.stopcaps:
                return None  # "the company Pixar": the name follows
            return RawMention(toks[i].start, end, text[toks[i].start:end], head, "other",
                              ref="nominal:" + k, sort=lex.product_nouns.get(head.split()[-1], ""),
                              indefinite=toks[i].text.lower() in _INDEFINITE)
    return None


_DETERMINERS = {"the", "this", "that", "these", "those", "a", "an"}  # before a nominal reference
_INDEFINITE = {"a", "an"}  # "a man": someone new (or, after a name and a comma, the name's apposition)
_NOMINAL_SKIP = {"new", "old", "first", "massive", "giant", "largest", "biggest", "latest", "two", "three",
                 "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
                 "american", "european", "double-deck", "jihadist", "militant", "iraqi", "syrian"}

#: Endings of adjectives that may stand between a determiner and a nominal's head ("the
#: 33-year-old actress", "the national carrier", "the famous singer").
_ADJECTIVE_ENDINGS = ("est", "al", "ic", "ous", "ive", "ful", "an", "ese", "ish", "ian", "ible", "able")


def _modifier(word: str) -> bool:
    """A word that may modify a nominal's head: listed, hyphenated ("33-year-old",
    "double-deck") or adjective-like by its ending."""
    return word in _NOMINAL_SKIP or "-" in word or word.endswith(_ADJECTIVE_ENDINGS)
