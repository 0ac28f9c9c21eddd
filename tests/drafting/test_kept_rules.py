"""A hand-off line moves while the prompt keeps another rule with the same number: a
lettings agent now hands over renewals only when the tenancy ends in less than 10 days (it
was 30), and the same prompt still says overpaid rent is refunded within 30 days. KB text
on refunds states what the new prompt still says: no conflict, no edit; the renewal text
still conflicts."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptrules import kept_rules, states_kept_rule
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

OLD = (
    "If the tenancy ends in less than 30 days, do not renew it yourself: pass the request to "
    "the lettings manager with `escalate_to_human`."
)
NEW = OLD.replace("30 days", "10 days")
REFUNDS = "Overpaid rent is refunded within 30 days of the tenant's request."
ARTICLE = """# Renewals and refunds

If your tenancy ends in less than 30 days, we can't renew it online.

Overpaid rent is refunded within 30 days of your request.
After 30 days, please contact our accounts team.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour overpaid rent is refunded within 30 days "
    "of your request.\n\n{{current_user.first_name}}"
)


def _facts() -> ChangeFacts:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Renewals", OLD, NEW, "sentence changed")],
        [band_atom("days_until_tenancy_end", 10, 30)],
        title="escalate_to_human → renew_tenancy",
    )
    facts.kept_rules = kept_rules(
        facts.moves, facts.rules, {"Renewals": [NEW], "Payments": [REFUNDS, "Rent is due monthly."]}
    )
    return facts


def test_the_prompt_sentences_that_keep_the_old_value_are_found() -> None:
    facts = _facts()
    assert [(m.old, m.new) for m in facts.moves] == [("30 days", "10 days")]
    assert facts.kept_rules == [REFUNDS]


def test_a_kb_sentence_on_the_kept_rule_is_read_as_it() -> None:
    facts = _facts()
    assert states_kept_rule(facts.moves, facts.kept_rules, MACRO.split("\n\n")[1])
    assert not states_kept_rule(
        facts.moves, facts.kept_rules, "If your tenancy ends in less than 30 days, call us."
    )
    # without the prompt still saying it, the same sentence is read as before
    assert not states_kept_rule(facts.moves, [], MACRO.split("\n\n")[1])


def test_sentences_of_the_kept_rule_are_no_conflict() -> None:
    facts = _facts()
    knowledge = KnowledgeBase(
        [kb_item("renewals", ARTICLE), kb_item("refund", MACRO, kind="macro")]
    )
    found = {
        impact.item.key: [conflict.sentence for conflict in impact.conflicts]
        for impact in rank_items(facts, knowledge)
    }
    assert found["macro:refund"] == []
    assert found["article:renewals"] == [
        "If your tenancy ends in less than 30 days, we can't renew it online."
    ]


def test_without_the_kept_rule_the_refund_sentences_conflict() -> None:
    """The same KB read against the same move, with no prompt sentence keeping 30 days: the
    refund macro is then read as stating the old rule (the test above is no tautology)."""
    facts = _facts()
    facts.kept_rules = []
    knowledge = KnowledgeBase(
        [kb_item("renewals", ARTICLE), kb_item("refund", MACRO, kind="macro")]
    )
    conflicts = [c.sentence for impact in rank_items(facts, knowledge) for c in impact.conflicts]
    assert "Your overpaid rent is refunded within 30 days of your request." in conflicts
    assert "Overpaid rent is refunded within 30 days of your request." in conflicts


def test_a_model_edit_that_changes_a_kept_rule_is_told_to_keep_it() -> None:
    """The drafting model gets the same check: its edit of the renewals article must leave
    the refund sentences (a rule the prompt still states) as they are."""
    from behaviordiff.drafting.drafters import kept_rule_changed

    facts = _facts()
    knowledge = KnowledgeBase([kb_item("renewals", ARTICLE)])
    [impact] = [i for i in rank_items(facts, knowledge) if i.item.key == "article:renewals"]
    kept = ARTICLE.replace("less than 30 days, we", "less than 10 days, we")
    assert kept_rule_changed(facts, impact, kept) == []
    changed = kept.replace("within 30 days of your request", "within 10 days of your request")
    [problem] = kept_rule_changed(facts, impact, changed)
    assert "Overpaid rent is refunded within 30 days of your request." in problem


TABLE = """# Times

| Request | How long |
| --- | --- |
| Overpaid rent refunded after the tenant's request | 30 days |
| Key replacement | 30 days |
"""


def test_a_table_row_is_not_read_on_from_the_kept_row_above_it() -> None:
    from behaviordiff.drafting.keptrules import kept_units
    from behaviordiff.drafting.text import units

    facts = _facts()
    rows = units(TABLE)
    found = kept_units(facts.moves, facts.kept_rules, rows, [range(len(rows))] * len(rows))
    assert [rows[index].text for index in found] == [rows[3].text]
    assert "Overpaid" in rows[3].text
