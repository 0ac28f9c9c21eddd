"""A promise's topic found near "membership" is no group of people: the note says the value
(and quotes what it is of), never "for members" when no member condition is the change's
(trial12 T7)."""

from __future__ import annotations

import re

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ChangeFacts


def _duration(text: str) -> list[Promise]:
    return [promise for promise in extract_promises(text) if promise.kind == "duration"]


def test_a_pause_limit_near_membership_is_not_told_for_members() -> None:
    # a co-working space: a desk pause limit, said next to "membership"
    old = (
        "Hi Jo, I've paused your desk for 1 week. You can pause your membership for up to 2 weeks."
    )
    new = (
        "Hi Jo, I've paused your desk for 1 week. You can pause your membership for up to 3 weeks."
    )
    added = [p for p in _duration(new) if p.value == "3 weeks"]
    removed = [p for p in _duration(old) if p.value == "2 weeks"]
    assert added and added[0].topic  # found near "membership": a topic, not a group
    facts = ChangeFacts(
        id="C1",
        title="pause limit",
        kind="promises",
        facets=["promises"],
        probe_ids=["pause-1", "pause-2"],
        excerpts=[Excerpt("pause-1", old, new)],
        added_promises=added,
        removed_promises=removed,
    )
    note = TemplateDrafter().note(facts, [], None)
    told = f"{note.title} {note.before} {note.after} {note.customer_impact}"
    assert not re.search(r"\bmembers\b", told, re.I)
    assert "3 weeks" in note.after and "3 weeks" in note.customer_impact
