"""In-article grouping: which events of one document report the same happening (``same_as``).

A news article tells its main happening in the title, again in the lede and often once more in
the body ("Boeing unveils new 787" / "Boeing have unveiled their new 787 ..."). Two events are
joined when they are forms of the same verb (``kinds.verb_key``), share a participant (or one is
the title, whose words the lede repeats) and have compatible dates (equal or overlapping, or
one only defaulted to the publication date). Verbs of one group of ``resources/same_happening.tsv``
join like one verb but only with a shared participant; a later "said" by the speaker of the lede's
statement joins it (the same occasion); a date borrowed from a reporting clause is an upper bound.
Beyond the words: a body clause naming two specific participants
of the title's happening on its written day, one placed at its occasion ("During the event, ..."),
a "which took place in 1996" clause and a when-clause with its main clause of the same subject
report one happening. A date written more than a month before publication is not the day's
news. Precision first: a wrong join costs the curator a
split, a missed one only a merge. Background events are neither joined nor joined to.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from eventdb.extract.background import result_of_before
from eventdb.extract.clauses import Clause, is_past_form, is_verb
from eventdb.extract.kinds import kind_of, verb_key
from eventdb.extract.lexicon import _lines
from eventdb.extract.model import Event, Extraction, TimeLink

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
#: How many body sentences after the title may restate it (the lede and the one after).
LEDE_SENTENCES = 2
#: Words a title and its lede use for one act (``resources/title_restated.tsv``).
TITLE_RESTATED = "title_restated.tsv"


@lru_cache(maxsize=1)
def anaphora() -> dict[str, tuple[frozenset[str], str]]:
    """``resources/event_anaphora.tsv``: "noun" and "light" -> (words, example)."""
    rows = [(ln.split("\t") + ["", ""])[:3] for ln in _lines("event_anaphora.tsv")]
    return {k: (frozenset(w.split()), ex) for k, w, ex in rows}


_DETERMINER = re.compile(r"(?:the|this|that|its|his|her|their|[A-Z][a-z]+'s)$", re.I)


def refers_back(text: str, ev: Event) -> bool:
    """The clause opens with a definite event noun phrase ("The announcement", "Monday's email
    announcement", "The press event") whose verb only places it ("came", "marked", "was attended")."""
    words = _WORD.findall(text, ev.start, ev.trigger_end)
    if len(words) < 3 or words[-1] != ev.trigger or not _DETERMINER.match(words[0]):
        return False
    table = anaphora()
    if ev.trigger.lower() not in table["light"][0]:
        return False
    head = [w.lower() for w in words[1:-1] if w.lower() not in ("was", "were", "also", "is", "has", "have", "had")]
    return len(head) <= 4 and bool(head) and head[-1] in table["noun"][0]


@lru_cache(maxsize=2)
def synonyms(name: str = "same_happening.tsv") -> dict[tuple[str, str], str]:
    """``resources/same_happening.tsv`` (or ``title_restated.tsv``): (verb key, particle or "")
    -> group."""
    out: dict[tuple[str, str], str] = {}
    for ln in _lines(name):
        group, entries = ln.split("\t")[:2]
        for e in entries.split():
            lemma, _, particle = e.partition("+")
            out[(verb_key(lemma), particle)] = group
    return out


def synonym_group(text: str, ev: Event) -> str | None:
    """The group of ``same_happening.tsv`` the trigger belongs to ("pushed out": departure)."""
    return word_group(text, ev.trigger_start, ev.trigger_end)


def word_group(text: str, start: int, end: int, name: str = "same_happening.tsv") -> str | None:
    """The group of ``same_happening.tsv`` (or ``name``) of the word ``text[start:end]`` with its
    particle."""
    key = verb_key(text[start:end])
    nxt = _WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    table = synonyms(name)
    if nxt and (key, nxt.group().lower()) in table:
        return table[(key, nxt.group().lower())]
    return table.get((key, ""))


def _entities(out: Extraction, ev: Event) -> set[int]:
    return {out.mentions[a.mention].entity for a in ev.arguments}


def _span(out: Extraction, ev: Event):
    """(earliest, latest, defaulted) of an event's date."""
    if ev.time.target.startswith("timex:"):
        r = out.timexes[int(ev.time.target.split(":")[1])].resolved
        if r is not None and ev.time.how == "inferred" and r.latest is not None:
            # borrowed from the clause it hangs on ("stated on Thursday that it had signed ..."):
            # it happened by then, not necessarily that day
            return date.min, r.latest, False
        return (r.earliest if r else None, r.latest if r else None, ev.time.how == "publication")
    return None, None, True


#: Days before publication beyond which a date the text writes is not the news of the day.
STALE_DAYS = 31


def compatible(out: Extraction, a: Event, b: Event, published: date | None = None) -> bool:
    """Dates that may be one happening's: overlapping, or one only defaulted to publication --
    unless the other is a date the text writes well before publication ("In 2008, Klitschko
    stopped Thompson" is not the undated fight of the day's news)."""
    ea, la, da = _span(out, a)
    eb, lb, db = _span(out, b)
    if da and db:
        return True
    if da or db:
        other, (e, l, _d) = (b, (eb, lb, db)) if da else (a, (ea, la, da))
        return not (published is not None and other.time.how == "explicit" and l is not None
                    and (published - l).days > STALE_DAYS)
    if None in (ea, la, eb, lb):
        return False
    return ea <= lb and eb <= la


def _same_time(out: Extraction, a: Event, b: Event) -> bool:
    """Both dated by the text (not by the publication default) to overlapping periods."""
    ea, la, da = _span(out, a)
    eb, lb, db = _span(out, b)
    return not (da or db) and None not in (ea, la, eb, lb) and ea <= lb and eb <= la


def _day_precise(out: Extraction, ev: Event) -> bool:
    """The event's own date is a calendar day ("Monday", "on June 18"), not a year or a span."""
    if not ev.time.target.startswith("timex:"):
        return False
    r = out.timexes[int(ev.time.target.split(":")[1])].resolved
    return r is not None and r.precision == "day"


def _verb_keys(text: str, a: int, b: int) -> set[str]:
    """Keys of the verb-like words of ``text[a:b]`` (lower-case words: verbs and event nouns)."""
    return {verb_key(w) for w in _WORD.findall(text, a, b) if w[:1].islower() and len(w) > 3
            and (is_verb(w.lower()) or kind_of(w) is not None)}


def link(text: str, out: Extraction, clauses: list[Clause | None], title_end: int,
         published: date | None = None) -> None:
    """Fill ``Event.kind`` and ``Event.same_as`` of the events of ``out`` (``published``: the
    publication day, when known)."""
    events = out.events
    for ev in events:
        ev.kind = kind_of(ev.trigger) if ev.trigger else None
    for ev in events:
        if ev.kind is None and ev.sentence_start < title_end:
            # a title's trigger is often a noun ("Apple executive leaves company", "China Eastern
            # Airlines to purchase twenty jets"): the title's first word with a kind gives it
            ev.kind = next((k for w in _WORD.findall(text, ev.start, ev.end)
                            if w[:1].islower() and len(w) > 3 and (k := kind_of(w)) is not None), None)
    shown = [i for i, ev in enumerate(events) if not ev.background and clauses[i] is not None]
    keys = {i: verb_key(events[i].trigger) for i in shown}
    title = [i for i in shown if events[i].sentence_start < title_end]
    body = [i for i in shown if events[i].sentence_start >= title_end]
    sentence_no = {a: n for n, a in enumerate(sorted({ev.sentence_start for ev in events}))}
    # -- the title and the lede: the title's verb again in one of the first body sentences; when
    # the clause that repeats it is background ("announced that it will give ..."), the reporting
    # clause that introduces it stands for it
    if title:
        t = title[0]
        tkeys = _verb_keys(text, events[t].start, events[t].end) | {keys[t]}
        # the title's happening may be worded by a word other than its trigger ("GAO requests
        # rerun of tanker bid": "bid" is the trigger, "requests" the act)
        tgroups = {g for w in _WORD.finditer(text, events[t].start, events[t].end)
                   if (g := word_group(text, w.start(), w.end()))} | {synonym_group(text, events[t])}
        tgroups.discard(None)
        # words a news title and its lede use for one act ("Apple releases MacBook" / "Apple
        # today introduced the new MacBook"): only between the title and the lede
        restated = {g for w in _WORD.finditer(text, events[t].start, events[t].end)
                    if (g := word_group(text, w.start(), w.end(), TITLE_RESTATED))}
        lede_starts = sorted({events[i].sentence_start for i in body})[:LEDE_SENTENCES]
        done = False
        for start in lede_starts:
            here = [i for i, ev in enumerate(events) if ev.sentence_start == start and clauses[i] is not None]
            for i in here:
                ev = events[i]
                own = verb_key(ev.trigger) in tkeys or (
                    (synonym_group(text, ev) in tgroups
                     or (not done and word_group(text, ev.trigger_start, ev.trigger_end, TITLE_RESTATED) in restated))
                    and bool(_specific(out, ev) & _specific(out, events[t])))  # "buys" ... "have purchased"
                dated_alike = ev.time.how != "explicit" or events[t].time.how != "publication" \
                    or _day_precise(out, ev)  # "announced Monday": the news of the day, not "two years ago"
                worded = bool(_verb_keys(text, ev.start, ev.end) & tkeys) or (
                    not done and clauses[i].reporting and bool(_specific(out, ev) & _specific(out, events[t])) and any(
                        word_group(text, w.start(), w.end(), TITLE_RESTATED) in restated and is_past_form(w.group())
                        for w in _WORD.finditer(text, ev.trigger_end, ev.end)))  # "announced it has settled"
                if not (own or worded):
                    continue
                if done:
                    # a second lede sentence that restates the title ("has won a contract" ...
                    # "AirTanker, an EADS-led consortium, have signed a 27-year contract"): also
                    # a specific participant of the title's happening, and no stand-in
                    joined = set().union(*(_specific(out, events[k]) for k in shown if k == t or events[k].same_as == t))
                    if ev.background or clauses[i].reporting or not (_specific(out, ev) & joined) \
                            or not dated_alike or not compatible(out, events[t], ev, published):
                        continue
                    ev.same_as = t
                    break
                if ev.background or (worded and not own and not dated_alike):
                    # "has announced that development, begun two years ago, has been pushed back":
                    # the content keeps its own date; the reporting clause stands for the title's news
                    i = next((j for j in reversed(here) if j < i and not events[j].background
                              and clauses[j].reporting), -1)
                    if i < 0:
                        continue
                    ev = events[i]
                if compatible(out, events[t], ev, published):
                    ev.same_as = t
                    done = True
                    break
    root = title[0] if title else None
    groups = {i: synonym_group(text, events[i]) for i in body}
    # -- restatements in the body: the same verb, a shared participant, compatible dates
    for n, i in enumerate(body):
        ev = events[i]
        if ev.same_as is not None or clauses[i].reporting:
            continue  # a reporter says many things: two "announced" are not one happening
        if root is not None and (refers_back(text, ev) or at_occasion(text, ev)
                                 or (keys[i] == keys[root] and _same_time(out, events[root], ev))) \
                and compatible(out, events[root], ev, published) \
                and not any(other_people(out, ev, events[k]) for k in shown
                            if k == root or events[k].same_as == root):
            ev.same_as = root  # "The announcement came ...", the title's verb again on its date
            continue
        mine = _entities(out, ev)
        for j in reversed(body[:n]):
            other = events[j]
            synonym = keys[j] != keys[i] and groups[i] is not None and groups[i] == groups[j]
            if (keys[j] != keys[i] and not synonym) or not compatible(out, other, ev, published):
                continue
            theirs = _entities(out, other)
            near = sentence_no[ev.sentence_start] - sentence_no[other.sentence_start] <= 2
            if other_people(out, ev, other):
                continue  # "Williams was arrested" ... "Jackson was arrested": two arrests of one team
            if mine & theirs or (near and not synonym and not (mine and theirs)):
                top = j  # not ``root``: that stays the title's happening for the next clauses
                while events[top].same_as is not None:
                    top = events[top].same_as
                ev.same_as = top
                break
    # -- the same reporting act told again: the same verb and speaker, and what it reports is
    # one happening ("Iraq has confirmed that Syrian forces bombed ..." in the title, the lede
    # and the body)
    def root_of(k: int) -> int:
        while events[k].same_as is not None:
            k = events[k].same_as
        return k

    told: list[tuple[int, int]] = []  # (reporting event, root of what it reports)
    for i in shown:
        c = clauses[i]
        nxt = i + 1
        if not c.reporting or nxt >= len(events) or clauses[nxt] is None \
                or events[nxt].sentence_start != events[i].sentence_start or clauses[nxt].opener != "that":
            continue
        content = root_of(nxt)
        for j, other_content in told:
            if other_content == content and keys[j] == keys[i] and _entities(out, events[j]) & _entities(out, events[i]) \
                    and events[i].same_as is None and root_of(j) != i:
                events[i].same_as = root_of(j)
                break
        told.append((i, content))

    # -- what a telling did: "Maliki told the BBC that jets bombed Qaim, giving the first
    # official confirmation of the incident" -- the giving is the telling (guideline §3: a later
    # mention of the same reporting occasion), not a happening of its own
    for i in shown:
        c = clauses[i]
        if events[i].same_as is not None or i < 2 or clauses[i - 1] is None or clauses[i - 1].opener != "that" \
                or not result_of_before(text, c):
            continue
        reporter = next((j for j in range(i - 2, -1, -1) if events[j].sentence_start == events[i].sentence_start
                         and clauses[j] is not None and clauses[j].reporting), None)
        if reporter is not None and reporter in keys:
            events[i].same_as = root_of(reporter)

    _same_occasion(text, out, events, clauses, shown, title_end, root_of)
    _occurrence(text, events, clauses, shown, root_of)
    _when_same_agent(text, out, events, clauses, shown, root_of, published)
    _same_participants(out, events, clauses, shown, title_end, root_of)
    if title:
        _described(text, out, events, shown, title[0], tgroups, root_of, published)
    _named_in_passing(out, events, clauses, shown, root_of)
    if published is not None:  # without a publication day nothing was defaulted to it
        _written_date_wins(out, events, root_of)


def _written_date_wins(out: Extraction, events: list[Event], root_of) -> None:  # noqa: ANN001
    """A happening's reports share the date one of them writes: a title or a restatement dated
    only by the publication default takes the day the lede writes ("requests rerun" in a title of
    July 2, "on June 18 called for a re-run" in the lede). Reports whose written dates disagree
    keep their own (the curator sees them)."""
    groups: dict[int, list[int]] = {}
    for i in range(len(events)):
        groups.setdefault(root_of(i), []).append(i)
    for members in groups.values():
        if len(members) < 2:
            continue
        written = [i for i in members if events[i].time.how == "explicit"
                   and events[i].time.target.startswith("timex:") and events[i].time.relation == "ON"]
        found = [out.timexes[int(events[i].time.target.split(":")[1])].resolved for i in written]
        if len({r.value if r is not None and r.earliest is not None else None for r in found} | {0}) != 2 \
                or any(r is None or r.earliest is None for r in found):
            continue  # none, dates that disagree, or one the calendar cannot place ("Friday" with no publication day)
        link = events[written[0]].time
        for i in members:
            if events[i].time.how == "publication":
                events[i].time = TimeLink(link.target, "ON", "narrative", events[i].time.confidence)


#: A clause whose subject is a definite description up to its verb group ("The former executive
#: had been ousted").
_DESCRIBED = re.compile(r"(?:the|this|that)\s+(?:[a-z-]+\s+){1,3}(?:has|have|had|was|were|is|are|been|\s)*$", re.I)


def _described(text: str, out: Extraction, events: list[Event], shown: list[int], t: int,
               tgroups: set[str], root_of, published: date | None) -> None:  # noqa: ANN001
    """A body clause that tells the title's act again in other words of its group ("Apple
    executive leaves company" ... "The former executive had been ousted") with a definite
    description for its subject and no named agent or patient is that happening told again."""
    for i in shown:
        ev = events[i]
        if i == t or ev.same_as is not None or root_of(i) == t or events[i].sentence_start <= events[t].sentence_start:
            continue
        if synonym_group(text, ev) not in tgroups or not _DESCRIBED.match(text, ev.start, ev.trigger_start):
            continue
        if any(a.role in ("agent", "patient") for a in ev.arguments):
            continue
        if compatible(out, events[t], ev, published):
            ev.same_as = t


def _named_in_passing(out: Extraction, events: list[Event], clauses: list[Clause | None],
                      shown: list[int], root_of) -> None:  # noqa: ANN001
    """A happening named in passing by a dated noun phrase ("violated the 1991 agreement",
    "since the 2005 merger") is the one a clause of the article tells on that date with the same
    kind of action ("The lawsuit was settled in 1991"), else the one the same phrase named
    before: a mention, not a happening of its own."""
    for i, ev in enumerate(events):
        if clauses[i] is not None or ev.background or ev.same_as is not None \
                or ev.time.how != "explicit":
            continue
        key = verb_key(ev.trigger)
        told = [j for j in shown if (events[j].kind is not None and events[j].kind == ev.kind)
                and _same_time(out, events[j], ev)]
        # ... or named before in other words of the same kind ("the 1991 settlement", "the 1991
        # agreement")
        named = [j for j in range(i) if clauses[j] is None and not events[j].background
                 and (verb_key(events[j].trigger) == key or (ev.kind is not None and events[j].kind == ev.kind))
                 and _same_time(out, events[j], ev)]
        target = min(told, key=lambda j: abs(events[j].start - ev.start)) if told else \
            (named[0] if named else None)
        if target is not None:
            ev.same_as = root_of(target)


_AT = re.compile(r"(?:during|at|in)\s+(?:the|his|her|its|their|this)\s+((?:[\w'’-]+\s+){0,2}?)([a-z]+)\b", re.I)


def at_occasion(text: str, ev: Event) -> bool:
    """The clause opens by placing itself at a definite event noun ("During the event, Jobs
    attempted to address ...", "At the ceremony, ..."): it tells what happened at the happening
    that noun refers back to."""
    m = _AT.match(text, ev.start)
    return bool(m) and m.group(2).lower() in anaphora()["noun"][0] and m.end() <= ev.trigger_start


def _speakers(out: Extraction, ev: Event) -> set[int]:
    """Entities named before the trigger (the speaker), not in what is said ("said Jobs's health")."""
    return {out.mentions[a.mention].entity for a in ev.arguments if out.mentions[a.mention].end <= ev.trigger_start}


def _same_occasion(text: str, out: Extraction, events: list[Event], clauses: list[Clause | None], shown: list[int],
                   title_end: int, root_of) -> None:
    """Guideline-style "he added" rule: when the title's happening is joined by a statement of the
    lede ("Jobs announced Monday ..."), a later routine attribution ("Jobs said he will ...") by a
    participant of that statement, with a compatible date, is told on the same occasion. A
    speaker who is not a participant of the statement ("Someone familiar ... said") stays apart."""
    words = anaphora()["occasion"][0]
    title = [i for i in shown if events[i].sentence_start < title_end]
    if not title:
        return
    t = title[0]
    stated = [i for i in shown if events[i].same_as == t and clauses[i].reporting
              and events[i].kind == "statement"]
    if not stated:
        return
    # and the speakers of what was done at the occasion ("During the event, Jobs attempted ...")
    at = [i for i in shown if events[i].same_as == t and at_occasion(text, events[i])]
    speakers = set().union(*(_speakers(out, events[i]) for i in stated + at))
    shown_set = set(shown)
    told = list(stated)
    for i, ev in enumerate(events):
        # a routine attribution kept as background ("Spokeswoman Jane Roe said") is not joined,
        # but what it says on the occasion is
        if clauses[i] is None or (i not in shown_set and not ev.background):
            continue
        if ev.same_as is not None or i == t or i in stated or ev.sentence_start < events[stated[0]].sentence_start:
            continue
        if not clauses[i].reporting or ev.trigger.lower() not in words:
            continue
        if (_speakers(out, ev) & speakers or _for_the_speaker(text, out, ev)) \
                and all(compatible(out, events[s], ev) for s in stated):
            told.append(i)
            if i in shown_set:
                ev.same_as = root_of(t)
    _told_on_the_occasion(events, clauses, shown, told, t, root_of)


def _told_on_the_occasion(events: list[Event], clauses: list[Clause | None], shown: list[int],
                          told: list[int], t: int, root_of) -> None:  # noqa: ANN001
    """What a statement on the occasion of the title's happening says ("Spokeswoman Sandy Angers
    said that the team ... had been merged into ..."), with no date of its own, is more of that
    announcement (a plan's content is folded into its announcement), not a happening apart."""
    shown_set = set(shown)
    for i in told:
        nxt = i + 1
        if nxt not in shown_set or events[nxt].sentence_start != events[i].sentence_start \
                or clauses[nxt].opener != "that" or events[nxt].same_as is not None:
            continue
        if events[nxt].time.how == "publication" and root_of(nxt) == nxt:
            events[nxt].same_as = t


def _for_the_speaker(text: str, out: Extraction, ev: Event) -> bool:
    """ "Spokeswoman Sandy Angers said": a spokesperson who names no party of her own speaks for
    the party whose statement the article tells (``event_anaphora.tsv``, "spokesperson")."""
    words = anaphora()["spokesperson"][0]
    if not any(w.lower() in words for w in _WORD.findall(text, ev.start, ev.trigger_start)):
        return False
    return not any(out.entities[e].kind in ("organisation", "group") for e in _speakers(out, ev))


#: Shared specific participants that make a body clause a report of the title's happening.
SHARED_PARTICIPANTS = 2


def people(out: Extraction, ev: Event) -> set[int]:
    """The persons among the event's participants (entity ids)."""
    return {e for e in _entities(out, ev) if out.entities[e].kind == "person"}


def other_people(out: Extraction, a: Event, b: Event) -> bool:
    """Both events name persons, none the same: acts of other people, not one happening told
    again (a shared team, company or place does not make them one)."""
    pa, pb = people(out, a), people(out, b)
    return bool(pa and pb and not pa & pb)


def _specific(out: Extraction, ev: Event) -> set[int]:
    """The event's participants that name one party: not places ("the United States", "Iraq"
    take part in many happenings of one article)."""
    return {e for e in _entities(out, ev) if out.entities[e].kind != "place"}


def _same_participants(out: Extraction, events: list[Event], clauses: list[Clause | None], shown: list[int],
                       title_end: int, root_of) -> None:
    """A body clause that names two or more of the specific participants of the title's
    happening (the title and the clauses already joined to it) on a date that fits it
    ("Apple unveils new MacBook Air, iLife '11" ... "Jobs announced the release of Apple's iLife
    '11"; "Apple released the text of Jobs's email") reports that happening. A date that fits:
    the body clause has no date of its own, or overlaps every date of the title's happening
    written in its reports (it must have one: an article's topic participants, Apple and its
    iPhone, appear in clauses of many happenings)."""
    title = [i for i in shown if events[i].sentence_start < title_end]
    if not title:
        return
    t = title[0]
    members = [i for i in shown if root_of(i) == t]
    theirs = set().union(*(_specific(out, events[i]) for i in members))
    if len(theirs) < SHARED_PARTICIPANTS:
        return
    spans = [sp for sp in (_span(out, events[i]) for i in members if events[i].time.how == "explicit")
             if None not in sp[:2]]
    if not spans:
        return  # undated by the text: the shared participants may be the article's topic, not one happening
    for i in shown:
        ev = events[i]
        if ev.sentence_start < title_end or root_of(i) == t or i in members:
            continue
        if len(_specific(out, ev) & theirs) < SHARED_PARTICIPANTS \
                or any(other_people(out, ev, events[k]) for k in members):
            continue
        e, l, defaulted = _span(out, ev)
        if not defaulted:
            if e is None or l is None:
                continue
            if not all(e <= b and a <= l for a, b, _d in spans):
                continue
        events[root_of(i)].same_as = t



def _occurrence(text: str, events: list[Event], clauses: list[Clause | None], shown: list[int], root_of) -> None:
    """ "The company overtook Infogear, which took place in 1996": the "which" clause only says
    when the happening before it took place; it is a report of that happening, not a row of
    its own (``event_anaphora.tsv``, "occurrence")."""
    words = {verb_key(lemma) + (f"+{particle}" if particle else "")
             for lemma, _, particle in (w.partition("+") for w in anaphora()["occurrence"][0])}
    shown_set = set(shown)
    for i in shown:
        ev, c = events[i], clauses[i]
        if c.opener != "which" or i == 0 or i - 1 not in shown_set or ev.same_as is not None:
            continue
        if events[i - 1].sentence_start != ev.sentence_start:
            continue
        key = verb_key(ev.trigger)
        nxt = _WORD.match(text, ev.trigger_end + 1)
        if key in words or (nxt and f"{key}+{nxt.group().lower()}" in words):
            ev.same_as = root_of(i - 1)


def _when_same_agent(text: str, out: Extraction, events: list[Event], clauses: list[Clause | None],
                     shown: list[int], root_of, published: date | None) -> None:
    """ "When Jobs first introduced iPhone 4, he praised its antenna design": a sentence that
    opens with a "when" clause and goes on with the same subject (a participant named before
    both verbs) tells one occasion. With another
    agent ("When the Air Force selected Northrop, Boeing challenged the award") they stay apart."""
    shown_set = set(shown)
    for i in shown:
        c = clauses[i]
        if c.opener != "main" or i == 0 or i - 1 not in shown_set or events[i].same_as is not None:
            continue
        first = events[i - 1]
        if first.sentence_start != events[i].sentence_start or \
                (_WORD.match(text, first.start) or [""])[0].lower() != "when":
            continue
        if _speakers(out, first) & _speakers(out, events[i]) and compatible(out, first, events[i], published):
            events[i].same_as = root_of(i - 1)
