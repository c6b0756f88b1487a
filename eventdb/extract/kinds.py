"""Kinds of action and verb keys: which kind a trigger's happening is, and whether two triggers
are forms of one verb ("wins" / "won", "pushes" / "pushed").

The kind table is data (``resources/action_kinds.tsv``: kind -> trigger lemmas) and so are the
irregular verb forms (``resources/verb_forms.tsv``); regular inflections are undone by a few
suffix rules. A lemmatiser package (lemminflect) was measured: 0.26 s and numpy at every worker
start for the same answers on news triggers, so the small table is kept.
"""

from __future__ import annotations

from functools import lru_cache

from eventdb.extract.lexicon import _lines


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    forms = dict(ln.split("\t")[:2] for ln in _lines("verb_forms.tsv"))
    kinds: dict[str, str] = {}
    for ln in _lines("action_kinds.tsv"):
        kind, lemmas = ln.split("\t")[:2]
        for w in lemmas.split():
            # lemmas are base forms: no irregular lookup ("found" the company, not "find")
            kinds.setdefault(_stem(w, {}), kind)  # the first kind listed for a lemma wins
    return forms, kinds


def _stem(word: str, forms: dict[str, str]) -> str:
    w = word.lower().replace("’", "'")
    if w in forms:
        w = forms[w]
    elif len(w) > 4 and w.endswith(("ies", "ied")):
        return w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        return _undouble(w[:-3])
    elif len(w) > 4 and w.endswith("ed"):
        return _undouble(w[:-2])
    elif len(w) > 4 and w.endswith("es") and (w[-3] in "sxz" or w[-4:-2] in ("ch", "sh")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w[:-1] if len(w) > 3 and w.endswith("e") else w  # "release" like "released"


def _undouble(w: str) -> str:
    """ "stopp" (from "stopped") -> "stop"; "call" stays."""
    return w[:-1] if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsze" else w


@lru_cache(maxsize=65536)
def verb_key(word: str) -> str:
    """One key for every form of a verb or event noun: "won" and "wins" -> "win",
    "exercising" and "exercises" -> "exercis" (a key, not a word: only compared)."""
    return _stem(word, _tables()[0])


def kind_of(trigger: str) -> str | None:
    """The kind of action of a trigger word from ``resources/action_kinds.tsv``, or None."""
    return _tables()[1].get(verb_key(trigger))
