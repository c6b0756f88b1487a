"""Sentence splitting with character offsets, tuned for news copy.

A line break always ends a sentence (titles, datelines and paragraphs are lines in news text).
Inside a line, ``.``, ``!`` or ``?`` followed by a space and an upper-case letter, digit, quote or
a name written in camel case ("iPhone 4 will ...") ends a sentence unless the word before the dot is a known abbreviation ("Gen.", "U.S.") or a
single initial ("Michael M. Sears"). A dot glued to a capitalised word after a lower-case word
("militants.Reuters") is a sentence end too: copy pasted from web pages loses the space; so is a
year followed by "The" + lower-case word (a caption glued to the text). A "?" between a
lower-case word and a figure is a currency sign lost to the text's encoding ("for? 110bn").
"""

from __future__ import annotations

import re

#: Abbreviations whose dot does not end a sentence when followed by a capitalised word.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st gen lt col maj capt sgt adm brig cmdr gov sen rep rev hon pres
inc corp co ltd plc bros no vs etc approx dept est fig jan feb mar apr jun jul aug sep sept oct
nov dec mt ft u.s u.k u.n e.u d.c n.v a.m p.m e.g i.e
""".split())

_END = re.compile(r"[.!?]+(?:[\"'”’)\]]|'')*(?=\s+(?:[\"'“‘(\[]|``)?(?:[A-Z0-9]|[a-z][A-Z]))"
                  r"|[.!?]+(?:[\"'”’)\]]|'')*\s*$")
_LAST_WORD = re.compile(r"([A-Za-z.]+)$")
#: A caption glued to the text without a full stop: "revealed in January 2005 The world's largest".
_YEAR_THE = re.compile(r"\b(?:1[89]|20)\d\d (The|A|An) (?=[a-z])")
_GLUED = re.compile(r"(?<=[a-z]{3})\.(?=[A-Z][a-z])")
#: ``_GLUED`` without its lookbehind (an expression opening with one is tried at every position;
#: this one searches for the dot), and the lookbehind checked on each hit.
_GLUED_DOT = re.compile(r"\.(?=[A-Z][a-z])")
_THREE_LOWER = re.compile(r"[a-z]{3}")


def _abbrev_before(line: str, dot: int) -> bool:
    """True when the dot at ``dot`` closes an abbreviation or an initial."""
    m = _LAST_WORD.search(line[max(0, dot - 24):dot])
    if not m:
        return False
    word = m.group(1)
    start = dot - len(word)
    if len(word) == 1 and word.isupper() and not line[start - 1:start] == "&":
        return True  # initial: "Michael M. Sears" (not the end of "AT&T.")
    return word.lower().rstrip(".") in ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``, stripped of outer spaces."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        lstart = pos
        pos += len(line) + 1
        cuts = [0]
        for m in _END.finditer(line):
            dot = m.start()
            if line[dot] == "." and _abbrev_before(line, dot) and m.end() < len(line):
                continue
            if line[m.end() - 1] == "?" and line[m.end():m.end() + 3].lstrip()[:1].isdigit() \
                    and line[dot - 1:dot].islower():
                continue  # "in return for? 110bn in loans": a currency sign the encoding lost

            cuts.append(m.end())
        for m in _GLUED_DOT.finditer(line):  # (a match is one dot: dropping a hit skips no other)
            if _THREE_LOWER.fullmatch(line, m.start() - 3, m.start()):
                cuts.append(m.end())
        if " The " in line or " A " in line or " An " in line:  # (all that _YEAR_THE can match)
            for m in _YEAR_THE.finditer(line):
                cuts.append(m.start(1))
        cuts.append(len(line))
        cuts = sorted(set(cuts))
        for a, b in zip(cuts, cuts[1:]):
            seg = line[a:b]
            s = len(seg) - len(seg.lstrip())
            e = len(seg.rstrip())
            if e > s:
                spans.append((lstart + a + s, lstart + a + e))
    return spans
