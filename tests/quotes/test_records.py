"""Quote export records (issue #4): fields, JSON Schema, JSON Lines / CSV / Parquet, store."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pyarrow.parquet as pq
import pytest

from lagebild.api import iter_records
from lagebild.export import QUOTE_FIELDS, export_records, quote_record
from lagebild.quotes import quote_id
from lagebild.quotes.extract import bare_article
from lagebild.records import Quote, RawDocument, TextSpan
from lagebild.store import Store

SCHEMA: dict[str, Any] = json.loads(
    resources.files("lagebild").joinpath("schema/records.schema.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
TEXT = "Der Kremlchef sagte, Russland sei zu Gesprächen bereit. „Wir sind offen“, so Peskow."


def span(part: str) -> TextSpan:
    start = TEXT.index(part)
    return TextSpan(text=part, start=start, end=start + len(part))


def quotes() -> tuple[Quote, ...]:
    reported, direct = span("Russland sei zu Gesprächen bereit"), span("Wir sind offen")
    return (
        Quote(
            text=reported.text,
            start=reported.start,
            end=reported.end,
            kind="indirect",
            cue=span("sagte"),
            speaker="Wladimir Putin",
            speaker_mention=span("Kremlchef"),
            speaker_entity="per-wladimir-putin",
            confidence=0.91,
        ),
        Quote(
            text=direct.text,
            start=direct.start,
            end=direct.end,
            kind="direct",
            cue=None,
            speaker=None,
            speaker_mention=None,
            confidence=0.4,
        ),
    )


def test_quote_record_has_every_field_in_order() -> None:
    record = quote_record(quotes()[0], article_id="a_1", origin="x.txt")
    assert tuple(record) == QUOTE_FIELDS
    assert record["id"] == quote_id("a_1", quotes()[0])
    assert record["speaker_mention"] == {"text": "Kremlchef", "start": 4, "end": 13}
    assert TEXT[record["cue_start"] : record["cue_end"]] == record["cue"] == "sagte"
    assert TEXT[record["start"] : record["end"]] == record["text"]
    assert (record["group_id"], record["group_size"]) == (None, None)


def test_every_quote_field_is_documented_and_required() -> None:
    quote = SCHEMA["$defs"]["quote"]
    assert set(quote["properties"]) == set(QUOTE_FIELDS) == set(quote["required"])
    assert all(
        spec.get("description") for name, spec in quote["properties"].items() if name != "type"
    )
    assert {"$ref": "#/$defs/quote"} in SCHEMA["oneOf"]


@pytest.mark.parametrize("index", [0, 1])
def test_quote_records_validate(index: int) -> None:
    VALIDATOR.validate(quote_record(quotes()[index], article_id="a_1", origin="x.txt"))


def test_an_unknown_kind_is_invalid() -> None:
    record = quote_record(quotes()[0], article_id="a_1", origin="x.txt")
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate({**record, "kind": "rumour"})


def _stored(tmp_path: Path) -> Store:
    """Two outlets printing the same wire text, quotes and all."""
    store = Store.open(str(tmp_path / "q.db"))
    for index in range(2):
        data = f"{TEXT} ({index})".encode()
        article = replace(bare_article(TEXT), id=f"copy-{index}", quotes=quotes())
        article = replace(article, content_hash=hashlib.sha256(data).hexdigest())
        store.save(article, RawDocument(origin=f"copy-{index}.txt", data=data, format="text"))
    return store


def test_exported_stored_quote_records_validate_with_their_groups(tmp_path: Path) -> None:
    with _stored(tmp_path) as store:
        records = list(iter_records(store, ["quote"]))
    assert len(records) == 4
    for record in records:
        VALIDATOR.validate(record)
        assert record["type"] == "quote" and record["group_size"] == 2
    assert records[0]["group_id"] == records[0]["id"] == records[2]["group_id"]


def test_quote_records_in_csv_and_parquet(tmp_path: Path) -> None:
    with _stored(tmp_path) as store:
        records = list(iter_records(store, ["quote"]))
    out = io.BytesIO()
    assert export_records(records, "csv", out, "quote") == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert tuple(rows[0]) == QUOTE_FIELDS
    assert json.loads(rows[0]["speaker_mention"])["text"] == "Kremlchef"
    assert rows[1]["speaker_mention"] == "" and rows[1]["cue"] == ""
    path = tmp_path / "quotes.parquet"
    assert export_records(records, "parquet", path, "quote") == 4
    table = pq.read_table(path)
    assert table.column_names == list(QUOTE_FIELDS)
    assert str(table.schema.field("start").type) == "int64"
    assert str(table.schema.field("confidence").type) == "double"
    assert table.column("group_size").to_pylist() == [2, 2, 2, 2]


def test_an_interrupted_quote_exports_its_parts() -> None:
    text = "„Wir kommen“, sagte sie, „und bleiben.“"
    first = TextSpan(text="Wir kommen", start=1, end=11)
    second = TextSpan(text="und bleiben.", start=26, end=38)
    assert text[second.start : second.end] == second.text
    quote = Quote(
        text="Wir kommen und bleiben.",
        start=first.start,
        end=second.end,
        kind="direct",
        cue=TextSpan(text="sagte", start=14, end=19),
        speaker=None,
        speaker_mention=TextSpan(text="sie", start=20, end=23),
        confidence=0.9,
        parts=(first, second),
    )
    record = quote_record(quote, article_id="a_1", origin="x.txt")
    VALIDATOR.validate(record)
    assert record["parts"] == [
        {"text": "Wir kommen", "start": 1, "end": 11},
        {"text": "und bleiben.", "start": 26, "end": 38},
    ]
