"""The analysis is stored and loaded as the typed `Analysis`, old stored shapes included."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from behaviordiff.detect.model import (
    Analysis,
    Aspect,
    Atom,
    BehaviorChange,
    Condition,
    Excerpt,
    MovedArgument,
)
from behaviordiff.drafting import build_facts
from behaviordiff.store import Workspace
from tests.example_data import example_analysis


def _with_newer_parts(data: dict[str, Any]) -> dict[str, Any]:
    """The example's JSON plus the parts newer analyses carry: range and set atoms, aspects,
    tools called."""
    data = copy.deepcopy(data)
    change = data["changes"][0]
    change["conditions"].append(
        Condition(
            text="order_total between 50 and 100",
            atoms=(
                Atom("order_total", "between", low=50, high=100, low_inclusive=True),
                Atom("tier", "in", ("gold", "silver")),
            ),
            matched_changed=2,
            changed=3,
            matched_others=0,
            others=5,
        ).to_dict()
    )
    change["aspects"] = [
        {
            "kind": "promises",
            "title": "no longer states dates",
            "before": ["date:5"],
            "after": [],
            "probe_ids": ["p1"],
        }
    ]
    change["conditions"][-1]["atoms"][0]["high_inclusive"] = False
    change["conditions"][-1]["atoms"][0]["bounds"] = "[)"
    data["tools_called"] = {"old": {"escalate_to_human": 3}, "new": {"issue_refund": 4}}
    return data


def test_the_json_form_reads_back_into_the_same_model() -> None:
    data = example_analysis()[0].to_dict()
    data = _with_newer_parts(data)
    typed = Analysis.from_dict(data)
    assert typed.to_dict() == data
    assert json.dumps(typed.to_dict()) == json.dumps(data)  # key order too: the JSON contract
    change = typed.changes[0]
    assert isinstance(change, BehaviorChange)
    assert change.conditions[-1].atoms == (
        Atom("order_total", "between", low=50, high=100, low_inclusive=True, high_inclusive=False),
        Atom("tier", "in", ("gold", "silver")),
    )
    assert change.aspects == [
        Aspect("promises", "no longer states dates", ("date:5",), (), ("p1",))
    ]
    assert all(isinstance(excerpt, Excerpt) for excerpt in change.excerpts)
    assert typed.tools_called["new"] == {"issue_refund": 4}
    assert typed.verdict_counts() == data["summary"]


def test_the_workspace_stores_and_loads_the_typed_analysis(tmp_path: Path) -> None:
    typed, version_diff = example_analysis()
    data, diff = typed.to_dict(), version_diff.to_dict()
    data = _with_newer_parts(data)
    with Workspace(tmp_path / "ws") as workspace:
        release = workspace.create_release(base_label="v1", head_label="v2", diff=diff)
        workspace.save_analysis(release.id, Analysis.from_dict(data))
        loaded = workspace.load_analysis(release.id)
    assert isinstance(loaded, Analysis)
    assert loaded.to_dict() == data
    assert loaded.probe(data["probes"][0]["probe_id"]).verdict == data["probes"][0]["verdict"]
    # drafting reads the loaded model as it reads the live one
    live = [facts.corpus() for facts in build_facts(Analysis.from_dict(data), diff)]
    assert [facts.corpus() for facts in build_facts(loaded, diff)] == live


def _older(data: dict[str, Any]) -> dict[str, Any]:
    """The shape an older version stored: no aspects, moved arguments, excerpts, tools called
    or wording groups."""
    old = copy.deepcopy(data)
    for key in ("tools_called", "wording_changes", "unmatched"):
        old.pop(key, None)
    for change in old["changes"]:
        for key in ("aspects", "moved_arguments", "excerpts"):
            change.pop(key, None)
    return old


def test_an_analysis_stored_by_an_older_version_still_loads(tmp_path: Path) -> None:
    typed, version_diff = example_analysis()
    data, diff = typed.to_dict(), version_diff.to_dict()
    older = _older(data)
    with Workspace(tmp_path / "ws") as workspace:
        release = workspace.create_release(base_label="v1", head_label="v2", diff=diff)
        # written as the older version wrote it: its JSON form, straight into the tables
        from behaviordiff.store.analysis import write_analysis

        with workspace.transaction() as db:
            write_analysis(db, release.id, Analysis.from_dict(older), "2026-01-01T00:00:00+00:00")
        row = workspace.db.execute(
            "SELECT data_json FROM behavior_changes WHERE release_id = ? ORDER BY position",
            (release.id,),
        ).fetchone()
        assert "moved_arguments" not in json.loads(row[0])
        assert "aspects" in json.loads(row[0])  # written empty by the current model
        workspace.db.execute(
            "UPDATE behavior_changes SET data_json = ? WHERE release_id = ?",
            (json.dumps({"before": [], "after": []}), release.id),
        )
        workspace.db.execute(
            "UPDATE analyses SET extra_json = ? WHERE release_id = ?",
            (json.dumps({"old": "v1", "new": "v2"}), release.id),
        )
        workspace.db.commit()
        loaded = workspace.load_analysis(release.id)
    assert loaded is not None
    assert loaded.tools_called == {} and loaded.unmatched == {} and loaded.wording_groups == []
    for change, stored in zip(loaded.changes, data["changes"], strict=True):
        assert change.id == stored["id"] and change.probe_ids == stored["probe_ids"]
        assert change.aspects == [] and change.excerpts == [] and change.moved_arguments == []
        assert not change.moves_recorded  # drafting reads moved numbers from before/after
        assert "moved_arguments" not in change.to_dict()
    assert [p.to_dict() for p in loaded.probes] == data["probes"]
    assert build_facts(loaded, diff)  # drafting still reads it


def test_old_stored_dicts_of_atoms_aspects_excerpts_and_moves_load_typed() -> None:
    """Shapes older versions stored inside a change: an interval without its inclusive flags
    (searched as low < x <= high then), an aspect without probe ids, an excerpt without its
    probe, a moved argument without the tool's name."""
    change = BehaviorChange.from_dict(
        {
            "id": "C1",
            "title": "refund amount ×2",
            "probe_ids": ["p1", "p2"],
            "facets": ["actions"],
            "conditions": [
                {
                    "text": "10 < discount <= 15",
                    "atoms": [{"feature": "discount", "op": "between", "low": 10, "high": 15}],
                    "changed": {"matched": 2, "total": 2},
                    "others": {"matched": 0, "total": 9},
                }
            ],
            "attribution": [],
            "excerpts": [{"old": "We refund $4.50.", "new": "We refund $9."}],
            "moved_arguments": [
                {
                    "call": "issue_refund(type=shipping)",
                    "argument": "amount",
                    "ratio": 2,
                    "difference": None,
                    "values": [{"probe_id": "p1", "old": 4.5, "new": 9}],
                }
            ],
            "aspects": [{"kind": "promises", "title": "no longer states dates"}],
        }
    )
    [atom] = change.conditions[0].atoms
    assert atom == Atom("discount", "between", low=10, high=15)
    assert (atom.low_inclusive, atom.high_inclusive, atom.bounds) == (False, True, "(]")
    assert change.excerpts == [Excerpt("", "We refund $4.50.", "We refund $9.")]
    [moved] = change.moved_arguments
    assert isinstance(moved, MovedArgument)
    assert (moved.name, moved.ratio, moved.values[0].new) == ("issue_refund", 2, 9)
    assert change.aspects == [Aspect("promises", "no longer states dates", (), (), ())]
    [facts] = build_facts(Analysis.from_dict({"changes": [change.to_dict()]}))
    assert facts.when() == "conversations with discount over 10% and up to 15%"
    assert facts.moved and facts.moved[0].ratio == 2
