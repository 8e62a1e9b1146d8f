"""Who a speaker mention is: a named entity of the article, a pronoun resolved to one, a role
or description the entity analysis resolved, or an unnamed source kept as written."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from lagebild.analysis.sentences import Sentence
from lagebild.entities.grouping import PRONOUNS, resolve_pronoun
from lagebild.errors import ConfigError
from lagebild.records import ArticleEntity, EntityMention, TextSpan

# Words a description may start with that say nothing about who speaks.
_LEADING = re.compile(
    r"(?i)^(?:laut|nach|so|wie|zufolge|gemäß|demnach|angaben|von|vom|der|die|das|den|dem|des|ein|eine|einer|einem|eines)\s+"
)
# Sentence-opening adverbs that attribute the sentence to a source named before („Die Bank
# legte ihre Zahlen vor. Demnach verlor sie …“): a speaker mention, no speaker name.
POINTING_ADVERBS = frozenset({"Demnach", "Demzufolge"})
# Kind preference when several entities overlap the mention ("Kremlsprecher Peskow" vs "Kreml").
_KIND_ORDER = {"person": 0, "organisation": 1, "other": 2, "place": 3}


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str | None
    mention: TextSpan | None


def resolve_speaker(
    text: str,
    mention: TextSpan | None,
    entities: Sequence[ArticleEntity],
    sentences: Sequence[Sentence],
) -> Speaker:
    """The speaker a mention stands for; a mention no entity covers is kept as a description."""
    if mention is None:
        return Speaker(name=None, mention=None)
    if mention.text.strip() in POINTING_ADVERBS:
        return Speaker(name=None, mention=mention)  # „Demnach …“: the source is before it
    if mention.text.strip().lower() in PRONOUNS:
        entity = resolve_pronoun(text, mention.start, entities, sentences)
        if entity is not None:
            return Speaker(name=entity.name, mention=mention)
        return Speaker(name=mention.text, mention=mention)
    entity = _covering(mention, entities)
    described = _description(mention.text)
    government = capital_government(entity, described, "de")
    if government is not None:
        return Speaker(name=government, mention=mention)
    if entity is not None:
        return Speaker(name=entity.name, mention=mention)
    return Speaker(name=described, mention=mention)


def capital_government(entity: ArticleEntity | None, written: str, language: str) -> str | None:
    """The government a capital said to speak stands for („laut Moskau“ → „Russische
    Regierung (Moskau)“, "Moscow said" → "Russian government (Moscow)"), written with the
    capital as the article writes it; None for anything else."""
    if entity is not None and entity.kind != "place":
        return None
    governments = capital_governments(language)
    government = governments.get(written)
    if government is None and entity is not None:
        government = governments.get(entity.name)  # a variant linked to its canonical name
    return f"{government} ({written})" if government is not None else None


@functools.cache
def capital_governments(language: str) -> Mapping[str, str]:
    """Capital → the government it stands for as a speaker in articles of ``language``
    (``lagebild/data/capitals.tsv``)."""
    text = resources.files("lagebild").joinpath("data", "capitals.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    if not rows or rows[0] != ["capital", "language", "government", "source"]:
        raise ConfigError("lagebild/data/capitals.tsv: the header row is missing; reinstall.")
    return {row[0]: row[2] for row in rows[1:] if len(row) == 4 and row[1] == language}


def _covering(mention: TextSpan, entities: Sequence[ArticleEntity]) -> ArticleEntity | None:
    best: tuple[tuple[int, int, int], ArticleEntity] | None = None
    for entity in entities:
        for found in entity.mentions:
            overlap = min(found.end, mention.end) - max(found.start, mention.start)
            if overlap <= 0:
                continue
            if entity.kind == "place" and not _is_whole(found, mention):
                continue  # "ein Repräsentant aus Minnesota": a place inside is not the speaker
            key = (_KIND_ORDER.get(entity.kind, 4), -overlap, found.start)
            if best is None or key < best[0]:
                best = (key, entity)
    return best[1] if best is not None else None


def _is_whole(found: EntityMention, mention: TextSpan) -> bool:
    """Whether the entity mention is the whole speaker mention but for leading words such as
    "laut" or an article ("Moskau", "aus Washington")."""
    return _description(mention.text) == found.text


def _description(text: str) -> str:
    described = text.strip()
    while True:
        shorter = _LEADING.sub("", described)
        if shorter == described:
            return described
        described = shorter
