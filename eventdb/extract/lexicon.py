"""Load the extraction lexicons (data files in ``resources/``) once, as plain lookup tables.

The rules of the engine live in code; every list of words they consult lives in a data file so
it can be reviewed and extended without touching the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("eventdb.extract").joinpath("resources", name).read_text("utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@dataclass(frozen=True, slots=True)
class Known:
    """A participant known in advance: its canonical name, kind and every alias."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class Lexicon:
    known: dict[str, Known] = field(default_factory=dict)  # any surface form -> entry
    demonyms: dict[str, Known] = field(default_factory=dict)  # "Syrian" -> Syria
    titles: set[str] = field(default_factory=set)
    max_title_words: int = 1
    reporting: set[str] = field(default_factory=set)
    verbs: set[str] = field(default_factory=set)
    not_verbs: set[str] = field(default_factory=set)
    nominals: dict[str, str] = field(default_factory=dict)
    stopcaps: set[str] = field(default_factory=set)
    boilerplate: list[re.Pattern[str]] = field(default_factory=list)
    known_re: re.Pattern[str] | None = None
    #: The boilerplate expressions split by where they can match: at a line's start only
    #: (tried there alone), or anywhere (tried only when one of their literals is in the line).
    boilerplate_start: re.Pattern[str] | None = None
    boilerplate_inside: re.Pattern[str] | None = None
    kind_words: dict[str, str] = field(default_factory=dict)
    market_words: set[str] = field(default_factory=set)  # "Exchange", "Index": a market's name
    connectors: set[str] = field(default_factory=set)
    pronouns: dict[str, str] = field(default_factory=dict)
    adjectives: set[str] = field(default_factory=set)
    first_names: set[str] = field(default_factory=set)
    given_sex: dict[str, str] = field(default_factory=dict)  # given name -> "f", "m" or "fm"
    ref_sex: dict[str, str] = field(default_factory=dict)  # "she", "actress" -> "f"; "he" -> "m"
    stand_for: set[str] = field(default_factory=set)
    modifier_nouns: set[str] = field(default_factory=set)
    occasion_nouns: set[str] = field(default_factory=set)  # "Conference": a name of a gathering
    product_nouns: dict[str, str] = field(default_factory=dict)  # "airliner" -> "aircraft"
    maker_nouns: set[str] = field(default_factory=set)  # "jets": a name before it is their maker


def _add(lex: Lexicon, entry: Known) -> None:
    for form in (entry.name, *entry.aliases):
        lex.known.setdefault(form, entry)


def _union(expressions: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{e})" for e in expressions), re.I) if expressions else None


def _at_start(regex: re.Pattern[str]) -> bool:
    """True when every match of ``regex`` starts at the beginning of the string (a leading ``^``
    in each alternative, no MULTILINE): searching it is matching it there."""
    from re import _parser  # re's own parser; any surprise means "no"
    try:
        seq = _parser.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - the expression compiled already
        return False
    if regex.flags & re.M:
        return False
    at_begin = (_parser.AT, _parser.AT_BEGINNING)
    if len(seq) == 1 and seq[0][0] is _parser.BRANCH:
        return all(len(b) and b[0] == at_begin for b in seq[0][1][1])
    return len(seq) > 0 and seq[0] == at_begin


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    for ln in _lines("countries.tsv"):
        cols = (ln.split("\t") + ["", ""])[:3]
        name, aliases, demonyms = cols[0], [a for a in cols[1].split("|") if a], [d for d in cols[2].split("|") if d]
        entry = Known(name, "place", tuple(aliases))
        _add(lex, entry)
        for d in demonyms:
            lex.demonyms[d] = entry
    # ISO 3166 countries (resources/iso_countries.tsv, scripts/build_countries.py from pycountry):
    # the ones the hand table lacks, and the ISO names of those it has ("Russian Federation")
    for ln in _lines("iso_countries.tsv"):
        forms = [f for f in (ln.split("\t") + [""])[:2] if f]
        forms = [forms[0], *(forms[1].split("|") if len(forms) > 1 else ())]
        have = next((lex.known[f] for f in forms if f in lex.known), None)
        if have is None:
            _add(lex, Known(forms[0], "place", tuple(forms[1:])))
        else:
            for f in forms:
                lex.known.setdefault(f, have)
    for ln in _lines("places.tsv"):
        cols = (ln.split("\t") + [""])[:2]
        _add(lex, Known(cols[0], "place", tuple(a for a in cols[1].split("|") if a)))
    for ln in _lines("organisations.tsv"):
        cols = (ln.split("\t") + ["", ""])[:3]
        _add(lex, Known(cols[0], cols[1], tuple(a for a in cols[2].split("|") if a)))
    lex.titles = set(_lines("titles.txt"))
    lex.max_title_words = max(len(t.split()) for t in lex.titles)
    lex.reporting = {w.lower() for w in _lines("reporting_verbs.txt")}
    lex.verbs = {w.lower() for w in _lines("verbs.txt")}
    lex.not_verbs = {w.lower() for w in _lines("not_verbs.txt")}
    for ln in _lines("nominals.tsv"):
        head, kind, *sex = ln.split("\t")
        lex.nominals[head] = kind
        if sex:
            lex.ref_sex[head] = sex[0]
    lex.stopcaps = set(_lines("stopcaps.txt"))
    lex.kind_words = dict(ln.split("\t") for ln in _lines("kind_words.tsv"))
    lex.market_words = set(_lines("market_words.txt"))
    lex.connectors = set(_lines("connectors.txt"))
    for ln in _lines("pronouns.tsv"):
        word, kind, *sex = ln.split("\t")
        lex.pronouns[word] = kind
        if sex:
            lex.ref_sex[word] = sex[0]
    lex.adjectives = set(_lines("adjectives.txt"))
    lex.stand_for = set(_lines("stand_for.txt"))
    lex.modifier_nouns = set(_lines("modifier_nouns.txt"))
    lex.occasion_nouns = set(_lines("occasion_nouns.txt"))
    for ln in _lines("product_nouns.tsv"):
        cols = ln.split("\t")
        lex.product_nouns[cols[0]] = cols[1]
        if cols[2:] == ["maker"]:
            lex.maker_nouns.add(cols[0])
    lex.first_names = {w for ln in _lines("first_names.txt") for w in ln.split()}
    # the census list (resources/given_names.txt, scripts/build_given_names.py) adds the rest
    for ln in _lines("given_names.txt"):
        name, sexes = ln.split("\t")
        lex.first_names.add(name)
        lex.given_sex[name] = sexes
    lex.boilerplate = [re.compile(p, re.I) for p in _lines("boilerplate.txt")]
    lex.boilerplate_start = _union([p.pattern for p in lex.boilerplate if _at_start(p)])
    lex.boilerplate_inside = _union([p.pattern for p in lex.boilerplate if not _at_start(p)])
    # One alternation over every known surface form, longest first, so "Islamic State of Iraq
    # and the Levant" wins over "Islamic State"; case-sensitive (so "IS" is not "is").
    forms = sorted(lex.known, key=len, reverse=True)
    lex.known_re = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
    return lex
