"""A kind the new prompt says is outside the old handling, in plain words: "Outlet chairs are
final sale and aren't part of the sit trial: don't book a return for them, …".

Seen on an office-chair agent (set BM, after its held-out run): the sit-trial macro ("Every
chair comes with our 100-day sit trial, …") and the Outlet row of the ranges table were
flagged with "the new behavior has no sentence to use". The claim now names Outlet chairs as
its exception, and the row's sit-trial cell says "None (final sale)".
"""

from __future__ import annotations

import pytest

from behaviordiff.drafting.facts import Rule
from behaviordiff.drafting.refusedkind import (
    RefusedKind,
    except_kind,
    refused_kind,
    refused_row,
)

OUTLET = (
    "Outlet chairs are final sale and aren't part of the sit trial: don't book a return for "
    "them, and explain that Outlet chairs are final sale."
)


def _refused(text: str) -> RefusedKind | None:
    return refused_kind([Rule("H1", "sentence_added", "Sit trial", None, text, text, None)], text)


def test_the_kind_and_what_it_is_are_read() -> None:
    refused = _refused(OUTLET)
    assert refused is not None
    assert refused.head == "Outlet chairs"
    assert refused.sentence == "Outlet chairs are final sale and aren't part of the sit trial."
    assert (refused.status, refused.denied) == ("final sale", "part of the sit trial")


@pytest.mark.parametrize(
    "text",
    [
        # the prompt's internals in what it says of the kind
        "Items with `final_sale` set are excluded: don't book a return for them.",
        # no instruction of what not to do: no refusal
        "Outlet chairs are final sale and aren't part of the sit trial.",
    ],
)
def test_other_sentences_are_no_stated_refusal(text: str) -> None:
    assert _refused(text) is None


def test_the_claim_for_every_chair_names_the_exception() -> None:
    refused = _refused(OUTLET)
    assert refused is not None
    assert except_kind(
        "Every chair comes with our 100-day sit trial, so it's risk free.", refused.head
    ) == ("Every chair, except Outlet chairs, comes with our 100-day sit trial, so it's risk free.")


HEADER = "| Range | What it is | Sit trial | Warranty |"


def test_the_kinds_row_says_none_in_its_column() -> None:
    refused = _refused(OUTLET)
    assert refused is not None
    row = "| Outlet | Open-box and refurbished, 40% off | 100 days | 5 years |"
    assert refused_row(row, HEADER, refused) == (
        "| Outlet | Open-box and refurbished, 40% off | None (final sale) | 5 years |"
    )
    # another kind's row, a row already saying none, and a table without such a column stay
    assert refused_row("| Everyday | New chairs | 100 days | 5 years |", HEADER, refused) is None
    assert refused_row("| Outlet | Open-box | None | 5 years |", HEADER, refused) is None
    assert refused_row(row, "| Range | What it is | Delivery | Warranty |", refused) is None


def test_the_office_chair_drafts(tmp_path_factory: pytest.TempPathFactory) -> None:
    from tests.conftest import run_scenario, scenario_edits

    found, _project = run_scenario(
        tmp_path_factory.mktemp("officechair"), "officechair-outlet-final-sale"
    )
    edits = scenario_edits(found)
    assert (
        "Every chair, except Outlet chairs, comes with our 100-day sit trial, so if your"
        in (edits["macro:3301"]["new_body"])
    )
    table = edits["article:5510202"]["new_body"]
    assert "| Outlet | Open-box and refurbished, 40% off | None (final sale) | 5 years |\n" in table
    assert "| Everyday | New chairs for home offices | 100 days | 5 years |" in table
    # no sentence after a row: the table stays a table
    assert "5 years | Outlet chairs" not in table
