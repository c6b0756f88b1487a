"""A curator promotes a background row to the chronology, or sends a row to the background:
CLI and TUI, one change with undo, kept by ``ingest --replace``; on real databases."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.helpers import export_jsonl, ok, run

pytestmark = pytest.mark.usefixtures("sql_reader_role")

TEXT = ("Syrian jets bombed the border town of Qaim on Thursday, Iraqi officials said. "
        "Qaim is a dusty town near the border.")
DOC = {"id": "q", "published": "2014-06-27", "text": TEXT}


def ingest(db_url: str, tmp_path: Path, doc: dict, *extra: str) -> None:
    path = tmp_path / "doc.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    ok(db_url, "ingest", *extra, str(path))


def rows(db_url: str) -> dict[str, dict]:
    return {r["headline"]: r for r in export_jsonl(db_url)}


def shown_csv(db_url: str) -> str:
    out = ok(db_url, "export").stdout
    return " ".join(r["headline"] for r in csv.DictReader(io.StringIO(out)))


def state(db_url: str) -> dict:
    return next(r for h, r in rows(db_url).items() if "dusty" in h)


def test_promote_and_demote_with_undo(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, DOC)
    dusty = state(db_url)
    assert dusty["background"] is True and "dusty" not in shown_csv(db_url)
    result = ok(db_url, "--curator", "ana", "promote", str(dusty["id"]), "--note", "a fact we want")
    assert "promoted to the chronology" in result.stdout
    assert state(db_url)["background"] is False and "dusty" in shown_csv(db_url)
    logged = ok(db_url, "sql", "--csv", "SELECT curator, action, note FROM change_log "
                "ORDER BY id DESC LIMIT 1").stdout.splitlines()[1]
    assert logged == "ana,promote-report,a fact we want"
    ok(db_url, "--curator", "ana", "undo")
    assert state(db_url)["background"] is True and "dusty" not in shown_csv(db_url)

    strike = next(r for h, r in rows(db_url).items() if "bombed" in h)
    ok(db_url, "demote", str(strike["id"]))
    assert "bombed" not in shown_csv(db_url)
    assert "bombed" in ok(db_url, "export", "--background").stdout
    # Already where asked: one line, exit 1, nothing changed.
    again = run(db_url, "demote", str(strike["id"]))
    assert again.exit_code != 0 and "already in the background" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    missing = run(db_url, "promote", "99999")
    assert missing.exit_code != 0 and "no event with id 99999" in missing.stderr


def test_a_promotion_survives_a_replace_or_the_replace_says_it_would_be_lost(
        db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, DOC)
    ok(db_url, "promote", str(state(db_url)["id"]))
    longer = dict(DOC, text=TEXT + " The town was quiet on Friday.")
    ingest(db_url, tmp_path, longer, "--replace")
    assert state(db_url)["background"] is False and "dusty" in shown_csv(db_url)
    without = dict(DOC, text="Syrian jets bombed the border town of Qaim on Thursday.")
    path = tmp_path / "without.jsonl"
    path.write_text(json.dumps(without) + "\n", encoding="utf-8")
    refused = run(db_url, "ingest", "--replace", str(path))
    assert "promotion" in refused.stdout + refused.stderr
    assert "dusty" in shown_csv(db_url)  # nothing changed
