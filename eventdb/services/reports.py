"""The common reports (``eventdb report ...``) and the participant listing, as plain tables.

They read the reporting views (docs/SQL.md) wherever a view says what is needed, so a report and
an analyst's own query over the same view agree. Each returns a :class:`Report`: column names
and rows of plain values, which the CLI prints in the listing convention.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from eventdb.db.models import STATUSES
from eventdb.errors import NotFoundError

REPORTS = ("summary", "participants", "gaps", "conflicts")


@dataclass(slots=True)
class Report:
    title: str
    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)


def as_date(value: Any) -> date | None:
    """A date read from a view: PostgreSQL gives ``date``, SQLite the ISO text."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _scalar(session: Session, sql: str, **params: Any) -> Any:
    return session.execute(text(sql), params).scalar()


# -- summary -------------------------------------------------------------------------------------

def summary(session: Session) -> Report:
    """What the database holds, in one screen: documents, events by status, dates, curation."""
    rows: list[tuple[str, Any]] = []
    rows.append(("documents", _scalar(session, "SELECT COUNT(*) FROM documents")))
    rows.append(("events in the chronology", _scalar(session, "SELECT COUNT(*) FROM chronology")))
    by_status = dict(session.execute(text(
        "SELECT status, COUNT(*) FROM events WHERE merged_into_id IS NULL GROUP BY status"
    )).all())
    for status in STATUSES:
        rows.append((f"events {status}", by_status.get(status, 0)))
    rows.append(("events merged into another", _scalar(
        session, "SELECT COUNT(*) FROM events WHERE merged_into_id IS NOT NULL")))
    first, last, undated = session.execute(text(
        "SELECT MIN(earliest), MAX(latest), "
        "SUM(CASE WHEN earliest IS NULL THEN 1 ELSE 0 END) FROM chronology"
    )).one()
    rows.append(("events without a date", undated or 0))
    rows.append(("first date", as_date(first)))
    rows.append(("last date", as_date(last)))
    rows.append(("participants", _scalar(
        session, "SELECT COUNT(*) FROM participants WHERE merged_into_id IS NULL")))
    rows.append(("curator date changes", _scalar(session, "SELECT COUNT(*) FROM corrections")))
    rows.append(("curators", _scalar(session, "SELECT COUNT(DISTINCT curator) FROM corrections")))
    attention = dict(session.execute(text(
        "SELECT kind, COUNT(*) FROM needs_attention GROUP BY kind"
    )).all())
    for kind in ATTENTION_KINDS:
        rows.append((f"needs attention: {kind}", attention.get(kind, 0)))
    return Report("Summary", ["measure", "value"], rows)


ATTENTION_KINDS = (
    "unresolved", "needs-review", "no-publication-date", "dateline-disagrees",
    "document-review", "conflicting-dates",
)


# -- participants --------------------------------------------------------------------------------

def participant_report(session: Session, *, limit: int | None = None) -> Report:
    """Who acts in the chronology: events, documents, as agent, first and last date."""
    sql = """
        SELECT participant, participant_kind, COUNT(DISTINCT event_id) AS events,
               COUNT(DISTINCT document_id) AS documents,
               COUNT(DISTINCT CASE WHEN role = 'agent' THEN event_id END) AS as_agent,
               MIN(earliest) AS first, MAX(latest) AS last
        FROM event_participants
        GROUP BY participant_id, participant, participant_kind
        ORDER BY events DESC, participant
    """
    rows = [
        (r.participant, r.participant_kind, r.events, r.documents, r.as_agent,
         as_date(r.first), as_date(r.last))
        for r in session.execute(text(sql))
    ]
    if limit is not None:
        rows = rows[:limit]
    return Report("Participants", ["participant", "kind", "events", "documents", "as_agent",
                                   "first", "last"], rows)


def participant_listing(session: Session, *, kind: str | None = None) -> Report:
    """Canonical participants with every name they are known by and how often they take part.

    Aliases of participants merged into another are listed under the one they were merged into.
    """
    participants = session.execute(text(
        "SELECT id, name, kind, merged_into_id FROM participants ORDER BY id"
    )).all()
    merged_into = {p.id: p.merged_into_id for p in participants}

    def root(pid: int) -> int:
        seen = set()
        while merged_into.get(pid) is not None and pid not in seen:
            seen.add(pid)
            pid = merged_into[pid]
        return pid

    names: dict[int, list[str]] = defaultdict(list)
    for p in participants:
        names[root(p.id)].append(p.name)
    for alias in session.execute(text(
        "SELECT participant_id, alias FROM participant_aliases ORDER BY id"
    )):
        names[root(alias.participant_id)].append(alias.alias)
    counts = {
        r.participant_id: (r.events, r.documents)
        for r in session.execute(text(
            "SELECT participant_id, COUNT(DISTINCT event_id) AS events, "
            "COUNT(DISTINCT document_id) AS documents "
            "FROM event_participants GROUP BY participant_id"
        ))
    }
    rows = []
    for p in participants:
        if p.merged_into_id is not None and root(p.id) != p.id:
            continue
        if kind is not None and p.kind != kind:
            continue
        aliases = [n for n in dict.fromkeys(names[p.id]) if n != p.name]
        events, documents = counts.get(p.id, (0, 0))
        rows.append((p.id, p.name, p.kind, aliases, events, documents))
    rows.sort(key=lambda r: (-r[4], r[1].casefold()))
    return Report("Participants", ["id", "name", "kind", "aliases", "events", "documents"], rows)


# -- gaps ----------------------------------------------------------------------------------------

def gaps(session: Session, *, min_days: int = 7, participant: str | None = None) -> Report:
    """Periods of at least ``min_days`` days that no dated event covers.

    Only dates no coarser than a month count as coverage: a year-precision event would otherwise
    cover its whole year and hide every gap in it.
    """
    where = "c.earliest IS NOT NULL AND c.precision IN ('time', 'day', 'week', 'month')"
    params: dict[str, Any] = {}
    if participant is not None:
        pid = _participant_id(session, participant)
        where += (" AND EXISTS (SELECT 1 FROM event_participants p "
                  "WHERE p.event_id = c.event_id AND p.participant_id = :pid)")
        params["pid"] = pid
    rows = session.execute(text(
        f"SELECT c.event_id, c.value, c.earliest, c.latest, c.headline FROM chronology c "
        f"WHERE {where} ORDER BY c.earliest, c.latest, c.event_id"
    ), params).all()
    found: list[tuple[Any, ...]] = []
    covered_to: date | None = None
    last_event = None
    for r in rows:
        start, end = as_date(r.earliest), as_date(r.latest)
        assert start is not None and end is not None
        if covered_to is not None and (start - covered_to).days - 1 >= min_days:
            days = (start - covered_to).days - 1
            found.append((
                covered_to + timedelta(days=1), start - timedelta(days=1), days,
                last_event.event_id, f"{last_event.value}: {last_event.headline}",
                r.event_id, f"{r.value}: {r.headline}",
            ))
        if covered_to is None or end > covered_to:
            covered_to = end
            last_event = r
    title = "Gaps" + (f" for {participant}" if participant else "")
    return Report(title, ["gap_from", "gap_to", "days", "before_event", "before",
                          "after_event", "after"], found)


def _participant_id(session: Session, name: str) -> int:
    from eventdb.services.participants import lookup

    found = lookup(session, name)
    if found is None:
        raise NotFoundError(f"no participant is known as {name!r}")
    return found.id


# -- conflicts -----------------------------------------------------------------------------------

CONFLICT_COLUMNS = [
    "kind", "document_id", "event_id", "value", "other_document_id", "other_event_id",
    "other_value", "days_apart", "detail",
]


def conflicts(session: Session, *, window_days: int = 14) -> Report:
    """Dates that disagree: between reports of the same event, and between dateline and
    publication date; plus *possible* same events (heuristic, for a curator to judge).

    - ``conflicting-dates``: events a curator merged as one, dated differently (needs_attention);
    - ``dateline-disagrees``: a document whose dateline is not its publication date;
    - ``happening-reports-disagree``: reports of one happening (of several articles) dated
      differently, each against the one dating the happening, until a curator sets its date;
    - ``possible-same-event``: events of different documents with the same trigger word and the
      same agent, dated differently but within ``window_days`` of each other.
    """
    rows: list[tuple[Any, ...]] = []
    for r in session.execute(text("""
        SELECT s.id AS event_id, ds.external_id AS document_id, s.value, s.earliest,
               m.id AS other_event_id, dm.external_id AS other_document_id,
               m.value AS other_value, m.earliest AS other_earliest, na.detail
        FROM needs_attention na
        JOIN events s ON s.id = na.event_id
        JOIN events m ON m.id = na.other_event_id
        JOIN documents ds ON ds.id = s.document_id
        JOIN documents dm ON dm.id = m.document_id
        WHERE na.kind = 'conflicting-dates'
        ORDER BY s.earliest, s.id, m.id
    """)):
        rows.append(("conflicting-dates", r.document_id, r.event_id, r.value,
                     r.other_document_id, r.other_event_id, r.other_value,
                     _days_apart(r.earliest, r.other_earliest), r.detail))
    for r in session.execute(text("""
        SELECT na.document_id, na.value, dl.value AS dateline_value, dl.earliest AS dl_earliest,
               p.earliest AS pub_earliest, na.detail
        FROM needs_attention na
        JOIN documents d ON d.external_id = na.document_id
        LEFT JOIN time_nodes p ON p.id = d.published_node_id
        LEFT JOIN time_nodes dl ON dl.document_id = d.id AND dl.kind = 'dateline'
        WHERE na.kind = 'dateline-disagrees'
        ORDER BY na.document_id
    """)):
        rows.append(("dateline-disagrees", r.document_id, None, r.value, r.document_id, None,
                     r.dateline_value, _days_apart(r.pub_earliest, r.dl_earliest), r.detail))
    from eventdb.services.happenings import conflict_rows

    rows.extend(conflict_rows(session))  # reports of one happening that disagree
    rows.extend(_possible_same_events(session, window_days))
    return Report("Conflicts", CONFLICT_COLUMNS, rows)


def _possible_same_events(session: Session, window_days: int) -> list[tuple[Any, ...]]:
    """Pairs found by a sliding window over each (agent, trigger word) group in date order.

    Left out, because they are not one event told twice: statements (a reporting verb: "Iraq
    said" on two days is two statements), and a pair whose other document also has a report
    dated exactly like this one (that report is the match; two copies of one article are not
    a conflict).
    """
    from eventdb.extract.lexicon import lexicon

    reporting = lexicon().reporting
    groups: dict[tuple[int, str], list[Any]] = defaultdict(list)
    for r in session.execute(text("""
        SELECT DISTINCT p.participant_id, p.participant, c.event_id, c.document_id, c.value,
               c.earliest, c.latest, c.trigger
        FROM event_participants p
        JOIN chronology c ON c.event_id = p.event_id
        WHERE p.role = 'agent' AND c.earliest IS NOT NULL
    """)):
        word = r.trigger.lower()
        if word in reporting:
            continue
        groups[(r.participant_id, word)].append(
            ((as_date(r.earliest), as_date(r.latest)), r.event_id, r))
    rows = []
    seen: set[tuple[int, int]] = set()
    for key in sorted(groups):
        events = sorted(groups[key], key=lambda x: (x[0], x[1]))
        spans: dict[str, set[tuple[date, date]]] = defaultdict(set)
        for span, _, r in events:
            spans[r.document_id].add(span)
        for i, (a_span, a_id, a) in enumerate(events):
            for b_span, b_id, b in events[i + 1:]:
                apart = (b_span[0] - a_span[0]).days
                if apart > window_days:
                    break
                if (a.document_id == b.document_id or a_span == b_span
                        or a_span in spans[b.document_id] or b_span in spans[a.document_id]):
                    continue
                pair = (min(a_id, b_id), max(a_id, b_id))
                if pair in seen:
                    continue
                seen.add(pair)
                rows.append((
                    "possible-same-event", a.document_id, a_id, a.value, b.document_id, b_id,
                    b.value, apart,
                    f"both say {a.participant} {a.trigger}, dated {a.value} and {b.value}",
                ))
    rows.sort(key=lambda r: (r[2], r[5]))
    return rows


def _days_apart(a: Any, b: Any) -> int | None:
    first, second = as_date(a), as_date(b)
    if first is None or second is None:
        return None
    return (second - first).days
