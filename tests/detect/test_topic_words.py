"""A promise's topic is said only in words the change's own texts use: a value found near a
loose hint ("arrival") is not a delivery time unless the prompt or the replies say so."""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.clusters import name_topics
from behaviordiff.detect.facts import extract_promises, topic_named
from behaviordiff.detect.model import Analysis, Aspect, BehaviorChange, Excerpt
from behaviordiff.drafting import TemplateDrafter, build_facts

OLD = "Free rescheduling is possible up to 3 days before arrival."
NEW = "Free rescheduling is possible up to 5 days before arrival."


def test_a_topic_is_named_only_by_its_own_words() -> None:
    [promise] = extract_promises(NEW)
    assert promise.topic  # the fixed vocabulary still hints at one
    assert not topic_named(promise.topic, [OLD, NEW])
    assert topic_named("shipping", ["Parcels are delivered within 5 days."])
    assert topic_named("return", ["Returns are accepted for 30 days."])
    assert topic_named("", [])


def test_a_change_title_drops_a_topic_its_texts_do_not_name() -> None:
    change = BehaviorChange(
        "C1",
        "x",
        ["p1"],
        ["promises"],
        "promises",
        before=["shipping: 3 days"],
        after=["shipping: 5 days"],
        excerpts=[Excerpt("p1", OLD, NEW)],
    )
    change.aspects.append(Aspect("promises", "x", ("shipping: 3 days",), ("shipping: 5 days",), ()))
    name_topics(change, [OLD, NEW])
    assert change.title == "3 days → 5 days"
    assert change.after == ["5 days"]
    assert change.aspects[0].title == "3 days → 5 days"
    kept = BehaviorChange(
        "C2", "x", ["p1"], ["promises"], "promises", ["shipping: 3 days"], ["shipping: 5 days"]
    )
    name_topics(kept, ["Parcels ship within 5 days."])
    assert (kept.title, kept.after) == ("x", ["shipping: 5 days"])


def _probe(probe_id: str, changed: bool) -> dict[str, Any]:
    return {
        "probe_id": probe_id,
        "verdict": "behavior-changed" if changed else "unchanged",
        "facets": ["promises"] if changed else [],
        "old_samples": 3,
        "new_samples": 3,
        "evidence": {
            "promises": {
                "status": "changed" if changed else "same",
                "removed": ["duration:3 days"] if changed else [],
                "added": ["duration:5 days"] if changed else [],
            },
            "excerpts": {"old": OLD, "new": NEW} if changed else {"old": "Hi.", "new": "Hi."},
        },
        **({"change_id": "C1"} if changed else {}),
    }


def test_a_note_never_invents_a_topic() -> None:
    change = {
        "id": "C1",
        "title": "3 days → 5 days",
        "probe_ids": ["p1", "p2"],
        "facets": ["promises"],
        "kind": "promises",
        "before": ["3 days"],
        "after": ["5 days"],
        "conditions": [],
        "attribution": [],
        "excerpts": [],
    }
    analysis = Analysis.from_dict(
        {
            "probes": [_probe("p1", True), _probe("p2", True), _probe("p3", False)],
            "changes": [change],
        }
    )
    [facts] = build_facts(analysis)
    assert [p.topic for p in [*facts.removed_promises, *facts.added_promises]] == ["", ""]
    note = TemplateDrafter().note(facts, [], None)
    assert "deliver" not in note.text().lower() and "shipping" not in note.text().lower()


def test_a_link_alone_is_no_reset_link() -> None:
    """A payment link beside a deposit is not a password reset: "link" alone names no topic of
    resetting (a rationale once read "states 40% for the reset link")."""
    promises = extract_promises("Pay your 40% deposit with the secure link we email you.")
    assert [p.topic for p in promises if p.kind == "percent"] != ["reset link"]
    [reset] = [
        p
        for p in extract_promises("Your password reset link expires in 24 hours.")
        if p.kind == "duration"
    ]
    assert reset.topic == "reset link"
