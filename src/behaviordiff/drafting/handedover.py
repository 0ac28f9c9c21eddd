"""An action the agent used to take for the customer, now left to the customer with another way
("move it for them with `reschedule_appointment`" → "Patients now move appointments themselves
in the online portal. … send them the link with `send_manage_link` …").

The change drops a call the old agent made (the old way) and the old prompt sentence that named
it is rewritten into one that says the customer now does it themselves ("themselves", "on their
own", "self-service") and names no dropped call. The action's verbs come from those facts alone:
the dropped tool's name opens with one ("reschedule"), and the old sentence says the one it did
for them ("move it for them"). A KB sentence states the old way when it says, in its own voice,
that we do it: "we" (or "our team") before one of those verbs ("We have rescheduled your
booking", "we find a slot and move it into it for you"), or a list item that opens with the
verb's plain form ("- move a booking you already have to another day") in a list of what is
done for the customer. What is said of the result in the passive ("your reference stays the
same when a booking is moved"), the gerund naming the topic ("Moving a booking is free …"),
other things still done for the customer (another verb: "we cancel it for you") and anything
already saying the self-service way stay.

The edit says the new way in the old way's place, from the new prompt's sentences voiced for
the customer: the self-service sentence with "you" for the customer ("You can now move
appointments yourself in the online portal.") and, for a sentence or a numbered step, how they
get there ("When you ask to move an appointment, we send you the link, …"). A step keeps its
number, a list item its marker. Only for a change that reaches everyone on its topic (a
condition of topic tags alone): a change for some customers keeps the old way for the rest,
which no rewrite here can say.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.similarity import STOPWORDS
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.oldside import CUSTOMER_NOUNS, customer_voice
from behaviordiff.drafting.perchange import LastChange
from behaviordiff.drafting.promptrule import voiced, voicing_problems
from behaviordiff.drafting.text import (
    ITEM_LEAD,
    Unit,
    plain_text,
    rewrite_claims,
    units,
)

HANDED_OVER_REASON = "says we do for the customer what they now do themselves"
HANDED_STEP_REASON = "a step of the old way, where we did it for the customer"

_MAX = 4000
_PASSAGE_MAX = 1500
# the customer doing it themselves, as a prompt says it of them (not "yourself": a prompt
# addresses the agent, "do not move it yourself")
_THEMSELVES = re.compile(
    r"\b(?:themselves|himself|herself|on (?:their|his|her) own|self-serv(?:e|ice))\b", re.I
)
# a KB sentence already saying the customer does it
_OWN_WAY = re.compile(
    r"\b(?:yourself|yourselves|themselves|on your own|self-serv(?:e|ice)|online|link)\b", re.I
)
_TOOL_WORD = re.compile(r"[a-z]+")
_FOR_THEM = re.compile(
    r"\b([a-z]{3,})\s+(?:(?:it|them|this|that|one)\s+|(?:the|their|its|his|her)\s+[a-z]+\s+)?"
    r"(?:for\s+(?:them|the\s+[a-z]+)|on\s+(?:their|the\s+[a-z]+['’]s)\s+behalf)\b",
    re.I,
)
_FOR_YOU = re.compile(r"\b(?:for\s+you|on\s+your\s+behalf)\b", re.I)
_DETERMINER = r"(?:a|an|the|their|your|its|this|that|each|every|any)"
_NOT_VERBS = frozenset({"and", "but", "the", "one", "all", "any", "ask", "asks", "asked", "call"})
_WE = re.compile(r"\b(?:we|our\s+(?:team|staff|[a-z]+\s+team))\b|(?-i:\bI\b)", re.I)
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SUBJECT = re.compile(
    r"^(?:(?:the|our|all|every)\s+)?[A-Za-z]+(?:\s+(?!now\b)[a-z]+)?\s+(?P<now>now\s+)?"
    r"(?:(?:can|may|will|should|must)\s+)?$"
)
# a verb's forms after its root: "move", "moves", "moved", "moving"; never a longer word
_FORM = r"(?:e|es|s|ed|d|ing|[a-z](?:ed|ing))?\b"


_DENIAL_HEAD = re.compile(r"^(?:do not|don['’]t|never)\b[^:;]{1,200}[:;]\s+(?=\S)", re.I)


def _after_denial(part: str) -> list[str]:
    """A prompt sentence opening on a denial to the agent and going on after a colon ("Don't
    change addresses yourself: when a customer asks …, send them that link …") as its two
    pieces, the second said with a capital; else the sentence."""
    head = _DENIAL_HEAD.match(part)
    if head is None:
        return [part]
    rest = part[head.end() :]
    return [part[: head.end()].rstrip(), rest[:1].upper() + rest[1:]]


def _root(verb: str) -> str:
    return verb[:-1] if verb.endswith("e") and len(verb) > 3 else verb


@dataclass(frozen=True)
class HandedOver:
    """The dropped call, the verbs of its action and the new rule's words."""

    tool: str
    verbs: tuple[str, ...]
    passage: str

    @property
    def objects(self) -> tuple[str, ...]:
        """What the tool's name says it acts on ("appointment" of `reschedule_appointment`)."""
        return tuple(
            word
            for word in _TOOL_WORD.findall(self.tool.lower())
            if len(word) >= 4 and word not in self.verbs
        )

    @property
    def verb_pattern(self) -> re.Pattern[str]:
        roots = "|".join(re.escape(_root(verb)) for verb in self.verbs)
        return re.compile(rf"\b(?:{roots}){_FORM}", re.I)

    def sentences(self) -> tuple[str | None, str | None]:
        """The self-service sentence said to the customer, and how they get there (each None
        when the new prompt's words cannot be said so)."""
        verb = self.verb_pattern
        parts = [
            piece
            for part in _SENTENCE_END.split(" ".join(self.passage.split()))
            for piece in _after_denial(part)
        ]
        own = next((part for part in parts if _customer_does(part, verb)), None)
        said = _to_customer(own, verb) if own is not None else None
        rest = " ".join(
            part
            for part in parts
            if (part is not own or said is None)
            and not re.match(r"(?:do not|don't|never)\b", part, re.I)
        )
        how = voiced(rest) if rest else None
        how_said = how.sentence if how is not None else None
        if how_said is not None and re.search(r"`|\b[a-z]+_[a-z_]+\b", how_said):
            how_said = None  # the prompt's internals left in
        if how_said is not None and voicing_problems(rest, how_said):
            how_said = None  # "We send them there." names no one
        return said, how_said


_NOUN_FORMS = "|".join(
    f"{noun[:-1]}(?:y|ies)" if noun.endswith("y") else f"{noun}s?" for noun in CUSTOMER_NOUNS
)
_CUSTOMER_DEED = re.compile(
    rf"\b(?:{_NOUN_FORMS}|they)\s+(?:(?:can|could|may|now|will|then|still|also|just)\s+)"
    r"{0,3}(?P<verb>[a-z]{3,})\b[^.;:]{0,120}\b(?:themselves|on (?:their|his|her) own)\b",
    re.I,
)
"""The customer as the subject of a deed now theirs ("Customers now change the delivery address
… themselves")."""
_CUSTOMER_SUBJECT = re.compile(
    rf"\b(?:{_NOUN_FORMS}|they)\s+(?:(?:can|could|may|now|will|then|still|also|just)\s+)"
    r"{0,3}$",
    re.I,
)


_TOLD_TO = re.compile(
    r"\b(?:tell|ask|invite|show|help|let|get)\s+(?:them|him|her|the\s+[a-z]+)\s+(?:how\s+)?"
    r"to\s+(?P<verb>[a-z]{3,})\s+(?P<object>[a-z]+)",
    re.I,
)
"""The agent telling the customer to do it ("ask them to freeze it in the app"): "to" before
the verb ("ask them for their postcode", "help them with the app" tell no deed)."""
_TOLD_OBJECTS = frozenset({"it", "them", "this", "that"})
_DETERMINERS_TOLD = frozenset({"their", "the", "his", "her", "your", "a", "an"})
"""A told deed's object that stands for the action's own object ("… to change it there")."""
_SELF_PLACE = re.compile(
    r"\b(?:link|app|online|website|web\s+site|account|portal|page|url)\b|https?://", re.I
)
"""Where the customer does it now, named beside the agent telling them to ("… send them the app
link and ask them to freeze the card there")."""
_NOT_DEEDS = frozenset(
    re.findall(
        r"[a-z]+",
        "need needs have has are get gets must should know that the your their about what when "
        "where there here who how it wait call contact email phone send come try check keep",
    )
)


def _customer_verbs(text: str, objects: tuple[str, ...] = ()) -> list[str]:
    """The verbs the new prompt says the customer now does ("Customers now change …",
    "… and ask them to freeze it there"), bounded. A told deed counts only with "it" or the
    tool's own object (`objects`) as its object."""
    found: list[str] = []
    for match in _CUSTOMER_DEED.finditer(text[:_MAX]):
        found.append(match.group("verb").lower())
    if _THEMSELVES.search(text[:_MAX]) or _SELF_PLACE.search(text[:_MAX]):
        for match in _TOLD_TO.finditer(text[:_MAX]):
            thing = match.group("object").lower()
            if thing in _TOLD_OBJECTS or any(thing.startswith(word) for word in objects):
                found.append(match.group("verb").lower())
            elif thing in _DETERMINERS_TOLD:
                # "ask them to change their address": the word after the determiner
                rest = text[match.end() : match.end() + 40].split(maxsplit=1)
                if rest and any(rest[0].lower().startswith(word) for word in objects):
                    found.append(match.group("verb").lower())
    return [verb for verb in found if verb not in _NOT_DEEDS and verb not in STOPWORDS]


def _customer_does(text: str, verb: re.Pattern[str]) -> bool:
    """Whether a prompt sentence says the customer takes the action: "themselves", or the
    customer (or "they") as the verb's subject ("Members can now pause their plan", "… so they
    can rebook online")."""
    if _THEMSELVES.search(text) and verb.search(text):
        return True
    if _SELF_PLACE.search(text[:_MAX]) and any(
        verb.match(told.group("verb")) for told in _TOLD_TO.finditer(text[:_MAX])
    ):
        return True
    return any(
        _CUSTOMER_SUBJECT.search(text[max(0, found.start() - 60) : found.start()])
        for found in verb.finditer(text[:_MAX])
    )


def _to_customer(sentence: str, verb: re.Pattern[str]) -> str | None:
    """ "Patients now move appointments themselves in X." as "You can now move appointments
    yourself in X."; None when its subject is not a plain noun before the verb."""
    found = verb.search(sentence)
    if found is None:
        return None
    subject = _SUBJECT.match(sentence[: found.start()])
    if subject is None:
        return None
    rest = customer_voice(sentence[found.start() :])
    now = "now " if subject.group("now") else ""
    rest = rest.rstrip()
    if not rest.endswith((".", "!", "?")):
        rest += "."
    return f"You can {now}{rest}"


def _verbs(tool: str, old: str, new: str) -> tuple[str, ...]:
    words = _TOOL_WORD.findall(tool.lower())
    verbs: list[str] = []
    # the tool's name opens with its verb, unless the prompt says that word as a noun
    # ("an appointment" of `appointment_move`)
    if words and len(words[0]) >= 3:
        noun = re.compile(rf"\b{_DETERMINER}\s+{re.escape(words[0])}s?\b", re.I)
        if not noun.search(old[:_MAX]) and not noun.search(new[:_MAX]):
            verbs.append(words[0])
    for found in _FOR_THEM.finditer(old[:_MAX]):
        verb = found.group(1).lower()
        if verb not in _NOT_VERBS and verb not in verbs:
            verbs.append(verb)
    return tuple(verbs)


_HANDED: LastChange[HandedOver | None] = LastChange()


def handed_over(facts: ChangeFacts) -> HandedOver | None:
    """`read_handed_over`, read once per change (its rules, actions and condition as they
    are), not again for every KB sentence."""
    key = (
        tuple(facts.rules),
        tuple(facts.before_actions),
        tuple(facts.after_actions),
        facts.restricted,
        tuple(map(id, facts.conditions)),
    )
    return _HANDED.get(facts, key, lambda: read_handed_over(facts))


def read_handed_over(facts: ChangeFacts) -> HandedOver | None:
    """The action the customer now takes themselves where the agent took it for them, else
    None: a call the old agent made and the new does not, named by a rewritten prompt sentence
    whose new form says the customer does it themselves and names no such call; for a change
    for everyone on its topic."""
    condition = facts.condition
    if facts.restricted and (
        condition is None or any(atom.op != "tag" for atom in condition.atoms)
    ):
        return None
    after = {action.name for action in facts.after_actions}
    for action in facts.before_actions:
        if action.name in after or action.is_escalation:
            continue
        for rule in facts.rules:
            if rule.kind != "sentence_changed" or not rule.old or not rule.new:
                continue
            if action.name not in rule.old or action.name in rule.new:
                continue
            if len(rule.new) > _PASSAGE_MAX:
                continue
            verbs = _verbs(action.name, rule.old, rule.new)
            if not verbs:
                continue
            # the verb the new prompt says the customer now does, where the old one said
            # another ("Customers now change …" for `update_address`)
            verbs = verbs + tuple(
                verb
                for verb in dict.fromkeys(
                    _customer_verbs(rule.new, HandedOver(action.name, verbs, "").objects)
                )
                if verb not in verbs
            )
            if _customer_does(rule.old, HandedOver(action.name, verbs, "").verb_pattern):
                continue  # the customer did it already: another kind of change
            # the sentences of the same section that say the new way with a call the new
            # agent makes and the old did not ("send them the link with `send_link`")
            before = {other.name for other in facts.before_actions}
            gained = [name for name in after if name not in before]
            passage = [rule.new]
            for other in facts.rules:
                if (
                    other is not rule
                    and other.kind in ("sentence_changed", "sentence_added")
                    and other.section == rule.section
                    and other.new
                    and len(other.new) <= _PASSAGE_MAX
                    and any(name in other.new for name in gained)
                ):
                    passage.append(other.new)
            found = HandedOver(action.name, verbs, " ".join(passage))
            # the new way says the same action is theirs now ("… move appointments
            # themselves", "… so they can rebook online")
            if any(_customer_does(text, found.verb_pattern) for text in passage):
                return found
    return None


_OWN_TRIGGER = re.compile(
    r"\b(?:if|unless|when|whenever|once|in case|should)\b(?!\s+(?:you|you['’](?:d|re|ve))\b)"
    r"|\b(?:that|which|who)\s+(?:have|has|haven['’]t|hasn['’]t|are|aren['’]t|is|isn['’]t|was|"
    r"were|don['’]t|doesn['’]t|didn['’]t|can['’]t|cannot)\b|\b(?:automatically|routinely)\b",
    re.I,
)
_ASKED = re.compile(
    r"\b(?:ask|message|call|contact|email|tell|text|phone)\s+us\b|\b(?:just|simply)\s+ask\b|"
    r"\byou\s+(?:ask|request)\b|\blet\s+(?:us|our\s+(?:[a-z]+\s+)?team|the\s+team)\s+know\b"
    r"|\bget\s+in\s+touch\b",
    re.I,
)
# "we've moved your …", "I have rescheduled your …": a report of doing it for this customer
_REPORTED = re.compile(
    r"(?:['’]ve|\s+have)\s+(?:(?:now|just|also|already)\s+)?[a-z]+(?:ed|en)\s+(?:your|it)\b",
    re.I,
)


_CLAUSE_END = re.compile(r"\s[-–—]\s|[;:?!]|\.(?:\s|$)")
"""Where a clause ends: an ask after it ("… - let us know if that doesn't suit") is no ask
for the deed before it."""
_YOURS = re.compile(r"\b(?:you|your|you['’](?:re|ve|d))\b", re.I)


def _asked_on_occasion(sentence: str, verb: re.Pattern[str]) -> bool:
    """Whether a sentence with a trigger of its own is still the deed done on the customer's
    asking: the ask and our deed in one clause ("just ask us and we'll change it for you"),
    and every trigger the customer's occasion ("Whenever your address changes"), not one of
    ours ("If the road is closed, we'll move your delivery - let us know if …"); bounded."""
    text = sentence[:_MAX]
    start = 0
    one_clause = False
    for end in [*(m.start() for m in _CLAUSE_END.finditer(text)), len(text)]:
        clause = text[start:end]
        start = end + 1
        if _ASKED.search(clause) and any(
            verb.search(clause, we.end(), we.end() + 80) for we in _WE.finditer(clause)
        ):
            one_clause = True
            break
    if not one_clause:
        return False
    for trigger in _OWN_TRIGGER.finditer(text):
        occasion = re.split(r"[,;:]", text[trigger.end() : trigger.end() + 120], maxsplit=1)[0]
        if not _YOURS.search(occasion):
            return False
    return True


_DENIED_BEFORE = re.compile(r"\b(?:nothing|no\s+need|not|never|without)\b|n['’]t\b", re.I)
"""A denial a few words before the self-service way ("there's nothing to update yourself",
"no need to go online"): the sentence denies that way, it does not say it."""


def says_own_way(sentence: str) -> bool:
    """Whether `sentence` says the customer does it themselves ("You can update it online"),
    not that they need not ("…, so there's nothing to update yourself"); bounded."""
    for found in _OWN_WAY.finditer(sentence[:_MAX]):
        if not _DENIED_BEFORE.search(sentence[max(0, found.start() - 40) : found.start()]):
            return True
    return False


def does_for_customer(handed: HandedOver, sentence: str) -> bool:
    """Whether a KB sentence says we take the action for the customer."""
    if len(sentence) > _MAX or sentence.lstrip().startswith(("#", "|")):
        return False
    if says_own_way(sentence):
        return False
    verb = handed.verb_pattern
    # a deed of ours for them: said "for you", or naming what the tool acts on (a generic
    # verb alone, "we'll move you to the list", "- change a parcel's size", is another deed)
    if not _FOR_YOU.search(sentence) and not any(
        re.search(rf"\b{re.escape(word)}", sentence, re.I) for word in handed.objects
    ):
        return False
    lead = ITEM_LEAD.match(sentence)
    if lead is not None:
        opening = sentence[lead.end() :]
        first = verb.match(opening)
        # a list item of what is done for them, opening with the verb's plain form
        if first is not None and first.group(0).lower() in handed.verbs:
            return True
    # the old way is done when the customer asks: a sentence doing it on a trigger of its own
    # ("If the road is closed we move your delivery", "We cancel bookings that haven't been
    # paid for") is a rule we keep, and one not said as done for them may be another deed
    # ("Whenever your address changes, just ask us and we'll change it for you" is done on
    # the customer's asking: the occasion is theirs)
    if _OWN_TRIGGER.search(sentence) and not _asked_on_occasion(sentence, verb):
        return False
    asked = _FOR_YOU.search(sentence) or _ASKED.search(sentence)
    for we in _WE.finditer(sentence):
        # the verb within a few words of "we" (bounded: each "we" reads 80 characters)
        for found in verb.finditer(sentence, we.end(), we.end() + 80):
            if _PASSIVE_BEFORE.search(sentence[max(0, found.start() - 12) : found.start()]):
                continue
            if asked or _REPORTED.match(sentence, we.end()):
                return True
    return False


_PRO_DEED = re.compile(
    r"\b(?:do|sort|handle|arrange|take\s+care\s+of)\s+(?:it|this|that|them|everything|all\s+that)"
    r"(?:\s+out)?\s+for\s+you\b",
    re.I,
)
"""A deed of ours said with a pro-verb ("We'll do it for you:", "we'll sort it out for you"):
what it is, only the heading above it says."""
_PRO_DEED_ASKED = re.compile(
    r"\b(?:do|sort|handle|arrange|take\s+care\s+of)\s+(?:it|this|that|them|everything)"
    r"(?:\s+out)?\s*[.:!]?$",
    re.I,
)
"""The same deed closing a sentence that asks the customer to ask us ("Just message us and
we'll sort it.")."""
_BARE = re.compile(r"^\d{1,3}[.)]$")
_US = re.compile(r"\b(?:we|us|our)\b|(?-i:\bI\b)|\b(?:we|I)['’](?:ll|ve|d|m)\b", re.I)
_CONTACT_STEP = re.compile(
    r"^(?:just\s+|simply\s+)?(?:reply|message|call|phone|ring|e-?mail|write|contact|chat)\b"
    r"|^(?:just\s+)?get\s+in\s+touch\b",
    re.I,
)
"""A step that contacts us ("Reply to this email with …", "Call the surgery")."""
_MAX_STEPS = 12
_OUR_DEED = re.compile(
    r"^(?:we|our\s+(?:[a-z]+\s+)?(?:team|staff|agents?)|the\s+(?:[a-z]+\s+)?team)\b", re.I
)
"""A step whose subject is us: a deed of ours, the withdrawn one or another."""
_CONFIRMS = re.compile(r"\bconfirm", re.I)
"""A deed of ours confirming the request: the withdrawn procedure's last step."""
"""List items read after a lead-in: a longer list is no procedure of one action."""


def _names_object(handed: HandedOver, text: str) -> bool:
    """Whether a heading or title names what the dropped call acts on ("Changing your delivery
    address" of `update_address`)."""
    return any(re.search(rf"\b{re.escape(word)}", text[:_MAX], re.I) for word in handed.objects)


def _names_object_root(handed: HandedOver, text: str) -> bool:
    """Whether `text` names what the tool acts on by its root ("book" of "booking")."""
    roots = {re.sub(r"(?:ing|ment|s)$", "", word) for word in handed.objects}
    return any(
        len(root) >= 4 and re.search(rf"\b{re.escape(root)}", text[:_MAX], re.I) for root in roots
    )


def _names_action(handed: HandedOver, text: str) -> bool:
    """Whether `text` names the action: a verb of it and what the tool acts on."""
    return bool(handed.verb_pattern.search(text[:_MAX])) and _names_object(handed, text)


def _list_item(item_units: list[Unit], index: int) -> bool:
    unit = item_units[index]
    return bool(ITEM_LEAD.match(unit.raw.lstrip("\n"))) or bool(
        index and _BARE.match(item_units[index - 1].text)
    )


def _steps_after(item_units: list[Unit], index: int) -> list[int]:
    """The list items right after the lead-in `index` (bare numbers skipped), up to the first
    unit that is none; empty past `_MAX_STEPS`."""
    found: list[int] = []
    at = index + 1
    while at < len(item_units):
        unit = item_units[at]
        if _BARE.match(unit.text):
            at += 1
            continue
        if unit.text.startswith(("#", "|")) or not _list_item(item_units, at):
            break
        found.append(at)
        if len(found) > _MAX_STEPS:
            return []  # bounded: a long list is read no further
        at += 1
    return found if len(found) <= _MAX_STEPS else []


def handed_section_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    title: str,
    found: list[Any],
    conflict: Callable[..., Any],
) -> list[Any]:
    """`found` and, for an action now the customer's own (`handed_over`), what else states the
    old way: a deed of ours said with a pro-verb ("We'll do it for you:") under a heading (or
    in an item titled) naming what the dropped call acts on, and, after a lead-in of ours that
    ends in a colon, the list items of that procedure that speak of us ("1. Message us in the
    chat …", "3. We'll update your subscription …"). A step saying what the customer does
    alone, and every other list, stays."""
    handed = handed_over(facts)
    if handed is None or not item_units:
        return found
    marked = {c.unit_index for c in found if HANDED_OVER_REASON in c.reasons}
    taken = {c.unit_index for c in found}
    added: list[Any] = []
    heading = title
    for index, unit in enumerate(item_units[:2000]):
        text = unit.text
        if text.startswith("#"):
            heading = text  # the nearest heading above what follows, read in one pass
        if index in taken or text.startswith(("#", "|")) or _list_item(item_units, index):
            continue
        if len(text) > _MAX or says_own_way(text):
            continue
        if not _PRO_DEED.search(text) and not (
            _PRO_DEED_ASKED.search(text) and _ASKED.search(text)
        ):
            continue
        if not _WE.search(text) or _OWN_TRIGGER.search(text):
            continue
        if not _PRO_DEED.search(text) and not (
            _names_action(handed, heading) or _names_action(handed, text)
        ):
            # a deed closing on an ask ("let us know and we'll sort it out") is the action
            # only where the heading or the sentence names it, verb and object
            continue
        if _names_object(handed, heading):
            added.append(conflict(index, text, (HANDED_OVER_REASON,)))
            marked.add(index)
            taken.add(index)
    for index in sorted(marked):
        if not item_units[index].raw.rstrip().endswith(":"):
            continue
        for step in _steps_after(item_units, index):
            text = item_units[step].text
            said = ITEM_LEAD.sub("", text, count=1)
            if step in taken or says_own_way(text):
                continue
            if not _US.search(text) and not _CONTACT_STEP.match(said):
                continue
            if _OUR_DEED.match(said) and not (
                handed.verb_pattern.search(said)
                or _names_object_root(handed, said)
                or _CONFIRMS.search(said)
            ):
                # a deed of ours that is not the withdrawn one nor its confirmation ("4. Our
                # team will refund any class you'd already booked") stays true
                continue
            before = step - 1
            if before >= 0 and before not in taken and _BARE.match(item_units[before].text):
                # its bare number ("1.") goes with it, marked so the kept-text check knows
                added.append(conflict(before, item_units[before].text, (HANDED_STEP_REASON,)))
                taken.add(before)
            added.append(conflict(step, text, (HANDED_STEP_REASON,)))
            taken.add(step)
    if not added:
        return found
    return sorted([*found, *added], key=lambda c: c.unit_index)


_WE_DO = re.compile(r"^When [^,]{1,200}, we (?P<deed>[a-z][^,.;]{2,120})[,.]")


def _listed(item: str, how: str | None, own: str) -> str:
    """A list item of what is done for the customer, said as what we do now so that they do it
    themselves; the self-service sentence when the new prompt's way says no deed of ours."""
    item = item.strip().rstrip(".;")
    deed = _WE_DO.match(how) if how else None
    if deed is None or not item or not item[0].islower():
        return own
    return f"{deed.group('deed')} so you can {item} yourself"


_YOU_DO = re.compile(r"\byou\s+(?:can|could|may|will|just)\b|\byourself\b", re.I)
_OURS = re.compile(
    r"\b(?:we|us|our)\b|\b(?:it|they|he|she)\s+(?:can|will|also)\b|(?-i:\bI\b)", re.I
)


def ours_to_do(lead: str | None) -> bool:
    """Whether a list's lead-in introduces what is done for the customer ("Our assistant …
    It can:", "Message us and we'll sort it:"), not what they do ("In the app you can:")."""
    if lead is None or _YOU_DO.search(lead) or _OWN_WAY.search(lead):
        return False
    return bool(_OURS.search(lead))


def handed_over_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """Each sentence saying we do it for the customer says the new way; None when the change
    is of another kind or the item says no such thing."""
    handed = handed_over(facts)
    if handed is None:
        return None
    acting = {c.sentence for c in impact.conflicts if HANDED_OVER_REASON in c.reasons}
    if not acting:
        return None
    steps = {
        c.sentence
        for c in impact.conflicts
        if HANDED_STEP_REASON in c.reasons and c.sentence not in acting
    }
    # which occurrence of a text each conflict is (the same words may say another request's
    # lead-in, "We'll do it for you:" under another heading): read in the units' order
    ordinal: dict[int, int] = {}
    seen: dict[str, int] = {}
    for index, unit in enumerate(impact.units):
        ordinal[index] = seen.get(unit.text, 0)
        seen[unit.text] = ordinal[index] + 1
    marked_at = {
        (c.sentence, ordinal.get(getattr(c, "unit_index", -1), 0))
        for c in impact.conflicts
        if HANDED_OVER_REASON in c.reasons or HANDED_STEP_REASON in c.reasons
    }
    met: dict[str, int] = {}
    own, how = handed.sentences()
    if own is None:
        own, how = how, None  # the new way said only in how they get there
    flagged = (
        None,
        "Flagged for review: the sentences saying we do it for the customer stay; the new "
        "prompt's way could not be said in the KB's voice.",
    )
    if own is None:
        return flagged
    target = next((unit.text for unit in impact.units if unit.text in acting), None)
    if target is None:
        return flagged

    def rewrite(raw: str) -> str | None:
        text = Unit(0, 0, raw).text
        at = met.get(text, 0)
        met[text] = at + 1
        if (text, at) not in marked_at:
            return raw
        if text in steps:
            # a step of the old procedure ("1. Message us in the chat"): the new way, said
            # in its lead-in's place, has no such step
            return ""
        if text not in acting:
            return raw
        lead = ITEM_LEAD.match(raw)
        if lead is not None and not _WE.search(text):
            # an item of a list of what is done for them ("- move a booking you have"): what
            # we do now, so that they can do it themselves ("- send you the link so you can
            # move a booking you have yourself"), or the self-service way alone
            return lead.group(0) + _listed(ITEM_LEAD.sub("", text, count=1), how, own)
        if text != target:
            # another sentence saying we did it may say more the customer needs ("… and
            # moved your follow-up to the same day"): a writer's to weigh
            return raw
        said = f"{own} {how}" if how else own
        return (lead.group(0) if lead else "") + said

    def around(_text: str, text_units: list[Unit], index: int, changes: dict[int, str]) -> None:
        # a dropped step's bare number ("1." of "1. Message us …") goes with it
        if changes.get(index) == "" and index and _BARE.match(text_units[index - 1].text):
            changes[index - 1] = ""

    new_body = rewrite_claims(
        impact.item.body, impact.item.body_format, acting | steps, rewrite, around
    )
    if new_body is None or new_body == impact.item.body:
        return flagged
    found = "; ".join(f"\u201c{' '.join(text.split())}\u201d" for text in sorted(acting))
    return new_body, (
        f"The agent no longer does it for the customer (`{handed.tool}`): the new prompt says "
        f"\u201c{' '.join(handed.passage.split())}\u201d. This {impact.item.kind} still says we "
        f"do it: {found}. The edit says the new way in its place and keeps everything else."
    )


def still_handed(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still say we do it for the customer."""
    handed = handed_over(facts)
    if handed is None:
        return []
    return [
        unit.text
        for unit in units(plain_text(body, body_format))
        if does_for_customer(handed, unit.text)
    ]


def handed_over_fact(facts: ChangeFacts) -> str | None:
    """The action as a drafting model is told it: what to say where the KB says we do it."""
    handed = handed_over(facts)
    if handed is None:
        return None
    own, how = handed.sentences()
    said = " ".join(part for part in (own, how) if part)
    return (
        f"the agent no longer does it for the customer ({handed.tool}): customers now do it "
        "themselves another way; text saying we do it for them says the new way instead"
        + (f" (\u201c{said}\u201d)" if said else "")
        + "; what is said of the result, and other things we still do for them, stay as they are"
    )
