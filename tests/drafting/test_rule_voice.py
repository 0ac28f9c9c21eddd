"""A prompt rule restated in the company's voice: what the agent is told to do "yourself" is
what "we" do "ourselves", and what the customer can do "themselves" they do "yourself"."""

from __future__ import annotations

from behaviordiff.drafting.rules import kb_rule


def test_the_agents_own_doing_is_ours() -> None:
    found = kb_rule(
        "Late library fines under £3: waive the fine yourself with `waive_fine` and tell the "
        "member it is gone from their account."
    )
    assert found is not None
    assert found.sentence == (
        "For late library fines under £3, we waive the fine ourselves, and it is gone from "
        "your account."
    )


def test_what_the_customer_does_themselves_they_do_yourself() -> None:
    found = kb_rule("Damaged plant pots: tell the customer they can swap it themselves in store.")
    assert found is not None
    assert found.sentence == "For damaged plant pots, you can swap it yourself in store."
