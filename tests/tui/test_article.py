"""The article view (``o``) and row edits, driven through the real app's keys on real databases."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from eventdb.db.engine import Database
from eventdb.db.models import Event, EventArgument
from eventdb.tui.dialogs_edit import AddEventDialog, HeadlineDialog, ParticipantsDialog, SplitDialog
from eventdb.tui.screens_article import ArticleScreen
from eventdb.tui.screens_main import ChronologyScreen
from tests.tui.conftest import press, running, screen_text, settle, type_text
from tests.tui.test_app import cursor_on, main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DOC = "iraq-syria-strikes-2014"


def query(url: str, stmt):  # noqa: ANN001, ANN201
    db = Database(url)
    try:
        with db.session() as s:
            return s.execute(stmt).all()
    finally:
        db.dispose()


def event_with(url: str, words: str) -> int:
    """The live event whose headline opens with ``words`` (a reporting clause's headline also
    holds what was said, so "contains" would find the teller too)."""
    ((found,),) = query(url, select(Event.id).where(Event.headline.like(f"{words}%"),
                                                    Event.merged_into_id.is_(None)))
    return found


def live_events(url: str) -> int:
    return query(url, select(func.count()).select_from(Event))[0][0]


def article(pilot) -> ArticleScreen:  # noqa: ANN001
    screen = pilot.app.screen
    assert isinstance(screen, ArticleScreen), type(screen)
    return screen


async def open_on(pilot, event_id: int) -> ArticleScreen:  # noqa: ANN001
    await cursor_on(pilot, event_id)
    await press(pilot, "o")
    screen = article(pilot)
    assert screen.current == event_id
    return screen


def styles_of(screen: ArticleScreen, sentence: int) -> list[tuple[str, str]]:
    """(text, style) of the marked spans of a sentence as the article paints it."""
    grid = screen.view.render_sentence(sentence, screen._marks())  # noqa: SLF001
    text = grid.columns[1]._cells[0]  # noqa: SLF001
    return [(text.plain[s.start:s.end], str(s.style)) for s in text.spans]


async def test_o_shows_the_article_moves_with_the_chronology_and_enter_jumps(seeded_url: str) -> None:
    async with running(seeded_url, filter_text="show:all") as pilot:
        chronology = main(pilot)
        strike = event_with(seeded_url, "Syrian fighter jets bombed militant positions around")
        screen = await open_on(pilot, strike)
        text = screen_text(pilot)
        assert "Syrian fighter jets bombed militant positions" in text
        assert "26 June 2014" in text  # the row's date in the margin
        assert "published 2014-06-27" in text and DOC in text
        # every row's evidence is highlighted, the current row's differently
        row = screen.row
        caret = screen.caret
        marked = styles_of(screen, caret)
        current = screen.view._s("current")  # noqa: SLF001
        assert any(str(current) == style and "fighter jets bombed" in span for span, style in marked)
        assert sum(1 for _ in marked) >= 3  # the sentence's other rows are highlighted too
        # the current row's sentence is on screen
        line = screen.view.lines[caret]
        assert screen.view.scroll_y <= line.virtual_region.y < screen.view.scroll_y + screen.view.size.height
        # j moves to the next row in the text; the chronology's cursor follows
        await press(pilot, "j")
        assert screen.current != row.id
        following = screen.current
        assert screen.row.start >= row.end
        assert chronology.view.current.id == following
        await press(pilot, "k")
        assert screen.current == row.id and chronology.view.current.id == row.id
        await press(pilot, "down")  # the arrows move between rows too (not the scroll)
        assert screen.current == following
        await press(pilot, "up")
        assert screen.current == row.id
        # far down the article, enter goes back to the chronology on that row
        for _ in range(12):
            await press(pilot, "j")
        far = screen.current
        assert far != row.id
        await press(pilot, "enter")
        assert pilot.app.screen is chronology
        assert chronology.view.current.id == far
        assert chronology.detail.id == far


async def test_add_a_row_the_machine_missed_with_keys_and_undo(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        chronology = main(pilot)
        before = live_events(seeded_url)
        screen = await open_on(pilot, event_with(seeded_url, "Syrian fighter jets bombed militant positions around"))
        await press(pilot, "v")  # the caret's sentence, whole
        assert screen.mode == "select"
        start, end = screen.selection
        sentence_text = screen.article.text[start:end]
        assert sentence_text.startswith("Iraqi Prime Minister")
        await press(pilot, "L", "L", "L", "L", "L", "L", "L")  # the start seven words right: "told the BBC ..."
        await press(pilot, "h", "h")  # the end two words left
        start, end = screen.selection
        chosen = screen.article.text[start:end]
        assert " ".join(chosen.split()).startswith("the BBC that Syrian") and chosen.endswith("it was")
        await press(pilot, "enter")
        dialog = pilot.app.screen
        assert isinstance(dialog, AddEventDialog)
        await type_text(pilot, "the day before")
        assert "26 June 2014" in screen_text(pilot)  # resolved against the publication date
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        assert live_events(seeded_url) == before + 1
        ((new_id, status, value, span_start, span_end),) = query(seeded_url, select(
            Event.id, Event.status, Event.value, Event.start, Event.end).order_by(Event.id.desc()).limit(1))
        assert (status, value) == ("confirmed", "2014-06-26")
        assert screen.article.text[span_start:span_end] == chosen.strip()
        assert screen.current == new_id and screen.mode == "read"
        assert chronology.view.current.id == new_id
        # undo takes it away again
        await press(pilot, "u")
        assert live_events(seeded_url) == before
        assert screen.article.row(new_id) is None


async def test_a_bad_date_keeps_the_add_dialog_open(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        before = live_events(seeded_url)
        await open_on(pilot, event_with(seeded_url, "Syrian fighter jets bombed militant positions around"))
        await press(pilot, "v", "enter")
        dialog = pilot.app.screen
        await type_text(pilot, "next blursday")
        await press(pilot, "enter")
        assert pilot.app.screen is dialog
        assert str(dialog.query_one("#dialog-message").render()).strip()
        await press(pilot, "escape", "escape")
        assert article(pilot).mode == "read"
        assert live_events(seeded_url) == before


async def test_split_a_row_with_keys_and_undo_joins_it(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        strike = event_with(seeded_url, "Syrian fighter jets bombed militant positions around")
        screen = await open_on(pilot, strike)
        row = screen.row
        await press(pilot, "s")
        assert screen.mode == "split"
        first_point = screen.split_at
        await press(pilot, "right", "left", "l")
        assert screen.split_at > first_point
        await press(pilot, "h", "h")
        assert screen.split_at < first_point
        at = screen.split_at
        await press(pilot, "enter")
        dialog = pilot.app.screen
        assert isinstance(dialog, SplitDialog)
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        ((kept_end, headline),) = query(seeded_url, select(Event.end, Event.headline).where(Event.id == strike))
        assert kept_end <= at < row.end
        ((new_id, start, end),) = query(seeded_url, select(Event.id, Event.start, Event.end)
                                        .order_by(Event.id.desc()).limit(1))
        assert start >= at and end == len(screen.article.text[:row.end].rstrip())
        assert screen.article.row(new_id) is not None and screen.current == strike
        args = query(seeded_url, select(func.count()).select_from(EventArgument)
                     .where(EventArgument.event_id == new_id))[0][0]
        assert args == len(row.participants)  # the same participants
        await press(pilot, "u")
        ((end_again, headline_again),) = query(seeded_url, select(Event.end, Event.headline)
                                               .where(Event.id == strike))
        assert (end_again, headline_again) == (row.end, row.headline)
        assert screen.article.row(new_id) is None


async def test_headline_and_participants_from_the_chronology(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        chronology = main(pilot)
        strike = event_with(seeded_url, "Syrian fighter jets bombed militant positions around")
        await cursor_on(pilot, strike)
        old = chronology.view.current.headline
        await press(pilot, "E")
        assert isinstance(pilot.app.screen, HeadlineDialog)
        await type_text(pilot, "Syrian jets strike Qaim")
        await press(pilot, "enter")
        assert pilot.app.screen is chronology
        assert chronology.view.current.headline == "Syrian jets strike Qaim"
        assert "Syrian jets strike Qaim" in screen_text(pilot)
        # participants: add a new one as patient, then remove one
        await press(pilot, "P")
        dialog = pilot.app.screen
        assert isinstance(dialog, ParticipantsDialog)
        names = list(dialog.names)
        assert names
        await press(pilot, "tab", "right", "enter")  # the role: patient
        dialog.query_one("#participant-name").focus()
        await type_text(pilot, "Free Syrian Army")
        await press(pilot, "enter")
        assert pilot.app.screen is chronology
        assert ("Free Syrian Army", "other", "patient") in chronology.detail.participants
        await press(pilot, "P")
        dialog = pilot.app.screen
        dialog.query_one("#participants").focus()
        dialog.query_one("#participants").highlighted = dialog.names.index(names[0])
        await settle(pilot)
        await press(pilot, "d")
        assert pilot.app.screen is chronology
        assert names[0] not in [n for n, _, _ in chronology.detail.participants]
        # change a role: pick the new participant, choose "other"
        await press(pilot, "P")
        dialog = pilot.app.screen
        index = dialog.names.index("Free Syrian Army")
        dialog.query_one("#role").query("RadioButton")[2].value = True
        dialog.query_one("#participants").focus()
        dialog.query_one("#participants").highlighted = index
        await press(pilot, "enter")
        assert ("Free Syrian Army", "other", "other") in chronology.detail.participants
        # each is undone in turn
        await press(pilot, "u")
        assert ("Free Syrian Army", "other", "patient") in chronology.detail.participants
        await press(pilot, "u")
        assert names[0] in [n for n, _, _ in chronology.detail.participants]
        await press(pilot, "u")
        assert "Free Syrian Army" not in [n for n, _, _ in chronology.detail.participants]
        await press(pilot, "u")
        assert chronology.view.current.headline == old
        # and the history screen lists them
        await press(pilot, "h")
        assert "set-headline" in screen_text(pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_article_fits_small_and_large_terminals(seeded_url: str, size: tuple[int, int]) -> None:
    async with running(seeded_url, size=size) as pilot:
        strike = event_with(seeded_url, "Syrian fighter jets bombed militant positions around")
        screen = await open_on(pilot, strike)
        text = screen_text(pilot)
        assert "Iraqi Prime Minister Nouri al Maliki" in text  # the current row's sentence
        assert "26 June 2014" in text
        rows = screen.query_one("#article-rows")
        assert rows.display == (size[0] >= 110)  # the document's rows beside it when wide
        if rows.display:
            assert rows.highlighted == screen.article.rows.index(screen.row)
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, ChronologyScreen)


async def test_headline_from_the_article_and_caret_on_sentences(seeded_url: str) -> None:
    async with running(seeded_url) as pilot:
        chronology = main(pilot)
        strike = event_with(seeded_url, "Syrian fighter jets bombed militant positions around")
        screen = await open_on(pilot, strike)
        await press(pilot, "E")
        assert isinstance(pilot.app.screen, HeadlineDialog)
        await type_text(pilot, "Syrian jets strike Qaim")
        await press(pilot, "enter")
        assert pilot.app.screen is screen
        assert screen.row.headline == "Syrian jets strike Qaim"  # the article was read again
        assert chronology.view.current.headline == "Syrian jets strike Qaim"
        # J/K move the caret by sentence; the current row is the sentence's first
        caret = screen.caret
        await press(pilot, "J")
        assert screen.caret == caret + 1
        assert screen.current == screen.article.sentences[caret + 1].rows[0]
        await press(pilot, "K")
        first = screen.article.sentences[caret].rows[0]  # the sentence's first row, not strike's
        assert screen.current == first
        await press(pilot, "escape")
        assert pilot.app.screen is chronology
        # the chronology's row for that report: the report, or the happening it is one report of
        happening_of = {eid: hid for eid, hid in query(seeded_url, select(Event.id, Event.happening_id))}
        current = chronology.view.current.id
        assert current == first or happening_of[current] == happening_of[first] is not None
