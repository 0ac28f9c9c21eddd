"""A word value of one call's argument moved for one category, the others keeping the old one.

"… then `issue_refund` (…, destination "card"). Tell them the full amount goes back to the card
they paid with." split into a sentence for the others ("If the member cancels a monthly plan
…, destination "card")") and one for the category ("If the member cancels an annual plan …,
destination "account_credit")") with what the customer is told now ("Tell them the full amount
is added to their Stridewell account as credit straight away; it does not go back to their
card."), the change's condition naming the category (`plan = annual`, within the case's bound).

A KB sentence stating the old value for the change's case (its bound, "within fourteen days",
"your 14-day cooling-off period") and naming no other category ("… to the card you paid with,
whichever plan you were on") is wrong for the category: it loses its claim over every kind
and takes the category's case as its exception, in the customer's words ("…, except for annual
plans: the full amount is added to your Stridewell account as credit …"). A table row keyed by
the category says the new value where its cell said the old one ("Full refund to your card" →
"Full refund as account credit"); the other categories' rows, the old value said on another
topic (band returns refunded to the card in 30 days) and the words of the new value said of
something else stay.

Pure text helpers: `impact` marks the units (`moved_argument_conflicts`), the template
drafter rewrites them (`moved_argument_edit`), a drafting model is told the same fact
(`moved_argument_fact`) and its edit still stating the old value for the category is refused
(`still_old_value`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.caselabels import category_values
from behaviordiff.drafting.categories import category_pattern, kind_nouns
from behaviordiff.drafting.grants import SENTENCE
from behaviordiff.drafting.impactview import edit_marked_units, marked_with
from behaviordiff.drafting.oldside import customer_voice
from behaviordiff.drafting.permission import table_runs
from behaviordiff.drafting.text import (
    cell_text_spans,
    plain_text,
    terms,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

MOVED_ARG_REASON = "states the old value for every kind; one kind now gets another"
MOVED_ARG_ROW_REASON = "states the old value for the kind that now gets another"

_WORD_VALUE = re.compile(r"^[a-z][a-z_ -]{1,40}$", re.I)
_TOLD = re.compile(
    r"^\s*(?:tell|let)\s+(?:the\s+[a-z]+|them|him|her)(?:\s+know)?\s+(?:that\s+)?"
    r"(?P<told>[^`{}]+)$",
    re.I,
)
_CLAIM = re.compile(
    r"\b(?:whichever|whatever|regardless\s+of|no\s+matter)\s+(?:the\s+|your\s+|which\s+)?"
    r"(?P<noun>[a-z]+)(?:\s+(?:you|it|they)(?:['’]re|['’]ve)?\s+[a-z]+(?:\s+(?:on|in|with))?)?",
    re.I,
)
"""A claim over every kind (", whichever plan you were on")."""
_NEGATED = re.compile(r"\b(?:not|never|no\s+longer|n['’]t|instead\s+of|rather\s+than)\b", re.I)
_SHARED = 2
_TIME_WORDS = "day days week weeks month months year years hour hours minute minutes within less"
_OLD_PHRASE = r"(?:(?:back\s+)?(?:to|on|onto)\s+)?(?:(?:your|the|their)\s+)?"


@dataclass(frozen=True)
class MovedArgument:
    """A call's argument moved to a new word value for one category."""

    kind: str
    """The category, in words ("annual")."""
    old: str
    """The old value, in words ("card")."""
    new: str
    """The new value, in words ("account credit")."""
    case: str
    """The category's case, said as an exception ("for annual plans")."""
    statement: str
    """What the category is told now, to the customer ("the full amount is added to your
    Stridewell account as credit straight away, …")."""
    others: frozenset[str]
    """Words only the others' rule has ("monthli"): a KB unit naming them is theirs."""
    bounds: tuple[str, ...]
    """The case's bounds as a KB may write them ("14", "fourteen")."""
    others_case: str
    """The others' case, as the narrowed sentence names them ("for monthly plans"), or ""."""
    rule: str
    """The prompt sentences it is said from."""
    topic: frozenset[str] = frozenset()
    """The old rule's words (its code and values aside): what a KB unit says the case with when
    the condition has no bound to state."""

    def old_pattern(self) -> re.Pattern[str]:
        words = r"\s+".join(re.escape(word) for word in self.old.split())
        return re.compile(rf"(?<![\w-]){_OLD_PHRASE}{words}s?(?![\w-])", re.I)


def _first(text: str) -> str:
    return SENTENCE.split(" ".join(text.split()), maxsplit=1)[0].strip()


def _words(value: str) -> str:
    return " ".join(re.split(r"[\s_-]+", value.strip().strip("`'\""))).lower()


def _bound_words(conditions: Sequence[Any]) -> tuple[str, ...]:
    found: list[str] = []
    spelled = {number: word for word, number in CARDINALS.items()}
    for atom in conditions[0].atoms if conditions else ():
        for value in (atom.value, atom.low, atom.high):
            if not isinstance(value, int | float) or isinstance(value, bool):
                continue
            if math.isfinite(value) and value == int(value):
                found.append(str(int(value)))
                if int(value) in spelled:
                    found.append(spelled[int(value)])
    return tuple(found)


def moved_argument(facts: ChangeFacts) -> MovedArgument | None:
    """The argument a change moves for the one category its condition names: one call before
    and after, the same tool, one argument's word value changed; a new prompt sentence naming
    the category, followed in its section by what the customer is told, naming the new value;
    a changed sentence keeping the old value for the others. None for any other change."""
    values = category_values(facts.conditions)
    if not facts.restricted or len(values) != 1:
        return None
    if len(facts.before_actions) != 1 or len(facts.after_actions) != 1:
        return None
    [before], [after] = facts.before_actions, facts.after_actions
    if before.name != after.name:
        return None
    old_args, new_args = dict(before.arguments), dict(after.arguments)
    moved = [key for key in old_args if key in new_args and old_args[key] != new_args[key]]
    if len(moved) != 1 or old_args.keys() != new_args.keys():
        return None
    old, new = str(old_args[moved[0]]), str(new_args[moved[0]])
    if not (_WORD_VALUE.match(old) and _WORD_VALUE.match(new)):
        return None
    feature, value = values[0]
    named = category_pattern(value)
    news = [rule for rule in facts.rules if rule.new]
    for index, rule in enumerate(news):
        text = " ".join(str(rule.new).split())
        if not (named.search(text) and new in text and f"`{after.name}`" in text):
            continue
        told, told_rule = None, ""
        for later in news[index + 1 :]:
            if later.section != rule.section:
                continue
            found = _TOLD.match(_first(str(later.new)))
            if found is not None and set(terms(_words(new))) & set(terms(found["told"])):
                told, told_rule = found["told"].rstrip(".! "), _first(str(later.new))
                break
        narrowed = [
            other
            for other in news
            if other.old and other.kind == "sentence_changed" and old in str(other.new)
        ]
        if told is None or not narrowed:
            return None
        statement = customer_voice(told.strip())
        if re.search(r"[`{}_]", statement):
            return None
        nouns = sorted(kind_nouns(feature))
        noun = re.search(rf"{named.pattern}\s+(?P<noun>[a-z]+)", text, re.I)
        kind = _words(value)
        plural = ""
        if noun is not None and noun["noun"].lower().rstrip("s") in {n.rstrip("s") for n in nouns}:
            plural = f" {noun['noun'].lower().rstrip('s')}s"
        case = f"for {kind}{plural}"
        said = {word.lower() for word in re.findall(r"[A-Za-z][\w-]*", str(narrowed[0].old))}
        added = [
            word
            for word in re.findall(r"[A-Za-z][\w-]*", str(narrowed[0].new))
            if word.lower() not in said and terms(word) and not set(terms(word)) & set(nouns)
        ]
        others_case = f"for {added[0].lower()}{plural}" if len(added) == 1 else ""
        others = frozenset(terms(" ".join(added)))
        return MovedArgument(
            kind,
            _words(old),
            _words(new),
            case,
            statement,
            others,
            _bound_words(facts.conditions),
            others_case,
            f"{text} {told_rule}",
            frozenset(terms(re.sub(r'`[^`]*`|"[^"]*"', " ", str(narrowed[0].old))))
            - set(terms(_words(old)))
            - set(terms(_words(new)))
            - set(terms(_TIME_WORDS))
            - set(terms(" ".join(_bound_words(facts.conditions)))),
        )
    return None


def _says_case(moved: MovedArgument, text: str) -> bool:
    """Whether a text says the change's case: one of its bounds, or (with none) two words of
    the old rule."""
    said = set(terms(text)) & moved.topic
    if not moved.bounds:
        return len(said) >= _SHARED
    # the bound said of the rule's topic ("cancel within 14 days"), not of another thing the
    # same number of days is said of ("towels are charged after 30 days")
    lowered = text.lower()
    return bool(said) and any(
        re.search(rf"(?<![\w.]){re.escape(bound)}(?![\w.])", lowered) for bound in moved.bounds
    )


def states_old_for_every_kind(moved: MovedArgument, text: str) -> bool:
    """Whether a KB sentence states the old value for the change's case (its bound), naming
    neither the category nor another one, and denying nothing. A heading, question or row is
    not."""
    stripped = text.strip()
    if not stripped or stripped.startswith(("#", "|")) or stripped.endswith("?"):
        return False
    if not moved.old_pattern().search(text) or _NEGATED.search(text):
        return False
    if category_pattern(moved.kind).search(text) or moved.others & set(terms(text)):
        return False
    return _says_case(moved, text)


def _row_cell(moved: MovedArgument, row: str, header: str) -> tuple[int, int] | None:
    spans = cell_text_spans(row)
    heads = cell_text_spans(header)
    if len(spans) < 2 or not category_pattern(moved.kind).search(row[spans[0][0] : spans[0][1]]):
        return None
    cells = [
        (start, end)
        for at, (start, end) in enumerate(spans[1:], start=1)
        if moved.old_pattern().search(row[start:end])
        and not _NEGATED.search(row[start:end])
        and (
            not moved.bounds
            or (at < len(heads) and _says_case(moved, header[heads[at][0] : heads[at][1]]))
        )
    ]
    return cells[0] if len(cells) == 1 else None


def new_value_row(moved: MovedArgument, row: str, header: str) -> str | None:
    """A row keyed by the category whose cell under the case's column states the old value,
    the new value in its place ("Full refund to your card" → "Full refund as account
    credit"); every other byte kept. None when the row is not such a row."""
    span = _row_cell(moved, row, header)
    if span is None:
        return None
    start, end = span
    cell = row[start:end]
    said = moved.old_pattern().search(cell)
    assert said is not None
    phrase = said.group(0)
    lead = re.match(r"(?P<back>back\s+)?(?:to|on|onto)\s+", phrase, re.I)
    new = f"{lead['back'] or ''}as {moved.new}" if lead else moved.new
    return row[:start] + cell[: said.start()] + new + cell[said.end() :] + row[end:]


def _marks(moved: MovedArgument, item_units: Sequence[Any]) -> dict[int, str]:
    marked = {
        index: MOVED_ARG_REASON
        for index, unit in enumerate(item_units)
        if states_old_for_every_kind(moved, unit.text)
    }
    for run in table_runs([unit.raw for unit in item_units]):
        header = item_units[run[0]].raw
        for index in list(run)[1:]:
            if _row_cell(moved, item_units[index].raw, header) is not None:
                marked[index] = MOVED_ARG_ROW_REASON
    return marked


def moved_argument_conflicts(
    facts: ChangeFacts, item_units: list[Any], found: list[Any], conflict: Callable[..., Any]
) -> list[Any]:
    """For an argument moved for one category (`moved_argument`), the units stating the old
    value for every kind and the category's rows stating it, in place of `found`."""
    moved = moved_argument(facts)
    if moved is None:
        return found
    marked = _marks(moved, item_units)
    if not marked:
        return found
    return [conflict(index, item_units[index].text, (marked[index],)) for index in sorted(marked)]


def with_exception(moved: MovedArgument, raw: str) -> str | None:
    """A sentence stating the old value for every kind, without its claim over every kind and
    with the category's case as its exception: "…, except for annual plans: …"."""
    body = raw.rstrip()
    tail = raw[len(body) :]
    if body[-1:] not in ".!":
        return None
    body = body[:-1]
    claim = _CLAIM.search(body)
    if claim is not None:
        body = body[: claim.start()].rstrip(", \t\r\n") + body[claim.end() :]
    body = body.rstrip(" ,;")
    said = moved.old_pattern().search(body)
    comma = body.rfind(", ", 0, said.start()) if said is not None else -1
    if claim is None and moved.others_case and comma >= 0 and ";" not in body[comma:]:
        # "…every penny back, straight back to the card you paid with" → "…every penny back:
        # for monthly plans, straight back to the card you paid with; for annual plans, …"
        return (
            f"{body[:comma]}: {moved.others_case}, {body[comma + 2 :]}; {moved.case}, "
            f"{moved.statement}.{tail}"
        )
    return f"{body}, except {moved.case}: {moved.statement}.{tail}"


def moved_argument_edit(facts: ChangeFacts, impact: Any) -> tuple[str | None, str] | None:
    """The item with each sentence stating the old value for every kind given the category's
    exception, and the category's rows saying the new value; every other byte kept. None when
    the change is of another class or the item has no such unit."""
    moved = moved_argument(facts)
    if moved is None:
        return None
    if not marked_with(impact, (MOVED_ARG_REASON, MOVED_ARG_ROW_REASON)):
        return None
    item = impact.item

    def sayer(text_units: Sequence[Any]) -> Callable[[int, str], str | None]:
        rows = table_runs([unit.raw for unit in text_units])
        header = {index: run[0] for run in rows for index in run}

        def say(index: int, reason: str) -> str | None:
            raw = text_units[index].raw
            if reason == MOVED_ARG_ROW_REASON:
                return new_value_row(moved, raw, text_units[header[index]].raw)
            return with_exception(moved, raw)

        return say

    new_body, failed = edit_marked_units(item, lambda found: _marks(moved, found), sayer)
    if failed or new_body == item.body:
        stuck = failed or [c.sentence for c in impact.conflicts]
        return None, (
            f"Flagged for review: {moved.kind} now gets {moved.new} where the others keep "
            f"{moved.old} (the new prompt says “{moved.rule}”), and no safe rewrite says so in "
            + "; ".join(f"“{s}”" for s in stuck)
        )
    return new_body, (
        f"{moved.kind[:1].upper()}{moved.kind[1:]} now gets {moved.new} where the others keep "
        f"{moved.old}: the new prompt says “{moved.rule}” The edit gives each sentence stating "
        f"{moved.old} for every kind the exception {moved.case}, says {moved.new} in the "
        f"{moved.kind} row, and keeps everything else."
    )


def moved_argument_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told: the same facts the template writes from."""
    moved = moved_argument(facts)
    if moved is None:
        return None
    return (
        f"{moved.kind} now gets {moved.new} where the others keep {moved.old}; in the KB's "
        f"voice: “{moved.statement}” Text stating {moved.old} for every kind takes the "
        f"exception {moved.case} and drops its claim over every kind (“whichever …”); a table "
        f"row for {moved.kind} says {moved.new}; other kinds' rows and other topics stay"
    )


def still_old_value(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences and rows of an edited body still stating the old value for every kind or
    for the category: what no drafter's edit may keep."""
    moved = moved_argument(facts)
    if moved is None:
        return []
    body_units = units(plain_text(body, body_format))
    return [body_units[index].text for index in sorted(_marks(moved, body_units))]
