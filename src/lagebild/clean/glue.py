"""Repair words that scrapers glued together when they dropped markup: ``derBundesregierung``.

A split is made only where the evidence is clear: a lower-case German or English function word
from a closed list directly followed by a capitalised word of at least three letters. Real
camel-case names (iPhone, eBay, McDonald, YouTube, DeepMind) never start with such a function
word followed by a capital, so they are left alone.
"""

from __future__ import annotations

import re

# Closed-class words that precede nouns; a scraper that drops a tag between them and the noun
# glues them together. Kept short on purpose: every entry must be unambiguous as a prefix.
# fmt: off
FUNCTION_WORDS = (
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines",
    "und", "oder", "mit", "von", "vom", "zum", "zur", "für", "auf", "aus", "bei", "nach",
    "über", "unter", "gegen", "durch", "seit", "beim", "im", "am", "ins", "sagte", "sowie",
    "the", "and", "of", "with", "from", "for", "to", "by",
)
# fmt: on
_GLUED = re.compile(
    r"\b(?P<word>" + "|".join(sorted(FUNCTION_WORDS, key=len, reverse=True)) + r")"
    r"(?P<noun>[A-ZÄÖÜ][a-zäöüß]{2,})"
)


def repair_glued_words(text: str) -> str:
    """``"Sprecher derBundesregierung"`` -> ``"Sprecher der Bundesregierung"``."""
    return _GLUED.sub(lambda m: f"{m.group('word')} {m.group('noun')}", text)
