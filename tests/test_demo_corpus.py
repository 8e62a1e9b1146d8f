"""Data checks for the fictional demo corpus in src/lagebild/demo_corpus (no lagebild imports)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "demo_corpus"
# news-please keys every JSON Lines record must carry
NEWS_PLEASE_KEYS = {
    "title",
    "maintext",
    "date_publish",
    "url",
    "source_domain",
    "language",
    "authors",
}
# realistic article length in words, as promised in the corpus brief
MIN_WORDS, MAX_WORDS = 200, 700


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    return data


def _encoding(manifest: dict[str, Any], path: str) -> str:
    entry = next(f for f in manifest["files"] if f["path"] == path)
    return "cp1252" if entry["encoding"] == "windows-1252" else "utf-8"


def _records(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _searchable_text(manifest: dict[str, Any], path: str) -> str:
    file = CORPUS / path
    if file.suffix == ".jsonl":
        return "\n".join(r["title"] + "\n" + r["maintext"] for r in _records(file))
    return file.read_bytes().decode(_encoding(manifest, path))


def _snippets(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "snippet" in node:
            yield node
        for value in node.values():
            yield from _snippets(value)
    elif isinstance(node, list):
        for value in node:
            yield from _snippets(value)


def _articles(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [a | {"file": f} for f in manifest["files"] for a in f["articles"]]


def test_manifest_marks_corpus_fictional(manifest: dict[str, Any]) -> None:
    assert manifest["fictional"] is True
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert "fictional" in readme.lower()


def test_corpus_is_large_and_varied_enough(manifest: dict[str, Any]) -> None:
    articles = _articles(manifest)
    days = {a["published"][:10] for a in articles if len(a["published"]) >= 10}
    assert len(articles) >= 20
    assert len({f["outlet"] for f in manifest["files"]}) >= 5
    assert len(days) >= 3
    assert {f["language"] for f in manifest["files"]} >= {"de", "en"}
    assert {f["format"] for f in manifest["files"]} == {"html", "txt", "jsonl"}
    assert sum(a["file"]["language"] == "de" for a in articles) >= 14
    assert sum(a["file"]["language"] == "en" for a in articles) >= 5


def test_every_corpus_file_is_in_manifest_and_exists(manifest: dict[str, Any]) -> None:
    listed = {f["path"] for f in manifest["files"]}
    on_disk = {p.relative_to(CORPUS).as_posix() for p in (CORPUS / "articles").iterdir()}
    assert listed == on_disk


def test_jsonl_files_are_news_please_records(manifest: dict[str, Any]) -> None:
    jsonl = [f for f in manifest["files"] if f["format"] == "jsonl"]
    assert len(jsonl) == 2
    for entry in jsonl:
        records = _records(CORPUS / entry["path"])
        assert 2 <= len(records) <= 3
        assert len(records) == len(entry["articles"])
        for record in records:
            assert record.keys() >= NEWS_PLEASE_KEYS
            assert len(record["date_publish"]) == len("2026-03-10 09:15:00")


def test_article_lengths_are_realistic(manifest: dict[str, Any]) -> None:
    for article in _articles(manifest):
        assert MIN_WORDS <= article["words"] <= MAX_WORDS, article["id"]


def test_every_manifest_snippet_occurs_verbatim(manifest: dict[str, Any]) -> None:
    snippets = list(_snippets(manifest))
    assert len(snippets) >= 40
    missing = [
        (s["file"], s["snippet"])
        for s in snippets
        if s["snippet"] not in _searchable_text(manifest, s["file"])
    ]
    assert not missing


def test_windows_1252_file_needs_detection(manifest: dict[str, Any]) -> None:
    legacy = [f for f in manifest["files"] if f["encoding"] == "windows-1252"]
    assert len(legacy) == 1
    raw = (CORPUS / legacy[0]["path"]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "Brücke" in raw.decode("cp1252")


def test_html_pages_carry_publication_metadata(manifest: dict[str, Any]) -> None:
    for entry in (f for f in manifest["files"] if f["format"] == "html"):
        page = (CORPUS / entry["path"]).read_text(encoding="utf-8")
        assert f'<html lang="{entry["language"]}">' in page
        assert f'<meta property="article:published_time" content="{entry["published"]}">' in page
        assert f'<meta property="og:site_name" content="{entry["outlet"]}">' in page
        assert f'<time datetime="{entry["published"]}">' in page


def test_planted_facts_are_complete(manifest: dict[str, Any]) -> None:
    kinds = {q["kind"] for q in manifest["quotes"]}
    assert len(kinds) >= 15
    contradiction = manifest["contradictions"][0]["claims"]
    assert {c["value"] for c in contradiction} == {120, 150}
    assert len(manifest["corroborations"][0]["independent"]) >= 3
    dpa = next(w for w in manifest["wire_families"] if w["agency"] == "dpa")
    assert len({c["file"] for c in dpa["copies"]}) >= 4
    assert manifest["translations"][0]["source"] != manifest["translations"][0]["target"]
