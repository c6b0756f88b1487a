"""Every example of the pattern table (resources/patterns.py) is tagged and resolved as stated."""

from datetime import date

import pytest

from eventdb.temporal import tag
from eventdb.temporal.resources.patterns import PATTERNS

EXAMPLES = [(p["name"], *ex) for p in PATTERNS for ex in p.get("examples", [])]


@pytest.mark.parametrize("name,sentence,dct,span,value", EXAMPLES,
                         ids=[f"{e[0]}:{e[3]}" for e in EXAMPLES])
def test_pattern_example(name, sentence, dct, span, value):
    found = tag(sentence, date.fromisoformat(dct))
    if span is None:  # a negative example: nothing tagged
        assert found == [], [t.text for t in found]
        return
    texts = {t.text: t for t in found}
    assert span in texts, f"{span!r} not in {list(texts)}"
    assert texts[span].resolved.value == value


def test_every_pattern_names_a_normaliser():
    from eventdb.temporal.normalize import BUILDERS
    assert {p["build"] for p in PATTERNS} <= set(BUILDERS)


def test_every_pattern_has_an_example():
    assert all(p.get("examples") for p in PATTERNS), [p["name"] for p in PATTERNS if not p.get("examples")]


def test_triggers_occur_in_every_example_extent():
    """A pattern only runs near its trigger, so every match must contain a trigger hit."""
    from eventdb.temporal.engine import compiled

    for p, entry in zip(compiled(), PATTERNS):
        assert p.trigger is not None, f"{p.name} has no trigger"
        for sentence, _dct, span, _value in entry.get("examples", []):
            if span is not None:
                assert p.trigger.search(sentence), (p.name, sentence)
    for p in compiled():  # triggers are small expressions, not whole patterns
        assert len(p.trigger.pattern) < 400, p.name
