"""A topic tag says what a customer asked about; a flag the changed sentence names says whom
the rule is for: a library now renews loans online for members with unpaid fines, and every
renewal probe is such a member. The condition states the flag with the tag (or alone, when it
alone matches no other probe), not the tag alone."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.conditions import find_conditions, said_words
from behaviordiff.detect.model import Condition, ProbeVerdict, rule_atoms

SAID = said_words(
    [
        "Members with unpaid fines must renew at the desk.",
        "Members with unpaid fines can renew online once the fines are paid with `pay_fines`.",
    ]
)


def _verdict(probe_id: str, changed: bool, tag: str, **features: Any) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id=probe_id,
        verdict="behavior-changed" if changed else "unchanged",
        facets=["actions"] if changed else [],
        old_samples=3,
        new_samples=3,
        features={f"tag:{tag}": True, "loans": 3, **features},
    )


def _library(fined_elsewhere: bool) -> list[ProbeVerdict]:
    verdicts = [_verdict(f"renew-{n}", True, "renew", unpaid_fines=True) for n in range(6)]
    verdicts += [_verdict(f"hours-{n}", False, "hours", unpaid_fines=False) for n in range(5)]
    verdicts += [_verdict(f"join-{n}", False, "join", unpaid_fines=False) for n in range(4)]
    verdicts += [
        _verdict(f"fines-{n}", False, "fines", unpaid_fines=fined_elsewhere) for n in range(2)
    ]
    return verdicts


def _best(verdicts: list[ProbeVerdict], said: frozenset[str]) -> str:
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed, verdicts, said=said)
    return best.text


def test_the_flag_the_changed_sentence_names_is_stated_with_the_topic() -> None:
    assert _best(_library(fined_elsewhere=True), SAID) == "tag renew and unpaid_fines = true"


def test_the_flag_alone_when_it_alone_matches_no_other_probe() -> None:
    assert _best(_library(fined_elsewhere=False), SAID) == "unpaid_fines = true"


def test_a_raised_flag_no_changed_sentence_names_is_stated_with_the_topic() -> None:
    # "Renewals are now made online" names no flag, but every renewal probe has one raised
    # that few others have: stated beside the topic, never in its place (review fc5: the flag
    # alone would read as "members with unpaid fines" on every topic)
    other = said_words(["Renewals are now made online with `renew_loan`."])
    assert _best(_library(fined_elsewhere=True), other) == "tag renew and unpaid_fines = true"
    assert _best(_library(fined_elsewhere=False), other) == "tag renew and unpaid_fines = true"
    # no prompt diff read at all: nothing to weigh the flag against, the topic stays
    assert _best(_library(fined_elsewhere=True), frozenset()) == "tag renew"


def test_an_unnamed_value_that_is_no_raised_flag_leaves_the_topic_alone() -> None:
    other = said_words(["Renewals are now made online with `renew_loan`."])
    verdicts = _library(fined_elsewhere=True)
    for verdict in verdicts:
        verdict.features["unpaid_fines"] = not verdict.features["unpaid_fines"]
    assert _best(verdicts, other) == "tag renew"


def test_a_named_value_wins_over_an_unnamed_raised_flag() -> None:
    verdicts = _library(fined_elsewhere=True)
    for verdict in verdicts:
        verdict.features["student"] = verdict.probe_id.startswith(("renew", "hours-1"))
    assert _best(verdicts, SAID) == "tag renew and unpaid_fines = true"


def test_a_tools_result_named_by_the_sentence_leaves_the_topic_alone() -> None:
    verdicts = _library(fined_elsewhere=True)
    for verdict in verdicts:
        verdict.features["lookup_member.unpaid_fines"] = verdict.features.pop("unpaid_fines")
    assert _best(verdicts, SAID) == "tag renew"


def test_a_value_most_other_probes_share_picks_no_one_out() -> None:
    # every probe but two has fines on record: the renewals share what most customers have
    verdicts = _library(fined_elsewhere=True)
    for verdict in verdicts:
        verdict.features["unpaid_fines"] = not verdict.probe_id.startswith("fines-")
    assert _best(verdicts, SAID) == "tag renew"


def _condition(verdicts: list[ProbeVerdict], said: frozenset[str]) -> Condition:
    changed = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    return find_conditions(changed, verdicts, said=said)[0]


def test_an_unnamed_flag_every_probe_of_the_topic_has_is_the_topics_label() -> None:
    # review fc5: a flag the suite's author raises on every probe filed under the topic tells
    # no subset of it apart, so no class rule counts it as whom the rule is for
    other = said_words(["Renewals are now made online with `renew_loan`."])
    marked = _condition(_library(fined_elsewhere=False), other)
    assert marked.text == "tag renew and unpaid_fines = true"
    assert rule_atoms(marked) == ()
    # a flag the changed sentence names is the rule's own, as before
    assert [atom.feature for atom in rule_atoms(_condition(_library(True), SAID))] == [
        "unpaid_fines"
    ]
