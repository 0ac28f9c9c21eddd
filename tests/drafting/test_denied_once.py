"""What the new rule says only under a denial counts as a KB sentence restating the old rule only
when the old rule said it without one, and by two words or more: one shared word ("ticket" of
"send us your ticket") is chance, and a sentence about another topic that needs the same proof
(a cloakroom locker) is no statement of the old rule.

Made-up agent: a concert hall that now lets guests without a ticket in as standing guests."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = (
    "- No ticket: we can't let the guest in without proof of booking. Say so kindly, ask them to "
    "look for the ticket or booking email, and do not call a tool."
)
NEW = (
    "- No ticket: we now let the guest in as a standing guest. Add them with `add_standing_guest`"
    " straight away and tell the customer; there is no seat without a ticket."
)
LOCKERS = (
    "- Proof of booking is needed for a cloakroom locker; if the guest has no ticket, ask for the "
    "ticket or booking email before booking one."
)
SECTIONS = {
    "Entry": ["- Guests with a ticket: scan it with `scan_ticket` and welcome them.", NEW],
    "Cloakroom": [LOCKERS],
}
TRAP = (
    "Send us a chat message with your ticket or booking email. We can't book a cloakroom locker "
    "without proof of booking."
)
ARTICLE = f"# Cloakroom\n\n{TRAP} Lockers cost £2 an evening.\n"


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="now calls add_standing_guest",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2"],
        others=8,
        after_actions=[ActionFact("add_standing_guest", ())],
        conditions=[
            Condition.from_dict(
                {
                    "text": "ticket_held is false",
                    "atoms": [{"feature": "ticket_held", "op": "is", "value": False}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Entry", OLD, NEW, "changed")],
        prompt_sections=SECTIONS,
    )


def test_one_word_the_new_rule_denies_is_no_restatement_of_the_old_rule() -> None:
    knowledge = KnowledgeBase([kb_item("cloakroom", ARTICLE)])
    affected = [impact for impact in rank_items(_facts(), knowledge) if impact.affected]
    assert affected == []
