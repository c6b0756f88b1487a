"""Headlines that read as sentences with their subject.

A clause cut out of its sentence often starts with a pronoun ("he was sending ...") or with its
verb (the subject was left out: "..., and soon reassumed the role of CEO"; "the Nusra Front,
until recently, had been fighting"). Shown alone, such a headline loses who did it. The subject
is put back from the document's mentions: a pronoun by the name of the entity it refers to, a
left-out subject by the clause's agent when it was named before the clause. Words are only ever
added or replaced by the name they stand for, never dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from eventdb.extract.background import routine_verb
from eventdb.extract.clauses import Clause, _tables, capitalised, headline, is_verb
from eventdb.extract.model import Event, Extraction

_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_SUBJECT_PRONOUNS = {"he", "she", "it", "they"}
_POSSESSIVE = {"his", "her", "its", "their"}
#: "it" and "they" often stand for a happening ("after it was first reported": the incident):
#: they are replaced only when the clause has them as its agent or patient (a participant).
_THING = {"it", "they", "its", "their"}
#: "It emerged that ...", "it is likely to ...": an "it" that stands for what follows (the
#: clause or infinitive), not for anything named before: never replaced by a name.
_EXTRAPOSED = re.compile(
    r"^it\s+(?:(?:has|had|is|was|will|would|may|might|could|also|now|then|later|soon|"
    r"quickly|has\s+been|had\s+been|will\s+be|would\s+be|is\s+not|was\s+not)\s+)*"
    r"(?:emerged|appears|appeared|seems|seemed|turned\s+out|transpired|remains|remained|"
    r"likely|unlikely|clear|unclear|possible|impossible|expected|reported|understood|believed|"
    r"thought|feared|known|hoped|important|necessary|true|said|announced|confirmed|rumou?red)"
    r"\s+(?:that|to|whether|if|how|why|when)\b", re.I)
_BE_AUX = {"was", "were", "is", "are", "be", "been", "being"}
#: Endings of past participles ("handcuffed", "thrown", "built", "sold", "hung"): a passive's
#: "was" carries over only to one of them.
_PARTICIPLE_ENDS = ("ed", "en", "wn", "ne", "t", "d", "ng", "ught", "um", "ck", "de")
#: A direct object right after a verb: a determiner, a possessive, a name or a number.
_OBJECT_NEXT = re.compile(r"\s+(?:the|a|an|its|his|her|their|our|this|that|these|those|[A-Z]|\d)")
#: Words that may stand between a clause's start and its verb when the subject is left out.
_BEFORE_VERB = {"also", "soon", "later", "then", "first", "recently", "until", "still", "already", "even",
                "and", "but", "that", "subsequently", "eventually", "immediately", "after", "shortly"}


def _name(out: Extraction, mention: int) -> str | None:
    name = out.entities[out.mentions[mention].entity].name
    return None if not name or name.lower() in _SUBJECT_PRONOUNS | _POSSESSIVE else name


_TOKEN = re.compile(r"\S+")
_NOT_SUBJECT = {"in", "on", "at", "during", "after", "before", "since", "for", "by", "from", "with", "to",
                "following", "until", "when", "while", "as", "but", "that", "then", "also", "last",
                "earlier", "later", "this", "next"}


def subject_phrase(text: str, prev: Clause) -> tuple[str, list[str]] | None:
    """The subject words of a clause ("Men and women" in "Men and women were pepper-sprayed,
    thrown to the ground"; "Jobs" in "In 1996 Jobs returned") and the auxiliaries before its
    verb, for the clauses after it that leave their subject out; None when the words before
    the verb are not a short noun phrase (a verb, a pronoun, more than six words)."""
    _, aux, skip = _tables()
    toks = [(m.start(), m.group()) for m in _TOKEN.finditer(text, prev.start, prev.trigger_start)]
    their_aux: list[str] = []
    while toks and (toks[-1][1].lower() in aux or toks[-1][1].lower() in skip):
        w = toks.pop()[1]  # the auxiliaries before the verb
        if w.lower() in aux:
            their_aux.insert(0, w)
    aside = False
    if len(toks) > 2 and toks[-1][1].endswith(","):
        # "The take-off, at 08:30 UTC, was apparently normal", "Mr Pitman, of High Street,
        # Wellington, entered ...": the words before the first comma, when they are all the subject
        k = next(k for k, (_s, w) in enumerate(toks) if w.endswith(","))
        if 0 < k < len(toks) - 1:
            toks, aside = toks[:k] + [(toks[k][0], toks[k][1][:-1])], True
    phrase: list[tuple[int, str]] = []
    for s, w in reversed(toks):
        bare = w.strip("\"“”'")
        if w.endswith((",", ";", ":")) or bare.lower() in _NOT_SUBJECT or bare[:1].isdigit():
            break
        phrase.insert(0, (s, w))
    if aside and (not phrase or phrase[0][0] != toks[0][0]):
        return None  # ("Jose Ramirez and Carlos Velasquez, both 23, were held": not half of it)
    # the phrase opens with a name or a determiner ("Men and women", "The software", "Jobs")
    while phrase and not (phrase[0][1][:1].isupper() or phrase[0][1].lower() in ("the", "a", "an")):
        phrase.pop(0)
    if not phrase or len(phrase) > 6 or phrase[0][1].lower() in _SUBJECT_PRONOUNS | _POSSESSIVE \
            or phrase[-1][1].lower() in ("the", "a", "an") \
            or any(is_verb(w.lower()) and w[:1].islower() and not (k and phrase[k - 1][1].lower() in _DETERMINERS)
                   for k, (_s, w) in enumerate(phrase)) \
            or phrase[0][1].lower() in _NOT_SUBJECT:
        return None
    end = phrase[-1][0] + len(phrase[-1][1])
    return text[phrase[0][0]:end], their_aux


def complete(text: str, out: Extraction, ev: Event, c: Clause, starts: list[int], order: list[int],
             earlier: list[Clause] | None = None) -> None:
    """Give ``ev.headline`` its subject (``starts``/``order``: mention starts in text order and
    the mention indexes in that order; ``earlier``: the clauses before it in its sentence, whose
    nearest ``subject_phrase`` a clause without a subject borrows)."""
    h = ev.headline
    if not h:
        return
    if (relative := _relative_headline(text, out, ev, c, starts, order)) is not None:
        ev.headline = relative
        return
    first_word = h.split(None, 1)[0].strip(",;:.").lower()
    # -- a pronoun opening the headline: the name it stands for
    if first_word in _SUBJECT_PRONOUNS | _POSSESSIVE:
        if _EXTRAPOSED.match(h):
            return
        k = bisect_left(starts, c.start)
        while k < len(order) and starts[k] < c.end:
            m = out.mentions[order[k]]
            if m.text.lower() == first_word:
                role = next((a.role for a in ev.arguments if a.mention == order[k]), None)
                name = _name(out, order[k])
                if first_word in _THING and (role not in ("agent", "patient")
                                             or out.entities[m.entity].kind == "place"):
                    name = None
                if name:
                    word = h.split(None, 1)[0]
                    rest = h[len(word):]
                    # Opening the clause, "her" is the possessive ("Her story ... began").
                    ev.headline = name + ("'s" if first_word in _POSSESSIVE else "") + rest
                break
            if m.start > c.start + len(h) // 2:
                break
            k += 1
        return
    # -- a left-out subject: the clause's words before its verb are auxiliaries and adverbs only
    _, aux, skip = _tables()
    if first_word != c.trigger.lower() and first_word not in aux and first_word not in skip \
            and first_word not in _BEFORE_VERB:
        _fronted_pronoun(text, out, ev, c, starts, order)
        return  # the usual case: the headline opens with its subject
    words = _WORD.findall(text, c.start, c.trigger_start)
    before = [w.lower() for w in words]
    if any(w not in aux and w not in skip and w not in _BEFORE_VERB for w in before):
        return
    opening = next((w for w in _WORD.findall(text, c.start, c.end) if w.lower() not in ("and", "but", "that")), "")
    if first_word != opening.lower():
        return  # the headline was already given a subject
    if earlier and c.opener == "resume" and first_word == c.trigger.lower() \
            and (host := _subject_with_aside(text, earlier, c)):
        # "The airline, which is based in Dublin, signed the agreement": the subject the
        # relative interrupted, not "Signed the agreement"
        # (it may read on into what was said: "said that he saw ...")
        own = " ".join(text[c.start:c.end].split()).strip(" ,;:.")
        body = h.rstrip(" .") if h != headline(text, c.start, c.end) else own
        if own.endswith(('"', "”")) and not body.endswith(('"', "”")) and own.startswith(body[:20]):
            body += own[-1]  # (headline() trims the closing quote of a quotation it ends with)
        ev.headline = headline_text(f"{host.group(1)} {body[:1].lower() + body[1:]}")
        return
    if earlier and c.opener == "resume" and first_word == c.trigger.lower() \
            and _WORD.findall(text, earlier[-1].start, earlier[-1].end)[-1:] != [earlier[-1].trigger]:
        # a bare participle after a noun and a comma describes that noun ("a rehab centre in
        # Malibu, named the Cliffside"), unlike one after a verb ("were pepper-sprayed, thrown
        # to the ground"): neither the sentence's subject nor the noun before is its own
        return
    carried = None
    if earlier and c.opener in ("and", "but", "resume", "") and not c.trigger.lower().endswith("ing"):
        # (after a subject relative, the noun phrase it describes: "the update that was
        # released as a beta and is scheduled for June")
        # (after a pronoun, the name it stands for: "She found religion, became a recluse")
        carried = next((sp for p in reversed(earlier) if (sp := _relative_carried(text, ev.sentence_start, p)
                                                          or subject_phrase(text, p)
                                                          or _pronoun_subject(text, out, starts, order, p))), None)
    if carried is not None:
        # "Men and women were pepper-sprayed, thrown to the ground and handcuffed": the subject
        # of the clause before, word for word, and its auxiliaries when this clause has none
        subject, their_aux = carried
        body = re.sub(r"^(?:and|but)\s+", "", " ".join(text[c.start:c.end].split()).strip(" ,;:."), flags=re.I)
        own_aux = [w for w in _WORD.findall(text, c.start, c.trigger_start) if w.lower() in aux]
        # ... but not a passive's "was" before a verb with an object ("Apple was started by
        # Jobs in 1976, and launched the iTunes Music Store": Apple launched it)
        active = bool(_OBJECT_NEXT.match(text, c.trigger_end)) and bool(set(w.lower() for w in their_aux) & _BE_AUX)
        # (and only before a form that may be a participle: "was apparently normal and took
        # place" is not "was took place")
        participle = not set(w.lower() for w in their_aux) & _BE_AUX or c.trigger.lower().endswith(_PARTICIPLE_ENDS)
        lead = " ".join(their_aux) + " " if their_aux and not own_aux and body.split()[0] == c.trigger \
            and not active and participle else ""
        ev.headline = headline_text(f"{subject} {lead}{body[:1].lower() + body[1:]}")
        return
    agent = next((a.mention for a in ev.arguments if a.role == "agent"
                  and out.mentions[a.mention].end <= c.start), None)
    if agent is None:
        # "... as the Nusra Front, until recently, had been fighting": the name that ends the
        # clause before is this clause's subject
        k = bisect_left(starts, c.start) - 1
        if k >= 0 and out.mentions[order[k]].start >= ev.sentence_start \
                and not text[out.mentions[order[k]].end:c.start].strip(" ,\t") \
                and not _AFTER_PREPOSITION.search(text, max(0, out.mentions[order[k]].start - 16),
                                                  out.mentions[order[k]].start):
            # ... but not a preposition's object ("a rehab centre in Malibu, named the
            # Cliffside": the centre was named, not Malibu)
            agent = order[k]
    if agent is None:
        return
    name = _name(out, agent)
    if not name or h.lower().startswith(name.lower()):
        return
    lead = h[:1].lower() + h[1:] if not h[1:2].isupper() else h
    comma = "," if re.match(r"[\w\s]+,", lead) and not lead.startswith(ev.trigger) else ""
    ev.headline = f"{name}{comma} {lead}"


#: A relative pronoun opening a clause, as its subject ("..., which struck on Sunday", "the
#: update that was released as a beta"): the clause's verb or auxiliary comes next.
_RELATIVE = re.compile(r"[\s,;(–—-]*(which|who|that)\s+", re.I)
#: A sentence's subject interrupted by a relative clause: "The airline, which ...", "Bettie
#: Page, who ...", "Mr. LaRue, whose family ...", "Some residents of the island, which ..." (a
#: name, or a determiner or a quantifier and up to five words).
_SUBJECT_WITH_RELATIVE = re.compile(
    r"(?:(?:when|as|after|before|because|while|and|but)\s+)?"
    r"((?:(?![A-Z][a-z]+ing\b)[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})|(?:[Tt]he|An?|Its|His|Her|Their|Some|Many|Most|Several|Both|Other)"
    r"(?:\s+[\w'’-]+){1,6}),\s+"
    # the aside: a relative or a participle, maybe after an age or a description ("Fred LaRue,
    # 75, the Nixon aide who ..."), or a name in commas ("his wife, Celeste, heard")
    r"(?:(?:\d+,\s+)?(?:(?:the|a|an)\s[^,;()]{0,80}?\s)?(?:who|which|whose|identified|named|known|said|described|called)\s"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3},\s+[a-z])")


def _subject_with_aside(text: str, earlier: list[Clause], c: Clause) -> re.Match[str] | None:
    """The subject a relative or a participle aside interrupted ("The head of the Genovese crime
    family, who had suffered from heart disease, | died", "when the pirates, said to be in a dhow,
    | fired at it"), opening the sentence or the clause just before."""
    if c.reporting and _inverted(text, c):
        return None  # "..., died in prison, | said prison spokesman Al Quintero": the speaker follows
    return next((m for p in (earlier[0], *reversed(earlier[1:]))
                 if (m := _SUBJECT_WITH_RELATIVE.match(text, p.start, c.start))), None)


def _inverted(text: str, c: Clause) -> bool:
    """A reporting verb followed by its speaker only, ending the clause ("said prison spokesman
    Al Quintero"), not by what was said ("said Hiller moved in", "told Orozco: ...")."""
    rest = _WORD.findall(text, c.trigger_end, c.end)
    return 0 < len(rest) <= 6 and not any(is_verb(w.lower()) for w in rest) and '"' not in text[c.trigger_end:c.end] \
        and any(w[:1].isupper() for w in rest)


#: Verbs whose subject is a happening, never a participant's name.
ONLY_HAPPENINGS = {"took", "take", "takes", "happened", "happens", "occurred", "occurs", "lasted", "lasts"}
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those", "another"}
_NOUN_PHRASE_STOP = {"and", "or", "but", "by", "in", "on", "at", "to", "for", "from", "with", "into", "as",
                     "than", "after", "before", "about", "over", "under", "during", "since", "until"}


def _relative_headline(text: str, out: Extraction, ev: Event, c: Clause, starts: list[int],
                       order: list[int]) -> str | None:
    """ "Apple announced the iPhone 2.0 update that was released as a closed beta": the clause
    of a subject relative reads with the noun phrase it describes ("The iPhone 2.0 update was
    released as a closed beta"), not "Was released ..." nor "Which struck on Sunday"; None when
    the clause is no such relative or the words before it are no noun phrase (a verb: "said
    that ..."; a figure or a clause: "..., which means")."""
    found = _relative_subject(text, ev.sentence_start, c)
    if found is None:
        return None
    subject, at = found
    k = bisect_left(starts, c.start)
    if k < len(order) and out.mentions[order[k]].start < at and (name := _name(out, order[k])):
        subject = name  # "the jihadist group, which is threatening": ISIS, whom it refers to
    else:
        # "Comeaux, who fired it": the participant's name ("Joseph Comeaux Jr.")
        end = text.rfind(subject, 0, c.start) + len(subject)
        j = k - 1
        while j >= 0 and out.mentions[order[j]].end > end:
            j -= 1
        if j >= 0 and out.mentions[order[j]].end == end and out.mentions[order[j]].start >= end - len(subject) \
                and (name := _name(out, order[j])) and out.entities[out.mentions[order[j]].entity].kind != "other":
            subject = subject[:out.mentions[order[j]].start - (end - len(subject))] + name
    body = " ".join(text[at:c.end].split()).strip(" ,;:.")
    return headline_text(f"{subject} {body}")


#: Words that may open a clause before its pronoun subject ("when he overpowered a deputy, took
#: her gun": he took it); not before "they", too often someone else's.
_BEFORE_PRONOUN = {"and", "but", "then", "when", "as", "after", "before", "because", "while", "since",
                   "until", "although", "though", "once"}


def _pronoun_subject(text: str, out: Extraction, starts: list[int], order: list[int],
                     prev: Clause) -> tuple[str, list[str]] | None:
    """The name a person's pronoun subject stands for ("She" in "She found religion, became a
    recluse": Bettie Page) and the auxiliaries before the verb, like ``subject_phrase``; None
    when the clause's subject is no such pronoun (or "it", which may stand for a happening)."""
    _, aux, skip = _tables()
    toks = [(m.start(), m.group()) for m in _TOKEN.finditer(text, prev.start, prev.trigger_start)]
    their_aux: list[str] = []
    while toks and (toks[-1][1].lower() in aux or toks[-1][1].lower() in skip):
        w = toks.pop()[1]
        if w.lower() in aux:
            their_aux.insert(0, w)
    pronoun = toks[-1][1].lower() if toks else ""
    allowed = ("and", "but", "then") if pronoun == "they" else _BEFORE_PRONOUN
    if pronoun not in ("he", "she", "they") or any(w.lower() not in allowed for _, w in toks[:-1]):
        return None
    k = bisect_left(starts, toks[-1][0])
    if k >= len(order) or starts[k] != toks[-1][0]:
        return None
    name = _name(out, order[k])
    return (name, their_aux) if name else None


def _fronted_pronoun(text: str, out: Extraction, ev: Event, c: Clause, starts: list[int],
                     order: list[int]) -> None:
    """ "In 1986 he bought Pixar", "One year later he was fired": a person's pronoun subject
    after a fronted time or place phrase (no verb before it) reads as the name it stands for."""
    _, aux, skip = _tables()
    toks = [(m.start(), m.group()) for m in _WORD.finditer(text, c.start, c.trigger_start)]
    while toks and (toks[-1][1].lower() in aux or toks[-1][1].lower() in skip):
        toks.pop()
    if len(toks) < 2 or toks[-1][1].lower() not in ("he", "she") \
            or any(w[:1].islower() and is_verb(w.lower()) for _, w in toks[:-1]):
        return
    at = toks[-1][0]
    k = bisect_left(starts, at)
    if k >= len(order) or starts[k] != at or out.entities[out.mentions[order[k]].entity].kind != "person" \
            or not (name := _name(out, order[k])):
        return
    # the pronoun as the headline shows it (the headline is the clause, trimmed)
    h = ev.headline
    found = re.search(r"\b" + toks[-1][1] + r"\b", h)
    if found is None or found.start() > at - c.start:
        return  # (trimmed, the clause only loses words before the pronoun)
    ev.headline = h[:found.start()] + name + h[found.end():]


def _relative_carried(text: str, sentence_start: int, c: Clause) -> tuple[str, list[str]] | None:
    found = _relative_subject(text, sentence_start, c)
    return (found[0], []) if found is not None else None


def _relative_subject(text: str, sentence_start: int, c: Clause) -> tuple[str, int] | None:
    """The noun phrase a subject relative clause describes and where the clause's own words
    start (after the pronoun), or None (see ``_relative_headline``)."""
    m = _RELATIVE.match(text, c.start, c.end)
    if m is None or m.end() > c.trigger_start:
        return None
    _, aux, skip = _tables()
    between = [w.lower() for w in _WORD.findall(text, m.end(), c.trigger_start)]
    if any(w not in aux and w not in skip and w not in _BEFORE_VERB for w in between):
        return None  # an object relative ("which analysts expected"): the subject is its own
    toks = [(t.start(), t.group()) for t in _TOKEN.finditer(text, sentence_start, m.start(1))]
    if toks and toks[-1][1].endswith(",") and m.group(1).lower() == "that":
        return None  # ", that ..." opens no restrictive relative
    phrase: list[tuple[int, str]] = []
    determined = False
    for k, (start, w) in enumerate(reversed(toks)):
        word = w.rstrip(",") if k == 0 else w
        bare = word.strip("\"“”'")
        low = bare.lower()
        if "(" in bare or ")" in bare:
            break  # "North Carolina (10-3), which": a bracketed score ends the phrase
        if not bare or word.endswith((",", ";", ":", ".")) or low in _NOUN_PHRASE_STOP \
                or low in _SUBJECT_PRONOUNS or low in aux or is_verb(low) and bare[:1].islower():
            break
        phrase.insert(0, (start, bare))
        if low in _DETERMINERS or low.endswith(("'s", "’s")) and len(phrase) > 1:
            determined = True
            break
        if len(phrase) > 7:
            return None
    while phrase and phrase[0][1].lower() == "of":
        phrase.pop(0)
    named = phrase and phrase[0][1][:1].isupper() and (len(phrase) <= 3 or all(w[:1].isupper() for _, w in phrase))
    if not phrase or not (determined or named) or phrase[-1][1].lower() in _DETERMINERS | {"of"}:
        return None  # ("Suvarnabhumi airport, which has suffered ...": a name and its noun)
    if not determined and c.trigger.lower() in ONLY_HAPPENINGS:
        return None  # "when it overtook Infogear Technology Corp., which took place in 1996": a
        # name does not take place; the clause before does
    return text[phrase[0][0]:phrase[-1][0] + len(phrase[-1][1])], m.end()


_AFTER_PREPOSITION = re.compile(r"\b(?:in|at|on|from|near|to|for|with|of|by|into|outside|inside|across|"
                                r"over|under|than|like)\s+(?:the\s+)?$", re.I)


def headline_text(s: str, limit: int = 110) -> str:
    """One line, cut at a word boundary when long, with a capital first letter (``capitalised``)."""
    s = " ".join(s.split())
    if len(s) > limit:
        s = s[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return capitalised(s)


def complete_all(text: str, out: Extraction, clauses: list[Clause | None]) -> None:
    """``complete`` every clause event of ``out``."""
    order = sorted(range(len(out.mentions)), key=lambda i: out.mentions[i].start)
    starts = [out.mentions[i].start for i in order]
    earlier: list[Clause] = []
    sentence = -1
    before: Event | None = None
    reporter: Event | None = None  # the sentence's reporting clause ("Maliki told the BBC")
    for ev, c in zip(out.events, clauses):
        if c is not None and c.trigger:
            if ev.sentence_start != sentence:
                earlier, sentence, before, reporter = [], ev.sentence_start, None, None
            complete(text, out, ev, c, starts, order, earlier)
            if before is not None and _result_participle(ev, c):
                # "Flight 447 crashed in 2009, killing all 228 people on board": what the clause
                # before did, which is this clause's subject -- unless that clause is what a
                # reporter said ("Maliki told the BBC that jets bombed Qaim, giving the first
                # official confirmation": the telling gave it, not the jets)
                said = earlier[-1].opener == "that" and reporter is not None
                # the telling alone, not what was told ("Maliki told the BBC", see
                # pipeline._says_what_follows)
                first = re.split(r"\s+that\s+", reporter.headline, maxsplit=1)[0] if said \
                    else before.headline  # type: ignore[union-attr]
                ev.headline = _read_with(first, ev.headline, ", ") or ev.headline
            elif before is not None and _subjectless_ing(ev, c):
                # "operations had resumed | after being halted on Sunday": halted, what resumed
                ev.headline = _read_with(before.headline, ev.headline, f" {c.opener} ") or ev.headline
            elif before is not None and _says_what_came_before(text, c, earlier):
                # "Boeing may bid again, the USAF has announced": what was announced
                ev.headline = _after_what_was_said(before.headline, ev.headline,
                                                   text[c.start:c.start + 1].islower())
            elif before is not None and c.opener == "which" and c.trigger.lower() in ONLY_HAPPENINGS \
                    and ev.headline.lower().startswith("which"):
                # "..., when the company overtook Infogear, which took place in 1996": the
                # clause before is what took place
                ev.headline = _read_with(before.headline, ev.headline, ", ") or ev.headline
            elif before is not None and _infinitive(ev, c):
                # "The trial is set | to begin on Wednesday": the clause before says who or what
                plan = earlier[-1]
                if not text[plan.end:c.start].strip() \
                        and before.headline == headline(text, plan.start, plan.end):
                    # the plan alone says nothing of what was planned ("The A380 was set"):
                    # both read as the one sentence they were cut from
                    ev.headline = before.headline = headline(text, plan.start, c.end).rstrip(" .")
                else:
                    ev.headline = _read_with(before.headline, ev.headline, " ") or ev.headline
            earlier.append(c)
            if c.reporting:
                reporter = ev
            before = ev


#: Room for a headline read with the clause before it (see ``headline_text``).
_LIMIT = 110


def _cut(text: str, width: int) -> str:
    """``text`` cut at a word within ``width``, always marked cut ("…")."""
    return headline_text(text, width).rstrip("…").rstrip(" ,;:") + "…"


def _read_with(before: str, own: str, sep: str) -> str | None:
    """``own`` after the clause before it; the clause before is cut short (never ``own``) when
    both do not fit: "Apple Computer added audio recording abilities to its…, prompting Apple
    Corps to file suit again in 1989". None when too little of the clause before would fit."""
    own = (own[:1].lower() + own[1:]).rstrip(" .")
    first = before.rstrip(" .,;:…")
    room = _LIMIT - len(own) - len(sep)
    if room < 40 and len(own) > 60:
        # a long clause of its own: its end gives way to the subject ("Maliki told the BBC,
        # giving the first official confirmation of…"), which says who did it
        first = first if len(first) <= 50 else _cut(first, 49)
        own = headline_text(own, _LIMIT - len(first) - len(sep))
        own = own[:1].lower() + own[1:]
        return f"{first}{sep}{own}"
    if len(first) > room or before.endswith("…"):
        if room < 40:
            return None  # no room for a useful subject
        first = _cut(first, room - 1)
    return f"{first}{sep}{own}"


def _says_what_came_before(text: str, c: Clause, earlier: list[Clause]) -> bool:
    """A reporting clause after what it reports, ending its sentence ("..., the USAF has
    announced."): alone it says nothing."""
    if not c.reporting or not earlier or not text[earlier[-1].start:earlier[-1].end].rstrip().endswith(","):
        return False
    if routine_verb(c.trigger):
        return False  # "..., union leaders said": a routine attribution, background either way
    after = text[c.trigger_end:c.end].strip(" .")
    return len(after.split()) <= 3 and not re.search(r"\bthat\b|[,;:]", after)


def _after_what_was_said(said: str, own: str, text_first_lower: bool = False) -> str:
    """``own`` (the reporting clause) after what it says, which is cut short when both do not
    fit; a determiner opening ``own`` is lowered ("the USAF"), a name is not."""
    own = own.rstrip(" .")
    if own[:1].isupper() and text_first_lower:
        own = own[:1].lower() + own[1:]  # written in lower case: "the port authority announced"
    elif own.split(None, 1)[0] in ("The", "A", "An", "This", "These", "Its", "His", "Her", "Their", "He", "She",
                                 "It", "They", "We"):
        own = own[:1].lower() + own[1:]
    said = said.rstrip(" .,;:…")
    room = _LIMIT - len(own) - 2
    if len(said) > room:
        said = _cut(said, room - 1)
    return f"{said}, {own}"


def _infinitive(ev: Event, c: Clause) -> bool:
    """A to-infinitive clause cut from the verb it completes ("The trial is set | to begin on
    Wednesday"): its headline opens with "To" and its verb."""
    words = ev.headline.split(None, 2)
    return len(words) >= 2 and words[0] == "To" and words[1].rstrip(".,;:!?") == c.trigger


#: Openers of a time clause that may have no subject of its own ("after being halted").
_TIME_OPENERS = {"after", "before", "since", "while", "without", "upon", "when"}


def _subjectless_ing(ev: Event, c: Clause) -> bool:
    """A time clause with an -ing verb and no subject ("after being halted on Sunday", "before
    leaving for Paris"): its subject is the clause before's."""
    first = ev.headline.split(None, 1)[0].lower() if ev.headline else ""
    return c.opener in _TIME_OPENERS and first.endswith("ing") and first not in _ING_PREPOSITIONS \
        and (first == c.trigger.lower() or first in ("being", "having"))  # (not "after Boeing promised")


def _result_participle(ev: Event, c: Clause) -> bool:
    """An -ing clause after a comma whose subject is the happening before it ("..., killing 228
    people", "..., leading to a rearrangement", "..., making it the thinnest phone")."""
    first = ev.headline.split(None, 1)[0].lower() if ev.headline else ""
    return c.trigger.lower().endswith("ing") and first == c.trigger.lower() and c.opener not in ("that", "") \
        and first not in _ING_PREPOSITIONS


#: -ing words that are prepositions ("..., according to reports", "..., including one which ..."):
#: their clause says nothing the clause before did.
_ING_PREPOSITIONS = {"according", "including", "regarding", "concerning", "during", "following", "excluding"}


_ASIDE_DETERMINER = re.compile(r"^(?:the|its|his|her|their|this|that|these|those)\b", re.I)


def aside_headline(text: str, out: Extraction, a: int, b: int, sentence_start: int) -> str | None:
    """A participial aside as a sentence: "Jobs, born in San Francisco on February 24, 1955,
    has built ..." -> "Steve Jobs was born in San Francisco on February 24, 1955". Its subject is
    the name that ends at the comma before it, else a short definite noun phrase there ("The
    first delivery, originally due later this year, ..."); None when there is neither."""
    comma = text.rfind(",", sentence_start, a)
    if comma < 0 or text[comma + 1:a].strip():
        return None
    before = text[sentence_start:comma].rstrip()
    named = next((m for m in out.mentions if m.end == sentence_start + len(before)
                  and m.start >= sentence_start), None)
    if named is not None:
        subject = out.entities[named.entity].name or named.text
        plural = False
    else:
        start = max(before.rfind(","), before.rfind(";"), before.rfind(" - ")) + 1
        phrase = before[start:].strip()
        if not phrase or len(phrase.split()) > 5 or not _ASIDE_DETERMINER.match(phrase):
            return None
        subject = phrase[:1].upper() + phrase[1:]
        plural = phrase.split()[-1].lower().endswith("s") and not phrase.split()[-1].lower().endswith("ss")
    body = " ".join(text[a:b].split()).strip(" ,;:.")
    return headline_text(f"{subject} {'were' if plural else 'was'} {body}")
