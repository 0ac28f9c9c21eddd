"""Detection core: signatures, promises, exact tests, verdicts, noise floor, meaning backend."""

from __future__ import annotations

import json
from typing import Any

import pytest

from behaviordiff.detect import DetectSettings, ToolArguments, analyze, extract_signature
from behaviordiff.detect.facts import extract_promises
from behaviordiff.detect.similarity import (
    BuiltinBackend,
    EmbeddingBackend,
    word_overlap_distance,
)
from behaviordiff.detect.stats import (
    binomial_tail,
    fisher_exact,
    min_fisher_p,
    permutation_p,
    samples_to_decide,
)
from behaviordiff.transcripts import Transcript, build_transcript
from tests.conftest import FIXTURES


def call(name: str, arguments: dict[str, Any], call_id: str = "c1") -> dict[str, Any]:
    return {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": call_id,
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(arguments)},
            }
        ],
    }


def run(probe_id: str, sample: int, reply: str, *calls: dict[str, Any]) -> Transcript:
    messages: list[dict[str, Any]] = [
        {"role": "system", "content": "You are a support agent. Use issue_refund for refunds."},
        {"role": "user", "content": "Where is my order A1042?"},
    ]
    for index, item in enumerate(calls):
        messages.append(call(item["name"], item["arguments"], f"c{index}"))
        messages.append({"role": "tool", "tool_call_id": f"c{index}", "content": '{"ok": true}'})
    messages.append({"role": "assistant", "content": reply})
    return build_transcript(probe_id, sample, messages, input_count=2)


# ---------------------------------------------------------------- signatures


def test_signature_keeps_amounts_and_types_and_drops_ids_and_free_text() -> None:
    transcript = run(
        "p",
        0,
        "I've refunded $4.00 of your shipping fee; expect it within 5-7 business days.",
        {"name": "lookup_order", "arguments": {"order_id": "A1042"}},
        {
            "name": "issue_refund",
            "arguments": {
                "order_id": "A1042",
                "type": "shipping",
                "amount": 4.0,
                "reason": "Order delayed 72 hours",
            },
        },
    )
    signature = extract_signature(transcript, DetectSettings())
    assert [action.label() for action in signature.actions] == [
        "lookup_order",
        "issue_refund(amount=4, type=shipping)",
    ]
    assert signature.actions[1].shape() == "issue_refund(type=shipping)"
    assert {p.key for p in signature.promises} >= {"money:$4.00", "duration:5-7 business days"}
    assert not signature.escalated and not signature.refused


def test_signature_ignores_system_messages_and_the_probe_input() -> None:
    transcript = run("p", 0, "Done.")
    signature = extract_signature(transcript, DetectSettings())
    assert "issue_refund" not in signature.text and signature.text == "Done."


def test_tool_argument_rules_are_configurable() -> None:
    transcript = run(
        "p",
        0,
        "ok",
        {"name": "escalate_to_human", "arguments": {"reason": "late", "priority": "high"}},
    )
    default = extract_signature(transcript, DetectSettings())
    assert default.actions[0].label() == "escalate_to_human(priority=high)"
    settings = DetectSettings(tool_arguments={"escalate_to_human": ToolArguments(keep=("reason",))})
    assert extract_signature(transcript, settings).actions[0].label() == (
        "escalate_to_human(reason=late)"
    )


def test_escalation_and_refusal() -> None:
    settings = DetectSettings(escalation_tools=("escalate_to_human",))
    escalated = run(
        "p",
        0,
        "A member of our team will contact you.",
        {"name": "escalate_to_human", "arguments": {"priority": "normal"}},
    )
    assert extract_signature(escalated, settings).escalated
    refused = run("p", 0, "I'm not able to create or share discount codes.")
    assert extract_signature(refused, settings).refused


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You can return items within 30 days of delivery.", {"duration:30 days"}),
        ("It's inside your 45-day return window.", {"duration:45 days"}),
        ("Shipping is $5.99, free over $35.", {"money:$5.99", "money:$35.00"}),
        ("We refund 50% of the fee.", {"percent:50%"}),
        ("It arrives on November 24, 2026.", {"date:2026-11-24"}),
        ("Start at https://acme.example/returns.", {"link:acme.example/returns"}),
        ("Call us at (555) 123-4567.", {"phone:5551234567"}),
        ("The link expires after 1 hour.", {"duration:1 hour"}),
        ("Most parcels arrive within two days.", {"duration:2 days"}),
    ],
)
def test_promises_are_normalised(text: str, expected: set[str]) -> None:
    assert {p.key for p in extract_promises(text)} >= expected


def test_promises_carry_their_topic() -> None:
    promises = extract_promises("Items can be returned within 45 days of delivery.")
    assert [p.label() for p in promises] == ["return: 45 days"]


# ---------------------------------------------------------------- exact tests


def test_fisher_exact_matches_known_values() -> None:
    assert fisher_exact(3, 0, 0, 3) == pytest.approx(0.1)
    assert fisher_exact(5, 0, 0, 5) == pytest.approx(2 / 252)
    assert fisher_exact(1, 9, 11, 3) == pytest.approx(0.002759, rel=1e-3)  # R's fisher.test
    assert fisher_exact(2, 2, 2, 2) == pytest.approx(1.0)
    assert fisher_exact(0, 0, 0, 3) == 1.0
    assert min_fisher_p(3, 3) == pytest.approx(0.1)


def test_samples_to_decide_and_binomial_tail() -> None:
    assert samples_to_decide(3, 3, 0, 3, 0.01) == 5  # 5 vs 0 of 5: p = 2/252
    assert samples_to_decide(2, 4, 2, 4, 0.01) is None
    assert binomial_tail(2, 3, 0.5) == pytest.approx(0.5)


def test_permutation_test_is_exact_for_small_groups() -> None:
    near, far = 0.1, 0.9
    matrix = [
        [0.0 if i == j else (near if (i < 4) == (j < 4) else far) for j in range(8)]
        for i in range(8)
    ]
    assert permutation_p(matrix, 4) == pytest.approx(2 / 70)


# ---------------------------------------------------------------- verdicts


def refund_runs(probe_id: str, version: int, samples: int) -> list[Transcript]:
    runs = []
    for sample in range(samples):
        greeting = ("Hi Sam,", "Hello Sam,", "Hi Sam, thanks for reaching out.")[sample % 3]
        if version == 1:
            runs.append(
                run(
                    probe_id,
                    sample,
                    f"{greeting} I've escalated it; a member of our team "
                    "will contact you within 24 hours.",
                    {"name": "escalate_to_human", "arguments": {"priority": "normal"}},
                )
            )
        else:
            runs.append(
                run(
                    probe_id,
                    sample,
                    f"{greeting} I've refunded $4.00 of your shipping fee.",
                    {"name": "issue_refund", "arguments": {"type": "shipping", "amount": 4}},
                )
            )
    return runs


def stable_runs(probe_id: str, samples: int) -> list[Transcript]:
    return [
        run(
            probe_id,
            sample,
            ("Hi Sam,", "Hello Sam,")[sample % 2] + " Your order arrives on December 2.",
        )
        for sample in range(samples)
    ]


def test_action_change_is_behavior_changed_at_three_samples() -> None:
    old = refund_runs("late", 1, 3) + stable_runs("fine", 3) + stable_runs("fine2", 3)
    new = refund_runs("late", 2, 3) + stable_runs("fine", 3) + stable_runs("fine2", 3)
    analysis = analyze(old, new, settings=DetectSettings(escalation_tools=("escalate_to_human",)))
    late = analysis.probe("late")
    assert late.verdict == "behavior-changed"
    assert {"actions", "escalation", "promises"} <= set(late.facets)
    assert late.results["actions"].method == "pooled-floor"
    assert analysis.probe("fine").verdict == "unchanged"
    assert analysis.changes[0].title == (
        "escalate_to_human(priority=normal) → issue_refund(type=shipping)"
    )


def test_mixed_samples_are_inconclusive_with_the_samples_needed() -> None:
    old = refund_runs("late", 1, 3) + stable_runs("fine", 3)
    new = refund_runs("late", 2, 2) + refund_runs("late", 1, 3)[2:] + stable_runs("fine", 3)
    analysis = analyze(old, new, settings=DetectSettings(escalation_tools=("escalate_to_human",)))
    late = analysis.probe("late")
    assert late.verdict == "inconclusive"
    assert late.more_samples is not None and late.more_samples >= 1
    assert "more sample" in " ".join(late.notes)


def test_one_sample_per_side_says_so_and_uses_the_pooled_floor() -> None:
    old = refund_runs("late", 1, 1) + stable_runs("fine", 1)
    new = refund_runs("late", 2, 1) + stable_runs("fine", 1)
    analysis = analyze(old, new)
    late = analysis.probe("late")
    assert late.old_samples == late.new_samples == 1
    assert any("1 sample" in note for note in late.notes)
    assert late.verdict == "inconclusive"  # no noise measured anywhere: the prior cannot decide
    assert not analysis.noise.measured
    # with a measured floor from other probes, one sample per side can decide
    many_old = old + [r for i in range(30) for r in stable_runs(f"s{i}", 3)]
    many_new = new + [r for i in range(30) for r in stable_runs(f"s{i}", 3)]
    measured = analyze(many_old, many_new)
    assert measured.noise.measured
    assert measured.probe("late").verdict == "behavior-changed"


def test_errors_and_unmatched_probes() -> None:
    old = stable_runs("a", 2) + stable_runs("only-old", 2)
    new = stable_runs("a", 2) + stable_runs("only-new", 2)
    new[0].error = "timeout"
    analysis = analyze(old, new)
    assert analysis.unmatched == {"old_only": ["only-old"], "new_only": ["only-new"]}
    assert analysis.probe("a").new_samples == 1
    assert any("timeout" in note for note in analysis.probe("a").notes)


def test_contract_keys() -> None:
    analysis = analyze(refund_runs("late", 1, 3), refund_runs("late", 2, 3))
    data = analysis.to_dict()
    assert {"probes", "changes", "noise"} <= set(data)
    probe = data["probes"][0]
    assert {"probe_id", "verdict", "facets", "old_samples", "new_samples", "evidence"} <= set(probe)
    assert probe["verdict"] in ("unchanged", "wording-only", "behavior-changed", "inconclusive")
    change = data["changes"][0]
    assert {"id", "title", "probe_ids", "facets", "conditions", "attribution"} <= set(change)
    json.dumps(data)


# ---------------------------------------------------------------- meaning


def pairs() -> list[dict[str, str]]:
    lines = (FIXTURES / "detect" / "pairs.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line]


def test_pairs_fixture_is_balanced_and_large_enough() -> None:
    items = pairs()
    assert len(items) >= 60
    assert sum(p["label"] == "same" for p in items) == sum(p["label"] == "different" for p in items)


def test_builtin_meaning_beats_word_overlap_on_the_pairs() -> None:
    items = pairs()
    backend = BuiltinBackend()
    backend.fit([t for p in items for t in (p["a"], p["b"])])
    truth = [p["label"] == "different" for p in items]

    def accuracy(values: list[float], threshold: float) -> float:
        return sum((v >= threshold) == t for v, t in zip(values, truth, strict=True)) / len(items)

    builtin = [
        backend.distance(backend.encode_one(p["a"]), backend.encode_one(p["b"])) for p in items
    ]
    overlap = [word_overlap_distance(p["a"], p["b"]) for p in items]
    best_overlap = max(accuracy(overlap, t) for t in [*overlap, 1.01])
    assert accuracy(builtin, backend.threshold) >= best_overlap + 0.2


def test_meaning_distinguishes_negation_and_values() -> None:
    backend = BuiltinBackend()
    a = backend.encode_one("Your order has shipped, so it can no longer be cancelled.")
    b = backend.encode_one("Since the order is already on its way, I'm not able to cancel it.")
    c = backend.encode_one("Your order has shipped, but it can still be cancelled.")
    assert backend.distance(a, b) < backend.threshold <= backend.distance(a, c)


def test_embedding_backend_adapter() -> None:
    calls: list[list[str]] = []

    def embed(texts: Any) -> list[list[float]]:
        calls.append(list(texts))
        return [[1.0, 0.0] if "refund" in t else [0.0, 1.0] for t in texts]

    backend = EmbeddingBackend(embed, batch_size=2)
    vectors = backend.encode(["refund now", "escalate", "refund now", "other"])
    assert backend.distance(vectors[0], vectors[2]) == 0.0
    assert backend.distance(vectors[0], vectors[1]) == pytest.approx(1.0)
    assert sum(len(c) for c in calls) == 3  # cached and deduplicated
    analysis = analyze(
        refund_runs("late", 1, 3),
        refund_runs("late", 2, 3),
        embed=embed,
        settings=DetectSettings(similarity="embeddings"),
    )
    assert analysis.noise.backend == "embeddings"


def text_runs(probe_id: str, text: str, samples: int = 3) -> list[Transcript]:
    openers = ("Hi Sam,", "Hello Sam,", "Hi Sam, thanks for asking.")
    return [run(probe_id, s, f"{openers[s % 3]} {text}") for s in range(samples)]


def test_text_only_changes_cluster_by_meaning() -> None:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for index in range(2):
        old += text_runs(f"cancel-{index}", "You can cancel your membership online at any time.")
        new += text_runs(f"cancel-{index}", "You cannot cancel your membership online.")
        old += text_runs(f"paypal-{index}", "We accept PayPal for every order.")
        new += text_runs(f"paypal-{index}", "We don't accept PayPal for any order.")
    for index in range(12):
        stable = f"Your gift card balance is shown on the gift card page, item {index}."
        old += text_runs(f"stable-{index}", stable)
        new += text_runs(f"stable-{index}", stable)
    analysis = analyze(old, new)
    assert analysis.probe("cancel-0").verdict == "behavior-changed"
    assert analysis.probe("cancel-0").facets == ["meaning"]
    groups = sorted(sorted(change.probe_ids) for change in analysis.changes)
    assert groups == [["cancel-0", "cancel-1"], ["paypal-0", "paypal-1"]]
    assert all(change.kind == "meaning" for change in analysis.changes)
    assert any("cannot cancel" in change.title for change in analysis.changes)
    assert {p.verdict for p in analysis.probes if p.probe_id.startswith("stable")} == {"unchanged"}


def test_legacy_function_call_and_dict_arguments() -> None:
    messages: list[dict[str, Any]] = [
        {"role": "user", "content": "refund please"},
        {
            "role": "assistant",
            "content": None,
            "function_call": {"name": "issue_refund", "arguments": {"type": "full", "amount": 10}},
        },
        {"role": "assistant", "content": "Done."},
    ]
    signature = extract_signature(Transcript("p", 0, messages), DetectSettings())
    assert [a.label() for a in signature.actions] == ["issue_refund(amount=10, type=full)"]


def test_compare_reads_folders_of_replay_files(tmp_path: Any) -> None:
    from behaviordiff.detect.inputs import load_transcripts
    from behaviordiff.transcripts import write_replay

    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    old_dir.mkdir()
    new_dir.mkdir()
    write_replay(old_dir / "a.jsonl", refund_runs("late", 1, 3)[:2])
    write_replay(old_dir / "b.jsonl", refund_runs("late", 1, 3)[2:])
    write_replay(new_dir / "all.jsonl", refund_runs("late", 2, 3))
    old = load_transcripts(old_dir, escalation_tools=("escalate_to_human",))
    assert [run.sample for run in old] == [0, 1, 2]
    analysis = analyze(
        old,
        load_transcripts(new_dir),
        settings=DetectSettings(escalation_tools=("escalate_to_human",)),
    )
    assert analysis.probe("late").old_samples == 3


# ---------------------------------------------------------------- same calls, other amounts


def amount_runs(
    probe_id: str,
    amount: float,
    *,
    kind: str = "shipping",
    samples: int = 3,
    variables: dict[str, Any] | None = None,
    **extra: float,
) -> list[Transcript]:
    """A probe whose agent refunds `amount` (and any `extra` numeric arguments)."""
    runs = []
    for sample in range(samples):
        greeting = ("Hi Sam,", "Hello Sam,", "Hi Sam, thanks for waiting.")[sample % 3]
        transcript = run(
            probe_id,
            sample,
            f"{greeting} I've refunded ${amount:.2f} of your shipping fee.",
            {"name": "issue_refund", "arguments": {"type": kind, "amount": amount, **extra}},
        )
        transcript.metadata["variables"] = variables or {}
        runs.append(transcript)
    return runs


def moved_analysis(
    pairs: dict[str, tuple[float, float]], stable: int = 12, **extra: Any
) -> tuple[list[Transcript], list[Transcript]]:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for probe_id, (before, after) in pairs.items():
        old += amount_runs(probe_id, before, variables={"order_total": 80.0}, **extra)
        new += amount_runs(probe_id, after, variables={"order_total": 80.0}, **extra)
    for index in range(stable):
        for runs in (old, new):
            for transcript in stable_runs(f"fine-{index}", 3):
                transcript.metadata["variables"] = {"order_total": 20.0 + index}
                runs.append(transcript)
    return old, new


def test_same_calls_with_doubled_amounts_are_one_change_with_every_probes_values() -> None:
    pairs = {"a": (4.5, 9.0), "b": (7.5, 15.0), "c": (4.0, 8.0), "d": (6.0, 12.0), "e": (4.5, 9.0)}
    analysis = analyze(*moved_analysis(pairs))

    assert [sorted(change.probe_ids) for change in analysis.changes] == [["a", "b", "c", "d", "e"]]
    change = analysis.changes[0]
    assert change.title == "issue_refund(type=shipping): amount 4.5 → 9, 7.5 → 15, 4 → 8 … (×2)"
    assert change.kind == "actions"
    # one probe or two per change, as before, were too few for any condition
    condition = change.conditions[0]
    assert condition.text == "order_total > 31"  # the largest total of the unchanged probes
    assert (condition.matched_changed, condition.matched_others) == (5, 0)
    data = analysis.to_dict()["changes"][0]
    assert {"id", "title", "probe_ids", "facets", "conditions", "attribution"} <= set(data)
    [moved] = data["moved_arguments"]
    assert (moved["call"], moved["argument"], moved["ratio"], moved["difference"]) == (
        "issue_refund(type=shipping)",
        "amount",
        2,
        None,
    )
    assert {(v["probe_id"], v["old"], v["new"]) for v in moved["values"]} == {
        (probe_id, before, after) for probe_id, (before, after) in pairs.items()
    }
    json.dumps(data)


@pytest.mark.parametrize(
    ("pairs", "suffix"),
    [
        ({"a": (10.0, 15.0), "b": (20.0, 25.0), "c": (2.5, 7.5)}, " (+5)"),
        ({"a": (10.0, 7.5), "b": (20.0, 17.5)}, " (-2.5)"),
        ({"a": (5.99, 3.0), "b": (7.5, 3.75)}, " (×0.5)"),  # 50% of $5.99, rounded to cents
        ({"a": (4.0, 8.0), "b": (5.0, 6.0)}, ""),  # no shared ratio or difference
        ({"a": (4.0, 8.0), "b": (4.0, 8.0)}, ""),  # one old value: ×2 or +4?
    ],
)
def test_a_shared_ratio_or_difference_is_stated_in_the_title(
    pairs: dict[str, tuple[float, float]], suffix: str
) -> None:
    analysis = analyze(*moved_analysis(pairs))
    assert len(analysis.changes) == 1
    assert analysis.changes[0].title.endswith(suffix)
    assert analysis.changes[0].title.endswith(")") == bool(suffix)


def test_amounts_join_only_for_the_same_call_and_the_same_moved_arguments() -> None:
    old, new = moved_analysis({"a": (4.0, 8.0), "b": (6.0, 12.0)})
    old += amount_runs("item", 20.0, kind="item") + amount_runs("fee", 4.0, percent=50)
    new += amount_runs("item", 40.0, kind="item") + amount_runs("fee", 4.0, percent=100)
    old += refund_runs("escalated", 1, 3)  # another call altogether
    new += amount_runs("escalated", 8.0)
    analysis = analyze(old, new, settings=DetectSettings(escalation_tools=("escalate_to_human",)))

    by_probes = {tuple(sorted(change.probe_ids)): change.title for change in analysis.changes}
    assert by_probes == {
        ("a", "b"): "issue_refund(type=shipping): amount 4 → 8, 6 → 12 (×2)",
        ("item",): "issue_refund(type=item): amount 20 → 40",
        ("fee",): "issue_refund(type=shipping): percent 50 → 100",
        ("escalated",): "escalate_to_human(priority=normal) → issue_refund(type=shipping)",
    }
