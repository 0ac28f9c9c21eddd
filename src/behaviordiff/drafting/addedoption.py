"""A second option offered where there was one, for one topic: the old prompt called a tool with
one value of an argument for the topic ("A broken wheel: arrange a repair with `claim` (part
wheel, remedy repair)"); the new one offers the customer that value or another and lets them
pick ("offer the choice of a repair or a replacement case … Replacement: `claim` (part wheel,
remedy replacement). We send a new case … within 3 working days."). KB sentences about the
topic that rule the new option out ("we repair it, not swap it for a new one", "a repair
rather than a replacement case", a table row giving the old option alone) now say the customer
chooses, with what the new option brings; a sentence naming the topic beside other topics
that keep the old rule ("Whether it's a wheel, a handle or a zip …") is split in two, the
other topics keeping its words; sentences about other topics only stay.

Pure text helpers: `impact` marks the sentences (`option_conflicts`), the template drafter
rewrites them (`option_edit`), and a drafting model is told the same facts (`option_fact`)
and its edit still ruling the option out is refused (`still_ruled_out`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.text import (
    Unit,
    edit_body,
    padded_cells,
    plain_text,
    quoted,
    replace_units,
    stem,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

RULED_OUT_REASON = "rules out the option the new agent now offers beside the old one"
ALONE_REASON = "gives the old option alone where the new agent now offers a choice"
ANSWER_REASON = "answers no to the option the new agent now offers"
SAME_REASON = "says the old option holds for other topics by pointing back to a ruled-out sentence"
MIXED_REASON = (
    "rules out the new option for the change's topic and for other topics that keep the old rule"
)

# a clause ruling something out: "rather than replace the case", ", not by swapping it …"
_CONTRAST = re.compile(
    r"(?P<lead>,?\s+)(?P<word>rather\s+than|instead\s+of|not)\s+(?P<what>[^.;:!?]+)", re.I
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CODE = re.compile(r"`[^`]*`|\b[a-z]+_[a-z_]+\b")
_INSTRUCTION = re.compile(
    r"^(?:call|use|tell|explain|offer|say|ask|check|confirm|let|make|don[’']?t|do\s+not|never|"
    r"always|be|give|suggest|remind|arrange|if)\b",
    re.I,
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z`])")
_ANSWER_NO = re.compile(r"^no\b[.,!]?$", re.I)
# a subordinate opening before a list of cases: "Whether it's a wheel, a handle or a zip …"
_OPENING = re.compile(r"^(?:whether|if|when)\b[^,]*$", re.I)
# a sentence saying the one before holds for other cases: "The same goes for handles and zips."
_SAME_GOES = re.compile(
    r"^(?:the\s+same\s+(?:goes\s+for|applies\s+to|is\s+true\s+(?:of|for))|"
    r"likewise\s+for)\s+(?P<others>[^.!?]+)[.!?]$",
    re.I,
)


@dataclass(frozen=True)
class AddedOption:
    """A value of a call's argument the new prompt offers beside the old one, on one topic."""

    tool: str
    argument: str
    old: str
    new: str
    topic: tuple[str, ...]
    """The stems of the values the call keeps, singular and plural ("frame", "fram"): what a
    sentence is about."""
    phrase: str
    """The new option as the new prompt names it ("a replacement case")."""
    said: str
    """What the new option brings, in the new prompt's words ("We send a new case … within 3
    working days, free of charge, …")."""
    time: str
    """The new option's time, as the prompt words it ("within 3 working days"), or ""."""


def _stems(text: str) -> set[str]:
    return {stem(word.lower()) for word in _WORD.findall(text)}


def _roots(text: str) -> set[str]:
    """Stems cut to six letters, so a value meets its verb ("replacement", "replace")."""
    return {word[:6] for word in _stems(text)}


def _root(word: str) -> str:
    return stem(word.lower())[:6]


def _said_after(facts: ChangeFacts, tool: str, argument: str, value: str) -> str:
    """The statements the new prompt makes right after its call of `tool` with `argument
    value`, up to an instruction or another call (two at most)."""
    call = re.compile(rf"`{re.escape(tool)}`[^.]*\b{re.escape(argument)}\s+{re.escape(value)}\b")
    for section in facts.prompt_sections.values():
        said: list[str] = []
        started = False
        for line in section:
            for sentence in _SENTENCES.split(line.strip()):
                if not started:
                    started = bool(call.search(sentence))
                    continue
                text = sentence.strip()
                if not text or _CODE.search(text) or _INSTRUCTION.match(text) or len(said) >= 2:
                    return " ".join(said)
                said.append(text if text.endswith((".", "!")) else text + ".")
            if started and said:
                return " ".join(said)
        if started:
            return " ".join(said)
    return ""


def added_option(facts: ChangeFacts) -> AddedOption | None:
    """The option the change adds: the change's calls before and after are one tool with one
    argument set otherwise, the others kept (its topic), and a changed prompt sentence names
    both values where the old one named the old value alone, so both are offered. None for
    any other change, or when the new prompt says nothing of what the new option brings."""
    if len(facts.before_actions) != 1 or len(facts.after_actions) != 1:
        return None
    before, after = facts.before_actions[0], facts.after_actions[0]
    if before.name != after.name or before.is_escalation:
        return None
    old_args, new_args = dict(before.arguments), dict(after.arguments)
    if set(old_args) != set(new_args):
        return None
    moved = [key for key in old_args if old_args[key] != new_args[key]]
    if len(moved) != 1:
        return None
    key = moved[0]
    old, new = old_args[key], new_args[key]
    old_stem, new_stem = stem(old.lower()), stem(new.lower())
    # each kept value as a word and a plural ("frame", "frames" stemmed "fram")
    topic = tuple(
        sorted(
            {
                stem(form)
                for k, value in old_args.items()
                if k != key
                for form in (value.lower(), value.lower() + "s")
            }
        )
    )
    if not topic:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old_said, new_said = _stems(rule.old), _stems(rule.new)
        if new_stem in old_said or not {old_stem, new_stem} <= new_said:
            continue
        if not set(topic) & old_said:
            continue
        named = re.search(
            rf"\bor\s+(?P<phrase>(?:an?|the)\s+(?:[\w-]+\s+)?{re.escape(new_stem)}\w*"
            rf"(?:\s+(?!and\b|or\b|to\b|for\b)[a-z]+)?)",
            rule.new,
            re.I,
        )
        said = _said_after(facts, before.name, key, new)
        if named is None or not said:
            continue
        time = re.search(r"\bwithin\s+[^,.;]*\d[^,.;]*", said)
        return AddedOption(
            before.name,
            key,
            old,
            new,
            topic,
            named.group("phrase"),
            said,
            time.group(0).strip() if time else "",
        )
    return None


def _rules_out(option: AddedOption, text: str) -> re.Match[str] | None:
    """The clause of `text` ruling the new option out: "rather than", "instead of" or "not"
    followed by the option's value ("replace", "replacement") or a new thing ("a new one")."""
    for found in _CONTRAST.finditer(text):
        said = _roots(found.group("what"))
        if _root(option.new) in said or "new" in said or "swap" in said:
            return found
    return None


def _list_with_topic(option: AddedOption, text: str) -> re.Match[str] | None:
    """A list of cases in `text` with the topic among others: "a wheel, a handle or a zip",
    "wheels, handles and zips" (items with an article each, or three bare words or more)."""
    named = r"(?:an?|the)\s+[a-z]+"
    bare = r"[a-z]+"
    for pattern in (
        rf"\b{named}(?:,\s+{named})*,?\s+(?:or|and)\s+{named}\b",
        rf"\b{bare}(?:,\s+{bare})+,?\s+(?:or|and)\s+{bare}\b",
    ):
        for found in re.finditer(pattern, text, re.I):
            names = _stems(found.group(0)) - {"a", "an", "the", "or", "and"}
            if set(option.topic) & names and names - set(option.topic):
                return found
    return None


def _marks(option: AddedOption, item_units: list[Unit]) -> dict[int, str]:
    marked: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        text = unit.text
        if text.startswith("#") or not set(option.topic) & _stems(text):
            continue
        if text.startswith("|"):
            cells = [cell.strip() for cell in text.strip("|").split("|")]
            if (
                cells
                and set(option.topic) & _stems(cells[0])
                and any(_root(option.old) in _roots(cell) for cell in cells[1:])
                and not any(_root(option.new) in _roots(cell) for cell in cells)
            ):
                marked[index] = ALONE_REASON
            continue
        if _rules_out(option, text) is None:
            continue
        if _list_with_topic(option, text):
            marked[index] = MIXED_REASON
            continue
        marked[index] = RULED_OUT_REASON
        if index > 0 and _ANSWER_NO.match(item_units[index - 1].text):
            marked[index - 1] = ANSWER_REASON
        if index + 1 < len(item_units) and _points_back(option, item_units[index + 1].text):
            marked[index + 1] = SAME_REASON
    return marked


def _points_back(option: AddedOption, text: str) -> str | None:
    """The other cases a "the same goes for …" sentence points back with, when the topic is
    not among them."""
    same = _SAME_GOES.match(text)
    if same is None or set(option.topic) & _stems(same.group("others")):
        return None
    return same.group("others").strip()


def option_conflicts(
    facts: ChangeFacts,
    item_units: list[Any],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units ruling the added option out for its topic marked."""
    option = added_option(facts)
    if option is None:
        return found
    marks = _marks(option, item_units)
    if not marks:
        return found
    by_index = {conflict.unit_index: conflict for conflict in found}
    for index, reason in marks.items():
        by_index[index] = make(index, item_units[index].text, (reason,))
    return [by_index[index] for index in sorted(by_index)]


def _choice(option: AddedOption, text: str) -> str | None:
    """`text` with its clause ruling the option out said as a choice: "we repair it rather
    than replace the case" → "we repair it or replace the case, whichever you choose"."""
    found = _rules_out(option, text)
    if found is None:
        return None
    what = found.group("what").rstrip()
    rest = text[found.end("what") :]
    return f"{text[: found.start()]} or {what}, whichever you choose{rest}"


def _row(option: AddedOption, text: str) -> str:
    """A table row giving the old option alone, with the new one beside it."""
    cells = padded_cells(text)
    last = cells[-1].rstrip()
    offered = f"{option.phrase} {option.time}".strip()
    cells[-1] = f"{last}; or {offered}, whichever the customer chooses "
    return "|" + "|".join(cells) + "|"


def _split(option: AddedOption, text: str) -> str | None:
    """A sentence naming the topic beside other cases in a subordinate opening ("Whether it's a
    wheel, a handle or a zip that has broken, the guarantee covers …"), split: the topic's own
    sentence says the choice, the other cases keep the sentence's words."""
    listed = _list_with_topic(option, text)
    if listed is None or not _OPENING.match(text[: listed.start()]):
        return None
    after = text[listed.end() :]
    comma = after.find(", ")
    if comma < 0:
        return None
    items = re.split(r",\s+|\s+(?:or|and)\s+", listed.group(0))
    mine = [item for item in items if set(option.topic) & _stems(item)]
    others = [item for item in items if item not in mine]
    if len(mine) != 1 or not others:
        return None
    joiner = " or " if re.search(r"\bor\b", listed.group(0)) else " and "
    kept_list = others[0] if len(others) == 1 else ", ".join(others[:-1]) + joiner + others[-1]
    main = _choice(option, after[comma + 2 :])
    if main is None:
        return None
    own = f"For {mine[0].strip()}{after[:comma]}, {main}"
    kept = text[: listed.start()] + kept_list + after
    return f"{own} {option.said} {kept}"


def option_text(option: AddedOption, text: str) -> tuple[str, list[str]]:
    """`text` with each marked unit rewritten, and the marked sentences no rewrite reached."""
    item_units = units(text)
    marks = _marks(option, item_units)
    changes: dict[int, str] = {}
    missed: list[str] = []
    for index, reason in marks.items():
        unit = item_units[index]
        if reason == ANSWER_REASON:
            changes[index] = "Yes, if you'd like."
            continue
        if reason == SAME_REASON:
            # the cases it pointed back to keep the old option alone
            changes[index] = (
                f"For {_points_back(option, unit.text)}, it's still a {option.old} only."
            )
            continue
        if reason == ALONE_REASON:
            changes[index] = _row(option, unit.text)
            continue
        if reason == MIXED_REASON:
            split = _split(option, unit.text)
            if split is None:
                missed.append(unit.text)
            else:
                changes[index] = split
            continue
        said = _choice(option, unit.text)
        if said is None:
            missed.append(unit.text)
            continue
        changes[index] = f"{said} {option.said}"
    if not changes:
        return text, missed
    return replace_units(text, changes, item_units), missed


def still_ruled_out(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still rule the added option out for its topic."""
    option = added_option(facts)
    if option is None:
        return []
    text = plain_text(body, body_format)
    found = units(text)
    return [found[index].text for index in _marks(option, found)]


def option_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's body for an option added beside the old one on a topic: each sentence about
    the topic ruling it out says the customer chooses (with what the new option brings), a
    row giving the old option alone gives both, a sentence naming other topics too is split;
    every other byte kept. (None, why) when a marked sentence cannot be rewritten; None when
    the change adds no option or the item has no such sentence."""
    option = added_option(facts)
    if option is None:
        return None
    reasons = (RULED_OUT_REASON, ALONE_REASON, MIXED_REASON)  # the others go with them
    if not any(r in reasons for conflict in impact.conflicts for r in conflict.reasons):
        return None
    noun = impact.item.kind
    why = (
        f"The new prompt offers {option.phrase} beside the old option for this topic "
        f"(`{option.tool}` {option.argument} {option.new} as well as {option.old}), "
        "and lets the customer choose"
    )
    missed: list[str] = []

    def rewrite(text: str) -> str:
        edited, left = option_text(option, text)
        missed.extend(left)
        return edited

    body, body_format = impact.item.body, impact.item.body_format
    new_body = edit_body(body, body_format, rewrite)
    if missed or new_body == body or still_ruled_out(facts, new_body, body_format):
        shown = "; ".join(quoted(sentence) for sentence in missed)
        return None, (
            f"Flagged for review: {why}. No safe rewrite of this {noun}"
            + (f": {shown} also speaks of topics that keep the old rule." if shown else ".")
        )
    return new_body, (
        f"{why}. The edit says the customer can choose, with what the new option brings "
        f"({quoted(option.said)}), where the {noun} ruled it out for this topic, and keeps "
        "the other topics' words as they were; a writer should check that sentences "
        "referring back to it (\u201cthe same goes for …\u201d) still read right."
    )


def option_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an option added beside the old one on a topic."""
    option = added_option(facts)
    if option is None:
        return None
    return (
        f"the new agent now offers {option.phrase} as well as the old option ({option.old}) "
        f"for this topic and lets the customer choose; in the KB's voice: “{option.said}” A "
        "sentence saying we do only the old option for this topic (\u201crather than\u201d, "
        "\u201cnot\u201d the new one) says the customer can choose; sentences about other "
        "topics keep the old option alone, word for word"
    )
