"""The recognizer: compile the pattern table, find candidate spans, keep the best non-overlapping.

The tables live in ``resources/`` (lexicon.py: word lists; patterns.py: one entry per rule). This
module only expands ``{PLACEHOLDERS}``, runs the expressions and resolves overlaps; turning a match
into a rule is ``normalize.py``'s job.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from eventdb.temporal.folding import Scan, fold, scan_of
from eventdb.temporal.reach import LONG_RUN, reach
from eventdb.temporal.resources import lexicon as L
from eventdb.temporal.resources.patterns import PATTERNS


def _alt(words, case_sensitive=False) -> str:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _number_regex() -> str:
    """Number words: the lexicon's, plus "twenty-four"/"twenty four" (tens then units)."""
    units = "(?:one|two|three|four|five|six|seven|eight|nine)"
    tens = _alt(L.TENS)[3:-1]
    others = _alt([w for w in L.NUMBERS if w not in L.TENS])[3:-1]
    return f"(?:(?:{tens})(?:[- ]{units})?|{others})"


_MONTH_ABBR = "|".join(sorted((re.escape(a) + r"\.?" for a in L.MONTH_ABBR), key=len, reverse=True))

PLACEHOLDERS = {
    # Full month names, May excluded: bare "may" is a verb far more often than a month.
    "MONTH": _alt([m for m in L.MONTHS if m != "May"], True),
    # Any month name or abbreviation, for use next to a day number or year.
    "MONTH_ANY": f"(?-i:{'|'.join(L.MONTHS)}|{_MONTH_ABBR})(?!\\w)",
    "WEEKDAY": _alt(L.WEEKDAYS, True),
    "WEEKDAY_PL": "(?-i:" + "|".join(w + "s" for w in L.WEEKDAYS) + ")",
    "DAYNUM": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)",
    "DAYWORD": _alt(L.DAY_ORDINALS) + r"(?![\w-])",
    "YEAR": r"(?:1[0-9]\d\d|20\d\d)(?!\d)",
    # A year in words, as broadcast transcripts spell it ("nineteen ninety-four", "two thousand").
    "SPELLED_YEAR": r"(?:nineteen(?:\s+hundred(?:\s+and)?)?[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty"
                    r"|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
                    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
                    r"|two\s+thousand(?:\s+and)?(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine"
                    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
                    r"|twenty))?)",
    "NUM": r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?(?!\d)|" + _number_regex() + r")(?![\w])",
    "VAGUE": _alt(L.VAGUE_QUANTITIES),
    "UNIT": r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
            r"|decades?|century|centuries|millennium|millennia)(?![\w])",
}


@dataclass(frozen=True, slots=True)
class Pattern:
    index: int
    name: str
    type: str
    build: str
    regex: re.Pattern  # the rule as written (re.I, on the text): the reference
    trigger: re.Pattern | None
    args: dict
    scan: Scan  # how ``regex`` is run
    trigger_scan: Scan | None
    #: How far before and after a trigger hit the rule's matches reach (see ``reach.py``), or
    #: None (the wide margins).
    margins: tuple[int, int] | None


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    pattern: Pattern
    groups: dict

    @property
    def text_len(self) -> int:
        return self.end - self.start


def _expand(expr: str) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: PLACEHOLDERS[m.group(1)], expr)


@lru_cache(maxsize=None)
def _trigger(expr: str) -> re.Pattern:
    """One compiled object per distinct trigger, so patterns sharing one share its windows."""
    return re.compile(_expand(expr), re.I)


@lru_cache(maxsize=1)
def compiled() -> tuple[Pattern, ...]:
    out = []
    for i, p in enumerate(PATTERNS):
        expr = r"(?<![\w])(?:" + _expand(p["re"]) + r")(?![\w])"
        trigger = _trigger(p["trigger"]) if p.get("trigger") else None
        regex = re.compile(expr, re.I)
        out.append(Pattern(i, p["name"], p["type"], p["build"], regex, trigger,
                           p.get("args", {}), scan_of(regex),
                           scan_of(trigger) if trigger is not None else None, reach(regex)))
    return tuple(out)


# The wide margins (before, after a trigger's hit), for rules whose reach has no computed bound and
# for texts with long runs: a match is shorter than their sum less its lookarounds.
_WIDE = (160, 200)


def _windows(hits: list[tuple[int, int]], n: int, margins: tuple[int, int] = _WIDE) -> list[list[int]]:
    """The trigger's ``hits`` in a text of ``n`` characters, with ``margins`` (before, after)
    around each, merged."""
    before, after = margins
    windows: list[list[int]] = []
    for start, end in hits:
        lo, hi = max(0, start - before), min(n, end + after)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    return windows


def _matches(scan: Scan, text: str, windows: list[list[int]]):
    """``scan.finditer(text)``, run only in the ``windows`` around its trigger's hits.

    Equivalent to scanning the whole text: every match contains a trigger hit (or overlaps one the
    trigger's scan found, when that hid it), reaches no further from it than the margins, and
    lookbehinds see the text before a window (lookaheads are covered by the margin).
    """
    last = 0
    # (the expression's own finditer when there is no opening assertion to split off: one
    # generator less per window)
    finditer = scan.regex.finditer if scan.loose is None else scan.finditer
    for lo, hi in windows:
        for m in finditer(text, max(lo, last), hi):
            last = m.end()
            yield m


def candidates(text: str) -> list[Candidate]:
    """All pattern matches, with ``pre``/``post`` context trimmed off the extent."""
    out: list[Candidate] = []
    folded = fold(text)
    hits: dict[re.Pattern, list[tuple[int, int]]] = {}  # per trigger, shared by its patterns
    windows: dict[tuple[re.Pattern, tuple[int, int]], list[list[int]]] = {}  # and per margins
    wide = LONG_RUN.search(text) is not None  # the computed margins do not hold here
    for p in compiled():
        scan = p.scan
        on = folded if scan.on_folded else text
        if p.trigger is None:
            found = scan.finditer(on)
        else:
            at = hits.get(p.trigger)
            if at is None:
                at = hits[p.trigger] = list(p.trigger_scan.spans(text, folded))
            if not at:
                continue  # no trigger in the text: nothing to match (the common case)
            margins = _WIDE if wide or p.margins is None else p.margins
            around = windows.get((p.trigger, margins))
            if around is None:
                around = windows[(p.trigger, margins)] = _windows(at, len(text), margins)
            found = _matches(scan, on, around)
        for m in found:
            if m.start() == m.end():
                continue
            # Group values come from the text itself, whichever of the two was scanned.
            g = {k: text[a:b] if a >= 0 else None for k, (a, b) in
                 zip(scan.regex.groupindex, map(m.span, scan.regex.groupindex))}
            s, e = extent(text, m, g)
            if e > s:
                out.append(Candidate(s, e, p, g))
    return out


def extent(text: str, m: re.Match, groups: dict) -> tuple[int, int]:
    """The span of match ``m`` without its ``pre``/``post`` context (``groups``: its group
    values) and the whitespace around it; empty when nothing is left."""
    s, e = m.span()
    for k, v in groups.items():
        if v is not None and k.startswith("pre"):
            s = max(s, m.end(k))
        elif v is not None and k.startswith("post"):
            e = min(e, m.start(k))
    while e > s and text[e - 1].isspace():
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e


def select(cands: list[Candidate], accept=None) -> list[tuple[Candidate, object]]:
    """Greedy: longest first (earlier pattern on ties), dropping anything that overlaps.

    ``accept(candidate)`` returns what the caller keeps for it, or None to reject it; a rejected
    candidate frees its span, so a shorter match inside it can still be taken ("a decades-long
    feud": not "a decades", but "decades-long").
    """
    cands = sorted(cands, key=lambda c: (-(c.end - c.start), c.pattern.index, c.start))
    taken: list[tuple[Candidate, object]] = []
    starts: list[int] = []  # taken spans, sorted and disjoint: a neighbour check suffices
    ends: list[int] = []
    for c in cands:
        i = bisect.bisect_left(starts, c.start)
        if (i < len(starts) and starts[i] < c.end) or (i > 0 and ends[i - 1] > c.start):
            continue
        kept = accept(c) if accept else c
        if kept is None:
            continue
        taken.append((c, kept))
        starts.insert(i, c.start)
        ends.insert(i, c.end)
    taken.sort(key=lambda ck: ck[0].start)
    return taken
