"""Fixtures of the export tests: the example release drafted against a knowledge base in one
helpdesk's format, with every draft approved (the demo's "approve all")."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from behaviordiff.config import Project
from behaviordiff.drafting import draft_release
from behaviordiff.kb import KnowledgeBase
from behaviordiff.review import approve, load_review
from behaviordiff.store import Workspace
from tests.conftest import FIXTURES

SCHEMAS = FIXTURES / "export" / "schemas"
Release = tuple[Workspace, int, Project]


def schema(name: str) -> jsonschema.protocols.Validator:
    document = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(document)
    validator_class.check_schema(document)
    return validator_class(document)


def approve_all(workspace: Workspace, release_id: int) -> None:
    approve(workspace, release_id, load_review(workspace, release_id).items)


@pytest.fixture
def approved_with(
    example_release: Release, tmp_path: Path
) -> Callable[[Callable[[Path], KnowledgeBase]], tuple[Workspace, int, KnowledgeBase]]:
    """Draft the example release against a knowledge base built by `make`, approve all."""

    def build(make: Callable[[Path], KnowledgeBase]) -> tuple[Workspace, int, KnowledgeBase]:
        workspace, release_id, project = example_release
        folder = tmp_path / "kb"
        folder.mkdir(exist_ok=True)
        knowledge = make(folder)
        draft_release(workspace, release_id, project, drafter="template", knowledge=knowledge)
        approve_all(workspace, release_id)
        return workspace, release_id, knowledge

    return build


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
