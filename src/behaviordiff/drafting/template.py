"""The template drafter: a specific, readable note and minimal edits from the facts alone.

Needs no LLM. Notes are assembled from the change's actions, promises, conditions, the prompt
rule behind it and the probes' replies; edits replace only the sentences that conflict, and
flag an item (with the sentence) when no safe rewrite exists.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import replace

from behaviordiff.detect.facts import CHANNEL_VERBS, Promise, extract_promises, sentences
from behaviordiff.detect.model import Atom
from behaviordiff.detect.signature import REFUSAL
from behaviordiff.detect.wordamounts import SHARE_WORDS, share_in_words, share_written_like
from behaviordiff.drafting.addedarg import added_arguments
from behaviordiff.drafting.addedcommitment import added_commitment_edit
from behaviordiff.drafting.addedexception import added_exception_edit
from behaviordiff.drafting.addedhandoff import added_handoff_edit
from behaviordiff.drafting.addedoption import option_edit
from behaviordiff.drafting.addedshare import told_amounts, worked_totals
from behaviordiff.drafting.agreement import agreement_problem, ungrammatical_added
from behaviordiff.drafting.alsogranted import also_granted_edit
from behaviordiff.drafting.answerword import answer_words
from behaviordiff.drafting.appendedcase import appended_case_edit
from behaviordiff.drafting.argcase import arg_case, with_arg_exception
from behaviordiff.drafting.bandcutoff import band_cutoff_edit
from behaviordiff.drafting.bandgrant import band_grant_edit
from behaviordiff.drafting.bandhandoff import band_handoff_edit
from behaviordiff.drafting.bandopened import band_opened_edit
from behaviordiff.drafting.bands import band_rules, far_side, names_band, with_band_rows
from behaviordiff.drafting.bandstep import band_step, band_step_edit
from behaviordiff.drafting.bandswap import band_swap_edit
from behaviordiff.drafting.boundsides import in_shape_of, names_side, split_rest
from behaviordiff.drafting.boundwhen import bound_when, without_same_way, without_tail_claim
from behaviordiff.drafting.capped import capped_body, new_cap, pays_in_full
from behaviordiff.drafting.casechannel import case_channel_edit
from behaviordiff.drafting.casecharge import case_charge_edit
from behaviordiff.drafting.casestep import case_step, kept_lead, labelled_item, reference
from behaviordiff.drafting.categories import (
    about_category_alone,
    case_kinds,
    category_pattern,
    narrowed_quantifier,
    rewrite_category,
    without_lead_claim,
    without_same_aside,
)
from behaviordiff.drafting.categoryaction import category_action_edit
from behaviordiff.drafting.categorydrop import (
    category_drop,
    category_drop_edit,
    category_drop_marks,
)
from behaviordiff.drafting.categoryoption import category_option_edit
from behaviordiff.drafting.categoryroute import category_route_edit
from behaviordiff.drafting.categoryway import (
    CATEGORY_ITEM_REASON,
    CATEGORY_WAY_REASON,
    category_item,
    category_row,
    category_way,
    with_category_item,
    with_category_row,
    with_category_way,
)
from behaviordiff.drafting.channelarg import (
    channel_argument_switch,
    first_sending,
    old_channel_step,
    renamed_message,
)
from behaviordiff.drafting.channelneed import channel_need_draft
from behaviordiff.drafting.channels import (
    cell_channels,
    channel_promises,
    channel_row,
    only_about,
    rewrite_channel,
    stated_channels,
    switched_channel,
)
from behaviordiff.drafting.checks import (
    REPLACED_WAY,
    analysis_word_problems,
    comparable,
    kb_text_problems,
    one_probe_values,
)
from behaviordiff.drafting.claimrow import excepting_row
from behaviordiff.drafting.claimsides import claim_sides_edit
from behaviordiff.drafting.closedband import closed_band, names_closed_band, without_closed_band
from behaviordiff.drafting.companions import withdrawn_companion, without_old_companions
from behaviordiff.drafting.complement import complement_said
from behaviordiff.drafting.countband import count_band_edit
from behaviordiff.drafting.countedway import (
    COUNTED_DENIAL_REASON,
    COUNTED_ROW_REASON,
    COUNTED_WAY_REASON,
    counted_way,
    with_counted_row,
    with_counted_way,
    with_denial_kept,
)
from behaviordiff.drafting.countlimit import count_limit_edit
from behaviordiff.drafting.datecutoff import (
    complement_rewrite,
    date_cutoff,
    kept_for_earlier,
    without_worked_example,
)
from behaviordiff.drafting.datedoffer import dated_offer_edit
from behaviordiff.drafting.deniedbound import (
    DENIED_BOUND_REASON,
    denied_bound_edit,
    item_context,
)
from behaviordiff.drafting.dropped import (
    dropped_edit,
    dropped_requirement,
    now_statement,
    whom_dropped_for,
)
from behaviordiff.drafting.droppedonly import dropped_only, dropped_only_edit
from behaviordiff.drafting.droppedoption import dropped_option_edit, dropped_rule
from behaviordiff.drafting.everyband import every_band_edit
from behaviordiff.drafting.everycharge import every_charge_edit
from behaviordiff.drafting.everykind import without_every_clause
from behaviordiff.drafting.everyrow import excepted_every_row
from behaviordiff.drafting.everysplit import every_split_edit
from behaviordiff.drafting.extendedrange import extended_range_edit
from behaviordiff.drafting.extendedset import extended_set_edit
from behaviordiff.drafting.facts import (
    MONEY_FEATURE,
    ActionFact,
    ChangeFacts,
    FacetShift,
    MovedValue,
    Rule,
    atom_words,
    key_sentences,
    old_call_written,
    paired_key_sentences,
    relevant_rule,
    rule_phrase,
    strip_greeting,
    value_pattern,
)
from behaviordiff.drafting.failedstep import failed_step_rule
from behaviordiff.drafting.fallbackcase import fallback_clause, fallback_sentence, swapped_cell
from behaviordiff.drafting.flagaudience import unworded_flag
from behaviordiff.drafting.flagcase import case_row, flag_case, with_case_exception
from behaviordiff.drafting.flagcharge import flag_charge_edit
from behaviordiff.drafting.flippedanswer import flipped_answer_edit
from behaviordiff.drafting.gatedwindow import gated_window_edit
from behaviordiff.drafting.givenenough import given_enough_edit
from behaviordiff.drafting.grantedcase import granted_case_edit
from behaviordiff.drafting.grantedparty import granted_party_edit
from behaviordiff.drafting.grants import condition_categories
from behaviordiff.drafting.groupcharge import group_charge, group_charge_edit
from behaviordiff.drafting.handedover import handed_over_edit
from behaviordiff.drafting.handedtopic import handed_topic_edit
from behaviordiff.drafting.impact import (
    ANSWERED_BOUND_REASON,
    ARG_CASE_REASON,
    ASK_REASON,
    CASE_HANDOFF_REASON,
    CASE_PROMISE_REASON,
    EXAMPLE_REASON,
    FALLBACK_REASON,
    FLAG_DENIAL_REASON,
    FLAG_ROW_REASON,
    HANDOFF_REASON,
    NEGATED_REASON,
    REPLACED_DENIAL_REASON,
    SAME_AFTER_REASON,
    WAIT_REASON,
    Conflict,
    Impact,
    acted_tool,
    changed_case_words,
    dropped_asks,
    dropped_for_good,
    header_unit,
    started_tool,
    still_checked_for_others,
)
from behaviordiff.drafting.impactview import marked_for, marked_with, only_marked_for
from behaviordiff.drafting.insertedbound import (
    INSERTED_BOUND_REASON,
    inserted_bound,
    with_bound,
)
from behaviordiff.drafting.joinedset import joined_edit
from behaviordiff.drafting.keptback import kept_back_edit
from behaviordiff.drafting.keptbranch import kept_branch
from behaviordiff.drafting.keptcontact import rewrite_route
from behaviordiff.drafting.keptrules import kept_case_words
from behaviordiff.drafting.keptside import KEPT_SIDE_REASON, kept_side, kept_side_edit, rest_rule
from behaviordiff.drafting.keptstep import after_done_step, kept_step, with_step
from behaviordiff.drafting.labelledbranch import branch_item
from behaviordiff.drafting.lifted import lifted_edit
from behaviordiff.drafting.liftedbound import (
    change_lifts,
    lifted_bound_edit,
    lifted_sentences,
)
from behaviordiff.drafting.liftedcase import lifted_case_edit
from behaviordiff.drafting.limitgone import limit_gone, limit_gone_edit
from behaviordiff.drafting.lineband import with_band_clauses
from behaviordiff.drafting.lostsaid import lost_drop_edit, lost_side
from behaviordiff.drafting.loweredcount import lowered_count_edit
from behaviordiff.drafting.minimum import minimum_edit
from behaviordiff.drafting.model import BehaviorNote, EvidenceItem, Severity, SuggestedEdit
from behaviordiff.drafting.movedaddress import (
    moved_address_rule,
    rewrite_address,
    rewrite_emailing,
    tells_to_email,
)
from behaviordiff.drafting.movedarg import moved_argument_edit
from behaviordiff.drafting.movedgroup import moved_group_edit
from behaviordiff.drafting.narrowed import NARROWED_REASON, narrowed_offer, with_subset
from behaviordiff.drafting.narrowedrange import narrowed_range_edit
from behaviordiff.drafting.newcharge import NEW_CHARGE_REASON, charged_body, new_charge
from behaviordiff.drafting.newdoer import new_doer, with_new_doer
from behaviordiff.drafting.newfact import with_kept_values, with_new_fact
from behaviordiff.drafting.newlimit import new_limit_edit
from behaviordiff.drafting.newtitle import described_action, new_way_title, rerouted_title
from behaviordiff.drafting.newway import OLD_WAY_REASON, denies_new_way, new_way_sentence
from behaviordiff.drafting.offerorder import offer_order_edit
from behaviordiff.drafting.oftenlimit import often_limit_edit
from behaviordiff.drafting.oldside import old_side_edit, old_side_view, only_old_side
from behaviordiff.drafting.onevalue import without_one_value
from behaviordiff.drafting.ordinalsplit import ordinal_split_edit
from behaviordiff.drafting.pastline import with_past_line
from behaviordiff.drafting.percase import split_alternatives
from behaviordiff.drafting.percentwords import restate_percent, restated
from behaviordiff.drafting.permission import (
    PERMISSION_ALSO_REASON,
    PERMISSION_REASON,
    PERMISSION_ROW_REASON,
    limited_grant,
    table_runs,
    withdrawn_permission,
    withdrawn_rows,
)
from behaviordiff.drafting.perwhole import per_whole, per_whole_edit
from behaviordiff.drafting.phrases import PHRASE, clause_end
from behaviordiff.drafting.plaintitle import (
    action_title,
    charge_brought,
    moved_title,
    percent_moved,
)
from behaviordiff.drafting.promptrule import (
    POINTS_BACK,
    PROMPT_RULE_REASON,
    dropped_exclusives,
    exclusive_edit,
    prompt_rule_edit,
    sentences_of,
    targets,
)
from behaviordiff.drafting.proofstep import (
    proof_step,
    proof_step_edit,
    proof_step_note,
    with_gated_kept,
)
from behaviordiff.drafting.qapair import QA_REASON, qa_edit, qa_rewrite
from behaviordiff.drafting.queueorder import order_edit
from behaviordiff.drafting.quoteclause import item_quote
from behaviordiff.drafting.raisedfirst import raised_first_edit
from behaviordiff.drafting.rangeperk import range_perk_edit
from behaviordiff.drafting.ratecap import rate_cap_edit
from behaviordiff.drafting.ratemove import rate_argument, rate_behind
from behaviordiff.drafting.reanchored import reanchored_edit
from behaviordiff.drafting.refusedkind import RefusedKind, except_kind, refusal_of, refused_row
from behaviordiff.drafting.replaced import (
    acted_sentence,
    handed_sentence,
    replaced_action,
    replacing_tool,
    told_sentence,
)
from behaviordiff.drafting.rerouted import rerouted_told, route_argument, scoped_route_edit
from behaviordiff.drafting.resthead import others_head
from behaviordiff.drafting.routes import replaced_route
from behaviordiff.drafting.rules import (
    KBRule,
    Requirement,
    RuleMove,
    add_to_row,
    alternative_statement,
    benefit_row,
    continued_rule,
    done_with_tool,
    excepted_sentence,
    fallback_action,
    gloss_said,
    handed_over,
    header_count_cell,
    headless_statements,
    kb_rule,
    keyed_row,
    labelled_audience,
    lower_head,
    moves_for,
    names_exception,
    new_step,
    replace_clause,
    replaced_statements,
    required_sentence,
    requirement,
    requirement_statement,
    rewrite_scoped_cell,
    rewrite_sentence,
    rewrite_split,
    rule_parts,
    same_case_rule,
    scope_of,
    split_claim_only,
    states_value,
    step_for_note,
    subset_rule,
    swapped_action,
    table_header,
    told_statement,
    told_with,
    value_scope,
    where_stated,
    without_case_listed,
    without_named_inclusion,
    without_universal,
    worked_example,
)
from behaviordiff.drafting.saidof import case_marks, case_said, case_subject, without_case_claims
from behaviordiff.drafting.samewhatever import (
    SAME_WHATEVER_REASON,
    same_whatever_edit,
    same_whatever_reason,
)
from behaviordiff.drafting.schemacap import schema_cap_edit
from behaviordiff.drafting.scopedneed import (
    SCOPED_NEED_REASON,
    change_scoped_need,
    scoped_edit,
)
from behaviordiff.drafting.selfserve import self_serve_edit
from behaviordiff.drafting.servedlist import served_edit
from behaviordiff.drafting.sharewords import with_share_words
from behaviordiff.drafting.siblingvalue import with_moved_counts
from behaviordiff.drafting.splitcase import (
    DENIED_STEP_REASON,
    SPLIT_CASE_REASON,
    split_case_edit,
    split_case_marked,
)
from behaviordiff.drafting.splitrange import split_range, with_split_range
from behaviordiff.drafting.splittail import split_tail_edit
from behaviordiff.drafting.staleexclusion import excluded_edit
from behaviordiff.drafting.stoppedservice import stopped_edit
from behaviordiff.drafting.subsets import (
    case_sentence,
    changed_cases,
    handling_sentence,
    list_item,
    names_case,
    split_case_off,
    split_cases_off,
    tool_phrase,
)
from behaviordiff.drafting.subsetvalue import split_for_subset, without_every_case
from behaviordiff.drafting.swaptitle import swap_title
from behaviordiff.drafting.text import (
    ITEM_LEAD,
    STOPWORDS,
    Keep,
    Unit,
    cell_text_spans,
    edit_body,
    flat,
    plain_text,
    quoted,
    replace_units,
    rewrite_units,
    row_cells,
    stem,
    terms,
    units,
)
from behaviordiff.drafting.tiervalue import tier_value_edit
from behaviordiff.drafting.timedrop import (
    time_instead,
    time_pattern,
    time_substitute,
    told_customers,
    without_time,
)
from behaviordiff.drafting.toldnew import fresh_told
from behaviordiff.drafting.toldwords import told_phrase
from behaviordiff.drafting.toolwords import action_phrase, action_words, object_words
from behaviordiff.drafting.topichandoff import (
    kept_handoff_heads,
    restated_row,
    same_paragraph,
    topic_handoffs,
)
from behaviordiff.drafting.twofacets import (
    names_channel,
    other_rows,
    promise_row,
    rewrite_promise,
    time_moves,
)
from behaviordiff.drafting.vaguercase import vaguer_case, vaguer_case_edit
from behaviordiff.drafting.verbatimrule import verbatim_rule_edit
from behaviordiff.drafting.waivedcase import waived_edit
from behaviordiff.drafting.waivedgroup import waived_group_edit
from behaviordiff.drafting.waivedline import waived_line_edit
from behaviordiff.drafting.wholepromise import whole_promise_edit
from behaviordiff.drafting.widened import widened_edit
from behaviordiff.drafting.widenedonly import widened_only_edit
from behaviordiff.drafting.withdrawn import (
    WITHDRAWN_REASON,
    still_called,
    withdrawn_offer,
    without_promises,
)
from behaviordiff.drafting.withdrawnkind import withdrawn_kind_edit
from behaviordiff.kb.model import PLACEHOLDER, KnowledgeItem
from behaviordiff.kb.settings import settings_reviews
from behaviordiff.textutil import brief_reps, end_sentence, shorten

_DONE_REPORT = re.compile(r"\b(?:we['’]ve|we\s+have|i['’]ve|i\s+have)\s+\w+ed\b", re.I)
"""A sentence reporting what was done ("We've refunded £20 to your card")."""
_MONEY_WORDS = ("refund", "credit", "discount", "charge", "voucher", "compensat", "payment")
_EXCERPT_CHARS = 220
UNJUDGED_SHOWN = 3
"""The most unjudged probes a note names where no condition could be confirmed."""
_CONDITION_HEAD = re.compile(r"(?:if|when|whenever|unless|once|where|while)\b", re.I)
"""A head that is a condition ("If the patient is diabetic, …"): "stays for" cannot take it."""
_STOPPED_HEAD = re.compile(r"\b(?:no\s+longer|not\s+any\s*more)\b", re.I)
"""What a rule's head says when it withdraws something for everyone ("We no longer take
cheques"): no one is named there."""
_ESCALATION_TEXT = re.compile(
    r"escalat|specialist|\bhuman\b|transferr?|hand(?:ed|ing)?\s+(?:\w+\s+)?(?:over|off)"
    r"|passed\s+it\s+to|\b(?:our|the)\s+\w+\s+team\b",
    re.I,
)
_SHIFT_MARKERS = {"refusal": REFUSAL, "escalation": _ESCALATION_TEXT}
_SHIFT_WORDS = {
    # (facet, direction): (what the old version did, what the new one does, who it means)
    ("refusal", "removed"): (
        "refused the request",
        "now accepts the request it refused",
        "used to be refused and are now accepted",
    ),
    ("refusal", "added"): (
        "accepted the request",
        "now refuses the request it accepted",
        "used to be accepted and are now refused",
    ),
    ("escalation", "removed"): (
        "handed the conversation to a human",
        "now answers without handing the conversation to a human",
        "used to be handed to a human and are now answered by the agent",
    ),
    ("escalation", "added"): (
        "answered without handing the conversation to a human",
        "now hands the conversation to a human",
        "used to be answered by the agent and are now handed to a human",
    ),
}
_RANGE_TAIL = r"\s+((?:of|after|from|since)\s+[a-z]+)"
_SHARE_TAIL = (
    r"\s+of\s+((?:the|your|their)\s+)?([\w -]+?)"
    r"(?=\s+(?:using|with|instead|and|if|when|to|for|by|via|in|on)\b|[,.;:()`]|$)"
)
_RATIO_VERBS = {2.0: "doubled", 3.0: "tripled", 0.5: "halved"}
_RULE_REASONS = ("states the old rule", "lists what")
_GIVING = r"\b(?:offer|give|issue|grant|provide|apply|send|refund|credit)\w*"
_SAME_CLAIM = re.compile(r"\b(?:the same|no different|identical)\b", re.I)
_CASE_LEAD = re.compile(
    r"^(?:If|When|Whenever)\s(?:[^,;:]{3,80}?,\s[^,;:]{1,40}?\s(?:or|and)\s[^,;:]{1,40}|[^,;:]{3,80})"
    r",\s(?=[a-z])"
)
"""A sentence's opening case, a list in it ("If something reaches you chipped, cracked or in
pieces, ")."""
_AT_ONCE_CLAIM = re.compile(
    r"\b(?:straight away|right away|at once|immediately|as soon as|there and then|on the spot"
    r"|however long|whatever|whichever|whether|no matter|regardless)\b",
    re.I,
)
"""A sentence claiming an action is done at once, or whatever the case."""
_THEY = re.compile(r"^they(?:'ll|’ll|'ve|’ve|\s+will|\s+have)?\s", re.I)
_EXCEPTION_REASONS = ("states the old rule: the new", "says it holds in every case", "lists what")
_SHOWN_VALUES = 3


_MAX_TOPIC_SENTENCES = 2
"""The other rewritten sentences of a whole topic's rule a note quotes, at most."""


# a sentence opening on a clause or phrase of its own before its main clause ("If you've
# paid, …", "For orders over 40, …")
_LEADING_CLAUSE = re.compile(
    r"\s*(?:if|when|whenever|once|unless|after|before|as soon as|where|while|because|since|"
    r"although|though|for|in|on|with|as)\b[^,.;:!?]{1,120},",
    re.I,
)


def severity(facts: ChangeFacts) -> Severity:
    """Money and escalation high; other actions and promises medium; wording low."""
    names = " ".join(a.name.lower() for a in (*facts.before_actions, *facts.after_actions))
    promise_kinds = {p.kind for p in (*facts.removed_promises, *facts.added_promises)}
    if any(word in names for word in _MONEY_WORDS) or promise_kinds & {"money", "percent"}:
        return "high"
    if "escalation" in facts.facets or facts.escalation:
        return "high"
    if facts.kind in ("actions", "promises", "refusal") or promise_kinds:
        return "medium"
    return "low"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _lower_first(text: str) -> str:
    if text.startswith(("I ", "I'", "I’")):
        return text
    return text[:1].lower() + text[1:] if text else text


def _changed_reply(facts: ChangeFacts) -> str:
    """What the first changed probe's new reply says that its old reply did not, in the
    sentence closest to the new prompt's rules: "There's nothing extra to pay for the stairs:
    …", not the greeting, nor "We'll text you a 2-hour delivery slot" both replies give. The
    whole reply when no such sentence shares two words with the rules."""
    excerpt = facts.excerpts[0]
    old_said = {" ".join(terms(sentence)) for sentence in sentences(excerpt.old)}
    fresh = [s for s in sentences(excerpt.new) if " ".join(terms(s)) not in old_said]
    rule_words = {stem(word) for rule in facts.rules for word in terms(str(rule.new or ""))}
    scored = [(len({stem(word) for word in terms(s)} & rule_words), s) for s in fresh]
    best = max(scored, key=lambda pair: pair[0], default=(0, ""))
    return best[1] if best[0] >= 2 else excerpt.new


def _object_words(actions: Sequence[ActionFact]) -> list[str]:
    """The words naming what the calls are about (`toolwords.object_words`: "stairs",
    "service" of `add_stairs_service` or `addStairsService`), as long as a word that names a
    thing."""
    return [
        word for action in actions for word in object_words(action.name).split() if len(word) >= 4
    ]


def _short(text: str, limit: int = _EXCERPT_CHARS) -> str:
    return shorten(text, limit)


def _kept_note_head(head: str) -> str | None:
    """A prompt rule's head as the note's "stays for …" says whom: "wheel alignments" from
    "Wheel alignments", "NHS patients" kept as written, "skincare" from "For skincare". None
    for a head that names no one the note can say: a call, a placeholder or a condition."""
    head = head.strip()
    if not head or "`" in head or "{{" in head or "{%" in head or _CONDITION_HEAD.match(head):
        return None
    if not head[1:2].isupper():
        # an acronym ("NHS") keeps its capitals
        head = head[:1].lower() + head[1:]
    # "For skincare and makeup, refund …": the rule's own "for" says whom
    return re.sub(r"^for\s+", "", head, flags=re.I)


def _quote(text: str) -> str:
    return quoted(text.strip())


_TRAILING_AND = re.compile(r"\s+and\s+(?=\w)")


def _changed_part(facts: ChangeFacts, rule: str) -> str:
    """A moved value's new prompt sentence as a note quotes it: without a last clause stating
    a figure ("… and be no longer than 80 cm.") that the old sentence says word for word, which
    the change left as it was and a reader would take as moved ("Each bag must weigh 25 kg or
    less …"); the sentence whole otherwise (a kept instruction stays)."""
    olds = [move.old_sentence for move in facts.moves if move.new_sentence == rule]
    if not olds or len(rule) > 600:
        return rule
    joints = list(_TRAILING_AND.finditer(rule))
    if not joints:
        return rule
    last = joints[-1]
    tail = rule[last.start() :]
    head = rule[: last.start()]
    if not re.search(r"\d", tail):
        return rule  # only a figure left as it was reads as moved; an instruction stays
    if not all(old.endswith(tail) and not old.startswith(head) for old in olds):
        return rule
    if not any(move.new in head for move in facts.moves if move.new_sentence == rule):
        return rule  # the moved value is in the tail
    return head.rstrip(" ,;") + " …"


_FOR_HEAD = re.compile(r"(?:^|(?<=[.!?] ))For ((?:[^,.;:]|[,.](?=\d)){3,80}?), (?=[a-z])")
"""A rule's head naming whom it is for: "For bookings over £1,000, …"."""


def _swapped_value(
    stopped: Sequence[str], started: Sequence[str], pattern: re.Pattern[str]
) -> str | None:
    """The new value when the new prompt's statement is the old one with one word, the old
    value's, changed ("10% off table hire …" → "15% off table hire …"); None otherwise."""
    if len(stopped) != 1 or len(started) != 1:
        return None
    old_words, new_words = stopped[0].split(), started[0].split()
    if len(old_words) != len(new_words):
        return None
    differ = [i for i, (a, b) in enumerate(zip(old_words, new_words, strict=True)) if a != b]
    if len(differ) != 1:
        return None
    old_word, new_word = old_words[differ[0]], new_words[differ[0]]
    if not pattern.fullmatch(old_word.strip(".,;:")) or not re.search(r"\d", new_word):
        return None
    return new_word.strip(".,;:")


def _quoted(texts: Iterable[str]) -> str:
    """Each text quoted, joined by "and": “a” and “b”."""
    return " and ".join(_quote(text) for text in texts)


_TOOL_ASIDE = re.compile(r"\s+(?:with|using|via|by calling)\s+`[^`]{1,80}`(?:\s*\([^()]{0,200}\))?")


def _unchanged_sentences(facts: ChangeFacts) -> list[str]:
    """The new prompt's sentences no rule of the change wrote or changed, and the sentences of
    a rewritten bullet its old text held word for word ("For a stay of that many nights or
    fewer, reserve it … and tell them the receipt follows by post." beside the limit moved from
    9 to 7 nights in the same bullet)."""
    changed = {rule.new for rule in facts.rules if rule.new}
    found = [s for s in facts.new_prompt_sentences if s not in changed]
    for rule in facts.rules:
        if rule.new and rule.old:
            old = {flat(s) for s in sentences_of(rule.old)}
            found += [s for s in sentences_of(rule.new) if flat(s) in old]
    return found


def outcome_still_said(facts: ChangeFacts, promise: Promise) -> bool:
    """Whether a promise the old replies made and the new ones do not is only what the action
    the change's conversations no longer get told ("a £3 booking fee, a confirmation
    within 1 hour" of a booking now refused): the conversations stop a call and start none,
    and a sentence of the new prompt the change did not touch still states the value. Such a
    value is no rule withdrawn: the customers the action is still taken for are told it."""
    # a hand-off in the action's place starts no other action the customer is told of
    started = any(not action.is_escalation for action in facts.after_actions)
    if not facts.before_actions or started or facts.moved:
        return False
    pattern = value_pattern(promise.value)
    word = re.compile(rf"\b{re.escape(promise.value)}", re.I) if promise.kind == "channel" else None
    return any(
        pattern.search(sentence) or (word is not None and word.search(sentence))
        for sentence in _unchanged_sentences(facts)
    )


def kept_for_rest(facts: ChangeFacts) -> str | None:
    """For a value a category move gives some customers, the new prompt's sentence keeping
    the old value for the others (`ChangeFacts.kept_for_others`: "up to 6 classes a week"
    beside "peak-time slots are limited to 2"), its tool aside out. None when there is
    none, or each names a tool or is a condition ("If …")."""
    for sentence in facts.kept_for_others:
        said = _TOOL_ASIDE.sub("", sentence)
        if "`" not in said and not re.match(r"(?i)(?:if|when|unless)\b", said):
            return said
    return None


def _end(text: str) -> str:
    """`text` as a finished sentence: a full stop unless it already ends in one (or a quote
    that does)."""
    return end_sentence(text)


def _percent(rule_text: str | None) -> str | None:
    if not rule_text:
        return None
    match = re.search(r"\b\d+(?:\.\d+)?\s?%", rule_text)
    return match.group(0).replace(" ", "") if match else None


def _in_conversations(shift: FacetShift) -> str:
    """ "In 1 of the 5 test conversations": CS text says how many, the probe ids are in the
    evidence."""
    count = len(shift.probe_ids)
    if count >= shift.of:
        return "In the test conversations"
    noun = "conversation" if shift.of == 1 else "conversations"
    return f"In {count} of the {shift.of} test {noun}"


def _states(promises: Sequence[Promise]) -> str:
    """ "states 45 days for returns"; a channel as what it is: "says it reaches the customer
    by text message"."""
    said = []
    values = ", ".join(p.phrase() for p in promises if p.kind != "channel")
    if values:
        said.append(f"states {values}")
    channels = " and ".join(p.phrase() for p in promises if p.kind == "channel")
    if channels:
        said.append(f"says it reaches the customer {channels}")
    return " and ".join(said)


def _listed(values: Sequence[str]) -> str:
    """ "$4.50, $7.50, $4.00 …": the first few distinct values."""
    distinct = list(dict.fromkeys(values))
    more = " …" if len(distinct) > _SHOWN_VALUES else ""
    return ", ".join(distinct[:_SHOWN_VALUES]) + more


def _share(rule_text: str | None, percent: Promise) -> str | None:
    """ "50% of the shipping fee" from a rule that says "… a refund of 50% of the shipping fee
    using …"."""
    match = re.search(value_pattern(percent.value).pattern + _SHARE_TAIL, rule_text or "", re.I)
    if match is None:
        return None
    return f"{percent.value} of {match.group(1) or ''}{match.group(2).strip()}"


def _days(value: str) -> tuple[float, str] | None:
    """(30.0, "days") from "30 days"; None for a range or anything else."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s+([a-z]+)", value.strip(), re.I)
    return (float(match.group(1)), match.group(2).lower()) if match else None


_BARE_YES = re.compile(r"^(?:yes|yes, you can|of course)[.!]?$", re.I)
_BARE_NO = re.compile(r"^(?:no|not at all)[.!]?$", re.I)


def _heading_or_header(raws: Sequence[str], index: int) -> bool:
    """Whether `raws[index]` is a heading or a Markdown table's header row (the row before its
    `| --- |` rule): what it names is the section's or the column's, not one sentence's."""
    raw = raws[index].lstrip()
    if raw.startswith("#"):
        return True
    if not raw.startswith("|") or index + 1 >= len(raws):
        return False
    rule = raws[index + 1].strip()
    return rule.startswith("|") and set(rule) <= set("|-: ") and "-" in rule


_REFERENCE = re.compile(r"\b([A-Za-z]{3,})\s+(\{\{[^{}]+\}\})")


def _with_references(sentence: str, replaced: str) -> str:
    """`sentence`, which replaces `replaced`, with the placeholders of `replaced` it would lose
    carried as references in the noun they followed ("… (booking {{ticket.ref}})."): a macro's
    placeholders are filled by the helpdesk and must survive an edit. A placeholder after a
    word that is no noun stays lost, and the edit checks refuse the edit."""
    carried = [
        f"{match.group(1)} {match.group(2)}"
        for match in _REFERENCE.finditer(replaced)
        if match.group(2) not in sentence and match.group(1).lower() not in STOPWORDS
    ]
    if not carried:
        return sentence
    body = sentence.rstrip()
    end = len(body.rstrip(".!"))
    return f"{body[:end]} ({', '.join(carried)}){body[end:]}"


def _action_sentences(impact: Impact) -> tuple[set[str], set[str]]:
    """The conflicting sentences that describe a tool's action, and those that only state what
    the new agent no longer states (placeholders aside): the sentences an edit of a removed or
    swapped tool rewrites and drops."""
    acting = {
        c.sentence for c in impact.conflicts if any(r.startswith("describes `") for r in c.reasons)
    }
    stated = {
        c.sentence
        for c in impact.conflicts
        if all(r.endswith("which the new agent no longer states") for r in c.reasons)
        and not PLACEHOLDER.search(c.sentence)
    }
    return acting, stated


def _rewrite_sentences(
    impact: Impact,
    acting: set[str],
    rewrite: Callable[[str], str | None],
    dropped: Set[str] = frozenset(),
) -> str | None:
    """The item's body with each sentence of `acting` rewritten by `rewrite` (from its raw
    text) and each of `dropped` removed, the rest byte for byte; None when one of `acting`
    cannot be rewritten (`rewrite` gives None) or nothing changes."""

    def pick(unit: Unit) -> str | Keep:
        if unit.text in acting:
            said = rewrite(unit.raw)
            return Keep.BLOCK if said is None else said
        return "" if unit.text in dropped else Keep.UNIT

    return rewrite_units(impact.item.body, impact.item.body_format, pick)


def _paragraph_names(text: str, text_units: Sequence[Unit], index: int, category: str) -> bool:
    """Whether a sentence before `index` in its paragraph (no blank line between, no heading,
    row or list item on the way) names the category: "Priority is for … . If anything goes
    wrong, …" is said of Priority."""
    if not category:
        return False
    named = category_pattern(category)
    at = index
    while at > 0 and "\n\n" not in text[text_units[at - 1].end : text_units[at].start]:
        at -= 1
        before = text_units[at]
        if before.raw.lstrip().startswith(("#", "|", "-", "*")):
            return False
        if named.search(before.text):
            return True
    return False


def units_text(body: str, body_format: str) -> set[str]:
    """The sentences of a KB body, flattened."""
    return {unit.text for unit in units(plain_text(body, body_format))}


def _with_header(item_units: list[Unit], index: int) -> str:
    """A unit's text, read after its table's header when it is a body row of one."""
    header = header_unit(item_units, index)
    text = item_units[index].text
    return f"{header.text} {text}" if header is not None else text


def _unit_channels(item_units: list[Unit], index: int) -> set[str]:
    """The channels a unit states (`stated_channels`), a body row of a table read after its
    header, a cell that is a channel's noun alone under a header naming the way included
    (`channels.cell_channels`: "| Email |" under "| How we send it |")."""
    found = stated_channels(_with_header(item_units, index))
    header = header_unit(item_units, index)
    if header is not None:
        found |= cell_channels(header.text, item_units[index].text)
        # a cell opening on a channel's participle: "| … window | Emailed by 6pm … |"
        found |= {
            channel
            for cell in row_cells(item_units[index].text)[1:]
            for channel, verb in CHANNEL_VERBS.items()
            if verb and re.match(rf"\s*(?:{verb})(?:ed|['’]d)\b", cell, re.I)
        }
    return found


def _restates_lost(facts: ChangeFacts) -> Callable[[str], bool]:
    """`lostsaid.LostSide.restates` for the last-resort writer, the old side read only when
    first asked (once per change, `lost_side`)."""

    def restates(text: str) -> bool:
        return lost_side(facts).restates(text)

    return restates


def only_adds(old: str, new: str) -> bool:
    """Whether `new` is `old` with words added and none taken away: `old`'s words appear in
    `new` in their order (one pass over each)."""
    wanted = re.findall(r"\S+", old[:_ONLY_ADDS_MAX])
    had = iter(re.findall(r"\S+", new[: 2 * _ONLY_ADDS_MAX]))
    return all(any(word == got for got in had) for word in wanted)


_ONLY_ADDS_MAX = 200_000


_VALUE_SAID = re.compile(
    r"[£$€]\d[\d,]*(?:\.\d+)?|(?<![\d.,])\d[\d,]*(?:\.\d+)?(?:\s?%|\s(?:working\s|business\s)?"
    r"(?:minutes?|hours?|days?|weeks?|months?|years?|nights?)\b)",
    re.I,
)
"""An amount, a share or a duration ("£30", "5%", "10 minutes"); a bare number (a phone number,
an order count) is none."""


def _holds_other_values(raw: str, rules: Sequence[Rule]) -> bool:
    """Whether `raw` states a number, with its unit, that no prompt rule of the change states
    (old or new): a sentence holding another fact, which a rule cannot replace whole."""
    said = " ".join(" ".join(part for part in (rule.old, rule.new) if part) for rule in rules)
    stated = {" ".join(found.group(0).lower().split()) for found in _VALUE_SAID.finditer(said)}
    return any(
        " ".join(found.group(0).lower().split()) not in stated
        for found in _VALUE_SAID.finditer(re.sub(r"\{\{[^{}]{0,200}\}\}", " ", raw))
    )


class TemplateDrafter:
    """Notes and edits from structured facts; deterministic, offline.

    A note says who is affected (the change's condition, also on its before and after lines
    when the change holds only for some customers) and, when refusal or escalation flipped in
    some of its probes, what that means for them: "Members past 30 days but within 45 days of
    delivery used to be refused and are now accepted". That range is stated only when the
    probes that flipped lost the old duration and gained the new one of the same kind, so it
    follows from the evidence; otherwise the note names the probes and quotes their replies.
    """

    name = "template"

    # facts → words -------------------------------------------------------------------

    def _after_keywords(self, facts: ChangeFacts) -> list[str]:
        keywords: list[str] = []
        for action in facts.after_actions:
            keywords.append(action.name)
            keywords.extend(w for w in action.name.lower().split("_") if len(w) > 4)
        return keywords

    def _rule(self, facts: ChangeFacts) -> tuple[str | None, str | None]:
        """(the prompt rule behind the new behavior, its key phrase)."""
        banded = band_step(facts)
        if banded is not None:
            # a step now required for a band: the band's rule, not the one keeping the old way
            return banded.rule, None
        split = split_range(facts)
        if split is not None:
            # a range split at a new line: the upper part's rule, not the kept part's
            return split.rule, None
        rest = rest_rule(facts) if kept_side(facts) is not None else None
        if rest is not None:
            # a requirement withdrawn below a line and kept past it: the changed side's rule,
            # not the sentence keeping the old way for the others
            return rest.prompt, None
        keywords = self._after_keywords(facts) + [p.value for p in facts.added_promises]
        allowance = per_whole(facts)
        if allowance is not None:
            # the unit of an allowance changed: the rule that says it, not the tool's call
            return allowance.rule, None
        rule = (
            self._route_rule(facts)
            or relevant_rule(facts, keywords)
            or self._moved_fact_rule(facts)
            or self._dropped_only_rule(facts)
        )
        if rule is None or rule.new is None:
            return None, None
        news = [move.new for move in facts.moves if move.kind == "value"]
        if news and not any(where_stated(value, rule.new) for value in news):
            # a rule split into the new value's side and a sentence for the rest ("no discount
            # under £30"): the note quotes the side stating the new value
            stating = [
                r for r in facts.rules if r.new and any(where_stated(v, r.new) for v in news)
            ]
            rule = stating[0] if len(stating) == 1 else rule
        said = rule.new or ""
        for keyword in self._after_keywords(facts):
            phrase = rule_phrase(said, keyword.split("_")[-1])
            # only what the rule gives the customer is "a …" they get ("offer a refund of
            # 50%"), not what the agent looks up ("look up the member")
            if phrase and re.search(
                rf"{_GIVING}\s+(?:\w+\s+)?(?:a|an|the)\s+{re.escape(phrase)}", said, re.I
            ):
                return said, phrase
        return said, None

    def _route_told(self, facts: ChangeFacts) -> str | None:
        """What the agent tells the customer in place of a removed contact route, in the new
        prompt rule's words ("the agent tells the customer to report it with the form at …,
        and no longer gives 0161 496 0000 for this"), or None (`routes.replaced_route`)."""
        route = replaced_route(facts)
        if route is None:
            return None
        return (
            f"the agent tells the customer to {route.clause}, and no longer gives "
            f"{route.promise.value} for this"
        )

    def _route_rule(self, facts: ChangeFacts) -> Rule | None:
        """The changed prompt rule that sends the customer another way where it gave a removed
        contact route: the new route a note must name, whatever other value the new replies
        state beside it."""
        route = replaced_route(facts)
        return route.rule if route is not None else None

    def _dropped_only_rule(self, facts: ChangeFacts) -> Rule | None:
        """The changed prompt sentence that drops an "only" to append a case: the appended
        value a note must carry when the replies give it as one time or amount of it."""
        case = dropped_only(facts)
        return next((r for r in facts.rules if case and r.hunk_id == case.hunk_id), None)

    def _moved_fact_rule(self, facts: ChangeFacts) -> Rule | None:
        """The attributed prompt sentence whose value or term moved (1-year → 2-year warranty):
        the new fact a note must carry when the replies' own values do not name it."""
        for move in facts.moves:
            for rule in facts.rules:
                if rule.hunk_id == move.hunk_id and rule.new == move.new_sentence:
                    return rule
        return None

    def _before_text(self, facts: ChangeFacts) -> str:
        if facts.moved:
            return self._moved_text(facts, "old")
        parts: list[str] = []
        if facts.before_actions:
            parts.append(
                "The agent "
                + " and ".join(f"{a.words()} ({a.code()})" for a in facts.before_actions)
            )
        elif facts.escalation == "added":
            parts.append("The agent answers without handing the conversation to a human")
        elif facts.escalation == "removed":
            parts.append("The agent hands the conversation to a human specialist")
        old_sentences = self._old_key_sentences(facts)
        if facts.kind == "promises" and facts.removed_promises:
            parts.append(self._for_audience(facts, f"the agent {_states(facts.removed_promises)}"))
        text = ". ".join(parts)
        shifts = self._shifts(facts)
        if old_sentences and not shifts:
            text += (", and tells the customer " if parts else "The agent says ") + _quote(
                old_sentences[0]
            )
        text = _end(text) if text else ""
        for shift in shifts:
            text += " " + self._shift_line(facts, shift, "old")
        moved = self._moved_fact_rule(facts)
        if not text.strip() and moved is not None and moved.old:
            return f"The old prompt said: {_quote(moved.old)}"
        if not text.strip() and facts.departed_rule:
            # a value in words ("by the end of the following month") no reply reading finds:
            # the rule they shared with everyone else, which others keep, says it
            return (
                "The agent followed the rule the new prompt keeps for everyone else: "
                f"{_quote(facts.departed_rule)}"
            )
        return text.strip() or self._old_reply_text(facts)

    def _old_reply_text(self, facts: ChangeFacts) -> str:
        """What the agent said before, when no action, escalation or stated value moved: the
        first sentence of an old reply that the new reply no longer says."""
        for excerpt in facts.excerpts:
            new = set(sentences(excerpt.new))
            gone = [s for s in sentences(excerpt.old) if s not in new]
            if gone:
                return _end(f"The agent replied differently, for example {_quote(_short(gone[0]))}")
        if facts.after_actions and not facts.before_actions:
            # a call the new version adds to a reply that otherwise reads the same: what the
            # old one did is the reply without it
            calls = " or ".join(f"`{action.name}`" for action in facts.after_actions)
            said = next((s for e in facts.excerpts for s in sentences(e.old)), "")
            return _end(
                f"The agent answered without calling {calls}"
                + (f", for example {_quote(_short(said))}" if said else "")
            )
        return "The agent replied as the old version did for these probes."

    def _old_key_sentences(self, facts: ChangeFacts) -> list[str]:
        needles = [p.value for p in facts.removed_promises if not outcome_still_said(facts, p)]
        if facts.removed_promises and not needles:
            return []  # only what the action no longer taken told: no rule of the change
        for excerpt in facts.excerpts:
            found = key_sentences(excerpt.old, needles)
            if found:
                return found
        return []

    def _new_key_sentences(self, facts: ChangeFacts, needles: Sequence[str]) -> list[str]:
        for excerpt in facts.excerpts:
            found = key_sentences(excerpt.new, needles)
            if found:
                return found
        return []

    def _step(self, facts: ChangeFacts) -> str | None:
        """The step the new prompt puts before an action the agent no longer takes at once."""
        if not facts.before_actions or facts.moved:
            return None
        terms_ = {stem(word) for a in facts.before_actions for word in a.name.lower().split("_")}
        step = new_step(facts.rules, terms_)
        # else a check before an action still taken once it passes: what is asked
        return step_for_note(step[0]) if step else proof_step_note(facts)

    def _checked(self, facts: ChangeFacts) -> bool:
        """Whether the change is a check put before an action still taken once it passes
        (`proofstep.proof_step`) that no step before the action's own name says."""
        if proof_step(facts) is None:
            return False
        terms_ = {stem(word) for a in facts.before_actions for word in a.name.lower().split("_")}
        return new_step(facts.rules, terms_) is None

    def _after_text(self, facts: ChangeFacts) -> str:
        said = self._after_said(facts)
        allowance = per_whole(facts)
        # an allowance whose unit changed: the new unit first, in plain words
        return said if allowance is None else f"{allowance.summary()} {said}"

    def _after_said(self, facts: ChangeFacts) -> str:
        if facts.moved:
            return self._moved_text(facts, "new")
        rule, phrase = self._rule(facts)
        parts: list[str] = []
        step = self._step(facts)
        if step:
            parts.append(step)
        if facts.after_actions:
            actions = " and ".join(f"{a.words()} ({a.code()})" for a in facts.after_actions)
            text = f"The agent {actions}"
            if phrase:
                text += f": a {phrase}"
            added = added_arguments(facts)
            if added:
                text += f"; before, it made the same call without {' and '.join(added)}"
            elif facts.before_actions:
                text += f", instead of the old handling ({facts.before_actions[0].code()})"
            parts.append(text)
        elif facts.escalation == "added":
            parts.append("The agent hands the conversation to a human specialist")
        elif facts.escalation == "removed":
            parts.append("The agent no longer hands the conversation to a human")
        if facts.kind == "promises" and facts.added_promises:
            parts.append(self._for_audience(facts, f"the agent {_states(facts.added_promises)}"))
        routed = self._route_told(facts)
        if routed is not None and not facts.after_actions:
            parts.append(self._for_audience(facts, routed))
        examples = [p.value for p in facts.examples if p.kind == "money"][:3]
        if examples:
            parts.append("In the probes the amounts were " + ", ".join(examples))
        shifts = self._shifts(facts)
        promised = self._new_key_sentences(facts, [p.value for p in facts.added_promises])
        if promised and not shifts:
            parts.append("It tells the customer " + _quote(promised[0]))
        parts += [self._shift_line(facts, shift, "new") for shift in shifts]
        failed = self._failed_check(facts)
        if failed:
            parts.append(failed)
        way = category_way(facts) if not parts else None
        if way is not None and way.promises:
            # a promise withheld from one category: what that category is told now, in the new
            # prompt's words, not one conversation's reply
            withheld = _listed(list(way.promises))
            parts.append(
                self._for_audience(
                    facts,
                    f"the agent no longer promises {withheld}: it tells the customer "
                    f"{way.statement}",
                )
            )
            rule = rule or way.rule
        if not parts:
            # a call dropped: the reply's sentences about what it did; else the sentence the new
            # reply adds that is closest to the new rules (not the greeting, nor what both say)
            about = self._new_key_sentences(facts, _object_words(facts.before_actions))
            fresh = _changed_reply(facts) if facts.excerpts and not about else ""
            new = " ".join(about[:2]) if about else fresh
            parts.append(f"The agent now replies differently, for example {_quote(_short(new))}")
        text = " ".join(_end(part) for part in parts)
        if rule is None:
            rule = self._promise_rule(facts)
        if rule is None:
            # an option no longer taken: the sentence saying so
            rule = dropped_rule(facts)
        if rule:
            section = next((r.section for r in facts.rules if r.new == rule), None)
            where = f" (section {section})" if section else ""
            text += f" The new prompt{where} says: {_quote(_changed_part(facts, rule))}"
            # a limit withdrawn for everyone: the sentence saying so, beside the rule it lifts
            gone = limit_gone(facts)
            if gone is not None and gone.said not in rule:
                text += f" It also says: {_quote(gone.said)}"
            # what it has the agent tell the customer with the rule that replaced the old one
            told = told_with(facts.rules, rule) if same_case_rule(facts.rules, rule) else []
            if told:
                text += " The agent also tells the customer: " + " ".join(_quote(s) for s in told)
            elif facts.restricted and facts.whole_topic:
                # a whole topic's new way is every sentence the change rewrote in the rule's
                # section (what the customer now gets, beside the call), as its edits say it
                more = [
                    r.new
                    for r in facts.rules
                    if r.kind in ("sentence_changed", "sentence_added")
                    and r.section == section
                    and r.new
                    and r.new != rule
                    and r.new not in text
                ][:_MAX_TOPIC_SENTENCES]
                if more:
                    text += " It also says: " + " ".join(_quote(s) for s in more)
            # a restriction lifted: the new terms that replace it (the notice still asked, the
            # deadline now set) are said with the rule, not only the sentence lifting it
            lifted = change_lifts(facts)
            if lifted and any(rule in (lift.new, *lift.policy) for lift in lifted):
                terms_said = [s for s in lifted[0].policy if s not in text and s not in rule][:2]
                if terms_said:
                    text += " It also says: " + " ".join(_quote(s) for s in terms_said)
        kept = self._kept_for(facts)
        if kept:
            text += " " + kept
        return text

    def _kept_for(self, facts: ChangeFacts) -> str | None:
        """Who keeps the old handling, when an attributed prompt rule names them and still
        tells the agent to do the old action ("Students with a plan: … grant it with
        `grant_x`"): the exception to the change, which its condition says only as a feature."""
        if not facts.before_actions:
            return None
        if facts.after_actions:
            return self._kept_call_for(facts)
        for rule in facts.rules:
            if not rule.kind.startswith("sentence") or not rule.new:
                continue
            named = [a for a in facts.before_actions if f"`{a.name}`" in rule.new]
            # "never hold them and don't call `hold_item`": a refusal names the old action,
            # no one keeps it
            named = [
                a
                for a in named
                if not re.search(
                    rf"\b(?:don't|don’t|do not|never|not)\b[^.;:]*`{re.escape(a.name)}`", rule.new
                )
            ]
            parts = rule_parts(rule.new)
            # "We no longer take cheques: …, only call `record_payment_method` once …": a
            # head saying what stopped names no one who keeps the old handling
            if parts and _STOPPED_HEAD.search(parts[0]):
                continue
            head = _kept_note_head(parts[0]) if named and parts else None
            if head is not None:
                return f"The old handling ({named[0].code()}) stays for {head}."
        return None

    def _kept_call_for(self, facts: ChangeFacts) -> str | None:
        """Who keeps the old call, when the same call's argument moved: a sentence of the new
        prompt the change left alone still writes the old call with its old value ("Glucose
        tests: … call `book_test` with slot_window "morning" …"), and its head names them."""
        changed = {rule.new for rule in facts.rules if rule.new}
        for section in facts.prompt_sections.values():
            for sentence in section:
                if sentence in changed:
                    continue
                action = old_call_written(facts, sentence)
                parts = rule_parts(sentence)
                if action is None or not parts or POINTS_BACK.search(parts[0]):
                    continue
                head = _kept_note_head(parts[0])
                if head is not None:
                    return f"The old handling ({action.code()}) stays for {head}."
        return None

    def _for_audience(self, facts: ChangeFacts, clause: str) -> str:
        """ "For members, the agent states …" when the change holds only for some customers."""
        audience = (facts.who() or facts.when()) if facts.restricted else ""
        return f"For {audience}, {clause}" if audience else _cap(clause)

    def _shifts(self, facts: ChangeFacts) -> list[FacetShift]:
        """The refusal flips, and the escalation flips the note does not already state as the
        change's own (those in only some of its probes)."""
        checked = self._checked(facts)
        return [
            shift
            for shift in facts.shifts
            if (shift.facet, shift.direction) in _SHIFT_WORDS
            and (shift.facet != "escalation" or shift.partial)
            # a check put first: a refusal is the check failing, said with the step
            and not (checked and (shift.facet, shift.direction) == ("refusal", "added"))
        ]

    def _failed_check(self, facts: ChangeFacts) -> str | None:
        """The conversations where a check the new prompt puts first failed: "If the check
        fails (1 of 8 test conversations), nothing is looked up: “…”"."""
        if not self._checked(facts):
            return None
        for shift in facts.shifts:
            if (shift.facet, shift.direction) != ("refusal", "added"):
                continue
            quote = self._shift_quote(facts, shift, "new")
            line = (
                f"If the check fails ({len(shift.probe_ids)} of {shift.of} test "
                "conversations), it looks nothing up and says so"
            )
            return f"{line}: {_quote(quote)}" if quote else _end(line)
        return None

    def _shift_quote(self, facts: ChangeFacts, shift: FacetShift, side: str) -> str | None:
        """The sentence of one side's reply that shows the flip: the refusal (or handoff) on
        the side that has it, the changed value on the other."""
        text = shift.old if side == "old" else shift.new
        has_facet = (side == "old") == (shift.direction == "removed")
        marker = _SHIFT_MARKERS[shift.facet]
        promises = facts.removed_promises if side == "old" else facts.added_promises
        change_values = [
            value_pattern(p.value)
            for p in promises
            if p.kind != "link" and p.key not in facts.unchanged_values
        ]
        keys = shift.removed if side == "old" else shift.added
        shift_values = [
            value_pattern(key.partition(":")[2])
            for key in keys
            if key.partition(":")[0] in ("duration", "money", "percent")
            and key not in facts.unchanged_values
        ]
        # a customer's own amount (the price they paid) is no fact of the change to quote
        own = [value_pattern(value) for value in facts.own_amounts]
        best: tuple[float, str] | None = None
        for sentence in sentences(text):
            if any(pattern.search(sentence) for pattern in own):
                continue
            score = 2.0 if has_facet and marker.search(sentence) else 0.0
            score += 1.0 if any(p.search(sentence) for p in change_values) else 0.0
            score += 0.5 if any(p.search(sentence) for p in shift_values) else 0.0
            if score > 0 and (best is None or score > best[0]):
                best = (score, sentence)
        return strip_greeting(best[1]) if best else None

    def _shift_line(self, facts: ChangeFacts, shift: FacetShift, side: str) -> str:
        before, after, _ = _SHIFT_WORDS[(shift.facet, shift.direction)]
        line = f"{_in_conversations(shift)} it {before if side == 'old' else after}"
        quote = self._shift_quote(facts, shift, side)
        return f"{line}: {_quote(quote)}" if quote else _end(line)

    def _shift_range(self, facts: ChangeFacts, shift: FacetShift) -> str | None:
        """ "past 30 days but within 45 days of delivery": who flipped, when the flipped probes
        lost the old duration and gained the new one (a refusal lifted by a longer window, or
        imposed by a shorter one)."""
        if shift.facet != "refusal":
            return None
        for old in facts.removed_promises:
            for new in facts.added_promises:
                if old.kind != "duration" or new.kind != "duration" or old.topic != new.topic:
                    continue
                if old.key not in shift.removed or new.key not in shift.added:
                    continue
                old_days, new_days = _days(old.value), _days(new.value)
                if old_days is None or new_days is None or old_days[1] != new_days[1]:
                    continue
                longer = new_days[0] > old_days[0]
                if longer != (shift.direction == "removed"):
                    continue
                low, high = (old, new) if longer else (new, old)
                tail = self._value_tail(facts, [low, high])
                return f"past {low.value} but within {high.value}{tail}"
        return None

    def _value_tail(self, facts: ChangeFacts, values: Sequence[Promise]) -> str:
        """ " of delivery" when the prompt says what a duration counts from."""
        for rule in facts.rules:
            for text in (rule.new, rule.old):
                for value in values:
                    match = re.search(value_pattern(value.value).pattern + _RANGE_TAIL, text or "")
                    if match:
                        return " " + match.group(1).lower()
        return ""

    def _shift_impact(self, facts: ChangeFacts, shift: FacetShift) -> str:
        """Who the flip means, in CS's words: how many test conversations, not which probes
        (those are in the evidence)."""
        _, _, outcome = _SHIFT_WORDS[(shift.facet, shift.direction)]
        who = (facts.who() or facts.when()) if facts.restricted else ""
        who = who or "customers"
        where = self._shift_range(facts, shift)
        if where:
            return f"{_cap(who)} {where} {outcome}"
        if shift.partial:
            return f"Some {who} {outcome} ({len(shift.probe_ids)} of {shift.of} test conversations)"
        return f"{_cap(who)} {outcome}"

    # the same calls with other numbers ---------------------------------------------------

    def _moved_subject(self, moved: MovedValue) -> str:
        """ "shipping refunds", "delay vouchers", "the months of `extend_warranty`"."""
        if moved.noun:
            kind = moved.call.argument("type")
            return f"{kind} {moved.noun}s" if kind else f"{moved.noun}s"
        return f"the {moved.argument.replace('_', ' ')} of `{moved.call.name}`"

    def _moved_verb(self, moved: MovedValue, rate: tuple[str, str] | None = None) -> str:
        """ "doubled", "multiplied by 1.5", "up $5.00", "lowered"; "raised from 10% to 15%"
        when the percentage it is taken at moved by its ratio (`ratemove.rate_behind`)."""
        if rate is not None and moved.direction in ("up", "down"):
            return (
                f"{'raised' if moved.direction == 'up' else 'lowered'} from {rate[0]} to {rate[1]}"
            )
        if moved.ratio is not None:
            share = moved.share_kept()
            if moved.ratio not in _RATIO_VERBS and share is not None:
                return f"cut to {share}"  # ×0.85
            return _RATIO_VERBS.get(moved.ratio, f"multiplied by {moved.ratio:g}")  # ×1.5
        if moved.difference is not None:
            return f"{'up' if moved.difference > 0 else 'down'} {moved.difference_shown()}"
        verb = {"up": "raised", "down": "lowered"}.get(moved.direction, "changed")
        pairs = moved.pairs()
        if moved.money and len(pairs) == 1 and len(moved.values) > 1:
            # the same old and new amount in every probe, a fixed charge: the title says both
            # ("raised from £0.00 to £15.00"); one probe's amounts may be its order's share
            old, new = pairs[0]
            return f"{verb} from {moved.shown(old)} to {moved.shown(new)}"
        return verb

    def _moved_rule_text(self, facts: ChangeFacts, side: str) -> str | None:
        """ "50% of the shipping fee": the prompt's share behind the numbers on one side."""
        if facts.moved_rule is None:
            return None
        value = facts.moved_rule[0 if side == "old" else 1]
        for rule in facts.rules:
            found = _share(rule.old if side == "old" else rule.new, value)
            if found:
                return found
        return value.value

    def _share_move(self, facts: ChangeFacts) -> RuleMove | None:
        """The prompt's share that became a fixed amount (`RuleMove.share`) in the sentence
        that names the moved call: the rule behind the numbers on both sides."""
        if not facts.moved:
            return None
        name = f"`{facts.moved[0].call.name}`"
        return next(
            (m for m in facts.moves if m.share and name in m.old_sentence + m.new_sentence), None
        )

    def _moved_text(self, facts: ChangeFacts, side: str) -> str:
        """Before or after: what the call did with the numbers on that side, the pattern that
        links them, and on the after side the new rule."""
        moved = facts.moved[0]
        values = _listed([moved.shown(old if side == "old" else new) for old, new in moved.pairs()])
        ruled = self._share_move(facts)
        if ruled is not None:
            # the rule, not one probe's numbers: those are what it came to in the probes
            rule_value = ruled.old_share() if side == "old" else ruled.new
            shown = {moved.shown(new) for _, new in moved.pairs()} if side == "new" else set()
            if not (shown and all(value_pattern(ruled.new).fullmatch(v) for v in shown)):
                rule_value += f" ({values} in the probes)"
            values = rule_value
        now = "" if side == "old" else "now "
        share = self._moved_rule_text(facts, side)
        arguments = ", ".join(f"{key} {value}" for key, value in moved.call.arguments)
        code = f"`{moved.call.name}`" + (f" ({arguments})" if arguments else "")
        if moved.refund and share:
            clause = f"the agent {now}refunds {share} ({values}) with {code}"
        elif moved.refund:
            clause = f"the agent {now}{moved.call.words()} of {values} ({moved.call.code()})"
        else:
            with_values = (
                f"no {moved.argument_words}"
                if values == "none"
                else f"{moved.argument_words} {values}"
            )
            clause = f"the agent {now}{moved.call.words()} ({moved.call.code()}) with {with_values}"
        text = _end(self._for_audience(facts, clause))
        if side == "old":
            if ruled is not None:
                old_rule = ruled.old_sentence
                section = next((r.section for r in facts.rules if r.old == old_rule), None)
                where = f" (section {section})" if section else ""
                text += f" The old prompt{where} said: {_quote(ruled.old_sentence)}"
            return text
        pattern = None if ruled is not None else self._moved_pattern(moved)
        rate = rate_behind(facts.moved, facts.rules) if ruled is None else None
        if rate is not None:
            pattern = f"{rate[1]} instead of {rate[0]}"
        if pattern:
            text = text.removesuffix(".") + f": {pattern} in every probe."
        # the same argument moving the same way on another kind of the call (each load a
        # delivery is booked for) is the same move: said once, and not again for the first
        said = {(moved.call.name, moved.argument, tuple(moved.pairs()[:3]))}
        for other in facts.moved[1:]:
            if rate is not None and other is rate_argument(facts.moved):
                continue  # said as the pattern
            key = (other.call.name, other.argument, tuple(other.pairs()[:3]))
            if key in said:
                continue
            said.add(key)
            pairs = ", ".join(f"{other.shown(o)} → {other.shown(n)}" for o, n in other.pairs()[:3])
            text += (
                f" The {other.argument.replace('_', ' ')} of `{other.call.name}` moved too: "
                f"{pairs}."
            )
        rule, _ = self._rule(facts)
        if rule:
            section = next((r.section for r in facts.rules if r.new == rule), None)
            where = f" (section {section})" if section else ""
            text += f" The new prompt{where} says: {_quote(_changed_part(facts, rule))}"
        return text

    def _moved_pattern(self, moved: MovedValue) -> str | None:
        """ "twice the old amount", "$5.00 more than before"."""
        thing = "amount" if moved.money else moved.argument.replace("_", " ")
        ratio = moved.ratio_words()
        if ratio:
            return f"{ratio} the old {thing}"
        if moved.difference is not None:
            more = "more" if moved.difference > 0 else "less"
            return f"{moved.difference_shown()} {more} than before"
        return {"up": "more than before", "down": "less than before"}.get(moved.direction)

    def _moved_impact(self, facts: ChangeFacts, who: str) -> str:
        """ "Customers … now get twice the refund they got before ($9.00 instead of $4.50 …)"."""
        moved = facts.moved[0]
        pairs = moved.pairs()
        examples = ", ".join(
            f"{moved.shown(new)} instead of {moved.shown(old)}" for old, new in pairs[:2]
        ) + (" …" if len(pairs) > 2 else "")
        if not moved.money:
            percent = percent_moved(moved)
            if percent is not None:
                return f"{percent} for {_lower_first(who)}"
            pattern = self._moved_pattern(moved)
            return (
                f"For {_lower_first(who)}, the agent now calls `{moved.call.name}` with "
                f"{moved.argument.replace('_', ' ')} {examples}"
                + (f" ({pattern})" if pattern else "")
            )
        thing = moved.noun or "amount"
        ratio = moved.ratio_words()
        ruled = self._share_move(facts)
        news = [rule.new for rule in facts.rules if rule.new]
        brought = charge_brought(moved, thing, news) if ruled is None else None
        if brought is not None:
            return f"{who} {brought}"
        if moved.charge and ruled is None and moved.difference is None:
            # what customers pay: higher or lower, never "a larger swap fee"
            higher = {"up": "a higher", "down": "a lower"}.get(moved.direction, "a different")
            return f"{who} now pay {higher} {thing} than before ({examples})"
        rate = rate_behind(facts.moved, facts.rules)
        if ruled is not None:
            told = f"a {thing} of {ruled.new} instead of {ruled.old_share()}"
        elif rate is not None:
            told = f"a {thing} of {rate[1]} instead of {rate[0]}"
        elif ratio:
            told = f"{ratio} the {thing} they got before"
        elif moved.difference is not None:
            larger = "larger" if moved.difference > 0 else "smaller"
            told = f"a {thing} {moved.difference_shown()} {larger} than before"
        else:
            size = {"up": "a larger", "down": "a smaller"}.get(moved.direction, "a different")
            told = f"{size} {thing} than before"
        return f"{who} now get {told} ({examples})"

    def _when_text(self, facts: ChangeFacts) -> str:
        condition = facts.condition
        if condition is None and facts.unjudged:
            shown = ", ".join(facts.unjudged[:UNJUDGED_SHOWN])
            more = len(facts.unjudged) - UNJUDGED_SHOWN
            return (
                f"In {len(facts.probe_ids)} probe(s); no condition could be confirmed: "
                f"{len(facts.unjudged)} other probe(s) could not be judged ({shown}"
                + (f" and {more} more" if more > 0 else "")
                + "), so what sets these apart from the rest is not known. Run those probes "
                "again before telling CS who this reaches."
            )
        if condition is None:
            return f"In {len(facts.probe_ids)} probe(s); no condition separates them from the rest."
        return (
            f"{_cap(facts.when())} ({condition.matched_changed} of "
            f"{condition.changed} changed probes match; {condition.matched_others} of "
            f"{condition.others} other probes do)."
        )

    def _customers(self, facts: ChangeFacts) -> str:
        """Who a change reaches, as the subject of a sentence."""
        when = facts.when()
        if facts.condition and when.startswith(("members", "customers")):
            return _cap(when)
        if facts.condition and when.startswith("conversations with "):
            return "Customers with " + when.removeprefix("conversations with ")
        if facts.condition and when.startswith("conversations "):
            return "Customers in " + when
        if not facts.condition and facts.unjudged:
            # who else it reaches is not known (probes that could have told were not judged):
            # never every customer
            return "Some customers"
        return f"Customers with {when}" if facts.condition else "Customers"

    def _impact_text(self, facts: ChangeFacts) -> str:
        who = self._customers(facts)
        sentences: list[str] = []
        if facts.moved:
            # the amounts say what customers are told; the prompt's percentage they never hear
            sentences.append(self._moved_impact(facts, who))
            # what the new replies now state besides the moved numbers (the fee the moved
            # argument charges, said as the customer hears it)
            moved_rule = facts.moved_rule or ()
            news = [rule.new for rule in facts.rules if rule.new]
            told = [
                told_phrase(p, news)
                for p in fresh_told(facts, facts.added_promises)
                if p not in moved_rule and p.kind != "term" and self._told(facts, p, "new")
            ]
            if told:
                sentences.append(f"They are now told {', '.join(told)}")
            charged = group_charge(facts)
            if charged is not None:
                # the charge as the new prompt has it said: its unit and what becomes of it
                # ("£5 a head …, taken off your bill on the night"), which no amount tells
                sentences.append(f"The new rule, as they hear it: “{charged.charged.sentence}”")
        elif not self._checked(facts):
            sentences += self._action_impact(facts, who)
        # a check put first: what the action told is still told once it passes
        sentences += [self._shift_impact(facts, shift) for shift in self._shifts(facts)]
        step = self._step(facts)
        if step:
            sentences.insert(0, f"{who} now go through a new step first: {_lower_first(step)}")
            # those the step turns away: the new prompt's way for them (a call back instead)
            failed = next(
                (said for r in facts.rules if r.new and (said := failed_step_rule(facts, r.new))),
                None,
            )
            if failed is not None:
                sentences.insert(1, f"When it fails, the new prompt says: {_quote(failed)}")
        if not sentences:
            said = action_title(facts.title)
            said = said[:1].lower() + said[1:] if said else facts.title
            sentences.append(f"{who} see a different reply: {said}")
        if facts.restricted:
            kept = kept_for_rest(facts)
            sentences.append(
                "Other customers get the same handling as before"
                + (f": the new prompt still says “{kept}”" if kept else "")
            )
        return " ".join(_end(sentence) for sentence in sentences)

    def _action_impact(self, facts: ChangeFacts, who: str) -> list[str]:
        sentences: list[str] = []
        refund = any("refund" in a.name.lower() for a in facts.after_actions)
        handoff = facts.escalation == "removed" or any(
            a.is_escalation for a in facts.before_actions
        )
        routed = route_argument(facts)
        if refund and handoff:
            sentences.append(f"{who} get a refund in the conversation instead of a handoff")
        elif routed is not None:
            # the same hand-off to another team: still handed to a human
            key, old, new = (part.replace("_", " ") for part in routed)
            sentences.append(
                f"{who} are still handed to a human, now to {key} {new} ({old} before)"
            )
        elif handoff and facts.after_actions:
            action = facts.after_actions[0]
            sentences.append(
                f"{who} are no longer handed to a human: the agent now {action.words()} "
                f"({action.code()}) in the conversation"
            )
        elif facts.after_actions:
            action = facts.after_actions[0]
            said = action.words()
            if said.startswith("calls "):
                said = action_phrase(action.name, action.arguments) or said
            sentences.append(f"{who} now get this: the agent {said}")
        elif facts.escalation == "added":
            sentences.append(f"{who} are now handed to a human")
        olds = [rule.old for rule in facts.rules if rule.old]
        news = [rule.new for rule in facts.rules if rule.new]
        removed = [
            told_phrase(p, olds)
            for p in facts.removed_promises
            if self._told(facts, p, "old") and not outcome_still_said(facts, p)
        ]
        added = [told_phrase(p, news) for p in facts.added_promises if self._told(facts, p, "new")]
        if removed and (instead := time_instead(facts.rules)):
            # a time no longer promised: what customers are told in its place, from the prompt
            told = told_customers(instead)
            sentences.append(f"{who} are no longer told {', '.join(removed)}; they are told {told}")
        elif removed and not added and (vaguer := vaguer_case(facts)) is not None:
            # a time made vaguer for one category value: what they are told in its place
            sentences.append(
                f"{who} are no longer told {', '.join(removed)}; they are now told "
                f"“{told_customers(vaguer.instead)}” instead, with no time given"
            )
        elif facts.kind == "promises" and removed and added:
            told = f"{', '.join(added)} instead of {', '.join(removed)}"
            sentences.append(f"{who} are now told {told}")
        elif removed and not added and (route := replaced_route(facts)) is not None:
            # a contact route replaced: where they are sent now, from the new prompt
            sentences.append(f"{who} are now told to {route.clause} instead of {removed[0]}")
        else:
            if removed:
                sentences.append(f"They are no longer told {', '.join(removed)}")
            if added:
                sentences.append(f"They are now told {', '.join(added)}")
            way = category_way(facts) if removed and not added else None
            if way is not None and way.promises:
                # what a category the promise is withheld from hears instead, from the prompt
                sentences.append(f"They are told {way.statement} instead")
        return sentences

    def _told(self, facts: ChangeFacts, promise: Promise, side: str) -> bool:
        """Whether a promise reads as something customers are told: a bare policy term
        ("discount") is not, nor a value the replies never write as such ("1 day" read from
        "$500 a day")."""
        if promise.kind == "term":
            return False
        replies = [excerpt.old if side == "old" else excerpt.new for excerpt in facts.excerpts]
        if promise.kind == "duration":
            pattern = value_pattern(promise.value)
            return not replies or any(pattern.search(reply) for reply in replies)
        return True

    def _evidence(self, facts: ChangeFacts) -> list[EvidenceItem]:
        needles_old = [p.value for p in facts.removed_promises] + ["escalat", "team"]
        needles_new = [p.value for p in (*facts.added_promises, *facts.examples)]
        needles_new += self._after_keywords(facts)
        for moved in facts.moved:
            needles_old += [moved.shown(old) for old, _ in moved.pairs() if moved.money]
            needles_new += [moved.shown(new) for _, new in moved.pairs() if moved.money]
        evidence: list[EvidenceItem] = []
        for excerpt in facts.excerpts[:3]:
            # both sides cut alike: a sentence quoted on one side brings its counterpart
            old, new = paired_key_sentences(excerpt.old, excerpt.new, needles_old, needles_new)
            evidence.append(
                EvidenceItem(
                    probe_id=excerpt.probe_id or "?",
                    old=_short(" ".join(old) or excerpt.old),
                    new=_short(" ".join(new) or excerpt.new),
                )
            )
        return evidence

    def _title(self, facts: ChangeFacts) -> str:
        when = f" for {facts.when()}" if facts.condition else ""
        checked = proof_step(facts) if self._checked(facts) else None
        if checked is not None and not facts.moved:
            # the action is still taken, after the check: the check is the change
            return _cap(f"now asks for {checked.asked} first{when}")
        if facts.moved:
            moved = facts.moved[0]
            verb = self._moved_verb(moved, rate_behind(facts.moved, facts.rules))
            return _cap(
                moved_title(moved, verb, when) or f"{self._moved_subject(moved)} {verb}{when}"
            )
        if facts.after_actions and facts.before_actions:
            after = facts.after_actions[0]
            before = facts.before_actions[0]
            after_words = after.words().removeprefix("issues a ").removeprefix("calls ")
            described = described_action(facts, after)
            added = added_arguments(facts)
            if added:
                # the same call with more to it: named by what it now does, not "X instead of X"
                return _cap(f"{after_words} with {' and '.join(added)}{when}")
            rerouted = rerouted_title(facts)
            if rerouted is not None:
                return _cap(rerouted)
            routed = route_argument(facts)
            if routed is not None:
                # the same hand-off to another team ("team philanthropy instead of supporter care")
                key, was, now = (part.replace("_", " ") for part in routed)
                return _cap(f"{after_words} ({key} {now} instead of {was}){when}")
            swapped = swap_title(facts, when)
            if swapped is not None:
                # one word argument swapped: what the customer now gets, not the tool twice
                return swapped
            before_words = (
                "a handoff to a human"
                if before.is_escalation
                else before.words().removeprefix("calls ")
            )
            if described is not None:
                # what the new tool does in its description's words, not its name
                before_words = re.sub(r"^issues\b", "issuing", before_words)
                return _cap(f"now {described} instead of {before_words}{when}")
            phrase = action_phrase(after.name, after.arguments)
            if phrase is not None and after.words().startswith("calls "):
                # what the new call does in words, not its name ("Apply credit")
                before_words = re.sub(r"^issues\b", "issuing", before_words)
                return _cap(f"now {phrase} instead of {before_words}{when}")
            return _cap(f"{after_words} instead of {before_words}{when}")
        if facts.kind == "promises" and facts.removed_promises and facts.added_promises:
            old, new = facts.removed_promises[0], facts.added_promises[0]
            topic = f"{_cap(old.topic)}: " if old.topic else ""
            who = f" for {facts.who()}" if facts.restricted and facts.who() else ""
            if old.kind == new.kind == "channel":
                return f"{topic}{old.phrase()} → {new.phrase()}{who}"
            return f"{topic}{old.value} → {new.value}{who}"
        if facts.after_actions and not facts.before_actions and not facts.moved:
            described = described_action(facts, facts.after_actions[0])
            if described is not None:
                return _cap(f"now {described}") + when
        new_way = new_way_title(facts)
        if new_way is not None:
            # titled by what the agent now does, not by the promise it dropped
            return _cap(new_way) + when
        return _cap(action_title(facts.title) or facts.title) + when

    def note(
        self, facts: ChangeFacts, impacts: Sequence[Impact], effective: str | None
    ) -> BehaviorNote:
        actions: list[str] = []
        for impact in impacts:
            if not impact.affected:
                continue
            noun = "macro" if impact.item.kind == "macro" else "FAQ article"
            actions.append(
                f"Update {noun} “{impact.item.title}”: it says "
                f"{_quote(item_quote(facts, impact))}, which is no longer true "
                "(suggested edit attached)."
            )
        actions += settings_actions(facts, impacts)
        brief = brief_reps(self._title(facts))
        for shift in self._shifts(facts):
            brief += " " + _end(self._shift_impact(facts, shift))
        if facts.restricted:
            brief += " Everyone else gets the same handling as before."
        actions.append(brief)
        if facts.escalation == "removed":
            actions.append(
                "Tell the team that handled these escalations to expect fewer of them"
                + (f" for {facts.when()}." if facts.condition else ".")
            )
        return BehaviorNote(
            change_id=facts.id,
            title=self._title(facts),
            before=self._before_text(facts),
            after=self._after_text(facts),
            when=self._when_text(facts),
            customer_impact=self._impact_text(facts),
            cs_actions=actions,
            effective_date=effective,
            evidence=self._evidence(facts),
            severity=severity(facts),
        )

    # edits -------------------------------------------------------------------------

    def _customer_clause(self, facts: ChangeFacts) -> str | None:
        condition = facts.condition
        for atom in condition.atoms if condition else ():
            feature = atom.feature.lower()
            role, words = atom_words(atom, currency=facts.currency)
            if role == "subject" and feature.startswith("order_") and MONEY_FEATURE.search(feature):
                return words.replace("orders", "your order is", 1).replace(" of ", " ", 1)
        return None

    def _negated_subject(self, facts: ChangeFacts, text: str) -> str | None:
        """ "orders of $50 or less" when the rest of the condition is already stated in `text`."""
        condition = facts.condition
        if condition is None:
            return None
        subjects: list[Atom] = []
        rest: list[Atom] = []
        for atom in condition.atoms:
            role, _ = atom_words(atom)
            (subjects if role == "subject" else rest).append(atom)
        if len(subjects) != 1 or subjects[0].op not in (">", "<="):
            return None
        for atom in rest:
            value = atom.value
            number = str(int(value)) if isinstance(value, float) and value.is_integer() else value
            if atom.op == "tag" or str(number) not in text:
                return None
        flipped = replace(subjects[0], op="<=" if subjects[0].op == ">" else ">")
        return atom_words(flipped, currency=facts.currency)[1]

    def _action_sentence(self, facts: ChangeFacts, voice: str) -> str | None:
        rule, phrase = self._rule(facts)
        keywords = self._after_keywords(facts)
        if voice == "article":
            if not facts.after_actions:
                return None
            if not phrase:
                # "we call lookup patron" is a tool's name, not the article's words: the
                # rule is restated from the prompt instead (`_edit_new_rule`)
                return None
            doing = f"give you a {phrase}"
            who = facts.who() or facts.when()
            lead = f"For {who}, we" if facts.restricted and who else "We"
            return f"{lead} {doing} instead."
        found = self._new_key_sentences(facts, keywords)
        if not found:
            return None
        sentence = found[0]
        lead, sep, rest = sentence.partition(", ")
        lead_has_fact = extract_promises(lead) or any(k.lower() in lead.lower() for k in keywords)
        if sep and not lead_has_fact and rest:
            # "Your nuc is ready, and nucs are …": the clause after the lead, its "and" out
            sentence = _cap(re.sub(r"^(?:and|but|so)\s+", "", rest, flags=re.I))
        examples = {p.value for p in facts.examples if p.kind == "money"}
        percent = _percent(rule)

        def generalise(match: re.Match[str]) -> str:
            amount = match.group(0)
            normalised = "$" + f"{float(amount[1:].replace(',', '')):,.2f}"
            if normalised in examples or not examples:
                return percent or "part"
            return amount

        sentence = re.sub(r"\$\d[\d,]*(?:\.\d+)?", generalise, sentence)
        clause = self._customer_clause(facts)
        if clause and facts.restricted:
            sentence = f"As {clause}, {_lower_first(sentence)}"
        return sentence

    def _promise_sentences(self, facts: ChangeFacts, exclude: str | None) -> list[str]:
        found = self._new_key_sentences(facts, [p.value for p in facts.added_promises])
        # a reply sentence holding the action's sentence ("Your order is ready, and …" of
        # "And …") would say it twice
        said = comparable(exclude) if exclude else None
        return [
            s
            for s in found
            if said is None or (said not in comparable(s) and comparable(s) not in said)
        ][:1]

    def _edit_actions(self, facts: ChangeFacts, impact: Impact) -> tuple[str | None, str]:
        item = impact.item
        voice = "article" if item.kind == "article" else "macro"
        action = self._action_sentence(facts, voice)
        if action is None:
            return None, "No safe rewrite: the new behavior has no sentence to use."
        replacements = [action, *self._promise_sentences(facts, action)]
        specific = one_probe_values(facts, replacements)
        if specific:
            return None, (
                "No safe rewrite: the new replies state this with one conversation's values ("
                + ", ".join(specific)
                + "), which do not belong in "
                + ("an article." if voice == "article" else "a macro.")
            )
        text_all = "\n".join(u.text for u in impact.units)
        negated = self._negated_subject(facts, text_all) if voice == "article" else None
        conflicting = {c.sentence for c in impact.conflicts}
        state = {"done": False}

        def edit(text: str) -> str:
            text_units = units(text)
            hits = [i for i, unit in enumerate(text_units) if unit.text in conflicting]
            if not hits or state["done"]:
                return text
            state["done"] = True
            changes: dict[int, str] = {}
            if negated:
                first = text_units[hits[0]]
                changes[hits[0]] = f"For {negated}, {_lower_first(first.raw)}"
                last = hits[-1]
                tail = changes.get(last, text_units[last].raw)
                changes[last] = tail + " " + " ".join(replacements)
                return replace_units(text, changes, text_units)
            queue = list(replacements)
            for index in hits:
                unit = text_units[index]
                keep = self._kept_lead(facts, unit.raw)
                new = queue.pop(0) if queue else ""
                changes[index] = f"{keep} {new}".strip() if keep else new
            if queue:
                last = hits[-1]
                changes[last] = (changes[last] + " " + " ".join(queue)).strip()
            return replace_units(text, changes, text_units)

        new_body = edit_body(item.body, item.body_format, edit)
        doing = facts.after_actions[0].words() if facts.after_actions else "acts differently"
        instead = (
            "handing the conversation to a human"
            if facts.escalation == "removed"
            else "the old handling"
        )
        rationale = (
            f"The agent now {doing}{' for ' + facts.when() if facts.condition else ''} instead "
            f"of {instead}; this {voice} still says {_quote(impact.conflicts[0].sentence)}"
        )
        if facts.restricted and voice == "macro":
            rationale += (
                f" Use this version for {facts.when()}; keep the current text for other "
                "customers, who get the same handling as before."
            )
        return new_body, rationale

    def _kept_lead(self, facts: ChangeFacts, raw: str) -> str | None:
        """The leading clause of a conflicting sentence that is still true, as a sentence."""
        match = re.match(r"(.+?),\s+(?:so|and|but|which)\s+(.+)$", raw, re.S)
        if not match:
            return None
        from behaviordiff.drafting.impact import sentence_conflict

        lead = match.group(1)
        if sentence_conflict(facts, lead):
            return None
        return lead.rstrip() + "."

    def _promise_rule(self, facts: ChangeFacts) -> str | None:
        """The attributed prompt sentence that states the change's new promises ("up to 3
        working days" for 3 business days): the new facts the note quotes when no reply
        sentence or action names the rule."""
        keys = {promise.key for promise in facts.added_promises}
        for rule in facts.rules:
            if not keys or not rule.kind.startswith("sentence") or not rule.new:
                continue
            if keys & {promise.key for promise in extract_promises(rule.new)}:
                return rule.new
        return None

    def _told_rule(self, facts: ChangeFacts, values: Sequence[Promise]) -> str | None:
        """What the new prompt tells the agent to tell every customer on the change's topic
        (`told_statement`), when it states the new values: the promise a KB makes instead of
        the old one. Only for a change that reaches everyone on its topic (a condition of topic
        tags alone): for a subset the old promise still holds for the rest."""
        condition = facts.condition
        atoms = condition.atoms if condition else ()
        if not atoms or any(atom.op != "tag" for atom in atoms):
            return None
        keys = {value.key for value in values}
        for rule in facts.rules:
            if not rule.kind.startswith("sentence") or not rule.new:
                continue
            told = told_statement(rule.new)
            if told and keys & {promise.key for promise in extract_promises(told)}:
                return told
        return None

    def _edit_told(self, facts: ChangeFacts, impact: Impact, told: str) -> tuple[str | None, str]:
        """The first sentence stating the old promise says the new one as the prompt tells it
        (a leading clause that is still true stays); later ones stating it go."""
        conflicting = {c.sentence for c in impact.conflicts}
        state = {"done": False}

        def edit(text: str) -> str:
            text_units = units(text)
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text not in conflicting:
                    continue
                if state["done"]:
                    changes[index] = ""
                    continue
                state["done"] = True
                keep = self._kept_lead(facts, unit.raw)
                changes[index] = f"{keep} {told}" if keep else told
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(impact.item.body, impact.item.body_format, edit)
        rationale = (
            f"The new prompt tells the agent to say: {_quote(told)}; this {impact.item.kind} "
            f"still says {_quote(impact.conflicts[0].sentence)} The edit says the new promise "
            "in its place and keeps everything else."
        )
        return new_body, rationale

    def _edit_promises(self, facts: ChangeFacts, impact: Impact) -> tuple[str | None, str]:
        pairs: list[tuple[Promise, Promise]] = []
        # a term the replies still say with its qualifier gone ("replacement" of "free
        # replacement") is what is left of an old value, no new value of its own
        remnants = {
            new.value
            for new in facts.added_promises
            if new.kind == "term"
            and any(
                old.kind == "term" and set(terms(new.value)) < set(terms(old.value))
                for old in facts.removed_promises
            )
        }
        for old in facts.removed_promises:
            for new in facts.added_promises:
                same_topic = not old.topic or not new.topic or old.topic == new.topic
                if new.kind == old.kind and same_topic and new.value not in remnants:
                    pairs.append((old, new))
                    break
        if not pairs:
            return None, "No safe rewrite: no new value replaces the old one."
        told = self._told_rule(facts, [new for _, new in pairs])
        if told is not None:
            return self._edit_told(facts, impact, told)
        rule_texts = facts.new_rules()
        # the old value still holds for the others, unless nobody else got it: moved numbers
        # that no probe outside the change still gets are replaced outright
        keep_old = facts.restricted and (not facts.moved or facts.moved_elsewhere)
        # a sentence marked only as an every-case claim of a rule the prompt split states no
        # old value to move: the split's own writer narrows it (`split_case_edit`)
        conflicting = {c.sentence for c in impact.conflicts if set(c.reasons) - {SPLIT_CASE_REASON}}
        # a sentence marked for claiming the old value whatever the case: the claim goes
        whatever_claims = {
            c.sentence
            for c in impact.conflicts
            if any(r.startswith(SAME_WHATEVER_REASON) for r in c.reasons)
            # marked for its old value said another way, the claim all the same
            or same_whatever_reason(facts, c.sentence) is not None
        }
        # a sentence that already names the condition's band gets the new value in place
        band_atoms = facts.condition.atoms if facts.condition else ()

        def audience(new: Promise) -> str:
            """Who gets the new value, with its preposition: in the new prompt's words where
            a rule says it ("for annual plans", "on a full-time place"), else the condition's."""
            for rule in rule_texts:
                match = re.search(rf"{re.escape(new.value)}\s+for\s+({PHRASE})", rule)
                if match:
                    return "for " + match.group(1).strip()
            for changed in facts.rules:
                said = value_scope(changed.new, new.value) if changed.new else ""
                if said and set(terms(said)) - set(terms(changed.old or "")):
                    return said
            for rule in rule_texts:
                # the rule's own head: "For bookings over £1,000, the deposit is 50% …"
                for headed in _FOR_HEAD.finditer(rule):
                    stop = re.search(r"[.!?](?:\s|$)", rule[headed.end() :])
                    clause = rule[headed.end() : headed.end() + stop.start() if stop else None]
                    if value_pattern(new.value).search(clause):
                        return "for " + headed.group(1)
            condition = facts.who() or facts.when()
            for changed in facts.rules if condition.startswith("conversations") else ():
                # the condition names nobody a KB can name ("conversations where …"); the
                # head the new sentence narrowed to does ("Paid by card or PayPal: …" → "Paid
                # by card: … up to 10 business days"): whom, in the prompt's words
                said = labelled_audience(changed.old, changed.new, new.value)
                if said:
                    return said
            if condition.startswith("conversations"):
                # a line on a number the prompt names: "when the quote total is over £2,000"
                when = bound_when(facts, rule_texts)
                if when:
                    return when
                # the subject the new prompt says the value of, naming the case ("Parties of
                # more than 8 riders pay … 40%" → "for parties of more than 8 riders")
                who = case_subject(rule_texts, new.value, marks, old_rule)
                if who:
                    return "for " + who
            return "for " + condition

        marks = case_marks(facts.conditions)
        old_rule = " ".join(rule.old or "" for rule in facts.rules)

        def rest_of(old: Promise, new: Promise) -> str | None:
            """Whom the new prompt keeps the old value for, in its words ("parties of 8 or
            fewer"), where it names the case's side in its words too; None otherwise."""
            if not facts.restricted:
                return None
            if case_subject(rule_texts, new.value, marks, old_rule) is None:
                # the prompt's split names each side after its value ("£15 for screens up to
                # 50 inches, £25 for screens over 50 inches"): the rest's side as it says it
                return split_rest(facts.moves, old.value, new.value)
            return case_subject(rule_texts, old.value, marks, old_rule)

        def old_said(raw: str, old: Promise) -> re.Match[str] | None:
            """Where `raw` states the old value: in the prompt's form, or as a share in words
            ("one fifth of the hire fee" for 20%)."""
            found = value_pattern(old.value).search(raw)
            if found is None and old.kind == "percent":
                found = next(iter(share_in_words(old.value, raw)), None)
            return found

        def said_like(found: re.Match[str], new: Promise, *, bracketed: bool) -> str:
            """The new value the way `found` says the old one."""
            if found.re is SHARE_WORDS:
                said = share_written_like(new.value, found)
                return said.removesuffix(" of") if bracketed else said
            if new.kind == "percent":
                return restate_percent(found.group(0), new.value, bracketed=bracketed)
            return new.value

        # a change from a date on states the new value and keeps the old one for before
        cutoff = date_cutoff(facts) if keep_old else None
        # the figures that move with a share: its complement, a worked example of it
        shares = [(o.value, n.value) for o, n in pairs if o.kind == n.kind == "percent"]
        with_share = not keep_old or cutoff is not None
        if any(
            not any(old_said(sentence, was) for was, _ in pairs)
            and any(where_stated(was.value, sentence) for was, _ in pairs)
            for sentence in conflicting
        ):
            # the old value said in other words ("half of it" for 50%): no sentence of it to
            # drop or move here, a writer restates it
            return None, "No safe rewrite: the old value is said in other words."

        unsure: list[str] = []

        def of_the_thing(new: Promise, text_units: list[Unit], index: int) -> bool:
            """Whether the sentence at `index` says the value of what the new prompt says the
            subset's value of ("deposit" of "Parties of more than 8 riders pay a deposit of
            40%"), in it, the sentence before it, its heading or the item's title, where the
            audience is the new prompt's subject; True where it names no such thing."""
            found = case_said(rule_texts, new.value, marks, old_rule)
            if found is None or not found[1] or audience(new) != "for " + found[0]:
                return True
            heading = next(
                (u.text for u in reversed(text_units[:index]) if u.text.lstrip().startswith("#")),
                "",
            )
            before = text_units[index - 1].text if index else ""
            around = " ".join([impact.item.title, heading, before, text_units[index].text])
            return bool(found[1] & set(terms(around)))

        def edit(text: str) -> str:
            text_units = units(text)
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text not in conflicting:
                    for was, now in shares if with_share else ():
                        rest = complement_rewrite(unit.raw, was, now, cutoff)
                        if rest is not None:
                            changes[index] = rest
                            break
                    continue
                raw = unit.raw
                if not any(old_said(raw, old) for old, _ in pairs):
                    changes[index] = ""
                    continue
                for old, new in pairs:
                    pattern = value_pattern(old.value)
                    if old_said(raw, old) is None:
                        continue
                    if keep_old and not names_band(unit.text, band_atoms, rule_texts):
                        found = old_said(raw, old)
                        if found is not None and cutoff is not None:
                            # from a date on: the new value in place, the old one for before
                            end = clause_end(raw, found.end())
                            if raw.lstrip().startswith("|"):
                                end = found.end()
                            head = with_share_words(
                                pattern.sub(functools.partial(restated, new=new), raw[:end]),
                                old.value,
                                new.value,
                            )
                            raw = head + kept_for_earlier(found.group(0), old, cutoff) + raw[end:]
                            continue
                        said = new.value
                        if found is not None:
                            said = said_like(found, new, bracketed=True)
                        insert = f" ({said} {audience(new)})"
                        if insert in raw:
                            continue  # two old values moved to one new one: said once
                        if not of_the_thing(new, text_units, index):
                            # the same value of something else ("we keep 25% of the fee if
                            # you cancel" beside a deposit moved from 25%): a writer's
                            unsure.append(unit.text)
                            break
                        # whom the new prompt keeps the old value for, said after it ("a
                        # quarter … for parties of 8 or fewer (40% for parties of more than 8
                        # riders)"), where it names both sides in its words
                        rest = rest_of(old, new)
                        if rest is not None and split_rest(facts.moves, old.value, new.value):
                            if names_side(raw):
                                # one side named in the sentence's own words ("our large
                                # units", "still £15"): both sides would contradict it
                                unsure.append(unit.text)
                                break
                            if found is not None:
                                said = in_shape_of(said, found.group(0))
                                insert = f" ({said} {audience(new)})"
                        end = len(raw.rstrip(".!?"))
                        if raw.lstrip().startswith("|"):
                            # a table row: in the old value's cell, never after the row
                            end = found.end() if found is not None else end
                            if rest is not None and found is not None:
                                cell = raw.find("|", found.end())
                                cell = len(raw) if cell < 0 else len(raw[:cell].rstrip())
                                end = min(cell, clause_end(raw, found.end()))
                        elif found is not None:
                            # at the end of the value's clause, before "when you order …"
                            end = min(end, clause_end(raw, found.end()))
                        if rest is not None:
                            insert = f" for {rest}{insert}"
                        raw = raw[:end] + insert + raw[end:]
                        kinds = case_kinds(facts.conditions, audience(new))
                        raw = without_same_aside(without_lead_claim(raw, kinds), kinds)
                        if unit.text in whatever_claims:
                            raw = without_same_way(without_tail_claim(raw))
                        if rest is not None:
                            # the value said by case: a claim it holds whatever the case goes
                            raw = without_case_claims(raw, kinds | marks)
                    elif (found := old_said(raw, old)) is not None and found.re is SHARE_WORDS:
                        # a share in words: the new one the same way ("one fifth of" → "30%
                        # of", "a quarter of" → "half of")
                        said = said_like(found, new, bracketed=False)
                        raw = raw[: found.start()] + said + raw[found.end() :]
                    else:
                        raw = with_share_words(
                            pattern.sub(functools.partial(restated, new=new), raw),
                            old.value,
                            new.value,
                        )
                for was, _ in shares if with_share else ():
                    raw = without_worked_example(raw, was) or raw
                changes[index] = raw
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(impact.item.body, impact.item.body_format, edit)
        left = ""
        if unsure:
            said = "; ".join(_quote(text) for text in dict.fromkeys(unsure))
            if new_body == impact.item.body:
                return None, (
                    f"No safe rewrite: {said} states the old value of something the new "
                    "prompt does not say it of."
                )
            # the same value of another thing beside the rewritten one: left as it is
            left = f" Left as it is: {said}, the same value of another thing."
        old, new = pairs[0]
        who = f" {audience(new)}" if facts.restricted else ""
        doing = f"states {new.phrase()}{who} instead of {old.phrase()}"
        share = self._moved_rule_text(facts, "new")
        if facts.moved and facts.moved[0].refund and share and facts.moved_rule == (old, new):
            doing = f"refunds {share}{who} instead of {old.value}"
        rationale = (
            f"The agent now {doing}; this {impact.item.kind} still says "
            f"{_quote(impact.conflicts[0].sentence)}"
        )
        if cutoff is not None:
            rationale += f" The edit keeps {old.value} for {cutoff.earlier}."
        return new_body, rationale + left

    def _edit_channel(self, facts: ChangeFacts, impact: Impact) -> tuple[str | None, str]:
        """A promise now kept by another channel ("emailed" → "sent by text message"): each
        conflicting sentence stating the old channel says the new one in its own words
        (`channels.rewrite_channel`), and a sentence right after one that is only true of the
        old channel ("check your spam folder") goes. Where the new channel holds only for
        some customers, or a sentence says the old channel in words the rewrite does not
        know, the item is flagged instead."""
        switched = switched_channel(facts.removed_promises, facts.added_promises)
        if switched is None:
            return None, "No safe rewrite: no new channel replaces the old one."
        old, new = switched
        # a call to the customer is the phone channel ("we'll call you" → "we'll email you")
        [old_promise] = channel_promises(facts.removed_promises)
        [new_promise] = channel_promises(facts.added_promises)
        conflicting = {c.sentence for c in impact.conflicts}
        # a call's channel argument moved (`channelarg`): only the sentences of its sending
        argued = channel_argument_switch(facts) is not None
        acting = {
            unit.text
            for index, unit in enumerate(impact.units)
            if unit.text in conflicting
            and old in _unit_channels(impact.units, index)
            and not (argued and first_sending(unit.text, facts))
        }
        dropped: set[str] = set()
        renamed: dict[str, str] = {}
        for index, unit in enumerate(impact.units):
            if unit.text not in acting:
                continue
            for after in impact.units[index + 1 : index + 3]:
                if after.raw.lstrip().startswith("#") or after.text in acting:
                    break
                if only_about(after.text, old, new) or (
                    argued and old_channel_step(after.text, old, new)
                ):
                    dropped.add(after.text)
                elif argued and (said := renamed_message(after.text, old, new)) is not None:
                    renamed[after.text] = said
        acting |= set(renamed)
        if not acting:
            return None, f"No safe rewrite: no sentence states {old_promise.phrase()} as such."
        noun = impact.item.kind
        said = next(c.sentence for c in impact.conflicts if c.sentence in acting)
        who = facts.who() if facts.restricted else ""
        if who:
            # the old channel still holds for everyone else: the sentence says both
            def scoped(raw: str) -> str:
                end = len(raw.rstrip().rstrip(".!?"))
                return f"{raw[:end]} ({new_promise.phrase()} for {who}){raw[end:]}"

            new_body = _rewrite_sentences(impact, acting, scoped)
            return new_body, (
                f"The agent now says this reaches {who} {new_promise.phrase()}; "
                f"{old_promise.phrase()} still holds for other customers, and this {noun} "
                f"says {_quote(said)} for everyone"
            )

        def switch(raw: str) -> str | None:
            text = " ".join(raw.split())
            if text in renamed:
                return renamed_message(raw, old, new)
            if raw.lstrip().startswith("|"):
                # a row says its channel in a cell under a header ("| By text |")
                return channel_row(raw, old, new)
            return rewrite_channel(raw, old=old, new=new)

        new_body = _rewrite_sentences(impact, acting, switch, dropped)
        if new_body is None:
            return None, (
                f"No safe rewrite: a sentence of this {noun} says {old_promise.phrase()} in "
                "words the rewrite does not know."
            )
        rationale = (
            f"The agent now says this reaches the customer {new_promise.phrase()} instead of "
            f"{old_promise.phrase()}; this {noun} still says {_quote(said)}"
        )
        if dropped:
            gone = _quoted(sorted(dropped))
            rationale += f" The edit also drops {gone}, which is only true {old_promise.phrase()}."
        return new_body, rationale

    def _edit_new_way(self, impact: Impact, said: str) -> tuple[str | None, str]:
        """A promise now kept a new way, the old naming no channel (`newway`): each sentence
        stating the old way says the new prompt's words in the KB's voice instead."""
        acting = {c.sentence for c in impact.conflicts if OLD_WAY_REASON in c.reasons}
        if not acting:
            return None, "Flagged for review: no sentence states the old way as such."
        first = next(c.sentence for c in impact.conflicts if c.sentence in acting)
        dropped = {
            impact.units[near].text
            for index, unit in enumerate(impact.units)
            if unit.text in acting
            for near in (index - 1, index + 1)
            if 0 <= near < len(impact.units)
            and not impact.units[near].raw.lstrip().startswith("#")
            and impact.units[near].text not in acting
            and denies_new_way(said, impact.units[near].text)
        }
        done: set[str] = set()

        def rewrite(raw: str) -> str:
            text = " ".join(raw.split())
            if done:
                return ""
            done.add(text)
            return said

        new_body = _rewrite_sentences(impact, acting, rewrite, dropped)
        return new_body, (
            f"The agent now says: {_quote(said)}; this {impact.item.kind} still says "
            f"{_quote(first)}"
        )

    def _edit_moved_promise(
        self, facts: ChangeFacts, impact: Impact
    ) -> tuple[str | None, str] | None:
        """The edit of a rule the prompt moved (`_edit_rules`); where the promise's channel
        moved with its value, one that states both (`_edit_two_facets`)."""
        switched = switched_channel(facts.removed_promises, facts.added_promises)
        if switched is not None and time_moves(facts.moves):
            return self._edit_two_facets(facts, impact, switched)
        return self._edit_rules(facts, impact)

    def _edit_two_facets(
        self, facts: ChangeFacts, impact: Impact, switched: tuple[str, str]
    ) -> tuple[str | None, str] | None:
        """A promise whose channel and time frame moved together ("a call back within 4
        hours" → "a reply by email within 1 hour"): each conflicting sentence states both new
        facets (`twofacets.rewrite_promise`), a table row's cell for the case becomes the new
        promise in the table's style (`twofacets.promise_row`), and a sentence right after
        one that is only true of the old channel goes. None when no conflict states either
        old facet; no edit (a writer's) when one cannot be said with both."""
        old, new = switched
        [old_promise] = channel_promises(facts.removed_promises)
        [new_promise] = channel_promises(facts.added_promises)
        moves = time_moves(facts.moves)
        conflicting = {c.sentence for c in impact.conflicts}
        acting = {
            unit.text
            for unit in impact.units
            if unit.text in conflicting
            and (
                names_channel(unit.text, old)
                or any(states_value(move.old, unit.text) for move in moves)
            )
        }
        if not acting:
            return None
        noun = impact.item.kind
        dropped: set[str] = set()
        for index, unit in enumerate(impact.units):
            if unit.text not in acting:
                continue
            for after in impact.units[index + 1 : index + 3]:
                if after.raw.lstrip().startswith(("#", "|")) or after.text in acting:
                    break
                if only_about(after.text, old, new):
                    dropped.add(after.text)
        left = conflicting - acting - dropped
        failed: list[str] = sorted(left)

        def scope(text: str) -> str | None:
            """The category the change holds for, where neither the sentence nor the item's
            title names it (a table's column or row may)."""
            for move in moves:
                found = scope_of(move, text, facts.conditions, facts.new_prompt_sentences)
                if found and not re.search(rf"\b{re.escape(found)}", impact.item.title, re.I):
                    return found
            return None

        def rewrite(text: str) -> str:
            text_units = units(text)
            raws = [unit.raw for unit in text_units]
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text in dropped:
                    changes[index] = ""
                if unit.text not in acting:
                    continue
                where = scope(unit.text) if facts.restricted else None
                if unit.raw.lstrip().startswith("|"):
                    header = table_header(raws, index)
                    rows = other_rows(raws, index)
                    said = promise_row(unit.raw, header, moves, old, new, where, rows)
                elif where:
                    said = None  # said for every customer: a writer says who gets which
                else:
                    said = rewrite_promise(unit.raw, moves, old, new)
                if said is None:
                    failed.append(unit.text)
                else:
                    changes[index] = said
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(impact.item.body, impact.item.body_format, rewrite)
        said = next(c.sentence for c in impact.conflicts if c.sentence in acting)
        rule = moves[0]
        if failed:
            return None, (
                f"No safe rewrite: the promise now reaches the customer {new_promise.phrase()} "
                f"({rule.new}) instead of {old_promise.phrase()} ({rule.old}), and this "
                f"{noun} says it in a way the template cannot restate with both ("
                + "; ".join(_quote(text) for text in failed)
                + "); a writer should restate it."
            )
        rationale = (
            f"The new prompt says {_quote(rule.new_sentence)} (it said "
            f"{_quote(rule.old_sentence)}): the promise now reaches the customer "
            f"{new_promise.phrase()} ({rule.new}) instead of {old_promise.phrase()} "
            f"({rule.old}); this {noun} still says {_quote(said)} The edit says both in the "
            f"{noun}'s own words"
        )
        if dropped:
            gone = _quoted(sorted(dropped))
            rationale += f", drops {gone}, which is only true {old_promise.phrase()},"
        return new_body, rationale + " and keeps everything else."

    def _edit_rules(self, facts: ChangeFacts, impact: Impact) -> tuple[str | None, str] | None:
        """The KB's own sentences that state a rule the prompt moved, rewritten with the new
        value or list and nothing else; None when no conflict of the item is such a sentence."""
        ruled = set(marked_for(impact.conflicts, _RULE_REASONS))
        # what the same rule's condition now asks for is said after (`_with_requirement`)
        said_after = self._condition_requirement_sentences(facts, impact)
        ruled -= said_after
        stating = {c.sentence for c in impact.conflicts} - said_after
        if not ruled or len(ruled) < len(stating):
            return None
        failed: list[str] = []
        applied: list[RuleMove] = []
        split: list[str] = []
        totals: list[str] = []
        doers: list[str] = []
        banded: list[str] = []
        examples = self._worked_examples(facts, impact)
        told = told_amounts(
            [
                *(p.value for p in (*facts.added_promises, *facts.examples) if p.kind == "money"),
                *(excerpt.new for excerpt in facts.excerpts),
            ]
        )

        same_after = {
            c.sentence for c in impact.conflicts if c.reasons[0].startswith(SAME_AFTER_REASON)
        }

        def edit(text: str) -> str:
            text_units = units(text)
            raws = [unit.raw for unit in text_units]
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text not in ruled:
                    continue
                new: str | None = None
                chosen = moves_for(facts.moves, unit.text) or [
                    # a count bare in its cell, its unit in the column's header
                    step
                    for step in facts.moves
                    if header_count_cell(step, table_header(raws, index), unit.raw) is not None
                ]
                move = chosen[0] if chosen else None
                # the band the new line takes in, whose own rule the new prompt drops: gone
                closed = without_closed_band(facts, unit.raw)
                if closed is None and names_closed_band(facts, unit.raw):
                    # the band named where no clause of it can go alone (its markup): a writer's
                    failed.append(unit.text)
                    continue
                if closed is not None and _heading_or_header(raws, index):
                    # a heading or table header naming the band: what is under it goes with
                    # it, or the table breaks; a writer's
                    failed.append(unit.text)
                    continue
                if closed is not None:
                    banded.append(unit.text)
                limited = (
                    narrowed_quantifier(facts.rules, facts.conditions, unit.raw)
                    if not chosen and any(m.categories for m in facts.moves)
                    else None
                )
                if closed == "":
                    move, new = closed_band(facts), ""
                elif unit.text in examples:
                    # worked out from the old value: untrue now, and no probe makes a new one
                    move, new = examples[unit.text], ""
                elif limited is not None:
                    # "any skip" of a rule the new prompt limits to some kinds: those kinds
                    move, new = next(m for m in facts.moves if m.categories), limited[0]
                elif chosen and (alone := self._split_alternatives(facts, chosen, unit.raw)):
                    # "Whether you paid by card or by voucher, …": one sentence per side
                    move, new = chosen[0], alone
                    split.append(unit.text)
                elif chosen:
                    new = closed or unit.raw
                    for step in chosen:
                        if new is not None and step.others:
                            new = rewrite_split(step, new, table_header(raws, index))
                            continue
                        if new is not None and step.category:
                            header = table_header(raws, index)
                            nouns = facts.category_kinds()
                            only = about_category_alone(
                                step,
                                impact.item.title,
                                [each.text for each in impact.units],
                                facts.kept_for_others,
                                nouns,
                            )
                            # "Priority is for … . If anything goes wrong, … four hours …":
                            # a paragraph opened on the category is about it alone
                            only = only or _paragraph_names(text, text_units, index, step.category)
                            new = rewrite_category(step, new, header, nouns, alone=only)
                            if new is not None and split_for_subset(step, new):
                                # the old value kept beside the category's: no longer true
                                # for every case
                                new = without_every_case(new, step)
                            continue
                        scope = scope_of(
                            step, unit.text, facts.conditions, facts.new_prompt_sentences
                        )
                        if scope and _paragraph_names(text, text_units, index, scope):
                            scope = None  # its paragraph is about the category alone
                        if (
                            facts.restricted
                            and not step.narrowed
                            and unworded_flag(step, unit.text, facts.conditions)
                        ):
                            new = None  # the flag's case has no words: a writer says whom
                            break
                        # a column or row of the category already names it: its cell only
                        cell = (
                            rewrite_scoped_cell(step, new, table_header(raws, index), scope)
                            if scope and new is not None
                            else None
                        )
                        if cell is not None:
                            new = cell
                            continue
                        unclaimed = without_every_case(new, step) if step.narrowed and new else new
                        said = rewrite_sentence(step, unclaimed, scope) if unclaimed else None
                        if said is not None and unclaimed != new and split_for_subset(step, said):
                            # the subset's value beside the rest's: the words claiming the
                            # old one for every case go first, so the aside ends the clause
                            new = said
                        else:
                            new = rewrite_sentence(step, new, scope) if new is not None else None
                        doer = new_doer(step.old_sentence, step.new_sentence)
                        if new is not None and not scope and doer is not None:
                            # the promise we made is now someone else's: say who keeps it
                            kept_by = with_new_doer(new, doer, step.new)
                            if kept_by is None:
                                new = None  # the promise is another clause's: a writer's
                                break
                            doers.extend([doer.doer] if kept_by != new else [])
                            new = kept_by
                        if new is not None and step.added:
                            # a total worked from the old share: its price plus the new
                            # amount, where the conversations now state it; else a writer's
                            worked = worked_totals(step.old, step.new, new, told)
                            new = worked[0] if worked is not None else None
                            totals.extend(worked[1] if worked is not None else ())
                        if new is not None and (scope or step.scope) and not step.subject:
                            # the exception beside the old value ends a claim for every kind
                            kinds = case_kinds(facts.conditions, scope or step.scope)
                            new = without_lead_claim(new, kinds)
                else:
                    for candidate in facts.moves:
                        found = benefit_row(candidate, raws)
                        if found is not None and found[0] == index:
                            move, new = candidate, found[1]
                            break
                before = text_units[index - 1].text if index else ""
                if new is None and (whole := split_claim_only(facts.moves, unit.text, before)):
                    # "That goes for everything we sell, whether …" after the old value: the
                    # subset's value said for it, the old one for the rest
                    move, new = whole
                if new is None and unit.text in same_after and index - 1 in changes:
                    # "That's the same for everyone." after the sentence now given the case's
                    # own value: no longer true, and the sentence before says who differs
                    move, new = facts.moves[0], ""
                if new is None and _SAME_CLAIM.search(unit.text):
                    # the sameness the new prompt ends says nothing once the exception is in
                    # the sentence it refers to
                    scoped = [m for m in facts.moves if m.scope and m.scope in str(changes)]
                    if scoped:
                        move, new = scoped[0], ""
                        # a bare "No." it explained ("Is it dearer at the weekend? No.") is
                        # no longer the answer: the values are
                        if index and _BARE_NO.match(text_units[index - 1].text):
                            changes[index - 1] = (
                                f"It's {move.new} {move.scope} and {move.old} otherwise."
                            )
                if new is None or move is None:
                    failed.append(unit.text)
                    continue
                applied.append(move)
                changes[index] = new
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(impact.item.body, impact.item.body_format, edit)
        noun = impact.item.kind
        if failed or not applied:
            return None, (
                "No safe rewrite: this "
                + noun
                + " states the old rule in a way the template cannot rewrite ("
                + "; ".join(_quote(sentence) for sentence in failed or ruled)
                + "); a writer should restate it."
            )
        move = applied[0]
        scoped = scope_of(
            move, impact.conflicts[0].sentence, facts.conditions, facts.new_prompt_sentences
        )
        change = (
            f"adds {move.added_term} where the {noun} lists who gets it"
            if move.kind == "term"
            else f"says {move.new} {move.scope} and {move.old} {move.others}"
            if move.others
            else (
                f"adds {move.new} for {scoped}" if scoped else f"changes {move.old} to {move.new}"
            )
        )
        if move.share:
            change = f"says {move.new} in place of {move.old} of {move.share}"
        if move.share and move.added:
            change = f"says {move.new} in place of the {move.old} added to {move.share}" + (
                f", gives the totals worked from it as {move.share} plus {move.new} ("
                + ", ".join(dict.fromkeys(totals))
                + ", as the changed conversations now state them),"
                if totals
                else ""
            )
        if move.category:
            change = f"says {move.new} {move.scope} and keeps {move.old} for the others"
            texts = [unit.text for unit in impact.units]
            nouns = facts.category_kinds()
            if about_category_alone(move, impact.item.title, texts, facts.kept_for_others, nouns):
                change = (
                    f"says {move.new} in place of {move.old}, as the {noun} is about "
                    f"{move.scope.split(' ', 1)[-1]} alone,"
                )
        glossed = gloss_said(move, [conflict.sentence for conflict in impact.conflicts])
        if glossed:
            change = change.rstrip(",") + f", and {glossed}" + ("," if change[-1:] == "," else "")
        plain = not (scoped or move.scope or move.subject or move.others or move.share)
        beyond = complement_said(move, [c.sentence for c in impact.conflicts]) if plain else None
        if beyond and not move.category:
            # "up to 10" → "up to 8" moved "eleven or more" too: the edit says both
            change = change.rstrip(",") + f", and {beyond}" + ("," if change[-1:] == "," else "")
        if doers:
            change = change.rstrip(",") + f", says {doers[0]} now keeps the promise,"
        if split:
            change = (
                f"splits {_quote(split[0])} into a sentence per case it names ({move.new} for "
                f"the case the change is limited to, {move.old} for the other)"
            )
        dropped = [sentence for sentence in examples if sentence in ruled]
        drops = (
            ", drops the worked example "
            + _quoted(dropped)
            + f" (computed from the old {move.old}, no longer true)"
            if dropped
            else ""
        )
        if banded:
            drops += (
                f", drops what it said of the band from {move.old} to {move.new} ("
                + _quoted(dict.fromkeys(banded))
                + "; the new prompt gives it no rule of its own)"
            )
        rationale = (
            f"The new prompt says {_quote(move.new_sentence)} (it said "
            f"{_quote(move.old_sentence)}); this {noun} still states the old rule in "
            f"{' and '.join(_quote(c.sentence) for c in impact.conflicts)}. "
            f"The edit {change} in the {noun}'s own words{drops} and keeps everything else."
        )
        return new_body, rationale

    def _split_alternatives(
        self, facts: ChangeFacts, chosen: Sequence[RuleMove], raw: str
    ) -> str | None:
        """A sentence naming the case a value moved for and another case as alternatives,
        split into one per case (`percase.split_alternatives`); None when it is no such
        sentence or the change is not limited to a case."""
        if len(chosen) != 1 or not facts.restricted:
            return None
        move = chosen[0]
        if move.kind != "value" or move.subject or move.others or move.share or move.category:
            return None
        cases = changed_case_words(facts)
        others = kept_case_words(facts.moves, facts.kept_rules, frozenset().union(*cases))
        return split_alternatives(move, raw, cases, [{word} for word in sorted(others)])

    def _worked_examples(self, facts: ChangeFacts, impact: Impact) -> dict[str, RuleMove]:
        """The item's sentences that work an example out from a moved value's old value
        (`impact._example_conflicts`), with the move: the edit drops them."""
        found: dict[str, RuleMove] = {}
        for conflict in impact.conflicts:
            if not any(reason.startswith(EXAMPLE_REASON) for reason in conflict.reasons):
                continue
            move = next((m for m in facts.moves if worked_example(m, conflict.sentence)), None)
            if move is not None:
                found[conflict.sentence] = move
        return found

    def _edit_step(self, facts: ChangeFacts, impact: Impact) -> tuple[str | None, str] | None:
        """The sentences that say the old action is done straight away, restated with the
        step the new prompt puts before it; None when the prompt states no such step."""
        terms_ = {stem(word) for a in facts.before_actions for word in a.name.lower().split("_")}
        step = new_step(facts.rules, terms_)
        if step is None:
            return None
        described = [
            c.sentence
            for c in impact.conflicts
            if any(r.startswith("describes `") for r in c.reasons)
            and not names_exception(facts.rules, c.sentence)
        ][:2]
        if not described:
            return None

        def edit(text: str) -> str:
            text_units = units(text)
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text not in described or len(changes) >= len(described):
                    continue
                sentence = step[0] if not changes else step[1]
                if unit.raw.lstrip().startswith("|"):
                    # a table row keeps its key and its table: the step is its value cell
                    cells = cell_text_spans(unit.raw)
                    if len(cells) != 2:
                        continue
                    start, end = cells[1]
                    changes[index] = unit.raw[:start] + sentence.rstrip(".") + unit.raw[end:]
                    continue
                if changes and not _AT_ONCE_CLAIM.search(unit.text):
                    # a second sentence about the action that claims nothing at once or for
                    # every case ("Your membership runs to the end of the month …") stays
                    continue
                if PLACEHOLDER.search(unit.raw):
                    # a sentence the helpdesk fills in keeps its placeholders: the step is
                    # said as done before it, in its own words
                    done = after_done_step(unit.raw, step[1])
                    if done is not None:
                        changes[index] = done
                        continue
                case = _CASE_LEAD.match(" ".join(unit.raw.split()))
                if case is not None and not changes:
                    # "If something reaches you chipped, …, just tell us …": the case stays,
                    # the step is what it now gets
                    changes[index] = f"{case.group(0)}{_lower_first(step[1])}"
                    continue
                lead = self._kept_lead(facts, unit.raw)
                changes[index] = f"{lead} {sentence}" if lead else sentence
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(impact.item.body, impact.item.body_format, edit)
        noun = impact.item.kind
        rationale = (
            f"The new prompt adds a step before {facts.before_actions[0].code()}: "
            f"{_quote(step[0])}; this {noun} says it is done straight away in "
            + _quoted(described)
            + "."
        )
        return new_body, rationale

    def _edit_kept_step(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """The sentences that say an action both prompts take is done at once, with the step
        the new prompt now puts before it said first (`keptstep.with_step`); every other unit
        byte for byte. None when the change has no such step or the item conflicts otherwise."""
        step = kept_step(facts)
        if step is None or not impact.conflicts:
            return None
        marked = f"says `{step.action}` is done at once"
        if not all(
            all(reason.startswith(marked) for reason in conflict.reasons)
            for conflict in impact.conflicts
        ):
            return None
        said = {conflict.sentence for conflict in impact.conflicts}
        new_body = _rewrite_sentences(impact, said, lambda raw: with_step(step, raw))
        if new_body is None:
            return None
        noun = impact.item.kind
        rationale = (
            f"The new prompt puts a step before `{step.action}` ({_quote(step.rule)}); this "
            f"{noun} says it is done at once in "
            + _quoted(sorted(said))
            + ". The edit says the step first and keeps the rest of the item as it was."
        )
        return new_body, rationale

    def _edit_case_step(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """The new handling of the one case of the condition that lost the old action, in
        an item about that case (`impact._case_step_conflicts`): the new prompt's sentence
        for the tool its conversations now call, said as what "we" do (`casestep.step_phrase`)
        once, where the item said the old action was or will be taken; a sentence that also
        names other cases loses the case and a sentence of its own says it; sentences that
        only state what the old action led to go. A macro says "we'll" do it, never that it
        is done. None when the prompt states no such step, or a conflict is of another kind
        or cannot be said this way."""
        cases = changed_cases(facts)
        step = case_step(facts)
        acted = [action for action in facts.before_actions if not action.is_escalation]
        if not cases or not facts.restricted or step is None or not acted:
            return None
        rule, phrase = step
        item = impact.item
        if not names_case(cases, item.title + "\n" + "\n".join(u.text for u in impact.units)):
            return None
        old = acted[0]
        voice = "we" if item.kind == "article" else "we'll"
        acting: list[str] = []
        dropped: set[str] = set()
        for conflict in impact.conflicts:
            reasons = conflict.reasons
            if any(r.startswith(("describes `", "promises `")) for r in reasons):
                acting.append(conflict.sentence)
            elif all(r.endswith("which the new agent no longer states") for r in reasons):
                if PLACEHOLDER.search(conflict.sentence):
                    return None
                dropped.add(conflict.sentence)
            else:
                return None
        if not acting:
            return None
        if any(split_case_off(sentence, cases) for sentence in acting):
            # what the item says beside a sentence it splits is the other cases' too
            dropped = {sentence for sentence in dropped if names_case(cases, sentence)}
        # the statement goes where the placeholders a rewrite must keep are
        host = next((s for s in acting if PLACEHOLDER.search(s)), acting[0])
        failed = False

        def rewrite(raw: str, flat: str) -> str:
            nonlocal failed
            labelled = labelled_item(raw)
            if flat != host:
                lead = kept_lead(flat, old.name)
                if PLACEHOLDER.search(flat) or labelled is not None:
                    failed = True
                    return raw
                return f"{lead}." if lead else ""
            if labelled is not None:
                prefix, rest = labelled
                said = f"{voice} {phrase}."
                return prefix + (said if rest[:1].islower() else _cap(said))
            held = reference(flat)
            if PLACEHOLDER.search(flat):
                if held is None:
                    failed = True
                    return raw
                return f"{_cap(held)}, {voice} {phrase}."
            lead = kept_lead(flat, old.name)
            if lead:
                return f"{lead} and {voice} {phrase}."
            return f"{_cap(voice)} {phrase}."

        def edit(text: str) -> str:
            text_units = units(text)
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text in acting:
                    split = split_case_off(unit.raw, cases)
                    if split is not None:
                        kept, case = split
                        changes[index] = f"{kept} {case_sentence(case, phrase)}"
                    else:
                        changes[index] = rewrite(unit.raw, unit.text)
                elif unit.text in dropped:
                    changes[index] = ""
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(item.body, item.body_format, edit)
        if failed or new_body == item.body:
            return None
        noun = item.kind
        rationale = (
            f"The new prompt replaces {old.code()} for {facts.who() or facts.when()} with a "
            f"step of its own ({_quote(rule)}); this {noun} still says "
            + _quoted([*acting, *sorted(dropped)])
            + f" The edit says the new step once in the {noun}'s own words, drops what the old "
            "action led to, and keeps what other customers still get."
        )
        return new_body, rationale

    def _edit_new_rule(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """The new prompt rule behind the change, restated in the item's voice (`kb_rule`),
        written where the item says otherwise: sentences restating the changed prompt
        sentence's old numbers or claiming the old handling for every case of the rule's topic
        ("Any prescription with refills left can be refilled in chat"), else the first sentence
        describing the action the agent no longer takes; rows of a list or table for the
        customers the rule names gain its statement.

        The first such sentence of an article keeps what it says for everyone else and gains
        the rule as its exception; a macro (sent to the customers the change reaches) and an
        item of a change that reaches everyone say the new rule instead. Later sentences are
        restricted to everyone else ("Except for business and Flex fares, …"). None when the
        rule cannot be said without the prompt's internals or the item has no such sentence."""
        rule_text, _ = self._rule(facts)
        called = {action.name for action in facts.after_actions}
        dropped = [a.name for a in facts.before_actions if a.name not in called]
        found = subset_rule(facts.rules, dropped, condition_categories(facts.condition))
        if rule_text is None and found is not None:
            rule_text = found[0].new
        # a refusal added for a kind the prompt names as the exception (`refusedkind`): said
        # in the KB's voice, without the prompt's field values or instructions to the agent
        refused = refusal_of(facts)
        restated = kb_rule(rule_text) if rule_text and refused is None else None
        if refused is not None:
            rule_text = refused.quoted
            restated = KBRule(refused.head, True, refused.sentence, refused.sentence)
        if restated is None and (joined := continued_rule(facts.rules, rule_text)):
            rule_text, restated = joined[0], kb_rule(joined[1])
        if (
            rule_text is None
            or restated is None
            or agreement_problem(restated.sentence)
            or _POINTS_BEFORE.match(rule_text)
        ):
            # a rule cut into a stranded clause ("we cooked and suggest …") is no sentence;
            # nor is one that leans on the sentence before it ("Once it has, book it …")
            return None
        item = impact.item
        item_units = units(plain_text(item.body, item.body_format))
        excepted = set(marked_for(impact.conflicts, _EXCEPTION_REASONS))
        described = [
            c.sentence
            for c in impact.conflicts
            if any(r.startswith(("describes `", HANDOFF_REASON)) for r in c.reasons)
        ]
        targets = excepted or set(described[:1])
        if not targets:
            return None
        handed = set(marked_for(impact.conflicts, HANDOFF_REASON))
        # the same case as the old rule ("If a customer wants to cancel, hand them to …" →
        # "…, cancel it for them"): the new rule replaces the old one, it excepts no one
        replaced = same_case_rule(facts.rules, rule_text)
        # a hand-off on the topic of a change for everyone on it ("To join, email the team" →
        # "add them yourself"): no one asking about it keeps the old way, so none is excepted
        replaced = replaced or (facts.whole_topic and targets <= handed)
        universal = set(marked_for(impact.conflicts, "says it holds in every case"))
        # a macro claiming the old rule for everyone in words that can go ("with no
        # exceptions") is still the reply for all but those the rule excepts: it gains the
        # exception, as an article does, and keeps the rest
        exception = (
            (
                item.kind == "article"
                or (
                    bool(excepted)
                    and excepted <= universal
                    and all(without_universal(text) != text for text in excepted)
                )
            )
            and facts.restricted
            and not replaced
        )
        old_words = [
            word
            for action in facts.before_actions
            if action.name not in called
            for word in action_words(action.name)
        ]
        if replaced and not excepted:
            # every row or labelled item keyed by the case that promises the old action says
            # the new one, not the first described sentence alone
            targets |= {
                said
                for said in described[1:]
                if swapped_cell(said, restated.head, restated.statement, old_words, None)
            }
        told = told_with(facts.rules, rule_text) if replaced else []
        # the old action kept as the fallback when the new one can't be done ("Only if the
        # same model is out of stock, refund …"): said after the new rule, in the KB's voice
        fallback = fallback_sentence(facts, rule_text) if replaced else None
        if fallback is not None and fallback not in told:
            told.append(fallback)
        head = lower_head(restated.head)
        # the same hand-off on the rule's topic said again further on (`topichandoff`): each
        # says the new rule too; other topics handed to the same team stay
        again = (
            topic_handoffs(
                restated.head,
                [c.sentence for c in impact.conflicts if c.sentence in handed],
                described[0] if described else None,
                kept_handoff_heads(
                    facts.prompt_sections,
                    [action.name for action in facts.before_actions],
                    [rule.new for rule in facts.rules if rule.new],
                ),
            )
            if replaced and not exception and refused is None and not excepted
            else set()
        )
        # a macro that now says the new rule no longer promises what the old replies did
        # ("ready for pickup within 24 hours"); a sentence with a placeholder stays
        stale = {
            c.sentence
            for c in impact.conflicts
            if not exception
            and not PLACEHOLDER.search(c.sentence)
            and all(r.endswith("which the new agent no longer states") for r in c.reasons)
        }
        # "Nobody needs to sign anything": what the new rule now asks of the case, denied
        stale |= {
            c.sentence
            for c in impact.conflicts
            if not exception and DENIED_STEP_REASON in c.reasons and c.sentence not in targets
        }

        excepting: list[bool] = []
        # the changed sentence's old text: a row's cell saying only it gives way to the new rule
        old_rule = next((rule.old for rule in facts.rules if rule.new == rule_text), None)
        # a rule split in two: a labelled item's old value is kept for the other side, after
        # the new side (`labelledbranch`)
        kept_rule = kept_branch(facts.rules, rule_text) if exception else None
        branched: list[str] = []
        # the old rule kept for the others under a head of the new prompt ("For every other
        # fault, …"): a sentence stating it stays for them, under that head, after the new rule
        rest_head = (
            others_head(facts.rules, rule_text)
            if facts.restricted and not exception and refused is None
            else None
        )
        rested: list[str] = []

        def edit(text: str) -> str:
            text_units = units(text)
            changes: dict[int, str] = {}
            if refused is not None and (exception or item.kind == "macro"):
                # every conflicting claim for every kind takes the kind out, not the first; a
                # macro (the reply for those who still get the old handling) says no more
                claims = {c.sentence for c in impact.conflicts} | targets
                excepted = _except_refused(
                    text, text_units, claims, refused, say=item.kind != "macro"
                )
                if excepted != text or exception:
                    excepting.append(True)
                    return excepted
            # a sentence whose last clause says everyone gets the same: the clause goes, the
            # rule follows what is left (`everykind`)
            clipped: set[int] = set()
            written: list[Unit] = []
            for index, unit in enumerate(text_units):
                if unit.text in again and unit.text not in targets and written:
                    row = restated_row(unit.raw, restated.statement)
                    if row is not None:
                        changes[index] = row
                    elif same_paragraph(text, written[-1], unit):
                        changes[index] = ""
                    else:
                        changes[index] = _cap(restated.sentence)
                        written.append(unit)
                    continue
                if unit.text in stale and unit.text not in targets and changes:
                    changes[index] = ""
                    continue
                if unit.text not in targets:
                    continue
                kept = (
                    without_every_clause(unit.raw) if exception and unit.text in universal else None
                )
                row = excepting_row(unit.raw, restated.head)
                split = (
                    branch_item(unit.raw, rule_text, kept_rule.new or "", called)
                    if kept_rule is not None and unit.text not in universal
                    else None
                )
                if split is not None:
                    # its label is no key of those the rule names: the rule says what it labels
                    changes[index] = split
                    branched.append(unit.text)
                    written.append(unit)
                elif row is not None:
                    # the cell claiming every kind names the refused one as its exception
                    changes[index] = row
                    clipped.add(index)
                elif keyed_row(restated.head, unit.raw):
                    changes[index] = add_to_row(
                        unit.raw,
                        restated.statement,
                        old_rule,
                        [rule.old for rule in facts.rules if rule.old and rule.old != old_rule],
                    )
                elif (
                    exception
                    and unit.text in universal
                    and (every := excepted_every_row(unit.raw, restated.sentence)) is not None
                ):
                    # a cell claiming every case names the rule as its exception
                    changes[index] = every
                    clipped.add(index)
                elif replaced and (
                    cell := swapped_cell(
                        unit.raw,
                        restated.head,
                        restated.statement,
                        old_words,
                        fallback_clause(facts, rule_text),
                    )
                ):
                    # a row keyed by the case, its cell promising the old action: the cell
                    # says the new one (and the fallback keeping the old one)
                    changes[index] = cell
                elif unit.raw.lstrip().startswith("|"):
                    # a row takes no sentence after it or before it: the table would end there
                    continue
                elif kept is not None:
                    changes[index] = f"{kept} {_cap(restated.sentence)}"
                    clipped.add(index)
                elif not any(
                    not keyed_row(restated.head, text_units[i].raw)
                    for i in changes
                    if i not in clipped
                ):
                    if not exception and _holds_other_values(unit.raw, facts.rules):
                        # the sentence says more than the rule (a time, a count, a price no
                        # prompt rule states): replacing it would lose those facts
                        continue
                    body = unit.raw.rstrip()
                    if exception and unit.text in universal:
                        # "applies to all patients, with one exception" contradicts itself
                        body = without_named_inclusion(without_universal(body), head)
                    end = len(body.rstrip(".!"))
                    if rest_head is not None and _LEADING_CLAUSE.match(unit.text):
                        # "If you've paid, we've renewed …" under "For every other request, "
                        # would say two leads at once: left for the team (flagged)
                        continue
                    # said for everyone else: no claim for every case, no list naming it
                    others_said = without_case_listed(without_universal(unit.raw.strip()), head)
                    kept_by_others = (
                        [f"{rest_head}, {_lower_first(others_said)}"]
                        if rest_head is not None and not ITEM_LEAD.match(unit.raw)
                        else []
                    )
                    if kept_by_others:
                        rested.append(unit.text)
                    changes[index] = (
                        f"{body[:end]}, with one exception: {_lower_first(restated.sentence)}"
                        if exception
                        else " ".join(
                            [
                                _with_references(restated.sentence, unit.raw),
                                *told,
                                *kept_by_others,
                            ]
                        )
                    )
                    written.append(unit)
                    # "They'll cancel it and confirm by email." after a hand-off: what the
                    # team handed to did, gone with the hand-off the new rule replaced
                    after = index + 1
                    if (
                        replaced
                        and unit.text in handed
                        and after < len(text_units)
                        and _THEY.match(text_units[after].text)
                    ):
                        changes[after] = ""
                elif facts.restricted and not restated.head_is_clause:
                    changes[index] = f"Except for {head}, {_lower_first(unit.raw)}"
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(item.body, item.body_format, edit)
        if new_body == item.body:
            return None
        if _still_stated(facts, impact, targets, new_body):
            # the rule said beside a sentence on the case still stating what the new agent no
            # longer states ("for a cholesterol test, you'll need to fast for 12 hours"): half
            # an edit
            return None
        rows = all(keyed_row(restated.head, t) for t in targets)
        dropped = [text for text in stale if text not in units_text(new_body, item.body_format)]
        how = (
            f"takes {refused.head} out of each claim for every kind"
            + (
                " and says why and what instead"
                if exception and refused.sentence in new_body
                else ""
            )
            if refused is not None and excepting
            else "says the new rule first, with the old one kept for everyone else,"
            if branched
            else "adds the new rule to the rows of those it names"
            if rows
            else "adds the new rule as its exception"
            if exception
            else f"states the new rule, keeps the old one {_lower_first(rest_head)} after it,"
            if rested and rest_head is not None
            else "states the new rule"
        )
        order = [unit.text for unit in item_units]
        said = _quoted(text for text in order if text in targets or text in again)
        rationale = (
            f"The new prompt says {_quote(rule_text)}; this {item.kind} still says "
            f"{said} The edit {how} in the {item.kind}'s own words"
            + (
                ", drops " + _quoted(dropped) + ", which the new agent no longer promises,"
                if dropped
                else ""
            )
            + (
                ", says what the new prompt has us tell the customer ("
                + " ".join(_quote(statement) for statement in told)
                + "),"
                if told
                else ""
            )
            + " and keeps everything else."
        )
        if (
            facts.restricted
            and item.kind == "macro"
            and not excepting
            and not exception
            and not rested
        ):
            rationale += (
                f" Use this version for {facts.when()}; keep the current text for other "
                "customers, who get the same handling as before."
            )
        return new_body, rationale

    def _edit_removed_tool(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A tool the new version no longer declares, and nothing that does its work instead:
        the first sentence describing the action says, in the config's own words for the tool,
        that we can no longer do it ("We can no longer book your table at the counter."); later
        sentences that only state what the action led to (its fee, its time) go. None when the
        config does not say what the tool did, or another action replaces it."""
        if facts.after_actions:
            return None
        gone = {action.name for action in facts.before_actions}
        described = [
            rule.tool
            for rule in facts.rules
            if rule.kind == "tool_removed"
            and rule.tool
            and any(name in rule.summary.split() for name in gone)
        ]
        if not described:
            return None
        doing = " ".join(described[0].split()).rstrip(".!")
        doing = re.sub(r"\b(?:a|an|the)\s+\w+'s\b", "your", doing[:1].lower() + doing[1:])
        if "`" in doing or "{" in doing:
            return None
        statement = f"We can no longer {doing}."
        # what the new prompt has the agent say or do instead, when it says
        instead = next(
            (
                said
                for rule in facts.rules
                if rule.kind == "tool_alternative"
                and rule.new
                and (said := alternative_statement(rule.new))
            ),
            None,
        )
        if instead:
            statement += " " + instead
        acting, stated = _action_sentences(impact)
        if not acting:
            return None
        state = {"done": False}

        def edit(text: str) -> str:
            text_units = units(text)
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text in acting and not state["done"]:
                    state["done"] = True
                    changes[index] = statement
                    # a bare "Yes." before it answered with the action that is gone
                    if index and _BARE_YES.match(text_units[index - 1].text):
                        changes[index - 1] = ""
                elif unit.text in acting or unit.text in stated:
                    changes[index] = ""
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(impact.item.body, impact.item.body_format, edit)
        if new_body == impact.item.body:
            return None
        rationale = (
            f"The new version no longer declares the tool that did this ({_quote(described[0])}), "
            f"and nothing does it instead; this {impact.item.kind} still says "
            + _quoted(sorted(acting | stated))
            + (
                f" The edit says we can no longer do it and what the new prompt has us say "
                f"instead ({_quote(instead)}), drops what it led to, and keeps everything else."
                if instead
                else " The edit says we can no longer do it, drops what it led to, and keeps "
                "everything else; say what customers can do instead if the new replies offer it."
            )
        )
        return new_body, rationale

    def _edit_swapped_tool(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A tool the new version declares in place of one it no longer does (the prompt
        unchanged): the sentences describing the old action say the new one, from the two
        tools' descriptions in the config (`swapped_action`); sentences that only state what
        the old action led to go. None when the config does not describe both tools, or a
        sentence describing the old action cannot be said that way."""
        gone = {action.name for action in facts.before_actions}
        came = {action.name for action in facts.after_actions}
        old_tools = [
            rule.tool
            for rule in facts.rules
            if rule.kind == "tool_removed" and rule.tool and gone & set(rule.summary.split())
        ]
        new_tools = [
            rule.tool
            for rule in facts.rules
            if rule.kind == "tool_added" and rule.tool and came & set(rule.summary.split())
        ]
        if len(old_tools) != 1 or len(new_tools) != 1:
            return None
        acting, stated = _action_sentences(impact)
        if not acting:
            return None
        new_body = _rewrite_sentences(
            impact,
            acting,
            lambda raw: swapped_action(raw, old_tools[0], new_tools[0]),
            dropped=stated,
        )
        if new_body is None:
            return None
        noun = impact.item.kind
        rationale = (
            f"The new version declares a tool that does this instead ({_quote(new_tools[0])}) of "
            f"the one it no longer declares ({_quote(old_tools[0])}); this {noun} still says "
            + _quoted(sorted(acting | stated))
            + f" The edit says what the new tool does in the {noun}'s own words, drops what the "
            "old one led to, and keeps everything else."
        )
        return new_body, rationale

    def _edit_replaced_tool(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A tool that replaces another for everyone the changed prompt sentences are about,
        no hand-off (`replacing_tool`): each conflicting sentence where we take the old action
        says the new one in its place, in its own voice and lead, keeping its own word for
        what the action takes (a placeholder, "your child"), then what the customer is now
        told (`acted_sentence`). None when a conflicting sentence cannot be said that way."""
        case = replacing_tool(facts)
        if case is None or not impact.conflicts:
            return None
        acting = {c.sentence for c in impact.conflicts}
        new_body = _rewrite_sentences(impact, acting, lambda raw: acted_sentence(raw, case))
        if new_body is None:
            return None
        noun = impact.item.kind
        rationale = (
            f"The new prompt replaces {_quote(case.old)} with {_quote(case.new)} for everyone "
            f"it is about ({_quote(case.rule)}); this {noun} still says "
            + _quoted(sorted(acting))
            + f" The edit says the new action in the {noun}'s own words, with what the "
            "customer is now told, and keeps everything else."
        )
        return new_body, rationale

    def _edit_tool_fallback(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A tool the new version declares that does what the prompt said to do without one
        ("If none does, ask the customer to call our engineers …"), the prompt unchanged: the
        sentences saying that handling say what the tool does, from its description in the
        config (`done_with_tool`). None when no conflict says that handling, or one cannot be
        said that way."""
        acting = set(marked_for(impact.conflicts, FALLBACK_REASON))
        if len(facts.tool_fallbacks) != 1 or not acting:
            return None
        description, fallback = facts.tool_fallbacks[0]
        action = fallback_action(fallback)
        if action is None:
            return None
        new_body = _rewrite_sentences(
            impact, acting, lambda raw: done_with_tool(raw, action, description)
        )
        if new_body is None:
            return None
        noun = impact.item.kind
        rationale = (
            f"The new version declares a tool that does this ({_quote(description)}); the "
            f"prompt said what to do without one ({_quote(fallback)}), and this {noun} still "
            "says " + _quoted(sorted(acting)) + f" The edit says "
            f"what the tool does in place of that, in the {noun}'s words, and keeps everything "
            "else."
        )
        return new_body, rationale

    def _edit_handoff(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A hand-off to a person the new version makes instead of the old handling: a KB
        sentence that is all old handling (we do the old action, and what it promised) says
        the hand-off as the new tool's description does (`handed_over`). None when the new
        action is no hand-off the config describes, or no conflicting sentence is all old
        handling."""
        handoffs = [action.name for action in facts.after_actions if action.is_escalation]
        described = [
            rule.tool
            for rule in facts.rules
            if rule.kind == "tool_added" and rule.tool and set(handoffs) & set(rule.summary.split())
        ]
        if len(described) != 1 or not facts.before_actions:
            return None
        verbs = {action.name.split("_")[0].lower() for action in facts.before_actions}
        dropped = [value_pattern(promise.value) for promise in facts.removed_promises]
        said: dict[str, str] = {}
        for conflict in impact.conflicts:
            found = handed_over(conflict.sentence, verbs, dropped, described[0])
            if found is not None:
                said[conflict.sentence] = found

        def edit(text: str) -> str:
            text_units = units(text)
            changes = {
                index: handed_over(unit.raw, verbs, dropped, described[0]) or unit.raw
                for index, unit in enumerate(text_units)
                if unit.text in said
            }
            return replace_units(text, changes, text_units) if changes else text

        if not said:
            return None
        new_body = edit_body(impact.item.body, impact.item.body_format, edit)
        if new_body == impact.item.body:
            return None
        noun = impact.item.kind
        rationale = (
            f"The agent now hands the conversation to a person ({facts.after_actions[0].code()}: "
            f"{_quote(described[0])}) instead of the old handling; this {noun} still says "
            + _quoted(said)
            + f" The edit says the hand-off in the {noun}'s own words and keeps everything else."
        )
        return new_body, rationale

    def _edit_case_handoff(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A hand-off the new version stops for one case of its condition and keeps for the
        others, in an item that names the case beside them (`CASE_HANDOFF_REASON`): the case
        leaves the sentence or list that hands it over, and a sentence of its own says what
        the agent does for it now, in the words of the new prompt's rule for the tool it
        calls instead ("For corked bottles, we send a replacement instead."). What the
        hand-off promised, said of that case alone (`CASE_PROMISE_REASON`), says what we now
        do and tell the customer in its place (`handling_sentence`). None when no rule says
        what the tool does, or a sentence cannot be split."""
        marked = {c.sentence for c in impact.conflicts if CASE_HANDOFF_REASON in c.reasons}
        if not marked:
            return None
        ruled = next(
            (
                (rule.new, found)
                for action in facts.after_actions
                for rule in facts.rules
                if rule.new and (found := tool_phrase(rule.new, action.name))
            ),
            None,
        )
        if ruled is None:
            return None
        rule_text, phrase = ruled
        cases = changed_cases(facts)
        taken: list[str] = []
        # the hand-off's promise said of the case alone ("They'll call you within 2 hours."):
        # the first says what we now do instead, the others go
        promised = {c.sentence for c in impact.conflicts if CASE_PROMISE_REASON in c.reasons}

        def edit(text: str) -> str:
            split = split_cases_off(text, marked, cases, phrase)
            if split is None:
                return text
            taken.extend(split[1])
            text_units = units(split[0])
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text in promised and unit.text not in marked:
                    lead = unit.raw[: len(unit.raw) - len(unit.raw.lstrip())]
                    item = list_item(unit.raw.lstrip())
                    marker = item.group("marker") if item else ""
                    said = "" if changes else handling_sentence(rule_text, phrase)
                    changes[index] = f"{lead}{marker}{said}" if said else ""
            return replace_units(split[0], changes, text_units) if changes else split[0]

        new_body = edit_body(impact.item.body, impact.item.body_format, edit)
        if new_body == impact.item.body or not taken:
            return None
        noun = impact.item.kind
        named = _quoted(dict.fromkeys(taken))
        rationale = (
            f"The agent no longer hands {named} over: for {facts.when()} it now does what the "
            f"new prompt says ({phrase}); the others are handed over as before. This {noun} "
            f"names {named} among what is handed over; the edit takes it out, keeps the rest "
            f"as it is, and says the new handling for it in the {noun}'s own words."
        )
        gone = [unit.text for unit in impact.units if unit.text in promised]
        if gone:
            rationale += (
                " It also said what the hand-off led to for that case alone ("
                + " ".join(_quote(text) for text in gone)
                + "): that goes with the hand-off, and the edit says what the new prompt "
                "has us do and tell the customer instead."
            )
        return new_body, rationale

    def _edit_arg_case(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """An argument set otherwise for the one case a true/false flag names (`arg_case`):
        each sentence stating the old handling for everyone gains the case as its exception,
        with what it now gets in the new prompt's words ("We only seat guests in the
        standard rows, except when the customer is a member: then we seat them in the front
        row."); the rest is kept byte for byte. None when the item has no such sentence."""
        case = arg_case(facts)
        if case is None:
            return None
        stating = {c.sentence for c in impact.conflicts if ARG_CASE_REASON in c.reasons}
        if not stating:
            return None
        new_body = _rewrite_sentences(impact, stating, lambda raw: with_arg_exception(raw, case))
        if new_body is None:
            return None
        noun = impact.item.kind
        order = [unit.text for unit in impact.units if unit.text in stating]
        rationale = (
            f"The new prompt says {_quote(case.rule)}; for {facts.when()} the agent now does "
            f"this instead of the old handling, and everyone else gets the same as before. This "
            f"{noun} still says "
            + _quoted(order)
            + f" for everyone. The edit gives each the case as its exception, in the {noun}'s "
            "own words, and keeps everything else."
        )
        return new_body, rationale

    def _edit_flag_case(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """An action swapped for the one case a true/false flag names (`flag_case`): the
        table row for the case says what we now do, in the words of the new prompt sentence
        ("| Bad weather | We refund the full fare |"), and a sentence saying the new action
        never happens gains the case as its exception ("We don't give cash refunds for
        cancelled sailings, except when we cancel a sailing because of the weather: then we
        refund the full fare."); the other rows and sentences are kept byte for byte. None
        when the item has neither."""
        case = flag_case(facts)
        if case is None:
            return None
        rows = {c.sentence for c in impact.conflicts if FLAG_ROW_REASON in c.reasons}
        denials = {c.sentence for c in impact.conflicts if FLAG_DENIAL_REASON in c.reasons}
        if not rows and not denials:
            return None

        new_body = _rewrite_sentences(
            impact,
            rows | denials,
            # a row is a Markdown table's line; a denial is a sentence
            lambda raw: (
                case_row(raw, case)
                if raw.lstrip().startswith("|")
                else with_case_exception(raw, case)
            ),
        )
        if new_body is None:
            return None
        noun = impact.item.kind
        order = [unit.text for unit in impact.units if unit.text in rows | denials]
        rationale = (
            f"The new prompt says {_quote(case.rule)}; for {facts.when()} the agent now does "
            f"this instead of the old handling, and everyone else gets the same as before. This "
            f"{noun} still says "
            + _quoted(order)
            + " The edit "
            + (
                "says the new handling in the row for that case"
                if rows
                else "gives what it says the case as its exception"
            )
            + (
                ", adds the case as the exception to what it says never happens"
                if rows and denials
                else ""
            )
            + f", in the {noun}'s own words, and keeps everything else."
        )
        return new_body, rationale

    def _edit_category_way(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A new way for one category where the item says the old way holds for every
        category (`categoryway.category_way`): each such sentence is said for the other
        categories and, the new way, for that one, or gains the category's case as its
        exception, in the item's own words (`with_category_way`); for a promise withheld from
        the category, its item of a list with an item per category says what it gets now
        (`with_category_item`). The rest is kept byte for byte, the other categories' items
        included. None when another conflict of the item is of another kind, or a sentence
        cannot be said this way."""
        way = category_way(facts)
        if way is None or not impact.conflicts:
            return None
        ours = (CATEGORY_WAY_REASON, CATEGORY_ITEM_REASON)
        # what a sentence is said under: the item's title and the heading above it
        context: dict[str, str] = {}
        heading = ""
        for unit in impact.units:
            if unit.raw.lstrip().startswith("#"):
                heading = unit.text
            context.setdefault(unit.text, f"{impact.item.title}\n{heading}")

        def others_still(c: Conflict) -> bool:
            # an old value or the old action said with no case ("We've refunded it to the
            # card you paid with, … within 5 working days"), under no title or heading naming
            # the category: still so for every other case
            said = f"{c.sentence}\n{context.get(c.sentence, impact.item.title)}"
            if way.named.search(said) or set(ours) & set(c.reasons):
                return False
            if all(r.endswith("which the new agent no longer states") for r in c.reasons):
                return True  # a value the old replies stated ("allow up to 5 working days")
            # what was done for this customer ("We've refunded it to your card"): a macro's
            # report, not a rule said for every case
            return _DONE_REPORT.search(c.sentence) is not None and all(
                r.startswith(("states ", "describes `")) for r in c.reasons
            )

        conflicts = [c for c in impact.conflicts if not others_still(c)]
        if not conflicts or any(not set(ours) & set(c.reasons) for c in conflicts):
            return None
        stating = {c.sentence for c in conflicts}
        known = "\n".join(unit.text for unit in impact.units)

        def rewrite(raw: str) -> str | None:
            if category_item(way, raw):
                return with_category_item(way, raw, known)
            if category_row(way, raw):
                return with_category_row(way, raw)
            return with_category_way(way, raw, context.get(" ".join(raw.split()), ""), known)

        new_body = _rewrite_sentences(impact, stating, rewrite)
        if new_body is None:
            return None
        noun = impact.item.kind
        order = [unit.text for unit in impact.units if unit.text in stating]
        if way.withheld:
            return new_body, (
                f"The new prompt says {_quote(way.rule)}: {way.case}, the agent may no longer "
                f"{way.withheld}, and offers instead {_quote(way.statement)}; every other case "
                f"keeps the old handling. This {noun} still says "
                + _quoted(order)
                + f" The edit keeps the old handling for the others and says what that case "
                f"gets now, in the {noun}'s own words, and keeps everything else (the other "
                "categories' list items byte for byte)."
            )
        if way.promises:
            return new_body, (
                f"The new prompt says {_quote(way.rule)}: {way.case}, the agent no longer "
                f"promises {_listed(list(way.promises))}, and tells the customer "
                f"{_quote(way.statement)} instead; every other case keeps the promise. This "
                f"{noun} still says "
                + _quoted(order)
                + " The edit keeps the promise for the others and says what that case gets "
                f"now, in the {noun}'s own words, and keeps everything else (the other "
                "categories' list items byte for byte)."
            )
        rationale = (
            f"The new prompt says {_quote(way.rule)}; {way.case}, the agent now does this "
            "instead of the old handling, and every other case gets the same as before. This "
            f"{noun} still says "
            + _quoted(order)
            + " for every case. The edit says the old way for the others and the new way for "
            f"that case, in the {noun}'s own words, and keeps everything else."
        )
        return new_body, rationale

    def _edit_inserted_bound(
        self, facts: ChangeFacts, impact: Impact
    ) -> tuple[str | None, str] | None:
        """A bound the new prompt put in front of the moment a rule counts from
        (`insertedbound`): each sentence giving the rule from that moment with no bound says
        the bound there, a claim that the least amount counts says the bound instead
        (`with_bound`), the rest byte for byte. Flagged (None as the text) when one cannot be
        said so; None when the item has no such sentence, or a conflict of another kind."""
        bound = inserted_bound(facts)
        if bound is None:
            return None
        marked = {
            c.sentence
            for c in impact.conflicts
            if any(r.startswith(INSERTED_BOUND_REASON) for r in c.reasons)
        }
        if not marked or len(marked) != len(impact.conflicts):
            return None
        noun = impact.item.kind
        new_body = _rewrite_sentences(impact, marked, lambda raw: with_bound(bound, raw))
        if new_body is None:
            return None, (
                f"Flagged for review: the new prompt says {_quote(str(bound.rule.new))}, and "
                f"this {noun} gives the rule with no bound in {_quoted(sorted(marked))} in a "
                f"form the edit cannot bound: say “{bound.bound} {bound.link} …” there."
            )
        order = [unit.text for unit in impact.units if unit.text in marked]
        return new_body, (
            f"The new prompt says {_quote(str(bound.rule.new))}: the rule now starts "
            f"{bound.bound} {bound.link} the {bound.noun}. This {noun} still says "
            + _quoted(order)
            + f" The edit says “{bound.bound}” there and keeps everything else."
        )

    def _edit_counted_way(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A new way for a category over a count (`countedway.counted_way`) where the item
        claims the old way whatever the size or kind: each claim goes and its sentence gains
        the case as its exception (`with_counted_way`), a denial of the new way for every case
        keeps it for the others (`with_denial_kept`), and a sentence only describing the old
        way stays (still so for every other case). None when no sentence claims every case, a
        conflict is of another kind, or a sentence cannot be said this way."""
        way = counted_way(facts)
        if way is None or not impact.conflicts:
            return None
        denying = {c.sentence for c in impact.conflicts if COUNTED_DENIAL_REASON in c.reasons}
        claiming = {
            c.sentence for c in impact.conflicts if COUNTED_WAY_REASON in c.reasons
        } - denying
        if not claiming:
            return None
        olds = tuple(f"describes `{action.name}`" for action in facts.before_actions)
        for c in impact.conflicts:
            if c.sentence in claiming or c.sentence in denying or COUNTED_ROW_REASON in c.reasons:
                continue
            if not all(r.startswith(olds) or r == CATEGORY_WAY_REASON for r in c.reasons):
                return None
        rows = {c.sentence for c in impact.conflicts if COUNTED_ROW_REASON in c.reasons}
        claiming -= rows
        known = "\n".join(unit.text for unit in impact.units)
        row_at = {unit.raw: index for index, unit in enumerate(impact.units) if unit.text in rows}
        # a bare "No." answering whether it can be done otherwise, before a claim: it goes
        answers = {
            unit.text
            for unit, after in zip(impact.units, impact.units[1:], strict=False)
            if unit.text in ("No.", "No!") and after.text in claiming
        }

        def rewrite(raw: str) -> str | None:
            if raw in row_at:
                return with_counted_row(facts, way, impact.units, row_at[raw], known)
            if " ".join(raw.split()) in denying:
                return with_denial_kept(raw)
            return with_counted_way(way, raw, known)

        new_body = _rewrite_sentences(impact, claiming | denying | rows, rewrite, answers)
        if new_body is None:
            return None
        noun = impact.item.kind
        order = [unit.text for unit in impact.units if unit.text in claiming | denying | rows]
        return new_body, (
            f"The new prompt says {_quote(way.rule)}; {way.case}, the agent now does this "
            "instead of the old handling, and every other case gets the same as before. This "
            f"{noun} still says "
            + _quoted(order)
            + " for every size and kind of customer. The edit keeps the old way for the others "
            f"and gives that case as the exception, in the {noun}'s own words; what it says of "
            "the old way alone stays (still so for every other case), and so does everything "
            "else."
        )

    def _category_way_flag(self, facts: ChangeFacts, impact: Impact) -> str | None:
        """Why an item whose sentences say the old way holds for every category is only
        flagged: what they claim, and the case and way a writer should add; None when no
        sentence of it does."""
        way = category_way(facts)
        claiming = [c.sentence for c in impact.conflicts if CATEGORY_WAY_REASON in c.reasons]
        if way is None or not claiming:
            return None
        return (
            "Flagged for review: "
            + _quoted(claiming)
            + (" says" if len(claiming) == 1 else " say")
            + f" the old way holds for every case, but {way.case}, {way.statement} (the "
            f"new prompt says {_quote(way.rule)}). No safe rewrite of this "
            f"{impact.item.kind}'s sentences: say the old way for the others and this for "
            "that case."
        )

    def _edit_replaced_action(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A hand-off that replaces an action for the very case the old action was for
        (`replaced_action`): the case is all the KB's sentence on it is about, so the sentence
        says the hand-off in place of the old action, in its own voice and lead
        (`handed_sentence`), never as an exception to itself; the old promise's time frame
        moves to the new one where the item states it (else the new promise follows the
        hand-off), and sentences denying the hand-off or saying the old action is the only
        one go. None when the item has no sentence where we take the old action, or a
        conflict is of another kind or cannot be said this way."""
        case = replaced_action(facts)
        if case is None:
            return None
        acting: list[str] = []
        denials: set[str] = set()
        promised: list[str] = []
        for conflict in impact.conflicts:
            reasons = conflict.reasons
            if REPLACED_DENIAL_REASON in reasons:
                denials.add(conflict.sentence)
            elif any(r.startswith(f"describes `{case.old}`") for r in reasons):
                acting.append(conflict.sentence)
            elif all(
                r.startswith(_RULE_REASONS) or r.endswith("which the new agent no longer states")
                for r in reasons
            ):
                promised.append(conflict.sentence)
            else:
                return None
        if not acting:
            return None
        told = told_sentence(case)
        if not promised and told is None:
            return None
        moved_to: dict[str, str] = {}
        for sentence in promised:
            new: str | None = sentence
            for step in moves_for(facts.moves, sentence):
                new = rewrite_sentence(step, new, None) if new is not None else None
            if new is None or new == sentence:
                if told is None or told in moved_to.values():
                    return None
                new = told
            moved_to[sentence] = new
        first = acting[0]

        def rewrite(raw: str) -> str | None:
            flat = " ".join(raw.split())
            if flat in moved_to:
                return _with_references(moved_to[flat], raw) if flat != moved_to[flat] else raw
            handed = handed_sentence(raw, case)
            if handed is not None and flat == first and not promised and told is not None:
                handed = f"{handed.rstrip()} {told}{raw[len(raw.rstrip()) :]}"
            return handed

        new_body = _rewrite_sentences(impact, set(acting) | set(promised), rewrite, denials)
        if new_body is None:
            return None
        noun = impact.item.kind
        order = [unit.text for unit in impact.units if unit.text in {*acting, *promised}]
        gone = [unit.text for unit in impact.units if unit.text in denials]
        rationale = (
            f"The new prompt says {_quote(case.rule)}: the same case as before, handed over "
            f"instead of `{case.old}`. This {noun} still says "
            + _quoted(order)
            + f" The edit says the hand-off in place of the old action in the {noun}'s own "
            "words (the case is all the sentence is about, so it is no exception to it), "
            + ("states what the customer is now told, " if told and not promised else "")
            + ("moves the old promise to the new one, " if promised else "")
            + ("drops " + _quoted(gone) + ", which deny it, " if gone else "")
            + "and keeps everything else."
        )
        return new_body, rationale

    def _edit_category_drop(
        self, facts: ChangeFacts, impact: Impact
    ) -> tuple[str | None, str] | None:
        """A requirement the new prompt drops for one category only (`categorydrop`): the
        item's asks naming the category say it is not needed, its wait takes the action at
        once. None when the drop is not of that kind; flagged when no safe rewrite exists."""
        drop = category_drop(facts.rules, facts.conditions)
        if drop is None:
            return None
        noun = impact.item.kind
        why = (
            f"The new prompt no longer asks for {drop.noun} for {drop.category} before it acts: "
            f"it said {_quote(str(drop.rule.old))} and now says {_quote(str(drop.rule.new))}"
        )

        def edit(text: str) -> str:
            item_units = units(text)
            marks = category_drop_marks(drop, text, item_units)
            return category_drop_edit(drop, text, item_units, marks) or text

        new_body = edit_body(impact.item.body, impact.item.body_format, edit)
        if new_body == impact.item.body or dropped_asks(facts, impact.item, new_body):
            return None, f"{why}. Flagged for review: no safe rewrite of this {noun}'s sentences."
        return new_body, (
            f"{why}; this {noun} still asks for it. The edit says it is no longer needed for "
            f"{drop.category} and that the action is taken at once, in the {noun}'s own words; "
            "the other categories' requirement and everything else stay."
        )

    def _edit_dropped_requirement(
        self, facts: ChangeFacts, impact: Impact
    ) -> tuple[str | None, str] | None:
        """A requirement the new prompt drops for the change's case (`dropped`): the item's
        sentences asking for it go, and those holding the action back until it comes take
        the action at once, in their own words (`dropped_edit`). None when the item has no
        such sentence; flagged (no body) when one cannot be rewritten."""
        asking = {
            c.sentence for c in impact.conflicts if any(r.startswith(ASK_REASON) for r in c.reasons)
        }
        waiting = set(marked_for(impact.conflicts, WAIT_REASON))
        tool = started_tool(facts)
        dropped = dropped_requirement(facts.rules)
        if (asking or waiting) and tool is not None and dropped is None:
            return self._edit_category_drop(facts, impact)
        if tool is None:
            tool = acted_tool(facts)
            dropped = dropped if dropped is not None and dropped_for_good(facts, dropped) else None
        if not (asking or waiting) or tool is None or dropped is None:
            return None
        now = now_statement(facts.rules, tool)
        noun = impact.item.kind
        # dropped for a subset only: a macro goes to those the change reaches and may say it
        # plainly; any other item is read by the others too, who still need it
        subset = still_checked_for_others(facts) and noun != "macro"
        whom = whom_dropped_for(dropped) if subset else None
        why = (
            f"The new prompt no longer asks for {dropped.what} before it acts"
            + (f" for {whom}" if whom else "")
            + f": it said {_quote(str(dropped.rule.old))}"
            + (f" and now says {_quote(dropped.rule.new)}" if dropped.rule.new else "")
        )
        if subset and whom is None:
            return None, (
                f"{why}; the new prompt still has it checked for others. Flagged for review: "
                f"this {noun} is read by both, and the prompt does not say whom it is dropped "
                "for in words."
            )
        new_body = edit_body(
            impact.item.body,
            impact.item.body_format,
            lambda text: dropped_edit(text, dropped, tool, asking, waiting, now, whom) or text,
        )
        if new_body == impact.item.body or dropped_asks(facts, impact.item, new_body):
            return None, f"{why}. Flagged for review: no safe rewrite of this {noun}'s sentences."
        if whom:
            return new_body, (
                f"{why}; the new prompt still has it checked for others, and this {noun} is "
                f"read by both. The edit keeps the requirement and says it is not needed for "
                f"{whom}, and keeps everything else."
            )
        said = f": {_quote(now[0])}" if now else ""
        return new_body, (
            f"{why}; this {noun} still asks for it or waits for it. The edit says it is not "
            f"needed or takes the ask out, and says the action is taken at once, as the new "
            f"prompt does{said}, in the "
            f"{noun}'s own words, and keeps everything else."
        )

    def _edit_scoped_need(
        self, facts: ChangeFacts, impact: Impact
    ) -> tuple[str | None, str] | None:
        """A requirement the new prompt adds before an action for part of a range
        (`scopedneed`): the sentences saying it is not needed, or that the action is taken at
        once, said for the rest of the range, and the requirement said after them. Flagged
        (None as the text) when one of them cannot be scoped (a table row with no column for
        what is needed); None when the item says no such thing."""
        need = change_scoped_need(facts)
        marked = set(marked_for(impact.conflicts, SCOPED_NEED_REASON))
        if need is None or not marked:
            return None
        why = f"The new prompt now requires {need.what} first: {_quote(str(need.rule.new))}"
        new_body = edit_body(
            impact.item.body,
            impact.item.body_format,
            lambda text: scoped_edit(text, need, marked) or text,
        )
        if new_body == impact.item.body or kb_text_problems(facts, impact, new_body):
            return None, (
                f"Flagged for review: {why}, for part of the range only, and this "
                f"{impact.item.kind} says the old way for the whole range in "
                + _quoted(sorted(marked))
                + " in a form (a table row with no column for what is needed, or a sentence "
                "that starts with a name) no rewrite can scope: say it for the rest of the "
                "range only and add what the scoped part now needs."
            )
        return new_body, (
            f"{why}, for part of the range only; this {impact.item.kind} says the old way for "
            "the whole range in "
            + _quoted(sorted(marked))
            + f". The edit says each for the rest of the range ({need.rest}) and adds what the "
            "new part needs, in the item's voice."
        )

    def _edit_requirement(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A requirement the new prompt adds, written in place of the KB sentences that say it
        is not needed ("You don't need to send a medical note or any other evidence."), with
        whom it spares and what to do about it (`requirement_statement`). None when the item
        says no such thing or the rule cannot be said without the prompt's internals."""
        negated = marked_for(impact.conflicts, NEGATED_REASON)
        needed = requirement(facts.rules)
        if not negated or needed is None:
            return None
        if needed.in_condition:
            return self._edit_condition_requirement(impact, needed, negated, impact.item.body)
        if needed.scope and facts.restricted:
            return self._edit_scoped_charge(impact, needed, negated)
        statement = requirement_statement(facts.rules, needed)
        if statement is None:
            return None

        def edit(text: str) -> str:
            text_units = units(text)
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text in negated:
                    # the first says the new rule; a later one would only repeat it
                    changes[index] = "" if changes else _with_references(statement, unit.raw)
            return replace_units(text, changes, text_units) if changes else text

        return _not_needed_edit(
            impact,
            impact.item.body,
            edit,
            negated,
            f"The new prompt now requires {needed.what}: {_quote(str(needed.rule.new))}",
            "The edit says the new rule in its place and keeps everything else.",
        )

    def _edit_condition_requirement(
        self, impact: Impact, needed: Requirement, negated: Sequence[str], body: str
    ) -> tuple[str, str] | None:
        """What a changed rule's condition now asks for (a photo), said in `body` where the
        item says it is not needed, each such sentence turned round in its own words
        (`required_sentence`). None when one of them cannot be."""
        said = {text: required_sentence(needed, text) for text in negated}
        if any(value is None for value in said.values()):
            return None

        def edit(text: str) -> str:
            text_units = units(text)
            changes = {
                index: str(said[unit.text])
                for index, unit in enumerate(text_units)
                if unit.text in said
            }
            return replace_units(text, changes, text_units) if changes else text

        return _not_needed_edit(
            impact,
            body,
            edit,
            negated,
            f"The new prompt now asks for {needed.what} before it acts: "
            f"{_quote(str(needed.rule.new))}",
            "The edit says it is needed, in the sentence's own words.",
        )

    def _edit_scoped_charge(
        self, impact: Impact, needed: Requirement, negated: Sequence[str]
    ) -> tuple[str, str] | None:
        """A charge the new prompt takes from some customers ("Appointments of 90 minutes or
        longer need a £20 deposit"), said where the item says it is not needed: each such
        sentence keeps saying so for everyone else and gains the charge's scope as its
        exception (`excepted_sentence`). None when one of them cannot."""
        said = {text: excepted_sentence(needed, text) for text in negated}
        if any(value is None for value in said.values()):
            return None

        def edit(text: str) -> str:
            text_units = units(text)
            changes = {
                index: str(excepted_sentence(needed, unit.raw))
                for index, unit in enumerate(text_units)
                if unit.text in said
            }
            return replace_units(text, changes, text_units) if changes else text

        return _not_needed_edit(
            impact,
            impact.item.body,
            edit,
            negated,
            f"The new prompt now says {_lower_first(needed.scope)} {needed.verb} "
            f"{needed.what}: {_quote(str(needed.rule.new))}",
            "The edit keeps the sentence for everyone else and names the charge's exception "
            "in the sentence's own words.",
        )

    def _condition_requirement_sentences(self, facts: ChangeFacts, impact: Impact) -> set[str]:
        """The item's sentences saying what a changed rule's condition now asks for is not
        needed, that `required_sentence` can turn round."""
        needed = requirement(facts.rules)
        if needed is None or not needed.in_condition:
            return set()
        return {
            c.sentence
            for c in impact.conflicts
            if any(reason.startswith(NEGATED_REASON) for reason in c.reasons)
            and required_sentence(needed, c.sentence) is not None
        }

    def _with_requirement(
        self, facts: ChangeFacts, impact: Impact, new_body: str, rationale: str
    ) -> tuple[str, str]:
        """An edit made for another reason (a window shortened) with what the same rule's
        condition now asks for said too, where the item says it is not needed: one rule
        made stricter in two ways needs both in the item."""
        needed = requirement(facts.rules)
        negated = marked_for(impact.conflicts, NEGATED_REASON)
        if needed is None or not needed.in_condition or not negated:
            return new_body, rationale
        found = self._edit_condition_requirement(impact, needed, negated, new_body)
        if found is None or kb_text_problems(facts, impact, found[0]):
            return new_body, rationale
        return found[0], f"{rationale} {found[1]}"

    def _with_band_rule(
        self, facts: ChangeFacts, impact: Impact, new_body: str, rationale: str
    ) -> tuple[str, str]:
        """An edit that moved a table's row to a line's new value, with a row for what the
        new prompt says happens in the band between the old and the new value (a fee that
        came in below a narrowed free window), in the table's own format
        (`bands.with_band_rows`). Only for text and Markdown bodies, and only when the row
        passes the same checks as the edit."""
        with_rows, added = (
            with_band_rows(facts.rules, facts.moves, impact.item.body, new_body)
            if impact.item.body_format != "html"
            else (new_body, [])
        )
        # a band given another action: the prose the edit moved says what the band now gets
        clauses: list[str] = []
        if impact.item.body_format != "html":
            with_rows, clauses = with_band_clauses(
                band_rules(facts.rules, facts.moves),
                impact.item.body,
                with_rows,
                amounts=not added,
            )
            if clauses and kb_text_problems(facts, impact, with_rows):
                with_rows, clauses = new_body, []
                added = []
        if clauses and not added:
            said = " and ".join(_quote(sentence) for sentence in clauses)
            return with_rows, f"{rationale} The band's new way is said in {said}."
        if not added or kb_text_problems(facts, impact, with_rows):
            # the item says what lies past the old line, and nothing of the band: a writer
            # adds the band's rule in the item's words
            unsaid = [
                rule
                for rule in band_rules(facts.rules, facts.moves)
                if any(far_side(facts.rules, rule.move, unit.text) for unit in impact.units)
            ]
            for rule in unsaid[:1]:
                rationale += (
                    f" The new prompt also says {_quote(rule.sentence)} for the band between "
                    f"{rule.move.old} and {rule.move.new}, which this {impact.item.kind} does "
                    f"not state ({rule.amount}): a writer may add it in its own words."
                )
            return new_body, rationale
        said = " and ".join(
            f"{_quote(rule.sentence)}: the edit adds the row {_quote(row.strip())} for it"
            for rule, row in added
        )
        clauses_said = (
            " The band's new way is said in "
            + " and ".join(_quote(sentence) for sentence in clauses)
            + "."
            if clauses
            else ""
        )
        return with_rows, f"{rationale} The new prompt also says {said}.{clauses_said}"

    def _edit_replaced_route(
        self, facts: ChangeFacts, impact: Impact
    ) -> tuple[str | None, str] | None:
        """A contact route the changed prompt rule replaced ("call us on 0161 496 0000" →
        "report it with the form at example.org/lost", `routes.replaced_route`): the KB's
        "call us on <number> (hours)" says the new rule's told clause instead
        (`keptcontact.rewrite_route`), the rest of the sentence kept. A sentence stating the
        number in another shape is flagged, never rewritten: (None, why). None when no
        removed route was replaced so, or the item states none."""
        route = replaced_route(facts)
        if route is None:
            return self._edit_moved_address(facts, impact)
        reason = f"states {route.promise.value}, which the new agent no longer states"
        stating = {c.sentence for c in impact.conflicts if reason in c.reasons}
        if not stating:
            return None
        pattern = route.pattern

        def rewrite(unit: Unit) -> str | Keep:
            if unit.text not in stating:
                return Keep.UNIT
            said = rewrite_route(unit.raw, pattern, route.clause)
            return Keep.BLOCK if said is None else said

        noun = impact.item.kind
        new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
        if new_body is None:
            return None, (
                f"Flagged for review: this {noun} states {route.promise.value} in a way the "
                f"edit cannot replace; the new prompt says {_quote(route.rule.new or '')}."
            )
        rationale = (
            f"The new prompt no longer gives {route.promise.value} here: it said "
            f"{_quote(route.rule.old or '')} and now says {_quote(route.rule.new or '')}; this "
            f"{noun} still says {_quoted(sorted(stating))} The edit says what the new prompt "
            f"tells instead ({_quote(route.clause)}) and keeps everything else; the number "
            "stays wherever it is given for another topic."
        )
        return new_body, rationale

    def _edit_moved_address(
        self, facts: ChangeFacts, impact: Impact
    ) -> tuple[str | None, str] | None:
        """A call's address argument moved (`share_contact`'s destination parts@… → the
        spare parts form's link), the changed prompt rule telling the customer to use the new
        one ("the customer fills in the spare parts form at …"): each conflicting sentence
        that tells them to use the old address says the new rule's instruction instead
        (`movedaddress.rewrite_address`), the rest kept. Flagged (None as the text) when a
        sentence states the old address in another shape; None when no address moved so."""
        found = moved_address_rule(facts)
        if found is None:
            return None
        old, phrase, rule = found
        stating = {
            c.sentence
            for c in impact.conflicts
            if (old.lower() in c.sentence.lower() or tells_to_email(facts, c.sentence))
            and all(
                r.startswith("describes `") or r.endswith("no longer states") for r in c.reasons
            )
        }
        if not stating or len(stating) != len(impact.conflicts):
            return None

        noun = impact.item.kind
        new_body = _rewrite_sentences(
            impact,
            stating,
            lambda raw: rewrite_address(raw, old, phrase) or rewrite_emailing(raw, phrase),
        )
        if new_body is None:
            return None, (
                f"Flagged for review: this {noun} gives {old} in a way the edit cannot "
                f"replace; the new prompt says {_quote(rule.new or '')}."
            )
        return new_body, (
            f"The new prompt no longer gives {old}: it says {_quote(rule.new or '')}; this "
            f"{noun} still says {_quoted(sorted(stating))} The edit tells the customer to "
            f"{phrase} instead and keeps everything else."
        )

    def _edit_removed_promise(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A promise the changed prompt rule no longer makes ("tell them a technician will call
        them back within 4 hours"), written out of the KB sentences that state it: the clause
        stating it says what the new rule tells or does instead ("we'll send an SMS update as
        soon as there is news"), in the KB's voice; with nothing instead, the clause goes (and
        the sentence, when it is all that clause), as it does when the prompt sentence stating
        it was removed. The other clauses stay. None when no changed or removed rule dropped
        the promise, the new prompt still states it, or a sentence states it in a shape of
        other clauses."""
        for promise in facts.removed_promises:
            pattern = value_pattern(promise.value)
            reason = f"states {promise.value}, which the new agent no longer states"
            stating = {c.sentence for c in impact.conflicts if reason in c.reasons}
            # a value swapped in place moves wherever a conflict states it, whatever found it
            valued = {c.sentence for c in impact.conflicts if len(pattern.findall(c.sentence)) == 1}
            if not stating and not valued:
                continue
            # the value stated anywhere in the new prompt is no promise it dropped
            restated = any(pattern.search(rule.new or "") for rule in facts.rules)
            for rule in facts.rules:
                if not rule.old or not pattern.search(rule.old) or restated:
                    continue
                if rule.kind == "sentence_changed" and rule.new:
                    stopped, started = replaced_statements(rule.old, rule.new)
                    if not stopped and not started:
                        stopped, started = headless_statements(rule.old, rule.new)
                    if not any(pattern.search(said) for said in stopped):
                        continue
                elif rule.kind != "sentence_removed":
                    continue
                else:
                    stopped, started = [], []
                if any("`" in said or "{" in said for said in started):
                    return None
                swapped = _swapped_value(stopped, started, pattern)
                if swapped is not None:
                    # the same words with another value ("10% off table hire" → "15% off
                    # table hire"): the value moves in place, every other word kept
                    return self._edit_swapped_value(
                        impact, stating | valued, pattern, swapped, rule
                    )
                if not stating:
                    break  # nothing the promise's own finder marked: the next promise
                instead = " and ".join(started)
                found = self._write_out(impact, stating, pattern, instead)
                if found is None:
                    return None
                noun = impact.item.kind
                said = _quoted(found)
                how = (
                    f"says what the new prompt tells instead ({_quote(instead)})"
                    if instead
                    else "drops the promise"
                )
                now = f"now says {_quote(rule.new)}" if rule.new else "no longer has it"
                rationale = (
                    f"The new prompt no longer promises {promise.value}: it said "
                    f"{_quote(rule.old)} and {now}; this {noun} still says {said} The edit "
                    f"{how} in the {noun}'s own words and keeps everything else."
                )
                new_body = edit_body(
                    impact.item.body,
                    impact.item.body_format,
                    functools.partial(
                        self._replace_stating, stating=stating, pattern=pattern, instead=instead
                    ),
                )
                return (new_body, rationale) if new_body != impact.item.body else None
        return None

    def _edit_dropped_time(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A time the new prompt no longer promises, with what customers are told in its place
        (`timedrop.time_instead`): each conflicting sentence stating it, in figures or words,
        loses its time phrase and says that instead, in the KB's voice
        (`timedrop.without_time`). None when the new prompt withholds no time, still states
        the value, or a sentence has no one time phrase to cut."""
        instead = time_instead(facts.rules)
        if not instead:
            return None
        for promise in facts.removed_promises:
            shape = time_pattern(promise.value) if promise.kind == "duration" else None
            restated = any(value_pattern(promise.value).search(r.new or "") for r in facts.rules)
            if shape is None or restated:
                continue
            stating = {c.sentence for c in impact.conflicts if shape.search(c.sentence)}
            if stating:
                substitute = time_substitute(facts.rules, promise.value)
                return self._without_time(impact, promise, stating, shape, instead, substitute)
        return None

    def _without_time(
        self,
        impact: Impact,
        promise: Promise,
        stating: set[str],
        shape: re.Pattern[str],
        instead: str,
        substitute: str = "",
    ) -> tuple[str, str] | None:
        order = [unit.text for unit in impact.units if unit.text in stating]
        if any(
            without_time(unit.raw, shape, instead, substitute) is None
            for unit in impact.units
            if unit.text in stating
        ):
            return None

        def rewrite(text: str) -> str:
            text_units = units(text)
            changes = {
                index: new
                for index, unit in enumerate(text_units)
                if unit.text in stating
                and (new := without_time(unit.raw, shape, instead, substitute)) is not None
            }
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(impact.item.body, impact.item.body_format, rewrite)
        if new_body == impact.item.body:
            return None
        noun = impact.item.kind
        told = f", says “{substitute}” where the time was," if substitute else ""
        rationale = (
            f"The new prompt no longer promises {promise.value}{told} and tells customers "
            f"instead that {instead}; this {noun} still says " + _quoted(order) + " The edit "
            f"takes the time out and says that in its place, in the {noun}'s own words, and "
            "keeps everything else."
        )
        return new_body, rationale

    def _edit_capped(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A cap the new prompt puts on an amount the old one paid in full (`capped.new_cap`):
        each conflicting sentence of the item saying it is paid in full is said again in its own
        words with the cap and what happens above it (`capped.capped_body`), every other byte
        kept. None when the change puts no such cap, or a conflicting sentence of the item does
        not say the amount is paid in full (another rewrite's business)."""
        cap = new_cap(facts)
        if cap is None:
            return None
        conflicting = {c.sentence for c in impact.conflicts}
        full = {sentence for sentence in conflicting if pays_in_full(cap, sentence)}
        if not full or full != conflicting:
            return None
        new_body = capped_body(cap, impact.item.body, impact.item.body_format, full)
        if new_body is None or new_body == impact.item.body:
            return None
        noun = impact.item.kind
        rationale = (
            f"The new prompt caps the amount at {cap.amount}: {_quote(str(cap.rule.new))}; this "
            f"{noun} still says it is paid in full in "
            + _quoted(sorted(full))
            + f" The edit says the cap and what happens above it there and keeps everything "
            f"else in the {noun}."
        )
        return new_body, rationale

    def _edit_new_charge(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A charge the new prompt introduces past a line where the old one said there was
        none (`newcharge.new_charge`): the item's sentences saying the thing is free or
        unlimited are said again with the new rule and its line, a table row's cell in its
        row (`newcharge.charged_body`), every other byte kept. None when the change brings in
        no such charge or no sentence of the item says it is free."""
        charge = new_charge(facts)
        if charge is None:
            return None
        denying = set(marked_for(impact.conflicts, NEW_CHARGE_REASON))
        if not denying:
            return None
        new_body = charged_body(charge, impact.item.body, impact.item.body_format, denying)
        if new_body is None:
            return None
        noun = impact.item.kind
        rationale = (
            f"The new prompt now charges {charge.named} {charge.bound}: "
            f"{_quote(str(charge.rule.new))}; this {noun} still says there is no charge in "
            + _quoted(sorted(denying))
            + f" The edit says the new rule and its line there and keeps everything else in "
            f"the {noun}."
        )
        return new_body, rationale

    def _edit_narrowed_offer(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """An offer the new prompt keeps for a subset only (`narrowed.narrowed_offer`): each
        sentence stating it for everyone says who still gets it and what the others pay, in
        its own words (`narrowed.with_subset`); the rest is kept byte for byte. None when the
        change narrows no offer or no sentence of the item states it for everyone."""
        offer = narrowed_offer(facts)
        if offer is None:
            return None
        stating = {c.sentence for c in impact.conflicts if NARROWED_REASON in c.reasons}
        if not stating:
            return None
        new_body = _rewrite_sentences(impact, stating, lambda raw: with_subset(raw, offer))
        if new_body is None:
            return None
        noun = impact.item.kind
        order = [unit.text for unit in impact.units if unit.text in stating]
        others = f"; for the others: {_quote(offer.others)}" if offer.others else ""
        rationale = (
            f"The new prompt keeps the offer for {offer.subset} only: it said "
            f"{_quote(str(offer.rule.old))} and now says {_quote(str(offer.rule.new))}{others}. "
            f"This {noun} still says "
            + _quoted(order)
            + f" for everyone. The edit says who still gets it and what the others pay, in the "
            f"{noun}'s own words, and keeps everything else."
        )
        return new_body, rationale

    def _edit_withdrawn_offer(
        self, facts: ChangeFacts, impact: Impact
    ) -> tuple[str | None, str] | None:
        """An offer the new prompt withdraws for everyone on the change's topic, its tool
        dropped with nothing in its place (`withdrawn.withdrawn_offer`): the sentences that
        still promise it are deleted, every other byte kept (`withdrawn.without_promises`).
        None when the change withdraws no offer or no sentence of the item promises it."""
        offer = withdrawn_offer(facts)
        if offer is None or still_called(facts, offer):
            return None
        promising = set(marked_for(impact.conflicts, WITHDRAWN_REASON))
        if not promising:
            return None
        new_body = without_promises(impact.item.body, impact.item.body_format, promising, offer)
        if new_body is None and facts.restricted and facts.whole_topic:
            # a promise beside a number the old offer did not state is flagged, not deleted:
            # the last resort's rule in its place would lose that number too
            return None, (
                "Flagged for review: the new prompt withdraws the offer of "
                f"`{offer.tool}`, and a sentence promising it states a number the old offer did "
                "not: " + _quoted(sorted(promising))
            )
        if new_body is None:
            return None
        now = f"now says {_quote(offer.rule.new)}" if offer.rule.new else "no longer has it"
        noun = impact.item.kind
        rationale = (
            f"The new prompt withdraws the offer: it said {_quote(str(offer.rule.old))} and "
            f"{now}, and nothing does what `{offer.tool}` did; this {noun} still promises it in "
            + _quoted(sorted(promising))
            + f" The edit deletes that promise and keeps everything else in the {noun}."
        )
        return new_body, rationale

    def _edit_withdrawn_permission(
        self, facts: ChangeFacts, impact: Impact
    ) -> tuple[str | None, str] | None:
        """A permission the new prompt withdraws for some categories where the item grants it
        to all (`permission.withdrawn_permission`): each sentence granting it says where it
        still holds and where not, in its own words (`permission.limited_grant`), and the
        categories' rows of a table column about it say no; every other byte is kept. A
        sentence that cannot be rewritten so flags the item (body None), with its reason.
        None when the change withdraws no such permission or the item does not grant it."""
        permission = withdrawn_permission(facts)
        if permission is None:
            return None
        granting = {c.sentence for c in impact.conflicts if PERMISSION_REASON in c.reasons}
        rows = {c.sentence for c in impact.conflicts if PERMISSION_ROW_REASON in c.reasons}
        extending = {c.sentence for c in impact.conflicts if PERMISSION_ALSO_REASON in c.reasons}
        if not granting and not rows:
            return None
        failed: list[str] = []

        def edit(text: str) -> str:
            text_units = units(text)
            changes: dict[int, str] = {}
            for index, unit in enumerate(text_units):
                if unit.text in granting:
                    limited = limited_grant(permission, unit.raw)
                    if limited is None:
                        failed.append(unit.text)
                    else:
                        changes[index] = limited
                elif unit.text in extending and changes.get(index - 1):
                    # "That includes the night walks." after the grant now limited
                    changes[index] = ""
            for run in table_runs([unit.raw for unit in text_units]):
                flipped = withdrawn_rows(permission, [text_units[index].raw for index in run])
                for at, row in flipped.items():
                    if text_units[run[at]].text in rows:
                        changes[run[at]] = row
            return replace_units(text, changes, text_units) if changes else text

        new_body = edit_body(impact.item.body, impact.item.body_format, edit)
        noun = impact.item.kind
        withdrawn = permission.named()
        said = (
            f"it said {_quote(str(permission.rule.old))} and now says "
            f"{_quote(str(permission.rule.new))}"
            + (f" and {_quote(permission.denial)}" if permission.denial else "")
        )
        mine = (PERMISSION_REASON, PERMISSION_ROW_REASON, PERMISSION_ALSO_REASON)
        # what else the item says of the subject in those categories no rewrite here covers
        failed += [c.sentence for c in impact.conflicts if not set(mine) & set(c.reasons)]
        if failed or new_body == impact.item.body:
            stuck = failed or sorted(granting | rows)
            return None, (
                f"Flagged for review: the new prompt withdraws {_quote(permission.words())} "
                f"for {withdrawn} ({said}), and no safe rewrite says so in " + _quoted(stuck)
            )
        order = [unit.text for unit in impact.units if unit.text in granting | rows]
        dropped = [
            unit.text
            for unit in impact.units
            if unit.text in extending
            and unit.text not in units_text(str(new_body), impact.item.body_format)
        ]
        how = []
        if granting:
            how.append(f"says where it still holds and where not, in the {noun}'s own words")
        if dropped:
            how.append("drops " + _quoted(dropped))
        if rows:
            how.append(f"says no for {withdrawn} in the table column about it")
        rationale = (
            f"The new prompt withdraws {_quote(permission.words())} for {withdrawn}: {said} "
            f"This {noun} still says it for them in "
            + _quoted(order)
            + " The edit "
            + " and ".join(how)
            + ", and keeps everything else."
        )
        return new_body, rationale

    def _edit_swapped_value(
        self,
        impact: Impact,
        stating: set[str],
        pattern: re.Pattern[str],
        value: str,
        rule: Rule,
    ) -> tuple[str, str] | None:
        """Each sentence stating the old value once with the new one in its place; None when
        one states it more than once or not at all."""

        def rewrite(unit: Unit) -> str | Keep:
            if unit.text not in stating:
                return Keep.UNIT
            found = list(pattern.finditer(unit.raw))
            if len(found) != 1:
                return Keep.BLOCK
            return unit.raw[: found[0].start()] + value + unit.raw[found[0].end() :]

        new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
        if new_body is None or new_body == impact.item.body:
            return None
        noun = impact.item.kind
        rationale = (
            f"The new prompt says {_quote(rule.new or '')} (it said {_quote(rule.old or '')}); "
            f"this {noun} still states the old value in "
            f"{_quoted([u.text for u in impact.units if u.text in stating])} The edit says "
            f"{value} in its place and keeps everything else."
        )
        return new_body, rationale

    def _write_out(
        self, impact: Impact, stating: set[str], pattern: re.Pattern[str], instead: str
    ) -> list[str] | None:
        """The sentences of `stating` in the item's order, or None when one of them cannot
        have its clause replaced (`replace_clause`)."""
        found = []
        for unit in impact.units:
            if unit.text not in stating:
                continue
            if replace_clause(unit.raw, pattern, instead) is None:
                return None
            found.append(unit.text)
        return found

    def _replace_stating(
        self, text: str, stating: set[str], pattern: re.Pattern[str], instead: str
    ) -> str:
        text_units = units(text)
        changes: dict[int, str] = {}
        for index, unit in enumerate(text_units):
            if unit.text in stating:
                new = replace_clause(unit.raw, pattern, instead)
                if new is not None:
                    changes[index] = new
        return replace_units(text, changes, text_units) if changes else text

    def _edit_old_side(self, facts: ChangeFacts, impact: Impact) -> tuple[str | None, str]:
        """An item only the last resort found (`oldside`): its own edit, or a flag with the
        old rule and the new prompt's words, through the same checks as every edit."""
        checked = self._last_resort_checked(facts, impact, old_side_edit(facts, impact))
        if checked is None:
            return None, "Flagged for review: no safe automatic rewrite."
        return checked

    def _edit_kept_side(self, facts: ChangeFacts, impact: Impact) -> tuple[str, str] | None:
        """A claim for every case the new prompt keeps past a line only, its handling replaced
        on the changed side (`keptside`): said as the new prompt keeps it, the changed side's
        rule once after it, before the new rule is said as the claim's exception (which would
        leave the claim for everyone)."""
        if not marked_with(impact, [KEPT_SIDE_REASON]):
            return None
        found = kept_side_edit(facts, impact)
        if found is None or found[0] is None:
            return None
        return found[0], found[1]

    def _last_resort_checked(
        self, facts: ChangeFacts, impact: Impact, found: tuple[str | None, str] | None
    ) -> tuple[str | None, str] | None:
        """A last resort's edit through the same checks as every edit."""
        if found is None:
            return None
        new_body, rationale = found
        if new_body is not None:
            new_body, rationale = _answered(impact.item, new_body, rationale)
            problems = kb_text_problems(facts, impact, new_body)
            problems += analysis_word_problems(facts, impact, new_body)
            if problems:
                new_body, rationale = None, f"{rationale} No safe rewrite: " + "; ".join(problems)
        return new_body, rationale

    def edit(self, facts: ChangeFacts, impact: Impact) -> SuggestedEdit:
        drafted = self._edit_drafted(facts, impact)
        item = impact.item
        if drafted.new_body is None:
            return drafted
        garbled = ungrammatical_added(facts, [], item.body, drafted.new_body, item.body_format)
        if not garbled:
            return drafted
        # a rule cut from the prompt into something that is no sentence ("After that, we
        # they'll be charged …") is worse than none: the item is flagged for a writer
        return replace(
            drafted,
            new_body=None,
            rationale=f"{drafted.rationale} No safe rewrite: “{garbled[0]}” is not a sentence "
            f"({agreement_problem(garbled[0])}), so the sentences are left for a writer.",
        )

    def _edit_drafted(self, facts: ChangeFacts, impact: Impact) -> SuggestedEdit:
        drafted = self._edit_written(facts, impact)
        if drafted.new_body is None:
            return drafted
        written = drafted.new_body
        counted = with_moved_counts(
            list(facts.moves),
            facts.condition,
            impact.item.body,
            written,
            impact.item.body_format,
        )
        if counted is not None:
            # a count the prompt sentence moved beside the rewritten value: its new side too
            written, drafted = _said_too(
                drafted, counted, "The count the same prompt sentence moved is said the new way too"
            )
        split = with_split_range(facts, impact.item.body, written, impact.item.body_format)
        if split is not None:
            # a range split at a new line: the upper part's value said beside the kept part's
            written, drafted = _said_too(
                drafted,
                split,
                "The new prompt gives the rest of the old range its own value, said too",
            )
        drafted = self._completed(facts, impact, drafted, written)
        if drafted.new_body is None:
            return drafted
        drafted = self._without_companions(facts, impact, drafted)
        if drafted.new_body is None:
            return drafted
        # the item now says the value by case: a claim of one value for every case goes
        body, left = without_one_value(facts, impact, drafted.new_body)
        if body == drafted.new_body and not left:
            return drafted
        rationale = drafted.rationale
        if body != drafted.new_body:
            rationale += (
                " A sentence claiming one value for every case is taken out: the value now "
                "depends on the case."
            )
        if left:
            rationale += (
                " A writer should check these, which claim one value for every case: "
                + "; ".join(f"\u201c{text}\u201d" for text in left)
                + "."
            )
        return replace(drafted, new_body=body, rationale=rationale)

    def _without_companions(
        self, facts: ChangeFacts, impact: Impact, drafted: SuggestedEdit
    ) -> SuggestedEdit:
        """A writer's edit without the sentences beside what it rewrote that fit the old rule
        only (`companions`: a spam-folder check once the code comes by text, "until then" once
        the wait is gone), through the same checks as every edit; as it was when none."""
        if drafted.new_body is None:
            return drafted
        item = impact.item
        found = without_old_companions(
            facts,
            item.body,
            drafted.new_body,
            item.body_format,
            [conflict.sentence for conflict in impact.conflicts],
        )
        if found is None:
            return drafted
        body, changed = found
        # what asks for a withdrawn thing fits the old rule only, as a conflict does
        withdrawn = [text for text in changed if withdrawn_companion(facts, text)]
        checked = impact.marked(withdrawn, "asks for what the new rule withdrew")
        if kb_text_problems(facts, checked, body) or analysis_word_problems(facts, checked, body):
            return drafted
        return replace(
            drafted,
            new_body=body,
            rationale=drafted.rationale
            + " Beside it, what fitted the old rule only goes: "
            + "; ".join(f"\u201c{text}\u201d" for text in changed)
            + ".",
        )

    def _completed(
        self, facts: ChangeFacts, impact: Impact, drafted: SuggestedEdit, new_body: str
    ) -> SuggestedEdit:
        """A writer's edit with a number it moved put back where the item states a rule the
        new prompt keeps (`with_kept_values`), and the new rule said after what it changed
        when it states none of the values the change brings (`with_new_fact`), each through
        the same checks as every edit."""
        item = impact.item
        restored = with_kept_values(facts, item.body, new_body, item.body_format)
        if restored is not None and restored != item.body:
            new_body = restored
            drafted = replace(
                drafted,
                new_body=restored,
                rationale=drafted.rationale
                + " A value the new prompt keeps in a rule of its own stays as it was.",
            )
        completed = with_new_fact(facts, item.body, new_body, item.body_format)
        if completed is not None and not (
            kb_text_problems(facts, impact, completed)
            or analysis_word_problems(facts, impact, completed)
        ):
            drafted = replace(
                drafted,
                new_body=completed,
                rationale=drafted.rationale
                + " The new rule's value was not said: the new rule follows the sentence the "
                "edit changed, in the item's voice.",
            )
        return drafted

    def _edit_written(self, facts: ChangeFacts, impact: Impact) -> SuggestedEdit:
        denied = [c.sentence for c in impact.conflicts if DENIED_BOUND_REASON in c.reasons]
        if denied:
            # a claim of no restriction the new prompt puts on: the new rule in its place,
            # before any class rule looks for an old value it does not say. It goes before the Q&A
            # writer below: this writer leaves a "No" head alone under a question of another
            # thing, so the Q&A writer still gets those.
            item = impact.item
            context = item_context(item.title, item.body)
            found = denied_bound_edit(facts, item.body, item.body_format, denied, context)
            if found is not None and found[0] is None:
                # its own flag, with its reason: no other writer's text beside a claim it
                # could not say
                return _suggested(facts, impact, None, found[1])
            said = self._last_resort_checked(facts, impact, found)
            if said is not None and said[0] is not None:
                return _suggested(facts, impact, said[0], said[1])
        bounded = self._last_resort_checked(facts, impact, _answered_bound_edit(facts, impact))
        if bounded is not None and bounded[0] is not None:
            # a short answer saying the old bound with no yes or no, read with its question:
            # the new value in its place
            return _suggested(facts, impact, bounded[0], bounded[1])
        ordered = self._last_resort_checked(facts, impact, order_edit(facts, impact))
        if ordered is not None:
            # a claim that everyone is dealt with in turn, broken by a group's priority: the
            # group's rule said once, the claim kept for the others (or its flag, with why)
            return _suggested(facts, impact, ordered[0], ordered[1])
        if impact.conflicts and all(c.reasons == (QA_REASON,) for c in impact.conflicts):
            # only Q&As whose answer, read with its question, states the old rule: each
            # answer said the new way, the question and the rest kept
            answered = self._last_resort_checked(facts, impact, qa_edit(facts, impact))
            if answered is not None:
                return _suggested(facts, impact, answered[0], answered[1])
        drafted, claimed = self._edit_classes(facts, impact)
        lifted = (
            lifted_sentences(facts, impact.item.body, impact.units)
            if drafted.new_body is None
            and not denied
            and (
                not claimed
                or only_old_side(impact)
                or (impact.conflicts and only_marked_for(impact.conflicts, PROMPT_RULE_REASON))
            )
            else []
        )
        if lifted:
            # no class rule wrote it (a last resort reading the old side alone may have flagged
            # it), and a sentence states a restriction the new prompt lifts or relaxes in the
            # KB's own words: the new rule in its place
            found = lifted_bound_edit(facts, impact.item.body, impact.item.body_format, lifted)
            said = self._last_resort_checked(facts, impact, found)
            if said is not None and said[0] is not None:
                return replace(drafted, new_body=said[0], rationale=said[1])
        if drafted.new_body is None and marked_with(impact, [QA_REASON]):
            answered = self._last_resort_checked(facts, impact, qa_edit(facts, impact))
            if answered is not None and answered[0] is not None:
                return replace(drafted, new_body=answered[0], rationale=answered[1])
        if drafted.new_body is not None and marked_with(impact, [QA_REASON]):
            # a class rule wrote the item's other sentences: its Q&As said the new way too
            qa = qa_rewrite(facts, drafted.new_body, impact.item.body_format)
            if qa is not None and not (
                kb_text_problems(facts, impact, qa[0])
                or analysis_word_problems(facts, impact, qa[0])
            ):
                drafted = replace(
                    drafted,
                    new_body=qa[0],
                    rationale=drafted.rationale
                    + " Read with its question, an answer stated the old rule too: "
                    + "; ".join(qa[1])
                    + "; it is said the new way.",
                )
        if drafted.new_body is None:
            # an FAQ answer about the case now charged: its yes/no head flipped, the new rule said
            flipped = self._last_resort_checked(facts, impact, flipped_answer_edit(facts, impact))
            if flipped is not None and flipped[0] is not None:
                return replace(drafted, new_body=flipped[0], rationale=flipped[1])
        if drafted.new_body is None and marked_with(impact, [KEPT_SIDE_REASON]):
            # a claim for every case the new prompt keeps past a line: said so, the rest's rule
            # after it
            side = self._last_resort_checked(facts, impact, kept_side_edit(facts, impact))
            if side is not None and side[0] is not None:
                return replace(drafted, new_body=side[0], rationale=side[1])
        if drafted.new_body is None and split_case_marked(impact):
            # no class rule could write it: a rule once said for every case, one case split off
            split = self._last_resort_checked(facts, impact, split_case_edit(facts, impact))
            if split is not None and split[0] is not None:
                return replace(drafted, new_body=split[0], rationale=split[1])
        beside = old_side_view(facts, impact) if drafted.new_body is None else None
        if beside is not None:
            # no class rule could write it, and each sentence it marked restates the old side
            # of a changed prompt sentence: the new one in the KB's voice in its place
            found = self._last_resort_checked(facts, impact, old_side_edit(facts, beside))
            if found is not None and found[0] is not None:
                return replace(drafted, new_body=found[0], rationale=found[1])
        if drafted.new_body is None:
            # the old prompt's sentence copied word for word: the new prompt's in its place
            copied = self._last_resort_checked(facts, impact, verbatim_rule_edit(facts, impact))
            if copied is not None and copied[0] is not None:
                return replace(drafted, new_body=copied[0], rationale=copied[1])
        if drafted.new_body is None and not claimed:
            # no way above could write it (no class rule took the item; a class rule's own
            # flag, with its reason, stands): the new prompt's rule where the item states the
            # old one
            # the sentences it rewrites are the item's conflicts for the checks too
            view = impact.marked(targets(facts, impact), PROMPT_RULE_REASON)
            written = self._last_resort_checked(
                facts, view, prompt_rule_edit(facts, view, _restates_lost(facts))
            )
            if written is not None and written[0] is not None:
                return replace(drafted, new_body=written[0], rationale=written[1])
            if written is not None:
                # its flag's reason is the item's own too
                return replace(drafted, rationale=f"{drafted.rationale} {written[1]}")
        return drafted

    def _edit_classes(
        self, facts: ChangeFacts, impact: Impact, *, exclusive: bool = True
    ) -> tuple[SuggestedEdit, bool]:
        """The edit the class rules and the generic writers make, and whether a class rule (or
        the old-side last resort) took the item: its flag then stands, with its reason.
        `exclusive`: whether the dropped exclusive claim's writer goes first."""
        item = impact.item
        new_body: str | None
        if only_old_side(impact):
            new_body, rationale = self._edit_old_side(facts, impact)
            return _suggested(facts, impact, new_body, rationale), True
        rated = rate_cap_edit(facts, impact)
        if rated is not None:
            # a flat amount made a rate per unit: every marked unit states the flat amount of
            # the topic, said as the new terms in its own shape, or flagged with the reason
            return _suggested(facts, impact, rated[0], rated[1]), True
        sided = claim_sides_edit(facts, impact)
        if sided is not None:
            # a term once given for every case, now on one side of a line: every marked unit
            # claims it for every case, said as both sides when the rule speaks to the
            # customer and the unit says nothing else, or flagged with the reason
            return _suggested(facts, impact, sided[0], sided[1]), True
        if exclusive and impact.conflicts and dropped_exclusives(facts):
            # every sentence marked says the exclusive claim the change dropped, read with what
            # it is said under: each said the new way in its own shape (a row's one cell, a
            # list item's fragment, a short answer), before any class rule rewrites it whole
            marked = {conflict.sentence for conflict in impact.conflicts}
            shaped = self._last_resort_checked(facts, impact, exclusive_edit(facts, impact, marked))
            if shaped is not None and shaped[0] is None:
                # a row of the claim its writer cannot say: another writer's edit stands only
                # when it adds to the item and takes no word away ("free for Blue Badge
                # holders and parents on the neonatal unit only"), never one that writes the
                # rule's other clauses over the cell
                other, took = self._edit_classes(facts, impact, exclusive=False)
                if other.new_body is not None and only_adds(item.body, other.new_body):
                    return other, took
            if shaped is not None:
                # written, or a row of the claim flagged with its reason
                return _suggested(facts, impact, shaped[0], shaped[1]), True
        if impact.conflicts and only_marked_for(impact.conflicts, PROMPT_RULE_REASON):
            # an item only the prompt-rule finder found is that writer's, through the checks
            written = self._last_resort_checked(
                facts, impact, prompt_rule_edit(facts, impact, _restates_lost(facts))
            )
            if written is None or written[0] is None:
                # no rule to say in its place: what only the old side said goes
                dropped = self._last_resort_checked(facts, impact, lost_drop_edit(facts, impact))
                written = dropped if dropped is not None and dropped[0] is not None else written
            new_body, rationale = written or (None, "Flagged for review: no safe rewrite.")
            return _suggested(facts, impact, new_body, rationale), True
        # moved numbers with the prompt rule behind them have their own edit (refunds doubled)
        use_rules = facts.moves and facts.moved_rule is None
        # a value moved with a category's new way: the way says the value where it can
        ruled: tuple[str | None, str] | None
        ruled = self._edit_category_way(facts, impact) if use_rules else None
        if ruled is None:
            ruled = self._edit_moved_promise(facts, impact) if use_rules else None
        # a share made a fixed amount that the rule's edit cannot say in the item's words is
        # the writer's: no other way restates the prompt's sentence in its place
        settled = ruled is not None and ruled[0] is None and any(m.share for m in facts.moves)
        # a time moved for one category with a new channel and tool: the category's way said
        by_channel = case_channel_edit(facts, impact) if use_rules else None
        ruled = by_channel or ruled
        settled = settled or by_channel is not None
        ruled = self._edit_case_handoff(facts, impact) or ruled
        ruled = self._edit_replaced_action(facts, impact) or ruled
        ruled = self._edit_capped(facts, impact) or ruled
        # a minimum put on a service given for every price: the claims narrowed to it
        floored = minimum_edit(facts, impact)
        ruled = floored or ruled
        settled = settled or floored is not None
        # a limit on how often put on what was given whenever asked: the claims said as it
        often = often_limit_edit(facts, impact)
        ruled = often or ruled
        settled = settled or often is not None
        # a cap the config's tool schema moved for everyone: the old cap is no case's value
        schema = schema_cap_edit(facts, impact)
        ruled = schema or ruled
        settled = settled or schema is not None
        # a count limit the config's tool schema moved for everyone: the new count said there
        counted = count_limit_edit(facts, impact)
        ruled = counted or ruled
        settled = settled or counted is not None
        # a count allowance the prompt lowered: the new count said there
        lowered = lowered_count_edit(facts, impact)
        ruled = lowered or ruled
        settled = settled or lowered is not None
        # a free "first N" allowance the prompt raised: the new count said there
        raised = raised_first_edit(facts, impact)
        ruled = raised or ruled
        settled = settled or raised is not None
        # a count once given every case split at a line: the band's and the rest's statements
        every_banded = every_band_edit(facts, impact)
        ruled = every_banded or ruled
        settled = settled or every_banded is not None
        # a fee waived past a line: the fee said for the case it still holds in
        waived_past = waived_line_edit(facts, impact)
        ruled = waived_past or ruled
        settled = settled or waived_past is not None
        # a charge waived for a group past a line: the exemption said beside the charge
        waived_for = waived_group_edit(facts, impact) if ruled is None else None
        ruled = waived_for or ruled
        settled = settled or waived_for is not None
        # a value moved for one labelled list item: the new count given that label alone
        tiered = tier_value_edit(facts, impact)
        ruled = tiered or ruled
        settled = settled or tiered is not None
        # an allowance counted per thing now counted per whole: the new allowance said there
        per_whole = per_whole_edit(facts, impact)
        ruled = per_whole or ruled
        settled = settled or per_whole is not None
        # a hand-off re-routed for part of a range: the old route stays for the rest of it
        scoped = scoped_route_edit(facts, impact)
        ruled = scoped or ruled
        settled = settled or scoped is not None
        # a band given the far side's option: the line kept, the option said after it
        opened = band_opened_edit(facts, impact) if ruled is None else None
        ruled = opened or ruled
        settled = settled or opened is not None
        # a hand-off stopped for part of a range: it stays for the rest of it
        banded = band_handoff_edit(facts, impact) if ruled is None else None
        ruled = banded or ruled
        settled = settled or banded is not None
        # an action swapped for another past a line: the old way stays for the rest
        swapped = band_swap_edit(facts, impact) if ruled is None else None
        ruled = swapped or ruled
        settled = settled or swapped is not None
        # a step now required for a band of a number: the old way stays for the rest
        stepped = band_step_edit(facts, impact) if ruled is None else None
        ruled = stepped or ruled
        settled = settled or stepped is not None
        # a cut-off moved for a band of another number: the band's own said there
        cut = band_cutoff_edit(facts, impact) if ruled is None else None
        ruled = cut or ruled
        settled = settled or cut is not None
        # a hand-off added over a line: the old handling stays for the rest
        added = added_handoff_edit(facts, impact) if ruled is None else None
        ruled = added or ruled
        settled = settled or added is not None
        # a commitment added for one value of a category: the old handling stays for the rest
        committed = added_commitment_edit(facts, impact) if ruled is None else None
        ruled = committed or ruled
        settled = settled or committed is not None
        # a promise made anew (who, how and how soon): said whole where the old one is stated
        whole = whole_promise_edit(facts, impact)
        ruled = whole or ruled
        settled = settled or whole is not None
        # a hand-off re-routed for one category: the old team stays for the others
        by_category = category_route_edit(facts, impact)
        ruled = by_category or ruled
        settled = settled or by_category is not None
        # an action replaced for some categories: the old one stays for the others
        by_action = category_action_edit(facts, impact) if ruled is None else None
        ruled = by_action or ruled
        settled = settled or by_action is not None
        # an offer withdrawn from a date on: its claims for every case kept for earlier ones
        dated = dated_offer_edit(facts, impact) if ruled is None else None
        ruled = dated or ruled
        settled = settled or dated is not None
        # a value moved for some values of a category that the item says holds whatever the
        # case: the old value for the rest, the new one for those values
        whatever = same_whatever_edit(facts, impact) if ruled is None else None
        ruled = whatever or ruled
        settled = settled or whatever is not None
        # a fee waived for some values of a category the item says makes no difference
        waived = waived_edit(facts, impact) if ruled is None else None
        ruled = waived or ruled
        settled = settled or waived is not None
        # a value moved for a band of a count: rows split, the claims said again
        banded = count_band_edit(facts, impact) if ruled is None else None
        ruled, settled = banded or ruled, settled or banded is not None
        # a case appended to a kept rule: said after the old amount
        appended = appended_case_edit(facts, impact) if ruled is None else None
        ruled, settled = appended or ruled, settled or appended is not None
        # an exception added to a kept rule: said beside the old rule
        excepted = added_exception_edit(facts, impact) if ruled is None else None
        ruled, settled = excepted or ruled, settled or excepted is not None
        # a step put before what the old rule did for anyone who gave one thing: said there
        enough = given_enough_edit(facts, impact) if ruled is None else None
        ruled, settled = enough or ruled, settled or enough is not None
        # an "only" dropped for a case appended to a kept rule: the case said in its place
        widened = dropped_only_edit(facts, impact) if ruled is None else None
        ruled, settled = widened or ruled, settled or widened is not None
        # a party the old prompt denied, granted beside the first: what they now get
        party = granted_party_edit(facts, impact) if ruled is None else None
        ruled, settled = party or ruled, settled or party is not None
        # a way said to be the only one, widened by a second: the new sentence in its place
        only_way = widened_only_edit(facts, impact) if ruled is None else None
        ruled, settled = only_way or ruled, settled or only_way is not None
        # a shorter requirement granted to one case: said after the old one
        granted = also_granted_edit(facts, impact) if ruled is None else None
        ruled, settled = granted or ruled, settled or granted is not None
        # a value kept below a new line and moved past it: the every-case tail said anew
        split = split_tail_edit(facts, impact) if ruled is None else None
        ruled, settled = split or ruled, settled or split is not None
        # a whole amount now paid less a fee kept back: said less the fee in its own words
        kept_back = kept_back_edit(facts, impact) if ruled is None else None
        ruled = kept_back or ruled
        settled = settled or kept_back is not None
        # another offer now first for some cases: the old one stays first for the rest
        first = offer_order_edit(facts, impact) if ruled is None else None
        ruled = first or ruled
        settled = settled or first is not None
        # a time made vaguer for one category value: the others keep it
        vaguer = vaguer_case_edit(facts, impact) if ruled is None else None
        ruled = vaguer or ruled
        settled = settled or vaguer is not None
        # a requirement added for part of a range: the old way stays for the rest of it
        needed_for_part = self._edit_scoped_need(facts, impact) if ruled is None else None
        ruled = needed_for_part or ruled
        settled = settled or needed_for_part is not None
        # a question asked first on one channel: the old way stays on the others
        on_channel = channel_need_draft(facts, impact, kb_text_problems) if ruled is None else None
        ruled = on_channel or ruled
        settled = settled or on_channel is not None
        # a category moved from one group to another: its sentences, rows and lists
        regrouped = moved_group_edit(facts, impact) if ruled is None else None
        ruled = regrouped or ruled
        settled = settled or regrouped is not None
        # a service withdrawn for a category: the claims that it reaches that one
        served = served_edit(facts, impact) if ruled is None else None
        ruled = served or ruled
        settled = settled or served is not None
        # a range extended by one value, with a charge for it: the new range and the charge
        extended = extended_range_edit(facts, impact) if ruled is None else None
        ruled = extended or ruled
        settled = settled or extended is not None
        # a limit withdrawn for everyone: the new rule where the limit was stated
        unlimited = limit_gone_edit(facts, impact) if ruled is None else None
        ruled = unlimited or ruled
        settled = settled or unlimited is not None
        # a requirement extended to more kinds: named where it was kept to the old ones
        extended = extended_set_edit(facts, impact) if ruled is None else None
        ruled = extended or ruled
        settled = settled or extended is not None
        # an offer withdrawn on one value of its range: the claims say the new range
        ranged = narrowed_range_edit(facts, impact) if ruled is None else None
        ruled = ranged or ruled
        settled = settled or ranged is not None
        # a grant kept for a band of a number, for one category: the band said where it is
        # granted to everyone
        band_granted = band_grant_edit(facts, impact) if ruled is None else None
        ruled = band_granted or ruled
        settled = settled or band_granted is not None
        stopped = stopped_edit(facts, impact) if ruled is None else None
        ruled = stopped or ruled
        settled = settled or stopped is not None
        # an option taken out of a list for everyone: the lists without it
        gone = dropped_option_edit(facts, impact) if ruled is None else None
        ruled = gone or ruled
        settled = settled or gone is not None
        # one of two options withdrawn for one category: its row and the claims for all
        optioned = category_option_edit(facts, impact) if ruled is None else None
        ruled = optioned or ruled
        settled = settled or optioned is not None
        # a limit set where there was none: what says there is none says the limit
        limited = new_limit_edit(facts, impact) if ruled is None else None
        ruled = limited or ruled
        settled = settled or limited is not None
        # a kind added to a list of exceptions: the lists of them with it
        excluded = excluded_edit(facts, impact) if ruled is None else None
        ruled = excluded or ruled
        settled = settled or excluded is not None
        # a rule withdrawn for one kind: the claims for every kind say the others' rule and
        # the kind's refusal
        kinded = withdrawn_kind_edit(facts, impact) if ruled is None else None
        ruled = kinded or ruled
        settled = settled or kinded is not None
        # an argument moved for one kind: the claims for every kind take its exception
        argued = moved_argument_edit(facts, impact) if ruled is None else None
        ruled = argued or ruled
        settled = settled or argued is not None
        # an action customers took themselves now taken by the agent: what tells them to
        served = self_serve_edit(facts, impact) if ruled is None else None
        ruled = served or ruled
        settled = settled or served is not None
        # an action the agent took for them, now theirs another way: what says we do it
        handed = handed_over_edit(facts, impact) if ruled is None else None
        ruled = handed or ruled
        settled = settled or handed is not None
        # a value split by category in the sentence that gave it every case: the new tail
        by_case = every_split_edit(facts, impact) if ruled is None else None
        ruled, settled = by_case or ruled, settled or by_case is not None
        # a value said by position in the sentence that gave it every case
        by_place = ordinal_split_edit(facts, impact) if ruled is None else None
        ruled, settled = by_place or ruled, settled or by_place is not None
        if ruled is None:
            ruled = self._edit_withdrawn_permission(facts, impact)
            # a permission withdrawn for some categories: a sentence no rewrite can say it in
            # is flagged, never restated as another rule's exception
            settled = settled or ruled is not None
        if ruled is None:
            # a new way for a category over a count: the claims for every case get it
            ruled = self._edit_counted_way(facts, impact)
        if ruled is None and not use_rules:
            # (with moved values it was tried first, above)
            ruled = self._edit_category_way(facts, impact)
        if ruled is None:
            # a bound put in front of the moment a rule counts from: it is said there
            ruled = self._edit_inserted_bound(facts, impact)
            settled = settled or ruled is not None
        if ruled is None:
            ruled = self._edit_flag_case(facts, impact)
        if ruled is None:
            # a perk given past a line: what claims the old handling for everyone
            ruled = range_perk_edit(facts, impact)
        if ruled is None:
            ruled = self._edit_arg_case(facts, impact)
        if ruled is None:
            ruled = self._edit_dropped_requirement(facts, impact)
        if ruled is None:
            ruled = self._edit_narrowed_offer(facts, impact)
        if ruled is None:
            ruled = self._edit_withdrawn_offer(facts, impact)
        if ruled is None:
            # a charge for a yes/no case with a line keeping it free: said as the customer is
            # told it, before the line-only writer
            flagged_charge = flag_charge_edit(facts, impact)
            ruled = flagged_charge or ruled
            settled = settled or flagged_charge is not None
        if ruled is None:
            ruled = self._edit_new_charge(facts, impact)
        if ruled is None:
            ruled = case_charge_edit(facts, impact)
        if ruled is None:
            ruled = every_charge_edit(facts, impact)
        if ruled is None:
            # a charge now taken from one group: both rules where it is free for everyone, or
            # a flag, never another writer's exception
            grouped = group_charge_edit(facts, impact)
            ruled = grouped or ruled
            settled = settled or grouped is not None
        if ruled is None:
            # a whole topic handed to a person: what says we do it ourselves says the hand-off
            handed = handed_topic_edit(facts, impact)
            ruled = handed or ruled
            settled = settled or handed is not None
        if ruled is None:
            # a check put before an action on one topic: what says there is nothing to prove
            proved = proof_step_edit(facts, impact)
            ruled = proved or ruled
            settled = settled or proved is not None
        if ruled is None:
            ruled = self._edit_kept_step(facts, impact)
        if ruled is None and facts.before_actions and not facts.moved:
            ruled = self._edit_step(facts, impact)
        if ruled is None and facts.before_actions and not facts.moved:
            ruled = self._edit_case_step(facts, impact)
        if ruled is None:
            ruled = self._edit_replaced_route(facts, impact)
            settled = settled or ruled is not None
        # an action widened to everyone: its restrictions and the others' old way go
        widened = widened_edit(facts, impact)
        ruled = widened or ruled
        settled = settled or widened is not None
        # a refusal lifted for everyone: what says we can't do it says we do
        lifted = lifted_edit(facts, impact)
        ruled = lifted or ruled
        settled = settled or lifted is not None
        # an option offered beside the old one on a topic: what rules it out there says
        # the customer chooses
        offered = option_edit(facts, impact)
        ruled = offered or ruled
        settled = settled or offered is not None
        # a category added to a covered set: out of the exclusions, into the covered list
        joined = joined_edit(facts, impact)
        ruled = joined or ruled
        settled = settled or joined is not None
        # an exclusion lifted for one case: the case out of the conditions and lists excluding it
        excepted = lifted_case_edit(facts, impact)
        ruled = excepted or ruled
        settled = settled or excepted is not None
        # an option granted to one flagged case: each refusal of it names the case's grant
        granted = granted_case_edit(facts, impact)
        ruled = granted or ruled
        settled = settled or granted is not None
        # a window shortened for the action it gates: the value moves where the action is
        # said, the band it left gets its new handling, the old line stays where it still holds
        gated = gated_window_edit(facts, impact)
        ruled = gated or ruled
        settled = settled or gated is not None
        # a window counted from another event: the anchor moves, the length stays
        reanchor = reanchored_edit(facts, impact)
        ruled = reanchor or ruled
        settled = settled or reanchor is not None
        if ruled is not None:
            new_body, rationale = ruled
        elif facts.moved:
            if facts.removed_promises and facts.added_promises:
                new_body, rationale = self._edit_promises(facts, impact)
            else:
                new_body, rationale = None, "No safe rewrite: no rule states the new amounts."
        elif (told := rerouted_told(facts)) is not None:
            new_body, rationale = self._edit_told(facts, impact, told)
        elif channel_argument_switch(facts) is not None:
            # a call's channel argument moved with its promise: the channel edit, not a new action
            new_body, rationale = self._edit_channel(facts, impact)
        elif facts.kind == "actions" or (facts.after_actions and facts.before_actions):
            new_body, rationale = self._edit_actions(facts, impact)
        elif switched_channel(facts.removed_promises, facts.added_promises) is not None:
            new_body, rationale = self._edit_channel(facts, impact)
        elif facts.removed_promises and facts.added_promises:
            new_body, rationale = self._edit_promises(facts, impact)
        elif (said := new_way_sentence(facts)) is not None:
            new_body, rationale = self._edit_new_way(impact, said)
        else:
            new_body, rationale = None, "Flagged for review: no safe automatic rewrite."
        if new_body is not None and new_body == item.body:
            new_body, rationale = None, "Flagged for review: the conflicting sentence stays."
        if new_body is not None:
            new_body, rationale = _answered(item, new_body, rationale)
        if new_body is not None:
            # the same checks as a drafting model's edit: no reply prose, no one probe's values
            problems = kb_text_problems(facts, impact, new_body)
            if problems:
                new_body, rationale = None, "No safe rewrite: " + "; ".join(problems) + "."
                if any(REPLACED_WAY in problem for problem in problems):
                    # a moved value said in the way the change replaced: no class rule took
                    # the item, the new prompt's rule may still be said in its place
                    ruled = None
        if new_body is not None:
            new_body, rationale = self._with_requirement(facts, impact, new_body, rationale)
        if new_body is not None and ruled is not None:
            new_body, rationale = self._with_band_rule(facts, impact, new_body, rationale)
            # a line moved whole: what lies past it, where the item says only the near side
            past = with_past_line(
                facts.moves,
                item.body,
                new_body,
                item.kind,
                lambda body: kb_text_problems(facts, impact, body),
            )
            if past is not None:
                new_body, rationale = past[0], rationale + past[1]
        # then each way of writing the new rule in, in turn, until one passes the same checks
        for other_way in (
            self._edit_requirement,
            self._edit_kept_side,
            self._edit_new_rule,
            self._edit_removed_tool,
            self._edit_handoff,
            self._edit_swapped_tool,
            self._edit_tool_fallback,
            self._edit_dropped_time,
            self._edit_removed_promise,
            self._edit_replaced_tool,
        ):
            if new_body is not None or settled:
                break
            found = other_way(facts, impact)
            found = _answered(item, *found) if found is not None else None
            if found is not None and not kb_text_problems(facts, impact, found[0]):
                new_body, rationale = found
        # what the steps after the checks added (a requirement, a band's rule) is checked too
        if new_body is not None and (wording := analysis_word_problems(facts, impact, new_body)):
            new_body, rationale = None, "No safe rewrite: " + "; ".join(wording) + "."
        if new_body is None and (flagged := self._category_way_flag(facts, impact)):
            rationale = flagged
        if new_body is None:
            rationale = f"{rationale} The agent now: {facts.title}. Conflicting: " + "; ".join(
                _quote(c.sentence) for c in impact.conflicts
            )
            rationale += _unvalued_flag(facts, impact)
        return _suggested(facts, impact, new_body, rationale), ruled is not None or settled


def _still_stated(facts: ChangeFacts, impact: Impact, written: set[str], new_body: str) -> bool:
    """Whether a sentence of the item naming the change's case (a value of the category its
    condition tests) and stating a value the new agent no longer states, and no other
    conflict, is left word for word in `new_body` by an edit that wrote `written`. A sentence
    naming no case states the value for the others too, where it may still hold."""
    values = facts.category_values()
    if not values:
        return False
    cases = [re.compile(rf"(?<!\w){re.escape(value)}(?!\w)", re.I) for value in values]
    prompt = " ".join(facts.prompt_sentences())
    flat_body = " ".join(new_body.split())
    return any(
        conflict.sentence not in written
        and all(r.endswith("which the new agent no longer states") for r in conflict.reasons)
        and _names_case(conflict.sentence, cases, prompt)
        and " ".join(conflict.sentence.split()) in flat_body
        for conflict in impact.conflicts
    )


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def _names_case(sentence: str, cases: list[re.Pattern[str]], prompt: str) -> bool:
    """Whether `sentence` names the case by one of its values, found not as one word of a
    capitalised name of several ("unless you took Gold Protection" for the `gold` tier) that
    the prompt does not write: a product or plan of that name, not the case. The names are read
    once and each value found is placed among them by bisection, so a KB sentence of thousands
    of names stays linear."""
    names = [(m.start(), m.end(), m.group(0)) for m in _CAPITALISED_RUN.finditer(sentence)]
    starts = [start for start, _, _ in names]
    unwritten: dict[str, bool] = {}
    for case in cases:
        for found in case.finditer(sentence):
            index = bisect.bisect_right(starts, found.start()) - 1
            if index < 0 or names[index][1] < found.end():
                return True
            start, _, said = names[index]
            if start == 0 and found.start() > 0:
                # the sentence's first word is capitalised as its first, not as a name's
                said = said.split(None, 1)[-1]
            if len(said.split()) < 2:
                return True
            if said not in unwritten:
                unwritten[said] = said not in prompt
            if not unwritten[said]:
                return True
    return False


def _answered_bound_edit(facts: ChangeFacts, impact: Impact) -> tuple[str | None, str] | None:
    """The item with each answer marked only for stating the old bound under its question
    (`impact.ANSWERED_BOUND_REASON`) saying the new value where it said the old one, every
    other byte kept; None when the item has any other conflict or a value cannot be placed."""
    if not impact.conflicts or not all(
        all(r.startswith(ANSWERED_BOUND_REASON) for r in c.reasons) for c in impact.conflicts
    ):
        return None
    body = impact.item.body
    said: list[str] = []
    values: list[str] = []
    for conflict in impact.conflicts:
        moves = [
            m for m in facts.moves if m.kind == "value" and where_stated(m.old, conflict.sentence)
        ]
        if len({(m.old, m.new) for m in moves}) != 1:
            return None
        found = where_stated(moves[0].old, conflict.sentence)
        start, end = found[0].span()
        new = conflict.sentence[:start] + moves[0].new + conflict.sentence[end:]
        if body.count(conflict.sentence) != 1:
            return None
        body = body.replace(conflict.sentence, new, 1)
        said.append(f"\u201c{conflict.sentence}\u201d")
        values.append(moves[0].new)
    return body, (
        "Read with its question, the answer states the old rule: "
        + "; ".join(said)
        + f". The edit says the new value ({', '.join(dict.fromkeys(values))}) in its place and "
        "keeps the question and everything else."
    )


def _suggested(
    facts: ChangeFacts, impact: Impact, new_body: str | None, rationale: str
) -> SuggestedEdit:
    """The edit of `impact`'s item for `facts`: `new_body` (None: flagged) and why."""
    item = impact.item
    return SuggestedEdit(
        change_id=facts.id,
        item_key=item.key,
        item_title=item.title,
        item_source=item.where,
        body_format=item.body_format,
        old_body=item.body,
        new_body=new_body,
        rationale=rationale,
        conflicts=[c.sentence for c in impact.conflicts],
        score=impact.score,
    )


_POINTS_BEFORE = re.compile(
    r"^\W*(?:(?:once|when|after|until|as\s+soon\s+as|if|unless)\s+(?:it|they|that|this|he|she|"
    r"you|we)(?:'s|’s|'ve|’ve)?(?:\s+(?:has|have|is|are|does|do|did|was|were|had|been))*\s*[,;:.]"
    r"|(?:if\s+so|if\s+not|after\s+that|after\s+this|then|that\s+way|otherwise|in\s+that\s+case|"
    r"once\s+that's\s+done|in\s+which\s+case)\b)",
    re.I,
)
"""A prompt sentence that opens by pointing at the one before it ("Once it has, book it like
any other item."; "After that, don't change them"): alone, in a KB item, it says nothing."""


def _except_refused(
    text: str, text_units: list[Unit], targets: set[str], refused: RefusedKind, *, say: bool
) -> str:
    """An item's claims for every kind with the refused kind taken out (`except_kind`);
    with `say` (an article), the first prose one followed by the refusal in the KB's voice. A
    claim that cannot take the exception is left as it is."""
    changes: dict[int, str] = {}
    said = not say
    raws = [unit.raw for unit in text_units]
    for index, unit in enumerate(text_units):
        if unit.text not in targets:
            continue
        # the kind's own row of a table: the column of the handling it no longer gets
        row = refused_row(unit.raw, table_header(raws, index), refused)
        if row is not None:
            changes[index] = row
            continue
        excepted = except_kind(unit.raw, refused.head)
        if excepted is None:
            continue
        listed = unit.raw.lstrip().startswith(("-", "*", "+", "|", "#"))
        if not said and not listed:
            excepted = f"{excepted.rstrip()} {refused.sentence}"
            said = True
        changes[index] = excepted
    prose = [i for i in changes if not raws[i].lstrip().startswith(("|", "#"))]
    if prose and not said:
        # a table row or a heading takes no sentence after it (the table would break), and
        # the kind's row alone already says it gets none
        first = min(prose)
        changes[first] = f"{changes[first].rstrip()} {refused.sentence}"
    return replace_units(text, changes, text_units) if changes else text


def _answered(item: KnowledgeItem, new_body: str, rationale: str) -> tuple[str, str]:
    """An edit without the FAQ's yes or no before (or opening) a sentence it made depend on
    the case (`answerword.answer_words`), its rationale saying so. An HTML body keeps it, and
    `checks` flags the edit."""
    if item.body_format == "html":
        return new_body, rationale
    body, words = answer_words(item.body, new_body)
    if not words:
        return new_body, rationale
    return body, (
        f"{rationale} It drops the answer {_quoted(words)} before the rewritten "
        "sentence: the new rule makes it depend on the case, and that sentence says how."
    )


def _unvalued_flag(facts: ChangeFacts, impact: Impact) -> str:
    """Why a flagged item's conflicting sentences that state none of a moved value's old
    values were left as they are, beside those that state one: the value changes where the
    item states it, and the prompt's rule is never put in place of the others."""
    moved = [move for move in facts.moves if move.kind == "value"]
    if not moved:
        return ""
    valued = [
        c.sentence for c in impact.conflicts if any(states_value(m.old, c.sentence) for m in moved)
    ]
    unvalued = [c.sentence for c in impact.conflicts if c.sentence not in valued]
    if not valued or not unvalued:
        return ""
    values = ", ".join(dict.fromkeys(f"{move.old} → {move.new}" for move in moved))
    return (
        f". Of these, {_quoted(valued)} state the moved value ({values}); "
        + _quoted(unvalued)
        + " state none of its old values and are not replaced with the prompt's rule: a "
        "writer should check whether they still hold."
    )


def settings_actions(facts: ChangeFacts, impacts: Sequence[Impact]) -> list[str]:
    """What CS should do about affected macros whose other actions (group, tags, status)
    encode the old behavior (see `kb.settings`)."""
    macros = [impact.item for impact in impacts if impact.affected and impact.item.kind == "macro"]
    return [review.cs_action() for review in settings_reviews(with_gated_kept(facts), macros)]


def _not_needed_edit(
    impact: Impact,
    body: str,
    edit: Callable[[str], str],
    negated: Sequence[str],
    why: str,
    what: str,
) -> tuple[str, str] | None:
    """`body` with `edit` applied to its text and the rationale of an edit of the sentences
    `negated` (saying a requirement is not needed): `why` the new prompt asks for it, `what`
    the edit does. None when the edit changes nothing."""
    new_body = edit_body(body, impact.item.body_format, edit)
    if new_body == body:
        return None
    return new_body, (
        f"{why}; this {impact.item.kind} still says it is not needed in "
        + _quoted(negated)
        + f" {what}"
    )


def _said_too(
    drafted: SuggestedEdit, written: tuple[str, Sequence[str]], what: str
) -> tuple[str, SuggestedEdit]:
    """`drafted` with the body a later pass `written` (the body and what it added), its
    rationale saying `what` was added and quoting it."""
    body, added = written
    rationale = f"{drafted.rationale} {what}: " + "; ".join(f"\u201c{text}\u201d" for text in added)
    return body, replace(drafted, new_body=body, rationale=rationale + ".")
