"""Participants: recognise mentions of people, organisations, places, groups and products.

Rules, in order:

1. Names are runs of capitalised words (connectors such as "of" and "al" allowed inside, numbers
   after the first word: "Boeing 787", "iPhone 4"). Function words and calendar words that are
   capitalised only because they start a sentence are dropped; so is a sentence-initial word the
   document also writes in lower case ("Close coordination ...").
2. Titles ("Prime Minister", "Brigadier General", "CEO") belong to the mention, not to the name;
   a demonym or organisation before a title is a mention of its own ("Iraqi" -> Iraq).
3. Known names and aliases come from the gazetteers (``resources/``); demonyms stand for their
   country.
4. Title-case and all-capital headlines say nothing by their capitals: their common words and
   verbs are not names ("Lohan Leaves Betty Ford"); nor is a common word in capitals elsewhere
   ("RECEIVER ARRESTED"). Both are ``eventdb.extract.casing``.
5. Pronouns and nominals ("he", "the company") are found as references by
   ``eventdb.extract.references``; a product's sort comes from its noun ("Trent 900 engines",
   resources/product_nouns.tsv). Joining mentions into the article's entities is
   ``eventdb.extract.coref``; the mention records are ``eventdb.extract.mentions``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventdb.extract.canon import variant_of
from eventdb.extract.casing import _LINE, _NOTHING, CaseReading, _title_case
from eventdb.extract.lexicon import lexicon
from eventdb.extract.mentions import RawMention, Tok, _is_cap
from eventdb.extract.openers import SentenceOpeners
from eventdb.extract.names import (_CORPORATE, _PARTICLE, _kind_of, _product_singular, normalise_name,  # noqa: F401
                                   tokens)
from eventdb.extract.phrases import coordinated_titles, described_names, governments, possessed_products
from eventdb.extract.references import references
from eventdb.temporal.resources.lexicon import NUMBERS

#: Number words ("Sixty", "Dozens", "Hundreds"): alone, a count opening a sentence, not a name.
_NUMBER_WORDS = frozenset({w for w in NUMBERS if " " not in w} | {"hundreds", "thousands", "dozens", "millions"})

_AFTER_COMMA = re.compile(r",\s+([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)")
_NAME_PREFIXES = {"O", "D"}  # "O'Leary", "D'Alema"
_PLACE_BEFORE = re.compile(
    r"\b(?:(?:town|city|village|province|region|district|capital|port) of|near|outside|in)\s+$")
_OFFICE_HEADS = {"Minister", "Secretary", "Commissioner", "Spokesman", "Spokeswoman", "Director", "Chief"}
#: "the 787", "the first 787", "its 777 airliner", "the 787 offers": a three-digit number after a
#: determiner, before punctuation or a lower-case word. It names a model only when the document
#: names a product with that number ("Boeing 787"); otherwise it is dropped ("the 250 required").
_MODEL_NUMBER = re.compile(r"\b(?:[Tt]he|its|their|first|new|a)\s+(?:first\s+|new\s+|last\s+|final\s+)?"
                           r"(\d{3}(?:-\d{1,3}[A-Z]{0,3})?)(?=\s*[,.;:)\"”]|\s+[a-z])")
_THREE_DIGITS = re.compile(r"(?<![\d,.])\d{3}(?!\d)")
_MODEL_BEFORE = {"the", "a", "its", "their", "first", "new", "last", "final"}
_FOUR_DIGITS = re.compile(r"\d{4}")
_SCORE = re.compile(r"\d{1,2}-\d{1,2}")
_WORD_BEFORE = re.compile(r"\b([a-z][a-z-]*)[ \t]+$")
_LOWER_WORDS = re.compile(r"[ \t]+((?:[a-z][a-z-]*[ \t]+){0,2}[a-z][a-z-]*)")


_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|org|net|co\.uk|html?|php)\S*")


_OFFSET = re.compile(r"[+\-−]\d")


@lru_cache(maxsize=1)
def _time_zones() -> frozenset[str]:
    """Time-zone abbreviations ("GMT", "EDT", "CET"), from dateparser's table."""
    from dateparser.timezones import timezone_info_list
    return frozenset(a for group in timezone_info_list for a, _ in group["timezones"])


_QUOTES = frozenset('"“”\'‘’')
#: A hyphenated word with a lower-case part: an adjective compound ("Chicago-based", "Top-ranked").
_LOWER_PART = re.compile(r"-[a-z]")


def _formula(text: str, t: "Tok") -> bool:
    """Spreadsheet formula text, never a name: "=SUM(A1)" (a word right after "=", a word opening
    a bracket, a word inside one that opens right after a word)."""
    before = text[t.start - 1:t.start] if t.start else ""
    if before == "=" or text[t.end:t.end + 1] == "(":
        return True
    return before == "(" and t.start >= 2 and text[t.start - 2].isalnum()


#: Titles that in lower case are mostly adjectives or other nouns ("a major Air France flight").
_ADJECTIVE_TITLES = {"major", "general", "chief", "executive", "official", "justice", "agent", "lady", "lord",
                     "chair", "premier", "king", "queen", "prince", "princess", "speaker", "leader"}


@lru_cache(maxsize=1)
def _lower_titles() -> frozenset[str]:
    """One-word titles in lower case ("president", "spokesman", "analyst")."""
    return frozenset(t.lower() for t in lexicon().titles if " " not in t and t.isalpha() and len(t) > 3
                     and t.lower() not in _ADJECTIVE_TITLES)


@lru_cache(maxsize=1)
def _capitalised_nouns() -> dict[str, frozenset[str]]:
    """Capitalised common words and the nouns they go with (resources/capitalised_nouns.tsv)."""
    from eventdb.extract.lexicon import _lines
    return {w: frozenset(nouns.split()) for w, nouns in (ln.split("\t", 1) for ln in _lines("capitalised_nouns.tsv"))}


class MentionFinder(SentenceOpeners, CaseReading):
    """Finds raw mentions sentence by sentence; keeps the document's lower-case vocabulary."""

    def __init__(self, text: str):
        self.text = text
        self.lex = lexicon()
        # Web addresses write names in lower case ("/lindsay-lohan-leaves-rehab"): not words
        # of the running text.
        prose = _URL.sub(" ", text) if "/" in text or "www." in text else text
        self.lower_vocab = {w for w in re.findall(r"\b[a-z][a-z]+\b", prose)}
        # Lines written in title case or all capitals (headlines: "Lohan Leaves Betty Ford"):
        # their capitals say nothing about names, so they are left out of ``mid_caps`` and their
        # common words are not names (``_headline_words``).
        self.headlines = [(m.start(), m.end()) for m in _LINE.finditer(text) if _title_case(m.group())]
        body = text
        for a, b in self.headlines:
            body = body[:a] + " " * (b - a) + body[b:]
        # capitalised words seen inside sentences: names, not sentence-initial common words
        # capitalised words of the running text, wherever they stand (a headline word found
        # nowhere else capitalised is not a name: "Checks", "Launches", "Fire Coach")
        # (only when there is running text besides the headlines to compare with)
        self.body_caps = (set(re.findall(r"\b[A-Z][\w-]*", body))
                          if self.headlines and re.search(r"\b[a-z]{3,}\b", body) else None)
        mids = re.findall(r"(?<=[a-z0-9,;] )[A-Z][\w-]*", body)
        self.mid_caps = set(mids)
        seen: set[str] = set()
        self.mid_caps_twice = {w for w in mids if w in seen or seen.add(w)}
        self._longer: dict[str, bool] = {}
        self._demoted: frozenset[str] = _NOTHING

    def sentence(self, start: int, end: int) -> list[RawMention]:
        text = self.text
        toks = tokens(text, start, end)
        out: list[RawMention] = []
        self._demoted = self._headline_words(toks, start, end) if self.headlines else _NOTHING
        runs = self._runs(toks, start)
        for run in runs:
            out.extend(m for m in self._run_mentions(run, start) if not self._time_zone(m))
        governments(self.lex, text, out)
        refs = references(text, toks)
        if refs:
            covered = {(r.start, r.end) for r in refs if r.ref == "nominal:person"}
            if covered:  # "Woman Killed In ...": the noun, not a name (``references``)
                out = [m for m in out if (m.start, m.end) not in covered]
            out.extend(refs)
        taken = [(r.start, r.end) for r in out]
        models = _MODEL_NUMBER.finditer(text, start, end) if _THREE_DIGITS.search(text, start, end) else ()
        for m in models:
            a, b = m.start(1), m.end(1)
            if not any(s < b and a < e for s, e in taken):
                # "the 787", "the first 787": a model named by its number (joined to the product
                # that carries it, or dropped)
                out.append(RawMention(a, b, m.group(1), m.group(1), "product", ref="model",
                                      sort=self._sort_after(b, singular=True)))
        out.sort(key=lambda r: (r.start, -r.end))
        described_names(self.lex, text, out)
        if " and " in text[start:end] or ", " in text[start:end]:
            coordinated_titles(self.lex, text, out)
        if "'" in text[start:end] or "’" in text[start:end]:
            possessed_products(text, out)
        return out

    def _time_zone(self, m: RawMention) -> bool:
        """ "1400 GMT", "10 a.m. EDT", "UTC+1": a time zone's abbreviation (dateparser's list)
        beside a time or an offset, not a participant (seen in a curator pile: "GMT")."""
        if m.text not in _time_zones():
            return False
        before = self.text[max(0, m.start - 6):m.start].rstrip()
        return bool(before[-1:].isdigit() or before.lower().endswith(("a.m.", "p.m.", "am", "pm"))
                    or _OFFSET.match(self.text, m.end))

    # -- names ---------------------------------------------------------------------------------
    def _runs(self, toks: list[Tok], sent_start: int) -> list[list[Tok]]:
        """Maximal runs of capitalised tokens joined by spaces, with connectors and numbers."""
        lex, text = self.lex, self.text
        runs: list[list[Tok]] = []
        cur: list[Tok] = []
        capitalised = _capitalised_nouns()

        def close() -> None:
            while cur and not _is_cap(cur[-1].text) and not (cur[-1].text[:1].isdigit() and len(cur) > 1) \
                    and not (len(cur) > 1 and variant_of(cur[-1].text, cur[-2].text)):
                cur.pop()
            if cur:
                runs.append(list(cur))
            cur.clear()

        for i, t in enumerate(toks):
            if len(cur) > 1 and cur[-1].text in capitalised and t.text in capitalised[cur[-1].text] \
                    and text[cur[-1].end:t.start] == " ":
                cur.pop()  # "Internet Explorer Web browser", "Microsoft Web sites": "Web" is the noun's
                close()
            if cur:
                gap = text[cur[-1].end:t.start].strip()
                initial = gap == "." and len(cur[-1].text) == 1 and cur[-1].text.isupper()
                # "Michael O' Leary": an Irish or Italian prefix written apart
                initial = initial or gap in ("'", "’") and cur[-1].text in _NAME_PREFIXES
                if gap and not initial and not (gap == "," and t.text in _CORPORATE):
                    close()  # but "James A. Baker III" keeps its initial, "Apple, Inc." its suffix
            w = t.text
            if w == "'s":
                if cur:
                    close()
                continue
            if _is_cap(w) and w not in self._demoted and not _formula(text, t) \
                    and not (w.isupper() and self._shouted(w)):  # (only capitals may be shouted)
                cur.append(t)
            elif cur and (w in lex.connectors or w.startswith(("al-", "el-"))):
                cur.append(t)
            elif cur and variant_of(w, cur[-1].text) and text[cur[-1].end:t.start] == " ":
                cur.append(t)  # "the iPod nano": a variant of the product, named with it
            elif (cur and w[:1].isdigit() and _is_cap(cur[-1].text) and not _FOUR_DIGITS.fullmatch(w)
                  and not _SCORE.fullmatch(w)):  # "Boeing 787", not "Chiefs 20-13"
                cur.append(t)
            elif (not cur and len(w) == 3 and w.isdigit() and i + 1 < len(toks) and _is_cap(toks[i + 1].text)
                  and text[t.end:toks[i + 1].start] == " " and toks[i + 1].text not in lex.stopcaps
                  and i > 0 and toks[i - 1].text in _MODEL_BEFORE):
                cur.append(t)  # "the first 787 Dreamliner": a model number opens the name
            elif cur:  # (most words: no run open, nothing to close)
                close()
        close()
        return runs

    def _run_mentions(self, run: list[Tok], sent_start: int) -> list[RawMention]:
        lex, text = self.lex, self.text
        out: list[RawMention] = []
        # Drop leading function/calendar words and a sentence-initial common word.
        while run:
            w = run[0].text
            if w in lex.stopcaps:
                run = run[1:]
            elif self._initial_common(run, sent_start):
                run = run[1:]
            else:
                break
            while run and not _is_cap(run[0].text):
                run = run[1:]
        if not run:
            return out
        if len(run) == 1 and run[0].text.lower() in _NUMBER_WORDS:
            return out  # "Sixty residents were moved": a count, nobody's name ("Seven Network" is)
        if len(run) == 1 and "-" in run[0].text and not run[0].text.lower().startswith(("al-", "el-")):
            return self._hyphenated(run[0])
        if len(run) > 1 and _LOWER_PART.search(run[0].text) and not _PARTICLE.match(run[0].text):
            # "Chicago-based Boeing", "Top-ranked North Carolina": an adjective compound opens
            # the run; the name is what follows it (the mention keeps its modifier)
            out = self._run_mentions(run[1:], sent_start)
            if out and out[0].start == run[1].start and not out[0].ref:
                m = out[0]
                m.start, m.text, m.titled = run[0].start, text[run[0].start:m.end], True
            return out
        whole = text[run[0].start:run[-1].end]
        if whole not in lex.known and not self._longer_name_starts(whole):
            while run and run[0].text in lex.adjectives:
                run = run[1:]
            while run and (run[-1].text in lex.adjectives or not _is_cap(run[-1].text) and not run[-1].text[:1].isdigit()
                           and not (len(run) > 1 and variant_of(run[-1].text, run[-2].text))):
                run = run[:-1]
        if not run:
            return out
        # Whole run known?
        whole = text[run[0].start:run[-1].end]
        k = lex.known.get(whole) or lex.known.get(normalise_name(whole))
        if k:
            return [RawMention(run[0].start, run[-1].end, whole, k.name, k.kind, k)]
        # Split at titles: [prefix] TITLE [name]
        i = 0
        title_end = -1
        title_start = -1
        while i < len(run):
            j = self._title_at(run, i)
            if j > i:
                if title_start < 0:
                    title_start = i
                title_end = j
                i = j
                continue
            if title_end >= 0:
                break
            i += 1
        if (title_end >= 0 and not (title_end < len(run) and run[title_end].text == "of")
                and any(t.text in lex.kind_words for t in run[title_end:])):
            title_end = -1  # "General Motors", "General Electric": a name, not a title
        if title_end >= 0 and title_end < len(run) and run[title_end].text == "of":
            # "CEO of Boeing Commercial Airplanes": the organisation, not a person
            if title_start > 0:
                out.extend(self._plain(run[:title_start]))
            rest = run[title_end + 1:]
            return out + (self._plain(rest) if rest else [])
        if title_end >= 0:
            prefix, name_toks = run[:title_start], run[title_end:]
            place = self._place_ending(prefix)
            if place is not None:
                # "Regina Benjamin U. S. Surgeon General nominee": the office's country is a
                # mention of its own, not part of the name before it
                prefix = prefix[:len(prefix) - place[0]]
            if prefix:
                out.extend(self._plain(prefix))
            if place is not None:
                out.append(place[1])
            named_prefix = bool(out)
            if name_toks:
                nm = text[name_toks[0].start:name_toks[-1].end]
                # "Airbus chief executive Noel Forgeard": the person's mention is the whole
                # noun phrase; the organisation before the title is also a mention of its own
                # (a prefix that names nothing stays out: "Name Dr. Sanjay Gupta")
                start = run[0].start if named_prefix else run[title_start].start
                out.append(RawMention(start, name_toks[-1].end, text[start:name_toks[-1].end],
                                      normalise_name(nm), "person", titled=True, raw=" ".join(nm.split())))
                kn = lex.known.get(nm)
                if kn:
                    out[-1].name, out[-1].kind, out[-1].known = kn.name, kn.kind, kn
            # a title with no name after it is not a participant by itself
            return out
        return self._plain(run)

    def _place_ending(self, run: list[Tok]) -> tuple[int, RawMention] | None:
        """A known place written as initials apart ("U. S.") closing a run that has a name
        before it: how many tokens it takes and its mention."""
        for n in range(min(3, len(run) - 1), 1, -1):
            toks = run[-n:]
            if not all(len(t.text) == 1 and t.text.isupper() for t in toks):
                continue
            end = toks[-1].end
            form = ".".join(t.text for t in toks) + "."  # "U. S." is "U.S."
            end += self.text.startswith(".", end)
            kn = self.lex.known.get(form)
            if kn is not None and kn.kind == "place":
                return n, RawMention(toks[0].start, end, self.text[toks[0].start:end], kn.name, kn.kind, kn)
        return None

    def _title_word_before(self, start: int) -> bool:
        """A title in lower case just before a name ("vice president", "spokesman", titles.txt)."""
        m = _WORD_BEFORE.search(self.text, max(0, start - 24), start)
        return bool(m) and m.group(1) in _lower_titles()

    def _longer_name_starts(self, name: str) -> bool:
        """The document also writes a longer name that starts with ``name`` ("China Eastern" next
        to "China Eastern Airlines"): ``name`` is its short form, not an adjective to trim."""
        if " " not in name:
            return False
        found = self._longer.get(name)
        if found is None:
            # "name" then a space and a capital (ASCII, as [A-Z]); a plain search, not a pattern
            # compiled per name
            text, head = self.text, name + " "
            at = text.find(head)
            while at >= 0 and not ("A" <= text[at + len(head):at + len(head) + 1] <= "Z"):
                at = text.find(head, at + 1)
            found = self._longer[name] = at >= 0
        return found

    def _place_follows(self, end: int) -> bool:
        m = _AFTER_COMMA.match(self.text, end)
        if not m:
            return False
        two = m.group(1)
        for cand in (two, two.rstrip("."), two.split()[0], two.split()[0].rstrip(".")):
            k = self.lex.known.get(cand)
            if k is not None:
                return k.kind == "place"
        return False

    def _hyphenated(self, t: Tok) -> list[RawMention]:
        """ "Iraq-Syria" -> Iraq, Syria; "post-ISIS" -> ISIS; "EADS-led" -> EADS."""
        lex, out, pos = self.lex, [], t.start
        parts = t.text.split("-")
        known = [p in lex.known or p in lex.demonyms for p in parts]
        if not any(known) and not any(p[:1].islower() for p in parts):
            kind = _kind_of([t.text], False)
            return [RawMention(t.start, t.end, t.text, normalise_name(t.text), kind)]
        for p in parts:
            if p in lex.known:
                k = lex.known[p]
                out.append(RawMention(pos, pos + len(p), p, k.name, k.kind, k))
            elif p in lex.demonyms:
                k = lex.demonyms[p]
                out.append(RawMention(pos, pos + len(p), p, k.name, k.kind, k))
            elif p[:1].isupper() and len(p) > 1 and p.isupper():
                out.append(RawMention(pos, pos + len(p), p, p, "other"))
            pos += len(p) + 1
        return out

    def _title_at(self, run: list[Tok], i: int) -> int:
        """End of the longest title starting at ``run[i]`` (``i`` when none); "Environment
        Minister", "Interior Secretary": a capitalised word before Minister/Secretary is part of it."""
        lex = self.lex
        for n in range(min(lex.max_title_words, len(run) - i), 0, -1):
            cand = " ".join(t.text for t in run[i:i + n])
            if cand in lex.titles and cand[:1].isupper():
                return i + n
        if (i + 2 < len(run) and run[i + 1].text in _OFFICE_HEADS and run[i].text.isalpha()
                and run[i].text not in lex.known and self._title_at(run, i + 1) <= i + 2):
            # "Environment Minister", but not "Apple Chief Executive Officer" (an organisation
            # before a longer title)
            return i + 2
        return i

    def _plain(self, run: list[Tok]) -> list[RawMention]:
        """A run without titles: known names, demonyms and unknown names."""
        lex, text = self.lex, self.text
        words = [t.text for t in run]
        out: list[RawMention] = []
        if all(w in _CORPORATE and not w.isupper() for w in words):
            return out  # "Ltd." without its name is nobody (but "SA" may be South Africa)
        whole = text[run[0].start:run[-1].end]
        k = lex.known.get(whole)
        if k:
            return [RawMention(run[0].start, run[-1].end, whole, k.name, k.kind, k)]
        if len(run) > 1 and text[run[0].start - 1:run[0].start] in _QUOTES \
                and text[run[-1].end:run[-1].end + 1] in _QUOTES:
            # '"American Pie"', '"Catching Fire"': a work's title in quotes is one name
            return [RawMention(run[0].start, run[-1].end, whole, normalise_name(whole), "other")]
        # Demonym before other words: "Syrian forces" (lower case) never reaches here; "Syrian
        # President" is a title; "European Aeronautic ..." with 2+ further words is a name.
        if words[0] in lex.demonyms and (len(run) <= 2 or len(run) == 3 and self._person_after(run)):
            d = lex.demonyms[words[0]]
            out.append(RawMention(run[0].start, run[0].end, words[0], d.name, d.kind, d))
            if len(run) == 2 and lex.kind_words.get(words[1]) in ("organisation", "group"):
                # "the Indian Navy", "Iraqi Army": the state's body is an organisation of its
                # own (the demonym still stands for the country)
                out.append(RawMention(run[0].start, run[1].end, whole, normalise_name(whole), "organisation"))
                return out
            run = run[1:]
            if not run:
                return out
            words = words[1:]
            whole = text[run[0].start:run[-1].end]
        for cut in range(len(run), 2, -1):
            place = self._place_ending(run[:cut])
            if place is not None and run[cut - 1].text.isupper() and len(run[cut - 1].text) == 1 \
                    and cut - place[0] > 1:
                # "Regina Benjamin U. S. surgeon general", "... U. S. Surgeon General": initials
                # written apart are no one's initials after two names; they are the place they
                # abbreviate, and what follows is a name of its own
                rest = run[cut:]
                return (out + self._plain(run[:cut - place[0]]) + [place[1]]
                        + (self._plain(rest) if rest else []))
        # "Air Force James Roche", "Acquisition Darleen Druyun": a name before a person's name
        for j in range(1, len(run) - 1):
            if words[j] in lex.first_names and all(_is_cap(w) for w in words[j:j + 2]) and words[j - 1] not in lex.connectors:
                person = run[j:]
                nm = text[person[0].start:person[-1].end]
                return self._plain(run[:j]) + [RawMention(person[0].start, person[-1].end, nm, normalise_name(nm), "person")]
        # A place before a camel-case product ("UK iTunes prices", "United Kingdom iTunes store"):
        # the place and the product are mentions of their own.
        for n in range(min(3, len(run) - 1), 0, -1):
            kn = lex.known.get(text[run[0].start:run[n - 1].end])
            if kn is not None and kn.kind == "place" and words[n][:1].islower() and _is_cap(words[n]):
                place = RawMention(run[0].start, run[n - 1].end, text[run[0].start:run[n - 1].end],
                                   kn.name, kn.kind, kn)
                return out + [place] + self._plain(run[n:])
        # A known name followed only by generic capitalised words ("ISIS Militants").
        for n in range(len(run), 0, -1):
            head = text[run[0].start:run[n - 1].end]
            kn = lex.known.get(head)
            if kn and (n == len(run) or all(w.lower() in self.lower_vocab for w in words[n:])):
                out.append(RawMention(run[0].start, run[n - 1].end, head, kn.name, kn.kind, kn))
                return out
        w = words[0]
        if (len(run) == 1 and w.lower() in self.lower_vocab and w.isalpha() and w[1:].islower()
                and w not in self.mid_caps_twice):
            # a capitalised common word alone (headline case, "Militants") is not a name, unless
            # the document capitalises it inside sentences too ("Apple" next to "an apple")
            return out
        kind = _kind_of(words, False)
        if kind == "other" and 2 <= len(run) <= 3 and self._title_word_before(run[0].start):
            kind = "person"  # "senior vice president Mitsuo Morimoto", "analyst David Strauss"
        if kind in ("person", "other") and _PLACE_BEFORE.search(text[max(0, run[0].start - 24):run[0].start]):
            kind = "place"  # "the town of Albu Kamal", "near Qaim"
        elif kind == "other" and self._place_follows(run[-1].end):
            kind = "place"  # "Birmingham, Ala.", "Toulouse, France"
        name = normalise_name(whole)
        sort = ""
        if kind == "product":
            name = _product_singular(name)  # "A330s", "Boeing 787 Dreamliners" name one model
            sort = self._sort_after(run[-1].end)
        out.append(RawMention(run[0].start, run[-1].end, whole, name, kind, sort=sort))
        return out

    def _person_after(self, run: list[Tok]) -> bool:
        """ "the American Hasim Rahman": a person's name after the demonym (a listed first name,
        or two name-like words the document also writes without the demonym)."""
        from eventdb.extract.canon import _person_like
        words = [t.text for t in run[1:]]
        if not _person_like(words):
            return False
        return words[0] in self.lex.first_names or self._alone_elsewhere(
            self.text[run[1].start:run[-1].end], run[0].text)

    def _sort_after(self, end: int, singular: bool = False) -> str:
        """The sort of product a name is, from the common noun after it: "the Airbus A380
        superjumbo airliner" -> aircraft, "Trent 900 engines" -> engine (up to three lower-case
        words are looked at). ``singular``: only a noun in the singular counts, one whose plural
        is listed too ("its 777 airliner" names a model; "the 179 tankers" are a quantity)."""
        m = _LOWER_WORDS.match(self.text, end)
        if not m:
            return ""
        nouns = self.lex.product_nouns
        for w in m.group(1).split():
            sort = nouns.get(w)
            if sort:
                return sort if not singular or w + "s" in nouns else ""
        return ""
