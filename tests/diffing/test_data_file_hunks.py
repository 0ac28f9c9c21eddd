"""A data file of the agent (JSON, YAML, TOML) is diffed by key path, as agent.yaml is."""

from __future__ import annotations

from behaviordiff.diffing.versions import _diff_data_file, _HunkList

OLD = '{"fees": {"late": 5, "lost": 20}, "zones": ["north", "south"]}'
NEW = '{"fees": {"late": 8}, "zones": ["north", "south", "east"], "currency": "EUR"}'


def _hunks(name: str, old: str, new: str) -> list[tuple[str, str | None, object, object]]:
    hunks = _HunkList()
    _diff_data_file(name, old, new, hunks)
    return [(hunk.kind, hunk.key, hunk.old, hunk.new) for hunk in hunks.hunks]


def test_each_key_path_that_moved_is_one_hunk_in_key_order() -> None:
    assert _hunks("fees.json", OLD, NEW) == [
        ("data_added", "currency", None, "EUR"),
        ("data_changed", "fees.late", 5, 8),
        ("data_removed", "fees.lost", 20, None),
        ("data_added", "zones[2]", None, "east"),
    ]


def test_a_document_replaced_whole_is_named_so() -> None:
    [(kind, key, _, _)] = _hunks("fees.json", "[1, 2]", '"none"')
    assert (kind, key) == ("data_changed", "(the whole document)")
