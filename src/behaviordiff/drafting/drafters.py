"""Two drafters behind one interface: the template drafter (no LLM) and the LLM drafter, which
phrases with a model, checks every draft (JSON schema, grounding, placeholders, HTML, conflicts
an edit leaves in place) and falls back to the template draft after one retry. A model call
that fails after its retries is not a draft to fall back from: it stops the drafting pass."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from behaviordiff.detect.facts import Promise, extract_promises
from behaviordiff.detect.quantities import quantity_at, read_quantity
from behaviordiff.drafting.addedarg import added_arguments
from behaviordiff.drafting.addedcommitment import added_commitment_fact, still_same_for_every_value
from behaviordiff.drafting.addedexception import added_exception_fact
from behaviordiff.drafting.addedhandoff import added_handoff_fact, still_claims_every_case
from behaviordiff.drafting.addedoption import option_fact, still_ruled_out
from behaviordiff.drafting.agreement import ungrammatical_added
from behaviordiff.drafting.alsogranted import also_granted_fact, still_also_granted
from behaviordiff.drafting.appendedcase import appended_case_fact, still_appended_unsaid
from behaviordiff.drafting.bandcutoff import band_cutoff_fact, still_old_cutoff
from behaviordiff.drafting.bandgrant import band_grant_fact, still_band_granted
from behaviordiff.drafting.bandhandoff import band_handoff_fact, still_for_every_case
from behaviordiff.drafting.bands import band_rule, far_side, missing_band_rule
from behaviordiff.drafting.bandstep import band_step_fact, still_denied_for_band
from behaviordiff.drafting.bandswap import band_swap_fact, still_swapped_for_every_case
from behaviordiff.drafting.capped import still_paid_in_full
from behaviordiff.drafting.casechannel import case_channel_fact, still_case_channel
from behaviordiff.drafting.casecharge import case_charge_fact, still_case_denied
from behaviordiff.drafting.casesaid import case_said_fact
from behaviordiff.drafting.casestep import claims_done
from behaviordiff.drafting.categories import (
    about_category_alone,
    category_sentence_problem,
    kept_by_others,
)
from behaviordiff.drafting.categoryaction import category_action_fact, told_for_wrong_categories
from behaviordiff.drafting.categorydrop import category_drop_fact, category_drop_unsaid
from behaviordiff.drafting.categoryoption import category_option_fact, still_offered_to_category
from behaviordiff.drafting.categoryroute import category_route_fact, category_route_unsaid
from behaviordiff.drafting.categoryway import still_claims_every_kind, way_fact
from behaviordiff.drafting.channelneed import channel_need_fact, channel_need_unsaid
from behaviordiff.drafting.channels import stated_channels
from behaviordiff.drafting.checks import (
    comparable,
    contains_sentence,
    copied_from_transcripts,
    kb_text_problems,
    one_probe_values,
    plain_sentences,
    probe_id_problems,
    speaks_first_person,
    still_split_claimed,
)
from behaviordiff.drafting.closedband import closed_band_fact, still_closed_band
from behaviordiff.drafting.complement import complement_fact
from behaviordiff.drafting.countband import count_band_fact, still_band_claim
from behaviordiff.drafting.countedway import counted_fact, still_claims_every_size
from behaviordiff.drafting.countlimit import limit_fact, still_old_limit
from behaviordiff.drafting.datecutoff import cutoff_facts, kept_complement
from behaviordiff.drafting.datedoffer import dated_offer_fact, still_dated_claims
from behaviordiff.drafting.droppedonly import dropped_only_fact, still_dropped_only
from behaviordiff.drafting.droppedoption import dropped_option_fact, still_offered
from behaviordiff.drafting.equalvalue import equal_statements
from behaviordiff.drafting.everyband import every_band_fact, still_every_band
from behaviordiff.drafting.everycharge import every_charge_fact, still_every_denied, still_unpriced
from behaviordiff.drafting.everykind import still_every_same
from behaviordiff.drafting.everysplit import every_split_fact, still_every_split
from behaviordiff.drafting.extendedset import extended_set_fact, still_kept_to_old
from behaviordiff.drafting.facts import ChangeFacts, value_pattern
from behaviordiff.drafting.failedstep import failed_way_fact, failed_way_missing
from behaviordiff.drafting.flagaudience import flag_fact
from behaviordiff.drafting.flagcharge import flag_charge_fact, still_flag_denied
from behaviordiff.drafting.flippedanswer import flipped_answer_fact, head_unflipped
from behaviordiff.drafting.gatedwindow import gated_move_words, gated_window_problems
from behaviordiff.drafting.givenenough import given_enough_fact
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.groupcharge import group_charge_fact, still_group_denied
from behaviordiff.drafting.handedover import handed_over_fact, still_handed
from behaviordiff.drafting.handedtopic import handed_topic_fact
from behaviordiff.drafting.impact import (
    CASE_HANDOFF_REASON,
    HANDOFF_REASON,
    NEGATED_REASON,
    UNIVERSAL_CLAIM,
    Impact,
    category_drop_applies,
    dropped_asks,
    kept_rule_units,
    rank_items,
    said_of_other_subject,
)
from behaviordiff.drafting.insertedbound import inserted_bound_fact
from behaviordiff.drafting.joinedset import joined_fact, still_excluded
from behaviordiff.drafting.keptback import kept_back_fact, still_kept_back
from behaviordiff.drafting.keptside import kept_side_fact, still_kept_side
from behaviordiff.drafting.keptstep import kept_step, says_at_once
from behaviordiff.drafting.lifted import lifted_fact, still_refused
from behaviordiff.drafting.liftedcase import lifted_case_fact, still_excepted
from behaviordiff.drafting.limitgone import limit_gone_fact, still_limited
from behaviordiff.drafting.loweredcount import lowered_count_fact, still_old_count
from behaviordiff.drafting.minimum import minimum_fact, still_every_price
from behaviordiff.drafting.model import BehaviorNote, SuggestedEdit, stated_text
from behaviordiff.drafting.movedarg import moved_argument_fact, still_old_value
from behaviordiff.drafting.narrowed import still_claimed
from behaviordiff.drafting.narrowedrange import narrowed_range_fact, still_ranged
from behaviordiff.drafting.nearreview import (
    REASON,
    REVIEWED,
    ReviewReply,
    anchored,
    changed_rules,
    findings,
    near_unmarked,
    new_side_text,
    numbered,
    old_side_text,
    old_values,
    spliced,
    stale_values,
)
from behaviordiff.drafting.newcharge import dropped_other_free, still_denied
from behaviordiff.drafting.newdoer import new_doer_fact, still_ours
from behaviordiff.drafting.newlimit import new_limit_fact, still_unlimited
from behaviordiff.drafting.newtitle import title_problems
from behaviordiff.drafting.newway import denies_new_way, new_way_sentence, old_way
from behaviordiff.drafting.offerorder import offer_order_fact, still_offer_first
from behaviordiff.drafting.oftenlimit import often_limit_fact, still_however_often
from behaviordiff.drafting.oldside import (
    new_rule_unsaid,
    old_side_fact,
    old_side_view,
    only_old_side,
)
from behaviordiff.drafting.onevalue import one_value_fact, one_value_kept
from behaviordiff.drafting.ordinalsplit import ordinal_split_fact, still_ordinal_split
from behaviordiff.drafting.percentwords import worded_fact, worded_percents
from behaviordiff.drafting.permission import still_granted, withdrawn_permission
from behaviordiff.drafting.perwhole import per_whole_fact, still_per_each
from behaviordiff.drafting.plaintitle import tool_in_title
from behaviordiff.drafting.promptrule import PROMPT_RULE_REASON, prompt_rule_fact
from behaviordiff.drafting.prompts import render_prompt
from behaviordiff.drafting.proofstep import asked_unsaid, proof_step_fact, still_unproved
from behaviordiff.drafting.quoteclause import item_quote, quoted_conflict
from behaviordiff.drafting.raisedfirst import raised_first_fact, still_old_first
from behaviordiff.drafting.rangeperk import range_perk_fact, still_for_everyone
from behaviordiff.drafting.ratemove import rate_fact, ratio_problems
from behaviordiff.drafting.reanchored import reanchored_fact, still_old_anchor
from behaviordiff.drafting.refusedkind import refusal_fact, still_includes_refused
from behaviordiff.drafting.replaced import replaced_action, told_sentence
from behaviordiff.drafting.rerouted import old_route_dropped, rerouted_told, scoped_route_fact
from behaviordiff.drafting.routes import kept_route_changed, route_facts, route_unsaid
from behaviordiff.drafting.rules import (
    RuleMove,
    gloss_fact,
    kb_rule,
    negates_requirement,
    requirement,
    said_as_rate,
    scope_of,
    states_old_rule,
    told_clause,
    told_statement,
    where_stated,
    worked_example,
)
from behaviordiff.drafting.samewhatever import (
    same_whatever_fact,
    still_full_for_case,
    still_same_whatever,
)
from behaviordiff.drafting.schemacap import cap_fact, still_old_cap
from behaviordiff.drafting.scopedneed import scoped_need_fact, scoped_need_unsaid
from behaviordiff.drafting.selfserve import self_serve_fact, still_self_served
from behaviordiff.drafting.servedlist import served_fact, still_served
from behaviordiff.drafting.sharewords import with_share_words
from behaviordiff.drafting.splitcase import split_case_fact, split_case_marked
from behaviordiff.drafting.splitclaim import split_claim_fact
from behaviordiff.drafting.splittail import split_tail_fact, still_split_tail
from behaviordiff.drafting.staleexclusion import excluded_fact
from behaviordiff.drafting.stoppedservice import still_stopped, stopped_fact
from behaviordiff.drafting.subsets import changed_cases, names_case
from behaviordiff.drafting.swaptitle import swap_fact, swap_title_problems
from behaviordiff.drafting.template import TemplateDrafter, settings_actions
from behaviordiff.drafting.text import (
    html_problems,
    missing_placeholders,
    plain_text,
    terms,
    units,
)
from behaviordiff.drafting.tiervalue import still_old_for_label, tier_value_fact
from behaviordiff.drafting.timedrop import still_timed, time_fact
from behaviordiff.drafting.topichandoff import kept_handoff_heads, other_topics_changed
from behaviordiff.drafting.twofacets import two_facet_fact
from behaviordiff.drafting.vaguercase import still_vaguer, vaguer_case_fact
from behaviordiff.drafting.waivedcase import still_waived, waived_fact
from behaviordiff.drafting.waivedgroup import still_charged_to_all, waived_group_fact
from behaviordiff.drafting.waivedline import still_charged_everywhere, waived_line_fact
from behaviordiff.drafting.wholepromise import whole_promise_fact
from behaviordiff.drafting.widened import still_restricted
from behaviordiff.drafting.withdrawn import still_promised
from behaviordiff.drafting.withdrawnkind import still_claimed_for_kind, withdrawn_kind_fact
from behaviordiff.errors import BudgetExceeded
from behaviordiff.htmlsafety import unsafe_additions
from behaviordiff.kb.model import KnowledgeBase
from behaviordiff.llm.model import ChatModel, ChatRequest, ModelCallError

if TYPE_CHECKING:
    from behaviordiff.llm.cache import CachedModel


@dataclass
class ChangeDraft:
    note: BehaviorNote
    edits: list[SuggestedEdit]
    fallbacks: list[dict[str, str]] = field(default_factory=list)
    """What fell back to the template draft, and why."""


@dataclass
class DraftStats:
    llm_calls: int = 0
    """Model calls answered (sent or from the cache)."""
    cached_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    retries: int = 0

    def to_dict(self) -> dict[str, int]:
        return {
            "llm_calls": self.llm_calls,
            "cached_calls": self.cached_calls,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "retries": self.retries,
        }


class Drafter(Protocol):
    name: str
    stats: DraftStats

    async def draft(
        self,
        facts: ChangeFacts,
        impacts: Sequence[Impact],
        grounding: Grounding,
        effective: str | None,
    ) -> ChangeDraft: ...


class TemplateOnly:
    """The template drafter behind the drafter interface."""

    name = "template"

    def __init__(self) -> None:
        self.template = TemplateDrafter()
        self.stats = DraftStats()

    async def draft(
        self,
        facts: ChangeFacts,
        impacts: Sequence[Impact],
        grounding: Grounding,
        effective: str | None,
    ) -> ChangeDraft:
        note = self.template.note(facts, impacts, effective)
        edits = [self.template.edit(facts, impact) for impact in impacts if impact.affected]
        return ChangeDraft(note, edits)


class NoteReply(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: str = Field(min_length=3)
    before: str = Field(min_length=3)
    after: str = Field(min_length=3)
    when: str
    customer_impact: str = Field(min_length=3)
    cs_actions: list[str]


class EditReply(BaseModel):
    model_config = ConfigDict(extra="ignore")

    new_body: str = Field(min_length=1)
    rationale: str = Field(min_length=3)


# what no edit may still say, each with what the edit must do instead: checks that read the
# edited body, and checks that also read the conflicts and the old body (a conflict kept, or a
# sentence the edit wrote)
_BODY_CHECKS: tuple[tuple[Callable[[ChangeFacts, str, str], list[str]], str], ...] = (
    (still_promised, "still promises what the new prompt withdraws: delete that promise"),
    (
        still_denied,
        "still says there is no charge where the new prompt now charges: say the new rule and "
        "its line there",
    ),
    (
        still_case_denied,
        "still says there is no charge for the case the new prompt now charges: say the new "
        "rule there",
    ),
    (
        still_every_denied,
        "still says it is free where the new prompt now charges everyone: say the charge there",
    ),
    (
        still_flag_denied,
        "still says there is no charge in the case the new prompt now charges: say the charge "
        "as the new prompt tells the customer it there",
    ),
    (
        still_self_served,
        "still tells the customer to do themselves what the new agent now does for them: say "
        "that we do it when asked there",
    ),
    (
        still_handed,
        "still says we do for the customer what they now do themselves another way: say the "
        "new prompt's way there",
    ),
    (
        still_ranged,
        "still says the offer holds on a value the new prompt withdraws it on: say the new "
        "range there",
    ),
    (
        still_dated_claims,
        "still claims for every case an offer the new prompt withdraws from a date on: keep it "
        "for the earlier cases there",
    ),
    (
        still_group_denied,
        "still says it is free for everyone where the new prompt now charges some: say who pays "
        "and who keeps it free there",
    ),
    (
        still_unproved,
        "still says there is nothing to prove on the topic the new prompt now checks first: "
        "say what we ask for and check first there",
    ),
    (
        still_old_cutoff,
        "still says the old cut-off holds for a band the new prompt gives its own: say the "
        "band's cut-off there and keep the old one for the rest",
    ),
    (
        still_denied_for_band,
        "still says the old way holds for the whole range where the new prompt now requires a "
        "step for a band of it: keep it for the rest and say the band's step",
    ),
    (
        still_claimed,
        "still states for everyone an offer the new prompt keeps for some customers only: say "
        "who still gets it and what the others pay",
    ),
    (
        still_ours,
        "still makes in our voice the promise the new prompt gives someone else: say who now "
        "keeps it there",
    ),
    (
        still_stopped,
        "still offers a service the new prompt no longer gives: say once that it is no longer "
        "done and what the customer gets instead",
    ),
    (
        still_band_granted,
        "still grants to everyone what the new prompt keeps for a band of them: say the band "
        "after whom it is for, and no in the rows of the band left out",
    ),
    (
        still_served,
        "still says the service reaches a category the new prompt withdraws it from: take that "
        "category out of the claim and say once what it gets instead",
    ),
    (
        still_restricted,
        "still keeps for one category of customer what the new prompt gives everyone, or tells "
        "the others the old way: say it is for everyone and drop the old way",
    ),
    (
        still_refused,
        "still says we can't do what the new prompt now does for everyone, or lists it under "
        "what we can't do: say we do it now, and how, and take it out of that list",
    ),
    (
        still_excluded,
        "still excludes a category the new prompt now covers, or gives the old covered set as "
        "the whole of it: take the category out of the exclusion and add it to what is covered",
    ),
    (
        still_excepted,
        "still excludes a case the new prompt now grants, as a condition or a list item under "
        "what is excluded: take the case out of that list and keep the other conditions",
    ),
    (
        still_ruled_out,
        "still rules out for the topic the option the new prompt now offers beside the old one: "
        "say the customer can choose, with what the new option brings, and keep the other "
        "topics' words",
    ),
)
_STILL_OFFERED = (
    "still offers an option the new prompt no longer takes: take it out of the list, drop what "
    "is about it alone, and keep a sentence denying something by it"
)
_EDITED_BODY_CHECKS: tuple[
    tuple[Callable[[ChangeFacts, Sequence[str], str, str, str], list[str]], str], ...
] = (
    (
        ungrammatical_added,
        "is not a sentence: its subject and verb do not agree (a word is missing); say it "
        "whole or leave it out",
    ),
    (
        still_timed,
        "still states the time the new prompt no longer promises: take it out and say what "
        "customers are told instead",
    ),
    (
        told_for_wrong_categories,
        "gives its categories the other categories' told clause (the action is replaced for "
        "some categories only): say each told clause for its own categories",
    ),
    (
        still_vaguer,
        "still states for the one value the time the new prompt no longer gives it: say what "
        "those customers are told instead and keep the time for the others",
    ),
    (
        still_old_cap,
        "still gives the old cap (or the amount where the share reaches it) that the config "
        "moved for everyone: give the new cap there",
    ),
    (
        still_old_limit,
        "still gives the old count limit that the config moved for everyone: give the new "
        "count there",
    ),
    (
        still_old_count,
        "still gives the old count of the allowance the new prompt lowered: give the new "
        "count there, its noun and verb agreeing",
    ),
    (
        still_old_first,
        "still gives the old first-N count of the free allowance the new prompt raised: give "
        "the new count there, its noun and verb agreeing",
    ),
    (
        still_kept_to_old,
        "still keeps the requirement to the kinds the new prompt extends it beyond (or names "
        "only some of the added ones, or keeps a list sparing them): name every added kind "
        "beside the old ones, with no “only”",
    ),
    (
        still_closed_band,
        "still names the band between the line's old and new value with the rule the new "
        "prompt drops: take that clause or sentence out and say the new line",
    ),
    (
        still_limited,
        "still states the limit the new prompt withdraws for everyone: say the new prompt's "
        "sentence in its place",
    ),
    (
        still_charged_everywhere,
        "still gives the fee for every case where the new prompt waives it past a line: say it "
        "for the case it still holds in",
    ),
    (
        still_charged_to_all,
        "still gives the charge for everyone (or says there is no exemption) where the new "
        "prompt waives it for a group: keep the charge and say who no longer pays it beside it",
    ),
    (
        still_old_for_label,
        "still gives the one list item whose value the new prompt moved its old value: give "
        "it the new value there and keep the other items' values",
    ),
    (
        still_paid_in_full,
        "still says the amount is paid in full where the new prompt caps it: say the cap and "
        "what happens above it there",
    ),
    (
        still_every_price,
        "still says the service holds for every price where the new prompt puts a minimum on "
        "it: say the minimum there and keep what else it says of the service",
    ),
    (
        still_claims_every_kind,
        "still says the old way holds for every category: say it for the others and the new "
        "way for the one the new prompt handles otherwise",
    ),
    (
        still_for_everyone,
        "still says everyone gets the same, or that the perk is never given, where the new "
        "prompt gives it from a line on: drop that claim, keep what holds for the others and "
        "say who now gets what",
    ),
    (
        still_claims_every_size,
        "still says the old way holds whatever the size or kind of customer: give the case of "
        "the category over the count as its exception",
    ),
    (
        dropped_other_free,
        "drops what stays free beside the newly charged thing: keep it free and say the new "
        "rule and its line for the charged thing only",
    ),
    (
        still_every_same,
        "still says everyone gets the same where the new prompt makes the customers it names "
        "an exception: drop that clause and state the new rule for them after what is left",
    ),
    (
        still_every_split,
        "still gives the old value for every case where the new prompt splits it by category: "
        "say the new prompt's rule in its place",
    ),
    (
        still_unpriced,
        "states the charge now taken from everyone without what it is per: say the amount "
        "with its unit, as the new prompt does",
    ),
    (
        still_split_claimed,
        "says both values of the split and still claims one held for every case of what it "
        "tells apart: drop that claim",
    ),
    (
        still_every_band,
        "still says the count holds whatever the case, or states the new count without the "
        "line, where the new prompt splits it at a line: say the band's statement and the "
        "rest's in its place",
    ),
    (
        still_ordinal_split,
        "still gives the old value to every case where the new prompt says it by position: "
        "say who keeps it and from which position the new value holds",
    ),
    (
        still_dropped_only,
        "still says the old value as the only one where the new prompt adds a case to it: say "
        "the added case beside it and keep the old value for everyone else",
    ),
    (
        still_also_granted,
        "still requires the old value of everyone where the new prompt grants a case less: "
        "say the granted case beside the old requirement",
    ),
    (
        still_includes_refused,
        "still names the kind the new prompt refuses as included, or says the prompt's field "
        "values or its instructions to the agent: take the kind out (“…, except …”) and say "
        "in the KB's voice that we can't do it for them, why, and what instead",
    ),
    (
        still_same_whatever,
        "still says the old value holds whatever the case: say it for the rest and the new "
        "value for the cases the new prompt treats otherwise",
    ),
    (
        still_waived,
        "still says the fee is the same however the customer booked, where the new prompt "
        "waives it for some of them: say it is free for those customers in the item's words",
    ),
    (
        still_band_claim,
        "still states the old value for counts the new prompt now treats otherwise: say it for "
        "the rest and the new value for that band (split a table row in its own style)",
    ),
    (
        still_split_tail,
        "still gives the old value for every case where the new prompt keeps it only below a "
        "line: say the new prompt's two sides in its place",
    ),
    (
        still_appended_unsaid,
        "still states the old rule for everyone where the new prompt adds a case to it: say "
        "the added case right after the old amount and drop any claim that it holds whatever "
        "the case",
    ),
    (
        still_kept_side,
        "still says for every case a rule the new prompt keeps past a line only: say it as the "
        "new prompt keeps it, without any every-case clause, and the rule for the rest after it",
    ),
    (
        still_case_channel,
        "still gives the old time for every case, or for the case the new prompt gives a new "
        "channel: keep it for the others and say that case's new way and time after it",
    ),
    (
        still_however_often,
        "still says it is given however often, where the new prompt limits how often: say the "
        "limit in the item's words",
    ),
    (
        still_kept_back,
        "still claims the whole amount, now paid less the fee the new prompt names: say it "
        "less that fee in the item's words",
    ),
    (
        still_full_for_case,
        "still says the whole in the row of the case that now gets a share: state the share "
        "in that row's cell and keep the other rows",
    ),
    (
        still_for_every_case,
        "still says every case is handed over where the new prompt stops the hand-off for part "
        "of the range: keep it for the rest of the range and say the new handling for that part",
    ),
    (
        still_swapped_for_every_case,
        "still says the old way holds for every case where the new prompt swaps it for another "
        "past a line: keep it for the rest of the range, say the new way past the line, and "
        "drop what the new way makes untrue",
    ),
    (
        still_claims_every_case,
        "still says every case is handled the old way where the new prompt hands some over "
        "above a line: drop that claim and say the exception and the new handling for them",
    ),
    (
        still_same_for_every_value,
        "still says every value gets the same where the new prompt makes a new commitment for "
        "one: say the new promise for that value and the old handling for the others",
    ),
    (
        still_per_each,
        "still says the allowance is free for each one: say the new allowance, one per whole "
        "and the price of each further one, as the new prompt does",
    ),
    (
        still_old_anchor,
        "still counts the window from the old event: count the same length from the new "
        "event the new prompt names, in the item's own words, and keep everything else",
    ),
    (
        still_offer_first,
        "still says the old offer comes first whatever the case: say the exception, the offer "
        "that now comes first for the cases the new prompt names",
    ),
)

_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.S)

MAX_ANSWER_CHARS = 1_000_000
"""The longest drafting-model answer read: more than any model's output limit (some 400,000
characters at 100,000 tokens), so only a broken or hostile server sends one; it is refused
unread and not cached (`llm.cache.CachedModel`), where 50 MB answers filled the workspace."""


def parse_reply(text: str, schema: type[BaseModel]) -> tuple[Any, str | None]:
    """(the validated reply, None) or (None, what was wrong)."""
    if len(text) > MAX_ANSWER_CHARS:
        return None, (
            f"the answer was {len(text):,} characters, over the {MAX_ANSWER_CHARS:,} a note or "
            "an edit can take: answer with the JSON object only"
        )
    stripped = text.strip()
    fenced = _FENCE.match(stripped)
    if fenced:
        stripped = fenced.group(1)
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as exc:
        return None, f"the answer was not valid JSON ({exc.msg} at column {exc.colno})"
    except (ValueError, RecursionError) as exc:  # nested too deep, an integer too long
        return None, f"the answer was not usable JSON ({type(exc).__name__})"
    try:
        return schema.model_validate(data), None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'answer'}: {error['msg']}"
            for error in exc.errors()[:4]
        )
        return None, f"the JSON did not match the requested keys ({problems})"


def _moves(facts: ChangeFacts) -> dict[Promise, list[Promise]]:
    """Each value the change moved, with what it moved to (30 days → 45 days): a removed and
    an added promise of one kind and topic, or the prompt rule behind moved numbers."""
    moves: dict[Promise, list[Promise]] = {}
    if facts.moved_rule is not None:
        gone, came = facts.moved_rule
        moves[gone] = [came]
    for gone in facts.removed_promises:
        for came in facts.added_promises:
            same_topic = not gone.topic or not came.topic or gone.topic == came.topic
            if came.kind == gone.kind and same_topic and came not in moves.get(gone, []):
                moves.setdefault(gone, []).append(came)
    return moves


def _states(sentence: str, promise: Promise) -> bool:
    """The sentence states the promise's value (for its topic, when both name one), a
    percentage in words too ("fifteen per cent")."""
    return any(
        found.key == promise.key and found.topic in ("", promise.topic or found.topic)
        for found in extract_promises(sentence) | worded_percents(sentence)
    )


def kept_conflicts(
    facts: ChangeFacts, impact: Impact, new_body: str, template_body: str | None = None
) -> list[str]:
    """What an edit leaves contradicting the new behavior: a conflicting sentence kept word
    for word, or a sentence still stating a value the change moved, without the new value.
    What the template's own edit keeps is allowed (a restricted change keeps the old value
    for everyone else)."""
    body_format = impact.item.body_format
    flat = " ".join(plain_sentences(new_body, body_format))
    template_sentences = (
        set(plain_sentences(template_body, body_format)) if template_body else set()
    )
    template_flat = " ".join(template_sentences)
    problems: list[str] = []
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    for conflict in impact.conflicts:
        if contains_sentence(flat, conflict.sentence) and not contains_sentence(
            template_flat, conflict.sentence
        ):
            reason = f" ({conflict.reasons[0]})" if conflict.reasons else ""
            problems.append(
                f"the new body still says “{conflict.sentence}”, which contradicts the new "
                f"behavior{reason}: rewrite that sentence"
            )
    moves = _moves(facts)
    unchanged = {unit.text for unit in impact.units} - conflicting
    for sentence in plain_sentences(new_body, body_format) if moves else []:
        if sentence in template_sentences or sentence in unchanged or sentence in conflicting:
            continue
        for gone, targets in moves.items():
            if _states(sentence, gone) and not any(_states(sentence, came) for came in targets):
                problems.append(
                    f"the new body still states {gone.value} in “{sentence}”, where the change "
                    f"moved it to {targets[0].value}"
                )
    allowed = template_sentences | unchanged | conflicting
    for sentence in plain_sentences(new_body, body_format) if facts.moves else []:
        for move in facts.moves if sentence not in allowed else []:
            said = _old_said_otherwise(move, sentence)
            if said:
                problems.append(
                    f"the new body still states {move.old} (as “{said}”) in “{sentence}”, "
                    f"where the change moved it to {move.new}"
                )
    problems += _old_share_sentences(facts, plain_sentences(new_body, body_format), allowed)
    return list(dict.fromkeys(problems))


def _old_said_otherwise(move: RuleMove, sentence: str) -> str:
    """The words of `sentence` stating a value move's old value in a form `_states` does not
    read: a decimal's equal value ("over 2 metres" for "2.0 metres", `equalvalue`) or the
    amount in another unit ("within two days" for "48 hours", `remeasured`, never a rate: "two
    days a week"); empty when it states the new value too, or the move leaves the old value
    to other categories."""
    if move.kind != "value" or move.categories or where_stated(move.new, sentence):
        return ""
    if equal_statements(move.new, move.new_sentence, sentence):
        return ""
    found = equal_statements(move.old, move.old_sentence, sentence)
    old = read_quantity(move.old)
    if not found and old is not None and not said_as_rate(move.old, sentence):
        found = [
            each
            for each in where_stated(move.old, sentence)
            if (like := quantity_at(each)) is not None and like.unit != old.unit
        ]
    return found[0].group(0) if found else ""


def _old_share_sentences(
    facts: ChangeFacts, sentences: Sequence[str], allowed: set[str]
) -> list[str]:
    """The `sentences` of an edit, other than `allowed` (the template's, the item's unchanged
    ones, the conflicts the first check names), that still state a share the change made a
    fixed amount (`RuleMove.share`), in other words than the conflict's, or that work an
    example out from a moved percentage's old value: the template states the amount and
    drops the example, and so must a model."""
    moves = [move for move in facts.moves if move.kind == "value"]
    problems = []
    for sentence in sentences if moves else []:
        if sentence in allowed:
            continue
        for move in moves:
            if move.share and states_old_rule(move, sentence):
                problems.append(
                    f"the new body still states {move.old_share()} in “{sentence}”, "
                    f"where the change made it {move.new} whatever {move.share}"
                )
            worked = worked_example(move, sentence)
            if worked:
                problems.append(
                    f"“{sentence}” works an example out from the old {move.old} ({worked}), "
                    "which is no longer true: drop it, never compute a new one"
                )
    return problems


def _band_words(facts: ChangeFacts, move: RuleMove) -> str:
    """What a move's line says of the band it leaves, when the new prompt gives the band a
    rule of its own (`bands.band_rule`): the model is told what the template edit does."""
    band = band_rule(facts.rules, move)
    if band is None:
        return ""
    if band.action:
        return (
            f"; between {move.old} and {move.new} it now says “{band.sentence}” and gives "
            f"{band.amount} instead of the moved sentence's action: text about the far side of "
            f"{move.old} stays as it is, and where the item states the moved line, say that the "
            f"band gets {band.amount} instead, in the item's own format (a table gets a row)"
        )
    return (
        f"; between {move.old} and {move.new} it now says “{band.sentence}”: text about the "
        f"far side of {move.old} stays as it is, and where the item lays out the sides of the "
        f"line, add {band.amount} for the band in the item's own format (a table gets a row)"
    )


def others_changed(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """The item's units stating what a category's move leaves to the other categories
    (`categories.kept_by_others`: their rows of a table, a worked example of the old value)
    that a model's edit does not keep word for word; the template edit keeps them."""
    flat = " ".join(plain_sentences(new_body, impact.item.body_format))
    kept = kept_by_others(facts.moves, [unit.raw for unit in impact.units])
    return [
        f"the new body changes “{impact.units[index].text}”, which states what the other "
        "categories keep (the change moved the value for one category only): keep it as it is"
        for index in sorted(kept)
        if not contains_sentence(flat, impact.units[index].text)
    ]


def untouched_changed(
    impact: Impact, template_body: str | None, new_body: str, old_side: Sequence[str] = ()
) -> list[str]:
    """The item's sentences (headings, list items, sign-offs) that neither state the old rule
    (the impact's conflicts) nor were changed by the template's edit, and that a model's edit
    does not keep byte for byte: an edit changes the sentences that state the old rule and
    leaves every other byte alone, whatever the model thought read better. A sentence tied to
    the change's `old_side` (`nearreview.anchored`: the model may have read the old rule in it
    where no finder did, "If you'd rather not take the refund, we can move you to another
    departure" beside a marked "We'd like to start by refunding you") may change."""
    item = impact.item
    if item.body_format == "html":  # its sentences are read through the markup elsewhere
        return []
    conflicts = [" ".join(conflict.sentence.split()) for conflict in impact.conflicts]
    kept_by_template = item.body if template_body is None else template_body
    changed = []
    for unit in units(item.body):
        text = unit.text
        if not text or any(text in c or c in text for c in conflicts):
            continue
        if unit.raw not in kept_by_template or unit.raw in new_body:
            continue
        if old_side and anchored(text, old_side):
            continue
        changed.append(text)
    return [
        f"the new body changes “{text}”, which states nothing the change moved: keep it byte "
        "for byte as the original has it (line breaks included)"
        for text in changed[:3]
    ]


def other_topic_handoffs(
    facts: ChangeFacts, impact: Impact, template_body: str | None, new_body: str
) -> list[str]:
    """Hand-offs of other topics to the same team (`topichandoff.other_topics_changed`) that
    the template edit keeps and a model's edit changes."""
    body_format = impact.item.body_format
    heads = [
        found.head
        for rule in facts.rules
        if rule.kind.startswith("sentence") and rule.new and (found := kb_rule(rule.new))
    ]
    handed = [
        c.sentence for c in impact.conflicts if any(r.startswith(HANDOFF_REASON) for r in c.reasons)
    ]
    kept = kept_handoff_heads(
        facts.prompt_sections,
        [action.name for action in facts.before_actions],
        [rule.new for rule in facts.rules if rule.new],
    )
    return other_topics_changed(
        heads,
        kept,
        handed,
        plain_sentences(impact.item.body, body_format),
        plain_sentences(template_body, body_format) if template_body else None,
        plain_sentences(new_body, body_format),
    )


def category_claims(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """The sentences a model's edit writes for a category's move that keep a claim for every
    kind beside the category's exception, or the old value in an item about the category
    alone (`categories.category_sentence_problem`); the template edit writes neither."""
    item = impact.item
    old_units = set(plain_sentences(item.body, item.body_format))
    nouns = facts.category_kinds()
    texts = [unit.text for unit in impact.units]
    problems: list[str] = []
    for move in facts.moves:
        if not move.category:
            continue
        alone = about_category_alone(move, item.title, texts, facts.kept_for_others, nouns)
        for unit in plain_sentences(new_body, item.body_format):
            if unit in old_units:
                continue
            problem = category_sentence_problem(move, unit, nouns, alone=alone)
            if problem is not None:
                problems.append(problem)
    return problems


def _template_flat(impact: Impact, template_body: str | None) -> str | None:
    """The template edit's sentences as one text, None when it only flagged the item."""
    if not template_body:
        return None
    return " ".join(plain_sentences(template_body, impact.item.body_format))


def far_side_changed(
    facts: ChangeFacts, impact: Impact, new_body: str, template_body: str | None = None
) -> list[str]:
    """The item's sentences about the far side of a moved line the new prompt still draws
    (`bands.far_side`: what did not change) that a model's edit does not keep word for word;
    the template edit keeps them, as they are no conflict (one its edit of `template_body`
    does not keep either is its decision, which a model may make too)."""
    flat = " ".join(plain_sentences(new_body, impact.item.body_format))
    drafted = _template_flat(impact, template_body)
    problems = []
    for unit in impact.units:
        if drafted is not None and not contains_sentence(drafted, unit.text):
            continue
        move = next((m for m in facts.moves if far_side(facts.rules, m, unit.text)), None)
        if move is not None and not contains_sentence(flat, unit.text):
            problems.append(
                f"the new body changes “{unit.text}”, which states {move.old} as the line of "
                "what did not change (the new prompt still draws it): keep it as it is"
            )
    return problems


def other_subject_changed(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """The item's sentences stating a moved value's old value about another subject
    (`impact.said_of_other_subject`: "we'll email you within 5 working days" about lost
    property, when the refunds' time frame moved) that a model's edit does not keep word for
    word; the template edit keeps them, as they are no conflict."""
    flat = " ".join(plain_sentences(new_body, impact.item.body_format))
    conflicting = {conflict.unit_index for conflict in impact.conflicts}
    return [
        f"the new body changes “{unit.text}”, which says the same value of another subject "
        "than the change's: keep it as it is"
        for index, unit in enumerate(impact.units)
        if index not in conflicting
        and said_of_other_subject(facts, unit.text)
        and not contains_sentence(flat, unit.text)
    ]


def kept_rule_changed(facts: ChangeFacts, impact: Impact, new_body: str) -> list[str]:
    """The item's sentences saying a rule the new prompt still states unchanged
    (`impact.kept_rule_units`: "Deposits are refundable within 14 days of booking." when a
    hand-off moved from 14 days to 7) that a model's edit does not keep word for word; the
    template edit keeps them, as they are no conflict."""
    flat = " ".join(plain_sentences(new_body, impact.item.body_format))
    conflicting = {conflict.unit_index for conflict in impact.conflicts}
    return [
        f"the new body changes “{impact.units[index].text}”, which says a rule the new prompt "
        "still states as it was: keep it as it is"
        for index in sorted(kept_rule_units(facts, impact))
        if index not in conflicting and not contains_sentence(flat, impact.units[index].text)
    ]


def draft_changes(old: Sequence[str], new: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    """The runs of `old` sentences a draft `new` does not keep, each with what the draft says
    in their place (empty when it deletes them), and the sentences it adds between two it
    keeps: the template's rewrite of each conflicting sentence, as the model is shown it.
    The sentences both keep, in order, are the anchors; what lies between two is a change."""
    where = {sentence: index for index, sentence in reversed(list(enumerate(new)))}
    anchors: list[tuple[int, int]] = []
    for index, sentence in enumerate(old):
        at = where.get(sentence)
        if at is not None and (not anchors or at > anchors[-1][1]):
            anchors.append((index, at))
    old_set = set(old)
    changes = []
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (old_from, new_from), (old_to, new_to) in pairwise(bounds):
        gone = list(old[old_from + 1 : old_to])
        came = [sentence for sentence in new[new_from + 1 : new_to] if sentence not in old_set]
        if gone or came:
            changes.append((gone, came))
    return changes


def _value_moves(facts: ChangeFacts) -> list[tuple[str, str]]:
    """(old, new) of each value the change moved: its prompt rules' and its promises'."""
    pairs = [(move.old, move.new) for move in facts.moves]
    pairs += [
        (gone.value, came.value) for gone, targets in _moves(facts).items() for came in targets
    ]
    return list(dict.fromkeys(pairs))


def _share_words(facts: ChangeFacts) -> list[str]:
    """How a moved percentage's words move with it ("a quarter of" → "half of", for 25% →
    50%), as the template rewrites them (`sharewords.with_share_words`)."""
    said = []
    for old, new in _value_moves(facts):
        for words in ("a quarter of", "half of", "three quarters of"):
            moved = with_share_words(words, old, new)
            if moved != words:
                said.append(
                    f"the share {old} written in words (“{words}”) is now “{moved}” ({new}): "
                    "change such words with the percentage"
                )
        worded = worded_fact(old, new)
        if worded is not None:
            said.append(worded)
    return said


def old_way_kept(
    facts: ChangeFacts, impact: Impact, template_body: str | None, new_body: str
) -> list[str]:
    """The sentences a model's edit writes (not the item's, not the template's) that still
    say what the template rewrites: the action done at once where the new prompt puts a step
    first (`keptstep.says_at_once`), the promise kept the old way where it has a new one
    (`newway.old_way`), or a moved percentage with the old one's share words ("a quarter of
    your fee (50%)", `sharewords.with_share_words`); and any sentence still stating the old
    share's complement ("the remaining 80%") that the template moves (`datecutoff`)."""
    item = impact.item
    body_format = item.body_format
    allowed = set(plain_sentences(item.body, body_format))
    if template_body:
        allowed |= set(plain_sentences(template_body, body_format))
    written = [s for s in plain_sentences(new_body, body_format) if s not in allowed]
    # the item's own sentence the template moved with the share, left as it was, counts too
    templated = set(plain_sentences(template_body, body_format)) if template_body else set()
    for sentence in plain_sentences(new_body, body_format):
        if sentence in templated:
            continue
        complement = kept_complement(sentence, _value_moves(facts))
        if complement is not None:
            problems_first = [complement]
            break
    else:
        problems_first = []
    step = kept_step(facts) if written else None
    new_way = new_way_sentence(facts) if written else None
    context = f"{item.title}\n{plain_text(item.body, body_format)}"
    problems = problems_first
    for sentence in written:
        if step is not None and says_at_once(step, sentence, context):
            problems.append(
                f"“{sentence}” still says `{step.action}` is done at once; the new prompt "
                f"first has the agent {step.step}: say that step comes first"
            )
        if new_way is not None and old_way(facts, sentence):
            problems.append(
                f"“{sentence}” still states the old way of keeping the promise; the new way "
                f"is “{new_way}”"
            )
        for old, new in _value_moves(facts):
            stated = re.search(rf"(?<![\w.]){re.escape(new)}(?!\w)", sentence)
            if stated and with_share_words(sentence, old, new) != sentence:
                problems.append(
                    f"“{sentence}” states {new} with the words of the old share ({old}): "
                    "change those words with the percentage"
                )
    return problems


def draft_facts(facts: ChangeFacts) -> list[str]:
    """The facts the template drafter writes KB text from beyond the prompt diff and the moved
    rules: a step the new prompt puts before an action both take (`keptstep.kept_step`), the
    new way a promise is kept in the KB's voice (`newway.new_way_sentence`), a permission
    withdrawn for some categories (`permission.withdrawn_permission`), and share words that
    move with a percentage (`sharewords.with_share_words`)."""
    said = []
    handed = new_doer_fact(facts)
    if handed is not None:
        said.append(handed)
    step = kept_step(facts)
    if step is not None:
        said.append(
            f"before `{step.action}`, the new agent first has to {step.step} (the new prompt "
            f"says “{step.rule}”): text saying it is done at once says the step comes first"
        )
    new_way = new_way_sentence(facts)
    if new_way is not None:
        said.append(f"the promise is now kept a new way; in the KB's voice: “{new_way}”")
    category = way_fact(facts)
    if category is not None:
        said.append(category)
    counted = counted_fact(facts)
    if counted is not None:
        said.append(counted)
    perk = range_perk_fact(facts)
    if perk is not None:
        said.append(perk)
    permission = withdrawn_permission(facts)
    if permission is not None:
        said.append(
            f"“{permission.words()}” no longer holds for {permission.named()}: text granting "
            f"it everywhere says where it holds now and where not (“… {permission.clause()}”), "
            "and a yes for those in a table column about it becomes no"
        )
    served = served_fact(facts)
    if served is not None:
        said.append(served)
    stopped = stopped_fact(facts)
    if stopped is not None:
        said.append(stopped)
    band_granted = band_grant_fact(facts)
    if band_granted is not None:
        said.append(band_granted)
    gone = dropped_option_fact(facts)
    if gone is not None:
        said.append(gone)
    withheld = category_option_fact(facts)
    if withheld is not None:
        said.append(withheld)
    capped = new_limit_fact(facts)
    if capped is not None:
        said.append(capped)
    excluded = excluded_fact(facts)
    if excluded is not None:
        said.append(excluded)
    kinded = withdrawn_kind_fact(facts)
    if kinded is not None:
        said.append(kinded)
    argued = moved_argument_fact(facts)
    if argued is not None:
        said.append(argued)
    timed = time_fact(facts)
    if timed is not None:
        said.append(timed)
    vaguer = vaguer_case_fact(facts)
    if vaguer is not None:
        said.append(vaguer)
    schema = cap_fact(facts)
    if schema is not None:
        said.append(schema)
    counted = limit_fact(facts)
    if counted is not None:
        said.append(counted)
    lowered = lowered_count_fact(facts)
    if lowered is not None:
        said.append(lowered)
    raised = raised_first_fact(facts)
    if raised is not None:
        said.append(raised)
    waived_past = waived_line_fact(facts)
    if waived_past is not None:
        said.append(waived_past)
    waived_for = waived_group_fact(facts)
    if waived_for is not None:
        said.append(waived_for)
    tiered = tier_value_fact(facts)
    if tiered is not None:
        said.append(tiered)
    rate = rate_fact(facts.moved, facts.rules)
    if rate is not None:
        said.append(rate)
    refusal = refusal_fact(facts)
    if refusal is not None:
        said.append(refusal)
    lifted = lifted_fact(facts)
    if lifted is not None:
        said.append(lifted)
    offered = option_fact(facts)
    if offered is not None:
        said.append(offered)
    joined = joined_fact(facts)
    if joined is not None:
        said.append(joined)
    extended = extended_set_fact(facts)
    if extended is not None:
        said.append(extended)
    closed = closed_band_fact(facts)
    if closed is not None:
        said.append(closed)
    withdrawn_limit = limit_gone_fact(facts)
    if withdrawn_limit is not None:
        said.append(withdrawn_limit)
    excepted = lifted_case_fact(facts)
    if excepted is not None:
        said.append(excepted)
    case_charged = case_charge_fact(facts)
    if case_charged is not None:
        said.append(case_charged)
    every_charged = every_charge_fact(facts)
    if every_charged is not None:
        said.append(every_charged)
    flag_charged = flag_charge_fact(facts)
    if flag_charged is not None:
        said.append(flag_charged)
    self_served_now = self_serve_fact(facts)
    if self_served_now is not None:
        said.append(self_served_now)
    handed_now = handed_over_fact(facts)
    if handed_now is not None:
        said.append(handed_now)
    group_charged = group_charge_fact(facts)
    if group_charged is not None:
        said.append(group_charged)
    ranged = narrowed_range_fact(facts)
    if ranged is not None:
        said.append(ranged)
    dated = dated_offer_fact(facts)
    if dated is not None:
        said.append(dated)
    proved = proof_step_fact(facts)
    if proved is not None:
        said.append(proved)
    said += cutoff_facts(facts, _value_moves(facts))
    return said + _share_words(facts) + _more_draft_facts(facts)


def _old_side_facts(facts: ChangeFacts, impact: Impact) -> list[str]:
    """The old rule and the new one in the KB's voice (`oldside.old_side_fact`), for an item
    only the last resort found or whose every marked sentence restates the old side
    (`oldside.old_side_view`): the model is told what the template rewrites from; the case a
    rule once said for every case now splits off (`splitcase.split_case_fact`); and the new
    prompt's rule for the sentences aligned with the old one (`promptrule.prompt_rule_fact`)."""
    split = split_case_fact(facts) if split_case_marked(impact) else None
    # the new prompt's rule in the KB's voice, for the sentences aligned with the old one
    # (`promptrule.prompt_rule_fact`): what the template's last resort writes from
    aligned = prompt_rule_fact(facts, impact)
    if not only_old_side(impact) and old_side_view(facts, impact) is None:
        return [s for s in (split, aligned) if s is not None]
    said = old_side_fact(facts)
    return [s for s in (said, split, aligned) if s is not None]


def _per_case_facts(facts: ChangeFacts) -> list[str]:
    """A value moved for one case of the change's condition (`checks.other_case_problems`):
    the other cases keep the old one, which the template keeps and the checks hold a model's
    edit to, said in the words the checks use."""
    moves = [
        m
        for m in facts.moves
        if m.kind == "value" and not (m.subject or m.others or m.share or m.category)
    ]
    # a rule the new prompt keeps for the category only reaches no other case (`only_for`)
    prompt = facts.new_prompt_sentences
    if any(
        scope_of(m, "", facts.conditions) and not scope_of(m, "", facts.conditions, prompt)
        for m in moves
    ):
        return []
    if not facts.restricted or not changed_cases(facts) or not moves:
        return []
    who = facts.who() or facts.when()
    # the promises' values ("2 working days") say it better than the rule's numbers ("2")
    pairs = [
        (gone.value, came.value) for gone, targets in _moves(facts).items() for came in targets
    ]
    return [
        f"{old} → {new} only for {who}: every other case keeps {old}; a list item about "
        f"another case stays as it is, and a sentence naming this case beside others says it "
        f"once per case, the others with {old}"
        for old, new in pairs or [(move.old, move.new) for move in moves]
    ]


def _more_draft_facts(facts: ChangeFacts) -> list[str]:
    """The rest of what the template's edits rest on: what the new prompt tells the customer
    after a re-routed hand-off (`rerouted.rerouted_told`), or for the part of a range it is
    re-routed for (`rerouted.scoped_route_fact`), a requirement the new prompt adds
    (`rules.requirement`), and the arguments a change only adds to a call the agent still
    makes (`addedarg.added_arguments`)."""
    said = []
    swapped = swap_fact(facts)
    if swapped is not None:
        said.append(
            f"{swapped}: title the change by what the customer now gets against what they "
            "got, in these words, never the tool or its argument"
        )
    told = rerouted_told(facts)
    if told is not None:
        said.append(
            f"the hand-off now goes elsewhere, and the new prompt tells the customer: “{told}”: "
            "a sentence stating the old route says that in its place"
        )
    scoped = scoped_route_fact(facts)
    if scoped is not None:
        said.append(scoped)
    banded = band_handoff_fact(facts)
    if banded is not None:
        said.append(banded)
    swapped = band_swap_fact(facts)
    if swapped is not None:
        said.append(swapped)
    stepped = band_step_fact(facts)
    if stepped is not None:
        said.append(stepped)
    whole_topic = handed_topic_fact(facts)
    if whole_topic is not None:
        said.append(whole_topic)
    cut = band_cutoff_fact(facts)
    if cut is not None:
        said.append(cut)
    handed = added_handoff_fact(facts)
    if handed is not None:
        said.append(handed)
    committed = added_commitment_fact(facts)
    if committed is not None:
        said.append(committed)
    by_category = category_route_fact(facts)
    if by_category is not None:
        said.append(by_category)
    by_action = category_action_fact(facts)
    if by_action is not None:
        said.append(by_action)
    on_channel = channel_need_fact(facts.rules, facts.conditions)
    if on_channel is not None:
        said.append(on_channel)
    one_category = category_drop_fact(facts.rules, facts.conditions)
    if one_category is not None and category_drop_applies(facts):
        said.append(one_category)
    bounded = inserted_bound_fact(facts)
    if bounded is not None:
        said.append(bounded)
    needed = requirement(facts.rules)
    scoped_need = scoped_need_fact(facts.rules, facts.next_steps, facts.prompt_sections)
    if scoped_need is not None:
        # a requirement for part of a range: "says that it is" would say it for all of it
        said.append(scoped_need)
    elif needed is not None:
        said.append(
            f"the new prompt now requires {needed.what} (it says “{needed.rule.new}”): text "
            "saying it is not needed says that it is"
        )
    said += _per_case_facts(facts)
    if (case_said := case_said_fact(facts)) is not None:
        said.append(case_said)
    whatever = same_whatever_fact(facts)
    if whatever is not None:
        said.append(whatever)
    waived = waived_fact(facts)
    if waived is not None:
        said.append(waived)
    if (banded := count_band_fact(facts)) is not None:
        said.append(banded)
    if (split := split_tail_fact(facts)) is not None:
        said.append(split)
    if (appended := appended_case_fact(facts)) is not None:
        said.append(appended)
    said += [
        fact
        for fact in (added_exception_fact(facts), given_enough_fact(facts), failed_way_fact(facts))
        if fact is not None
    ]
    if (kept := kept_side_fact(facts)) is not None:
        said.append(kept)
    kept_back = kept_back_fact(facts)
    if kept_back is not None:
        said.append(kept_back)
    often = often_limit_fact(facts)
    if often is not None:
        said.append(often)
    if (by_case := every_split_fact(facts)) is not None:
        said.append(by_case)
    said += [
        split_claim_fact(move.old, move.new, move.scope, move.others)
        for move in facts.moves
        if move.kind == "value" and move.scope and move.others
    ]
    if (by_place := ordinal_split_fact(facts)) is not None:
        said.append(by_place)
    if (by_line := every_band_fact(facts)) is not None:
        said.append(by_line)
    if (widened := dropped_only_fact(facts)) is not None:
        said.append(widened)
    if (granted := also_granted_fact(facts)) is not None:
        said.append(granted)
    if (channel := case_channel_fact(facts)) is not None:
        said.append(channel)
    floored = minimum_fact(facts)
    if floored is not None:
        said.append(floored)
    allowance = per_whole_fact(facts)
    if allowance is not None:
        said.append(allowance)
    anchor = reanchored_fact(facts)
    if anchor is not None:
        said.append(anchor)
    first = offer_order_fact(facts)
    if first is not None:
        said.append(first)
    flagged = flag_fact(facts)
    if flagged is not None:
        said.append(flagged)
    said += route_facts(facts)
    added = added_arguments(facts)
    if added:
        tools = ", ".join(dict.fromkeys(f"`{action.name}`" for action in facts.after_actions))
        said.append(
            f"the change only adds {' and '.join(added)} to {tools}, a call the agent still "
            "makes: nothing is taken away, so text holding for any or every case stays as it is"
        )
    return said


_QUOTED = re.compile(r'“[^”]*”|"[^"\n]*"')


def _unquoted(text: str) -> str:
    """`text` without what it quotes (“…”, "…"): a note may quote a reply, in quotes."""
    return _QUOTED.sub(" ", text)


def note_text_problems(facts: ChangeFacts, text: str, template_text: str) -> list[str]:
    """What a model's note must not do that the template's note (`template_text`) does not:
    speak in the first person outside a quote, copy a reply sentence from the conversations
    outside a quote, or carry one probe's values (a name, an order number, an amount)."""
    problems: list[str] = []
    template_sentences = set(plain_sentences(template_text, "text"))
    sentences = [s for s in plain_sentences(text, "text") if s not in template_sentences]
    never_i = not speaks_first_person(_unquoted(template_text))
    for sentence in sentences:
        bare = _unquoted(sentence)
        if never_i and speaks_first_person(bare):
            problems.append(
                f"“{sentence}” speaks in the first person: a note says what the agent does"
            )
        elif len(bare.strip()) >= 25 and (said := copied_from_transcripts(facts, bare.strip())):
            problems.append(
                f"“{sentence}” is copied from {said} of the {len(facts.excerpts)} "
                "conversations: say what the agent does in your own words, or quote it"
            )
    # a quoted reply is the evidence, its values with it (the template's note quotes replies)
    specific = one_probe_values(facts, [_unquoted(s) for s in sentences], allowed=template_text)
    if specific:
        problems.append(
            "the note carries one conversation's values (" + ", ".join(specific) + "): "
            "say what the agent does in general"
        )
    # a customer's own amount (a price read from a tool), quoted or not: the template's note
    # neither states nor quotes one
    own = [
        value
        for value in facts.own_amounts
        if any(value_pattern(value).search(sentence) for sentence in sentences)
    ]
    if own:
        problems.append(
            "the note states each customer's own amount (" + ", ".join(own) + ", read from "
            "a tool and different for each customer): it is no fact of the change"
        )
    return problems


_SIGNED = re.compile(r"([$€£])\s?\d")


def currency_problems(facts: ChangeFacts, text: str) -> list[str]:
    """Amounts a note writes (outside quotes) in another currency than the one the change's
    moved amounts are in (`MovedValue.currency`: the argument's, else the prompt's and the
    replies'): "$15.00" of a fee the prompt charges in pounds."""
    signs = {moved.currency for moved in facts.moved if moved.money}
    if len(signs) != 1:
        return []
    [sign] = signs
    wrong = sorted({m.group(1) for m in _SIGNED.finditer(_unquoted(text))} - {sign})
    if not wrong:
        return []
    return [
        f"the note writes amounts in {', '.join(wrong)}; the change's amounts are in {sign}, "
        "as its prompt and replies write them"
    ]


_REPLACED = re.compile(
    r"\b(?:instead of|in place of|no longer|replac\w*|swapp?\w*|stopp?\w*|"
    r"(?:doesn't|does not|don't|do not|won't|will not)\b[^.;]*\bany ?more)\b",
    re.I,
)


def call_replaced(facts: ChangeFacts, text: str, template_text: str) -> list[str]:
    """A change that only adds arguments to calls the agent still makes (`addedarg`): the
    sentences of a model's note (not the template's) that name such a call and say it was
    replaced or is no longer made ("now calls X instead of X"): the same call is made, with
    more to it, as the template's note says."""
    added = added_arguments(facts)
    if not added:
        return []
    names = {action.name for action in facts.after_actions}
    called = re.compile(
        "|".join(
            rf"(?<!\w){re.escape(spelled)}(?!\w)"
            for name in names
            for spelled in (name, name.replace("_", " ").replace("-", " "))
        ),
        re.I,
    )
    template_sentences = set(plain_sentences(template_text, "text"))
    return [
        f"“{sentence}” says the agent replaced or stopped a call it still makes: the change only "
        f"adds {' and '.join(added)} to it; say it makes the same call, now with "
        f"{' and '.join(added)}"
        for sentence in plain_sentences(text, "text")
        if sentence not in template_sentences
        and called.search(_unquoted(sentence))
        and _REPLACED.search(_unquoted(sentence))
    ]


def note_values_missing(facts: ChangeFacts, text: str, template_text: str) -> list[str]:
    """The new values of what the change moved (45 days for 30 days, by text for by email)
    that the template's note states and a model's note states nowhere: a note that says a
    time frame changed without the new one leaves CS to look it up."""
    moved = {_key(came): came.value for targets in _moves(facts).values() for came in targets}
    for move in facts.moves:
        moved.update(
            {_key(p): p.value for p in extract_promises(move.new) if p.kind in _NEW_FACT_KINDS}
        )
    stated = _fact_keys(text)
    missing = [
        value
        for key, value in moved.items()
        if key in _fact_keys(template_text) and key not in stated
    ]
    failed = failed_way_missing(facts, text, template_text)
    if not missing:
        return failed
    return [
        f"the note does not state {', '.join(dict.fromkeys(missing))}, the new value the change "
        "moved to (the draft note states it): say it",
        *failed,
    ]


_NEW_FACT_KINDS = ("money", "percent", "duration", "date", "phone", "channel", "link")


def _key(promise: Promise) -> str:
    """A promise's key without what a link at the end of a sentence picks up."""
    return promise.key.rstrip(".,;:!?)”’\"'")


def _fact_keys(text: str) -> set[str]:
    return {_key(promise) for promise in extract_promises(text) if promise.kind in _NEW_FACT_KINDS}


def new_facts_missing(
    facts: ChangeFacts, impact: Impact, template_body: str | None, new_body: str
) -> list[str]:
    """The new facts a model's edit leaves out: none of the values (an amount, a time frame,
    a channel, a link) the template's edit writes into the item that it did not state before
    (the conflicting text only taken out), or the new value of something the change moved
    (45 days for 30 days, by text for by email) stated nowhere, or none of the words the
    template's rewrite brings in (a new step said without values). Nothing when the template
    only flagged the item or only deleted; which other details it adds is the model's call."""
    if not template_body:
        return []
    moved = {_key(came) for targets in _moves(facts).values() for came in targets}
    moved |= {key for move in facts.moves for key in _fact_keys(move.new)}
    body_format = impact.item.body_format
    old = plain_sentences(impact.item.body, body_format)
    before = _fact_keys(" ".join(old))
    new_units = plain_sentences(new_body, body_format)
    stated = _fact_keys(" ".join(new_units))
    problems = []
    for sentence in plain_sentences(template_body, body_format):
        if sentence in old:
            continue
        missing = [
            p.value
            for p in extract_promises(sentence)
            if p.kind in _NEW_FACT_KINDS
            and (key := _key(p)) in moved
            and key not in before
            and key not in stated
        ]
        if missing:
            problems.append(
                f"the new body does not state {', '.join(dict.fromkeys(missing))}, the new "
                f"behavior the draft rewrite states in “{sentence}”"
            )
    # what the template writes of the new behavior (a deposit, a time frame) that the item
    # did not state: a model's edit that states none of it only took the old text out
    written = {
        _key(p): p.value
        for sentence in plain_sentences(template_body, body_format)
        if sentence not in old
        for p in extract_promises(sentence)
        if p.kind in _NEW_FACT_KINDS and _key(p) not in before
    }
    if not problems and written and not set(written) & stated:
        problems.append(
            "the new body states none of the new behavior's values the draft rewrite states ("
            + ", ".join(written.values())
            + "): say what the agent does now, not only take the old text out"
        )
    # the same in words: the draft says a new step, the edit none of its words
    added = [s for s in plain_sentences(template_body, body_format) if s not in old]
    new_words = set(terms(" ".join(added))) - set(terms(" ".join(old)))
    if not problems and new_words and not new_words & set(terms(" ".join(new_units))):
        problems.append(
            "the new body says nothing of what the agent does now, which the draft rewrite "
            f"says in “{added[0]}”: say it, not only take the old text out"
        )
    return problems


def other_cases_dropped(
    facts: ChangeFacts, impact: Impact, template_body: str | None, new_body: str
) -> list[str]:
    """A sentence that hands one case over beside others (`CASE_HANDOFF_REASON`), which the
    template splits: the case leaves it and the others stay ("Cracked screens and dead
    batteries go to our desk" → "Dead batteries go to our desk"). A model's edit that drops
    what the template keeps of it (half its words or more nowhere in the edit: the sentence
    gone, not reworded) takes the old handling from the others, who still get it."""
    marked = {c.sentence for c in impact.conflicts if CASE_HANDOFF_REASON in c.reasons}
    if not template_body or not marked:
        return []
    body_format = impact.item.body_format
    cases = changed_cases(facts)
    said = set(terms(" ".join(plain_sentences(new_body, body_format))))
    problems = []
    for gone, came in draft_changes(
        plain_sentences(impact.item.body, body_format), plain_sentences(template_body, body_format)
    ):
        split = [sentence for sentence in gone if sentence in marked]
        if not split:
            continue
        gone_terms = set(terms(" ".join(split)))
        for sentence in came:
            if names_case(cases, sentence):
                continue
            kept = set(terms(sentence)) & gone_terms
            if kept and 2 * len(kept - said) >= len(kept):
                problems.append(
                    f"the new body drops what “{split[0]}” says of the other cases, which "
                    f"are still handled as before: keep it for them, as in “{sentence}”"
                )
    return problems


def still_conflicting(
    facts: ChangeFacts, impact: Impact, template_body: str | None, new_body: str
) -> list[str]:
    """The sentences a model's edit writes (not the item's, not the template's) that the
    conflict detector the item went through (`impact.rank_items`) finds contradicting the new
    behavior, beside the item as it was: a reworded sentence that still says the old
    handling (a hand-off the agent no longer makes, an offer it withdrew), which no value
    check sees."""
    item = impact.item
    body_format = item.body_format
    allowed = set(plain_sentences(item.body, body_format))
    if template_body:
        allowed |= set(plain_sentences(template_body, body_format))
    if all(sentence in allowed for sentence in plain_sentences(new_body, body_format)):
        return []
    edited = replace(item, id=f"{item.id}~edited", body=new_body)
    found = rank_items(facts, KnowledgeBase([item, edited]))
    problems = []
    for other in found:
        if other.item.id != edited.id:
            continue
        for conflict in other.conflicts:
            if conflict.sentence in allowed:
                continue
            if all(r.startswith(PROMPT_RULE_REASON) for r in conflict.reasons) and closer_to_new(
                facts, conflict.sentence
            ):
                # the word-overlap finder lines a sentence up with the old prompt only: a
                # rewrite sharing as many words with the new prompt's rule says the new one
                continue
            if all(r.startswith(_EVERY_CASE) for r in conflict.reasons) and carves_out_case(
                facts, conflict.sentence
            ):
                # "… on every one except the Engineering range": the claim for every case now
                # names the case the new rule takes out
                continue
            problems.append(
                f"“{conflict.sentence}” still contradicts the new behavior (it "
                f"{conflict.reasons[0]}): say what the agent does now"
            )
    return problems


_EVERY_CASE = "says it holds in every case"
"""The reason a finder gives a claim for every case the new rule splits (`impact`)."""
_CARVE_OUT = re.compile(
    r"\b(?:except|excluding|apart from|other than|but not|not including)\b(?P<rest>[^.;]{0,80})",
    re.I,
)


def carves_out_case(facts: ChangeFacts, sentence: str) -> bool:
    """Whether `sentence` carves a case out of its claim ("except the Engineering range")
    with a word only the new prompt's rules say: the case the change takes out, named."""
    old, new = changed_rules(facts)
    new_only = set(terms(" ".join(new))) - set(terms(" ".join(old)))
    return any(set(terms(m["rest"])) & new_only for m in _CARVE_OUT.finditer(sentence))


def closer_to_new(facts: ChangeFacts, sentence: str) -> bool:
    """Whether `sentence` shares at least as many words with a prompt sentence the change wrote
    (rewritten or added) as with one it rewrote or removed, and some."""
    said = set(terms(sentence))
    old, new = changed_rules(facts)
    best_old = max((len(said & set(terms(text))) for text in old), default=0)
    best_new = max((len(said & set(terms(text))) for text in new), default=0)
    return best_new > 0 and best_new >= best_old


def _told(facts: ChangeFacts) -> list[str]:
    """What the new prompt tells the customer, as the template writes it into an item: a
    rule's told clause or statement (`rules.told_clause`, `told_statement`), what it tells
    them after a re-routed hand-off (`rerouted.rerouted_told`) or after the hand-off that
    replaces an action (`replaced.told_sentence`)."""
    said = [rerouted_told(facts)]
    case = replaced_action(facts)
    if case is not None:
        said.append(told_sentence(case))
    for rule in facts.rules:
        if rule.new:
            said += [told_clause(rule.new), told_statement(rule.new)]
    return [told for told in dict.fromkeys(said) if told]


def told_unsaid(
    facts: ChangeFacts, impact: Impact, template_body: str | None, new_body: str
) -> list[str]:
    """What the new prompt tells the customer (`_told`: after a re-routed hand-off, say),
    which the template's edit writes where the item stated the old handling: a model's edit
    that leaves out one of its values the item did not state (how they hear, how soon, how
    much) says the handling changed without what the customer is now told."""
    if not template_body:
        return []
    body_format = impact.item.body_format
    old = plain_sentences(impact.item.body, body_format)
    drafted = comparable(
        " ".join(s for s in plain_sentences(template_body, body_format) if s not in old)
    )
    before = _fact_keys(" ".join(old))
    flat = " ".join(plain_sentences(new_body, body_format))
    stated = _fact_keys(flat) | {f"channel:{channel}" for channel in stated_channels(flat)}
    problems = []
    for told in _told(facts):
        if comparable(told) not in drafted:
            continue
        missing = [
            promise.value
            for promise in extract_promises(told)
            if promise.kind in _NEW_FACT_KINDS
            and (key := _key(promise)) not in before
            and key not in stated
        ]
        if missing:
            problems.append(
                f"the new body does not say {', '.join(dict.fromkeys(missing))}, which the new "
                f"prompt tells the customer: “{told}”: say it where the {impact.item.kind} "
                "states the old handling, as the draft does"
            )
    return problems


def new_way_denied(
    facts: ChangeFacts, impact: Impact, template_body: str | None, new_body: str
) -> list[str]:
    """A promise now kept a new way (`newway`): the item's sentences denying what the new way
    does ("We don't hand out codes before you arrive", `newway.denies_new_way`) that the
    template's edit deletes and a model's edit keeps word for word."""
    said = new_way_sentence(facts)
    if said is None or not template_body:
        return []
    body_format = impact.item.body_format
    kept = set(plain_sentences(template_body, body_format))
    flat = " ".join(plain_sentences(new_body, body_format))
    return [
        f"“{unit.text}” denies what the agent now does (“{said}”): delete it, as the draft does"
        for unit in impact.units
        if unit.text not in kept
        and denies_new_way(said, unit.text)
        and contains_sentence(flat, unit.text)
    ]


def requirement_unsaid(
    facts: ChangeFacts, impact: Impact, template_body: str | None, new_body: str
) -> list[str]:
    """Something the new prompt now requires (`rules.requirement`) where the item says it is
    not needed: the template's edit says it is (in the sentence's place, or beside another
    rewrite of the same rule, `TemplateDrafter._with_requirement`). A model's edit that
    writes no sentence saying so (naming what is required, not saying it is not needed) only
    took the old text out, or did the other rewrite alone."""
    needed = requirement(facts.rules)
    negated = [c for c in impact.conflicts if any(r.startswith(NEGATED_REASON) for r in c.reasons)]
    if needed is None or not negated or not template_body:
        return []
    body_format = impact.item.body_format
    what = set(terms(needed.what))
    old = set(plain_sentences(impact.item.body, body_format))

    def says_needed(sentence: str) -> bool:
        return bool(what & set(terms(sentence))) and not negates_requirement(needed, sentence)

    drafted = [s for s in plain_sentences(template_body, body_format) if s not in old]
    said = next((s for s in drafted if says_needed(s)), None)
    if said is None:
        return []
    if any(says_needed(s) for s in plain_sentences(new_body, body_format) if s not in old):
        return []
    return [
        f"the new body does not say that {needed.what} is now needed, where the "
        f"{impact.item.kind} said “{negated[0].sentence}”: say it, as the draft does in "
        f"“{said}”"
    ]


def all_claims_changed(
    facts: ChangeFacts, impact: Impact, template_body: str | None, new_body: str
) -> list[str]:
    """A change that only adds arguments to calls the agent still makes (`addedarg`) takes
    nothing away: the item's sentences holding for every case ("on any bike") stay true, and
    the template keeps them. A model's edit that does not keep one word for word narrows a
    claim the change leaves true."""
    added = added_arguments(facts)
    if not added:
        return []
    body_format = impact.item.body_format
    conflicting = {c.sentence for c in impact.conflicts}
    kept = set(plain_sentences(template_body or impact.item.body, body_format))
    flat = " ".join(plain_sentences(new_body, body_format))
    return [
        f"the new body changes “{unit.text}”, which stays true (the change only adds "
        f"{' and '.join(added)} to a call the agent still makes): keep it as it is"
        for unit in impact.units
        if unit.text not in conflicting
        and unit.text in kept
        and UNIVERSAL_CLAIM.search(unit.text)
        and not contains_sentence(flat, unit.text)
    ]


def _template_draft(impact: Impact, template_edit: SuggestedEdit) -> dict[str, Any]:
    """The template's edit as the model is shown it: its body and what it changed, sentence
    by sentence, or, when it only flagged the item, why (its rationale)."""
    body_format = impact.item.body_format
    if template_edit.new_body is None:
        return {"body": None, "changes": [], "rationale": template_edit.rationale}
    changes = draft_changes(
        plain_sentences(impact.item.body, body_format),
        plain_sentences(template_edit.new_body, body_format),
    )
    return {
        "body": template_edit.new_body,
        "changes": [{"old": gone, "new": came} for gone, came in changes],
        "rationale": template_edit.rationale,
    }


RULES_CHARS = 6000
"""How much of a change's prompt diff a drafting prompt carries: every rule the template
drafter reads, up to this many characters; past it the rest is cut at a rule's end, and the
prompt says how many rules were left out."""


def rule_lines(facts: ChangeFacts, limit: int = RULES_CHARS) -> list[str]:
    """The change's prompt rules as the model is shown them, all the template reads (a tool's
    hunk with what the config says the tool does), cut at a whole rule once `limit`
    characters are reached, with a last line saying how many were left out."""
    lines = [
        f"{rule.summary}: “{rule.tool}”" if rule.tool else rule.summary for rule in facts.rules
    ]
    shown: list[str] = []
    size = 0
    for line in lines:
        if shown and size + len(line) > limit:
            break
        shown.append(line)
        size += len(line)
    left = len(lines) - len(shown)
    if left:
        shown.append(
            f"(and {left} more rule{'s' if left > 1 else ''} of this change not shown: the "
            f"prompt diff is longer than the {limit} characters given here; the draft below "
            "was made from all of them)"
        )
    return shown


def unnamed_updates(
    template_actions: Sequence[str], actions: Sequence[str], affected: Sequence[Impact]
) -> list[str]:
    """The template note's actions naming an item to update (“Returns”) that none of a
    model's actions names: each contradicting item keeps its action, which the edit attached
    to it is linked through (`overlap.one_edit_per_item`), however the model phrased the
    rest ("Update the return macros." names none)."""
    said = " ".join(actions).casefold()
    missing = []
    for impact in affected:
        title = impact.item.title
        if title.casefold() in said:
            continue
        missing += [action for action in template_actions if f"“{title}”" in action]
    return missing


REFUSED_STATUSES = frozenset({400, 413, 422})
"""HTTP statuses by which a model server refuses one request for what it holds (too long for
the model's context, blocked by a content policy): sending it again gets the same answer."""


def refused_request(error: ModelCallError) -> bool:
    """Whether the server refused this one request (`REFUSED_STATUSES`), rather than being
    down, overloaded or misconfigured for every request."""
    return error.status in REFUSED_STATUSES


def _near_problems(
    facts: ChangeFacts,
    impact: Impact,
    grounding: Grounding,
    template_edit: SuggestedEdit,
    new_body: str,
    rationale: str,
) -> list[str]:
    """Why a model's rewrite of a near item's sentences (`nearreview`) may not stand: what any
    edit of a KB item must keep (placeholders, every sentence it did not name, the item's voice,
    nothing from one conversation) and what it may state (the facts given). The rule-based
    finders' checks are not run on it: no finder read the item's sentences as the old rule, so
    their reading of its rewrite is no better than the model's."""
    item = impact.item
    problems: list[str] = []
    lost = missing_placeholders(item.body, new_body)
    if lost:
        problems.append("placeholders lost or changed: " + ", ".join(lost))
    problems += kb_text_problems(facts, impact, new_body)
    stated = stated_text("edit", {"new_body": new_body, "rationale": rationale})
    problems += ["grounding: " + p for p in grounding.check(stated, extra=[item.body]).problems]
    problems += untouched_changed(impact, template_edit.new_body, new_body)
    return problems


def _near_flag(edit: SuggestedEdit, sentences: list[str], why: str) -> SuggestedEdit:
    """The item flagged at the sentences the model read as the old behavior, for the writer."""
    return replace(
        edit,
        new_body=None,
        conflicts=sentences,
        rationale=f"The drafting model reads these sentences as stating the old behavior: {why}. "
        "No rewrite of them passed the checks: check them against the new behavior.",
        origin="llm",
    )


class LLMDrafter:
    """Phrases notes and edits with a model; the template draft is the fallback when a draft
    fails its checks twice, or when the server refuses its request (`refused_request`: a new
    pass would be refused the same way). Any other failed model call (after its retries) is
    raised: the first one is kept in `failure`, and calls not yet sent are not sent."""

    name = "llm"
    attempts = 2
    """One call and one retry with the failure named."""

    def __init__(
        self,
        model: ChatModel,
        model_name: str,
        *,
        cache: CachedModel | None = None,
        read_near: int = REVIEWED,
    ):
        self.model = model
        self.model_name = model_name
        self.cache = cache
        self.read_near = read_near
        """How many near items no finder marked the model reads per change (`nearreview`)."""
        self.template = TemplateDrafter()
        self.stats = DraftStats()
        self.failure: ModelCallError | None = None

    async def _ask(self, prompt: str, variables: dict[str, Any]) -> str:
        request = ChatRequest(
            model=self.model_name,
            messages=render_prompt(prompt, **variables),
            parameters={"temperature": 0, "response_format": {"type": "json_object"}},
        )
        result = await self.model.complete(request)
        self.stats.llm_calls += 1
        if result.cached:
            self.stats.cached_calls += 1
        else:
            self.stats.prompt_tokens += result.prompt_tokens
            self.stats.completion_tokens += result.completion_tokens
        if self.cache is not None and hasattr(self.cache.store, "flush"):
            self.cache.store.flush()
        return result.text

    def _common(self, facts: ChangeFacts, template_note: BehaviorNote) -> dict[str, Any]:
        return {
            "change": {
                "id": facts.id,
                "title": facts.title,
                "kind": facts.kind,
                "facets": facts.facets,
            },
            "before": template_note.before,
            "after": template_note.after,
            "when": template_note.when,
            # a tool's hunk says what the tool does in the config's words (a swapped tool's
            # KB sentence is rewritten from them, by the template and by the model alike)
            "rules": rule_lines(facts),
            "moves": [
                f"{move.describe()}: the prompt said “{move.old_sentence}” and now says "
                f"“{move.new_sentence}”"
                + _band_words(facts, move)
                + gloss_fact(move)
                + complement_fact(move)
                + gated_move_words(facts, move)
                for move in facts.moves
            ],
            # a promise whose channel moved with its value: both facets, as the template edits
            "two_facets": two_facet_fact(facts),
            # a promise whose person, way and time moved together: said whole, never one value
            "whole_promise": whole_promise_fact(facts),
        }

    async def draft(
        self,
        facts: ChangeFacts,
        impacts: Sequence[Impact],
        grounding: Grounding,
        effective: str | None,
    ) -> ChangeDraft:
        template_note = self.template.note(facts, impacts, effective)
        affected = [impact for impact in impacts if impact.affected]
        common = self._common(facts, template_note)
        fallbacks: list[dict[str, str]] = []
        # The template's own text is grounded by construction (and given to the model as
        # facts): the LLM's draft may state what it states.
        note_grounding = grounding.extended([template_note.text()])

        note, failure = await self._draft_note(
            facts, affected, note_grounding, template_note, common
        )
        if note is None:
            note = replace(template_note, origin="llm-fallback")
            fallbacks.append({"change_id": facts.id, "draft": "note", "reason": failure})
        else:  # the settings to check stay, however the model phrased the rest
            kept = [a for a in settings_actions(facts, affected) if a not in note.cs_actions]
            kept += unnamed_updates(template_note.cs_actions, note.cs_actions, affected)
            note = replace(note, cs_actions=[*note.cs_actions, *dict.fromkeys(kept)])
        edits = []
        for impact in affected:
            template_edit = self.template.edit(facts, impact)
            edit_grounding = note_grounding.extended([stated_text("edit", template_edit.to_dict())])
            edit, failure = await self._draft_edit(
                facts, impact, edit_grounding, common, template_edit
            )
            if edit is None:
                edit = replace(
                    template_edit,
                    # the reason may quote the model's wrong values: it goes to the
                    # fallbacks, not into the text a writer reviews
                    rationale=f"{template_edit.rationale} (The drafting model's edit failed "
                    "its checks twice: this is the template drafter's edit.)",
                    origin="llm-fallback",
                )
                fallbacks.append(_fallback(facts, impact, failure))
            edits.append(edit)
        # the items ranked near the change in which no finder marked a sentence: the model
        # reads them for the old rule in a writer's own words
        for impact in near_unmarked(impacts, self.read_near):
            edit, failure = await self._review_near(
                facts, impact, note_grounding, common, template_note.before
            )
            if edit is None:
                continue
            if failure:
                fallbacks.append(_fallback(facts, impact, failure))
            edits.append(edit)
        return ChangeDraft(note, edits, fallbacks)

    async def _ask_valid(
        self,
        task: str,
        variables: dict[str, Any],
        schema: type[BaseModel],
        accept: Callable[[Any], tuple[Any, list[str]]],
    ) -> tuple[Any, str]:
        """Ask until `accept(reply)` finds no problem, naming the last failure in each retry.

        Returns (the accepted draft, "") or (None, why the model's drafts were refused, or
        why the server refused the request). Any other model call that fails after its
        retries is raised; once one has failed, no further call is sent (the pass fails
        anyway, and its answers would only be cached).
        """
        failure: str | None = None
        for attempt in range(self.attempts):
            if attempt:
                self.stats.retries += 1
            if self.failure is not None:
                raise self.failure
            try:
                text = await self._ask(task, {**variables, "failure": failure})
            except ModelCallError as error:
                if refused_request(error):
                    return None, f"the model server refused the request ({error.message})"
                if self.failure is None:
                    self.failure = error
                raise
            except BudgetExceeded as error:
                return None, f"the drafting budget is spent ({error.message})"
            reply, failure = parse_reply(text, schema)
            if reply is None:
                continue
            draft, problems = accept(reply)
            if not problems:
                return draft, ""
            failure = "; ".join(problems)
        return None, failure or "no valid answer"

    async def _draft_note(
        self,
        facts: ChangeFacts,
        affected: Sequence[Impact],
        grounding: Grounding,
        template_note: BehaviorNote,
        common: dict[str, Any],
    ) -> tuple[BehaviorNote | None, str]:
        variables = {
            **common,
            "severity": template_note.severity,
            "impact": template_note.customer_impact,
            "evidence": template_note.evidence,
            "affected": [
                {
                    "kind": impact.item.kind,
                    "title": impact.item.title,
                    "conflict": item_quote(facts, impact),
                    "reasons": list(quoted_conflict(facts, impact).reasons),
                }
                for impact in affected
            ],
            "effective": template_note.effective_date,
            # the template's note: the facts and decisions it rests on, for the model to
            # phrase better, never to contradict
            "draft": {
                "title": template_note.title,
                "customer_impact": template_note.customer_impact,
                "cs_actions": template_note.cs_actions,
            },
            "draft_facts": draft_facts(facts),
        }

        def accept(reply: NoteReply) -> tuple[BehaviorNote, list[str]]:
            # The LLM phrases; the facts (evidence, severity, date) stay the template's.
            note = replace(
                template_note,
                title=reply.title,
                before=reply.before,
                after=reply.after,
                when=reply.when,
                customer_impact=reply.customer_impact,
                cs_actions=list(reply.cs_actions),
                origin="llm",
            )
            problems = ["grounding: " + p for p in grounding.check(note.text()).problems]
            problems += note_text_problems(facts, note.text(), template_note.text())
            problems += call_replaced(facts, note.text(), template_note.text())
            problems += note_values_missing(facts, note.text(), template_note.text())
            problems += currency_problems(facts, note.text())
            problems += ratio_problems(facts.moved, _unquoted(note.text()), facts.rules)
            problems += route_unsaid(facts, "text", template_note.text(), note.text())
            problems += title_problems(facts, note.title)
            problems += tool_in_title(facts, note.title)
            problems += swap_title_problems(facts, note.title)
            return note, problems + probe_id_problems(facts, note.text())

        note, failure = await self._ask_valid("draft_note", variables, NoteReply, accept)
        return note, failure

    def _edit_problems(
        self,
        facts: ChangeFacts,
        impact: Impact,
        grounding: Grounding,
        template_edit: SuggestedEdit,
        new_body: str,
        rationale: str,
    ) -> list[str]:
        """Why a model's edit of `impact`'s item may not stand (none: it may): every check a
        rewrite by someone other than the template drafter must pass."""
        item = impact.item
        problems: list[str] = []
        lost = missing_placeholders(item.body, new_body)
        if lost:
            problems.append("placeholders lost or changed: " + ", ".join(lost))
        if item.body_format == "html":
            problems += [f"invalid HTML: {p}" for p in html_problems(new_body)]
            unsafe = unsafe_additions(item.body, new_body)
            if unsafe:
                problems.append(
                    "unsafe HTML added (scripts, event handlers and javascript: links are "
                    "not allowed in a helpdesk body): " + ", ".join(unsafe)
                )
        problems += kept_conflicts(facts, impact, new_body, template_edit.new_body)
        problems += new_facts_missing(facts, impact, template_edit.new_body, new_body)
        problems += old_way_kept(facts, impact, template_edit.new_body, new_body)
        problems += other_cases_dropped(facts, impact, template_edit.new_body, new_body)
        problems += still_conflicting(facts, impact, template_edit.new_body, new_body)
        problems += new_rule_unsaid(facts, impact, template_edit.new_body, new_body)
        problems += head_unflipped(facts, impact, new_body)
        problems += one_value_kept(facts, impact, new_body)
        problems += told_unsaid(facts, impact, template_edit.new_body, new_body)
        problems += old_route_dropped(facts, impact, template_edit.new_body, new_body)
        problems += category_route_unsaid(facts, impact, template_edit.new_body, new_body)
        problems += new_way_denied(facts, impact, template_edit.new_body, new_body)
        problems += requirement_unsaid(facts, impact, template_edit.new_body, new_body)
        problems += asked_unsaid(facts, impact, template_edit.new_body, new_body)
        problems += scoped_need_unsaid(
            facts.rules, impact.conflicts, item.body, new_body, facts.prompt_sections
        )
        problems += channel_need_unsaid(facts.rules, facts.conditions, impact.conflicts, new_body)
        if category_drop_applies(facts):
            problems += category_drop_unsaid(facts.rules, facts.conditions, item.body, new_body)
        problems += all_claims_changed(facts, impact, template_edit.new_body, new_body)
        problems += missing_band_rule(
            facts.rules, facts.moves, item.body, template_edit.new_body, new_body
        )
        problems += far_side_changed(facts, impact, new_body, template_edit.new_body)
        problems += gated_window_problems(
            facts, item.body, item.body_format, template_edit.new_body, new_body
        )
        problems += others_changed(facts, impact, new_body)
        problems += category_claims(facts, impact, new_body)
        problems += other_subject_changed(facts, impact, new_body)
        problems += other_topic_handoffs(facts, impact, template_edit.new_body, new_body)
        problems += kept_rule_changed(facts, impact, new_body)
        problems += kept_route_changed(facts, impact, new_body)
        problems += route_unsaid(facts, item.body_format, template_edit.new_body, new_body)
        problems += kb_text_problems(facts, impact, new_body)
        problems += [
            f"“{sentence}” still asks for what the new agent no longer needs, or waits for "
            "it: take the ask out and say the action is taken at once"
            for sentence in dropped_asks(facts, impact.item, new_body)
        ]
        conflicting = [conflict.sentence for conflict in impact.conflicts]
        for still_saying, fix in _BODY_CHECKS:
            problems += [
                f"“{sentence}” {fix}"
                for sentence in still_saying(facts, new_body, item.body_format)
            ]
        for still_saying_edited, fix in _EDITED_BODY_CHECKS:
            problems += [
                f"“{sentence}” {fix}"
                for sentence in still_saying_edited(
                    facts, conflicting, item.body, new_body, item.body_format
                )
            ]
        problems += [
            f"“{sentence}” {_STILL_OFFERED}"
            for sentence in still_offered(facts, new_body, item.body_format, item.title)
        ]
        problems += [
            f"“{sentence}” still offers both options to the category the new prompt takes one "
            "from: say the one it keeps"
            for sentence in still_offered_to_category(facts, new_body)
        ]
        problems += [
            f"“{sentence}” still says there is no limit where the new prompt sets one: say "
            "the limit"
            for sentence in still_unlimited(facts, new_body, item.body_format, item.title)
        ]
        withdrawn = withdrawn_permission(facts)
        if withdrawn is not None:
            problems += [
                f"“{sentence}” still grants what the new prompt withdraws for "
                f"{withdrawn.named()}: say where it holds now and where not"
                for sentence in still_granted(facts, new_body, item.body_format)
            ]
        problems += [
            f"“{sentence}” still states for every kind, or for the kind, a rule the new "
            "prompt withdraws for one kind: say the others' rule and the kind's refusal"
            for sentence in still_claimed_for_kind(facts, new_body, item.body_format)
        ]
        problems += [
            f"“{sentence}” still states the old value for every kind, or for the kind that "
            "now gets another: give it the kind's exception, or the new value in its row"
            for sentence in still_old_value(facts, new_body, item.body_format)
        ]
        if item.kind == "macro":
            allowed = template_edit.new_body or item.body
            problems += [
                f"“{sentence}” says the new action is already done, which a macro written "
                "before anyone acted cannot know: say what we will do"
                for sentence in claims_done(facts, allowed, new_body)
            ]
        stated = stated_text("edit", {"new_body": new_body, "rationale": rationale})
        report = grounding.check(stated, extra=[item.body])
        problems += ["grounding: " + p for p in report.problems]
        # last: a check above that names why a sentence may not change says it better
        problems += untouched_changed(
            impact, template_edit.new_body, new_body, old_side_text(facts, "")
        )
        return problems

    async def _review_near(
        self,
        facts: ChangeFacts,
        impact: Impact,
        grounding: Grounding,
        common: dict[str, Any],
        before: str,
    ) -> tuple[SuggestedEdit | None, str]:
        """The model's reading of a near item no finder marked (`nearreview`): (None, "") when
        it names no sentence of the old behavior; (its edit, "") when its rewrites pass every
        check; (a flag of the sentences it named, why their rewrites were refused) when they
        fail twice."""
        item = impact.item
        old_side = old_side_text(facts, before)
        new_side = new_side_text(facts)
        variables = {
            **common,
            "item": {"kind": item.kind, "title": item.title, "body_format": item.body_format},
            "sentences": numbered(impact.units),
            "draft_facts": draft_facts(facts),
        }
        named: dict[str, Any] = {}

        def accept(reply: ReviewReply) -> tuple[SuggestedEdit | None, list[str]]:
            marked, reasons, problems, loose = findings(reply, impact.units, old_side, new_side)
            if problems:
                return None, problems
            named.clear()
            if not marked:
                return None, []
            marked_impact = impact.marked({impact.units[i].text for i in marked}, REASON)
            template_edit = self.template.edit(facts, marked_impact)

            def quoted(indexes: list[int]) -> str:
                return "; ".join(
                    f"“{impact.units[i].text}”" + (f" ({reasons[i]})" if reasons[i] else "")
                    for i in indexes
                )

            sentences = [impact.units[i].text for i in sorted(marked)]
            why = quoted(sorted(marked))
            # what may be flagged if no rewrite passes: the sentences tied closely to the old
            # side (a loosely tied one stands only as a rewrite that passes)
            close = [i for i in sorted(marked) if i not in loose]
            flaggable = [impact.units[i].text for i in close]
            flag_why = quoted(close)
            if flaggable:
                named.update(edit=template_edit, sentences=flaggable, why=flag_why)
            rewrites = {i: new for i, new in marked.items() if new is not None}
            if len(rewrites) < len(marked) or item.body_format == "html":
                if not flaggable:
                    return None, []
                return _near_flag(template_edit, flaggable, flag_why), []
            new_body = spliced(item.body, impact.units, rewrites)
            rationale = (
                f"The drafting model reads these sentences as stating the old behavior: {why}. "
                "Each is rewritten in place; the rest of the text is kept as it was."
            )
            edit_grounding = grounding.extended([stated_text("edit", template_edit.to_dict())])
            problems = _near_problems(
                facts, marked_impact, edit_grounding, template_edit, new_body, rationale
            )
            problems += [
                f"“{rewrite}” still states {', '.join(stale)}, which only the old rule gives: "
                "state the new value"
                for rewrite in rewrites.values()
                if (stale := stale_values(rewrite, old_values(facts), new_side))
            ]
            edit = replace(
                template_edit,
                new_body=new_body,
                rationale=rationale,
                conflicts=sentences,
                origin="llm",
            )
            return edit, problems

        edit, failure = await self._ask_valid("review_item", variables, ReviewReply, accept)
        if not failure:
            return edit, ""
        if not named:
            # no answer that could be read, or the same row given as something else twice:
            # nothing is drafted, and the item stays in the "read these" list
            return None, ""
        return _near_flag(named["edit"], named["sentences"], named["why"]), failure

    async def _draft_edit(
        self,
        facts: ChangeFacts,
        impact: Impact,
        grounding: Grounding,
        common: dict[str, Any],
        template_edit: SuggestedEdit,
    ) -> tuple[SuggestedEdit | None, str]:
        item = impact.item
        variables = {
            **common,
            "item": {
                "kind": item.kind,
                "title": item.title,
                "body": item.body,
                "body_format": item.body_format,
            },
            "conflicts": [
                {"sentence": conflict.sentence, "reasons": list(conflict.reasons)}
                for conflict in impact.conflicts
            ],
            # the template's own edit (or why it only flagged the item) and the facts it
            # used: the model improves on it, with the same checks
            "draft": _template_draft(impact, template_edit),
            "draft_facts": draft_facts(facts)
            + _old_side_facts(facts, impact)
            + [
                said
                for said in (flipped_answer_fact(facts, impact), one_value_fact(facts, impact))
                if said
            ],
        }

        def accept(reply: EditReply) -> tuple[SuggestedEdit, list[str]]:
            problems = self._edit_problems(
                facts, impact, grounding, template_edit, reply.new_body, reply.rationale
            )
            edit = replace(
                template_edit, new_body=reply.new_body, rationale=reply.rationale, origin="llm"
            )
            return edit, problems

        edit, failure = await self._ask_valid("edit_article", variables, EditReply, accept)
        return edit, failure


def _fallback(facts: ChangeFacts, impact: Impact, reason: str) -> dict[str, str]:
    """A refused model draft as the run lists it (`fallbacks`): the change, the item, why."""
    return {
        "change_id": facts.id,
        "draft": impact.item.key,
        "title": impact.item.title,
        "reason": reason,
    }
