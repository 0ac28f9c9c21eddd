"""A tool that replaces another for everyone a prompt's topic reaches, no hand-off ("Book the
bike in for a service with `book_service`" → "Put the bike on the workshop queue with
`queue_service` and tell the customer the workshop will email them when a slot is free"): a KB
sentence where we take the old action says the new one in its own voice and lead, keeps its
own word for what the action takes (a placeholder, "your bike") and says what the customer is
now told, with nothing from one conversation. A bike shop whose assistant no longer books
services itself."""

from __future__ import annotations

from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.replaced import acted_sentence, replaced_action, replacing_tool
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Book the bike in for a service yourself with `book_service` (bike_id, owner)."
NEW = (
    "Put the bike on the workshop queue with `queue_service` (bike_id, owner) and tell the "
    "customer the workshop will email them when a slot is free."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nI've booked {{ticket.bike_name}} in for a service, "
    "and it'll be ready by Friday.\n\nThanks,\n{{current_user.first_name}}"
)
ARTICLE = (
    "# Servicing\n\n## How do I get my bike serviced?\n\nMessage us and we'll book your bike in "
    "for a service this week.\n\nA full service costs the same for every bike.\n"
)


def _facts(new: str = NEW) -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_service → queue_service",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["s1", "s2"],
        before_actions=[ActionFact("book_service")],
        after_actions=[ActionFact("queue_service")],
        rules=[
            Rule("H1", "sentence_changed", "Servicing", OLD, new, "changed"),
            Rule("H2", "tool_added", None, None, None, "tool queue_service added"),
        ],
        others=3,
    )


def test_the_new_action_and_what_the_customer_is_told_come_from_the_new_sentence() -> None:
    case = replacing_tool(_facts())
    assert case is not None and case.old == "book_service" and case.new == "queue_service"
    assert case.doing == "put the bike on the workshop queue" and case.same_object
    assert case.told == "The workshop will email you when a slot is free."
    # a hand-off is `replaced_action`'s, and a sentence with a case of its own is no rule for
    # everyone the topic reaches
    assert replaced_action(_facts()) is None
    assert replacing_tool(_facts("If the bike is electric, " + NEW[0].lower() + NEW[1:])) is None


def test_the_sentence_keeps_its_lead_voice_and_its_own_word_for_what_is_acted_on() -> None:
    case = replacing_tool(_facts())
    assert case is not None
    assert acted_sentence("I've booked {{ticket.bike_name}} in for a service today.", case) == (
        "I've put {{ticket.bike_name}} on the workshop queue. The workshop will email you when "
        "a slot is free."
    )
    assert acted_sentence("Ask us and we'll book your bike in this week!", case) == (
        "Ask us and we'll put your bike on the workshop queue! The workshop will email you "
        "when a slot is free."
    )
    # a placeholder past what the action takes would be lost; no "we" or "I" takes the action
    assert acted_sentence("We'll book your bike in on {{ticket.date}}.", case) is None
    assert acted_sentence("Services are booked online.", case) is None


def test_the_drafter_writes_the_new_action_into_macro_and_article() -> None:
    facts = _facts()
    kb = KnowledgeBase([kb_item("a1", ARTICLE), kb_item("m1", MACRO, kind="macro")])
    impacts = {impact.item.key: impact for impact in rank_items(facts, kb)}
    drafter = TemplateDrafter()
    told = "The workshop will email you when a slot is free."
    macro = drafter._edit_replaced_tool(facts, impacts["macro:m1"])
    assert macro is not None and macro[0] == MACRO.replace(
        "booked {{ticket.bike_name}} in for a service, and it'll be ready by Friday.",
        "put {{ticket.bike_name}} on the workshop queue. " + told,
    )
    article = drafter._edit_replaced_tool(facts, impacts["article:a1"])
    assert article is not None and article[0] == ARTICLE.replace(
        "book your bike in for a service this week.", "put your bike on the workshop queue. " + told
    )
