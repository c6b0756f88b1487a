"""Temporal engine: find time expressions in English news text and resolve them.

Pure functions, no database. The public API:

- ``tag(text, dct)``: every time expression in ``text``, resolved against the publication time
  ``dct`` (a ``date``/``datetime``, or ``None`` when unknown: relative expressions then stay
  underspecified, e.g. ``XXXX-WXX-4``, with their rule kept).
- ``resolve(rule, anchor)``: recompute a resolution from a stored rule and the anchor's current
  resolution (``None`` = anchor unknown). ``resolve(t.rule, anchor_of(t)) == t.resolved``.
- ``dct_resolution(dct)``: the :class:`Resolved` of a publication time (``None`` -> unknown).
- ``parse_value(text)``: a TIMEX3 / ISO / EDTF value typed by a curator -> :class:`Resolved`.
- ``interpret(text, anchor)``: natural language typed by a curator ("the day before", "Tuesday",
  "June 24", or any value ``parse_value`` accepts) -> ``(rule, Resolved)``.

- ``offset_rule(amount, direction)``: the rule for "<amount> before/after <anchor>" (``P2D``,
  ``PT?H``), to resolve against any anchor (an event's date, another expression).

Rules are compact strings documented in ``rules.py``; the recognizer's tables are data in
``resources/`` (see ``resources/README.md``).

``parse_value`` and ``interpret`` raise :class:`TemporalError` (a ``ValueError``) with a one-line
message that says why when the input is not a valid date.
"""

from eventdb.temporal.model import Anchor, Precision, Resolved, Timex, TimexType

__all__ = [
    "Anchor", "Precision", "Resolved", "Timex", "TimexType", "TemporalError",
    "tag", "resolve", "dct_resolution", "parse_value", "interpret", "offset_rule",
]


class TemporalError(ValueError):
    """An expression or value that cannot be understood as a date; the message says why."""


from eventdb.temporal.api import (  # noqa: E402
    dct_resolution, interpret, offset_rule, parse_value, resolve, tag,
)
