"""A small Python API for notebooks and scripts.

>>> import lagebild
>>> store = lagebild.open_store("news.db")
>>> report = lagebild.ingest(["articles/"], store)
>>> for record in lagebild.iter_records(store): ...
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from lagebild import ingestion as _ingest
from lagebild.errors import ConfigError
from lagebild.export import (
    RECORD_TYPES,
    article_record,
    claim_record,
    entity_record,
    event_record,
    lineage_record,
    quote_record,
    story_record,
    summary_record,
)
from lagebild.records import Article, SourceFailure
from lagebild.settings import SUMMARY_SENTENCES, Settings, load_settings
from lagebild.store import Store


def open_store(target: str | None = None) -> Store:
    """Open (and migrate) a store: a path, an SQLAlchemy URL, or the configured default."""
    return Store.open(target if target is not None else load_settings().db)


def ingest(
    inputs: Sequence[str] | str, store: Store, *, settings: Settings | None = None
) -> _ingest.IngestReport:
    """Ingest files, folders, globs, URLs or feeds into ``store``."""
    items = [inputs] if isinstance(inputs, str) else list(inputs)
    return _ingest.ingest(items, store, settings=settings or load_settings())


def analyse(
    inputs: Sequence[str] | str, *, settings: Settings | None = None
) -> Iterator[Article | SourceFailure]:
    """Read and analyse inputs (entities, quotes) without storing anything."""
    items = [inputs] if isinstance(inputs, str) else list(inputs)
    for _raw, result in _ingest.analyse(items, settings=settings or load_settings()):
        yield result


def iter_records(
    store: Store,
    types: Sequence[str] = RECORD_TYPES,
    *,
    language: str | None = None,
    length: int = SUMMARY_SENTENCES,
) -> Iterator[dict[str, Any]]:
    """Every stored record of the given types as the export contract's dictionaries:
    articles (with their entity mentions) first, then the registry's entities, the events
    (each member with its explanation), the stories (with their timelines), the summaries of
    every event and story, the claims with their groups and status, the lineage edges, and
    the quotes of every article with their groups. ``language`` and ``length`` shape the
    summaries (settings ``summary_language``, ``summary_sentences``)."""
    unknown = [name for name in types if name not in RECORD_TYPES]
    if unknown:
        raise ConfigError(
            f"Unknown record type(s) {', '.join(unknown)}; choose from {', '.join(RECORD_TYPES)}."
        )
    if "article" in types:
        for article in store.articles():
            entities = store.article_entities(article.id, article.revision)
            yield article_record(replace(article, entities=entities))
    if "entity" in types:
        for entity, mentions in store.entity_mentions():
            yield entity_record(entity, mentions)
    digest_types = {"story", "claim", "summary"}
    if "event" in types or digest_types & set(types):
        found, stories = store.events()
        if "event" in types:
            members = store.memberships()
            for event in found:
                yield event_record(event, members)
        digests = {
            story.id: digest
            for story in stories
            if digest_types & set(types)
            and (digest := store.digest(story.id, language=language, length=length)) is not None
        }
        if "story" in types:
            for story in stories:
                digest = digests.get(story.id)
                yield story_record(story, digest.timeline if digest else ())
        if "summary" in types:
            for story in stories:
                digest = digests.get(story.id)
                for summary in digest.summaries if digest else ():
                    kind = "story" if summary.target == story.id else "event"
                    yield summary_record(summary, kind)
        if "claim" in types:
            group_of = {
                claim_id: group
                for digest in digests.values()
                for group in digest.groups
                for claim_id in (*group.supporting, *group.opposing)
            }
            for claim in store.claims():
                yield claim_record(claim, group_of.get(claim.id))
    if "lineage" in types:
        for edge in store.lineage():
            yield lineage_record(edge)
    if "quote" in types:
        for stored in store.iter_quotes():
            yield quote_record(
                stored.quote,
                article_id=stored.article_id,
                origin=stored.origin,
                group_size=stored.group_size,
            )
