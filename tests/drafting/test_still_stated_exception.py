"""An edit that keeps the old rule's sentence and adds the exception after it keeps the old
rule for everyone else: a sentence going with that rule ("Refunds take 3-5 working days") stays
true for them, so the edit is whole, not half (it was refused as half an edit, and the item only
flagged). An edit that rewrites the old rule's sentence and leaves such a sentence is still half.

Made-up agent: a camera shop (low-priced lens caps now replaced with store credit)."""

from __future__ import annotations

from types import SimpleNamespace

from behaviordiff.drafting.template import _still_stated

OLD = "We refund a faulty lens cap to the card you paid with."
TIMING = "Refunds take 3-5 working days to reach your card."
REASON = "states 3-5 working days, which the new agent no longer states"


def _impact() -> SimpleNamespace:
    return SimpleNamespace(
        item=SimpleNamespace(body_format="markdown"),
        conflicts=[
            SimpleNamespace(
                sentence=OLD,
                reasons=("describes `refund_to_card`, which the new agent no longer does",),
            ),
            SimpleNamespace(sentence=TIMING, reasons=(REASON,)),
        ],
    )


def test_the_old_rule_kept_with_an_exception_keeps_what_goes_with_it() -> None:
    body = (
        "# Faulty caps\n\n"
        + OLD[:-1]
        + ", with one exception: for caps priced at $10 or less, we add the price as store"
        " credit.\n" + TIMING + "\n"
    )
    assert not _still_stated(_impact(), {OLD}, body)  # type: ignore[arg-type]


def test_the_old_rule_rewritten_beside_a_sentence_still_stating_it_is_half_an_edit() -> None:
    body = (
        "# Faulty caps\n\nWe add the price of a faulty lens cap as store credit.\n" + TIMING + "\n"
    )
    assert _still_stated(_impact(), {OLD}, body)  # type: ignore[arg-type]
