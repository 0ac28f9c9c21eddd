"""A charge brought in for a yes/no case with a line of a number that keeps it free
(`drafting.flagcharge`): what says there is no charge in the case, in a sentence or around it,
says the charge as the new prompt tells the customer it.

Made-up agent: a mobile dog groomer whose van can't park when the driveway is blocked. It used
to be free whatever time the customer told us; now a £15 wasted-trip fee is charged unless they
told us before 7am (`driveway_blocked = true and notice_hour >= 7`, `log_missed_groom` fee_gbp
0 → 15). Traps: grooms we miss ourselves, still redone free; another 7am; the same £15 for
another service."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.flagcharge import flag_charge, flag_charge_fact, still_flag_denied
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = "Tell them there's no charge, whatever time they let us know."
FREE_EARLY = "If they told us before 7am on the groom day, fee_gbp 0: tell them there's no charge."
CHARGED = (
    "Otherwise (they told us at 7am or later, or the groomer found the driveway blocked), "
    "fee_gbp 15: tell them a £15 wasted-trip fee goes on their next bill, and that letting us "
    "know before 7am on the groom day avoids it."
)
SAID = (
    "A £15 wasted-trip fee goes on your next bill, and letting us know before 7am on the groom "
    "day avoids it."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry we couldn't get to you today. There's "
    "nothing to pay for a groom we couldn't do. We'll see you on your next booked day.\n\n"
    "Woof,\n{{current_user.first_name}}"
)
ARTICLE = """# When we can't park

Driveways get blocked: it happens. There's never a charge for a groom we couldn't do.

Our vans set off at 7am, so the sooner you tell us, the better.

## If the driveway is blocked

- Your groomer texts you a photo of the drive
- No wasted-trip fee, whatever time you tell us

## If we're running late

If your groomer doesn't turn up, that's on us. We'll come back another day, free of charge.
"""
NAIL_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nA nail trim on its own is £15, and there's no "
    "booking fee.\n\n{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="log_missed_groom: fee_gbp 0 → 15",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["blocked-late", "blocked-found", "blocked-seven"],
        after_actions=[ActionFact("log_missed_groom")],
        moved=[
            MovedValue(
                ActionFact("log_missed_groom"),
                "fee_gbp",
                (("blocked-late", 0.0, 15.0), ("blocked-found", 0.0, 15.0)),
                text_currency="£",
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "driveway_blocked = true and notice_hour >= 7",
                    "atoms": [
                        {"feature": "driveway_blocked", "op": "=", "value": True},
                        {"feature": "notice_hour", "op": ">=", "value": 7},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Blocked driveways", OLD, FREE_EARLY, "changed"),
            Rule("H2", "sentence_added", "Blocked driveways", None, CHARGED, "added"),
        ],
        others=9,
        prompt_sections={"Blocked driveways": [FREE_EARLY, CHARGED]},
    )


def test_the_charge_is_said_as_the_customer_is_told_it_with_the_line() -> None:
    charge = flag_charge(_facts())
    assert charge is not None
    assert charge.said == SAID
    assert charge.case == frozenset({"driveway", "block"})


def test_what_says_the_case_is_free_around_it_says_the_charge_and_other_free_things_stay() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [
            kb_item("blocked", MACRO, kind="macro", title="Missed groom::Driveway blocked"),
            kb_item("parking", ARTICLE),
            kb_item("nails", NAIL_MACRO, kind="macro", title="Prices::Nail trim"),
        ]
    )
    ranked = {impact.item.key: impact for impact in rank_items(facts, knowledge)}
    assert "macro:nails" not in ranked or not ranked["macro:nails"].conflicts
    macro = TemplateDrafter().edit(facts, ranked["macro:blocked"]).new_body
    assert macro == MACRO.replace("There's nothing to pay for a groom we couldn't do.", SAID)
    article = TemplateDrafter().edit(facts, ranked["article:parking"]).new_body
    # the prose under the title names the case in the sentence before it, the list item
    # under its heading; our own missed grooms stay free
    assert article == ARTICLE.replace(
        "There's never a charge for a groom we couldn't do.", SAID
    ).replace("- No wasted-trip fee, whatever time you tell us", "- " + SAID.rstrip("."))


def test_a_drafting_model_is_told_the_charge_and_its_edit_keeping_a_denial_is_refused() -> None:
    facts = _facts()
    told = flag_charge_fact(facts)
    assert told is not None and SAID in told
    assert still_flag_denied(facts, ARTICLE, "markdown") == [
        "There's never a charge for a groom we couldn't do.",
        "- No wasted-trip fee, whatever time you tell us",
    ]
    assert still_flag_denied(facts, NAIL_MACRO, "text") == []
