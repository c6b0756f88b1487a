"""Fixtures for driving the real TUI headlessly: databases and a pilot that waits for workers."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from eventdb.db.engine import Database
from eventdb.tui.app import EventdbApp
from eventdb.tui.screens_info import ProblemScreen
from eventdb.tui.screens_main import ChronologyScreen
from tests.helpers import ok
from tests.tui.synth import populate

SIZE = (120, 36)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames  # noqa: SLF001
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**kwargs))
    return True

UNDATED = {
    "id": "undated-report",
    "title": "Strikes near Qaim (publication date lost)",
    "source": "Test Wire",
    "text": "Syrian jets bombed positions near Qaim on Thursday. "
            "Iraqi officials confirmed the strikes on Friday.",
}


@pytest.fixture
def seeded_url(db_url: str, seeds_jsonl: Path, tmp_path: Path) -> str:
    """The seed articles plus one article without a publication date, on each backend."""
    extra = tmp_path / "undated.jsonl"
    extra.write_text(json.dumps(UNDATED) + "\n", encoding="utf-8")
    ok(db_url, "ingest", str(seeds_jsonl), str(extra))
    return db_url


@pytest.fixture
def synth_url(tmp_path: Path, sqlite_template: Path) -> str:
    """A synthetic chronology of 3,000 events (deterministic), on SQLite."""
    import shutil

    path = tmp_path / "synth.sqlite"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    populate(db, 3000, published_unknown=2)
    db.dispose()
    return f"sqlite:///{path}"


@pytest.fixture
def small_synth_url(tmp_path: Path, sqlite_template: Path) -> str:
    """60 synthetic events: small enough for stable snapshots."""
    import shutil

    path = tmp_path / "small.sqlite"
    shutil.copy(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    populate(db, 60, per_document=12, span_days=40, published_unknown=1)
    db.dispose()
    return f"sqlite:///{path}"


async def settle(pilot: Pilot) -> None:
    """Wait until every worker is done and the messages they posted are handled."""
    app = pilot.app
    for _ in range(4):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait for that
            continue
        await pilot.pause()


async def wait_ready(pilot: Pilot) -> None:
    """Until the chronology is on screen and counted (the count follows the first screen)."""
    app = pilot.app
    for _ in range(500):
        if isinstance(app.screen, (ChronologyScreen, ProblemScreen)):
            break
        await pilot.pause(0.01)
    await settle(pilot)
    for _ in range(500):
        screen = app.screen
        if not isinstance(screen, ChronologyScreen) or (screen.source.counts.exact
                                                        and not screen._density_pending):  # noqa: SLF001
            break
        await pilot.pause(0.01)
    await settle(pilot)


@asynccontextmanager
async def running(url: str, curator: str = "ann", size: tuple[int, int] = SIZE,
                  filter_text: str = "") -> AsyncIterator[Pilot]:
    app = EventdbApp(url, curator, filter_text)
    async with app.run_test(size=size, notifications=True) as pilot:
        await wait_ready(pilot)
        yield pilot


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])
    await settle(pilot)


def screen_text(pilot: Pilot) -> str:
    strips = pilot.app.screen._compositor.render_strips()  # noqa: SLF001
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)
