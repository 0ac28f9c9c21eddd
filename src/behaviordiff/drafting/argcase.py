"""KB text about one argument of an action the new version sets otherwise for the one case
a true/false flag names (`is_member = true` now books `seat "front"`, was `"standard"`): the
new prompt sentence says the case and what it now gets ("If `lookup` shows the customer is
a member (member: true), book with seat "front": we seat them in the front row."), while
the KB states the old handling as the rule for everyone, in words of exclusivity ("We only
seat guests in the standard rows.", "Every seat is a standard seat.") or says the new
handling never happens ("We never seat anyone in the front row.").

Pure text helpers: the impact search marks such sentences, and the template drafter gives
each the case as its exception, from the new prompt's words, in the KB's voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import without_universal
from behaviordiff.drafting.text import terms

_ASIDE = re.compile(r"\s*\([^()]*\)")
_LEAD = re.compile(r"^(?:if|when|whenever|where|once)\s+", re.I)
# "`check_address` shows (that) …": how the agent learns the case is not the customer's business
_TOOL_SAYS = re.compile(
    r"^(?:the\s+)?`[^`]+`(?:\s+(?:tool|result|lookup))?\s+"
    r"(?:shows|says|returns|reports|confirms|finds)(?:\s+that)?\s+",
    re.I,
)
_FIRST_CLAUSE = re.compile(r",?\s+and\s+(?=(?:the|you|they|we|he|she|it)\b)|;\s*|,\s+")
_PHRASE_END = re.compile(r"\s+(?:and|or|but|then)\s+|[,;:]\s*", re.I)
_EXCLUSIVE = re.compile(
    r"\b(?:only|never|every|everyone|everything|all|always|whatever|regardless|no matter)\b",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:don't|don’t|do not|doesn't|doesn’t|does not|never|won't|won’t|will not|can't|"
    r"can’t|cannot|not able|unable)\b",
    re.I,
)


@dataclass(frozen=True)
class ArgCase:
    """The case a changed argument is limited to by a true/false flag, as the new prompt
    says it."""

    words: frozenset[str]
    """Stems of the flag's name the case sentence uses ("member")."""
    old_words: frozenset[str]
    """Stems of the argument's old value ("standard")."""
    new_words: frozenset[str]
    """Stems of what the case now gets, from the new value on ("front", "row")."""
    case: str
    """The case as a clause ("the customer is a member")."""
    statement: str
    """What the case now gets, in the new prompt's words ("we seat them in the front row")."""
    rule: str
    """The new prompt sentence both come from."""


def changed_argument(facts: ChangeFacts) -> tuple[str, str] | None:
    """(old value, new value) of the one argument of one action the change sets otherwise,
    the action itself kept; None for any other change."""
    if not facts.before_actions or not facts.after_actions:
        return None
    before = {action.name: action for action in facts.before_actions}
    after = {action.name: action for action in facts.after_actions}
    if set(before) != set(after):
        return None
    changed = [
        (dict(before[name].arguments).get(key), value)
        for name in after
        for key, value in after[name].arguments
        if dict(before[name].arguments).get(key) not in (None, value)
    ]
    if len(changed) != 1:
        return None
    old, new = changed[0]
    return (old, new) if old is not None else None


def arg_case(facts: ChangeFacts) -> ArgCase | None:
    """The case of a change that sets one argument of a kept action otherwise under a
    condition on one true flag, from the new prompt sentence naming the new value; None
    when the sentence does not say the case and what it gets in words a KB can take."""
    condition = facts.condition
    flags = [
        atom
        for atom in (condition.atoms if condition else ())
        if atom.op == "=" and atom.value is True
    ]
    if len(flags) != 1 or not facts.restricted:
        return None
    values = changed_argument(facts)
    if values is None:
        return None
    old, new = values
    if re.search(r"\d", old + new) or facts.moves:
        # an amount or a time moved has its own edits (the number rewritten where stated)
        return None
    new_words, old_words = set(terms(new)), set(terms(old))
    if not new_words or not old_words or new_words & old_words:
        return None
    # the flag's own name, not the tool's ("premium" of `lookup_order.premium`)
    field = flags[0].feature.rsplit(".", 1)[-1]
    flag_words = set(terms(re.sub(r"[\W_]+", " ", field)))
    value = re.compile(rf"(?<![\w]){re.escape(new)}(?![\w])", re.I)
    for rule in facts.rules:
        if not rule.kind.startswith("sentence") or not rule.new or not value.search(rule.new):
            continue
        text = _ASIDE.sub("", " ".join(rule.new.split()))
        text = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)[0].rstrip(".!")
        head, sep, body = text.partition(": ")
        if not sep or not _LEAD.match(head):
            continue
        case = _TOOL_SAYS.sub("", _LEAD.sub("", head).split(", ")[0]).strip()
        statement = _FIRST_CLAUSE.split(body.strip(), maxsplit=1)[0].strip()
        words = flag_words & set(terms(case))
        if not words or "`" in case + statement or '"' in case + statement:
            return None
        # the new value's phrase: "into the room of your choice", not what else is done
        phrase = next(
            (part for part in _PHRASE_END.split(statement) if new_words & set(terms(part))),
            None,
        )
        if phrase is None:
            return None
        said = terms(phrase)
        at = next(i for i, word in enumerate(said) if word in new_words)
        return ArgCase(
            frozenset(words),
            frozenset(old_words),
            frozenset(said[at:]),
            case,
            statement,
            rule.new,
        )
    return None


def claims_old_for_all(case: ArgCase, sentence: str) -> bool:
    """Whether a KB sentence states the old handling as the rule for everyone ("We only
    seat guests in the standard rows.") or says what the case now gets never happens ("We
    never seat anyone in the front row."), without naming the case: it is wrong for the
    case now."""
    if sentence.lstrip().startswith(("#", "|")):
        return False
    said = set(terms(sentence))
    if case.words & said:
        return False
    if case.old_words & said and _EXCLUSIVE.search(sentence):
        return True
    negation = _NEGATION.search(sentence)
    return negation is not None and bool(case.new_words & set(terms(sentence[negation.end() :])))


def with_arg_exception(raw: str, case: ArgCase) -> str:
    """A sentence stating the old handling for everyone, with the case as its exception and
    what it gets then: "We only seat guests in the standard rows, except when the customer
    is a member: then we seat them in the front row." Words that claim it for every case go
    ("whatever the reason", "for every guest")."""
    body = re.sub(r",(\s*),", r",\1", without_universal(raw.rstrip()))
    tail = raw[len(raw.rstrip()) :]
    body = body.rstrip(".!,;: ")
    return f"{body}, except when {case.case}: then {case.statement}.{tail}"
