"""The views follow what curators do through the real commands (set-date, merge-events, undo)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import export_jsonl, ok


def sql(url: str, query: str, *params: str) -> list[dict]:
    args = ["sql", query, "--json"]
    for name, value in zip(params[::2], params[1::2]):
        args += ["-p", name, value]
    return json.loads(ok(url, *args).stdout)


def test_corrections_and_attention_follow_curation(db_url: str, seeds_jsonl: Path) -> None:
    ok(db_url, "ingest", str(seeds_jsonl))
    events = export_jsonl(db_url)
    (strike,) = [e for e in events if "bombed militant positions" in e["headline"] and e["trigger"] == "bombed"]
    assert strike["value"] == "2014-06-26"
    other = next(e for e in events if e["document"] != strike["document"] and e["value"] != "2014-06-26"
                 and e["earliest"])

    ok(db_url, "--curator", "ana", "set-date", str(strike["id"]), "2014-06-24",
       "--note", "Reuters and AFP say Tuesday")
    (fix,) = sql(db_url, "SELECT * FROM corrections")
    assert (fix["subject"], fix["event_id"], fix["document_id"]) == ("event", strike["id"], strike["document"])
    assert (fix["machine_value"], fix["curator_value"], fix["shift_days"]) == ("2014-06-26", "2014-06-24", -2)
    assert (fix["curator"], fix["note"], fix["status"]) == ("ana", "Reuters and AFP say Tuesday", "corrected")
    assert (fix["is_current"], fix["undone"]) == (1, 0)
    assert sql(db_url, "SELECT value, status FROM chronology WHERE event_id = :id", "id", str(strike["id"])) == [
        {"value": "2014-06-24", "status": "corrected"}]

    # Two reports merged as one event, with different dates: flagged on both sides (years apart,
    # so merge-events asks for --force).
    ok(db_url, "--curator", "ana", "merge-events", str(strike["id"]), str(other["id"]), "--force")
    attention = sql(db_url, "SELECT kind, event_id, other_event_id FROM needs_attention")
    assert {"kind": "conflicting-dates", "event_id": strike["id"], "other_event_id": other["id"]} in attention
    assert {"kind": "needs-review", "event_id": strike["id"], "other_event_id": None} in attention
    assert sql(db_url, "SELECT COUNT(*) AS n FROM chronology WHERE event_id = :id", "id", str(other["id"])) == [{"n": 0}]
    conflicts = json.loads(ok(db_url, "report", "conflicts", "--json").stdout)
    assert any(c["kind"] == "conflicting-dates" and c["other_event_id"] == other["id"] for c in conflicts)

    # Undo the merge, then the correction: the views say so.
    ok(db_url, "--curator", "ana", "undo")
    assert not [a for a in sql(db_url, "SELECT kind FROM needs_attention") if a["kind"] == "conflicting-dates"]
    ok(db_url, "--curator", "ana", "undo")
    rows = sql(db_url, "SELECT assertion_id, is_current, undone FROM corrections ORDER BY assertion_id")
    assert rows and all(r["undone"] == 1 and r["is_current"] == 0 for r in rows)
    assert sql(db_url, "SELECT value, status FROM chronology WHERE event_id = :id", "id", str(strike["id"])) == [
        {"value": "2014-06-26", "status": "machine"}]

    # A new correction after the undo: "previous" is the machine's date again, not the undone one.
    ok(db_url, "--curator", "bo", "set-date", str(strike["id"]), "2014-06-25")
    last = sql(db_url, "SELECT * FROM corrections ORDER BY assertion_id DESC LIMIT 1")[0]
    assert (last["previous_value"], last["machine_value"], last["curator"]) == ("2014-06-26", "2014-06-26", "bo")
    assert last["shift_days"] == -1


def test_a_dateline_standing_in_for_the_publication_date_needs_attention(db_url: str, tmp_path: Path) -> None:
    text = ("BAGHDAD, June 26 2014 (Reuters) - Syrian jets bombed militant positions near the "
            "border on Wednesday, Iraqi officials said.")
    path = tmp_path / "dl.jsonl"
    path.write_text(json.dumps({"id": "dl", "published": None, "text": text}) + "\n")
    ok(db_url, "ingest", str(path))

    def documents() -> list[dict]:
        return sql(db_url, "SELECT kind, value, detail FROM needs_attention "
                           "WHERE document_id = 'dl' AND event_id IS NULL AND kind <> 'needs-review'")

    (proposed,) = documents()
    assert proposed["kind"] == "no-publication-date" and proposed["value"] == "2014-06-26"
    assert "dateline" in proposed["detail"]
    ok(db_url, "set-published", "dl", "2014-06-26")  # the curator agrees: nothing left to do
    assert documents() == []
    ok(db_url, "set-published", "dl", "2014-07-04")  # a later date: the dateline now disagrees
    (disagrees,) = documents()
    assert disagrees["kind"] == "dateline-disagrees" and disagrees["value"] == "2014-07-04"
