"""Ingest: read inputs, run the pipeline, store every article in its own transaction.

One bad input never stops the batch (unless ``strict``); every failure is reported with its
origin and a reason that says what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, Literal

from lagebild.errors import LagebildError
from lagebild.pipeline import Pipeline, default_pipeline
from lagebild.records import Article, RawDocument, SourceFailure
from lagebild.settings import Settings
from lagebild.sources import read_inputs
from lagebild.sources.web import FetchSettings
from lagebild.store import Store

Outcome = Literal["new", "unchanged", "revision", "failed"]


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemResult:
    origin: str
    outcome: Outcome
    article_id: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class IngestReport:
    """What an ingest did, item by item."""

    items: list[ItemResult] = field(default_factory=list)
    interrupted: bool = False

    def count(self, outcome: Outcome) -> int:
        return sum(1 for i in self.items if i.outcome == outcome)

    @property
    def failures(self) -> list[ItemResult]:
        return [i for i in self.items if i.outcome == "failed"]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.interrupted


def fetch_settings(settings: Settings) -> FetchSettings:
    return FetchSettings(
        timeout_s=settings.timeout_s,
        max_bytes=settings.max_bytes,
        max_redirects=settings.max_redirects,
        allow_private=settings.allow_private,
    )


def analyse(
    inputs: Sequence[str],
    *,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[tuple[RawDocument | None, Article | SourceFailure]]:
    """Read and analyse inputs without storing anything."""
    settings = settings or Settings()
    pipeline = pipeline or default_pipeline()
    raws = read_inputs(inputs, settings=fetch_settings(settings), stdin=stdin)
    for result in pipeline.process(raws):
        if isinstance(result, SourceFailure):
            yield None, result
        else:
            yield result["raw"], result["article"]


def ingest(
    inputs: Sequence[str],
    store: Store,
    *,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    strict: bool = False,
    on_item: Callable[[ItemResult], None] | None = None,
) -> IngestReport:
    """Ingest every input into ``store``; returns a report. Ctrl-C stops after the current
    article: everything committed stays, and rerunning the same command completes the set."""
    report = IngestReport()
    try:
        for item in _ingest_items(analyse(inputs, settings=settings, stdin=stdin), store):
            report.items.append(item)
            if on_item is not None:
                on_item(item)
            if strict and item.outcome == "failed":
                break
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _ingest_items(
    analysed: Iterable[tuple[RawDocument | None, Article | SourceFailure]], store: Store
) -> Iterator[ItemResult]:
    for raw, result in analysed:
        if isinstance(result, SourceFailure) or raw is None:
            assert isinstance(result, SourceFailure)
            yield ItemResult(origin=result.origin, outcome="failed", reason=result.reason)
            continue
        try:
            saved = store.save(result, raw)
        except LagebildError as exc:
            yield ItemResult(origin=result.origin, outcome="failed", reason=str(exc))
            continue
        yield ItemResult(origin=result.origin, outcome=saved.status, article_id=saved.article_id)
