"""How far around its trigger's hit a rule's match can reach: the window the rule must scan.

A rule runs only near the hits of its trigger (see ``engine._matches``). Its match contains a hit,
so a match of at most ``width`` characters starts at most ``width`` before the hit and ends at most
``width`` after it; a lookahead may read a little further. The width is computed from the
expression itself. An unbounded repeat has a bound only when all it can match is blanks (``\\s+``,
``[\\s-]*``) or number characters (``(?:,\\d{3})*``, ``\\.\\d+``): it then takes at most one run of
them, counted as at most 8 blanks or 15 number characters ("999,999,999,999"). A text holding a
longer run is scanned with the engine's wide margins instead (``LONG_RUN``), so the windows stay
exact for every text.
"""

from __future__ import annotations

import re

__all__ = ["LONG_RUN", "reach"]

#: The kinds of run an unbounded repeat may take: its characters (besides a category), and the
#: longest run the computed margins allow for.
_RUNS = ((" \t\n\r\f\v-", ("CATEGORY_SPACE", "CATEGORY_UNI_SPACE"), 8),  # blanks
         ("0123456789,.", ("CATEGORY_DIGIT", "CATEGORY_UNI_DIGIT"), 15))  # number characters
#: A text where this matches has a longer run: it needs the wide margins.
LONG_RUN = re.compile(r"[\s-]{%d,}|[\d,.]{%d,}" % (_RUNS[0][2] + 1, _RUNS[1][2] + 1))


class _Unbounded(Exception):
    """Some part of the expression has no bound we can vouch for."""


def reach(regex: re.Pattern) -> tuple[int, int] | None:
    """``(before, after)``: how far before a trigger hit's start a match can begin, and how far
    after the hit's end the regex engine may read (the match and its lookaheads); None when the
    expression is unbounded (other than blank runs) or of a shape not understood."""
    try:
        from re import _parser  # re's own parser, as folding.case_free uses it

        width, ahead = _width(_parser.parse(regex.pattern, regex.flags), _parser)
    except Exception:  # _Unbounded, back-references, a shape this Python's parser gives otherwise
        return None
    return width, width + ahead


def _within(seq, chars: str, categories: tuple, P) -> bool:  # noqa: ANN001
    """True when every character ``seq`` can match is one of ``chars`` or of ``categories``."""
    for op, av in seq:
        if op is P.LITERAL:
            ok = chr(av) in chars
        elif op is P.IN:
            ok = all((o is P.LITERAL and chr(a) in chars)
                     or (o is P.RANGE and all(chr(c) in chars for c in range(a[0], a[1] + 1)))
                     or (o is P.CATEGORY and str(a) in categories) for o, a in av)
        elif op is P.SUBPATTERN:
            ok = _within(av[-1], chars, categories, P)
        elif op in (P.MAX_REPEAT, P.MIN_REPEAT, getattr(P, "POSSESSIVE_REPEAT", None)):
            ok = _within(av[2], chars, categories, P)
        elif op is P.BRANCH:
            ok = all(_within(b, chars, categories, P) for b in av[1])
        else:
            ok = False
        if not ok:
            return False
    return True


def _width(seq, P) -> tuple[int, int]:  # noqa: ANN001
    """(most characters ``seq`` consumes, furthest its lookaheads read past where they stand)."""
    width = ahead = 0
    for op, av in seq:
        if op in (P.LITERAL, P.NOT_LITERAL, P.ANY, P.IN):
            w, a = 1, 0
        elif op is P.AT:
            w, a = 0, 0
        elif op is P.BRANCH:
            w, a = (max(x) for x in zip(*(_width(b, P) for b in av[1])))
        elif op is P.SUBPATTERN:
            w, a = _width(av[-1], P)
        elif op is getattr(P, "ATOMIC_GROUP", None):
            w, a = _width(av, P)
        elif op in (P.MAX_REPEAT, P.MIN_REPEAT, getattr(P, "POSSESSIVE_REPEAT", None)):
            low, high, item = av
            w, a = _width(item, P)
            if high != P.MAXREPEAT:
                w *= high
            else:  # all of it must lie in one run of blanks or of number characters
                w = next((run for chars, categories, run in _RUNS
                          if _within(item, chars, categories, P)), None)
                if w is None:
                    raise _Unbounded
        elif op in (P.ASSERT, P.ASSERT_NOT):
            direction, inner = av
            w, a = 0, 0  # a lookbehind reads before the match: the text before a window is there
            if direction == 1:  # a lookahead reads its own width (and its lookaheads) ahead
                iw, ia = _width(inner, P)
                a = iw + ia
        else:  # back-references, conditionals: no bound
            raise _Unbounded
        width += w
        ahead = max(ahead, a)
    return width, ahead
