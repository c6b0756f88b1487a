"""The curator's TUI: ``eventdb tui`` and ``eventdb demo`` open it (see :func:`run`).

The app opens the database on a worker thread (schema check included) and shows the chronology
screen with its first page already read, or a problem screen with a one-line reason (old schema,
unreachable, locked) and a retry.
"""

from __future__ import annotations

from textual import events, work
from textual.app import App, ComposeResult
from textual.widgets import Label

from eventdb.db.engine import Database
from eventdb.tui.commands import CurationCommands
from eventdb.tui.screens_dialogs import _error_text
from eventdb.tui.screens_info import ProblemScreen
from eventdb.tui.source import ChronologySource, Snapshot


class EventdbApp(App[None]):
    """Curate a chronology: browse events in date order, fix their dates, see why they have them."""

    CSS_PATH = ["app.tcss"]
    TITLE = "eventdb"
    COMMANDS = App.COMMANDS | {CurationCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, url: str, curator: str, filter_text: str = "") -> None:
        super().__init__()
        self.url = url
        self.curator = curator
        #: The filter the chronology opens with (the filter bar's language, ``show:all`` ...).
        self.filter_text = filter_text
        self.db: Database | None = None
        self.sub_title = url

    def compose(self) -> ComposeResult:
        yield Label("Opening the database…", id="opening")

    def on_mount(self) -> None:
        self.open_database()

    def on_key(self, event: events.Key) -> None:
        """Runs before Textual's bindings (``App._on_key``): keys that belong to an open filter
        bar never run as commands (see :meth:`ChronologyScreen.take_filter_key`)."""
        from eventdb.tui.screens_main import ChronologyScreen

        screen = self.screen
        if isinstance(screen, ChronologyScreen) and screen.take_filter_key(event):
            event.stop()
            event.prevent_default()

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def open_database(self) -> None:
        from eventdb.db.migrate import check_schema
        from eventdb.services.curation import Curation

        db = None
        try:
            db = Database(self.url, create=False)  # the TUI never makes a database
            check_schema(db)
            source = ChronologySource(db)
            if self.filter_text.strip():
                from eventdb.services.browse import Filters
                from eventdb.tui.filters import parse_filter

                source.filters = Filters(**parse_filter(self.filter_text))
            generation = source.begin()
            # painted before the chronology is counted: counting 100,000 articles' rows takes
            # seconds (the screen counts next, in a worker)
            first = source.fetch_first(generation, source.filters)
        except Exception as exc:  # noqa: BLE001 - shown as a message, never a traceback
            if db is not None:
                db.dispose()
            self.call_from_thread(self._problem, _error_text(exc))
            return
        self.call_from_thread(self._opened, db, Curation(db, self.curator), source, first)

    def _opened(self, db: Database, curation, source: ChronologySource, first: Snapshot) -> None:  # noqa: ANN001
        from eventdb.tui.screens_main import ChronologyScreen

        if self.db is not None:
            self.db.dispose()
        self.db = db
        screen = ChronologyScreen(curation, source, first)
        screen.filter_text = self.filter_text
        self.push_screen(screen)

    def _problem(self, message: str) -> None:
        self.push_screen(ProblemScreen(message, self.url))

    def on_unmount(self) -> None:
        if self.db is not None:
            self.db.dispose()


def run(url: str, *, curator: str, filter_text: str = "") -> None:
    """Open the TUI on the database at ``url``, making changes as ``curator``."""
    EventdbApp(url, curator, filter_text).run()
