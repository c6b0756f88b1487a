"""Every dialog is usable at 80×24 and at 160×45: each field, choice and line of it is drawn
inside the dialog and the screen (the re-anchor dialog cut off its relation and preview at 80×24
and did not draw its offset field at 160×45)."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets import DataTable, Input, OptionList, RadioButton

from tests.tui.conftest import press, running, screen_text
from tests.tui.test_app import main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SIZES = [(80, 24), (160, 45)]

#: (keys that open it from the chronology, its class name, ids that must be drawn)
DIALOGS = [
    (["e"], "EditDateDialog", ["#date-input", "#preview", "#note", "#dialog-hint"]),
    (["a"], "ReanchorDialog", ["#targets", "#relation", "#offset", "#preview", "#note",
                               "#dialog-hint"]),
    (["p"], "PublishedDialog", ["#published-input", "#preview", "#note", "#dialog-hint"]),
    (["m"], "MergeDialog", ["#merge-id", "#candidates", "#note", "#dialog-hint"]),
    (["t"], "JumpDialog", ["#jump-input", "#dialog-hint"]),
    (["space", "space", "k", "e"], "EditDateDialog", ["#date-input", "#preview", "#note",
                                                      "#dialog-hint"]),
    (["space", "m"], "ConfirmDialog", ["#reasons", "#note", "#dialog-hint"]),
    (["h"], "HistoryScreen", ["#history", "#info-hint"]),
]


def assert_drawn(pilot, name: str, ids: list[str]) -> None:  # noqa: ANN001
    screen = pilot.app.screen
    assert type(screen).__name__ == name, type(screen)
    width, height = pilot.app.size
    whole = Region(0, 0, width, height)
    box = screen.query_one("#dialog, #info").region
    assert whole.contains_region(box), (name, box)
    widgets = [screen.query_one(i) for i in ids]
    widgets += list(screen.query(Input)) + list(screen.query(OptionList))
    widgets += list(screen.query(RadioButton)) + list(screen.query(DataTable))
    for widget in widgets:
        region = widget.region
        label = f"{name} {widget!r} at {width}x{height}: {region}"
        assert region.height > 0 and region.width > 0, label
        assert box.contains_region(region), label
        if isinstance(widget, Input):
            assert region.width >= 20, label  # room to see what is typed
    if name == "ReanchorDialog":  # every option of the relation is drawn, with its word
        text = screen_text(pilot)
        assert all(word in text for word in ("on", "before", "after"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_dialog_fits(small_synth_url: str, size: tuple[int, int]) -> None:
    async with running(small_synth_url, size=size) as pilot:
        screen = main(pilot)
        await press(pilot, "j", "j")
        for keys, name, ids in DIALOGS:
            await press(pilot, *keys)
            assert_drawn(pilot, name, ids)
            await press(pilot, "escape")
            assert pilot.app.screen is screen, name
            await press(pilot, "U", "g", "j", "j")
