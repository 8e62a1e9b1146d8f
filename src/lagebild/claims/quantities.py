"""Quantity expressions in German and English news, normalised to a value, a unit and bounds.

``find_quantities`` reads lagebild's tokens (:mod:`lagebild.analysis.tokens`, which already keeps
ordinals such as „3. Oktober“ or „der 1. FC“ and ages such as „46-Jährige“ out of the numbers)
and, at every number, reads a little to the left and to the right:

``[qualifier] [currency] NUMBER [multiplier] [unit] [adjectives] [noun]``

* **Numbers**: digits with German thousands dots and decimal commas („1.000“, „3,5“, „110 000“)
  or English commas and points ("1,000", "3.5"), by the article's language; number words
  („zwei“, „zwölf“, „dreihundert“, "twenty-five", "a million", "two dozen"; a lone „ein“/"one"
  only before a unit: „fast ein Prozent“); vague plurals („Dutzende“, „Hunderte“,
  "thousands", „mehrere Hundert“) count as their smallest reading (24, 200, 2000) with
  ``approximate`` set and an open upper bound.
* **Units** are normalised: money to its ISO code (``EUR``, ``USD``, ``GBP``, ``CHF``);
  ``percent`` and ``percentage_point``; durations below a day to ``minute`` and from a day on to
  ``day`` (a week is 7 days, a month 30, a year 365: news rounds anyway); lengths to ``meter``,
  weights to ``kg`` (a tonne is 1000 kg), volumes to ``liter``, areas to ``square_meter``,
  speeds to ``km_per_hour``. A number with no unit is a ``count`` of the noun after it.
* **Bounds**: „mehr als/über/mindestens“, "more than/at least/over" set ``low`` (inclusive: news
  does not tell „mehr als 100“ from „mindestens 100“ reliably); „weniger als/bis zu/höchstens/
  unter“, "up to/fewer than/at most" set ``high``; „zwischen X und Y“, „X bis Y“, "X-Y",
  "between X and Y" set both (``value`` is the middle); „rund/etwa/circa“, "about/around/some"
  set ``approximate`` and leave both bounds open; „knapp/fast/nahezu“, "nearly/almost" mean
  just under, so they set ``approximate`` and ``high``. An exact value has ``low == high``.

Not quantities (precision matters more than recall here): years („im Jahr 2019“, „die 1968
eröffnete Brücke“ — dates are :mod:`lagebild.timex`'s), times of day („17.40 Uhr“, "5:40 p.m."),
scores („2:1“), ordinals, ages („58 Jahre alt“, "aged 61"), durations that date something
(„vor drei Jahren“, „zwei Tage nach dem Einsturz“, „in den vergangenen zehn Jahren“),
references („Art. 5 Abs. 1“, „Seite 3“, „Tempo 30“), phone numbers, a lone „ein“/"one" (an
article or pronoun far more often than a count).

A number with neither unit nor noun („injuring more than 100“) is returned with ``bare`` set:
only the clause can say what it counts, which is :mod:`lagebild.claims.extract`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lagebild.analysis.tokens import Token, tokenize
from lagebild.records import TextSpan

# fmt: off
_DE_SMALL = {
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4,
    "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16,
    "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}
_DE_TENS = {
    "zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50,
    "sechzig": 60, "siebzig": 70, "achtzig": 80, "neunzig": 90,
}
_EN_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
# Vague plurals: the smallest reading („Dutzende“ are at least two dozen), approximate, open high.
_VAGUE = {
    "dutzende": 24, "dutzenden": 24, "hunderte": 200, "hunderten": 200, "tausende": 2000,
    "tausenden": 2000, "zehntausende": 20000, "zehntausenden": 20000,
    "hunderttausende": 200000, "hunderttausenden": 200000,
    "dozens": 24, "hundreds": 200, "thousands": 2000,
}
# „mehrere/einige/ein paar Hundert“, "several hundred": like the vague plurals.
_SEVERAL = frozenset({"mehrere", "einige", "paar", "several", "few"})
_MULTIPLIERS = {
    "hundert": 100, "tausend": 1000, "tsd.": 1000, "dutzend": 12,
    "million": 1e6, "millionen": 1e6, "mio.": 1e6, "mio": 1e6,
    "milliarde": 1e9, "milliarden": 1e9, "mrd.": 1e9, "mrd": 1e9, "billionen": 1e12,
    "hundred": 100, "thousand": 1000, "dozen": 12, "trillion": 1e12, "bn": 1e9,
}
# "billion" is 1e9 in English and 1e12 in German.
_BILLION = {"de": 1e12, "en": 1e9}
# Unit words (lower case) -> normalised unit and factor.
_UNITS: dict[str, tuple[str, float]] = {
    "euro": ("EUR", 1), "euros": ("EUR", 1), "eur": ("EUR", 1), "€": ("EUR", 1),
    "dollar": ("USD", 1), "dollars": ("USD", 1), "us-dollar": ("USD", 1), "usd": ("USD", 1),
    "$": ("USD", 1), "pfund": ("GBP", 1), "£": ("GBP", 1), "gbp": ("GBP", 1),
    "franken": ("CHF", 1), "chf": ("CHF", 1), "francs": ("CHF", 1),
    "rubel": ("RUB", 1), "rubles": ("RUB", 1), "roubles": ("RUB", 1), "yen": ("JPY", 1),
    "prozent": ("percent", 1), "%": ("percent", 1), "percent": ("percent", 1),
    "prozentpunkte": ("percentage_point", 1), "prozentpunkten": ("percentage_point", 1),
    "sekunde": ("minute", 1 / 60), "sekunden": ("minute", 1 / 60),
    "second": ("minute", 1 / 60), "seconds": ("minute", 1 / 60),
    "minute": ("minute", 1), "minuten": ("minute", 1), "min.": ("minute", 1),
    "minutes": ("minute", 1), "stunde": ("minute", 60), "stunden": ("minute", 60),
    "std.": ("minute", 60), "hour": ("minute", 60), "hours": ("minute", 60),
    "tag": ("day", 1), "tage": ("day", 1), "tagen": ("day", 1), "day": ("day", 1),
    "days": ("day", 1), "woche": ("day", 7), "wochen": ("day", 7), "week": ("day", 7),
    "weeks": ("day", 7), "monat": ("day", 30), "monate": ("day", 30), "monaten": ("day", 30),
    "month": ("day", 30), "months": ("day", 30), "jahr": ("day", 365), "jahre": ("day", 365),
    "jahren": ("day", 365), "year": ("day", 365), "years": ("day", 365),
    "jahrzehnt": ("day", 3650), "jahrzehnte": ("day", 3650), "jahrzehnten": ("day", 3650),
    "decade": ("day", 3650), "decades": ("day", 3650),
    "millimeter": ("meter", 0.001), "mm": ("meter", 0.001), "zentimeter": ("meter", 0.01),
    "cm": ("meter", 0.01), "meter": ("meter", 1), "m": ("meter", 1), "metre": ("meter", 1),
    "metres": ("meter", 1), "meters": ("meter", 1), "kilometer": ("meter", 1000),
    "km": ("meter", 1000), "kilometre": ("meter", 1000), "kilometres": ("meter", 1000),
    "kilometers": ("meter", 1000), "meile": ("meter", 1609.344), "meilen": ("meter", 1609.344),
    "mile": ("meter", 1609.344), "miles": ("meter", 1609.344),
    "gramm": ("kg", 0.001), "g": ("kg", 0.001), "grams": ("kg", 0.001),
    "kilogramm": ("kg", 1), "kg": ("kg", 1), "kilo": ("kg", 1), "kilos": ("kg", 1),
    "kilograms": ("kg", 1), "tonne": ("kg", 1000), "tonnen": ("kg", 1000), "t": ("kg", 1000),
    "tonnes": ("kg", 1000), "tons": ("kg", 1000),
    "liter": ("liter", 1), "l": ("liter", 1), "litre": ("liter", 1), "litres": ("liter", 1),
    "liters": ("liter", 1), "kubikmeter": ("liter", 1000), "m³": ("liter", 1000),
    "barrel": ("liter", 158.987), "barrels": ("liter", 158.987),
    "quadratmeter": ("square_meter", 1), "m²": ("square_meter", 1), "qm": ("square_meter", 1),
    "quadratkilometer": ("square_meter", 1e6), "km²": ("square_meter", 1e6),
    "hektar": ("square_meter", 1e4), "ha": ("square_meter", 1e4),
    "hectares": ("square_meter", 1e4), "yards": ("meter", 0.9144), "yard": ("meter", 0.9144),
    "feet": ("meter", 0.3048), "foot": ("meter", 0.3048), "grad": ("degree_celsius", 1),
    "zoll": ("meter", 0.0254), "inch": ("meter", 0.0254), "inches": ("meter", 0.0254),
}
_TWO_WORD_UNITS: dict[tuple[str, str], tuple[str, float]] = {
    ("per", "cent"): ("percent", 1), ("percentage", "points"): ("percentage_point", 1),
    ("percentage", "point"): ("percentage_point", 1), ("grad", "celsius"): ("degree_celsius", 1),
    ("nautical", "miles"): ("meter", 1852), ("square", "metres"): ("square_meter", 1), ("square", "meters"): ("square_meter", 1),
    ("square", "kilometres"): ("square_meter", 1e6),
    ("square", "kilometers"): ("square_meter", 1e6),
}
# Short units count only as written in lower case: "m", "t", "g" are letters otherwise.
_CASE_SENSITIVE_UNITS = frozenset({"m", "t", "g", "l", "mm", "cm", "km", "kg", "ha", "qm"})
_CURRENCY_PREFIXES = {"$": "USD", "€": "EUR", "£": "GBP", "chf": "CHF", "eur": "EUR",
                      "usd": "USD", "gbp": "GBP"}
# Glued to an amount after a currency sign: "$5m", "£2bn".
_MONEY_SUFFIXES = {"m": 1e6, "bn": 1e9, "k": 1e3}
# Qualifiers (lower-case token sequences) -> how they bound the value.
_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("mehr", "als"): "low", ("über",): "low", ("mindestens",): "low", ("wenigstens",): "low",
    ("frühestens",): "low", ("weit", "über"): "low", ("more", "than"): "low",
    ("at", "least"): "low", ("over",): "low", ("upwards", "of"): "low",
    ("no", "fewer", "than"): "low", ("gut",): "low_approx", ("well", "over"): "low",
    ("weniger", "als"): "high", ("bis", "zu"): "high", ("höchstens",): "high",
    ("maximal",): "high", ("unter",): "high", ("spätestens",): "high", ("up", "to"): "high",
    ("fewer", "than"): "high", ("less", "than"): "high", ("at", "most"): "high",
    ("no", "more", "than"): "high", ("under",): "high", ("just", "under"): "high",
    ("rund",): "approx", ("etwa",): "approx", ("circa",): "approx", ("ca.",): "approx",
    ("zirka",): "approx", ("ungefähr",): "approx", ("annähernd",): "approx",
    ("schätzungsweise",): "approx", ("about",): "approx", ("around",): "approx",
    ("roughly",): "approx", ("approximately",): "approx", ("some",): "approx",
    ("an", "estimated"): "approx", ("estimated",): "approx", ("approx.",): "approx",
    ("knapp",): "under", ("fast",): "under", ("nahezu",): "under", ("beinahe",): "under",
    ("nearly",): "under", ("almost",): "under", ("knapp", "über"): "low_approx",
    ("knapp", "unter"): "high",
}
# Qualifiers of a point in time that read across „in“: „frühestens in zehn Tagen“.
_ACROSS_IN = frozenset({"frühestens", "spätestens"})
# A number right after one of these is a reference or a name part, not an amount.
_REFERENCE_WORDS = frozenset({
    "art.", "abs.", "nr.", "nr", "s.", "seite", "seiten", "artikel", "absatz", "paragraf",
    "paragraph", "§", "§§", "kapitel", "band", "bd.", "ausgabe", "heft", "no.", "page", "pages",
    "p.", "pp.", "article", "section", "chapter", "issue", "vol.", "volume", "tel.", "telefon",
    "fax", "platz", "rang", "tempo", "linie", "gleis", "zimmer", "raum", "haus", "hausnummer",
    "folge", "staffel", "episode", "runde", "spieltag", "bundesstraße", "landstraße",
    "autobahn", "flug", "flight", "route", "highway", "jahrgang", "klasse", "stufe", "level",
    "nummer", "number", "code", "postfach", "+", "#", "windows", "iphone", "boeing", "airbus",
    "aged",
})
# After the number: a time of day, a score or clock, not an amount.
_TIME_WORDS = frozenset({
    "uhr", "gmt", "utc", "mez", "mesz", "a.m.", "p.m.", "am", "pm", "o'clock", "h", "mal",
    "times",
})
# A duration next to these dates something („vor drei Jahren“, "two days after").
_DATING_BEFORE = frozenset({
    "vor", "vergangenen", "letzten", "nächsten", "kommenden", "ersten", "past", "last", "next",
    "coming", "first", "den", "die", "the",
})
_DATING_AFTER = frozenset({
    "vor", "nach", "später", "zuvor", "danach", "ago", "after", "later", "earlier", "before",
})
# Words that end the search for an English noun after a number.
_EN_STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by",
    "with", "was", "were", "is", "are", "be", "been", "had", "have", "has", "will", "would",
    "could", "can", "may", "might", "should", "said", "who", "which", "that", "this", "than",
    "as", "per", "each", "more", "less", "their", "its", "his", "her", "our", "they", "it",
    "he", "she", "we", "you", "i", "there", "not", "also", "still", "all", "across", "into",
    "over", "under", "after", "before", "since", "during", "while", "when", "where", "about",
    "already", "again", "so", "too", "now", "yet", "ago", "apiece", "overall", "total",
    "last", "next", "just", "only", "even", "back",
})
# Plurals without -s, and frequent verbs, that end an English noun phrase after a number.
_EN_PLURALS = frozenset({"people", "children", "men", "women", "police", "staff", "personnel"})
_EN_VERBS = frozenset({
    "came", "went", "fled", "left", "took", "made", "got", "ran", "fell", "lost", "won",
    "remain", "remained", "stay", "stayed", "died", "were", "are", "have", "had", "will",
    "met", "said", "told", "saw", "began", "held", "built", "hit", "kept", "led", "paid",
    "put", "sent", "sold", "spent", "stood", "struck", "thought", "threw", "wrote", "became",
    "brought", "bought", "caught", "chose", "drove", "flew", "gave", "grew", "knew", "rose",
    "shot", "sat", "spoke", "stole", "tore", "wore", "do", "did", "get", "make", "take",
})
# "the nineteen seventies" is a decade, not 19 of something.
_DECADES = frozenset({
    "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties",
})
_MONTHS = frozenset({
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
    "september", "oktober", "november", "dezember", "january", "february", "march", "may",
    "june", "july", "october", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.",
    "dec.",
})
_DE_MONTHS_AND_DAYS = frozenset({
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august",
    "september", "oktober", "november", "dezember", "montag", "dienstag", "mittwoch",
    "donnerstag", "freitag", "samstag", "sonntag", "uhr", "mal",
})
# Words that look like inflected adjectives but open a new phrase.
_DETERMINERS = frozenset({
    "die", "der", "des", "ihre", "ihren", "ihrer", "seine", "seinen", "seiner", "eine",
    "einen", "einer", "diese", "diesen", "dieser", "keine", "keinen", "alle", "allen", "viele",
    "vielen", "einige", "einigen", "mehrere", "mehreren", "unsere", "unseren", "deren",
    "wurden", "waren", "hatten", "haben", "werden", "sollen", "können", "müssen", "sind",
    "ohne", "gegen", "wie", "bereits", "alleine", "gerne",
})
# fmt: on
_GERMAN_ADJECTIVE = re.compile(r"[a-zäöüß][a-zäöüß-]*(?:e|en|er|es|em)")
_DIGITS = {
    "de": re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"),
    "en": re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"),
}
_HYPHEN_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)[-–](\d+(?:[.,]\d+)?)")
_DE_DURATION_ADJECTIVE = re.compile(
    r"(?P<n>\d+|[a-zäöüß]+?)-?(?P<u>sekündig|minütig|stündig|tägig|wöchig|monatig)"
    r"(?:e|er|es|en|em)?",
    re.IGNORECASE,
)
_EN_DURATION_ADJECTIVE = re.compile(
    r"(?P<n>\d+|[a-z]+)-(?P<u>second|minute|hour|day|week|month|year)(?:-long)?", re.IGNORECASE
)
_ADJECTIVE_UNITS = {
    "sekündig": ("minute", 1 / 60), "minütig": ("minute", 1), "stündig": ("minute", 60),
    "tägig": ("day", 1), "wöchig": ("day", 7), "monatig": ("day", 30),
    "second": ("minute", 1 / 60), "minute": ("minute", 1), "hour": ("minute", 60),
    "day": ("day", 1), "week": ("day", 7), "month": ("day", 30), "year": ("day", 365),
}  # fmt: skip
# „ein“, "a", "one" are articles or pronouns unless a multiplier follows („eine Million“).
_ONE_WORDS = frozenset({"ein", "eine", "einen", "a", "an", "one"})
# Prepositions before a year: „im Jahr 1848“, „seit 2021“, "since 2021".
_YEAR_PREPOSITIONS = frozenset({
    "jahr", "jahre", "im", "seit", "bis", "ab", "anno", "in", "since", "until", "by", "from",
    "of", "um", "vor", "nach", "von", "anfang", "mitte", "ende",
})  # fmt: skip
# Four-digit numbers in this range are read as years unless a unit follows.
_YEARS = range(1000, 2101)
# ... and always in this range, whatever noun follows („die 1968 eröffnete Brücke“).
_RECENT_YEARS = range(1900, 2101)


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """One quantity expression; ``text == source[start:end]``.

    The span runs from the first qualifier to the unit, or to the counted noun when there is
    one (``über 120 Verletzte``). ``noun`` is that noun (for a duration adjective, the event
    noun: ``zweistündiges Telefonat``). ``bare`` marks a number with neither unit nor noun.
    """

    text: str
    start: int
    end: int
    value: float
    unit: str
    low: float | None
    high: float | None
    approximate: bool
    noun: TextSpan | None = None
    bare: bool = False


def find_quantities(text: str, language: str | None = "de") -> tuple[Quantity, ...]:
    """All quantity expressions in ``text``, left to right."""
    lang = language if language in {"de", "en"} else None
    return quantities_in(tokenize(text, language=lang), text, language)


def quantities_in(tokens: Sequence[Token], text: str, language: str | None) -> tuple[Quantity, ...]:
    """Quantity expressions among ``tokens`` (one sentence or a whole text) of ``text``."""
    lang = "en" if language == "en" else "de"
    found: list[Quantity] = []
    index = 0
    while index < len(tokens):
        hit = _quantity_at(tokens, index, text, lang)
        if hit is None:
            index += 1
            continue
        quantity, index = hit
        if quantity is not None:
            found.append(quantity)
    return tuple(found)


@dataclass(slots=True)
class _Number:
    value: float
    end: int  # index after the last token of the number
    vague: bool = False
    needs_multiplier: bool = False  # "ein", "a": a count only before "Million", "dozen"
    upper: float | None = None  # the upper end of a hyphenated range "20-30"


def _quantity_at(
    tokens: Sequence[Token], i: int, text: str, lang: str
) -> tuple[Quantity | None, int] | None:
    """The quantity starting with the number at ``tokens[i]``; None when no number starts
    there. A number that is not a quantity (a year, a time) comes back as ``(None, next)``."""
    adjective = _duration_adjective(tokens, i, text, lang)
    if adjective is not None:
        return adjective, _after(adjective, tokens, i)
    number = _number(tokens, i, lang)
    if number is None:
        return None
    first = i
    currency = _currency_before(tokens, first)
    if currency is not None:
        first -= 2 if currency[1] else 1
    bound, first = _qualifier_before(tokens, first)
    low = high = value = number.value
    j = number.end
    range_end = _range_after(tokens, i, j, lang, first)
    if number.upper is not None:
        range_end = (_Number(number.upper, j), None)
    if range_end is not None:
        high_number, first_range = range_end
        low, high, j = number.value, high_number.value, high_number.end
        if first_range is not None:
            first = first_range
        if high <= low:
            return None, j
        value = (low + high) / 2
    unit, factor, j = _unit_after(tokens, j, currency[0] if currency else None, lang)
    if number.needs_multiplier and (unit is None or tokens[i].text.lower() in {"a", "an"}):
        return None  # „ein Mann“, "a day": articles; „ein Prozent“, „eine Stunde“ are amounts
    if unit is None:
        noun, end_index = _noun_after(tokens, j, lang)
    elif lang == "de":  # „60 Meter langes Teilstück“
        noun, end_index = _noun_after(tokens, j, lang, adjectives=1)
    else:
        noun, end_index = None, j
    if noun is None and number.vague and j + 1 < len(tokens) and tokens[j].text == "of":
        noun, end_index = _noun_after(tokens, j + 1, lang)  # "dozens of people"
    if _skip(tokens, i, j, first, unit, noun, text):
        after = max(j, i + 1)
        while after < len(tokens) and tokens[after].kind == "number":
            after += 1  # the rest of a phone number or list of years
        return None, after
    if unit is None and noun is None and number.vague:
        return None, j
    approximate = number.vague or bound in {"approx", "under", "low_approx"}
    bounds: tuple[float | None, float | None] = (low * factor, high * factor)
    if range_end is None:
        bounds = _bounds(value * factor, bound, number.vague)
    start = tokens[first].start
    end = noun.end if noun is not None else tokens[j - 1].end
    return (
        Quantity(
            text=text[start:end],
            start=start,
            end=end,
            value=float(value * factor),
            unit=unit or "count",
            low=bounds[0],
            high=bounds[1],
            approximate=approximate,
            noun=noun,
            bare=unit is None and noun is None,
        ),
        max(end_index, j),
    )


def _after(quantity: Quantity, tokens: Sequence[Token], i: int) -> int:
    j = i
    while j < len(tokens) and tokens[j].start < quantity.end:
        j += 1
    return j


def _bounds(value: float, bound: str | None, vague: bool) -> tuple[float | None, float | None]:
    if vague or bound in {"low", "low_approx"}:
        return value, None
    if bound in {"high", "under"}:
        return None, value
    if bound == "approx":
        return None, None
    return value, value


def _number(tokens: Sequence[Token], i: int, lang: str) -> _Number | None:
    """The number at ``tokens[i]`` with any multiplier after it („3,5 Mio.“, "two dozen")."""
    token = tokens[i]
    word = token.text.lower()
    if token.kind == "number":
        parsed = _digits(token.text, lang)
        if parsed is None:
            return None
        number = _Number(parsed, i + 1)
        _merge_thousands(tokens, number)
    elif token.kind == "word" and word in _VAGUE:  # nouns: capitalised in German
        return _Number(_VAGUE[word], i + 1, vague=True)
    elif token.kind == "word" and (range_match := _HYPHEN_RANGE.fullmatch(token.text)):
        low, high = (_digits(part, lang) for part in range_match.groups())
        if low is None or high is None:
            return None
        return _Number(low, i + 1, upper=high)
    elif token.kind == "word" and (token.text[0].islower() or i == 0 or _opens(tokens, i)):
        if word in _SEVERAL and i + 1 < len(tokens):
            following = tokens[i + 1].text.lower()
            if following in {"hundert", "tausend", "hundred", "thousand", "dutzend", "dozen"}:
                return _Number(2 * _MULTIPLIERS[following], i + 2, vague=True)
            return None
        if word in _ONE_WORDS:
            number = _Number(1, i + 1, needs_multiplier=True)
        else:
            parsed_word = _number_word(word, lang)
            if parsed_word is None:
                return None
            number = _Number(parsed_word, i + 1)
    else:
        return None
    while number.end < len(tokens):
        multiplier = _multiplier(tokens[number.end], lang)
        if multiplier is None:
            break
        number.value *= multiplier
        number.end += 1
        number.needs_multiplier = False
    return number


def _opens(tokens: Sequence[Token], i: int) -> bool:
    """Whether ``tokens[i]`` opens a sentence or quotation (a capitalised number word)."""
    return tokens[i - 1].kind in {"quote", "punct"} and tokens[i - 1].text not in {",", "-"}


def _multiplier(token: Token, lang: str) -> float | None:
    word = token.text.lower()
    if word == "billion" or word == "billionen":
        return _BILLION.get(lang, 1e9) if word == "billion" else 1e12
    return _MULTIPLIERS.get(word)


def _digits(raw: str, lang: str) -> float | None:
    """Digits with the language's separators; None for anything else (dates, clocks)."""
    if not _DIGITS[lang].fullmatch(raw):
        return None
    if lang == "de":
        return float(raw.replace(".", "").replace(",", "."))
    return float(raw.replace(",", ""))


def _merge_thousands(tokens: Sequence[Token], number: _Number) -> None:
    """„110 000“: groups of three digits after a space belong to the number."""
    head = tokens[number.end - 1]
    if not (head.text.isdigit() and len(head.text) <= 3):
        return
    while number.end < len(tokens):
        group = tokens[number.end]
        previous = tokens[number.end - 1]
        if not (group.kind == "number" and len(group.text) == 3 and group.text.isdigit()):
            return
        if group.start != previous.end + 1:
            return
        number.value = number.value * 1000 + int(group.text)
        number.end += 1


def _number_word(word: str, lang: str) -> float | None:
    if lang == "en":
        if word in _EN_SMALL:
            return _EN_SMALL[word]
        tens, _, unit = word.partition("-")
        if unit and tens in _EN_SMALL and unit in _EN_SMALL and _EN_SMALL[tens] >= 20:
            return _EN_SMALL[tens] + _EN_SMALL[unit]
        return None
    return _german_number(word)


def _german_number(word: str) -> int | None:
    """„zwei“, „zwölf“, „einundzwanzig“, „dreihundert“, „zweitausendfünfhundert“."""
    if "tausend" in word:
        left, _, right = word.partition("tausend")
        thousands = 1 if left in {"", "ein"} else _german_below_1000(left)
        rest = 0 if not right else _german_below_1000(right)
        if thousands is None or rest is None:
            return None
        return thousands * 1000 + rest
    return _german_below_1000(word)


def _german_below_1000(word: str) -> int | None:
    if "hundert" in word:
        left, _, right = word.partition("hundert")
        hundreds = 1 if left in {"", "ein"} else _DE_SMALL.get(left)
        rest = 0 if not right else _german_below_100(right)
        if hundreds is None or rest is None or hundreds > 9:
            return None
        return hundreds * 100 + rest
    return _german_below_100(word)


def _german_below_100(word: str) -> int | None:
    if word in _DE_SMALL:
        return _DE_SMALL[word]
    if word in _DE_TENS:
        return _DE_TENS[word]
    unit, sep, tens = word.partition("und")
    if sep and tens in _DE_TENS and 0 < _DE_SMALL.get(unit, 0) < 10:
        return _DE_SMALL[unit] + _DE_TENS[tens]
    return None


def _currency_before(tokens: Sequence[Token], i: int) -> tuple[str, bool] | None:
    """A currency sign or code before the number: ("USD", False); True when two tokens
    ("US", "$")."""
    if i == 0:
        return None
    code = _CURRENCY_PREFIXES.get(tokens[i - 1].text.lower())
    if code is None:
        return None
    if (
        code == "USD"
        and i >= 2
        and tokens[i - 2].text == "US"
        and tokens[i - 2].end == tokens[i - 1].start
    ):
        return code, True
    return code, False


def _qualifier_before(tokens: Sequence[Token], first: int) -> tuple[str | None, int]:
    """The qualifier right before ``tokens[first]`` and the index of its first token;
    „frühestens in zehn Tagen“ reads across the „in“."""
    if first >= 2 and tokens[first - 1].text == "in":
        kind = _QUALIFIERS.get((tokens[first - 2].text.lower(),))
        if kind is not None and tokens[first - 2].text.lower() in _ACROSS_IN:
            return kind, first - 2
    for size in (3, 2, 1):
        if first - size < 0:
            continue
        kind = _QUALIFIERS.get(tuple(t.text.lower() for t in tokens[first - size : first]))
        if kind is not None:
            return kind, first - size
    return None, first


def _range_after(
    tokens: Sequence[Token], i: int, j: int, lang: str, first: int
) -> tuple[_Number, int | None] | None:
    """The upper end of „zwischen X und Y“, „X bis Y“, "X-Y", "between X and Y"; with the
    index of „zwischen“ when it opens the range."""
    if j + 1 >= len(tokens):
        return None
    link = tokens[j].text.lower()
    between = first > 0 and tokens[first - 1].text.lower() in {"zwischen", "between"}
    if link in {"und", "and"} and not between:
        return None
    if link not in {"und", "and", "bis", "to", "-", "–"}:
        return None
    if link == "to" and first > 0 and tokens[first - 1].text.lower() == "from":
        return None  # "from 5 to 10 percent" is a change, not a range
    upper = _number(tokens, j + 1, lang)
    if upper is None or upper.needs_multiplier:
        return None
    return upper, (first - 1 if between else None)


def _unit_after(
    tokens: Sequence[Token], j: int, currency: str | None, lang: str
) -> tuple[str | None, float, int]:
    """The unit at ``tokens[j]``: normalised unit, factor and the index after it."""
    if currency is not None:
        if j < len(tokens) and tokens[j].start == tokens[j - 1].end:
            glued = _MONEY_SUFFIXES.get(tokens[j].text.lower())
            if glued is not None:
                return currency, glued, j + 1
        return currency, 1.0, j
    if j >= len(tokens):
        return None, 1.0, j
    token = tokens[j]
    word = token.text.lower()
    if j + 1 < len(tokens):
        pair = _TWO_WORD_UNITS.get((word, tokens[j + 1].text.lower()))
        if pair is not None:
            return pair[0], pair[1], j + 2
    found = _UNITS.get(word)
    if found is None or (word in _CASE_SENSITIVE_UNITS and token.text != word):
        return None, 1.0, j
    if word == "km" and [t.text for t in tokens[j + 1 : j + 3]] == ["/", "h"]:
        return "km_per_hour", 1.0, j + 3
    if word == "pfund" and lang == "en":
        return None, 1.0, j
    return found[0], found[1], j + 1


def _skip(
    tokens: Sequence[Token],
    i: int,
    j: int,
    first: int,
    unit: str | None,
    noun: TextSpan | None,
    text: str,
) -> bool:
    """Whether the number at ``tokens[i]`` is a year, time, score, reference, age or phone."""
    token = tokens[i]
    before = tokens[first - 1].text.lower() if first > 0 else ""
    after = tokens[j].text.lower() if j < len(tokens) else ""
    if before in _REFERENCE_WORDS or after in _TIME_WORDS or after in _DECADES:
        return True
    if unit is None and before in _MONTHS:
        return True  # "on March 9"
        return True
    if after in _MONTHS:
        return True  # "14 October 2011": a date
    if first > 0 and tokens[first - 1].text.isupper() and tokens[first - 1].kind == "word":
        return unit is None  # "ICE 123", "MH 17"
    if token.kind == "number":
        glued = text[token.end : token.end + 1]
        if glued in {"/", ":"} or text[token.start - 1 : token.start] in {"/", ":", "+"}:
            return True  # "24/7", "030/1234", clock times
        if token.text.startswith("0") and len(token.text) > 2:
            return True  # phone and postal codes
        if j < len(tokens) and tokens[j].kind == "number" and unit is None:
            return True  # "0421 123 4567"
        if unit is None and text[token.end : token.end + 1].isalpha():
            return True  # „90er Jahre“
        if unit is None and token.text.isdigit() and _is_year(int(token.text), before, noun):
            return True
    if unit == "day" or unit == "minute":
        if before in _DATING_BEFORE or after in _DATING_AFTER:
            return True
        if any(
            t.text.lower() in {"alter", "age", "aged"} for t in tokens[max(0, first - 3) : first]
        ):
            return True  # „im Alter zwischen 15 und 60 Jahren“
        if after.startswith("alt") or after == "old" or before in {"aged", "von"}:
            return True  # ages: „58 Jahre alt“, "aged 61", „im Alter von 58 Jahren“
    return False


def _is_year(number: int, before: str, noun: TextSpan | None) -> bool:
    if number not in _YEARS:
        return False
    return noun is None or number in _RECENT_YEARS or before in _YEAR_PREPOSITIONS


def _noun_after(
    tokens: Sequence[Token], j: int, lang: str, *, adjectives: int = 2
) -> tuple[TextSpan | None, int]:
    """The counted noun after the number or unit, across up to ``adjectives`` adjectives."""
    if lang == "en":
        return _english_noun(tokens, j)
    k = j
    while k < len(tokens) and k - j <= adjectives:
        token = tokens[k]
        if token.kind != "word":
            return None, j
        if token.text[0].isupper():
            if token.text.lower() in _DE_MONTHS_AND_DAYS:
                return None, j
            last = tokens[k + 2] if k + 2 < len(tokens) else None
            if token.text.endswith("-") and last and tokens[k + 1].text in {"und", "oder"}:
                token, k = last, k + 2  # „Planungs- und Bauzeit“: the last noun is the head
            return TextSpan(text=token.text, start=token.start, end=token.end), k + 1
        if not _GERMAN_ADJECTIVE.fullmatch(token.text) or token.text in _DETERMINERS:
            return None, j
        k += 1
    return None, j


def _english_noun(tokens: Sequence[Token], j: int) -> tuple[TextSpan | None, int]:
    """The head of the noun phrase after an English number: its last word before a function
    word or verb, or its first plural ("400 rescue workers came")."""
    last: Token | None = None
    k = j
    while k < len(tokens) and k - j < 3:
        token = tokens[k]
        word = token.text.lower()
        if token.kind != "word" or word in _EN_STOP or word in _UNITS or word in _EN_VERBS:
            break
        if k == j and token.text[0].isupper():
            break  # "8 Block", "12 Somali": a name; the clause may still say what is counted
        if k > j and word.endswith(("ing", "ed")):
            break
        last = token
        k += 1
        if word in _EN_PLURALS or (word.endswith("s") and not word.endswith("ss")):
            break
    if last is None:
        return None, j
    return TextSpan(text=last.text, start=last.start, end=last.end), k


def _duration_adjective(tokens: Sequence[Token], i: int, text: str, lang: str) -> Quantity | None:
    """„zweistündiges Telefonat“, „90-minütige“, "two-hour meeting": a duration with its
    event noun."""
    token = tokens[i]
    if token.kind != "word":
        return None
    pattern = _EN_DURATION_ADJECTIVE if lang == "en" else _DE_DURATION_ADJECTIVE
    m = pattern.fullmatch(token.text)
    if m is None:
        return None
    raw = m["n"].lower()
    count: float | None
    if raw.isdigit():
        count = float(raw)
    elif raw in {"halb", "half"}:
        count = 0.5
    elif raw == "anderthalb":
        count = 1.5
    else:
        count = _number_word(raw, lang) if lang == "en" else _german_number(raw)
    if count is None:
        return None
    unit, factor = _ADJECTIVE_UNITS[m["u"].lower()]
    bound, first = _qualifier_before(tokens, i)
    noun, _ = _noun_after(tokens, i + 1, lang)
    start = tokens[first].start
    end = noun.end if noun is not None else token.end
    value = float(count * factor)
    low, high = _bounds(value, bound, vague=False)
    return Quantity(
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        unit=unit,
        low=low,
        high=high,
        approximate=bound in {"approx", "under", "low_approx"},
        noun=noun,
    )
