"""The writer of last resort (`drafting.promptrule`) on a rule the new prompt rewrites as a
denial of the old one in the same words, with a case named by a value quoted as code and a
sentence added after it that goes on with it.

Made-up agent: a mobile network whose chat agent read out a basic plan's data usage ("If the
plan is `basic`, we can tell customers their data usage over chat: …") and now sends them to
the app ("If the plan is `basic`, do not read the data usage out over chat: tell the customer
their data usage is shown in the Signal app, under Account and then Usage." then "Customers
who don't use the Signal app can text USAGE to 2020 to get it."). Traps: a denial about
another account, the app named for top-ups, a sentence about the premium plan."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.promptrule import PROMPT_RULE_REASON, new_rule, passages
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = (
    "If the plan is `basic`, we can tell customers their data usage over chat: look it up with "
    "`fetch_meter` and tell the customer how much data they have used this month."
)
NEW = (
    "If the plan is `basic`, do not read the data usage out over chat: tell the customer their "
    "data usage is shown in the Signal app, under Account and then Usage."
)
ADDED = "Customers who don't use the Signal app can text USAGE to 2020 to get it."
SECTIONS = {
    "Usage": [
        "If the plan is `premium`, tell the customer their plan has unlimited data.",
        NEW,
        ADDED,
    ],
    "Top-ups": ["Top-ups are made in the Signal app or at any shop."],
    "Privacy": ["Never discuss another person's account."],
}


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="no longer calls fetch_meter",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("fetch_meter", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "plan = basic",
                    "atoms": [{"feature": "plan", "op": "=", "value": "basic"}],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Usage", OLD, NEW, "changed"),
            Rule("H2", "sentence_added", "Usage", None, ADDED, "added"),
        ],
        prompt_sections=SECTIONS,
    )


TOLD = "We can tell you your basic plan data usage over chat, so there's no need to log in."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for getting in touch about your data.\n\n"
    f"{TOLD}\n\nWe can't discuss another person's account over chat.\n\nThanks,\nSignal\n"
)
LISTED = "- Basic plan data usage, which our team can give you over chat"
ARTICLE = f"""# What our chat team can help with

{LISTED}
- Top-ups, which you can make in the Signal app
- Premium plan questions: your plan has unlimited data
"""


def test_an_added_sentence_going_on_with_the_rewritten_one_is_the_same_rule() -> None:
    assert passages(_facts()) == [f"{NEW} {ADDED}"]


def test_a_case_quoted_as_code_is_said_as_a_word_and_the_denial_as_ours() -> None:
    said = new_rule(_facts())
    assert said is not None
    assert said.head == "If the plan is basic"
    assert said.statement.startswith("we don't read the data usage out over chat: your data")
    assert "text USAGE to 2020" in said.statement


def test_what_the_new_rule_denies_said_without_a_denial_states_the_old_rule() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("usage", MACRO, kind="macro"), kb_item("chat", ARTICLE)])
    marked = {
        impact.item.key: [(c.sentence, c.reasons) for c in impact.conflicts]
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    assert marked == {
        "macro:usage": [(TOLD, (PROMPT_RULE_REASON,))],
        "article:chat": [(LISTED, (PROMPT_RULE_REASON,))],
    }
    edits = {
        impact.item.key: TemplateDrafter().edit(facts, impact)
        for impact in rank_items(facts, knowledge)
        if impact.affected
    }
    macro = edits["macro:usage"].new_body
    assert macro is not None and TOLD not in macro
    assert "shown in the Signal app" in macro and "text USAGE to 2020" in macro
    assert "We can't discuss another person's account over chat." in macro
    article = edits["article:chat"].new_body
    assert article is not None
    assert "- Top-ups, which you can make in the Signal app" in article
    assert "- Premium plan questions: your plan has unlimited data" in article
