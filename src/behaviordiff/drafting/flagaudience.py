"""Whom a yes/no flag of a change's condition picks out, in words a KB can take: a value moved
for the customers a tool result flags (`lookup_member.verified = true`) is said "for members
with a verified account" or "for verified members", never "for True".

Pure text helpers: `rules.scope_of` names the case with them, and `facts.atom_words` says a
flag that is a state ("verified", "approved") as one, not as a thing customers have.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from behaviordiff.drafting.text import terms

if TYPE_CHECKING:
    from behaviordiff.detect.model import Atom, Condition


class RuleMove(Protocol):
    """What is read of a `rules.RuleMove` (this module sits below `rules`)."""

    @property
    def old_sentence(self) -> str: ...
    @property
    def new_sentence(self) -> str: ...
    @property
    def old(self) -> str: ...
    @property
    def new(self) -> str: ...
    @property
    def kind(self) -> str: ...


class ChangeFacts(Protocol):
    """What is read of a `facts.ChangeFacts` (this module sits below `facts`)."""

    @property
    def conditions(self) -> Sequence[Condition]: ...
    @property
    def restricted(self) -> bool: ...
    @property
    def moves(self) -> Sequence[RuleMove]: ...


_CODE_ASIDE = re.compile(r"\s*\([^()]*`[^()]*\)|`[^`]*`")
_SUBJECT = re.compile(
    r"^(?P<who>[A-Za-z][^,;:.()]*?)\s+(?=(?:can|cannot|can't|may|will|get|gets|have|has|are|"
    r"is|pay|pays|receive|receives|keep|keeps|qualify|qualifies|now|also|only|always)\b)",
    re.I,
)
_FLAG_PREFIX = re.compile(r"^(?:is|has|was|are|have)_", re.I)
_LOOKUP_VERB = re.compile(
    r"^(?:lookup|look_up|get|fetch|check|find|read|load|verify|query|search)_", re.I
)
_STATE = re.compile(
    r"^(?:[a-z]{3,}(?<!e)ed|frozen|broken|chosen|taken|given|hidden|stolen|forbidden|proven)$",
    re.I,
)
"""A flag's name that is a state the thing is in ("verified", "approved", "frozen")."""
_MAX_WORDS = 8


def flag_atom(conditions: Sequence[Condition]) -> Atom | None:
    """The one yes/no atom of the change's first condition (`verified = true`), else None."""
    atoms = conditions[0].atoms if conditions else ()
    flags = [atom for atom in atoms if atom.op == "=" and isinstance(atom.value, bool)]
    return flags[0] if len(flags) == 1 else None


def flag_name(feature: str) -> str:
    """The flag's own words: "lookup_member.is_verified" → "verified"."""
    field = feature.rsplit(".", 1)[-1]
    return _FLAG_PREFIX.sub("", field).replace("_", " ").strip()


def flag_object(feature: str) -> str:
    """The thing a tool result's flag is about, from the tool's name: "lookup_member.verified"
    → "member"; "" for a variable that is not read from a tool."""
    if "." not in feature:
        return ""
    tool = feature.rsplit(".", 1)[0].rsplit(".", 1)[-1]
    if not _LOOKUP_VERB.match(tool):
        return ""
    rest = _LOOKUP_VERB.sub("", tool).replace("_", " ").strip()
    return rest if rest and len(rest.split()) == 1 else ""


def is_state(feature: str) -> bool:
    """Whether the flag names a state the thing is in ("verified"), not something it has
    ("access plan")."""
    name = flag_name(feature)
    return " " not in name and bool(_STATE.match(name))


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def flag_audience(feature: str, value: bool, new_sentence: str) -> str | None:
    """Whom the flag picks out, as a noun phrase: for a true state flag of a looked-up thing,
    the state before the thing (`lookup_member.verified` → "verified members"), else the
    subject of the new prompt sentence where it names the flag ("Customers with a loyalty card
    (`has_card: true`) get …" → "customers with a loyalty card"). None when neither says it:
    a writer says whom."""
    flag = set(terms(flag_name(feature)))
    if not flag:
        return None
    thing = flag_object(feature)
    if value and thing and is_state(feature):
        return f"{flag_name(feature)} {_plural(thing)}"
    text = _CODE_ASIDE.sub("", " ".join(new_sentence.split())).strip()
    found = _SUBJECT.match(text)
    if found is not None:
        who = found.group("who").strip()
        words = who.split()
        if len(words) <= _MAX_WORDS and flag & set(terms(who)) and words[0].lower() != "if":
            return who[:1].lower() + who[1:] if not who[:2].isupper() else who
    return None


def names_flag(feature: str, sentence: str) -> bool:
    """Whether a sentence names the flag by its own word ("verified")."""
    return bool(set(terms(flag_name(feature))) & set(terms(sentence)))


def state_words(feature: str, value: bool) -> str | None:
    """A state flag as a condition's qualifier: "where the member is verified", "where the
    order is not approved"; None for a flag that is not a state of a looked-up thing."""
    thing = flag_object(feature)
    if not thing or not is_state(feature):
        return None
    return f"where the {thing} is {'' if value else 'not '}{flag_name(feature)}"


def unworded_flag(move: RuleMove, sentence: str, conditions: Sequence[Condition]) -> bool:
    """Whether a moved value holds only where the condition's flag says (`limited_by_flag`),
    the KB sentence does not name the flag, and no words say whom it picks out
    (`flag_audience`): the new value would read as everyone's, so a writer says whom."""
    atom = flag_atom(conditions)
    if atom is None or not isinstance(atom.value, bool) or not limited_by_flag(atom, move):
        return False
    if names_flag(atom.feature, sentence):
        return False
    return flag_audience(atom.feature, atom.value, move.new_sentence) is None


def limited_by_flag(atom: Atom, move: RuleMove) -> bool:
    """Whether a moved value's new prompt sentence says whom by the flag, before the value,
    where the old sentence did not name it ("Members with a verified account can hold up to
    6" for "A member can hold up to 4"): the new value is the flag's case's alone."""
    if names_flag(atom.feature, move.old_sentence):
        return False
    found = re.search(rf"(?<![\w.]){re.escape(move.new)}(?![\w])", move.new_sentence)
    return found is not None and names_flag(atom.feature, move.new_sentence[: found.start()])


def flag_fact(facts: ChangeFacts) -> str | None:
    """For a drafting model: a value the change moved for the case a yes/no flag picks out,
    and whom to say it is for (`flag_audience`), as the template's edits say it."""
    atom = flag_atom(facts.conditions)
    if not facts.restricted or atom is None or not isinstance(atom.value, bool):
        return None
    for move in facts.moves:
        if move.kind != "value" or not limited_by_flag(atom, move):
            continue
        who = flag_audience(atom.feature, atom.value, move.new_sentence)
        said = (
            f"say it is for {who}" if who else "no words say whom: leave the sentence for a writer"
        )
        return (
            f"{move.old} → {move.new} only where the yes/no flag `{atom.feature}` is "
            f"{str(atom.value).lower()}: {said}, never with the flag's value (“true”, “false”); "
            f"everyone else keeps {move.old}"
        )
    return None


_RAW_FLAG = re.compile(r"\b(?:true|false)\b", re.I)


def flag_value_problems(facts: ChangeFacts, body: str, added: Sequence[str]) -> list[str]:
    """Added KB text that names a yes/no flag's case by its value ("6 for True"), which the
    item itself never says: a customer reads whom it is for, not a tool's field."""
    if flag_atom(facts.conditions) is None or _RAW_FLAG.search(body):
        return []
    return [
        f"“{unit}” says “{found.group(0)}”, a tool field's value: say whom it is for in the "
        "item's words"
        for unit in added
        if (found := _RAW_FLAG.search(unit))
    ]
