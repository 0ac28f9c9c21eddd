"""A hand-off the new version stops for part of a range on one topic, while its prompt still
hands another topic over to the same team with the same promise ("Stolen bikes": the same
insurance team, the same "within 2 working days"): a KB sentence on that other topic is no
conflict, even when the two topics share a word ("bike") and the team and time frame are the
old reply's. A sentence naming the change's own topic keeps its conflict."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import HANDOFF_REASON, rank_items
from behaviordiff.drafting.keptaction import (
    kept_action_words,
    kept_section_words,
    on_kept_topic,
)
from behaviordiff.drafting.text import terms
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    "Every damage claim goes to the insurance team, whatever the bike's value: pass it on with "
    "`transfer_to_insurance` and tell the customer our insurance team will email them within "
    "2 working days."
)
NEW = "Declared value up to $100: settle it yourself."
PAY = (
    "Pay the declared value with `pay_damage` and tell the customer the money arrives within "
    "4 working days."
)
KEPT = (
    "Declared value over $100: pass it on with `transfer_to_insurance` and tell the customer "
    "our insurance team will email them within 2 working days."
)
SECTIONS = {
    "Bikes damaged in our workshop": [
        "If a customer says our mechanics damaged their bike, look it up with `get_service` "
        "first; it gives the bike's declared value.",
        NEW,
        PAY,
        KEPT,
    ],
    "Bikes stolen from our racks": [
        "If a customer's bike was stolen from our racks while in for a service, pass it to the "
        "insurance team with `transfer_to_insurance` and tell the customer our insurance team "
        "will email them within 2 working days.",
    ],
    "Opening hours": ["We're open 8 to 6, Monday to Saturday."],
}


def _facts() -> ChangeFacts:
    rules = [
        Rule("H1", "sentence_changed", "Bikes damaged in our workshop", OLD, NEW, f"{OLD} → {NEW}"),
        Rule("H2", "sentence_added", "Bikes damaged in our workshop", None, PAY, PAY),
        Rule("H3", "sentence_added", "Bikes damaged in our workshop", None, KEPT, KEPT),
    ]
    facts = ChangeFacts(
        id="C1",
        title="transfer_to_insurance → pay_damage",
        kind="actions",
        facets=["actions", "escalation", "promises"],
        probe_ids=["damage-20", "damage-80"],
        before_actions=[ActionFact("transfer_to_insurance")],
        after_actions=[ActionFact("pay_damage")],
        escalation="removed",
        removed_promises=[Promise("channel", "email"), Promise("duration", "2 business days")],
        added_promises=[Promise("duration", "4 business days")],
        conditions=[
            Condition.from_dict(
                {
                    "atoms": [
                        {"feature": "tag:damaged-bike", "op": "tag"},
                        {"feature": "get_service.declared_value", "op": "<=", "value": 100},
                    ]
                }
            )
        ],
        rules=rules,
        excerpts=[
            Excerpt(
                probe_id="damage-20",
                old="Passed to our insurance team; they will email you within 2 working days.",
                new="I've paid you the declared value; it arrives within 4 working days.",
            ),
        ],
        others=6,
    )
    dropped = ["transfer_to_insurance"]
    facts.kept_action_topics = kept_action_words(dropped, rules, SECTIONS)
    facts.kept_action_said = kept_section_words(dropped, rules, SECTIONS)
    return facts


DAMAGED = (
    "Hi {{ticket.requester.first_name}},\n\nI'm sorry your bike came back scratched. Every "
    "claim for a bike damaged in our workshop goes to our insurance team, whatever the bike is "
    "worth. They will email you within 2 working days.\n\nBest,\n{{current_user.first_name}}"
)
STOLEN = (
    "Hi {{ticket.requester.first_name}},\n\nWe're so sorry your bike was taken from our racks. "
    "Stolen bikes are handled by our insurance team, who will email you within 2 working days."
    "\n\nBest,\n{{current_user.first_name}}"
)
STOLEN_FAQ = (
    "# Stolen bikes\n\n## My bike was stolen from your racks\n\nIt's very rare, but if your "
    "bike is stolen from our racks, our insurance team looks into it. They will email you "
    "within 2 working days, and they pay its declared value.\n"
)
OTHERS = {
    "Opening hours": "# Opening hours\n\nWe're open 8 to 6, Monday to Saturday.\n",
    "Tyres": "# Tyres\n\nA new inner tube costs $8, fitted while you wait.\n",
    "Gears": "# Gears\n\nA gear tune takes about an hour.\n",
}


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Claims::Damaged in workshop", DAMAGED, "text", "kb", "a"),
            KnowledgeItem("macro", "2", "Claims::Stolen bike", STOLEN, "text", "kb", "b"),
            KnowledgeItem("article", "3", "Stolen bikes", STOLEN_FAQ, "markdown", "kb", "c"),
            *(
                KnowledgeItem("article", str(n), title, body, "markdown", "kb", title)
                for n, (title, body) in enumerate(OTHERS.items(), start=4)
            ),
        ]
    )


def test_the_kept_section_is_read_with_all_its_words() -> None:
    facts = _facts()
    [topic] = facts.kept_action_topics
    [said] = facts.kept_action_said
    assert {"stolen", "rack"} <= topic
    # "bike" is said by both sections: it tells neither topic apart
    assert "bike" in said and "bike" not in topic


def test_a_text_on_the_kept_topic_naming_no_word_of_the_change_alone() -> None:
    facts = _facts()
    own = {"damag", "bike"}
    kept, said = facts.kept_action_topics, facts.kept_action_said
    assert on_kept_topic(kept, said, own, "Stolen bikes from our racks go to the desk.")
    assert not on_kept_topic(kept, said, own, "A bike stolen or damaged at our racks.")
    # a change whose topic the kept section says in full tells nothing apart
    assert not on_kept_topic(kept, said, {"bike"}, "Stolen bikes from our racks.")
    assert set(terms("Stolen bikes")) == {"stolen", "bike"}


def test_the_other_topic_with_the_same_team_and_time_frame_is_no_conflict() -> None:
    impacts = {i.item.key: i for i in rank_items(_facts(), _kb())}
    assert not impacts["macro:2"].affected
    assert "article:3" not in impacts or not impacts["article:3"].affected
    damaged = impacts["macro:1"]
    assert any(
        c.sentence.startswith("Every claim for a bike damaged")
        and any(r.startswith(HANDOFF_REASON) for r in c.reasons)
        for c in damaged.conflicts
    )


def test_the_note_names_no_item_of_the_other_topic() -> None:
    facts = _facts()
    affected = [impact for impact in rank_items(facts, _kb()) if impact.affected]
    note = TemplateDrafter().note(facts, affected, None)
    assert not any("Stolen" in action for action in note.cs_actions)
    assert any("Damaged in workshop" in action for action in note.cs_actions)
