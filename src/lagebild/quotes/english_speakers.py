"""Who an English quote's speaker span names: an entity of the article, the person a
pronoun refers to, or an unnamed source as written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from lagebild.analysis.sentences import Sentence, split_sentences
from lagebild.entities.grouping import PRONOUNS, resolve_pronoun
from lagebild.quotes.speakers import capital_government
from lagebild.records import ArticleEntity

# Where the description of a speaker ends and the writer's aside about it begins.
_ASIDE = re.compile(r",|\s\(|\s(?:who|which|whose|that)\s")
# Pronouns that name nobody by themselves; the speaker stays open unless resolved.
_PRONOUNS = frozenset(
    {"he", "she", "they", "it", "we", "i", "you", "who", "that", "which", "his", "her", "its"}
    | {"their", "our", "my", "your"}
)


class Speakers:
    """Resolves speaker spans to entity names; splits sentences only when a pronoun needs
    them."""

    def __init__(
        self,
        text: str,
        entities: Sequence[ArticleEntity],
        sentences: Sequence[Sentence] | None = None,
    ) -> None:
        self._text = text
        self._entities = entities
        self._sentences = sentences

    def resolve(self, start: int, end: int, head: int | None) -> tuple[str | None, str]:
        """The speaker's name (or description) and how it was found."""
        words = self._text[start:end]
        if words.lower() in _PRONOUNS:
            if words.lower() not in PRONOUNS:
                return None, "none"
            if self._sentences is None:
                self._sentences = split_sentences(self._text, "en")
            entity = resolve_pronoun(self._text, start, self._entities, self._sentences)
            return (entity.name, "pronoun") if entity else (None, "none")
        entity = self._entity(start, end, head)
        government = capital_government(entity, _description(words), "en")
        if government is not None:  # "Moscow said": the Russian government
            return government, "description"
        return (entity.name, "name") if entity else (_description(words), "description")

    def _entity(self, start: int, end: int, head: int | None) -> ArticleEntity | None:
        best: tuple[int, ArticleEntity] | None = None
        for entity in self._entities:
            for mention in entity.mentions:
                if mention.end <= start or end <= mention.start:
                    continue
                if head is not None and not mention.start <= head < mention.end:
                    continue  # "a White House spokeswoman" is no statement of the White House
                score = mention.start - start
                if entity.kind == "person":
                    score -= 1
                if best is None or score < best[0]:
                    best = (score, entity)
        return best[1] if best else None


def _description(words: str) -> str:
    """An unnamed speaker as written, without what the writer adds about it: "the survey,
    which is prepared ..." is "the survey"."""
    return _ASIDE.split(words, maxsplit=1)[0].strip() or words
