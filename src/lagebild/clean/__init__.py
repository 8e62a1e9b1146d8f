"""Cleaning: separate the article from the junk around it, keeping the junk visible.

HTML goes through trafilatura (``clean.html``); plain text through lagebild's own line
classifier (``clean.text``). Both end with ``clean.markers``, which splits datelines, header
lines and trailing agency/editor codes off the text.
"""

from __future__ import annotations

from lagebild.clean.assemble import parts_of, relabel
from lagebild.clean.boilerplate import junk_label
from lagebild.clean.html import clean_html
from lagebild.clean.markers import separate_markers
from lagebild.clean.text import clean_text
from lagebild.records import TEXT_LABELS, BlockLabel, Cleaned, DecodedText, RawDocument

__all__ = ["clean_document", "clean_html", "clean_page", "clean_text", "separate_markers"]


def clean_document(raw: RawDocument, decoded: DecodedText) -> Cleaned:
    """Clean one decoded document according to its format."""
    if raw.format == "html":
        return clean_page(decoded.text, url=raw.url)
    if raw.format == "record":
        return _clean_record(raw, decoded)
    return separate_markers(clean_text(decoded.text))


def clean_page(html: str, *, url: str | None = None) -> Cleaned:
    """The whole cleaning path for an HTML page (what ingest does, and what the benchmark
    measures): trafilatura, furniture left inside the article, then markers."""
    return separate_markers(_relabel_furniture(clean_html(html, url=url)))


def _clean_record(raw: RawDocument, decoded: DecodedText) -> Cleaned:
    """A JSON Lines record (news-please / trafilatura): its text field is already extracted,
    but scrapers leave junk in it, so it goes through the text classifier too."""
    title = raw.fields.get("title")
    title = title.strip() if isinstance(title, str) and title.strip() else None
    return separate_markers(clean_text(decoded.text, title=title))


# Labels the line lexicon may give a paragraph trafilatura kept: these are unambiguous notes
# inside the article markup (a translation note, "Lesen Sie auch: …", a photo credit). Menu and
# generic boilerplate rules are left out: in kept HTML text they would misfire on short lines.
_FURNITURE_IN_ARTICLE = frozenset(
    {
        BlockLabel.TRANSLATION_NOTE,
        BlockLabel.TEASER,
        BlockLabel.CREDIT,
        BlockLabel.CAPTION,
        BlockLabel.PAYWALL,
        BlockLabel.COOKIE,
        BlockLabel.SOCIAL,
        BlockLabel.AUTHOR_BIO,
    }
)


def _relabel_furniture(cleaned: Cleaned) -> Cleaned:
    parts = []
    changed = False
    for label, text in parts_of(cleaned):
        junk = junk_label(text) if label in TEXT_LABELS else None
        if junk in _FURNITURE_IN_ARTICLE:
            parts.append((junk, text))
            changed = True
        else:
            parts.append((label, text))
    return relabel(cleaned, parts) if changed else cleaned
