"""A rule the old prompt said for everyone ("with no exceptions", "whatever your level") that the
new prompt carves an exception out of, with a same-topic rule that stays true. A climbing
wall's membership assistant: every member paid a £20 joining fee, with no exceptions; now
students on an annual plan pay none ("Every member pays a £20 joining fee, except students on
an annual plan: they do not pay a joining fee, so do not charge it and tell them there is no
joining fee."). Under-16s still need a parent's consent form (a kept rule) and still pay the
fee; a safety induction is held "before we can let you climb".

The rule is about those it excepts, in the KB's voice; the KB's every-case claims, in prose,
in a macro and in a checklist aside ("(every member, any level)"), gain the exception with
their claim words out; the under-16 macro and the held sentence stay. A swimming pool's split
of "whatever their age" into "under 65" and "aged 65 and over" takes the second as the case
split off, said as one clause with its denial left out."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, denies_doing, rank_items
from behaviordiff.drafting.rules import instruction_clauses, kb_rule, without_universal
from behaviordiff.drafting.splitcase import case_splits
from behaviordiff.drafting.text import stem
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

from .kit import kb_item

OLD = "Every member pays a £20 joining fee, with no exceptions. Charge it with `charge_fee`."
NEW = (
    "Every member pays a £20 joining fee, except students on an annual plan: they do not pay a "
    "joining fee, so do not charge it and tell them there is no joining fee."
)
KEPT = "Members under 16 must bring a consent form signed by a parent before their first climb."
ARTICLE = """# Joining

## Is there a joining fee?

Yes. Every member pays a £20 joining fee, with no exceptions. It covers your safety induction.

## What if I'm under 16?

You need a consent form signed by a parent before we can let you climb.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nEvery member pays a £20 joining fee, and we're not "
    "able to make exceptions, so I've added it to your first payment.\n\nSee you on the wall!"
)
UNDER_16 = (
    "Hi {{ticket.requester.first_name}},\n\nAs you're under 16, please bring a consent form "
    "signed by a parent before your first climb. We'll charge the joining fee to your card.\n\n"
    "See you on the wall!"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls charge_fee",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("charge_fee")],
        after_actions=[],
        conditions=[
            Condition.from_dict(
                {
                    "text": "member_type = student and annual_plan = true",
                    "atoms": [
                        {"feature": "member_type", "op": "in", "values": ["student"]},
                        {"feature": "annual_plan", "op": "=", "value": True},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Joining", OLD, NEW, "changed")],
        prompt_sections={"Joining": [NEW, KEPT]},
    )


def _impacts(*items: KnowledgeItem) -> dict[str, Impact]:
    return {i.item.key: i for i in rank_items(_facts(), KnowledgeBase(list(items)))}


def test_a_rule_excepting_some_is_said_for_them_once() -> None:
    restated = kb_rule(NEW)
    assert restated is not None
    assert restated.head == "students on an annual plan"
    assert restated.sentence == "For students on an annual plan, you do not pay a joining fee."


def test_an_action_held_behind_a_requirement_is_not_done() -> None:
    verbs = {stem("let"), stem("climb")}
    held = "You need a consent form signed by a parent before we can let you climb."
    assert denies_doing(verbs, held)
    assert denies_doing({stem("book")}, "Before we can book your session, we need the form.")
    assert not denies_doing({stem("book")}, "We book your session straight away.")
    # "before" alone is a time, not a hold
    assert not denies_doing({stem("book")}, "Before you arrive, we book your session.")


def test_an_every_case_aside_and_a_refused_exception_go() -> None:
    assert without_universal("- Pay the joining fee when you arrive (every member, any level)") == (
        "- Pay the joining fee when you arrive"
    )
    assert without_universal("- Pay the joining fee (see the price list)") == (
        "- Pay the joining fee (see the price list)"
    )
    assert without_universal("Every member pays a £20 joining fee, with no exceptions.") == (
        "Every member pays a £20 joining fee."
    )
    assert (
        without_universal(
            "Every member pays it, and we're not able to make exceptions, so it's on your bill."
        )
        == "Every member pays it, so it's on your bill."
    )


def test_the_claim_for_everyone_gains_the_exception_and_the_rest_stays() -> None:
    impacts = _impacts(
        kb_item("joining", ARTICLE),
        kb_item("fee-added", MACRO, kind="macro"),
        kb_item("under-16", UNDER_16, kind="macro"),
    )
    article = impacts["article:joining"]
    assert [c.sentence for c in article.conflicts] == [
        "Every member pays a £20 joining fee, with no exceptions."
    ]
    edit = TemplateDrafter().edit(_facts(), article)
    assert edit.new_body is not None
    assert "with no exceptions" not in edit.new_body
    assert (
        "Every member pays a £20 joining fee, with one exception: for students on an annual "
        "plan, you do not pay a joining fee." in edit.new_body
    )
    assert "before we can let you climb" in edit.new_body
    macro = TemplateDrafter().edit(_facts(), impacts["macro:fee-added"])
    assert macro.new_body is not None
    assert "exceptions" not in macro.new_body.replace("one exception", "")
    assert "students on an annual plan" in macro.new_body


def test_the_reply_for_a_kept_rules_case_stays() -> None:
    # the reply for under-16s, a rule the new prompt keeps, still charges them the fee
    impacts = _impacts(kb_item("under-16", UNDER_16, kind="macro"))
    assert not impacts.get("macro:under-16", Impact(kb_item("x", ""), 0.0)).conflicts
    # with no such rule kept, what it says of the fee is the change's
    facts = _facts()
    facts.prompt_sections = {"Joining": [NEW]}
    alone = rank_items(facts, KnowledgeBase([kb_item("under-16", UNDER_16, kind="macro")]))
    assert alone[0].conflicts


# a swimming pool: every swimmer booked a lane online, whatever their age; now swimmers aged
# 65 and over are booked by phone, the rest still online
POOL_OLD = "Every swimmer books a lane online, whatever their age: book it with `book_lane`."
POOL_KEPT = "Swimmers under 65 book a lane online: book it with `book_lane`."
POOL_NEW = (
    "Swimmers aged 65 and over must book by phone before we hold a lane: ring them back with "
    "`call_back`, don't book the lane yet, and explain we'll ring within 2 hours."
)


def test_a_band_said_with_and_over_stays_one_clause_and_a_denial_is_its_own() -> None:
    assert instruction_clauses(
        "Swimmers aged 65 and over book by phone, don't send the link, and explain it"
    ) == ["Swimmers aged 65 and over book by phone", "don't send the link", "explain it"]
    restated = kb_rule(POOL_NEW)
    assert restated is not None
    assert restated.head == "Swimmers aged 65 and over must book by phone before we hold a lane"
    # the denial is no statement; what they are told is
    assert restated.statement == "we ring them back, and we'll ring within 2 hours"


def test_the_case_split_off_is_the_one_said_as_n_and_over() -> None:
    facts = ChangeFacts(
        id="C1",
        title="call_back instead of book_lane",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        before_actions=[ActionFact("book_lane")],
        after_actions=[ActionFact("call_back")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "age", "op": ">=", "value": 65}]})],
        rules=[
            Rule("H1", "sentence_changed", "Lanes", POOL_OLD, POOL_KEPT, "kept"),
            Rule("H2", "sentence_added", "Lanes", None, POOL_NEW, "new"),
        ],
        others=5,
        prompt_sections={"Lanes": [POOL_KEPT, POOL_NEW]},
    )
    [split] = case_splits(facts)
    assert split.new == POOL_NEW
    assert split.said == "Swimmers aged 65 and over must book by phone before we hold a lane."
