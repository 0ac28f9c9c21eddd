"""A charge now taken from one group where the thing was free for everyone: the old prompt said
it was free ("Fittings are free: tell the rider there's nothing to pay."), the new one charges
the customers of one case of a flag or a category ("If the rider didn't buy the bike from us, a
fitting costs £40 (fee_gbp 40): tell them the £40 comes off any bike they buy within a month.")
and keeps it free for the rest in a rule of its own ("If the rider bought the bike from us, the
fitting is free."), and a call's argument, if one moved, moved from 0 to the charge.

The KB says the thing is free for everyone in its own words ("Fittings are always free, wherever
you bought your bike", "There's nothing to pay: fittings are on us", a table row "| Bike fitting
| Free |"). Each such sentence gives way to the two rules in the KB's voice, the charged case's
first ("If you didn't buy the bike from us, a fitting costs £40: the £40 comes off any bike you
buy within a month. If you bought the bike from us, the fitting is free."); a row's one cell
saying it is free says both ("£40 if you didn't buy the bike from us; free if you bought the
bike from us"). A sentence naming the case without claiming it for everyone ("Fittings are free
once you've bought your bike from us") still holds, and stays; other things given free, and the
same amount said of other things, stay. A sentence with a placeholder or a number the old rules
do not state says something else too: the item is flagged, not rewritten.

A charge on a case of categories over a price the customer already pays ("a £15 weekend fee")
is `casecharge`'s, a charge past a numeric line `newcharge`'s, one for everyone `everycharge`'s.

Pure text helpers: `impact` marks the sentences (`group_charge_conflicts`), the template drafter
rewrites them (`group_charge_edit`), a drafting model is told the same (`group_charge_fact`) and
its edit that keeps one is refused the same way (`still_group_denied`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.casecharge import case_charge
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.everycharge import (
    CELL_FREE,
    ZERO,
    EveryCharge,
    amount_value,
    charge_of,
    free_claims,
    free_units,
)
from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.newcharge import from_nothing, named_charge, without_code
from behaviordiff.drafting.promptrule import (
    NewRule,
    condition_words,
    customer_noun,
    voiced,
)
from behaviordiff.drafting.rules import requirement
from behaviordiff.drafting.text import (
    STOPWORDS,
    Keep,
    Unit,
    lower_first,
    marked_sentences,
    rewrite_units,
    terms,
    with_one_cell,
)
from behaviordiff.kb.model import PLACEHOLDER

GROUP_CHARGE_REASON = "says it is free for everyone where the new prompt now charges some"

_EVERY_CASE = re.compile(
    r"\b(?:always|whether|whatever|whichever|however|regardless|no\s+matter|every(?:one|body)?"
    r"|any(?:one|body)?|all)\b",
    re.I,
)
"""Words claiming one handling for every case ("always free, whether or not …")."""
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_BOUNDS = (">", ">=", "<", "<=")
_WHO = re.compile(
    r"^(?P<who>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,2}?\s+(?:who|with|without|that|on)\s"
    r"[^,:;]{1,80}?)\s+(?:pays?|gets?|are|is|have|has|can)\b"
)
"""A rule's subject naming whom it is for ("Visitors without a class pass pay …")."""
_PAYS_FOR = re.compile(
    r"\bpays?\s+(?:an?\s+)?(?P<amount>[$£€]\s?\d[\d,]*(?:\.\d+)?)\s+for\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<what>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?)(?=\s*[,.;:(]|\s*$|\s+(?:at|on|if|when)\b)",
    re.I,
)
"""An amount a rule's subject pays for something ("pay £3 for mat hire")."""
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.I)
_PER_UNIT = re.compile(
    r"\b(?:an?\s+)?(?P<what>(?:[A-Za-z][\w'’-]*\s+)?(?:deposit|fee|charge|surcharge|supplement)s?)"
    r"\s+of\s+(?P<amount>[$£€]\s?\d[\d,]*(?:\.\d+)?)"
    r"\s+(?P<per>(?:a|an|per)\s+(?!(?:day|week|month|year|night)\b)[a-z]{3,12}|each)\b",
    re.I,
)
"""A charge taken per unit of something the customer counts ("a deposit of £5 a head", "a
cleaning fee of €6 per pet"): its total is the amount times their own count."""
_NUMBER_OF = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class GroupCharge:
    """The charge a change now takes from one group, the rule kept free for the rest, and how
    the KB is to say them."""

    charge: EveryCharge
    """The charge and what names its topic in a KB sentence."""
    charged: NewRule
    """The charged case's rule in the KB's voice."""
    rest: NewRule
    """The rule keeping it free for the others, in the KB's voice."""
    charged_case: str
    """Whom the charge is for, as a phrase after a price: "if you didn't buy the bike from
    us" (the rule's head), "for visitors without a class pass" (its subject)."""
    rest_case: str
    """Whom it stays free for, the same way."""
    case_words: frozenset[str]
    """The `terms` a sentence names the case by ({"book", "cake"}): a sentence naming them
    with no claim for everyone is said of one case, not of all."""
    old_numbers: frozenset[str]
    """The numbers the old rules state: a sentence said again may lose them."""
    charged_above: bool | None = None
    """Whether the charged case lies above the count's line (True), below it (False), or no
    line draws it (None): which size words name it ("big groups")."""

    @property
    def sentences(self) -> str:
        """The two rules as KB sentences, the charged case's first."""
        return f"{self.charged.sentence} {self.rest.sentence}"

    @property
    def cell(self) -> str:
        """The two rules as one table cell: "£40 if you didn't buy …; free if you bought …"."""
        return f"{self.charge.amount} {self.charged_case}; free {self.rest_case}"


@once_per_change
def group_charge(facts: ChangeFacts) -> GroupCharge | None:
    """The charge a change now takes from the customers of one case where the old prompt said
    it was free for everyone, or None: the condition holds flag or category atoms only (tags
    aside), every moved value went from 0 to the charge's amount, an old rule says the thing
    is free, one new rule names the charge with its case ("If …, a fitting costs £40") and
    another of its section says it is free with the other case ("If …, the fitting is
    free"), both said in the KB's voice."""
    condition = facts.condition
    if condition is None:
        return None
    atoms = [atom for atom in condition.atoms if atom.op != "tag"]
    if not atoms or any(atom.op not in ("=", "in", *_BOUNDS) for atom in atoms):
        return None
    # a line on a count ("groups of 8 or more") is a case the two rules must both name
    lines = {
        f"{float(atom.value):g}"
        for atom in atoms
        if atom.op in _BOUNDS
        and isinstance(atom.value, int | float)
        and not isinstance(atom.value, bool)
    }
    if len(lines) != sum(1 for atom in atoms if atom.op in _BOUNDS):
        return None
    if not from_nothing(facts.moved) or any(not ZERO.match(m.old.strip()) for m in facts.moves):
        return None
    if not any(rule.old and free_claims(without_code(rule.old)) for rule in facts.rules):
        return None
    if requirement(facts.rules) is not None or case_charge(facts) is not None:
        return None
    news: set[float | None] = {new for value in facts.moved for _, _, new in value.values}
    customer = customer_noun(
        [
            *(text for rule in facts.rules for text in (rule.old, rule.new) if text),
            *(sentence for section in facts.prompt_sections.values() for sentence in section),
        ]
    )
    for rule in facts.rules:
        if not rule.new or not rule.kind.startswith("sentence"):
            continue
        per_unit = _per_unit(rule.new)
        found = per_unit or named_charge(rule.new) or _paid(rule.new)
        if found is None or (rule.old and found[0] in rule.old):
            continue
        amount, what = found
        if per_unit is not None:
            if not _multiples(news, amount_value(amount)):
                continue  # the amounts moved are no totals of it
        elif news - {amount_value(amount)}:
            continue  # another amount moved too: not this one charge
        charged = voiced(rule.new, customer)
        if charged is None or amount not in charged.statement:
            continue
        charged_case = _case(charged)
        if charged_case is None:
            continue
        rest, rest_case = next(
            (
                (said, whom)
                for other in facts.rules
                if other is not rule
                and other.new
                and other.section == rule.section
                and named_charge(other.new) is None
                and _paid(other.new) is None
                and free_claims(without_code(other.new))
                and (said := voiced(other.new, customer)) is not None
                and (whom := _case(said)) is not None
                and whom != charged_case
            ),
            (None, None),
        )
        if rest is None or rest_case is None:
            continue
        if lines and not all(_states(case, lines) for case in (charged_case, rest_case)):
            continue  # a case that does not draw the line would misstate who pays
        charge = charge_of(facts, rule, amount, _ARTICLE.sub("", what))
        if charge is None:
            return None
        heads = _stems(charged_case) | _stems(rest_case)
        named = condition_words(facts) & heads or _stems(rest_case)
        above = {atom.op in (">", ">=") for atom in atoms if atom.op in _BOUNDS}
        return GroupCharge(
            charged_above=above.pop() if len(above) == 1 else None,
            charge=charge,
            charged=charged,
            rest=rest,
            charged_case=charged_case,
            rest_case=rest_case,
            case_words=frozenset(named),
            old_numbers=frozenset(
                _NUMBER.findall(" ".join(other.old or "" for other in facts.rules))
            ),
        )
    return None


def _per_unit(text: str) -> tuple[str, str] | None:
    """A charge a rule takes per unit, as (its amount with the unit, what it is): ("£5 a
    head", "deposit") for "take a deposit of £5 a head when booking"; None when it names
    none."""
    found = _PER_UNIT.search(without_code(text))
    if found is None:
        return None
    amount = " ".join(f"{found['amount']} {found['per']}".split())
    return amount, " ".join(found["what"].split())


def _multiples(news: set[float | None], unit: float | None) -> bool:
    """Whether every amount a call moved to is a whole number of `unit`s, not all of them one
    (a deposit of £5 a head: 40 for eight, 55 for eleven)."""
    if unit is None or unit <= 0 or not news or None in news:
        return False
    counts = {round(new / unit, 6) for new in news if new is not None}
    return len(counts) > 1 and all(count.is_integer() and count >= 1 for count in counts)


def _states(case: str, lines: set[str]) -> bool:
    """Whether a case phrase states every line of the condition ("for groups of 8 or more",
    "for groups of fewer than 8")."""
    said = {f"{float(number):g}" for number in _NUMBER_OF.findall(case.replace(",", ""))}
    return lines <= said


def _paid(text: str) -> tuple[str, str] | None:
    """The amount a rule says its subject pays and what for ("pay £3 for mat hire" → ("£3",
    "mat hire")), the way `newcharge.named_charge` reads a charge named otherwise."""
    found = _PAYS_FOR.search(without_code(text))
    return (found["amount"], found["what"]) if found is not None else None


def _case(said: NewRule) -> str | None:
    """Whom a voiced rule is for, as a phrase after a price: its head ("if you didn't buy the
    bike from us"), or the subject it opens with when that names them ("for visitors without
    a class pass" of "Visitors without a class pass pay £3 …"); None when it says neither."""
    if said.head:
        return lower_first(said.head)
    found = _WHO.match(said.statement)
    return f"for {lower_first(found['who'])}" if found is not None else None


def _stems(text: str) -> set[str]:
    return set(terms(text)) - STOPWORDS - {"you", "your", "yours", "we", "us", "our"}


_SIZE_WORDS = {
    True: frozenset({"big", "bigger", "biggest", "large", "larger", "largest", "huge"}),
    False: frozenset({"small", "smaller", "smallest", "little"}),
}
"""Words naming the cases above and below a count's line ("Big group booked")."""


def addressed_to_charged(charge: GroupCharge, title: str) -> bool:
    """Whether an item's title names the charged case and not the other: a size word of its
    side of the line ("Bookings::Big group booked" for groups of 8 or more) or a word only its
    case says ("Mats::Visitors without a pass"), none of the other's. Such an item speaks to
    the charged customers only: it says their rule, not the rule of the rest."""
    said = _words(title)
    own = _words(charge.charged_case) - _words(charge.rest_case)
    others = _words(charge.rest_case) - _words(charge.charged_case)
    if charge.charged_above is not None:
        own |= _SIZE_WORDS[charge.charged_above]
        others |= _SIZE_WORDS[not charge.charged_above]
    return bool(own & said) and not others & said


def said_of_one_case(charge: GroupCharge, sentence: str) -> bool:
    """Whether a sentence names the case (`GroupCharge.case_words`) and claims nothing for
    everyone: what it says free holds for one case ("free once you've bought your bike from
    us"), not for all."""
    return charge.case_words <= set(terms(sentence)) and _EVERY_CASE.search(sentence) is None


def _denying(charge: GroupCharge, text: str, item_units: list[Unit]) -> list[int]:
    marked = [
        index
        for index in free_units(charge.charge, text, item_units)
        if not said_of_one_case(charge, item_units[index].text)
    ]
    rows = [index for index, unit in enumerate(item_units) if _case_row(charge, unit.text)]
    return sorted({*marked, *_bare_answers(marked, text, item_units), *rows})


_NOTHING_CELL = re.compile(r"\s*(?:nothing|none|nil|free|[$£€]\s?0+(?:\.0+)?)[.!]?\s*", re.I)
"""A table cell saying nothing is paid ("Nothing", "None", "£0")."""
_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower().replace(",", "")))


def _case_row(charge: GroupCharge, row: str) -> bool:
    """Whether a table row is the charged case's own, with one cell saying nothing is paid:
    it names the case's line with the words only the charged case says ("| 8 people or more
    | … | Nothing |" for "for groups of 8 or more" beside "for groups of fewer than 8"), and
    none only the other case says."""
    if not row.lstrip().startswith("|"):
        return False
    cells = row.strip().strip("|").split("|")
    if sum(1 for cell in cells if _NOTHING_CELL.fullmatch(cell)) != 1:
        return False
    charged, rest = _words(charge.charged_case), _words(charge.rest_case)
    lines = {word for word in charged & rest if word[:1].isdigit()}
    own, others = charged - rest, rest - charged
    said = _words(row)
    return bool(lines and own) and lines | own <= said and not others & said


_BARE_NO = re.compile(
    r"(?:no|nope|never|not\s+at\s+all)(?:\s*[,;]\s*(?:never|not\s+at\s+all|not\s+ever|none))?"
    r"\s*[.!]?",
    re.I,
)
"""A bare "no" answering a question ("No, never.", "Not at all.")."""


def _bare_answers(marked: list[int], text: str, item_units: list[Unit]) -> list[int]:
    """The bare "no" (`_BARE_NO`) opening the paragraph of a marked sentence under a question
    heading ("## Do you take deposits?" / "No, never. … doesn't cost a penny upfront"): the
    answer the sentence explains says the same, and is said again with it."""
    found = []
    for index in marked:
        before = index - 1
        if before < 1 or not _BARE_NO.fullmatch(item_units[before].text.strip()):
            continue
        if "\n\n" in text[item_units[before].end : item_units[index].start].replace("\r", ""):
            continue
        heading = item_units[before - 1].text.strip()
        gap = text[item_units[before - 1].end : item_units[before].start].replace("\r", "")
        if heading.startswith("#") and heading.endswith("?") and "\n\n" in gap:
            found.append(before)
    return found


def group_charge_conflicts(
    facts: ChangeFacts,
    text: str,
    item_units: list[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units of `text` saying the thing now charged for one group is free for
    everyone marked (`make` builds a conflict from index, text and reasons); a unit another
    finder marked is left to it."""
    charge = group_charge(facts)
    if charge is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    own = [index for index in _denying(charge, text, item_units) if index not in taken]
    if not own:
        return found
    marked = [*found, *(make(i, item_units[i].text, (GROUP_CHARGE_REASON,)) for i in own)]
    marked.sort(key=lambda conflict: conflict.unit_index)
    return marked


def _said_again(charge: GroupCharge, unit: Unit, only_charged: bool = False) -> str | Keep:
    """A unit saying the thing is free for everyone said as the two rules: a row's one cell
    saying only that it is free as `GroupCharge.cell`, a sentence as `GroupCharge.sentences`,
    or the charged case's rule alone in an item addressed to it (its white space after kept);
    `Keep.BLOCK` when it cannot be."""
    raw = unit.raw
    if _case_row(charge, unit.text):
        row = with_one_cell(raw, _NOTHING_CELL.fullmatch, lambda cell: charge.charge.amount)
        return Keep.BLOCK if row is None else row
    if raw.lstrip().startswith("|"):
        row = with_one_cell(
            raw,
            free_claims,
            lambda cell: charge.cell if CELL_FREE.fullmatch(cell.strip()) else None,
        )
        return Keep.BLOCK if row is None else row
    others = set(_NUMBER.findall(unit.text)) - charge.old_numbers
    if PLACEHOLDER.search(raw) or others:
        return Keep.BLOCK  # it says something else too: a writer's
    body = raw.rstrip()
    said = charge.charged.sentence if only_charged else charge.sentences
    return said + raw[len(body) :]


def group_charged_body(
    charge: GroupCharge,
    body: str,
    body_format: str,
    denying: set[str],
    only_charged: bool = False,
) -> str | None:
    """`body` with the units of `denying` said as the two rules (the charged case's alone when
    `only_charged`: the item speaks to those customers), a sentence the first of its paragraph
    only (a later one says nothing new and goes), every other byte kept; None when one cannot
    be said (flag it, with the reason)."""
    state = {"said": False}

    def pick(unit: Unit) -> str | Keep:
        said_before = state["said"]
        ends_paragraph = "\n\n" in unit.raw[len(unit.raw.rstrip()) :].replace("\r", "")
        if unit.text not in denying or unit.raw.lstrip().startswith(("#", "|")):
            state["said"] = said_before and not ends_paragraph
            if unit.text in denying and unit.raw.lstrip().startswith("|"):
                return _said_again(charge, unit)
            return Keep.UNIT
        state["said"] = not ends_paragraph
        again = _said_again(charge, unit, only_charged)
        if said_before and again is not Keep.BLOCK:
            return ""  # the rules are said; what it says beside the claim is nothing of its own
        return again

    return rewrite_units(body, body_format, pick)


def group_charge_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The template drafter's edit for a charge now taken from one group: the item's sentences
    saying the thing is free for everyone said as the two rules (`group_charged_body`), with a
    rationale; no body, with the reason, when one cannot be said (a placeholder or a number
    of its own in it). None when the change brings in no such charge or the item says none."""
    charge = group_charge(facts)
    if charge is None:
        return None
    denying = {c.sentence for c in impact.conflicts if GROUP_CHARGE_REASON in c.reasons}
    if not denying:
        return None
    item = impact.item
    only_charged = addressed_to_charged(charge, item.title)
    new_body = group_charged_body(charge, item.body, item.body_format, denying, only_charged)
    noun = item.kind
    order = [unit.text for unit in impact.units if unit.text in denying]
    if new_body is None:
        return None, (
            f"Flagged for review: this {noun} says the {charge.charge.what} is free for everyone "
            "in "
            + "; ".join(f"“{sentence}”" for sentence in order)
            + f", where the new prompt now charges {charge.charge.amount} "
            f"{charge.charged_case}; a sentence there says something else "
            "too (a placeholder, or a number of its own), so a writer says both rules there."
        )
    rationale = (
        f"The new prompt now charges {charge.charge.amount} for the {charge.charge.what} "
        f"{charge.charged_case} and keeps it free {charge.rest_case}; this {noun} still says it "
        "is free for everyone "
        "in "
        + "; ".join(f"“{sentence}”" for sentence in order)
        + (
            f". This {noun} speaks to those charged ({item.title}): the edit says their rule "
            f"there in the {noun}'s voice and keeps everything else."
            if only_charged
            else f". The edit says both rules there in the {noun}'s voice and keeps everything "
            "else."
        )
    )
    return new_body, rationale


def still_group_denied(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still say the thing now charged for one group is
    free for everyone: what no drafter's edit may keep."""
    charge = group_charge(facts)
    if charge is None:
        return []
    return marked_sentences(body, body_format, lambda text, found: _denying(charge, text, found))


def group_charge_fact(facts: ChangeFacts) -> str | None:
    """The charge now taken from one group, as a drafting model is told it."""
    charge = group_charge(facts)
    if charge is None:
        return None
    return (
        f"the new prompt now charges {charge.charge.amount} for the {charge.charge.what} "
        f"{charge.charged_case} and keeps it free {charge.rest_case}: text saying the "
        f"{charge.charge.what} is free "
        f"for everyone (“always free”, “on the house”, a table cell “Free”) says both rules "
        f"there instead, in the item's own words: “{charge.charged.sentence}” and "
        f"“{charge.rest.sentence}” (a table cell: “{charge.cell}”), or the first alone in an "
        "item whose title names only the charged customers (“big group”, "
        f"“{charge.charged_case}”); text saying it is free "
        "for the second case only, other things given free, and the same amount said of other "
        "things stay as they are"
    )
