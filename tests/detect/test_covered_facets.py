"""An offer withdrawn for everyone is one change: the probes that used to take it lose the call
("no longer calls lend_umbrella"), and a probe that only asked about it hears it's gone (a
meaning change too small for a condition of its own). The condition of the first covers the
second's probe and both start at the same hunk: one change, the refusal kept as its aspect (a
made-up hotel front desk that stops lending umbrellas to guests going out)."""

from __future__ import annotations

from behaviordiff.detect import analyze
from behaviordiff.detect.analyze import same_first_cause
from behaviordiff.detect.clusters import absorb_covered_facets
from behaviordiff.detect.model import (
    Atom,
    Attribution,
    BehaviorChange,
    Condition,
    ProbeVerdict,
)
from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.transcripts import Transcript

OFFER = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Going out",
    old="Guests going out can borrow a free umbrella: lend it with `lend_umbrella` and remind "
    "them to return it to reception.",
    new="We no longer lend umbrellas.",
    removed_words=("Guests", "going", "out", "can", "borrow", "a", "free", "umbrella:"),
    added_words=("We", "no", "longer", "lend", "umbrellas."),
)
TOOL_GONE = Hunk(
    "H2",
    "tool_removed",
    "agent.yaml",
    key="lend_umbrella",
    old={"name": "lend_umbrella", "description": "Lend a guest an umbrella from reception."},
)
SPA = Hunk(
    "H3",
    "sentence_changed",
    "system.md",
    section="Spa",
    old="The sauna opens at 7am.",
    new="The sauna opens at 6am.",
    removed_words=("7am.",),
    added_words=("6am.",),
)

GOING_OUT = [
    "Where can I get a taxi?",
    "Is the museum far?",
    "I'm off to the market.",
    "Which way to the beach?",
    "Can you book me a table in town?",
    "Off for a walk!",
]
LENT = "Reception has a free umbrella for you; please return it when you're back."
DIRECTIONS = "It's a ten-minute walk from the front door."
ASKED = "Do you lend umbrellas?"
ASKED_OLD = "Yes, any guest going out can borrow a free umbrella from reception."
ASKED_NEW = "I'm sorry, umbrellas are something we no longer lend."
OTHER = [
    ("What time is breakfast?", "Breakfast is from 7 until 10."),
    ("Is there parking?", "Yes, the car park is free for guests."),
    ("Can I check out late?", "Check-out is at 11; ask us about noon."),
    ("Do you have a gym?", "The gym is on the first floor, open all day."),
    ("Is the pool heated?", "Yes, the pool is heated all year."),
    ("Can I get a second key card?", "Of course, reception can make you one."),
    ("Where is the lift?", "The lift is just past reception."),
    ("Is there Wi-Fi?", "Yes, Wi-Fi is free everywhere in the hotel."),
]


def _run(probe_id: str, sample: int, tag: str, message: str, reply: str, lend: bool) -> Transcript:
    messages: list[dict[str, object]] = [{"role": "user", "content": message}]
    if lend:
        messages += [
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "c1",
                        "type": "function",
                        "function": {"name": "lend_umbrella", "arguments": '{"room": "12"}'},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "c1", "content": "lent"},
        ]
    messages.append({"role": "assistant", "content": reply})
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=messages,
        final_reply=reply,
        metadata={"tags": [tag], "variables": {"room": "12"}},
    )


def _runs() -> tuple[list[Transcript], list[Transcript]]:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for sample in range(3):
        for index, message in enumerate(GOING_OUT):
            probe = f"out-{index}"
            old.append(_run(probe, sample, "going-out", message, f"{DIRECTIONS} {LENT}", True))
            new.append(_run(probe, sample, "going-out", message, DIRECTIONS, False))
        old.append(_run("asked", sample, "going-out", ASKED, ASKED_OLD, False))
        new.append(_run("asked", sample, "going-out", ASKED, ASKED_NEW, False))
        for index, (message, reply) in enumerate(OTHER):
            for runs in (old, new):
                runs.append(_run(f"other-{index}", sample, "stay", message, reply, False))
    return old, new


def test_an_offer_withdrawn_is_one_change_with_the_refusal_as_its_aspect() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [OFFER, TOOL_GONE, SPA])
    analysis = analyze(*_runs(), diff=diff)
    [change] = analysis.changes
    assert change.title == "no longer calls lend_umbrella"
    assert sorted(change.probe_ids) == ["asked", *(f"out-{i}" for i in range(len(GOING_OUT)))]
    assert change.facets[0] == "actions" and "meaning" in change.facets
    assert [aspect.kind for aspect in change.aspects] == ["meaning"]
    assert change.aspects[0].probe_ids == ("asked",)
    condition = change.conditions[0]
    assert condition.text == "tag going-out"
    assert (condition.matched_changed, condition.changed, condition.matched_others) == (7, 7, 0)
    assert change.attribution[0].hunk_id in {"H1", "H2"}
    assert {v.change_id for v in analysis.probes if v.verdict == "behavior-changed"} == {"C1"}


def test_without_a_diff_no_cause_is_known_and_the_two_stay_apart() -> None:
    analysis = analyze(*_runs())
    assert sorted(len(change.probe_ids) for change in analysis.changes) == [1, 6]


def _attribution(*scored: tuple[str, float]) -> list[Attribution]:
    return [
        Attribution(hunk, score, (), "", "sentence_changed", "system.md") for hunk, score in scored
    ]


def test_the_same_cause_is_a_hunk_both_score_highest() -> None:
    assert same_first_cause(_attribution(("H1", 6.0), ("H2", 6.0)), _attribution(("H2", 3.0)))
    assert same_first_cause(_attribution(("H1", 6.0)), _attribution(("H1", 2.0), ("H2", 1.0)))
    assert not same_first_cause(_attribution(("H1", 6.0), ("H2", 5.0)), _attribution(("H2", 3.0)))
    assert not same_first_cause([], _attribution(("H1", 1.0)))


def _verdict(probe_id: str, facet: str) -> ProbeVerdict:
    return ProbeVerdict(probe_id, "behavior-changed", [facet], 3, 3)


def _tagged(text: str, matched: int, changed: int, others: int) -> Condition:
    return Condition(text, (Atom("tag:x", "tag"),), matched, changed, others, 10)


def _pair() -> tuple[BehaviorChange, BehaviorChange, list[ProbeVerdict]]:
    actions = BehaviorChange(
        "C1",
        "no longer calls lend_x",
        ["a1", "a2", "a3"],
        ["actions"],
        "actions",
        before=["lend_x"],
    )
    actions.conditions = [_tagged("tag x", 3, 3, 1)]
    meaning = BehaviorChange("C2", "reply now says: gone", ["m1"], ["meaning"], "meaning")
    verdicts = [*(_verdict(p, "actions") for p in actions.probe_ids), _verdict("m1", "meaning")]
    return actions, meaning, verdicts


def test_a_lesser_facet_outside_the_condition_or_from_another_hunk_stays_apart() -> None:
    # the union's best rule is another one: the small change's probe is not covered
    actions, meaning, verdicts = _pair()
    elsewhere = absorb_covered_facets(
        [actions, meaning],
        verdicts,
        lambda ids: [_tagged("tag y", len(ids), len(ids), 0)],
        lambda a, b: True,
    )
    assert elsewhere == ([actions, meaning], [])
    # the same rule, but it does not match the small change's probe
    uncovered = absorb_covered_facets(
        [actions, meaning],
        verdicts,
        lambda ids: [_tagged("tag x", 3, len(ids), 1)],
        lambda a, b: True,
    )
    assert uncovered == ([actions, meaning], [])
    # covered, but caused by another hunk
    other_cause = absorb_covered_facets(
        [actions, meaning],
        verdicts,
        lambda ids: [_tagged("tag x", len(ids), len(ids), 0)],
        lambda a, b: False,
    )
    assert other_cause == ([actions, meaning], [])
    # covered and the same cause: one change
    merged, grown = absorb_covered_facets(
        [actions, meaning],
        verdicts,
        lambda ids: [_tagged("tag x", len(ids), len(ids), 0)],
        lambda a, b: True,
    )
    assert merged == grown == [actions]
    assert actions.probe_ids == ["a1", "a2", "a3", "m1"]
    assert actions.conditions[0].matched_others == 0
    assert verdicts[-1].change_id == "C1"


def test_a_change_with_a_condition_of_its_own_or_a_weightier_kind_is_not_absorbed() -> None:
    actions, meaning, verdicts = _pair()
    meaning.conditions = [_tagged("tag z", 1, 1, 0)]
    covered = lambda ids: [_tagged("tag x", len(ids), len(ids), 0)]  # noqa: E731
    assert absorb_covered_facets([actions, meaning], verdicts, covered, lambda a, b: True) == (
        [actions, meaning],
        [],
    )
    # an action change is never an aspect of a promise change
    actions, _, verdicts = _pair()
    promise = BehaviorChange("C2", "now states 2 days", ["m1"], ["promises"], "promises")
    promise.conditions = [_tagged("tag x", 1, 1, 3)]
    actions.conditions = []
    assert absorb_covered_facets([promise, actions], verdicts, covered, lambda a, b: True) == (
        [promise, actions],
        [],
    )


def _fitted(bound: float) -> Condition:
    """A plant nursery's delivery surcharge moved for one soil type, where the search took a
    plant price bound only to leave out the customer who just asked: "tag delivery and
    plant_price > 12 and soil = clay"."""
    atoms = (
        Atom("tag:delivery", "tag"),
        Atom("plant_price", ">", bound),
        Atom("soil", "=", "clay"),
    )
    return Condition(f"tag delivery and plant_price > {bound:g} and soil = clay", atoms, 3, 3, 0, 9)


def _clay(ids: list[str]) -> list[Condition]:
    atoms = (Atom("tag:delivery", "tag"), Atom("soil", "=", "clay"))
    return [Condition("tag delivery and soil = clay", atoms, len(ids), len(ids), 0, 8)]


def test_a_bound_no_hunk_states_yields_to_the_clean_rule_covering_both() -> None:
    # the union's clean rule is the small one's condition without the fitted bound: one
    # change, under the rule the prompt can state
    actions, promise, verdicts = _pair()
    actions.conditions = [_fitted(12)]
    promise = BehaviorChange("C2", "now states 30%", ["m1"], ["promises"], "promises")
    merged, grown = absorb_covered_facets(
        [actions, promise], verdicts, _clay, lambda a, b: True, {30.0}
    )
    assert merged == grown == [actions]
    assert actions.conditions[0].text == "tag delivery and soil = clay"
    # a bound the diff states is the rule: kept apart
    actions, _, verdicts = _pair()
    actions.conditions = [_fitted(12)]
    promise = BehaviorChange("C2", "now states 30%", ["m1"], ["promises"], "promises")
    kept, grown = absorb_covered_facets(
        [actions, promise], verdicts, _clay, lambda a, b: True, {12.0}
    )
    assert len(kept) == 2 and grown == []
    # another cause: kept apart whatever the bound
    actions, _, verdicts = _pair()
    actions.conditions = [_fitted(12)]
    promise = BehaviorChange("C2", "now states 30%", ["m1"], ["promises"], "promises")
    kept, grown = absorb_covered_facets([actions, promise], verdicts, _clay, lambda a, b: False)
    assert len(kept) == 2 and grown == []
