"""Ingest hardening: a bad document is one skipped line with its reason, whatever field or
character makes it bad, on both databases; the good documents of the same batch still go in.
Standard input, CSV files and the same text under another id."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from eventdb.db.engine import Database
from eventdb.db.models import Document
from eventdb.services.ingest import ingest
from eventdb.services.sources import Problem, SourceDocument
from tests.helpers import ok, run

GOOD = [
    {"id": "good-1", "published": "2014-06-27", "text": "Rebels attacked the town on Thursday."},
    {"id": "good-2", "published": "2014-06-27", "text": "Jets struck the bridge on Friday."},
]


def jsonl(tmp_path: Path, *lines: str | dict, name: str = "batch.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join((x if isinstance(x, str) else json.dumps(x)) + "\n" for x in lines),
                    encoding="utf-8")
    return path


def stored(url: str) -> dict:
    """The stored documents by id: title, source, url and text."""
    db = Database(url)
    try:
        with db.session() as s:
            return {r.external_id: r for r in s.execute(select(
                Document.external_id, Document.title, Document.source, Document.url, Document.text))}
    finally:
        db.dispose()


def skipped(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("skipped ")]


# Values no column can hold: lone surrogates (from JSON escapes) and NUL (PostgreSQL text).
BAD_VALUES = {"surrogate": ("t\ud800x", "invalid Unicode (lone surrogates"),
              "low-surrogate": ("\udfff", "invalid Unicode (lone surrogates"),
              "nul": ("t\x00x", "NUL characters")}


@pytest.mark.parametrize("field", ["id", "title", "source", "url", "text"])
@pytest.mark.parametrize("kind", sorted(BAD_VALUES))
def test_a_bad_value_in_any_field_is_one_skipped_line(db_url: str, tmp_path: Path, field: str,
                                                      kind: str) -> None:
    value, reason = BAD_VALUES[kind]
    bad = {"id": "bad", "title": "Strikes", "source": "Wire", "url": "http://x.test/a",
           "published": "2014-06-27", "text": "Rebels attacked the town on Saturday."}
    bad[field] = value if field != "text" else "Rebels attacked " + value
    path = jsonl(tmp_path, GOOD[0], bad, GOOD[1])  # json.dumps writes \ud800 and \u0000 escapes
    result = run(db_url, "ingest", str(path))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    lines = skipped(result.stderr)
    assert len(lines) == 1 and lines[0].startswith(f"skipped {path}:2: {field} contains {reason}")
    assert set(stored(db_url)) == {"good-1", "good-2"}


def test_documents_made_by_code_are_validated_too(db_url: str) -> None:
    """The service checks every document, not only what its readers made: a bad one fails alone
    and the good ones of its batch are stored."""
    docs = [
        SourceDocument("svc-good", "Rebels attacked the town on Thursday.", origin="a:1"),
        SourceDocument("svc-nul", "Jets struck on Friday.", title="x\x00", origin="a:2"),
        SourceDocument("svc-sur", "Jets struck on Monday.", url="\ud834", origin="a:3"),
        SourceDocument("x" * 300, "Jets struck on Tuesday.", origin="a:4"),
        SourceDocument("line\nbreak", "Jets struck on Sunday.", origin="a:5"),
        SourceDocument("svc-good-2", "Troops entered the city on Monday.", origin="a:6"),
    ]
    db = Database(db_url)
    try:
        report = ingest(db, docs)
    finally:
        db.dispose()
    assert report.added == 2
    assert [(p.origin, p.message) for p in report.failed] == [
        ("a:2", "title contains NUL characters (a binary file?)"),
        ("a:3", "url contains invalid Unicode (lone surrogates, at character 1)"),
        ("a:4", "id is 300 characters; the limit is 255"),
        ("a:5", "id contains control characters (a line break, a tab...)"),
    ]
    assert set(stored(db_url)) == {"svc-good", "svc-good-2"}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_json_nested_too_deeply_is_one_skipped_document(db_url: str, tmp_path: Path) -> None:
    deep = '{"id": "deep", "text": "Rebels attacked.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    deep_object = '{"id": "deep2", "x": ' + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "}"
    path = jsonl(tmp_path, GOOD[0], deep, deep_object, GOOD[1])
    single = tmp_path / "deep.json"
    single.write_text(deep, encoding="utf-8")
    result = run(db_url, "ingest", str(path), str(single))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert skipped(result.stderr) == [
        f"skipped {path}:2: JSON nested too deeply (not a document)",
        f"skipped {path}:3: JSON nested too deeply (not a document)",
        f"skipped {single}: JSON nested too deeply (not a document)",
    ]
    assert set(stored(db_url)) == {"good-1", "good-2"}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_text_that_is_not_an_article_is_refused(db_url: str, tmp_path: Path) -> None:
    controls = tmp_path / "controls.txt"
    controls.write_text("".join(chr(i) for i in [*range(1, 9), *range(14, 32), 127]) * 200,
                        encoding="utf-8")
    mostly = tmp_path / "mostly.txt"
    mostly.write_text("Rebels attacked on Thursday. " + "\x01\x02\x03\x1b" * 100, encoding="utf-8")
    path = jsonl(tmp_path, {"id": "digits", "text": "12 345 -- 67 !!! 2014-06-27"},
                 {"id": "c1", "text": "\x85\x9f\x80" * 50 + " ok"}, GOOD[0])
    result = run(db_url, "ingest", "--published", "2014-06-27", str(controls), str(mostly), str(path))
    assert result.exit_code == 1
    lines = skipped(result.stderr)
    assert lines[0] == f"skipped {controls}: text has no letters: not an article"
    assert lines[1].startswith(f"skipped {mostly}: text is ") and "control characters: not an article" in lines[1]
    assert lines[2] == f"skipped {path}:1: text has no letters: not an article"
    assert lines[3].startswith(f"skipped {path}:2: text is ") and "not an article" in lines[3]
    assert set(stored(db_url)) == {"good-1"}


# --- standard input -------------------------------------------------------------------------

@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_stdin_json_lines(db_url: str) -> None:
    lines = "\n".join(json.dumps(d) for d in GOOD) + "\n" + '{"id": "bad", "text": ""}\n'
    result = run(db_url, "ingest", "-", input=lines)
    assert result.exit_code == 1
    assert skipped(result.stderr) == ["skipped <stdin>:3: empty text"]
    assert set(stored(db_url)) == {"good-1", "good-2"}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_stdin_one_pretty_printed_json_object(db_url: str) -> None:
    ok(db_url, "ingest", "-", input=json.dumps(GOOD[0], indent=2))
    assert set(stored(db_url)) == {"good-1"}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_stdin_json_lines_with_a_broken_first_line(db_url: str) -> None:
    result = run(db_url, "ingest", "-", input='{"id": "x", "text": \n' + json.dumps(GOOD[1]) + "\n")
    assert result.exit_code == 1
    assert [line.split(": malformed")[0] for line in skipped(result.stderr)] == ["skipped <stdin>:1"]
    assert set(stored(db_url)) == {"good-2"}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_stdin_plain_text_with_options(db_url: str, tmp_path: Path) -> None:
    text = "Syrian jets bombed militant positions on Thursday, officials said.\n"
    ok(db_url, "ingest", "-", "--published", "2014-06-27", "--title", "Strikes", input=text)
    docs = stored(db_url)
    assert len(docs) == 1
    (doc_id, doc), = docs.items()
    assert doc_id.startswith("stdin-") and doc.title == "Strikes" and doc.text == text
    # The same text again changes nothing.
    result = ok(db_url, "ingest", "-", "--published", "2014-06-27", "--title", "Strikes", input=text)
    assert "1 unchanged" in result.stderr
    # Along with files.
    path = jsonl(tmp_path, GOOD[0])
    ok(db_url, "ingest", str(path), "-", input=json.dumps(GOOD[1]) + "\n")
    assert set(stored(db_url)) == {doc_id, "good-1", "good-2"}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("data, message", [("", "no input"), ("\n  \n", "no input"),
                                           ("\x01\x02\x03 42", "not an article")])
def test_stdin_nothing_usable(db_url: str, data: str, message: str) -> None:
    result = run(db_url, "ingest", "-", input=data)
    assert result.exit_code == 1
    assert len(skipped(result.stderr)) == 1 and message in skipped(result.stderr)[0]
    assert stored(db_url) == {}


# --- CSV --------------------------------------------------------------------------------------

def write_csv(tmp_path: Path, header: list[str], rows: list[list[str]], name: str = "docs.csv") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_csv_rows_are_documents(db_url: str, tmp_path: Path) -> None:
    long_text = "Rebels attacked the town on Thursday. " * 5000  # > csv's default 128 kB field
    path = write_csv(tmp_path, ["id", "title", "source", "url", "published", "text"], [
        ["c1", "Strikes", "Wire", "http://x.test/1", "2014-06-27",
         "Syrian jets bombed positions on Thursday.\nOfficials confirmed it on Friday."],
        ["c2", "", "", "", "", "Troops entered the city on Monday."],
        ["c3", "Bad date", "", "", "June 27", "Jets struck."],
        ["c4", "Long", "", "", "2014-06-27", long_text],
        ["", "No id", "", "", "", "Jets struck on Friday."],
    ])
    result = run(db_url, "ingest", str(path))
    assert result.exit_code == 1
    # Line numbers are those of the file: c1's text spans lines 2 and 3.
    assert [line.split(": ", 1)[0] for line in skipped(result.stderr)] == [
        f"skipped {path}:5", f"skipped {path}:7"]
    assert "not an ISO date" in skipped(result.stderr)[0]
    assert "missing 'id'" in skipped(result.stderr)[1]
    docs = stored(db_url)
    assert set(docs) == {"c1", "c2", "c4"}
    assert docs["c1"].title == "Strikes" and docs["c1"].url == "http://x.test/1"
    assert docs["c1"].text == "Syrian jets bombed positions on Thursday.\nOfficials confirmed it on Friday."
    assert docs["c2"].title is None and docs["c4"].text == long_text


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@pytest.mark.parametrize("header, message", [
    (["id", "headline", "text"], "unknown column 'headline'"),
    (["id", "title"], "no 'text' column"),
    (["title", "text"], "no 'id' column"),
    (["id", "text", "text"], "column 'text' twice"),
])
def test_csv_with_unknown_or_missing_columns_is_refused(db_url: str, tmp_path: Path,
                                                         header: list[str], message: str) -> None:
    path = write_csv(tmp_path, header, [["a", "Rebels attacked on Thursday.", "x"][:len(header)]])
    result = run(db_url, "ingest", str(path))
    assert result.exit_code == 1
    assert skipped(result.stderr) == [
        f"skipped {path}:1: {message}; the header row names some of id, title, source, url, "
        "published, text (id and text required)"]
    assert stored(db_url) == {}


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_csv_odd_rows(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("\ufeffid,text\n"
                    "a,Rebels attacked on Thursday.,extra\n"
                    "\n"
                    "b,Jets struck on Friday.\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    result = run(db_url, "ingest", str(path), str(empty))
    assert result.exit_code == 1
    assert skipped(result.stderr) == [
        f"skipped {path}:2: 3 fields but the header names 2",
        f"skipped {empty}: empty file: a CSV file needs a header row (id, title, source, url, "
        "published, text)"]
    assert set(stored(db_url)) == {"b"}


# --- the same text under another id -----------------------------------------------------------

def test_same_text_under_another_id_is_reported_and_skipped(db_url: str, tmp_path: Path) -> None:
    ok(db_url, "ingest", str(jsonl(tmp_path, *GOOD, name="first.jsonl")))
    again = jsonl(tmp_path,
                  dict(GOOD[0], id="copy-1", title="Other title"),   # stored text, other id
                  {"id": "new", "text": "Troops entered the city on Monday."},
                  {"id": "copy-2", "text": "Troops entered the city on Monday."},  # same run
                  GOOD[1],                                            # same id: unchanged
                  name="again.jsonl")
    result = run(db_url, "ingest", str(again))
    assert result.exit_code == 1
    assert skipped(result.stderr) == [
        f"skipped {again}:1: same text as document 'good-1' (use --allow-duplicate-text to store it too)",
        f"skipped {again}:3: same text as document 'new' (use --allow-duplicate-text to store it too)",
    ]
    assert "1 added, 0 replaced, 1 unchanged, 2 failed" in result.stderr
    assert set(stored(db_url)) == {"good-1", "good-2", "new"}
    # Asked for, they go in; and a re-run then changes nothing.
    ok(db_url, "ingest", "--allow-duplicate-text", str(again))
    assert set(stored(db_url)) == {"good-1", "good-2", "new", "copy-1", "copy-2"}
    result = ok(db_url, "ingest", str(again))
    assert "4 unchanged" in result.stderr


def test_problems_never_stop_the_stream(db_url: str) -> None:
    """Problems already in the stream pass through the validation untouched."""
    db = Database(db_url)
    try:
        report = ingest(db, [Problem("f:1", "reason"), SourceDocument("ok", GOOD[0]["text"])])
    finally:
        db.dispose()
    assert report.added == 1 and [(p.origin, p.message) for p in report.failed] == [("f:1", "reason")]
