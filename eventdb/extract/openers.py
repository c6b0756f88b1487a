"""A capitalised word opening a sentence: part of a name, or a common word capitalised only
because the sentence starts there ("Close coordination ...", "Typically Microsoft ...")? The rules
of ``entities.MentionFinder`` that decide it, kept apart from the rest of recognition."""

from __future__ import annotations

import re

from eventdb.extract.lexicon import Lexicon
from eventdb.extract.mentions import Tok, _is_cap

_NEXT_WORD = re.compile(r"\s+([A-Za-z']+)")
#: "to" then a lower-case word that is no determiner: "Apple to give ..." (not "Trips to the sea").
_TO_VERB = re.compile(r"\s+(?!(?:the|a|an|his|her|its|their|our|this|that|these|those|be|another|you|me|him|"
                      r"them|us|what|whom|which|[a-z]+ing)\b)[a-z]+\b")
#: Endings of common words before "to" ("Failure to comply", "Plans to expand", "Expected to contend").
_NOUN_ENDINGS = ("s", "ure", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ing", "ism", "ed")
_AUX_LIKE = {"has", "have", "had", "is", "are", "was", "were", "will", "would", "can", "could", "may", "might",
             "said", "says", "also"}
_MID = re.compile(r"[a-z0-9,;] $")

#: Endings of adjectives ("Actual", "Famous", "Massive", "Latest"); given names that end so
#: ("Neal") are in the given-name list, which ``_initial_common`` checks first.
_ADJECTIVE_ENDINGS = ("al", "ous", "ive", "ful", "able", "ible", "est", "ic")


class SentenceOpeners:
    """Mixed into ``entities.MentionFinder``, whose state it reads (``lex``, ``text``,
    ``lower_vocab``, ``mid_caps``, ``_title_at``)."""

    lex: Lexicon
    text: str
    lower_vocab: set[str]
    mid_caps: set[str]

    def _initial_common(self, run: list[Tok], sent_start: int) -> bool:
        """A capitalised word that starts the sentence (or its quote) and is not a name: the
        document writes it in lower case, or never capitalises it mid-sentence while what follows
        is not a verb ("Close coordination with Assad", "Top Iraqi officials")."""
        lex, text = self.lex, self.text
        t = run[0]
        w = t.text
        if not (t.start == sent_start or text[sent_start:t.start].strip() in ('"', "“", "'", "‘", "(", "``", "`")):
            return False
        if w in lex.known or w in lex.demonyms or w in lex.titles or w in lex.first_names:
            return False
        if self._title_at(run, 0) > 0:
            return False  # "Prime Minister John Howard"
        if len(run) > 1 and self._named_mid_sentence(run):
            return False  # "Apple Corps argued": the document names "Apple Corps" mid-sentence too
        if any(a.islower() and b.isupper() for a, b in zip(w, w[1:])):
            return False  # "AirTanker Ltd." next to "airtanker contract": camel case is a name's
        if w.lower() in lex.modifier_nouns and len(run) > 1 and run[1].text == "of":
            return True  # "Users of IE8 ...": whose users; the name is after "of"
        if w.lower() in self.lower_vocab:
            return not self._opens_name(run)
        if text.startswith(("'s ", "’s "), t.end) and len(run) == 1:
            return False  # "Boeing's newest aircraft": a possessive opening the sentence is a name's
        if w in self.mid_caps or not w[1:].islower():
            return False
        if len(run) > 1:
            if run[1].text in lex.demonyms or run[1].text in lex.known:
                return True
            rest = text[run[1].start:run[-1].end]
            if w.endswith("ly") and len(w) > 4 and w[1:].islower() and self._alone_elsewhere(rest, w):
                return True  # "Typically Microsoft releases ...": an adverb before the name
            # "Actual Airbus deliveries ...": an adjective by its ending, before a name the
            # document also writes mid-sentence without it
            return (w.lower().endswith(_ADJECTIVE_ENDINGS) and text[t.start:run[-1].end] not in lex.known
                    and self._alone_elsewhere(rest, w))
        m = _NEXT_WORD.match(text, t.end)
        nxt = m.group(1).lower() if m else ""
        from eventdb.extract.clauses import is_verb
        if (nxt == "to" and not w.endswith(_NOUN_ENDINGS) and _TO_VERB.match(text, m.end())
                and self._title_line(t.start)):
            return False  # "Apple to give free cases ..." (a title): a name announcing what it will do
        if (w.lower().endswith(_ADJECTIVE_ENDINGS) and nxt.isalpha() and text[m.start(1)].islower()
                and not (is_verb(nxt) or nxt in _AUX_LIKE) and self._title_line(t.start)):
            return True  # "Internal emails expose ...": an adjective opening a title, before its noun
        return not (is_verb(nxt) or nxt in _AUX_LIKE or nxt.endswith("s") and len(nxt) > 3
                    or len(nxt) == 4 and nxt.endswith("ed"))  # "Cisco sued", "Apple used"

    def _opens_name(self, run: list[Tok]) -> bool:
        """A word the document also writes in lower case that still opens the name: before a
        place alone ("Air Canada" beside "air fares") or before an organisation's name that ends
        in a kind word ("Royal Air Force" beside "the royal family"), when the document never
        writes the rest without it."""
        lex, text = self.lex, self.text
        w = run[0].text
        if len(run) < 2 or not w.isalpha() or w.endswith("ly"):
            return False
        rest = text[run[1].start:run[-1].end]
        if len(run) == 2:
            kn = lex.known.get(rest)
            fits = kn is not None and kn.kind == "place" and rest not in lex.demonyms
        else:
            fits = lex.kind_words.get(run[-1].text) == "organisation" and all(_is_cap(t.text) for t in run[1:])
        return fits and not self._alone_elsewhere(rest, w)

    def _title_line(self, at: int) -> bool:
        """The line holding ``at`` reads as a title: short, with no closing full stop
        (``introduced.title_lines``)."""
        text = self.text
        a = text.rfind("\n", 0, at) + 1
        b = text.find("\n", at)
        line = text[a:b if b >= 0 else len(text)].rstrip()
        return len(line) <= 200 and not line.endswith((".", "?", "!", '"', "”", ":"))

    def _alone_elsewhere(self, rest: str, first: str) -> bool:
        """The document writes ``rest`` elsewhere, not after ``first`` ("Airbus" alone next to
        "Actual Airbus")."""
        text = self.text
        pos = text.find(rest)
        while pos >= 0:
            if not text[max(0, pos - len(first) - 1):pos].startswith(first):
                return True
            pos = text.find(rest, pos + 1)
        return False

    def _named_mid_sentence(self, run: list[Tok]) -> bool:
        """The run's first two words also stand together after a lower-case word or a comma
        elsewhere in the document."""
        text = self.text
        pair = text[run[0].start:run[1].end]
        pos = text.find(pair)
        while pos >= 0:
            if pos != run[0].start and _MID.search(text, max(0, pos - 3), pos):
                return True
            pos = text.find(pair, pos + 1)
        return False
