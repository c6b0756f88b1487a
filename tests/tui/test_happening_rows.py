"""The chronology a curator reads lists happenings: one row each, background rows hidden, and
``show:reports`` / ``show:background`` / ``show:all`` bring the rest back (TUI, CLI, service)."""

from __future__ import annotations

from eventdb.db.engine import Database
from eventdb.services import browse
from tests.helpers import export_jsonl, run
from eventdb.tui.screens_main import ChronologyScreen
from tests.tui.conftest import press, running, screen_text, type_text


def main(pilot) -> ChronologyScreen:  # noqa: ANN001
    assert isinstance(pilot.app.screen, ChronologyScreen), type(pilot.app.screen)
    return pilot.app.screen


def test_one_row_per_happening_and_background_hidden(seeded_url: str) -> None:
    reports = export_jsonl(seeded_url)
    shown = [r for r in reports if not r["background"] and r["status"] != "rejected"]
    db = Database(seeded_url)
    try:
        with db.session() as s:
            default = browse.page(s, browse.Filters(), 0, 1000)
            every = browse.counts(s, browse.Filters(reports=True, background=True)).total
            no_background = browse.counts(s, browse.Filters(reports=True)).total
    finally:
        db.dispose()
    by_id = {r["id"]: r for r in reports}
    happenings = [by_id[row.id]["happening"] for row in default]
    assert len(happenings) == len(set(happenings))  # each happening once
    assert set(happenings) == {r["happening"] for r in shown}  # and every one shown
    assert not any(by_id[row.id]["background"] for row in default)
    assert len(default) < no_background == len(shown) < every == len(reports)
    # The lead report of a happening with a written date carries that date.
    for row in default:
        written = [r for r in shown if r["happening"] == by_id[row.id]["happening"]
                   and r["date_how"] != "publication"]
        if written:
            assert by_id[row.id]["date_how"] != "publication"


async def test_the_filter_bar_shows_reports_and_background(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        screen = main(pilot)
        happenings = screen.source.total
        assert f"{happenings} happenings" in screen_text(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "show:all")
        await press(pilot, "enter")
        assert screen.source.total > happenings
        assert screen.source.filters.background and screen.source.filters.reports
        assert "with background rows" in screen_text(pilot)
        assert f"{screen.source.total} reports" in screen_text(pilot)
    async with running(seeded_url, filter_text="show:reports") as pilot:
        screen = main(pilot)
        assert screen.source.filters.reports and not screen.source.filters.background
        assert happenings < screen.source.total


def test_tui_refuses_a_bad_filter_in_one_line(seeded_url: str) -> None:
    result = run(seeded_url, "tui", "--filter", "show:everything")
    assert result.exit_code == 1
    assert result.stderr == ("Error: --filter: show:everything — show:background, "
                             "show:reports or show:all\n")
