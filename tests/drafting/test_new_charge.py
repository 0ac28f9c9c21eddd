"""A charge introduced where there was none, past an upper bound: the KB sentences that say the
thing is free or unlimited on the charge's topic are said again with the new rule and its line,
a table cell as one cell of the same row; the same amount, the line's number and another fee
taken with the same tool stay byte for byte. A made-up cab firm that starts charging for
waiting time over 10 minutes."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import kept_conflicts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.newcharge import (
    charge_sentence,
    charged_body,
    denies_charge,
    new_charge,
    still_denied,
)
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

FREE = "Waiting time is free: there is no charge, however long the driver waits."
INCLUDED = "The first 10 minutes of waiting are included."
CHARGED = (
    "If the driver waited over 10 minutes, charge a $4 waiting fee with `add_fee` (reason "
    '"waiting"), then send the receipt with `send_receipt`, and tell the customer the fee is '
    "on their receipt."
)
RECEIPT = "When a customer asks about their fare, send the receipt with `send_receipt`."
DENIAL = "Waiting time is always free, so you never pay extra however long your driver waits."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for riding with us. Your receipt for ride "
    "{{ticket.custom_field_ride}} is attached.\n\n" + DENIAL + "\n\nSafe travels,\n"
    "{{current_user.first_name}}"
)
ROW = "| Waiting time | No charge |"
ARTICLE = f"""# Fares and extras

| Extra | Price |
| --- | --- |
{ROW}
| Luggage | $4 a bag |
| Night rides | $8 night fee after 11pm, added to the fare |

## Does waiting cost anything?

Waiting is free on every ride, so take your time. Drivers wait up to 10 minutes at the
airport before they call you.
"""
LUGGAGE = "Each bag in the boot is $4, added to the fare by your driver."
NIGHT = "Rides after 11pm pay our $8 night fee, added to the fare."


def _facts(
    charged: str = CHARGED,
    condition: dict[str, object] | None = None,
    *,
    free: str = FREE,
) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls add_fee",
        kind="actions",
        facets=["actions"],
        probe_ids=["wait-12", "wait-25", "wait-40"],
        after_actions=[ActionFact("add_fee")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "wait_minutes > 10",
                    "atoms": [condition or {"feature": "wait_minutes", "op": ">", "value": 10}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Waiting", free, INCLUDED, "sentence changed"),
            Rule("H2", "sentence_changed", "Waiting", RECEIPT, charged, "sentence changed"),
        ],
        excerpts=[
            Excerpt(probe_id="wait-12", old="Here's your receipt.", new="A $4 fee is added."),
            Excerpt(probe_id="wait-25", old="Here's your receipt.", new="A $4 fee is added."),
        ],
        others=9,
    )


def test_the_charge_its_line_and_what_stays_included_are_read_from_the_new_prompt() -> None:
    charge = new_charge(_facts())
    assert charge is not None
    assert (charge.amount, charge.what, charge.verb) == ("$4", "waiting fee", "charge")
    assert charge.bound == "over 10 minutes" and charge.allowance == INCLUDED
    # an inclusive line is said as one
    inclusive = new_charge(_facts(condition={"feature": "wait_minutes", "op": ">=", "value": 10}))
    assert inclusive is not None and inclusive.bound == "10 minutes or more"


def test_only_a_sentence_saying_the_charged_thing_is_free_denies_it() -> None:
    charge = new_charge(_facts())
    assert charge is not None
    assert denies_charge(charge, DENIAL)
    assert denies_charge(charge, ROW)
    assert denies_charge(charge, "Waiting is free on every ride, so take your time.")
    # the same amount, another fee with the same tool, the line's number on its own topic
    assert not denies_charge(charge, LUGGAGE)
    assert not denies_charge(charge, NIGHT)
    assert not denies_charge(charge, "Drivers wait up to 10 minutes at the airport.")
    # free, but of something else; "feel free" is no price; the new rule already said
    assert not denies_charge(charge, "Child seats are free on every ride.")
    assert not denies_charge(charge, "Feel free to ask your driver to wait.")
    assert not denies_charge(charge, "Waiting is free for 10 minutes, then $4.")


def test_a_charge_denied_as_never_charged_or_included_in_every_ride_is_denied() -> None:
    charge = new_charge(_facts())
    assert charge is not None
    assert denies_charge(charge, "- There's never an extra charge for waiting, however long.")
    assert denies_charge(charge, "| Waiting | Included in every ride |")
    assert denies_charge(charge, "Waiting? Not a penny more: there's not any fee for waiting.")
    assert not denies_charge(charge, "| Child seats | Included in every ride |")
    assert not denies_charge(charge, "We never charge a cancellation fee.")


def test_no_new_charge_without_an_old_no_charge_rule_or_a_line() -> None:
    # the old rule charged already: a fee raised, not introduced
    assert new_charge(_facts(free="Waiting over 10 minutes costs $2.")) is None
    # a charge the prompt says is needed is the requirement's business
    needed = "Rides over 10 minutes need a $4 waiting fee."
    assert new_charge(_facts(needed)) is None
    # a band on both sides, or a category: no one line to say
    band = {"feature": "wait_minutes", "op": "between", "low": 10, "high": 20}
    assert new_charge(_facts(condition=band)) is None
    # the charging sentence names no amount of a charge
    assert new_charge(_facts(CHARGED.replace("a $4 waiting fee", "for the wait"))) is None


def test_the_macro_and_the_article_say_the_new_rule_the_traps_kept() -> None:
    facts = _facts()
    items = [
        kb_item("fares", ARTICLE),
        kb_item("receipt", MACRO, kind="macro"),
        kb_item("luggage", LUGGAGE, kind="macro"),
        kb_item("night", NIGHT, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:fares", "macro:receipt"}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:receipt"]).new_body
    assert macro == MACRO.replace(
        DENIAL,
        "The first 10 minutes of waiting are included; over 10 minutes, we charge a $4 "
        "waiting fee.",
    )
    article = drafter.edit(facts, impacts["article:fares"]).new_body
    assert article == ARTICLE.replace(
        ROW, "| Waiting time | $4 waiting fee over 10 minutes; free up to 10 minutes |"
    ).replace(
        "Waiting is free on every ride, so take your time.",
        "The first 10 minutes of waiting are included; over 10 minutes, there is a $4 waiting fee.",
    )
    # a drafting model's edit that keeps the old sentence, or says it again otherwise, is refused
    assert kept_conflicts(facts, impacts["macro:receipt"], MACRO)
    reworded = MACRO.replace(DENIAL, "Your driver can wait as long as you like at no extra cost.")
    assert still_denied(facts, reworded, "text") == [
        "Your driver can wait as long as you like at no extra cost."
    ]
    assert still_denied(facts, macro or "", "text") == []


def test_a_denial_beside_another_number_is_flagged_not_rewritten() -> None:
    charge = new_charge(_facts())
    assert charge is not None
    sentence = "Waiting is free, and our drivers carry up to 3 bags."
    assert charged_body(charge, sentence, "text", {sentence}) is None
    # a row whose cells both say it has no one cell to rewrite
    row = "| Waiting: no charge | Free |"
    assert charged_body(charge, row, "markdown", {row}) is None


def test_a_charge_said_after_its_name_below_a_money_line_on_what_was_included() -> None:
    # a made-up florist: delivery was included on every order, now only from $1,000 of
    # flowers for a wedding; under that, a delivery fee of $35
    included = "Delivery is included for wedding orders of $1,000 or more."
    charged = (
        "If the wedding order is under $1,000, add a delivery fee of $35 with `add_fee`, "
        "and tell the customer it is on the invoice."
    )
    facts = ChangeFacts(
        id="C1",
        title="now calls add_fee",
        kind="actions",
        facets=["actions"],
        probe_ids=["w-400", "w-700"],
        after_actions=[ActionFact("add_fee")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "order_total < 1000",
                    "atoms": [{"feature": "order_total", "op": "<", "value": 1000}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 4},
                }
            )
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Weddings",
                "Delivery is included in the price of every wedding order.",
                included,
                "sentence changed",
            ),
            Rule("H2", "sentence_added", "Weddings", None, charged, "sentence added"),
        ],
        others=4,
    )
    charge = new_charge(facts)
    assert charge is not None
    assert (charge.amount, charge.what, charge.verb) == ("$35", "delivery fee", "add")
    assert charge.bound == "under $1,000" and charge.allowance == included
    sentence = "Delivery is included with every bouquet we arrange for your wedding."
    assert denies_charge(charge, sentence)
    # free, of another thing; a sentence naming only part of what was free
    assert not denies_charge(charge, "Gift wrap is free on every order.")
    assert not denies_charge(charge, "Our $35 vase is included in the price.")
    body = f"Hi,\n\n{sentence}\n\nBest,\nThe florist\n"
    assert charged_body(charge, body, "text", {sentence}) == body.replace(
        sentence,
        "Delivery is included for wedding orders of $1,000 or more; under $1,000, we add a "
        "$35 delivery fee.",
    )


def test_the_lines_unit_alone_names_no_topic_when_the_charge_says_one() -> None:
    charge = new_charge(_facts())
    assert charge is not None
    # minutes, and free, but of another thing: the charge is on waiting
    assert not denies_charge(charge, "Cancelling is free up to 5 minutes after booking.")


def test_an_amount_charged_for_something_with_no_charge_noun() -> None:
    charged = (
        "If the driver waited over 10 minutes, charge $4 for the extra wait with `add_fee`, "
        "and tell the customer it is on their receipt."
    )
    charge = new_charge(_facts(charged))
    assert charge is not None
    assert (charge.amount, charge.what, charge.named) == (
        "$4",
        "for the extra wait",
        "$4 for the extra wait",
    )
    assert charge_sentence(charge, we=True) == (
        "The first 10 minutes of waiting are included; over 10 minutes, we charge $4 for the "
        "extra wait."
    )
    assert charge_sentence(charge, we=False).endswith("there is a $4 charge for the extra wait.")


def test_a_list_item_named_free_in_its_first_word_keeps_its_numbers_and_says_the_rule() -> None:
    # "- Free waiting ..." with another number in it: the adjective is its one claim, so the
    # item is said again with the rule after it, the other number kept in place
    charge = new_charge(_facts())
    assert charge is not None
    body = (
        "Every ride comes with:\n\n- Free waiting (up to 2 stops) on the way\n"
        "- Free child seats on request\n- A bottle of water\n"
    )
    item = "- Free waiting (up to 2 stops) on the way"
    assert charged_body(charge, body, "markdown", {item}) == body.replace(
        item,
        "- Waiting (up to 2 stops) on the way: free up to 10 minutes (over 10 minutes, "
        "there is a $4 waiting fee)",
    )
    # an item saying free twice, or free of another thing, stays flagged
    twice = "- Free waiting (up to 2 stops), always free"
    assert charged_body(charge, twice, "markdown", {twice}) is None
