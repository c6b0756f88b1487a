"""Case-insensitive scanning made fast: run an expression case-sensitively on a folded copy.

``re.I`` turns off the regex engine's literal-prefix and first-character searches, so an
expression such as ``\\b(?:now|later)`` tries every position of the text. Most of our
expressions only hold lower-case letters and caseless characters: run without ``re.I`` on the
folded (lower-cased, same length) text, they find exactly the same spans several times faster.
:func:`scan_of` decides, per expression, whether that is safe, and whether an assertion that
opens it is better checked after a search without it (:func:`split_lead`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Scan", "anchors", "case_free", "fold", "scan_of", "split_lead"]


@dataclass(frozen=True, slots=True)
class Scan:
    """A compiled expression and the text it runs on: the folded text when it can (a
    case-sensitive scan of the lower-cased text is several times faster than ``re.I``, which
    disables the regex engine's literal-prefix search), else the text itself with ``re.I``."""

    regex: re.Pattern
    on_folded: bool
    #: Literal strings one of which every match contains (see :func:`anchors`), or None.
    need: tuple[str, ...] | None = None
    #: ``regex`` without the assertion that opens it, and that assertion (see :func:`split_lead`).
    loose: re.Pattern | None = None
    lead: re.Pattern | None = None

    def finditer(self, on: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """``regex.finditer(on, pos, endpos)``, faster when the expression opens with an
        assertion (``\\b``, ``(?<!\\w)``): that assertion hides the rest of the expression from
        the regex engine's prefix search, so every position of the text is tried.

        The expression without it runs with that search, and each hit is kept only where the
        assertion holds; after a hit that is not kept the search goes on from the next
        position, not from its end, so that no match of the expression is skipped. The
        assertion takes no characters and no groups: the matches kept are the expression's.
        """
        if endpos is None:
            endpos = len(on)
        if self.loose is None:
            yield from self.regex.finditer(on, pos, endpos)
            return
        search, holds = self.loose.search, self.lead.match  # type: ignore[union-attr]
        while pos <= endpos and (m := search(on, pos, endpos)) is not None:
            start, end = m.span()
            if holds(on, start, endpos) is None:
                pos = start + 1
                continue
            yield m
            pos = end

    def _on(self, text: str, folded: str | None) -> str | None:
        """The string to scan for ``text`` (it or its fold), or None when none of the anchors
        is in it (``folded``: the fold, if the caller has it already)."""
        if not (self.on_folded or self.need is not None):
            return text
        if folded is None:
            folded = fold(text)
        if self.need is not None and not any(map(folded.__contains__, self.need)):
            return None
        return folded if self.on_folded else text

    def spans(self, text: str, folded: str | None = None) -> Iterator[tuple[int, int]]:
        """The spans ``regex.finditer`` finds in the text (``folded``: its fold, if the caller
        has it already)."""
        on = self._on(text, folded)
        if on is not None:
            for m in self.finditer(on):
                yield m.span()

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        """``regex.search`` of ``text`` (``folded``: its fold, if the caller has it already).
        Offsets hold for the text; read values as ``text[m.start():m.end()]``, not ``m.group()``."""
        on = self._on(text, folded)
        return None if on is None else next(self.finditer(on), None)


# Characters that case-insensitive matching equates with an ASCII letter although their
# lower case is another character ("ſ" matches "s"; "İ" lowers to "i" plus a combining dot).
_FOLD = str.maketrans({"ı": "i", "İ": "i", "ſ": "s", "\u212a": "k"})
_FOLDED_APART = tuple(map(chr, _FOLD))


def fold(text: str) -> str:
    """The text lower-cased, character for character (same length, same offsets).

    A ``re.I`` match of an ASCII literal is a substring of the folded text, and every character
    keeps its class (word, digit, space): the tests check both for every code point.
    """
    if text.isascii() or not any(map(text.__contains__, _FOLDED_APART)):
        return text.lower()  # (most texts: nothing to translate, and translating costs a table
    return text.translate(_FOLD).lower()  # lookup per character, far more than lower-casing)


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


#: Zero-width assertions that may open an expression, as written there.
_LEADS = (r"\b", r"(?<![\w])", r"(?<!\w)")


def split_lead(regex: re.Pattern) -> tuple[re.Pattern, re.Pattern] | None:
    """``regex`` without the zero-width assertion that opens it (``\\b``, ``(?<![\\w])``), and
    that assertion; None unless the assertion applies to the whole expression (not to one
    alternative of it), the expression never matches the empty string, and what follows the
    assertion gives the regex engine a prefix to search for (a literal, or a set of first
    characters): without one, searching and checking each hit costs more than it saves."""
    lead = next((a for a in _LEADS if regex.pattern.startswith(a)), None)
    if lead is None:
        return None
    try:
        from re import _compiler, _parser
        parsed = _parser.parse(regex.pattern, regex.flags)
        alone = _parser.parse(lead, regex.flags)
        rest = _parser.parse(regex.pattern[len(lead):], regex.flags)
        searchable = (_compiler._get_literal_prefix(rest, regex.flags)[0]
                      or _compiler._get_charset_prefix(rest, regex.flags))
    except Exception:  # another Python's parser or compiler: run the expression as written
        return None
    if (not searchable or len(parsed.data) < 2 or _plain(parsed.data[0]) != _plain(alone.data[0])
            or parsed.getwidth()[0] == 0):
        return None
    return re.compile(regex.pattern[len(lead):], regex.flags), re.compile(lead, regex.flags)


def _plain(node):  # noqa: ANN001, ANN202 - a parsed item, compared by value
    """A parsed item as nested tuples (the parser's sub-patterns compare by identity)."""
    if hasattr(node, "data"):
        return tuple(_plain(x) for x in node.data)
    if isinstance(node, (tuple, list)):
        return tuple(_plain(x) for x in node)
    return node


@lru_cache(maxsize=None)
def scan_of(regex: re.Pattern) -> Scan:
    """How to run ``regex``: case-sensitively on the folded text when that finds exactly the
    same spans (see :func:`case_free`), else as it is; and not at all when none of its
    :func:`anchors` is in the text."""
    need = anchors(regex)
    on_folded = case_free(regex)
    if on_folded:
        regex = re.compile(regex.pattern, regex.flags & ~re.I)
    return Scan(regex, on_folded, need, *(split_lead(regex) or (None, None)))
