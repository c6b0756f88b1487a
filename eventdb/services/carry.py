"""Curator work survives ``ingest --replace``: carried to the new rows, or the replace refused.

A replace deletes a document's rows and writes the new text's extraction. Before the delete,
:func:`snapshot` reads the curator work on the old rows: curated dates (set-date, set-node-date,
set-published, confirm, reject, needs-review), re-anchorings, merges both ways, other
documents' expressions anchored on its events, rows a curator promoted from the background
or sent to it, and the happenings a curator put its events in (split, move, merge, confirm). After the write, :func:`carry` puts each piece on
the matching new row, as one logged change:

- an event matches the new event with the same trigger in the same sentence text (the k-th such
  old event the k-th new one);
- a time expression, the new one with the same text in the same sentence text; the publication
  date and the dateline match by kind.

What has no match refuses the replace (:class:`CurationWouldBeLost`, naming it) unless the
curator discards it. The carry is logged under the ingesting curator and touches the old rows'
keys, so an old change can no longer be undone onto rows that are gone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eventdb.db.models import (
    ChangeLog, DateAssertion, Document, Event, EventArgument, Happening, HappeningDecision,
    TimeNode,
)
from eventdb.errors import InputError
from eventdb.extract.sentences import split_sentences
from eventdb.services.dating import RESOLVED_FIELDS, assert_date, resolved_of
from eventdb.services.propagation import Propagation
from eventdb.services.store import dateline_disagreement

FOLLOWING = ("machine", "unresolved")
#: How many lost items a refusal names before "…".
SHOWN = 5


class CurationWouldBeLost(InputError):
    """The replacing text lacks rows that carry curator work."""


@dataclass
class Snapshot:
    """The curator work on one stored document, read before a replace deletes it."""

    document_id: int
    external_id: str
    events: dict[int, object] = field(default_factory=dict)  # id -> row
    nodes: dict[int, object] = field(default_factory=dict)  # id -> row
    #: Current assertions a curator made (or kept: needs-review) on its events and nodes (rows).
    assertions: list = field(default_factory=list)
    #: Its events merged into another: (event, target).
    merged_into: list[tuple[int, int]] = field(default_factory=list)
    #: Other documents' events merged into its events: (other event, its event).
    merged_from: list[tuple[int, int]] = field(default_factory=list)
    #: Other documents' time nodes anchored on its events: (node, its event).
    anchored_from: list[tuple[int, int]] = field(default_factory=list)
    #: Current curator decisions that its events report a happening (split, move, merge, confirm).
    members: list = field(default_factory=list)
    #: The match keys of its events and time nodes (see the module's doc).
    event_keys: dict[int, Hashable] = field(default_factory=dict)
    node_keys: dict[int, Hashable] = field(default_factory=dict)

    @property
    def curated(self) -> bool:
        return bool(self.assertions or self.merged_into or self.merged_from or self.anchored_from
                    or self.members
                    or any(e.date_how in ("anchored", "curator") or e.background_curated
                           for e in self.events.values()))


def _sentence(spans: list[tuple[int, int]], starts: list[int], text: str, at: int | None) -> str:
    if at is None:
        return ""
    i = bisect_right(starts, at) - 1
    if i < 0:
        return ""
    start, end = spans[i]
    return text[start:end]


def _keys(s: Session, document_id: int) -> tuple[dict, dict, dict, dict]:
    """A document's events and nodes by id, and their match keys."""
    text = s.scalar(select(Document.text).where(Document.id == document_id)) or ""
    spans = split_sentences(text)
    starts = [a for a, _ in spans]
    events = {r.id: r for r in s.execute(select(
        Event.id, Event.trigger, Event.trigger_start, Event.sentence_start, Event.sentence_end,
        Event.headline, Event.relation, Event.date_how, Event.time_node_id, Event.merged_into_id,
        Event.background, Event.background_curated,
    ).where(Event.document_id == document_id).order_by(Event.trigger_start, Event.id))}
    nodes = {r.id: r for r in s.execute(select(
        TimeNode.id, TimeNode.kind, TimeNode.text, TimeNode.start, TimeNode.end, TimeNode.rule,
        TimeNode.timex_type, TimeNode.anchor_node_id, TimeNode.anchor_event_id,
        *[getattr(TimeNode, f) for f in RESOLVED_FIELDS], TimeNode.status,
    ).where(TimeNode.document_id == document_id).order_by(TimeNode.start, TimeNode.id))}
    event_keys = {i: (r.trigger, text[r.sentence_start:r.sentence_end]) for i, r in events.items()}
    node_keys = {i: (r.kind,) if r.kind != "expression" else
                 (r.kind, r.text, _sentence(spans, starts, text, r.start))
                 for i, r in nodes.items() if r.kind != "expression" or r.start is not None}
    return events, nodes, event_keys, node_keys


def _pair(old: dict[int, Hashable], new: dict[int, Hashable]) -> dict[int, int]:
    """Old id -> new id: the k-th old row of a key with the k-th new row of the same key."""
    by_key: dict[Hashable, list[int]] = defaultdict(list)
    for new_id, key in new.items():
        by_key[key].append(new_id)
    taken: dict[Hashable, int] = defaultdict(int)
    pairs = {}
    for old_id, key in old.items():
        k = taken[key]
        if k < len(by_key[key]):
            pairs[old_id] = by_key[key][k]
            taken[key] = k + 1
    return pairs


def snapshot(s: Session, document_id: int, external_id: str) -> Snapshot:
    """What a curator did to this document's rows (read before they are deleted).

    The rows are locked first (PostgreSQL): a curator's edit of one of them either commits
    before this reads it, or waits for the replace and then finds the row gone. Never an edit
    committed between the read and the delete, lost.
    """
    for model, column in ((Document, Document.id), (Event, Event.document_id),
                          (TimeNode, TimeNode.document_id)):
        s.execute(select(model.id).where(column == document_id).order_by(model.id)
                  .with_for_update()).all()
    events, nodes, event_keys, node_keys = _keys(s, document_id)
    snap = Snapshot(document_id, external_id, events, nodes, event_keys=event_keys,
                    node_keys=node_keys)
    if not events:
        return snap
    event_ids, node_ids = list(events), list(nodes)
    snap.assertions = list(s.execute(select(
        DateAssertion.id, DateAssertion.event_id, DateAssertion.node_id, DateAssertion.origin,
        DateAssertion.status, DateAssertion.input_text, DateAssertion.rule, DateAssertion.curator,
        DateAssertion.note, *[getattr(DateAssertion, f) for f in RESOLVED_FIELDS],
    ).where(
        DateAssertion.is_current,
        or_(DateAssertion.event_id.in_(event_ids), DateAssertion.node_id.in_(node_ids)),
        or_(DateAssertion.origin == "curator", DateAssertion.status.not_in(FOLLOWING)),
    ).order_by(DateAssertion.id)))
    snap.members = list(s.execute(select(
        HappeningDecision.event_id, HappeningDecision.happening_id, HappeningDecision.curator,
        HappeningDecision.note,
    ).where(HappeningDecision.event_id.in_(event_ids), HappeningDecision.is_current)
        .order_by(HappeningDecision.id)))
    snap.merged_into = [(i, r.merged_into_id) for i, r in events.items() if r.merged_into_id]
    snap.merged_from = [tuple(r) for r in s.execute(
        select(Event.id, Event.merged_into_id).where(
            Event.merged_into_id.in_(event_ids), Event.document_id != document_id))]
    snap.anchored_from = [tuple(r) for r in s.execute(
        select(TimeNode.id, TimeNode.anchor_event_id).where(
            TimeNode.anchor_event_id.in_(event_ids), TimeNode.document_id != document_id))]
    return snap


def _describe_event(row) -> str:  # noqa: ANN001
    headline = row.headline if len(row.headline) <= 40 else row.headline[:39] + "…"
    return f'event {row.id} "{headline}"'


def carry(s: Session, snap: Snapshot, new_document_id: int, *, curator: str,
          discard: bool = False) -> int | None:
    """Put the curator work of ``snap`` on the new rows of the document; the change's id.

    Raises :class:`CurationWouldBeLost` before writing anything when some of it has no
    matching row, unless ``discard``: then what matches is carried and the rest dropped.
    """
    if not snap.curated:
        return None
    old_events, old_nodes = snap.events, snap.nodes
    _, _, new_event_keys, new_node_keys = _keys(s, new_document_id)
    emap = _pair(snap.event_keys, new_event_keys)
    nmap = _pair(snap.node_keys, new_node_keys)

    def event_to(old_id: int) -> int | None:
        """Where an event reference goes: the match of one of the document's, else itself."""
        return emap.get(old_id) if old_id in old_events else old_id

    lost: list[str] = []
    # Re-anchored events: their curator-made node, anchored on a row that must still exist.
    anchorings: list[tuple[int, int, object, int | None, int | None]] = []
    for old_id, row in old_events.items():
        if row.date_how != "anchored":
            continue
        node = old_nodes.get(row.time_node_id)
        anchor_node = anchor_event = None
        if node is not None and node.kind == "expression" and node.start is None:
            anchor_node = nmap.get(node.anchor_node_id) if node.anchor_node_id in old_nodes \
                else node.anchor_node_id
            anchor_event = event_to(node.anchor_event_id) if node.anchor_event_id else None
            ok = (anchor_node is not None) == (node.anchor_node_id is not None) and \
                (anchor_event is not None) == (node.anchor_event_id is not None)
        else:
            ok = node is None or node.id in nmap
        if old_id not in emap or not ok:
            lost.append(f"the re-anchoring of {_describe_event(row)}")
        else:
            anchorings.append((old_id, emap[old_id], node, anchor_node, anchor_event))
    assertions = []
    for a in snap.assertions:
        target = emap.get(a.event_id) if a.event_id is not None else nmap.get(a.node_id)
        if target is None:
            what = _describe_event(old_events[a.event_id]) if a.event_id is not None else \
                f'time expression {a.node_id} "{old_nodes[a.node_id].text}"'
            lost.append(f"{what} ({a.status}{' by ' + a.curator if a.curator else ''})")
        else:
            assertions.append((a, target))
    merges = []
    for old_id, target in snap.merged_into:
        new_id, new_target = emap.get(old_id), event_to(target)
        if new_id is None or new_target is None:
            lost.append(f"the merge of event {old_id} into event {target}")
        else:
            merges.append((new_id, new_target))
    for other, old_id in snap.merged_from:
        if old_id not in emap:
            lost.append(f"the merge of event {other} into event {old_id}")
        else:
            merges.append((other, emap[old_id]))
    anchors = []
    for node_id, old_id in snap.anchored_from:
        if old_id not in emap:
            lost.append(f"time node {node_id} dated from event {old_id}")
        else:
            anchors.append((node_id, emap[old_id]))
    # A curator's promotion to the chronology (or sending to the background) of a report.
    visibility = []
    for old_id, row in old_events.items():
        if not row.background_curated:
            continue
        if old_id in emap:
            visibility.append((emap[old_id], row.background))
        else:
            lost.append(f"the {'sending to the background' if row.background else 'promotion'} "
                        f"of {_describe_event(row)}")
    members = []
    for d in snap.members:
        if d.event_id in emap:
            members.append((emap[d.event_id], d))
        else:
            lost.append(f"the grouping of {_describe_event(old_events[d.event_id])} in happening "
                        f"{d.happening_id}")
    if lost and not discard:
        shown = "; ".join(lost[:SHOWN]) + ("; …" if len(lost) > SHOWN else "")
        raise CurationWouldBeLost(
            f"{len(lost)} curator change{'s' if len(lost) > 1 else ''} on rows the new text of "
            f"{snap.external_id!r} no longer has: {shown}; use --discard-curation to replace anyway")

    carried = len(assertions) + len(merges) + len(anchors) + len(anchorings) + len(visibility) + \
        len(members)
    summary = f"{snap.external_id}: replaced its text, carried {carried} curator change" + \
        ("s" if carried != 1 else "") + (f", discarded {len(lost)}" if lost else "")
    change = ChangeLog(curator=curator, action="carry-curation", summary=summary, payload={})
    s.add(change)
    s.flush()
    previous: dict[str, int | None] = {}
    fields: list = []
    created_nodes: list[int] = []
    created_arguments: list[list[int]] = []
    roots: dict[tuple[str, int], object] = {}

    def current_id(column, subject_id: int) -> int | None:  # noqa: ANN001
        return s.scalar(select(DateAssertion.id).where(column == subject_id, DateAssertion.is_current))

    for old_id, new_id, node, anchor_node, anchor_event in anchorings:
        ev = s.get(Event, new_id)
        old = old_events[old_id]
        fields.append(["events", ev.id, {"time_node_id": ev.time_node_id, "relation": ev.relation,
                                         "date_how": ev.date_how}])
        if node is None:
            ev.time_node_id = None
        elif node.start is None and node.kind == "expression":
            words = node.text or ""
            if anchor_event is not None and words.endswith(f"event {node.anchor_event_id}"):
                # The words name the anchor by id ("2 days after event 14"): the new one's.
                words = words[:-len(str(node.anchor_event_id))] + str(anchor_event)
            made = TimeNode(document_id=new_document_id, kind="expression", text=words or None,
                            timex_type=node.timex_type, rule=node.rule, anchor_node_id=anchor_node,
                            anchor_event_id=anchor_event)
            s.add(made)
            s.flush()
            assert_date(s, made, resolved_of(node), origin="machine", status=node.status,
                        curator=curator, rule=node.rule, change_id=change.id, first=True,
                        note="made by a curator's re-anchoring (carried over a replace)")
            created_nodes.append(made.id)
            ev.time_node_id = made.id
        else:
            ev.time_node_id = nmap[node.id]
        ev.relation, ev.date_how = old.relation, "anchored"
    for old_id, new_id in emap.items():
        if old_events[old_id].date_how == "curator":
            ev = s.get(Event, new_id)
            fields.append(["events", ev.id, {"date_how": ev.date_how}])
            ev.date_how = "curator"
    for new_id, background in visibility:
        ev = s.get(Event, new_id)
        fields.append(["events", ev.id, {"background": ev.background,
                                         "background_curated": ev.background_curated}])
        ev.background, ev.background_curated = background, True
    s.flush()
    regrouped = {h for h in s.scalars(select(Event.happening_id).where(Event.id.in_(
        [i for i, _ in visibility] + [i for i, _ in members]))) if h is not None}
    if members:  # the curator's grouping: the new row reports the happening the old one did
        wanted = {d.happening_id for _, d in members}
        present = set(s.scalars(select(Happening.id).where(Happening.id.in_(sorted(wanted)))))
        for missing in sorted(wanted - present):  # emptied when the old rows went: again
            s.add(Happening(id=missing, status="machine"))
        s.flush()
        for new_id, d in members:
            ev = s.get(Event, new_id)
            fields.append(["events", ev.id, {"happening_id": ev.happening_id}])
            ev.happening_id = d.happening_id
            s.add(HappeningDecision(
                decision="member", event_id=new_id, happening_id=d.happening_id, curator=d.curator,
                note=f"{d.note} (carried over a replace)" if d.note else "carried over a replace",
                change_id=change.id))
            regrouped.add(d.happening_id)
        s.flush()
    if regrouped:  # only shown reports date a happening, and a report may have moved
        from eventdb.services.grouping import redate

        redate(s, sorted(regrouped))
    for a, target in assertions:
        subject = s.get(Event, target) if a.event_id is not None else s.get(TimeNode, target)
        key = ("event" if a.event_id is not None else "node", target)
        column = DateAssertion.event_id if a.event_id is not None else DateAssertion.node_id
        previous.setdefault(f"{key[0][0]}:{target}", current_id(column, target))
        note = f"{a.note} (carried over a replace)" if a.note else "carried over a replace"
        assert_date(s, subject, resolved_of(a), origin=a.origin, status=a.status, curator=a.curator,
                    note=note, input_text=a.input_text, rule=a.rule, change_id=change.id)
        roots[key] = resolved_of(a)
        s.flush()
    for child, target in merges:
        ev = s.get(Event, child)
        fields.append(["events", child, {"merged_into_id": ev.merged_into_id}])
        ev.merged_into_id = target
        s.flush()
        known = set(s.scalars(select(EventArgument.mention_id).where(EventArgument.event_id == target)))
        for arg in s.scalars(select(EventArgument).where(EventArgument.event_id == child)).all():
            if arg.mention_id not in known:
                known.add(arg.mention_id)
                s.add(EventArgument(event_id=target, mention_id=arg.mention_id, role=arg.role))
                created_arguments.append([target, arg.mention_id])
    for node_id, new_id in anchors:
        node = s.get(TimeNode, node_id)
        fields.append(["time_nodes", node_id, {"anchor_event_id": node.anchor_event_id}])
        node.anchor_event_id = new_id
        roots.setdefault(("event", new_id), resolved_of(s.get(Event, new_id)))
    for _, new_id, _, _, _ in anchorings:
        roots.setdefault(("event", new_id), resolved_of(s.get(Event, new_id)))
    s.flush()
    # What depends on the carried dates follows them (relative dates of a carried publication
    # date, expressions anchored on a carried event).
    prop = Propagation(s, note=f"re-resolved: curator work carried over a replace (change {change.id})",
                       change_id=change.id)
    prop.walk(node_roots=[i for k, i in roots if k == "node"],
              event_roots=[i for k, i in roots if k == "event"], resolutions=roots)
    prop.write()
    for key, value in prop.previous.items():
        previous.setdefault(key, value)
    doc = s.get(Document, new_document_id)
    pub_carried = doc.published_node_id is not None and ("node", doc.published_node_id) in roots
    if pub_carried:
        dateline = s.scalars(select(TimeNode).where(TimeNode.document_id == doc.id,
                                                    TimeNode.kind == "dateline")).first()
        published = roots[("node", doc.published_node_id)]
        fields.append(["documents", doc.id, {"review_reason": doc.review_reason}])
        doc.review_reason = dateline_disagreement(
            published.earliest if published is not None else None,
            resolved_of(dateline) if dateline is not None else None)
    # The old rows' keys: an old change touching them is refused by undo from now on.
    items = [f"e:{i}" for i in old_events] + [f"n:{i}" for i in old_nodes] + \
        [f"d:{snap.document_id}", f"d:{new_document_id}"]
    change.payload = {"previous": previous, "fields": fields, "created_nodes": created_nodes,
                      "created_arguments": created_arguments, "items": items}
    s.flush()
    return change.id

