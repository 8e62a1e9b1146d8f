"""records.schema.json: a valid draft 2020-12 schema that every exported record matches."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources
from typing import Any

import jsonschema
import pytest
from store_suite import make_article

from lagebild.export import ARTICLE_FIELDS, article_record
from lagebild.records import Metadata

SCHEMA: dict[str, Any] = json.loads(
    resources.files("lagebild").joinpath("schema/records.schema.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_article_field_is_documented() -> None:
    article = SCHEMA["$defs"]["article"]
    assert set(article["properties"]) == set(ARTICLE_FIELDS)
    assert all(spec.get("description") for spec in article["properties"].values())
    assert set(article["required"]) == set(ARTICLE_FIELDS) - {"blocks"}


def test_record_with_translation_and_removed_blocks_is_valid() -> None:
    record = article_record(make_article())
    assert record["translated_from"] and record["removed"]
    VALIDATOR.validate(record)


def test_record_without_metadata_or_blocks_is_valid() -> None:
    article = make_article(language=None, published=None, translated_from=None, sources={})
    record = article_record(replace(article, meta=Metadata(), title=None, url=None))
    del record["blocks"]  # optional
    VALIDATOR.validate(record)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"type": "quote"}, "unknown record type"),
        ({"published": "16.09.2025"}, "not ISO"),
        ({"removed": [{"label": "body", "text": "x"}]}, "body is never removed"),
        ({"surprise": 1}, "unknown field"),
    ],
)
def test_invalid_records_are_rejected(change: dict[str, Any], why: str) -> None:
    record = {**article_record(make_article()), **change}
    assert not VALIDATOR.is_valid(record), why
