"""A kind added to the prompt's list of exceptions: a KB claim for everything but the old
exceptions states the old list (`staleexclusion`). Made-up domains: a clothes shop's returns
(earrings and swimwear, now face masks too), a courier's delivery areas (the Highlands and
islands, now Northern Ireland too) and a loyalty scheme with four exceptions; a sentence about
one exception, one naming the added kind already and a prose rule added are no such list."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.staleexclusion import STALE_EXCLUSION_REASON, stale_exclusion_reason
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts


def _facts(section: str, items: list[str], added: str) -> ChangeFacts:
    atoms: list[dict[str, object]] = [{"feature": "category", "op": "in", "value": ["x"]}]
    rules = [Rule("H1", "sentence_added", section, None, added, "added")]
    facts = moved_facts(rules, atoms, title="no longer calls book_return")
    facts.prompt_sections = {section: ["Items we can't take back:", *items, added]}
    return facts


RETURNS = _facts(
    "Returns",
    ["earrings: earrings (for hygiene reasons)", "swimwear: swimwear (for hygiene reasons)"],
    "face_masks: face masks (for hygiene reasons)",
)


def test_a_claim_for_all_but_the_old_exceptions_is_found() -> None:
    said = "You can return anything within 30 days, apart from earrings and swimwear."
    reason = stale_exclusion_reason(RETURNS, said)
    assert reason is not None and reason.startswith(STALE_EXCLUSION_REASON)
    assert "face masks" in reason
    macro = f"Hi {{{{ticket.requester.first_name}}}},\n\n{said} Refunds take 5 days.\n"
    knowledge = KnowledgeBase([kb_item("4", macro, "macro", title="Returns::Label sent")])
    found = [c.sentence for i in rank_items(RETURNS, knowledge) for c in i.conflicts]
    assert found == [said]


def test_one_exception_alone_or_the_new_list_is_not_the_old_list() -> None:
    assert stale_exclusion_reason(RETURNS, "Earrings can't be returned, for hygiene.") is None
    assert (
        stale_exclusion_reason(
            RETURNS, "Anything can come back except earrings, swimwear and face masks."
        )
        is None
    )
    # no claim for the rest: a list of what can't come back, not a rule for everything
    assert stale_exclusion_reason(RETURNS, "Earrings and swimwear aside, ask us.") is None
    assert stale_exclusion_reason(RETURNS, "| Earrings and swimwear | No returns |") is None


def test_delivery_areas_said_everywhere_but() -> None:
    facts = _facts(
        "Delivery",
        ["highlands: the Scottish Highlands", "islands: offshore islands"],
        "northern_ireland: Northern Ireland",
    )
    said = "We deliver everywhere in the UK except the Scottish Highlands and offshore islands."
    assert stale_exclusion_reason(facts, said) is not None


def test_of_four_exceptions_two_named_are_the_list() -> None:
    facts = _facts(
        "Points",
        [
            "gift_vouchers: gift vouchers",
            "delivery_charges: delivery charges",
            "donations: donations",
            "tickets: event tickets",
        ],
        "sale_items: sale items",
    )
    said = "Every purchase earns points, other than gift vouchers, donations and the like."
    assert stale_exclusion_reason(facts, said) is not None


def test_a_prose_rule_added_is_no_list_item() -> None:
    facts = _facts("Returns", ["earrings: earrings"], "Face masks can't be returned either.")
    said = "You can return anything within 30 days, apart from earrings."
    assert stale_exclusion_reason(facts, said) is None


def test_a_bare_bullet_list_of_exceptions_grown() -> None:
    # review fb5: a list read in any shape, not only "key: name (why)"
    facts = _facts(
        "Delivery",
        ["Furniture", "Garden sheds", "Hot tubs: too heavy for our vans"],
        "Fridges",
    )
    facts.prompt_sections = {
        "Delivery": [
            "Delivery is free on orders over £40.",
            "Not eligible for free delivery:",
            "Furniture",
            "Garden sheds",
            "Hot tubs: too heavy for our vans",
            "Fridges",
        ]
    }
    said = "Delivery is free on everything over £40, except furniture, garden sheds and hot tubs."
    reason = stale_exclusion_reason(facts, said)
    assert reason is not None and "Fridges" in reason
    # the rule for everyone is no list item; naming the added kind is the new list
    assert stale_exclusion_reason(facts, "Delivery is free on every order over £40.") is None
    assert (
        stale_exclusion_reason(
            facts,
            "Delivery is free on everything except furniture, garden sheds, hot tubs and fridges.",
        )
        is None
    )


def test_a_list_the_change_adds_whole_has_no_old_exceptions() -> None:
    rules = [
        Rule(f"H{n}", "sentence_added", "Delivery", None, name, "added")
        for n, name in enumerate(["Furniture", "Garden sheds", "Fridges"])
    ]
    facts = moved_facts(rules, [{"feature": "category", "op": "in", "value": ["x"]}])
    facts.prompt_sections = {"Delivery": ["Not eligible:", "Furniture", "Garden sheds", "Fridges"]}
    said = "Delivery is free on everything except furniture and garden sheds."
    assert stale_exclusion_reason(facts, said) is None


def test_a_name_added_to_a_prose_list() -> None:
    old = "We don't price-match: Amazon Marketplace, eBay sellers, or clearance items."
    new = (
        "We don't price-match: Amazon Marketplace, eBay sellers, clearance items, or outlet stores."
    )
    rules = [Rule("H1", "sentence_changed", "Price match", old, new, "changed")]
    facts = moved_facts(rules, [{"feature": "category", "op": "in", "value": ["x"]}])
    facts.prompt_sections = {"Price match": [new]}
    said = "We match any price, other than Amazon Marketplace, eBay sellers or clearance items."
    reason = stale_exclusion_reason(facts, said)
    assert reason is not None and "outlet stores" in reason
    # a list reworded with no name added is no grown list
    same = Rule(
        "H1", "sentence_changed", "Price match", old, old.replace("We don't", "We never"), ""
    )
    facts.rules = [same]
    assert stale_exclusion_reason(facts, said) is None
