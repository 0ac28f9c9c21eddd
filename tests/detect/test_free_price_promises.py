"""Something free made a paid add-on (or the reverse) is a behavior change, though no amount is
stated on either side (a new user's bike hire: "Helmets and locks are free with every hire." →
"Helmets and locks can be added when you book.", every sample of each version the same, judged
`unchanged`: no change, no note, the gate open). "Free", "included", "at no extra cost",
"complimentary", "no charge" are promises about price; the same offer in other words is none,
and neither is a "free" that is no price ("feel free", "gluten-free", "a free slot"). A reply
reworded the same way in every sample of each version, by an agent whose samples of one input
are worded alike, is at least a wording change, even on a single probe."""

from __future__ import annotations

import pytest

from behaviordiff.detect import analyze
from behaviordiff.detect.freeprice import free_promises
from behaviordiff.detect.model import Analysis, ProbeVerdict
from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.transcripts import Transcript

OTHERS = [
    ("When are you open?", "We're open 9 to 6 every day."),
    ("Can I cancel my booking?", "Your booking is cancelled and you get a full refund."),
    ("How much is the late fee?", "The late fee is £10 per hour, capped at £60."),
    ("Can I talk to a person?", "A colleague will get back to you shortly."),
    ("Where are you?", "We're at 12 Harbour Road, next to the station."),
    ("Do you sell gift vouchers?", "Yes, vouchers are sold at the desk in any amount."),
    ("Is there parking nearby?", "There is a public car park on Mill Lane."),
]
"""The rest of a suite, answered the same way by both versions."""


def _run(probe_id: str, sample: int, message: str, reply: str) -> Transcript:
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": message},
            {"role": "assistant", "content": reply},
        ],
        final_reply=reply,
        metadata={"tags": [probe_id.split("-")[0]], "variables": {}},
    )


def _verdict(
    old: list[str], new: list[str], *, others: list[list[str]] | None = None
) -> tuple[ProbeVerdict, Analysis]:
    """The focus probe's verdict (its samples' replies per version) in a small suite; each
    other probe's samples (`others`) are said by the new version in reverse order."""
    old_runs: list[Transcript] = []
    new_runs: list[Transcript] = []
    question = "Is there anything included with my booking?"
    for sample, (was, now) in enumerate(zip(old, new, strict=True)):
        old_runs.append(_run("focus", sample, question, was))
        new_runs.append(_run("focus", sample, question, now))
    rest = others or [[reply] * len(old) for _, reply in OTHERS]
    for index, variants in enumerate(rest):
        message = OTHERS[index % len(OTHERS)][0]
        for sample, said in enumerate(variants):
            old_runs.append(_run(f"other-{index}", sample, message, said))
            new_runs.append(_run(f"other-{index}", sample, message, variants[-1 - sample]))
    analysis = analyze(old_runs, new_runs)
    [focus] = [probe for probe in analysis.probes if probe.probe_id == "focus"]
    return focus, analysis


WITHDRAWN = [
    # the new user's bike hire, as its replies said it
    (
        "helmets and locks are free with every hire.",
        "helmets and locks can be added when you book.",
    ),
    ("Delivery is free on every order.", "Delivery is £3.95 on every order."),
    ("Setup is included at no extra cost.", "Setup is available as an add-on."),
    ("Enjoy a complimentary drink with every meal.", "Drinks can be ordered with every meal."),
    ("There's no charge for changing your date.", "Date changes can be made in the app."),
    # the reverse: a paid item made free
    ("Towels can be rented at reception.", "Towels are free for every member."),
    ("Gift wrapping is available at the till.", "Gift wrapping is included with every order."),
]


@pytest.mark.parametrize(("old", "new"), WITHDRAWN)
def test_a_free_item_made_paid_or_a_paid_one_made_free_is_a_behavior_change(
    old: str, new: str
) -> None:
    focus, analysis = _verdict([old] * 3, [new] * 3)
    assert focus.verdict == "behavior-changed"
    assert "promises" in focus.facets
    promises = focus.results["promises"]
    assert "price:free" in (promises.removed if free_promises(old) else promises.added)
    [change] = analysis.changes
    assert change.probe_ids == ["focus"]
    assert {p.verdict for p in analysis.probes if p.probe_id != "focus"} == {"unchanged"}


KEPT = [
    ("Helmets and locks are free with every hire.", "Helmets and locks come free with every hire."),
    ("Helmets and locks are free with every hire.", "We include helmets and locks at no charge."),
    ("Setup is included at no extra cost.", "Setup costs nothing extra: it's included."),
    ("Enjoy a complimentary drink with every meal.", "Every meal comes with a free drink."),
]


@pytest.mark.parametrize(("old", "new"), KEPT)
def test_the_same_free_offer_in_other_words_is_no_behavior_change(old: str, new: str) -> None:
    focus, analysis = _verdict([old] * 3, [new] * 3)
    assert focus.verdict in ("unchanged", "wording-only")
    assert not [change for change in analysis.changes if "focus" in change.probe_ids]


def test_free_worded_differently_sample_by_sample_in_both_versions_is_no_change() -> None:
    said = [
        "Helmets and locks are free with every hire.",
        "Every hire comes with a free helmet and lock.",
        "We include helmets and locks at no charge.",
    ]
    focus, analysis = _verdict(said, [said[2], said[0], said[1]])
    assert focus.verdict in ("unchanged", "wording-only")
    assert not analysis.changes


def test_free_said_in_some_samples_of_both_versions_is_no_change() -> None:
    plain = "Your booking includes the bike and a map."
    free = "Your booking includes the bike and a map. Helmets are free too."
    focus, analysis = _verdict([free, plain, plain], [plain, free, plain])
    assert focus.verdict in ("unchanged", "wording-only")
    assert not analysis.changes


def test_a_reply_reworded_the_same_way_in_every_sample_is_a_wording_change() -> None:
    # a deterministic agent rewords one answer: no promise moved, yet a writer should see it
    focus, _ = _verdict(
        ["You can bring your own bike lights if you like."] * 3,
        ["You're welcome to bring your own bike lights."] * 3,
    )
    assert focus.verdict == "wording-only"
    assert focus.wording is not None and focus.wording.changed


def test_a_one_probe_rewording_where_samples_vary_anyway_stays_chance() -> None:
    # every other probe is worded two ways at random within each version: one probe whose
    # samples all drew one wording per version is what that agent does by chance
    others = []
    for _, reply in OTHERS:
        reworded = f"{reply} Anything else I can help with today?"
        others.append([reply, reworded, reply])
    focus, _ = _verdict(
        ["You can bring your own bike lights if you like."] * 3,
        ["You're welcome to bring your own bike lights."] * 3,
        others=others,
    )
    assert focus.verdict == "unchanged"


@pytest.mark.parametrize(
    "text",
    [
        "Helmets and locks are free with every hire.",
        "Helmets and locks come free with every hire.",
        "We include helmets and locks at no charge.",
        "Delivery is free on orders over £40.",
        "Setup is included at no extra cost.",
        "Enjoy a complimentary drink on arrival.",
        "Lockers are free to use.",
        "Breakfast is included.",
        "Fitting is included in the price.",
        "It won't cost you anything extra.",
        "You can swap sizes for free.",
        "Parking is on the house.",
        "There's nothing to pay.",
        "There's no fee for the first change.",
        "We don't charge for helmets or locks.",
        "We no longer charge for bike locks.",
    ],
)
def test_a_reply_saying_something_costs_nothing_promises_it_free(text: str) -> None:
    assert {(p.kind, p.value) for p in free_promises(text)} == {("price", "free")}


@pytest.mark.parametrize(
    "text",
    [
        "Helmets and locks can be added when you book.",
        "Setup is available as an add-on.",
        "Helmets are no longer free.",
        "Breakfast isn't included.",
        "Feel free to ask if anything else comes up.",
        "You're free to cancel at any time.",
        "Our whole menu is gluten-free.",
        "Call our toll-free number.",
        "The 3pm slot is free.",
        "We have a free slot on Tuesday.",
        "It's a free-standing unit.",
        "Free up some space first.",
        "The receipt is included in the email.",
        "We are free on Tuesday afternoons.",
        "The frame is free from damage.",
    ],
)
def test_a_free_that_is_no_price_or_is_denied_promises_nothing(text: str) -> None:
    assert free_promises(text) == frozenset()


def test_a_policy_term_that_says_free_is_read_once() -> None:
    # "free of charge" is a policy term `extract_promises` reads: not a second promise here
    assert free_promises("Returns are free of charge.", ("free of charge",)) == frozenset()
    assert free_promises("Returns are free of charge.") != frozenset()
    [delivery] = free_promises("Delivery is free on every order.")
    assert delivery.topic == "shipping"
    [drink] = free_promises("Enjoy a complimentary drink on arrival.")
    assert drink.topic == ""  # "arrival" only hints at delivery: no topic named


ASKED = "Do I get a helmet?"


def test_the_trial_change_is_one_change_read_to_the_sentence_that_made_it() -> None:
    equipment = Hunk(
        "H1",
        "sentence_changed",
        "system.md.j2",
        "Equipment",
        old="Helmets and locks are free with every hire.",
        new="Helmets and locks can be added when you book.",
        removed_words=("are", "free", "with", "every", "hire."),
        added_words=("can", "be", "added", "when", "you", "book."),
    )
    tone = Hunk(
        "H2",
        "sentence_changed",
        "system.md.j2",
        "Tone",
        old="Be friendly.",
        new="Be friendly and brief.",
        removed_words=(),
        added_words=("brief",),
    )
    old: list[Transcript] = []
    new: list[Transcript] = []
    for sample in range(3):
        old.append(_run("helmet", sample, ASKED, f"Hi Alex, {equipment.old.lower()}"))
        new.append(_run("helmet", sample, ASKED, f"Hi Alex, {equipment.new.lower()}"))
        for index, (message, reply) in enumerate(OTHERS):
            old.append(_run(f"other-{index}", sample, message, reply))
            new.append(_run(f"other-{index}", sample, message, reply))
    analysis = analyze(old, new, diff=VersionDiff("v1", "v2", "a", "b", [tone, equipment]))
    [change] = analysis.changes
    assert change.probe_ids == ["helmet"]
    assert change.kind == "promises" and change.before == ["free"]
    assert change.attribution[0].hunk_id == "H1"
