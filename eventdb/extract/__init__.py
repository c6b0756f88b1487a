"""Extraction: (text, publication time) -> events, participants, time expressions. No database.

``extract(text, published)`` is the one entry point ingest calls; it is a pure function so that
it can run in worker processes.

Layout: a small rule engine, with every word list kept as data in ``resources/``:

- :mod:`.sentences`  sentence spans (news conventions: lines, abbreviations, glued credits);
- :mod:`.clauses`    clause-sized events, their trigger, tense and voice, one-line headlines;
- :mod:`.entities`   names, titles and demonyms (:mod:`.mentions` holds the raw mention records);
- :mod:`.openers`    whether a capitalised word opening a sentence is part of a name;
- :mod:`.references` pronouns and nominals ("she", "the company", "a man");
- :mod:`.coref`      mentions joined into one article's entities; :mod:`.canon` the short forms
  a name implies for joining across articles;
- :mod:`.dating`     time links: explicit / inferred / narrative / publication, event-relative
  anchors ("two days after the vote"), with how each date was obtained and a confidence;
- :mod:`.dateline`   "BAGHDAD, June 26 (Reuters) -" and date lines under a headline;
- :mod:`.headlines`  headlines with their subject (a pronoun -> the name it stands for);
- :mod:`.background` rows that report no happening (states, opinions, quotes, attributions...);
- :mod:`.kinds`      the kind of action of a trigger (attack, statement, deal or sale, ...);
- :mod:`.grouping`   events of one article that report the same happening (``Event.same_as``);
- :mod:`.event_words` event nouns and second verbs inside clauses: background reports of their own;
- :mod:`.lexicon`    loads the tables (gazetteers, titles, reporting verbs, boilerplate...);
- :mod:`.pipeline`   ``extract()``, which runs the above in order.
"""

from eventdb.extract.model import (
    Argument, Dateline, Entity, Event, Extraction, Mention, TimeLink,
)


def __getattr__(name: str):  # noqa: ANN202 - PEP 562: ``extract`` loads the pipeline on first use
    # (so that a service may read one of extraction's tables, ``event_words``, without loading
    # every rule)
    if name == "extract":
        from eventdb.extract.pipeline import extract

        return extract
    raise AttributeError(f"module 'eventdb.extract' has no attribute {name!r}")

__all__ = [
    "Argument", "Dateline", "Entity", "Event", "Extraction", "Mention", "TimeLink", "extract",
]
