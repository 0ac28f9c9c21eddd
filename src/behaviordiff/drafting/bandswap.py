"""An action the new version swaps for another past a line on a number a tool returns, and keeps
for the rest: "Every complaint is handled by phone this way, however long ago the order was
delivered." (with "arrange a phone callback with `request_callback` …") became "If the order was
delivered 14 days ago or less, arrange a phone callback with `request_callback` …", "If the
order was delivered more than 14 days ago, don't arrange a callback." and "Send our written
claims form with `send_claims_form` … our claims team replies by email within 5 working days."
(`band_swap`). Not a hand-off stopped (`bandhandoff`), not one tool's argument re-routed
(`rerouted`): one tool of our own gives way to another.

A KB sentence claiming the old way for every case ("However long ago your tea arrived, we
always sort complaints out by phone, so there's no form to fill in …", "Every complaint is
handled by a phone call …, however long ago your order was delivered") is no longer true past
the line, and a step of an article stating the old action for everyone ("We arrange a phone
callback") no longer holds for all. The edit (`band_swap_edit`) keeps the old way for the rest
of the range in the prompt's own words ("If your order was delivered 14 days ago or less, we
sort complaints out by phone …"), drops what the new way makes false ("no form to fill in",
when the new tool sends a form), and says the new way once, after the first sentence it
narrowed ("If your order was delivered more than 14 days ago, we'll send our written claims
form, …"). A macro's sentence reporting the old action done ("I've asked our team to give you a
call") stays: the macro is still sent to the customers who get it. A drafting model gets the
same fact (`band_swap_fact`) and its edit the same check (`still_swapped_for_every_case`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.bandhandoff import OTHER_SIDE, band_handoff
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.rules import lower_head, rule_parts, to_you
from behaviordiff.drafting.scopedneed import change_scoped_need
from behaviordiff.drafting.subsets import handling_sentence, tool_phrase
from behaviordiff.drafting.text import (
    Keep,
    Unit,
    lower_first,
    rewrite_units,
    stem,
    still_saying,
    terms,
)

BAND_SWAP_REASON = "claims the old way for every case; past the line it now gives way to"
STEP_REASON = "states the old action for everyone; past the line it now gives way to"

_LEAD = re.compile(
    r"^(?P<clause>(?:however\s+(?:long|much|many|old|far)|whatever|whenever|no\s+matter|"
    r"regardless\s+of)\b[^,;:.!?]*),\s*",
    re.I,
)
"""A leading clause claiming the rest of the sentence whatever the case ("However long ago
your tea arrived, …")."""
_TRAIL = re.compile(
    r",?(?<!\s)\s*+\b(?:however\s+(?:long|much|many|old|far)|whatever|no\s+matter|regardless\s+of)\b"
    r"[^;:.!?]*$",
    re.I,
)
"""A trailing clause claiming the sentence whatever the case (", however long ago your order
was delivered"), to the end of the sentence."""


def _trail(text: str) -> re.Match[str] | None:
    """`_TRAIL` in `text`, searched after its last clause mark only (no match holds one): from
    every "whatever" of one repeated before a mark, each try would scan to it (quadratic)."""
    return _TRAIL.search(text, max(text.rfind(mark) for mark in ";:.!?") + 1)


_EVERY = re.compile(
    r"^(?P<every>every|each|any)\s+(?=[a-z]+\s+(?:is|are|goes|go|gets|get|can|may)\b)", re.I
)
"""A subject claimed for every case at the start of a sentence ("Every complaint is …", "Any
member can book …")."""
_NOUN_HEAD = re.compile(r"^For (?P<noun>[a-z]+) (?P<band>[^,;:]{1,80})$")
"""A kept head naming whom it is about, then its band ("For pupils aged 13 and over")."""
_NEED = re.compile(
    r"^(?:(?:an?|the|their|your)\s+)?[a-z][\w'’ -]{0,60}?\s+"
    r"(?:must|needs?\s+to|has\s+to|have\s+to)\s+[a-z][^`{}]{0,160}$"
    r"|^we\s+(?:need|require)\s+[a-z][^`{}]{0,160}\s+(?:first|beforehand|before\s+[^`{}]{1,80})$",
    re.I,
)
"""A step the line now requires, stated for whom it falls to ("a parent or guardian must
confirm a password reset first", "the member needs to send a photo of their ID first", "we need
a parent's signed consent form first")."""
_ALWAYS = re.compile(r"(?<!\s)\s++\b(?:always|in every case|in all cases)\b", re.I)
# (a run of spaces in both is tried from its start only, taken whole: quadratic otherwise)
_VERB_FIRST = {"send", "email", "arrange", "request", "book", "issue", "create", "open", "ask"}
_CONDITIONAL = re.compile(r"^(?:if|when|whenever|for|once|after|before|unless|where)\b", re.I)
_HEAD_YOU = re.compile(
    r"\bthe (account|order|card|booking|subscription|parcel|item|bike|car|device)\b", re.I
)


@dataclass(frozen=True)
class BandSwap:
    """One action of ours swapped for another past a line on a number a tool returns."""

    old_tool: str
    new_tool: str
    kept_head: str
    """Who keeps the old way, in the KB's voice ("If your order was delivered 14 days ago or
    less")."""
    scoped_head: str
    """Who gets the new way ("If your order was delivered more than 14 days ago")."""
    line: str
    """The line as the prompt writes it ("14")."""
    handling: str
    """What we now do past the line, in the KB's voice, without its head ("we'll send our
    written claims form, and our claims team replies by email within 5 working days once you
    send it back.")."""
    old_words: frozenset[str]
    """Stems naming the old way: the old tool's object ("callback") and its channel ("phone",
    "call")."""
    object_words: frozenset[str]
    """Stems of the old tool's object alone ("callback"): a step naming it states the action."""
    new_nouns: tuple[str, ...]
    """The thing the new tool sends or makes ("form"): a KB clause saying there is none is
    false past the line."""
    need: str = ""
    """The step the new prompt now requires past the line, stated after the line's head ("a
    parent or guardian must confirm a password reset first"), in the KB's voice; "" when it
    states none."""

    @property
    def scoped_sentence(self) -> str:
        if self.need:
            return f"{self.scoped_head}, {self.need}: {self.handling}"
        return f"{self.scoped_head}, {self.handling}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _stated(line: str, text: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(line)}(?![\d]|[.,]\d)", text) is not None


def _head(text: str) -> str | None:
    parts = rule_parts(text)
    return parts[0] if parts is not None else None


def _kb_head(head: str) -> str:
    """A rule's head as the KB's leading clause: "If the order was …" → "If your order was …";
    a label ("Missing items priced over $25") → "For missing items priced over $25"."""
    said = _HEAD_YOU.sub(r"your \1", to_you(head.strip()))
    if not _CONDITIONAL.match(said):
        said = "For " + lower_head(said)
    return said[:1].upper() + said[1:]


def _need(text: str) -> str:
    """The step a rule states as required after its head ("Pupils under 13: a parent or
    guardian must confirm a password reset first." → "a parent or guardian must confirm a
    password reset first"), in the KB's voice; "" when its body is no such statement (an
    instruction: "don't book a visit")."""
    parts = rule_parts(text)
    if parts is None:
        return ""
    first = re.split(r";\s+|:\s+|\.\s+", parts[1], maxsplit=1)[0].strip().rstrip(".")
    if _NEED.match(first) is None or first.split(" ", 1)[0].lower() in _NOT_SUBJECT:
        return ""
    return lower_head(to_you(first))


_NOT_SUBJECT = frozenset({"do", "don't", "don’t", "never", "always", "please", "if", "when"})


def _flipped(head: str, line: str, op: str) -> str | None:
    """The kept head said for the other side of the line, when it ends saying its side one of
    the plain ways ("14 days ago or less" ↔ "more than 14 days ago")."""
    n = re.escape(line)
    if op in (">", ">="):
        found = re.search(rf"\b{n}(?P<unit>(?:\s+[a-z]+){{0,3}}?)\s+or\s+(?:less|under)$", head)
        if found is not None and op == ">":
            return f"{head[: found.start()]}more than {line}{found.group('unit')}"
    elif op == "<=":
        found = re.search(rf"\b(?:more than|over)\s+{n}(?P<unit>(?:\s+[a-z]+){{0,3}})$", head)
        if found is not None:
            return f"{head[: found.start()]}{line}{found.group('unit')} or less"
    return None


def _texts(facts: ChangeFacts) -> list[tuple[str | None, str]]:
    """(section, sentence) of the new prompt: the change's rules, then every section's."""
    found: list[tuple[str | None, str]] = [
        (rule.section, str(rule.new)) for rule in facts.rules if rule.new
    ]
    for section, sentences in facts.prompt_sections.items():
        found += [(section, s) for s in sentences if (section, s) not in found]
    return found


def _tool_words(name: str) -> list[str]:
    words = [w for w in name.lower().split("_") if w]
    return words[1:] if len(words) > 1 and words[0] in _VERB_FIRST else words


def band_swap(facts: ChangeFacts) -> BandSwap | None:
    """The swap of one action of ours for another past a line (`BandSwap`): the old actions had
    one tool the new ones lack, the new ones one tool the old lacked; the condition draws one
    line on a number (topic tags aside); the new prompt still calls the old tool under a head
    stating the line, and says what the new tool does. None for any other change (a hand-off
    stopped: `bandhandoff`)."""
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    gone, came = sorted(before - after), sorted(after - before)
    if len(gone) != 1 or len(came) != 1 or band_handoff(facts) is not None:
        return None
    if any(a.is_escalation for a in [*facts.before_actions, *facts.after_actions]):
        # a hand-off stopped or added past a line has its own edits (`bandhandoff`,
        # `addedhandoff`)
        return None
    if change_scoped_need(facts) is not None:
        # a requirement asked first past the line, the old action after it: `scopedneed`
        return None
    old_tool, new_tool = gone[0], came[0]
    condition = facts.condition
    atoms = [atom for atom in (condition.atoms if condition else ()) if atom.op != "tag"]
    if len(atoms) != 1 or atoms[0].op not in OTHER_SIDE:
        return None
    atom = atoms[0]
    if isinstance(atom.value, bool) or not isinstance(atom.value, int | float):
        return None
    line = _number(float(atom.value))
    texts = _texts(facts)
    kept = [
        (section, text, head)
        for section, text in texts
        if f"`{old_tool}`" in text and (head := _head(text)) is not None and _stated(line, head)
    ]
    doing = [(section, text) for section, text in texts if f"`{new_tool}`" in text]
    if len(kept) != 1 or not doing:
        return None
    section, doing_text = doing[0]
    phrase = tool_phrase(doing_text, new_tool)
    if phrase is None:
        return None
    kept_head = kept[0][2]
    scoped_head = _head(doing_text)
    if scoped_head is None or not _stated(line, scoped_head):
        # the line said in a sentence of its own before the new tool's ("If …, don't ….")
        scoped_head = next(
            (
                head
                for sec, text in texts
                if sec == section
                and f"`{old_tool}`" not in text
                and (head := _head(text)) is not None
                and _stated(line, head)
                and head != kept_head
            ),
            None,
        ) or _flipped(kept_head, line, atom.op)
    if scoped_head is None:
        return None
    need = next(
        (
            said
            for sec, text in texts
            if sec == section and _head(text) == scoped_head and (said := _need(text))
        ),
        "",
    )
    handled = handling_sentence(doing_text, phrase)
    old_phrase = tool_phrase(kept[0][1], old_tool) or ""
    object_words = {stem(w) for w in _tool_words(old_tool)}
    channel = {p.value.lower() for p in facts.removed_promises if p.kind == "channel"}
    channel_words = {"phone", "call", "ring"} if channel & {"phone", "call"} else set()
    old_words = object_words | {stem(w) for w in terms(old_phrase)} | channel_words
    old_words -= {stem(w) for w in terms(phrase)} | {stem(w) for w in _VERB_FIRST}
    new_nouns = tuple(_tool_words(new_tool)[-1:])
    return BandSwap(
        old_tool=old_tool,
        new_tool=new_tool,
        kept_head=_kb_head(kept_head),
        scoped_head=_kb_head(scoped_head),
        line=line,
        handling=handled[:1].lower() + handled[1:],
        old_words=frozenset(old_words),
        object_words=frozenset(object_words),
        new_nouns=new_nouns,
        need=need,
    )


def _names_old_way(band: BandSwap, sentence: str) -> bool:
    return bool({stem(w) for w in terms(sentence)} & band.old_words)


def claims_every_case(sentence: str) -> bool:
    """Whether a sentence claims what it says for every case: a leading or trailing "however
    long ago …", "whatever …" clause, or a subject "every complaint" right before its verb."""
    return bool(_LEAD.search(sentence) or _trail(sentence) or _EVERY.search(sentence))


def _step_of_old_way(band: BandSwap, sentence: str) -> bool:
    """An article's sentence saying we take the old action ("We arrange a phone callback …"),
    with no head of its own."""
    said = {stem(w) for w in terms(sentence)}
    return (
        re.match(r"^we\b", sentence.strip(), re.I) is not None
        and bool(said & band.object_words)
        and not _stated(band.line, sentence)
    )


def band_swap_conflicts(
    facts: ChangeFacts,
    text: str,
    item_units: Sequence[Unit],
    conflicts: list[Any],
    make: Callable[[int, str, tuple[str, ...]], Any],
    *,
    kind: str,
    topic: set[str],
    title: str = "",
) -> list[Any]:
    """The conflicts of an item once the swap is read (`band_swap`): each sentence claiming the
    old way for every case on the change's topic, and in an article each step stating the old
    action. A macro titled for the old way ("Complaints::Callback arranged") is sent to those
    who keep it: its other sentences naming the old way stay. `conflicts` unchanged for any
    other change."""
    band = band_swap(facts)
    if band is None:
        return conflicts
    topic_stems = {stem(w) for w in topic}
    about = bool({stem(w) for w in terms(text)} & topic_stems) or bool(conflicts)
    kept_side = kind == "macro" and bool({stem(w) for w in terms(title)} & band.object_words)
    found: dict[int, Any] = {}
    for conflict in conflicts:
        sentence = conflict.sentence
        if claims_every_case(sentence) and _names_old_way(band, sentence):
            found[conflict.unit_index] = conflict
        elif not kept_side or not _names_old_way(band, sentence):
            # dropped only from a macro for the old way: its report of the old action stays
            # true for those it is sent to
            found[conflict.unit_index] = conflict
    claims = {
        index
        for index, unit in enumerate(item_units)
        if about
        and not unit.raw.lstrip().startswith(("#", "|"))
        and claims_every_case(unit.text)
        and _names_old_way(band, unit.text)
    }
    for index in claims - set(found):
        sentence = item_units[index].text
        found[index] = make(index, sentence, (f"{BAND_SWAP_REASON} {band.new_tool}",))
    if not claims or kind != "article":
        # a step is read as the old way for everyone only beside a claim for every case
        return [found[i] for i in sorted(found)]
    for index, unit in enumerate(item_units):
        sentence = unit.text
        if unit.raw.lstrip().startswith(("#", "|")) or not _step_of_old_way(band, sentence):
            continue
        reasons = found[index].reasons if index in found else ()
        found[index] = make(index, sentence, (*reasons, f"{STEP_REASON} {band.new_tool}"))
    return [found[i] for i in sorted(found)]


def _without_no_new(band: BandSwap, text: str) -> str:
    """`text` without its claim that there is none of what the new tool sends ("there's no form
    to fill in and nothing to send back" → "there's nothing to send back"; ", so there's no form
    to fill in" goes)."""
    for noun in band.new_nouns:
        thing = rf"\bno\s+(?:[a-z]+\s+){{0,2}}?{re.escape(noun)}s?\b[^,;.]*?"
        listed = re.compile(rf"{thing}\s+(?:and|or)\s+(?=(?:nothing|no|none)\b)", re.I)
        if listed.search(text):
            text = listed.sub("", text, count=1)
            continue
        # tried from a clause's start only (the first match starts there all the same): from
        # every word of a long clause without it, each try would scan the clause (quadratic)
        text = re.sub(
            rf"(?:^|(?<=[;.])|(?=,)),?\s*(?:so|and|as)?\s*[^,;.]*{thing}(?=[,;.]|$)",
            "",
            text,
            count=1,
            flags=re.I,
        )
    return text


def _narrowed(band: BandSwap, sentence: str) -> str | None:
    """A sentence claiming the old way for every case said for the rest of the range only."""
    body = sentence.rstrip()
    end = len(body.rstrip(".!"))
    core, stop = body[:end], body[end:] or "."
    lead = _LEAD.search(core)
    trail = _trail(core)
    if lead is not None:
        rest = core[lead.end() :]
        core = f"{band.kept_head}, {rest}"
    elif trail is not None:
        core = f"{core[: trail.start()]} {lower_first(band.kept_head)}"
    every = _EVERY.search(core)
    banded = _NOUN_HEAD.match(band.kept_head)
    subject = core[every.end() :].split(" ", 1) if every is not None else []
    if (
        every is not None
        and lead is None
        and trail is None
        and banded is not None
        and len(subject) == 2
        and stem(subject[0].lower()) == stem(banded.group("noun"))
    ):
        # "Any pupil can ask …" → "Any pupil aged 13 and over can ask …"
        core = f"{core[: every.end()]}{subject[0]} {banded.group('band')} {subject[1]}"
    elif every is not None:
        noun = core[every.end() :]
        core = ("An " if noun[:1].lower() in "aeiou" else "A ") + noun
        if lead is None and trail is None:
            core = f"{core} {lower_first(band.kept_head)}"
    elif lead is None and trail is None:
        return None
    core = _ALWAYS.sub("", core)
    core = _without_no_new(band, core)
    return core + stop


def band_swap_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The edit of an item stating the old way of an action swapped past a line (`band_swap`):
    each sentence claiming it for every case keeps it for the rest of the range, an article's
    step stating it gains the rest's head, what the new way makes false goes, and the new way
    is said once after the first sentence changed; every other byte stays. None for any other
    change or an item with no such sentence."""
    band = band_swap(facts)
    if band is None:
        return None
    conflicting = {conflict.sentence for conflict in impact.conflicts}
    if not any(
        claims_every_case(sentence) and _names_old_way(band, sentence) for sentence in conflicting
    ):
        # no claim for every case: the old way it states is the other ways' to say with the
        # new rule as its exception (`TemplateDrafter._edit_new_rule`)
        return None
    article = impact.item.kind == "article"
    written: list[str] = []

    def rewrite(unit: Unit) -> str | Keep:
        if unit.text not in conflicting or unit.raw.lstrip().startswith(("#", "|")):
            return Keep.UNIT
        raw = unit.raw
        tail = raw[len(raw.rstrip()) :]
        if claims_every_case(unit.text) and _names_old_way(band, unit.text):
            narrowed = _narrowed(band, raw)
        elif article and _step_of_old_way(band, unit.text):
            narrowed = f"{band.kept_head}, {lower_first(raw.rstrip())}"
        else:
            return Keep.UNIT
        if narrowed is None:
            return Keep.UNIT
        if not written:
            narrowed = f"{narrowed} {band.scoped_sentence}"
        written.append(narrowed)
        return narrowed + tail

    new_body = rewrite_units(impact.item.body, impact.item.body_format, rewrite)
    if new_body is None or not written:
        return None
    noun = impact.item.kind
    return new_body, (
        f"The agent now uses {band.new_tool} instead of {band.old_tool} past the line: "
        f"“{band.scoped_sentence}” The rest keep the old way ({lower_first(band.kept_head)}). "
        f"This {noun} said the old way for every case: the edit keeps it for the rest, says the "
        "new way once, drops what the new way makes untrue, and keeps every other sentence."
    )


def band_swap_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of an action swapped past a line (`band_swap`): the same
    fact the template's edit rests on."""
    band = band_swap(facts)
    if band is None:
        return None
    return (
        f"{band.old_tool} gives way to {band.new_tool} only past the line: "
        f"“{band.scoped_sentence}”; {lower_first(band.kept_head)} the old way stays: a sentence "
        f"saying the old way holds for every case (“however long ago …”, “every …”) keeps it "
        f"for “{lower_first(band.kept_head)}”, says the new way for the rest, and drops a "
        f"claim that there is no {' or '.join(band.new_nouns)}"
    )


def still_swapped_for_every_case(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still claim the old way of a swapped action for
    every case: a conflicting sentence kept, or one the edit wrote, that says it for every case
    and names no side of the line."""
    band = band_swap(facts)
    if band is None:
        return []
    return still_saying(
        lambda unit: (
            claims_every_case(unit.text)
            and _names_old_way(band, unit.text)
            and not _stated(band.line, unit.text)
        ),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
