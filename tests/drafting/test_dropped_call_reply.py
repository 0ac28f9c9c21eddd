"""A call dropped with nothing in its place (a bike shop no longer adds the £15 assembly for
e-bikes under 20 kg): the note's example of the new reply is the reply's sentence about the
dropped call ("assembly"), not the whole reply, whose greeting and other news (the delivery
slot) are no part of the change. A prompt sentence's ordinal moves as one value ("2nd" to
"3rd", not "2 nd")."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.rules import rule_moves

REPLY = (
    "Hi Sam, that's your bike ordered. There's nothing to pay for assembly: we put it "
    "together for you at no charge. We'll email a 4-hour delivery window the day before."
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls add_assembly",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("add_assembly")],
        after_actions=[],
        conditions=[
            Condition.from_dict(
                {
                    "text": "weight_kg < 20",
                    "atoms": [{"feature": "weight_kg", "op": "<", "value": 20}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        others=9,
        excerpts=[Excerpt(probe_id="p1", old="Assembly is £15.", new=REPLY)],
    )


def test_the_note_quotes_the_reply_sentence_about_the_dropped_call() -> None:
    note = TemplateDrafter().note(_facts(), [], None)
    assert "nothing to pay for assembly" in note.after
    assert "delivery window" not in note.after


def test_an_ordinal_moves_as_one_value() -> None:
    old = "Parcels for the 2nd floor or higher are left at reception."
    rule = Rule("H1", "sentence_changed", "Parcels", old, old.replace("2nd", "3rd"), "…")
    [move] = rule_moves([rule])
    assert (move.old, move.new) == ("2nd", "3rd")


def test_a_call_named_in_camel_case_is_read_by_its_words() -> None:
    # `addAssembly`: the tool's words are those of `add_assembly`
    facts = _facts()
    facts.before_actions = [ActionFact("addAssembly")]
    note = TemplateDrafter().note(facts, [], None)
    assert "nothing to pay for assembly" in note.after
    assert "delivery window" not in note.after
