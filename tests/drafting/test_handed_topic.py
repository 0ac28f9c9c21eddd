"""A whole topic now handed to a person (made-up agents, no scenario's text): a bike shop's
agent used to register every frame warranty claim itself with `register_claim`; now anything
about a warranty claim goes to the warranty team with `transfer_to_warranty_team`, who phone
within 3 working days. KB text saying we do it ourselves, here and now ("We register claims
ourselves, right here in the chat.", "we'll sort the claim for you on the spot", "We will
process your warranty claim straight away.") says the hand-off instead; "We'll book your
service straight away." (another topic), "Repairs are booked in the chat." (not said of us)
and the warranty team checking returned frames stay. A macro whose claim holds a placeholder
is flagged, not rewritten; the old action said done of the customer's case ("Good news:
{{ticket.custom_field_frame}} is now registered …") is said passed on to the team. A
drafting model is told the same and held to it."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts, still_conflicting
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.handedtopic import (
    HANDED_TOPIC_REASON,
    claims_done_here,
    handed_topic,
)
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "When a customer asks to claim on a frame warranty, register the claim yourself with "
    "`register_claim` and tell them it is registered."
)
NEW_TEAM = (
    "Anything about a frame warranty claim goes to our warranty team: don't register the "
    "claim yourself."
)
NEW_HOW = (
    "Hand the chat over with `transfer_to_warranty_team` and tell the customer the warranty "
    "team will phone them within 3 working days to arrange an inspection."
)
OURSELVES = "We register claims ourselves, right here in the chat."
STEP = "1. Message us, whichever frame you ride, and we'll sort the claim for you on the spot."
AT_ONCE = "We will process your warranty claim straight away."
SERVICE = "We'll book your service straight away."
REPAIRS = "Repairs are booked in the chat."
CHECKS = "Our warranty team also checks returned frames."
ARTICLE = f"""# Frame warranty

Every frame has a five-year warranty. {OURSELVES}

## How do I claim?

{STEP}
2. Send a photo of the frame.

{SERVICE} {REPAIRS} {CHECKS}
"""
SAID = (
    "We'll hand the chat over, and the warranty team will phone you within 3 working days to "
    "arrange an inspection."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: {{ticket.custom_field_frame}} is now "
    f"registered for a warranty claim. {AT_ONCE}\n\nBest,\nSpokes"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="register_claim → transfer_to_warranty_team",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["w1", "w2"],
        before_actions=[ActionFact("register_claim")],
        after_actions=[ActionFact("transfer_to_warranty_team")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "tag:warranty-claim", "op": "tag"}]})
        ],
        rules=[
            Rule("H1", "sentence_changed", "Warranty", OLD, NEW_TEAM, "c"),
            Rule("H2", "sentence_added", "Warranty", None, NEW_HOW, "c"),
        ],
        others=4,
    )


def _impacts(facts: ChangeFacts) -> dict[str, Impact]:
    items = [
        KnowledgeItem("article", "1", "Frame warranty", ARTICLE, "markdown", "kb", "a"),
        KnowledgeItem("macro", "2", "Warranty::Registered", MACRO, "text", "kb", "m"),
    ]
    return {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}


def test_the_hand_off_of_the_whole_topic_is_read() -> None:
    found = handed_topic(_facts())
    assert found is not None
    assert found.said == SAID
    for sentence in (OURSELVES, STEP, AT_ONCE):
        assert claims_done_here(found, sentence), sentence
    for sentence in (SERVICE, REPAIRS, CHECKS, "We register new bikes for insurance."):
        assert not claims_done_here(found, sentence), sentence


def test_a_step_on_only_one_case_is_no_whole_topic() -> None:
    facts = _facts()
    facts.conditions = [
        Condition.from_dict(
            {
                "atoms": [
                    {"feature": "tag:warranty-claim", "op": "tag"},
                    {"feature": "frame_age_years", "op": ">", "value": 3},
                ]
            }
        )
    ]
    assert handed_topic(facts) is None


def test_the_claims_say_the_hand_off_and_the_rest_stays() -> None:
    facts = _facts()
    impacts = _impacts(facts)
    article = {c.sentence: c.reasons for c in impacts["article:1"].conflicts}
    assert any(HANDED_TOPIC_REASON in r for r in article[OURSELVES])
    assert any(HANDED_TOPIC_REASON in r for r in article[STEP.removeprefix("1. ")])
    for kept in (SERVICE, REPAIRS, CHECKS):
        assert kept not in article
    body = TemplateDrafter().edit(facts, impacts["article:1"]).new_body
    assert body is not None
    assert f"Every frame has a five-year warranty. {SAID}" in body
    assert (
        "1. Message us, whichever frame you ride, and we'll hand the chat over, and the "
        "warranty team will phone you within 3 working days to arrange an inspection." in body
    )
    for kept in (SERVICE, REPAIRS, CHECKS, "2. Send a photo of the frame.", "## How do I claim?"):
        assert kept in body
    assert "ourselves" not in body and "on the spot" not in body


def test_the_old_action_said_done_is_said_passed_on_with_its_placeholders() -> None:
    facts = _facts()
    body = TemplateDrafter().edit(facts, _impacts(facts)["macro:2"]).new_body
    assert body == MACRO.replace(
        "Good news: {{ticket.custom_field_frame}} is now registered for a warranty claim.",
        "We've passed your request for {{ticket.custom_field_frame}} to be registered for a "
        "warranty claim to our warranty team.",
    ).replace(AT_ONCE, SAID)


def test_a_claim_holding_a_placeholder_is_flagged() -> None:
    facts = _facts()
    macro = MACRO.replace(
        AT_ONCE, "We will process the claim for {{ticket.custom_field_frame}} straight away."
    )
    item = KnowledgeItem("macro", "3", "Warranty::Started", macro, "text", "kb", "m")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "placeholder" in edit.rationale


def test_a_drafting_model_is_told_the_hand_off_and_held_to_it() -> None:
    facts = _facts()
    told = " ".join(draft_facts(facts))
    assert "hands every conversation on this topic to a person" in told
    impact = _impacts(facts)["article:1"]
    template_body = TemplateDrafter().edit(facts, impact).new_body
    kept = ARTICLE.replace(OURSELVES, "We handle claims ourselves, right here in the chat.")
    problems = still_conflicting(facts, impact, template_body, kept)
    assert problems and any("We handle claims ourselves" in p for p in problems)
