"""Clustering scores on plain labels: BCubed precision / recall / F1 and pairwise F1."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping


def bcubed(
    predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable], items: Iterable[str]
) -> tuple[float, float, float]:
    """BCubed P / R / F1 (Bagga & Baldwin 1998) over `items`.

    Each item's precision is the share of its predicted cluster (restricted to
    `items`) that shares its gold class; recall the share of its gold class
    that shares its predicted cluster.
    """
    items = list(items)
    if not items:
        return 0.0, 0.0, 0.0
    pairs = Counter((predicted[i], gold[i]) for i in items)
    by_pred = Counter(predicted[i] for i in items)
    by_gold = Counter(gold[i] for i in items)
    p = sum(pairs[(predicted[i], gold[i])] / by_pred[predicted[i]] for i in items) / len(items)
    r = sum(pairs[(predicted[i], gold[i])] / by_gold[gold[i]] for i in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(
    predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable], items: Iterable[str]
) -> tuple[float, float, float]:
    """Precision / recall / F1 over pairs of items placed together."""
    items = list(items)

    def together(labels):
        groups = defaultdict(int)
        for i in items:
            groups[labels[i]] += 1
        return sum(n * (n - 1) // 2 for n in groups.values())

    both = Counter((predicted[i], gold[i]) for i in items)
    tp = sum(n * (n - 1) // 2 for n in both.values())
    pred, true = together(predicted), together(gold)
    p = tp / pred if pred else 1.0
    r = tp / true if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
