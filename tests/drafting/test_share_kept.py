"""An amount moved by a ratio below one that is a whole percentage (a salon's deposit refund
×0.75 when a 25% late-cancellation charge is kept back) is said as the share left, "75% of
the old amount", "cut to 75%", never "0.75 times" or "multiplied by 0.75": a number no prompt
or reply states. Named ratios and ratios that are no whole percentage keep their words."""

from __future__ import annotations

from behaviordiff.detect.model import MovedArgument, MovedProbeValue
from behaviordiff.drafting.facts import MovedValue
from behaviordiff.drafting.template import TemplateDrafter


def _moved(ratio: float) -> MovedValue:
    row = MovedArgument(
        "refund_deposit",
        "refund_deposit",
        "amount_eur",
        ratio,
        None,
        (
            MovedProbeValue("late-40", 40, round(40 * ratio, 2)),
            MovedProbeValue("late-60", 60, round(60 * ratio, 2)),
        ),
    )
    moved = MovedValue.from_argument(row)
    assert moved is not None
    return moved


def test_a_whole_percentage_below_one_is_said_as_the_share_left() -> None:
    moved = _moved(0.75)
    assert moved.share_kept() == "75%"
    assert moved.ratio_words() == "75% of"
    assert "(75% of the old value)" in moved.summary()
    drafter = TemplateDrafter()
    assert drafter._moved_verb(moved) == "cut to 75%"
    assert drafter._moved_pattern(moved) == "75% of the old amount"


def test_named_ratios_and_other_ratios_keep_their_words() -> None:
    drafter = TemplateDrafter()
    assert _moved(0.5).ratio_words() == "half" and drafter._moved_verb(_moved(0.5)) == "halved"
    assert _moved(1.5).share_kept() is None and _moved(1.5).ratio_words() == "1.5 times"
    assert drafter._moved_verb(_moved(1.5)) == "multiplied by 1.5"
    assert _moved(0.333).share_kept() is None and _moved(0.333).ratio_words() == "0.333 times"
