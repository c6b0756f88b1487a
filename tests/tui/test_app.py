"""The curator's TUI driven headlessly through its keys, on real databases."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from eventdb.db.engine import Database
from eventdb.db.models import Event
from eventdb.services import browse
from eventdb.services.curation import Curation
from eventdb.temporal.wording import date_words
from eventdb.tui.keys import KEYS
from eventdb.tui.screens_dialogs import (
    EditDateDialog, JumpDialog, MergeDialog, PublishedDialog, ReanchorDialog, parse_jump,
)
from eventdb.tui.screens_info import HelpScreen, HistoryScreen, ProblemScreen
from eventdb.tui.screens_main import ChronologyScreen, parse_filter
from tests.tui.conftest import press, running, screen_text, settle, type_text

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def main(pilot) -> ChronologyScreen:  # noqa: ANN001
    screen = pilot.app.screen
    assert isinstance(screen, ChronologyScreen), type(screen)
    return screen


def event_where(url: str, **where) -> Event:  # noqa: ANN003
    db = Database(url)
    try:
        with db.session() as s:
            stmt = select(Event)
            for key, value in where.items():
                stmt = stmt.where(getattr(Event, key) == value)
            found = s.scalars(stmt.order_by(Event.id)).first()
            assert found is not None, where
            s.expunge(found)
            return found
    finally:
        db.dispose()


def read_event(url: str, event_id: int) -> Event:
    return event_where(url, id=event_id)


async def cursor_on(pilot, event_id: int) -> None:  # noqa: ANN001
    screen = main(pilot)
    with screen.source.db.session() as s:
        index = browse.position_of(s, screen.source.filters, event_id)
    assert index is not None
    screen.view.set_cursor(index)
    await settle(pilot)
    assert screen.view.current.id == event_id
    assert screen.detail is not None and screen.detail.id == event_id


# -- reading ----------------------------------------------------------------------------------

async def test_opens_on_the_chronology_in_date_order(seeded_url: str) -> None:
    async with running(seeded_url, filter_text="show:all") as pilot:
        screen = main(pilot)
        assert screen.source.total > 40
        rows = [screen.source.row(i) for i in range(screen.source.total)]
        assert all(rows), "the first page covers the seed chronology"
        dated = [r.earliest for r in rows if r.earliest is not None]
        assert dated == sorted(dated)
        assert rows[-1].earliest is None  # the undated article's events come last
        text = screen_text(pilot)
        assert f"{screen.source.total} reports (2 undated)" in text  # the status line (show:all)
        assert f" 1 / {screen.source.total} " in text  # the chronology's header
        assert "curator ann" in text
        assert "2014-06-20" in text
        # the evidence pane shows the first event's sentence and anchor chain
        assert screen.detail is not None and screen.detail.id == rows[0].id
        assert "Anchor chain" in text and "Document" in text


async def test_navigation_keys(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        view = screen.view
        await press(pilot, "j", "j", "down")
        assert view.cursor == 3
        await press(pilot, "k", "up")
        assert view.cursor == 1
        await press(pilot, "G")
        assert view.cursor == screen.source.total - 1
        await press(pilot, "g")
        assert view.cursor == 0
        first = view.current
        await press(pilot, "right_square_bracket")
        nxt = view.current
        assert nxt.group != first.group
        assert screen.source.row(view.cursor - 1).group == first.group
        await press(pilot, "right_square_bracket")
        third = view.current
        assert third.group != nxt.group
        await press(pilot, "left_square_bracket")
        assert view.current.id == nxt.id
        await press(pilot, "left_square_bracket")
        assert view.cursor == 0
        # the evidence follows the cursor
        await press(pilot, "end")
        assert screen.detail.id == view.current.id


async def test_date_navigation_over_many_pages(synth_url: str) -> None:
    async with running(synth_url) as pilot:
        screen = main(pilot)
        view = screen.view
        total = screen.source.total
        assert total == 3000 - sum(1 for _ in ())  # nothing rejected in the synthetic data
        await press(pilot, "G")
        assert view.cursor == total - 1 and view.current is not None
        assert view.current.earliest is None
        await press(pilot, "g", "pagedown", "pagedown")
        assert view.cursor == 2 * view.page_height
        # [ and ] fall back on SQL when the neighbouring date is not cached
        view.set_cursor(1500)
        await settle(pilot)
        row = view.current
        await press(pilot, "right_square_bracket")
        assert view.current.group > row.group
        assert screen.source.row(view.cursor - 1).group == row.group
        await press(pilot, "left_square_bracket")
        start = view.cursor
        assert view.current.group == row.group
        assert start == 0 or screen.source.row(start - 1).group != row.group


async def test_jump_to_a_date(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        await press(pilot, "t")
        assert isinstance(pilot.app.screen, JumpDialog)
        await type_text(pilot, "2018-04")
        assert "1 April 2018" in screen_text(pilot)
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        row = screen.view.current
        assert row.earliest >= date(2018, 4, 1)
        assert screen.source.row(screen.view.cursor - 1).earliest < date(2018, 4, 1)


def test_parse_jump() -> None:
    assert parse_jump("2014-06-26") == date(2014, 6, 26)
    assert parse_jump("2014-06") == date(2014, 6, 1)
    assert parse_jump("2014") == date(2014, 1, 1)
    with pytest.raises(ValueError):
        parse_jump("2014-13")
    with pytest.raises(ValueError):
        parse_jump("")


async def test_mouse_click_selects_a_row(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        # line 0 is the header: line 4 is the fourth event
        await pilot.click("#chronology", offset=(10, 4))
        await settle(pilot)
        assert screen.view.cursor == 3
        assert screen.detail.id == screen.view.current.id


# -- finding ----------------------------------------------------------------------------------

def test_parse_filter() -> None:
    assert parse_filter("strikes who:maliki doc:iraq status:needs-review") == {
        "text": "strikes", "participant": "maliki", "document": "iraq",
        "statuses": ("needs-review",),
    }
    assert parse_filter('"air strikes" status:corrected,confirmed')["statuses"] == (
        "corrected", "confirmed")
    assert parse_filter("")["text"] is None


async def test_filter_as_you_type_and_escape_clears(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        total = screen.source.total
        await press(pilot, "slash")
        await type_text(pilot, "who:maliki")
        filtered = screen.source.total
        assert 0 < filtered < total
        with screen.source.db.session() as s:
            names = browse.participant_names(s, [screen.source.row(i).id for i in range(filtered)])
        assert all("Nouri al-Maliki" in names[i] for i in names)
        assert "who:maliki" in screen_text(pilot)
        await press(pilot, "enter")  # keep the filter, back to the chronology
        assert screen.view.has_focus and screen.source.total == filtered
        await press(pilot, "escape")
        assert screen.source.total == total
        await press(pilot, "slash")
        await type_text(pilot, "zzzz-nothing")
        assert screen.source.total == 0
        assert "No events match the filter" in screen_text(pilot)
        await press(pilot, "escape")
        assert screen.source.total == total


async def test_filter_by_document_text_and_status(seeded_url: str) -> None:
    async with running(seeded_url, filter_text="show:all") as pilot:
        screen = main(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "doc:undated show:all")
        assert screen.source.total == 2
        assert {screen.source.row(i).document for i in range(2)} == {"undated-report"}
        await pilot.press(*["backspace"] * len("doc:undated show:all"))
        await type_text(pilot, "status:unresolved show:all")
        assert screen.source.total == 2
        await pilot.press(*["backspace"] * len("status:unresolved show:all"))
        await type_text(pilot, "Obama")
        assert screen.source.total >= 1
        assert all("obama" in screen.source.row(i).headline.lower()
                   or "obama" in (screen.source.row(i).headline or "").lower()
                   for i in range(screen.source.total))


async def test_quick_filters_cycle(seeded_url: str) -> None:
    async with running(seeded_url, filter_text="show:all") as pilot:
        screen = main(pilot)
        total = screen.source.total
        await press(pilot, "f")
        assert screen.source.filters.statuses == ("unresolved",)
        assert screen.source.total == 2
        assert "showing unresolved" in screen_text(pilot)
        await press(pilot, "f")
        assert screen.source.filters.statuses == ("needs-review",)
        assert screen.source.total == 0
        await press(pilot, "f")
        assert screen.source.filters.statuses == ("corrected",)
        await press(pilot, "f")
        assert screen.source.filters.statuses == () and screen.source.total == total


# -- curating ---------------------------------------------------------------------------------

async def test_edit_date_valid_input_moves_the_row(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        target = event_where(seeded_url, value="2014-06-26", date_how="explicit")
        await cursor_on(pilot, target.id)
        before = screen.view.cursor
        await press(pilot, "e")
        dialog = pilot.app.screen
        assert isinstance(dialog, EditDateDialog)
        await type_text(pilot, "2014-06-19")  # the current value is selected: typing replaces it
        assert "Thu 19 June 2014" in screen_text(pilot)  # live preview
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        row = screen.view.current
        assert row.id == target.id, "the cursor follows the event to its new place"
        assert row.value == "2014-06-19" and row.status == "corrected"
        assert screen.view.cursor < before
        assert read_event(seeded_url, target.id).value == "2014-06-19"
        assert screen.detail.value == "2014-06-19"
        # words are resolved against the event's anchor (the publication date, 2014-06-27)
        await press(pilot, "e")
        await type_text(pilot, "the day before")
        assert "Thu 26 June 2014" in screen_text(pilot)
        await press(pilot, "enter")
        assert screen.view.current.id == target.id
        assert screen.view.current.value == "2014-06-26"


async def test_edit_date_invalid_input_keeps_the_dialog(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        row = screen.view.current
        await press(pilot, "e")
        dialog = pilot.app.screen
        assert isinstance(dialog, EditDateDialog)
        await type_text(pilot, "next blursday")
        text = screen_text(pilot)
        assert "✗" in text
        await press(pilot, "enter")
        assert pilot.app.screen is dialog, "an invalid date is not saved"
        assert dialog.query_one("#date-input").value == "next blursday"
        assert str(dialog.query_one("#dialog-message").render()).strip()
        await press(pilot, "escape")
        assert pilot.app.screen is screen
        assert read_event(seeded_url, row.id).value == row.value


async def test_pick_an_alternative(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        target = event_where(seeded_url, value="2014-06-26", date_how="explicit")
        await cursor_on(pilot, target.id)
        alternatives = screen.detail.alternatives
        assert alternatives
        await press(pilot, "e", "tab", "enter")  # first alternative fills the input
        dialog = pilot.app.screen
        assert dialog.query_one("#date-input").value == alternatives[0].value
        await press(pilot, "enter")
        assert screen.view.current.value == alternatives[0].value


async def test_reanchor_to_another_event(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        target = event_where(seeded_url, value="2014-06-26", date_how="explicit")
        await cursor_on(pilot, target.id)
        await press(pilot, "a")
        dialog = pilot.app.screen
        assert isinstance(dialog, ReanchorDialog)
        anchor = next(c for c in dialog.candidates if c.value == "2014-06-20")
        options = dialog.query_one("#targets")
        index = next(i for i in range(options.option_count)
                     if options.get_option_at_index(i).id == str(anchor.id))
        options.highlighted = index
        await settle(pilot)
        assert f"event {anchor.id}" in screen_text(pilot)
        await pilot.click("#relation RadioButton", offset=(1, 0))
        await press(pilot, "tab")
        await pilot.press("right")  # ON -> BEFORE
        await press(pilot, "space")
        dialog.query_one("#offset").value = "1 day"
        await settle(pilot)
        # The dialog shows, live, the date the event will get (checked against the save below).
        preview = str(dialog.query_one("#preview").render())
        dialog.query_one("#offset").value = "a fortnight-ish"
        await settle(pilot)
        assert "cannot read the offset" in screen_text(pilot)
        dialog.query_one("#offset").value = "1 day"
        await settle(pilot)
        dialog.query_one("#offset").focus()
        await press(pilot, "enter")
        assert pilot.app.screen is screen, screen_text(pilot)
        saved = read_event(seeded_url, target.id)
        assert saved.date_how == "anchored" and saved.status == "corrected"
        assert date_words(saved.value) in preview and "1 day" in preview
        assert screen.view.current.id == target.id
        assert screen.detail.date_how == "anchored"


async def test_reanchor_to_the_publication(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        target = event_where(seeded_url, value="2014-06-26", date_how="explicit")
        await cursor_on(pilot, target.id)
        await press(pilot, "a")
        assert isinstance(pilot.app.screen, ReanchorDialog)
        await press(pilot, "enter")  # the publication date is the first choice
        assert pilot.app.screen is screen
        assert screen.view.current.id == target.id
        assert screen.view.current.value == "2014-06-27"


async def test_set_publication_date_resolves_the_documents_events(seeded_url: str) -> None:
    async with running(seeded_url, filter_text="show:all") as pilot:
        screen = main(pilot)
        undated = event_where(seeded_url, status="unresolved")
        await cursor_on(pilot, undated.id)
        assert screen.detail.published is None
        assert "unknown" in screen_text(pilot)
        total = screen.source.total
        await press(pilot, "p")
        dialog = pilot.app.screen
        assert isinstance(dialog, PublishedDialog)
        await type_text(pilot, "2014-13-01")
        assert "✗" in screen_text(pilot)
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "2014-06-27")
        assert "Fri 27 June 2014" in screen_text(pilot)
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        row = screen.view.current
        assert row.id == undated.id
        assert row.value == "2014-06-26" and row.earliest == date(2014, 6, 26)
        assert screen.source.total == total
        assert screen.source.counts.dated == screen.source.counts.total
        assert screen.detail.published == "2014-06-27"
        await press(pilot, "f")  # no unresolved event left
        assert screen.source.total == 0


async def test_confirm_and_undo(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        await press(pilot, "j", "j")
        row = screen.view.current
        await press(pilot, "c")
        assert screen.view.current.id == row.id
        assert screen.view.current.status == "confirmed"
        assert "confirmed" in screen_text(pilot)
        await press(pilot, "u")
        assert screen.view.current.id == row.id
        assert screen.view.current.status == "machine"
        assert read_event(seeded_url, row.id).status == "machine"


async def test_reject_hides_the_row_and_undo_brings_it_back(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        total = screen.source.total
        await press(pilot, "j", "j", "j")
        row = screen.view.current
        await press(pilot, "x")
        assert screen.source.total == total - 1
        assert screen.view.current.id != row.id
        assert screen.view.cursor == 3
        assert read_event(seeded_url, row.id).status == "rejected"
        await press(pilot, "u")
        assert screen.source.total == total
        assert screen.view.current.id == row.id
        await press(pilot, "u")  # nothing left to undo: a message, nothing else
        assert screen.source.total == total


async def test_merge_with_an_event_of_the_same_date(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        total = screen.source.total
        row = screen.view.current  # 2014-06-20: several events share it
        await press(pilot, "m")
        dialog = pilot.app.screen
        assert isinstance(dialog, MergeDialog)
        assert dialog.candidates
        other = dialog.candidates[0]
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        assert screen.source.total == total - 1
        assert read_event(seeded_url, other.id).merged_into_id == row.id
        await press(pilot, "u")
        assert screen.source.total == total
        assert read_event(seeded_url, other.id).merged_into_id is None


async def test_merge_refuses_itself(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        row = screen.view.current
        await press(pilot, "m")
        dialog = pilot.app.screen
        dialog.query_one("#merge-id").focus()
        await type_text(pilot, str(row.id))
        await press(pilot, "enter")
        assert pilot.app.screen is dialog
        assert "this event" in str(dialog.query_one("#dialog-message").render())


async def test_history_of_an_event(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        target = event_where(seeded_url, value="2014-06-26", date_how="explicit")
        await cursor_on(pilot, target.id)
        await press(pilot, "e")
        await type_text(pilot, "2014-06-25")
        await press(pilot, "enter")
        await press(pilot, "h")
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        assert len(history.entries) >= 2
        text = screen_text(pilot)
        assert "ann" in text and "2014-06-25" in text and "current" in text
        await press(pilot, "escape")
        assert pilot.app.screen is screen


async def test_conflict_with_another_curator_keeps_what_was_typed(seeded_url: str) -> None:
    async with running(seeded_url, curator="ann") as pilot:
        screen = main(pilot)
        target = event_where(seeded_url, value="2014-06-26", date_how="explicit")
        await cursor_on(pilot, target.id)
        await press(pilot, "e")
        dialog = pilot.app.screen
        assert isinstance(dialog, EditDateDialog)
        # meanwhile, bob corrects the same event in his own session
        bob_db = Database(seeded_url)
        try:
            Curation(bob_db, "bob").set_date(target.id, "2014-06-24")
        finally:
            bob_db.dispose()
        await type_text(pilot, "2014-06-23")
        await press(pilot, "enter")
        assert pilot.app.screen is dialog, "a stale edit is not saved"
        message = str(dialog.query_one("#dialog-message").render())
        assert "bob" in message and "2014-06-24" in message
        assert dialog.query_one("#date-input").value == "2014-06-23"
        assert read_event(seeded_url, target.id).value == "2014-06-24"
        # a second enter saves ann's value knowingly
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        assert read_event(seeded_url, target.id).value == "2014-06-23"
        assert screen.view.current.value == "2014-06-23"


async def test_reload_shows_another_sessions_changes(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        row = screen.view.current
        other = Database(seeded_url)
        try:
            Curation(other, "bob").confirm([row.id])
        finally:
            other.dispose()
        await press(pilot, "r")
        assert screen.view.current.id == row.id
        assert screen.view.current.status == "confirmed"
        assert screen.detail.status == "confirmed"


# -- the app ----------------------------------------------------------------------------------

async def test_help_lists_every_key(seeded_url: str) -> None:
    async with running(seeded_url, size=(120, 80)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        text = screen_text(pilot)
        for key in KEYS:
            assert key.description in text, key
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, ChronologyScreen)


async def test_command_palette_runs_actions(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        row = screen.view.current
        await press(pilot, "ctrl+p")
        await type_text(pilot, "confirm the event")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.view.current.id == row.id
        assert screen.view.current.status == "confirmed"


async def test_footer_shows_the_main_keys(seeded_url: str) -> None:
    async with running(seeded_url, size=(160, 36)) as pilot:
        footer = screen_text(pilot).splitlines()[-1]
        for label in ("Edit", "Anchor", "Published", "Confirm", "Reject", "Merge", "Undo",
                      "History", "Filter", "Help", "Quit"):
            assert label in footer, label


async def test_empty_database_says_so(db_url: str) -> None:
    async with running(db_url) as pilot:
        assert "no happenings" in screen_text(pilot)


async def test_a_missing_file_is_a_message_and_stays_missing(tmp_path) -> None:  # noqa: ANN001
    """The app opened on a mistyped path says so; it never leaves an empty file behind."""
    path = tmp_path / "typo.sqlite"
    async with running(f"sqlite:///{path}") as pilot:
        assert isinstance(pilot.app.screen, ProblemScreen)
        assert "no database at" in screen_text(pilot)
    assert not path.exists()


async def test_database_without_schema_is_a_message(empty_db_url: str) -> None:
    async with running(empty_db_url) as pilot:
        assert isinstance(pilot.app.screen, ProblemScreen)
        assert "eventdb init" in screen_text(pilot)


async def test_old_schema_is_a_message(db_url: str) -> None:
    from eventdb.db import migrate

    db = Database(db_url)
    try:
        migrate.downgrade(db, "0001")
    finally:
        db.dispose()
    async with running(db_url) as pilot:
        assert isinstance(pilot.app.screen, ProblemScreen)
        words = " ".join(screen_text(pilot).replace("│", " ").split())
        assert "is older than this eventdb" in words and "db upgrade" in words


async def test_not_a_database_is_a_message(tmp_path) -> None:  # noqa: ANN001
    path = tmp_path / "notes.sqlite"
    path.write_text("this is not a database\n" * 100)
    async with running(f"sqlite:///{path}") as pilot:
        assert isinstance(pilot.app.screen, ProblemScreen)
        assert "not an eventdb" in screen_text(pilot)


async def test_narrow_terminal_puts_evidence_below(seeded_url: str) -> None:
    async with running(seeded_url, size=(90, 40)) as pilot:
        screen = main(pilot)
        assert screen.has_class("-narrow")
        chronology = screen.view.region
        evidence = screen.evidence.region
        assert evidence.y > chronology.y and evidence.x == chronology.x


async def test_locked_database_is_a_message_and_the_ui_stays_responsive(
        small_synth_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from eventdb.db import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_S", 1)
    path = small_synth_url.removeprefix("sqlite:///")
    async with running(small_synth_url) as pilot:
        screen = main(pilot)
        row = screen.view.current
        locker = sqlite3.connect(path, isolation_level=None)
        locker.execute("BEGIN EXCLUSIVE")  # an ingest holding the write lock
        try:
            await pilot.press("c")
            await pilot.press("j")  # the confirm waits on a worker: the cursor still moves
            assert screen.view.cursor == 1
            await settle(pilot)
        finally:
            locker.rollback()
            locker.close()
        messages = [n.message for n in pilot.app._notifications]  # noqa: SLF001
        assert any("locked" in m for m in messages), messages
        assert read_event(small_synth_url, row.id).status != "confirmed"


def test_tui_command_is_registered() -> None:
    from tests.helpers import ok

    assert "terminal UI" in ok(None, "tui", "--help").stdout


async def test_publication_date_can_be_changed_twice(seeded_url: str) -> None:
    async with running(seeded_url, filter_text="show:all") as pilot:
        screen = main(pilot)
        undated = event_where(seeded_url, status="unresolved")
        await cursor_on(pilot, undated.id)
        for value, expected in (("2014-06-27", "2014-06-26"), ("2014-07-04", "2014-07-03")):
            await press(pilot, "p")
            assert isinstance(pilot.app.screen, PublishedDialog)
            await pilot.press(*["backspace"] * 12)
            await type_text(pilot, value)
            await press(pilot, "enter")
            assert pilot.app.screen is screen, screen_text(pilot)
            assert screen.view.current.id == undated.id
            assert screen.view.current.value == expected


async def test_first_screen_is_painted_before_the_count_then_counted(synth_url: str) -> None:
    """The first page is read without counting the chronology (seconds at 100,000 articles):
    at least one page of rows, "counting…"; the density strip's read then gives the counts."""
    from eventdb.tui.source import PAGE, ChronologySource

    db = Database(synth_url)
    try:
        source = ChronologySource(db)
        generation = source.begin()
        first = source.fetch_first(generation, source.filters)
        assert len(first.rows) == PAGE and (first.counts.total, first.counts.exact) == (PAGE, False)
        assert source.store_snapshot(first) and source.total == PAGE
        assert not source.store_counts(generation - 1, browse.Counts(3000, 2900))  # an older read
        assert source.store_counts(generation, browse.Counts(3000, 2900)) and source.total == 3000
    finally:
        db.dispose()
    async with running(synth_url) as pilot:
        screen = main(pilot)
        assert screen.source.counts.exact and screen.source.total == 3000
        text = screen_text(pilot)
        assert "3,000 happenings" in text and "counting" not in text and "+" not in text.splitlines()[1]
        await press(pilot, "G")
        assert screen.view.cursor == 2999
