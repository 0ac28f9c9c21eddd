"""Drafting: behavior notes and macro/FAQ edits grounded in the analysis's evidence.

Facts are computed (impact, conflicts, conditions in words); words are drafted by the template
drafter or, when configured, an LLM whose drafts must pass the grounding check.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, build_facts, condition_words
    from behaviordiff.drafting.grounding import Grounding, GroundingReport
    from behaviordiff.drafting.impact import Impact, rank_items
    from behaviordiff.drafting.model import BehaviorNote, DraftingError, SuggestedEdit
    from behaviordiff.drafting.service import DraftOutcome, choose_drafter, draft_release
    from behaviordiff.drafting.template import TemplateDrafter

_WHERE = {
    "BehaviorNote": "model",
    "ChangeFacts": "facts",
    "DraftOutcome": "service",
    "DraftingError": "model",
    "Grounding": "grounding",
    "GroundingReport": "grounding",
    "Impact": "impact",
    "SuggestedEdit": "model",
    "TemplateDrafter": "template",
    "build_facts": "facts",
    "choose_drafter": "service",
    "condition_words": "facts",
    "draft_release": "service",
    "rank_items": "impact",
}
"""The module of each name the package offers: read on first use (PEP 562), so a command
that needs one small module (the grounding check, the model) does not compile the whole
template drafter's patterns, a second of CPU at every start."""


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"behaviordiff.drafting.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'behaviordiff.drafting' has no attribute {name!r}")


__all__ = [
    "BehaviorNote",
    "ChangeFacts",
    "DraftOutcome",
    "DraftingError",
    "Grounding",
    "GroundingReport",
    "Impact",
    "SuggestedEdit",
    "TemplateDrafter",
    "build_facts",
    "choose_drafter",
    "condition_words",
    "draft_release",
    "rank_items",
]
