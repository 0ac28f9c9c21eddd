"""Drafting: behavior notes and macro/FAQ edits grounded in the analysis's evidence.

Facts are computed (impact, conflicts, conditions in words); words are drafted by the template
drafter or, when configured, an LLM whose drafts must pass the grounding check.
"""

from behaviordiff.drafting.facts import ChangeFacts, build_facts, condition_words
from behaviordiff.drafting.grounding import Grounding, GroundingReport
from behaviordiff.drafting.impact import Impact, rank_items
from behaviordiff.drafting.model import BehaviorNote, DraftingError, SuggestedEdit
from behaviordiff.drafting.service import DraftOutcome, choose_drafter, draft_release
from behaviordiff.drafting.template import TemplateDrafter

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
