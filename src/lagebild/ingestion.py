"""Ingest: read inputs, run the pipeline, store every article in its own transaction.

One bad input never stops the batch (unless ``strict``); every failure is reported with its
origin and a reason that says what to do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO, Literal

from lagebild.claims.extract import extract_claims
from lagebild.claims.extract import relink as relink_claims
from lagebild.entities.analyse import (
    DataFiles,
    EntityData,
    FoundNames,
    analyse_entities,
    entity_data_for,
    known_names,
    open_registry,
)
from lagebild.entities.registry import EntityRegistry
from lagebild.errors import LagebildError, internal_error, one_line
from lagebild.events.features import article_features
from lagebild.events.online import Relater
from lagebild.events.store import open_relater
from lagebild.pipeline import Pipeline, analysed_article, default_pipeline
from lagebild.preparation import Prepared, TextRelations, prepare_all
from lagebild.quotes import find_quotes, relink_speakers
from lagebild.quotes.groups import sentence_embeddings
from lagebild.records import (
    Article,
    Claim,
    Entity,
    NerLabel,
    Quote,
    RawDocument,
    SourceFailure,
)
from lagebild.settings import Settings
from lagebild.sources import read_inputs
from lagebild.sources.web import FetchSettings
from lagebild.store import Store
from lagebild.store.search import index_new_revisions
from lagebild.store.store import SaveResult

log = logging.getLogger(__name__)
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
    pipeline = pipeline or default_pipeline(entities=settings.entities, quotes=settings.quotes)
    raws = read_inputs(inputs, settings=fetch_settings(settings), stdin=stdin)
    for result in pipeline.process(raws):
        if isinstance(result, SourceFailure):
            yield None, result
        else:
            yield result["raw"], analysed_article(result)


def ingest(
    inputs: Sequence[str],
    store: Store,
    *,
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
    strict: bool = False,
    on_item: Callable[[ItemResult], None] | None = None,
    origins: Mapping[str, str] | None = None,
) -> IngestReport:
    """Ingest every input into ``store``; returns a report. Ctrl-C stops after the current
    article: everything committed stays, and rerunning the same command completes the set.
    ``origins`` names inputs for the record: what is read from input X (a JSON Lines line
    ``X#L3`` too) is stored and reported as from ``origins[X]`` (an upload's own file name
    instead of the temporary file it was written to)."""
    report = IngestReport()
    try:
        settings = settings or Settings()
        raws = read_inputs(inputs, settings=fetch_settings(settings), stdin=stdin)
        if origins:
            raws = (_renamed(item, origins) for item in raws)
        prepared = prepare_all(
            raws,
            entities=settings.entities,
            workers=settings.workers,
            data_files=data_files(settings),
            quotes=settings.entities and settings.quotes,
            relate=settings.events,
            claims=settings.claims,
        )
        for item in _ingest_items(prepared, store, settings):
            report.items.append(item)
            if on_item is not None:
                on_item(item)
            if strict and item.outcome == "failed":
                break
    except KeyboardInterrupt:
        report.interrupted = True
    return report


def _renamed(
    item: RawDocument | SourceFailure, origins: Mapping[str, str]
) -> RawDocument | SourceFailure:
    for given, name in origins.items():
        if item.origin == given or item.origin.startswith(given + "#"):
            return replace(item, origin=name + item.origin[len(given) :])
    return item


def data_files(settings: Settings) -> DataFiles:
    return (settings.gazetteer, settings.roles, settings.aliases)


class _EntityLinker:
    """Entity analysis at ingest time: with the names the store already knows (corpus-level
    consistency) and linking to the store's registry. Loaded on the first article."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self._store = store
        self._settings = settings
        self._data: EntityData | None = None
        self._registry: EntityRegistry | None = None
        self._known: dict[str, NerLabel] = {}

    def __call__(
        self,
        article: Article,
        found: FoundNames | None,
        quotes: tuple[Quote, ...] | None = None,
        claims: tuple[Claim, ...] | None = None,
    ) -> tuple[Article, tuple[Entity, ...]]:
        """The article with its linked entities (and, if asked, its quotes and claims), and
        the registry entities it refers to. ``quotes`` and ``claims`` found beside ``found``
        in a worker are kept when the corpus-level names changed nothing (the speakers take
        their linked names); else they are found again."""
        if self._registry is None or self._data is None:
            self._data = entity_data_for(data_files(self._settings))
            self._registry = open_registry(self._store.entities(), self._data)
            self._known = known_names(self._registry.entities())
        registry = self._registry
        analysis = analyse_entities(article, known=self._known, data=self._data, found=found)
        linked = registry.link(
            analysis.entities, article_id=article.id, language=article.meta.language
        )
        ids = dict.fromkeys(entity.entity_id for entity in linked if entity.entity_id)
        touched = tuple(e for i in ids if (e := registry.entity(i)) is not None)
        for name, label in known_names(touched).items():
            self._known.setdefault(name, label)
        article = replace(article, entities=linked)
        reused = found is not None and analysis is found.analysis
        if self._settings.quotes:
            if quotes is None or not reused:
                sentences = found.sentences if found is not None else None
                quotes, claims = find_quotes(article, analysis.entities, sentences), None
            relinked = relink_speakers(quotes, analysis.entities, linked)
            article = replace(article, quotes=relinked)
            if claims is not None:
                claims = relink_claims(claims, quotes, relinked)
        else:
            claims = None  # workers find claims only beside quotes
        if self._settings.claims:
            found_claims = claims if claims is not None else extract_claims(article)
            article = replace(article, claims=found_claims)
        return article, touched


class _Relations:
    """Lineage, event and story of each saved article; the indexes are loaded from the
    store on the first article."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._relater: Relater | None = None
        self.changed: dict[str, None] = {}  # stories this ingest changed, in order

    def __call__(self, article: Article, saved: SaveResult, text: TextRelations | None) -> None:
        if saved.status == "unchanged" and self._store.has_relations(article.id, saved.revision):
            return
        if self._relater is None:
            self._relater = open_relater(self._store)
        article = replace(article, revision=saved.revision)
        if text is None:
            related = self._relater.relate(article)
        else:
            features = article_features(article, event_date=text.date, vector=text.vector)
            related = self._relater.relate(article, features=features, signature=text.signature)
        self._store.save_relations(related, saved.revision)
        self.changed[related.story_id] = None
        for gone in related.removed_stories:
            self.changed.pop(gone, None)

    def prepare_digests(self, settings: Settings) -> None:
        """The digest of every story this ingest changed, computed now and cached in the
        store (the pages and exports ask for these; a story an ingest did not change keeps
        its cached digest). A story whose digest fails keeps none: it is computed, and the
        failure shown, when first asked for."""
        for story_id in self.changed:
            try:
                self._store.digest(
                    story_id,
                    language=settings.summary_language,
                    length=settings.summary_sentences,
                )
            except Exception:  # an analysis of its own: the articles are stored already
                log.exception("digest of story %s failed; it is computed when asked for", story_id)


def _ingest_items(
    prepared: Iterable[Prepared], store: Store, settings: Settings
) -> Iterator[ItemResult]:
    link = _EntityLinker(store, settings)
    relate = _Relations(store) if settings.events else None
    embed = sentence_embeddings if settings.entities and settings.quotes else None
    for item in prepared:
        raw, result = item.raw, item.result
        if isinstance(result, SourceFailure) or raw is None:
            assert isinstance(result, SourceFailure)
            yield ItemResult(origin=result.origin, outcome="failed", reason=result.reason)
            continue
        try:
            linked: tuple[Entity, ...] = ()
            if settings.entities:
                result, linked = link(result, item.found, item.quotes, item.claims)
            elif settings.claims:
                result = replace(result, claims=extract_claims(result))
            saved = store.save(
                result,
                raw,
                linked,
                quotes=embed is not None,
                claims=settings.claims,
                embed=embed,
            )
            if relate is not None:
                relate(result, saved, item.text)
        except LagebildError as exc:
            yield ItemResult(origin=result.origin, outcome="failed", reason=one_line(exc))
            continue
        except Exception as exc:  # a bug in entity or quote analysis must not kill the batch
            reason = internal_error(exc)
            yield ItemResult(origin=result.origin, outcome="failed", reason=reason)
            continue
        yield ItemResult(origin=result.origin, outcome=saved.status, article_id=saved.article_id)
    index_new_revisions(store)  # the first search after an ingest need not wait
    if relate is not None and settings.digests:
        relate.prepare_digests(settings)
