"""Reporting views: chronology, event_participants, corrections, needs_attention,
participant_activity.

The views are the stable, documented face of the database for analysts (docs/SQL.md); the tables
under them stay normalized and may change. The SQL is written once and means the same on SQLite
and PostgreSQL; the few functions that differ (string aggregation, month of a date, days between
two dates, null-safe comparison) are filled in per dialect. The SQL lives here, not in the
application, so that this revision keeps creating exactly these views whatever the code becomes.

Conventions shared by the views:

- participants are shown by their *canonical* name: a participant merged into another counts as
  the one it was merged into, following chains of merges (curation moves mentions to the
  survivor, so this only matters for data that did not go through it);
- ``chronology``, ``event_participants`` and ``participant_activity`` describe the live
  chronology: rejected events and events merged into another are left out (as in ``eventdb
  export``); ``corrections`` and ``needs_attention`` cover everything.
- no view has an ORDER BY: it keeps PostgreSQL from joining the view by index (with one, a query
  joining ``chronology`` to ``event_participants`` took seconds instead of milliseconds);
- SQLite clients older than 3.28 (2019) cannot read these views (window functions).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 15:00:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0002'
down_revision: str | Sequence[str] | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = ("chronology", "event_participants", "corrections", "needs_attention",
         "participant_activity")

#: Dialect-specific pieces, as format templates.
DIALECT = {
    "sqlite": {
        # SQLite before 3.44 has no ORDER BY inside an aggregate: it concatenates in the order
        # of the (ordered) subquery it reads.
        "agg_ordered": "group_concat({x}, {sep})",
        "month": "strftime('%Y-%m', {d})",
        "year": "strftime('%Y', {d})",
        # ISO 8601 week (SQLite before 3.46 has no %V): the year and day-of-year of the
        # week's Thursday.
        "week": (
            "strftime('%Y', date({d}, '-' || ((CAST(strftime('%w', {d}) AS INTEGER) + 6) % 7)"
            " || ' days', '+3 days')) || '-W' || printf('%02d', (CAST(strftime('%j', date({d},"
            " '-' || ((CAST(strftime('%w', {d}) AS INTEGER) + 6) % 7) || ' days', '+3 days'))"
            " AS INTEGER) - 1) / 7 + 1)"
        ),
        "days": "CAST(julianday({a}) - julianday({b}) AS INTEGER)",
        "distinct": "{a} IS NOT {b}",
    },
    "postgresql": {
        "agg_ordered": "string_agg({x}, {sep} ORDER BY {order})",
        "month": "to_char({d}, 'YYYY-MM')",
        "year": "to_char({d}, 'YYYY')",
        "week": "to_char({d}, 'IYYY-\"W\"IW')",
        "days": "({a} - {b})",
        "distinct": "{a} IS DISTINCT FROM {b}",
    },
}

# Every participant with the canonical participant it stands for now (top-down from the
# participants not merged into anyone, so a chain of merges ends at its root). A participant in a
# merge cycle has no root: the views then fall back to the participant itself.
CANON = """canon(id, canonical_id) AS (
    SELECT id, id FROM participants WHERE merged_into_id IS NULL
    UNION ALL
    SELECT p.id, c.canonical_id FROM participants p JOIN canon c ON p.merged_into_id = c.id
)"""

# A date belongs to a year/month/week only when it is no coarser than that.
FINE_WEEK = "'time', 'day', 'week'"
FINE_MONTH = FINE_WEEK + ", 'month'"
FINE_YEAR = FINE_MONTH + ", 'season', 'quarter', 'half', 'year'"

LIVE = "e.status <> 'rejected' AND e.merged_into_id IS NULL"

# Arguments of live events with the canonical participant (one row per mention argument).
ARGUMENTS = """SELECT ea.event_id, ea.role, m.id AS mention_id, m.text AS mention,
           m.start AS mention_start, m."end" AS mention_end,
           cp.id AS participant_id, cp.name AS participant, cp.kind AS participant_kind
    FROM event_arguments ea
    JOIN events e ON e.id = ea.event_id
    JOIN mentions m ON m.id = ea.mention_id
    LEFT JOIN canon c ON c.id = m.participant_id
    JOIN participants cp ON cp.id = COALESCE(c.canonical_id, m.participant_id)
    WHERE """ + LIVE


def chronology(f: dict[str, str]) -> str:
    # Participants per event by correlated subqueries: SQLite cannot index a materialized CTE
    # for a join, and joining one per event made the view quadratic.
    listed = f["agg_ordered"].format(x="name", sep="'; '", order="first_start, name, pid")
    year, month, week = (f[k].format(d="e.earliest") for k in ("year", "month", "week"))
    named = """SELECT cp.id AS pid, cp.name AS name, MIN(m.start) AS first_start
            FROM event_arguments ea
            JOIN mentions m ON m.id = ea.mention_id
            LEFT JOIN canon c ON c.id = m.participant_id
            JOIN participants cp ON cp.id = COALESCE(c.canonical_id, m.participant_id)
            WHERE ea.event_id = e.id
            GROUP BY cp.id, cp.name"""
    return f"""
CREATE VIEW chronology AS
WITH RECURSIVE {CANON}
SELECT e.id AS event_id,
       d.external_id AS document_id,
       e.position,
       e.value, e.precision, e.mod, e.earliest, e.latest, e.edtf,
       CASE WHEN e.precision IN ({FINE_YEAR}) THEN {year} END AS year,
       CASE WHEN e.precision IN ({FINE_MONTH}) THEN {month} END AS month,
       CASE WHEN e.precision IN ({FINE_WEEK}) THEN {week} END AS week,
       e.status, e.date_how, e.relation, e.confidence,
       e.headline, e.trigger,
       (SELECT {listed} FROM ({named}
            ORDER BY first_start, name, pid) named) AS participants,
       (SELECT COUNT(*) FROM ({named}) named) AS participant_count,
       n.text AS time_expression,
       CASE
           WHEN n.id IS NULL THEN 'none'
           WHEN n.kind = 'publication' THEN 'publication date ' || COALESCE(n.value, '(unknown)')
           WHEN n.anchor_event_id IS NOT NULL
               THEN 'event ' || CAST(n.anchor_event_id AS TEXT)
           WHEN a.kind = 'publication' THEN 'publication date ' || COALESCE(a.value, '(unknown)')
           WHEN a.kind IS NOT NULL
               THEN '"' || COALESCE(a.text, '') || '"' || COALESCE(' ' || a.value, '')
           ELSE 'absolute'
       END AS anchor,
       pub.value AS published,
       d.title AS document_title, d.source, d.url,
       substr(d.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS evidence
FROM events e
JOIN documents d ON d.id = e.document_id
LEFT JOIN time_nodes n ON n.id = e.time_node_id
LEFT JOIN time_nodes a ON a.id = n.anchor_node_id
LEFT JOIN time_nodes pub ON pub.id = d.published_node_id
WHERE {LIVE}
"""


def event_participants(f: dict[str, str]) -> str:
    return f"""
CREATE VIEW event_participants AS
WITH RECURSIVE {CANON},
args AS ({ARGUMENTS}),
ranked AS (
    SELECT args.*,
           ROW_NUMBER() OVER (
               PARTITION BY event_id, participant_id, role ORDER BY mention_start, mention_id
           ) AS rn,
           COUNT(*) OVER (PARTITION BY event_id, participant_id, role) AS mentions
    FROM args
)
SELECT r.event_id, d.external_id AS document_id,
       r.participant_id, r.participant, r.participant_kind, r.role,
       r.mention, r.mention_start, r.mention_end, r.mentions,
       e.headline, e.value, e.precision, e.earliest, e.latest, e.status
FROM ranked r
JOIN events e ON e.id = r.event_id
JOIN documents d ON d.id = e.document_id
WHERE r.rn = 1
"""


def corrections(f: dict[str, str]) -> str:
    # The assertion before this one (of the machine, or of anyone), leaving out those of
    # changes that were undone since: they were never the date for long.
    def last_before(origin: str) -> str:
        only = f" AND x.origin = '{origin}'" if origin else ""
        only += (" AND NOT EXISTS (SELECT 1 FROM change_log u"
                 " WHERE u.id = x.change_id AND u.undone_by_id IS NOT NULL)")
        return f"""CASE WHEN da.event_id IS NOT NULL
            THEN (SELECT MAX(x.id) FROM date_assertions x
                  WHERE x.event_id = da.event_id AND x.id < da.id{only})
            ELSE (SELECT MAX(x.id) FROM date_assertions x
                  WHERE x.node_id = da.node_id AND x.id < da.id{only})
        END"""

    shift = f["days"].format(a="da.earliest", b="mach.earliest")
    return f"""
CREATE VIEW corrections AS
SELECT da.id AS assertion_id,
       CASE
           WHEN da.event_id IS NOT NULL THEN 'event'
           WHEN n.kind = 'publication' THEN 'publication date'
           ELSE 'time expression'
       END AS subject,
       da.event_id, da.node_id,
       d.external_id AS document_id,
       COALESCE(e.headline, n.text, d.title) AS label,
       mach.value AS machine_value, mach.earliest AS machine_earliest,
       mach.latest AS machine_latest,
       prev.value AS previous_value,
       da.value AS curator_value, da.earliest AS curator_earliest,
       da.latest AS curator_latest, da.precision AS curator_precision, da.edtf AS curator_edtf,
       {shift} AS shift_days,
       da.status, da.input_text, da.curator, da.created_at, da.note,
       CASE WHEN da.is_current THEN 1 ELSE 0 END AS is_current,
       CASE WHEN cl.undone_by_id IS NOT NULL THEN 1 ELSE 0 END AS undone,
       da.change_id
FROM date_assertions da
LEFT JOIN events e ON e.id = da.event_id
LEFT JOIN time_nodes n ON n.id = da.node_id
JOIN documents d ON d.id = COALESCE(e.document_id, n.document_id)
LEFT JOIN date_assertions mach ON mach.id = {last_before("machine")}
LEFT JOIN date_assertions prev ON prev.id = {last_before("")}
LEFT JOIN change_log cl ON cl.id = da.change_id
WHERE da.origin = 'curator'
"""


def needs_attention(f: dict[str, str]) -> str:
    differs = " OR ".join(
        f["distinct"].format(a=f"m.{c}", b=f"s.{c}") for c in ("earliest", "latest")
    )
    null_int = "CAST(NULL AS INTEGER)"
    # A document's kind: no publication date (unknown, or only the dateline's day standing in
    # for it until a curator confirms it), a dateline that disagrees with the publication date,
    # or another reason recorded at ingest or by curation (``documents.review_reason``).
    return f"""
CREATE VIEW needs_attention AS
WITH documents_to_review AS (
    SELECT d.external_id AS document_id, d.published_node_id AS node_id, p.value,
           d.title AS label,
           CASE
               WHEN p.value IS NULL OR p.earliest IS NULL THEN 'no-publication-date'
               WHEN d.review_reason IS NULL THEN NULL
               WHEN dl.earliest IS NOT NULL
                    AND (p.earliest < dl.earliest OR p.earliest > dl.latest)
                   THEN 'dateline-disagrees'
               WHEN dl.id IS NOT NULL AND pa.origin = 'machine' THEN 'no-publication-date'
               ELSE 'document-review'
           END AS kind,
           CASE
               WHEN p.value IS NULL OR p.earliest IS NULL
                   THEN 'the publication date is unknown: dates relative to it cannot be resolved'
               ELSE d.review_reason
           END AS detail
    FROM documents d
    LEFT JOIN time_nodes p ON p.id = d.published_node_id
    LEFT JOIN date_assertions pa ON pa.node_id = p.id AND pa.is_current
    LEFT JOIN time_nodes dl ON dl.id = (
        SELECT MIN(x.id) FROM time_nodes x WHERE x.document_id = d.id AND x.kind = 'dateline'
    )
)
SELECT 'unresolved' AS kind, d.external_id AS document_id, e.id AS event_id,
       e.time_node_id AS node_id, {null_int} AS other_event_id,
       e.value, e.headline AS label,
       CASE
           WHEN n.kind = 'publication' OR a.kind = 'publication'
               THEN 'dated from the publication date, which is unknown'
           WHEN n.anchor_event_id IS NOT NULL
               THEN 'dated from event ' || CAST(n.anchor_event_id AS TEXT) || ', which has no date'
           WHEN n.text IS NOT NULL THEN '"' || n.text || '" cannot be resolved'
           ELSE 'no date'
       END AS detail
FROM events e
JOIN documents d ON d.id = e.document_id
LEFT JOIN time_nodes n ON n.id = e.time_node_id
LEFT JOIN time_nodes a ON a.id = n.anchor_node_id
WHERE e.status = 'unresolved' AND {LIVE}
UNION ALL
SELECT 'needs-review', d.external_id, e.id, e.time_node_id, {null_int}, e.value, e.headline,
       COALESCE(cur.note, 'a curator set this date, then the date it depends on changed')
FROM events e
JOIN documents d ON d.id = e.document_id
LEFT JOIN date_assertions cur ON cur.event_id = e.id AND cur.is_current
WHERE e.status = 'needs-review' AND {LIVE}
UNION ALL
SELECT 'needs-review', d.external_id, {null_int}, n.id, {null_int}, n.value,
       COALESCE(n.text, d.title),
       COALESCE(cur.note, 'a curator set this date, then the date it depends on changed')
FROM time_nodes n
JOIN documents d ON d.id = n.document_id
LEFT JOIN date_assertions cur ON cur.node_id = n.id AND cur.is_current
WHERE n.status = 'needs-review'
UNION ALL
SELECT kind, document_id, {null_int}, node_id, {null_int}, value, label, detail
FROM documents_to_review
WHERE kind IS NOT NULL
UNION ALL
SELECT 'conflicting-dates', ds.external_id, s.id, s.time_node_id, m.id, s.value, s.headline,
       'the same event is dated ' || COALESCE(m.value, 'unknown') || ' by ' || dm.external_id
       || ' (event ' || CAST(m.id AS TEXT) || ') and ' || COALESCE(s.value, 'unknown')
       || ' by ' || ds.external_id || ' (event ' || CAST(s.id AS TEXT) || ')'
FROM events m
JOIN events s ON s.id = m.merged_into_id
JOIN documents dm ON dm.id = m.document_id
JOIN documents ds ON ds.id = s.document_id
WHERE m.status <> 'rejected' AND s.status <> 'rejected' AND ({differs})
"""


def participant_activity(f: dict[str, str]) -> str:
    month = f["month"].format(d="e.earliest")
    return f"""
CREATE VIEW participant_activity AS
WITH RECURSIVE {CANON},
args AS ({ARGUMENTS}),
acts AS (
    SELECT args.participant_id, args.participant, args.participant_kind, args.role,
           e.id AS event_id, e.document_id AS document_key,
           CASE WHEN e.precision IN ({FINE_MONTH}) THEN {month} END AS month
    FROM args JOIN events e ON e.id = args.event_id
)
SELECT participant_id, participant, participant_kind, month,
       COUNT(DISTINCT event_id) AS events,
       COUNT(DISTINCT document_key) AS documents,
       COUNT(DISTINCT CASE WHEN role = 'agent' THEN event_id END) AS as_agent
FROM acts
GROUP BY participant_id, participant, participant_kind, month
"""


BUILDERS = {
    "chronology": chronology,
    "event_participants": event_participants,
    "corrections": corrections,
    "needs_attention": needs_attention,
    "participant_activity": participant_activity,
}


def _dialect() -> dict[str, str]:
    name = op.get_context().dialect.name
    if name not in DIALECT:
        raise NotImplementedError(f"reporting views are written for SQLite and PostgreSQL, not {name}")
    return DIALECT[name]


def upgrade() -> None:
    f = _dialect()
    for name in VIEWS:
        op.execute(BUILDERS[name](f))


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
