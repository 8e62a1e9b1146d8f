"""Speed of lemma and part-of-speech tagging (lagebild.analysis.morphology) on German news.

Usage: python benchmarks/morphology.py [--articles 200]

Tags the first N articles of 10kGNAD (DER STANDARD, CC BY-NC-SA 4.0, read from ../shared) sentence
by sentence and prints tokens per second on one core: the first pass (HanTa's per-form caches
filling up) and a second pass over the same text (caches warm).
"""

from __future__ import annotations

import argparse
import csv
import time

from _common import dataset
from lagebild.analysis import split_sentences, tokenize
from lagebild.analysis.morphology import tag


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="how many articles to tag")
    args = parser.parse_args()
    with (dataset("10kgnad") / "test.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'")]
    texts = texts[: args.articles]
    sentences = [(text, split_sentences(text, "de")) for text in texts]
    tokens = sum(len(s.tokens) for _, found in sentences for s in found)
    warm_up = "Ein Satz."
    tag(warm_up, tokenize(warm_up), "de")  # loads the model, so loading is not timed
    for label in ("first pass (cold caches)", "second pass (warm caches)"):
        start = time.perf_counter()
        for text, found in sentences:
            for sentence in found:
                tag(text, sentence.tokens, "de")
        seconds = time.perf_counter() - start
        print(
            f"{label}: {len(texts)} articles, {tokens} tokens in {seconds:.2f} s"
            f" = {tokens / seconds:,.0f} tokens/s"
        )


if __name__ == "__main__":
    main()
