"""An allowance lowered for one category of a tool result by an added prompt sentence: a car
park's visitor permits include 4 free visits a month, and the new prompt adds "Vans (minibus,
pickup, camper) include 2 free visits per month instead." (class = van, read from
`lookup_permit`; not the bundled example's domain). The replies never state the allowance
("a free visit is still left"), so the move comes from the two prompt sentences; the KB says
it in words ("four free visits", "four times a month"), which are read as the count and
given the exception in words; "whatever the vehicle" claims it for every kind of what the
category sorts, which the prompt names ("the vehicle, its class"), and "whether you drive a
hatchback or a camper" names a member the prompt lists for vans. The charge that moved is
read in the currency its argument names (`fee_eur`)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, MovedArgument
from behaviordiff.drafting.caselabels import kind_words
from behaviordiff.drafting.categories import category_moves, rewrite_category
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.rules import RuleMove, where_stated
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.llm.fake import FakeChatModel

LOOK = "Look the permit up with `lookup_permit` to see the vehicle, its class and visits_used."
RULE = "Every permit includes 4 free visits per month, by car or by van."
ADDED = "Vans (minibus, pickup, camper) include 2 free visits per month instead."
FEE = "Once the free visits are used, a visit costs €6: record it with `log_visit` (fee_eur 6)."
SECTIONS = {"Visitor parking": [LOOK, RULE, ADDED, FEE]}
HUNKS = {"H1": {"kind": "sentence_added", "section": "Visitor parking", "file": "s.md"}}


def _condition() -> Condition:
    return Condition.from_dict(
        {
            "text": "lookup_permit.class = van and 2 <= lookup_permit.visits_used < 4",
            "atoms": [
                {"feature": "lookup_permit.class", "op": "=", "value": "van"},
                {
                    "feature": "lookup_permit.visits_used",
                    "op": "between",
                    "low": 2,
                    "high": 4,
                    "low_inclusive": True,
                    "high_inclusive": False,
                },
            ],
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 10},
        }
    )


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="log_visit: fee_eur 0 → 6",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[_condition()],
        others=10,
        rules=[Rule("H1", "sentence_added", "Visitor parking", None, ADDED, "sentence added")],
        # the replies name neither allowance: what they say is the fee
        removed_promises=[Promise("term", "free visit")],
        added_promises=[Promise("money", "€6.00")],
    )
    facts.moves = category_moves(
        facts.rules,
        HUNKS,
        SECTIONS,
        facts.conditions,
        facts.removed_promises,
        facts.added_promises,
    )
    facts.kind_words = kind_words(facts.conditions, SECTIONS)
    return facts


def _move() -> RuleMove:
    [move] = _facts().moves
    return move


def test_the_two_prompt_sentences_give_the_category_its_allowance() -> None:
    move = _move()
    assert (move.old, move.new, move.category, move.scope) == ("4", "2", "van", "for vans")
    assert move.old_sentence == RULE
    assert move.members == ("minibus", "pickup", "camper")


def test_no_move_when_the_numbers_count_other_things() -> None:
    facts = _facts()
    moves = category_moves(
        facts.rules,
        HUNKS,
        {"Visitor parking": ["Permits are renewed every 30 days.", ADDED]},
        facts.conditions,
        facts.removed_promises,
        facts.added_promises,
    )
    assert moves == []


def test_a_count_in_words_is_the_count() -> None:
    assert [m.group(0) for m in where_stated("4", "Four free visits, so four times a month.")] == [
        "Four",
        "four times",
    ]
    assert [m.group(0) for m in where_stated("2", "Come twice a month.")] == ["twice"]
    # a number with its own unit is that amount, not the count
    assert where_stated("2", "Within two weeks, or two dozen visits.") == []


def test_what_a_tool_results_category_sorts_is_read_from_the_prompt() -> None:
    assert kind_words([_condition()], SECTIONS) == ["vehicle"]
    # "class" alone names nothing it sorts: no sentence says whose class it is
    assert kind_words([_condition()], {"Parking": [RULE]}) == []


def test_each_statement_in_words_gets_the_exception_in_words() -> None:
    facts = _facts()
    raw = (
        "Every permit comes with four free visits a month, whatever the vehicle, so you can "
        "park four times a month at no cost."
    )
    assert rewrite_category(facts.moves[0], raw, None, facts.category_kinds()) == (
        "Every permit comes with four (two for vans) free visits a month, so you can park "
        "four times (twice for vans) a month at no cost."
    )


def test_a_listed_member_names_the_category() -> None:
    facts = _facts()
    raw = "Four times a month for free, whether you drive a hatchback or a camper."
    assert (
        rewrite_category(facts.moves[0], raw, None, facts.category_kinds())
        == "Four times (twice for vans) a month for free."
    )
    raw = "- Four free visits every month, for any vehicle."
    assert (
        rewrite_category(facts.moves[0], raw, None, facts.category_kinds())
        == "- Four (two for vans) free visits every month."
    )


def test_the_model_is_told_the_members_and_the_words() -> None:
    facts = _facts()
    drafter = LLMDrafter(FakeChatModel([], default=None), "fake")
    common = drafter._common(facts, TemplateDrafter().note(facts, [], None))
    [line] = common["moves"]
    assert "text naming minibus, pickup, camper names van" in line
    assert "write 2 the same way" in line


def _fee_facts() -> ChangeFacts:
    moved = MovedArgument.from_dict(
        {
            "call": "log_visit",
            "name": "log_visit",
            "argument": "fee_eur",
            "values": [{"probe_id": p, "old": 0, "new": 6} for p in ("p1", "p2", "p3")],
        }
    )
    assert moved is not None
    facts = _facts()
    value = MovedValue.from_argument(moved)
    assert value is not None
    facts.moved = [value]
    return facts


def test_an_amount_is_read_in_the_currency_its_argument_names() -> None:
    [moved] = _fee_facts().moved
    assert moved.money and moved.currency == "€"
    assert moved.shown(6) == "€6.00"
    assert moved.charge == "fee"
    assert moved.noun == "visit fee"
    assert moved.argument_words == "fee"


def test_the_title_says_the_charge_now_taken() -> None:
    note = TemplateDrafter().note(_fee_facts(), [], None)
    assert note.title.startswith("A €6 visit fee now charged for ")
    assert "$" not in note.title + note.before + note.after + note.customer_impact
    assert "now pay a €6 visit fee, where there was none before" in note.customer_impact


def test_no_currency_named_stays_in_dollars() -> None:
    moved = MovedArgument.from_dict(
        {
            "call": "issue_refund",
            "name": "issue_refund",
            "argument": "amount",
            "values": [{"probe_id": "p1", "old": 5, "new": 10}],
        }
    )
    assert moved is not None
    value = MovedValue.from_argument(moved)
    assert value is not None and value.shown(10) == "$10.00" and value.noun == "refund"


def test_a_weight_in_pounds_is_no_money() -> None:
    moved = MovedArgument.from_dict(
        {
            "call": "book_courier",
            "name": "book_courier",
            "argument": "weight_pounds",
            "values": [{"probe_id": "p1", "old": 5, "new": 10}],
        }
    )
    assert moved is not None
    value = MovedValue.from_argument(moved)
    assert value is not None and not value.money and value.shown(10) == "10"
