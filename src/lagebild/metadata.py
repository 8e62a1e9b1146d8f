"""Article metadata: language, date, outlet, authors, agency, dateline, translation origin.

Pure: reads the raw record's fields, the page metadata the HTML cleaner found, the removed
marker blocks and the text. Every field found says where it came from in ``Metadata.sources``.
Nothing is guessed: a date is only reported when the input states it, to the precision stated.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from lagebild.metadata_agency import (
    agencies_in,
    byline_names,
    dateline_parts,
    normalise_agency,
    split_people,
    unique,
)
from lagebild.metadata_dates import date_from_header, find_translation, parse_partial_date
from lagebild.records import (
    TEXT_LABELS,
    BlockLabel,
    Cleaned,
    Metadata,
    PartialDate,
    RawDocument,
    TranslatedFrom,
)

# Languages a European news corpus plausibly contains; restricting langid to them avoids
# exotic misreadings of short texts (e.g. German classified as Luxembourgish).
LANGUAGES = (
    "de", "en", "fr", "es", "it", "nl", "pl", "pt", "ru", "uk", "tr", "ar", "cs", "da",
    "sv", "no", "fi", "hu", "ro", "el", "bg", "hr", "sr", "sk", "sl", "lt", "lv", "et",
    "he", "zh", "ja", "ko", "fa",
)  # fmt: skip
MIN_LANGID_CHARS = 40  # below a short sentence, character n-grams are guesses
# Record fields, in order of trust, for each metadata field.
RECORD_DATE_FIELDS = ("date_publish", "date", "published", "date_published", "pubdate")
RECORD_OUTLET_FIELDS = ("source_domain", "sitename", "hostname", "outlet", "source")
RECORD_AUTHOR_FIELDS = ("authors", "author")
# Removed blocks where a bare agency name still names the text's agency (never CREDIT/CAPTION:
# "Foto: .../AP/dpa" names the photographer's agency).
_LONE_AGENCY_LABELS = frozenset({BlockLabel.BOILERPLATE, BlockLabel.AUTHOR_BIO})
BYLINE_SEARCH_BLOCKS = 3  # bylines stand above the text or in its first paragraphs


def extract_metadata(raw: RawDocument, cleaned: Cleaned) -> Metadata:
    """Collect the article's metadata from record fields, page metadata, markers and text."""
    sources: dict[str, str] = {}
    fields = raw.fields
    meta = cleaned.source_meta
    language = _language(fields, meta, cleaned.text, sources)
    published = _published(fields, meta, cleaned, sources)
    dateline, agency = _dateline_and_agency(cleaned, sources)
    authors = _authors(fields, meta, cleaned, sources)
    outlet = _outlet(raw, meta, sources)
    translated = _translation(cleaned, sources)
    return Metadata(
        language=language,
        published=published,
        outlet=outlet,
        authors=authors,
        agency=agency,
        dateline=dateline,
        translated_from=translated,
        sources=sources,
    )


def _html_source(meta: Mapping[str, str], key: str) -> str:
    where = meta.get(f"{key}.source")
    return f"html:{where}" if where else "html"


# --- language ------------------------------------------------------------------------------


def _language(
    fields: Mapping[str, Any], meta: Mapping[str, str], text: str, sources: dict[str, str]
) -> str | None:
    declared = _plausible_language(fields.get("language"))
    if declared:
        sources["language"] = "record:language"
        return declared
    declared = _plausible_language(meta.get("language"))
    if declared:
        sources["language"] = _html_source(meta, "language")
        return declared
    if len(text.strip()) < MIN_LANGID_CHARS:
        return None
    sources["language"] = "langid"
    return str(_identifier().classify(text)[0])


def _plausible_language(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


# --- date ----------------------------------------------------------------------------------


def _published(
    fields: Mapping[str, Any], meta: Mapping[str, str], cleaned: Cleaned, sources: dict[str, str]
) -> PartialDate | None:
    for block in _blocks(cleaned, BlockLabel.HEADER):
        found = date_from_header(block)
        if found:
            sources["published"] = "header-line"
            return found
    for key in RECORD_DATE_FIELDS:
        value = fields.get(key)
        found = parse_partial_date(str(value)) if value else None
        if found:
            sources["published"] = f"record:{key}"
            return found
    found = parse_partial_date(meta.get("date", ""))
    if found:
        sources["published"] = _html_source(meta, "date")
        return found
    for block in _blocks(cleaned, BlockLabel.DATELINE):
        found = _dateline_date(block)
        if found:
            sources["published"] = "dateline"
            return found
    return None


def _dateline_date(dateline: str) -> PartialDate | None:
    """Only a dateline that states its year ("BERLIN, 3. Mai 2025 (Reuters)") gives a date."""
    head = dateline.split("(", 1)[0]
    if "," not in head:
        return None
    return parse_partial_date(head.split(",", 1)[1])


# --- dateline and agency -------------------------------------------------------------------


def _dateline_and_agency(
    cleaned: Cleaned, sources: dict[str, str]
) -> tuple[str | None, tuple[str, ...]]:
    place: str | None = None
    found: list[tuple[str, str]] = []  # (agency, where)
    for block in _blocks(cleaned, BlockLabel.DATELINE):
        block_place, agencies = dateline_parts(block)
        place = place or block_place
        found += [(a, "dateline") for a in agencies]
    for text in _byline_candidates(cleaned):
        found += [(a, "byline") for a in byline_names(text)[1]]
    for block in _blocks(cleaned, BlockLabel.AGENCY_CODE):
        where = "copyright" if "©" in block else "agency-code"
        found += [(a, where) for a in agencies_in(block)]
    for b in cleaned.blocks:  # a lone "dpa" line the classifier filed as other junk
        lone = normalise_agency(b.text) if b.label in _LONE_AGENCY_LABELS else None
        found += [(lone, "agency-line")] if lone else []
    if place:
        sources["dateline"] = "dateline"
    if found:
        sources["agency"] = found[0][1]
    return place, unique(a for a, _ in found)


# --- authors and outlet --------------------------------------------------------------------


def _authors(
    fields: Mapping[str, Any], meta: Mapping[str, str], cleaned: Cleaned, sources: dict[str, str]
) -> tuple[str, ...]:
    for key in RECORD_AUTHOR_FIELDS:
        names = _names(fields.get(key))
        if names:
            sources["authors"] = f"record:{key}"
            return names
    names = _names(meta.get("author"))
    if names:
        sources["authors"] = _html_source(meta, "author")
        return names
    for text in _byline_candidates(cleaned):
        people = byline_names(text)[0]
        if people:
            sources["authors"] = "byline"
            return unique(people)
    return ()


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return unique(split_people(value))
    if isinstance(value, list | tuple):
        return unique(n for v in value if isinstance(v, str) for n in split_people(v))
    return ()


def _outlet(raw: RawDocument, meta: Mapping[str, str], sources: dict[str, str]) -> str | None:
    for key in RECORD_OUTLET_FIELDS:
        value = raw.fields.get(key)
        if isinstance(value, str) and value.strip():
            sources["outlet"] = f"record:{key}"
            return value.strip()
    if meta.get("sitename", "").strip():
        sources["outlet"] = _html_source(meta, "sitename")
        return meta["sitename"].strip()
    for url in (raw.url, raw.fields.get("url"), meta.get("url")):
        host = urlsplit(url).hostname if isinstance(url, str) else None
        if host:
            sources["outlet"] = "url-host"
            return host.removeprefix("www.")
    return None


# --- translation ---------------------------------------------------------------------------


def _translation(cleaned: Cleaned, sources: dict[str, str]) -> TranslatedFrom | None:
    notes = list(_blocks(cleaned, BlockLabel.TRANSLATION_NOTE))
    texts = [b.text for b in cleaned.blocks if b.label in TEXT_LABELS]
    found = find_translation(notes) or find_translation(texts[:2] + texts[-3:])
    if found:
        sources["translated_from"] = "translation-note" if notes else "text"
    return found


# --- helpers -------------------------------------------------------------------------------


def _blocks(cleaned: Cleaned, label: BlockLabel) -> Iterable[str]:
    return (b.text for b in cleaned.blocks if b.label is label)


def _byline_candidates(cleaned: Cleaned) -> list[str]:
    removed = [b.text for b in cleaned.blocks if b.removed and b.label is not BlockLabel.CREDIT]
    first = [b.text for b in cleaned.blocks if not b.removed][:BYLINE_SEARCH_BLOCKS]
    return removed + first
