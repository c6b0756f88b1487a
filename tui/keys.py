"""Every key of the chronology screen, in one place.

The screen's bindings, the footer, the help screen and the command palette are all made from this
list, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Key:
    keys: str  # Textual key names, comma-separated
    action: str  # the screen's action name (without ``action_``)
    label: str  # short, for the footer
    description: str  # one line, for help and the command palette
    group: str
    footer: bool = True
    display: str | None = None  # how help writes the keys, when not the key names themselves
    palette: bool = True  # offered in the command palette


NAVIGATE, CURATE, FIND, APP = "Move", "Curate", "Find", "App"

KEYS: tuple[Key, ...] = (
    Key("j,down", "cursor_down", "Down", "Next event", NAVIGATE, footer=False, display="j ↓"),
    Key("k,up", "cursor_up", "Up", "Previous event", NAVIGATE, footer=False, display="k ↑"),
    Key("g,home", "first", "First", "First event", NAVIGATE, footer=False, display="g Home"),
    Key("G,end", "last", "Last", "Last event", NAVIGATE, footer=False, display="G End"),
    Key("pageup", "page_up", "Page up", "One screen up", NAVIGATE, footer=False, display="PgUp"),
    Key("pagedown", "page_down", "Page down", "One screen down", NAVIGATE, footer=False,
        display="PgDn"),
    Key("left_square_bracket", "previous_date", "Prev date", "Previous date that has events",
        NAVIGATE, footer=False, display="["),
    Key("right_square_bracket", "next_date", "Next date", "Next date that has events", NAVIGATE,
        footer=False, display="]"),
    Key("e", "edit_date", "Edit", "Edit the date: 2014-06?, before 1980, circa 1990, the day before",
        CURATE),
    Key("a", "reanchor", "Anchor", "Re-anchor: date the event from another event or the "
        "publication", CURATE),
    Key("p", "set_published", "Published", "Set the document's publication date", CURATE),
    Key("c", "confirm", "Confirm", "Confirm the event's date", CURATE),
    Key("x", "reject", "Reject", "Reject: not an event (undo brings it back)", CURATE),
    Key("m", "merge", "Merge", "Merge with another event (same real-world event)", CURATE),
    Key("u", "undo", "Undo", "Undo your last change", CURATE),
    Key("h", "history", "History", "History of the event's date", CURATE),
    Key("slash", "filter", "Filter", "Filter by text, participant, document or status", FIND,
        display="/"),
    Key("f", "quick_filter", "Quick", "Cycle quick filters: all, unresolved, needs review, "
        "corrected", FIND),
    Key("t", "jump", "Go to", "Jump to a date: 2014-06-26, June 2014, last thursday", NAVIGATE),
    Key("escape", "clear_filter", "Clear", "Clear the filter", FIND, footer=False, display="Esc",
        palette=True),
    Key("r", "reload", "Reload", "Reload from the database", APP, footer=False),
    Key("question_mark", "help", "Help", "Show every key", APP, display="?"),
    Key("q", "quit", "Quit", "Quit", APP),
)

#: Keys that are not bindings of the chronology screen but work there (shown in help).
OTHER_KEYS: tuple[tuple[str, str, str], ...] = (
    ("ctrl+p", "Command palette: every action by name", APP),
    ("mouse", "Click a row to select it; scroll with the wheel", NAVIGATE),
    ("enter", "In a dialog: save", CURATE),
    ("Esc", "In a dialog: cancel", CURATE),
)


def bindings() -> list[Binding]:
    return [
        Binding(k.keys, k.action, k.label, show=k.footer, tooltip=k.description)
        for k in KEYS
    ]


def by_action(action: str) -> Key:
    for k in KEYS:
        if k.action == action:
            return k
    raise KeyError(action)
