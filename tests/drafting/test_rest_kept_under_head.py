"""A rule said for every case split into one case's new rule and a sentence keeping the old way
for the others under a head of its own ("For every other request (…), renew it …"): a macro
sentence stating the old way, rewritten to the case's rule, keeps the old way for the others
after it, under that head ("For every other request, we've renewed …"). Without such a
sentence in the new prompt, the macro says the case's rule alone (and the rationale tells the
writer to keep the current text for the others)."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact, rank_items
from behaviordiff.drafting.resthead import others_head
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = "When a patron asks to renew a loan, renew it with `renew_loan` and tell them the due date."
NEW = (
    "When a patron with fines of $20 or more asks to renew, don't renew yet: look up the account "
    "with `lookup_patron` and offer a payment plan instead."
)
REST = (
    "For every other request (patrons with no fines, or fines under $20), renew it with "
    "`renew_loan` and tell them the due date."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nWe've renewed your loan as requested. Your new due "
    "date is {{ticket.custom_field_due}}.\n\nHappy reading,\n{{current_user.first_name}}"
)


def _facts(rules: list[Rule]) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="renew_loan → lookup_patron",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        before_actions=[ActionFact("renew_loan")],
        after_actions=[ActionFact("lookup_patron")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "fines", "op": ">=", "value": 20.0}]})
        ],
        rules=rules,
        others=6,
    )


def _edit(rules: list[Rule]):  # type: ignore[no-untyped-def]
    item = KnowledgeItem("macro", "1", "Renewals", MACRO, "text", "kb", "renewals")
    conflict = Conflict(0, "We've renewed your loan as requested.", ("describes `renew_loan`",))
    return TemplateDrafter().edit(_facts(rules), Impact(item, 1.0, [conflict]))


def test_the_old_way_stays_for_the_others_under_the_prompts_head() -> None:
    edit = _edit(
        [
            Rule("H1", "sentence_changed", "Loans", OLD, NEW, "…"),
            Rule("H2", "sentence_added", "Loans", None, REST, "…"),
        ]
    )
    assert edit.new_body is not None
    assert "For every other request, we've renewed your loan as requested." in edit.new_body
    assert "payment plan" in edit.new_body
    assert "(patrons with no fines" not in edit.new_body
    assert "Use this version for" not in edit.rationale


def test_without_a_sentence_for_the_others_the_case_rule_stands_alone() -> None:
    edit = _edit([Rule("H1", "sentence_changed", "Loans", OLD, NEW, "…")])
    assert edit.new_body is not None
    assert "For every other" not in edit.new_body
    assert "Use this version for" in edit.rationale


def test_the_head_is_read_only_where_its_sentence_restates_the_old_rule() -> None:
    other_topic = "For every other question, point them to the help pages at /help."
    rules = [
        Rule("H1", "sentence_changed", "Loans", OLD, NEW, "…"),
        Rule("H2", "sentence_added", "Loans", None, other_topic, "…"),
    ]
    assert others_head(rules, NEW) is None
    rules[1] = Rule("H2", "sentence_added", "Loans", None, REST, "…")
    assert others_head(rules, NEW) == "For every other request"
    otherwise = "Otherwise, renew it with `renew_loan` and tell them the due date."
    rules[1] = Rule("H2", "sentence_added", "Loans", None, otherwise, "…")
    assert others_head(rules, NEW) == "Otherwise"


BIKE_OLD = (
    "When a rider reports a broken bike, send a mechanic with `send_mechanic` (station) and "
    "tell them it will be fixed within a day."
)
BIKE_NEW = (
    "When a rider reports a broken bike at a station with a repair stand, don't send a mechanic "
    "yet: ask them to pump the tyres at the stand and tell them we'll send someone if that fails."
)
BIKE_REST = (
    "For every other report (stations with no stand, or the stand tried), send a mechanic with "
    "`send_mechanic` (station) and tell them it will be fixed within a day."
)
STEPS = """# Reporting a broken bike

Flat tyre, loose chain or a bell that won't ring: tell us and we'll sort it.

## What happens next

1. Note the number on the bike's frame.
2. We send a mechanic to the station and text you when it's done.
3. Pick another bike from the dock meanwhile.

## Opening hours

The app works around the clock.
"""


def _bike_facts() -> ChangeFacts:
    facts = _facts(
        [
            Rule("H1", "sentence_changed", "Repairs", BIKE_OLD, BIKE_NEW, "…"),
            Rule("H2", "sentence_added", "Repairs", None, BIKE_REST, "…"),
        ]
    )
    facts.before_actions = [ActionFact("send_mechanic")]
    facts.after_actions = []
    facts.conditions = [
        Condition.from_dict({"atoms": [{"feature": "has_stand", "op": "=", "value": "true"}]})
    ]
    return facts


def test_a_numbered_step_under_a_title_naming_the_topic_gains_the_exception() -> None:
    facts = _bike_facts()
    kb = KnowledgeBase(
        [KnowledgeItem("article", "7", "Reporting a broken bike", STEPS, "markdown", "kb", "a")]
    )
    impacts = [i for i in rank_items(facts, kb) if i.conflicts]
    assert [c.sentence for i in impacts for c in i.conflicts] == [
        "We send a mechanic to the station and text you when it's done."
    ]
    new = TemplateDrafter().edit(facts, impacts[0]).new_body
    assert new is not None and "pump the tyres" in new
    assert "3. Pick another bike from the dock meanwhile." in new


def test_a_step_under_a_heading_with_its_own_subject_is_not_the_titles() -> None:
    # review MUST 2: "## Damage you caused" names a subject of its own; its step stays out
    # (the step does not name the topic itself: "check the bike" would be on topic by its
    # own words, as on main)
    facts = _bike_facts()
    body = STEPS + (
        "\n## Damage you caused\n\n1. Tell us what happened.\n"
        "2. We send a mechanic to check the frame and bill you for the parts.\n"
    )
    kb = KnowledgeBase(
        [KnowledgeItem("article", "7", "Reporting a broken bike", body, "markdown", "kb", "a")]
    )
    impacts = [i for i in rank_items(facts, kb) if i.conflicts]
    assert [c.sentence for i in impacts for c in i.conflicts] == [
        "We send a mechanic to the station and text you when it's done."
    ]


def test_a_step_under_a_subject_heading_in_another_domain() -> None:
    # invented: a course-refund article; "## Changing your seat" has its own subject
    rule_old = "When a student asks to leave a course, refund the fee with `refund_fee` (course)."
    rule_new = (
        "When a student asks to leave a course that has started, don't refund the fee: offer a "
        "place on the next course instead."
    )
    rest = "For every other request (the course not started), refund the fee with `refund_fee`."
    facts = _facts(
        [
            Rule("H1", "sentence_changed", "Leaving a course", rule_old, rule_new, "…"),
            Rule("H2", "sentence_added", "Leaving a course", None, rest, "…"),
        ]
    )
    facts.before_actions = [ActionFact("refund_fee")]
    facts.after_actions = []
    facts.conditions = [
        Condition.from_dict({"atoms": [{"feature": "started", "op": "=", "value": "true"}]})
    ]
    body = (
        "# Leaving a course\n\nPlans change; here is what to expect.\n\n"
        "## Changing your seat\n\n1. Pick a new seat in the app.\n"
        "2. We refund the fee difference to your card.\n"
    )
    kb = KnowledgeBase(
        [KnowledgeItem("article", "9", "Leaving a course", body, "markdown", "kb", "a")]
    )
    impacts = [i for i in rank_items(facts, kb) if i.conflicts]
    assert [c.sentence for i in impacts for c in i.conflicts] == []


def test_a_sentence_with_its_own_lead_is_not_put_under_the_head() -> None:
    # review SHOULD 3: "For every other request, if you've paid, …" says two leads at once
    macro = MACRO.replace("We've renewed", "If you've paid, we've renewed")
    item = KnowledgeItem("macro", "1", "Renewals", macro, "text", "kb", "renewals")
    sentence = "If you've paid, we've renewed your loan as requested."
    conflict = Conflict(0, sentence, ("describes `renew_loan`",))
    rules = [
        Rule("H1", "sentence_changed", "Loans", OLD, NEW, "…"),
        Rule("H2", "sentence_added", "Loans", None, REST, "…"),
    ]
    edit = TemplateDrafter().edit(_facts(rules), Impact(item, 1.0, [conflict]))
    assert edit.new_body is None or "For every other request, if" not in edit.new_body
