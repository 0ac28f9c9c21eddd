"""A macro's non-reply settings (group, assignee, tags, status, priority) against a behavior
change: which of them encode the old behavior, and what a person might change them to.

A reply rewrite alone leaves a macro that still routes the ticket to the team the agent no
longer escalates to. This module finds such actions and suggests a change for a person to
confirm; nothing here changes a macro. It reads plain data (the helpdesk's actions, a
`BehaviorShift`), so the drafter and the exports share it.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from behaviordiff.kb.model import KnowledgeItem

_ESCALATION_TAG = re.compile(
    r"escalat|hand_?off|handover|transfer|specialist|tier_?[23]|human|l[23]_", re.IGNORECASE
)
_ROUTING_FIELDS = ("group_id", "assignee_id")
_TAG_FIELDS = ("set_tags", "current_tags")
_WAITING_STATUSES = ("open", "pending", "hold")
_RAISED_PRIORITIES = ("high", "urgent")
_REPLY_FIELDS = ("comment_value", "comment_value_html", "comment_mode_is_public")
_NAME_STOPWORDS = {"the", "and", "for", "with", "call", "send", "make", "create", "lookup", "get"}

Suggestion = Literal["remove", "change", "add", "check"]


@dataclass(frozen=True)
class BehaviorShift:
    """What changed, in the terms the settings check needs."""

    escalation: str | None = None
    """"removed" when the agent no longer hands these conversations to a person, "added" when
    it now does."""
    removed_actions: tuple[str, ...] = ()
    """Tools the agent no longer calls (names)."""
    added_actions: tuple[str, ...] = ()
    when: str = ""
    """The condition in words ("orders over $50 delayed more than 48 hours"), empty for all."""
    restricted: bool = False
    """The change holds only for some customers: the old settings still fit the others."""
    moved_values: tuple[str, ...] = ()
    """The old values of prompt rules that moved for everyone ("$100", "30 days"): a macro
    stating one states the rule, and its edit only moves the value."""
    scope_values: tuple[str, ...] = ()
    """The values the change's condition names ("50", "48", "gold"): a macro naming all of
    them already serves only the customers the change reaches."""


@dataclass(frozen=True)
class SettingFlag:
    field: str
    value: Any
    """The action's value as exported."""
    reason: str
    suggestion: Suggestion
    suggested_value: Any = None
    """The new value for `change`; None for `remove`, and for `add` when only a person can
    choose it (which group)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": self.value,
            "reason": self.reason,
            "suggestion": self.suggestion,
            "suggested_value": self.suggested_value,
        }

    def describe(self) -> str:
        if self.suggestion == "check":
            return f"check {self.field} {_shown(self.value)}"
        if self.suggestion == "remove":
            return f"remove {self.field} {_shown(self.value)}"
        if self.suggestion == "add":
            return f"add {self.field} ({self.reason})"
        return f"{self.field} {_shown(self.value)} → {_shown(self.suggested_value)}"


@dataclass(frozen=True)
class SettingsReview:
    """The flagged actions of one macro, with the full actions array as it would be with every
    suggestion applied (for a person to confirm, never sent as is)."""

    item_key: str
    item_title: str
    flags: list[SettingFlag]
    suggested_actions: list[dict[str, Any]]
    restricted: bool = False
    when: str = ""
    confirm: str = field(default="")

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item_key,
            "flags": [flag.to_dict() for flag in self.flags],
            "suggested_actions": self.suggested_actions,
            "confirm": self.confirm,
        }

    def summary(self) -> str:
        """One line for a CSV cell or a terminal: each suggested change."""
        return "; ".join(flag.describe() for flag in self.flags) + f" ({self.confirm})"

    def cs_action(self) -> str:
        """The sentence for the note's "what CS should do"."""
        phrases = [_phrase(flag) for flag in self.flags if flag.suggestion != "add"]
        settings = (
            ", ".join(phrases[:-1])
            + (" and " if len(phrases) > 1 else "")
            + (phrases[-1] if phrases else "")
        )
        added = [flag for flag in self.flags if flag.suggestion == "add"]
        for_whom = f" for {self.when}" if self.when else ""
        text = f"Check the settings of macro “{self.item_title}”"
        if settings:
            text += f": it {settings}, which encode what the agent no longer does{for_whom}"
        if added:
            text += ("; " if settings else ": ") + "; ".join(flag.reason for flag in added)
        text += ". The export carries a suggested change to these actions for you to confirm"
        if self.restricted:
            text += " (other customers still get the old handling: keep a macro for them)"
        return text + "."


def _shown(value: Any) -> str:
    return f"“{value}”" if isinstance(value, str) else str(value)


def _phrase(flag: SettingFlag) -> str:
    if flag.field == "group_id":
        return "routes the ticket to a group"
    if flag.field == "assignee_id":
        return "assigns the ticket to a person"
    if flag.field in _TAG_FIELDS:
        # tags are named in the export, not here: a note states only what the evidence shows
        if "escalation" in flag.reason:
            return "tags it as escalated"
        return "sets a tag naming the old action"
    return f"sets {flag.field} to {flag.value}"


def macro_actions(item: KnowledgeItem) -> list[dict[str, Any]] | None:
    """The helpdesk's full actions array of a macro, as exported; None when the format has
    no settings (Freshdesk canned responses, Intercom macros, CSV)."""
    actions = item.metadata.get("actions")
    if item.kind != "macro" or not isinstance(actions, list):
        return None
    return [action for action in actions if isinstance(action, dict)]


def _name_words(names: Sequence[str]) -> set[str]:
    words: set[str] = set()
    for name in names:
        for word in re.split(r"[^a-z0-9]+", name.lower()):
            if len(word) > 3 and word not in _NAME_STOPWORDS:
                words.add(word)
    return words


def _tag_flag(
    action_field: str, value: Any, shift: BehaviorShift
) -> tuple[SettingFlag | None, bool]:
    """A flag for the tags that name the old behavior, and whether it is about escalation."""
    if not isinstance(value, str):
        return None, False
    tags = value.split()
    stale_words = _name_words(shift.removed_actions) - _name_words(shift.added_actions)
    stale: list[str] = []
    escalation = False
    for tag in tags:
        if shift.escalation == "removed" and _ESCALATION_TAG.search(tag):
            stale.append(tag)
            escalation = True
        elif any(word in tag.lower() for word in stale_words):
            stale.append(tag)
    if not stale:
        return None, False
    kept = [tag for tag in tags if tag not in stale]
    reason = (
        f"the tag(s) {', '.join(stale)} mark an escalation the agent no longer does"
        if escalation
        else f"the tag(s) {', '.join(stale)} name an action the agent no longer takes"
    )
    if kept:
        return SettingFlag(action_field, value, reason, "change", " ".join(kept)), escalation
    return SettingFlag(action_field, value, reason, "remove"), escalation


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _numbers(text: str) -> set[float]:
    found: set[float] = set()
    for raw in _NUMBER.findall(text):
        plain = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw) else raw
        try:
            found.add(float(plain.replace(",", ".")))
        except ValueError:
            continue
    return found


def states_value(body: str, value: str) -> bool:
    """Whether a text states a value: its numbers ("$1,200", "30 days" → 1200, 30) all appear
    in the text, with its unit when it has one ("days", "%"); for a value with no number
    ("gold"), the word does."""
    numbers = _numbers(value)
    lowered = body.lower()
    if not numbers:
        words = value.strip().lower()
        return bool(words) and re.search(rf"\b{re.escape(words)}\b", lowered) is not None
    units = [word[:4] for word in re.findall(r"[a-z]+", value.lower())]
    units += ["%"] if "%" in value else []
    return numbers <= _numbers(body) and all(unit in lowered for unit in units)


def states_moved_rule(body: str, shift: BehaviorShift) -> bool:
    """The text states a rule whose value moved for everyone (its old value): what it says
    holds for everyone it covers, before and after; only the value is out of date."""
    return any(states_value(body, value) for value in shift.moved_values)


def names_scope(body: str, shift: BehaviorShift) -> bool:
    """The text names every value of the change's condition: it is already about the
    customers the change reaches, not a macro for everyone."""
    return bool(shift.scope_values) and all(
        states_value(body, value) for value in shift.scope_values
    )


def review_settings(item: KnowledgeItem, shift: BehaviorShift) -> SettingsReview | None:
    """The macro's actions that encode the old behavior, with suggestions; None when none do,
    when the macro has no settings, or when it states a rule whose value moved for everyone
    (its edit moves the value; who it serves, and how, stay as they were)."""
    actions = macro_actions(item)
    if actions is None or states_moved_rule(item.body, shift):
        return None
    flags: list[SettingFlag] = []
    routed = False
    for action in actions:
        name, value = str(action.get("field", "")), action.get("value")
        if name in _REPLY_FIELDS:
            continue
        if shift.escalation == "removed" and name in _ROUTING_FIELDS:
            if value not in (None, "", "current_user", "current_groups"):
                target = "a group" if name == "group_id" else "a person"
                flags.append(
                    SettingFlag(
                        name,
                        value,
                        f"routes the ticket to {target}, the escalation the agent no longer does",
                        "remove",
                    )
                )
                routed = True
        elif name in _TAG_FIELDS:
            flag, escalation = _tag_flag(name, value, shift)
            if flag is not None:
                flags.append(flag)
                routed = routed or escalation
    for action in actions:
        name, value = str(action.get("field", "")), action.get("value")
        if shift.escalation == "removed" and routed:
            # the status and priority of an escalation only mean something with it
            if name == "status" and value in _WAITING_STATUSES:
                flags.append(
                    SettingFlag(
                        name,
                        value,
                        "keeps the ticket waiting for the escalation's follow-up",
                        "change",
                        "solved",
                    )
                )
            elif name == "priority" and value in _RAISED_PRIORITIES:
                flags.append(
                    SettingFlag(
                        name, value, "raises the priority for the escalation", "change", "normal"
                    )
                )
        elif shift.escalation == "added" and name == "status" and value == "solved":
            flags.append(
                SettingFlag(
                    name,
                    value,
                    "solves the ticket, but the agent now hands these conversations to a person",
                    "change",
                    "open",
                )
            )
    if shift.escalation == "added" and flags:
        fields = {str(action.get("field")) for action in actions}
        if not fields & set(_ROUTING_FIELDS):
            flags.append(
                SettingFlag(
                    "group_id",
                    None,
                    "no action routes the ticket to the team that takes the hand-offs: choose "
                    "the group",
                    "add",
                )
            )
    if not flags:
        return None
    # a macro naming the condition serves only the customers the change reaches
    restricted = shift.restricted and not names_scope(item.body, shift)
    confirm = "suggested for a person to confirm"
    if restricted and shift.when:
        confirm += f"; it holds for {shift.when} only, other customers still get the old handling"
    return SettingsReview(
        item_key=item.key,
        item_title=item.title,
        flags=flags,
        suggested_actions=apply_flags(actions, flags),
        restricted=restricted,
        when=shift.when if restricted else "",
        confirm=confirm,
    )


_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "for",
        "from",
        "has",
        "have",
        "i",
        "if",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "we",
        "will",
        "with",
        "you",
        "your",
    ]
)


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9]+", text.lower()) if word not in _STOP}


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+|\n+", text) if part.strip()]


def handoff_sentence(body: str, old_replies: Sequence[str], new_replies: Sequence[str]) -> str:
    """The first sentence of a macro's (edited) body that still says the old hand-off: one
    sharing most of the distinctive words of a sentence the agent said only before the change
    (words its new replies do not use), e.g. "She'll call you within 1 working day" against
    "Our head seamstress will call you within 1 working day". Empty when none does."""
    now = set().union(*(_words(reply) for reply in new_replies))
    marks = [
        distinctive
        for reply in old_replies
        for sentence in _sentences(reply)
        if len(distinctive := _words(sentence) - now) >= 3
    ]
    for sentence in _sentences(body):
        words = _words(sentence)
        if any(len(words & mark) >= max(3, 0.6 * len(mark)) for mark in marks):
            return sentence
    return ""


def for_edited_macro(review: SettingsReview, item: KnowledgeItem, still: str) -> SettingsReview:
    """The settings review of a macro as its edit is exported. When the edited macro still
    hands customers off (`still`: its sentence saying so, see `handoff_sentence`), removing
    its routing (or solving the ticket, lowering the priority) would drop that hand-off too:
    every remove/change becomes a `check`, with why, and the suggested actions stay as they
    are; a person splits the macro or keeps the settings. Otherwise as it was."""
    if not still:
        return review
    flags = [
        flag
        if flag.suggestion == "add"
        else SettingFlag(flag.field, flag.value, flag.reason, "check")
        for flag in review.flags
    ]
    return SettingsReview(
        item_key=review.item_key,
        item_title=review.item_title,
        flags=flags,
        suggested_actions=apply_flags(macro_actions(item) or [], flags),
        restricted=review.restricted,
        when=review.when,
        confirm=f"not suggested for removal: the edited macro still hands off (“{still}”); "
        "keep these settings for the customers it hands off, or split the macro",
    )


def apply_flags(
    actions: Sequence[Mapping[str, Any]], flags: Sequence[SettingFlag]
) -> list[dict[str, Any]]:
    """The actions with each remove/change applied, in their order (adds need a person)."""
    by_field = {flag.field: flag for flag in flags if flag.suggestion != "add"}
    result: list[dict[str, Any]] = []
    for action in actions:
        flag = by_field.get(str(action.get("field")))
        if flag is None or action.get("value") != flag.value or flag.suggestion == "check":
            result.append(copy.deepcopy(dict(action)))
        elif flag.suggestion == "change":
            result.append({**copy.deepcopy(dict(action)), "value": flag.suggested_value})
    return result


class _Action(Protocol):
    @property
    def name(self) -> str: ...


class _Move(Protocol):
    """A prompt rule's value that moved (drafting's `RuleMove`)."""

    @property
    def old(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def scope(self) -> str: ...

    @property
    def subject(self) -> str: ...

    @property
    def others(self) -> str: ...


class _Atom(Protocol):
    @property
    def op(self) -> str: ...

    @property
    def value(self) -> object: ...

    @property
    def low(self) -> object: ...

    @property
    def high(self) -> object: ...


class _Condition(Protocol):
    @property
    def atoms(self) -> Sequence[_Atom]: ...


class ChangeLike(Protocol):
    """What `shift_of` reads from a behavior change (drafting's `ChangeFacts`)."""

    @property
    def escalation(self) -> str | None: ...

    @property
    def before_actions(self) -> Sequence[_Action]: ...

    @property
    def after_actions(self) -> Sequence[_Action]: ...

    @property
    def part_of_topic(self) -> bool: ...

    @property
    def moves(self) -> Sequence[_Move]: ...

    @property
    def condition(self) -> _Condition | None: ...

    def when(self) -> str: ...


def _scope_values(condition: _Condition | None) -> tuple[str, ...]:
    """The values a condition names, topic tags left out (as `who` leaves them out)."""
    values: list[str] = []
    for atom in condition.atoms if condition is not None else ():
        if atom.op == "tag":
            continue
        for bound in (atom.low, atom.high, atom.value):
            parts = bound if isinstance(bound, tuple) else (bound,)
            values.extend(_plain(part) for part in parts if part is not None)
    return tuple(dict.fromkeys(values))


def _plain(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def shift_of(facts: ChangeLike) -> BehaviorShift:
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    return BehaviorShift(
        escalation=facts.escalation,
        removed_actions=tuple(sorted(before - after)),
        added_actions=tuple(sorted(after - before)),
        when=facts.when(),
        # a change for everyone on the macro's topic (a topic tag alone) leaves no customer of
        # it with the old handling
        restricted=facts.part_of_topic,
        moved_values=tuple(
            move.old
            for move in facts.moves
            if move.kind == "value" and not (move.scope or move.subject or move.others)
        ),
        scope_values=_scope_values(facts.condition),
    )


def settings_reviews(facts: ChangeLike, items: Sequence[KnowledgeItem]) -> list[SettingsReview]:
    """The settings reviews of the macros a change affects, in the given order."""
    shift = shift_of(facts)
    reviews = [review_settings(item, shift) for item in items]
    return [review for review in reviews if review is not None]
