"""What the recognizer's candidates must be, whatever its shortcuts: every rule as written."""

from __future__ import annotations

from eventdb.temporal import engine
from eventdb.temporal.engine import candidates, compiled


def reference_candidates(text: str) -> list[tuple]:
    """Every rule as written (``re.I``), run over the whole text."""
    out = []
    for p in compiled():
        for m in p.regex.finditer(text):
            g = m.groupdict()
            s, e = engine.extent(text, m, g)
            if e > s:
                out.append((s, e, p.index, g))
    return sorted(out, key=lambda c: (c[2], c[0]))


def found(text: str) -> list[tuple]:
    """The recognizer's candidates, in the same form and order."""
    return sorted(((c.start, c.end, c.pattern.index, c.groups) for c in candidates(text)),
                  key=lambda c: (c[2], c[0]))
