"""Headlines that read as sentences with their subject.

A clause cut out of its sentence often starts with a pronoun ("he was sending ...") or with its
verb (the subject was left out: "..., and soon reassumed the role of CEO"; "the Nusra Front,
until recently, had been fighting"). Shown alone, such a headline loses who did it. The subject
is put back from the document's mentions: a pronoun by the name of the entity it refers to, a
left-out subject by the clause's agent when it was named before the clause. Words are only ever
added or replaced by the name they stand for, never dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from eventdb.extract.clauses import Clause, _tables
from eventdb.extract.model import Event, Extraction

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SUBJECT_PRONOUNS = {"he", "she", "it", "they"}
_POSSESSIVE = {"his", "her", "its", "their"}
#: "it" and "they" often stand for a happening ("after it was first reported": the incident):
#: they are replaced only when the clause has them as its agent or patient (a participant).
_THING = {"it", "they", "its", "their"}
#: Words that may stand between a clause's start and its verb when the subject is left out.
_BEFORE_VERB = {"also", "soon", "later", "then", "first", "recently", "until", "still", "already", "even",
                "and", "but", "that", "subsequently", "eventually", "immediately"}


def _name(out: Extraction, mention: int) -> str | None:
    name = out.entities[out.mentions[mention].entity].name
    return None if not name or name.lower() in _SUBJECT_PRONOUNS | _POSSESSIVE else name


def complete(text: str, out: Extraction, ev: Event, c: Clause, starts: list[int], order: list[int]) -> None:
    """Give ``ev.headline`` its subject (``starts``/``order``: mention starts in text order and
    the mention indexes in that order)."""
    h = ev.headline
    if not h:
        return
    first_word = h.split(None, 1)[0].strip(",;:").lower()
    # -- a pronoun opening the headline: the name it stands for
    if first_word in _SUBJECT_PRONOUNS | _POSSESSIVE:
        k = bisect_left(starts, c.start)
        while k < len(order) and starts[k] < c.end:
            m = out.mentions[order[k]]
            if m.text.lower() == first_word:
                role = next((a.role for a in ev.arguments if a.mention == order[k]), None)
                name = _name(out, order[k])
                if first_word in _THING and (role not in ("agent", "patient")
                                             or out.entities[m.entity].kind == "place"):
                    name = None
                if name:
                    word = h.split(None, 1)[0]
                    rest = h[len(word):]
                    ev.headline = name + ("'s" if first_word in _POSSESSIVE and first_word != "her" else "") + rest
                break
            if m.start > c.start + len(h) // 2:
                break
            k += 1
        return
    # -- a left-out subject: the clause's words before its verb are auxiliaries and adverbs only
    _, aux, skip = _tables()
    if first_word != c.trigger.lower() and first_word not in aux and first_word not in skip \
            and first_word not in _BEFORE_VERB:
        return  # the usual case: the headline opens with its subject
    words = _WORD.findall(text, c.start, c.trigger_start)
    before = [w.lower() for w in words]
    if any(w not in aux and w not in skip and w not in _BEFORE_VERB for w in before):
        return
    opening = next((w for w in _WORD.findall(text, c.start, c.end) if w.lower() not in ("and", "but", "that")), "")
    if first_word != opening.lower():
        return  # the headline was already given a subject
    agent = next((a.mention for a in ev.arguments if a.role == "agent"
                  and out.mentions[a.mention].end <= c.start), None)
    if agent is None:
        # "... as the Nusra Front, until recently, had been fighting": the name that ends the
        # clause before is this clause's subject
        k = bisect_left(starts, c.start) - 1
        if k >= 0 and out.mentions[order[k]].start >= ev.sentence_start \
                and not text[out.mentions[order[k]].end:c.start].strip(" ,\t"):
            agent = order[k]
    if agent is None:
        return
    name = _name(out, agent)
    if not name or h.lower().startswith(name.lower()):
        return
    lead = h[:1].lower() + h[1:] if not h[1:2].isupper() else h
    comma = "," if re.match(r"[\w\s]+,", lead) and not lead.startswith(ev.trigger) else ""
    ev.headline = f"{name}{comma} {lead}"


def complete_all(text: str, out: Extraction, clauses: list[Clause | None]) -> None:
    """``complete`` every clause event of ``out``."""
    order = sorted(range(len(out.mentions)), key=lambda i: out.mentions[i].start)
    starts = [out.mentions[i].start for i in order]
    for ev, c in zip(out.events, clauses):
        if c is not None and c.trigger:
            complete(text, out, ev, c, starts, order)
