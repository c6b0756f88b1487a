"""A participant's kind from what its articles say of it (real databases)."""

from __future__ import annotations

import json
from pathlib import Path

from eventdb.extract import extract
from tests.helpers import ok, run


def ingest_one(url: str, tmp_path: Path, doc_id: str, published: str, text: str) -> None:
    path = tmp_path / f"{doc_id}.jsonl"
    path.write_text(json.dumps({"id": doc_id, "published": published, "text": text}) + "\n")
    ok(url, "ingest", str(path), "--quiet")


def kinds(url: str) -> dict[str, str]:
    return {p["name"]: p["kind"] for p in json.loads(ok(url, "participants", "--json").stdout)}


def test_a_name_the_company_refers_to_is_an_organisation() -> None:
    x = extract("Zentrix said on Monday it would cut 300 jobs. The company employs 900 people.", None)
    assert {e.name: e.kind for e in x.entities}["Zentrix"] == "organisation"
    # nothing said: its kind stays unknown
    x = extract("Zentrix won the award on Monday.", None)
    assert {e.name: e.kind for e in x.entities}["Zentrix"] == "other"


def test_a_later_article_settles_the_kind_unless_a_curator_touched_it(db_url: str, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(json.dumps(d) for d in [
        {"id": "a", "published": "2024-05-06", "text": "Zentrix won the award on Monday."},
        {"id": "b", "published": "2024-05-06", "text": "Quorvane won the award on Monday."},
    ]) + "\n")
    ok(db_url, "ingest", str(first), "--quiet")
    assert kinds(db_url)["Zentrix"] == kinds(db_url)["Quorvane"] == "other"
    ok(db_url, "rename-participant", "Quorvane", "Quorvane Labs")  # a curator's participant now
    later = tmp_path / "later.jsonl"
    later.write_text("\n".join(json.dumps(d) for d in [
        {"id": "c", "published": "2024-05-07", "text": "Zentrix said on Tuesday it would cut 300 jobs. "
                                                        "The company employs 900 people."},
        {"id": "d", "published": "2024-05-07", "text": "Quorvane said on Tuesday it would cut 300 jobs. "
                                                        "The company employs 900 people."},
    ]) + "\n")
    ok(db_url, "ingest", str(later), "--quiet")
    after = kinds(db_url)
    assert after["Zentrix"] == "organisation"
    assert after["Quorvane Labs"] == "other"  # curated: its articles do not change it


def test_a_curator_sets_a_kind_that_later_articles_keep_and_undo_restores(db_url: str, tmp_path: Path) -> None:
    ingest_one(db_url, tmp_path, "a", "2024-05-06", "Zentrix won the award on Monday.")
    assert kinds(db_url)["Zentrix"] == "other"
    out = ok(db_url, "set-participant-kind", "Zentrix", "product").stdout
    assert "Zentrix: other → product" in out
    assert kinds(db_url)["Zentrix"] == "product"
    # an article that says it is a company does not undo the curator's word
    ingest_one(db_url, tmp_path, "b", "2024-05-07",
               "Zentrix said on Tuesday it would cut 300 jobs. The company employs 900.")
    assert kinds(db_url)["Zentrix"] == "product"
    assert "Zentrix: other → product" in ok(db_url, "undo").stdout
    assert kinds(db_url)["Zentrix"] == "other"


def test_a_kind_no_one_knows_or_the_same_kind_is_refused_and_changes_nothing(db_url: str, tmp_path: Path) -> None:
    ingest_one(db_url, tmp_path, "a", "2024-05-06", "Zentrix won the award on Monday.")
    for args, says in [(("Zentrix", "planet"), "planet"), (("Zentrix", "other"), "already"),
                       (("Nobody", "place"), "no participant")]:
        r = run(db_url, "set-participant-kind", *args)
        assert r.exit_code != 0 and says in (r.stderr or r.output) and len((r.stderr or "").strip().splitlines()) <= 1
    assert kinds(db_url)["Zentrix"] == "other"


def test_a_participant_known_only_by_a_description_is_found_by_its_listed_name(db_url: str, tmp_path: Path) -> None:
    # "the insurgents" of one article joins nothing across articles and has no alias: the name
    # `participants` lists must still reach it (it could not be renamed, merged or given a kind)
    ingest_one(db_url, tmp_path, "raid", "2014-06-26", "The insurgents seized the town on Monday. The insurgents then fled.")
    name = next(n for n in kinds(db_url) if n.startswith("the insurgents"))
    assert "→ organisation" in ok(db_url, "set-participant-kind", name, "organisation").stdout
    assert kinds(db_url)[name] == "organisation"
    ok(db_url, "rename-participant", name, "the rebels of the raid")
    assert "the rebels of the raid" in kinds(db_url)
