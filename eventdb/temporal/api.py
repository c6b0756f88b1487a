"""Public functions of the temporal engine (see the package docstring)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING

from eventdb.temporal import TemporalError
from eventdb.temporal.calendar import CalError, parse_cal
from eventdb.temporal.model import Resolved, Timex
from eventdb.temporal.rules import RuleError, offset_rule, resolve as _resolve

if TYPE_CHECKING:
    from eventdb.temporal.specs import Spec

__all__ = ["tag", "resolve", "dct_resolution", "parse_value", "interpret", "offset_rule",
           "tag_documents", "timex_dict"]

_CAL_PRECISIONS = {"day", "time", "week", "month", "quarter", "half", "season", "year",
                   "decade", "century", "millennium"}


#: Why a date cannot be computed: Python's calendar (and eventdb's) ends at 9999-12-31.
OUT_OF_RANGE = "the date would fall outside years 1-9999"


def resolve(rule: str, anchor: Resolved | None, *, strict: bool = False) -> Resolved:
    """Resolve a stored rule against an anchor's resolution (``None``: anchor unknown). Pure.

    A date past the calendar's ends ("Thursday" after 9999-12-31, "99999 years later") stays
    underspecified, as ``tag`` leaves it, so ``resolve`` keeps giving what ``tag`` gave; with
    ``strict`` (a curator's own input) it is a TemporalError saying so instead.
    """
    try:
        return _resolve(rule, anchor)
    except (RuleError, CalError) as e:
        raise TemporalError(str(e)) from None
    except (OverflowError, ValueError):  # date(), timedelta and int() out of their ranges
        if strict:
            raise TemporalError(OUT_OF_RANGE) from None
        return _resolve(rule, None)


def dct_resolution(dct: date | datetime | None) -> Resolved | None:
    """The resolution of a publication time: a day (or a minute, for a datetime)."""
    if dct is None:
        return None
    if isinstance(dct, datetime):
        return parse_cal(dct.isoformat(timespec="minutes")[:16])[1]  # %Y: no padding < 1000
    return parse_cal(dct.isoformat())[1]


def parse_value(text: str) -> Resolved:
    """A TIMEX3/ISO/EDTF value typed by a curator; TemporalError says why when it is invalid."""
    try:
        return parse_cal(text.strip())[1]
    except CalError as e:
        raise TemporalError(str(e)) from None


def _is_comparison(rule: str) -> bool:
    """A period a year or more before another ("a year ago", "the year-earlier quarter", "the
    1988 period" after "the third quarter")."""
    m = re.match(r"offset:-P(\d+)([YQ])", rule)
    return bool(m and (m.group(2) == "Y" or int(m.group(1)) >= 4)) or ":keep" in rule \
        or rule.startswith("inyear:")


def _pick_prev(prev: list[Timex], shadow: list[Resolved], spec: Spec, start: int,
               skip=None) -> int | None:
    """Index of the expression an anaphor refers to: the latest earlier calendar expression.

    Decided on ``shadow`` resolutions (against a fixed reference date), so the choice never
    depends on the publication date: re-resolving from another anchor keeps the same structure.
    ``skip(timex)`` rules out more candidates.
    """
    for i in range(len(prev) - 1, -1, -1):
        t, r = prev[i], shadow[i]
        if skip is not None and skip(t):
            continue
        if t.type not in ("DATE", "TIME") or r.precision not in _CAL_PRECISIONS or not r.is_resolved:
            continue
        if spec.prev_prec and r.precision not in spec.prev_prec:
            continue
        if (spec.prev_prec or _is_comparison(spec.rule)) and _is_comparison(t.rule):
            # a comparison period ("a year earlier") is not what "the quarter" means, nor what
            # another comparison ("a year earlier" after "year-earlier results") counts from
            continue
        if spec.max_distance is not None and start - t.end > spec.max_distance:
            return None
        return i
    return None


# Words of time that English writes in lower case: capitalised inside a sentence, they belong to
# a name or a title ("60 Minutes", ABC's "This Week", "High Noon", "VOA Today").
_COMMON_TIME_WORD = re.compile(
    r"(?:Seconds?|Minutes?|Hours?|Weeks?|Months?|Years?|Decades?|Century|Today|Tonight|Tomorrow|"
    r"Yesterday|Noon|Midnight|Now)$")
_WORD = re.compile(r"[\w'’]+")
_ORDINAL_CENTURY = re.compile(r"\b(?:\d{1,2}(?:st|nd|rd|th)|\w+(?:th|st))[\s-]Century$")
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")


def _titled(text: str, start: int, end: int) -> bool:
    """A time expression that is part of a name or title, told by its capitals."""
    words = _WORD.findall(text[start:end])
    if not words:
        return False
    if any(_COMMON_TIME_WORD.match(w) for w in words[1:]):
        # "the 20th Century" is the century (news capitalises it); "20th Century Fox" a name
        return not (_ORDINAL_CENTURY.search(text, start, end) and not _CAPITAL_NEXT.match(text, end))

    if len(words) == 1 and _COMMON_TIME_WORD.match(words[0]):
        before = text[max(0, start - 30):start]
        m = re.search(r"([\w'’]+)([^\w'’]*)$", before)
        # "VOA Today", "High Noon": a capitalised word just before, no sentence break between
        return bool(m and m.group(1)[:1].isupper() and not re.search(r"[.!?:;\"“”`'(\n]",
                                                                         m.group(2)))
    return False


#: Stand-in publication date for decisions that must not depend on the real one.
_REFERENCE = dct_resolution(date(2001, 7, 4))


def tag(text: str, dct: date | datetime | None) -> list[Timex]:
    """Every time expression in ``text``, resolved against the publication time ``dct``.

    Which expression anchors which, the rules and the types are decided without looking at
    ``dct`` (on resolutions against a fixed stand-in date), so ``resolve(rule, new_anchor)``
    always equals a fresh ``tag`` with the new publication date.
    """
    if not text:
        return []
    # The recognizer's tables load on the first tag(): a curator's ISO date (parse_value) and
    # re-resolution (resolve) never need them, so `eventdb set-date` starts without them.
    from eventdb.temporal.engine import candidates, select
    from eventdb.temporal.normalize import BUILDERS
    from eventdb.temporal.specs import Context, Spec
    from eventdb.temporal.tense import tense

    dct_res = dct_resolution(dct)
    ctx = Context(text)
    out: list[Timex] = []
    shadow: list[Resolved] = []

    def build(cand):
        if _titled(text, cand.start, cand.end):
            return None
        try:
            return BUILDERS[cand.pattern.build](cand.groups, cand, ctx, **cand.pattern.args)
        except (KeyError, ValueError, TypeError, IndexError):
            return None  # a table gap must never break tagging; the match is dropped

    for cand, spec in select(candidates(text), build):
        rule = spec.rule
        anchor_name: str | None = None
        i = None
        if spec.anchor != "none":
            anchor_name = "dct"
            if spec.keep_quarter:
                # "a year ago" near "the third quarter" (earnings news): that quarter a year before.
                # A comparison is with reported results, not with a forecast ("losses through
                # the third quarter of 1990" in a future clause is no "year-ago period" anchor).
                q = _pick_prev(out, shadow, Spec("DATE", "", "prev", prev_prec=("quarter",),
                                                 max_distance=300), cand.start,
                               skip=lambda t: tense(text, t.start, t.end) == "future")
                if q is not None:
                    i = q
                    if not rule.split(";")[0].endswith(":keep"):
                        head, sep, opts = rule.partition(";")
                        rule = head + ":keep" + sep + opts
            if i is None and spec.anchor == "prev":
                i = _pick_prev(out, shadow, spec, cand.start)
            if i is not None:
                anchor_name = f"timex:{i}"
            elif spec.fallback:
                rule = spec.fallback
                if rule.startswith("abs:"):
                    anchor_name = None
        if anchor_name is None:
            anchor_res, shadow_anchor = None, None
        elif i is None:
            anchor_res, shadow_anchor = dct_res, _REFERENCE
        else:
            anchor_res, shadow_anchor = out[i].resolved, shadow[i]
        try:
            shadow_res = _resolve(rule, shadow_anchor)
        except (RuleError, ValueError, OverflowError):
            continue
        try:
            res = _resolve(rule, anchor_res)
        except (RuleError, ValueError, OverflowError):
            res = _resolve(rule, None)  # out of the calendar's range: leave it underspecified
        typ = spec.type
        if typ == "DATE" and shadow_res.precision == "time":
            typ = "TIME"
        out.append(Timex(cand.start, cand.end, text[cand.start:cand.end], typ, rule,
                         anchor_name, res))
        shadow.append(shadow_res)
    return out


def timex_dict(t: Timex) -> dict:
    """The JSON form of the CLI: start, end, text, type, value, mod, precision, bounds, anchor."""
    r = t.resolved
    return {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": r.value,
            "mod": r.mod, "precision": r.precision,
            "earliest": r.earliest.isoformat() if r.earliest else None,
            "latest": r.latest.isoformat() if r.latest else None,
            "anchor": t.anchor, "rule": t.rule, "edtf": r.edtf}


def _parse_dct(s) -> date | datetime | None:
    if not s:
        return None
    if isinstance(s, (date, datetime)):
        return s
    s = str(s).strip()
    try:
        if len(s) > 10:
            dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
            return dt.replace(tzinfo=None)
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def tag_documents(lines: Iterable[str]) -> Iterator[dict]:
    """Stream ``{"id", "published", "text"}`` JSON lines to ``{"id", "timexes": [...]}`` dicts."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as e:
            raise TemporalError(f"line {n} is not JSON: {e.msg}") from None
        if not isinstance(doc, dict):
            raise TemporalError(f"line {n} is not a JSON object")
        dct = _parse_dct(doc.get("published") or doc.get("dct"))
        doc_id = doc.get("id", doc.get("doc"))
        yield {"id": doc_id, "timexes": [timex_dict(t) for t in tag(doc.get("text") or "", dct)]}


# --- interpret ----------------------------------------------------------------------------------
def interpret(text: str, anchor: Resolved | None) -> tuple[str, Resolved]:
    """Curator input -> ``(rule, Resolved)``: a value (``2014-06-24``) or a phrase ("the day before",
    "two days earlier", "Tuesday", "June 24", "next Monday") resolved against ``anchor``."""
    s = (text or "").strip()
    if not s:
        raise TemporalError("empty date")
    if re.match(r"^(?:\d{2,4}(?:-|X*$|$)|P[\dTX]|X|PRESENT_REF$|PAST_REF$|FUTURE_REF$)", s):
        r = parse_value(s)
        return f"abs:{s}", r
    s = re.sub(r"^(?:on|in|at|by|since|until|from|during|around)\s+", "", s, flags=re.I)
    found = [t for t in tag(s, None) if t.start <= 1 and t.end >= len(s.rstrip(".")) - 1]
    if not found:
        # Curators address an anchor: "the day before", "a week after" work like "earlier".
        alt = re.sub(r"\b(before|after)\s*$", lambda m: "earlier" if m.group(1) == "before"
                     else "later", s)
        if alt != s:
            found = [t for t in tag(alt, None) if t.start <= 2]
    rule: str | None = None
    if found:
        rule = found[0].rule
    else:
        rule = _dateparser_rule(s)
    if rule is None:
        raise TemporalError(f"not understood as a date: {s!r}")
    if rule.startswith("abs:"):
        return rule, resolve(rule, None, strict=True)
    if anchor is None:
        raise TemporalError(f"{s!r} is relative and its anchor date is unknown")
    return rule, resolve(rule, anchor, strict=True)


def _dateparser_rule(s: str) -> str | None:
    """Last resort: an absolute date dateparser understands (its period gives the precision)."""
    from eventdb.temporal.absolute import dateparser_cal
    if not re.search(r"\b\d{4}\b", s):
        return None  # without a year dateparser guesses ("9/11" -> September 2011)
    cal = dateparser_cal(s)
    return f"abs:{cal.value()}" if cal is not None else None
