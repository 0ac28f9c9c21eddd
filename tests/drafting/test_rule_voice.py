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


def test_the_customer_said_as_you_takes_the_verb_with_it() -> None:
    """ "the customer is sent …" said to the customer is "you are sent …", never "you is"
    (a channel change's macro once read "You is sent your collection code by text")."""
    from behaviordiff.drafting.promptrule import _to_you, voiced

    assert _to_you("Once it's packed, the customer is sent their code by text.", None) == (
        "Once it's packed, you are sent your code by text."
    )
    assert _to_you("If the guest has a voucher, the guest isn't charged.", "guest") == (
        "If you have a voucher, you aren't charged."
    )
    said = voiced("Once the order is packed, the customer is sent their collection code by text.")
    assert said is not None and "you is" not in said.statement.lower()
    assert "you are sent your collection code by text" in said.statement
