"""The SpkAtt-2023 Task 2 metric and a reader for its German news data (de_news_quotes_2024).

Scoring as in GermEval 2023 SpkAtt Task 2 and Petersen-Frey & Biemann (LREC-COLING 2024): per
document, every quote (gold or predicted) is a set of the dataset's own token ids. Predicted and
gold quotes are paired one to one by linear-sum assignment maximising token overlap; a pair
with zero overlap is no pair.

- Quote: TP = overlap of the paired quotes; P = TP / all predicted quote tokens,
  R = TP / all gold quote tokens.
- Speaker: scored only inside pairs: TP = overlap of the paired quotes' speaker tokens;
  P over the speaker tokens of all predicted quotes, R over those of all gold quotes.
- Joint: micro over quote and speaker tokens together.
- "full" scores against all gold annotations, "simplified" only against ``isNested == false``.

The scorer is pure functions over ``Annotation`` (two token-id sets); nothing here knows
lagebild. ``tokens_in`` maps a character span to the ids of the tokens it overlaps.
"""

from __future__ import annotations

import bisect
import gzip
import json
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment  # type: ignore[import-untyped]

# Quotation marks a gold direct quote includes and a lagebild Quote leaves out: German, English,
# French/Swiss guillemets, and their single (nested) forms.
QUOTATION_MARKS = frozenset("„“”\"«»‚‘’'‹›")
# The gold quote types of the dataset, in the order the tables print them.
TYPES = ("Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")


@dataclass(frozen=True, slots=True, kw_only=True)
class Annotation:
    """One quote as token ids: its content and its speaker (empty when there is none)."""

    quote: frozenset[int]
    speaker: frozenset[int] = frozenset()
    kind: str = ""  # gold type (TYPES); empty for predictions
    nested: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One dataset document: its text, its tokens as char spans, its gold annotations."""

    name: str
    text: str
    token_starts: tuple[int, ...]
    token_ends: tuple[int, ...]
    gold: tuple[Annotation, ...]
    gold_raw: tuple[dict[str, Any], ...] = ()  # the original annotations, for error listings


@dataclass(slots=True)
class Counts:
    """Token counts summed over documents; ``+`` adds them."""

    quote_tp: int = 0
    quote_predicted: int = 0
    quote_gold: int = 0
    speaker_tp: int = 0
    speaker_predicted: int = 0
    speaker_gold: int = 0
    type_tp: Counter[str] = field(default_factory=Counter)
    type_gold: Counter[str] = field(default_factory=Counter)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            quote_tp=self.quote_tp + other.quote_tp,
            quote_predicted=self.quote_predicted + other.quote_predicted,
            quote_gold=self.quote_gold + other.quote_gold,
            speaker_tp=self.speaker_tp + other.speaker_tp,
            speaker_predicted=self.speaker_predicted + other.speaker_predicted,
            speaker_gold=self.speaker_gold + other.speaker_gold,
            type_tp=self.type_tp + other.type_tp,
            type_gold=self.type_gold + other.type_gold,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Score:
    precision: float
    recall: float
    f1: float


def prf(tp: int, predicted: int, gold: int) -> Score:
    """Precision, recall and F1 from token counts (0.0 where a denominator is 0)."""
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision=precision, recall=recall, f1=f1)


def scores(counts: Counts) -> dict[str, Score]:
    """Quote, speaker and joint scores of summed counts."""
    return {
        "quote": prf(counts.quote_tp, counts.quote_predicted, counts.quote_gold),
        "speaker": prf(counts.speaker_tp, counts.speaker_predicted, counts.speaker_gold),
        "joint": prf(
            counts.quote_tp + counts.speaker_tp,
            counts.quote_predicted + counts.speaker_predicted,
            counts.quote_gold + counts.speaker_gold,
        ),
    }


def type_recall(counts: Counts) -> dict[str, Score]:
    """Quote-token recall per gold type (precision is undefined per gold type: left 0)."""
    return {
        kind: prf(counts.type_tp[kind], 0, counts.type_gold[kind])
        for kind in TYPES
        if counts.type_gold[kind]
    }


def pair(predicted: Sequence[Annotation], gold: Sequence[Annotation]) -> list[tuple[int, int, int]]:
    """One-to-one pairs ``(predicted index, gold index, overlap)`` maximising the summed quote
    token overlap; pairs with no overlap are dropped."""
    if not predicted or not gold:
        return []
    overlap = np.array([[len(p.quote & g.quote) for g in gold] for p in predicted], dtype=np.int64)
    rows, cols = linear_sum_assignment(overlap, maximize=True)
    return [
        (int(r), int(c), int(overlap[r, c]))
        for r, c in zip(rows, cols, strict=True)
        if overlap[r, c]
    ]


def score_document(predicted: Sequence[Annotation], gold: Sequence[Annotation]) -> Counts:
    """Token counts of one document."""
    counts = Counts(
        quote_predicted=sum(len(p.quote) for p in predicted),
        quote_gold=sum(len(g.quote) for g in gold),
        speaker_predicted=sum(len(p.speaker) for p in predicted),
        speaker_gold=sum(len(g.speaker) for g in gold),
    )
    for annotation in gold:
        counts.type_gold[annotation.kind] += len(annotation.quote)
    for p, g, overlap in pair(predicted, gold):
        counts.quote_tp += overlap
        counts.speaker_tp += len(predicted[p].speaker & gold[g].speaker)
        counts.type_tp[gold[g].kind] += overlap
    return counts


def score_corpus(
    predictions: Iterable[Sequence[Annotation]], golds: Iterable[Sequence[Annotation]]
) -> dict[str, Counts]:
    """Summed counts of the "full" and the "simplified" (non-nested gold only) variants."""
    full, simplified = Counts(), Counts()
    for predicted, gold in zip(predictions, golds, strict=True):
        full += score_document(predicted, gold)
        simplified += score_document(predicted, [g for g in gold if not g.nested])
    return {"full": full, "simplified": simplified}


def tokens_in(document: Document, start: int, end: int) -> frozenset[int]:
    """Ids of the tokens overlapping the character span ``[start, end)``."""
    if end <= start:
        return frozenset()
    first = bisect.bisect_right(document.token_ends, start)  # first token ending after start
    last = bisect.bisect_left(document.token_starts, end)  # first token starting at/after end
    return frozenset(range(first, last))


def widen_over_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` grown over the quotation marks directly before and after it."""
    while start > 0 and text[start - 1] in QUOTATION_MARKS:
        start -= 1
    while end < len(text) and text[end] in QUOTATION_MARKS:
        end += 1
    return start, end


def prediction(
    document: Document,
    quote: tuple[int, int] | Sequence[tuple[int, int]],
    speaker: tuple[int, int] | None,
) -> Annotation:
    """A predicted quote as token ids: the content span (or the pieces of an interrupted
    quote) widened over its quotation marks, the speaker mention span as it is (None: no
    speaker tokens)."""
    pieces: Sequence[tuple[int, int]] = [quote] if isinstance(quote[0], int) else quote  # type: ignore[list-item,assignment]
    return Annotation(
        quote=frozenset().union(
            *(tokens_in(document, *widen_over_marks(document.text, *piece)) for piece in pieces)
        ),
        speaker=tokens_in(document, *speaker) if speaker else frozenset(),
    )


def merge_by_key(
    annotations: Sequence[Annotation], keys: Sequence[Hashable | None]
) -> list[Annotation]:
    """``annotations`` with those of the same key (not None) merged into the first of them:
    the union of their quote and of their speaker tokens. For systems that give one part of a
    discontinuous quote (``„…“, sagte er, „…“``) per record, keyed by the cue they share."""
    merged: list[Annotation] = []
    first: dict[Hashable, int] = {}
    for annotation, key in zip(annotations, keys, strict=True):
        if key is None or key not in first:
            if key is not None:
                first[key] = len(merged)
            merged.append(annotation)
            continue
        kept = merged[first[key]]
        merged[first[key]] = replace(
            kept, quote=kept.quote | annotation.quote, speaker=kept.speaker | annotation.speaker
        )
    return merged


def read_documents(path: Path) -> Iterator[Document]:
    """The documents of one split file (``<split>.jsonl.gz`` of de_news_quotes_2024)."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield _document(json.loads(line))


def _document(record: dict[str, Any]) -> Document:
    doc = record["doc"]
    tokens = sorted(doc["tokens"], key=lambda token: token["id"])
    if [token["id"] for token in tokens] != list(range(len(tokens))):
        raise ValueError(f"{record['file']}: token ids are not 0..n-1; the scorer needs them so")
    gold = tuple(
        Annotation(
            quote=frozenset(annotation["quote"]["tokenIds"]),
            speaker=frozenset(annotation["speaker"]["tokenIds"]),
            kind=annotation["type"],
            nested=bool(annotation["isNested"]),
        )
        for annotation in doc["annotations"]
    )
    return Document(
        name=record["file"],
        text=doc["originalText"],
        token_starts=tuple(token["charBegin"] for token in tokens),
        token_ends=tuple(token["charEnd"] for token in tokens),
        gold=gold,
        gold_raw=tuple(doc["annotations"]),
    )
