"""Per-probe verdicts against the noise floor.

Categorical facets (actions, escalation, refusal, promises) compare per-sample counts with
Fisher's exact test. With few samples a test cannot reach significance on its own, so a facet
whose samples agree within each version but differ between versions is also tested against the
pooled noise floor: how often, over the whole suite, one sample of a version disagrees with the
others of its probe. Text meaning compares old–new distances with old–old and new–new ones.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

from behaviordiff.detect.model import FacetResult
from behaviordiff.detect.settings import DetectSettings
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.similarity import word_set
from behaviordiff.detect.stats import (
    fisher_exact,
    label_permutation_p,
    min_permutation_p,
    permutation_p,
    quantile,
    samples_to_decide,
)

CATEGORICAL = ("actions", "escalation", "refusal", "promises")


def facet_items(signature: BehaviorSignature, facet: str) -> frozenset[str]:
    """What a sample shows for a categorical facet, as a set of items."""
    if facet == "actions":
        return signature.action_set
    if facet == "escalation":
        return frozenset({"escalates"}) if signature.escalated else frozenset()
    if facet == "refusal":
        return frozenset({"refuses"}) if signature.refused else frozenset()
    if facet == "promises":
        return signature.promise_keys
    raise ValueError(facet)


@dataclass
class ProbeSamples:
    """One probe's signatures on both sides plus its distance matrices (old first)."""

    probe_id: str
    old: list[BehaviorSignature]
    new: list[BehaviorSignature]
    meaning: list[list[float]] = field(default_factory=list)
    wording: list[list[float]] = field(default_factory=list)
    vectors: list[Any] = field(default_factory=list)
    """Meaning vectors of the samples (old first), for comparing them with other probes'."""

    @property
    def sizes(self) -> tuple[int, int]:
        return len(self.old), len(self.new)

    def pairs(self, matrix: list[list[float]]) -> tuple[list[float], list[float]]:
        """(cross distances, within-version distances)."""
        n, m = self.sizes
        cross = [matrix[i][n + j] for i in range(n) for j in range(m)]
        within = [matrix[i][j] for i, j in combinations(range(n), 2)]
        within += [matrix[n + i][n + j] for i, j in combinations(range(m), 2)]
        return cross, within


def distance_matrix(
    vectors: Sequence[Any], distance: Callable[[Any, Any], float]
) -> list[list[float]]:
    size = len(vectors)
    matrix = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1, size):
            value = 0.0 if vectors[i] is vectors[j] else distance(vectors[i], vectors[j])
            matrix[i][j] = matrix[j][i] = value
    return matrix


@dataclass
class NoiseFloor:
    deviations: dict[str, int]
    opportunities: dict[str, int]
    meaning_within: list[float]
    wording_within: list[float]
    probes_with_several: int
    probes_with_one: int
    prior: float
    meaning_floor: float
    wording_floor: float
    meaning_mean: float = 0.0
    wording_mean: float = 0.0
    per_probe: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    """Per facet, each probe's (deviations, opportunities): probes differ in how noisy they
    are, and a suite-wide rate alone would make a noisy probe's flip look like a change."""
    item_sides: dict[str, list[tuple[str, int, int]]] = field(default_factory=dict)
    """Per promise item, each (probe, samples saying it, samples) of a side with several
    samples, on every probe where some sample says it: whether the item is a wording choice
    the agent samples (said in some samples of one side and not in the others)."""
    _mixtures: dict[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)

    def mixture(self, facet: str) -> tuple[tuple[float, float], ...]:
        """(share of probes, per-sample disagreement rate) of a quiet and a noisy kind."""
        if facet not in self._mixtures:
            self._mixtures[facet] = fit_noise_mixture(
                self.per_probe.get(facet, []), self.rate(facet)
            )
        return self._mixtures[facet]

    def flip_p(self, facet: str, n: int, m: int) -> float:
        """P(under no change) that all n old samples agree, all m new samples agree, and the
        two sides disagree, for a probe drawn from the suite's mix of quiet and noisy probes."""
        total = 0.0
        for share, rate in self.mixture(facet):
            total += share * (rate**n * (1 - rate) ** m + (1 - rate) ** n * rate**m)
        return min(1.0, total)

    def item_flip_p(self, item: str, probe_id: str, n: int, m: int) -> tuple[float, float] | None:
        """(P, rate) of a flip of one promise item that other probes show the agent samples.

        A reply reworded the same way in every sample can drop a word that is a wording choice
        ("our gift cards last a year" / "cards are valid for a year"); one side of
        another probe saying it in some samples and not in others shows that. On such a probe
        the item is said at the measured rate, so a pure flip of n against m samples happens
        by chance with probability rate^n (1-rate)^m (or the other way), weighted by the share
        of the other probes where the item is in play that sample it. None when no other probe
        samples it: the suite-wide floor alone then applies."""
        others = [side for side in self.item_sides.get(item, []) if side[0] != probe_id]
        mixed = [(hits, size) for _, hits, size in others if 0 < hits < size]
        if not mixed:
            return None
        in_play = {probe for probe, _, _ in others}
        sampling = {probe for probe, hits, size in others if 0 < hits < size}
        share = (len(sampling) + 0.5) / (len(in_play) + 1.0)
        rate = sum(hits for hits, _ in mixed) / sum(size for _, size in mixed)
        flip = rate**n * (1 - rate) ** m + (1 - rate) ** n * rate**m
        return min(1.0, share * flip + (1 - share) * self.flip_p("promises", n, m)), rate

    def rate(self, facet: str) -> float:
        """Per-sample disagreement rate of a facet (Jeffreys-smoothed), or the prior."""
        chances = self.opportunities.get(facet, 0)
        if chances == 0:
            return self.prior
        return (self.deviations.get(facet, 0) + 0.5) / (chances + 1.0)

    @property
    def measured(self) -> bool:
        return self.probes_with_several > 0


def fit_noise_mixture(
    counts: Sequence[tuple[int, int]], pooled: float, iterations: int = 60
) -> tuple[tuple[float, float], ...]:
    """Fit two kinds of probe, quiet and noisy, to per-probe disagreement counts (EM on a
    two-binomial mixture). With no probe measured, one kind at the pooled rate."""
    measured = [(d, o) for d, o in counts if o > 0]
    total_opportunities = sum(o for _, o in measured)
    if not measured:
        return ((1.0, pooled),)
    floor = 0.5 / (total_opportunities + 1.0)
    low, high, share = max(floor, pooled / 4), max(0.2, pooled * 2), 0.1
    for _ in range(iterations):
        weights = []
        for deviations, opportunities in measured:
            log_high = (
                math.log(share)
                + deviations * math.log(high)
                + (opportunities - deviations) * math.log(1 - high)
            )
            log_low = (
                math.log(1 - share)
                + deviations * math.log(low)
                + (opportunities - deviations) * math.log(1 - low)
            )
            top = max(log_high, log_low)
            weights.append(
                math.exp(log_high - top) / (math.exp(log_high - top) + math.exp(log_low - top))
            )
        share = min(max(sum(weights) / len(weights), 1e-4), 1 - 1e-4)
        high_opps = sum(w * o for w, (_, o) in zip(weights, measured, strict=True))
        low_opps = sum((1 - w) * o for w, (_, o) in zip(weights, measured, strict=True))
        high_devs = sum(w * d for w, (d, _) in zip(weights, measured, strict=True))
        low_devs = sum((1 - w) * d for w, (d, _) in zip(weights, measured, strict=True))
        low = min(max((low_devs + 0.5) / (low_opps + 1.0), floor), 0.5)
        high = min(max(high_devs / high_opps if high_opps else high, low), 0.5)
    return ((1 - share, low), (share, high))


def measure_noise(
    probes: Sequence[ProbeSamples], settings: DetectSettings, default_meaning_floor: float
) -> NoiseFloor:
    deviations = dict.fromkeys(CATEGORICAL, 0)
    opportunities = dict.fromkeys(CATEGORICAL, 0)
    per_probe: dict[str, list[tuple[int, int]]] = {facet: [] for facet in CATEGORICAL}
    meaning_within: list[float] = []
    wording_within: list[float] = []
    item_sides: dict[str, list[tuple[str, int, int]]] = {}
    several = one = 0
    for probe in probes:
        n, m = probe.sizes
        if max(n, m) >= 2:
            several += 1
        if min(n, m) <= 1:
            one += 1
        for facet in CATEGORICAL:
            universe: set[str] = set()
            for signature in (*probe.old, *probe.new):
                universe |= facet_items(signature, facet)
            items = sorted(universe) or ["(none)"]
            probe_deviations = probe_opportunities = 0
            for side in (probe.old, probe.new):
                if len(side) < 2:
                    continue
                sets = [facet_items(signature, facet) for signature in side]
                for item in items:
                    hits = sum(1 for s in sets if item in s)
                    probe_deviations += min(hits, len(sets) - hits)
                    probe_opportunities += len(sets)
                    if facet == "promises" and universe:
                        item_sides.setdefault(item, []).append((probe.probe_id, hits, len(sets)))
            deviations[facet] += probe_deviations
            opportunities[facet] += probe_opportunities
            if probe_opportunities:
                per_probe[facet].append((probe_deviations, probe_opportunities))
        meaning_within.extend(probe.pairs(probe.meaning)[1])
        wording_within.extend(probe.pairs(probe.wording)[1])
    meaning_floor = (
        quantile(meaning_within, settings.meaning_floor_quantile)
        if len(meaning_within) >= 10
        else default_meaning_floor
    )
    wording_floor = (
        quantile(wording_within, settings.wording_floor_quantile)
        if len(wording_within) >= 10
        else 0.5
    )
    return NoiseFloor(
        deviations=deviations,
        opportunities=opportunities,
        meaning_within=meaning_within,
        wording_within=wording_within,
        probes_with_several=several,
        probes_with_one=one,
        prior=settings.prior_deviation,
        meaning_floor=meaning_floor,
        wording_floor=wording_floor,
        meaning_mean=_mean(meaning_within),
        wording_mean=_mean(wording_within),
        per_probe=per_probe,
        item_sides=item_sides,
    )


def _samples_for_pooled(rate: float, items: int, alpha: float) -> int | None:
    if rate <= 0 or rate >= 0.5:
        return None
    return max(1, math.ceil(math.log(alpha / (2.0 * max(items, 1))) / math.log(rate)))


def categorical_facet(
    probe: ProbeSamples, facet: str, noise: NoiseFloor, settings: DetectSettings
) -> FacetResult:
    n, m = probe.sizes
    old_sets = [facet_items(s, facet) for s in probe.old]
    new_sets = [facet_items(s, facet) for s in probe.new]
    universe = sorted(set().union(*old_sets, *new_sets)) if (old_sets or new_sets) else []
    if facet in ("escalation", "refusal"):
        universe = [{"escalation": "escalates", "refusal": "refuses"}[facet]]
    old_counts = {item: sum(1 for s in old_sets if item in s) for item in universe}
    new_counts = {item: sum(1 for s in new_sets if item in s) for item in universe}
    differing = [item for item in universe if old_counts[item] * m != new_counts[item] * n]
    if not differing:
        return FacetResult(
            facet, "same", 1.0, "fisher", old_counts=old_counts, new_counts=new_counts
        )
    tests = len(differing)
    rate = noise.rate(facet)
    best_p, best_method = 1.0, "fisher"
    more: int | None = None
    undecided_effect = False
    sampled: dict[str, float] = {}
    unanswered = _unanswered_items(differing, old_counts, new_counts, n, m)
    for item in differing:
        a, c = old_counts[item], new_counts[item]
        p_exact = min(1.0, fisher_exact(a, n - a, c, m - c) * tests)
        p_item, method = p_exact, "fisher"
        consistent = a in (0, n) and c in (0, m)
        item_rate = rate
        if consistent:
            p_flip = noise.flip_p(facet, n, m)
            spread = (
                noise.item_flip_p(item, probe.probe_id, n, m)
                if facet == "promises" and item in unanswered
                else None
            )
            if spread is not None and spread[0] > p_flip:
                p_flip = spread[0]
                item_rate = min(spread[1], 1 - spread[1])
                sampled[item] = round(spread[1], 3)
            p_floor = min(1.0, p_flip * tests)
            if p_floor < p_item:
                p_item, method = p_floor, "pooled-floor"
        if p_item < best_p:
            best_p, best_method = p_item, method
        effect = abs(a / n - c / m) if n and m else 0.0
        raw_p = fisher_exact(a, n - a, c, m - c)
        if p_item > settings.alpha and effect >= 0.5 and (raw_p <= 0.5 or consistent):
            undecided_effect = True
            needed = samples_to_decide(a, n, c, m, settings.alpha / tests)
            if consistent:
                pooled_needed = _samples_for_pooled(item_rate, tests, settings.alpha)
                if pooled_needed is not None:
                    needed = pooled_needed if needed is None else min(needed, pooled_needed)
            if needed is not None:
                extra = max(1, needed - min(n, m))
                more = extra if more is None else min(more, extra)
    if min(n, m) >= 4 and best_p > settings.alpha / 2:
        # Item by item, a change spread over several calls may not reach significance after
        # correction; one permutation test over each sample's whole outcome can. Two tests,
        # so each p-value counts double.
        p_whole = label_permutation_p(old_sets, new_sets)
        if p_whole < best_p:
            best_method = "permutation"
        best_p = min(1.0, 2 * min(best_p, p_whole))
    removed = [
        item for item in differing if old_counts[item] / max(n, 1) > new_counts[item] / max(m, 1)
    ]
    added = [item for item in differing if item not in removed]
    if best_p <= settings.alpha:
        status = "changed"
        more = None
    elif undecided_effect:
        status = "inconclusive"
    else:
        status = "same"
        more = None
    detail: dict[str, Any] = {}
    if best_method == "pooled-floor":
        detail["noise_rate"] = round(rate, 5)
    if sampled:
        detail["item_rates"] = sampled
    return FacetResult(
        facet,
        status,  # type: ignore[arg-type]
        best_p,
        best_method,
        removed=removed,
        added=added,
        old_counts=old_counts,
        new_counts=new_counts,
        more_samples=more,
        detail=detail,
    )


def _unanswered_items(
    differing: Sequence[str], old_counts: dict[str, int], new_counts: dict[str, int], n: int, m: int
) -> set[str]:
    """The differing promise items with no item of their kind moving the other way: a value
    said instead ("30 days" -> "45 days") corroborates a change that a reworded reply cannot
    make, while a word merely no longer said (or newly said) may be the rewording itself."""

    def rises(item: str) -> bool:
        return new_counts[item] * n > old_counts[item] * m

    kinds = {(item.split(":", 1)[0], rises(item)) for item in differing}
    return {item for item in differing if (item.split(":", 1)[0], not rises(item)) not in kinds}


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def text_shift(
    probe: ProbeSamples,
    matrix: list[list[float]],
    pooled_floor: float,
    pooled_within: float,
    min_effect: float,
    *,
    permute_above: float | None = None,
    known_switch: Callable[[int, int, float], bool] | None = None,
) -> dict[str, Any]:
    """How far old–new distances rise above same-version distances for one probe.

    `known_switch(i, j, margin)` says that old sample i and new sample j differ only as two
    replies one version gives to a single input elsewhere do. When the shift is worth testing,
    such pairs do not count beyond the floor (`switches` counts them)."""
    n, m = probe.sizes
    cross, within = probe.pairs(matrix)
    baseline = _mean(within) if within else pooled_within
    floor = max(pooled_floor, max(within)) if within else pooled_floor
    # Beyond means clearly beyond: when a probe's own samples already differ almost as much
    # as texts can (0.96 of 1.0), old-new pairs at 1.0 are not news.
    margin = min_effect / 2
    outside = [(i, j) for i in range(n) for j in range(m) if matrix[i][n + j] > floor + margin]
    excess = _mean(cross) - baseline
    worth_testing = excess >= min_effect and (
        permute_above is None or _mean(cross) >= permute_above
    )
    switches = (
        [(i, j) for i, j in outside if known_switch(i, j, margin)]
        if known_switch is not None and worth_testing
        else []
    )
    beyond = (len(outside) - len(switches)) / len(cross) if cross else 0.0
    result: dict[str, Any] = {
        "cross": round(_mean(cross), 4),
        "within": round(baseline, 4) if within else None,
        "floor": round(floor, 4),
        "beyond_floor": round(beyond, 3),
        "excess": round(excess, 4),
    }
    if switches:
        result["switches"] = len(switches)
    if worth_testing and n >= 3 and m >= 3 and min_permutation_p(n, m) < 0.05:
        result["p_value"] = round(permutation_p(matrix, n), 5)
    result["large"] = excess >= min_effect
    return result


@dataclass
class Phrasings:
    """Pairs of replies that one version gave to one input although they lie beyond the
    pooled meaning floor: two phrasings the agent mixes (a chatty "Good news: I've checked"
    and a terse "All looks fine", say). The floor is a quantile, so such pairs stand above
    it; when a probe's versions happen to draw one phrasing each, its old–new pairs do too,
    and only the rest of the suite shows that this switch is what the agent does anyway."""

    pairs: list[tuple[str, Any, Any, float]]
    """(version, vector, vector, distance) of each same-version pair beyond the floor."""
    distance: Callable[[Any, Any], float]
    refusal_pairs: list[tuple[Any, Any]] = field(default_factory=list)
    """(refusing, not refusing) vectors of two replies one version gave to one input, of
    which only one reads as a refusal: wordings the refusal reader tells apart though the
    agent mixes them ("we can't refund it, but here's a voucher" / "we give a voucher instead
    of a refund")."""

    @classmethod
    def collect(
        cls,
        probes: Sequence[ProbeSamples],
        floor: float,
        distance: Callable[[Any, Any], float],
    ) -> Phrasings:
        pairs: list[tuple[str, Any, Any, float]] = []
        refusal_pairs: list[tuple[Any, Any]] = []
        for probe in probes:
            if len(probe.vectors) != len(probe.meaning):
                continue
            n, m = probe.sizes
            samples = [*probe.old, *probe.new]
            for version, indices in (("old", range(n)), ("new", range(n, n + m))):
                for i, j in combinations(indices, 2):
                    if probe.meaning[i][j] > floor:
                        pairs.append(
                            (version, probe.vectors[i], probe.vectors[j], probe.meaning[i][j])
                        )
                    if samples[i].refused != samples[j].refused:
                        refusing, other = (i, j) if samples[i].refused else (j, i)
                        refusal_pairs.append((probe.vectors[refusing], probe.vectors[other]))
        return cls(pairs, distance, refusal_pairs)

    def refusal_switch(self, probe: ProbeSamples) -> bool:
        """Whether an old and a new reply of `probe` that the refusal reader tells apart are
        close (each nearer than half their distance) to two replies another input drew from
        one version, of which one reads as a refusal and the other not: a switch of wording
        the agent makes anyway, not a refusal added or dropped."""
        if not self.refusal_pairs or len(probe.vectors) != len(probe.meaning):
            return False
        n, m = probe.sizes
        for i in range(n):
            for j in range(m):
                old, new = probe.old[i], probe.new[j]
                if old.refused == new.refused:
                    continue
                reach = probe.meaning[i][n + j] / 2
                refusing, other = (i, n + j) if old.refused else (n + j, i)
                for seen_refusing, seen_other in self.refusal_pairs:
                    if (
                        self.distance(probe.vectors[refusing], seen_refusing) <= reach
                        and self.distance(probe.vectors[other], seen_other) <= reach
                    ):
                        return True
        return False

    def explainer(self, probe: ProbeSamples) -> Callable[[int, int, float], bool] | None:
        """`known_switch` for text_shift: old sample i and new sample j are a known switch when
        each version, in some probe, gave two replies as far apart (within the margin) of which
        one is close to sample i and the other to sample j (each nearer than half the pair's
        distance, so the match is the phrasing, not the topic)."""
        if not self.pairs or len(probe.vectors) != len(probe.meaning):
            return None
        n = probe.sizes[0]
        memo: dict[tuple[int, int], float] = {}

        def near(index: int, vector: Any, reach: float) -> bool:
            key = (index, id(vector))
            if key not in memo:
                memo[key] = self.distance(probe.vectors[index], vector)
            return memo[key] <= reach

        def known(i: int, j: int, margin: float) -> bool:
            gap = probe.meaning[i][n + j]
            seen: set[str] = set()
            for version, first, second, apart in self.pairs:
                if version in seen or apart < gap - margin:
                    continue
                for a, b in ((first, second), (second, first)):
                    if near(i, a, gap / 2) and near(n + j, b, gap / 2):
                        seen.add(version)
                        break
                if len(seen) == 2:
                    return True
            return False

        return known


def meaning_facet(
    probe: ProbeSamples,
    noise: NoiseFloor,
    settings: DetectSettings,
    threshold: float,
    phrasings: Phrasings | None = None,
) -> FacetResult:
    shift = text_shift(
        probe,
        probe.meaning,
        noise.meaning_floor,
        noise.meaning_mean,
        settings.min_meaning_effect,
        permute_above=threshold,
        known_switch=phrasings.explainer(probe) if phrasings is not None else None,
    )
    cross = shift["cross"]
    p_value = shift.get("p_value")
    large = bool(shift.pop("large"))
    beyond = float(shift["beyond_floor"])
    status = "same"
    method = "noise-floor"
    if large and cross >= threshold:
        if p_value is not None:
            method = "permutation"
            if p_value <= settings.alpha or (p_value <= settings.alpha * 5 and beyond >= 0.5):
                status = "changed"
            elif p_value <= settings.inconclusive_alpha:
                status = "inconclusive"
        elif beyond >= 0.75:
            status = "changed"
        elif beyond >= 0.34:
            status = "inconclusive"
        if shift.get("switches") and beyond < 0.34:
            # The versions separate, but by a switch between phrasings both of them mix for
            # one input elsewhere in the suite: chance drew one phrasing per version here.
            status = "same"
    n, m = probe.sizes
    if status == "changed" and n == 1 and m == 1 and len(noise.meaning_within) < 10:
        status = "inconclusive"  # no same-version distance measured anywhere to compare with
    more = None
    if status == "inconclusive":
        more = max(1, 5 - min(n, m))
    return FacetResult(
        "meaning",
        status,  # type: ignore[arg-type]
        p_value,
        method,
        more_samples=more,
        detail={"distance": shift, "threshold": threshold},
    )


@lru_cache(maxsize=200_000)
def vocabulary(text: str) -> frozenset[str]:
    """Word stems of a reply, for the wording test ("apologize", "apologies" → "apolog")."""
    return frozenset(word[:6] if len(word) > 6 else word for word in word_set(text))


@dataclass
class Vocabulary:
    """How many samples of each version, over the whole suite, use each word stem."""

    old: dict[str, int]
    new: dict[str, int]
    old_samples: int
    new_samples: int

    @classmethod
    def count(cls, probes: Sequence[ProbeSamples]) -> Vocabulary:
        old: dict[str, int] = {}
        new: dict[str, int] = {}
        old_total = new_total = 0
        for probe in probes:
            for signatures, counts in ((probe.old, old), (probe.new, new)):
                for signature in signatures:
                    for stem in vocabulary(signature.text):
                        counts[stem] = counts.get(stem, 0) + 1
            old_total += len(probe.old)
            new_total += len(probe.new)
        return cls(old, new, old_total, new_total)


def wording_shift(
    probe: ProbeSamples, noise: NoiseFloor, settings: DetectSettings, words: Vocabulary
) -> dict[str, Any]:
    """Did the wording change systematically? Either words that every sample of one version
    uses here and the other version almost never uses anywhere in the suite (a rewrite shows
    up as new vocabulary, sampling noise as a reshuffle of the same words), or, with enough
    samples to permute, distances that separate the versions."""
    shift = text_shift(
        probe,
        probe.wording,
        noise.wording_floor,
        noise.wording_mean,
        2 * settings.min_wording_effect,
    )
    shift.pop("large")
    p_value = shift.get("p_value")
    old_sets = [vocabulary(s.text) for s in probe.old]
    new_sets = [vocabulary(s.text) for s in probe.new]
    if min(len(old_sets), len(new_sets)) < 2:  # one sample cannot tell a rewrite from a draw
        old_sets = new_sets = [frozenset()]
    introduced = sorted(
        stem
        for stem in frozenset.intersection(*new_sets) - frozenset.union(*old_sets)
        if words.old.get(stem, 0) <= settings.rare_word_share * words.old_samples
    )
    dropped = sorted(
        stem
        for stem in frozenset.intersection(*old_sets) - frozenset.union(*new_sets)
        if words.new.get(stem, 0) <= settings.rare_word_share * words.new_samples
    )
    shift["introduced"] = introduced
    shift["dropped"] = dropped
    shift["separates"] = (
        p_value is not None
        and p_value <= settings.alpha
        and shift["excess"] >= 2 * settings.min_wording_effect
    )
    return shift


def settle_wording(shifts: Sequence[dict[str, Any]]) -> None:
    """Mark each shift changed or not. One probe whose samples all happen to pick the same
    paraphrase is chance (and swaps several words at once); a rewrite of the agent's wording
    shows the same new or missing words in several probes."""
    recurrence: dict[str, int] = {}
    for shift in shifts:
        for stem in {*shift["introduced"], *shift["dropped"]}:
            recurrence[stem] = recurrence.get(stem, 0) + 1
    for shift in shifts:
        stems = {*shift["introduced"], *shift["dropped"]}
        systematic = any(recurrence[stem] >= 2 for stem in stems)
        shift["changed"] = bool(stems and systematic) or bool(shift.pop("separates"))
        shift["introduced"] = shift["introduced"][:12]
        shift["dropped"] = shift["dropped"][:12]
