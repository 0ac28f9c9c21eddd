"""An action the new agent no longer takes, read in the KB's own sentences: a made-up e-scooter
shop used to repair a dead battery under warranty (`repair_battery`, "a courier brings the new
one within 3 working days"); now it gives a voucher (`issue_voucher`) in conversations tagged
`dead-battery`.

- "We've repaired it" after "Sorry your battery gave up." describes the old action: the tool's
  topic word ("battery", the conversations' tag) may be said by the sentence before, its verb
  never; "We've repaired the charger" in a macro on chargers does not.
- "… so we can't repair the battery", "we're unable to repair it", "we won't repair
  batteries …" deny the action: still true, no conflict (the out-of-warranty macro stays).
- "A courier brings the new one within 3 working days." right after the action describes what
  it led to: a time the new agent no longer states."""

from __future__ import annotations

import pytest

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import denies_doing, rank_items
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

REPAIRED = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your battery gave up. We've repaired it under "
    "warranty, at no cost. A courier brings the new one within 3 working days.\n\nVolta Scooters"
)
DENIALS = [
    "Your scooter is past its 2-year warranty, so I'm afraid we can't repair the battery.",
    "As the warranty has ended, we're unable to repair the battery for you.",
    "We won't repair batteries damaged by water, as the warranty doesn't cover it.",
]
CHARGER = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for sending your charger back. We've "
    "repaired it for you.\n\nVolta Scooters"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="repair_battery → issue_voucher",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["b1", "b2", "b3"],
        before_actions=[ActionFact("repair_battery")],
        after_actions=[ActionFact("issue_voucher")],
        removed_promises=[Promise("duration", "3 business days", "shipping")],
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:dead-battery", "op": "tag"}]})],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Battery warranty",
                "If a battery dies under warranty, repair it with `repair_battery`.",
                "If a battery dies under warranty, give a voucher for its price with "
                "`issue_voucher`.",
                "…",
            )
        ],
        others=4,
    )


def _conflicts(body: str, title: str) -> list[tuple[str, tuple[str, ...]]]:
    items = [kb_item("it", body, "macro", title)]
    return [
        (conflict.sentence, conflict.reasons)
        for impact in rank_items(_facts(), KnowledgeBase(items))
        for conflict in impact.conflicts
    ]


def test_the_action_said_after_its_object_and_what_it_led_to_conflict() -> None:
    found = dict(_conflicts(REPAIRED, "Warranty::Battery repaired"))
    assert set(found) == {
        "We've repaired it under warranty, at no cost.",
        "A courier brings the new one within 3 working days.",
    }
    assert found["We've repaired it under warranty, at no cost."] == (
        "describes `repair_battery`, which the new agent no longer does",
    )


@pytest.mark.parametrize("denial", DENIALS, ids=["can't", "unable", "won't"])
def test_a_sentence_denying_the_action_is_no_description_of_it(denial: str) -> None:
    assert denies_doing({"repair"}, denial)
    body = f"Hi {{{{ticket.requester.first_name}}}},\n\nSorry your battery gave up. {denial}\n\nBye"
    assert _conflicts(body, "Warranty::Battery out of warranty") == []


def test_the_same_verb_on_another_object_stays() -> None:
    assert _conflicts(CHARGER, "Parts::Charger returned") == []
    assert not denies_doing({"repair"}, "We've repaired it, but can't refund the charger.")


def test_the_names_other_word_as_a_noun_with_no_deed_of_ours_is_no_description() -> None:
    # "Repairs" is a noun here, the battery only in the sentence before: no action of ours
    body = (
        "Hi {{ticket.requester.first_name}},\n\nSorry your battery gave up. Repairs are done at "
        "the Leeds workshop from Monday to Friday.\n\nVolta Scooters"
    )
    found = dict(_conflicts(body, "Batteries::Dead battery"))
    assert "Repairs are done at the Leeds workshop from Monday to Friday." not in found


def test_an_articles_sentence_takes_no_object_from_the_sentences_before_it() -> None:
    # an article's section is about its own case: "We can repair it" under the battery
    # sentence of another section's question is read alone (a macro is one customer's case)
    body = (
        "# Help\n\n## Is my charger covered too?\n\nYes: a battery charger has the same warranty. "
        "We can repair it in the shop.\n"
    )
    items = [kb_item("a", body, "article", "Help")]
    found = [
        conflict.sentence
        for impact in rank_items(_facts(), KnowledgeBase(items))
        for conflict in impact.conflicts
    ]
    assert "We can repair it in the shop." not in found
    # the same two sentences in a macro: its object is the battery
    macro = "Hi,\n\nSorry your battery gave up. We've repaired it under warranty.\n\nVolta"
    assert "We've repaired it under warranty." in dict(_conflicts(macro, "Batteries::Dead"))
