"""``extract(text, published)``: the whole extraction as one pure function.

Order of work: boilerplate lines are set aside; the dateline is read; time expressions are tagged
(``eventdb.temporal.tag``); sentences are cut into clauses (events); names, pronouns and
nominals are found and joined into participants; each event gets its participants (with roles)
and a time link chosen by the dating rules in :mod:`eventdb.extract.dating`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date, datetime

from eventdb.extract import background, dating, event_words, grouping, headlines
from eventdb.extract.confidence import calendar_starts, calibrate, features
from eventdb.extract.clauses import headline, is_state, is_verb, split_clauses
from eventdb.extract.dateline import find_dateline
from eventdb.extract.coref import Joiner
from eventdb.extract.descriptors import cataphora_last
from eventdb.extract.introduced import title_lines
from eventdb.extract.entities import MentionFinder, normalise_name
from eventdb.extract.lexicon import lexicon
from eventdb.extract.model import Argument, Dateline, Entity, Event, Extraction, Mention, TimeLink
from eventdb.extract.sentences import split_sentences
from eventdb.temporal.folding import scan_of


#: A source credit opening a sentence: "(DCNF)", "CANBERRA, Australia (AP)_", "LONDON (Reuters) -".
_CREDIT = re.compile(r"(?:[A-Z][A-Z.'’ -]{1,40}(?:,[ \t]*[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)?)?[ \t]*)?"
                     r"\((?:[A-Z][A-Za-z]{1,9}(?:/[A-Z][A-Za-z]{1,9})?)\)\s*(?:[-–—_]+\s*)?")


_OF_WITH = re.compile(r"[a-z] (?:of|with) (?:the )?\"?$")
_LINE_CREDIT = re.compile(r"(?m)^[ \t]*" + _CREDIT.pattern)


def is_boilerplate(line: str) -> bool:
    """True for a sentence or line that carries no news (bylines, social-media prompts, licence
    notes). Checked per sentence: news paragraphs are long lines, boilerplate is short."""
    lex = lexicon()
    if lex.boilerplate_start is not None and lex.boilerplate_start.match(line):
        return True
    return bool(lex.boilerplate_inside is not None and scan_of(lex.boilerplate_inside).search(line))


def _day(published: date | datetime | None) -> date | None:
    if isinstance(published, datetime):
        return published.date()
    return published


def extract(text: str, published: date | datetime | None) -> Extraction:
    """Events, participants and time links of one document (see the package docstring); each
    link's confidence is the calibrated probability that the date is right."""
    out, tenses, dct_res = _extract(text, published)
    calibrate(text, out, tenses, dct_res)
    return out


def extract_features(text: str, published: date | datetime | None) -> tuple[Extraction, list[dict[str, str]]]:
    """The extraction before calibration and each event's calibration features (for fitting)."""
    out, tenses, dct_res = _extract(text, published)
    cal = calendar_starts(out)
    return out, [features(text, ev, t, out, dct_res, cal) for ev, t in zip(out.events, tenses)]


def _extract(text: str, published: date | datetime | None):
    """``(extraction, tense of each event ("" when not a clause), publication resolution)``."""
    from eventdb.temporal import dct_resolution, tag  # late: the temporal engine imports slowly

    out = Extraction()
    # -- dateline and time expressions -------------------------------------------------------
    found = find_dateline(text)
    out.timexes = list(tag(text, published))
    dl_timex = None
    if found is not None:
        dl_timex = next((i for i, t in enumerate(out.timexes)
                         if t.start >= found.date_start and t.end <= found.date_end and t.type == "DATE"), None)
        resolved = out.timexes[dl_timex].resolved if dl_timex is not None else None
        out.dateline = Dateline(found.start, found.end, text[found.start:found.end], resolved)
        day = _day(published)
        if (resolved is not None and day is not None and resolved.earliest is not None
                and resolved.latest is not None and not resolved.earliest <= day <= resolved.latest):
            out.dateline.conflict = True  # flagged for review: neither date is preferred silently
            out.review.append(f"the dateline says {resolved.value} but the publication date is {day.isoformat()}")
    # With no publication date, a dateline that names a day proposes it: everything is read from
    # it as from a publication date (anchored on the publication time as usual), and storage
    # records it as the machine's proposal, which a curator confirms or corrects with
    # set-published (then everything re-resolves).
    if published is None and dl_timex is not None:
        proposal = out.timexes[dl_timex].resolved
        if proposal.precision == "day" and proposal.earliest is not None:
            out.proposed_published = proposal
            published = proposal.earliest
            out.timexes = list(tag(text, published))
    dct_res = dct_resolution(published)
    dct_target = "dct"

    # -- sentences and clauses -----------------------------------------------------------------
    finder = MentionFinder(text)
    joiner = Joiner(text)
    raw_mentions = []
    sentences: list[tuple[int, int]] = []
    credits = [(m.start(), m.end()) for m in _LINE_CREDIT.finditer(text)]
    for a, b in split_sentences(text):
        for ca, cb in credits:  # "BUFFALO, N.Y. (AP) --" opening a line
            if ca <= a < cb:
                a = cb
        if a >= b:
            continue
        if found is not None and a < found.body_start and b > found.start:
            if b <= found.body_start:
                continue
            a = found.body_start
        if is_boilerplate(text[a:b]):
            continue
        m = _CREDIT.match(text, a, b)
        if m:
            a = m.end()  # "(DCNF) Iraqi forces ...": a source credit, not part of the news
            if a >= b:
                continue
        sentences.append((a, b))
    clauses_by_sentence = [split_clauses(text, a, b) for a, b in sentences]

    # -- participants ----------------------------------------------------------------------------
    timex_spans = sorted((t.start, t.end) for t in out.timexes)
    demonyms = lexicon().demonyms
    for a, b in sentences:
        joiner.new_sentence()
        lo = bisect_left(timex_spans, (a, -1))
        near = [(s, e) for s, e in timex_spans[max(0, lo - 1):bisect_left(timex_spans, (b, -1))]]
        for m in cataphora_last(finder.sentence(a, b)):
            if any(s < m.end and m.start < e for s, e in near) and not _before_time(text, m, near):
                continue  # "Thursday", "March" are times, not participants
            idx = joiner.add(m)
            if idx is None:
                continue
            m.entity = idx
            if m.text not in demonyms and not m.loose:
                # "Irish low cost airline, Ryanair, announced ...": an adjective is not the
                # subject a later "it" goes back to; nor is a description whose antecedent
                # was a guess (``RawMention.loose``)
                joiner.note_subject(idx)
            raw_mentions.append(m)
    kept, renumber = joiner.join_families(title_lines(text))
    for e in (joiner.entities[k] for k in kept):
        aliases = [a for a in (e.known.aliases if e.known else ()) if a != e.name]
        for f in e.forms:
            if f != e.name and f not in aliases:
                aliases.append(f)
        out.entities.append(Entity(e.name, e.kind_shown if e.kind_shown in ("person", "organisation", "place", "group", "product")
                                   else "other", aliases))
    # descriptions beside their name (descriptors) and ones read through unknown modifiers
    # (references): mentions, but no event arguments
    beside: set[int] = set()
    for m in raw_mentions:
        if renumber[m.entity] < 0:
            continue  # a description met once (coref.Joiner.join_families)
        if m.beside or m.loose:
            beside.add(len(out.mentions))
        out.mentions.append(Mention(m.start, m.end, text[m.start:m.end], renumber[m.entity]))
    _qualified_heads(text, out)

    # -- events and time links -------------------------------------------------------------------
    phrases = dating.relative_phrases(text)
    relative = {k for m in phrases for k, t in enumerate(out.timexes)
                if t.start < m.end("dir") and m.start() < t.end}
    dated = dating.Dater(text, out.timexes, dct_res, dct_target, exclude=relative)
    dated.set_lead(sentences)
    mention_pos = sorted(range(len(out.mentions)), key=lambda i: out.mentions[i].start)
    starts = [out.mentions[i].start for i in mention_pos]

    # a description outside the nominal table ("the patch") is a mention of its own entity, not
    # an event's argument (coref.DocEntity.generic: half the time it names a happening)
    generic = {renumber[k] for k, e in enumerate(joiner.entities) if e.generic and renumber[k] >= 0}
    # a gathering ("at WWDC", "the Paris Air Show") is where an event happens, not who takes part
    generic |= {k for k, e in enumerate(out.entities) if _occasion(e.name, e.aliases)}

    def within(a: int, b: int) -> list[int]:
        """Mentions inside [a, b), in text order (descriptions outside the table left out)."""
        return [i for i in mention_pos[bisect_left(starts, a):bisect_left(starts, b)]
                if out.mentions[i].end <= b and out.mentions[i].entity not in generic and i not in beside]

    clause_of: list = []  # the clause of each event (None: not a clause)
    states: dict[int, bool] = {}  # event index -> its clause is a state (computed once)
    tenses: list[str] = []
    for (sa, sb), clauses in zip(sentences, clauses_by_sentence):
        links = dated.sentence(sa, sb, clauses)
        prev_agent: int | None = None
        prev_opener = ""
        prev_inside: list[int] = []
        for k, (c, link) in enumerate(zip(clauses, links)):
            if (k and clauses[k - 1].passive and not c.passive
                    and _VERB_NEXT.fullmatch(text, c.start, c.trigger_start)
                    and _PARTICIPLE.fullmatch(text, c.trigger_start, c.trigger_end)
                    and _BY_NEXT.match(text, c.trigger_end)):
                c.passive = True  # "rifles are bought and registered by Globex": both passive
            ev = Event(c.start, c.end, headline(text, c.start, c.end), c.trigger, c.trigger_start,
                       c.trigger_end, sa, sb, link)
            inside = within(c.start, c.end)
            ev.arguments = _roles(inside, out.mentions, c, text)
            resumes = c.opener == "resume" and prev_opener in ("which", "who")
            if c.opener == "to":
                # "the reason Boeing were expected | to win", "We plan | to use the 787": the
                # infinitive's subject is the plan word's, the participant nearest before it
                near = [i for i in prev_inside if out.mentions[i].text.lower() not in _DETERMINERS
                        and not _PREPOSITION.search(text[max(0, out.mentions[i].start - 12):out.mentions[i].start])
                        and not _mere_mention(text, out.mentions[i])]
                if near:
                    prev_agent = near[-1]
            prev_inside = inside
            if prev_agent is not None and (c.opener in _ELIDED or resumes) and not any(
                    out.mentions[i].end <= c.trigger_start for i in inside) \
                    and not _OWN_SUBJECT.search(text, c.start, c.trigger_start):
                # "..., and fly directly to Sydney", "The airline, which is the third largest in
                # China, signed ...": the subject of the clause before (not "but in 2003 a scandal
                # erupted", which has a subject of its own)
                ev.arguments.insert(0, Argument(prev_agent, "patient" if c.passive else "agent"))
            _possessives(inside, out.mentions, ev.arguments)
            # the subject carries to the next clause whatever its voice ("The A380 was set | to
            # land in the US": the plane lands)
            agent = next((a.mention for a in ev.arguments if a.role == "agent" or (
                a.role == "patient" and out.mentions[a.mention].end <= c.trigger_start)), None)
            if agent is not None and c.opener not in ("that", "which", "who"):
                prev_agent = agent
            elif c.opener not in ("that", "which", "who") and _OWN_SUBJECT.search(text, c.start, c.trigger_start):
                # "The glitch was not reported | and only became public": a subject of its own that
                # is nobody the article follows is still the one the next clause leaves out
                prev_agent = None
            elif prev_agent is None:
                prev_agent = agent
            prev_opener = c.opener
            out.events.append(ev)
            clause_of.append(c)
            tenses.append(c.tense)
        first = len(out.events) - len(clauses)
        _share_objects(text, out, first, clauses)
        _complete_headlines(text, out, first, clauses)
        for k in range(len(clauses) - 1):
            if clauses[k + 1].opener == "to" and _PLAN_END.search(text, clauses[k].start, clauses[k].end):
                # "The A380 was set | to land in the US": the plane lands; being set is nobody's act
                out.events[first + k].arguments = []
        for k, c in enumerate(clauses):
            if _UNREAL.search(text, max(c.start, c.trigger_start - 40), c.trigger_start):
                # "we should sleep on it", "the aircraft would have been delivered by 2011", "said
                # that it would cancel the program": a hypothetical or conditional event (also
                # the future of the past) did not happen; like a state it stays as dated evidence
                # with its mentions, but it is nobody's event (not on anyone's timeline)
                out.events[first + k].arguments = []
                continue
            states[first + k] = state = is_state(text, c)
            if state:
                # "Ryanair is the world's most profitable airline", "it will have a range of
                # 8,500 miles": a state, not something that happened to or was done by anyone.
                # It stays as dated evidence (its mentions are kept) but is nobody's event --
                # unless its subject is a noun of an event the name takes part in ("the first
                # flight of the 777 was in 1994", "negotiations with Boeing were over").
                ev = out.events[first + k]
                ev.arguments = [a for a in ev.arguments if out.mentions[a.mention].end <= c.trigger_start
                                and _OF_WITH.search(text, max(c.start, out.mentions[a.mention].start - 12),
                                                    out.mentions[a.mention].start)]
    # "the 1991 agreement": a short event of its own, dated by its year
    triggers = {e.trigger_start for e in out.events}
    for a, b, head, hs, ti in dating.prenominal_events(text, out.timexes, sentences):
        if hs in triggers:
            continue  # a clause of its own already ("..., begun two years ago, has been ...")
        sa, sb = next((s, e) for s, e in sentences if s <= a < e)
        ev = Event(a, b, text[a:b], head, hs, hs + len(head), sa, sb, TimeLink(f"timex:{ti}", "ON", "explicit", 0.8))
        ev.arguments = [Argument(i, "other") for i in within(a, b)]
        # a participial aside ("Jobs, born in ... 1955,") reads with the subject it describes
        ev.headline = headlines.aside_headline(text, out, a, b, sa) or ev.headline
        out.events.append(ev)
    dating.event_relative(text, out, dated, phrases)
    clause_of += [None] * (len(out.events) - len(clause_of))
    title_end = title_line_end(text)
    headlines.complete_all(text, out, clause_of)
    background.mark(text, out, clause_of, title_end, states)
    grouping.link(text, out, clause_of, title_end, dct_res.earliest if dct_res is not None else None)
    event_words.add(text, out)  # event nouns and second verbs: background reports of their own
    tenses += [""] * (len(out.events) - len(tenses))
    return out, tenses, dct_res


def title_line_end(text: str) -> int:
    """End of the title when the text opens with one (a short first line without a closing
    full stop), else 0."""
    nl = text.find("\n")
    if 0 < nl <= 200 and not text[:nl].rstrip().endswith((".", "?", "!", '"', "”")):
        return nl
    return 0


#: Plan words that say what is scheduled, not what anyone did ("was set to", "is expected to").
_PLAN_END = re.compile(r"\b(?:set|scheduled|slated|expected|due|poised)\s*$")
_BARE_VERB_END = re.compile(r"\s*(?:[a-z]+ly\s*)?")
#: "and" or "or" straight before the verb (an auxiliary or an adverb may stand between).
_VERB_NEXT = re.compile(r"(?:and|or)\s+(?:(?:[a-z]+ly|then|also|will|would|can|could|was|were|is|are|be|been"
                        r"|has|have|had)\s+){0,2}")


def _share_objects(text: str, out: Extraction, first: int, clauses) -> None:
    """ "Airliners are selected | and purchased by the government", "Boeing designs | and builds
    the planes": a verb with nothing after it shares what follows the verb it is coordinated with."""
    for k in range(len(clauses) - 1):
        c, nxt = clauses[k], clauses[k + 1]
        if (nxt.opener not in ("and", "or") or not _BARE_VERB_END.fullmatch(text, c.trigger_end, c.end)
                or "," in text[c.trigger_end:c.end] or not is_verb(c.trigger.lower())
                or not _VERB_NEXT.fullmatch(text, nxt.start, nxt.trigger_start)):
            continue  # not "..., and pleaded for", "is unlicensed and photogs snapped her"
        ev, ev2 = out.events[first + k], out.events[first + k + 1]
        comma = text.find(",", nxt.trigger_end, nxt.end)
        stop = comma if comma >= 0 else nxt.end
        have = {a.mention for a in ev.arguments}
        ev.arguments += [Argument(a.mention, a.role) for a in ev2.arguments if a.mention not in have
                         and nxt.trigger_end <= out.mentions[a.mention].start < stop]


def _complete_headlines(text: str, out: Extraction, first: int, clauses) -> None:
    """ "and said" / "adding" as headlines become "Iraq said such a move would be welcome"."""
    for k, c in enumerate(clauses):
        ev = out.events[first + k]
        if c.opener in ("which", "who"):
            # "which is threatening to overrun Baghdad" -> "ISIS is threatening to overrun Baghdad"
            rel = next((out.mentions[a.mention] for a in ev.arguments
                        if out.mentions[a.mention].text.lower() == c.opener), None)
            if rel is not None and not (c.trigger.lower() in headlines.ONLY_HAPPENINGS
                                        and out.entities[rel.entity].kind != "other"):
                # (not "Infogear Technology Corp. took place in 1996": a name does not take place)
                rest = headline(text, rel.end, c.end)
                ev.headline = out.entities[rel.entity].name + " " + rest[:1].lower() + rest[1:]
            continue
        says = _says_what_follows(text, c, clauses[k + 1:k + 2])
        if _measured_from_what_follows(text, c, clauses[k + 1:k + 2]):
            # "The dismissal came hours | before the 76ers were to play": hours before what
            ev.headline = headline(text, c.start, clauses[k + 1].end)
            continue
        if len(ev.headline.split()) > 2 and not says:
            continue
        subject = ""
        agent = next((a.mention for a in ev.arguments if a.role == "agent"), None)
        if agent is not None and out.mentions[agent].end <= c.start:
            m = out.mentions[agent]
            subject = out.entities[m.entity].name if m.text[:1].islower() else m.text
        more = ""
        if k + 1 < len(clauses):
            nxt = clauses[k + 1]
            more = text[nxt.start:nxt.end]
        ev.headline = headline(text, c.start, c.end, subject=subject, more=more, keep_that=says)


def _says_what_follows(text: str, c, after: list) -> bool:
    """A reporting clause whose content is the clause after it ("Airbus has confirmed | that
    there was a glitch", "He also said that, | although ..."): alone, its headline says nothing
    ("Airbus has confirmed"), so it reads with what was said."""
    if not c.reporting or not after or text[c.end:after[0].start].strip():
        return False
    return after[0].opener == "that" or text[c.start:c.end].rstrip(" ,").lower().endswith(" that")


#: A span of time, or how near, ending a clause that the next clause's "after"/"before" completes.
_MEASURE_END = re.compile(r"\b(?:seconds|minutes|hours|days|weeks|months|years|decades|moments|shortly|soon|"
                          r"(?:the|that|a)\s+(?:day|night|week|month|year|morning|evening|afternoon)|"
                          r"just|only|right|immediately|long)\s*$", re.I)


def _measured_from_what_follows(text: str, c, after: list) -> bool:
    """A clause ending in a span of time that the clause after it measures from ("came hours |
    before the game", "was hit two years | after Bam was destroyed"): cut there, it says the
    wrong thing ("came hours")."""
    return bool(after) and after[0].opener in ("after", "before", "since") \
        and not text[c.end:after[0].start].strip() and bool(_MEASURE_END.search(text, c.start, c.end))


#: A hypothetical or conditional verb group: "would", "could", "should", "might" and up to three
#: words before the clause's verb ("would not have been delivered").
_UNREAL = re.compile(r"\b(?:would|could|should|might)\b(?:\s+[\w']+){0,3}\s*$", re.I)
#: A noun phrase (or an expletive "there") before a clause's verb: the clause has its own subject
#: ("but a scandal erupted", "and there have been complaints").
_OWN_SUBJECT = re.compile(r"\b(?:(?:a|an|the|this|these|those|another|no)\s+[a-z]"
                          r"|there\s+(?:is|are|was|were|has|have|had|will)\b)", re.I)
#: Clause openers after which the subject is usually left out ("and said", "adding that"). Not
#: the participles whose subject is the event before them ("the jet crashed, killing 228 people",
#: "..., bringing the total to 677 orders", "..., sparking questions"): their clause is nobody's.
_ELIDED = {"and", "but", "adding", "saying", "claiming", "citing", "noting", "warning",
           "stressing", "reporting", "to"}  # "to": "Airbus plans | to build a plant"


_POSSESSIVES = {"his", "her", "its", "their", "our"}
#: "by" (and "the") just before a mention after a passive verb: its agent.
_BY_BEFORE = re.compile(r"\bby\s+(the\s+)?$")
_BY_NEXT = re.compile(r"\s+by\s")
_NEXT = re.compile(r"\s+((?:[a-z-]+\s+){0,2}[a-z-]+)")
#: A form of "be" (an adverb may follow) just before the trigger, and a past participle as the
#: trigger: the passive voice ("Apple was sued", "were quickly taken").
_BE_BEFORE = re.compile(r"\b(?:was|were|been|be|being|is|are)\s+(?:[a-z]+ly\s+)?$")
_PARTICIPLE = re.compile(r"[a-z]+(?:ed|en|wn|ht|lt)")
#: "with" (and "the") just before the mention after the trigger: a partner, not the patient.
_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+)?$")
_PREPOSITION = re.compile(r"\b(?:in|at|on|from|near|to|for|with|of|by|after|before|during|across|inside|outside|"
                          r"into|under|over|against|about|than)\s+(?:the\s+)?$", re.I)


#: A preposition whose object is not a participant of the clause's event: the standard of a
#: comparison ("more orders than Airbus") or an example ("airports too small for aircraft like the
#: A380", "European makers such as Airbus"), the source of a report ("according to Airbus
#: spokesman Jaime Perez-Guerra") or its topic ("emails regarding Airbus"). Other prepositional
#: objects often are participants ("pledged its allegiance to ISIS", "a contract with Boeing"),
#: so they stay.
_OBLIQUE = re.compile(r"\b(?:(?:than|like|such as)\s+(?:(?:the|a|an)\s+)?"
                      r"|(?:according to|regarding)\s+(?:[\w'’.-]+\s+){0,3})$", re.I)
#: A currency sign glued to a name ("US$40", "HK$3") or an amount of money before it ("$199 USD",
#: "$99 (USD)").
_CURRENCY_SIGN = re.compile(r"[$£€¥]")
_AMOUNT_BEFORE = re.compile(r"[$£€¥]\s?\d(?:[\d.,]*\d)?(?:\s+(?:million|billion|trillion|bn))?\s*\(?$")
#: A product's own name: a digit or a word like "iPod" ("Airbus A330", "iPod players").
_PRODUCT_LIKE = re.compile(r"\d|\b[a-z]+[A-Z]")
#: The lower-case word after "and"/"or" and a second name ("Boeing and Airbus aircraft").
_AND_NAME_NOUN = re.compile(r"[ \t]+(?:and|or)[ \t]+[A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*)?[ \t]+([a-z]+)\b")
#: The lower-case word after a name, unless what follows makes it a verb ("Boeing plans to").
_NEXT_NOUN = re.compile(r"[ \t]+(?:[a-z]+-)?([a-z]+)\b(?![ \t]+(?:to|the|a|an|its|their)\b)")
#: Possessive determiners ("her" is left out: it is also the object pronoun, "hiring her").
_DETERMINERS = {"his", "its", "their", "our", "my", "your"}


def _before_time(text: str, m, near: list[tuple[int, int]]) -> bool:  # noqa: ANN001 - RawMention
    """ "sentenced Brian Nichols Saturday", "in Vancouver Friday": a name run on into the time
    after it is cut before the time (True: ``m`` now ends there); a time alone is no name."""
    if m.ref or m.known is not None or m.titled or m.name != normalise_name(m.text):
        return False  # (a name read apart from its text: left as it was)
    at = min(s for s, e in near if s < m.end and m.start < e)
    cut = text[m.start:at].rstrip(" ,")
    if at <= m.start or not text[at].isalpha() or not cut or not cut.split()[-1][:1].isupper():
        return False  # (a number after a name is read with it: "Steve Jobs 1955-2011" stays out)
    m.end, m.text, m.name, m.raw = m.start + len(cut), cut, normalise_name(cut), ""
    return True


#: The noun a name qualifies, when no name follows it ("iPod users", "Airbus jets"; not "Airbus
#: parent EADS", "Apple CEO Steve Jobs").
_HEAD_AFTER = re.compile(r"[ \t]+([a-z]+)\b(?![ \t]+[A-Z])")


#: People through whom an organisation acts or speaks ("CNN officials confirmed"): the name
#: before them stays the participant.
_SPEAK_FOR = {"officials", "executives", "representative", "representatives"}


def _qualified_heads(text: str, out: Extraction) -> None:
    """ "iPod users", "the many Boeing employees", "twelve Airbus jets": a name that only says
    whose users or whose jets (``_mere_mention``) is no participant, but the users or the jets
    are. The noun becomes a mention of its own entity, known by a description ("the users"),
    so the group takes part in the clause's event and is never joined to the name or, across
    articles, to anyone."""
    lex = lexicon()
    taken = sorted((m.start, m.end) for m in out.mentions)
    own: dict[str, int] = {}
    for m in list(out.mentions):
        if not (m.text[:1].isupper() or m.text[1:2].isupper()) or m.text in lex.demonyms:
            continue
        nxt = _HEAD_AFTER.match(text, m.end)
        if not nxt:
            continue
        word = nxt.group(1)
        if word in _SPEAK_FOR:
            continue  # "CNN officials said": the organisation speaks through them, it takes part
        if word in lex.modifier_nouns:
            kind = "group"
        elif word in lex.maker_nouns and not _PRODUCT_LIKE.search(m.text):
            kind = "product"
        else:
            continue
        a, b = nxt.span(1)
        k = bisect_left(taken, (a, -1))
        if k < len(taken) and taken[k][0] < b or k and taken[k - 1][1] > a:
            continue  # (already a mention of its own)
        if word not in own:
            own[word] = len(out.entities)
            out.entities.append(Entity("the " + word, kind, []))
        out.mentions.append(Mention(a, b, word, own[word]))


def _occasion(name: str, aliases: list[str]) -> bool:
    """The name of a gathering ("Worldwide Developers Conference 2010", resources/occasion_nouns.txt):
    it, or a form of it, ends in an occasion noun, a year after it aside."""
    nouns = lexicon().occasion_nouns
    for n in (name, *aliases):
        words = n.split()
        if words and words[-1].isdigit():
            words = words[:-1]
        if len(words) > 1 and words[-1] in nouns:
            return True
    return False


def _mere_mention(text: str, m: Mention) -> bool:
    """A mention that names an entity without it taking part in the clause's event: a possessive
    determiner ("its engines", "their devices": the noun it determines is what takes part), a
    name that only says whose rival, parent or users someone is ("Airbus parent EADS wins",
    "iPod users", resources/modifier_nouns.txt) or the standard of a comparison (``_OBLIQUE``).
    Such mentions stay in the document's mentions but are not arguments of the event."""
    if m.text.lower() in _DETERMINERS:
        return True
    if m.text[:1].isupper() or m.text[1:2].isupper():
        nxt = _NEXT_NOUN.match(text, m.end)
        if nxt and nxt.group(1) in lexicon().modifier_nouns and nxt.group(1) not in _SPEAK_FOR:
            return True  # "Airbus parent EADS", "iPod users" (not "CNN officials": CNN acts)
        if not nxt or nxt.group(1) in ("and", "or"):
            nxt = _AND_NAME_NOUN.match(text, m.end)  # "Boeing and Airbus aircraft"
        if (nxt and nxt.group(1) in lexicon().maker_nouns and not _PRODUCT_LIKE.search(m.text)
                and m.text not in lexicon().demonyms):
            return True  # "Airbus jets", "Ford trucks": the jets take part, not their maker
    if _CURRENCY_SIGN.match(text, m.end) or _AMOUNT_BEFORE.search(text, max(0, m.start - 32), m.start):
        return True  # "US$40 billion", "$199 USD": the money's currency, not a party
    return bool(_OBLIQUE.search(text, max(0, m.start - 48), m.start))


def _in_description(mentions: list[Mention], m: Mention) -> bool:
    """ "the US company had lost", "The Iraqi leader said": a demonym or a country's short name
    inside a description of someone that takes part in the clause (one of ``mentions``) is what
    the description says of them, no participant of its own there."""
    lex = lexicon()
    if m.text not in lex.demonyms and not (m.text.replace(".", "").isupper() and m.text in lex.known):
        return False
    for o in mentions:
        if o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start:
            words = o.text.split()
            # a description: "the ..."/"a ...", or words in lower case after the demonym
            if words[0].lower() in ("the", "a", "an") or words[0] == m.text and all(
                    w.islower() for w in words[1:]):
                return True
    return False


def _roles(inside: list[int], mentions: list[Mention], c, text: str) -> list[Argument]:
    """Agent = the first participant before the trigger (patient in the passive); patient = the
    first after it (agent after "by" in the passive); the rest are "other". Mentions that take no
    part in the event (``_mere_mention``) are left out."""
    args: list[Argument] = []
    lex = lexicon()

    def modifier(i: int) -> bool:
        """ "their counterparts", "al-Qaeda's Syrian branch": a possessive or a demonym that only
        modifies a noun is not the agent or the patient."""
        t = mentions[i].text
        if t.lower() in _POSSESSIVES:
            return True
        if t in lex.demonyms:  # "Syrian fighter jets" stands for Syria, "Syrian branch" does not
            nxt = _NEXT.match(text, mentions[i].end)
            return not (nxt and any(w.lower() in lex.stand_for for w in nxt.group(1).split()))
        return False

    around = [mentions[j] for j in inside]  # (built once, not once per mention)
    inside = [i for i in inside if not _mere_mention(text, mentions[i])
              and not _in_description(around, mentions[i])]
    core = [i for i in inside if not modifier(i)]
    # "In Cape Town, police spokesman Rod Beer said": a place after a preposition is not the agent
    before = [i for i in core if mentions[i].end <= c.trigger_start
              and not _PREPOSITION.search(text[max(0, mentions[i].start - 12):mentions[i].start])]
    after = [i for i in core if mentions[i].start >= c.trigger_end]
    first_before = before[0] if before else None
    first_after = after[0] if after else None
    passive = c.passive or bool(_BE_BEFORE.search(text, max(0, c.trigger_start - 24), c.trigger_start)
                                and _PARTICIPLE.fullmatch(text[c.trigger_start:c.trigger_end]))
    # "was sued by Cisco", "awarded to Northrop Grumman by the Air Force": in the passive the
    # mention after "by" is the agent wherever it stands
    by_agent = next((i for i in after if passive and _BY_BEFORE.search(
        text, max(c.trigger_end, mentions[i].start - 8), mentions[i].start)), None)
    if c.reporting and first_before is None and first_after is not None:
        # '"...," said Iraqi Army Chief of Staff Othman al-Ghanimi': the speaker follows the verb
        return [Argument(i, "agent" if i == first_after else "other") for i in inside]
    for i in inside:
        role = "other"
        if i == first_before:
            role = "patient" if passive else "agent"
        elif i == by_agent:
            role = "agent"
        elif i == first_after and not passive:
            # "filed a lawsuit against Apple": the object; "a deal with Airbus": a partner
            role = "other" if _WITH_BEFORE.search(text, max(c.trigger_end, mentions[i].start - 12),
                                                  mentions[i].start) else "patient"
        args.append(Argument(i, role))
    return args


def _possessives(inside: list[int], mentions: list[Mention], args: list[Argument]) -> None:
    """ "Apple doubled its profits", "and cited its success": a possessive of a participant is
    that participant's mention in the clause too (of anyone else, "its" only says whose engines:
    ``_mere_mention``)."""
    taking_part = {mentions[a.mention].entity for a in args}
    args += [Argument(i, "other") for i in inside if mentions[i].text.lower() in _DETERMINERS
             and mentions[i].entity in taking_part]
