"""A fee brought in for a band of a number where the old prompt said the whole range was free:
the value a call passes moves from 0 (`fee_eur` 0 → 4), the condition is a band whose upper
end the old rule stated and whose lower end is the new line, and the KB sentences and table
row saying the whole range is free are said again with the band, what stays free below it
kept (a bare "No." before it too: an answer word is not rewritten); the same amount, the
line's number and "free" of another thing stay. A made-up bike hire scheme that starts
charging €4 for rides from 2 to 8 hours."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.newcharge import denies_charge, new_charge, still_denied
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = (
    "Rides up to and including 8 hours are free: book them with fee_eur 0 and tell the "
    "customer there is no fee."
)
FREE_BELOW = (
    "Rides under 2 hours are free: book them with fee_eur 0 and tell the customer there is no fee."
)
CHARGED = (
    "Rides from 2 hours up to and including 8 hours cost a €4 fee: book them with fee_eur 4 "
    "and tell the customer the €4 fee is added to their bill."
)
DENIAL = "Every ride up to 8 hours is free, so we won't charge you for this one."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour bike is unlocked at dock "
    "{{ticket.custom_field_dock}}.\n\n" + DENIAL + "\n\nHappy riding,\nPedalo Support"
)
ROW = "| Bike hire, up to 8 hours | Free | Any dock in the city |"
ARTICLE = f"""# Prices

| What | Price | Good to know |
| --- | --- | --- |
{ROW}
| Bike hire, over 8 hours | Checked by our team | We call you first |
| Helmet hire | Free | Ask at the dock |
| Lost key tag | €4 | Replaced the same day |

Helmet hire is free at every dock.

## Is there a fee for a long ride?

No. Any ride up to eight hours (8 hours) goes at no charge, so you pay nothing.
"""


def _facts(
    *,
    old: str = OLD,
    low: float = 2,
    fee_before: float = 0,
) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="fee_eur moved",
        kind="actions",
        facets=["actions"],
        probe_ids=["ride-2", "ride-5", "ride-8"],
        moved=[
            MovedValue(
                call=ActionFact("book_ride"),
                argument="fee_eur",
                values=(("ride-2", fee_before, 4.0), ("ride-5", fee_before, 4.0)),
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "2 <= ride_hours <= 8",
                    "atoms": [
                        {
                            "feature": "ride_hours",
                            "op": "between",
                            "low": low,
                            "high": 8,
                            "low_inclusive": True,
                            "high_inclusive": True,
                        },
                        {"feature": "tag:book-ride", "op": "tag"},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 8},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Bike hire", old, FREE_BELOW, "sentence changed"),
            Rule("H2", "sentence_added", "Bike hire", None, CHARGED, "sentence added"),
        ],
        others=8,
    )


def test_a_band_charged_where_the_whole_range_was_free_is_read_from_its_new_line() -> None:
    charge = new_charge(_facts())
    assert charge is not None
    assert (charge.amount, charge.what, charge.number) == ("€4", "fee", "2")
    assert charge.bound == "from 2 hours to 8 hours"
    # what stays free, without the prompt's internals ("fee_eur 0", "tell the customer")
    assert charge.allowance == "Rides under 2 hours are free."
    assert charge.free_side == "under 2 hours"


def test_no_band_charge_when_a_value_moved_from_an_amount_or_the_old_rule_states_both_ends() -> (
    None
):
    # a fee raised (3 → 4), not brought in
    assert new_charge(_facts(fee_before=3)) is None
    # the old rule states both ends of the band: no one new line
    both = OLD.replace("up to and including 8 hours", "from 2 hours up to 8 hours")
    assert new_charge(_facts(old=both)) is None


def test_only_the_sentences_saying_the_whole_range_is_free_deny_the_charge() -> None:
    charge = new_charge(_facts())
    assert charge is not None
    assert denies_charge(charge, DENIAL)
    assert denies_charge(charge, ROW)  # the prompt section's words ("Bike hire")
    # free, of another thing; the same amount; the range over the band; the new line said
    assert not denies_charge(charge, "Helmet hire is free at every dock.")
    assert not denies_charge(charge, "| Helmet hire | Free | Ask at the dock |")
    assert not denies_charge(charge, "| Lost key tag | €4 | Replaced the same day |")
    assert not denies_charge(charge, "| Bike hire, over 8 hours | Checked by our team | x |")
    assert not denies_charge(charge, "Rides under 2 hours are free.")


def test_the_macro_and_the_table_say_the_band_and_what_stays_free() -> None:
    facts = _facts()
    items = [kb_item("prices", ARTICLE), kb_item("unlocked", MACRO, kind="macro")]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:prices", "macro:unlocked"}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:unlocked"]).new_body
    assert macro == MACRO.replace(
        DENIAL, "Rides under 2 hours are free; from 2 hours to 8 hours, there is a €4 fee."
    )
    article = drafter.edit(facts, impacts["article:prices"]).new_body
    assert article == ARTICLE.replace(
        ROW,
        "| Bike hire, up to 8 hours | €4 fee from 2 hours to 8 hours; free under 2 hours "
        "| Any dock in the city |",
    ).replace(
        # the FAQ's "No." (no fee for a long ride) is no longer the answer: it goes
        "No. Any ride up to eight hours (8 hours) goes at no charge, so you pay nothing.",
        "Rides under 2 hours are free; from 2 hours to 8 hours, there is a €4 fee.",
    )
    # a drafting model's edit keeping the whole range free is refused the same way
    assert still_denied(facts, MACRO, "text") == [DENIAL]
    assert still_denied(facts, macro or "", "text") == []
