"""An action replaced by another for one case of a change's condition ("varifocal lenses: book
a fitting check first with `book_check`; single-vision lenses: order the remake with
`order_remake`"): which cases the new prompt keeps on the old action, which KB text promises
the old action for the changed case, and the new handling in a KB's voice.

Pure text helpers: `impact` leaves the kept cases' sentences alone and marks the changed
case's promises of the old action; the template drafter rewrites them with `step_phrase`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from behaviordiff.detect.facts import sentences
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import rule_parts
from behaviordiff.drafting.subsets import changed_cases, list_item, names_case
from behaviordiff.drafting.text import stem, terms

_COORDINATOR = re.compile(r",\s+(?:and|or)\s+|\s+(?:and|or)\s+|,\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _head_cases(head: str) -> list[set[str]]:
    """The cases a rule's head names, each as the stems of its words: "Single-vision and
    bifocal lenses" → [{single, vision}, {bifocal}]. The noun after the last conjunct is what
    every conjunct is a kind of ("lenses"), not what tells them apart."""
    parts = [part.split() for part in _COORDINATOR.split(head.strip()) if part.split()]
    if len(parts) > 1 and len(parts[-1]) > 1 and all(len(part) == 1 for part in parts[:-1]):
        parts[-1] = parts[-1][:-1]
    return [words for part in parts if (words := set(terms(" ".join(part))))]


def kept_cases(facts: ChangeFacts) -> list[set[str]]:
    """The cases an attributed prompt rule names in its head while still telling the agent to
    take an action the change's conversations no longer get ("Single-vision and bifocal
    lenses: order the remake with `order_remake` …"), when the head names none of the cases
    the change is limited to: those customers keep the old handling."""
    changed = changed_cases(facts)
    if not changed or not facts.restricted:
        return []
    old_tools = {f"`{action.name}`" for action in facts.before_actions}
    found: list[set[str]] = []
    for rule in facts.rules:
        if not rule.kind.startswith("sentence") or not rule.new:
            continue
        if not any(tool in rule.new for tool in old_tools):
            continue
        parts = rule_parts(rule.new)
        if parts is None or "`" in parts[0] or names_case(changed, parts[0]):
            continue
        found += [case for case in _head_cases(parts[0]) if case not in found]
    return found


_TOOL_USE = re.compile(
    r"(,?)\s+(?:with|using|via|through|by calling)\s+(?:the\s+)?`[^`]+`(?:\s+tool)?(,?)"
)
_USE_TO = re.compile(r"^(?:use|call)\s+(?:the\s+)?`[^`]+`(?:\s+tool)?\s+to\s+", re.I)
_ADDRESSEE = (
    (re.compile(r"\bthe (?:customer|caller|user|client|member|guest|patient)'s\b"), "your"),
    (re.compile(r"\bthe (?:customer|caller|user|client|member|guest|patient)\b"), "you"),
    (re.compile(r"\bthem\b"), "you"),
    (re.compile(r"\btheir\b"), "your"),
)
_NO_VERB = frozenset(
    {"we", "you", "they", "the", "a", "an", "it", "if", "when", "for", "do", "don't", "never"}
)
_MAX_WORDS = 25


def step_phrase(rule: str, tool: str) -> str | None:
    """What a prompt sentence tells the agent to do with `tool`, as the verb phrase "we" takes
    in a KB, addressed to the customer: "Book a fitting check with an optician first, using
    `book_check`, and give them its day and time." → "book a fitting check with an optician
    first, and give you its day and time". The tool call is left out; None when the sentence
    naming the tool is no instruction (no verb first), or keeps code or other tools."""
    text = " ".join(rule.split())
    sentence = next((s for s in _SENTENCE_END.split(text) if f"`{tool}`" in s), None)
    if sentence is None:
        return None
    head, sep, body = sentence.partition(": ")
    if sep and "`" not in head and body[:1].isalpha():
        sentence = body
    sentence = _USE_TO.sub("", sentence)
    sentence = _TOOL_USE.sub(lambda found: found.group(2), sentence)
    phrase = sentence.strip().rstrip(".!;:, ")
    words = phrase.split()
    if not words or "`" in phrase or len(words) > _MAX_WORDS:
        return None
    first = words[0].lower()
    if not first.isalpha() or first in _NO_VERB or words[0][1:] != words[0][1:].lower():
        return None
    phrase = first + phrase[len(words[0]) :]
    for pattern, replacement in _ADDRESSEE:
        phrase = pattern.sub(replacement, phrase)
    return phrase


def case_step(facts: ChangeFacts) -> tuple[str, str] | None:
    """(the prompt sentence, the new handling as a verb phrase (`step_phrase`)) of the first
    attributed prompt sentence naming a tool the change's conversations now call and did not
    before, a hand-off aside."""
    before = {action.name for action in facts.before_actions}
    # a hand-off to a person is no step the KB says "we" take (see `impact` for hand-offs)
    tools = [
        action.name
        for action in facts.after_actions
        if action.name not in before and not action.is_escalation
    ]
    for rule in facts.rules:
        if not rule.kind.startswith("sentence") or not rule.new:
            continue
        for tool in tools:
            if f"`{tool}`" in rule.new and (phrase := step_phrase(rule.new, tool)):
                return rule.new, phrase
    return None


_WE_DO = re.compile(
    r"\b(?:we|I)(?:'ll|’ll|'ve|’ve|\s+will|\s+can|\s+would|\s+have)?\s+(?:[a-z]+ly\s+)?([a-z]+)",
    re.I,
)


def _same_stem(word: str, other: str) -> bool:
    """ "arranged" and "arrange", "remakes" and "remake": one verb, whatever `stem` left of
    its final "e"."""
    return stem(word).rstrip("e") == stem(other).rstrip("e")


def promises_action(name: str, sentence: str) -> bool:
    """Whether a sentence says "we" (or the rep, "I") take the action of the tool `name`, with
    a verb its name is made of ("we'll remake them" for `order_remake`, "I've arranged it" for
    `arrange_exchange`, "we refund you" for `issue_refund`)."""
    words = [word for word in name.lower().split("_") if len(word) > 3]
    said = [found.group(1).lower() for found in _WE_DO.finditer(sentence)]
    return any(_same_stem(verb, word) for verb in said for word in words)


def names_only_kept(kept: Sequence[set[str]], changed: Sequence[set[str]], text: str) -> bool:
    """Whether `text` names a kept case and no changed case."""
    return names_case(kept, text) and not names_case(changed, text)


_LABEL = re.compile(r"^(?P<label>(?:\*\*[^*\n]{1,60}:\*\*|__[^_\n]{1,60}:__|[^:\n]{1,40}:))\s+")


def labelled_item(raw: str) -> tuple[str, str] | None:
    """(the marker and label, the text after them) of a list item that labels what it says
    ("- **Varifocal lenses:** we remake them …"), else None."""
    item = list_item(raw)
    if item is None:
        return None
    label = _LABEL.match(item.group("text"))
    if label is None:
        return None
    cut = item.start("text") + label.end()
    return raw[:cut], raw[cut:]


_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
_REFERENCE = re.compile(
    r"\b(?:for|on|with|of|about)\s+(?:your\s+|the\s+)?(?:[A-Za-z]+\s+){0,2}?"
    r"(?:\{\{.*?\}\}|\{%.*?%\})"
)


def reference(sentence: str) -> str | None:
    """The phrase of a sentence that carries all its placeholders ("for order
    {{ticket.order_ref}}"), which a rewrite of the sentence must keep; None when the sentence
    has none or they are not in one such phrase."""
    held = _PLACEHOLDER.findall(sentence)
    found = _REFERENCE.search(sentence)
    if not held or found is None or _PLACEHOLDER.findall(found.group(0)) != held:
        return None
    return found.group(0)


_LEAD_BREAK = re.compile(r",\s+(?:so|and|but)\s+|\s+(?:and|so)\s+(?=we\b|we'll|we’ll)")


def kept_lead(sentence: str, name: str) -> str | None:
    """The clause a sentence says before the one in which "we" take the action of tool `name`
    ("Because you collected them recently, our promise covers you and we'll remake them" →
    "Because you collected them recently, our promise covers you"), else None."""
    for found in _LEAD_BREAK.finditer(sentence):
        lead, rest = sentence[: found.start()], sentence[found.end() :]
        if promises_action(name, rest) and not promises_action(name, lead):
            return lead.rstrip(" ,")
    return None


_DONE = re.compile(r"\b(?:I|we)(?:'ve|’ve|\s+have)\s+(?:just\s+|already\s+|now\s+)?([a-z]+)", re.I)


def claims_done(facts: ChangeFacts, old_body: str, new_body: str) -> list[str]:
    """For a change that replaces an action with a step of its own for one case of its
    condition (`case_step`), the sentences a macro's edit adds that say the step is already
    taken ("I've booked your fitting check", for `book_check`): the step's day and time come
    from the tool when the agent books it, which a macro written beforehand cannot know, so
    it says what we will do, as the template's rewrite does
    (`TemplateDrafter._edit_case_step`)."""
    if not facts.restricted or not changed_cases(facts) or case_step(facts) is None:
        return []
    before = {action.name for action in facts.before_actions}
    words = [
        word
        for action in facts.after_actions
        if action.name not in before
        for word in action.name.lower().split("_")
        if len(word) > 3
    ]
    said = []
    for sentence in sentences(new_body):
        if sentence in old_body:
            continue
        verbs = [found.group(1) for found in _DONE.finditer(sentence)]
        if any(_same_stem(verb, word) for verb in verbs for word in words):
            said.append(sentence)
    return said
