"""A prompt rule rewritten as two sentences: the changed sentence carries the added sentence
that goes on from it, so its attribution's summary holds the rewrite's new words (an agent in
another domain: a bike shop's punctures)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attributed_summary
from behaviordiff.diffing.model import Hunk
from behaviordiff.diffing.versions import _diff_prompt_file, _HunkList

OLD = (
    "# Repairs\n"
    "- Punctures (repair type puncture): book the workshop with `book_workshop` and tell the "
    "rider the workshop will call within 1 day.\n"
    "- Snapped chains: book the workshop with `book_workshop`.\n"
)


def _hunks(new: str) -> list[Hunk]:
    hunks = _HunkList()
    _diff_prompt_file("system.md", OLD, new, hunks)
    return hunks.hunks


def test_changed_sentence_carries_the_added_sentence_after_it() -> None:
    new = (
        "# Repairs\n"
        "- Punctures (repair type puncture): don't book the workshop. Post a patch kit with "
        "`send_patch_kit` and tell the rider it arrives within 2 days.\n"
        "Ask for the frame number.\n"
        "- Snapped chains: book the workshop with `book_workshop`.\n"
    )
    changed = next(hunk for hunk in _hunks(new) if hunk.kind == "sentence_changed")
    assert changed.new == "Punctures (repair type puncture): don't book the workshop."
    # one sentence only: the next added one is a rule of its own
    assert changed.continued == (
        "Post a patch kit with `send_patch_kit` and tell the rider it arrives within 2 days.",
    )
    summary = attributed_summary(changed)
    assert summary.startswith(changed.summary())
    assert "`send_patch_kit`" in summary
    assert "continued" not in changed.to_dict()


def test_an_added_sentence_elsewhere_in_the_section_is_no_continuation() -> None:
    new = (
        "# Repairs\n"
        "- Punctures (repair type puncture): don't book the workshop.\n"
        "- Snapped chains: book the workshop with `book_workshop`.\n"
        "- Post a patch kit with `send_patch_kit` for punctures.\n"
    )
    changed = next(hunk for hunk in _hunks(new) if hunk.kind == "sentence_changed")
    assert changed.continued == ()
    assert attributed_summary(changed) == changed.summary()


OLD_GYM = (
    "# Joining\n"
    "- Members aged 16 or over: book the induction with `book_induction` straight away.\n"
    "- We don't ask for a doctor's note.\n"
    "- Lockers: give the locker code.\n"
)


def _gym_hunks(new: str) -> list[Hunk]:
    hunks = _HunkList()
    _diff_prompt_file("system.md", OLD_GYM, new, hunks)
    return hunks.hunks


def test_a_changed_sentence_with_no_case_of_its_own_goes_on_from_the_one_before() -> None:
    # a gym: members aged 16 to 17 now need a parent's consent form first
    new = (
        "# Joining\n"
        "- Members aged 16 to 17: don't book the induction yet.\n"
        "- Send the consent form with `send_consent_form`; we book the induction once a parent "
        "has signed it.\n"
        "- Lockers: give the locker code.\n"
    )
    first = next(
        hunk
        for hunk in _gym_hunks(new)
        if hunk.kind == "sentence_changed" and "16 to 17" in str(hunk.new)
    )
    assert len(first.continued) == 1 and "`send_consent_form`" in first.continued[0]
    assert "consent form" in attributed_summary(first)


def test_a_changed_sentence_with_a_case_of_its_own_is_a_rule_of_its_own() -> None:
    new = (
        "# Joining\n"
        "- Members aged 16 to 17: don't book the induction yet.\n"
        "- Members aged 18 or over: we don't ask for a doctor's note.\n"
        "- Lockers: give the locker code.\n"
    )
    first = next(
        hunk
        for hunk in _gym_hunks(new)
        if hunk.kind == "sentence_changed" and "16 to 17" in str(hunk.new)
    )
    assert first.continued == ()
