"""A change whose only moved calls are one escalation tool's, with other arguments, in
conversations that escalate in both versions (`hand_to_desk(desk=returns)` →
`hand_to_desk(desk=repairs)`), re-routes a hand-off: it is titled as an escalation, its calls
kept as before and after. A changed hand-off tool, or a call in conversations that do not all
escalate, stays an action change."""

from __future__ import annotations

from behaviordiff.detect.clusters import _rerouted, _title
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples

OLD = "hand_to_desk(desk=returns)"
NEW = "hand_to_desk(desk=repairs)"


def _samples(*, escalated: bool = True) -> ProbeSamples:
    def signature(sample: int, flag: bool) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), flag, False, frozenset(), "text")

    return ProbeSamples(
        "p1",
        [signature(0, True), signature(1, True)],
        [signature(2, escalated), signature(3, True)],
    )


def test_one_handoff_tool_with_other_arguments_is_rerouted() -> None:
    assert _rerouted(_samples(), [OLD], [NEW])
    assert _title("escalation", [OLD], [NEW]) == f"{OLD} → {NEW}"


def test_other_tools_or_conversations_that_do_not_escalate_are_not() -> None:
    assert not _rerouted(_samples(), [OLD], ["book_repair(item=kettle)"])
    assert not _rerouted(_samples(), [OLD], [])
    assert not _rerouted(_samples(escalated=False), [OLD], [NEW])
    # the flip titles are unchanged
    assert _title("escalation", ["escalates"], []) == "no longer escalates to a human"
    assert _title("escalation", [], ["escalates"]) == "now escalates to a human"
