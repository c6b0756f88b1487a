"""Dating rules: which time node dates each event, how the date was obtained, how sure we are.

Per clause, first rule that applies:

1. explicit: a calendar time expression inside the clause ("on Thursday", "in 2004");
   the relation is BEFORE/AFTER/DURING when a preposition says so ("before June 1").
2. inferred: a clause that continues an explicitly dated clause of the same sentence ("stated on
   Thursday | that it had signed ...", "said last Friday ... | adding that he was sending") takes
   its date.
3. publication: a reporting verb ("said", "told") is at publication unless dated.
4. narrative: a past-tense clause in a sentence that continues a dated narrative (the sentence
   before, same paragraph, was explicitly dated with a date other than publication) takes it.
5. publication: news convention, a reported event happened on or shortly before publication.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache

from eventdb.extract.clauses import STOP, Clause
from eventdb.extract.lexicon import lexicon
from eventdb.extract.model import Extraction, TimeLink
from eventdb.temporal.folding import fold, scan_of
from eventdb.temporal.model import Resolved, Timex

_CALENDAR = re.compile(r"^\d{3,4}(-(\d\d|W\d\d|Q\d|H\d|SU|SP|FA|WI)(-\d\d)?)?(T[\d:]+)?$")
_BEFORE = re.compile(r"\b(before|by|until|till|prior to|ahead of)\s+(the\s+)?$", re.I)
_NOT_UNTIL = re.compile(r"\b(?:not|n't|never)\b[^.;:!?]{0,40}?\b(?:until|till)\s+(?:the\s+)?$", re.I)
_AFTER = re.compile(r"\b(after|since|following)\s+(the\s+)?$", re.I)
_DURING = re.compile(r"\b(during|throughout)\s+(the\s+)?$", re.I)
#: "since X" after a superlative opens a comparison window, it is not the event's time: "its
#: worst fall since 1987", "the lowest level since October 9, 2002", "the first time since 2001".
#: (A state "has been fighting cancer since 2004" does start then: plain "since" still dates.)
_WINDOW_START = re.compile(r"\b(?:worst|best|lowest|highest|biggest|largest|smallest|steepest|sharpest|strongest|"
                           r"weakest|deepest|heaviest|fastest|slowest|first\s+time|most|least|greatest)\b"
                           r"[^.;:!?]{0,60}?\bsince\s+(?:the\s+)?$", re.I)

#: Rule 4 carries only a recent day: an explicit day at most this many days before publication
#: ("on Friday"); years and months mentioned as background ("in 2003") do not start a narrative.
NARRATIVE_DAYS = 10
#: Rule 4 applies to reporting clauses too ("Jobs said", after "on Friday, Jobs unveiled ...").
NARRATIVE_REPORTING = True
#: How many opening sentences (headline included) may hold the day of the lead event.
LEAD_SENTENCES = 4
#: Rule 4 applies inside direct speech too.
NARRATIVE_QUOTES = True
#: A time said not to be the event's: "in 2020, not 2015 as previously hoped", "not in 2015 but in
#: 2020", "rather than 2015", "instead of in May". ("not until 2020" is the time: not matched.)
_NEGATED = re.compile(r"(?:\bnot|\brather\s+than|\binstead\s+of)\s+(?:in\s+|on\s+|by\s+|at\s+)?(?:the\s+)?$", re.I)
#: "since X" never dates the clause (see _WINDOW_START).
SINCE_IS_WINDOW = True
#: Rule 2 skips a clause with a time expression of its own that cannot date it ("at one point").
OWN_TIME_BLOCKS = True
#: Rule 2 skips a clause in the past perfect ("that it had sold ...").
PAST_PERFECT_OWN = True
_PAST_PERFECT = re.compile(r"\bhad\s+(?:\w+ly\s+|at\s+one\s+point\s+|once\s+|already\s+)?(?:been\s+)?\w+(?:ed|en|wn|ne|t)\b", re.I)
#: Rule 2 applies only to clauses in these tenses.
INHERIT_TENSES = ("past",)
_PRENOMINAL_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that|'s|’s)\s+$", re.I)
_PRENOMINAL_AFTER = re.compile(r"^\s+[A-Za-z]")


#: A relative expression still waiting for its anchor (no publication date yet): "XXXX-WXX-4".
_UNDERSPECIFIED = re.compile(
    r"^X{1,4}(-(XX|\d\d|WXX|W\d\d|QX|Q\d|H\d|SU|SP|FA|WI)(-(XX|\d\d|\d))?)?(T[\dX:]+|T[A-Z]{2})?$")


def is_calendar(t: Timex) -> bool:
    """A time expression that can date an event: a calendar date, month, year, week..., or a
    relative one that will be such a date once its anchor is known (so the event keeps its link
    and resolves when a curator sets the publication date)."""
    if t.type not in ("DATE", "TIME"):
        return False
    value = t.resolved.value
    return bool(_CALENDAR.match(value)) or (t.anchor is not None and bool(_UNDERSPECIFIED.match(value)))


def is_prenominal(text: str, t: Timex) -> bool:
    """ "the 1991 agreement", "its 1967 debut": the expression dates a noun, not the clause; but
    "in a July 16 press conference" dates the clause the conference frames."""
    if not (_PRENOMINAL_BEFORE.search(text[max(0, t.start - 8):t.start])
            and _PRENOMINAL_AFTER.match(text[t.end:t.end + 3])):
        return False
    return not _FRAME.search(text[max(0, t.start - 16):t.start])


_FRAME = re.compile(r"\b(?:in|at|during|on)\s+(?:the|a|an|its|their|his|her)\s+$", re.I)
_NOUN_PHRASE = re.compile(r"\s+((?:[A-Za-z][\w'’-]*\s+){0,3}?[A-Za-z][\w-]*)(?=\s+(?:between|of|with|to|by|in|on|at|for|"
                          r"from|was|is|were|are|has|had|will|which|that|and|again|too|also|"
                          r"later|then|now|today|yesterday|\w+ly)\b|[,.;:!?)]|$)")


@lru_cache(maxsize=1)
def _not_event_heads() -> frozenset[str]:
    from eventdb.extract.lexicon import _lines
    return frozenset(_lines("not_event_nouns.txt")) | lexicon().nominals.keys()


def _may_be_event_head(head: str) -> bool:
    """A lower-case noun that is no thing, period or person (``not_event_nouns.txt``,
    ``nominals.tsv``), or the name of a gathering (``occasion_nouns.txt``): "the 1991
    agreement", "the March 2005 rampage", "the 2007 Oscars", not "the 2005 season"."""
    if head[:1].isupper():
        return head in lexicon().occasion_nouns  # "the 2007 Oscars", not "a 2013 Toyota Camry"
    return head.islower() and head.replace("-", "").isalpha() and head not in _not_event_heads() \
        and head not in STOP


def prenominal_events(text: str, timexes: list[Timex], sentences: list[tuple[int, int]]):
    """Short events dated by their own expression, (start, end, head, head_start, timex index):
    "the 1991 agreement", and the participial aside ", born ... on February 24, 1955," that the
    clause around it does not take its date from (see :func:`aside`)."""
    out = []
    for i, t in enumerate(timexes):
        if not is_calendar(t):
            continue
        sentence = next(((a, b) for a, b in sentences if a <= t.start < b), None)
        if sentence is None:
            continue
        if ASIDES_BLOCK and not is_prenominal(text, t):
            span = aside(text, t, *sentence)
            if span is not None:
                m = re.match(r"(?:(?:\w+ly|first|already|once|still)\s+)?(\w+)", text[span[0]:span[1]])
                out.append((span[0], span[1], m.group(1), span[0] + m.start(1), i))
            continue
        if not is_prenominal(text, t):
            continue
        m = _NOUN_PHRASE.match(text, t.end)
        if not m:
            continue
        words = m.group(1).split()
        head = words[-1]
        if not _may_be_event_head(head):
            continue  # "the 2011 version", "a 2013 Toyota Camry": a thing, not a happening
        hs = m.end(1) - len(head)
        det = _PRENOMINAL_BEFORE.search(text[max(0, t.start - 8):t.start])
        start = t.start - len(det.group()) if det and det.group().strip().lower() in ("the", "a", "an") else t.start
        out.append((start, m.end(1), head, hs, i))
    return out


#: Take the expression nearest the trigger rather than the first (measured: worse).
NEAREST = False
_PARTICIPLES = {"adding", "saying", "giving", "claiming", "citing", "noting", "warning", "stressing"}


def _distance(t: Timex, c: Clause) -> int:
    if c.trigger_start < 0:
        return 0
    if t.end <= c.trigger_start:
        return c.trigger_start - t.end
    return max(0, t.start - c.trigger_end)


def _in_quote(text: str, sentence_start: int, pos: int) -> bool:
    """True when ``pos`` is inside direct speech opened in the same sentence (or at its start)."""
    before = text[sentence_start:pos + 1]
    opened = before.count("“") - before.count("”") + before.count('"') % 2
    return opened > 0


#: An expression inside a participial aside does not date the clause around it (see in_aside).
ASIDES_BLOCK = True
#: The opening of a participial aside: an optional adverb, then a participle or "due".
_ASIDE_OPEN = re.compile(r"\s*(?:(?:\w+ly|first|already|once|still)\s+)?(?:born|begun|due|\w+(?:ed|en))\b", re.I)


def aside(text: str, t: Timex, lo_bound: int, hi_bound: int) -> tuple[int, int] | None:
    """ "Jobs, born in San Francisco on February 24, 1955, has built ...", "development, begun two
    years ago, has been pushed back", "delivery, originally due later this year, will be delayed":
    the (start, end) of the participial aside between commas holding the expression, within
    ``[lo_bound, hi_bound)``, or None. The expression dates the participle, not the clause around."""
    lo = text.rfind(",", lo_bound, t.start)
    if lo < 0:
        return None
    hi = min((k for k in (text.find(",", t.end, hi_bound), text.find(" -", t.end, hi_bound)) if k >= 0), default=-1)
    if hi < 0 or not _ASIDE_OPEN.match(text, lo + 1, t.start):
        return None
    return lo + 1 + (len(text[lo + 1:t.start]) - len(text[lo + 1:t.start].lstrip())), hi


#: A year span with no preposition does not date a clause (see bare_span).
BARE_SPANS_BLOCK = True
_SPAN_NEXT = re.compile(r"\s*[-–—]\s*(?:\d{4}|\d\d)\b")
_SPAN_BEFORE = re.compile(r"\b\d{4}\s*[-–—]\s*$")
_SPAN_PREP = re.compile(r"\b(?:in|from|between|during|for|since|until|till|through|by|of|over)\s+(?:the\s+)?$", re.I)


def bare_span(text: str, t: Timex) -> bool:
    """ "Steve Jobs 1955-2011", "(1957-58)": a span of years with no preposition before it labels
    a life or a tenure, it is not the time of the clause ("profits fell in 2009-2010" is)."""
    start = t.start
    if not _SPAN_NEXT.match(text, t.end):
        before = _SPAN_BEFORE.search(text[max(0, t.start - 12):t.start])
        if before is None:
            return False
        start = t.start - (len(before.group()))  # the end of the span: look before its start
    return not _SPAN_PREP.search(text[max(0, start - 20):start])


def in_aside(text: str, t: Timex, c: Clause) -> bool:
    """The expression is in an aside of the clause (see :func:`aside`) that leaves its trigger out."""
    span = aside(text, t, c.start, c.end)
    return span is not None and not (c.trigger_start >= 0 and span[0] <= c.trigger_start < span[1])


class Dater:
    def __init__(self, text: str, timexes: list[Timex], dct: Resolved | None, dct_target: str = "dct",
                 exclude: set[int] = frozenset()):
        self.text = text
        self.timexes = timexes
        self.dct = dct
        self.dct_target = dct_target
        self.calendar = [i for i, t in enumerate(timexes)
                         if is_calendar(t) and not is_prenominal(text, t) and i not in exclude]
        #: (start, index) of the calendar expressions, to find a clause's own by bisection
        self._by_start = sorted((timexes[i].start, i) for i in self.calendar)
        self.narrative: int | None = None  # timex dating the running narrative
        self.lead: tuple[int, int] | None = None  # (timex, start of its sentence): see set_lead
        self.last_sentence_end = 0

    def _after_publication(self, idx: int) -> bool:
        """The expression lies after publication ("next month"), or is a deadline reaching
        past it ("before the end of the month")."""
        r = self.timexes[idx].resolved
        if not (self.dct and self.dct.earliest and self.dct.latest and r.earliest and r.latest):
            return False
        if self._relation(self.timexes[idx]) == "BEFORE":
            return r.latest >= self.dct.earliest
        return r.earliest > self.dct.latest

    def _recent_day(self, idx: int) -> bool:
        """A day other than publication, shortly before it: it can start a narrative."""
        r = self.timexes[idx].resolved
        if self.dct is None or self.dct.earliest is None or r.precision != "day" or r.earliest is None:
            return False
        days = (self.dct.earliest - r.earliest).days
        return 0 < days <= NARRATIVE_DAYS

    def _value(self, idx: int) -> str:
        return self.timexes[idx].resolved.value

    def _earlier(self, c: Clause) -> str | None:
        """ "own": the clause holds a time expression that is not a calendar date ("at one
        point"); "perfect": it is in the past perfect; None: neither."""
        if OWN_TIME_BLOCKS and any(c.start <= t.start and t.end <= c.end and t.type in ("DATE", "TIME")
                                   for t in self.timexes):
            return "own"
        if PAST_PERFECT_OWN and _PAST_PERFECT.search(self.text, c.start, max(c.start, c.trigger_end)):
            return "perfect"
        return None

    def _window_start(self, t: Timex) -> bool:
        if not SINCE_IS_WINDOW:
            return False
        window = self.text[max(0, t.start - 90):t.start]
        # the expression ends in "since": a substring test first spares trying it at every position
        return "since" in fold(window) and _WINDOW_START.search(window) is not None

    def _relation(self, t: Timex) -> str:
        left = self.text[max(0, t.start - 20):t.start]
        wide = self.text[max(0, t.start - 60):t.start]
        if "til" in fold(wide) and _NOT_UNTIL.search(wide):  # (a cheap test first, as above)
            return "AFTER"  # "will not fly until 2020": from then on, not before
        if _BEFORE.search(left):
            return "BEFORE"
        if _AFTER.search(left):
            return "AFTER"
        if _DURING.search(left):
            return "DURING"
        return "ON"

    def set_lead(self, sentences: list[tuple[int, int]]) -> None:
        """News puts the main event first and its day a sentence or two later ("Boeing unveiled
        its 787 ... Sunday was chosen as ..."): the first recent day in the opening sentences
        also dates the undated past events before it (and the headline)."""
        if not LEAD_SENTENCES:
            return
        for a, b in sentences[:LEAD_SENTENCES]:
            for i in self.calendar:
                if a <= self.timexes[i].start < b and self._recent_day(i):
                    self.lead = (i, a)
                    return

    def sentence(self, sa: int, sb: int, clauses: list[Clause]) -> list:
        """One time link per clause of the sentence ``[sa, sb)``."""
        if "\n" in self.text[self.last_sentence_end:sa].strip(" \t") or "\n\n" in self.text[self.last_sentence_end:sa]:
            # a new paragraph (or headline) ends the running narrative
            if "\n\n" in self.text[self.last_sentence_end:sa]:
                self.narrative = None
        self.last_sentence_end = sb
        links: list[TimeLink] = []
        explicit_in_sentence: int | None = None
        for c in clauses:
            lo, hi = bisect_left(self._by_start, (c.start, -1)), bisect_left(self._by_start, (c.end + 1, -1))
            own = sorted(i for _, i in self._by_start[lo:hi] if self.timexes[i].end <= c.end)
            own = [i for i in own if not self._window_start(self.timexes[i])
                   and not _NEGATED.search(self.text, max(c.start, self.timexes[i].start - 30), self.timexes[i].start)]
            # a state in the present "since 2006" / "by 2018" holds at publication
            own = [i for i in own if c.tense != "present" or self._relation(self.timexes[i]) == "ON"]
            # what has happened cannot be dated after publication ("has asked ... before the end
            # of the month"): such an expression is a deadline or a plan inside the clause
            own = [i for i in own if c.tense != "past" or not self._after_publication(i)]
            if ASIDES_BLOCK:
                own = [i for i in own if not in_aside(self.text, self.timexes[i], c)]
            if BARE_SPANS_BLOCK:
                own = [i for i in own if not bare_span(self.text, self.timexes[i])]
            if own:
                # the expression nearest the trigger dates it ("tomorrow X will ..., today is a day to celebrate")
                i = min(own, key=lambda k: _distance(self.timexes[k], c)) if NEAREST else own[0]
                links.append(TimeLink(f"timex:{i}", self._relation(self.timexes[i]), "explicit", 0.9))
                explicit_in_sentence = i
                continue
            if c.opener in _PARTICIPLES and links:
                # "..., saying that": the same moment as the clause it hangs on
                prev = links[-1]
                links.append(TimeLink(prev.target, prev.relation,
                                      "inferred" if prev.how != "publication" else "publication", 0.6))
                continue
            earlier = self._earlier(c) if explicit_in_sentence is not None else None
            if earlier is not None:
                # "said earlier this month that ISIS had at one point occupied ...": a clause
                # with a time of its own ("at one point", "once") is not at the time of the
                # clause it hangs on; one in the past perfect ("stated on Thursday that it had
                # signed") is before it: a lead day dates it, else the clause's day stays the
                # best estimate
                if earlier == "perfect" and not (self.narrative is not None or
                                                 (self.lead is not None and sa < self.lead[1])):
                    links.append(TimeLink(f"timex:{explicit_in_sentence}", "ON", "inferred", 0.6))
                    continue
            elif explicit_in_sentence is not None and ((not c.reporting and c.opener not in ("", ";", "but", "while")
                                                      and c.tense in INHERIT_TENSES)
                                                     or c.opener in ("adding", "saying")):
                # "said last Friday ..., adding that": the same speech, the same day
                links.append(TimeLink(f"timex:{explicit_in_sentence}", "ON", "inferred", 0.6))
                continue
            if (self.narrative is not None and c.tense == "past" and (NARRATIVE_REPORTING or not c.reporting)
                    and (NARRATIVE_QUOTES or not _in_quote(self.text, sa, c.start))):
                links.append(TimeLink(f"timex:{self.narrative}", "ON", "narrative", 0.5))
                continue
            if c.reporting:
                links.append(TimeLink(self.dct_target, "ON", "publication", 0.7))
                continue
            if self.lead is not None and sa < self.lead[1] and (c.tense == "past" or sa == 0):
                links.append(TimeLink(f"timex:{self.lead[0]}", "ON", "narrative", 0.4))
                continue
            conf = {"past": 0.6, "present": 0.5, "future": 0.3}.get(c.tense, 0.5)
            links.append(TimeLink(self.dct_target, "ON" if c.tense != "future" else "AFTER", "publication", conf))
        if explicit_in_sentence is not None and self._recent_day(explicit_in_sentence):
            # background dates ("since 2004", "on August 24") do not end the running narrative
            self.narrative = explicit_in_sentence
        return links


_NUMBERS = {"a": "1", "an": "1", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
            "seven": "7", "eight": "8", "nine": "9", "ten": "10", "twelve": "12", "several": "?", "a few": "?",
            "few": "?", "some": "?", "many": "?"}
_UNITS = {"hour": "TH", "day": "D", "week": "W", "month": "M", "year": "Y"}
_RELATIVE = re.compile(
    r"\b(?:(?P<amt>a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|few|some|many|\d+)"
    r"\s+)?(?P<unit>hour|day|week|month|year)(?P<pl>s?)\s+(?P<dir>after|before)\s+(?P<rest>[^,.;:!?]*)", re.I)
#: An event named by a noun phrase after "after"/"before" ("two days after the vote").
_NP_EVENT = re.compile(r"^(?:the|a|an|this|that|his|her|its|their)\s+(?:[a-z-]+\s+){0,2}?(?P<head>[a-z-]+)",
                       re.I)


_CLAUSE_START = re.compile(r"^(?:it|he|she|they|we|the\s+\w+|[A-Z]\w+)\s+(?:\w+\s+){0,3}?(?:was|were|had|has|is|are|\w+ed)\b")


#: What every match of _RELATIVE contains; far cheaper to look for (most texts have none).
_RELATIVE_CORE = re.compile(r"(?:hour|day|week|month|year)s?\s+(?:after|before)", re.I)


def relative_phrases(text: str) -> list[re.Match[str]]:
    """ "two days after the vote", "hours after it was first reported": an offset from an event
    (a noun phrase or a clause after "after"/"before"), not from publication."""
    return [m for m in _relative_matches(text)
            if _NP_EVENT.match(m.group("rest")) or _CLAUSE_START.match(m.group("rest"))]


def _relative_matches(text: str) -> Iterator[re.Match[str]]:
    """``_RELATIVE.finditer(text)``, searched only from just before each place where its core
    ("days after") occurs: every match holds one, and starts at most two words before it."""
    pos = 0
    for start, _ in scan_of(_RELATIVE_CORE).spans(text):
        if start < pos:
            continue
        lo = max(pos, _two_words_before(text, start))
        m = _RELATIVE.search(text, lo)
        if m is None:
            return
        yield m
        pos = m.end()


def _two_words_before(text: str, i: int) -> int:
    """Where the two words before offset ``i`` start ("a few| days after": the amount)."""
    for _ in range(2):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return i


def _amount(amt: str | None, unit: str, plural: bool) -> str:
    """ISO duration of "two days", "a week", "hours" (unknown amount: ``?``)."""
    n = _NUMBERS.get((amt or "").lower(), amt) if amt else ("?" if plural else "1")
    u = _UNITS[unit.lower()]
    return f"PT{n}H" if u == "TH" else f"P{n}{u}"


def event_relative(text: str, out: Extraction, dater: Dater,
                   phrases: list[re.Match[str]] | None = None) -> None:
    """Event-relative anchors: "hours after it was first reported", "two days after the vote",
    "a week before the election". The time node gets the anchor ``event:N`` (N = the event
    after "after"/"before": the clause that follows, or a short event made of the noun phrase)
    and the rule ``offset_rule(amount, direction)``; the event holding the phrase is dated by it.
    When that event is dated explicitly, the offset runs the other way: the time node is anchored
    on its date (``timex:K``) and dates the event after "after"/"before". ``phrases``: the
    text's :func:`relative_phrases`, when the caller has them already."""
    from eventdb.temporal import resolve
    try:
        from eventdb.temporal.api import offset_rule  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - older temporal engine
        from eventdb.temporal.rules import offset_rule

    def date_of(i: int) -> Resolved | None:
        tgt = out.events[i].time.target
        if tgt == "dct":
            return dater.dct
        return out.timexes[int(tgt.split(":")[1])].resolved

    for m in relative_phrases(text) if phrases is None else phrases:
        host = next((i for i, e in enumerate(out.events) if e.start <= m.start() < e.end), None)
        if host is None:
            continue
        # "on June 17, two days before the phone launches": the host is dated, so the offset
        # runs the other way and dates the event after "before"/"after" from the host's date
        reverse = out.events[host].time.how == "explicit"
        dir_start = m.start("dir")
        rest_start = m.start("rest")
        anchor = next((i for i, e in enumerate(out.events) if e.start in (dir_start, rest_start)), None)
        if anchor is None:
            np = _NP_EVENT.match(m.group("rest"))
            if np is None:
                continue
            from eventdb.extract.model import Event
            # the event is the whole phrase: "the vote", "the phone launches"
            a, b = rest_start, rest_start + len(m.group("rest").rstrip())
            if text[b - 1:b].isdigit() and text[b + 1:b + 2].isdigit():
                continue  # cut inside a time or a figure ("after its scheduled 9:45 a.m. departure")
            h = out.events[host]
            words = m.group("rest").split()
            trig, ts_ = np.group("head"), rest_start + np.start("head")
            if len(words) > 2 and re.fullmatch(r"[a-z]+(?:s|ed)", words[-1]):
                trig, ts_ = words[-1], b - len(words[-1])
            ev = Event(a, b, text[a:b], trig, ts_, ts_ + len(trig),
                       h.sentence_start, h.sentence_end, TimeLink(dater.dct_target, "ON", "publication", 0.4))
            from eventdb.extract.model import Argument
            ev.arguments = [Argument(i, "other") for i, mm in enumerate(out.mentions) if a <= mm.start and mm.end <= b]
            out.events.append(ev)
            anchor = len(out.events) - 1
        if anchor == host or (reverse and out.events[anchor].time.how == "explicit"):
            continue
        direction = m.group("dir").lower()
        if reverse:
            direction = "after" if direction == "before" else "before"
        try:
            rule = offset_rule(_amount(m.group("amt"), m.group("unit"), bool(m.group("pl"))), direction, keep=True)
        except ValueError:
            continue
        span_end = m.end("dir")
        if reverse:
            src = out.events[host].time.target
            node, base = src, out.timexes[int(src.split(":")[1])].resolved
        else:
            node, base = f"event:{anchor}", date_of(anchor)
        timex = Timex(m.start(), span_end, text[m.start():span_end], "DATE", rule, node, resolve(rule, base))
        existing = [k for k, t in enumerate(out.timexes) if t.start < span_end and m.start() < t.end]
        if existing and f"timex:{existing[0]}" != node:
            k = existing[0]
            out.timexes[k] = timex
        else:
            out.timexes.append(timex)
            k = len(out.timexes) - 1
        if reverse:
            out.events[anchor].time = TimeLink(f"timex:{k}", "ON", "inferred", 0.6)
        else:
            out.events[host].time = TimeLink(f"timex:{k}", "ON", "explicit", 0.7)
