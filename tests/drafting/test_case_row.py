"""A channel swapped for one category, the old channel kept for the rest: a table row keyed by
the case, its value cells stating the old channel, is said with the new rule, a piece of a
later cell the old rule does not say kept; a sentence on a part of the old rule the case's rule
leaves and the others' rule still says ("our courier emails you a two-hour window") stays.

Made-up agent: a wine merchant that sent every order by next-day courier, magnums included;
now magnums are collection only from the cellar on Friday evenings."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.promptrule import PROMPT_RULE_REASON, prompt_rule_edit, targets
from behaviordiff.drafting.text import units

from .kit import kb_item

OLD = (
    "Every order goes by next-day courier, magnums included: call `book_courier` (order_ref) "
    "and tell the customer it arrives the next working day, with an email giving a two-hour "
    "delivery window that morning."
)
REST = (
    "Every order goes by next-day courier, except magnums: call `book_courier` (order_ref) and "
    "tell the customer it arrives the next working day, with an email giving a two-hour "
    "delivery window that morning."
)
CASE = (
    "Magnums are collection only from our cellar in Ashford on Fridays, 4pm to 7pm: don't call "
    "`book_courier`; call `book_cellar_collection` (order_ref) and tell the customer to collect "
    "the magnum from the cellar on a Friday between 4pm and 7pm."
)
PROSE = "Magnums travel in padded boxes on our next-day courier."
ROW = "| Magnums | Next-day courier | The next working day, October to December |"
WINDOW = "On the morning of delivery our courier emails you a two-hour window."
ARTICLE = f"""# Delivery

{PROSE}

| What you ordered | How it reaches you | When |
|---|---|---|
| Cases of wine | Next-day courier | The next working day |
{ROW}

## Will I know when it's coming?

Yes. {WINDOW}
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_courier → book_cellar_collection",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_courier")],
        after_actions=[ActionFact("book_cellar_collection")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "bottle_size in [magnum]",
                    "atoms": [{"feature": "bottle_size", "op": "in", "value": ["magnum"]}],
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Delivery", OLD, REST, "changed"),
            Rule("H2", "sentence_added", "Delivery", None, CASE, "added"),
        ],
        prompt_sections={"Delivery": [REST, CASE]},
    )


def _impact() -> Impact:
    item_units = units(ARTICLE)
    reasons = {
        PROSE: "describes `book_courier`, which the new agent no longer does",
        ROW: "describes `book_courier`, which the new agent no longer does",
        WINDOW: "states email, which the new agent no longer states",
    }
    conflicts = [
        Conflict(index, unit.text, (reasons[unit.text],))
        for index, unit in enumerate(item_units)
        if unit.text in reasons
    ]
    return Impact(kb_item("delivery", ARTICLE), 1.0, conflicts, item_units)


def test_the_others_part_stays_and_the_case_row_takes_the_new_rule() -> None:
    facts = _facts()
    found = targets(facts, _impact())
    assert PROSE in found and ROW in found and WINDOW not in found
    written = prompt_rule_edit(facts, _impact().marked(found, PROMPT_RULE_REASON))
    assert written is not None and written[0] is not None
    body = written[0]
    assert f"Yes. {WINDOW}\n" in body and PROSE not in body
    assert "| Cases of wine | Next-day courier | The next working day |\n" in body
    [row] = [line for line in body.splitlines() if line.startswith("| Magnums |")]
    assert row.endswith(" | October to December |")
    assert "collection only from our cellar" in row and "Next-day" not in row


def test_a_case_row_whose_value_says_more_than_the_old_rule_is_flagged() -> None:
    facts = _facts()
    row = "| Magnums | Next-day courier in a padded box | The next working day |"
    article = ARTICLE.replace(ROW, row)
    item_units = units(article)
    conflicts = [
        Conflict(index, unit.text, (PROMPT_RULE_REASON,))
        for index, unit in enumerate(item_units)
        if unit.text == row
    ]
    impact = Impact(kb_item("delivery", article), 1.0, conflicts, item_units)
    written = prompt_rule_edit(facts, impact)
    assert written is not None and written[0] is None and "is a table row" in written[1]


GLOSSED = CASE.replace("Magnums are", "Magnums (large bottles) are")
EVERYTHING = "Everything we sell comes to your door, even large bottles."


def test_an_aside_naming_the_rules_gloss_of_the_case_brings_it_into_the_old_rule() -> None:
    # "Magnums (large bottles)": a claim for everything "even large bottles" is the old rule's
    # "magnums included"; said without the aside, the new rule said once, in the sentence about
    # magnums alone that says more than the old rule
    facts = _facts()
    facts.rules[1] = Rule("H2", "sentence_added", "Delivery", None, GLOSSED, "added")
    facts.prompt_sections = {"Delivery": [REST, GLOSSED]}
    article = ARTICLE.replace(f"{PROSE}\n", f"{EVERYTHING} {PROSE}\n")
    item_units = units(article)
    conflicts = [
        Conflict(
            index, unit.text, ("describes `book_courier`, which the new agent no longer does",)
        )
        for index, unit in enumerate(item_units)
        if unit.text in (PROSE, ROW)
    ]
    impact = Impact(kb_item("delivery", article), 1.0, conflicts, item_units)
    found = targets(facts, impact)
    assert EVERYTHING in found
    written = prompt_rule_edit(facts, impact.marked(found, PROMPT_RULE_REASON))
    assert written is not None and written[0] is not None
    body = written[0]
    assert "even large bottles" not in body and PROSE not in body
    assert body.count("collection only from our cellar") == 2  # the prose and the row
    assert "Everything we sell comes to your door. Magnums (large bottles) are" in body
    # without the gloss, the claim names no case: it stays
    plain = targets(_facts(), impact)
    assert EVERYTHING not in plain
