"""A commitment the new version adds for one value of a category, where the agent used to
handle every value alike: "Then tell the customer our service team will get back to them as
soon as they can." became "Gold tier: book a call with `schedule_call` (…), then tell the
customer a specialist will call them back within 2 hours." beside the old handling kept for
the other values (`added_commitment`).

A KB sentence claiming the same handling whatever the value ("Whatever tier you're on, we get
back to you as soon as we can"; "Whichever tier you choose, you get the same support: …") is no
longer true for that value: the edit (`added_commitment_edit`) drops the claim (and a "the same
…:" lead), keeps the old handling for the rest, and says the exception once after its
paragraph ("The Gold tier is the exception: a specialist will call you back within 2 hours.");
a bare "No." answering whether the values differ, just before such a claim, goes. A comparison
table row giving every value the same old cell gets the new promise in the value's column;
other rows stay. A drafting model gets the same fact (`added_commitment_fact`) and its edit the
same check (`still_same_for_every_value`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.addedhandoff import claims_for_every_case, without_claim
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import cell_spans, told_clause
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    plain_text,
    rewrite_units,
    stem,
    still_saying,
    terms,
)

_SAME_LEAD = re.compile(r"^[^:;]*\bthe\s+same\b[^:;]*:\s*", re.I)
"""A lead saying every case gets the same thing, before what that thing is ("You get the same
support: …")."""
ADDED_COMMITMENT_REASON = "says every value gets the same; the new agent now promises more for"
_SHORT_ANSWER = re.compile(r"^(?:no|nope|not\s+really)[.!]?$", re.I)
"""A bare answer that the values do not differ."""


@dataclass(frozen=True)
class AddedCommitment:
    """A promise (with a tool of its own) added for one value of a category."""

    tool: str
    """The tool the new rule calls for the value (`schedule_call`)."""
    value: str
    """The value, in words, lower case ("gold")."""
    noun: str
    """What the category is ("tier"), from the condition's feature."""
    told: str
    """What the value's customers are now told, to them ("A specialist will call you back
    within 2 hours.")."""
    old: str
    """The rule the other values keep (the changed rule's old text)."""
    new: str
    """The changed rule's new text."""

    def named(self, text: str) -> str:
        """The value cased as `text` writes it, else capitalised ("Gold")."""
        found = re.search(rf"(?<!\w){re.escape(self.value)}(?!\w)", text, re.I)
        return found.group(0) if found is not None else self.value.capitalize()

    def exception(self, text: str) -> str:
        """ "For the Gold tier, a specialist will call you back within 2 hours." """
        told = self.told.rstrip(".")
        return f"For the {self.named(text)} {self.noun}, {told[:1].lower()}{told[1:]}."

    def split(self, said: str, text: str) -> str:
        """A claim for every value, its claim dropped (`said`), said for the value and then
        for the rest: "For the Gold tier, a specialist will call you back within 2 hours. For
        every other tier, we get back to you as soon as we can." """
        lead = said[:1].lower() if said[1:2].islower() else said[:1]
        return f"{self.exception(text)} For every other {self.noun}, {lead}{said[1:]}"


def added_commitment(facts: ChangeFacts) -> AddedCommitment | None:
    """The commitment a change adds for one value of a category (`AddedCommitment`): the
    condition names one value of one category (topic tags aside), the new actions add one tool
    that is no hand-off, and a changed rule that names the value calls it and then tells the
    customer something. None for any other change."""
    if not facts.restricted or facts.condition is None:
        return None
    atoms = [atom for atom in facts.condition.atoms if atom.op != "tag"]
    if len(atoms) != 1 or atoms[0].op not in ("=", "in"):
        return None
    raw = atoms[0].value if isinstance(atoms[0].value, tuple) else (atoms[0].value,)
    if len(raw) != 1 or not isinstance(raw[0], str) or not raw[0]:
        return None
    value = raw[0].replace("_", " ").lower()
    before = {action.name for action in facts.before_actions}
    new = [a for a in facts.after_actions if a.name not in before]
    if len(new) != 1 or new[0].is_escalation:
        return None
    tool = new[0].name
    for rule in facts.rules:
        if not rule.new or not rule.old or f"`{tool}`" not in rule.new:
            continue
        if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", rule.new, re.I) is None:
            continue
        told = told_clause(rule.new)
        if told is None:
            continue
        noun = atoms[0].feature.rsplit(".", 1)[-1].replace("_", " ").lower()
        return AddedCommitment(
            tool=tool, value=value, noun=noun, told=told, old=rule.old, new=rule.new
        )
    return None


def _without_claims(sentence: str) -> str | None:
    """`sentence` with its claim for every case and a "the same …:" lead dropped; None when it
    has no claim that can go alone."""
    said = without_claim(sentence)
    if said is None:
        return None
    lead = _SAME_LEAD.match(said)
    if lead is not None:
        said = said[lead.end() :]
    if len(said.split()) < 3 or re.search(r"\bthe\s+same\b", said, re.I):
        return None
    return said[:1].upper() + said[1:]


def _header_column(lines: Sequence[str], index: int, value: str) -> int | None:
    """The column of the table holding row `index` whose header names `value`."""
    start = index
    while start > 0 and lines[start - 1].lstrip().startswith("|"):
        start -= 1
    header = lines[start]
    for column, (a, b) in enumerate(cell_spans(header)):
        if header[a:b].strip().lower() == value:
            return column
    return None


def _same_old_row(added: AddedCommitment, raw: str) -> bool:
    """Whether a table row gives every value the same cell, and that cell says the old rule's
    handling (its words are all the old rule's) on the old rule's topic."""
    spans = cell_spans(raw)
    cells = [raw[a:b].strip() for a, b in spans[1:]]
    if len(cells) < 2 or len(set(cells)) != 1 or not cells[0] or set(cells[0]) <= set("-: "):
        return False
    words = [word for word in terms(cells[0]) if len(word) > 2]
    old = set(terms(added.old))
    # and the row is about what the old rule is about ("When we reply about a broken bike",
    # not "Helmet hire"): its label shares a word with the rule beyond the cell's
    label = {w for w in terms(raw[spans[0][0] : spans[0][1]]) if len(w) > 2} - set(words)
    return bool(words) and all(word in old for word in words) and bool(label & old)


def _with_row(added: AddedCommitment, body: str, body_format: str) -> str | None:
    """`body` with the value's cell of each row giving every value the old handling saying
    the new promise; None when there is none."""
    if body_format != "markdown":
        return None
    lines = body.split("\n")
    changed = False
    for index, line in enumerate(lines):
        if not line.lstrip().startswith("|") or not _same_old_row(added, line):
            continue
        column = _header_column(lines, index, added.value)
        spans = cell_spans(line)
        if column is None or column == 0 or column >= len(spans):
            continue
        a, b = spans[column]
        lines[index] = f"{line[:a]} {added.told.rstrip('.')} {line[b:]}"
        changed = True
    return "\n".join(lines) if changed else None


def _states_old_for_every_value(added: AddedCommitment, sentence: str) -> bool:
    """Whether `sentence` claims every case gets the same ("whatever …", "whichever …") and
    says the old rule's handling: three of its content words, one the new rule does not have.
    A heading or a table row claims nothing."""
    if sentence.lstrip().startswith(("#", "|")) or not claims_for_every_case(sentence):
        return False
    said = {stem(word) for word in terms(sentence)}
    old = {stem(word) for word in terms(added.old)}
    new = {stem(word) for word in terms(added.new)}
    return len(said & old) >= 3 and bool(said & (old - new))


def added_commitment_conflicts(
    facts: ChangeFacts, item_units: Sequence[Unit], found: list[Any], make: Callable[..., Any]
) -> list[Any]:
    """For a commitment added for one value (`added_commitment`): `found` with each table row
    giving every value the old handling in a table whose header names the value, and a bare
    "No." just before a conflicting claim for every case (`make` builds a conflict from index,
    text and reasons)."""
    added = added_commitment(facts)
    if added is None:
        return found
    reason = ADDED_COMMITMENT_REASON
    texts = [unit.text for unit in item_units]
    kept = list(found)
    taken = {conflict.unit_index for conflict in found}
    for index, text in enumerate(texts):
        if index not in taken and _states_old_for_every_value(added, text):
            kept.append(make(index, text, (f"{reason} the {added.value} {added.noun}",)))
            taken.add(index)
    claims = {c.unit_index for c in kept if claims_for_every_case(c.sentence)}
    for index, text in enumerate(texts):
        if index in taken:
            continue
        row = text.lstrip().startswith("|") and _same_old_row(added, text.strip())
        column = _header_column(texts, index, added.value) if row else None
        answer = index + 1 in claims and _SHORT_ANSWER.match(text.strip()) is not None
        if column or answer:
            kept.append(make(index, text, (f"{reason} the {added.value} {added.noun}",)))
    kept.sort(key=lambda conflict: conflict.unit_index)
    return kept


def added_commitment_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item claiming the old handling for every value where the change adds a
    commitment for one (`added_commitment`): each claim goes (a bare "No." before it too), the
    old handling stays for the rest, the exception is said once after the first claim's
    paragraph, and a row giving every value the old handling says the new promise in the
    value's column. Flagged when a claim cannot be dropped alone. None for any other change,
    or an item with no such claim or row."""
    added = added_commitment(facts)
    if added is None:
        return None
    claims = {c.sentence for c in impact.conflicts if claims_for_every_case(c.sentence)}
    body, body_format = impact.item.body, impact.item.body_format
    context = plain_text(body, body_format)
    with_row = _with_row(added, body, body_format)
    if not claims and with_row is None:
        return None
    written: list[str] = []
    unsaid: list[str] = []
    order: list[str] = []

    def read(unit: Unit) -> Keep:
        order.append(unit.text)
        return Keep.UNIT

    rewrite_units(with_row or body, body_format, read)
    # a bare "No." just before a claim that can be dropped: the unit's place, not its text
    answers = {
        place
        for place, text in enumerate(order[:-1])
        if _SHORT_ANSWER.match(text.strip())
        and order[place + 1] in claims
        and _without_claims(order[place + 1]) is not None
    }
    seen = [0]

    def rewrite(unit: Unit) -> str | Keep:
        place = seen[0]
        seen[0] += 1
        raw = unit.raw.rstrip()
        if place in answers:
            return ""
        if unit.text not in claims:
            return Keep.UNIT
        said = _without_claims(raw)
        if said is None:
            unsaid.append(unit.text)
            return Keep.UNIT
        written.append(" ".join(said.split()))
        return added.split(said, context) + unit.raw[len(raw) :]

    new_body = rewrite_units(with_row or body, body_format, rewrite) if claims else None
    noun = impact.item.kind
    case = f"the {added.named(context)} {added.noun}"
    if unsaid:
        return None, (
            f"No safe rewrite: the agent now makes a new commitment for {case} ({added.tool}) "
            f"and handles every other {added.noun} as before; this {noun} says every "
            f"{added.noun} gets the same in a sentence whose claim cannot be dropped alone: a "
            f"writer should say the rule and its exception for {case}."
        )
    if not (written and new_body is not None):
        new_body = with_row
    if new_body is None:
        return None
    return new_body, (
        f"The agent now makes a new commitment for {case} ({added.tool}): "
        f"“{added.exception(context)}” Every other {added.noun} is handled as before. This "
        f"{noun} said every {added.noun} gets the same: the edit drops that claim"
        + (" and the short answer before it" if answers else "")
        + (", says the new promise for it and the old way for every other one" if written else "")
        + (", gives the row's column for it the new promise" if with_row else "")
        + ", and keeps every other sentence as it is."
    )


def added_commitment_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a commitment added for one value (`added_commitment`):
    the same fact the template's edit rests on."""
    added = added_commitment(facts)
    if added is None:
        return None
    return (
        f"the agent now makes a new commitment for the {added.value} {added.noun} "
        f"({added.tool}): “{added.told}”; every other {added.noun} is handled as before; a "
        f"sentence saying every {added.noun} gets the same (“whatever …”, “whichever …, the "
        "same …”) drops that claim, keeps the old handling for the rest and says the exception "
        f"for {added.value} once; a bare “No.” to whether they differ goes; a table row giving "
        f"every {added.noun} the same old handling says the new promise in the {added.value} "
        "column"
    )


def still_same_for_every_value(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still claim every value gets the same where the
    change adds a commitment for one: a conflicting sentence kept, or one the edit wrote. What
    no drafter's edit may say."""
    if added_commitment(facts) is None:
        return []
    return still_saying(
        lambda unit: claims_for_every_case(unit.text) or _SAME_LEAD.match(unit.text.strip()),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
