"""The happening keys of the chronology (b break out, J join, C confirm grouping) and the
evidence pane's list of a happening's reports, in the real app at 80×24 and 160×45."""

from __future__ import annotations

import pytest

from eventdb.db.engine import Database
from eventdb.services.happenings import happening_of
from eventdb.tui.screens_main import ChronologyScreen
from tests.tui.conftest import press, running, screen_text, settle

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def happening(url: str, event_id: int) -> int:
    from sqlalchemy import select

    from eventdb.db.models import Event
    db = Database(url)
    try:
        with db.session() as s:
            return s.scalar(select(Event.happening_id).where(Event.id == event_id))
    finally:
        db.dispose()


async def join_first_two(pilot, url: str) -> tuple[int, int]:  # noqa: ANN001
    """Select the first row, press J on the second: (the first's event, the second's), now one
    happening."""
    screen = pilot.app.screen
    assert isinstance(screen, ChronologyScreen)
    first = screen.view.current.id
    await press(pilot, "space")  # select the first event, the cursor moves down
    target = screen.view.current.id
    assert target != first
    await press(pilot, "J")
    await settle(pilot)
    assert happening(url, first) == happening(url, target)
    return first, target


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_join_lists_the_reports_then_break_out_and_undo(seeded_url: str, size) -> None:  # noqa: ANN001
    async with running(seeded_url, size=size, filter_text="show:all") as pilot:
        first, target = await join_first_two(pilot, seeded_url)
        view = happening_of(Database(seeded_url), happening(seeded_url, target))
        assert len(view.reports) == 2
        if size[0] >= 160:  # the evidence pane is beside the list on a wide terminal
            await settle(pilot)
            sources = view.sources
            assert f"Happening {view.id} · 2 reports · {sources} source{'s' if sources != 1 else ''}" \
                in screen_text(pilot)
        await press(pilot, "C")
        assert happening_of(Database(seeded_url), view.id).status == "confirmed"
        await press(pilot, "b")  # break the cursor's report out again
        assert happening(seeded_url, first) != happening(seeded_url, target)
        for _ in range(3):
            await press(pilot, "u")
        assert happening(seeded_url, first) != happening(seeded_url, target)  # all undone


async def test_join_without_a_selection_says_what_to_do(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        await press(pilot, "J")
        assert "Select the events to join" in screen_text(pilot)


def background_of(url: str, event_id: int) -> bool:
    from sqlalchemy import select

    from eventdb.db.models import Event
    db = Database(url)
    try:
        with db.session() as s:
            return bool(s.scalar(select(Event.background).where(Event.id == event_id)))
    finally:
        db.dispose()


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_B_promotes_a_background_row_and_u_takes_it_back(seeded_url: str, size) -> None:  # noqa: ANN001
    async with running(seeded_url, size=size, filter_text="show:background") as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, ChronologyScreen)
        for _ in range(200):  # down to the first background row
            if screen.view.current.background:
                break
            await press(pilot, "j")
        row = screen.view.current
        assert row.background and "◌" in screen_text(pilot)
        await press(pilot, "B")
        assert background_of(seeded_url, row.id) is False
        assert screen.view.current.id == row.id and not screen.view.current.background
        await press(pilot, "u")
        assert background_of(seeded_url, row.id) is True
        await press(pilot, "B", "B")  # promote, then send it back: the row decides the way
        assert background_of(seeded_url, row.id) is True


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_R_regroups_after_a_question_and_keeps_the_curators_join(seeded_url: str, size) -> None:  # noqa: ANN001
    async with running(seeded_url, size=size, filter_text="show:all") as pilot:
        first, target = await join_first_two(pilot, seeded_url)  # a curator's join, which regroup keeps
        joined = happening(seeded_url, target)
        await press(pilot, "R")
        assert "Regroup the whole chronology?" in screen_text(pilot)
        await press(pilot, "escape")  # asked, not done
        await press(pilot, "R")
        await press(pilot, "enter")
        said = ""
        for _ in range(100):  # (the regroup is one transaction: slower on PostgreSQL)
            await settle(pilot)
            said += " ".join(str(n.message) for n in pilot.app._notifications)  # noqa: SLF001
            if "reports regrouped" in said:
                break
        assert "reports regrouped" in said
        assert happening(seeded_url, first) == happening(seeded_url, target) == joined
