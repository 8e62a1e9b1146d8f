"""Turn records into table rows and back, losslessly.

``article_row`` and ``row_article`` are inverses: ``row_article(article_row(a, n)) ==
replace(a, revision=n)``. Nested parts are compact JSON; keys keep their
insertion order, so ``Metadata.sources`` comes back as it went in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from lagebild.records import (
    Article,
    Block,
    BlockLabel,
    Metadata,
    PartialDate,
    RawDocument,
    TranslatedFrom,
)


def dumps(value: Any) -> str:
    """Compact JSON that keeps non-ASCII text readable in the database."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def partial_date(value: str | None) -> PartialDate | None:
    return PartialDate.parse(value) if value else None


def translated_from_to_json(tf: TranslatedFrom | None) -> dict[str, Any] | None:
    if tf is None:
        return None
    return {
        "language": tf.language,
        "publisher": tf.publisher,
        "published": tf.published.isoformat() if tf.published else None,
        "evidence": tf.evidence,
    }


def translated_from_from_json(data: Mapping[str, Any] | None) -> TranslatedFrom | None:
    if data is None:
        return None
    return TranslatedFrom(
        language=data["language"],
        publisher=data["publisher"],
        published=partial_date(data["published"]),
        evidence=data["evidence"],
    )


def meta_to_json(meta: Metadata) -> dict[str, Any]:
    return {
        "language": meta.language,
        "published": meta.published.isoformat() if meta.published else None,
        "outlet": meta.outlet,
        "authors": list(meta.authors),
        "agency": list(meta.agency),
        "dateline": meta.dateline,
        "translated_from": translated_from_to_json(meta.translated_from),
        "sources": dict(meta.sources),
    }


def meta_from_json(data: Mapping[str, Any]) -> Metadata:
    return Metadata(
        language=data["language"],
        published=partial_date(data["published"]),
        outlet=data["outlet"],
        authors=tuple(data["authors"]),
        agency=tuple(data["agency"]),
        dateline=data["dateline"],
        translated_from=translated_from_from_json(data["translated_from"]),
        sources=dict(data["sources"]),
    )


def blocks_to_json(blocks: tuple[Block, ...]) -> list[list[Any]]:
    return [[b.label.value, b.text, b.start, b.end] for b in blocks]


def blocks_from_json(data: list[list[Any]]) -> tuple[Block, ...]:
    return tuple(
        Block(label=BlockLabel(label), text=text, start=start, end=end)
        for label, text, start, end in data
    )


def article_row(article: Article, revision: int, stored_at: dt.datetime) -> dict[str, Any]:
    """The ``revisions`` row for ``article`` stored as revision number ``revision``."""
    meta = article.meta
    return {
        "article_id": article.id,
        "revision": revision,
        "content_hash": article.content_hash,
        "origin": article.origin,
        "url": article.url,
        "title": article.title,
        "text": article.text,
        "blocks": dumps(blocks_to_json(article.blocks)),
        "meta": dumps(meta_to_json(meta)),
        "source_format": article.source_format,
        "encoding": article.encoding,
        "event_id": article.event_id,
        "story_id": article.story_id,
        "language": meta.language,
        "outlet": meta.outlet,
        "published": meta.published.isoformat() if meta.published else None,
        "stored_at": stored_at,
    }


def row_article(row: Mapping[str, Any]) -> Article:
    """Rebuild the ``Article`` from its ``revisions`` row."""
    return Article(
        id=row["article_id"],
        origin=row["origin"],
        url=row["url"],
        content_hash=row["content_hash"],
        revision=row["revision"],
        title=row["title"],
        text=row["text"],
        blocks=blocks_from_json(json.loads(row["blocks"])),
        meta=meta_from_json(json.loads(row["meta"])),
        source_format=row["source_format"],
        encoding=row["encoding"],
        event_id=row["event_id"],
        story_id=row["story_id"],
    )


def raw_row(raw: RawDocument, content_hash: str, stored_at: dt.datetime) -> dict[str, Any]:
    """The ``raw_documents`` row keeping ``raw`` under the article's content hash."""
    return {
        "content_hash": content_hash,
        "data": raw.data,
        "format": raw.format,
        "origin": raw.origin,
        "url": raw.url,
        "declared_encoding": raw.declared_encoding,
        "fields": dumps(dict(raw.fields)),
        "fetched_at": raw.fetched_at,
        "stored_at": stored_at,
    }
