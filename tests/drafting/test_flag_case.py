"""An action swapped for the one case a true/false flag names: the table row for that case
says the new handling (the other rows byte for byte, though they say the same old thing),
and a sentence saying the new action never happens gains the case as its exception, in the
words of the new prompt sentence, never one conversation's values. A pet-food delivery whose
assistant now sends a new parcel when a late one was damaged in transit, and a store credit
for every other delay."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.flagcase import (
    case_rows,
    denies_action,
    flag_case,
    with_case_exception,
)
from behaviordiff.drafting.impact import FLAG_DENIAL_REASON, FLAG_ROW_REASON, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "If a parcel arrives late, whatever the cause, give a store credit with `issue_credit`."
NEW = (
    "If a parcel arrives late because it was damaged in transit, send a replacement parcel "
    "with `send_replacement` and tell the customer it ships the next day."
)
OTHERS = "If a parcel arrives late for any other reason, give a store credit with `issue_credit`."
ROWS = [
    "| Why it was late | What you get |",
    "| --- | --- |",
    "| Damaged in transit | A store credit for the parcel |",
    "| Courier strike | A store credit for the parcel |",
    "| Wrong address on the order | A store credit for the parcel |",
]
ARTICLE = (
    "# Late parcels\n\n"
    + "\n".join(ROWS)
    + "\n\nWe never send replacement parcels for late deliveries. Credits show in your "
    "account.\n\n## Can I change the address?\n\nYes. Whatever the reason, you can change the "
    "address of a parcel until it ships.\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your parcel {{ticket.custom_field_order}} "
    "was late. When a parcel is late, whatever the cause, we don't send a replacement. We've "
    "added a store credit to your account.\n\nThanks,\n{{current_user.first_name}}"
)
TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nGift cards can't be refunded or replaced, but they "
    "never expire.\n\nThanks,\n{{current_user.first_name}}"
)


def _facts(value: object = True) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="issue_credit → send_replacement",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("issue_credit")],
        after_actions=[ActionFact("send_replacement")],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "damaged_in_transit", "op": "=", "value": value}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Late parcels", OLD, NEW, "changed"),
            Rule("H2", "sentence_added", "Late parcels", None, OTHERS, "added"),
        ],
        excerpts=[
            Excerpt("p1", "A store credit for order PF-1183.", "A new parcel for PF-1183 ships."),
            Excerpt("p2", "A store credit for order PF-2210.", "A new parcel for PF-2210 ships."),
            Excerpt("p3", "A store credit for order PF-3307.", "A new parcel for PF-3307 ships."),
        ],
        others=5,
    )


def test_the_case_is_said_from_the_new_prompt_sentence() -> None:
    case = flag_case(_facts())
    assert case is not None
    assert case.clause == "when a parcel arrives late because it was damaged in transit"
    assert case.statement == "we send a replacement parcel"
    # a category is no flag case
    assert flag_case(_facts("courier_strike")) is None


def test_a_false_flag_names_its_row_with_a_no() -> None:
    facts = _facts(False)
    facts.conditions = [
        Condition.from_dict({"atoms": [{"feature": "receipt_kept", "op": "=", "value": False}]})
    ]
    facts.rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Repairs",
            "If a part breaks in the first year, repair it for free with `issue_credit`.",
            "If a part breaks in the first year and the customer hasn't kept the receipt, send "
            "a replacement part with `send_replacement`.",
            "changed",
        )
    ]
    case = flag_case(facts)
    assert case is not None and case.negated
    assert case.clause == (
        "when a part breaks in the first year and the customer hasn't kept the receipt"
    )
    rows = [
        "| What you have | What you get |",
        "| --- | --- |",
        "| Receipt kept | A free repair |",
        "| No receipt | A free repair |",
        "| A receipt that wasn't kept | A free repair |",
    ]
    assert case_rows(rows, case) == [3, 4]
    # the true flag's case is the row without the "no"
    assert case_rows(rows, replace(case, negated=False)) == [2]


def test_only_the_row_naming_the_case_is_found_and_a_denial_needs_the_topic() -> None:
    case = flag_case(_facts())
    assert case is not None
    assert case_rows(ROWS, case) == [2]
    # a table whose every row names the case says nothing about the others
    assert case_rows([*ROWS[:3], "| Damaged in transit twice | A credit |"], case) == []
    topic = {"parcel", "late"}
    assert denies_action(case, topic, "We never send replacement parcels for late deliveries.")
    assert not denies_action(case, topic, "Gift cards can't be refunded or replaced.")
    assert not denies_action(case, topic, "We don't charge for late parcels.")
    assert not denies_action(
        case, topic, "We don't send replacement parcels, except when damaged in transit."
    )


def test_the_row_and_the_denials_say_the_case_and_everything_else_stays() -> None:
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Late parcels", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Delivery::Late parcel", MACRO, "text", "kb", "m"),
            KnowledgeItem("macro", "3", "Gift cards", TRAP, "text", "kb", "t"),
        ]
    )
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, kb)}
    article, macro = impacts["article:1"], impacts["macro:2"]
    assert [c.sentence for c in article.conflicts if FLAG_ROW_REASON in c.reasons] == [ROWS[2]]
    assert [c.sentence for c in article.conflicts if FLAG_DENIAL_REASON in c.reasons] == [
        "We never send replacement parcels for late deliveries."
    ]
    assert "macro:3" not in impacts or not impacts["macro:3"].conflicts
    drafter = TemplateDrafter()
    new_article = drafter.edit(facts, article).new_body
    assert new_article == ARTICLE.replace(
        "| Damaged in transit | A store credit for the parcel |",
        "| Damaged in transit | We send a replacement parcel |",
    ).replace(
        "We never send replacement parcels for late deliveries.",
        "We never send replacement parcels for late deliveries, except when a parcel arrives "
        "late because it was damaged in transit: then we send a replacement parcel.",
    )
    new_macro = drafter.edit(facts, macro).new_body
    assert new_macro == MACRO.replace(
        "When a parcel is late, whatever the cause, we don't send a replacement.",
        "When a parcel is late, we don't send a replacement, except when a parcel arrives late "
        "because it was damaged in transit: then we send a replacement parcel.",
    )
    assert "PF-" not in new_macro


def test_the_exception_drops_the_claim_for_every_case_and_its_comma() -> None:
    case = flag_case(_facts())
    assert case is not None
    assert with_case_exception(
        "When a parcel is late, for any reason, we don't resend it.", case
    ) == (
        "When a parcel is late, we don't resend it, except when a parcel arrives late because "
        "it was damaged in transit: then we send a replacement parcel."
    )


def test_a_change_for_everyone_has_no_flag_case() -> None:
    facts = _facts()
    facts.others = 0
    assert flag_case(facts) is None
