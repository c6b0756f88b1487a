"""Reading for curators: an event's detail (its date explained along the anchor chain, the
alternatives), its history, a date's preview. A mixin of :class:`~eventdb.services.curation.Curation`."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdb.db.models import (
    ChangeLog, DateAssertion, Document, Event, EventArgument, Mention, Participant, TimeNode,
)
from eventdb.services.curation_model import (
    Alternative, AnchorStep, EventDetail, HistoryEntry, _happening_view, describe_rule,
)
from eventdb.services.dating import resolved_of
from eventdb.temporal import Resolved, resolve
from eventdb.temporal.rules import split_rule
from eventdb.temporal.wording import date_words, words_of

#: Which role a participant named more than once in a clause is shown with.
_ROLE_RANK = {"agent": 0, "patient": 1, "other": 2}


class Reading:
    """Needs ``db`` and the shared helpers of ``Curation``."""

    # -- reading -------------------------------------------------------------------------------
    def event_detail(self, event_id: int) -> EventDetail:
        with self.db.session() as s:
            ev = self._event(s, event_id)
            doc = s.get(Document, ev.document_id)
            assert doc is not None
            pub = self._publication(s, ev.document_id)
            node = s.get(TimeNode, ev.time_node_id) if ev.time_node_id else None
            chain = self._chain(s, node)
            sentence = doc.text[ev.sentence_start:ev.sentence_end]
            span = None
            if node is not None and node.kind == "expression" and node.start is not None:
                if ev.sentence_start <= node.start and node.end <= ev.sentence_end:
                    span = (node.start - ev.sentence_start, node.end - ev.sentence_start)
            # Each participant once, in order of first mention, with its strongest role: its
            # mentions in the clause ("IBM sued Papermaster to block him") are evidence, not
            # more participants.
            participants: dict[str, tuple[str, str, str]] = {}
            for r in s.execute(
                select(Participant.name, Participant.kind, EventArgument.role)
                .join(Mention, Mention.id == EventArgument.mention_id)
                .join(Participant, Participant.id == Mention.participant_id)
                .where(EventArgument.event_id == ev.id).order_by(Mention.start)
            ):
                known = participants.get(r.name)
                if known is None or _ROLE_RANK.get(r.role, 3) < _ROLE_RANK.get(known[2], 3):
                    participants[r.name] = (r.name, r.kind, r.role) if known is None else (*known[:2], r.role)
            return EventDetail(
                id=ev.id, version=ev.version_id, document_id=doc.external_id,
                document_title=doc.title, source=doc.source, url=doc.url,
                published=pub.value, review_reason=doc.review_reason, headline=ev.headline,
                trigger=ev.trigger, sentence=sentence, sentence_start=ev.sentence_start,
                expression_span=span, expression_text=node.text if node is not None and node.kind == "expression" else None,
                value=ev.value, precision=ev.precision, earliest=ev.earliest, latest=ev.latest,
                edtf=ev.edtf, mod=ev.mod, status=ev.status, date_how=ev.date_how,
                confidence=ev.confidence, relation=ev.relation, anchor_chain=chain,
                explanation=self._explain(chain, ev), alternatives=self._alternatives(s, ev, node, doc),
                participants=list(participants.values()), merged_into=ev.merged_into_id,
                published_version=pub.version_id, happening=_happening_view(s, ev.happening_id),
            )

    def _chain(self, s: Session, node: TimeNode | None) -> list[AnchorStep]:
        steps: list[AnchorStep] = []
        seen: set[tuple[str, int]] = set()
        while node is not None and ("node", node.id) not in seen:
            seen.add(("node", node.id))
            if node.kind == "publication":
                steps.append(AnchorStep("publication", None, node.value, node_id=node.id, rule=node.rule))
                break
            steps.append(AnchorStep(node.kind, node.text, node.value, node_id=node.id, rule=node.rule))
            if node.anchor_node_id is not None:
                node = s.get(TimeNode, node.anchor_node_id)
            elif node.anchor_event_id is not None:
                other = s.get(Event, node.anchor_event_id)
                if other is None or ("event", other.id) in seen:
                    break
                seen.add(("event", other.id))
                steps.append(AnchorStep("event", other.headline, other.value, event_id=other.id))
                node = s.get(TimeNode, other.time_node_id) if other.time_node_id else None
            else:
                steps.append(AnchorStep("absolute", None, None))
                break
        return steps

    @staticmethod
    def _explain(chain: list[AnchorStep], ev: Event) -> str:
        if not chain:
            return "no date yet"
        if ev.date_how == "curator":
            return f"set by a curator: {words_of(resolved_of(ev))}"
        first = chain[0]
        said = words_of(resolved_of(ev)) if ev.value else "unresolved"

        def in_words(value: str | None, missing: str = "unresolved") -> str:
            return date_words(value) if value else missing

        if first.kind == "publication":
            return f"dated by the publication date ({in_words(first.value, 'unknown')}) → {said}"

        def label(step: AnchorStep) -> str:
            if step.kind == "publication":
                day = in_words(step.value, "unknown")
                try:
                    day = f"{date.fromisoformat(step.value):%a} {day}" if step.value else day
                except ValueError:
                    pass
                return f"publication, {day}"
            if step.kind == "event":
                return f"event {step.event_id} ({in_words(step.value)})"
            if step.kind == "absolute":
                return "the calendar"
            return f'"{step.text}" ({in_words(step.value)})'

        anchor = label(chain[1]) if len(chain) > 1 else "the calendar"
        words = describe_rule(first.rule or "", anchor) if first.rule else anchor
        return f"{first.text} → {words} → {said}"

    def _alternatives(self, s: Session, ev: Event, node: TimeNode | None, doc: Document) -> list[Alternative]:
        found: dict[str, Alternative] = {}
        if node is not None and node.kind == "expression" and node.rule:
            anchor, _ = self._event_anchor(s, ev)
            try:
                kind, args, _opts = split_rule(node.rule)
            except Exception:
                kind, args = "", []
            if anchor is not None and kind in ("weekday", "month", "monthday", "quarter", "half",
                                               "season", "weekend") and args:
                for direction, label in (("last", "previous occurrence"), ("next", "next occurrence"),
                                         ("past", "on or before the anchor")):
                    alt_rule = node.rule.replace(f":{args[-1]}", f":{direction}", 1)
                    try:
                        res = resolve(alt_rule, anchor)
                    except Exception:
                        continue
                    if res.is_resolved and res.value != ev.value:
                        found.setdefault(res.value, Alternative(label, res.value, res))
        pub = self._publication(s, ev.document_id)
        if pub.value and pub.value != ev.value:
            found.setdefault(pub.value, Alternative("the publication date", pub.value, resolved_of(pub)))  # type: ignore[arg-type]
        dateline = s.scalars(select(TimeNode).where(
            TimeNode.document_id == doc.id, TimeNode.kind == "dateline")).first()
        if dateline is not None and dateline.value and dateline.value != ev.value:
            found.setdefault(dateline.value, Alternative("the dateline's date", dateline.value,
                                                         resolved_of(dateline)))  # type: ignore[arg-type]
        return list(found.values())

    def history(self, event_id: int) -> list[HistoryEntry]:
        """Every value the event (and the time node that dates it) had, oldest first."""
        with self.db.session() as s:
            ev = self._event(s, event_id)
            node = s.get(TimeNode, ev.time_node_id) if ev.time_node_id else None
            conditions = [DateAssertion.event_id == ev.id]
            if node is not None and node.kind != "publication":
                conditions.append(DateAssertion.node_id == node.id)
            from sqlalchemy import or_

            rows = s.execute(
                select(DateAssertion, ChangeLog.undone_by_id)
                .outerjoin(ChangeLog, ChangeLog.id == DateAssertion.change_id)
                .where(or_(*conditions)).order_by(DateAssertion.id)
            ).all()
            entries = []
            for a, undone_by in rows:
                subject = f"event {a.event_id}" if a.event_id else f'time node {a.node_id} ("{node.text if node else ""}")'
                entries.append(HistoryEntry(
                    when=a.created_at, who=a.curator if a.origin == "curator" else (a.curator and f"machine, after {a.curator}") or None,
                    origin=a.origin, status=a.status, value=a.value, earliest=a.earliest,
                    latest=a.latest, input_text=a.input_text, note=a.note, current=a.is_current,
                    subject=subject, change_id=a.change_id, undone=undone_by is not None,
                    mod=a.mod, precision=a.precision, edtf=a.edtf,
                ))
            from eventdb.services.edit_log import edit_history  # headline, split, participants

            return sorted(entries + edit_history(s, ev.id), key=lambda e: (e.when is None, e.when or 0))

    def preview_date(self, event_id: int, text: str) -> Resolved:
        """What ``set_date(event_id, text)`` would give, without writing. Raises InputError."""
        with self.db.session() as s:
            ev = self._event(s, event_id)
            anchor, label = self._event_anchor(s, ev)
            return self._interpret(text, anchor, label)[1]
