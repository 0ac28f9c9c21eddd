"""A value moved past a line on a number the prompt names (a translation agency's upfront
payment: 25% of the invoice total, now 40% when the invoice total is over $1,000): the
exception is said on that number in the prompt's words ("when the invoice total is over
$1,000"), never "for conversations with …"; a KB sentence claiming the old value whatever the
case ("…, whatever the length of your document") restates the old rule even though it names
the case by another measure, and the edit drops the claim once it says the exception."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.boundwhen import bound_when, without_tail_claim
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.samewhatever import SAME_WHATEVER_REASON, same_whatever_reason
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

_OLD = "A project starts once we take an upfront payment of 25% of the invoice total."
_NEW = (
    "The upfront payment is 25% of the invoice total when the invoice total is $1,000 or less, "
    "and 40% of the invoice total when it is over $1,000."
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="take_payment: percent 25 → 40",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        removed_promises=[Promise("percent", "25%")],
        added_promises=[Promise("percent", "40%")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "invoice_total > 1000",
                    "atoms": [{"feature": "invoice_total", "op": ">", "value": 1000}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule(
                "h1",
                "sentence_changed",
                "Payments",
                _OLD,
                "A project starts once we take an upfront payment.",
                "changed",
            ),
            Rule("h2", "sentence_added", "Payments", None, _NEW, "added"),
        ],
    )


def test_the_line_is_said_on_the_number_the_prompt_names() -> None:
    facts = _facts()
    assert bound_when(facts, [_NEW]) == "when the invoice total is over $1,000"
    # a prompt that never names the number so: no words a KB would know
    assert bound_when(facts, ["Bigger jobs pay 40% upfront."]) is None


def test_a_closing_claim_over_every_case_goes() -> None:
    assert (
        without_tail_claim(
            "A 25% payment starts your project (40% when the invoice total is over $1,000), "
            "whatever the length of your document."
        )
        == "A 25% payment starts your project (40% when the invoice total is over $1,000)."
    )
    assert without_tail_claim("A 25% payment starts your project.") == (
        "A 25% payment starts your project."
    )


def test_a_whatever_claim_restating_the_old_rule_conflicts_and_another_subject_does_not() -> None:
    facts = _facts()
    reason = same_whatever_reason(
        facts,
        "An upfront payment of 25% starts your project, whatever the length of your document.",
    )
    assert reason is not None and reason.startswith(SAME_WHATEVER_REASON)
    # the same value, claimed for every case, of another subject
    assert same_whatever_reason(facts, "Students get 25% off, whatever the language.") is None


_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for choosing us. An upfront payment of 25% "
    "starts your project, whatever the length of your document. I've sent you the link.\n\n"
    "Best,\nThe Lingua team"
)


def test_the_template_says_the_exception_on_the_number_and_drops_the_claim() -> None:
    facts = _facts()
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("pay", _MACRO, kind="macro")]))
        if i.item.key == "macro:pay"
    ]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == _MACRO.replace(
        "starts your project, whatever the length of your document.",
        "starts your project (40% when the invoice total is over $1,000).",
    )
