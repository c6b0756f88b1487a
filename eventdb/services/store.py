"""Writing extracted documents with bulk inserts: one statement per table for a whole batch.

The caller owns the transaction (ingest wraps a batch in a SAVEPOINT, and, should the database
refuse it, each document in one of its own, so a failing document leaves nothing behind and the
others still go in).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from eventdb.db.bulk import bulk_insert, raw_executemany, raw_select_in, raw_set_by_id
from eventdb.db.models import (
    DateAssertion, Document, Event, EventArgument, Mention, Participant, ParticipantAlias,
    TimeNode, utcnow,
)
from eventdb.services.dating import RESOLVED_FIELDS, machine_status
from eventdb.services.grouping import Report, group, is_generic, split_kinds
from eventdb.services.grouping_rules import is_word_report
from eventdb.services.participants import alias_key
from eventdb.services.sources import SourceDocument
from eventdb.temporal import Resolved, dct_resolution

if TYPE_CHECKING:  # curation imports this module and never extracts: it need not load extract
    from eventdb.extract import Extraction


def _published_day(published: date | datetime | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def dateline_disagreement(published: date | datetime | None, dateline: Resolved | None) -> str | None:
    """Why the dateline and the given publication date disagree, or None."""
    day = _published_day(published)
    if day is None or dateline is None or dateline.earliest is None or dateline.latest is None:
        return None
    if dateline.earliest <= day <= dateline.latest:
        return None
    return f"the dateline says {dateline.value} but the publication date is {day.isoformat()}"


def _resolved_values(resolved: Resolved | None) -> tuple:
    """The resolution's columns (``RESOLVED_FIELDS``, in that order)."""
    if resolved is None:
        return (None,) * len(RESOLVED_FIELDS)
    return tuple(getattr(resolved, f) for f in RESOLVED_FIELDS)


# The columns of the rows store_documents builds, in the order it builds them.
_DOCUMENT_COLUMNS = ["id", "external_id", "title", "source", "url", "text", "content_hash",
                     "ingested_at", "review_reason", "version_id"]
_NODE_COLUMNS = ["id", "document_id", "kind", "start", "end", "text", "timex_type", "rule",
                 "status", "version_id", "anchor_node_id", *RESOLVED_FIELDS]
_ASSERTION_COLUMNS = ["event_id", "node_id", "origin", "status", "rule", "is_current",
                      "created_at", "note", *RESOLVED_FIELDS]
_MENTION_COLUMNS = ["id", "document_id", "participant_id", "start", "end", "text"]
_EVENT_COLUMNS = ["id", "document_id", "position", "start", "end", "sentence_start",
                  "sentence_end", "headline", "trigger", "trigger_start", "trigger_end",
                  "time_node_id", "relation", "date_how", "confidence", "status", "version_id",
                  *RESOLVED_FIELDS, "background", "kind", "happening_id"]
_ARGUMENT_COLUMNS = ["event_id", "mention_id", "role"]


class IdAllocator:
    """Primary keys chosen before inserting, so rows go in by one executemany per table.

    (``INSERT ... RETURNING`` cannot promise the order of its ids for many rows on SQLite, and
    SQLAlchemy then inserts row by row: most of ingest's time.) On SQLite the writer holds the
    write lock for the whole transaction, so ids continue from the table's AUTOINCREMENT
    sequence (or its maximum, whichever is higher): an id once used, even by a row deleted
    since (``--replace``), is never given again, so the change log never mistakes a new row
    for an old one. On PostgreSQL they come from the table's sequence. A rolled-back document
    leaves a gap.
    """

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, session: Session, table, n: int) -> list[int]:  # noqa: ANN001
        if n == 0:
            return []
        bind = session.get_bind()
        if bind.dialect.name == "postgresql":
            return list(session.execute(
                text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                {"t": table.name, "n": n}).scalars())
        # Read every time (two index lookups): rows the ORM added since (a carried
        # re-anchoring's node) took ids after the last allocation.
        used = session.execute(select(func.max(table.c.id))).scalar() or 0
        sequence = session.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :t"),
                                   {"t": table.name}).scalar() or 0
        first = max(used + 1, sequence + 1, self.next.get(table.name, 0))
        self.next[table.name] = first + n
        return list(range(first, first + n))


@dataclass
class ParticipantCache:
    """Alias key -> canonical participant id, valid inside one transaction.

    Keys learnt while writing documents (a batch, or one) are remembered apart, so that they can
    be forgotten if their savepoint is rolled back.
    """

    ids: dict[str, int] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)
    #: Participant id -> the alias key of its name (provisional ids too), for ``joins_across``.
    names: dict[int, str] = field(default_factory=dict)
    #: Primary keys for the rows of the same transaction.
    allocator: IdAllocator = field(default_factory=lambda: IdAllocator())

    def commit(self) -> None:
        self.pending.clear()

    def rollback(self) -> None:
        for key in self.pending:
            self.ids.pop(key, None)
        self.pending.clear()

    def learn(self, key: str, participant_id: int) -> None:
        if key not in self.ids:
            self.ids[key] = participant_id
            self.pending.append(key)


def _canonical_ids(session: Session, ids: set[int]) -> dict[int, int]:
    """Follow curator merges: participant id -> the id that stands for it now."""
    result = {i: i for i in ids}
    todo = set(ids)
    for _ in range(20):  # merge chains are short; the bound guards against a cycle
        if not todo:
            break
        rows = session.connection().execute(
            select(Participant.id, Participant.merged_into_id)
            .where(Participant.id.in_(todo), Participant.merged_into_id.is_not(None))).all()
        todo = set()
        for pid, target in rows:
            for k, v in result.items():
                if v == pid:
                    result[k] = target
            todo.add(target)
    return result


def joins_across(name_key: str, key: str, target_key: str | None = None, kind: str = "",
                 implied: bool = False) -> bool:
    """May a participant known elsewhere by ``key`` (and named ``target_key``) be this entity
    (named ``name_key``)?

    The entity's own name always joins. A short form (an alias the article wrote, or a surname
    the name implies) joins a participant known by that short form alone ("Klitschko" is
    "Wladimir Klitschko"), or one whose fuller name shares it the same way: a person with the
    same surname and first initial ("Nuri al-Maliki", "Nouri al-Maliki"), an organisation with
    the same leading name ("Apple Computer", "Apple Inc."). Never two fuller names that share
    only a surname ("George Bush" is not "Reggie Bush") or only a trailing word ("Daimler
    Chrysler" is not "Chrysler"); never a product by a leading word ("Mac App Store").
    """
    if key == name_key:
        return True
    if target_key is None:
        return name_key.endswith(" " + key)  # the rule before names were known: a trailing form
    # A trailing word is a person's surname or a model's number ("A380"); an organisation's only
    # when its name implies it (``extract.canon``: "Saints" of "New Orleans Saints").
    trailing = name_key.endswith(" " + key) and (kind in ("person", "product") or implied)
    # A leading name: an organisation's ("Apple" of "Apple Inc."), or the brand or person a
    # store, clinic or centre is named after ("Betty Ford" of "Betty Ford Center": implied).
    leading = (kind == "organisation" or implied) and name_key.startswith(key + " ")
    if target_key == key:
        return trailing or leading
    if (kind == "person" or implied) and trailing and target_key.endswith(" " + key):
        return name_key[:1] == target_key[:1]
    return leading and target_key.startswith(key + " ")


def _entity_keys(extraction: Extraction) -> list[list[tuple[str, str]]]:
    """Per entity: (alias key, the name giving it), the canonical name's first; then the short
    forms its name implies (``extract.canon``)."""
    # imported here: curation imports this module lightly
    from eventdb.extract.canon import nickname_variants, short_forms, spelling_variant
    out = []
    for entity in extraction.entities:
        first: dict[str, str] = {}
        variant = spelling_variant(entity.name)
        for name in (entity.name, *((variant,) if variant else ()), *entity.aliases,
                     *short_forms(entity.name, entity.kind), *nickname_variants(entity.name, entity.kind)):
            key = alias_key(name)
            if key and key not in first:
                first[key] = name
        out.append(list(first.items()))
    return out


def _bare_keys(name: str, kind: str) -> set[str]:
    """Alias keys of a person's name without its generational suffix or its initials."""
    if kind not in ("person", "other") or len(name.split()) < 3:
        return set()
    from eventdb.extract.canon import without_initials, without_suffix
    bare = without_suffix(name)
    return {alias_key(f) for f in (bare, without_initials(bare or name)) if f}


def _target_keys(session: Session, ids: set[int], cache: ParticipantCache) -> None:
    """Learn the name keys of participants ``ids`` (one query for those not yet known)."""
    todo = sorted(i for i in ids if i > 0 and i not in cache.names)
    for pid, name in raw_select_in(session, Participant.__table__, ["id", "name"], "id", todo):
        cache.names[pid] = alias_key(name)


def _described(name: str) -> bool:
    """An entity known only by a description ("the man", ``extract.coref``): names never start
    with "the " (``normalise_name`` drops it)."""
    return name.startswith("the ") and name[4:5].islower()


def _described_names(extractions: list[Extraction], sources: list[str | None]) -> list[list[str | None]]:
    """Per extraction, the participant name of each entity known only by a description: the
    description and the article's id ("the man (ap-123)", then "the man (ap-123) 2"), so that
    re-ingesting the article (``--replace``) finds its participants again; None for the others
    (and for an article without an id: its participants are numbered by their own ids)."""
    out = []
    for x, src in zip(extractions, sources):
        seen: dict[str, int] = {}
        names: list[str | None] = []
        for e in x.entities:
            if not (_described(e.name) and src):
                names.append(None)
                continue
            base = f"{e.name} ({src})"[:240]
            seen[base] = seen.get(base, 0) + 1
            names.append(base if seen[base] == 1 else f"{base} {seen[base]}")
        out.append(names)
    return out


def resolve_participants(session: Session, extractions: list[Extraction],
                         cache: ParticipantCache, sources: list[str | None] | None = None) -> list[list[int]]:
    """The participant id of each extracted entity, per extraction, creating participants and
    aliases as needed: one lookup of all the batch's keys and names, then one insert of each.
    ``sources``: the articles' ids, naming the participants they describe without a name."""
    from eventdb.extract.canon import nickname_variants, short_forms, spelling_variant
    described = _described_names(extractions, sources or [None] * len(extractions))
    keys = [_entity_keys(x) for x in extractions]
    wanted = sorted({k for doc in keys for pairs in doc for k, _ in pairs if k not in cache.ids})
    rows = raw_select_in(session, ParticipantAlias.__table__, ["key", "participant_id"], "key", wanted)
    if rows:
        canonical = _canonical_ids(session, {pid for _, pid in rows})
        for key, pid in rows:
            cache.learn(key, canonical[pid])
    names = sorted({e.name[:255] for x in extractions for e in x.entities}
                   | {n for doc in described for n in doc if n})
    by_name: dict[str, int] = dict(raw_select_in(session, Participant.__table__, ["name", "id"], "name", names))
    new_participants: list[dict] = []
    new_aliases: list[dict] = []
    upgrades: dict[int, str] = {}
    kinds: dict[int, str] = {}  # participant -> a kind an article was sure of
    result: list[list[int]] = []
    # Documents in order, so that a participant the first creates is found by the next. New
    # participants get provisional ids (-1, -2, ...) until one allocation gives them all theirs.
    _target_keys(session, {cache.ids[k] for doc in keys for pairs in doc for k, _ in pairs[1:]
                           if k in cache.ids}, cache)
    for extraction, doc_keys, doc_described in zip(extractions, keys, described):
        ids: list[int] = []
        for entity, pairs, own_name in zip(extraction.entities, doc_keys, doc_described):
            if _described(entity.name):
                # known only by a description ("the man"): a participant of this article alone
                found = by_name.get(own_name) if own_name else None
                if found is None:
                    found = -1 - len(new_participants)
                    if own_name:
                        by_name[own_name] = found
                    new_participants.append({"name": own_name or entity.name[:200], "kind": entity.kind,
                                             "version_id": 1, "described": not own_name})
                ids.append(found)
                continue
            own = pairs[0][0] if pairs else ""
            implied = {alias_key(f) for f in short_forms(entity.name, entity.kind)}
            variant = spelling_variant(entity.name)
            # its own name in the other spelling, or with the given name's nickname ("Katie
            # Jenkin" is "Kathryn Jenkin")
            nicks = {alias_key(v) for v in nickname_variants(entity.name, entity.kind)}
            same = nicks | {alias_key(variant) if variant else own}
            # its own name without a generational suffix or initials ("Joseph Comeaux" of
            # "Joseph Comeaux Jr.", "Raj Chohan" of "Raj K. Chohan"): the same person, who
            # takes the fuller name
            bare = _bare_keys(entity.name, entity.kind)
            via = next((k for k, _ in pairs if k in cache.ids and (k in same or k in bare or joins_across(
                own, k, cache.names.get(cache.ids[k], k if k == own else None), entity.kind,
                k in implied))), None)
            found = cache.ids[via] if via is not None else None
            if via is not None and via != own and via not in same and cache.names.get(found) == via:
                # Known so far by this short form alone ("A380", "Klitschko"): the fuller name
                # is its canonical name from now on (unless a curator touched it, below).
                _fuller(found, entity.name[:255], own, by_name, new_participants, upgrades, cache)
            if found is None:
                # Nobody knows it by this key: a participant of the same name, else a new one.
                name = entity.name[:255]
                found = by_name.get(name)
                if found is None:
                    found = by_name[name] = -1 - len(new_participants)
                    new_participants.append({"name": name, "kind": entity.kind, "version_id": 1})
                    cache.names[found] = alias_key(name)
            if entity.kind in _SURE_KINDS:
                kinds.setdefault(found, entity.kind)
            ids.append(found)
        # Record every alias not yet known (the first participant to claim a key keeps it); the
        # short forms a name implies only for the participant of that very name ("Macintosh" is
        # not a short form of Apple, which "Apple Macintosh" joined).
        for pid, pairs, entity in zip(ids, doc_keys, extraction.entities):
            if _described(entity.name):
                continue
            own_name = bool(pairs) and (cache.ids.get(pairs[0][0]) == pid
                                        or cache.names.get(pid) == pairs[0][0])
            implied = set() if own_name else {alias_key(f) for f in short_forms(entity.name, entity.kind)}
            # a nickname variant is looked up, never recorded: the article did not write it
            implied |= {alias_key(v) for v in nickname_variants(entity.name, entity.kind)}
            for key, name in pairs:
                if key not in cache.ids and key not in implied:
                    cache.learn(key, pid)
                    new_aliases.append({"participant_id": pid, "alias": name[:255], "key": key})
        result.append(ids)
    if new_participants:
        real = cache.allocator.take(session, Participant.__table__, len(new_participants))
        for row, pid in zip(new_participants, real):
            row["id"] = pid
            if row.pop("described", False):
                row["name"] = f"{row['name']} #{pid}"  # names are unique: "the man #812"
        provisional = {-1 - i: pid for i, pid in enumerate(real)}
        result = [[provisional.get(i, i) for i in ids] for ids in result]
        for row in new_aliases:
            row["participant_id"] = provisional.get(row["participant_id"], row["participant_id"])
        for key in cache.pending:
            cache.ids[key] = provisional.get(cache.ids[key], cache.ids[key])
        for prov, pid in provisional.items():
            if prov in cache.names:
                cache.names[pid] = cache.names.pop(prov)
    for pid, kind in kinds.items():
        if pid < 0 and new_participants[-1 - pid]["kind"] == "other":
            new_participants[-1 - pid]["kind"] = kind
    bulk_insert(session, Participant.__table__, new_participants)
    bulk_insert(session, ParticipantAlias.__table__, new_aliases)
    _rename_fuller(session, upgrades)
    _sure_kinds(session, {pid: k for pid, k in kinds.items() if pid > 0})
    return result


#: Kinds an article's evidence settles ("the company" after Boeing, "he" after Yeager); not
#: places, which a preposition alone suggests ("confidence in Cheeks").
_SURE_KINDS = ("organisation", "person", "product", "group")


def _sure_kinds(session: Session, kinds: dict[int, str]) -> None:
    """Participants of kind "other" take the kind a later article is sure of ("Boeing" alone,
    then "Boeing ... the company"), unless a curator touched them (their version moved on)."""
    table = Participant.__table__
    by_kind: dict[str, list[int]] = {}
    for pid, kind in kinds.items():
        by_kind.setdefault(kind, []).append(pid)
    for kind, pids in by_kind.items():
        session.execute(table.update().where(table.c.id.in_(pids), table.c.kind == "other",
                                             table.c.version_id == 1).values(kind=kind))


def _fuller(pid: int, name: str, key: str, by_name: dict[str, int], new_participants: list[dict],
            upgrades: dict[int, str], cache: ParticipantCache) -> None:
    """Give participant ``pid`` the fuller ``name`` (alias key ``key``) when no other participant
    has it: at once for one created in this batch, else by ``_rename_fuller``."""
    if name in by_name:
        return
    by_name[name] = pid
    cache.names[pid] = key
    if pid < 0:
        new_participants[-1 - pid]["name"] = name
    else:
        upgrades[pid] = name


def _rename_fuller(session: Session, upgrades: dict[int, str]) -> None:
    """Rename participants to the fuller names their articles gave, unless a curator renamed or
    merged them (their version moved on, or others were merged into them): curation wins."""
    if not upgrades:
        return
    table = Participant.__table__
    merged = table.alias("merged")
    for pid, name in upgrades.items():
        session.execute(
            table.update()
            .where(table.c.id == pid, table.c.version_id == 1,
                   ~select(merged.c.id).where(merged.c.merged_into_id == table.c.id).exists(),
                   ~select(merged.c.id).where(merged.c.name == name).exists())
            .values(name=name))


def store_document(
    session: Session, doc: SourceDocument, extraction: Extraction, digest: str,
    cache: ParticipantCache | None = None,
) -> int:
    """Write one document and everything extracted from it; returns the document's id."""
    return store_documents(session, [(doc, extraction, digest)], cache)[0]


def store_documents(
    session: Session, items: Sequence[tuple[SourceDocument, Extraction, str]],
    cache: ParticipantCache | None = None,
) -> list[int]:
    """Write documents and everything extracted from them, with one statement per table for
    them all (per-statement overhead, not the rows, is most of the cost of a small document);
    returns the documents' ids. All or nothing, in the caller's transaction."""
    if not items:
        return []
    cache = cache or ParticipantCache()
    take = partial(cache.allocator.take, session)
    now = utcnow()
    documents: list[tuple] = []
    nodes: list[tuple] = []
    mentions: list[tuple] = []
    events: list[tuple] = []
    arguments: list[tuple] = []
    assertions: list[tuple] = []
    # Links written once both rows exist: (row id, the id it links to).
    published_nodes: list[tuple[int, int]] = []
    node_anchors: list[tuple[int, int]] = []
    event_anchors: list[tuple[int, int]] = []
    reports: list[Report] = []

    # Columns of each answer, computed once: many events share their expression's answer or
    # the publication date's. Keyed by identity; the extractions keep the objects alive.
    answers: dict[int, tuple[str, tuple]] = {}

    def answer(resolved: Resolved | None) -> tuple[str, tuple]:
        got = answers.get(id(resolved))
        if got is None:
            got = answers[id(resolved)] = (machine_status(resolved), _resolved_values(resolved))
        return got

    def node(node_id: int, doc_id: int, kind: str, start: int | None, end: int | None,
             text: str | None, timex_type: str, resolved: Resolved | None, rule: str,
             note: str | None = None, anchor: int | None = None) -> None:
        status, values = answer(resolved)
        nodes.append((node_id, doc_id, kind, start, end, text, timex_type, rule, status, 1, anchor,
                      *values))
        assertions.append((None, node_id, "machine", status, rule, True, now, note, *values))

    extractions = [x for _, x, _ in items]
    participant_ids = resolve_participants(session, extractions, cache,
                                           [doc.external_id for doc, _, _ in items])
    # Primary keys for every row, one allocation per table (one round trip on PostgreSQL).
    doc_ids = take(Document.__table__, len(items))
    node_ids_all = iter(take(TimeNode.__table__, sum(
        1 + len(x.timexes) + (x.dateline is not None) for x in extractions)))
    mention_ids_all = iter(take(Mention.__table__, sum(len(x.mentions) for x in extractions)))
    event_ids_all = iter(take(Event.__table__, sum(len(x.events) for x in extractions)))
    for doc_id, (doc, extraction, digest), pids in zip(doc_ids, items, participant_ids):
        published = dct_resolution(doc.published)
        review = pub_note = None
        if extraction.dateline is not None:
            review = dateline_disagreement(doc.published, extraction.dateline.resolved)
        if published is None and extraction.proposed_published is not None:
            # No publication date given: the dateline's is the machine's answer, flagged for a look.
            published = extraction.proposed_published
            pub_note = "proposed by the dateline"
            review = (f"no publication date was given: the dateline's {published.value} is used "
                      "until a curator confirms or corrects it")
        documents.append((doc_id, doc.external_id, doc.title, doc.source, doc.url, doc.text, digest,
                          now, review, 1))

        # Time nodes: the publication time, each expression, the dateline.
        dl = extraction.dateline
        pub_id, *node_ids = islice(node_ids_all, 1 + len(extraction.timexes) + (dl is not None))
        published_nodes.append((doc_id, pub_id))
        node(pub_id, doc_id, "publication", None, None, None, "DATE", published, "dct", pub_note)
        anchored: list[tuple[int, int]] = []
        for t, node_id in zip(extraction.timexes, node_ids):
            # A node anchored on one written before it (the publication node, an expression
            # before it) carries the link in its row; others get it once every node exists.
            anchor = None
            if t.anchor == "dct":
                anchor = pub_id
            elif t.anchor and t.anchor.startswith("timex:"):
                anchor = node_ids[int(t.anchor[6:])]
                if anchor > node_id:
                    node_anchors.append((node_id, anchor))
                    anchor = None
            elif t.anchor and t.anchor.startswith("event:"):
                anchored.append((node_id, int(t.anchor[6:])))
            node(node_id, doc_id, "expression", t.start, t.end, t.text, t.type, t.resolved, t.rule,
                 anchor=anchor)
        if dl is not None:
            node(node_ids[-1], doc_id, "dateline", dl.start, dl.end, dl.text, "DATE", dl.resolved, "abs")

        mention_ids = list(islice(mention_ids_all, len(extraction.mentions)))
        mentions += [(mid, doc_id, pids[m.entity], m.start, m.end, m.text)
                     for mid, m in zip(mention_ids, extraction.mentions)]

        # Events, dated through their time node; each entity's (participant id, kind), or None
        # for a generic one (what grouping compares), read once per document.
        event_ids = list(islice(event_ids_all, len(extraction.events)))
        doc_mentions = extraction.mentions
        specific = [None if is_generic(e.name) else (pid, e.kind)
                    for e, pid in zip(extraction.entities, pids)]
        for position, (event_id, ev) in enumerate(zip(event_ids, extraction.events)):
            time = ev.time
            if time.target.startswith("timex:"):
                index = int(time.target[6:])
                node_id, resolved = node_ids[index], extraction.timexes[index].resolved
            else:
                node_id, resolved = pub_id, published
            status, values = answer(resolved)
            events.append((event_id, doc_id, position, ev.start, ev.end, ev.sentence_start,
                           ev.sentence_end, ev.headline, ev.trigger[:255], ev.trigger_start,
                           ev.trigger_end, node_id, time.relation, time.how, time.confidence,
                           status, 1, *values, bool(ev.background), ev.kind))
            same_as = ev.same_as
            reports.append(Report(
                event_id, doc_id, ev.trigger, ev.headline, ev.kind, bool(ev.background), time.how,
                status, values[3], values[4], values, published.earliest if published else None,
                *split_kinds({sp[0]: sp[1] for a in ev.arguments
                              if (sp := specific[doc_mentions[a.mention].entity]) is not None}),
                event_ids[same_as] if same_as is not None and 0 <= same_as < position else None,
                word=is_word_report(ev.trigger, bool(ev.background))))
            assertions.append((event_id, None, "machine", status, None, True, now, None, *values))
            seen: set[int] = set()
            for argument in ev.arguments:
                mention_id = mention_ids[argument.mention]
                if mention_id not in seen:
                    seen.add(mention_id)
                    arguments.append((event_id, mention_id, argument.role))
        event_anchors += [(n, event_ids[e]) for n, e in anchored]

    # Parents before children; the links that close a cycle (document <-> its publication
    # node, node -> node, node -> event) are set once both rows exist.
    nodes_table = TimeNode.__table__
    raw_executemany(session, Document.__table__, _DOCUMENT_COLUMNS, documents)
    raw_executemany(session, nodes_table, _NODE_COLUMNS, nodes)
    raw_set_by_id(session, Document.__table__, "published_node_id", published_nodes)
    raw_set_by_id(session, nodes_table, "anchor_node_id", node_anchors)
    raw_executemany(session, Mention.__table__, _MENTION_COLUMNS, mentions)
    # Each event reports a happening: found (or made) before the events are written.
    happening_of = group(session, reports, take)
    events = [(*row, happening_of.get(row[0])) for row in events]
    raw_executemany(session, Event.__table__, _EVENT_COLUMNS, events)
    raw_set_by_id(session, nodes_table, "anchor_event_id", event_anchors)
    raw_executemany(session, EventArgument.__table__, _ARGUMENT_COLUMNS, arguments)
    # The machine's answers, on record.
    raw_executemany(session, DateAssertion.__table__, _ASSERTION_COLUMNS, assertions)
    return doc_ids
