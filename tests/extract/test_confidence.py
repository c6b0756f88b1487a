"""Calibrated confidence: each event's confidence is the fitted model's probability for its
features (a logistic score read through a monotone step function)."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from eventdb.extract import extract
from eventdb.extract.confidence import expression, model, probability, score
from eventdb.extract.pipeline import extract_features

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _fitter():
    import sys
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("fit_confidence", BENCH / "fit_confidence.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def test_model_is_shipped_and_monotone() -> None:
    m = model()
    assert m, "resources/confidence.json is missing"
    bounds = [s for s, _ in m["steps"]]
    probs = [p for _, p in m["steps"]]
    assert bounds == sorted(bounds) and probs == sorted(probs)
    assert all(0 <= p <= 1 for p in probs)
    assert set(k.split("=")[0] for k in m["weights"]) <= set(m["features"])


@pytest.mark.parametrize("text, how, others", [
    ("Boeing said on Tuesday that it signed the deal.", "explicit", "alone"),
    ("The airline cancelled the order, a spokesman said.", "publication", "alone"),
    ("Airbus delivered the jet on Monday, after it missed a June 2 deadline.", "explicit", "others"),
])
def test_confidence_is_the_models_probability(text: str, how: str, others: str) -> None:
    x, feats = extract_features(text, date(2008, 3, 6))
    f = feats[0]
    assert (f["how"], f["others"]) == (how, others)
    calibrated = extract(text, date(2008, 3, 6))
    assert calibrated.events[0].time.confidence == pytest.approx(probability(f))


def test_competing_date_lowers_confidence() -> None:
    """A sentence with a second date is dated less surely than one with its date alone (as
    measured on the dev corpora, held out both ways)."""
    alone = extract("Airbus delivered the jet on Monday.", date(2008, 3, 6)).events[0].time
    other = extract("Airbus delivered the jet on Monday, after it missed a June 2 deadline.",
                    date(2008, 3, 6)).events[0].time
    assert alone.how == other.how == "explicit"
    assert other.confidence < alone.confidence


def test_unknown_feature_values_weigh_nothing() -> None:
    f = {"how": "nosuchrule", "others": "alone"}
    assert score(f) == pytest.approx(score({"others": "alone"}))
    assert 0 <= probability(f) <= 1


@pytest.mark.parametrize("text, kind", [
    ("Airbus delivered the jet on February 2, 2008.", "absolute"),
    ("Airbus delivered the jet on Monday.", "weekday"),
    ("Airbus delivered the jet last month.", "relative"),
    ("Airbus delivered the jet.", "publication"),
])
def test_expression_kind(text: str, kind: str) -> None:
    x, feats = extract_features(text, date(2008, 3, 6))
    assert feats[0]["expression"] == kind
    t = next((t for t in x.timexes), None)
    assert expression(t) == kind


def test_isotonic_steps_pool_violators() -> None:
    """Classes whose share right goes down as the score goes up are pooled: the map is monotone."""
    fc = _fitter()
    scored = [(0.1, True)] * 8 + [(0.1, False)] * 2 + [(0.5, True)] * 5 + [(0.5, False)] * 5 \
        + [(0.9, True)] * 9 + [(0.9, False)]
    steps = fc.isotonic_steps(scored, 3)
    assert [p for _, p in steps] == [0.65, 0.9]
    assert [b for b, _ in steps] == [0.7, 1.0]


def test_logistic_weighs_the_telling_feature() -> None:
    fc = _fitter()
    us = [{"features": {"how": "explicit", "others": "alone"}, "right": True}] * 18 \
        + [{"features": {"how": "explicit", "others": "alone"}, "right": False}] * 2 \
        + [{"features": {"how": "explicit", "others": "others"}, "right": True}] * 10 \
        + [{"features": {"how": "explicit", "others": "others"}, "right": False}] * 10
    b, w = fc.fit_logistic(us, ("how", "others"), l2=1.0)
    assert w["others=alone"] > 0 > w["others=others"]


def test_a_plan_is_dated_less_surely() -> None:
    """A plan or expectation is right less often than a reported fact (on all four dev corpora)."""
    fact = extract("Airbus delivered the jet on Monday.", date(2008, 3, 6)).events[0]
    plan = extract("Airbus will deliver the jet on Monday.", date(2008, 3, 6))
    planned = next(e for e in plan.events if e.time.how == "explicit")
    assert fact.time.how == "explicit"
    assert planned.time.confidence < fact.time.confidence
