"""Descriptions written right beside a name, which name the same participant.

* Before the name: "Watergate figure Fred LaRue", "talk show host Ellen DeGeneres", "web
  browser Safari", "the airline Qantas": a noun the nominal table lists (``nominals.tsv``, the
  lower-case titles) directly before a capitalised name. Its mention is the noun alone (the
  scorers align a mention by overlap; a name beside it keeps the longer overlap with a gold span
  that covers both) and it joins the name that follows (``coref.Joiner``: ``ref`` "before:KIND";
  ``cataphora_last`` lets the name be joined first).
* After a copula, a predicate noun: "Apple is the producer of the iPod", "Hansbrough became the
  leading scorer" (``subject_end``: the joiner gives it the subject's participant).
* Opening the sentence, then a comma and a name closed by a comma: "European aircraft
  manufacturer, Airbus, has won" (the whole description is the mention; the demonym keeps its
  own), joined like a description right before a name.
* After the name, with no determiner: "Fred LaRue, Watergate figure, dies", "Esther Williams,
  Olympic swimmer turned actress, ...": an apposition (``references._appositive`` reads the ones
  with a determiner).

* After a possessor, a relative: "his mother and sister", "Felt's grandson" (``relatives.txt``):
  someone other than the possessor (``coref.Joiner``: ref "nominal:relative"), in apposition
  the name before it ("Rob Jones, Felt's grandson,"), else a person of its own whom the article
  may name later (``introduced``).

Apart from relatives, a description here never names a participant by itself: unresolved, it is
dropped. None is an event argument beside its name (``RawMention.beside``).
"""

from __future__ import annotations

from functools import lru_cache

from eventdb.extract.lexicon import lexicon
from eventdb.extract.mentions import RawMention, Tok, _is_cap

#: Table nouns that before a capitalised word are mostly part of something else: "state
#: Sen. Smith", "chief Executive Officer".
_NOT_BEFORE = frozenset({"state", "chief"})


@lru_cache(maxsize=1)
def descriptor_heads() -> dict[str, str]:
    """Nouns that describe a participant, with the kind of participant they describe: the
    nominal table's heads, the one-word lower-case titles ("president", "spokesman") and the
    nouns that describe only beside a name (``descriptor_heads.tsv``: "figure")."""
    lex = lexicon()
    out = {t.lower(): "person" for t in lex.titles if t.isalpha() and t[:1].isupper() and " " not in t
           and len(t) > 3}
    out.update((h, k) for h, k in lex.nominals.items() if " " not in h)
    from eventdb.extract.lexicon import _lines
    out.update(ln.split("\t")[:2] for ln in _lines("descriptor_heads.tsv"))
    return out


def descriptors(text: str, toks: list[Tok]) -> list[RawMention]:
    """The descriptions of a sentence's tokens that stand right before or after a name."""
    heads = descriptor_heads()
    hits = [j for j, t in enumerate(toks) if t.text in heads]
    if not hits:
        return []
    lex = lexicon()
    out: list[RawMention] = []
    n = len(toks)
    relatives = _relatives()
    for j in hits:
        t = toks[j]
        if t.text in relatives and j > 0:
            owner = toks[j - 2] if j > 1 and toks[j - 1].text in _KIN_MODIFIERS else toks[j - 1]
            if owner.text.lower() in _POSSESSORS or owner.text == "'s" or (
                    owner.text == "and" and out and out[-1].ref == "nominal:relative"
                    and out[-1].end == toks[j - 2].end):  # "his mother and sister"
                # "his mother", "Felt's grandson": someone else than the possessor (no
                # antecedent; ``coref.Joiner``: ref "nominal:relative")
                m = RawMention(t.start, t.end, t.text, t.text, "other", ref="nominal:relative")
                at = toks.index(owner) - (1 if owner.text == "'s" else 0)
                if at > 0 and text[toks[at - 1].end:toks[at].start] == ", " and _is_cap(toks[at - 1].text):
                    m.subject_end, m.beside = toks[at - 1].end, True  # "Rob Jones, Felt's grandson,"
                out.append(m)
                continue
        word = t.text
        kind = heads[word]
        if j + 1 < n and text[t.end:toks[j + 1].start] == " ":
            nxt = toks[j + 1].text
            if _is_cap(nxt) and nxt not in lex.stopcaps and word not in _NOT_BEFORE \
                    and not (j > 0 and toks[j - 1].text.lower() in ("a", "an")):
                # "Watergate figure Fred LaRue", "the airline Qantas" (not "a star Monday": a
                # time is no participant, and then nothing follows to join)
                out.append(RawMention(t.start, t.end, word, word, "other", ref="before:" + kind,
                                      next_start=toks[j + 1].start, beside=True))
                continue
        elif j + 1 < n and text[t.end:toks[j + 1].start] == ", " and word not in _NOT_BEFORE:
            m = _opening_apposition(text, toks, j, kind)
            if m is not None:
                out.append(m)
                continue
        m = _bare_apposition(text, toks, j)
        if m is not None:
            out.append(m)
    return out


def _opening_apposition(text: str, toks: list[Tok], j: int, kind: str) -> RawMention | None:
    """ "European aircraft manufacturer, Airbus, has won", "Irish low cost airline, Ryanair,
    announced", "Boeing's European rival, Airbus, is": a description that opens the sentence
    (after a determiner or a possessive name at most), then a comma and a name closed by a
    comma. Its mention is the whole description (a demonym in it keeps its own), and it joins
    the name after it, like a description right before a name (``ref`` "before:KIND")."""
    lex = lexicon()
    i = j
    while i > 0 and j - i < 4 and text[toks[i - 1].end:toks[i].start] == " ":
        w = toks[i - 1].text
        if w in lex.demonyms:
            i -= 1
            break
        if not (w.islower() and w.replace("-", "").isalpha()) or w in _STOP or w in lex.verbs:
            break
        i -= 1
    if i == j and toks[i - 1:i] and toks[i - 1].text not in lex.demonyms:
        return None  # a bare head ("the company, Boeing,"): ``references._appositive``'s
    opener = [x.text for x in toks[:i]]
    if not (opener == [] or len(opener) == 1 and opener[0] in ("The", "the", "A", "An")
            or len(opener) == 2 and opener[1] == "'s" and _is_cap(opener[0])):
        return None
    name = toks[j + 1]
    if not _is_cap(name.text) or name.text in lex.stopcaps:
        return None
    k = j + 1
    while k + 1 < len(toks) and _is_cap(toks[k + 1].text) and text[toks[k].end:toks[k + 1].start] in (" ", "' "):
        k += 1
    if not text[toks[k].end:toks[k].end + 1] == ",":
        return None  # the name is closed by a comma: an apposition, not a list
    start = toks[i].start
    return RawMention(start, toks[j].end, text[start:toks[j].end], toks[j].text, "other",
                      ref="before:" + kind, next_start=name.start, beside=True)


def _bare_apposition(text: str, toks: list[Tok], j: int) -> RawMention | None:
    """ "Fred LaRue, Watergate figure, dies": up to three words after a name and a comma, the
    last of them the head (``toks[j]``), closed by a comma, a full stop or "who"; none of the
    words a determiner (those are ``references._appositive``'s)."""
    for i in range(j, max(0, j - 3) - 1, -1):  # the phrase's first word: toks[i]
        if i == 0:
            return None
        gap = text[toks[i - 1].end:toks[i].start]
        if gap == ", ":
            break
        inner = toks[i - 1].text.lower()
        if gap != " " or inner in _STOP or inner in lexicon().verbs or not inner.replace("-", "").isalnum():
            return None
    else:
        return None
    if not _is_cap(toks[i - 1].text) or toks[i].text.lower() in _STOP:
        return None
    if j + 1 < len(toks):
        close = text[toks[j].end:toks[j + 1].start].strip()
        if not (close[:1] in (",", ".", ")") or not close and toks[j + 1].text.lower() in ("who", "whose")):
            return None
    word = toks[j].text
    return RawMention(toks[i].start, toks[j].end, text[toks[i].start:toks[j].end], word, "other",
                      ref="nominal:generic", apposed=True, beside=True)


_POSSESSORS = frozenset({"his", "her", "their"})
_KIN_MODIFIERS = frozenset({"little", "younger", "older", "elder", "estranged", "late", "former", "own"})


@lru_cache(maxsize=1)
def _relatives() -> frozenset[str]:
    from eventdb.extract.lexicon import _lines
    return frozenset(w for ln in _lines("relatives.txt") for w in ln.split())


_STOP = frozenset("the a an this that these those his her its their our my your and or but of in on at by for "
                  "with from to as said says told which who whom whose where when".split())


def cataphora_last(mentions: list[RawMention]) -> list[RawMention]:
    """The mentions in the order the joiner takes them: a description before a name right after
    the name it describes (it joins that name's entity, which must exist first)."""
    for m in mentions:
        if m.next_start >= 0:
            break
    else:
        return mentions
    out: list[RawMention] = []
    waiting: list[RawMention] = []
    for m in mentions:
        if m.next_start >= 0:
            waiting.append(m)
            continue
        out.append(m)
        if waiting:
            keep = []
            for w in waiting:
                (out if w.next_start <= m.start else keep).append(w)
            waiting = keep
    return out + waiting


#: Copulas whose singular subject a predicate noun describes ("is the producer", "became the
#: leading scorer").
_COPULAS = frozenset({"is", "was", "became", "becomes", "remains", "remained"})


def subject_end(text: str, toks: list[Tok], i: int) -> int:
    """Where the subject of a predicate noun phrase that opens at ``toks[i]`` (its determiner)
    ends: "Apple is the producer", "He was a visionary" -> the end of "Apple", "He"; -1 when the
    phrase follows no copula, or the word before the copula is lower-case and no pronoun
    ("the report was the first")."""
    if i < 2 or toks[i - 1].text not in _COPULAS:
        return -1
    subj = toks[i - 2]
    if text[subj.end:toks[i - 1].start] != " " or text[toks[i - 1].end:toks[i].start] != " ":
        return -1
    w = subj.text
    if not (_is_cap(w) or w.lower() in ("he", "she", "it")):
        return -1
    return subj.end
