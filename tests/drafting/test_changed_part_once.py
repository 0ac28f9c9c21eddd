"""What `promptrule._restates_changed_part` reads of the change is worked out once per change
(`_changed_part`), not for every sentence of a long item: the rule's stems, the words it denies
and the other passages' stems. Made-up agent: a bike hire shop whose rule "book a van straight
away and tell them it arrives the day before" now says, for e-bikes, "do not book a van yet"."""

from __future__ import annotations

import types

from behaviordiff.drafting import promptrule

TOUCHED = ["Book a van straight away, and we deliver the bike the day before your hire starts."]
SAID = types.SimpleNamespace(
    prompt="E-bikes: do not book a van yet; tell the customer to collect it in store. " * 3
)
OTHERS = ["Every other bike is delivered by van the day before your hire starts."] * 60


def test_the_changed_part_is_read_once_and_answers_as_before() -> None:
    part = promptrule._changed_part(TOUCHED, SAID, OTHERS)  # type: ignore[arg-type]
    assert promptrule._restates_changed_part("We book a van straight away.", part)
    assert not promptrule._restates_changed_part(
        "We deliver the bike the day before your hire starts.", part
    )
    assert promptrule._restates_changed_part("Anything at all.", None)
    texts = [f"Sentence {i} about a van delivery the day before hire." for i in range(2_000)]
    # about the part the change kept (a delivery the day before), as above; timed by
    # bench/huge_drafting.py, "promptrule _restates_changed_part, …"
    assert not any(promptrule._restates_changed_part(text, part) for text in texts)
