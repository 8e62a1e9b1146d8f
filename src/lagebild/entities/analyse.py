"""The entity stage: an article's sentences → name mentions → entities within the article.

Linking the article's entities to the cross-article registry is stateful and happens where
articles are stored (``ingestion.py``), not here: this stage stays a pure function of one
article, so it can run in parallel (and on Spark).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lagebild.analysis import Sentence, split_sentences
from lagebild.entities.gazetteer import Gazetteer, load_gazetteer
from lagebild.entities.grouping import group_mentions
from lagebild.entities.ner import model_mentions, recognise
from lagebild.entities.registry import AliasRule, EntityRegistry, load_aliases
from lagebild.entities.roles import RoleLexicon, load_roles
from lagebild.records import KIND_OF_LABEL, Article, Entity, EntityAnalysis, Mention, NerLabel


@dataclass(frozen=True, slots=True)
class EntityData:
    """The gazetteer, role lexicon and alias rules entity analysis works with."""

    gazetteer: Gazetteer
    roles: RoleLexicon
    aliases: tuple[AliasRule, ...] = ()


def entity_data(
    gazetteer: Path | None = None, roles: Path | None = None, aliases: Path | None = None
) -> EntityData:
    """The bundled data plus the user's files (any of them may be None)."""
    if gazetteer is None and roles is None and aliases is None:
        return _bundled()
    return EntityData(
        gazetteer=load_gazetteer([gazetteer] if gazetteer else []),
        roles=load_roles([roles] if roles else []),
        aliases=load_aliases(aliases) if aliases else (),
    )


@functools.cache
def _bundled() -> EntityData:
    return EntityData(gazetteer=load_gazetteer(), roles=load_roles())


def _language(article: Article) -> str:
    """German unless the article is English: the German model is the default for text of
    unknown language, and spaCy's English model must never see German."""
    return "en" if article.meta.language == "en" else "de"


@dataclass(frozen=True, slots=True, kw_only=True)
class FoundNames:
    """The expensive, article-only part of entity analysis: sentences and model mentions."""

    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]


def find_names(article: Article) -> FoundNames:
    """Sentences and the statistical model's mentions: the parallelisable part of
    ``analyse_entities`` (pass the result as ``found``)."""
    language = _language(article)
    sentences = split_sentences(article.text, language)
    return FoundNames(
        sentences=sentences, mentions=model_mentions(article.text, sentences, language)
    )


def analyse_entities(
    article: Article,
    *,
    known: Mapping[str, NerLabel] | None = None,
    data: EntityData | None = None,
    found: FoundNames | None = None,
) -> EntityAnalysis:
    """Mentions and within-article entities of ``article`` (German or English)."""
    data = data or _bundled()
    language = _language(article)
    sentences = found.sentences if found else split_sentences(article.text, language)
    gazetteer = data.gazetteer
    mentions = recognise(
        article.text,
        sentences,
        language,
        known=known,
        gazetteer=gazetteer,
        found_by_model=found.mentions if found else None,
    )
    published = article.meta.published.to_date() if article.meta.published else None
    entities = group_mentions(
        article.text,
        mentions,
        sentences,
        published=published,
        language=language,
        roles=data.roles,
        gazetteer=gazetteer,
    )
    return EntityAnalysis(mentions=mentions, entities=entities)


def open_registry(stored: Iterable[Entity], data: EntityData | None = None) -> EntityRegistry:
    """The cross-article registry: the stored entities, seeded from the gazetteer, with the
    user's forced and forbidden merges."""
    data = data or _bundled()
    return EntityRegistry.from_entities(stored, gazetteer=data.gazetteer, aliases=data.aliases)


def known_names(entities: Iterable[Entity]) -> dict[str, NerLabel]:
    """Multi-word names of the registry's entities (surface form → NER label), for
    corpus-level consistency: a name recognised in one article is recognised in the next.
    Single words are left out: alone they are too often also ordinary words."""
    names: dict[str, NerLabel] = {}
    for entity in entities:
        label = _LABEL_OF_KIND[entity.kind]
        for surface in (entity.name, *entity.aliases):
            if " " in surface.strip() and surface[:1].isupper():
                names.setdefault(surface, label)
    return names


_LABEL_OF_KIND: dict[str, NerLabel] = {kind: label for label, kind in KIND_OF_LABEL.items()}  # type: ignore[misc]
