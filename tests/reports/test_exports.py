"""Exports: the TimelineJS sheet, filters that combine, and formula injection everywhere."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from eventdb.services.chronology import ChronologyRow, ParticipantRef
from eventdb.services.timelinejs import COLUMNS, display_date, timeline_record
from tests.helpers import export_csv, export_jsonl, ok, run
from tests.reports.known import Known

TIMELINEJS_HEADER = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background"
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def timeline(db_url: str, *args: str) -> tuple[str, list[dict[str, str]]]:
    result = ok(db_url, "export", "--format", "timelinejs", *args)
    return result.stdout, list(csv.DictReader(io.StringIO(result.stdout)))


def test_timelinejs_header_is_exact(db_url: str, known: Known) -> None:
    out, _ = timeline(db_url)
    assert out.splitlines()[0] == TIMELINEJS_HEADER
    assert ",".join(COLUMNS) == TIMELINEJS_HEADER


def test_timelinejs_rows(db_url: str, known: Known) -> None:
    result = ok(db_url, "export", "--format", "timelinejs")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert "1 events without a calendar date left out" in result.stderr
    by_headline = {r["Headline"]: r for r in rows}
    assert len(rows) == 6

    month = by_headline["IS fighters advanced through June"]
    assert (month["Year"], month["Month"], month["Day"]) == ("2014", "6", "")
    assert month["End Year"] == month["End Month"] == month["End Day"] == ""
    assert month["Display Date"] == "c. June 2014"  # EDTF 2014-06~: approximate
    assert month["Group"] == "ISIS"

    week = by_headline["The week after, Iraq asked for help"]
    assert (week["Year"], week["Month"], week["Day"]) == ("2014", "6", "23")
    assert (week["End Year"], week["End Month"], week["End Day"]) == ("2014", "6", "29")
    assert week["Display Date"] == "week of 23 June 2014"

    bombed = by_headline["Syrian jets bombed the jihadist group near Qaim on Thursday"]
    assert (bombed["Year"], bombed["Month"], bombed["Day"], bombed["End Day"]) == ("2014", "6", "24", "")
    assert bombed["Display Date"] == "24 June 2014"
    assert bombed["Text"] == "Syrian jets bombed the jihadist group near Qaim on Thursday."
    assert bombed["Media"] == "https://news.example/doc-a"
    assert bombed["Media Credit"] == "Wire" and bombed["Media Caption"] == "Title of doc-a"
    assert bombed["Group"] == "Syria"  # the first participant
    assert bombed["Media Thumbnail"] == bombed["Type"] == bombed["Background"] == ""

    landed = by_headline["At 8 pm on Wednesday the jets landed"]
    assert landed["Time"] == "20:00" and landed["Display Date"] == "2 July 2014, 20:00"
    assert [r["Headline"] for r in rows][0] == "IS fighters advanced through June"  # date order


def _row(**kw) -> ChronologyRow:  # noqa: ANN003
    base = dict(
        id=1, position=0, start=0, end=5, headline="h", trigger="t", value=None, mod=None,
        precision=None, earliest=None, latest=None, edtf=None, status="machine",
        date_how="explicit", confidence=0.5, relation="ON", document_id="d", document_title="T",
        source="S", url="https://x.example/a", evidence="e", time_node_id=None, time_kind=None,
        time_text=None, time_start=None, time_end=None, anchor="absolute", participants=[],
    )
    base.update(kw)
    return ChronologyRow(**base)


@pytest.mark.parametrize("value, precision, earliest, latest, mod, edtf, shown, end", [
    ("2014", "year", "2014-01-01", "2014-12-31", None, "2014", "2014", ("", "", "")),
    ("2014-Q2", "quarter", "2014-04-01", "2014-06-30", None, None, "Q2 2014", (2014, 6, 30)),
    ("2014-SU", "season", "2014-06-21", "2014-09-22", None, None, "summer 2014", (2014, 9, 22)),
    ("201", "decade", "2010-01-01", "2019-12-31", None, None, "2010s", (2019, "", "")),
    ("2014-06", "month", "2014-06-01", "2014-06-10", "START", None, "early June 2014", ("", "", "")),
    ("2014-06-26", "day", "2014-06-26", "2014-06-26", "APPROX", None, "c. 26 June 2014", ("", "", "")),
    ("2014-06-26", "day", "2014-06-26", "2014-06-26", None, "2014-06-26?", "26 June 2014 (uncertain)", ("", "", "")),
    ("2014-06-26TEV", "time", "2014-06-26", "2014-06-26", None, None, "evening of 26 June 2014", ("", "", "")),
])
def test_display_dates_and_end_columns(value, precision, earliest, latest, mod, edtf, shown, end) -> None:  # noqa: ANN001
    row = _row(value=value, precision=precision, earliest=date.fromisoformat(earliest),
               latest=date.fromisoformat(latest), mod=mod, edtf=edtf)
    assert display_date(row) == shown
    record = dict(zip(COLUMNS, timeline_record(row)))
    assert (record["End Year"], record["End Month"], record["End Day"]) == end


def test_timelinejs_escapes_html_and_keeps_only_web_links() -> None:
    row = _row(value="2014-06-26", precision="day", earliest=date(2014, 6, 26),
               latest=date(2014, 6, 26), headline="<script>alert(1)</script> & co",
               evidence="<img src=x onerror=alert(1)>", url="javascript:alert(1)",
               participants=[ParticipantRef(1, "A&B", "group", "agent", 0, 1, "A")])
    record = dict(zip(COLUMNS, timeline_record(row)))
    assert record["Headline"] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    assert record["Text"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert record["Media"] == ""
    assert record["Group"] == "A&amp;B"
    assert timeline_record(_row(value="XXXX-WXX-4")) is None


def test_filters_combine(db_url: str, known: Known) -> None:
    e = known.events

    def ids(*args: str) -> list[int]:
        return [int(r["event_id"]) for r in export_csv(db_url, *args)]

    assert ids("--participant", "ISIS") == [e["advanced"], e["took_mosul"], e["bombed"]]
    assert ids("--participant", "Islamic State", "--from", "2014-06-05", "--to", "2014-06-20") == [
        e["advanced"], e["took_mosul"]]
    assert ids("--participant", "ISIS", "--status", "machine") == [e["advanced"], e["took_mosul"]]
    assert ids("--participant", "ISIS", "--status", "machine", "--status", "corrected") == [
        e["advanced"], e["took_mosul"], e["bombed"]]
    assert ids("--document", "doc-c", "--participant", "Iraq") == [e["asked_jets"]]
    assert ids("--document", "doc-c", "--participant", "ISIS") == []
    assert ids("--from", "2014-07-02") == [e["landed"]]
    assert [r["id"] for r in export_jsonl(db_url, "--participant", "Iraq", "--to", "2014-06-30")] == [e["asked"]]
    _, rows = timeline(db_url, "--participant", "Iraq", "--from", "2014-07-01")
    assert [r["Headline"] for r in rows] == ["Iraq asked for more jets"]
    bad = run(db_url, "export", "--from", "2014-07-02", "--to", "2014-07-01")
    assert bad.exit_code == 1 and "is after --to" in bad.stderr


def test_timelinejs_to_a_file(db_url: str, known: Known, tmp_path: Path) -> None:
    path = tmp_path / "timeline.csv"
    result = ok(db_url, "export", "--format", "timelinejs", "-o", str(path))
    assert "6 events written to" in result.stderr
    assert path.read_text(encoding="utf-8").splitlines()[0] == TIMELINEJS_HEADER


def test_formula_injection_is_neutralized_in_every_csv(db_url: str, tmp_path: Path) -> None:
    """An article whose sentence begins with =HYPERLINK(...): no CSV output lets a cell start a formula."""
    path = tmp_path / "evil.jsonl"
    path.write_text(json.dumps({
        "id": "-evil", "title": "@SUM(1+1)", "source": "+44 wire", "url": "https://x.example/e",
        "published": "2014-06-27",
        "text": '=HYPERLINK("http://evil.example","click") Rebels attacked the town on Thursday. '
                "Rebels attacked the town on Friday.",
    }) + "\n")
    ok(db_url, "ingest", str(path))
    outputs = {
        "export csv": ok(db_url, "export", "--format", "csv", "--reports").stdout,
        "export timelinejs": ok(db_url, "export", "--format", "timelinejs").stdout,
        "sql": ok(db_url, "sql", "SELECT * FROM chronology", "--csv").stdout,
        "sql literal": ok(db_url, "sql", "SELECT '=1+1' AS a, '-2' AS b, '@x' AS c", "--csv").stdout,
        "event_participants": ok(db_url, "sql", "SELECT * FROM event_participants", "--csv").stdout,
        "needs_attention": ok(db_url, "sql", "SELECT * FROM needs_attention", "--csv").stdout,
        "participants": ok(db_url, "participants", "--csv").stdout,
        "report participants": ok(db_url, "report", "participants", "--csv").stdout,
    }
    for name, out in outputs.items():
        rows = list(csv.reader(io.StringIO(out)))
        assert rows, name
        for row in rows:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), f"{name}: {cell!r}"
    timeline_rows = list(csv.DictReader(io.StringIO(outputs["export timelinejs"])))
    assert any(r["Text"].startswith("'=HYPERLINK(") for r in timeline_rows)
    sql_rows = list(csv.DictReader(io.StringIO(outputs["sql"])))
    assert any(r["evidence"].startswith("'=HYPERLINK(") for r in sql_rows)
    assert {r["document_id"] for r in sql_rows} == {"'-evil"}
    assert list(csv.DictReader(io.StringIO(outputs["sql literal"])))[0] == {
        "a": "'=1+1", "b": "'-2", "c": "'@x"}
    # JSON carries the text as it is: it is data, not a spreadsheet.
    records = json.loads(ok(db_url, "sql", "SELECT evidence FROM chronology", "--json").stdout)
    assert any(r["evidence"].startswith("=HYPERLINK(") for r in records)
