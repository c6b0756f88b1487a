"""Editing rows: what the machine missed or ran together, and who took part.

A curator adds a row the machine missed (a span of the article, a headline, a date), splits a row
that holds two happenings, edits a row's headline, and adds, removes or re-roles its participants.
Each is one transaction with a change-log entry whose payload (under ``"edit"``) says what undo
needs; ``eventdb.services.edit_log`` undoes them (``eventdb undo``, ``u`` in the TUI, refusing
when someone changed the same rows since) and shows them in the event's history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from eventdb.db.models import (
    PARTICIPANT_KINDS, ROLES, ChangeLog, Document, Event, EventArgument, Mention, Participant,
    ParticipantAlias,
)
from eventdb.errors import ConflictError, InputError, NotFoundError
from eventdb.services.curation import ChangeResult, Curation, _retry_on_deadlock
from eventdb.services.dating import assert_date, copy_resolved, resolved_of
from eventdb.services.participants import alias_key, lookup
from eventdb.temporal import Resolved

ADD, SPLIT, HEADLINE = "add-event", "split-event", "set-headline"
ADD_PARTICIPANT, REMOVE_PARTICIPANT, SET_ROLE = "add-participant", "remove-participant", "set-role"
ACTIONS = (ADD, SPLIT, HEADLINE, ADD_PARTICIPANT, REMOVE_PARTICIPANT, SET_ROLE)
#: The status of a row a curator made: they vouch for it, so a moved anchor flags it for review.
ADDED_STATUS = "confirmed"
_WORD = re.compile(r"\w")


def one_line(text: str | None) -> str:
    """A headline as one line: runs of white space (newlines included) become one space."""
    return " ".join((text or "").split())


def _sentences(text: str) -> list[tuple[int, int]]:
    from eventdb.extract.sentences import split_sentences

    return split_sentences(text)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentences ``text[start:end]`` touches (the row's evidence)."""
    spans = _sentences(text)
    first = next((a for a, b in spans if b > start), start)
    last = next((b for a, b in reversed(spans) if a < end), end)
    return min(first, start), max(last, end)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trigger(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The span's main verb as the extractor finds it, else its first word."""
    from eventdb.extract.clauses import find_trigger

    clause = find_trigger(text, start, end)
    if clause.trigger and start <= clause.trigger_start < clause.trigger_end <= end:
        return clause.trigger[:255], clause.trigger_start, clause.trigger_end
    m = re.search(r"\w+", text[start:end])
    if m is None:
        return text[start:end][:255], start, end
    return m.group()[:255], start + m.start(), start + m.end()


def default_headline(text: str, start: int, end: int) -> str:
    """The headline the extractor would write for the span."""
    from eventdb.extract.clauses import headline

    return headline(text, start, end) or one_line(text[start:end])[:110]


def find_words(text: str, words: str) -> tuple[int, int]:
    """The span of ``words`` in ``text`` (exact case first); InputError unless found just once."""
    needle = words.strip()
    if not needle:
        raise InputError("give the words of the event")
    for haystack, key in ((text, needle), (text.lower(), needle.lower())):
        found = [m.start() for m in re.finditer(re.escape(key), haystack)]
        if len(found) == 1:
            return found[0], found[0] + len(key)
        if len(found) > 1:
            raise InputError(f"{needle!r} is in the article {len(found)} times: give the span "
                             "(START:END) instead")
    raise InputError(f"{needle!r} is not in the article")


@dataclass(slots=True)
class SplitPreview:
    """What ``split_event`` would make of a row: the two spans and their default headlines."""

    first: tuple[int, int]
    second: tuple[int, int]
    first_headline: str
    second_headline: str


class Editing(Curation):
    """Row edits for one database and one curator (the curation helpers are inherited)."""

    # -- helpers ---------------------------------------------------------------------------------
    def _edit_change(self, s: Session, action: str, summary: str, note: str | None,
                     events: list[int], **payload) -> ChangeLog:  # noqa: ANN003
        change = self._change(s, action, summary, note)
        change.payload = {"edit": {"events": events, **payload}}
        return change

    @staticmethod
    def _next_position(s: Session, document_id: int) -> int:
        """After the document's last row: positions only break ties between same-date rows."""
        return (s.scalar(select(func.max(Event.position)).where(Event.document_id == document_id))
                or 0) + 1

    def _check_event_version(self, ev: Event, version: int | None) -> None:
        if version is not None and ev.version_id != version:
            raise ConflictError(
                f"event {ev.id} was changed since you read it (its headline is now "
                f"{ev.headline!r}, its date {ev.value or 'unresolved'}); your edit was not saved")

    # -- adding a row ----------------------------------------------------------------------------
    def preview_added_date(self, document_id: str, text: str) -> Resolved:
        """The date ``add_event`` would give for ``text``, without writing. Raises InputError."""
        with self.db.session() as s:
            doc = self._document(s, document_id)
            pub = self._publication(s, doc.id)
            return self._interpret(text, resolved_of(pub), "the publication date")[1]

    @_retry_on_deadlock
    def add_event(self, document_id: str, date: str, *, span: tuple[int, int] | None = None,
                  words: str | None = None, headline: str | None = None,
                  note: str | None = None) -> ChangeResult:
        """A row the machine missed: ``span`` (start, end offsets) of the article, or ``words``
        found in it once, dated by ``date`` (ISO, EDTF or words, resolved against the
        publication date like the edit dialog's)."""
        if (span is None) == (words is None):
            raise InputError("give the span of the event (START:END) or its words, not both")
        with self.db.transaction() as s:
            doc = self._document(s, document_id, lock=True)
            text = doc.text
            start, end = span if span is not None else find_words(text, words or "")
            if not (0 <= start < end <= len(text)):
                raise InputError(f"the span {start}:{end} is not inside the article "
                                 f"(it has {len(text)} characters)")
            start, end = _trim(text, start, end)
            if not _WORD.search(text[start:end]):
                raise InputError("the span holds no words: select the text of the event")
            title = one_line(headline) or default_headline(text, start, end)
            pub = self._publication(s, doc.id)
            rule, resolved = self._interpret(date, resolved_of(pub), "the publication date")
            sentence_start, sentence_end = sentence_bounds(text, start, end)
            trigger, trigger_start, trigger_end = _trigger(text, start, end)
            ev = Event(document_id=doc.id, position=self._next_position(s, doc.id), start=start,
                       end=end, sentence_start=sentence_start, sentence_end=sentence_end,
                       headline=title, trigger=trigger, trigger_start=trigger_start,
                       trigger_end=trigger_end, time_node_id=pub.id, relation="ON",
                       date_how="curator", confidence=1.0, status=ADDED_STATUS)
            copy_resolved(ev, resolved)
            s.add(ev)
            s.flush()
            change = self._edit_change(s, ADD, f"added event {ev.id} to {document_id}: {title}",
                                       note, [ev.id], created=ev.id)
            assert_date(s, ev, resolved, origin="curator", status=ADDED_STATUS,
                        curator=self.curator, note=note, input_text=date, rule=rule,
                        change_id=change.id, first=True)
            self._link_mentions(s, ev, text)
            return ChangeResult(change.id, change.summary, [ev.id])

    @staticmethod
    def _link_mentions(s: Session, ev: Event, text: str) -> None:
        """The participants named inside the span take part, with the extractor's roles."""
        from eventdb.extract.clauses import find_trigger
        from eventdb.extract.model import Mention as Found
        from eventdb.extract.pipeline import _roles

        rows = s.scalars(select(Mention).where(
            Mention.document_id == ev.document_id, Mention.start >= ev.start,
            Mention.end <= ev.end).order_by(Mention.start)).all()
        if not rows:
            return
        found = [Found(m.start, m.end, m.text, i) for i, m in enumerate(rows)]
        roles = {a.mention: a.role for a in _roles(list(range(len(rows))), found,
                                                    find_trigger(text, ev.start, ev.end), text)}
        seen: set[int] = set()
        for i, m in enumerate(rows):
            if i in roles and m.participant_id not in seen:
                seen.add(m.participant_id)
                s.add(EventArgument(event_id=ev.id, mention_id=m.id, role=roles[i]))

    # -- splitting a row -------------------------------------------------------------------------
    def _split_point(self, ev: Event, text: str, at: int | None, words: str | None) -> int:
        if (at is None) == (words is None):
            raise InputError("give where to split: an offset in the article or the words that "
                             "begin the second part")
        if words is not None:
            needle = words.strip()
            if not needle:
                raise InputError("give the words that begin the second part")
            found = text.lower().find(needle.lower(), ev.start, ev.end)
            if found < 0:
                raise InputError(f"{needle!r} is not in the evidence of event {ev.id}: "
                                 f"{one_line(text[ev.start:ev.end])!r}")
            at = found
        assert at is not None
        if not ev.start < at < ev.end:
            raise InputError(f"split inside the evidence of event {ev.id} "
                             f"(offsets {ev.start + 1}…{ev.end - 1}), not at {at}")
        return at

    def _parts(self, ev: Event, text: str, at: int) -> tuple[tuple[int, int], tuple[int, int]]:
        first, second = _trim(text, ev.start, at), _trim(text, at, ev.end)
        if not (_WORD.search(text[first[0]:first[1]]) and _WORD.search(text[second[0]:second[1]])):
            raise InputError("the split point must leave words on both sides")
        return first, second

    def preview_split(self, event_id: int, *, at: int | None = None,
                      words: str | None = None) -> SplitPreview:
        """The parts ``split_event`` would make (raises InputError like it), without writing."""
        with self.db.session() as s:
            ev = self._event(s, event_id)
            text = ev.document.text
            first, second = self._parts(ev, text, self._split_point(ev, text, at, words))
            return SplitPreview(first, second, default_headline(text, *first),
                                default_headline(text, *second))

    @_retry_on_deadlock
    def split_event(self, event_id: int, *, at: int | None = None, words: str | None = None,
                    headlines: tuple[str | None, str | None] = (None, None),
                    note: str | None = None, version: int | None = None) -> ChangeResult:
        """Two happenings in one row become two rows, at ``at`` (an offset in the article) or
        where ``words`` begin. The first keeps the id; the second gets the same participants and
        the same date (which follows the same anchor)."""
        with self.db.transaction() as s:
            ev = self._event(s, event_id, lock=True)
            self._check_event_version(ev, version)
            if ev.merged_into_id is not None:
                raise InputError(f"event {ev.id} is merged into event {ev.merged_into_id}: "
                                 "split that one")
            # The document's row lock orders this with other new rows of it (their positions).
            s.execute(select(Document.id).where(Document.id == ev.document_id).with_for_update())
            text = ev.document.text
            (a0, a1), (b0, b1) = self._parts(ev, text, self._split_point(ev, text, at, words))
            first = one_line(headlines[0]) or default_headline(text, a0, a1)
            second = one_line(headlines[1]) or default_headline(text, b0, b1)
            before = {k: getattr(ev, k) for k in (
                "start", "end", "headline", "trigger", "trigger_start", "trigger_end")}

            def sentence(a: int, b: int) -> tuple[int, int]:
                if ev.sentence_start <= a and b <= ev.sentence_end:
                    return ev.sentence_start, ev.sentence_end
                return sentence_bounds(text, a, b)

            new = Event(document_id=ev.document_id, position=self._next_position(s, ev.document_id),
                        start=b0, end=b1, headline=second, time_node_id=ev.time_node_id,
                        relation=ev.relation, date_how=ev.date_how, confidence=ev.confidence,
                        status=ev.status)
            new.sentence_start, new.sentence_end = sentence(b0, b1)
            new.trigger, new.trigger_start, new.trigger_end = _trigger(text, b0, b1)
            copy_resolved(new, resolved_of(ev))
            s.add(new)
            s.flush()
            ev.start, ev.end, ev.headline = a0, a1, first
            ev.trigger, ev.trigger_start, ev.trigger_end = _trigger(text, a0, a1)
            change = self._edit_change(
                s, SPLIT, f"split event {ev.id} into {ev.id} and {new.id}: {first} | {second}",
                note, [ev.id, new.id], split=ev.id, created=new.id, before=before,
                after={"start": a0, "end": a1, "headline": first})
            current = self._current(s, ev)
            assert_date(s, new, resolved_of(ev), origin=current.origin if current else "curator",
                        status=ev.status, curator=self.curator, rule=current.rule if current else None,
                        input_text=current.input_text if current else None,
                        note=f"split from event {ev.id}" + (f": {note}" if note else ""),
                        change_id=change.id, first=True)
            for arg in s.scalars(select(EventArgument).where(EventArgument.event_id == ev.id)).all():
                s.add(EventArgument(event_id=new.id, mention_id=arg.mention_id, role=arg.role))
            return ChangeResult(change.id, change.summary, [ev.id, new.id])

    # -- the headline ----------------------------------------------------------------------------
    @_retry_on_deadlock
    def set_headline(self, event_id: int, headline: str, *, note: str | None = None,
                     version: int | None = None) -> ChangeResult:
        title = one_line(headline)
        if not title:
            raise InputError("the headline is empty")
        with self.db.transaction() as s:
            ev = self._event(s, event_id, lock=True)
            self._check_event_version(ev, version)
            if ev.headline == title:
                raise InputError(f"event {event_id} already has that headline")
            change = self._edit_change(
                s, HEADLINE, f"event {event_id}: headline {ev.headline!r} → {title!r}", note,
                [ev.id], before=ev.headline, after=title)
            ev.headline = title
            return ChangeResult(change.id, change.summary, [ev.id])

    # -- participants ----------------------------------------------------------------------------
    @staticmethod
    def _role(role: str) -> str:
        role = (role or "").strip().lower()
        if role not in ROLES:
            raise InputError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        return role

    @staticmethod
    def _arguments(s: Session, ev: Event) -> list[tuple[EventArgument, Participant]]:
        return list(s.execute(
            select(EventArgument, Participant)
            .join(Mention, Mention.id == EventArgument.mention_id)
            .join(Participant, Participant.id == Mention.participant_id)
            .where(EventArgument.event_id == ev.id).order_by(Mention.start)).all())  # type: ignore[arg-type]

    def _taking_part(self, s: Session, ev: Event, name: str) -> tuple[Participant, list[EventArgument]]:
        """The participant called ``name`` and its arguments in the event, else NotFoundError."""
        found = lookup(s, name)
        args = self._arguments(s, ev)
        mine = [a for a, p in args if found is not None and p.id == found.id]
        if not mine:
            # Merged participants' mentions move to the survivor, but match a plain name too.
            mine = [a for a, p in args if p.name.casefold() == name.strip().casefold()]
            found = next((p for a, p in args if p.name.casefold() == name.strip().casefold()), found)
        if not mine or found is None:
            names = ", ".join(dict.fromkeys(p.name for _, p in args)) or "none"
            raise NotFoundError(f"event {ev.id} has no participant {name!r} "
                                f"(its participants: {names})")
        return found, mine

    @staticmethod
    def _mention_for(s: Session, ev: Event, p: Participant, text: str) -> tuple[Mention, bool]:
        """A mention of ``p`` for the event: one the extractor found (inside the row's evidence
        first, else nearest), else the name as written in the article, else the row's span."""
        mentions = s.scalars(select(Mention).where(Mention.document_id == ev.document_id,
                                                   Mention.participant_id == p.id)).all()

        def distance(a: int, b: int) -> tuple[int, int]:
            inside = ev.sentence_start <= a and b <= ev.sentence_end
            return (0 if inside else 1, abs(a - ev.start))

        if mentions:
            return min(mentions, key=lambda m: distance(m.start, m.end)), False
        names = {p.name, *s.scalars(select(ParticipantAlias.alias)
                                    .where(ParticipantAlias.participant_id == p.id))}
        spots = [(m.start(), m.end()) for n in names if n.strip()
                 for m in re.finditer(rf"(?<!\w){re.escape(n.strip())}(?!\w)", text, re.IGNORECASE)]
        start, end = min(spots, key=lambda sp: distance(*sp)) if spots else (ev.start, ev.end)
        mention = Mention(document_id=ev.document_id, participant_id=p.id, start=start, end=end,
                          text=text[start:end] if spots else p.name)
        s.add(mention)
        s.flush()
        return mention, True

    def _participant_or_new(self, s: Session, name: str, kind: str) -> tuple[Participant, bool]:
        name = one_line(name)
        key = alias_key(name)
        if not key:
            raise InputError(f"{name!r} is not a name")
        found = lookup(s, name)
        if found is not None:
            return found, False
        same = s.scalars(select(Participant).where(Participant.name == name[:255])).first()
        if same is not None:
            return same, False
        kind = (kind or "").strip().lower()
        if kind not in PARTICIPANT_KINDS:
            raise InputError(f"kind must be one of {', '.join(PARTICIPANT_KINDS)}, not {kind!r}")
        p = Participant(name=name[:255], kind=kind)
        s.add(p)
        s.flush()
        s.add(ParticipantAlias(participant_id=p.id, alias=name[:255], key=key))
        s.flush()
        return p, True

    @_retry_on_deadlock
    def add_participant(self, event_id: int, name: str, *, role: str = "other",
                        kind: str = "other", note: str | None = None) -> ChangeResult:
        """``name`` (any name or alias of a participant, or a new one) takes part in the event."""
        role = self._role(role)
        with self.db.transaction() as s:
            ev = self._event(s, event_id, lock=True)
            p, created = self._participant_or_new(s, name, kind)
            for arg, other in self._arguments(s, ev):
                if other.id == p.id:
                    raise InputError(f"{p.name} already takes part in event {event_id} "
                                     f"(as {arg.role}): change the role instead")
            mention, new_mention = self._mention_for(s, ev, p, ev.document.text)
            s.add(EventArgument(event_id=ev.id, mention_id=mention.id, role=role))
            change = self._edit_change(
                s, ADD_PARTICIPANT,
                f"event {event_id}: {p.name} takes part as {role}"
                + (" (new participant)" if created else ""),
                note, [ev.id], participant=p.name, role=role, mention=mention.id,
                created_mention=new_mention, created_participant=p.id if created else None)
            return ChangeResult(change.id, change.summary, [ev.id])

    @_retry_on_deadlock
    def remove_participant(self, event_id: int, name: str, *, note: str | None = None) -> ChangeResult:
        with self.db.transaction() as s:
            ev = self._event(s, event_id, lock=True)
            p, args = self._taking_part(s, ev, name)
            removed = [[a.mention_id, a.role] for a in args]
            for a in args:
                s.delete(a)
            change = self._edit_change(s, REMOVE_PARTICIPANT,
                                       f"event {event_id}: {p.name} no longer takes part", note,
                                       [ev.id], participant=p.name, removed=removed)
            return ChangeResult(change.id, change.summary, [ev.id])

    @_retry_on_deadlock
    def set_role(self, event_id: int, name: str, role: str, *, note: str | None = None) -> ChangeResult:
        role = self._role(role)
        with self.db.transaction() as s:
            ev = self._event(s, event_id, lock=True)
            p, args = self._taking_part(s, ev, name)
            if all(a.role == role for a in args):
                raise InputError(f"{p.name} already takes part in event {event_id} as {role}")
            before = [[a.mention_id, a.role] for a in args]
            old = "/".join(dict.fromkeys(a.role for a in args))
            for a in args:
                a.role = role
            change = self._edit_change(s, SET_ROLE, f"event {event_id}: {p.name} {old} → {role}",
                                       note, [ev.id], participant=p.name, role=role, before=before)
            return ChangeResult(change.id, change.summary, [ev.id])
