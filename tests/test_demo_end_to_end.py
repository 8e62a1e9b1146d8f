"""The demo corpus through the whole foundation: what MANIFEST.json says is what comes out (#2).

The manifest was written with the corpus, independently of the code; this test holds the
pipeline to it, so later issues can build on the demo articles' metadata and clean text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lagebild.ingestion import analyse
from lagebild.records import Article

CORPUS = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "demo_corpus"


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def articles() -> dict[str, list[Article]]:
    """Articles by file path relative to the corpus folder, in file order."""
    by_file: dict[str, list[Article]] = {}
    for _raw, result in analyse([str(CORPUS / "articles")]):
        assert isinstance(result, Article), result
        path = result.origin.split("#")[0]
        by_file.setdefault(str(Path(path).relative_to(CORPUS)), []).append(result)
    return by_file


def test_every_demo_article_is_read(
    manifest: dict[str, Any], articles: dict[str, list[Article]]
) -> None:
    expected = sum(len(f["articles"]) for f in manifest["files"])
    assert sum(len(a) for a in articles.values()) == expected >= 20


def test_language_and_wire_agency_match_the_manifest(
    manifest: dict[str, Any], articles: dict[str, list[Article]]
) -> None:
    for entry in manifest["files"]:
        for want, got in zip(entry["articles"], articles[entry["path"]], strict=True):
            assert got.meta.language == entry["language"], entry["path"]
            if want["agency"] == ["dpa"]:  # the dpa wire family is credited in every copy
                assert got.meta.agency == ("dpa",), entry["path"]


def test_html_and_jsonl_dates_match_the_manifest(
    manifest: dict[str, Any], articles: dict[str, list[Article]]
) -> None:
    for entry in manifest["files"]:
        if entry["format"] not in {"html", "jsonl"}:
            continue
        for want, got in zip(entry["articles"], articles[entry["path"]], strict=True):
            assert got.meta.published is not None, entry["path"]
            assert want["published"].startswith(got.meta.published.isoformat()), entry["path"]


def test_junk_samples_are_removed_but_kept(
    manifest: dict[str, Any], articles: dict[str, list[Article]]
) -> None:
    for sample in manifest["junk_samples"]:
        snippet = sample["snippet"].strip()
        if snippet.startswith("<"):
            continue  # markup samples (a paywall box's <div>) have no text of their own
        for article in articles[sample["file"]]:
            assert snippet not in article.text, (sample["file"], snippet)
        removed = " ".join(b.text for a in articles[sample["file"]] for b in a.removed)
        assert snippet in removed, (sample["file"], snippet)


def test_the_translation_names_its_original(
    manifest: dict[str, Any], articles: dict[str, list[Article]]
) -> None:
    [translation] = manifest["translations"]
    [article] = articles[translation["target"]]
    tf = article.meta.translated_from
    assert tf is not None
    assert (tf.language, tf.publisher) == ("en", "The Harbour Times")
    assert tf.published is not None and tf.published.isoformat() == "2026-03-10"
    assert translation["note"]["snippet"] not in article.text
