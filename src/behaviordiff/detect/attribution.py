"""Attribution: which prompt/config diff hunks most likely caused a behavior change.

A hunk scores for naming a tool the change involves, for changing a parameter of that tool, for
stating a value the change states (45 days, $50, 50%), and for sharing distinctive terms with
what the agent now says or no longer says. Each point comes with its reason.

The links are of two strengths. *Specific* links tie a hunk to what changed: it names, adds or
changes a tool of the change's actions; it states a number that differs between the change's
before and after (30 → 45) or bounds its condition ($50, 48 hours); it mentions escalation when
escalation flipped; it shares a word that names the change itself (its before/after labels,
units such as "days" aside). *Generic* links tie it to anything: reply words both versions
happen to use around the change ("payment", "refund" in a return reply), numbers that are the
same before and after, a model or sampling change (except for wording drift, which it causes).
Every prompt shares some words with some reply, so once a hunk has a specific link, a hunk
with only generic links is dropped unless it still outscores every specifically linked one.
With no specific link anywhere (a tone or meaning change), the generic links rank the hunks.

A changed sentence that still tells the agent to call a tool the change stopped calling, with
the same numbers ("grant a 7-day extension with `grant_extension`" now limited to "students
with an accessibility plan"), keeps the old rule for other customers: it is an exception
clause, a second cause. The first is the hunk that states what the change's customers get
now (the new step's rule), found by its facts and words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from behaviordiff.detect.clocktimes import find_clock_times
from behaviordiff.detect.conditions import Boundary, lifted_bound_of, moved_bound_of
from behaviordiff.detect.model import Atom, Attribution, BehaviorChange, Condition, MovedArgument
from behaviordiff.detect.otherbranch import opens_on_other_side
from behaviordiff.detect.quantities import find_quantities, same_amount
from behaviordiff.detect.schemavalue import sentence_before_schema, stating_schema_values
from behaviordiff.detect.similarity import STOPWORDS
from behaviordiff.detect.verdicts import ProbeSamples
from behaviordiff.diffing.model import Hunk, VersionDiff
from behaviordiff.textutil import plain_number

_TOOL_IN_TEXT = re.compile(r"`?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?")
_VALUE = re.compile(r"\$?\d+(?:[.,]\d+)?%?")
_STEM_WORD = re.compile(r"[a-z]+")
_SAMPLING_KEYS = {"model", "temperature", "top_p", "seed", "max_tokens", "parameters"}
_UNIT_STEMS = frozenset(
    word[:6]
    for word in [
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "business",
        "percent",
    ]
)


def _values(text: str) -> set[str]:
    values = set()
    for raw in _VALUE.findall(text):
        value = raw.lstrip("$").rstrip("%").replace(",", "")
        if "." in value:
            value = value.rstrip("0").rstrip(".")
        values.add(value or "0")
    return values


_DURATION = re.compile(r"\b(\d+(?:\.\d+)?)[\s-](year|month|week|day)s?\b", re.I)
_SMALLER = {"year": (12, 365), "month": (30,), "week": (7,), "day": (24,)}
"""A duration in the smaller units a variable may count it in: 2 years is 24 months."""


def _converted(text: str) -> set[str]:
    values = set()
    for match in _DURATION.finditer(text):
        amount = float(match.group(1))
        for factor in _SMALLER[match.group(2).lower()]:
            values.add(plain_number(amount * factor))
    return values


def _worded(hunk: Hunk) -> set[str]:
    """The amounts a changed sentence moved that it writes in words ("at least a week" →
    "at least a fortnight"), as numbers in each duration unit a variable may count them in
    (7 and 14 days, 168 and 336 hours): the changed words alone ("week", "fortnight") hold
    no number."""
    if hunk.kind != "sentence_changed":
        return set()
    olds, news = find_quantities(str(hunk.old or "")), find_quantities(str(hunk.new or ""))
    moved = [q for q in olds if not any(same_amount(q, other) for other in news)]
    moved += [q for q in news if not any(same_amount(q, other) for other in olds)]
    values: set[str] = set()
    for quantity in moved:
        if not quantity.worded:
            continue
        for unit in ("minutes", "hours", "days", "weeks", "months", "years"):
            value = quantity.in_unit(unit)
            if value is not None and float(value).is_integer():
                values.add(plain_number(value))
    return values


def _clock_hours(hunk: Hunk, words: str) -> set[str]:
    """The times of day a hunk moved (of a changed sentence: the times only one side states;
    else the times its words state), as the hour a variable holds ("5pm" is 17, "2.30pm"
    14.5): a condition `reported_hour < 17` is bounded by the sentence now saying "before
    5pm", whose digits alone ("5") hold no such number."""
    if hunk.kind != "sentence_changed":
        return {plain_number(time.hour) for time in find_clock_times(words)}
    olds = {time.hour for time in find_clock_times(str(hunk.old or ""))}
    news = {time.hour for time in find_clock_times(str(hunk.new or ""))}
    return {plain_number(hour) for hour in olds ^ news}


def _hunk_words(hunk: Hunk) -> str:
    """The words a hunk changed (not its config key path)."""
    if hunk.kind == "sentence_changed":
        return " ".join([*hunk.added_words, *hunk.removed_words])
    return " ".join(hunk.values())


def _terms(text: str) -> Counter[str]:
    """Word stems minus stopwords: "apologize", "apologies" → "apolog"."""
    words = [w for w in _STEM_WORD.findall(text.lower()) if w not in STOPWORDS and len(w) > 2]
    return Counter(word[:6] for word in words)


def _surface(text: str) -> dict[str, str]:
    """Stem → the first whole word written for it in `text`."""
    words: dict[str, str] = {}
    for word in _STEM_WORD.findall(text.lower()):
        words.setdefault(word[:6], word)
    return words


def _change_tools(change: BehaviorChange) -> set[str]:
    tools: set[str] = set()
    for item in [*change.before, *change.after]:
        name = item.split("(", 1)[0]
        if re.fullmatch(r"[A-Za-z0-9_-]+", name) and "_" in name:
            tools.add(name)
    return tools


def _change_arguments(change: BehaviorChange) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for item in [*change.before, *change.after]:
        if "(" in item:
            for part in item.split("(", 1)[1].rstrip(")").split(", "):
                key, _, value = part.partition("=")
                pairs.add((key, value))
    return pairs


def _changed_values(change: BehaviorChange) -> set[str]:
    """Numbers on one side of the change only (30 and 45 in "30 days → 45 days"), and the
    thresholds of its best condition: the numbers that are part of what changed."""
    before: set[str] = set()
    after: set[str] = set()
    for item in change.before:
        before |= _values(item)
    for item in change.after:
        after |= _values(item)
    title_sides = change.title.split("→")
    if len(title_sides) == 2:
        before |= _values(title_sides[0])
        after |= _values(title_sides[1])
    for aspect in change.aspects:
        # a promise kept beside the change's calls (the rate its customers are now told)
        if aspect.kind == "promises":
            for item in aspect.before:
                before |= _values(item)
            for item in aspect.after:
                after |= _values(item)
    changed = before ^ after
    for condition in change.conditions[:1]:
        changed |= _values(condition.text)
    return changed


def _aspects_told_now(change: BehaviorChange) -> set[str]:
    """Numbers a promise aspect of the change states after and not before (50% in "100% →
    50%" kept beside the call whose amounts it moved): what the change's customers are told."""
    before: set[str] = set()
    after: set[str] = set()
    for aspect in change.aspects:
        if aspect.kind != "promises":
            continue
        for item in aspect.before:
            before |= _values(item)
        for item in aspect.after:
            after |= _values(item)
    return after - before


def _label_terms(change: BehaviorChange) -> set[str]:
    """Terms of the words that name the change (its before/after labels), units aside."""
    return set(_terms(" ".join([*change.before, *change.after]))) - _UNIT_STEMS


def _distinctive(change: BehaviorChange, samples: Mapping[str, ProbeSamples]) -> Counter[str]:
    """Terms the new replies use that the old do not, and vice versa, over the change's probes."""
    old_terms: Counter[str] = Counter()
    new_terms: Counter[str] = Counter()
    for probe_id in change.probe_ids:
        probe = samples.get(probe_id)
        if probe is None:
            continue
        for signature in probe.old:
            old_terms.update(set(_terms(signature.text)))
        for signature in probe.new:
            new_terms.update(set(_terms(signature.text)))
    distinct: Counter[str] = Counter()
    for term in set(old_terms) | set(new_terms):
        gap = abs(new_terms[term] - old_terms[term])
        if gap:
            distinct[term] = gap
    return distinct


def _scales_like(hunk: Hunk, moved: list[MovedArgument]) -> str | None:
    """For a change whose calls stayed and whose numbers moved by one ratio:
    a changed sentence whose own number moved the same way (50% → 100% for refunds ×2) is
    what most likely moved them."""
    if hunk.kind != "sentence_changed" or not moved:
        return None
    olds = [float(value) for value in _values(str(hunk.old or ""))]
    news = [float(value) for value in _values(str(hunk.new or ""))]
    for row in moved:
        ratio = row.ratio
        for old in olds:
            for new in news:
                if old == new:
                    continue
                moved_to = f"changes {plain_number(old)} → {plain_number(new)}"
                if ratio is not None and old and abs(new / old - float(ratio)) < 1e-6:
                    return f"{moved_to} (×{plain_number(float(ratio))}, as the amounts)"
    # a shared difference (+1, +5) is too common among a prompt's numbers to be a link
    return None


def _moved_pairs(row: MovedArgument) -> set[tuple[str, str]]:
    """Each old → new pair of a moved argument's values across its probes, as plain numbers
    (one pair: the argument moved from one value to one other in every probe)."""
    return {
        (plain_number(float(value.old)), plain_number(float(value.new))) for value in row.values
    }


def _moves_as_argument(hunk: Hunk, moved: list[MovedArgument]) -> str | None:
    """For a change whose calls stayed and whose argument moved from one value to one other in
    every probe (a fee 0 → 15): a changed sentence whose own number moved the same way (the
    old sentence stated 0, the new one states 15 and not as before) is the rule that moved it,
    whatever words it shares; a sentence added beside it that restates the old value for
    other customers ("washes cost the same on any day (fee 0)") only says what stayed."""
    if hunk.kind != "sentence_changed" or not moved:
        return None
    olds, news = _values(str(hunk.old or "")), _values(str(hunk.new or ""))
    for row in moved:
        pairs = _moved_pairs(row)
        if len(pairs) != 1:
            continue
        was, now = pairs.pop()
        if was != now and was in olds and now in news and now not in olds:
            return f"changes {was} → {now}, as {row.argument}"
    return None


def _new_amounts(moved: list[MovedArgument]) -> set[str]:
    """The one new value of each argument that moved from one old value to one new one, when
    the new one is not 0 (a fee brought in: 0 → 5)."""
    found: set[str] = set()
    for row in moved:
        pairs = _moved_pairs(row)
        if len(pairs) == 1:
            was, now = pairs.pop()
            if was != now and float(now) != 0:
                found.add(now)
    return found


def _hunk_new_text(hunk: Hunk) -> str:
    said = str(hunk.new or "")
    if hunk.kind == "sentence_changed" and hunk.continued:
        said = " ".join([said, *hunk.continued])
    return said


def _new_categories(change: BehaviorChange) -> set[str]:
    """The values a call's argument took in place of another (`refund_to=store_credit` in the
    after labels where the before labels give `refund_to=original_payment`; `team=claims` for
    `team=support`): the category the change's customers now get, numbers aside."""
    before = _change_arguments_of(change.before)
    after = _change_arguments_of(change.after)
    moved_keys = {key for key, _ in before} & {key for key, _ in after}
    return {
        value
        for key, value in after - before
        if key in moved_keys
        and value
        and not _VALUE.fullmatch(value)
        and value.lower() not in _FLAG_VALUES
        and len(value) <= 60
    }


_FLAG_VALUES = frozenset({"true", "false", "yes", "no", "none", "null"})
"""Argument values that are a flag, not a category a sentence states in words."""


def _change_arguments_of(labels: Sequence[str]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for item in labels:
        if "(" in item:
            for part in item.split("(", 1)[1].rstrip(")").split(", "):
                key, sep, value = part.partition("=")
                if sep:
                    pairs.add((key.strip(), value.strip()))
    return pairs


_CODE_SPAN = re.compile(r"`[^`\n]{0,200}`|\b[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+\b")


def _states_category(text: str, value: str, *, in_words: bool) -> bool:
    """Whether `text` states a category value: as written (`store_credit`) or in words
    ("store credit", "Store Credit"); `in_words`: in words only, identifiers and code spans
    left out (a call's argument is what the agent passes, not what the customer is told)."""
    words = [word for word in re.split(r"[_\-\s]+", value) if word]
    if not words:
        return False
    said = _CODE_SPAN.sub(" ", text) if in_words else text
    pattern = r"(?<![A-Za-z0-9])" + r"[_\-\s]+".join(map(re.escape, words)) + r"(?![A-Za-z0-9])"
    return re.search(pattern, said, re.I) is not None


_AMOUNT_WORDS = frozenset(
    """cost costs costing charge charges charged charging fee fees price prices priced pay
    pays paid paying free extra amount amounts rate rates first later second next every each
    per time times call calls new now""".split()  # noqa: SIM905
)
"""Words any rule about an amount or a call may say: no topic shared by saying them."""


def _topic_stems(text: str, dropped: set[str]) -> set[str]:
    """The content words of `text` as short stems ("swaps", "swap_bike" → "swap"), stopwords,
    amount words, currency and time units, and the `dropped` stems (a value's own words, an
    argument's name) left out."""
    stems: set[str] = set()
    for word in _STEM_WORD.findall(text.lower()):
        if len(word) < 3 or word in STOPWORDS or word in _AMOUNT_WORDS:
            continue
        if re.fullmatch(_CURRENCY_WORD, word) or word[:6] in _UNIT_STEMS:
            continue
        stem = (word[:-1] if len(word) > 3 and word.endswith("s") else word)[:5]
        if stem not in dropped:
            stems.add(stem)
    return stems


def _shares_topic(rule: Hunk, anchor: Hunk, tools: set[str], dropped: Sequence[str]) -> bool:
    """Whether a sentence stating the new value is about what the call sentence `anchor` is
    about: it shares a content word with the call sentence (either side) or a tool's name,
    beyond the values (`dropped`) and amount words ("Each later swap costs €8." beside
    "call `swap_bike` (… fee 8 …)"; not "Helmets can be hired for €8 a day.")."""
    gone = _topic_stems(" ".join(dropped).replace("_", " "), set())
    ours = _topic_stems(
        " ".join([str(anchor.old or ""), str(anchor.new or ""), *tools]).replace("_", " "), gone
    )
    return bool(ours & _topic_stems(str(rule.new or "").replace("_", " "), gone))


def _new_amount_first(
    ranked: list[Attribution], diff: VersionDiff, change: BehaviorChange, bounding: set[str]
) -> list[Attribution]:
    """A lead that states none of the change's new values (a co-edited sentence naming the
    tool: "Issue a key with `issue_key` …" beside the fee's own sentence; a rewritten call
    that only lost its old argument, "refund it with `refund_return` (order_ref)"; a sentence
    keeping the old team for every other case) gives way to the best ranked sentence whose
    new words now state a new value that its old words did not: a moved argument's new amount
    with its unit ("each replacement key costs £8"), or the category an argument now takes,
    in words ("refund as store credit", "go to our Claims team"). That sentence is the rule
    the change's customers now get. A lead moving the condition's bound keeps its place."""
    if len(ranked) < 2 or ranked[0].hunk_id in bounding:
        return ranked
    news = _new_amounts(change.moved_arguments)
    categories = _new_categories(change)
    if not news and not categories:
        return ranked
    by_id = {hunk.id: hunk for hunk in diff.hunks}
    lead = by_id.get(ranked[0].hunk_id)
    if lead is None:
        return ranked
    lead_text = _hunk_new_text(lead) if lead.is_prompt else str(lead.new or "")
    if news & _values(lead_text) or any(
        _states_category(lead_text, value, in_words=False) for value in categories
    ):
        return ranked
    tools = _change_tools(change)
    # a category said in words: only in the lead's section and about what the lead is about
    # (not "gift card balances can be turned into account credit" in another section)
    dropped = [*categories, *(value for _, value in _change_arguments_of(change.before))]
    stating = [
        item.hunk_id
        for item in ranked
        if (hunk := by_id.get(item.hunk_id)) is not None
        and hunk.is_prompt
        and hunk.kind in ("sentence_changed", "sentence_added")
        and (
            any(
                _states_as_amount(_hunk_new_text(hunk), value)
                and not _states_as_amount(str(hunk.old or ""), value)
                for value in news
            )
            or (
                any(
                    _states_category(_hunk_new_text(hunk), value, in_words=True)
                    and not _states_category(str(hunk.old or ""), value, in_words=False)
                    for value in categories
                )
                and (hunk.file, hunk.section) == (lead.file, lead.section)
                and _shares_topic(hunk, lead, tools, dropped)
            )
        )
    ]
    if not stating:
        return ranked
    # the best ranked of them leads; the others keep their places
    return sorted(ranked, key=lambda item: item.hunk_id != stating[0])


def _tells_old_value_only(hunk: Hunk, moved: list[MovedArgument]) -> bool:
    """For a change whose argument moved from one old value in every probe (a fee 0 → 35; a
    deposit 0 → 5 a head, 40 or 55 as the party's size): whether a changed sentence's new
    text states the old value and none of the new ones (its rule still books with fee 0, for
    the customers the line now leaves on the old side)."""
    if hunk.kind != "sentence_changed" or not isinstance(hunk.new, str):
        return False
    said = _values(hunk.new)
    for row in moved:
        pairs = _moved_pairs(row)
        olds, news = {was for was, _ in pairs}, {now for _, now in pairs}
        if len(olds) == 1 and not olds & news and olds <= said and not news & said:
            return True
    return False


def _rules_for_the_case(hunk: Hunk, change: BehaviorChange) -> bool:
    """Whether an added sentence names a category value of the change's first condition
    (every word of it) and states the one new value every probe's moved argument took, and
    none of the old ones: the rule for the change's customers."""
    if hunk.kind != "sentence_added" or not isinstance(hunk.new, str) or not change.conditions:
        return False
    if not any(
        atom.op in ("=", "in") and _newly_named_value(hunk, atom) is not None
        for atom in _atoms(change.conditions[0])
    ):
        return False
    said = _values(hunk.new)
    for row in change.moved_arguments:
        pairs = _moved_pairs(row)
        olds, news = {was for was, _ in pairs}, {now for _, now in pairs}
        if len(news) == 1 and not olds & news and news <= said and not olds & said:
            return True
    return False


def attributed_summary(hunk: Hunk) -> str:
    """A hunk's summary as its attribution says it: a changed sentence with the added
    sentences that go on from it (`Hunk.continued`), so the rewrite's new words are in it
    ("… → Breakdowns: don't hand these over. Arrange a replacement with `swap_tool` …")."""
    said = hunk.summary()
    if hunk.kind == "sentence_changed" and hunk.continued:
        said = " ".join([said, *hunk.continued])
    return said


def _atoms(condition: Condition) -> list[Atom]:
    """A condition's atoms; one built by hand may hold them in their JSON form."""
    return [Atom.from_dict(a) if isinstance(a, Mapping) else a for a in condition.atoms]


def _condition_values(change: BehaviorChange) -> set[str]:
    """The category values the change's conditions name (`pay_method = cheque` → "cheque")."""
    found: set[str] = set()
    for condition in change.conditions:
        for atom in _atoms(condition):
            if atom.op in ("=", "in"):
                values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
                found |= {str(value).lower() for value in values if isinstance(value, str)}
    return found


def attribute(
    change: BehaviorChange,
    samples: Mapping[str, ProbeSamples],
    diff: VersionDiff,
    limit: int = 3,
) -> list[Attribution]:
    """The hunks most likely behind `change`, best first (the rule is in the module docstring)."""
    if not diff.hunks:
        return []
    tools = _change_tools(change)
    arguments = _change_arguments(change)
    escalation_change = "escalation" in change.facets
    changed_values = _changed_values(change)
    change_values = set(changed_values)
    for item in [*change.before, *change.after, change.title]:
        change_values |= _values(item)
    # the hours a hunk's times of day may match: the condition's bounds, and the times the
    # change itself states ("17:00" of a change the hunk writes "5pm")
    bounds_of_condition = _condition_bounds(change) | {
        plain_number(time.hour)
        for item in [*change.before, *change.after, change.title]
        for time in find_clock_times(item)
    }
    told_now = _aspects_told_now(change)
    label_terms = _label_terms(change)
    distinct = _distinctive(change, samples)
    for term in _terms(change.title + " " + " ".join([*change.before, *change.after])):
        distinct[term] += 3
    hunk_terms = {
        hunk.id: _terms(_hunk_words(hunk) + " " + (hunk.section or "")) for hunk in diff.hunks
    }
    document_frequency: Counter[str] = Counter()
    for terms in hunk_terms.values():
        document_frequency.update(set(terms))
    specific: list[Attribution] = []
    generic: list[Attribution] = []
    # unlinked hunks and those scoring too little: `_asked_first` may link one
    low: list[Attribution] = []
    exceptions: set[str] = set()
    bounding: set[str] = set()
    bounding_to: set[str] = set()
    drawing_line: set[str] = set()
    narrowing: set[str] = set()
    telling: set[str] = set()
    naming: set[str] = set()  # hunks whose changed words name a tool of the change
    # hunks linked by shared words alone that move values of their own, and hunks linked by
    # the change's own moved values: `_other_rules`
    worded_only: set[str] = set()
    by_values: set[str] = set()
    for hunk in diff.hunks:
        score = 0.0
        reasons: list[str] = []
        linked = False
        linked_by_words = False
        words = _hunk_words(hunk)
        if hunk.is_prompt or hunk.is_code_or_data:
            named = {match for match in _TOOL_IN_TEXT.findall(words) if match in tools}
            if named:
                score += 3.0
                linked = True
                naming.add(hunk.id)
                reasons.append("names tool " + ", ".join(sorted(named)))
                if hunk.kind == "sentence_added" and (
                    _calls_for_the_others(hunk, named, change)
                    or _calls_the_old_way(hunk, named, change)
                ):
                    exceptions.add(hunk.id)
                    reasons.append("keeps the call for the other side of the condition")
                elif _keeps_as_fallback(hunk, named, change):
                    exceptions.add(hunk.id)
                    reasons.append("keeps the call as a fallback under a condition of its own")
            elif hunk.kind == "sentence_changed":
                # the sentence's changed words name no tool, but the sentence is the rule for
                # a tool the change started or stopped calling ("freeze up to 60 days using
                # `freeze_membership`"): the moved limit is why the call now happens
                ruled = {m for m in _TOOL_IN_TEXT.findall(hunk.text()) if m in tools}
                if ruled and _keeps_rule(hunk, ruled, change):
                    score += 1.0
                    linked = True
                    exceptions.add(hunk.id)
                    reasons.append("keeps the rule for " + ", ".join(sorted(ruled)) + " for others")
                elif ruled:
                    score += 2.0
                    linked = True
                    reasons.append("changes the rule for " + ", ".join(sorted(ruled)))
            if escalation_change and re.search(r"escalat", words, re.I):
                score += 1.0
                linked = True
                reasons.append("mentions escalation")
        elif hunk.kind in ("tool_added", "tool_removed", "tool_changed") and hunk.key:
            tool = hunk.key.split(".", 1)[0]
            if tool in tools:
                linked = True
                if hunk.kind == "tool_changed":
                    score += 1.0
                    reasons.append(f"changes tool {tool}")
                    hunk_values = {str(v).lower() for v in (hunk.old, hunk.new) if v is not None}
                    if any(key in hunk.key and value in hunk_values for key, value in arguments):
                        score += 2.0
                        reasons.append(f"parameter changed: {hunk.key}")
                else:
                    score += 3.0
                    naming.add(hunk.id)
                    reasons.append(f"tool {tool} {hunk.kind.removeprefix('tool_')}")
        elif hunk.kind == "config_changed" and (hunk.key or "").split(".")[0] in _SAMPLING_KEYS:
            score += 0.75
            linked = linked or change.kind == "wording"
            reasons.append(f"{hunk.key} changed: affects every reply")
        bound = _moves_bound(hunk, change) or _lifts_bound(hunk, change)
        if bound:
            score += 3.0
            linked = True
            bounding.add(hunk.id)
            if _moves_to_bound(hunk, change):
                bounding_to.add(hunk.id)
            reasons.append(bound)
        scaled = _scales_like(hunk, change.moved_arguments)
        if scaled:
            score += 3.0
            linked = True
            reasons.append(scaled)
        elif moved_as := _moves_as_argument(hunk, change.moved_arguments):
            score += 3.0
            linked = True
            reasons.append(moved_as)
        hunk_values = _values(words) | _converted(words) | _worded(hunk)
        # a time of day as its hour (4pm is 16) bounds an hour variable: it matches the
        # condition's thresholds, never an amount the change moved (£16)
        hours = _clock_hours(hunk, words) - hunk_values
        hunk_values |= hours & bounds_of_condition
        shared_values = sorted(change_values & hunk_values)
        if shared_values:
            score += 1.5 * min(len(shared_values), 3)
            if changed_values & hunk_values:
                by_values.add(hunk.id)
            linked = linked or bool(changed_values & hunk_values)
            reasons.append("states " + ", ".join(shared_values[:4]))
        told = sorted(told_now & _values(str(hunk.new or "")))
        if told and hunk.kind in ("sentence_added", "sentence_changed"):
            # of two sentences added for the two sides of a line, the one stating what the
            # change's customers are now told (50%) is theirs; the other keeps the old (100%)
            score += 0.5
            linked = True
            telling.add(hunk.id)
            reasons.append("now states " + ", ".join(told[:3]))
        terms = hunk_terms[hunk.id]
        overlap = [
            (term, math.log(1 + distinct[term]) / document_frequency[term])
            for term in terms
            if term in distinct
        ]
        overlap.sort(key=lambda pair: -pair[1])
        if overlap:
            score += min(3.0, sum(weight for _, weight in overlap[:6]))
            linked_by_words = not linked and any(term in label_terms for term, _ in overlap)
            linked = linked or linked_by_words
            surface = _surface(hunk.text())
            reasons.append(
                "shares terms: " + ", ".join(surface.get(term, term) for term, _ in overlap[:5])
            )
        narrowed = _narrows_to(hunk, change)
        if narrowed and linked:
            narrowing.add(hunk.id)
            reasons.append(narrowed)
        drawing = _draws_bound(hunk, change)
        if drawing and linked:
            drawing_line.add(hunk.id)
            reasons.append(drawing)
        found = Attribution(
            hunk_id=hunk.id,
            score=score,
            reasons=tuple(reasons),
            summary=_held_back_summary(hunk, diff, change) or attributed_summary(hunk),
            kind=hunk.kind,
            file=hunk.file,
            section=hunk.section,
            key=hunk.key,
        )
        if linked_by_words and reasons[-1].startswith("shares terms") and len(reasons) == 1:
            worded_only.add(hunk.id)
        if score <= 0.5 or not linked:
            low.append(found)
        if score <= 0.5:
            continue
        (specific if linked else generic).append(found)
    others = _other_rules(worded_only, by_values, specific, diff, change, samples)
    specific = [item for item in specific if item.hunk_id not in others]
    if specific:
        best = max(item.score for item in specific)
        generic = [item for item in generic if item.score > best]
    ranked = [*specific, *generic]
    ranked.sort(key=lambda item: (-item.score, item.hunk_id))
    ranked = _rewrite_before_moved_call(ranked, diff, tools)
    ranked = _instruction_before_declaration(ranked, diff)
    # the sentence that moved the condition's bound is the rule that draws the line; one that
    # newly names the condition's category ("free for members only") draws it too
    ranked.sort(key=lambda item: item.hunk_id not in narrowing)
    # of those, one adding the condition's value itself before one only naming its variable
    adding = {
        hunk.id
        for hunk in diff.hunks
        if hunk.id in narrowing and _adds_condition_value(hunk, change)
    }
    ranked.sort(key=lambda item: item.hunk_id not in adding)
    # a sentence added for the condition's customers alone, naming their category and the
    # moved argument's new value ("The Engineering range is excluded …: add those spools at
    # the full shop price (discount_percent 0)") is their rule; a changed sentence that only
    # lost the old value ("…, at 15% off (discount_percent 15)" → "…") rewords the others'
    if not narrowing:
        ruling = {hunk.id for hunk in diff.hunks if _rules_for_the_case(hunk, change)}
        ranked.sort(key=lambda item: item.hunk_id not in ruling)
    # of the sentences moving the bound, those moving it to the condition's other line first
    ranked.sort(key=lambda item: item.hunk_id not in bounding_to)
    # of two sentences moving the bound, the one still telling the moved argument's old value
    # ("if they haven't had one, book it with fee 0") says what the others keep
    keeping = {
        hunk.id for hunk in diff.hunks if _tells_old_value_only(hunk, change.moved_arguments)
    }
    # of several sentences moving the bound, one stating it as the rule itself ("Children
    # under 3 ride free") before an instruction that restates it to define what to pass a tool
    # of the change ("call `book` with paid tickets (ages 3 to 15)"): the instruction is how
    # the rule is carried out, and scores higher only for naming the tool
    instructing = {
        hunk.id for hunk in diff.hunks if hunk.id in bounding and _names_tool(hunk, tools)
    }
    if bounding - instructing:
        ranked.sort(key=lambda item: item.hunk_id in instructing)
    ranked.sort(key=lambda item: item.hunk_id in bounding & keeping)
    ranked.sort(key=lambda item: item.hunk_id not in bounding)
    if ranked and ranked[0].hunk_id in keeping and telling - keeping:
        # the only sentence moving the bound keeps the old value for the others ("fewer than
        # 8 need no deposit (deposit 0)"): a sentence stating what the change's customers are
        # now told ("£5 a head for 8 or more") is their rule
        ranked.sort(key=lambda item: item.hunk_id not in telling - keeping)
    # a sentence saying the value a tool's schema lost or gained is the rule, the schema its
    # enforcement (`schemavalue`)
    stating = stating_schema_values(diff, tools, _hunk_words, _condition_values(change))
    exceptions -= set(stating)
    ranked = sentence_before_schema(ranked, stating)
    if not naming - exceptions and not _labels_tools(change.after) - _labels_tools(change.before):
        # no new call and no other sentence naming one: the change's customers only lost the
        # call, and the sentence moving its bound past them ("the 2nd floor or higher" ->
        # "the 3rd") is why, not a rule kept for others beside a new step's sentence
        exceptions -= bounding
    first = next((item for item in ranked if item.hunk_id not in exceptions), None)
    if first is not None and exceptions:
        # the exception clause comes second: after what the change's customers get now
        kept = [item for item in ranked if item.hunk_id in exceptions]
        rest = [item for item in ranked if item is not first and item.hunk_id not in exceptions]
        ranked = [first, *kept, *rest]
    by_id = {hunk.id: hunk for hunk in diff.hunks}
    if ranked and drawing_line and not _states_a_bound(by_id.get(ranked[0].hunk_id), change):
        # the lead states no line of the condition (the new step's terms alone): the sentence
        # narrowing an every-case rule at the condition's bound draws it, and leads
        ranked.sort(key=lambda item: item.hunk_id not in drawing_line)
    ranked = _case_before_follow_on(ranked, diff, change, exceptions)
    ranked = _rule_before_argument(ranked, diff, change)
    ranked = _new_amount_first(ranked, diff, change, bounding)
    scored = {item.hunk_id: item for item in [*specific, *low]}
    return _asked_first(ranked, diff, change, scored)[:limit]


def _other_rules(
    worded_only: set[str],
    by_values: set[str],
    specific: Sequence[Attribution],
    diff: VersionDiff,
    change: BehaviorChange,
    samples: Mapping[str, ProbeSamples],
) -> set[str]:
    """Of the hunks linked to `change` by shared words alone (`worded_only`), the changed
    sentences that move values of their own ("up to 2 months" → "up to 3 months") that no
    reply of the change's probes states, old or new, when another linked hunk is the change's
    by its values: linked by the change's own moved values (`by_values`: "30 days' notice" →
    "14" for a notice now 14 days), or moving values its replies state. Such a hunk is another
    rule, which moved what these customers were never told: two rules of one release share
    words ("membership" in both tools' names, a section heading), and what a rule moved shows
    in its own replies."""
    replies: set[str] = set()
    read = False
    for probe_id in change.probe_ids:
        probe = samples.get(probe_id)
        if probe is None:
            continue
        for signature in (*probe.old, *probe.new):
            read = True
            replies |= _values(signature.text)
    if not worded_only or not read:
        # no reply read: nothing shows what these customers were told
        return set()
    by_id = {hunk.id: hunk for hunk in diff.hunks}
    unseen: set[str] = set()
    owned = set(by_values)
    for item in specific:
        hunk = by_id.get(item.hunk_id)
        moved = _moved_values(hunk) if hunk is not None else set()
        if moved and moved & replies:
            owned.add(item.hunk_id)
        elif moved and item.hunk_id in worded_only:
            unseen.add(item.hunk_id)
    return unseen if owned - unseen else set()


def _moved_values(hunk: Hunk) -> set[str]:
    """The values a changed sentence states on one side only (2 and 3 of "up to 2 months" →
    "up to 3 months"); none for other hunks or a sentence that only gained or lost a value."""
    if hunk.kind != "sentence_changed":
        return set()
    old_values = _values(str(hunk.old or ""))
    new_values = _values(str(hunk.new or ""))
    if not old_values or not new_values:
        return set()
    return old_values ^ new_values


_MOVED_AS = re.compile(r"changes (?P<was>[^ ]+) → (?P<now>[^ ,]+), as (?P<argument>\w+)$")
_CURRENCY_WORD = r"(?:pounds?|euros?|dollars?|pence|usd|gbp|eur)\b"


def _states_as_amount(text: str, value: str) -> bool:
    """Whether `text` states `value` as an amount with its unit ("£15", "15%", "15 per dog",
    "15 euros"), not as a bare number."""
    number = re.escape(value)
    return (
        re.search(
            rf"[$€£]\s?{number}(?![\d.,]\d)|(?<![\d.,]){number}(?![\d.,]\d)\s?"
            rf"(?:%|per\b|{_CURRENCY_WORD})",
            text,
            re.I,
        )
        is not None
    )


def _names_tool(hunk: Hunk, tools: set[str]) -> bool:
    """Whether a changed sentence names, on either side, a tool of the change."""
    return any(
        match in tools
        for text in (hunk.old, hunk.new)
        if isinstance(text, str)
        for match in _TOOL_IN_TEXT.findall(text)
    )


def _rule_before_argument(
    ranked: list[Attribution], diff: VersionDiff, change: BehaviorChange
) -> list[Attribution]:
    """A moved argument's rule said in two sentences of one item ("There is a charge of £15
    per dog per night." then "Book dogs with pet_fee 15 …"): the second leads for moving the
    argument's number (`_moves_as_argument`), but it only tells the agent what to pass. A
    sentence of the same section, changed or added, that states the new value as an amount
    with its unit and names neither the argument nor a tool of the change is the rule the
    customer is told, the argument its enforcement: the best ranked such sentence leads
    (next to the instruction or not: "… as many times as you like, free of charge." →
    "The first change is free." then "Every later change costs £25." above a rewritten "call
    `change_date` (… fee 0 for the first change or 25 for a later one)"). Its old side states
    no number of the argument (the old amount was worded: "dogs stay free"), or it would
    have moved the argument too."""
    if len(ranked) < 2 or not change.moved_arguments:
        return ranked
    moved = next(
        (found for reason in ranked[0].reasons if (found := _MOVED_AS.match(reason))), None
    )
    if moved is None:
        return ranked
    at = next((i for i, hunk in enumerate(diff.hunks) if hunk.id == ranked[0].hunk_id), None)
    if at is None:
        return ranked
    instruction = diff.hunks[at]
    argument, now = moved.group("argument"), moved.group("now")
    named = re.compile(r"[_\s]".join(map(re.escape, argument.split("_"))), re.I)
    if not named.search(str(instruction.new or "")):
        return ranked
    by_id = {hunk.id: hunk for hunk in diff.hunks}
    tools = _change_tools(change)
    for lead in ranked[1:]:
        neighbour = by_id.get(lead.hunk_id)
        if (
            neighbour is None
            or neighbour.kind not in ("sentence_changed", "sentence_added")
            or not neighbour.is_prompt
            or (neighbour.file, neighbour.section) != (instruction.file, instruction.section)
        ):
            continue
        # the rule alone: the new value as an amount, and no number of the argument said
        # before, nor the argument's name or a tool's (the continued instruction left out)
        rule = str(neighbour.new or "")
        if named.search(rule) or _names_tool(neighbour, tools) or not _states_as_amount(rule, now):
            continue
        if {moved.group("was"), now} & _values(str(neighbour.old or "")):
            continue
        # about what the call is about: not another charge of the same amount in the section
        if not _shares_topic(neighbour, instruction, tools, [moved.group("was"), now]):
            continue
        return [lead, *(item for item in ranked if item is not lead)]
    return ranked


_OWN_CASE = re.compile(r"(?:if|when|whenever|for|once|unless)\b|[^:.\n]{1,60}:\s", re.I)
"""A sentence opening with a case of its own ("If …", "Exception: …"): a rule of its own."""


def _case_before_follow_on(
    ranked: list[Attribution], diff: VersionDiff, change: BehaviorChange, exceptions: set[str]
) -> list[Attribution]:
    """An added rule said in two sentences ("Exception: if the bike was stolen, a replacement
    can also be sent with at least 3 hours' notice." then "Call `send_replacement` the same way
    and tell the rider …"): the second, ranked first for naming the tool, has no case of its
    own and states no number; the added sentence right before it in the same section opens
    with a case and states a bound of the change's condition that no old sentence stated (the
    new line itself). That one is the rule and leads; the second only goes on from it. A lead
    whose bound the old prompt already stated ("From 31 to 60 days: …" where the old rule said
    60) restates a line another sentence moved, and the order stands."""
    if not ranked:
        return ranked
    at = next((i for i, hunk in enumerate(diff.hunks) if hunk.id == ranked[0].hunk_id), None)
    if not at:
        return ranked
    lead, follow = diff.hunks[at - 1], diff.hunks[at]
    if not all(
        hunk.kind == "sentence_added" and hunk.is_prompt and isinstance(hunk.new, str)
        for hunk in (lead, follow)
    ):
        return ranked
    if (lead.file, lead.section) != (follow.file, follow.section) or lead.id in exceptions:
        return ranked
    follow_text, lead_text = str(follow.new), str(lead.new)
    if _OWN_CASE.match(follow_text) or _values(follow_text) or not _OWN_CASE.match(lead_text):
        return ranked
    said_before: set[str] = set()
    for hunk in diff.hunks:
        if isinstance(hunk.old, str):
            said_before |= _values(hunk.old)
    if not (_values(lead_text) & _condition_bounds(change)) - said_before:
        return ranked
    placed = next((item for item in ranked if item.hunk_id == lead.id), None)
    if placed is None:
        return ranked
    return [placed, *(item for item in ranked if item is not placed)]


def _rewrite_before_moved_call(
    ranked: list[Attribution], diff: VersionDiff, tools: set[str]
) -> list[Attribution]:
    """A rule rewritten with its tool call moved into a sentence of its own ("Wrapping is free
    for each item, with `add_wrap` (fee 0)." → "Wrapping is free for one item per order. …
    Add it with `add_wrap` (fee = 3 × (items − 1))."): the changed sentence is the rule whose
    fact changed, the added sentence only says how to call the tool it called before, so the
    changed sentence comes first. An added sentence naming a tool the old rule did not name is
    a new step and keeps its place."""
    hunks = {hunk.id: hunk for hunk in diff.hunks}
    order = list(ranked)
    for position, item in enumerate(ranked):
        added = hunks.get(item.hunk_id)
        if added is None or added.kind != "sentence_added" or not added.is_prompt:
            continue
        calls = {m for m in _TOOL_IN_TEXT.findall(str(added.new or "")) if m in tools}
        if not calls:
            continue
        rewritten = next(
            (
                later
                for later in ranked[position + 1 :]
                if (changed := hunks.get(later.hunk_id)) is not None
                and changed.kind == "sentence_changed"
                and (changed.file, changed.section) == (added.file, added.section)
                and calls <= set(_TOOL_IN_TEXT.findall(str(changed.old or "")))
                and not calls & set(_TOOL_IN_TEXT.findall(str(changed.new or "")))
            ),
            None,
        )
        if rewritten is not None and order.index(rewritten) > order.index(item):
            order.remove(rewritten)
            order.insert(order.index(item), rewritten)
    return order


def _instruction_before_declaration(
    ranked: list[Attribution], diff: VersionDiff
) -> list[Attribution]:
    """A tool added to the config and a prompt sentence that tells the agent to use it ("send
    it straight away with `send_receipt`"): the declaration only makes the call possible, the
    sentence is the rule that makes the agent call it, and for whom, so the sentence ranks first
    whatever the tie-break between their scores."""
    hunks = {hunk.id: hunk for hunk in diff.hunks}
    order = list(ranked)
    for item in ranked:
        declared = hunks.get(item.hunk_id)
        if declared is None or declared.kind != "tool_added" or not declared.key:
            continue
        tool = declared.key.split(".", 1)[0]
        instruction = next(
            (
                later
                for later in order[order.index(item) + 1 :]
                if (told := hunks.get(later.hunk_id)) is not None
                and told.is_prompt
                and told.kind in ("sentence_changed", "sentence_added")
                and tool in _TOOL_IN_TEXT.findall(str(told.new or ""))
            ),
            None,
        )
        if instruction is not None:
            order.remove(instruction)
            order.insert(order.index(item), instruction)
    return order


def _atom_bounds(atom: Atom) -> list[float]:
    """The numbers a range atom bounds its variable at (none for a category or yes/no atom)."""
    if atom.op == "between":
        bounds: list[object] = [atom.low, atom.high]
    elif atom.op in (">", ">=", "<", "<="):
        bounds = [atom.value]
    else:
        return []
    return [
        float(bound)
        for bound in bounds
        if isinstance(bound, int | float) and not isinstance(bound, bool)
    ]


def _bound_atoms(hunk: Hunk, change: BehaviorChange) -> list[tuple[str, str, Atom, list[float]]]:
    """For a changed sentence: its old and new text with each atom of the change's (first)
    condition and that atom's bounds, which a moved or a withdrawn bound is read against."""
    if hunk.kind != "sentence_changed" or not change.conditions:
        return []
    if not isinstance(hunk.old, str) or not isinstance(hunk.new, str):
        return []
    return [(hunk.old, hunk.new, atom, _atom_bounds(atom)) for atom in _atoms(change.conditions[0])]


def _moves_bound(hunk: Hunk, change: BehaviorChange) -> str | None:
    """For a changed sentence that moved a threshold of the change's condition (its first
    one): which numbers it moved, as a reason ("moves 30 days → 45 days, the bound of
    days_since_delivery")."""
    for old, new, atom, numbers in _bound_atoms(hunk, change):
        moved = moved_bound_of(old, new, atom.feature, numbers)
        if moved is not None:
            was, now = moved
            return f"moves {_amount(was)} → {_amount(now)}, the bound of {atom.feature}"
    return None


def _lifts_bound(hunk: Hunk, change: BehaviorChange) -> str | None:
    """For a changed sentence that withdrew a threshold of the change's condition (its first
    one): the old sentence stated it about the bounded variable, the new one states no number
    in its unit ("Gift cards are valid for 12 months from purchase" → "Gift cards never
    expire" for `months_since_purchase >= 12`). The limit that stopped the change's customers
    is gone, as a moved bound moves it; a sentence that only applied it ("if it was bought 12
    or more months ago, …") does not name the variable. As a reason, else None."""
    for old, new, atom, numbers in _bound_atoms(hunk, change):
        lifted = lifted_bound_of(old, new, atom.feature, numbers)
        if lifted is not None:
            return f"withdraws the bound {plain_number(lifted)} of {atom.feature}"
    return None


def _moves_to_bound(hunk: Hunk, change: BehaviorChange) -> bool:
    """Whether the changed sentence moves a number to one the condition bounds at ("2 free
    pauses" → "Premium includes 4" for `2 <= pauses_used < 4`), not only away from one: of
    several sentences that lost the old number ("fewer than 2" → "fewer than their plan's
    free pauses"), the one stating the new line draws it."""
    if not isinstance(hunk.old, str) or not isinstance(hunk.new, str):
        return False
    bounds = _condition_bounds(change)
    old_values = _values(hunk.old)
    return any(value in bounds for value in _values(hunk.new) - old_values)


def _narrows_to(hunk: Hunk, change: BehaviorChange) -> str | None:
    """For a changed sentence, already linked to the change, that newly names the feature of
    a category or yes/no atom of the change's condition ("Rods are free for everyone" →
    "free for club members only" for `member = no`): it draws the line between the change's
    customers and the others, as a moved bound does, while a sentence added beside it
    ("Otherwise rods cost £8") only says what one side gets. As a reason, else None."""
    if hunk.kind != "sentence_changed" or not change.conditions:
        return None
    if not isinstance(hunk.old, str) or not isinstance(hunk.new, str):
        return None
    old, new = _terms(hunk.old), _terms(hunk.new)
    for atom in _atoms(change.conditions[0]):
        if atom.op not in ("=", "in"):
            continue
        name = atom.feature.rsplit(".", 1)[-1].replace("_", " ")
        named = [term for term in _terms(name) if term in new and term not in old]
        if named:
            return f"limits the rule by {atom.feature}, which the old sentence did not name"
        value = _newly_named_value(hunk, atom)
        if value is not None:
            return f"limits the rule to {value}, which the old sentence did not name"
    return None


def _newly_named_value(hunk: Hunk, atom: Atom) -> str | None:
    """The category value of a `=`/`in` atom a changed sentence newly names ("For delivery to
    Northern Ireland, …" for `delivery_region in {northern_ireland, …}`: every word of it),
    else None."""
    old, new = _terms(str(hunk.old or "")), _terms(str(hunk.new or ""))
    values = atom.value if isinstance(atom.value, list | tuple) else [atom.value]
    for value in values:
        words = _terms(str(value).replace("_", " ")) if isinstance(value, str) else {}
        if words and all(w in new for w in words) and not all(w in old for w in words):
            return str(value)
    return None


def _adds_condition_value(hunk: Hunk, change: BehaviorChange) -> bool:
    """Whether a changed sentence newly names a category value of the change's first
    condition ("We accept Visa and Mastercard." → "… and PayPal." for `payment_method in
    {paypal}`): it adds the fact that changed, where a sentence that newly says a word of the
    variable's name ("name the cards" → "name the methods") only rewords."""
    if hunk.kind != "sentence_changed" or not change.conditions:
        return False
    return any(
        atom.op in ("=", "in") and _newly_named_value(hunk, atom) is not None
        for atom in _atoms(change.conditions[0])
    )


_EVERY_CASE = re.compile(
    r"\b(?:every|everyone|everybody|all|any|whatever|whoever|however|whichever|regardless)\b", re.I
)


def _draws_bound(hunk: Hunk, change: BehaviorChange) -> str | None:
    """For a changed sentence that now states a bound of the change's condition where the old
    one claimed its rule for every case ("Every new student's first lesson is free, whatever
    their age" → "New students under 18 get a free first lesson"): the line it draws, as a
    reason, else None."""
    if not change.conditions or not isinstance(hunk.new, str):
        return None
    if hunk.kind == "sentence_added":
        # an added line for one category at the condition's bound ("commercial accounts: 14
        # days ago or less" under a window now set per account type)
        drawn = _values(hunk.new) & _condition_bounds(change)
        if drawn and _names_condition_category(hunk.new, change):
            return f"states the line {', '.join(sorted(drawn))} for the condition's category"
        return None
    if hunk.kind != "sentence_changed" or not isinstance(hunk.old, str):
        return None
    drawn = (_values(hunk.new) - _values(hunk.old)) & _condition_bounds(change)
    if not drawn or not _claims_every_case(hunk.old):
        return None
    return f"limits the rule at {', '.join(sorted(drawn))}, which the old sentence did not"


def _names_condition_category(text: str, change: BehaviorChange) -> bool:
    """Whether `text` names a category value of the change's first condition (every word of
    it: "commercial" for `account_type = commercial`)."""
    said = _terms(text)
    for atom in _atoms(change.conditions[0]):
        if atom.op not in ("=", "in"):
            continue
        values = atom.value if isinstance(atom.value, list | tuple) else [atom.value]
        for value in values:
            words = _terms(str(value).replace("_", " ")) if isinstance(value, str) else {}
            if words and all(word in said for word in words):
                return True
    return False


def _states_a_bound(hunk: Hunk | None, change: BehaviorChange) -> bool:
    """Whether a hunk's new text (its words, for a hunk with none) states a number the
    change's condition bounds a variable at."""
    if hunk is None:
        return False
    text = hunk.new if isinstance(hunk.new, str) else _hunk_words(hunk)
    return bool(_values(text) & _condition_bounds(change))


def _claims_every_case(text: str) -> bool:
    """Whether an old sentence says its rule for every case ("every new student", "whatever
    their age", "regardless of size"), which a sentence stating a bound now narrows."""
    return _EVERY_CASE.search(text) is not None


def _amount(boundary: Boundary) -> str:
    """A stated number with its unit: "$50", "15%", "45 days", "17:00"."""
    number = plain_number(boundary.value)
    if boundary.unit == "$":
        return "$" + number
    if boundary.unit == "%":
        return number + "%"
    if boundary.unit == "clock":
        hours, minutes = divmod(round(boundary.value * 60), 60)
        return f"{hours:02d}:{minutes:02d}"
    return f"{number} {boundary.unit}".strip()


def _calls_for_the_others(hunk: Hunk, named: set[str], change: BehaviorChange) -> bool:
    """An added sentence calling a tool the change stopped calling, for the other side of a
    yes/no atom of its first condition ("If it is on file, book straight away with
    `book_hire`" beside `declaration_on_file = false`): the call kept for others."""
    stopped = _labels_tools(change.before) - _labels_tools(change.after)
    return (
        bool(named & stopped)
        and bool(change.conditions)
        and opens_on_other_side(str(hunk.new or ""), _atoms(change.conditions[0]))
    )


_FALLBACK_LEAD = re.compile(r"^\W*(?:only\s+)?(?:if|unless|when|where)\b", re.I)


def _keeps_as_fallback(hunk: Hunk, named: set[str], change: BehaviorChange) -> bool:
    """A sentence, added or changed, newly calling only tools the change stopped calling, under
    a condition it opens on ("Only if the same model is out of stock, refund the order in
    full with `refund_order`", beside "send a replacement … with `send_replacement`"): the old
    call kept as the fallback when the new one can't be done. The sentence naming the tool
    the change started states what its customers get now; this one comes after it."""
    if hunk.kind not in ("sentence_added", "sentence_changed"):
        return False
    stopped = _labels_tools(change.before) - _labels_tools(change.after)
    started = _labels_tools(change.after) - _labels_tools(change.before)
    old, new = str(hunk.old or ""), str(hunk.new or "")
    return (
        bool(named)
        and bool(started)
        and named <= stopped
        and _FALLBACK_LEAD.match(new) is not None
        and not any(tool in old for tool in named)
    )


def _one_side_arguments(labels: list[str], others: list[str]) -> set[tuple[str, str]]:
    """The worded argument values the calls of `labels` pass that those of `others` do not,
    each with its argument's name (("amount", "full") of `take_payment(amount=full)` beside
    `take_payment(amount=deposit)`)."""

    def arguments(items: list[str]) -> set[tuple[str, str]]:
        return {
            (name.strip(), value)
            for item in items
            if "(" in item
            for part in item.split("(", 1)[1].rstrip(")").split(", ")
            for name, _, value in [part.partition("=")]
            if len(value) >= 3 and value.isalpha() and value not in ("true", "false")
        }

    theirs = {value for _, value in arguments(others)}
    return {(name, value) for name, value in arguments(labels) if value not in theirs}


def _calls_the_old_way(hunk: Hunk, named: set[str], change: BehaviorChange) -> bool:
    """An added sentence calling a tool of the change with a value only its old calls
    passed, and none only its new ones pass ("… 8 weeks or fewer before departure: call
    `take_payment` with amount "full"" beside a change from `amount=full` under a
    condition): it keeps the old call for the other side of the condition, the changed
    sentence states what the change's customers get now. The old value counts only next to
    its argument's name (amount "full", `amount=full`): "if the class is full" passes none."""
    if not (named and change.conditions):
        return False
    text = str(hunk.new or "").lower()
    old = _one_side_arguments(change.before, change.after)
    new = {value for _, value in _one_side_arguments(change.after, change.before)}

    def passes(name: str, value: str) -> bool:
        # the argument's name, then at most a few quotes, signs or one linking word, then the
        # value: bounded gaps, so the search stays linear
        spelled = r"[_\s]".join(re.escape(word) for word in name.lower().split("_") if word)
        if not spelled:
            return False
        gap = r"[\s`'\"=:(]{1,4}(?:(?:set\s+)?(?:to|of|as|is)[\s`'\"]{1,3})?"
        return re.search(rf"\b{spelled}{gap}{re.escape(value)}\b", text) is not None

    def says(value: str) -> bool:
        return re.search(rf"\b{re.escape(value)}\b", text) is not None

    return any(passes(name, value) for name, value in old) and not any(says(value) for value in new)


def _keeps_rule(hunk: Hunk, ruled: set[str], change: BehaviorChange) -> bool:
    """A changed sentence that still names every tool of `ruled`, the change stopped calling
    them, and no number of the sentence moved, or only from one line of the condition to its
    other: the rule stays, for other customers."""
    old, new = str(hunk.old or ""), str(hunk.new or "")
    stopped = _labels_tools(change.before) - _labels_tools(change.after)
    bounds = _condition_bounds(change)
    # a line the sentence now draws at the condition's own bound ("If the order was delivered
    # 14 days ago or less, arrange a callback with `request_callback`" when the change is for
    # more than 14 days): the stopped call is kept for the other side of it
    drawn = _values(new) - _values(old)
    # a line moved from the band's far end to its near one ("up to 6 metres" → "up to 3
    # metres" when the change is for 3 < length <= 6): the call is kept below the band
    lost = _values(old) - _values(new)
    return (
        bool(stopped)
        and ruled <= stopped
        and all(tool in new and tool in old for tool in ruled)
        and (not lost or (bool(drawn) and lost <= bounds))
        and drawn <= bounds
    )


_HOLDS_BACK_CALL = re.compile(
    r"\b(?:don't|don’t|do not|never|doesn't|does not)\s+(?:call|use|run)\s+`?"
    r"(?P<tool>[a-z][a-z0-9]*(?:_[a-z0-9]+)+)",
    re.I,
)


def _held_back_summary(hunk: Hunk, diff: VersionDiff, change: BehaviorChange) -> str | None:
    """An added sentence that ends by holding back a tool the change stopped calling ("Rugs
    over 3 metres … no longer get a price in the chat: don't call `price_rug`.") with the added
    sentence right after it that calls a tool the change started calling ("Call
    `transfer_to_team` (team "quotes") …"): one rule said in two sentences, as a changed
    sentence goes on in the added one after it (`attributed_summary`). None for any other
    hunk."""
    if hunk.kind != "sentence_added" or not isinstance(hunk.new, str):
        return None
    stopped = _labels_tools(change.before) - _labels_tools(change.after)
    started = _labels_tools(change.after) - _labels_tools(change.before)
    held = {found.group("tool") for found in _HOLDS_BACK_CALL.finditer(hunk.new)}
    if not held & stopped or any(tool in hunk.new for tool in started):
        return None
    at = next((i for i, other in enumerate(diff.hunks) if other is hunk), None)
    if at is None or at + 1 >= len(diff.hunks):
        return None
    after = diff.hunks[at + 1]
    if (
        after.kind != "sentence_added"
        or after.file != hunk.file
        or after.section != hunk.section
        or not isinstance(after.new, str)
        or not any(tool in after.new for tool in started)
    ):
        return None
    return f"{hunk.summary()} {after.new}"


def _condition_bounds(change: BehaviorChange) -> set[str]:
    """The numbers the change's condition bounds a variable at (its first condition), as
    `_values` writes them."""
    if not change.conditions:
        return set()
    found: set[str] = set()
    for atom in _atoms(change.conditions[0]):
        bounds = [atom.low, atom.high] if atom.op == "between" else [atom.value]
        if atom.op not in (">", ">=", "<", "<=", "between"):
            continue
        for bound in bounds:
            if isinstance(bound, int | float) and not isinstance(bound, bool):
                found |= _values(plain_number(float(bound)))
    return found


def _labels_tools(labels: list[str]) -> set[str]:
    return {label.split("(", 1)[0] for label in labels}


_HOLD_BACK = re.compile(r"^\s*(?:do not|don't|never|not)\b", re.I)
_ASKS = re.compile(
    r"\b(?:ask|request)(?:s|ed)?\s+(?:[\w'’]+\s+){0,3}?(?:for|to)\b|"
    r"\b(?:needs?|requires?|must (?:send|provide|show|upload|give))\b",
    re.I,
)
_NOT_NEEDED = re.compile(
    r"\bno need\b|\bnot (?:needed|required|necessary)\b|"
    r"\b(?:don't|do not|doesn't|does not|never) (?:need|have) to\b",
    re.I,
)


def _holds_back(hunk: Hunk, started: set[str]) -> bool:
    """A removed sentence that only told the agent not to call a tool the change now calls
    ("Do not call `order_reprint` yet."): the tail of the rule before it, which said what to
    do instead."""
    old = hunk.old if isinstance(hunk.old, str) else ""
    return (
        hunk.kind == "sentence_removed"
        and _HOLD_BACK.match(old) is not None
        and any(tool in old for tool in started)
    )


def _drops_ask(hunk: Hunk) -> bool:
    """A sentence whose old version asked the customer for something ("ask them to reply with
    a photo of it first") and whose new version does not (removed, or says it is not
    needed)."""
    if hunk.kind not in ("sentence_removed", "sentence_changed"):
        return False
    old, new = str(hunk.old or ""), str(hunk.new or "")
    return bool(_ASKS.search(old)) and (
        not new or not _ASKS.search(new) or bool(_NOT_NEEDED.search(new))
    )


def _asked_first(
    ranked: list[Attribution],
    diff: VersionDiff,
    change: BehaviorChange,
    scored: Mapping[str, Attribution],
) -> list[Attribution]:
    """`ranked` with a removed hold-back sentence on top (`_holds_back`: it names the tool, so
    it outscores the rest) put after its neighbour in the same section that dropped what the
    old version asked the customer for before acting (`_drops_ask`): that is the requirement
    the change's customers no longer meet, the hold-back only its tail. The neighbour is
    linked by it whatever its own words scored (`scored`: every hunk's attribution)."""
    if not ranked:
        return ranked
    started = _labels_tools(change.after) - _labels_tools(change.before)
    at = next((i for i, hunk in enumerate(diff.hunks) if hunk.id == ranked[0].hunk_id), None)
    if at is None or not _holds_back(diff.hunks[at], started):
        return ranked
    first = diff.hunks[at]
    for index in (at - 1, at + 1):
        if not 0 <= index < len(diff.hunks):
            continue
        hunk = diff.hunks[index]
        if hunk.file != first.file or hunk.section != first.section or not _drops_ask(hunk):
            continue
        own = scored.get(hunk.id)
        reason = f"drops what the old version asked for before the tool ({first.id} held it back)"
        found = Attribution(
            hunk_id=hunk.id,
            score=max(own.score if own else 0.0, ranked[0].score),
            reasons=(*(own.reasons if own else ()), reason),
            summary=attributed_summary(hunk),
            kind=hunk.kind,
            file=hunk.file,
            section=hunk.section,
            key=hunk.key,
        )
        return [found, *(item for item in ranked if item.hunk_id != hunk.id)]
    return ranked
