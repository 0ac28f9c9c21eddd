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
from behaviordiff.drafting.drafters import kept_conflicts
from behaviordiff.drafting.equalvalue import equal_statements
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove, rewrite_sentence, states_old_rule
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


LOCKER_OLD = "Each locker holds 2 cases at a time."


def _locker_move() -> RuleMove:
    return RuleMove("H1", LOCKER_OLD, LOCKER_OLD.replace("2", "3"), "2", "3", "value")


def test_an_amount_in_brackets_of_another_measure_is_another_fact_and_stays() -> None:
    move = _locker_move()
    assert rewrite_sentence(move, "A locker holds 2 cases (20 kg) at a time.") == (
        "A locker holds 3 cases (20 kg) at a time."
    )
    assert rewrite_sentence(move, "A locker holds 2 cases / 40 kg in total.") == (
        "A locker holds 3 cases / 40 kg in total."
    )


def test_only_a_conversion_of_the_old_value_goes_with_it() -> None:
    old = "Lockers are free within 3 miles of the station."
    move = RuleMove("H1", old, old.replace("3", "5"), "3", "5", "value")
    assert rewrite_sentence(move, "Free within 3 miles (5 km) of the station.") == (
        "Free within 5 miles of the station."
    )
    assert rewrite_sentence(move, "Free within 3 miles / 4.8 km of the station.") == (
        "Free within 5 miles of the station."
    )
    # the same measure but another amount: no conversion of either value, a writer restates it
    assert rewrite_sentence(move, "Free within 3 miles (9 km) of the station.") is None


def test_no_less_than_the_line_is_its_upper_side() -> None:
    old = "Vans taller than 2.0 metres pay the high toll."
    for said in ("Vans no less than 2 metres tall pay the high toll.", "Not less than 2 metres"):
        assert [m.group(0) for m in equal_statements("2.0", old, said)] == ["2"]
    assert equal_statements("2.0", old, "Vans less than 2 metres tall pay the low toll.") == []


def test_a_model_edit_still_saying_the_old_value_in_the_kbs_form_is_refused() -> None:
    facts = _facts()
    item = kb_item("heavy", f"# Heavy parcels\n\n{SAID}\n")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    template = TemplateDrafter().edit(facts, impact).new_body
    kept = "# Heavy parcels\n\nAny parcel over 30 kg is sent by freight for £24.00.\n"
    assert any("(as “30”)" in p for p in kept_conflicts(facts, impact, kept, template))
    moved = kept.replace("30 kg", "25 kg")
    assert kept_conflicts(facts, impact, moved, template) == []
