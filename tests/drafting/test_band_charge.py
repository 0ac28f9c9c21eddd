"""A charge brought in with a new band where the old prompt said nothing of charges: a dog
groomer now books dogs of 20 to 39 kg a large-dog groom with a £15 large-dog supplement
(under 20 kg, as before, a standard groom). The KB's "We don't charge extra for large dogs"
and a price row "| Large dogs | No extra charge |" are marked so CS is told; "Nail clipping is
free" (another thing free) and "a £15 gift card" (the same amount) are not."""

from __future__ import annotations

from behaviordiff.drafting.bandcharge import band_charge, denies_band_charge
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

OLD = "If the dog weighs less than 40 kg, book a standard groom with `book_groom`."
NEW = (
    "If the dog weighs 20 to 39 kg, book a large-dog groom with `book_groom` and tell the "
    "customer a large-dog supplement of £15 applies."
)
ARTICLE = """# Prices

| Service | Price |
| --- | --- |
| Full groom | £45 |
| Large dogs | No extra charge |

We don't charge extra for large dogs. Nail clipping is free with every groom.
A £15 gift card makes a lovely present.
"""


def _facts() -> ChangeFacts:
    return moved_facts(
        [Rule("H1", "sentence_changed", "Grooming", OLD, NEW, "sentence changed")],
        [band_atom("dog_weight_kg", 20, 40)],
    )


def test_the_new_rule_charge_and_its_topic_are_read() -> None:
    charge = band_charge(_facts())
    assert charge is not None
    assert (charge.amount, charge.what) == ("£15", "large-dog supplement")
    assert denies_band_charge(charge, "We don't charge extra for large dogs.")
    assert not denies_band_charge(charge, "Nail clipping is free with every groom.")
    assert not denies_band_charge(charge, "A £15 gift card makes a lovely present.")


def test_no_charge_when_the_old_rule_named_the_amount() -> None:
    old = OLD.replace("`book_groom`.", "`book_groom` and add a large-dog supplement of £15.")
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Grooming", old, NEW, "sentence changed")],
        [band_atom("dog_weight_kg", 20, 40)],
    )
    assert band_charge(facts) is None


def test_the_denials_are_conflicts_of_the_item() -> None:
    knowledge = KnowledgeBase([kb_item("prices", ARTICLE)])
    [impact] = rank_items(_facts(), knowledge)
    said = [conflict.sentence for conflict in impact.conflicts]
    assert "We don't charge extra for large dogs." in said
    assert any("No extra charge" in sentence for sentence in said)
    assert not any("Nail clipping" in sentence or "gift card" in sentence for sentence in said)
