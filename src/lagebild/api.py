"""A small Python API for notebooks and scripts.

>>> import lagebild
>>> store = lagebild.open_store("news.db")
>>> report = lagebild.ingest(["articles/"], store)
>>> for record in lagebild.iter_records(store): ...
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from lagebild import ingestion as _ingest
from lagebild.export import article_record
from lagebild.records import Article, SourceFailure
from lagebild.settings import Settings, load_settings
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
    """Read and clean inputs without storing anything."""
    items = [inputs] if isinstance(inputs, str) else list(inputs)
    for _raw, result in _ingest.analyse(items, settings=settings or load_settings()):
        yield result


def iter_records(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored record as the export contract's dictionaries."""
    for article in store.articles():
        yield article_record(article)
