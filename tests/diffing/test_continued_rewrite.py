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
