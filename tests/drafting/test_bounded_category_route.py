"""A hand-off re-routed for part of one category: a travel insurer's assistant sent every claim
to its Claims Desk; now claims for a lost suitcase worth more than £500 go to the Baggage team
(`escalate_claim` team "claims_desk" → "baggage", condition `claim_type = lost_bag` and
`lookup_claim.value > 500`), and lost suitcases worth £500 or less still go to the Claims
Desk. The lost-suitcase row keeps the Claims Desk and says the re-routed part beside it (not
the Baggage team for every lost suitcase); a claim over every case says both parts; the title
says the case and the new team in the prompt's words. When the prompt does not state the range
in figures, the item is flagged with the reason. A drafting model is told and checked the same."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categoryroute import category_route, category_route_unsaid
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.test_llm_template_checks import _draft, _edit_reply, _note_json, _prompt

OLD = 'Every claim, whatever the type, goes to our Claims Desk (team "claims_desk").'
NEW = (
    "Claims for a lost suitcase worth more than £500 (claim_type `lost_bag`) go to our "
    'Baggage team (team "baggage").'
)
KEPT = (
    "Every other claim, lost suitcases worth £500 or less included, goes to our Claims Desk "
    '(team "claims_desk").'
)
ARTICLE = (
    "# Claims\n\n| Claim | Who handles it |\n| --- | --- |\n"
    "| Delayed flight | Claims Desk |\n| Lost suitcase | Claims Desk |\n\n"
    "## Who handles my claim?\n\nOur Claims Desk handles every claim, whatever the type. "
    "They reply within 5 working days.\n"
)
ROW = "| Lost suitcase | Claims Desk (claims for a lost suitcase worth more than £500 go to our "


def _facts(new: str = NEW, bounded: bool = True) -> ChangeFacts:
    atoms: list[dict[str, object]] = [
        {"feature": "tag:claim", "op": "tag"},
        {"feature": "claim_type", "op": "=", "value": "lost_bag"},
    ]
    if bounded:
        atoms.append({"feature": "lookup_claim.value", "op": ">", "value": 500})
    return ChangeFacts(
        id="C1",
        title="escalate_claim(team=claims_desk) → escalate_claim(team=baggage)",
        kind="escalation",
        facets=["actions"],
        probe_ids=["bag-1", "bag-2"],
        before_actions=[ActionFact("escalate_claim", (("team", "claims_desk"),))],
        after_actions=[ActionFact("escalate_claim", (("team", "baggage"),))],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[
            Rule("H1", "sentence_changed", "Claims", OLD, new, f"{OLD} → {new}"),
            Rule("H2", "sentence_added", "Claims", None, KEPT, f"sentence added: {KEPT}"),
        ],
        excerpts=[
            Excerpt(
                "bag-1",
                "I've passed your claim to our Claims Desk.",
                "I've passed your claim to our Baggage team.",
            )
        ],
        others=7,
    )


def _impact(facts: ChangeFacts) -> Impact:
    item = KnowledgeItem("article", "1", "Claims", ARTICLE, "markdown", "kb", "a")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    return impact


def test_the_range_beside_the_category_is_read_and_checked_in_the_prompt() -> None:
    route = category_route(_facts())
    assert route is not None and route.bounded and route.bounds_said
    assert route.said == "claims for a lost suitcase worth more than £500 go to our Baggage team"
    unsaid = category_route(_facts(new=NEW.replace(" worth more than £500", "")))
    assert unsaid is not None and not unsaid.bounds_said
    whole = category_route(_facts(bounded=False))
    assert whole is not None and not whole.bounded


def test_the_category_row_keeps_the_old_team_and_says_the_rerouted_part() -> None:
    facts = _facts()
    edit = TemplateDrafter().edit(facts, _impact(facts))
    assert edit.new_body is not None
    assert ROW + "Baggage team) |" in edit.new_body
    assert "| Lost suitcase | Baggage team |" not in edit.new_body
    assert "| Delayed flight | Claims Desk |" in edit.new_body
    assert (
        "Our Claims Desk handles every other claim (claims for a lost suitcase worth more than "
        "£500 go to our Baggage team)."
    ) in edit.new_body
    assert "part of one category" in edit.rationale
    # a whole category re-routed still names the new team in its row
    whole = _facts(bounded=False)
    assert "| Lost suitcase | Baggage team |" in str(
        TemplateDrafter().edit(whole, _impact(whole)).new_body
    )


def test_a_range_the_prompt_does_not_state_is_flagged_with_the_reason() -> None:
    facts = _facts(new=NEW.replace(" worth more than £500", ""))
    edit = TemplateDrafter().edit(facts, _impact(facts))
    assert edit.new_body is None
    assert "bounded by a range it does not state in figures" in edit.rationale


def test_the_title_says_the_case_and_the_new_team_in_words() -> None:
    title = TemplateDrafter().note(_facts(), [], None).title
    assert title == (
        "Claims for a lost suitcase worth more than £500 go to our Baggage team instead of "
        "the Claims Desk"
    )
    assert "team baggage" not in title and "escalate_claim" not in title


def test_a_model_is_told_the_part_and_a_row_naming_only_the_new_team_is_retried() -> None:
    facts = _facts()
    assert any("re-routed only for part of one category" in fact for fact in draft_facts(facts))
    impact = _impact(facts)
    template_body = TemplateDrafter().edit(facts, impact).new_body
    assert not category_route_unsaid(facts, impact, template_body, str(template_body))
    renamed = str(template_body).replace(
        ROW + "Baggage team) |", "| Lost suitcase | Baggage team |"
    )
    assert category_route_unsaid(facts, impact, template_body, renamed)
    note = TemplateDrafter().note(facts, [impact], None)

    def answer(request: ChatRequest) -> str:
        return _edit_reply(renamed) if "<<<BODY" in _prompt(request) else _note_json(note)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, template_edit = _draft(facts, impact, model)
    asked = [_prompt(r) for r in model.requests if "<<<BODY" in _prompt(r)]
    assert "which still takes the rest of that category" in asked[1]
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == template_edit.new_body
