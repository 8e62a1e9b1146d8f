"""News agencies and authors for the metadata stage."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Canonical spelling of every agency we recognise, keyed by its lower-case forms.
KNOWN_AGENCIES = {
    "dpa": "dpa",
    "dpa-afx": "dpa-AFX",
    "dpa-infocom": "dpa",
    "afp": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "kna": "KNA",
    "epd": "epd",
    "sid": "SID",
    "apa": "APA",
    "keystone-sda": "Keystone-SDA",
    "sda": "Keystone-SDA",
    "anp": "ANP",
    "belga": "Belga",
    "efe": "EFE",
    "ansa": "ANSA",
    "pa": "PA",
    "bloomberg": "Bloomberg",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "interfax": "Interfax",
    "ukrinform": "Ukrinform",
    "dj": "Dow Jones",
    "dow jones": "Dow Jones",
}
# Longest first so "dpa-AFX" wins over "dpa" in an alternation.
_AGENCY_ALT = "|".join(re.escape(k) for k in sorted(KNOWN_AGENCIES, key=len, reverse=True))
_AGENCY_TOKEN = re.compile(rf"(?<![\w-])(?:{_AGENCY_ALT})(?![\w-])", re.I)
_DATELINE = re.compile(r"^\s*(?P<place>[^(]*?)\s*\((?P<agency>[^)]*)\)\s*[-–—]?\s*$")
_DATELINE_DATE = re.compile(
    r",\s*(?:\d{1,2}\.\s*)?[A-ZÄÖÜa-zäöü]+\.?(?:\s+\d{1,2})?(?:,?\s*\d{4})?$"
)
_BYLINE = re.compile(r"^\s*(?:Von|By)\s+(?P<names>[A-ZÄÖÜ][^\n]{1,120}?)\s*$")
# Words in author fields that name a desk, not a person.
_NOT_PERSONS = frozenset({"redaktion", "red", "online-redaktion", "newsdesk", "staff", "agenturen"})
# Lower-case words that belong inside personal names ("Ursula von der Leyen").
_NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "du", "da", "di", "zu", "ter", "bin"}
)


def normalise_agency(name: str) -> str | None:
    """Canonical agency name, or None when ``name`` is not a known agency."""
    return KNOWN_AGENCIES.get(" ".join(name.lower().split()))


def agencies_in(text: str) -> list[str]:
    """Known agency names mentioned in a marker (dateline, trailing code, lone line).
    Editor codes such as ``/nau/DP/stw`` name no agency and give nothing."""
    return [KNOWN_AGENCIES[m.group(0).lower()] for m in _AGENCY_TOKEN.finditer(text)]


def dateline_parts(dateline: str) -> tuple[str | None, list[str]]:
    """Place and agencies of a dateline block: ``"KIEW/MOSKAU (dpa) -"``."""
    match = _DATELINE.match(dateline)
    if match is None:
        return None, agencies_in(dateline)
    place = _DATELINE_DATE.sub("", match.group("place")).strip() or None
    return place, agencies_in(match.group("agency"))


def byline_names(line: str) -> tuple[list[str], list[str]]:
    """Authors and agencies named in a byline ``"Von Anna Beispiel, dpa"``; empty if the line
    is not a byline."""
    match = _BYLINE.match(line)
    if match is None or len(match.group("names").split()) > 12:
        return [], []
    people = split_people(match.group("names"))
    agencies = agencies_in(match.group("names"))
    if not all(_looks_like_person(p) for p in people) or not (people or agencies):
        return [], []  # "Von Kiew nach Moskau" is a title, not a byline
    return people, agencies


def _looks_like_person(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 5:
        return False
    return all(w[0].isupper() or w in _NAME_PARTICLES for w in words)


def split_people(value: str) -> list[str]:
    """Split ``"A und B"``, ``"A, B"``, ``"A and B"`` into names, dropping agencies and desks."""
    names: list[str] = []
    for piece in re.split(r"\s*(?:,|;|\bund\b|\band\b|&|\|)\s*", value):
        name = piece.strip(" .")
        if not name or normalise_agency(name) or name.lower() in _NOT_PERSONS:
            continue
        if name.split()[0].lower() in _NOT_PERSONS:
            continue  # "Redaktion Weser-Echo": the newsroom, not a person
        if len(name) > 60 or not any(ch.isalpha() for ch in name):
            continue
        names.append(name)
    return names


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Values in first-seen order without repeats."""
    return tuple(dict.fromkeys(values))
