"""An option dropped from a list whose condition value is short for the listed item (a bike
hire shop no longer takes a student identity card as a deposit: `id_kind = student_id`): the
option is the item as the prompt spells it ("student identity card"), so the KB's lists lose
it, a name qualifying it included ("a passport, a driving licence or a UK student identity
card" → "a passport or a driving licence"), and its list item goes."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.droppedoption import (
    _cut_short,
    dropped_option,
    spelled_out,
    still_offered,
)
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import titled_item

OLD = "We take a passport, a driving licence or a student identity card as a deposit."
NEW = "We take a passport or a driving licence as a deposit."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nTo hire a bike, bring one of these: a passport, a "
    "driving licence or a UK student identity card.\n\n{{current_user.first_name}}"
)
ARTICLE = """# What to bring

Bring one of these as a deposit:

- A passport
- A photocard driving licence
- A UK student identity card

We hand it back when you return the bike.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls hire_bike",
        kind="actions",
        facets=["actions"],
        probe_ids=["s1", "s2", "s3"],
        before_actions=[ActionFact("hire_bike", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "id_kind = student_id",
                    "atoms": [{"feature": "id_kind", "op": "=", "value": "student_id"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Deposits", OLD, NEW, "…")],
        others=9,
    )


def test_the_value_is_spelled_out_as_the_listed_item() -> None:
    assert spelled_out("student id", OLD) == "student identity card"
    assert spelled_out("cheque", "We take card, bank transfer or cheque.") is None
    assert spelled_out("gift card", OLD) is None
    option = dropped_option(_facts())
    assert option is not None and option.option == "student identity card"


def test_the_lists_lose_the_item_its_qualifier_included() -> None:
    knowledge = KnowledgeBase(
        [
            titled_item("macro", "Hire::Deposit", MACRO),
            titled_item("article", "What to bring", ARTICLE),
        ]
    )
    impacts = {impact.item.title: impact for impact in rank_items(_facts(), knowledge)}
    drafter = TemplateDrafter()
    macro = drafter.edit(_facts(), impacts["Hire::Deposit"])
    assert macro.new_body is not None
    assert "a passport or a driving licence." in macro.new_body
    assert "student identity card." not in macro.new_body.replace("a passport or a driving", "")
    article = drafter.edit(_facts(), impacts["What to bring"])
    assert article.new_body is not None
    assert "- A UK student identity card\n" not in article.new_body
    assert "- A passport\n- A photocard driving licence\n" in article.new_body


def test_the_kb_may_write_the_item_as_the_value_does() -> None:
    # "student ID card": the value's short word inside the prompt's item
    option = dropped_option(_facts())
    assert option is not None
    assert option.pattern().search("Leave your student ID card at the desk.")
    assert option.pattern().search("Bring a student ID.")
    assert not option.pattern().search("Bring a student railcard.")
    macro = (
        "Hi {{ticket.requester.first_name}},\n\nTo hire a bike, bring one of these: a "
        "passport, a driving licence or a student ID card.\n\n{{current_user.first_name}}"
    )
    knowledge = KnowledgeBase([titled_item("macro", "Hire::Short", macro)])
    [impact] = [i for i in rank_items(_facts(), knowledge) if i.item.title == "Hire::Short"]
    assert impact.conflicts
    # a model's edit keeping the short form is refused too
    assert still_offered(_facts(), macro, "text")
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body is not None
    assert "a passport or a driving licence." in edit.new_body
    assert "student" not in edit.new_body


def test_only_a_word_cut_short_gives_a_short_form() -> None:
    # "laptops alike" read after "laptop" spells out nothing: the bare value is no short form
    assert _cut_short("student id", "student identity card")
    assert not _cut_short("laptop", "laptops alike")
