"""Selection and bulk actions in the TUI, notes in dialogs, guarded merges, fast random keys."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import func, select

from eventdb.db.engine import Database
from eventdb.db.models import ChangeLog, Event
from eventdb.services.curation import Curation
from eventdb.tui.screens_confirm import ConfirmDialog
from eventdb.tui.screens_dialogs import EditDateDialog, MergeDialog
from eventdb.tui.screens_main import ChronologyScreen
from tests.tui.conftest import press, running, screen_text, settle, type_text
from tests.tui.test_app import event_where, main, read_event

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def change_count(url: str) -> int:
    db = Database(url)
    try:
        with db.session() as s:
            return s.scalar(select(func.count()).select_from(ChangeLog)) or 0
    finally:
        db.dispose()


async def test_space_selects_and_x_rejects_all_in_one_undoable_change(seeded_url: str) -> None:
    async with running(seeded_url, filter_text="show:all") as pilot:
        screen = main(pilot)
        total = screen.source.total
        first = screen.view.current
        await press(pilot, "space")
        assert screen.view.cursor == 1  # toggles, then moves down
        second = screen.view.current
        await press(pilot, "space", "space")
        await press(pilot, "k", "space")  # the third row unselected again
        assert screen.selected == {first.id, second.id}
        assert "2 selected" in screen_text(pilot)
        before = change_count(seeded_url)
        await press(pilot, "x")
        assert change_count(seeded_url) == before + 1
        assert screen.source.total == total - 2
        assert read_event(seeded_url, first.id).status == "rejected"
        assert read_event(seeded_url, second.id).status == "rejected"
        assert not screen.selected and "selected" not in screen_text(pilot).splitlines()[0]
        await press(pilot, "u")  # one undo brings both back
        assert screen.source.total == total
        assert read_event(seeded_url, first.id).status != "rejected"
        assert read_event(seeded_url, second.id).status != "rejected"


async def test_select_all_matching_the_filter_then_confirm(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "who:maliki")
        await press(pilot, "enter")
        shown = {screen.source.row(i).id for i in range(screen.source.total)}
        assert len(shown) > 1
        await press(pilot, "asterisk")
        assert screen.selected == shown
        await press(pilot, "escape")  # the filter goes, the selection stays
        assert screen.selected == shown
        assert f"{len(shown)} selected" in screen_text(pilot)
        before = change_count(seeded_url)
        await press(pilot, "c")
        assert change_count(seeded_url) == before + 1
        assert all(read_event(seeded_url, i).status == "confirmed" for i in shown)
        await press(pilot, "U")
        assert not screen.selected


async def test_clear_selection_and_selection_survives_reload(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        await press(pilot, "space", "space", "r")
        assert len(screen.selected) == 2
        await press(pilot, "s")  # another order: still the same events
        assert len(screen.selected) == 2
        await press(pilot, "U")
        assert not screen.selected


async def test_bulk_set_date_with_a_note(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        await press(pilot, "space", "space", "space", "k")
        ids = sorted(screen.selected)
        await press(pilot, "e")
        dialog = pilot.app.screen
        assert isinstance(dialog, EditDateDialog) and dialog.event_ids == ids
        assert "3 selected" in screen_text(pilot)
        dialog.query_one("#date-input").value = ""
        await type_text(pilot, "2014-06-19")
        dialog.query_one("#note").focus()
        await type_text(pilot, "wire copy")
        before = change_count(seeded_url)
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        assert change_count(seeded_url) == before + 1
        for i in ids:
            assert read_event(seeded_url, i).value == "2014-06-19"
        db = Database(seeded_url)
        try:
            history = Curation(db, "ann").history(ids[0])
        finally:
            db.dispose()
        assert history[-1].note == "wire copy"
        assert not screen.selected


async def test_edit_dialog_note_is_stored(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        row = screen.view.current
        await press(pilot, "e")
        dialog = pilot.app.screen
        dialog.query_one("#date-input").value = "2014-06-18"
        dialog.query_one("#note").focus()
        await type_text(pilot, "Reuters says Wednesday")
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        db = Database(seeded_url)
        try:
            history = Curation(db, "ann").history(row.id)
        finally:
            db.dispose()
        assert history[-1].note == "Reuters says Wednesday"
        await press(pilot, "h")
        assert "Reuters says Wednesday" in screen_text(pilot)


async def test_merge_dialog_proposes_likely_events_and_guards_far_ones(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        old = screen.view.current  # 2014
        late = event_where(seeded_url, document_id=2)  # the 2018 article
        assert late.earliest.year == 2018
        await press(pilot, "m")
        dialog = pilot.app.screen
        assert isinstance(dialog, MergeDialog) and dialog.candidates
        assert all(c.reasons for c in dialog.candidates)
        dialog.query_one("#merge-id").focus()
        await type_text(pilot, str(late.id))
        await press(pilot, "enter")
        confirm = pilot.app.screen
        assert isinstance(confirm, ConfirmDialog)
        assert "different years (2014 and 2018)" in screen_text(pilot)
        await press(pilot, "escape")  # no: nothing merged, back in the merge dialog
        assert pilot.app.screen is dialog
        assert read_event(seeded_url, late.id).merged_into_id is None
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await type_text(pilot, "same strike")
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        assert read_event(seeded_url, late.id).merged_into_id == old.id


async def test_bulk_merge_asks_and_merges_into_the_cursor_event(seeded_url: str) -> None:
    async with running(seeded_url, filter_text="show:all") as pilot:
        screen = main(pilot)
        total = screen.source.total
        await press(pilot, "j", "space", "space")
        selected = set(screen.selected)
        await press(pilot, "g")
        target = screen.view.current
        await press(pilot, "m")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert f"into event {target.id}" in screen_text(pilot)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, ChronologyScreen)
        assert screen.source.total == total - 2
        assert all(read_event(seeded_url, i).merged_into_id == target.id for i in selected)
        await press(pilot, "u")
        assert screen.source.total == total


async def test_fast_random_keys_do_not_crash(seeded_url: str) -> None:
    keys = ["space", "asterisk", "U", "s", "j", "k", "G", "g", "x", "c", "u", "f", "r",
            "left_square_bracket", "right_square_bracket", "pagedown", "pageup", "escape",
            "m", "e", "a", "p", "h", "t", "slash", "enter", "question_mark", "1", "z"]
    rng = random.Random(17)
    async with running(seeded_url) as pilot:
        for _ in range(250):
            await pilot.press(rng.choice(keys))
        await settle(pilot)
        for _ in range(5):  # close whatever dialog is open
            if isinstance(pilot.app.screen, ChronologyScreen):
                break
            await press(pilot, "escape")
        assert isinstance(pilot.app.screen, ChronologyScreen)
        assert pilot.app.is_running
        await press(pilot, "U", "escape", "j")
        assert main(pilot).view.current is not None
        db = Database(seeded_url)
        try:
            with db.session() as s:
                assert s.scalar(select(func.count()).select_from(Event)) > 0
        finally:
            db.dispose()


async def test_reanchor_words_say_the_direction_once(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        await press(pilot, "j", "a")
        dialog = pilot.app.screen
        dialog.query_one("#targets").highlighted = 1  # an event of the document
        dialog.query_one("#relation").query("RadioButton").last().value = True  # after
        dialog.query_one("#offset").value = "2 days"
        await settle(pilot)
        preview = str(dialog.query_one("#preview").render())
        assert "2 days after event" in preview and "after after" not in preview
        dialog.query_one("#offset").focus()
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        toasts = " ".join(str(n.message) for n in pilot.app._notifications)  # noqa: SLF001
        assert "2 days after event" in toasts and "after after" not in toasts
