"""Impact: which macros and articles describe the old behavior, and which sentence conflicts.

Items are ranked with BM25 over the change's facts (actions, promises, conditions, the old
replies); a sentence conflicts when it states a value the new agent no longer states for the
same topic, or describes an action the new agent no longer takes. An optional re-rank (an
embedding or LLM scorer) can reorder the ranked items.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import overload

from behaviordiff.detect.facts import Promise, extract_promises, sentences
from behaviordiff.detect.quantities import Quantity, equal_amount, find_quantities, quantity_matches
from behaviordiff.detect.wordamounts import numbers_said
from behaviordiff.drafting.addedarg import adds_only, still_made
from behaviordiff.drafting.addedcommitment import added_commitment_conflicts
from behaviordiff.drafting.addedexception import added_exception, added_exception_reason
from behaviordiff.drafting.addedhandoff import (
    added_handoff_reason,
    added_handoff_row_reason,
    added_handoff_rows,
    handed_case_only,
)
from behaviordiff.drafting.addedoption import option_conflicts
from behaviordiff.drafting.alsogranted import AlsoGranted, also_granted, also_granted_reason
from behaviordiff.drafting.answers import asked, measured_otherwise
from behaviordiff.drafting.appendedcase import AppendedCase, appended_case, appended_case_reason
from behaviordiff.drafting.argcase import arg_case, claims_old_for_all
from behaviordiff.drafting.bandcutoff import band_cutoff_conflicts
from behaviordiff.drafting.bandgrant import band_grant_conflicts
from behaviordiff.drafting.bandopened import band_opened_conflicts
from behaviordiff.drafting.bands import far_side, line_kept, side_of
from behaviordiff.drafting.bandstep import band_step_conflicts
from behaviordiff.drafting.bandswap import band_swap, band_swap_conflicts
from behaviordiff.drafting.boundside import condition_line
from behaviordiff.drafting.casecharge import case_charge_conflicts
from behaviordiff.drafting.caselabels import category_values
from behaviordiff.drafting.casesaid import case_said_finder
from behaviordiff.drafting.casestep import (
    case_step,
    kept_cases,
    names_only_kept,
    promises_action,
)
from behaviordiff.drafting.categories import (
    claims_same,
    kept_by_others,
    names_moved_category,
    narrowed_quantifier,
)
from behaviordiff.drafting.categoryaction import kept_action_item
from behaviordiff.drafting.categorydrop import category_drop, category_drop_marks
from behaviordiff.drafting.categoryoption import category_option_conflicts
from behaviordiff.drafting.categoryroute import category_route_reason, kept_category_item
from behaviordiff.drafting.categoryway import (
    CATEGORY_ITEM_REASON,
    CATEGORY_WAY_REASON,
    about_other_value,
    category_item,
    category_lists,
    category_row,
    category_way,
    claims_every_kind,
    says_withheld,
    without_claim,
)
from behaviordiff.drafting.channelarg import channel_argument_switch
from behaviordiff.drafting.channelneed import channel_need, channel_need_reason
from behaviordiff.drafting.channels import (
    calls_to_customer,
    cell_channels,
    names_channel,
    switched_channel,
)
from behaviordiff.drafting.claimrow import excepting_row, refused_subject
from behaviordiff.drafting.claimsides import claim_sides_conflicts
from behaviordiff.drafting.claimsubject import (
    change_topic,
    claim_of_other_subject,
    names_topic,
)
from behaviordiff.drafting.claimsubject import tag_stems as _topic_stems
from behaviordiff.drafting.closedband import closed_band_reason
from behaviordiff.drafting.complement import complement_reason
from behaviordiff.drafting.context import in_context, said_under, topic_evidence
from behaviordiff.drafting.countband import band_claim_reason
from behaviordiff.drafting.countedway import counted_conflicts
from behaviordiff.drafting.countlimit import count_limit, limit_sentences
from behaviordiff.drafting.datedoffer import dated_offer_conflicts
from behaviordiff.drafting.daymonth import read_day_month
from behaviordiff.drafting.deniedbound import (
    DENIED_BOUND_REASON,
    change_bounds,
    item_context,
    stating,
)
from behaviordiff.drafting.departedcall import condition_bounds, departed_calls, names_split
from behaviordiff.drafting.donecall import done_without_moved, reports_done
from behaviordiff.drafting.dropped import (
    Dropped,
    asks_for,
    case_topic,
    dropped_requirement,
    listed_need,
    says_scoped,
    stems,
    wait_clause,
)
from behaviordiff.drafting.droppedonly import DroppedOnly, dropped_only, dropped_only_reason
from behaviordiff.drafting.droppedoption import dropped_option_conflicts
from behaviordiff.drafting.everycharge import every_charge_conflicts
from behaviordiff.drafting.everykind import claims_for_every_kind
from behaviordiff.drafting.everyrow import row_claims_for_all
from behaviordiff.drafting.everysplit import every_split_reason
from behaviordiff.drafting.extendedrange import extended_range_conflicts
from behaviordiff.drafting.extendedset import extended_set_conflicts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule, key_sentences, value_pattern
from behaviordiff.drafting.flagaudience import flag_atom, flag_name
from behaviordiff.drafting.flagcase import case_rows, denies_action, flag_case
from behaviordiff.drafting.flagcharge import flag_charge_conflicts
from behaviordiff.drafting.freewords import FREE_IN_OTHER_WORDS
from behaviordiff.drafting.gatedwindow import (
    about_gated_action,
    beyond_band,
    gated_reason,
    kept_over_band,
    off_action,
)
from behaviordiff.drafting.givenenough import (
    given_enough,
    given_enough_marks,
    given_enough_reason,
)
from behaviordiff.drafting.grantedcase import granted_case_conflicts
from behaviordiff.drafting.grantedparty import granted_party_reason
from behaviordiff.drafting.groupcharge import group_charge_conflicts
from behaviordiff.drafting.handedover import (
    HANDED_OVER_REASON,
    does_for_customer,
    handed_over,
    handed_section_conflicts,
    ours_to_do,
)
from behaviordiff.drafting.handedtopic import handed_topic_conflicts
from behaviordiff.drafting.impactview import with_reason
from behaviordiff.drafting.insertedbound import (
    INSERTED_BOUND_REASON,
    bound_conflict,
    inserted_bound,
)
from behaviordiff.drafting.joinedset import joined_conflicts
from behaviordiff.drafting.kbindex import KnowledgeIndex, index_knowledge
from behaviordiff.drafting.kbindex import common_words as common_words  # re-exported
from behaviordiff.drafting.keptaction import about_kept_action, on_kept_topic, own_words
from behaviordiff.drafting.keptback import kept_back_conflicts, kept_back_reason
from behaviordiff.drafting.keptcontact import about_other_topic
from behaviordiff.drafting.keptrules import kept_case_words, kept_units
from behaviordiff.drafting.keptside import kept_side_conflicts
from behaviordiff.drafting.keptstep import STEP_REASON as KEPT_STEP_REASON
from behaviordiff.drafting.keptstep import kept_step, says_at_once
from behaviordiff.drafting.labelledbound import labelled_bound_conflicts
from behaviordiff.drafting.labelledcall import labelled_old_value
from behaviordiff.drafting.lifted import lifted_conflicts
from behaviordiff.drafting.liftedbound import (
    LIFTED_BOUND_REASON,
    change_lifts,
    lifting,
    question_of,
    refuses,
    touches,
)
from behaviordiff.drafting.liftedcase import lifted_case_conflicts
from behaviordiff.drafting.limitgone import limit_gone_conflicts
from behaviordiff.drafting.limits import names_far_side
from behaviordiff.drafting.lineband import names_line_only
from behaviordiff.drafting.loweredcount import lowered_count_conflicts
from behaviordiff.drafting.minimum import minimum_conflicts
from behaviordiff.drafting.movedaddress import states_old_address, tells_to_email
from behaviordiff.drafting.movedarg import moved_argument_conflicts
from behaviordiff.drafting.movedgroup import moved_group_conflicts
from behaviordiff.drafting.narrowed import NARROWED_REASON, claims_offer_for_all, narrowed_offer
from behaviordiff.drafting.narrowedrange import narrowed_range_conflicts
from behaviordiff.drafting.newcharge import (
    NEW_CHARGE_REASON,
    denies_charge,
    new_charge,
    off_charge_topic,
)
from behaviordiff.drafting.newlimit import new_limit, new_limit_reasons
from behaviordiff.drafting.newway import OLD_WAY_REASON, old_way
from behaviordiff.drafting.offerorder import offer_order_reason, still_true_of_old_offer
from behaviordiff.drafting.oftenlimit import often_limit_conflicts
from behaviordiff.drafting.oldservice import old_service_conflicts
from behaviordiff.drafting.oldside import old_side_conflicts
from behaviordiff.drafting.openband import open_band_reason
from behaviordiff.drafting.ordinalsplit import ordinal_split_reason
from behaviordiff.drafting.othercategory import about_other_category
from behaviordiff.drafting.otherrow import states_other_row
from behaviordiff.drafting.percase import other_case_items
from behaviordiff.drafting.percentarg import said_of_moved_percent, states_moved_percent
from behaviordiff.drafting.percentwords import percent_words, worded_percents
from behaviordiff.drafting.perchange import LastChange
from behaviordiff.drafting.permission import (
    PERMISSION_ALSO_REASON,
    PERMISSION_REASON,
    PERMISSION_ROW_REASON,
    about_withdrawn,
    extends_grant,
    grants_to_all,
    table_runs,
    withdrawn_permission,
    withdrawn_rows,
)
from behaviordiff.drafting.perwhole import per_whole_conflicts
from behaviordiff.drafting.promptrule import (
    CASE_SAID_REASON,
    PROMPT_RULE_REASON,
    aligned_finder,
    every_kind_refusal,
    restates_kept_rule,
    sentences_of,
    touched_sentences,
)
from behaviordiff.drafting.proofstep import proof_step_conflicts
from behaviordiff.drafting.qapair import qa_conflicts
from behaviordiff.drafting.queueorder import order_conflicts
from behaviordiff.drafting.raisedfirst import raised_first_conflicts
from behaviordiff.drafting.rangeperk import range_perk_conflicts
from behaviordiff.drafting.ratecap import rate_cap_conflicts
from behaviordiff.drafting.reanchored import reanchored_conflicts
from behaviordiff.drafting.replaced import denies_handoff, replaced_action
from behaviordiff.drafting.rerouted import claims_other_than_route, names_other_team
from behaviordiff.drafting.rules import (
    RuleMove,
    benefit_row,
    bound_on_topic,
    cell_spans,
    claims_of_another,
    closest_move,
    content_words,
    fallback_action,
    header_count_cell,
    kept_elsewhere,
    keyed_row,
    keyed_value_line,
    keyed_value_moves,
    move_gloss,
    move_topic,
    moves_for,
    names_exception,
    negates_requirement,
    new_step,
    on_move_topic,
    other_values_said,
    requirement,
    restates_old_values,
    row_on_move_topic,
    rule_topic,
    said_as_gloss,
    said_as_rate,
    same_line_said,
    says_fallback,
    scope_of,
    shares_stem,
    states_bound,
    states_share,
    states_value,
    states_weakened,
    subset_rule,
    table_header,
    value_subject,
    where_stated,
    worked_example,
    y_noun,
)
from behaviordiff.drafting.saidof import value_clause, without_case_claims
from behaviordiff.drafting.samewhatever import SAME_WHATEVER_REASON, same_whatever_reason
from behaviordiff.drafting.schemacap import cap_sentences, schema_cap
from behaviordiff.drafting.scopedneed import change_scoped_need, scoped_need_reason
from behaviordiff.drafting.selfserve import SELF_SERVE_REASON, self_served, tells_customer_to
from behaviordiff.drafting.sentencediff import picked_by_diff, sentence_diff
from behaviordiff.drafting.servedlist import served_conflicts
from behaviordiff.drafting.splitcase import universal_claims
from behaviordiff.drafting.splitclaim import closing_every_kind, lists_every_side, only_a_claim
from behaviordiff.drafting.splittail import split_tail_reason
from behaviordiff.drafting.staleexclusion import stale_exclusion_reason
from behaviordiff.drafting.stillsaid import still_said_finder, values_of
from behaviordiff.drafting.stoppedservice import stopped_conflicts
from behaviordiff.drafting.subsets import (
    LIST_ITEM,
    changed_cases,
    list_item_text,
    list_items,
    list_lead,
    names_case,
    other_cases,
)
from behaviordiff.drafting.tablesummary import SUMMARY_REASON, summary_sentences
from behaviordiff.drafting.text import (
    EVERY_CASE_WORDS,
    ITEM_LEAD,
    Unit,
    plain_text,
    quoted,
    row_cells,
    stem,
    terms,
    units,
    verb_terms,
)
from behaviordiff.drafting.tiervalue import tier_value_conflicts
from behaviordiff.drafting.timedrop import headless_promise
from behaviordiff.drafting.topicsaid import said_of_topic
from behaviordiff.drafting.vaguercase import vaguer_case_conflicts
from behaviordiff.drafting.valuerelation import relation_after, same_relation
from behaviordiff.drafting.waivedcase import waived_reason
from behaviordiff.drafting.waivedgroup import waived_group_conflicts
from behaviordiff.drafting.waivedline import waived_line_conflicts
from behaviordiff.drafting.wholepromise import another_purpose, whole_promise_reason
from behaviordiff.drafting.widened import widened_conflicts
from behaviordiff.drafting.widenedonly import widened_only_reason
from behaviordiff.drafting.withdrawn import WITHDRAWN_REASON, promises_withdrawn, withdrawn_offer
from behaviordiff.drafting.withdrawnkind import withdrawn_kind_conflicts
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

_ESCALATION_STEMS = (
    "escalat",
    "specialist",
    "human",
    "hand over",
    "handed",
    "transfer",
    "shipping team",
    "member of our team",
)
_UNIVERSAL = re.compile(
    r"\b(?:same for (?:every|all)|every customer|all customers|everyone|no matter who)\b", re.I
)
HANDOFF_REASON = "describes the escalation the new agent no longer does"
NEGATED_REASON = "states the old rule: says it is not needed;"
FALLBACK_REASON = "says the handling for when no tool does it, which a tool now does"
CASE_HANDOFF_REASON = "names a case the new agent no longer hands over"
CASE_PROMISE_REASON = (
    "says what the hand-off led to for the case the new agent no longer hands over, which "
    "the new agent no longer states"
)
FLAG_DENIAL_REASON = "says we never do what the new agent now does for one case"
FLAG_ROW_REASON = "lists the old handling for the case the new agent now handles otherwise"
ARG_CASE_REASON = "states the old handling for everyone, and one case now gets more"
EXAMPLE_REASON = "states the old rule in a worked example"
ASK_REASON = "asks for what the new agent no longer needs before it acts"
WAIT_REASON = "holds the action back until what the new agent no longer needs has come"
_RELEVANCE = 0.2
"""Conflicts count only in items scoring at least this share of the best item's score."""
_K1, _B = 1.5, 0.75


@dataclass(frozen=True)
class Conflict:
    unit_index: int
    sentence: str
    reasons: tuple[str, ...]


@dataclass
class Impact:
    item: KnowledgeItem
    score: float
    conflicts: list[Conflict] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    """The sentences of the item's text (plain text for HTML bodies)."""

    def marked(self, sentences: Collection[str], reason: str) -> Impact:
        """This impact with the units saying one of `sentences` marked for `reason` too (a
        unit already marked keeps its own reasons)."""
        had = {conflict.sentence for conflict in self.conflicts}
        added = [
            Conflict(index, unit.text, (reason,))
            for index, unit in enumerate(self.units)
            if unit.text in sentences and unit.text not in had
        ]
        if not added:
            return self
        conflicts = sorted([*self.conflicts, *added], key=lambda conflict: conflict.unit_index)
        return Impact(self.item, self.score, conflicts, self.units)

    @property
    def affected(self) -> bool:
        return bool(self.conflicts)


Reranker = Callable[[ChangeFacts, list[Impact]], list[Impact]]


def query_terms(facts: ChangeFacts) -> Counter[str]:
    """Weighted query: what the old behavior looked like, and where it applies."""
    query: Counter[str] = Counter()

    def add(text: str, weight: int) -> None:
        for term in terms(text):
            query[term] += weight

    for action in (*facts.before_actions, *facts.after_actions):
        add(action.name.replace("_", " "), 2)
        add(action.words(), 1)
    if facts.escalation == "removed" or any(a.is_escalation for a in facts.before_actions):
        add("escalate specialist team contact", 2)
    for promise in (*facts.removed_promises, *facts.added_promises):
        add(f"{promise.value} {promise.topic}", 2)
    add(facts.when(), 2)
    for move in facts.moves:
        add(move.old_sentence, 2)
    for excerpt in facts.excerpts[:3]:
        add(excerpt.old, 1)
    return query


def _bm25(query: Counter[str], index: KnowledgeIndex) -> list[float]:
    """Each item's BM25 score for `query`, from the counts `index` worked out once."""
    count = len(index.documents) or 1
    average = index.average
    frequency = index.frequency
    scores = []
    for doc, tf in zip(index.documents, index.counts, strict=True):
        score = 0.0
        for term, weight in query.items():
            if term not in tf:
                continue
            idf = math.log(1 + (count - frequency[term] + 0.5) / (frequency[term] + 0.5))
            norm = tf[term] * (_K1 + 1) / (tf[term] + _K1 * (1 - _B + _B * len(doc) / average))
            score += weight * idf * norm
        scores.append(score)
    return scores


_HANDOFF = re.compile(
    r"\b(?:our|the|a)\s+(?:[a-z]+\s+){0,2}?(?:team|department|colleagues?|staff|specialists?)\b"
)
"""Who a handoff goes to, in a KB's own words: "our reservations team", "a colleague"."""


def _escalation_words(text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in _ESCALATION_STEMS if word in lowered]


def _handoff_words(facts: ChangeFacts, sentence: str) -> list[str]:
    """Who a KB sentence hands the customer to ("our reservations team"), when the sentence
    retells the old prompt's handoff rule (three or more of its content words): the KB's own
    words for the escalation the change removed, whatever the team is called."""
    named = [match.group(0) for match in _HANDOFF.finditer(sentence.lower())]
    if not named:
        return []
    escalation_tools = {action.name for action in facts.before_actions if action.is_escalation}
    sentence_terms = set(terms(sentence))
    for rule in facts.rules:
        old = rule.old or ""
        if not (
            any(tool in old for tool in escalation_tools)
            or _escalation_words(old)
            or _HANDOFF.search(old.lower())
        ):
            continue
        if len(sentence_terms & set(terms(old))) >= 3:
            return named
    return []


_SAME = re.compile(r"\b(?:the same|no different|identical)\b", re.I)


def _scopes(facts: ChangeFacts, move: RuleMove) -> list[str]:
    """The categories of the change's condition ("course = intensive") that the move's new
    prompt sentence names: the rule it states holds for them."""
    atoms = facts.conditions[0].atoms if facts.conditions else ()
    values = [str(atom.value).replace("_", " ") for atom in atoms if atom.op == "="]
    return [v for v in values if v and re.search(rf"\b{re.escape(v)}\b", move.new_sentence, re.I)]


_BESIDE = re.compile(r"[,;:()]|\s[–—-]\s")
"""Where a clause of a prompt sentence ends: what is named beside a category is inside it."""


def split_off(facts: ChangeFacts, move: RuleMove, sentence: str) -> bool:
    """Whether a sentence is about a subject the changed prompt sentence named and its new
    version no longer does ("on the intensive course and on the evening course, … week 2" →
    "on the intensive course, … week 4"): it names that subject ("evening") and none of the
    categories the change is limited to, which both versions name, so the moved value is not
    its rule."""
    if move.kind != "value" or move.subject or not move.old_sentence or not move.new_sentence:
        return False
    # the old sentence named the category beside the subject: "every product" → "electronics
    # … ; other products …" splits nothing off
    scopes = [
        v
        for v in _scopes(facts, move)
        if re.search(rf"\b{re.escape(v)}\b", move.old_sentence, re.I)
    ]
    if not scopes or any(re.search(rf"\b{re.escape(v)}\b", sentence, re.I) for v in scopes):
        return False
    dropped = (
        {stem(word) for word in terms(move.old_sentence)}
        - {stem(word) for word in terms(move.new_sentence)}
        - {stem(word) for word in terms(move.old)}
    )
    gloss = move_gloss(move)
    if gloss is not None:
        dropped -= {stem(word) for word in terms(gloss.old.plain)}  # "(a fortnight)": the value
    dropped = {word for word in dropped if not word[:1].isdigit()}
    said = {stem(word) for word in terms(sentence)}
    if not dropped & said:
        return False
    # the subject split off is named beside the category, in its clause ("on the intensive
    # course and on the evening course"; "whether they bought online or in store"); a word
    # the new prompt put the rest of the rule in other words ("their contract" → "phones")
    # is no subject when the sentence says the rule the way the new sentence does ("You can
    # cancel within 14 days of purchase and we'll close the contract": cancel, purchase)
    beside = " ".join(
        clause
        for clause in _BESIDE.split(move.old_sentence)
        if any(re.search(rf"\b{re.escape(v)}\b", clause, re.I) for v in scopes)
    )
    if dropped & said & {stem(word) for word in terms(beside)}:
        return True
    # ... unless it names the subject split off at least as often as it shares the new
    # sentence's words ("The ticket price and the booking fee will be back on your card within
    # 7 days" beside a hand-off's "reply within 5 working days": ticket, price, fee, card)
    values = content_words(move.old) | content_words(move.new)
    shared = (content_words(move.new_sentence) - values) & content_words(sentence)
    return len(shared) < 2 or len(dropped & said) >= len(shared)


def _move_reasons(facts: ChangeFacts, sentence: str) -> list[str]:
    moves = [
        move
        for move in facts.moves
        if not split_off(facts, move, sentence)
        and not kept_elsewhere(move, sentence, facts.still_stated)
    ]
    move = closest_move(moves, sentence)
    if move is None:
        # "- Minimum age: 16": a line keying the bare old value by what it is of
        keyed = [m for m in moves if keyed_value_line(m, sentence)]
        if keyed:
            return [
                f"states the old rule ({keyed[0].old}) under its key; the new prompt says "
                f"{keyed[0].new}: “{keyed[0].new_sentence}”"
            ]
        # "This is the same on monthly and annual plans": a claim of sameness that names the
        # subset the prompt now gives another value
        for scoped in facts.moves:
            named = set(terms(scoped.scope)) & set(terms(sentence))
            if scoped.scope and named and _SAME.search(sentence):
                return [
                    f"states the old rule: says it is the same for {scoped.scope.split()[-1]}; "
                    f"the new prompt says {scoped.new} {scoped.scope}"
                ]
        # "It's the same whatever bike you hire": the category's new value ends it
        for scoped in facts.moves:
            noun = claims_same(scoped, sentence, facts.category_kinds())
            if noun is not None:
                return [
                    f"states the old rule: says it is the same for every {noun}; the new "
                    f"prompt says {scoped.new} {scoped.scope}"
                ]
        # the old value of a subset's new exception, said the way the changed probes' old
        # replies said it ("bought more than 14 days ago, they stay paid"): the same rule,
        # in words the prompt sentence does not share
        for scoped in facts.moves:
            if (
                scoped.scope
                and _states_value(scoped, sentence)
                and _like_old_reply(facts, scoped.old, sentence)
            ):
                return [
                    f"states the old rule ({scoped.old}) as the changed conversations' old "
                    f"replies did; the new prompt says {scoped.new} {scoped.scope}"
                ]
        return []
    glossed = said_as_gloss(move, sentence)
    said = f"{move.old}, in the words “{glossed}” the old prompt glossed it with" if glossed else ""
    return [
        f"states the old rule ({said or move.old}); the new prompt says {move.new}: "
        f"“{move.new_sentence}”"
    ]


UNIVERSAL_CLAIM = re.compile(
    r"\b(?:any|every|always|each)\b|(?<!\bat )\ball\b"
    r"|\b(?:anywhere|everywhere)\b(?!\s+else\b)"
    r"|\bsame (?:on|for)\b",
    re.I,
)
"""A word claiming something for every case ("any", "every", "anywhere in the UK"); "at all"
("nothing at all") only stresses a denial, and "anywhere else" compares ("the same as
anywhere else"). "Everything" is no such word here: a rule's own "everything else" and
"everything is dispatched within 3 days" share it by chance; a "whatever …" lead is read by
the writers of the claim it leads (`addedhandoff`, `splitcase`), not as an exception."""


_RULE_QUANTIFIED = re.compile(r"\b(?:any|every|all|each)\s+(?:other\s+)?([A-Za-z][\w'’-]*)", re.I)
"""What a rule's own claim is over ("every other complaint": complaint)."""
_UNIVERSAL_STEMS = frozenset(stem(word) for word in ("any", "every", "each", "all", "always"))
_QUANTIFIED = re.compile(r"\b(any|every|all|each)\s+([A-Za-z][\w'’-]*)", re.I)
_PER_UNIT = re.compile(
    r"(?<=\d)(?:\s*(?:[a-z]{1,3}|%))?(?:\s+(?:an?|per)\s+[a-z]+)?\s+each\b"
    r"|\b(?:a|one)\s+each\b"
    r"|\bevery\s+(?:\d[\d,.]*|other|second|third|few)\b"
    r"|\bevery\s+(?:morning|afternoon|evening|night|day|weekday|week|month|year|season)\b",
    re.I,
)
"""A price or count per unit ("£25 each", "$5 each", "2 each", "one each", "£21 an hour
each") or a rate ("one guide for every 12 walkers", "every 2 hours", "every other week",
"made fresh every morning"): "each" and "every" say what one of them costs or how often, not
that something holds in every case."""


def _claim_words(sentence: str) -> str:
    """`sentence` without the per-unit "each" of an amount (`_PER_UNIT`)."""
    return _PER_UNIT.sub("", sentence)


def _rule_quantifies(topic_text: str, sentence: str) -> bool:
    """Whether every universal word of a sentence quantifies what the rule quantifies the
    same way ("the first part of any repair" where the rule says "the first £100 of any
    repair"): the rule's own scope, no claim the rule makes an exception to."""
    said = UNIVERSAL_CLAIM.findall(_claim_words(sentence))
    quantified = [
        (q.lower(), stem(noun.lower())) for q, noun in _QUANTIFIED.findall(_claim_words(sentence))
    ]
    in_rule = {(q.lower(), stem(noun.lower())) for q, noun in _QUANTIFIED.findall(topic_text)}
    return len(quantified) == len(said) and all(pair in in_rule for pair in quantified)


def claims_for_all(topic_text: str, sentence: str) -> bool:
    """Whether a sentence claims for every case ("on every fare", "any prescription") what
    a rule now makes an exception to: a universal word and two words of `topic_text`, unless
    the rule quantifies the same thing the same way (`_rule_quantifies`)."""
    if sentence.lstrip().startswith(("#", "|")):
        return False
    if not UNIVERSAL_CLAIM.search(_claim_words(sentence)):
        if not _WHATEVER_HELD.search(sentence):
            return False
        return _claims_whole_order(topic_text, sentence)
    if _rule_quantifies(topic_text, sentence):
        return False
    topic = {stem(word) for word in terms(topic_text)}
    # a product named with the rule's verb in a compound ("ready-dressed crab pots") is not
    # what the rule does ("asks for crab dressed")
    named = _NAMED_WITH_PARTICIPLE.sub(" ", sentence)
    shared = topic & {stem(word) for word in terms(named)}
    # a claim over another thing than the rule's own claim ("every order" of "We cook every
    # order fresh" beside "resolve every other complaint") says only what it is about: two
    # words of the rule besides it and the universal word say it claims the rule
    quantified = {stem(found.group(2).lower()) for found in _QUANTIFIED.finditer(sentence)}
    ruled = {stem(found.group(1).lower()) for found in _RULE_QUANTIFIED.finditer(topic_text)}
    if quantified and ruled and not quantified & ruled:
        return len(shared - quantified - _UNIVERSAL_STEMS) >= 2
    return len(shared) >= 2


def _claims_whole_order(topic_text: str, sentence: str) -> bool:
    """Whether a sentence claiming what it says for whatever an order holds (`_WHATEVER_HELD`)
    claims it of what a refusing rule now takes out ("Whatever's in your basket, … cleaning
    chemicals, we can send it" for "Orders containing chemical cleaners … can't be sent …"):
    it names the refused kind (`refused_subject`) and says what the rule does (a word of the
    rule besides the kind, "send" for "sent" too)."""
    refused = refused_subject(topic_text)
    if refused is None:
        return False
    kind = {stem(word) for word in terms(refused)}
    said = verb_terms(sentence)
    # what the rule does, said after the kind ("can't be sent to …"), not what carries it
    done = verb_terms(topic_text.split(refused, 1)[-1]) - kind
    return bool(kind & said) and bool(done & said)


_WHATEVER_HELD = re.compile(
    r"\bwhatever(?:['’]s|\s+is|\s+you\s+(?:put|have|add))\s+in\s+(?:your|the|their)\s+"
    r"(?:basket|order|cart|trolley|bag|box|parcel)s?\b",
    re.I,
)
"""A claim over everything an order holds ("Whatever's in your basket, …", "whatever you put
in your order"): every case of it for a rule refusing a kind of thing in orders. Not a
"whatever" over the customer's choice ("Whatever you bought from us, …"), which the writers of
the claim it leads read (`UNIVERSAL_CLAIM`)."""
_NAMED_WITH_PARTICIPLE = re.compile(r"\b[A-Za-z]+-[a-z]+ed\b")


# a head that is a clause of its own ("When a customer hires two or more bikes, the hire
# includes …") says the rule itself, not only whom it is for
_CLAUSE_HEAD = re.compile(r"^(?:if|when|whenever|once|where|as soon as)\b", re.I)


def _rule_subjects(facts: ChangeFacts, kind: str, head: str) -> set[str]:
    """What the change is about (`change_topic`), and for a rule new to the prompt what its
    head names ("Orders containing chemical cleaners or sanitisers can't be sent to …"): a
    claim said of "our cleaners and sanitisers" is said of them."""
    topic = change_topic(facts)
    if topic and kind == "sentence_added":
        topic |= {stem(word) for word in terms(head) if not word[:1].isdigit()}
    return topic


def _exception_reasons(facts: ChangeFacts, sentence: str) -> list[str]:
    """A sentence the new rule for some customers contradicts: one that restates the changed
    prompt sentence's old numbers, one claiming the old handling for every case, or the row
    of a list or table for the customers the rule names."""
    found = subset_rule(facts.rules)
    if found is None:
        return []
    rule, restated = found
    if restates_old_values(rule, sentence):
        return [f"states the old rule: the new prompt says {_quote(rule.new)}"]
    # a changed sentence's old version says what the sentence claims for everyone; the claim
    # is wrong for the new subset only where it draws the line the change crosses ("up to
    # 23 kg on every fare" when bags over 23 kg changed, not "ski bags up to 32 kg")
    # a rule new to the prompt has no old line: the claim must be about what its head singles
    # out ("Any prescription with refills left can be refilled in chat" for "Refills of
    # controlled medications are not processed in chat")
    if rule.kind == "sentence_changed":
        crossed = _states_lower_bound(facts, sentence) or _old_claim_for_all(rule, sentence)
        topic_text = restated.head + " " + restated.statement
    else:
        crossed, topic_text = True, restated.head
        if restated.labelled:
            # whom the rule names is in its statement ("patients aged 65 or over never pay
            # the late-cancellation fee"): what it is about is there too
            topic_text += " " + restated.statement
    # a new rule labelled by whom it is for ("Rented for more than 12 months: …") claims what
    # its statement says of them: a sentence sharing only whom it names ("every rental
    # includes a free tuning every 12 months" beside "Rented for more than 12 months: 50% of
    # the rent paid counts") claims something else for everyone
    about = {stem(word) for word in terms(restated.statement)} - {
        stem(word) for word in terms(restated.head)
    }
    if (
        rule.kind != "sentence_changed"
        and about
        and not restated.head_is_clause
        and not _CLAUSE_HEAD.match(restated.head)
    ):
        crossed = crossed and bool(about & {stem(word) for word in terms(sentence)})
    # an addition takes nothing away: what held in every case still does (`adds_only`)
    if (
        crossed
        and not adds_only(facts)
        and (
            claims_for_all(topic_text, sentence)
            or claims_for_every_kind(restated.head, restated.statement, sentence)
            or row_claims_for_all(topic_text, sentence)
        )
        and not claims_other_than_route(facts, sentence)
        and not off_charge_topic(facts, sentence)
        and not claim_of_other_subject(_rule_subjects(facts, rule.kind, restated.head), sentence)
    ):
        return [f"says it holds in every case; the new prompt says {_quote(rule.new)}"]
    if excepting_row(sentence, restated.head) is not None:
        # a row keyed by whom the rule names, whose cell claims every kind (`claimrow`)
        return [f"lists what {_row_key(sentence)} gets without the new rule: {_quote(rule.new)}"]
    key = keyed_row(restated.head, sentence)
    topic = {stem(word) for word in terms(restated.statement)}
    if key and topic & {stem(word) for word in terms(sentence)}:
        return [f"lists what {key} gets without the new rule: {_quote(rule.new)}"]
    return []


_EXCEPTING = re.compile(r",\s+except\s+(?:for\s+)?\w", re.I)
"""A claim for every case that carves some out of it (", except international students …")."""


def _old_claim_for_all(rule: Rule, sentence: str) -> bool:
    """Whether the changed sentence claimed its rule for every case and its new text no longer
    does ("Credits do not carry over on any plan" → "Premium members: unused credits roll
    over …"), and `sentence` says the old one in two of its words: the line the change draws
    runs through every case the old claim covered."""
    old, new = rule.old or "", rule.new or ""
    # "Every tenant needs a guarantor, except students who pay upfront": the claim is kept
    # for all but those it excepts, so no longer for every case
    excepting = _EXCEPTING.search(new) is not None
    if not UNIVERSAL_CLAIM.search(_claim_words(old)) or (
        UNIVERSAL_CLAIM.search(_claim_words(new)) and not excepting
    ):
        return False
    # the same every-case ("any plan", "any of our plans"), not another ("each month")
    if not _quantified(old) & _quantified(sentence):
        return False
    # a new rule counting the same things ("free for one item per order" after "for each
    # item") is a count moved, another class's, not a claim dropped
    if not excepting and _quantified(old) & {stem(word) for word in terms(new)}:
        return False
    # and about the rule's own subject, beyond the noun counted ("each item" of a refund is
    # not "each item" of a gift wrap)
    said = {stem(word) for word in terms(sentence)} - _quantified(old)
    return len(said & {stem(word) for word in terms(old)}) >= 2


_EVERY_NOUN = re.compile(
    r"\b(?:any|every|all|each)\s+(?:of\s+(?:our|the|your|their)\s+)?(?P<noun>[a-z][\w-]*)", re.I
)


def _quantified(text: str) -> set[str]:
    """The stems of the nouns a text claims something of in every case ("any plan" → plan)."""
    return {stem(found.group("noun").lower()) for found in _EVERY_NOUN.finditer(text)}


def _row_key(row: str) -> str:
    """The first cell of a Markdown table row, trimmed."""
    cells = cell_spans(row.strip())
    return row.strip()[cells[0][0] : cells[0][1]].strip() if cells else row.strip()


def _states_lower_bound(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a sentence states the exclusive lower bound of a band in the change's condition
    (the line above which the change happens)."""
    condition = facts.condition
    numbers = set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\d])", sentence.replace(",", "")))
    for atom in condition.atoms if condition else ():
        low: object = atom.low if atom.op == "between" else None
        if atom.op == ">":
            low = atom.value
        if isinstance(low, int | float) and f"{low:g}" in numbers:
            return True
    return False


def _quote(text: str) -> str:
    return quoted(text.strip())


def _states_value(move: RuleMove, sentence: str) -> bool:
    return bool(moves_for([move], sentence)) and not moves_for(
        [RuleMove(move.hunk_id, "", "", move.new, move.old, "value")], sentence
    )


def _like_old_reply(
    facts: ChangeFacts, value: str, sentence: str, ignore: Collection[str] = ()
) -> bool:
    """Whether a KB sentence reads like a sentence of the changed probes' old replies, numbers
    aside (each reply says its own probe's number): most of its words are in one. `ignore`:
    words left out of the count (`shared_words`)."""
    words = {word for word in terms(sentence) if not word[:1].isdigit()} - set(terms(value))
    words -= set(ignore)
    if len(words) < 3:
        return False
    for excerpt in facts.excerpts:
        for said in sentences(excerpt.old):
            shared = words & set(terms(said))
            if len(shared) * 2 >= len(words) or len(shared) >= 4:
                return True
    return False


# the words that say a value ("within 24 hours", "up to 3 days"), not what it is about; the space
# before "and" only from the start of its run, taken whole: a run of spaces in a hostile reply
# would otherwise be tried from every one of its positions (quadratic)
_CLAUSE_BREAK = re.compile(
    r",\s+(?:so|and|but|because|as)\s+|;\s*|(?<!\s)\s++and\s+(?=(?:we|you|they|we'll|you'll)\b|"
    r"(?:a|an|the|our|your)\s+\w+\s+(?:will|can|is|are|has|have|must|may|\w+s)\b)"
)
_WHEN_CLAUSE = re.compile(
    r"(?<!\s)\s+(?:(?:when|whenever|once|if|unless|while)\s+(?:you|we|they|it|your|our|the)"
    r"|the\s+(?:moment|minute|second)|as\s+soon\s+as)\b.*$",
    re.I,
)
"""A trailing time or condition clause ("… when you place your order", "… the moment the
mechanic signs it off", "… as soon as it's ready"); never what a duration counts from ("3
working days from the day you drop it off" is the duration's own)."""
_VALUE_WORDS = frozenset({"within", "after", "before", "until", "under", "over", "up", "least"})


def _said_alike(facts: ChangeFacts, value: str, sentence: str) -> bool:
    """Whether a KB sentence stating `value` says it about what the old replies said it
    about: most of its words (the value's aside) are in an old reply's sentence stating it.
    "Your first debit card arrives within 5-7 business days" is not about a replacement card
    that "arrives within 5-7 business days"."""
    value_terms = set(terms(value)) | _VALUE_WORDS | set(terms(percent_words(value)))
    # the clause that states the value ("…, so parcels arrive within 2 days")
    clauses = [part for part in _CLAUSE_BREAK.split(sentence) if value_terms & set(terms(part))]
    if not clauses:
        # the value in the sentence's own words ("one fifth of" for 20%): its words say the
        # value, not what it is about; its clause is read beside the whole sentence
        forms = [found.group(0) for found in where_stated(value, sentence[:_MAX_CLAUSE])]
        value_terms |= {word for text in forms for word in terms(text)}
        clauses = [part for part in _CLAUSE_BREAK.split(sentence) if any(t in part for t in forms)]
        clauses = [sentence, *(part for part in clauses if part != sentence)]
    # the clause without the time it happens ("… when you place your order"), which a reply
    # says in its own words or not at all
    clauses += [cut for part in clauses if (cut := _WHEN_CLAUSE.sub("", part)) != part]
    olds = tuple(excerpt.old for excerpt in facts.excerpts)
    for clause in clauses:
        words = set(terms(clause)) - value_terms
        if not words:
            return True
        # the clause's amounts in words other than the value's ("a day" beside a reply's "24
        # hours"), each with its words and the replies' amounts it equals
        said_keys = _old_amounts(olds, value)
        every_key = {key: amount for keys in said_keys for key, amount in keys.items()}
        amounts = [
            (amount, said_as, equals)
            for amount in (
                find_quantities(clause[:_MAX_CLAUSE])
                if every_key and _UNITISH.search(clause)
                else []
            )
            if not (said_as := frozenset(terms(amount.text))) <= value_terms
            and (equals := {k for k, other in every_key.items() if equal_amount(amount, other)})
        ]
        for said, keys in zip(_old_said(olds, value), said_keys, strict=True):
            shared = words & (said - value_terms)
            # the same amount said in other words ("within a day" for "in the next 24 hours"):
            # one word shared, its words no others
            alike = [
                (amount, said_as)
                for amount, said_as, equals in amounts
                if not said_as & said and not equals.isdisjoint(keys)
            ]
            if alike:
                said_words = {word for _, said_as in alike for word in said_as}
                own = words - said_words
                shared = (shared - said_words) | {alike[0][0].text}
                if len(shared) * 2 >= len(own) + 1 or len(shared) >= 4:
                    return True
                continue
            if len(shared) * 2 >= len(words) or len(shared) >= 4:
                return True
    # the old rule itself, a sentence of the old prompt the change rewrote or removed ("Every
    # hire pays a deposit of 25% of the hire fee"): longer and more general than a reply's, so
    # three words shared and half the clause's
    # only for the value said in other words ("twenty per cent", "one fifth of" for 20%):
    # in its own figures, the replies alone say what it is about
    figures = re.match(r"[$€£]?(\d[\d,.]*)", value)
    if figures is not None and re.search(
        rf"(?<![\d.,]){re.escape(figures.group(1))}(?![\d])", sentence[:_MAX_CLAUSE]
    ):
        return False
    rules_said = _old_said(_old_rule_sentences(facts), value)
    for clause in clauses:
        # a claim for every case ("Whether there are two of you or a dozen, …", "…, whatever
        # the size of your order") says whom, not what: its words are not counted
        words = set(terms(without_case_claims(clause, ()))) - value_terms
        for said in rules_said:
            shared = words & (said - value_terms)
            if len(shared) >= 3 and len(shared) * 2 >= len(words):
                return True
    return False


_MAX_CLAUSE = 2000
"""How much of a clause is read for amounts (a natural clause is far shorter)."""


def _old_rule_sentences(facts: ChangeFacts) -> tuple[str, ...]:
    """The old prompt sentences the change rewrote or removed: the old rule in the prompt's
    own words, which a KB sentence stating its value about the same thing restates."""
    return tuple(
        rule.old
        for rule in getattr(facts, "rules", ())  # a stand-in of the facts may have none
        if rule.old and rule.kind.startswith("sentence") and rule.old != rule.new
    )


_UNITISH = re.compile(r"\b(?:minute|min|hour|hr|day|week|fortnight|month|year|yr)s?\b", re.I)
"""A unit word: a clause without one states no amount in time `_said_alike` compares."""


@lru_cache(maxsize=16)
def _old_amounts(
    olds: tuple[str, ...], value: str
) -> tuple[dict[tuple[float, str], Quantity], ...]:
    """The amounts of time each old reply sentence stating `value` states (`_old_said`'s
    sentences, in its order), whatever their words, keyed by count and unit: read once per
    change and value."""
    return tuple(
        {
            (amount.count, amount.unit): amount
            for amount in find_quantities(said)
            if amount.measure in ("time", "calendar", "working")
        }
        for old in olds
        for said in key_sentences(old, [value])
    )


_RESTATED_VALUES = 2
_RESTATED_WORDS = 3


def _old_rule_channel(facts: ChangeFacts, sentence: str) -> str | None:
    """The old channel of a change that moved a sending from one channel to another for all
    its conversations, when `sentence` names that channel and restates the old prompt
    sentence that sent by it: two of its numbers said (in any words), or three of its content
    words; else None."""
    if facts.restricted and facts.who():
        return None  # for some customers only: the others still get the old channel
    switched = switched_channel(facts.removed_promises, facts.added_promises)
    if switched is None or not names_channel(sentence[:_MAX_CLAUSE], switched[0]):
        return None
    old = switched[0]
    said = set(terms(sentence[:_MAX_CLAUSE]))
    numbers = numbers_said(sentence[:_MAX_CLAUSE])
    for rule in facts.rules:
        text = str(rule.old or "")
        if not text or not names_channel(text, old):
            continue
        words = set(terms(text)) - set(terms(old)) - _VALUE_WORDS
        if len(numbers & numbers_said(text)) >= _RESTATED_VALUES or (
            len(words & said) >= _RESTATED_WORDS and numbers & numbers_said(text)
        ):
            return old
    return None


def _channel_said_of_topic(facts: ChangeFacts, value: str, sentence: str) -> bool:
    """Whether a KB sentence stating the old channel `value` says it of what the change moved
    for everyone on its topic: a call's channel argument moved (`channel_argument_switch`),
    the sentence names a word of the condition's topic tags ("PAC codes go out by email",
    tag pac) and shares another word with an old reply sentence stating the channel ("…
    to the address on your account"). Whatever else it says of the sending in its own words,
    every conversation on that topic now gets the new channel."""
    topic = _topic_stems(facts)
    if not topic or not topic & set(terms(sentence)):
        return False
    if channel_argument_switch(facts) is None:
        return False
    words = set(verb_terms(sentence)) - topic - set(terms(value)) - _VALUE_WORDS
    olds = _old_said(tuple(excerpt.old for excerpt in facts.excerpts), value)
    return any(words & (said - topic) for said in olds)


_CALL_WORDS = frozenset(terms("call calls called ring rang phone back give expect get"))


def _address_gone(facts: ChangeFacts, promise: Promise) -> bool:
    """Whether a promise is an address (an email address, a link) the old prompt's changed
    rules gave and the new prompt gives nowhere: a KB sentence giving it, in any words, gives
    what the agent no longer does ("| Claim under the guarantee | Email warranty@… |")."""
    if promise.kind not in ("email", "link"):
        return False
    value = promise.value.lower()
    if not any(value in str(rule.old or "").lower() for rule in facts.rules):
        return False
    return not any(
        value in sentence.lower()
        for sentences in facts.prompt_sections.values()
        for sentence in sentences
    )


def _call_said_alike(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a KB sentence promising a call to the customer ("expect a call back once a
    slot is free") says it about what the old replies promised a call about: most of its
    words (the call's aside) are in an old reply's sentence promising one. A call promise has
    no value to find in the replies, as `_said_alike` does."""
    words = set(terms(sentence)) - _CALL_WORDS
    if not words:
        return True
    for excerpt in facts.excerpts:
        for said in sentences(excerpt.old):
            if not calls_to_customer(said):
                continue
            shared = words & (set(terms(said)) - _CALL_WORDS)
            if len(shared) * 2 >= len(words) or len(shared) >= 4:
                return True
    return False


@lru_cache(maxsize=16)
def _old_said(olds: tuple[str, ...], value: str) -> tuple[frozenset[str], ...]:
    """The `verb_terms` of each old reply sentence stating `value`: read once per change and
    value, not again for every KB sentence stating it (replies of 500k characters times a KB
    stating the value in every sentence is quadratic)."""
    return tuple(
        frozenset(verb_terms(said)) for old in olds for said in key_sentences(old, [value])
    )


_DENIAL = frozenset(
    {"not", "never", "cannot", "can't", "can’t", "won't", "won’t", "don't", "don’t", "unable"}
    | {"doesn't", "doesn’t", "didn't", "didn’t", "couldn't", "couldn’t", "no"}
)
"""Words denying the verb they stand before ("we can't refund it", "unable to replace")."""
_DENIAL_REACH = 3
"""How many words before a verb its denial may stand ("I'm afraid we can't refund it")."""
_TOKEN = re.compile(r"[A-Za-z][\w'’]*")
_DENIAL_BREAK = re.compile(r"[,:;.!?]\s|\s[–—-]\s")
"""Where one clause of a sentence ends and the next starts."""
_GATE = frozenset({"before", "until"})
_ABLE = frozenset({"can", "could"})


def denies_doing(verbs: set[str], sentence: str) -> bool:
    """Whether every word of a sentence naming one of `verbs` (stems) is denied ("so I'm
    afraid we can't refund it", "we are unable to replace it") or held (`_held`): a sentence
    saying we do not do what the new agent no longer does is no description of the old action,
    and stays true.
    A denial in an earlier clause denies something else ("There's no paperwork: we book it
    straight away", "No problem, we'll refund it")."""
    named = 0
    for clause in _DENIAL_BREAK.split(sentence):
        words = [word.lower() for word in _TOKEN.findall(clause)]
        held = _held_from(words)
        for index, word in enumerate(words):
            if stem(word) not in verbs:
                continue
            named += 1
            if index < held and not any(
                w in _DENIAL for w in words[max(0, index - _DENIAL_REACH) : index]
            ):
                return False
    return named > 0


def _held_from(words: list[str]) -> int:
    """Where a clause's words start being held behind a requirement ("Before we can book your
    dive", "… signed by your doctor before we can book your dive"): what follows "before we
    can" waits, it is not done, and stays true wherever the new agent holds it too. The
    clause's length when nothing is held."""
    for index in range(len(words) - 2):
        if words[index] in _GATE and words[index + 2] in _ABLE:
            return index
    return len(words)


def _action_terms(name: str, topic: set[str]) -> set[str]:
    """The words of a tool's name a sentence must share to describe the tool. The topic of
    every conversation of the change says nothing about the action ("fix_bicycle" in
    conversations about bicycles is described by its verb, "we'll fix it", not by "your
    bicycle"): when the longer words are all topic, the short ones (the verb) remain."""
    words = [word for word in name.lower().split("_") if word]
    long_terms = {stem(word) for word in words if len(word) > 3}
    if not long_terms or long_terms - topic:
        return long_terms
    return {stem(word) for word in words if len(word) == 3} - topic


_Cases = tuple[AppendedCase | None, DroppedOnly | None, AlsoGranted | None, ChangeFacts | None]
_CASES: LastChange[_Cases] = LastChange()


def _rule_cases(facts: ChangeFacts) -> _Cases:
    """The change's appended case, dropped "only" and granted case, read once per change (its
    rules and condition as they are), not again for every KB sentence; and, beside a dropped
    "only" or a granted case, the change with only its other sentences' moves (None when it
    has none): those still conflict where a KB sentence states them."""
    key = (tuple(facts.rules), facts.restricted, tuple(map(id, facts.conditions)))
    return _CASES.get(facts, key, lambda: _read_rule_cases(facts))


def _read_rule_cases(facts: ChangeFacts) -> _Cases:
    dropped, granted = dropped_only(facts), also_granted(facts)
    own = dropped.old_sentence if dropped is not None else None
    others = [
        move for move in facts.moves if own is None or move.old_sentence.rstrip(" \t\n.;:!") != own
    ]
    rest = replace(facts, moves=others) if others and (dropped or granted) else None
    return (appended_case(facts), dropped, granted, rest)


def sentence_conflict(facts: ChangeFacts, sentence: str) -> tuple[str, ...]:
    """Why a sentence contradicts the new behavior; empty when it does not.

    When the change is a rule move of the prompt (a cap from 10% to 15%), only sentences that
    state the old rule conflict: what the old replies said stays true for everyone the move
    does not reach."""
    appended, dropped, granted, rest = _rule_cases(facts)
    if appended is not None:
        # a case appended to a kept rule: only the old rule said for everyone conflicts
        said = appended_case_reason(appended, sentence)
        return (said,) if said else ()
    if (excepted := added_exception(facts)) is not None:
        # an exception added to a kept rule: only the old rule said for everyone conflicts
        said = added_exception_reason(excepted, sentence)
        return (said,) if said else ()
    if dropped is not None or granted is not None:
        # an "only" dropped for a case appended to a kept rule: only the old value said as the
        # only one conflicts; a shorter requirement granted to one case: only the old one
        # required of everyone, as an addition takes nothing else away. A value another
        # sentence of the change moved still conflicts where it is said.
        if dropped is not None:
            said = dropped_only_reason(dropped, sentence)
        else:
            said = also_granted_reason(granted, sentence) if granted is not None else None
        if said:
            return (said,)
        return tuple(_move_reasons(rest, sentence)) if rest is not None else ()
    reasons: list[str] = _move_reasons(facts, sentence)
    if not reasons and (closed := closed_band_reason(facts, sentence)) is not None:
        # the band between the old line and the new one, whose own rule the new prompt drops
        reasons.append(closed)
    if not reasons and (stale := stale_exclusion_reason(facts, sentence)) is not None:
        # a kind added to a list of exceptions: a claim for all but the old ones
        reasons.append(stale)
    if not reasons and (opened := open_band_reason(facts, sentence)) is not None:
        # a band whose open end the new prompt closed, said open with its old value
        reasons.append(opened)
    if not reasons and (whole := whole_promise_reason(facts, sentence)) is not None:
        # a promise made anew (person, way and time): its old words beside a time conflict
        reasons.append(whole)
    if not reasons and (gated := gated_reason(facts.gated, sentence)) is not None:
        # the shortened window said with the action it gates, not the moved sentence's words
        reasons.append(gated)
    if not reasons and any(move.categories for move in facts.moves):
        limited = narrowed_quantifier(facts.rules, facts.conditions, sentence)
        if limited is not None:
            reasons.append(
                f"states the old rule for every case; the new prompt says {_quote(limited[1])}"
            )
    if facts.explained_by_moves:
        # a free line moved onto a band now charged: what says the thing is free in any words
        # ("it's on us"), the line or none, says less than the band's charge
        charge = new_charge(facts) if facts.moves else None
        if charge is not None and denies_charge(charge, sentence):
            reasons.append(f"{NEW_CHARGE_REASON}: {_quote(str(charge.rule.new))}")
        return tuple(reasons)
    if not facts.moves and facts.restricted:
        reasons += _exception_reasons(facts, sentence)
    required = requirement(facts.rules)
    # a requirement for part of a range first: the sentence stays true for the rest of it
    if (scoped := scoped_need_reason(change_scoped_need(facts), sentence)) is not None:
        reasons.append(scoped)
    elif (
        on_channel := channel_need_reason(channel_need(facts.rules, facts.conditions), sentence)
    ) is not None:
        # a question asked first on one channel: the sentence stays true for the others
        reasons.append(on_channel)
    elif required is not None and negates_requirement(required, sentence):
        reasons.append(f"{NEGATED_REASON} the new prompt says {_quote(str(required.rule.new))}")
    # the promises the replies were compared on: values, and a call back or a time of day
    stated = extract_promises(sentence) | calls_to_customer(sentence) | worded_percents(sentence)
    for promise in facts.removed_promises:
        if _told_after_step(facts, promise.value):
            continue
        for found in stated:
            if not found.same_value(promise):
                continue
            if promise.topic and found.topic and promise.topic != found.topic:
                continue
            if promise.kind == "callback":
                if not _call_said_alike(facts, sentence):
                    continue
            elif promise.kind == "duration" and condition_line(facts, promise.value):
                # the line the change's case is drawn at, not what changed in it
                continue
            elif (
                not _said_alike(facts, promise.value, sentence)
                and not _address_gone(facts, promise)
                and not (
                    promise.kind == "channel"
                    and _channel_said_of_topic(facts, promise.value, sentence)
                )
                and not (
                    promise.kind == "percent"
                    and states_moved_percent(facts, promise.value, sentence)
                )
                and not (
                    promise.kind == "duration"
                    and (topic := _topic_stems(facts))
                    and said_of_topic(
                        promise.value,
                        sentence,
                        topic,
                        _old_said(tuple(excerpt.old for excerpt in facts.excerpts), promise.value),
                    )
                )
            ):
                continue
            reasons.append(f"states {promise.value}, which the new agent no longer states")
    if not reasons and (channel := _old_rule_channel(facts, sentence)) is not None:
        # the old rule's sending restated in the KB's words ("by six o'clock we'll have sent
        # you an email with a two-hour slot" of "We email the customer a 2-hour delivery
        # window by 6pm the evening before"): its channel moved for everyone on the topic
        reasons.append(f"states {channel}, which the new agent no longer states")
    if not reasons and tells_to_email(facts, sentence):
        # "drop our warranty team an email" when warranty@… became a claim form
        reasons.append("tells the customer to email, which the new agent no longer states")
    if facts.removed_promises:
        # the old rule's other promise, kept by the new prompt only with a condition ("a
        # courier only rings if nobody is home"), stated without it
        for rule in facts.rules:
            if rule.kind == "sentence_changed":
                weaker = states_weakened(rule.old, rule.new, sentence)
                if weaker:
                    reasons.append(
                        f"promises for everyone what the new prompt limits: {_quote(weaker)}"
                    )
                    break
    if facts.restricted and _UNIVERSAL.search(sentence):
        topics = {p.topic for p in facts.removed_promises if p.topic}
        if any(topic in sentence.lower() for topic in topics):
            reasons.append(f"says it is the same for everyone; it now depends on {facts.when()}")
    if not reasons and (same := same_whatever_reason(facts, sentence)) is not None:
        reasons.append(same)
    if not reasons and (waived := waived_reason(facts, sentence)) is not None:
        reasons.append(waived)
    if not reasons and (banded := band_claim_reason(facts, sentence)) is not None:
        reasons.append(banded)
    if not reasons and (split := split_tail_reason(facts, sentence)) is not None:
        reasons.append(split)
    if not reasons and (kept := kept_back_reason(facts, sentence)) is not None:
        reasons.append(kept)
    if not reasons and (every := added_handoff_reason(facts, sentence)) is not None:
        # a hand-off added over a line: "whatever …, we handle it here" is not true above it
        reasons.append(every)
    if not reasons and (split := every_split_reason(facts, sentence)) is not None:
        # a value the new prompt splits by category, said for every case
        reasons.append(split)
    if not reasons and (by_place := ordinal_split_reason(facts, sentence)) is not None:
        # a value the new prompt says by position, said for every case
        reasons.append(by_place)
    removed_escalation = facts.escalation == "removed" or any(
        action.is_escalation for action in facts.before_actions
    )
    if removed_escalation:
        words = _escalation_words(sentence) or _handoff_words(facts, sentence)
        # a re-routed hand-off: another team named is no old route
        if words and not names_other_team(facts, sentence):
            reasons.append(f"{HANDOFF_REASON} ({words[0]})")
    for _, fallback in facts.tool_fallbacks:
        without = fallback_action(fallback)
        if without and says_fallback(without, sentence):
            reasons.append(f"{FALLBACK_REASON} ({_quote(without)})")
    reasons += _described_actions(facts, sentence)
    if not reasons:
        reasons += _unchecked_claim(facts, sentence)
    offer = withdrawn_offer(facts)
    if offer is not None and promises_withdrawn(offer, sentence):
        reasons.append(f"{WITHDRAWN_REASON}: it said {_quote(str(offer.rule.old))}")
    charge = new_charge(facts)
    if charge is not None and denies_charge(charge, sentence):
        reasons.append(f"{NEW_CHARGE_REASON}: {_quote(str(charge.rule.new))}")
    if not reasons and (served := self_served(facts)) and tells_customer_to(served, sentence):
        # the customer told to do what the agent now does for them
        reasons.append(SELF_SERVE_REASON)
    if not reasons and (handed := handed_over(facts)) and does_for_customer(handed, sentence):
        # we said we do for them what they now do themselves, another way
        reasons.append(HANDED_OVER_REASON)
    if not reasons and (granted_to := granted_party_reason(facts, sentence)) is not None:
        # a party the old prompt denied, now granted beside the first
        reasons.append(granted_to)
    if not reasons and (widened := widened_only_reason(facts, sentence)) is not None:
        # one way said to be the only one, where the new prompt joins another to it
        reasons.append(widened)
    if not reasons and old_way(facts, sentence) and band_swap(facts) is None:
        # a swap past a line keeps the old way for the rest: its own finder reads the claims
        # it makes untrue (`band_swap_conflicts`)
        reasons.append(OLD_WAY_REASON)
    # an offer now made second, for some cases: what is said of it stays true when it is made
    reasons = [reason for reason in reasons if not still_true_of_old_offer(facts, reason)]
    if (first := offer_order_reason(facts, sentence)) is not None:
        reasons.append(first)
    if reasons and another_purpose(facts, sentence):
        # the old promise's person and time said for another purpose: another topic
        return ()
    return tuple(reasons)


_LEADING = 3
"""How many earlier sentences of its paragraph a sentence is read with (bounded: linear)."""


_WE_DO = re.compile(r"\b(?:we|I|us)\b|\b(?:we|I)(?:'|’)(?:ve|ll|re|d|m)\b", re.I)
"""A sentence saying a deed of ours ("so I've refunded its price", "we'll replace it")."""


_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _table_header(item_units: list[Unit], index: int) -> bool:
    """Whether the unit at `index` is a Markdown table's header row: a row followed by the
    |---| row."""
    return (
        item_units[index].text.lstrip().startswith("|")
        and index + 1 < len(item_units)
        and _SEPARATOR_ROW.match(item_units[index + 1].text) is not None
    )


def _leading(text: str, item_units: list[Unit], index: int, title: str) -> str:
    """The item's title (its category prefix off) and up to `_LEADING` earlier sentences of a
    unit's paragraph: what names the object of an action the unit says."""
    parts = [title.rsplit("::", 1)[-1]]
    for before in range(index - 1, max(-1, index - 1 - _LEADING), -1):
        gap = text[item_units[before].end : item_units[before + 1].start].replace("\r", "")
        if "\n\n" in gap or item_units[before].raw.lstrip().startswith("#"):
            break
        parts.append(item_units[before].text)
    return "\n".join(parts)


def _led_to(
    facts: ChangeFacts, text: str, item_units: list[Unit], index: int, before: tuple[str, ...]
) -> tuple[str, ...]:
    """Why a sentence right after one describing an action the new agent no longer takes, in
    its paragraph, is wrong too: it states a promise the new agent no longer states (the time
    the old action took, "You'll see the money within 5 business days."), said of it."""
    if not any(reason.startswith("describes `") for reason in before):
        return ()
    gap = text[item_units[index - 1].end : item_units[index].start].replace("\r", "")
    if "\n\n" in gap or item_units[index].raw.lstrip().startswith(("#", "|")):
        return ()
    stated = extract_promises(item_units[index].text)
    return tuple(
        f"states {promise.value}, which the new agent no longer states"
        for promise in facts.removed_promises
        if any(found.same_value(promise) for found in stated)
    )


def _described_actions(facts: ChangeFacts, sentence: str, context: str = "") -> list[str]:
    """Why a sentence describes an action the new agent no longer takes: it shares the words
    of the tool's name (`_action_terms`). Words of the name that are the conversations' topic
    ("plant" of `refund_plant`) may be said by `context` instead, the sentences it follows
    ("I'm sorry your plant died. … so I've refunded its price"); its verb never. A sentence
    denying the action (`denies_doing`) does not describe it."""
    topic = _topic_stems(facts)
    # the case the new prompt excepts from its rule ("Emergencies are the exception: open
    # the work order at once") still gets the old action
    if names_exception(facts.rules, sentence, changed_case_words(facts)):
        return []
    around = {stem(word) for word in terms(context)} & topic if context else set()
    reasons = []
    # an action now the customer's own another way: only what says we do it is old
    # (`handedover`); what is said of it otherwise ("Renewing is free") stays true
    handed = handed_over(facts)
    for action in facts.before_actions:
        if action.is_escalation or still_made(facts, action):
            continue
        if handed is not None and action.name == handed.tool:
            continue
        if about_kept_action(facts.kept_action_topics, sentence):
            # the new prompt still describes it, unchanged, for this sentence's topic
            continue
        if states_old_address(facts, sentence) or tells_to_email(facts, sentence):
            # "Just email our parts team at parts@snugride.example": the address, link or
            # number the old call gave, which the new one gives otherwise
            reasons.append(f"describes {action.code()}, which the new agent no longer does")
            continue
        if _names_new_value(facts, action, sentence):
            # "You're booked on the adult session" when `session` went junior → adult: the
            # call the new agent makes, not the old one
            continue
        if reports_done(facts, action, sentence):
            # "Your plan is now cancelled" when the new prompt still cancels, later or for some
            continue
        if done_without_moved(action, sentence, list(_moved_arguments(facts, action))):
            # "Your session on {{date}} is cancelled." when `refund` went full → none: the
            # call both versions make, reported done without what changed in it
            continue
        if _old_value_unsaid(facts, action, sentence):
            # "Your test is booked for {{time}}" when `slot_window` went morning → any: the
            # call both versions make, said without what changed in it
            continue
        name_terms = _action_terms(action.name, topic)
        shared = name_terms & verb_terms(sentence)
        # "order_replacement_card" is described by "we'll order a replacement" too
        needed = len(name_terms) if len(name_terms) <= 2 else len(name_terms) - 1
        if context:
            # the context only says what the sentence leaves unsaid: a sentence describing
            # the action alone was read (and maybe cleared) without it
            if len(shared) >= needed or not shared - topic or not _WE_DO.search(sentence):
                # nor does a sentence saying no deed of ours ("Hires start on the hour from
                # 9am" under "Booking a kayak": the name's word is a noun there)
                continue
            shared |= name_terms & around
        elif labelled_old_value(sentence, name_terms, shared, _dropped_values(facts, action)):
            # "- Payment: in full when you book" of take_payment, amount full → deposit_20
            shared = name_terms
        elif shared and len(shared) < needed and _says_removed_term(facts, name_terms, sentence):
            # "we'll refund you in full" of `refund_order`, whose old replies promised a "full
            # refund": the name's verb and the old promise's words, without its object
            shared = name_terms
        if (
            name_terms
            and len(shared) >= needed
            and not denies_doing(shared - topic or shared, sentence)
        ):
            reasons.append(f"describes {action.code()}, which the new agent no longer does")
    return reasons


def _told_after_step(facts: ChangeFacts, value: str) -> bool:
    """Whether a value the old replies gave is still told once a step the new prompt puts
    before the old action passes: the new prompt's sentence taking the action then ("Once the
    photo arrives, refund the item with `refund_item` … and tell the customer the refund
    reaches their card within 5 working days") states it."""
    pattern = value_pattern(value)
    for action in facts.before_actions:
        if action.is_escalation:
            continue
        name = {stem(word) for word in action.name.lower().split("_") if len(word) > 2}
        if new_step(facts.rules, name) is None:
            continue
        if any(
            rule.new and f"`{action.name}`" in rule.new and pattern.search(rule.new)
            for rule in facts.rules
        ):
            return True
    return False


_NO_CHECK = re.compile(
    r"\b(?:nothing (?:to|for you to) (?:confirm|check)|no (?:security )?(?:checks?|questions)"
    r"(?: asked)?|without (?:any )?(?:checks?|questions)|no [a-z]+s? (?:needed|required)"
    r"|no need (?:for|to) (?:photograph|send|show|prove|provide|confirm)\w*"
    r"|(?:we )?take your word for it)\b",
    re.I,
)
"""A claim that an action needs no check first ("there's nothing to confirm and no security
questions", "no checks")."""


def _unchecked_claim(facts: ChangeFacts, sentence: str) -> list[str]:
    """Why a sentence that says an action needs no check (`_NO_CHECK`) is old, when the new
    prompt puts a step before that action (`rules.new_step`) and the sentence names the
    action's object ("address" of `change_delivery_address`): "we'll update it on the spot:
    there's nothing to confirm", whose verb is not the tool's."""
    if not _NO_CHECK.search(sentence):
        return []
    said = verb_terms(sentence)
    # the rule's own case in the KB's words ("chipped, cracked or broken")
    ruled = {stem(word) for rule in facts.rules if rule.new for word in terms(rule.new)}
    for action in facts.before_actions:
        if action.is_escalation or still_made(facts, action):
            continue
        name = [stem(word) for word in action.name.lower().split("_") if len(word) > 2]
        if not set(name[1:]) & said and len((ruled - set(name)) & said) < 2:
            continue
        if new_step(facts.rules, set(name)) is None:
            continue
        return [f"describes {action.code()} with no check first; the new prompt adds one"]
    return []


def _says_removed_term(facts: ChangeFacts, name_terms: set[str], sentence: str) -> bool:
    """Whether a sentence says, word for word, a term the old replies promised and the new
    ones no longer do ("full refund" → "we'll refund you in full"), of two words or more and
    sharing a word with the old tool's name: the old action said in the promise's words."""
    said = verb_terms(sentence)
    for promise in facts.removed_promises:
        if promise.kind != "term":
            continue
        words = {stem(word) for word in terms(promise.value)}
        if len(words) >= 2 and words & name_terms and words - name_terms and words <= said:
            return True
    return False


def _moved_arguments(facts: ChangeFacts, action: ActionFact) -> Iterator[tuple[str, str]]:
    """Each argument the new version passes the same call with another value: its old value
    and its new one."""
    for after in facts.after_actions:
        if after.name != action.name:
            continue
        for key, old_value in action.arguments:
            new_value = after.argument(key)
            if new_value is not None and new_value != old_value:
                yield old_value, new_value


def _dropped_values(facts: ChangeFacts, action: ActionFact) -> list[str]:
    """The old call's argument values the new version no longer passes the same call, which
    it still makes (amount "full" of `take_payment`, now made without it)."""
    return [
        value
        for key, value in action.arguments
        if any(
            after.name == action.name and after.argument(key) != value
            for after in facts.after_actions
        )
    ]


def _names_new_value(facts: ChangeFacts, action: ActionFact, sentence: str) -> bool:
    """Whether a sentence names the value the new version passes the same call for an
    argument (`session` junior → adult: "the adult session") and not the old one."""
    said = {stem(word) for word in terms(sentence)}
    for old_value, new_value in _moved_arguments(facts, action):
        old_words = {stem(word) for word in terms(old_value.replace("_", " "))}
        new_words = {stem(word) for word in terms(new_value.replace("_", " "))}
        if new_words and new_words <= said and not old_words & said:
            return True
    return False


def _old_value_unsaid(facts: ChangeFacts, action: ActionFact, sentence: str) -> bool:
    """Whether the new version makes the same call with only word values moved (`slot_window`
    morning → any; no number, no yes/no) and the sentence names none of the old values: it
    says the call, which still happens, not how it changed. Only a widening move (to "any",
    or to a value holding the old one): the old call's handling still holds then, while a
    sentence about a call moved elsewhere (home_courier → store_collection) may describe
    exactly the old handling."""
    moved: list[str] = []
    for after in facts.after_actions:
        if after.name != action.name:
            continue
        for key, old_value in action.arguments:
            new_value = after.argument(key)
            if new_value is None or new_value == old_value:
                continue
            if not _WORD_VALUE.fullmatch(old_value) or old_value.lower() in ("true", "false"):
                return False
            if not _widens(old_value, new_value):
                return False
            moved.append(old_value)
    if not moved:
        return False
    said = {stem(word) for word in terms(sentence)}
    return not any(
        {stem(word) for word in terms(value.replace("_", " "))} & said for value in moved
    )


_WORD_VALUE = re.compile(r"[A-Za-z][A-Za-z_ -]{0,40}")
_EVERY_VALUE = frozenset({"any", "all", "either", "every", "anytime", "anywhere", "both"})


def _widens(old_value: str, new_value: str) -> bool:
    """Whether a word argument's move takes in the old value: to "any"/"all"/"either", or to
    a value whose words hold the old one's ("morning" → "morning_or_afternoon")."""
    old_words = {stem(word) for word in terms(old_value.replace("_", " "))}
    new_words = set(re.findall(r"[a-z]+", new_value.lower()))
    if new_words & _EVERY_VALUE:
        return True
    new_stems = {stem(word) for word in terms(new_value.replace("_", " "))}
    return bool(old_words) and old_words < new_stems


def _unit_conflict(facts: ChangeFacts, unit: Unit) -> tuple[str, ...]:
    """Why a unit of an item contradicts the new behavior. A heading names a topic ("Cancelling
    your membership"): it never describes an action the agent takes, only a value can be wrong
    in it."""
    reasons = sentence_conflict(facts, unit.text)
    if unit.raw.lstrip().startswith("#"):
        return tuple(reason for reason in reasons if not reason.startswith("describes "))
    return reasons


_LOOSE_REASONS = ("describes `",)
_LOOSE_ENDINGS = ("which the new agent no longer states",)


def _loose(reason: str) -> bool:
    """A reason found from the old replies' values or the old action's words alone, which
    another topic's sentence can share ("refunded to your card within 5-7 business days" for
    a cancelled order, when refunds of missing items changed)."""
    return reason.startswith(_LOOSE_REASONS) or reason.endswith(_LOOSE_ENDINGS)


def _about_unchanged(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a sentence states what only conversations outside the change state
    (`ChangeFacts.unchanged_promises`) and nothing the change's own conversations were told:
    "a contractor will be with you within 4 hours" is the emergencies' promise, when urgent
    and routine repairs changed, whatever words it shares with the old action."""
    stated = {promise.key for promise in extract_promises(sentence)}
    own = {p.key for p in (*facts.removed_promises, *facts.added_promises, *facts.examples)}
    kept = {promise.key for promise in facts.unchanged_promises} - _case_values(facts)
    return bool(stated & kept) and not stated & own


def _case_values(facts: ChangeFacts) -> set[str]:
    """The values every changed rule states in both its old and its new form ("within 30
    days of delivery" in "A fault reported within 30 days …: refund …" → "…: send a
    replacement …"): the case the rule is for, not what changed in it. Conversations outside
    the change may state the same value of their own case (returns "within 30 days"), so a
    sentence sharing it with them is not about them for that alone."""
    key = tuple((rule.old, rule.new) for rule in facts.rules)
    return set(_CASE_VALUES.get(facts, key, lambda: _read_case_values(facts)))


_CASE_VALUES: LastChange[frozenset[str]] = LastChange()


def _read_case_values(facts: ChangeFacts) -> frozenset[str]:
    found: set[str] | None = None
    for rule in facts.rules:
        if not rule.old or not rule.new:
            continue
        both = {p.key for p in extract_promises(rule.old)} & {
            p.key for p in extract_promises(rule.new)
        }
        found = both if found is None else found | both
    return frozenset(found or ())


_CONTEXT_MAX = 4000
"""The most of a paragraph's earlier sentences read as what a sentence is said under."""


def _context(text: str, item_units: list[Unit], index: int, title: str) -> str:
    """What a unit is said under: the earlier sentences of its paragraph and the heading of
    its section, else (no heading above it) the item's title without its category prefix
    ("Orders::" names the shelf every macro of the category sits on, not what it says). A
    list item is said under the paragraph that leads into its list too ("You need a PAC …
    Here's what happens next:"), a blank line between them or not."""
    parts = []
    reached = index
    said = 0
    for before in range(index - 1, -1, -1):
        # the gap after each earlier unit, read once (not all of it again for every unit)
        gap = text[item_units[before].end : item_units[before + 1].start].replace("\r", "")
        if "\n\n" in gap or item_units[before].raw.lstrip().startswith("#"):
            break
        if said > _CONTEXT_MAX:
            break  # what a sentence of a huge paragraph is said under: the nearest of it
        parts.append(item_units[before].text)
        said += len(parts[-1])
        reached = before
    if LIST_ITEM.match(item_units[index].raw) is not None:
        lead = list_lead(text, item_units, index)
        at = next((i for i, unit in enumerate(item_units) if unit is lead), None)
        if at is not None and at < reached:
            parts.append(item_units[at].text)
            for before in range(at - 1, -1, -1):
                gap = text[item_units[before].end : item_units[before + 1].start]
                gap = gap.replace("\r", "")
                if "\n\n" in gap or item_units[before].raw.lstrip().startswith("#"):
                    break
                parts.append(item_units[before].text)
    heading = _heading_before(item_units, index)
    parts.append(heading if heading is not None else title.split("::")[-1])
    return " ".join(parts)


_HEADINGS: tuple[list[Unit], list[str | None]] | None = None
"""The last item's units and, for each, the heading above it: read once per item, not walked
back over every earlier unit for each of its units (a 5 MB macro of 75,000 sentences)."""


def _heading_before(item_units: list[Unit], index: int) -> str | None:
    """The text of the nearest Markdown heading before unit `index`, or None."""
    global _HEADINGS
    held = _HEADINGS
    if held is None or held[0] is not item_units or len(held[1]) != len(item_units):
        above: list[str | None] = []
        current: str | None = None
        for unit in item_units:
            above.append(current)
            if unit.raw.lstrip().startswith("#"):
                current = unit.text
        held = (item_units, above)
        _HEADINGS = held
    return held[1][index]


def _on_topic(topic: set[str], text: str, item_units: list[Unit], index: int, title: str) -> bool:
    """Whether a unit is about the changed rule's topic (`rule_topic`): it names the topic, or
    the paragraph or section it belongs to does. A sentence about another subject under
    another heading ("What if the restaurant cancels my whole order?") states the same value
    or action about something the change does not touch."""
    if not topic:
        return True
    said = set(terms(item_units[index].text)) | set(terms(_context(text, item_units, index, title)))
    # one word the other's start ("complain" of the rule, "complaint" of the KB), five
    # letters or more
    return shares_stem(topic, said, least=5)


_NUMBER_ONLY = re.compile(r"^\s{0,8}\d{1,3}[.)]\s*$")


# the words of a heading that names a procedure, not a subject ("How it works", "What
# happens next", "Next steps")
_PROCEDURE_WORDS = frozenset(
    terms("how it works what happens next steps what to do the process then after that")
)


def _step_under_title(topic: set[str], item_units: list[Unit], index: int, title: str) -> bool:
    """Whether a unit is a list item (a step of a procedure) in a sub-section ("## How it
    works") of an item whose title names the changed rule's topic ("Reporting a fault"): the
    sub-section's heading need not name it, the procedure is the title's. A heading with a
    subject of its own ("## Damage you caused") keeps its own topic: only a heading naming no
    word outside the procedure's, the title's and the topic's gives its steps the title's."""
    # a numbered item's number may be read as a unit of its own ("3." before "We book …")
    numbered = index > 0 and _NUMBER_ONLY.match(item_units[index - 1].raw) is not None
    if not topic or (LIST_ITEM.match(item_units[index].raw) is None and not numbered):
        return False
    for before in range(index - 1, max(index - 40, -1), -1):
        raw = item_units[before].raw.lstrip()
        if raw.startswith("#"):
            level = len(raw) - len(raw.lstrip("#"))
            named = set(terms(title.rpartition("::")[2]))
            own = set(terms(raw.lstrip("#"))) - named - topic - _PROCEDURE_WORDS
            return level >= 2 and bool(topic & named) and not own
    return False


def _value_topic(facts: ChangeFacts) -> set[str]:
    """What a change's moved values are about: `change_topic`, else (a changed sentence with
    no head of its own, "Tell the customer the money goes back … within 5 working days.",
    and no topic tag) the title of the prompt section the moved sentence is in."""
    topic = change_topic(facts)
    if topic:
        return topic
    hunks = {move.hunk_id for move in facts.moves if move.kind == "value"}
    return {
        stem(word)
        for rule in facts.rules
        if rule.hunk_id in hunks and rule.section
        for word in terms(rule.section)
    }


def _dated_in_context(facts: ChangeFacts, sentence: str, context: str) -> bool:
    """Whether a sentence states a moved day of the year ("order by 18 December") under
    words that name what the date is of (a macro titled "Will it arrive for Christmas?" when
    the prompt's "Last order dates for delivery before Christmas" moved): a date with no year
    is one day of the calendar, said of the subject its item is about, where a bare number or
    a duration could be anything's."""
    said = {stem(word) for word in terms(context)}
    return any(
        move.kind == "value"
        and read_day_month(move.old) is not None
        and _states_value(move, sentence)
        and (value_subject(move) - measure_words(facts)) & said
        for move in facts.moves
    )


def _list_heading(item_units: list[Unit], index: int) -> str:
    """The heading a list item is said under (the nearest "#" line above it, up to 40 units
    back), "" for a unit that is no list item or has none."""
    if LIST_ITEM.match(item_units[index].raw) is None:
        return ""
    for before in range(index - 1, max(index - 40, -1), -1):
        raw = item_units[before].raw.lstrip()
        if raw.startswith("#"):
            return raw.lstrip("#").strip()
    return ""


def _off_subject(
    facts: ChangeFacts,
    topic: set[str],
    sentence: str,
    ignore: Collection[str] = (),
    noise: Collection[str] = (),
    heading: str = "",
) -> bool:
    """Whether a sentence states a moved value's old value about another subject: it shares
    no word of what any such value is about (`value_subject`) and names no word of the
    change's topic, nor says it the way the changed conversations' old replies did. "We'll
    email you within 5 working days" is no refund time frame, whatever function words
    ("within", "they") it shares with the moved sentence. `ignore`: words that name no
    subject of their own here (`shared_words`); `noise`: words of the whole KB
    (`common_words`), left out too when reading it against the old replies."""
    stating = [m for m in facts.moves if m.kind == "value" and _states_value(m, sentence)]
    # the words that only measure the value ("14 days before your event" when the change's
    # condition is days_until_event) are said by any rule with a number on that scale
    measure = measure_words(facts)
    said = set(terms(sentence)) - measure - set(ignore)
    # a list item ("- Up to 6 classes a week") is said under its section's heading
    # ("Booking rules"), which names what it is about
    if not stating or topic & (said | (set(terms(heading)) - measure - set(ignore))):
        return False
    if any(y_noun(word, other) for word in topic for other in said):
        return False  # "deliver" of the KB, "delivery" of the topic
    if any(same_line_said(move, sentence) >= 2 for move in stating):
        return False  # the line drawn as the prompt draws it, with the prompt's price beside it
    # the subject or category a move is limited to ("Resident", "Flex") is no word of the
    # whole KB however many items name it
    named = {move.subject for move in stating if move.subject} | {
        str(atom.value).replace("_", " ")
        for condition in facts.conditions
        for atom in condition.atoms
        if atom.op == "="
    }
    if ignore and any(
        value and re.search(rf"\b{re.escape(value)}", sentence, re.I) for value in named
    ):
        return False
    if all(_other_anchor(move, sentence) for move in stating):
        return True
    return all(
        value_subject(move) - measure
        and not value_subject(move) & said
        and not _like_old_reply(facts, move.old, sentence, {*ignore, *noise})
        and not names_far_side(move, facts.past_limit, topic, said)
        # the moved prompt sentence's other values said in a form of the sentence's own
        # ("9 till 6 on weekdays" for "Monday to Friday: 9am to 6pm")
        and not other_values_said(move, sentence, set())
        # "- Minimum age: 5": the key names what the value is of
        and not keyed_value_line(move, sentence)
        for move in stating
    )


_ANCHORED = re.compile(
    r"\s*(?:of|after|from)\s+(?:the\s+|your\s+|their\s+|its\s+|our\s+|an?\s+)?"
    r"(?P<noun>[a-z]{3,20})\b",
    re.I,
)
"""What a time is counted from, right after it ("within 2 working days of the sample …")."""


def _anchor_after(value: str, text: str) -> str | None:
    """The noun the first statement of `value` in `text` is counted from, as a stem."""
    found = where_stated(value, text[:_MAX_CLAUSE])
    if not found:
        return None
    anchor = _ANCHORED.match(text, found[0].end())
    return stem(anchor.group("noun").lower()) if anchor else None


def _other_anchor(move: RuleMove, sentence: str) -> bool:
    """Whether a KB sentence counts the moved time from another event than the rule does:
    "Posted free within 2 working days of your order" beside "Results are emailed within 2
    working days of the sample reaching the lab" is about kits, not results."""
    if not _TIME_WORD.search(move.old):
        return False
    own = _anchor_after(move.old, move.old_sentence or "")
    said = _anchor_after(move.old, sentence)
    return own is not None and said is not None and own != said


_TIME_WORD = re.compile(r"\b(?:minutes?|hours?|days?|weeks?|months?|years?)\b", re.I)


_NUMERIC_OPS = frozenset({">", ">=", "<", "<=", "between"})


_TOOL_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def tool_words(facts: ChangeFacts) -> list[list[str]]:
    """The words of each tool the moved prompt sentences call (`book_makeup_lesson` → book,
    makeup, lesson), as stems, its verb first."""
    names: set[str] = set()
    for move in facts.moves:
        names |= set(_TOOL_NAME.findall(f"{move.old_sentence} {move.new_sentence}"))
    return [[stem(word) for word in name.split("_") if word] for name in sorted(names)]


def shared_words(facts: ChangeFacts, common: Collection[str] = ()) -> set[str]:
    """Words that cannot by themselves put a KB sentence on a moved value's subject
    (`_off_subject`): the verb of each tool the moved sentences call, and its other words
    that the whole KB uses (`common`, `common_words`). "You can book an extra lesson online
    up to 24 hours before it starts" shares only those with "If the student cancels with 24
    hours' notice or more, book a make-up lesson with `book_makeup_lesson` …", at a music
    school whose items mostly name lessons. A verb the condition's topic tags name is the
    subject, not the tool's manner of doing it: in conversations tagged refund, "Tickets can
    be refunded up until a week before" is about the refund `refund_ticket` makes."""
    words: set[str] = set()
    tagged = _topic_stems(facts)
    for verb, *rest in tool_words(facts):
        words |= {*({verb} - tagged), *(word for word in rest if word in common)}
    return words


def measure_words(facts: ChangeFacts) -> set[str]:
    """The words that only say what a moved value measures, as stems: the values' own words
    ("days", "hours") and the words of the numeric condition features the change is split on
    ("days_until_event" → days, event). "Props can be changed up to 14 days before your
    event" shares them with a cancellation window moved from 14 days, and names no word of
    the cancellation: the same scale, another rule of the same business."""
    words: set[str] = set()
    for move in facts.moves:
        if move.kind == "value":
            words |= set(terms(f"{move.old} {move.new}"))
            words |= set(terms(_shared_unit(move)))
    for condition in facts.conditions:
        for atom in condition.atoms:
            if atom.op in _NUMERIC_OPS:
                words |= set(terms(re.sub(r"[_.]+", " ", atom.feature)))
    return {word for word in words if not word[:1].isdigit()}


_UNIT_AFTER = re.compile(r"[ \t]{0,3}([A-Za-z]{1,20})")


def _shared_unit(move: RuleMove) -> str:
    """The word both prompt sentences write right after a moved value, when the diff left it
    out of the value ("5 working days" → "14 days" moved "5 working" to "14"): the unit the
    value is counted in, which says what it measures, not what it is about. Only when the
    values' own words differ (the measure itself was reworded): a bare number moved ("5 years
    old" → "3 years old") keeps its unit as the subject the KB names it by."""
    if {w for w in terms(move.old) if not w[:1].isdigit()} == {
        w for w in terms(move.new) if not w[:1].isdigit()
    }:
        return ""
    after: list[str] = []
    for value, sentence in ((move.old, move.old_sentence), (move.new, move.new_sentence)):
        # the value itself, not the same digits inside another number ("14" in "0141")
        said = re.search(rf"(?<![\w.,]){re.escape(value)}(?!\w)", sentence) if value else None
        unit = _UNIT_AFTER.match(sentence, said.end()) if said is not None else None
        if unit is None:
            return ""
        after.append(unit.group(1).lower())
    return after[0] if after[0] == after[1] else ""


def said_of_other_subject(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a KB sentence states a moved value's old value about another subject than the
    change's (`_off_subject`): the same number, no conflict, kept as it is by every drafter."""
    return _off_subject(facts, _value_topic(facts), sentence)


def _names_subject(facts: ChangeFacts, move: RuleMove, topic: set[str], said: set[str]) -> bool:
    """Whether a KB sentence's words (`said`, stems) name what a moved value is about beyond
    the change's topic: a word of the moved sentence (`value_subject`), or the words of the
    sentence saying what happens past its line ("Our booking diary opens 60 days before each
    date" for "Tables can be booked up to 60 days ahead." and "For a date further ahead than
    that, … the diary for that date isn't open yet": `limits.names_far_side`)."""
    # a word and its doer ("ride" of "Riders must be 16 or over", "engraved" of "engraver")
    # name one subject
    return _shares_doer(value_subject(move) - topic, said) or names_far_side(
        move, facts.past_limit, topic, said
    )


def _shares_doer(words: set[str], said: set[str]) -> bool:
    """Whether a word of `words` is one of `said` (stems), or its doer: "rider" and "ride",
    "engraver" and "engrav" (of "engraved"); "membership" is no doer of "member"."""
    return bool(words & said) or any(
        len(short) >= _DOER_STEM and long in (short + "r", short + "er")
        for word in words
        for other in said
        for short, long in ((word, other), (other, word))
    )


_DOER_STEM = 4
"""The fewest letters a stem has for its doer noun to name it ("ride" → "rider")."""


def _subject_conflicts(
    facts: ChangeFacts,
    topic: set[str],
    text: str,
    item_units: list[Unit],
    item: KnowledgeItem,
    taken: set[int],
    ignore: Collection[str] = (),
) -> list[Conflict]:
    """A sentence stating a moved value's old value in other words than the prompt's, so
    sharing fewer of them than `states_old_rule` needs ("Please allow up to 5 working days
    for the money to show in your account"), is the changed rule when it names what the value
    is about (`value_subject`: the money) beside the change's topic, which any sentence of an
    item on that topic may name ("The deductible is $200 per claim" when claims up to $200
    moved), and is about the change (`_about_change` with the change's topic: it, its section,
    its title or its macro names it). The same value said of another subject stays, and so
    does one naming only words of the tools the moved sentences call (`ignore`, `shared_words`)."""
    if not topic:
        return []
    conflicts = []
    for index, unit in enumerate(item_units):
        if index in taken or unit.raw.lstrip().startswith(("#", "|")):
            continue
        # a short answer is read with the question it answers (`answers.asked`)
        question = asked(item_units, index)
        said = set(terms(f"{unit.text} {question or ''}")) - set(ignore)
        if _FREE_SIDE.search(unit.text):
            # "we'll put it right at no charge" says what "free" says
            said.add("free")
        for move in facts.moves:
            if (
                move.kind != "value"
                or not _states_value(move, unit.text)
                or claims_of_another(move, unit.text)
                or (question and measured_otherwise(move.old, move.old_sentence, unit.text))
                # a share that became an amount is stated only as that share ("20% of the
                # price"), never as the same percentage off something ("20% off")
                or (move.share and not states_share(move, unit.text))
                or not _names_subject(
                    facts, move, topic, _clause_said(move, unit.text, question, ignore) or said
                )
                or said_as_rate(move.old, unit.text)
                or split_off(facts, move, unit.text)
                or kept_elsewhere(move, unit.text, facts.still_stated)
                or _about_unchanged(facts, unit.text)
                or states_other_row(facts.moves, move, unit.text)
                # the item names the change's topic, or the prompt section the moved rule is
                # in ("Quad bike treks" for "Riders must be 16 or over.")
                or not _about_change(topic | _section_topic(move), text, item_units, index, item)
            ):
                continue
            reason = (
                f"states the old rule ({move.old}) in other words, about the same subject; "
                f"the new prompt says {move.new}: “{move.new_sentence}”"
            )
            conflicts.append(Conflict(index, unit.text, (reason,)))
            taken.add(index)
            break
    return conflicts


def _section_topic(move: RuleMove) -> set[str]:
    """The words (stems) of the prompt section a short moved rule is in, its code aside out
    ("quad", "bike", "trek" of "Quad bike treks (quad_trek)" for "Riders must be 16 or
    over."): such a rule is about its section (`rules.move_topic`). None for a rule that says
    its subject itself, or has no section."""
    own = content_words(move.old_sentence) - content_words(move.old) - content_words(move.new)
    if not move.section or len(own) >= _SHORT_RULE or not re.search(r"\d", move.old):
        # a number's rule; a day or a word moved names what it is of itself
        return set()
    return set(terms(re.sub(r"\([^()]*\)", " ", move.section)))


_SHORT_RULE = 4
"""A moved rule with fewer content words than this, its values aside, is short."""


def _clause_said(
    move: RuleMove, sentence: str, question: str | None, ignore: Collection[str]
) -> set[str] | None:
    """The words (stems) of the one clause of a KB sentence that states a moved value, with the
    question a short answer answers, when the sentence joins several (`saidof.value_clause`):
    "Our hampers start at £50 each, and for 10 or more we'll add a printed card … free of
    charge." says £50 of hampers, and its "free" is the card's, not the subject of free
    delivery from £50. None when the sentence is one clause."""
    clause = value_clause(sentence, move.old)
    if clause is None:
        return None
    said = set(terms(f"{clause} {question or ''}")) - set(ignore)
    if _FREE_SIDE.search(clause):
        said.add("free")
    return said


def _headings_above(item_units: list[Unit], index: int) -> list[str]:
    """The headings a unit sits under: the nearest one, then each higher-level one above it
    ("## How do I get a refund?" under "# My charging session failed")."""
    found: list[str] = []
    level = 7
    for unit in reversed(item_units[:index]):
        raw = unit.raw.lstrip()
        depth = len(raw) - len(raw.lstrip("#"))
        if depth and depth < level:
            found.append(unit.text)
            level = depth
    return found


def _about_change(
    topic: set[str],
    text: str,
    item_units: list[Unit],
    index: int,
    item: KnowledgeItem,
    *,
    derived: bool = False,
) -> bool:
    """Whether a unit is about what the change is about (`change_topic`): it, its paragraph,
    one of the headings it sits under or its item's title names the topic, or (a macro is
    one reply, about one thing) any sentence of its macro or its description does. "Tell our
    support team in chat" in an article on lost cards shares the team a failed payment was
    handed to, not the subject the hand-off was about. `derived`: a verb names its noun too
    ("we've cancelled your lesson" of the tag "cancellation", `names_topic`)."""
    if not topic or _on_topic(topic, text, item_units, index, item.title):
        return True
    said = [*_headings_above(item_units, index), item.title.split("::")[-1]]
    if item.kind == "macro":
        # and what the helpdesk says the macro is for ("Customer confirms a custom board order.")
        said += [text, str(item.metadata.get("description") or "")]
    words = set(terms(" ".join(said)))
    return names_topic(topic, words) if derived else bool(topic & words)


def _next_names(topic: set[str], text: str, item_units: list[Unit], index: int) -> bool:
    """Whether the next sentence of a unit's paragraph names the topic: "Whether it's a
    village hall birthday or a wedding, holding your date works the same way: a quarter of
    the fee up front. The deposit isn't refundable, …" is about the deposit."""
    if not topic or index + 1 >= len(item_units):
        return False
    after = item_units[index + 1]
    gap = text[item_units[index].end : after.start].replace("\r", "")
    if "\n\n" in gap or after.raw.lstrip().startswith(("#", "|")):
        return False
    return shares_stem(topic, set(terms(after.text)), least=5)


def _route_kept(facts: ChangeFacts, reason: str, sentence: str) -> bool:
    """Whether `reason` is a removed contact route (`_LOOSE_ENDINGS`) that `sentence` (a unit
    with its paragraph and heading, `_context`) states about a topic the new prompt still gives
    it for (`keptcontact.about_other_topic`)."""
    if not reason.endswith(_LOOSE_ENDINGS):
        return False
    for promise in facts.removed_promises:
        if reason != f"states {promise.value}, {_LOOSE_ENDINGS[0]}":
            continue
        key = promise.key
        old_rules = [
            rule.old
            for rule in facts.rules
            if rule.old and key in {found.key for found in extract_promises(rule.old)}
        ]
        if about_other_topic(promise, sentence, old_rules, facts.kept_routes):
            return True
    return False


def _on_kept_topic(
    facts: ChangeFacts,
    subject: set[str],
    text: str,
    item_units: list[Unit],
    index: int,
    item: KnowledgeItem,
) -> bool:
    """Whether a unit stating the old hand-off or an old reply's value is about a topic the
    new prompt still hands over the same way (`keptaction.on_kept_topic`, read on the unit
    with its paragraph and heading), and neither it, its headings, its title nor its macro
    names a word of the change's own topic (`change_topic` without the condition's measure
    words and the kept topic's words). The same team and time frame said of lost items stay
    when only damaged items stopped going to that team."""
    kept, kept_said = facts.kept_action_topics, facts.kept_action_said
    own = subject - measure_words(facts)
    said = f"{item_units[index].text} {_context(text, item_units, index, item.title)}"
    if not kept or not on_kept_topic(kept, kept_said, own, said):
        return False
    return not _about_change(own_words(kept_said, own), text, item_units, index, item)


def _loose_off_topic(
    rule_words: set[str],
    subject: set[str],
    text: str,
    item_units: list[Unit],
    index: int,
    item: KnowledgeItem,
) -> bool:
    """Whether a unit stating an old reply's call or value (`_LOOSE_ENDINGS`) is about another
    subject than the change, when the changed rule has no head to say what it is about
    (`rule_topic` is empty): the change's topic tags (`change_topic`) then say it, read as
    `_about_change` reads a team's name. "Our survey team will call you within 2 working
    days" under a heading on another pest states the call that pest still gets, when only one
    pest's hand-off moved. The old action's words (a removed tool described) are not read
    this way: a tag names the conversations, not every word the KB uses for the action."""
    if rule_words or not subject:
        return False
    return not _about_change(subject, text, item_units, index, item, derived=True)


def _row_conflicts(facts: ChangeFacts, item_units: list[Unit], taken: set[int]) -> list[Conflict]:
    """The row of a term that joined a rule ("- Gold: …") in a list or table whose old
    term's row states the rule: it now lacks that benefit."""
    conflicts = []
    for move in facts.moves:
        found = benefit_row(move, [unit.raw for unit in item_units])
        if found is not None and found[0] not in taken:
            index = found[0]
            reason = f"lists what {move.added_term} gets without the rule that now covers it too"
            conflicts.append(Conflict(index, item_units[index].text, (reason,)))
            taken.add(index)
    return conflicts


def header_unit(item_units: list[Unit], index: int) -> Unit | None:
    """The header row of the table a row belongs to (the first row of its block of rows),
    or None when the unit is no body row of a table."""
    if not item_units[index].raw.lstrip().startswith("|"):
        return None
    first = index
    while first > 0 and item_units[first - 1].raw.lstrip().startswith("|"):
        first -= 1
    row = item_units[index].text
    if first == index or not re.search(r"[^\s|:-]", row):
        return None
    return item_units[first]


def _header_indexes(item_units: list[Unit]) -> list[int | None]:
    """For each unit, the index of `header_unit`'s answer (None where it is None), in one pass:
    not a walk back over a long table for each of its rows."""
    headers: list[int | None] = []
    first = 0
    for index, unit in enumerate(item_units):
        if not unit.raw.lstrip().startswith("|"):
            headers.append(None)
            continue
        if index == 0 or not item_units[index - 1].raw.lstrip().startswith("|"):
            first = index
        body_row = first != index and re.search(r"[^\s|:-]", unit.text)
        headers.append(first if body_row else None)
    return headers


def _table_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    taken: set[int],
    off_subject: Callable[[str], bool] = lambda _: False,
    topic: Collection[str] = (),
) -> list[Conflict]:
    """A table row stating the old rule, read with its header: "| Up to 24 months | Free |"
    under "| Router age | Replacement |" says what the row's cells mean, which the row alone
    does not. A row `off_subject` alone under a header that names no word of the change's
    `topic` ("| Tents | £12 a day | Up to 60 days |" under "| Kit | From | Book ahead |",
    when the returns window moved) states the value of another subject: the header's words
    that happen to be the moved sentence's ("book") make it no rule of the change, unless the
    row names a category whose value moved ("| Northern Ireland | 18 December |" when the
    cut-off moved for Northern Ireland): the category is the row's subject."""
    conflicts = []
    headers = _header_indexes(item_units)
    for index in range(len(item_units)):
        at = headers[index]
        if at is None or index in taken:
            continue
        header = item_units[at]
        keyed = keyed_value_moves(facts.moves, header.text, item_units[index].text)
        if keyed:
            # "| Minimum age | 16 |": the key names what the bare value is of
            key = row_cells(item_units[index].text)[0]
            reason = (
                f"states the old rule ({keyed[0].old}) as the value of “{key}”; the new "
                f"prompt says {keyed[0].new}: “{keyed[0].new_sentence}”"
            )
            conflicts.append(Conflict(index, item_units[index].text, (reason,)))
            taken.add(index)
            continue
        counted = [
            move
            for move in facts.moves
            if header_count_cell(move, header.text, item_units[index].text) is not None
        ]
        if counted:
            # "| Platinum | … | 1 | … |" under "Points per £1 spent": the count is the header's
            reason = (
                f"states the old rule ({counted[0].old}) as a bare count under its column's "
                f"name; the new prompt says {counted[0].new}: “{counted[0].new_sentence}”"
            )
            conflicts.append(Conflict(index, item_units[index].text, (reason,)))
            taken.add(index)
            continue
        if (
            off_subject(item_units[index].text)
            and not set(topic) & set(terms(header.text))
            and not names_moved_category(facts.moves, item_units[index].text)
        ):
            continue
        reasons = _move_reasons(facts, f"{header.text} {item_units[index].text}")
        if not reasons:
            reasons = _row_channel_reasons(facts, header.text, item_units[index].text)
        if not reasons and (
            handed := added_handoff_row_reason(facts, header.text, item_units[index].text)
        ):
            # the row of a category now handed over: its "How to book" cell says the old way
            reasons = [handed]
        if reasons:
            conflicts.append(Conflict(index, item_units[index].text, tuple(reasons)))
            taken.add(index)
    # the table's other rows that state the same old value: the other side of its line
    # ("| Over 24 months | $49 … |" beside "| Up to 24 months | Free |")
    rows = _rows_by_header(headers)
    for conflict in list(conflicts):
        at = headers[conflict.unit_index]
        header_text = item_units[at].text if at is not None else ""
        move = closest_move(facts.moves, f"{header_text} {conflict.sentence}")
        if at is None or move is None or move.kind != "value":
            continue
        for index in rows[at]:
            if index in taken:
                continue
            if _states_value(move, item_units[index].text) and not split_off(
                facts, move, item_units[index].text
            ):
                reason = f"states the old rule ({move.old}) in a table whose other row does"
                conflicts.append(Conflict(index, item_units[index].text, (reason,)))
                taken.add(index)
    return conflicts


def _rows_by_header(headers: list[int | None]) -> dict[int, list[int]]:
    """The body rows of each table, by the index of its header row (`_header_indexes`)."""
    rows: dict[int, list[int]] = {}
    for index, at in enumerate(headers):
        if at is not None:
            rows.setdefault(at, []).append(index)
    return rows


def _row_channel_reasons(facts: ChangeFacts, header: str, row: str) -> list[str]:
    """A row stating a channel the new agent no longer uses, read with its header: "| Ready
    to collect | By text, with your code |" under "| Message | How it reaches you |" says the
    notice goes by text, which the row alone does not; a row of another message ("| Van slot
    | By text, the evening before |") is not said as the old replies said it."""
    stated = extract_promises(f"{header} {row}") | {
        Promise("channel", channel) for channel in cell_channels(header, row)
    }
    return [
        f"states {promise.value}, which the new agent no longer states"
        for promise in facts.removed_promises
        if promise.kind == "channel"
        and any(found.key == promise.key for found in stated)
        and (
            _said_alike(facts, promise.value, row)
            or _channel_said_of_topic(facts, promise.value, row)
        )
    ]


def _summary_conflicts(
    facts: ChangeFacts, item_units: list[Unit], conflicts: list[Conflict]
) -> list[Conflict]:
    """The sentence after a table summing up its rows' old rule in other words ("In short,
    give us a fortnight's notice …"): `tablesummary`."""
    taken = {conflict.unit_index for conflict in conflicts}
    rows = [conflict.unit_index for conflict in conflicts]
    return [
        Conflict(
            index,
            item_units[index].text,
            (f"{SUMMARY_REASON} ({move.old}), in other words; the new prompt says {move.new}",),
        )
        for index, move in summary_sentences(facts.moves, item_units, rows, taken)
    ]


def _answer_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    taken: set[int],
    topic: set[str],
    ignore: Collection[str] = (),
    noise: Collection[str] = (),
    text: str | None = None,
) -> list[Conflict]:
    """A short answer stating the old rule, read with the question it answers (`asked`):
    "Yes, for 2 players or more." under "## Can we book a group lesson?" names no word of the
    rule, which its question names, as a table row is read with its header. The answer must
    state the old value itself, and a count as a count (`measured_otherwise`: "Up to 2
    hours." under "## How long is a group lesson?" is no number of players); the value said
    of another subject than the change's, question and all, stays (`_off_subject`).

    Any other unit said under a question or a list's lead-in (`context.said_under`: "At
    least 24 hours before it starts." under "**How much notice do you need?**" in a section
    "## Cancelling an appointment"; "- 24 hours' notice" under "To cancel for free, we
    need:") is
    read with it and its section's heading, when it states the old value itself and the
    value's subject reaches it other than through the heading alone
    (`context.topic_evidence`): the sentence, its question or its lead-in names a word of it."""
    conflicts = []
    under = said_under(item_units, text) if text is not None else []
    for index, unit in enumerate(item_units):
        if index in taken:
            continue
        question = asked(item_units, index)
        near = under[index] if under else None
        if question is None and (near is None or not near.near or unit.text.startswith("|")):
            continue
        # the answer itself states the old value, as a count where the rule counts
        stating = [
            move
            for move in facts.moves
            if move.kind == "value" and states_value(move.old, unit.text)
        ]
        if not stating or all(
            measured_otherwise(move.old, move.old_sentence, unit.text) for move in stating
        ):
            continue
        reasons: list[str] = []
        read = unit.text
        if question is not None:
            read = f"{question} {unit.text}"
            reasons = _move_reasons(facts, read)
        if not reasons and near is not None and near.near:
            own = set(terms(f"{near.near} {unit.text}"))
            if any(
                topic_evidence(value_subject(move) - measure_words(facts), own) for move in stating
            ):
                read = in_context(unit, near)
                reasons = _move_reasons(facts, read)
                if not reasons and near.near.rstrip(" *_").endswith("?"):
                    # an answer stating the old bound with no yes or no ("No more than 60
                    # days away.") under a question naming the rule's subject ("Can I book a
                    # date …?"): the question says what the value is of, the answer the value
                    reasons = _answered_bound(stating, unit.text, near.near)
        if reasons and not _off_subject(facts, topic, read, ignore, noise):
            conflicts.append(Conflict(index, unit.text, tuple(reasons)))
            taken.add(index)
    return conflicts


ANSWERED_BOUND_REASON = "answers its question with the old rule"


def _answered_bound(stating: Sequence[RuleMove], answer: str, question: str) -> list[str]:
    """The reason an answer states a moved value's old rule, read with its question: a plain
    value move (no case, share or subject of its own) whose old value, with its unit ("60
    days", "£15"; never a bare count), the answer says outright, its question naming a word of
    the old prompt sentence's topic."""
    asked_words = content_words(question)
    for move in stating:
        if move.subject or move.share or move.scope or move.others:
            continue
        if not re.search(r"[A-Za-z£$€%]", move.old):
            continue  # a bare count ("12") says nothing of what it counts: the question may not
        said = where_stated(move.old, answer)
        if not said or not move_topic(move) & asked_words:
            continue
        ruled = where_stated(move.old, move.old_sentence)
        counted = relation_after(move.old_sentence, ruled[0].end()) if ruled else None
        if not all(same_relation(relation_after(answer, found.end()), counted) for found in said):
            # "Up to 60 days after the original date" under "Can I move my booking?" counts
            # its days from another moment than "booked up to 60 days ahead": another rule
            continue
        return [
            f"{ANSWERED_BOUND_REASON} ({move.old}); the new prompt says "
            f"{move.new}: “{move.new_sentence}”"
        ]
    return []


def _bound_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """A sentence of the paragraph of one stating a moved value's old line that states the
    same value from the other side ("Below $50, we charge $4.99." after "Delivery is free when
    your basket comes to $50 or more.")."""
    taken = {conflict.unit_index for conflict in found}
    conflicts = []
    spans = _paragraphs(text, item_units) if found else []
    # each sentence is read once per move: a paragraph of n sentences that all state the old
    # line would otherwise be read n times over (n × n)
    read: dict[tuple[int, int], bool] = {}
    for conflict in found:
        move = closest_move(facts.moves, conflict.sentence)
        if move is None or move.kind != "value":
            continue
        for index in _others(spans, conflict.unit_index):
            if index in taken:
                continue
            key = (id(move), index)
            if key not in read:
                unit_text = item_units[index].text
                read[key] = states_bound(move, unit_text) and bound_on_topic(
                    facts.moves, move, unit_text
                )
            if not read[key]:
                continue
            reason = f"states the old rule ({move.old}) from the other side of the line beside it"
            conflicts.append(Conflict(index, item_units[index].text, (reason,)))
            taken.add(index)
    return conflicts


_FREE_SIDE = re.compile(
    r"\b(?:for free|free of charge|(?:is|are|it's|stays?|remains?) free|no (?:charge|fee|cost|"
    r"penalty)|without (?:a |any )?(?:charge|fee|cost|penalty)|at no (?:extra )?cost)\b"
    rf"|{FREE_IN_OTHER_WORDS}",
    re.I,
)
"""Words saying nothing is paid: the free side of a threshold a charge starts at."""


def _free_side_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """A sentence on its own (no sentence beside it states the old rule) that states a moved
    value's old line as the free side of it ("You can cancel for free up to 24 hours before
    the appointment." when a late fee now starts 48 hours before): it says the rule's noun in
    some form (`bound_on_topic`) and that nothing is paid (`_FREE_SIDE`), which the new rule
    no longer gives up to the old line."""
    taken = {conflict.unit_index for conflict in found}
    conflicts = []
    for index, unit in enumerate(item_units):
        if index in taken or not _FREE_SIDE.search(unit.text):
            continue
        move = next(
            (
                move
                for move in facts.moves
                if states_bound(move, unit.text) and bound_on_topic(facts.moves, move, unit.text)
            ),
            None,
        )
        if move is None:
            continue
        reason = (
            f"states the old rule ({move.old}) as the line up to which nothing is paid; the "
            f"new prompt says {move.new}: “{move.new_sentence}”"
        )
        conflicts.append(Conflict(index, unit.text, (reason,)))
        taken.add(index)
    return conflicts


def _example_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """A sentence of the paragraph of one stating a moved percentage's old value that works an
    example out from it ("On a $60 box, that's $12 back." after "we add a credit of 20% of
    the box price"): no longer true, and no probe's numbers may make a new one."""
    taken = {conflict.unit_index for conflict in found}
    conflicts = []
    spans = _paragraphs(text, item_units) if found else []
    read: dict[tuple[int, int], str | None] = {}  # once per move and sentence, as above
    for conflict in found:
        move = closest_move(facts.moves, conflict.sentence)
        if move is None:
            continue
        for index in _others(spans, conflict.unit_index):
            if index in taken:
                continue
            key = (id(move), index)
            if key not in read:
                read[key] = worked_example(move, item_units[index].text)
            worked = read[key]
            if worked is None:
                continue
            reason = (
                f"{EXAMPLE_REASON} ({worked}); the new prompt says {move.new}: "
                f"“{move.new_sentence}”"
            )
            conflicts.append(Conflict(index, item_units[index].text, (reason,)))
            taken.add(index)
    return conflicts


def _joined(text: str, item_units: list[Unit], a: int, b: int) -> bool:
    """Whether units `a` and `b` (b = a + 1) are of one paragraph: no blank line between
    them and neither a heading."""
    gap = text[item_units[a].end : item_units[b].start].replace("\r", "")
    heading = item_units[a].raw.lstrip().startswith("#") or item_units[b].raw.lstrip().startswith(
        "#"
    )
    return "\n\n" not in gap and not heading


def _paragraph(text: str, item_units: list[Unit], index: int) -> list[int]:
    """The indexes of the other units of the paragraph unit `index` is in (not headings)."""
    found = []
    at = index
    while at > 0 and _joined(text, item_units, at - 1, at):
        at -= 1
        found.append(at)
    at = index
    while at + 1 < len(item_units) and _joined(text, item_units, at, at + 1):
        at += 1
        found.append(at)
    return sorted(found)


def _others(spans: list[range], index: int) -> list[int]:
    """`_paragraph` read from `_paragraphs`' spans: the other units of `index`'s paragraph."""
    return [at for at in spans[index] if at != index]


def _paragraphs(text: str, item_units: list[Unit]) -> list[range]:
    """For each unit, the indexes of its paragraph's units, itself among them: what
    `_paragraph` answers of every unit, in one pass (not a walk over its whole paragraph for
    each unit of a long one)."""
    spans: list[range] = []
    start = 0
    for index in range(1, len(item_units) + 1):
        if index == len(item_units) or not _joined(text, item_units, index - 1, index):
            spans.extend([range(start, index)] * (index - start))
            start = index
    return spans


class _Contexts(Sequence[str]):
    """`_context` of each unit of an item, read when asked for (most units never are): not
    every earlier sentence of a long paragraph joined again for each of its units."""

    def __init__(self, text: str, item_units: list[Unit], title: str) -> None:
        self._text, self._units, self._title = text, item_units, title

    def __len__(self) -> int:
        return len(self._units)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[at] for at in range(len(self))[index]]
        return _context(self._text, self._units, range(len(self))[index], self._title)


def _heading_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """A heading that states the old value of a rule its section's first sentence states the
    old way ("## What if I owe more than $1,000?" over "Balances over $1,000 are referred …")."""
    ruled = {conflict.unit_index for conflict in found}
    conflicts = []
    for index, unit in enumerate(item_units[:-1]):
        if index in ruled or not unit.raw.lstrip().startswith("#") or index + 1 not in ruled:
            continue
        move = closest_move(facts.moves, item_units[index + 1].text)
        if move is not None and move.kind == "value" and moves_for([move], unit.text):
            reason = f"states the old rule ({move.old}) as the heading of a section that does"
            conflicts.append(Conflict(index, unit.text, (reason,)))
    # a heading stating the old value of a subset's new exception that the item's own
    # sentences state the old way ("## What happens after 14 days?")
    scoped = [move for move in facts.moves if move.scope]
    stated = [item_units[i].text for i in ruled]
    for index, unit in enumerate(item_units):
        if index in ruled or not unit.raw.lstrip().startswith("#"):
            continue
        for move in scoped:
            if _states_value(move, unit.text) and any(_states_value(move, s) for s in stated):
                reason = f"states the old rule ({move.old}) as a heading of the item that does"
                conflicts.append(Conflict(index, unit.text, (reason,)))
                break
    return conflicts


_MOVE_REASON = "states the old rule ("
_RULE_NOUNS = r"rule|policy|limit|window|deadline|cut-?off|notice(?:\s+period)?"


def _named_by_value(move: RuleMove, units_of: set[str], sentence: str) -> bool:
    """Whether a sentence names a moved value's rule by its old value ("The 24-hour rule
    applies even when you're ill", "our 14-day policy"): the old number and its unit joined
    before a word for a rule, and not the new value."""
    number = re.match(r"\d[\d,.]*", move.old)
    if move.kind != "value" or move.subject or move.share or number is None:
        return False
    units_of = units_of | {w for w in terms(move.old) if not w[:1].isdigit()}
    said_new = rf"(?<![\w.,]){re.escape(move.new)}(?![\d])"
    if not units_of or re.search(said_new, sentence):
        return False
    unit = "|".join(re.escape(word) for word in sorted(units_of))
    pattern = rf"(?<![\w.,]){re.escape(number.group(0))}[-\s](?:{unit})s?\s+(?:{_RULE_NOUNS})\b"
    return re.search(pattern, sentence, re.I) is not None


_LEAD = re.compile(r"^\W{0,3}(?:ahead|before|beforehand|in advance|notice)\b", re.I)


def _lead_time(move: RuleMove, sentence: str) -> bool:
    """Whether a sentence states a moved value's old amount as a lead time ("a day ahead",
    "24 hours before", "two days' notice")."""
    return any(_LEAD.match(sentence[found.end() :]) for found in quantity_matches(sentence)) and (
        _states_value(move, sentence)
    )


def _lead_time_conflicts(
    facts: ChangeFacts, item_units: list[Unit], item: KnowledgeItem, found: list[Conflict]
) -> list[Conflict]:
    """In a macro (one reply, about one thing) that states a moved lead time the old way
    ("Because you cancelled with at least 24 hours' notice, …"), another sentence stating the
    same old amount as a lead time ("Thanks for letting us know a day ahead."): the reply would
    contradict itself with only the rule's sentence rewritten."""
    if item.kind != "macro":
        return []
    taken = {conflict.unit_index for conflict in found}
    moved = [
        move
        for move in facts.moves
        if move.kind == "value"
        and not move.subject
        and _lead_time(move, move.old_sentence)
        and any(_states_value(move, item_units[i].text) for i in taken)
    ]
    conflicts = []
    for index, unit in enumerate(item_units):
        if index in taken or unit.raw.lstrip().startswith(("#", "|")):
            continue
        move = next((m for m in moved if _lead_time(m, unit.text)), None)
        if move is not None:
            reason = (
                f"states the old rule ({move.old}) as a lead time in the reply that states the "
                f"rule; the new prompt says {move.new}: “{move.new_sentence}”"
            )
            conflicts.append(Conflict(index, unit.text, (reason,)))
    return conflicts


def _named_rule_conflicts(
    facts: ChangeFacts,
    topic: set[str],
    text: str,
    item_units: list[Unit],
    item: KnowledgeItem,
    found: list[Conflict],
) -> list[Conflict]:
    """A sentence naming the moved rule by its old value (`_named_by_value`), which shares
    no other word with the prompt's sentence, in an item that states the rule the old way or
    is about the change (`_about_change` with `topic`, the KB's common words left out)."""
    taken = {conflict.unit_index for conflict in found}
    stated = any(r.startswith(_MOVE_REASON) for conflict in found for r in conflict.reasons)
    units_of = measure_words(facts)
    conflicts = []
    for index, unit in enumerate(item_units):
        if index in taken or unit.raw.lstrip().startswith(("#", "|")):
            continue
        for move in facts.moves:
            if not _named_by_value(move, units_of, unit.text):
                continue
            if not stated and not (topic and _about_change(topic, text, item_units, index, item)):
                continue
            reason = (
                f"states the old rule ({move.old}) by name; the new prompt says {move.new}: "
                f"“{move.new_sentence}”"
            )
            conflicts.append(Conflict(index, unit.text, (reason,)))
            break
    return conflicts


_SAME_FOR_EVERYONE = re.compile(
    r"\b(?:(?:it[’']s|that[’']s|this is|it is|that is|the same goes)\b[^.!?]{0,20}"
    r"\bthe same for (?:everyone|everybody|all|every (?:customer|client|account|member))"
    r"|whoever you are|no matter who you are)\b",
    re.I,
)
"""A sentence saying the rule before it holds for everyone ("That's the same for everyone,
from a terraced house to a warehouse roof.")."""
SAME_AFTER_REASON = (
    "states the old rule: says the rule before it is the same for everyone; the new prompt gives"
)


def _sameness_after(
    facts: ChangeFacts, text: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """A sentence right after one stating a moved value, in its paragraph, saying that rule is
    the same for everyone: the move holds for one case only, so it is no longer true."""
    if not facts.restricted or not facts.moves:
        return []
    taken = {conflict.unit_index for conflict in found}
    added = []
    for conflict in found:
        after = conflict.unit_index + 1
        if after in taken or after >= len(item_units):
            continue
        if not any(r.startswith(_MOVE_REASON) for r in conflict.reasons):
            continue
        if not _joined(text, item_units, conflict.unit_index, after):
            continue
        said = item_units[after].text
        if _SAME_FOR_EVERYONE.search(said) and not any(
            states_value(move.old, said) or states_value(move.new, said) for move in facts.moves
        ):
            move = closest_move(facts.moves, conflict.sentence) or facts.moves[0]
            reason = f"{SAME_AFTER_REASON} {move.new} to {facts.when()}"
            added.append(Conflict(after, said, (reason,)))
            taken.add(after)
    return added


SPLIT_CLAIM_REASON = "states the old rule for every case the new prompt tells apart"


def _split_claim_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` and the units claiming a value split by case for every case: a table cell
    stating the old value with a claim over every case of what the split's sides are kinds of
    ("| Deposit | £50, for every bike |" beside "for e-bikes" and "for standard bikes"), in a
    row on the moved rule's topic; a sentence stating it with a closing claim listing the sides
    ("…, whether it's a cat, a dog or a rabbit"); and a sentence that is
    nothing but such a claim ("That's the same for every bike, whether …") right after one
    stating the old value in its paragraph. The rest keep the old value, so a reading that
    takes the unit for the rest's kept rule would drop it: the claim's own reason, which says
    the subset has it too, keeps it (a unit already marked gets it beside its reasons)."""
    splits = [m for m in facts.moves if m.kind == "value" and m.scope and m.others]
    if not facts.restricted or not splits:
        return found
    by_index = {conflict.unit_index: conflict for conflict in found}
    headers = _header_indexes(item_units)
    for index, unit in enumerate(item_units):
        raw = unit.raw.strip()
        at = headers[index]
        header = item_units[at].raw.strip() if at is not None else None
        for move in splits:
            if raw.startswith("|"):
                # a row of another topic stating the same amount is not the moved rule's
                claimed = row_on_move_topic(move, raw, header) and any(
                    states_value(move.old, raw[start:end])
                    and closing_every_kind(raw[start:end], move.scope, move.others) is not None
                    for start, end in cell_spans(raw)
                )
            elif states_value(move.old, unit.text):
                claimed = lists_every_side(unit.text, move.scope, move.others)
            else:
                claimed = (
                    index > 0
                    and only_a_claim(unit.text, move.scope, move.others)
                    and _joined(text, item_units, index - 1, index)
                    and states_value(move.old, item_units[index - 1].text)
                    and on_move_topic(move, item_units[index - 1].text)
                )
            if not claimed or states_value(move.new, unit.text):
                continue
            reason = (
                f"{SPLIT_CLAIM_REASON} ({move.old}); the new prompt says {move.new} "
                f"{move.scope}: “{move.new_sentence}”"
            )
            had = by_index.get(index)
            by_index[index] = Conflict(index, unit.text, (*(had.reasons if had else ()), reason))
            break
    return sorted(by_index.values(), key=lambda conflict: conflict.unit_index)


def _far_side_kept(facts: ChangeFacts, found: list[Conflict]) -> list[Conflict]:
    """`found` without the old-rule reasons of sentences that state a moved value's old line
    only from the side away from the band, where the new prompt still draws that line
    (`bands.far_side`: "less than 24 hours before departure, changes aren't possible" when
    free changes moved from 24 to 48 hours and a fee came in between); a conflict left with
    no reason goes."""
    kept = []
    for conflict in found:
        stating = [
            move
            for move in facts.moves
            if move.kind == "value" and moves_for([move], conflict.sentence)
        ]
        if stating and all(
            (
                far_side(facts.rules, move, conflict.sentence, alone=len(found) == 1)
                or (
                    line_kept(facts.rules, move) is not None
                    and names_line_only(move, move.old_sentence, conflict.sentence)
                )
            )
            and not _restates_scoped_rule(facts, move, conflict.sentence)
            for move in stating
        ):
            reasons = tuple(r for r in conflict.reasons if not r.startswith(_MOVE_REASON))
            if not reasons:
                continue
            conflict = Conflict(conflict.unit_index, conflict.sentence, reasons)
        kept.append(conflict)
    return kept


def _restates_scoped_rule(facts: ChangeFacts, move: RuleMove, sentence: str) -> bool:
    """Whether a sentence restates a move the new prompt makes for a category of the change's
    condition alone (its new sentence names it: "Phones bought online can be cancelled within
    30 days") from the side its old prompt sentence drew the line on ("You can cancel within
    14 days of purchase", as "within 14 days of purchase" was): the moved rule said for
    everyone, not the far side of a line the other categories keep."""
    if not _scopes(facts, move):
        return False
    own = {side_of(move.old_sentence, found) for found in where_stated(move.old, move.old_sentence)}
    said = {side_of(sentence, found) for found in where_stated(move.old, sentence)}
    return len(own) == 1 and None not in own and said == own


def _hands_over(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a KB sentence says a person or a team takes the conversation: escalation
    words, or whom the old escalation tool's name hands to ("our sommelier team" for
    `transfer_to_sommelier`, "our repair desk" for `escalate_to_repair_desk`)."""
    if _escalation_words(sentence):
        return True
    said = set(terms(sentence))
    for action in facts.before_actions:
        if not action.is_escalation:
            continue
        whom = {
            word
            for word in terms(action.name.replace("_", " "))
            if not _escalation_words(word) and word not in ("hand", "handof", "pass", "route")
        }
        if whom and whom <= said:
            return True
    return False


def _case_handoff_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` with the units that hand over the case the change is limited to (a category
    of its condition) marked: a sentence naming the case and the hand-off ("Corked bottles
    and wrong bottles are checked by our sommelier team"), or a list item naming it under a
    lead that says the hand-off for every item. The hand-off is gone for that case only: the
    edit splits the case off and keeps the rest. Other conflicts of such an item that only
    state a promise the new agent dropped, and name no such case ("They'll reply within 2
    working days."), are what the others still get, and stay."""
    removed_escalation = facts.escalation == "removed" or any(
        action.is_escalation for action in facts.before_actions
    )
    cases = changed_cases(facts)
    if not facts.restricted or not removed_escalation or not cases:
        return found
    by_index = {conflict.unit_index: conflict for conflict in found}
    marked: set[int] = set()
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith(("#", "|")) or not names_case(cases, unit.text):
            continue
        if list_item_text(text, item_units, index) is not None:
            lead = list_lead(text, item_units, index)
            if lead is None or not _hands_over(facts, lead.text):
                continue
        elif not _hands_over(facts, unit.text):
            continue
        marked.add(index)
        had = by_index.get(index)
        reasons = (*(had.reasons if had else ()), CASE_HANDOFF_REASON)
        by_index[index] = Conflict(index, unit.text, tuple(dict.fromkeys(reasons)))
    if not marked:
        return found
    kept = [
        conflict
        for index, conflict in sorted(by_index.items())
        if index in marked
        or not all(reason.endswith(_LOOSE_ENDINGS) for reason in conflict.reasons)
        or names_case(cases, conflict.sentence)
    ]
    return kept


def _arg_case_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """For an argument set otherwise for one flagged case (`arg_case`), the units that
    state the old handling for everyone or deny what the case now gets (`claims_old_for_all`)
    in place of `found`: the action itself is kept, so a sentence that only names it (a
    booking, a collection) still holds for everyone."""
    case = arg_case(facts)
    if case is None:
        return found
    by_index = {conflict.unit_index: conflict for conflict in found}
    kept = []
    for index, unit in enumerate(item_units):
        if claims_old_for_all(case, unit.text):
            kept.append(with_reason(by_index, index, unit.text, ARG_CASE_REASON, Conflict))
    return kept


def _flag_case_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` with the units a swap of actions for one flagged case (`flag_case`) makes
    wrong marked: a sentence on the rule's topic saying the new action never happens ("We
    don't give cash refunds for cancelled sailings."), and the row of a two-column table
    that names the case ("| Bad weather | A travel voucher … |"). The table's other rows say
    what the other cases still get."""
    case = flag_case(facts)
    if case is None:
        return found
    topic = rule_topic(facts.rules) or change_topic(facts)
    by_index = {conflict.unit_index: conflict for conflict in found}
    marked: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        if denies_action(case, topic, unit.text):
            marked[index] = FLAG_DENIAL_REASON
    index = 0
    while index < len(item_units):
        if not item_units[index].raw.lstrip().startswith("|"):
            index += 1
            continue
        end = index
        while end + 1 < len(item_units) and item_units[end + 1].raw.lstrip().startswith("|"):
            end += 1
        rows = [unit.raw for unit in item_units[index : end + 1]]
        for at in case_rows(rows, case):
            marked[index + at] = FLAG_ROW_REASON
        index = end + 1
    for index, reason in marked.items():
        by_index[index] = with_reason(by_index, index, item_units[index].text, reason, Conflict)
    return [by_index[index] for index in sorted(by_index)]


def _narrowed_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` with the units that state for everyone an offer the new prompt keeps for a
    subset (`narrowed_offer`) marked: "Rods are always free, for everyone." is wrong for the
    others now; the same offer on another subject stays."""
    offer = narrowed_offer(facts)
    if offer is None:
        return found
    by_index = {conflict.unit_index: conflict for conflict in found}
    for index, unit in enumerate(item_units):
        if claims_offer_for_all(offer, unit.text):
            by_index[index] = with_reason(by_index, index, unit.text, NARROWED_REASON, Conflict)
    return [by_index[index] for index in sorted(by_index)]


def _permission_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """For a permission the new prompt withdraws for some categories (`withdrawn_permission`),
    the units that grant it to all or to one of them (and a sentence after one extending it
    to them, "That includes the night walks."), and the rows of those categories that say
    yes in a table column about it, in place of `found`: what else holds in every case
    ("up to two per booking", "every tour has a guide, night walks included") still does.
    A conflict of `found` about the grant's subject in one of the categories ("I've added
    your child to the night walk.") stays, with its reasons."""
    permission = withdrawn_permission(facts)
    if permission is None:
        return found
    kept = {
        conflict.unit_index: conflict.reasons
        for conflict in found
        if about_withdrawn(permission, conflict.sentence)
    }
    marked: dict[int, str] = {
        index: PERMISSION_REASON
        for index, unit in enumerate(item_units)
        if grants_to_all(permission, unit.raw)
    }
    for index in sorted(marked):
        after = index + 1
        if after < len(item_units) and extends_grant(permission, item_units[after].raw):
            marked[after] = PERMISSION_ALSO_REASON
    for run in table_runs([unit.raw for unit in item_units]):
        rows = [item_units[index].raw for index in run]
        for at in withdrawn_rows(permission, rows):
            marked[run[at]] = PERMISSION_ROW_REASON
    return [
        Conflict(
            index, item_units[index].text, (marked[index],) if index in marked else kept[index]
        )
        for index in sorted(marked.keys() | kept.keys())
    ]


REPLACED_DENIAL_REASON = "says the old handling is the only one, or the hand-off never happens"


def _section_of(item_units: list[Unit], index: int) -> int:
    """The index of the heading a unit sits under; -1 above the first heading."""
    for before in range(index - 1, -1, -1):
        if item_units[before].raw.lstrip().startswith("#"):
            return before
    return -1


def _replaced_denial_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` with the units marked that deny a hand-off which replaced an action for the
    very case the old action was for (`replaced_action`): "We can't escalate a claim.",
    "Chasing is done by reminder only." (`denies_hand_off`), in the section where the item
    says we take the old action (anywhere in a macro: one reply on one thing). They were the
    whole case's rule; the hand-off makes them wrong."""
    case = replaced_action(facts)
    if case is None:
        return found
    acting = {
        conflict.unit_index
        for conflict in found
        if any(reason.startswith(f"describes `{case.old}`") for reason in conflict.reasons)
    }
    if not acting:
        return found
    sections = {_section_of(item_units, index) for index in acting}
    by_index = {conflict.unit_index: conflict for conflict in found}
    for index, unit in enumerate(item_units):
        if index in acting or _section_of(item_units, index) not in sections:
            continue
        if denies_handoff(case, unit.text):
            by_index[index] = with_reason(
                by_index, index, unit.text, REPLACED_DENIAL_REASON, Conflict
            )
    return [by_index[index] for index in sorted(by_index)]


def started_tool(facts: ChangeFacts) -> str | None:
    """The first tool the change's conversations now call and did not before, a hand-off
    aside."""
    before = {action.name for action in facts.before_actions}
    return next(
        (
            action.name
            for action in facts.after_actions
            if action.name not in before and not action.is_escalation
        ),
        None,
    )


_CASE_NOUN = re.compile(
    r"\b(?:for|to\s+[a-z]+|if\s+you(?:'re|’re|\s+are)\s+[a-z]+ing|when(?:ever)?\s+you\s+[a-z]+"
    r"(?:\s+for)?)\s+(?:an?|the|your)\s+(?P<noun>[A-Za-z][\w'’-]{0,40})",
    re.I,
)


def _other_case_named(dropped: Dropped, topic: set[str], sentence: str) -> bool:
    """Whether a sentence saying the customer needs what was dropped names its own case, and
    that case is another service ("For a crane-out, we'll need your insurance certificate",
    "You'll need your card number to renew a loan"): a case noun none of whose words is the
    change's topic. A case said by a pronoun ("to book one") is its context's."""
    if not topic or _only_the_dropped(dropped, sentence):
        return False
    nouns = [found.group("noun") for found in _CASE_NOUN.finditer(sentence[:2000])]
    said = {word for noun in nouns for word in terms(noun)} - set(terms(dropped.what))
    return bool(said) and not said & topic


def _only_the_dropped(dropped: Dropped, sentence: str) -> bool:
    """Whether a sentence states no case besides what was dropped (its words alone)."""
    return not set(terms(sentence)) - set(terms(dropped.what)) - {"need", "ll", "you", "we"}


def dropped_for_good(facts: ChangeFacts, dropped: Dropped) -> bool:
    """Whether a requirement read with `acted_tool` (a check call stopped, no tool started)
    is gone, not moved: the change moves no value ("a deposit of 20%" → "30%" needs the
    deposit still) and the new version of its sentence no longer names the thing."""
    if facts.moves or facts.moved:
        return False
    # "no card number is needed", "without the form": said not needed, not kept
    kept = _DENIED.sub(" ", dropped.rule.new or "")
    return dropped.noun not in stems(kept)


_DENIED = re.compile(
    r"\b(?:no|without|not|never|don['’]t|doesn['’]t|isn['’]t|aren['’]t)\b[^.;:,]{0,60}", re.I
)


def still_checked_for_others(facts: ChangeFacts) -> bool:
    """Whether the new prompt still has the check a dropped requirement went with done for
    someone: a check call the change's conversations stopped (`before_actions`) that a new
    prompt sentence still names ("Members past the line: check the form with `check_x`
    first"). The requirement is then dropped for a subset only."""
    stopped = {action.name for action in facts.before_actions}
    return any(f"`{name}`" in (rule.new or "") for rule in facts.rules for name in stopped)


def acted_tool(facts: ChangeFacts) -> str | None:
    """The action a dropped requirement held back: the tool the change's conversations now
    call and did not before (`started_tool`), else, when they stopped a call (a check done
    before acting) and start none, the first tool a changed prompt sentence names in both its
    versions ("check it with `verify_card`, and only once it is valid book it with `book_x`"
    → "book it straight away with `book_x`")."""
    started = started_tool(facts)
    if started is not None or facts.after_actions:
        return started
    stopped = {action.name for action in facts.before_actions}
    if not stopped:
        return None
    for rule in facts.rules:
        if not (rule.old and rule.new):
            continue
        for name in re.findall(r"`(\w+)`", str(rule.new)):
            if name not in stopped and f"`{name}`" in rule.old:
                return str(name)
    return None


def _dropped_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], title: str, found: list[Conflict]
) -> list[Conflict]:
    """`found` with the units a requirement the new prompt drops makes wrong marked
    (`dropped.dropped_requirement`), when the change's conversations now get an action they
    did not: a sentence asking for what was dropped, about its case (it, its paragraph, its
    heading or the title names the case: "a photo of the misprint", not the photos of a photo
    book), and a sentence saying "we" take the action only once it has come ("As soon as it
    comes through, we'll order a free reprint")."""
    tool = started_tool(facts)
    dropped = dropped_requirement(facts.rules) if tool else None
    if dropped is None and tool is not None:
        return _category_drop_conflicts(facts, text, item_units, found)
    if tool is None:
        tool = acted_tool(facts)
        dropped = dropped_requirement(facts.rules) if tool else None
        if dropped is not None and not dropped_for_good(facts, dropped):
            dropped = None
    if dropped is None or tool is None:
        return found
    topic = case_topic(dropped, _topic_stems(facts))
    by_index = {conflict.unit_index: conflict for conflict in found}
    asked = False
    # dropped for a subset only: a sentence saying whom it is not needed for is right
    scoped = still_checked_for_others(facts)
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith(("#", "|")) or (scoped and says_scoped(unit.raw)):
            continue
        reason = None
        listed = list_item_text(text, item_units, index)
        scope = listed_need(dropped, listed) if listed is not None else None
        if scope is not None and (
            set(terms(scope)) & topic if scope else _on_topic(topic, text, item_units, index, title)
        ):
            reason = f"{ASK_REASON}: {_quote(dropped.what)}"
        elif (
            asks_for(dropped, unit.text)
            and _on_topic(topic, text, item_units, index, title)
            and not _other_case_named(dropped, topic, unit.text)
        ):
            asked = True
            reason = f"{ASK_REASON}: {_quote(dropped.what)}"
        elif wait_clause(dropped, tool, unit.text, asked) is not None and (
            asked or _on_topic(topic, text, item_units, index, title)
        ):
            reason = f"{WAIT_REASON} ({_quote(dropped.what)}; the new agent calls `{tool}`)"
        if reason is None:
            continue
        by_index[index] = with_reason(by_index, index, unit.text, reason, Conflict)
    return [by_index[index] for index in sorted(by_index)]


def category_drop_applies(facts: ChangeFacts) -> bool:
    """Whether the change's KB edits rest on a requirement dropped for one category only
    (`categorydrop`): it starts an action and no requirement is dropped for all."""
    tool = started_tool(facts)
    return tool is not None and dropped_requirement(facts.rules) is None


def _category_drop_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` with the units a requirement the new prompt drops for one category only makes
    wrong marked (`categorydrop`): an ask naming the category, its list item, the wait after."""
    drop = category_drop(facts.rules, facts.conditions)
    if drop is None:
        return found
    by_index = {conflict.unit_index: conflict for conflict in found}
    for index, kind in category_drop_marks(drop, text, item_units).items():
        reason = (
            f"{ASK_REASON}: {drop.category} needs no {drop.noun} now"
            if kind == "ask"
            else f"{WAIT_REASON} ({drop.noun}; the new agent acts at once for {drop.category})"
        )
        had = by_index[index].reasons if index in by_index else ()
        by_index[index] = Conflict(index, item_units[index].text, (*had, reason))
    return [by_index[index] for index in sorted(by_index)]


def dropped_asks(facts: ChangeFacts, item: KnowledgeItem, body: str) -> list[str]:
    """The sentences of an edited body of `item` that still ask for what the new prompt
    dropped for the change's case, or hold the action back until it comes
    (`_dropped_conflicts` read on the edit): what no drafter's edit may keep."""
    text = plain_text(body, item.body_format)
    return [c.sentence for c in _dropped_conflicts(facts, text, units(text), item.title, [])]


STEP_REASON = "promises {action} for the case the new agent no longer does it for"


_TEAM_PRONOUN = re.compile(r"^\W*(?:they|he|she)\b", re.I)
"""A sentence that goes on about whom the one before handed the customer to ("They'll call
you within 2 hours")."""


def _section_text(item_units: list[Unit], index: int, title: str) -> str:
    """The text of the section a unit sits in: its heading and the units up to the next
    heading; with no heading above it, the item's units up to the first heading and the
    item's title without its category prefix."""
    start = index
    while start > 0 and not item_units[start].raw.lstrip().startswith("#"):
        start -= 1
    stop = index + 1
    while stop < len(item_units) and not item_units[stop].raw.lstrip().startswith("#"):
        stop += 1
    said = [unit.text for unit in item_units[start:stop]]
    if not item_units[start].raw.lstrip().startswith("#"):
        said.append(title.split("::")[-1])
    return " ".join(said)


def _case_promise_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], title: str, found: list[Conflict]
) -> list[Conflict]:
    """`found` plus, in an item that hands over the case the change is limited to
    (`CASE_HANDOFF_REASON`), the units that state what the hand-off promised (the team's call
    within a time frame the new agent no longer states) of the team or after it ("We'll pass
    you to the team, who will call you within 2 hours.", "They'll call you within 2 hours.")
    in a section about that case alone: it names the case and none of the other cases the
    item hands over beside it (the other conjuncts of a sentence, the other items of a list).
    The hand-off is gone for that case, and its promise with it; a section about another
    case, or about several, keeps the promise, and so does the same time frame said of
    something else ("Deliveries arrive within 2 hours.")."""
    marked = [c for c in found if CASE_HANDOFF_REASON in c.reasons]
    cases = changed_cases(facts)
    if not marked or not cases:
        return found
    others = [case for c in marked for case in other_cases(c.sentence, cases)]
    for conflict in marked:
        if list_item_text(text, item_units, conflict.unit_index) is None:
            continue
        for sibling in list_items(text, item_units, conflict.unit_index):
            said = list_item_text(text, item_units, sibling) or ""
            if not names_case(cases, said) and (words := set(terms(said))):
                others.append(words)
    taken = {conflict.unit_index for conflict in found}
    added: list[Conflict] = []
    for index, unit in enumerate(item_units):
        if index in taken or unit.raw.lstrip().startswith(("#", "|")):
            continue
        reasons = tuple(
            reason
            for reason in sentence_conflict(facts, unit.text)
            if reason.startswith(HANDOFF_REASON) or reason.endswith(_LOOSE_ENDINGS)
        )
        if not any(reason.endswith(_LOOSE_ENDINGS) for reason in reasons):
            continue
        if not (_hands_over(facts, unit.text) or _TEAM_PRONOUN.match(unit.text)):
            continue
        section = _section_text(item_units, index, title)
        if not names_case(cases, section) or (others and names_case(others, section)):
            continue
        added.append(Conflict(index, unit.text, (*reasons, CASE_PROMISE_REASON)))
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def _case_step_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], title: str, found: list[Conflict]
) -> list[Conflict]:
    """`found` for a change that replaces an action for one case of its condition: a unit
    about a case the new prompt keeps on the old action (`kept_cases`: it names that case, or
    its paragraph, heading or title does, and none names the changed case) states what those
    customers still get, and does not conflict; a unit about the changed case that says "we"
    take the old action ("we'll remake them free of charge") promises what it no longer gets."""
    changed = changed_cases(facts)
    if not changed or not facts.restricted or facts.moves or case_step(facts) is None:
        return found
    kept = kept_cases(facts)

    def about(words: list[set[str]], others: list[set[str]], index: int) -> bool:
        # a unit naming both is the changed case's (the edit splits it), never the kept ones'
        unit_text = item_units[index].text
        if names_case(changed, unit_text):
            return words is changed
        if names_case(words, unit_text):
            return True
        return not names_case(others, unit_text) and names_only_kept(
            words, others, _context(text, item_units, index, title)
        )

    by_index = {c.unit_index: c for c in found if not (kept and about(kept, changed, c.unit_index))}
    acted = [action for action in facts.before_actions if not action.is_escalation]
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith(("#", "|")):
            continue
        promised = [action for action in acted if promises_action(action.name, unit.text)]
        if promised and about(changed, kept, index):
            had = by_index[index].reasons if index in by_index else ()
            reason = STEP_REASON.format(action=promised[0].code())
            by_index[index] = Conflict(index, unit.text, (*had, reason))
    return [by_index[index] for index in sorted(by_index)]


def _other_case_kept(
    facts: ChangeFacts, text: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` without the list items about another case than the one a value moved for,
    where the item's list has one per case (`percase.other_case_items`): "- Paid by card: …
    within 3 days" beside "- Paid by voucher: … within 3 days" when only vouchers moved is
    what card customers still get. Only conflicts stating the old value (a rule's or the old
    replies') go; any other reason stays."""
    cases = changed_cases(facts)
    if not facts.restricted or not cases:
        return found

    def valued(conflict: Conflict) -> bool:
        return all(r.startswith(_MOVE_REASON) or _loose(r) for r in conflict.reasons)

    stating = [conflict.unit_index for conflict in found if valued(conflict)]
    kept = other_case_items(text, item_units, cases, stating)
    return [conflict for conflict in found if conflict.unit_index not in kept]


def _kept_step_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], title: str, found: list[Conflict]
) -> list[Conflict]:
    """`found` plus, for a change that puts a step before an action both prompts take
    (`keptstep.kept_step`), the units of an item about the step's topic that say the action
    is taken at once ("we book it right away")."""
    step = kept_step(facts)
    if step is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    reason = KEPT_STEP_REASON.format(action=f"`{step.action}`", step=step.step)
    added = [
        Conflict(index, unit.text, (reason,))
        for index, unit in enumerate(item_units)
        if index not in taken
        and not unit.raw.lstrip().startswith(("#", "|"))
        and says_at_once(step, unit.text, title + "\n" + text)
    ]
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def _given_enough_conflicts(
    facts: ChangeFacts, item_units: list[Unit], title: str, found: list[Conflict]
) -> list[Conflict]:
    """`found` plus, for a step put before an action the old prompt took for anyone who gave
    one thing (`givenenough.given_enough`), the units saying that thing is enough."""
    case = given_enough(facts)
    if case is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    reason = given_enough_reason(case)
    added = [
        Conflict(index, item_units[index].text, (reason,))
        for index in given_enough_marks(case, item_units, title)
        if index not in taken
    ]
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def _other_value_kept(
    facts: ChangeFacts, text: str, title: str, found: list[Conflict]
) -> list[Conflict]:
    """`found` without the conflicts read from old values or the old action alone, in an item
    about the other value of the change's flag (`categoryway.about_other_value`): "Orders
    placed before 2pm leave us the same day" in the macro for a valid prescription, when only
    expired ones changed, is what those customers still get."""
    if not about_other_value(facts, title, text):
        return found
    return [c for c in found if not all(_loose(reason) for reason in c.reasons)]


def _named_cases(facts: ChangeFacts) -> list[set[str]]:
    """The words of each category a change for some customers is limited to, when its first
    condition names one ("id_type = national_id" → national, id); empty otherwise."""
    if not facts.restricted or not category_values(facts.conditions):
        return []
    return [case for case in changed_cases(facts) if case]


def _names_case(cases: list[set[str]], title: str, item_units: list[Unit]) -> bool:
    """Whether an item's title or one of its units names a case by all of its words."""
    texts = [title.rsplit("::", 1)[-1], *(unit.text for unit in item_units)]
    return any(names_case(cases, said) for said in texts)


def _rule_topic_words(facts: ChangeFacts, cases: list[set[str]]) -> set[str]:
    """The stems the changed rule's sentences say besides the case's own words."""
    said = {
        word
        for rule in facts.rules
        for text in (rule.old, rule.new)
        if text
        for word in terms(text)
    }
    return {word for word in said if len(word) > 2} - {word for case in cases for word in case}


def _names_case_for_others(
    cases: list[set[str]], title: str, item_units: list[Unit], topic: set[str]
) -> tuple[bool, bool]:
    """Whether an item names a case in a heading (what a part of it is about, for any item),
    and whether it names it in its title or in a unit on the changed rule's topic (two of the
    rule's words besides the case's), which count on its own shelf: "A storm has delayed some
    parcels" is news, no case of the rule's. Names ("Premium Cover") are no case."""
    headed = any(
        unit.raw.lstrip().startswith("#") and names_case(cases, _without_names(unit.text))
        for unit in item_units
    )
    # a title is what the item is about on its own shelf ("Delivery::Business account
    # delivery" is another matter of the same customers than "Orders::Order booked and paid")
    titled = names_case(cases, _without_names(title.rsplit("::", 1)[-1]))
    on_topic = titled or any(
        len(set(terms(unit.text)) & topic) >= 2 and names_case(cases, _without_names(unit.text))
        for unit in item_units
    )
    return headed, on_topic


_ANY_CASE = re.compile(r"\b(?:any|every|all)\b", re.I)
"""A claim over every case ("any item in our range"): the changed case among them."""
_NAME_RUN = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]{0,30}(?:[ \t]+[A-Z][\w'’-]{0,30})+")
"""Two or more capitalised words in a row: a name ("Premium Cover"), in a text not written in
title case throughout."""


def _without_names(text: str) -> str:
    """`text` without the names it holds (`_NAME_RUN`): "Premium Cover" names a product, not
    the premium cars a case is about."""
    if not re.search(r"(?<![\w'’-])[a-z]", text):
        return text
    return _NAME_RUN.sub(" ", text)


def _shelf(item: KnowledgeItem) -> tuple[str, str]:
    """An item's kind and the category path its title files it under ("Refunds" of
    "Refunds::Any parcel"; "" when none)."""
    return item.kind, item.title.rsplit("::", 1)[0] if "::" in item.title else ""


_WHENEVER_DONE = re.compile(
    r"\s*(?:whenever|each time|every time|any time)\s+we\s+[a-z]{2,20}\b[^,.;:!?]{0,80},", re.I
)
"""A sentence opening on the occasion of a deed of ours ("Whenever we refund an order, …")."""
_DESCRIBED_CALL = re.compile(r"describes `(?P<name>[a-z0-9_]{1,60})`")


def _kept_call(reason: str, kept_rules: Sequence[str]) -> bool:
    """Whether a reason is the old action described, and a kept prompt sentence still calls it."""
    described = _DESCRIBED_CALL.match(reason)
    return described is not None and any(
        f"`{described['name']}`" in sentence for sentence in kept_rules
    )


def _kept_case_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], title: str, found: list[Conflict]
) -> list[Conflict]:
    """`found` without the conflicts read from the old action's words or the old replies'
    values alone in a unit said of a case the new prompt keeps that old way for: the unit,
    read with what it is said under (`_context`; a table row is its own case), names a word
    only the kept prompt sentences have (`keptrules.kept_case_words`: "cancelled" of "a
    refund for a cancelled order, within 7 days" kept beside the changed "postponed" one) and
    no word of the changed case. The old way is still true there."""
    if not facts.restricted or not facts.kept_rules or not found:
        return found
    case = _case_words(facts)
    if not case:
        return found
    kept_words = kept_case_words(facts.moves, facts.kept_rules, case)
    if not kept_words:
        return found

    def kept_case(conflict: Conflict) -> bool:
        if not all(_loose(reason) for reason in conflict.reasons):
            return False
        unit = item_units[conflict.unit_index]
        if _WHENEVER_DONE.match(unit.text) and all(
            _kept_call(reason, facts.kept_rules) for reason in conflict.reasons
        ):
            # "Whenever we refund an order, the fee comes back too": what comes with the
            # action when it is taken, and the kept case still has it taken
            return True
        said = unit.text
        if not unit.raw.lstrip().startswith("|"):
            said += " " + _context(text, item_units, conflict.unit_index, title)
        stems = {stem(word) for word in terms(said)}
        return bool(stems & kept_words) and not stems & case

    return [conflict for conflict in found if not kept_case(conflict)]


def _moved_way_conflicts(
    facts: ChangeFacts, title: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` and the units no finder marked that say the old way of a call whose argument
    moved for one category (`categoryway`'s moved-argument way) for every case ("Always back
    the way it came, and that includes our own gift cards: …"), or in the category's own row
    or list item ("| Gift card | Back onto the same gift card |"), where the unit, its heading
    or question, its table's header or the item's title names the call ("refund" of
    `refund_return`)."""
    way = category_way(facts)
    if way is None or way.moved is None:
        return found
    called = {
        stem(word) for a in facts.before_actions for word in a.name.split("_") if len(word) > 3
    }
    taken = {c.unit_index for c in found}
    rows = [unit.text for unit in item_units]
    olds = _moved_old_values(facts)
    added = []
    heading = ""
    for index, unit in enumerate(item_units):
        raw = unit.raw.lstrip()
        if raw.startswith("#") or unit.text.rstrip().endswith("?"):
            heading = unit.text
            continue
        if index in taken:
            continue
        if way.moved.search(unit.text) and not any(old.search(unit.text) for old in olds):
            # "Standard delivery … to every region, the Highlands and islands included" when
            # the category now gets standard delivery: the new way, true for it too
            continue
        own = category_row(way, unit.text) or category_item(way, unit.text)
        if not (own or claims_every_kind(way, unit.text)):
            continue
        header = table_header(rows, index) if raw.startswith("|") else None
        context = f"{title} {heading} {header or ''} {unit.text}"
        if not called & {stem(word) for word in terms(context)}:
            continue
        added.append(
            Conflict(index, unit.text, (CATEGORY_ITEM_REASON if own else CATEGORY_WAY_REASON,))
        )
    return sorted([*found, *added], key=lambda c: c.unit_index) if added else found


def _moved_old_values(facts: ChangeFacts) -> list[re.Pattern[str]]:
    """How text says the old values of the arguments the change's calls moved ("next day",
    "next-day" for service next_day → standard)."""
    before = {action.name: dict(action.arguments) for action in facts.before_actions}
    return [
        re.compile(rf"(?<![\w-]){re.escape(old).replace('_', '[_ -]?')}(?![\w-])", re.I)
        for action in facts.after_actions
        for key, value in dict(action.arguments).items()
        if (old := before.get(action.name, {}).get(key)) not in (None, value)
    ]


def _category_way_conflicts(facts: ChangeFacts, found: list[Conflict]) -> list[Conflict]:
    """`found` with the conflicts marked that state the old way for every category where one
    category is now handled a new way (`categoryway.claims_every_kind`): "whether it's for a
    cat, a dog or a rabbit, we send it today" when cats no longer get it."""
    way = category_way(facts)
    if way is None:
        return found
    # the category's own list item or table row saying its old way ("- Returns on gift card
    # orders: refunded onto the same gift card", "| Returning a sale item | Refund to your
    # card … |")
    found = [
        Conflict(c.unit_index, c.sentence, (*c.reasons, CATEGORY_ITEM_REASON))
        if CATEGORY_ITEM_REASON not in c.reasons
        and (
            (way.moved is not None and category_item(way, c.sentence))
            or category_row(way, c.sentence)
        )
        else c
        for c in found
    ]
    return [
        Conflict(c.unit_index, c.sentence, (*c.reasons, CATEGORY_WAY_REASON))
        if claims_every_kind(way, c.sentence) and CATEGORY_WAY_REASON not in c.reasons
        else c
        for c in found
        # a claim for every kind of a rule the new prompt keeps for every case is that rule's
        if not (claims_every_kind(way, c.sentence) and _kept_every_case(facts, c.sentence))
    ]


def _kept_every_case(facts: ChangeFacts, sentence: str) -> bool:
    """Whether a KB sentence says a rule the new prompt keeps for every case ("…, as we do for
    any faulty item, whether it was bought at full price, in the sale or as a second" beside
    "If an item is faulty …, refund the price paid to the card …, whatever its price type."):
    the kept sentence claims every case and shares with the KB sentence a word none of the
    change's rules says ("faulty")."""
    ruled = {
        stem(word) for rule in facts.rules for word in terms(f"{rule.old or ''} {rule.new or ''}")
    }
    said = {stem(word) for word in terms(sentence)}
    own = {rule.new for rule in facts.rules if rule.new}
    for kept in facts.new_prompt_sentences:
        if kept in own or not EVERY_CASE_WORDS.search(kept):
            continue
        if {stem(word) for word in terms(kept)} & said - ruled:
            return True
    return False


def _withheld_promise_conflicts(
    facts: ChangeFacts, text: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """For a promise the new prompt withholds from one category (`categoryway.
    withheld_promise_way`), `found` with the sentences promising it for every category marked
    ("…, whether it's a camera body, a lens or a flash."), the category's item of a list with
    an item per category marked ("- Camera bodies: a replacement body …, by 10am the next
    morning."), and the other categories' items stating the promise left out: those customers
    still get it. Only where the promise is said as the old replies said it (`_said_alike`:
    the sentence without the categories it lists, or one item of the list): "- Camera bodies:
    collected by 10am the next morning" in a list about returns is another subject."""
    way = category_way(facts)
    if way is None or not way.promises:
        return found
    taken = {c.unit_index for c in found}
    for index, unit in enumerate(item_units):
        if (
            index in taken
            or unit.raw.lstrip().startswith(("#", "|"))
            or not claims_every_kind(way, unit.text)
        ):
            continue
        said = without_claim(way, unit.text)
        if any(
            value_pattern(promise.value).search(said) and _said_alike(facts, promise.value, said)
            for promise in facts.removed_promises
        ) or says_withheld(way, facts, said):
            # or the action withheld from the category ("is replaced" for "send a replacement")
            found = [*found, Conflict(index, unit.text, (CATEGORY_WAY_REASON,))]
    marked: set[int] = set()
    kept: set[int] = set()
    for listed in category_lists(way, text, item_units):
        if any(
            value_pattern(promise.value).search(item_units[index].text)
            and _said_alike(facts, promise.value, item_units[index].text)
            for index in listed
            for promise in facts.removed_promises
        ):
            marked.add(listed[0])
            kept.update(listed[1:])
    out = [c for c in found if c.unit_index not in kept and c.unit_index not in marked]
    for index in marked:
        had = next((c.reasons for c in found if c.unit_index == index), ())
        out.append(Conflict(index, item_units[index].text, (*had, CATEGORY_ITEM_REASON)))
    return sorted(out, key=lambda conflict: conflict.unit_index)


def _kept_rule_reason(facts: ChangeFacts, reason: str) -> bool:
    """Whether a conflict's reason is a moved value's old value stated (the reasons
    `keptrules.kept_units` answers): the old rule, in its words or others, or a removed
    promise of that value. A claim that it holds for every case a split tells apart is not
    one: the kept rule is the rest's, and the claim says the subset has it too."""
    if reason.startswith(SPLIT_CLAIM_REASON):
        return False
    if reason.startswith(_MOVE_REASON):
        return True
    olds = {move.old for move in facts.moves if move.kind == "value"}
    if any(reason == f"states {old}, which the new agent no longer states" for old in olds):
        return True
    # the promise as the replies' facts write it ("2 business days" for "2 working days")
    ending = f", {_LOOSE_ENDINGS[0]}"
    if not (reason.startswith("states ") and reason.endswith(ending)):
        return False
    said = {promise.key for promise in extract_promises(reason[len("states ") : -len(ending)])}
    return any(said & {promise.key for promise in extract_promises(old)} for old in olds)


def kept_rule_units(facts: ChangeFacts, impact: Impact) -> set[int]:
    """The indexes of an impact's units that say a rule the new prompt still states unchanged
    (`keptrules.kept_units`): kept as they are by every drafter."""
    if not facts.kept_rules:
        return set()
    text = plain_text(impact.item.body, impact.item.body_format)
    return _kept_units(facts, text, impact.units, impact.item.title)


def changed_case_words(facts: ChangeFacts) -> list[set[str]]:
    """The cases the change's condition picks out, each as the stems of its words: the
    categories it is limited to (`changed_cases`) and a yes/no flag set true by its own words
    ("home visit" of `home_visit = true`)."""
    found = changed_cases(facts)
    atom = flag_atom(facts.conditions)
    if atom is not None and atom.value is True and (words := set(terms(flag_name(atom.feature)))):
        found.append(words)
    return found


def _case_words(facts: ChangeFacts) -> frozenset[str]:
    return frozenset(word for case in changed_case_words(facts) for word in case)


def _kept_units(facts: ChangeFacts, text: str, item_units: list[Unit], title: str) -> set[int]:
    """`keptrules.kept_units` of an item's units, each read with what it is said under
    (`_context`) and the change's case words (`_case_words`)."""
    return kept_units(
        facts.moves,
        facts.kept_rules,
        item_units,
        _paragraphs(text, item_units),
        _Contexts(text, item_units, title),
        _case_words(facts),
    )


def kept_route_units(facts: ChangeFacts, impact: Impact) -> set[int]:
    """The indexes of an impact's units, outside its conflicts, that give a removed contact
    route for a topic the new prompt still gives it for (`_route_kept`): kept as they are by
    every drafter."""
    if not facts.kept_routes:
        return set()
    text = plain_text(impact.item.body, impact.item.body_format)
    conflicting = {conflict.unit_index for conflict in impact.conflicts}
    found = set()
    for index, unit in enumerate(impact.units):
        if index in conflicting:
            continue
        said = f"{unit.text} {_context(text, impact.units, index, impact.item.title)}"
        if any(
            _route_kept(facts, f"states {p.value}, {_LOOSE_ENDINGS[0]}", said)
            for p in facts.removed_promises
            if p.key in {found.key for found in extract_promises(unit.text)}
        ):
            found.add(index)
    return found


def _kept_rule_dropped(
    facts: ChangeFacts, text: str, item_units: list[Unit], title: str, found: list[Conflict]
) -> list[Conflict]:
    """`found` without the old values stated by sentences that say a rule the new prompt
    still states unchanged (`keptrules.kept_units`: "Deposits are refundable within 14 days
    of booking." when a hand-off moved from 14 days to 7, and the prompt still says it):
    the same value, another rule, no conflict. Other reasons of theirs stay."""
    if not facts.kept_rules or not found:
        return found
    kept = _kept_units(facts, text, item_units, title)
    conflicts = []
    for conflict in found:
        # a shortened window's old value said of the action it gated is the moved rule
        if conflict.unit_index in kept and not about_gated_action(facts.gated, conflict.sentence):
            reasons = tuple(r for r in conflict.reasons if not _kept_rule_reason(facts, r))
            if not reasons:
                continue
            conflict = Conflict(conflict.unit_index, conflict.sentence, reasons)
        conflicts.append(conflict)
    return conflicts


def _inserted_bound_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` and the units giving a rule from the moment the new prompt now bounds, with no
    bound, or claiming the least amount counts (`insertedbound.bound_conflict`): "It reached us
    after its due date, so a £10 late fee has been charged" beside a new 3-day grace."""
    bound = inserted_bound(facts)
    if bound is None:
        return found
    reason = f"{INSERTED_BOUND_REASON} “{bound.rule.new}”"
    at = {c.unit_index: i for i, c in enumerate(found)}
    out = list(found)
    for index, unit in enumerate(item_units):
        if unit.raw.lstrip().startswith("#") or not bound_conflict(bound, unit.text):
            continue
        if index in at:
            c = out[at[index]]
            if reason not in c.reasons:
                out[at[index]] = Conflict(c.unit_index, c.sentence, (*c.reasons, reason))
        else:
            out.append(Conflict(index, unit.text, (reason,)))
    return sorted(out, key=lambda c: c.unit_index)


def _complement_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict], text: str = ""
) -> list[Conflict]:
    """`found` and the units that state a moved upper limit's other side beside a unit
    stating the limit: the rows of its table ("| Private tour | 11 guests or more |" beside
    "| Public tour | 1 to 10 guests |" when 10 became 8), or a sentence of its paragraph
    ("For groups of eleven or more, book a private tour."): `complement.complement_reason`.
    Another paragraph's "eleven or more" may count something else."""
    taken = {conflict.unit_index for conflict in found}
    added = []
    headers = _header_indexes(item_units) if found else []
    rows = _rows_by_header(headers)
    spans = _paragraphs(text, item_units) if found and text else []
    # the new prompt's sentences: a rule it keeps for one category only is no narrowing
    prompt = facts.new_prompt_sentences if found else []
    for conflict in found:
        at = headers[conflict.unit_index]
        if at is None:
            move = closest_move(facts.moves, conflict.sentence)
            # a limit moved for one case only keeps its other side for the rest
            alone = move is not None and not (
                move.scope
                or move.subject
                or move.others
                or move.share
                or move.category
                or scope_of(move, conflict.sentence, facts.conditions, prompt)
            )
            near = _others(spans, conflict.unit_index) if text and alone else []
        else:
            move = closest_move(facts.moves, f"{item_units[at].text} {conflict.sentence}")
            near = rows[at]
        if move is None:
            continue
        # the same value moved by another prompt sentence (the hand-off's "more than 10"
        # beside the deposit's "between 6 and 10"): its other side too
        alike = [move] + [
            other
            for other in facts.moves
            if other is not move and (other.old, other.new) == (move.old, move.new)
        ]
        for index in near:
            if index in taken:
                continue
            reason = next(
                (
                    said
                    for each in alike
                    if (said := complement_reason(each, item_units[index].text))
                ),
                None,
            )
            if reason:
                added.append(Conflict(index, item_units[index].text, (reason,)))
                taken.add(index)
    if not added:
        return found
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def _category_route_conflicts(
    facts: ChangeFacts, title: str, text: str, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """`found` and the units naming the old team of a hand-off re-routed for one category
    for that category or for every category (`categoryroute.category_route_reason`). In an
    item about another category alone (`categoryroute.kept_category_item`), the old route's
    values (its time, its way of contact) are what those customers still get: the conflicts
    read from them alone go."""
    if kept_category_item(facts, title, text):
        found = [
            c for c in found if not all(r.startswith(_MOVE_REASON) or _loose(r) for r in c.reasons)
        ]
    taken = {conflict.unit_index for conflict in found}
    added = []
    for index, unit in enumerate(item_units):
        reason = None if index in taken else category_route_reason(facts, unit)
        if reason is not None:
            added.append(Conflict(index, unit.text, (reason,)))
    if not added:
        return found
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def _schema_cap_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """A cap the config's tool schema moved for everyone (`schemacap.schema_cap`): each sentence
    of an item that calls the old amount a cap, or gives the amount where a share reaches it,
    states what no longer holds for anyone."""
    cap = schema_cap(facts)
    if cap is None:
        return found
    marked = cap_sentences(cap, item_units)
    taken = {conflict.unit_index for conflict in found}
    added = [
        Conflict(index, item_units[index].text, (reason,))
        for index, reason in marked.items()
        if index not in taken
    ]
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def _count_limit_conflicts(
    facts: ChangeFacts, item_units: list[Unit], found: list[Conflict]
) -> list[Conflict]:
    """A count limit the config's tool schema moved for everyone (`countlimit.count_limit`):
    each sentence of any item that gives the old count of the allowance's uses states what
    no longer holds for anyone."""
    limit = count_limit(facts)
    if limit is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    added = [
        Conflict(index, item_units[index].text, (reason,))
        for index, reason in limit_sentences(limit, item_units).items()
        if index not in taken
    ]
    if not added:
        return found
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def _band_kept(facts: ChangeFacts, found: list[Conflict]) -> list[Conflict]:
    """The conflicts left once a shortened window's old value, said only of what the band it
    left keeps ("our guarantee covers the first 30 days", `gatedwindow.kept_over_band`) or of
    the far side of the line the band's rule still draws ("more than 30 days: £45",
    `gatedwindow.beyond_band`), or of another topic naming none of the gated action's words
    (`gatedwindow.off_action`), is no longer read as the moved rule."""
    if not facts.gated:
        return found
    kept = []
    for conflict in found:
        reasons = conflict.reasons
        if (
            kept_over_band(facts.gated, conflict.sentence)
            or beyond_band(facts.gated, conflict.sentence)
            or off_action(facts.gated, conflict.sentence)
        ):
            reasons = tuple(r for r in reasons if not r.startswith("states the old rule"))
        if reasons:
            kept.append(Conflict(conflict.unit_index, conflict.sentence, reasons))
    return kept


# the finders that read a sentence by what it shares with the change, not by its class
_GENERIC_REASONS = ("states the old rule", "describes `")
_EVERY_CASE_REASON = "says it holds in every case"


def _without_kept_rules(facts: ChangeFacts, impacts: list[Impact]) -> list[Impact]:
    """`impacts` without the conflicts that restate a rule the new prompt keeps word for word
    far more closely than any rule the change rewrote (`promptrule.restates_kept_rule`: "Pots
    can come back within 60 days and your card is refunded within 5 business days" beside a
    dead plant's refund made store credit, when the prompt keeps the pots' rule)."""
    impacts = _without_still_said(facts, impacts)
    kept_of = restates_kept_rule(facts)
    # a claim for every case the kept rule makes the same way ("Every repair comes with a
    # 3-month warranty" beside the kept "Every repair comes with a 3-month warranty …")
    kept_claim = restates_kept_rule(facts, quantified=True)
    if kept_of is None or kept_claim is None:
        return impacts
    out = []
    for impact in impacts:
        conflicts = [
            c
            for c in impact.conflicts
            if not (
                c.reasons
                and (
                    (all(r.startswith(_GENERIC_REASONS) for r in c.reasons) and kept_of(c.sentence))
                    or (
                        all(r.startswith(_EVERY_CASE_REASON) for r in c.reasons)
                        and kept_claim(c.sentence)
                    )
                )
            )
        ]
        if len(conflicts) != len(impact.conflicts):
            impact = Impact(impact.item, impact.score, conflicts, impact.units)
        elif conflicts and _kept_case_item(facts, impact, kept_of):
            impact = Impact(impact.item, impact.score, [], impact.units)
        out.append(impact)
    return out


def _prompt_entries(facts: ChangeFacts, changed: Collection[str]) -> list[list[str]]:
    """The new prompt read for `stillsaid`: each sentence alone, and each with the next of its
    section (a list item of two sentences, "… charges a €3 levy … It is not part of our
    booking …", said in one by a KB sentence). A section holding a sentence of the change
    (`changed`) gives those sentences alone: what else it says is the same rule's family (the
    told clause of the rule kept for the other cases), never still said beside it."""
    entries: list[list[str]] = []
    for said in facts.prompt_sections.values():
        parts = [part for text in said for part in sentences_of(text)]
        if any(part in changed for part in parts):
            entries += [[part] for part in parts if part in changed]
            continue
        entries += [[part] for part in parts]
        entries += [[first, second] for first, second in itertools.pairwise(parts)]
    return entries


def _without_still_said(facts: ChangeFacts, impacts: list[Impact]) -> list[Impact]:
    """`impacts` without the conflicts, whatever finder marked them, that restate a sentence
    the new prompt still says (`stillsaid`: "the harbour's levy of €3 a passenger" beside a €3
    booking fee dropped; "our support desk replies within 3 working days" in the missing-part
    macro when the new prompt still says it for every problem but damage)."""
    from behaviordiff.diffing.model import CONFIG_KINDS

    if facts.rules and all(rule.kind in CONFIG_KINDS for rule in facts.rules):
        # a change made in agent.yaml alone (a tool swapped): the prompt says what it said,
        # so every old rule in it reads as "still said" (a late-delivery fee refunded to the
        # card, now a voucher by the new tool, lost its conflict)
        return impacts
    changed = {part for rule in facts.rules for part in sentences_of(rule.new)}
    entries = _prompt_entries(facts, changed)
    every = _still_said(facts, entries, changed)
    if every is None:
        return impacts
    departed, bounds = _departed_calls(facts, entries, changed)
    # the rule the change carves its customers out of is still said for the others alone:
    # an item naming no side of the split restates it as the old rule for every customer
    kept = [parts for parts in entries if not departed & set(parts)]
    rest = _still_said(facts, kept, changed) if departed else every

    def finder(sentence: str, title: str, around: str) -> bool:
        if departed and names_split(f"{title} {around} {sentence}", departed, bounds):
            return every(sentence, title, around)
        return rest is not None and rest(sentence, title, around)

    out = []
    for impact in impacts:
        item = impact.item
        whole = " ".join(unit.text for unit in impact.units) if item.kind == "macro" else ""
        conflicts = [
            c
            for c in impact.conflicts
            if not finder(c.sentence, _section_title(impact, c), whole or c.sentence)
        ]
        if len(conflicts) != len(impact.conflicts):
            impact = Impact(item, impact.score, conflicts, impact.units)
        out.append(impact)
    return out


def _section_title(impact: Impact, conflict: Conflict) -> str:
    """The title a conflict's sentence is read under: the heading of its section of an article
    below the first ("## Swapping for another size" in "Returns and refunds"), else the item's
    title."""
    headings = [
        unit.text
        for unit in impact.units[: conflict.unit_index]
        if unit.text.startswith("#") and not unit.text.startswith("# ")
    ]
    if impact.item.kind == "macro" or not headings:
        return impact.item.title
    return headings[-1].lstrip("#").strip()


def _departed_calls(
    facts: ChangeFacts, entries: Sequence[Sequence[str]], changed: Collection[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The new prompt's sentences the change carves its customers out of
    (`departedcall.departed_calls`), and the bounds of the change's condition."""
    if not facts.conditions:
        return frozenset(), frozenset()
    bounds = condition_bounds(facts.conditions[0].atoms)
    made = {action.name for action in facts.after_actions}
    dropped = {action.name for action in facts.before_actions} - made
    return departed_calls(entries, changed, dropped, bounds), bounds


def _still_said(
    facts: ChangeFacts, entries: Sequence[Sequence[str]], changed: Collection[str]
) -> Callable[[str, str, str], bool] | None:
    """`stillsaid.still_said_finder` over `entries` of the new prompt, for this change."""
    return still_said_finder(
        entries,
        changed,
        values_of(
            [move.old for move in facts.moves if move.kind == "value"]
            + [f"{old:g}" for value in facts.moved for _, old, _ in value.values]
            + [promise.value for promise in facts.removed_promises],
            [move.new for move in facts.moves if move.kind == "value"]
            + [f"{new:g}" for value in facts.moved for _, _, new in value.values]
            + [promise.value for promise in facts.added_promises],
            [pair for action in facts.before_actions for pair in _moved_arguments(facts, action)],
        ),
        _case_words(facts),
        [part for rule in facts.rules for part in sentences_of(rule.old)],
    )


def _kept_case_item(facts: ChangeFacts, impact: Impact, kept_of: Callable[[str], bool]) -> bool:
    """Whether an item is the reply for a case a rule the new prompt keeps word for word is
    about ("As you'll be under 18, your guarantor needs to be a parent or guardian. They can
    complete the form we've emailed you." when only students paying upfront no longer get the
    form): a sentence of it restates that kept rule with its number, none names the changed
    case, and each conflict was found from the old action's words or the old replies' values
    alone, which that case still gets."""
    if not facts.restricted:
        return False
    if not all(c.reasons and all(_loose(r) for r in c.reasons) for c in impact.conflicts):
        return False
    marked = {c.sentence for c in impact.conflicts}
    case = _case_words(facts)
    if not case:
        return False  # no words name the changed case: which one an item is about is unsaid
    said = [unit.text for unit in impact.units if unit.text not in marked]
    if any(case & {stem(word) for word in terms(unit.text)} for unit in impact.units):
        return False
    return any(kept_of(text) for text in said)


def _unmarked_impacts(
    every: Sequence[tuple[KnowledgeItem, float, list[Unit]]],
    impacts: list[Impact],
    cleared: dict[str, set[int]],
    find: Callable[[list[Unit], str], list[Conflict]],
) -> list[Impact]:
    """`impacts` with the items no finder marked that `find` marks, beside the class rules: an
    item a class rule marked is theirs, and a sentence a class rule read and cleared
    (`cleared`: kept, another topic, a band left alone) stays clear."""
    found = {impact.item.key: impact for impact in impacts}
    for item, score, item_units in every:
        had = found.get(item.key)
        if had is not None and had.affected:
            continue
        skip = cleared.get(item.key, set())
        conflicts = [c for c in find(item_units, item.title) if c.unit_index not in skip]
        if conflicts:
            boost = 3.0 * len(conflicts)
            found[item.key] = Impact(item, round(score + boost, 3), conflicts, item_units)
    return list(found.values())


def _aligned_impacts(
    facts: ChangeFacts,
    every: Sequence[tuple[KnowledgeItem, float, list[Unit]]],
    impacts: list[Impact],
    cleared: dict[str, set[int]],
) -> list[Impact]:
    """`impacts` with the items whose sentences state the old rule by alignment with the old
    prompt alone (`promptrule.aligned_finder`, built once for every item)."""
    find = aligned_finder(facts)
    if find is None:
        return impacts
    return _unmarked_impacts(
        every,
        impacts,
        cleared,
        lambda item_units, title: [
            Conflict(index, item_units[index].text, (PROMPT_RULE_REASON,))
            for index in find(item_units, title)
        ],
    )


def _item_about(item: KnowledgeItem) -> str:
    """What the helpdesk says an item is about besides its title: an article's section, a
    macro's description."""
    front = item.metadata.get("front_matter")
    section = front.get("section") if isinstance(front, dict) else None
    return f"{section or ''} {item.metadata.get('description') or ''}"


def _denied_bound_impacts(
    facts: ChangeFacts,
    every: Sequence[tuple[KnowledgeItem, float, list[Unit]]],
    impacts: list[Impact],
) -> list[Impact]:
    """`impacts` with the sentences denying the restriction the new prompt puts on
    (`deniedbound`: "pause whenever you like", "no weekend supplement", "You don't need an
    appointment") marked, in items found or not: a denial says no old value for a class
    rule to find."""
    bounds = change_bounds(facts)
    if not bounds:
        return impacts
    found = {impact.item.key: impact for impact in impacts}
    for item, score, item_units in every:
        context = item_context(item.title, item.body)
        hits = [
            Conflict(index, unit.text, (DENIED_BOUND_REASON,))
            for index, unit in enumerate(item_units)
            if stating(bounds, unit.text, context) is not None
        ]
        if not hits:
            continue
        had = found.get(item.key)
        if had is None:
            found[item.key] = Impact(item, round(score + 3.0 * len(hits), 3), hits, item_units)
            continue
        mine = {hit.unit_index for hit in hits}
        marked = {conflict.unit_index for conflict in had.conflicts}
        conflicts = [
            Conflict(c.unit_index, c.sentence, (*c.reasons, DENIED_BOUND_REASON))
            if c.unit_index in mine and DENIED_BOUND_REASON not in c.reasons
            else c
            for c in had.conflicts
        ]
        conflicts += [hit for hit in hits if hit.unit_index not in marked]
        conflicts.sort(key=lambda c: c.unit_index)
        found[item.key] = Impact(had.item, had.score, conflicts, had.units)
    return list(found.values())


def _lifted_bound_impacts(
    facts: ChangeFacts,
    every: Sequence[tuple[KnowledgeItem, float, list[Unit]]],
    impacts: list[Impact],
) -> list[Impact]:
    """`impacts` with the items no rule found whose sentences state a restriction the new
    prompt lifts or relaxes (`liftedbound`: "a minimum term of twelve months", "must be
    unopened", a checklist bullet, "I'm afraid not: …"): a restriction said in the KB's own
    words has no old value for a class rule to find."""
    lifts = change_lifts(facts)
    if not lifts:
        return impacts
    found = {impact.item.key: impact for impact in impacts}
    for item, score, item_units in every:
        hits = [
            Conflict(index, unit.text, (LIFTED_BOUND_REASON,))
            for index, unit in enumerate(item_units)
            if lifting(
                lifts,
                unit.text,
                question_of(item.body, unit.start) if refuses(unit.text) else "",
            )
            is not None
        ]
        if not hits:
            continue
        had = found.get(item.key)
        if had is None or not had.conflicts:
            found[item.key] = Impact(item, round(score + 3.0 * len(hits), 3), hits, item_units)
            continue
        # an item a class rule marked keeps its marks and reasons; the sentences stating the
        # lifted restriction are added beside them
        marked = {conflict.unit_index for conflict in had.conflicts}
        added = [hit for hit in hits if hit.unit_index not in marked]
        if added and not any(touches(lifts, c.sentence) for c in had.conflicts):
            # only where the other marks are on something else (the refund beside a transfer
            # lifted): marks on the restriction itself are that rule's to write
            conflicts = sorted([*had.conflicts, *added], key=lambda c: c.unit_index)
            found[item.key] = Impact(had.item, had.score, conflicts, had.units)
    return list(found.values())


def _every_kind_impacts(
    facts: ChangeFacts,
    below: Sequence[tuple[KnowledgeItem, float, list[Unit]]],
    impacts: list[Impact],
) -> list[Impact]:
    """`impacts` with the items under the relevance floor (`below`) that refuse every kind of
    what the old prompt refused whole and the new one grants for one kind
    (`promptrule.every_kind_refusal`: "No pets of any kind may be kept in the flat" in a list
    of house rules sharing few other words with the change)."""
    refuses = every_kind_refusal(facts)
    if refuses is None:
        return impacts
    return _unmarked_impacts(
        below,
        impacts,
        {},
        lambda item_units, title: [
            Conflict(index, unit.text, (PROMPT_RULE_REASON,))
            for index, unit in enumerate(item_units)
            if refuses(unit.text)
        ],
    )


def _case_said_impacts(
    facts: ChangeFacts,
    every: Sequence[tuple[KnowledgeItem, float, list[Unit]]],
    impacts: list[Impact],
    cleared: dict[str, set[int]],
    common: Collection[str],
) -> list[Impact]:
    """`impacts` with the items naming the case in the customers' words whose sentences state
    the old rule (`casesaid.case_said_finder`, built once for every item); not an item about
    another category of the change's variable."""
    find = case_said_finder(facts, touched_sentences(facts)[0], common)
    if find is None:
        return impacts

    def marked(item_units: list[Unit], title: str) -> list[Conflict]:
        found = find(item_units, title)
        if not found or about_other_category(facts, title, " ".join(u.text for u in item_units)):
            return []
        return [Conflict(index, item_units[index].text, (CASE_SAID_REASON,)) for index in found]

    return _unmarked_impacts(every, impacts, cleared, marked)


def _old_side_impacts(
    facts: ChangeFacts,
    every: Sequence[tuple[KnowledgeItem, float, list[Unit]]],
    impacts: list[Impact],
    cleared: dict[str, set[int]],
) -> list[Impact]:
    """`impacts` with the items stating the old side of a denial the new prompt lifts or a
    rule it swaps (`oldside.old_side_conflicts`)."""
    return _unmarked_impacts(
        every,
        impacts,
        cleared,
        lambda item_units, _title: old_side_conflicts(facts, item_units, [], Conflict),
    )


_TELL_FROM = 1_000
"""Items in a knowledge base from which reading it against a change reports its progress."""


def rank_items(
    facts: ChangeFacts,
    knowledge: KnowledgeBase,
    *,
    limit: int = 8,
    rerank: Reranker | None = None,
    on_item: Callable[[int, int], None] | None = None,
    kb_index: KnowledgeIndex | None = None,
) -> list[Impact]:
    """Items that may describe the old behavior, best first; `affected` ones have conflicts.
    `on_item` hears (items read, items) about every tenth of a knowledge base of a thousand
    items or more: reading a big one against a change takes a while. `kb_index` is `knowledge`
    read once (`index_knowledge`) for all the changes of a release; read here when not given."""
    if kb_index is None or kb_index.knowledge is not knowledge:
        kb_index = index_knowledge(knowledge)
    items, texts = kb_index.items, kb_index.texts
    step = max(1, len(items) // 10) if on_item is not None and len(items) >= _TELL_FROM else 0
    scores = _bm25(query_terms(facts), kb_index)
    floor = _RELEVANCE * max(scores, default=0.0)
    topic = rule_topic(facts.rules)
    subject = change_topic(facts)
    if topic and headless_promise(facts):
        # a dropped promise's own sentence had no head: the topic tags say what it is about
        topic = topic | subject
    valued = _value_topic(facts)
    noise = kb_index.common
    ignore = shared_words(facts, noise)
    impacts: list[Impact] = []
    every: list[tuple[KnowledgeItem, float, list[Unit]]] = []
    below: list[tuple[KnowledgeItem, float, list[Unit]]] = []
    # the sentences a class rule read as the change and then cleared, by item
    cleared: dict[str, set[int]] = {}
    cases = _named_cases(facts)
    hunk_diff = sentence_diff(facts)
    case_stems = [case for case in changed_case_words(facts) if case] if hunk_diff else []
    every_units = kb_index.units
    # where the other items name the change's case: in a title or heading (any item), or in a
    # unit on the rule's topic (items on the same shelf only)
    # (any item's heading names it; the shelves where a title or an on-topic unit does): a
    # set per change, not a walk over every item per item
    headed_anywhere = False
    named_on: set[tuple[str, str]] = set()
    if cases:
        rule_words = _rule_topic_words(facts, cases)
        for item, item_units in zip(items, every_units, strict=True):
            headed, on_topic = _names_case_for_others(cases, item.title, item_units, rule_words)
            headed_anywhere = headed_anywhere or headed
            if on_topic:
                named_on.add(_shelf(item))
    for read_so_far, (item, text, score, item_units) in enumerate(
        zip(items, texts, scores, every_units, strict=True)
    ):
        if step and on_item is not None and read_so_far and read_so_far % step == 0:
            on_item(read_so_far, len(items))
        named_elsewhere = headed_anywhere or _shelf(item) in named_on
        read: set[int] = set()
        if score >= floor:
            every.append((item, score, item_units))
        else:
            below.append((item, score, item_units))
        conflicts: list[Conflict] = []
        # the last unit before a list item that is none (its lead-in when it ends in a
        # colon), kept as the units are read: one pass, not a walk back per item
        plain: Unit | None = None
        for index, unit in enumerate(item_units):
            reasons = _unit_conflict(facts, unit) if score >= floor else ()
            if reasons and _table_header(item_units, index):
                # a table's header row names its columns ("| Range | Shop price | …"): it lists
                # what no row gets
                reasons = tuple(r for r in reasons if not r.startswith("lists what "))
            listed = ITEM_LEAD.match(unit.text) is not None
            if HANDED_OVER_REASON in reasons and listed:
                # a list item is a deed of ours only in a list of what is done for them
                lead = (
                    plain.text if plain is not None and plain.raw.rstrip().endswith(":") else None
                )
                if not ours_to_do(lead):
                    reasons = tuple(r for r in reasons if r != HANDED_OVER_REASON)
            if not listed:
                plain = unit
            if (
                not reasons
                and score >= floor
                and not facts.explained_by_moves
                and not unit.raw.lstrip().startswith("#")
                and item.kind == "macro"
            ):
                # the old action said with its object named by the sentences before it, in a
                # macro (one customer's case; an article's sections are about many: "We can
                # book you on in chat." under "Are there lessons for adults?")
                context = _leading(text, item_units, index, item.title)
                reasons = tuple(_described_actions(facts, unit.text, context))
            if (
                not reasons
                and not facts.explained_by_moves
                and conflicts
                and conflicts[-1].unit_index == index - 1
            ):
                # what the old action led to, said right after it ("… we'll refund it to
                # your card. You'll see the money within 5 business days.")
                reasons = _led_to(facts, text, item_units, index, conflicts[-1].reasons)
            if reasons:
                read.add(index)
            if any(_loose(reason) for reason in reasons) and (
                not (
                    _on_topic(topic, text, item_units, index, item.title)
                    or _step_under_title(topic, item_units, index, item.title)
                )
                or _about_unchanged(facts, unit.text)
            ):
                reasons = tuple(reason for reason in reasons if not _loose(reason))
            # an old reply's call or value said of another subject than the change's topic
            # tags, when the changed rule has no head to say what it is about
            if any(r.endswith(_LOOSE_ENDINGS) for r in reasons) and _loose_off_topic(
                topic, subject, text, item_units, index, item
            ):
                # a moved argument's old percentage said of what its name says it is of
                # ("| Deposit | 25% … |" for `deposit_percent`) is on the change's subject
                reasons = tuple(
                    r
                    for r in reasons
                    if not r.endswith(_LOOSE_ENDINGS) or said_of_moved_percent(facts, r, unit.text)
                )
            # a contact route the new prompt still gives for another topic, said about it
            if facts.kept_routes and any(r.endswith(_LOOSE_ENDINGS) for r in reasons):
                said = f"{unit.text} {_context(text, item_units, index, item.title)}"
                reasons = tuple(r for r in reasons if not _route_kept(facts, r, said))
            # the old hand-off and what it promised, said of a topic the new prompt still
            # hands over the same way
            kept_topic = [r for r in reasons if r.startswith(HANDOFF_REASON) or _loose(r)]
            if kept_topic and _on_kept_topic(facts, subject, text, item_units, index, item):
                reasons = tuple(r for r in reasons if r not in kept_topic)
            # "a full refund, whatever your reason" said of another subject (returns from a
            # shop, when refunds for cancelled classes changed) claims nothing of the change
            if any(r.startswith(SAME_WHATEVER_REASON) for r in reasons) and not (
                _about_change(subject, text, item_units, index, item)
                or _next_names(subject, text, item_units, index)
            ):
                reasons = tuple(r for r in reasons if not r.startswith(SAME_WHATEVER_REASON))
            # the team a hand-off went to, named about another subject, is no hand-off the
            # change removed
            if any(reason.startswith(HANDOFF_REASON) for reason in reasons) and not (
                _about_change(subject, text, item_units, index, item)
            ):
                reasons = tuple(r for r in reasons if not r.startswith(HANDOFF_REASON))
            # a moved value said of another subject ("we'll email you within 5 working days"
            # when the refunds' time frame moved) is not the changed rule
            if (
                any(r.startswith(_MOVE_REASON) for r in reasons)
                and _off_subject(
                    facts,
                    valued,
                    unit.text,
                    ignore,
                    noise,
                    # a macro answers one case, its title names it ("Support::Ticket
                    # received"): what "We reply within 24 hours" is about
                    f"{_list_heading(item_units, index) or ''} "
                    + (item.title if item.kind == "macro" else ""),
                )
                and not about_gated_action(facts.gated, unit.text)
                and not _dated_in_context(
                    facts, unit.text, _context(text, item_units, index, item.title)
                )
            ):
                reasons = tuple(r for r in reasons if not r.startswith(_MOVE_REASON))
            if reasons:
                conflicts.append(Conflict(index, unit.text, reasons))
        if score >= floor:
            conflicts += _subject_conflicts(
                facts, valued, text, item_units, item, {c.unit_index for c in conflicts}, ignore
            )
            conflicts += _row_conflicts(facts, item_units, {c.unit_index for c in conflicts})
            conflicts += _table_conflicts(
                facts,
                item_units,
                {c.unit_index for c in conflicts},
                lambda row: _off_subject(facts, valued, row, ignore, noise),
                valued,
            )
            conflicts += _answer_conflicts(
                facts, item_units, {c.unit_index for c in conflicts}, valued, ignore, noise, text
            )
            if (capped := new_limit(facts)) is not None:
                # a limit set where there was none: what says there is none on its subject
                conflicts += [
                    Conflict(index, item_units[index].text, (reason,))
                    for index, reason in new_limit_reasons(
                        capped, item.title, item_units, {c.unit_index for c in conflicts}
                    ).items()
                ]
            read |= {conflict.unit_index for conflict in conflicts}
            kept = kept_by_others(facts.moves, [unit.raw for unit in item_units])
            conflicts = [conflict for conflict in conflicts if conflict.unit_index not in kept]
            conflicts += _bound_conflicts(facts, text, item_units, conflicts)
            conflicts += _free_side_conflicts(facts, item_units, conflicts)
            conflicts += _example_conflicts(facts, text, item_units, conflicts)
            conflicts += _heading_conflicts(facts, item_units, conflicts)
            conflicts += _named_rule_conflicts(
                facts, valued - ignore - measure_words(facts), text, item_units, item, conflicts
            )
            conflicts += _lead_time_conflicts(facts, item_units, item, conflicts)
            read |= {conflict.unit_index for conflict in conflicts}
            conflicts = _far_side_kept(facts, conflicts)
            conflicts += _sameness_after(facts, text, item_units, conflicts)
            conflicts = _split_claim_conflicts(facts, text, item_units, conflicts)
            conflicts += _summary_conflicts(facts, item_units, conflicts)
            conflicts.sort(key=lambda conflict: conflict.unit_index)
            read |= {conflict.unit_index for conflict in conflicts}
            conflicts = _other_case_kept(facts, text, item_units, conflicts)
            conflicts = _case_handoff_conflicts(facts, text, item_units, conflicts)
            conflicts = _case_promise_conflicts(facts, text, item_units, item.title, conflicts)
            conflicts = _case_step_conflicts(facts, text, item_units, item.title, conflicts)
            conflicts = _flag_case_conflicts(facts, item_units, conflicts)
            conflicts = _arg_case_conflicts(facts, item_units, conflicts)
            conflicts = _narrowed_conflicts(facts, item_units, conflicts)
            conflicts = _permission_conflicts(facts, item_units, conflicts)
            # a service withdrawn for a category: what says it reaches every one, or that one
            conflicts = served_conflicts(facts, item_units, conflicts, Conflict)
            # an action now the customer's own: a deed of ours under a heading naming it, and
            # the steps of that procedure
            conflicts = handed_section_conflicts(facts, item_units, item.title, conflicts, Conflict)
            # an offer withdrawn on one value of its range: what still claims it there
            conflicts = narrowed_range_conflicts(facts, item_units, conflicts, Conflict, item.title)
            conflicts = _replaced_denial_conflicts(facts, item_units, conflicts)
            conflicts = _dropped_conflicts(facts, text, item_units, item.title, conflicts)
            conflicts = _kept_step_conflicts(facts, text, item_units, item.title, conflicts)
            conflicts = _given_enough_conflicts(facts, item_units, item.title, conflicts)
            conflicts = _other_value_kept(facts, text, item.title, conflicts)
            # an item about another category of the change's variable: its old way stays
            if about_other_category(facts, item.title, text):
                conflicts = [c for c in conflicts if not all(_loose(r) for r in c.reasons)]
            else:
                # the old call said by what it books, about the changed category
                conflicts = old_service_conflicts(
                    facts, item_units, item.title, conflicts, Conflict
                )
            conflicts = _moved_way_conflicts(facts, item.title, item_units, conflicts)
            conflicts = _category_way_conflicts(facts, conflicts)
            conflicts = _withheld_promise_conflicts(facts, text, item_units, conflicts)
            conflicts = _kept_rule_dropped(facts, text, item_units, item.title, conflicts)
            conflicts = _category_route_conflicts(facts, item.title, text, item_units, conflicts)
            if kept_action_item(facts, item.title, text):
                conflicts = []  # what the categories keeping the old action still get
            conflicts = _complement_conflicts(facts, item_units, conflicts, text)
            conflicts = _inserted_bound_conflicts(facts, item_units, conflicts)
            conflicts = _schema_cap_conflicts(facts, item_units, conflicts)
            # a time made vaguer for one category value: its sentences and rows, not others'
            conflicts = vaguer_case_conflicts(facts, item_units, conflicts, Conflict, item.title)
            read |= {conflict.unit_index for conflict in conflicts}
            conflicts = _band_kept(facts, conflicts)
            conflicts = _kept_case_conflicts(facts, text, item_units, item.title, conflicts)
            if named_elsewhere and not _names_case(cases, item.title, item_units):
                # the change's case, named by other items, unnamed here: the old action or
                # value said here is what every other case still gets, unless the sentence
                # claims it for any case ("we can hold any item in our range for you")
                conflicts = [
                    c
                    for c in conflicts
                    if not all(_loose(r) for r in c.reasons) or _ANY_CASE.search(c.sentence)
                ]
        # a service stopped for the categories it was for: what still offers it, in any item
        conflicts = stopped_conflicts(facts, item_units, conflicts, Conflict)
        # a grant kept for a band of a number, for one category: what grants it to everyone
        conflicts = band_grant_conflicts(facts, item_units, conflicts, Conflict)
        # an option taken out of a list for everyone: what still offers it, in any item
        conflicts = dropped_option_conflicts(
            facts, item_units, conflicts, Conflict, text, item.title
        )
        # one of two options withdrawn for one category: what offers both to it, or to all
        conflicts = category_option_conflicts(facts, item_units, conflicts, Conflict)
        # a category handed over: its row in a table by case, not the other cases' rows
        conflicts = added_handoff_rows(facts, item_units, conflicts, Conflict)
        # a rule withdrawn for one kind: what still states it for every kind, or for that one
        conflicts = withdrawn_kind_conflicts(facts, item_units, conflicts, Conflict)
        # an argument moved for one kind: what still states the old value for every kind
        conflicts = moved_argument_conflicts(facts, item_units, conflicts, Conflict)
        # an action widened to everyone: what keeps it for the category, in any item
        conflicts = widened_conflicts(facts, item_units, conflicts, Conflict)
        # a refusal lifted for everyone: what still says we can't do it, in any item
        conflicts = lifted_conflicts(facts, text, item_units, conflicts, Conflict)
        # an option offered beside the old one on a topic: what rules it out there
        conflicts = option_conflicts(facts, item_units, conflicts, Conflict)
        # a category added to a covered set: what still excludes it or gives the old set
        conflicts = joined_conflicts(facts, text, item_units, conflicts, Conflict)
        # a category moved from one group to another: what still groups it with the old one
        conflicts = moved_group_conflicts(facts, item_units, conflicts, Conflict)
        # an exclusion lifted for one case: what still excludes the case, in any item
        conflicts = lifted_case_conflicts(facts, text, item_units, conflicts, Conflict, item.title)
        # an option granted to one flagged case: what refuses it to everyone, in any item
        conflicts = granted_case_conflicts(facts, item_units, conflicts, Conflict)
        # a charge brought in for a case of categories: what says there is none, in any item
        conflicts = case_charge_conflicts(facts, text, item_units, conflicts, Conflict)
        # a charge brought in for a yes/no case with a line keeping it free: what says there
        # is none in the case, in it or around it
        conflicts = flag_charge_conflicts(
            facts, text, item_units, conflicts, Conflict, title=item.title, kind=item.kind
        )
        # a charge now taken from everyone on a topic: what says the thing is free, in any item
        conflicts = every_charge_conflicts(facts, text, item_units, conflicts, Conflict)
        # a charge now taken from one group: what says the thing is free for everyone
        conflicts = group_charge_conflicts(facts, text, item_units, conflicts, Conflict)
        # an allowance counted per thing now counted per whole: what says it per thing
        conflicts = per_whole_conflicts(facts, text, item_units, conflicts, Conflict)
        # a flat amount made a rate per unit: what states the flat amount of the topic
        conflicts = rate_cap_conflicts(facts, item_units, conflicts, Conflict)
        # a term once given for every case, now on one side of a line: what still claims it
        conflicts = claim_sides_conflicts(facts, item_units, conflicts, Conflict)
        # a range extended by one value, with a charge for it: what states the old range
        conflicts = extended_range_conflicts(facts, item_units, conflicts, Conflict)
        # a limit withdrawn for everyone: what still states it
        conflicts = limit_gone_conflicts(facts, item_units, conflicts, Conflict)
        # a requirement extended to more kinds: what keeps it to the old ones, what spares them
        conflicts = extended_set_conflicts(facts, item_units, conflicts, Conflict)
        # a count limit the config's tool schema moved for everyone: what gives the old count
        conflicts = _count_limit_conflicts(facts, item_units, conflicts)
        # a count allowance the prompt lowered: what gives the old count of it
        conflicts = lowered_count_conflicts(facts, item_units, conflicts, Conflict)
        # a free "first N" allowance the prompt raised: what gives the old count of it
        conflicts = raised_first_conflicts(facts, item_units, conflicts, Conflict)
        # a fee waived past a line: what still gives it for every case
        conflicts = waived_line_conflicts(facts, item_units, conflicts, Conflict)
        # a charge waived for a group past a line: what still gives it to everyone
        conflicts = waived_group_conflicts(facts, item_units, conflicts, Conflict, item.title)
        # a commitment added for one value: the rows and short answers saying all get the same
        conflicts = added_commitment_conflicts(facts, item_units, conflicts, Conflict)
        # an action swapped for another past a line: what claims the old way for every case
        conflicts = band_swap_conflicts(
            facts,
            text,
            item_units,
            conflicts,
            Conflict,
            kind=item.kind,
            topic=subject,
            title=item.title,
        )
        # a check added before an action on one topic: what says there is nothing to prove
        conflicts = proof_step_conflicts(facts, item.title, item_units, conflicts, Conflict)
        # a whole topic now handed to a person: what says we do it ourselves, here and now
        conflicts = handed_topic_conflicts(facts, item_units, conflicts, Conflict)
        # a step now required for a band of a number: what says the old way for the whole range
        conflicts = band_step_conflicts(facts, item_units, conflicts, Conflict)
        # a band given the far side's option: what draws the line it now crosses
        conflicts = band_opened_conflicts(facts, item_units, conflicts, Conflict)
        # a cut-off moved for a band of another number: what gives the old one for the band
        conflicts = band_cutoff_conflicts(facts, item_units, conflicts, Conflict)
        # a new way for a category over a count: what claims the old way for every case
        conflicts = counted_conflicts(facts, item_units, conflicts, Conflict)
        # a window counted from another event: what counts it from the old one, on its topic
        conflicts = reanchored_conflicts(facts, item_units, conflicts, Conflict, item.title)
        # a minimum put on a service given for every price: what claims it for every price
        conflicts = minimum_conflicts(facts, item.title, item_units, conflicts, Conflict)
        # a whole amount now paid less a fee: what claims the whole amount on its topic
        conflicts = kept_back_conflicts(facts, item.title, item_units, conflicts, Conflict)
        # a perk given past a line: what claims the old handling for everyone, or denies it
        conflicts = range_perk_conflicts(facts, item_units, conflicts, Conflict)
        # a value moved for one labelled list item: what gives that label the old value
        conflicts = tier_value_conflicts(facts, item_units, conflicts, Conflict)
        # a minimum moved: the labelled item giving its old bound in short ("- Age: 8+")
        conflicts = labelled_bound_conflicts(facts, item.title, item_units, conflicts, Conflict)
        # a limit on how often put on what was given whenever asked: what claims however often
        conflicts = often_limit_conflicts(facts, item.title, item_units, conflicts, Conflict)
        # a rule once said for every case, one case split off: what still claims every case
        conflicts = universal_claims(facts, item_units, conflicts, Conflict)
        # a claim for every case the new prompt keeps past a line only: what says it
        conflicts = kept_side_conflicts(facts, item_units, conflicts, Conflict)
        # an offer withdrawn from a date on: what still claims it for every case
        conflicts = dated_offer_conflicts(facts, item.title, item_units, conflicts, Conflict)
        # a Q&A whose answer, read with its question, states a word the change turned round
        conflicts = qa_conflicts(
            facts, item_units, conflicts, Conflict, text, lambda conflict: conflict.unit_index
        )
        # an ordering claim for everyone ("all enquiries in order") a group's priority broke
        conflicts = order_conflicts(
            facts, item_units, conflicts, Conflict, lambda conflict: conflict.unit_index
        )
        # the sentence stating the old rule, picked by what the new prompt dropped, not one
        # lined up with an instruction it keeps
        conflicts = picked_by_diff(
            facts,
            item_units,
            conflicts,
            lambda index, said: Conflict(index, said, (PROMPT_RULE_REASON,)),
            lambda conflict: conflict.unit_index,
            hunk_diff,
            lambda conflict: (
                any(case <= set(terms(conflict.sentence)) for case in case_stems)
                or any(r.startswith((ASK_REASON, WAIT_REASON)) for r in conflict.reasons)
            ),
        )
        # a hand-off added for a flagged case: what names no case stays true for the rest
        conflicts = handed_case_only(facts, conflicts)
        cleared[item.key] = read - {conflict.unit_index for conflict in conflicts}
        if score <= 0 and not conflicts:
            continue
        boost = 3.0 * sum(len(conflict.reasons) for conflict in conflicts)
        impacts.append(Impact(item, round(score + boost, 3), conflicts, item_units))
    # what no class rule marked: the old side read from the prompt diff itself
    impacts = _old_side_impacts(facts, every, impacts, cleared)
    impacts = _aligned_impacts(facts, every, impacts, cleared)
    impacts = _every_kind_impacts(facts, below, impacts)
    impacts = _case_said_impacts(facts, every, impacts, cleared, noise)
    impacts = _denied_bound_impacts(facts, every, impacts)
    impacts = _lifted_bound_impacts(facts, every, impacts)
    impacts = _without_kept_rules(facts, impacts)
    impacts.sort(key=lambda impact: (-impact.affected, -impact.score, impact.item.key))
    if rerank is not None:
        impacts = rerank(facts, impacts)
    return impacts[:limit]
