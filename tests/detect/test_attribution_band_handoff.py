"""A hand-off put in place of an action for a band with two lines (a fencing firm: every fence up
to 20 metres quoted in the chat with `quote_fence`; now 8 to 20 metres goes to the survey team):
the rule's sentence moved from the band's far line to its near one keeps the old call for the
rest (an exception, a second cause), and the sentence holding the old call back for the band
goes on in the added sentence after it that makes the new call (one rule in two sentences), so
the cause names who now takes it."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

SECTION = "Quotes"
OLD_RULE = (
    "When a customer asks what a fence up to 20 metres long costs, call `quote_fence` "
    "(reference, length_m) and give them the quote straight away, in the chat."
)
MOVED = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section=SECTION,
    old=OLD_RULE,
    new=OLD_RULE.replace("20 metres", "8 metres"),
    removed_words=("20",),
    added_words=("8",),
)
HELD_BACK = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section=SECTION,
    new="Fences longer than 8 metres and up to 20 metres long no longer get a quote in the "
    "chat: don't call `quote_fence`.",
)
NEW_CALL = Hunk(
    "H3",
    "sentence_added",
    "system.md",
    section=SECTION,
    new='Call `transfer_to_team` (reference, team "surveys") and tell the customer our survey '
    "team will phone them within 2 working days to book a visit.",
)
ELSEWHERE = Hunk(
    "H4",
    "sentence_added",
    "system.md",
    section="Gates",
    new="Gates are quoted by the gate team with `transfer_to_team` (team gates).",
)


def _samples() -> dict[str, ProbeSamples]:
    def signature(sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), False, False, frozenset(), text)

    old = [
        signature(i, "Your 12 m fence comes to £1,840, and the quote holds 30 days.")
        for i in range(3)
    ]
    new = [
        signature(i, "I've passed your 12 m fence to our survey team, who will phone you.")
        for i in range(3)
    ]
    return {"p1": ProbeSamples("p1", old, new)}


def _change() -> BehaviorChange:
    change = BehaviorChange(
        "C1",
        "quote_fence → transfer_to_team(team=surveys)",
        ["p1"],
        ["actions", "escalation"],
        "actions",
        before=["quote_fence"],
        after=["transfer_to_team(team=surveys)"],
    )
    change.conditions = [
        Condition.from_dict(
            {
                "atoms": [
                    {
                        "feature": "fence_length_m",
                        "op": "between",
                        "low": 8,
                        "high": 20,
                        "low_inclusive": False,
                        "high_inclusive": True,
                    }
                ]
            }
        )
    ]
    return change


def test_the_rule_moved_to_the_bands_near_line_keeps_the_old_call_for_the_rest() -> None:
    ranked = attribute(
        _change(), _samples(), VersionDiff("v1", "v2", "a", "b", [MOVED, HELD_BACK, NEW_CALL])
    )
    assert ranked[0].hunk_id != "H1"
    moved = next(item for item in ranked if item.hunk_id == "H1")
    assert "keeps the rule for quote_fence for others" in moved.reasons


def test_the_hold_back_goes_on_in_the_new_call_after_it() -> None:
    ranked = attribute(
        _change(), _samples(), VersionDiff("v1", "v2", "a", "b", [MOVED, HELD_BACK, NEW_CALL])
    )
    lead = ranked[0]
    assert lead.hunk_id in ("H2", "H3")
    assert 'team "surveys"' in lead.summary and "survey team will phone" in lead.summary
    held = next(item for item in ranked if item.hunk_id == "H2")
    assert held.summary.startswith("section Quotes: sentence added: Fences longer than 8 metres")
    assert held.summary.endswith("within 2 working days to book a visit.")


def test_a_hold_back_with_no_new_call_right_after_it_is_said_alone() -> None:
    ranked = attribute(
        _change(), _samples(), VersionDiff("v1", "v2", "a", "b", [MOVED, HELD_BACK, ELSEWHERE])
    )
    held = next(item for item in ranked if item.hunk_id == "H2")
    assert held.summary.endswith("don't call `quote_fence`.")


def test_a_line_moved_off_the_condition_is_still_a_changed_rule() -> None:
    moved_away = Hunk(
        "H1",
        "sentence_changed",
        "system.md",
        section=SECTION,
        old=OLD_RULE,
        new=OLD_RULE.replace("20 metres", "25 metres"),
        removed_words=("20",),
        added_words=("25",),
    )
    ranked = attribute(
        _change(), _samples(), VersionDiff("v1", "v2", "a", "b", [moved_away, HELD_BACK, NEW_CALL])
    )
    moved = next(item for item in ranked if item.hunk_id == "H1")
    assert "changes the rule for quote_fence" in moved.reasons
