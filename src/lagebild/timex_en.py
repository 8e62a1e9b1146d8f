"""English words of temporal expressions, for :mod:`lagebild.timex`; keys are lower case."""

from __future__ import annotations

# Spelled out rather than taken from ``calendar``, whose names follow the process locale.
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
# AP style abbreviates some months before a day ("Oct. 3"); the dot is part of the key.
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan.": 1, "feb.": 2, "aug.": 8, "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12,
}  # fmt: skip
# "Monday evening", "yesterday morning": a part of the day.
DAY_PARTS = {
    "morning": "morning", "afternoon": "afternoon", "evening": "evening", "night": "night",
}  # fmt: skip
# "early/mid/late May", "the end of May": the thirds of a month (or of a year).
PERIOD_PARTS = {
    "early": "early", "mid": "mid", "late": "late", "the beginning of": "early",
    "the middle of": "mid", "the end of": "late",
}  # fmt: skip
# "last/past Friday" is strictly before the paper's date, "next/coming Friday" strictly after.
BEFORE = ("last", "past")
AFTER = ("next", "coming")
# Prepositions that open a span: "since Monday", "from Monday", "until/by Monday".
SPAN_PREPOSITIONS = {"since": "since", "from": "from", "until": "until", "by": "until"}
# Days counted from the publication date.
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
# Words that put a clause into the future; news is otherwise read as past. "would" is the
# future in reported speech ("said flags would fly on Wednesday"), "is to be held" a schedule.
FUTURE_CUES = (
    "will", "shall", "'ll", "would", "is due", "are due", "is to", "are to", "scheduled",
    "planned", "plans", "set to", "expected to", "going to", "takes place", "begins", "starts",
)  # fmt: skip
