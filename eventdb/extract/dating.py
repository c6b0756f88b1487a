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

from eventdb.extract.clauses import Clause
from eventdb.extract.model import Extraction, TimeLink
from eventdb.temporal.model import Resolved, Timex

_CALENDAR = re.compile(r"^\d{3,4}(-(\d\d|W\d\d|Q\d|H\d|SU|SP|FA|WI)(-\d\d)?)?(T[\d:]+)?$")
_BEFORE = re.compile(r"\b(before|by|until|till|prior to|ahead of)\s+(the\s+)?$", re.I)
_AFTER = re.compile(r"\b(after|since|following)\s+(the\s+)?$", re.I)
_DURING = re.compile(r"\b(during|throughout)\s+(the\s+)?$", re.I)

#: Switch for rule 4 (kept as data so the benchmark can measure it).
NARRATIVE = True


def is_calendar(t: Timex) -> bool:
    """A time expression that can date an event: a resolved calendar date, month, year, week..."""
    return t.type in ("DATE", "TIME") and bool(_CALENDAR.match(t.resolved.value))


class Dater:
    def __init__(self, text: str, timexes: list[Timex], dct: Resolved | None, dct_target: str = "dct"):
        self.text = text
        self.timexes = timexes
        self.dct = dct
        self.dct_target = dct_target
        self.calendar = [i for i, t in enumerate(timexes) if is_calendar(t)]
        self.narrative: int | None = None  # timex dating the running narrative
        self.last_sentence_end = 0

    def _value(self, idx: int) -> str:
        return self.timexes[idx].resolved.value

    def _relation(self, t: Timex) -> str:
        left = self.text[max(0, t.start - 20):t.start]
        if _BEFORE.search(left):
            return "BEFORE"
        if _AFTER.search(left):
            return "AFTER"
        if _DURING.search(left):
            return "DURING"
        return "ON"

    def sentence(self, sa: int, sb: int, clauses: list[Clause]) -> list:
        """One time link per clause of the sentence ``[sa, sb)``."""
        if "\n" in self.text[self.last_sentence_end:sa].strip(" \t") or "\n\n" in self.text[self.last_sentence_end:sa]:
            # a new paragraph (or headline) ends the running narrative
            if "\n\n" in self.text[self.last_sentence_end:sa]:
                self.narrative = None
        self.last_sentence_end = sb
        links: list[TimeLink] = []
        explicit_in_sentence: int | None = None
        dct_value = self.dct.value if self.dct else None
        for c in clauses:
            own = [i for i in self.calendar if c.start <= self.timexes[i].start and self.timexes[i].end <= c.end]
            if own:
                i = own[0]
                links.append(TimeLink(f"timex:{i}", self._relation(self.timexes[i]), "explicit", 0.9))
                explicit_in_sentence = i
                continue
            if explicit_in_sentence is not None and not c.reporting and c.opener not in ("", ";", "but", "while"):
                links.append(TimeLink(f"timex:{explicit_in_sentence}", "ON", "inferred", 0.6))
                continue
            if c.reporting:
                links.append(TimeLink(self.dct_target, "ON", "publication", 0.7))
                continue
            if NARRATIVE and self.narrative is not None and c.tense == "past":
                links.append(TimeLink(f"timex:{self.narrative}", "ON", "narrative", 0.5))
                continue
            conf = {"past": 0.6, "present": 0.5, "future": 0.3}.get(c.tense, 0.5)
            links.append(TimeLink(self.dct_target, "ON" if c.tense != "future" else "AFTER", "publication", conf))
        if explicit_in_sentence is not None:
            v = self._value(explicit_in_sentence)
            self.narrative = explicit_in_sentence if v != dct_value else None
        return links


def event_relative(text: str, out: Extraction, dater: Dater) -> None:
    """Event-relative anchors ("hours after it was first reported"): see module docstring."""
    return None
