"""Calibrated confidence: each event's confidence comes from the fitted table, by its features."""

from __future__ import annotations

from datetime import date

import pytest

from eventdb.extract import extract
from eventdb.extract.confidence import LEVELS, key, probability, table
from eventdb.extract.pipeline import extract_features


def test_table_is_shipped_and_well_formed() -> None:
    tab = table()
    assert tab, "resources/confidence.json is missing"
    assert 0 < tab["default"] < 1
    for k, (n, p) in tab["cells"].items():
        assert n >= tab["min_n"] and 0 <= p <= 1
        assert k.count("|") < len(LEVELS[0])


@pytest.mark.parametrize("text, how, others", [
    ("Boeing said on Tuesday that it signed the deal.", "explicit", "alone"),
    ("The airline cancelled the order, a spokesman said.", "publication", "alone"),
    ("Airbus delivered the jet on Monday, after it missed a June 2 deadline.", "explicit", "others"),
])
def test_confidence_is_the_table_cell_of_the_event(text: str, how: str, others: str) -> None:
    x, feats = extract_features(text, date(2008, 3, 6))
    f = feats[0]
    assert (f["how"], f["others"]) == (how, others)
    calibrated = extract(text, date(2008, 3, 6))
    assert calibrated.events[0].time.confidence == pytest.approx(probability(f))
    assert probability(f) == table()["cells"].get(key(f, 0), table()["cells"].get(key(f, 1)))[1]


def test_competing_date_lowers_confidence() -> None:
    """A sentence with a second date is dated less surely than one with its date alone (as
    measured on the dev corpora)."""
    alone = extract("Airbus delivered the jet on Monday.", date(2008, 3, 6)).events[0].time
    other = extract("Airbus delivered the jet on Monday, after it missed a June 2 deadline.",
                    date(2008, 3, 6)).events[0].time
    assert alone.how == other.how == "explicit"
    assert other.confidence < alone.confidence


def test_unknown_features_back_off_to_the_default() -> None:
    f = {"how": "nosuchrule", "others": "alone"}
    assert probability(f) == table()["default"]
