"""A note's title for one word argument of the same tool swapped (`set_delivery`
service=express → service=standard): what the customer now gets against what they got, in
the prompt's words for the values ("Express delivery no longer offered for … (standard
delivery instead)"), never "Now sets a delivery (standard) instead of set delivery".

The template drafter titles such a change with `swap_title`; a drafting model is given the
same fact (`swap_fact`) and its title is checked for tool words (`plaintitle.tool_in_title`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.toolwords import name_words, object_words
from behaviordiff.drafting.valuewords import said_value, value_words


@dataclass(frozen=True)
class WordSwap:
    """The one word argument the same call now takes another value of."""

    thing: str
    """What the call gives, in words ("delivery" of `set_delivery`)."""
    old: str
    new: str
    """The old and new values as the prompt writes them ("express", "standard")."""

    def got(self, value: str) -> str:
        """ "express delivery"; "standard delivery" for a value that already names it."""
        if set(self.thing.split()) <= set(value_words(value)):
            return value
        return f"{value} {self.thing}"


def _word(value: str) -> bool:
    text = value.strip().strip("'\"")
    return (
        bool(text)
        and text.lower() not in ("true", "false", "none", "null")
        and bool(re.fullmatch(r"[A-Za-z][A-Za-z _-]*", text))
    )


def word_swap(facts: ChangeFacts) -> WordSwap | None:
    """The swap when the change's one old call and one new call are the same tool with the
    same arguments but one word value; None for any other change (a number moved, another
    tool, a hand-off re-routed)."""
    if facts.moved or len(facts.before_actions) != 1 or len(facts.after_actions) != 1:
        return None
    before, after = facts.before_actions[0], facts.after_actions[0]
    if before.is_escalation or after.is_escalation or before.name != after.name:
        return None
    old_args, new_args = dict(before.arguments), dict(after.arguments)
    if set(old_args) != set(new_args):
        return None
    changed = [key for key in old_args if old_args[key] != new_args[key]]
    if len(changed) != 1:
        return None
    old, new = str(old_args[changed[0]]), str(new_args[changed[0]])
    if not (_word(old) and _word(new)):
        return None
    thing = object_words(before.name)
    if not thing or thing == " ".join(name_words(before.name)):
        return None  # a name with no verb to drop: no thing the customer gets
    prompt = facts.prompt_sentences()
    return WordSwap(thing, said_value(old, prompt), said_value(new, prompt))


def _withdrawn(facts: ChangeFacts) -> bool:
    """Some of the change's conversations asking for the old value are now refused."""
    return any(s.facet == "refusal" and s.direction == "added" for s in facts.shifts)


def swap_title(facts: ChangeFacts, when: str) -> str | None:
    """ "Express delivery no longer offered for … (standard delivery instead)" where requests
    for the old value are now refused, else "Bulky collection now inside instead of kerbside
    for …" (an upgrade is no withdrawal); None for any other change."""
    swap = word_swap(facts)
    if swap is None:
        return None
    if _withdrawn(facts):
        old = swap.got(swap.old)
        return f"{old[:1].upper()}{old[1:]} no longer offered{when} ({swap.got(swap.new)} instead)"
    thing = swap.thing
    return f"{thing[:1].upper()}{thing[1:]} now {swap.new} instead of {swap.old}{when}"


def swap_fact(facts: ChangeFacts) -> str | None:
    """The swap as a drafting model is told it: "customers now get standard delivery instead
    of express delivery"; None for any other change."""
    swap = word_swap(facts)
    if swap is None:
        return None
    return f"customers now get {swap.got(swap.new)} instead of {swap.got(swap.old)}"


def swap_title_problems(facts: ChangeFacts, title: str) -> list[str]:
    """A drafting model's title for a swapped word argument that does not say both what the
    customer now gets and what they got ("standard", "express")."""
    swap = word_swap(facts)
    if swap is None:
        return []
    said = title.lower()
    missing = [value for value in (swap.new, swap.old) if value.lower() not in said]
    tool = " ".join(name_words(facts.after_actions[0].name))
    problems = []
    if missing:
        problems.append(
            f"the title does not say {' or '.join(missing)}: title the change by what the "
            f"customer now gets against what they got ({swap_title(facts, '')})"
        )
    if re.search(rf"\b{re.escape(tool)}\b", said):
        # the tool's name turned into words is still its name ("instead of set delivery")
        problems.append(
            f"the title names the tool ({tool}): title the change by what the customer now "
            "gets, never a tool or field name"
        )
    return problems
