"""Failures seen on a new user's own agent (a gym that raised its freeze limit 30 → 60 days):
a limit read as a reply time, a handoff change with no likely cause, one customer's request
stated as policy, and a note whose "Before" repeated its title."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.facts import extract_promises
from behaviordiff.detect.model import Analysis, BehaviorChange
from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.drafting import TemplateDrafter, build_facts

OVER = "Freezes are limited to {} days per year, so a colleague will contact you about a break."


def test_a_topic_after_the_value_counts_only_in_its_own_clause() -> None:
    [limit] = extract_promises(OVER.format(30))
    assert limit.value == "30 days" and limit.topic != "contact"
    [reply] = extract_promises("A colleague will contact you within 2 days.")
    assert reply.topic == "contact"


def test_the_rule_sentence_of_a_tool_the_change_now_calls_is_its_likely_cause() -> None:
    rule = Hunk(
        "H1",
        "sentence_changed",
        "system.md.j2",
        "Freezing",
        old="Members can freeze for up to 30 days per year using `freeze_membership`.",
        new="Members can freeze for up to 60 days per year using `freeze_membership`.",
        removed_words=("30",),
        added_words=("60",),
    )
    tone = Hunk(
        "H2",
        "sentence_changed",
        "system.md.j2",
        "Tone",
        old="Be friendly.",
        new="Be friendly and brief.",
        removed_words=(),
        added_words=("brief",),
    )
    diff = VersionDiff("v1", "v2", "a", "b", [tone, rule])
    change = BehaviorChange(
        "C1",
        "escalate_to_human → freeze_membership",
        ["freeze-45", "freeze-60"],
        ["actions", "escalation"],
        "actions",
        before=["escalate_to_human"],
        after=["freeze_membership"],
    )
    ranked = attribute(change, {}, diff)
    assert [item.hunk_id for item in ranked] == ["H1"]
    assert "changes the rule for freeze_membership" in ranked[0].reasons


def _probe(probe_id: str, change_id: str | None, old: str, new: str, added: list[str]) -> Any:
    changed = change_id is not None
    return {
        "probe_id": probe_id,
        "verdict": "behavior-changed" if changed else "unchanged",
        "facets": ["promises", "meaning"] if changed else [],
        "old_samples": 3,
        "new_samples": 3,
        "evidence": {
            "promises": {"status": "changed" if changed else "same", "removed": [], "added": added},
            "excerpts": {"old": old, "new": new},
        },
        **({"change_id": change_id} if changed else {}),
    }


def test_a_value_only_one_of_two_probes_states_is_an_example_not_policy() -> None:
    granted = "I've frozen your membership for {} days. You can freeze for up to 60 days per year."
    probes = [
        _probe(
            "p45",
            "C1",
            OVER.format(30),
            granted.format(45),
            ["duration:45 days", "duration:60 days"],
        ),
        _probe("p60", "C1", OVER.format(30), granted.format(60), ["duration:60 days"]),
        _probe("hours", None, "We open at 6am.", "We open at 6am.", []),
    ]
    change = {
        "id": "C1",
        "title": "reply meaning changed",
        "probe_ids": ["p45", "p60"],
        "facets": ["promises", "meaning"],
        "kind": "promises",
        "before": [],
        "after": [],
        "conditions": [],
        "attribution": [],
        "excerpts": [],
    }
    [facts] = build_facts(Analysis.from_dict({"probes": probes, "changes": [change]}))
    assert [p.value for p in facts.added_promises] == ["60 days"]
    assert [p.value for p in facts.examples] == ["45 days"]


def test_a_reply_only_change_says_what_the_agent_said_before() -> None:
    old = "Thanks for asking. Our gyms are open 6am to 10pm every day."
    new = "Thanks for asking. Our gyms are closed on public holidays; check the app for hours."
    probes = [
        _probe("h1", "C1", old, new, []),
        _probe("h2", "C1", old, new, []),
        _probe("cancel", None, "Sure.", "Sure.", []),
    ]
    change = {
        "id": "C1",
        "title": "reply now says: Our gyms are closed on public holidays; check the app for hours.",
        "probe_ids": ["h1", "h2"],
        "facets": ["meaning"],
        "kind": "meaning",
        "before": [],
        "after": [],
        "conditions": [],
        "attribution": [],
        "excerpts": [],
    }
    [facts] = build_facts(Analysis.from_dict({"probes": probes, "changes": [change]}))
    before = TemplateDrafter()._before_text(facts)
    assert "Before:" not in before and "reply now says" not in before
    assert "open 6am to 10pm every day" in before
