"""An offer narrowed to a subset, with a price for the others: each KB sentence stating the
offer for everyone says who still gets it and what the others pay, in its own words; the
same offer on another subject, a sentence already naming the subset and the rest of the item
stay byte for byte. A café whose assistant gave free refills to everyone and now gives them
to loyalty card holders only; everyone else pays $1.50 for a refill."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule, relevant_rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.narrowed import (
    NARROWED_REASON,
    claims_offer_for_all,
    narrowed_offer,
    still_claimed,
    with_subset,
)
from behaviordiff.drafting.text import terms
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "Refills are free for every customer: pour one with `pour_refill` (price 0)."
NEW = (
    "Refills are free for loyalty card holders only: if the customer holds a card, pour one "
    "with `pour_refill` (price 0)."
)
OTHERS = "Everyone else pays $1.50 for a refill: pour it with `pour_refill` (price 1.50)."
ARTICLE = (
    "# Drinks\n\n"
    "Refills of filter coffee are free for all our customers, so keep your cup. Tap water is "
    "free for everyone.\n\n"
    "## Loyalty cards\n\n"
    "Loyalty card holders also get every tenth coffee free.\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nGood news: refills are always free here, so just "
    "ask at the counter.\n\nCheers,\n{{current_user.first_name}}"
)
TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nOur wifi is free for everyone who visits.\n\n"
    "Cheers,\n{{current_user.first_name}}"
)
SCOPE = "for loyalty card holders (everyone else pays $1.50 for a refill)"


def _facts(feature: str = "card_holder", others: str | None = OTHERS) -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Drinks", OLD, NEW, "changed")]
    if others is not None:
        rules.append(Rule("H2", "sentence_added", "Drinks", None, others, "added"))
    return ChangeFacts(
        id="C1",
        title="pour_refill: price 0 → 1.5",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        after_actions=[ActionFact("pour_refill", ())],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": feature, "op": "=", "value": "no"}]})
        ],
        rules=rules,
        excerpts=[
            Excerpt("p1", "Your refill is free, Ana.", "A refill is $1.50, Ana."),
            Excerpt("p2", "Free refill coming up, Bo.", "That refill is $1.50, Bo."),
        ],
        others=4,
    )


def test_the_offer_the_subset_and_the_others_price_come_from_the_prompt() -> None:
    offer = narrowed_offer(_facts())
    assert offer is not None
    assert (offer.offer, offer.subset) == ("free", "loyalty card holders")
    assert offer.subject == set(terms("Refills"))
    assert offer.others == "everyone else pays $1.50 for a refill"
    # "Otherwise" is said "for anyone else"
    said = "Otherwise a refill costs $1.50: pour it with `pour_refill` (price 1.50)."
    offer = narrowed_offer(_facts(others=said))
    assert offer is not None and offer.others == "for anyone else, a refill costs $1.50"
    # no price for the others: the subset alone
    offer = narrowed_offer(_facts(others=None))
    assert offer is not None and offer.others is None
    # a subset the condition's feature does not name is no narrowing of this change
    assert narrowed_offer(_facts(feature="weekday")) is None


def test_claims_for_everyone_on_the_subject_are_found_and_the_traps_are_not() -> None:
    offer = narrowed_offer(_facts())
    assert offer is not None
    assert claims_offer_for_all(offer, "Refills are free for all our customers, so keep your cup.")
    assert claims_offer_for_all(offer, "Good news: refills are always free here.")
    # another subject, the subset named, no claim for everyone, a heading
    assert not claims_offer_for_all(offer, "Tap water is free for everyone.")
    assert not claims_offer_for_all(offer, "Refills are free for loyalty card holders.")
    assert not claims_offer_for_all(offer, "Ask for a free refill at the counter.")
    assert not claims_offer_for_all(offer, "# Refills are always free")


def test_the_scope_becomes_the_subset_and_the_others_price() -> None:
    offer = narrowed_offer(_facts())
    assert offer is not None
    assert with_subset("Refills are free, for everyone, so keep your cup.", offer) == (
        f"Refills are free {SCOPE}, so keep your cup."
    )
    assert with_subset("Refills are free for everyone who stays: ask us.", offer) == (
        f"Refills are free {SCOPE}: ask us."
    )
    assert with_subset("Refills are always free.", offer) == f"Refills are free {SCOPE}."
    assert with_subset("For every customer, refills are free.", offer) == (
        "For loyalty card holders (everyone else pays $1.50 for a refill), refills are free."
    )


def test_each_claim_is_rewritten_and_everything_else_stays() -> None:
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Drinks", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Drinks::Refills", MACRO, "text", "kb", "m"),
            KnowledgeItem("macro", "3", "Visit::Wifi", TRAP, "text", "kb", "t"),
        ]
    )
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, kb)}
    article, macro = impacts["article:1"], impacts["macro:2"]
    assert [c.sentence for c in article.conflicts if NARROWED_REASON in c.reasons] == [
        "Refills of filter coffee are free for all our customers, so keep your cup."
    ]
    assert "macro:3" not in impacts or not impacts["macro:3"].conflicts
    drafter = TemplateDrafter()
    assert drafter.edit(facts, article).new_body == ARTICLE.replace(
        "are free for all our customers, so", f"are free {SCOPE}, so"
    )
    assert drafter.edit(facts, macro).new_body == MACRO.replace(
        "refills are always free here,", f"refills are free {SCOPE} here,"
    )


def test_the_rule_quoted_for_the_new_number_is_the_one_stating_it() -> None:
    # attribution puts the sentence that narrows the offer first; what the customers now get
    # is said in the sentence stating the moved call's new number
    facts = _facts()
    assert relevant_rule(facts, ["pour_refill"]) == facts.rules[0]
    facts.moved = [
        MovedValue(
            ActionFact("pour_refill", ()),
            "price",
            (("p1", 0.0, 1.5), ("p2", 0.0, 1.5)),
            None,
            None,
        )
    ]
    facts.rules[1] = Rule("H2", "sentence_added", "Drinks", None, OTHERS, "added")
    assert relevant_rule(facts, ["pour_refill"]) == facts.rules[1]


def test_an_edit_that_still_claims_the_offer_for_everyone_is_caught_reworded_or_not() -> None:
    facts = _facts()
    reworded = MACRO.replace("refills are always free here", "every refill is free, always")
    assert still_claimed(facts, reworded, "text") == [
        "Good news: every refill is free, always, so just ask at the counter."
    ]
    fixed = MACRO.replace("refills are always free here", f"refills are free {SCOPE}")
    assert still_claimed(facts, fixed, "text") == []
    assert still_claimed(_facts(feature="weekday"), reworded, "text") == []


def test_an_offer_on_every_order_narrowed_to_orders_over_a_bound() -> None:
    # a grocer: free delivery on every order → on orders of $40 or more, $3.99 below that
    old = "Delivery is free on every order: book it with `book_delivery` (fee 0)."
    new = "Delivery is free on orders of $40 or more: book it with `book_delivery` (fee 0)."
    below = "Otherwise delivery costs $3.99: book it with `book_delivery` with fee 3.99."
    facts = _facts()
    facts.conditions = [
        Condition.from_dict({"atoms": [{"feature": "order_total", "op": "<", "value": 40}]})
    ]
    facts.rules = [
        Rule("H1", "sentence_changed", "Delivery", old, new, "changed"),
        Rule("H2", "sentence_added", "Delivery", None, below, "added"),
    ]
    offer = narrowed_offer(facts)
    assert offer is not None
    assert (offer.prep, offer.subset) == ("on", "orders of $40 or more")
    said = "Delivery is always free on every order, so add what you like."
    assert claims_offer_for_all(offer, said)
    assert not claims_offer_for_all(offer, "Gift wrap is free on every order.")
    assert with_subset(said, offer) == (
        "Delivery is free on orders of $40 or more (for anyone else, delivery costs $3.99), so "
        "add what you like."
    )


def test_the_others_named_by_what_they_are_not_get_their_price_said() -> None:
    # "For customers who aren't …", "For non-members", "If the guest isn't …", "For anyone
    # without …": the others' lead, said "for anyone else" beside the subset
    for lead in (
        "For customers who don't have a loyalty card, a refill costs $1.50",
        "For non-card holders, a refill costs $1.50",
        "If the customer isn't a loyalty card holder, a refill costs $1.50",
        "For anyone without a loyalty card, a refill costs $1.50",
    ):
        said = f"{lead}: pour it with `pour_refill` (price 1.50)."
        offer = narrowed_offer(_facts(others=said))
        assert offer is not None, lead
        assert offer.others == "for anyone else, a refill costs $1.50", lead
    # a lead naming the subset itself is no price for the others
    said = "For loyalty card holders, a large refill costs $1.50: pour it with `pour_refill`."
    offer = narrowed_offer(_facts(others=said))
    assert offer is not None and offer.others is None


def test_a_price_row_giving_the_offer_to_everyone_gets_the_subset_and_the_others_price() -> None:
    offer = narrowed_offer(_facts())
    assert offer is not None
    row = "| Refills | Free | Filter coffee only |"
    assert claims_offer_for_all(offer, row)
    assert with_subset(row, offer) == f"| Refills | Free {SCOPE} | Filter coffee only |"
    # another subject's row, a row naming the subset, the header: not the old rule
    for kept in (
        "| Tap water | Free | Any time |",
        "| Refills | Free for loyalty card holders | Filter coffee only |",
        "| Drink | Price | Notes |",
        "| Free refills | $0 | Filter coffee only |",
    ):
        assert not claims_offer_for_all(offer, kept), kept
    article = (
        "# Prices\n\n| Drink | Price | Notes |\n| --- | --- | --- |\n"
        "| Refills | Free | Filter coffee only |\n| Tap water | Free | Any time |\n"
    )
    knowledge = KnowledgeBase(
        [KnowledgeItem("article", "p", "Prices", article, "markdown", "kb", "p")]
    )
    impact = next(i for i in rank_items(_facts(), knowledge) if i.item.key == "article:p")
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body == article.replace("| Refills | Free |", f"| Refills | Free {SCOPE} |")
    assert still_claimed(_facts(), article, "markdown") == [
        "| Refills | Free | Filter coffee only |"
    ]
