"""Full-text search (lagebild.store.search): SQLite FTS5 filled lazily and incrementally, only
current revisions found, user input never parsed as query syntax; PostgreSQL with the German
configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lagebild.api import ingest
from lagebild.settings import Settings
from lagebild.store import Store
from lagebild.store.search import (
    MARK_END,
    MARK_START,
    SearchFilters,
    fts_query,
    search_store,
)

FAST = {"entities": False, "quotes": False, "events": False, "claims": False}


def write(folder: Path, name: str, title: str, body: str) -> str:
    path = folder / name
    path.write_text(f"{title}\n\n{body}", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Brücke Lindenau", '"Brücke"* "Lindenau"*'),
        ('NEAR("a" b) OR c*', '"NEAR"* "a"* "b"* "OR"* "c"*'),
        ("a:b -c", '"a"* "b"* "c"*'),
        ("  ", ""),
        ('"', ""),
    ],
)
def test_user_input_becomes_quoted_prefix_terms(query: str, expected: str) -> None:
    assert fts_query(query) == expected


def test_new_articles_are_indexed_on_the_next_search(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    settings = Settings(db=db, **FAST)
    with Store.open(db) as store:
        ingest(
            [write(tmp_path, "a.txt", "Hafenbrücke gesperrt", "Die Hafenbrücke bleibt zu.")],
            store,
            settings=settings,
        )
        first = search_store(store, "Hafenbrücke")
        assert len(first.hits) == 1
        assert f"{MARK_START}Hafenbrücke{MARK_END}" in first.hits[0].snippet
        assert search_store(store, "Fährverbindung").hits == ()
        ingest(
            [write(tmp_path, "b.txt", "Neue Fährverbindung", "Eine Fährverbindung ersetzt sie.")],
            store,
            settings=settings,
        )
        assert len(search_store(store, "Fährverbindung").hits) == 1
        assert len(search_store(store, "Fahrverbindung").hits) == 1  # diacritics folded


def test_only_current_revisions_are_found(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    settings = Settings(db=db, **FAST)
    record = tmp_path / "r.jsonl"
    url = "https://example.org/artikel"
    with Store.open(db) as store:
        old = {"url": url, "title": "Alte Fassung", "text": "Zunächst hieß es Sturmflut."}
        record.write_text(json.dumps(old) + "\n", encoding="utf-8")
        ingest([str(record)], store, settings=settings)
        assert len(search_store(store, "Sturmflut").hits) == 1
        new = {"url": url, "title": "Neue Fassung", "text": "Später hieß es Hochwasser."}
        record.write_text(json.dumps(new) + "\n", encoding="utf-8")
        ingest([str(record)], store, settings=settings)
        assert search_store(store, "Sturmflut").hits == ()
        assert [h.title for h in search_store(store, "Hochwasser").hits] == ["Neue Fassung"]


def test_filters_and_pages(tmp_path: Path) -> None:
    db = str(tmp_path / "f.db")
    with Store.open(db) as store:
        paths = [
            write(tmp_path, f"{i}.txt", f"Deichbau Nummer {i}", f"Der Deichbau {i} beginnt.")
            for i in range(5)
        ]
        ingest(paths, store, settings=Settings(db=db, **FAST))
        first = search_store(store, "Deichbau", limit=2)
        second = search_store(store, "Deichbau", limit=2, offset=2)
        last = search_store(store, "Deichbau", limit=2, offset=4)
        assert first.more and second.more and not last.more
        ids = [h.article_id for page in (first, second, last) for h in page.hits]
        assert len(set(ids)) == 5
        assert search_store(store, "Deichbau", filters=SearchFilters(language="xx")).hits == ()
        language = first.hits[0].language
        same = search_store(store, "Deichbau", limit=10, filters=SearchFilters(language=language))
        assert (
            len(same.hits)
            == sum(1 for page in (first, second, last) for h in page.hits if h.language == language)
            > 0
        )


@pytest.mark.postgres
def test_postgres_searches_with_the_german_configuration(pg_url: str, tmp_path: Path) -> None:
    settings = Settings(db=pg_url, **FAST)
    with Store.open(pg_url) as store:
        ingest(
            [
                write(tmp_path, "a.txt", "Brücken gesperrt", "Alle Brücken der Stadt sind zu."),
                write(tmp_path, "b.txt", "Wetter", "Morgen regnet es in der ganzen Region."),
            ],
            store,
            settings=settings,
        )
        found = search_store(store, "Brücke")  # German stemming: Brücke finds Brücken
        assert len(found.hits) == 1
        assert f"{MARK_START}Brücken{MARK_END}" in found.hits[0].snippet
        region = search_store(store, '"ganzen Region" -Brücke')
        assert len(region.hits) == 1 and "Region" in region.hits[0].snippet
        assert search_store(store, "Brücke", filters=SearchFilters(language="en")).hits == ()
