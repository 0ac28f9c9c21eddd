"""Attribution: which prompt/config diff hunks most likely caused a behavior change.

A hunk scores for naming a tool the change involves, for changing a parameter of that tool, for
stating a value the change states (45 days, $50, 50%), and for sharing distinctive terms with
what the agent now says or no longer says. Each point comes with its reason.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from behaviordiff.detect.model import Attribution, BehaviorChange
from behaviordiff.detect.similarity import _STOPWORDS
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

_TOOL_IN_TEXT = re.compile(r"`?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?")
_VALUE = re.compile(r"\$?\d+(?:[.,]\d+)?%?")
_STEM_WORD = re.compile(r"[a-z]+")
_SAMPLING_KEYS = {"model", "temperature", "top_p", "seed", "max_tokens", "parameters"}


def _values(text: str) -> set[str]:
    values = set()
    for raw in _VALUE.findall(text):
        value = raw.lstrip("$").rstrip("%").replace(",", "")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        values.add(value or "0")
    return values


def _hunk_words(hunk: Hunk) -> str:
    """The words a hunk changed (not its config key path)."""
    if hunk.kind == "sentence_changed":
        return " ".join([*hunk.added_words, *hunk.removed_words])
    return " ".join(hunk.values())


def _terms(text: str) -> Counter[str]:
    """Word stems minus stopwords: "apologize", "apologies" → "apolog"."""
    words = [w for w in _STEM_WORD.findall(text.lower()) if w not in _STOPWORDS and len(w) > 2]
    return Counter(word[:6] for word in words)


def _surface(text: str) -> dict[str, str]:
    """Stem → the first whole word written for it in `text`."""
    words: dict[str, str] = {}
    for word in _STEM_WORD.findall(text.lower()):
        words.setdefault(word[:6], word)
    return words


def _change_tools(change: BehaviorChange) -> set[str]:
    tools: set[str] = set()
    for item in [*change.before, *change.after]:
        name = item.split("(", 1)[0]
        if re.fullmatch(r"[A-Za-z0-9_-]+", name) and "_" in name:
            tools.add(name)
    return tools


def _change_arguments(change: BehaviorChange) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for item in [*change.before, *change.after]:
        if "(" in item:
            for part in item.split("(", 1)[1].rstrip(")").split(", "):
                key, _, value = part.partition("=")
                pairs.add((key, value))
    return pairs


def _distinctive(change: BehaviorChange, samples: Mapping[str, ProbeSamples]) -> Counter[str]:
    """Terms the new replies use that the old do not, and vice versa, over the change's probes."""
    old_terms: Counter[str] = Counter()
    new_terms: Counter[str] = Counter()
    for probe_id in change.probe_ids:
        probe = samples.get(probe_id)
        if probe is None:
            continue
        for signature in probe.old:
            old_terms.update(set(_terms(signature.text)))
        for signature in probe.new:
            new_terms.update(set(_terms(signature.text)))
    distinct: Counter[str] = Counter()
    for term in set(old_terms) | set(new_terms):
        gap = abs(new_terms[term] - old_terms[term])
        if gap:
            distinct[term] = gap
    return distinct


def attribute(
    change: BehaviorChange,
    samples: Mapping[str, ProbeSamples],
    diff: VersionDiff,
    limit: int = 3,
) -> list[Attribution]:
    if not diff.hunks:
        return []
    tools = _change_tools(change)
    arguments = _change_arguments(change)
    escalation_change = "escalation" in change.facets
    change_values: set[str] = set()
    for item in [*change.before, *change.after, change.title]:
        change_values |= _values(item)
    for condition in change.conditions[:1]:
        change_values |= _values(condition.text)
    distinct = _distinctive(change, samples)
    for term in _terms(change.title + " " + " ".join([*change.before, *change.after])):
        distinct[term] += 3
    hunk_terms = {
        hunk.id: _terms(_hunk_words(hunk) + " " + (hunk.section or "")) for hunk in diff.hunks
    }
    document_frequency: Counter[str] = Counter()
    for terms in hunk_terms.values():
        document_frequency.update(set(terms))
    ranked: list[Attribution] = []
    for hunk in diff.hunks:
        score = 0.0
        reasons: list[str] = []
        words = _hunk_words(hunk)
        if hunk.is_prompt:
            named = {match for match in _TOOL_IN_TEXT.findall(words) if match in tools}
            if named:
                score += 3.0
                reasons.append("names tool " + ", ".join(sorted(named)))
            if escalation_change and re.search(r"escalat", words, re.I):
                score += 1.0
                reasons.append("mentions escalation")
        elif hunk.kind in ("tool_added", "tool_removed", "tool_changed") and hunk.key:
            tool = hunk.key.split(".", 1)[0]
            if tool in tools:
                if hunk.kind == "tool_changed":
                    score += 1.0
                    reasons.append(f"changes tool {tool}")
                    changed_values = {str(v).lower() for v in (hunk.old, hunk.new) if v is not None}
                    if any(key in hunk.key and value in changed_values for key, value in arguments):
                        score += 2.0
                        reasons.append(f"parameter changed: {hunk.key}")
                else:
                    score += 3.0
                    reasons.append(f"tool {tool} {hunk.kind.removeprefix('tool_')}")
        elif hunk.kind == "config_changed" and (hunk.key or "").split(".")[0] in _SAMPLING_KEYS:
            score += 0.75
            reasons.append(f"{hunk.key} changed: affects every reply")
        shared_values = sorted(change_values & _values(words))
        if shared_values:
            score += 1.5 * min(len(shared_values), 3)
            reasons.append("states " + ", ".join(shared_values[:4]))
        terms = hunk_terms[hunk.id]
        overlap = [
            (term, math.log(1 + distinct[term]) / document_frequency[term])
            for term in terms
            if term in distinct
        ]
        overlap.sort(key=lambda pair: -pair[1])
        if overlap:
            score += min(3.0, sum(weight for _, weight in overlap[:6]))
            surface = _surface(hunk.text())
            reasons.append(
                "shares terms: " + ", ".join(surface.get(term, term) for term, _ in overlap[:5])
            )
        if score <= 0.5:
            continue
        ranked.append(
            Attribution(
                hunk_id=hunk.id,
                score=score,
                reasons=tuple(reasons),
                summary=hunk.summary(),
                kind=hunk.kind,
                file=hunk.file,
                section=hunk.section,
                key=hunk.key,
            )
        )
    ranked.sort(key=lambda item: (-item.score, item.hunk_id))
    return ranked[:limit]
