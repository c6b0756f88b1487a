"""Reports joined across articles of one story by the family of their event word.

Extraction makes a background report of every event word inside a clause that is no report's
trigger ("the shooting", "the quake", "... and five injured": ``extract/event_words.py``). A new
group that the stricter rules of ``grouping_rules`` left alone (shown, or such an event word's;
its trigger a word of ``resources/event_words.tsv`` or of a family's stem: "attacked", else a
shown trigger's own verb) joins, across articles, a report of the **same family** ("quake" and
"earthquake", "shooting" and "shot") in an article of the **same story**: one sharing at least
``STORY_MIN`` specific participants with its own and at least ``STORY_SHARE`` of the two
articles' specific participants (the names a generic word never is: a country, "officials") or
``STORY_WEIGHTED`` of their mentions, whose main person is not another's (``other_leads``), at
dates that are not apart; never a group about other people (``other_people``). Never on the
word alone: "the attack" of two unrelated stories stays apart, and so do two earthquakes in two
countries.

Candidates come through indexes only: the new articles' specific participants (mentions by
document), the articles that name the same ones (mentions by participant, the newest
``MAX_MENTIONS`` of each), then those articles' reports (events by document). Articles of the
same batch are matched in memory (their events are not written yet).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache

from sqlalchemy import and_, exists, func, not_, or_, select
from sqlalchemy.orm import Session

from eventdb.services import grouping_store
from eventdb.services.grouping_rules import (Group, Report, _apart, _window, event_words, is_generic,
                                             other_people, stem, trigger_stems)
from eventdb.services.grouping_store import (REPORT_COLUMNS, WITH_PUBLICATION, C, E, M, P, X,
                                             _LIVE, _reports, chunks)

#: Specific participants two articles must share to be one story.
STORY_MIN = 2
#: Share of their specific participants (Jaccard) two articles of one story have in common.
STORY_SHARE = 0.2
#: Share of their participants' mentions (weighted Jaccard) that makes two articles one story
#: when the share of their participants does not.
STORY_WEIGHTED = 0.2
#: Articles of one story looked at per new article (those sharing the most participants).
MAX_STORY_DOCS = 20
#: Mentions that make a person an article's main person (``lead_person``).
LEAD_MIN = 2


@lru_cache(maxsize=65536)  # a pure function of the trigger, asked of every report a batch reads
def family(trigger: str) -> str | None:
    """The family of a report's trigger in the table (its word, else its stem: "attacked" ->
    "attack"), else its verb's own ("evacuated", "evacuates"); None for a reporting verb (two
    statements of one story are rarely one)."""
    w = " ".join(trigger.lower().split())
    table = event_words()
    found = table.get(w)
    if found is None and (s := stem(w)) in _names():
        found = s
    if found is None and trigger_stems(w):
        from eventdb.extract.kinds import verb_key  # (not at import: curation commands load no rule)
        found = "=" + verb_key(w)
    return found


@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    return frozenset(event_words().values())


def _linkable(r: Report) -> bool:
    """A report another article's event word may join: shown, or an event word itself."""
    return not r.background or r.word


def _participants_by_doc(session: Session, docs: Sequence[int],
                         people: set[int]) -> dict[int, dict[int, int]]:
    """Article -> its specific participants (canonical ids) -> mentions, through the mentions;
    the people among them are added to ``people``."""
    out: dict[int, dict[int, int]] = defaultdict(dict)
    source = M.join(P, P.c.id == M.c.participant_id)
    canonical = func.coalesce(P.c.merged_into_id, P.c.id)
    generic: dict[int, bool] = {}
    for part in chunks(docs):
        query = (select(M.c.document_id, canonical, P.c.name, P.c.kind, func.count())
                 .select_from(source).where(M.c.document_id.in_(part))
                 .group_by(M.c.document_id, canonical, P.c.name, P.c.kind))
        for doc, pid, name, kind, n in session.execute(query):
            if pid not in generic:
                generic[pid] = is_generic(name)
            if not generic[pid]:
                out[doc][pid] = out[doc].get(pid, 0) + n
                if kind == "person":
                    people.add(pid)
    return out


def lead_person(names: dict[int, int], people: set[int]) -> int | None:
    """The article's main person: the one it names most, at least ``LEAD_MIN`` times and more
    often than any other person (a tie has none)."""
    ranked = sorted(((n, p) for p, n in names.items() if p in people), reverse=True)
    if not ranked or ranked[0][0] < LEAD_MIN or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
        return None
    return ranked[0][1]


def other_leads(a: dict[int, int], b: dict[int, int], people: set[int]) -> bool:
    """Two articles about different people: their main persons differ and they do not both
    name each other's main person ``LEAD_MIN`` times ("Vincent Jackson arrested for DUI" and
    "Jamal Williams arrested for DUI", one team: two stories)."""
    la, lb = lead_person(a, people), lead_person(b, people)
    if la is None or lb is None or la == lb:
        return False
    return not (b.get(la, 0) >= LEAD_MIN and a.get(lb, 0) >= LEAD_MIN)


def one_story(a: dict[int, int], b: dict[int, int], people: set[int]) -> bool:
    """Two articles (specific participant -> mentions) of one story: a share of their
    participants (``STORY_SHARE``), or of their mentions (``STORY_WEIGHTED``: the names each
    article repeats are its story's), and not about other people (``other_leads``)."""
    union = a.keys() | b.keys()
    if not union:
        return False
    shared = a.keys() & b.keys()
    if len(shared) / len(union) < STORY_SHARE:
        weighted = (sum(min(a.get(p, 0), b.get(p, 0)) for p in shared)
                    / sum(max(a.get(p, 0), b.get(p, 0)) for p in union))
        if weighted < STORY_WEIGHTED:
            return False
    return not other_leads(a, b, people)


def _story_docs(session: Session, mine: dict[int, dict[int, int]],
                people: set[int]) -> dict[int, list[tuple[int, int]]]:
    """New article -> [(stored or batch article, shared specific participants)], most first;
    ``people``: the persons among the participants (more are added)."""
    pids = sorted({p for s in mine.values() for p in s})
    docs_of: dict[int, set[int]] = defaultdict(set)
    for part in chunks(pids):
        x = M.alias("x")
        threshold = (select(x.c.id).where(x.c.participant_id == P.c.id).order_by(x.c.id.desc())
                     .limit(1).offset(grouping_store.MAX_MENTIONS - 1).correlate(P).scalar_subquery())
        query = (select(func.coalesce(P.c.merged_into_id, P.c.id), M.c.document_id).distinct()
                 .select_from(P.join(M, and_(M.c.participant_id == P.c.id,
                                             M.c.id >= func.coalesce(threshold, 0))))
                 .where(or_(P.c.id.in_(part), P.c.merged_into_id.in_(part))))
        for pid, doc in session.execute(query):
            docs_of[pid].add(doc)
    counted: dict[int, dict[int, int]] = {}
    for doc, ps in mine.items():
        shared: dict[int, int] = defaultdict(int)
        for p in ps:
            for other in docs_of.get(p, ()):
                if other != doc:
                    shared[other] += 1
        most = sorted(((o, n) for o, n in shared.items() if n >= STORY_MIN),
                      key=lambda on: (-on[1], -on[0]))[:2 * MAX_STORY_DOCS]
        counted[doc] = dict(most)
    theirs = _participants_by_doc(session, sorted({o for c in counted.values() for o in c}), people)
    out: dict[int, list[tuple[int, int]]] = {}
    for doc, shared in counted.items():
        ranked = sorted(((o, n) for o, n in shared.items()
                         if one_story(mine[doc], theirs.get(o, {}), people)),
                        key=lambda on: (-on[1], on[0]))
        out[doc] = ranked[:MAX_STORY_DOCS]
    return out


def _stored_reports(session: Session, docs: Sequence[int], families: set[str]) -> list[Report]:
    """The stored reports of ``docs`` another article's report may join, of ``families`` only."""
    split_out = (select(1).select_from(X.join(C, C.c.id == X.c.change_id))
                 .where(X.c.event_id == E.c.id, X.c.is_current, C.c.action == "split-report"))
    rows = []
    for part in chunks(docs):
        rows += session.execute(
            select(*REPORT_COLUMNS).select_from(WITH_PUBLICATION)
            .where(E.c.document_id.in_(part), E.c.happening_id.is_not(None), _LIVE,
                   ~exists(split_out),
                   or_(not_(E.c.background), func.lower(E.c.trigger).in_(sorted(event_words()))))
            .order_by(E.c.id)).all()
    return _reports(session, [r for r in rows if family(r[2]) in families])


def _best(g: Group, mine: Report, theirs: Sequence[tuple[Report, Group]],
          now: Callable[[Group], Group]) -> Group | None:
    """Of an article's reports of one family (``theirs``: (report, group)), the group ``g`` may
    join: not about other people, at dates not apart, the one sharing most of ``g``'s
    participants (an article telling two check-ins of one actress, at two clinics: the one at
    the same clinic), else the first."""
    best, most = None, -1
    for r, t in theirs:
        t = now(t)
        if t is g or other_people(g, t) or _apart(_window(mine), _window(r)):
            continue
        shared = len(g.pids & t.pids)
        if shared > most:
            best, most = t, shared
    return best


def join_stories(session: Session, lone: list[Group], groups: list[Group],
                 stored: dict[int, Group], batch_docs: set[int]) -> set[int]:
    """Join each group of ``lone`` (new groups matched by nothing else, shown or an event
    word's) to a report of the same family in an article of the same story (see the module's
    docstring), the article sharing most participants first: a batch
    group of ``groups`` or a stored happening (added to ``stored``). ``batch_docs``: the
    batch's own articles (any other article's reports are read from the database, even when a
    stored happening matched here holds some of them, as they are when articles come one by
    one). Joined groups are emptied of their reports; returns the stored happenings that
    gained reports."""
    lone = [g for g in lone if any(family(r.trigger) is not None for r in g.reports)]
    if not lone:
        return set()
    people: set[int] = set()
    mine = _participants_by_doc(session, sorted({g.reports[0].document_id for g in lone}), people)
    mine = {d: ps for d, ps in mine.items() if len(ps) >= STORY_MIN}
    if not mine:
        return set()
    story = _story_docs(session, mine, people)
    stored_docs = sorted({o for pairs in story.values() for o, _ in pairs} - batch_docs)
    # (document, family) -> its linkable reports of the family, each with the group holding it
    index: dict[tuple[int, str], list[tuple[Report, Group]]] = defaultdict(list)
    for g in groups:
        for r in g.reports:
            if _linkable(r) and family(r.trigger) is not None:
                index[(r.document_id, family(r.trigger))].append((r, g))
    wanted = {f for g in lone for r in g.reports if (f := family(r.trigger)) is not None}
    for r in _stored_reports(session, stored_docs, wanted):
        g = stored.get(r.happening_id)  # type: ignore[arg-type]
        if g is None:
            g = stored[r.happening_id] = Group([], r.happening_id)  # type: ignore[index]
            g.add(r)  # what the happening's report here names (its people, for other_people)
        if family(r.trigger) is not None:
            index[(r.document_id, family(r.trigger))].append((r, g))
    gained: set[int] = set()
    went: dict[int, Group] = {}  # id of a group emptied here -> the group its reports joined

    def now(g: Group) -> Group:
        while id(g) in went:
            g = went[id(g)]
        return g

    for g in lone:
        if not g.reports:
            continue
        doc = g.reports[0].document_id
        fams = {f: r for r in reversed(g.reports) if (f := family(r.trigger)) is not None}
        target = next((t for o, _ in story.get(doc, ()) for f in sorted(fams)
                       if (t := _best(g, fams[f], index.get((o, f), ()), now)) is not None), None)
        if target is None:
            continue
        moved, g.reports = g.reports, []
        for r in moved:
            target.add(r)
        went[id(g)] = target
        if target.happening_id is not None and target.happening_id in stored:
            gained.add(target.happening_id)
    return gained
