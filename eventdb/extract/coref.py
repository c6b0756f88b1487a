"""Participants inside one article: raw mentions joined into the article's entities.

Rules (``Joiner``), in text order: a known name joins its gazetteer entry; a short form joins the
full name it abbreviates ("Maliki" and "al-Maliki" join "Nouri al-Maliki", "Apple" joins "Apple
Inc.", "EADS" the name it follows in brackets); a company named in full after its short name
joins it and gives it the fuller name; pronouns and nominals ("he", "the company") join the
subject of the sentence or the last participant of a compatible kind; a product nominal ("the
airliner") only a product of its sort; a product family joins its one numbered model. A
description no one named before ("a man", then "the man") is an entity of its own, named by its
description and kept to its article (``services.store``).
Whom a pronoun or a description refers to is ``eventdb.extract.antecedents``; recognition of the
raw mentions is ``eventdb.extract.entities``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eventdb.extract.antecedents import DocEntity, References, _ref_sex, countries_of
from eventdb.extract.canon import (_person_like, outlet_base, short_forms, variant_words, without_initials,
                                   without_suffix)
from eventdb.extract.entities import _CORPORATE, RawMention, normalise_name
from eventdb.extract.introduced import named_later
from eventdb.extract.lexicon import Known, lexicon


#: Bodies named after the leader who leads them: the leader's name alone is the leader.
_LED_BODIES = frozenset({"Administration", "Government", "Regime"})
#: An age in commas right after a name: "Gaetano Lo Presti, 52,".
_AGE_AFTER = re.compile(r", \d{1,3},")
#: A title between a person's name and an organisation's: "Scott Carson, president and CEO of ".
_TITLE_OF = re.compile(r",\s+(?:[a-z]+\s+|[A-Z]{2,4}\s+){1,5}(?:of|at)\s+(?:the\s+)?")


@lru_cache(maxsize=8192)  # asked of every entity's name for each new one-word name
def _last_token(name: str) -> str:
    w = (without_suffix(name) or name).split()[-1]  # "Comeaux" of "Joseph Comeaux Jr."
    return re.sub(r"^(al|el)-", "", w, flags=re.I)


def _singular(word: str) -> str:
    """ "Dreamliners" -> "Dreamliner", "A380s" -> "A380"; other words unchanged."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word



_LETTERED_MODEL = re.compile(r"[A-Z](?=\d{3})")


def _model_key(word: str) -> str:
    """A model number without the maker's letter before it: "A380" and "380" ("the Airbus 380")
    name one model."""
    return _LETTERED_MODEL.sub("", word, count=1) if len(word) > 3 and word[0].isupper() else word


def name_like(words: list[str]) -> bool:
    """Two or three capitalised words of letters, none a kind word ("Tyler Hansbrough", not
    "Internet Explorer Web" ... nor "Air Force"): how an unlisted person's name looks."""
    kinds = lexicon().kind_words
    return 2 <= len(words) <= 3 and all(
        w.isalpha() and w[:1].isupper() and w[1:].islower() and w not in kinds for w in words)

@lru_cache(maxsize=1)
def _state_bodies() -> frozenset[str]:
    from eventdb.extract.lexicon import _lines
    return frozenset(_lines("state_bodies.txt"))


def _state_body(name: str) -> str | None:
    """ "U.S. Air Force", "US Air Force" -> "United States Air Force": a body of a state
    (``state_bodies.txt``) after a short form of its country is named with the country's full
    name, one name for every article's form; None for other names."""
    words = name.split()
    for n in (1, 2):
        if len(words) <= n:
            return None
        k = lexicon().known.get(" ".join(words[:n]))
        rest = " ".join(words[n:])
        if k is not None and k.kind == "place" and rest in _state_bodies():
            full = k.name + " " + rest
            return full if full != name else None
    return None


def _in_order(letters: str, name: str) -> bool:
    """Whether ``letters`` occur in ``name`` in this order, each at the start of a word or after
    the letter before ("sia" in "singapore airlines")."""
    at = 0
    for c in letters:
        at = name.find(c, at)
        if at < 0:
            return False
        at += 1
    return True


def _abbreviates(acronym: str, name: str) -> bool:
    """ "SIA" of "Singapore Airlines": three or more capitals that hold every word's initial, in
    order, and whose letters are the name's in order from its first ("SIngapore Airlines")."""
    initials = _initials(name)
    if len(acronym) < 3 or len(initials) < 2 or acronym[0] != initials[0] or acronym[-1] != initials[-1]:
        return False
    at = 0
    for c in initials:  # every initial, in order
        at = acronym.find(c, at)
        if at < 0:
            return False
        at += 1
    return _in_order(acronym.lower(), name.lower())


def _numbered_initials(name: str) -> str:
    """ "IE8" of "Internet Explorer 8": the initials and the model's number after them."""
    words = name.split()
    if len(words) < 3 or not words[-1].isdigit():
        return ""
    return _initials(" ".join(words[:-1])) + words[-1]


def _camel(name: str) -> bool:
    """A capital after a lower-case letter inside a word ("MacBook", "iPod")."""
    return any(a.islower() and b.isupper() for a, b in zip(name, name[1:]))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


class Joiner(References):
    """Joins raw mentions into document entities, in text order."""

    def __init__(self, text: str = "") -> None:
        self.text = text  # the document (to read what stands between two mentions)
        self.entities: list[DocEntity] = []
        self.by_form: dict[str, int] = {}
        self.by_known: dict[str, int] = {}
        self.subject: int | None = None  # first participant of the current sentence
        self.prev_subject: int | None = None
        self.last_person: int | None = None  # the person named last (whose mention may hold an organisation)

    def _new(self, name: str, kind: str, known: Known | None) -> int:
        self.entities.append(DocEntity(name, kind, known))
        idx = len(self.entities) - 1
        self.by_form[name] = idx
        if known:
            self.by_known[known.name] = idx
        return idx

    def add(self, m: RawMention) -> int | None:
        if m.ref == "model":
            base = m.name.split("-")[0]  # "the 777-200LR" is a 777
            for idx in reversed(range(len(self.entities))):
                e = self.entities[idx]
                if e.kind == "product" and any(_singular(w) in (m.name, base) for w in e.name.split()):
                    e.last, e.last_end = m.start, m.end
                    e.count += 1
                    return idx
            if not m.sort:
                return None
            # "its 777 airliner": a noun of a product's sort says the number names a model, even
            # when the document never writes the maker's name before it
            m.ref = None
            idx = self._new(m.name, "product", None)
            e = self.entities[idx]
            e.forms.append(m.name)
            e.sorts.add(m.sort)
            e.first, e.last, e.last_end, e.count = m.start, m.start, m.end, 1
            return idx
        if m.ref and m.ref.startswith("bare:"):
            # "airlines demand ...": a participant of its own, which nothing refers back to
            # (``arguments.bare_plurals``); not registered under any form
            # (or, named by the same noun again, the one met before: "buy aircraft ... not
            # need to buy aircraft from Europe")
            idx = self.by_form.get("\1" + m.name)
            if idx is None:
                self.entities.append(DocEntity("the " + m.name, m.ref[5:], None, bare=True))
                idx = len(self.entities) - 1
                self.by_form["\1" + m.name] = idx
                self.entities[idx].forms.append(self.entities[idx].name)
                self.entities[idx].first = m.start
            e = self.entities[idx]
            e.last, e.last_end = m.start, m.end
            e.count += 1
            return idx
        if m.ref == "title":
            # "the Prime Minister" alone (``arguments.titles_alone``): the person last named
            # with that title ("Prime Minister Lee Hsien Loong"), else a person the article
            # describes by it ("the president": never a guess among the people named)
            idx = self.by_form.get("\2" + m.name)
            if idx is not None:
                e = self.entities[idx]
                e.last, e.last_end = m.start, m.end
                e.count += 1
                return idx
            m.ref = "nominal:person"
            idx = self.by_form.get("\0" + m.name)
            if idx is None:
                idx = self._described(m)
            else:
                self.entities[idx].last, self.entities[idx].last_end = m.start, m.end
                self.entities[idx].count += 1
            return idx
        if m.ref:
            idx = self._resolve_ref(m)
            if idx is not None and self.entities[idx].kind in ("organisation", "other"):
                self.entities[idx].countries |= countries_of(m)
            if idx is not None and self.entities[idx].generic:
                self.entities[idx].count += 1
            elif idx is None and m.ref.startswith("nominal:") and m.name and not m.possessed:
                idx = self._described(m)
            if idx is not None and m.ref != "relative" and not m.ref.startswith("before:") and not m.possessed:
                e = self.entities[idx]
                e.last, e.last_end = m.start, m.end  # "the jihadist group, which ..."
                if e.kind == "person" and not e.sex:
                    e.sex = _ref_sex(m)
                if m.ref == "nominal:organisation":
                    e.company = True  # "Boeing ... the company" (see ``kind_shown``)
                if m.sort and e.kind == "product":
                    e.sorts.add(m.sort)
            return idx
        if m.known:
            idx = self.by_known.get(m.known.name)
            if idx is None:
                idx = self._new(m.known.name, m.known.kind, m.known)
        elif (idx := self._defined_acronym(m)) is not None:
            pass
        else:
            body = _state_body(m.name) if m.kind in ("organisation", "other") else None
            if body:
                m.raw, m.name = m.raw or m.name, body
            idx = self._match(m)
            if idx is None:
                idx = self._new(m.name, m.kind, None)
        e = self.entities[idx]
        bare = without_suffix(m.name) if m.kind in ("person", "other") else None
        plain = without_initials(bare or m.name) if m.kind in ("person", "other") else None
        for form in (m.name, m.raw or None, normalise_name(m.text) if not m.titled else None, bare, plain):
            if form and form not in e.forms:
                e.forms.append(form)
            if form:
                self.by_form.setdefault(form, idx)
        if m.kind != "other" and e.kind == "other" and not e.known and not (
                m.kind == "place" and " " not in m.name and _person_like(e.name.split())):
            e.kind = m.kind  # (but "confidence in Cheeks" does not make "Mo Cheeks" a place)
        if e.kind == "other" and not e.known and _AGE_AFTER.match(self.text, m.end):
            e.kind = "person"  # "Gaetano Lo Presti, 52, hanged himself": an age says a person
        if not e.known and len(m.name.split()) > len(e.name.split()) and m.kind == e.kind == "person":
            e.name = m.name  # the full name arrives after a short form
        if m.sort:
            e.sorts.add(m.sort)
        if e.first < 0:
            e.first = m.start
        e.last, e.last_end = m.start, m.end
        e.count += 1
        if e.kind == "person":
            self.last_person = idx
            if m.titled and (name_at := m.text.find(m.raw or m.name)) > 0:
                # "Prime Minister Lee Hsien Loong": later "the Prime Minister" alone is Lee
                self.by_form["\2" + m.text[:name_at].strip().lower()] = idx
        elif e.kind in ("organisation", "group", "other") and self.last_person is not None:
            p = self.entities[self.last_person]  # "Apple CEO Steve Jobs": he speaks for Apple
            if p is not e and (p.last <= m.start and m.end <= p.last_end
                               or _TITLE_OF.fullmatch(self.text, p.last_end, m.start)):
                p.speaks_for = idx  # also "Scott Carson, president and CEO of Boeing"
        return idx

    def _defined_acronym(self, m: RawMention) -> int | None:
        """ "Singapore Airlines (SIA)": capitals right after a name, whose letters are the name's
        in order from its first ("SIA" in "SIngapore Airlines"), abbreviate it (also when the
        initials alone would not say so); later "SIA" finds it by this form."""
        name = m.name
        if not (2 <= len(name) <= 6 and name.isupper() and name.isalpha()) or name in self.by_form:
            return None
        near = max(range(len(self.entities)), key=lambda i: self.entities[i].last_end, default=None)
        if near is None or m.start - self.entities[near].last_end != 2:
            return None
        e = self.entities[near]
        if e.kind not in ("organisation", "group", "other") or " " not in e.name \
                or e.name[0] != name[0] or not _in_order(name.lower(), e.name.lower()):
            return None
        return near

    def _described(self, m: RawMention) -> int:
        """An entity the article names only by a description ("a man", then "the man"): its
        name is the description, in lower case, so that it is never joined across articles by
        name (``services.store``); later nominals with the same head find it first."""
        kind = m.ref.split(":", 1)[1] if m.ref else "other"
        if kind == "relative":
            kind = "person"  # "his mother" (``descriptors``)
        generic = kind == "generic"
        if generic:
            kind = "other"
        idx = self._new("the " + m.name, kind, None)
        self.entities[idx].generic = generic
        self.by_form["\0" + m.name] = idx
        e = self.entities[idx]
        e.forms.append(e.name)
        e.sex = _ref_sex(m) if kind == "person" else ""
        if m.sort:
            e.sorts.add(m.sort)
        e.first, e.last, e.last_end, e.count = m.start, m.start, m.end, 1
        return idx

    def _match(self, m: RawMention) -> int | None:
        name = m.name
        if name in self.by_form:
            return self.by_form[name]
        idx = self._outlet(m)
        if idx is not None:
            return idx
        if not name.isupper():
            # "Macbook" and "MacBook", "iPod Nano" and "iPod nano": a camel-case name written
            # with other capitals (not "US" and "Us", nor a headline's "APPLE")
            low = name.lower()
            for idx in reversed(range(len(self.entities))):
                e = self.entities[idx]
                if not e.known and e.name.lower() == low and (_camel(name) or _camel(e.name)) \
                        and not e.name.isupper():
                    return idx
        plain = without_initials(name) if m.kind in ("person", "other") else None
        if plain in self.by_form and self.entities[self.by_form[plain]].kind in ("person", "other"):
            return self.by_form[plain]  # "Raj K. Chohan" after "Raj Chohan"
        if name.endswith(".") and name[:-1] in self.by_form:
            return self.by_form[name[:-1]]  # "Apple Inc." and "Apple Inc"
        if name + "." in self.by_form:
            return self.by_form[name + "."]
        words = name.split()
        if len(words) == 1 and m.kind == "product":
            # "iPods" and "iPod" name one product, whichever comes first
            for form in (_singular(name), name + "s"):
                idx = self.by_form.get(form) if form != name else None
                if idx is not None and self.entities[idx].kind == "product":
                    if form == name + "s":
                        self.entities[idx].name = name
                    return idx
        if len(words) == 1:
            short = re.sub(r"^(al|el)-", "", name, flags=re.I)
            short_low = short.lower()
            # person: last name; organisation/other: first word of a longer name; acronym
            for idx in reversed(range(len(self.entities))):
                e = self.entities[idx]
                if e.known:
                    continue
                ew = e.name.split()
                if len(ew) < 2:
                    continue
                if e.kind == "person" and _last_token(e.name).lower() == short_low:
                    return idx
                if e.kind in ("other", "organisation", "group") and e.name.endswith(name) \
                        and name in short_forms(e.name, e.kind):
                    return idx  # "Chiefs" after "Kansas City Chiefs" (``canon.short_forms``)
                if e.kind == "organisation" and len(ew) == 2 and ew[1] == name and ew[0] in lexicon().demonyms:
                    return idx  # "the Navy" after "the Indian Navy"
                if e.kind == "other" and m.kind in ("other", "person") and name_like(ew) \
                        and ew[-1] == name:
                    return idx  # "Hansbrough" after "Tyler Hansbrough" (a first name not listed)
                if e.kind not in ("person", "product") and ew[0] == name and m.kind in ("other", e.kind) \
                        and ew[-1] not in _LED_BODIES and not all(w.lower() in variant_words() for w in ew[1:]):
                    return idx  # "Northrop" after "Northrop Grumman" (but "Boeing" is not "Boeing 787",
                    # nor "Bush" "the Bush Administration")
                if e.kind == "product" and _singular(name) in ew[1:]:
                    return idx  # "Dreamliners" after "Boeing 787 Dreamliner"
                if e.kind == "person" and ew[0] == name and m.kind in ("other", "person"):
                    return idx  # "Steve" after "Steve Jobs"
                if name.isupper() and len(name) >= 2 and (
                        name in (_initials(e.name), _numbered_initials(e.name)) or _abbreviates(name, e.name)):
                    return idx  # "RAF", "SIA" after "Singapore Airlines"
        elif len(words) >= 2 and m.kind in ("person", "other", "organisation"):
            # "Bin Laden" after "Osama Bin Laden": the end of a person's name
            for idx in reversed(range(len(self.entities))):
                e = self.entities[idx]
                if e.known or not e.name.endswith(words[-1]):
                    continue
                ew = e.name.split()
                if (e.kind == "person" or e.kind == "other" and name_like(ew)) \
                        and m.kind != "organisation" and len(ew) > len(words) and ew[-len(words):] == words:
                    return idx  # "Lo Presti" after "Gaetano Lo Presti" (a first name not listed)
            # "Air Force" after "United States Air Force": an organisation's name without the
            # country that opens it, within the article that named it in full
            known = lexicon().known
            tail = " " + " ".join(words)
            for idx in reversed(range(len(self.entities))):
                e = self.entities[idx]
                if e.kind in ("organisation", "other") and e.name.endswith(tail):
                    k = known.get(e.name[:-len(tail)])
                    if k is not None and k.kind == "place":
                        return idx
            if m.kind == "other":
                # "China Eastern" after "China Eastern Airlines": the start of an organisation's name
                for idx in reversed(range(len(self.entities))):
                    e = self.entities[idx]
                    ew = e.name.split()
                    if e.kind in ("organisation", "other") and len(ew) > len(words) and ew[:len(words)] == words:
                        return idx
        if len(words) >= 2 and m.kind != "person":
            acronym = _initials(name)
            idx = self.by_form.get(acronym) if len(acronym) >= 2 else None
            if idx is not None and not self.entities[idx].known and self.entities[idx].name == acronym:
                # "IE" in the headline, "Internet Explorer" in the text: the acronym named it
                # first; the full name is its name from now on
                e = self.entities[idx]
                e.name = name
                if e.kind == "other":
                    e.kind = m.kind
                return idx
        if m.kind == "product" and len(words) >= 2:
            # "Boeing 787" and "Boeing 787 Dreamliners" name the same model
            mine = [_model_key(_singular(w)) for w in words]
            for idx in reversed(range(len(self.entities))):
                e = self.entities[idx]
                if e.known or e.kind != "product":
                    continue
                theirs = [_model_key(_singular(w)) for w in e.name.split()]
                n = min(len(mine), len(theirs))
                if n >= 2 and (mine[-n:] == theirs[-n:] and any(c.isdigit() for c in mine[-n])):
                    if len(mine) > len(theirs):
                        e.name = name
                    return idx  # "787 Dreamliner" and "Boeing 787 Dreamliner"
                if mine[:n] == theirs[:n] and n >= 2:
                    if len(mine) > len(theirs):
                        e.name = " ".join(words[:-1] + [_singular(words[-1])]) if words[-1] != mine[-1] else name
                    return idx
        elif m.kind == "organisation":
            # "Apple Computer", "Apple Inc." after "Apple" was seen alone: the short one is the
            # company, and the fuller name its canonical name (only legal or generic company
            # words after it: "Apple Corps", "Apple TV" are other things)
            kinds = lexicon().kind_words
            for idx in reversed(range(len(self.entities))):
                e = self.entities[idx]
                ew = e.name.split()
                if e.known or e.kind not in ("organisation", "other") or len(ew) >= len(words):
                    continue
                if [w.rstrip(".") for w in words[:len(ew)]] == [w.rstrip(".") for w in ew] and all(
                        kinds.get(w) == "organisation" or w in _CORPORATE for w in words[len(ew):]) \
                        and words[-1] not in _LED_BODIES:  # "Obama Administration" is not Obama
                    e.name, e.kind = name, "organisation"
                    return idx
        elif m.kind == "other" and len(words) >= 2:
            # "New Orleans Saints" after "Saints", "Tyler Hansbrough" after "Hansbrough": the
            # short form its name implies (``canon.short_forms``) seen alone before
            forms = short_forms(name, m.kind)
            for idx in reversed(range(len(self.entities))):
                e = self.entities[idx]
                if not e.known and e.kind in ("other", "person") and e.name in forms:
                    e.name = name
                    return idx
        elif m.kind == "person":
            # "Nouri al-Maliki" after "Maliki" was seen alone: join the short one
            for idx in reversed(range(len(self.entities))):
                e = self.entities[idx]
                if not e.known and len(e.name.split()) == 1 and e.name.lower() == _last_token(name).lower():
                    return idx
        return None

    def _outlet(self, m: RawMention) -> int | None:
        """A store, clinic or centre and the brand or person it is named after, which the
        article also writes alone for it ("Betty Ford Center" and "Betty Ford", "iTunes Music
        Store" and "iTunes": ``canon.outlet_base``), in either order: one entity, under the
        fuller name and its kind. Not a titled person, nor one who speaks for an organisation."""
        base = outlet_base(m.name) if m.kind != "person" else None
        if base is not None:
            idx = self.by_form.get(base)
            if idx is None:
                return None
            e = self.entities[idx]
            if e.known or e.speaks_for is not None or e.kind not in (m.kind, "other", "person"):
                return None
            if len(m.name.split()) > len(e.name.split()):
                e.name = m.name
            if m.kind != "other":
                e.kind = m.kind
            return idx
        if m.titled or m.kind not in ("person", "other", "place", "organisation", "product"):
            return None
        for idx in reversed(range(len(self.entities))):
            e = self.entities[idx]
            if not e.known and " " in e.name and e.kind != "person" and outlet_base(e.name) == m.name:
                return idx
        return None

    def join_families(self, titles: list[tuple[int, int]] = ()) -> tuple[list[int], list[int]]:
        """After the document: a product family name joins the one numbered model of it the
        document names ("iPhone" and "iPhone 4": the article's iPhone is its iPhone 4); with two
        models ("iPhone 3GS", "iPhone 4") the family stays apart, and so does a family next to a
        named variant ("iPod", "iPod nano"); a person described before being named is the person
        named (``introduced``; ``titles``: the title lines' spans). Returns the entities that remain (their
        indexes, in order) and, for every entity, its index among them."""
        target = list(range(len(self.entities)))
        for idx, e in enumerate(self.entities):
            if e.kind != "product" or e.known or " " in e.name:
                continue
            models = [j for j, f in enumerate(self.entities)
                      if j != idx and f.kind == "product" and f.name.startswith(e.name + " ")
                      and any(ch.isdigit() for ch in f.name[len(e.name) + 1:].split()[0])]
            # a numbered model right after the family's name ("iPhone 4", "iPhone 3GS"), not a
            # named variant ("iPod nano") nor another product named after it ("iPod Software 1.1")
            if len(models) == 1:
                # the family name is not made an alias of the model: "iPhone" names the iPhone 4
                # in this document only (a store that joins participants by alias must not join
                # every iPhone model)
                target[idx] = models[0]
        for idx, j in named_later(self.entities, titles, self.text).items():
            target[idx] = j  # "A man has been charged ... John Jenkin appeared" (``introduced``)
        kept = [idx for idx in range(len(self.entities)) if target[idx] == idx
                and not (self.entities[idx].generic and self.entities[idx].count < 2)]
        position = {idx: k for k, idx in enumerate(kept)}
        # a description met once ("a bank", "the scene") is nobody the article follows: -1, its
        # mention is dropped (it would only be a participant no one can find again)
        return kept, [position.get(target[idx], -1) for idx in range(len(self.entities))]
