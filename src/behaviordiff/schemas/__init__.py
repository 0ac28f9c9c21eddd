"""JSON Schemas of every format a user writes or reads, generated from the code's own models.

`behaviordiff schema NAME` prints one; docs/reference.md explains each with an example. The
schemas are built from the pydantic models the code validates with (agent.yaml, the config,
probes) or, for documents the code builds as dicts (command-line JSON, the command adapter's
stdin, the replay format), from models the tests hold the real documents to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


@dataclass(frozen=True)
class SchemaSpec:
    name: str
    title: str
    """What the document is, in a few words."""
    where: str
    """Where a user meets it: a file name, a pipe, a command's output."""
    model_path: str
    """`module:Class` of the model the schema is generated from, or `module:function` that
    returns a schema written by hand (the changelog's, shipped with the feed)."""


SCHEMAS: tuple[SchemaSpec, ...] = (
    SchemaSpec(
        "agent",
        "Agent version config",
        "agent.yaml in a version folder",
        "behaviordiff.agent.model:AgentConfig",
    ),
    SchemaSpec(
        "config",
        "Project config",
        "behaviordiff.toml, or [tool.behaviordiff] in pyproject.toml",
        "behaviordiff.config:ProjectConfig",
    ),
    SchemaSpec(
        "suite",
        "Probe suite (YAML)",
        "a .yaml/.yml file named under [probes] suites",
        "behaviordiff.schemas.inputs:SuiteDocument",
    ),
    SchemaSpec(
        "probe",
        "One probe (a line of a JSONL suite)",
        "each line of a .jsonl suite; each entry of a YAML suite's `probes`",
        "behaviordiff.probes.model:Probe",
    ),
    SchemaSpec(
        "command-input",
        "A command agent's stdin",
        "stdin of a `command` agent, one JSON object per run",
        "behaviordiff.schemas.inputs:CommandInput",
    ),
    SchemaSpec(
        "command-output",
        "A command agent's stdout",
        "stdout of a `command` agent, one JSON object, then exit 0",
        "behaviordiff.runner.adapters:CommandOutput",
    ),
    SchemaSpec(
        "replay",
        "Replay / transcript JSONL, one run per line",
        "files read by the `replay` adapter and `compare`, written by `transcripts`",
        "behaviordiff.schemas.inputs:ReplayRecord",
    ),
    SchemaSpec(
        "diff",
        "Output of `diff --format json`",
        "stdout of `behaviordiff diff BASE HEAD --format json`",
        "behaviordiff.schemas.outputs:DiffOutput",
    ),
    SchemaSpec(
        "run",
        "Output of `run --format json`",
        "stdout of `behaviordiff run BASE HEAD --format json` (also with --dry-run)",
        "behaviordiff.schemas.outputs:RunOutput",
    ),
    SchemaSpec(
        "compare",
        "Output of `compare --format json`",
        "stdout of `behaviordiff compare OLD NEW --format json`",
        "behaviordiff.schemas.outputs:CompareOutput",
    ),
    SchemaSpec(
        "draft",
        "Output of `draft --format json`",
        "stdout of `behaviordiff draft --format json`",
        "behaviordiff.schemas.outputs:DraftOutput",
    ),
    SchemaSpec(
        "demo",
        "Output of `demo --format json`",
        "stdout of `behaviordiff demo --format json`",
        "behaviordiff.schemas.outputs:DemoOutput",
    ),
    SchemaSpec(
        "review",
        "Output of `review list --format json`",
        "stdout of `behaviordiff review list --format json`",
        "behaviordiff.schemas.outputs:ReviewOutput",
    ),
    SchemaSpec(
        "reviews",
        "Review decisions to commit",
        "behaviordiff-reviews.json, written by `review export`, read by `review import` and "
        "`gate --reviews`",
        "behaviordiff.publish.review_file:ReviewFile",
    ),
    SchemaSpec(
        "changelog",
        "The behavior changelog feed (JSON)",
        "stdout or -o FILE of `behaviordiff changelog --format json`",
        "behaviordiff.publish.changelog:load_schema",
    ),
    SchemaSpec(
        "gate",
        "Output of `gate --format json`",
        "stdout of `behaviordiff gate --stage STAGE --format json`",
        "behaviordiff.schemas.outputs:GateOutput",
    ),
    SchemaSpec(
        "export",
        "Output of `export --format json`",
        "stdout of `behaviordiff export --to TARGET -o PATH --format json`",
        "behaviordiff.schemas.outputs:ExportOutput",
    ),
    SchemaSpec(
        "push",
        "Output of `push --format json`",
        "stdout of `behaviordiff push HELPDESK --from FILE [--apply] --format json`",
        "behaviordiff.schemas.outputs:PushOutput",
    ),
)


class UnknownSchema(LookupError):
    pass


def spec(name: str) -> SchemaSpec:
    for candidate in SCHEMAS:
        if candidate.name == name:
            return candidate
    raise UnknownSchema(name)


def model_of(name: str) -> type[BaseModel]:
    model = _source(name)
    assert isinstance(model, type) and issubclass(model, BaseModel)
    return model


def _source(name: str) -> Any:
    from importlib import import_module

    module, _, attribute = spec(name).model_path.partition(":")
    return getattr(import_module(module), attribute)


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the format `name`."""
    chosen = spec(name)
    source = _source(name)
    if not isinstance(source, type):
        written: dict[str, Any] = source()  # the schema the feed itself ships and names
        return {**written, "x-where": chosen.where}
    generated = model_of(name).model_json_schema()
    document: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:behaviordiff:schema:{chosen.name}",
        "title": chosen.title,
    }
    generated.pop("title", None)
    document["description"] = generated.pop("description", None) or f"{chosen.where}."
    document["x-where"] = chosen.where
    document.update(generated)
    return document


def dumps(name: str) -> str:
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"
