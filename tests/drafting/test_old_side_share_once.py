"""A denial lifted into a share given back (`drafting.oldside`): the share the rule's first
sentence gives in the KB's words is said once (the call's own amount after it goes), and a
table cell gets the short form, what is now given, not the whole rule.

Made-up agent: a dog groomer that now gives half the grooming fee back as salon credit for a
missed appointment."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.oldside import kb_voice, old_sides
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = "Missed appointments, with less than 48 hours' notice, are charged in full, with no credit."
FIRST = (
    "Missed appointments, with less than 48 hours' notice, are not refunded, but we give half "
    "the grooming fee back as salon credit."
)
SECOND = (
    "Add 50% of the grooming fee with `add_credit` (the amount in pounds) and tell the owner "
    "they can use it on their next groom."
)
NEW = f"{FIRST} {SECOND}"
TABLE = """# Fees

| When | What you pay |
| --- | --- |
| Cancelled with 48 hours' notice or more | Nothing |
| Cancelled with less than 48 hours' notice | Charged in full, no credit |

We take card payments only.
"""


def _groomer() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls add_credit",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=6,
        after_actions=[ActionFact("add_credit", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "hours_notice < 48",
                    "atoms": [{"feature": "hours_notice", "op": "<", "value": 48}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Missed appointments", OLD, NEW, "")],
        prompt_sections={"Missed appointments": [NEW, "We take card payments only."]},
    )


def test_the_calls_share_said_already_in_the_kbs_words_goes() -> None:
    said = kb_voice(SECOND, "we give half the grooming fee back as salon credit")
    assert said is not None
    assert "50%" not in said[1]
    assert "next groom" in said[1]
    # with nothing said before it, the call's amount is the news
    alone = kb_voice(SECOND)
    assert alone is not None and "50%" in alone[1]


def test_the_rule_says_its_share_once_and_a_cell_gets_what_is_given() -> None:
    [side] = old_sides(_groomer())
    assert side.said is not None
    assert "50%" not in side.said and side.said.count("half") == 1
    assert side.granted == "Half the grooming fee back as salon credit"
    knowledge = KnowledgeBase([kb_item("fees", TABLE)])
    [impact] = [i for i in rank_items(_groomer(), knowledge) if i.affected]
    edit = TemplateDrafter().edit(_groomer(), impact)
    assert edit.new_body == TABLE.replace(
        "| Charged in full, no credit |", "| Half the grooming fee back as salon credit |"
    )
