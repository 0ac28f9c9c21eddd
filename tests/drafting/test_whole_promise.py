"""A promise made anew for everyone on one topic: a plumbing firm's leak reports were rung back
by the office team within 8 working hours to book a plumber visit, and now an emergency plumber
is at the property within 3 hours to stop the leak. Who follows up, how and how soon move
together: a KB sentence or table cell stating the old promise says the new one whole, an edit
moving the time alone is refused (template and model alike), and the office team's call within
8 working hours for boiler-service quotes (the same words and number, another topic) stays."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting.checks import kb_text_problems
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import rule_moves
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.wholepromise import whole_promise, whole_promise_fact
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD_RULE = (
    'Log it with `report_leak` (response "ring_back") and tell them our office team will ring '
    "them within 8 working hours to book a plumber visit."
)
NEW_RULE = (
    'Log it with `report_leak` (response "attend") and tell them an emergency plumber will be at '
    "the property within 3 hours to stop the leak."
)
NEW_PROMISE = "An emergency plumber will be at the property within 3 hours to stop the leak."

MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry to hear about the leak. Turn the water off at "
    "the stopcock if you can. Our office team will ring you within 8 working hours to book a "
    "plumber visit. Call-outs for leaks are covered by your plan.\n\nThanks,\n"
    "{{current_user.first_name}}\nFlowright Plumbing"
)
QUOTE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for asking about a boiler service. Our office "
    "team will ring you within 8 working hours with a quote.\n\nThanks,\nFlowright Plumbing"
)
ARTICLE = (
    "# Leaks\n\nTurn the water off at the stopcock and tell us in chat.\n\n## What happens next?"
    "\n\nWe never send someone round at once: our office team rings you back within eight "
    "working hours (8 hours) and books a plumber visit with you.\n\n## Do I pay?\n\nNo. Leak "
    "call-outs are covered by your plan.\n"
)
TABLE = (
    "# At a glance\n\n| You want to | What happens |\n| --- | --- |\n"
    "| Report a leak | Our office team rings you back within 8 working hours to book a visit |\n"
    "| Book a boiler service | Our office team rings you back within 8 working hours with a "
    "quote |\n| Cancel | 1 day's notice |\n"
)


def _facts() -> ChangeFacts:
    facts = ChangeFacts(
        id="C1",
        title="report_leak(response=ring_back) → report_leak(response=attend)",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["leak-1", "leak-2", "leak-3"],
        removed_promises=[Promise("callback", "a call to the customer")],
        added_promises=[Promise("duration", "3 hours")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag leak",
                    "atoms": [{"feature": "tag:leak", "op": "tag"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 6},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Leaks", OLD_RULE, NEW_RULE, "…")],
        excerpts=[
            Excerpt(
                f"leak-{n}",
                "I've logged it. Our office team will ring you within 8 working hours.",
                "I've logged it. An emergency plumber will be with you within 3 hours.",
            )
            for n in (1, 2, 3)
        ],
        others=6,
    )
    facts.moves = rule_moves(facts.rules)
    return facts


def _impacts(facts: ChangeFacts) -> dict[str, object]:
    knowledge = KnowledgeBase(
        [
            kb_item("leak", MACRO, kind="macro", title="Leaks::Reported"),
            kb_item("quote", QUOTE_MACRO, kind="macro", title="Boilers::Service quote"),
            kb_item("leaks", ARTICLE),
            kb_item("glance", TABLE),
        ]
    )
    return {i.item.key: i for i in rank_items(facts, knowledge) if i.affected}


def test_the_promise_made_anew_is_read_from_the_prompt() -> None:
    promise = whole_promise(_facts())
    assert promise is not None
    assert promise.new == NEW_PROMISE
    assert {"offic", "team"} <= promise.old_person or "team" in promise.old_person
    # the same person keeping it: only a value moved, no promise made anew
    same = _facts()
    same.rules = [
        Rule("H1", "sentence_changed", "Leaks", OLD_RULE, OLD_RULE.replace("8 working", "3"), "…")
    ]
    same.moves = rule_moves(same.rules)
    assert whole_promise(same) is None
    # a promise that only says who replies and when: nothing of a purpose to tell topics apart
    bare = _facts()
    bare.rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Leaks",
            OLD_RULE.replace(
                "ring them within 8 working hours to book a plumber visit",
                "reply within 8 working days",
            ),
            NEW_RULE,
            "…",
        )
    ]
    bare.moves = rule_moves(bare.rules)
    assert whole_promise(bare) is None


def test_the_promise_is_said_whole_and_the_other_topic_stays() -> None:
    facts = _facts()
    impacts = _impacts(facts)
    assert "macro:quote" not in impacts
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:leak"])  # type: ignore[arg-type]
    assert macro.new_body == MACRO.replace(
        "Our office team will ring you within 8 working hours to book a plumber visit.",
        NEW_PROMISE,
    )
    article = drafter.edit(facts, impacts["article:leaks"])  # type: ignore[arg-type]
    assert article.new_body == ARTICLE.replace(
        "We never send someone round at once: our office team rings you back within eight "
        "working hours (8 hours) and books a plumber visit with you.",
        NEW_PROMISE,
    )
    table = drafter.edit(facts, impacts["article:glance"])  # type: ignore[arg-type]
    assert table.new_body == TABLE.replace(
        "Our office team rings you back within 8 working hours to book a visit",
        NEW_PROMISE.rstrip("."),
    )
    assert "with a quote |" in (table.new_body or "")


def test_the_time_moved_alone_is_refused_whoever_drafted_it() -> None:
    from behaviordiff.drafting.drafters import LLMDrafter

    facts = _facts()
    impacts = _impacts(facts)
    macro = impacts["macro:leak"]
    half = MACRO.replace("within 8 working hours", "within 3 hours")
    assert any("moves the time alone" in p for p in kb_text_problems(facts, macro, half))  # type: ignore[arg-type]
    whole = MACRO.replace(
        "Our office team will ring you within 8 working hours to book a plumber visit.",
        NEW_PROMISE,
    )
    assert not [p for p in kb_text_problems(facts, macro, whole) if "alone" in p]  # type: ignore[arg-type]
    drafter = TemplateDrafter()
    common = LLMDrafter(model=None, model_name="fake")._common(  # type: ignore[arg-type]
        facts,
        drafter.note(facts, [macro], None),  # type: ignore[list-item]
    )
    assert common["whole_promise"] == whole_promise_fact(facts)
    assert NEW_PROMISE in common["whole_promise"]
