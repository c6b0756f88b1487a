"""resolve / dct_resolution / parse_value / interpret / offset_rule, the CLI and streaming."""

import json
import time
from datetime import date, datetime

import pytest
from click.testing import CliRunner

from eventdb.temporal import TemporalError, dct_resolution, interpret, parse_value, resolve
from eventdb.temporal.api import offset_rule, tag_documents

FRI = date(2014, 6, 27)
A = dct_resolution(FRI)


# --- parse_value ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,value,precision,earliest,latest", [
    ("2014-06-24", "2014-06-24", "day", "2014-06-24", "2014-06-24"),
    ("2014-06", "2014-06", "month", "2014-06-01", "2014-06-30"),
    ("2014-W26", "2014-W26", "week", "2014-06-23", "2014-06-29"),
    ("2014-06-2X", "2014-06-2X", "day", "2014-06-20", "2014-06-29"),
    ("2014-Q2", "2014-Q2", "quarter", "2014-04-01", "2014-06-30"),
    ("2014", "2014", "year", "2014-01-01", "2014-12-31"),
    ("2014-SU", "2014-SU", "season", "2014-06-01", "2014-08-31"),
    ("2014-H1", "2014-H1", "half", "2014-01-01", "2014-06-30"),
    ("199", "199", "decade", "1990-01-01", "1999-12-31"),
    ("199X", "199", "decade", "1990-01-01", "1999-12-31"),
    ("2016-02-29", "2016-02-29", "day", "2016-02-29", "2016-02-29"),
    ("2014-06-26T20:00", "2014-06-26T20:00", "time", "2014-06-26", "2014-06-26"),
])
def test_parse_value(text, value, precision, earliest, latest):
    r = parse_value(text)
    assert (r.value, r.precision, r.earliest.isoformat(), r.latest.isoformat()) == \
        (value, precision, earliest, latest)


@pytest.mark.parametrize("text,reason", [
    ("2014-02-30", "February 2014 has 28 days"),
    ("2015-02-29", "February 2015 has 28 days"),
    ("2014-13", "no month 13"),
    ("2014-W54", "2014 has 52 ISO weeks"),
    ("yesterday-ish", "not a date value"),
    ("", "empty"),
])
def test_parse_value_rejects_with_a_reason(text, reason):
    with pytest.raises(TemporalError, match=reason) as e:
        parse_value(text)
    assert "\n" not in str(e.value)


def test_parse_value_non_calendar():
    assert parse_value("P3W").precision is None and parse_value("P3W").earliest is None
    assert parse_value("PAST_REF").value == "PAST_REF"
    assert not parse_value("XXXX-WXX-4").is_resolved


# --- interpret ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("the day before", "2014-06-26"), ("two days earlier", "2014-06-25"),
    ("a week later", "2014-07-04"), ("Tuesday", "2014-06-24"), ("June 24", "2014-06-24"),
    ("next Monday", "2014-06-30"), ("2014-06-24", "2014-06-24"), ("2014-Q2", "2014-Q2"),
    ("June 26, 2014", "2014-06-26"), ("last month", "2014-05"), ("yesterday", "2014-06-26"),
    ("two days after", "2014-06-29"), ("on Tuesday", "2014-06-24"), ("in 2012", "2012"),
    ("26.06.2014", "2014-06-26"), ("Easter", "2014-04-20"),
])
def test_interpret(text, value):
    rule, r = interpret(text, A)
    assert r.value == value
    assert resolve(rule, A) == r


def test_interpret_errors():
    with pytest.raises(TemporalError, match="anchor"):
        interpret("the day before", None)
    with pytest.raises(TemporalError):
        interpret("purple elephants", A)
    with pytest.raises(TemporalError):
        interpret("9/11", A)
    with pytest.raises(TemporalError, match="28 days"):
        interpret("2014-02-30", A)
    assert interpret("2014-06-24", None)[1].value == "2014-06-24"


# --- resolve ----------------------------------------------------------------------------------
@pytest.mark.parametrize("rule,value", [
    ("abs:2014-06-26", "2014-06-26"), ("weekday:4:past", "2014-06-26"),
    ("weekday:5:past", "2014-06-27"), ("weekday:5:last", "2014-06-20"),
    ("weekday:5:next", "2014-07-04"), ("offset:-P1D", "2014-06-26"), ("offset:-P1W", "2014-W25"),
    ("offset:+P0M;mod=START", "2014-06"), ("month:6:last", "2013-06"), ("month:6:y-1", "2013-06"),
    ("quarter:3:past", "2013-Q3"), ("season:SU:this", "2014-SU"), ("dur:P3W:before", "P3W"),
    ("nth:11:4:4:past", "2013-11-28"), ("nth:11:1:1:1:past", "2013-11-05"), ("dom:2:past", "2014-06-02"),
    ("monthday:2:29:past", "2012-02-29"), ("offset:+PT3H", "2014-06-27"),
    ("monthday:3:6:past;at=week", "2014-W10"), ("abs:2000-03-06;at=week", "2000-W10"),
])
def test_resolve_rules(rule, value):
    assert resolve(rule, A).value == value


@pytest.mark.parametrize("rule,value", [
    ("weekday:4:past", "XXXX-WXX-4"), ("monthday:6:24:near", "XXXX-06-24"),
    ("offset:-P1W", "XXXX-WXX"), ("month:6:last", "XXXX-06"), ("offset:-P1D;tod=NI", "XXXX-XX-XXTNI"),
])
def test_resolve_unknown_anchor(rule, value):
    r = resolve(rule, None)
    assert r.value == value and r.earliest is None and r.latest is None


def test_resolve_bad_rule():
    with pytest.raises(TemporalError):
        resolve("nonsense:1", A)


def test_event_anchored_offsets():
    event = parse_value("2014-06-24")
    assert resolve(offset_rule("P2D", "after"), event).value == "2014-06-26"
    assert resolve(offset_rule("P1W", "before"), event).value == "2014-W25"
    hours = resolve(offset_rule("PT?H", "after"), event)
    assert (hours.value, hours.mod, hours.earliest) == ("2014-06-24", "AFTER", date(2014, 6, 24))
    timed = resolve(offset_rule("PT5H", "after"), parse_value("2014-06-24T21:00"))
    assert timed.value == "2014-06-25T02:00"
    assert not resolve(offset_rule("P2D", "after"), None).is_resolved
    with pytest.raises(ValueError):
        offset_rule("two days", "after")


def test_dct_resolution():
    assert dct_resolution(None) is None
    assert dct_resolution(FRI).value == "2014-06-27"
    r = dct_resolution(datetime(2014, 6, 27, 14, 5))
    assert (r.value, r.precision, r.earliest) == ("2014-06-27T14:05", "time", FRI)


def test_resolve_is_fast():
    rules = ["weekday:4:past", "offset:-P1D", "month:6:last", "offset:-P1Y:keep", "quarter:3:past"]
    anchors = [dct_resolution(date(2000, 1, 1) + (date(2000, 1, 2) - date(2000, 1, 1)) * i)
               for i in range(2000)]
    t = time.perf_counter()
    for a in anchors:
        for r in rules:
            resolve(r, a)
    assert time.perf_counter() - t < 1.0  # 10,000 uncached resolutions


# --- streaming and the CLI -------------------------------------------------------------------------
def test_tag_documents_streams():
    lines = (json.dumps({"id": f"d{i}", "published": "2014-06-27", "text": "He left on Thursday.",
                         "extra": 1}) for i in range(3))
    out = tag_documents(lines)
    first = next(out)
    assert first["id"] == "d0" and first["timexes"][0]["value"] == "2014-06-26"
    assert len(list(out)) == 2


def test_cli_text_and_input(tmp_path):
    from eventdb.cli.tag import command
    runner = CliRunner()
    res = runner.invoke(command, ["-", "--dct", "2014-06-27"], input="Obama said last Friday that")
    assert res.exit_code == 0, res.output
    obj = json.loads(res.output.strip())
    assert {k: obj[k] for k in ("start", "end", "text", "type", "value", "anchor")} == {
        "start": 11, "end": 22, "text": "last Friday", "type": "DATE", "value": "2014-06-20",
        "anchor": "dct"}
    assert {"mod", "precision", "earliest", "latest"} <= set(obj)
    f = tmp_path / "docs.jsonl"
    f.write_text(json.dumps({"id": "a", "published": "2018-04-19", "text": "met Wednesday"}) + "\n")
    res = runner.invoke(command, ["--input", str(f)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["timexes"][0]["value"] == "2018-04-18"
    res = runner.invoke(command, ["-", "--dct", "June"], input="x")
    assert res.exit_code != 0


def test_cli_input_rejects_bad_lines(tmp_path):
    from eventdb.cli.tag import command
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "a", "published": "2014-06-27", "text": "on Thursday"}\nnot json\n')
    res = CliRunner().invoke(command, ["--input", str(f)])
    assert res.exit_code == 1 and "line 2" in res.output
    first = next(line for line in res.output.splitlines() if line.startswith("{"))
    assert json.loads(first)["timexes"][0]["value"] == "2014-06-26"  # streamed before the error


def test_cli_unknown_dct():
    from eventdb.cli.tag import command
    res = CliRunner().invoke(command, ["-"], input="on Thursday")
    assert json.loads(res.output)["value"] == "XXXX-WXX-4"


@pytest.mark.parametrize("text, value, earliest, latest", [
    # "less than two weeks ago": any day since then (the value stays TIMEX3's: a week, LESS_THAN)
    ("introduced less than two weeks ago", "2010-W22", "2010-06-02", "2010-06-16"),
    ("opened less than a year ago", "2009", "2009-06-16", "2010-06-16"),
    # "nearly two years ago", "more than two weeks ago": that unit, as before
    ("left nearly two years ago", "2008", "2008-01-01", "2008-12-31"),
    ("more than two weeks ago", "2010-W22", "2010-05-31", "2010-06-06"),
])
def test_less_than_an_amount_ago_reaches_to_the_anchor(text, value, earliest, latest):
    line = json.dumps({"id": "d", "published": "2010-06-16", "text": text})
    t = next(tag_documents([line]))["timexes"][0]
    assert (t["value"], t["earliest"], t["latest"]) == (value, earliest, latest)
