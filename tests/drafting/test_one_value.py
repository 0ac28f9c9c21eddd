"""A sentence claiming one value for every case (`drafting.onevalue`) goes once the item's edit
says the value by case; one saying something else too is named for a writer; a drafting
model's edit keeping it is refused.

Made-up agent: a florist whose last day to order for Mother's Day delivery was 27 March
wherever the flowers were going; now it is 24 March for the Channel Islands and the Isle of
Man."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.onevalue import (
    claims_one_value,
    one_value_fact,
    one_value_kept,
    without_one_value,
)
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "The last day to order for Mother's Day delivery is 27 March, wherever the flowers are going."
NEW = (
    "For delivery to the Channel Islands or the Isle of Man, the last day to order for "
    "Mother's Day delivery is 24 March."
)
KEPT = "For delivery anywhere else, the last day to order for Mother's Day delivery is 27 March."
CLAIM = (
    "Wherever your mum lives, a single date covers every address, so there's just one date to note."
)
MIXED = "Whichever bouquet you choose, the same date applies, and we add a card for free."
ARTICLE = f"""# Mother's Day

| Delivery to | Last day to order |
|---|---|
| England, Scotland and Wales | 27 March |
| Channel Islands | 27 March |
| Isle of Man | 27 March |

{CLAIM}

## Can I add chocolates?

Yes, at checkout.
"""


def _facts() -> ChangeFacts:
    move = RuleMove(
        "H1",
        OLD,
        NEW,
        "27 March",
        "24 March",
        "value",
        scope="to the Channel Islands or the Isle of Man",
        category="channel_islands",
        categories=("channel_islands", "isle_of_man"),
    )
    return ChangeFacts(
        id="C1",
        title="27 March → 24 March",
        kind="promises",
        facets=["promises"],
        probe_ids=["md-1", "md-2", "md-3", "md-4"],
        removed_promises=[Promise("date", "27 March")],
        added_promises=[Promise("date", "24 March")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "delivery_area in {channel_islands, isle_of_man}",
                    "atoms": [
                        {
                            "feature": "delivery_area",
                            "op": "in",
                            "value": ["channel_islands", "isle_of_man"],
                        }
                    ],
                    "changed": {"matched": 4, "total": 4},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        moves=[move],
        kept_for_others=[KEPT],
        rules=[
            Rule("H1", "sentence_changed", "Mother's Day", OLD, NEW, "sentence changed"),
            Rule("H2", "sentence_added", "Mother's Day", None, KEPT, "sentence added"),
        ],
        prompt_sections={"Mother's Day": [NEW, KEPT]},
    )


def test_a_one_value_claim_for_every_case_is_read() -> None:
    facts = _facts()
    assert claims_one_value(facts, CLAIM)
    assert claims_one_value(facts, MIXED)
    # one value, no every-case phrase; an every-case phrase, no value of the moved kind
    assert not claims_one_value(facts, "We deliver on the same day you order.")
    assert not claims_one_value(facts, "Wherever your mum lives, one bouquet is £30.")
    assert not claims_one_value(facts, "| Anywhere | One date |")


def test_the_claim_goes_once_the_item_says_the_value_by_case() -> None:
    facts = _facts()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("md", ARTICLE)]))]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None and "24 March" in edit.new_body
    assert CLAIM not in edit.new_body
    assert "## Can I add chocolates?\n\nYes, at checkout.\n" in edit.new_body
    assert "taken out" in edit.rationale


def test_a_claim_saying_more_is_named_for_a_writer_and_an_item_by_one_value_untouched() -> None:
    facts = _facts()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("md", ARTICLE)]))]
    body = ARTICLE.replace("27 March |\n| Isle", "24 March |\n| Isle").replace(CLAIM, MIXED)
    new_body, left = without_one_value(facts, impact, body)
    assert new_body == body and left == [MIXED]
    # the body still says one value: nothing to take out
    assert without_one_value(facts, impact, ARTICLE) == (ARTICLE, [])


def test_a_drafting_model_is_told_and_its_edit_keeping_the_claim_is_refused() -> None:
    facts = _facts()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("md", ARTICLE)]))]
    fact = one_value_fact(facts, impact)
    assert fact is not None and "date" in fact
    kept = ARTICLE.replace("| Isle of Man | 27 March |", "| Isle of Man | 24 March |")
    assert one_value_kept(facts, impact, kept)
    assert one_value_kept(facts, impact, kept.replace(CLAIM + "\n", "")) == []


def test_a_kind_said_the_same_for_every_one_goes_beside_a_compound_value() -> None:
    """ "The grace period is the same for every card type." once the item says "a 3-day grace
    period (7 days for student cards)": the noun before "is the same", an every-case phrase
    over any kind, and the old value as its compound ("3-day") all read (a writer's trial)."""
    from dataclasses import replace as _replace

    facts = _replace(
        _facts(),
        title="3 days → 7 days",
        removed_promises=[Promise("duration", "3 days")],
        added_promises=[Promise("duration", "7 days")],
    )
    body = (
        "Yes. Overdue items are charged $0.25 per day after a 3-day grace period (7 days for "
        "student cards). The grace period is the same for every card type.\n"
    )
    item = kb_item("fines", "# Fines\n\n" + body)
    impact = rank_items(facts, KnowledgeBase([item]))
    assert impact, "the article is ranked for the change"
    view = impact[0]
    assert claims_one_value(facts, "The grace period is the same for every card type.")
    assert not claims_one_value(facts, "The grace period starts on the due date.")
    new_body, left = without_one_value(facts, view, item.body)
    assert "the same for every card type" not in new_body and not left
    assert "(7 days for student cards)." in new_body
