"""A note's title says what the customer now pays or gets, in plain words, never a tool or a
field: a kayak centre's dry bag now charged €4 on short hires (`add_dry_bag`, fee_eur 0 → 4),
a driving school's late-cancellation fee waived (`cancel_lesson`, fee_gbp 30 → 0), a squash
club's court price moved (`book_court`, price_usd 12 → 15), a garden centre's loyalty
discount percentage moved (`apply_loyalty_discount`, percent 5 → 8), and a bike courier that
no longer arranges a pickup (`arrange_pickup(method=courier)` dropped). None of these is the
domain of a scenario. The impact after a moved value says only what it has not said: no
moved figure, no bound of the case, no one conversation's total."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt, MovedArgument
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.plaintitle import tool_in_title
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

_HOURS_UNDER_2 = {
    "text": "rental_hours < 2",
    "atoms": [{"feature": "rental_hours", "op": "<", "value": 2}],
    "changed": {"matched": 3, "total": 3},
    "others": {"matched": 0, "total": 6},
}


def _moved(call: str, argument: str, old: float, new: float) -> MovedValue:
    row = MovedArgument.from_dict(
        {
            "call": call,
            "name": call,
            "argument": argument,
            "values": [{"probe_id": p, "old": old, "new": new} for p in ("p1", "p2", "p3")],
        }
    )
    assert row is not None
    value = MovedValue.from_argument(row)
    assert value is not None
    return value


def _facts(
    moved: MovedValue, rule: str, added: list[Promise] | None = None, title: str = ""
) -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title=title or f"{moved.call.name}: {moved.argument} changed",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[Condition.from_dict(_HOURS_UNDER_2)],
        others=6,
        rules=[Rule("H1", "sentence_changed", "Extras", "Old rule.", rule, "sentence changed")],
        added_promises=added or [],
    )
    facts.moved = [moved]
    return facts


def _title(facts: ChangeFacts) -> str:
    return TemplateDrafter().note(facts, [], None).title


def test_a_charge_brought_in_is_titled_by_what_the_customer_now_pays() -> None:
    rule = "On hires under 2 hours, a dry bag costs €4: add it with `add_dry_bag` (fee_eur 4)."
    title = _title(_facts(_moved("add_dry_bag", "fee_eur", 0, 4), rule))
    assert title.startswith("A €4 dry bag fee now charged for ")
    assert "add" not in title.lower().split()
    assert "€0" not in title and "raised" not in title


def test_a_charge_taken_away_says_it_is_no_longer_charged() -> None:
    rule = "Learners under 2 hours of lessons pay no late-cancellation fee: use `cancel_lesson`."
    title = _title(_facts(_moved("cancel_lesson", "fee_gbp", 30, 0), rule))
    assert title.startswith("Lesson cancellation fee (£30) no longer charged for ")
    assert "£0" not in title


def test_a_price_moved_says_the_new_and_the_old_price_plainly() -> None:
    rule = "Courts booked for under 2 hours cost $15 an hour: book with `book_court`."
    title = _title(_facts(_moved("book_court", "price_usd", 12, 15), rule))
    assert title.startswith("Court price now $15 instead of $12 for ")
    assert "Book court" not in title and ".00" not in title


def test_a_percentage_argument_is_named_by_what_it_is_a_percentage_of() -> None:
    rule = "Give loyalty members 8% off with `apply_loyalty_discount` (percent 8)."
    title = _title(_facts(_moved("apply_loyalty_discount", "percent", 5, 8), rule))
    assert title.startswith("Loyalty discount raised from 5% to 8% for ")
    assert "`" not in title and "apply_loyalty_discount" not in title
    facts = _facts(_moved("apply_loyalty_discount", "percent", 5, 8), rule)
    impact = TemplateDrafter().note(facts, [], None).customer_impact
    assert impact.startswith("The loyalty discount is now 8% instead of 5% for customers with ")
    assert "`" not in impact


def test_an_action_dropped_is_said_as_what_the_agent_no_longer_does() -> None:
    facts = ChangeFacts(
        id="C1",
        title="no longer calls arrange_pickup(method=courier)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        conditions=[Condition.from_dict(_HOURS_UNDER_2)],
        others=6,
    )
    note = TemplateDrafter().note(facts, [], None)
    assert note.title.startswith("No longer arranges a pickup (courier) for ")
    assert "arrange_pickup" not in note.title + note.customer_impact
    assert "see a different reply: no longer arranges a pickup (courier)" in note.customer_impact


def test_an_action_taken_is_said_as_what_the_agent_now_does() -> None:
    facts = ChangeFacts(
        id="C1",
        title="now calls charge_rebooking_fee",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
    )
    assert _title(facts) == "Now charges a rebooking fee"
    facts.after_actions = [ActionFact("charge_rebooking_fee")]
    impact = TemplateDrafter().note(facts, [], None).customer_impact
    assert "the agent charges a rebooking fee" in impact


def test_an_action_whose_name_starts_with_no_verb_keeps_the_detected_title() -> None:
    facts = ChangeFacts(
        id="C1",
        title="now calls order_status",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1"],
    )
    assert _title(facts) == "Now calls order_status"


def test_the_impact_does_not_restate_the_moved_fee_or_the_case_s_bound() -> None:
    rule = (
        "On hires under 2 hours, a dry bag costs €4: add it with `add_dry_bag` (fee_eur 4) "
        "and tell the customer it is added to their hire total."
    )
    added = [
        Promise("money", "€4.00", "order"),
        Promise("money", "€2.00", "order"),  # the case's line, as a reply writes it
        Promise("money", "€57.50", "order"),  # one conversation's total
    ]
    facts = _facts(_moved("add_dry_bag", "fee_eur", 0, 4), rule, added)
    facts.conditions = [
        Condition.from_dict(
            {
                **_HOURS_UNDER_2,
                "text": "hire_total < 2",
                "atoms": [{"feature": "hire_total", "op": "<", "value": 2}],
            }
        )
    ]
    impact = TemplateDrafter().note(facts, [], None).customer_impact
    assert "They are now told" not in impact
    assert "€57.50" not in impact


def test_the_impact_names_a_new_charge_the_way_the_prompt_does() -> None:
    rule = (
        "Courts booked for under 2 hours cost $15 an hour, plus a $3 floodlight surcharge "
        "after dark: book with `book_court`."
    )
    added = [Promise("money", "$15.00"), Promise("money", "$3.00")]
    facts = _facts(_moved("book_court", "price_usd", 12, 15), rule, added)
    impact = TemplateDrafter().note(facts, [], None).customer_impact
    assert "They are now told a $3 floodlight surcharge." in impact
    assert "$15.00, " not in impact


def test_a_drafting_model_title_naming_a_tool_is_retried() -> None:
    rule = "On hires under 2 hours, a dry bag costs €4: add it with `add_dry_bag` (fee_eur 4)."
    facts = _facts(_moved("add_dry_bag", "fee_eur", 0, 4), rule)
    assert tool_in_title(facts, "The fee_eur of `add_dry_bag` raised from €0 to €4")
    assert tool_in_title(facts, "add_dry_bag now charges €4")
    assert tool_in_title(facts, "A €4 dry bag fee now charged on short hires") == []
    note = TemplateDrafter().note(facts, [], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")
    answers = iter(
        [
            {**{key: getattr(note, key) for key in keys}, "title": "add_dry_bag fee_eur 0 → 4"},
            {key: getattr(note, key) for key in keys},
        ]
    )

    def answer(request: ChatRequest) -> str:
        return json.dumps(next(answers))

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), note.text()])
    draft = asyncio.run(LLMDrafter(model, "fake").draft(facts, [], grounding, None))
    prompts = ["\n".join(str(m["content"]) for m in r.messages) for r in model.requests]
    assert "never by a\n  tool's or a field's name" in prompts[0]
    assert "the title names add_dry_bag" in prompts[1]
    assert draft.note.origin == "llm" and draft.note.title == note.title


def test_the_impact_of_a_charge_brought_in_or_taken_away_says_it_plainly() -> None:
    rule = "On hires under 2 hours, a dry bag costs €4: add it with `add_dry_bag` (fee_eur 4)."
    brought = TemplateDrafter().note(_facts(_moved("add_dry_bag", "fee_eur", 0, 4), rule), [], None)
    assert "now pay a €4 dry bag fee, where there was none before" in brought.customer_impact
    assert "€0.00" not in brought.customer_impact
    waived = TemplateDrafter().note(
        _facts(_moved("cancel_lesson", "fee_gbp", 30, 0), "No fee: `cancel_lesson`."), [], None
    )
    assert "no longer pay the £30 lesson cancellation fee" in waived.customer_impact


def test_an_action_swapped_is_said_as_what_the_agent_now_does() -> None:
    facts = ChangeFacts(
        id="C1",
        title="issue_refund → apply_voucher",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("issue_refund")],
        after_actions=[ActionFact("apply_voucher")],
    )
    assert _title(facts) == "Now applies a voucher instead of issuing a refund"
    facts.before_actions = [ActionFact("escalate_to_human")]
    assert _title(facts) == "Now applies a voucher instead of a handoff to a human"


def test_an_amount_told_beside_a_bare_moved_argument_is_kept() -> None:
    # `charge` names no money the drafter reads: the impact gives "charge 60 instead of 0",
    # so the "$60.00" the replies now state is the only place the customer's amount is said
    rule = "Tows under 2 hours cost $60: book with `book_tow` (charge 60)."
    facts = _facts(_moved("book_tow", "charge", 0, 60), rule, [Promise("money", "$60.00")])
    impact = TemplateDrafter().note(facts, [], None).customer_impact
    assert "They are now told $60.00." in impact
    # the amount the bare argument moved to is told though the prompt's rule names no figure
    facts = _facts(
        _moved("book_tow", "charge", 0, 60), "Tows cost extra.", [Promise("money", "$60.00")]
    )
    facts.excerpts = [
        Excerpt(probe_id=p, old="We'll send a truck.", new="That's $60.00 for the tow.")
        for p in ("p1", "p2")
    ]
    impact = TemplateDrafter().note(facts, [], None).customer_impact
    assert "They are now told $60.00." in impact
