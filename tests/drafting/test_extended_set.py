"""A requirement extended from one kind to the change's categories (made-up domain: a pharmacy's
driver asked for a signature only for controlled medicines; now for antibiotics and inhalers
too, `item_type in {antibiotic, inhaler}`). A KB sentence keeping it to the old kind ("only …
for controlled medicines", "for controlled medicines only") names the added kinds, "only" out;
a list sparing them on the rule's topic loses them; a case naming the old kind alone names them
too; a list naming them about something else ("We stock …", "The driver can't leave …") stays,
and so does a sentence saying no word of the requirement where it names the old kind ("… only
come in sealed bags")."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.extendedset import extended_set
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "The driver asks for a signature on delivery only for controlled medicines."
NEW = (
    "The driver asks for a signature on delivery for every prescription order: controlled "
    "medicines, antibiotics or inhalers."
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="deliver(signature=false) → deliver(signature=true)",
        kind="actions",
        facets=["actions"],
        probe_ids=["abx-1", "inh-1"],
        before_actions=[ActionFact("deliver", (("signature", "false"),))],
        after_actions=[ActionFact("deliver", (("signature", "true"),))],
        conditions=[
            Condition.from_dict(
                {
                    "text": "item_type in {antibiotic, inhaler}",
                    "atoms": [
                        {"feature": "item_type", "op": "in", "value": ["antibiotic", "inhaler"]}
                    ],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Signatures", OLD, NEW, "changed")],
        others=6,
    )


ONLY = "We only ask for a signature for controlled medicines."
CASE = "If your delivery includes controlled medicines, please make sure someone is in."
SPARED = "For antibiotics, inhalers and vitamins, the driver leaves the delivery at the door."
TRAP = "We stock antibiotics, inhalers and vitamins from UK suppliers."
LISTED = (
    "- A signature for controlled medicines only: antibiotics, inhalers and vitamins don't need one"
)
ARTICLE = f"""# Deliveries

{ONLY} {CASE} {SPARED} {TRAP}

## At a glance

{LISTED}
- Deliveries arrive between 9am and 5pm
"""


def test_the_added_kinds_are_read_from_the_new_list() -> None:
    extended = extended_set(_facts())
    assert extended is not None
    assert extended.covered == ("controlled medicines",)
    assert extended.added == ("antibiotics", "inhalers")


def test_the_old_kind_gets_the_added_ones_and_the_spared_list_loses_them() -> None:
    facts = _facts()
    [impact] = [
        i for i in rank_items(facts, KnowledgeBase([kb_item("deliveries", ARTICLE)])) if i.affected
    ]
    edited = TemplateDrafter().edit(facts, impact).new_body
    assert edited == (
        ARTICLE.replace(
            ONLY, "We ask for a signature for controlled medicines, antibiotics and inhalers."
        )
        .replace(
            CASE,
            "If your delivery includes controlled medicines, antibiotics or inhalers, please "
            "make sure someone is in.",
        )
        .replace(SPARED, "For vitamins, the driver leaves the delivery at the door.")
        .replace(
            LISTED,
            "- A signature for controlled medicines, antibiotics and inhalers: vitamins don't "
            "need one",
        )
    )
    assert TRAP in edited


def _edited(extra: str) -> str | None:
    facts = _facts()
    body = f"{ONLY}\n\n{extra}"
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("a", body)])) if i.affected]
    return TemplateDrafter().edit(facts, impact).new_body


def test_kinds_named_in_a_clause_without_the_requirement_stay() -> None:
    for other in (
        "The driver can't leave antibiotics, inhalers or vaccines in a parcel locker.",
        "Controlled medicines only come in sealed bags.",
    ):
        edited = _edited(other)
        assert edited is not None and edited.endswith(other)


def test_a_later_mention_in_another_clause_stays() -> None:
    facts = _facts()
    body = f"{ONLY[:-1]}; controlled medicines are kept in a locked box in the van."
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("a", body)])) if i.affected]
    assert TemplateDrafter().edit(facts, impact).new_body == (
        "We ask for a signature for controlled medicines, antibiotics and inhalers; controlled "
        "medicines are kept in a locked box in the van."
    )


def test_a_list_the_requirement_covers_keeps_the_added_kinds() -> None:
    covered = "The driver asks for a signature for antibiotics, inhalers and controlled medicines."
    edited = _edited(covered)
    assert edited is not None and edited.endswith(covered)
