"""Read probe suites from YAML or JSONL, with errors that name the file, probe and field."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from behaviordiff.errors import ProbeError
from behaviordiff.loading import read_text, special_kind
from behaviordiff.probes.model import Probe
from behaviordiff.textutil import a_or_an, iter_jsonl
from behaviordiff.validation import describe_errors, first_error_line
from behaviordiff.yamlio import line_of, parse_yaml

SUITE_SUFFIXES = {".yaml", ".yml", ".jsonl", ".json"}


class SuiteDefaults(BaseModel):
    """Values every probe of the file starts from; a probe's own values win, tags add up."""

    model_config = ConfigDict(extra="forbid")
    variables: dict[str, Any] = Field(default_factory=dict)
    tool_fixtures: dict[str, Any] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)


class SuiteHeader(BaseModel):
    model_config = ConfigDict(extra="forbid")
    suite: str | None = None
    description: str | None = None
    defaults: SuiteDefaults = Field(default_factory=SuiteDefaults)
    probes: list[Any]


@dataclass(frozen=True)
class ProbeSuite:
    name: str
    probes: tuple[Probe, ...]
    sources: tuple[Path, ...]

    def __len__(self) -> int:
        return len(self.probes)

    def __iter__(self) -> Iterator[Probe]:
        return iter(self.probes)

    def tag_counts(self) -> Counter[str]:
        return Counter(tag for probe in self.probes for tag in probe.tags)

    def summary(self) -> dict[str, Any]:
        turns = Counter(
            "multi-turn" if sum(m.role == "user" for m in probe.messages) > 1 else "single-turn"
            for probe in self.probes
        )
        return {
            "suite": self.name,
            "files": [str(path) for path in self.sources],
            "probes": len(self.probes),
            "tags": dict(sorted(self.tag_counts().items(), key=lambda kv: (-kv[1], kv[0]))),
            "untagged": sum(1 for probe in self.probes if not probe.tags),
            "with_expectations": sum(1 for probe in self.probes if probe.expect),
            "with_tool_fixtures": sum(1 for probe in self.probes if probe.tool_fixtures),
            "turns": dict(turns),
            "variables": sorted({name for probe in self.probes for name in probe.variables}),
        }


def _merge(defaults: SuiteDefaults, raw: dict[str, Any]) -> dict[str, Any]:
    """The suite's defaults under the probe's own values. A value of the wrong type is left
    as it is, for validation to name (a string `tags: shipping` is not split into letters)."""
    merged = dict(raw)
    for key in ("variables", "tool_fixtures"):
        own = raw.get(key)
        if own is None or isinstance(own, dict):
            merged[key] = {**getattr(defaults, key), **(own or {})}
    tags = raw.get("tags")
    if tags is None or (isinstance(tags, list) and all(isinstance(tag, str) for tag in tags)):
        merged["tags"] = list(dict.fromkeys([*defaults.tags, *(tags or [])]))
    return merged


def _validate_probe(
    raw: Any,
    where: str,
    index: int,
    *,
    node: Any = None,
    path: tuple[str | int, ...] = (),
    file: Path | None = None,
) -> Probe:
    """The probe, or a ProbeError at the line of its first problem (in `file`, whose YAML
    tree is `node`, the probe at `path` in it), else at `where`."""
    if not isinstance(raw, dict):
        raise ProbeError(
            f"probe #{index + 1} is {a_or_an(type(raw).__name__)}, not a mapping",
            where=where,
            hint="each probe is a mapping with id, messages and optional variables, "
            "tool_fixtures, tags, expect",
        )
    ident = raw.get("id")
    name = ident if isinstance(ident, str) else f"#{index + 1}"
    _check_values(raw, name, where, node=node, path=path, file=file)
    try:
        return Probe.model_validate(raw)
    except ValidationError as exc:
        line = None
        if node is not None and file is not None and exc.errors():
            loc = tuple(exc.errors()[0]["loc"])
            line = next(
                (
                    found
                    for end in range(len(loc), 0, -1)
                    if (found := line_of(node, *path, *loc[:end])) is not None
                ),
                None,
            )
        raise ProbeError(
            f"probe '{name}': {describe_errors(exc, Probe)}",
            where=f"{file}:{line}" if line else where,
            hint="a probe has: id, messages (OpenAI chat messages ending with a user turn), "
            "and optional description, variables, tool_fixtures, tags, expect "
            "(`behaviordiff schema probe`)",
        ) from None


def _unsendable(value: Any) -> str | None:
    """What makes a probe's value one no request, transcript or JSON output can carry as
    written: a NUL character, or a number that is not finite (NaN and Infinity are not JSON,
    though Python's reader takes them and YAML writes them `.nan` and `.inf`)."""
    if isinstance(value, str):
        found = value.find("\x00")
        if found < 0:
            return None
        return f"has a NUL character (U+0000) at character {found + 1}"
    if isinstance(value, float) and not math.isfinite(value):
        written = "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
        return f"is {written}, not a number JSON can hold"
    return None


def _any_unsendable(raw: Any) -> bool:
    """Whether `_check_values` has something to say: a walk that builds no path (every probe
    of a 100,000-probe suite is walked)."""
    pending = [raw]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return True
        elif isinstance(value, dict):
            if any("\x00" in key for key in value if isinstance(key, str)):
                return True
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, float) and not math.isfinite(value):
            return True
    return False


def _check_values(
    raw: dict[str, Any],
    name: str,
    where: str,
    *,
    node: Any = None,
    path: tuple[str | int, ...] = (),
    file: Path | None = None,
) -> None:
    """No key or value of the probe `_unsendable`; else a ProbeError at its line (YAML) or
    the probe's line (JSONL), naming the field."""
    if not _any_unsendable(raw):
        return
    pending: list[tuple[Any, tuple[str | int, ...]]] = [(raw, ())]
    while pending:
        value, trail = pending.pop()
        problem = _unsendable(value)
        at = trail
        if problem is None and isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and "\x00" in key:
                    problem, at = f"has a key with a NUL character (U+0000): {key!r}", trail
                    break
                pending.append((item, (*trail, key)))
        elif problem is None and isinstance(value, list):
            pending.extend((item, (*trail, index)) for index, item in enumerate(value))
        if problem is None:
            continue
        field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in at)
        line = None
        if node is not None and file is not None:
            line = next(
                (
                    found
                    for end in range(len(at), 0, -1)
                    if (found := line_of(node, *path, *at[:end])) is not None
                ),
                None,
            )
        raise ProbeError(
            f"probe '{name}': {field.removeprefix('.') or 'the probe'} {problem}",
            where=f"{file}:{line}" if line else where,
            hint="remove the NUL character (written \\u0000 in JSON, \\0 in YAML): a probe's "
            "text is sent to the model and stored as text"
            if "NUL" in problem
            else 'write a finite number, or quote it if it is a word ("NaN"): JSON, which '
            "requests, transcripts and every --format json output are, has no NaN or Infinity",
        )


MAX_YAML_SUITE_BYTES = 10_000_000
"""A YAML suite is parsed whole, with its node tree kept for line numbers: about a second and a
half and 50 MB of memory per MB of YAML on a laptop core. A bigger suite is JSONL, read line by
line (64 MB per file, a few times faster), or several YAML files."""


def _read_yaml(path: Path) -> tuple[str | None, list[tuple[Probe, str]]]:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # read_text says why it cannot be read
    if size > MAX_YAML_SUITE_BYTES:
        raise ProbeError(
            f"is {size / 1e6:.1f} MB of YAML, over the "
            f"{MAX_YAML_SUITE_BYTES // 1_000_000} MB limit for a YAML suite (parsing it "
            "whole would take minutes and gigabytes)",
            where=path,
            hint="write it as JSONL, one probe object per line (`.jsonl`, up to 64 MB, read "
            "line by line), or split it into YAML files of up to "
            f"{MAX_YAML_SUITE_BYTES // 1_000_000} MB each, listed in [probes] suites",
        )
    text = read_text(path, ProbeError, limit=MAX_YAML_SUITE_BYTES)
    data, node = parse_yaml(text, str(path), ProbeError)
    if isinstance(data, list):
        data = {"probes": data}
    if not isinstance(data, dict):
        raise ProbeError(
            "a suite is a mapping with a `probes:` list (or a plain list of probes)",
            where=path,
            hint="start the file with `probes:` followed by `- id: ...` entries",
        )
    probes_key = "probes" if "probes" in data else None
    try:
        header = SuiteHeader.model_validate(data)
    except ValidationError as exc:
        line = first_error_line(exc, node)
        raise ProbeError(
            describe_errors(exc, SuiteHeader),
            where=f"{path}:{line}" if line else path,
            hint="a suite file has `suite`, `description`, `defaults` and `probes` at the top",
        ) from None
    probes = []
    for index, raw in enumerate(header.probes):
        line = line_of(node, *([probes_key, index] if probes_key else [index]))
        where = f"{path}:{line}" if line else str(path)
        merged = _merge(header.defaults, raw) if isinstance(raw, dict) else raw
        place = (probes_key, index) if probes_key else (index,)
        probes.append(
            (_validate_probe(merged, where, index, node=node, path=tuple(place), file=path), where)
        )
    return header.suite, probes


def _read_jsonl(path: Path) -> list[tuple[Probe, str]]:
    probes: list[tuple[Probe, str]] = []
    hint = "each line of a JSONL suite is one probe object"
    for where, raw in iter_jsonl(path, ProbeError, hint):
        probes.append((_validate_probe(raw, where, len(probes)), where))
    return probes


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_variable_types(collected: list[tuple[Probe, str]]) -> None:
    """A variable that is a number in some probes is one in all: conditions ("hours_until
    under 12") compare numbers, and a word among them (`twelve`) would be left out silently."""
    numbers: dict[str, tuple[Probe, str]] = {}
    for probe, where in collected:
        for name, value in probe.variables.items():
            if _is_number(value):
                numbers.setdefault(name, (probe, where))
    for probe, where in collected:
        for name, value in probe.variables.items():
            if name in numbers and isinstance(value, str):
                other, other_where = numbers[name]
                raise ProbeError(
                    f"probe '{probe.id}': variable '{name}' is the text {value!r}, but a "
                    f"number in probe '{other.id}' ({other_where})",
                    where=where,
                    hint=f"write `{name}` as a number in every probe (no quotes, digits: "
                    f"`{name}: {other.variables[name]}`), so conditions on it can compare",
                )


def load_suite(path: Path) -> ProbeSuite:
    return load_suites([path])


def load_suites(paths: Iterable[Path]) -> ProbeSuite:
    """Load and merge suites; a probe id may appear only once across all of them."""
    paths = list(paths)
    if not paths:
        raise ProbeError(
            "no probe suite given",
            hint="pass a suite file, or list suites under [probes] suites in behaviordiff.toml",
        )
    names: list[str] = []
    collected: list[tuple[Probe, str]] = []
    for path in paths:
        if not path.is_file():
            raise ProbeError(
                "probe suite not found"
                if not path.exists()
                else f"is {special_kind(path.stat().st_mode)}, not a file",
                where=path,
                hint="check the path (relative paths in behaviordiff.toml start at its folder)",
            )
        if path.suffix not in SUITE_SUFFIXES:
            raise ProbeError(
                f"unknown suite format '{path.suffix}'",
                where=path,
                hint="probe suites are .yaml/.yml or .jsonl files",
            )
        if path.suffix in (".jsonl", ".json"):
            collected.extend(_read_jsonl(path))
            names.append(path.stem)
        else:
            suite_name, probes = _read_yaml(path)
            collected.extend(probes)
            names.append(suite_name or path.stem)
    if not collected:
        raise ProbeError(
            "no probes: the suite is empty" if len(paths) == 1 else "no probes in any suite",
            where=paths[0] if len(paths) == 1 else ", ".join(map(str, paths)),
            hint="add probes under `probes:` as `- id: ...` entries with `messages`",
        )
    _check_variable_types(collected)
    first_seen: dict[str, str] = {}
    for probe, where in collected:
        if probe.id in first_seen:
            raise ProbeError(
                f"duplicate probe id '{probe.id}' (first defined at {first_seen[probe.id]})",
                where=where,
                hint="probe ids must be unique across all suites; rename one of them",
            )
        first_seen[probe.id] = where
    return ProbeSuite(
        name="+".join(names),
        probes=tuple(probe for probe, _ in collected),
        sources=tuple(paths),
    )
