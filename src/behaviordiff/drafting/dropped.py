"""A requirement the new prompt drops for a case ("If they have not sent one, ask them to reply
with a photo of the damage first" → "There is no need to ask for a photo"): what the old
prompt asked the customer for before acting, which KB sentences still ask for it or hold the
action back until it comes, and those sentences said the new way.

Pure text helpers: `impact` marks the sentences (`asks_for`, `wait_clause`); the template
drafter deletes the asks and rewrites the waits (`without_wait`, `now_statement`). The reverse
of a requirement the new prompt adds (`rules.requirement`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from behaviordiff.drafting.casestep import promises_action, step_phrase
from behaviordiff.drafting.rules import (
    condition_requirement,
    head_noun,
    no_need_before,
    restated_rule,
)
from behaviordiff.drafting.subsets import list_item_text
from behaviordiff.drafting.text import Unit, replace_units, terms, units

# what a prompt says to ask the customer for: "ask them to reply with a photo of it first",
# "ask the customer to send their receipt", "request proof of purchase", "ask for the serial"
_PROMPT_ASK = re.compile(
    r"\b(?:ask|request)(?:s|ed)?\s+"
    r"(?:(?:them|him|her|the\s+(?:customer|caller|user|client|member|guest|patient|tenant|"
    r"student|passenger|rider)s?)\s+)?"
    r"(?:to\s+(?:(?:reply|respond|write\s+back|come\s+back)\s+with|(?:send|provide|upload|"
    r"attach|show|share|give|submit|include|email)(?:\s+(?:us|you))?)|for)\s+"
    r"(?P<what>[^.;:,()]+)",
    re.I,
)
# what a prompt says is needed: "a reprint needs a photo of the misprint", "requires the receipt"
_PROMPT_NEEDS = re.compile(
    r"\b(?:needs?|requires?|must\s+(?:send|provide|show|upload|give)(?:\s+us)?)\s+"
    r"(?:(?:them|the\s+\w+)\s+to\s+(?:send|provide|upload|show|give|attach)\s+(?:us\s+)?)?"
    r"(?P<what>(?:a|an|the|their|your|his|her|some)\s+[^.;:,()]+)",
    re.I,
)
# what a KB sentence asks the customer for: "please send us a photo of the misprint",
# "could you reply with a copy of …", "you'll need to upload …", "Attach a photo …"
_ASK_VERB = (
    r"(?:(?:reply|respond|write\s+back|get\s+back\s+to\s+us)\s+with|send|attach|upload|provide|"
    r"share|email|include|submit|show\s+us|take)"
)
_KB_ASK = re.compile(
    r"(?:\b(?:please|kindly|just)\s+|\b(?:can|could|would)\s+you\s+(?:please\s+)?|"
    r"\byou(?:'ll|’ll|\s+will)?\s+need\s+to\s+|\bwe(?:'ll|’ll|\s+will)?\s+need\s+you\s+to\s+|"
    r"\bwe\s+ask\s+(?:that\s+)?you\s+(?:to\s+)?|^(?:(?:first|then|next),?\s+)?)"
    + _ASK_VERB
    + r"\s+(?:us\s+|in\s+)?(?P<what>[^.;:!?]+)"
    r"|\bwe(?:'ll|’ll|\s+will)?\s+need\s+(?P<needed>(?:a|an|the|some|your)\s+[^.;:!?]+)",
    re.I,
)
_TRAILING = re.compile(r"\s+(?:first|beforehand|before\b.*|by\b.*|so\b.*|to\s+us\b.*)$", re.I)
_WAIT_LEAD = re.compile(
    r"^(?P<clause>(?:as soon as|once|after|when|whenever)\b[^,]{1,120}),\s+(?P<rest>\S.*)$",
    re.I | re.S,
)
_WAIT_TAIL = re.compile(
    r"^(?P<rest>.+?),?\s+(?P<clause>(?:as soon as|once|after|when)\b[^,;.!?]{1,120})"
    r"(?P<end>[.!?]*)$",
    re.I | re.S,
)
_PRONOUN = re.compile(r"\b(?:it|this|that|they|them|one)\b", re.I)
_AT_ONCE = re.compile(
    r"\b(?:straight away|right away|at once|immediately|there and then|on the spot|"
    r"without waiting)\b",
    re.I,
)


@dataclass(frozen=True)
class Dropped:
    """Something the old prompt asked the customer for before acting that the new one no
    longer asks for."""

    rule: Any
    """The drafting.facts.Rule whose old version asked for it."""
    what: str
    """What was asked for, in the prompt's words ("a photo of the misprint")."""
    noun: str
    """Its head noun, stemmed ("photo")."""


def singular(word: str) -> str:
    """A word with a plural "s" taken off ("photos" -> "photo"); short words kept."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def stems(text: str) -> set[str]:
    """The words of `text` (`terms`), each singular: what two texts compare by."""
    return {singular(word) for word in terms(text)}


def _asked(text: str, pattern: re.Pattern[str]) -> list[str]:
    """What `text` asks for (`pattern`'s `what`), where no "no need" phrase of the same clause
    comes before the ask ("There is no need to ask for a photo")."""
    found = []
    for match in pattern.finditer(text):
        if no_need_before(text[: match.start()]):
            continue
        what = match.groupdict().get("what") or match.groupdict().get("needed") or ""
        what = _TRAILING.sub("", what.strip()).strip()
        if what:
            found.append(what)
    return found


def _prompt_asks(text: str) -> list[str]:
    """What a prompt sentence asks the customer for or says is needed, not negated."""
    flat = " ".join(text.split())
    return _asked(flat, _PROMPT_ASK) + _asked(flat, _PROMPT_NEEDS)


def dropped_requirement(rules: Sequence[Any]) -> Dropped | None:
    """The first attributed prompt sentence whose old version asked the customer for something
    ("ask them to reply with a photo of the misprint first") that its new version, removed or
    changed, no longer asks for, nor does any other attributed sentence; else a part of a
    changed rule's condition the old version asked the customer to give ("and sends a photo
    of them") that the new version dropped."""
    still = {head_noun(what) for rule in rules if rule.new for what in _prompt_asks(rule.new)}
    for rule in rules:
        if not rule.kind.startswith("sentence") or not rule.old:
            continue
        for what in _prompt_asks(rule.old):
            noun = head_noun(what)
            if noun and noun not in still:
                return _dropped(rule, what, noun)
    swapped = [replace(rule, old=rule.new, new=rule.old) for rule in rules if rule.old and rule.new]
    found = condition_requirement(swapped)
    if found is None:
        return None
    original = next(rule for rule in rules if rule.old == found.rule.new)
    noun = head_noun(found.what)
    return _dropped(original, found.what, noun) if noun else None


def _dropped(rule: Any, what: str, noun: str) -> Dropped:
    return Dropped(rule, what, singular(noun))


def asks_for(dropped: Dropped, sentence: str) -> bool:
    """Whether a KB sentence asks the customer for what was dropped ("Please send us a photo
    of the misprint", "Could you reply with a photo?", "You'll need your member number to book
    one"): a request with its head noun."""
    return any(dropped.noun in stems(what) for what in _asked(sentence, _KB_ASK)) or (
        _need_said(dropped, sentence) is not None
    )


# a KB sentence saying the customer needs the thing: "you'll need your member number", "you
# need a copy of …", "you must give us your …", "we'll need your …" (`_KB_ASK` reads the
# "we'll need" form as an ask too; this one says it the other way: "we don't need …")
_YOU_NEED = re.compile(
    r"\b(?P<who>you|we)(?P<aux>'ll|’ll|\s+will)?\s+(?:(?P<need>need)|must\s+(?P<verb>"
    r"give|show|provide|send|bring|quote)(?:\s+us)?)\s+"
    r"(?P<what>(?:a|an|the|some|your|their)\s+[^.;:!?]{1,200})",
    re.I,
)
_ASKING = re.compile(r"\b(?:do|does|did|will|would|can|could|should|shall)\s+$", re.I)
_PURPOSE = re.compile(r"\s+(?:to|for|when|whenever|if|before|so)\b.*$", re.I | re.S)
_LISTED = re.compile(
    r"^(?P<what>(?:(?:a|an|the|your|their)\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,5}?)"
    r"(?P<scope>(?:,|\s+-|\s+–)?\s+(?:if|when|whenever|for|to)\b.*)?$",
    re.I | re.S,
)


def _need_said(dropped: Dropped, sentence: str) -> re.Match[str] | None:
    """The first "you('ll) need X" / "you must give us X" of `sentence` whose X (its purpose
    clause aside) has what was dropped as its head, no "no need" or "not" before it."""
    if sentence.rstrip().endswith("?"):
        return None  # a question ("Why do you need a deposit?") states no need
    for found in _YOU_NEED.finditer(sentence):
        if no_need_before(sentence[: found.start()]) or _ASKING.search(sentence[: found.start()]):
            continue
        what = _PURPOSE.sub("", found.group("what"))
        if dropped.noun in stems(what):
            return found
    return None


def listed_need(dropped: Dropped, item: str) -> str | None:
    """A list item that is only what was dropped, maybe with its case ("Your member number, if
    you're booking a guest pass", a what-to-have-ready list): its case clause ("" when it has
    none), else None."""
    found = _LISTED.match(item.strip())
    if found is None or dropped.noun not in stems(found.group("what")):
        return None
    return (found.group("scope") or "").strip(" ,-–")


def unneeded(dropped: Dropped, sentence: str) -> str | None:
    """A sentence saying the customer needs what was dropped, said the other way: "Whenever you
    book one, you'll need your member number: we check it before the pass is issued." →
    "Whenever you book one, you don't need your member number."; "you must give us X" → "you
    don't need to give us X". A clause after a colon or semicolon that speaks of it (a pronoun
    for it, its noun, a check or wait) goes with the need. None when the sentence says no such
    need."""
    found = _need_said(dropped, sentence)
    if found is None:
        return None
    who = found.group("who")
    verb = found.group("verb")
    said = f"{who} don’t need" if "’" in sentence else f"{who} don't need"
    if verb:
        said += f" to {verb}" + (
            " us" if re.search(r"\bus\s*$", sentence[: found.start("what")]) else ""
        )
    head = sentence[: found.start()] + said + " "
    rest = sentence[found.start("what") :]
    # no leading "\s*" in the pattern: it would restart at every space of a long run
    cut = re.search(r"[:;]\s+(?P<tail>[^.!?]*)", rest)
    if cut is not None:
        tail = cut.group("tail")
        if _PRONOUN.search(tail) or dropped.noun in stems(tail) or _CHECKED.search(tail):
            end = rest[len(rest.rstrip()) :]
            stop = rest.rstrip()[-1:] if rest.rstrip()[-1:] in ".!?" else "."
            rest = rest[: cut.start()].rstrip() + stop + end
    return head + rest


_CHECKED = re.compile(r"\b(?:check|verif|confirm|before|until|once)\w*", re.I)

_LEAD_IN = re.compile(r"^\s*(?P<who>[^:,;.!?`()]{3,80}?)\s*[:,]\s+\S")
_NOT_WHOM = re.compile(
    r"\b(?:no|not|without|never|need\w*|requir\w*|if|when|whenever|unless|once|after|before|"
    r"please|ask|check|book|issue|send|tell|call|use|do|don['’]t)\b",
    re.I,
)
_SCOPED_NOTE = re.compile(r"\(not needed for [^()]{1,120}\)", re.I)


def whom_dropped_for(dropped: Dropped) -> str | None:
    """Whom the new prompt drops the requirement for, when its new sentence opens with them
    ("Day members: sign them in straight away …" → "day members"); None when it opens with
    anything else (an instruction, "No card is needed: …", a condition clause)."""
    found = _LEAD_IN.match(dropped.rule.new or "")
    if found is None:
        return None
    who = re.sub(r"^for\s+", "", found.group("who").strip(), flags=re.I)
    if not who or len(who.split()) > 8 or _NOT_WHOM.search(who) or dropped.noun in stems(who):
        return None
    # "Day members" → "day members"; an acronym or a name ("VIP guests") keeps its capital
    return who[:1].lower() + who[1:] if who[1:2].islower() else who


def scoped_note(whom: str) -> str:
    """What a KB sentence keeping the requirement says about those it is dropped for."""
    return f" (not needed for {whom})"


def says_scoped(sentence: str) -> bool:
    """Whether a sentence already says whom the requirement is not needed for
    (`scoped_note`)."""
    return _SCOPED_NOTE.search(sentence) is not None


def _with_note(raw: str, whom: str) -> str:
    """`raw` with `scoped_note` before its closing stop: "You'll need your card to book a
    court." → "You'll need your card to book a court (not needed for day members)." """
    body = raw.rstrip()
    trailing = raw[len(body) :]
    stop = body[len(body.rstrip(".!?")) :]
    return body[: len(body) - len(stop)] + scoped_note(whom) + stop + trailing


def wait_clause(
    dropped: Dropped, tool: str, sentence: str, asked_before: bool
) -> re.Match[str] | None:
    """The match of a KB sentence that says "we" take the action of `tool` only once what was
    dropped has come ("As soon as it comes through, we'll order a free reprint", "Once we've
    seen the photo, we order a reprint"): a leading or trailing "once/as soon as/after/when"
    clause naming it, or a pronoun for it when the item asked for it before (`asked_before`).
    Its groups: `clause` (the wait), `rest` (the action), `end` for a trailing clause."""
    for pattern in (_WAIT_LEAD, _WAIT_TAIL):
        found = pattern.match(sentence.strip())
        if found is None:
            continue
        clause = found.group("clause")
        named = dropped.noun in stems(clause) or (asked_before and _PRONOUN.search(clause))
        if named and promises_action(tool, found.group("rest")):
            return found
    return None


def at_once(rule_text: str) -> str:
    """The words the new prompt says the action is taken at once with ("straight away"), or
    "" when it says none."""
    found = _AT_ONCE.search(rule_text)
    return found.group(0) if found else ""


def without_wait(found: re.Match[str], timing: str) -> str:
    """A sentence `wait_clause` matched, with the wait clause out and `timing` ("straight
    away") said instead: "As soon as it comes through, we'll order a free reprint for you." →
    "We'll order a free reprint for you straight away." """
    rest = found.group("rest").strip()
    end = found.groupdict().get("end") or ""
    if not end:
        body = rest.rstrip()
        end = body[len(body.rstrip(".!?")) :] or "."
        rest = body.rstrip(".!?")
    rest = rest.rstrip(" ,")
    said = f"{rest} {timing}" if timing and timing.lower() not in rest.lower() else rest
    return said[:1].upper() + said[1:] + end


def now_statement(rules: Sequence[Any], tool: str) -> tuple[str, str, str] | None:
    """What the new prompt says to do instead, for the KB: (the prompt sentence naming `tool`,
    what "we" do, in the KB's voice, what the customer is told, "" when nothing): "Order a
    free reprint with `order_reprint` straight away and tell them it ships within 3 working
    days." → ("…", "order a free reprint straight away", "it ships within 3 working days").
    None when no attributed sentence names the tool as an instruction."""
    for rule in rules:
        if not rule.new or f"`{tool}`" not in rule.new:
            continue
        phrase = step_phrase(rule.new, tool)
        if phrase is None:
            continue
        actions, told = restated_rule(rule.new)
        action = next((a for a in actions if promises_action(tool, f"we {a}")), None)
        if action is None or "`" in action:
            continue
        said = next((t for t in told if re.search(r"\d", t) and "`" not in t), "")
        return rule.new, action[:1].lower() + action[1:], said.split(". ")[0].rstrip(".")
    return None


def case_topic(dropped: Dropped, tag_stems: set[str]) -> set[str]:
    """The words (`terms`) a KB sentence or its context names the dropped requirement's case
    by: the old rule's section title ("Misprints") and the condition's topic tags. Not what
    was asked for: "proof of purchase" is asked for in other cases too (a trade-in)."""
    topic = set(terms(dropped.rule.section or "")) | tag_stems
    # the requirement's own words name no case: an "Access card" section's card is asked for
    # on other services too
    case = topic - set(terms(dropped.what))
    return case or topic


GONE = "\x00"
"""Stands for a deleted list item until its line is taken out."""
GONE_LINE = re.compile(rf"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+{GONE}[ \t]*(?:\r?\n|$)", re.M)
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_NUMBERED = re.compile(r"^(?P<lead>\s*)(?P<n>\d+)(?P<end>[.)])")


def _numbered_after(text: str, item_units: Sequence[Unit], index: int) -> list[int]:
    """The units after `index` that start a line with a list item's number ("3." read as a
    unit of its own, or "3. Once …"), up to the blank line that ends the list."""
    found = []
    for later in range(index + 1, len(item_units)):
        unit = item_units[later]
        if "\n\n" in text[item_units[later - 1].end : unit.start].replace("\r", ""):
            break
        line_start = text.rfind("\n", 0, unit.start) + 1
        if not text[line_start : unit.start].strip() and _NUMBERED.match(unit.raw):
            found.append(later)
    return found


def renumbered(
    text: str, item_units: Sequence[Unit], changes: dict[int, str], deleted: Sequence[int]
) -> None:
    """`changes` with the numbered list items after deleted ones (`deleted`, list items
    whose line goes) numbered on: "3." becomes "2." when item 2 went."""
    after = {index: _numbered_after(text, item_units, index) for index in deleted}
    targets = sorted({later for found in after.values() for later in found} - set(deleted))
    for later in targets:
        shift = sum(1 for found in after.values() if later in found)
        raw = item_units[later].raw
        number = _NUMBERED.match(raw)
        if number is None:
            continue
        marker = f"{number.group('lead')}{int(number.group('n')) - shift}{number.group('end')}"
        if raw.strip() == number.group(0).strip():
            changes[later] = marker
        else:
            body = changes.get(later, raw)
            changes[later] = f"{marker} {_LIST_MARKER.sub('', body, count=1)}"


def whole_line(text: str, unit: Unit) -> bool:
    """Whether nothing but spaces follows `unit` on its line."""
    end = text.find("\n", unit.end)
    return not text[unit.end : end if end >= 0 else len(text)].strip()


def dropped_edit(
    text: str,
    dropped: Dropped,
    tool: str,
    asking: set[str],
    waiting: set[str],
    now: tuple[str, str, str] | None,
    whom: str | None = None,
) -> str | None:
    """`text` with the sentences `asking` for what was dropped taken out (a list item with its
    line, the numbered items after it numbered on) and the sentences `waiting` for it
    rewritten to take the action at once (`without_wait`), the first also saying what the
    customer is told when the text does not (`now`: the new prompt's sentence, what we do,
    what they are told). With no waiting sentence, the first ask says what we do now in its
    place. None when a sentence both asks and acts, or cannot be rewritten.

    With `whom` (the requirement is dropped for them only, and the text is read by others
    too), each ask stays and says whom it is not needed for (`scoped_note`); None when a
    sentence waits for it (the wait still holds for the others)."""
    item_units = units(text)
    if whom is not None:
        if waiting & {unit.text for unit in item_units}:
            return None
        noted = {
            i: _with_note(unit.raw, whom)
            for i, unit in enumerate(item_units)
            if unit.text in asking and not says_scoped(unit.raw)
        }
        return replace_units(text, noted, item_units) if noted else None
    timing = at_once(now[0]) if now else ""
    told = now[2] if now else ""
    if told and all(number in text for number in re.findall(r"\d[\d,.]*", told)):
        told = ""
    changes: dict[int, str] = {}
    deleted: list[int] = []
    asks = [i for i, unit in enumerate(item_units) if unit.text in asking]
    waits = [i for i, unit in enumerate(item_units) if unit.text in waiting]
    if any(promises_action(tool, item_units[i].text) for i in asks):
        return None
    for index in waits:
        found = wait_clause(dropped, tool, item_units[index].raw, True)
        if found is None:
            return None
        said = without_wait(found, timing)
        if told:
            body = said.rstrip(".!?")
            said, told = f"{body}; {told}{said[len(body) :]}", ""
        changes[index] = said
    negated = {i: unneeded(dropped, item_units[i].raw) for i in asks}
    for index in asks:
        said_not = negated[index]
        if said_not is not None:
            # "you'll need X" says the other way: "you don't need X"
            changes[index] = said_not
            continue
        listed = list_item_text(text, item_units, index)
        if listed is not None and listed_need(dropped, listed) is not None:
            # a what-to-have-ready item that is only the requirement goes
            if whole_line(text, item_units[index]):
                changes[index] = GONE
                deleted.append(index)
            else:
                changes[index] = ""
            continue
        if not waits and now is not None and not changes and not any(negated.values()):
            said = f"We {now[1]}" + (f"; {told}" if told else "")
            changes[index] = said.rstrip(".") + "."
            continue
        in_list = list_item_text(text, item_units, index) is not None
        if in_list and whole_line(text, item_units[index]):
            changes[index] = GONE
            deleted.append(index)
        else:
            changes[index] = ""
    if not changes:
        return None
    renumbered(text, item_units, changes, deleted)
    edited = replace_units(text, changes, item_units)
    return GONE_LINE.sub("", edited).replace(GONE, "")
