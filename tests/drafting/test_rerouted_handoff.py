"""A hand-off re-routed for everyone on one topic (the same escalation tool, another team:
`transfer_to_team` team "mobile" → team "workshop", tag lost-keys): a KB sentence stating the
old route says what the new prompt tells the customer in its place (who contacts them, how,
with what), even when a reply echoed the prompt's words; the rest of the item is kept."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.checks import told_by_prompt
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rerouted import rerouted_told, rerouted_tool
from behaviordiff.drafting.rules import told_clause
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    'Pass the customer on with `transfer_to_team` (team "mobile", reason "lost keys") and '
    "tell them our mobile team will ring them within 1 working day to arrange a visit."
)
NEW = (
    'Pass the customer on with `transfer_to_team` (team "workshop", reason "lost keys") and '
    "tell them our workshop team will email them within 1 working day with a quote."
)
TOLD = "Our workshop team will email you within 1 working day with a quote."


def _facts(*, tagged: bool = True) -> ChangeFacts:
    atoms = [{"feature": "tag:lost-keys", "op": "tag"}]
    if not tagged:
        atoms.append({"feature": "key_count", "op": ">", "value": 2})
    return ChangeFacts(
        id="C1",
        title="transfer_to_team(team=mobile) → transfer_to_team(team=workshop)",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["keys-1", "keys-2"],
        before_actions=[ActionFact("transfer_to_team", (("team", "mobile"),))],
        after_actions=[ActionFact("transfer_to_team", (("team", "workshop"),))],
        removed_promises=[Promise("callback", "a call to the customer")],
        added_promises=[Promise("channel", "email")],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[Rule("H1", "sentence_changed", "Lost keys", OLD, NEW, f"{OLD} → {NEW}")],
        excerpts=[
            Excerpt(
                probe_id="keys-1",
                old="Done: our mobile team will ring you within 1 working day.",
                new=f"Sorry about the keys. {TOLD}",
            ),
            Excerpt(
                probe_id="keys-2",
                old="I've passed this on; the mobile team will ring you soon.",
                new="I've passed this on, and the workshop team will email you a quote.",
            ),
        ],
        others=5,
    )


MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry to hear you've lost your keys. I've passed "
    "your details to our mobile team, who will ring you within 1 working day to arrange a "
    "visit.\n\nKeep a spare with someone you trust.\n\nBest,\n{{current_user.first_name}}"
)


def test_the_told_clause_of_an_action_rule() -> None:
    assert told_clause(NEW) == TOLD
    assert told_clause("Book the visit with `book_visit`.") is None


def test_a_rerouted_handoff_is_the_same_tool_with_other_arguments() -> None:
    facts = _facts()
    assert rerouted_tool(facts) == "transfer_to_team"
    assert rerouted_told(facts) == TOLD
    # a subset of the topic: the old route still holds for the others
    assert rerouted_told(_facts(tagged=False)) is None
    moved = _facts()
    moved.after_actions = [ActionFact("book_visit")]
    assert rerouted_tool(moved) is None


def test_the_prompts_own_words_are_no_copied_reply() -> None:
    facts = _facts()
    assert told_by_prompt(facts, TOLD)
    assert not told_by_prompt(facts, "Sorry about the keys.")


def test_the_macro_says_the_new_route() -> None:
    facts = _facts()
    item = KnowledgeItem("macro", "1", "Keys::Passed on", MACRO, "text", "kb", "m")
    [impact] = [i for i in rank_items(facts, KnowledgeBase([item])) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None
    assert TOLD in edit.new_body
    assert "ring you" not in edit.new_body
    assert "Keep a spare with someone you trust." in edit.new_body
    assert "{{ticket.requester.first_name}}" in edit.new_body
