"""How far lagebild's event features could carry on ECB+, whatever the clustering: an analysis
beside ``events_ecbplus.py`` (which measures the online index itself).

    python benchmarks/events_ecbplus_ceiling.py [--cache FILE] [--orders 5]

Prints (1) within each topic, how well the tf-idf cosine of two documents ranks same-event
pairs above different-event pairs (ROC AUC); (2) average-link agglomerative clustering of the
same vectors cut at several thresholds — the best of them is chosen on all 982 documents, so it
is an upper bound, not a result; (3) the online index (join 0.22) without its own splits,
followed by an average-link split of every final event at several thresholds, mean over
``--orders`` stream orders (the analysis that led to splitting events online).
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy.cluster.hierarchy import fcluster

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _clusters import b_cubed, pairwise
from events_ecbplus import cached_analysis, load
from lagebild.events.features import ArticleFeatures, Frequencies
from lagebild.events.index import EventIndex, average_link, tfidf_matrix

THRESHOLDS = (0.16, 0.18, 0.20, 0.22, 0.24, 0.26)
SPLITS = (0.18, 0.20, 0.22)
ONLINE_JOIN = 0.22


def _auc(positive: list[float], negative: list[float]) -> float:
    values = np.array(positive + negative)
    ranks = values.argsort().argsort() + 1
    n, m = len(positive), len(negative)
    return float((ranks[:n].sum() - n * (n + 1) / 2) / (n * m))


def _merged_topics(
    features: Sequence[ArticleFeatures], gold: dict[str, str], topic: dict[str, str]
) -> list[str]:
    order = list(features)
    random.Random(0).shuffle(order)
    by_id = {f.article_id: f for f in features}
    index = EventIndex(members=lambda ids: [by_id[a] for a in ids if a in by_id])
    for item in order:
        index.add(item)
    merged = []
    for name in sorted(set(topic.values()), key=int):
        sizes: dict[str, int] = {}
        for a, t in topic.items():
            if t == name:
                sizes[gold[a]] = sizes.get(gold[a], 0) + 1
        if len(sizes) < 2:
            continue
        for event in index.events():
            inside = [gold[a] for a in event.article_ids if topic[a] == name]
            if all(inside.count(sub) >= 0.8 * size for sub, size in sizes.items()):
                merged.append(name)
                break
    return merged


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", type=Path, help="keep the analysed features in this file")
    parser.add_argument("--orders", type=int, default=5)
    args = parser.parse_args(argv)
    docs = load()
    features = cached_analysis(docs, args.cache)
    gold = {str(d["doc_id"]): str(d["subtopic"]) for d in docs}
    topic = {str(d["doc_id"]): str(d["topic"]) for d in docs}
    ids = [f.article_id for f in features]
    truth = [gold[a] for a in ids]
    frequencies = Frequencies()
    for item in features:
        frequencies.add(list(item.counts))
    matrix = tfidf_matrix(features, frequencies, np.float32)
    similarity = matrix @ matrix.T
    positive: list[float] = []
    negative: list[float] = []
    for i, j in itertools.combinations(range(len(ids)), 2):
        if topic[ids[i]] == topic[ids[j]]:
            (positive if truth[i] == truth[j] else negative).append(float(similarity[i, j]))
    print(
        f"ECB+: {len(ids)} documents; within-topic pairs: {len(positive)} same event, "
        f"{len(negative)} different events"
    )
    print(f"(1) tf-idf cosine ranks same-event pairs first: ROC AUC {_auc(positive, negative):.3f}")
    tree = average_link(similarity)
    print("(2) average-link agglomerative, cut at (upper bound: the cut is chosen on the data)")
    for threshold in THRESHOLDS:
        labels = list(fcluster(tree, 1.0 - threshold, criterion="distance"))
        b3, pw = b_cubed(labels, truth), pairwise(labels, truth)
        print(f"    {threshold:.2f}: B3 F1 {b3[2]:.3f} | pairwise F1 {pw[2]:.3f}")
    merged = _merged_topics(features, gold, topic)
    print(
        f"(0) the shipped online index, stream order 0: {len(merged)} of "
        f"{len(set(topic.values()))} topics have one event holding >= 80 % of the documents "
        f"of both their events (topics {', '.join(merged)})"
    )
    by_id = dict(zip(ids, features, strict=True))
    print(
        f"(3) online (join {ONLINE_JOIN}), then every event split by average link, "
        f"mean of {args.orders} orders"
    )
    for split in SPLITS:
        b3s, pws = [], []
        for seed in range(args.orders):
            order = list(features)
            random.Random(seed).shuffle(order)
            index = EventIndex(join=ONLINE_JOIN)
            for item in order:
                index.add(item)
            predicted: dict[str, str] = {}
            for event in index.events():
                members = list(event.article_ids)
                if len(members) < 4:
                    predicted.update({a: event.id for a in members})
                    continue
                sub = tfidf_matrix([by_id[a] for a in members], index.frequencies, np.float32)
                cut = fcluster(average_link(sub @ sub.T), 1.0 - split, criterion="distance")
                predicted.update({a: f"{event.id}/{c}" for a, c in zip(members, cut, strict=True)})
            labels = [predicted[a] for a in ids]
            b3s.append(b_cubed(labels, truth)[2])
            pws.append(pairwise(labels, truth)[2])
        print(
            f"    split at {split:.2f}: B3 F1 {statistics.mean(b3s):.3f} | "
            f"pairwise F1 {statistics.mean(pws):.3f}"
        )


if __name__ == "__main__":
    main()
