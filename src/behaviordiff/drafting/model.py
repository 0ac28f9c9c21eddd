"""Drafts as plain data: behavior notes and suggested macro/FAQ edits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from behaviordiff.errors import BehaviordiffError

Severity = Literal["high", "medium", "low"]
Origin = Literal["template", "llm", "llm-fallback"]
"""Who wrote a draft: the template drafter, the LLM (grounded), or the template after the LLM's
draft failed the grounding check twice."""
DraftStatus = Literal["draft", "edited", "approved"]


class DraftingError(BehaviordiffError):
    title = "Cannot draft notes"


def stated_text(kind: str, content: Mapping[str, Any]) -> str:
    """Every sentence a note or an edit states, for the grounding check: the same text for
    a drafter's draft and for a writer's edit."""
    if kind == "note":
        fields = ("title", "before", "after", "when", "customer_impact")
        return "\n".join(
            [*(str(content.get(name) or "") for name in fields), *(content.get("cs_actions") or [])]
        )
    return f"{content.get('new_body') or ''}\n{content.get('rationale') or ''}"


@dataclass(frozen=True)
class EvidenceItem:
    probe_id: str
    old: str
    new: str


@dataclass
class BehaviorNote:
    change_id: str
    title: str
    before: str
    after: str
    when: str
    customer_impact: str
    cs_actions: list[str]
    effective_date: str | None
    evidence: list[EvidenceItem]
    severity: Severity
    origin: Origin = "template"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BehaviorNote:
        evidence = [EvidenceItem(**item) for item in data.get("evidence", [])]
        return cls(**{**data, "evidence": evidence})

    def text(self) -> str:
        """Every sentence the note states, for the grounding check."""
        return stated_text("note", asdict(self))


@dataclass
class SuggestedEdit:
    change_id: str
    item_key: str
    """`macro:<id>` or `article:<id>` in the knowledge base."""
    item_title: str
    item_source: str
    body_format: str
    old_body: str
    new_body: str | None
    """None when the drafter could only flag the item (see `conflicts`)."""
    rationale: str
    conflicts: list[str] = field(default_factory=list)
    """The sentences of the old body that the new behavior contradicts."""
    score: float = 0.0
    origin: Origin = "template"

    @property
    def key(self) -> str:
        return f"{self.change_id}:{self.item_key}"

    @property
    def rewritten(self) -> bool:
        return self.new_body is not None and self.new_body != self.old_body

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rewritten"] = self.rewritten
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SuggestedEdit:
        return cls(**{key: value for key, value in data.items() if key != "rewritten"})
