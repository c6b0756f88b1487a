"""The participants dialog's ``s``: split the name this event writes off its participant."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventdb.tui.dialogs_edit import ParticipantsDialog
from tests.curation.test_participant_split import DOC, names_of, write
from tests.helpers import export_jsonl, ok, run
from tests.tui.conftest import press, running, settle
from tests.tui.test_app import cursor_on, main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


async def test_s_in_the_participants_dialog_splits_the_name_this_event_writes(
        db_url: str, tmp_path: Path) -> None:
    ok(db_url, "ingest", write(tmp_path, "a.jsonl", DOC))
    run(db_url, "merge-participants", "Daimler Chrysler", "Chrysler")
    said = next(r["id"] for r in export_jsonl(db_url) if r["headline"].startswith("Chrysler said"))
    async with running(db_url, filter_text="show:all") as pilot:
        chronology = main(pilot)
        await cursor_on(pilot, said)
        await press(pilot, "P")
        dialog = pilot.app.screen
        assert isinstance(dialog, ParticipantsDialog)
        dialog.query_one("#participants").focus()
        dialog.query_one("#participants").highlighted = dialog.names.index("Daimler Chrysler")
        await settle(pilot)
        await press(pilot, "s")
        assert pilot.app.screen is chronology
        assert [n for n, _, _ in chronology.detail.participants] == ["Chrysler"]
        await press(pilot, "u")
        assert [n for n, _, _ in chronology.detail.participants] == ["Daimler Chrysler"]
    assert names_of(db_url)["Chrysler said the de"] == {"Daimler Chrysler"}
