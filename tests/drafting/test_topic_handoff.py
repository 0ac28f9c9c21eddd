"""A hand-off removed for everyone on one topic: a bank's assistant used to pass requests
for statement copies to the records team ("they will post it within 5 working days") and now
emails the copy itself at once with a tool the version adds. The records team still calls
about payments a customer does not recognise. An article states the old hand-off in its
answer, again in the next sentence of that answer and in an "at a glance" row; each says the
new rule, and every sentence on the kept topic (same team, same days) stays as it is."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import other_topic_handoffs
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import kb_rule
from behaviordiff.drafting.topichandoff import on_topic, restated_row
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "Copies of bank statements: pass the request to the records team with `handoff_to_records`"
    " (reason statement_copy) and tell the customer the records team will post it within 5 "
    "working days."
)
NEW = (
    "Copies of bank statements: send it straight away with `send_statement_copy` (month, "
    "account) to the customer's email, and tell the customer it's on its way now and should "
    "be in their inbox within a few minutes."
)
KEPT = (
    "A payment on a statement the customer does not recognise: pass it to the records team "
    "with `handoff_to_records` (reason unknown_payment); they will phone the customer within "
    "5 working days."
)

ANSWER = "Copies of bank statements are looked after by our records team rather than the branch."
AGAIN = (
    "Ask us in chat or in branch and we'll pass your request to the records team, who will "
    "post the copy to your home address within five working days."
)
UNKNOWN = (
    "Tell us in chat and we'll pass it to the records team, who will phone you within five "
    "working days."
)
ROW = "- Statement copies: posted by our records team within 5 working days of your request."
UNKNOWN_ROW = (
    "- Unrecognised payments on a statement: a call from our records team within 5 working days."
)
FAQ = (
    "# Statements and payments\n\n"
    "## Can I get a copy of a statement?\n\n"
    f"Yes. {ANSWER} {AGAIN}\n\n"
    "Many customers need these for a mortgage application, so ask in good time.\n\n"
    "## What if I don't recognise a payment?\n\n"
    f"{UNKNOWN} If it wasn't you, we refund it to your account.\n\n"
    "## At a glance\n\n"
    "- Monthly fee: none on a current account.\n"
    f"{ROW}\n"
    f"{UNKNOWN_ROW}\n"
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="handoff_to_records → send_statement_copy",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["copy-march", "copy-lost", "copy-mortgage"],
        before_actions=[ActionFact("handoff_to_records")],
        after_actions=[ActionFact("send_statement_copy")],
        escalation="removed",
        removed_promises=[Promise("channel", "post"), Promise("duration", "5 business days")],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": "tag:statement-copy", "op": "tag"}]})
        ],
        rules=[Rule("H7", "sentence_changed", "Statements", OLD, NEW, f"{OLD} → {NEW}")],
        excerpts=[
            Excerpt(
                probe_id="copy-march",
                old="I've passed your request to our records team; they'll post it within 5 "
                "working days.",
                new="I've just emailed your March statement, so it's on its way now.",
            )
        ],
        others=8,
        prompt_sections={"Statements": [NEW, KEPT]},
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [KnowledgeItem("article", "9", "Statements and payments", FAQ, "markdown", "kb", "f")]
    )


def _edit() -> str:
    facts = _facts()
    [impact] = [i for i in rank_items(facts, _kb()) if i.affected]
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is not None, edit.rationale
    return edit.new_body


def test_each_sentence_stating_the_topics_hand_off_says_the_new_rule() -> None:
    body = _edit()
    for gone in (ANSWER, AGAIN, ROW):
        assert gone not in body
    assert "records team" not in body.split("## What if")[0]
    assert "straight away" in body.split("## What if")[0]
    assert "- Statement copies: we send it straight away" in body


def test_the_kept_topics_hand_off_to_the_same_team_stays() -> None:
    body = _edit()
    assert UNKNOWN in body
    assert UNKNOWN_ROW in body
    assert "Many customers need these for a mortgage application" in body


def test_a_kept_hand_offs_topic_outweighs_a_shared_word() -> None:
    kept = ["A payment on a statement the customer does not recognise"]
    assert on_topic("Copies of bank statements", ROW, kept)
    assert not on_topic("Copies of bank statements", UNKNOWN_ROW, kept)
    # "copy" and "copies" are one word
    assert on_topic("Copies of bank statements", AGAIN, kept)


def test_a_labelled_row_keeps_its_label_and_case() -> None:
    assert restated_row(ROW, "we send it at once") == "- Statement copies: we send it at once."
    assert restated_row("- Copies: Posted in 5 days.", "we send it") == "- Copies: We send it."
    assert restated_row("Statement copies are posted.", "we send it") is None


def test_a_tool_named_with_its_arguments_leaves_none_behind() -> None:
    restated = kb_rule(NEW)
    assert restated is not None
    assert "(month, account)" not in restated.sentence
    assert "it's on its way now" in restated.sentence
    assert "your inbox" in restated.sentence


def test_a_model_edit_changing_the_kept_topic_is_sent_back() -> None:
    facts = _facts()
    [impact] = [i for i in rank_items(facts, _kb()) if i.affected]
    template = TemplateDrafter().edit(facts, impact).new_body
    assert other_topic_handoffs(facts, impact, template, template or "") == []
    changed = (template or "").replace(UNKNOWN, "Tell us in chat and we'll look at it at once.")
    [problem] = other_topic_handoffs(facts, impact, template, changed)
    assert "keep it as it is" in problem
