"""Every edit states the change's new fact.

A writer rewriting the sentence that states the old rule may say only half of the change: the
bound moved but not the charge now due past it ("We bring every tree up to seven feet to your
door free of charge" with no word of the fee above seven feet), the hours moved but not the new
requirement. After any writer's edit, the values the new rule brings (the amounts, shares and
times the new prompt's rule for the changed case says and the old prompt's changed text did
not: `new_values`) are looked for in the edited item, in figures or in words; when one is
missing, the new rule voiced for customers (`promptrule.new_rule`, its case said: who it is
for, so the rewritten sentence keeps the old rule for the rest) is said after the last sentence
the writer changed. Only a voicing with no problem (`voicing_problems`) is used, and only in
prose (a table row or a heading gets no sentence after it); the result goes through the same
checks as every edit, or the edit stays as the writer left it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from behaviordiff.detect.facts import extract_promises
from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.diffing.align import align
from behaviordiff.drafting.percentwords import worded_percents
from behaviordiff.drafting.promptrule import new_rule, voicing_problems
from behaviordiff.drafting.text import Keep, Unit, plain_text, rewrite_units, terms, units

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

_KINDS = frozenset({"money", "percent", "duration"})
_MAX = 4000
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _values(text: str) -> set[tuple[str, str]]:
    return {(p.kind, p.value) for p in extract_promises(text[:_MAX]) if p.kind in _KINDS}


def _body_values(text: str) -> set[tuple[str, str]]:
    """The values a whole item states, sentence by sentence (an item can be long: each of
    its units is read once)."""
    found: set[tuple[str, str]] = set()
    for unit in units(text):
        found |= {(p.kind, p.value) for p in extract_promises(unit.text[:_MAX]) if p.kind in _KINDS}
        # a percentage or share in words ("thirty per cent", "a quarter of the fee")
        found |= {(p.kind, p.value) for p in worded_percents(unit.text[:_MAX])}
    return found


def new_values(facts: ChangeFacts, passage: str) -> set[tuple[str, str]]:
    """The values `passage` (the new rule) states that the old prompt did not (its changed
    text, and the sentences the new prompt keeps in the same sections: "within 30 days" said
    again for a case now let in is the rule every case already had)."""
    touched = {
        " ".join(piece.split())
        for rule in facts.rules
        for piece in (rule.new or "", *_SENTENCE_END.split(" ".join((rule.new or "").split())))
    }
    old = {value for rule in facts.rules for value in _values(rule.old or "")}
    # the kept sentences of the sections the change rewrote: the same topic ("a cast-iron stand
    # costs £15" in another section is no delivery charge's value)
    sections = {rule.section for rule in facts.rules}
    for section, sentences in facts.prompt_sections.items():
        if section not in sections:
            continue
        for sentence in sentences:
            if " ".join(sentence.split()) not in touched:
                old |= _values(sentence)
    return _values(passage) - old


def with_new_fact(facts: ChangeFacts, old_body: str, new_body: str, body_format: str) -> str | None:
    """`new_body` with the new rule said after the last sentence the edit changed, when the
    edit states none of a value the new rule brings; None when it states them (or nothing can
    be said safely)."""
    said = new_rule(facts)
    if said is None:
        return None
    wanted = new_values(facts, said.prompt)
    if not wanted:
        return None
    text = plain_text(new_body, body_format)
    if wanted & _body_values(text):
        return None
    sentence = said.sentence
    if voicing_problems(said.prompt, sentence):
        return None
    # of a rule said in several sentences, the ones stating the new values (the others say
    # what the rewritten sentence already says)
    carrying = [s for s in _SENTENCE_END.split(sentence) if wanted & _values(s)]
    if carrying and not said.head:
        sentence = " ".join(carrying)
    before = {unit.text for unit in units(plain_text(old_body, body_format))}
    changed = [
        unit.text
        for unit in units(text)
        if unit.text not in before and unit.text.strip() and not _listed(unit)
    ]
    if not changed:
        return None
    if not _rule_of_the_edit(facts, said.prompt, old_body, new_body, body_format):
        return None
    last = changed[-1]
    done: list[bool] = []

    def add(unit: Unit) -> str | Keep:
        if done or unit.text != last:
            return Keep.UNIT
        done.append(True)
        return f"{unit.raw.rstrip()} {sentence}"

    return rewrite_units(new_body, body_format, add)


def _rule_of_the_edit(
    facts: ChangeFacts, passage: str, old_body: str, new_body: str, body_format: str
) -> bool:
    """Whether `passage` (the new rule to say) is the rule of the sentences the edit changed:
    a number the edit moved is one the passage states or its rule's old text stated ("thirty
    kilos" → "twenty" beside "over 20 kg … pay £12"). A change's facts can hold another rule of
    the release (a hunk sharing its words): its new value said after an edit of this rule's
    sentence ("14 days' notice" then "freeze for up to 3 months") is another topic, in a
    sentence the item never had. An edit that moved no number is not judged here."""
    olds = {unit.text for unit in units(plain_text(old_body, body_format))}
    news = {unit.text for unit in units(plain_text(new_body, body_format))}
    before = {n for text in olds - news for n in _sentence_numbers(text[:_MAX])}
    after = {n for text in news - olds for n in _sentence_numbers(text[:_MAX])}
    moved = before ^ after
    if not moved:
        return True
    flat = " ".join(passage.split())
    stated = _sentence_numbers(flat)
    for rule in facts.rules:
        pieces = _SENTENCE_END.split(" ".join((rule.new or "").split()))
        if any(piece and piece in flat for piece in pieces):
            stated |= _sentence_numbers(" ".join((rule.old or "").split())[:_MAX])
            stated |= _sentence_numbers(" ".join((rule.new or "").split())[:_MAX])
    return bool(moved & stated)


def _listed(unit: Unit) -> bool:
    """A table row or a heading: no sentence goes after it."""
    return unit.raw.lstrip().startswith(("|", "#"))


# ---------------------------------------------------------------------------------------------
# a value the new prompt keeps stays
# ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\S+")
_CLAUSE_END = re.compile(r"[,;:.!?)]$")
_CLAUSE_START = frozenset({"and", "but", "or", "so", "while", "then"})
_NUMBER_TOKEN = re.compile(r"^\W*(?:\d+(?:[.,]\d+)?|[A-Za-z]+)\W*$")
_GLOSS_GAP = 2
"""Tokens at most between a number put back and a moved number glossing it ("five working
days (two …": the gloss starts right after the unit)."""
_MAX_TOKENS = 400
"""The most words of a sentence compared (a sentence is short; a longer one is left)."""


def _number(token: str) -> float | None:
    word = token.strip(".,;:!?()£$€%'’\"").lower()
    if word.replace(".", "", 1).isdigit():
        return float(word)
    return float(CARDINALS[word]) if word in CARDINALS else None


def _sentence_numbers(text: str) -> set[float]:
    return {n for token in text.split()[:_MAX_TOKENS] if (n := _number(token)) is not None}


def _unit_after(tokens: Sequence[str], at: int) -> str:
    """The stem of the word after the number at `at` ("hour" of "3 hours"), "" when none
    follows in its clause."""
    if at + 1 >= len(tokens) or _CLAUSE_END.search(tokens[at]) or tokens[at + 1] == "|":
        return ""
    return next(iter(terms(tokens[at + 1])), "")


def _counted(text: str) -> set[tuple[float, str]]:
    """The numbers `text` states, each with the word it counts ("3 hours" → (3, "hour"))."""
    tokens = text.split()[:_MAX_TOKENS]
    return {
        (number, _unit_after(tokens, at))
        for at, token in enumerate(tokens)
        if (number := _number(token)) is not None
    }


def _phrases(tokens: Sequence[str], number: float) -> set[str]:
    """The words right around each `number` of `tokens` in its clause: the two before it and
    the one after the word it counts ("at least 12 hours ahead" → at, least, ahead)."""
    said: set[str] = set()
    for at, token in enumerate(tokens):
        if _number(token) == number:
            said |= _phrase(tokens, at)
    return said


def _phrase(tokens: Sequence[str], at: int) -> set[str]:
    near: list[str] = []
    for before in (at - 1, at - 2):
        if before < 0 or _CLAUSE_END.search(tokens[before]):
            break
        near.append(tokens[before])
    if (
        at + 2 < len(tokens)
        and not _CLAUSE_END.search(tokens[at])
        and not _CLAUSE_END.search(tokens[at + 1])
    ):
        near.append(tokens[at + 2])
    return {word.strip(".,;:!?()\"'’").lower() for word in near} - {""}


def _kept_contexts(
    facts: ChangeFacts,
) -> tuple[list[tuple[set[tuple[float, str]], set[str], list[str]]], set[str], list[str]]:
    """The new prompt's sentences the change left alone, each as (its numbers, its words and
    its section heading's, its tokens), the words of what the change rewrote (its old sentences
    and their headings) and the old sentences' tokens."""
    touched = {
        " ".join(piece.split())
        for rule in facts.rules
        for piece in (rule.new or "", *_SENTENCE_END.split(" ".join((rule.new or "").split())))
    }
    kept: list[tuple[set[tuple[float, str]], set[str], list[str]]] = []
    for heading, sentences in facts.prompt_sections.items():
        head = set(terms(heading or ""))
        flats = [" ".join(sentence.split())[:_MAX] for sentence in sentences]
        # only a section the change left whole: a sibling of the rewritten sentence ("Premier:
        # 4 free reschedules" beside "Plus: 4" → "Plus: 2") is the same rule's, the writer's
        # to scope; such a section is one topic, its sentences' words each one's
        if any(sentence in touched for sentence in flats):
            continue
        head |= {word for sentence in flats for word in terms(sentence)}
        for flat_sentence in flats:
            numbers = _counted(flat_sentence)
            if numbers:
                tokens = flat_sentence.split()[:_MAX_TOKENS]
                kept.append((numbers, set(terms(flat_sentence)) | head, tokens))
    changed: set[str] = set()
    changed_tokens: list[str] = []
    for rule in facts.rules:
        changed |= set(terms((rule.old or "")[:_MAX])) | set(terms(rule.section or ""))
        changed_tokens += [*" ".join((rule.old or "")[:_MAX].split()).split()[:_MAX_TOKENS], "."]
    return kept, changed, changed_tokens


def _moved_in_prompt(facts: ChangeFacts) -> set[float]:
    """The numbers the old prompt's rewritten sentences state: a number moved anywhere else
    (a tool's schema, a config value) is no prompt sentence's, and no kept sentence competes
    for it."""
    return {
        number
        for rule in facts.rules
        if rule.kind.startswith("sentence_") and rule.old
        for number in _sentence_numbers(" ".join(rule.old.split())[:_MAX])
    }


def _states(tokens: Sequence[str], pair: tuple[float, str]) -> int:
    """How many times `tokens` state a number with the word it counts (`pair`)."""
    return sum(
        1
        for at, token in enumerate(tokens)
        if _number(token) == pair[0] and _unit_after(tokens, at) == pair[1]
    )


def _clause_words(tokens: Sequence[str], start: int, end: int) -> set[str]:
    """The words of the clause tokens[start:end] sits in (to the nearest mark or joining
    word either side)."""
    left = start
    while left > 0 and not _CLAUSE_END.search(tokens[left - 1]):
        if tokens[left].lower() in _CLAUSE_START:
            break
        left -= 1
    right = end
    while right < len(tokens) and not _CLAUSE_END.search(tokens[right - 1]):
        if tokens[right].lower() in _CLAUSE_START:
            break
        right += 1
    return set(terms(" ".join(tokens[left:right])))


def _restored(
    old: str,
    new: str,
    kept: list[tuple[set[tuple[float, str]], set[str], list[str]]],
    changed: set[str],
    changed_tokens: Sequence[str] = (),
) -> str | None:
    """`new` (a rewrite of sentence `old`) with each number it moved put back where the clause
    it sits in is closer to a sentence the new prompt keeps that states that number than to
    what the change rewrote (then to the whole sentence, for a tie); None when none is.

    Shared words alone are no evidence whose rule a number is (a terse changed rule beside a
    wordy kept rule on another topic): a number `old` states once goes back only when the words
    right around it ("up to", "ahead", "within") are the kept sentence's at least as much as the
    changed one's, and some are; one `old` states twice or more ("entry from 3 hours … stay up
    to 3 hours") is the vote's alone."""
    olds, news = _TOKEN.findall(old), _TOKEN.findall(new)
    if len(olds) > _MAX_TOKENS or len(news) > _MAX_TOKENS:
        return None
    pieces_out: list[tuple[list[str], list[str], int, int]] = []
    """Per step of the alignment: (the new tokens, the old ones when put back else [], where
    the step starts in `olds`, where it ends), a moved number's step marked when it stays."""
    stays: list[tuple[int, int]] = []
    whole = set(terms(old))
    for step in align([t.lower() for t in olds], [t.lower() for t in news]):
        op, a1, a2, b1, b2 = step.tag, step.i1, step.i2, step.j1, step.j2
        if op != "replace" or a2 - a1 != b2 - b1:
            pieces_out.append((news[b1:b2], [], a1, a2))
            continue
        if any(_number(olds[at]) is not None for at in range(a1, a2)):
            stays.append((a1, a2))
        # each number moved with the word it counts: a kept "3 hours" is not a cell's bare 3
        moved = {
            (number, _unit_after(olds, at))
            for at in range(a1, a2)
            if (number := _number(olds[at])) is not None
        }
        if any(not unit for _, unit in moved) or not moved:
            # a bare number (a table cell, "£4."): nothing says it is the kept rule's
            pieces_out.append((news[b1:b2], [], a1, a2))
            continue
        stating = [words for said, words, _ in kept if moved <= said]
        if stating and all(_states(olds, pair) < 2 for pair in moved):
            phrase: set[str] = set()
            for at in range(a1, a2):
                if _number(olds[at]) is not None:
                    phrase |= _phrase(olds, at)
            numbers = {number for number, _ in moved}
            near_kept = max(
                len(phrase & {w for n in numbers for w in _phrases(tokens, n)})
                for said, _, tokens in kept
                if moved <= said
            )
            near_changed = len(phrase & {w for n in numbers for w in _phrases(changed_tokens, n)})
            if not near_kept or near_kept < near_changed:
                stating = []
        back = False
        if stating:
            clause = _clause_words(olds, a1, a2)
            near_kept = max(len(clause & words) for words in stating)
            near_changed = len(clause & changed)
            if near_kept == near_changed:
                near_kept = max(len(whole & words) for words in stating)
                near_changed = len(whole & changed)
            back = near_kept > near_changed
        pieces_out.append((news[b1:b2], olds[a1:a2] if back else [], a1, a2))
        if back:
            stays.remove((a1, a2))
    # a number put back beside a moved one that glosses it ("five working days (two working
    # weeks)": the week moved with the days) would say two values at once: both stay moved
    out: list[str] = []
    put_back = False
    for new_tokens, old_tokens, a1, a2 in pieces_out:
        glossed = any(
            0 < start - a2 <= _GLOSS_GAP or 0 < a1 - end <= _GLOSS_GAP for start, end in stays
        )
        back = bool(old_tokens) and not glossed
        out.extend(old_tokens if back else new_tokens)
        put_back = put_back or back
    if not put_back:
        return None
    # the words put back in the new sentence's own spacing: rebuilt token by token
    pieces = _TOKEN.split(new)
    return "".join(piece + (out[i] if i < len(out) else "") for i, piece in enumerate(pieces))


def with_kept_values(
    facts: ChangeFacts, old_body: str, new_body: str, body_format: str
) -> str | None:
    """`new_body` with a number the edit moved put back where it states a rule the new prompt
    keeps ("stay for up to three hours in total" beside the entry time moved from three hours
    to four, the stay's 3 hours kept in its own section); None when none is."""
    all_kept, changed, changed_tokens = _kept_contexts(facts)
    prompted = _moved_in_prompt(facts)
    kept = [
        (said, words, tokens)
        for numbers, words, tokens in all_kept
        if (said := {p for p in numbers if p[0] in prompted})
    ]
    if not kept:
        return None
    before = units(plain_text(old_body, body_format))
    after = units(plain_text(new_body, body_format))
    if len(before) != len(after):
        return None
    fixes = {
        b.text: restored
        for a, b in zip(before, after, strict=True)
        if a.text != b.text
        and (restored := _restored(a.raw, b.raw, kept, changed, changed_tokens)) is not None
    }
    if not fixes:
        return None

    def fix(unit: Unit) -> str | Keep:
        return fixes.get(unit.text, Keep.UNIT)

    return rewrite_units(new_body, body_format, fix)
