"""A house rule refusing every kind of a category the new prompt now allows one value of
(`promptrule.other_than`): "No instruments of any kind …" is narrowed to "No instruments
other than keyboards …", and the new rule after it says the case to "you" when it tells "you"
something (`promptrule.voiced`), not "a resident" then "you" in one sentence.

Made-up agent: student halls that allowed no instruments and now allow keyboards played
through headphones; other instruments still refused."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.promptrule import other_than, voiced
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = "We can't allow instruments in any of our rooms."
NEW = "We allow keyboards in all of our rooms, played through headphones."
OLD_ASKED = (
    "If a resident asks about bringing an instrument, explain kindly that we can't allow it "
    "and do not add anything to their licence."
)
NEW_CALL = (
    "If a resident has a keyboard, log it with `log_instrument` (the instrument type) and tell "
    "them about the 10pm quiet hour."
)
REST = "We can't allow drums or any other instruments."
RULES = (
    "# Living in halls\n\nEvery licence includes these rules.\n\n"
    "- No candles or incense in your room.\n"
    "- No instruments of any kind may be kept in halls.\n"
    "- Keep the kitchen tidy and label your food.\n"
)


def _halls() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls log_instrument",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["k-1", "k-2", "k-3"],
        after_actions=[ActionFact("log_instrument", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "instrument_type = keyboard",
                    "atoms": [{"feature": "instrument_type", "op": "=", "value": "keyboard"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        rules=[
            Rule("H2", "sentence_changed", "Instruments", OLD_ASKED, NEW_CALL, "call"),
            Rule("H1", "sentence_changed", "Instruments", OLD, NEW, "new"),
        ],
        prompt_sections={
            "Instruments": [NEW_CALL, NEW, REST],
            "Laundry": ["The laundry room is open from 7am."],
        },
    )


def test_a_refusal_of_every_kind_is_narrowed_to_the_others() -> None:
    facts = _halls()
    assert (
        other_than(facts, "No instruments of any kind may be played in your room")
        == "No instruments other than keyboards may be played in your room"
    )
    assert (
        other_than(facts, "We don't allow any instruments in halls")
        == "We don't allow any instruments other than keyboards in halls"
    )
    assert other_than(facts, "No candles or incense in your room") is None


def test_the_case_is_said_to_you_when_the_rule_tells_you_something() -> None:
    said = voiced(NEW_CALL)
    assert said is not None
    assert said.head == "If you have a keyboard"
    # no "you" in the rule: the case keeps naming whom it is about
    plain = voiced("If a resident has a keyboard, log it with `log_instrument` (type).")
    assert plain is None or plain.head == "If a resident has a keyboard"


def test_the_house_rule_keeps_the_others_refused_in_one_voice() -> None:
    facts = _halls()
    knowledge = KnowledgeBase([kb_item("rules", RULES)])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    body = str(TemplateDrafter().edit(facts, impact).new_body)
    assert "- No instruments other than keyboards may be kept in halls.\n" in body
    assert "- If you have a keyboard, " in body
    assert "resident" not in body
    assert "- No candles or incense in your room." in body


def test_a_new_rule_with_no_case_of_its_own_narrows_the_house_rule_too() -> None:
    """The rule chosen says no "If …" case ("We allow keyboards in all of our rooms"): the
    refusal of every kind is narrowed the same way, not flagged."""
    facts = _halls()
    facts.prompt_sections["Instruments"] = [NEW, NEW_CALL, REST]
    knowledge = KnowledgeBase([kb_item("rules", RULES)])
    [impact] = [i for i in rank_items(facts, knowledge) if i.affected]
    body = TemplateDrafter().edit(facts, impact).new_body
    assert body is not None
    assert (
        "- No instruments other than keyboards may be kept in halls.\n- We allow keyboards" in body
    )
    assert "- No candles or incense in your room." in body
