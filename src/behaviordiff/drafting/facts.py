"""The facts a note may state about one behavior change, taken from the analysis and the diff.

Reads the typed `Analysis` (a live one or one loaded from the store: they are the same model),
so drafts are made alike from either.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from behaviordiff.detect.calendardates import (
    StatedDate,
    dated_subject,
    find_dates,
    iso_day,
    written_day,
)
from behaviordiff.detect.clocktimes import (
    ClockTime,
    clock_variable,
    find_clock_times,
    read_clock_time,
    written_like,
)
from behaviordiff.detect.conditions import counted_over_span
from behaviordiff.detect.facts import (
    CHANNEL_NOUNS,
    Promise,
    extract_promises,
    sentences,
    topic_named,
)
from behaviordiff.detect.model import (
    Analysis,
    Atom,
    Condition,
    Excerpt,
    MovedArgument,
    ProbeVerdict,
    rule_atoms,
)
from behaviordiff.detect.quantities import read_quantity
from behaviordiff.detect.similarity import word_overlap_distance
from behaviordiff.detect.wordamounts import days_moved, names_days
from behaviordiff.drafting.boundclaim import bounds_claim_at
from behaviordiff.drafting.caselabels import flag_other_words, kind_words
from behaviordiff.drafting.categories import (
    category_moves,
    category_nouns,
    excepted_moves,
    named_categories_moves,
    narrowed_category_moves,
    others_keeping,
    paired_by_position,
    shared_category_moves,
    withdrawn_category_moves,
)
from behaviordiff.drafting.exceptbase import departed_rule
from behaviordiff.drafting.flagaudience import state_words
from behaviordiff.drafting.gatedwindow import GatedWindow, gated_windows
from behaviordiff.drafting.grants import condition_categories, narrows_claim, narrows_grant
from behaviordiff.drafting.keptaction import kept_action_words, kept_section_words
from behaviordiff.drafting.keptbranch import kept_branch_last
from behaviordiff.drafting.keptcontact import still_giving
from behaviordiff.drafting.keptrules import kept_rules
from behaviordiff.drafting.keptvalue import held_elsewhere, kept_by_prompt, said_unchanged
from behaviordiff.drafting.limits import past_limit
from behaviordiff.drafting.lineband import line_rules
from behaviordiff.drafting.nextsteps import next_steps
from behaviordiff.drafting.optionlist import option_rules
from behaviordiff.drafting.percentwords import percent_source
from behaviordiff.drafting.phrases import amount_source
from behaviordiff.drafting.rangegain import range_rules
from behaviordiff.drafting.rules import (
    RuleMove,
    rule_moves,
    still_stating,
    tool_alternative,
    tool_fallback,
)
from behaviordiff.drafting.splitband import kept_action_rules
from behaviordiff.drafting.splitrule import (
    continued_rules,
    narrowed_rules,
    sandwiched_rules,
    split_rules,
)
from behaviordiff.drafting.subsetvalue import narrowed_subset_moves
from behaviordiff.drafting.tables import changed_rows
from behaviordiff.drafting.text import terms
from behaviordiff.drafting.toolwords import object_words
from behaviordiff.drafting.valuewords import prompt_phrase
from behaviordiff.drafting.widening import widened_rules
from behaviordiff.textutil import plain_number

_ACTION = re.compile(r"^(?P<name>[\w.-]+)(?:\((?P<args>.*)\))?$")
_ESCALATION_WORDS = ("escalat", "handoff", "hand_off", "human", "specialist")
_HANDED_OVER = re.compile(
    r"^transfer(?:s|ring)?$|(?:^|_)transfer(?:s|ring)?_(?:to|call|chat|conversation|agent|ticket)(?![a-z])"
)
"""A transfer of the conversation: "transfer_to_team", "transfer_call", a bare "transfer"."""
CURRENCY_CODES = {"usd": "$", "dollars": "$", "gbp": "£", "eur": "€", "euros": "€"}
"""Words of an argument's name that say the currency of its amount ("pounds" is not one: a
weight is in pounds too)."""
CHARGE_NOUNS = frozenset({"fee", "price", "cost", "charge", "fine", "deposit", "surcharge"})
"""Words of an argument's name that say the customer pays the amount."""
MONEY_FEATURE = re.compile(r"(total|amount|price|fee|cost|value|spend|balance)", re.I)
_MEMBERSHIP = re.compile(r"(membership|tier|plan|segment|level|customer_type)$", re.I)


@dataclass(frozen=True)
class ActionFact:
    name: str
    arguments: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, label: str) -> ActionFact:
        match = _ACTION.match(label.strip())
        if match is None:
            return cls(label.strip())
        pairs: list[tuple[str, str]] = []
        for part in (match.group("args") or "").split(","):
            key, sep, value = part.strip().partition("=")
            if sep:
                pairs.append((key.strip(), value.strip()))
        return cls(match.group("name"), tuple(pairs))

    @property
    def is_escalation(self) -> bool:
        """A hand-off by its name: "escalate_to_human", "transfer_to_desk"; a transfer of a
        thing ("transfer_keeper", "send_transfer") is an action of its own."""
        name = self.name.lower()
        if any(word in name for word in _ESCALATION_WORDS):
            return True
        return bool(_HANDED_OVER.search(name))

    def argument(self, key: str) -> str | None:
        return dict(self.arguments).get(key)

    def shape(self) -> ActionFact:
        """The call without its numbers, as the analysis groups calls."""
        return ActionFact(self.name, tuple(p for p in self.arguments if _number(p[1]) is None))

    def code(self) -> str:
        """`issue_refund` (type shipping)."""
        shown = ", ".join(f"{key} {value}" for key, value in self.arguments)
        return f"`{self.name}`" + (f", {shown}" if shown else "")

    def words(self) -> str:
        """What the action does, in words a CS rep uses."""
        name = self.name.lower()
        if self.is_escalation:
            return "hands the conversation to a human specialist"
        if "refund" in name:
            kind = self.argument("type")
            return f"issues a {kind} refund" if kind else "issues a refund"
        readable = self.name.replace("_", " ").replace("-", " ")
        return f"calls {readable}"


@dataclass(frozen=True)
class Rule:
    """A prompt or config hunk behind the change, quoted as the new (or old) rule."""

    hunk_id: str
    kind: str
    section: str | None
    old: str | None
    new: str | None
    summary: str
    tool: str | None = None
    """What the config says the tool of a tool hunk does (its description), when it says."""


@dataclass(frozen=True)
class FacetShift:
    """A yes/no facet (refusal, escalation) that flipped the same way in some of a change's
    probes: what the change means in practice for those customers ("was refused, is now
    accepted"), which the change's promises or actions alone do not say."""

    facet: str
    """"refusal" or "escalation"."""
    direction: str
    """"removed": the old version did it and the new one does not; "added": the reverse."""
    probe_ids: tuple[str, ...]
    of: int
    """How many probes the change has."""
    old: str
    """The old reply of the first such probe."""
    new: str
    removed: tuple[str, ...] = ()
    """Promise keys every such probe lost ("duration:30 days")."""
    added: tuple[str, ...] = ()

    @property
    def partial(self) -> bool:
        return len(self.probe_ids) < self.of

    def summary(self) -> str:
        """The measured fact, as the grounding corpus holds it."""
        return f"{self.facet} {self.direction} in {len(self.probe_ids)} of {self.of} probes"


_NUMERIC_BOUNDS = frozenset({"between", ">", ">=", "<", "<="})
"""Condition operators that bound a number: a moved value as one of their bounds makes the
change the move itself, whichever side the band lies on (a cap raised: `> 10 and <= 15`; a
start moved later: `< 5`; a close moved earlier: `>= 20`)."""

_RATIO_WORDS = {2.0: "twice", 3.0: "three times", 4.0: "four times", 0.5: "half"}


@dataclass(frozen=True)
class MovedValue:
    """An argument of a call both versions make, whose value moved probe by probe: the amount
    of `issue_refund` (type shipping), 4.5 → 9 in one probe and 7.5 → 15 in another. The call
    is the same before and after; only the number changed."""

    call: ActionFact
    """The call without its numbers: `issue_refund` (type shipping)."""
    argument: str
    values: tuple[tuple[str, float, float], ...]
    """(probe id, old value, new value) per probe."""
    ratio: float | None = None
    """new / old in every probe (within rounding), when they share one."""
    difference: float | None = None
    """new − old in every probe, when they share one (and no ratio)."""
    text_currency: str | None = None
    """The currency sign the change's prompt sentences and replies write amounts with, when
    they write one: a fee whose argument names no currency (`fee`) is in the currency the
    prompt charges it in ("a £15 late-cancellation fee"), not in dollars."""
    signed: bool = False
    """The change's prompt sentences write one of its values with a currency sign ("costs
    £150" for `charge` 150): an amount, whatever its argument's name says."""

    @classmethod
    def from_argument(cls, row: MovedArgument) -> MovedValue | None:
        values = []
        for item in row.values:
            old, new = _number(item.old), _number(item.new)
            if old is None or new is None:
                return None
            values.append((item.probe_id, old, new))
        if not values or not row.argument:
            return None
        return cls(
            ActionFact.parse(row.call),
            row.argument,
            tuple(values),
            _number(row.ratio),
            _number(row.difference),
        )

    @property
    def money(self) -> bool:
        return bool(MONEY_FEATURE.search(self.argument)) or self._code is not None or self.signed

    @property
    def _code(self) -> str | None:
        words = re.split(r"[\W_]+", self.argument.lower())
        return next((CURRENCY_CODES[word] for word in words if word in CURRENCY_CODES), None)

    @property
    def currency(self) -> str:
        """The sign of the currency the argument's name says its amount is in (`fee_gbp` is
        in pounds, `price_eur` in euros); when it names none, the one the change's prompt
        sentences and replies write amounts with ("£15" for `fee`); "$" when neither does."""
        return self._code or self.text_currency or "$"

    @property
    def argument_words(self) -> str:
        """The argument's name in words, without the currency it names ("fee" of `fee_gbp`,
        whose amounts are shown in pounds)."""
        words = [word for word in self.argument.lower().split("_") if word]
        kept = [word for word in words if word not in CURRENCY_CODES]
        return " ".join(kept or words)

    @property
    def refund(self) -> bool:
        return self.money and "refund" in self.call.name.lower()

    @property
    def charge(self) -> str | None:
        """What the customer pays, when the argument's name says it and the call's does not
        ("fee" of `swap_instrument` (fee_gbp)); None for an amount the customer gets."""
        if not self.money or self.refund:
            return None
        words = re.split(r"[\W_]+", self.argument.lower())
        said = set(re.split(r"[\W_]+", self.call.name.lower()))
        return next((word for word in words if word in CHARGE_NOUNS and word not in said), None)

    @property
    def noun(self) -> str | None:
        """What a money call's amount is: "refund" (`issue_refund`), "voucher", or what the
        customer pays, named by the argument when it says what the charge is ("weekend fee"
        of `book_valet` (weekend_fee_gbp)), else by what the call is about ("instrument swap
        fee" of `swap_instrument` (fee_gbp), "engraving fee" of `add_engraving`)."""
        if not self.money:
            return None
        if self.refund:
            return "refund"
        if self.charge:
            # the argument's own words before its charge noun name it best ("weekend fee" of
            # `book_valet` (weekend_fee_gbp)), else what the call is about
            words = [w for w in re.split(r"[\W_]+", self.argument.lower()) if w]
            qualifier = words[: words.index(self.charge)]
            if qualifier and all(w.isalpha() and w not in CURRENCY_CODES for w in qualifier):
                return f"{' '.join(qualifier)} {self.charge}"
            return f"{object_words(self.call.name)} {self.charge}"
        return self.call.name.lower().rsplit("_", 1)[-1]

    def shown(self, value: float) -> str:
        """£4.50 for an amount (in the argument's currency), 4.5 for anything else, "none" for
        no things counted (an argument named in the plural: `child_tickets` 0)."""
        if self.money:
            return f"{self.currency}{value:,.2f}"
        if value == 0 and _COUNTED_PLURAL.search(self.argument):
            return "none"
        return plain_number(value)

    def pairs(self) -> list[tuple[float, float]]:
        """The distinct (old, new) pairs, in probe order."""
        return list(dict.fromkeys((old, new) for _, old, new in self.values))

    @property
    def direction(self) -> str:
        """ "up", "down" or "mixed"."""
        if all(new > old for old, new in self.pairs()):
            return "up"
        if all(new < old for old, new in self.pairs()):
            return "down"
        return "mixed"

    def ratio_words(self) -> str | None:
        """ "twice", "half", "1.5 times"."""
        if self.ratio is None:
            return None
        share = self.share_kept()
        if self.ratio not in _RATIO_WORDS and share is not None:
            return f"{share} of"
        return _RATIO_WORDS.get(self.ratio, f"{plain_number(self.ratio)} times")

    def share_kept(self) -> str | None:
        """ "85%" for a ratio below one that is a whole percentage (×0.85): a reader says
        what share of the old value is left, never "0.85 times"."""
        if self.ratio is None or not 0 < self.ratio < 1:
            return None
        percent = self.ratio * 100
        if abs(percent - round(percent)) > 1e-6:
            return None
        return f"{round(percent)}%"

    def difference_shown(self) -> str | None:
        return None if self.difference is None else self.shown(abs(self.difference))

    def summary(self) -> str:
        """The measured values as the grounding corpus holds them."""
        pairs = ", ".join(
            f"{plain_number(old)} → {plain_number(new)} ({self.shown(old)} → {self.shown(new)})"
            for old, new in self.pairs()
        )
        text = f"{self.argument} of {self.call.code()}: {pairs}"
        if self.ratio is not None:
            text += f"; ×{plain_number(self.ratio)} in every probe"
            share = self.share_kept()
            if share is not None:
                text += f" ({share} of the old value)"
        if self.difference is not None:
            text += f"; {self.difference_shown()} difference in every probe"
        return text


@dataclass
class ChangeFacts:
    id: str
    title: str
    kind: str
    facets: list[str]
    probe_ids: list[str]
    before_actions: list[ActionFact] = field(default_factory=list)
    after_actions: list[ActionFact] = field(default_factory=list)
    removed_promises: list[Promise] = field(default_factory=list)
    """Stated in most old replies of the change's probes, not in the new ones."""
    added_promises: list[Promise] = field(default_factory=list)
    examples: list[Promise] = field(default_factory=list)
    """Values that vary probe by probe (refunded amounts): examples, not policy."""
    escalation: str | None = None
    """"removed" or "added" when escalation to a human flipped."""
    conditions: list[Condition] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    excerpts: list[Excerpt] = field(default_factory=list)
    others: int = 0
    """Probes outside the change that the analysis compared."""
    unjudged: list[str] = field(default_factory=list)
    """Probes outside the change that the analysis could not judge (a run failed on one side,
    or too few samples agreed): with no condition found, they may be the ones that would
    have set the change's probes apart, so the note does not widen it to every customer."""
    shifts: list[FacetShift] = field(default_factory=list)
    """Refusal or escalation flips among the change's probes."""
    tag_topics: dict[str, str] = field(default_factory=dict)
    condition_values: list[str] = field(default_factory=list)
    """The values the change's probes have for the condition's features ("days_to_arrival:
    8, 9, 13"): evidence a note may quote ("8 to 13 days before arrival")."""
    """How the note names each tag of the condition ("cancel" → "cancellations")."""
    moved: list[MovedValue] = field(default_factory=list)
    """The same calls with other numbers: what moved, probe by probe. Such a change has the
    call in `after_actions` and nothing in `before_actions` (no call went away)."""
    moved_rule: tuple[Promise, Promise] | None = None
    """The prompt value behind the moved numbers (50% → 100% of the shipping fee), when the
    rule behind the change states it and its ratio matches the numbers'."""
    moved_elsewhere: bool = False
    """Probes outside the change make the same call in the new version: its old numbers still
    hold for other customers."""
    moves: list[RuleMove] = field(default_factory=list)
    """The prompt sentences behind the change whose value moved (10% → 15%) or whose list of
    who qualifies grew (Platinum → Gold and Platinum): KB text may state the old rule."""
    unchanged_promises: list[Promise] = field(default_factory=list)
    """What conversations outside the change still state, before and after, while taking an
    action the change's conversations no longer take ("a contractor attends within 4 hours"
    for emergencies when urgent repairs changed), and none of the change's conversations
    state: a KB sentence stating one is about those customers."""
    still_stated: list[str] = field(default_factory=list)
    """Sentences of the new prompt outside the change that still state a moved time of day's
    old value (`rules.still_stating`): a KB sentence closer to one of them than to the moved
    rule is about that other rule."""
    kept_routes: list[str] = field(default_factory=list)
    """Sentences of the new prompt outside the changed rules that still give a removed contact
    route (`keptcontact.still_giving`: the phone number kept for bookings when lost cards moved
    to a form): a KB sentence closer to one of them than to the changed rule is about that
    topic."""
    kept_for_others: list[str] = field(default_factory=list)
    """Sentences of the new prompt still stating a category move's old value beside its new
    sentence (`categories.others_keeping`): what the other categories keep, naming them."""
    kept_rules: list[str] = field(default_factory=list)
    """Sentences of the new prompt outside the change that state a moved value's old value
    (`keptrules.kept_rules`: "Deposits are refundable within 14 days of booking." when a
    hand-off moved from 14 days to 7): a KB sentence saying one of them is no conflict."""
    departed_rule: str | None = None
    """The new prompt's sentence for everyone else that a rule naming the change's customers
    as the exception departs from (`exceptbase.departed_rule`): what they were told before."""
    kept_action_topics: list[frozenset[str]] = field(default_factory=list)
    """The topic words of each section of the new prompt outside the change that still
    describes an action the change dropped (`keptaction.kept_action_words`: returns still
    refunded when damaged fragrances no longer are): a KB sentence on that topic is no
    conflict for describing the action."""
    kept_action_said: list[frozenset[str]] = field(default_factory=list)
    """All the words of each section `kept_action_topics` was read from
    (`keptaction.kept_section_words`): what the change's topic shares with it tells no topic
    apart."""
    past_limit: dict[str, str] = field(default_factory=dict)
    """By a value move's new prompt sentence: the sentence after it that says what happens past
    its line, referring back to it and naming no amount (`limits.past_limit`: "For a date
    further ahead than that, don't book"). KB text states the old line in its words too."""
    tool_fallbacks: list[tuple[str, str]] = field(default_factory=list)
    """For a tool the config added that the agent now calls: (its description, the prompt's
    sentence saying what to do while no tool did that, `rules.tool_fallback`). KB text saying
    the latter describes the old handling."""
    key_part: str = ""
    """Set by `build_facts` only when another change of the release has the same content
    key (the same values moved under another topic): its probes, so each change keeps a
    note of its own."""
    kind_words: list[str] = field(default_factory=list)
    """What the condition's category variable is a kind of, as the new prompt labels the line
    showing it (`caselabels.kind_words`: "Pet: {{ species }}" → pet)."""
    flag_other: list[str] = field(default_factory=list)
    """How the new prompt names the other value of the condition's true flag
    (`caselabels.flag_other_words`: "Valid prescription:" beside "Expired prescription:")."""
    gated: list[GatedWindow] = field(default_factory=list)
    """The value moves that shortened a window for an action the change's conversations no
    longer take, the old line still bounding the band they left (`gatedwindow.gated_windows`):
    a KB sentence states the moved rule when it names that action."""
    prompt_sections: dict[str, list[str]] = field(default_factory=dict)
    """The new prompt's sentences by section (`versions.head_sections`): what another rule of
    the new prompt says (`casecharge`: rain rebooked for free is that rule's, not a charge's)."""
    section_changes: list[tuple[str, str]] = field(default_factory=list)
    """(old, new) of each prompt sentence the new version rewrote in a section of the change's
    rules, attributed to this change or to none (`deniedbound`: a claim of no restriction
    rewritten beside the rule the detector named)."""

    @property
    def new_prompt_sentences(self) -> list[str]:
        """Every sentence of the new prompt, section after section (`prompt_sections`)."""
        return [sentence for said in self.prompt_sections.values() for sentence in said]

    next_steps: dict[str, list[str]] = field(default_factory=dict)
    """By a rule's new sentence: the sentences after it in its section that go on with its
    steps for the customer (`nextsteps.next_steps`: "Ask for a photo of the box labels, and
    tell the customer we refund within 3 working days.")."""
    unchanged_values: list[str] = field(default_factory=list)
    """Keys of values the old replies gave with a call the change stopped that the new prompt
    still states, unchanged (`keptvalue.said_unchanged`): no fact of the change to quote; those
    another section states are no promise it removed either."""
    case_said: list[str] = field(default_factory=list)
    """How the change's customers name their case: words the changed probes' user messages
    use and the unchanged probes on their topic never do (`casesaid.said_case_words`, set by
    the drafting service: "GP", "hospital" when `setting = medical` changed)."""
    own_amounts: list[str] = field(default_factory=list)
    """Amounts the replies state that are each customer's own (`own_amounts`): a ticket's
    price read from a tool result, £189 for one customer and £79 for another. No policy
    value: not what customers are told, nor a fact to quote."""

    @property
    def explained_by_moves(self) -> bool:
        """The change is the rule move itself: its condition is the band between the old and
        the new value (requests over 10% and up to 15%), or names the term that joined. Then
        the KB sentences stating the old rule are what is wrong, not every sentence that
        states what the old replies said."""
        condition = self.condition
        if not self.moves or condition is None:
            return False
        values = {m.old for m in self.moves} | {m.new for m in self.moves}
        numbers = {_number(re.sub(r"[^\d.]", "", v.split()[0])) for v in values}
        numbers |= _amounts_in_units(values)
        numbers |= {time.hour for value in values if (time := read_clock_time(value)) is not None}
        terms = {m.added_term.lower() for m in self.moves if m.kind == "term"}
        # the days a set of days gained or lost ("Monday to Saturday" → "Monday to Friday"):
        # a condition on one of them (`day = saturday`) is the move itself
        days = frozenset(day for m in self.moves for day in days_moved(m.old, m.new))
        for atom in condition.atoms:
            given = atom.value if isinstance(atom.value, tuple) else (atom.value,)
            if (
                days
                and atom.op in ("=", "in")
                and given
                and all(isinstance(v, str) and names_days(v, days) for v in given)
            ):
                return True
        for atom in condition.atoms:
            bounds = [bound for bound in (atom.low, atom.high, atom.value) if bound is not None]
            if atom.op in _NUMERIC_BOUNDS and any(
                _number(bound) in numbers or _months(bound, values) for bound in bounds
            ):
                return True
            if atom.op == "=" and str(atom.value).lower() in terms:
                return True
        return False

    @property
    def condition(self) -> Condition | None:
        return self.conditions[0] if self.conditions else None

    @property
    def stable_key(self) -> str:
        """Names the change by what changed, not by its position ("C1"), so a writer's edits
        stay with the same change when a re-analysis numbers the changes differently."""
        content = {
            "kind": self.kind,
            "before": sorted(str(action) for action in self.before_actions),
            "after": sorted(str(action) for action in self.after_actions),
            "removed": sorted(promise.key for promise in self.removed_promises),
            "added": sorted(promise.key for promise in self.added_promises),
            "escalation": self.escalation,
        }
        if self.moved:
            content["moved"] = sorted(f"{m.call} {m.argument} {m.direction}" for m in self.moved)
        if not any(content[part] for part in ("before", "after", "removed", "added")):
            content["title"] = self.title
        if self.key_part:
            content["part"] = self.key_part
        digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
        return f"change-{digest[:12]}"

    @property
    def restricted(self) -> bool:
        """True when the change happens only for some of the compared probes."""
        condition = self.condition
        return bool(condition) and self.others > 0

    @property
    def part_of_topic(self) -> bool:
        """True when the change reaches only some of the customers on its topic, so a macro
        for that topic still serves others who keep the old handling: `restricted`, unless
        the condition is the topic itself (`whole_topic`) and no unchanged probe shares it."""
        condition = self.condition
        if not self.restricted or condition is None:
            return False
        return not (self.whole_topic and condition.matched_others == 0)

    @property
    def whole_topic(self) -> bool:
        """True when the change reaches everyone on its topic: a condition of topic tags alone,
        so no one asking about that topic keeps the old handling. A flag stated beside them as
        their label (`Atom.tag_label`: every probe filed under the tag has it) picks no one
        out of the topic."""
        condition = self.condition
        atoms = condition.atoms if condition is not None else ()
        tags = [atom for atom in atoms if atom.op == "tag"]
        return bool(tags) and all(atom.op == "tag" or atom.tag_label for atom in atoms)

    def category_values(self) -> tuple[str, ...] | None:
        """The values, in words ("bell tent"), of the one category the change's condition
        tests (`=` or `in` on words, its topic tags aside), when it holds only for some
        probes; None for any other condition."""
        condition = self.condition
        if not self.restricted or condition is None:
            return None
        atoms = rule_atoms(condition)
        if len(atoms) != 1 or atoms[0].op not in ("in", "="):
            return None
        raw = atoms[0].value if isinstance(atoms[0].value, tuple) else (atoms[0].value,)
        if not raw or not all(isinstance(value, str) and value for value in raw):
            return None
        return tuple(str(value).replace("_", " ").lower() for value in raw)

    def when(self) -> str:
        condition = self.condition
        if condition is None:
            return ""
        return condition_words(
            condition.atoms,
            self.tag_topics,
            self.currency,
            self.clock,
            self.dated,
            self.prompt_sentences(),
        )

    def who(self) -> str:
        """The condition without topic tags: who the new behavior applies to."""
        condition = self.condition
        if condition is None:
            return ""
        atoms = [atom for atom in condition.atoms if atom.op != "tag"]
        if not atoms:
            return ""
        return condition_words(
            atoms,
            currency=self.currency,
            clock=self.clock,
            dated=self.dated,
            prompt=self.prompt_sentences(),
        )

    def prompt_sentences(self) -> list[str]:
        """The prompt sentences behind the change, new ones first: how the prompt writes the
        condition's values and the arguments' ("the Highlands and Islands")."""
        return [text for rule in self.rules for text in (rule.new or "", rule.old or "") if text]

    @property
    def currency(self) -> str:
        """The currency sign the change's prompt sentences and replies write amounts with."""
        texts = [text for rule in self.rules for text in (rule.old or "", rule.new or "")]
        texts += [text for excerpt in self.excerpts for text in (excerpt.old, excerpt.new)]
        return currency_symbol(texts)

    @property
    def clock(self) -> ClockTime | None:
        """How the change's prompt sentences write a time of day ("5pm", "17:00"), new ones
        first; None when they write none."""
        texts = [text for rule in self.rules for text in (rule.new or "", rule.old or "")]
        return next((time for text in texts for time in find_clock_times(text)), None)

    @property
    def dated(self) -> DateWords | None:
        """How the change's prompt sentences write a date ("1 November 2026"), new ones first,
        and what they say it is the date of ("orders placed"); None when they write none."""
        texts = [text for rule in self.rules for text in (rule.new or "", rule.old or "")]
        found = [day for text in texts for day in find_dates(text)]
        if not found:
            return None
        # a date in words reads better in a note than the ISO form a rule may repeat it in
        like = next((day for day in found if day.style != "iso"), found[0])
        return DateWords(like, dated_subject(texts))

    def category_kinds(self) -> set[str]:
        """What the condition's categories are kinds of, as stems: the variable's own words
        ("bike_category" → bike) and what the new prompt says they sort ("the instrument, its
        category" → instrument; `caselabels.kind_words`)."""
        return category_nouns(self.conditions) | set(self.kind_words)

    def new_rules(self) -> list[str]:
        return [rule.new for rule in self.rules if rule.new]

    def corpus(self) -> str:
        """All the text the facts come from: what a grounded draft may state."""
        parts: list[str] = [self.title, self.when()]
        parts += [action.code() + " " + action.words() for action in self.before_actions]
        parts += [action.code() + " " + action.words() for action in self.after_actions]
        parts += [p.value for p in (*self.removed_promises, *self.added_promises, *self.examples)]
        for condition in self.conditions:
            parts += [condition.text, condition.describe()]
        for rule in self.rules:
            parts += [rule.summary, rule.old or "", rule.new or ""]
        for excerpt in self.excerpts:
            parts += [excerpt.old, excerpt.new]
        for shift in self.shifts:
            parts += [shift.summary(), shift.old, shift.new]
        parts += [moved.summary() for moved in self.moved]
        parts += self.condition_values
        return "\n".join(part for part in parts if part)


def _amounts_in_units(values: set[str]) -> set[float | None]:
    """Moved amounts in each duration unit a condition's variable may have: "a fortnight" is
    14 (days), 2 (weeks), 336 (hours)."""
    found: set[float | None] = set()
    for value in values:
        amount = read_quantity(value)
        if amount is None:
            continue
        for unit in _UNIT_WORDS:
            converted = amount.in_unit(unit)
            if converted is not None:
                found.add(round(converted, 6))
    return found


def _months(bound: Any, values: set[str]) -> bool:
    """A bound in months or days that is one of the moved durations in years or months."""
    number = _number(bound)
    if number is None:
        return False
    for value in values:
        match = re.match(r"(\d+(?:\.\d+)?)[\s-](year|month|week)", value)
        if match:
            amount = float(match.group(1))
            scale = {"year": (12, 365), "month": (1, 30), "week": (0.25, 7)}[match.group(2)]
            if number in (amount * scale[0], amount * scale[1]):
                return True
    return False


def _money(value: float, currency: str = "$") -> str:
    return f"{currency}{value:,.0f}" if float(value).is_integer() else f"{currency}{value:,.2f}"


_CURRENCY = re.compile(r"([$€£])\s?\d")


_WRITTEN_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d,]|\.\d)")
_SIGN_BEFORE = re.compile(r"[$€£]\s?$")
_COUNT_NAME = frozenset(
    [
        *("count", "number", "num", "qty", "quantity", "size", "times", "nights", "night"),
        *("days", "day", "weeks", "week", "months", "month", "years", "year", "hours", "hour"),
        *("minutes", "people", "guests", "seats", "places", "items", "units", "pieces"),
        *("position", "rank"),
    ]
)
"""Words of an argument's name that say it counts or orders things (`party_size`,
`nights`, `guest_count`): its number is never an amount of money, whatever sign a prompt
sentence writes beside the same number."""


def _counts(argument: str) -> bool:
    words = [word for word in re.split(r"[\W_]+", argument.lower()) if word]
    return bool(_COUNTED_PLURAL.search(argument)) or any(word in _COUNT_NAME for word in words)


def _signed(moved: MovedValue, sentences: Iterable[str]) -> MovedValue:
    """`moved`, marked as an amount when the sentences write one of its non-zero values with
    a currency sign and never bare, but for beside the argument's own name ("costs €20 …
    (penalty 20)"): "Stays of 5 nights get a £5 voucher" writes 5 as a count too, so `nights`
    5 is no amount. An argument whose name says it counts (`party_size`, `nights`) never is."""
    if moved.money or _counts(moved.argument):
        return moved
    name = re.compile(
        r"\b"
        + r"[\s_-]?".join(re.escape(w) for w in moved.argument.lower().split("_") if w)
        + r"\W{0,3}$"
    )
    signed: set[float] = set()
    bare: set[float] = set()
    for text in sentences:
        for match in _WRITTEN_NUMBER.finditer(text):
            value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
            before = text[max(0, match.start() - 2) : match.start()]
            if _SIGN_BEFORE.search(before):
                signed.add(value)
            elif not name.search(text[max(0, match.start() - 40) : match.start()].lower()):
                bare.add(value)
    values = {value for _, old, new in moved.values for value in (old, new) if value}
    return replace(moved, signed=True) if values & (signed - bare) else moved


def _writes_currency(item: ChangeFacts) -> bool:
    """True when the change's prompt sentences or replies write an amount with a sign."""
    texts = [text for rule in item.rules for text in (rule.old or "", rule.new or "")]
    texts += [text for excerpt in item.excerpts for text in (excerpt.old, excerpt.new)]
    return any(_CURRENCY.search(text) for text in texts)


def currency_symbol(texts: Iterable[str]) -> str:
    """The currency sign the texts write amounts with ("€" when "€20" outnumbers "$20"), "$"
    when they write none: an amount a draft states is written as the texts write it."""
    counts = Counter(match.group(1) for text in texts for match in _CURRENCY.finditer(text))
    return counts.most_common(1)[0][0] if counts else "$"


def _number(value: Any) -> float | None:
    """A finite number, else None (booleans, text, inf and nan are not amounts)."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value) if isinstance(value, int | float) else float(str(value))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _feature_words(feature: str) -> str:
    name = feature.rsplit(".", 1)[-1]
    return name.replace("_", " ").strip()


_PERCENT_FEATURE = re.compile(r"percent|pct|discount|rate", re.I)
_UNIT_WORDS = ("minutes", "hours", "days", "weeks", "months", "years")
_MEASURES = ("kg", "lb", "lbs", "km", "miles", "gb", "mb", "kwh", "cm", "m2")
_LAST_MEASURES = ("m", "mm")
"""Units a variable's name ends with that are too short to read anywhere else in it
("rug_length_m" is metres; the "m" of "m_count" is not)."""
_DURATION_HINTS = {
    "delay",
    "wait",
    "waiting",
    "duration",
    "since",
    "elapsed",
    "age",
    "late",
    "after",
}


def _shown(feature: str, value: float, currency: str = "$") -> str:
    name = feature.lower()
    last = name.rsplit(".", 1)[-1]
    if MONEY_FEATURE.search(last):
        return _money(value, currency)
    number = str(int(value)) if float(value).is_integer() else f"{value:g}"
    if _PERCENT_FEATURE.search(last):
        return f"{number}%"
    words = set(re.findall(r"[a-z]+", last))
    for measure in _MEASURES:
        if measure in words:
            return _counted(number, measure)
    if "_" in last and last.rsplit("_", 1)[-1] in _LAST_MEASURES:
        return _counted(number, last.rsplit("_", 1)[-1])
    if "hour" in words and "hours" not in words and not words & _DURATION_HINTS:
        return f"{number}:00"  # a time of day: "checkout_hour" 14 is 14:00, not 14 hours
    if counted_over_span(last):
        return number  # `services_this_year`: a count over a year, not a number of years
    for unit in _UNIT_WORDS:
        if unit in words or unit[:-1] in words or name.endswith(unit) or name.endswith(unit[:-1]):
            return _counted(number, unit)
    return number


def _counted(number: str, unit: str) -> str:
    """ "1 day", "2 days": a plural unit said in the singular after one."""
    if number == "1" and unit.endswith("s") and not unit.endswith("ss"):
        return f"1 {unit[:-1]}"
    return f"{number} {unit}"


_BARE_TIME = {
    "until": "time left",
    "before": "time left",
    "left": "time left",
    "remaining": "time left",
    "to go": "time left",
    "since": "time passed",
    "after": "time passed",
    "ago": "time passed",
}
"""A variable that names only a unit and a preposition ("hours_until"), in words."""


def _feature_subject(feature: str) -> str:
    """The variable's words without its unit: "months since purchase" → "time since purchase"."""
    words = _feature_words(feature)
    if counted_over_span(feature):
        return words  # "services this year": the span says when it is counted
    for measure in (*_MEASURES, *_LAST_MEASURES):
        if words.endswith(" " + measure):
            words = words[: -len(measure) - 1]
    for unit in _UNIT_WORDS:
        for form in (unit, unit[:-1]):
            if words.startswith(form + " "):
                rest = words[len(form) + 1 :]
                # "hours until" names no event: the time left, not "time until"
                return _BARE_TIME.get(rest, "time " + rest)
            if words.endswith(" " + form):
                return words[: -len(form) - 1]
    return words


_NOUN_ENDINGS = re.compile(r"(?:ation|ion|ment|al|ance|ence|ure)s?$")


def tag_topic(tag: str, texts: Sequence[str]) -> str:
    """How a note names what a tag's conversations are about: the tag's own words, or the noun
    the change's own texts make of it when the tag is a bare verb ("cancel" → "cancellations"
    where the prompt says "Cancellations"), so a note never reads "asking about cancel"."""
    words = tag.replace("_", " ").replace("-", " ")
    if " " in words.strip() or not words.isalpha():
        return words
    found: Counter[str] = Counter()
    for text in texts:
        for word in re.findall(r"[A-Za-z]+", text):
            lowered = word.lower()
            rest = lowered.removeprefix(words.lower())
            if rest == lowered or not rest:
                continue
            if rest[0] == lowered[len(words) - 1]:
                rest = rest[1:]  # "cancel" → "cancellation": the doubled consonant
            if _NOUN_ENDINGS.fullmatch(rest):
                found[lowered] += 1
    if not found:
        return words
    return max(found.items(), key=lambda item: (item[1], item[0].endswith("s"), item[0]))[0]


_CLOCK_BOUNDS = {">": "after", ">=": "from", "<": "before", "<=": "until"}
"""How a note bounds a time of day: "before 5pm" is `< 17`, "until 14:00" `<= 14`."""
_24_HOUR = ClockTime(0, 0, "14:00", 14.0, False)


def _bound_words(
    atom: Atom, bounds: Mapping[str, str], written: Callable[[Any], str | None]
) -> str | None:
    """An atom's bound in words, `bounds` naming each comparison and `written` writing each
    value ("from 2pm and before 5pm", "on or after 1 November 2026"); None when the atom is
    no such bound or a value cannot be written."""
    if atom.op == "between":
        low, high = written(atom.low), written(atom.high)
        if low is None or high is None:
            return None
        return (
            f"{bounds['>=' if atom.low_inclusive else '>']} {low} and "
            f"{bounds['<=' if atom.high_inclusive else '<']} {high}"
        )
    if atom.op in bounds and (shown := written(atom.value)) is not None:
        return f"{bounds[atom.op]} {shown}"
    return None


def _clock_words(atom: Atom, clock: ClockTime | None) -> str | None:
    """A bound on a time-of-day variable in the words and style the prompt uses for times
    ("reported from 2pm and before 5pm", "with checkout time until 14:00"), the 24-hour clock
    where it writes none; None when the atom holds no such bound."""
    like = clock or _24_HOUR

    def written(value: Any) -> str | None:
        number = _number(value)
        return None if number is None else written_like(number, like)

    bound = _bound_words(atom, _CLOCK_BOUNDS, written)
    if bound is None:
        return None
    subject = _feature_subject(atom.feature) if "hour" in atom.feature.lower() else ""
    if subject.endswith("ed"):
        return f"{subject} {bound}"  # "reported before 5pm"
    return f"with {subject} time {bound}" if subject else f"at a time {bound}"


_DATE_BOUNDS = {">": "after", ">=": "on or after", "<": "before", "<=": "on or before"}
"""How a note bounds a date: `>= 2026-11-01` is "on or after 1 November 2026"."""
_DATE_NAME_WORDS = frozenset({"date", "day", "on", "at"})


@dataclass(frozen=True)
class DateWords:
    """How a change's prompt writes its dates: one date as written (`written_day` copies its
    style), and what its dates are dates of ("orders placed"), "" when it does not say."""

    like: StatedDate | None
    subject: str = ""


def _date_words(atom: Atom, dated: DateWords | None) -> tuple[str, str] | None:
    """A bound on a variable of dates in the words and style the change's prompt writes its
    dates: "orders placed on or after 1 November 2026" where the prompt says what is dated,
    else "ordered on or after 1 November 2026", "with booking date before March 3, 2025";
    None when the atom holds no date bound."""
    like = dated.like if dated is not None else None

    def written(value: Any) -> str | None:
        day = iso_day(value) if isinstance(value, str) else None
        return None if day is None else written_day(day, like)

    bound = _bound_words(atom, _DATE_BOUNDS, written)
    if bound is None:
        return None
    if dated is not None and dated.subject:
        return "subject", f"{dated.subject} {bound}"
    words = [w for w in _feature_words(atom.feature).split() if w not in _DATE_NAME_WORDS]
    if words and words[-1].endswith("ed"):
        return "qualifier", f"{' '.join(words)} {bound}"  # "ordered on or after 1 November"
    if words:
        return "qualifier", f"with {_feature_words(atom.feature)} {bound}"
    return "qualifier", f"dated {bound}"


def _atom_tags(atom: Atom) -> list[str]:
    """The tags a tag atom matches: its own, or each of a pair (`tag in {a, b}`)."""
    if isinstance(atom.value, tuple):
        return [str(tag) for tag in atom.value]
    return [atom.feature.removeprefix("tag:")]


def atom_words(
    atom: Atom,
    tag_topics: Mapping[str, str] | None = None,
    currency: str = "$",
    clock: ClockTime | None = None,
    dated: DateWords | None = None,
    prompt: Sequence[str] = (),
) -> tuple[str, str]:
    """("subject" or "qualifier", words) for one condition atom; `tag_topics` names tags
    (`tag_topic`), else a tag reads as it is; a bound on a time of day is written like
    `clock` (how the change's prompt sentences write times), one on a date like `dated`; a
    category value as the `prompt` sentences write it ("the Highlands and Islands" for
    `highlands_islands`, `valuewords.prompt_phrase`), else as its words."""
    feature = atom.feature
    op = atom.op
    name = feature.rsplit(".", 1)[-1].lower()
    if op == "tag":
        topics = [(tag_topics or {}).get(tag, tag.replace("_", " ")) for tag in _atom_tags(atom)]
        return "qualifier", f"asking about {' or '.join(dict.fromkeys(topics))}"
    if clock_variable(feature) and (timed := _clock_words(atom, clock)) is not None:
        return "qualifier", timed
    if (on_day := _date_words(atom, dated)) is not None:
        return on_day
    value = atom.value
    if op == "between":
        low, high = _number(atom.low), _number(atom.high)
        if low is None or high is None:
            return "qualifier", f"{_feature_words(feature)} between {atom.low} and {atom.high}"
        low_shown, high_shown = _shown(feature, low, currency), _shown(feature, high, currency)
        lower = "from" if atom.low_inclusive else "over"
        upper = "up to" if atom.high_inclusive else "under"
        if name.startswith("delay"):
            return "qualifier", f"delayed more than {low_shown} but no more than {high_shown}"
        if name.startswith("order_") and MONEY_FEATURE.search(name):
            return "subject", f"orders {lower} {low_shown} and {upper} {high_shown}"
        return "qualifier", (
            f"with {_feature_subject(feature)} {lower} {low_shown} and {upper} {high_shown}"
        )
    if op in (">", "<=", "<", ">="):
        number = _number(value)
        if number is None:
            return "qualifier", f"{_feature_words(feature)} {op} {value}"
        shown = _shown(feature, number, currency)
        above = op in (">", ">=")
        if name.startswith("delay"):
            bare = shown.split(" ", 1)
            unit = bare[1] if len(bare) > 1 else ""
            return "qualifier", (
                f"delayed more than {shown}" if above else f"delayed {bare[0]} {unit} or less"
            ).replace("  ", " ")
        # an inclusive bound is said as one: ">= 12" is "12 months or more", not "over 12";
        # a strict one as one too: "< 50" is "under £50", never "£50 or less"
        bound = {
            ">": f"over {shown}",
            ">=": f"of {shown} or more",
            "<": f"under {shown}",
            "<=": f"of {shown} or less",
        }[op]
        if name.startswith("order_") and MONEY_FEATURE.search(name):
            return "subject", f"orders {bound}"
        words = _feature_subject(feature)
        return "qualifier", f"with {words} {bound}"
    if op == "in" and isinstance(value, list | tuple):
        listed = " or ".join(
            prompt_phrase(str(item), prompt) or str(item).replace("_", " ") for item in value
        )
        return "qualifier", f"where {_feature_words(feature)} is {listed}"
    if isinstance(value, bool) and op in ("=", "is", "=="):
        # a yes/no feature names what customers have or not: "without an access plan", never
        # "false customers"; a state of a looked-up thing is said as one: "where the member
        # is verified", never "with a verified"
        stated = state_words(feature, value)
        if stated is not None:
            return "qualifier", stated
        # "has_receipt" names what customers have: "without a receipt", not "a has receipt"
        had = _had_thing(_feature_words(feature))
        if had is None:
            # "has_paid", "has_been_contacted": a verb, not a thing had; said as it is
            return "qualifier", f"where {name} is {'true' if value else 'false'}"
        return "qualifier", f"{'with' if value else 'without'} {had}"
    shown_value = (str(value).lower() if isinstance(value, bool) else str(value)).replace("_", " ")
    if isinstance(value, str):
        shown_value = prompt_phrase(value, prompt) or shown_value
    if _MEMBERSHIP.search(name):
        # "full-time customers", never "a full-time customers": no article before a plural
        shown_value = re.sub(r"^(?:the|a|an) ", "", shown_value)
        plural = shown_value if shown_value.endswith("s") else shown_value + "s"
        return "subject", plural if "member" in shown_value else f"{shown_value} customers"
    return "qualifier", f"where {_feature_words(feature)} is {shown_value}"


_PARTICIPLES = frozenset(
    {"been", "paid", "made", "sent", "got", "gotten", "had", "done", "seen", "told", "given"}
    | {"taken", "left", "bought", "kept", "lost", "won", "read", "set", "put", "come", "gone"}
    | {"shown", "known", "sold", "held", "brought", "found", "heard", "met", "spent", "chosen"}
    | {"written", "eaten", "driven", "broken", "forgotten", "stolen", "spoken", "frozen"}
    | {"hidden", "ridden", "fallen", "begun", "flown", "grown", "drawn", "worn", "torn"}
)
"""Past participles that do not end in "-ed": after "has" a verb, not a thing had."""
_MASS_NOUNS = frozenset(
    {"insurance", "proof", "evidence", "information", "luggage", "baggage", "equipment"}
    | {"money", "cash", "credit", "consent", "permission", "access", "advice", "transport"}
    | {"cover", "coverage", "identification", "documentation", "paperwork", "income", "id"}
)
"""Nouns said with no article ("without insurance"), never "an insurance"."""
_IRREGULAR_PLURALS = frozenset({"children", "people", "men", "women", "feet", "teeth", "mice"})


def _had_thing(words: str) -> str | None:
    """What a yes/no feature's words say customers have, with its article ("a receipt",
    "an access plan", "insurance", "children"), "has"/"have" out; None when a verb follows
    the "has" ("has paid", "has been contacted") or no word is left."""
    parts = words.split()
    if parts[:1] in (["has"], ["have"]):
        parts = parts[1:]
        if not parts or parts[0] in _PARTICIPLES or parts[0].endswith("ed"):
            return None
    if not parts:
        return None
    head = parts[-1].lower()
    plural = head in _IRREGULAR_PLURALS or (
        head.endswith("s") and not head.endswith(("ss", "us", "is"))
    )
    if plural or head in _MASS_NOUNS:
        return " ".join(parts)
    return f"{'an' if parts[0][:1] in 'aeiou' else 'a'} {' '.join(parts)}"


_FRAME_WORDS = frozenset({"asking", "about", "with", "without", "no", "not", "a", "an", "the"})


def _plain_words(words: str) -> set[str]:
    """The words of a condition's phrase but its frame ("asking about", "without a")."""
    return set(re.findall(r"[a-z]+", words.lower())) - _FRAME_WORDS


def condition_words(
    atoms: Sequence[Atom],
    tag_topics: Mapping[str, str] | None = None,
    currency: str = "$",
    clock: ClockTime | None = None,
    dated: DateWords | None = None,
    prompt: Sequence[str] = (),
) -> str:
    """ "orders over $50 delayed more than 48 hours" from the atoms of a condition; amounts
    written with `currency`, times of day like `clock`, dates like `dated`, category values
    as the `prompt` sentences write them."""
    subjects: list[str] = []
    qualifiers: list[str] = []
    flagged = {
        word
        for atom in atoms
        if atom.op == "=" and isinstance(atom.value, bool)
        for word in _plain_words(atom_words(atom)[1])
    }
    for atom in atoms:
        role, words = atom_words(atom, tag_topics, currency, clock, dated, prompt)
        plain = _plain_words(words)
        if atom.op == "tag" and flagged and plain and plain <= flagged:
            continue  # "asking about no receipt" beside "without a receipt": said once
        (subjects if role == "subject" else qualifiers).append(words)
    subject = " and ".join(subjects) if subjects else "conversations"
    if not qualifiers:
        return subject
    return f"{subject} {' and '.join(qualifiers)}"


def _promise(key: str, labels: Mapping[str, str] | None = None) -> Promise:
    kind, _, value = key.partition(":")
    topic = ""
    if labels and key in labels:
        topic = labels[key]
    return Promise(kind, value, topic)


def _promise_topics(excerpts: Sequence[Excerpt]) -> dict[str, str]:
    topics: dict[str, str] = {}
    for excerpt in excerpts:
        for side in (excerpt.old, excerpt.new):
            for promise in extract_promises(side):
                if promise.topic:
                    topics.setdefault(promise.key, promise.topic)
    return topics


def _hunks(diff: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    if not diff:
        return {}
    hunks = [*(diff.get("prompt") or []), *(diff.get("config") or [])]
    return {str(hunk.get("id")): hunk for hunk in hunks if isinstance(hunk, dict)}


_SHIFT_FACETS = ("refusal", "escalation")


def _shifts(members: Sequence[ProbeVerdict]) -> list[FacetShift]:
    """Per yes/no facet and direction, the probes of the change where it flipped."""
    shifts: list[FacetShift] = []
    for facet in _SHIFT_FACETS:
        for direction in ("removed", "added"):
            flipped = [
                probe
                for probe in members
                if (result := probe.results.get(facet)) is not None
                and result.status == "changed"
                and bool(result.removed) == (direction == "removed")
            ]
            if not flipped:
                continue
            promises = [probe.results.get("promises") for probe in flipped]
            removed = set.intersection(*(set(p.removed if p else ()) for p in promises))
            added = set.intersection(*(set(p.added if p else ()) for p in promises))
            excerpts = flipped[0].excerpts
            shifts.append(
                FacetShift(
                    facet=facet,
                    direction=direction,
                    probe_ids=tuple(probe.probe_id for probe in flipped),
                    of=len(members),
                    old=str(excerpts.get("old", "")),
                    new=str(excerpts.get("new", "")),
                    removed=tuple(sorted(removed)),
                    added=tuple(sorted(added)),
                )
            )
    return shifts


def _tool_description(hunk: Mapping[str, Any]) -> str | None:
    """The description of the tool a tool hunk adds, removes or changes (the old one for a
    removal)."""
    if not str(hunk.get("kind", "")).startswith("tool_"):
        return None
    for side in ("old", "new"):
        value = hunk.get(side)
        if isinstance(value, Mapping) and isinstance(value.get("description"), str):
            return _text(value["description"])
    return None


def _policy_link(key: str, hunk_text: str) -> bool:
    """Whether a promise's key is no link, or a link a prompt hunk writes."""
    if not key.startswith("link:"):
        return True
    link = key.partition(":")[2].lower()
    return bool(link) and link in hunk_text


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _amount(key: str) -> float | None:
    """The number of a money promise's key ("money:£1,189.00" → 1189.0), or the count of a
    duration's ("duration:8 years" → 8.0), else None."""
    kind, _, value = key.partition(":")
    if kind == "duration":
        quantity = read_quantity(value)
        return quantity.count if quantity is not None else None
    if kind != "money":
        return None
    digits = re.sub(r"[^\d.]", "", value.replace(",", ""))
    return _number(digits) if digits else None


def own_amounts(members: Sequence[ProbeVerdict]) -> set[str]:
    """The money and duration promises (keys) a change's replies state that are each
    customer's own: in every probe stating one, the amount is the value of a probe variable or
    tool result ("lookup_ticket.price": 189) that takes another value in another of the
    change's probes (79). The price one customer paid, refunded in full, or the age they gave
    ("an 8-year-old" of `age` 8, 9 in another), is no amount the policy sets."""
    varying: dict[str, set[float]] = {}
    for probe in members:
        for feature, value in probe.features.items():
            number = _number(value)
            if number is not None and not feature.startswith("tag:"):
                varying.setdefault(feature, set()).add(number)
    varying = {feature: numbers for feature, numbers in varying.items() if len(numbers) > 1}
    stated: dict[str, list[ProbeVerdict]] = {}
    for probe in members:
        promises = probe.results.get("promises")
        if promises is None:
            continue
        counts = (*promises.old_counts.items(), *promises.new_counts.items())
        for key in {key for key, count in counts if count}:
            if _amount(key) is not None:
                stated.setdefault(key, []).append(probe)
    own: set[str] = set()
    for key, probes in stated.items():
        amount = _amount(key)
        if any(
            all(_number(probe.features.get(feature)) == amount for probe in probes)
            for feature in varying
        ):
            own.add(key)
    return own


def _still_told(members: Sequence[ProbeVerdict]) -> set[str]:
    """The values (a time, an amount: a promise with a number) a change's probe states in its
    old samples and still states in half its new ones or more, not seen to drop there: the old
    option kept beside a new one ("a repair within 10 working days or a replacement within
    3"), told to the customers asked to choose. A word ("replacement") comes and goes with
    the phrasing, so only numbers count."""
    kept: set[str] = set()
    for probe in members:
        promises = probe.results.get("promises")
        if promises is None:
            continue
        for key, count in promises.new_counts.items():
            if (
                any(character.isdigit() for character in key)
                and key not in promises.removed
                and 2 * count >= max(1, probe.new_samples)
                and promises.old_counts.get(key, 0)
            ):
                kept.add(key)
    return kept


def _category_moves(
    item: ChangeFacts,
    hunks: Mapping[str, Mapping[str, Any]],
    head_sections: Mapping[str, list[str]] | None,
    read: Callable[..., list[RuleMove]] = category_moves,
) -> list[RuleMove]:
    """The category moves `read` (`categories.category_moves` unless told) finds in a
    change's rules and promises."""
    return read(
        item.rules,
        hunks,
        head_sections or {},
        item.conditions,
        item.removed_promises,
        item.added_promises,
    )


def build_facts(
    analysis: Analysis | Mapping[str, Any],
    diff: Mapping[str, Any] | None = None,
    head_sections: Mapping[str, list[str]] | None = None,
) -> list[ChangeFacts]:
    """One ChangeFacts per behavior change of the analysis (wording-only groups excluded); a
    mapping is the analysis's JSON form (`Analysis.to_dict()`). `head_sections`: the new
    version's prompt by section (`drafting.versions.head_sections`), where the sentence that
    says what to do without a removed tool is found (a `tool_alternative` rule)."""
    if isinstance(analysis, Mapping):
        analysis = Analysis.from_dict(analysis)
    probes = {probe.probe_id: probe for probe in analysis.probes}
    compared = sum(1 for probe in probes.values() if probe.verdict != "inconclusive")
    hunks = _hunks(diff)
    # a link is a promise only where a prompt hunk writes it (a form's page the prompt now
    # sends customers to); one a reply makes up (a tracking link) is no policy value
    hunk_text = " ".join(
        str(hunk.get(side) or "") for hunk in hunks.values() for side in ("old", "new")
    ).lower()
    attributed = {a.hunk_id for change in analysis.changes for a in change.attribution}
    facts: list[ChangeFacts] = []
    for change in analysis.changes:
        members = [probes[pid] for pid in change.probe_ids if pid in probes]
        excerpts = list(change.excerpts)
        if not excerpts:
            excerpts = [
                Excerpt(
                    probe.probe_id, probe.excerpts.get("old", ""), probe.excerpts.get("new", "")
                )
                for probe in members[:3]
            ]
        topics = _promise_topics(excerpts)
        removed: Counter[str] = Counter()
        added: Counter[str] = Counter()
        escalation: Counter[str] = Counter()
        for probe in members:
            promises = probe.results.get("promises")
            if promises is not None:
                removed.update(promises.removed)
                added.update(promises.added)
            flips = probe.results.get("escalation")
            if flips is not None and flips.status == "changed":
                escalation.update(["removed"] if flips.removed else ["added"])
        # policy is what most of the change's probes say; with two or more probes, a value only
        # one of them states is that probe's own (the 45 days one customer asked for)
        half = max(1 if len(members) < 2 else 2, (len(members) + 1) // 2)
        # a promise some probes' new replies drop and others' new replies add is said both
        # before and after, in other words ("we'll text you" / "you'll get a text"): not policy
        # a value some of the change's own customers are still told by the new version (a
        # repair's time beside the replacement now offered with it) is kept, not dropped
        policy_removed = [
            key
            for key, n in removed.most_common()
            if n >= half and not added[key] and key not in _still_told(members)
        ]
        policy_added = [key for key, n in added.most_common() if n >= half]
        varying = [
            key for key, n in added.most_common() if n < half and not key.startswith("link:")
        ]
        kind = change.kind or (change.facets or ["meaning"])[0]
        item = ChangeFacts(
            id=change.id,
            title=change.title,
            kind=kind,
            facets=list(change.facets),
            probe_ids=list(change.probe_ids),
            conditions=list(change.conditions),
            excerpts=excerpts,
            others=max(0, compared - len(members)),
            # only the inconclusive probes that could decide the change's condition
            # (`detect.unjudged`); every one outside it for an analysis stored before
            unjudged=list(change.unjudged)
            if change.unjudged is not None
            else [
                pid
                for pid, probe in probes.items()
                if probe.verdict == "inconclusive" and pid not in change.probe_ids
            ],
        )
        # a re-routed hand-off (`transfer_to_team(team=a)` → `(team=b)`) is titled as an
        # escalation and keeps its calls
        if kind == "actions" or (kind == "escalation" and change.before and change.after):
            item.moved = [
                moved
                for row in change.moved_arguments
                if (moved := MovedValue.from_argument(row)) is not None
            ]
            if not change.moves_recorded:
                item.moved = _moved_from_labels(change.before, change.after, item.probe_ids)
            if item.moved:
                item.after_actions = list(dict.fromkeys(moved.call for moved in item.moved))
                item.moved_elsewhere = _made_elsewhere(
                    set(item.after_actions),
                    [probe for pid, probe in probes.items() if pid not in item.probe_ids],
                )
            else:
                item.before_actions = [ActionFact.parse(label) for label in change.before]
                item.after_actions = [ActionFact.parse(label) for label in change.after]
        # a customer's own amount (the price they paid, read from a tool) is no policy value
        owned = own_amounts(members)
        item.own_amounts = [key.partition(":")[2] for key in sorted(owned)]
        item.removed_promises = [
            _promise(key, topics)
            for key in policy_removed
            if _policy_link(key, hunk_text) and key not in owned
        ]
        item.added_promises = [
            _promise(key, topics)
            for key in policy_added
            if _policy_link(key, hunk_text) and key not in owned
        ]
        item.examples = [_promise(key, topics) for key in varying]
        if escalation:
            item.escalation = escalation.most_common(1)[0][0]
        item.shifts = _shifts(members)
        item.unchanged_promises = _unchanged_promises(
            members,
            [probe for pid, probe in probes.items() if pid not in item.probe_ids],
            item.before_actions,
        )
        for attribution in change.attribution:
            hunk = hunks.get(attribution.hunk_id, {})
            item.rules.append(
                Rule(
                    hunk_id=attribution.hunk_id,
                    kind=str(attribution.kind or hunk.get("kind", "")),
                    section=attribution.section or hunk.get("section"),
                    old=_text(hunk.get("old")),
                    new=_text(hunk.get("new")),
                    summary=str(attribution.summary or hunk.get("summary", "")),
                    tool=_tool_description(hunk),
                )
            )
        item.rules = kept_branch_last(item.rules)
        item.rules += split_rules(item.rules, hunks, attributed, _text, Rule)
        item.rules += narrowed_rules(item.rules, hunks, attributed, _text, Rule)
        item.rules += sandwiched_rules(item.rules, hunks, attributed, _text, Rule)
        item.rules += continued_rules(item.rules, hunks, attributed, _text, Rule)
        item.rules += section_rules(item.rules, hunks)
        item.rules += told_rules(item.rules, hunks, attributed, item.whole_topic)
        item.rules += line_rules(item.rules, hunks, attributed, _text, Rule)
        item.rules += scope_rules(item.rules, hunks, attributed, item.conditions)
        item.rules += bound_rules(item.rules, hunks, attributed, item.conditions)
        item.rules += widened_rules(item.rules, hunks, attributed, item.conditions, Rule)
        item.rules += range_rules(item.rules, hunks, attributed, item.conditions, Rule)
        if (item.before_actions or item.after_actions) and not item.moved:
            # a call stopped for one option, or its customers sent another way (a call
            # starts): the prompt's lists that dropped it say so
            item.rules += option_rules(item.rules, hunks, attributed, item.conditions, Rule)
        item.rules = rules_by_row(item.rules)
        item.rules += alternative_rules(item.rules, hunks, head_sections or {})
        item.tool_fallbacks = fallbacks(item, head_sections or {})
        if item.moved:
            item.moved = [_signed(moved, item.prompt_sentences()) for moved in item.moved]
        if item.moved and _writes_currency(item):
            item.moved = [replace(moved, text_currency=item.currency) for moved in item.moved]
        item.moved_rule = _moved_rule(item)
        # a value the changed sentence keeps is no promise the change removed, unless the old
        # sentence said it of a call the change's customers no longer get (the kept case's
        # "ready in 7 working days" after "order the remake" is no longer theirs), or the
        # promise is what the change is about (a time no longer said for one way of paying,
        # kept in the sentence for the others)
        if item.kind != "promises":
            dropped = {a.name for a in item.before_actions} - {a.name for a in item.after_actions}
            item.removed_promises = kept_by_prompt(
                item.removed_promises,
                ((rule.old, rule.new) for rule in item.rules),
                item.added_promises,
                dropped,
            )
            item.removed_promises = kept_beside(
                item.removed_promises,
                bool(item.moved),
                _unattributed_beside(item.rules, hunks, attributed),
            )
            if dropped and not item.after_actions and not item.added_promises:
                texts = [(rule.old, rule.new) for rule in item.rules]
                item.unchanged_values = said_unchanged(
                    item.removed_promises, texts, head_sections or {}
                )
                # another section's value (an excess beside a booking) is no promise it removed
                item.removed_promises = held_elsewhere(
                    item.removed_promises,
                    texts,
                    (rule.section for rule in item.rules),
                    head_sections or {},
                )
        # a value the new prompt still states where the diff changed nothing (another topic's,
        # which the old replies mentioned on the way) is no promise the change removed, when
        # the change's customers are handled the same way (a handling that moved takes its
        # old values with it, wherever the prompt still states them for others); a value any
        # hunk of the diff states is the diff's ("Every service is ready within 5 working
        # days" narrowed, whatever other topic still says 5 working days)
        if kind == "promises" and not (item.before_actions or item.after_actions or item.moved):
            item.removed_promises = held_elsewhere(
                item.removed_promises,
                [
                    *((rule.old, rule.new) for rule in item.rules),
                    *((_text(hunk.get("old")), _text(hunk.get("new"))) for hunk in hunks.values()),
                ],
                (hunk.get("section") for hunk in hunks.values()),
                head_sections or {},
            )
        # a value the new replies state that both prompts give word for word in a section no
        # hunk touched is no promise the change added, when the agent now makes a call where
        # it made none: the call's confirmation carries standing instructions ("arrive 30
        # minutes before") that did not change for these customers or anyone
        if item.after_actions and not item.before_actions and not item.moved:
            standing = item.added_promises
            item.added_promises = held_elsewhere(
                item.added_promises,
                [
                    *((rule.old, rule.new) for rule in item.rules),
                    *((_text(hunk.get("old")), _text(hunk.get("new"))) for hunk in hunks.values()),
                ],
                (hunk.get("section") for hunk in hunks.values()),
                head_sections or {},
            )
            item.unchanged_values += [p.key for p in standing if p not in item.added_promises]
        # a value the prompt adds for a subset that the replies already state as the old
        # and the new promise is the promise's edit to make, not a rule's
        stated = {
            (old.value, new.value) for old in item.removed_promises for new in item.added_promises
        }
        item.moves = [
            move
            for move in rule_moves(kept_action_rules(item.rules))
            if not (move.scope and not move.others and (move.old, move.new) in stated)
        ]
        item.moves = narrowed_category_moves(item.moves, item.conditions, head_sections or {})
        item.moves = narrowed_subset_moves(item.moves, head_sections or {})
        olds = [rule.old for rule in item.rules if rule.kind == "sentence_changed" and rule.old]
        positional = {r.hunk_id for r in item.rules if paired_by_position(r, olds)}
        if positional and any(move.hunk_id in positional for move in item.moves):
            # a move read from two sentences the diff paired by position only: the added
            # sentence's own move, where one is read, stands in its place
            own_moves = _category_moves(item, hunks, head_sections)
            if own_moves:
                item.moves = [m for m in item.moves if m.hunk_id not in positional] + [
                    m for m in own_moves if m.hunk_id in positional
                ]
        if not item.moves:
            item.moves = _category_moves(item, hunks, head_sections)
        if not item.moves:
            item.moves = _category_moves(item, hunks, head_sections, named_categories_moves)
        if not item.moves:
            item.moves = shared_category_moves(item.rules, item.conditions, fewest=1)
        if not item.moves:
            item.moves = withdrawn_category_moves(item.rules, item.conditions)
        if not item.moves:
            item.moves = excepted_moves(item.rules, item.conditions)
        item.still_stated = still_stating(item.moves, head_sections or {})
        item.kept_routes = still_giving(
            item.removed_promises,
            [rule.new for rule in item.rules if rule.new],
            head_sections or {},
        )
        item.past_limit = past_limit(item.moves, head_sections or {})
        item.next_steps = next_steps(item.rules, head_sections or {})
        item.kept_for_others = others_keeping(item.moves, head_sections or {})
        item.kind_words = kind_words(item.conditions, head_sections or {})
        item.flag_other = flag_other_words(
            item.conditions,
            head_sections or {},
            {rule.section for rule in item.rules if rule.section},
        )
        item.kept_rules = kept_rules(item.moves, item.rules, head_sections or {})
        item.prompt_sections = dict(head_sections or {})
        item.section_changes = section_changes(item.rules, hunks, attributed)
        item.departed_rule = departed_rule(item.rules, head_sections or {})
        still_called = {action.name for action in item.after_actions}
        dropped_actions = [a.name for a in item.before_actions if a.name not in still_called]
        item.kept_action_topics = kept_action_words(
            dropped_actions, item.rules, head_sections or {}
        )
        item.kept_action_said = kept_section_words(dropped_actions, item.rules, head_sections or {})
        item.gated = gated_windows(
            item.moves,
            item.rules,
            head_sections or {},
            dropped_actions,
            item.conditions[0].atoms if item.conditions else (),
        )
        if item.moved_rule is not None:
            gone, came = item.moved_rule
            item.removed_promises = [gone, *(p for p in item.removed_promises if p != gone)]
            item.added_promises = [came, *(p for p in item.added_promises if p != came)]
        own_texts = [
            *(text for rule in item.rules for text in (rule.old, rule.new) if text),
            *(text for excerpt in excerpts for text in (excerpt.old, excerpt.new)),
        ]
        item.condition_values = [
            f"{feature}: " + ", ".join(str(value) for value in values)
            for feature in dict.fromkeys(
                atom.feature
                for condition in item.conditions[:1]
                for atom in condition.atoms
                if atom.op != "tag"
            )
            if (
                values := sorted(
                    {
                        member.features[feature]
                        for member in members
                        if isinstance(member.features.get(feature), int | float)
                        and not isinstance(member.features.get(feature), bool)
                    }
                )
            )
        ]
        item.tag_topics = {
            tag: tag_topic(tag, [*own_texts, *(rule.section or "" for rule in item.rules)])
            for condition in item.conditions
            for atom in condition.atoms
            if atom.op == "tag"
            for tag in _atom_tags(atom)
        }
        for promise_list in (item.removed_promises, item.added_promises, item.examples):
            promise_list[:] = [
                promise if topic_named(promise.topic, own_texts) else replace(promise, topic="")
                for promise in promise_list
            ]
            promise_list[:] = as_written(promise_list, own_texts)
        facts.append(item)
    _separate_keys(facts)
    return facts


def as_written(promises: Sequence[Promise], texts: Sequence[str]) -> list[Promise]:
    """`promises` with each phone number as `texts` write it ("0800 316 316"), not as the
    digits it is compared by: a note quotes it, and a KB sentence is matched on it, as written."""
    written: dict[str, str] = {}
    if any(promise.kind == "phone" for promise in promises):
        for text in texts:
            for found in extract_promises(text):
                if found.kind == "phone":
                    written.setdefault(found.key, found.value)
    return [
        replace(promise, value=written[promise.key]) if promise.key in written else promise
        for promise in promises
    ]


_VALUE_KINDS = frozenset({"money", "percent", "duration", "date"})
"""The kinds of promise that are values: what a reworded sentence can keep."""


def kept_beside(
    removed: Sequence[Promise], moved: bool, beside: Sequence[tuple[str | None, str | None]]
) -> list[Promise]:
    """`removed` but the values a reworded sentence beside the rule (`beside`, its (old, new)
    texts) states on both its sides: a value the new prompt keeps where the change's customers
    read it ("they can pick any date in the next 12 months"). Nothing is kept when a call's
    argument moved for them (`moved`: beside "£27 at weekends" the kept "£22 Monday to Friday"
    is the others'), nor a term the rewritten rule still names ("replacement parts")."""
    if moved:
        return list(removed)
    kept = kept_by_prompt([p for p in removed if p.kind in _VALUE_KINDS], beside)
    return [p for p in removed if p.kind not in _VALUE_KINDS or p in kept]


def _unattributed_beside(
    rules: Sequence[Rule], hunks: Mapping[str, Mapping[str, Any]], attributed: set[str]
) -> list[tuple[str | None, str | None]]:
    """The (old, new) texts of the changed sentences of the rules' sections that no change was
    attributed: "Move the booking to another date …; they can pick any date in the next 12
    months." reworded beside the changed rule still says 12 months on both its sides, a value
    the new prompt keeps where the change's customers read it."""
    sections = {rule.section for rule in rules if rule.section}
    return [
        (_text(hunk.get("old")), _text(hunk.get("new")))
        for hunk_id, hunk in hunks.items()
        if hunk_id not in attributed
        and hunk.get("kind") == "sentence_changed"
        and hunk.get("section") in sections
    ]


def section_changes(
    rules: Sequence[Rule], hunks: Mapping[str, Mapping[str, Any]], attributed: set[str]
) -> list[tuple[str, str]]:
    """(old, new) of each sentence rewritten in a section of `rules` ("" old: added), the
    rules' own hunks and those no change was given."""
    sections = {rule.section for rule in rules if rule.section}
    own = {rule.hunk_id for rule in rules}
    found: list[tuple[str, str]] = []
    for hunk_id, hunk in hunks.items():
        kind = hunk.get("kind")
        if (
            kind not in ("sentence_changed", "sentence_added")
            or hunk.get("section") not in sections
        ):
            continue
        if hunk_id in attributed and hunk_id not in own:
            continue
        old, new = _text(hunk.get("old")) or "", _text(hunk.get("new"))
        if new and (old or kind == "sentence_added") and (old, new) not in found:
            found.append((old, new))
    return found


def section_rules(rules: Sequence[Rule], hunks: Mapping[str, Mapping[str, Any]]) -> list[Rule]:
    """The sentences of a prompt section the new version added, each as a `sentence_added`
    rule on the section's hunk: what the section tells the agent to do is read like any other
    new sentence (a step it puts before an old action, a requirement), not only named."""
    found: list[Rule] = []
    for rule in rules:
        added = hunks.get(rule.hunk_id, {}).get("new")
        if rule.kind != "section_added" or not isinstance(added, list):
            continue
        for sentence in added:
            if text := _text(sentence):
                summary = f"section {rule.section}: sentence added: {text}"
                found.append(
                    Rule(rule.hunk_id, "sentence_added", rule.section, None, text, summary)
                )
    return found


_TOLD_WITH = re.compile(
    r"^(?:tell|remind|inform|warn|let)\s+(?:them|him|her|the\s+(?:customer|user|caller))\b", re.I
)


def told_rules(
    rules: Sequence[Rule],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    whole_topic: bool = False,
) -> list[Rule]:
    """The prompt sentence right after a changed sentence of the change, in the same section,
    that says what to tell the customer about it ("If a customer wants to cancel, cancel it
    for them." then "Tell them their benefits carry on until the end of the month."), when
    no change was attributed that sentence's hunk: it only goes with the rule before it, so
    what the agent now tells is read like the rule's own (as a `sentence_added` rule)."""
    order = list(hunks)
    found: list[Rule] = []
    for rule in rules:
        if not rule.kind.startswith("sentence") or rule.hunk_id not in order:
            continue
        at = order.index(rule.hunk_id)
        if at + 1 >= len(order) or order[at + 1] in attributed:
            continue
        own, after = hunks[rule.hunk_id], hunks[order[at + 1]]
        said = _text(after.get("new"))
        if (
            not str(after.get("kind", "")).startswith("sentence")
            or after.get("section") != own.get("section")
            or after.get("file") != own.get("file")
            or not said
            or not _TOLD_WITH.match(said)
            or any(r.hunk_id == order[at + 1] for r in [*rules, *found])
        ):
            continue
        summary = f"section {after.get('section')}: sentence with it: {said}"
        # a told sentence rewritten from one of the whole-topic rule's ("Tell them the loan
        # isn't renewed until then." → "Tell the patron the loan is renewed straight away"):
        # what it said before is the old rule's too
        before = _text(after.get("old")) if after.get("kind") == "sentence_changed" else None
        if before and rule.kind == "sentence_changed" and whole_topic:
            found.append(
                Rule(order[at + 1], "sentence_changed", rule.section, before, said, summary)
            )
            continue
        found.append(Rule(order[at + 1], "sentence_added", rule.section, None, said, summary))
    return found


def scope_rules(
    rules: Sequence[Rule],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    conditions: Sequence[Condition],
) -> list[Rule]:
    """The changed prompt sentence, in a section of the change's own sentences, that granted
    something for every case (or named the categories of the change's condition) and now
    grants it where it names none of them (`grants.narrows_grant`), when no change was
    attributed its hunk: "Children are welcome on every tour" → "Children are welcome on
    river and forest tours" is where the permission the change withdraws for night walks was
    given, so the KB sentences granting it everywhere are found from it (as a
    `scope_narrowed` rule)."""
    categories = condition_categories(conditions[0] if conditions else None)
    if not categories:
        return []
    return [
        Rule(
            hunk_id,
            "scope_narrowed",
            section,
            old,
            new,
            f"section {section}: sentence narrowed: {old} → {new}",
        )
        for hunk_id, section, old, new in _unclaimed_changed_sentences(rules, hunks, attributed)
        if narrows_grant(old, new, categories) or narrows_claim(old, new, categories)
    ]


def bound_rules(
    rules: Sequence[Rule],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    conditions: Sequence[Condition],
) -> list[Rule]:
    """The changed prompt sentence, in a section of the change's own sentences, that claimed
    a rule for every case and now bounds it at the line the change's condition draws ("Pay in
    3 is open to any order" → "… to orders of £200 or more" beside `order_total < 200`), when
    no change was attributed its hunk: the KB sentences claiming it for every case are found
    from it (`boundclaim`)."""
    lines = {
        float(bound)
        for condition in conditions[:1]
        for atom in condition.atoms
        for bound in (atom.value, atom.low, atom.high)
        if isinstance(bound, int | float) and not isinstance(bound, bool)
    }
    if not lines:
        return []
    return [
        Rule(
            hunk_id,
            "sentence_changed",
            section,
            old,
            new,
            f"section {section}: sentence changed: {old} → {new}",
        )
        for hunk_id, section, old, new in _unclaimed_changed_sentences(rules, hunks, attributed)
        if bounds_claim_at(old, new, lines)
    ]


def _unclaimed_changed_sentences(
    rules: Sequence[Rule], hunks: Mapping[str, Mapping[str, Any]], attributed: set[str]
) -> list[tuple[str, Any, str, str]]:
    """The changed prompt sentences (hunk, section, old, new) in a section of the change's own
    sentences that no change was attributed and no rule of this change already reads."""
    sections = {rule.section for rule in rules if rule.kind.startswith("sentence")}
    own = {rule.hunk_id for rule in rules}
    found = []
    for hunk_id, hunk in hunks.items():
        section = hunk.get("section")
        if (
            hunk_id in attributed
            or hunk_id in own
            or hunk.get("kind") != "sentence_changed"
            or section not in sections
        ):
            continue
        old, new = _text(hunk.get("old")), _text(hunk.get("new"))
        if old and new:
            found.append((hunk_id, section, old, new))
    return found


def _stated_keys(probe: ProbeVerdict, facet: str, side: str) -> set[str]:
    result = probe.results.get(facet)
    counts = (result.old_counts if side == "old" else result.new_counts) if result else {}
    return {key for key, count in counts.items() if count}


def _unchanged_promises(
    members: Sequence[ProbeVerdict],
    others: Sequence[ProbeVerdict],
    before: Sequence[ActionFact],
) -> list[Promise]:
    """The promises of `ChangeFacts.unchanged_promises`."""
    names = {action.name for action in before}
    own = {
        key
        for probe in members
        for side in ("old", "new")
        for key in _stated_keys(probe, "promises", side)
    }
    found: dict[str, None] = {}
    for probe in others:
        if probe.verdict not in ("unchanged", "wording-only"):
            continue
        took = [
            {ActionFact.parse(label).name for label in _stated_keys(probe, "actions", side)}
            for side in ("old", "new")
        ]
        if not names & took[0] & took[1]:
            continue
        for key in _stated_keys(probe, "promises", "old") & _stated_keys(probe, "promises", "new"):
            if key not in own and not key.startswith("link:"):
                found[key] = None
    return [_promise(key) for key in found]


def rules_by_row(rules: Sequence[Rule]) -> list[Rule]:
    """A changed prompt table as one rule per changed row, under the table's header
    (`drafting.tables`): the other rows are not what the change is about."""
    found: list[Rule] = []
    for rule in rules:
        pairs = None
        if rule.kind == "sentence_changed" and rule.old and rule.new:
            pairs = changed_rows(rule.old, rule.new)
        found += [replace(rule, old=old, new=new) for old, new in pairs or []] or [rule]
    return found


def alternative_rules(
    rules: Sequence[Rule], hunks: Mapping[str, Mapping[str, Any]], sections: Mapping[str, list[str]]
) -> list[Rule]:
    """For each tool the config removed, the new prompt's sentence saying what to do without
    it (`tool_alternative`), as a rule of kind `tool_alternative` on the same hunk."""
    found: list[Rule] = []
    for rule in rules:
        tool = hunks.get(rule.hunk_id, {}).get("key")
        if rule.kind != "tool_removed" or not isinstance(tool, str):
            continue
        alternative = tool_alternative(dict(sections), tool)
        if alternative is not None:
            section, sentence = alternative
            summary = f"the new prompt's handling without {tool}: {sentence}"
            found.append(Rule(rule.hunk_id, "tool_alternative", section, None, sentence, summary))
    return found


def fallbacks(facts: ChangeFacts, sections: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    """(description, sentence) for each tool the config added that the change's agent now
    calls and the new prompt says what to do without (`rules.tool_fallback`)."""
    calls = {action.name for action in facts.after_actions}
    calls -= {action.name for action in facts.before_actions}
    found: list[tuple[str, str]] = []
    for rule in facts.rules:
        if rule.kind != "tool_added" or not rule.tool or not calls & set(rule.summary.split()):
            continue
        sentence = tool_fallback(sections, rule.tool)
        if sentence is not None:
            found.append((rule.tool, sentence))
    return found


def _separate_keys(facts: list[ChangeFacts]) -> None:
    """Two changes of one release must never share a key: their drafts would overwrite each
    other (one change left without a note, the other flipping at every re-draft). A key
    shared with an earlier change is made distinct by the change's probes, which a
    re-analysis of the same runs reproduces."""
    seen: set[str] = set()
    for item in facts:
        if item.stable_key in seen:
            item.key_part = ",".join(sorted(item.probe_ids))
        if item.stable_key in seen:
            item.key_part = f"{item.key_part}|{item.id}"
        seen.add(item.stable_key)


def _moved_from_labels(
    before: Sequence[str], after: Sequence[str], probe_ids: Sequence[str]
) -> list[MovedValue]:
    """The moved numbers of a change stored without `moved_arguments`: one call on each side,
    the same but for its numbers, the same values in every probe."""
    if len(before) != 1 or len(after) != 1:
        return []
    old, new = ActionFact.parse(before[0]), ActionFact.parse(after[0])
    old_args, new_args = dict(old.arguments), dict(new.arguments)
    if old.name != new.name or set(old_args) != set(new_args):
        return []
    numeric = {
        key
        for key in old_args
        if _number(old_args[key]) is not None and _number(new_args[key]) is not None
    }
    if any(old_args[key] != new_args[key] for key in set(old_args) - numeric):
        return []
    call = ActionFact(old.name, tuple(pair for pair in old.arguments if pair[0] not in numeric))
    moved = []
    for key in sorted(numeric):
        old_value, new_value = _number(old_args[key]), _number(new_args[key])
        if old_value is not None and new_value is not None and old_value != new_value:
            values = tuple((probe_id, old_value, new_value) for probe_id in probe_ids)
            moved.append(MovedValue(call, key, values))
    return moved


def _made_elsewhere(calls: set[ActionFact], others: Sequence[ProbeVerdict]) -> bool:
    """Whether any of `others` makes one of `calls` (numbers aside) in the new version."""
    for probe in others:
        actions = probe.results.get("actions")
        counts = actions.new_counts if actions is not None else {}
        if any(n and ActionFact.parse(label).shape() in calls for label, n in counts.items()):
            return True
    return False


def _moved_rule(facts: ChangeFacts) -> tuple[Promise, Promise] | None:
    """The percentage a rule behind the change moved, when it moved the way the numbers did:
    "50% of the shipping fee" → "100%" for refunds that doubled."""
    if not facts.moved:
        return None
    moved = facts.moved[0]
    for rule in facts.rules:
        if not rule.kind.startswith("sentence") or not rule.old or not rule.new:
            continue
        old = {p.key: p for p in extract_promises(rule.old) if p.kind == "percent"}
        new = {p.key: p for p in extract_promises(rule.new) if p.kind == "percent"}
        gone = [p for key, p in old.items() if key not in new]
        came = [p for key, p in new.items() if key not in old]
        if len(gone) != 1 or len(came) != 1:
            continue
        before, after = _number(gone[0].value.rstrip("%")), _number(came[0].value.rstrip("%"))
        if not before or after is None:
            continue
        if moved.ratio is not None:
            fits = abs(after / before - moved.ratio) <= 0.01 * moved.ratio
        elif len({old for old, _ in moved.pairs()}) > 1:
            fits = False  # several amounts without a shared ratio: no percentage moved them
        else:
            fits = moved.direction == ("up" if after > before else "down")
        if fits:
            return (
                Promise(gone[0].kind, gone[0].value, gone[0].topic),
                Promise(came[0].kind, came[0].value, came[0].topic),
            )
    return None


def relevant_rule(facts: ChangeFacts, keywords: Sequence[str]) -> Rule | None:
    """The prompt sentence behind the change that names one of `keywords` (tool, value): of
    those, first one whose fact moved (10% → 15%), then one stating a moved call's new number
    ("charge 8" when the charge went 0 → 8: what the customers now get, not the sentence that
    says who still gets the old one), then the rest in attribution order."""
    moved = {move.hunk_id for move in facts.moves}
    numbers = {f"{new:g}" for value in facts.moved for _, _, new in value.values}

    def states_new(rule: Rule) -> bool:
        # 1.5 is said "1.50", 8 is said "8.00" too
        text = rule.new or ""
        return any(
            re.search(
                rf"(?<![\d.]){re.escape(n)}{'0*' if '.' in n else r'(?:[.]0+)?'}(?![\d])", text
            )
            for n in numbers
        )

    replies = [set(terms(excerpt.new)) for excerpt in facts.excerpts]

    def like_replies(rule: Rule) -> int:
        # of two sentences stating the new value ("12 hours' notice or more, book a make-up
        # lesson" and "less than 12 hours' notice, the lesson is forfeited"), the one the
        # changed replies say most of
        if rule.hunk_id not in moved:
            return 0
        said = set(terms(rule.new or ""))
        return max((len(said & reply) for reply in replies), default=0)

    ordered = sorted(
        facts.rules,
        key=lambda rule: (rule.hunk_id not in moved, not states_new(rule), -like_replies(rule)),
    )
    # "refund_percent 50": the moved argument written with its new number names the change,
    # whatever words of the tool the sentence leaves out ("Change of plans: refund half …")
    arguments = {
        (value.argument.lower(), f"{new:g}") for value in facts.moved for _, _, new in value.values
    }
    for rule in ordered:
        text = (rule.new or "").lower()
        if not rule.kind.startswith("sentence"):
            continue
        if any(k.lower() in text for k in keywords if k) or any(
            re.search(rf"\b{re.escape(name)}\W{{1,3}}{re.escape(number)}(?!\d|\.\d)", text)
            for name, number in arguments
        ):
            return rule
    return None


def writes_old_call(facts: ChangeFacts, sentence: str) -> bool:
    """Whether `sentence` writes out an old call of the change with the argument value that
    changed (`slot_window "morning"` where the new call has "any"): the old handling, which
    the sentence keeps for whom it is about."""
    return old_call_written(facts, sentence) is not None


def old_call_written(facts: ChangeFacts, sentence: str) -> ActionFact | None:
    """The old call `sentence` writes out with the argument value that changed, or None."""
    new_values = {
        (action.name, key): value
        for action in facts.after_actions
        for key, value in action.arguments
    }
    for action in facts.before_actions:
        if not re.search(rf"\b{re.escape(action.name)}\b", sentence):
            continue
        for key, value in action.arguments:
            if new_values.get((action.name, key), value) == value:
                continue
            written = rf"\b{re.escape(key)}\W{{1,3}}{re.escape(value)}(?![\w.])"
            if re.search(written, sentence, re.I):
                return action
    return None


def rule_phrase(sentence: str, keyword: str) -> str | None:
    """The noun phrase around `keyword` in a rule sentence.

    "partial shipping refund of 50% of the shipping fee" from "... offer a partial shipping
    refund of 50% of the shipping fee using ..."."""
    match = re.search(
        rf"\b(?:a|an|the)\s+((?:[\w-]+\s+){{0,3}}?{re.escape(keyword)}\w*"
        r"(?:\s+of\s+(?:up\s+to\s+)?(?:(?!\b(?:using|with|instead|and|if|when|to|for)\b)"
        r"[^,;.()`])+)?)",
        sentence,
        re.I,
    )
    if match is None:
        return None
    return " ".join(match.group(1).split()).strip()


def value_pattern(value: str) -> re.Pattern[str]:
    """ "30 days" also as "30-day"; "$5.00" also as "$5" (in any currency: "£5"), "$1,500.00"
    also as "$1500", never as the start of "$1,500.50" or "$1,500,000"; "50%" also
    as "50 percent", "50 per cent", "fifty per cent (50%)"; a phone number in any grouping of
    its digits ("0800 316 316", "0800-316-316")."""
    if _PHONE_VALUE.fullmatch(value) and sum(char.isdigit() for char in value) >= 7:
        digits = [re.escape(char) for char in value if char.isdigit()]
        return re.compile(r"(?<![\w+])\+?" + r"[\s().-]{0,2}".join(digits) + r"(?!\w)")
    if value[:1] in "$€£":
        return re.compile(re.escape(value[0]) + amount_source(value[1:]))
    if value.endswith("%"):
        # in words too, alone or glossed by its figure: "ten per cent (10%)"
        return re.compile(percent_source(value.removesuffix("%")), re.I)
    number, _, unit = value.partition(" ")
    if not unit:
        # a value with no unit word: a time of day ("6pm", also "6 pm", "6 p.m."), "noon"
        clock = re.fullmatch(r"(\d{1,2}(?:[:.]\d{2})?)([ap])m", value, re.I)
        if clock:
            hour, half = re.escape(clock.group(1)), clock.group(2)
            return re.compile(rf"(?<![\w.:]){hour}\s?{half}\.?m\b\.?", re.I)
        return re.compile(rf"(?<![\w.]){re.escape(value)}(?![\w])", re.I)
    singular = re.escape(unit.removesuffix("s"))
    # "10 business days" is how a reply's "10 working days" is kept: either is the value
    singular = re.sub(r"^(?:business|working)(?=\\ day$)", "(?:business|working)", singular)
    return re.compile(rf"\b{re.escape(number)}[\s-]{singular}s?\b", re.I)


_DURATION = re.compile(r"^\d+(?:[.,-]\d+)?\s+[a-z][a-z ]*$", re.I)
_COUNTED_PLURAL = re.compile(r"[a-z](?<![sui])s$", re.I)
"""A name ending in a plural noun of counted things (`child_tickets`, `extra_beds`), not a
singular ending in s (`status`, `radius`, `basis`, `class`)."""
_PHONE_VALUE = re.compile(r"(?!\d{4}-\d\d-\d\d$)\+?[\d\s().-]+")
"""A phone number as a promise holds it (a date, "2026-11-24", is none)."""
_GREETING = re.compile(r"^(?:hi|hello|hey|dear|thanks|thank you)\b[^,.!?]{0,30},\s+(?=[A-Z])", re.I)


def strip_greeting(sentence: str) -> str:
    """ "Hi Kenji, I've looked up …" → "I've looked up …"."""
    return _GREETING.sub("", sentence)


def key_sentences(text: str, needles: Sequence[str]) -> list[str]:
    """Sentences of `text` that contain one of `needles` (case-insensitive; a duration also
    written as "30-day"; a channel in any of its words), greetings cut."""
    lowered = [needle.lower() for needle in needles if needle]
    patterns = [value_pattern(needle) for needle in needles if _DURATION.match(needle)]
    channels = {needle for needle in needles if needle in CHANNEL_NOUNS}
    return [
        strip_greeting(s)
        for s in sentences(text)
        if any(needle in s.lower() for needle in lowered)
        or any(pattern.search(s) for pattern in patterns)
        or (channels and _states_channel(s, channels))
    ]


_PAIRED = 0.5
"""How alike (the share of their words in common) a sentence of the other reply must be to
stand as its counterpart in the evidence: the same sentence with a value swapped passes."""


def _counterpart(sentence: str, others: Sequence[str]) -> int | None:
    """The index of the sentence of `others` that says what `sentence` says (the same sentence,
    or it with a value or a few words changed), or None when none is close."""
    best, best_share = None, _PAIRED
    for index, other in enumerate(others):
        share = 1.0 - word_overlap_distance(sentence, other)
        if share >= best_share and (best is None or share > best_share):
            best, best_share = index, share
    return best


def paired_key_sentences(
    old: str,
    new: str,
    needles_old: Sequence[str],
    needles_new: Sequence[str],
    limit: int = 2,
) -> tuple[list[str], list[str]]:
    """The evidence excerpt of both replies, cut the same way: the sentences of each side that
    hold its needles, each with its counterpart on the other side (so a sentence quoted on
    one side is quoted on the other too: "I've renewed it" is not shown old-only, reading as
    if the new reply no longer does it). Pairs whose two sentences differ go first; at most
    `limit` sentences a side, kept in reply order; a side with nothing found is empty (the
    caller quotes the whole reply)."""
    olds = [strip_greeting(s) for s in sentences(old)]
    news = [strip_greeting(s) for s in sentences(new)]
    pairs: list[tuple[int | None, int | None]] = []
    for index, sentence in enumerate(olds):
        if key_sentences(sentence, needles_old):
            pairs.append((index, _counterpart(sentence, news)))
    for index, sentence in enumerate(news):
        if key_sentences(sentence, needles_new):
            pairs.append((_counterpart(sentence, olds), index))
    unique = list(dict.fromkeys(pairs))

    def changed(pair: tuple[int | None, int | None]) -> bool:
        i, j = pair
        return i is None or j is None or olds[i] != news[j]

    old_at: set[int] = set()
    new_at: set[int] = set()
    for i, j in sorted(unique, key=lambda pair: not changed(pair)):
        more_old = old_at | ({i} if i is not None else set())
        more_new = new_at | ({j} if j is not None else set())
        if len(more_old) <= limit and len(more_new) <= limit:
            old_at, new_at = more_old, more_new
    return [olds[i] for i in sorted(old_at)], [news[j] for j in sorted(new_at)]


def _states_channel(sentence: str, channels: set[str]) -> bool:
    """Whether `sentence` says something reaches the customer by one of `channels`, in any
    words ("look out for an SMS" states the channel "text message")."""
    return any(p.kind == "channel" and p.value in channels for p in extract_promises(sentence))
