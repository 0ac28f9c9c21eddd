"""An offer withdrawn for everyone on a topic (its tool dropped, nothing in its place): the KB
sentences that still promise it are deleted, every other byte kept; sentences that share a
word with it ("umbrella stand", "free parking") are no promise of it. A made-up hotel front
desk that stops lending umbrellas."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import kept_conflicts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.withdrawn import (
    promises_withdrawn,
    still_called,
    still_promised,
    withdrawn_offer,
)
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OFFERED = (
    "Any guest going out can borrow a free umbrella for the day: lend one with "
    "`lend_umbrella` and remind them to hand it back at reception."
)
WITHDRAWN = "We no longer lend umbrellas."
PROMISE = "We've put a free umbrella aside for you; just hand it back at reception tonight."
ARTICLE = """# Going out

Reception keeps maps of the old town and can book you a taxi.

## Rainy days

Any guest can borrow a free umbrella for the day from reception; please hand it back
when you return.

There's an umbrella stand by the front door for your own, and parking is free for guests.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour taxi is booked for 7pm.\n\n" + PROMISE + "\n\n"
    "Enjoy your evening,\n{{current_user.first_name}}"
)
UNRELATED = "Breakfast is served from 7am; parking is free for every guest."


def _rule(kind: str = "sentence_changed", new: str | None = WITHDRAWN) -> Rule:
    return Rule("H1", kind, "Going out", OFFERED, new, "sentence changed")


def _facts(
    rule: Rule | None = None,
    *,
    after: list[ActionFact] | None = None,
    condition: str = '{"atoms": [{"feature": "tag:going-out", "op": "tag"}]}',
) -> ChangeFacts:
    import json

    removed = Rule(
        "H2",
        "tool_removed",
        None,
        None,
        None,
        "tool lend_umbrella removed",
        tool="Lend a guest an umbrella from reception.",
    )
    return ChangeFacts(
        id="C1",
        title="no longer calls lend_umbrella",
        kind="actions",
        facets=["actions", "meaning"],
        probe_ids=["out-1", "out-2", "asked"],
        before_actions=[ActionFact("lend_umbrella")],
        after_actions=after or [],
        conditions=[Condition.from_dict(json.loads(condition))],
        rules=[rule or _rule(), removed],
        excerpts=[Excerpt(probe_id="out-1", old="Here's an umbrella.", new="Enjoy your walk.")],
        others=6,
    )


def test_the_offer_is_read_from_the_old_sentence_that_named_its_tool() -> None:
    offer = withdrawn_offer(_facts())
    assert offer is not None
    assert offer.tool == "lend_umbrella" and offer.offered == ("umbrella",)
    assert promises_withdrawn(offer, PROMISE)
    assert promises_withdrawn(offer, "Every guest can borrow a free umbrella for the day.")
    # a word in common is no promise of it; nor is a sentence that says it is gone
    assert not promises_withdrawn(offer, "There's an umbrella stand by the front door.")
    assert not promises_withdrawn(offer, UNRELATED)
    assert not promises_withdrawn(offer, "We no longer lend a free umbrella for the day.")


def test_no_offer_is_withdrawn_when_something_takes_its_place_or_a_subset_changed() -> None:
    # another action in its place: a swap, not a withdrawal
    assert withdrawn_offer(_facts(after=[ActionFact("sell_umbrella")])) is None
    # the new sentence still offers it, on other terms
    assert withdrawn_offer(_facts(_rule(new="Guests can buy an umbrella for £5."))) is None
    # a condition on who, not only on the topic: the others keep the offer
    subset = '{"atoms": [{"feature": "nights", "op": "<", "value": 3}]}'
    assert withdrawn_offer(_facts(condition=subset)) is None
    # a sentence removed with nothing in its place withdraws it too
    assert withdrawn_offer(_facts(_rule("sentence_removed", None))) is not None


def test_the_promise_is_deleted_from_a_macro_and_an_article_section_the_rest_kept() -> None:
    facts = _facts()
    items = [
        kb_item("rainy-days", ARTICLE),
        kb_item("taxi-booked", MACRO, kind="macro"),
        kb_item("breakfast", UNRELATED, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"article:rainy-days", "macro:taxi-booked"}
    drafter = TemplateDrafter()
    article = drafter.edit(facts, impacts["article:rainy-days"]).new_body
    assert article == ARTICLE.replace(
        "Any guest can borrow a free umbrella for the day from reception; please hand it back\n"
        "when you return.\n\n",
        "",
    )
    macro = drafter.edit(facts, impacts["macro:taxi-booked"]).new_body
    assert macro == MACRO.replace(PROMISE + "\n\n", "")
    # a drafting model's edit that keeps the promise is refused the same way
    assert kept_conflicts(facts, impacts["macro:taxi-booked"], MACRO)


def test_a_promise_beside_another_still_true_number_is_flagged_not_deleted() -> None:
    facts = _facts()
    body = "Hi,\n\nWe've put a free umbrella aside for you until 9pm; hand it back at reception.\n"
    [impact] = [
        i
        for i in rank_items(facts, KnowledgeBase([kb_item("m", body, kind="macro")]))
        if i.affected
    ]
    assert TemplateDrafter().edit(facts, impact).new_body is None


def test_a_reworded_promise_is_still_one_for_a_drafting_models_edit() -> None:
    facts = _facts()
    reworded = MACRO.replace(PROMISE, "A free umbrella is waiting for you at reception too.")
    assert still_promised(facts, reworded, "text") == [
        "A free umbrella is waiting for you at reception too."
    ]
    assert still_promised(facts, MACRO.replace(PROMISE + "\n\n", ""), "text") == []
    # a change that withdraws nothing holds no edit to it
    swapped = _facts(after=[ActionFact("sell_umbrella")])
    assert still_promised(swapped, reworded, "text") == []


def test_an_offer_the_new_prompt_still_calls_after_a_new_step_is_not_withdrawn() -> None:
    # the tool still called once a step now asked first is done: the offer waits, it is not
    # gone; the offer is still read (it finds the item) but no model's edit is refused for
    # keeping its promise
    waits = Rule(
        "H3",
        "sentence_added",
        "Going out",
        None,
        "Once the guest has shown their room key, lend one with `lend_umbrella`.",
        "sentence added",
    )
    facts = _facts(_rule("sentence_removed", None))
    facts.rules.append(waits)
    offer = withdrawn_offer(facts)
    assert offer is not None and still_called(facts, offer)
    assert still_promised(facts, MACRO, "text") == []
