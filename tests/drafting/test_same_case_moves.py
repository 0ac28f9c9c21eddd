"""A value moved in a rule the old prompt already kept for one case, and a customer's own
count in the replies.

A bike shop's free service for new bikes went from 30 to 60 days: the old prompt said "Every new
bike gets a free service within 30 days (service_days 30) …", the new one "… 60 days (service_days
60) …", and the change's condition is `bike_type = new`. The KB sentence "You get a free
service within a month" is about that same case: it takes the new value in its own words ("two
months"), never an aside "(60 days for new)", since the rule was for new bikes alone before too.
A table row "| Free service | 30-day service for new bikes |" states the value once, for both
moves of the sentence (the bare `service_days 30` and "30 days"): "60-day".

A car hire's replies to drivers of 21 and 22 say "a 21-year-old" and "a 22-year-old": each
driver's own age (the `driver_age` probe variable, varying across the change's probes), no
duration the policy sets.
"""

from __future__ import annotations

from typing import Any

from behaviordiff.detect.model import Condition, FacetResult, ProbeVerdict
from behaviordiff.drafting.facts import Rule, own_amounts
from behaviordiff.drafting.rules import moves_for, rewrite_sentence, rule_moves, scope_of

OLD = (
    "When a new bike comes in for its check, call `book_service` (bike_id, service_days 30) "
    "and tell them their free service lasts 30 days."
)
NEW = (
    "When a new bike comes in for its check, call `book_service` (bike_id, service_days 60) "
    "and tell them their free service lasts 60 days."
)
NEW_BIKES = [Condition.from_dict({"atoms": [{"feature": "bike_type", "op": "=", "value": "new"}]})]


def _moves() -> list[Any]:
    return rule_moves([Rule("H1", "sentence_changed", "Servicing", OLD, NEW, "")])


def test_a_rule_already_kept_for_the_case_takes_no_aside() -> None:
    moves = _moves()
    sentence = "Your free service lasts 30 days from the day you collect the bike."
    chosen = moves_for(moves, sentence)
    assert chosen
    assert all(scope_of(move, sentence, NEW_BIKES) is None for move in chosen)
    # a rule that named no case before and names one now still says whom
    [widened] = rule_moves(
        [
            Rule(
                "H2",
                "sentence_changed",
                "Servicing",
                "Every bike gets a free service within 30 days.",
                "Every new bike gets a free service within 60 days.",
                "",
            )
        ]
    )
    assert scope_of(widened, sentence, NEW_BIKES) == "new"


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
