"""Cut an article's text into segments marked as quote, entity name or cited passage, so the
article page can highlight them while the template escapes every piece of text.

Spans may overlap (a name inside a quote inside the cited passage): the text is cut at every
span boundary and each piece carries all the marks that cover it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from lagebild.records import ArticleEntity, Quote

MAX_SPAN_TEXT = 1_000_000  # offsets beyond any real article are ignored, not trusted


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    """One span to highlight: ``kind`` is ``quote``, ``entity`` or ``cited``."""

    start: int
    end: int
    kind: str
    entity_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A piece of text with the marks covering it; ``anchor`` starts the cited passage."""

    text: str
    kinds: tuple[str, ...]
    entity_id: str | None = None
    anchor: bool = False


def parse_span(value: str | None, length: int) -> tuple[int, int] | None:
    """``"START-END"`` from a citation link, if it is a valid span of a text of ``length``."""
    if not value:
        return None
    start_text, sep, end_text = value.partition("-")
    if not sep or not start_text.isdigit() or not end_text.isdigit():
        return None
    start, end = int(start_text), int(end_text)
    return (start, end) if 0 <= start < end <= length else None


def article_marks(
    quotes: Iterable[Quote], entities: Iterable[ArticleEntity], cited: tuple[int, int] | None
) -> list[Mark]:
    marks = []
    for quote in quotes:
        for part in quote.parts or (quote,):
            marks.append(Mark(start=part.start, end=part.end, kind="quote"))
    for entity in entities:
        for mention in entity.mentions:
            marks.append(
                Mark(
                    start=mention.start, end=mention.end, kind="entity", entity_id=entity.entity_id
                )
            )
    if cited is not None:
        marks.append(Mark(start=cited[0], end=cited[1], kind="cited"))
    return marks


def segments(text: str, marks: Sequence[Mark]) -> list[Segment]:
    """``text`` cut at every mark boundary; the pieces joined give ``text`` back."""
    valid = [m for m in marks if 0 <= m.start < m.end <= min(len(text), MAX_SPAN_TEXT)]
    cuts = sorted({0, len(text), *(m.start for m in valid), *(m.end for m in valid)})
    cited_start = min((m.start for m in valid if m.kind == "cited"), default=None)
    out: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = [m for m in valid if m.start <= start and end <= m.end]
        kinds = tuple(sorted({m.kind for m in covering}))
        entity = next((m.entity_id for m in covering if m.kind == "entity"), None)
        out.append(
            Segment(
                text=text[start:end],
                kinds=kinds,
                entity_id=entity,
                anchor=start == cited_start,
            )
        )
    return out
