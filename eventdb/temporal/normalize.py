"""Normalisers: turn one pattern match into ``(type, rule, anchor)``.

Each pattern of resources/patterns.py names a normaliser here (its ``build``). A normaliser reads
the match's named groups and its context (tense of the clause, earlier expressions) and returns a
:class:`Spec`, or ``None`` to drop the match (a trap such as "the second largest").
Absolute dates go through dateparser (``absolute.py``: its reported period sets the precision);
the tense of the clause around an expression comes from ``tense.py``.
"""

from __future__ import annotations

import re

from eventdb.temporal.absolute import dateparser_cal
from eventdb.temporal.calendar import Cal, parse_cal
from eventdb.temporal.durations import duration, duration_plural, every, frequency, recent_units, reference
from eventdb.temporal.resources import lexicon as L
from eventdb.temporal.specs import (APPROX, Spec, day_number, duration_value, mod_of, month_number, norm, opts,
                                    parse_number, unit_code, year_number)
from eventdb.temporal.tense import tense


# --- normalisers -------------------------------------------------------------------------------
def date_full(g, c, ctx):
    mon, d, y = month_number(g["month"]), day_number(g["day"]), year_number(g["year"])
    cal = dateparser_cal(f"{d} {list(L.MONTHS)[mon - 1]} {y}", ("%d %B %Y",))
    if cal is None or cal.prec != "day" or (cal.y, cal.a, cal.b) != (y, mon, d):
        try:
            cal = parse_cal(f"{y:04d}-{mon:02d}-{d:02d}")[0]
        except ValueError:
            return None
    return Spec("DATE", f"abs:{cal.value()}", "none")


def date_numeric(g, c, ctx):
    try:
        cal = parse_cal(f"{year_number(g['year']):04d}-{int(g['month']):02d}-{int(g['day']):02d}")[0]
    except ValueError:
        return None
    return Spec("DATE", f"abs:{cal.value()}", "none")


def _near_dir(ctx, c, default="pastish"):
    """Month names and month-days: the nearest one, unless the clause is clearly future.

    Past-tense cues are only trusted so far (``pastish``: on or before, or within six weeks
    after): reported speech ("said it would pay on Nov. 16") puts a past verb next to a date a
    few weeks ahead.
    """
    t = tense(ctx.text, c.start, c.end)
    # No cue at all: news mostly narrates what has happened, so the same "pastish" reading
    # (the nearest choice tied half a year away goes to the past: "a record set on Aug. 6").
    return {"future": "future", "past": "pastish"}.get(t, default)


def _dir(ctx, c, default):
    t = tense(ctx.text, c.start, c.end)
    return t or default


def date_md(g, c, ctx):
    mon, d = month_number(g["month"]), day_number(g["day"])
    if d > 31 or (mon == 2 and d > 29) or (mon in (4, 6, 9, 11) and d > 30):
        return None
    wd = f";wd={L.WEEKDAYS[g['wd']]}" if g.get("wd") else ""
    # with a weekday ("Monday, Oct. 26") the year is the nearest one in which the two agree
    direction = _near_dir(ctx, c, "near" if wd else "pastish")
    return Spec("DATE", f"monthday:{mon}:{d}:{direction}{wd}", "dct")


def week_of(g, c, ctx):
    """"the week of March 6": the ISO week that contains the day."""
    spec = date_full(g, c, ctx) if g.get("year") else date_md(g, c, ctx)
    if spec is not None:
        spec.rule += ";at=week"
    return spec


def dom(g, c, ctx):
    s = norm(g["day"])
    d = day_number(s) if s[0].isdigit() else L.ORDINALS.get(s) or [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth"].index(s) + 1
    return Spec("DATE", f"dom:{d}:{_dir(ctx, c, 'near')}", "dct")


def _year_of(g) -> int:
    """The year group, in digits or in words ("nineteen ninety-four")."""
    return int(g["year"]) if g.get("year") else _spelled_year(g["yword"])


def month_year(g, c, ctx):
    mon, y = month_number(g["month"]), _year_of(g)
    cal = dateparser_cal(f"{list(L.MONTHS)[mon - 1]} {y}", ("%B %Y",))
    if cal is None or (cal.prec, cal.y, cal.a) != ("month", y, mon):
        cal = Cal("month", y, mon)
    return Spec("DATE", f"abs:{cal.value()}" + opts(mod_of(g)), "none")


def month_rel_year(g, c, ctx):
    n = {"last": -1, "this": 0, "next": 1}[norm(g["rel"])]
    return Spec("DATE", f"month:{month_number(g['month'])}:y{n:+d}", "dct")


_MONTH_PREP = re.compile(r"\b(?:in|since|until|till|by|of|during|through|from|to|before|after|"
                         r"early|late|mid|last|next|this|that|each|every|between|and|or)\W*$", re.I)
_NOT_A_MONTH_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+|on|to|against|through|toward|towards|into|"
                                r"past|with|for|across)\b")


_DEADLINE_PREP = re.compile(r"\b(?:by|until|till|through)\s+(?:early\s+|mid-?|late\s+)?$", re.I)


def month(g, c, ctx):
    if not g.get("rel") and not g.get("mod") and not g.get("pre"):
        # A capitalised month word with no preposition before it: "April Ryan" (a name),
        # "March on Washington" (a verb) are not months.
        before = ctx.text[max(0, c.start - 20):c.start]
        if not _MONTH_PREP.search(before) and _NOT_A_MONTH_AFTER.match(ctx.text, c.end):
            return None
    rel = norm(g.get("rel")).replace("the ", "")
    direction = {"last": "last", "previous": "last", "past": "last", "next": "next",
                 "following": "next", "coming": "future", "this": "this"}.get(rel)
    if direction is None:
        direction = _near_dir(ctx, c)
        if _DEADLINE_PREP.search(ctx.text[max(0, c.start - 20):c.start]):
            # "will double its flights by August": a deadline looks ahead unless the clause
            # before it is past ("had been repaid by February"); what follows does not count
            direction = "pastish" if tense(ctx.text[:c.end], c.start, c.end) == "past" else "future"
    anchor = "prev" if rel in ("previous", "following") else "dct"
    return Spec("DATE", f"month:{month_number(g['month'])}:{direction}" + opts(mod_of(g)), anchor)


def year(g, c, ctx):
    y = int(g["year"])
    text = ctx.text
    # Not a year: part of a number, a count ("1990 members" is rare; "$1990" is excluded by re).
    after = text[c.end:c.end + 12].lower()
    if re.match(r"\s*(?:members|people|troops|soldiers|workers|shares|units|cars|jobs|acres|"
                r"feet|meters|metres|miles|km|tons|votes|seats|points|dollars|euros|yuan|"
                r"yen|pounds|barrels)\b", after):
        return None
    before = text[max(0, c.start - 6):c.start].lower()
    if re.search(r"(?:no\.|#|\$|€|£|route|page|room|flight)\s*$", before):
        return None
    mod = mod_of(g)
    return Spec("DATE", f"abs:{y:04d}" + opts(mod), "none")


def year_short(g, c, ctx):
    """ "58" of "1957-58": the year after ``first`` that ends in these two digits."""
    first = int(g["first"])
    y = first - first % 100 + int(g["yy"])
    if y <= first:
        y += 100
    return Spec("DATE", f"abs:{y:04d}", "none") if y - first <= 10 else None


_DECADE_WORDS = {"twenties": 192, "thirties": 193, "forties": 194, "fifties": 195, "sixties": 196,
                 "seventies": 197, "eighties": 198, "nineties": 199}


def decade(g, c, ctx):
    if g.get("word"):
        return Spec("DATE", f"abs:{_DECADE_WORDS[norm(g['word'])]}" + opts(mod_of(g)), "none")
    if g.get("dec"):
        dec = int(g["dec"]) // 10
    else:
        d2 = int(g["d2"])
        dec = (1900 + d2) // 10 if d2 >= 20 else (2000 + d2) // 10
    return Spec("DATE", f"abs:{dec:03d}" + opts(mod_of(g)), "none")


def century(g, c, ctx):
    s = norm(g["ord"])
    n = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}.get(s) or day_number(s)
    return Spec("DATE", f"abs:{n - 1:02d}", "none")


_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
        "latter": 2, "last": 2, "q1": 1, "q2": 2, "q3": 3, "q4": 4}


def _rel_year(g, key):
    r = norm(g.get(key))
    return {"this": 0, "last": -1, "next": 1}.get(r) if r else None


def quarter(g, c, ctx):
    q = _ORD[norm(g["q"])]
    y = g.get("year") or g.get("year2")
    if y:
        return Spec("DATE", f"abs:{int(y):04d}-Q{q}", "none")
    ry = _rel_year(g, "ryear")
    if ry is None:
        ry = _rel_year(g, "ryear2")
    if ry is not None:
        return Spec("DATE", f"quarter:{q}:y{ry:+d}", "dct")
    rel = norm(g.get("rel"))
    if rel in ("year-earlier", "year-ago"):
        return Spec("DATE", f"quarter:{q}:y-1", "dct")
    if rel in ("next", "coming"):
        return Spec("DATE", f"quarter:{q}:next", "dct")
    if rel in ("last", "previous", "past"):
        return Spec("DATE", f"quarter:{q}:last", "dct")
    return Spec("DATE", f"quarter:{q}:past", "dct")


def half(g, c, ctx):
    h = _ORD[norm(g["h"])] if g.get("h") else (1 if norm(g["h2"]) == "first" else 2)
    if g.get("dec") or g.get("d2"):  # "the last half of the '80s": the decade (no half code)
        return decade({"dec": g.get("dec"), "d2": g.get("d2"),
                       "mod": "early" if h == 1 else "late"}, c, ctx)
    if g.get("year"):
        return Spec("DATE", f"abs:{int(g['year']):04d}-H{h}", "none")
    ry = _rel_year(g, "ryear")
    if ry is not None:
        return Spec("DATE", f"half:{h}:y{ry:+d}", "dct")
    return Spec("DATE", f"half:{h}:{_dir(ctx, c, 'past')}", "dct")


def year_of_period(g, c, ctx):
    """"the 1988 period" after "the third quarter": the same quarter in 1988; else the year."""
    return Spec("DATE", f"inyear:{int(g['year']):04d}", "prev", prev_prec=("quarter", "half"),
                max_distance=400, fallback=f"abs:{int(g['year']):04d}")


def season(g, c, ctx):
    s = L.SEASONS[norm(g["season"])]
    mod = mod_of(g)
    if g.get("year") or g.get("yword"):
        return Spec("DATE", f"abs:{_year_of(g):04d}-{s}" + opts(mod), "none")
    rel = norm(g.get("rel"))
    direction = {"last": "last", "past": "last", "next": "next", "coming": "future",
                 "this": "this"}.get(rel) or _dir(ctx, c, "near")
    return Spec("DATE", f"season:{s}:{direction}" + opts(mod), "dct")


_GENERIC_TODAY = re.compile(r"(?:'s|’s)\s+(?:" + "|".join(L.GENERIC_TODAY_NOUNS) + r")\b", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|shall|to)\s+$", re.I)


def fixed(g, c, ctx, words):
    if norm(g["word"]) == "today" and _GENERIC_TODAY.match(ctx.text, c.end):
        return None  # "today's youth": nowadays, no day
    rule = words.get(norm(g["word"])) or "abs:PXX"  # an empty table: a duration of unknown size
    mod = mod_of(g)
    tod = L.PARTS_OF_DAY.get(norm(g.get("tod")))
    typ = "TIME" if (tod or ";tod=" in rule) else c.pattern.type
    return Spec(typ, rule + opts(mod, tod), "dct")


_REL_N = {"this": 0, "current": 0, "same": 0, "last": -1, "past": -1, "previous": -1,
          "prior": -1, "latest": -1, "next": 1, "coming": 1, "following": 1}
_UNIT_CODE = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE",
              "century": "CE", "day": "D"}


def relunit(g, c, ctx, rel=None, unit=None):
    rel = rel or norm(g.get("rel"))
    unit = unit or norm(g.get("unit"))
    mod = mod_of(g)
    if mod is None and g.get("mod"):
        m = norm(g["mod"])
        mod = "END" if m.startswith("year") or "end" in m else None
    n = _REL_N[rel]
    if unit == "weekend":
        return weekend({"rel": rel}, c, ctx)
    anchor = "prev" if rel in ("following", "same", "prior") else "dct"
    code = _UNIT_CODE[unit]
    if rel in ("past", "last") and code in ("DE", "CE") and not mod:
        # "the past decade": the ten years up to now (a duration), not the 2000s.
        return Spec("DURATION", f"dur:{duration_value(1, code)}:before", "dct")
    return Spec("DATE", f"offset:{n:+d}".replace("+", "+P").replace("-", "-P") + code + opts(mod),
                anchor)


_DEICTIC_DAY = {"yesterday": "offset:-P1D", "today": "offset:+P0D", "tomorrow": "offset:+P1D"}


def part_of_day(g, c, ctx):
    """"mid-afternoon (yesterday)": that part of the day just narrated, else of the dct's day."""
    tod = ";tod=" + L.PARTS_OF_DAY[norm(g["tod"])]
    if g.get("word"):
        return Spec("TIME", _DEICTIC_DAY[norm(g["word"])] + tod, "dct")
    return Spec("TIME", "offset:+P0D" + tod, "prev", prev_prec=("day", "time"), max_distance=250)


def weekend(g, c, ctx):
    rel = norm(g.get("rel"))
    direction = {"last": "last", "past": "last", "next": "next", "coming": "future",
                 "this": "near"}.get(rel) or _dir(ctx, c, "past")
    return Spec("DATE", f"weekend:{direction}", "dct")


def _amount(g):
    n = parse_number(g.get("num"))
    if n is None or n != int(n):
        return None
    return int(n)


def ago(g, c, ctx):
    code = unit_code(g["unit"])
    n = _amount(g)
    if n is None:
        return Spec("DATE", "abs:PAST_REF", "none")
    if code.startswith("T"):
        return Spec("TIME", f"offset:-P{code[0]}{n}{code[1]}", "dct")
    if code == "W2":
        n, code = 2 * n, "W"
    mod = APPROX.get(norm(g.get("approx")))
    # "less than two weeks ago" is within them (not "nearly two years ago", also LESS_THAN)
    within = ";within" if norm(g.get("approx")) in ("less than", "fewer than") else ""
    return Spec("DATE", f"offset:-P{n}{code}" + opts(mod) + within, "dct", keep_quarter=(code == "Y"))


def later(g, c, ctx, num=None, unit=None):
    """"two days later", "a year earlier" (anaphoric), "the year-ago quarter" (adjectival)."""
    code = unit_code(unit or g["unit"])
    noun = norm(g.get("noun") or g.get("noun2"))
    vague = num is None and norm(g.get("num")) in {norm(v) for v in L.VAGUE_QUANTITIES}
    if num is not None:  # year-ago / year-earlier adjectives: a quarter nearby, else the dct
        if noun in ("quarter", "period"):
            return Spec("DATE", "offset:-P1Y", "dct", keep_quarter=True, fallback="offset:-P5Q")
        return Spec("DATE", "offset:-P1Y", "dct", keep_quarter=True)
    n = _amount({"num": num or g.get("num")})
    if n is None and not vague:
        return None
    d = norm(g.get("dir") or g.get("dir2"))
    if vague:  # "a few days later": after the anchor by an unknown amount
        code = code if not code.startswith("T") else code[1] and "D"
        return Spec("DATE", f"offset:{'+' if d in ('later', 'after', 'afterward', 'afterwards') else '-'}P?{code}",
                    "prev", max_distance=400)
    sign = "+" if d in ("later", "after", "afterward", "afterwards") else "-"
    if code.startswith("T"):
        return Spec("TIME", f"offset:{sign}P{code[0]}{n}{code[1]}", "prev")
    if code == "W2":
        n, code = 2 * n, "W"
    mod = APPROX.get(norm(g.get("approx")))
    return Spec("DATE", f"offset:{sign}P{n}{code}:keep" + opts(mod), "prev",
                keep_quarter=(code == "Y"), max_distance=400)


def anaphor(g, c, ctx, words):
    rule = words[norm(g["word"])]
    typ = "TIME" if ";tod=" in rule else "DATE"
    return Spec(typ, rule, "prev")


def period_anaphor(g, c, ctx):
    """"the quarter", "the latest quarter": the quarter just mentioned, else the last full one."""
    word = norm(g["word"])
    if word == "current":
        return Spec("DATE", "offset:+P0Q", "dct")
    if word in ("latest", "most recent", "recent") and norm(g["unit"]) == "quarter":
        return Spec("DATE", "offset:-P1Q", "dct")  # the last completed quarter
    return Spec("DATE", "offset:+P0Q", "prev", prev_prec=("quarter",), fallback="offset:-P1Q",
                max_distance=1500)


def weekday(g, c, ctx):
    if re.match(L.WEEKDAY_NAMES_AFTER, ctx.text[c.end:c.end + 20]) or \
            re.search(L.WEEKDAY_NAMES_BEFORE, ctx.text[max(0, c.start - 20):c.start]):
        return None  # "the Sunday Times", "Bloody Sunday": names, not days
    wd = L.WEEKDAYS[g["wd"]]
    rel = norm(g.get("rel")).replace("the ", "")
    direction = {"last": "last", "past": "last", "previous": "last", "next": "next",
                 "following": "next", "coming": "future"}.get(rel)
    if direction is None:
        # "Wednesday's ruling": a possessive weekday names an event the news reports, past
        # whatever the tense around it ("they would look for ways around Wednesday's ruling");
        # all 25 of TBAQ, MEANTIME and the SemEval set are.
        direction = "past" if g.get("post") else _dir(ctx, c, "past")
    tod = L.PARTS_OF_DAY.get(norm(g.get("tod")))
    mod = mod_of(g)
    # "the previous Friday", "the following Monday": before/after the day just narrated (TimeML:
    # an anaphoric expression resolves against the temporal focus), else the publication date.
    anchor = "prev" if rel in ("previous", "following") else "dct"
    return Spec("TIME" if tod else "DATE", f"weekday:{wd}:{direction}" + opts(mod, tod), anchor,
                prev_prec=("day",) if anchor == "prev" else ())


def weekday_set(g, c, ctx):
    wd = g.get("wd") or g.get("wd3") or (g.get("wd2") or "")[:-1]
    tod = g.get("tod") or g.get("tod2") or g.get("tod3")
    tod = L.PARTS_OF_DAY.get(norm(tod).rstrip("s")) if tod else None
    v = f"XXXX-WXX-{L.WEEKDAYS[wd]}" + (f"T{tod}" if tod else "")
    return Spec("SET", f"abs:{v}", "none")


def clock(g, c, ctx):
    w = norm(g.get("word"))
    if w:
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[w]
    elif g.get("part"):  # "4 in the morning", "ten in the evening"
        hh, mm = int(parse_number(g["h"])), 0
        part = norm(g["part"])
        if part in ("afternoon", "evening") or (part == "night" and hh >= 6):
            hh = hh % 12 + 12
        elif hh == 12:
            hh = 24 if part == "night" else 0
    else:
        hh, mm = int(g.get("h") or g["hm"]), int(g["m"] or 0)  # hm: military "1630 GMT"
        if not g.get("h24"):
            if hh > 12 or hh == 0:
                return None
            pm = norm(g["ampm"]).startswith("p")
            hh = (hh % 12) + (12 if pm else 0)
    tod = f"{hh:02d}:{mm:02d}"
    if norm(g.get("h24") or g.get("tz")) in ("utc", "gmt"):
        tod += "Z"  # ISO 8601: UTC
    if g.get("month"):
        md = date_md(g, c, ctx)
        return Spec("TIME", md.rule + f";tod={tod}", "dct") if md else None
    wd = g.get("wd") or g.get("wd2")  # "10:35 a.m. (0735 GMT) Friday": Friday's 10:35
    if wd:
        return Spec("TIME", f"weekday:{L.WEEKDAYS[wd]}:{_dir(ctx, c, 'past')};tod={tod}", "dct")
    # A bare clock time belongs to the day just mentioned, else to the publication day.
    return Spec("TIME", f"offset:+P0D;tod={tod}", "prev", prev_prec=("day", "time"),
                max_distance=250)


def holiday(g, c, ctx):
    w = norm(g["word"])
    rel = norm(g.get("rel"))
    direction = {"last": "last", "next": "next", "this": "near"}.get(rel) or _dir(ctx, c, "past")
    if w in L.HOLIDAYS:
        m, d = L.HOLIDAYS[w]
        return Spec("DATE", f"monthday:{m}:{d}:{direction}", "dct")
    if w in L.MOVABLE_HOLIDAYS:
        return Spec("DATE", f"{L.MOVABLE_HOLIDAYS[w]}:{direction}", "dct")
    return None


_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}


def spelled_year(g, c, ctx):
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001."""
    return Spec("DATE", f"abs:{_spelled_year(g['word']):04d}", "none")


def _spelled_year(s: str) -> int:
    words = [w for w in re.split(r"[\s-]+", norm(s)) if w not in ("hundred", "and")]
    if words[:2] == ["two", "thousand"]:
        y = 2000 + sum(_SMALL.get(w, 0) for w in words[2:])
    else:
        rest = words[1:]
        n = 0
        for w in rest:
            n += L.NUMBERS.get(w, _SMALL.get(w, 0))
        y = 1900 + n
    return y


#: The normalisers a pattern may name as its ``build``.
BUILDERS = {fn.__name__: fn for fn in (
    ago, anaphor, century, clock, date_full, date_md, date_numeric, decade, dom, duration,
    duration_plural, every, fixed, frequency, half, holiday, later, month, month_rel_year,
    month_year, part_of_day, period_anaphor, quarter, recent_units, reference, relunit, season, spelled_year,
    year_short,
    weekday, weekday_set, weekend, week_of, year, year_of_period,
)}
