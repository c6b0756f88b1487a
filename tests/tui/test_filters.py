"""Combined filters, sort orders (service and TUI), and the list refreshing by itself."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdb.db.engine import Database
from eventdb.db.models import Event
from eventdb.services import browse, changes
from eventdb.services.browse import Filters
from eventdb.services.curation import Curation
from eventdb.tui.filters import FilterError, describe, parse_filter
from tests.helpers import ok
from tests.tui.conftest import press, running, screen_text, settle, type_text
from tests.tui.test_app import main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_parse_filter_combines_every_field() -> None:
    found = parse_filter("strikes who:maliki from:2014-06 to:2014-06-26 conf<0.5 how:pub")
    assert found == {"text": "strikes", "participant": "maliki", "document": None,
                     "statuses": (), "date_from": date(2014, 6, 1), "date_to": date(2014, 6, 26),
                     "confidence_below": 0.5, "publication_only": True}
    assert parse_filter("to:2014-06")["date_to"] == date(2014, 6, 30)
    assert parse_filter("conf:<0.25")["confidence_below"] == 0.25
    text = describe(Filters(**{**found, "statuses": ("corrected",)}, sort="confidence"))
    for part in ("text “strikes”", "who maliki", "status corrected", "2014-06-01 … 2014-06-26",
                 "dated by publication only", "confidence < 0.5", "sorted by confidence"):
        assert part in text


@pytest.mark.parametrize("bad", ["from:garbage", "conf<2", "conf<x", "how:magic",
                                 "from:2014-07 to:2014-06"])
def test_parse_filter_refuses_unreadable_parts(bad: str) -> None:
    with pytest.raises(FilterError) as info:
        parse_filter(bad)
    assert "\n" not in str(info.value)


def _events(db: Database, f: Filters) -> list[Event]:
    with db.session() as s:
        rows = s.scalars(select(Event).where(*browse.conditions(f))).all()
        for r in rows:
            s.expunge(r)
        return rows


@pytest.mark.parametrize("sort", ["document", "confidence", "how"])
def test_sorted_pages_and_positions(db_url: str, seeds_jsonl: Path, sort: str) -> None:
    ok(db_url, "ingest", str(seeds_jsonl))
    db = Database(db_url)
    try:
        f = Filters(sort=sort)
        key = {"document": lambda e: (e.document_id, e.position),
               "confidence": lambda e: (e.confidence, e.id),
               "how": lambda e: (e.date_how, e.id)}[sort]
        expected = [e.id for e in sorted(_events(db, f), key=key)]
        with db.session() as s:
            c = browse.counts(s, f)
            got = []
            for offset in range(0, c.total, 7):  # small pages: both ends of the reading trick
                got += [r.id for r in browse.page(s, f, offset, 7, c)]
            assert got == expected
            for index in (0, len(expected) // 2, len(expected) - 1):
                assert browse.position_of(s, f, expected[index], c) == index
    finally:
        db.dispose()


def test_filters_combine_in_sql(db_url: str, seeds_jsonl: Path) -> None:
    ok(db_url, "ingest", str(seeds_jsonl))
    db = Database(db_url)
    try:
        f = Filters(date_from=date(2014, 6, 20), date_to=date(2014, 6, 27), confidence_below=0.9,
                    publication_only=True)
        found = _events(db, f)
        assert found
        assert all(date(2014, 6, 20) <= e.earliest <= date(2014, 6, 27) for e in found)
        assert all(e.confidence < 0.9 and e.date_how == "publication" for e in found)
        everything = _events(db, Filters())
        assert len(found) < len(everything)
        with db.session() as s:
            assert browse.counts(s, f).total == len(found)
    finally:
        db.dispose()


def test_change_marker_moves_on_any_write(db_url: str, seeds_jsonl: Path) -> None:
    db = Database(db_url)
    try:
        with db.session() as s:
            empty = changes.marker(s)
        ok(db_url, "ingest", str(seeds_jsonl))
        with db.session() as s:
            ingested = changes.marker(s)
            first = s.scalar(select(Event.id).order_by(Event.id).limit(1))
        assert ingested != empty
        Curation(db, "bob").confirm([first])
        with db.session() as s:
            assert changes.marker(s) != ingested
    finally:
        db.dispose()


async def test_filter_bar_combines_and_shows_every_filter(seeded_url: str) -> None:
    async with running(seeded_url, size=(160, 36)) as pilot:
        screen = main(pilot)
        total = screen.source.total
        await press(pilot, "slash")
        await type_text(pilot, "from:2014-06-20 to:2014-06-27 conf<0.8")
        n = screen.source.total
        assert 0 < n < total
        rows = [screen.source.row(i) for i in range(n)]
        assert all(date(2014, 6, 20) <= r.earliest <= date(2014, 6, 27) for r in rows)
        assert all(r.confidence < 0.8 for r in rows)
        header = screen_text(pilot).splitlines()[0]
        assert "2014-06-20 … 2014-06-27" in header and "confidence < 0.8" in header
        bar = screen.query_one("#filter")
        bar.value += " from:bogus"  # unreadable: said in the header, nothing changes
        await settle(pilot)
        assert screen.source.total == n
        assert "cannot read the date 'bogus'" in screen_text(pilot).splitlines()[0]
        await press(pilot, "escape")
        assert screen.source.total == total
        assert "✗" not in screen_text(pilot).splitlines()[0]


async def test_sort_cycles_and_keeps_the_cursor_on_its_event(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        await press(pilot, "j", "j", "j")
        row = screen.view.current
        await press(pilot, "s")
        assert screen.source.filters.sort == "document"
        assert screen.view.current.id == row.id
        assert "sorted by document order" in screen_text(pilot).splitlines()[0]
        rows = [screen.source.row(i) for i in range(min(100, screen.source.total))]
        assert [(r.document_pk, r.position) for r in rows] == sorted(
            (r.document_pk, r.position) for r in rows)
        await press(pilot, "s")
        confidences = [screen.source.row(i).confidence for i in range(min(100, screen.source.total))]
        assert confidences == sorted(confidences)
        assert screen.view.current.id == row.id
        await press(pilot, "right_square_bracket", "t")  # date keys say why they do nothing
        assert screen.view.current.id == row.id
        await press(pilot, "s", "s")
        assert screen.source.filters.sort == "date"


async def test_list_refreshes_when_another_curator_changes_rows(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        await press(pilot, "j", "j")
        row = screen.view.current
        total = screen.source.total
        other = screen.source.row(0)
        await asyncio.sleep(0.3)
        db = Database(seeded_url)
        try:
            Curation(db, "bob").reject([other.id])
        finally:
            db.dispose()
        for _ in range(40):  # the poll runs every 2 s
            await asyncio.sleep(0.1)
            await settle(pilot)
            if screen.source.total == total - 1:
                break
        assert screen.source.total == total - 1
        assert screen.view.current.id == row.id
