"""What capitals say in a document: title-case and all-capital headlines, common words in capitals.

A mixin of ``entities.MentionFinder``: it reads the document's own lower-case vocabulary
(``lower_vocab``), the capitalised words of its running text (``mid_caps``, ``body_caps``) and the
lexicon (``lex``) that the finder keeps.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventdb.extract.lexicon import Lexicon, lexicon
from eventdb.extract.mentions import Tok

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NOTHING: frozenset[str] = frozenset()


def _title_case(line: str) -> bool:
    """A headline in title case or capitals: at least four words, and all but at most one of
    the words of four letters or more start with a capital (running text has lower-case words)."""
    words = _WORD.findall(line)
    if len(words) < 4:
        return False
    small = _small_words()
    long = [w for w in words if len(w) >= 4 and w not in small]
    return len(long) >= 2 and sum(1 for w in long if not w[:1].isupper()) <= max(0, len(long) // 8)


@lru_cache(maxsize=1)
def _small_words() -> frozenset[str]:
    """Function words a title-case headline writes in lower case ("Lohan Checks into Betty Ford"):
    the lower-case forms of the capitalised function words (stopcaps.txt)."""
    return frozenset(w.lower() for w in lexicon().stopcaps if w.isalpha())


class CaseReading:
    """Headline words and shouted words of one document (see the module's docstring)."""

    lex: Lexicon
    lower_vocab: set[str]
    mid_caps: set[str]
    body_caps: set[str] | None
    headlines: list[tuple[int, int]]

    def _headline_words(self, toks: list[Tok], start: int, end: int) -> frozenset[str]:
        """In a title-case or all-capital line, the words that are not names: those the document
        writes in lower case elsewhere, verbs and function words, unless a gazetteer, the first
        names or the document's own running text capitalise them."""
        if not any(a < end and start < b for a, b in self.headlines):
            return _NOTHING
        from eventdb.extract.clauses import is_verb
        lex, out = self.lex, set()
        for t in toks:
            w = t.text
            if not w[:1].isupper() or w in lex.known or w in lex.first_names or w in lex.demonyms:
                continue
            title = w if not w.isupper() else w[:1] + w[1:].lower()
            if title in self.mid_caps or (w.isupper() and w in self.mid_caps):
                continue
            low = w.lower()
            if (title in lex.stopcaps or is_verb(low) or self._written_lower(low)
                    or (self.body_caps is not None and title not in self.body_caps
                        and w not in self.body_caps)):
                out.add(w)
        return frozenset(out)

    def _shouted(self, w: str) -> bool:
        """A common word in capitals ("THREE PEOPLE HAVE DIED IN A BLAZE", "RECEIVER ARRESTED"):
        the document writes it in lower case elsewhere and no gazetteer knows it; acronyms
        ("NFL", "FBI") are never written so."""
        if not (len(w) > 1 and w.isupper() and w.isalpha()) or w in self.lex.known:
            return False
        low = w.lower()
        if self._written_lower(low) or self.lex.nominals.get(low) == "person":
            return True  # (a person's noun: "A MAN has been charged")
        from eventdb.extract.clauses import is_verb
        return len(w) > 3 and is_verb(low)  # "DIED", "ARRESTED" (not "US", "AP", "NFL")

    def _written_lower(self, low: str) -> bool:
        """The document writes the word, or another form of it, in lower case ("Checks" next to
        "checked", "Dies" next to "died", "Patches" next to "patch")."""
        vocab = self.lower_vocab
        if low in vocab:
            return True
        stems = {low}
        if low.endswith("es") and len(low) > 4:
            stems.add(low[:-2])
        if low.endswith("s") and len(low) > 3:
            stems.add(low[:-1])
        return any(x in vocab for st in stems for x in (st, st + "ed", st + "d", st + "ing", st + "s"))
