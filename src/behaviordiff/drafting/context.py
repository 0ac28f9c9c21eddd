"""What a KB sentence is said under: the words around it that say what it is about.

A KB often states a rule in a sentence that does not name its topic: the answer of a Q&A under
its question ("**How much notice do you need?** At least a day before it starts."), a table row
under its header row ("| Promise | How long |"), a list item under the sentence it hangs from
("To join, please bring:" … "- A utility bill (the only proof of address we accept)"). Read
alone, such a sentence shares no word with the prompt rule it states; read with what it is said
under, it states that rule.

`said_under` reads every unit of an item once (linear: no walk back over a long list or table
for each of its items) into an `Under`: what the unit hangs from (`near`: its question, its
list's lead-in, its table's header row) and the heading of the section it is in (`heading`).
The context only adds evidence to what the unit itself states: the finders that read it still
ask the unit to state the old value or rule itself, and a section heading alone never puts a
sentence on a topic (`topic_evidence`): a sentence that shares no word with the rule, nor its
question or lead-in, is about something else whatever the section is called.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from behaviordiff.drafting.text import Unit

_MARKER = re.compile(r"^\s{0,8}(?:[-*+•]|\d{1,3}[.)])\s+\S")
"""A list item's marker and the start of its text."""
_ROW = re.compile(r"^\s*\|")
_RULE_ROW = re.compile(r"^[\s|:-]*$")
"""A table's separator row ("|---|---|")."""
_MAX_NEAR = 400
"""The most of a question, lead-in or header row read as what a unit is said under."""


@dataclass(frozen=True)
class Under:
    """What one unit is said under: `near`, the question it answers, the lead-in of the list
    it is an item of, or the header row of the table it is a body row of ("" when none), and
    `heading`, the text of the nearest heading above it without its "#" ("" when none)."""

    near: str = ""
    heading: str = ""

    def text(self) -> str:
        """The context as one text: what the unit hangs from, then its section's heading."""
        return " ".join(part for part in (self.near, self.heading) if part)


def _bare(text: str) -> str:
    return text.strip().lstrip("#").strip(" *_").strip()


def is_question(unit: Unit) -> bool:
    """Whether a unit asks what the next one answers: a heading or a sentence ending in "?"
    ("## Can I hire a kayak?", "**How long do I have?**")."""
    return _bare(unit.text).endswith("?")


def said_under(item_units: Sequence[Unit], text: str | None = None) -> list[Under]:
    """For each unit of an item (`item_units`, of its plain `text`), what it is said under
    (`Under`), in one pass. A question's answer is the unit right after it that is no
    heading, list item or table row; a list's lead-in is the sentence right before its first item
    when it ends in a colon ("Please bring:"; a heading right above a list is its `heading`,
    never its lead-in); a table's header row is its
    first row. With `text`, an answer more than a blank line below its question is none."""
    found: list[Under] = []
    heading = ""
    lead = ""
    header = ""
    for index, unit in enumerate(item_units):
        raw = unit.raw.lstrip()
        if raw.startswith("#"):
            heading = _bare(unit.text)[:_MAX_NEAR]
            found.append(Under("", ""))
            lead = header = ""
            continue
        before = item_units[index - 1] if index else None
        near = ""
        if _ROW.match(raw):
            if before is None or not _ROW.match(before.raw.lstrip()):
                header = unit.text[:_MAX_NEAR]
            elif not _RULE_ROW.match(unit.text):
                near = header
        elif _MARKER.match(unit.raw):
            starts = before is None or not _MARKER.match(before.raw)
            if starts:
                lead = ""
                if before is not None:
                    said = before.raw.rstrip()
                    # a heading over a list is its section's heading, no lead-in: it names
                    # the section's topic, not what each item is about
                    if said.endswith(":") and not said.lstrip().startswith("#"):
                        lead = _bare(before.text)[:_MAX_NEAR]
            near = lead
        elif before is not None and is_question(before) and not _ROW.match(before.raw.lstrip()):
            # only the answer right under the question borrows its words: the section's
            # other sentences say what they are about
            gap = text[before.end : unit.start] if text is not None else ""
            if gap.count("\n") <= 2:
                near = _bare(before.text)[:_MAX_NEAR]
        found.append(Under(near, heading if near != heading else ""))
    return found


def in_context(unit: Unit, under: Under) -> str:
    """A unit read with what it is said under: its context, then its own text."""
    said = under.text()
    return f"{said} {unit.text}" if said else unit.text


def topic_evidence(words: Collection[str], near_words: Collection[str]) -> bool:
    """Whether the words a rule is about (`words`, stems) reach a unit other than through its
    section heading: the unit itself or what it hangs from (`near_words`: the stems of the
    unit and of `Under.near`) names one. A heading alone never makes a sentence a conflict."""
    return bool(set(words) & set(near_words))


def near_units(under: Sequence[Under]) -> list[int]:
    """The indexes of the units said under a question, a lead-in or a header row."""
    return [index for index, said in enumerate(under) if said.near]
