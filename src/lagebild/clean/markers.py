"""Split wire-service markers off the article text: scraper headers, datelines, agency codes.

Runs after the HTML cleaner and the plain-text line classifier. Each marker becomes a removed
block with its own label, so the metadata stage can read it and readers can still see it.
"""

from __future__ import annotations

import re

from lagebild.clean.assemble import parts_of, relabel
from lagebild.records import TEXT_LABELS, BlockLabel, Cleaned

# Agency names that appear in datelines and trailing codes. Longer names come first so the
# regex alternation prefers "dpa-AFX" over "dpa".
AGENCY_NAMES = (
    "dpa-AFX",
    "dpa-infocom",
    "dpa",
    "AFP",
    "Reuters",
    "AP",
    "KNA",
    "epd",
    "SID",
    "APA",
    "Keystone-SDA",
    "ANP",
    "Belga",
    "EFE",
    "ANSA",
    "PA",
    "Bloomberg",
    "UPI",
    "Xinhua",
    "TASS",
    "Interfax",
    "Ukrinform",
    "Dow Jones",
    "DJ",
)
_AGENCY_ALT = "|".join(re.escape(name) for name in AGENCY_NAMES)

# "date 2025-05", "date: 2025-05-19", "Datum: 19.05.2025" - a scraper's metadata prefix.
_HEADER = re.compile(
    r"^\s*(?:date|datum|published|veröffentlicht)\s*:?\s*"
    r"(?:\d{4}-\d{2}(?:-\d{2})?(?:[T ]\d{2}:\d{2}(?::\d{2})?Z?)?|\d{1,2}\.\s?\d{1,2}\.\s?\d{4})"
    r"(?=\s|$)",
    re.IGNORECASE,
)

# Place (upper-case start, "/"-joined, optional ", 3. Mai"), agency in parentheses, a dash.
# Places are at most four words so an ordinary sentence with "(dpa)" in it is never taken.
_PLACE = r"[A-ZÄÖÜ][\w.'’-]*(?:[ /][A-ZÄÖÜa-zäöü][\w.'’-]*){0,3}"
_DATELINE_DATE = r"(?:,\s*(?:\d{1,2}\.\s*)?[A-ZÄÖÜ][a-zäöü]+\.?(?:\s+\d{1,2})?(?:,?\s*\d{4})?)"
_DATELINE = re.compile(
    rf"^\s*(?P<place>{_PLACE})?\s*{_DATELINE_DATE}?\s*"
    rf"\((?P<agency>(?i:{_AGENCY_ALT})(?:\s*[/,]\s*(?i:{_AGENCY_ALT}))*)\)\s*[-–—]\s*",
)

# Trailing editor/agency codes: "/nau/DP/stw", "/dpa/xy", "(dpa)", "© dpa-infocom, dpa:...".
_TRAILING_CODE = re.compile(
    r"(?:"
    r"(?<![\w/])(?:/[A-Za-z]{1,6}){1,5}/?"  # "/nau/DP/stw": slash-separated short codes
    rf"|\(\s*(?:{_AGENCY_ALT})(?:\s*[/,]\s*[\w]+)*\s*\)"  # "(dpa)", "(dpa/AFP)"
    r"|©\s*dpa-infocom[^\n]*"  # "© dpa-infocom, dpa:250519-930-571234/1"
    r")\s*$",
    re.IGNORECASE,
)
_LONE_AGENCY = re.compile(
    rf"^\s*(?:{_AGENCY_ALT})(?:\s*[/,]\s*(?:{_AGENCY_ALT}))*\s*$",
    re.IGNORECASE,
)


def separate_markers(cleaned: Cleaned) -> Cleaned:
    """Move the scraper header, the dateline and trailing agency codes into removed blocks."""
    parts = parts_of(cleaned)
    parts = _split_header(parts)
    parts = _split_dateline(parts)
    parts = _split_trailing_codes(parts)
    return relabel(cleaned, parts)


Parts = list[tuple[BlockLabel, str]]


def _first_text_index(parts: Parts) -> int | None:
    return next((i for i, (label, _) in enumerate(parts) if label in TEXT_LABELS), None)


def _split_header(parts: Parts) -> Parts:
    index = _first_text_index(parts)
    if index is None:
        return parts
    label, text = parts[index]
    match = _HEADER.match(text)
    if match is None:
        return parts
    rest = text[match.end() :].strip()
    new = [(BlockLabel.HEADER, match.group(0).strip())]
    if rest:
        new.append((label, rest))
    return parts[:index] + new + parts[index + 1 :]


def _split_dateline(parts: Parts) -> Parts:
    # Web pages put a teaser lead above the dateline paragraph, so look at the first lead and
    # the first body block, in document order.
    candidates = sorted(
        i
        for i in (_first_index(parts, BlockLabel.LEAD), _first_index(parts, BlockLabel.BODY))
        if i is not None
    )
    for index in candidates:
        label, text = parts[index]
        match = _DATELINE.match(text)
        if match is None:
            continue
        rest = text[match.end() :].strip()
        new = [(BlockLabel.DATELINE, text[: match.end()].strip())]
        if rest:  # a bare "Berlin (dpa) -" paragraph leaves the next block as the text
            new.append((label, rest))
        return parts[:index] + new + parts[index + 1 :]
    return parts


def _first_index(parts: Parts, wanted: BlockLabel) -> int | None:
    return next((i for i, (label, _) in enumerate(parts) if label is wanted), None)


def _split_trailing_codes(parts: Parts) -> Parts:
    index = _last_text_index(parts)
    if index is None:
        return parts
    label, text = parts[index]
    if _LONE_AGENCY.match(text):
        return [*parts[:index], (BlockLabel.AGENCY_CODE, text.strip()), *parts[index + 1 :]]
    codes: list[str] = []
    lines = text.rsplit("\n", 1)
    if len(lines) == 2 and _LONE_AGENCY.match(lines[1]):
        codes.append(lines[1].strip())
        text = lines[0].rstrip()
    while True:
        match = _TRAILING_CODE.search(text)
        if match is None or match.start() == 0:
            break
        codes.insert(0, match.group(0).strip())
        text = text[: match.start()].rstrip()
    if not codes:
        return parts
    tail = [(BlockLabel.AGENCY_CODE, code) for code in codes]
    return [*parts[:index], (label, text), *tail, *parts[index + 1 :]]


def _last_text_index(parts: Parts) -> int | None:
    indices = [i for i, (label, _) in enumerate(parts) if label in TEXT_LABELS]
    return indices[-1] if indices else None
