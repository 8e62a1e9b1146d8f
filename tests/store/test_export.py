"""Export: the article record contract and the three formats, written atomically (issue #2)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from store_suite import LEAD, TITLE, make_article

from lagebild.errors import StorageError
from lagebild.export import ARTICLE_FIELDS, article_record, export_records
from lagebild.records import Metadata


def records(n: int = 2) -> list[dict[str, Any]]:
    return [article_record(make_article(f"v{i}".encode(), article_id=f"a{i}")) for i in range(n)]


def test_article_record_has_exactly_the_contract_fields() -> None:
    record = article_record(make_article())
    assert tuple(record) == ARTICLE_FIELDS
    assert record["type"] == "article" and record["revision"] == 1
    assert (record["published"], record["published_precision"]) == ("2025-09-16", "day")
    assert record["authors"] == ["Anna Beispiel", "Jörg Muster"] and record["agency"] == ["dpa"]
    assert record["translated_from"] == {
        "language": "en",
        "publisher": "The Guardian",
        "published": "2025-09",
        "evidence": "Aus dem Englischen.",
    }
    assert record["removed"] == [
        {"label": "navigation", "text": "Startseite Politik"},
        {"label": "caption", "text": "Die Brücke. Foto: dpa"},
        {"label": "translation_note", "text": "Aus dem Englischen."},
    ]
    assert record["blocks"][:2] == [
        {"label": "title", "start": 0, "end": 0},
        {"label": "lead", "start": 0, "end": len(LEAD)},
    ]
    assert record["title"] == TITLE and record["event_id"] is None


def test_article_record_without_metadata() -> None:
    bare = article_record(replace(make_article(), meta=Metadata()))
    assert bare["published"] is None and bare["published_precision"] is None
    assert bare["translated_from"] is None and bare["authors"] == []
    assert bare["metadata_sources"] == {}


def test_jsonl_is_one_compact_utf8_object_per_line(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert export_records(records(), "jsonl", out) == 2
    raw = out.read_bytes()
    assert "Jörg".encode() in raw and b"\\u" not in raw and b'": ' not in raw
    lines = raw.decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records()


def test_jsonl_to_a_stream() -> None:
    stream = io.BytesIO()
    assert export_records(records(3), "jsonl", stream) == 3
    assert len(stream.getvalue().splitlines()) == 3


def test_csv_has_a_header_and_json_cells(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert export_records(records(), "csv", out) == 2
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == ARTICLE_FIELDS and len(rows) == 2
    expected = records()[0]
    assert rows[0]["text"] == expected["text"] and rows[0]["revision"] == "1"
    assert json.loads(rows[0]["removed"]) == expected["removed"]
    assert json.loads(rows[0]["authors"]) == expected["authors"]
    assert rows[0]["event_id"] == ""


def test_csv_to_a_stream_leaves_it_open() -> None:
    stream = io.BytesIO()
    export_records(records(1), "csv", stream)
    assert not stream.closed and stream.getvalue().startswith(b"type,id,revision,")


def test_parquet_lists_and_json_strings(tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    assert export_records(records(), "parquet", out) == 2
    table = pq.read_table(out)
    assert tuple(table.column_names) == ARTICLE_FIELDS
    rows = table.to_pylist()
    expected = records()[1]
    assert rows[1]["authors"] == expected["authors"] and rows[1]["revision"] == 1
    assert json.loads(rows[1]["translated_from"]) == expected["translated_from"]
    assert json.loads(rows[1]["blocks"]) == expected["blocks"]


def test_parquet_with_no_records_still_has_the_columns(tmp_path: Path) -> None:
    out = tmp_path / "empty.parquet"
    assert export_records([], "parquet", out) == 0
    assert tuple(pq.read_table(out).column_names) == ARTICLE_FIELDS


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_failed_export_leaves_no_half_file(tmp_path: Path, fmt: Any) -> None:
    out = tmp_path / f"out.{fmt}"
    out.write_bytes(b"previous export")

    def failing() -> Any:
        yield from records(1)
        raise StorageError("store vanished")

    with pytest.raises(StorageError, match="store vanished"):
        export_records(failing(), fmt, out)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_export_into_a_missing_folder_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="choose a writable output path"):
        export_records(records(1), "jsonl", tmp_path / "missing" / "out.jsonl")


def test_unknown_format_is_a_storage_error(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="choose one of jsonl, csv, parquet"):
        export_records(records(1), "xml", tmp_path / "x.xml")  # type: ignore[arg-type]
