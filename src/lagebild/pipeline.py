"""Orchestration: stages declare what they need and produce; the pipeline checks the order.

A stage is a pure function over named layers. The foundation's layers are::

    raw (RawDocument) -> decoded (DecodedText) -> cleaned (Cleaned) -> metadata -> article

Later stages (sentences, entities, quotes, ...) register with ``@stage`` and name the layers
they need; ``Pipeline`` refuses an order in which a needed layer has no earlier producer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from lagebild.clean import clean_document
from lagebild.errors import ConfigError, LagebildError, SourceError, internal_error, one_line
from lagebild.metadata import extract_metadata
from lagebild.records import (
    Article,
    Cleaned,
    DecodedText,
    EntityAnalysis,
    Metadata,
    Quote,
    RawDocument,
    SourceFailure,
)
from lagebild.sources.decode import decode_document

INPUT_LAYER = "raw"


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    produces: str
    run: Callable[..., Any]  # called with the required layers as keyword arguments


STAGES: dict[str, Stage] = {}


def stage(
    name: str, *, requires: Sequence[str], produces: str
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a pure function as a pipeline stage."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        if name in STAGES:
            raise ConfigError(f"Stage '{name}' is registered twice; stage names must be unique.")
        STAGES[name] = Stage(name=name, requires=tuple(requires), produces=produces, run=fn)
        return fn

    return register


class Pipeline:
    """An ordered list of stages, checked when built."""

    def __init__(self, stage_names: Sequence[str]) -> None:
        unknown = [n for n in stage_names if n not in STAGES]
        if unknown:
            raise ConfigError(
                f"Unknown stage(s) {', '.join(unknown)}; known stages: {', '.join(sorted(STAGES))}."
            )
        self.stages = [STAGES[n] for n in stage_names]
        available = {INPUT_LAYER}
        for st in self.stages:
            for need in st.requires:
                if need not in available:
                    producers = [s.name for s in STAGES.values() if s.produces == need]
                    hint = (
                        f"add stage '{producers[0]}' before it"
                        if producers
                        else "no stage produces it"
                    )
                    raise ConfigError(
                        f"Stage '{st.name}' needs '{need}', which no earlier stage produces: {hint}."
                    )
            available.add(st.produces)
        self.produces = frozenset(available)

    def run(self, raw: RawDocument) -> dict[str, Any]:
        """Run every stage on one document and return all layers by name."""
        layers: dict[str, Any] = {INPUT_LAYER: raw}
        for st in self.stages:
            layers[st.produces] = st.run(**{k: layers[k] for k in st.requires})
        return layers

    def process(
        self, raws: Iterable[RawDocument | SourceFailure]
    ) -> Iterator[Mapping[str, Any] | SourceFailure]:
        """Run the pipeline over a stream; one bad document is reported, never fatal."""
        for raw in raws:
            if isinstance(raw, SourceFailure):
                yield raw
                continue
            try:
                yield self.run(raw)
            except LagebildError as exc:
                yield SourceFailure(origin=raw.origin, reason=one_line(exc))
            except Exception as exc:  # a bug in a stage must not kill the batch
                yield SourceFailure(
                    origin=raw.origin,
                    reason=internal_error(exc),
                )


# --- the foundation's stages -------------------------------------------------------------


@stage("decode", requires=["raw"], produces="decoded")
def _decode(raw: RawDocument) -> DecodedText:
    return decode_document(raw)


@stage("clean", requires=["raw", "decoded"], produces="cleaned")
def _clean(raw: RawDocument, decoded: DecodedText) -> Cleaned:
    return clean_document(raw, decoded)


@stage("metadata", requires=["raw", "cleaned"], produces="metadata")
def _metadata(raw: RawDocument, cleaned: Cleaned) -> Metadata:
    return extract_metadata(raw, cleaned)


@stage("article", requires=["raw", "decoded", "cleaned", "metadata"], produces="article")
def build_article(
    raw: RawDocument, decoded: DecodedText, cleaned: Cleaned, metadata: Metadata
) -> Article:
    if not cleaned.text.strip():
        raise SourceError(
            raw.origin,
            "no article text found (the page has no main text). "
            "If it is an index or feed page, pass the article URLs or the feed URL instead.",
        )
    content_hash = hashlib.sha256(raw.data).hexdigest()
    return Article(
        id=article_id(raw.url, content_hash),
        origin=raw.origin,
        url=raw.url,
        content_hash=content_hash,
        title=cleaned.title,
        text=cleaned.text,
        blocks=cleaned.blocks,
        meta=metadata,
        source_format=raw.format,
        encoding=decoded.encoding,
    )


FOUNDATION = ("decode", "clean", "metadata", "article")


@stage("entities", requires=["article"], produces="entities")
def _entities(article: Article) -> EntityAnalysis:
    from lagebild.entities.analyse import analyse_entities  # loads the NER model on first use

    return analyse_entities(article)


@stage("quotes", requires=["article", "entities"], produces="quotes")
def _quotes(article: Article, entities: EntityAnalysis) -> tuple[Quote, ...]:
    from lagebild.quotes import find_quotes  # loads the quote model on first use

    return find_quotes(article, entities.entities)


#: Everything an article gets before it is stored.
ANALYSIS = (*FOUNDATION, "entities", "quotes")


def article_id(url: str | None, content_hash: str) -> str:
    """Stable id: the same URL is the same article (new content there is a new revision);
    without a URL the content itself is the identity."""
    key = f"url:{url}" if url else f"sha256:{content_hash}"
    return "a_" + hashlib.sha256(key.encode()).hexdigest()[:16]


def default_pipeline(*, entities: bool = True, quotes: bool = True) -> Pipeline:
    """The whole analysis; without ``entities`` the foundation only (quotes need them)."""
    if not entities:
        return Pipeline(FOUNDATION)
    return Pipeline(ANALYSIS if quotes else (*FOUNDATION, "entities"))


def analysed_article(layers: Mapping[str, Any]) -> Article:
    """The article of a pipeline run, with the entities and quotes of those stages when they
    ran."""
    article: Article = layers["article"]
    found: EntityAnalysis | None = layers.get("entities")
    if found is not None:
        article = replace(article, entities=found.entities)
    quotes: tuple[Quote, ...] | None = layers.get("quotes")
    return replace(article, quotes=quotes) if quotes is not None else article
