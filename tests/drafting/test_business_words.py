"""A moved value beside other rules of the same business on the same scale: a dog groomer's
free rescheduling window shrank from 48 to 24 hours before the appointment (condition
hours_until), and the rule calls `book_grooming_slot`. Every item of the groomer's KB talks
about grooming, so a sentence sharing only "grooming" (a word of the whole KB) and "book"
(a word of the tool) with the moved rule is another rule that happens to state 48 hours:
booking an extra session, collecting a loaned crate. A sentence naming the rescheduling or
its notice is still the moved rule."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import (
    _off_subject,
    _value_topic,
    common_words,
    rank_items,
    shared_words,
    tool_words,
)
from behaviordiff.drafting.text import terms
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

OLD = (
    "If the owner reschedules with 48 hours' notice or more, book a new grooming slot with "
    "`book_grooming_slot` at no charge."
)
NEW = (
    "If the owner reschedules with 24 hours' notice or more, book a new grooming slot with "
    "`book_grooming_slot` at no charge."
)
EXTRA = "You can book an extra grooming session online up to 48 hours before it starts."
CRATE = "To collect a loaned travel crate, book a pick-up time at least 48 hours in advance."
MOVE = "Reschedule your grooming with at least 48 hours' notice and the new slot is free."
OTHERS = [
    "Grooming sessions last one or two hours, depending on the coat.",
    "Every grooming includes a bath, a brush and a nail trim.",
    "Puppies have their first grooming free.",
]


def _facts() -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Rescheduling", OLD, NEW, "sentence changed")]
    return moved_facts(rules, [band_atom("hours_until", 24, 48)])


def _kb() -> KnowledgeBase:
    bodies = [EXTRA, CRATE, MOVE, *OTHERS]
    return KnowledgeBase([kb_item(f"item{i}", body) for i, body in enumerate(bodies)])


def test_words_of_the_whole_kb_and_the_tool_verb() -> None:
    documents = [terms(item.title + "\n" + item.body) for item in _kb().items]
    assert set(terms("grooming")) <= common_words(documents)
    assert not set(terms("reschedule notice")) & common_words(documents)
    assert tool_words(_facts()) == [terms("book grooming slot")]
    assert shared_words(_facts(), common_words(documents)) == set(terms("book grooming"))


def test_a_small_kb_has_no_common_words() -> None:
    assert common_words([terms(EXTRA), terms(MOVE)]) == set()


def test_only_the_moved_rule_conflicts() -> None:
    affected = {impact.item.key for impact in rank_items(_facts(), _kb()) if impact.conflicts}
    assert affected == {kb_item("item2", MOVE).key}


NAMED = f"{MOVE}\n\n## Bad weather\n\nThe 48-hour rule applies in snow too."
CRATE_NAMED = "Loaned travel crates follow our 48-hour policy for pick-ups."


def test_the_rule_named_by_its_old_value_is_rewritten_in_an_item_about_it() -> None:
    from behaviordiff.drafting.template import TemplateDrafter

    facts = _facts()
    bodies = [NAMED, CRATE_NAMED, *OTHERS, EXTRA]
    kb = KnowledgeBase([kb_item(f"item{i}", body) for i, body in enumerate(bodies)])
    affected = {i.item.key: i for i in rank_items(facts, kb) if i.conflicts}
    assert sorted(affected) == [kb_item("item0", NAMED).key]
    sentences = [conflict.sentence for conflict in affected["article:item0"].conflicts]
    assert "The 48-hour rule applies in snow too." in sentences
    edit = TemplateDrafter().edit(facts, affected["article:item0"])
    assert edit.new_body == NAMED.replace("48", "24")


def test_a_sentence_naming_the_category_the_move_is_limited_to_stays_on_topic() -> None:
    from behaviordiff.detect.model import Condition

    facts = _facts()
    facts.conditions = [
        Condition.from_dict(
            {
                "text": "tier = gold",
                "atoms": [{"feature": "tier", "op": "=", "value": "gold"}],
                "changed": {"matched": 3, "total": 3},
                "others": {"matched": 0, "total": 12},
            }
        )
    ]
    gold = "Gold members can do this up to 48 hours ahead."
    ignore = shared_words(facts) | set(terms("gold member"))
    assert not _off_subject(facts, _value_topic(facts), gold, ignore)
