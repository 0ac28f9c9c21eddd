"""Settings of the analysis: thresholds, which tool arguments matter, escalation markers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from behaviordiff.detect.facts import DEFAULT_POLICY_TERMS


@dataclass(frozen=True)
class ToolArguments:
    """Which arguments of one tool are behavior. By default ids, emails and free text are
    ignored and numbers, flags and short enum-like strings are kept."""

    keep: tuple[str, ...] | None = None
    """Only these arguments count (None: the default rule decides)."""
    ignore: tuple[str, ...] = ()
    """Never count these arguments."""


@dataclass(frozen=True)
class DetectSettings:
    alpha: float = 0.01
    """Significance level per facet; a facet changes only below it."""
    false_discovery_rate: float = 0.05
    """Across the suite: the share of flagged probes that may be chance flips of noisy ones."""
    inconclusive_alpha: float = 0.25
    """Above `alpha` but below this, with a large effect: inconclusive, not unchanged."""
    similarity: str = "builtin"
    """Meaning backend: builtin, embeddings, local."""
    tool_arguments: Mapping[str, ToolArguments] = field(default_factory=dict)
    escalation_tools: tuple[str, ...] = ()
    escalation_phrases: tuple[str, ...] = ()
    policy_terms: tuple[str, ...] = DEFAULT_POLICY_TERMS
    ignore_tools: tuple[str, ...] = ()
    """Tools whose calls are never behavior (telemetry, logging)."""
    meaning_floor_quantile: float = 0.95
    """Quantile of same-version meaning distances (pooled over the suite) taken as the floor."""
    wording_floor_quantile: float = 0.9
    min_meaning_effect: float = 0.15
    """Smallest rise in mean meaning distance (old–new over same-version) that can count."""
    min_wording_effect: float = 0.08
    rare_word_share: float = 0.01
    """A word the other version uses in at most this share of its samples, suite-wide, counts
    as vocabulary that version does not have (the wording test)."""
    prior_deviation: float = 0.05
    """Assumed per-sample disagreement rate of a facet when no probe has several samples."""
    excerpt_chars: int = 360
    max_conditions: int = 3
    max_attribution: int = 3
    cluster_text_threshold: float = 0.5
    """Meaning distance under which two text-only changes are the same change."""
