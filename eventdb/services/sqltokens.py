"""The lexical skeleton of one SQL statement: literals, quoted names and comments kept whole.

Used by ``eventdb sql`` for two things that are not security: the first keyword (so a write is
refused with a message that names it) and, on PostgreSQL, the ``:name`` placeholders outside
literals (rewritten to the server's ``$n``). What runs, and whether it may write, the database
decides: PostgreSQL receives the statement through the extended query protocol, which refuses a
second statement whatever the quoting; SQLite's own tokenizer binds ``:name`` there.

PostgreSQL forms covered: ``'…'`` with ``''``, ``E'…'`` with backslash escapes, ``U&'…'``,
``B'…'``, ``X'…'``, ``N'…'``, ``$tag$…$tag$`` (tags may be non-ASCII), ``"…"`` and ``U&"…"``,
``--`` comments and nested ``/* */`` comments; ``::`` is a cast, never a placeholder. The
statement runs with ``standard_conforming_strings`` on, as this lexer reads it. SQLite forms:
``'…'``, ``"…"``, `` `…` ``, ``[…]``, ``--`` and (non-nested) ``/* */``. An unterminated literal
runs to the end of the text; the database then reports it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# PostgreSQL's identifier characters: ASCII letters, _, and any non-ASCII character.
_START = r"A-Za-z_\u0080-\U0010ffff"
_WORD = re.compile(rf"[{_START}][{_START}0-9$]*")

_PG_LITERALS = [
    ("string", re.compile(r"[Ee]'(?:[^'\\]|\\.|'')*(?:'|\Z)", re.S)),
    ("string", re.compile(r"(?:[Uu]&|[BbXxNn])?'(?:[^']|'')*(?:'|\Z)", re.S)),
    ("quoted", re.compile(r'(?:[Uu]&)?"(?:[^"]|"")*(?:"|\Z)', re.S)),
]
_SQLITE_LITERALS = [
    ("string", re.compile(r"[Xx]?'(?:[^']|'')*(?:'|\Z)", re.S)),
    ("quoted", re.compile(r'"(?:[^"]|"")*(?:"|\Z)', re.S)),
    ("quoted", re.compile(r"`(?:[^`]|``)*(?:`|\Z)", re.S)),
    ("quoted", re.compile(r"\[[^\]]*(?:\]|\Z)", re.S)),
]
_DOLLAR_TAG = re.compile(rf"\$(?:[{_START}][{_START}0-9]*)?\$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # space, comment, string, quoted, word, param, other
    text: str
    start: int


def _comment_end(sql: str, i: int, nested: bool) -> int:
    """The end of the ``/*`` comment starting at ``i`` (PostgreSQL nests them, SQLite does not)."""
    depth, j = 0, i
    while j < len(sql):
        if sql.startswith("/*", j):
            depth = depth + 1 if nested or depth == 0 else depth
            j += 2
        elif sql.startswith("*/", j):
            depth -= 1
            j += 2
            if depth == 0:
                return j
        else:
            j += 1
    return len(sql)


def tokens(sql: str, dialect: str) -> Iterator[Token]:
    """Every piece of ``sql``, in order; joined, their texts give ``sql`` back."""
    pg = dialect == "postgresql"
    literals = _PG_LITERALS if pg else _SQLITE_LITERALS
    i, n = 0, len(sql)
    while i < n:
        if m := _SPACE.match(sql, i):
            yield Token("space", m.group(), i)
            i = m.end()
            continue
        if sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end < 0 else end
            yield Token("comment", sql[i:end], i)
            i = end
            continue
        if sql.startswith("/*", i):
            end = _comment_end(sql, i, nested=pg)
            yield Token("comment", sql[i:end], i)
            i = end
            continue
        for kind, pattern in literals:
            if m := pattern.match(sql, i):
                yield Token(kind, m.group(), i)
                i = m.end()
                break
        else:
            if pg and (m := _DOLLAR_TAG.match(sql, i)):
                close = sql.find(m.group(), m.end())
                end = n if close < 0 else close + len(m.group())
                yield Token("string", sql[i:end], i)
                i = end
            elif m := _WORD.match(sql, i):
                yield Token("word", m.group(), i)
                i = m.end()
            elif sql.startswith("::", i):
                yield Token("other", "::", i)
                i += 2
            elif sql[i] == ":" and (m := _WORD.match(sql, i + 1)):
                yield Token("param", sql[i:m.end()], i)
                i = m.end()
            else:
                yield Token("other", sql[i], i)
                i += 1


def first_keyword(sql: str, dialect: str) -> str:
    """The statement's first word (after comments and opening parentheses), lower case, or ''."""
    for token in tokens(sql, dialect):
        if token.kind in ("space", "comment") or token.text == "(":
            continue
        return token.text.lower() if token.kind == "word" else ""
    return ""


def is_blank(sql: str, dialect: str) -> bool:
    """Only spaces, comments and semicolons: no statement at all."""
    return all(t.kind in ("space", "comment") or t.text == ";" for t in tokens(sql, dialect))


def numbered_placeholders(sql: str) -> tuple[str, list[str]]:
    """PostgreSQL: ``sql`` with each ``:name`` outside literals as ``$n``, and the names in order.

    The same name is the same ``$n`` every time it appears.
    """
    names: list[str] = []
    out: list[str] = []
    for token in tokens(sql, "postgresql"):
        if token.kind == "param":
            name = token.text[1:]
            if name not in names:
                names.append(name)
            out.append(f"${names.index(name) + 1}")
        else:
            out.append(token.text)
    return "".join(out), names
