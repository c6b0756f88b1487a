"""Publication dates as users give them (issue 21): day-first and month-first numeric dates are
taken when unambiguous or when the article's dateline settles them, refused (with both readings)
only when truly ambiguous."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from eventdb.errors import InputError
from eventdb.services.published import dateline_day, parse_published
from tests.helpers import export_jsonl, ok, run

ARTICLE = "China Eastern to buy jets\n\nFebruary 03, 2009\n\nChina Eastern said on Tuesday it ordered jets.\n"


@pytest.mark.parametrize("value, text, expected", [
    ("2009-02-03", None, date(2009, 2, 3)),
    ("2009-02-03T10:00Z", None, datetime(2009, 2, 3, 10, tzinfo=timezone.utc)),
    ("03-02-2009", ARTICLE, date(2009, 2, 3)),  # day first, settled by the dateline
    ("02/03/2009", ARTICLE, date(2009, 2, 3)),  # month first, settled by the dateline
    ("25.12.2009", None, date(2009, 12, 25)),  # one reading only
    ("12/25/2009", None, date(2009, 12, 25)),
    ("03/03/2009", None, date(2009, 3, 3)),  # both readings the same day
    ("2009/02/03", None, date(2009, 2, 3)),
    ("February 3, 2009", None, date(2009, 2, 3)),
    ("Tuesday, 3 Feb 2009", None, date(2009, 2, 3)),
    ("", None, None),
])
def test_accepted(value: str, text: str | None, expected) -> None:  # noqa: ANN001
    assert parse_published(value, text) == expected


@pytest.mark.parametrize("value, text, message", [
    ("03-02-2009", None, "ambiguous: day first 2009-02-03, month first 2009-03-02 (the article has no dated dateline"),
    ("03-02-2009", "Title\n\nMarch 05, 2009\n\nText.", "the article's dateline says 2009-03-05, neither of them"),
    ("31-02-2009", None, "is not a valid date"),
    ("yesterday", None, "not an ISO date"),
    ("February 2009", None, "not an ISO date"),
])
def test_refused_with_one_clear_line(value: str, text: str | None, message: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_published(value, text)
    assert message in str(exc.value) and "\n" not in str(exc.value)


def test_dateline_day() -> None:
    assert dateline_day(ARTICLE) == date(2009, 2, 3)
    assert dateline_day("No dateline here.\n\nJust text.") is None


def test_ingest_reads_numeric_dates_through_the_dateline(db_url: str, tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    src.write_text(json.dumps({"id": "a", "published": "03-02-2009", "text": ARTICLE}) + "\n"
                   + json.dumps({"id": "b", "published": "03-02-2009", "text": "Jets were ordered on Tuesday."}) + "\n",
                   encoding="utf-8")
    result = run(db_url, "ingest", str(src))
    assert "ambiguous: day first 2009-02-03, month first 2009-03-02" in result.stderr
    docs = {r["document"] for r in export_jsonl(db_url)}
    assert docs == {"a"}
    ordered = [r for r in export_jsonl(db_url) if "ordered" in (r.get("headline") or "")]
    assert ordered and ordered[0]["value"] == "2009-02-03"  # "on Tuesday" before 2009-02-03 (a Tuesday)


def test_cli_published_option_is_settled_per_file(db_url: str, tmp_path: Path) -> None:
    txt = tmp_path / "jets.txt"
    txt.write_text(ARTICLE, encoding="utf-8")
    ok(db_url, "ingest", str(txt), "--published", "02/03/2009")
    rows = export_jsonl(db_url)
    assert rows and {r["document"] for r in rows} == {"jets"}
    other = tmp_path / "plain.txt"
    other.write_text("Jets were ordered on Tuesday.", encoding="utf-8")
    result = run(db_url, "ingest", str(other), "--published", "02/03/2009")
    assert "ambiguous" in result.stderr
