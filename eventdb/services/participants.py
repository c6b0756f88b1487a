"""Canonical participants across documents: lookup by any alias, creation, alias recording."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdb.db.models import Participant, ParticipantAlias

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def alias_key(name: str) -> str:
    """The lookup form of a name: accents, case, punctuation and a leading "the" do not count.

    "al-Maliki", "Al Maliki" and "al Maliki" share a key; so do "the BBC" and "BBC".
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    key = _NON_WORD.sub(" ", folded).strip()
    if key.startswith("the "):
        key = key[4:]
    return key[:255]


def canonical(session: Session, participant: Participant) -> Participant:
    """Follow merges to the participant that stands for this one now."""
    seen = set()
    while participant.merged_into_id is not None and participant.id not in seen:
        seen.add(participant.id)
        participant = session.get(Participant, participant.merged_into_id)  # type: ignore[assignment]
    return participant


def lookup(session: Session, name: str) -> Participant | None:
    """The canonical participant known by ``name`` (its name or any alias), if any."""
    key = alias_key(name)
    if not key:
        return None
    found = session.scalars(
        select(Participant).join(ParticipantAlias).where(ParticipantAlias.key == key)
    ).first()
    return canonical(session, found) if found is not None else None


def find_or_create(
    session: Session, name: str, kind: str, aliases: list[str] | tuple[str, ...] = (),
    cache: dict[str, Participant] | None = None,
) -> Participant:
    """The participant for an extracted entity: reuse one known by its name or an alias.

    New aliases are recorded for the participant found, unless another participant already owns
    them (curators decide such clashes by merging).
    """
    names = [name, *aliases]
    keys = [k for k in dict.fromkeys(alias_key(n) for n in names) if k]
    found: Participant | None = None
    for key in keys:
        if cache is not None and key in cache:
            found = cache[key]
            break
        owner = session.scalars(
            select(Participant).join(ParticipantAlias).where(ParticipantAlias.key == key)
        ).first()
        if owner is not None:
            found = canonical(session, owner)
            break
    if found is None:
        found = session.scalars(select(Participant).where(Participant.name == name[:255])).first()
    if found is None:
        found = Participant(name=name[:255], kind=kind)
        session.add(found)
        session.flush()
    known = set(
        session.scalars(select(ParticipantAlias.key).where(ParticipantAlias.key.in_(keys)))
    )
    for alias, key in zip(names, (alias_key(n) for n in names)):
        if key and key not in known:
            known.add(key)
            session.add(ParticipantAlias(participant_id=found.id, alias=alias[:255], key=key))
        if cache is not None and key:
            cache[key] = found
    return found
