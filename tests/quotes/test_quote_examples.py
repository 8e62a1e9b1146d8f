"""Issue #4 acceptance on the two real examples in ../shared/examples: at least 90 % of the
quotes in expected.json are found with the right speaker and kind, and none of its
``not_quotes`` is reported as a quote of the named person."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from lagebild.records import Article

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from quote_examples import NAMES, missed, read_articles


@pytest.fixture(scope="module")
def articles(examples_dir: Path) -> dict[str, Article]:
    return read_articles(examples_dir)


def test_ninety_percent_of_the_expected_quotes_are_found(
    articles: dict[str, Article], expected: dict[str, Any]
) -> None:
    total, lines = missed(articles, expected)
    assert total - len(lines) >= 0.9 * total, "\n".join(lines)


def test_scare_quote_and_unnamed_media_are_not_quotes_of_the_named_person(
    articles: dict[str, Article],
) -> None:
    first, second = (articles[name] for name in NAMES)
    for quote in second.quotes:
        if "Schmusekurs" in quote.text:
            assert quote.speaker != "Donald Trump", quote
    for quote in first.quotes:
        if "gedroht" in quote.text and "russische Seite" in quote.text:
            assert quote.speaker != "Wolodymyr Selenskyj", quote
        if quote.text.strip('"„“ ') == "viele unschuldige Menschen":
            assert quote.speaker in (None, "JD Vance"), quote


def test_quote_offsets_point_at_the_article_text(articles: dict[str, Article]) -> None:
    for article in articles.values():
        assert article.quotes
        for quote in article.quotes:
            pieces = quote.parts or (quote,)
            for piece in pieces:
                assert article.text[piece.start : piece.end] == piece.text
            mention = quote.speaker_mention
            if mention is not None:
                assert article.text[mention.start : mention.end] == mention.text
