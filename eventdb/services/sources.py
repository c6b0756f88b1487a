"""Reading input documents: ``.txt``, ``.json`` (one object), ``.jsonl`` (one object a line),
``.csv`` (a header row, then one document a row) and standard input (``-``).

Readers stream: a JSONL or CSV file of any size is read a record at a time. Every problem becomes
a :class:`Problem` (with the file and line) in the same stream, so one bad document never stops
the others. :func:`validate_document` checks every field of every document, whoever made it, before
anything reaches the database.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from eventdb.errors import InputError
from eventdb.services.published import parse_published


@dataclass(slots=True)
class SourceDocument:
    external_id: str
    text: str
    published: date | datetime | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = ""  # where it came from, for messages: "file.jsonl:12"


@dataclass(slots=True)
class Problem:
    origin: str
    message: str


def _text_field(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"field {key!r} must be a string")
    return value


def document_from_object(obj: object, origin: str) -> SourceDocument:
    if not isinstance(obj, dict):
        raise InputError("expected a JSON object")
    doc_id = obj.get("id")
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise InputError("missing 'id' (a non-empty string)")
    text = _text_field(obj, "text")
    check_text(text)
    doc = SourceDocument(
        external_id=doc_id.strip(), text=text, published=parse_published(obj.get("published"), text),
        title=_text_field(obj, "title"), source=_text_field(obj, "source"),
        url=_text_field(obj, "url"), origin=origin,
    )
    validate_document(doc)
    return doc


def parse_json(text: str | bytes) -> object:
    """``json.loads``, with every way it fails as one :class:`InputError`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        # The parser recurses once per level: a line nested 100,000 deep exhausts the stack.
        raise InputError("JSON nested too deeply (not a document)") from None


#: Larger texts are refused: no news article comes near it, and extraction time grows with size.
MAX_TEXT_BYTES = 2_000_000


#: The longest document id (the column's width).
MAX_ID_CHARS = 255
#: A text with more control or unassigned characters than this share of its non-space ones is
#: not prose (a binary or corrupted file): extraction would only invent events from it.
MAX_CONTROL_SHARE = 0.2


def check_field(name: str, value: str) -> None:
    """Refuse a value no database column can hold as given, rather than altering it.

    NUL: PostgreSQL's text cannot hold it (and stripping it would store other text than was
    sent). Lone surrogates (JSON ``\\ud800`` escapes, undecodable file names): not Unicode, so
    not encodable as UTF-8.
    """
    if "\x00" in value:
        raise InputError(f"{name} contains NUL characters (a binary file?)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{name} contains invalid Unicode (lone surrogates, at character "
                         f"{exc.start + 1})") from None


def check_text(text: str | None) -> None:
    if text is None or not text.strip():
        raise InputError("empty text")
    if len(text) > MAX_TEXT_BYTES // 4 and len(text.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        raise InputError(
            f"text is {len(text.encode('utf-8', 'surrogatepass')) / 1e6:.1f} MB; the limit is "
            f"{MAX_TEXT_BYTES / 1e6:.0f} MB a document (split it into articles)")
    check_field("text", text)
    check_article(text)


def check_article(text: str) -> None:
    """Refuse a text that is not prose: no letters at all, or mostly control characters."""
    if not _LETTER.search(text):
        raise InputError("text has no letters: not an article")
    controls = len(_CONTROL.findall(text))
    # layout characters counted in C, not listed by a regular expression (20 us a document)
    visible = len(text) - sum(map(text.count, _LAYOUT_CHARS))
    if controls > MAX_CONTROL_SHARE * visible:
        raise InputError(f"text is {controls * 100 // visible}% control characters: not an "
                         "article (a binary file?)")


# Regular expressions, not a loop over characters: every document passes here.
_LETTER = re.compile(r"[^\W\d_]")
#: Control characters (Unicode category Cc) other than tab and line breaks.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LAYOUT_CHARS = (" ", "\t", "\n", "\r")


def validate_document(doc: SourceDocument) -> None:
    """Every field of ``doc`` storable as given; raises :class:`InputError` with the reason."""
    if not isinstance(doc.external_id, str) or not doc.external_id.strip():
        raise InputError("missing 'id' (a non-empty string)")
    check_field("id", doc.external_id)
    if len(doc.external_id) > MAX_ID_CHARS:
        raise InputError(f"id is {len(doc.external_id)} characters; the limit is {MAX_ID_CHARS}")
    if any(unicodedata.category(c) == "Cc" for c in doc.external_id):
        raise InputError("id contains control characters (a line break, a tab...)")
    for name in ("title", "source", "url"):
        value = getattr(doc, name)
        if value is not None:
            if not isinstance(value, str):
                raise InputError(f"field {name!r} must be a string")
            check_field(name, value)
    if not isinstance(doc.text, str):
        raise InputError("field 'text' must be a string")
    check_text(doc.text)


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_TEXT_BYTES * 2:
            raise InputError(f"file is {path.stat().st_size / 1e6:.1f} MB; the limit is "
                             f"{MAX_TEXT_BYTES / 1e6:.0f} MB a document")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    return _decode_text(data)


def _decode_text(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (invalid byte at offset {exc.start})") from None


def read_path(
    path: Path, *, published: date | datetime | str | None = None, title: str | None = None,
    source: str | None = None,
) -> Iterator[SourceDocument | Problem]:
    """The documents in one file. ``published``/``title``/``source`` apply to ``.txt`` files."""
    name = str(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        yield Problem(name, "is a folder; pass the files in it")
        return
    if suffix in (".jsonl", ".csv"):
        try:
            handle = path.open("rb")
        except OSError as exc:
            yield Problem(name, f"cannot read: {exc.strerror or exc}")
            return
        with handle:
            yield from (_jsonl_lines if suffix == ".jsonl" else _csv_rows)(handle, name)
        return
    try:
        content = _read_text(path)
        if suffix == ".json":
            yield document_from_object(parse_json(content), name)
        else:
            yield _plain_document(content, path.stem, name, published=published, title=title,
                                  source=source)
    except InputError as exc:
        yield Problem(name, str(exc))


def _plain_document(content: str, doc_id: str, origin: str, **options) -> SourceDocument:  # noqa: ANN003
    check_text(content)
    if isinstance(options.get("published"), str):  # "03-02-2009": this text's dateline settles it
        options["published"] = parse_published(options["published"], content)
    doc = SourceDocument(external_id=doc_id, text=content, origin=origin, **options)
    validate_document(doc)
    return doc


def _decode_line(raw: bytes, number: int) -> str:
    try:
        return raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (invalid byte at column {exc.start + 1})") from None


def _jsonl_lines(lines: Iterable[bytes], name: str) -> Iterator[SourceDocument | Problem]:
    """One document per non-blank line; a bad line is one :class:`Problem` with its number."""
    for number, raw in enumerate(lines, start=1):
        origin = f"{name}:{number}"
        if not raw.strip():
            continue
        try:
            yield document_from_object(parse_json(_decode_line(raw, number)), origin)
        except InputError as exc:
            yield Problem(origin, str(exc))


#: The columns a CSV file may have: the fields of a JSON document.
CSV_COLUMNS = ("id", "title", "source", "url", "published", "text")


def _csv_rows(handle: BinaryIO, name: str) -> Iterator[SourceDocument | Problem]:
    """A CSV file with a header row naming some of :data:`CSV_COLUMNS` (``id`` and ``text``
    required), one document a row; a row's origin is the line it starts on."""
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    # A field may hold a whole article (the csv module's default limit is 128 kB).
    csv.field_size_limit(max(csv.field_size_limit(), MAX_TEXT_BYTES * 2))
    reader = csv.reader(text)
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as exc:
        yield Problem(f"{name}:1", f"unreadable header row: {exc}")
        return
    if header is None:
        yield Problem(name, "empty file: a CSV file needs a header row "
                            f"({', '.join(CSV_COLUMNS)})")
        return
    columns = [c.strip().lower() for c in header]
    unknown = [c for c in columns if c not in CSV_COLUMNS]
    missing = [c for c in ("id", "text") if c not in columns]
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if unknown or missing or duplicated:
        reason = (f"unknown column {unknown[0]!r}" if unknown else
                  f"no {missing[0]!r} column" if missing else f"column {duplicated[0]!r} twice")
        yield Problem(f"{name}:1", f"{reason}; the header row names some of "
                                   f"{', '.join(CSV_COLUMNS)} (id and text required)")
        return
    while True:
        start = reader.line_num + 1
        origin = f"{name}:{start}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(origin, f"malformed CSV: {exc}")
            continue
        except UnicodeDecodeError as exc:
            yield Problem(origin, f"not UTF-8 (invalid byte {exc.object[exc.start:exc.start + 1]!r}); "
                                  "the rest of the file is not read")
            return
        if not any(field.strip() for field in row):
            continue
        if len(row) > len(columns):
            yield Problem(origin, f"{len(row)} fields but the header names {len(columns)}")
            continue
        obj = {c: (v if v != "" or c in ("id", "text") else None) for c, v in zip(columns, row)}
        try:
            yield document_from_object(obj, origin)
        except InputError as exc:
            yield Problem(origin, str(exc))


STDIN = "-"


def read_stream(stream: BinaryIO, name: str = "<stdin>", *,
                published: date | datetime | str | None = None, title: str | None = None,
                source: str | None = None) -> Iterator[SourceDocument | Problem]:
    """Documents from a byte stream (standard input), told apart by their content.

    JSON Lines if the first non-blank line is a whole JSON object; else one JSON object if the
    input starts with ``{``; else plain text, one document (``published``/``title``/``source``
    apply; its id is ``stdin-`` and the start of the text's SHA-256, so sending the same text
    again changes nothing).
    """
    lines = iter(stream)
    head: list[bytes] = []
    for raw in lines:
        head.append(raw)
        if raw.strip():
            break
    first = head[-1].lstrip(b"\xef\xbb\xbf").strip() if head else b""
    if not first:
        yield Problem(name, "no input")
        return
    if first.startswith(b"{"):
        try:
            whole_line = isinstance(json.loads(first), dict)
        except (ValueError, RecursionError):
            whole_line = False
        if whole_line:
            yield from _jsonl_lines(chain(head, lines), name)
            return
    try:
        data = b"".join(head) + _read_limited(stream)
    except InputError as exc:
        yield Problem(name, str(exc))
        return
    if first.startswith(b"{"):
        try:
            obj = parse_json(_decode_line(data, 1))
        except InputError as exc:
            if len(data.strip().splitlines()) > 1:
                # A JSON Lines stream whose first line is broken: each line on its own.
                yield from _jsonl_lines(data.splitlines(keepends=True), name)
            else:
                yield Problem(name, str(exc))
            return
        try:
            yield document_from_object(obj, name)
        except InputError as exc:
            yield Problem(name, str(exc))
        return
    try:
        content = _decode_text(data)
        doc_id = "stdin-" + hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        yield _plain_document(content, doc_id, name, published=published, title=title, source=source)
    except InputError as exc:
        yield Problem(name, str(exc))


def _read_limited(stream: BinaryIO) -> bytes:
    data = stream.read(MAX_TEXT_BYTES * 2 + 1)
    if len(data) > MAX_TEXT_BYTES * 2:
        raise InputError(f"more than {MAX_TEXT_BYTES * 2 / 1e6:.0f} MB of text: the limit is "
                         f"{MAX_TEXT_BYTES / 1e6:.0f} MB a document (send JSON Lines for many)")
    return data


def read_paths(paths: Iterable[Path], *, stdin: BinaryIO | None = None,
               **txt_options) -> Iterator[SourceDocument | Problem]:  # noqa: ANN003
    """The documents of every path in turn; ``-`` is ``stdin`` (when given)."""
    for path in paths:
        if str(path) == STDIN and stdin is not None:
            yield from read_stream(stdin, **txt_options)
            continue
        if not path.exists():
            yield Problem(str(path), "no such file")
            continue
        yield from read_path(path, **txt_options)
