"""The curation walkthrough of the issue, through the real CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdb.db.engine import Database
from eventdb.db.models import Document

from tests.helpers import export_jsonl, ok, run

DOC = "iraq-syria-strikes-2014"


@pytest.fixture
def undated_2014(db_url: str, seeds_jsonl: Path, tmp_path: Path) -> str:
    """The 2014 seed article, ingested without its publication date."""
    for line in seeds_jsonl.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        if obj["id"] == DOC:
            obj["published"] = None
            path = tmp_path / "undated.jsonl"
            path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
            ok(db_url, "ingest", str(path))
            return db_url
    raise AssertionError("seed article missing")


def events_by_expression(url: str, expression: str) -> list[dict]:
    return [e for e in export_jsonl(url)
            if e["time_expression"] and e["time_expression"]["text"] == expression]


def qaim_strike(url: str) -> dict:
    (strike,) = [e for e in events_by_expression(url, "Thursday") if "bombed" in e["headline"]]
    return strike


def snapshot(url: str) -> list[tuple]:
    return [(e["id"], e["value"], e["status"], e["earliest"], e["latest"]) for e in export_jsonl(url)]


def test_walkthrough(undated_2014: str) -> None:
    url = undated_2014
    # 1. No publication date: relative events wait, visibly.
    assert all(e["status"] == "unresolved" for e in events_by_expression(url, "last Friday"))
    assert qaim_strike(url)["status"] == "unresolved"
    assert qaim_strike(url)["value"].startswith("XXXX")

    # 2. The curator sets the publication date: everything resolves.
    ok(url, "--curator", "ana", "set-published", DOC, "2014-06-27")
    assert {e["value"] for e in events_by_expression(url, "last Friday")} == {"2014-06-20"}
    assert qaim_strike(url)["value"] == "2014-06-26"
    assert qaim_strike(url)["status"] == "machine"
    before_corrections = snapshot(url)

    # 3. Other reports date the strike to Tuesday: a correction with a note.
    strike_id = qaim_strike(url)["id"]
    ok(url, "--curator", "ana", "set-date", str(strike_id), "2014-06-24",
       "--note", "Reuters and AFP date the strike to Tuesday 24 June")
    strike = qaim_strike(url)
    assert (strike["value"], strike["status"]) == ("2014-06-24", "corrected")
    history = json.loads(ok(url, "history", str(strike_id), "--json").stdout)
    values = [h["value"] for h in history if h["subject"] == f"event {strike_id}"]
    assert "2014-06-26" in values and values[-1] == "2014-06-24"
    correction = history[-1]
    assert correction["who"] == "ana" and correction["current"]
    assert correction["note"] == "Reuters and AFP date the strike to Tuesday 24 June"

    # 4. A later publication date: machine values follow, the correction is kept for review.
    result = ok(url, "--curator", "ana", "set-published", DOC, "2014-07-04")
    assert "needs review" in result.stderr
    assert {e["value"] for e in events_by_expression(url, "last Friday")} == {"2014-06-27"}
    strike = qaim_strike(url)
    assert (strike["value"], strike["status"]) == ("2014-06-24", "needs-review")

    # 5. Undo twice: back to the state before the correction.
    ok(url, "--curator", "ana", "undo")
    ok(url, "--curator", "ana", "undo")
    assert snapshot(url) == before_corrections
    # The history keeps every value, the undone ones marked.
    history = json.loads(ok(url, "history", str(strike_id), "--json").stdout)
    assert any(h["value"] == "2014-06-24" and h["undone"] for h in history)


def test_undo_is_per_curator_and_says_when_there_is_nothing(undated_2014: str) -> None:
    url = undated_2014
    assert "Nothing to undo for bob" in ok(url, "--curator", "bob", "undo").stdout
    ok(url, "--curator", "ana", "set-published", DOC, "2014-06-27")
    assert "Nothing to undo for bob" in ok(url, "--curator", "bob", "undo").stdout
    ok(url, "--curator", "ana", "undo")
    assert qaim_strike(url)["status"] == "unresolved"


def test_natural_language_against_the_anchor(undated_2014: str) -> None:
    url = undated_2014
    ok(url, "set-published", DOC, "2014-06-27")
    strike_id = qaim_strike(url)["id"]
    ok(url, "set-date", str(strike_id), "Tuesday")
    assert qaim_strike(url)["value"] == "2014-06-24"
    ok(url, "set-date", str(strike_id), "the day before")
    assert qaim_strike(url)["value"] == "2014-06-26"


@pytest.mark.parametrize("value, message", [
    ("2014-02-30", "February"),
    ("the blue moon", ""),
    ("", "type a date"),
])
def test_invalid_dates_change_nothing(undated_2014: str, value: str, message: str) -> None:
    url = undated_2014
    ok(url, "set-published", DOC, "2014-06-27")
    before = snapshot(url)
    result = run(url, "set-date", str(qaim_strike(url)["id"]), value)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(url) == before


def test_invalid_publication_date_is_refused(undated_2014: str) -> None:
    result = run(undated_2014, "set-published", DOC, "2014-13-01")
    assert result.exit_code == 1 and "invalid publication date" in result.stderr
    result = run(undated_2014, "set-published", "no-such-doc", "2014-06-01")
    assert result.exit_code == 1 and "no document with id 'no-such-doc'" in result.stderr


def test_unknown_event_id(undated_2014: str) -> None:
    result = run(undated_2014, "set-date", "999999", "2014-06-01")
    assert result.exit_code == 1
    assert result.stderr == "Error: no event with id 999999\n"


def test_publication_date_back_to_unknown(undated_2014: str) -> None:
    url = undated_2014
    ok(url, "set-published", DOC, "2014-06-27")
    ok(url, "set-published", DOC, "unknown")
    assert qaim_strike(url)["status"] == "unresolved"
    assert qaim_strike(url)["earliest"] is None


def test_setting_the_date_later_equals_knowing_it_at_ingest(db_url: str, seeds_jsonl: Path,
                                                            tmp_path: Path) -> None:
    """Re-resolution gives exactly what a fresh ingest with that publication date gives: every
    time expression, and every event dated by one. (Which events continue a dated narrative is an
    extraction decision that may use the publication date, so those are not compared.)"""
    undated = tmp_path / "undated.jsonl"
    lines = []
    for line in seeds_jsonl.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        obj["published"], obj["id"] = None, "late-" + obj["id"]
        lines.append(json.dumps(obj))
    undated.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ok(db_url, "ingest", "--allow-duplicate-text", str(seeds_jsonl), str(undated))
    for line in seeds_jsonl.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        ok(db_url, "set-published", "late-" + obj["id"], obj["published"])

    def dates(prefix: str) -> list[tuple]:
        rows = [e for e in export_jsonl(db_url) if e["document"].startswith(prefix)
                and e["date_how"] == "explicit"]
        return sorted((e["document"].removeprefix("late-"), e["start"], e["value"], e["earliest"],
                       e["latest"]) for e in rows)

    def nodes(prefix: str) -> list[tuple]:
        from eventdb.db.engine import Database
        from eventdb.db.models import Document, TimeNode
        from sqlalchemy import select

        db = Database(db_url)
        with db.session() as s:
            rows = s.execute(select(Document.external_id, TimeNode.start, TimeNode.rule, TimeNode.value,
                                    TimeNode.earliest, TimeNode.latest, TimeNode.status)
                             .join(Document, Document.id == TimeNode.document_id)
                             .where(TimeNode.kind == "expression",
                                    Document.external_id.startswith(prefix))).all()
        db.dispose()
        return sorted((d.removeprefix("late-"), *rest) for d, *rest in rows)

    assert dates("late-") == dates("iraq") != []
    assert nodes("late-") == nodes("iraq") != []


def test_a_dateline_proposes_the_missing_publication_date(db_url: str, tmp_path: Path) -> None:
    """The dateline's day stands in for a missing publication date, visibly; a curator's date
    then re-resolves everything as usual."""
    text = ("BAGHDAD, June 26 2014 (Reuters) - Syrian jets bombed militant positions near the "
            "border on Wednesday, Iraqi officials said.")
    path = tmp_path / "dl.jsonl"
    path.write_text(json.dumps({"id": "dl", "published": None, "text": text}) + "\n")
    ok(db_url, "ingest", str(path))
    bombing = [e for e in export_jsonl(db_url) if "bombed" in e["headline"]][0]
    assert bombing["value"] == "2014-06-25" and bombing["status"] == "machine"
    db = Database(db_url)
    with db.session() as s:
        reason = s.scalar(select(Document.review_reason).where(Document.external_id == "dl"))
    db.dispose()
    assert reason and "dateline" in reason
    ok(db_url, "set-published", "dl", "2014-06-28")
    bombing = [e for e in export_jsonl(db_url) if "bombed" in e["headline"]][0]
    assert bombing["value"] == "2014-06-25"  # absolute dateline unchanged, "Wednesday" re-read:
    ok(db_url, "set-published", "dl", "2014-07-04")
    bombing = [e for e in export_jsonl(db_url) if "bombed" in e["headline"]][0]
    assert bombing["value"] == "2014-07-02"
