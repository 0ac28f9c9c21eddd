"""A hand-off re-routed for part of a range (the same escalation tool, another team, for repair
quotes of $1,000 or more only: `transfer_to_team` team "service_desk" → team "claims_desk"):
a KB sentence stating the old route for the whole range keeps it for the rest of the range
and says the new one for the scoped part in the new prompt's words; a table row is narrowed
and followed by a row for the new route; another team's hand-off and a claim for every case
about another subject are no conflict; a drafting model is told the same and checked."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items, sentence_conflict
from behaviordiff.drafting.rerouted import (
    names_other_team,
    old_route_dropped,
    scoped_route,
    scoped_route_edit,
)
from behaviordiff.drafting.rules import rule_parts, rule_topic
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.test_llm_template_checks import _draft, _edit_reply, _note_json, _prompt

OLD = (
    "For repair quotes of $300 or more, hand over with `transfer_to_team` (team "
    '"service_desk", reason "big quote") and tell the customer our service desk team will '
    "call them within 3 days to book the engineer."
)
KEPT = (
    "For repair quotes from $300 up to $999, hand over with `transfer_to_team` (team "
    '"service_desk", reason "big quote") and tell the customer our service desk team will '
    "call them within 3 days to book the engineer."
)
ADDED = (
    "For repair quotes of $1,000 or more, hand over with `transfer_to_team` (team "
    '"claims_desk", reason "claim") and tell the customer our claims desk team will call '
    "them within 1 day to check their cover."
)
TOLD = "our claims desk team will call you within 1 day to check your cover"


def _facts(*, scoped: bool = True) -> ChangeFacts:
    atoms: list[dict[str, object]] = [{"feature": "tag:repair", "op": "tag"}]
    if scoped:
        atoms.insert(0, {"feature": "quote_amount", "op": ">=", "value": 1000.0})
    return ChangeFacts(
        id="C1",
        title="transfer_to_team(team=service_desk) → transfer_to_team(team=claims_desk)",
        kind="escalation",
        facets=["actions", "promises"],
        probe_ids=["quote-1200", "quote-4000"],
        before_actions=[ActionFact("transfer_to_team", (("team", "service_desk"),))],
        after_actions=[ActionFact("transfer_to_team", (("team", "claims_desk"),))],
        removed_promises=[Promise("duration", "3 days")],
        added_promises=[Promise("duration", "1 day")],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[
            Rule("H2", "sentence_added", "Repairs", None, ADDED, f"sentence added: {ADDED}"),
            Rule("H1", "sentence_changed", "Repairs", OLD, KEPT, f"{OLD} → {KEPT}"),
        ],
        excerpts=[
            Excerpt(
                probe_id="quote-1200",
                old="Our service desk team will call you within 3 days to book the engineer.",
                new="Our claims desk team will call you within 1 day to check your cover.",
            )
        ],
        others=6,
    )


MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for your repair request. For any quote of "
    "$300 or more, our service desk team takes over, so I've passed it to them and they'll "
    "call you within 3 days to book the engineer.\n\nBest,\n{{current_user.first_name}}"
)
ARTICLE = (
    "# Repair quotes\n\n## Who books my repair?\n\n"
    "| Quote | Who books it | When |\n|---|---|---|\n"
    "| Under $300 | You, online | Straight away |\n"
    "| $300 or more | A call from our service desk team | Within three days |\n\n"
    "## Spare parts\n\nParts take 5 days to arrive.\n"
)


def _edit(body: str, kind: str = "macro", body_format: str = "text") -> str | None:
    facts = _facts()
    item = KnowledgeItem(kind, "1", "Repairs::Big quote", body, body_format, "kb", "m")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    return TemplateDrafter().edit(facts, impact).new_body


def test_a_head_with_a_thousands_separator_is_still_a_head() -> None:
    assert rule_parts(KEPT) is not None
    assert rule_parts(KEPT)[0] == "For repair quotes from $300 up to $999"  # type: ignore[index]
    assert rule_parts(ADDED)[0] == "For repair quotes of $1,000 or more"  # type: ignore[index]
    assert {"repair", "quot"} <= rule_topic(_facts().rules) or "repair" in rule_topic(
        _facts().rules
    )


def test_the_scoped_route_is_read_from_the_kept_and_the_added_rule() -> None:
    route = scoped_route(_facts())
    assert route is not None
    assert route.old_words == "service desk"
    assert route.new_words == "claims desk"
    assert route.scope == "repair quotes of $1,000 or more"
    assert route.scope_bound == "$1,000 or more"
    assert route.kept_range == "$300 to $999"
    assert route.told == TOLD
    # a whole topic re-routed is `rerouted_told`'s, not this
    assert scoped_route(_facts(scoped=False)) is None


def test_the_macro_keeps_the_old_route_for_the_rest_and_says_the_new_one() -> None:
    new_body = _edit(MACRO)
    assert new_body is not None
    assert "For any quote of $300 to $999, our service desk team takes over" in new_body
    assert f"book the engineer (for repair quotes of $1,000 or more: {TOLD})." in new_body
    assert "$300 or more" not in new_body
    assert new_body.startswith("Hi {{ticket.requester.first_name}},\n\nThanks for your repair")
    assert new_body.endswith("\n\nBest,\n{{current_user.first_name}}")


def test_a_table_row_is_narrowed_and_the_new_route_gets_a_row() -> None:
    new_body = _edit(ARTICLE, "article", "markdown")
    assert new_body is not None
    assert (
        "| Under $300 | You, online | Straight away |\n"
        "| $300 to $999 | A call from our service desk team | Within three days |\n"
        "| $1,000 or more | A call from our claims desk team | Within one day |\n\n"
    ) in new_body
    assert "Parts take 5 days to arrive." in new_body


def test_a_row_saying_another_way_of_contact_is_flagged() -> None:
    emailed = ARTICLE.replace(
        "A call from our service desk team", "An email from our service desk team"
    )
    facts = _facts()
    item = KnowledgeItem("article", "2", "Repair quotes", emailed, "markdown", "kb", "a")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    edit = scoped_route_edit(facts, impact)
    assert edit is not None
    assert edit[0] is None
    assert "No safe rewrite" in edit[1]


def test_a_sentence_in_words_is_narrowed_too() -> None:
    body = (
        "If your repair quote is three hundred dollars or more, our service desk team will call "
        "you to book the engineer."
    )
    new_body = _edit(body, "article", "markdown")
    assert new_body is not None
    assert new_body.startswith("If your repair quote is $300 to $999, our service desk team will")
    assert new_body.endswith(f"book the engineer (for repair quotes of $1,000 or more: {TOLD}).")


def test_another_teams_handoff_is_no_old_route() -> None:
    facts = _facts()
    other = (
        "Repairs for landlords are looked after by our lettings team, whatever the quote, "
        "and they'll email you within 3 days to book the engineer."
    )
    assert names_other_team(facts, other)
    assert not any(
        r.startswith("describes the escalation") for r in sentence_conflict(facts, other)
    )
    own = "Our service desk team will call you within 3 days to book the engineer."
    assert not names_other_team(facts, own)
    assert any(r.startswith("describes the escalation") for r in sentence_conflict(facts, own))


def test_a_claim_for_every_case_about_another_subject_stays() -> None:
    facts = _facts()
    claim = (
        "Our workmanship guarantee covers repair quotes of any size, from $50 to $1,000 and beyond."
    )
    assert sentence_conflict(facts, claim) == ()


def test_a_drafting_model_is_told_the_scoped_route_and_checked() -> None:
    facts = _facts()
    assert any(
        "re-routed only for repair quotes of $1,000 or more" in f for f in draft_facts(facts)
    )
    item = KnowledgeItem("macro", "1", "Repairs::Big quote", MACRO, "text", "kb", "m")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    template_body = TemplateDrafter().edit(facts, impact).new_body
    dropped = MACRO.replace("our service desk team takes over", "our claims desk team takes over")
    assert old_route_dropped(facts, impact, template_body, dropped)
    assert not old_route_dropped(facts, impact, template_body, str(template_body))


def test_the_note_says_the_hand_off_goes_to_another_team() -> None:
    facts = _facts()
    note = TemplateDrafter().note(facts, [], None)
    assert note.title.startswith(
        "Hands the conversation to a human specialist (team claims desk instead of service desk)"
    )
    assert "still handed to a human, now to team claims desk (service desk before)" in (
        note.customer_impact
    )
    assert "no longer handed to a human" not in note.customer_impact


def test_a_model_edit_dropping_the_old_route_is_retried_then_falls_back() -> None:
    facts = _facts()
    item = KnowledgeItem("macro", "1", "Repairs::Big quote", MACRO, "text", "kb", "m")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    template = TemplateDrafter()
    note = template.note(facts, [impact], None)
    broken = MACRO.replace(
        "For any quote of $300 or more, our service desk team takes over",
        "For any quote of $300 or more, our claims desk team takes over",
    ).replace("within 3 days to book the engineer", "within 1 day to check your cover")

    def answer(request: ChatRequest) -> str:
        return _edit_reply(broken) if "<<<BODY" in _prompt(request) else _note_json(note)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, template_edit = _draft(facts, impact, model)
    asked = [_prompt(r) for r in model.requests if "<<<BODY" in _prompt(r)]
    assert "re-routed only for repair quotes of $1,000 or more" in asked[0]
    assert len(asked) == 2
    assert "the old route (service desk) still holds for $300 to $999" in asked[1]
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == template_edit.new_body
