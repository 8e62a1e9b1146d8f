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

from lagebild.analysis import Sentence, split_sentences, tag, tokenize
from lagebild.entities.gazetteer import Gazetteer, load_gazetteer
from lagebild.entities.grouping import group_mentions
from lagebild.entities.ner import add_known_names, recognise
from lagebild.entities.registry import AliasRule, EntityRegistry, load_aliases
from lagebild.entities.roles import RoleLexicon, load_roles
from lagebild.entities.word_knowledge import german_dictionary
from lagebild.records import (
    KIND_OF_LABEL,
    Article,
    ArticleEntity,
    Entity,
    EntityAnalysis,
    Mention,
    NerLabel,
)


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


#: The user's gazetteer, role and alias files as settings name them (None: none).
DataFiles = tuple[str | None, str | None, str | None]


@functools.cache
def entity_data_for(files: DataFiles) -> EntityData:
    """``entity_data`` for the file names of the settings, loaded once per process."""
    return entity_data(*(Path(name) if name else None for name in files))


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
    entities = _plausible(
        group_mentions(
            article.text,
            mentions,
            sentences,
            published=published,
            language=language,
            roles=data.roles,
            gazetteer=data.gazetteer,
        ),
        language,
        data.gazetteer,
    )
    return EntityAnalysis(mentions=mentions, entities=entities)


# Parts of speech (STTS) that a name never has: pronouns, articles, adjectives, verbs, ...
_NOT_NAMES = frozenset({"PIS", "PIAT", "PDS", "PDAT", "PPER", "PPOSAT", "ART", "ADJA", "ADJD",
                        "ADV", "VVFIN", "VVINF", "VVPP", "APPR", "KON", "PTKVZ"})  # fmt: skip


def _plausible(
    entities: tuple[ArticleEntity, ...], language: str, gazetteer: Gazetteer
) -> tuple[ArticleEntity, ...]:
    """Drop German entities the model invented from ordinary words: a one-word person that
    the morphological lexicon (HanTa) knows as a common noun ("Rauchwolke") or that is written
    in capitals ("LINDENAU"), and any one-word entity that is an inflected common noun
    ("Brücken") or no noun at all ("Weiteres"). Names the gazetteer knows and names written
    with more than one word are never dropped."""
    if language != "de":
        return entities
    return tuple(entity for entity in entities if not _ordinary_word(entity, gazetteer))


def _ordinary_word(entity: ArticleEntity, gazetteer: Gazetteer) -> bool:
    words = {mention.text for mention in entity.mentions if mention.form in ("name", "surname")}
    if len(words) != 1 or any(m.form == "role" for m in entity.mentions):
        return False
    [word] = words
    if not word.isalpha() or gazetteer.lookup(word):  # one plain word only
        return False
    if entity.kind == "person" and word.isupper() and len(word) > 3:
        return True  # a dateline or heading word in capitals ("LINDENAU"), not a person
    dictionary = german_dictionary()
    if word not in dictionary and word.lower() not in dictionary:
        return False  # not a known word form: a name (and no need to ask the tagger)
    lemma, pos = _word_class(word)
    if pos in _NOT_NAMES:
        return True
    if pos == "NN":
        return entity.kind == "person" or lemma != word
    return False


@functools.lru_cache(maxsize=100_000)
def _word_class(word: str) -> tuple[str, str]:
    tagged = tag(word, tokenize(word), "de")
    return (tagged[0].lemma, tagged[0].pos) if len(tagged) == 1 else (word, "")


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
