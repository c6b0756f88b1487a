"""Event words inside clauses: reports of their own, so that other articles can link them.

A clause is one report named by its trigger ("Police *arrested* a man after the shooting"), but
news often names the happening another article reports with another word: an event noun ("the
shooting", "the quake", "the murder") or a clause's second verb ("... were killed and five
*injured*"). Each such word of ``resources/event_words.tsv`` (a table of families: the nouns and
verb forms that name one kind of happening) that is no report's trigger becomes a report of its
own, whose trigger is the word and whose evidence is the clause it stands in:

- it is **background** (hidden from the default chronology: the clause around it is the row a
  curator reads; the word is evidence that joins articles);
- it takes the date of the clause it stands in;
- it joins (``same_as``) the article's first report of the same family ("the shooting" and
  "shot", "the quake" and "the earthquake") whose persons are not all others than those of its
  clause ("Jackson's previous DUI arrest" is not the arrest of Williams the article reports);
- across articles ``services/grouping`` joins it to a report of the same family in an article
  of the same story (several shared specific participants), never on the word alone.

No participants: the word's report is nobody's event on a timeline (its clause's report is).
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventdb.extract.grouping import people
from eventdb.extract.kinds import verb_key
from eventdb.extract.lexicon import _lines
from eventdb.extract.model import Event, Extraction, TimeLink

TABLE = "event_words.tsv"
_WORD = re.compile(r"[A-Za-z]+")
#: Words straight before a listed noun that make it a verb ("to fire", "will attack").
_VERBAL = frozenset("to will would could can may might should must did does do not".split())


@lru_cache(maxsize=1)
def table() -> tuple[dict[str, str], dict[str, str], dict[str, str | None], list[str]]:
    """(noun -> family, verb form -> family, family -> kind, examples) from ``event_words.tsv``;
    a phrase's words are joined by "+" ("checked+into")."""
    nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    kinds: dict[str, str | None] = {}
    examples: list[str] = []
    for ln in _lines(TABLE):
        family, words, kind, example = (ln.split("\t") + ["", "", ""])[:4]
        kinds[family] = None if kind in ("", "-") else kind
        examples.append(example)
        for w in words.split():
            if w.startswith("v:"):
                verbs[w[2:]] = family
            else:
                nouns[w] = family
    return nouns, verbs, kinds, examples


def family(word: str) -> str:
    """The family of an event word or trigger: the table's, else its verb key ("shot" and
    "shooting" -> "shoot", "quake" -> "earthquake", "attacked" -> "attack")."""
    w = "+".join(word.lower().split())
    nouns, verbs, _, _ = table()
    return nouns.get(w) or verbs.get(w) or verb_key(w)


def _host(out: Extraction, start: int) -> Event | None:
    """The shortest report whose clause holds ``start``, else the first of its sentence."""
    best = None
    for ev in out.events:
        if ev.start <= start < ev.end and (best is None or ev.end - ev.start < best.end - best.start):
            best = ev
    if best is None:
        best = next((ev for ev in out.events if ev.sentence_start <= start < ev.sentence_end), None)
    return best


@lru_cache(maxsize=1)
def _phrase_lengths() -> dict[str, int]:
    """First word of a phrase of the table -> the most words a phrase starting with it has."""
    nouns, verbs, _, _ = table()
    out: dict[str, int] = {}
    for key in (*nouns, *verbs):
        parts = key.split("+")
        if len(parts) > 1:
            out[parts[0]] = max(out.get(parts[0], 0), len(parts))
    return out


def _found(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, family) of the table's words and phrases in ``text[lo:hi]``, in text order."""
    nouns, verbs, _, _ = table()
    phrases = _phrase_lengths()
    out = []
    words = None
    before = ""
    for k, m in enumerate(_WORD.finditer(text, lo, hi)):
        w = m.group().lower()
        prev, before = before, w
        if w not in nouns and w not in verbs and w not in phrases:
            continue
        if out and m.start() < out[-1][1]:
            continue  # inside the phrase just found
        hit = None
        if w in phrases:
            if words is None:  # the text's words, once, only when a phrase may start here
                words = [(x.start(), x.end(), x.group().lower()) for x in _WORD.finditer(text, lo, hi)]
            for n in range(phrases[w], 1, -1):
                part = words[k:k + n]
                if len(part) < n or any(text[a[1]:b[0]].strip() for a, b in zip(part, part[1:])):
                    continue
                key = "+".join(x[2] for x in part)
                fam = verbs.get(key) or (nouns.get(key) if prev not in _VERBAL else None)
                if fam is not None:
                    hit = (part[0][0], part[-1][1], fam)
                    break
        if hit is None:
            fam = verbs.get(w) or (nouns.get(w) if prev not in _VERBAL else None)
            if fam is not None:
                hit = (m.start(), m.end(), fam)
        if hit is not None:
            out.append(hit)
    return out


def add(text: str, out: Extraction) -> None:
    """Append a background report for every event word or phrase of the table that is no
    report's trigger (a phrase may hold one: "checked into" around "checked") and no name's
    word (see the module's docstring); call after in-article grouping."""
    _, _, kinds, _ = table()
    if not out.events:
        return
    triggers = [(ev.trigger_start, ev.trigger_end) for ev in out.events]
    names = [(m.start, m.end) for m in out.mentions]
    lo = min(ev.sentence_start for ev in out.events)
    hi = max(ev.sentence_end for ev in out.events)
    # the article's shown reports of each family (a background one is no happening), with the
    # persons of their happening here: a word joins the first whose persons are not all others
    # than its clause's
    def root(i: int) -> int:
        while out.events[i].same_as is not None:
            i = out.events[i].same_as
        return i

    persons: dict[int, set[int]] = {}
    for i, ev in enumerate(out.events):
        if not ev.background:
            persons.setdefault(root(i), set()).update(people(out, ev))
    reports: dict[str, list[tuple[int, set[int]]]] = {}
    for i, ev in enumerate(out.events):
        if not ev.background:
            reports.setdefault(family(ev.trigger), []).append((i, persons[root(i)]))
    for a, b, fam in _found(text, lo, hi):
        if any(s < b and a < e and not (a <= s and e <= b and (a, b) != (s, e)) for s, e in triggers):
            continue  # a trigger already, or part of one
        host = _host(out, a)
        if host is None:
            continue
        word = text[a:b]
        if (word[:1].isupper() and not word.isupper() and a != host.sentence_start
                and any(s < b and a < e for s, e in names)):
            continue  # a word of a name ("the Fire Department")
        t = host.time
        ev = Event(host.start, host.end, host.headline, word, a, b, host.sentence_start, host.sentence_end,
                   TimeLink(t.target, t.relation, t.how, t.confidence), background=True,
                   kind=kinds.get(fam))
        mine = {m.entity for m in out.mentions if host.start <= m.start < host.end
                and out.entities[m.entity].kind == "person"}  # named in its clause
        # a phrase around a shown report's trigger ("checked into" around "checked") is that
        # report's word: it joins that report, not the family's first
        inner = next((i for i, o in enumerate(out.events) if not o.background
                      and a <= o.trigger_start and o.trigger_end <= b), None)
        ev.same_as = inner if inner is not None else next(
            (i for i, theirs in reports.get(fam, ()) if not (mine and theirs and not mine & theirs)), None)
        if ev.same_as is None:  # the family's first report here, or another person's act
            reports.setdefault(fam, []).append((len(out.events), mine))
        out.events.append(ev)
