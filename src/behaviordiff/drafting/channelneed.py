"""A question the new prompt asks before an action on one channel only ("On WhatsApp we can't
see who is writing: before changing the name, ask for the postcode of the address on the
booking, and call `change_passenger` only once they've given it."), the change's condition
naming that channel ("channel = whatsapp").

The KB's sentences saying the action is taken straight away on a list of channels naming it
("Whether you message us in web chat, on WhatsApp or by email, … we'll change the name
straight away") stay true for the other channels: the channel leaves the list, and the
question is said after the sentence in the KB's voice ("On WhatsApp, before changing the
name, we'll ask you for the postcode of the address on the booking."). A sentence saying no
proof of who you are is needed for the action ("You never need to prove who you are to pass a
ticket on") is no longer true there and goes. The same question asked on the same channel
about another topic (no "at once" and no action word) is another rule and stays.

Pure text helpers: `impact` marks the sentences (`channel_need_reason`), the template drafter
rewrites them (`channel_need_edit`), the model drafter is told the same facts
(`channel_need_fact`) and checked on them (`channel_need_unsaid`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.casestep import promises_action
from behaviordiff.drafting.impactview import kept_word_for_word, marked_for
from behaviordiff.drafting.rules import kb_clauses, no_need_before
from behaviordiff.drafting.text import edit_body, replace_units, terms, units

CHANNEL_NEED_REASON = "says the action is taken at once on every channel; the new prompt asks"

_ASK = re.compile(
    r"\bask\s+(?:(?:them|the\s+\w+)\s+)?for\s+(?P<what>[^,:;.`]+?)"
    r"(?=\s*(?:[,:;.]|$|\s+and\s|\s+before\s|\s+first\b))",
    re.I,
)
_BEFORE = re.compile(r"\bbefore\s+(?P<doing>[a-z]+ing\b[^,:;.`]*)", re.I)
_TOOL = re.compile(r"`(?P<tool>[a-z][a-z0-9_]*)`")
_LEAD = re.compile(r"(?:^|\s)(?P<prep>on|in|by|via|over)\s+$", re.I)
_AT_ONCE = re.compile(
    r"\b(?:straight away|right away|at once|immediately|there and then|on the spot)\b", re.I
)
_NOT_NEEDED = re.compile(
    r"\b(?:don't|do not|doesn't|does not|won't|will not|never)\s+(?:need|have)\s+to\b"
    r"|\bno need (?:to|for)\b|\bnot (?:required|needed|necessary)\b",
    re.I,
)
_IDENTITY = re.compile(
    r"\bwho\s+you\s+are\b|\bidentity\b|\bidentify\b|\bverif\w*|\bprove\b|\bproof\b|\bID\b"
)
"""What a "you don't need to …" says of checking who is writing: the question the new prompt
asks on one channel is such a check, whatever it asks for."""


@dataclass(frozen=True)
class ChannelNeed:
    """A question the new prompt asks before an action on one channel of the condition."""

    rule: Any
    """The drafting.facts.Rule that asks it."""
    channel: str
    """The channel as the prompt writes it ("WhatsApp")."""
    preposition: str
    """How the prompt leads the channel ("On")."""
    what: str
    """What is asked for, in the prompt's words ("the postcode of the address on the booking")."""
    tool: str
    """The action asked before (`change_passenger`)."""
    before: str
    """Before what, in the prompt's words ("changing the name"); "" when it says none."""

    @property
    def noun(self) -> str:
        """The head word of what is asked for ("postcode")."""
        head = terms(re.split(r"\s+of\s+", self.what, maxsplit=1)[0])
        return head[-1] if head else ""

    @property
    def statement(self) -> str:
        """The question in a KB's voice ("On WhatsApp, before changing the name, we'll ask
        you for the postcode of the address on the booking.")."""
        before = f"before {self.before}, " if self.before else ""
        first = "" if self.before else "first "
        lead = f"{self.preposition.capitalize()} {self.channel}"
        return f"{lead}, {before}we'll {first}ask you for {self.what}."


def _channel_values(conditions: Sequence[Any]) -> list[str]:
    """The one value a categorical atom of the change's first condition picks ("whatsapp")."""
    if not conditions:
        return []
    found = []
    for atom in conditions[0].atoms:
        values = atom.value if isinstance(atom.value, (list, tuple)) else [atom.value]
        one = len(values) == 1 and isinstance(values[0], str)
        if atom.op in ("=", "in") and one and not re.fullmatch(r"[\d.]+", str(values[0])):
            found.append(str(values[0]))
    return found


def _named(value: str, text: str) -> re.Match[str] | None:
    words = [re.escape(word) for word in re.split(r"[_\s-]+", value) if word]
    if not words:
        return None
    return re.search(r"\b" + r"[\s_-]?".join(words) + r"\b", text, re.I)


def channel_need(rules: Sequence[Any], conditions: Sequence[Any]) -> ChannelNeed | None:
    """The first added or changed prompt sentence that names the condition's one channel value
    and asks for something before a tool's action there; None when the prompt says none."""
    values = _channel_values(conditions)
    for rule in rules:
        if not rule.kind.startswith("sentence") or not rule.new:
            continue
        text = " ".join(rule.new.split())
        for value in values:
            named = _named(value, text)
            ask = _ASK.search(text)
            tool = _TOOL.search(text)
            if named is None or ask is None or tool is None or named.start() > ask.start():
                continue
            if rule.old and _named(value, " ".join(rule.old.split())) and _ASK.search(rule.old):
                continue  # asked there before too
            lead = _LEAD.search(text[: named.start()])
            before = _BEFORE.search(text)
            return ChannelNeed(
                rule,
                named.group(0),
                lead.group("prep") if lead else "on",
                ask.group("what").strip(),
                tool.group("tool"),
                before.group("doing").strip() if before else "",
            )
    return None


def says_at_once(need: ChannelNeed, sentence: str) -> bool:
    """Whether a KB sentence says the action is taken at once on a list of channels naming the
    need's channel ("in web chat, on WhatsApp or by email, … we'll change the name straight
    away")."""
    found = _AT_ONCE.search(sentence)
    if found is None or no_need_before(sentence[: found.start()]):
        return False
    if _named(need.channel, sentence) is None:
        return False
    verb = need.tool.split("_")[0]
    return promises_action(need.tool, sentence) or (
        len(verb) > 3 and re.search(rf"\b{re.escape(verb)}(?:s|ed)?\b", sentence, re.I) is not None
    )


def says_not_needed(need: ChannelNeed, sentence: str) -> bool:
    """Whether a KB sentence says no check of who is writing (or what is now asked for) is
    needed ("You never need to prove who you are to pass a ticket on."), naming no channel or
    the need's."""
    for start, end in kb_clauses(sentence):
        clause = sentence[start:end]
        found = _NOT_NEEDED.search(clause)
        if found is None:
            continue
        rest = clause[found.end() :]
        if _IDENTITY.search(rest) or (need.noun and need.noun in terms(rest)):
            return True
    return False


def channel_need_reason(need: ChannelNeed | None, sentence: str) -> str | None:
    """Why a KB sentence is wrong on the need's channel, or None."""
    if need is None or not (says_at_once(need, sentence) or says_not_needed(need, sentence)):
        return None
    return f"{CHANNEL_NEED_REASON} {need.what} first on {need.channel}: {need.statement}"


def _without_channel(need: ChannelNeed, sentence: str) -> str | None:
    """`sentence` with the need's channel out of its list of channels ("in web chat, on
    WhatsApp or by email" → "in web chat or by email"); None when it lists it no such way."""
    channel = rf"(?:(?:on|in|by|via|over)\s+)?{re.escape(need.channel)}"
    item = r"(?:(?:on|in|by|via|over)\s+)?[\w-]+(?:\s[\w-]+)?"
    middle = re.search(rf",\s+{channel}(?=\s+or\s+{item})", sentence, re.I)
    if middle is not None:
        return sentence[: middle.start()] + sentence[middle.end() :]
    first = re.search(rf"\b{channel},\s+(?={item}(?:,\s+{item})*\s+or\s)", sentence, re.I)
    if first is not None:
        return sentence[: first.start()] + sentence[first.end() :]
    last = re.search(rf",\s+(?P<other>{item})\s+or\s+{channel}\b", sentence, re.I)
    if last is not None:
        return sentence[: last.start()] + " or " + last.group("other") + sentence[last.end() :]
    pair = re.search(rf"\s+or\s+{channel}\b", sentence, re.I)
    if pair is not None:
        return sentence[: pair.start()] + sentence[pair.end() :]
    return None


def channel_need_edit(text: str, need: ChannelNeed, marked: set[str]) -> str | None:
    """`text` with each `marked` sentence saying the action at once without the need's channel
    and the question said after the last of them; a sentence saying no check is needed goes
    (the question is said in its place where no sentence says the action at once). None when a
    marked sentence is a table row or lists the channel no way it can leave."""
    item_units = units(text)
    changes: dict[int, str] = {}
    at_once: list[int] = []
    not_needed: list[int] = []
    for index, unit in enumerate(item_units):
        if unit.text not in marked:
            continue
        if unit.raw.lstrip().startswith(("|", "#")):
            return None
        if says_at_once(need, unit.text):
            said = _without_channel(need, unit.raw)
            if said is None:
                return None
            changes[index] = said
            at_once.append(index)
        else:
            not_needed.append(index)
    if not at_once and not not_needed:
        return None
    for index in not_needed:
        changes[index] = ""
    last = max(at_once) if at_once else not_needed[0]
    body = changes[last].rstrip()
    tail = changes[last][len(body) :]
    changes[last] = f"{body} {need.statement}{tail}" if body else need.statement
    return replace_units(text, changes, item_units)


def channel_need_fact(rules: Sequence[Any], conditions: Sequence[Any]) -> str | None:
    """What a drafting model is told of a question asked before an action on one channel, the
    same facts the template's edit rests on; None when the prompt asks none."""
    need = channel_need(rules, conditions)
    if need is None:
        return None
    return (
        f"the new prompt now asks for {need.what} before `{need.tool}` on {need.channel} only "
        f"(it says “{need.rule.new}”): text saying the action is taken at once on a list of "
        f"channels naming {need.channel} stays true for the other channels and drops "
        f"{need.channel} from the list; text saying no check of who is writing is needed goes; "
        f"the item adds the question in its voice (“{need.statement}”); the same question asked "
        f"on {need.channel} about another topic stays"
    )


def channel_need_unsaid(
    rules: Sequence[Any], conditions: Sequence[Any], conflicts: Sequence[Any], new_body: str
) -> list[str]:
    """What a model's edit of an item marked for a question asked on one channel does wrong:
    a marked sentence kept word for word, or no added text naming what is now asked for."""
    need = channel_need(rules, conditions)
    marked = marked_for(conflicts, CHANNEL_NEED_REASON)
    if need is None or not marked:
        return []
    flat = " ".join(new_body.split())
    kept = kept_word_for_word(marked, new_body)
    if kept:
        return [
            f"“{kept[0]}” still says the old way on {need.channel}: say it for the other "
            f"channels only and that {need.what} is asked for there first"
        ]
    if need.noun and need.noun not in terms(flat):
        return [f"the new body does not say that {need.what} is asked for on {need.channel}"]
    return []


def channel_need_draft(
    facts: Any, impact: Any, problems: Callable[[Any, Any, str], Sequence[str]]
) -> tuple[str | None, str] | None:
    """The template's edit of an item marked for a question asked on one channel
    (`channel_need_edit`): the new body and its rationale, or None as the body (flagged) when
    a marked sentence cannot be said for the other channels, or the edit has `problems`
    (`checks.kb_text_problems`); None when the item says no such thing."""
    need = channel_need(facts.rules, facts.conditions)
    marked = set(marked_for(impact.conflicts, CHANNEL_NEED_REASON))
    if need is None or not marked:
        return None
    noun = impact.item.kind
    listed = "; ".join(f"“{sentence}”" for sentence in sorted(marked))
    why = f"The new prompt now asks for {need.what} first on {need.channel}: “{need.rule.new}”"
    new_body = edit_body(
        impact.item.body,
        impact.item.body_format,
        lambda text: channel_need_edit(text, need, marked) or text,
    )
    if new_body == impact.item.body or problems(facts, impact, new_body):
        return None, (
            f"Flagged for review: {why}, on {need.channel} only, and this {noun} says the old "
            f"way for every channel in {listed} in a form (a table row, or a list of channels "
            f"the template cannot take {need.channel} out of) no rewrite can scope: say it for "
            f"the other channels only and add the question on {need.channel}."
        )
    dropped = any(not says_at_once(need, sentence) for sentence in marked)
    return new_body, (
        f"{why}; this {noun} says the action is taken at once, or that no check is needed, on "
        f"every channel in {listed}. The edit takes {need.channel} out of the channels the "
        "action is taken at once on, "
        + ("drops the claim that no check is needed, " if dropped else "")
        + f"adds “{need.statement}” in the {noun}'s own words, and keeps everything else."
    )
