"""Benchmark the curator's TUI on a large chronology (targets from the TUI issue).

    python bench/tui.py                 # 100,000 events (the database is built once and reused)
    python bench/tui.py --events 20000 --db /tmp/other.sqlite

Measures, with the real app driven headlessly at 160x48:

- first paint: from creating the app to the first frame of the chronology (rows and evidence
  drawn), in this process (imports done) and from a cold ``python`` process; target < 1 s;
- keypress: ``j`` / ``k`` moving the cursor and repainting; target < 50 ms (median and p95);
- jumps: ``G``, ``g``, ``]``, ``pagedown`` (page reads from SQL included);
- edit: from ``enter`` in the edit dialog to the new value on screen, and to the row in its new
  place (reload included); target < 100 ms.

The database is synthetic (``tests/tui/synth.py``): documents, time nodes, events, participants
and machine assertions written directly, like ingest leaves them.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZE = (160, 48)


def build(path: Path, events: int) -> None:
    from eventdb.db import migrate
    from eventdb.db.engine import Database
    from tests.tui.synth import populate

    if path.exists():
        db = Database(f"sqlite:///{path}")
        try:
            from eventdb.services import browse

            migrate.check_schema(db)
            with db.session() as s:
                if browse.counts(s, browse.Filters(statuses=())).total + _hidden(s) >= events:
                    return
        except Exception:  # noqa: BLE001 - anything off: build it again
            pass
        finally:
            db.dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    print(f"building {events:,} synthetic events in {path} …", file=sys.stderr)
    t0 = time.perf_counter()
    db = Database(f"sqlite:///{path}")
    migrate.upgrade(db)
    # one happening per report (as ingest leaves an ungrouped one): the default chronology then
    # checks each row's happening, as on real data
    populate(db, events, published_unknown=20, happenings=True)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    print(f"built in {time.perf_counter() - t0:.1f} s", file=sys.stderr)


def _hidden(session) -> int:  # noqa: ANN001
    from sqlalchemy import func, select

    from eventdb.db.models import Event

    return session.scalar(select(func.count()).select_from(Event).where(
        (Event.status == "rejected") | Event.merged_into_id.is_not(None))) or 0


async def _settle(pilot) -> None:  # noqa: ANN001
    from textual.worker import WorkerCancelled

    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()


class Frames:
    """Times the frames Textual hands to the terminal driver (``App._display``).

    ``until(key, probe)`` sends a key event straight to the app (as a terminal would) and returns
    the seconds until the first frame painted while ``probe()`` is true.
    """

    def __init__(self, app) -> None:  # noqa: ANN001
        self.app = app
        self.probe = None
        self.hit: float | None = None
        self._display = app._display  # noqa: SLF001
        app._display = self._spy  # noqa: SLF001

    def _spy(self, screen, renderable) -> None:  # noqa: ANN001
        if self.probe is not None and self.hit is None and renderable is not None and self.probe():
            self.hit = time.perf_counter()
        self._display(screen, renderable)

    async def until(self, key: str, probe, timeout: float = 10.0) -> float:  # noqa: ANN001
        from textual import events

        self.probe, self.hit = probe, None
        t = time.perf_counter()
        self.app._driver.send_message(events.Key(key, key if len(key) == 1 else None))  # noqa: SLF001
        while self.hit is None:
            if time.perf_counter() - t > timeout:
                raise TimeoutError(f"no frame for {key!r} within {timeout} s")
            await asyncio.sleep(0.0005)
        self.probe = None
        return self.hit - t

    def close(self) -> None:
        self.app._display = self._display  # noqa: SLF001


def _stats(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):6.1f} ms   p95 {p95:6.1f} ms   max {ms[-1]:6.1f} ms"


async def _painted(app, pilot) -> None:  # noqa: ANN001
    """Until the chronology's first screen is painted (rows and evidence drawn)."""
    from eventdb.tui.screens_main import ChronologyScreen

    while not (isinstance(app.screen, ChronologyScreen) and app.screen.source.loaded
               and app.screen.detail is not None):
        await pilot.pause(0.005)
    await pilot.pause()  # one more frame: the screen is painted


async def first_paint(url: str) -> float:
    """Seconds from creating the app to its first painted screen, in this process (imports done)."""
    from eventdb.tui.app import EventdbApp

    t0 = time.perf_counter()
    app = EventdbApp(url, "bench")
    async with app.run_test(size=SIZE) as pilot:
        await _painted(app, pilot)
        elapsed = time.perf_counter() - t0
        app.exit()
    return elapsed


async def run(url: str, keys: int) -> dict[str, str]:
    from eventdb.tui.app import EventdbApp
    from eventdb.tui.screens_dialogs import EditDateDialog

    results: dict[str, str] = {}
    t0 = time.perf_counter()
    app = EventdbApp(url, "bench")
    async with app.run_test(size=SIZE) as pilot:
        await _painted(app, pilot)
        first_paint = time.perf_counter() - t0
        results["first paint (in process)"] = f"{first_paint * 1000:6.0f} ms   target < 1000 ms"
        screen = app.screen
        total = screen.source.total
        results["events"] = f"{total:,}"
        await _settle(pilot)

        # j/k: from the key event to the first frame showing the cursor on its new row
        frames = Frames(app)
        view = screen.view
        samples, held = [], []
        for i in range(keys):
            key = "j" if (i // 50) % 2 == 0 else "k"
            target = view.cursor + (1 if key == "j" else -1)
            samples.append(await frames.until(key, lambda t=target: view.cursor == t))
            if i % 4 == 3:
                await _settle(pilot)  # a curator reading: the evidence pane catches up
        results["keypress j/k"] = _stats(samples) + "   target < 50 ms"
        # a held key: 30 repeats a second, without waiting for the evidence pane
        for _ in range(60):
            target = view.cursor + 1
            t = time.perf_counter()
            held.append(await frames.until("j", lambda t=target: view.cursor == t))
            await asyncio.sleep(max(0.0, 1 / 30 - (time.perf_counter() - t)))
        results["keypress held j (30/s)"] = _stats(held)
        await _settle(pilot)

        # big moves: until the row under the cursor is painted (page reads from SQL included)
        def painted() -> bool:
            return view.current is not None

        for label, key in (("G (last of all)", "G"), ("g (first)", "g"),
                           ("] (next date)", "right_square_bracket"), ("pagedown", "pagedown"),
                           ("pagedown x5 then G/g", None)):
            samples = []
            for n in range(5):
                view.set_cursor(total // 3 + n * 1013)  # start somewhere in the middle
                await _settle(pilot)
                if key is None:
                    for _ in range(5):
                        await frames.until("pagedown", painted)
                    samples.append(await frames.until("G" if n % 2 == 0 else "g", painted))
                    await _settle(pilot)
                    continue
                before = view.cursor
                samples.append(await frames.until(
                    key, lambda b=before: view.cursor != b and painted()))
                await _settle(pilot)
            results[label] = _stats(samples)
        await _settle(pilot)

        # edit: enter in the edit dialog -> the new value painted -> the row in its new place
        visible, placed = [], []
        for n in range(5):
            view.set_cursor(20_000 + n * 7919 if total > 60_000 else total // 2)
            await _settle(pilot)
            row = view.current
            await pilot.press("e")
            await _settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, EditDateDialog)
            value = "2013-03-0" + str(n + 1)
            dialog.query_one("#date-input").value = value
            await _settle(pilot)

            def shown(row_id=row.id, value=value) -> bool:  # noqa: ANN001
                return app.screen is screen and any(
                    r.id == row_id and r.value == value for r in screen.source.cached_rows())

            t = time.perf_counter()
            visible.append(await frames.until("enter", shown))
            while not (view.current is not None and view.current.id == row.id
                       and view.current.value == value and not screen.busy):
                await asyncio.sleep(0.0005)
            frames.probe, frames.hit = (lambda: True), None
            while frames.hit is None:
                await asyncio.sleep(0.0005)
            placed.append(frames.hit - t)
            await _settle(pilot)
        results["edit: value visible"] = _stats(visible) + "   target < 100 ms"
        results["edit: row in its new place"] = _stats(placed)
        frames.close()
        # leave the database as it was
        for _ in range(5):
            await pilot.press("u")
            await _settle(pilot)
    return results


COLD = """
import asyncio, sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from eventdb.tui.app import EventdbApp
from eventdb.tui.screens_main import ChronologyScreen
async def main():
    app = EventdbApp({url!r}, "bench")
    async with app.run_test(size={size!r}) as pilot:
        while not (isinstance(app.screen, ChronologyScreen) and app.screen.source.loaded
                   and app.screen.detail is not None):
            await pilot.pause(0.005)
        await pilot.pause()
        print(time.perf_counter() - t0)
        app.exit()
asyncio.run(main())
"""


def cold_start(url: str) -> float:
    """Seconds from a new interpreter to the first painted frame (imports included)."""
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", COLD.format(root=str(ROOT), url=url, size=SIZE)],
        capture_output=True, text=True, check=True,
    )
    inside = float(out.stdout.strip().splitlines()[-1])
    del t0
    return inside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventdb-bench-tui.sqlite"))
    parser.add_argument("--keys", type=int, default=200, help="j/k presses to time")
    args = parser.parse_args()
    build(args.db, args.events)
    url = f"sqlite:///{args.db}"
    cold = [cold_start(url) for _ in range(3)]
    results = asyncio.run(run(url, args.keys))
    results["first paint (new process)"] = (
        f"{min(cold) * 1000:6.0f} ms best of 3 ({', '.join(f'{c * 1000:.0f}' for c in cold)} ms)"
        "   imports included"
    )
    width = max(len(k) for k in results)
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
