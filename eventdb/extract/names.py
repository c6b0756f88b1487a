"""The form and kind of a name, from its words alone: word tokens, the normal spelling of a
name ("Apple, Inc." -> "Apple Inc.", "al Maliki" -> "al-Maliki"), the kind its words tell
("Airbus A380" a product, "Boeing Co." an organisation) and the model a plural product name
stands for. Recognising names in running text is ``eventdb.extract.entities``."""

from __future__ import annotations

import re
from functools import lru_cache

from eventdb.extract.lexicon import lexicon
from eventdb.extract.mentions import Tok

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[\w][\w&]*(?:-[\w&]+|['’][A-Z][\w&]*)*")
_COMMA_SUFFIX = re.compile(r",\s+(?=(?:Inc|Ltd|Corp|LLC|PLC|plc|N\.V|AG|SA|S\.A|GmbH)\b)")
_CORPORATE = {"Inc.", "Inc", "Ltd.", "Ltd", "Corp.", "LLC", "PLC", "plc", "N.V.", "AG", "SA", "S.A.", "GmbH"}
_APART_PREFIX = re.compile(r"\b([OD])['’]\s+(?=[A-Z])")
_NAME_ABBREVIATIONS = {"St.", "Mt.", "Ft.", "Jr.", "Sr.", "Pt."}
_CLITIC = {"s", "ve", "re", "ll", "d", "m", "t"}
_ARABIC_PARTICLE = re.compile(r"\b(al|el)[ -](?=[A-Z])")

#: A team named by a number ("76ers", "49ers"): not a product's model number.
_TEAM_NUMBER = re.compile(r"\d+ers", re.I)
#: A lower-case name particle joined to the name by a hyphen: "al-Maliki", "bin-Laden".
_PARTICLE = re.compile(r"(?:al|el|bin|ibn|abu|van|von|de|da|di|du|le|la|ul)-[A-Z]")


@lru_cache(maxsize=8192)  # the same names recur within and across documents
def normalise_name(name: str) -> str:
    """Canonical spelling of a name: single spaces, straight apostrophe, "al Maliki" -> "al-Maliki"."""
    name = " ".join(name.replace("’", "'").split())
    if "' " in name:
        name = _APART_PREFIX.sub(r"\1'", name)  # "O' Leary" -> "O'Leary"
    name = _ARABIC_PARTICLE.sub(lambda m: m.group(1) + "-", name)
    name = _COMMA_SUFFIX.sub(" ", name)  # "Apple, Inc." -> "Apple Inc."
    if name.lower().startswith("the "):
        name = name[4:]
    return name


def tokens(text: str, start: int, end: int) -> list[Tok]:
    """Word tokens of ``text[start:end]``; a possessive "'s" is split off; a dot that closes a
    known abbreviation ("Gen.", "Inc.") stays on its word."""
    lex = lexicon()
    out: list[Tok] = []
    for m in _TOKEN.finditer(text, start, end):
        a, b = m.start(), m.end()
        word = m.group()
        if word in _CLITIC and a > 0 and text[a - 1] in "'’":
            if word == "s":
                out.append(Tok(a - 1, b, "'s"))  # possessive: ends a name
            continue
        if b < end and text[b] == "." and (word + "." in lex.titles or word + "." in lex.kind_words
                                           or word + "." in lex.known or word + "." in _NAME_ABBREVIATIONS):
            b += 1
            word += "."
        out.append(Tok(a, b, word))
    return out


def _kind_of(words: list[str], titled: bool) -> str:
    return _kind_of_words(tuple(words), titled)


@lru_cache(maxsize=8192)  # a pure function of the words: names recur within and across documents
def _kind_of_words(words: tuple[str, ...], titled: bool) -> str:
    lex = lexicon()
    for i in range(len(words) - 1, -1, -1):
        k = lex.kind_words.get(words[i])
        if k == "place" and i < len(words) - 1 and words[i + 1] != "of":
            continue  # "Kansas City Chiefs", "Orange County Register": the place only opens the name
        if k:
            return k
    if titled:
        return "person"
    if any(any(c.isdigit() for c in w) and not _TEAM_NUMBER.fullmatch(w) or (w[:1].islower() and any(c.isupper() for c in w)
                                           and not _PARTICLE.match(w)) for w in words):
        return "product"  # "Airbus A380", "iPhone 4", "F-16" (not "al-Maliki")
    if 2 <= len(words) <= 4 and words[0] in lex.first_names and all(
            w[:1].isupper() or w in lex.connectors or w.startswith(("al-", "el-")) for w in words):
        return "person"
    return "other"


def _product_singular(name: str) -> str:
    """The model a plural product name stands for: "A330s" -> "A330", "Boeing 787 Dreamliners" ->
    "Boeing 787 Dreamliner"; only when the plural word or the word before it holds a digit
    ("iTunes" stays)."""
    words = name.split()
    last = words[-1]
    if not (len(last) > 2 and last.endswith("s") and not last.endswith(("ss", "'s"))) or _TEAM_NUMBER.fullmatch(last):
        return name
    if any(c.isdigit() for c in last[:-1]) or (len(words) > 1 and any(c.isdigit() for c in words[-2])):
        return " ".join(words[:-1] + [last[:-1]])
    return name
