"""A denial lifted for one value of a categorical variable (`drafting.oldside`): the edit says
the rest stay refused when the new prompt says so, in its own words, and a following sentence
that only gave the old denial's reason ("The ramps don't allow it.") does not stay behind to
contradict the new rule.

Made-up agent: a ferry line that took no vehicles and now takes motorbikes (vehicle_type =
motorbike); cars and other vehicles are still refused."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = "We can't take vehicles on any of our crossings."
NEW = "We take motorbikes on all of our crossings, with an extra fare of €15."
REST = "We can't take cars or any other vehicles."
OLD_HOW = "If a passenger asks about bringing a vehicle, explain that we can't take it."
NEW_HOW = (
    "If a passenger has a motorbike, book its deck space with `book_deck` (the vehicle type "
    "and fare_eur 15)."
)
KEPT = "Deck space is booked at the ticket office."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for planning ahead.\n\nWe're sorry, but we "
    "can't take vehicles on any of our crossings. The harbour ramps don't allow it.\n\nSafe "
    "travels,\nIsla Ferries\n"
)


def _ferry(*, rest: bool) -> ChangeFacts:
    # the rest's denial a rule of its own, apart from the new rule's sentences
    section = [NEW, NEW_HOW, KEPT, *([REST] if rest else [])]
    return ChangeFacts(
        id="C1",
        title="now calls book_deck(vehicle_type=motorbike)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=6,
        after_actions=[ActionFact("book_deck", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "vehicle_type = motorbike",
                    "atoms": [{"feature": "vehicle_type", "op": "=", "value": "motorbike"}],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Vehicles", OLD, NEW, "sentence changed"),
            Rule("H2", "sentence_changed", "Vehicles", OLD_HOW, NEW_HOW, "sentence changed"),
            Rule("H3", "tool_added", None, None, None, "tool book_deck added"),
            *(
                [Rule("H4", "sentence_added", "Vehicles", None, REST, "sentence added")]
                if rest
                else []
            ),
        ],
        prompt_sections={"Vehicles": section, "Tickets": ["Sell tickets with `sell` (route)."]},
    )


def _edit(facts: ChangeFacts) -> str | None:
    knowledge = KnowledgeBase([kb_item("vehicles", MACRO, kind="macro")])
    [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
    return TemplateDrafter().edit(facts, impact).new_body


def test_the_rest_still_refused_is_said_after_the_lifted_denial() -> None:
    body = _edit(_ferry(rest=True))
    assert body is not None
    # the prompt's own sentence for the rest follows the new rule; the reason after it now
    # points back at that denial and stays
    assert f"{REST} The harbour ramps don't allow it." in body
    assert body.index("motorbike") < body.index(REST)


def test_a_reason_pointing_back_at_the_lifted_denial_goes_with_it() -> None:
    body = _edit(_ferry(rest=False))
    assert body is not None
    assert "motorbike" in body
    assert "don't allow it" not in body
    assert "Safe travels" in body and "Thanks for planning ahead." in body


def test_a_sentence_about_its_own_thing_is_no_reason_pointing_back() -> None:
    # "it" inside the sentence points at what the sentence names itself ("the ramp"), and
    # "that ramp" names its own thing: neither sentence only explains the denial, both stay
    for follower in (
        "The crew keep the ramp clear and can't open it at short notice.",
        "Our crew keep that ramp clear for foot passengers.",
    ):
        macro = MACRO.replace("The harbour ramps don't allow it.", follower)
        knowledge = KnowledgeBase([kb_item("vehicles", macro, kind="macro")])
        facts = _ferry(rest=False)
        [impact] = [impact for impact in rank_items(facts, knowledge) if impact.affected]
        body = TemplateDrafter().edit(facts, impact).new_body
        assert body is not None and "motorbike" in body
        assert follower in body
