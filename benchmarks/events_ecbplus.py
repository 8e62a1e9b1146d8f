"""Event clustering on ECB+: every document fed as a stream, clustered online into events.

ECB+ (../shared/datasets/ecbplus) holds 982 English news documents in 43 topics; each topic
holds two similar but different real-world events (its sub-topics: Tara Reid's rehab stay in
2008 and Lindsay Lohan's in 2013). Gold = the sub-topic. The documents go through lagebild's
own analysis (cleaning, English entities) and then, one by one in a seeded random order, into
the online event index (features as at ingest: terms, entities, the event date the title or
lead names — ECB+ documents carry no publication date; events are split as with a store, the
members' features read from memory); a batch baseline (average-link agglomerative clustering,
scipy, on the same tf-idf vectors) and lagebild's batch re-clustering run in the same process.

Scores: B3 and pairwise precision/recall/F1 against the sub-topics, over all documents and over
the test topics 36-45 (the thresholds were tuned on the training topics 1-35 minus the dev
topics 2, 5, 12, 18, 21, 23, 34, 35), and their mean over several stream orders.

    python benchmarks/events_ecbplus.py [--orders 3] [--cache FILE]
    python benchmarks/events_ecbplus.py --tune [--cache FILE]   # the threshold grid, train only
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from _clusters import b_cubed, pairwise
from _common import dataset
from lagebild.events.batch import recluster
from lagebild.events.features import (
    ArticleFeatures,
    Frequencies,
    article_features,
    reported_date,
)
from lagebild.events.index import (
    JOIN,
    SPLIT,
    SPLIT_MIN_PART,
    EventIndex,
    average_link,
    tfidf_matrix,
)
from lagebild.pipeline import analysed_article, default_pipeline
from lagebild.records import RawDocument, SourceFailure

TEST_TOPICS = frozenset(range(36, 46))
DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})


def load() -> list[dict[str, object]]:
    path = dataset("ecbplus") / "ecbplus_docs.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def analyse(docs: Sequence[dict[str, object]]) -> list[ArticleFeatures]:
    """Every document through cleaning, metadata and English entity analysis."""
    pipeline = default_pipeline(entities=True, quotes=False)
    out = []
    for doc in docs:
        raw = RawDocument(
            origin=f"ecbplus/{doc['doc_id']}",
            data=str(doc["text"]).encode(),
            format="text",
        )
        [layers] = list(pipeline.process([raw]))
        if isinstance(layers, SourceFailure):
            sys.exit(f"cannot analyse {doc['doc_id']}: {layers.reason}")
        article = analysed_article(layers)
        features = article_features(article, event_date=reported_date(article))
        out.append(replace(features, article_id=str(doc["doc_id"])))
    return out


def cached_analysis(docs: Sequence[dict[str, object]], cache: Path | None) -> list[ArticleFeatures]:
    """``analyse(docs)``, read from ``cache`` when it exists, else written there (if given)."""
    if cache is not None and cache.exists():
        features: list[ArticleFeatures] = pickle.loads(cache.read_bytes())
        return features
    features = analyse(docs)
    if cache is not None:
        cache.write_bytes(pickle.dumps(features))
    return features


def online(
    features: Sequence[ArticleFeatures],
    seed: int,
    join: float = JOIN,
    split: float | None = SPLIT,
    min_part: int = SPLIT_MIN_PART,
) -> dict[str, str]:
    """Article id -> event id after feeding ``features`` in the order of ``seed`` (``split``
    None: without splits)."""
    order = list(features)
    random.Random(seed).shuffle(order)
    by_id = {f.article_id: f for f in features}  # as the store gives them (see events.store)
    index = EventIndex(
        join=join,
        split=split or SPLIT,
        split_min_part=min_part,
        members=None if split is None else (lambda ids: [by_id[a] for a in ids if a in by_id]),
    )
    for item in order:
        index.add(item)
    return {a: e.id for e in index.events() for a in e.article_ids}


def agglomerative(features: Sequence[ArticleFeatures], threshold: float) -> dict[str, str]:
    """The batch baseline: average-link clustering of the same tf-idf vectors, cut at the
    distance that corresponds to the online join threshold."""
    from scipy.cluster.hierarchy import fcluster

    frequencies = Frequencies()
    for item in features:
        frequencies.add(list(item.counts))
    matrix = tfidf_matrix(features, frequencies, np.float32)
    labels = fcluster(average_link(matrix @ matrix.T), 1.0 - threshold, criterion="distance")
    return {item.article_id: f"c{label}" for item, label in zip(features, labels, strict=True)}


# The grid the shipped JOIN, SPLIT and SPLIT_MIN_PART were chosen from (training topics only;
# None: the index without splits).
TUNE_JOINS = (0.22, 0.24, 0.26)
TUNE_SPLITS = (0.18, 0.20, None)
TUNE_MIN_PARTS = (2, 3)
TUNE_ORDERS = 5


def tune(features: Sequence[ArticleFeatures], gold: dict[str, str], train: frozenset[str]) -> None:
    """Training topics' B3 and pairwise F1 for each join and split threshold and smallest
    split group, mean of ``TUNE_ORDERS`` stream orders."""
    ids = [a for a in gold if a in train]
    truth = [gold[a] for a in ids]
    print(f"training topics ({len(ids)} documents), mean of {TUNE_ORDERS} orders:")
    grid = [
        (join, split, part)
        for join in TUNE_JOINS
        for split in TUNE_SPLITS
        for part in (TUNE_MIN_PARTS if split is not None else (SPLIT_MIN_PART,))
    ]
    for join, split, part in grid:
        b3s, pws = [], []
        for seed in range(TUNE_ORDERS):
            pred = online(features, seed, join, split, part)
            labels = [pred[a] for a in ids]
            b3s.append(b_cubed(labels, truth)[2])
            pws.append(pairwise(labels, truth)[2])
        shipped = " (shipped)" if (join, split, part) == (JOIN, SPLIT, SPLIT_MIN_PART) else ""
        name = "no split" if split is None else f"split {split:.2f}, groups >= {part}"
        print(
            f"  join {join:.2f}, {name}: B3 F1 {statistics.mean(b3s):.3f} | "
            f"pairwise F1 {statistics.mean(pws):.3f}{shipped}"
        )


def score(pred: dict[str, str], gold: dict[str, str], keep: frozenset[str] | None = None) -> str:
    ids = [a for a in gold if keep is None or a in keep]
    p = [pred[a] for a in ids]
    g = [gold[a] for a in ids]
    b3 = b_cubed(p, g)
    pw = pairwise(p, g)
    return (
        f"B3 P {b3[0]:.3f} R {b3[1]:.3f} F1 {b3[2]:.3f} | "
        f"pairwise P {pw[0]:.3f} R {pw[1]:.3f} F1 {pw[2]:.3f} | clusters {len(set(p))}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=3, help="stream orders (seeds) to average")
    parser.add_argument("--cache", type=Path, help="keep the analysed features in this file")
    parser.add_argument(
        "--tune",
        action="store_true",
        help="only print the training topics' scores over the grid of join and split "
        "thresholds the shipped ones were chosen from (5 orders each)",
    )
    args = parser.parse_args(argv)
    docs = load()
    gold = {str(d["doc_id"]): str(d["subtopic"]) for d in docs}
    test = frozenset(str(d["doc_id"]) for d in docs if int(str(d["topic"])) in TEST_TOPICS)
    train = frozenset(
        str(d["doc_id"]) for d in docs if int(str(d["topic"])) not in TEST_TOPICS | DEV_TOPICS
    )
    started = time.perf_counter()
    features = cached_analysis(docs, args.cache)
    print(
        f"ECB+: {len(docs)} documents, {len(set(gold.values()))} sub-topics; analysed in "
        f"{time.perf_counter() - started:.0f} s"
    )
    if args.tune:
        tune(features, gold, train)
        return
    b3s: list[tuple[float, float, float]] = []
    pws: list[tuple[float, float, float]] = []
    for seed in range(args.orders):
        started = time.perf_counter()
        pred = online(features, seed)
        took = (time.perf_counter() - started) / len(features) * 1000
        print(f"online, order {seed}: {score(pred, gold)}  ({took:.1f} ms/article)")
        ids = list(gold)
        b3s.append(b_cubed([pred[a] for a in ids], [gold[a] for a in ids]))
        pws.append(pairwise([pred[a] for a in ids], [gold[a] for a in ids]))
        print(f"  train topics: {score(pred, gold, train)}")
        print(f"  test topics 36-45: {score(pred, gold, test)}")
    b3 = [statistics.mean(v) for v in zip(*b3s, strict=True)]
    pw = [statistics.mean(v) for v in zip(*pws, strict=True)]
    print(
        f"online, mean of {args.orders} orders: B3 P {b3[0]:.3f} R {b3[1]:.3f} F1 {b3[2]:.3f} | "
        f"pairwise P {pw[0]:.3f} R {pw[1]:.3f} F1 {pw[2]:.3f}"
    )
    batch = recluster(features)
    print(f"lagebild batch re-clustering: {score(batch, gold)}")
    print(f"  test topics 36-45: {score(batch, gold, test)}")
    first = online(features, 0)
    agree = b_cubed([batch[a] for a in gold], [first[a] for a in gold])
    print(f"  agreement of batch with online (order 0) as reference: B3 F1 {agree[2]:.3f}")
    baseline = agglomerative(features, JOIN)
    print(f"baseline average-link agglomerative (scipy, same vectors): {score(baseline, gold)}")
    print(f"  test topics 36-45: {score(baseline, gold, test)}")


if __name__ == "__main__":
    main()
