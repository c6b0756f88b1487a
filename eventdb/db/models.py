"""The normalized schema (SQLAlchemy 2 typed ORM).

Shape of the data:

- a **document** has a publication **time node** (implicit, no span) that may be unknown;
- **time nodes** are temporal expressions; each keeps the ``rule`` that resolves it and its
  **anchor** (another node or an event), so a change upstream can re-resolve it;
- **events** are dated through a **time node** with a relation;
- **participants** (canonical, with **aliases**) are **mentioned** in documents, and mentions
  take part in events with a role (**event_arguments**);
- **date assertions** are append-only: the machine's answers and every curator correction, exactly
  one current per subject (event or time node). The resolved columns on ``events`` and
  ``time_nodes`` are a cache of the current assertion, kept in the same transaction, so the
  chronology can be ordered and paged by index without joins;
- the **change log** records curator actions (with what undo needs).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String,
    Text, UniqueConstraint, text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Event / node statuses and participant kinds live in a module without SQLAlchemy (the CLI's
# options list them); they stay importable from here.
from eventdb.db.vocab import PARTICIPANT_KINDS, ROLES, STATUSES  # noqa: F401

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
NODE_KINDS = ("publication", "expression", "dateline")
RELATIONS = ("ON", "BEFORE", "AFTER", "DURING", "INCLUDES")
DATE_HOWS = ("explicit", "narrative", "publication", "inferred", "curator", "anchored")
ORIGINS = ("machine", "curator")


#: Ids are never reused, so the change log and undo never mistake a new row for a deleted one
#: (``ingest --replace`` deletes rows). PostgreSQL's sequences never go back; SQLite needs
#: AUTOINCREMENT for that (migration 0005), and ingest's IdAllocator continues its sequence.
NEVER_REUSED = {"sqlite_autoincrement": True}
#: The tables whose ids are never reused (all those with a single integer key).
NEVER_REUSED_TABLES = ("documents", "time_nodes", "events", "participants", "participant_aliases",
                       "mentions", "change_log", "date_assertions", "happening_groups",
                       "happening_decisions")
#: What a curator's happening decision fixes: a report's happening, or the happening's date.
DECISIONS = ("member", "date")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class ResolvedColumns:
    """The resolved value of a date, as cached on nodes and events and recorded in assertions."""

    value: Mapped[str | None] = mapped_column(String(64))
    mod: Mapped[str | None] = mapped_column(String(16))
    precision: Mapped[str | None] = mapped_column(String(16))
    earliest: Mapped[date | None] = mapped_column(Date)
    latest: Mapped[date | None] = mapped_column(Date)
    edtf: Mapped[str | None] = mapped_column(String(64))


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        CheckConstraint("length(text) > 0", name="text_not_empty"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(255), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The publication time node; nullable only because the node row is written after this one.
    published_node_id: Mapped[int | None] = mapped_column(
        ForeignKey("time_nodes.id", use_alter=True, ondelete="SET NULL")
    )
    #: Why a curator should look at this document (e.g. the dateline disagrees), or NULL.
    review_reason: Mapped[str | None] = mapped_column(Text)
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    published_node: Mapped[TimeNode | None] = relationship(
        foreign_keys=[published_node_id], post_update=True
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="document", foreign_keys="Event.document_id",
        cascade="all, delete-orphan", passive_deletes=True,
    )
    time_nodes: Mapped[list[TimeNode]] = relationship(
        back_populates="document", foreign_keys="TimeNode.document_id",
        cascade="all, delete-orphan", passive_deletes=True,
    )
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version_id}


class TimeNode(ResolvedColumns, Base):
    """A temporal expression (or the implicit publication time) and how it resolves."""

    __tablename__ = "time_nodes"
    __table_args__ = (
        CheckConstraint(_in("kind", NODE_KINDS), name="kind"),
        CheckConstraint(_in("timex_type", TIMEX_TYPES), name="timex_type"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(
            "anchor_node_id IS NULL OR anchor_event_id IS NULL", name="one_anchor"
        ),
        CheckConstraint(
            "(start IS NULL AND \"end\" IS NULL) OR (start >= 0 AND \"end\" >= start)",
            name="span",
        ),
        CheckConstraint("earliest IS NULL OR latest IS NULL OR earliest <= latest", name="bounds"),
        Index("ix_time_nodes_anchor_node_id", "anchor_node_id"),
        Index("ix_time_nodes_anchor_event_id", "anchor_event_id"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16), default="expression")
    start: Mapped[int | None]
    end: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(Text)
    timex_type: Mapped[str] = mapped_column(String(8), default="DATE")
    #: How the value follows from the anchor (see ``eventdb.temporal.resolve``).
    rule: Mapped[str] = mapped_column(String(255), default="abs")
    anchor_node_id: Mapped[int | None] = mapped_column(
        ForeignKey("time_nodes.id", ondelete="SET NULL")
    )
    anchor_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="SET NULL", use_alter=True)
    )
    status: Mapped[str] = mapped_column(String(16), default="machine")
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    document: Mapped[Document] = relationship(
        back_populates="time_nodes", foreign_keys=[document_id]
    )
    anchor_node: Mapped[TimeNode | None] = relationship(
        remote_side=[id], foreign_keys=[anchor_node_id]
    )
    anchor_event: Mapped[Event | None] = relationship(foreign_keys=[anchor_event_id])

    __mapper_args__ = {"version_id_col": version_id}


class Event(ResolvedColumns, Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in("relation", RELATIONS), name="relation"),
        CheckConstraint(_in("date_how", DATE_HOWS), name="date_how"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint("start >= 0 AND \"end\" > start", name="span"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        CheckConstraint("earliest IS NULL OR latest IS NULL OR earliest <= latest", name="bounds"),
        # The chronology's order and its keyset paging. The visibility columns ride along so that
        # the counts, the density strip and the paging read this index alone, never the table.
        Index("ix_events_chronology", "earliest", "latest", "document_id", "position", "status",
              "merged_into_id"),
        Index("ix_events_status", "status"),
        # Partial: nearly every event is unmerged, and a full index on NULLs would lure the
        # planner away from the chronology index.
        Index("ix_events_merged_into_id", "merged_into_id",
              sqlite_where=text("merged_into_id IS NOT NULL"),
              postgresql_where=text("merged_into_id IS NOT NULL")),
        UniqueConstraint("document_id", "position"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]  # order of the event inside its document
    start: Mapped[int]
    end: Mapped[int]
    sentence_start: Mapped[int]
    sentence_end: Mapped[int]
    headline: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str] = mapped_column(String(255))
    trigger_start: Mapped[int]
    trigger_end: Mapped[int]
    time_node_id: Mapped[int | None] = mapped_column(
        ForeignKey("time_nodes.id", ondelete="SET NULL"), index=True
    )
    relation: Mapped[str] = mapped_column(String(16), default="ON")
    date_how: Mapped[str] = mapped_column(String(16), default="publication")
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    status: Mapped[str] = mapped_column(String(16), default="machine")
    #: Set when a curator merged this event into another (same real-world event).
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    #: The happening this event reports (see ``Happening``); NULL only between writes.
    happening_id: Mapped[int | None] = mapped_column(
        ForeignKey("happening_groups.id", ondelete="SET NULL"), index=True)
    #: Reports no happening (a state, an opinion, a credit...): kept, hidden by default.
    background: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    #: True when ``background`` is a curator's word (promote / demote), kept through a replace.
    background_curated: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    #: The kind of action (extraction's taxonomy), or NULL.
    kind: Mapped[str | None] = mapped_column(String(32))
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    document: Mapped[Document] = relationship(back_populates="events", foreign_keys=[document_id])
    time_node: Mapped[TimeNode | None] = relationship(foreign_keys=[time_node_id])
    arguments: Mapped[list[EventArgument]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version_id}


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (CheckConstraint(_in("kind", PARTICIPANT_KINDS), name="kind"), NEVER_REUSED)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default="other")
    #: Set when a curator merged this participant into another.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    aliases: Mapped[list[ParticipantAlias]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version_id}


class ParticipantAlias(Base):
    """Every name a participant is known by; ``key`` is the normalised form used for lookup."""

    __tablename__ = "participant_aliases"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(255))
    key: Mapped[str] = mapped_column(String(255), unique=True)

    participant: Mapped[Participant] = relationship(back_populates="aliases")


class Mention(Base):
    __tablename__ = "mentions"
    __table_args__ = (CheckConstraint("start >= 0 AND \"end\" > start", name="span"), NEVER_REUSED)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="mentions")
    participant: Mapped[Participant] = relationship()


class EventArgument(Base):
    """A mention taking part in an event, with its role."""

    __tablename__ = "event_arguments"
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    mention_id: Mapped[int] = mapped_column(
        ForeignKey("mentions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="other")

    event: Mapped[Event] = relationship(back_populates="arguments")
    mention: Mapped[Mention] = relationship()


class ChangeLog(Base):
    """One curator action. ``payload`` holds what undo needs to restore the state before it."""

    __tablename__ = "change_log"
    __table_args__ = NEVER_REUSED

    id: Mapped[int] = mapped_column(primary_key=True)
    curator: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    #: Set on an action once it has been undone, pointing at the undo entry.
    undone_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_log.id", ondelete="SET NULL")
    )
    #: On an undo entry: the action it undid.
    undo_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_log.id", ondelete="SET NULL")
    )


class DateAssertion(ResolvedColumns, Base):
    """A statement of what date an event or time node has: by the machine or by a curator.

    Append-only: a correction is a new current row; the previous one stays with
    ``is_current = false``. Partial unique indexes enforce one current assertion per subject.
    """

    __tablename__ = "date_assertions"
    __table_args__ = (
        CheckConstraint(
            "(event_id IS NULL) <> (node_id IS NULL)", name="one_subject"
        ),
        CheckConstraint(_in("origin", ORIGINS), name="origin"),
        CheckConstraint(_in("status", STATUSES), name="status"),
        Index(
            "uq_date_assertions_current_event", "event_id", unique=True,
            sqlite_where=text("is_current"), postgresql_where=text("is_current"),
        ),
        Index(
            "uq_date_assertions_current_node", "node_id", unique=True,
            sqlite_where=text("is_current"), postgresql_where=text("is_current"),
        ),
        Index("ix_date_assertions_event_id", "event_id"),
        Index("ix_date_assertions_node_id", "node_id"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    node_id: Mapped[int | None] = mapped_column(ForeignKey("time_nodes.id", ondelete="CASCADE"))
    origin: Mapped[str] = mapped_column(String(16))
    #: The status this assertion gives its subject (machine, corrected, confirmed, ...).
    status: Mapped[str] = mapped_column(String(16))
    #: For curator input: what was typed ("the day before"), and the rule it became.
    input_text: Mapped[str | None] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(String(255))
    is_current: Mapped[bool] = mapped_column(default=True)
    curator: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    change_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_log.id", ondelete="SET NULL"), index=True
    )


class Happening(ResolvedColumns, Base):
    """One real-world happening (the table under the ``happenings`` view); its reports are the events whose ``happening_id`` names it.

    The resolved columns are the happening's date: the curator's when ``curated``, else the
    machine's, chosen from its reports (a written date beats a publication default). ``conflict``
    is set when reports of equal weight disagree and no curator has decided.
    """

    __tablename__ = "happening_groups"
    __table_args__ = (
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint("earliest IS NULL OR latest IS NULL OR earliest <= latest", name="bounds"),
        Index("ix_happening_groups_chronology", "earliest", "latest", "id"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="machine")
    #: How the date was chosen: the best report's ``date_how``, or "curator".
    date_how: Mapped[str | None] = mapped_column(String(16))
    curated: Mapped[bool] = mapped_column(default=False)
    conflict: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version_id: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version_id}


class HappeningDecision(ResolvedColumns, Base):
    """A curator's decision about happenings, with provenance; append-only like dates.

    ``member``: event ``event_id`` reports happening ``happening_id`` (split, move, merge and
    confirm write these); ingest and ``regroup`` never move such an event. ``date``: the
    happening's date is the resolved columns (resolving a conflict). One current per subject.
    """

    __tablename__ = "happening_decisions"
    __table_args__ = (
        CheckConstraint(_in("decision", DECISIONS), name="decision"),
        CheckConstraint("(decision = 'member') = (event_id IS NOT NULL)", name="subject"),
        Index("uq_happening_decisions_current_event", "event_id", unique=True,
              sqlite_where=text("is_current AND event_id IS NOT NULL"),
              postgresql_where=text("is_current AND event_id IS NOT NULL")),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True)
    happening_id: Mapped[int] = mapped_column(
        ForeignKey("happening_groups.id", ondelete="CASCADE"), index=True)
    is_current: Mapped[bool] = mapped_column(default=True)
    curator: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    change_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_log.id", ondelete="SET NULL"), index=True)
