"""Grouping reports (events) into happenings, incrementally, at ingest and in ``regroup``.

The rules (which reports are one happening) are pure and live in ``grouping_rules``; the reads
and writes (indexed candidates, dates, the advisory lock) in ``grouping_store``. This module
puts them together: ``group`` for a batch of new reports, ``regroup`` for every stored one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from eventdb.db.bulk import raw_executemany, raw_set_by_id, raw_update_by_id
from eventdb.db.models import Happening, utcnow
from eventdb.services.grouping_rules import (Group, Report, compatible, in_article, is_generic,
                                             machine_date, match_keys, split_kinds)
from eventdb.services.grouping_story import join_stories
from eventdb.services.grouping_store import (REPORT_COLUMNS, WITH_PUBLICATION, D, E, H, X,
                                             candidates, chunks, curated, lock, participants_of,
                                             redate, redate_with, report_of)

__all__ = ["Report", "group", "is_generic", "redate", "regroup", "split_kinds"]


def group(session: Session, reports: Sequence[Report], take_ids,  # noqa: ANN001
          previous: dict[int, int] | None = None) -> dict[int, int]:
    """Give every new report a happening: pinned ones keep theirs; the others join in-article
    groups, then a stored or batch happening they match, else a new one. Writes new happenings
    and re-dates the stored ones that gained reports; returns event id -> happening id (the
    caller writes it on the events). ``take_ids(table, n)`` allocates primary keys.
    ``previous`` (regroup): event id -> its happening before; a new group takes the id its
    reports had (most of them), so happening ids stay stable through a regroup."""
    lock(session)
    by_doc: dict[int, list[Report]] = defaultdict(list)
    for r in reports:
        by_doc[r.document_id].append(r)
    groups = [g for doc in by_doc.values()
              for g in in_article([r for r in doc if r.happening_id is None])]
    pinned = [r for r in reports if r.happening_id is not None]
    all_pids = {p for g in groups for p in g.pids}
    stored = candidates(session, groups) if all_pids else {}
    stored_groups = stored
    by_pid: dict[tuple[int, str], list[Group]] = defaultdict(list)
    for g in stored.values():
        for key in match_keys(g):
            by_pid[key].append(g)
    new_groups: list[Group] = []
    matched: list[Group] = []  # the groups (stored or new) that other new groups joined
    gained: set[int] = set()
    for g in groups:
        if g.reports[0].background or not g.pids:
            new_groups.append(g)
            continue
        best, score = None, 0.0
        seen: set[int] = set()
        keys = match_keys(g)
        for key in keys:
            for c in by_pid.get(key, ()):
                if id(c) in seen or c is g:
                    continue
                seen.add(id(c))
                if {r.document_id for r in c.reports} == {g.reports[0].document_id}:
                    continue  # in-article grouping is extraction's call
                s = compatible(g, c)
                # Ties go to the earliest reported (the same answer in batches or one by one).
                if s > score or (s == score > 0 and best is not None
                                 and min(r.id for r in c.reports) < min(r.id for r in best.reports)):
                    best, score = c, s
        if best is None:
            new_groups.append(g)
            for key in keys:
                by_pid[key].append(g)
            continue
        for r in g.reports:
            best.add(r)
        matched.append(best)
        if best.happening_id is not None:
            gained.add(best.happening_id)
    # Left alone: an event word's family in an article of the same story (grouping_story).
    lone = [g for g in new_groups if not g.reports[0].background or g.reports[0].word]
    gained |= join_stories(session, lone, [*new_groups, *matched], stored, set(by_doc))
    new_groups = [g for g in new_groups if g.reports]
    reused: list[Group] = []
    if previous:
        claimed: set[int] = set()
        for g in new_groups:
            counts: dict[int, int] = defaultdict(int)
            for r in g.reports:
                if previous.get(r.id) is not None and previous[r.id] not in claimed:
                    counts[previous[r.id]] += 1
            if counts:
                g.happening_id = max(counts, key=lambda h: (counts[h], -h))
                claimed.add(g.happening_id)
                reused.append(g)
    # numbered by their first report: a story join in a batch keeps the later article's group,
    # which the articles ingested one by one would have made when the earlier one came
    fresh = sorted((g for g in new_groups if g.happening_id is None), key=lambda g: min(r.id for r in g.reports))
    ids = take_ids(Happening.__table__, len(fresh))
    now = utcnow()
    rows = []
    assignment: dict[int, int] = {r.id: r.happening_id for r in pinned}  # type: ignore[misc]
    for g, hid in zip(fresh, ids):
        g.happening_id = hid
        resolved, how, conflict = machine_date(g.reports)
        kind = next(iter(sorted(g.kinds)), None)
        rows.append((hid, kind, "machine", how, False, conflict, now, 1, *resolved))
    if reused:
        by_curator = curated(session, [g.happening_id for g in reused])  # type: ignore[misc]
        raw_update_by_id(session, Happening.__table__, ["kind", "date_how", "conflict", "value",
                         "mod", "precision", "earliest", "latest", "edtf"], [
            (next(iter(sorted(g.kinds)), None), how, conflict, *resolved, g.happening_id)
            for g in reused if g.happening_id not in by_curator
            for resolved, how, conflict in [machine_date(g.reports)]])
    raw_executemany(session, Happening.__table__, ["id", "kind", "status", "date_how", "curated",
                    "conflict", "created_at", "version_id", "value", "mod", "precision",
                    "earliest", "latest", "edtf"], rows)
    new_ids = {r.id for r in reports}
    for g in [*new_groups, *stored.values()]:
        for r in g.reports:
            if r.id in new_ids and r.id not in assignment:
                assignment[r.id] = g.happening_id  # type: ignore[assignment]
    redate_with(session, {h: [r for r in stored_groups[h].reports if r.id in new_ids]
                           for h in gained})
    if pinned:
        redate(session, sorted({r.happening_id for r in pinned}), extra=pinned)  # type: ignore[misc]
    return assignment



def regroup(session: Session, take_ids, batch: int = 500,  # noqa: ANN001
            on_progress=None) -> tuple[int, int]:  # noqa: ANN001
    """Recompute the machine's grouping of every report (after the rules changed), in the
    caller's transaction: reports a curator placed (a current ``member`` decision) stay where
    they are; the others are grouped again, article by article in ingest order, as ingest
    would. Reports of one article that shared a happening stay together (extraction's
    in-article grouping is not re-run). Returns (reports regrouped, happenings now).
    ``on_progress(done, total)`` after each batch of documents."""
    lock(session)
    current = select(X.c.event_id).where(X.c.is_current, X.c.event_id.is_not(None))
    pinned = set(session.scalars(current))
    before = {r[0]: r[1] for r in session.execute(select(E.c.id, E.c.happening_id))}
    session.execute(E.update().where(E.c.id.not_in(current)).values(happening_id=None))
    docs = list(session.scalars(select(D.c.id).order_by(D.c.id)))
    done = 0
    for i in range(0, len(docs), batch):
        rows = []
        for part in chunks(docs[i:i + batch]):
            rows += session.execute(select(*REPORT_COLUMNS).select_from(WITH_PUBLICATION)
                                    .where(E.c.document_id.in_(part))
                                    .order_by(E.c.document_id, E.c.position)).all()
        kinds = participants_of(session, [r[0] for r in rows if r[0] not in pinned])
        first: dict[tuple[int, int | None], int] = {}
        reports = []
        for r in rows:
            if r[0] in pinned:
                continue
            key = (r[1], before.get(r[0]))
            same_as = first.setdefault(key, r[0]) if key[1] is not None else None
            reports.append(report_of(r, kinds.get(r[0], {}),
                                     same_as if same_as != r[0] else None))
        assignment = group(session, reports, take_ids, previous=before)
        raw_set_by_id(session, E, "happening_id", sorted(assignment.items()))
        done += len(reports)
        if on_progress is not None:
            on_progress(min(i + batch, len(docs)), len(docs))
    # Happenings left without a report (and without a curator's decision) go.
    session.execute(delete(H).where(~exists().where(E.c.happening_id == H.c.id),
                                    ~exists().where(X.c.happening_id == H.c.id)))
    left = session.scalar(select(func.count()).select_from(H)) or 0
    return done, left
