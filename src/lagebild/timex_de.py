"""German words of temporal expressions, for :mod:`lagebild.timex`.

All keys are lower case; the patterns in ``timex`` match case-insensitively where German
capitalises at the start of a sentence („Gestern“, „Am Montag“).
"""

from __future__ import annotations

WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3,
    "freitag": 4, "samstag": 5, "sonnabend": 5, "sonntag": 6,
}  # fmt: skip
MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
# Compounds „Montagabend“, „Freitagmorgen“ and „gestern Abend“ name a part of the day.
DAY_PARTS = {
    "morgen": "morning", "früh": "morning", "vormittag": "morning", "mittag": "noon",
    "nachmittag": "afternoon", "abend": "evening", "nacht": "night",
}  # fmt: skip
# „Anfang/Mitte/Ende Mai“: the thirds of a month (or of a year).
PERIOD_PARTS = {"anfang": "early", "beginn": "early", "mitte": "mid", "ende": "late"}
# Stems of modifiers: „vergangenen/letzten/vorigen Freitag“ is strictly before the paper's date,
# „kommenden/nächsten Freitag“ strictly after it.
BEFORE = ("vergangen", "letzt", "vorig")
AFTER = ("kommend", "nächst")
# Prepositions that open a span: „seit Montag“, „ab Montag“, „von Montag an“, „bis Montag“.
SPAN_PREPOSITIONS = {"seit": "since", "ab": "from", "von": "from", "bis": "until"}
# Days counted from the publication date.
RELATIVE_DAYS = {"vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "übermorgen": 2}
# Verbs and adverbs that put a clause into the future; news is otherwise read as past.
# „findet … statt“ and „beginnt“ announce scheduled events in the present tense; „werde“,
# „solle“, „würde“ are the future in reported speech („die Brücke werde am Montag gesperrt“).
FUTURE_CUES = (
    "wird", "werden", "wirst", "werde", "würde", "würden", "soll", "sollen", "solle", "will",
    "wollen", "wolle", "plant", "planen", "geplant", "findet", "finden", "beginnt", "beginnen",
    "startet", "voraussichtlich", "künftig",
)  # fmt: skip
