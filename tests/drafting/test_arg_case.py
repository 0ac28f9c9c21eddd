"""An argument of a kept action set otherwise for the one case a true/false tool result
names: each KB sentence stating the old value for everyone, in words of exclusivity, or
saying what the case now gets never happens, gains the case as its exception in the new
prompt's words; a sentence that merely names the kept action, another rule's "never" and a
sentence already naming the case stay. A furniture shop whose assistant now books delivery
into the room for orders with the premium service, and to the doorstep for the others."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.argcase import arg_case, claims_old_for_all, with_arg_exception
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import ARG_CASE_REASON, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    'Every delivery is to the doorstep (placement "doorstep"): tell the customer to be in '
    "between 8am and 1pm."
)
NEW = (
    "If `lookup_order` shows the order has the premium service (premium: true), book with "
    'placement "room": the driver carries the furniture into the room of your choice and '
    "takes the packaging away."
)
OTHERS = 'For every other order the delivery is to the doorstep (placement "doorstep").'
ARTICLE = (
    "# Deliveries\n\n"
    "We deliver Monday to Saturday. Every delivery is left at the doorstep. Our drivers never "
    "carry furniture into your rooms, whatever the size.\n\n"
    "## Returns\n\n"
    "We never take back mattresses once they are unwrapped. With the premium service we "
    "always take your old sofa away from the doorstep.\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour delivery is booked for "
    "{{ticket.custom_field_date}}. We can only deliver to the doorstep, so please be in "
    "between 8am and 1pm.\n\nThanks,\n{{current_user.first_name}}"
)
TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nYour delivery is booked for "
    "{{ticket.custom_field_date}}. We'll text you the driver's hour the evening before.\n\n"
    "Thanks,\n{{current_user.first_name}}"
)
EXCEPTION = (
    "except when the order has the premium service: then the driver carries the furniture "
    "into the room of your choice and takes the packaging away."
)


def _facts(value: object = True, after: str = "schedule_delivery") -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="schedule_delivery(placement=doorstep) → schedule_delivery(placement=room)",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("schedule_delivery", (("placement", "doorstep"),))],
        after_actions=[ActionFact(after, (("placement", "room"),))],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "lookup_order.premium", "op": "=", "value": value}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Deliveries", OLD, NEW, "changed"),
            Rule("H2", "sentence_added", "Deliveries", None, OTHERS, "added"),
        ],
        excerpts=[
            Excerpt("p1", "Doorstep on 3 May, ref FD-118.", "Into your lounge on 3 May, FD-118."),
            Excerpt("p2", "Doorstep on 4 May, ref FD-220.", "Into your study on 4 May, FD-220."),
            Excerpt("p3", "Doorstep on 5 May, ref FD-330.", "Into your hall on 5 May, FD-330."),
        ],
        others=5,
    )


def test_the_case_and_what_it_gets_come_from_the_new_prompt_sentence() -> None:
    case = arg_case(_facts())
    assert case is not None
    # the tool that tells the case and the aside naming the flag are the agent's business
    assert case.case == "the order has the premium service"
    assert case.statement == (
        "the driver carries the furniture into the room of your choice and takes the packaging away"
    )
    assert case.words == {"premium"}
    # a category, a swapped action and a change for everyone are no argument case
    assert arg_case(_facts("gold")) is None
    assert arg_case(_facts(after="book_courier")) is None
    facts = _facts()
    facts.others = 0
    assert arg_case(facts) is None
    # an amount set otherwise is a moved number, with edits of its own
    facts = _facts()
    facts.before_actions = [ActionFact("schedule_delivery", (("fee", "40"),))]
    facts.after_actions = [ActionFact("schedule_delivery", (("fee", "0"),))]
    assert arg_case(facts) is None


def test_claims_for_everyone_and_denials_are_found_and_the_traps_are_not() -> None:
    case = arg_case(_facts())
    assert case is not None
    assert claims_old_for_all(case, "Every delivery is left at the doorstep.")
    assert claims_old_for_all(case, "We can only deliver to the doorstep.")
    assert claims_old_for_all(case, "Our drivers never carry furniture into your rooms.")
    # another rule's "never", the old value said without a claim for everyone, the case named
    assert not claims_old_for_all(case, "We never take back mattresses once they are unwrapped.")
    assert not claims_old_for_all(case, "The driver rings when they reach your doorstep.")
    assert not claims_old_for_all(
        case, "With the premium service we always take your old sofa away from the doorstep."
    )


def test_the_exception_drops_the_claim_for_every_case_and_a_dangling_comma() -> None:
    case = arg_case(_facts())
    assert case is not None
    assert with_arg_exception("Drivers never come into rooms, whatever the size.", case) == (
        f"Drivers never come into rooms, {EXCEPTION}"
    )
    assert with_arg_exception("- **Placement:** the doorstep, for every order\n", case) == (
        f"- **Placement:** the doorstep, {EXCEPTION}\n"
    )


def test_each_claim_gains_the_exception_and_everything_else_stays() -> None:
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Deliveries", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Delivery::Booked", MACRO, "text", "kb", "m"),
            KnowledgeItem("macro", "3", "Delivery::Driver's hour", TRAP, "text", "kb", "t"),
        ]
    )
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, kb)}
    article, macro = impacts["article:1"], impacts["macro:2"]
    assert [c.sentence for c in article.conflicts if ARG_CASE_REASON in c.reasons] == [
        "Every delivery is left at the doorstep.",
        "Our drivers never carry furniture into your rooms, whatever the size.",
    ]
    # the booking the trap names is kept: only claims for everyone are conflicts
    assert "macro:3" not in impacts or not impacts["macro:3"].conflicts
    assert [c.sentence for c in macro.conflicts] == [
        "We can only deliver to the doorstep, so please be in between 8am and 1pm."
    ]
    drafter = TemplateDrafter()
    assert drafter.edit(facts, article).new_body == ARTICLE.replace(
        "Every delivery is left at the doorstep.",
        f"Every delivery is left at the doorstep, {EXCEPTION}",
    ).replace(
        "Our drivers never carry furniture into your rooms, whatever the size.",
        f"Our drivers never carry furniture into your rooms, {EXCEPTION}",
    )
    new_macro = drafter.edit(facts, macro).new_body
    assert new_macro == MACRO.replace(
        "please be in between 8am and 1pm.", f"please be in between 8am and 1pm, {EXCEPTION}"
    )
    assert new_macro is not None and "FD-" not in new_macro
