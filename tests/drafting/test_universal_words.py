"""Which words claim a rule for every case, as a rule now excepted reads them (a made-up florist
that no longer sends lilies to care homes): "any address" and "anywhere in the country"
claim it; "nothing at all" only stresses a denial, and "the same
as anywhere else" compares one place with the others."""

from __future__ import annotations

from behaviordiff.drafting.impact import claims_for_all

HEAD = "Orders containing lilies can't be sent to care home addresses"


def test_everything_whatever_and_anywhere_claim_the_rule_for_every_case() -> None:
    assert claims_for_all(HEAD, "We send everything we sell, lilies included, to any address.")
    # "everything" alone is no claim here: a rule's "everything else" shares it by chance
    assert not claims_for_all(
        "Everything else within 30 days", "Everything is dispatched within 3 days."
    )
    assert claims_for_all(HEAD, "Lilies can be sent anywhere, care homes and hospitals too.")


def test_at_all_and_anywhere_else_claim_nothing() -> None:
    assert not claims_for_all(
        HEAD, "Delivery to care home addresses costs the same as anywhere else: nothing at all."
    )
    assert not claims_for_all(HEAD, "Care home orders with lilies cost nothing at all to send.")
