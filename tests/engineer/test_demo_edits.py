"""The demo's own run drafts the edits the example's unit tests pin.

The drafting tests build the example's analysis from recorded transcripts and draft without
the new prompt (their release's labels name no folder); the demo runs the simulated agents
and drafts with the new prompt read again (`versions.head_sections`). The new prompt still
says the rule the change departs from for everyone else ("If the order is delayed more than
48 hours, escalate it … will contact them within 24 hours"): the delayed-order macro's
"A shipping specialist will contact you within 24 hours" is that rule for the customers the
change is about too, not a sentence the new prompt keeps for them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Demo


def _edit(demo: Demo, title: str) -> dict[str, Any]:
    edits = [edit["content"] for edit in demo.output["drafts"]["edits"]]
    found = [edit for edit in edits if edit["item_title"] == title]
    assert found, f"no edit for {title!r}: {[edit['item_title'] for edit in edits]}"
    return found[0]


@pytest.mark.xdist_group("demo")
def test_the_demos_delayed_order_edit_drops_the_specialists_call(demo_run: Demo) -> None:
    edit = _edit(demo_run, "Shipping::Delayed order")
    assert edit["change_id"] == "C1" and edit["rewritten"]
    assert edit["conflicts"] == [
        "Your order is more than 48 hours past its estimated delivery date, so I have "
        "escalated it to our shipping team.",
        "A shipping specialist will contact you within 24 hours with an update.",
    ]
    assert "escalated it to our shipping team" not in edit["new_body"]
    assert "contact you within 24 hours" not in edit["new_body"]
    assert "I've refunded 50% of your shipping fee" in edit["new_body"]


@pytest.mark.xdist_group("demo")
def test_the_demos_late_order_article_gets_its_edit(demo_run: Demo) -> None:
    edit = _edit(demo_run, "My order is late")
    assert edit["change_id"] == "C1"
    assert "we give you a partial shipping refund of 50% of the shipping fee instead." in (
        edit["new_body"] or ""
    )
