"""A charge now taken from everyone, in the forms a KB and a prompt say it: a made-up tennis
club used to light its courts for free and now charges $4 for every booking (tag lights only;
book_lights fee_usd 0 → 4). The prompt's rule telling the agent what to say ("tell the member
it costs $4") names no thing charged for; the rule "Court lights cost $4 for every booking"
does. A sentence whose free claim is followed by what follows from it ("…, so there's nothing
extra to pay at the desk") loses that clause with the claim; a cell saying it is free for
every case says the charge for every case; another thing said to be free beside it keeps the
sentence flagged."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.everycharge import charged_text, every_charge
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.newcharge import named_charge
from behaviordiff.drafting.rules import rule_moves

CALL_OLD = "Book them with `book_lights` (fee_usd 0) and tell the member it's free."
CALL_NEW = "Book them with `book_lights` (fee_usd 4) and tell the member it costs $4."
OLD = "Court lights are free."
NEW = "Court lights cost $4 for every booking."


def _facts() -> ChangeFacts:
    probes = ("lights-evening", "lights-winter", "lights-cost")
    facts = ChangeFacts(
        id="C1",
        title="book_lights: fee_usd 0 → 4",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=list(probes),
        after_actions=[ActionFact("book_lights")],
        moved=[
            MovedValue(
                ActionFact("book_lights"),
                "fee_usd",
                tuple((probe, 0.0, 4.0) for probe in probes),
                text_currency="$",
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag lights",
                    "atoms": [{"feature": "tag:lights", "op": "tag"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 8},
                }
            )
        ],
        # the rule the agent says comes first, as a diff may order them
        rules=[
            Rule("H2", "sentence_changed", "Lights", CALL_OLD, CALL_NEW, "changed"),
            Rule("H1", "sentence_changed", "Lights", OLD, NEW, "changed"),
        ],
        others=8,
        prompt_sections={"Lights": [NEW, CALL_NEW], "Rackets": ["Racket hire is $2."]},
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def test_what_the_agent_tells_names_no_thing_charged_for() -> None:
    assert named_charge(CALL_NEW) is None
    assert named_charge(NEW) == ("$4", "Court lights")
    charge = every_charge(_facts())
    assert charge is not None
    assert (charge.amount, charge.what) == ("$4", "Court lights")
    assert frozenset({"member"}) not in charge.topics


def test_what_followed_from_it_being_free_goes_with_the_claim() -> None:
    charge = every_charge(_facts())
    assert charge is not None
    assert charged_text(
        charge, "Court lights are free, so there's nothing extra to pay at the desk."
    ) == ("Court lights cost $4.")
    # another thing free beside it: a writer's
    assert (
        charged_text(charge, "Court lights are free, so is the ball machine at no extra cost.")
        is None
    )


def test_a_cell_free_for_every_case_says_the_charge_for_every_case() -> None:
    charge = every_charge(_facts())
    assert charge is not None
    assert charged_text(charge, "| Court lights | Free for every member |") == (
        "| Court lights | $4 for every member |"
    )
    assert charged_text(charge, "| Court lights | Free for juniors |") is None


def test_another_thing_free_too_keeps_the_sentence_flagged() -> None:
    # "…, so is X" says X is free as well: the charge in the claim's place would leave "so
    # is" dangling ("Court lights cost $4, so is the ball hire") and say X costs $4 too
    charge = every_charge(_facts())
    assert charge is not None
    assert charged_text(charge, "Court lights are free, so is the ball hire.") is None
    assert charged_text(charge, "Court lights are free, as are the nets.") is None
    assert charged_text(charge, "Court lights are free and so is the ball hire.") is None
    assert charged_text(charge, "Court lights are free, so bring a friend.") == (
        "Court lights cost $4, so bring a friend."
    )
