"""Draft quality on scenario agents: detection, conditions, notes and macro/FAQ edits vs truth.

    .venv/bin/python bench/draft_quality.py                 # every scenario in the manifest
    .venv/bin/python bench/draft_quality.py --only dev      # dev | holdout | names,comma-separated
    .venv/bin/python bench/draft_quality.py --json -v       # machine output; -v lists problems
    .venv/bin/python bench/draft_quality.py --workspaces /tmp/bdw   # keep each scenario's
        # workspace there: a rerun reuses the stored runs and drafts again (drafting work)
    .venv/bin/python bench/draft_quality.py --drafter llm --base-url http://127.0.0.1:8080/v1 \
        --model NAME                                        # the drafting model's path instead

Each scenario under fixtures/scenarios/ (see its manifest.yaml) is a small project: two agent
versions, a simulated agent that reads its policy from its version's prompt, a probe suite, a
Zendesk macro export and Markdown FAQ, and a truth.yaml saying what a right behavior diff and
right drafts contain. The scenario is copied to a temporary folder and run through the CLI only
(`behaviordiff run BASE HEAD --drafter template --format json`, then `transcripts`), so a
refactor of the package does not break the bench. With `--drafter llm` the same run drafts
with a model behind an OpenAI-compatible `--base-url` (the scenario's config gets a
`[drafting]` section naming it), through the real `openai` client and the same checks; the
line then also gives the model's calls and the drafts that fell back to the template's
(bench/local_model.py serves a small open model on 127.0.0.1 for this, offline).
Figures per scenario:

* det P/R: precision and recall of the `behavior-changed` probes;
* changes: behavior changes found / in the truth;
* cond: changes whose first condition is exact (same variables, same bounds and inclusivity,
  same categorical values; a variable every probe gives as a whole number is compared over the
  whole numbers, so "> 0" is ">= 1" and "2 <= n < 3" is "n = 2"); kind: changes titled by
  their most consequential facet (the truth's first facet: actions and escalation before
  promises, promises before meaning);
* note: notes that state every new key fact and none of the truth's known misreadings;
  inv: numbers in notes found nowhere in the prompts, the probes, the transcripts or the truth
  (invented);
* edits R/P: KB items that must change and got an edit / edits that are on such items;
* facts: edited items that state the new fact and no longer state the old rule;
* kept: edited items whose other sentences, title and headings are kept byte for byte, traps
  included; ph: edited items that keep every placeholder;
* leak: added sentences in first person (where the item is not written so), copied from a
  transcript (a sentence of the new prompt itself, which any reply may quote, is not, nor is
  a sentence of the item with only its numbers moved), or
  carrying one probe's values (ids, names, amounts);
* warn: warnings the truth expects (e.g. a tool the version does not declare);
* cause: changes whose first attributed hunk matches the truth's `cause` patterns (its file,
  section, key, kind and summary), counted over the truth changes that give `cause` (a change
  made by agent.yaml alone must be put on the config, not on a prompt sentence).

A scenario passes when every figure is perfect. The total line also counts the KB items the
truths require that have no problem listed (edited, the new fact stated, the old rule gone,
nothing else lost): "KB items right 21/30", the figure a held-out set is compared by. Exit 1 if
any scenario fails.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "fixtures" / "scenarios"
SHARED = "_sim"

FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|I’m|I’ve|I’ll|I’d)\b|\b(?:me|my|mine)\b")
ADDRESS = re.compile(r"\S*(?:[/@]|\.[A-Za-z]{2})\S*")
"""A link or an email address ("example.co.uk/my-course"): no words of a speaker."""


def first_person(text: str) -> list[str]:
    """The first-person words of `text`, its links and email addresses aside."""
    return FIRST_PERSON.findall(ADDRESS.sub(" ", text))


PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")
WAS_MARKER = re.compile(
    r"(?:\bwas|previously|formerly|instead of|used to|no longer|from)\W*$", re.I
)


# ---------------------------------------------------------------------------------------------
# text helpers
# ---------------------------------------------------------------------------------------------


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def matches(pattern: str, text: str) -> bool:
    return re.search(pattern, norm(text), re.IGNORECASE) is not None


def units(body: str) -> list[str]:
    """Headings, list items and sentences of a KB body, as raw substrings of it."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        if not block.strip():
            continue
        lines = block.split("\n")
        if all(re.match(r"\s*(#|[-*] |\d+\. |\|)", line) for line in lines if line.strip()):
            out.extend(line for line in lines if line.strip())
            continue
        if re.match(r"[-*] |\d+\. ", lines[0]) and all(
            re.match(r"[-*] |\d+\. |\s+\S", line) for line in lines if line.strip()
        ):
            # a list whose items wrap onto indented lines: each item (with its wrapped lines) a unit
            items: list[str] = []
            for line in lines:
                if not line.strip():
                    continue
                if re.match(r"[-*] |\d+\. ", line) or not items:
                    items.append(line)
                else:
                    items[-1] += "\n" + line
            out.extend(items)
            continue
        for piece in re.split(r"(?<=[.!?:])\s+(?=[A-Z0-9\[*{\"“(])", block):
            if piece.strip():
                out.append(piece.strip())
    return out


def truth_as_text(truth: Any) -> str:
    """The truth file as one text to read numbers and words from. Non-ASCII is kept as it is: an
    escaped "£9.95" ("\\u00a39.95") would hide the number 9.95."""
    return json.dumps(truth, ensure_ascii=False)


def numbers(text: str) -> set[float]:
    found = set()
    for whole, frac in NUMBER.findall(text):
        found.add(round(float(whole.replace(",", "") + (frac or "")), 2))
    return found


def values_in(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [v for value in data.values() for v in values_in(value)]
    if isinstance(data, list):
        return [v for value in data for v in values_in(value)]
    return [data]


# ---------------------------------------------------------------------------------------------
# conditions
# ---------------------------------------------------------------------------------------------


@dataclass
class Constraint:
    lower: float | None = None
    lower_inclusive: bool = False
    upper: float | None = None
    upper_inclusive: bool = False
    values: frozenset[str] | None = None
    flag: bool | None = None

    def show(self) -> str:
        if self.values is not None:
            return "in {" + ", ".join(sorted(self.values)) + "}"
        if self.flag is not None:
            return f"is {self.flag}"
        left = "-inf" if self.lower is None else _shown(self.lower)
        right = "inf" if self.upper is None else _shown(self.upper)
        opening = "[" if self.lower_inclusive else "("
        closing = "]" if self.upper_inclusive else ")"
        return f"{opening}{left}, {right}{closing}"


# An ISO date bound ("2026-11-01") is compared as its day number (date.toordinal() plus this
# offset, so no day number can be mistaken for an amount the scenarios use) and shown as the date.
DAY_OFFSET = 1_000_000_000.0


def _float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, date):
        return DAY_OFFSET + value.toordinal()
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        try:
            return DAY_OFFSET + date.fromisoformat(value.strip()).toordinal()
        except ValueError:
            return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _shown(bound: float) -> str:
    if bound > DAY_OFFSET and bound == int(bound):
        return date.fromordinal(int(bound - DAY_OFFSET)).isoformat()
    return f"{bound:g}"


def _bound(value: Any) -> float:
    """A truth bound as a number: an amount, or an ISO date as its day number."""
    number = _float(value)
    if number is None:
        raise ValueError(f"a truth bound must be a number or an ISO date: {value!r}")
    return number


def _tighten(c: Constraint, op: str, value: float) -> None:
    raise_lower = c.lower is None or value > c.lower or (value == c.lower and op == ">")
    lower_upper = c.upper is None or value < c.upper or (value == c.upper and op == "<")
    if op in (">", ">=") and raise_lower:
        c.lower, c.lower_inclusive = value, op == ">="
    elif op in ("<", "<=") and lower_upper:
        c.upper, c.upper_inclusive = value, op == "<="


def predicted_constraints(condition: dict[str, Any]) -> tuple[dict[str, Constraint], list[str]]:
    """A reported condition as constraints per feature; atoms this cannot read are returned."""
    out: dict[str, Constraint] = {}
    unread: list[str] = []
    for atom in condition.get("atoms") or []:
        feature = str(atom.get("feature") or atom.get("variable") or "")
        op = str(atom.get("op") or atom.get("operator") or "").strip().lower()
        op = OPERATORS.get(op, op)
        c = out.setdefault(feature, Constraint())
        value = atom.get("value")
        if isinstance(value, list) and len(value) == 2 and op in RANGE_OPS:
            atom = {**atom, "bounds": value}
        if op == "tag" or feature.startswith("tag:"):
            c.flag = True
            continue
        low = next((atom[k] for k in ("lower", "low", "min", "gt", "ge") if k in atom), None)
        high = next((atom[k] for k in ("upper", "high", "max", "lt", "le") if k in atom), None)
        bounds = atom.get("bounds")
        if isinstance(bounds, list | tuple) and len(bounds) == 2:
            low, high = bounds
        if op in (">", ">=", "<", "<=") and _float(value) is not None:
            _tighten(c, op, _float(value) or 0.0)
        elif low is not None or high is not None:
            lower_inc = bool(atom.get("lower_inclusive", atom.get("low_inclusive", "ge" in atom)))
            upper_inc = bool(
                atom.get("upper_inclusive", atom.get("high_inclusive", "lt" not in atom))
            )
            if isinstance(bounds, str) and re.fullmatch(r"[\[(][\])]", bounds):
                lower_inc, upper_inc = bounds[0] == "[", bounds[1] == "]"
            if _float(low) is not None:
                _tighten(c, ">=" if lower_inc else ">", _float(low) or 0.0)
            if _float(high) is not None:
                _tighten(c, "<=" if upper_inc else "<", _float(high) or 0.0)
        elif op in ("=", "==", "is", "in", "one of", "any of"):
            vals = value if isinstance(value, list) else atom.get("values", [value])
            if not isinstance(vals, list):
                vals = [vals]
            if isinstance(value, bool):
                c.flag = value
            elif all(_float(v) is not None for v in vals) and len(vals) == 1:
                _tighten(c, ">=", _float(vals[0]) or 0.0)
                _tighten(c, "<=", _float(vals[0]) or 0.0)
            else:
                c.values = frozenset(str(v).lower() for v in vals)
        else:
            unread.append(json.dumps(atom, sort_keys=True))
    return out, unread


OPERATORS = {"≤": "<=", "≥": ">=", "gt": ">", "ge": ">=", "lt": "<", "le": "<=", "eq": "="}
RANGE_OPS = {"between", "range", "in_range", "interval", "in range"}
CHAINED = re.compile(
    r"(-?\d[\d,]*(?:\.\d+)?)\s*(<=|<|≤)\s*([\w.:-]+)\s*(<=|<|≤)\s*(-?\d[\d,]*(?:\.\d+)?)"
)


def from_text(text: str) -> dict[str, Constraint]:
    """Chained bounds stated in a condition's text ("10 < x <= 15"), when the atoms are not."""
    out: dict[str, Constraint] = {}
    for low, low_op, feature, high_op, high in CHAINED.findall(text):
        c = out.setdefault(feature, Constraint())
        _tighten(c, ">=" if low_op in ("<=", "≤") else ">", float(low.replace(",", "")))
        _tighten(c, "<=" if high_op in ("<=", "≤") else "<", float(high.replace(",", "")))
    return out


def truth_constraints(atoms: list[dict[str, Any]]) -> dict[str, Constraint]:
    out: dict[str, Constraint] = {}
    for atom in atoms:
        c = out.setdefault(str(atom["variable"]), Constraint())
        op = atom["op"]
        if op == "range":
            if atom.get("lower") is not None:
                _tighten(c, ">=" if atom.get("lower_inclusive") else ">", _bound(atom["lower"]))
            if atom.get("upper") is not None:
                _tighten(c, "<=" if atom.get("upper_inclusive") else "<", _bound(atom["upper"]))
        elif op == "in":
            c.values = frozenset(str(v).lower() for v in atom["values"])
        elif op in ("tag", "is"):
            c.flag = bool(atom.get("value", True))
        else:
            _tighten(c, op, _bound(atom["value"]))
    return out


def integer_variables(probes: dict[str, dict[str, Any]]) -> set[str]:
    """Variables every probe gives as a whole number (no bool, no fraction, no text)."""
    seen: dict[str, bool] = {}
    for probe in probes.values():
        for name, value in (probe.get("variables") or {}).items():
            whole = isinstance(value, int) and not isinstance(value, bool)
            seen[name] = seen.get(name, True) and whole
    return {name for name, whole in seen.items() if whole}


def on_integers(c: Constraint) -> Constraint:
    """The same constraint over whole numbers, with both bounds inclusive: "> 0" and ">= 1",
    or "2 <= n < 3" and "n = 2", select the same probes of a whole-number variable."""
    if c.values is not None or c.flag is not None:
        return c
    lower, upper = c.lower, c.upper
    if lower is not None:
        lower = float(math.floor(lower) + 1) if not c.lower_inclusive else float(math.ceil(lower))
    if upper is not None:
        upper = float(math.ceil(upper) - 1) if not c.upper_inclusive else float(math.floor(upper))
    return Constraint(lower, lower is not None, upper, upper is not None)


def condition_exact(
    truth: list[dict[str, Any]],
    optional: list[str],
    reported: dict[str, Any] | None,
    integers: set[str] | frozenset[str] = frozenset(),
) -> tuple[bool, str]:
    want = truth_constraints(truth)
    if reported is None:
        return False, "no condition reported; truth " + show_constraints(want)
    got, unread = predicted_constraints(reported)
    if unread:
        got = {
            **{f: c for f, c in got.items() if c != Constraint()},
            **from_text(reported.get("text", "")),
        }
        if not got:
            return False, f"unreadable atoms {unread}"
    aliases = {str(a): str(t["variable"]) for t in truth for a in t.get("aliases", [])}
    renamed: dict[str, Constraint] = {}
    for feature, c in got.items():
        renamed[aliases.get(feature, feature)] = c
    extra = set(renamed) - set(want) - set(optional)

    def alike(feature: str, c: Constraint) -> bool:
        if feature not in renamed:
            return False
        if feature in integers:
            return on_integers(renamed[feature]) == on_integers(c)
        return renamed[feature] == c

    same = not extra and all(alike(f, c) for f, c in want.items())
    text = reported.get("text", "")
    return same, f"reported '{text}', truth {show_constraints(want)}"


def cause_matches(patterns: list[str], attribution: list[dict[str, Any]]) -> tuple[bool, str]:
    """Whether the first attributed hunk matches every pattern of the truth's `cause`."""
    if not attribution:
        return False, "no hunk"
    top = attribution[0]
    text = " ".join(str(top.get(k) or "") for k in ("file", "section", "key", "kind", "summary"))
    ok = all(matches(p, text) for p in patterns)
    return ok, repr(norm(text)[:160])


def show_constraints(constraints: dict[str, Constraint]) -> str:
    return " and ".join(f"{f} {c.show()}" for f, c in constraints.items()) or "(none)"


# ---------------------------------------------------------------------------------------------
# one scenario
# ---------------------------------------------------------------------------------------------


@dataclass
class Score:
    name: str
    split: str
    seconds: float = 0.0
    error: str | None = None
    detect_precision: float = 0.0
    detect_recall: float = 0.0
    changes_found: int = 0
    changes_truth: int = 0
    conditions_exact: int = 0
    kinds_right: int = 0
    notes_with_facts: int = 0
    invented_numbers: int = 0
    edit_recall: float = 0.0
    edit_precision: float = 0.0
    edits_required: int = 0
    edits_made: int = 0
    facts_ok: int = 0
    kept_ok: int = 0
    placeholders_ok: int = 0
    edited_required: int = 0
    leaks: int = 0
    warnings_ok: int = 0
    warnings_truth: int = 0
    causes_ok: int = 0
    causes_truth: int = 0
    drafter: str = "template"
    llm_calls: int = 0
    llm_fallbacks: int = 0
    items_required: int = 0
    """KB items the truth says must change."""
    items_right: int = 0
    """Of those, the ones with no problem listed (edited, the new fact stated, the old rule
    gone, nothing else lost): the figure a held-out set is compared by."""
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return (
            self.error is None
            and self.detect_precision == 1.0
            and self.detect_recall == 1.0
            and self.changes_found == self.changes_truth
            and self.conditions_exact == self.changes_truth
            and self.kinds_right == self.changes_truth
            and self.notes_with_facts == self.changes_truth
            and self.invented_numbers == 0
            and self.edit_recall == 1.0
            and self.edit_precision == 1.0
            and self.facts_ok == self.edited_required
            and self.kept_ok == self.edited_required
            and self.placeholders_ok == self.edited_required
            and self.leaks == 0
            and self.warnings_ok == self.warnings_truth
            and self.causes_ok == self.causes_truth
        )

    def line(self) -> str:
        if self.error:
            return f"{self.name:<24} {self.split:<7} ERROR {self.error}"
        n = self.changes_truth
        return (
            f"{self.name:<24} {self.split:<7} det P{self.detect_precision:.2f} "
            f"R{self.detect_recall:.2f}  changes {self.changes_found}/{n}  "
            f"cond {self.conditions_exact}/{n}  kind {self.kinds_right}/{n}  "
            f"note {self.notes_with_facts}/{n} "
            f"inv {self.invented_numbers}  edits R{self.edit_recall:.2f} "
            f"P{self.edit_precision:.2f}  facts {self.facts_ok}/{self.edited_required}  "
            f"kept {self.kept_ok}/{self.edited_required}  "
            f"ph {self.placeholders_ok}/{self.edited_required}  leak {self.leaks}  "
            f"warn {self.warnings_ok}/{self.warnings_truth}  "
            f"cause {self.causes_ok}/{self.causes_truth}  "
            + (
                f"llm {self.llm_calls} calls, {self.llm_fallbacks} fallback(s)  "
                if self.drafter == "llm"
                else ""
            )
            + f"{'PASS' if self.passed else 'FAIL'}  ({self.seconds:.1f}s)"
        )


@dataclass(frozen=True)
class Drafting:
    """How the scenarios are drafted: the template drafter, or a model behind `base_url`."""

    drafter: str = "template"
    base_url: str | None = None
    model: str | None = None
    timeout: float = 600.0

    def configure(self, project: Path) -> None:
        """Name the drafting model in the scenario's copied config (a scenario has no
        [drafting] section of its own)."""
        if self.drafter != "llm":
            return
        config = project / "behaviordiff.toml"
        text = config.read_text(encoding="utf-8")
        if "[drafting]" in text or "timeout" in text:
            raise RuntimeError(f"{config} already sets the drafting model or a timeout")
        # a small model on 2 cores answers in a minute or more, one request at a time
        run = f"[run]\ntimeout = {self.timeout}\n"
        text = text.replace("[run]\n", run) if "[run]\n" in text else text + "\n" + run
        config.write_text(
            text.rstrip("\n")
            + "\n\n[drafting]\n"
            + f'drafter = "llm"\nmodel = {json.dumps(self.model)}\n'
            + f"base_url = {json.dumps(self.base_url)}\n",
            encoding="utf-8",
        )


def cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    # a local server takes any key; the openai client wants one set
    env.setdefault("OPENAI_API_KEY", "local")
    return subprocess.run(
        [sys.executable, "-m", "behaviordiff", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def load_yaml(path: Path) -> Any:
    """A scenario's YAML read as behaviordiff reads YAML: a broken file stops the bench with its
    line and column, not a traceback."""
    from behaviordiff.errors import BehaviordiffError
    from behaviordiff.yamlio import parse_yaml

    try:
        return parse_yaml(path.read_text(encoding="utf-8"), str(path))[0]
    except BehaviordiffError as exc:
        hint = f" ({exc.hint})" if exc.hint else ""
        raise SystemExit(f"{exc.where}: {exc.message}{hint}") from None


def run_pipeline(
    project: Path,
    truth: dict[str, Any],
    samples: int,
    drafting: Drafting = Drafting(),
    workspace: Path | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """`workspace`: where the runs are stored; one kept from an earlier bench run makes
    `behaviordiff run` reuse the runs stored there (the same versions, probes and samples)
    and draft again, so a change to drafting is measured without running the agents again."""
    workspace = workspace or project / ".bd-workspace"
    done = cli(
        [
            "run",
            truth["base"],
            truth["head"],
            "--samples",
            str(samples),
            "--concurrency",
            "8",
            "--drafter",
            drafting.drafter,
            "--format",
            "json",
            "--workspace",
            str(workspace),
        ],
        project,
    )
    if done.returncode not in (0, 1):
        raise RuntimeError(f"run exited {done.returncode}: {norm(done.stderr)[-400:]}")
    result = json.loads(done.stdout)
    exported = project / ".bd-transcripts"
    done = cli(
        ["transcripts", "--side", "both", "-o", str(exported), "--workspace", str(workspace)],
        project,
    )
    if done.returncode != 0:
        raise RuntimeError(f"transcripts exited {done.returncode}: {norm(done.stderr)[-400:]}")
    runs = []
    for side in ("base", "head"):
        for line in (exported / f"{side}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                runs.append(json.loads(line))
    return result, runs


def kb_text(project: Path) -> str:
    """The raw text of the scenario's knowledge base files (what the KB already says)."""
    return "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in sorted((project / "kb").rglob("*"))
        if path.is_file()
    )


def score_scenario(
    name: str,
    split: str,
    samples: int,
    drafting: Drafting = Drafting(),
    workspaces: Path | None = None,
) -> Score:
    score = Score(name, split, drafter=drafting.drafter)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"bd-{name}-") as tmp:
        root = Path(tmp)
        shutil.copytree(SCENARIOS / SHARED, root / SHARED)
        project = root / name
        shutil.copytree(SCENARIOS / name, project)
        truth = load_yaml(project / "truth.yaml")
        try:
            drafting.configure(project)
            workspace = workspaces / name if workspaces is not None else None
            result, runs = run_pipeline(project, truth, samples, drafting, workspace)
            _score(score, project, truth, result, runs)
            _count_items(score, truth)
            drafts = result.get("drafts") or {}
            score.llm_calls = int((drafts.get("usage") or {}).get("llm_calls", 0))
            score.llm_fallbacks = len(drafts.get("fallbacks") or [])
            # why the model's edits were refused: what a better model, or a check, must fix
            score.problems += [
                f"{fallback.get('draft')}: the model's draft was refused: "
                f"{norm(str(fallback.get('reason') or ''))[:400]}"
                for fallback in drafts.get("fallbacks") or []
                if fallback.get("draft") != "note"
            ]
        except (RuntimeError, json.JSONDecodeError, KeyError, OSError) as exc:
            score.error = f"{type(exc).__name__}: {exc}"
    score.seconds = time.perf_counter() - started
    return score


def _count_items(score: Score, truth: dict[str, Any]) -> None:
    """The truth's required KB items, and those no problem line names (`Score.items_right`)."""
    required = [
        str(kb["item"])
        for change in truth.get("changes") or []
        for kb in change.get("kb") or []
        if isinstance(kb, dict) and kb.get("item")
    ]
    score.items_required = len(required)
    score.items_right = sum(
        1 for item in required if not any(p.startswith(f"{item}:") for p in score.problems)
    )


def _score(
    score: Score,
    project: Path,
    truth: dict[str, Any],
    result: dict[str, Any],
    runs: list[dict[str, Any]],
) -> None:
    analysis = result.get("analysis") or {}
    drafts = result.get("drafts") or {}
    truth_changes: list[dict[str, Any]] = truth.get("changes") or []
    problems = score.problems

    # detection ------------------------------------------------------------------------------
    predicted = {
        p["probe_id"] for p in analysis.get("probes", []) if p.get("verdict") == "behavior-changed"
    }
    expected = {pid for change in truth_changes for pid in change["probes"]}
    hit = predicted & expected
    score.detect_precision = len(hit) / len(predicted) if predicted else 1.0
    score.detect_recall = len(hit) / len(expected) if expected else 1.0
    if predicted - expected:
        problems.append(f"changed but not in truth: {sorted(predicted - expected)}")
    if expected - predicted:
        problems.append(f"missed: {sorted(expected - predicted)}")

    changes: list[dict[str, Any]] = analysis.get("changes") or []
    score.changes_found, score.changes_truth = len(changes), len(truth_changes)
    if len(changes) != len(truth_changes):
        titles = [c.get("title") for c in changes]
        problems.append(f"{len(changes)} behavior changes for {len(truth_changes)}: {titles}")

    notes = {n["change_id"]: n["content"] for n in drafts.get("notes", [])}
    edits = [e["content"] for e in drafts.get("edits", [])]

    # what the texts may legitimately contain ---------------------------------------------------
    prompt_text = ""
    head_text = ""
    for side in ("base", "head"):
        for path in sorted((project / truth[side]).rglob("*")):
            if path.is_file():
                read = path.read_text(encoding="utf-8", errors="replace") + "\n"
                prompt_text += read
                head_text += read if side == "head" else ""
    head_prompt = norm(head_text)
    suite_probes = _probes(project)
    replies = [
        str(m.get("content") or "")
        for run in runs
        for m in run.get("messages", [])
        if m.get("role") == "assistant" and isinstance(m.get("content"), str)
    ]
    kb_raw = kb_text(project)
    truth_text = truth_as_text(truth)
    allowed_numbers = numbers(prompt_text) | numbers(truth_text) | numbers("\n".join(replies))
    for probe in suite_probes.values():
        allowed_numbers |= numbers(" ".join(str(v) for v in values_in(probe)))
    probe_tokens = _probe_tokens(suite_probes, prompt_text + kb_raw + truth_text)

    # changes, conditions, notes ---------------------------------------------------------------
    matched: dict[str, str] = {}
    for tc in truth_changes:
        want = set(tc["probes"])
        best, best_overlap = None, 0.0
        for change in changes:
            got = set(change.get("probe_ids", []))
            overlap = len(want & got) / len(want | got) if want | got else 0.0
            if overlap > best_overlap:
                best, best_overlap = change, overlap
        if best is None:
            problems.append(f"{tc['id']}: no behavior change found")
            continue
        matched[tc["id"]] = str(best["id"])
        want_kind = (tc.get("facets") or ["actions"])[0]
        if best.get("kind") == want_kind:
            score.kinds_right += 1
        else:
            problems.append(
                f"{tc['id']}: titled by {best.get('kind')!r} ({best.get('title')!r}), "
                f"the most consequential facet is {want_kind!r}"
            )
        if tc.get("cause"):
            score.causes_truth += 1
            ok, detail = cause_matches(tc["cause"], best.get("attribution") or [])
            if ok:
                score.causes_ok += 1
            else:
                problems.append(f"{tc['id']}: attributed to {detail}; truth cause {tc['cause']}")
        conditions = best.get("conditions") or []
        exact, detail = condition_exact(
            tc.get("condition") or [],
            tc.get("optional_atoms") or [],
            conditions[0] if conditions else None,
            integer_variables(suite_probes),
        )
        if exact:
            score.conditions_exact += 1
        else:
            problems.append(f"{tc['id']}: condition not exact: {detail}")
        note = notes.get(best["id"])
        if note is None:
            problems.append(f"{tc['id']}: no note for {best['id']}")
            continue
        fields = [
            note.get(k) or "" for k in ("title", "before", "after", "when", "customer_impact")
        ]
        fields += list(note.get("cs_actions") or [])
        note_text = "\n".join(str(f) for f in fields)
        missing = [p for p in tc.get("new_facts", []) if not matches(p, note_text)]
        # naming an item the change must edit by its title ("Update 'Late, missing or damaged
        # deliveries'") says nothing about the change: its title's words are not claims
        must_edit = {str(spec["item"]) for spec in tc.get("kb") or []}
        claims = note_text
        for title in {str(e.get("item_title") or "") for e in edits if e["item_key"] in must_edit}:
            claims = claims.replace(title, " ") if title else claims
        wrong = [p for p in tc.get("note_must_not", []) if matches(p, claims)]
        if missing:
            problems.append(f"{tc['id']}: note lacks new facts {missing}")
        if wrong:
            problems.append(f"{tc['id']}: note states what is not so {wrong}")
        if not missing and not wrong:
            score.notes_with_facts += 1
        stripped = note_text
        for pid in sorted(set(suite_probes) | {str(n) for n in notes}, key=len, reverse=True):
            stripped = stripped.replace(pid, " ")
        # the counts of test conversations a note cites as evidence ("in 1 of the 8 test
        # conversations") are the run's, not facts of the change
        stripped = re.sub(
            r"\b\d+ of (?:the )?\d+\b|\b\d+ (?:other |changed )?probes?\b", " ", stripped
        )
        evidence = " ".join(
            f"{e.get('old', '')} {e.get('new', '')}" for e in note.get("evidence") or []
        )
        invented = sorted(numbers(stripped) - allowed_numbers - numbers(evidence))
        if invented:
            score.invented_numbers += len(invented)
            problems.append(f"{tc['id']}: note states numbers found nowhere: {invented}")

    # edits ------------------------------------------------------------------------------------
    # Scored per (truth change, KB item): the edit drafted for the matching change, else any
    # edit of that item. Sentences any change rewrites are left out of the "kept" check.
    pairs = [(tc, item) for tc in truth_changes for item in tc.get("kb") or []]
    required = {item["item"] for _, item in pairs}
    rewritten_anywhere: dict[str, list[str]] = {}
    for _, item in pairs:
        rewritten_anywhere.setdefault(item["item"], []).extend(
            item.get("sentences", []) + item.get("may_change", [])
        )
    keep_items = {k["item"] for k in truth.get("keep") or [] if "sentence" not in k}
    keep_sentences: dict[str, list[str]] = {}
    for k in truth.get("keep") or []:
        if "sentence" in k:
            keep_sentences.setdefault(k["item"], []).append(k["sentence"])

    score.edits_required, score.edits_made = len(pairs), len(edits)
    on_required = [e for e in edits if e["item_key"] in required]
    score.edit_precision = len(on_required) / len(edits) if edits else 1.0
    for e in edits:
        if e["item_key"] not in required:
            why = "a trap" if e["item_key"] in keep_items else "not in the truth"
            problems.append(f"{e['item_key']}: edited but {why}")

    found = 0
    for tc, spec in pairs:
        key = spec["item"]
        candidates = [e for e in edits if e["item_key"] == key]
        own = [e for e in candidates if e.get("change_id") == matched.get(tc["id"])]
        if not candidates:
            problems.append(f"{key}: must change ({tc['id']}), got no edit")
            continue
        found += 1
        e = (own or candidates)[0]
        score.edited_required += 1
        spec = {"sentences": [], "may_change": [], "old": [], "new": [], **spec}
        old_body = str(e.get("old_body") or "")
        proposed = e.get("new_body")
        new_body = old_body if proposed is None else str(proposed)
        # new fact stated, old rule gone
        fact_problems = []
        if new_body == old_body:
            fact_problems.append("flagged only, no text proposed")
        for pattern in spec["new"]:
            if not matches(pattern, new_body):
                fact_problems.append(f"new fact {pattern!r} not stated")
        for sentence in spec["sentences"]:
            if norm(sentence) in norm(new_body):
                fact_problems.append(f"still says {norm(sentence)!r}")
        added = [u for u in units(new_body) if u not in old_body]
        for unit in added:
            for pattern in spec["old"]:
                for m in re.finditer(pattern, norm(unit), re.IGNORECASE):
                    if not WAS_MARKER.search(norm(unit)[max(0, m.start() - 30) : m.start()]):
                        fact_problems.append(f"added text states the old value: {norm(unit)!r}")
        if fact_problems:
            problems.append(f"{key}: " + "; ".join(dict.fromkeys(fact_problems)))
        else:
            score.facts_ok += 1
        # everything else kept byte for byte
        to_change = [norm(s) for s in rewritten_anywhere[key]]
        lost = []
        for unit in units(old_body):
            u = norm(unit)
            if any(u in s or s in u for s in to_change):
                continue
            if unit not in new_body:
                lost.append(u)
        for sentence in keep_sentences.get(key, []):
            if sentence not in new_body:
                lost.append(norm(sentence))
        lost = list(dict.fromkeys(lost))
        if lost:
            problems.append(f"{key}: lost or altered {lost[:3]}{' …' if len(lost) > 3 else ''}")
        else:
            score.kept_ok += 1
        old_ph = Counter(PLACEHOLDER.findall(old_body))
        new_ph = Counter(PLACEHOLDER.findall(new_body))
        if old_ph - new_ph:
            problems.append(f"{key}: placeholders dropped {sorted(old_ph - new_ph)}")
        else:
            score.placeholders_ok += 1
        # nothing from one conversation
        first_person_ok = key.startswith("macro:") and first_person(old_body)
        # a rewritten unit may keep the first person of the unit it replaces (an FAQ heading
        # in the customer's voice, "What if I owe more than $2,500?"), never add any
        replaced_voice = Counter(
            word.lower()
            for unit in units(old_body)
            if unit not in new_body
            for word in first_person(unit)
        )
        # a KB sentence rewritten with its numbers moved is the KB's own wording, whatever a
        # reply happens to say in the same words
        old_shapes = {NUMBER.sub("#", norm(unit)) for unit in units(old_body)}
        for unit in added:
            u = norm(unit)
            reasons = []
            voice = Counter(word.lower() for word in first_person(u))
            if not first_person_ok and voice - replaced_voice:
                reasons.append("first person")
            # a sentence of the new prompt itself is the new rule in the policy's own words,
            # which the simulated agent may quote to anyone: no one conversation's content
            own = NUMBER.sub("#", u) in old_shapes
            copied = any(u in norm(r) for r in replies)
            if len(u) >= 25 and u not in head_prompt and not own and copied:
                reasons.append("copied from a transcript")
            leaked = sorted(
                t for t in probe_tokens if re.search(rf"(?<![\w.$]){re.escape(t)}(?![\w])", u)
            )
            if leaked:
                reasons.append(f"one probe's values {leaked}")
            if reasons:
                score.leaks += 1
                problems.append(f"{key}: {', '.join(reasons)}: {u!r}")

    score.edit_recall = found / len(pairs) if pairs else 1.0

    # warnings ---------------------------------------------------------------------------------
    warnings = [
        json.dumps(w) if not isinstance(w, str) else w for w in result.get("warnings") or []
    ]
    for pattern in truth.get("warnings") or []:
        score.warnings_truth += 1
        if any(re.search(pattern, w, re.I) for w in warnings):
            score.warnings_ok += 1
        else:
            problems.append(f"no warning matching {pattern!r} (warnings: {warnings[:3]})")


def _probes(project: Path) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    config = project / "behaviordiff.toml"
    suites = re.findall(r'"([^"]+\.ya?ml)"', config.read_text(encoding="utf-8"))
    for suite in suites:
        data = load_yaml(project / suite)
        defaults = (data.get("defaults") or {}).get("variables") or {}
        for probe in data.get("probes") or []:
            variables = {**defaults, **(probe.get("variables") or {})}
            out[probe["id"]] = {
                "variables": variables,
                "tool_fixtures": probe.get("tool_fixtures") or {},
            }
    return out


def _probe_tokens(probes: dict[str, dict[str, Any]], general_text: str) -> set[str]:
    """Values that belong to one probe: ids, names, items and amounts that no prompt, KB item
    or truth states, and that only one probe carries."""
    general = numbers(general_text)
    seen: Counter[str] = Counter()
    for probe in probes.values():
        seen.update({str(v) for v in values_in(probe) if isinstance(v, str)})
    tokens: set[str] = set()
    for probe in probes.values():
        for value in values_in(probe):
            if isinstance(value, bool) or value is None:
                continue
            if isinstance(value, int | float):
                if round(float(value), 2) not in general and float(value) >= 10:
                    tokens.add(f"{value:g}" if isinstance(value, float) else str(value))
                continue
            text = str(value)
            if text in general_text or len(text) < 3:
                continue
            if re.fullmatch(r"[A-Z]{1,4}-?\d{3,}[A-Z0-9-]*|\d{5,}", text) or (
                seen[text] == 1 and re.match(r"[A-Z]", text) and len(text) >= 4
            ):
                tokens.add(text)
    return tokens


# ---------------------------------------------------------------------------------------------


def selected(only: str | None) -> list[tuple[str, str]]:
    manifest = load_yaml(SCENARIOS / "manifest.yaml")
    everything = [(n, split) for split in ("dev", "holdout") for n in manifest.get(split) or []]
    if only in (None, "all"):
        return everything
    if only in ("dev", "holdout"):
        return [(n, s) for n, s in everything if s == only]
    wanted = [name.strip() for name in only.split(",") if name.strip()]
    known = dict(everything)
    unknown = [name for name in wanted if name not in known]
    if unknown or not wanted:
        names = ", ".join(n for n, _ in everything)
        raise SystemExit(
            f"no scenario '{', '.join(unknown) or only}' in {SCENARIOS / 'manifest.yaml'} "
            f"(have: {names})"
        )
    return [(name, known[name]) for name in dict.fromkeys(wanted)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--only", help="dev, holdout, or scenario names, comma-separated (default: all)"
    )
    parser.add_argument("--samples", type=int, default=3, help="samples per probe per version")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list each scenario's problems"
    )
    parser.add_argument(
        "--drafter",
        choices=("template", "llm"),
        default="template",
        help="template (default, offline) or llm (the model behind --base-url)",
    )
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint of the drafting model")
    parser.add_argument("--model", help="the drafting model's name at that endpoint")
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds per drafting request (llm)"
    )
    parser.add_argument(
        "--workspaces",
        type=Path,
        help="keep each scenario's workspace in this folder; a rerun reuses its stored runs",
    )
    options = parser.parse_args()
    if options.drafter == "llm" and not (options.base_url and options.model):
        parser.error("--drafter llm needs --base-url and --model")
    drafting = Drafting(options.drafter, options.base_url, options.model, options.timeout)
    scores = []
    for name, split in selected(options.only):
        if not options.json:
            print(f"… {name}", file=sys.stderr, flush=True)
        score = score_scenario(name, split, options.samples, drafting, options.workspaces)
        scores.append(score)
        if not options.json:
            print(score.line(), flush=True)
            if options.verbose:
                for problem in dict.fromkeys(score.problems):
                    print(f"    - {problem}", flush=True)
    passed = sum(s.passed for s in scores)
    if options.json:
        doc = {
            "scenarios": [{**asdict(s), "passed": s.passed} for s in scores],
            "passed": passed,
            "total": len(scores),
            "items_right": sum(s.items_right for s in scores),
            "items_required": sum(s.items_required for s in scores),
        }
        json.dump(doc, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        seconds = sum(s.seconds for s in scores)
        right = sum(s.items_right for s in scores)
        required = sum(s.items_required for s in scores)
        print(
            f"total: {passed}/{len(scores)} scenarios pass, KB items right {right}/{required} "
            f"({seconds:.0f}s)"
        )
    return 0 if passed == len(scores) else 1


if __name__ == "__main__":
    sys.exit(main())
