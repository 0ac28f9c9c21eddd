"""A check the new prompt puts before an action on one topic, an action it still takes once
the customer passes it ("Before you say anything about an item, check that you're talking to
the passenger who paid: ask for the last four digits of the card … and check them with
`verify_passenger`." then "Once the digits match, call `check_lost_property` …"): the
conversations that do not pass it lose the old call, yet the action is not gone, so the KB's
"we'll check it for you straight away" is not wrong for its action but for what it skips.
KB text on the topic saying there is nothing to prove ("There's nothing you need to prove",
"We don't ask you to prove who you are", "no ID needed") states the old rule.

The step may be something the customer sends ("ask the customer to send a photo of the
misprint first" then "Only once their photo is in the conversation, order a free reprint with
`order_reprint`") or a check we make ("we check the customer's photo ID … the room is booked
with `book_session` only once their ID has been checked"). Then a denial of what is asked ("no
photos or proof needed"), a table cell saying nothing is needed in a what-you-need column of
the topic's row ("Nothing, just your order number" → "A photo of the misprint and your order
number") and a sentence saying the gated action happens at once on the topic ("We confirm
every booking on the spot" → "… once we've checked your photo ID") state the old rule too.
The gated action and its values said of another topic (a lost parcel reprinted with the same
tool), or not said of us ("just cancel and book again"), still hold and stay.

Pure text helpers: `impact` marks those sentences (`proof_step_conflicts`), the template
drafter says the check there in the KB's own words (`proof_step_edit`), the note says what is
now asked and when (`proof_step_note`), and a drafting model is told the same
(`proof_step_fact`) and held to it (`still_unproved`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from behaviordiff.drafting.bandstep import band_step
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView, marked_for
from behaviordiff.drafting.oldside import customer_voice
from behaviordiff.drafting.rules import table_headers
from behaviordiff.drafting.text import (
    TOOL_CLAUSE,
    Keep,
    Unit,
    heading_above,
    padded_cells,
    plain_text,
    rewrite_units,
    stem,
    terms,
    units,
)

PROOF_STEP_REASON = "says there is nothing to prove; the new prompt first has the agent"

_TOOL = re.compile(r"`([^`]+)`")
# "ask for …", "ask the customer for …", "ask them for …"
_ASK = re.compile(
    r"\bask\s+(?:(?:the\s+[a-z]+|them|him|her)\s+)?for\s+(?P<what>[^.;:]+?)"
    r"(?P<check>\s+and\s+(?:check|verify|confirm)\s+(?:them|it|that|they)\b[^.;:]*)?(?=[.;:]|$)",
    re.I,
)
# "ask the customer to send a photo of the misprint first", "ask them to upload the receipt"
_ASK_TO = re.compile(
    r"\bask\s+(?:(?:the\s+[a-z]+|them|him|her)\s+)?to\s+(?:send|share|upload|show|provide|"
    r"attach|email|give)\s+(?:us\s+)?(?P<what>[^.;:]+?)(?=[.;:]|$)",
    re.I,
)
# "ask the previous keeper to confirm", "ask the account holder to approve": someone other
# than the customer asked to agree before the action (the customer's own steps are `_ASK_TO`)
_ASK_OTHER = re.compile(
    r"\bask\s+(?P<who>the\s+(?!customer\b|caller\b|user\b|client\b)[a-z]+(?:\s+[a-z]+)?)\s+to\s+"
    r"(?P<verb>confirm|approve|agree|authori[sz]e|consent)\b",
    re.I,
)
# "we check the customer's photo ID": a check the company makes itself before the action
_WE_CHECK = re.compile(
    r"\bwe\s+(?P<verb>check|verify)\s+(?P<what>[^,.;:()`]{1,80}?)(?=\s*[,.;:(]|\s+(?:before|first)\b|$)",
    re.I,
)
# "… and confirmed only once their ID has been checked": a gate in the middle of a sentence
_ONLY_ONCE = re.compile(r"\bonly\s+(?:once|when|after)\b(?P<gate>[^,.;]{1,120})", re.I)
_DONE = {
    "send": "sent",
    "share": "shared",
    "upload": "uploaded",
    "show": "shown",
    "provide": "provided",
    "attach": "attached",
    "email": "emailed",
    "give": "given",
    "check": "checked",
    "verify": "verified",
    "confirm": "confirmed",
    "approve": "approved",
    "agree": "agreed",
    "authorise": "authorised",
    "authorize": "authorized",
    "consent": "consented",
}
# "as soon as we've put you in the diary, …": the action said to follow at once
_AS_SOON_AS = re.compile(r"^as soon as\s+", re.I)
# a sentence saying what we do or did ("I've ordered a replacement", "we'll book it")
_OURS = re.compile(r"\b(?:[Ww]e|I)(?:[’'](?:ve|ll|re|d|m))?\b")
_SOON = re.compile(r"\bas soon as\b", re.I)
_FIRST = re.compile(r"(?<!\s)\s+(?:first|beforehand|in advance)$")
# "Only once their photo is in the conversation, …": a gate, what it waits for said in it
_GATE = re.compile(r"^(?:only\s+)?(?:once|when|after)\b(?P<gate>[^,]{1,160}),", re.I)
_OF = re.compile(r"(?<!\s)\s+(?:of|for|from|with|showing|on|in)\s+")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# a word denying what follows it ("no photos", "without a receipt", "don't ask for photos")
_DENY_WORD = re.compile(
    r"\b(?:no|without|nothing|never|don't|don’t|do not|doesn't|doesn’t|won't|won’t|needn't)\b",
    re.I,
)
# a cell saying nothing is needed ("Nothing, just your order number", "None")
_NOTHING_CELL = re.compile(
    r"^(?:nothing|none|no\s+[a-z]+|n/a)(?:\s*[,:;–—-]\s*(?:just|only)\s+(?P<rest>[^|\s][^|]{0,199}))?$",
    re.I,
)
# a column saying what the customer must give ("What we need from you", "Proof required")
_NEED_HEAD = frozenset(
    stem(word)
    for word in ("need", "send", "bring", "provide", "require", "show", "proof", "document")
)
_CHECK_WORD = re.compile(r"\b(?:check|verify|confirm|match)\w*\b", re.I)
# "Once the digits match, call `x`", "Only when they're verified, look the order up with `x`"
_GATED = re.compile(
    r"^(?:only\s+)?(?:once|when|if|after)\b[^,]*?\b(?:match(?:es|ed)?|verified|confirmed|"
    r"checked|pass(?:es|ed)?|correct|right)\b[^,]*,",
    re.I,
)
# a code aside: "(booking_ref, card_last4)", "(`order_id`)"
_CODE_PARENS = re.compile(
    r"\s*\((?:[^()]*`[^()]*|(?=[^()]*_)\s*[a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*\s*)\)"
)
# the prompt's words for the customer said to them in a KB ("ask them for their …")
_ADDRESSEE = (
    (
        re.compile(r"\bthe (?:customer|caller|user|client|passenger|member|guest|patient)'s\b"),
        "your",
    ),
    (re.compile(r"\b(ask)\s+(?:the\s+[a-z]+|them|him|her)\s+for\b"), r"\1 you for"),
    (re.compile(r"\btheir\b"), "your"),
)
# what says there is nothing to prove: "There's nothing you need to prove", "We don't ask you
# to prove who you are", "no ID needed", "no need to show any ID", "without any checks"
_NO_PROOF = re.compile(
    r"\b(?:nothing|no need|don't need|do not need|needn't|never need|won't need|doesn't need)"
    r"(?:\s+[\w'’]+){0,3}?\s+(?:to\s+)?(?:prove|show|see|verify|confirm)\b"
    # "there's nothing you need to send us": nothing is what is sent ("no need to send the
    # faulty one back" sends a thing, and says nothing of proof)
    r"|\bnothing(?:\s+[\w'’]+){0,2}?\s+(?:to\s+)?(?:send|bring)\b"
    r"|\b(?:don't|do not|never|won't|will not|doesn't|does not)\s+(?:ask\s+(?:you\s+)?(?:to|for)"
    r"|need\s+(?:you\s+)?to|require\s+(?:you\s+)?to|check)\s+(?:prove|show|verify|confirm|"
    r"who\s+you\s+are|your\s+identity|(?:any\s+)?(?:ID|identification|proof|documents?))\b"
    r"|\bno\s+(?:ID|identification|proof(?:\s+of\s+\w+)?|(?:ID|identity|security)\s+checks?|"
    r"security\s+questions?|questions\s+asked)\b"
    r"|\bwithout\s+(?:any\s+)?(?:ID|identification|proof|checks?|questions)\b"
    # "no checks", "we won't quiz you about who you are", "or ask for any paperwork"
    r"|\bno\s+checks?\b|\b(?:quiz|question)\s+you\s+(?:about|on)\s+who\s+you\s+are\b"
    r"|\bask\s+(?:you\s+)?for\s+(?:any\s+)?paperwork\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"\s*[:;]\s+|\s+[—–]\s+")
_AT_ONCE = re.compile(
    r",?\s*\b(?:right away|straight away|straightaway|at once|immediately|there and then"
    r"|instantly|on the spot|without delay)\b"
)
_AT_ONCE_ANY = re.compile(_AT_ONCE.pattern, re.I)
_WE_VERB = re.compile(r"\b([Ww]e(?:'ll|’ll|\s+will)?)(\s+)(?=[a-z]+\b)")
_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class ProofStep:
    """The action the new prompt still takes once the check passes (`action`), what the
    customer is now asked for (`asked`, in the prompt's words), the step as a verb phrase in the
    prompt's words (`step`: "ask them for their date of birth and check it") and in a KB's
    voice (`said`: "ask you for your date of birth and check it"), the check's tool if it
    names one, the prompt sentence, and the stems naming the topic the check is for."""

    action: str
    asked: str
    step: str
    said: str
    tool: str | None
    rule: str
    topic: frozenset[str]
    wanted: frozenset[str] = frozenset()
    """The stems of what is asked ("photo"): a KB sentence denying it ("no photos needed")
    says the old rule."""
    done: str | None = None
    """The step said done, in a KB's voice ("you've sent a photo of the misprint", "we've
    checked your photo ID"): what the action is said to wait for instead of "straight
    away"; None when the prompt's words give none."""
    other: bool = False
    """The step is asked of someone other than the customer ("ask the previous keeper to
    confirm"): a sentence saying they have nothing to do is said as the step."""
    acted: frozenset[str] = frozenset()
    """The stems of what the old prompt said was done at once with the action ("move the
    record" of "move the record straight away with `transfer_keeper`"): a KB sentence saying
    it is done at once ("we update the record straight away") says the action."""


def _topic(facts: ChangeFacts, action: str) -> frozenset[str]:
    """The topic tags' stems, else the action's name less its verb."""
    condition = facts.condition
    tagged = {
        stem(word)
        for atom in (condition.atoms if condition else ())
        if atom.op == "tag"
        for word in terms(atom.feature.removeprefix("tag:").replace("_", " ").replace("-", " "))
    }
    if tagged:
        return frozenset(tagged)
    words = [word for word in action.lower().split("_") if len(word) > 2]
    return frozenset(stem(word) for word in words[1:])


def _gated(facts: ChangeFacts, asked: str) -> set[str]:
    """The tools a sentence of the new prompt calls only once a check passes ("Once the digits
    match, call `x`") or once what is asked is in ("Only once their photo is in the
    conversation, order … with `x`")."""
    wanted = set(terms(asked))
    found: set[str] = set()
    # the rules' sentences and those the new prompt added beside them in their sections ("If
    # the postcode matches, change the address with `change_address`.")
    texts = [rule.new for rule in facts.rules if rule.new]
    texts += [new for old, new in facts.section_changes if not old and new not in texts]
    for said_text in texts:
        text = " ".join(said_text.split())
        if _GATED.match(text):
            found.update(_TOOL.findall(text))
        for sentence in _SENTENCES.split(text):
            gates = [_GATE.match(sentence), *_ONLY_ONCE.finditer(sentence)]
            for gate in gates:
                if gate is None:
                    continue
                said = gate.group("gate")
                if wanted & set(terms(_TOOL.sub(" ", said))) or _CHECK_WORD.search(said):
                    found.update(_TOOL.findall(sentence))
    return found


def _asked_step(text: str, checked_done: bool = False) -> tuple[str, str, str, str | None] | None:
    """(what is asked, the step in the prompt's words, in a KB's voice, the step said done in
    a KB's voice or None) of a prompt sentence asking the customer for something before an
    action, or saying what we check first, or None."""
    found = _ASK.search(text)
    if found is not None and (found.group("check") or _CHECK_WORD.search(text)):
        asked = _CODE_PARENS.sub("", TOOL_CLAUSE.sub("", found.group("what"))).strip()
        step = _CODE_PARENS.sub("", TOOL_CLAUSE.sub("", found.group(0))).strip().rstrip(" ,")
        step = step[:1].lower() + step[1:]  # "Ask the customer for …" opening its sentence
        said = step
        for pattern, replacement in _ADDRESSEE:
            said = pattern.sub(replacement, said)
        # what is asked for and checked, said done ("once we've checked your postcode"), for
        # an action every conversation still takes once it passes (`checked_done`)
        done = (
            f"we've checked {customer_voice(asked)}"
            if checked_done and found.group("check")
            else None
        )
        return asked, step, said, done
    sent = _ASK_TO.search(text)
    if sent is not None:
        step = _CODE_PARENS.sub("", TOOL_CLAUSE.sub("", sent.group(0))).strip().rstrip(" ,")
        step = step[:1].lower() + step[1:]
        what = _CODE_PARENS.sub("", TOOL_CLAUSE.sub("", sent.group("what")))
        asked = _FIRST.sub("", what).strip()
        verb = step.split(" to ", 1)[1].split(" ", 1)[0].lower()
        done = f"you've {_DONE[verb]} {customer_voice(asked)}" if verb in _DONE else None
        return asked, step, customer_voice(step), done
    other = _ASK_OTHER.search(TOOL_CLAUSE.sub("", text))
    if other is not None:
        who, verb = other.group("who"), other.group("verb").lower()
        step = f"ask {who} to {verb}"
        return f"{who} to {verb}", step, step, f"{who} has {_DONE[verb]}"
    checked = _WE_CHECK.search(text)
    if checked is None:
        return None
    asked = checked.group("what").strip()
    said_asked = customer_voice(asked)
    verb = checked.group("verb").lower()
    step = f"{verb} {asked}"
    done = f"we've {_DONE[verb]} {said_asked}"
    return asked, step, f"{verb} {said_asked}", done


def proof_step(facts: ChangeFacts) -> ProofStep | None:
    """The check a changed or added prompt sentence asks the customer to pass before an
    action the change's conversations lost, when another sentence of the new prompt still
    takes that action once the check passes ("Once the digits match, call `x`") or once what
    is asked is in ("Only once their photo is in the conversation, order … with `x`"). None
    when the old sentence already asked for it, or the action is simply gone."""
    taken = [action.name for action in facts.before_actions if not action.is_escalation]
    lost = taken or [
        # every conversation still takes the action once the check passes: the one the old
        # sentence took at once and the new one no longer names ("change it straight away
        # with `change_address`" → "first ask for the postcode … `verify_customer`")
        tool
        for rule in facts.rules
        if rule.old and rule.new
        for tool in _TOOL.findall(rule.old)
        if tool not in _TOOL.findall(rule.new)
    ]
    if not lost:
        return None
    for rule in facts.rules:
        if not rule.new:
            continue
        text = " ".join(rule.new.split())
        read = _asked_step(text, checked_done=not taken)
        if read is None:
            continue
        asked, step, said, done = read
        if rule.old and asked.lower() in " ".join(rule.old.split()).lower():
            continue
        if "`" in step or "{" in step or len(step.split()) > 25 or not terms(asked):
            return None
        kept = [name for name in lost if name in _gated(facts, asked)]
        if not kept:
            return None
        tools = [name for name in _TOOL.findall(text) if name not in kept]
        # what is asked, less what it is of or for ("a photo of the misprint" → "photo")
        wanted = frozenset(terms(_OF.split(customer_voice(asked), maxsplit=1)[0]))
        topic = _topic(facts, kept[0])
        # a denial naming the topic ("we never share a keeper's details") denies nothing asked
        wanted = frozenset(word for word in wanted if stem(word) not in topic)
        return ProofStep(
            kept[0],
            asked,
            step,
            said,
            tools[0] if tools else None,
            text,
            topic,
            wanted,
            done,
            other=_ASK_OTHER.search(TOOL_CLAUSE.sub("", text)) is not None,
            acted=_acted(facts, kept[0]),
        )
    return None


_CLAUSE_START = re.compile(r"[,;:]\s+")


def _acted(facts: ChangeFacts, action: str) -> frozenset[str]:
    """The stems of the clause an old prompt sentence naming `action` says is done at once,
    up to its "straight away" ("move the record" of "…, move the record straight away with
    `transfer_keeper` …"), the topic's own words out."""
    found: set[str] = set()
    for rule in facts.rules:
        old = " ".join((rule.old or "").split())
        if f"`{action}`" not in old:
            continue
        at_once = _AT_ONCE_ANY.search(old)
        if at_once is None:
            continue
        before = old[: at_once.start()]
        starts = [0, *(mark.end() for mark in _CLAUSE_START.finditer(before))]
        found |= {stem(word) for word in terms(_TOOL.sub(" ", before[starts[-1] :]))}
    return frozenset(found - _topic(facts, action))


# action words that name no topic alone: "change" of a "change-of-keeper" tag
_GENERIC_TOPIC = frozenset(
    stem(word) for word in ("change", "update", "new", "request", "report", "issue", "order")
)


def denies_asked(found: ProofStep, sentence: str) -> bool:
    """Whether a sentence denies what is now asked: a denying word with a word of it within
    the next five ("no photos or proof needed", "we don't ask for a photo"); of a step asked
    of someone else, within the five before it too ("The current registrant doesn't need to
    do anything")."""
    if not found.wanted:
        return False
    for denial in _DENY_WORD.finditer(sentence):
        near = sentence[denial.end() : denial.end() + 80].split()[:5]
        if found.other:
            near += sentence[max(0, denial.start() - 80) : denial.start()].split()[-5:]
        if found.wanted & set(terms(" ".join(near))):
            return True
    return False


def denies_proof(found: ProofStep, sentence: str, context: str, body: str = "") -> bool:
    """Whether a KB sentence says there is nothing to prove, about the check's topic: the
    sentence, or its item's title and heading (`context`), names the topic; a sentence
    denying what is now asked ("no photos needed") may have it named anywhere in its item
    (`body`)."""
    named = denies_asked(found, sentence)
    if not named and not _NO_PROOF.search(sentence):
        return False
    if found.topic & {stem(word) for word in terms(f"{sentence} {context}")}:
        return True
    return named and bool(found.topic & {stem(word) for word in terms(body)})


def at_once_claim(found: ProofStep, sentence: str, context: str) -> bool:
    """Whether a KB sentence says the gated action happens at once ("We confirm every booking
    on the spot", "as soon as we've put you in the diary your session is confirmed"), on the
    step's topic (the sentence or `context` names it): the step now comes first. Only for a
    step said done in the KB's voice (`ProofStep.done`), which the rewrite says instead."""
    if found.done is None or not (_AT_ONCE_ANY.search(sentence) or _SOON.search(sentence)):
        return False
    action = {stem(word) for word in found.action.split("_") if len(word) > 2}
    said = {stem(word) for word in terms(sentence)}
    named = found.topic & {stem(word) for word in terms(f"{sentence} {context}")}
    if action & said:
        return bool(named)
    # what the old prompt did at once ("update the record straight away"), on the topic by a
    # word of its own ("keeper", not the "change" of "change of address")
    return bool(found.acted & said) and bool(named - _GENERIC_TOPIC)


def nothing_cells(found: ProofStep, row: str, header: str | None) -> list[int]:
    """The cells of a table row (`row`, its text; `header`, its table's header row,
    `rules.table_headers`) on the check's topic (its first cell names it) saying nothing is
    needed ("Nothing, just your order number") under a column of what the customer gives
    ("What we need from you"); [] for any other row."""
    if header is None or re.fullmatch(r"[\s|:-]+", row):
        return []
    heads, cells = padded_cells(header), padded_cells(row)
    if len(heads) != len(cells) or not found.topic & {stem(w) for w in terms(cells[0])}:
        return []
    return [
        at
        for at, cell in enumerate(cells[1:], start=1)
        if _NOTHING_CELL.match(cell.strip())
        and _NEED_HEAD & {stem(word) for word in terms(heads[at])}
    ]


def timed_cells(found: ProofStep, row: str, header: str | None) -> list[int]:
    """The cells of a table row (`row`, its text; `header` as for `nothing_cells`) on the
    step's topic (its first cell names it by a word of its own) saying the action is done at
    once ("Straight away, as soon as the new keeper sends the form"); [] for any other row,
    or when the step has no words said done."""
    if found.done is None or header is None:
        return []
    cells = padded_cells(row)
    if len(cells) < 2:
        return []
    named = found.topic & {stem(word) for word in terms(cells[0])}
    if not named - _GENERIC_TOPIC:
        return []
    return [at for at, cell in enumerate(cells[1:], start=1) if _AT_ONCE_ANY.search(cell)]


def timed_row(found: ProofStep, raw: str, marked: Sequence[int]) -> str:
    """A table row with each cell saying the action is done at once saying it is done once
    the step is ("Straight away, as soon as the new keeper sends the form" → "Once the
    previous keeper has confirmed"; "Straight away, by email" → "Once …, by email")."""
    cells = padded_cells(raw)
    out = []
    for at, cell in enumerate(cells):
        if at not in marked:
            out.append(cell)
            continue
        pieces = [piece for piece in _PIECE_BREAK.split(cell.strip()) if piece]
        timed, rest = None, []
        for piece in pieces:
            left = " ".join(_AT_ONCE_ANY.sub("", piece).split()).strip(" ,")
            if not left or _AS_SOON_AS.match(piece) or _NO_PROOF.search(piece):
                # "Straight away", "as soon as …", "no checks": the step done says them
                continue
            if timed is None and left != " ".join(piece.split()):
                # "Done straight away in the chat" → "Done in the chat once we've checked …"
                timed = left
                continue
            rest.append(piece)
        said = (f"{timed} once {found.done}" if timed else f"once {found.done}") + "".join(
            f", {piece}" for piece in rest
        )
        lead = cell[: len(cell) - len(cell.lstrip())]
        out.append(f"{lead}{_cap(said)}{cell[len(cell.rstrip()) :]}")
    prefix = raw[: len(raw) - len(raw.lstrip())]
    return prefix + "|" + "|".join(out) + "|"


def _denying(found: ProofStep, title: str, item_units: Sequence[Unit]) -> list[int]:
    body = " ".join(unit.text for unit in item_units)
    marked = []
    headers = table_headers([unit.raw for unit in item_units])
    for index, unit in enumerate(item_units):
        raw = unit.raw.lstrip()
        if raw.startswith("|"):
            row, header = unit.text, headers[index]
            if nothing_cells(found, row, header) or timed_cells(found, row, header):
                marked.append(index)
            continue
        if raw.startswith("#"):
            continue
        context = f"{title} {heading_above(item_units, index)}"
        if denies_proof(found, unit.text, context, body) or at_once_claim(
            found, unit.text, context
        ):
            marked.append(index)
    return marked


def _on_topic(found: ProofStep, title: str, item_units: Sequence[Unit], index: int) -> bool:
    """Whether unit `index` is on the check's topic: it, its item's title or the heading above
    it names the topic; a table row, by its first cell."""
    text = item_units[index].text
    if text.lstrip().startswith("|"):
        said = padded_cells(text)[0]
    else:
        said = f"{text} {title} {heading_above(item_units, index)}"
    return bool(found.topic & {stem(word) for word in terms(said)})


def deferred(found: ProofStep, reason: str) -> bool:
    """Whether a generic finder's reason is only that the changed conversations no longer
    take the gated action or say what comes with it (its values): both still happen once
    the check passes, so a sentence saying them on another topic (the same action for a lost
    parcel, when misprints now need a photo first) is no conflict of the check."""
    return reason == f"describes `{found.action}`, which the new agent no longer does" or (
        reason.startswith("states ") and reason.endswith(", which the new agent no longer states")
    )


def proof_step_conflicts(
    facts: ChangeFacts,
    title: str,
    item_units: list[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units saying there is nothing to prove on the check's topic marked
    (`make` builds a conflict from index, text and reasons), beside any other reason."""
    step = proof_step(facts)
    if step is None:
        return found
    reason = f"{PROOF_STEP_REASON} {step.step}"
    denying = set(_denying(step, title, item_units))
    marked = []
    for conflict in found:
        if (
            conflict.unit_index not in denying
            and all(deferred(step, why) for why in conflict.reasons)
            and not (
                _on_topic(step, title, item_units, conflict.unit_index)
                and _OURS.search(item_units[conflict.unit_index].text)
            )
        ):
            # the gated action and what is said with it, on another topic or not said of us
            # ("just cancel and book again"): still true once the check passes
            continue
        if conflict.unit_index in denying:
            denying.discard(conflict.unit_index)
            conflict = make(conflict.unit_index, conflict.sentence, (*conflict.reasons, reason))
        marked.append(conflict)
    for index in denying:
        marked.append(make(index, item_units[index].text, (reason,)))
    marked.sort(key=lambda conflict: conflict.unit_index)
    return marked


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def with_proof_step(found: ProofStep, raw: str) -> str | None:
    """A sentence saying there is nothing to prove, said with the check: its clauses saying
    so go, and the step goes before what "we" do ("… and we'll check lost property for you
    straight away." → "… and we'll ask for … and check them, then check lost property for
    you."). None when no clause says what we do, or no clause is left."""
    marker = _MARKER.match(raw)
    lead = marker.group(0) if marker else ""
    body = raw[len(lead) :].strip()
    end = body[-1] if body and body[-1] in ".!?" else "."
    body = body.rstrip(".!? ")
    clauses = [clause for clause in _CLAUSE_BREAK.split(body) if clause]
    kept = [clause for clause in clauses if not _NO_PROOF.search(clause)]
    if not kept or len(kept) == len(clauses):
        return None
    said = None
    for position, clause in enumerate(kept):
        we = _WE_VERB.search(clause)
        if we is None:
            continue
        at_once = _AT_ONCE.search(clause, we.end())
        rest = clause[we.end() :]
        if at_once is not None:
            rest = clause[we.end() : at_once.start()] + clause[at_once.end() :]
        kept[position] = f"{clause[: we.end()]}{found.said}, then {rest.strip()}"
        said = kept[position]
        break
    if said is None:
        return None
    return lead + _cap(": ".join(kept)) + end


# (no run of spaces before the mark: a long run of spaces is scanned once)
_PIECE_BREAK = re.compile(r"[:;]\s+|\s[—–]\s+|,\s+")


def said_instead(found: ProofStep, raw: str) -> str | None:
    """A sentence denying what is now asked, or saying the action happens at once, with no
    "we" clause to put the step before, said with the step: "straight away" becomes the step
    done ("We confirm every booking on the spot, so there's nothing you need to send us." →
    "We confirm every booking once we've checked your photo ID."; "as soon as we've …" →
    "once we've checked your photo ID and we've …") and the denying pieces go; with no such
    word, the step is said in place of the denying pieces ("Just message us with your order
    number: no photos, no proof." → "… order number: we'll ask you to send a photo of the
    misprint first."). Every other piece is kept. None when nothing can be said so."""
    lead = _lead(raw)
    body = raw[len(lead) :].strip()
    end = body[-1] if body and body[-1] in ".!?" else "."
    body = body.rstrip(".!? ")
    pieces: list[tuple[str, str]] = []
    start, before = 0, ""
    for mark in _PIECE_BREAK.finditer(body):
        pieces.append((before, body[start : mark.start()]))
        before, start = mark.group(), mark.end()
    pieces.append((before, body[start:]))
    denying = {
        at
        for at, (_, piece) in enumerate(pieces)
        if _NO_PROOF.search(piece) or denies_asked(found, piece)
    }
    done = found.done
    timed = {
        at
        for at, (_, piece) in enumerate(pieces)
        if at not in denying
        and done is not None
        and (_AS_SOON_AS.match(piece) or _AT_ONCE_ANY.search(piece))
    }
    if found.other and len(denying) == len(pieces):
        # nothing but a denial that someone else has anything to do: the step instead
        return lead + f"We'll {found.said} first" + end
    if not (denying or timed) or len(denying) == len(pieces):
        return None
    if any(
        _AT_ONCE_ANY.search(pieces[at][1]) and _AT_ONCE_ANY.sub("", pieces[at][1]).strip(" ,")
        for at in timed
    ):
        # "As soon as you send the form, we update it straight away": the step goes where
        # "straight away" is; what comes before it stays
        timed = {at for at in timed if _AT_ONCE_ANY.search(pieces[at][1])}
    out = ""
    placed = bool(timed)
    done_at = len(pieces)
    for at, (cut, piece) in enumerate(pieces):
        if at in denying:
            if placed:
                continue
            placed = True
            cut = ", and " if cut.startswith(",") and out else cut
            piece = f"we'll {found.said}"
        elif at in timed and (past := _done_at_once(found, piece)) is not None:
            piece, done_at = past, at
        elif at > done_at:
            # "…, so you're now the registered keeper": true once the step is done
            piece = _NOW.sub(_then, piece, count=1)
        elif at in timed:
            soon = _AS_SOON_AS.match(piece)
            if soon is not None:
                piece = f"once {done} and {piece[soon.end() :]}"
            elif not _AT_ONCE_ANY.sub("", piece).strip(" ,"):
                # the piece says nothing but "straight away": the step done says it
                continue
            else:
                piece = _AT_ONCE_ANY.sub(f" once {done}", piece, count=1).strip()
        else:
            piece = _AT_ONCE_ANY.sub("", piece).strip()
        out += (cut if out else "") + piece
    if not out:
        return None
    return lead + _cap(out) + end


# "We've updated the record straight away": an action said done at once, in the past
_DONE_AT_ONCE = re.compile(
    r"^(?P<we>[Ww]e(?:[’']ve|\s+have))\s+(?P<done>[a-z]+ed)\s+(?P<what>(?:the|your|their)\s+[^,;:]{1,80}?)"
    r"\s+(?:right away|straight away|straightaway|at once|immediately|instantly|on the spot)$"
)
# "you're now …", "it's now …", "is now …": a state the action brought about at once
_NOW = re.compile(
    r"\b(?:(?P<you>you|we|they)(?:[’']re|\s+are)|(?P<it>it|he|she)(?:[’']s|\s+is)|is)\s+now\b"
)
_PAST = {"ask": "asked", "check": "checked", "verify": "verified"}


def _then(found: re.Match[str]) -> str:
    who = found.group("you") or found.group("it")
    return f"{who}'ll then be" if who else "will then be"


def _done_at_once(found: ProofStep, piece: str) -> str | None:
    """A piece saying the action was done at once in the past ("We've updated the record
    straight away"), said with the step done first and the action to follow ("We've asked
    the previous keeper to confirm, and the record will be updated once the previous keeper
    has confirmed"); None for any other piece, or a step with no past in our words."""
    said = _DONE_AT_ONCE.match(piece)
    verb, _, rest = found.said.partition(" ")
    if said is None or found.done is None or verb not in _PAST:
        return None
    what = said.group("what")
    checked = found.done.removeprefix("we've checked ")
    if checked != found.done:
        # a check we make in the conversation, done before the action: "We've checked the
        # postcode of the address we deliver to now and changed your delivery address"
        return f"{said.group('we')} checked {checked} and {said.group('done')} {what}"
    return (
        f"{said.group('we')} {_PAST[verb]} {rest}, and {what} will be {said.group('done')} "
        f"once {found.done}"
    )


def asked_row(found: ProofStep, raw: str, marked: Sequence[int]) -> str:
    """A table row with each cell saying nothing is needed saying what is now asked ("Nothing,
    just your order number" → "A photo of the misprint and your order number")."""
    cells = padded_cells(raw)
    out = []
    for at, cell in enumerate(cells):
        told = _NOTHING_CELL.match(cell.strip())
        if at not in marked or told is None:
            out.append(cell)
            continue
        rest = told.group("rest")
        said = _cap(found.asked) + (f" and {rest.strip()}" if rest else "")
        lead = cell[: len(cell) - len(cell.lstrip())]
        out.append(f"{lead}{said}{cell[len(cell.rstrip()) :]}")
    prefix = raw[: len(raw) - len(raw.lstrip())]
    return prefix + "|" + "|".join(out) + "|"


def proof_step_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit: each sentence saying there is nothing to prove, said with
    the check (`with_proof_step`), every other byte kept; flagged (no text) when one of them
    cannot be said so. None when the change adds no such check or the item says none."""
    step = proof_step(facts)
    if step is None:
        return None
    denying = set(marked_for(impact.conflicts, PROOF_STEP_REASON))
    if not denying:
        return None
    item_units = list(impact.units)
    headers = table_headers([unit.raw for unit in item_units])
    at: dict[Unit, int] = {}
    for index, unit in enumerate(item_units):
        at.setdefault(unit, index)
    order = [unit.text for unit in item_units if unit.text in denying]
    quoted = "; ".join(f"“{sentence}”" for sentence in order)
    noun = impact.item.kind

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in denying:
            return Keep.UNIT
        if unit.raw.lstrip().startswith("|"):
            header = headers[at[unit]]
            if nothing := nothing_cells(step, unit.text, header):
                return asked_row(step, unit.raw.rstrip(), nothing)
            return timed_row(step, unit.raw.rstrip(), timed_cells(step, unit.text, header))
        said = with_proof_step(step, unit.raw) or said_instead(step, unit.raw)
        return Keep.BLOCK if said is None else said[len(_lead(unit.raw)) :]

    new_body = rewrite_units(impact.item.body, impact.item.body_format, pick)
    head = f"The new prompt now has the agent {step.step} before `{step.action}`: “{step.rule}”"
    if new_body is None:
        return None, (
            f"Flagged for review: {head}; this {noun} says there is nothing to prove, or that "
            f"it is done at once, in {quoted}, and no sentence of it says what we do that the "
            "check can go before."
        )
    return new_body, (
        f"{head}; this {noun} says there is nothing to prove, or that it is done at once, in "
        f"{quoted}. The edit drops that claim, says the check before what we do, and keeps "
        f"everything else in the {noun}."
    )


def _lead(raw: str) -> str:
    marker = _MARKER.match(raw)
    return marker.group(0) if marker else ""


def still_unproved(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still say there is nothing to prove on the topic
    the new prompt now checks first: what no drafter's edit may keep."""
    step = proof_step(facts)
    if step is None:
        return []
    text = plain_text(body, body_format)
    text_units = units(text)
    first = text_units[0].text if text_units else ""
    return [text_units[index].text for index in _denying(step, first, text_units)]


def proof_step_note(facts: ChangeFacts) -> str | None:
    """What the note says the agent now does first: "Before it calls `x`, the agent now asks
    for … and checks them (`verify_y`); it calls `x` only once they match." """
    step = proof_step(facts)
    if step is None:
        return None
    words = step.step.split(" ")
    verbs = {"ask": "asks", "check": "checks", "verify": "verifies", "confirm": "confirms"}
    # the verbs: the first word, and a word after "and" ("… and check them")
    said = " ".join(
        verbs.get(word, word) if index == 0 or words[index - 1] == "and" else word
        for index, word in enumerate(words)
    )
    tool = f" (`{step.tool}`)" if step.tool else ""
    return (
        f"Before it calls `{step.action}`, the agent now {said}{tool}; it calls "
        f"`{step.action}` and says what it found only once the check passes."
    )


def proof_step_fact(facts: ChangeFacts) -> str | None:
    """The check, as a drafting model is told it."""
    step = proof_step(facts)
    if step is None:
        return None
    return (
        f"the new prompt now has the agent {step.step} before `{step.action}` (“{step.rule}”): "
        "text on this topic saying there is nothing to prove or no ID is needed says instead "
        f"that we {step.said} first, in the item's words"
        + (
            f'; text saying `{step.action}` is done at once ("straight away", "on '
            f'the spot") says it is done once {step.done}'
            if step.done
            else ""
        )
        + "; the same words about other topics stay as they are"
    )


def with_gated_kept(facts: ChangeFacts) -> ChangeFacts:
    """`facts` without the action a check now gates among the actions it lost, or a step now
    required for a band (`bandstep`): the action is still taken once the check passes (past
    the band, and once the band's step is done), so a macro's tag or status for it still holds
    (`kb.settings.shift_of` reads what the agent no longer does from them)."""
    step = proof_step(facts)
    gated = step.action if step is not None else None
    if gated is None:
        banded = band_step(facts)
        gated = banded.action if banded is not None else None
    if gated is None:
        return facts
    kept = [action for action in facts.before_actions if action.name != gated]
    return replace(facts, before_actions=kept)


def asked_unsaid(
    facts: ChangeFacts, impact: ImpactView, template_body: str | None, new_body: str
) -> list[str]:
    """Where the item said there is nothing to prove, the template's edit says what is now
    asked first: a model's edit that names nothing of it (only took "no ID needed" out) does
    not say the new behavior."""
    step = proof_step(facts)
    denied = marked_for(impact.conflicts, PROOF_STEP_REASON)
    if step is None or not denied or not template_body:
        return []
    body_format = impact.item.body_format
    old = {unit.text for unit in units(plain_text(impact.item.body, body_format))}
    asked = set(terms(step.asked))
    written = [
        unit.text
        for unit in units(plain_text(new_body, body_format))
        if unit.text not in old and asked <= set(terms(unit.text))
    ]
    if written:
        return []
    return [
        f"the new body does not say that we now {step.said} first, where the "
        f"{impact.item.kind} said “{denied[0]}”: say it there, in the item's words"
    ]
