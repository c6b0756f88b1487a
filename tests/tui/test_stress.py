"""The TUI under a curator's fingers and under random keys: it stays up and the data stays whole.

A person types a filter at ~8 keys a second while the reload worker of each key is still reading;
a random sequence of keys (filters typed and cleared, dialogs opened and cancelled, edits, undo,
paging, resizes) runs at full speed. Either way the app must never exit, never show a traceback,
and leave the database consistent. The seeds are fixed, the runs bounded.
"""

from __future__ import annotations

import random

import pytest
from sqlalchemy import text

from eventdb.db.engine import Database
from tests.tui.conftest import running, settle
from tests.tui.synth import populate

#: Keys a curator might press anywhere, weighted by how often they come up. ``q`` and ctrl+c/q
#: (quit) are left out: the run is about staying up.
KEYS: list[tuple[str, int]] = [
    ("j", 10), ("k", 6), ("down", 4), ("up", 3), ("pagedown", 3), ("pageup", 2), ("g", 1),
    ("G", 1), ("left_square_bracket", 2), ("right_square_bracket", 2),
    ("slash", 6), ("ctrl+u", 3), ("backspace", 4), ("escape", 8), ("enter", 6), ("tab", 2),
    ("e", 3), ("a", 2), ("p", 1), ("m", 2), ("h", 2), ("t", 2), ("f", 2), ("c", 2), ("x", 1),
    ("u", 2), ("r", 2), ("question_mark", 1), ("space", 2),
    ("o", 1), ("b", 2), ("i", 2), ("n", 2), ("2", 2), ("0", 1), ("1", 1), ("4", 1), ("-", 1),
]
SIZES = [(80, 24), (160, 45), (120, 36), (100, 30)]


#: Characters of the key names above, as a terminal sends them.
CHARS = {"slash": "/", "question_mark": "?", "space": " ", "left_square_bracket": "[",
         "right_square_bracket": "]", "minus": "-"}


async def burst(pilot, keys: list[str]) -> None:  # noqa: ANN001
    """Deliver ``keys`` the way a terminal does when they come faster than the app reads them:
    all queued at once (``Pilot.press`` waits for the app to be idle after each key, so the
    reload a key starts is always done before the next one cancels it: it never saw this crash)."""
    from textual import events

    driver = pilot.app._driver  # noqa: SLF001
    for key in keys:
        name = "minus" if key == "-" else key
        char = CHARS.get(name, name if len(name) == 1 else None)
        event = events.Key(name, char)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


def _key_stream(rng: random.Random, count: int) -> list[str]:
    keys, weights = zip(*KEYS)
    return rng.choices(keys, weights=weights, k=count)


def assert_consistent(url: str) -> None:
    """What every write path promises: one current answer per dated thing, caches that agree
    with it, merges that end at a live event, a change log whose undo links point both ways."""
    db = Database(url)
    try:
        with db.session() as s:
            def count(sql: str) -> int:
                return s.execute(text(sql)).scalar_one()

            assert count("""SELECT COUNT(*) FROM events e WHERE (SELECT COUNT(*) FROM date_assertions a
                             WHERE a.event_id = e.id AND a.is_current) <> 1""") == 0
            assert count("""SELECT COUNT(*) FROM events e JOIN date_assertions a
                             ON a.event_id = e.id AND a.is_current
                             WHERE COALESCE(e.value, '') <> COALESCE(a.value, '')
                                OR COALESCE(e.status, '') = ''""") == 0
            assert count("SELECT COUNT(*) FROM events WHERE merged_into_id = id") == 0
            assert count("""SELECT COUNT(*) FROM events e JOIN events t ON e.merged_into_id = t.id
                             WHERE t.merged_into_id IS NOT NULL""") == 0
            assert count("""SELECT COUNT(*) FROM change_log c JOIN change_log u ON c.undone_by_id = u.id
                             WHERE u.undo_of_id <> c.id""") == 0
    finally:
        db.dispose()


@pytest.fixture
def stress_url(db_url: str) -> str:
    """A database of 3,000 synthetic events (a few documents without a publication date)."""
    db = Database(db_url)
    populate(db, 3000, published_unknown=3)
    db.dispose()
    return db_url


async def test_filter_typed_and_cleared_at_typing_speed(stress_url: str) -> None:
    """The crash of the workbench issue: every key of a filter starts a reload that the next key
    cancels; a cancelled reload used to reach the error helper with an empty message."""
    async with running(stress_url) as pilot:
        app = pilot.app
        typed = ["slash", *"boeing", "ctrl+u", *"apple", "backspace", "backspace", "enter", "escape"]
        for _ in range(3):  # as a terminal delivers keys typed faster than the app reads them
            await burst(pilot, typed)
        for key in typed:  # at a person's speed: ~8 keys a second
            await burst(pilot, [key])
            await pilot.pause(0.12)
        await settle(pilot)
        assert app.is_running and app.return_code is None
    assert_consistent(stress_url)


async def test_keys_typed_right_after_slash_go_to_the_filter(stress_url: str) -> None:
    """A burst `/boeing`: every letter is filter text; none runs as a command (`o` opened the
    article, `u` undid, `x` rejected while the filter bar was still waiting for its focus)."""
    from eventdb.tui.screens_main import ChronologyScreen

    async with running(stress_url) as pilot:
        screen = pilot.app.screen
        await burst(pilot, ["slash", *"boxing", "u"])
        await settle(pilot)
        assert pilot.app.screen is screen and isinstance(screen, ChronologyScreen)
        assert screen.query_one("#filter").value == "boxingu"


@pytest.mark.parametrize("seed", [11, 23])
async def test_random_keys_keep_the_app_up_and_the_data_whole(stress_url: str, seed: int) -> None:
    rng = random.Random(seed)
    async with running(stress_url, curator=f"stress{seed}") as pilot:
        app = pilot.app
        keys = _key_stream(rng, 400)
        step = 0
        while step < len(keys):  # bursts of 1-8 keys, now and then a pause or a resize
            chunk = keys[step:step + rng.randint(1, 8)]
            await burst(pilot, chunk)
            step += len(chunk)
            if rng.random() < 0.08:
                await pilot.resize_terminal(*rng.choice(SIZES))
            if rng.random() < 0.2:
                await pilot.pause(rng.choice([0.02, 0.1]))
            assert app.is_running, f"the app stopped after key {step} ({chunk!r})"
        await settle(pilot)
        assert app.is_running and app.return_code is None
        # Whatever screen the keys left open, Esc brings the curator back to the chronology.
        for _ in range(5):
            await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
    assert_consistent(stress_url)
    db = Database(stress_url)
    try:  # the keys did reach the dialogs: some changes were saved (and some undone)
        with db.session() as s:
            saved = s.execute(text("SELECT COUNT(*) FROM change_log WHERE curator = :c"),
                              {"c": f"stress{seed}"}).scalar_one()
    finally:
        db.dispose()
    assert saved > 0
