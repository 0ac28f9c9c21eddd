"""A term once given whatever the case, now on one side of a line only: a made-up language
school that refunded the course fee whatever week a student left, and now refunds it only in
the first 4 weeks, keeping it after. The KB's claims for every case (a sentence with "always",
a table cell under a row naming the fee, a yes answer under a question naming it) say both
sides; a claim about another thing and a unit already naming the line stay."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.claimsides import (
    _claim_only,
    _customer_voiced,
    _to_you,
    claim_sides,
    claim_sides_units,
)
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


def test_the_prompt_rule_in_the_agents_voice_is_flagged_never_written() -> None:
    facts = _facts()
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Fees", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Leaving::Withdrawn", MACRO, "text", "kb", "m"),
        ]
    )
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    drafter = TemplateDrafter()
    for key in ("article:1", "macro:2"):
        edit = drafter.edit(facts, impacts[key])
        body = edit.new_body or ""
        assert "close the enrolment" not in body and "a student" not in body
        assert edit.new_body is None or "reach your card within 5 days" in body


def test_a_claim_about_where_or_how_is_no_claim_for_every_case() -> None:
    change = claim_sides(_facts())
    assert change is not None
    for said in (
        "Your course fee is always refunded to the card you paid with, never as cash.",
        "We always refund a fee to the card it was paid with, whatever the reason for the refund.",
    ):
        assert not claim_sides_units(change, units(said))
    assert claim_sides_units(
        change, units("We always refund the fee to your card, whatever week you leave.")
    )


def test_only_a_customer_voiced_rule_is_written_and_only_over_a_bare_claim() -> None:
    # an invented gym: the rule said to the member, or to the agent
    assert _customer_voiced(
        "If you cancel within 14 days, we refund your joining fee. After that, the fee is kept."
    )
    assert not _customer_voiced(
        "If a member cancels within 14 days, void the contract and refund the joining fee."
    )
    assert _claim_only("Yes, whenever you cancel.")
    assert _claim_only("Your joining fee is always refunded if you cancel.")
    assert not _claim_only("Your joining fee is always refunded, so check your bank in 3 days.")


def test_the_case_put_on_the_customer_the_prompt_tells_is_said_to_you() -> None:
    # an invented boat hire: "a renter" is no listed person noun, but the old rule tells them
    facts = _facts()
    old = (
        "If a renter returns a boat, refund the deposit with `refund_deposit` (id), whatever "
        "hour they return it. Tell them it reaches their card in 3 days."
    )
    sided = "If a renter returns it by 6pm, we refund the deposit. After 6pm, the deposit is kept."
    said = _to_you(sided, facts, [old])
    assert said.startswith("If you return it by 6pm, we refund the deposit.")
    assert _customer_voiced(said)
    # a case put on a thing stays, and is then no rule said to the customer
    thing = "If a parcel arrives after 6pm, we refund the postage."
    assert _to_you(thing, facts, [old]) == thing
    assert not _customer_voiced(thing)
