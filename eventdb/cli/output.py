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

FORMATS = ("table", "csv", "json")


class Whole(str):
    """Text a table must show on one line though it has spaces: a date in words ("20 June 2014",
    "on or before 27 June 2014") is read whole, never folded into "20 / June / 2014"."""

    __slots__ = ()


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
    from eventdb.services.outfiles import write_csv_rows

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


#: Text without spaces up to this long (ids, dates, statuses, short names) is never cut or wrapped.
ATOMIC_WIDTH = 40
#: The narrowest a wrapping text column gets (or its header's, or its longest word with a digit
#: in it: a date inside text is not folded either); below that the table grows past the screen.
TEXT_MIN_WIDTH = 6
#: Words up to this long are kept whole too, when the screen has room for all of them.
WORD_WIDTH = 15
#: Between two columns: the collapsed padding and the (blank) divider.
GAP = 2


def _is_atomic(value: Any, text: str) -> bool:
    """Numbers, dates and short space-less words (ids, ISO dates, statuses) must be read whole."""
    if isinstance(value, (int, float, Decimal, dt.date, dt.datetime, dt.time)):
        return True
    if isinstance(value, Whole):
        return len(text) <= ATOMIC_WIDTH
    return len(text) <= ATOMIC_WIDTH and not any(ch.isspace() for ch in text)


def _least(header: int, texts: list[str], natural: int) -> tuple[int, int]:
    """How narrow a wrapping column may get: words with digits (dates, ids) always stay whole,
    other words up to :data:`WORD_WIDTH` when there is room (the second number)."""
    from rich.cells import cell_len

    words = [(cell_len(w), any(ch.isdigit() for ch in w)) for t in texts for w in t.split()]
    dated = max((n for n, digit in words if digit and n <= ATOMIC_WIDTH), default=0)
    hard = min(natural, max(TEXT_MIN_WIDTH, header, dated))
    return hard, min(natural, max([hard] + [n for n, _ in words if n <= WORD_WIDTH]))


def _share(room: int, natural: list[int], least: list[int]) -> list[int]:
    """Widths for the wrapping columns: each gets its least, the rest of ``room`` goes to them in
    proportion to how much more they would take (so a long headline gets more than a name)."""
    widths = list(least)
    want = [n - m for n, m in zip(natural, least)]
    extra = room - sum(least)
    if extra <= 0 or not sum(want):
        return widths
    given = [extra * w // sum(want) for w in want]
    for i in sorted(range(len(want)), key=lambda i: -want[i])[: extra - sum(given)]:
        given[i] += 1
    return [min(w + g, n) for w, g, n in zip(widths, given, natural)]


def write_table(out: IO[str], listing: Listing) -> int:
    """A plain table that fits the terminal (or ``$COLUMNS``, else 80 when piped) without cutting
    what must be read whole: numbers, dates and ids keep their full width on one line, and the
    text columns share the rest and wrap (a long word folds). When even that cannot fit, the
    table is wider than the screen rather than cut. No vertical rules: piped lines grep cleanly."""
    from rich import box
    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    rows = [list(r) for r in listing.rows]
    cells = [[text_cell(c) for c in row] for row in rows]
    console = Console(file=out, soft_wrap=False)
    table = Table(title=listing.title, caption=f"{len(rows)} row{'s' if len(rows) != 1 else ''}",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, collapse_padding=True)
    atomic, natural, least, soft = [], [], [], []
    for index, column in enumerate(listing.columns):
        values = [(row[index], cell[index]) for row, cell in zip(rows, cells)]
        header = cell_len(str(column))
        widest = max([cell_len(t) for _, t in values] + [header])
        atomic.append(all(_is_atomic(v, t) for v, t in values if t))
        natural.append(widest)
        hard, whole = (widest, widest) if atomic[-1] else _least(header, [t for _, t in values],
                                                                 widest)
        least.append(hard)
        soft.append(whole)
    text_columns = [i for i, a in enumerate(atomic) if not a]
    fixed = sum(w for w, a in zip(natural, atomic) if a) + GAP * max(len(atomic) - 1, 0)
    room = console.width - fixed
    if sum(soft[i] for i in text_columns) <= room:
        least = soft
    widths = dict(zip(text_columns, _share(room, [natural[i] for i in text_columns],
                                           [least[i] for i in text_columns])))
    console.width = max(console.width, fixed + sum(widths.values()))
    for index, column in enumerate(listing.columns):
        first = next((r[index] for r in rows if r[index] is not None), None)
        numeric = isinstance(first, (int, float, Decimal)) and not isinstance(first, bool)
        justify = "right" if numeric else "left"
        if atomic[index]:
            table.add_column(Text(str(column)), justify=justify, no_wrap=True,
                             min_width=natural[index])
        else:
            table.add_column(Text(str(column)), justify=justify, overflow="fold",
                             width=widths[index])
    for row in cells:
        table.add_row(*(Text(c) for c in row))
    with console.capture() as captured:
        console.print(table)
    # Rich pads every line to the table's width; a pipe or a file gets no trailing blanks.
    out.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
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
