"""An old rule of two parts, kept whole for the others and rewritten for one case in its first
part: a KB sentence about the other part still holds and is no restatement of the old rule.

Made-up agent: a dog-boarding kennel that booked every stay straight away and told the owner
their dog is walked twice a day; now a large dog's stay is not booked until its vaccination
record is on file, and small dogs are booked as before under a head of their own. "There's no
paperwork: we book your stay straight away" states the old rule; "We walk your dog twice a day
during the stay" shares more words with the old rule than with any new one, but only with its
walking part, which the large-dog rule does not rewrite: it stays byte for byte."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.promptrule import (
    PROMPT_RULE_REASON,
    new_rule,
    prompt_rule_edit,
    rest_rule,
    targets,
)
from behaviordiff.drafting.text import units

from .kit import kb_item

OLD = (
    "Book any stay straight away with `book_stay` and tell the customer their dog is walked "
    "twice a day during the stay."
)
SMALL = (
    "Small dogs: book straight away with `book_stay` and tell the customer their dog is walked "
    "twice a day during the stay."
)
LARGE = (
    "Large dogs: if the vaccination record is not on file, do not book yet. Ask the customer to "
    "send the vaccination record first; book once it is on file. If it is on file, book "
    "straight away with `book_stay` as above."
)
PAPERWORK = "There's no paperwork: we book your stay straight away, whatever the size of your dog."
WALKS = "We walk your dog twice a day during the stay."
ARTICLE = f"# Boarding\n\n## Booking\n\n{PAPERWORK}\n\n## While you're away\n\n{WALKS}\n"


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls book_stay",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        conditions=[
            Condition.from_dict(
                {
                    "text": "dog_size in [large] and vaccination_on_file is false",
                    "atoms": [
                        {"feature": "dog_size", "op": "in", "value": ["large"]},
                        {"feature": "vaccination_on_file", "op": "is", "value": False},
                    ],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Booking", OLD, f"{SMALL} {LARGE}", "changed")],
        prompt_sections={"Booking": [SMALL, LARGE, "Stays start at noon."]},
    )


def _impact() -> Impact:
    item_units = units(ARTICLE)
    conflicts = [
        Conflict(index, unit.text, ("describes `book_stay`, which the new agent no longer does",))
        for index, unit in enumerate(item_units)
        if unit.text == PAPERWORK
    ]
    return Impact(kb_item("boarding", ARTICLE), 1.0, conflicts, item_units)


def test_a_sentence_about_the_part_the_case_rule_keeps_is_no_restatement() -> None:
    facts = _facts()
    said = new_rule(facts)
    assert said is not None and rest_rule(facts, said) is not None
    found = targets(facts, _impact())
    assert PAPERWORK in found and WALKS not in found
    impact = _impact()
    written = prompt_rule_edit(facts, impact.marked(found, PROMPT_RULE_REASON))
    assert written is not None and written[0] is not None
    assert "vaccination record" in written[0] and f"\n{WALKS}\n" in written[0]
