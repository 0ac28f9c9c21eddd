"""A claim that something costs nothing is a promise, however it is said ("free with every
hire", "at no extra cost", "there's no charge"): withdrawn ("helmets and locks can be added
when you book"), it is a behavior change, where the meaning of the two replies alone read
as close and a new user's gate opened on it (trial T13). "You're free to cancel" is no
price; "not free" and "no longer free" claim none."""

from __future__ import annotations

import pytest

from behaviordiff.detect import analyze
from behaviordiff.detect.facts import extract_promises
from behaviordiff.transcripts import Transcript


def _terms(text: str) -> set[str]:
    return {p.value for p in extract_promises(text) if p.kind == "term"}


@pytest.mark.parametrize(
    "text",
    [
        "Helmets and locks are free with every hire.",
        "We can fit the child seat at no extra cost.",
        "There's no charge for a second driver.",
        "The tyre check costs nothing.",
        "You can swap the date for free.",
    ],
)
def test_a_zero_price_said_any_way_is_the_promise_free(text: str) -> None:
    assert _terms(text) == {"free"}


@pytest.mark.parametrize(
    "text",
    [
        "You're free to cancel at any time.",
        "Helmets are not free with a basic plan.",
        "Locks are no longer free.",
        "Helmets and locks can be added when you book.",
    ],
)
def test_no_price_claimed_is_no_promise(text: str) -> None:
    assert _terms(text) == set()


def test_a_policy_term_with_free_in_it_stays_the_term() -> None:
    assert _terms("Returns are free of charge.") == {"free of charge"}
    assert _terms("Free shipping on every order over £30.") == {"free shipping"}


def _run(probe_id: str, sample: int, reply: str) -> Transcript:
    return Transcript(
        probe_id=probe_id,
        sample=sample,
        messages=[
            {"role": "user", "content": "Do I need to bring a helmet?"},
            {"role": "assistant", "content": reply},
        ],
        final_reply=reply,
        metadata={"variables": {"topic": probe_id.split("-")[0]}},
    )


def test_a_free_item_made_an_add_on_is_a_behavior_change() -> None:
    old: list[Transcript] = []
    new: list[Transcript] = []
    for sample in range(3):
        old.append(_run("helmet-1", sample, "Hi Alex, helmets and locks are free with every hire."))
        new.append(
            _run("helmet-1", sample, "Hi Alex, helmets and locks can be added when you book.")
        )
        for index in range(4):
            said = "Hi Alex, our shop opens at 9am and closes at 6pm."
            old.append(_run(f"hours-{index}", sample, said))
            new.append(_run(f"hours-{index}", sample, said))
    analysis = analyze(old, new)
    [change] = analysis.changes
    assert change.probe_ids == ["helmet-1"]
    assert "promises" in change.facets


@pytest.mark.parametrize(
    ("reply", "refused"),
    [
        ("Hi Alex, sorry, e-bikes are only for riders aged 18 or over.", True),
        ("Sorry, you need to be at least 18 to hire one.", True),
        ("Sorry, the evening rate is only available to members.", True),
        ("Hi Alex, yes, at 17 you can hire an e-bike.", False),
        ("Sorry for the wait! Our shop is only open on weekdays.", False),
    ],
)
def test_an_apology_stating_the_limit_the_customer_is_outside_is_a_refusal(
    reply: str, refused: bool
) -> None:
    """A minimum age raised: the 17-year-old once served is now told "sorry, e-bikes are only
    for riders aged 18 or over", a refusal of service (trial T15 read it as a 'meaning'
    change of low severity)."""
    from behaviordiff.detect.signature import REFUSAL

    assert bool(REFUSAL.search(reply)) is refused
