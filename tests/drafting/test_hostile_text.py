"""KB text is untrusted: it can be megabytes long and hostile (long runs of spaces, of dots, of
one word repeated with no clause end). The drafting patterns that scan it must not try a match
from every position of such a run, nor scan to the text's end from each repeat; these tests
pin the shapes that keep them linear, on bounded inputs (no timing). Made-up text: a ferry
desk, a florist, a tutoring service."""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import cast

import pytest

from behaviordiff.drafting import (
    addedhandoff,
    bandhandoff,
    casecharge,
    categorydrop,
    everykind,
    perwhole,
    quoteclause,
    refusedkind,
    samewhatever,
    vaguercase,
)
from behaviordiff.drafting.categories import category_pattern
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.text import Unit, units
from behaviordiff.drafting.text import terms as text_terms
from behaviordiff.drafting.timedrop import time_pattern

_SHAPE = time_pattern("3 working days")
assert _SHAPE is not None

# (pattern, a sentence it matches, where in it the match starts: the start of a run of spaces)
_RUN_START = [
    (everykind._CONTRAST, "Ferries sail daily   but not on Sundays.", "   but"),
    (bandhandoff._WHATEVER, "We refund fares   whatever the reason.", "   whatever"),
    (quoteclause._CLAUSE_BREAK, "Tickets cost £4   but children go free.", "   but"),
    (refusedkind._INCLUSION, "We deliver any bouquet   including wreaths.", "   including"),
    (_SHAPE, "Tutors reply   within 3 working days.", "   within"),
]


@pytest.mark.parametrize(("pattern", "sentence", "start"), _RUN_START)
def test_a_match_starts_only_at_the_start_of_a_run_of_spaces(
    pattern: re.Pattern[str], sentence: str, start: str
) -> None:
    found = pattern.search(sentence)
    assert found is not None and found.start() == sentence.index(start)
    # not from inside the run: a run of n spaces is tried once, not n times
    inside = sentence.index(start) + 1
    assert pattern.match(sentence, inside) is None
    assert pattern.match(sentence, inside + 1) is None


@pytest.mark.parametrize(("pattern", "sentence", "start"), _RUN_START)
def test_a_long_run_of_spaces_ends_in_a_clear_answer(
    pattern: re.Pattern[str], sentence: str, start: str
) -> None:
    hostile = "a" + " " * 3000 + "x"
    assert list(pattern.finditer(hostile)) == []


def test_an_inclusion_range_is_bounded() -> None:
    said = "We deliver every bouquet, from roses to lilies, to your door."
    found = refusedkind._INCLUSION.search(said)
    assert found is not None and found.group("what") == "lilies"
    # "from … to" names a range of at most 80 characters, not the rest of a long text
    assert refusedkind._INCLUSION.search(f"We deliver from {'x' * 120} to lilies") is None


def test_an_action_before_we_is_bounded() -> None:
    asks = "Before we can add your student rate to booking {{ref}}, please send your card."
    found = categorydrop._BEFORE_WE.search(asks)
    assert found is not None and found.group("act") == "add your student rate to booking {{ref}}"
    # an action phrase runs at most 200 characters, a placeholder at most 80
    assert categorydrop._BEFORE_WE.search(f"Before we add {'x' * 300}.") is None
    assert categorydrop._BEFORE_WE.search(f"Before we add {{{{{'x' * 100}}}}}.") is None
    assert categorydrop._BEFORE_WE.search("before we add " * 300 + "{") is None


def test_a_wait_rest_never_ends_in_a_stop() -> None:
    found = categorydrop._WAIT.match("As soon as it arrives, we'll book your tutor...!")
    assert found is not None
    assert (found.group("rest"), found.group("end")) == ("we'll book your tutor", "...!")
    assert categorydrop._WAIT.match("once it comes, we " + "." * 3000 + "x") is not None


def test_a_lead_claim_aside_needs_its_comma() -> None:
    lead = addedhandoff._LEAD_CLAIM.match("Whatever you order, a posy or a wreath, we deliver it")
    assert lead is not None and lead.group(0) == "Whatever you order, a posy or a wreath, "
    hostile = "Whatever you order, " + "or " * 1000 + "we deliver it"
    lead = addedhandoff._LEAD_CLAIM.match(hostile)
    assert lead is not None and lead.group(0) == "Whatever you order, "


def test_a_whatever_claims_noun_starts_and_ends_on_a_word() -> None:
    said = "Whatever  course   you book, lessons are 45 minutes."
    lead = samewhatever._LEAD_CLAIM.match(said)
    assert lead is not None and lead.group("noun") == "course"
    assert re.fullmatch(samewhatever._NOUN, " course") is None
    assert re.fullmatch(samewhatever._NOUN, "course ") is None
    # a run of spaces is one gap, not a split tried at every space (this took minutes)
    assert samewhatever._LEAD_CLAIM.match("whatever" + " " * 3000 + "x") is None
    assert samewhatever._TAIL_CLAIM.search("x, whatever" + " " * 3000 + "x") is None


def test_a_whatever_claims_aside_needs_its_comma() -> None:
    said = "Whatever course you book, online or in person, lessons are 45 minutes."
    lead = samewhatever._LEAD_CLAIM.match(said)
    assert lead is not None and lead.group(0) == ("Whatever course you book, online or in person, ")
    hostile = "Whatever course you book, in " + "or " * 1000
    lead = samewhatever._LEAD_CLAIM.match(hostile)
    assert lead is not None and lead.group(0) == "Whatever course you book, "


def _tokenised(monkeypatch: pytest.MonkeyPatch, module: object) -> list[int]:
    """The lengths of the texts `module` hands to `terms`, counted."""
    lengths: list[int] = []
    real = text_terms

    def counting(text: str) -> list[str]:
        lengths.append(len(text))
        return real(text)

    monkeypatch.setattr(module, "terms", counting)
    return lengths


_CHARGE = casecharge.CaseCharge(
    "Late collections carry a £9 evening fee.",
    None,
    "£9",
    "a £9 evening fee",
    (frozenset({"even"}),),
    (frozenset({"late"}),),
    frozenset(),
    frozenset(),
    (frozenset({"rain", "rebook"}),),
)
_CHARGE_KB = """# Collections

If rain stops your collection, we rebook it. Evening or morning, there's no extra charge.

Evening pick-ups are popular. There's no extra charge in the evening.
## Table
| Slot | Evening |
| --- | --- |
| Late | No extra charge |

Morning slots fill fast.
"""


def _denying_per_unit(text: str) -> list[int]:
    """`casecharge._denying` as it was defined: each unit's paragraph looked back for."""
    item_units = units(text)
    return [
        index
        for index, unit in enumerate(item_units)
        if not unit.text.startswith("#")
        and casecharge.denies_case_charge(
            _CHARGE,
            unit.text,
            casecharge._header(item_units, index) if unit.text.startswith("|") else "",
            casecharge._before_in_paragraph(text, item_units, index),
        )
    ]


def test_case_charge_reads_a_paragraph_once(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _denying_per_unit(_CHARGE_KB)
    assert expected  # the article has a denial the check keeps and one another rule's
    assert casecharge._denying(_CHARGE, _CHARGE_KB, units(_CHARGE_KB)) == expected
    # one long paragraph of denials: each sentence's words are read once, not once per
    # sentence after it
    text = "There's no extra charge in the evening. " * 400
    item_units = units(text)
    lengths = _tokenised(monkeypatch, casecharge)
    assert len(casecharge._denying(_CHARGE, text, item_units)) == 400
    assert sum(lengths) <= 3 * len(text)


def test_category_drop_check_splits_a_models_body_once(monkeypatch: pytest.MonkeyPatch) -> None:
    drop = categorydrop.CategoryDrop(
        SimpleNamespace(old="o", new="n"), "student", "proof", frozenset({"card"}), ""
    )
    monkeypatch.setattr(categorydrop, "category_drop", lambda rules, conditions: drop)
    body = "Before we add your student rate, please send proof: your student card."
    new_body = "\n".join(f"- Lesson {i} is an hour." for i in range(300))
    split: list[str] = []
    real = categorydrop.units

    def counting(text: str) -> list[Unit]:
        split.append(text)
        return real(text)

    monkeypatch.setattr(categorydrop, "units", counting)
    problems = categorydrop.category_drop_unsaid([], [], body, new_body)
    assert problems == ["the new body does not say that student no longer needs proof"]
    assert split.count(new_body) == 1


def _vaguer_marked(monkeypatch: pytest.MonkeyPatch, text: str, topic: frozenset[str]) -> list[int]:
    shape = time_pattern("2 working days")
    assert shape is not None
    case = vaguercase.VaguerCase(
        "express",
        "2 working days",
        "as soon as the courier has it",
        "r",
        category_pattern("express"),
        re.compile(shape.pattern + vaguercase._GLOSS, re.I),
        frozenset(),
        topic,
    )
    monkeypatch.setattr(vaguercase, "vaguer_case", lambda facts: case)
    marked = vaguercase.vaguer_case_conflicts(
        cast(ChangeFacts, None),
        units(text),
        [],
        lambda index, *rest: SimpleNamespace(unit_index=index),
    )
    return [conflict.unit_index for conflict in marked]


def test_a_vaguer_time_reads_each_unit_with_its_heading(monkeypatch: pytest.MonkeyPatch) -> None:
    text = """# Refunds

Express refunds arrive within 2 working days.

| Method | Time |
| --- | --- |
| Express | within 2 working days |

# Repairs

Express repairs are back within 2 working days.
"""
    assert _vaguer_marked(monkeypatch, text, frozenset({"refund"})) == [1, 4]


def test_a_vaguer_time_reads_a_long_macro_once(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Express refunds arrive within 2 working days. " * 400
    lengths = _tokenised(monkeypatch, vaguercase)
    assert len(_vaguer_marked(monkeypatch, text, frozenset({"refund"}))) == 400
    assert sum(lengths) <= 3 * len(text)


def test_per_whole_reads_headings_and_paragraphs_in_one_pass() -> None:
    change = perwhole.PerWhole("item", "order", "Gift wrapping", "r", None, "s")
    text = """# Gift wrapping

Wrapping is free for each item. You get three free wraps.

Postage is extra. Free wraps need a note.

# Cards

Each card is free for each item.
"""
    item_units = units(text)
    marked = perwhole.per_whole_units(change, text, item_units)
    assert sorted(marked) == [1, 2]
    text = "Gift wrapping is free for each item. Three free wraps, too.\n\n" * 1500
    assert len(perwhole.per_whole_units(change, text, units(text))) == 3000
