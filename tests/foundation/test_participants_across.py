"""Participants joined across articles through `eventdb ingest`, on real databases."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import export_jsonl, ok


def ingest(db_url: str, tmp_path: Path, texts: list[str]) -> dict[str, set[str]]:
    """Ingest one article per text; the participant names each mention's text was given."""
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "published": "2009-03-01", "text": t}) + "\n"
                            for i, t in enumerate(texts)))
    ok(db_url, "ingest", str(path))
    names: dict[str, set[str]] = {}
    for row in export_jsonl(db_url):
        for p in row["participants"]:
            names.setdefault(p["text"], set()).add(p["name"])
    return names


def test_a_surname_alone_joins_the_person_named_in_full_elsewhere(db_url: str, tmp_path: Path) -> None:
    names = ingest(db_url, tmp_path, [
        "Wladimir Klitschko defended his title in Mannheim on Saturday.",
        "Klitschko knocked out the challenger in the second round on Saturday.",
    ])
    assert names["Klitschko"] == names["Wladimir Klitschko"] == {"Wladimir Klitschko"}


def test_two_people_sharing_a_surname_stay_two(db_url: str, tmp_path: Path) -> None:
    names = ingest(db_url, tmp_path, [
        "George Bush signed the bill on Monday.",
        "Reggie Bush scored twice on Sunday.",
    ])
    assert names["George Bush"] == {"George Bush"} and names["Reggie Bush"] == {"Reggie Bush"}


def test_a_team_named_after_its_city_joins_its_short_name(db_url: str, tmp_path: Path) -> None:
    names = ingest(db_url, tmp_path, [
        "The Indianapolis Colts beat the Jaguars on Thursday.",
        "The Colts clinched a playoff berth on Thursday.",
    ])
    assert names["Colts"] == names["Indianapolis Colts"]


def test_products_are_stored_and_exported_as_products(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a", "published": "2007-10-15",
                                "text": "Airbus delivered the first Airbus A380 on Monday."}) + "\n")
    ok(db_url, "ingest", str(path))
    kinds = {p["name"]: p["kind"] for r in export_jsonl(db_url) for p in r["participants"]}
    assert kinds["Airbus A380"] == "product"
    listed = ok(db_url, "participants", "--kind", "product")
    assert "Airbus A380" in listed.stdout


def test_the_canonical_name_becomes_the_fullest_form(db_url: str, tmp_path: Path) -> None:
    names = ingest(db_url, tmp_path, [
        "Klitschko defended his title in Mannheim on Saturday.",
        "Wladimir Klitschko knocked out the challenger on Saturday.",
    ])
    assert names["Klitschko"] == names["Wladimir Klitschko"] == {"Wladimir Klitschko"}


def test_a_curators_rename_survives_fuller_forms_and_reingest(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, ["Klitschko defended his title in Mannheim on Saturday."])
    ok(db_url, "rename-participant", "Klitschko", "Dr. Steelhammer")
    path = tmp_path / "more.jsonl"
    path.write_text(json.dumps({"id": "e", "published": "2009-03-02",
                                "text": "Wladimir Klitschko knocked out the challenger on Saturday."}) + "\n")
    ok(db_url, "ingest", str(path))
    ok(db_url, "ingest", str(path))  # again: nothing changes
    names = {p["text"]: p["name"] for r in export_jsonl(db_url) for p in r["participants"]}
    assert names["Klitschko"] == "Dr. Steelhammer"
    assert names["Wladimir Klitschko"] in ("Dr. Steelhammer", "Wladimir Klitschko")


def test_a_name_in_british_and_in_american_spelling_is_one_participant(db_url: str, tmp_path: Path) -> None:
    # either order: the first article's spelling names the participant
    names = ingest(db_url, tmp_path, [
        "The singer checked into the Hillside Recovery Centre on Monday.",
        "She left the Hillside Recovery Center on Friday.",
        "Fans gathered outside the Lakeview Arts Center on Monday.",
        "The Lakeview Arts Centre reopened on Friday.",
    ])
    assert names["Hillside Recovery Centre"] == names["Hillside Recovery Center"] == {"Hillside Recovery Centre"}
    assert names["Lakeview Arts Centre"] == names["Lakeview Arts Center"] == {"Lakeview Arts Center"}


def test_a_person_named_by_a_nickname_joins_the_full_given_name(db_url: str, tmp_path: Path) -> None:
    names = ingest(db_url, tmp_path, [
        "William Dunmore was found dead at his home on Monday.",
        "Police said Bill Dunmore had been stabbed on Monday.",
        "Kathryn Ostrander won the race on Sunday.",
        "Mary Ostrander lost the race on Sunday.",   # a given name that is no nickname of hers
    ])
    assert names["Bill Dunmore"] == names["William Dunmore"] == {"William Dunmore"}
    assert names["Mary Ostrander"] == {"Mary Ostrander"}
