"""A huge table whose rows all state a moved value (a made-up climbing wall: a group session
took up to 10 climbers, now 8) is read in time linear in its rows: each row's header and each
paragraph are found once per item, not again for every conflicting row (338 rows in 20,000
characters ran 30-60 s)."""

from __future__ import annotations

from typing import Any

import pytest

from behaviordiff.drafting import impact
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.text import units
from behaviordiff.kb.model import KnowledgeBase
from tests.drafting.kit import kb_item, moved_facts

OLD = "A group session takes up to 10 climbers."
NEW = "A group session takes up to 8 climbers."
ROW = "| Group session | up to 10 climbers, with one instructor |\n"


def _facts() -> ChangeFacts:
    rule = Rule("H1", "sentence_changed", "Group sessions", OLD, NEW, "sentence changed")
    return moved_facts([rule], [{"feature": "climbers", "op": ">", "value": 8}])


def test_each_row_gets_the_header_header_unit_gives_it() -> None:
    text = (
        "# Wall\n\nIntro line.\n\n| Session | Size |\n|---|---|\n| Taster | 4 |\n| Group | 10 |"
        "\n\nBetween tables.\n\n| Kit | Price |\n|:-:|:-:|\n| Shoes | £3 |\n"
    )
    said = units(text)
    headers = impact._header_indexes(said)
    for index in range(len(said)):
        header = impact.header_unit(said, index)
        at = headers[index]
        assert (said[at] if at is not None else None) == header


def test_a_table_of_thousands_of_conflicting_rows_is_read_once_per_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Counted, not timed (a loaded machine makes seconds meaningless): each row's header walk
    and each paragraph join is done a bounded number of times per row, not once per row per
    conflicting row (115,937 header walks for 338 rows). The time it takes is printed by
    bench/huge_drafting.py ("impact rank_items, a table of conflicting rows")."""
    calls = {"header": 0, "joined": 0}
    header, joined = impact.header_unit, impact._joined

    def counted_header(*args: Any) -> Any:
        calls["header"] += 1
        return header(*args)

    def counted_joined(*args: Any) -> Any:
        calls["joined"] += 1
        return joined(*args)

    monkeypatch.setattr(impact, "header_unit", counted_header)
    monkeypatch.setattr(impact, "_joined", counted_joined)
    body = "# Sessions\n\n| Kind | Size |\n|---|---|\n" + ROW * (20000 // len(ROW))
    ranked = rank_items(_facts(), KnowledgeBase([kb_item("groups", body)]))
    rows = sum(len(item.conflicts) for item in ranked)
    assert rows > 300
    assert calls["header"] + calls["joined"] < 10 * rows
