"""Review of round 29's drafting helpers on hostile input (their time on huge texts is
bench/huge_drafting.py's; here the shapes that keep them linear, with no timing): an aside
pattern read from every space of a run, a table's header found by a walk back for each row,
each sentence of a long paragraph read with all the sentences before it. Made-up text: a
pottery studio, a bike workshop."""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import pytest

from behaviordiff.drafting import impact, promptrule, proofstep
from behaviordiff.drafting.keptrules import kept_units
from behaviordiff.drafting.rules import RuleMove, table_header, table_headers
from behaviordiff.drafting.text import stem, units


def test_an_including_aside_is_read_from_the_start_of_its_run_of_spaces_only() -> None:
    sentence = "We fire every piece,   including glazed mugs."
    found = promptrule._INCLUDED.search(sentence)
    assert found is not None and found.start() == sentence.index(",")
    assert found["listed"] == "glazed mugs"
    inside = sentence.index("   including") + 1
    assert promptrule._INCLUDED.match(sentence, inside) is None
    assert promptrule._INCLUDED.match(sentence, inside + 1) is None


def test_an_included_aside_still_names_the_case_around_spaces() -> None:
    sentence = "Every piece,   glazed mugs you painted   included: one firing."
    found = promptrule.includes_case(sentence, {"glaze", "mug"} & set())
    assert found is None  # no case words, no aside
    named = promptrule._INCLUDED.search(sentence)
    assert named is not None and named["named"] == "glazed mugs you painted"
    assert named.group(0).endswith("included")
    assert promptrule._INCLUDED.search("Every piece, a" + " " * 500 + "x") is None


_TABLE = """Intro line.

| Repair | What we need |
| --- | --- |
| Puncture | Nothing |
| Brake bleed | Nothing |

Between.

| Other | Cost |
| --- | --- |
| Chain | £5 |
"""


def test_table_headers_answers_table_header_of_every_row_in_one_pass() -> None:
    rows = [unit.raw for unit in units(_TABLE)]
    assert table_headers(rows) == [table_header(rows, index) for index in range(len(rows))]
    assert table_headers([]) == []
    assert table_headers(["| only |"]) == [None]


def test_proof_step_reads_a_row_with_its_header_given() -> None:
    step = proofstep.ProofStep(
        "book_repair",
        "a photo",
        "ask them to send a photo",
        "ask you to send a photo",
        None,
        "r",
        frozenset({stem("puncture")}),
        frozenset({"photo"}),
        "you've sent a photo",
    )
    header = "| Repair | What we need |"
    assert proofstep.nothing_cells(step, "| Puncture | Nothing |", header) == [1]
    assert proofstep.nothing_cells(step, "| Puncture | Nothing |", None) == []
    assert proofstep.timed_cells(step, "| one cell |", header) == []
    item_units = units(_TABLE)
    marked = proofstep._denying(step, "Repairs", item_units)
    assert [item_units[index].text for index in marked] == ["| Puncture | Nothing |"]


class _Recorded(Sequence[str]):
    """Contexts that remember which were read."""

    def __init__(self, size: int) -> None:
        self.size, self.read = size, set()

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        assert isinstance(index, int)
        self.read.add(index)
        return "Kilns"


def test_kept_units_reads_the_context_of_a_sentence_stating_the_old_value_only() -> None:
    move = RuleMove(
        "H1",
        "Kiln firings are done within 5 days.",
        "Kiln firings are done within 3 days.",
        "5 days",
        "3 days",
        "value",
    )
    text = "We love clay. Mugs dry overnight. Glazes are mixed within 5 days. Bye."
    said = units(text)
    contexts = _Recorded(len(said))
    kept_units(
        [move],
        ["Glazes are mixed within 5 days."],
        said,
        [range(len(said))] * len(said),
        contexts,
        frozenset({"kiln"}),
    )
    assert contexts.read == {2}


def test_paragraphs_answer_paragraph_of_every_unit() -> None:
    text = "# Kilns\n\nWe fire daily. Mugs wait. Plates wait.\n\nNew one. Two.\n\n## End\nLast."
    said = units(text)
    spans = impact._paragraphs(text, said)
    assert len(spans) == len(said)
    for index in range(len(said)):
        others = [at for at in spans[index] if at != index]
        assert others == impact._paragraph(text, said, index)
    assert impact._paragraphs("", []) == []


def test_a_sentence_of_a_huge_paragraph_is_said_under_the_nearest_of_it() -> None:
    text = "Each mug is fired within 5 days. " * 2000
    said = units(text)
    context = impact._context(text, said, len(said) - 1, "Kilns")
    assert context.startswith("Each mug is fired within 5 days.")
    assert len(context) < impact._CONTEXT_MAX + 200
    lazy = impact._Contexts(text, said, "Kilns")
    assert len(lazy) == len(said) and lazy[1] == "Each mug is fired within 5 days. Kilns"
    assert lazy[-1] == context


def test_an_every_age_aside_between_subject_and_verb_leaves_no_comma() -> None:
    from behaviordiff.drafting import bandgrant

    grant = bandgrant.BandGrant(
        "climber",
        "aged 16 and over",
        16,
        16,
        "climber_age",
        ("lead",),
        "can use the lead wall",
        None,  # type: ignore[arg-type]
    )
    said = bandgrant.limited_sentence(grant, "Climbers, whatever their age, can use the lead wall.")
    assert said == "Climbers aged 16 and over can use the lead wall."
    said = bandgrant.limited_sentence(
        grant, "If you're a climber, whatever your age, you can use the lead wall."
    )
    assert said == "If you're a climber aged 16 and over, you can use the lead wall."


def test_with_marks_alone_replaces_a_marked_units_reasons_in_the_items_order() -> None:
    from types import SimpleNamespace

    from behaviordiff.drafting.impactview import with_marks_alone

    def make(index: int, sentence: str, reasons: tuple[str, ...]) -> SimpleNamespace:
        return SimpleNamespace(unit_index=index, sentence=sentence, reasons=reasons)

    said = units("Kilns fire daily. Mugs wait. Plates wait.")
    found = [make(0, said[0].text, ("old",)), make(2, said[2].text, ("old",))]
    assert with_marks_alone(found, {}, said, make) is found
    out = with_marks_alone(found, {1: "new", 2: "new"}, said, make)
    assert [(each.unit_index, each.reasons) for each in out] == [
        (0, ("old",)),
        (1, ("new",)),
        (2, ("new",)),
    ]


def test_a_long_table_reads_its_headers_category_column_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from behaviordiff.drafting import bandgrant

    grant = bandgrant.BandGrant(
        "rider",
        "aged 18 and over",
        18,
        18,
        "rider_age",
        ("tandem",),
        "can hire a tandem",
        None,  # type: ignore[arg-type]
    )
    calls: list[str] = []
    real = bandgrant._band_column

    def counted(grant: bandgrant.BandGrant, header: str) -> int | None:
        calls.append(header)
        return real(grant, header)

    monkeypatch.setattr(bandgrant, "_band_column", counted)
    text = "| Rider age | Solo | Tandem |\n| --- | --- | --- |\n" + "| 12 to 15 | Yes | Yes |\n" * 6
    marked = bandgrant._marked(grant, units(text))
    assert len(marked) == 6
    assert len(calls) == 1
