"""The band between a moved line's old and new value, whose own rule the new prompt drops
("within 5 miles is free" and "more than 5 and up to 10 miles: £2 a mile" → "within 10 miles
is free"): a KB sentence naming that span goes, or the clause of it that does (made-up domain:
a boarding kennels' collection van)."""

from __future__ import annotations

from behaviordiff.drafting import closedband
from behaviordiff.drafting.closedband import (
    closed_band,
    closed_band_reason,
    span_of,
    without_closed_band,
)
from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.template import TemplateDrafter
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

RULES = [
    Rule(
        "H1",
        "sentence_changed",
        "Collection",
        "Collection within 5 miles of the kennels is free.",
        "Collection within 10 miles of the kennels is free.",
        "sentence changed",
    ),
    Rule(
        "H2",
        "sentence_removed",
        "Collection",
        "For homes more than 5 miles and up to 10 miles away, collection is £2 per mile each way.",
        None,
        "sentence removed",
    ),
]
BAND = [
    {
        "feature": "distance_miles",
        "op": "between",
        "low": 5,
        "high": 10,
        "low_inclusive": False,
        "high_inclusive": True,
    }
]
ARTICLE = """# Do you collect dogs?

Yes, our van covers the whole valley.

## What does collection cost?

Collection within 5 miles of the kennels is free. For homes between 5 and 10
miles away, we charge £2 per mile each way. Beyond 10 miles, we'll arrange a quote.

## Gift vouchers

Vouchers come in £5 and £10 amounts.
"""
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour booking is confirmed. Collection within 5 miles "
    "of the kennels is free; for homes 5 to 10 miles away it's £2 per mile each way, and further "
    "afield we'll quote collection separately.\n\nSee you soon!"
)


def _facts():  # type: ignore[no-untyped-def]
    return moved_facts(RULES, BAND, title="no longer calls charge_collection")


def test_the_span_between_the_old_and_new_line_is_read_as_one_band() -> None:
    move = closed_band(_facts())
    assert move is not None and (move.old, move.new) == ("5", "10")
    assert span_of(move, "For homes between 5 and 10 miles away, we charge £2 a mile.")
    assert span_of(move, "for homes 5 to 10 miles away it's £2 per mile")
    # "and" joins two amounts, not a span, without "between" or "more than"
    assert span_of(move, "Vouchers come in £5 and £10 amounts.") is None
    assert without_closed_band(_facts(), "Vouchers come in £5 and £10 amounts.") is None


def test_a_band_the_new_prompt_keeps_a_rule_for_is_no_closed_band() -> None:
    kept = [RULES[0], Rule("H2", "sentence_changed", "Collection", RULES[1].old, None, "x")]
    assert closed_band(moved_facts(kept, BAND)) is None


def test_the_old_band_sentence_and_clause_go_and_the_line_moves() -> None:
    facts = _facts()
    knowledge = KnowledgeBase([kb_item("collection", ARTICLE), kb_item("booked", MACRO, "macro")])
    impacts = {impact.item.id: impact for impact in rank_items(facts, knowledge)}
    [conflict] = impacts["booked"].conflicts
    assert conflict.sentence.startswith("Collection within 5 miles of the kennels is free;")
    article = TemplateDrafter().edit(facts, impacts["collection"])
    assert article.new_body == ARTICLE.replace(
        "within 5 miles of the kennels is free. For homes between 5 and 10\n"
        "miles away, we charge £2 per mile each way. Beyond",
        "within 10 miles of the kennels is free. Beyond",
    )
    macro = TemplateDrafter().edit(facts, impacts["booked"])
    assert macro.new_body == MACRO.replace(
        "within 5 miles of the kennels is free; for homes 5 to 10 miles away it's £2 per mile "
        "each way, and",
        "within 10 miles of the kennels is free, and",
    )
    assert "drops what it said of the band from 5 to 10" in macro.rationale


def _edited(body: str) -> str | None:
    facts = _facts()
    [impact] = [i for i in rank_items(facts, KnowledgeBase([kb_item("a", body)])) if i.affected]
    return TemplateDrafter().edit(facts, impact).new_body


def test_a_span_in_another_unit_is_no_band() -> None:
    facts = _facts()
    # the band is in miles (its dropped sentence's unit): minutes, nights, a time are others
    for other in [
        "Collection within 5 miles of the kennels is free and takes between 5 and 10 minutes.",
        "Collection within 5 miles of the kennels is free; stays of 5 to 10 nights get 10% off.",
        "Collection within 5 miles of the kennels is free. We collect from 5 to 10 pm.",
    ]:
        assert without_closed_band(facts, other) is None
        assert closed_band_reason(facts, other) is None
    hours = (
        "# Collection\n\nCollection within 5 miles of the kennels is free. "
        "We collect from 5 to 10 pm.\n"
    )
    assert _edited(hours) == hours.replace("within 5", "within 10")


def test_a_cut_across_emphasis_is_a_writers() -> None:
    bold = (
        "Collection is **free within 5 miles of the kennels; from 5 to 10 miles it's £2** a mile."
    )
    assert without_closed_band(_facts(), bold) is None
    assert _edited(f"# Collection\n\n{bold}\n") is None


def test_a_heading_or_table_header_naming_the_band_is_a_writers() -> None:
    heading = (
        "# Collection\n\nCollection within 5 miles of the kennels is free.\n\n"
        "## Collection 5 to 10 miles away\n\nWe charge £2 per mile each way.\n"
    )
    header = (
        "| Collection | 5 to 10 miles | Over 10 miles |\n| --- | --- | --- |\n"
        "| Price | £2 a mile | Quote |\n\nCollection within 5 miles of the kennels is free.\n"
    )
    assert _edited(heading) is None
    assert _edited(header) is None


def test_the_band_is_read_once_per_change_and_the_lead_in_a_window(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    facts = _facts()
    prompt = [f"Orders over {n} pounds ship in {n} days." for n in range(40)]
    facts.prompt_sections = {"Other": prompt}
    calls: list[int] = []
    real = closedband.span_of

    def counted(move, sentence):  # type: ignore[no-untyped-def]
        calls.append(len(sentence))
        return real(move, sentence)

    monkeypatch.setattr(closedband, "span_of", counted)
    body = " ".join(["Our van is blue."] * 60)
    rank_items(facts, KnowledgeBase([kb_item("a", body)]))
    # the band once (its 2 rules and 40 prompt sentences), then each KB sentence at most twice
    assert len(calls) <= 2 + 40 + 2 * 60

    leads: list[int] = []

    class Lead:
        def search(self, text: str):  # type: ignore[no-untyped-def]
            leads.append(len(text))
            return None

    monkeypatch.setattr(closedband, "_SPAN_LEAD", Lead())
    move = closed_band(_facts())
    assert move is not None
    real(move, "5 and 10 " * 400)
    assert leads and max(leads) <= 16


def test_a_list_after_the_bands_clause_goes_with_it() -> None:
    listed = (
        "Collection within 5 miles of the kennels is free, and for homes 5 to 10 miles away "
        "it's £2 per mile, and £3 for two dogs."
    )
    assert without_closed_band(_facts(), listed) == (
        "Collection within 5 miles of the kennels is free."
    )


def test_a_band_of_amounts_is_named_whatever_word_follows_it() -> None:
    rules = [
        Rule(
            "H1",
            "sentence_changed",
            "Delivery",
            "Delivery is free on baskets over £50.",
            "Delivery is free on baskets over £80.",
            "sentence changed",
        ),
        Rule(
            "H2",
            "sentence_removed",
            "Delivery",
            "For baskets more than £50 and up to £80, delivery is £3.",
            None,
            "sentence removed",
        ),
    ]
    band = [{**BAND[0], "feature": "basket_gbp", "low": 50, "high": 80}]
    facts = moved_facts(rules, band, title="no longer charges delivery")
    assert closed_band(facts) is not None
    said = "Delivery is free on baskets over £50; baskets between £50 and £80 pay £3 delivery."
    assert without_closed_band(facts, said) == "Delivery is free on baskets over £50."
    # the same numbers with no sign are another band
    assert without_closed_band(facts, "Delivery takes between 50 and 80 minutes.") is None
