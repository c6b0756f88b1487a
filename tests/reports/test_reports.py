"""``eventdb report ...`` and ``eventdb participants`` on known data, in every output format."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.helpers import ok, run
from tests.reports.known import Known


def as_json(db_url: str, *args: str) -> list[dict]:
    return json.loads(ok(db_url, *args, "--json").stdout)


def test_summary(db_url: str, known: Known) -> None:
    measures = {r["measure"]: r["value"] for r in as_json(db_url, "report", "summary")}
    assert measures["documents"] == 3
    assert measures["events in the chronology"] == 7
    assert (measures["events machine"], measures["events corrected"], measures["events unresolved"],
            measures["events needs-review"], measures["events rejected"]) == (4, 1, 1, 1, 1)
    assert measures["events merged into another"] == 1
    assert measures["events without a date"] == 1
    assert (measures["first date"], measures["last date"]) == ("2014-06-01", "2014-07-02")
    assert measures["participants"] == 5
    assert (measures["curator date changes"], measures["curators"]) == (2, 2)
    for kind in ("unresolved", "needs-review", "no-publication-date", "dateline-disagrees",
                 "conflicting-dates"):
        assert measures[f"needs attention: {kind}"] == 1
    assert measures["needs attention: document-review"] == 0


def test_participants_report(db_url: str, known: Known) -> None:
    rows = as_json(db_url, "report", "participants")
    assert [(r["participant"], r["events"], r["as_agent"]) for r in rows] == [
        ("ISIS", 3, 2), ("Iraq", 2, 2), ("Mosul", 1, 0), ("Qaim", 1, 0), ("Syria", 1, 1),
    ]
    assert (rows[0]["first"], rows[0]["last"]) == ("2014-06-01", "2014-06-30")
    assert len(as_json(db_url, "report", "participants", "--limit", "2")) == 2


def test_gaps(db_url: str, known: Known) -> None:
    assert as_json(db_url, "report", "gaps") == []
    gaps = as_json(db_url, "report", "gaps", "--participant", "Iraqi", "--min-days", "1")
    assert [(g["gap_from"], g["gap_to"], g["days"]) for g in gaps] == [("2014-06-30", "2014-06-30", 1)]
    assert gaps[0]["before_event"] == known.events["asked"]
    assert gaps[0]["after_event"] == known.events["asked_jets"]
    result = run(db_url, "report", "gaps", "--participant", "Nobody")
    assert result.exit_code == 1 and "no participant is known as 'Nobody'" in result.stderr


def test_conflicts(db_url: str, known: Known) -> None:
    e = known.events
    rows = as_json(db_url, "report", "conflicts")
    by_kind = {r["kind"]: r for r in rows}
    assert set(by_kind) == {"conflicting-dates", "dateline-disagrees", "possible-same-event"}
    merged = by_kind["conflicting-dates"]
    assert (merged["event_id"], merged["value"], merged["other_event_id"], merged["other_value"],
            merged["days_apart"]) == (e["bombed"], "2014-06-24", e["bombed_b"], "2014-06-26", 2)
    dateline = by_kind["dateline-disagrees"]
    assert (dateline["document_id"], dateline["value"], dateline["other_value"],
            dateline["days_apart"]) == ("doc-c", "2014-07-03", "2014-07-01", -2)
    possible = by_kind["possible-same-event"]
    assert {possible["event_id"], possible["other_event_id"]} == {e["asked"], e["asked_jets"]}
    assert possible["days_apart"] == 8 and "Iraq asked" in possible["detail"]
    narrow = as_json(db_url, "report", "conflicts", "--window", "3")
    assert "possible-same-event" not in {r["kind"] for r in narrow}


def test_participants_command(db_url: str, known: Known) -> None:
    rows = as_json(db_url, "participants")
    assert [(r["name"], r["events"]) for r in rows] == [
        ("ISIS", 3), ("Iraq", 2), ("Mosul", 1), ("Qaim", 1), ("Syria", 1),
    ], "canonical participants only (IS was merged into ISIS), most active first"
    isis = rows[0]
    assert set(isis["aliases"]) == {"IS", "Islamic State", "the jihadist group"}
    assert isis["kind"] == "group" and isis["documents"] == 1
    places = as_json(db_url, "participants", "--kind", "place")
    assert {r["name"] for r in places} == {"Iraq", "Mosul", "Qaim", "Syria"}
    table = list(csv.DictReader(io.StringIO(ok(db_url, "participants", "--csv").stdout)))
    assert table[0]["name"] == "ISIS" and "Islamic State" in table[0]["aliases"].split("; ")


@pytest.mark.parametrize("args", [
    ("report", "summary"), ("report", "participants"), ("report", "gaps"),
    ("report", "conflicts"), ("participants",),
])
def test_every_listing_speaks_the_same_formats(db_url: str, known: Known, args: tuple[str, ...]) -> None:
    table = ok(db_url, *args).stdout
    assert "row" in table  # the table's caption counts rows
    assert ok(db_url, *args, "--table").stdout == table
    rows = list(csv.DictReader(io.StringIO(ok(db_url, *args, "--csv").stdout)))
    records = json.loads(ok(db_url, *args, "--json").stdout)
    assert len(rows) == len(records)
    if records:
        assert list(rows[0]) == list(records[0])
    both = run(db_url, *args, "--csv", "--json")
    assert both.exit_code == 2 and "choose one output format" in both.stderr


def test_listings_work_on_an_empty_database(db_url: str) -> None:
    assert as_json(db_url, "participants") == []
    assert as_json(db_url, "report", "gaps") == []
    assert as_json(db_url, "report", "conflicts") == []
    summary = {r["measure"]: r["value"] for r in as_json(db_url, "report", "summary")}
    assert summary["documents"] == 0 and summary["first date"] is None


def test_possible_same_events_leave_out_copies_and_statements(db_url: str, known: Known) -> None:
    """A second article with the same two reports (one dated like doc-a's, one like doc-c's) adds
    no pair: each of its reports has its exact match. Statements on different days are not one
    event told twice."""
    from datetime import date

    from eventdb.db.engine import Database
    from tests.reports.known import Builder, day

    db = Database(db_url)
    with db.transaction() as s:
        b = Builder(s, known)
        doc, pub = b.document("doc-d", "Iraq asked for help. Iraq asked for more jets. Iraq said no.",
                              date(2014, 7, 5))
        b.event("d_week", doc, "Iraq asked for help", "asked", pub, args=(("Iraq", "Iraq", "agent"),),
                value="2014-W26", precision="week", earliest=date(2014, 6, 23),
                latest=date(2014, 6, 29), edtf="2014-06-23/2014-06-29")
        b.event("d_day", doc, "Iraq asked for more jets", "asked", pub,
                args=(("Iraq", "Iraq", "agent"),), **day("2014-07-01"))
        b.event("d_said", doc, "Iraq said no", "said", pub, args=(("Iraq", "Iraq", "agent"),),
                **day("2014-07-05"))
        doc2, pub2 = b.document("doc-e", "Iraq said yes.", date(2014, 7, 3))
        b.event("e_said", doc2, "Iraq said yes", "said", pub2, args=(("Iraq", "Iraq", "agent"),),
                **day("2014-07-03"))
    db.dispose()
    rows = [r for r in as_json(db_url, "report", "conflicts") if r["kind"] == "possible-same-event"]
    assert [{r["event_id"], r["other_event_id"]} for r in rows] == [
        {known.events["asked"], known.events["asked_jets"]}]
