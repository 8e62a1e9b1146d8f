"""Export records as JSON Lines, CSV or Parquet, following ``schema/records.schema.json``.

Every record is a flat dictionary with a ``type`` field: ``"article"``, ``"entity"``,
``"quote"``, ``"event"``, ``"story"`` or ``"lineage"``.
JSON Lines holds records of every type; CSV and Parquet hold one type per file (its columns in
``FIELDS[type]``).
Formats:

* **jsonl** – one compact UTF-8 JSON object per line (non-ASCII kept as is).
* **csv** – one row per record, columns in ``ARTICLE_FIELDS`` order; lists and objects are
  JSON-encoded in their cell, ``null`` is an empty cell.
* **parquet** – one row per record; ``authors`` and ``agency`` are proper ``list<string>``
  columns, ``revision`` is ``int64``; the nested objects (``translated_from``, ``removed``,
  ``blocks``, ``metadata_sources``) are JSON strings, so the file reads the same in any tool.

Writing to a path is atomic: a temporary file in the same folder replaces the target only
once everything is written, so a failed export never leaves half a file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, Literal

from lagebild.errors import StorageError
from lagebild.quotes.extract import quote_id
from lagebild.records import (
    Article,
    Block,
    Claim,
    ClaimGroup,
    Entity,
    Event,
    LineageEdge,
    Membership,
    Quote,
    Story,
    Summary,
    TimelineEntry,
)
from lagebild.store.claims import summary_dict, timeline_dict
from lagebild.store.serialise import translated_from_to_json

ExportFormat = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "parquet")

#: Columns of an article record, in the order CSV and Parquet write them.
ARTICLE_FIELDS = (
    "type",
    "id",
    "revision",
    "origin",
    "url",
    "outlet",
    "title",
    "text",
    "language",
    "published",
    "published_precision",
    "authors",
    "agency",
    "dateline",
    "translated_from",
    "removed",
    "blocks",
    "metadata_sources",
    "content_hash",
    "source_format",
    "event_id",
    "story_id",
    "mentions",
)
#: Columns of an entity record.
ENTITY_FIELDS = ("type", "id", "name", "kind", "aliases", "mentions")
#: Columns of a quote record (issue #4: who said what).
QUOTE_FIELDS = (
    "type",
    "id",
    "article_id",
    "origin",
    "text",
    "start",
    "end",
    "kind",
    "cue",
    "cue_start",
    "cue_end",
    "speaker",
    "speaker_entity",
    "speaker_mention",
    "parts",
    "confidence",
    "group_id",
    "group_size",
)
#: Columns of an event record (issue #5), a story record and a lineage edge.
EVENT_FIELDS = (
    "type",
    "id",
    "title",
    "date",
    "date_precision",
    "article_ids",
    "independent_sources",
    "story_id",
    "members",
)
STORY_FIELDS = ("type", "id", "title", "event_ids", "article_ids", "timeline")
#: Columns of a claim record and a summary record (issue #6).
CLAIM_FIELDS = (
    "type",
    "id",
    "event_id",
    "article_id",
    "kind",
    "text",
    "start",
    "end",
    "value_text",
    "value_start",
    "value_end",
    "value",
    "unit",
    "low",
    "high",
    "approximate",
    "date",
    "date_precision",
    "measure",
    "subject",
    "predicate",
    "object",
    "attribution",
    "group_id",
    "status",
    "group_sources",
    "status_reason",
)
SUMMARY_FIELDS = ("type", "target", "target_type", "language", "method", "sentences")
LINEAGE_FIELDS = (
    "type",
    "from_article",
    "to_article",
    "relation",
    "shared_fraction",
    "kept_fraction",
    "from_source",
    "evidence",
    "passages",
)
FIELDS: dict[str, tuple[str, ...]] = {
    "article": ARTICLE_FIELDS,
    "entity": ENTITY_FIELDS,
    "quote": QUOTE_FIELDS,
    "event": EVENT_FIELDS,
    "story": STORY_FIELDS,
    "lineage": LINEAGE_FIELDS,
    "claim": CLAIM_FIELDS,
    "summary": SUMMARY_FIELDS,
}
RECORD_TYPES = tuple(FIELDS)
LIST_FIELDS = frozenset(
    {"authors", "agency", "aliases", "article_ids", "event_ids"}
)  # list<string> columns in Parquet
JSON_FIELDS = frozenset(
    {
        "translated_from",
        "removed",
        "blocks",
        "metadata_sources",
        "mentions",
        "speaker_mention",
        "parts",
        "members",
        "passages",
        "timeline",
        "sentences",
    }
)
INT_FIELDS = frozenset(
    {
        "revision",
        "start",
        "end",
        "cue_start",
        "cue_end",
        "group_size",
        "independent_sources",
        "value_start",
        "value_end",
        "group_sources",
    }
)
FLOAT_FIELDS = frozenset({"confidence", "shared_fraction", "kept_fraction", "value", "low", "high"})
PARQUET_BATCH = 1000  # records per Parquet row group write: bounded memory, few tiny groups


def article_record(article: Article) -> dict[str, Any]:
    """The export record of one article (see the ``article`` definition in the schema).

    ``mentions`` lists where the article mentions which registry entity, in text order."""
    meta = article.meta
    return {
        "type": "article",
        "id": article.id,
        "revision": article.revision,
        "origin": article.origin,
        "url": article.url,
        "outlet": meta.outlet,
        "title": article.title,
        "text": article.text,
        "language": meta.language,
        "published": meta.published.isoformat() if meta.published else None,
        "published_precision": meta.published.precision if meta.published else None,
        "authors": list(meta.authors),
        "agency": list(meta.agency),
        "dateline": meta.dateline,
        "translated_from": translated_from_to_json(meta.translated_from),
        "removed": [{"label": b.label.value, "text": b.text} for b in article.removed],
        "blocks": [_kept_block(b) for b in article.blocks if not b.removed],
        "metadata_sources": dict(meta.sources),
        "content_hash": article.content_hash,
        "source_format": article.source_format,
        "event_id": article.event_id,
        "story_id": article.story_id,
        "mentions": sorted(
            (
                {
                    "entity_id": entity.entity_id,
                    "kind": entity.kind,
                    "text": mention.text,
                    "start": mention.start,
                    "end": mention.end,
                    "form": mention.form,
                }
                for entity in article.entities
                for mention in entity.mentions
            ),
            key=lambda mention: (mention["start"], mention["end"]),
        ),
    }


def entity_record(entity: Entity, mentions: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The export record of one registry entity with its mentions across articles."""
    return {
        "type": "entity",
        "id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
        "mentions": [dict(mention) for mention in mentions],
    }


def quote_record(
    quote: Quote,
    *,
    article_id: str,
    origin: str,
    group_size: int | None = None,
) -> dict[str, Any]:
    """The export record of one quote. ``group_id``/``group_size`` are the statement's group
    across stored articles (null for a quote that was not stored)."""
    cue, mention = quote.cue, quote.speaker_mention
    return {
        "type": "quote",
        "id": quote_id(article_id, quote),
        "article_id": article_id,
        "origin": origin,
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "cue": cue.text if cue else None,
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "speaker": quote.speaker,
        "speaker_entity": quote.speaker_entity,
        "speaker_mention": (
            {"text": mention.text, "start": mention.start, "end": mention.end} if mention else None
        ),
        "parts": [{"text": p.text, "start": p.start, "end": p.end} for p in quote.parts],
        "confidence": quote.confidence,
        "group_id": quote.group_id,
        "group_size": group_size if quote.group_id is not None else None,
    }


def event_record(event: Event, members: Mapping[str, Membership]) -> dict[str, Any]:
    """The export record of one event, each member with why it belongs."""
    return {
        "type": "event",
        "id": event.id,
        "title": event.title,
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date.precision if event.date else None,
        "article_ids": list(event.article_ids),
        "independent_sources": event.independent_sources,
        "story_id": event.story_id,
        "members": [_member(a, members.get(a)) for a in event.article_ids],
    }


def _member(article_id: str, membership: Membership | None) -> dict[str, Any]:
    if membership is None:
        return {"article_id": article_id, "reason": None}
    return {
        "article_id": article_id,
        "similarity": membership.similarity,
        "text_similarity": membership.text_similarity,
        "shared_entities": list(membership.shared_entities),
        "shared_terms": list(membership.shared_terms),
        "time_gap_days": membership.time_gap_days,
        "reason": membership.reason,
    }


def story_record(story: Story, timeline: Sequence[TimelineEntry] = ()) -> dict[str, Any]:
    """The export record of one story with its timeline (events in the order they happened,
    each with a one-line description and its citations)."""
    return {
        "type": "story",
        "id": story.id,
        "title": story.title,
        "event_ids": list(story.event_ids),
        "article_ids": list(story.article_ids),
        "timeline": [timeline_dict(entry) for entry in timeline],
    }


def claim_record(claim: Claim, group: ClaimGroup | None) -> dict[str, Any]:
    """The export record of one claim with the group it is aligned in and that group's
    status (``group_id``/``status`` None when the claim's article is in no event)."""
    return {
        "type": "claim",
        "id": claim.id,
        "event_id": group.event_id if group else None,
        "article_id": claim.article_id,
        "kind": claim.kind,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "value_text": claim.value_span.text,
        "value_start": claim.value_span.start,
        "value_end": claim.value_span.end,
        "value": claim.value,
        "unit": claim.unit,
        "low": claim.low,
        "high": claim.high,
        "approximate": claim.approximate,
        "date": claim.date.isoformat() if claim.date else None,
        "date_precision": claim.date.precision if claim.date else None,
        "measure": claim.measure,
        "subject": claim.subject,
        "predicate": claim.predicate,
        "object": claim.object,
        "attribution": claim.attribution,
        "group_id": group.id if group else None,
        "status": group.status if group else None,
        "group_sources": group.sources if group else None,
        "status_reason": group.reason if group else None,
    }


def summary_record(summary: Summary, target_type: str) -> dict[str, Any]:
    """The export record of one summary: its sentences, each with its citations."""
    value = summary_dict(summary)
    return {
        "type": "summary",
        "target": value["target"],
        "target_type": target_type,
        "language": value["language"],
        "method": value["method"],
        "sentences": value["sentences"],
    }


def lineage_record(edge: LineageEdge) -> dict[str, Any]:
    return {
        "type": "lineage",
        "from_article": edge.from_article,
        "to_article": edge.to_article,
        "relation": edge.relation.value,
        "shared_fraction": round(edge.shared_fraction, 4),
        "kept_fraction": round(edge.kept_fraction, 4),
        "from_source": edge.from_source,
        "evidence": edge.evidence,
        "passages": [[p.from_start, p.from_end, p.to_start, p.to_end] for p in edge.passages],
    }


def _kept_block(block: Block) -> dict[str, Any]:
    return {"label": block.label.value, "start": block.start, "end": block.end}


def export_records(
    records: Iterable[dict[str, Any]],
    fmt: ExportFormat,
    out: Path | BinaryIO,
    record_type: str = "article",
) -> int:
    """Write ``records`` to ``out`` (a path, written atomically, or a binary stream) as
    ``fmt``; returns how many were written. CSV and Parquet take the columns of
    ``record_type`` (and only records of that type belong in them)."""
    if fmt not in FORMATS:
        raise StorageError(f"Cannot export as '{fmt}': choose one of {', '.join(FORMATS)}.")
    if record_type not in FIELDS:
        raise StorageError(
            f"Cannot export records of type '{record_type}': choose one of "
            f"{', '.join(RECORD_TYPES)}."
        )
    fields = FIELDS[record_type]
    writer = _WRITERS[fmt]
    if not isinstance(out, Path):
        return writer(records, out, fields)
    return _atomic(out, lambda stream: writer(records, stream, fields))


def _atomic(path: Path, write: Callable[[BinaryIO], int]) -> int:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise StorageError(
            f"Cannot write '{path}': {exc.strerror or exc}; choose a writable output path."
        ) from exc
    try:
        with os.fdopen(fd, "wb") as stream:
            count = write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count


def _write_jsonl(records: Iterable[dict[str, Any]], out: BinaryIO, fields: tuple[str, ...]) -> int:
    del fields  # JSON Lines keeps every field of every record
    count = 0
    for record in records:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        out.write(line.encode("utf-8") + b"\n")
        count += 1
    return count


def _write_csv(records: Iterable[dict[str, Any]], out: BinaryIO, fields: tuple[str, ...]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text)
        writer.writerow(fields)
        count = 0
        for record in records:
            writer.writerow([_csv_cell(record.get(name)) for name in fields])
            count += 1
        text.flush()
    finally:
        text.detach()  # leave ``out`` open for the caller
    return count


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _write_parquet(
    records: Iterable[dict[str, Any]], out: BinaryIO, fields: tuple[str, ...]
) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(pa, fields)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for batch in _batches(records, PARQUET_BATCH):
            columns = {
                name: [_parquet_cell(name, r.get(name)) for r in batch] for name in schema.names
            }
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            count += len(batch)
    return count


def _parquet_schema(pa: Any, fields: tuple[str, ...]) -> Any:
    def kind(name: str) -> Any:
        if name in INT_FIELDS:
            return pa.int64()
        if name in FLOAT_FIELDS:
            return pa.float64()
        return pa.list_(pa.string()) if name in LIST_FIELDS else pa.string()

    return pa.schema([(name, kind(name)) for name in fields])


def _parquet_cell(name: str, value: Any) -> Any:
    if name in JSON_FIELDS and value is not None:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


_WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], BinaryIO, tuple[str, ...]], int]] = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "parquet": _write_parquet,
}
