"""A flat amount made a rate per unit with a cap: a made-up car park that charged a flat $15
for overstaying, whatever the overstay, and now charges $3 per hour over, capped at $24. The
KB's statements of the flat overstay charge (a macro sentence with the amount before its noun,
a table cell under a row naming the topic, an answer under a question naming it) say the new
terms in their own shape; the same $15 for a lost ticket and the cap's $24 for valet parking
stay."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.ratecap import rate_cap, rate_cap_units
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "Overstays: if a car leaves after its booked slot ends, charge a flat overstay charge of $15 "
    "with `charge_overstay` (amount 15), whatever the overstay, and tell the driver."
)
NEW = (
    "Overstays: if a car leaves after its booked slot ends, charge $3 per hour over, capped at "
    "$24, with `charge_overstay` (amount 3 × hours over, at most 24), and tell the driver."
)
MACRO = (
    "Hello {{ticket.requester.name}},\n\nYour exit was logged at {{ticket.custom_field_exit}}. "
    "We've added a flat $15 overstay charge to your receipt. Valet parking is $24 a day if you "
    "need longer next time.\n\nRegards,\nPark team"
)
ARTICLE = (
    "# Parking prices\n\n| Extra | Price |\n|---|---|\n| Overstaying your slot | $15 |\n"
    "| Lost ticket | $15 |\n| Valet | $24 a day |\n\n## Questions\n\n"
    "**What happens if I overstay?**\nYou pay $15, no matter how long. It goes on your receipt.\n\n"
    "**What if I lose my ticket?**\nThere's a $15 lost ticket fee.\n"
)
TRAP = "Hello,\n\nWe've charged the $15 lost ticket fee to your card.\n\nRegards,\nPark team"


def _facts(old: str = OLD, new: str = NEW) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="charge_overstay: amount 15 → 3, 15 → 24",
        kind="actions",
        facets=["actions"],
        probe_ids=["over-1", "over-3", "over-9"],
        before_actions=[ActionFact("charge_overstay")],
        after_actions=[ActionFact("charge_overstay")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "hours_over >= 1",
                    "atoms": [{"feature": "hours_over", "op": ">=", "value": 1}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 4},
                }
            )
        ],
        others=4,
        rules=[Rule("H1", "sentence_changed", "Charges", old, new, "sentence changed")],
    )


def test_the_flat_amount_the_rate_and_its_cap_are_read_from_the_changed_sentence() -> None:
    change = rate_cap(_facts())
    assert change is not None
    assert (change.old, change.terms) == ("$15", "$3 per hour over, capped at $24")
    assert change.topic == {"overstay"}
    # a rate that moved (the old amount was per hour too) is no flat amount made a rate
    moved = OLD.replace("a flat overstay charge of $15", "an overstay charge of $2 per hour")
    assert rate_cap(_facts(old=moved.replace("(amount 15)", "(amount 2)"))) is None


def test_each_statement_of_the_flat_amount_says_the_rate_in_its_own_shape() -> None:
    facts = _facts()
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Exit::Overstay", MACRO, "text", "kb", "m"),
            KnowledgeItem("article", "2", "Parking prices", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "3", "Exit::Lost ticket", TRAP, "text", "kb", "m"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    assert "macro:3" not in impacts or not impacts["macro:3"].affected
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:1"]).new_body
    assert macro is not None
    assert (
        "We've added an overstay charge of $3 per hour over, capped at $24, to your receipt."
        in macro
    )
    assert "Valet parking is $24 a day" in macro and "{{ticket.custom_field_exit}}" in macro
    article = drafter.edit(facts, impacts["article:2"]).new_body
    assert article is not None
    assert "| Overstaying your slot | $3 per hour over, capped at $24 |" in article
    assert "You pay $3 per hour over, capped at $24. It goes on your receipt." in article
    # the same $15 said of another thing, and the cap's amount, stay
    assert "| Lost ticket | $15 |" in article and "There's a $15 lost ticket fee." in article
    assert "| Valet | $24 a day |" in article and "no matter how long" not in article


def test_the_amount_of_another_thing_said_beside_the_topic_stays() -> None:
    change = rate_cap(_facts())
    assert change is not None
    for said in (
        "Overstaying drivers who lose their ticket pay a $15 replacement fee.",
        "If you overstay, the barrier may not open; lost tickets cost $15 at the pay station.",
    ):
        assert not rate_cap_units(change, units(said))
    assert rate_cap_units(change, units("If you overstay, it's $15 however long."))
    # an invented library: an overdue flat fine said with its own noun, or bare under the topic
    lib = _facts(
        old="Overdue books: charge a flat overdue fine of €5 with `fine` (amount 5).",
        new="Overdue books: charge €1 per day overdue, up to €8, with `fine`.",
    )
    fine = rate_cap(lib)
    assert fine is not None
    assert rate_cap_units(fine, units("Returning a book late means a €5 overdue fine."))
    assert not rate_cap_units(fine, units("Returning a book late? A lost card costs €5."))


def test_a_threshold_moved_is_no_flat_charge_made_a_rate() -> None:
    spend = _facts(
        old="Loyalty: give a free coffee with `free_item` once a member's spend hits $50.",
        new="Loyalty: give a free coffee with `free_item` once a member's spend hits $60 a month.",
    )
    assert rate_cap(spend) is None
