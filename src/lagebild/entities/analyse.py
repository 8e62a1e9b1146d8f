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
from lagebild.entities.ner import add_known_names, recognise
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
    """Entity analysis of one article before corpus-level consistency: everything that
    depends on the article alone, so it can be computed in a worker process."""

    sentences: tuple[Sentence, ...]
    analysis: EntityAnalysis


def find_names(article: Article, data: EntityData | None = None) -> FoundNames:
    """The article-only part of ``analyse_entities`` (pass the result as ``found``)."""
    data = data or _bundled()
    language = _language(article)
    sentences = split_sentences(article.text, language)
    return FoundNames(
        sentences=sentences, analysis=_analyse(article, sentences, language, data, known=None)
    )


def analyse_entities(
    article: Article,
    *,
    known: Mapping[str, NerLabel] | None = None,
    data: EntityData | None = None,
    found: FoundNames | None = None,
) -> EntityAnalysis:
    """Mentions and within-article entities of ``article`` (German or English).

    ``known`` names (from other articles) are recognised where nothing else was found; with
    ``found`` (``find_names``' result) only that last step runs, and the mentions are grouped
    again only when it added any."""
    data = data or _bundled()
    language = _language(article)
    if found is None:
        sentences = split_sentences(article.text, language)
        return _analyse(article, sentences, language, data, known=known)
    if not known:
        return found.analysis
    mentions = add_known_names(article.text, found.analysis.mentions, known)
    if len(mentions) == len(found.analysis.mentions):
        return found.analysis
    return _group(article, found.sentences, language, data, mentions)


def _analyse(
    article: Article,
    sentences: tuple[Sentence, ...],
    language: str,
    data: EntityData,
    *,
    known: Mapping[str, NerLabel] | None,
) -> EntityAnalysis:
    mentions = recognise(article.text, sentences, language, known=known, gazetteer=data.gazetteer)
    return _group(article, sentences, language, data, mentions)


def _group(
    article: Article,
    sentences: tuple[Sentence, ...],
    language: str,
    data: EntityData,
    mentions: tuple[Mention, ...],
) -> EntityAnalysis:
    published = article.meta.published.to_date() if article.meta.published else None
    entities = group_mentions(
        article.text,
        mentions,
        sentences,
        published=published,
        language=language,
        roles=data.roles,
        gazetteer=data.gazetteer,
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
