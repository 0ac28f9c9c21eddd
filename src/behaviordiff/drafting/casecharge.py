"""A charge introduced for one case of categories where there was none: the old prompt said no
fee for any case ("there is no weekend fee for any service (weekend_fee_gbp 0)"), the new one
charges it for some values of the condition's categories only ("Full valets on a Saturday or
Sunday carry a £15 weekend fee (weekend_fee_gbp 15). Exterior washes and interior cleans cost
the same on any day."), and a call's argument moved from 0 to the one new amount.

The KB says there is no such charge for the case ("There's no extra charge for weekend
bookings", "weekend visits are free of any surcharge, whichever service you choose", a table
row "| Full valet | £70 | £70 (no extra charge) |"). Each such sentence is said again as the new
rule, with what stays free beside it; a table cell gets the charge after its price. A sentence
says the absence of a charge only with words of charging ("no extra charge", "nothing extra",
"free of any surcharge", "don't charge a penny more"): a thing given free ("a free tyre shine,
weekends included") is another subject. So is an absence said of another rule of the new
prompt ("rebooked for free on your next free day, weekday or weekend, so there's nothing extra
to pay" when rain rebooking stays free), and a row or sentence naming only the categories that
stay free ("| Exterior wash | £25 | £25 (no extra charge) |").

Pure text helpers: `impact` marks the sentences (`case_charge_conflicts`), the template
drafter rewrites them (`case_charge_edit`), and a drafting model's edit that keeps one is
refused the same way (`still_case_denied`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

from behaviordiff.drafting.facts import ChangeFacts
from behaviordiff.drafting.impactview import ImpactView
from behaviordiff.drafting.newcharge import (
    as_told,
    from_nothing,
    named_charge,
    new_charge,
    without_code,
)
from behaviordiff.drafting.text import (
    STOPWORDS,
    Keep,
    Unit,
    marked_sentences,
    plain_text,
    rewrite_units,
    terms,
    units,
)
from behaviordiff.kb.model import PLACEHOLDER

CASE_CHARGE_REASON = "says there is no charge for the case the new prompt now charges"

_NO_CHARGE = re.compile(
    r"\bno\s+(?:extra\s+|additional\s+|added\s+)?(?:charges?|costs?|fees?|surcharges?)\b"
    r"|\bnothing\s+(?:extra|more|additional)\b"
    r"|\bfree\s+of\s+(?:any\s+)?(?:charges?|surcharges?|fees?)\b"
    r"|\bat\s+no\s+(?:extra\s+|additional\s+)?cost\b"
    r"|\bcosts?\s+the\s+same\b|\bthe\s+same\s+[$£€]\s?\d"
    r"|\b(?:won't|will\s+not|don't|do\s+not|never)\s+(?:be\s+charged|pay|charge)\s+"
    r"(?:you\s+)?(?:anything\s+|a\s+penny\s+|a\s+cent\s+|a\s+thing\s+)?(?:extra|more)\b"
    r"|\bwithout\s+(?:any\s+)?(?:extra|additional)\s+(?:charges?|costs?|fees?)\b"
    r"|\b(?:is|are|stays?|remains?)\s+(?:always\s+|still\s+|completely\s+|totally\s+)?free"
    r"\b(?!\s+(?:to|from|for|of\s+(?!charge)))"
    r"|\b(?:won't|won’t|will\s+not|doesn't|doesn’t|does\s+not|don't|don’t)\s+cost\s+"
    r"(?:you\s+)?(?:a\s+penny|a\s+cent|anything|a\s+thing)\b|\bcosts?\s+nothing\b",
    re.I,
)
"""Words of charging that say there is no charge ("no extra charge", "free of any surcharge",
"we don't charge a penny more", "it won't cost you a penny"), and a thing said to be free
("booking by phone is free"); "free" before a noun is a thing given ("a free tyre shine"), not
a charge denied."""
_SAID_FREE = re.compile(r"\b(?:is|are|stays?|remains?)\s+(?:\w+\s+)?free\b", re.I)
"""A thing said to be free ("Tastings are free"): an old rule saying only this denies the
charge for every case when it claims so ("… is free however it's made"); else another class
reads it (a fee brought in by a flag, `flagcharge`)."""
_FREE_CELL = re.compile(r"^\s*(?:\*\*)?(?:free|no\s+charge|nothing)(?:\*\*)?\s*$", re.I)
"""A table cell that is only a denied charge: "| Booking by phone | Free |"."""
_ABSENCE_WORDS = frozenset(
    terms("free charge charges cost costs fee fees surcharge extra more nothing same pay penny")
)
_FREE_RULE = re.compile(r"\bfree\b|\bnothing\s+extra\b|\bno\s+(?:extra\s+)?charge\b", re.I)
_EVERY_CASE = re.compile(
    r"\b(?:same|whichever|whatever|however|every|any|all|regardless|no\s+matter)\b", re.I
)
"""Words going on with a claim for every case ("the same goes for every service")."""
_ANSWER_NO = re.compile(r"^\s*(?:no|nope)\s*[.!]\s*$", re.I)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_CLAUSE = re.compile(r",\s+(?:and|but|while)\s+|;\s+|:\s+")


@dataclass(frozen=True)
class CaseCharge:
    """The charge a change brings in for a case of categories, and how the KB is to say it."""

    said: str
    """The new rule as a customer may read it: "Full valets on a Saturday or Sunday carry a
    £15 weekend fee."."""
    rest: str | None
    """What the new prompt says stays free beside it ("Exterior washes and interior cleans
    cost the same on any day."), or None."""
    amount: str
    """"£15"."""
    named: str
    """The charge as a phrase: "a £15 weekend fee"."""
    topics: tuple[frozenset[str], ...]
    """What names the case, as sets of `terms` a sentence names one of in full: the charge's
    own words but the charge nouns ({"weekend"}) and each value of the condition's atoms
    ({"full", "valet"}, {"saturday"})."""
    case_values: tuple[frozenset[str], ...]
    """The values of the condition's categories, as `terms`."""
    rest_words: frozenset[str]
    """The words naming what stays free (`rest`'s subject): {"exterior", "wash", ...}."""
    kept_numbers: frozenset[str]
    """Numbers a rewritten sentence may drop: the old rules' and the change's calls'
    unchanged arguments' (the price the case still pays before the charge)."""
    others: tuple[frozenset[str], ...]
    """The content words of the new prompt's other sections' sentences that say something is
    free (rain rebooked for free): an absence said of one of them is that rule's."""
    subject: frozenset[str] = frozenset()
    """What the new rule is of, as `terms` of its sentence but the charge's, the case's and
    the numbers ({"book", "chang", "session"} for "Booking or changing a session by phone
    costs a £5 admin fee each time."): a heading naming two of them puts a sentence denying
    the charge whichever way ("It won't cost you a penny, whichever way you get in touch")
    on the rule's subject."""


def _value_words(value: Any) -> frozenset[str]:
    return frozenset(terms(str(value).replace("_", " "))) - STOPWORDS


def case_charge(facts: ChangeFacts) -> CaseCharge | None:
    """The charge a change introduces for a case of categories, or None: every value the
    change moves went from 0 to one amount, its condition holds category atoms only (tags
    aside), an old rule said there was no charge, and a new rule names the charge's amount
    ("a £15 weekend fee") that its old version did not. A charge past a numeric line is
    `newcharge`'s."""
    if not facts.moved or not from_nothing(facts.moved) or facts.condition is None:
        return None
    if new_charge(facts) is not None:
        return None
    news = {new for value in facts.moved for _, _, new in value.values}
    atoms = [atom for atom in facts.condition.atoms if atom.op != "tag"]
    if len(news) != 1 or not atoms or any(atom.op not in ("=", "in") for atom in atoms):
        return None
    if not any(rule.old and _denies_old(without_code(rule.old)) for rule in facts.rules):
        return None
    for rule in facts.rules:
        if not rule.new or not rule.kind.startswith("sentence"):
            continue
        found = named_charge(rule.new)
        if found is None or (rule.old and found[0] in rule.old):
            continue
        said = as_told(without_code(rule.new))
        if not said:
            continue
        amount, what = found
        rest = next(
            (
                told
                for other in facts.rules
                if other is not rule
                and other.new
                and other.section == rule.section
                and named_charge(other.new) is None
                and _NO_CHARGE.search(other.new)
                and (told := as_told(without_code(other.new)))
            ),
            None,
        )
        values: list[frozenset[str]] = []
        for atom in atoms:
            given = atom.value if isinstance(atom.value, tuple) else (atom.value,)
            values += [words for value in given if (words := _value_words(value))]
        topic = frozenset(terms(what)) - _ABSENCE_WORDS - STOPWORDS
        rest_words: frozenset[str] = frozenset()
        if rest:
            # what stays free, by the words the charged rule does not share ("screenings")
            head = _NO_CHARGE.split(rest, maxsplit=1)[0]
            rest_words = frozenset(terms(head)) - _ABSENCE_WORDS - set(terms(said))
        section = facts.prompt_sections.get(rule.section or "", [])
        # the numbers the old rules state and the rule's section still states (the case's
        # own price, "Full valet: £70"): a sentence said again as the rule may drop them
        kept = set(_NUMBER.findall(" ".join([*(r.old or "" for r in facts.rules), *section])))
        # another section's free rule, by its words the charge's section does not use
        own = set(terms(" ".join([*section, *(r.new or "" for r in facts.rules)])))
        others = tuple(
            words
            for name, sentences in facts.prompt_sections.items()
            if name != rule.section
            for sentence in sentences
            if "{{" not in sentence and _FREE_RULE.search(sentence)
            if (words := frozenset(terms(sentence)) - own - _ABSENCE_WORDS)
        )
        subject = (
            frozenset(
                word
                for word in terms(said)
                if not any(ch.isdigit() for ch in word) and word not in _ABSENCE_WORDS
            )
            - topic
            - frozenset().union(*values)
        )
        return CaseCharge(
            subject=subject,
            said=said,
            rest=rest,
            amount=amount,
            named=f"a {amount} {what}",
            topics=tuple([topic, *values] if topic else values),
            case_values=tuple(values),
            rest_words=rest_words,
            kept_numbers=frozenset(kept),
            others=others,
        )
    return None


def _denies_old(rule: str) -> bool:
    """Whether an old rule says there was no charge: in words of charging, or a thing said to
    be free for every case ("free however it's made")."""
    found = list(_NO_CHARGE.finditer(rule))
    if any(not _SAID_FREE.match(rule, match.start()) for match in found):
        return True
    return bool(found) and _EVERY_CASE.search(rule) is not None


def _another_rules(
    charge: CaseCharge, said: set[str], also: AbstractSet[str] = frozenset()
) -> bool:
    """Whether a sentence's words (`said`, and `also`) say the absence of another free rule of
    the new prompt: two of that rule's words the charge's section does not use
    (`CaseCharge.others`)."""
    return any(len(other & said) + len((other - said) & also) >= 2 for other in charge.others)


def denies_case_charge(
    charge: CaseCharge,
    sentence: str,
    header: str = "",
    before: str = "",
    before_terms: AbstractSet[str] = frozenset(),
    heading: str = "",
) -> bool:
    """Whether a KB sentence (or a table row, read with its `header` row) says there is no
    charge for the case now charged: words of charging that deny one, words naming the case
    (`CaseCharge.topics`), no word naming only what stays free, not the charge's amount
    already, and not another free rule's words, in it or in the sentences of its paragraph
    `before` it ("If rain stops your valet, we rebook it for free. Weekday or weekend,
    there's nothing extra to pay."), or their words already as `before_terms`. A sentence
    denying it whichever way under a `heading` naming the rule's subject names the case too
    (`CaseCharge.subject`)."""
    if not _denies(sentence) or charge.amount in sentence:
        return False
    said = set(terms(sentence))
    named = said | set(terms(header))
    if not any(words <= named for words in charge.topics) and not (
        _EVERY_CASE.search(sentence)
        and not sentence.lstrip().startswith("|")
        and len(charge.subject & set(terms(heading))) >= 2
    ):
        return False
    names_case = any(words <= said for words in charge.case_values)
    if charge.rest_words & said and not names_case:
        return False
    if sentence.lstrip().startswith("|"):
        return names_case
    return not _another_rules(charge, said | set(terms(before)), before_terms)


def _denies(sentence: str) -> bool:
    """Whether a sentence, or one cell of a table row, says there is no charge."""
    if _NO_CHARGE.search(sentence):
        return True
    return sentence.lstrip().startswith("|") and any(
        _FREE_CELL.match(cell) for cell in sentence.strip().strip("|").split("|")
    )


def _header(item_units: Sequence[Unit], index: int) -> str:
    """The first row of the table a row belongs to."""
    first = index
    while first > 0 and item_units[first - 1].text.startswith("|"):
        first -= 1
    return item_units[first].text if first != index else ""


def _before_in_paragraph(text: str, item_units: Sequence[Unit], index: int) -> str:
    """The sentences of a unit's paragraph before it."""
    said: list[str] = []
    at = index
    while at > 0 and not _paragraph_break(text, item_units[at - 1], item_units[at]):
        at -= 1
        if item_units[at].text.startswith("#"):
            break
        said.insert(0, item_units[at].text)
    return " ".join(said)


def _denying(charge: CaseCharge, text: str, item_units: Sequence[Unit]) -> list[int]:
    """The indexes of the units saying there is no charge for the case now charged. One pass:
    the words of the paragraph so far (`_before_in_paragraph`) and the table's first row
    (`_header`) are carried along, not looked back for from each unit."""
    found = []
    before: set[str] = set()
    first_row = 0
    heading = ""
    for index, unit in enumerate(item_units):
        if index > 0:
            last = item_units[index - 1]
            if last.text.startswith("#") or _paragraph_break(text, last, unit):
                before = set()
            else:
                before |= set(terms(last.text))
            if not last.text.startswith("|"):
                first_row = index
        if unit.text.startswith("#"):
            heading = unit.text
            continue
        header = item_units[first_row].text if unit.text.startswith("|") else ""
        if first_row == index:
            header = ""
        if denies_case_charge(charge, unit.text, header, before_terms=before, heading=heading):
            found.append(index)
    return found


def case_charge_conflicts(
    facts: ChangeFacts,
    text: str,
    item_units: list[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units of `text` saying there is no charge for the newly charged case
    (`denies_case_charge`) marked (`make` builds a conflict from index, text and reasons)."""
    charge = case_charge(facts)
    if charge is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    marked = list(found)
    for index in _denying(charge, text, item_units):
        if index not in taken:
            marked.append(make(index, item_units[index].text, (CASE_CHARGE_REASON,)))
    marked.sort(key=lambda conflict: conflict.unit_index)
    return marked


def _lower_first(text: str) -> str:
    """`text` to go on a sentence: its first letter lower-cased, unless the first word is an
    acronym or a name in capitals ("IMAX")."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _rule_sentence(charge: CaseCharge) -> str:
    """The new rule and what stays free, as one sentence without its full stop."""
    said = charge.said.rstrip(".! ")
    if charge.rest:
        return f"{said}; {_lower_first(charge.rest).rstrip('.! ')}"
    return said


def _row(raw: str, charge: CaseCharge) -> str | None:
    """A row with the one cell denying a charge given the charge after its price ("£70 (no
    extra charge)" → "£70 (plus a £15 weekend fee)"), every other byte kept."""
    cells = raw.split("|")
    free = [i for i, cell in enumerate(cells[1:-1], start=1) if _FREE_CELL.match(cell)]
    if len(free) == 1:
        # the cell is only the denial ("Free"): it becomes the charge ("£5 admin fee")
        cell = cells[free[0]]
        named = charge.named.removeprefix("a ").removeprefix("an ")
        said = named[:1].upper() + named[1:] if cell.strip()[:1].isupper() else named
        cells[free[0]] = cell[: len(cell) - len(cell.lstrip())] + said + cell[len(cell.rstrip()) :]
        return "|".join(cells)
    saying = [i for i, cell in enumerate(cells[1:-1], start=1) if _NO_CHARGE.search(cell)]
    if len(saying) != 1:
        return None
    cells[saying[0]] = _NO_CHARGE.sub(f"plus {charge.named}", cells[saying[0]], count=1)
    return "|".join(cells)


def _clause_rewrite(raw: str, charge: CaseCharge) -> str | None:
    """A sentence with a clause apart that alone denies the charge ("We're out seven days a
    week, 8am to 6pm, and weekend visits are free of any surcharge, whichever service you
    choose.") with that clause said as the new rule; a clause after it that says something
    else stays ("…, and we bring our own water"), one that goes on with the claim for every
    case ("…, and the same goes for every service") goes with it. None when the clause before
    it denies it too, holds a placeholder, or no clause is apart."""
    found = _NO_CHARGE.search(raw)
    if found is None:
        return None
    joints = [m for m in _CLAUSE.finditer(raw) if m.end() <= found.start()]
    if not joints:
        return None
    joint = joints[-1]
    if _NO_CHARGE.search(raw[: joint.start()]):
        return None
    end = len(raw.rstrip())
    tail = ""
    for after in _CLAUSE.finditer(raw, found.end()):
        rest = raw[after.start() : end]
        if not _NO_CHARGE.search(rest) and not _EVERY_CASE.search(rest):
            tail = rest
            end = after.start()
            break
    if PLACEHOLDER.search(raw[joint.end() : end]):
        return None
    said = _lower_first(_rule_sentence(charge))
    if tail:
        return raw[: joint.end()] + said + tail + raw[len(raw.rstrip()) :]
    return raw[: joint.end()] + said + "." + raw[len(raw.rstrip()) :]


def _paragraph_break(text: str, first: Unit, second: Unit) -> bool:
    return "\n\n" in text[first.end : second.start].replace("\r", "")


def case_charged_body(
    charge: CaseCharge, body: str, body_format: str, denying: set[str]
) -> str | None:
    """`body` with each unit of `denying` said again as the new rule: a table row's cell with
    the charge after its price, the first denying sentence of a paragraph as the rule with
    what stays free (a bare "No." answering before it goes with it), the next ones in the
    paragraph dropped (the rule is said). A sentence whose last clause alone denies it has
    only that clause said again; a whole sentence said again may not lose a placeholder or a
    number neither the old rules nor the rule's section state. Every other byte kept; None
    when a unit cannot be said."""
    text = plain_text(body, body_format)
    text_units = units(text)
    first_denying: dict[str, bool] = {}
    dropped: set[str] = set()
    previous: Unit | None = None
    said_in_paragraph = False
    for index, unit in enumerate(text_units):
        if previous is not None and _paragraph_break(text, previous, unit):
            said_in_paragraph = False
        previous = unit
        if unit.text in denying and not unit.text.startswith("|"):
            first_denying[unit.text] = not said_in_paragraph
            if not said_in_paragraph and index > 0:
                before = text_units[index - 1]
                if _ANSWER_NO.match(before.text) and not _paragraph_break(text, before, unit):
                    dropped.add(before.text)
            said_in_paragraph = True

    def pick(unit: Unit) -> str | Keep:
        if unit.text in dropped:
            return ""
        if unit.text not in denying or unit.raw.lstrip().startswith("#"):
            return Keep.UNIT
        if unit.raw.lstrip().startswith("|"):
            row = _row(unit.raw, charge)
            return Keep.BLOCK if row is None else row
        if not first_denying.get(unit.text, True):
            return ""
        clause = _clause_rewrite(unit.raw, charge)
        if clause is not None:
            return clause
        others = set(_NUMBER.findall(unit.text)) - charge.kept_numbers
        if PLACEHOLDER.search(unit.raw) or others:
            return Keep.BLOCK
        return _rule_sentence(charge) + "."

    return rewrite_units(body, body_format, pick)


def case_charge_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str, str] | None:
    """The template drafter's edit for a charge brought in for a case of categories: the
    item's sentences denying it said again (`case_charged_body`), with a rationale. None when
    the change brings in no such charge or the item says none."""
    charge = case_charge(facts)
    if charge is None:
        return None
    denying = {c.sentence for c in impact.conflicts if CASE_CHARGE_REASON in c.reasons}
    if not denying:
        return None
    new_body = case_charged_body(charge, impact.item.body, impact.item.body_format, denying)
    if new_body is None:
        return None
    noun = impact.item.kind
    order = [unit.text for unit in impact.units if unit.text in denying]
    rationale = (
        f"The new prompt now charges {charge.named} for some cases: “{charge.said}”; this "
        f"{noun} still says there is no such charge in "
        + "; ".join(f"“{sentence}”" for sentence in order)
        + f". The edit says the new rule there and keeps everything else in the {noun}."
    )
    return new_body, rationale


def still_case_denied(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still say there is no charge for the case now
    charged: what no drafter's edit may keep."""
    charge = case_charge(facts)
    if charge is None:
        return []
    return marked_sentences(body, body_format, lambda text, found: _denying(charge, text, found))


def case_charge_fact(facts: ChangeFacts) -> str | None:
    """The charge brought in for a case, as a drafting model is told it: the rule to say where
    the KB says there is no such charge, what stays free, and what is another subject."""
    charge = case_charge(facts)
    if charge is None:
        return None
    return (
        f"the new prompt now charges {charge.named} for some cases only: “{charge.said}”"
        + (f" and “{charge.rest}”" if charge.rest else "")
        + ": text saying there is no such charge for those cases says the new rule instead (a "
        "table cell gets the charge after its price); what stays free for the other cases, "
        "and things given free on other topics, stay as they are"
    )
