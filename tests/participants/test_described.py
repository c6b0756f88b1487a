"""Participants known only by a description are never joined across articles (real SQLite)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import ok, run

pytestmark = pytest.mark.usefixtures("sql_reader_role")  # PostgreSQL: `eventdb sql` as a reader


def test_two_articles_about_a_man_keep_two_participants(db_url: str, tmp_path: Path) -> None:
    src = tmp_path / "two.jsonl"
    src.write_text("\n".join(json.dumps(d) for d in [
        {"id": "a", "published": "2024-05-06", "text": "A man robbed a bank in Ohio on Monday. "
                                                        "Police said the man fled on foot."},
        {"id": "b", "published": "2024-05-07", "text": "A man won the lottery in Texas on Tuesday. "
                                                        "The man said he would buy a boat."},
    ]) + "\n")
    ok(db_url, "ingest", str(src), "--quiet")
    rows = json.loads(run(db_url, "sql", "--json",
                          "SELECT d.external_id AS doc, p.name FROM mentions m JOIN documents d "
                          "ON d.id = m.document_id JOIN participants p ON p.id = m.participant_id "
                          "WHERE lower(m.text) LIKE '%man'").stdout)
    by_doc: dict[str, set[str]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], set()).add(r["name"])
    assert len(by_doc["a"]) == len(by_doc["b"]) == 1  # one entity in each article
    assert by_doc["a"] != by_doc["b"]  # and not the same participant
    assert by_doc["a"] == {"the man (a)"} and by_doc["b"] == {"the man (b)"}


def test_replacing_an_article_keeps_the_participants_it_describes(db_url: str, tmp_path: Path) -> None:
    for n, text in enumerate(["A man robbed a bank in Ohio on Monday. Police said the man fled.",
                              "A man robbed a bank in Ohio on Monday. Police said the man fled on foot."]):
        src = tmp_path / f"v{n}.jsonl"
        src.write_text(json.dumps({"id": "a", "published": "2024-05-06", "text": text}) + "\n")
        ok(db_url, "ingest", str(src), "--quiet", *(["--replace"] if n else []))
    rows = json.loads(run(db_url, "sql", "--json", "SELECT name FROM participants "
                                                   "WHERE name LIKE 'the man%'").stdout)
    assert [r["name"] for r in rows] == ["the man (a)"]  # one, not one per version
