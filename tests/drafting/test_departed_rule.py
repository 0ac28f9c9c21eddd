"""A rule added for the customers it names as the exception ("Students are the exception: their
memberships renew at the start of each term.") changes what they were told from the section's
sentence for everyone else ("Memberships renew on the 1st of each month, …"), a value in words
no reply reading can name: the note's before quotes that sentence. A gym's membership
assistant."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.exceptbase import departed_rule
from behaviordiff.drafting.facts import ChangeFacts, Rule

RULE = "Students are the exception: their memberships renew at the start of each term."
SECTIONS = {
    "Billing": [
        "- For any billing question, look the member up with `lookup_member` first.",
        "- Students get 20% off classes.",
        "- Memberships renew on the 1st of each month, paid by card or direct debit.",
        "- " + RULE,
    ],
    "Classes": ["- Memberships include every class on the timetable."],
}


def _rule(new: str, section: str = "Billing") -> Rule:
    return Rule("H2", "sentence_added", section, None, new, "added")


def test_the_sentence_for_everyone_else_is_found() -> None:
    assert departed_rule([_rule(RULE)], SECTIONS) == (
        "Memberships renew on the 1st of each month, paid by card or direct debit."
    )


def test_no_such_sentence_or_another_shape_finds_none() -> None:
    # only the section of the rule is read
    assert departed_rule([_rule(RULE, "Classes")], SECTIONS) is None
    # an exception that is an instruction, not what holds for them
    assert (
        departed_rule([_rule("Students are the exception: renew them by hand.")], SECTIONS) is None
    )
    # a sentence naming the customers of the exception is not the rule for everyone else
    only = {"Billing": ["- Students' memberships renew monthly too.", "- " + RULE]}
    assert departed_rule([_rule(RULE)], only) is None


def test_the_note_says_what_they_were_told_before() -> None:
    facts = ChangeFacts(
        id="C1",
        title="now states start of each term",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2"],
        others=5,
        conditions=[
            Condition.from_dict(
                {
                    "text": "lookup_member.student = true",
                    "atoms": [{"feature": "lookup_member.student", "op": "=", "value": True}],
                }
            )
        ],
        rules=[_rule(RULE)],
        departed_rule=departed_rule([_rule(RULE)], SECTIONS),
    )
    note = TemplateDrafter().note(facts, [], None)
    assert note.before == (
        "The agent followed the rule the new prompt keeps for everyone else: “Memberships renew "
        "on the 1st of each month, paid by card or direct debit.”"
    )
