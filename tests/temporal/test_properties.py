"""Property tests: tag() never raises, spans are sane, bounds ordered, resolve() reproduces tag()."""

from datetime import date, timedelta

from hypothesis import given, settings, strategies as st

from eventdb.temporal import dct_resolution, resolve, tag

WORDS = ["Thursday", "last", "Friday", "on", "June", "24", ",", "2014", "the", "2nd", "may",
         "March", "weeks", "three", "or", "four", "ago", "later", "earlier", "this", "month",
         "year", "a", "day", "before", "every", "Monday", "night", "1990s", "mid-2012", "quarter",
         "third", "recently", "now", "Feb.", "29", "early", "late", "summer", "fiscal", "1989",
         "same", "next", "week", "two", "days", "9/11", "24/7", "F-16", ".", "\n", "'s", "-"]

texts = st.one_of(st.text(max_size=200),
                  st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
dcts = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


def _anchor(result, t, dct):
    if t.anchor == "dct":
        return dct_resolution(dct)
    if t.anchor and t.anchor.startswith("timex:"):
        return result[int(t.anchor[6:])].resolved
    return None


@settings(max_examples=300, deadline=None)
@given(texts, dcts)
def test_tag_is_total_and_consistent(text, dct):
    result = tag(text, dct)
    last_end = 0
    for i, t in enumerate(result):
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= last_end  # sorted, non-overlapping
        last_end = t.end
        assert text[t.start:t.end] == t.text
        r = t.resolved
        if r.earliest and r.latest:
            assert r.earliest <= r.latest
        if t.anchor and t.anchor.startswith("timex:"):
            assert int(t.anchor[6:]) < i
        assert resolve(t.rule, _anchor(result, t, dct)) == r
        if dct is None and t.anchor == "dct":
            assert r.earliest is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
       st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 1, 1)),
       st.integers(min_value=-800, max_value=800))
def test_rerresolution_equals_fresh_tag(text, dct, shift):
    new = dct + timedelta(days=shift)
    old_result, fresh = tag(text, dct), tag(text, new)
    assert [t.rule for t in old_result] == [t.rule for t in fresh]
    for t, f in zip(old_result, fresh):
        assert resolve(t.rule, _anchor(fresh, t, new)) == f.resolved


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
       st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 1, 1)))
def test_unknown_anchor_then_known(text, dct):
    """Tagged without a publication date, then resolved once it is known == tagged with it."""
    unknown, fresh = tag(text, None), tag(text, dct)
    assert [(t.start, t.end, t.type, t.rule, t.anchor) for t in unknown] == \
        [(t.start, t.end, t.type, t.rule, t.anchor) for t in fresh]
    for t, f in zip(unknown, fresh):
        assert resolve(t.rule, _anchor(fresh, t, dct)) == f.resolved


@settings(max_examples=200, deadline=None)
@given(st.integers(1000, 2099), st.integers(1, 12), st.integers(1, 31))
def test_dateparser_told_the_layout_parses_as_its_general_parse_does(year, month, day):
    """The rules pass the layout they matched; dateparser must read the core exactly as without it,
    impossible days included ("30 February 2014": None either way)."""
    from eventdb.temporal.absolute import dateparser_cal
    from eventdb.temporal.resources.lexicon import MONTHS

    name = list(MONTHS)[month - 1]
    for core, layout in ((f"{day} {name} {year}", "%d %B %Y"), (f"{name} {year}", "%B %Y")):
        assert dateparser_cal(core, (layout,)) == dateparser_cal(core), core
