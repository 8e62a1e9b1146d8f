from __future__ import annotations

import pytest

from lagebild.errors import ConfigError
from lagebild.pipeline import FOUNDATION, STAGES, Pipeline, article_id, stage
from lagebild.records import RawDocument, SourceFailure


def test_foundation_order_is_valid() -> None:
    pipeline = Pipeline(FOUNDATION)
    assert {"raw", "decoded", "cleaned", "metadata", "article"} <= pipeline.produces


def test_missing_producer_is_named() -> None:
    with pytest.raises(
        ConfigError, match="Stage 'metadata' needs 'cleaned'.*add stage 'clean' before it"
    ):
        Pipeline(["decode", "metadata"])


def test_unknown_stage_lists_known_ones() -> None:
    with pytest.raises(ConfigError, match="Unknown stage\\(s\\) nope; known stages: .*clean"):
        Pipeline(["decode", "nope"])


def test_duplicate_stage_name_is_refused() -> None:
    with pytest.raises(ConfigError, match="registered twice"):
        stage("clean", requires=["raw"], produces="x")(lambda raw: raw)
    assert STAGES["clean"].produces == "cleaned"


def test_one_bad_document_does_not_stop_the_batch() -> None:
    good = RawDocument(
        origin="good.txt",
        data="Ein Satz mit genug Inhalt für einen Artikel.".encode(),
        format="text",
    )
    empty = RawDocument(origin="empty.html", data=b"<html><head></head></html>", format="html")
    results = list(
        Pipeline(FOUNDATION).process([empty, SourceFailure(origin="x", reason="r"), good])
    )
    assert isinstance(results[0], SourceFailure)
    assert "no article text found" in results[0].reason
    assert isinstance(results[1], SourceFailure)
    assert not isinstance(results[2], SourceFailure)
    assert results[2]["article"].origin == "good.txt"


@pytest.mark.parametrize(
    ("url_a", "url_b", "same"),
    [
        ("https://x.example/a", "https://x.example/a", True),
        ("https://x.example/a", "https://x.example/b", False),
    ],
)
def test_article_id_follows_url(url_a: str, url_b: str, same: bool) -> None:
    assert (article_id(url_a, "h1") == article_id(url_b, "h2")) is same


def test_article_id_without_url_follows_content() -> None:
    assert article_id(None, "h1") != article_id(None, "h2")
    assert article_id(None, "h1") == article_id(None, "h1")


def test_default_pipeline_finds_quotes_after_entities() -> None:
    from lagebild.pipeline import analysed_article, default_pipeline

    pipeline = default_pipeline()
    assert {"entities", "quotes"} <= pipeline.produces
    assert "quotes" not in default_pipeline(quotes=False).produces
    assert "entities" not in default_pipeline(entities=False).produces
    text = (
        "Berlin (dpa) - „Wir werden die Ukraine so lange unterstützen, wie es nötig ist“, "
        "sagte Bundeskanzler Olaf Scholz am Dienstag in Berlin.\n"
    )
    raw = RawDocument(origin="scholz.txt", data=text.encode(), format="text")
    article = analysed_article(pipeline.run(raw))
    assert article.quotes and article.entities
    for quote in article.quotes:
        assert article.text[quote.start : quote.end] == quote.text
