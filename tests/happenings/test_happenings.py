"""Happenings: reports grouped at ingest (in an article and across articles), the happening's
date and conflicts, exports, curation with undo, regroup; on real databases."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from eventdb.db.engine import Database
from eventdb.extract.job import extract_job
from eventdb.services.happenings import HappeningCuration, happening_of
from eventdb.services.sources import SourceDocument
from eventdb.services.store import store_documents
from tests.helpers import export_jsonl, ok, run

pytestmark = pytest.mark.usefixtures("sql_reader_role")  # PostgreSQL: `eventdb sql` as a reader

QAIM_A = {"id": "a", "published": "2014-06-27", "source": "Wire A", "text":
          "Syrian jets bombed the border town of Qaim on Thursday, Iraqi officials said. "
          "Prime Minister Nouri al-Maliki welcomed the strikes."}
QAIM_B = {"id": "b", "published": "2014-06-28", "source": "Wire B", "text":
          "Syrian warplanes bombed the town of Qaim near the Iraqi border, killing dozens. "
          "Nouri al-Maliki said he welcomed the raids."}
# Only a generic participant in common ("the United States"): never one happening.
US_C = {"id": "c", "published": "2014-06-27", "text": "The United States bombed positions near Mosul."}
US_D = {"id": "d", "published": "2014-06-27", "text": "The United States bombed targets in Yemen."}


def ingest(db_url: str, tmp_path: Path, *docs: dict) -> None:
    path = tmp_path / f"docs{len(list(tmp_path.iterdir()))}.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    ok(db_url, "ingest", str(path))


def rows_by(db_url: str) -> dict[tuple[str, str], dict]:
    return {(r["document"], r["trigger"]): r for r in export_jsonl(db_url)}


def test_the_same_happening_in_two_articles_is_one_and_a_generic_participant_never_joins(
        db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, QAIM_A, US_C)
    ingest(db_url, tmp_path, QAIM_B, US_D)  # a later ingest finds the stored happening
    rows = rows_by(db_url)
    assert rows[("a", "bombed")]["happening"] == rows[("b", "bombed")]["happening"]
    assert rows[("c", "bombed")]["happening"] != rows[("d", "bombed")]["happening"]
    assert all(r["background"] is False for k, r in rows.items() if k[1] == "bombed")
    # A written date (Thursday) beats the other report's publication default.
    h = happening_of(Database(db_url), rows[("a", "bombed")]["happening"])
    assert (h.value, len(h.reports), h.sources, h.conflict) == ("2014-06-26", 2, 2, False)
    assert rows[("b", "bombed")]["value"] == "2014-06-28"  # each report keeps its own date


def test_in_article_grouping_background_and_kind_are_stored(db: Database) -> None:
    text = ("Syrian jets bombed Qaim on Thursday. The jets bombed the town at dawn. "
            "Qaim is a dusty town.")
    x = extract_job((text, date(2014, 6, 27)))
    assert len(x.events) >= 3
    x.events[1].same_as = 0
    x.events[0].kind = x.events[1].kind = "attack"
    x.events[2].background = True
    with db.transaction() as s:
        store_documents(s, [(SourceDocument("t", text, date(2014, 6, 27)), x, "digest")])
    from sqlalchemy import select

    from eventdb.db.models import Event
    with db.session() as s:
        events = list(s.execute(select(Event.happening_id, Event.kind, Event.background)
                                .order_by(Event.position)))
    assert events[0].happening_id == events[1].happening_id != events[2].happening_id
    assert (events[0].kind, events[2].background) == ("attack", True)
    view = happening_of(db, events[0].happening_id)
    assert view.value == "2014-06-26" and len(view.reports) == 2


def test_csv_is_one_row_per_happening_and_hides_background(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, QAIM_A, QAIM_B)
    rows = list(csv.DictReader(io.StringIO(ok(db_url, "export").stdout)))
    strike = next(r for r in rows if r["headline"].startswith("Syrian jets bombed"))
    assert (strike["reports"], strike["sources"], strike["first_reported"]) == ("2", "2", "2014-06-27")
    assert strike["documents"] == "a;b" and strike["date"] == "2014-06-26"
    per_report = list(csv.DictReader(io.StringIO(ok(db_url, "export", "--reports").stdout)))
    shown_reports = [r for r in export_jsonl(db_url) if not r["background"]]
    assert len(per_report) == len(shown_reports) > len(rows)
    # Background rows: hidden from the CSV unless asked for, kept in JSONL with the flag.
    ok(db_url, "sql", "SELECT 1")  # read-only tool stays usable
    db = Database(db_url)
    with db.transaction() as s:
        from sqlalchemy import update

        from eventdb.db.models import Event
        # the result participle's headline reads with the strike before it (its subject)
        s.execute(update(Event).where(Event.headline.like("%, killing dozens")).values(background=True))
    db.dispose()
    def headlines(*args: str) -> list[str]:
        return [r["headline"] for r in csv.DictReader(io.StringIO(ok(db_url, "export", *args).stdout))]

    assert not any(h.endswith(", killing dozens") for h in headlines("--reports"))
    assert any(h.endswith(", killing dozens") for h in headlines("--reports", "--background"))
    assert any(r["background"] for r in export_jsonl(db_url))


def test_views_happenings_and_happening_reports(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, QAIM_A, QAIM_B)
    out = ok(db_url, "sql", "--csv", "SELECT reports, sources, value FROM happenings "
             "WHERE reports > 1").stdout
    assert out.splitlines()[1:] == ["2,2,2014-06-26"]
    out = ok(db_url, "sql", "--csv", "SELECT document_id, r.value FROM happening_reports r JOIN "
             "happenings h ON h.happening_id = r.happening_id WHERE h.reports > 1 "
             "ORDER BY document_id").stdout
    assert out.splitlines()[1:] == ["a,2014-06-26", "b,2014-06-28"]


def _disagreeing(db_url: str, tmp_path: Path) -> int:
    """Two articles date the same strike differently in writing: a conflict."""
    other = dict(QAIM_B, text="Syrian jets bombed the border town of Qaim on Tuesday, killing "
                              "dozens.", published="2014-06-27")
    ingest(db_url, tmp_path, QAIM_A, other)
    rows = rows_by(db_url)
    assert rows[("a", "bombed")]["happening"] == rows[("b", "bombed")]["happening"]
    return rows[("a", "bombed")]["happening"]


def test_reports_that_disagree_make_a_conflict_the_curator_resolves_once(
        db_url: str, tmp_path: Path) -> None:
    hid = _disagreeing(db_url, tmp_path)
    db = Database(db_url)
    assert happening_of(db, hid).conflict
    listed = ok(db_url, "report", "conflicts", "--csv").stdout
    assert "happening-reports-disagree" in listed and f"happening {hid}" in listed
    assert "Tuesday" in listed  # the other report's sentence
    ok(db_url, "happening", "date", str(hid), "2014-06-26", "--note", "ministry statement")
    h = happening_of(db, hid)
    assert (h.value, h.conflict, h.status) == ("2014-06-26", False, "corrected")
    assert "happening-reports-disagree" not in ok(db_url, "report", "conflicts", "--csv").stdout
    # A new article reporting it does not undo the curator's date.
    ingest(db_url, tmp_path, dict(QAIM_A, id="e", text=QAIM_A["text"].replace("Thursday", "Monday")))
    assert happening_of(db, hid).value == "2014-06-26"
    db.dispose()


def test_split_move_merge_confirm_with_undo_and_they_survive_regroup(
        db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, QAIM_A, QAIM_B)
    rows = rows_by(db_url)
    a, b = rows[("a", "bombed")], rows[("b", "bombed")]
    welcomed = rows[("a", "welcomed")]
    db = Database(db_url)
    cur = HappeningCuration(db, "ana")
    cur.split(b["id"], note="another raid")
    assert happening_of(db, a["happening"]).reports[0].event_id == a["id"]
    assert len(happening_of(db, a["happening"]).reports) == 1
    ok(db_url, "regroup")  # the curator's split stays
    assert rows_by(db_url)[("b", "bombed")]["happening"] != rows_by(db_url)[("a", "bombed")]["happening"]
    ok(db_url, "--curator", "ana", "undo")
    ok(db_url, "regroup")
    again = rows_by(db_url)
    assert again[("a", "bombed")]["happening"] == again[("b", "bombed")]["happening"]
    # Move the welcome into the strike's happening, then merge another, confirm; undo each.
    target = again[("a", "bombed")]["happening"]
    ok(db_url, "--curator", "bob", "happening", "move", str(welcomed["id"]), str(target))
    assert len(happening_of(db, target).reports) == 3
    other = again[("b", "said")]["happening"]
    ok(db_url, "--curator", "bob", "happening", "merge", str(target), str(other))
    assert len(happening_of(db, target).reports) == 4
    ok(db_url, "--curator", "bob", "happening", "confirm", str(target))
    assert happening_of(db, target).status == "confirmed"
    ok(db_url, "regroup")
    assert len(happening_of(db, target).reports) == 4
    history = ok(db_url, "sql", "--csv", "SELECT action, curator FROM change_log ORDER BY id").stdout
    assert "merge-happenings,bob" in history and "split-report,ana" in history
    for _ in range(3):
        ok(db_url, "--curator", "bob", "undo")
    ok(db_url, "regroup")
    final = rows_by(db_url)
    assert final[("a", "welcomed")]["happening"] != final[("a", "bombed")]["happening"]
    assert final[("b", "said")]["happening"] != final[("a", "bombed")]["happening"]
    db.dispose()


def test_bad_happening_input_is_one_line(db_url: str) -> None:
    from tests.helpers import run

    for args in (["happening", "show", "999"], ["happening", "split", "999"],
                 ["happening", "merge", "1"], ["happening", "date", "999", "2014"]):
        result = run(db_url, *args)
        assert result.exit_code == 1 and result.stderr.startswith("Error: "), args
        assert len(result.stderr.strip().splitlines()) == 1


def test_old_merges_become_happening_decisions_when_migrating(empty_db_url: str,
                                                              seeds_jsonl: Path) -> None:
    ok(empty_db_url, "init")
    ok(empty_db_url, "ingest", str(seeds_jsonl))
    ok(empty_db_url, "merge-events", "1", "2", "3")
    ok(empty_db_url, "db", "downgrade", "0005")
    ok(empty_db_url, "db", "upgrade")
    rows = {r["id"]: r for r in export_jsonl(empty_db_url, "--status", "rejected",
                                             "--status", "machine", "--status", "needs-review")}
    db = Database(empty_db_url)
    with db.session() as s:
        from sqlalchemy import select

        from eventdb.db.models import Event, HappeningDecision
        got = dict(s.execute(select(Event.id, Event.happening_id).where(Event.id.in_([1, 2, 3]))).all())
        decisions = s.execute(select(HappeningDecision.event_id, HappeningDecision.happening_id,
                                     HappeningDecision.note)).all()
        missing = s.scalar(select(Event.id).where(Event.happening_id.is_(None)))
    db.dispose()
    assert got == {1: 1, 2: 1, 3: 1} and missing is None
    assert {(e, h) for e, h, _ in decisions} == {(2, 1), (3, 1)}
    assert rows  # the export still reads every row
    assert len(happening_of(Database(empty_db_url), 1).reports) == 1  # merged ones stay hidden


@pytest.mark.parametrize("backend", [pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_two_writers_at_once_make_one_happening_and_lose_no_report(db_url: str) -> None:
    """Two transactions store articles reporting the same strike at the same time (each on its
    own connection, in its own thread): the second waits for the first's grouping and joins its
    happening, instead of making a second one."""
    import threading
    import time

    from eventdb.services.ingest import content_hash

    docs = [SourceDocument(d["id"], d["text"], date.fromisoformat(d["published"]))
            for d in (QAIM_A, QAIM_B)]
    # Their participants exist already (two writers creating one participant is ingest's
    # retry, tested elsewhere): what is left to race for is the happening.
    ok(db_url, "ingest", "-", input=json.dumps({"id": "known", "published": "2014-01-01", "text":
       "Syrian and Iraqi envoys visited Qaim. Nouri al-Maliki and Syrian warplanes and jets."}))
    first_wrote = threading.Event()
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        database = Database(db_url)
        try:
            if n == 1:
                first_wrote.wait(10)
            x = extract_job((docs[n].text, docs[n].published))
            with database.transaction() as s:
                store_documents(s, [(docs[n], x, content_hash(docs[n]))])
                if n == 0:
                    first_wrote.set()
                    time.sleep(1.0)  # the other writer is grouping meanwhile
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            database.dispose()

    threads = [threading.Thread(target=writer, args=(n,)) for n in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    rows = rows_by(db_url)
    assert {r["document"] for r in rows.values()} == {"a", "b", "known"}
    assert rows[("a", "bombed")]["happening"] == rows[("b", "bombed")]["happening"]


def test_ingest_in_parallel_processes_groups_as_one(db_url: str, tmp_path: Path) -> None:
    """Worker processes for extraction, writes in batches: the same grouping as one by one."""
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(dict(base, id=f"{base['id']}{i}",
                                            text=base["text"] + f" Report {i}.")) + "\n"
                            for i in range(6) for base in (QAIM_A, QAIM_B)), encoding="utf-8")
    ok(db_url, "ingest", "--workers", "2", str(path))
    strikes = [r for r in export_jsonl(db_url) if r["trigger"] == "bombed"]
    assert len(strikes) == 12 and len({r["happening"] for r in strikes}) == 1


def test_happening_csv_filters_pick_happenings_and_keep_their_whole_counts(
        db_url: str, tmp_path: Path) -> None:
    formula = {"id": "f", "published": "2014-06-27",
               "text": "=HYPERLINK(\"x\") bombed the town of Mosul on Friday."}
    ingest(db_url, tmp_path, QAIM_A, QAIM_B, formula)
    every = list(csv.DictReader(io.StringIO(ok(db_url, "export").stdout)))
    only_b = list(csv.DictReader(io.StringIO(ok(db_url, "export", "--document", "b").stdout)))
    assert only_b and len(only_b) < len(every)
    assert all("b" in r["documents"].split(";") for r in only_b)
    strike = next(r for r in only_b if r["reports"] == "2")
    # The happening's counts and lists are its own, not only the filtered reports'.
    assert (strike["documents"], strike["sources"]) == ("a;b", "2")
    ids = strike["event_ids"].split(";")
    assert ids == sorted(ids, key=int) and len(ids) == 2
    # Led by a report the filter shows (b's); the happening's date is still Thursday's.
    assert strike["date"] == "2014-06-26" and strike["headline"].startswith("Syrian warplanes")
    whole = next(r for r in every if r["happening_id"] == strike["happening_id"])
    assert whole["headline"].startswith("Syrian jets")  # unfiltered: the report that writes it
    assert not any(r["headline"].startswith("=") or r["evidence"].startswith("=") for r in every)
    dated = [r["earliest"] for r in every if r["earliest"]]
    assert dated == sorted(dated)


def test_a_curators_grouping_survives_a_replace_or_the_replace_says_it_would_be_lost(
        db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, QAIM_A, QAIM_B)
    rows = rows_by(db_url)
    strike_a = rows[("a", "bombed")]
    assert strike_a["happening"] == rows[("b", "bombed")]["happening"]
    ok(db_url, "happening", "split", str(strike_a["id"]), "--note", "two raids")
    longer = tmp_path / "longer.jsonl"
    longer.write_text(json.dumps(dict(QAIM_A, text=QAIM_A["text"] + " The town was quiet on "
                                      "Friday.")) + "\n", encoding="utf-8")
    out = ok(db_url, "ingest", "--replace", str(longer))
    rows = rows_by(db_url)
    # The new row of the split report still reports a happening of its own (before: rejoined).
    assert rows[("a", "bombed")]["id"] != strike_a["id"], out.stdout
    assert rows[("a", "bombed")]["happening"] != rows[("b", "bombed")]["happening"]
    notes = ok(db_url, "sql", "--csv", "SELECT note FROM happening_decisions WHERE is_current"
               ).stdout.splitlines()[1:]
    assert notes == ["two raids (carried over a replace)"]
    short = tmp_path / "short.jsonl"
    short.write_text(json.dumps(dict(QAIM_A, text="Iraqi officials met on Friday.")) + "\n",
                     encoding="utf-8")
    refused = run(db_url, "ingest", "--replace", str(short))
    assert "the grouping of event" in refused.stdout + refused.stderr
    assert rows_by(db_url)[("a", "bombed")]["happening"] != rows[("b", "bombed")]["happening"]


def test_a_reports_new_date_or_rejection_redates_its_happening_and_undo_restores_it(
        db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, QAIM_A, QAIM_B)
    rows = rows_by(db_url)
    thursday = rows[("a", "bombed")]
    hid = thursday["happening"]

    def value() -> str:
        return happening_of(Database(db_url), hid).value

    assert value() == "2014-06-26"
    ok(db_url, "set-date", str(thursday["id"]), "2014-06-24", "--note", "Tuesday, says Reuters")
    assert value() == "2014-06-24"  # before: the happening kept Thursday until another action
    ok(db_url, "undo")
    assert value() == "2014-06-26"
    ok(db_url, "reject", str(thursday["id"]))
    assert value() == "2014-06-28"  # only the other report's publication default is left
    ok(db_url, "undo")
    assert value() == "2014-06-26"


def test_a_filter_lists_a_happening_when_any_report_matches_led_by_a_matching_one(
        db_url: str, tmp_path: Path) -> None:
    """The strike's lead report is a's (it writes Thursday); filtering on document b lists the
    strike all the same, led by b's report (the TUI's browse; show and the CSV likewise)."""
    from eventdb.services import browse

    ingest(db_url, tmp_path, QAIM_A, QAIM_B)
    rows = rows_by(db_url)
    strike_b = rows[("b", "bombed")]
    db = Database(db_url)
    try:
        with db.session() as s:
            f = browse.Filters(document="b")
            shown = browse.page(s, f, 0, 50)
            assert strike_b["id"] in [r.id for r in shown]  # before: hidden (its lead is a's)
            assert next(r for r in shown if r.id == strike_b["id"]).reports == 2
            every = browse.page(s, browse.Filters(), 0, 50)
            assert rows[("a", "bombed")]["id"] in [r.id for r in every]  # unfiltered: a's leads
            assert strike_b["id"] not in [r.id for r in every]
    finally:
        db.dispose()
