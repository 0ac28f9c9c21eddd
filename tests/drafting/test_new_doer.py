"""A promise the new prompt gives to someone else with its new value: a vet practice that
logged a worry about a pet's treatment and promised "we'll call you back within 2 working days"
now hands it to the clinical director, who will call back within 24 hours. A KB line that says
the old promise in our voice without the old action ("- Treatment worries: message us and
we'll call you back within 2 working days") says the new value and who now keeps it."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.newdoer import NewDoer, new_doer, with_new_doer
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, model_edit

OLD = (
    "If an owner is worried about their pet's treatment, log it with `log_concern` (pet_id, "
    "summary) and tell them we'll call them back within 2 working days."
)
NEW = (
    "If an owner is worried about their pet's treatment, hand it to the clinical director "
    'with `escalate_to` (pet_id, team "clinical_director", summary in the owner\'s words) and '
    "tell them the clinical director will call them back within 24 hours."
)
ARTICLE = (
    "# Contact us\n\n- Phone: 01632 960 555, Monday to Saturday, 8am to 6pm\n"
    "- Treatment worries: message us or call, and we'll call you back within 2 working days\n"
    "- Repeat prescriptions: order online and collect after 2 working days\n"
)


def _facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", "Worries", OLD, NEW, "changed"),
        Rule("H2", "tool_added", None, None, None, "tool escalate_to added"),
    ]
    return ChangeFacts(
        id="C1",
        title="log_concern → escalate_to",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["w1", "w2"],
        before_actions=[ActionFact("log_concern")],
        after_actions=[ActionFact("escalate_to")],
        escalation="added",
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:worry", "op": "tag"}]})],
        rules=rules,
        moves=rule_moves(rules),
        excerpts=[
            Excerpt("w1", "We'll call you back in 2 working days.", "The director will call."),
            Excerpt("w2", "Logged; 2 working days.", "Within 24 hours, from our director."),
        ],
        others=4,
    )


def test_the_new_doer_is_read_from_the_told_clauses() -> None:
    assert new_doer(OLD, NEW) == NewDoer("the clinical director", "call")
    # the same doer both times: nothing to say
    assert new_doer(OLD, OLD.replace("2 working days", "1 working day")) is None
    line = "- Worries: message us, and we'll call you back within 24 hours"
    assert with_new_doer(line, NewDoer("the clinical director", "call")) == (
        "- Worries: message us, and the clinical director will call you back within 24 hours"
    )
    assert with_new_doer("We'll call you soon.", NewDoer("the vet", "call")) == (
        "The vet will call you soon."
    )
    # another promise of ours stays ours
    assert with_new_doer("We'll email you.", NewDoer("the vet", "call")) == "We'll email you."


def test_the_line_says_who_now_keeps_the_promise() -> None:
    facts = _facts()
    kb = KnowledgeBase([kb_item("contact", ARTICLE)])
    impact = {each.item.key: each for each in rank_items(facts, kb)}["article:contact"]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body == ARTICLE.replace(
        "and we'll call you back within 2 working days",
        "and the clinical director will call you back within 24 hours",
    )


def _edited(body: str) -> str | None:
    facts = _facts()
    kb = KnowledgeBase([kb_item("contact", body)])
    impact = {each.item.key: each for each in rank_items(facts, kb)}["article:contact"]
    assert impact.conflicts
    return TemplateDrafter().edit(facts, impact).new_body


def test_a_promise_of_another_clause_is_not_given_the_new_doer() -> None:
    doer = NewDoer("the clinical director", "call")
    line = "- Worries: a nurse reads it within 24 hours, and if it's urgent we'll call you today"
    assert with_new_doer(line, doer, "24 hours") is None
    assert with_new_doer("Within 24 hours we'll call you.", doer, "24 hours") == (
        "Within 24 hours the clinical director will call you."
    )
    # end to end: the value moves but who makes the other promise is a writer's to say
    body = (
        "# Contact us\n\n- Treatment worries: a nurse reads every message within 2 working "
        "days, and if it's urgent we'll call you back the same day\n"
    )
    assert _edited(body) is None


def test_the_new_doer_opens_a_cell_a_bracket_a_quote_or_a_tag_in_upper_case() -> None:
    doer = NewDoer("the clinical director", "call")
    for lead in ("| Worries | ", "(", '"', "“", "<p>"):
        said = with_new_doer(f"{lead}We'll call you back within 24 hours.", doer, "24 hours")
        assert said == f"{lead}The clinical director will call you back within 24 hours."
    body = "# Contact us\n\n<p>We'll call you back within 2 working days about a worry.</p>\n"
    assert _edited(body) == body.replace(
        "We'll call you back within 2 working days",
        "The clinical director will call you back within 24 hours",
    )


def test_a_model_is_told_who_keeps_the_promise_and_held_to_it() -> None:
    facts = _facts()
    assert [fact for fact in draft_facts(facts) if "kept by the clinical director" in fact]
    kb = KnowledgeBase([kb_item("contact", ARTICLE)])
    impact = {each.item.key: each for each in rank_items(facts, kb)}["article:contact"]
    template = TemplateDrafter().edit(facts, impact)
    ours = ARTICLE.replace("within 2 working days\n", "within 24 hours\n", 1)
    _, failure = model_edit(facts, impact, template, ours)
    assert failure and "promise the new prompt gives someone else" in failure
    assert template.new_body is not None
    _, failure = model_edit(facts, impact, template, template.new_body)
    assert not failure
