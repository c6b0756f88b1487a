"""Importing this module readies extraction in the importing process.

Ingest's worker processes are forked from one server process that imports this module first
(``multiprocessing``'s *forkserver*). Extraction builds some of what it needs on first use: the
temporal engine's compiled rules, dateparser's parser and its time-zone tables. One extraction here
builds them once, in the server, so that each worker starts ready instead of spending a second
building them again.
"""

from datetime import date

from eventdb.extract.job import extract_job

# Touches the lazily built paths: weekdays, relative and event-anchored phrases, month names with
# and without a year and a day (these go through dateparser), ISO dates, clock times, time zones.
_TEXT = (
    "GENEVA, June 26 (Reuters) - Government jets bombed rebel positions on Thursday, officials "
    "said last Friday, two days after talks began earlier this month. The army took the town in "
    "March 2012 and again in late May; the ceasefire of 3 June 2013 ended on 2014-05-04 at 5 p.m. "
    "EST, hours after the vote."
)

# extract_job never raises: should extraction fail here, the workers build what they need on first
# use instead, and report the failure per document.
extract_job((_TEXT, date(2014, 6, 24)))
