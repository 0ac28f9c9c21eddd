"""The steps a new prompt says right after one of a change's rule sentences ("If they come to
more than £150, we need photos before we refund." then "Ask for a photo of the box labels, and
tell the customer we refund within 3 working days of getting them."): the rest of a process
the rule starts, which an edit adding that rule to a KB item says too
(`scopedneed.ScopedNeed.process`). Pure text, below `facts`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_REACH = 2
"""How many sentences after a rule are read as its steps."""
_STEP = re.compile(r"^(?:then\s+)?(?:ask|tell|let|send|email)\b", re.I)
"""A sentence going on with the agent's steps for the customer, not a rule of its own."""


def next_steps(rules: Sequence[Any], sections: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """By each changed or added rule's new sentence: the sentences right after it in its
    section of the new prompt (`sections`) that go on with its steps (`_STEP`), up to the
    first that does not, and none that is itself one of the rules."""
    said = {" ".join(rule.new.split()) for rule in rules if rule.new}
    found: dict[str, list[str]] = {}
    for rule in rules:
        if not rule.kind.startswith("sentence") or not rule.new or not rule.section:
            continue
        lines = [" ".join(line.split()) for line in sections.get(rule.section, ())]
        flat = " ".join(rule.new.split())
        if flat not in lines:
            continue
        at = lines.index(flat)
        steps = []
        for sentence in lines[at + 1 : at + 1 + _REACH]:
            if sentence in said or not _STEP.match(sentence):
                break
            steps.append(sentence)
        if steps:
            found[rule.new] = steps
    return found
