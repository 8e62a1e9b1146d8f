"""Quote extraction speed on one core, on top of the language and entity analysis.

    python benchmarks/quotes_speed.py [--n 500] [--repeat 3]

Takes N German news texts from 10kGNAD (../shared/datasets/10kgnad, DER STANDARD; read with
benchmarks/ingest_throughput.py's loader; the body
sentences in paragraphs of three, without the headline), builds bare articles
(``lagebild.quotes.extract.bare_article``), runs the entity analysis on each (timed apart, for
comparison) and the sentence split (language analysis, timed apart), warms up on 20 articles,
then times only ``find_quotes(article, entities, sentences)`` — as ingest calls it. One
thread: the BLAS/OpenMP pools are limited to one before numpy is imported and the process is
pinned to one core. The issue's target is at least 100 articles/s.

The quote time is taken ``--repeat`` times, each pass under the same conditions: the word
caches of the quote features are emptied and filled again by the warm-up articles, so every
pass meets the timed articles' new words as the first did. The headline is the median pass
(on a shared machine single passes have differed by a third).
"""

from __future__ import annotations

import os

# One thread everywhere, set before numpy (or anything importing it) loads its thread pools.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from threadpoolctl import threadpool_limits  # noqa: E402

if TYPE_CHECKING:
    from lagebild.analysis.sentences import Sentence
    from lagebild.records import Article, ArticleEntity

TARGET = 100.0  # articles/s on one core (issue 4 acceptance)
WARM_UP = 20  # articles run before timing: loads the models and fills the word caches
SENTENCES_PER_PARAGRAPH = 3  # as benchmarks/ingest_throughput.py lays out its articles


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="articles to time (default 500)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed passes, median reported (default 3)"
    )
    args = parser.parse_args(argv)
    from ingest_throughput import load_texts
    from lagebild.analysis.sentences import split_sentences
    from lagebild.entities.analyse import analyse_entities
    from lagebild.quotes.extract import bare_article, find_quotes

    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = load_texts()
    with threadpool_limits(limits=1):
        articles = [bare_article(_text(sentences)) for _title, sentences in texts]
        articles = articles[: args.n + WARM_UP]
        warm_up = [(article, analyse_entities(article).entities) for article in articles[:WARM_UP]]
        timed = articles[WARM_UP:]
        started = time.perf_counter()
        entities = [analyse_entities(article).entities for article in timed]
        entity_seconds = time.perf_counter() - started
        started = time.perf_counter()
        split = [split_sentences(article.text, "de") for article in timed]
        split_seconds = time.perf_counter() - started
        passes = []
        for _ in range(max(1, args.repeat)):
            _empty_word_caches()
            for article, names in warm_up:
                find_quotes(article, names)
            started = time.perf_counter()
            found = [
                find_quotes(article, names, sentences)
                for article, names, sentences in zip(timed, entities, split, strict=True)
            ]
            passes.append(time.perf_counter() - started)
    quote_seconds = statistics.median(passes)
    n = len(timed)
    rate = n / quote_seconds
    read, total = _tagged_sentences(timed, entities, split)
    print(f"10kGNAD: {n} German articles after {WARM_UP} warm-up, one core, one thread")
    print(
        f"quotes: {rate:.0f} articles/s, {1000 * quote_seconds / n:.2f} ms/article, "
        f"{sum(map(len, found))} quotes found "
        f"(target >= {TARGET:.0f} articles/s: {'met' if rate >= TARGET else 'NOT met'}); "
        f"median of {len(passes)} passes: " + ", ".join(f"{n / seconds:.0f}" for seconds in passes)
    )
    print(f"sentences the quote tagger reads: {read} of {total} ({100 * read / total:.0f} %)")
    print(
        f"entity analysis (for comparison, not in the quote time): {n / entity_seconds:.0f} "
        f"articles/s, {1000 * entity_seconds / n:.2f} ms/article"
    )
    print(
        f"sentence splitting (language analysis, given to find_quotes as in ingest; not in the "
        f"quote time): {1000 * split_seconds / n:.2f} ms/article"
    )
    return 0


def _empty_word_caches() -> None:
    """Forget the words the quote features have seen (the models stay loaded)."""
    from lagebild.quotes import cues, features

    for cached in (features._word_of, cues.lemma, cues.mood):
        cached.cache_clear()


def _tagged_sentences(
    articles: Sequence[Article],
    entities: Sequence[Sequence[ArticleEntity]],
    split: Sequence[Sequence[Sentence]],
) -> tuple[int, int]:
    """How many sentences the quote tagger reads (the rest show no sign of speech), of all."""
    from lagebild.quotes.features import DocumentFeatures
    from lagebild.quotes.marks import quotations

    read = total = 0
    for article, names, sentences in zip(articles, entities, split, strict=True):
        document = DocumentFeatures(article.text, sentences, quotations(article.text), names)
        read += sum(document.worth_tagging(index) for index in range(len(sentences)))
        total += len(sentences)
    return read, total


def _text(sentences: Sequence[str]) -> str:
    return "\n\n".join(
        " ".join(sentences[i : i + SENTENCES_PER_PARAGRAPH])
        for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)
    )


if __name__ == "__main__":
    raise SystemExit(main())
