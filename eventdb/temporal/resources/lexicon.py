"""Word lists of the temporal recognizer (data only; see patterns.py for how they are used).

Each table maps a lower-case surface form to its normalised meaning. Month and weekday names are
matched case-sensitively (capitalised) so that "may", "march" and "sat" in running text are not
taken for dates.
"""

MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}
# Abbreviations: only used next to a day number or a year ("Aug. 7", "Sept 1998").
MONTH_ABBR = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
    "Oct": 10, "Nov": 11, "Dec": 12,
}
WEEKDAYS = {
    "Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5, "Saturday": 6,
    "Sunday": 7,
}
# A weekday inside a name: "the Sunday Times", "Saturday Night Live", "Bloody Sunday".
WEEKDAY_NAMES_AFTER = r"\s+(?-i:Times|Telegraph|Herald|Mirror|Express|Post|Tribune|Independent|" \
    r"Night\s+Live|Morning\s+Post|Business\s+Post)\b"
WEEKDAY_NAMES_BEFORE = r"\b(?-i:Bloody|Man|Girl)\s+$"

# Parts of the day -> TIMEX3 codes.
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# Number words; "a"/"an" = 1. Multi-word numbers ("twenty four") are added by the engine.
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100, "dozen": 12,
    "a dozen": 12, "half a": 0.5, "a half": 0.5, "a couple of": 2, "a couple": 2,
    "couple of": 2,
}
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# Vague quantities: the TIMEX3 value gets "X" ("several years" -> PXY).
VAGUE_QUANTITIES = ("several", "a few", "few", "many", "some", "a number of", "numerous")

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

# Spelled days of the month, as broadcast transcripts write them ("March eighth").
DAY_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split(), 1)}
DAY_ORDINALS.update({f"twenty-{w}": 20 + i for w, i in list(DAY_ORDINALS.items())[:9]})
DAY_ORDINALS.update({"thirtieth": 30, "thirty-first": 31})

# Units -> ISO 8601 duration designator (T-prefixed for clock units).
UNITS = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "fortnight": "W2", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "centurie": "CE", "millennium": "ML", "millennia": "ML",
}

# Frequency adverbs -> SET values.
FREQUENCIES = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "monthly": "P1M", "quarterly": "P1Q", "yearly": "P1Y", "annually": "P1Y",
}

# Vague references (TIMEX3 DATE with a *_REF value). Words that news uses mostly in other senses
# ("previously", "soon", "formerly", "the moment") are left out on purpose: on TimeBank they are
# tagged far less often than they occur.
REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF", "present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "one point": "PAST_REF", "some point": "PAST_REF", "former": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF", "a later date": "FUTURE_REF",
    "some later date": "FUTURE_REF", "coming": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF",
}

# Modifiers of a calendar expression -> TIMEX3 mod ("early June" -> 2014-06, mod START).
MOD_WORDS = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "mid": "MID", "the middle of": "MID", "late": "END", "later": "END", "the end of": "END",
    "year-end": "END", "year's end": "END", "end-of-year": "END", "the end of the year": "END",
    "the end of year": "END", "end of year": "END",
    "the end": "END", "the beginning": "START", "the middle": "MID", "the start": "START",
    "the first half of": "START", "the second half of": "END",
}
# Approximators of a quantity -> TIMEX3 mod ("about two weeks" -> P2W, mod APPROX).
APPROXIMATORS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "approximately": "APPROX", "almost": "LESS_THAN", "nearly": "LESS_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
    "barely": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
    "well over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}

# Fixed-date holidays -> (month, day).
HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "the fourth of july": (7, 4), "july fourth": (7, 4), "halloween": (10, 31),
    "valentine's day": (2, 14), "veterans day": (11, 11), "boxing day": (12, 26),
}

# Holidays whose date moves: rules (see rules.py) without the direction.
MOVABLE_HOLIDAYS = {
    "thanksgiving": "nth:11:4:4", "thanksgiving day": "nth:11:4:4",  # 4th Thursday of November
    "labor day": "nth:9:1:1", "memorial day": "nth:5:1:-1", "martin luther king day": "nth:1:1:3",
    "mother's day": "nth:5:7:2", "father's day": "nth:6:7:3",
    "easter": "easter:0", "easter sunday": "easter:0", "good friday": "easter:-2",
    "easter monday": "easter:1",
    "election day": "nth:11:1:1:1",  # US: the Tuesday after the first Monday of November
}

# Cues for the tense of the clause around a bare weekday, month or month-day ("Thursday" -> which
# Thursday): the cue nearest the expression decides (regular expressions, case-insensitive).
# "could" is no future cue: in news it is mostly the past of "can" ("could not be reached Tuesday").
# "deadline" is none either: a deadline is as often past ("tendered by the Tuesday deadline").
FUTURE_CUES = (
    "will", "shall", "going to", r"plan(?:s|ned|ning)? to", "scheduled", "expected to", "is to",
    "are to", "set to", "upcoming", r"as (?:soon|early) as", "until", "might", "would",
    "ready to", "payable", "effective",
)
PAST_CUES = ("was", "were", "had", "did", "said", "says", "told", "ago", "last", "been")
# Words ending in -ed that are not past tense verbs.
NOT_PAST_ED = {
    "need", "speed", "seed", "feed", "exceed", "proceed", "succeed", "scheduled", "planned",
    "expected", "united", "indeed", "breed", "deed", "greed", "weed", "bed", "red", "shed",
    "hundred", "kindred", "infrared", "naked", "wicked", "sacred", "aged",
}

# "today's" before these nouns means "contemporary", not the publication day ("today's youth").
GENERIC_TODAY_NOUNS = (
    "youth", "young", "world", "society", "generation", "generations", "children", "kids",
    "families", "economy", "standards", "technology", "computers", "personal", "consumers",
    "students", "culture", "music", "politics", "politicians", "media", "teenagers", "parents",
)
