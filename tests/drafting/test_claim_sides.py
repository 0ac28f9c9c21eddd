"""A term once given whatever the case, now on one side of a line only: a made-up language
school that refunded the course fee whatever week a student left, and now refunds it only in
the first 4 weeks, keeping it after. The KB's claims for every case (a sentence with "always",
a table cell under a row naming the fee, a yes answer under a question naming it) say both
sides; a claim about another thing and a unit already naming the line stay."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.claimsides import claim_sides, claim_sides_units
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

SECTION = "Leaving a course"
OLD = (
    "If a student leaves a course, close the enrolment with `close_enrolment` and refund the "
    "course fee with `refund_fee` (student_id, amount), whatever week they leave."
)
EARLY = (
    "If a student leaves in 4 weeks or fewer from the start, close the enrolment with "
    "`close_enrolment` and refund the course fee with `refund_fee` (student_id, amount)."
)
LATE = (
    "If a student leaves more than 4 weeks from the start, close the enrolment with "
    "`close_enrolment` but the fee is kept: do not call `refund_fee`."
)
TOLD = "Tell them the fee is not refunded this late in the course."
ARTICLE = (
    "# Fees\n\n| Item | Price | Refund |\n|---|---|---|\n| Course fee | £400 | Always refunded |\n"
    "| Exam entry | £60 | Always refunded |\n\n## Questions\n\n"
    "**Do I get my course fee back if I leave?**\nYes, whenever you leave. It goes back to your "
    "card.\n\n**Can I swap classes?**\nYes, whenever there's space.\n"
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe've withdrawn you from the course. Your course "
    "fee is always refunded, so it will reach your card within 5 days.\n\nBest,\nThe office"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls refund_fee",
        kind="actions",
        facets=["actions"],
        probe_ids=["leave-5", "leave-7", "leave-9"],
        before_actions=[ActionFact("refund_fee")],
        after_actions=[],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag leaving and weeks_in > 4",
                    "atoms": [
                        {"feature": "tag:leaving", "op": "tag"},
                        {"feature": "weeks_in", "op": ">", "value": 4},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 5},
                }
            )
        ],
        others=5,
        rules=[
            Rule("H1", "sentence_changed", SECTION, OLD, EARLY, "sentence changed"),
            Rule("H2", "sentence_added", SECTION, None, LATE, "sentence added"),
            Rule("H3", "sentence_added", SECTION, None, TOLD, "sentence added"),
        ],
        prompt_sections={SECTION: ["Every course is paid for up front.", EARLY, LATE, TOLD]},
    )


def test_the_claim_and_the_sides_are_read_from_the_prompt() -> None:
    change = claim_sides(_facts())
    assert change is not None
    assert (change.verb, change.subject) == ("refund", frozenset({"fee"}))
    assert "more than 4 weeks" in change.statement and "4 weeks or fewer" in change.statement


def test_claims_for_every_case_on_the_topic_are_found_and_others_left() -> None:
    change = claim_sides(_facts())
    assert change is not None
    found = {units(ARTICLE)[i].text for i in claim_sides_units(change, units(ARTICLE))}
    assert found == {"| Course fee | £400 | Always refunded |", "Yes, whenever you leave."}


def test_each_claim_says_both_sides_in_its_place() -> None:
    facts = _facts()
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Fees", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Leaving::Withdrawn", MACRO, "text", "kb", "m"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    drafter = TemplateDrafter()
    article = drafter.edit(facts, impacts["article:1"]).new_body
    assert article is not None
    assert "Always refunded |" not in article.split("| Exam entry")[0]
    assert "| Exam entry | £60 | Always refunded |" in article
    assert "Yes, whenever you leave." not in article and "Yes, whenever there's space." in article
    assert "more than 4 weeks" in article and "It goes back to your card." in article
    macro = drafter.edit(facts, impacts["macro:2"]).new_body
    assert macro is not None
    assert "always refunded" not in macro and "4 weeks or fewer" in macro
    assert "We've withdrawn you from the course." in macro
    assert "{{ticket.requester.first_name}}" in macro
