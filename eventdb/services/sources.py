"""Reading input documents: ``.txt``, ``.json`` (one object) and ``.jsonl`` (one object a line).

Readers stream: a JSONL file of any size is read a line at a time. Every problem becomes a
:class:`Problem` (with the file and line) in the same stream, so one bad document never stops the
others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from eventdb.errors import InputError


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


def parse_published(value: object) -> date | datetime | None:
    """An ISO date or datetime, or None/"" for unknown. Raises InputError otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"published must be an ISO date string, not {type(value).__name__}")
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"published {value!r} is not an ISO date (YYYY-MM-DD) or datetime") from None


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
    return SourceDocument(
        external_id=doc_id.strip(), text=text, published=parse_published(obj.get("published")),
        title=_text_field(obj, "title"), source=_text_field(obj, "source"),
        url=_text_field(obj, "url"), origin=origin,
    )


#: Larger texts are refused: no news article comes near it, and extraction time grows with size.
MAX_TEXT_BYTES = 2_000_000


def check_text(text: str | None) -> None:
    if text is None or not text.strip():
        raise InputError("empty text")
    if len(text) > MAX_TEXT_BYTES // 4 and len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise InputError(
            f"text is {len(text.encode('utf-8')) / 1e6:.1f} MB; the limit is "
            f"{MAX_TEXT_BYTES / 1e6:.0f} MB a document (split it into articles)")
    if "\x00" in text:
        raise InputError("text contains NUL characters (a binary file?)")
    # Lone surrogates (possible through JSON escapes) cannot be stored as UTF-8.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("text contains invalid Unicode (lone surrogates)") from None


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_TEXT_BYTES * 2:
            raise InputError(f"file is {path.stat().st_size / 1e6:.1f} MB; the limit is "
                             f"{MAX_TEXT_BYTES / 1e6:.0f} MB a document")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (invalid byte at offset {exc.start})") from None


def read_path(
    path: Path, *, published: date | datetime | None = None, title: str | None = None,
    source: str | None = None,
) -> Iterator[SourceDocument | Problem]:
    """The documents in one file. ``published``/``title``/``source`` apply to ``.txt`` files."""
    name = str(path)
    suffix = path.suffix.lower()
    if path.is_dir():
        yield Problem(name, "is a folder; pass the files in it")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path)
        return
    try:
        content = _read_text(path)
        if suffix == ".json":
            try:
                obj = json.loads(content)
            except json.JSONDecodeError as exc:
                raise InputError(f"malformed JSON: {exc.msg} (line {exc.lineno})") from None
            yield document_from_object(obj, name)
        else:
            check_text(content)
            yield SourceDocument(
                external_id=path.stem, text=content, published=published, title=title,
                source=source, origin=name,
            )
    except InputError as exc:
        yield Problem(name, str(exc))


def _read_jsonl(path: Path) -> Iterator[SourceDocument | Problem]:
    name = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Problem(name, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            origin = f"{name}:{number}"
            if not raw.strip():
                continue
            try:
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise InputError(f"not UTF-8 (invalid byte at column {exc.start + 1})") from None
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"malformed JSON: {exc.msg} (column {exc.colno})") from None
                yield document_from_object(obj, origin)
            except InputError as exc:
                yield Problem(origin, str(exc))


def read_paths(paths: Iterable[Path], **txt_options) -> Iterator[SourceDocument | Problem]:
    for path in paths:
        if not path.exists():
            yield Problem(str(path), "no such file")
            continue
        yield from read_path(path, **txt_options)
