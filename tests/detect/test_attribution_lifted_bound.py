"""A limit withdrawn: the changed sentence that stated the condition's bound about its variable
and now states none ("Treatment vouchers are valid for 6 months from issue." → "Treatment
vouchers never expire.") is the cause, as a moved bound is; the refusal that applied the limit
("If the voucher is 6 or more months old it has lapsed: do not call `book_treatment` …"), now
rewritten to the booking step, names the tool but not the variable (an agent in another
domain: a spa's treatment vouchers, `months_since_issue >= 6`)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.conditions import lifted_bound_of
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

SECTION = "Vouchers"
BOOK = (
    "book the treatment with `book_treatment` (the voucher code and the date) and tell the "
    "guest the time of their treatment."
)
LIMIT = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section=SECTION,
    old="Treatment vouchers are valid for 6 months from issue.",
    new="Treatment vouchers never expire.",
    removed_words=("are", "valid", "for", "6", "months", "from", "issue"),
    added_words=("never", "expire"),
)
REFUSAL = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section=SECTION,
    old="If the voucher is 6 or more months old it has lapsed: do not call `book_treatment`, and "
    "tell the guest that their voucher lapsed after 6 months.",
    new="Whenever the voucher was bought, " + BOOK,
    removed_words=("If", "6", "or", "more", "months", "old", "lapsed", "do", "not", "call"),
    added_words=("Whenever", "bought", "book", "treatment", "book_treatment", "date", "time"),
)
OTHERWISE = Hunk("H3", "sentence_removed", "system.md", section=SECTION, old="Otherwise, " + BOOK)


def _change() -> BehaviorChange:
    change = BehaviorChange(
        "C1", "now calls book_treatment", ["p1", "p2", "p3"], ["actions"], "actions",
        before=[], after=["book_treatment"],
    )  # fmt: skip
    change.conditions = [
        Condition.from_dict(
            {
                "text": "months_since_issue >= 6",
                "atoms": [{"feature": "months_since_issue", "op": ">=", "value": 6}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 9},
            }
        )
    ]
    return change


def _samples() -> dict[str, ProbeSamples]:
    def signature(probe: str, sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature(probe, sample, (), False, False, frozenset(), text)

    old = "I'm sorry, your voucher lapsed after 6 months, so I can't book the treatment with it."
    new = "Your treatment is booked for Saturday at 11am, paid with your voucher."
    return {
        probe: ProbeSamples(
            probe,
            [signature(probe, i, old) for i in range(3)],
            [signature(probe, i, new) for i in range(3)],
        )
        for probe in ("p1", "p2", "p3")
    }


def test_the_sentence_withdrawing_the_limit_leads() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [LIMIT, REFUSAL, OTHERWISE])
    ranked = attribute(_change(), _samples(), diff)
    assert ranked[0].hunk_id == "H1"
    assert "withdraws the bound 6 of months_since_issue" in ranked[0].reasons


def test_a_sentence_still_stating_a_number_of_the_unit_withdraws_nothing() -> None:
    old, new = "Vouchers are valid for 6 months from issue.", "Vouchers are valid for 12 months."
    assert lifted_bound_of(old, new, "months_since_issue", [6]) is None


def test_a_sentence_not_naming_the_variable_withdraws_nothing() -> None:
    old = "If the voucher is 6 or more months old it has lapsed."
    assert lifted_bound_of(old, "Vouchers never lapse.", "months_since_issue", [6]) is None
    assert lifted_bound_of(LIMIT.old or "", LIMIT.new or "", "months_since_issue", [6]) == 6
