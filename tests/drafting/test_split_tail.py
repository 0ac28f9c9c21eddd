"""A value the old prompt gave every case, kept below a new line and moved past it (a made-up
tool-hire shop, not a scenario's domain): "a £20 fee on every late return" became "a £20 fee
when the tool is less than 3 days late, and a £10 fee once it is 3 days late or more", for
`item = drill and days_late >= 3`. KB text giving £20 with the every-case tail (a macro
sentence closed by "however late it is", an article sentence, a table cell) says the new tail
in its place; £20 said of another fee, and the other rows, stay byte for byte. A print shop's
binding ("$6.50 on every report, and free on orders over $80" split at 200 pages, the free
clause kept): the kept clause is no part of the tails, and sentences marked for stating $6.50
as the old replies did take the two sides too."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.splittail import split_tail, split_tail_reason, still_split_tail
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item

OLD = "Late returns (a drill brought back after its hire ends): a £20 fee on every late return."
NEW = (
    "Late returns (a drill brought back after its hire ends): a £20 fee when the drill is less "
    "than 3 days late, and a £10 fee once it is 3 days late or more."
)
TAIL = "when the drill is less than 3 days late, and a £10 fee once it is 3 days late or more"
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for bringing the drill back. There's a £20 fee "
    "on every late return, however late it is. We'll charge it to the card you paid with.\n\n"
    "A damaged drill has a £20 cleaning fee too.\n\nThanks,\nBoltwood Hire"
)
ARTICLE = """# Fees

Bring your drill back on time and there's nothing more to pay. There's a £20
fee on every late return, which we take from your deposit.

| Fee | Amount |
|---|---|
| Late return | £20 on every late return |
| Lost charger | £20, or the charger's price if it is more |
"""
OTHER = "A lost charger costs £20. Every hire includes a free case."


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="charge_fee: fee_gbp 20 → 10",
        kind="actions",
        facets=["actions"],
        probe_ids=["d3", "d5", "d9"],
        moved=[
            MovedValue(
                call=ActionFact("charge_fee"),
                argument="fee_gbp",
                values=(("d3", 20.0, 10.0), ("d5", 20.0, 10.0), ("d9", 20.0, 10.0)),
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "item = drill and days_late >= 3",
                    "atoms": [
                        {"feature": "item", "op": "=", "value": "drill"},
                        {"feature": "days_late", "op": ">=", "value": 3.0},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Fees", OLD, NEW, "sentence changed")],
        removed_promises=[Promise("money", "£20.00")],
        added_promises=[Promise("money", "£10.00")],
        others=9,
    )


def test_the_old_tail_and_the_new_one_are_read_from_the_prompt_sentences() -> None:
    split = split_tail(_facts())
    assert split is not None
    assert (split.old_said, split.old_tail, split.new_tail) == ("£20", "on every late return", TAIL)


def test_only_the_old_value_with_the_every_case_tail_conflicts() -> None:
    facts = _facts()
    assert split_tail_reason(facts, "There's a £20 fee on every late return.") is not None
    assert split_tail_reason(facts, "| Late return | £20 on every late return |") is not None
    assert split_tail_reason(facts, "A damaged drill has a £20 cleaning fee too.") is None
    assert split_tail_reason(facts, "We never charge £20 for a return on time.") is None


def test_the_new_tail_is_said_in_place_and_everything_else_kept() -> None:
    facts = _facts()
    items = [
        kb_item("late", MACRO, kind="macro"),
        kb_item("fees", ARTICLE),
        kb_item("other", OTHER, kind="macro"),
    ]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:late", "article:fees"}
    macro = TemplateDrafter().edit(facts, impacts["macro:late"])
    assert macro.new_body == MACRO.replace("on every late return, however late it is.", f"{TAIL}.")
    article = TemplateDrafter().edit(facts, impacts["article:fees"])
    assert article.new_body == ARTICLE.replace(
        "fee on every late return, which", f"fee {TAIL}, which"
    ).replace("| £20 on every late return |", f"| £20 {TAIL} |")
    assert not still_split_tail(
        facts,
        [c.sentence for c in impacts["article:fees"].conflicts],
        ARTICLE,
        article.new_body or "",
        "markdown",
    )
    assert still_split_tail(
        facts,
        [c.sentence for c in impacts["article:fees"].conflicts],
        ARTICLE,
        ARTICLE,
        "markdown",
    )


PRINT_OLD = "Binding is $6.50 on every report, and free on orders over $80."
PRINT_NEW = (
    "Binding is $6.50 on reports up to 200 pages and $9.50 on reports over 200 pages, and free on "
    "orders over $80 whatever the length."
)
PRINT_TAIL = "reports up to 200 pages and $9.50 on reports over 200 pages"
PRINT_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nBinding is $6.50 on every report, and it's free when "
    "you spend over $80. Laminating costs $6.50 a sheet.\n\nThanks,\nInkwell Print"
)
PRINT_ARTICLE = """# Finishing

Binding is $6.50 on every report, however long it is, and free when you spend over $80.

| Finish | Price |
|---|---|
| Binding | $6.50 on every report |
| Laminating | $6.50 a sheet |
"""


def _print_facts() -> ChangeFacts:
    probes = ("r1", "r2", "r3")
    return ChangeFacts(
        id="C1",
        title="quote_binding: price_usd 6.5 → 9.5",
        kind="actions",
        facets=["actions"],
        probe_ids=list(probes),
        moved=[
            MovedValue(
                call=ActionFact("quote_binding"),
                argument="price_usd",
                values=tuple((probe, 6.5, 9.5) for probe in probes),
            )
        ],
        conditions=[
            Condition.from_dict(
                {
                    "text": "order_total <= 80 and pages > 200",
                    "atoms": [
                        {"feature": "order_total", "op": "<=", "value": 80.0},
                        {"feature": "pages", "op": ">", "value": 200.0},
                    ],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Prices", PRINT_OLD, PRINT_NEW, "changed")],
        excerpts=[
            Excerpt(probe, "Binding is $6.50 on every report.", "Binding is $9.50 for your report.")
            for probe in probes
        ],
        removed_promises=[Promise("money", "$6.50")],
        added_promises=[Promise("money", "$9.50")],
        others=9,
    )


def test_a_rest_the_new_sentence_keeps_after_the_claim_is_no_part_of_the_tails() -> None:
    split = split_tail(_print_facts())
    assert split is not None
    assert (split.old_said, split.old_tail, split.new_tail) == ("$6.50", "every report", PRINT_TAIL)


def test_a_claim_marked_for_the_old_value_alone_also_takes_the_two_sides() -> None:
    facts = _print_facts()
    items = [kb_item("binding", PRINT_MACRO, kind="macro"), kb_item("finishing", PRINT_ARTICLE)]
    impacts = {i.item.key: i for i in rank_items(facts, KnowledgeBase(items)) if i.affected}
    assert set(impacts) == {"macro:binding", "article:finishing"}
    macro = TemplateDrafter().edit(facts, impacts["macro:binding"])
    assert macro.new_body == PRINT_MACRO.replace("every report,", f"{PRINT_TAIL},")
    article = TemplateDrafter().edit(facts, impacts["article:finishing"])
    assert article.new_body == PRINT_ARTICLE.replace(
        "every report, however long it is,", f"{PRINT_TAIL},"
    ).replace("| $6.50 on every report |", f"| $6.50 on {PRINT_TAIL} |")
