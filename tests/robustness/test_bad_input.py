"""Hostile input: each bad document gets one clear error, the rest of the batch still goes in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from eventdb.db.engine import Database
from eventdb.db.models import Document, Event
from eventdb.services.ingest import ingest
from eventdb.services.sources import SourceDocument
from tests.helpers import export_jsonl, ok, run

GOOD = {"id": "good", "published": "2014-06-27", "text": "Rebels attacked the town on Thursday."}


def batch(tmp_path: Path, *objects_or_lines) -> Path:  # noqa: ANN002
    path = tmp_path / "batch.jsonl"
    lines = [o if isinstance(o, str) else json.dumps(o) for o in objects_or_lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored_ids(url: str) -> set[str]:
    db = Database(url)
    with db.session() as s:
        ids = set(s.scalars(select(Document.external_id)))
    db.dispose()
    return ids


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("bad, message", [
    ({"id": "big", "published": "2014-06-27", "text": "Rebels attacked. " * 700_000}, "the limit is 2 MB"),
    ({"id": "nul", "text": "Rebels\x00attacked"}, "NUL characters"),
    ('{"id": "surrogate", "text": "Rebels \\ud800 attacked"}', "lone surrogates"),
    ({"id": "date", "published": "June 27", "text": "Rebels attacked."}, "not an ISO date"),
    ({"id": "date2", "published": "2014-02-30", "text": "Rebels attacked."}, "not an ISO date"),
    ({"id": "num", "published": 20140627, "text": "Rebels attacked."}, "must be an ISO date string"),
    ({"id": "", "text": "Rebels attacked."}, "missing 'id'"),
    ({"id": "t", "text": ["not", "a", "string"]}, "field 'text' must be a string"),
    ('["a", "list"]', "expected a JSON object"),
    ('{"id": "x", "text": "unterminated', "malformed JSON"),
])
def test_each_bad_document_is_one_clear_error(db_url: str, tmp_path: Path, bad, message: str) -> None:  # noqa: ANN001
    path = batch(tmp_path, bad, GOOD)
    result = run(db_url, "ingest", str(path))
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(problems) == 1
    assert problems[0].startswith(f"skipped {path}:1: ")
    assert message in problems[0]
    assert "Traceback" not in result.stderr
    assert stored_ids(db_url) == {"good"}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_odd_but_valid_text_goes_in(db_url: str, tmp_path: Path) -> None:
    long_sentence = "The convoy " + " ".join(f"passed village{i}" for i in range(2500)) + " on Thursday."
    oddities = {
        "rtl": "قصفت الطائرات مواقع المسلحين يوم الخميس. Officials said on Thursday that jets struck.",
        "emoji": "Rebels 🚀 attacked the town 💥 on Thursday, officials said 👍.",
        "combining": "Zoë and Renée met in Montréal on Thursday; the talks ended Friday.",
        "controls": "Rebels attacked\u200b the town\u2028on Thursday.\u202e Officials said nothing.",
        "long": long_sentence,
    }
    path = batch(tmp_path, *({"id": k, "published": "2014-06-27", "text": v} for k, v in oddities.items()))
    ok(db_url, "ingest", str(path))
    assert stored_ids(db_url) == set(oddities)
    for row in export_jsonl(db_url):
        text = oddities[row["document"]]
        assert 0 <= row["start"] < row["end"] <= len(text)
        for p in row["participants"]:
            assert text[p["start"]:p["end"]] == p["text"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_binary_and_wrong_encodings(db_url: str, tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.txt"
    utf16.write_text("Rebels attacked on Thursday.", encoding="utf-16")
    gz = tmp_path / "archive.jsonl"
    gz.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xff\xfe")
    good = tmp_path / "good.txt"
    good.write_text("Rebels attacked the town on Thursday.", encoding="utf-8")
    result = run(db_url, "ingest", str(utf16), str(gz), str(good), "--published", "2014-06-27")
    assert result.exit_code == 1
    assert f"skipped {utf16}: binary file" in result.stderr or f"skipped {utf16}: not UTF-8" in result.stderr
    assert f"skipped {gz}:1: not UTF-8" in result.stderr
    assert stored_ids(db_url) == {"good"}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=400), published=st.one_of(st.none(), st.dates()))
def test_ingest_never_crashes_and_never_writes_half(db_url: str, text: str, published) -> None:  # noqa: ANN001
    db = Database(db_url)
    doc = SourceDocument(external_id=f"h{abs(hash((text, published)))}", text=text, published=published)
    report = ingest(db, [doc])
    with db.session() as s:
        stored = s.scalar(select(func.count()).select_from(Document).where(
            Document.external_id == doc.external_id))
        events = s.scalar(select(func.count()).select_from(Event).join(Document).where(
            Document.external_id == doc.external_id))
    db.dispose()
    if report.failed:
        # Refused input leaves nothing; the reason is one line.
        assert len(report.failed[0].message.splitlines()) == 1
        assert stored in (0, 1)  # 1 only if an earlier example stored the very same document
    else:
        assert stored == 1
        assert events >= 0
