"""A whole amount now paid less a share kept back: a refund of "the full amount you paid" is
now 85% of it, the new prompt naming the 15% kept as a fee ("a 15% restocking fee").

The moved amount's ratio leaves a whole percentage (`MovedValue.share_kept`); the part kept
back is its complement, and the prompt's own name for it is what a KB sentence says. A KB
claim of the whole amount is rewritten in its own words: "with nothing deducted" becomes
"less a 15% restocking fee", "Nothing is deducted from …" becomes "A 15% restocking fee is
deducted from …", "the full amount you paid[, every penny (100%)]" becomes "the amount you
paid less a 15% restocking fee". Any other claim of the whole is flagged, never rewritten.

Pure text helpers; which sentences are on the change's topic is the caller's to decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from behaviordiff.detect.wordamounts import shares_said
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, only_marked_for, with_reason
from behaviordiff.drafting.text import (
    Unit,
    rewrite_conflicting,
    row_cells,
    stem,
    still_saying,
    terms,
)

KEPT_BACK_REASON = "claims the whole amount, which is now paid less a share kept back"

_KEPT_NOUNS = r"fee|charge|deduction|levy"


def kept_back_name(share_kept: str | None, prompt: str) -> str | None:
    """The prompt's name of the part kept back, "15% restocking fee", for `share_kept`
    "85%"; None when no share is kept or the prompt names no fee of that size."""
    if share_kept is None or not share_kept.endswith("%"):
        return None
    kept = 100 - int(share_kept[:-1])
    found = re.search(
        rf"(?<![\d.]){kept}\s?%\s+(?P<words>(?:[a-z][\w-]*\s+){{0,2}}?)(?P<noun>{_KEPT_NOUNS})\b",
        prompt,
        re.I,
    )
    if found is None:
        return None
    return f"{kept}% {found['words']}{found['noun']}".lower()


_NOTHING_TAIL = re.compile(r"\bwith\s+nothing\s+(?:deducted|taken\s+off|kept\s+back)\b", re.I)
_NOTHING_HEAD = re.compile(r"\bnothing\s+is\s+(?:deducted|taken\s+off|kept\s+back)\b", re.I)
_FULL = re.compile(
    r"\b(?P<the>the\s+)full\s+(?P<what>amount|price|sum)(?P<rest>(?:\s+(?:you|they)\s+paid|\s+paid)?)"
    r"(?:,?\s+every\s+penny(?:\s*\(100\s?%\))?,?)?",
    re.I,
)
_WHOLE = re.compile(
    r"\b(?:full|whole|entire)\s+(?:refund|amount|price|sum)\b|\bevery\s+penny\b|\b100\s?%"
    r"|\bnothing\s+(?:is\s+)?deducted\b|\brefunded\s+in\s+full\b",
    re.I,
)


def claims_whole(text: str) -> bool:
    """Whether `text` claims the whole amount ("the full price", "nothing deducted", …)."""
    return _WHOLE.search(text) is not None


_PERCENT_OF = re.compile(
    r"\b(?P<percent>\d{1,2})\s?%\s+(?:of\s+)?the\s+(?:price|amount|sum|cost)\b", re.I
)
_OF_WHOLE = re.compile(r"\s*(?:of\s+)?the\s+(?:price|amount|sum|cost)\b", re.I)
"""What a share is said of here: the whole price ("half the price", "a third of the amount")."""


def share_said(prompt: str, ratio: float | None) -> str | None:
    """How the new prompt says the share of the whole a cut amount now is ("half" of "at half
    the price paid", "75% of" of "75% of the amount"), when it is the moved ratio; None when
    the prompt says no such share."""
    if ratio is None or not 0 < ratio < 1:
        return None
    text = prompt[:4000]
    # a share in words (`wordamounts.shares_said`, the one reader of them) of the whole price
    for found, share in shares_said(text):
        if abs(share / 100 - ratio) < 0.005 and _OF_WHOLE.match(text, found.end()):
            return " ".join(found.group(0).lower().split()).removesuffix(" of")
    for found in _PERCENT_OF.finditer(text):
        if abs(int(found["percent"]) / 100 - ratio) < 0.005:
            return f"{found['percent']}% of"
    return None


def said_as_share(text: str, share: str) -> str | None:
    """`text` with its one claim of the whole amount ("the full price") said as the share
    ("half the price"), in its own words; None when it claims the whole otherwise or more
    than once (the caller flags it)."""
    claims = _FULL.finditer(text)
    if next(claims, None) is None or next(claims, None) is not None:
        return None

    def cut(found: re.Match[str]) -> str:
        return f"{share} the {found['what']}{found['rest']}"

    out = _FULL.sub(cut, text)
    if claims_whole(out):
        return None
    return out


def _cap(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def less_kept_back(text: str, name: str) -> str | None:
    """`text` with its one claim of the whole said as the whole less `name` ("15%
    restocking fee"), in its own words; None when it claims the whole otherwise or more than
    once (the caller flags it)."""
    fee = f"a {name}"
    out = _NOTHING_TAIL.sub(f"less {fee}", text)
    if out != text:
        # "exactly what you paid" is the whole again, beside the fee
        out = re.sub(r"\bexactly\s+(?=what\s+(?:you|they|we)\s+paid)", "", out, flags=re.I)
    out = _NOTHING_HEAD.sub(lambda m: f"{_cap(fee, m.group(0))} is deducted", out)

    def full(found: re.Match[str]) -> str:
        return f"{found['the']}{found['what']}{found['rest']} less {fee}"

    out = _FULL.sub(full, out)
    if out == text or claims_whole(out):
        return None
    return out


def _fee(facts: ChangeFacts) -> str | None:
    """The change's fee name ("15% restocking fee"): the moved amount's share kept, named as
    the new prompt's rules name the rest."""
    if not facts.moved:
        return None
    prompt = " ".join(rule.new for rule in facts.rules if rule.new)
    return kept_back_name(facts.moved[0].share_kept(), prompt)


def _on_topic(facts: ChangeFacts, sentence: str) -> bool:
    """Whether `sentence` names the condition's topic tag ("Change of mind")."""
    condition = facts.condition
    said = {stem(word) for word in terms(sentence)}
    for atom in condition.atoms if condition else ():
        if atom.op != "tag":
            continue
        words = {stem(w) for w in terms(atom.feature.removeprefix("tag:").replace("_", " "))}
        words = {w for w in words if len(w) > 2}
        # crude stems of one word may differ by a letter ("change" and "chang")
        if words and all(
            any(a == b or (min(len(a), len(b)) >= 4 and a.startswith(b)) for b in said)
            or any(len(a) >= 4 and b.startswith(a) for b in said)
            for a in words
        ):
            return True
    return False


def kept_back_reason(facts: ChangeFacts, sentence: str) -> str | None:
    """Why `sentence` conflicts: it claims the whole amount on the change's topic, now paid
    less the fee the new prompt names. None otherwise."""
    fee = _fee(facts)
    if fee is None or not claims_whole(sentence) or not _on_topic(facts, sentence):
        return None
    return f"{KEPT_BACK_REASON} (a {fee})"


def kept_back_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item whose only conflicts are `kept_back_reason`'s: each said as the
    whole less the fee in its own words, or the item flagged when one cannot be."""
    fee = _fee(facts)
    conflicts = impact.conflicts
    if fee is None or not conflicts:
        return None
    if not only_marked_for(conflicts, KEPT_BACK_REASON):
        return None
    conflicting = {c.sentence for c in conflicts}
    new_body = rewrite_conflicting(
        impact.item.body,
        impact.item.body_format,
        conflicting,
        lambda _unit, raw: less_kept_back(raw, fee),
    )
    if new_body is None:
        return None, (
            f"No safe rewrite: the amount is now paid less a {fee}; this {impact.item.kind} "
            "claims the whole amount in words the drafter cannot say less the fee: a writer "
            "should."
        )
    return new_body, (
        f"The amount is now paid less a {fee}; this {impact.item.kind} claimed the whole "
        "amount: the edit says it less the fee in its own words and keeps everything else."
    )


def kept_back_conflicts(
    facts: ChangeFacts,
    title: str,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[[int, str, tuple[str, ...]], Any],
) -> list[Any]:
    """`found` with the units claiming the whole amount on the change's topic marked: a table
    row by its key, any other unit by itself, the item's title, its heading, or (in an item
    with no headings) an earlier sentence naming the topic."""
    fee = _fee(facts)
    if fee is None:
        return found
    by_index = {conflict.unit_index: conflict for conflict in found}
    reason = f"{KEPT_BACK_REASON} (a {fee})"
    topic_said = _on_topic(facts, title.replace("::", " "))
    heading_said = False
    for index, unit in enumerate(item_units):
        raw = unit.raw.lstrip()
        if raw.startswith("#"):
            heading_said = _on_topic(facts, unit.text)
            continue
        if raw.startswith("|"):
            cells = row_cells(raw)
            scoped = bool(cells) and _on_topic(facts, cells[0])
        else:
            scoped = topic_said or heading_said or _on_topic(facts, unit.text)
            if _on_topic(facts, unit.text) and not any(
                u.raw.lstrip().startswith("#") for u in item_units
            ):
                topic_said = True
        if not scoped or not claims_whole(unit.text):
            continue
        by_index[index] = with_reason(by_index, index, unit.text, reason, make)
    return [by_index[index] for index in sorted(by_index)]


def kept_back_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a whole amount now paid less a fee: the same fact
    the template's edit rests on."""
    fee = _fee(facts)
    if fee is None:
        return None
    return (
        f"the amount is now paid less a {fee} ({facts.when()}): a sentence on that topic "
        f"claiming the whole amount (“the full amount you paid”, “nothing is deducted”, "
        f"“every penny (100%)”) says the amount less a {fee} in the item's own words; the "
        "same words about other cases stay as they are"
    )


def still_kept_back(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The conflicting sentences an edit kept, or one it wrote, that still claim the whole
    amount: what no drafter's edit may say."""
    if _fee(facts) is None:
        return []
    return still_saying(
        lambda unit: (
            claims_whole(unit.text) and (unit.text in conflicts or _on_topic(facts, unit.text))
        ),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
