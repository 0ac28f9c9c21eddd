"""A changed sentence that draws the line at the condition's own number ranks first among the
causes: a climbing wall gave every new climber a free taster session, whatever their age, and
now only climbers under 16; sentences added beside it say what the older ones get now (the
tool, the price) and outscore it on the tool and the price alone. The line between the
probes that changed (`climber_age >= 16`) and the others is drawn by the sentence that now
states 16 where the old one said "whatever their age"."""

from __future__ import annotations

from behaviordiff.detect.attribution import attribute
from behaviordiff.detect.model import BehaviorChange, Condition
from behaviordiff.diffing.model import Hunk, VersionDiff

NARROWED = Hunk(
    "H1",
    "sentence_changed",
    "system.md",
    section="Tasters",
    old="Every new climber's first session is a free taster, whatever their age.",
    new="New climbers under 16 get a free taster as their first session.",
    removed_words=("Every", "whatever", "age"),
    added_words=("under", "16", "get", "as"),
)
KEPT = Hunk(
    "H2",
    "sentence_changed",
    "system.md",
    section="Tasters",
    old="When a new climber wants to start, book it with `book_taster` and say it's free.",
    new="When one wants to start, book it with `book_taster` and say it's free.",
    removed_words=("a", "new", "climber"),
    added_words=("one",),
)
OLDER = Hunk(
    "H3",
    "sentence_added",
    "system.md",
    section="Tasters",
    new="When an older climber wants to start, book a full session with `book_session` and "
    "tell them it costs £14.",
)
NUMBERED = Hunk(
    "H4",
    "sentence_changed",
    "system.md",
    section="Tasters",
    old="Tasters last 45 minutes.",
    new="Tasters last 16 minutes.",
    removed_words=("45",),
    added_words=("16",),
)


def _change(bound: float) -> BehaviorChange:
    change = BehaviorChange(
        "C1",
        "book_taster → book_session",
        ["p1", "p2", "p3"],
        ["actions"],
        "actions",
        before=["book_taster"],
        after=["book_session"],
    )
    change.conditions = [
        Condition.from_dict(
            {
                "text": f"climber_age >= {bound:g}",
                "atoms": [{"feature": "climber_age", "op": ">=", "value": bound}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 5},
            }
        )
    ]
    return change


def test_the_sentence_that_draws_the_line_at_the_conditions_bound_leads() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [OLDER, KEPT, NARROWED])
    ranked = attribute(_change(16), {}, diff)
    assert ranked[0].hunk_id == "H1"
    assert any(reason.startswith("limits the rule at 16") for reason in ranked[0].reasons)


def test_a_lead_that_states_the_line_itself_keeps_the_lead() -> None:
    priced = Hunk(
        "H7",
        "sentence_added",
        "system.md",
        section="Tasters",
        new="If the climber is 16 or over, book a full session with `book_session` and tell "
        "them it costs £14.",
    )
    ranked = attribute(_change(16), {}, VersionDiff("v1", "v2", "a", "b", [priced, NARROWED]))
    assert ranked[0].hunk_id == "H7"
    assert any(reason.startswith("limits the rule at 16") for reason in ranked[1].reasons)


def test_a_number_that_is_not_the_conditions_bound_draws_no_line() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [OLDER, KEPT, NARROWED])
    ranked = attribute(_change(18), {}, diff)
    assert not any(reason.startswith("limits") for item in ranked for reason in item.reasons)


def test_a_sentence_that_claimed_no_every_case_draws_no_line() -> None:
    diff = VersionDiff("v1", "v2", "a", "b", [OLDER, KEPT, NUMBERED])
    ranked = attribute(_change(16), {}, diff)
    assert not any(reason.startswith("limits") for item in ranked for reason in item.reasons)


LOST_NUMBER = Hunk(
    "H5",
    "sentence_changed",
    "system.md",
    section="Lockers",
    old="If the member has used fewer than 3 this month, call `open_locker` (fee 0).",
    new="If the member has used fewer than their tier's free opens, call `open_locker` (fee 0).",
    removed_words=("3", "this", "month"),
    added_words=("their", "tier's", "free", "opens"),
)
NEW_LINE = Hunk(
    "H6",
    "sentence_changed",
    "system.md",
    section="Lockers",
    old="Every tier includes 3 free opens a month.",
    new="Silver includes 3 free opens a month; Gold includes 6 free opens a month.",
    removed_words=("Every", "tier"),
    added_words=("Silver", "Gold", "includes", "6", "free", "opens", "month"),
)


def test_of_two_sentences_losing_the_old_number_the_one_stating_the_new_line_leads() -> None:
    change = BehaviorChange(
        "C1",
        "open_locker: fee 2 → 0",
        ["p1", "p2", "p3"],
        ["actions"],
        "actions",
        before=["open_locker(fee=2)"],
        after=["open_locker(fee=0)"],
    )
    change.conditions = [
        Condition.from_dict(
            {
                "text": "tier = gold and 3 <= opens_used < 6",
                "atoms": [
                    {"feature": "tier", "op": "=", "value": "gold"},
                    {
                        "feature": "opens_used",
                        "op": "between",
                        "low": 3,
                        "high": 6,
                        "low_inclusive": True,
                        "high_inclusive": False,
                    },
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 5},
            }
        )
    ]
    ranked = attribute(change, {}, VersionDiff("v1", "v2", "a", "b", [LOST_NUMBER, NEW_LINE]))
    assert ranked[0].hunk_id == "H6"


def test_an_added_line_for_the_conditions_category_at_its_bound_leads() -> None:
    # "Free re-entry: if you left 30 minutes ago or less, …" → "Free re-entry: … when you left
    # within your ticket's window:" with "- weekend tickets: 60 minutes or less." added
    rewritten = Hunk(
        "H8",
        "sentence_changed",
        "system.md",
        section="Re-entry",
        old="Free re-entry: if the visitor left 30 minutes ago or less, scan them back in with "
        "`readmit` (free: true). This applies to every ticket.",
        new="Free re-entry: scan the visitor back in with `readmit` (free: true) when they left "
        "within their ticket's window:",
        removed_words=("if", "30", "minutes", "ago", "or", "less", "every"),
        added_words=("when", "within", "window"),
    )
    added = Hunk(
        "H9",
        "sentence_added",
        "system.md",
        section="Re-entry",
        new="- weekend tickets: 60 minutes ago or less.",
    )
    change = BehaviorChange(
        "C1",
        "now calls readmit",
        ["p1", "p2", "p3"],
        ["actions"],
        "actions",
        before=[],
        after=["readmit(free=true)"],
    )
    change.conditions = [
        Condition.from_dict(
            {
                "text": "ticket = weekend and 30 < minutes_since_exit <= 60",
                "atoms": [
                    {"feature": "ticket", "op": "=", "value": "weekend"},
                    {
                        "feature": "minutes_since_exit",
                        "op": "between",
                        "low": 30,
                        "high": 60,
                        "low_inclusive": False,
                        "high_inclusive": True,
                    },
                ],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 5},
            }
        )
    ]
    ranked = attribute(change, {}, VersionDiff("v1", "v2", "a", "b", [rewritten, added]))
    assert ranked[0].hunk_id == "H9"
