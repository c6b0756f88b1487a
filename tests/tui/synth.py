"""Synthetic chronologies of any size, written straight into a migrated database (Core inserts).

For the TUI's reading tests and the benchmark: no extraction, no temporal engine. Every event has a
document, a time node, participants with roles and a current machine date assertion, like ingest
would leave them. Dates mix precisions (day, week, month, year) and ~10 % stay unresolved.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from sqlalchemy import bindparam, insert

from eventdb.db.engine import Database
from eventdb.db.models import (
    DateAssertion, Document, Event, EventArgument, Happening, Mention, Participant,
    ParticipantAlias, TimeNode,
)

START = date(2012, 1, 2)
NAMES = ["Nouri al-Maliki", "Barack Obama", "Vladimir Putin", "ISIS", "the Pentagon", "Reuters",
         "Baghdad", "John Kerry", "Bashar al-Assad", "the BBC", "Angela Merkel", "NATO",
         "the United Nations", "Hassan Rouhani", "Kurdish forces", "Mosul", "Tikrit", "Qaim"]
VERBS = ["bombed", "met", "announced", "signed", "visited", "criticised", "captured", "warned",
         "rejected", "welcomed", "attacked", "agreed with", "called", "accused"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _resolution(rng: random.Random, published: date) -> dict:
    """A date near ``published`` at some precision (or unresolved)."""
    roll = rng.random()
    day = published - timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 5, 7, 14, 30]))
    if roll < 0.08:
        return dict(value="XXXX-WXX-4", precision="day", earliest=None, latest=None, edtf=None,
                    mod=None, status="unresolved")
    if roll < 0.78:
        mod = "APPROX" if rng.random() < 0.05 else None
        edtf = day.isoformat() + ("~" if mod else "")
        return dict(value=day.isoformat(), precision="day", earliest=day, latest=day, edtf=edtf,
                    mod=mod, status="machine")
    if roll < 0.86:
        monday = day - timedelta(days=day.weekday())
        y, w, _ = day.isocalendar()
        return dict(value=f"{y}-W{w:02d}", precision="week", earliest=monday,
                    latest=monday + timedelta(days=6), edtf=None, mod=None, status="machine")
    if roll < 0.96:
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return dict(value=f"{day.year}-{day.month:02d}", precision="month", earliest=first,
                    latest=last, edtf=f"{day.year}-{day.month:02d}", mod=None, status="machine")
    return dict(value=str(day.year), precision="year", earliest=date(day.year, 1, 1),
                latest=date(day.year, 12, 31), edtf=str(day.year), mod=None, status="machine")


def populate(db: Database, events: int, *, per_document: int = 25, seed: int = 7,
             span_days: int = 900, published_unknown: int = 0, happenings: bool = False) -> None:
    """Add ``events`` events in ``events / per_document`` documents.

    The first ``published_unknown`` documents have no publication date: their events are
    unresolved and anchored to the (unknown) publication. ``happenings``: each event reports a
    happening of its own, as ingest stores an ungrouped report (the default chronology then
    checks each row's happening, as it does on real data). Rows are written every few thousand
    documents, so millions of events fit in memory.
    """
    rng = random.Random(seed)
    n_docs = max(1, -(-events // per_document))
    with db.engine.begin() as conn:
        conn.execute(insert(Participant), [
            {"id": i + 1, "name": name.removeprefix("the "), "kind": "other", "version_id": 1}
            for i, name in enumerate(NAMES)
        ])
        conn.execute(insert(ParticipantAlias), [
            {"participant_id": i + 1, "alias": name, "key": name.lower().removeprefix("the ")}
            for i, name in enumerate(NAMES)
        ])
        docs, nodes, evs, mentions, args, asserts, haps = [], [], [], [], [], [], []
        node_id = mention_id = event_id = 0
        made = 0

        def flush() -> None:
            for table, rows in ((Document, docs), (TimeNode, nodes), (Happening, haps), (Event, evs),
                                (Mention, mentions), (EventArgument, args), (DateAssertion, asserts)):
                for i in range(0, len(rows), 20000):
                    conn.execute(insert(table), rows[i:i + 20000])
            # Each document's publication node is the first node written for it.
            pub_of = {n["document_id"]: n["id"] for n in reversed(nodes) if n["kind"] == "publication"}
            if pub_of:
                conn.execute(
                    Document.__table__.update().where(Document.__table__.c.id == bindparam("doc"))
                    .values(published_node_id=bindparam("node")),
                    [{"doc": k, "node": v} for k, v in pub_of.items()],
                )
            for rows in (docs, nodes, evs, mentions, args, asserts, haps):
                rows.clear()

        for d in range(n_docs):
            if d and d % 4000 == 0:
                flush()
            doc_id = d + 1
            published = START + timedelta(days=rng.randrange(span_days))
            unknown = d < published_unknown
            count = min(per_document, events - made)
            sentences = []
            for p in range(count):
                a, b = rng.sample(range(len(NAMES)), 2)
                sentences.append(f"{NAMES[a]} {rng.choice(VERBS)} {NAMES[b]} on Thursday.")
            text = " ".join(sentences)
            docs.append({
                "id": doc_id, "external_id": f"doc-{doc_id:06d}",
                "title": f"Report {doc_id}: {NAMES[doc_id % len(NAMES)]} and the week's events",
                "source": "Synthetic Wire", "url": f"https://example.org/news/{doc_id}",
                "text": text, "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                "version_id": 1,
            })
            node_id += 1
            pub_node = node_id
            pub = (dict(value=None, precision=None, earliest=None, latest=None, edtf=None, mod=None,
                        status="unresolved") if unknown else
                   dict(value=published.isoformat(), precision="day", earliest=published,
                        latest=published, edtf=published.isoformat(), mod=None, status="machine"))
            nodes.append({"id": pub_node, "document_id": doc_id, "kind": "publication",
                          "start": None, "end": None, "text": None, "timex_type": "DATE",
                          "rule": "dct", "anchor_node_id": None, "status": pub["status"],
                          "version_id": 1, **{k: pub[k] for k in pub if k != "status"}})
            asserts.append({"node_id": pub_node, "event_id": None, "origin": "machine",
                            "status": pub["status"], "rule": "dct", "is_current": True,
                            **{k: pub[k] for k in pub if k != "status"}})
            offset = 0
            for p, sentence in enumerate(sentences):
                event_id += 1
                made += 1
                s_start, s_end = offset, offset + len(sentence)
                offset = s_end + 1
                res = _resolution(rng, published)
                if unknown:
                    res = dict(value="XXXX-WXX-4", precision="day", earliest=None, latest=None,
                               edtf=None, mod=None, status="unresolved")
                t_start = sentence.index("Thursday") + s_start
                node_id += 1
                nodes.append({"id": node_id, "document_id": doc_id, "kind": "expression",
                              "start": t_start, "end": t_start + 8, "text": "Thursday",
                              "timex_type": "DATE", "rule": "weekday:4:past",
                              "anchor_node_id": pub_node, "status": res["status"],
                              "version_id": 1, **{k: res[k] for k in res if k != "status"}})
                asserts.append({"node_id": node_id, "event_id": None, "origin": "machine",
                                "status": res["status"], "rule": "weekday:4:past",
                                "is_current": True, **{k: res[k] for k in res if k != "status"}})
                status = res["status"]
                if status == "machine":
                    status = rng.choices(["machine", "corrected", "confirmed", "needs-review"],
                                         [85, 5, 7, 3])[0]
                verb = next(v for v in VERBS if f" {v} " in sentence)
                v_start = s_start + sentence.index(f" {verb} ") + 1
                if happenings:
                    haps.append({"id": event_id, "kind": None, "status": status,
                                 "date_how": "narrative" if status != "unresolved" else "publication",
                                 "version_id": 1, **{k: res[k] for k in res if k != "status"}})
                evs.append({
                    "happening_id": event_id if happenings else None,
                    "id": event_id, "document_id": doc_id, "position": p, "start": v_start,
                    "end": v_start + len(verb), "sentence_start": s_start, "sentence_end": s_end,
                    "headline": sentence.rstrip("."), "trigger": verb, "trigger_start": v_start,
                    "trigger_end": v_start + len(verb), "time_node_id": node_id,
                    "relation": "ON", "date_how": "narrative" if status != "unresolved" else "publication",
                    "confidence": round(rng.uniform(0.4, 0.95), 2), "status": status,
                    "merged_into_id": None, "version_id": 1,
                    **{k: res[k] for k in res if k != "status"},
                })
                asserts.append({"node_id": None, "event_id": event_id, "origin": "machine",
                                "status": status, "rule": None, "is_current": True,
                                **{k: res[k] for k in res if k != "status"}})
                for role, name_pos in (("agent", 0), ("patient", 1)):
                    name = [n for n in NAMES if n in sentence][name_pos:name_pos + 1]
                    if not name:
                        continue
                    m_start = s_start + sentence.index(name[0])
                    mention_id += 1
                    mentions.append({"id": mention_id, "document_id": doc_id,
                                     "participant_id": NAMES.index(name[0]) + 1,
                                     "start": m_start, "end": m_start + len(name[0]),
                                     "text": name[0]})
                    args.append({"event_id": event_id, "mention_id": mention_id, "role": role})
        flush()
