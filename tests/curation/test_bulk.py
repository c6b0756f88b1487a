"""Bulk curation from the CLI, merge guards and merge candidates, offset wording."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventdb.db.engine import Database
from eventdb.db.models import ChangeLog
from eventdb.services import likeness
from eventdb.services.curation import Curation, describe_rule
from tests.helpers import export_jsonl, ok, run

STRIKE = ("Workers went on strike at the Qaim cement plant on Monday. "
          "Police arrested three union leaders on Tuesday. "
          "The plant reopened on Friday.")
MEETING = "Ministers met in Baghdad on Monday to discuss the budget."
STRIKE_AGAIN = "Workers at the Qaim cement plant went on strike on Monday, union leaders said."


@pytest.fixture
def corpus(db_url: str, tmp_path: Path) -> str:
    docs = [
        {"id": "strike-2014", "published": "2014-06-27", "title": "Strike", "text": STRIKE},
        {"id": "meeting-2018", "published": "2018-03-02", "title": "Meeting", "text": MEETING},
        {"id": "strike-wire", "published": "2014-06-26", "title": "Wire", "text": STRIKE_AGAIN},
    ]
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    ok(db_url, "ingest", str(path))
    return db_url


def ids_of(url: str, document: str) -> list[int]:
    return [e["id"] for e in export_jsonl(url) if e["document"] == document]


def changes(url: str) -> int:
    db = Database(url)
    try:
        with db.session() as s:
            return s.scalar(select(func.count()).select_from(ChangeLog))
    finally:
        db.dispose()


def test_set_date_takes_many_ids_one_change_one_undo(corpus: str) -> None:
    url = corpus
    ids = ids_of(url, "strike-2014")
    assert len(ids) >= 2
    before = {e["id"]: e["value"] for e in export_jsonl(url)}
    n = changes(url)
    ok(url, "set-date", *map(str, ids), "2014-06-20", "--note", "wire copy dates it")
    assert changes(url) == n + 1
    rows = {e["id"]: e for e in export_jsonl(url)}
    assert all(rows[i]["value"] == "2014-06-20" and rows[i]["status"] == "corrected" for i in ids)
    history = json.loads(ok(url, "history", str(ids[1]), "--json").stdout)
    assert history[-1]["note"] == "wire copy dates it"
    ok(url, "undo")
    assert {e["id"]: e["value"] for e in export_jsonl(url)} == before


def test_bulk_set_date_refuses_whole_on_one_bad_event(corpus: str) -> None:
    url = corpus
    ids = ids_of(url, "strike-2014")
    before = export_jsonl(url)
    result = run(url, "set-date", *map(str, ids), "99999", "next blursday")
    assert result.exit_code != 0
    result = run(url, "set-date", str(ids[0]), "123456789", "2014-06-20")
    assert result.exit_code == 1 and "no event" in result.stderr and "Traceback" not in result.stderr
    result = run(url, "set-date", *map(str, ids), "2014-06-20", "--if-version", "1")
    assert result.exit_code == 1 and "take one id" in result.stderr
    assert export_jsonl(url) == before


def test_merge_far_apart_refused_without_force(corpus: str) -> None:
    url = corpus
    strike, meeting = ids_of(url, "strike-2014")[0], ids_of(url, "meeting-2018")[0]
    before = export_jsonl(url)
    result = run(url, "merge-events", str(strike), str(meeting))
    assert result.exit_code == 1
    assert "different years (2014 and 2018)" in result.stderr
    assert "--force" in result.stderr and "Traceback" not in result.stderr
    assert export_jsonl(url) == before
    ok(url, "merge-events", str(strike), str(meeting), "--force")
    assert meeting not in {e["id"] for e in export_jsonl(url)}


def test_merge_with_itself_is_refused(corpus: str) -> None:
    url = corpus
    strike = ids_of(url, "strike-2014")[0]
    before = export_jsonl(url)
    for args in ([str(strike), str(strike)], [str(strike), str(strike), "--force"]):
        result = run(url, "merge-events", *args)
        assert result.exit_code == 1 and "itself" in result.stderr
    assert export_jsonl(url) == before


def test_close_reports_merge_without_questions(corpus: str) -> None:
    url = corpus
    strike, wire = ids_of(url, "strike-2014")[0], ids_of(url, "strike-wire")[0]
    ok(url, "merge-events", str(strike), str(wire))


def test_candidates_rank_the_same_story_first(corpus: str) -> None:
    url = corpus
    strike, wire = ids_of(url, "strike-2014")[0], ids_of(url, "strike-wire")[0]
    meeting = ids_of(url, "meeting-2018")[0]
    happening = {e["id"]: e["happening"] for e in export_jsonl(url)}
    db = Database(url)
    try:
        with db.session() as s:
            found = likeness.candidates(s, strike)
            if happening[strike] != happening[wire]:  # else grouped at ingest: nothing to merge
                assert found and found[0].id == wire
                assert any(r.startswith("words:") for r in found[0].reasons)
            assert meeting not in {c.id for c in found}
            assert likeness.merge_warnings(s, [strike, wire]) == []
            assert likeness.merge_warnings(s, [strike, strike])
    finally:
        db.dispose()


def test_offset_words() -> None:
    assert describe_rule("offset:+PT?H", "event 3") == "some hours after event 3"
    assert describe_rule("offset:-P2D", "event 3") == "2 days before event 3"
    assert describe_rule("offset:+P1W", "event 3") == "1 week after event 3"
    assert describe_rule("offset:+PT1M", "x") == "1 minute after x"
    assert describe_rule("offset:+P3M", "x") == "3 months after x"


def test_anchor_with_offset_says_after_once(corpus: str) -> None:
    url = corpus
    first, *_, last = ids_of(url, "strike-2014")
    result = ok(url, "anchor", str(last), "--to", str(first), "--relation", "after",
                "--offset", "2 days")
    assert "after after" not in result.stdout
    assert f"dated 2 days after event {first}" in result.stdout
    history = json.loads(ok(url, "history", str(last), "--json").stdout)
    assert all("after after" not in (h["input"] or "") for h in history)
    db = Database(url)
    try:
        detail = Curation(db, "ann").event_detail(last)
    finally:
        db.dispose()
    assert "after after" not in detail.explanation


def test_anchor_takes_several_events_as_one_change_and_one_undo(corpus: str) -> None:
    strike = ids_of(corpus, "strike-2014")
    target, *anchored = strike
    before = {e["id"]: e["value"] for e in export_jsonl(corpus)}
    out = ok(corpus, "anchor", *map(str, anchored), "--to", str(target), "--relation", "after",
             "--offset", "1 day", "--note", "wire copy").stdout
    assert f"events {', '.join(map(str, anchored))}: dated" in out and "after after" not in out
    values = {e["id"]: e for e in export_jsonl(corpus)}
    day_after = values[target]["earliest"]
    from datetime import date, timedelta
    expected = (date.fromisoformat(day_after) + timedelta(days=1)).isoformat()
    assert all(values[i]["value"] == expected and values[i]["note"] == "wire copy" for i in anchored)
    db = Database(corpus)
    try:
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(ChangeLog)
                            .where(ChangeLog.action == "anchor")) == 1
    finally:
        db.dispose()
    ok(corpus, "undo")
    assert {e["id"]: e["value"] for e in export_jsonl(corpus)} == before
    refused = run(corpus, "anchor", str(anchored[0]), "99999", "--to", str(target))
    assert refused.exit_code == 1 and "no event with id 99999" in refused.stderr
    assert {e["id"]: e["value"] for e in export_jsonl(corpus)} == before  # nothing written


def test_set_published_takes_several_documents_as_one_change_and_one_undo(corpus: str) -> None:
    before = {e["id"]: e["value"] for e in export_jsonl(corpus)}
    out = ok(corpus, "set-published", "strike-2014", "strike-wire", "2014-06-20",
             "--note", "both dated by the wire").stdout
    assert "strike-2014, strike-wire: published → 2014-06-20" in out
    monday = {e["document"]: e["value"] for e in export_jsonl(corpus) if "Monday" in e["headline"]
              or "strike on Monday" in e["headline"]}
    assert monday.get("strike-wire") == "2014-06-16"  # the Monday before the new date
    ok(corpus, "undo")
    assert {e["id"]: e["value"] for e in export_jsonl(corpus)} == before
    refused = run(corpus, "set-published", "strike-2014", "no-such-doc", "2014-06-20")
    assert refused.exit_code == 1 and "no-such-doc" in refused.stderr
    assert {e["id"]: e["value"] for e in export_jsonl(corpus)} == before
