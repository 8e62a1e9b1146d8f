"""Who said what (issue #4): direct quotes and reported speech with their speakers.

``find_quotes`` runs on one article with its entities (German: ``german.py``; English:
``english.py``); ``quotes_in_text`` runs the whole analysis on a bare text (CLI, benchmarks);
``groups.py`` groups the same statement across articles.
"""

from __future__ import annotations

from lagebild.quotes.extract import (
    find_quotes,
    quote_id,
    quotes_in_text,
    relink_speakers,
)

__all__ = ["find_quotes", "quote_id", "quotes_in_text", "relink_speakers"]
