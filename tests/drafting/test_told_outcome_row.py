"""A fee kept whatever the notice, now handed back with enough notice, in a KB whose table says
the old handling in a cell with no case (made-up agents, no scenario's text): a pottery
studio's course fee, "non-refundable, however early the customer cancels", is now refunded
10 or more days before the course; a campsite's pitch deposit, kept "whatever the reason",
now comes back 21 or more days before arrival. A row saying the claim ("| Course fee | £120
| Non-refundable; includes clay |") or the outcome the old replies told ("| Course fee if you
cancel | Forfeited |", "| Pitch deposit when you cancel | Kept by the site |") takes the
changed case first in the cell's few words ("Refunded if you cancel 10 or more days before
the course starts, otherwise forfeited"); a row with a case of its own, another thing's row
and an outcome the new replies still tell stay as they are."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import still_conflicting
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.splitcase import SPLIT_CASE_REASON, case_splits, split_case_fact
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

POTTERY_OLD = (
    "Course fees are non-refundable, whatever the reason and however early the customer cancels."
)
POTTERY_NEW = (
    "If the customer cancels 10 or more days before the course starts, cancel with "
    "`cancel_place` and refund the course fee with `refund_fee`; tell them it reaches their "
    "card within 3 working days."
)
POTTERY_KEPT = (
    "With fewer than 10 days' notice the course fee is non-refundable, whatever the reason."
)
POTTERY_TOLD = "Cancel with `cancel_place` and tell the customer the course fee is forfeited."


def _pottery(
    told: str = POTTERY_TOLD, new_reply: str = "Your course fee has been refunded."
) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="cancel_place → cancel_place, refund_fee",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["course-12", "course-30"],
        before_actions=[ActionFact("cancel_place")],
        after_actions=[ActionFact("cancel_place"), ActionFact("refund_fee")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "days_to_course", "op": ">=", "value": 10}]})
        ],
        rules=[
            Rule("H1", "sentence_changed", "Cancelling a course", POTTERY_OLD, POTTERY_NEW, "c"),
            Rule("H2", "sentence_added", "Cancelling a course", None, POTTERY_KEPT, "added"),
        ],
        excerpts=[
            Excerpt("course-12", "Sorry, your course fee is forfeited, Ada.", new_reply),
            Excerpt(
                "course-30", "Fees can't be refunded, so it's forfeited.", "It's refunded, Bo."
            ),
        ],
        others=5,
        prompt_sections={
            "Courses": ["Every course costs £120, paid when the student books."],
            "Cancelling a course": [POTTERY_NEW, POTTERY_KEPT, told],
        },
    )


def _article(body: str) -> KnowledgeItem:
    return KnowledgeItem("article", "51", "Courses at a glance", body, "markdown", "kb", "a")


def _impacts(facts: ChangeFacts, *items: KnowledgeItem) -> dict[str, Impact]:
    return {i.item.key: i for i in rank_items(facts, KnowledgeBase(list(items))) if i.affected}


def _edited(facts: ChangeFacts, body: str) -> str:
    impact = _impacts(facts, _article(body))["article:51"]
    assert any(SPLIT_CASE_REASON in conflict.reasons for conflict in impact.conflicts)
    return str(TemplateDrafter().edit(facts, impact).new_body)


CASE = "if you cancel 10 or more days before the course starts"
TABLE = (
    "# Courses at a glance\n\n| What | Details |\n|---|---|\n"
    "| Course fee | £120, paid when you book |\n"
    "| Course fee if you cancel | Forfeited |\n"
    "| Swapping courses | Free once |\n\n"
    "Aprons are provided.\n"
)


def test_the_old_outcome_the_replies_told_is_a_claim_for_every_case() -> None:
    [split] = case_splits(_pottery())
    assert split.told == ("fee is forfeited",)
    # an outcome the new replies still tell, or the old ones never told, is no claim
    assert not case_splits(_pottery(new_reply="Your fee is forfeited, sorry."))[0].told
    plain = _pottery(told="Cancel with `cancel_place` and tell the customer the fee is noted.")
    assert not case_splits(plain)[0].told


def test_a_cell_saying_the_told_outcome_takes_the_changed_case_first() -> None:
    body = _edited(_pottery(), TABLE)
    assert f"| Course fee if you cancel | Refunded {CASE}, otherwise forfeited |\n" in body
    assert body == TABLE.replace("| Forfeited |", f"| Refunded {CASE}, otherwise forfeited |")


def test_a_cell_saying_the_claim_with_no_case_keeps_its_other_clauses() -> None:
    table = (
        "# Prices\n\n| What | Price | Good to know |\n|---|---|---|\n"
        "| Course fee | £120 | Non-refundable; includes clay and firing |\n"
        "| Gift cards | From £20 | Valid for a year; non-refundable |\n"
    )
    body = _edited(_pottery(), table)
    assert body == table.replace(
        "| Non-refundable; includes clay and firing |",
        f"| Refunded {CASE}, otherwise non-refundable; includes clay and firing |",
    )
    worded = table.replace("Non-refundable; includes", "Not refundable; includes")
    assert f"| Refunded {CASE}, otherwise not refundable; includes clay" in _edited(
        _pottery(), worded
    )


def test_a_row_with_its_own_case_or_about_another_thing_stays() -> None:
    for row in (
        "| Course fee if you cancel within 10 days | Forfeited |",
        "| Gift cards | Non-refundable |",
        "| Course fee if the kiln breaks | Refunded |",
        "| Swapping courses | Free once |",
    ):
        body = f"# Fees\n\n| What | Details |\n|---|---|\n{row}\n"
        assert not _impacts(_pottery(), _article(body)), body


CAMP_OLD = "The pitch deposit is kept whatever the reason the guest cancels for."
CAMP_NEW = (
    "If the guest cancels 21 or more days before arrival, the pitch deposit is returned: use "
    "`return_deposit` and tell them it is back within 5 working days."
)
CAMP_KEPT = "If the guest cancels fewer than 21 days before arrival, the pitch deposit is kept."


def _campsite() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now also return_deposit",
        kind="actions",
        facets=["actions"],
        probe_ids=["pitch-25", "pitch-40"],
        after_actions=[ActionFact("return_deposit")],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "days_to_arrival", "op": ">=", "value": 21}]}
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Cancellations", CAMP_OLD, CAMP_NEW, "changed"),
            Rule("H2", "sentence_added", "Cancellations", None, CAMP_KEPT, "added"),
        ],
        excerpts=[
            Excerpt("pitch-25", "We've kept the deposit, Cal.", "Your deposit is on its way back."),
            Excerpt("pitch-40", "The deposit is kept, sorry.", "It's back within 5 working days."),
        ],
        others=4,
        prompt_sections={"Cancellations": [CAMP_NEW, CAMP_KEPT]},
    )


def test_a_deposit_kept_by_the_site_is_returned_with_the_case_in_its_cell() -> None:
    table = (
        "# Booking a pitch\n\n| What | Details |\n|---|---|\n"
        "| Pitch deposit | £30 a night |\n"
        "| Pitch deposit when you cancel | Kept by the site |\n"
    )
    body = _edited(_campsite(), table)
    assert body == table.replace(
        "| Kept by the site |",
        "| Returned if you cancel 21 or more days before arrival, otherwise kept by the site |",
    )


def test_a_model_is_told_the_cell_and_a_cell_reworded_as_it_was_is_refused() -> None:
    facts = _pottery()
    fact = split_case_fact(facts)
    assert fact is not None and "forfeited" in fact and "`" not in fact
    impact = _impacts(facts, _article(TABLE))["article:51"]
    template_body = TemplateDrafter().edit(facts, impact).new_body
    left = TABLE.replace("| Forfeited |", "| Forfeited to the studio |")
    problems = still_conflicting(facts, impact, template_body, left)
    assert problems and any(SPLIT_CASE_REASON in problem for problem in problems)


def test_a_row_takes_no_exception_sentence_after_it() -> None:
    """The deposit's old call described in the row too ("describes `cancel_pitch`"): the writer
    adding the new rule as an exception never appends a sentence to a table row (the table would
    end there); the cell's own writer takes it."""
    facts = _campsite()
    facts.before_actions = [ActionFact("cancel_pitch", (("keep", "true"),))]
    facts.after_actions = [
        ActionFact("cancel_pitch", (("keep", "false"),)),
        ActionFact("return_deposit"),
    ]
    table = (
        "# Booking a pitch\n\n| What | Details |\n|---|---|\n"
        "| Pitch deposit | £30 a night |\n"
        "| Pitch deposit when you cancel | Kept by the site |\n"
    )
    body = _edited(facts, table)
    assert "exception" not in body
    assert body == table.replace(
        "| Kept by the site |",
        "| Returned if you cancel 21 or more days before arrival, otherwise kept by the site |",
    )
