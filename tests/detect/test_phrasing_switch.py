"""A switch between two phrasings that both versions mix for one input elsewhere is wording
noise, not a meaning change, even when chance gives each version one phrasing on a probe."""

from __future__ import annotations

from typing import Any

import pytest

from behaviordiff.detect import DetectSettings, analyze
from behaviordiff.transcripts import Transcript, build_transcript

TERSE = "Hello {name}, your account is in order and there is nothing you need to pay."
CHATTY = (
    "Hi {name}, thanks for writing in! Good news: I looked over your membership and every due "
    "is settled. No action needed on your side."
)
LOCKER = "Hi {name}, lockers rent for the whole season and you keep the same one all year."
LOCKER_GONE = "Hi {name}, we stopped renting lockers; please bring a bag to every class."
CLASSES = "Hi {name}, yoga runs on Tuesday evenings and pilates on Saturday mornings."
CLASSES_TOO = CLASSES + " See you on the wall!"

NAMES = [
    "Odile", "Tamsin", "Ferdinand", "Ysolde", "Casimir", "Hermia", "Leopold", "Perpetua",
    "Anselm", "Briony", "Cuthbert", "Dorcas", "Evadne", "Fulke", "Griselda", "Hamish",
]  # fmt: skip


def runs(probe_id: str, name: str, templates: list[str]) -> list[Transcript]:
    out = []
    for sample, template in enumerate(templates):
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": "You answer members of a climbing gym."},
            {"role": "user", "content": f"Do I owe anything? ({probe_id})"},
            {"role": "assistant", "content": template.format(name=name)},
        ]
        out.append(build_transcript(probe_id, sample, messages, input_count=2))
    return out


def suite(
    target: tuple[list[str], list[str]], *, new_mixes: bool = True
) -> tuple[list[Transcript], list[Transcript]]:
    """Two sibling probes where one sample of a version takes the other phrasing (in the new
    version only if `new_mixes`), a dozen steady probes on another topic, and the probe under
    test."""
    old = runs("dues-0", NAMES[0], [TERSE, CHATTY, TERSE])
    new = runs("dues-0", NAMES[0], [CHATTY] * 3)
    old += runs("dues-1", NAMES[1], [TERSE] * 3)
    new += runs("dues-1", NAMES[1], [CHATTY, TERSE, CHATTY] if new_mixes else [CHATTY] * 3)
    for index, name in enumerate(NAMES[2:14]):
        old += runs(f"classes-{index}", name, [CLASSES, CLASSES_TOO, CLASSES])
        new += runs(f"classes-{index}", name, [CLASSES_TOO, CLASSES, CLASSES])
    old += runs("probe", NAMES[15], target[0])
    new += runs("probe", NAMES[15], target[1])
    return old, new


def meaning_of(old: list[Transcript], new: list[Transcript]) -> tuple[str, dict[str, Any]]:
    analysis = analyze(old, new, settings=DetectSettings())
    verdict = next(v for v in analysis.probes if v.probe_id == "probe")
    result = verdict.results["meaning"]
    return verdict.verdict, {"status": result.status, **result.detail["distance"]}


@pytest.mark.parametrize("samples", [3, 5])
def test_one_phrasing_per_version_is_noise_when_both_versions_mix_them_elsewhere(
    samples: int,
) -> None:
    # with 5 samples a side the permutation test separates the versions (p 0.008); the switch
    # is still one the agent makes anyway
    verdict, meaning = meaning_of(*suite(([TERSE] * samples, [CHATTY] * samples)))
    assert meaning["status"] == "same"
    assert meaning["switches"] == samples * samples  # every old-new pair is the known switch
    assert meaning["beyond_floor"] == 0.0
    assert verdict != "behavior-changed"  # wording-only at 5: the words do separate


def test_a_new_meaning_next_to_mixed_phrasings_is_still_a_change() -> None:
    verdict, meaning = meaning_of(*suite(([LOCKER] * 3, [LOCKER_GONE] * 3)))
    assert meaning["status"] == "changed"
    assert "switches" not in meaning
    assert verdict == "behavior-changed"


def test_a_switch_only_the_old_version_mixes_elsewhere_still_counts() -> None:
    # The new version always says the chatty one elsewhere: that the terse one is gone may be
    # the change, so one version's mixing does not explain the switch away.
    verdict, meaning = meaning_of(*suite(([TERSE] * 3, [CHATTY] * 3), new_mixes=False))
    assert meaning["status"] == "changed"
    assert verdict == "behavior-changed"
