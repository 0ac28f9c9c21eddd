"""A preparation dropped for one category while another keeps it, in sentences of the same
shape: a vet used to have owners keep food from a pet for 10 hours before a dental scale (a
morning slot only); now dental scales need no fasting and can be booked at any time, while
neutering keeps its 6-hour fast and morning slot.

The KB sentence saying the dental scale's fast ("Please keep food from your pet for 10 hours
before the visit") shares as many words with the kept neutering rule as with the old dental
one: the number it states (10, not 6) says it restates the rewritten rule. The macro for the
dental scale says the new rule in its place, the sentence after it ("That's why dental scales
are morning appointments only.") goes with it, and the booking sentence with its placeholder
stays. An article saying the old rule in its prose and in a checklist item gets the new rule
where the prose said it, not only in the checklist beside prose still stating the 10 hours.

Made-up agent: a vet's surgery (no scenario's text)."""

from __future__ import annotations

from dataclasses import replace

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, rank_items
from behaviordiff.drafting.promptrule import new_rule
from behaviordiff.drafting.template import _still_stated
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = (
    "Dental scales (teeth cleaning): the pet must have no food for 10 hours before the visit "
    "(water is fine), so dental scales are morning appointments only: call `book_visit` with "
    'slot_window "morning" and tell them no food for 10 hours.'
)
NEW = (
    "Dental scales (teeth cleaning): no fasting is needed, so dental scales can be booked at any "
    'time of day: call `book_visit` with slot_window "any" and tell them no fasting is needed '
    "and their pet can eat as normal."
)
KEPT = (
    "Neutering: the pet must have no food for 6 hours before the visit (water is fine), so "
    'neutering is a morning appointment only: call `book_visit` with slot_window "morning" and '
    "tell them no food for 6 hours."
)
FAST = "Please keep food from your pet for 10 hours before the visit: water is fine."
WHY = "That's why dental scales are morning appointments only."
BOOKED = "Your pet's dental scale is booked for {{ticket.custom_field_visit_time}}."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\n"
    f"{BOOKED} {FAST} {WHY} Bring your pet's vaccination card.\n\nThe Riverside Vets\n"
)
PROSE = (
    "If your pet is having a dental scale, you'll need to keep food from them for 10 hours\n"
    "before it, so we only offer morning appointments for dental scales."
)
ITEM = "- Dental scale: no food for 10 hours before, and book a morning appointment"
ARTICLE = f"""# Getting your pet ready

## Does my pet need to fast?

{PROSE} Neutering needs a 6-hour fast too.

## Checklist

{ITEM}
- Neutering: no food for 6 hours before, and book a morning appointment
"""
SAID = (
    "For dental scales (teeth cleaning), no fasting is needed, so dental scales can be booked "
    "at any time of day, and your pet can eat as normal."
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_visit(slot_window=morning) → book_visit(slot_window=any)",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_visit", (("slot_window", "morning"),))],
        after_actions=[ActionFact("book_visit", (("slot_window", "any"),))],
        removed_promises=[Promise("duration", "10 hours")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "procedure = dental",
                    "atoms": [{"feature": "procedure", "op": "=", "value": "dental"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Preparation", OLD, NEW, "sentence changed")],
        prompt_sections={"Preparation": [NEW, KEPT]},
    )


def _edits() -> dict[str, str | None]:
    facts = _facts()
    kb = KnowledgeBase(
        [
            kb_item("dental", MACRO, kind="macro", title="Booking::Dental scale"),
            kb_item("ready", ARTICLE, title="Getting your pet ready"),
        ]
    )
    return {
        impact.item.key: TemplateDrafter().edit(facts, impact).new_body
        for impact in rank_items(facts, kb)
        if impact.affected
    }


def test_the_rule_is_voiced_with_its_bracketed_label_and_said_once() -> None:
    said = new_rule(_facts())
    assert said is not None and said.sentence == SAID


def test_the_macro_says_the_new_rule_and_keeps_its_booking() -> None:
    assert _edits()["macro:dental"] == MACRO.replace(f"{FAST} {WHY}", SAID)


def test_the_article_says_it_where_the_prose_said_the_old_rule() -> None:
    edited = _edits()["article:ready"]
    assert edited is not None
    assert "10 hours" not in edited
    assert SAID in edited
    assert "Neutering needs a 6-hour fast too." in edited
    assert "- Neutering: no food for 6 hours before, and book a morning appointment" in edited


def test_only_a_sentence_naming_the_case_left_with_the_old_value_makes_half_an_edit() -> None:
    """An edit writing the new rule beside a sentence on the case still stating the old value
    ("If your pet is having a dental scale, …10 hours …") is half an edit; the same number
    said of something else ("within 10 hours" of the results) names no case of the change and
    may still hold for the others: leaving it is no reason to refuse the edit."""
    results = "Lab results reach you within 10 hours."
    article = ARTICLE.replace("## Checklist", f"{results}\n\n## Checklist")
    [impact] = [
        i for i in rank_items(_facts(), KnowledgeBase([kb_item("ready", article)])) if i.affected
    ]
    reason = ("states 10 hours, which the new agent no longer states",)
    written = {ITEM}

    def left(sentence: str) -> bool:
        index = next(i for i, unit in enumerate(impact.units) if unit.text == sentence)
        marked = replace(impact, conflicts=[Conflict(index, sentence, reason)])
        return _still_stated(_facts(), marked, written, article)

    prose = next(unit.text for unit in impact.units if unit.text.startswith("If your pet"))
    assert left(prose)
    assert not left(results)


def test_the_case_word_in_a_capitalised_name_of_something_else_makes_no_half_an_edit() -> None:
    """ "Dental" as one word of a plan's name ("Dental Care Plus") that the prompt never writes
    names the plan, not the dental scale: a sentence stating the old value of it may still hold
    and is no reason to refuse the edit; the prose on dental scales still is."""
    plan = "Owners on Dental Care Plus get a text 10 hours before the visit."
    article = ARTICLE.replace("## Checklist", f"{plan}\n\n## Checklist")
    [impact] = [
        i for i in rank_items(_facts(), KnowledgeBase([kb_item("ready", article)])) if i.affected
    ]
    reason = ("states 10 hours, which the new agent no longer states",)

    def left(sentence: str) -> bool:
        index = next(i for i, unit in enumerate(impact.units) if unit.text == sentence)
        marked = replace(impact, conflicts=[Conflict(index, sentence, reason)])
        return _still_stated(_facts(), marked, {ITEM}, article)

    prose = next(unit.text for unit in impact.units if unit.text.startswith("If your pet"))
    assert left(prose)
    assert not left(plan)
