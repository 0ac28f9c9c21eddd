"""A KB sentence promising the old call about another subject ("Our mobile team will ring
you within 1 working day" under a heading on broken locks), when one topic's hand-off moved to
another team (tag lost-keys) by a prompt rule with no head of its own to say what it is about,
states the call the other subject still gets: no conflict, no edit, and the note does not name
the item. The sentence about the change's topic keeps its conflict."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items, rule_topic
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

OLD = (
    'Pass the customer on with `transfer_to_team` (team "mobile", reason "lost keys") and '
    "tell them our mobile team will ring them within 1 working day to arrange a visit."
)
NEW = (
    'Pass the customer on with `transfer_to_team` (team "workshop", reason "lost keys") and '
    "tell them our workshop team will email them within 1 working day with a quote."
)


def _facts() -> ChangeFacts:
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
        conditions=[Condition.from_dict({"atoms": [{"feature": "tag:lost-keys", "op": "tag"}]})],
        rules=[Rule("H1", "sentence_changed", "Lost keys", OLD, NEW, f"{OLD} → {NEW}")],
        excerpts=[
            Excerpt(
                probe_id="keys-1",
                old="I've passed this on: our mobile team will ring you within 1 working day "
                "to arrange a visit.",
                new="I've passed this on: our workshop team will email you within 1 working "
                "day with a quote.",
            ),
        ],
        others=5,
    )


KEYS = (
    "# Lost keys\n\n## I've lost my keys. What now?\n\nTell us in chat. Our mobile team will "
    "ring you within 1 working day to arrange a visit.\n"
)
LOCKS = (
    "# Broken locks\n\n## My lock is jammed\n\nTell us in chat. Our mobile team will ring you "
    "within 1 working day to arrange a visit.\n"
)
OTHERS = {
    "Opening hours": "# Opening hours\n\nThe shop is open 9 to 5.\n",
    "Prices": "# Prices\n\nA new key costs £8 cut while you wait.\n",
    "Safes": "# Safes\n\nWe fit and open safes of every size.\n",
}


def _kb() -> KnowledgeBase:
    return KnowledgeBase(
        [
            KnowledgeItem("article", "1", "Lost keys", KEYS, "markdown", "kb", "a"),
            KnowledgeItem("article", "2", "Broken locks", LOCKS, "markdown", "kb", "b"),
            *(
                KnowledgeItem("article", str(n), title, body, "markdown", "kb", title)
                for n, (title, body) in enumerate(OTHERS.items(), start=3)
            ),
        ]
    )


def test_the_rule_has_no_head_of_its_own() -> None:
    assert rule_topic(_facts().rules) == set()


def test_the_old_call_about_another_subject_is_no_conflict() -> None:
    impacts = {i.item.key: i for i in rank_items(_facts(), _kb())}
    assert not impacts["article:2"].affected
    conflicts = impacts["article:1"].conflicts
    assert any(c.sentence.startswith("Our mobile team will ring you") for c in conflicts)


def test_the_note_does_not_name_the_other_subjects_item() -> None:
    facts = _facts()
    affected = [impact for impact in rank_items(facts, _kb()) if impact.affected]
    note = TemplateDrafter().note(facts, affected, None)
    assert not any("Broken locks" in action for action in note.cs_actions)
    assert any("Lost keys" in action for action in note.cs_actions)
