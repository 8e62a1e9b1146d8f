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
# Articles of a definite description that points back at someone named before.
_DEFINITE = frozenset({"der", "den", "dem", "des", "die"})
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
    if entity is None:
        entity = _described_before(mention, described, entities)
    if entity is not None:
        return Speaker(name=entity.name, mention=mention)
    return Speaker(name=described, mention=mention)


def _described_before(
    mention: TextSpan, described: str, entities: Sequence[ArticleEntity]
) -> ArticleEntity | None:
    """The person a definite description points back at („der Minister“, „den Minister“ after
    „Außenminister Sergej Lawrow“): the nearest person before it with a description mention
    whose word ends with the description's noun. None for anything else (an indefinite
    „ein Sprecher“ is no one named)."""
    words = mention.text.split()
    if len(words) < 2 or words[0].lower() not in _DEFINITE or len(described.split()) != 1:
        return None
    noun = described.lower()
    best: tuple[int, ArticleEntity] | None = None
    for entity in entities:
        if entity.kind != "person":
            continue
        for found in entity.mentions:
            if (
                found.form == "description"
                and found.end <= mention.start
                and found.text.lower().endswith(noun)
                and (best is None or found.start > best[0])
            ):
                best = (found.start, entity)
    return best[1] if best is not None else None


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
