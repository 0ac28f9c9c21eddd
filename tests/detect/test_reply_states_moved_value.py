"""A reply-only change stating the value a tool argument moved to, on probes the argument's
rule covers, is the same behavior change: a made-up dog walker now gives one free extra walk
a week, not two, so clients with one extra walk this week are booked with
`book_walk(extra_fee_gbp 0 → 12)`, and such a client only asking the price (filed under
another tag, no call) is told £12 where it was free. No hunk newly states £12 (the paid
sentence said it before too), so the reply has no cause of its own; the rule found again with
it differs only in its tag atom, and the cause is the moved line telling the new fee. A reply
no longer telling the old fee and now saying a duration ("48 hours") tells no other fee, so
it is the same change too. The same £12 on another topic (a lead sold in the shop) stays
apart: asked by a client the rule does not cover, or stated by a hunk of its own."""

from __future__ import annotations

import json

from behaviordiff.detect import analyze
from behaviordiff.detect.clusters import absorb_unstated_old_values
from behaviordiff.detect.model import (
    Atom,
    BehaviorChange,
    Condition,
    MovedArgument,
    MovedProbeValue,
    ProbeVerdict,
)
from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.transcripts import Transcript

ALLOWANCE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Extra walks",
    old="Every client gets two free extra walks a week on top of their plan.",
    new="Every client gets one free extra walk a week on top of their plan.",
    removed_words=("two", "walks"),
    added_words=("one", "walk"),
)
FREE = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Extra walks",
    old="If they have had fewer than 2 extra walks this week, book it with `book_walk` "
    "(dog_ref, extra_fee_gbp 0) and tell them it's free.",
    new="If they haven't had an extra walk this week (0), book it with `book_walk` "
    "(dog_ref, extra_fee_gbp 0) and tell them it's free.",
    removed_words=("fewer", "than", "2", "extra", "walks"),
    added_words=("haven't", "an", "extra", "walk", "0"),
)
PAID = Hunk(
    "H3",
    "sentence_changed",
    "system.md",
    section="Extra walks",
    old="If they have had 2 or more this week, an extra walk costs £12: book it with "
    "extra_fee_gbp 12 and tell them the £12 goes on their account.",
    new="If they have had 1 or more this week, an extra walk costs £12: book it with "
    "extra_fee_gbp 12 and tell them the £12 goes on their account.",
    removed_words=("2",),
    added_words=("1",),
)
LEADS = Hunk(
    "H4",
    "sentence_added",
    "system.md",
    section="Shop",
    new="Our reflective leads are £12 in the shop; tell clients who ask.",
    added_words=("reflective", "leads", "£12", "shop"),
)

FREE_REPLY = "Booked: an extra walk for {dog} this week. It's free, so there's nothing to pay."
PAID_REPLY = "Booked: an extra walk for {dog} this week. It's £12, which goes on your account."
ASKED = "How much would another extra walk cost me this week?"
ASKED_FREE = "Another extra walk this week is free, there's nothing to pay."
ASKED_PAID = "Another extra walk this week is £12, which goes on your account."
LEAD_ASKED = "Do you sell dog leads?"
LEAD_OLD = "We do, have a look in the shop next time you're in."
LEAD_NEW = "We do: our reflective leads are £12 in the shop."

MOVED = [("walk-1-rex", "Rex"), ("walk-1-bo", "Bo"), ("walk-1-luna", "Luna"), ("walk-1-max", "Max")]
KEPT = [
    ("walk-0-pip", "Pip", 0, FREE_REPLY),
    ("walk-0-ziggy", "Ziggy", 0, FREE_REPLY),
    ("walk-2-nell", "Nell", 2, PAID_REPLY),
    ("walk-3-otto", "Otto", 3, PAID_REPLY),
]


def _run(
    probe_id: str,
    sample: int,
    tag: str,
    walks: int,
    message: str,
    reply: str,
    fee: int | None = None,
) -> Transcript:
    messages: list[dict[str, object]] = [{"role": "user", "content": message}]
    if fee is not None:
        arguments = json.dumps({"dog_ref": f"D-{probe_id}", "extra_fee_gbp": fee})
        messages += [
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "c1",
                        "type": "function",
                        "function": {"name": "book_walk", "arguments": arguments},
                    }
                ],
            },
            {"role": "tool", "tool_call_id": "c1", "content": "booked"},
        ]
    messages.append({"role": "assistant", "content": reply})
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=messages,
        final_reply=reply,
        metadata={
            "tags": [tag],
            "variables": {},
            "tool_fixtures": {"lookup_client": {"extra_walks_this_week": walks}},
        },
    )


def _runs(lead_walks: int | None = None) -> tuple[list[Transcript], list[Transcript]]:
    """Both versions' runs; `lead_walks`: a client with that many extra walks this week asking
    about leads is now told their £12 price (None: the lead question's reply is unchanged)."""
    old: list[Transcript] = []
    new: list[Transcript] = []
    for sample in range(3):
        for probe, dog in MOVED:
            message = f"Can {dog} have an extra walk on Friday?"
            old.append(_run(probe, sample, "walk", 1, message, FREE_REPLY.format(dog=dog), 0))
            new.append(_run(probe, sample, "walk", 1, message, PAID_REPLY.format(dog=dog), 12))
        for probe, dog, walks, reply in KEPT:
            message = f"Can {dog} have an extra walk on Friday?"
            fee = 0 if reply is FREE_REPLY else 12
            for runs in (old, new):
                runs.append(_run(probe, sample, "walk", walks, message, reply.format(dog=dog), fee))
        old.append(_run("price-1", sample, "walk-price", 1, ASKED, ASKED_FREE))
        new.append(_run("price-1", sample, "walk-price", 1, ASKED, ASKED_PAID))
        for probe, walks, reply in [("price-0", 0, ASKED_FREE), ("price-2", 2, ASKED_PAID)]:
            for runs in (old, new):
                runs.append(_run(probe, sample, "walk-price", walks, ASKED, reply))
        for probe, walks in [("lead-0", 0), ("lead-1", 1), ("lead-2", 2)]:
            told = walks == lead_walks
            old.append(_run(probe, sample, "shop", walks, LEAD_ASKED, LEAD_OLD))
            reply = LEAD_NEW if told else LEAD_OLD
            new.append(_run(probe, sample, "shop", walks, LEAD_ASKED, reply))
    return old, new


def _moved_change(changes: list[BehaviorChange]) -> BehaviorChange:
    [change] = [change for change in changes if change.moved_arguments]
    return change


def test_a_client_asking_the_price_is_the_same_change_as_those_booking() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [ALLOWANCE, FREE, PAID])
    analysis = analyze(*_runs(), diff=diff)
    [change] = analysis.changes
    assert sorted(change.probe_ids) == sorted([*(p for p, _ in MOVED), "price-1"])
    assert change.facets[0] == "actions"
    first = change.conditions[0]
    assert first.matched_changed == first.changed == 5 and first.matched_others == 0
    atoms = {atom.feature for atom in first.atoms if atom.op != "tag"}
    assert atoms == {"lookup_client.extra_walks_this_week"}


def test_the_cause_is_the_moved_line_that_tells_the_new_fee() -> None:
    """Both sentences move the line (fewer than 2 free → none; 2 or more paid → 1 or more):
    the one telling the new fee is what these clients get now, the one still booking with
    fee 0 says what the others keep. (The allowance's own sentence, two free walks a week ->
    one, is a cause too, read as a moved count.)"""
    diff = VersionDiff("v1", "v2", "a", "b", [ALLOWANCE, FREE, PAID])
    [change] = analyze(*_runs(), diff=diff).changes
    order = [cause.hunk_id for cause in change.attribution]
    assert order[0] == "H3" and "H2" in order
    assert order.index("H2") > order.index("H3")


def test_the_same_amount_for_a_client_the_rule_does_not_cover_stays_apart() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [ALLOWANCE, FREE, PAID])
    analysis = analyze(*_runs(lead_walks=0), diff=diff)
    assert "lead-0" not in _moved_change(analysis.changes).probe_ids
    assert any("lead-0" in change.probe_ids for change in analysis.changes)


def test_the_same_amount_stated_by_a_hunk_of_its_own_stays_apart() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [ALLOWANCE, FREE, PAID, LEADS])
    analysis = analyze(*_runs(lead_walks=1), diff=diff)
    assert "lead-1" not in _moved_change(analysis.changes).probe_ids
    assert any("lead-1" in change.probe_ids for change in analysis.changes)


def _callout(after: list[str], before: list[str] | None = None) -> list[BehaviorChange]:
    """A made-up locksmith: the call-out fee for repeat visits booked 48 hours or more ahead
    dropped from £30 to nothing (`book_visit(callout_fee_gbp 30 → 0)`), and a customer only
    asking whether it will cost them was told £30 (`before`) and is now told `after`."""
    ids = ["visit-72h", "visit-50h"]
    row = MovedArgument(
        "book_visit", "book_visit", "callout_fee_gbp", None, None,
        tuple(MovedProbeValue(probe_id, 30, 0) for probe_id in ids),
    )  # fmt: skip
    rule = Condition(_AHEAD, (Atom("job.hours_ahead", ">=", 48.0),), 2, 2, 0, 9)
    moved = BehaviorChange("C1", "book_visit: callout_fee_gbp 30 → 0", ids, ["actions"],
                           "actions", moved_arguments=[row], conditions=[rule])  # fmt: skip
    told = before or ["call-out: £30.00"]
    asked = BehaviorChange("C2", "no longer states £30.00", ["ask-60h"], ["promises"],
                           "promises", before=told, after=after)  # fmt: skip
    return [moved, asked]


_AHEAD = "job.hours_ahead >= 48"


def _ahead(probe_ids: list[str]) -> list[Condition]:
    atom = Atom("job.hours_ahead", ">=", 48.0)
    return [Condition(_AHEAD, (atom,), len(probe_ids), len(probe_ids), 0, 9)]


def _verdicts() -> list[ProbeVerdict]:
    ids = ["visit-72h", "visit-50h", "ask-60h"]
    return [ProbeVerdict(probe_id, "behavior-changed", ["actions"], 2, 2) for probe_id in ids]


def test_a_reply_now_saying_a_duration_where_it_told_the_old_fee_is_an_aspect() -> None:
    kept, grown = absorb_unstated_old_values(_callout(["48 hours"]), _verdicts(), _ahead)
    assert [change.id for change in kept] == ["C1"] and grown == kept
    assert [aspect.title for aspect in kept[0].aspects] == ["no longer states £30.00"]


def test_a_reply_now_telling_another_fee_stays_apart() -> None:
    for after in (["call-out: £20.00"], ["48 hours", "€25.00"]):
        kept, grown = absorb_unstated_old_values(_callout(after), _verdicts(), _ahead)
        assert len(kept) == 2 and grown == []
