"""The alias key: the form under which a participant's names are looked up."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from eventdb.services.participants import alias_key


def _reference(name: str) -> str:
    """The definition, for every string: accents off (NFKD, combining marks dropped), case
    folded, runs of non-word characters to one space, a leading "the" dropped."""
    import re
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    key = re.sub(r"[\W_]+", " ", folded).strip()
    return (key[4:] if key.startswith("the ") else key)[:255]


def test_examples() -> None:
    assert alias_key("al-Maliki") == alias_key("Al Maliki") == alias_key("al Maliki") == "al maliki"
    assert alias_key("the BBC") == alias_key("BBC") == "bbc"
    assert alias_key("Erdoğan") == alias_key("Erdogan") == "erdogan"
    assert alias_key("Ｆｏｏ") == "foo"  # full-width letters (NFKD)


@given(st.text(max_size=40) | st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_the_ascii_shortcut_changes_nothing(name: str) -> None:
    assert alias_key(name) == _reference(name)
