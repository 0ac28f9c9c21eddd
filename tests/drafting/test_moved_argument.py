"""A call's word argument moved for one category, the others keeping the old value: a gym whose
students cancelling within 30 days are now refunded as a gift card instead of to their bank
account; a bike shop whose e-bike services are now collected by courier instead of our van.
The KB's sentences stating the old value for the case ("whatever membership you hold", or no
claim at all) take the category's exception in the customer's words, the category's row says
the new value, and the other categories' rows, the old value on another topic and denials stay.
A drafting model gets the same fact and check."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.movedarg import (
    MOVED_ARG_REASON,
    MOVED_ARG_ROW_REASON,
    moved_argument,
    new_value_row,
    states_old_for_every_kind,
    still_old_value,
    with_exception,
)
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

GYM_OLD = (
    "If the member cancels within 30 days of joining, call `refund_fee` (member, method "
    '"bank_account").'
)
GYM_NEW = (
    "If the member cancels an adult membership within 30 days of joining, call `refund_fee` "
    '(member, method "bank_account").'
)
GYM_ADDED = (
    "If the member cancels a student membership within 30 days of joining, call `refund_fee` "
    '(member, method "gift_card").'
)
GYM_TOLD = (
    "Tell them the fee comes back as a gift card for our café and shop within 2 days; it is "
    "not paid into their bank account."
)
STATEMENT = (
    "the fee comes back as a gift card for our café and shop within 2 days; it is not paid "
    "into your bank account"
)


def _gym(others: int = 9) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="refund_fee method bank_account → gift_card",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("refund_fee", (("method", "bank_account"),))],
        after_actions=[ActionFact("refund_fee", (("method", "gift_card"),))],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "membership", "op": "=", "value": "student"},
                        {"feature": "days_since_joining", "op": "<=", "value": 30},
                    ]
                }
            )
        ],
        rules=[
            Rule("H2", "sentence_added", "Cancelling", None, GYM_ADDED, "added"),
            Rule("H3", "sentence_added", "Cancelling", None, GYM_TOLD, "added"),
            Rule("H1", "sentence_changed", "Cancelling", GYM_OLD, GYM_NEW, "changed"),
        ],
        others=others,
    )


GYM_ARTICLE = """# Cancelling

Changed your mind? Cancel within 30 days and your joining fee goes back to your bank account,
whatever membership you hold.

| Membership | Cancel within 30 days | Later |
| --- | --- | --- |
| Adult | Fee back to your bank account | No refund |
| Student | Fee back to your bank account | No refund |

## Towels

Lost towels are charged to your bank account after 30 days.
"""


def test_the_moved_value_and_what_the_customer_is_told_come_from_the_prompt() -> None:
    moved = moved_argument(_gym())
    assert moved is not None
    assert (moved.kind, moved.old, moved.new) == ("student", "bank account", "gift card")
    assert moved.case == "for student memberships"
    assert moved.others_case == "for adult memberships"
    assert moved.statement == STATEMENT
    assert "30" in moved.bounds and "thirty" in moved.bounds
    # a change for everyone, two calls, or a numeric argument: another class
    assert moved_argument(_gym(others=0)) is None
    numeric = _gym()
    numeric.before_actions = [ActionFact("refund_fee", (("amount", "30"),))]
    numeric.after_actions = [ActionFact("refund_fee", (("amount", "15"),))]
    assert moved_argument(numeric) is None


def test_sentences_stating_the_old_value_for_the_case_are_found_and_traps_are_not() -> None:
    moved = moved_argument(_gym())
    assert moved is not None
    assert states_old_for_every_kind(
        moved, "Cancel within thirty days and we pay the fee back to your bank account."
    )
    # another topic (no bound of the case), the others by name, the category by name, a denial
    assert not states_old_for_every_kind(moved, "Lost towels are charged to your bank account.")
    assert not states_old_for_every_kind(
        moved, "Adult members cancelling within 30 days get it back to their bank account."
    )
    assert not states_old_for_every_kind(
        moved, "Students cancelling within 30 days get a gift card, not their bank account."
    )
    assert not states_old_for_every_kind(moved, "## Refunds to your bank account within 30 days")


def test_the_claim_goes_and_the_exception_is_said() -> None:
    moved = moved_argument(_gym())
    assert moved is not None
    assert with_exception(
        moved, "We've refunded your fee to your bank account, whatever membership you hold. "
    ) == (
        "We've refunded your fee to your bank account, except for student memberships: "
        f"{STATEMENT}. "
    )
    assert with_exception(
        moved, "Cancel within 30 days and it's all yours again, straight back to your bank account."
    ) == (
        "Cancel within 30 days and it's all yours again: for adult memberships, straight back to "
        f"your bank account; for student memberships, {STATEMENT}."
    )


def test_the_category_row_says_the_new_value_and_the_others_stay() -> None:
    moved = moved_argument(_gym())
    assert moved is not None
    header = "| Membership | Cancel within 30 days | Later |"
    assert new_value_row(
        moved, "| Student | Fee back to your bank account | No refund |", header
    ) == ("| Student | Fee back as gift card | No refund |")
    assert (
        new_value_row(moved, "| Adult | Fee back to your bank account | No refund |", header)
        is None
    )
    # the column is not the case's
    assert (
        new_value_row(moved, "| Student | Fee back to your bank account |", "| M | Later |") is None
    )


def test_the_item_is_rewritten_and_everything_else_stays() -> None:
    facts = _gym()
    kb = KnowledgeBase([kb_item("cancelling", GYM_ARTICLE)])
    [impact] = rank_items(facts, kb)
    claim = (
        "Changed your mind? Cancel within 30 days and your joining fee goes back to your bank "
        "account, whatever membership you hold."
    )
    assert [(c.sentence, c.reasons) for c in impact.conflicts] == [
        (claim.split("? ")[1], (MOVED_ARG_REASON,)),
        ("| Student | Fee back to your bank account | No refund |", (MOVED_ARG_ROW_REASON,)),
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == GYM_ARTICLE.replace(
        "account,\nwhatever membership you hold.",
        f"account, except for student memberships: {STATEMENT}.",
    ).replace(
        "| Student | Fee back to your bank account | No refund |",
        "| Student | Fee back as gift card | No refund |",
    )
    assert still_old_value(facts, str(edit.new_body), "markdown") == []


def test_a_drafting_model_is_told_and_checked() -> None:
    facts = _gym()
    [said] = [fact for fact in draft_facts(facts) if "now gets gift card" in fact]
    assert STATEMENT in said
    kb = KnowledgeBase([kb_item("cancelling", GYM_ARTICLE)])
    [impact] = rank_items(facts, kb)
    template_edit = TemplateDrafter().edit(facts, impact)
    kept = str(template_edit.new_body).replace(
        "| Student | Fee back as gift card | No refund |",
        "| Student | Fee back to your bank account | No refund |",
    )
    edit, failure = model_edit(facts, impact, template_edit, kept)
    assert edit is None
    assert (
        "“| Student | Fee back to your bank account | No refund |” still states the old" in failure
    )


def test_an_open_bound_is_no_number_to_say() -> None:
    facts = _gym()
    facts.conditions = [
        Condition.from_dict(
            {
                "atoms": [
                    {"feature": "membership", "op": "=", "value": "student"},
                    {"feature": "days", "op": "between", "low": 30, "high": float("inf")},
                ]
            }
        )
    ]
    moved = moved_argument(facts)
    assert moved is not None and moved.bounds == ("30", "thirty")
