"""Cleaning: separate the article from the junk around it, keeping the junk visible.

HTML goes through trafilatura (``clean.html``); plain text through lagebild's own line
classifier (``clean.text``). Both end with ``clean.markers``, which splits datelines, header
lines and trailing agency/editor codes off the text.
"""

from __future__ import annotations

from lagebild.clean.html import clean_html
from lagebild.clean.markers import separate_markers
from lagebild.clean.text import clean_text
from lagebild.records import Cleaned, DecodedText, RawDocument

__all__ = ["clean_document", "clean_html", "clean_text", "separate_markers"]


def clean_document(raw: RawDocument, decoded: DecodedText) -> Cleaned:
    """Clean one decoded document according to its format."""
    if raw.format == "html":
        return separate_markers(clean_html(decoded.text, url=raw.url))
    if raw.format == "record":
        return _clean_record(raw, decoded)
    return separate_markers(clean_text(decoded.text))


def _clean_record(raw: RawDocument, decoded: DecodedText) -> Cleaned:
    """A JSON Lines record (news-please / trafilatura): its text field is already extracted,
    but scrapers leave junk in it, so it goes through the text classifier too."""
    title = raw.fields.get("title")
    title = title.strip() if isinstance(title, str) and title.strip() else None
    return separate_markers(clean_text(decoded.text, title=title))
