"""A value moved for one labelled item of a prompt list (a gym's "Silver: 5 guest passes a
month" → "Silver: 3 guest passes a month"; Bronze keeps 3 and Gold 5): the KB sentences and
table rows giving Silver the old count are marked for a writer, whatever their shape; the same
number for another tier, in another unit, as a price or on another topic is kept."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.drafting.text import units
from behaviordiff.drafting.tiervalue import (
    TIER_VALUE_REASON,
    states_old_for_label,
    tier_value_conflicts,
)

MOVE = RuleMove(
    "H1", "Silver: 5 guest passes a month", "Silver: 3 guest passes a month", "5", "3", "value"
)


def _marked(text: str) -> list[str]:
    facts = cast(ChangeFacts, SimpleNamespace(moves=[MOVE]))
    found = tier_value_conflicts(
        facts, units(text), [], lambda i, s, r: SimpleNamespace(unit_index=i, sentence=s, reasons=r)
    )
    assert all(c.reasons[0].startswith(TIER_VALUE_REASON) for c in found)
    return [c.sentence for c in found]


def test_the_old_count_given_the_moved_label_is_marked_in_every_shape() -> None:
    for sentence in [
        "Silver members can bring up to five guests a month (5 guest passes).",
        "Once this month's guest passes are used (3 on Bronze, 5 on Silver and Gold), "
        "a guest costs £8.",
        "Bronze members can bring three guests a month, while Silver and Gold members can "
        "bring five.",
        "Silver is our favourite tier: classes twice a week, a towel service and five guest "
        "passes a month.",
    ]:
        assert states_old_for_label(MOVE, sentence, ""), sentence


def test_other_tiers_units_prices_and_topics_are_kept() -> None:
    for sentence in [
        "Gold members can bring five guests a month.",
        "Silver members can freeze their plan for up to 5 months.",
        "Silver members pay £5 for a towel.",
        "Silver members can book 5 classes a day.",
        "Silver members can bring three guests a month.",
    ]:
        assert not states_old_for_label(MOVE, sentence, ""), sentence


def test_only_the_moved_labels_row_is_marked_in_a_table() -> None:
    text = (
        "| Tier | Price a month | Classes | Guest passes each month |\n"
        "| --- | --- | --- | --- |\n"
        "| Bronze | £20 | 5 | 3 |\n"
        "| Silver | £30 | 5 | 5 |\n"
        "| Gold | £40 | 10 | 5 |\n"
        "\n"
        "Silver lockers fit 5 bags.\n"
    )
    assert _marked(text) == ["| Silver | £30 | 5 | 5 |"]


def test_a_row_whose_old_count_is_in_another_column_is_kept() -> None:
    text = (
        "| Tier | Price a month | Classes | Guest passes each month |\n"
        "| --- | --- | --- | --- |\n"
        "| Silver | £30 | 5 | 3 |\n"
    )
    assert _marked(text) == []


def test_moves_of_no_labelled_item_mark_nothing() -> None:
    plain = RuleMove("H1", "Members get 5 guest passes", "Members get 3 guest passes", "5", "3",
                     "value")  # fmt: skip
    facts: Any = SimpleNamespace(moves=[plain])
    text = "Silver members can bring five guests a month (5 guest passes)."
    assert tier_value_conflicts(facts, units(text), [], lambda *a: a) == []


def _impact(body: str) -> Any:
    from behaviordiff.kb.model import KnowledgeItem

    item = KnowledgeItem("article", "1", "Membership tiers", body, "markdown", "kb", "a.md")
    facts: Any = SimpleNamespace(moves=[MOVE])
    item_units = units(body)
    found = tier_value_conflicts(
        facts, item_units, [], lambda i, s, r: SimpleNamespace(unit_index=i, sentence=s, reasons=r)
    )
    return facts, SimpleNamespace(item=item, conflicts=found, units=item_units)


def test_the_template_gives_the_label_alone_the_new_count_words_staying_words() -> None:
    from behaviordiff.drafting.tiervalue import tier_value_edit

    body = (
        "| Tier | Price a month | Guest passes each month |\n"
        "| --- | --- | --- |\n"
        "| Bronze | £20 | 3 |\n"
        "| Silver | £30 | 5 |\n"
        "| Gold | £40 | 5 |\n"
        "\n"
        "Silver is our favourite tier: five guest passes a month, and lockers for 5 weeks.\n"
    )
    facts, impact = _impact(body)
    edited = tier_value_edit(facts, impact)
    assert edited is not None
    new_body, rationale = edited
    assert "| Silver | £30 | 3 |" in new_body
    assert "| Gold | £40 | 5 |" in new_body and "| Bronze | £20 | 3 |" in new_body
    assert "three guest passes a month, and lockers for 5 weeks." in new_body
    assert "Silver" in rationale


def test_a_value_the_label_shares_with_one_other_name_is_split() -> None:
    from behaviordiff.drafting.tiervalue import still_old_for_label, tier_value_edit

    body = (
        "Once this month's guest passes are used (3 on Bronze, 5 on Silver and Gold), a guest "
        "costs £8.\n\nBronze members can bring three guests, while Silver and Gold members "
        "can bring five.\n"
    )
    facts, impact = _impact(body)
    edited = tier_value_edit(facts, impact)
    assert edited is not None
    new_body = edited[0]
    assert "(3 on Bronze, 3 on Silver, 5 on Gold), a guest costs £8." in new_body
    assert "while Silver members can bring three, and Gold members can bring five." in new_body
    assert still_old_for_label(facts, [], body, new_body, "markdown") == []


def test_a_value_shared_with_several_names_is_left_to_a_writer() -> None:
    from behaviordiff.drafting.tiervalue import tier_value_edit

    body = "Silver, Gold and Platinum members can bring five guests a month.\n"
    facts, impact = _impact(body)
    assert impact.conflicts
    assert tier_value_edit(facts, impact) is None


def test_a_drafting_model_gets_the_fact_and_its_edit_keeping_the_old_count_is_caught() -> None:
    from behaviordiff.drafting.tiervalue import still_old_for_label, tier_value_fact

    facts: Any = SimpleNamespace(moves=[MOVE])
    fact = tier_value_fact(facts)
    assert fact is not None and "Silver" in fact and "3" in fact
    old = "Silver members can bring up to five guests a month.\n"
    assert still_old_for_label(facts, [], old, old.replace("five", "5"), "markdown") == [
        "Silver members can bring up to 5 guests a month."
    ]
    assert still_old_for_label(facts, [], old, old.replace("five", "three"), "markdown") == []
