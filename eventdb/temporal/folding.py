"""Case-insensitive scanning made fast: run an expression case-sensitively on a folded copy.

``re.I`` turns off the regex engine's literal-prefix and first-character searches, so an
expression such as ``\\b(?:now|later)`` tries every position of the text. Most of our
expressions only hold lower-case letters and caseless characters: run without ``re.I`` on the
folded (lower-cased, same length) text, they find exactly the same spans several times faster.
:func:`scan_of` decides, per expression, whether that is safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterator
from functools import lru_cache

__all__ = ["Scan", "anchors", "case_free", "fold", "scan_of"]


@dataclass(frozen=True, slots=True)
class Scan:
    """A compiled expression and the text it runs on: the folded text when it can (a
    case-sensitive scan of the lower-cased text is several times faster than ``re.I``, which
    disables the regex engine's literal-prefix search), else the text itself with ``re.I``."""

    regex: re.Pattern
    on_folded: bool
    #: Literal strings one of which every match contains (see :func:`anchors`), or None.
    need: tuple[str, ...] | None = None
    #: ``regex`` without the ``\b`` that opens it (see :func:`relaxed`), or None.
    loose: re.Pattern | None = None

    def spans(self, text: str, folded: str | None = None) -> Iterator[tuple[int, int]]:
        """The spans ``regex.finditer`` finds in ``text`` (``folded``: its fold, if the caller
        has it already), found faster when the expression opens with ``\b``.

        A leading ``\b`` hides the rest of the expression from the regex engine's prefix
        search, so every position of the text is tried. The expression without it runs with
        that search, and each hit is kept only where ``\b`` holds; after a hit that is not
        kept the search goes on from the next position, not from its end, so that no hit the
        expression would find is skipped.
        """
        on = text
        if self.on_folded or self.need is not None:
            if folded is None:
                folded = fold(text)
            if self.need is not None and not any(map(folded.__contains__, self.need)):
                return
            if self.on_folded:
                on = folded
        if self.loose is None:
            for m in self.regex.finditer(on):
                yield m.span()
            return
        search, at_boundary, pos, n = self.loose.search, _BOUNDARY.match, 0, len(on)
        while pos <= n and (m := search(on, pos)) is not None:
            start, end = m.span()
            if at_boundary(on, start) is None:
                pos = start + 1
                continue
            yield start, end
            pos = end if end > start else end + 1

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        """``regex.search`` of ``text`` (``folded``: its fold, if the caller has it already).
        Offsets hold for the text; read values as ``text[m.start():m.end()]``, not ``m.group()``."""
        if folded is None and (self.on_folded or self.need is not None):
            folded = fold(text)
        if self.need is not None and not any(map(folded.__contains__, self.need)):
            return None
        return self.regex.search(folded if self.on_folded else text)


# Characters that case-insensitive matching equates with an ASCII letter although their
# lower case is another character ("ſ" matches "s"; "İ" lowers to "i" plus a combining dot).
_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})


def fold(text: str) -> str:
    """The text lower-cased, character for character (same length, same offsets).

    A ``re.I`` match of an ASCII literal is a substring of the folded text, and every character
    keeps its class (word, digit, space): the tests check both for every code point.
    """
    return text.translate(_FOLD).lower()


def _caseless(code: int) -> bool:
    """A literal that matches the same characters of the folded text as ``re.I`` does of the
    text: a lower-case ASCII letter, or a character without case (digits, punctuation, quotes;
    ``re.I`` matches those exactly, and no other character folds to one)."""
    c = chr(code)
    return (c.isascii() and not c.isupper()) or c.lower() == c == c.upper()


def case_free(regex: re.Pattern) -> bool:
    """True when ``regex`` (``re.I``) finds the same spans in a text as the same expression
    without ``re.I`` finds in its :func:`fold`: no case-sensitive part, no back-reference, and
    every literal character a lower-case ASCII letter or a character without case."""
    if not regex.flags & re.I:
        return False
    try:
        from re import _parser  # re's own parser; an unknown shape means "no"
        return _case_free(_parser.parse(regex.pattern, regex.flags), _parser)
    except Exception:
        return False


def _case_free(seq, P) -> bool:  # noqa: ANN001
    for op, av in seq:
        if op in (P.LITERAL, P.NOT_LITERAL):
            ok = _caseless(av)
        elif op is P.IN:
            ok = all(_caseless(a) if o is P.LITERAL
                     else (_caseless(a[0]) and _caseless(a[1]) and (a[1] < 65 or a[0] > 90))
                     if o is P.RANGE else o in (P.CATEGORY, P.NEGATE) for o, a in av)
        elif op in (P.ANY, P.AT):
            ok = True
        elif op is P.BRANCH:
            ok = all(_case_free(b, P) for b in av[1])
        elif op is P.SUBPATTERN:
            ok = not (av[2] & re.I) and _case_free(av[-1], P)
        elif op in (P.MAX_REPEAT, P.MIN_REPEAT, getattr(P, "POSSESSIVE_REPEAT", None)):
            ok = _case_free(av[2], P)
        elif op in (P.ASSERT, P.ASSERT_NOT):
            ok = _case_free(av[1], P)
        elif op is getattr(P, "ATOMIC_GROUP", None):
            ok = _case_free(av, P)
        else:  # back-references, conditionals, anything new: run the expression as written
            ok = False
        if not ok:
            return False
    return True


@lru_cache(maxsize=None)
def anchors(trigger: re.Pattern) -> tuple[str, ...] | None:
    """Literal strings of which every match of ``trigger`` contains one (folded), or None.

    Most triggers are words ("quarter", "night|morning"): a text without any of them cannot hold
    a match, and a substring test is far cheaper than running the expression over the text.
    """
    try:
        from re import _parser  # the parser behind re.compile; its shape is checked below
        found = _need(_parser.parse(trigger.pattern, trigger.flags), _parser)
    except Exception:  # an unknown construct or another Python's parser: no shortcut
        return None
    return tuple(sorted(found)) if found else None


def _need(seq, P) -> set[str] | None:  # noqa: ANN001
    """A set of strings one of which every match of the parsed sequence ``seq`` contains."""
    options: list[set[str]] = []
    run = ""
    for op, av in list(seq) + [(None, None)]:
        if op is P.LITERAL and chr(av).isascii() and chr(av).isprintable():
            run += chr(av).lower()
            continue
        if run:
            options.append({run})
            run = ""
        if op is P.SUBPATTERN:
            sub = _need(av[-1], P)
        elif op is P.BRANCH:
            subs = [_need(b, P) for b in av[1]]
            sub = set().union(*subs) if all(subs) else None
        elif op in (P.MAX_REPEAT, P.MIN_REPEAT) and av[0] >= 1:
            sub = _need(av[2], P)
        else:
            sub = None
        if sub:
            options.append(sub)
    # The most selective choice: the longest shortest string, then the fewest strings.
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)


_BOUNDARY = re.compile(r"\b")


def relaxed(regex: re.Pattern) -> re.Pattern | None:
    """``regex`` without the ``\b`` it opens with (when that ``\b`` applies to the whole
    expression, not to one alternative of it), or None."""
    try:
        from re import _parser
        parsed = _parser.parse(regex.pattern, regex.flags)
    except Exception:
        return None
    if (len(parsed.data) < 2 or parsed.data[0] != (_parser.AT, _parser.AT_BOUNDARY)
            or not regex.pattern.startswith(r"\b")):
        return None
    return re.compile(regex.pattern[2:], regex.flags)


@lru_cache(maxsize=None)
def scan_of(regex: re.Pattern) -> Scan:
    """How to run ``regex``: case-sensitively on the folded text when that finds exactly the
    same spans (see :func:`case_free`), else as it is; and not at all when none of its
    :func:`anchors` is in the text."""
    need = anchors(regex)
    if case_free(regex):
        regex = re.compile(regex.pattern, regex.flags & ~re.I)
        return Scan(regex, True, need, relaxed(regex))
    return Scan(regex, False, need, relaxed(regex))
