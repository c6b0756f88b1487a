"""Re-anchoring, confirm/reject, merges, conflicts between two curators, event detail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdb.db.engine import Database
from eventdb.db.models import Participant
from eventdb.errors import ConflictError, InputError
from eventdb.services.curation import Curation
from tests.helpers import export_jsonl, ok, run

TEXT = (
    "Rebels attacked the northern town of Qaim on Monday. "
    "The army launched a counteroffensive two days later. "
    "Officials said on Thursday that the town was calm."
)


@pytest.fixture
def story(db_url: str, tmp_path: Path) -> str:
    path = tmp_path / "story.jsonl"
    path.write_text(json.dumps({"id": "story", "published": "2014-06-27", "text": TEXT,
                                "title": "Qaim"}) + "\n", encoding="utf-8")
    ok(db_url, "ingest", str(path))
    return db_url


def event(url: str, word: str) -> dict:
    """The story's event whose own clause holds ``word`` (a reporting clause's headline also
    holds what was said: "Officials said on Thursday that the town was calm")."""
    (found,) = [e for e in export_jsonl(url, "--status", "machine", "--status", "corrected",
                                        "--status", "confirmed", "--status", "needs-review",
                                        "--status", "unresolved")
                if word in e["headline"] and (e["document"] != "story" or word in TEXT[e["start"]:e["end"]])]
    return found


def test_reanchor_follows_its_anchor(story: str) -> None:
    url = story
    attack, calm = event(url, "attacked"), event(url, "calm")
    ok(url, "anchor", str(calm["id"]), "--to", str(attack["id"]), "--relation", "after",
       "--offset", "3 days")
    attack_day = attack["value"]
    calm_now = event(url, "calm")
    assert calm_now["status"] == "corrected"
    from datetime import date, timedelta

    assert calm_now["value"] == (date.fromisoformat(attack_day) + timedelta(days=3)).isoformat()
    # Moving the anchor moves the anchored event (it follows), unlike a fixed correction.
    ok(url, "set-date", str(attack["id"]), "2014-06-16")
    assert event(url, "calm")["value"] == "2014-06-19"
    assert event(url, "calm")["status"] == "corrected"
    # And back to the publication date.
    ok(url, "anchor", str(calm["id"]), "--to", "published")
    assert event(url, "calm")["value"] == "2014-06-27"


def test_cycles_are_refused(story: str) -> None:
    url = story
    a, b = event(url, "attacked"), event(url, "calm")
    ok(url, "anchor", str(b["id"]), "--to", str(a["id"]))
    result = run(url, "anchor", str(a["id"]), "--to", str(b["id"]))
    assert result.exit_code == 1
    assert "cycle" in result.stderr
    result = run(url, "anchor", str(a["id"]), "--to", str(a["id"]))
    assert result.exit_code == 1 and "cycle" in result.stderr


def test_confirm_reject_and_undo(story: str) -> None:
    url = story
    attack = event(url, "attacked")
    ok(url, "confirm", str(attack["id"]))
    assert event(url, "attacked")["status"] == "confirmed"
    calm = event(url, "calm")
    ok(url, "reject", str(calm["id"]), "--note", "not an event")
    assert all(e["id"] != calm["id"] for e in export_jsonl(url))
    assert any(e["id"] == calm["id"] for e in export_jsonl(url, "--status", "rejected"))
    ok(url, "undo")
    assert any(e["id"] == calm["id"] for e in export_jsonl(url))


def test_merge_events_flags_disagreement(story: str, tmp_path: Path) -> None:
    url = story
    path = tmp_path / "other.jsonl"
    path.write_text(json.dumps({"id": "other", "published": "2014-06-28",
                                "text": "Rebels attacked Qaim on Sunday, officials said."}) + "\n")
    ok(url, "ingest", str(path))
    ours = event(url, "attacked the northern town")
    theirs = [e for e in export_jsonl(url) if e["document"] == "other" and "attacked" in e["headline"]][0]
    assert ours["value"] != theirs["value"]
    result = ok(url, "merge-events", str(ours["id"]), str(theirs["id"]))
    assert "needs review" in result.stderr
    rows = export_jsonl(url)
    assert theirs["id"] not in {e["id"] for e in rows}
    survivor = [e for e in rows if e["id"] == ours["id"]][0]
    assert survivor["status"] == "needs-review"
    ok(url, "undo")
    assert theirs["id"] in {e["id"] for e in export_jsonl(url)}


def test_merge_and_rename_participants(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "p", "published": "2014-06-27", "text":
        "Iraqi Prime Minister Nouri al-Maliki met Barack Obama on Thursday."}) + "\n")
    ok(db_url, "ingest", str(path))
    ok(db_url, "rename-participant", "Nouri al-Maliki", "Nuri al-Maliki")
    db = Database(db_url)
    with db.session() as s:
        names = set(s.scalars(select(Participant.name)))
    assert "Nuri al-Maliki" in names
    # The old name still finds it (alias), so export filters keep working.
    assert export_jsonl(db_url, "--participant", "Nouri al-Maliki")
    ok(db_url, "merge-participants", "Barack Obama", "Nuri al-Maliki")
    rows = export_jsonl(db_url, "--participant", "Nuri al-Maliki")
    assert rows and all(p["name"] == "Barack Obama" for r in rows for p in r["participants"]
                        if p["text"].endswith("Maliki"))
    ok(db_url, "undo")
    ok(db_url, "undo")
    with db.session() as s:
        assert "Nouri al-Maliki" in set(s.scalars(select(Participant.name)))
    db.dispose()
    result = run(db_url, "rename-participant", "Nobody Known", "X")
    assert result.exit_code == 1 and "no participant named" in result.stderr


def test_stale_edit_conflicts_with_two_connections(story: str) -> None:
    """Two curators, two real connections: the second edit, based on a stale read, fails."""
    ana_db, bob_db = Database(story), Database(story)
    ana, bob = Curation(ana_db, "ana"), Curation(bob_db, "bob")
    attack_id = event(story, "attacked")["id"]
    seen_by_ana = ana.event_detail(attack_id)
    seen_by_bob = bob.event_detail(attack_id)
    ana.set_date(attack_id, "2014-06-22", version=seen_by_ana.version)
    with pytest.raises(ConflictError) as err:
        bob.set_date(attack_id, "2014-06-21", version=seen_by_bob.version)
    assert "ana" in str(err.value) and "2014-06-22" in str(err.value)
    assert ana.event_detail(attack_id).value == "2014-06-22"
    # Bob re-reads and tries again: fine.
    bob.set_date(attack_id, "2014-06-21", version=bob.event_detail(attack_id).version)
    # Ana cannot undo over Bob's newer change without being told.
    with pytest.raises(ConflictError):
        ana.undo()
    assert ana.event_detail(attack_id).value == "2014-06-21"
    ana_db.dispose()
    bob_db.dispose()


def test_event_detail_explains_the_chain(story: str) -> None:
    db = Database(story)
    service = Curation(db, "ana")
    calm_id = event(story, "calm")["id"]
    detail = service.event_detail(calm_id)
    assert detail.expression_text == "Thursday"
    start, end = detail.expression_span
    assert detail.sentence[start:end] == "Thursday"
    assert detail.explanation.startswith("Thursday → the Thursday")
    assert "publication, Fri 27 June 2014" in detail.explanation  # in words (issue 17 §5)
    assert detail.explanation.endswith("26 June 2014")
    assert any(a.value == "2014-07-03" for a in detail.alternatives)
    with pytest.raises(InputError):
        service.preview_date(calm_id, "2014-02-30")
    assert service.preview_date(calm_id, "Tuesday").value == "2014-06-24"
    db.dispose()


def test_preview_reanchor_matches_the_result(story: str) -> None:
    db = Database(story)
    service = Curation(db, "ana")
    attack, calm = event(story, "attacked"), event(story, "calm")
    preview = service.preview_reanchor(calm["id"], attack["id"], relation="after", offset="2 days")
    with pytest.raises(InputError):
        service.preview_reanchor(calm["id"], calm["id"])
    with pytest.raises(InputError):
        service.preview_reanchor(calm["id"], "published", offset="a fortnight or so")
    service.reanchor(calm["id"], attack["id"], relation="after", offset="2 days")
    assert service.event_detail(calm["id"]).value == preview.value
    assert service.event_detail(calm["id"]).published_version is not None
    db.dispose()


@pytest.mark.parametrize("rule, words", [
    ("weekday:4:past", "the Thursday on or before the publication date"),
    ("weekday:5:last", "the Friday before the publication date"),
    ("weekday:4:pastish", "the Thursday latest, starting at most 45 days after the publication date"),
    ("month:6:y-1", "June 1 year before the year of the publication date"),
    ("monthday:6:26:past;wd=4", "June 26 on or before the publication date"),
    ("offset:-P2D", "2 days before the publication date"),
    ("offset:+P0M", "the same month as the publication date"),
    ("inyear:2014", "the year 2014"),
    ("easter:0", "by the rule easter:0 from the publication date"),
])
def test_rules_in_words(rule: str, words: str) -> None:
    from eventdb.services.curation import describe_rule

    assert describe_rule(rule, "the publication date") == words


def test_a_participant_named_twice_in_a_clause_is_listed_once(db_url: str, tmp_path: Path) -> None:
    """ "sued Karla Voss ... to block her": two mentions, one participant, shown once with its
    strongest role (the evidence pane, `article`, the participants dialog read this)."""
    path = tmp_path / "suit.jsonl"
    path.write_text(json.dumps({"id": "suit", "published": "2010-08-09", "text":
                                "Nordlys Lines sued Karla Voss in an attempt to block her from joining "
                                "Bergen Air."}) + "\n", encoding="utf-8")
    ok(db_url, "ingest", str(path))
    sued = event(db_url, "sued")
    voss = [p for p in sued["participants"] if p["name"] == "Karla Voss"]
    assert len(voss) == 2  # the export keeps each mention: both are evidence
    db = Database(db_url)
    try:
        detail = Curation(db, "ana").event_detail(sued["id"])
    finally:
        db.dispose()
    assert [(name, role) for name, _kind, role in detail.participants] == [
        ("Nordlys Lines", "agent"), ("Karla Voss", "patient"), ("Bergen Air", "other")]
