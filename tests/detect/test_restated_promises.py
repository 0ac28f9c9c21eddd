"""One promise changed, worded several ways, is one change: "your claim is paid within 8 days"
and "expect the money within 8 days" state the same new fact, though only the first names the
claim (a pet insurer paying app claims more slowly; post and phone claims unchanged)."""

from __future__ import annotations

from behaviordiff.detect import analyze
from behaviordiff.detect.clusters import merge_restatements
from behaviordiff.detect.model import Attribution, BehaviorChange, ProbeVerdict
from behaviordiff.transcripts import Transcript

NAMED = "Your claim is paid within {days} days."
BARE = "Expect the money within {days} days."
OPENERS = ["Thanks, your vet's invoice is in.", "Got it, the invoice is uploaded."]


def _run(probe_id: str, sample: int, channel: str, old: str, new: str, *, head: bool) -> Transcript:
    days = 8 if head and channel == "app" else 4
    said = (new if head else old).format(days=days)
    reply = f"{OPENERS[sample % 2]} {said}"
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": "I sent my vet's invoice, when do I get paid?"},
            {"role": "assistant", "content": reply},
        ],
        final_reply=reply,
        metadata={"variables": {"channel": channel}},
    )


def test_one_promise_worded_with_and_without_its_topic_is_one_change() -> None:
    # the app probes word the old and new promise with or without "claim", three ways
    wordings = [(NAMED, NAMED), (BARE, NAMED), (NAMED, BARE)]
    probes = [(f"app-{index}", "app", *wordings[index % 3]) for index in range(9)]
    probes += [
        (f"{channel}-{index}", channel, NAMED, NAMED)
        for channel in ("post", "phone")
        for index in range(5)
    ]
    old: list[Transcript] = []
    new: list[Transcript] = []
    for probe_id, channel, was, now in probes:
        for sample in range(3):
            old.append(_run(probe_id, sample, channel, was, now, head=False))
            new.append(_run(probe_id, sample, channel, was, now, head=True))
    analysis = analyze(old, new)
    [change] = analysis.changes
    assert sorted(change.probe_ids) == sorted(p for p, channel, *_ in probes if channel == "app")
    assert change.title == "claim 4 days → 8 days"
    assert change.conditions[0].text == "channel = app"
    assert {v.change_id for v in analysis.probes if v.verdict == "behavior-changed"} == {"C1"}


def _change(number: int, before: list[str], after: list[str], hunk: str = "H1") -> BehaviorChange:
    change = BehaviorChange(
        f"C{number}", "", [f"p{number}"], ["promises"], "promises", before=before, after=after
    )
    change.attribution = [Attribution(hunk, 3.0, (), "", "sentence_changed", "system.md")]
    return change


def _verdicts(count: int) -> list[ProbeVerdict]:
    return [ProbeVerdict(f"p{n}", "behavior-changed", ["promises"], 3, 3) for n in range(count)]


def test_restatements_merge_under_the_label_that_names_the_topic() -> None:
    changes = [
        _change(1, ["4 days"], ["claim: 8 days"]),
        _change(2, ["claim: 4 days"], ["8 days"]),
        _change(3, [], ["8 days"]),
    ]
    merged, grown = merge_restatements(changes, _verdicts(4))
    assert merged == grown and len(merged) == 1
    assert merged[0].probe_ids == ["p1", "p2", "p3"]
    assert (merged[0].before, merged[0].after) == (["claim: 4 days"], ["claim: 8 days"])
    assert merged[0].title == "claim 4 days → 8 days"


def test_the_same_value_on_other_topics_or_from_other_hunks_stays_apart() -> None:
    other_topic = [
        _change(1, ["claim: 4 days"], ["claim: 8 days"]),
        _change(2, ["refund: 4 days"], ["refund: 8 days"]),
    ]
    assert merge_restatements(other_topic, _verdicts(3)) == (other_topic, [])
    other_hunk = [_change(1, ["4 days"], ["8 days"]), _change(2, ["4 days"], ["8 days"], "H2")]
    assert merge_restatements(other_hunk, _verdicts(3)) == (other_hunk, [])
    other_old = [_change(1, ["4 days"], ["8 days"]), _change(2, ["5 days"], ["8 days"])]
    assert merge_restatements(other_old, _verdicts(3)) == (other_old, [])


def test_a_value_read_by_another_noun_on_one_side_only_is_the_same_promise() -> None:
    # a bike shop's service: "your repair for the bike and its parcel rack … within 3 days of
    # your order" reads the old 3 days as shipping, the same reply elsewhere as the order; the
    # new 6 days are the order's on both
    changes = [
        _change(1, ["order: 3 business days"], ["order: 6 business days"]),
        _change(2, ["shipping: 3 business days"], ["order: 6 business days"]),
    ]
    merged, grown = merge_restatements(changes, _verdicts(3))
    assert merged == grown and len(merged) == 1
    assert merged[0].probe_ids == ["p1", "p2"]
    assert merged[0].title == "order 3 business days → 6 business days"


def test_topics_against_each_other_on_both_sides_or_other_values_stay_apart() -> None:
    both_sides = [
        _change(1, ["order: 3 business days"], ["order: 6 business days"]),
        _change(2, ["shipping: 3 business days"], ["shipping: 6 business days"]),
    ]
    assert merge_restatements(both_sides, _verdicts(3)) == (both_sides, [])
    other_old = [
        _change(1, ["order: 3 business days"], ["order: 6 business days"]),
        _change(2, ["shipping: 2 business days"], ["order: 6 business days"]),
    ]
    assert merge_restatements(other_old, _verdicts(3)) == (other_old, [])
    nothing_came = [
        _change(1, ["order: 3 business days"], []),
        _change(2, ["shipping: 3 business days"], []),
    ]
    assert merge_restatements(nothing_came, _verdicts(3)) == (nothing_came, [])
