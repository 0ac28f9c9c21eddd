"""An option granted to one case a true/false flag names, where the old rule gave everyone one
way: "Every tenant pays the whole year's rent in one payment" became "Concession tenants may pay
the year's rent in two equal instalments instead: …", the change's condition the flag
(`concession = true`), the change only in what the customer is told (no call moved).

A KB sentence refusing the option to everyone is wrong for the case: its refusal names the
option in the words only the new sentence has ("we're not able to split it into instalments"),
or it refuses under a heading that names it ("## Can I pay in instalments?" over "No, … the
committee can't take it in parts."). The edit keeps the sentence's rule up to its refusal and
adds the new prompt sentence after it, which names the case ("… paid in a single payment
every April. Concession tenants may pay …"); an answer's leading "No," goes, as the answer is no
longer no for everyone. Sentences naming the case already, and refusals of other things, stay.

Pure text helpers: `impact` marks the sentences (`granted_case_conflicts`) and the template
drafter rewrites them (`granted_case_edit`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.drafting.impactview import ImpactView, with_marks
from behaviordiff.drafting.text import (
    Unit,
    edit_body,
    lower_first,
    replace_units,
    terms,
    units,
    upper_first,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts

GRANTED_REASON = "refuses to everyone an option the new prompt grants to one case"

_MAX = 2000
_GRANT = re.compile(r"^[\w’' -]{3,60}?\s(?:may|can)\s(?:now\s|also\s)?[a-z]", re.I)
"""A prompt sentence granting: its subject, then "may" or "can" ("Concession tenants may pay")."""
_REFUSAL = re.compile(
    r"(?:^\s*|[,;]\s*(?:(?:and|but|so)\s+)?|\s(?:and|but|so)\s+|\s(?=(?:we|we[’']re|you|they|it|i)\s))"
    r"(?P<refusal>(?:[\w’']+\s+){0,3}?"
    r"(?:not\s+able|(?:aren|isn)[’']t\s+able|unable|can[’']?t|cannot|can\s+not|"
    r"won[’']?t|don[’']?t|do\s+not)\b[^.!?]*)[.!?]?\s*$",
    re.I,
)
"""The refusing clause that ends a sentence, from a clause boundary: the sentence's start, a
comma or semicolon, a joining "and"/"but"/"so", or a pronoun subject ("… April and we don't …")."""
_ANSWER_NO = re.compile(r"^No[,.]\s+(?=[a-z])")
_NOT_OPTION = frozenset({"may", "can", "now", "also", "instead", "only", "still", "just"})


@dataclass(frozen=True)
class GrantedCase:
    words: frozenset[str]
    """The option's words: said by the granting sentence and by no old sentence of its rule."""
    case: frozenset[str]
    """The flag's words ("concession"): a sentence naming them is about the case already."""
    sentence: str
    """The new prompt sentence granting the option, added after a refusal as it is."""
    old_way: frozenset[str] = frozenset()
    """The words of the one way everyone else keeps ("one", "payment"): said by the old rule
    and by the new sentence for the others, not by the granting sentence."""


def granted_case(facts: ChangeFacts) -> GrantedCase | None:
    """The option a change grants to one flagged case, or None: a promise change (no call
    moved) for some customers, its condition one true flag, and a changed prompt sentence that
    grants in third person ("Concession tenants may pay …"), names the flag and says words no
    old sentence of the change's rules said."""
    condition = facts.condition
    if condition is None or not facts.restricted:
        return None
    if facts.before_actions or facts.after_actions or facts.moved:
        return None
    flags = [atom for atom in condition.atoms if atom.op == "=" and atom.value is True]
    if len(flags) != 1 or "." in flags[0].feature:
        return None
    case = frozenset(terms(flags[0].feature.replace("_", " ")))
    old_words = {word for rule in facts.rules if rule.old for word in terms(rule.old)}
    for rule in facts.rules:
        new = rule.new
        if not new or rule.kind not in ("sentence_changed", "sentence_added"):
            continue
        if "`" in new or len(new) > _MAX or not _GRANT.match(new):
            continue
        said = terms(re.split(r"[:;]", new, maxsplit=1)[0])
        if not case & set(said):
            continue
        words = {w for w in said if len(w) >= 4} - old_words - case - _NOT_OPTION
        if not words:
            continue
        granted = set(terms(new))
        old_way = (
            {
                word
                for other in facts.rules
                if other is not rule and other.new and rule.old
                for word in set(terms(other.new)) & set(terms(rule.old))
                if len(word) >= 3
            }
            - granted
            - _EVERYONE
        )
        return GrantedCase(frozenset(words), case, new.strip(), frozenset(old_way))
    return None


_EVERYONE = frozenset({"every", "other", "any", "all", "each", "everyone", "anyone", "else"})


def _old_way(case: GrantedCase, sentence: str) -> bool:
    """Whether a sentence states the one way everyone else keeps, for everyone (two of its
    words, no case named): "Rent is paid in one payment each April"."""
    if sentence.lstrip().startswith(("#", "|")) or len(sentence) > _MAX:
        return False
    said = set(terms(sentence))
    return len(case.old_way & said) >= 2 and not case.case & said


def _refusal(case: GrantedCase, sentence: str, heading: str) -> re.Match[str] | None:
    """The refusing clause ending `sentence` when it refuses the option (its words in the
    clause, or in the heading it answers), and names no case."""
    if sentence.lstrip().startswith(("#", "|", "-", "*")) or len(sentence) > _MAX:
        return None
    found = _REFUSAL.search(sentence)
    if found is None or case.case & set(terms(sentence)):
        return None
    said = set(terms(found.group("refusal")))
    if case.words & said or (case.words & set(terms(heading)) and heading.rstrip().endswith("?")):
        return found
    return None


def _under_headings(item_units: Sequence[Unit]) -> Iterator[tuple[int, Unit, str]]:
    """Each unit that is no heading, with its index and the heading above it ("" for none)."""
    heading = ""
    for index, unit in enumerate(item_units):
        if unit.text.startswith("#"):
            heading = unit.text
        else:
            yield index, unit, heading


def _marks(case: GrantedCase, item_units: Sequence[Unit]) -> dict[int, str]:
    marked: dict[int, str] = {}
    for index, unit, heading in _under_headings(item_units):
        if _refusal(case, unit.text, heading) is not None or _old_way(case, unit.text):
            marked[index] = GRANTED_REASON
    return marked


def granted_case_conflicts(
    facts: ChangeFacts, item_units: list[Any], found: list[Any], make: Callable[..., Any]
) -> list[Any]:
    """`found` with the sentences refusing the option to everyone marked."""
    case = granted_case(facts)
    if case is None:
        return found
    return with_marks(found, _marks(case, item_units), item_units, make)


def _granted(case: GrantedCase, raw: str, refusal: re.Match[str] | None) -> str:
    """The sentence up to its refusal (all of it when it refuses nothing), its answer's
    leading "No," gone, joined to the grant: "…every April; concession tenants may …"."""
    body = raw.rstrip()
    tail = raw[len(body) :]
    end = refusal.start() if refusal is not None else len(body)
    kept = _ANSWER_NO.sub("", body[:end].rstrip(" ,;.!"))
    if len(kept.split()) < 2:
        # nothing of the sentence's own before its refusal ("We can't …", "Sorry, we can't …"):
        # the sentence stays whole and the grant follows as its own sentence
        whole = body if body.endswith((".", "!", "?")) else f"{body}."
        return f"{whole} {upper_first(case.sentence)}{tail}"
    return f"{upper_first(kept)}; {lower_first(case.sentence)}{tail}"


def granted_case_text(case: GrantedCase, text: str) -> str:
    item_units = units(text)
    changes: dict[int, str] = {}
    for index, unit, heading in _under_headings(item_units):
        found = _refusal(case, unit.raw, heading)
        if found is not None and _refusal(case, unit.text, heading) is not None:
            changes[index] = _granted(case, unit.raw, found)
        elif _old_way(case, unit.text) and "\n\n" not in unit.raw:
            changes[index] = _granted(case, unit.raw, None)
    return replace_units(text, changes, item_units) if changes else text


def granted_case_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's body with each refusal of the option kept up to it and followed by the new
    prompt sentence granting it to the case; None when the change grants no such option or the
    item refuses none."""
    case = granted_case(facts)
    if case is None:
        return None
    if not any(GRANTED_REASON in conflict.reasons for conflict in impact.conflicts):
        return None
    body, body_format = impact.item.body, impact.item.body_format
    new_body = edit_body(body, body_format, lambda text: granted_case_text(case, text))
    why = f"The new prompt grants an option to one case: \u201c{case.sentence}\u201d"
    if new_body == body:
        return None, f"Flagged for review: {why}. No safe rewrite of this refusal."
    return new_body, (
        f"{why}. The edit keeps each sentence's rule up to its refusal and adds the new "
        "prompt sentence, which names the case; everything else is kept."
    )
