"""Row edits on both engines: add a row, split one, its headline and participants; history, undo,
refusals, and what the exports and views show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from eventdb.db.engine import Database
from eventdb.db.models import ChangeLog, Event, Mention, Participant
from eventdb.errors import ConflictError, InputError, NotFoundError
from eventdb.services.articles import article_of_event, read_article
from eventdb.services.curation import Curation
from eventdb.services.editing import Editing
from tests.helpers import export_csv, export_jsonl, ok, run

TEXT = ("Rebels attacked Qaim on Monday, burned the market and fled.\n"
        "The army launched a counteroffensive two days later.\n\n"
        "Heavy shelling across the province.\n"
        "Officials said on Thursday that the town was calm.")
STATUSES = ("machine", "corrected", "confirmed", "needs-review", "unresolved")

#: Some checks read the views through `eventdb sql`, which on PostgreSQL logs in as a reader.
pytestmark = pytest.mark.usefixtures("sql_reader_role")


@pytest.fixture
def story(db_url: str, tmp_path: Path) -> str:
    path = tmp_path / "story.jsonl"
    path.write_text(json.dumps({"id": "story", "published": "2014-06-27", "title": "Qaim",
                                "text": TEXT}) + "\n", encoding="utf-8")
    ok(db_url, "ingest", str(path))
    return db_url


def rows(url: str) -> dict[int, dict]:
    args = [a for s in STATUSES for a in ("--status", s)]
    return {e["id"]: e for e in export_jsonl(url, *args)}


def find(url: str, words: str) -> dict:
    """The row whose own clause holds ``words`` (a reporting clause's headline also holds what
    was said: "Officials said on Thursday that the town was calm")."""
    (found,) = [e for e in rows(url).values() if words in e["headline"]
                and (e["document"] != "story" or e["end"] > len(TEXT) or words in TEXT[e["start"]:e["end"]])]
    return found


def changes(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(ChangeLog))


# -- adding a row ---------------------------------------------------------------------------------

def test_added_row_is_in_exports_views_article_history_and_undo(story: str, db: Database) -> None:
    before = rows(story)
    start = TEXT.index("The army launched")
    result = Editing(db, "ann").add_event("story", "Tuesday", span=(start, start + 36),
                                          headline="Army counteroffensive begins", note="Reuters")
    (new_id,) = result.event_ids
    after = rows(story)
    assert set(after) - set(before) == {new_id}
    added = after[new_id]
    assert added["headline"] == "Army counteroffensive begins"
    assert added["value"] == "2014-06-24"  # Tuesday before the publication, as the edit dialog reads it
    assert (added["status"], added["date_how"]) == ("confirmed", "curator")
    assert TEXT[added["start"]:added["end"]] == "The army launched a counteroffensive"
    # the CSV export and the reporting views read it too
    assert any(r["event_id"] == str(new_id) and r["evidence"].startswith("The army launched")
               for r in export_csv(story))
    out = ok(story, "sql", f"SELECT event_id, status FROM chronology WHERE event_id = {new_id}",
             "--json").stdout
    assert json.loads(out) == [{"event_id": new_id, "status": "confirmed"}]
    corrections = json.loads(ok(story, "sql", "SELECT curator, input_text FROM corrections "
                                f"WHERE event_id = {new_id}", "--json").stdout)
    assert corrections == [{"curator": "ann", "input_text": "Tuesday"}]
    # the article shows it where it is told
    with db.session() as s:
        article = read_article(s, "story")
    assert article.row(new_id) is not None
    sentence = article.sentences[article.sentence_at(added["start"])]
    assert new_id in sentence.rows
    # history and undo
    history = Curation(db, "ann").history(new_id)
    assert [h.status for h in history] == ["add-event", "confirmed"]
    undone = Curation(db, "ann").undo()
    assert undone is not None and "added event" in undone.summary
    assert rows(story) == before
    with db.session() as s:
        assert s.get(Event, new_id) is None


def test_added_row_takes_the_participants_named_in_its_span(story: str, db: Database) -> None:
    result = Editing(db, "ann").add_event("story", "2014-06-23", words="Rebels attacked Qaim")
    roles = {p["name"]: p["role"] for p in rows(story)[result.event_ids[0]]["participants"]}
    assert roles == {"Rebels": "agent", "Qaim": "patient"}  # the extractor's role rules


def test_a_moved_publication_date_flags_an_added_row(story: str, db: Database) -> None:
    (new_id,) = Editing(db, "ann").add_event("story", "Thursday", words="Heavy shelling").event_ids
    ok(story, "set-published", "story", "2014-07-04")
    assert rows(story)[new_id]["status"] == "needs-review"


@pytest.mark.parametrize("args, message", [
    (["--span", "5:3", "--date", "2014-06-01"], "not inside the article"),
    (["--span", "0:9999", "--date", "2014-06-01"], "not inside the article"),
    (["--span", "abc", "--date", "2014-06-01"], "START:END"),
    (["--span", f"{TEXT.index(chr(10) * 2)}:{TEXT.index(chr(10) * 2) + 2}", "--date", "2014-06-01"],
     "holds no words"),
    (["--text", "the", "--date", "2014-06-01"], "times"),
    (["--text", "no such words", "--date", "2014-06-01"], "not in the article"),
    (["--text", "Heavy shelling", "--date", "the 45th of Junember"], ""),
    (["--text", "Heavy shelling", "--span", "0:5", "--date", "2014-06-01"], "not both"),
])
def test_bad_additions_are_one_line_errors_and_change_nothing(story: str, db: Database,
                                                              args: list[str], message: str) -> None:
    before, logged = rows(story), changes(db)
    result = run(story, "add-event", "story", *args)
    assert result.exit_code == 1, result.stdout
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert rows(story) == before and changes(db) == logged


def test_unknown_document_and_unresolvable_date(story: str, db: Database) -> None:
    with pytest.raises(NotFoundError):
        Editing(db, "ann").add_event("nope", "2014-06-01", span=(0, 5))
    ok(story, "set-published", "story", "unknown")
    with pytest.raises(InputError, match="publication date is unknown"):
        Editing(db, "ann").add_event("story", "Thursday", words="Heavy shelling")


def test_undoing_an_added_row_is_refused_over_a_later_change(story: str, db: Database) -> None:
    (new_id,) = Editing(db, "ann").add_event("story", "2014-06-25", words="Heavy shelling").event_ids
    Curation(db, "bob").set_date(new_id, "2014-06-26")
    with pytest.raises(ConflictError, match=r"event \d+ was changed since by bob"):
        Curation(db, "ann").undo()
    assert new_id in rows(story)
    Curation(db, "bob").undo()
    Curation(db, "ann").undo()
    assert new_id not in rows(story)


def test_undoing_an_added_row_is_refused_while_a_date_rests_on_it(story: str, db: Database) -> None:
    (new_id,) = Editing(db, "ann").add_event("story", "2014-06-25", words="Heavy shelling").event_ids
    calm = find(story, "calm")["id"]
    Curation(db, "bob").reanchor(calm, new_id, relation="after", offset="1 day")
    with pytest.raises(ConflictError):
        Curation(db, "ann").undo()
    assert new_id in rows(story)


# -- splitting a row ------------------------------------------------------------------------------

def test_split_and_undo_join_back(story: str, db: Database) -> None:
    before = rows(story)
    first = find(story, "Rebels attacked")
    result = Editing(db, "ann").split_event(first["id"], words="on Monday",
                                            headlines=(None, "Rebels struck on Monday"))
    kept, new_id = result.event_ids
    assert kept == first["id"]
    after = rows(story)
    a, b = after[kept], after[new_id]
    assert (TEXT[a["start"]:a["end"]], TEXT[b["start"]:b["end"]]) == (
        "Rebels attacked Qaim", "on Monday,")
    assert a["headline"] == "Rebels attacked Qaim" and b["headline"] == "Rebels struck on Monday"
    # the same date (following the same anchor) and the same participants
    assert (b["value"], b["status"], b["date_how"]) == (a["value"], a["status"], a["date_how"])
    assert [p["name"] for p in b["participants"]] == [p["name"] for p in a["participants"]]
    assert "split-event" in [h.status for h in Curation(db, "ann").history(new_id)]
    assert "split-event" in [h.status for h in Curation(db, "ann").history(kept)]
    # the second part still follows the time expression it shares with the first
    ok(story, "--curator", "bob", "set-published", "story", "2014-07-04")
    assert rows(story)[new_id]["value"] == rows(story)[kept]["value"] == "2014-06-30"
    with pytest.raises(ConflictError, match="since by bob"):  # bob's change re-dated the new row
        Curation(db, "ann").undo()
    Curation(db, "bob").undo()
    Curation(db, "ann").undo()
    assert rows(story) == before


def test_split_by_offset_and_its_refusals(story: str, db: Database) -> None:
    row = find(story, "counteroffensive")
    at = TEXT.index("two days")
    editing = Editing(db, "ann")
    preview = editing.preview_split(row["id"], at=at)
    assert TEXT[slice(*preview.second)] == "two days later."
    logged = changes(db)
    for bad in (row["start"], row["end"], row["end"] + 5, TEXT.index("later.") + 6):
        with pytest.raises(InputError):
            editing.split_event(row["id"], at=bad)
    with pytest.raises(InputError, match="not in the evidence"):
        editing.split_event(row["id"], words="Qaim")
    with pytest.raises(InputError):
        editing.split_event(row["id"])
    with pytest.raises(ConflictError):
        editing.split_event(row["id"], at=at, version=999)
    assert changes(db) == logged
    result = run(story, "split-event", str(row["id"]), "--at", str(row["end"]))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    ok(story, "split-event", str(row["id"]), "--at", str(at))
    assert len(rows(story)) == 8


def test_undoing_a_split_is_refused_when_the_new_part_was_changed(story: str, db: Database) -> None:
    row = find(story, "counteroffensive")
    _, new_id = Editing(db, "ann").split_event(row["id"], words="two days").event_ids
    Curation(db, "bob").confirm([new_id])
    with pytest.raises(ConflictError, match="bob"):
        Curation(db, "ann").undo()
    assert new_id in rows(story)


# -- the headline ---------------------------------------------------------------------------------

def test_headline_history_undo_and_conflicts(story: str, db: Database) -> None:
    row = find(story, "counteroffensive")
    ok(story, "--curator", "ann", "set-headline", str(row["id"]), "  Army hits\n back ",
       "--note", "clearer")
    assert rows(story)[row["id"]]["headline"] == "Army hits back"
    entry = Curation(db, "ann").history(row["id"])[-1]
    assert (entry.status, entry.value, entry.who, entry.note) == (
        "set-headline", "Army hits back", "ann", "clearer")
    history = ok(story, "history", str(row["id"]), "--json").stdout
    assert json.loads(history)[-1]["status"] == "set-headline"
    # bob's later headline blocks ann's undo
    Editing(db, "bob").set_headline(row["id"], "The army strikes back")
    with pytest.raises(ConflictError, match="bob"):
        Curation(db, "ann").undo()
    Curation(db, "bob").undo()
    Curation(db, "ann").undo()
    assert rows(story)[row["id"]]["headline"] == row["headline"]
    # stale versions and empty headlines are refused
    with db.session() as s:
        version = s.get(Event, row["id"]).version_id
    Editing(db, "bob").set_headline(row["id"], "Newer", version=version)
    with pytest.raises(ConflictError, match="changed since you read it"):
        Editing(db, "ann").set_headline(row["id"], "Mine", version=version)
    result = run(story, "set-headline", str(row["id"]), "   ")
    assert result.exit_code == 1 and "empty" in result.stderr
    result = run(story, "set-headline", "9999", "x")
    assert result.exit_code == 1 and "no event with id 9999" in result.stderr


# -- participants ---------------------------------------------------------------------------------

def participants(url: str, event_id: int) -> dict[str, str]:
    return {p["name"]: p["role"] for p in rows(url)[event_id]["participants"]}


def test_participants_add_remove_role_and_undo_each(story: str, db: Database) -> None:
    row = find(story, "counteroffensive")
    start = participants(story, row["id"])
    with db.session() as s:
        mentions = s.scalar(select(func.count()).select_from(Mention))
    # an existing participant (named elsewhere in the article): its mention is reused
    ok(story, "--curator", "ann", "add-participant", str(row["id"]), "rebels", "--role", "patient")
    assert participants(story, row["id"]) == {**start, "Rebels": "patient"}
    # a new participant, named nowhere: created, with a mention at the row
    ok(story, "--curator", "ann", "add-participant", str(row["id"]), "Iraqi Army", "--role", "agent",
       "--kind", "organisation")
    assert participants(story, row["id"])["Iraqi Army"] == "agent"
    ok(story, "--curator", "ann", "set-role", str(row["id"]), "Iraqi Army", "other")
    assert participants(story, row["id"])["Iraqi Army"] == "other"
    ok(story, "--curator", "ann", "remove-participant", str(row["id"]), "Rebels")
    assert "Rebels" not in participants(story, row["id"])
    # the people view and history see it
    view = json.loads(ok(story, "sql", "SELECT participant, role FROM event_participants WHERE "
                                       f"event_id = {row['id']}", "--json").stdout)
    assert {"participant": "Iraqi Army", "role": "other"} in view
    assert [h.status for h in Curation(db, "ann").history(row["id"])][-4:] == [
        "add-participant", "add-participant", "set-role", "remove-participant"]
    # undo each, newest first
    curator = Curation(db, "ann")
    curator.undo()
    assert participants(story, row["id"])["Rebels"] == "patient"
    curator.undo()
    assert participants(story, row["id"])["Iraqi Army"] == "agent"
    curator.undo()
    assert "Iraqi Army" not in participants(story, row["id"])
    with db.session() as s:  # the participant made for it and its mention are gone again
        assert s.scalars(select(Participant).where(Participant.name == "Iraqi Army")).first() is None
    curator.undo()
    assert participants(story, row["id"]) == start
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Mention)) == mentions


@pytest.mark.parametrize("args, message", [
    (["add-participant", "{id}", "Officials", "--role", "boss"], "role must be one of"),
    (["add-participant", "{id}", "Nobody Known", "--kind", "alien"], "kind must be one of"),
    (["set-role", "{id}", "Officials", "boss"], "role must be one of"),
    (["add-participant", "{id}", "  ", "--role", "agent"], "is not a name"),
    (["remove-participant", "{id}", "Nobody"], "has no participant 'Nobody'"),
    (["set-role", "{id}", "Nobody", "agent"], "has no participant"),
    (["set-role", "{id}", "Officials", "agent"], "already takes part"),
    (["add-participant", "{id}", "officials"], "already takes part"),
    (["add-participant", "9999", "Officials"], "no event with id 9999"),
])
def test_bad_participant_edits_change_nothing(story: str, db: Database, args: list[str],
                                              message: str) -> None:
    row = find(story, "Officials said")
    before, logged = rows(story), changes(db)
    result = run(story, *[a.format(id=row["id"]) for a in args])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert rows(story) == before and changes(db) == logged


def test_undoing_a_role_is_refused_over_a_later_role(story: str, db: Database) -> None:
    row = find(story, "Officials said")
    Editing(db, "ann").set_role(row["id"], "Officials", "patient")
    Editing(db, "bob").set_role(row["id"], "Officials", "other")
    with pytest.raises(ConflictError, match="bob"):
        Curation(db, "ann").undo()
    assert participants(story, row["id"])["Officials"] == "other"


# -- the article ----------------------------------------------------------------------------------

def test_article_read_and_command(story: str, db: Database) -> None:
    row = find(story, "counteroffensive")
    with db.session() as s:
        article = article_of_event(s, row["id"])
    assert article.text == TEXT and article.published == "2014-06-27"
    assert [r.start for r in article.rows] == sorted(r.start for r in article.rows)
    assert [s.paragraph for s in article.sentences] == [True] * 4  # each on a line of its own
    out = ok(story, "article", "story").stdout
    assert f"⟦#{row['id']} The army launched a counteroffensive two days later.⟧" in out
    assert "2014-06-25" in out
    data = json.loads(ok(story, "article", "--event", str(row["id"]), "--json").stdout)
    assert data["document"] == "story" and any(e["id"] == row["id"] for e in data["events"])
    for args in (["article", "nope"], ["article"], ["article", "--event", "9999"]):
        result = run(story, *args)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1
