"""A charge introduced where there was none, past a bound of a numeric variable: the old prompt
said the thing was free ("Parking is unlimited: there is no extra charge, however long the
customer stays."), the new one includes it up to a line and charges past it ("The first 4
hours are included. If the stay is over 4 hours, charge a £5 parking fee with `add_charge`").
The KB states the absence ("Parking is free, however long you stay", a table row "| Parking |
No extra charge |"), with no number to move: each such sentence on the charge's topic is said
again with the new rule and its line ("The first 4 hours are included; over 4 hours, we charge
a £5 parking fee"), a table cell as one cell of the same row. Other charges of the same amount
or with the same tool ("a £5 booking fee", "£5 a day for a second driver") say no absence and
stay.

Pure text helpers: `impact` marks the sentences (`denies_charge`), the template drafter
rewrites them (`charged_body`), and a drafting model's edit that keeps one is refused the same
way (`still_denied`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from behaviordiff.detect.model import Atom
from behaviordiff.drafting.casetold import (
    CaseTold,
    case_in_line,
    case_row,
    claims_every_case,
    narrowed_whether,
    told_charge,
)
from behaviordiff.drafting.facts import ChangeFacts, MovedValue, Rule
from behaviordiff.drafting.freewords import FREE_IN_OTHER_WORDS
from behaviordiff.drafting.rules import requirement
from behaviordiff.drafting.text import (
    STOPWORDS,
    Keep,
    Unit,
    plain_text,
    rewrite_units,
    terms,
    units,
    upper_first,
    with_one_cell,
)
from behaviordiff.kb.model import PLACEHOLDER

NEW_CHARGE_REASON = "says there is no charge where the new prompt now charges"

_CHARGE_NOUN = r"(?:sur)?charges?|fees?|supplements?|levy|levies"
_AMOUNT = r"[$£€]\s?\d[\d,]*(?:\.\d+)?"
_WHAT = (
    r"(?:(?!(?:an?|the|charge|add|apply|take)\b)[A-Za-z][\w'’-]*\s+){0,2}?"
    rf"(?:{_CHARGE_NOUN})"
)
_CHARGE = re.compile(rf"(?P<amount>{_AMOUNT})\s+(?P<what>{_WHAT})\b", re.I)
"""An amount and what it is ("£6 mileage surcharge", "$10 late fee")."""
_CHARGE_OF = re.compile(rf"\b(?P<what>{_WHAT})\s+of\s+(?P<amount>{_AMOUNT})", re.I)
"""What a charge is and its amount after it ("a mileage surcharge of £6")."""
_CHARGE_FOR = re.compile(
    rf"\bcharge\s+(?:them\s+|the\s+customer\s+)?(?P<amount>{_AMOUNT})\s+(?:extra\s+)?"
    r"(?P<what>for\s+(?:the\s+|their\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?)"
    r"(?=\s+(?:with|using|via|and|then|by|on)\b|\s*[,.;:(]|\s*$)",
    re.I,
)
"""An amount charged for something, the prompt naming no charge noun ("charge £6 for the
extra miles")."""
_DOING_COSTS = re.compile(
    r"^\s*(?:[-*+]\s+)?(?P<what>[A-Z][a-z]{2,20}ing(?:\s+(?:it|them))?)\b[^,;:.!?]{1,80}?\s+"
    r"costs?\s+(?:an?\s+extra\s+|extra\s+)?(?P<amount>[$£€]\s?\d{1,7}(?:,\d{3})*(?:\.\d+)?)",
    re.I,
)
"""A doing that costs an amount under a case said between them ("Moving it less than 24 hours
before costs £5"): the case holds the line, so only the amount is the charge's own span."""
_COSTS = re.compile(
    rf"(?:^|[,:;]\s*|\b(?:the|a|an|our|your)\s+)"
    r"(?P<what>(?!(?:it|this|that|which|what|each|every|one)\b)[A-Za-z][\w'’-]*"
    # a pronoun is the subject of its own clause ("tell the owner it costs £20"), never part
    # of the thing's name
    r"(?:\s+(?!(?:costs?|it|this|that|they|these|those)\b)[A-Za-z][\w'’-]*)?)"
    rf"\s+costs?\s+(?:an?\s+extra\s+|extra\s+)?(?P<amount>{_AMOUNT})",
    re.I,
)
"""A thing and what it costs, the prompt naming no charge noun ("On orders under £50,
engraving costs £5"): taken as `_CHARGE_FOR` is, a charge for the thing."""
_VERB_BEFORE = re.compile(
    r"\b(?P<verb>charge|add|apply|take)\s+(?:them\s+|the\s+customer\s+)?(?:an?\s+)?$", re.I
)
"""The prompt's verb for taking the charge, said just before it ("charge a £6 …")."""
ABSENCE = re.compile(
    r"\bunlimited\b"
    r"|\bno\s+(?:extra\s+|additional\s+|added\s+)?(?:charges?|costs?|fees?|surcharges?|limits?)\b"
    r"|\bnothing\s+(?:extra|more|additional)\b"
    r"|\bfree\s+of\s+charge\b|\bat\s+no\s+(?:extra\s+|additional\s+)?cost\b"
    r"|(?<!feel\s)\bfree\b(?!\s+to\b)"
    r"|\bcosts?\s+the\s+same\b"
    r"|\b(?:won't|won’t|will\s+not|don't|don’t|do\s+not|never)\s+(?:be\s+charged|pay|charge)\s+"
    r"(?:you\s+)?(?:anything\s+|a\s+penny\s+|a\s+cent\s+|a\s+thing\s+)?(?:extra|more)\b"
    r"|\bwithout\s+(?:any\s+)?(?:extra|additional)\s+(?:charges?|costs?|fees?)\b"
    r"|\b(?:is|are)\s+(?:always\s+|all\s+)?included\b"
    rf"|{FREE_IN_OTHER_WORDS}",
    re.I,
)
"""What says a thing is not charged for, or has no limit ("unlimited", "no extra charge",
"nothing extra to pay", "free, whatever the distance")."""
FREE_SUBJECT = re.compile(
    r"(?:^|[.:;]\s+)(?:[-*]\s+)?(?P<subject>(?:[A-Za-z][\w'’-]*\s+){0,2}?[A-Za-z][\w'’-]*)\s+"
    r"(?:(?:up\s+to(?:\s+and\s+including)?|under|below|over|above|within)\s+[$£€]?\d[\d,.]*"
    r"(?:\s+[A-Za-z]+)??\s+)?"
    r"(?:is|are|stays?|remains?)\s+(?:always\s+|all\s+)?(?:unlimited|free|included)\b",
    re.I,
)
"""What an old rule says is free, as its subject ("Mileage is unlimited", "Delivery is
included in the price", "Transfers up to and including £5,000 are free", "Dogs stay free")."""
_INTERNAL = re.compile(r"`|\b[a-z]+_[a-z_]+\b|\bthe\s+customer\b", re.I)
"""What says a prompt sentence speaks to the agent: a tool or argument, "the customer"."""
_ALLOWANCE = re.compile(r"\b(?:included|free|at\s+no\s+(?:extra\s+)?cost)\b", re.I)
_CODE = re.compile(r"\s*\([^()]*\)|`[^`]*`")
_BOUNDS = {">": "over {n}", ">=": "{n} or more", "<": "under {n}", "<=": "{n} or less"}
_FREE_FROM = {">": "up to {n}", ">=": "under {n}", "<": "from {n}", "<=": "over {n}"}
"""The side of a charge's line that stays free, by the charge's operator."""
_NOT_UNIT = STOPWORDS | {"or", "and", "to", "of", "per", "is", "are", "the", "a", "an", "more"}
CHARGE_WORDS = frozenset(terms("surcharge surcharges charge charges fee fees extra additional"))
_WE = re.compile(r"\b(?:we|we're|we've|we'll|our|us)\b", re.I)
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)?")


@dataclass(frozen=True)
class NewCharge:
    """The charge a change introduces past a line, and how the KB is to say it."""

    rule: Rule
    """The prompt rule that now charges."""
    amount: str
    """"£6"."""
    what: str
    """What the charge is, in the prompt's words: "mileage surcharge", or what it is for
    ("for the extra miles") when the prompt names no charge noun."""
    verb: str
    """The prompt's verb for taking it ("charge"), or "" when it says none."""
    number: str
    """The line's number as the prompt writes it: "300"."""
    bound: str
    """Where the charge starts, with the line's unit as the prompt writes it: "over 300 miles"."""
    allowance: str | None
    """The new prompt's sentence saying what stays free up to the line ("The first 300 miles
    of every hire are included."), when it says one without the prompt's internals."""
    topic: frozenset[frozenset[str]]
    """What the charge is on, as sets of `terms` a sentence names one of in full: each of the
    charge's own words but the charge nouns ({"mileage"}), and what an old rule said was
    free, as a whole ({"wait", "time"} for "Waiting time is free"); the line's unit only
    when there is neither."""
    old_numbers: frozenset[str]
    """The numbers the old rules of the change state: a KB sentence saying the absence with
    another number says something else too."""
    free_side: str | None = None
    """For a charge on a band of a range the old prompt said was free, what stays free below
    the band when the new prompt says so ("under £1,000"); None otherwise."""
    free_from: str | None = None
    case_told: CaseTold | None = None
    """For a charge on a case inside a line the old rules already drew (`casetold`): the
    charge as the customer is told it, with its case; said in place of the line."""
    """For a charge on one side of a line, the other side as a phrase when the new prompt
    says it stays free ("from £50" for a charge under £50); None otherwise."""

    @property
    def named(self) -> str:
        """The charge as a phrase: "a £6 mileage surcharge", "£6 for the extra miles"."""
        if self.what.startswith("for "):
            return f"{self.amount} {self.what}"
        return f"a {self.amount} {self.what}"


def without_code(text: str) -> str:
    return " ".join(_CODE.sub("", text).split())


def _written(value: float) -> str:
    """The forms a prompt may write a number in ("1000", "1,000"), as a pattern."""
    forms = {f"{value:g}"}
    if value.is_integer():
        forms.add(f"{int(value):,}")
    return "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))


def _unit(number: str, texts: Collection[str]) -> str:
    """The word the new prompt writes after the line's number ("300 miles" → "miles"), or "";
    never after an amount of money ("a £300 deposit")."""
    pattern = re.compile(rf"(?<![\d.,£$€])(?:{number})\s+([A-Za-z]+)\b")
    for text in texts:
        for found in pattern.finditer(text):
            word = found.group(1)
            if word.lower() not in _NOT_UNIT and len(word) > 1:
                return word.lower()
    return ""


def _charge_in(text: str) -> re.Match[str] | None:
    """The first amount of a charge a prompt sentence names, either way round."""
    found = [
        m
        for m in (
            _CHARGE.search(text),
            _CHARGE_OF.search(text),
            _CHARGE_FOR.search(text),
            _COSTS.search(text),
            _DOING_COSTS.search(text),
        )
        if m is not None
    ]
    return min(found, key=lambda m: m.start()) if found else None


def from_nothing(moved: Collection[MovedValue]) -> bool:
    """Whether every value the change moves was 0 before (`fee_gbp` 0 → 3): a charge taken
    where there was none, not an amount moved (none moved is True)."""
    return all(old == 0 for value in moved for _, old, _ in value.values)


def _free_line_moved(facts: ChangeFacts, lines: tuple[float, float | None]) -> bool:
    """Whether every move of the change is the free side's line moved onto the charged band's
    new edge ("free for every tree up to 10 ft" → "free for trees up to 7 ft", the band over 7
    and up to 10 now charged): the band's charge is the change, the line's move part of it."""
    if lines[1] is None:
        return False
    for move in facts.moves:
        if move.kind != "value" or not ABSENCE.search(without_code(move.old_sentence)):
            return False
        if not ABSENCE.search(without_code(move.new_sentence)):
            return False
        old, new = _number_of(move.old), _number_of(move.new)
        if old is None or new is None or (new, old) != (lines[0], lines[1]):
            return False
    return True


def _number_of(value: str) -> float | None:
    """A moved value's number, said bare with a unit ("7 ft") or as money ("£50", "$120");
    None for anything else (a value in words, a time)."""
    found = _NUMBER.search(value.replace(",", ""))
    return float(found.group(0)) if found and value.strip().lstrip("£$€")[:1].isdigit() else None


def _new_end(atom: Atom, facts: ChangeFacts) -> Atom:
    """A band neither end of which the old rules state, one end of which the new ones do and
    the other the new prompt states elsewhere as a limit ("Moving it less than 24 hours before
    costs £5" for 2 <= hours_before < 24, "up to 2 hours before" kept), as the one line the
    new rule draws (hours_before < 24); any other atom as it is."""
    if atom.op != "between" or atom.low is None or atom.high is None:
        return atom
    old = " ".join(rule.old or "" for rule in facts.rules)
    new = " ".join(rule.new or "" for rule in facts.rules)
    low, high = float(atom.low), float(atom.high)
    if _stated(low, old) or _stated(high, old):
        return atom
    # the other end is a limit the new prompt states apart from the change ("Bookings can be
    # moved up to 2 hours before"): a band between two unstated ends has no one line
    prompt = " ".join(line for lines in facts.prompt_sections.values() for line in lines)
    if _stated(high, new) and not _stated(low, new) and _stated(low, prompt):
        op = "<=" if atom.high_inclusive else "<"
        return replace(atom, op=op, value=high, low=None, high=None)
    if _stated(low, new) and not _stated(high, new) and _stated(high, prompt):
        op = ">=" if atom.low_inclusive else ">"
        return replace(atom, op=op, value=low, low=None, high=None)
    return atom


def _line_of(atom: Atom, old: str) -> tuple[float, float | None] | None:
    """The condition's line, and for a band (op "between") its other end: the band's bound
    the old rules do not state is the new line ("from £1,000 to £5,000" where the old rule
    said "up to £5,000" is free: the line is 1,000); None when the old rules state both or
    neither (no one line to say)."""
    if atom.op in _BOUNDS:
        if isinstance(atom.value, bool) or not isinstance(atom.value, int | float):
            return None
        return float(atom.value), None
    if atom.op != "between" or atom.low is None or atom.high is None:
        return None
    low, high = float(atom.low), float(atom.high)
    if _stated(low, old) == _stated(high, old):
        return None
    return (high, low) if _stated(low, old) else (low, high)


def _stated(value: float, text: str) -> bool:
    """Whether `text` states the number `value` as written (`_written`), not inside another."""
    return re.search(rf"(?<![\d.,])(?:{_written(value)})(?!\d|[.,]\d)", text) is not None


def _shown_at(value: float, texts: Collection[str]) -> str:
    """A number as the new prompt writes it, with its currency ("£5,000") or unit."""
    written = _written(value)
    pattern = re.compile(rf"(?P<money>[$£€]\s?)?(?<![\d.,])(?P<n>{written})(?!\d|[.,]\d)")
    for text in texts:
        at = pattern.search(text)
        if at is not None:
            if at.group("money"):
                return at.group("money").strip() + at.group("n")
            unit = _unit(written, texts)
            return f"{at.group('n')} {unit}" if unit else at.group("n")
    return f"{value:g}"


def as_told(sentence: str) -> str:
    """A prompt sentence as a customer may read it: when it speaks to the agent (a tool's
    argument, "tell the customer"), its head before a colon or semicolon if that head does
    not; "" when no head is left."""
    text = " ".join(sentence.split())
    if not _INTERNAL.search(text):
        return text
    head = re.split(r"\s*[:;]\s+", text, maxsplit=1)[0]
    if head == text or _INTERNAL.search(head):
        return ""
    return head.rstrip(".") + "."


def new_charge(facts: ChangeFacts) -> NewCharge | None:
    """The charge a change introduces where the old prompt said there was none, or None: the
    change moves no value, its condition bounds one number on one side, a new prompt rule
    names an amount of a charge ("a £6 mileage surcharge") and the line's number that its
    old version did not, and an old rule of the change says the thing was not charged for
    ("unlimited", "no extra charge"). A value the change moves from 0 (`fee_gbp` 0 → 3) is
    such a charge too, and a band of a range the old rule said was free ("up to £5,000 are
    free" → a £3 fee "from £1,000 up to and including £5,000") is charged from its new
    line, the band's bound the old rule did not state."""
    if not from_nothing(facts.moved) or facts.condition is None:
        return None
    numeric = [atom for atom in facts.condition.atoms if atom.op in _BOUNDS or atom.op == "between"]
    if len(numeric) != 1:
        return None
    atom = _new_end(numeric[0], facts)
    lines = _line_of(atom, " ".join(rule.old or "" for rule in facts.rules))
    if lines is None or (facts.moves and not _free_line_moved(facts, lines)):
        return None
    written = _written(lines[0])
    if not any(rule.old and ABSENCE.search(without_code(rule.old)) for rule in facts.rules):
        return None
    if requirement(facts.rules) is not None:
        return None  # a charge the prompt says is needed ("need a £20 deposit"): `rules`
    said = [without_code(rule.new) for rule in facts.rules if rule.new]
    line = re.compile(rf"(?P<money>[$£€]\s?)?(?<![\d.,])(?P<n>{written})(?!\d|[.,]\d)")
    for rule in facts.rules:
        if not rule.new or not rule.kind.startswith("sentence"):
            continue
        text = without_code(rule.new)
        found = _charge_in(text)
        if found is None:
            continue
        amount = " ".join(found.group("amount").split())
        # the line is said beside the charge, not as its amount
        # (a doing's case between it and its amount holds the line: only the amount is out)
        cut_start, cut_end = (
            (found.start("amount"), found.end("amount"))
            if found.re is _DOING_COSTS
            else (found.start(), found.end())
        )
        at = line.search(text[:cut_start] + " " * (cut_end - cut_start) + text[cut_end:])
        if at is None or (rule.old and amount in rule.old):
            continue
        number = at.group("n")
        if at.group("money"):
            shown = at.group("money").strip() + number
        else:
            unit = _unit(written, said)
            shown = f"{number} {unit}" if unit else number
        verb = _VERB_BEFORE.search(text[: found.start()])
        if found.re is _CHARGE_FOR:
            verb = re.match(r"(?P<verb>charge)", found.group(0), re.I)
        what = " ".join(found.group("what").split())
        if found.re is _COSTS or found.re is _DOING_COSTS:
            # "engraving costs £5": we charge £5 for engraving
            verb = re.match(r"(?P<verb>charge)", "charge")
            what = f"for {what.lower()}"
        topic = {frozenset([word]) for word in set(terms(what)) - CHARGE_WORDS}
        for other in facts.rules:
            for free in FREE_SUBJECT.finditer(without_code(other.old or "")):
                subject = frozenset(terms(free.group("subject"))) - STOPWORDS
                if subject:
                    topic.add(subject)
        # the prompt section the charge is ruled in, named in two words or more ("Sending
        # money"): a KB table row says the subject so ("| Sending money, up to £5,000 | Free |")
        section = frozenset(terms(rule.section or "")) - STOPWORDS - CHARGE_WORDS
        if len(section) >= 2:
            topic.add(section)
        if not topic:
            # the line's unit alone ("free delivery within 5 miles" names miles too) only
            # when nothing else says what the charge is on
            topic = {frozenset([word]) for word in set(terms(shown)) - set(terms(number))}
        if not topic:
            return None
        allowance = next(
            (
                as_told(other.new)
                for other in facts.rules
                if other.new
                and other is not rule
                and other.section == rule.section
                and "`" not in other.new
                and line.search(as_told(other.new))
                and _ALLOWANCE.search(as_told(other.new))
                and _charge_in(other.new) is None
                and not re.match(r"^(?:if|when|for)\b", other.new.strip(), re.I)
            ),
            None,
        )
        bound, free_side = _BOUNDS.get(atom.op, "").format(n=shown), None
        if atom.op == "between" and lines[1] is not None:
            end = rf"(?<![\d.,])(?:{_written(lines[1])})(?!\d|[.,]\d)"
            if re.search(end, text) is None:
                continue  # the charged rule names the band's line only: no band to say
            other_end = _shown_at(lines[1], [text, *said])
            low, high = (shown, other_end) if lines[0] < lines[1] else (other_end, shown)
            bound = (
                f"{'from' if atom.low_inclusive else 'over'} {low} "
                f"{'to' if atom.high_inclusive else 'and under'} {high}"
            )
            if allowance and lines[0] < lines[1]:
                free_side = f"under {low}" if atom.low_inclusive else f"{low} or less"
        free_from = (
            _FREE_FROM[atom.op].format(n=shown) if allowance and atom.op in _FREE_FROM else None
        )
        case_told = None
        if case_in_line(facts.condition.atoms, " ".join(r.old or "" for r in facts.rules), number):
            case_told = told_charge(rule.new, amount)
            if case_told is None:
                return None  # the line alone would misstate who pays
        return NewCharge(
            rule=rule,
            amount=amount,
            what=what,
            verb=verb.group("verb").lower() if verb else "",
            number=number,
            bound=bound,
            allowance=allowance,
            free_side=free_side,
            free_from=free_from,
            case_told=case_told,
            topic=frozenset(topic),
            old_numbers=frozenset(
                _NUMBER.findall(" ".join(other.old or "" for other in facts.rules))
            ),
        )
    return None


def denies_charge(charge: NewCharge, sentence: str) -> bool:
    """Whether a KB sentence (or table row) says the thing now charged for is free or
    unlimited: an absence phrase and the charge's topic (`NewCharge.topic`), and neither the
    charge's amount nor the line's number already (the new rule said)."""
    if not ABSENCE.search(sentence) or charge.amount in sentence:
        return False
    said = {_base(word) for word in terms(sentence)}
    topics = [{_base(word) for word in words} for words in charge.topic]
    if not any(words <= said for words in topics) and not (
        charge.case_told and claims_every_case(charge.case_told, sentence)
    ):
        return False
    if charge.case_told:
        return True  # the line is the old rule's own: saying it is no sign of the new rule
    return re.search(rf"(?<![\d.,]){re.escape(charge.number)}(?![\d])", sentence) is None


def _base(word: str) -> str:
    """A word without its "-ing" or final "e": "moving" and "move" are one word here."""
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def off_charge_topic(facts: ChangeFacts, sentence: str) -> bool:
    """Whether the change brings in a charge (`new_charge`) and `sentence` does not name what
    it is on: "Below £50 delivery costs £3.95, and every order arrives in 2 days" claims
    nothing about engraving now charged under £50, though it shares the line and "order"."""
    charge = new_charge(facts)
    return charge is not None and not _names_topic(charge, sentence)


def charge_sentence(charge: NewCharge, we: bool) -> str:
    """The new rule as one KB sentence: what stays included, then the charge past the line, in
    the item's voice ("we charge …" where the item says "we", else "there is …")."""
    if charge.case_told:
        return charge.case_told.said
    said = f"{charge.bound}, {_taken(charge, we)}"
    if charge.allowance:
        return f"{charge.allowance.rstrip('.!')}; {said}."
    return said[:1].upper() + said[1:] + "."


def charge_cell(charge: NewCharge) -> str:
    """The new rule as a table cell: "£6 mileage surcharge over 300 miles"; what stays free
    below a band after it ("£3 fee from £1,000 to £5,000; free under £1,000"), or on the other
    side of the line when the new prompt says so ("£5 for engraving under £50; free from
    £50"): the cell said "Free" for every case, and the charge alone would leave the other
    side unsaid."""
    cell = f"{charge.amount} {charge.what} {charge.bound}"
    free = charge.free_side or charge.free_from
    return f"{cell}; free {free}" if free else cell


_COORDINATED = re.compile(
    r"\b(?P<det>(?:our|your|the)\s+)?"
    r"(?P<first>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?)\s+and\s+"
    r"(?P<second>(?:(?:our|your|the)\s+)?[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?)\s+"
    r"are\s+(?P<always>always\s+|all\s+)?(?P<free>free(?:\s+of\s+charge)?|included|on\s+us)\b",
    re.I,
)
"""Two things said free together ("our engraving and gift wrapping are always free")."""


def _names_topic(charge: NewCharge, text: str) -> bool:
    said = set(terms(text))
    return any(words <= said for words in charge.topic)


def split_coordinated(charge: NewCharge, raw: str) -> str | None:
    """A sentence saying the charged thing and another are free together, with the two said
    apart: the other as it was, the charged one with its line and charge, every other byte
    kept ("our engraving and gift wrapping are always free" → "our gift wrapping is always
    free, and our engraving is free from £50 (under £50, we charge £5 for engraving)"). None
    when it says no such pair, both or neither name the charge's topic, or the new prompt
    does not say which side stays free."""
    found = _COORDINATED.search(raw)
    if found is None or charge.free_from is None or charge.case_told:
        return None
    first, second = found["first"], found["second"]
    if _names_topic(charge, first) == _names_topic(charge, second):
        return None
    charged, kept = (first, second) if _names_topic(charge, first) else (second, first)
    det = found["det"] or ""
    kept = kept if re.match(r"(?:our|your|the)\s", kept, re.I) else det + kept
    charged = charged if re.match(r"(?:our|your|the)\s", charged, re.I) else det + charged
    charged = re.sub(r"^(our|your|the)\s+", "", charged, flags=re.I)
    taken = _taken(charge, we=True)
    plural = re.search(r"[^s]s$", kept) is not None  # "button repairs are", "wrapping is"
    said = (
        f"{kept} {'are' if plural else 'is'} {found['always'] or ''}{found['free']}, "
        f"and {det}{charged} is free "
        f"{charge.free_from} ({charge.bound}, {taken})"
    )
    if not found.start() or raw[: found.start()].rstrip().endswith((".", "!", "?")):
        said = said[:1].upper() + said[1:]
    return raw[: found.start()] + said + raw[found.end() :]


def _taken(charge: NewCharge, we: bool) -> str:
    """How the charge is taken, in the item's voice: "we charge £5 for engraving"."""
    if charge.what.startswith("for "):
        if we:
            return f"we charge {charge.amount} {charge.what}"
        return f"there is a {charge.amount} charge {charge.what}"
    if we and charge.verb:
        return f"we {charge.verb} a {charge.amount} {charge.what}"
    return f"there is a {charge.amount} {charge.what}"


_FREE_ITEM = re.compile(r"(?P<lead>\s*[-*+]\s+)(?:free|complimentary)\s+(?=\S)", re.I)
"""A list item that names a thing as free in its first word ("- Free test drives (2 hours) for
every buyer"): a noun phrase, the adjective its only claim."""


def freed_item(charge: NewCharge, raw: str) -> str | None:
    """A list item whose leading "Free" is its one claim of no charge, said with the new rule
    after it and every other byte kept, numbers included ("- Free test drives (2 hours) before
    you buy" → "- Test drives (2 hours) before you buy: free from 18 (under 18, we charge £20
    for test drives)"); None when it is no such item, names another thing, or says free twice."""
    found = _FREE_ITEM.match(raw)
    if found is None or charge.case_told:
        return None
    rest = raw[found.end() :].rstrip()
    end = raw[found.end() + len(rest) :]
    if rest.endswith((".", ";")):
        rest, end = rest[:-1], rest[-1] + end
    if ABSENCE.search(rest) or not _names_topic(charge, rest):
        return None
    taken = f"{charge.bound}, {_taken(charge, _WE.search(raw) is not None)}"
    said = f": free {charge.free_from} ({taken})" if charge.free_from else f" ({taken})"
    return f"{found['lead']}{upper_first(rest)}{said}{end}"


def _row(raw: str, charge: NewCharge) -> str | None:
    """A table row with the one cell saying the absence said again as the charge, every other
    cell kept byte for byte; None when no one cell says it."""
    if charge.case_told:
        return case_row(charge.case_told, raw, ABSENCE)
    return with_one_cell(raw, ABSENCE.search, lambda _: charge_cell(charge))


def charged_body(charge: NewCharge, body: str, body_format: str, denying: set[str]) -> str | None:
    """`body` with each unit of `denying` (`Unit.text`s) said again as the new charge: a table
    row's cell in the row, a sentence in the item's voice (`charge_sentence`); every other
    byte kept. None when one of them cannot be: a placeholder or a number the old rules did
    not state would be lost with it (it says something else too: flag it, do not lose it)."""
    we = _WE.search(plain_text(body, body_format)) is not None

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in denying or unit.raw.lstrip().startswith("#"):
            return Keep.UNIT
        if unit.raw.lstrip().startswith("|"):
            row = _row(unit.raw, charge)
            return Keep.BLOCK if row is None else row
        split = split_coordinated(charge, unit.raw)
        if split is not None:
            return split
        if charge.case_told and (narrowed := narrowed_whether(charge.case_told, unit.raw)):
            return narrowed
        if (item := freed_item(charge, unit.raw)) is not None:
            return item
        others = set(_NUMBER.findall(unit.text)) - charge.old_numbers
        if PLACEHOLDER.search(unit.raw) or others:
            return Keep.BLOCK
        return charge_sentence(charge, we)

    return rewrite_units(body, body_format, pick)


def still_denied(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still say the newly charged thing is free or
    unlimited, reworded or not: what no drafter's edit may keep."""
    charge = new_charge(facts)
    if charge is None:
        return []
    return [
        unit.text
        for unit in units(plain_text(body, body_format))
        if not unit.raw.lstrip().startswith("#") and denies_charge(charge, unit.text)
    ]


def named_charge(text: str) -> tuple[str, str] | None:
    """The first charge a prompt sentence names, as (its amount, what it is): ("£60", "rush
    surcharge") for "tell the customer a rush surcharge of £60 applies"; None when it names
    none."""
    found = _charge_in(without_code(text))
    if found is None:
        return None
    return " ".join(found.group("amount").split()), " ".join(found.group("what").split())


def dropped_other_free(
    facts: ChangeFacts,
    conflicts: Collection[str],
    old_body: str,
    new_body: str,
    body_format: str,
) -> list[str]:
    """The conflicting sentences that said the newly charged thing and another free together
    ("our engraving and gift wrapping are always free") whose other thing no sentence of the
    edited body still says is free: what no drafter's edit may drop (the other thing's price
    did not change). `old_body` is unused: the conflicts name the sentences."""
    charge = new_charge(facts)
    if charge is None:
        return []
    said = [
        set(terms(unit.text))
        for unit in units(plain_text(new_body, body_format))
        if ABSENCE.search(unit.text)
    ]
    lost: list[str] = []
    for sentence in conflicts:
        found = _COORDINATED.search(sentence)
        if found is None:
            continue
        first, second = found["first"], found["second"]
        if _names_topic(charge, first) == _names_topic(charge, second):
            continue
        other = set(terms(second if _names_topic(charge, first) else first)) - STOPWORDS
        if other and not any(other <= words for words in said):
            lost.append(sentence)
    return lost
