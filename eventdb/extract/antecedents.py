"""Whom a pronoun or a description refers to, inside one article: the antecedent rules of
``coref.Joiner`` ("he" the sentence's named subject, "the company" the organisation the article
follows, "Apple is the maker of ..." the copula's subject, "the airline Qantas" the name after
it), apart from the rules that join names (``coref``), and the entity record both share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventdb.extract.entities import RawMention
from eventdb.extract.introduced import DETERMINED, name_like
from eventdb.extract.lexicon import Known, lexicon

#: A company officer's title right before a name that names no company ("Chief executive X").
_COMPANY_TITLE = re.compile(r"\b(?:chief executive|CEO|spokes(?:man|woman|person)|chairman|chairwoman|"
                            r"president|executive|director|officer)\s+$", re.I)

#: What stands between a name and an indefinite description in apposition to it: a comma, and
#: perhaps an adverb ("Mark Papermaster, formerly an Apple Inc. executive").
_APPOSED = re.compile(r", (?:[a-z]+ly )?")
#: An age in commas between a name and what describes it: "Tara Reid, 33, who ...".
_AGED = re.compile(r", \d{1,3}, ")


@dataclass(slots=True)
class DocEntity:
    name: str
    kind: str
    known: Known | None = None
    forms: list[str] = field(default_factory=list)  # surface names seen, in order
    last: int = -1  # offset of the latest mention (for pronoun resolution)
    last_end: int = -1
    count: int = 0  # mentions so far (salience)
    first: int = -1  # offset of the first mention
    sorts: set[str] = field(default_factory=set)  # product: the sorts it was called ("aircraft")
    sex: str = ""  # person: "f" or "m" when a description said so ("the actress")
    generic: bool = False  # named by a noun outside the nominal table ("the patch"): no antecedent
    speaks_for: int | None = None  # person: the organisation a mention of theirs named ("Apple CEO")
    company: bool = False  # "the company", "the firm" referred to it
    bare: bool = False  # a bare plural ("airlines demand ..."): its own participant, no antecedent
    #: the countries a description of it named ("European aircraft manufacturer, Airbus")
    countries: set[str] = field(default_factory=set)

    @property
    def kind_shown(self) -> str:
        """Its kind for the participant: a name of unknown kind that "the company" referred to is
        an organisation's (decided after the article is read: the joins above go by ``kind``)."""
        return "organisation" if self.kind == "other" and self.company and not self.known else self.kind


def _described_only(e: DocEntity) -> bool:
    """Known by a description alone ("a deputy", "the man"), never by a name."""
    return e.name[:1].islower()



def _market(e: DocEntity) -> bool:
    """A stock market or index ("New York Stock Exchange", "Nasdaq", "Hang Seng Index": a word of
    ``resources/market_words.txt`` in its name, a form or a known alias)."""
    words = lexicon().market_words
    names = [e.name, *e.forms, *(e.known.aliases if e.known else ())]
    return any(w in words for n in names for w in n.split())


def countries_of(m: RawMention) -> frozenset[str]:
    """The countries a description names by a demonym or a short name ("the US company",
    "European aircraft manufacturer"): what it says of the participant it refers to."""
    if not m.ref or not m.ref.startswith(("nominal:", "before:")):
        return frozenset()
    lex = lexicon()
    found = set()
    for w in m.text.replace(".", "").split():
        kn = lex.demonyms.get(w) or (lex.known.get(w) if w.isupper() else None)
        if kn is not None and kn.kind == "place":
            found.add(kn.name)
    return frozenset(found)


def _ref_sex(m: RawMention) -> str:
    """The sex a pronoun or a person's description says ("she", "the actress"): "f", "m" or ""."""
    return lexicon().ref_sex.get(m.name or m.text.lower(), "") if m.ref else ""


def _sex_of(e: DocEntity) -> str:
    """A person's sex as far as the article shows it: said by a description, else by a given name
    given to one sex only ("Tara" f, "Paul" m; "Carol" either)."""
    if e.sex:
        return e.sex
    sexes = lexicon().given_sex.get(e.name.split()[0], "") if e.name else ""
    return sexes if len(sexes) == 1 else ""


class References:
    """The antecedent rules; ``coref.Joiner`` holds the state they read (``entities``,
    ``by_form``, ``subject``, ``prev_subject``, ``text``)."""

    entities: list[DocEntity]
    by_form: dict[str, int]
    subject: int | None
    prev_subject: int | None
    text: str

    def new_sentence(self) -> None:
        self.prev_subject, self.subject = self.subject, None

    def note_subject(self, idx: int) -> None:
        if self.subject is None and not self.entities[idx].generic and not self.entities[idx].bare:
            self.subject = idx

    #: the countries the description being resolved names ("the US company": not Airbus, which
    #: the article called "European aircraft manufacturer")
    _countries: frozenset[str] = frozenset()

    def _compatible(self, e: DocEntity, want: str, sort: str = "", sex: str = "") -> bool:
        if e.generic or e.bare:
            return False  # "it" after "the patch": nothing says which it is; the name is likelier
        if self._countries and e.countries and not (e.countries & self._countries):
            return False
        if want == "person" or want == "nominal:person":
            # "she" is not the man named last: a sex the given name or a description says
            return e.kind == "person" and not (sex and _sex_of(e) not in ("", sex))
        if want == "thing":
            return e.kind in ("organisation", "group", "other", "product", "place")
        if want == "plural":
            return e.kind in ("organisation", "group", "place", "other")
        if want == "speaker":  # "we", "our" in a quote: the speaker's organisation
            # (not a group known only by a description: "228 people died ... 'We are ...'")
            return e.kind in ("organisation", "group", "other") and not e.name.startswith("the ")
        k = want.split(":", 1)[1]
        if k == "product" and sort and e.sorts and sort not in e.sorts:
            return False  # "the airliner" is not the engines named last
        if k == "organisation" and _market(e):
            return False  # "the company" is not the stock exchange its results were announced at
        return e.kind == k or (k == "organisation" and e.kind == "other")

    def _resolve_ref(self, m: RawMention) -> int | None:
        """The antecedent: for "it", "they" and nominals the subject of this sentence or of the
        sentence before when compatible (news keeps talking about its subject), else the most
        recent compatible participant; for "he"/"she" the most recent person."""
        want = m.ref or ""
        if want.startswith("before:"):
            return self._named_next(m, want[7:])
        self._countries = countries_of(m) if want == "nominal:organisation" else frozenset()
        try:
            idx = self._resolve_described(m, want)
            if idx is None and want == "person":
                idx = self._named_like_person(m)
            return idx
        finally:
            self._countries = frozenset()

    def _named_like_person(self, m: RawMention) -> int | None:
        """ "Police said Gaetano Lo Presti hanged himself ... after he was arrested": with no
        person to refer to, "he" is the name met last (in 400 characters) when it is of no known
        kind and shaped like a person's (the given-name table lacks "Gaetano";
        ``introduced.name_like``): not a place's (``canon.geo_places``) nor one written after a
        determiner ("the Western Naval Command", ``introduced.DETERMINED``)."""
        from eventdb.extract.canon import geo_places
        sex = _ref_sex(m)
        best = max((i for i, e in enumerate(self.entities) if 0 <= e.last <= m.start),
                   key=lambda i: self.entities[i].last, default=None)
        if best is None:
            return None
        e = self.entities[best]
        if e.kind == "other" and not e.known and not e.generic and m.start - e.last < 400 and name_like(e.name) \
                and e.name not in geo_places() and not DETERMINED.search(self.text, max(0, e.first - 40), e.first) \
                and not (sex and _sex_of(e) not in ("", sex)):
            return best
        return None

    def _resolve_described(self, m: RawMention, want: str) -> int | None:
        if want == "nominal:relative":
            if m.subject_end >= 0:  # "Rob Jones, Felt's grandson," (``descriptors``)
                near = next((i for i in reversed(range(len(self.entities)))
                             if self.entities[i].last_end == m.subject_end), None)
                if near is not None and self.entities[near].kind in ("person", "other"):
                    return near
            return self.by_form.get("\0" + m.name)  # "his mother" again; never the possessor
        if want.startswith("nominal:") and m.subject_end >= 0:
            subj = self._subject_ending(m, want)
            if subj is not None:
                return subj
        if want.startswith("nominal:") and m.name:
            same = self.by_form.get("\0" + m.name)  # "the man" after "a man"
            if want == "nominal:generic":
                # "the patch" after "a patch" or "the new patch": the same description only,
                # never a name -- unless it stands beside the name ("Tara Reid, the actress,"),
                # which it then describes for the rest of the article
                if same is not None and not m.indefinite:
                    return same
                if m.apposed:
                    near = max(range(len(self.entities)), key=lambda i: self.entities[i].last_end, default=None)
                    if near is not None and not self.entities[near].generic \
                            and m.start - self.entities[near].last_end == 2:
                        self.by_form["\0" + m.name] = near
                        return near
                return None
            if m.indefinite:
                near = max(range(len(self.entities)), key=lambda i: self.entities[i].last_end, default=None)
                if (near is not None and self._compatible(self.entities[near], want)
                        and _APPOSED.fullmatch(self.text, self.entities[near].last_end, m.start)):
                    return near  # "Tara Reid, an actress", "Papermaster, formerly an Apple executive"
                return None
            if same is not None:
                # "a man ... the man": the described one, unless another fits more recently
                other = self._antecedent(m, want)
                if other is None or self.entities[other].last < self.entities[same].last:
                    return same
                return other
        return self._antecedent(m, want)

    def _subject_ending(self, m: RawMention, want: str) -> int | None:
        """ "Apple is the producer of the iPod": the participant of the copula's subject, which a
        predicate noun describes (``descriptors.subject_end``); a description that is no table
        noun then names that participant for the rest of the article, as an apposition does."""
        for idx in reversed(range(len(self.entities))):
            e = self.entities[idx]
            if e.last_end == m.subject_end:
                if e.generic or want != "nominal:generic" and not self._compatible(e, want, m.sort, _ref_sex(m)):
                    return None
                if want == "nominal:generic" and m.name:
                    self.by_form.setdefault("\0" + m.name, idx)
                return idx
        return None

    def _named_next(self, m: RawMention, kind: str) -> int | None:
        """ "Watergate figure Fred LaRue", "the airline Qantas": the name right after the
        description (``descriptors``), when its kind fits ("company CEO Steve Jobs": not him)."""
        for idx in reversed(range(len(self.entities))):
            e = self.entities[idx]
            if e.last == m.next_start:
                fits = e.kind in (kind, "other") or kind == "organisation" and e.kind == "group"
                return idx if fits and not e.generic else None
        return None

    def _antecedent(self, m: RawMention, want: str) -> int | None:
        if want == "relative":
            # "AirTanker, who retains ...", "Boeing 787, which ...": the name just before (the
            # mention ending last: "a Nixon administration official who" is the official), also
            # after an age in commas ("Tara Reid, 33, who starred ...")
            near = max((i for i, e in enumerate(self.entities) if e.last_end <= m.start),
                       key=lambda i: self.entities[i].last_end, default=None)
            if near is not None and (0 <= m.start - self.entities[near].last_end <= 3
                                     or _AGED.fullmatch(self.text, self.entities[near].last_end, m.start)) \
                    and not self.entities[near].bare:  # ("the DC-9 family of jets, which": not the jets)
                return near
            return None
        if want == "speaker" and self.subject is not None and self.entities[self.subject].kind == "person":
            # 'Northrop Grumman CEO Ron Sugar said "... we ..."': a person's "we" is the
            # organisation a mention of theirs named; '"We ...," said Todd Tiahrt': else nobody
            person = self.entities[self.subject]
            org = person.speaks_for
            if org is not None and self._compatible(self.entities[org], want):
                return org
            if not _COMPANY_TITLE.search(self.text, max(0, person.last - 40), max(0, person.last)):
                return None
            # "Chief executive Thomas Enders said "We want ...": an officer of the company the
            # article is about (the subject before), read as below
        if want != "person":
            for idx in (self.subject, self.prev_subject):
                if idx is not None and idx < len(self.entities):
                    e = self.entities[idx]
                    if e.last <= m.start and self._compatible(e, want, m.sort, _ref_sex(m)) \
                            and m.start - e.last < 400:
                        return idx
        best = None
        product = want == "nominal:product"
        sex = _ref_sex(m)  # (once, not per entity)
        if want == "person":
            # "Nichols ... beat a deputy guarding him. He burst into the courtroom": a person
            # only described since the named subject is not who "he" is; a named one still is
            for idx in (self.subject, self.prev_subject):
                if idx is None or idx >= len(self.entities):
                    continue
                e = self.entities[idx]
                if e.last > m.start or _described_only(e) or m.start - e.last >= 400 \
                        or not self._compatible(e, want, m.sort, sex):
                    continue
                if not any(o.last > e.last and o.last <= m.start and not _described_only(o)
                           and self._compatible(o, want, m.sort, sex) for o in self.entities):
                    return idx
                if idx == self.prev_subject and self.subject is None:
                    # "He ... killed Judge Barnes and Deputy Teasley. He fled": "he" opening a
                    # sentence is the last sentence's subject; the persons named since (after
                    # it, in that sentence: the subject is its first participant) were objects
                    return idx
                break
        for idx, e in enumerate(self.entities):
            if e.last < 0 or e.last > m.start or not self._compatible(e, want, m.sort, sex):
                continue
            if best is None:
                best = idx
            elif product:
                # "the aircraft": the product the article is about (most mentioned, then named
                # first), not the engine or rival model named last
                if (e.count, -e.first) > (self.entities[best].count, -self.entities[best].first):
                    best = idx
            elif e.last > self.entities[best].last:
                best = idx
        if best is not None and product:
            return best
        if best is not None and m.start - self.entities[best].last > 600:
            return None
        return best
