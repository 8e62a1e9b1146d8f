"""The two real examples in ../shared/examples come out as expected.json describes (issue #2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lagebild.ingestion import analyse
from lagebild.records import Article, BlockLabel

NAMES = ["dpa-afx-trump-putin-telefonat.txt", "dpa-trump-putin-verhandlungen.txt"]


def _article(examples_dir: Path, name: str) -> Article:
    [(_raw, result)] = list(analyse([str(examples_dir / name)]))
    assert isinstance(result, Article), result
    return result


@pytest.mark.parametrize("name", NAMES)
def test_junk_is_not_in_clean_text_but_kept_as_removed(
    examples_dir: Path, expected: dict[str, Any], name: str
) -> None:
    article = _article(examples_dir, name)
    removed = " ".join(b.text for b in article.removed)
    for junk in expected[name]["not_in_clean_text"]:
        assert junk not in article.text
        assert junk in removed, f"{junk!r} was dropped instead of kept as removed"


@pytest.mark.parametrize("name", NAMES)
def test_headings_are_headings(examples_dir: Path, expected: dict[str, Any], name: str) -> None:
    article = _article(examples_dir, name)
    headings = [b.text for b in article.blocks if b.label is BlockLabel.HEADING]
    assert headings == expected[name]["headings"]


@pytest.mark.parametrize("name", NAMES)
def test_metadata(examples_dir: Path, expected: dict[str, Any], name: str) -> None:
    article = _article(examples_dir, name)
    exp = expected[name]
    assert article.meta.language == exp["language"]
    published = exp["published"].split(" ")[0] if exp["published"] else None
    assert (article.meta.published.isoformat() if article.meta.published else None) == published
    assert list(article.meta.agency) == exp["agency"]
    assert article.meta.dateline == exp.get("dateline")
    assert article.meta.sources.get("agency")


def test_title_lead_and_caption(examples_dir: Path, expected: dict[str, Any]) -> None:
    name = "dpa-trump-putin-verhandlungen.txt"
    article = _article(examples_dir, name)
    assert article.title == expected[name]["title"]
    leads = [b.text for b in article.blocks if b.label is BlockLabel.LEAD]
    assert leads == [expected[name]["lead"]]
    labels = {b.text: b.label for b in article.removed}
    assert labels["Foto: Alex Brandon/AP/dpa"] is BlockLabel.CREDIT
    assert any(b.label is BlockLabel.CAPTION and "(Archivbild)" in b.text for b in article.removed)
