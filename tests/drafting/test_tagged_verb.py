"""A deadline moved for everyone on a topic whose tag is the verb of the tool the rule calls: a
yoga studio now refunds a class up to 5 days before it, not 2 (conversations tagged refund,
`refund_class`). Most of the studio's items say "class" and many say "refund", so both are
words of the whole business; still, in conversations about refunds, a sentence saying classes
"can be refunded" up to two days before is the moved rule, and the class pass emailed two
days before is not."""

from __future__ import annotations

from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import common_words, rank_items, shared_words
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.drafting.text import terms
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import band_atom, kb_item, moved_facts

OLD = "Up to 2 days before the class (day 2 included): refund it in full with `refund_class`."
NEW = "Up to 5 days before the class (day 5 included): refund it in full with `refund_class`."
MOVE = "Classes can be refunded right up until two days before they start, so book with confidence."
DIGITS = "Refunds stay open until 2 days before the class, then it's too late."
TRAP = "We email your class pass two days before the class starts."
OTHERS = [
    "Missed a class? We can't refund it, but you can book another class.",
    "Every class lasts an hour.",
    "Refunds go back to your card within 5 working days.",
    "Mats are free to borrow.",
]


def _facts(tag: str = "tag:refund") -> ChangeFacts:
    rules = [Rule("H1", "sentence_changed", "Refunds", OLD, NEW, "sentence changed")]
    atoms = [{"feature": tag, "op": "tag"}, band_atom("lookup_class.days_to_class", 2, 5)]
    return moved_facts(rules, atoms, title="No longer refunds a class")


def _kb() -> KnowledgeBase:
    bodies = [MOVE, TRAP, *OTHERS, DIGITS]
    return KnowledgeBase([kb_item(f"item{i}", body) for i, body in enumerate(bodies)])


def test_the_tool_verb_a_topic_tag_names_is_the_subject() -> None:
    documents = [terms(item.title + "\n" + item.body) for item in _kb().items]
    common = common_words(documents)
    assert set(terms("class refund")) <= common
    assert "refund" not in shared_words(_facts(), common)
    # conversations tagged otherwise: the verb is the tool's manner, as before
    assert "refund" in shared_words(_facts("tag:membership"), common)


def test_the_refund_deadline_in_words_and_digits_is_rewritten_and_the_pass_stays() -> None:
    facts = _facts()
    impacts = {i.item.key: i for i in rank_items(facts, _kb()) if i.conflicts}
    assert sorted(impacts) == sorted([kb_item("item0", MOVE).key, kb_item("item6", DIGITS).key])
    drafter = TemplateDrafter()
    edit = drafter.edit(facts, impacts[kb_item("item0", MOVE).key])
    assert edit.new_body == MOVE.replace("two days", "five days")
    edit = drafter.edit(facts, impacts[kb_item("item6", DIGITS).key])
    assert edit.new_body == DIGITS.replace("2 days", "5 days")
