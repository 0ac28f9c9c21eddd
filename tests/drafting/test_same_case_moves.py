"""A value one prompt sentence moves twice, and a customer's own count in the replies.

A bike shop's free service for new bikes went from 30 to 60 days, in a sentence that moves the
tool's bare figure too ("service_days 30" → "service_days 60"). A table row "| Free service |
30-day service for new bikes |" states the value once, for both moves of the sentence (the bare
`service_days 30` and "30 days"): "60-day", whatever order the prompt gave the two in.

A car hire's replies to drivers of 21 and 22 say "a 21-year-old" and "a 22-year-old": each
driver's own age (the `driver_age` probe variable, varying across the change's probes), no
duration the policy sets.
"""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.model import FacetResult, ProbeVerdict
from behaviordiff.drafting.facts import Rule, own_amounts
from behaviordiff.drafting.rules import moves_for, rewrite_sentence, rule_moves

OLD = (
    "When a new bike comes in for its check, call `book_service` (bike_id, service_days 30) "
    "and tell them their free service lasts 30 days."
)
NEW = (
    "When a new bike comes in for its check, call `book_service` (bike_id, service_days 60) "
    "and tell them their free service lasts 60 days."
)


def _moves() -> list[Any]:
    return rule_moves([Rule("H1", "sentence_changed", "Servicing", OLD, NEW, "")])


def test_a_row_stating_the_value_once_takes_one_of_two_moves() -> None:
    row = "| Free service | 30-day service for new bikes |"
    chosen = moves_for(_moves(), row)
    assert [(move.old, move.new) for move in chosen] == [("30 days", "60 days")]
    assert rewrite_sentence(chosen[0], row) == "| Free service | 60-day service for new bikes |"


def _verdict(probe_id: str, age: int, said: dict[str, int]) -> ProbeVerdict:
    result = FacetResult("promises", "changed", 0.01, "fisher", old_counts={}, new_counts=said)
    features = {"driver_age": age, "tag:hire": True}
    return ProbeVerdict(
        probe_id, "behavior-changed", ["promises"], 2, 2, {"promises": result}, features=features
    )


def test_an_age_each_customer_gave_is_their_own() -> None:
    members = [
        _verdict("ana", 21, {"duration:21 years": 2, "duration:3 days": 2}),
        _verdict("ben", 22, {"duration:22 years": 2, "duration:3 days": 2}),
        _verdict("cy", 21, {"duration:21 years": 1, "duration:3 days": 2}),
    ]
    assert own_amounts(members) == {"duration:21 years", "duration:22 years"}
