"""Dates and translation notes for the metadata stage: parse without ever inventing parts."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateparser.date import DateDataParser

from lagebild.records import PartialDate, TranslatedFrom

# A fixed, impossible-to-mistake base so relative words can be detected, never resolved
# against today.
_NO_RELATIVE_BASE = dt.datetime(1900, 1, 1)
# Years outside this window are typos or ids ("dpa:250519"), not publication dates.
MIN_YEAR, MAX_YEAR = 1900, 2100

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T\s+Z]|\d{2}:)")
_DOTTED = re.compile(r"^\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_HAS_YEAR = re.compile(r"\b(1[9]\d{2}|20\d{2})\b")
_HEADER_VALUE = re.compile(r"^\s*(?:date|datum|published|veröffentlicht)\s*:?\s*(.+)$", re.I)


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(
        languages=["de", "en", "fr"],
        settings={
            "REQUIRE_PARTS": ["year"],  # a date without a year is not a publication date
            "PREFER_DAY_OF_MONTH": "first",
            "RELATIVE_BASE": _NO_RELATIVE_BASE,
        },
    )


def parse_partial_date(value: str) -> PartialDate | None:
    """Parse ISO, ``19.05.2025`` and textual dates ("3. März 2024", "Mai 2025") to the
    precision they state; anything without a year, or relative ("gestern"), gives None."""
    value = value.strip()
    if not value:
        return None
    found = _parse_numeric(value)
    if found is not None or not _HAS_YEAR.search(value):
        return found
    data = _parser().get_date_data(value)
    if data.date_obj is None or not MIN_YEAR <= data.date_obj.year <= MAX_YEAR:
        return None
    when = data.date_obj
    if data.period == "year":
        return PartialDate(year=when.year)
    if data.period == "month":
        return PartialDate(year=when.year, month=when.month)
    return PartialDate(year=when.year, month=when.month, day=when.day)


def _parse_numeric(value: str) -> PartialDate | None:
    iso = _ISO.match(value)
    if iso:
        year, month, day = (int(g) if g else None for g in iso.groups())
        return _checked(year or 0, month, day)
    dotted = _DOTTED.match(value)
    if dotted:
        day, month, year = (int(g) for g in dotted.groups())
        return _checked(year, month, day)
    return None


def _checked(year: int, month: int | None, day: int | None) -> PartialDate | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year=year, month=month, day=day if month else None)


def date_from_header(header: str) -> PartialDate | None:
    """The date in a scraper header line such as ``date 2025-05``."""
    match = _HEADER_VALUE.match(header)
    return parse_partial_date(match.group(1)) if match else None


# --- translation notes ---------------------------------------------------------------------

# German/English language adjectives -> ISO 639-1.
LANGUAGE_ADJECTIVES = {
    "englisch": "en",
    "english": "en",
    "französisch": "fr",
    "french": "fr",
    "russisch": "ru",
    "russian": "ru",
    "ukrainisch": "uk",
    "ukrainian": "uk",
    "spanisch": "es",
    "spanish": "es",
    "italienisch": "it",
    "italian": "it",
    "deutsch": "de",
    "german": "de",
    "polnisch": "pl",
    "polish": "pl",
    "niederländisch": "nl",
    "dutch": "nl",
    "portugiesisch": "pt",
    "portuguese": "pt",
    "türkisch": "tr",
    "turkish": "tr",
    "arabisch": "ar",
    "arabic": "ar",
    "chinesisch": "zh",
    "chinese": "zh",
    "japanisch": "ja",
    "japanese": "ja",
    "hebräisch": "he",
    "hebrew": "he",
}
_ADJ = "|".join(LANGUAGE_ADJECTIVES)
# A translation credit names the language *and* says it was translated (or who did it), so
# "Aus dem Russischen Reich kamen ..." is not taken for one.
_TRANSLATED = re.compile(
    rf"(?:aus\s+dem\s+(?P<de>{_ADJ})en\s+(?:übersetzt|übertragen|von|by)\b"
    rf"|(?:übersetzt|übertragen)\s+aus\s+dem\s+(?P<de2>{_ADJ})en\b"
    rf"|translated\s+from(?:\s+the)?\s+(?P<en>{_ADJ})\b)",
    re.I,
)
_FIRST_PUBLISHED = re.compile(
    r"(?:erschien\s+(?:zuerst|erstmals|ursprünglich)"
    r"|(?:zuerst|erstmals|ursprünglich)\b[^.!?]{0,80}?\berschienen\b"
    r"|(?:originally|first)\s+(?:published|appeared))",
    re.I,
)
_PUBLISHER = re.compile(
    r"\b(?:im|in\s+der|in\s+the|bei|beim|in|by)\s+"
    r"(?P<name>(?:The\s+|Der\s+|Die\s+|Das\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})"
)
_TEXTUAL_DATE = re.compile(
    r"(?:\d{1,2}\.\s*)?(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
    r"|November|Dezember|January|February|March|May|June|July|October|December)\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}"
)


def find_translation(texts: list[str]) -> TranslatedFrom | None:
    """The first sentence in ``texts`` that says the article is a translation or first
    appeared elsewhere, with language, publisher and the original's date where it says so."""
    for text in texts:
        sentences = _sentences(text)
        for i, sentence in enumerate(sentences):
            if not _is_translation_note(sentence):
                continue
            # A note often takes two sentences: "Dieser Text wurde aus dem Englischen
            # übersetzt. Er erschien zuerst am 10. März 2026 bei The Harbour Times."
            if i + 1 < len(sentences) and _is_translation_note(sentences[i + 1]):
                sentence = f"{sentence} {sentences[i + 1]}"
            return _translation_from(sentence, _TRANSLATED.search(sentence))
    return None


def _is_translation_note(sentence: str) -> bool:
    return bool(_TRANSLATED.search(sentence) or _FIRST_PUBLISHED.search(sentence))


def _sentences(text: str) -> list[str]:
    # Split on sentence ends, but not after ordinal dots in dates ("3. März").
    pieces = re.split(r"(?<=[.!?])(?<!\b\d\.)(?<!\b\d\d\.)\s+|\n+", text)
    return [p.strip() for p in pieces if p.strip()]


def _translation_from(sentence: str, lang_match: re.Match[str] | None) -> TranslatedFrom:
    language = None
    if lang_match is not None:
        adjective = next(g for g in lang_match.groups() if g)
        language = LANGUAGE_ADJECTIVES[adjective.lower()]
    published = None
    date_match = _TEXTUAL_DATE.search(sentence)
    if date_match is not None:
        published = parse_partial_date(date_match.group(0))
    publisher = None
    for match in _PUBLISHER.finditer(sentence):
        name = match.group("name").strip()
        if not _TEXTUAL_DATE.match(name) and name.split()[0] not in _NOT_PUBLISHERS:
            publisher = name.removesuffix(" erschienen").strip(" .,;:")
            break
    return TranslatedFrom(
        language=language, publisher=publisher, published=published, evidence=sentence
    )


# Capitalised words after "in"/"im" that are not publishers.
_NOT_PUBLISHERS = frozenset(
    {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September"}
    | {"Oktober", "November", "Dezember", "English", "German", "Englischen", "Deutschen"}
)
