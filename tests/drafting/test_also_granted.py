"""A shorter requirement granted to one case beside the old one (a made-up bike-lock shop, not
a scenario's domain): "A replacement key can be cut if the customer gives at least 10 days'
notice." kept, "Exception: if the bike is stolen, a replacement key can also be cut with at
least 3 days' notice." added, for `stolen = true and 3 <= days_notice < 10`. KB sentences
requiring 10 days' notice of a replacement key, or refusing one with less notice, say the
granted case beside it; a confirmation that the old notice was met, a claim for every key of
another thing, and 10 days said of another subject stay byte for byte."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.alsogranted import also_granted, also_granted_reason
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

KEPT = "A replacement key can be cut if the customer gives at least 10 days' notice."
ADDED = (
    "Exception: if the bike is stolen, a replacement key can also be cut with at least 3 days' "
    "notice."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nI'm sorry, but replacement keys need 10 days' "
    "notice, so we can't cut one in time. Every key comes with a 2-year guarantee.\n\n"
    "Thanks,\nLockup"
)
ARTICLE = """# Replacement keys

- Order at least 10 days ahead and we'll cut a replacement key
- Keys ordered with less notice can't be cut
- Every replacement key comes with a 2-year guarantee

We post every order within 10 days of payment.
"""
READY = (
    "Hi {{ticket.requester.first_name}},\n\nAs you gave us 10 days' notice, your replacement key "
    "is on its way.\n\nThanks,\nLockup"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls cut_key",
        kind="actions",
        facets=["actions"],
        probe_ids=["k1", "k2", "k3"],
        after_actions=[ActionFact("cut_key")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "stolen = true and 3 <= days_notice < 10",
                    "atoms": [
                        {"feature": "stolen", "op": "=", "value": True},
                        {"feature": "days_notice", "op": ">=", "value": 3.0},
                        {"feature": "days_notice", "op": "<", "value": 10.0},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H2", "sentence_added", "Keys", None, ADDED, "sentence added")],
        others=9,
    )


def test_the_granted_case_is_read_from_the_added_sentence() -> None:
    case = also_granted(_facts())
    assert case is not None
    assert (case.number, case.value, case.when) == ("3", "3 days' notice", "the bike is stolen")


def test_only_the_old_requirement_of_the_subject_conflicts() -> None:
    case = also_granted(_facts())
    assert case is not None
    assert also_granted_reason(case, "Replacement keys need 10 days' notice.") is not None
    assert also_granted_reason(case, "Keys ordered with less notice can't be cut.") is not None
    assert also_granted_reason(case, "As you gave us 10 days' notice, your key is ready.") is None
    assert also_granted_reason(case, "We post every order within 10 days of payment.") is None
    assert also_granted_reason(case, "Every key comes with a 2-year guarantee.") is None


def test_the_case_is_said_beside_the_old_requirement_and_the_rest_kept() -> None:
    facts = _facts()
    items = [
        kb_item("late", MACRO, kind="macro"),
        kb_item("keys", ARTICLE),
        kb_item("ready", READY, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:late", "article:keys"}
    macro = TemplateDrafter().edit(facts, impacts["macro:late"])
    assert macro.new_body == MACRO.replace(
        "10 days' notice,", "10 days' notice (or 3 days' notice if the bike is stolen),"
    )
    article = TemplateDrafter().edit(facts, impacts["article:keys"])
    assert article.new_body == ARTICLE.replace(
        "less notice can't",
        "less notice (or, if the bike is stolen, less than 3 days' notice) can't",
    )
