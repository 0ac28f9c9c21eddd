"""An added sentence calling the change's tool with a value only its old calls passed keeps the
old call for the other side of the condition; the changed sentence stating the new call is the
cause (an agent in another domain: a van hire that now charges a deposit for bookings made more
than 14 days ahead, and the full hire, as before, for later ones)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import Atom, BehaviorChange, Condition
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

OLD_RULE = (
    "When a customer books a van, the hire is charged in full: call `charge_card` with amount "
    '"full" and the whole hire price, and tell them there is nothing more to pay.'
)
NEW_SIDE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Charging",
    old=OLD_RULE,
    new=(
        "When a customer books a van more than 14 days ahead, take a deposit: call "
        '`charge_card` with amount "deposit" and a quarter of the hire price, and tell them '
        "the rest is due 14 days before pick-up."
    ),
    removed_words=("the", "hire", "is", "charged", "in", "full", "full", "whole", "nothing"),
    added_words=("more", "than", "14", "days", "ahead", "deposit", "deposit", "quarter", "due"),
)
OTHER_SIDE = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section="Charging",
    new=(
        "When a customer books a van 14 days or fewer ahead, the hire is charged in full: call "
        '`charge_card` with amount "full" and the whole hire price, and tell them there is '
        "nothing more to pay before pick-up."
    ),
)
AHEAD = Atom("days_ahead", ">", 14.0)


def _samples() -> dict[str, ProbeSamples]:
    def signature(sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), False, False, frozenset(), text)

    old = [
        signature(i, "Your van is booked and paid in full: nothing more to pay.") for i in range(3)
    ]
    new = [
        signature(i, "Your van is booked with a deposit; the rest is due 14 days before pick-up.")
        for i in range(3)
    ]
    return {"p1": ProbeSamples("p1", old, new)}


def _change(after: str) -> BehaviorChange:
    condition = Condition("days_ahead > 14", (AHEAD,), 1, 1, 0, 4)
    return BehaviorChange(
        "C1",
        f"charge_card(amount=full) → {after}",
        ["p1"],
        ["actions"],
        "actions",
        before=["charge_card(amount=full)"],
        after=[after],
        conditions=[condition],
    )


def test_the_old_call_kept_for_the_other_side_is_not_the_cause() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [NEW_SIDE, OTHER_SIDE])
    for after in ("charge_card(amount=deposit)", "charge_card"):
        ranked = attribute(_change(after), _samples(), diff)
        assert ranked[0].hunk_id == "H1"
        assert "keeps the call for the other side of the condition" in next(
            item.reasons for item in ranked if item.hunk_id == "H2"
        )


def test_a_sentence_with_the_new_value_too_is_no_kept_call() -> None:
    both = Hunk(
        "H2",
        "sentence_added",
        "system.md",
        section="Charging",
        new='Call `charge_card` with amount "deposit" early, or amount "full" later.',
    )
    diff = VersionDiff("v1", "v2", "a", "b", [NEW_SIDE, both])
    ranked = attribute(_change("charge_card(amount=deposit)"), _samples(), diff)
    assert not any(
        "keeps the call for the other side of the condition" in item.reasons for item in ranked
    )


def test_the_old_value_worded_away_from_its_argument_is_no_kept_call() -> None:
    worded = Hunk(
        "H2",
        "sentence_added",
        "system.md",
        section="Charging",
        new=(
            "If the fleet is full on the day the customer asks for, call `charge_card` for the "
            "hire price only once they pick another date."
        ),
    )
    diff = VersionDiff("v1", "v2", "a", "b", [NEW_SIDE, worded])
    ranked = attribute(_change("charge_card(amount=deposit)"), _samples(), diff)
    assert not any(
        "keeps the call for the other side of the condition" in item.reasons for item in ranked
    )


def test_the_old_value_beside_its_argument_keeps_the_call_however_written() -> None:
    for written in ("with `amount=full`", "with amount set to full", "with amount: 'full'"):
        kept = Hunk(
            "H2",
            "sentence_added",
            "system.md",
            section="Charging",
            new=f"When a van is booked 14 days or fewer ahead, call `charge_card` {written}.",
        )
        diff = VersionDiff("v1", "v2", "a", "b", [NEW_SIDE, kept])
        ranked = attribute(_change("charge_card(amount=deposit)"), _samples(), diff)
        assert "keeps the call for the other side of the condition" in next(
            item.reasons for item in ranked if item.hunk_id == "H2"
        ), written
