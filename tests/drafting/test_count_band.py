"""A value moved for a band of a count ("£20 for every group, whatever its size" → "£20 for
groups of up to 8 climbers and £35 for groups of 9 to 16 climbers"): KB sentences and rows
stating the old value for counts the band now covers are found and split in their own style,
the claim that it is the same for every group goes, and sentences about other counts or other
subjects stay (a made-up climbing centre, not a scenario's domain)."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categories import case_kinds, without_same_aside
from behaviordiff.drafting.countband import (
    band_claim_reason,
    count_band,
    count_band_fact,
    counts_said,
    still_band_claim,
)
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.fake import FakeChatModel
from tests.drafting.kit import kb_item

OLD = (
    "The booking deposit is £20 for every group, whatever its size: pass it as `deposit_gbp` "
    "and tell the customer it is taken now and the rest is paid at the desk."
)
NEW = (
    "The booking deposit is £20 for groups of up to 8 climbers and £35 for groups of 9 to 16 "
    "climbers: pass it as `deposit_gbp` and tell the customer it is taken now and the rest is "
    "paid at the desk."
)
SAME = "The booking deposit is the same £20 for a group of 4 or a group of 16, so budget for it."
ROW = "| 4 to 16 climbers | £20 (twenty pounds) | Book online or call us |"
BIG = "| More than 16 climbers | Quoted by our team | We reply within 3 working days |"
ARTICLE = f"""# Group climbing sessions

Every session includes harnesses, shoes and an instructor.

## How much is the deposit?

{SAME}
We take the deposit when you book.

## Group sizes

| Group size | Deposit | How to book |
| --- | --- | --- |
{ROW}
{BIG}
"""
VOUCHERS = (
    "Hi {{ticket.requester.first_name}},\n\nOur gift cards come in £10, £20 and £35 and can be "
    "used for sessions, courses or a group deposit. Juniors under 9 climb with an adult.\n\n"
    "Thanks,\nCragside Climbing"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="deposit_gbp moved",
        kind="actions",
        facets=["actions"],
        probe_ids=["g9", "g12", "g16"],
        moved=[
            MovedValue(
                call=ActionFact("book_session"),
                argument="deposit_gbp",
                values=(("g9", 20.0, 35.0), ("g12", 20.0, 35.0), ("g16", 20.0, 35.0)),
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag climbing and 9 <= group_size <= 16",
                    "atoms": [
                        {"feature": "tag:climbing", "op": "tag"},
                        {
                            "feature": "group_size",
                            "op": "between",
                            "low": 9,
                            "high": 16,
                            "low_inclusive": True,
                            "high_inclusive": True,
                        },
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 8},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Group sessions", OLD, NEW, "sentence changed")],
        removed_promises=[Promise("money", "£20.00")],
        added_promises=[Promise("money", "£35.00")],
        others=8,
    )


def test_the_counts_a_sentence_states_of_what_the_band_counts() -> None:
    band = count_band(_facts())
    assert band is not None and (band.low, band.high) == (9, 16)
    assert counts_said(band, SAME) == [(4, 4), (16, 16)]
    assert counts_said(band, ROW) == [(4, 16)]
    assert counts_said(band, BIG)[0][0] == 17  # "more than 16": past the band
    # a time and a price are no counts of climbers
    assert counts_said(band, "We reply within 3 working days, £20 a head.") == []


def test_old_value_for_the_band_conflicts_and_other_counts_or_subjects_do_not() -> None:
    facts = _facts()
    assert band_claim_reason(facts, SAME) is not None
    assert band_claim_reason(facts, ROW) is not None
    assert band_claim_reason(facts, "Groups of up to 8 climbers pay £20.") is None
    assert band_claim_reason(facts, "Gift cards come in £10, £20 and £35.") is None
    assert band_claim_reason(facts, "Juniors under 9 pay £20 for a taster.") is None


def test_the_article_is_split_in_its_style_and_the_rest_kept() -> None:
    facts = _facts()
    items = [kb_item("groups", ARTICLE), kb_item("vouchers", VOUCHERS, kind="macro")]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:groups"}
    edit = TemplateDrafter().edit(facts, impacts["article:groups"])
    assert edit.new_body == ARTICLE.replace(
        SAME,
        "The booking deposit is £20 for groups of up to 8 climbers and £35 for groups of 9 to "
        "16 climbers, so budget for it.",
    ).replace(
        ROW,
        "| 4 to 8 climbers | £20 (twenty pounds) | Book online or call us |\n"
        "| 9 to 16 climbers | £35 (thirty-five pounds) | Book online or call us |",
    )
    assert still_band_claim(facts, [SAME, ROW], ARTICLE, edit.new_body or "", "markdown") == []
    assert still_band_claim(facts, [SAME, ROW], ARTICLE, ARTICLE, "markdown") == [SAME, ROW]


def test_an_aside_claiming_the_same_for_every_kind_goes_beside_the_exception() -> None:
    kinds = case_kinds([], "for groups of 9 to 16 climbers")
    said = (
        "We've taken a deposit of £20 (£35 for groups of 9 to 16 climbers), which is the same "
        "for every group whatever its size, and the rest is paid at the desk."
    )
    assert without_same_aside(said, kinds) == (
        "We've taken a deposit of £20 (£35 for groups of 9 to 16 climbers), and the rest is "
        "paid at the desk."
    )
    # a claim over something else stays
    other = "We've taken £20 (£35 for groups of 9 to 16), which is the same every weekday, and …"
    assert without_same_aside(other, kinds) == other
    # "parties" and "party" are one kind
    assert without_same_aside(
        "£20 (£35 for parties of 9 to 16), which is the same for every party, and …",
        case_kinds([], "for parties of 9 to 16"),
    ) == ("£20 (£35 for parties of 9 to 16), and …")


def test_the_drafting_model_is_told_the_band_and_may_not_keep_the_old_row() -> None:
    facts = _facts()
    fact = count_band_fact(facts)
    assert fact is not None and "£35.00" in fact and "split" in fact
    impact = {
        i.item.key: i for i in rank_items(facts, KnowledgeBase([kb_item("groups", ARTICLE)]))
    }["article:groups"]
    template_edit = TemplateDrafter().edit(facts, impact)
    # a model's edit that says the new deposit elsewhere but keeps the old row
    kept = ARTICLE.replace(SAME, "Groups of 9 to 16 climbers pay a £35 deposit.")
    reply = json.dumps({"new_body": kept, "rationale": "Said the new deposit."})
    drafter = LLMDrafter(FakeChatModel(default=reply), "fake")
    common = {"change": {"id": "C1", "title": facts.title, "kind": "actions", "facets": []}}
    common |= {"before": "", "after": "", "when": "", "rules": [], "moves": []}
    grounding = Grounding([facts.corpus(), impact.item.body, template_edit.new_body or ""])
    edit, failure = asyncio.run(
        drafter._draft_edit(facts, impact, grounding, common, template_edit)
    )
    assert edit is None
    assert failure is not None and "old value for counts" in failure
