"""The chronology's counts, density and pages: right on both databases, and on SQLite read from
the chronology index alone (with millions of events a read of the table costs seconds)."""

from __future__ import annotations

import collections
import shutil
from pathlib import Path

import pytest
from sqlalchemy import event, select, update

from eventdb.db.engine import Database
from eventdb.db.models import Event
from eventdb.services import browse, density
from tests.tui.synth import populate


@pytest.fixture
def synth_db(db_url: str) -> Database:
    db = Database(db_url)
    populate(db, 600, published_unknown=4)
    with db.session() as s, s.begin():
        ids = s.scalars(select(Event.id).order_by(Event.id)).all()
        s.execute(update(Event).where(Event.id.in_(ids[10:20])).values(status="rejected"))
        s.execute(update(Event).where(Event.id.in_(ids[30:35])).values(merged_into_id=ids[40]))
    yield db
    db.dispose()


def test_counts_density_and_undated_agree_with_the_rows(synth_db: Database) -> None:
    with synth_db.session() as s:
        rows = s.execute(select(Event.earliest, Event.status, Event.merged_into_id)).all()
        visible = [r.earliest for r in rows if r.status != "rejected" and r.merged_into_id is None]
        per_day = collections.Counter(d for d in visible if d is not None)
        f = browse.Filters()
        counts = browse.counts(s, f)
        assert counts.total == len(visible) == 600 - 15
        assert counts.dated == sum(per_day.values())
        assert browse.undated_count(s, f) == counts.total - counts.dated > 0
        assert density.density(s, f) == sorted(per_day.items())
        first = browse.page(s, f, 0, 100, counts)
        assert [r.earliest for r in first] == sorted(d for d in visible if d is not None)[:100]


def test_sqlite_chronology_reads_use_only_the_chronology_index(
        tmp_path: Path, sqlite_template: Path) -> None:
    path = tmp_path / "plans.sqlite"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    try:
        populate(db, 300, published_unknown=2)
        seen: list[tuple[str, object]] = []

        def remember(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
            if statement.lstrip().upper().startswith("SELECT"):
                seen.append((statement, parameters))

        event.listen(db.engine, "before_cursor_execute", remember)
        with db.session() as s:
            # Every report (show:all). The default view, one row per happening, reads the same
            # index but checks each row's happening (not covering: bench/tui.py measures it).
            f = browse.Filters(reports=True, background=True)
            c = browse.counts(s, f)
            density.density(s, f)
            browse.undated_count(s, f)
            browse.page(s, f, c.dated - 50, 100, c)  # across both segments
        event.remove(db.engine, "before_cursor_execute", remember)
        event_reads = [(q, p) for q, p in seen if "FROM events" in q and "JOIN" not in q]
        assert len(event_reads) == 5
        with db.engine.connect() as conn:
            for statement, parameters in event_reads:
                plan = " / ".join(r[-1] for r in conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN " + statement, parameters).all())
                assert "COVERING INDEX ix_events_chronology" in plan, (statement, plan)
    finally:
        db.dispose()


def test_the_first_page_is_read_without_counting(synth_db: Database) -> None:
    """The TUI paints the first page before the chronology is counted (a count of 100,000
    articles' rows takes seconds): the same rows as the counted read, and what they tell."""
    f = browse.Filters()
    with synth_db.session() as s:
        counts = browse.counts(s, f)
        rows, seen = browse.first_page(s, f, 100)
        assert [r.id for r in rows] == [r.id for r in browse.page(s, f, 0, 100, counts)]
        assert (seen.total, seen.dated, seen.exact) == (100, 100, False)  # at least this many
        # fewer rows than asked for: every row was seen, the counts are exact
        rows, seen = browse.first_page(s, f, 10_000)
        assert (seen.total, seen.dated, seen.exact) == (counts.total, counts.dated, True)
        assert [r.id for r in rows] == [r.id for r in browse.page(s, f, 0, 10_000, counts)]
