"""A requirement the new prompt adds before an action for part of a range ("If the broken tiles
come to £150 or less, refund them straight away" beside "If they come to more than £150, we need
photos before we refund"): the KB's sentences saying it is not needed, or that the action
happens at once, stay true for the rest of the range and must say so, and the item must say what
the scoped part now needs.

Pure text helpers: `impact` marks the sentences (`says_not_needed`, `says_at_once`); the
template drafter writes each with the rest of the range as its condition and the scoped
requirement after the last (`scoped_edit`; a table row says both parts in its own cells), or
flags the item when a sentence cannot be said so (a table with no column for what is needed).
The reverse of a requirement dropped (`dropped`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from behaviordiff.drafting.casestep import promises_action
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.impactview import kept_word_for_word, marked_for
from behaviordiff.drafting.rules import ADDRESSEE, kb_clauses, no_need_before
from behaviordiff.drafting.text import (
    flat,
    lower_first,
    padded_cells,
    replace_units,
    terms,
    units,
    with_one_cell,
)

# "If they come to more than £150, we need photos before we refund"
SCOPED_NEED_REASON = "states the old way for the whole range; the new prompt requires"

_LISTED = r"(?:,\s+[\w'’-]+(?=,|\s+(?:or|and)\s))*"
"""A case's one-word list items ("cracked, chipped or broken"), the only commas it holds."""
_SCOPED_CASE = re.compile(
    rf"^(?P<lead>if|when|where|for)\s+(?P<case>[^,:;]*{_LISTED}[^,:;]*\d[^,:;]*),\s+", re.I
)
_SENDS = r"(?:send|give|show|provide|upload|email|bring|reply\s+with)(?:\s+(?:us|it\s+to\s+us))?"
_FIRST = r"(?:first|before\s+(?:we\s+)?[^,:;.]+)"
_THEY = r"(?:you|they|the\s+(?:customer|client|member|guest|user))"
_SAID_NEEDS = (
    # "we need photos before we refund"
    re.compile(
        r"we\s+(?:need|require|ask\s+for)\s+(?P<what>[^,:;.]+?)\s+(?:before|until)\s+"
        r"(?:we\s+)?[^,:;.]+",
        re.I,
    ),
    # "you'll have to send us photos first", "they must send photos before we refund"
    re.compile(
        rf"(?P<who>{_THEY})(?:'ll|’ll|\s+will)?\s+(?:have\s+to|need\s+to|must)\s+{_SENDS}\s+"
        rf"(?P<what>[^,:;.]+?)\s+{_FIRST}",
        re.I,
    ),
    # "ask them to send photos first", "ask the customer for photos before we refund"
    re.compile(
        rf"(?P<ask>ask\s+(?:them|the\s+\w+))\s+(?:to\s+{_SENDS}|for)\s+(?P<what>[^,:;.]+?)\s+"
        rf"{_FIRST}",
        re.I,
    ),
    # "first ask the customer to reply with photos of the damage, and don't refund it until …"
    re.compile(
        rf"first\s+(?P<ask>ask\s+(?:them|the\s+\w+))\s+(?:to\s+{_SENDS}|for)\s+"
        r"(?P<what>[^,:;.]+?)(?=\s*(?:,\s+and\s+|[:;.]|$))",
        re.I,
    ),
    # "once we have photos, we refund them"
    re.compile(
        r"once\s+we(?:\s+have|'ve|’ve|\s+get|\s+receive)\s+(?:got\s+)?(?P<what>[^,:;.]+?),\s+"
        r"we\s+[^,:;.]+",
        re.I,
    ),
    # "photos must reach us before we refund"
    re.compile(
        r"(?P<what>[^,:;.]+?)\s+(?:must|has\s+to|have\s+to|need\s+to)\s+"
        rf"(?:reach\s+us|arrive|be\s+with\s+us|get\s+to\s+us|come\s+in)\s+{_FIRST}",
        re.I,
    ),
)
"""The ways a prompt says something is required before we act, after its case."""
_SAID_END = re.compile(r"\s*(?:[:;.]|,\s+and\s+(?:don't|don’t|do\s+not|never|wait)\b|$)")
# "If the broken tiles come to £150 or less, refund them straight away with `refund_breakage`"
_CASE_RULE = re.compile(
    rf"^(?:if|when|where|for)\s+(?P<case>[^,:;]*{_LISTED}[^,:;]*\d[^,:;]*),\s+(?P<rest>.+)$",
    re.I,
)
_LABEL = re.compile(r"^(?P<label>[A-Z][^:;.!?`]{0,60}\d[^:;.!?`]{0,30}):\s+(?P<rest>\S.*)$", re.S)
"""A rule labelled with its case ("Items worth more than £60: don't refund yet.")."""
_HOLD = re.compile(r"^(?:don't|don’t|do\s+not)\s+\w+(?:\s+\w+)?\s+yet\.?$", re.I)
"""A label's rule that only holds the action back ("don't refund yet"): its steps follow."""
_PRONOUN = re.compile(r"^(?:they|it|these|those|this|that)\s+", re.I)
_TOOL = re.compile(r"`(?P<tool>[a-z][a-z0-9_]*)`")
_AT_ONCE = re.compile(
    r"\b(?:straight away|right away|at once|immediately|there and then|on the spot)\b", re.I
)
_NOT_NEEDED = re.compile(
    r"\b(?:don't|do not|doesn't|does not|won't|will not|never)\s+(?:need|have)\s+to\b"
    r"|\bno need (?:to|for)\b|\bnot (?:required|needed|necessary)\b"
    # "you won't be asked for pictures"
    r"|\b(?:won't|won’t|will not|never)\s+be\s+asked\s+(?:for|to)\b",
    re.I,
)
# a sentence's first word that can be lowercased after a leading condition
_LOWERABLE = frozenset(
    [
        "there",
        "there's",
        "there’s",
        "we",
        "we'll",
        "we’ll",
        "we've",
        "we’ve",
        "you",
        "you'll",
        "you’ll",
        "our",
        "your",
        "the",
        "it",
        "it's",
        "they",
        "no",
    ]
)


@dataclass(frozen=True)
class ScopedNeed:
    """Something the new prompt requires before an action for part of a range, the rest of
    the range keeping the old requirement-free way."""

    rule: Any
    """The drafting.facts.Rule that requires it."""
    what: str
    """What is required, in the prompt's words ("photos")."""
    noun: str
    """Its head word, singular ("photo")."""
    tool: str
    """The action the rest of the range still gets at once (`refund_breakage`)."""
    rest: str
    """The rest of the range, as a condition ("if the broken tiles come to £150 or less")."""
    statement: str
    """The requirement in the KB's voice ("If the broken tiles come to more than £150, we need
    photos before we refund.")."""
    rest_short: str = ""
    """The rest of the range said of a pronoun, for a table row that names its subject ("they
    come to £150 or less"); "" when the prompt names none."""
    scope_short: str = ""
    """The scoped part said so ("they come to more than £150"); "" likewise."""
    process: str = ""
    """The rest of the scoped part's process the prompt says after the requirement, in the
    KB's voice, without the agent's tools ("We'll send you the upload link, ask you for a
    photo of the broken tiles, and refund within 3 working days of getting the photos."); ""
    when it says none a KB can take."""

    @property
    def said(self) -> str:
        """The requirement with the rest of its process, as an edit adds it."""
        return f"{self.statement} {self.process}".strip()


def _bound_part(rest: str) -> str:
    """The rest of the range by its bound alone, where its case also says the topic ("if an
    item arrives cracked, chipped or broken and it cost £80 or less" → "if it cost £80 or
    less"): what a KB sentence on the topic needs said."""
    lead, _, bound = rest.rpartition(" and ")
    head = re.match(r"(?:if|when|where)\s", rest, re.I)
    if not lead or head is None or re.search(r"\d", lead) or not re.search(r"\d", bound):
        return rest
    if not re.match(r"(?:it|they|the\s+\w+)\s", bound, re.I):
        return rest
    return f"{head.group(0)}{bound}"


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


_PHOTO_NAMES = ("pictur", "photograph", "imag", "pic")
"""How a KB's words for what a prompt calls a photo begin (stems: "pictur" of "pictures")."""


def _noun(word: str) -> str:
    """A word's singular, a photo's other names said as "photo"."""
    single = _singular(word.lower())
    return "photo" if single.startswith(_PHOTO_NAMES) else single


def _voiced_need(found: re.Match[str]) -> str | None:
    """A requirement `_SAID_NEEDS` found, in the KB's voice ("they'll have to send …" → "you'll
    have to send …", "ask them to send …" → "we'll ask you to send …"); None when it names a
    tool."""
    said = found.group(0)
    if "`" in said:
        return None
    groups = found.groupdict()
    if groups.get("who") and not groups["who"].lower().startswith("you"):
        # "they'll have to send …": the KB speaks to the customer
        said = "you" + said[len(groups["who"]) :]
    if groups.get("ask"):
        at = found.start("ask") - found.start()
        rest = said[at + len(groups["ask"]) :]
        if at:
            # "first ask them to reply with photos": the step comes first
            rest = rest.rstrip() + " first"
        said = "we'll ask you" + rest
    return said


_NEED_SCAN = 2000


def need_in(text: str) -> tuple[str, str] | None:
    """The first thing `text` (a rule's sentences) says is required before we act, anywhere in
    it ("… and explain that we need a photo of their licence before their first ride"): what
    is required and the requirement in the KB's voice, or None."""
    text = text[:_NEED_SCAN]
    for pattern in _SAID_NEEDS:
        found = pattern.search(text)
        if found is None or _SAID_END.match(text, found.end()) is None:
            continue
        said = _voiced_need(found)
        if said is None:
            return None
        for addressee, replacement in ADDRESSEE:
            said = addressee.sub(replacement, said)
        return found.group("what").strip(), said
    return None


def _needs(text: str) -> tuple[re.Match[str], str, str, int] | None:
    """A prompt sentence's case and what it requires before we act (`_SAID_NEEDS`): the case
    match, what is required, the requirement in the KB's voice and where it ends."""
    case = _SCOPED_CASE.match(text)
    if case is None:
        return None
    for pattern in _SAID_NEEDS:
        found = pattern.match(text, case.end())
        if found is None or _SAID_END.match(text, found.end()) is None:
            continue
        said = _voiced_need(found)
        if said is None:
            return None
        return case, found.group("what").strip(), said, found.end()
    return None


_PROCESS_SPLIT = re.compile(
    r"\s*[:;.]\s+|,?\s+and\s+(?=(?:ask|tell|let|send|email|we|don't|don’t|do\s+not|never)\b)|,?\s+then\s+",
    re.I,
)
_WITH_TOOL = re.compile(
    r"\s+(?:with|using|via|by\s+calling)\s+`[^`]+`(?:\s+for\s+(?:the\s+)?`[^`]+`)?"
)
_TOLD_CLAUSE = re.compile(
    rf"^(?:tell|let)\s+(?:them|{_THEY})(?:\s+know)?\s+(?:that\s+)?(?P<told>.+)$", re.I
)
_ASK_CLAUSE = re.compile(r"^ask\s+(?:(?:them|the\s+\w+)\s+)?for\s+(?P<what>.+)$", re.I)
_SEND_CLAUSE = re.compile(
    r"^(?P<verb>send|email)\s+(?:(?:them|the\s+customer)\s+)?(?P<what>(?:the|an?)\s+.+)$", re.I
)
_WE = re.compile(r"^we(?:'ll|’ll|\s+will)?\s+", re.I)


def _process(rest: str) -> str:
    """What the prompt says happens next after a requirement (`rest`, the text after it), in
    the KB's voice: the agent's steps for the customer ("send the upload link with `tool`",
    "ask for a photo of the box labels") and what the customer is told ("tell the customer we
    refund within 3 working days of getting them"), without tools; a step saying not to act
    yet is left out (the requirement says it). "" when none is said so."""
    steps: list[str] = []
    told: list[str] = []
    for clause in _PROCESS_SPLIT.split(rest.strip()):
        clause = _WITH_TOOL.sub("", clause.strip().rstrip(".!")).strip()
        if not clause or "`" in clause or "{" in clause:
            continue
        if re.match(r"(?:don't|don’t|do\s+not|never|no)\b", clause, re.I):
            continue
        if (found := _TOLD_CLAUSE.match(clause)) is not None:
            statement = found.group("told")
            for pattern, replacement in ADDRESSEE:
                statement = pattern.sub(replacement, statement)
            if _WE.match(statement):
                steps.append(_WE.sub("", statement))
            else:
                told.append(statement[:1].upper() + statement[1:] + ".")
        elif (found := _ASK_CLAUSE.match(clause)) is not None:
            steps.append(f"ask you for {found.group('what')}")
        elif (found := _SEND_CLAUSE.match(clause)) is not None:
            steps.append(f"{found.group('verb').lower()} you {found.group('what')}")
    if not steps:
        return " ".join(told)
    listed = steps[0] if len(steps) == 1 else ", ".join(steps[:-1]) + ", and " + steps[-1]
    return " ".join([f"We'll {listed}.", *told])


def _own_steps(steps: Mapping[str, Sequence[str]] | None, rule: str, noun: str) -> list[str]:
    """The steps after a requirement's sentence that are about what it requires (they name
    it: "Ask for a photo of the box labels"), up to the first that is not (a step for every
    case: "Tell the customer the refund reaches their card within 3 working days")."""
    own = []
    for step in (steps or {}).get(rule, []):
        if noun not in {_singular(word) for word in terms(step)}:
            break
        own.append(step)
    return own


def _labelled(
    rules: Sequence[Any], sections: Mapping[str, Sequence[str]] | None
) -> tuple[list[Any], dict[int, Any], set[int]]:
    """The rules with each case a label gives said as a leading clause: "Items worth £60 or
    less: refund …" → "For items worth £60 or less, refund …", and a rule right after a
    label that only holds the action back ("Items worth more than £60: don't refund yet.")
    read under that label ("For items worth more than £60, ask the customer to reply with a
    photo …"); the original of each rule so read, and which were added sentences."""
    out: list[Any] = []
    originals: dict[int, Any] = {}
    added: set[int] = set()
    for rule in rules:
        text = flat(rule.new) if rule.new else ""
        said = None
        label = _LABEL.match(text) if text else None
        if label is not None:
            rest = label["rest"]
            said = f"For {lower_first(label['label'])}, {lower_first(rest)}"
        elif text and sections and rule.section in sections:
            lines = [flat(line) for line in sections[rule.section]]
            at = lines.index(text) if text in lines else -1
            held = _LABEL.match(lines[at - 1]) if at > 0 else None
            if held is not None and _HOLD.match(held["rest"].strip()):
                said = f"For {lower_first(held['label'])}, {lower_first(text)}"
        if said is None:
            out.append(rule)
            continue
        read = replace(rule, new=said)
        originals[id(read)] = rule
        if rule.kind == "sentence_added":
            added.add(id(read))
        out.append(read)
    return out, originals, added


def scoped_need(
    rules: Sequence[Any],
    steps: Mapping[str, Sequence[str]] | None = None,
    sections: Mapping[str, Sequence[str]] | None = None,
) -> ScopedNeed | None:
    """The first attributed prompt sentence that says "we need X before we act" for a case
    with a number ("If they come to more than £150"), beside another sentence of its section
    that the new version scoped to a case with a number and that still takes the action with a
    tool ("If the broken tiles come to £150 or less, refund them straight away with
    `refund_breakage`"). A pronoun subject ("they") is read as the other case's subject.
    None when the prompt says no such pair. A case a rule's label gives ("Items worth more
    than £60: …") is read as its leading clause (`_labelled`, with the new prompt's
    `sections`)."""
    rules, originals, added = _labelled(rules, sections)
    for rule in rules:
        if not rule.kind.startswith("sentence") or not rule.new:
            continue
        text = flat(rule.new)
        needs = _needs(text)
        if needs is None:
            continue
        found, what, said_need, end = needs
        # the head of "a photo of the fish" is the photo
        head = terms(re.split(r"\s+of\s+", what, maxsplit=1)[0])
        noun = _singular(head[-1]) if head else ""
        if not noun:
            continue
        for other in rules:
            if other is rule or other.section != rule.section or not other.new:
                continue
            if not other.kind.startswith("sentence"):
                continue
            # a labelled rule the new version added beside the unscoped one it rewrote
            if not other.old and id(other) not in added:
                continue
            case = _CASE_RULE.match(flat(other.new))
            tool = _TOOL.search(other.new)
            if case is None or tool is None or _CASE_RULE.match(flat(other.old or "")):
                continue
            rest = case.group("case")
            own = found.group("case")
            shorts = ("", "")
            if _PRONOUN.match(own):
                # "they come to more than £150" → "the broken tiles come to more than £150"
                verb = _PRONOUN.sub("", own).split()[0]
                at = re.search(rf"\s{re.escape(verb)}\b", rest)
                if at is None:
                    continue
                pronoun = _PRONOUN.match(own)
                assert pronoun is not None
                shorts = (pronoun.group(0) + rest[at.start() + 1 :], own)
                own = rest[: at.start()] + " " + _PRONOUN.sub("", own)
            said = f"{found.group('lead')} {own}, {said_need}."
            return ScopedNeed(
                originals.get(id(rule), rule),
                what,
                noun,
                tool.group("tool"),
                _bound_part(lower_first(case.group(0)[: case.start("rest")].rstrip(", "))),
                said[:1].upper() + said[1:],
                *shorts,
                process=_process(
                    " ".join(
                        [text[end:], *_own_steps(steps, originals.get(id(rule), rule).new, noun)]
                    )
                ),
            )
    return None


@once_per_change
def change_scoped_need(facts: Any) -> ScopedNeed | None:
    """`scoped_need` of a change (`drafting.facts.ChangeFacts`), its steps and the new prompt's
    sections read with it; kept for the change `reading_change` holds, as every KB sentence
    asks for it."""
    return scoped_need(facts.rules, facts.next_steps, facts.prompt_sections)


def scoped_need_reason(need: ScopedNeed | None, sentence: str) -> str | None:
    """Why a KB sentence is wrong for the scoped part of the range (it says what is now
    required is not needed, or that the action is taken at once), or None."""
    if need is None or not (says_not_needed(need, sentence) or says_at_once(need, sentence)):
        return None
    return f"{SCOPED_NEED_REASON} {need.what} first: {need.statement}"


def says_not_needed(need: ScopedNeed, sentence: str) -> bool:
    """Whether a KB sentence says what is now required for part of the range is not needed
    ("There's no need to send us photos: we take your word for it."): a "no need" phrase with
    its head word in the same clause."""
    for start, end in kb_clauses(sentence):
        clause = sentence[start:end]
        found = _NOT_NEEDED.search(clause)
        if found is None:
            continue
        if _noun(need.noun) in {_noun(word) for word in terms(clause[found.end() :])}:
            return True
    return False


def says_at_once(need: ScopedNeed, sentence: str) -> bool:
    """Whether a KB sentence (not a table row) says the action is taken at once ("We refund
    the broken tiles straight away."): a word of "at once" in a sentence promising the tool's
    action, with no "no need" phrase before it."""
    found = _AT_ONCE.search(sentence)
    if found is None or no_need_before(sentence[: found.start()]):
        return False
    verb = need.tool.split("_")[0]
    # "We've sent a replacement … straight away" for `send_replacement`: its noun
    nouns = [word for word in need.tool.split("_")[1:] if len(word) > 5]
    return (
        promises_action(need.tool, sentence)
        or (
            len(verb) > 3
            and re.search(rf"\b{re.escape(verb)}(?:s|ed)?\b", sentence, re.I) is not None
        )
        or any(re.search(rf"\b{re.escape(noun)}s?\b", sentence, re.I) for noun in nouns)
    )


_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def _scoped(sentence: str, condition: str) -> str | None:
    """`sentence` with `condition` as its leading clause ("There's no need …" → "If the broken
    tiles come to £150 or less, there's no need …"); None when its first word cannot be
    lowercased (a name)."""
    marker = _MARKER.match(sentence)
    if marker is not None:
        said = _scoped(sentence[marker.end() :], condition)
        return None if said is None else sentence[: marker.end()] + said
    # "…, whatever it cost.": a claim over the whole range the case now bounds
    sentence = _EVERY_PRICE.sub("", sentence)
    # "Whether it's a little vanity mirror or a floor mirror, …": so is a claim over every kind
    whether = _WHETHER_LEAD.match(sentence.lstrip())
    if whether is not None:
        lead = sentence.lstrip()[whether.end() :]
        sentence = sentence[: len(sentence) - len(sentence.lstrip())] + lead
    lead = sentence.lstrip()
    first = lead.split(" ", 1)[0]
    if first.lower() not in _LOWERABLE:
        return None
    said = condition[:1].upper() + condition[1:]
    return sentence[: len(sentence) - len(lead)] + f"{said}, {lead[:1].lower()}{lead[1:]}"


_WHETHER_LEAD = re.compile(r"whether\s[^,:;.!?]+?\sor\s[^,:;.!?]+,\s+", re.I)
_EVERY_PRICE = re.compile(
    r",\s+(?:whatever|however\s+much|no\s+matter\s+(?:what|how\s+much))\s+(?:it|they|the\s+\w+)"
    r"\s+(?:cost|costs|was|were|is|are)(?:\s+worth)?(?=\s*[.!?;:])",
    re.I,
)


def scoped_edit(text: str, need: ScopedNeed, marked: set[str]) -> str | None:
    """`text` with each `marked` sentence said for the rest of the range only (`_scoped`) and
    the scoped requirement (`need.statement`) said after the last of them. None when a marked
    sentence is a table row or cannot be scoped: the edit would say the old way for the whole
    range."""
    item_units = units(text)
    changes: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        if unit.text not in marked:
            continue
        if unit.raw.lstrip().startswith("|"):
            row = _scoped_row(text, unit.start, unit.raw, need)
            if row is None:
                return None
            changes[index] = row
            continue
        # a sentence right after one just scoped goes on in its case
        follows = index - 1 in changes and "\n" not in text[item_units[index - 1].end : unit.start]
        said = _scoped(unit.raw, "in that case" if follows else need.rest)
        if said is None:
            return None
        changes[index] = said
    prose = [index for index in changes if not item_units[index].raw.lstrip().startswith("|")]
    if not prose:
        return replace_units(text, changes, item_units)
    last = max(prose)
    body = changes[last].rstrip()
    changes[last] = f"{body} {need.said}" + changes[last][len(body) :]
    return replace_units(text, changes, item_units)


_NONE_CELL = re.compile(r"^(?P<none>nothing|none|no\b[^,;]*)(?P<after>.*)$", re.I | re.S)
_NEED_HEADER = re.compile(r"\bneeds?\b|\brequire", re.I)


def _scoped_row(text: str, start: int, raw: str, need: ScopedNeed) -> str | None:
    """A table row saying nothing is needed and the action is taken at once ("| Tiles arrived
    broken | Nothing, just tell us within 7 days | Refund the broken tiles straight away |"),
    said for both parts of the range in its own cells: the cell under a "need" header says
    nothing for the rest of the range and what is required for the scoped part ("Nothing if
    they come to £150 or less; photos if they come to more than £150, just tell us …"), the
    cell saying "at once" is scoped to the rest ("… straight away if they come to £150 or
    less"). None when the prompt names no pronoun forms, the table has no such header, or no
    cell says either."""
    if not need.rest_short or not need.scope_short:
        return _two_cell_row(raw, need)
    block = text[:start].rstrip("\n").split("\n")
    rows = []
    for line in reversed(block):
        if not line.lstrip().startswith("|"):
            break
        rows.append(line)
    if len(rows) < 2:
        return None
    header = padded_cells(rows[-1])
    cells = padded_cells(raw)
    if len(header) != len(cells):
        return None
    said = list(cells)
    needed = scoped = False
    for index, (head, cell) in enumerate(zip(header, cells, strict=True)):
        body = cell.strip()
        none = _NONE_CELL.match(body)
        if _NEED_HEADER.search(head) and none is not None and not needed:
            # "Nothing, just tell us …": telling is no longer all that is needed
            after = re.sub(r"^\s*[,;]\s*just\s+", "; ", none.group("after"))
            new = (
                f"{none.group('none')} if {need.rest_short}; {need.what} if {need.scope_short}"
                f"{after}"
            )
            said[index] = cell.replace(body, new)
            needed = True
        elif says_at_once(need, body) or (_AT_ONCE.search(body) and index == len(cells) - 1):
            said[index] = cell.replace(body, f"{body} if {need.rest_short}")
            scoped = True
    if not (needed and scoped):
        return None
    lead = raw[: len(raw) - len(raw.lstrip())]
    trail = raw[len(raw.rstrip()) :]
    return f"{lead}|{'|'.join(said)}|{trail}"


def _two_cell_row(raw: str, need: ScopedNeed) -> str | None:
    """A row of a key and what happens ("| Your item arrives damaged | Replacement sent
    straight away, no photo needed |") saying the action at once or that nothing is needed:
    its value said for the rest of the range, then what the scoped part needs ("…, no photo
    needed if it cost £80 or less; if the damaged item cost more than £80, we'll ask you to
    reply with a photo … first"). None for any other row."""
    cells = padded_cells(raw)
    if len(cells) != 2:
        return None
    body = cells[1].strip()
    if not body or not (says_at_once(need, body) or says_not_needed(need, body)):
        return None
    scoped = need.statement.rstrip(".")
    said = f"{body.rstrip('.')} {need.rest}; {scoped[:1].lower()}{scoped[1:]}"
    return with_one_cell(raw, lambda cell: cell.strip() == body, lambda _cell: said)


def scoped_need_fact(
    rules: Sequence[Any],
    steps: Mapping[str, Sequence[str]] | None = None,
    sections: Mapping[str, Sequence[str]] | None = None,
) -> str | None:
    """What a drafting model is told of a requirement added for part of a range, the same
    facts the template's edit rests on; None when the prompt adds none."""
    need = scoped_need(rules, steps, sections)
    if need is None:
        return None
    return (
        f"the new prompt now requires {need.what} first only for part of the range (it says "
        f"“{need.rule.new}”); {need.rest} nothing changes: text saying {need.what} are not "
        "needed, or that the action is taken at once, stays true for the rest of the range and "
        f"says so (“{_scoped('We do it straight away.', need.rest)}”), and the item adds what "
        f"the scoped part needs, in its voice (“{need.said}”)"
    )


def scoped_need_unsaid(
    rules: Sequence[Any],
    conflicts: Sequence[Any],
    body: str,
    new_body: str,
    sections: Mapping[str, Sequence[str]] | None = None,
) -> list[str]:
    """What a model's edit of an item `impact` marked for a requirement added for part of a
    range (`SCOPED_NEED_REASON`) does wrong: a marked sentence kept word for word (the old way
    still said for the whole range), or no added text naming what is now required."""
    need = scoped_need(rules, None, sections)
    marked = marked_for(conflicts, SCOPED_NEED_REASON)
    if need is None or not marked:
        return []
    kept = kept_word_for_word(marked, new_body)
    if kept:
        return [
            f"“{kept[0]}” still says the old way for the whole range: say it for the rest of "
            f"the range only ({need.rest}) and what the scoped part now needs"
        ]
    before = " ".join(body.split())
    added = [
        sentence
        for line in new_body.splitlines()
        if " ".join(line.split()) not in before
        for sentence in re.split(r"(?<=[.!?;|])\s+", line)
    ]
    # a sentence naming what is required that does not say it is not needed
    if not any(
        need.noun in {_singular(word) for word in terms(sentence)}
        and not says_not_needed(need, sentence)
        for sentence in added
    ):
        return [
            f"the new body does not say that {need.what} are now needed for part of the range "
            f"(“{need.statement}”)"
        ]
    return []
