"""KB text that names, beside other cases, the case a change is limited to: a sentence whose
subject lists it with others ("Corked bottles and bottles that don't match your card are
checked by our team"), a list item under a lead that says what happens to every item, and the
words the new prompt uses for what it now does ("send a replacement with `send_replacement`").

Pure text helpers: the template drafter splits the case off such a sentence, drops its list
item, and says the new handling for it in a sentence of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.rules import ADDRESSEE, restated_rule
from behaviordiff.drafting.text import LIST_MARKER, NUMBER_MARKER, Unit, terms, units

LIST_ITEM = re.compile(rf"^(?P<marker>\s*{LIST_MARKER}\s+)(?P<text>.+?)\s*$", re.S)
"""A Markdown bullet or numbered list item: its marker and its text."""

_COORDINATOR = re.compile(r",\s+(?:and|or)\s+|\s+(?:and|or)\s+|,\s+")
# where a sentence's subject ends: the clause after it ("…, so I've passed it on"), or the verb
_CLAUSE_END = re.compile(r",\s+(?:so|and|but|which|because|as|then)\s+|;|:|\s+so\s+")
_SUBJECT_VERB = re.compile(
    r"\s+(?:are|is|were|was|get|gets|go|goes|have|has|need|needs|will|can|must|should|may)\b"
)
_PLURAL_VERBS = {"are": "is", "were": "was", "have": "has", "need": "needs", "go": "goes"}
_SINGULAR = re.compile(r"^(?:a|an|one|each|every|this|that|the\s+\w+(?<!s))\b", re.I)
_MAX_CONJUNCT_WORDS = 10


def names_case(words: Sequence[set[str]], text: str) -> bool:
    """Whether `text` names one of the cases given as the stems of its words (`terms`)."""
    said = _singular(terms(text))
    return any(case and _singular(case) <= said for case in words)


def _singular(stems: Iterable[str]) -> set[str]:
    """Stems with a plural's "s" off: "keys" is the "key" a condition value names."""
    return {word[:-1] if len(word) > 3 and word.endswith("s") else word for word in stems}


def list_item(raw: str) -> re.Match[str] | None:
    """The marker and text of a list item unit's raw text, or None for any other unit."""
    return LIST_ITEM.match(raw)


_BARE_MARKER = re.compile(rf"^\s*{NUMBER_MARKER}$")
"""A numbered item's marker as a unit of its own: `units` reads "1. A corked bottle" as the
sentence "1." and the sentence "A corked bottle"."""


def list_item_text(text: str, item_units: Sequence[Unit], index: int) -> str | None:
    """The text of list item `index` without its marker ("- a corked bottle", or "A corked
    bottle" after its own "1." on the same line); None for a unit that is no list item."""
    unit = item_units[index]
    found = list_item(unit.raw)
    if found is not None:
        return found.group("text")
    marker = item_units[index - 1] if index > 0 else None
    if marker and _BARE_MARKER.match(marker.raw) and "\n" not in text[marker.end : unit.start]:
        return unit.raw.strip()
    return None


def _in_list(text: str, item_units: Sequence[Unit], index: int) -> bool:
    return bool(
        _BARE_MARKER.match(item_units[index].raw)
        or list_item_text(text, item_units, index) is not None
    )


def list_lead(text: str, item_units: Sequence[Unit], index: int) -> Unit | None:
    """The sentence that introduces the list item `index` belongs to (the unit before the
    list's first item, ending in a colon), or None when the list has none."""
    first = index
    while first > 0 and _in_list(text, item_units, first - 1):
        first -= 1
    if first == 0:
        return None
    lead = item_units[first - 1]
    return lead if lead.raw.rstrip().endswith(":") else None


def list_items(text: str, item_units: Sequence[Unit], index: int) -> list[int]:
    """The indexes of the items of the list item `index` belongs to (markers of their own
    left out)."""
    first = last = index
    while first > 0 and _in_list(text, item_units, first - 1):
        first -= 1
    while last + 1 < len(item_units) and _in_list(text, item_units, last + 1):
        last += 1
    return [i for i in range(first, last + 1) if list_item_text(text, item_units, i) is not None]


def split_case_off(sentence: str, words: Sequence[set[str]]) -> tuple[str, str] | None:
    """(the sentence without the conjunct of its subject that names the case, that conjunct)
    for a sentence whose subject lists the case with others: "Corked bottles and bottles
    that don't match your card are checked by our team, so …" → ("Bottles that don't match
    your card are checked by our team, so …", "Corked bottles"). The verb agrees with what
    is left ("A corked bottle and a wrong bottle are …" → "A wrong bottle is …"). None when
    the subject names no other case, or its conjuncts cannot be told apart."""
    lead = len(sentence) - len(sentence.lstrip())
    body = sentence[lead:]
    end = _CLAUSE_END.search(body)
    verb = _SUBJECT_VERB.search(body, 0, end.start() if end else len(body))
    if verb is None:
        return None
    subject = body[: verb.start()]
    parts: list[tuple[int, int]] = []
    cursor = 0
    separators: list[tuple[int, int]] = []
    for match in _COORDINATOR.finditer(subject):
        parts.append((cursor, match.start()))
        separators.append((match.start(), match.end()))
        cursor = match.end()
    parts.append((cursor, len(subject)))
    # "corked or faulty bottles": a lone word that is no plural noun describes the next one
    at = 0
    while at < len(parts) - 1:
        word = subject[parts[at][0] : parts[at][1]].split()
        if len(word) == 1 and not word[0].lower().endswith("s"):
            parts[at : at + 2] = [(parts[at][0], parts[at + 1][1])]
            del separators[at]
        else:
            at += 1
    if len(parts) < 2:
        return None
    named = [i for i, (start, stop) in enumerate(parts) if names_case(words, subject[start:stop])]
    if not named or any(len(subject[a:b].split()) > _MAX_CONJUNCT_WORDS for a, b in parts):
        return None
    # the case named in several conjuncts next to each other ("corked bottles and faulty
    # bottles" for corked and faulty): one run, taken out whole
    first, last = named[0], named[-1]
    if last - first + 1 != len(named) or len(named) == len(parts):
        return None
    parts[first : last + 1] = [(parts[first][0], parts[last][1])]
    del separators[first:last]
    at = first
    start, stop = parts[at]
    conjunct = subject[start:stop]
    if at == 0:
        rest = subject[separators[0][1] :]
        rest = rest[:1].upper() + rest[1:]
    elif at < len(parts) - 1:
        # "A, B and C" without B: "A and C" (the separator after B stays)
        rest = subject[: separators[at - 1][0]] + subject[separators[at][0] :]
    elif at == 1:
        rest = subject[: separators[0][0]]
    else:
        # "A, B and C" without C: "A and B" (the last joiner moves before B)
        joiner = subject[separators[at - 1][0] : separators[at - 1][1]]
        rest = (
            subject[: separators[at - 2][0]]
            + joiner
            + subject[separators[at - 2][1] : separators[at - 1][0]]
        )
    left = len(parts) - 1
    tail = body[verb.start() :]
    if left == 1 and _SINGULAR.match(rest.strip()):
        verb_word = re.match(r"\s+(\w+)", tail)
        if verb_word and verb_word.group(1) in _PLURAL_VERBS:
            plural = verb_word.group(1)
            tail = tail.replace(plural, _PLURAL_VERBS[plural], 1)
    return sentence[:lead] + rest + tail, conjunct.strip()


# a verb whose object lists what a team takes on ("handles all breakdowns, damage and …")
_OBJECT_VERB = re.compile(
    r"\b(?:handles?|covers?|deals? with|looks? after|takes? care of|sorts? out|manages?)"
    r"(?:\s+(?:all|any|every))?\s+",
    re.I,
)


def split_object_case_off(sentence: str, words: Sequence[set[str]]) -> tuple[str, str] | None:
    """(the sentence without the conjunct of its object list that names the case, that
    conjunct) for a sentence whose verb takes on the case with others: "Our team handles all
    leaks, noise and rust, so call us" → ("Our team handles all noise and rust, so call us",
    "leaks"). None when the object names no other case, or its conjuncts cannot be told
    apart."""
    verb = _OBJECT_VERB.search(sentence)
    if verb is None:
        return None
    start = verb.end()
    end_match = _CLAUSE_END.search(sentence, start)
    stop = end_match.start() if end_match else len(sentence.rstrip().rstrip(".!"))
    span = sentence[start:stop]
    separators = [(m.start(), m.end()) for m in _COORDINATOR.finditer(span)]
    if not separators:
        return None
    bounds = [0, *(b for sep in separators for b in sep), len(span)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if any(len(span[a:b].split()) > _MAX_CONJUNCT_WORDS or a == b for a, b in parts):
        return None
    named = [i for i, (a, b) in enumerate(parts) if names_case(words, span[a:b])]
    if len(named) != 1:
        return None
    at = named[0]
    conjunct = span[parts[at][0] : parts[at][1]]
    if at == 0:
        rest = span[separators[0][1] :]
    elif at < len(parts) - 1:
        rest = span[: separators[at - 1][0]] + span[separators[at][0] :]
    elif at == 1:
        rest = span[: separators[0][0]]
    else:
        # "A, B and C" without C: "A and B" (the last joiner moves before B)
        joiner = span[separators[at - 1][0] : separators[at - 1][1]]
        rest = (
            span[: separators[at - 2][0]]
            + joiner
            + span[separators[at - 2][1] : separators[at - 1][0]]
        )
    return sentence[:start] + rest + sentence[stop:], conjunct.strip()


def other_cases(sentence: str, words: Sequence[set[str]]) -> list[set[str]]:
    """The other cases a sentence hands over beside the case (`words`), each as the stems of
    its words: the conjuncts of its subject ("Corked bottles and wrong bottles are …") or of
    its verb's object ("Our team handles all leaks, noise and rust") that name no such case.
    [] when the sentence lists nothing beside the case."""
    lead = sentence.strip()
    end = _CLAUSE_END.search(lead)
    verb = _OBJECT_VERB.search(lead)
    if verb is not None and (end is None or verb.start() < end.start()):
        stop = _CLAUSE_END.search(lead, verb.end())
        span = lead[verb.end() : stop.start() if stop else len(lead.rstrip(".!"))]
    else:
        subject = _SUBJECT_VERB.search(lead, 0, end.start() if end else len(lead))
        span = lead[: subject.start()] if subject else ""
    parts = [part for part in _COORDINATOR.split(span) if part.strip()]
    if not any(names_case(words, part) for part in parts):
        return []
    return [
        found for part in parts if not names_case(words, part) and (found := _singular(terms(part)))
    ]


_TOOL_USE = r"(?:with|using|via|through|by calling)\s+(?:the\s+)?`?{tool}`?"


def tool_phrase(rule: str, tool: str) -> str | None:
    """What a prompt sentence tells the agent to do with `tool`, as the verb phrase before
    it ("A corked bottle: send a replacement with `send_replacement`; …" → "send a
    replacement"), or after "use `tool` to" ("Use `book_visit` to book the earliest visit"
    → "book the earliest visit"); None when the sentence says neither."""
    name = re.escape(tool)
    before = re.search(rf"([^:;,.()]+?)\s+{_TOOL_USE.format(tool=name)}", rule, re.I)
    if before is not None:
        phrase = before.group(1).strip()
    else:
        after = re.search(
            rf"\b(?:use|call)\s+(?:the\s+)?`?{name}`?(?:\s+tool)?\s+to\s+([^:;,.()]+)", rule, re.I
        )
        if after is None:
            return None
        phrase = after.group(1).strip()
    phrase = re.sub(r"^(?:then|please|always|just)\s+", "", phrase, flags=re.I)
    first = phrase.split()[0] if phrase.split() else ""
    if re.fullmatch(r"[A-Z][a-z]+", first):
        # a sentence that starts with the imperative ("… over. Arrange a swap with `x`")
        first = first.lower()
        phrase = first + phrase[len(first) :]
    # an imperative: a lowercase verb, no subject of its own ("we", "the agent")
    if not re.fullmatch(r"[a-z]+", first) or first in {"we", "you", "the", "a", "an", "it"}:
        return None
    if "`" in phrase or len(phrase.split()) > 8:
        return None
    for pattern, replacement in ADDRESSEE:
        phrase = pattern.sub(replacement, phrase)
    # the prompt's "you" is the agent: "we … ourselves" in the KB's voice
    return re.sub(r"\byourself\b", "ourselves", phrase)


def changed_cases(facts: ChangeFacts) -> list[set[str]]:
    """The categories the change's condition is limited to ("issue_type = corked", "plan in
    {basic, trial}"), each as the stems of its words: how a KB names the case."""
    condition = facts.condition
    found: list[set[str]] = []
    for atom in condition.atoms if condition else ():
        if atom.op not in ("=", "in"):
            continue
        values = atom.value if isinstance(atom.value, tuple) else (atom.value,)
        for value in values:
            if isinstance(value, str) and (words := set(terms(value.replace("_", " ")))):
                found.append(words)
    return found


def _case_words(case: str) -> str:
    """A case as the object of "For …": its first letter lowercased unless it starts a name
    or an acronym ("Corked bottles" → "corked bottles", "VIP members" stays)."""
    first = case.split()[0] if case.split() else ""
    if len(first) > 1 and (first[1:2].isupper() or first.isupper()):
        return case
    return case[:1].lower() + case[1:]


def case_sentence(case: str, phrase: str) -> str:
    """The new handling of a case in a KB's voice: "For corked bottles, we send a
    replacement instead."."""
    return f"For {_case_words(case)}, we {phrase} instead."


def handling_sentence(rule: str, phrase: str) -> str:
    """What we now do for the case, with what the customer is told when the new prompt's rule
    (`rule`) states a value ("… and tell them a patch kit will arrive within 2 days"), as a
    sentence of the KB: "We'll post a patch kit, and a patch kit will arrive within 2 days." It
    takes the place of the old hand-off's promise ("They'll call you within 1 day.")."""
    _, told = restated_rule(rule)
    said = next((t for t in told if re.search(r"\d", t) and "`" not in t), "")
    return f"We'll {phrase}" + (f", and {said.rstrip('.')}" if said else "") + "."


def _paragraph_end(text: str, item_units: Sequence[Unit], index: int) -> int:
    """Where the paragraph of the sentence `index` ends (the end of its last sentence)."""
    at = index
    while at + 1 < len(item_units):
        gap = text[item_units[at].end : item_units[at + 1].start]
        nxt = item_units[at + 1].raw
        if (
            "\n\n" in gap.replace("\r", "")
            or nxt.lstrip().startswith("#")
            or _in_list(text, item_units, at + 1)
        ):
            break
        at += 1
    return item_units[at].end


def split_cases_off(
    text: str, marked: set[str], words: Sequence[set[str]], phrase: str
) -> tuple[str, list[str]] | None:
    """`text` with the case the change is limited to taken out of each unit of `marked` (the
    units that hand it over, flattened) and its new handling said once per unit (`phrase`,
    what the agent now does, as a verb phrase), every other byte kept; with the cases taken
    out. A sentence loses the case's conjunct (`split_case_off`) and the paragraph it ends
    says the new handling; a list item goes (its line with it) and a paragraph after the
    list says it. None when a unit of `marked` cannot be split, or a list would be left
    with no item."""
    item_units = units(text)
    edits: list[tuple[int, int, str]] = []
    cases: list[str] = []
    done_lists: set[int] = set()
    for index, unit in enumerate(item_units):
        if unit.text not in marked:
            continue
        item = list_item_text(text, item_units, index)
        if item is not None:
            siblings = list_items(text, item_units, index)
            left = [i for i in siblings if item_units[i].text not in marked]
            if not left:
                return None
            case = item.rstrip(" .;,")
            start = text.rfind("\n", 0, unit.start) + 1
            end = unit.end
            end += len(re.match(r"\r?\n?", text[end:]).group(0))  # type: ignore[union-attr]
            edits.append((start, end, ""))
            cases.append(case)
            if siblings[0] not in done_lists:
                done_lists.add(siblings[0])
                named = [
                    said.rstrip(" .;,")
                    for i in siblings
                    if item_units[i].text in marked
                    and (said := list_item_text(text, item_units, i)) is not None
                ]
                sentence = case_sentence(" and ".join(named), phrase)
                at = item_units[left[-1]].end
                edits.append((at, at, "\n\n" + sentence))
            continue
        split = split_case_off(unit.raw, words) or split_object_case_off(unit.raw, words)
        if split is None:
            return None
        kept, case = split
        edits.append((unit.start, unit.end, kept))
        cases.append(case)
        at = _paragraph_end(text, item_units, index)
        edits.append((at, at, " " + case_sentence(case, phrase)))
    if not edits:
        return None
    # inserts sort after the replacement that ends where they go
    edits.sort(key=lambda edit: (edit[0], edit[1]))
    out: list[str] = []
    cursor = 0
    for start, end, new in edits:
        if start < cursor:
            return None
        out.append(text[cursor:start])
        out.append(new)
        cursor = end
    out.append(text[cursor:])
    return "".join(out), cases
