"""Dates as historians write them, in the real TUI: typed in the edit dialog, read back on the row
in words that fit the date column at 80 columns, and the go-to dialog reading the same words."""

from __future__ import annotations

from datetime import date

import pytest

from eventdb.tui.screens_dialogs import EditDateDialog, JumpDialog, parse_jump
from eventdb.tui.widgets_chronology import DATE_W
from tests.tui.conftest import press, running, screen_text, type_text
from tests.tui.test_app import cursor_on, event_where, main, read_event

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

NARROW = (80, 30)


async def _edit(pilot, text: str) -> None:  # noqa: ANN001
    await press(pilot, "e")
    assert isinstance(pilot.app.screen, EditDateDialog)
    await type_text(pilot, text)  # the current value is selected: typing replaces it


async def test_qualified_dates_typed_in_the_edit_dialog_read_back_in_words(seeded_url: str) -> None:
    async with running(seeded_url, size=NARROW) as pilot:
        screen = main(pilot)
        target = event_where(seeded_url, value="2014-06-26", date_how="explicit")
        await cursor_on(pilot, target.id)

        await _edit(pilot, "early June 2014")
        assert "early June 2014 (1 Jun 2014 – 15 Jun 2014)" in screen_text(pilot)  # live preview
        await press(pilot, "enter")
        row = screen.view.current
        assert row.id == target.id
        assert (row.value, row.mod, row.earliest, row.latest) == (
            "2014-06", "START", date(2014, 6, 1), date(2014, 6, 15))
        stored = read_event(seeded_url, target.id)
        assert (stored.mod, stored.edtf) == ("START", "2014-06-01/2014-06-15")
        lines = screen_text(pilot).splitlines()
        assert any(line.startswith(" early June 2014") for line in lines), "the row's date column"
        assert "mod START" not in screen_text(pilot)  # the evidence pane says it in words

        # An open start: a date (no "!" unresolved marker), shown in words, never "?<1980".
        await _edit(pilot, "before 1980")
        assert "before 1980 (up to 31 Dec 1979)" in screen_text(pilot)
        await press(pilot, "enter")
        row = screen.view.current
        assert row.id == target.id and (row.earliest, row.latest) == (None, date(1979, 12, 31))
        text = screen_text(pilot)
        assert " before 1980 " in text and "!before" not in text and "<1980" not in text
        # The toast says the change in words too (wrapped at this width).
        assert "early June 2014 → before" in " ".join(text.replace("▌", " ").split()), text


async def test_go_to_reads_words_from_the_event_under_the_cursor(seeded_url: str) -> None:
    async with running(seeded_url, size=NARROW) as pilot:
        screen = main(pilot)
        target = event_where(seeded_url, value="2014-06-26", date_how="explicit")  # a Thursday
        await cursor_on(pilot, target.id)
        await press(pilot, "t")
        assert isinstance(pilot.app.screen, JumpDialog)
        await type_text(pilot, "last monday")
        assert "the first event on or after Mon 23 June 2014" in screen_text(pilot)
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        row = screen.view.current
        assert row.earliest >= date(2014, 6, 23)
        assert screen.view.cursor == 0 or \
            screen.source.row(screen.view.cursor - 1).earliest < date(2014, 6, 23)


def test_parse_jump_reads_words() -> None:
    assert parse_jump("June 2014") == date(2014, 6, 1)
    assert parse_jump("last thursday", date(2014, 6, 27)) == date(2014, 6, 26)
    assert parse_jump("the day before", date(2014, 6, 27)) == date(2014, 6, 26)
    assert parse_jump("circa 1990") == date(1988, 1, 1)
    with pytest.raises(ValueError, match="not understood"):
        parse_jump("next blursday")


def test_date_column_width_is_what_the_short_form_is_made_for() -> None:
    from eventdb.tui.format import DATE_TEXT_W

    assert DATE_TEXT_W == DATE_W - 1  # one cell for the marker


def test_every_row_is_where_position_of_says_with_open_ends(seeded_url: str) -> None:
    """Open ends sort where each engine puts NULL in the chronology index (SQLite first,
    PostgreSQL last); the cursor finds a row by ``position_of``, so it must agree with the
    pages for every row: before this, "after 19 June 2014" beside other events of 20 June and
    "before 1980" beside undated events put the cursor on another event."""
    from eventdb.db.engine import Database
    from eventdb.services import browse
    from eventdb.services.curation import Curation

    db = Database(seeded_url)
    try:
        curation = Curation(db, "ann")
        on_the_20th = event_where(seeded_url, value="2014-06-20")
        others = [event_where(seeded_url, value=v).id for v in ("2014-06-26", "2014-06-27")]
        curation.set_date(others[0], "after 19 June 2014")  # shares 20 June with on_the_20th
        curation.set_date(others[1], "before 1980")  # beside the undated article's events
        with db.session() as s:
            f = browse.Filters()
            c = browse.counts(s, f)
            rows = browse.page(s, f, 0, c.total, c)
            assert on_the_20th.id in [r.id for r in rows]
            assert [browse.position_of(s, f, r.id, c) for r in rows] == list(range(c.total))
    finally:
        db.dispose()
