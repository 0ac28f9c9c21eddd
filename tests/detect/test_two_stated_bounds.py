"""A bike shop's prompt moves a free re-tune from "within 30 days" to "within 60 days" of a
service and adds a new rule: "If a repair takes more than 3 days, offer a free loan bike"
(a new user's trial 11, T1 and T2; not the bundled example's domain).

- Customers 31-60 days after a service now get the re-tune booked (`now calls book_retune`,
  `30 < days_since_service <= 60`); those past 60 days are only told "60 days" instead of
  "30 days" and still pay. The prompt states the 60 that parts the two: the told customers
  are never merged into the booking, whose condition would then read `days_since_service
  > 30` and promise the booking to a customer at day 75.
- The loan-bike rule shares only the unit (days) with the re-tune sentence: it does not
  restate that sentence's 30 or 60, so its condition is `repair_days > 3`, not
  `3 < repair_days <= 60`, and its cause is its own sentence."""

from __future__ import annotations

import json

from behaviordiff.detect import analyze
from behaviordiff.detect.conditions import (
    find_conditions,
    kept_by_rest,
    moved_bounds,
    restated_bounds,
    stated_boundaries,
)
from behaviordiff.detect.jointrule import (
    absorb_told_shift,
    parted_at_stated_bound,
    shares_a_cause,
)
from behaviordiff.detect.model import (
    Atom,
    Attribution,
    BehaviorChange,
    Condition,
    FacetResult,
    ProbeVerdict,
)
from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.transcripts import Transcript

OLD_RETUNE = "After a full service, customers get a free re-tune within 30 days of the service."
NEW_RETUNE = OLD_RETUNE.replace("30 days", "60 days")
LOAN = "If a repair takes more than 3 days, offer a free loan bike with `offer_loan_bike`."
# the sentences of the section beside the added one, old and new, as the diff gives them
CONTEXT = (
    NEW_RETUNE,
    "After that, a re-tune costs £25.",
    "Look up the ticket with `lookup_service` before answering about a repair.",
    "Tell the customer how many days the repair takes.",
    OLD_RETUNE,
)

BOOKED = ["retune-31", "retune-40", "retune-45", "retune-55", "retune-59"]
PAST = ["retune-61", "retune-75", "retune-90"]
WENT, CAME = "30 days", "60 days"
IN_BAND = Condition(
    "30 < days_since_service <= 60",
    (Atom("days_since_service", "between", low=30.0, high=60.0),),
    5,
    5,
    0,
    14,
)
PAST_BAND = Condition(
    "days_since_service > 60", (Atom("days_since_service", ">", 60.0),), 3, 3, 0, 16
)
UNION = Condition("days_since_service > 30", (Atom("days_since_service", ">", 30.0),), 8, 8, 0, 11)


def _days(probe_id: str) -> int:
    return int(probe_id.rsplit("-", 1)[1])


def _retune(probe_id: str) -> ProbeVerdict:
    booked = probe_id in BOOKED
    promises = FacetResult(
        "promises", "changed", 0.01, "fisher", [WENT], [CAME], {WENT: 3}, {CAME: 3}
    )
    new_calls = {"lookup_service": 3, **({"book_retune(free=true)": 3} if booked else {})}
    actions = FacetResult(
        "actions",
        "changed" if booked else "same",
        0.01 if booked else 1.0,
        "fisher",
        [],
        ["book_retune(free=true)"] if booked else [],
        {"lookup_service": 3},
        new_calls,
    )
    return ProbeVerdict(
        probe_id,
        "behavior-changed",
        ["actions", "promises"] if booked else ["promises"],
        3,
        3,
        results={"promises": promises, "actions": actions},
        features={"days_since_service": _days(probe_id)},
    )


def _changes() -> list[BehaviorChange]:
    cause = [Attribution("H1", 5.0, (), "", "sentence_changed", "system.md")]
    booking = BehaviorChange(
        "C1",
        "now calls book_retune(free=true)",
        list(BOOKED),
        ["actions", "promises"],
        "actions",
        after=["book_retune(free=true)"],
        conditions=[IN_BAND],
        attribution=cause,
    )
    told = BehaviorChange(
        "C2",
        "30 days → 60 days",
        list(PAST),
        ["promises"],
        "promises",
        before=[WENT],
        after=[CAME],
        conditions=[PAST_BAND],
        attribution=cause,
    )
    return [booking, told]


def _union(probe_ids: list[str]) -> list[Condition]:
    return [UNION] if sorted(probe_ids) == sorted([*BOOKED, *PAST]) else []


def _shares(first: BehaviorChange, second: BehaviorChange) -> bool:
    return shares_a_cause(first.attribution, second.attribution)


def _stated() -> set[float]:
    return {b.value for b in stated_boundaries([OLD_RETUNE, NEW_RETUNE, LOAN])}


def test_customers_past_the_new_window_stay_out_of_the_booking() -> None:
    verdicts = [_retune(probe_id) for probe_id in [*BOOKED, *PAST]]
    kept, grown = absorb_told_shift(_changes(), verdicts, _union, _shares, stated=_stated())
    assert [change.probe_ids for change in kept] == [BOOKED, PAST] and not grown
    assert kept[0].conditions == [IN_BAND]
    assert kept[1].conditions == [PAST_BAND]


def test_without_a_stated_number_between_them_the_told_change_is_still_an_aspect() -> None:
    """The same two changes where the prompt states no 60 (the bound only the probes draw):
    the rule told to those past it is the booking's, one change as before."""
    verdicts = [_retune(probe_id) for probe_id in [*BOOKED, *PAST]]
    kept, grown = absorb_told_shift(_changes(), verdicts, _union, _shares, stated={30.0})
    assert [change.id for change in kept] == ["C1"] and grown == kept
    assert kept[0].conditions[0].text == UNION.text


def test_a_new_rule_sharing_only_the_unit_restates_no_number() -> None:
    assert restated_bounds(LOAN, CONTEXT) == []


def _repair(probe_id: str, days: int, changed: bool) -> ProbeVerdict:
    return ProbeVerdict(
        probe_id,
        "behavior-changed" if changed else "unchanged",
        ["actions"] if changed else [],
        3,
        3,
        features={"repair_days": days},
    )


def test_the_loan_bike_rule_gets_its_own_bound_only() -> None:
    """The boundaries and moves `analyze` reads from this diff: the re-tune sentence moved 30
    to 60 (of days since a service), the added sentence states 3 (days of a repair)."""
    verdicts = [
        *(_repair(f"repair-{d}", d, d > 3) for d in (1, 2, 3, 5, 7)),
        *(
            ProbeVerdict(f"retune-{d}", "unchanged", [], 3, 3, features={"days_since_service": d})
            for d in (5, 12, 25, 29, 31, 40, 45, 55, 59, 61, 75, 90)
        ),
        ProbeVerdict("hours", "unchanged", [], 3, 3),
        ProbeVerdict("human", "unchanged", [], 3, 3),
    ]
    boundaries = stated_boundaries([OLD_RETUNE, NEW_RETUNE, LOAN])
    boundaries += stated_boundaries(CONTEXT, context=True)
    moved = moved_bounds([(OLD_RETUNE, NEW_RETUNE)])
    moved += restated_bounds(LOAN, CONTEXT)
    sources = [(OLD_RETUNE, NEW_RETUNE), *((sentence, LOAN) for sentence in CONTEXT)]
    moved = kept_by_rest(moved, sources, [NEW_RETUNE, LOAN, *CONTEXT[1:4]])
    [condition, *_] = find_conditions(["repair-5", "repair-7"], verdicts, 3, boundaries, moved)
    assert condition.text == "repair_days > 3"
    assert (condition.matched_changed, condition.matched_others) == (2, 0)


# the whole analysis, with the version diff as `run` gives it ---------------------------------

SECTION = "Services"
SERVICE_RULE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section=SECTION,
    old=OLD_RETUNE,
    new=NEW_RETUNE,
    removed_words=("30",),
    added_words=("60",),
    context=(
        "After that, a re-tune costs £25.",
        "Look up the ticket with `lookup_service` before answering about a repair.",
        "Tell the customer how many days the repair takes.",
        LOAN,
    ),
)
LOAN_RULE = Hunk("H2", "sentence_added", "system.md", section=SECTION, new=LOAN, context=CONTEXT)
LOAN_TOOL = Hunk(
    "H3",
    "tool_added",
    "agent.yaml",
    key="offer_loan_bike",
    new={"name": "offer_loan_bike", "description": "Offer a free loan bike."},
)
RETUNE_DAYS = [5, 12, 25, 29, 31, 40, 45, 55, 59, 61, 75, 90]
REPAIR_DAYS = [1, 2, 3, 5, 7]


def _calls(*names: str) -> list[dict[str, object]]:
    messages: list[dict[str, object]] = []
    for index, name in enumerate(names):
        call_id = f"c{index}"
        arguments = {"free": True} if name == "book_retune" else {}
        messages.append(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": call_id,
                        "type": "function",
                        "function": {
                            "name": name,
                            "arguments": json.dumps(arguments),
                        },
                    }
                ],
            }
        )
        messages.append({"role": "tool", "tool_call_id": call_id, "content": "{}"})
    return messages


def _bike_run(probe_id: str, sample: int, window: int, loan: bool) -> Transcript:
    """What the trial's simulated shop agent does with a re-tune window and the loan rule."""
    hello = ["Hi", "Hello", "Hey"][sample % 3]
    kind, days = probe_id.split("-")
    value = int(days)
    if kind == "retune":
        question = "My gears are slipping again, can I get a re-tune?"
        if value <= window:
            calls = _calls("lookup_service", "book_retune")
            reply = (
                f"{hello} Alex, your service was {value} days ago, so the re-tune is free "
                f"(within {window} days). I've booked it."
            )
        else:
            calls = _calls("lookup_service")
            reply = (
                f"{hello} Alex, I'm afraid the free re-tune is only within {window} days of a "
                "service; a re-tune costs £25."
            )
        variables = {"days_since_service": value}
    else:
        question = "How long will the repair of my bike take?"
        if loan and value > 3:
            calls = _calls("lookup_service", "offer_loan_bike")
            reply = f"{hello} Alex, the repair will take {value} days, so we'll lend you a bike."
        else:
            calls = _calls("lookup_service")
            reply = f"{hello} Alex, the repair will take {value} days. We'll text you when ready."
        variables = {"repair_days": value}
    messages = [{"role": "user", "content": question}, *calls]
    messages.append({"role": "assistant", "content": reply})
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=messages,
        final_reply=reply,
        metadata={"tags": [kind], "variables": variables},
    )


def _bike_runs(window: int, loan: bool) -> list[Transcript]:
    probe_ids = [*(f"retune-{d}" for d in RETUNE_DAYS), *(f"repair-{d}" for d in REPAIR_DAYS)]
    return [
        _bike_run(probe_id, sample, window, loan) for probe_id in probe_ids for sample in range(3)
    ]


def test_with_the_diff_each_change_keeps_its_own_bound_and_sentence() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [SERVICE_RULE, LOAN_RULE, LOAN_TOOL])
    analysis = analyze(_bike_runs(30, False), _bike_runs(60, True), diff=diff)
    found = {
        tuple(sorted(change.probe_ids)): (change.conditions[0].text, change.attribution[0].hunk_id)
        for change in analysis.changes
    }
    booked = tuple(sorted(BOOKED))
    assert found[booked] == ("30 < days_since_service <= 60", "H1")
    # those past the new window are only told it: a change of their own, as without the diff
    assert found[tuple(sorted(PAST))] == ("days_since_service > 60", "H1")
    assert found[("repair-5", "repair-7")] == ("repair_days > 3", "H2")


def test_changes_on_the_same_side_of_a_stated_number_are_not_parted_by_it() -> None:
    """A fee now charged on orders under 300 copies, and told to those under 300 who ask:
    both conditions end at 300 on the same side, so 300 does not part them."""
    under = (Atom("copies", "<", 300.0),)
    charged = BehaviorChange(
        "C1", "now calls add_charge", ["a"], ["actions"], "actions",
        conditions=[Condition("copies < 300 and tag schedule", under, 4, 4, 0, 12)],
    )  # fmt: skip
    told = BehaviorChange(
        "C2", "now states £60", ["b"], ["promises"], "promises",
        conditions=[Condition("copies < 300 and tag cost", under, 2, 2, 0, 14)],
    )  # fmt: skip
    assert not parted_at_stated_bound(charged, told, {300.0})
    assert parted_at_stated_bound(_changes()[0], _changes()[1], {60.0})
