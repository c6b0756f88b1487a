"""What grouping reads at ingest and when re-dating, on real databases: candidates bounded per
participant, the date-only read of ``redate``, and the collector paused while a batch is written."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from eventdb.db.engine import Database
from eventdb.services import grouping_store
from eventdb.services.grouping_rules import machine_date
from eventdb.services.grouping_store import dated_reports
from eventdb.services.happenings import happening_of
from eventdb.services.ingest import ingest as ingest_docs
from eventdb.services.sources import SourceDocument
from tests.happenings.test_happenings import QAIM_A, QAIM_B, ingest, rows_by

pytestmark = pytest.mark.usefixtures("sql_reader_role")

# Nouri al-Maliki and Qaim named in other happenings after the strike was first reported.
LATER = [{"id": f"m{i}", "published": "2014-06-27", "text":
          f"Nouri al-Maliki opened school number {i} in Qaim."} for i in range(3)]


def test_a_report_joins_a_happening_among_its_participants_newest_mentions(
        db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, QAIM_A, *LATER)
    ingest(db_url, tmp_path, QAIM_B)
    rows = rows_by(db_url)
    assert rows[("a", "bombed")]["happening"] == rows[("b", "bombed")]["happening"]


def test_candidates_look_only_through_each_participants_newest_mentions(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bound that keeps ingest's reads flat as the database grows: a happening reported
    before its participants' newest ``MAX_MENTIONS`` mentions is not a candidate any more."""
    monkeypatch.setattr(grouping_store, "MAX_MENTIONS", 2)
    ingest(db_url, tmp_path, QAIM_A, *LATER)
    ingest(db_url, tmp_path, QAIM_B)
    rows = rows_by(db_url)
    assert rows[("a", "bombed")]["happening"] != rows[("b", "bombed")]["happening"]


def test_newer_reports_of_other_actions_do_not_crowd_the_newest_candidates_out(
        db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidates are the newest ``MAX_CANDIDATES`` reports that *match* (the action, a live
    report): newer reports of the same participants doing something else leave room for the
    older strike."""
    monkeypatch.setattr(grouping_store, "MAX_CANDIDATES", 3)
    ingest(db_url, tmp_path, QAIM_A, *LATER)
    ingest(db_url, tmp_path, QAIM_B)
    rows = rows_by(db_url)
    assert rows[("a", "bombed")]["happening"] == rows[("b", "bombed")]["happening"]


def test_redate_reads_the_reports_dates_alone_and_dates_as_the_whole_reports_do(
        db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, QAIM_A, QAIM_B)
    hid = rows_by(db_url)[("a", "bombed")]["happening"]
    db = Database(db_url)
    with db.session() as s:
        reports = dated_reports(s, [hid])[hid]
    assert sorted(r.document_id for r in reports) == sorted({r.document_id for r in reports})
    resolved, how, conflict = machine_date(reports)
    h = happening_of(db, hid)
    assert (resolved[0], how, conflict) == (h.value, "explicit", h.conflict) == ("2014-06-26", "explicit", False)


def test_ingest_leaves_the_garbage_collector_as_it_found_it(db: Database) -> None:
    doc = SourceDocument("gc", "Syrian jets bombed Qaim on Thursday.", None)
    assert gc.isenabled()
    ingest_docs(db, [doc])
    assert gc.isenabled()
    gc.disable()
    try:
        ingest_docs(db, [SourceDocument("gc2", "Syrian jets bombed Mosul on Friday.", None)])
        assert not gc.isenabled()
    finally:
        gc.enable()
