"""A step asked of someone other than the customer before an action, for everyone on one
topic: a made-up domain registrar used to move a domain to its new owner at once with
`transfer_domain`; now it first asks the current registrant to approve with
`request_registrant_approval`, and the domain is "moved with `transfer_domain` only once the
current registrant has approved". KB text saying the domain moves at once (in the present, in
the past, in a fees-table row) says it waits for the approval, and "the current registrant
doesn't need to do anything" says the step; "straight away" about contact details and
renewals stays. A tool named for moving a thing ("transfer_domain") is no hand-off."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.proofstep import proof_step, said_instead
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = (
    "When a customer has sent the transfer code, move the domain straight away with "
    "`transfer_domain` and tell them it is now registered to them."
)
NEW = (
    "When a customer has sent the transfer code, first ask the current registrant to approve "
    "with `request_registrant_approval`, which emails them a link. Do not move the domain yet: "
    "it is moved with `transfer_domain` only once the current registrant has approved by email."
)
PRESENT = "Once you've sent us the code, we move the domain straight away and it's yours."
DENIAL = "The current registrant doesn't need to do anything."
ARTICLE = f"""# Moving a domain to us

## How does it work?

Ask your old host for the transfer code. {PRESENT} {DENIAL}

## Contact details

We update your contact details straight away whenever you change them.
"""
PAST = "We've moved the domain straight away, so it's now registered to you."
MACRO = (
    f"Hi {{{{ticket.requester.first_name}}}},\n\nThanks for the transfer code. {PAST}\n\n"
    "Any questions, just reply.\n\nNameNest"
)
ROW = "| Domain transfer | £8 | Immediately |"
FEES = f"""# Fees

| What | Fee | When |
| --- | --- | --- |
{ROW}
| Renewal | £10 | Immediately |
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="transfer_domain → request_registrant_approval",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("transfer_domain")],
        after_actions=[ActionFact("request_registrant_approval")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "tag:domain-transfer", "op": "tag"}]})
        ],
        rules=[Rule("H1", "sentence_changed", "Transfers", OLD, NEW, "c")],
        others=3,
    )


def test_the_step_asked_of_someone_else_is_read_with_the_action_it_gates() -> None:
    assert not ActionFact("transfer_domain").is_escalation
    assert not ActionFact("send_transfer").is_escalation
    assert ActionFact("transfer_to_desk").is_escalation
    step = proof_step(_facts())
    assert step is not None
    assert (step.action, step.said) == ("transfer_domain", "ask the current registrant to approve")
    assert step.done == "the current registrant has approved"
    assert step.other


def test_at_once_and_nothing_to_do_are_said_with_the_step() -> None:
    step = proof_step(_facts())
    assert step is not None
    assert said_instead(step, PRESENT) == (
        "Once you've sent us the code, we move the domain once the current registrant has "
        "approved and it's yours."
    )
    assert said_instead(step, DENIAL) == "We'll ask the current registrant to approve first."
    assert said_instead(step, "There's nothing the current registrant needs to do.") == (
        "We'll ask the current registrant to approve first."
    )


def test_the_edits_say_the_domain_waits_for_the_approval() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item("moving", ARTICLE),
            kb_item("moved", MACRO, kind="macro", title="Transfers::Domain moved"),
            kb_item("fees", FEES),
        ]
    )
    impacts = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    conflicts = {i.item.key: [c.sentence for c in i.conflicts] for i in impacts}
    assert conflicts == {
        "article:moving": [PRESENT, DENIAL],
        "macro:moved": [PAST],
        "article:fees": [ROW],
    }
    edits = {impact.item.key: TemplateDrafter().edit(facts, impact) for impact in impacts}
    assert edits["article:moving"].new_body == ARTICLE.replace(
        PRESENT,
        said_instead(proof_step(facts), PRESENT) or "",  # type: ignore[arg-type]
    ).replace(DENIAL, "We'll ask the current registrant to approve first.")
    assert edits["macro:moved"].new_body == MACRO.replace(
        PAST,
        "We've asked the current registrant to approve, and the domain will be moved once the "
        "current registrant has approved, so it'll then be registered to you.",
    )
    assert edits["article:fees"].new_body == FEES.replace(
        ROW, "| Domain transfer | £8 | Once the current registrant has approved |"
    )
