"""Exact tests for small samples, written out so the core needs no SciPy.

Fisher's exact test on 2×2 tables decides categorical facets (did the agent call this tool,
escalate, refuse, promise this amount); a permutation test on distances decides text facets
when there are enough samples to permute.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations


@lru_cache(maxsize=4096)
def _log_choose(n: int, k: int) -> float:
    if k < 0 or k > n:
        return -math.inf
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


@lru_cache(maxsize=65536)
def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for the table [[a, b], [c, d]].

    Rows are versions (old, new), columns are "has the value" / "has not". The p-value sums the
    probabilities of all tables with the same margins that are no more likely than this one.
    """
    row1, row2, col1 = a + b, c + d, a + c
    total = row1 + row2
    if total == 0 or row1 == 0 or row2 == 0 or col1 in (0, total):
        return 1.0
    denominator = _log_choose(total, col1)

    def log_p(x: int) -> float:
        return _log_choose(row1, x) + _log_choose(row2, col1 - x) - denominator

    observed = log_p(a)
    low, high = max(0, col1 - row2), min(row1, col1)
    p_value = 0.0
    for x in range(low, high + 1):
        value = log_p(x)
        if value <= observed + 1e-9:
            p_value += math.exp(value)
    return min(1.0, p_value)


def min_fisher_p(n_old: int, n_new: int) -> float:
    """The smallest p-value Fisher's test can give with these sample sizes (full separation)."""
    return fisher_exact(n_old, 0, 0, n_new)


def samples_to_decide(
    old_hits: int, n_old: int, new_hits: int, n_new: int, alpha: float, *, limit: int = 200
) -> int | None:
    """Samples per version at which the observed proportions would reach significance.

    None when the proportions are equal, or when even `limit` samples would not decide.
    """
    if n_old == 0 or n_new == 0:
        return None
    p_old, p_new = old_hits / n_old, new_hits / n_new
    if abs(p_old - p_new) < 1e-9:
        return None
    start = max(n_old, n_new) + 1
    for n in range(start, limit + 1):
        a, c = round(p_old * n), round(p_new * n)
        if fisher_exact(a, n - a, c, n - c) <= alpha:
            return n
    return None


def binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    p = min(max(p, 0.0), 1.0)
    if p == 0.0:
        return 0.0
    if p == 1.0:
        return 1.0
    total = 0.0
    for x in range(k, n + 1):
        total += math.exp(_log_choose(n, x) + x * math.log(p) + (n - x) * math.log1p(-p))
    return min(1.0, total)


def energy_statistic(matrix: Sequence[Sequence[float]], first: Sequence[int]) -> float:
    """Mean cross distance minus the mean of the two within-group means.

    `matrix` holds distances between all samples; `first` is the index set of one group.
    """
    size = len(matrix)
    group = set(first)
    second = [i for i in range(size) if i not in group]
    cross = [matrix[i][j] for i in first for j in second]
    within_a = [matrix[i][j] for i, j in combinations(first, 2)]
    within_b = [matrix[i][j] for i, j in combinations(second, 2)]
    if not cross:
        return 0.0
    means = [sum(v) / len(v) for v in (within_a, within_b) if v]
    within = sum(means) / len(means) if means else 0.0
    return sum(cross) / len(cross) - within


def permutation_p(
    matrix: Sequence[Sequence[float]], n_first: int, *, max_permutations: int = 2000
) -> float:
    """One-sided p-value that the first `n_first` samples differ from the rest more than chance.

    Exact over all relabellings when there are few; otherwise a fixed, seeded subset (so the
    same input always gives the same answer).
    """
    size = len(matrix)
    observed = energy_statistic(matrix, range(n_first))
    total = math.comb(size, n_first)
    if total <= max_permutations:
        labellings: list[tuple[int, ...]] = list(combinations(range(size), n_first))
    else:
        import random

        rng = random.Random(size * 7919 + n_first)
        labellings = [tuple(range(n_first))]
        for _ in range(max_permutations - 1):
            labellings.append(tuple(sorted(rng.sample(range(size), n_first))))
    at_least = sum(
        1 for labels in labellings if energy_statistic(matrix, labels) >= observed - 1e-12
    )
    return at_least / len(labellings)


def _total_variation(labels: Sequence[object], first: Sequence[int]) -> float:
    chosen = set(first)
    n_first, n_second = len(chosen), len(labels) - len(chosen)
    counts: dict[object, list[int]] = {}
    for index, label in enumerate(labels):
        counts.setdefault(label, [0, 0])[0 if index in chosen else 1] += 1
    return sum(abs(a / n_first - b / n_second) for a, b in counts.values()) / 2


def label_permutation_p(
    old: Sequence[object], new: Sequence[object], *, max_permutations: int = 2000
) -> float:
    """P-value that two groups of categorical outcomes (e.g. each sample's set of tool calls)
    come from one distribution: a permutation test on their total variation distance.

    One test over the whole outcome, so no correction for testing item by item.
    """
    labels = [*old, *new]
    n_first = len(old)
    observed = _total_variation(labels, range(n_first))
    total = math.comb(len(labels), n_first)
    if total <= max_permutations:
        labellings: list[tuple[int, ...]] = list(combinations(range(len(labels)), n_first))
    else:
        import random

        rng = random.Random(len(labels) * 104729 + n_first)
        labellings = [tuple(range(n_first))]
        for _ in range(max_permutations - 1):
            labellings.append(tuple(rng.sample(range(len(labels)), n_first)))
    at_least = sum(
        1 for labels_ in labellings if _total_variation(labels, labels_) >= observed - 1e-12
    )
    return at_least / len(labellings)


def min_permutation_p(n_first: int, n_second: int) -> float:
    """The smallest p-value the permutation test can give with these group sizes."""
    total = math.comb(n_first + n_second, n_first)
    symmetric = 2 if n_first == n_second else 1
    return symmetric / total


def quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated quantile of a non-empty sequence."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("quantile of an empty sequence")
    position = (len(ordered) - 1) * q
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    fraction = position - low
    return ordered[low] * (1 - fraction) + ordered[high] * fraction
