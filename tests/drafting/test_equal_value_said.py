"""A moved decimal the KB writes in another form of the same value. A made-up courier's prompt
said "Parcels heavier than 30.0 kg go by freight, whatever is inside" and now says 25.0 kg; its
help centre says "Parcels over 30 kg (66 lb) go by freight", a table row "| Freight (over 30
kg / 66 lb) | £24.00 |" and a macro. Each states the old line (30 == 30.0, the same unit, the
same side of it) and takes the new one in the KB's own form ("over 25 kg"), its conversion to
pounds dropped, never left stating the old weight. Thirty minutes, parcels "up to 30 kg" (the
other side) and a 30 cm box are other things."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.checks import moved_rule_in_place_problems
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rewrite_sentence, states_old_rule
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "Parcels heavier than 30.0 kg go by freight for £24.00, whatever is inside."
NEW = OLD.replace("30.0", "25.0")
SAID = "Parcels over 30 kg (66 lb) go by freight for £24.00, whatever is inside."
ROW = "| Freight parcels (over 30 kg / 66 lb) | £24.00 |"
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\n"
    f"{SAID}\n\n"
    "Collections are booked within 30 minutes of your request.\n\n"
    "Swift Parcels"
)
ARTICLE = (
    "# Sending heavy parcels\n\n"
    "| Service | Price |\n|---|---|\n"
    "| Standard (up to 30 kg) | £9.00 |\n"
    f"{ROW}\n"
    "| Box (30 cm) | £1.50 |\n"
)


def _facts():  # type: ignore[no-untyped-def]
    rules = [Rule("H1", "sentence_changed", "Freight", OLD, NEW, "…")]
    atom = {
        "feature": "parcel_kg",
        "op": "between",
        "low": 25.0,
        "high": 30.0,
        "low_inclusive": False,
        "high_inclusive": True,
    }
    return moved_facts(rules, [atom], title="now books freight")


def test_the_same_value_in_another_form_states_the_old_rule() -> None:
    [move] = _facts().moves
    assert (move.old, move.new) == ("30.0", "25.0")
    assert states_old_rule(move, SAID)
    assert states_old_rule(move, ROW)
    for other in (
        "Parcels up to 30 kg go by standard post, whatever is inside.",
        "Freight parcels are collected within 30 minutes, whatever is inside.",
        "Freight parcels go in a 30 cm box, whatever is inside.",
    ):
        assert not states_old_rule(move, other)


def test_the_new_value_is_written_in_the_kbs_form_without_the_old_conversion() -> None:
    [move] = _facts().moves
    assert rewrite_sentence(move, SAID) == (
        "Parcels over 25 kg go by freight for £24.00, whatever is inside."
    )
    assert rewrite_sentence(move, ROW) == "| Freight parcels (over 25 kg) | £24.00 |"


def test_the_macro_and_the_table_are_edited_and_pass_the_checks() -> None:
    facts = _facts()
    items = [kb_item("freight", MACRO, kind="macro"), kb_item("heavy", ARTICLE)]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:freight", "article:heavy"}
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:freight"]).new_body
    assert macro == MACRO.replace("over 30 kg (66 lb)", "over 25 kg")
    assert moved_rule_in_place_problems(facts, impacts["macro:freight"], macro) == []
    article = drafter.edit(facts, impacts["article:heavy"]).new_body
    assert article == ARTICLE.replace("over 30 kg / 66 lb", "over 25 kg")
