"""The changed case in the customers' own words (`drafting.casesaid`): what the changed probes'
user messages say and the unchanged ones on their topic never do names the case; an item naming
it so that states the old rule is about the change, though it never says the condition's word.

Made-up agent: a garage that emails every customer the mechanic's name and the drop-off time
within 1 working day; for electric vehicles (`vehicle = electric`) it now texts them instead,
every other vehicle still emailed. The customers never say "electric": they ask about their
battery warning light or a loose charging port. Traps: an invoice emailed (no case words), a
battery report emailed within a working day (the case's words, another rule)."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.casesaid import case_said_fact, said_case_words
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item, moved_facts

OLD = (
    "Once the booking is confirmed, send the mechanic's name and drop-off time with "
    "`send_confirmation` (channel email) and tell the customer it will reach their email inbox "
    "within 1 working day."
)
NEW = (
    "Electric vehicles: send the mechanic's name and drop-off time with `send_confirmation` "
    "(channel sms) and tell the customer it will come by text message to their mobile within 1 "
    "working day."
)
REST = (
    "Every other vehicle: send the mechanic's name and drop-off time with `send_confirmation` "
    "(channel email) and tell the customer it will reach their email inbox within 1 working day."
)
CHANGED = [
    "My EV's battery warning light came on at 8am, can you book a service?",
    "The charging port on my car is loose, please book it in for the 14th.",
    "I need a battery health check before my road trip.",
]
UNCHANGED = [
    "My diesel van needs its annual service, can you book it?",
    "Please book my hatchback in for new brake pads.",
    "I need an MOT for my car next week.",
]
EV = (
    "# Battery cars and hybrids\n\nWe look after battery cars and hybrids, from battery health "
    "checks to charging-port repairs. Many lease companies arrange servicing themselves, so "
    "check your lease first.\n\nIf you book with us, your confirmation email arrives within one "
    "working day with your mechanic's name and the drop-off time, so you can show it at the "
    "front desk.\n"
)
INVOICE = "# Invoices\n\nWe email your invoice within one working day of collection.\n"
REPORT = (
    "# Battery reports\n\nAfter a battery health check, we email you the report within one "
    "working day, with the charging-port readings.\n"
)


def _facts(case_said: list[str]) -> ChangeFacts:
    facts = moved_facts(
        [
            Rule("H1", "sentence_changed", "Confirmations", OLD, NEW, "changed"),
            Rule("H2", "sentence_added", "Confirmations", None, REST, "added"),
        ],
        [
            {"feature": "vehicle", "op": "=", "value": "electric"},
            {"feature": "tag:booking", "op": "tag"},
        ],
        title="send_confirmation(channel=email) → send_confirmation(channel=sms)",
        facets=("actions", "promises"),
        text="vehicle = electric and tag booking",
    )
    facts.before_actions = [ActionFact("send_confirmation", (("channel", "email"),))]
    facts.after_actions = [ActionFact("send_confirmation", (("channel", "sms"),))]
    facts.removed_promises = [Promise("channel", "email")]
    facts.added_promises = [Promise("channel", "text message")]
    facts.prompt_sections = {"Confirmations": [NEW, REST]}
    facts.case_said = case_said
    return facts


def _knowledge() -> KnowledgeBase:
    return KnowledgeBase(
        [kb_item("ev", EV), kb_item("invoice", INVOICE), kb_item("report", REPORT)]
    )


def test_the_case_words_are_what_only_the_changed_messages_say() -> None:
    words = said_case_words(CHANGED, UNCHANGED)
    assert words[0] == "battery"  # said twice
    assert {"EV", "charging", "health", "warning"} <= set(words)
    # said on the unchanged side too, or a time or a date
    assert not {"book", "car", "service", "need", "8am", "am", "14th", "th"} & set(words)
    assert said_case_words(CHANGED, []) == []


def test_an_item_naming_the_case_in_the_customers_words_that_states_the_old_rule_is_found() -> None:
    facts = _facts(said_case_words(CHANGED, UNCHANGED))
    ranked = {impact.item.key: impact for impact in rank_items(facts, _knowledge())}
    ev = ranked["article:ev"]
    assert [c.sentence for c in ev.conflicts] == [
        "If you book with us, your confirmation email arrives within one working day with your "
        "mechanic's name and the drop-off time, so you can show it at the front desk."
    ]
    # no case words; the case's words about another rule
    assert not ranked["article:invoice"].affected if "article:invoice" in ranked else True
    assert not ranked["article:report"].affected if "article:report" in ranked else True
    body = TemplateDrafter().edit(facts, ev).new_body
    assert "text message" in body and "confirmation email" not in body
    assert "Many lease companies arrange servicing themselves" in body
    fact = case_said_fact(facts)
    assert fact is not None and "battery" in fact


def test_without_the_customers_words_the_item_is_not_found() -> None:
    ranked = {impact.item.key: impact for impact in rank_items(_facts([]), _knowledge())}
    assert "article:ev" not in ranked or not ranked["article:ev"].affected


def test_an_item_another_finder_marked_is_not_taken_for_the_case_by_its_words_alone() -> None:
    """The customers' words say an item is about the case alone only where they found it: an
    item the prompt-rule finder marked, naming some of those words by chance, is not the case's
    alone, so its sentence is never replaced by the case's rule for everyone."""
    from dataclasses import replace

    from behaviordiff.drafting.promptrule import PROMPT_RULE_REASON, prompt_rule_edit

    facts = _facts(said_case_words(CHANGED, UNCHANGED))
    ranked = {impact.item.key: impact for impact in rank_items(facts, _knowledge())}
    ev = ranked["article:ev"]
    found = prompt_rule_edit(facts, ev)
    assert found is not None and found[0] is not None and "confirmation email" not in found[0]
    by_another = replace(
        ev, conflicts=[replace(c, reasons=(PROMPT_RULE_REASON,)) for c in ev.conflicts]
    )
    written = prompt_rule_edit(facts, by_another)
    assert written is None or written[0] is None or "confirmation email" in written[0]
