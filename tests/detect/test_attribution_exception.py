"""The cause of a change is the hunk that states what its customers get now; a changed sentence
that keeps the old rule for other customers (an exception clause) is a second cause (an agent
in another domain: a library's renewals)."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import Atom, Attribution, BehaviorChange, Condition
from behaviordiff.detect.signature import BehaviorSignature
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff

OLD_RULE = "When a patron asks to keep a book longer, renew it for 14 days with `renew_loan`."
NARROWED = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Renewals",
    old=OLD_RULE,
    new="Patrons with a reading pass: when they ask to keep a book longer, renew it for 14 days "
    "with `renew_loan`.",
    removed_words=("When", "a", "patron", "asks"),
    added_words=("Patrons", "with", "a", "reading", "pass", ":", "when", "they", "ask"),
)
NEW_STEP = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section="Renewals",
    new="Everyone else: do not renew the loan yourself; ask them to place a hold request at the "
    "front desk.",
)
MOVED = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Renewals",
    old=OLD_RULE,
    new=OLD_RULE.replace("14 days", "7 days"),
    removed_words=("14",),
    added_words=("7",),
)


def _samples() -> dict[str, ProbeSamples]:
    def signature(sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), False, False, frozenset(), text)

    old = [signature(i, "Done: your loan is renewed for 14 days.") for i in range(3)]
    new = [
        signature(
            i,
            "Without a reading pass, patrons ask at the front desk: please place a hold request "
            "there and the librarian decides.",
        )
        for i in range(3)
    ]
    return {"p1": ProbeSamples("p1", old, new)}


def _stopped() -> BehaviorChange:
    return BehaviorChange(
        "C1", "no longer calls renew_loan", ["p1"], ["actions"], "actions", before=["renew_loan"]
    )


def test_the_new_steps_rule_comes_before_the_exception_that_keeps_the_old_one() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [NARROWED, NEW_STEP])
    ranked = attribute(_stopped(), _samples(), diff)
    assert [item.hunk_id for item in ranked] == ["H2", "H1"]
    assert "keeps the rule for renew_loan for others" in ranked[1].reasons
    assert ranked[1].score > ranked[0].score  # its words match more, yet it comes second


def _reasons(ranked: list[Attribution], hunk_id: str) -> tuple[str, ...]:
    return next(item.reasons for item in ranked if item.hunk_id == hunk_id)


def test_a_rule_whose_number_moved_is_no_exception() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [MOVED, NEW_STEP])
    ranked = attribute(_stopped(), _samples(), diff)
    assert "changes the rule for renew_loan" in _reasons(ranked, "H1")


def test_a_rule_now_applied_to_the_changes_customers_is_no_exception() -> None:
    # the change now calls the tool: the sentence naming it is why, not an exception
    started = BehaviorChange(
        "C1", "now calls renew_loan", ["p1"], ["actions"], "actions", after=["renew_loan"]
    )
    diff = VersionDiff("v1", "v2", "a", "b", [NARROWED, NEW_STEP])
    ranked = attribute(started, _samples(), diff)
    assert "changes the rule for renew_loan" in _reasons(ranked, "H1")


# a call kept for the other side of the line the change draws on a number a tool returns (a
# library's overdue fines: books more than 28 days overdue now get a written appeal form by
# email, the rest still a phone call from the desk)
OLD_CALL = "Then arrange a call from the desk with `request_desk_call` (loan_id)."
KEPT_SIDE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Overdue fines",
    old=OLD_CALL,
    new="If the book is 28 days overdue or less, arrange a call from the desk with "
    "`request_desk_call` (loan_id).",
    removed_words=("Then",),
    added_words=("If", "the", "book", "is", "28", "days", "overdue", "or", "less"),
)
FORM_STEP = Hunk(
    "H2",
    "sentence_added",
    "system.md",
    section="Overdue fines",
    new="Send our appeal form with `send_appeal_form` (loan_id) and tell the patron it's on its "
    "way to their email address.",
)
OTHER_LINE = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Overdue fines",
    old=OLD_CALL,
    new="If the book is 10 days overdue or less, arrange a call from the desk with "
    "`request_desk_call` (loan_id).",
    removed_words=("Then",),
    added_words=("If", "the", "book", "is", "10", "days", "overdue", "or", "less"),
)


def _swapped() -> BehaviorChange:
    atoms = (Atom("lookup_loan.days_overdue", ">", 28.0),)
    return BehaviorChange(
        "C1",
        "request_desk_call → send_appeal_form",
        ["p1"],
        ["actions"],
        "actions",
        before=["request_desk_call"],
        after=["send_appeal_form"],
        conditions=[Condition("lookup_loan.days_overdue > 28", atoms, 1, 1, 0, 4)],
    )


def _fine_samples() -> dict[str, ProbeSamples]:
    def signature(sample: int, text: str) -> BehaviorSignature:
        return BehaviorSignature("p1", sample, (), False, False, frozenset(), text)

    old = [signature(i, "Someone from the desk will call you about the fine.") for i in range(3)]
    new = [signature(i, "I've emailed you our appeal form for the fine.") for i in range(3)]
    return {"p1": ProbeSamples("p1", old, new)}


def test_a_call_kept_for_the_other_side_of_the_conditions_line_is_an_exception() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [KEPT_SIDE, FORM_STEP])
    ranked = attribute(_swapped(), _fine_samples(), diff)
    assert [item.hunk_id for item in ranked][:2] == ["H2", "H1"]
    assert "keeps the rule for request_desk_call for others" in _reasons(ranked, "H1")


def test_a_line_at_another_number_than_the_conditions_is_no_exception() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [OTHER_LINE, FORM_STEP])
    ranked = attribute(_swapped(), _fine_samples(), diff)
    assert "changes the rule for request_desk_call" in _reasons(ranked, "H1")
