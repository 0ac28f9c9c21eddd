"""The new rule of a subset written where the KB states the old rule for everyone, read from the
new prompt's sentences, in made-up domains unlike any scenario's:

- a ferry line sending one kind of problem (damage to a vehicle) to another team with another
  reply time, the team named only by its argument ("team "vehicle_claims""): a macro about that
  kind alone takes the new team and time in place, its table row the new cells, a "Whatever the
  problem," claim is said for the others with the new route after it, and the other kinds' rows
  and macros stay byte for byte;
- a garden centre refusing returns of one kind (bare-root plants) where every plant could come
  back: the kind's item goes from a list whose lead-in states the rule ("Within 14 days of
  purchase:"), a list under another lead-in keeps it, the refusal says "your" for "the
  customer's", and a sentence sharing only a time with the rule is no claim;
- a photo lab whose prompt says the rule on both sides of a count with a kept sentence between
  the sides and a lead naming no side ("… depends on how many prints it has"): the kept
  sentence goes with the first side, the lead gives way to the sides' rule, each side one
  sentence;
- a label opening on a participle ("Bought more than 30 days ago:") and a side said with two
  words between its number and its side ("30 days ago or less").
"""

from __future__ import annotations

import pytest

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categoryroute import category_route, kept_category_item
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.oldside import customer_voice
from behaviordiff.drafting.promptrule import (
    as_policy,
    sided_elsewhere,
    sided_rule,
    voiced,
)
from behaviordiff.drafting.text import units
from behaviordiff.drafting.withdrawnkind import (
    claims_for_every_kind,
    listed_under_rule,
    withdrawn_kind,
)
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import kb_item, marked_impact

# a ferry line: damage to a vehicle goes to the Vehicle Claims team ------------------------------

FERRY_OLD = (
    "Every problem with a crossing (a cancelled sailing, a lost ticket, damage to a vehicle) "
    'goes to our help desk: hand it over with `transfer_to_team` (booking_ref, team "help_desk", '
    "summary) and tell the customer our help desk will reply within 5 working days."
)
FERRY_NEW = (
    "Damage to a vehicle goes to our Vehicle Claims team: hand it over with `transfer_to_team` "
    '(booking_ref, team "vehicle_claims", summary) and tell the customer our Vehicle Claims '
    "team will reply within 2 working days."
)
FERRY_KEPT = (
    "Every other problem with a crossing (a cancelled sailing, a lost ticket) goes to our help "
    'desk: hand it over with `transfer_to_team` (booking_ref, team "help_desk", summary) and '
    "tell the customer our help desk will reply within 5 working days."
)


def _ferry() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="transfer_to_team(team=help_desk) → transfer_to_team(team=vehicle_claims)",
        kind="actions",
        facets=["escalation", "promises"],
        probe_ids=["car-1", "car-2", "van-1"],
        before_actions=[ActionFact("transfer_to_team", (("team", "help_desk"),))],
        after_actions=[ActionFact("transfer_to_team", (("team", "vehicle_claims"),))],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "issue_type", "op": "in", "value": ["vehicle_damage"]}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Problems", FERRY_OLD, FERRY_NEW, "changed"),
            Rule("H2", "sentence_added", "Problems", None, FERRY_KEPT, "added"),
        ],
        others=9,
        prompt_sections={"Problems": [FERRY_NEW, FERRY_KEPT]},
    )


def _item(key: str, title: str, body: str, kind: str = "macro", fmt: str = "text") -> KnowledgeItem:
    return KnowledgeItem(kind, key, title, body, fmt, "kb", "m")  # type: ignore[arg-type]


FERRY_DAMAGE_SENT = (
    "I've sent booking {{ticket.custom_field_booking_ref}} to our help desk, who reply within "
    "5 working days to arrange the repair."
)
FERRY_DAMAGE = (
    "Hi {{ticket.requester.first_name}},\n\nI'm so sorry your car was damaged on board.\n\n"
    f"{FERRY_DAMAGE_SENT}\n\nPlease keep all the photos you took.\n\n"
    "Best wishes,\n{{current_user.first_name}}"
)
FERRY_LOST = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your ticket went missing.\n\n"
    "I've sent it to our help desk, who reply within 5 working days with a new one.\n\n"
    "Best wishes,\n{{current_user.first_name}}"
)
FERRY_CLAIM = "Whatever the problem, travellers hear from our help desk within five working days."
FERRY_ARTICLE = (
    "# Problems with a crossing\n\n"
    f"{FERRY_CLAIM}\n\n"
    "| Problem | Handled by | Reply within |\n|---|---|---|\n"
    "| Damage to a vehicle | Help desk | 5 working days |\n"
    "| Lost ticket | Help desk | 5 working days |\n"
    "| Cancelled sailing | Help desk | 5 working days |\n\n"
    "Keep your boarding card until you get home.\n"
)


def _impacts(facts: ChangeFacts, items: list[KnowledgeItem]) -> list:  # type: ignore[type-arg]
    return [i for i in rank_items(facts, KnowledgeBase(items)) if i.affected]


def test_the_route_is_read_with_the_team_in_its_argument_words_and_no_order_to_the_agent() -> None:
    route = category_route(_ferry())
    assert route is not None
    assert route.old_team == "help desk"
    assert route.new_team == "Vehicle Claims team"
    assert route.said == "damage to a vehicle goes to our Vehicle Claims team"
    assert route.others == ("cancelled sailing", "lost ticket")


def test_a_macro_about_the_kind_alone_takes_the_new_team_and_time_in_place() -> None:
    facts = _ferry()
    impact = marked_impact("vehicle damaged", FERRY_DAMAGE, "macro", [FERRY_DAMAGE_SENT])
    new_body = TemplateDrafter().edit(facts, impact).new_body
    assert new_body == FERRY_DAMAGE.replace(
        FERRY_DAMAGE_SENT,
        "I've sent booking {{ticket.custom_field_booking_ref}} to our Vehicle Claims team, who "
        "reply within 2 working days to arrange the repair.",
    )


def test_the_kind_row_takes_the_new_cells_and_the_claim_says_the_others_then_the_route() -> None:
    facts = _ferry()
    rows = [line for line in FERRY_ARTICLE.splitlines() if line.startswith("| ") and "Help" in line]
    impact = marked_impact("crossings", FERRY_ARTICLE, "article", [FERRY_CLAIM, *rows])
    new_body = TemplateDrafter().edit(facts, impact).new_body
    assert new_body is not None
    assert "| Damage to a vehicle | Vehicle Claims team | 2 working days |" in new_body
    # the other kinds' rows, byte for byte
    assert "| Lost ticket | Help desk | 5 working days |\n" in new_body
    assert "| Cancelled sailing | Help desk | 5 working days |\n" in new_body
    assert FERRY_CLAIM not in new_body
    assert (
        "Travellers hear from our help desk within five working days. Damage to a vehicle goes "
        "to our Vehicle Claims team, and our Vehicle Claims team will reply within two working "
        "days."
    ) in new_body
    assert "hand it over" not in new_body
    assert "Keep your boarding card until you get home." in new_body


def test_a_macro_about_another_kind_named_in_the_prompts_words_is_left() -> None:
    facts = _ferry()
    assert kept_category_item(facts, "Crossing problems::Lost ticket", FERRY_LOST)
    assert _impacts(facts, [_item("3", "Crossing problems::Lost ticket", FERRY_LOST)]) == []


# a garden centre: bare-root plants can no longer be returned -----------------------------------

PLANT_OLD = (
    "Any plant, potted or bare-root, can be returned within 14 days of purchase for a refund."
)
PLANT_NEW = "Potted plants can be returned within 14 days of purchase for a refund."
PLANT_NO = (
    "Bare-root plants are the exception: because they are lifted to the customer's own order, "
    "they can't be returned for a refund."
)
PLANT_KEPT = "Bare-root plants are dispatched within 3 days of the order."


def _plants() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls start_return",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("start_return", ())],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "plant_kind", "op": "=", "value": "bare_root"}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Returns", PLANT_OLD, PLANT_NEW, "changed"),
            Rule("H2", "sentence_added", "Returns", None, PLANT_NO, "added"),
        ],
        others=8,
        prompt_sections={"Returns": [PLANT_NEW, PLANT_NO, PLANT_KEPT]},
    )


PLANT_CLAIM = (
    "You can return any plant within 14 days of purchase for a refund, even a bare-root one."
)
PLANT_ARTICLE = (
    "# Returns\n\n"
    f"{PLANT_CLAIM}\n\n"
    "## What you can return\n\n"
    "Within 14 days of purchase:\n\n"
    "- potted plants\n"
    "- bare-root plants\n"
    "- garden tools\n\n"
    "## Delivery\n\n"
    "Bare-root plants are dispatched within 3 days of your order.\n\n"
    "Delivered within 3 days:\n\n"
    "- bare-root plants\n"
    "- seeds\n"
)


def test_the_refusal_says_your_for_the_customers() -> None:
    kind = withdrawn_kind(_plants())
    assert kind is not None
    assert kind.refusal == (
        "Bare-root plants are the exception: because they are lifted to your own order, "
        "they can't be returned for a refund."
    )


def test_the_kinds_item_is_found_under_the_rules_lead_in_only() -> None:
    kind = withdrawn_kind(_plants())
    assert kind is not None
    body_units = units(PLANT_ARTICLE)
    listed = [body_units[index].raw.strip() for index in listed_under_rule(kind, body_units)]
    assert listed == ["- bare-root plants"]
    # the same item under a lead-in sharing a time only stays
    delivered = body_units.index(
        next(u for u in body_units if u.text == "Delivered within 3 days:")
    )
    assert all(index < delivered for index in listed_under_rule(kind, body_units))
    # a sentence sharing the rule's time words but not its verb is no claim
    assert not claims_for_every_kind(
        kind, "Bare-root plants are dispatched within 3 days of your order."
    )
    assert claims_for_every_kind(kind, PLANT_CLAIM)


def test_the_claim_says_the_new_rule_and_the_kinds_item_leaves_the_list() -> None:
    facts = _plants()
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("returns", PLANT_ARTICLE)]))
        if i.affected
    ]
    new_body = TemplateDrafter().edit(facts, impact).new_body
    assert new_body is not None
    assert PLANT_CLAIM not in new_body
    assert "they can't be returned for a refund" in new_body
    assert "Within 14 days of purchase:\n\n- potted plants\n- garden tools\n" in new_body
    # another topic's sentence and list, byte for byte
    assert "Bare-root plants are dispatched within 3 days of your order." in new_body
    assert "Delivered within 3 days:\n\n- bare-root plants\n- seeds\n" in new_body


# a photo lab: orders of more than 50 prints go to the main lab ---------------------------------

LAB_LEAD_OLD = "Every print order is printed the same day with `print_now` (order_id)."
LAB_LEAD = "How we handle a print order depends on how many prints it has."
LAB_SMALL = "Orders of 50 prints or fewer: we print them the same day with `print_now` (order_id)."
LAB_BETWEEN = "The customer can collect them from the counter after 5pm."
LAB_LARGE = (
    "Orders of more than 50 prints: send them to our main lab with `send_to_lab` (order_id)."
)
LAB_TOLD = "Tell the customer their prints are posted within 3 working days."
LAB_AFTER = "Prints are on glossy paper unless the customer asks for matte."


def _lab(sections: list[str]) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="print_now → send_to_lab",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("print_now", ())],
        after_actions=[ActionFact("send_to_lab", ())],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "print_count", "op": ">", "value": 50}], "text": "c"}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Prints", LAB_LEAD_OLD, LAB_LEAD, "changed"),
            Rule("H2", "sentence_added", "Prints", None, LAB_SMALL, "added"),
            Rule("H3", "sentence_added", "Prints", None, LAB_TOLD, "added"),
        ],
        prompt_sections={"Prints": sections},
    )


def test_a_kept_sentence_between_the_sides_goes_with_the_first_and_each_side_is_one_sentence() -> (
    None
):
    facts = _lab([LAB_LEAD, LAB_SMALL, LAB_BETWEEN, LAB_LARGE, LAB_TOLD, LAB_AFTER])
    said = sided_rule(facts)
    assert said is not None
    assert said.sentence == (
        "For orders of 50 prints or fewer, we print them the same day, and you can collect them "
        "from the counter after 5pm. For orders of more than 50 prints, we send them to our main "
        "lab, and your prints are posted within 3 working days."
    )
    assert "glossy" not in said.sentence


def test_a_lead_naming_no_side_gives_way_to_the_sides_rule() -> None:
    facts = _lab([LAB_LEAD, LAB_SMALL, LAB_BETWEEN, LAB_LARGE, LAB_TOLD, LAB_AFTER])
    assert sided_elsewhere(facts, LAB_LEAD)
    assert not sided_elsewhere(facts, LAB_LARGE)
    assert not sided_elsewhere(facts, None)


def test_a_kept_sentence_after_the_last_side_is_a_rule_of_its_own() -> None:
    # the sides in the other order: the kept sentence after the last side is no part of it
    facts = _lab([LAB_LEAD, LAB_LARGE, LAB_TOLD, LAB_SMALL, LAB_BETWEEN])
    said = sided_rule(facts)
    assert said is not None
    assert "counter" not in said.sentence


def test_without_the_other_side_there_is_no_sided_rule_to_give_way_to() -> None:
    facts = _lab([LAB_LEAD, LAB_LARGE, LAB_TOLD, LAB_AFTER])
    assert sided_rule(facts) is None
    assert not sided_elsewhere(facts, LAB_LEAD)


# labels and voices ------------------------------------------------------------------------------


def test_a_participle_label_is_an_if_case_and_a_side_may_have_two_words_before_its_end() -> None:
    said = voiced("Bought more than 30 days ago: the maker repairs it under its own warranty.")
    assert said is not None
    assert said.head == "If bought more than 30 days ago"
    plain = voiced("Members: we post the card within 2 days.")
    assert plain is not None and plain.head == "For members"
    facts = ChangeFacts(
        id="C1",
        title="t",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1"],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "days_owned", "op": ">", "value": 30}], "text": "c"}
            )
        ],
    )
    from behaviordiff.drafting.promptrule import _sides_said

    assert _sides_said(facts, "Bought 30 days ago or less: we swap it in store.") == (False, True)
    assert _sides_said(facts, "Bought more than 30 days ago: the maker repairs it.") == (
        True,
        False,
    )


def test_you_after_a_preposition_is_no_subject_with_a_trait() -> None:
    assert (
        customer_voice("most parcels are back with them in about 10 working days")
        == "most parcels are back with you in about 10 working days"
    )
    assert customer_voice("When a customer aged 18 or over wants a refund") == (
        "When you're aged 18 or over and want a refund"
    )


def test_an_ask_and_wait_is_said_as_the_ask() -> None:
    assert as_policy("we ask you to send a photo of the receipt first, and wait for it") == (
        "we ask you to send a photo of the receipt first"
    )
    # a wait of the customer's own stays
    assert as_policy("you wait for it at the desk") == "you wait for it at the desk"


@pytest.mark.parametrize(
    ("passage", "head"),
    [
        ("Unopened sets: we refund them in full within 14 days.", "For unopened sets"),
        ("Registered charities: we waive the delivery fee.", "For registered charities"),
        (
            "Personalised mugs: we can't take them back for a change of mind.",
            "For personalised mugs",
        ),
        ("Bought more than 30 days ago: the maker repairs it.", "If bought more than 30 days ago"),
        ("Delivered over a week ago: we can't trace it.", "If delivered over a week ago"),
    ],
)
def test_a_kind_named_by_an_ed_adjective_is_a_category_not_a_case_of_time(
    passage: str, head: str
) -> None:
    """Only a participle naming a time or an amount opens an "If …" case; a kind whose name
    ends in -ed ("Unopened sets", "Personalised mugs") is said "For …" (the review's MUST:
    every such label read "If unopened sets, we refund them")."""
    from behaviordiff.drafting.promptrule import voiced

    said = voiced(passage)
    assert said is not None and said.head == head
