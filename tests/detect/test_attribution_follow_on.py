"""An added rule said in two sentences of one bullet: the first states the case and the value
that moved ("Exception: if the bike was stolen, a replacement can also be sent with at least 3
hours' notice."), the second only goes on from it ("Call `send_replacement` the same way and
tell the rider …"). The second names the tool, so it outscores the first on the tool alone;
the first is the rule that draws the change's line, a bound the old prompt never stated, and
leads (an agent in another domain: a bike hire's replacements)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

SECTION = "Replacements"
KEPT = [
    "When a rider reports a lost or damaged bike, call `log_report` (bike_id, cause).",
    "With less notice, don't send one: explain that replacements need 12 hours' notice.",
]
OLD_RULE = (
    "A replacement bike can be sent only if the rider reports it at least 12 hours before the "
    "next ride, whatever the cause."
)
NEW_RULE = (
    "A replacement bike can be sent if the rider reports it at least 12 hours before the next ride."
)
CASE = (
    "Exception: if the bike was stolen, a replacement can also be sent with at least 3 hours' "
    "notice."
)
FOLLOW_ON = "Call `send_replacement` the same way and tell the rider the replacement is on its way."


def _context(own: str, new: list[str], old: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s for s in [*new, *old] if s != own))


def _diff(follow_on: str = FOLLOW_ON, case: str = CASE) -> VersionDiff:
    old = [KEPT[0], OLD_RULE, KEPT[1]]
    new = [KEPT[0], NEW_RULE, KEPT[1], case, follow_on]
    changed = Hunk(
        "H1",
        "sentence_changed",
        "system.md",
        section=SECTION,
        old=OLD_RULE,
        new=NEW_RULE,
        removed_words=("only", "whatever", "the", "cause"),
        context=_context(NEW_RULE, new, old),
    )
    lead = Hunk(
        "H2",
        "sentence_added",
        "system.md",
        section=SECTION,
        new=case,
        context=_context(case, new, old),
    )
    follow = Hunk(
        "H3",
        "sentence_added",
        "system.md",
        section=SECTION,
        new=follow_on,
        context=_context(follow_on, new, old),
    )
    return VersionDiff("v1", "v2", "a", "b", [changed, lead, follow])


def _change() -> BehaviorChange:
    change = BehaviorChange(
        "C1",
        "now calls send_replacement",
        ["p1", "p2", "p3"],
        ["actions"],
        "actions",
        before=[],
        after=["send_replacement"],
    )
    change.conditions = [
        Condition.from_dict(
            {
                "text": "stolen = true and 3 <= hours_notice < 12",
                "atoms": [
                    {"feature": "stolen", "op": "=", "value": True},
                    {
                        "feature": "hours_notice",
                        "op": "between",
                        "low": 3,
                        "high": 12,
                        "low_inclusive": True,
                        "high_inclusive": False,
                    },
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 9},
            }
        )
    ]
    return change


def _samples() -> dict[str, ProbeSamples]:
    def signature(probe: str, sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature(probe, sample, (), False, False, frozenset(), text)

    old = "Sorry your bike was stolen. I've logged it, but replacements need 12 hours' notice."
    new = (
        "Sorry your bike was stolen. I've logged it, and as you told us at least 3 hours ahead, a "
        "replacement is on its way."
    )
    return {
        probe: ProbeSamples(
            probe,
            [signature(probe, i, old) for i in range(3)],
            [signature(probe, i, new) for i in range(3)],
        )
        for probe in ("p1", "p2", "p3")
    }


def test_the_sentence_stating_the_case_and_the_value_leads_its_follow_on() -> None:
    ranked = attribute(_change(), _samples(), _diff())
    assert [item.hunk_id for item in ranked[:2]] == ["H2", "H3"]


def test_a_next_sentence_with_a_case_of_its_own_keeps_its_rank() -> None:
    own_case = "If the rider asks, call `send_replacement` and tell them it is on its way."
    ranked = attribute(_change(), _samples(), _diff(follow_on=own_case))
    assert ranked[0].hunk_id == "H3"


def test_a_case_stating_no_value_of_the_change_does_not_lead() -> None:
    unvalued = "Exception: if the bike was stolen, a replacement can also be sent sooner."
    ranked = attribute(_change(), _samples(), _diff(case=unvalued))
    assert ranked[0].hunk_id == "H3"


def test_a_case_restating_a_bound_the_old_prompt_stated_does_not_lead() -> None:
    restated = "Exception: if the bike was stolen, a replacement is sent up to 12 hours ahead."
    ranked = attribute(_change(), _samples(), _diff(case=restated))
    assert ranked[0].hunk_id == "H3"
