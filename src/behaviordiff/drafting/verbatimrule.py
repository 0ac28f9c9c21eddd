"""A KB sentence that is the old prompt sentence word for word, given the new one.

Helpdesk macros are often written from the prompt itself: "A party booking is 2 hours of face
painting for up to 20 children and costs £130, whatever day of the week the party is on." is
the old prompt's sentence, copied. When the change rewrote that sentence ("… and costs
£130." followed by the added "Parties on a Saturday or a Sunday cost £15 more: £145."), the
surest edit says what the new prompt says in its place: the rewritten sentence and the
sentences the change added right after it in its section. Only where the new words are
statements a customer may read (no tool, no instruction to the agent, no "the customer"), and
only in an item whose every conflict is such a copy; any other item is left to the class
rules and the writer.

A last resort of the template drafter (`verbatim_rule_edit`), after the class rules found no
text; its edit goes through the same checks as every other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from behaviordiff.drafting.oldside import CUSTOMER_NOUNS
from behaviordiff.drafting.rules import declarative
from behaviordiff.drafting.text import (
    IMPERATIVE_VERBS,
    INSTRUCTION_VERBS,
    Keep,
    Unit,
    rewrite_units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule
    from behaviordiff.drafting.impactview import ImpactView

_AGENT_WORDS = re.compile(
    r"`|\b(?:the customer|the caller|the agent|them|they|their)\b|\{\{"
    # the customer as the prompt names them ("Patients can book …", "swimmers under 65"):
    # a KB speaks to them
    rf"|\b(?:{'|'.join(CUSTOMER_NOUNS)}|swimmer|person|people)s?\b",
    re.I,
)
_MAX_SENTENCES = 4


def _flat(text: str) -> str:
    return " ".join(text.split()).rstrip(" .!").lower()


def _following(facts: ChangeFacts, rule: Rule) -> list[str]:
    """The rule's new sentence and the change's added sentences right after it in its
    section of the new prompt."""
    new = " ".join(str(rule.new).split())
    section = facts.prompt_sections.get(rule.section or "", [])
    flat = [" ".join(sentence.split()) for sentence in section]
    if new not in flat:
        return [new]
    added = {" ".join(str(r.new).split()) for r in facts.rules if r.kind == "sentence_added"}
    found = [new]
    for sentence in flat[flat.index(new) + 1 :]:
        if sentence not in added:
            break
        found.append(sentence)
    return found


def _readable(sentences: Sequence[str]) -> bool:
    """Whether each sentence is a statement a customer may read as it is."""
    for sentence in sentences:
        first = sentence.split(" ", 1)[0].lower()
        if _AGENT_WORDS.search(sentence) or first in IMPERATIVE_VERBS | INSTRUCTION_VERBS:
            return False
        if not declarative(sentence) and not re.match(r"^(?:[A-Z][a-z]+\s){1,4}", sentence):
            return False
    return len(sentences) <= _MAX_SENTENCES


def copied_rules(facts: ChangeFacts) -> dict[str, list[str]]:
    """The old prompt sentences the change rewrote, by their flattened words, each with what
    the new prompt says in its place, when that is for a customer to read."""
    found: dict[str, list[str]] = {}
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        said = _following(facts, rule)
        if _readable(said):
            found[_flat(rule.old)] = said
    return found


def verbatim_rule_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """Each conflicting sentence that is an old prompt sentence word for word, with the new
    prompt's sentences in its place; every other byte kept. None unless every conflict of the
    item is such a copy."""
    copies = copied_rules(facts)
    if not copies or not impact.conflicts:
        return None
    marked = {conflict.sentence for conflict in impact.conflicts}
    if any(_flat(sentence) not in copies for sentence in marked):
        return None
    written: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in marked:
            return Keep.UNIT
        if _flat(unit.raw) != _flat(unit.text):
            # markup or a list marker around the words ("up to **3 tools**"): a writer's
            return Keep.BLOCK
        said = copies[_flat(unit.text)]
        written.append(unit.text)
        end = unit.raw[len(unit.raw.rstrip()) :]
        return " ".join(said) + end

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None or new_body == impact.item.body:
        return None
    noun = impact.item.kind
    return new_body, (
        f"This {noun} copies the old prompt's words: "
        + "; ".join(f"“{text}”" for text in written)
        + ". The new prompt says "
        + "; ".join(f"“{' '.join(copies[_flat(text)])}”" for text in written)
        + f" in their place, and the edit says that in the {noun}; everything else is kept."
    )
