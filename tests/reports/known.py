"""Known data for the reporting tests, written with the ORM so every expected value is stated.

Three documents:

- ``doc-a`` (published 2014-06-27): ISIS took Mosul on 10 June (agent ISIS, patient Mosul); Syrian
  jets bombed the jihadist group near Qaim on Thursday (machine: 2014-06-26, corrected by alice
  to 2014-06-24, note "other outlets say Tuesday"); IS fighters advanced through June (month,
  approximate; "IS" is a participant merged into ISIS, its mention and alias moved to ISIS); the week after, Iraq asked for help
  (week 2014-W26); a rejected event.
- ``doc-b`` (no publication date): "On Thursday the town fell" is unresolved; a report of the
  Qaim strike dated 2014-06-26 that a curator merged into doc-a's (dates disagree).
- ``doc-c`` (published 2014-07-03, the dateline says 1 July): an event marked needs-review,
  dated 2014-07-01; an event at 2014-07-02T20:00 (time precision).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from sqlalchemy.orm import Session

from eventdb.db.engine import Database
from eventdb.services.participants import alias_key
from eventdb.db.models import (
    ChangeLog, DateAssertion, Document, Event, EventArgument, Mention, Participant,
    ParticipantAlias, TimeNode,
)

DOC_A = (
    "ISIS seized Mosul on June 10. Syrian jets bombed the jihadist group near Qaim on "
    "Thursday. IS fighters advanced through June. The week after, Iraq asked for help. "
    "Nothing else happened."
)
DOC_B = "On Thursday the town fell. Syrian jets bombed Qaim on June 26, 2014."
DOC_C = (
    "BAGHDAD, July 1 - Iraq asked for more jets. At 8 pm on Wednesday the jets landed."
)


@dataclass
class Known:
    """Ids of what was written, by name."""

    events: dict[str, int] = field(default_factory=dict)
    participants: dict[str, int] = field(default_factory=dict)
    nodes: dict[str, int] = field(default_factory=dict)


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _sentence(text: str, inside: int) -> tuple[int, int]:
    start = text.rfind(". ", 0, inside)
    start = 0 if start < 0 else start + 2
    end = text.find(".", inside)
    return start, end + 1


class Builder:
    def __init__(self, session: Session, known: Known) -> None:
        self.s = session
        self.known = known
        self.positions: dict[int, int] = {}

    def participant(self, name: str, kind: str, aliases: tuple[str, ...] = (),
                    merged_into: str | None = None, alias: bool = True) -> Participant:
        p = Participant(name=name, kind=kind)
        if merged_into:
            p.merged_into_id = self.known.participants[merged_into]
        self.s.add(p)
        self.s.flush()
        for known_as in ((name,) if alias else ()) + aliases:
            self.s.add(ParticipantAlias(participant_id=p.id, alias=known_as, key=alias_key(known_as)))
        self.known.participants[name] = p.id
        return p

    def document(self, external_id: str, text: str, published: date | None,
                 review_reason: str | None = None) -> tuple[Document, TimeNode]:
        doc = Document(external_id=external_id, title=f"Title of {external_id}",
                       source="Wire", url=f"https://news.example/{external_id}", text=text,
                       content_hash=external_id, review_reason=review_reason)
        self.s.add(doc)
        self.s.flush()
        pub = TimeNode(document_id=doc.id, kind="publication", rule="dct",
                       status="machine" if published else "unresolved")
        if published:
            pub.value, pub.precision = published.isoformat(), "day"
            pub.earliest = pub.latest = published
            pub.edtf = published.isoformat()
        self.s.add(pub)
        self.s.flush()
        doc.published_node_id = pub.id
        self.known.nodes[f"{external_id}:published"] = pub.id
        return doc, pub

    def node(self, doc: Document, text_: str, anchor: TimeNode | None, **resolved) -> TimeNode:
        start, end = _span(doc.text, text_)
        node = TimeNode(document_id=doc.id, kind=resolved.pop("kind", "expression"),
                        start=start, end=end, text=text_, rule=resolved.pop("rule", "abs"),
                        anchor_node_id=anchor.id if anchor else None,
                        status=resolved.pop("status", "machine"), **resolved)
        self.s.add(node)
        self.s.flush()
        return node

    def event(self, name: str, doc: Document, headline: str, trigger: str,
              node: TimeNode | None, *, status: str = "machine", date_how: str = "explicit",
              args: tuple[tuple[str, str, str], ...] = (), **resolved) -> Event:
        start, end = _span(doc.text, headline)
        t_start, t_end = _span(doc.text, trigger, start)
        s_start, s_end = _sentence(doc.text, start)
        position = self.positions.get(doc.id, 0)
        self.positions[doc.id] = position + 1
        event = Event(
            document_id=doc.id, position=position, start=start, end=end,
            sentence_start=s_start, sentence_end=s_end, headline=headline, trigger=trigger,
            trigger_start=t_start, trigger_end=t_end,
            time_node_id=node.id if node else None, relation="ON", date_how=date_how,
            confidence=0.8, status=status, **resolved,
        )
        self.s.add(event)
        self.s.flush()
        for participant, mention_text, role in args:
            m_start, m_end = _span(doc.text, mention_text, start)
            mention = Mention(document_id=doc.id, participant_id=self.known.participants[participant],
                              start=m_start, end=m_end, text=mention_text)
            self.s.add(mention)
            self.s.flush()
            self.s.add(EventArgument(event_id=event.id, mention_id=mention.id, role=role))
        self.s.add(DateAssertion(
            event_id=event.id, origin="machine", status="unresolved" if status == "unresolved" else "machine",
            is_current=True, created_at=datetime(2026, 1, 1, tzinfo=timezone.utc),
            **{k: resolved.get(k) for k in ("value", "mod", "precision", "earliest", "latest", "edtf")},
        ))
        self.s.flush()
        self.known.events[name] = event.id
        return event


def day(iso: str) -> dict:
    d = date.fromisoformat(iso)
    return {"value": iso, "precision": "day", "earliest": d, "latest": d, "edtf": iso}


def build(db: Database) -> Known:
    """Write the known data (one transaction) and return the ids."""
    known = Known()
    with db.transaction() as s:
        b = Builder(s, known)
        b.participant("ISIS", "group", ("Islamic State", "the jihadist group", "IS"))
        # "IS" was merged into ISIS the way curation does it: mentions and aliases moved over.
        b.participant("IS", "group", (), merged_into="ISIS", alias=False)
        b.participant("Mosul", "place")
        b.participant("Syria", "place", ("Syrian",))
        b.participant("Qaim", "place")
        b.participant("Iraq", "place", ("Iraqi",))

        # doc-a
        doc_a, pub_a = b.document("doc-a", DOC_A, date(2014, 6, 27))
        june10 = b.node(doc_a, "June 10", None, **day("2014-06-10"))
        thursday = b.node(doc_a, "Thursday", pub_a, rule="weekday:4:past", **day("2014-06-26"))
        june = b.node(doc_a, "through June", pub_a, rule="month", value="2014-06", precision="month",
                      earliest=date(2014, 6, 1), latest=date(2014, 6, 30), edtf="2014-06")
        week = b.node(doc_a, "The week after", thursday, rule="week:+1", value="2014-W26",
                      precision="week", earliest=date(2014, 6, 23), latest=date(2014, 6, 29),
                      edtf="2014-06-23/2014-06-29")
        b.event("took_mosul", doc_a, "ISIS seized Mosul on June 10", "seized", june10,
                args=(("ISIS", "ISIS", "agent"), ("Mosul", "Mosul", "patient")),
                **day("2014-06-10"))
        bombed = b.event(
            "bombed", doc_a, "Syrian jets bombed the jihadist group near Qaim on Thursday",
            "bombed", thursday, status="corrected", date_how="curator",
            args=(("Syria", "Syrian", "agent"), ("ISIS", "the jihadist group", "patient"),
                  ("Qaim", "Qaim", "other")),
            **day("2014-06-24"),
        )
        b.event("advanced", doc_a, "IS fighters advanced through June", "advanced", june,
                date_how="narrative", args=(("ISIS", "IS", "agent"),),
                value="2014-06", mod="APPROX", precision="month", earliest=date(2014, 6, 1),
                latest=date(2014, 6, 30), edtf="2014-06~")
        b.event("asked", doc_a, "The week after, Iraq asked for help", "asked", week,
                args=(("Iraq", "Iraq", "agent"),), value="2014-W26", precision="week",
                earliest=date(2014, 6, 23), latest=date(2014, 6, 29),
                edtf="2014-06-23/2014-06-29")
        b.event("rejected", doc_a, "Nothing else happened", "happened", pub_a, status="rejected",
                date_how="publication", **day("2014-06-27"))

        # The curator's correction of the Qaim strike: machine said 26 June, alice says 24.
        change = ChangeLog(curator="alice", created_at=datetime(2026, 2, 1, 9, 0, tzinfo=timezone.utc),
                           action="set_date", summary="event date 2014-06-26 -> 2014-06-24",
                           payload={}, note="other outlets say Tuesday")
        s.add(change)
        s.flush()
        machine = s.query(DateAssertion).filter_by(event_id=bombed.id).one()
        machine.value, machine.earliest, machine.latest, machine.edtf = (
            "2014-06-26", date(2014, 6, 26), date(2014, 6, 26), "2014-06-26")
        machine.is_current = False
        s.flush()
        s.add(DateAssertion(
            event_id=bombed.id, origin="curator", status="corrected", is_current=True,
            curator="alice", created_at=datetime(2026, 2, 1, 9, 0, tzinfo=timezone.utc),
            note="other outlets say Tuesday", input_text="Tuesday", rule="weekday:2:past",
            change_id=change.id, **day("2014-06-24"),
        ))

        # doc-b: no publication date.
        doc_b, pub_b = b.document("doc-b", DOC_B, None)
        thursday_b = b.node(doc_b, "Thursday", pub_b, rule="weekday:4:past",
                            value="XXXX-WXX-4", status="unresolved")
        june26 = b.node(doc_b, "June 26, 2014", None, **day("2014-06-26"))
        b.event("fell", doc_b, "On Thursday the town fell", "fell", thursday_b,
                status="unresolved", value="XXXX-WXX-4")
        b.event("bombed_b", doc_b, "Syrian jets bombed Qaim on June 26, 2014", "bombed", june26,
                args=(("Syria", "Syrian", "agent"), ("Qaim", "Qaim", "patient")),
                merged_into_id=bombed.id, **day("2014-06-26"))

        # doc-c: the dateline disagrees with the publication date.
        doc_c, pub_c = b.document(
            "doc-c", DOC_C, date(2014, 7, 3),
            review_reason="the dateline says 2014-07-01 but the publication date is 2014-07-03",
        )
        dateline = b.node(doc_c, "July 1", None, kind="dateline", **day("2014-07-01"))
        wednesday = b.node(doc_c, "At 8 pm on Wednesday", pub_c, rule="weekday:3:past",
                           value="2014-07-02T20:00", precision="time",
                           earliest=date(2014, 7, 2), latest=date(2014, 7, 2),
                           edtf="2014-07-02T20:00")
        asked = b.event("asked_jets", doc_c, "Iraq asked for more jets", "asked", dateline,
                        status="needs-review", date_how="curator",
                        args=(("Iraq", "Iraq", "agent"),), **day("2014-07-01"))
        s.query(DateAssertion).filter_by(event_id=asked.id).one().is_current = False
        s.flush()
        s.add(DateAssertion(
            event_id=asked.id, origin="curator", status="needs-review", is_current=True,
            curator="bob", created_at=datetime(2026, 2, 2, 10, 0, tzinfo=timezone.utc),
            note="the dateline it depends on changed", **day("2014-07-01"),
        ))
        b.event("landed", doc_c, "At 8 pm on Wednesday the jets landed", "landed", wednesday,
                value="2014-07-02T20:00", precision="time", earliest=date(2014, 7, 2),
                latest=date(2014, 7, 2), edtf="2014-07-02T20:00")
        known.nodes["doc-c:dateline"] = dateline.id
    return known
