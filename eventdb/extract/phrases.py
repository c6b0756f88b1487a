"""Noun phrases around a name that change what its mention covers or names, read after the
sentence's names and references are found (``entities.MentionFinder.sentence``)."""

from __future__ import annotations

import re

from eventdb.extract.canon import _person_like
from eventdb.extract.lexicon import Lexicon
from eventdb.extract.mentions import RawMention

#: A leader's name before it names the body they lead ("the Bush administration").
_GOVERNMENT = re.compile(r" (administration|government|regime)\b")


def governments(lex: Lexicon, text: str, out: list[RawMention]) -> None:
    """ "the Bush administration", "the Merkel government": a leader's name before the
    noun of the body they lead names that body, an organisation of its own (the same as
    "the Bush Administration" written as a name), not the leader."""
    for m in out:
        if m.ref or m.kind not in ("person", "other") or (m.known is not None and m.known.kind != "person"):
            continue
        g = _GOVERNMENT.match(text, m.end)
        if g is None or not _person_name(lex, m.name):
            continue
        m.end, m.text = g.end(), text[m.start:g.end()]
        m.name, m.kind, m.known = f"{m.name} {g.group(1).capitalize()}", "organisation", None


def _person_name(lex: Lexicon, name: str) -> bool:
    """A name a person may bear: a known person's, one opening with a given name, or a
    capitalised word or two no table knows ("Bush", "Obama")."""
    words = name.split()
    known = lex.known.get(name)
    if known is not None:
        return known.kind == "person"
    return words[0] in lex.first_names or words[0] in lex.given_sex or _person_like(words) or (
        len(words) == 1 and name.isalpha() and name[1:].islower() and name not in lex.kind_words)


def described_names(lex: Lexicon, text: str, out: list[RawMention]) -> None:
    """A name after a demonym or a place and the noun that describes it ("European airframer
    Airbus", "Russian flag carrier Aeroflot", "Boeing's European rival Airbus"): the name's
    mention is the whole noun phrase, as it is for a title before a person's name; the
    demonym keeps its own mention."""
    covered: list[int] = []
    extended = False
    for k in range(1, len(out)):
        m, d = out[k], out[k - 1]
        described = None
        if d.next_start == m.start and k > 1:
            # the noun already read as a description before the name (``descriptors``:
            # "carrier"): the whole phrase is the name's mention, which covers it
            described, d = d, out[k - 2]
        if m.ref or d.ref or m.titled or m.kind == "place" or d.end >= m.start:
            continue
        words = text[d.end:m.start].split(" ")[1:-1]
        if not (1 <= len(words) <= 3) or text[d.end:m.start] != " " + " ".join(words) + " ":
            continue
        if not all(w.islower() and w.replace("-", "").isalpha() for w in words):
            continue
        if not (d.text in lex.demonyms or d.known is not None and d.known.kind == "place"):
            # (not "Airbus parent EADS": the event would read as Airbus's too) -- but the
            # description is the whole phrase: "Mafia boss", "JSA Research defence analyst"
            # describe the name after them, not the one inside (which keeps its mention)
            if described is not None and described.name == words[-1] and len(words) <= 3:
                described.start, described.text = d.start, text[d.start:described.end]
                extended = True
            continue
        if words[-1] in lex.nominals or words[-1] in lex.modifier_nouns or (
                described is not None and described.name == words[-1]):
            m.start, m.text, m.titled = d.start, text[d.start:m.end], True
            if described is not None:
                covered.append(k - 1)
    for k in reversed(covered):
        del out[k]
    if extended:
        out.sort(key=lambda r: (r.start, -r.end))


#: A possessive between a maker and what it makes: "Apple's iPod", "Airbus' A380".
_POSSESSIVE_GAP = re.compile(r"['’]s? ")
#: A model's number after a possessive maker: "Boeing's 787", "Boeing's 747-400".
_POSSESSED_MODEL = re.compile(r"['’]s? (\d{3}(?:-\d{1,3}[A-Z]{0,3})?)(?=\s*[,.;:)\"”]|\s+[a-z])")


def possessed_products(text: str, out: list[RawMention]) -> None:
    """A product after its maker's possessive ("Apple's iPod", "Apple Computer's iTunes",
    "Boeing's 787"): the product's mention is the whole noun phrase, as a person's is with the
    title before it; the maker keeps its own mention. A bare model number there is a model
    (joined to the product of that number the article names, else dropped: ``coref``)."""
    added = False
    for k, d in enumerate(out):
        if d.ref or d.kind not in ("organisation", "other") or d.known is not None and d.known.kind == "place":
            continue
        m = out[k + 1] if k + 1 < len(out) else None
        if m is not None and not m.ref and m.kind == "product" and _POSSESSIVE_GAP.fullmatch(text, d.end, m.start):
            m.start, m.text, m.titled = d.start, text[d.start:m.end], True
            continue
        model = _POSSESSED_MODEL.match(text, d.end)
        if model is not None and (m is None or m.start >= model.end(1)):
            out.append(RawMention(d.start, model.end(1), text[d.start:model.end(1)], model.group(1),
                                  "product", ref="model"))
            added = True
    if added:
        out.sort(key=lambda r: (r.start, -r.end))


#: Two titles joined before a name, the name perhaps after a comma: " CEO and co-founder ",
#: " President and Chief Executive Officer, ", " CEO, ".
_TITLES_BEFORE = re.compile(r" ([A-Za-z][\w.-]*(?: [A-Z][\w.-]*){0,3})(?: and ([A-Za-z][\w.-]*(?: [A-Za-z][\w.-]*){0,3}))?(,?) ")


#: A preposition before an office's name ("nominee for", "named as", "the post of").
_OFFICE_BEFORE = re.compile(r"\b(?:for|as|of)\s+$")


def coordinated_titles(lex: Lexicon, text: str, out: list[RawMention]) -> None:
    """ "Apple Computer CEO and co-founder Steve Jobs", "Airbus President and Chief Executive
    Officer, Tom Enders", "Ryanair CEO, Michael O'Leary": an organisation's titles joined by
    "and", or closed by a comma, before a person's name are the person's, whose mention is the
    whole noun phrase (as "Apple CEO Steve Jobs" is); the organisation keeps its own mention."""
    covered: list[int] = []
    for k in range(1, len(out)):
        m, d = out[k], out[k - 1]
        described = None
        if d.next_start == m.start and k > 1:
            described, d = d, out[k - 2]  # "co-founder" read as a description of the name
        if m.ref or d.ref or m.titled or m.kind not in ("person", "other") or d.kind not in (
                "organisation", "other") or d.end >= m.start or m.start - d.end > 60:
            continue
        if d.known is not None and d.known.kind == "place" or _OFFICE_BEFORE.search(text, max(0, d.start - 8), d.start):
            continue  # "his nominee for U.S. Surgeon General, Regina Benjamin": the office
        g = _TITLES_BEFORE.fullmatch(text, d.end, m.start)
        if g is None or not (g.group(2) or g.group(3)):
            continue  # (one title and no comma: a run of its own, ``entities``)
        if not all(t is None or t in lex.titles or t.capitalize() in lex.titles for t in g.group(1, 2)):
            continue
        if g.group(3) and text[m.end:m.end + 1] not in (",", "."):
            continue  # "Ryanair CEO, Michael O'Leary, said": the name closed as an apposition
        m.start, m.text, m.titled = d.start, text[d.start:m.end], True
        if described is not None:
            covered.append(k - 1)
    for k in reversed(covered):
        del out[k]
