"""Event words joined across articles of one story (services/grouping_story.py), on real
databases: the same family of words and several shared specific participants, never the word
alone."""

from __future__ import annotations

from pathlib import Path

from tests.happenings.test_happenings import ingest, rows_by
from tests.helpers import ok

SHOT = {"id": "a", "published": "2013-05-06",
        "text": "Gunmen shot Mayor John Smith of Springfield outside the Springfield City Hall "
                "on Monday, police chief Mary Jones said."}
SHOOTING = {"id": "b", "published": "2013-05-07",
            "text": "The shooting of John Smith stunned Springfield. Mary Jones asked residents "
                    "for calm."}
# Another story with the same word: no participant in common.
OTHER = {"id": "c", "published": "2013-05-07",
         "text": "The shooting at the Austin mall stunned Texas. Governor Rick Perry asked "
                 "residents for calm."}


def test_an_event_word_joins_the_same_storys_report_and_not_another_storys(
        db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, SHOT)
    ingest(db_url, tmp_path, SHOOTING, OTHER)
    rows = rows_by(db_url)
    shot, word, other = rows[("a", "shot")], rows[("b", "shooting")], rows[("c", "shooting")]
    text = SHOOTING["text"]
    assert (word["trigger_start"], word["trigger_end"]) == (text.index("shooting"),
                                                            text.index("shooting") + 8)
    assert word["background"] is True and shot["background"] is False
    assert word["happening"] == shot["happening"]
    assert other["happening"] not in (shot["happening"], None)
    # regroup gives the same answer as ingest
    ok(db_url, "regroup")
    again = rows_by(db_url)
    assert again[("b", "shooting")]["happening"] == again[("a", "shot")]["happening"]
    assert again[("c", "shooting")]["happening"] != again[("a", "shot")]["happening"]


def test_one_batch_joins_too(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, SHOT, SHOOTING, OTHER)
    rows = rows_by(db_url)
    assert rows[("b", "shooting")]["happening"] == rows[("a", "shot")]["happening"]
    assert rows[("c", "shooting")]["happening"] != rows[("a", "shot")]["happening"]


# One team, two players arrested: the articles share the team and the patrol, not their person.
JACKSON = {"id": "j", "published": "2009-01-07",
           "text": "San Diego Chargers receiver Vincent Jackson was arrested by the California "
                   "Highway Patrol on Tuesday. Vincent Jackson was released on bail."}
WILLIAMS = {"id": "w", "published": "2009-01-08",
            "text": "The arrest of Jamal Williams by the California Highway Patrol stunned the "
                    "San Diego Chargers. Jamal Williams apologised to fans."}


def test_articles_about_other_people_are_other_stories(db_url: str, tmp_path: Path) -> None:
    ingest(db_url, tmp_path, JACKSON)
    ingest(db_url, tmp_path, WILLIAMS)
    rows = rows_by(db_url)
    assert rows[("w", "arrest")]["happening"] != rows[("j", "arrested")]["happening"]
