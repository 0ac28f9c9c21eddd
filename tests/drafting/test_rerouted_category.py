"""A hand-off re-routed for one category (the same escalation tool, another team, for billing
complaints only: `escalate_complaint` team "service_desk" → team "billing"): a table row about
the category names the new team in place, a claim over every category keeps the old team
for the others and says the new route for the category; other rows, another category's
sentence and another team stay; a drafting model is told the same and checked."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categoryroute import category_route, category_route_unsaid
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.test_llm_template_checks import _draft, _edit_reply, _note_json, _prompt

OLD = 'Every complaint, whatever the cause, goes to our Service Desk (team "service_desk"). '
NEW = 'Complaints about a billing error (cause `billing`) go to our Billing team (team "billing").'
KEPT = (
    "Every other complaint (causes `outage` and `slow_speed`) goes to our Service Desk "
    '(team "service_desk").'
)


def _facts(*, category: bool = True) -> ChangeFacts:
    atoms: list[dict[str, object]] = [{"feature": "tag:complaint", "op": "tag"}]
    if category:
        atoms.append({"feature": "complaint_cause", "op": "=", "value": "billing"})
    return ChangeFacts(
        id="C1",
        title="escalate_complaint(team=service_desk) → escalate_complaint(team=billing)",
        kind="escalation",
        facets=["actions"],
        probe_ids=["billing-1", "billing-2"],
        before_actions=[ActionFact("escalate_complaint", (("team", "service_desk"),))],
        after_actions=[ActionFact("escalate_complaint", (("team", "billing"),))],
        removed_promises=[Promise("duration", "2 working days")],
        added_promises=[Promise("duration", "2 working days")],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[
            Rule("H1", "sentence_changed", "Complaints", OLD.strip(), NEW, f"{OLD} → {NEW}"),
            Rule("H2", "sentence_added", "Complaints", None, KEPT, f"sentence added: {KEPT}"),
        ],
        excerpts=[
            Excerpt(
                probe_id="billing-1",
                old="I've passed this to our Service Desk.",
                new="I've passed this to our Billing team.",
            )
        ],
        others=6,
    )


MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry about the trouble. Whatever went wrong, "
    "whether your line dropped, it ran slowly or your bill was wrong, I've passed your "
    "complaint to our Service Desk, who will reply within 2 working days.\n\n"
    "Best,\n{{current_user.first_name}}"
)
ARTICLE = (
    "# Complaints\n\n| Cause | Who handles it |\n| --- | --- |\n"
    "| Outage | Service Desk |\n| Billing error | Service Desk |\n\n"
    "## Who handles my complaint?\n\nOur Service Desk handles every complaint, whatever "
    "the cause. They reply within 2 working days.\n\n"
    "Our Sales team can talk you through every plan.\n"
)
OTHER = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for the speed test. Our Service Desk will "
    "check your line and reply within 2 working days.\n\nBest,\n{{current_user.first_name}}"
)


def _impacts(body: str, kind: str = "macro", body_format: str = "text") -> list:  # type: ignore[type-arg]
    item = KnowledgeItem(kind, "1", "Complaints::Opened", body, body_format, "kb", "m")
    return [i for i in rank_items(_facts(), KnowledgeBase([item])) if i.affected]


def _edit(body: str, kind: str = "macro", body_format: str = "text") -> str | None:
    [impact] = _impacts(body, kind, body_format)
    return TemplateDrafter().edit(_facts(), impact).new_body


def test_the_category_route_is_read_from_the_changed_and_the_kept_rule() -> None:
    route = category_route(_facts())
    assert route is not None
    assert route.old_team == "Service Desk"
    assert route.new_team == "Billing team"
    assert route.said == "complaints about a billing error go to our Billing team"
    # a whole topic re-routed (tags only) is `rerouted_told`'s, not this
    assert category_route(_facts(category=False)) is None


def test_a_claim_over_every_category_keeps_the_old_team_for_the_others() -> None:
    new_body = _edit(MACRO)
    assert new_body is not None
    assert (
        "I've passed your complaint to our Service Desk, who will reply within 2 working days "
        "(complaints about a billing error go to our Billing team)."
    ) in new_body
    assert "Whatever went wrong" not in new_body and "It ran slowly" not in new_body
    assert "Sorry about the trouble. I've passed your complaint" in new_body
    assert new_body.startswith("Hi {{ticket.requester.first_name}},\n\nSorry about the trouble.")
    assert new_body.endswith("\n\nBest,\n{{current_user.first_name}}")


def test_the_category_row_names_the_new_team_and_the_prose_says_every_other() -> None:
    new_body = _edit(ARTICLE, "article", "markdown")
    assert new_body is not None
    assert "| Outage | Service Desk |\n| Billing error | Billing team |\n" in new_body
    assert (
        "Our Service Desk handles every other complaint (complaints about a billing error go "
        "to our Billing team). They reply within 2 working days."
    ) in new_body
    assert "Our Sales team can talk you through every plan." in new_body


def test_the_old_team_for_another_category_is_no_conflict() -> None:
    assert _impacts(OTHER) == []


def test_a_drafting_model_is_told_the_category_route_and_checked() -> None:
    facts = _facts()
    assert any("re-routed only for one category" in fact for fact in draft_facts(facts))
    [impact] = _impacts(MACRO)
    template_body = TemplateDrafter().edit(facts, impact).new_body
    dropped = MACRO.replace("our Service Desk", "our Billing team")
    assert category_route_unsaid(facts, impact, template_body, dropped)
    unsaid = MACRO.replace(
        "Whatever went wrong, whether your line dropped, it ran slowly or your bill was wrong, ", ""
    )
    assert category_route_unsaid(facts, impact, template_body, unsaid)
    assert not category_route_unsaid(facts, impact, template_body, str(template_body))


def test_a_claim_that_cannot_be_narrowed_is_flagged_with_the_reason() -> None:
    body = "# Complaints\n\nComplaints always go to our Service Desk.\n"
    [impact] = _impacts(body, "article", "markdown")
    edit = TemplateDrafter().edit(_facts(), impact)
    assert edit.new_body is None
    assert "keeps the Service Desk for the others" in edit.rationale


def test_a_model_edit_dropping_the_old_team_is_retried_then_falls_back() -> None:
    facts = _facts()
    [impact] = _impacts(MACRO)
    note = TemplateDrafter().note(facts, [impact], None)
    broken = MACRO.replace("our Service Desk", "our Billing team")

    def answer(request: ChatRequest) -> str:
        return _edit_reply(broken) if "<<<BODY" in _prompt(request) else _note_json(note)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, template_edit = _draft(facts, impact, model)
    asked = [_prompt(r) for r in model.requests if "<<<BODY" in _prompt(r)]
    assert "re-routed only for one category" in asked[0]
    assert len(asked) == 2
    assert "the Service Desk still takes every other case" in asked[1]
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == template_edit.new_body
