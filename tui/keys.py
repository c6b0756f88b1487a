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
    narrow: bool = True  # in the footer below 130 columns too (else only on wide terminals)


NAVIGATE, CURATE, FIND, APP = "Move", "Curate", "Find", "App"
SELECT = CURATE  # selection keys are listed with the curation keys they feed

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
        "publication", CURATE, narrow=False),
    Key("p", "set_published", "Published", "Set the document's publication date", CURATE,
        narrow=False),
    Key("c", "confirm", "Confirm", "Confirm the event's date", CURATE),
    Key("x", "reject", "Reject", "Reject: not an event (undo brings it back)", CURATE),
    Key("m", "merge", "Merge", "Merge with another event (same real-world event)", CURATE),
    Key("u", "undo", "Undo", "Undo your last change", CURATE),
    # Happenings: the reports of one real-world happening (several rows, several articles).
    Key("b", "split_report", "Break out", "Break the report out of its happening", CURATE,
        footer=False),
    Key("J", "join_happenings", "Join", "Join the selected events' happenings to the cursor's",
        CURATE, footer=False),
    Key("B", "toggle_background", "Background", "Promote a background row, or send a row to "
        "the background", CURATE, footer=False),
    Key("C", "confirm_happening", "Confirm group", "Confirm the grouping of the event's "
        "happening", CURATE, footer=False),
    Key("h", "history", "History", "History of the event's date", CURATE, narrow=False),
    Key("o", "open_article", "Article", "Open the article: every row's evidence; add or split "
        "rows there", CURATE, footer=False),
    Key("E", "edit_headline", "Headline", "Edit the event's headline", CURATE, footer=False),
    Key("P", "edit_participants", "Participants", "Participants: add, remove, change a role",
        CURATE, footer=False),
    # Selection, as in VisiData: x c m e then apply to every selected event (one change, one undo).
    Key("space", "toggle_select", "Select", "Select or unselect the event, then move down",
        SELECT, footer=False, display="space"),
    Key("asterisk", "select_matching", "Select all", "Select every event the filter shows",
        SELECT, footer=False, display="*"),
    Key("U", "clear_selection", "Unselect", "Clear the selection", SELECT, footer=False),
    Key("slash", "filter", "Filter", "Filter: words, who, doc, status, dates, confidence, how "
        "dated", FIND, display="/"),
    Key("f", "quick_filter", "Quick", "Cycle quick filters: all, unresolved, needs review, "
        "corrected", FIND, narrow=False),
    Key("s", "sort", "Sort", "Cycle the order: date, document order, confidence, how dated",
        FIND, footer=False),
    Key("t", "jump", "Go to", "Jump to a date: 2014-06-26, June 2014, last thursday", NAVIGATE,
        narrow=False),
    Key("escape", "clear_filter", "Clear", "Clear the filter", FIND, footer=False, display="Esc",
        palette=True),
    Key("r", "reload", "Reload", "Reload from the database", APP, footer=False),
    Key("R", "regroup", "Regroup", "Regroup every report again (after a rule change); decisions "
        "stay", APP, footer=False),
    Key("question_mark", "help", "Help", "Show every key", APP, display="?"),
    Key("q", "quit", "Quit", "Quit", APP),
)

#: Keys that are not bindings of the chronology screen but work there (shown in help).
OTHER_KEYS: tuple[tuple[str, str, str], ...] = (
    ("ctrl+p", "Command palette: every action by name", APP),
    ("mouse", "Click a row to put the cursor on it; scroll with the wheel", NAVIGATE),
    ("x c m e", "With a selection: apply to every selected event (one change, one undo)", CURATE),
    ("enter", "In a dialog: save", CURATE),
    ("Esc", "In a dialog: cancel", CURATE),
)


#: The article screen's keys (``o``): what they do depends on its mode (read, select, split).
ARTICLE_KEYS: tuple[Key, ...] = (
    Key("j,down", "down", "Next", "Next row (the chronology follows); select: to the next "
        "sentence", NAVIGATE, display="j ↓"),
    Key("k,up", "up", "Prev", "Previous row; select: back a sentence", NAVIGATE, display="k ↑"),
    Key("J", "next_sentence", "Sentence", "Caret to the next sentence, rows or not", NAVIGATE),
    Key("K", "previous_sentence", "Sentence", "Caret to the previous sentence", NAVIGATE),
    Key("enter", "enter", "Go", "Back to the chronology on this row; select: add the row; split: "
        "split", NAVIGATE),
    Key("v", "select", "Select", "Select text for a row the machine missed", CURATE),
    Key("s", "split", "Split", "Split the row in two (pick the point with h/l)", CURATE),
    Key("l,right", "right", "Right", "Selection end / split point one word right", CURATE,
        footer=False, display="l →"),
    Key("h,left", "left", "Left", "Selection end / split point one word left", CURATE,
        footer=False, display="h ←"),
    Key("L,shift+right", "start_right", "Start →", "Selection start one word right", CURATE,
        footer=False, display="L shift+→"),
    Key("H,shift+left", "start_left", "Start ←", "Selection start one word left", CURATE,
        footer=False, display="H shift+←"),
    Key("E", "edit_headline", "Headline", "Edit the row's headline", CURATE, footer=False),
    Key("P", "edit_participants", "Participants", "The row's participants", CURATE, footer=False),
    Key("u", "undo", "Undo", "Undo your last change", CURATE, footer=False),
    Key("escape", "back", "Back", "Cancel the selection or split; else close", APP, display="Esc"),
    Key("o,q", "close", "Close", "Close the article", APP, footer=False),
)


def bindings(keys: tuple[Key, ...] = KEYS) -> list[Binding]:
    return [
        Binding(k.keys, k.action, k.label, show=k.footer, tooltip=k.description)
        for k in keys
    ]


def by_action(action: str) -> Key:
    for k in KEYS:
        if k.action == action:
            return k
    raise KeyError(action)


def narrow_only_actions() -> frozenset[str]:
    """Footer keys hidden below 130 columns, so the footer fits 80 columns."""
    return frozenset(k.action for k in KEYS if k.footer and not k.narrow)
