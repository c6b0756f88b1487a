"""What every normaliser shares: the :class:`Spec` a normaliser returns, its :class:`Context`,
and the small readers of numbers, units, months and modifiers (``parse_number("twenty-four")``,
``unit_code("weeks")``, ``duration_value(1.5, "Y")``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventdb.temporal.resources import lexicon as L


@dataclass(slots=True)
class Spec:
    """A normalised match: its TIMEX3 type, its rule, and how to find its anchor."""

    type: str
    rule: str
    anchor: str  # "none" | "dct" | "prev" (the previous calendar expression, else dct)
    keep_quarter: bool = False  # anchor to a nearby quarter expression ("a year ago" in earnings)
    prev_prec: tuple = ()  # for "prev": only anchors of these precisions (empty: any)
    fallback: str | None = None  # rule to use against the dct when no earlier anchor fits
    max_distance: int | None = None  # for "prev": how far back (chars) an anchor may be


@dataclass(slots=True)
class Context:
    """What a normaliser may look at besides its match: the whole text (for tense cues)."""

    text: str


MOD_WORDS = L.MOD_WORDS
APPROX = L.APPROXIMATORS


def norm(s: str | None) -> str:
    """A matched group in lower case with single spaces ("" when absent)."""
    return re.sub(r"\s+", " ", s.strip().lower()) if s else ""


def opts(mod: str | None = None, tod: str | None = None) -> str:
    """A rule's options: ``;mod=...`` and ``;tod=...`` when given (see ``rules``)."""
    return (f";mod={mod}" if mod else "") + (f";tod={tod}" if tod else "")


def mod_of(g: dict) -> str | None:
    """The TIMEX3 mod of a match's ``mod`` group ("early" -> START), if any."""
    return MOD_WORDS.get(norm(g.get("mod"))) if g.get("mod") else None


def month_number(word: str) -> int:
    w = word.rstrip(".")
    if w in L.MONTHS:
        return L.MONTHS[w]
    return L.MONTH_ABBR[w[:4] if w.startswith("Sept") else w[:3]]


def parse_number(s: str | None) -> float | None:
    """'three' -> 3, 'twenty-four' -> 24, '1,000' -> 1000, '5 1/2' -> 5.5; vague -> None."""
    s = norm(s)
    if not s:
        return None
    if s in L.NUMBERS:
        return L.NUMBERS[s]
    m = re.match(r"^(\d+)\s+1/2$", s)
    if m:
        return int(m.group(1)) + 0.5
    m = re.match(r"^(.+?) and a half$", s)
    if m:
        base = parse_number(m.group(1))
        return base + 0.5 if base is not None else None
    try:
        return float(s.replace(",", ""))
    except ValueError:
        pass
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in L.NUMBERS and parts[1] in L.NUMBERS:
        return L.NUMBERS[parts[0]] + L.NUMBERS[parts[1]]
    return None


def unit_code(word: str) -> str:
    w = word.lower()
    if w.endswith("ies"):
        w = w[:-3] + "ie"
    elif w.endswith("s") and w not in ("s",):
        w = w[:-1]
    if w == "centuri":
        w = "centurie"
    return L.UNITS[w]


def duration_value(n: float | None, code: str) -> str:
    """ISO duration for n units of ``code`` (D, W, TH...); None -> X (vague)."""
    if code == "W2":
        n, code = (None if n is None else 2 * n), "W"
    if n is None:
        if code == "DE":
            return "PXY"  # "decades": some number of years (TimeBank practice)
        return f"PTX{code[1]}" if code.startswith("T") else f"PX{code}"
    if n != int(n):
        # Halves go down one unit: 5.5 hours -> PT5H30M, 1.5 years -> P18M.
        if code == "TH":
            h = int(n)
            return f"PT{h}H30M" if h else "PT30M"
        if code == "TM":
            return f"PT{int(n)}M30S" if int(n) else "PT30S"
        if code == "D":
            return f"PT{int(n * 24)}H"
        if code == "Y":  # "2 1/2 years": P2Y6M (TimeBank), half a year: P6M
            return f"P{int(n)}Y6M" if int(n) else "P6M"
        if code == "M":
            return f"P{int(n * 30)}D"
        if code == "W":
            return f"P{int(n * 7)}D"
        if code == "DE":
            return f"P{int(n * 10)}Y"
        if code == "CE":
            return f"P{int(n * 100)}Y"
    n = int(n)
    if code == "DE":
        return f"P{10 * n}Y"  # TIMEX3 practice: "two decades" = P20Y
    if code == "CE":
        return f"P{100 * n}Y"
    return f"PT{n}{code[1]}" if code.startswith("T") else f"P{n}{code}"


def day_number(s: str) -> int:
    """'8', '8th' or 'eighth' -> 8."""
    m = re.match(r"\d+", s)
    return int(m.group(0)) if m else L.DAY_ORDINALS[norm(s).replace(" ", "-")]


def year_number(s: str) -> int:
    """'2014' -> 2014; two digits are 1930-2029 ('98' -> 1998)."""
    y = int(s)
    if len(s) == 2:
        y += 1900 if y >= 30 else 2000
    return y
