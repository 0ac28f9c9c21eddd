"""A value the old prompt gave every case of a noun, split in the same sentence by the change's
category (made-up agents, not a scenario's domain).

A car-wash subscription: "Subscribers get one free tyre check on every wash." became "…two free
tyre checks on premium washes and one free tyre check on basic washes.", for `wash_type =
premium` (a count in words; the KB says it in figures too). A phone-repair plan: "Screen
repairs are covered up to $200 on every plan." became "… up to $200 on Basic plans and up to
$1,500 on Plus plans.", for `plan = plus` (an amount before the claim; the KB puts words between
them and says "all our plans"). KB text stating the old value with the claim over every case
says the new prompt's tail in its place, a closing "any …" claim dropped; the old value said
of another topic, or without the claim, stays byte for byte."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.everysplit import every_split, every_split_reason, still_every_split
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.permission import withdrawn_permission
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

WASH_OLD = "Subscribers get one free tyre check on every wash."
WASH_NEW = (
    "Subscribers get two free tyre checks on premium washes and one free tyre check on basic "
    "washes."
)
WASH_TAIL = "two free tyre checks on premium washes and one free tyre check on basic washes"
WASH_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nAs a subscriber you get 1 free tyre check on every "
    "wash, any time of day, so we've booked yours for {{ticket.custom_field_wash_date}}.\n\n"
    "You also get one free air freshener a month.\n\nSee you soon,\nSparkle Wash"
)
WASH_ARTICLE = """# Your subscription

- Unlimited washes, seven days a week
- One free tyre check on every wash
- One free air freshener a month

A tyre check takes about ten minutes.
"""

PHONE_OLD = "Screen repairs are covered up to $200 on every plan."
PHONE_NEW = "Screen repairs are covered up to $200 on Basic plans and up to $1,500 on Plus plans."
PHONE_TAIL = "Basic plans and up to $1,500 on Plus plans"
PHONE_ARTICLE = """# What your plan covers

Screen repairs are covered up to $200 under all our plans, whether the glass is cracked or
the display has failed.

| Repair | Limit |
|---|---|
| Screen repair | $200 on all plans |
| Battery swap | $200, once a year |
"""


def _facts(
    old: str, new: str, variable: str, value: str, call: str, moves: tuple[float, float]
) -> ChangeFacts:
    probes = ("p1", "p2", "p3")
    return ChangeFacts(
        id="C1",
        title=f"{call}: count {moves[0]:g} → {moves[1]:g}",
        kind="actions",
        facets=["actions"],
        probe_ids=list(probes),
        after_actions=[ActionFact(call)],
        moved=[
            MovedValue(
                call=ActionFact(call),
                argument="amount",
                values=tuple((probe, *moves) for probe in probes),
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": f"{variable} = {value}",
                    "atoms": [{"feature": variable, "op": "=", "value": value}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Cover", old, new, "sentence changed")],
        others=9,
    )


def _wash() -> ChangeFacts:
    return _facts(WASH_OLD, WASH_NEW, "wash_type", "premium", "book_tyre_check", (1.0, 2.0))


def _phone() -> ChangeFacts:
    return _facts(PHONE_OLD, PHONE_NEW, "plan", "plus", "settle_repair", (200.0, 1500.0))


def test_the_split_is_read_from_the_prompt_sentences() -> None:
    wash, phone = every_split(_wash()), every_split(_phone())
    assert wash is not None and phone is not None
    assert (wash.old_said, wash.noun, wash.counted, wash.new_tail) == (
        "one",
        "wash",
        "free",
        WASH_TAIL,
    )
    assert (phone.old_said, phone.noun, phone.counted, phone.new_tail) == (
        "$200",
        "plan",
        "",
        PHONE_TAIL,
    )
    # the category still has it, at another value: no permission withdrawn from it
    assert withdrawn_permission(_phone()) is None


def test_only_the_old_value_with_the_claim_over_every_case_conflicts() -> None:
    wash, phone = _wash(), _phone()
    assert every_split_reason(wash, "You get 1 free tyre check on every wash.") is not None
    assert every_split_reason(wash, "- One free tyre check on every wash") is not None
    assert every_split_reason(wash, "You get one free air freshener a month.") is None
    assert every_split_reason(wash, "One tyre check takes ten minutes on every wash.") is None
    assert every_split_reason(phone, "| Screen repair | $200 on all plans |") is not None
    assert every_split_reason(phone, "| Battery swap | $200, once a year |") is None
    assert every_split_reason(phone, "Screens are covered up to $1,500 on all plans.") is None


def test_the_new_tail_is_said_in_place_and_everything_else_kept() -> None:
    wash = _wash()
    items = [kb_item("booked", WASH_MACRO, kind="macro"), kb_item("subscription", WASH_ARTICLE)]
    impacts = {i.item.key: i for i in rank_items(wash, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:booked", "article:subscription"}
    macro = TemplateDrafter().edit(wash, impacts["macro:booked"])
    assert macro.new_body == WASH_MACRO.replace(
        "1 free tyre check on every wash, any time of day,", f"{WASH_TAIL},"
    )
    article = TemplateDrafter().edit(wash, impacts["article:subscription"])
    assert article.new_body == WASH_ARTICLE.replace(
        "- One free tyre check on every wash", f"- T{WASH_TAIL[1:]}"
    )


def test_an_amount_with_words_before_the_claim_takes_the_tail_in_a_sentence_and_a_cell() -> None:
    phone = _phone()
    items = [kb_item("cover", PHONE_ARTICLE)]
    impacts = {i.item.key: i for i in rank_items(phone, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:cover"}
    article = TemplateDrafter().edit(phone, impacts["article:cover"])
    assert article.new_body == PHONE_ARTICLE.replace(
        "$200 under all our plans,", f"$200 under {PHONE_TAIL},"
    ).replace("| $200 on all plans |", f"| $200 on {PHONE_TAIL} |")
    conflicts = [c.sentence for c in impacts["article:cover"].conflicts]
    assert not still_every_split(
        phone, conflicts, PHONE_ARTICLE, article.new_body or "", "markdown"
    )
    assert still_every_split(phone, conflicts, PHONE_ARTICLE, PHONE_ARTICLE, "markdown")
