"""The participants dialog's ``r``, ``m`` and ``k``: rename a participant, merge it into
another, say what kind of entity it is -- from the TUI, each one change that ``u`` undoes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventdb.db.vocab import PARTICIPANT_KINDS
from eventdb.tui.dialogs_edit import ParticipantIdentityDialog, ParticipantsDialog
from tests.helpers import export_jsonl, ok
from tests.tui.conftest import press, running, settle, type_text
from tests.tui.test_app import cursor_on, main

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

DOCS = [
    {"id": "a", "published": "2024-05-06", "text": "Zentrix Labs bought Quorvane on Monday."},
    {"id": "b", "published": "2024-05-07", "text": "Zentrix Laboratories sold its old plant on Tuesday."},
]


def kinds(url: str) -> dict[str, str]:
    return {p["name"]: p["kind"] for p in json.loads(ok(url, "participants", "--json").stdout)}


async def open_on(pilot, name: str) -> ParticipantsDialog:  # noqa: ANN001
    await press(pilot, "P")
    dialog = pilot.app.screen
    assert isinstance(dialog, ParticipantsDialog)
    dialog.query_one("#participants").focus()
    dialog.query_one("#participants").highlighted = dialog.names.index(name)
    await settle(pilot)
    return dialog


async def type_into(pilot, name: str, key: str, typed: str) -> None:  # noqa: ANN001
    """On participant ``name`` of the dialog, ``key`` (r or m), then ``typed`` and enter."""
    await open_on(pilot, name)
    await press(pilot, key)
    assert isinstance(pilot.app.screen, ParticipantIdentityDialog)
    await type_text(pilot, typed)
    await press(pilot, "enter")


async def test_rename_merge_and_kind_from_the_participants_dialog(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCS))
    ok(db_url, "ingest", str(path))
    bought = next(r["id"] for r in export_jsonl(db_url) if r["headline"].startswith("Zentrix Labs bought"))
    async with running(db_url, filter_text="show:all") as pilot:
        chronology = main(pilot)
        await cursor_on(pilot, bought)
        names = [n for n, _, _ in chronology.detail.participants]
        assert "Zentrix Labs" in names and "Quorvane" in names

        # r: rename, typed at a person's speed
        await type_into(pilot, "Quorvane", "r", "Quorvane Inc")
        assert pilot.app.screen is chronology
        assert "Quorvane Inc" in [n for n, _, _ in chronology.detail.participants]

        # k: the kind, chosen on the list
        await open_on(pilot, "Quorvane Inc")
        await press(pilot, "k")
        dialog = pilot.app.screen
        assert isinstance(dialog, ParticipantIdentityDialog)
        current = dialog.query_one("#kind").highlighted
        target = list(PARTICIPANT_KINDS).index("organisation")
        await press(pilot, *(["down"] * (target - current) if target >= current else ["up"] * (current - target)))
        await press(pilot, "enter")
        assert pilot.app.screen is chronology
        assert ("Quorvane Inc", "organisation") in [(n, k) for n, k, _ in chronology.detail.participants]

        # m: merge into the participant of the other article
        await type_into(pilot, "Zentrix Labs", "m", "Zentrix Laboratories")
        assert pilot.app.screen is chronology
        assert "Zentrix Laboratories" in [n for n, _, _ in chronology.detail.participants]

        # a name no one has: refused in the dialog, nothing changes
        await type_into(pilot, "Zentrix Laboratories", "m", "Nobody At All")
        assert isinstance(pilot.app.screen, ParticipantIdentityDialog)
        await press(pilot, "escape")
        await press(pilot, "escape")
        assert pilot.app.screen is chronology

        # u undoes each in turn
        await press(pilot, "u")
        assert "Zentrix Labs" in [n for n, _, _ in chronology.detail.participants]
        await press(pilot, "u")
        assert ("Quorvane Inc", "organisation") not in [(n, k) for n, k, _ in chronology.detail.participants]
        assert "Quorvane Inc" in [n for n, _, _ in chronology.detail.participants]
        await press(pilot, "u")
        assert "Quorvane" in [n for n, _, _ in chronology.detail.participants]
    assert kinds(db_url)["Quorvane"] != "organisation" and "Quorvane Inc" not in kinds(db_url)
