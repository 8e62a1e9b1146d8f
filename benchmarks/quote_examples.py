"""Quotes of the two real example articles (../shared/examples) against what a careful reader
extracted (``expected.json``): how many expected quotes lagebild finds with the right speaker
and kind, and which it misses.

    python benchmarks/quote_examples.py

An expected quote is found when one reported quote covers at least 60 % of its words, has its
kind, and names its speaker (the canonical name, or for an unnamed source a description that
contains the reader's). Two articles are a spec by example, not a quality measure: the
German benchmark is ``quotes_de.py``. ``tests/quotes/test_quote_examples.py`` requires 90 %.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from _common import shared_dir
from lagebild.ingestion import analyse
from lagebild.records import Article, Quote

NAMES = ("dpa-afx-trump-putin-telefonat.txt", "dpa-trump-putin-verhandlungen.txt")
# An expected quote is found when a reported quote covers this share of its words.
COVERED = 0.6


def read_articles(folder: Path) -> dict[str, Article]:
    """The example articles as lagebild analyses them (cleaning, entities, quotes)."""
    found = {}
    for _raw, article in analyse([str(folder / name) for name in NAMES]):
        if not isinstance(article, Article):
            raise SystemExit(f"cannot read an example: {article.reason}")
        found[Path(article.origin).name] = article
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _covers(quote: Quote, expected: str) -> bool:
    words = _words(expected)
    got = set(_words(quote.text))
    return sum(word in got for word in words) >= COVERED * len(words)


def _same_speaker(quote: Quote, expected: str) -> bool:
    if quote.speaker is None:
        return False
    if quote.speaker == expected:
        return True
    # an unnamed source is kept as written: "eine Sprecherin der britischen Regierung"
    return quote.speaker_entity is None and expected.lower() in quote.speaker.lower()


def matches(article: Article, wanted: dict[str, Any]) -> bool:
    """Whether ``article`` reports the expected quote ``wanted`` (a quote of expected.json)."""
    return any(
        _covers(quote, wanted["text"])
        and _same_speaker(quote, wanted["speaker"])
        and quote.kind == wanted["kind"]
        for quote in article.quotes
    )


def missed(articles: dict[str, Article], expected: dict[str, Any]) -> tuple[int, list[str]]:
    """How many quotes expected.json lists, and the ones not found, one line each."""
    wanted = [(name, quote) for name in NAMES for quote in expected[name].get("quotes", [])]
    lines = [
        f"{name}: {quote['speaker']} ({quote['kind']}): {quote['text'][:60]}"
        for name, quote in wanted
        if not matches(articles[name], quote)
    ]
    return len(wanted), lines


def main() -> int:
    folder = shared_dir() / "examples"
    if not (folder / "expected.json").exists():
        print(f"skipped: {folder}/expected.json not found; set LAGEBILD_SHARED to ../shared")
        return 0
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["articles"]
    total, lines = missed(read_articles(folder), expected)
    print(f"expected quotes found with speaker and kind: {total - len(lines)} / {total}")
    for line in lines:
        print(f"  missed: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
