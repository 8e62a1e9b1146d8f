"""Clustering scores shared by the event benchmarks: B3 and pairwise precision/recall/F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def b_cubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B3 (Bagga & Baldwin 1998): per item, the share of its predicted cluster that shares its
    gold cluster (precision) and the share of its gold cluster found in its predicted one
    (recall), averaged over items."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same items")
    if not pred:
        return 0.0, 0.0, 0.0
    both = Counter(zip(pred, gold, strict=True))
    sizes_p, sizes_g = Counter(pred), Counter(gold)
    precision = sum(n * n / sizes_p[p] for (p, _), n in both.items()) / len(pred)
    recall = sum(n * n / sizes_g[g] for (_, g), n in both.items()) / len(pred)
    return precision, recall, _f1(precision, recall)


def pairwise(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """Pairwise: over all unordered pairs of items, a pair predicted together is right when
    the gold puts it together too."""
    if len(pred) != len(gold):
        raise ValueError("pred and gold must label the same items")

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    both = sum(pairs(n) for n in Counter(zip(pred, gold, strict=True)).values())
    predicted = sum(pairs(n) for n in Counter(pred).values())
    true = sum(pairs(n) for n in Counter(gold).values())
    precision = both / predicted if predicted else 0.0
    recall = both / true if true else 0.0
    return precision, recall, _f1(precision, recall)
