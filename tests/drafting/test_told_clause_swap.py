"""A KB sentence telling the customer what a swapped rule's old told clause said.

Seen on a used-car dealer's agent (set BM, after its held-out run): "book a call with
`request_callback` (…), and tell the customer our warranty team will phone them within 1
working day to arrange a free diagnosis at our workshop" became a claim form sent by text,
the team replying by email. The warranty macro said "…, so our warranty team will phone you
within 1 working day to arrange a free diagnosis at our workshop." and was not found: the old
sentence's words of the agent's work (its tool, "a short summary of the fault", "tell the
customer") are none a KB sentence says, so it shared too few of them. The part-exchange
macro, a phone call within the same time for another purpose, stays.
"""

from __future__ import annotations

import pytest


def test_the_used_car_warranty_macro(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import run_scenario

    found, _project = run_scenario(tmp_path_factory.mktemp("usedcar"), "usedcar-warranty-claimlink")
    drafts = found["drafts"]
    edits = {e["content"]["item_key"]: e["content"] for e in drafts["edits"]}
    body = edits["macro:6101"]["new_body"]
    assert body is not None
    assert (
        "It's still under our 6-month warranty, so we send our online warranty claim form, and "
        "it goes by text to your mobile. Please fill it in, and our warranty team will reply by "
        "email within 1 working day" in body
    )
    assert "phone you" not in body
    # the same channel and time for another purpose: no edit
    assert "macro:6103" not in edits
