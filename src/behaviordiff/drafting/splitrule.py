"""One rule rewritten in two prompt sentences side by side, the change attributed only one.

A prompt states its rule in a sentence and says how to carry it out in the next ("Deliveries
after 9pm, with no van free, are not made, so we don't charge a fee." then "Do not book a slot
for them." became "… are made by a partner courier, and we charge half the usual fee." then
"Book `partner_drop` and tell the customer the courier brings it the next morning."). The
diff reads each sentence as a hunk of its own, and detection attributes the change to the one
naming its call; the other, which says the rule in the words a KB says it in, is left out,
so nothing finds the KB sentences stating the old rule ("Late deliveries carry no fee").

`split_rules` takes such a sentence in as a rule of the change: a changed sentence right before
or after one of the change's own, in the same section and file, no change attributed it, whose
new side says the same new thing (three content words or more that both new sides add).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from behaviordiff.drafting.text import EVERY_CASE_WORDS, IMPERATIVE_VERBS, terms

_MIN_SHARED = 3
_MAX = 4000


def _added(hunk: Mapping[str, Any], text_of: Callable[[Any], str | None]) -> set[str]:
    """The content stems a changed sentence's new side has and its old side does not."""
    old, new = text_of(hunk.get("old")), text_of(hunk.get("new"))
    if old is None or new is None:
        return set()
    return {w for w in terms(new[:_MAX]) if not w.isdigit()} - set(terms(old[:_MAX]))


def _places(
    rules: Sequence[Any], hunks: Mapping[str, Mapping[str, Any]]
) -> tuple[list[str], dict[str, int], set[str]]:
    """The hunks in diff order, each hunk's place in it, and the hunks the change's rules
    already stand on."""
    order = list(hunks)
    return order, {hunk_id: at for at, hunk_id in enumerate(order)}, {r.hunk_id for r in rules}


def _beside(hunk: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether two hunks stand in the same section of the same file."""
    return other.get("section") == hunk.get("section") and other.get("file") == hunk.get("file")


def _as_rule(
    make: Callable[..., Any],
    hunk_id: str,
    hunk: Mapping[str, Any],
    text_of: Callable[[Any], str | None],
) -> Any:
    """A changed or removed hunk as a rule of the change (`make`: `drafting.facts.Rule`)."""
    kind = str(hunk.get("kind"))
    old, new = text_of(hunk.get("old")), text_of(hunk.get("new"))
    summary = f"section {hunk.get('section')}: {kind.replace('_', ' ')}: {old}"
    if new:
        summary += f" → {new}"
    return make(hunk_id, kind, hunk.get("section"), old, new, summary)


def split_rules(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    text_of: Callable[[Any], str | None],
    make: Callable[..., Any],
) -> list[Any]:
    """The unattributed changed sentences next to the change's changed sentences that say the
    same new rule (see the module's docstring), each as a `sentence_changed` rule on its
    hunk."""
    order, position, own = _places(rules, hunks)
    found: list[Any] = []
    for rule in rules:
        at = position.get(rule.hunk_id)
        if rule.kind != "sentence_changed" or at is None:
            continue
        hunk = hunks[rule.hunk_id]
        added = _added(hunk, text_of)
        for near in (at - 1, at + 1):
            if not 0 <= near < len(order) or order[near] in attributed | own:
                continue
            other = hunks[order[near]]
            if (
                other.get("kind") != "sentence_changed"
                or not _beside(hunk, other)
                or len(_added(other, text_of) & added) < _MIN_SHARED
            ):
                continue
            found.append(_as_rule(make, order[near], other, text_of))
            own.add(order[near])
    return found


def narrowed_rules(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    text_of: Callable[[Any], str | None],
    make: Callable[..., Any],
) -> list[Any]:
    """The unattributed changed sentence right before one the change added, in the same
    section and file, whose old side claimed its rule for every case and whose new side no
    longer does ("One of our estimators will phone …, whatever kind of customer they are." →
    "Homeowners and landlords: one of our estimators will phone …" beside the added
    "Commercial customers: our commercial estimating team will email …"): the rule the added
    sentence splits a case off, as a `sentence_changed` rule on its hunk."""
    order, position, own = _places(rules, hunks)
    found: list[Any] = []
    for rule in rules:
        at = position.get(rule.hunk_id)
        if rule.kind != "sentence_added" or at is None or at == 0:
            continue
        hunk, near = hunks[rule.hunk_id], order[at - 1]
        other = hunks[near]
        if (
            near in attributed | own
            or other.get("kind") != "sentence_changed"
            or not _beside(hunk, other)
        ):
            continue
        old, new = text_of(other.get("old")), text_of(other.get("new"))
        if not old or not new or len(old) > _MAX or len(new) > _MAX:
            continue
        if not EVERY_CASE_WORDS.search(old) or EVERY_CASE_WORDS.search(new):
            continue
        found.append(_as_rule(make, near, other, text_of))
        own.add(near)
    return found


def sandwiched_rules(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    text_of: Callable[[Any], str | None],
    make: Callable[..., Any],
) -> list[Any]:
    """The unattributed changed or removed sentences that stand between two of the change's
    own, in the same section and file ("If the customer hasn't sent it yet, ask them to email
    a photo …" → "No documents are needed." between the changed requirement and the removed
    "Once it has, open the account …"): one rewrite of one rule, read as the change's."""
    order, position, own = _places(rules, hunks)
    places = sorted(position[hunk_id] for hunk_id in own if hunk_id in position)
    found: list[Any] = []
    for first, last in itertools.pairwise(places):
        start = hunks[order[first]]
        if last - first < 2 or not _beside(start, hunks[order[last]]):
            continue
        for at in range(first + 1, last):
            hunk_id = order[at]
            other = hunks[hunk_id]
            if (
                hunk_id in attributed | own
                or other.get("kind") not in ("sentence_changed", "sentence_removed")
                or not _beside(start, other)
            ):
                break
            old, new = text_of(other.get("old")), text_of(other.get("new"))
            if not old or len(old) > _MAX or (new is not None and len(new) > _MAX):
                break
            found.append(_as_rule(make, hunk_id, other, text_of))
            own.add(hunk_id)
    return found


_CASE_OPENING = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:when|if|for|unless|where|once|after|before|whenever|on|in|at)\b"
    r"|^\s*(?:[-*+]\s+)?[^:;.!?]{2,60}:\s",
    re.I,
)
"""A sentence opening a case of its own ("When …", "For trade customers …", "Overseas orders:
…"): a rule of its own, no continuation of the one before."""
_ORDER_OPENING = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:don['’]t|do\s+not|never|always|please|"
    + "|".join(sorted(IMPERATIVE_VERBS))
    + r")\b",
    re.I,
)
"""A sentence opening with an order to the agent ("Don't cancel it yourself.", "Tell them …")."""
_BACK_TO_THEM = re.compile(r"\b(?:them|they|their|him|her|it)\b", re.I)
"""The pronouns a sentence points back to the one before with ("phones them")."""


def continued_rules(
    rules: Sequence[Any],
    hunks: Mapping[str, Mapping[str, Any]],
    attributed: set[str],
    text_of: Callable[[Any], str | None],
    make: Callable[..., Any],
) -> list[Any]:
    """The unattributed changed or removed sentence right after one of the change's changed
    sentences, in the same section and file, that opens no case of its own, gives no order,
    states a figure and points back to it ("When a customer asks how their job is coming
    along, log a callback … One of our sign-makers phones them within 4 working hours with an
    update."): the old rule's second sentence, rewritten with it, so the change's rule too."""
    order, position, own = _places(rules, hunks)
    found: list[Any] = []
    for hunk_id in [h for h in order if h in own]:
        hunk = hunks[hunk_id]
        at = position[hunk_id] + 1
        if hunk.get("kind") != "sentence_changed" or at >= len(order):
            continue
        next_id = order[at]
        other = hunks[next_id]
        old, new = text_of(other.get("old")), text_of(other.get("new"))
        if (
            next_id in attributed | own
            or other.get("kind") not in ("sentence_changed", "sentence_removed")
            or not _beside(hunk, other)
            or not old
            or len(old) > _MAX
            or (new is not None and len(new) > _MAX)
            or _CASE_OPENING.match(old)
            or not _BACK_TO_THEM.search(old)
            # a statement of what follows, with its figure ("phones them within 4 working
            # hours"), not another order to the agent ("Don't cancel it yourself.")
            or _ORDER_OPENING.match(old)
            or not re.search(r"\d", old)
        ):
            continue
        found.append(_as_rule(make, next_id, other, text_of))
        own.add(next_id)
    return found
