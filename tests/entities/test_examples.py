"""Issue #3 acceptance on the two real examples in ../shared/examples: every person in
expected.json is exactly one entity with the right canonical name, and no role noun or
non-person becomes a person."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from lagebild.ingestion import analyse, ingest
from lagebild.records import Article, ArticleEntity
from lagebild.store import Store

NAMES = ["dpa-afx-trump-putin-telefonat.txt", "dpa-trump-putin-verhandlungen.txt"]
NOT_PERSONS = {"Kremlchef", "Truth Social", "Air Force Two", "Nato", "NATO"}


@pytest.fixture(scope="module")
def stored(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Article]:
    with Store.open(str(tmp_path_factory.mktemp("examples") / "s.db")) as store:
        report = ingest([str(examples_dir / name) for name in NAMES], store)
        assert report.ok
        result = {}
        for article in store.articles():
            entities = store.article_entities(article.id, article.revision)
            result[Path(article.origin).name] = replace(article, entities=entities)
        return result


def _persons(article: Article) -> list[ArticleEntity]:
    return [entity for entity in article.entities if entity.kind == "person"]


def _expected(expected: dict[str, Any], name: str, key: str = "persons") -> list[str]:
    return [person.split(" (")[0] for person in expected[name].get(key, [])]


@pytest.mark.parametrize("name", NAMES)
def test_every_expected_person_is_exactly_one_entity(
    stored: dict[str, Article], expected: dict[str, Any], name: str
) -> None:
    names = [entity.name for entity in _persons(stored[name])]
    for person in _expected(expected, name):
        assert names.count(person) == 1, f"{person}: {names}"


@pytest.mark.parametrize("name", NAMES)
def test_no_role_noun_or_non_person_is_a_person(
    stored: dict[str, Article], expected: dict[str, Any], name: str
) -> None:
    persons = _persons(stored[name])
    allowed = set(_expected(expected, name)) | set(_expected(expected, name, "optional_persons"))
    assert not {entity.name for entity in persons} & NOT_PERSONS
    assert {entity.name for entity in persons} <= allowed


def test_the_same_person_has_one_id_across_the_two_articles(stored: dict[str, Article]) -> None:
    ids = [{entity.name: entity.entity_id for entity in _persons(stored[name])} for name in NAMES]
    for person in ("Donald Trump", "Wladimir Putin", "Wolodymyr Selenskyj"):
        assert ids[0][person] == ids[1][person]


def test_kremlchef_is_a_mention_of_putin(stored: dict[str, Article]) -> None:
    article = stored[NAMES[0]]
    [putin] = [e for e in article.entities if e.name == "Wladimir Putin"]
    forms = {(m.text, m.form) for m in putin.mentions}
    assert ("Kremlchef", "role") in forms
    assert ("Putins", "genitive") in forms
    for mention in putin.mentions:
        assert article.text[mention.start : mention.end] == mention.text


def test_analyse_without_a_store_groups_entities_too(examples_dir: Path) -> None:
    [(_raw, article)] = list(analyse([str(examples_dir / NAMES[1])]))
    assert isinstance(article, Article)
    names = {entity.name for entity in _persons(article)}
    assert {"Donald Trump", "Wladimir Putin", "Dmitri Peskow"} <= names


def test_exported_entity_and_article_records_match_the_schema(
    examples_dir: Path, tmp_path: Path
) -> None:
    import json
    from importlib import resources

    import jsonschema

    from lagebild.api import iter_records

    schema = json.loads(
        resources.files("lagebild").joinpath("schema/records.schema.json").read_text("utf-8")
    )
    validator = jsonschema.Draft202012Validator(schema)
    with Store.open(str(tmp_path / "s.db")) as store:
        ingest([str(examples_dir / name) for name in NAMES], store)
        records = list(iter_records(store))
    kinds = {record["type"] for record in records}
    assert kinds >= {"article", "entity", "quote", "event", "story"}
    for record in records:
        validator.validate(record)
    articles = {r["id"]: r for r in records if r["type"] == "article"}
    for record in records:
        if record["type"] == "entity":
            for mention in record["mentions"]:
                text = articles[mention["article_id"]]["text"]
                assert text[mention["start"] : mention["end"]] == mention["text"]
        elif record["type"] == "article":
            assert record["mentions"], "every example article mentions entities"
