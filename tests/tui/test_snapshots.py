"""Snapshots of the TUI at a fixed size, on a small synthetic chronology (deterministic data).

Update after an intended change of look with ``pytest tests/tui/test_snapshots.py --snapshot-update``
and review the SVGs (``tests/tui/__snapshots__``).
"""

from __future__ import annotations

import pytest

from eventdb.tui.app import EventdbApp
from tests.tui.conftest import settle, type_text, wait_ready

SIZE = (120, 36)


def test_main_screen(snap_compare, small_synth_url: str) -> None:  # noqa: ANN001
    async def before(pilot) -> None:  # noqa: ANN001
        await wait_ready(pilot)
        await pilot.press("j", "j", "j", "j")
        await settle(pilot)

    assert snap_compare(EventdbApp(small_synth_url, "ann"), terminal_size=SIZE, run_before=before)


def test_main_screen_narrow(snap_compare, small_synth_url: str) -> None:  # noqa: ANN001
    async def before(pilot) -> None:  # noqa: ANN001
        await wait_ready(pilot)
        await pilot.press("G")
        await settle(pilot)

    assert snap_compare(EventdbApp(small_synth_url, "ann"), terminal_size=(90, 40),
                        run_before=before)


def test_edit_dialog(snap_compare, small_synth_url: str) -> None:  # noqa: ANN001
    async def before(pilot) -> None:  # noqa: ANN001
        await wait_ready(pilot)
        await pilot.press("j", "j", "e")
        await settle(pilot)
        await type_text(pilot, "the day before")
        await settle(pilot)

    assert snap_compare(EventdbApp(small_synth_url, "ann"), terminal_size=SIZE, run_before=before)


def test_edit_dialog_invalid(snap_compare, small_synth_url: str) -> None:  # noqa: ANN001
    async def before(pilot) -> None:  # noqa: ANN001
        await wait_ready(pilot)
        await pilot.press("e")
        await settle(pilot)
        steady_cursors(pilot)
        await type_text(pilot, "next blursday")
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(EventdbApp(small_synth_url, "ann"), terminal_size=SIZE, run_before=before)


def test_help_screen(snap_compare, small_synth_url: str) -> None:  # noqa: ANN001
    async def before(pilot) -> None:  # noqa: ANN001
        await wait_ready(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(EventdbApp(small_synth_url, "ann"), terminal_size=(120, 48),
                        run_before=before)


def steady_cursors(pilot) -> None:  # noqa: ANN001
    """A blinking cursor is drawn or not depending on when the picture is taken: hold it on."""
    from textual.widgets import Input

    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


#: Every dialog, opened from the chronology by these keys (after the cursor moved down twice).
DIALOG_KEYS = {
    "edit": ["e"],
    "edit_selection": ["space", "space", "k", "e"],
    "reanchor": ["a"],
    "published": ["p"],
    "merge": ["m"],
    "merge_confirm": ["space", "m"],
    "jump": ["t"],
}


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("dialog", list(DIALOG_KEYS))
def test_dialog_at_size(snap_compare, small_synth_url: str, dialog: str,  # noqa: ANN001
                        size: tuple[int, int]) -> None:
    async def before(pilot) -> None:  # noqa: ANN001
        await wait_ready(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        await pilot.press(*DIALOG_KEYS[dialog])
        await settle(pilot)
        steady_cursors(pilot)

    assert snap_compare(EventdbApp(small_synth_url, "ann"), terminal_size=size, run_before=before)


def test_main_screen_80x24_with_selection(snap_compare, small_synth_url: str) -> None:  # noqa: ANN001
    async def before(pilot) -> None:  # noqa: ANN001
        await wait_ready(pilot)
        await pilot.press("space", "space", "j")
        await settle(pilot)

    assert snap_compare(EventdbApp(small_synth_url, "ann"), terminal_size=(80, 24),
                        run_before=before)
