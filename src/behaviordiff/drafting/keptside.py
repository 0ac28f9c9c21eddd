"""A requirement withdrawn below (or above) a line, kept past it, in the old sentence's words:
"Every parcel needs a signature on delivery, whatever its value." became "Parcels with a
declared value of £100 or more need a signature on delivery.", beside new sentences saying what
happens now under £100, for the change's condition `parcel_value < 100`.

The old sentence claims its rule for every case (an every-case clause: "whatever its value");
the new one says the same claim (every content word of it) for the other side of the
condition's line only ("£100 or more"), and names no number on the changed side; a new
sentence on the changed side denies what the claim says ("… under £100 don't need a
signature"): a step added there instead is the split-case rules' (`splitcase`). A KB sentence
saying the claim in the old words ("Every parcel needs a signature on delivery, so …") states
the old rule for every case: the claim gives way to the new sentence (every other byte of the
sentence stays) and the changed side's rule (`rest_rule`, in the KB's voice, which the note
quotes too) is said once after it; a table cell says both in the cell. Another sentence of the
item that merely shares an every-case word ("Tracking updates every time your parcel is
scanned") is no claim of this rule, and a split-case mark on it (`splitcase`) is dropped.

Matching is literal on the prompt's own words and the condition's number: no word of any
domain is known here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.splitcase import SPLIT_CASE_REASON
from behaviordiff.drafting.text import (
    Unit,
    cell_text_spans,
    flat,
    stem,
    still_saying,
    terms,
    upper_first,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.promptrule import NewRule

KEPT_SIDE_REASON = "states for every case a rule the new prompt keeps past a line only"

_MAX = 4000
# an every-case clause closing the old sentence (bounded, linear)
_EVERY_CLAUSE = re.compile(
    r",?\s+(?:whatever|whichever|however|no matter|regardless of)\b[^,.;:!?]{0,60}"
    r"(?=[.!?]?\s*$)",
    re.I,
)
# the same clause said anywhere after a claim in a KB sentence ("…, whatever the rate, and it
# is non-refundable"): at least one word after its lead, so a bare "however," stays
_EVERY_AFTER = re.compile(
    r",?[ \t]+(?:whatever|whichever|however|no matter|regardless of)[ \t]+[^,.;:!?\n]{1,60}",
    re.I,
)
_EVERY_LEAD_CLAUSE = re.compile(
    r"\b(?:whatever|whichever|however|no matter|regardless of)\b[^,.;:!?\n]{1,60},[ \t]*$",
    re.I,
)
"""A leading every-case clause right before a claim ("Whatever the item, "), searched in the
80 characters before it only."""
_STOPPED = re.compile(r"[.!?][\"'”’)\]*_]*$")
"""A sentence's end: its stop, then any closing quotes, brackets or emphasis."""
_QUANTIFIER = frozenset({"every", "each", "all", "any"})
_PLAIN_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class KeptSide:
    """The old every-case claim and the new sentence keeping it past the line."""

    claim: str
    """The old sentence without its every-case clause or final stop ("Every parcel needs a
    signature on delivery")."""
    kept: str
    """The new sentence saying it for the other side, no final stop."""


def _words(text: str) -> set[str]:
    return {
        word.rstrip("s")
        for word in terms(text)
        if len(word) > 2 and not word.isdigit() and word not in _QUANTIFIER
    }


def _side(value: float, below: bool) -> re.Pattern[str]:
    from behaviordiff.drafting.promptrule import side_pattern

    return side_pattern(value, below)


def _lines(facts: ChangeFacts) -> list[tuple[float, bool]]:
    """The condition's numeric lines, as (the number, whether the changed side is below it)."""
    condition = facts.condition
    if condition is None:
        return []
    return [
        (float(atom.value), atom.op.startswith("<"))
        for atom in condition.atoms
        if atom.op in ("<", "<=", ">", ">=")
        and isinstance(atom.value, (int, float))
        and not isinstance(atom.value, bool)
    ]


# a case head naming its case only by pointing back to the sentence before ("When a customer
# books the delivery of one, …", "When a guest books one, …"; bounded, linear)
_CASE_HEAD = re.compile(r"^(?:if|when|whenever|once|for)\b[^,.;:]{0,160}(?=[,.;:])", re.I)
_ONE_AT_END = re.compile(r"\s(?:one|ones|these|those)\s*$", re.I)


def _points_back(sentence: str) -> bool:
    """Whether a sentence's case head names its case only by pointing back to the sentence
    before ("When a customer books the delivery of one, …", "When a guest books one, …")."""
    from behaviordiff.drafting.promptrule import POINTS_BACK

    head = _CASE_HEAD.match(sentence)
    if head is None:
        return False
    said = head.group(0)
    return bool(POINTS_BACK.search(said)) or (
        sentence[head.end()] == "," and _ONE_AT_END.search(said) is not None
    )


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def rest_rule(facts: ChangeFacts) -> NewRule | None:
    """The changed side's rule, voiced: the sentence of the change's new prompt text stating
    the changed side of the condition's line and not the other ("Parcels with a declared value
    under £100 don't need a signature."), with the next sentence when its case head only points
    back to it ("When a customer asks to book the delivery of one, …"); None when none does."""
    from behaviordiff.drafting.promptrule import voiced

    lines = _lines(facts)
    own = _own_sentences(facts)
    for sentences in facts.prompt_sections.values():
        said = [part.strip() for s in sentences for part in _SENTENCE_END.split(flat(s)[:_MAX])]
        for at, sentence in enumerate(said):
            if sentence not in own or not any(
                _side(number, below).search(sentence)
                and not _side(number, not below).search(sentence)
                for number, below in lines
            ):
                continue
            passage = sentence
            if at + 1 < len(said) and _points_back(said[at + 1]):
                passage = f"{sentence} {said[at + 1]}"
            return voiced(passage)
    return None


@once_per_change
def kept_side(facts: ChangeFacts) -> KeptSide | None:
    """The changed prompt sentence that keeps the old every-case claim past the condition's
    line only, or None."""
    lines = _lines(facts)
    if not lines:
        return None
    # the added sentences stating one side of a line and not the other, read once: (sentence,
    # its words, the lines whose other side it states)
    own: list[tuple[str, set[str], list[tuple[float, bool]]]] = []
    for sentence in sorted(_own_sentences(facts)):
        sides = [
            (number, below)
            for number, below in lines
            if _side(number, not below).search(sentence)
            and not _side(number, below).search(sentence)
        ]
        if sides:
            own.append((sentence, _words(sentence), sides))
    replaced: dict[tuple[float, bool], bool] = {}
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old = flat(rule.old)[:_MAX]
        claim = _every_case_claim(old)
        if claim is None:
            continue
        wanted = _words(claim)
        if len(wanted) < 2:
            continue
        # the sentence the old one was paired with first, then any other the change added
        # ("Every claim is reviewed by our team." paired with the changed side's new rule,
        # the kept side said in a sentence of its own)
        paired = flat(rule.new)[:_MAX]
        for new, said, sides in [(paired, _words(paired), lines), *own]:
            if not wanted <= said:
                continue
            for number, below in sides:
                # the other side named, the changed side not, and the claim denied on the
                # changed side, or its action given way to another there: a requirement
                # withdrawn or a handling replaced there, not a step added ("… aged 45 and
                # over must send us a form signed by a doctor" keeps nothing of this kind)
                if (
                    _side(number, not below).search(new)
                    and not _side(number, below).search(new)
                    and (
                        _denied_past(facts, number, below, _predicate(claim))
                        or _replaced_once(replaced, facts, number, below)
                    )
                ):
                    return KeptSide(claim, new.rstrip(" .!"))
    return None


_EVERY_LEAD = re.compile(r"^(?:every|each|all|any)\s+[a-z]", re.I)
"""A sentence whose subject is claimed for every case ("Every claim is reviewed by …")."""


def _every_case_claim(old: str) -> str | None:
    """An old prompt sentence's claim for every case without its every-case clause or final
    stop: "Every parcel needs a signature on delivery, whatever its value." → "Every parcel
    needs a signature on delivery"; "Every claim is reviewed by our team." → "Every claim is
    reviewed by our team". None for a sentence claiming nothing for every case."""
    every = _EVERY_CLAUSE.search(old)
    if every is not None:
        return old[: every.start()].rstrip(" ,.;")
    if _EVERY_LEAD.match(old) and "`" not in old and not re.search(r"[:;]", old):
        return old.rstrip(" .!")
    return None


def _replaced_once(
    seen: dict[tuple[float, bool], bool], facts: ChangeFacts, number: float, below: bool
) -> bool:
    """`_replaced_past`, read once per line for every claim tried against it."""
    if (number, below) not in seen:
        seen[number, below] = _replaced_past(facts, number, below)
    return seen[number, below]


_TOOL_CALLED = re.compile(r"`([A-Za-z_][\w.]*)`")


def _replaced_past(facts: ChangeFacts, number: float, below: bool) -> bool:
    """Whether the change's new prompt text calls, on the changed side of the line only, a tool
    the old conversations did not call, where a tool they called is no longer called ("Claims on
    orders under £50: refund the buyer … with `refund_buyer` …" where `open_dispute` was
    called), still taking nothing of the old action (`_still_taken`): the old handling given way
    to another there."""
    before = {action.name for action in facts.before_actions}
    after = {action.name for action in facts.after_actions}
    came, gone = after - before, before - after
    if not came or not gone:
        return False
    # the old action's own words ("refer", "librarian" of `refer_to_librarian`), not the new
    # tool's too
    old_words = _tool_words(gone) - _tool_words(came)
    return any(
        _side(number, below).search(sentence)
        and not _side(number, not below).search(sentence)
        and any(tool in came for tool in _TOOL_CALLED.findall(sentence))
        and not _still_taken(sentence, old_words)
        for sentence in _own_sentences(facts)
    )


def _tool_words(tools: set[str]) -> set[str]:
    return {stem(word) for tool in tools for word in tool.lower().split("_") if len(word) > 2}


_NEGATION = re.compile(r"\b(?:not|no|never|nobody|none|without)\b|n[’']t\b", re.I)
_DENIED_REACH = 24
"""How far after a negation a word of the claim is what it denies ("don't need a signature")."""
_NOT_TAKEN = re.compile(rf"{_NEGATION.pattern}|\b(?:instead\s+of|rather\s+than)\b", re.I)
"""What says an action is not taken: a negation, or the action named as the one given way."""
_PUT_OFF = re.compile(r"\b(?:yet|until|till|unless|once|after|before|later)\b", re.I)
"""What says an action is put off, not given up ("don't book the dive yet", "until the form is
back")."""
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]|\s-\s")
_LETTERS = re.compile(r"[A-Za-z]+")


def _still_taken(sentence: str, old_words: set[str]) -> bool:
    """Whether a changed side's sentence still says the old action (a word of its tool) as
    taken: in a clause that puts it off ("don't book the dive yet", "we'll book once the form
    is back"), or with no negation before it in its clause ("then refer them to the
    librarian"). Named only to say it is no longer taken ("don't refer them to the librarian",
    "without referring them", "no librarian needs to see it"), it has given way."""
    for clause in _CLAUSE.split(_TOOL_CALLED.sub(" ", sentence)):
        put_off = _PUT_OFF.search(clause) is not None
        for word in _LETTERS.finditer(clause):
            if stem(word.group().lower()) in old_words and (
                put_off or _NOT_TAKEN.search(clause, 0, word.start()) is None
            ):
                return True
    return False


def _predicate(claim: str) -> set[str]:
    """What a claim says of its subject: its words but its opening quantifier's noun ("need",
    "signature", "delivery" of "Every parcel needs a signature on delivery")."""
    words = claim.split()
    head = words[:2] if words and words[0].lower() in _QUANTIFIER else words[:1]
    return _words(claim) - _words(" ".join(head))


def _denied_past(facts: ChangeFacts, number: float, below: bool, wanted: set[str]) -> bool:
    """Whether a sentence of the change's new prompt text states the changed side of the line
    (and not the other) and denies a word of the claim there, right after the negation
    ("Parcels with a declared value under £100 don't need a signature."; "don't hold the room"
    denies the subject of "Every room needs a deposit", not what it says of it)."""
    return any(
        _side(number, below).search(sentence)
        and not _side(number, not below).search(sentence)
        and any(
            wanted & _words(sentence[found.end() : found.end() + _DENIED_REACH])
            for found in _NEGATION.finditer(sentence)
        )
        for sentence in _own_sentences(facts)
    )


def _own_sentences(facts: ChangeFacts) -> set[str]:
    """The sentences of the new prompt text the change's rules added or rewrote."""
    return {
        part.strip()
        for rule in facts.rules
        if rule.new and rule.kind in ("sentence_added", "sentence_changed")
        for part in _SENTENCE_END.split(flat(rule.new)[:_MAX])
    }


def _words_pattern(text: str) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()), re.I)


def _claim_pattern(side: KeptSide) -> re.Pattern[str]:
    return _words_pattern(side.claim)


def kept_side_conflicts(
    facts: ChangeFacts, item_units: Sequence[Unit], found: list[Any], make: Callable[..., Any]
) -> list[Any]:
    """`found` with each unit saying the old claim marked, and the split-case marks on units
    that do not say it dropped (they share an every-case word, not the rule)."""
    side = kept_side(facts)
    if side is None:
        return found
    pattern = _claim_pattern(side)
    saying = {index for index, unit in enumerate(item_units) if pattern.search(unit.text[:_MAX])}
    result = []
    for conflict in found:
        if conflict.unit_index in saying or SPLIT_CASE_REASON not in conflict.reasons:
            result.append(conflict)
            continue
        reasons = tuple(r for r in conflict.reasons if r != SPLIT_CASE_REASON)
        if reasons:
            result.append(make(conflict.unit_index, conflict.sentence, reasons))
    marked = {conflict.unit_index: at for at, conflict in enumerate(result)}
    for index in sorted(saying):
        unit = item_units[index]
        if unit.text.lstrip().startswith("#"):
            continue
        if index in marked:
            was = result[marked[index]]
            if KEPT_SIDE_REASON not in was.reasons:
                result[marked[index]] = make(index, was.sentence, (*was.reasons, KEPT_SIDE_REASON))
        else:
            result.append(make(index, unit.text, (KEPT_SIDE_REASON,)))
    result.sort(key=lambda conflict: conflict.unit_index)
    return result


def _said_as(claim_text: str, kept: str) -> str:
    """The kept sentence in the place of the claim, its first letter's case the claim's."""
    if claim_text[:1].islower():
        return kept[:1].lower() + kept[1:]
    return upper_first(kept)


def _followed_by(raw: str, rule: str) -> str:
    """`raw` (a paragraph or list item) with `rule` said after it as a sentence of its own: a
    full stop first when `raw` has none ("- Every room needs a deposit at booking")."""
    text = raw.rstrip()
    if not _STOPPED.search(text[-_MAX:]):
        text = f"{text}."
    return f"{text} {rule}{raw[len(raw.rstrip()) :]}"


def kept_side_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item with each old claim said as the new prompt keeps it and the changed case's
    rule said once after the first; None when nothing here is for it."""
    from behaviordiff.drafting.promptrule import new_rule

    side = kept_side(facts)
    if side is None:
        return None
    pattern = _claim_pattern(side)
    body = impact.item.body
    if impact.item.body_format == "html" or pattern.search(body[: _MAX * 4]) is None:
        return None
    said = rest_rule(facts) or new_rule(facts)
    if said is None or flat(said.prompt) == flat(side.kept + "."):
        return None
    rule = said.sentence
    changes: list[tuple[int, int, str]] = []
    for unit in impact.units:
        raw = unit.raw
        found = pattern.search(raw[:_MAX])
        if found is None or body[unit.start : unit.end] != raw:
            continue
        claim_start = found.start()
        # a leading every-case clause of the KB sentence goes with the claim ("Whatever the
        # item, every claim is …"), the kept claim then leading the sentence
        lead = _EVERY_LEAD_CLAUSE.search(raw, max(0, claim_start - 80), claim_start)
        if lead is not None and raw[lead.end() : claim_start].strip() == "":
            claim_start = lead.start()
            claim = upper_first(side.kept) if raw[lead.start()].isupper() else side.kept
        else:
            claim = _said_as(found.group(0), side.kept)
        # the KB sentence's own every-case clause goes with the claim ("…, whatever its rate")
        every = _EVERY_AFTER.match(raw, found.end(), min(len(raw), found.end() + _MAX))
        claim_end = found.end() if every is None else every.end()
        if raw.lstrip().startswith("|"):
            cell = next((s for s in cell_text_spans(raw) if s[0] <= found.start() < s[1]), None)
            if cell is None or claim_end > cell[1]:
                return None, "Flagged for review: a table row holds the old rule across cells."
            text = raw[cell[0] : claim_start] + claim + raw[claim_end : cell[1]]
            if not changes:
                text = f"{text.rstrip(' .')}. {rule.rstrip('.')}"
            new_raw = raw[: cell[0]] + text + raw[cell[1] :]
        else:
            new_raw = raw[:claim_start] + claim + raw[claim_end:]
            if not changes:
                new_raw = _followed_by(new_raw, rule)
        changes.append((unit.start, unit.end, new_raw))
    if not changes:
        return None
    new_body = body
    for start, end, new_raw in reversed(changes):
        new_body = new_body[:start] + new_raw + new_body[end:]
    kind = impact.item.kind
    return new_body, (
        f"The new prompt keeps “{side.claim}” only past the line: it now says “{side.kept}.” "
        f"and, for the rest, “{flat(said.prompt)}”. The edit says the claim as the new prompt "
        f"keeps it and the new rule once after it, in the {kind}'s own words, and keeps "
        "everything else."
    )


def kept_side_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a claim kept past a line only (`kept_side`): the same
    fact the template's edit rests on."""
    side = kept_side(facts)
    if side is None:
        return None
    said = rest_rule(facts)
    rest = f"; for the rest it says “{flat(said.prompt)}”" if said is not None else ""
    return (
        f"the old prompt said “{side.claim}” for every case; the new one keeps it past a line "
        f"only: “{side.kept}.”{rest}. A sentence saying the old claim for every case says it as "
        "the new prompt keeps it, drops any every-case clause (“whatever …”), and says the rule "
        "for the rest once after it"
    )


def _claims_every_case(side: KeptSide, lines: list[tuple[float, bool]], text: str) -> bool:
    """Whether `text` says the claim for every case: in its words, as kept but with an
    every-case clause after it ("…£80 or more need a deposit, whatever the rate"), or every word
    of it with an every-case word ("All rooms need a deposit at booking") and no side of the
    line."""
    text = flat(text[:_MAX])
    if _claim_pattern(side).search(text):
        return True
    kept = _words_pattern(side.kept).search(text)
    if kept is not None and _EVERY_AFTER.match(text, kept.end()):
        return True
    said = set(_PLAIN_WORD.findall(text.lower()))
    if not _words(side.claim) <= _words(text) or not (
        _QUANTIFIER & said or _EVERY_AFTER.search(text)
    ):
        return False
    return not any(
        _side(number, below).search(text) or _side(number, not below).search(text)
        for number, below in lines
    )


def still_kept_side(
    facts: ChangeFacts, conflicts: Sequence[str], old_body: str, new_body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still say the old claim for every case: what no
    drafter's edit may say."""
    side = kept_side(facts)
    if side is None:
        return []
    lines = _lines(facts)
    return still_saying(
        lambda unit: _claims_every_case(side, lines, unit.text),
        conflicts,
        old_body,
        new_body,
        body_format,
    )
