"""GermEval 2014 scoring: exact outer spans over the twelve labels (conlleval-style micro F1)."""

from __future__ import annotations

import collections
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lagebild.entities.ner import GermanNer
from lagebild.entities.ner_corpora import TaggedSentence

Span = tuple[int, int, str]


def spans(tags: Sequence[str]) -> set[Span]:
    """Entity spans of a BIO sequence; an I- without a B- opens a span (conlleval)."""
    found: set[Span] = set()
    start: int | None = None
    label = ""
    for index, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            found.add((start, index, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = index, tag[2:]
    return found


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f1: float
    support: int


def score(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> dict[str, Score]:
    hits: collections.Counter[str] = collections.Counter()
    gold_count: collections.Counter[str] = collections.Counter()
    predicted_count: collections.Counter[str] = collections.Counter()
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        gold_spans, predicted_spans = spans(gold_tags), spans(predicted_tags)
        for _, _, label in gold_spans:
            gold_count[label] += 1
            gold_count["overall"] += 1
        for _, _, label in predicted_spans:
            predicted_count[label] += 1
            predicted_count["overall"] += 1
        for _, _, label in gold_spans & predicted_spans:
            hits[label] += 1
            hits["overall"] += 1
    result = {}
    for label in sorted(gold_count.keys() | predicted_count.keys()):
        precision = hits[label] / predicted_count[label] if predicted_count[label] else 0.0
        recall = hits[label] / gold_count[label] if gold_count[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[label] = Score(precision, recall, f1, gold_count[label])
    return result


def evaluate(model: Path | GermanNer, sentences: Sequence[TaggedSentence]) -> dict[str, float]:
    ner = model if isinstance(model, GermanNer) else GermanNer(model)
    started = time.perf_counter()
    predicted = [ner.tag(sentence.tokens) for sentence in sentences]
    seconds = time.perf_counter() - started
    scores = score((sentence.tags for sentence in sentences), predicted)
    summary = {label: round(value.f1, 4) for label, value in scores.items()}
    summary["sentences_per_second"] = round(len(sentences) / seconds)
    return summary
