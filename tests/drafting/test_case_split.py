"""A hand-off the new version stops for one case of its condition and keeps for the others,
in a KB that names the case beside them: in the subject of a sentence ("Cracked screens and
laptops that won't start are looked at by our repair desk") or as a list item under a lead
that hands every item over. The case leaves the sentence or the list (the other items and
sentences byte for byte) and a sentence of its own says the new handling; what the others
are still promised stays. A laptop repair shop whose assistant now books screen swaps."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import CASE_HANDOFF_REASON, rank_items
from behaviordiff.drafting.subsets import split_case_off, split_cases_off, tool_phrase
from behaviordiff.drafting.text import replace_units, terms, units
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

SCREEN = [set(terms("cracked screen"))]
NEW = "A cracked screen, or a missing key: book a swap with `book_swap`; it happens that day."
ARTICLE = """# Laptop trouble

Our repair desk looks at these and answers within 3 working days:

- a cracked screen
- a laptop that won't start

Keep your receipt until they answer.

## Check-ups

Our repair desk runs a free check-up every Friday.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nCracked screens and laptops that won't start are "
    "looked at by our repair desk, so we've passed your request to them. They answer within 3 "
    "working days.\n\nThanks,\n{{current_user.first_name}}"
)
TRAP = "Hi {{ticket.requester.first_name}},\n\nOur repair desk runs a free check-up every Friday."


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="escalate_to_repair_desk → book_swap",
        kind="actions",
        facets=["actions", "escalation"],
        probe_ids=["s1", "s2", "s3"],
        before_actions=[ActionFact("escalate_to_repair_desk")],
        after_actions=[ActionFact("book_swap")],
        escalation="removed",
        removed_promises=[Promise("duration", "3 business days", "contact")],
        conditions=[
            Condition.from_dict(
                {"atoms": [{"feature": "issue", "op": "=", "value": "cracked_screen"}]}
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Trouble", "A missing key: …", NEW, "changed")],
        excerpts=[
            Excerpt("s1", "Our repair desk answers within 3 working days.", "Your swap is set."),
            Excerpt("s2", "Passed to the repair desk: 3 working days.", "Your swap is booked."),
            Excerpt("s3", "The repair desk has it; 3 working days.", "A swap is booked today."),
        ],
        others=4,
    )


def test_the_case_leaves_the_subject_it_shares_with_others() -> None:
    first = "Cracked screens and dead batteries are looked at by our desk, so we passed it on."
    assert split_case_off(first, SCREEN) == (
        "Dead batteries are looked at by our desk, so we passed it on.",
        "Cracked screens",
    )
    middle = "Dead batteries, cracked screens and sticky keys are looked at by our desk."
    assert split_case_off(middle, SCREEN) == (
        "Dead batteries and sticky keys are looked at by our desk.",
        "cracked screens",
    )
    last = "Dead batteries, sticky keys or cracked screens go to our desk."
    assert split_case_off(last, SCREEN) == (
        "Dead batteries or sticky keys go to our desk.",
        "cracked screens",
    )
    singular = "A dead battery and a cracked screen are looked at by our desk."
    assert split_case_off(singular, SCREEN) == (
        "A dead battery is looked at by our desk.",
        "a cracked screen",
    )
    # nothing else in the subject: nothing to keep
    assert split_case_off("Cracked screens are looked at by our desk.", SCREEN) is None


def test_what_the_tool_does_is_the_rules_verb_phrase_before_or_after_it() -> None:
    assert tool_phrase(NEW, "book_swap") == "book a swap"
    assert tool_phrase("Use `log_fault` to open a fault report.", "log_fault") == (
        "open a fault report"
    )
    assert tool_phrase("The agent has `book_swap` for this.", "book_swap") is None


def test_a_list_item_goes_with_its_line_and_the_others_stay_byte_for_byte() -> None:
    marked = {"- a cracked screen"}
    new, cases = split_cases_off(ARTICLE, marked, SCREEN, "book a swap") or ("", [])
    assert cases == ["a cracked screen"]
    assert new == ARTICLE.replace("- a cracked screen\n", "").replace(
        "- a laptop that won't start\n",
        "- a laptop that won't start\n\nFor a cracked screen, we book a swap instead.\n",
    )
    alone = "Our desk answers within 3 working days:\n\n- a cracked screen\n"
    assert split_cases_off(alone, marked, SCREEN, "book a swap") is None


def test_the_handoff_is_split_for_the_case_and_kept_for_the_others() -> None:
    kb = KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Laptop trouble", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("macro", "2", "Repairs::Passed on", MACRO, "text", "kb", "m"),
            KnowledgeItem("macro", "3", "Repairs::Check-up", TRAP, "text", "kb", "t"),
        ]
    )
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, kb) if i.affected}
    assert set(impacts) == {"article:1", "macro:2"}
    for impact in impacts.values():
        [conflict] = impact.conflicts
        assert CASE_HANDOFF_REASON in conflict.reasons
    drafter = TemplateDrafter()
    article = drafter.edit(facts, impacts["article:1"]).new_body
    assert article is not None and "- a cracked screen" not in article
    assert "- a laptop that won't start\n\nFor a cracked screen, we book a swap instead." in article
    macro = drafter.edit(facts, impacts["macro:2"]).new_body
    assert macro == MACRO.replace("Cracked screens and laptops", "Laptops").replace(
        "3 working days.", "3 working days. For cracked screens, we book a swap instead."
    )


def test_a_change_for_everyone_on_the_topic_splits_nothing() -> None:
    facts = _facts()
    facts.others = 0
    kb = KnowledgeBase(
        [KnowledgeItem("macro", "2", "Repairs::Passed on", MACRO, "text", "kb", "m")]
    )
    for impact in rank_items(facts, kb):
        assert all(CASE_HANDOFF_REASON not in c.reasons for c in impact.conflicts)


def test_a_list_item_rewritten_as_a_sentence_keeps_its_marker() -> None:
    body = "Steps:\n\n- Call the desk.\n* Wait for a call back.\n- Bring the receipt.\n"
    found = units(body)
    new = replace_units(body, {2: "We book a swap instead.", 3: "- Bring it."}, found)
    assert new == "Steps:\n\n- Call the desk.\n* We book a swap instead.\n- Bring it.\n"
    # a deleted item takes its line with it: no empty line is left in the list
    assert replace_units(body, {1: ""}, found) == body.replace("- Call the desk.\n", "")


def test_a_case_in_several_words_or_conjuncts_leaves_as_one() -> None:
    assert split_case_off(
        "Cracked or scratched screens and dead batteries go to our desk.", SCREEN
    ) == (
        "Dead batteries go to our desk.",
        "Cracked or scratched screens",
    )
    both = [set(terms("cracked screen")), set(terms("missing key"))]
    run = "Cracked screens, missing keys and dead batteries go to our desk."
    assert split_case_off(run, both) == (
        "Dead batteries go to our desk.",
        "Cracked screens, missing keys",
    )
    apart = "Cracked screens, dead batteries and missing keys go to our desk."
    assert split_case_off(apart, both) is None
    assert (
        split_case_off("Cracked screens and scratched screens go to our desk.", [{"screen"}])
        is None
    )


def test_the_tool_may_be_named_without_backticks_and_the_customer_is_you() -> None:
    rule = "For a cracked screen, send them a loan laptop using the book_loan tool."
    assert tool_phrase(rule, "book_loan") == "send you a loan laptop"
    assert tool_phrase("Call book_loan to lend the customer a laptop.", "book_loan") == (
        "lend you a laptop"
    )


def test_a_numbered_item_goes_whole_with_its_number() -> None:
    body = (
        "Our repair desk answers these within 3 working days:\n\n1. A cracked screen.\n"
        "2. A laptop that won't start.\n\nKeep your receipt.\n"
    )
    new, cases = split_cases_off(body, {"A cracked screen."}, SCREEN, "book a swap") or ("", [])
    assert cases == ["A cracked screen"]
    assert new == (
        "Our repair desk answers these within 3 working days:\n\n2. A laptop that won't start."
        "\n\nFor a cracked screen, we book a swap instead.\n\nKeep your receipt.\n"
    )
    kb = KnowledgeBase([KnowledgeItem("article", "1", "Laptops", body, "markdown", "kb", "a")])
    [impact] = [i for i in rank_items(_facts(), kb) if i.affected]
    assert [c.sentence for c in impact.conflicts] == ["A cracked screen."]


def test_the_customers_own_thing_is_yours_and_a_team_named_for_them_stays() -> None:
    rule = "A lost key: use `post_key` to post the customer's spare key to them."
    assert tool_phrase(rule, "post_key") == "post your spare key to you"
    rule = "Use `open_case` to have the customer relations team call them."
    assert tool_phrase(rule, "open_case") == "have the customer relations team call you"
