"""The tense of the clause around a time expression: "on Friday" is last Friday in "said on
Friday", next Friday in "will meet on Friday". Cues are the nearest auxiliary, modal or past
form inside the clause (quotes and sentence ends bound it); see :func:`tense`."""

from __future__ import annotations

import re

from eventdb.temporal.resources import lexicon as L

_FUTURE = re.compile(r"\b(?:" + "|".join(L.FUTURE_CUES) + r")\b|'ll\b", re.I)
_PAST = re.compile(r"\b(?:" + "|".join(L.PAST_CUES) + r"|(?P<ed>[a-z]{3,}ed))\b", re.I)
# An -ed word after these is a participle or an adjective ("will be named", "an unspecified date").
_PARTICIPLE_AUX = re.compile(r"\b(?:be|been|being|is|are|am|get|gets|a|an|the|still|its|their|his|"
                             r"her|our|its|newly|so-called)\s+$", re.I)
_SENT_END = re.compile(r"[.!?;\n]\s")
_PLUPERFECT = re.compile(r"\bhad\s+(?:been\s+)?$", re.I)
_HAD = re.compile(r"\bhad\b", re.I)
_SINCE = re.compile(r"\bsince\s+(?:early\s+|mid-?|late\s+)?$", re.I)
_FUTURE_IN_PAST = re.compile(r"\s+(?:going\s+to|planning\s+to|expected\s+to|scheduled\s+to|set\s+to|due\s+to|about\s+to|to\s)", re.I)
# Quotation marks also bound the clause: the tense inside a quote is the quote's own ("he will
# leave Thursday,'' Castro said": future, whatever the verb of saying after it).
# A full stop after an abbreviation ("Mr.", "Daniel P. Davison", "Corp.", "Oct.") ends no clause.
_CLAUSE_END = re.compile(r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr|Co|No))(?<!\b(?:Mrs|Inc|Ltd|Gen|Sen|Rep|Gov|"
                         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec))(?<!\b(?:Corp|Sept))"
                         r"[.!?;\n]\s|''|``|[\"“”]")


def tense(text: str, start: int, end: int) -> str | None:
    """'past', 'future' or None: the tense cue nearest the expression, within its clause.

    A past participle after "be" ("will be named in December") is no past cue: the auxiliary
    before it decides.
    """
    if _SINCE.search(text, max(0, start - 20), start):
        return "past"  # "on patrol since March and was scheduled to return": since is past
    lo = max(0, start - 120)
    left = text[lo:start]
    cut = [m.end() for m in _CLAUSE_END.finditer(left)]
    if cut:
        left = left[cut[-1]:]
    right = text[end:end + 80]
    m = _CLAUSE_END.search(right)
    if m:
        right = right[:m.start()]
    best = None  # (distance, tense, cue)

    def is_cue(m, side):
        if rx is _FUTURE and _PLUPERFECT.search(side[:m.start()]):
            return False  # "had been scheduled to expire Friday": a past plan
        if rx is _PAST and _FUTURE_IN_PAST.match(side, m.end()):
            return False  # "were planning to drive", "was to meet": the plan decides
        if m.groupdict().get("ed"):
            w = m.group("ed").lower()
            if w in L.NOT_PAST_ED:
                return False
            before = side[:m.start()]
            if _PARTICIPLE_AUX.search(before):
                return False
        return True

    for rx, t in ((_FUTURE, "future"), (_PAST, "past")):
        for m in rx.finditer(left):
            if not is_cue(m, left):
                continue
            d = len(left) - m.end()
            if best is None or d < best[0]:
                best = (d, t, m.group(0))
        for m in rx.finditer(right):
            if not is_cue(m, right):
                continue
            d = m.start() + 1
            if best is None or d < best[0]:
                best = (d, t, m.group(0))
            break
    if best and best[2].lower() == "until" and _HAD.search(left + " " + right):
        return "past"  # "Until Thursday, they had not called him a suspect": a state that ended
    return best[1] if best else None
