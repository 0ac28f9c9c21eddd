"""A count variable whose name says the span it is counted over (`free_drinks_last_30_days`,
`missed_classes_last_4_weeks`, `guest_passes_this_month`) is a count, not a duration: the
prompt's bare numbers bound it as they bound any count, so a bound at a whole number k is
said as the prompt states it: "is 0" on the kept side or "2 or more" / "already had one" /
"at least 1" on the changed side is `>= k+1` (or `>= N`), while "more than 3" keeps `> 3`.
The span itself ("in the last 4 weeks") is no bound on it. A café's loyalty card and a
dance school's missed classes, not a scenario's domain."""

from __future__ import annotations

from collections.abc import Sequence

from behaviordiff.detect.conditions import find_conditions, stated_boundaries
from behaviordiff.detect.model import ProbeVerdict


def _best(name: str, text: str, values: Sequence[int], low: int) -> str:
    verdicts = []
    for value in values:
        for customer in range(3):
            changed = value >= low
            verdicts.append(
                ProbeVerdict(
                    probe_id=f"c{value}-{customer}",
                    verdict="behavior-changed" if changed else "unchanged",
                    facets=["actions"] if changed else [],
                    old_samples=3,
                    new_samples=3,
                    features={name: value},
                )
            )
    changed_ids = [v.probe_id for v in verdicts if v.verdict == "behavior-changed"]
    [best, *_] = find_conditions(changed_ids, verdicts, boundaries=stated_boundaries([text]))
    assert (best.matched_changed, best.matched_others) == (len(changed_ids), 0)
    return best.text


DRINKS = "lookup_card.free_drinks_last_30_days"
CLASSES = "lookup_student.missed_classes_last_4_weeks"
PASSES = "lookup_member.guest_passes_this_month"


def test_the_kept_side_said_as_zero_gives_the_first_count_past_it() -> None:
    text = "If `free_drinks_last_30_days` is 0, stamp the card and pour a free drink."
    assert _best(DRINKS, text, (0, 1, 2, 3), 1) == f"{DRINKS} >= 1"
    assert _best(PASSES, "If the member's count is 0, issue a pass.", (0, 1, 2), 1) == (
        f"{PASSES} >= 1"
    )


def test_the_changed_side_said_as_n_or_more_keeps_n() -> None:
    text = "After 2 or more missed classes in the last 4 weeks, charge the no-show fee."
    assert _best(CLASSES, text, (0, 1, 2, 3, 4), 2) == f"{CLASSES} >= 2"
    already = "If they have already had one this month, do not call issue_pass."
    assert _best(PASSES, already, (0, 1, 2, 3), 1) == f"{PASSES} >= 1"
    least = "If they have already had at least 1 guest pass this month, do not call issue_pass."
    assert _best(PASSES, least, (0, 1, 2, 3), 1) == f"{PASSES} >= 1"


def test_a_strict_line_keeps_its_operator_and_the_span_is_no_bound() -> None:
    text = "If they missed more than 3 classes in the last 4 weeks, charge the fee."
    assert _best(CLASSES, text, (0, 1, 2, 3, 4, 5), 4) == f"{CLASSES} > 3"
    strict = "After more than 1 missed class in the last 4 weeks, charge the no-show fee."
    assert _best(CLASSES, strict, (0, 1, 2, 3, 4), 2) == f"{CLASSES} > 1"


def test_a_duration_that_is_the_variable_s_own_unit_stays_its_unit() -> None:
    # `ready_in_hours` is hours: "is 0" bounds no span of hours as a count
    name = "lookup_order.ready_in_hours"
    assert _best(name, "If `ready_in_hours` is 0, hand it over.", (0, 1, 2, 3), 1) == (
        f"{name} > 0"
    )
