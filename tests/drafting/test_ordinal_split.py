"""A value the old prompt gave every case, restated by position (a made-up bike hire, not a
scenario's domain).

"Each additional bike gets 15% off the daily rate." became "The second bike gets 15% off the
daily rate, and the third bike and any more get 25% off.", for `bike_number >= 3`. KB text
stating 15% on that topic with no position of its own says the old rule for every bike: the
old sentence said word for word becomes the new one, a table cell opening with the value puts
each position first, and another sentence gets the positions beside its value. 15% said of
another topic, a sentence that already names a position, and the other sentences stay byte for
byte."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.ordinalsplit import (
    ordinal_split,
    ordinal_split_reason,
    still_ordinal_split,
)
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Each additional bike gets 15% off the daily rate."
NEW = "The second bike gets 15% off the daily rate, and the third bike and any more get 25% off."
ARTICLE = """# Hiring for a group

Hiring for friends? Each additional bike gets 15% off the daily rate, and we fit every
saddle for free. Ask about tandems.

| Extra | Price |
|---|---|
| Additional bikes | 15% off the daily rate |
| Helmet with every bike | 15% off |
| Child seat | £6 a day |
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour booking for {{ticket.custom_field_bikes}} "
    "bikes is confirmed. As this is an additional bike on your booking, it gets 15% off the "
    "daily rate, and you'll see it on your first receipt.\n\nHappy riding,\nHillside Bikes"
)


def _facts() -> ChangeFacts:
    probes = ("p1", "p2", "p3")
    return ChangeFacts(
        id="C1",
        title="price_hire: discount_pct 15 → 25",
        kind="actions",
        facets=["actions"],
        probe_ids=list(probes),
        after_actions=[ActionFact("price_hire")],
        moved=[
            MovedValue(
                call=ActionFact("price_hire"),
                argument="discount_pct",
                values=tuple((probe, 15.0, 25.0) for probe in probes),
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "bike_number >= 3",
                    "atoms": [{"feature": "bike_number", "op": ">=", "value": 3}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Group hire", OLD, NEW, "sentence changed")],
        others=9,
    )


def test_the_split_by_position_is_read_from_the_prompt_sentences() -> None:
    split = ordinal_split(_facts())
    assert split is not None
    assert (split.old_said, split.kept.position, split.moved.position, split.moved.said) == (
        "15%",
        "the second bike",
        "the third bike and any more",
        "25% off",
    )


def test_only_the_old_value_on_the_topic_with_no_position_conflicts() -> None:
    facts = _facts()
    assert ordinal_split_reason(facts, "| Additional bikes | 15% off the daily rate |")
    assert ordinal_split_reason(facts, "Each additional bike gets 15% off the daily rate.")
    assert ordinal_split_reason(facts, "Helmets are 15% off with every bike hire.") is None
    assert ordinal_split_reason(facts, "The second bike gets 15% off the daily rate.") is None
    assert ordinal_split_reason(facts, "Additional bikes get 25% off the daily rate.") is None


def test_each_conflict_says_the_positions_and_everything_else_is_kept() -> None:
    facts = _facts()
    items = [kb_item("group", ARTICLE), kb_item("confirmed", MACRO, kind="macro")]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:group", "macro:confirmed"}
    article = TemplateDrafter().edit(facts, impacts["article:group"])
    assert article.new_body == ARTICLE.replace(
        "Each additional bike gets 15% off the daily rate, and we fit",
        "The second bike gets 15% off the daily rate, and the third bike and any more get 25% "
        "off. We fit",
    ).replace(
        "| 15% off the daily rate |",
        "| Second bike: 15% off the daily rate; third bike and any more: 25% off |",
    )
    macro = TemplateDrafter().edit(facts, impacts["macro:confirmed"])
    assert macro.new_body == MACRO.replace(
        "15% off the daily rate,",
        "15% off the daily rate for the second bike and 25% off for the third bike and any more,",
    )
    conflicts = [c.sentence for c in impacts["article:group"].conflicts]
    assert not still_ordinal_split(facts, conflicts, ARTICLE, article.new_body or "", "markdown")
    assert still_ordinal_split(facts, conflicts, ARTICLE, ARTICLE, "markdown")


def test_ordinal_words_are_the_shared_list_past_twelfth() -> None:
    # one list of ordinal words (`detect.quantities.ORDINALS`), not a shorter copy
    from behaviordiff.drafting import ordinalsplit

    found = ordinalsplit._ORDINAL.search("from the fifteenth bike on")
    assert found is not None
    assert ordinalsplit._ordinal_value(found) == 15
