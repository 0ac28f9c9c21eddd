"""The scenario agents bench/draft_quality.py scores: every file loads, every truth file refers to
probes, variables, macros, articles and sentences that exist, and every simulator follows its
own version's prompt. Whether the drafts are right is the bench's business, not these tests'."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from typer.testing import CliRunner

from behaviordiff.kb.importers import load_knowledge_base
from behaviordiff.probes.suite import load_suites

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "fixtures" / "scenarios"
MANIFEST = yaml.safe_load((SCENARIOS / "manifest.yaml").read_text(encoding="utf-8"))
NAMES = [*MANIFEST["dev"], *MANIFEST["holdout"]]


def _truth(name: str) -> dict[str, Any]:
    data = yaml.safe_load((SCENARIOS / name / "truth.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _invoke(*args: str) -> Any:
    from behaviordiff.cli.app import app

    result = CliRunner().invoke(app, [*args, "--format", "json"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


_COMPARE_OPS = {">", ">=", "<", "<="}


def _atom_problem(atom: dict[str, Any]) -> str | None:
    """What the bench could not read in a truth condition atom (it would stop with a traceback),
    or None: a categorical value is `op: in, values: [...]`, a flag `op: is` (or `tag`), a bound
    a number or an ISO date."""
    op = atom.get("op")
    if op == "in":
        return None if isinstance(atom.get("values"), list) else "`op: in` needs a `values` list"
    if op in ("is", "tag"):
        return None
    bounds = [atom.get("lower"), atom.get("upper")] if op == "range" else [atom.get("value")]
    if op != "range" and op not in _COMPARE_OPS:
        return f"unknown op {op!r}: use in, is, tag, range, >, >=, < or <="
    for bound in bounds:
        if bound is None or isinstance(bound, date):
            continue
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            continue
        if isinstance(bound, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", bound.strip()):
            continue
        return f"bound {bound!r} is no number or ISO date (a category: `op: in, values: [...]`)"
    return None


def _control_characters(value: Any, key: str = "truth") -> list[str]:
    """Keys whose text holds a control character: a pattern like "\\bSMS" written in double
    quotes reads `\\b` as a backspace, and the bench then looks for a backspace."""
    if isinstance(value, dict):
        return [bad for k, v in value.items() for bad in _control_characters(v, f"{key}.{k}")]
    if isinstance(value, list):
        return [bad for i, v in enumerate(value) for bad in _control_characters(v, f"{key}[{i}]")]
    if isinstance(value, str) and any(ord(c) < 32 and c not in "\n\t" for c in value):
        return [f"{key}: {value!r} (write regex patterns in single quotes)"]
    return []


def test_control_characters_are_found() -> None:
    truth = {"changes": [{"new_facts": ["\bSMS", "\\bSMS"]}]}
    assert _control_characters(truth) == [
        "truth.changes[0].new_facts[0]: '\\x08SMS' (write regex patterns in single quotes)"
    ]


def _suite(name: str) -> Any:
    return load_suites(sorted((SCENARIOS / name / "probes").glob("*.yaml")))


def test_manifest_names_every_scenario_once() -> None:
    folders = {p.name for p in SCENARIOS.iterdir() if p.is_dir() and not p.name.startswith("_")}
    assert sorted(NAMES) == sorted(folders)
    assert len(NAMES) == len(set(NAMES))
    assert len(MANIFEST["dev"]) >= 5
    assert len(MANIFEST["holdout"]) >= 4
    assert any(not _truth(n)["changes"] for n in MANIFEST["holdout"])


@pytest.mark.parametrize("name", NAMES)
def test_probes_and_templates_check(name: str) -> None:
    project = SCENARIOS / name
    truth = _truth(name)
    report = _invoke(
        "probes", "check", "-c", str(project / "behaviordiff.toml"),
        "--agent", str(project / truth["base"]), "--agent", str(project / truth["head"]),
    )  # fmt: skip
    assert report, "probes check printed nothing"
    assert 15 <= len(_suite(name)) <= 25


@pytest.mark.parametrize("name", NAMES)
def test_truth_refers_to_what_exists(name: str) -> None:
    project = SCENARIOS / name
    truth = _truth(name)
    assert truth["scenario"] == name
    assert not _control_characters(truth), _control_characters(truth)
    for side in ("base", "head"):
        config = yaml.safe_load((project / truth[side] / "agent.yaml").read_text(encoding="utf-8"))
        assert config["adapter"] == "command" and config["command"]["metered"] is False

    probes = {probe.id: probe for probe in _suite(name)}
    features: set[str] = set()
    for probe in probes.values():
        features |= set(probe.variables) | {f"tag:{tag}" for tag in probe.tags}
        for tool, fixture in probe.tool_fixtures.items():
            if isinstance(fixture, dict):
                features |= {f"{tool}.{key}" for key in fixture}

    summary = _invoke("kb", "check", "-c", str(project / "behaviordiff.toml"))
    keys = {f"{item['kind']}:{item['id']}" for item in summary["items"]}
    kb = load_knowledge_base([project / "kb" / "macros.json"], [project / "kb" / "faq"])
    bodies = {item.key: item.body for item in kb.items}
    assert set(bodies) == keys

    changed: set[str] = set()
    for change in truth["changes"]:
        assert set(change["probes"]) <= set(probes), change["id"]
        assert not changed & set(change["probes"]), "a probe belongs to one change"
        changed |= set(change["probes"])
        assert change["condition"] and change["new_facts"]
        for atom in change["condition"]:
            assert atom["variable"] in features, atom
            assert set(atom.get("aliases", [])) <= features, atom
            assert _atom_problem(atom) is None, (atom, _atom_problem(atom))
        cause = change.get("cause", [])
        assert isinstance(cause, list) and all(isinstance(p, str) and p for p in cause), cause
        for pattern in [*cause, *change["new_facts"], *change.get("note_must_not", [])]:
            re.compile(pattern)
        for item in change.get("kb", []):
            assert item["item"] in keys, item["item"]
            body = bodies[item["item"]]
            for sentence in item.get("sentences", []) + item.get("may_change", []):
                assert sentence in body, (item["item"], sentence)
            assert item.get("new"), item["item"]
    for keep in truth.get("keep") or []:
        assert keep["item"] in keys, keep["item"]
        if "sentence" in keep:
            assert keep["sentence"] in bodies[keep["item"]], keep
    must_change = {item["item"] for change in truth["changes"] for item in change.get("kb", [])}
    whole_items_kept = {keep["item"] for keep in truth.get("keep") or [] if "sentence" not in keep}
    assert not must_change & whole_items_kept
    assert must_change | whole_items_kept == keys, "every KB item is either to change or to keep"


def _simulate(name: str, version: str, probe: Any, sample: int) -> dict[str, Any]:
    project = SCENARIOS / name
    config = yaml.safe_load((project / version / "agent.yaml").read_text(encoding="utf-8"))
    template = (project / version / config["prompts"]["system"]).read_text(encoding="utf-8")
    prompt = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(template)
    request = {
        "probe": {
            "id": probe.id,
            "messages": [m.model_dump(exclude_none=True) for m in probe.messages],
            "variables": probe.variables,
            "tool_fixtures": probe.tool_fixtures,
            "tags": probe.tags,
        },
        "sample": sample,
        "version": {
            "name": config["name"],
            "dir": str(project / version),
            "system_prompt": prompt.render(**probe.variables),
            "config": config,
        },
    }
    done = subprocess.run(
        [sys.executable, str(project / "sim" / "agent.py")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _calls(transcript: dict[str, Any]) -> list[str]:
    return [
        call["function"]["name"]
        for message in transcript["messages"]
        for call in message.get("tool_calls") or []
    ]


@pytest.mark.parametrize("name", NAMES)
def test_simulator_is_deterministic_and_follows_its_prompt(name: str) -> None:
    truth = _truth(name)
    probes = {probe.id: probe for probe in _suite(name)}
    changed = [pid for change in truth["changes"] for pid in change["probes"][:1]]
    for pid in changed or list(probes)[:2]:
        probe = probes[pid]
        old = _simulate(name, truth["base"], probe, 0)
        assert _simulate(name, truth["base"], probe, 0) == old
        new = _simulate(name, truth["head"], probe, 0)
        reply_old = old["messages"][-1]["content"]
        reply_new = new["messages"][-1]["content"]
        if changed:
            assert _calls(old) != _calls(new) or reply_old != reply_new, pid
        else:
            assert _calls(old) == _calls(new), pid


def test_the_bench_reads_a_number_after_a_pound_sign_in_a_truth_file() -> None:
    # a truth's "£9.95" once reached the invented-number check as "\u00a39.95", so a note that
    # named the KB's £9.95 fee was scored as stating a number found nowhere
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import draft_quality
    finally:
        sys.path.remove(str(ROOT / "bench"))
    text = draft_quality.truth_as_text({"old_facts": ["2-3 days, £9.95"], "note": "½ price, €12"})
    assert {9.95, 12.0, 2.0, 3.0} <= draft_quality.numbers(text)


def test_the_bench_compares_a_whole_number_variable_over_the_whole_numbers() -> None:
    # "days_late > 0" and a truth "[1, inf)", or "2 <= item_count < 3" and "[2, 2]", select the
    # same probes when every probe gives the variable as a whole number; a fractional variable
    # and a variable some probe gives as a fraction are still compared bound for bound
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import draft_quality
    finally:
        sys.path.remove(str(ROOT / "bench"))
    probes = {
        "a": {"variables": {"days_late": 0, "item_count": 2, "order_total": 12.5}},
        "b": {"variables": {"days_late": 4, "item_count": 3, "order_total": 40}},
        "c": {"variables": {"days_late": 1, "flag": True}},
    }
    integers = draft_quality.integer_variables(probes)
    assert integers == {"days_late", "item_count"}

    def exact(truth: dict[str, Any], atoms: list[dict[str, Any]]) -> bool:
        reported = {"atoms": atoms, "text": ""}
        return draft_quality.condition_exact([truth], [], reported, integers)[0]

    from_one = {"variable": "days_late", "op": "range", "lower": 1, "lower_inclusive": True}
    assert exact(from_one, [{"feature": "days_late", "op": ">", "value": 0}])
    assert not exact(from_one, [{"feature": "days_late", "op": ">", "value": 1}])
    two = {
        "variable": "item_count",
        "op": "range",
        "lower": 2,
        "upper": 2,
        "lower_inclusive": True,
        "upper_inclusive": True,
    }
    assert exact(
        two,
        [
            {"feature": "item_count", "op": ">=", "value": 2},
            {"feature": "item_count", "op": "<", "value": 3},
        ],
    )
    assert not exact(two, [{"feature": "item_count", "op": ">=", "value": 2}])
    over_forty = {"variable": "order_total", "op": ">=", "value": 40}
    assert not exact(over_forty, [{"feature": "order_total", "op": ">", "value": 39}])
    assert exact(over_forty, [{"feature": "order_total", "op": ">=", "value": 40}])


def test_the_bench_counts_the_kb_items_right() -> None:
    # a held-out set is compared by its required KB items with no problem listed
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import draft_quality
    finally:
        sys.path.remove(str(ROOT / "bench"))
    truth = {
        "changes": [
            {"kb": [{"item": "macro:1"}, {"item": "article:2"}]},
            {"kb": [{"item": "article:3"}]},
        ]
    }
    score = draft_quality.Score("x", "dev")
    score.problems = ["article:2: must change (c), got no edit", "macro:9: edited but a trap"]
    draft_quality._count_items(score, truth)
    assert (score.items_right, score.items_required) == (2, 3)
