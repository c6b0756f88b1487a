"""Participant identity: merge participants, rename one, split one (names the machine or a
curator joined that are two entities: "Chrysler" joined to "Daimler Chrysler"), say what kind
of entity one is. A mixin of :class:`~eventdb.services.curation.Curation`.

The machine sets a participant's kind only while no curator has touched the participant (its
version is 1), so a kind a curator gave survives re-ingest.

A split moves the named aliases to a participant of their own (named by the first) with every
mention written with them. The machine looks names up by alias, and ``apply_splits`` runs after
ingest stores a batch, so later articles and ``ingest --replace`` follow the split. Undo moves
the names back, then deletes the participant the split made (``created_participants``).
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from eventdb.db.models import EventArgument, Mention, Participant, ParticipantAlias
from eventdb.db.vocab import PARTICIPANT_KINDS
from eventdb.errors import InputError, NotFoundError
from eventdb.services.curation_model import ChangeResult, _retry_on_deadlock
from eventdb.services.participants import alias_key, canonical, lookup


class ParticipantIdentity:
    """Needs ``db`` and the shared helpers of ``Curation``."""

    def _participant(self, s: Session, name: str) -> Participant:
        found = lookup(s, name)
        if found is None:
            raise NotFoundError(f"no participant named {name!r}")
        return found

    @_retry_on_deadlock
    def merge_participants(self, names: list[str], *, note: str | None = None) -> ChangeResult:
        """Merge into the first name: mentions and aliases move to it, the others stay as aliases."""
        if len(names) < 2:
            raise InputError("give at least two participant names to merge")
        with self.db.transaction() as s:
            found = [self._participant(s, n) for n in names]
            survivor = found[0]
            others = [p for p in dict.fromkeys(found[1:]) if p.id != survivor.id]
            if not others:
                raise InputError(f"those names are already one participant: {survivor.name}")
            # Lock them in id order and read them again: two curators merging A into B and B
            # into A at once would otherwise each merge one into the other (a cycle).
            for p in s.scalars(select(Participant).where(Participant.id.in_([p.id for p in found]))
                               .order_by(Participant.id).with_for_update()
                               .execution_options(populate_existing=True)):
                if p.merged_into_id is not None:
                    raise InputError(f"{p.name!r} was just merged into another participant by "
                                     "someone else: look again and merge what is left")
            change = self._change(s, "merge-participants", f"merged {', '.join(p.name for p in others)} into {survivor.name}", note)
            fields = [["participants", p.id, {"merged_into_id": p.merged_into_id}] for p in others]
            moved_mentions, moved_aliases = [], []
            for p in others:
                moved_mentions += [[m, p.id] for m in s.scalars(select(Mention.id).where(Mention.participant_id == p.id))]
                moved_aliases += [[a, p.id] for a in s.scalars(select(ParticipantAlias.id).where(ParticipantAlias.participant_id == p.id))]
                p.merged_into_id = survivor.id
            other_ids = [p.id for p in others]
            s.execute(update(Mention).where(Mention.participant_id.in_(other_ids)).values(participant_id=survivor.id)
                      .execution_options(synchronize_session=False))
            s.execute(update(ParticipantAlias).where(ParticipantAlias.participant_id.in_(other_ids))
                      .values(participant_id=survivor.id).execution_options(synchronize_session=False))
            self._finish(change, {}, fields=fields, moved_mentions=moved_mentions, moved_aliases=moved_aliases,
                         items=[f"p:{survivor.id}"])
            return ChangeResult(change.id, change.summary)

    @_retry_on_deadlock
    def rename_participant(self, name: str, new_name: str, *, note: str | None = None) -> ChangeResult:
        new_name = new_name.strip()
        if not new_name:
            raise InputError("the new name is empty")
        with self.db.transaction() as s:
            p = self._participant(s, name)
            clash = s.scalars(select(Participant).where(Participant.name == new_name, Participant.id != p.id)).first()
            owner = lookup(s, new_name)
            if clash is not None or (owner is not None and owner.id != p.id):
                other = clash or owner
                raise InputError(f"{new_name!r} is already the participant {other.name!r}: "  # type: ignore[union-attr]
                                 "merge them with `eventdb merge-participants`")
            change = self._change(s, "rename-participant", f"renamed {p.name} → {new_name}", note)
            fields = [["participants", p.id, {"name": p.name}]]
            created_aliases = []
            key = alias_key(new_name)
            if key and s.scalar(select(func.count()).select_from(ParticipantAlias).where(ParticipantAlias.key == key)) == 0:
                alias = ParticipantAlias(participant_id=p.id, alias=new_name, key=key)
                s.add(alias)
                s.flush()
                created_aliases.append(alias.id)
            p.name = new_name
            self._finish(change, {}, fields=fields, created_aliases=created_aliases)
            return ChangeResult(change.id, change.summary)

    @_retry_on_deadlock
    def set_participant_kind(self, name: str, kind: str, *, note: str | None = None) -> ChangeResult:
        """What kind of entity the participant is (person, organisation, place, group, product,
        other): the machine's guess corrected ("Air China" is an organisation, not a place)."""
        kind = kind.strip().lower()
        if kind not in PARTICIPANT_KINDS:
            raise InputError(f"unknown kind {kind!r}: use one of {', '.join(PARTICIPANT_KINDS)}")
        with self.db.transaction() as s:
            p = self._participant(s, name)
            if p.kind == kind:
                raise InputError(f"{p.name} is already of kind {kind}")
            change = self._change(s, "set-participant-kind", f"{p.name}: {p.kind} → {kind}", note)
            fields = [["participants", p.id, {"kind": p.kind}]]
            p.kind = kind
            self._finish(change, {}, fields=fields, items=[f"p:{p.id}"])
            return ChangeResult(change.id, change.summary)

    def split_participant(self, name: str, aliases: list[str], *,
                          note: str | None = None) -> ChangeResult:
        """The ``aliases`` of participant ``name`` are another participant (named by the first
        alias); the mentions written with them move to it."""
        given = {alias_key(a): a for a in aliases if alias_key(a)}
        if not given:
            raise InputError("give the names (aliases) to split off")
        with self.db.transaction() as s:
            p = self._participant(s, name)
            s.execute(select(Participant.id).where(Participant.id == p.id).with_for_update())
            return self._split(s, p, list(given), note, given)

    def split_from_event(self, event_id: int, name: str, *,
                         note: str | None = None) -> ChangeResult:
        """The name participant ``name`` is written with in event ``event_id`` is another
        entity: split it off (the TUI's participants dialog, ``s``)."""
        with self.db.transaction() as s:
            p = self._participant(s, name)
            written = list(s.scalars(
                select(Mention.text).join(EventArgument, EventArgument.mention_id == Mention.id)
                .where(EventArgument.event_id == event_id, Mention.participant_id == p.id)))
            own = alias_key(p.name)
            keys = list(dict.fromkeys(k for k in map(alias_key, written) if k and k != own))
            if not keys:
                raise InputError(f"event {event_id} names {p.name!r} by that very name: nothing "
                                 "to split off here (`eventdb split-participant` takes any alias)")
            return self._split(s, p, keys, note)

    def _split(self, s: Session, p: Participant, keys: list[str], note: str | None,
               given: dict[str, str] | None = None) -> ChangeResult:
        found = {a.key: a for a in s.scalars(select(ParticipantAlias).where(
            ParticipantAlias.participant_id == p.id, ParticipantAlias.key.in_(keys)))}
        missing = [k for k in keys if k not in found]
        if missing:
            known = sorted(a.alias for a in s.scalars(select(ParticipantAlias).where(
                ParticipantAlias.participant_id == p.id)))
            raise NotFoundError(f"{p.name!r} is not known as {(given or {}).get(missing[0], missing[0])!r}; its names: "
                                f"{', '.join(known[:12])}")
        own = alias_key(p.name)
        if own in keys:
            raise InputError(f"{p.name!r} is the participant's own name: rename it first, or "
                             "split off the other names")
        first = found[keys[0]].alias
        named = s.scalars(select(Participant).where(Participant.name == first)).first()
        # A participant of that name merged into this one comes back (a merge taken apart);
        # any other of that name is another entity already.
        if named is not None and (named.merged_into_id is None or canonical(s, named) is not p):
            raise InputError(f"a participant is already named {first!r}: merge into it with "
                             "`eventdb merge-participants` instead")
        change = self._change(s, "split-participant", f"split {', '.join(found[k].alias for k in keys)}"
                              f" off {p.name}", note)
        fields, created = [], []
        if named is not None:
            fields.append(["participants", named.id, {"merged_into_id": named.merged_into_id}])
            named.merged_into_id = None
            new = named
        else:
            new = Participant(name=first, kind=p.kind)
            s.add(new)
            s.flush()
            created.append(new.id)
        moved_aliases = [[found[k].id, p.id] for k in keys]
        # Mentions of this participant written with one of the names (by their lookup form).
        moved_mentions = [[m.id, p.id] for m in s.scalars(select(Mention).where(
            Mention.participant_id == p.id)) if alias_key(m.text) in keys]
        s.execute(update(ParticipantAlias).where(ParticipantAlias.id.in_([a for a, _ in moved_aliases]))
                  .values(participant_id=new.id).execution_options(synchronize_session=False))
        if moved_mentions:
            s.execute(update(Mention).where(Mention.id.in_([m for m, _ in moved_mentions]))
                      .values(participant_id=new.id).execution_options(synchronize_session=False))
        self._finish(change, {}, fields=fields, moved_mentions=moved_mentions,
                     moved_aliases=moved_aliases, created_participants=created,
                     items=[f"p:{p.id}", f"p:{new.id}"])
        return ChangeResult(change.id, change.summary)


def apply_splits(session: Session, document_ids: list[int]) -> int:
    """Newly stored documents follow the curators' splits: a mention written with a name a
    curator split off its participant goes to the participant that name belongs to now (ingest
    joins a name to its fuller form inside an article, "Chrysler" to "Daimler Chrysler", before
    it looks names up). Returns how many mentions moved. Splits are rare: one read of them."""
    from eventdb.db.models import ChangeLog

    moved_alias_ids = [alias_id for payload in session.scalars(
        select(ChangeLog.payload).where(ChangeLog.action == "split-participant",
                                        ChangeLog.undone_by_id.is_(None)))
        for alias_id, _ in (payload or {}).get("moved_aliases", [])]
    if not moved_alias_ids or not document_ids:
        return 0
    owner = {key: pid for key, pid in session.execute(
        select(ParticipantAlias.key, ParticipantAlias.participant_id)
        .where(ParticipantAlias.id.in_(moved_alias_ids)))}
    moves: dict[int, list[int]] = {}
    for mention_id, text, pid in session.execute(
            select(Mention.id, Mention.text, Mention.participant_id)
            .where(Mention.document_id.in_(document_ids))):
        target = owner.get(alias_key(text))
        if target is not None and target != pid:
            moves.setdefault(target, []).append(mention_id)
    for target, ids in moves.items():
        session.execute(update(Mention).where(Mention.id.in_(ids)).values(participant_id=target)
                        .execution_options(synchronize_session=False))
    return sum(map(len, moves.values()))
