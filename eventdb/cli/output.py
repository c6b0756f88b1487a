"""The one output convention of every listing command: ``--table`` (default), ``--csv``, ``--json``.

Commands build a :class:`Listing` (column names and rows) and hand it to :func:`emit`; they never
format output themselves, so every listing reads the same way:

- ``--table``: a Rich table for people (cells are shown as text, never as Rich markup);
- ``--csv``: RFC 4180 CSV with a header, every cell protected against formula injection;
- ``--json``: a JSON array of objects, one per row, dates as ISO 8601 strings.

Rows are streamed for CSV and JSON, so a large listing does not have to fit in memory.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any, NoReturn

import click

from eventdb.errors import InputError
from eventdb.services.outfiles import write_csv_rows

FORMATS = ("table", "csv", "json")


@dataclass(slots=True)
class Listing:
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]
    title: str | None = None


def listing_options(command: Callable) -> Callable:
    """Add ``--table/--csv/--json`` to a command; it receives ``fmt`` (one of :data:`FORMATS`)."""

    @click.option("--json", "as_json", is_flag=True, help="Output a JSON array of objects.")
    @click.option("--csv", "as_csv", is_flag=True, help="Output CSV with a header row.")
    @click.option("--table", "as_table", is_flag=True, help="Output a table (the default).")
    @functools.wraps(command)
    def wrapper(*args: Any, as_table: bool, as_csv: bool, as_json: bool, **kwargs: Any) -> Any:
        chosen = [name for name, on in (("table", as_table), ("csv", as_csv), ("json", as_json)) if on]
        if len(chosen) > 1:
            raise click.UsageError(f"choose one output format, not {' and '.join('--' + c for c in chosen)}")
        return command(*args, fmt=chosen[0] if chosen else "table", **kwargs)

    return wrapper


# -- cell values ---------------------------------------------------------------------------------

def text_cell(value: Any) -> str:
    """A value as text, the same in tables and CSV."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\x" + bytes(value).hex()
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=json_cell)
    return str(value)


def json_cell(value: Any) -> Any:
    """A value JSON can carry: numbers stay numbers, dates become ISO strings."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (list, tuple)):
        return [json_cell(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_cell(v) for k, v in value.items()}
    return str(value)


def unique_names(columns: Sequence[str]) -> list[str]:
    """JSON keys must differ: a repeated column name gets ``_2``, ``_3``..."""
    taken: set[str] = set()
    names = []
    for column in columns:
        base = column or "?column?"
        name, k = base, 1
        while name in taken:
            k += 1
            name = f"{base}_{k}"
        taken.add(name)
        names.append(name)
    return names


# -- writers -------------------------------------------------------------------------------------

def csv_cell(value: Any) -> Any:
    """A number stays a number (``-3`` is no formula: never given a ``'``); the rest is text."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    return text_cell(value)


def write_csv(out: IO[str], listing: Listing) -> int:
    """RFC 4180 CSV through the project's one safe writer (``eventdb.services.outfiles``)."""
    return write_csv_rows(out, listing.columns, ([csv_cell(c) for c in row] for row in listing.rows))


def write_json(out: IO[str], listing: Listing) -> int:
    keys = unique_names(listing.columns)
    count = 0
    out.write("[")
    for row in listing.rows:
        record = {k: json_cell(v) for k, v in zip(keys, row)}
        out.write(("\n" if count == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def write_table(out: IO[str], listing: Listing) -> int:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    rows = [list(r) for r in listing.rows]
    table = Table(title=listing.title, caption=f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    for index, column in enumerate(listing.columns):
        first = next((r[index] for r in rows if r[index] is not None), None)
        numeric = isinstance(first, (int, float, Decimal)) and not isinstance(first, bool)
        table.add_column(Text(str(column)), justify="right" if numeric else "left",
                         overflow="fold", min_width=min(len(str(column)), 12))
    for row in rows:
        table.add_row(*(Text(text_cell(c)) for c in row))
    Console(file=out, soft_wrap=False).print(table)
    return len(rows)


WRITERS = {"table": write_table, "csv": write_csv, "json": write_json}


def emit(listing: Listing, fmt: str, out: IO[str] | None = None) -> int:
    """Write ``listing`` in ``fmt`` to ``out`` (stdout by default); returns the number of rows.

    A reader that goes away (``eventdb sql ... | head``) ends the command quietly.
    """
    stream = out if out is not None else sys.stdout
    try:
        count = WRITERS[fmt](stream, listing)
        stream.flush()
        return count
    except OSError as exc:
        output_failed(exc)


def output_failed(exc: OSError) -> NoReturn:
    """stdout failed: a reader that went away ends the command quietly; anything else (a full
    disk behind ``>``) is one line. Either way Python's exit flush must not fail again."""
    _silence_stdout()
    if isinstance(exc, BrokenPipeError):
        raise click.exceptions.Exit(1) from None
    raise InputError(f"cannot write the output: {exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """After EPIPE, point stdout at /dev/null so Python's exit flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
