"""A new step before an action both prompts take, for everyone on a topic: a bike workshop's
assistant used to start every bike repair straight away with `start_repair` and now first
inspects the frame with `inspect_frame`. The KB's "we start the repair immediately" gets the
step first in its own voice ("we" before the verb, or "after we …" otherwise), a numbered
list keeps its number, and the wheel-build item, which says "at once" of another topic, and
every other sentence stay byte for byte."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptstep import kept_step, says_at_once, with_step
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Start the repair straight away with `start_repair` and confirm it."
NEW = "Before starting a bike repair, inspect the frame for cracks with `inspect_frame`."
THEN = "Start with `start_repair` only if the frame is sound; otherwise ask them to visit."
ARTICLE = """# Bike repairs

Repairs cost £40 an hour.

## How it works

1. Tell us what's wrong with your bike.
2. We start the repair immediately and text you when it's ready.
3. Collect it within a week.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour bike is in and the repair starts straight "
    "away, so expect a text soon.\n\nThanks,\n{{current_user.first_name}}"
)
WHEELS = "# Wheel builds\n\nWe start your wheel build at once and post it within 5 days.\n"


def _facts(old: str = OLD) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls inspect_frame",
        kind="actions",
        facets=["actions"],
        probe_ids=["r1", "r2"],
        before_actions=[],
        after_actions=[ActionFact("inspect_frame")],
        conditions=[Condition.from_dict({"atoms": [{"variable": "tag:repair", "op": "tag"}]})],
        rules=[
            Rule("H1", "sentence_changed", "Repairs", old, NEW, "changed"),
            Rule("H2", "sentence_added", "Repairs", None, THEN, "added"),
        ],
        excerpts=[Excerpt("r1", "Repair started.", "The frame is sound; repair started.")],
        others=3,
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            kb_item("repairs", ARTICLE, title="Bike repairs"),
            kb_item("started", MACRO, kind="macro", title="Repairs::Started"),
            kb_item("wheels", WHEELS, title="Wheel builds"),
        ]
    )


def test_the_step_before_a_kept_action_is_read_from_the_changed_sentence() -> None:
    step = kept_step(_facts())
    assert step is not None
    assert (step.action, step.step) == ("start_repair", "inspect the frame for cracks")
    # the old sentence already had the step: nothing new before the action
    assert kept_step(_facts(old=NEW)) is None


def test_at_once_is_found_only_about_the_steps_topic() -> None:
    step = kept_step(_facts())
    assert step is not None
    assert says_at_once(step, "We start the repair immediately.", "Bike repairs")
    assert says_at_once(step, "I'll start the repair on the spot.", "Repairs")
    assert not says_at_once(step, "We start the repair when you drop it off.", "Bike repairs")
    assert not says_at_once(step, "We start your wheel build at once.", "Wheel builds")


def test_the_step_comes_first_in_the_items_voice() -> None:
    step = kept_step(_facts())
    assert step is not None
    assert with_step(step, "2. We start the repair immediately and text you.") == (
        "2. We inspect the frame for cracks, then start the repair and text you."
    )
    assert with_step(step, "The repair starts straight away, so relax.") == (
        "The repair starts after we inspect the frame for cracks, so relax."
    )


def test_the_edits_keep_every_other_sentence_and_the_other_topic() -> None:
    impacts = {impact.item.key: impact for impact in rank_items(_facts(), _kb())}
    assert not impacts["article:wheels"].conflicts
    article = TemplateDrafter().edit(_facts(), impacts["article:repairs"])
    assert article.new_body == ARTICLE.replace(
        "2. We start the repair immediately",
        "2. We inspect the frame for cracks, then start the repair",
    )
    macro = TemplateDrafter().edit(_facts(), impacts["macro:started"])
    assert macro.new_body == MACRO.replace(
        "starts straight away", "starts after we inspect the frame for cracks"
    )


def test_a_step_whose_tool_has_described_arguments_is_said_without_them() -> None:
    # one pattern for a tool and its arguments, named bare or described, in every reader
    facts = _facts()
    described = NEW.replace(
        "`inspect_frame`.", '`inspect_frame` (bike_ref, area "frame", what they say is wrong).'
    )
    facts.rules[0] = Rule("H1", "sentence_changed", "Repairs", OLD, described, "changed")
    step = kept_step(facts)
    assert step is not None
    assert step.step == "inspect the frame for cracks"
