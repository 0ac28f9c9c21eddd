"""A value the old prompt gave every case, kept below a new line and moved past it: "Late
returns: a £20 fee on every late return." became "Late returns: a £20 fee when the item is
less than 3 days late, and a £10 fee once it is 3 days late or more." The two sentences share
their head ("Late returns: a £20 fee "); the old one's tail claims the value for every case
("on every late return") and the new one's tail draws the line and gives the moved value past
it. The change's condition is the side of the line (`days_late >= 3`). What follows the old
tail's every-case claim in a clause of its own, kept word for word by the new sentence ("every
order, and free on orders over £60" → "orders up to 10 kg and £8.95 on orders over 10 kg, and
free on orders over £60 whatever the weight"), is no part of either tail.

A KB sentence stating the old value with the old tail's words ("There's a £20 fee on every
late return, however late it is.", a row "| Late return | £20 on every late return |") says the
old rule for every case. Its edit (`split_tail_edit`) says the new tail in place of the old one
and drops a closing claim that the value holds whatever the case ("however late it is"); every
other byte stays; so does a sentence marked only for stating the old value the way the old
replies said it, when it says it with the tail. A sentence stating the old value without the
every-case tail (another fee of the same amount) is not the rule and stays. Matching is
literal on the prompt's own words: no word of any domain is known here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from behaviordiff.detect.facts import Promise
from behaviordiff.drafting.everysplit import breaks_between
from behaviordiff.drafting.facts import ChangeFacts, value_pattern
from behaviordiff.drafting.impactview import ImpactView, Marked, rewrite_marked
from behaviordiff.drafting.text import (
    END_CHARS,
    claim_clause_length,
    shared_head_length,
    still_saying,
)

SPLIT_TAIL_REASON = "states the old value for every case; the new prompt splits it at a line:"

_EVERY = re.compile(r"\b(?:every|all|any|each)\b", re.I)
_WORD = re.compile(r"\S+")
_JOINT = re.compile(r"[,;]\s")
_CLAIM_END = re.compile(
    r"\b(?:every|all|any|each)\s+(?:(?:our|the|your|their|its)\s+)?[A-Za-z][\w'’-]*$", re.I
)
"""A claim over every case of a noun closing a clause ("every order", "all our plans")."""
_LINE_OPS = frozenset({">=", ">", "<", "<=", "between"})
_TAIL_GAP = 40
"""How far after the old value (in characters) the old tail may start in a KB sentence ("£20
fee on every …", "£20 on every …")."""


@dataclass(frozen=True)
class SplitTail:
    """The old value (`old`) and its every-case tail in the old prompt (`old_tail`), the new
    prompt's tail in its place (`new_tail`) that keeps `old` below a line and gives `new` past
    it."""

    old: Promise
    new: Promise
    old_tail: str
    new_tail: str
    old_said: str
    """The old value as the old prompt writes it ("£20", not "£20.00")."""

    def tail_pattern(self) -> re.Pattern[str]:
        """The old tail's words, any white space between them (a KB line may wrap)."""
        words = [re.escape(word) for word in _WORD.findall(self.old_tail)]
        return re.compile(r"\s+".join(words), re.I)


def _without_kept_rest(old_tail: str, new_tail: str) -> tuple[str, str]:
    """The two tails without what follows the old one's every-case claim in a clause of its
    own that the new tail keeps word for word (", and free on orders over £60" of "every
    order, and free on orders over £60"): the split is the claim's, the rest is not touched."""
    for joint in _JOINT.finditer(old_tail):
        if not _CLAIM_END.search(old_tail[max(0, joint.start() - 60) : joint.start()]):
            continue
        kept = new_tail.find(old_tail[joint.start() :])
        if kept > 0:
            return old_tail[: joint.start()], new_tail[:kept].rstrip(END_CHARS)
        return old_tail, new_tail
    return old_tail, new_tail


def split_tail(facts: ChangeFacts) -> SplitTail | None:
    """The change's split tail when one value moved for the far side of a line on a number and
    the prompt sentence stating it swapped an every-case tail for the line's two sides, else
    None."""
    if not facts.restricted or not facts.conditions:
        return None
    atoms = [atom for atom in facts.conditions[0].atoms if atom.op != "tag"]
    if not any(atom.op in _LINE_OPS for atom in atoms):
        return None
    gone = [p for p in facts.removed_promises if p.kind != "channel"]
    came = [p for p in facts.added_promises if gone and p.kind == gone[0].kind]
    if len(gone) != 1 or len(came) != 1:
        return None
    old_value, new_value = value_pattern(gone[0].value), value_pattern(came[0].value)
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        head = shared_head_length(rule.old, rule.new)
        old_tail, new_tail = _without_kept_rest(
            rule.old[head:].rstrip(END_CHARS), rule.new[head:].rstrip(END_CHARS)
        )
        if not (
            old_value.search(rule.old[:head]) is not None
            and not new_value.search(rule.old)
            and _EVERY.search(old_tail)
            and not old_value.search(old_tail)
            and new_value.search(new_tail)
            and re.search(r"\d", new_tail)
        ):
            continue
        said = old_value.search(rule.old[:head])
        assert said is not None
        return SplitTail(gone[0], came[0], old_tail, new_tail, said.group(0))
    return None


def _tail_after_value(split: SplitTail, text: str) -> re.Match[str] | None:
    """The old tail in `text`, within `_TAIL_GAP` characters after a statement of the old
    value, when `text` states the old value and not the new one."""
    if value_pattern(split.new.value).search(text):
        return None
    tail = split.tail_pattern()
    for value in value_pattern(split.old_said).finditer(text):
        found = tail.search(text, value.end(), value.end() + _TAIL_GAP + len(split.old_tail))
        if found is None or found.start() - value.end() > _TAIL_GAP:
            continue
        if not breaks_between(text[value.end() : found.start()]):
            return found
    return None


def split_tail_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` states the old value with the old prompt's every-case tail, or None."""
    split = split_tail(facts)
    if split is None or _tail_after_value(split, sentence) is None:
        return None
    return f"{SPLIT_TAIL_REASON} “{split.new_tail}”"


def split_said(split: SplitTail, raw: str) -> str | None:
    """`raw` with its old tail said as the new prompt's and a closing every-case claim after
    it dropped; None when it states no old tail after the old value."""
    found = _tail_after_value(split, raw)
    if found is None:
        return None
    after = raw[found.end() :]
    after = after[claim_clause_length(after) :]
    return raw[: found.start()] + split.new_tail + after


def _split_conflict(split: SplitTail, conflict: Marked) -> bool:
    """Whether a conflict is the split's: marked for it, or marked only for stating the old
    value (as the old replies said it) where it states it with the every-case tail."""
    if conflict.reasons and all(r.startswith(SPLIT_TAIL_REASON) for r in conflict.reasons):
        return True
    stated = f"states {split.old.value}, which the new agent no longer states"
    return (
        set(conflict.reasons) == {stated}
        and _tail_after_value(split, conflict.sentence) is not None
    )


def split_tail_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts state the old value with the every-case tail
    (`split_tail_reason`): each says the new prompt's tail in its place. None for any other
    change or item."""
    split = split_tail(facts)
    if split is None or not impact.conflicts:
        return None
    if not all(_split_conflict(split, conflict) for conflict in impact.conflicts):
        return None
    new_body = rewrite_marked(impact, lambda raw: split_said(split, raw))
    if new_body is None:
        return None, (
            f"Flagged for review: this {impact.item.kind} says {split.old_said} "
            f"“{split.old_tail}”; the new prompt keeps it only below a line and says "
            f"{split.new.value} past it, in words that cannot be put in its place."
        )
    return new_body, (
        f"The new prompt no longer gives {split.old_said} “{split.old_tail}”: it says "
        f"“{split.new_tail}”. This {impact.item.kind} said the old rule; the edit says the new "
        "one in its place and keeps everything else."
    )


def split_tail_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a value kept below a new line and moved past it
    (`split_tail`): the same fact the template's edit rests on."""
    split = split_tail(facts)
    if split is None:
        return None
    return (
        f"the old prompt gave {split.old_said} “{split.old_tail}”; the new one says "
        f"“{split.new_tail}”: a sentence or table cell giving {split.old_said} "
        f"“{split.old_tail}” says the new prompt's two sides in its place and drops any claim "
        "that it holds whatever the case"
    )


def still_split_tail(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the old value with the every-case
    tail: what no drafter's edit may say."""
    split = split_tail(facts)
    if split is None:
        return []
    return still_saying(
        lambda unit: _tail_after_value(split, unit.text) is not None,
        conflicts,
        old_body,
        new_body,
        body_format,
    )
