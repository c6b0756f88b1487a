"""Splitting a participant the machine or a curator joined wrongly: CLI and TUI, one change with
undo; later articles and re-ingests follow the split. Real databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import export_jsonl, ok, run

pytestmark = pytest.mark.usefixtures("sql_reader_role")

DOC = {"id": "p1", "published": "2009-01-10",
       "text": "Daimler Chrysler announced a merger on Monday. Chrysler said the deal would close "
               "in March."}
LATER = {"id": "p2", "published": "2009-01-12", "text": "Chrysler cut 500 jobs in Detroit on Sunday."}


def write(tmp_path: Path, name: str, *docs: dict) -> str:
    path = tmp_path / name
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return str(path)


def names_of(db_url: str) -> dict[str, set[str]]:
    """Each event's headline start -> the canonical names taking part."""
    return {r["headline"][:20]: {p["name"] for p in r["participants"]} for r in export_jsonl(db_url)}


def test_split_moves_the_name_and_its_mentions_and_later_articles_follow(
        db_url: str, tmp_path: Path) -> None:
    ok(db_url, "ingest", write(tmp_path, "a.jsonl", DOC))
    run(db_url, "merge-participants", "Daimler Chrysler", "Chrysler")  # a wrong join (if not yet)
    assert names_of(db_url)["Chrysler said the de"] == {"Daimler Chrysler"}
    out = ok(db_url, "--curator", "ana", "split-participant", "Daimler Chrysler", "Chrysler",
             "--note", "two companies").stdout
    assert "split Chrysler off Daimler Chrysler" in out
    names = names_of(db_url)
    assert names["Chrysler said the de"] == {"Chrysler"}
    assert names["Daimler Chrysler ann"] == {"Daimler Chrysler"}
    # A later article and a re-ingest put the name on the split-off participant.
    ok(db_url, "ingest", write(tmp_path, "b.jsonl", LATER))
    assert "Chrysler" in names_of(db_url)["Chrysler cut 500 job"]
    assert "Daimler Chrysler" not in names_of(db_url)["Chrysler cut 500 job"]
    ok(db_url, "ingest", "--replace", write(tmp_path, "c.jsonl",
                                            dict(DOC, text=DOC["text"] + " Shares rose.")))
    assert names_of(db_url)["Chrysler said the de"] == {"Chrysler"}


def test_split_undo_and_refusals(db_url: str, tmp_path: Path) -> None:
    ok(db_url, "ingest", write(tmp_path, "a.jsonl", DOC))
    run(db_url, "merge-participants", "Daimler Chrysler", "Chrysler")
    ok(db_url, "split-participant", "Daimler Chrysler", "Chrysler")
    ok(db_url, "undo")
    assert names_of(db_url)["Chrysler said the de"] == {"Daimler Chrysler"}
    listed = ok(db_url, "participants").stdout
    assert "Chrysler" in listed and listed.count("Daimler Chrysler") == 1
    for args, words in ((("Daimler Chrysler", "Ford"), "is not known as 'Ford'"),
                        (("Daimler Chrysler", "Daimler Chrysler"), "own name"),
                        (("Nobody", "Chrysler"), "no participant named 'Nobody'")):
        result = run(db_url, "split-participant", *args)
        assert result.exit_code != 0 and words in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1



def test_a_merge_taken_apart_brings_the_merged_participant_back(db_url: str, tmp_path: Path) -> None:
    ford = {"id": "f1", "published": "2009-01-12", "text": "Ford cut 300 jobs in Detroit on Sunday."}
    ok(db_url, "ingest", write(tmp_path, "a.jsonl", LATER, ford))
    before = {p["name"]: p["id"] for p in json.loads(ok(db_url, "participants", "--json").stdout)}
    ok(db_url, "merge-participants", "Chrysler", "Ford")  # a wrong merge
    assert names_of(db_url)["Ford cut 300 jobs in"] == {"Chrysler", "Detroit"}
    ok(db_url, "split-participant", "Chrysler", "Ford")
    after = {p["name"]: p["id"] for p in json.loads(ok(db_url, "participants", "--json").stdout)}
    assert after["Ford"] == before["Ford"]  # the same participant, not a new one
    assert names_of(db_url)["Ford cut 300 jobs in"] == {"Ford", "Detroit"}
    ok(db_url, "undo")
    assert names_of(db_url)["Ford cut 300 jobs in"] == {"Chrysler", "Detroit"}
