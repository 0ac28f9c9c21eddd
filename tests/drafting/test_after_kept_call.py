"""What follows a tool call the changed case's rule still makes still holds for that case.

Made-up agent: a climbing gym's front desk that ended every membership straight away when a
member asked to cancel, and told them their card keeps working to the last day they
paid for and no more fees are taken. Now a yearly member is first offered a free month and the
membership is ended only if they turn it down (still with `end_membership`); monthly members
are ended straight away as before. "Your card keeps working until the last day you've
paid for, and no more fees are taken" says what follows ending a membership: the yearly rule
does not repeat those words, but still ends the membership, so the sentence stays byte for
byte; "We end your membership straight away" states the old rule and is narrowed."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.promptrule import (
    PROMPT_RULE_REASON,
    new_rule,
    prompt_rule_edit,
    targets,
    voiced,
)
from behaviordiff.drafting.text import units

from .kit import kb_item

OLD = (
    "When a member asks to cancel, call `end_membership` (member_id) straight away and confirm "
    "it's done: their card keeps working until the last day they've paid for and no "
    "more fees are taken."
)
MONTHLY = (
    "Monthly membership: when a member asks to cancel, call `end_membership` (member_id) "
    "straight away and confirm it's done: their card keeps working until the last day "
    "they've paid for and no more fees are taken."
)
YEARLY = (
    "Yearly membership: when a member asks to cancel, first offer them a free month with "
    "`offer_free_month` (member_id). Only if they turn it down, call `end_membership` and "
    "confirm it's done: their card works until the year they've bought runs out."
)
ENDED = "Cancelling is quick: we end your membership straight away, whatever membership you hold."
AFTER = "Your card keeps working until the last day you've paid for, and no more fees are\ntaken."
ARTICLE = f"# Cancelling\n\n{ENDED}\n\n{AFTER}\n"


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls offer_free_month",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        conditions=[
            Condition.from_dict(
                {
                    "text": "membership in [yearly] and tag cancel",
                    "atoms": [
                        {"feature": "membership", "op": "in", "value": ["yearly"]},
                        {"feature": "tag:cancel", "op": "tag"},
                    ],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Cancelling", OLD, f"{MONTHLY} {YEARLY}", "…")],
        prompt_sections={"Cancelling": [MONTHLY, YEARLY]},
    )


def _impact() -> Impact:
    item_units = units(ARTICLE)
    conflicts = [
        Conflict(index, unit.text, ("describes `end_membership`, which the new agent now delays",))
        for index, unit in enumerate(item_units)
        if unit.text == ENDED
    ]
    return Impact(kb_item("cancelling", ARTICLE), 1.0, conflicts, item_units)


def test_what_follows_a_call_the_case_still_makes_is_kept() -> None:
    facts = _facts()
    found = targets(facts, _impact())
    assert ENDED in found
    assert " ".join(AFTER.split()) not in found
    written = prompt_rule_edit(facts, _impact().marked(found, PROMPT_RULE_REASON))
    assert written is not None and written[0] is not None
    assert "free month" in written[0] and f"\n\n{AFTER}\n" in written[0]


def test_a_call_the_case_no_longer_makes_keeps_nothing_after_it() -> None:
    # the yearly rule ends no membership, its card kept working till the year runs out: what
    # followed ending one is the old rule's, narrowed
    facts = _facts()
    yearly = (
        "Yearly membership: when a member asks to cancel, offer them a free month with "
        "`offer_free_month` (member_id): their card keeps working until the year runs out."
    )
    facts.rules = [Rule("H1", "sentence_changed", "Cancelling", OLD, f"{MONTHLY} {yearly}", "…")]
    facts.prompt_sections = {"Cancelling": [MONTHLY, yearly]}
    assert new_rule(facts) is not None
    assert " ".join(AFTER.split()) in targets(facts, _impact())


def test_someone_and_a_first_step_are_said_to_you_in_the_kbs_voice() -> None:
    said = voiced(
        "Family tickets: when someone asks to swap dates, first offer them the next free "
        "Saturday with `hold_date` and tell them it's held for a day."
    )
    assert said is not None
    assert said.sentence == (
        "For family tickets, when you ask to swap dates, we first offer you the next free "
        "Saturday, and it's held for a day."
    )
