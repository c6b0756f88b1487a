"""The shared listing convention (eventdb.cli.output): values, formats, safety."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from decimal import Decimal

import click
import pytest

from eventdb.cli import output
from eventdb.cli.output import Listing, emit, json_cell, text_cell, unique_names


def test_values_as_text_and_json() -> None:
    assert text_cell(None) == "" and text_cell(True) == "true" and text_cell(0.5) == "0.5"
    assert text_cell(date(2014, 6, 26)) == "2014-06-26"
    assert text_cell(["IS", "Islamic State"]) == "IS; Islamic State"
    assert text_cell(b"\x01\xff") == "\\x01ff"
    assert json_cell(Decimal("2.50")) == 2.5 and json_cell(Decimal("3")) == 3
    assert json_cell(datetime(2026, 2, 1, 9, tzinfo=timezone.utc)) == "2026-02-01T09:00:00+00:00"
    assert json_cell(b"ab") == "YWI="
    assert unique_names(["id", "id", "", "id"]) == ["id", "id_2", "?column?", "id_3"]


def test_every_format_from_one_listing() -> None:
    listing = lambda: Listing(["id", "headline", "when"], iter([  # noqa: E731
        (1, "=HYPERLINK(\"x\")", date(2014, 6, 26)), (2, "[bold]not markup[/bold]", None)]))
    out = io.StringIO()
    assert emit(listing(), "csv", out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [["id", "headline", "when"], ["1", "'=HYPERLINK(\"x\")", "2014-06-26"],
                    ["2", "[bold]not markup[/bold]", ""]]
    out = io.StringIO()
    emit(listing(), "json", out)
    assert json.loads(out.getvalue()) == [
        {"id": 1, "headline": "=HYPERLINK(\"x\")", "when": "2014-06-26"},
        {"id": 2, "headline": "[bold]not markup[/bold]", "when": None}]
    out = io.StringIO()
    emit(listing(), "table", out)
    assert "[bold]not markup[/bold]" in out.getvalue() and "2 rows" in out.getvalue()


def test_a_reader_going_away_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    class Gone(io.StringIO):
        def write(self, _s: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr(output, "_silence_stdout", lambda: None)
    with pytest.raises(click.exceptions.Exit):
        emit(Listing(["a"], iter([(1,)])), "csv", Gone())
