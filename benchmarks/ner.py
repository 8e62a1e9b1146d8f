"""German NER on GermEval 2014 *test* (never used for training), official outer-span metric.

    python benchmarks/ner.py [--model DIR]

Prints precision, recall and F1 per class (the twelve GermEval labels, e.g. PER, PERpart,
LOCderiv) and overall for lagebild's model, beside a memorisation baseline in the same run:
the CoNLL-2003 baseline that tags every word sequence that was a name in the in-domain
training data (GermEval 2014 dev) with its most frequent class (longest match first). Speed is measured on one core.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import dataset
from lagebild.entities.ner import GermanNer, model_dir
from lagebild.entities.ner_corpora import (
    TaggedSentence,
    read_germeval,
)
from ner_eval import Score, score, spans

TARGET_OVERALL, TARGET_PER = 0.80, 0.88
# Longest name (in words) the memorisation baseline looks for.
_MAX_NAME_WORDS = 6


# Sentences per batch in the batched timing: about an average news article's.
ARTICLE_SENTENCES = 23


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=model_dir())
    args = parser.parse_args(argv)
    germeval = dataset("germeval2014")
    test = list(read_germeval(germeval / "NER-de-test.tsv", corpus="test"))
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the issue asks
    ner = GermanNer(args.model)
    ner.tag(["Warm", "up", "."])
    started = time.perf_counter()
    predicted = [ner.tag(sentence.tokens) for sentence in test]
    first_pass = time.perf_counter() - started
    started = time.perf_counter()
    for sentence in test[:1000]:
        ner.tag(sentence.tokens)
    warm = time.perf_counter() - started
    started = time.perf_counter()  # as ingest tags: an article's sentences in one pass
    batched = [
        tags
        for first in range(0, 1000, ARTICLE_SENTENCES)
        for tags in ner.tag_many(
            [s.tokens for s in test[first : min(first + ARTICLE_SENTENCES, 1000)]]
        )
    ]
    warm_batched = time.perf_counter() - started
    if batched != predicted[:1000]:
        raise SystemExit("batched tagging differs from tagging one sentence at a time")
    gold = [sentence.tags for sentence in test]
    print(f"GermEval 2014 test: {len(test)} sentences, outer spans, exact match")
    _print("lagebild CRF", score(gold, predicted))
    print(
        f"speed (one core): {len(test) / first_pass:.0f} sentences/s first pass (word caches "
        f"cold), {1000 / warm:.0f} sentences/s warm, {1000 / warm_batched:.0f} sentences/s warm "
        f"in batches of {ARTICLE_SENTENCES} (an article's sentences, as ingest tags them)"
    )
    baseline = _memorisation_baseline(_training_sentences(germeval.parent))
    _print("baseline (memorised names)", score(gold, [baseline(s.tokens) for s in test]))
    result = score(gold, predicted)
    print(
        f"targets: overall F1 >= {TARGET_OVERALL} ({'met' if result['overall'].f1 >= TARGET_OVERALL else 'NOT met'}), "
        f"PER F1 >= {TARGET_PER} ({'met' if result['PER'].f1 >= TARGET_PER else 'NOT met'})"
    )
    return 0


def _print(name: str, scores: dict[str, Score]) -> None:
    print(f"\n{name}")
    print(f"  {'class':<10} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for label in [*(k for k in scores if k != "overall"), "overall"]:
        value = scores[label]
        print(
            f"  {label:<10} {value.precision:6.3f} {value.recall:6.3f} {value.f1:6.3f} "
            f"{value.support:6d}"
        )


def _training_sentences(datasets: Path) -> list[TaggedSentence]:
    # In-domain names only: memorised names of the OCR and traffic corpora are mostly noise
    # here (their single capitalised words tag half of GermEval's nouns).
    return list(read_germeval(datasets / "germeval2014/NER-de-dev.tsv"))


def _memorisation_baseline(training: Sequence[TaggedSentence]):  # type: ignore[no-untyped-def]
    votes: dict[tuple[str, ...], collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    for sentence in training:
        for start, end, label in spans(sentence.tags):
            votes[sentence.tokens[start:end]][label] += 1
    names = {words: counter.most_common(1)[0][0] for words, counter in votes.items()}

    def tag(words: Sequence[str]) -> list[str]:
        tags = ["O"] * len(words)
        index = 0
        while index < len(words):
            for length in range(min(_MAX_NAME_WORDS, len(words) - index), 0, -1):
                label = names.get(tuple(words[index : index + length]))
                if label:
                    tags[index : index + length] = [f"B-{label}"] + [f"I-{label}"] * (length - 1)
                    index += length
                    break
            else:
                index += 1
        return tags

    return tag


if __name__ == "__main__":
    raise SystemExit(main())
