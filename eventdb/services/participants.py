"""Canonical participants across documents: the alias key, merges, lookup by any alias.

Ingest creates participants in bulk (``eventdb.services.store``); curation merges and renames."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from eventdb.db.models import Participant, ParticipantAlias

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def alias_key(name: str) -> str:
    """The lookup form of a name: accents, case, punctuation and a leading "the" do not count.

    "al-Maliki", "Al Maliki" and "al Maliki" share a key; so do "the BBC" and "BBC".
    (Remembered: ingest's writer asks it for every name, alias and short form of every entity
    of every document, some fifty a document, and the same names come back article after
    article.)
    """
    if name.isascii():  # most names: no accents to take off (NFKD leaves ASCII as it is)
        folded = name.casefold()
    else:
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
    if found is None:
        # a description that joins nothing across articles ("the insurgents") has no alias:
        # the name the listing shows still finds it (names are unique)
        found = session.scalars(select(Participant).where(Participant.name == " ".join(name.split()))).first()
    return canonical(session, found) if found is not None else None
