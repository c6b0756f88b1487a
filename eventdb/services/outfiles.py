"""Files and CSV the project writes: spreadsheet-safe cells, atomic files, never the database.

Every CSV eventdb writes (``export``, the TimelineJS sheet, ``sql --csv``, ``report --csv``...)
goes through :func:`write_csv_rows`, and every file through :func:`output_file`:

- CSV is RFC 4180 (the ``excel`` dialect: ``\\r\\n`` between records), so a cell holding a CR or
  an LF is always quoted and reads back as one cell of one record (with ``lineterminator="\\n"``
  Python's writer left a bare CR unquoted, and a reader split the record there).
- A text cell a spreadsheet would run as a formula gets a leading ``'`` (:func:`neutralize`):
  one starting with ``= + - @``, their full-width and small forms or the minus sign, also after
  leading white space or invisible characters (zero-width space, BOM...), and one starting with
  a tab or CR. Numbers (``int``, ``float``, ``Decimal``) are written as they are: ``-3`` from a
  numeric column stays a number; the *text* ``"-3"`` is neutralised like any text.
- A file is written to a temporary name in the target's folder, synced and renamed over the
  target, so a failure (full disk, file size limit, interrupt) leaves the old file or nothing,
  never a partial file, and is reported in one line.
- A path that is the database (or its ``-wal``, ``-shm``, ``-journal``) is refused before anything
  is opened: ``export -o news.sqlite`` must not turn the database into a CSV header.
"""

from __future__ import annotations

import csv
import errno
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from eventdb.errors import InputError

#: Characters a spreadsheet may read as the start of a formula.
FORMULA_CHARS = "=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\u2212"
#: A cell starting with one of these is neutralised whatever follows (field separators for some
#: importers).
RAW_STARTS = "\t\r"
#: Characters a spreadsheet skips before a formula: every character ``str.isspace`` knows, and the
#: invisible ones (soft hyphen, zero-width space/joiners, marks, BOM, bidi controls).
LEADING_IGNORED = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    "\xad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
#: The CSV dialect of every file: RFC 4180 (CRLF; CR and LF inside a cell are quoted).
CSV_DIALECT = "excel"

_NUMBERS = (int, float, Decimal)


def is_formula(text: str) -> bool:
    """Would a spreadsheet run ``text`` as a formula (or split it at a leading tab/CR)?"""
    if not text:
        return False
    if text[0] in RAW_STARTS:
        return True
    first = text.lstrip(LEADING_IGNORED)[:1]
    return first != "" and first in FORMULA_CHARS


def neutralize(cell: Any) -> Any:
    """``'`` before text a spreadsheet would run as a formula; other values unchanged."""
    if isinstance(cell, str) and cell and is_formula(cell):
        return "'" + cell
    return cell


def csv_writer(out: IO[str]):  # noqa: ANN201 - the csv module's writer type is private
    """The one CSV writer configuration of the project (see :data:`CSV_DIALECT`)."""
    return csv.writer(out, dialect=CSV_DIALECT)


def safe_row(row: Iterable[Any]) -> list[Any]:
    """One row's cells as written: None as empty, text neutralised, numbers kept."""
    return ["" if c is None else c if isinstance(c, _NUMBERS) else neutralize(c) for c in row]


def write_csv_rows(out: IO[str], header: Iterable[str], rows: Iterable[Iterable[Any]]) -> int:
    """Write a header and rows, every text cell neutralised. Returns the row count."""
    writer = csv_writer(out)
    writer.writerow(safe_row(header))
    write = writer.writerow
    count = 0
    for row in rows:
        write(safe_row(row))
        count += 1
    return count


# -- files ---------------------------------------------------------------------------------------

def database_files(url: str | None) -> list[Path]:
    """The files of a SQLite database URL (the file, its WAL, shared memory and journal)."""
    if not url:
        return []
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - an unusable URL is reported where it is opened
        return []
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return []
    database = parsed.database
    if database.startswith("file:"):  # a URI filename: file:/path?mode=ro
        database = database[5:].split("?", 1)[0]
    path = Path(database).expanduser()
    return [path] + [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)  # hard links
    except OSError:
        return False


def check_not_protected(target: Path, protected: Iterable[Path]) -> None:
    """InputError when ``target`` is one of ``protected`` (the database and its companions)."""
    protected = list(protected)
    for path in protected:
        if _same_file(target, path):
            what = "the database" if path == protected[0] else f"a file of the database {protected[0]}"
            raise InputError(f"refusing to write to {target}: it is {what}; "
                             "choose another output file")


def describe_os_error(exc: OSError, target: Path) -> str:
    """One line for a failed write; says that nothing was written."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full: nothing was written to {target}"
    if exc.errno == errno.EFBIG:
        return f"the file is larger than this system allows: nothing was written to {target}"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"cannot write {target}: {reason}; nothing was written"


def _temporary(target: Path) -> tuple[Path, int]:
    """A new file beside ``target`` (same folder, so the rename is atomic), with the mode a new
    file gets (umask applied) or the target's own."""
    for _ in range(100):
        tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                         0o666)
        except FileExistsError:
            continue
        try:
            os.chmod(fd, stat.S_IMODE(os.stat(target).st_mode))
        except OSError:
            pass  # no target yet: keep the umask's mode
        return tmp, fd
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target))


@contextmanager
def output_file(target: Path | str, *, protect: Iterable[Path] = ()) -> Iterator[IO[str]]:
    """A UTF-8 text stream whose content replaces ``target`` only when the block succeeds.

    The content goes to a temporary file in the same folder, is flushed to disk and renamed over
    ``target``; on any error the temporary file is removed, ``target`` is left as it was, and an
    OSError becomes an :class:`InputError` of one line. ``protect``: paths never to write over
    (pass :func:`database_files` of the database in use). A target that exists and is not a
    regular file (``/dev/stdout``, a pipe) is written to directly: it cannot be renamed over.
    """
    target = Path(target)
    check_not_protected(target, protect)
    if target.exists() and not target.is_file():
        if target.is_dir():
            raise InputError(f"cannot write {target}: it is a folder")
        try:
            with target.open("w", encoding="utf-8", newline="") as stream:
                yield stream
        except OSError as exc:
            raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
        return
    real = Path(os.path.realpath(target))  # through a symlink: replace the file it names
    if real.exists() and not os.access(real, os.W_OK):  # a rename would not ask the file
        raise InputError(f"cannot write {target}: permission denied")
    try:
        tmp, fd = _temporary(real)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    done = False
    try:
        with open(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, real)
        done = True
    except OSError as exc:
        raise InputError(describe_os_error(exc, target)) from None
    finally:
        if not done:
            try:
                os.unlink(tmp)
            except OSError:
                pass
