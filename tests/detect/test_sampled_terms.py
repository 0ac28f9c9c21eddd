"""A promise word the agent says in some samples and not in others (a wording choice) is not a
dropped fact when one probe's samples happen to all say it on one side and none on the other;
a word really dropped, or a value said instead of another, still is."""

from __future__ import annotations

from behaviordiff.detect import analyze
from behaviordiff.transcripts import Transcript, build_transcript

WITH_TERM = "Gift cards last 12 months and yours has lapsed, so a new $20 one is on its way."
WITHOUT_TERM = "Cards are valid for 12 months and that one has lapsed. A new $20 card is coming."
STEADY = [
    "Your parcel leaves us within 2 business days.",
    "Opening hours are 9am to 5pm on weekdays.",
    "You can change your delivery address until the order ships.",
    "Our shop is closed on public holidays.",
    "We deliver to every address on the mainland.",
    "Sizes run small, so pick one up.",
]


def _run(probe_id: str, sample: int, reply: str) -> Transcript:
    messages = [
        {"role": "user", "content": f"question about {probe_id}"},
        {"role": "assistant", "content": reply},
    ]
    return build_transcript(probe_id, sample, messages, input_count=1)


def _side(replies: dict[str, list[str]]) -> list[Transcript]:
    runs = [_run(pid, i, text) for pid, texts in replies.items() for i, text in enumerate(texts)]
    for k, text in enumerate(STEADY):
        runs += [_run(f"steady-{k}", i, text) for i in range(3)]
    return runs


def _verdicts(old: dict[str, list[str]], new: dict[str, list[str]]) -> dict[str, str]:
    analysis = analyze(_side(old), _side(new))
    return {p.probe_id: p.verdict for p in analysis.probes}


def test_a_sampled_term_flipping_on_one_probe_is_not_a_dropped_fact() -> None:
    # "gift card" is a wording choice: the new version says it in 2 of 3 samples elsewhere.
    analysis = analyze(
        _side(
            {
                "lapsed-a": [WITH_TERM] * 3,
                "lapsed-b": [WITHOUT_TERM] * 3,
            }
        ),
        _side(
            {
                "lapsed-a": [WITHOUT_TERM] * 3,
                "lapsed-b": [WITH_TERM, WITHOUT_TERM, WITH_TERM],
            }
        ),
    )
    probe = next(p for p in analysis.probes if p.probe_id == "lapsed-a")
    assert probe.verdict != "behavior-changed"
    promises = probe.results["promises"]
    assert promises.removed == ["term:gift card"]
    assert promises.detail["item_rates"] == {"term:gift card": 0.667}
    assert not analysis.changes


def test_a_term_no_sample_of_the_new_version_says_is_still_dropped() -> None:
    verdicts = _verdicts(
        {"lapsed-a": [WITH_TERM] * 3, "lapsed-b": [WITH_TERM] * 3},
        {"lapsed-a": [WITHOUT_TERM] * 3, "lapsed-b": [WITHOUT_TERM] * 3},
    )
    assert verdicts["lapsed-a"] == verdicts["lapsed-b"] == "behavior-changed"


def test_a_term_dropped_on_many_probes_stays_dropped_beside_one_chatty_probe() -> None:
    dropped = {f"lapsed-{k}": [WITH_TERM] * 3 for k in range(5)}
    verdicts = _verdicts(
        {**dropped, "chatty": [WITHOUT_TERM] * 3},
        {
            **{pid: [WITHOUT_TERM] * 3 for pid in dropped},
            "chatty": [WITH_TERM, WITHOUT_TERM, WITH_TERM],
        },
    )
    assert all(verdicts[pid] == "behavior-changed" for pid in dropped)


def test_a_value_said_instead_is_a_change_even_when_the_old_one_is_sampled() -> None:
    # "12 months" comes and goes on another probe, but "6 months" said in its place is no
    # rewording.
    shorter = WITH_TERM.replace("12 months", "6 months")
    verdicts = _verdicts(
        {"lapsed-a": [WITH_TERM] * 3, "mixed": ["Gift cards are easy to use."] * 3},
        {
            "lapsed-a": [shorter] * 3,
            "mixed": [WITH_TERM, "Gift cards are easy to use.", WITH_TERM],
        },
    )
    assert verdicts["lapsed-a"] == "behavior-changed"
