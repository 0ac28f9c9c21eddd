"""Rules the prompt diff moved, and the knowledge-base sentences that still state the old rule.

A changed prompt sentence whose number moved ("up to 10% of the monthly bill" → "up to 15%"),
or whose list of who qualifies grew ("free for Platinum members" → "free for Gold and Platinum
members"), is a *rule move*. A KB sentence states the old rule when it holds the old value (or
the old list without the new term) and is about the same thing: it shares at least two content
words with the prompt sentence besides the value, so "Students get 10% off" is left alone when
the credit cap moves from 10% to 15%. Such a sentence is rewritten in its own words: only the
value (keeping its format: "1-year" stays hyphenated) or the list changes; everything else in the
item stays byte for byte.

A row of a list or table keyed by the old term ("- Platinum: …, free late checkout until 14:00,
…") lends its benefit to the row of the added term ("- Gold: …"), in that row's own format.
When a move is scoped by a category the KB sentence does not name (a 2-year warranty for
electronics, in a sentence about all products), the new value is added for that scope instead
of replacing the old one: "a 1-year warranty (2 years for electronics)".
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from behaviordiff.detect.clocktimes import (
    clock_at,
    clock_matches,
    find_clock_times,
    read_clock_time,
    same_time,
)
from behaviordiff.detect.clocktimes import written_like as time_written_like
from behaviordiff.detect.facts import extract_promises
from behaviordiff.detect.model import Condition
from behaviordiff.detect.quantities import (
    CARDINALS,
    Quantity,
    count_words,
    equal_amount,
    find_quantities,
    quantity_at,
    quantity_matches,
    read_quantity,
    same_amount,
    written_like,
)
from behaviordiff.detect.wordamounts import (
    BARE_HOUR,
    DAY_SETS,
    MONEY_WORDS,
    SHARE_WORDS,
    bare_hour_written,
    bare_hours,
    day_set_in_words,
    day_set_written_like,
    day_sets_said,
    days_moved,
    money_in_words,
    money_written_like,
    names_days,
    rate_units,
    read_day_set,
    same_rate,
    share_in_words,
    share_written_like,
)
from behaviordiff.diffing.align import align
from behaviordiff.drafting.addedshare import (
    added_amount,
    added_amounts,
    added_percent,
    added_shares,
    addition_base,
    rewrite_added,
    share_words_in,
)
from behaviordiff.drafting.boundclaim import (
    claim_bound,
    claim_by_text,
    claim_statements,
    claim_written,
    is_claim_move,
    is_claim_statement,
    rest_priced,
)
from behaviordiff.drafting.boundsides import (
    bound_line,
    in_shape_of,
    line_object,
    names_line,
    names_side,
    old_claim_after,
    repeats_old_claim,
    rest_first,
    sides_words,
    with_line_object,
)
from behaviordiff.drafting.complement import (
    move_complement,
    states_complement,
    without_worded_complement,
)
from behaviordiff.drafting.daymonth import (
    DAY_MONTH,
    ORDINAL_DAY,
    day_month_statements,
    day_month_written_like,
    read_day_month,
)
from behaviordiff.drafting.digitgloss import (
    glossed_words,
    hundreds_in_words,
    hundreds_like,
    is_hundreds,
    rewrite_glossed,
)
from behaviordiff.drafting.equalvalue import (
    conversion_span,
    equal_statements,
    glossed_otherwise,
    is_equal_statement,
    written_as,
)
from behaviordiff.drafting.flagaudience import flag_audience, limited_by_flag, names_flag
from behaviordiff.drafting.glosses import (
    Gloss,
    gloss_statements,
    glossed_span,
    new_gloss_like,
    prompt_gloss,
)
from behaviordiff.drafting.linewords import LINE_WORDS, is_last_below, line_count, line_written
from behaviordiff.drafting.nextordinal import moved_next_ordinal
from behaviordiff.drafting.partsvalue import (
    is_parts_value,
    parts_move,
    parts_statements,
    parts_written,
)
from behaviordiff.drafting.percentwords import percent_in_words, percent_source, restate_percent
from behaviordiff.drafting.remeasured import remeasured
from behaviordiff.drafting.splitclaim import (
    closing_every_kind,
    only_a_claim,
    split_claim_length,
    split_words,
    without_sides_claim,
)
from behaviordiff.drafting.text import (
    EVERY_CASE_CLAIM,
    IMPERATIVE_VERBS,
    INSTRUCTION_VERBS,
    STOPWORDS,
    TOOL_CLAUSE,
    base_verb,
    cell_text_spans,
    row_cells,
    stem,
    terms,
)
from behaviordiff.drafting.unitcount import is_unit_statement, unit_statements, unit_written
from behaviordiff.drafting.workweeks import (
    is_amount_match,
    is_week_statement,
    moved_glosses,
    one_measure,
    week_statements,
    weeks_written,
)

_TOKEN = re.compile(r"[$€£]?\d+(?:,\d{3})*(?:[.:]\d+)?%?|[A-Za-z][\w'’-]*|[^\w\s]")
_VALUE = re.compile(r"^[$€£]?\d[\d,]*(?:[.:]\d+)?%?$")
_UNIT = re.compile(
    r"^(?:minute|hour|day|night|week|month|year|business day|working day)s?$|^percent$", re.I
)
_NUMBER = re.compile(r"(?<![\w.])[$€£]?\d[\d,]*(?:\.\d+)?")
_POINT = re.compile(r"^(?P<unit>[a-z]+) (?P<n>\d+(?:\.\d+)?)$", re.I)
_DURATION = re.compile(r"^(?P<n>\d+(?:\.\d+)?)[\s-](?P<unit>[a-z]+?)(?P<plural>s?)$", re.I)
_CONTENT = re.compile(r"[a-z0-9][a-z0-9:]*")
_SPELLED = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|ninety|hundred|thousand)\b",
    re.I,
)
_ROW_LIST = re.compile(r"^(?P<lead>\s*(?:[-*+]|\d+[.)])\s+)(?P<key>[^:]{1,40}?):\s*(?P<rest>.*)$")
_ROW_TABLE = re.compile(r"^\|\s*(?P<key>[^|]+?)\s*\|(?P<rest>.*)\|\s*$")


@dataclass(frozen=True)
class CaseFrame:
    """What a prompt list by case is about, for the move of one of its lines ("## Delivery
    times" / "Standard delivery times depend on the delivery region:" / "- mainland: 2-3
    working days." / "- highlands (…): 3-5 working days."): content words, the case lines'
    own words left out of the topic (`drafting.subsetvalue`)."""

    heading: frozenset[str]
    """The section heading's words ("delivery", "time")."""
    section: frozenset[str]
    """The words of the section's other sentences (its lead-in, its instructions)."""
    elsewhere: frozenset[str]
    """The other sections' headings' words the section never says ("sample", "return")."""
    cases: frozenset[str]
    """The words naming the list's other cases ("mainland", "northern", "ireland")."""
    known: frozenset[str]
    """Every word, lowercased, of the section and the moved case's scope: a capitalised name
    outside it names a case the prompt never lists."""


@dataclass(frozen=True)
class RuleMove:
    """One change of a prompt sentence that KB text may still state the old way."""

    hunk_id: str
    old_sentence: str
    new_sentence: str
    old: str
    """The old value ("10%", "1 year", "$200") or the old term ("Platinum")."""
    new: str
    """The new value ("15%"), or the grown list ("Gold and Platinum")."""
    kind: str
    """"value" or "term"."""
    added_term: str = ""
    """For a term move: the term that joined ("Gold")."""
    scope: str = ""
    """For a value the prompt added as an exception beside the old one ("14 days (30 days on
    annual plans)"): who it is for, in the prompt's words ("on annual plans")."""
    subject: str = ""
    """For a value a list of subjects now shares ("dogs under 8 years old and cats under 10
    years old" → "dogs and cats under 10 years old"): the subject whose value moved ("dogs");
    the others keep theirs, so a KB sentence may state the new value for them."""
    others: str = ""
    """For a value the new sentence gives one category while the old value stays for the
    others, each with its own words ("15% off on a full-time place, or 10% off on a part-time
    or term-time place"): where the old value still holds ("on a part-time or term-time
    place"); `scope` is where the new one holds ("on a full-time place")."""
    share: str = ""
    """For a value that changes kind, a share of something becoming a fixed amount ("20% of
    the box price" → "a flat $10"): what the old value was a share of, in the prompt's words
    ("the box price"). A KB sentence states the old rule only where it says the old value as a
    share ("20% of that box's price", not "20% off the first box"), and its rewrite puts the
    new amount in place of the whole share."""
    category: str = ""
    """For a value a sentence the prompt added gives one category of the change's condition
    ("For e-bikes the customer pays the first £100 …") beside the old rule, which stays for
    the others (`drafting.categories`): the category's value in the condition ("e-bike");
    `scope` says it in the prompt's words ("for e-bikes")."""
    categories: tuple[str, ...] = ()
    """For a value a changed sentence gives two or more categories of the change's condition
    at once ("builders and maxi skips come with 14 days"): all of them (`category` is the
    first); text naming any of them is about the move's categories."""
    members: tuple[str, ...] = ()
    """For a category move: the category's members the new sentence lists right after it
    ("Brass hires (trumpet, cornet, trombone)"): text naming one names the category."""
    added: bool = False
    """For a share move (`share`): the share was added on top of `share` ("the call-out fee
    plus half as much again, a 50% surcharge" → "plus a flat €40 surcharge"), so a KB states
    it as an addition ("a 50% surcharge", "fee plus 50%", "half as much again") and its
    rewrite says the new amount in place of the addition, the price kept
    (`drafting.addedshare`)."""
    rest: str = ""
    """For a value the new prompt moved for a subset only (`narrowed`): whom another sentence
    of the new prompt keeps the old value for, in its lead-in words ("for members of less than
    five years"); "" when it names them only as the rest ("All other parcels")."""
    narrowed: bool = False
    """A value the new prompt moved for the subset its sentence's lead-in names (`scope`),
    another sentence keeping the old value for the rest (`drafting.subsetvalue`): KB text
    stating the old value for everyone keeps it and gains the subset's beside it, without
    its words claiming it for every case."""
    frame: CaseFrame | None = None
    """For a narrowed move of one line of a list by case: what the list is about, so that only
    a sentence on that topic naming no other case takes it (`in_frame`)."""
    withdrawn: bool = False
    """For a category move: the category's own value was taken away, so it now has the one
    every other category has (`categories.withdrawn_category_moves`): words saying it gets
    more than the rest ("more breathing room: a full …") no longer hold."""
    section: str = field(default="", compare=False)
    """The prompt section the moved sentence is under ("Quad bike treks (quad_trek)"): what
    the rule is about when its own sentence is short ("Riders must be 16 or over.")."""

    def old_share(self) -> str:
        """A share move's old value with what it was a share of: "20% of the box price", or
        for a value added on top of a price "50% on top of the call-out fee" ("a flat €40 on
        top of …" for a flat amount made a share)."""
        if self.added and not self.old.endswith("%"):
            return f"a flat {self.old} on top of {self.share}"
        return f"{self.old} {'on top' if self.added else ''} of {self.share}".replace("  ", " ")

    def describe(self) -> str:
        if self.narrowed:
            kept = f" {self.rest}" if self.rest else " for everyone else"
            return (
                f"{self.old} → {self.new} {self.scope} only; {self.old} stays{kept} (keep "
                f"{self.old} where the KB states it and say “{self.new} {self.scope}” beside "
                "it, drop words claiming it for every case such as “for everyone”, “… alike”, "
                "“wherever …”; never replace the value for everyone)"
            )
        if self.kind == "term":
            return f"“{self.old}” → “{self.new}” (adds {self.added_term})"
        if self.subject:
            return f"{self.old} → {self.new} for {self.subject} (the others keep theirs)"
        if self.others:
            return (
                f"{self.old} → {self.new} {self.scope}; {self.old} stays {self.others} (a "
                "sentence for either says both, a table cell of one category takes its value)"
            )
        if self.category:
            said = (
                f"{self.old} → {self.new} {self.scope}; {self.old} stays for the others (a "
                "row or sentence of the category takes the new value, and so does an item "
                "about the category alone; any other sentence gets the exception beside the "
                "old one, without words claiming it whatever the kind)"
            )
            if self.members:
                said += f"; text naming {', '.join(self.members)} names {self.category}"
            if self.old.isdigit() and self.new.isdigit():
                said += (
                    f"; where the item writes {self.old} in words (“two”, “twice”), write "
                    f"{self.new} the same way (“one”, “once”) beside each of them"
                )
            return said
        if self.share and self.added and not self.old.endswith("%"):
            return (
                f"a flat {self.old} on top of {self.share} → {self.new} of it (say {self.new} in "
                f"place of each statement of the flat {self.old}, “flat” dropped: “a flat "
                f"{self.old} surcharge” → “a {self.new} surcharge”; a total worked from "
                f"{self.old} takes its price plus {self.new} only where the conversations now "
                "state that total; never append the new value beside the old one)"
            )
        if self.share and self.added:
            return (
                f"{self.old} on top of {self.share} → a flat {self.new} (say {self.new} in place "
                f"of each statement of the {self.old}, in digits or in words such as “half as "
                f"much again” or “double”, the price kept: “a {self.old} surcharge” → “a "
                f"{self.new} surcharge”, “half as much again” → “an extra {self.new}”; a total "
                f"worked from {self.old} takes its price plus {self.new} only where the "
                "conversations now state that total; never append the new value beside the old "
                "one)"
            )
        if self.share:
            return (
                f"{self.old} of {self.share} → {self.new}, a fixed amount (say {self.new} in "
                f"place of the whole share; a worked example computed from {self.old} is no "
                "longer true: drop it, never compute a new one)"
            )
        return f"{self.old} → {self.new}"


_ORDINAL_SUFFIX = re.compile(r"(?<![\d.,])(\d+) (st|nd|rd|th)\b", re.I)


def rule_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def content_words(text: str) -> set[str]:
    # a word before a colon ("6pm to 10pm: the fee") is the word itself
    words = [
        word.rstrip(":")
        for word in _CONTENT.findall(text.lower().replace("`", " ").replace("_", " "))
    ]
    return {stem(word) for word in words if word not in STOPWORDS and len(word) > 2}


def _join(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    text = _ORDINAL_SUFFIX.sub(r"\1\2", text)  # "2nd" is one value, read as "2", "nd"
    return re.sub(r"\s+([,.;:!?%)])", r"\1", text).replace("( ", "(")


_ORDINAL = re.compile(r"\d{1,4}(?:st|nd|rd|th)")
_ORDINAL_SUFFIXES = frozenset(["st", "nd", "rd", "th"])


def _counts_to_ordinal(ordinal: str, raw: str) -> bool:
    """Whether a sentence stating an ordinal ("the 5th wash") also counts to its number: in
    figures anywhere ("5 times"), not as money, a share or a time; or in words before the
    ordinal's noun or "times" ("five washes", "five times")."""
    number = ordinal[:-2]
    if re.search(rf"(?<![\w.,$€£]){number}(?![\w%:]|[.,]\d)", raw):
        return True
    word = next((w for w, n in CARDINALS.items() if str(n) == number), None)
    at = re.search(rf"(?<![\w.,]){re.escape(ordinal)}\s+(?P<noun>[a-z]{{3,20}})", raw, re.I)
    if word is None or at is None:
        return False
    noun = at["noun"].lower()
    root = noun[:-2] if noun.endswith("es") else noun[:-1] if noun.endswith("s") else noun
    return re.search(rf"\b{word}\s+(?:{re.escape(root)}\w{{0,3}}|times)\b", raw, re.I) is not None


def is_time_unit(word: str) -> bool:
    """Whether a word is a unit of time ("days", "week"), not what a number counts ("free")."""
    return _UNIT.match(word) is not None


def duration_phrase(number: str, unit: str) -> str:
    singular = unit.lower().removesuffix("s")
    return f"{number} {singular}" + ("" if number == "1" else "s")


_OPEN_ENDED = frozenset(["more", "fewer", "less", "longer", "over"])
"""What "or …" between a value and its unit says of the value ("14 or more days"): it is
still the value in that unit, one side of a line."""


def _unit_after(tokens: Sequence[str], index: int, *, open_ended: bool = False) -> str | None:
    """The unit word right after a value ("year" in "1 year" or "1-year"; "hours" in "24
    hours' notice", the possessive aside); with `open_ended`, also after "or more" ("days" in
    "14 or more days")."""
    if index < len(tokens) and tokens[index] == "-":
        index += 1
    if (
        open_ended
        and index + 1 < len(tokens)
        and tokens[index].lower() == "or"
        and tokens[index + 1].lower() in _OPEN_ENDED
    ):
        index += 2
    if index < len(tokens):
        unit = re.sub(r"(?:['’]s|['’])$", "", tokens[index])
        if _UNIT.match(unit):
            return unit
        if unit.lower() in ("working", "business") and index + 1 < len(tokens):
            # "5 working days": the two words are the unit
            days = re.sub(r"(?:['’]s|['’])$", "", tokens[index + 1])
            if re.fullmatch(r"days?", days, re.I):
                return f"{unit} {days}"
    return None


_ALTERNATIVE_JOINS = frozenset(["or", "and", "to", "otherwise", "else"])


def _scoped_value(
    old: Sequence[str], new: Sequence[str], i1: int, j1: int, j2: int, rule: Any
) -> RuleMove | None:
    """An aside the new sentence adds that gives a subset another value of the same kind as
    one the sentence states: "within 14 days of purchase (30 days on annual plans)"."""
    inserted = list(new[j1:j2])
    if len(inserted) < 4 or inserted[0] != "(" or inserted[-1] != ")":
        return None
    if not _VALUE.match(inserted[1]):
        return None
    unit = _unit_after(inserted, 2)
    for index in range(i1 - 1, -1, -1):
        if _VALUE.match(old[index]):
            old_unit = _unit_after(old, index + 1)
            if (unit is None) != (old_unit is None):
                return None
            if unit and old_unit:
                gone, came = (
                    duration_phrase(old[index], old_unit),
                    duration_phrase(inserted[1], unit),
                )
                rest = inserted[3 if inserted[2] != "-" else 4 : -1]
            else:
                gone, came = old[index], inserted[1]
                rest = inserted[2:-1]
            if not rest or not rest[0].isalpha() or rest[0].lower() in _ALTERNATIVE_JOINS:
                # "(6 or 4)": the values a case the sentence does not name picks between
                return None
            return RuleMove(
                rule.hunk_id, rule.old, rule.new, gone, came, "value", scope=_join(rest)
            )
    return None


def _joined_value(
    old: Sequence[str], new: Sequence[str], i1: int, i2: int, j1: int, rule: Any
) -> RuleMove | None:
    """A subject's own value the new sentence drops to join it to the next subject's ("for
    dogs under 8 years old and for cats under 10 years old" → "for dogs and cats under 10
    years old"): the subject now has the value the next one states, the same way."""
    gone = list(old[i1:i2])
    values = [k for k, token in enumerate(gone) if _VALUE.match(token)]
    if len(values) != 1 or values[0] == 0 or i1 == 0 or j1 >= len(new):
        return None
    k = values[0]
    qualifier, subject = gone[k - 1], old[i1 - 1]
    if not qualifier.isalpha() or not subject.isalpha() or subject.lower() in STOPWORDS:
        return None
    if new[j1].lower() not in ("and", "or", ","):
        return None
    unit = _unit_after(gone, k + 1)
    for m in range(i2, len(old) - 1):
        if old[m] != qualifier or not _VALUE.match(old[m + 1]):
            continue
        other_unit = _unit_after(old, m + 2)
        if (unit is None) != (other_unit is None):
            return None
        if unit and other_unit:
            if unit.lower().removesuffix("s") != other_unit.lower().removesuffix("s"):
                return None
            gone_text, came = (
                duration_phrase(gone[k], unit),
                duration_phrase(old[m + 1], other_unit),
            )
        else:
            gone_text, came = gone[k], old[m + 1]
        if gone_text == came or old[m + 1] not in new:
            return None
        return RuleMove(rule.hunk_id, rule.old, rule.new, gone_text, came, "value", subject=subject)
    return None


_MONTH_NAME = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|(?:January|February|March|"
    r"April|June|July|August|September|October|November|December)"
)


def _day_of_month(
    old: Sequence[str], new: Sequence[str], spans: tuple[int, int, int, int]
) -> tuple[str, str] | None:
    """A day of a month that moved, the month kept ("18 December" → "15 December",
    "March 14" → "March 11"): the date with its month, so a KB sentence is read as stating
    it where it states the date, not wherever the day's number stands ("18 or over")."""
    i1, i2, j1, j2 = spans
    if i2 - i1 != 1 or j2 - j1 != 1 or not (old[i1].isdigit() and new[j1].isdigit()):
        return None
    if not (1 <= int(old[i1]) <= 31 and 1 <= int(new[j1]) <= 31):
        return None
    if i2 < len(old) and j2 < len(new) and old[i2] == new[j2] and _MONTH_NAME.fullmatch(old[i2]):
        return f"{old[i1]} {old[i2]}", f"{new[j1]} {new[j2]}"
    if i1 and j1 and old[i1 - 1] == new[j1 - 1] and _MONTH_NAME.fullmatch(old[i1 - 1]):
        return f"{old[i1 - 1]} {old[i1]}", f"{new[j1 - 1]} {new[j1]}"
    return None


def _unit_before(
    old: Sequence[str],
    new: Sequence[str],
    i1: int,
    j1: int,
    gone: Sequence[str],
    came: Sequence[str],
) -> tuple[str, str] | None:
    """A point in time named by its unit before the number ("the end of week 2" → "week 4"):
    the value with its unit, so that a KB sentence giving a duration ("for 2 weeks at a time")
    is not read as stating it."""
    if len(gone) != 1 or len(came) != 1 or i1 == 0 or j1 == 0:
        return None
    unit = old[i1 - 1]
    if unit != new[j1 - 1] or not _UNIT.match(unit) or unit.lower().endswith("s"):
        return None
    if _unit_after(old, i1 + 1) or _unit_after(new, j1 + 1):
        return None
    return f"{unit} {gone[0]}", f"{unit} {came[0]}"


def _written_in(value: str, text: str) -> bool:
    """Whether `text` writes `value` as it is, not as the tail of a bigger number ("4 hours"
    is not written in "24 hours")."""
    return re.search(rf"(?<![\d.,]){re.escape(value)}(?!\d)", text) is not None


def rule_moves(rules: Sequence[Any]) -> list[RuleMove]:
    """The moves in the changed sentences of `rules` (drafting.facts.Rule)."""
    moves: list[RuleMove] = []
    for rule in rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        added = _added_share_move(rule)
        if added is not None:
            # the one value that moved, changing kind: no token of it is a move of its own
            moves.append(added)
            continue
        ranged = _range_move(rule)
        if ranged is not None:
            # "2-3 working days" → "3-5 working days": the range moves whole, never one end
            moves.append(ranged)
            continue
        old, new = rule_tokens(rule.old), rule_tokens(rule.new)
        read = len(moves)
        for op, i1, i2, j1, j2 in (
            (code.tag, code.i1, code.i2, code.j1, code.j2) for code in align(old, new)
        ):
            if op == "replace":
                gone, came = old[i1:i2], new[j1:j2]
                if (bounded := _same_bound_words(gone, came)) is not None:
                    # "up to 6 players" → "no more than 4 players": the bound said in other
                    # words, the value moved
                    i1, j1 = i2 - bounded, j2 - bounded
                    gone, came = old[i1:i2], new[j1:j2]
                if (
                    any(_VALUE.match(t) for t in gone)
                    and any(_VALUE.match(t) for t in came)
                    and len(gone) <= 3
                    and len(came) <= 3
                ):
                    # "1 year" → "2 years", "1-year" → "2-year": the value with its unit
                    old_unit = _unit_after(old, i2, open_ended=True)
                    new_unit = _unit_after(new, j2, open_ended=True)
                    old_text, new_text = _join(gone), _join(came)
                    if (
                        old_unit
                        and new_unit
                        and len(gone) == 1
                        and len(came) == 1
                        # "5 working days" → "14 days" is two rules the diff paired, not a move
                        and one_measure(
                            duration_phrase(gone[0], old_unit), duration_phrase(came[0], new_unit)
                        )
                    ):
                        old_text, new_text = (
                            duration_phrase(gone[0], old_unit),
                            duration_phrase(came[0], new_unit),
                        )
                    elif (day := _day_of_month(old, new, (i1, i2, j1, j2))) is not None:
                        old_text, new_text = day
                    elif (point := _unit_before(old, new, i1, j1, gone, came)) is not None:
                        old_text, new_text = point
                    elif (
                        old_text.isdigit()
                        and new_text.isdigit()
                        and i2 < len(old)
                        and j2 < len(new)
                        and old[i2] == new[j2]
                        and old[i2] in _ORDINAL_SUFFIXES
                    ):
                        # "5th" → "8th": the rank, its suffix kept ("5" alone is a count)
                        old_text, new_text = old_text + old[i2], new_text + new[j2]
                    if any(
                        _VALUE.match(token) and _in_times(token, text)
                        for tokens, text in ((gone, rule.old), (came, rule.new))
                        for token in tokens
                    ):
                        continue  # the hour of a time of day: `_clock_moves` reads it
                    named = _argument_unit(old, i1) if old_text.isdigit() else None
                    if named is not None and new_text.isdigit():
                        # "trial_days 30" → "trial_days 14": 30 days, never the 30 of "30%"
                        old_text, new_text = _with_argument_unit(old_text, new_text, named)
                    if not _written_in(old_text, rule.new) and not _written_in(new_text, rule.old):
                        moves.append(
                            RuleMove(rule.hunk_id, rule.old, rule.new, old_text, new_text, "value")
                        )
                elif (changed := _share_to_amount(rule, old[i1:i2], new[j1:j2])) is not None:
                    moves.append(changed)
                elif (claim := claim_bound(old[i1:i2], new[j1:j2])) is not None:
                    # "any order" → "orders of £200 or more": a claim for every case bounded
                    moves.append(
                        RuleMove(rule.hunk_id, rule.old, rule.new, claim[0], claim[1], "value")
                    )
            elif op == "insert" and (scoped := _scoped_value(old, new, i1, j1, j2, rule)):
                moves.append(scoped)
            elif op == "delete" and (joined := _joined_value(old, new, i1, i2, j1, rule)):
                moves.append(joined)
            elif op == "insert":
                inserted = new[j1:j2]
                words = [t for t in inserted if t.lower() not in ("and", "or", ",")]
                if len(words) != 1 or not words[0][:1].isupper() or len(inserted) > 3:
                    continue
                if inserted[-1].lower() in ("and", "or", ",") and i1 < len(old):
                    anchor = old[i1]
                    grown = _join([*inserted, anchor])
                elif inserted[0].lower() in ("and", "or", ",") and i1 > 0:
                    anchor = old[i1 - 1]
                    grown = _join([anchor, *inserted])
                else:
                    continue
                if anchor[:1].isupper():
                    moves.append(
                        RuleMove(rule.hunk_id, rule.old, rule.new, anchor, grown, "term", words[0])
                    )
        if len(moves) == read and (claimed := claim_by_text(rule.old, rule.new)) is not None:
            # "all orders" → "orders over £30", the noun aligned as kept: a claim bounded
            moves.append(RuleMove(rule.hunk_id, rule.old, rule.new, *claimed, "value"))
        if (parts := parts_move(rule.old, rule.new)) is not None:
            # "Unit 4, Fenwick …, SK4 2PL" → "Unit 12, Calder Park, …": a value of parts,
            # replaced whole; a token of it ("4" → "12") is no move of its own
            moves[read:] = [
                *(move for move in moves[read:] if not _inside(move.old, parts[0])),
                RuleMove(rule.hunk_id, rule.old, rule.new, *parts, "value"),
            ]
        if len(moves) == read and (whole := _whole_share_move(rule)) is not None:
            moves.append(whole)
        moves += [move for move in _worded_moves(rule) if move not in moves]
        clocked = [move for move in _clock_moves(rule) if move not in moves]
        moves += clocked
        # a window's days move beside its hours ("9am and 5pm, Monday to Saturday" → "10am and
        # 4pm, Monday to Friday"): the hours' moves leave the days' to be read
        unread = len(clocked) == 2 and len(moves) == read + 2
        if (len(moves) == read or unread) and (days := _day_set_move(rule)) is not None:
            moves.append(days)
        if len(moves) == read and (weekday := _weekday_move(rule)) is not None:
            moves.append(weekday)
        if len(moves) == read and (next_day := _next_day_move(rule)) is not None:
            moves.append(next_day)
        moved = {move.old for move in moves}
        moves += [move for move in _split_moves(rule) if move.old not in moved]
        others = [other.new for other in rules if other is not rule and other.new]
        # a claim bounded while the rest get a price of their own is half the rule: the
        # two-sided writers say both sides, or the sentence is flagged
        moves[read:] = [
            replace(move, section=str(getattr(rule, "section", "") or ""))
            for move in moves[read:]
            if not (
                is_claim_move(move.old, move.new)
                and rest_priced(rule.old, rule.new, move.new, others)
            )
        ]
    across = _parts_across(rules, moves)
    if across:
        moves = [move for move in moves if not _inside(move.old, across[0].old)]
    return moves + across


_ARGUMENT_UNIT = re.compile(
    r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(?P<unit>days|hours|weeks|months|years|minutes)$"
)


def _argument_unit(tokens: Sequence[str], at: int) -> str | None:
    """The unit a tool argument's name gives the bare number after it ("trial_days 30": days),
    or None."""
    if at < 1:
        return None
    found = _ARGUMENT_UNIT.match(tokens[at - 1])
    return found["unit"] if found is not None else None


def _with_argument_unit(old: str, new: str, unit: str) -> tuple[str, str]:
    """ "30", "14" and "days" → "30 days", "14 days" (a count of one in the singular)."""

    def said(count: str) -> str:
        return f"{count} {unit[:-1] if count == '1' else unit}"

    return said(old), said(new)


def _inside(value: str, parts: str) -> bool:
    """Whether `value` is a token run of the value of `parts`, spaces aside ("LS1 4 AB")."""
    return re.sub(r"\s+", "", value) in re.sub(r"\s+", "", parts)


def _parts_across(rules: Sequence[Any], moves: Sequence[RuleMove]) -> list[RuleMove]:
    """A value of parts whose old sentence the prompt diff paired with another new sentence
    than the one stating its new value ("Returns go to: Unit 4, …" beside "Our warehouse has
    moved.", the new address in the next one): the one old value of parts the changed
    sentences say, and the one new value of parts, are a move (`partsvalue.parts_move`)."""
    if any(is_parts_value(move.old) for move in moves):
        return []
    olds = [rule for rule in rules if rule.old and rule.kind == "sentence_changed"]
    news = [rule for rule in rules if rule.new]
    if not olds or not news or len(rules) > 12:
        return []
    gone = " ".join(rule.old for rule in olds)
    came = " ".join(rule.new for rule in news)
    parts = parts_move(gone, came)
    if parts is None:
        return []
    said = next(rule for rule in olds if parts[0] in rule.old)
    saying = next(rule for rule in news if parts[1] in rule.new)
    # a token of the value moved on its own ("4" → "12") is no move beside it
    return [RuleMove(said.hunk_id, said.old, saying.new, *parts, "value")]


_RANGE = re.compile(r"(?<![\w.,])\d+(?:\.\d+)?\s?[-–]\s?\d+(?:\.\d+)?(?![\w]|[.,]\d)")
"""A range in digits: "2-3", "3–5"."""


def _range_move(rule: Any) -> RuleMove | None:
    """The move of a range that is all that changed in a sentence ("highlands: 2-3 working
    days." → "highlands: 3-5 working days."): the old range to the new one, each as written;
    None when either sentence states no range or more than one, or anything else changed."""
    olds, news = _RANGE.findall(rule.old), _RANGE.findall(rule.new)
    if len(olds) != 1 or len(news) != 1 or olds == news:
        return None
    if _RANGE.sub("#", rule.old) != _RANGE.sub("#", rule.new):
        return None
    return RuleMove(rule.hunk_id, rule.old, rule.new, olds[0], news[0], "value")


def _day_set_move(rule: Any) -> RuleMove | None:
    """A set of days a changed sentence says otherwise ("home visits Monday to Saturday" →
    "Monday to Friday"), when no other value of it moved: each sentence states one set of
    days (`wordamounts.DAY_SETS`), each says which days, and they differ."""
    olds, news = day_sets_said(rule.old), day_sets_said(rule.new)
    if len(olds) != 1 or len(news) != 1:
        return None
    (old, was), (new, now) = olds[0], news[0]
    if was.days is None or now.days is None or was.days == now.days:
        return None
    if old.group("aside") or new.group("aside"):
        return None  # the prompt's own aside: which of its parts is the value is unsaid
    return RuleMove(rule.hunk_id, rule.old, rule.new, old.group(0), new.group(0), "value")


_WEEKDAY = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?", re.I)


def _weekday_move(rule: Any) -> RuleMove | None:
    """One day of the week a changed sentence names in place of another, the rest of it
    kept ("due by the end of the Wednesday before the party" → "… the Monday before …"):
    a move of that day, when the sentence names no other day (a set of days is
    `_day_set_move`'s)."""
    olds, news = _WEEKDAY.findall(rule.old), _WEEKDAY.findall(rule.new)
    if len(olds) != 1 or len(news) != 1 or olds[0].lower() == news[0].lower():
        return None
    old_tokens, new_tokens = rule_tokens(rule.old), rule_tokens(rule.new)
    changed = [
        (old_tokens[code.i1 : code.i2], new_tokens[code.j1 : code.j2])
        for code in align(old_tokens, new_tokens)
        if code.tag != "equal"
    ]
    if changed != [([olds[0]], [news[0]])]:
        return None  # more of the sentence moved than the day: another rule
    return RuleMove(rule.hunk_id, rule.old, rule.new, olds[0], news[0], "value")


_BOUND_PHRASES = (
    frozenset({"up to", "no more than", "not more than", "at most", "a maximum of", "maximum of"}),
    frozenset(
        {
            "at least",
            "no fewer than",
            "not fewer than",
            "no less than",
            "a minimum of",
            "minimum of",
        }
    ),
)


def _same_bound_words(gone: Sequence[str], came: Sequence[str]) -> int | None:
    """How many tokens end each side when a replaced run is one bound said in other words
    before a moved value ("up to 6" → "no more than 4": 1); None otherwise."""
    if not gone or not came or not _VALUE.match(gone[-1]) or not _VALUE.match(came[-1]):
        return None
    before = " ".join(gone[:-1]).lower(), " ".join(came[:-1]).lower()
    if before[0] == before[1] or not any(
        before[0] in forms and before[1] in forms for forms in _BOUND_PHRASES
    ):
        return None
    return 1


_THE_NEXT_DAY = re.compile(r"\b(?:the )?next (?P<kind>working |business )?day\b", re.I)
_WITHIN_DAYS = re.compile(
    r"\b(?:with)?in (?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten) "
    r"(?P<kind>working |business )?days\b",
    re.I,
)


def _next_day_move(rule: Any) -> RuleMove | None:
    """A time frame said as "the next working day" that a changed sentence says as a count of
    days ("dispatched the next working day" → "dispatched within 3 working days"), or back,
    the rest of the sentence kept: a move of the whole phrase, the same kind of day on both
    sides."""
    for old_re, new_re in ((_THE_NEXT_DAY, _WITHIN_DAYS), (_WITHIN_DAYS, _THE_NEXT_DAY)):
        olds, news = list(old_re.finditer(rule.old)), list(new_re.finditer(rule.new))
        if len(olds) != 1 or len(news) != 1:
            continue
        if (olds[0]["kind"] or "").lower() != (news[0]["kind"] or "").lower():
            continue
        rest_old = rule.old[: olds[0].start()] + "\0" + rule.old[olds[0].end() :]
        rest_new = rule.new[: news[0].start()] + "\0" + rule.new[news[0].end() :]
        if rule_tokens(rest_old) != rule_tokens(rest_new):
            return None  # more of the sentence moved than the time frame: another rule
        # said as amounts ("1 working day" → "3 working days"): the KB's "the next working
        # day" is read as one day's statement (`next_day_statements`)
        old_days, new_days = _days_said(olds[0]), _days_said(news[0])
        return RuleMove(rule.hunk_id, rule.old, rule.new, old_days, new_days, "value")
    return None


def _days_said(found: re.Match[str]) -> str:
    """ "1 working day" for "the next working day", "3 working days" for "within 3 working
    days"."""
    kind = (found["kind"] or "").lower()
    count = found.groupdict().get("count") or "1"
    if not count.isdigit():
        count = str(CARDINALS[count.lower()])
    return f"{count} {kind}day" + ("" if count == "1" else "s")


_SHARE_STOP = (
    r"to|for|on|onto|with|using|via|by|and|or|but|if|when|as|back|off|in|into|at|from|per|"
    r"plus|up|so|which|that's|instead|whatever|whichever|automatically"
)
_SHARE = re.compile(
    r"(?<![\d.])(?P<value>\d+(?:\.\d+)?)(?:\s?%|\s?percent\b)\s+of\s+"
    rf"(?P<base>(?:(?!(?:{_SHARE_STOP})\b)[A-Za-z][\w'’-]*(?:\s+|(?=[^\w\s])|$)){{1,5}})",
    re.I,
)
"""A percentage as a share of something ("20% of the box price", "15 percent of your
order"): up to five words after "of", ending before a preposition, a conjunction or
punctuation ("… of the box price to the account")."""


def shares(value: str, text: str) -> list[re.Match[str]]:
    """Where `text` states the percentage `value` as a share of something (`_SHARE`)."""
    number = value.removesuffix("%")
    return [found for found in _SHARE.finditer(text) if found.group("value") == number]


def _share_to_amount(rule: Any, gone: Sequence[str], came: Sequence[str]) -> RuleMove | None:
    """A share of something that a changed sentence replaced with a fixed amount ("credit 20%
    of the box price" → "credit a flat $10"): one value went, a percentage the old sentence
    states as a share, and one came, an amount in a currency, neither still in the other
    sentence."""
    olds = [token for token in gone if _VALUE.match(token)]
    news = [token for token in came if _VALUE.match(token)]
    if len(olds) != 1 or len(news) != 1:
        return None
    old, new = olds[0], news[0]
    if value_kind(old) != "%" or value_kind(new) not in ("$", "€", "£"):
        return None
    if _written_in(old, rule.new) or _written_in(new, rule.old) or len(came) > 4:
        return None
    found = shares(old, rule.old)
    if len(found) != 1:
        return None
    share = found[0].group("base").strip()
    return RuleMove(rule.hunk_id, rule.old, rule.new, old, new, "value", share=share)


def _whole_share_move(rule: Any) -> RuleMove | None:
    """A share of something a changed sentence made a fixed amount, read from the whole
    sentences when the alignment pairs the share with more than the amount ("the fee is 10% of
    the order value, because …" → "the fee is a flat £50 for every order, whatever the order
    value"): the old sentence states one percentage, as a share of something; the new one
    states none and one amount in a currency the old does not (its bare figure, a call's
    argument, aside); every other value kept."""
    olds = token_values(rule_tokens(rule.old))
    news = token_values(rule_tokens(rule.new))
    percents = [value for value in olds if value_kind(value) == "%"]
    if len(percents) != 1 or any(value_kind(value) == "%" for value in news):
        return None
    found = shares(percents[0], rule.old)
    came = {
        value
        for value in news
        if value_kind(value) in ("$", "€", "£") and not _written_in(value, rule.old)
    }
    if len(found) != 1 or len(came) != 1:
        return None
    amount = came.pop()
    kept_old = sorted(value for value in olds if value != percents[0])
    kept_new = sorted(value for value in news if value not in (amount, amount[1:]))
    if kept_old != kept_new:
        return None
    share = found[0].group("base").strip()
    return RuleMove(rule.hunk_id, rule.old, rule.new, percents[0], amount, "value", share=share)


def _added_share_move(rule: Any) -> RuleMove | None:
    """A share added on top of a price that a changed sentence makes a fixed amount ("the
    call-out fee plus half as much again, a 50% surcharge" → "the call-out fee plus a flat €40
    surcharge"), or a flat amount made a share, read from the whole sentences, since the share
    may be said twice (in words and in digits) and the alignment splits it: one sentence adds
    one percentage (`addedshare.added_percent`) and the other one flat amount
    (`addedshare.added_amount`) the first does not state, every other value kept."""
    if rule.kind != "sentence_changed" or not rule.old or not rule.new:
        return None
    old_percent, new_percent = added_percent(rule.old), added_percent(rule.new)
    if (old_percent is None) == (new_percent is None):
        return None
    percent = old_percent if old_percent is not None else new_percent
    assert percent is not None
    share = f"{percent:g}%"
    flat_in = rule.new if old_percent is not None else rule.old
    share_in = rule.old if old_percent is not None else rule.new
    flat = added_amount(flat_in)
    if flat is None or _written_in(flat, share_in):
        return None
    if _written_in(share, flat_in) or _written_in(f"{percent:g} percent", flat_in):
        return None
    others_share = [v for v in token_values(rule_tokens(share_in)) if value_kind(v) != "%"]
    others_flat = [
        v for v in token_values(rule_tokens(flat_in)) if value_kind(v) != "%" and v != flat
    ]
    if sorted(others_share) != sorted(others_flat):
        return None
    base = addition_base(rule.old) or addition_base(rule.new) or "the price"
    old, new = (share, flat) if old_percent is not None else (flat, share)
    return RuleMove(rule.hunk_id, rule.old, rule.new, old, new, "value", share=base, added=True)


def states_share(move: RuleMove, text: str) -> bool:
    """Whether `text` states a share move's old value as that share: "20% of the box price"
    for a share of something, "a 50% surcharge" or "half as much again" for a share added on
    top of a price (`addedshare.added_shares`); never the same percentage as a discount."""
    if move.added and not move.old.endswith("%"):
        return bool(added_amounts(move.old, text))
    if move.added:
        return bool(added_shares(move.old, text) or shares(move.old, text))
    return bool(shares(move.old, text))


_AMOUNT = re.compile(r"(?<![\w.])(?P<sign>[$€£])(?P<n>\d[\d,]*(?:\.\d+)?)(?![\d])")


def worked_example(move: RuleMove, sentence: str) -> str | None:
    """How a sentence works an example out from a moved percentage's old value ("On a $60
    box, that's $12 back." for 20%): "$12 is 20% of $60", or None. Two amounts of one
    currency where one is the old percentage of the other (to the cent, or within 1% for a
    rounded figure): the example is no longer true, whatever the new rule is."""
    if move.kind != "value" or not move.old.endswith("%") or where_stated(move.new, sentence):
        return None
    try:
        rate = float(move.old.removesuffix("%")) / 100
    except ValueError:
        return None
    amounts = [
        (found.group(0), found.group("sign"), float(found.group("n").replace(",", "")))
        for found in _AMOUNT.finditer(sentence)
    ]
    for whole, sign, base in amounts:
        for part, other_sign, value in amounts:
            if part == whole or sign != other_sign or base <= 0:
                continue
            expected = base * rate
            if abs(value - expected) <= max(0.01, 0.01 * expected):
                return f"{part} is {move.old} of {whole}"
    return None


def token_values(tokens: Sequence[str]) -> list[str]:
    """The values a sentence states, a duration with its unit ("2 years")."""
    found = []
    for index, token in enumerate(tokens):
        if _VALUE.match(token):
            unit = _unit_after(tokens, index + 1)
            found.append(duration_phrase(token, unit) if unit else token)
    return found


def value_kind(value: str) -> str:
    """ "%", a currency sign, a duration's unit, or "" for a bare number."""
    if value.endswith("%"):
        return "%"
    if value[:1] in "$€£":
        return value[0]
    duration = _DURATION.match(value)
    return duration.group("unit").lower().removesuffix("s") if duration else ""


_CLAUSE_END = re.compile(
    r"(?<!\d),|,(?!\d)|[;:()!?]|\.(?=\s|$)|\s(?:or|and|but|while|whereas)\s+(?=[$€£]?\d)"
)
"""Where a clause ends: punctuation (not the comma of "$1,500"), a full stop (not the dot of
"$1.50" or of a placeholder "{{ticket.id}}"), or a conjunction before the next value ("… on
weekends and 10% …")."""
_SCOPE = re.compile(r"\b(?:on|for|with|in|at|during)\s+[A-Za-z].*", re.I)
_SCOPE_END = re.compile(
    r"`|\s(?:using|via|by|instead|because|if|when|unless|so|then|and then|and tell)\b", re.I
)
"""Where the words saying who a value is for end and the rule goes on ("on express orders
using `issue_refund`")."""


def value_scope(text: str, value: str) -> str:
    """Where a sentence says its one statement of `value` holds: the first phrase after the
    value in its clause that starts with a preposition ("15% off their monthly fee on a
    full-time place, or …" → "on a full-time place"); "" when it says none."""
    stated = where_stated(value, text)
    if len(stated) != 1:
        return ""
    clause = _CLAUSE_END.split(text[stated[0].end() :], maxsplit=1)[0]
    clause = _SCOPE_END.split(clause, maxsplit=1)[0]
    found = _SCOPE.search(clause)
    scope = found.group(0).strip() if found else ""
    return scope if len(scope.split()) <= 8 else ""


def _split_moves(rule: Any) -> list[RuleMove]:
    """A value the new sentence gives one category in place of the old one, while the old
    value stays for the other categories, each named in the new sentence's own words: "gets
    10% off their monthly fee" → "gets 15% off their monthly fee on a full-time place, or 10%
    off on a part-time or term-time place". Both categories must be new to the sentence (the
    split is what changed), and the new value the only one of its kind that came."""
    olds, news = token_values(rule_tokens(rule.old)), token_values(rule_tokens(rule.new))
    old_words = content_words(rule.old)
    moves: list[RuleMove] = []
    for kept in dict.fromkeys(olds):
        if olds.count(kept) != 1 or news.count(kept) != 1:
            continue
        came = [v for v in news if v not in olds and value_kind(v) == value_kind(kept)]
        if len(came) != 1:
            continue
        scope, others = value_scope(rule.new, came[0]), value_scope(rule.new, kept)
        if not scope or not others:
            continue
        line = bound_line(scope, others)
        # sides told apart by their bound on a number the old rule never named ("for units up
        # to 50 sq ft", "for units over 50 sq ft"): the line is what is new
        # (a claim over every case right after the old value, "on every order", is the
        # sentence tail's to split: `splittail`, `everysplit`)
        fresh_line = (
            line is not None
            and not _written_in(line, rule.old)
            and not old_claim_after(rule.old, kept)
        )
        if not fresh_line and (
            content_words(scope) == content_words(others)
            or not (content_words(scope) - old_words)
            or not (content_words(others) - old_words)
        ):
            continue
        moves.append(
            RuleMove(
                rule.hunk_id, rule.old, rule.new, kept, came[0], "value", scope=scope, others=others
            )
        )
    return moves


def _in_times(value: str, text: str) -> bool:
    """Whether every place `text` writes `value` is inside a time of day ("2" of "2pm")."""
    places = [m.span() for m in re.finditer(rf"(?<![\d.,]){re.escape(value)}(?!\d)", text)]
    times = [(time.start, time.end) for time in find_clock_times(text)]
    return bool(places) and all(
        any(start <= place[0] and place[1] <= end for start, end in times) for place in places
    )


def _clock_moves(rule: Any) -> list[RuleMove]:
    """The time of day a changed sentence moved ("before 2pm" → "before 5pm", "until noon" →
    "until 14:00"): one time only the old sentence states and one only the new one states;
    or both ends of a window the sentence states, each moved in its place."""
    olds, news = find_clock_times(rule.old), find_clock_times(rule.new)
    gone = list(
        {time.hour: time for time in olds if not any(same_time(time, o) for o in news)}.values()
    )
    came = list(
        {time.hour: time for time in news if not any(same_time(time, o) for o in olds)}.values()
    )
    if len(gone) == len(came) == 2 and len(olds) == len(news) == 2:
        # a window's two ends moved ("between 9am and 5pm" → "between 10am and 4pm"): each
        # end to the one in its place, the opening to the opening, the closing to the closing
        return [
            RuleMove(rule.hunk_id, rule.old, rule.new, was.text, now.text, "value")
            for was, now in zip(olds, news, strict=True)
        ]
    if len(gone) != 1 or len(came) != 1:
        return []
    return [RuleMove(rule.hunk_id, rule.old, rule.new, gone[0].text, came[0].text, "value")]


def _worded_moves(rule: Any) -> list[RuleMove]:
    """The amounts a changed sentence moved where one side is written in words ("at least a
    week" → "at least a fortnight", "48 hours" → "three days"): of one measure, one amount
    only the old sentence states and one only the new one states."""
    olds, news = find_quantities(rule.old), find_quantities(rule.new)
    gone = [q for q in olds if not any(same_amount(q, other) for other in news)]
    came = [q for q in news if not any(same_amount(q, other) for other in olds)]
    moves: list[RuleMove] = []
    for was in gone:
        now = [q for q in came if q.measure == was.measure]
        if len(now) != 1 or sum(q.measure == was.measure for q in gone) != 1:
            continue
        if not (was.worded or now[0].worded):
            continue  # digits on both sides: the tokens' alignment reads them
        moves.append(RuleMove(rule.hunk_id, rule.old, rule.new, was.plain, now[0].plain, "value"))
    return moves


# finding and rewriting KB sentences ---------------------------------------------------------


def _value_pattern(value: str) -> re.Pattern[str]:
    """A value as a KB may write it: "10%" also "10 percent"; "$200" also "$200.00"; "1 year"
    also "1-year"."""
    if value.endswith("%"):
        # "10%", "10 percent", "10 per cent", "ten per cent", "ten per cent (10%)": the one
        # reader of a percentage in figures or words (`percentwords.percent_source`)
        return re.compile(percent_source(value[:-1]), re.I)
    if value[:1] in "$€£":
        plain = value[1:].replace(",", "").removesuffix(".00")
        whole, _, cents = plain.partition(".")
        grouped = f"{int(whole):,}" if whole.isdigit() else whole
        forms = "|".join(re.escape(form) for form in dict.fromkeys((whole, grouped)))
        tail = rf"\.{re.escape(cents)}" if cents else r"(?:\.00)?"
        # whole thousands also in the short form a KB may use ("$10k" for "$10,000")
        short = (
            rf"|{re.escape(str(int(whole) // 1000))}[kK](?![\w])"
            if not cents and whole.isdigit() and int(whole) >= 1000 and int(whole) % 1000 == 0
            else ""
        )
        return re.compile(rf"{re.escape(value[0])}(?:(?:{forms}){tail}(?!\d|,\d){short})")
    point = _POINT.match(value)
    if point:
        unit = re.escape(point.group("unit"))
        return re.compile(rf"(?<![\w.]){unit}\s+{re.escape(point.group('n'))}(?![\w])", re.I)
    duration = _DURATION.match(value)
    if duration:
        unit = re.escape(duration.group("unit"))
        # "14 or more days" states 14 days too (`_OPEN_ENDED`)
        return re.compile(
            rf"(?<![\d.]){re.escape(duration.group('n'))}"
            rf"(?P<open>\s+or\s+(?:{'|'.join(sorted(_OPEN_ENDED))}))?(?P<sep>[\s-]){unit}s?\b",
            re.I,
        )
    number = re.escape(value)
    if not value.isdigit():
        return re.compile(rf"(?<![\w.]){number}(?![\w])")
    # a bare number also in an age or size group named by its line ("Under-14s", "over 65s");
    # never a time of its digits ("10:30"); a price or a percentage may be ("£30" for a call's
    # `fee_gbp` 30, "100%" for `refund_percent` 100)
    return re.compile(
        rf"(?<![\w.:]){number}(?![\w]|[.,:]\d)"
        rf"|{_GROUP_LINE}{number}(?=s\b)",
        re.I,
    )


_GROUP_LINE = r"(?:(?<=(?i:under)[\s-])|(?<=(?i:over)[\s-]))"
"""Right after "under"/"over" and a space or hyphen: where a number with a plural "s" names
the group on one side of a line ("Under-14s", "over 65s"), not a decade or a count."""

_NAME_GOES_ON = re.compile(r"(?:\*\*|__|\*|_)?[\s-]+(?:\*\*|__|\*|_)?[A-Z]")


def _title_case(text: str) -> bool:
    """Most longer words capitalized: a heading or a label, where a value is capitalized too."""
    words = [word for word in re.findall(r"[A-Za-z][A-Za-z'’]*", text) if len(word) > 3]
    return bool(words) and sum(word[0].isupper() for word in words) * 5 >= len(words) * 3


def _apart(matches: list[re.Match[str]], taken: list[re.Match[str]]) -> list[re.Match[str]]:
    """`matches` overlapping none of `taken` (one statement read once)."""
    return [
        match
        for match in matches
        if not any(match.start() < other.end() and other.start() < match.end() for other in taken)
    ]


def _in_a_name(text: str, found: re.Match[str]) -> bool:
    """Whether a value found in `text` is part of a name ("7-Day Pass", "the 30 Day
    Challenge"): its unit is capitalized and a capitalized word goes on after it, in a text
    that does not capitalize its words anyway. A product named by a number is not the
    period that number is in a rule ("7-Day Passes can't be refunded" is not about refunds
    within 7 days)."""
    if "sep" not in found.re.groupindex or found.group("sep") is None:
        return False
    unit = found.group(0)[found.end("sep") - found.start() :]
    return (
        unit[:1].isupper()
        and _NAME_GOES_ON.match(text, found.end()) is not None
        and not _title_case(text)
    )


def where_stated(value: str, text: str, *, spoken: bool = True) -> list[re.Match[str]]:
    """Where `text` states `value` (in any of the forms `_value_pattern` reads), names that
    hold the number aside (`_in_a_name`); a time of day in any of its forms ("2pm", "2 p.m.",
    "14:00"). `spoken`: an amount also as people say it in another measure or as the day it
    ends on ("72 hours" for 3 working days, "a month" for 30 days, "by tomorrow" for 24 hours:
    `quantities.equal_amount`); False for the equal amounts alone (a prompt's gloss in another
    measure, "1 working day (24 hours)", is no second statement of the value)."""
    if read_day_month(value) is not None:
        # a day of the year in any of its shapes ("18 Dec", "December 18th", "the 18th" in a
        # text naming no other month: `daymonth`)
        return day_month_statements(value, text)
    if read_day_set(value) is not None:
        # a set of days in any of the ways people say it ("Mon–Sat", "any day except
        # Sunday", "six days a week" for Monday to Saturday: `wordamounts.DAY_SETS`)
        return day_set_in_words(value, text)
    time = read_clock_time(value)
    if time is not None:
        clocks = [
            found
            for found in clock_matches(text)
            if (other := clock_at(found)) is not None and same_time(other, time)
        ]
        # a span of bare hours ("9 to 5", "10 till 2"): the end on the value's side of noon
        return clocks + _apart(bare_hours(time.hour, text), clocks)
    found = [found for found in _value_pattern(value).finditer(text) if not _in_a_name(text, found)]
    amount = read_quantity(value)
    if amount is None:
        # a price with its currency in words or as a code ("fifty pounds", "GBP 50"), a share
        # in words (`wordamounts.SHARE_WORDS`: "a quarter of your fare", "one fifth of the
        # total", "half the fee"); read only here: a money value ("£50") or a share ("25%")
        # is no quantity, so it never reaches the quantity branch below
        found += _apart(money_in_words(value, text), found)
        found += _apart(share_in_words(value, text), found)
        # "one point" for "1 point": a count of a thing no quantity reader knows, spelled
        found += _apart(_spelled_counted(value, text), found)
        return sorted([*found, *_counted_in_words(value, text)], key=lambda match: match.start())
    # the same amount in any form ("a week", "one week", "7 days"), read before a literal
    # match of a value in words
    amounts = quantity_matches(text)
    same = [
        match
        for match in amounts
        if (q := quantity_at(match)) is not None
        and same_amount(q, amount)
        and not _in_a_name(text, match)
    ]
    if spoken and not same and not found:
        # said in another measure as people say it ("within 72 hours" for 3 working days),
        # where the text does not state the amount itself: beside it ("a month (30 days)")
        # it only glosses it
        same = [
            match
            for match in amounts
            if (q := quantity_at(match)) is not None
            and equal_amount(q, amount)
            and not _in_a_name(text, match)
        ]
    # working days said in weeks ("a week", "one working week" for 5 working days) where the
    # text does not state them as such: beside them ("10 working days (two weeks)", "five
    # working days, so about a week") the weeks only gloss them
    weeks = [m for m in week_statements(amount, text, amounts) if not _in_a_name(text, m)]
    if not same:
        same += weeks
    if not same and spoken:
        # one day as the day it ends on ("by tomorrow", "the next working day")
        same += next_day_statements(amount, text)
    if not same and spoken and not found:
        # the span said as its first unit ("in the first month" for 30 days)
        same += first_unit_statements(amount, text)
    if not same and amount.measure == "time":
        # "three quarters of an hour" for 45 minutes
        same += [
            match
            for match in _QUARTER_HOUR.finditer(text[:_MAX_SCAN])
            if _QUARTERS[match["count"].lower()] * 15 == amount.amount
        ]
    amounts += [match for match in weeks if not is_amount_match(match)]
    # a literal match inside another amount is not this one ("an hour" in "half an hour")
    kept = [
        match
        for match in found
        if not any(match.start() < other.end() and other.start() < match.end() for other in amounts)
    ]
    return sorted([*same, *kept], key=lambda match: match.start())


_FIRST_UNIT = re.compile(
    r"\b(?P<lead>the\s+first)\s+(?P<unit>day|week|fortnight|month|year)\b(?!['’]s|\s+of\b)",
    re.I,
)
"""A span from its start said as its first unit: "in the first month" (of owning something),
"during the first year"; never a date ("the first week of June")."""


def first_unit_statements(amount: Quantity, text: str) -> list[re.Match[str]]:
    """Where `text` says `amount` as the first unit of a span ("the first month" for 30 days,
    as people say a month), one unit the same or equal amount."""
    found = []
    for match in _FIRST_UNIT.finditer(text[:_MAX_SCAN]):
        unit = read_quantity(f"one {match['unit'].lower()}")
        if unit is not None and (same_amount(unit, amount) or equal_amount(unit, amount)):
            found.append(match)
    return found


def first_unit_written(new: str, found: re.Match[str]) -> str | None:
    """The new amount said as the first units of the span, in `found`'s unit when it gives a
    whole count, in words ("the first two months" for 60 days), else in its own unit ("the
    first 45 days"); None when the new value is no amount."""
    amount = read_quantity(new)
    like = read_quantity(f"one {found['unit'].lower()}")
    if amount is None or like is None:
        return None
    written = written_like(amount, like)
    if written is None:
        return None
    return f"{found['lead']} {written}"


_NEXT_DAY = re.compile(
    r"\b(?:by|until|before)\s+tomorrow\b(?!\s+(?:morning|afternoon|evening|night))"
    r"|\b(?:on\s+)?the\s+next\s+(?P<working>working\s+|business\s+)?day\b"
    # a cell that says it alone ("| Next working day |"), never a product's name ("Next day
    # delivery")
    r"|(?:(?<=\|\s)|(?<=\|))next\s+(?P<cell>working\s+|business\s+)?day\b(?=\s*\|)",
    re.I,
)
"""One day said as the day it ends on: "by tomorrow" (a day), "the next working day", a
table cell's "| Next working day |"."""


def next_day_statements(amount: Quantity, text: str) -> list[re.Match[str]]:
    """Where `text` says one day (24 hours, a day) or one working day as the day it ends on
    ("by tomorrow", "the next day", "on the next working day")."""
    if amount.measure == "working":
        wanted = amount.amount == 1
    else:
        wanted = amount.measure == "time" and amount.amount == _MINUTES_A_DAY
    if not wanted or not ("tomorrow" in text.lower() or "next" in text.lower()):
        return []
    working = amount.measure == "working"
    return [
        match
        for match in _NEXT_DAY.finditer(text[:_MAX_SCAN])
        if bool(match.group("working") or match.group("cell")) == working
    ]


_MINUTES_A_DAY = 1440.0


def _next_day_value(new: str) -> str | None:
    """The new amount for a day said as the day it ends on: "within 2 working days"."""
    quantity = read_quantity(new)
    return f"within {quantity.plain}" if quantity is not None else None


_QUARTER_HOUR = re.compile(
    r"(?<![\w-])(?P<count>an?|one|three)\s+quarters?\s+of\s+an\s+hour\b", re.I
)
"""Quarters of an hour in words ("a quarter of an hour", "three quarters of an hour")."""
_QUARTERS = {"a": 1, "an": 1, "one": 1, "three": 3}
_HOUR_PARTS = {
    15.0: "a quarter of an hour",
    30.0: "half an hour",
    45.0: "three quarters of an hour",
}
_MAX_SCAN = 100_000


_SPELLED_COUNT = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(word for word, count in CARDINALS.items() if count <= 20)
    + r")(?![\w-])",
    re.I,
)
"""A count up to twenty in words ("two free swaps")."""
_BOTH = re.compile(
    r"(?<![\w-])both(?:\s+of)?(?=\s+(?:the|your|our|their|its|this|these|those|[a-z]+['’]s)\s)",
    re.I,
)
"""A count of two said as "both" before what it counts ("both of this year's free pauses",
"both your free swaps"), with its "of": the count 2, as a KB sentence restates an allowance
of two. "both" before anything else ("both plans", "both adults and children") is no such
count here."""
_TIMES = {1: "once", 2: "twice"}


def said_as_both(found: re.Match[str]) -> bool:
    """Whether `found` is a count of two said as "both" (`where_stated`)."""
    return found.re is _BOTH


"""How many times, in words: 3 and more read "3 times"."""


def _counted_in_words(value: str, text: str) -> list[re.Match[str]]:
    """Where `text` states a bare count `value` ("12") in words: with a quantity word ("a
    dozen", "a pair of"), spelled ("two free swaps") or as how many times ("twice a term"):
    the same number, read as the number it means. A spelled number that is part of an
    amount with a unit ("two weeks", "two dozen") is that amount, not this count."""
    if not value.isdigit():
        return []
    amounts = quantity_matches(text)
    found = [
        match
        for match in amounts
        if (q := quantity_at(match)) is not None
        and q.unit in ("", "times")
        and q.count == int(value)
    ]
    found += [
        match
        for match in _SPELLED_COUNT.finditer(text)
        if CARDINALS[match.group(0).lower()] == int(value)
        and not any(
            match.start() < other.end() and other.start() < match.end() for other in amounts
        )
    ]
    # a line said as the group or the birthday it draws ("under-fives", "fifth birthday"); by
    # its last count below only where the prompt draws it so (`line_statements`)
    found += [
        match
        for match in LINE_WORDS.finditer(text)
        if line_count(match) == int(value) and not is_last_below(match)
    ]
    if int(value) == 2:
        found += list(_BOTH.finditer(text))
    if int(value) >= 100 and not _value_pattern(value).search(text):
        # a hundred or more in words alone ("one hundred characters"), whatever it counts
        found += hundreds_in_words(value, text)
    return sorted(found, key=lambda match: match.start())


_COUNT_AND_UNIT = re.compile(r"^(?P<count>\d+)\s+(?P<unit>[a-z]{3,})$")
"""A count with the noun it counts ("1 point", "4 stamps")."""


def _spelled_counted(value: str, text: str) -> list[re.Match[str]]:
    """Where `text` spells a count with the noun it counts that `value` gives in digits
    ("one point" for "1 point", "two stamps" for "2 stamps"), the noun singular or plural;
    none for a count the quantity readers know (a duration, an amount)."""
    found = _COUNT_AND_UNIT.match(value)
    if found is None or int(found["count"]) > 20:
        return []
    words = [word for word, n in CARDINALS.items() if n == int(found["count"])]
    noun = re.escape(found["unit"].removesuffix("s"))
    return list(_spelled_pattern(tuple(words), noun).finditer(text))


@lru_cache(maxsize=128)
def _spelled_pattern(words: tuple[str, ...], noun: str) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![\w-])(?P<spelled>{'|'.join(map(re.escape, words))})\s+(?P<noun>{noun}s?)(?![\w-])",
        re.I,
    )


def spelled_counted_value(move: RuleMove, found: re.Match[str]) -> str | None:
    """The new count with its noun spelled as the KB spelled the old one ("one point" → "two
    points"); None for any other statement or a count no word says."""
    if "spelled" not in found.re.groupindex:
        return None
    new = _COUNT_AND_UNIT.match(move.new)
    if new is None or len(new["count"]) > 2:
        return None
    count = int(new["count"])
    word = next((w for w, n in CARDINALS.items() if n == count and "-" not in w), None)
    if word is None:
        return None
    noun = found["noun"].removesuffix("s")
    written = f"{word} {noun}{'' if count == 1 else 's'}"
    return written[:1].upper() + written[1:] if found.group(0)[:1].isupper() else written


def spelled_value(move: RuleMove, found: re.Match[str]) -> str | None:
    """A bare new count for an old one a KB sentence spells ("two" → "one", "Two" → "One")
    or says as how many times ("twice" → "once"); None for any other statement."""
    if not move.new.isdigit():
        return None
    count = int(move.new)
    if is_hundreds(found):
        return hundreds_like(move.old, move.new, found)
    like = quantity_at(found)
    if like is not None and like.unit == "times":
        written = _TIMES.get(count, f"{count} times")
    elif found.re is _SPELLED_COUNT:
        written = next((word for word, n in CARDINALS.items() if n == count), move.new)
    elif found.re is LINE_WORDS:
        return line_written(found, count)
    elif found.re is _BOTH:
        # "both" said the count whole: "all" of the new one ("all four of …"), or "all" alone
        # where the count now depends on the case (the plan's own, whichever it is)
        spelled = next((word for word, n in CARDINALS.items() if n == count), move.new)
        scoped = move.category or move.others or move.scope
        if count < 2 and not scoped:
            return None  # "all one of …" says nothing: a writer restates it
        written = ("all" if scoped else f"all {spelled}") + " of"
    else:
        return None
    return written[:1].upper() + written[1:] if found.group(0)[:1].isupper() else written


def _count_word_value(move: RuleMove, found: re.Match[str]) -> str | None:
    """A bare new count ("24") for an old one a KB sentence says with a quantity word ("a
    dozen"): in the same kind of words ("two dozen"); None when the sentence said no count
    word, or the new count cannot be said in its words (a writer restates it)."""
    like = quantity_at(found)
    if like is None or like.unit != "" or not move.new.isdigit() or not move.old.isdigit():
        return None
    if _PAIR_WORDS.fullmatch(found.group(0).strip()):
        # "a couple of sessions" → "three sessions": its "of" goes in the replacement
        words = count_words(int(move.new))
        return words or None
    new = Quantity(0, len(move.new), move.new, float(move.new), "", worded=False)
    return written_like(new, like)


_PAIR_WORDS = re.compile(r"a\s+(?:couple|pair)", re.I)
"""Two said as "a couple" or "a pair": a new count in its place is said in words, without
the "of" ("a couple of sessions" → "three sessions")."""


_OWN_CLAUSE = re.compile(r"[;:]|\.(?=\s|$)|,\s+(?:and|but|so|which|while)\s+|\s+(?:but|while)\s+")


_FROM_BELOW = re.compile(
    r"(?:\b(?:under|below|younger\s+than|less\s+than|fewer\s+than|from|aged)\s+(?:the\s+age\s+of\s+)?"
    r"(?P<n>\d{1,3})(?!\s*(?:or|and)\s+(?:under|younger|below|less|fewer)\b))"
    r"|(?:(?<![\w.,$£€])(?P<m>\d{1,3})(?=\s*(?:\+|or\s+more\b|and\s+over\b|or\s+over\b|"
    r"and\s+up\b|or\s+older\b|and\s+older\b|(?:to|-|–)\s*\d)))",
    re.I,
)
"""A line drawn from below the value, so that the last count under it is one less: "under
5", "younger than 5", "5 or more", "5 and over", "5+", "aged 5 to 15"; never "more than 10",
"over 10", "up to 10" or "10 or fewer", where the value is itself the last one in."""


_OVER_GROUP = re.compile(r"\bover[\s-](?P<n>\d{1,3})s\b", re.I)


def same_line_said(move: RuleMove, sentence: str) -> int:
    """2 when `sentence` draws the moved line from below as the old prompt sentence does
    ("65+", "over-65s", "65 and over" for "aged 65 and over") and states another value the
    prompt sentence states beside it ("| Senior (65+) | £6 |" for "aged 65 and over pay
    £6"): two signs of the topic, as two shared words are; else 0 ("Sessions a week: 16+" is
    another count drawn the same way; a price of the same digits, "£65", draws no line)."""
    if move.kind != "value" or not move.old.isdigit() or len(sentence) > _MAX_CLAUSE_SCAN:
        return 0
    drawn = any(
        move.old in (found.group("n"), found.group("m"))
        and re.match(
            r"\s*(?:\+|or\s+(?:more|over|older)|and\s+(?:over|up|older))\b|\s*\+",
            move.old_sentence[found.end("n" if found.group("n") else "m") :],
        )
        for found in _FROM_BELOW.finditer(move.old_sentence[:_MAX_SCAN])
    )
    if not drawn:
        return 0
    # the line said the same way, and a value the prompt gives beside it ("| Senior (65+) | £6
    # |" for "aged 65 and over pay £6"), are two signs only in one clause that is about the
    # rule: it shares a word of the rule's topic ("pay"), or says nothing but a label beside
    # them ("Senior"). "Over-65s get 10% off in the café, and a pot of tea for two is £11"
    # gives the price to another subject in another clause.
    values = _other_values(move)
    topic = move_topic(move)
    cursor = 0
    for joint in [*_CLAUSE_JOINT.finditer(sentence), None]:
        end = joint.start() if joint is not None else len(sentence)
        clause = sentence[cursor:end]
        cursor = joint.end() if joint is not None else end
        lines = [
            found.span("m")
            for found in _FROM_BELOW.finditer(clause)
            if found.group("m") == move.old
        ] + [found.span() for found in _OVER_GROUP.finditer(clause) if found.group("n") == move.old]
        if not lines:
            continue
        for value in values:
            stated = where_stated(value, clause)
            if not stated:
                continue
            rest = clause
            for start, stop in sorted(
                [*lines, *((m.start(), m.end()) for m in stated)], reverse=True
            ):
                rest = rest[:start] + " " + rest[stop:]
            words = content_words(rest)
            if words & topic or len(words) <= 1:
                return 2
    return 0


def line_statements(move: RuleMove, text: str) -> list[re.Match[str]]:
    """Where `text` states a moved line by its last count below, inclusively ("aged four and
    under", "10 or fewer", "up to and including ten", "0–4": `linewords.LINE_WORDS`), only
    where the old prompt sentence draws the line from below (`_FROM_BELOW`: "under 5", "11 or
    more"), so the last count is the value less one."""
    if move.kind != "value" or not move.old.isdigit():
        return []
    drawn = any(
        (found.group("n") or found.group("m")) == move.old
        for found in _FROM_BELOW.finditer(move.old_sentence[:_MAX_SCAN])
    )
    if not drawn:
        return []
    return [
        found
        for found in LINE_WORDS.finditer(text[:_MAX_SCAN])
        if is_last_below(found) and line_count(found) == int(move.old)
    ]


_WORKING = re.compile(r"\b(?:working|business|week)\s*days?\b|\bweekdays?\b", re.I)


def old_in_own_clause(move: RuleMove, text: str) -> list[re.Match[str]]:
    """The statements of a category move's old value (`RuleMove.categories`) in a clause of
    `text` that does not state its new value too ("Every skip comes with 7 days' hire, and
    you can keep it for up to 14 days for £25": the 7 days, though 14 days is said of the
    total); for any other move, every statement when the text states no new value."""
    stated = old_statements(move, text)
    # "48 hours" → "2 working days": the old value said as people say the new one is no
    # statement of the new one
    spoken = not where_stated(move.new, move.old)
    new_said = where_stated(move.new, text, spoken=spoken)
    if _WORKING.search(move.new) and not _WORKING.search(move.old):
        # "within two days …, weekends included" is no "2 working days"
        new_said = [
            found for found in new_said if _WORKING.search(text[found.start() : found.end() + 12])
        ]
    if not new_said:
        return stated
    if not move.categories:
        return []
    bounds = [0, *(found.end() for found in _OWN_CLAUSE.finditer(text)), len(text)]
    kept = []
    for found in stated:
        start = max(b for b in bounds if b <= found.start())
        end = min(b for b in bounds if b >= found.end())
        if not where_stated(move.new, text[start:end]):
            kept.append(found)
    return kept


_RATE_TAIL = re.compile(
    r"\s+(?:a|an|per|every|each)\s+(?:second|minute|hour|day|week|fortnight|month|year)\b", re.I
)


def value_statements(move: RuleMove, text: str) -> list[re.Match[str]]:
    """Where `text` states a value move's old value: as `where_stated` reads it, or as a count
    with its unit in another shape (`unitcount`: "a point", "1 pt", "20kg")."""
    found = where_stated(move.old, text)
    if move.kind != "value" or move.share:
        return found
    counted = unit_statements(move.old, move.new, move.old_sentence, move.new_sentence, text)
    found = sorted([*found, *_apart(counted, found)], key=lambda m: m.start())
    claimed = _claims_on_topic(move, text)
    return sorted([*claimed, *_apart(found, claimed)], key=lambda m: m.start())


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_CLAIM_WINDOW = 400
_MAX_CLAIMS = 200


def _claims_on_topic(move: RuleMove, text: str) -> list[re.Match[str]]:
    """`claim_statements` whose own clause shares a word of the rule's topic (`move_topic`):
    "We can split any order into three payments" for "Split any order into three payments",
    not "You can cancel any order within 24 hours" (another rule over the same noun)."""
    claimed = claim_statements(move.old, move.new, text)
    if not claimed:
        return []
    topic = move_topic(move)
    joints = [0, *(joint.end() for joint in _CLAUSE_JOINT.finditer(text[:_MAX_SCAN]))]
    kept = []
    # each claim is read in a window around it, so a text of thousands of claims is read in
    # time linear in its length
    for found in claimed[:_MAX_CLAIMS]:
        near = max(found.start() - _CLAIM_WINDOW, 0)
        start = max(joints[bisect.bisect_right(joints, found.start()) - 1], near)
        end = min(len(text), found.end() + _CLAIM_WINDOW)
        after = _CLAUSE_JOINT.search(text, found.end(), end)
        clause = text[start : after.start() if after else end]
        # the sentence around the claim, for the thing it names
        # (a stop inside a placeholder, "{{ticket.id}}", ends no sentence)
        opening = max(
            (m.end() for m in _SENTENCE_END.finditer(text, near, found.start())), default=near
        )
        closing_at = _SENTENCE_END.search(text, found.end(), end)
        closing = closing_at.start() if closing_at else end
        if content_words(clause) & topic and not _claim_of_another(
            move, text[start : found.start()], text[opening:closing]
        ):
            kept.append(found)
    return kept


def claims_of_another(move: RuleMove, sentence: str) -> bool:
    """Whether `move` bounds a claim for every case ("every order") and every claim that
    `sentence` makes of what the prompt claimed is of another thing (`_claim_of_another`),
    each read in its own clause."""
    if move.kind != "value" or len(sentence) > _MAX_CLAUSE_SCAN:
        return False
    claimed = claim_statements(move.old, move.new, sentence)
    if not claimed:
        return False
    joints = [0, *(joint.end() for joint in _CLAUSE_JOINT.finditer(sentence))]
    for found in claimed:
        start = max(joint for joint in joints if joint <= found.start())
        if not _claim_of_another(move, sentence[start : found.start()], sentence):
            return False
    return True


def _claim_of_another(move: RuleMove, before: str, sentence: str) -> bool:
    """Whether a KB clause claiming what the prompt claimed ("Gift wrapping is free on every
    order") is about another thing than the prompt's claim ("Engraving is free on every
    order"): the first word of the prompt's clause before its claim, its subject, is nowhere
    in the KB sentence (a word with the same first five letters counts: "deliver" for
    "Delivery", "Pay in 3" for "Pay"), and the KB clause puts before its claim a word the
    rule's sentence never says. The same claim over the same noun then holds for another
    thing, which keeps its rule."""
    subject = _claim_subject(move)
    if subject is None or len(sentence) > _MAX_CLAUSE_SCAN:
        return False
    said = {word[:5] for word in content_words(sentence)}
    if subject[:5] in said:
        return False
    return bool(content_words(before[-300:]) - content_words(move.old_sentence))


_TOLD_LEAD = re.compile(
    r"^\s*(?:tell|inform|remind|advise|explain|say|let)\b(?:\s+to)?"
    r"(?:\s+(?!that\b)(?:them|him|her|(?:the|our|any|all)\s+[a-z]+|[a-z]+s))?"
    r"(?:\s+know)?(?:\s+that)?\s+",
    re.I,
)
"""An agent's order before what the prompt states ("Tell customers that ", "Let the guest
know "): its words are no subject of the claim."""


@lru_cache(maxsize=512)
def _claim_subject(move: RuleMove) -> str | None:
    """The first word (stemmed) of the prompt's clause before its claim, past an agent's
    order to say it: "delivery" of "Tell customers that delivery is free on every order"."""
    at = move.old_sentence.lower().find(move.old.lower())
    if at < 0:
        return None
    joints = [0, *(j.end() for j in _CLAUSE_JOINT.finditer(move.old_sentence[:at]))]
    clause = move.old_sentence[max(joints) : at]
    clause = _TOLD_LEAD.sub("", clause, count=1)
    words = [
        stem(word)
        for word in _CONTENT.findall(clause.lower())
        if word not in STOPWORDS and len(word) > 2
    ]
    return words[0] if words else None


_JOINER = re.compile(r"\s*(?:,|&|\b(?:and|or|plus)\b)\s*", re.I)


def _claim_joined(move: RuleMove, raw: str, found: re.Match[str]) -> bool:
    """Whether the KB clause of a claim (`found`) makes it of the prompt's subject joined
    with another thing ("Gift wrapping and engraving are free on every order" when only
    engraving's claim is bounded, `_joins_another`) and the prompt's own clause joins
    nothing to it. The bound would then be false for the other thing."""
    subject = _claim_subject(move)
    if subject is None:
        return False
    near = max(found.start() - 300, 0)
    start = max((j.end() for j in _CLAUSE_JOINT.finditer(raw, near, found.start())), default=near)
    before = raw[start : found.start()]
    at = move.old_sentence.lower().find(move.old.lower())
    if at > 0 and _joins_another(subject, move.old_sentence[:at], move.old_sentence):
        return False  # the prompt bounds the things it joins, all of them
    return _joins_another(subject, before, move.old_sentence)


def _joins_another(subject: str, clause: str, old_sentence: str) -> bool:
    """Whether `clause` joins ("and", "&", "or", "plus", a comma) the subject on one side
    with a word the old sentence never says on the other."""
    own = content_words(old_sentence)

    def has_subject(side: str) -> bool:
        return any(stem(word)[:5] == subject[:5] for word in _CONTENT.findall(side.lower()))

    def has_other(side: str) -> bool:
        return bool(content_words(side) - own)

    for joint in _JOINER.finditer(clause):
        if joint.group(0).strip() == "," and not any(
            later.group(0).strip() != "," for later in _JOINER.finditer(clause, joint.end())
        ):
            continue  # a comma joins a list ("A, B and C"), not a lead-in ("Good news, A")
        left, right = clause[: joint.start()], clause[joint.end() :]
        if (has_subject(left) and has_other(right)) or (has_subject(right) and has_other(left)):
            return True
    return False


def said_as_rate(value: str, text: str) -> bool:
    """Whether every statement of a duration in `text` is a rate ("7 days a week", "2 hours
    per day"): how often, not how long; another quantity than the duration."""
    if not _DURATION.match(value):
        return False
    stated = where_stated(value, text)
    return bool(stated) and all(_RATE_TAIL.match(text[found.end() :]) for found in stated)


def move_gloss(move: RuleMove) -> Gloss | None:
    """What the prompt glosses a value move's old value with ("5 working days (a week)"), with
    the new value's gloss (`drafting.glosses`)."""
    if move.kind != "value":
        return None
    return _prompt_gloss(move.old, move.new, move.old_sentence, move.new_sentence)


@lru_cache(maxsize=512)
def _prompt_gloss(old: str, new: str, old_sentence: str, new_sentence: str) -> Gloss | None:
    return prompt_gloss(old, new, old_sentence, new_sentence, _stated_exactly)


def _stated_exactly(value: str, text: str) -> list[re.Match[str]]:
    """`where_stated` without the amounts said in another measure."""
    return where_stated(value, text, spoken=False)


def old_statements(move: RuleMove, text: str) -> list[re.Match[str]]:
    """Where `text` states a move's old value; where it does not, where it states the words
    the old prompt glossed that value with ("about a week" for "5 working days (a week)"),
    unless it states the new value or its gloss too; a decimal in another form of its value
    ("over 2 metres" for "taller than 2.0 metres", `equalvalue`)."""
    if _parts_moved(move):
        return parts_statements(move.old, text)  # the parts, whatever separates them
    gloss = move_gloss(move)
    stated = [
        found
        for found in where_stated(move.old, text, spoken=gloss is None)
        if not _another_kind(move, found)
    ]
    stated = sorted(
        [*stated, *_apart(line_statements(move, text), stated)], key=lambda m: m.start()
    )
    if move.kind == "value" and not move.share:
        # a count with its unit in another shape ("a point", "1 pt", "20kg", "twenty kilos")
        counted = unit_statements(move.old, move.new, move.old_sentence, move.new_sentence, text)
        stated = sorted([*stated, *_apart(counted, stated)], key=lambda m: m.start())
        # a claim read whole wins over the phrase inside it ("Any order" for "any order")
        claimed = _claims_on_topic(move, text)
        stated = sorted([*claimed, *_apart(stated, claimed)], key=lambda m: m.start())
    if not stated and move.kind == "value":
        stated = equal_statements(move.old, move.old_sentence, text)
    if stated or gloss is None:
        return stated
    if gloss.new is not None and any(
        (q := quantity_at(found)) is not None and same_amount(q, gloss.new)
        for found in quantity_matches(text)
    ):
        return []
    # the prompt's own gloss first ("a week" for "5 working days (a week)"), then the value
    # as people say it in another measure
    return gloss_statements(gloss, text) or [
        found for found in where_stated(move.old, text) if not _another_kind(move, found)
    ]


_MONEY_BEFORE = re.compile(r"[$€£]\s?$")
_UNIT_WORD = re.compile(r"[\s-]?(?P<unit>[a-z]{1,12})\b", re.I)
_MONEY_WORDS = frozenset(
    ["dollar", "dollars", "pound", "pounds", "euro", "euros", "usd", "gbp", "eur", "cents", "pence"]
)


def _another_kind(move: RuleMove, found: re.Match[str]) -> bool:
    """Whether a bare number the text states as an amount of money ("£110") is another
    quantity than the one the prompt's sentence states it of, by a unit word that is no
    money ("110 kg or less", "up to 110 guests"): the same digits, another quantity."""
    if move.kind != "value" or not move.old.isdigit():
        return False
    if not _MONEY_BEFORE.search(found.string[max(found.start() - 2, 0) : found.start()]):
        return False
    said = list(_value_pattern(move.old).finditer(move.old_sentence))
    units = [_UNIT_WORD.match(move.old_sentence, each.end()) for each in said]
    return bool(units) and all(
        unit is not None
        and unit["unit"].lower() not in _MONEY_WORDS | STOPWORDS
        and not _MONEY_BEFORE.search(move.old_sentence[max(each.start() - 2, 0) : each.start()])
        for each, unit in zip(said, units, strict=True)
    )


def _glossed(move: RuleMove, found: re.Match[str]) -> Gloss | None:
    """The move's gloss when `found` states it rather than the old value itself."""
    gloss = move_gloss(move)
    # the prompt's own gloss before the weeks a number of working days is (`workweeks`)
    if gloss is None or (
        where_stated(move.old, found.group(0), spoken=False) and not is_week_statement(found)
    ):
        return None
    like = quantity_at(found)
    return gloss if like is not None and same_amount(like, gloss.old) else None


def gloss_unsaid(move: RuleMove, stated: Sequence[re.Match[str]]) -> bool:
    """Whether one of `stated` is the prompt's gloss of the old value with no new gloss to
    write in its place (the new prompt glosses the new value with nothing of that measure):
    a writer restates it."""
    return any(_glossed(move, found) and worded_value(move, found) is None for found in stated)


def gloss_fact(move: RuleMove) -> str:
    """What a drafting model is told of the words the prompt glosses a moved value with, as
    the template reads them; empty when it glosses none."""
    gloss = move_gloss(move)
    if gloss is None:
        return ""
    said = (
        f"; the old prompt glosses {move.old} as “{gloss.old.plain}”, so a KB sentence saying "
        f"that amount in any words (“about {gloss.old.plain}”) on this topic states the old value"
    )
    if gloss.new is None:
        return said + (
            f"; the new prompt gives no such words for {move.new}: leave those to a writer "
            "(flag them), never work a new amount out"
        )
    return said + f"; write “{gloss.new.plain}” (the new prompt's words) in their place"


def said_as_gloss(move: RuleMove, sentence: str) -> str | None:
    """The words of `sentence` stating a move's old value as the old prompt glossed it ("two
    weeks" for "10 business days (two weeks)"); None when it states the value itself, or not
    at all."""
    if where_stated(move.old, sentence) or equal_statements(move.old, move.old_sentence, sentence):
        return None
    # a line said by its last count below ("four and under") is the value, not a gloss
    found = [
        each
        for each in old_statements(move, sentence)
        if not (each.re is LINE_WORDS and is_last_below(each))
    ]
    if found and all(is_unit_statement(each) or is_claim_statement(each) for each in found):
        return None  # the value with its unit in another shape ("a point", "20kg"): no gloss
    return found[0].group(0) if found else None


def gloss_said(move: RuleMove, sentences: Sequence[str]) -> str:
    """How an edit rewrote the prompt's gloss of the old value, for its rationale ("writes
    “two weeks” for “a week” (the prompt's own words for …)"); empty when no sentence states
    the gloss in place of the value."""
    gloss = move_gloss(move)
    if gloss is None or gloss.new is None:
        return ""
    said = [
        found.group(0)
        for sentence in sentences
        if all(is_week_statement(each) for each in where_stated(move.old, sentence))
        for found in old_statements(move, sentence)
        if _glossed(move, found) is not None
    ]
    if not said:
        return ""
    return (
        f"writes “{gloss.new.plain}” for “{said[0]}” (the prompt's own words for {move.new} "
        f"and {move.old})"
    )


def new_value(move: RuleMove, found: re.Match[str]) -> str:
    """The new value written in the format the KB uses for the old one."""
    text = found.group(0)
    like, time = clock_at(found), read_clock_time(move.new)
    if like is not None and time is not None:
        return time_written_like(time.hour, like)
    if found.re is BARE_HOUR and time is not None:
        # "9 to 5" → "9 to 8"; a time a bare hour cannot say as it is in the prompt's form
        return bare_hour_written(time.hour, text) or move.new
    new = move.new
    if is_claim_statement(found):
        claimed = claim_written(move.old, move.new, found)
        if claimed is not None:
            return claimed
    if is_unit_statement(found):
        written = unit_written(move.old, move.new, move.old_sentence, move.new_sentence, found)
        if written is not None:
            return written
    if found.re is _QUARTER_HOUR:
        # quarters of an hour said in words: the new value so too where it is some
        minutes = read_quantity(new)
        said = _HOUR_PARTS.get(minutes.in_unit("minutes") or 0.0) if minutes else None
        return said or new
    if is_equal_statement(found):
        return written_as(new, found)  # "over 2 metres" for "2.0 metres": the KB's decimals
    if found.re is _NEXT_DAY:
        said = _next_day_value(new) or text
        # a cell's "Next working day" → "Within 3 working days"
        return said[:1].upper() + said[1:] if text[:1].isupper() else said
    if found.re is _FIRST_UNIT:
        return first_unit_written(new, found) or text
    if found.re is DAY_MONTH or found.re is ORDINAL_DAY:
        # "18 Dec" → "20 Dec", "the 18th" → "the 20th"
        return day_month_written_like(new, found) or new
    if found.re is DAY_SETS:
        # "six days a week" → "five days a week", "Mon–Sat" → "Mon–Fri", "any day except
        # Sunday, including Saturdays" → "Monday to Friday"
        return day_set_written_like(new, found) or new
    if found.re is MONEY_WORDS:
        # "fifty pounds" → "seventy-five pounds"; the prompt's digits where words cannot say it
        return money_written_like(new, found) or new
    if found.re is SHARE_WORDS and new.endswith("%"):
        # "a quarter of" → "half of", "one fifth of" → "30% of", "half the fee" → "25% of the
        # fee"; a half stays a half
        return share_written_like(new, found)
    spelled = spelled_value(move, found) or spelled_counted_value(move, found)
    if spelled is not None:
        return spelled
    counted = _count_word_value(move, found)
    if counted is not None:
        return counted
    worded = worded_value(move, found)
    if worded is not None:
        return worded
    if move.old.endswith("%") and new.endswith("%"):
        return restate_percent(text, new)  # "ten per cent" → "fifteen per cent"
    old_duration, new_duration = _DURATION.match(move.old), _DURATION.match(new)
    if old_duration and new_duration and not _MONTH_NAME.fullmatch(new_duration.group("unit")):
        # a day of a month ("15 December") is no count of a unit: never "15 Decembers"
        unit = new_duration.group("unit")
        if text[found.end("sep") - found.start() :][:1].isupper():
            unit = unit[:1].upper() + unit[1:]  # "| 30 Days |" stays capitalized
        if found.group("sep") == "-":
            return f"{new_duration.group('n')}-{unit}"
        open_ended = found.groupdict().get("open") or ""
        plural = "s" if new_duration.group("n") != "1" or open_ended else ""
        return f"{new_duration.group('n')}{open_ended} {unit}{plural}"
    if _POINT.match(new) and text[:1].isupper():
        return new[:1].upper() + new[1:]  # "| Week 2 |" stays capitalized
    if text.endswith(".00") and not new.endswith(".00") and new[:1] in "$€£":
        return new + ".00"
    if text[:1] in "$€£" and text[-1:] in "kK":
        return short_thousands(new, text[-1])
    return new


def short_thousands(amount: str, letter: str = "k") -> str:
    """An amount in the short form a KB wrote the old one in ("$10k"): "$5,000" → "$5k";
    an amount that is no whole thousands stays in full ("$7,500")."""
    whole = amount[1:].replace(",", "").removesuffix(".00")
    if not whole.isdigit() or int(whole) < 1000 or int(whole) % 1000:
        return amount
    return f"{amount[0]}{int(whole) // 1000}{letter}"


def worded_value(move: RuleMove, found: re.Match[str]) -> str | None:
    """The new amount written the way the KB wrote the old one, where either is in words
    ("a week's notice" → "a fortnight's notice", "7 days" → "14 days" for "a fortnight"),
    in another unit than the prompt ("7 days" for "1 week") or as a possessive ("2 years'
    cover"); None where the KB writes the prompt's digits and unit (`new_value` keeps their
    format) or its form cannot take the new amount. Where the KB states the words the prompt
    glossed the old value with ("about a week"), the new value's gloss in them ("two
    weeks"), or None when the new prompt gives none."""
    gloss = _glossed(move, found)
    if gloss is not None:
        return new_gloss_like(gloss, found)
    like = quantity_at(found)
    old, new = read_quantity(move.old), read_quantity(move.new)
    working = old is not None and old.measure == "working"
    if working and new is not None and is_week_statement(found):
        return weeks_written(new, found)  # "a week" → "two weeks" for 5 → 10 working days
    if like is None or old is None or new is None:
        return None
    if not (like.worded or old.worded or new.worded or like.possessive or like.unit != old.unit):
        return None
    return written_like(new, like) or remeasured(new, old, like)


def kb_glossed_span(move: RuleMove, text: str, found: re.Match[str]) -> tuple[int, int] | None:
    """(start, end) of the old value at `found` with the amount the KB glosses it with beside
    it in another measure ("a month (30 days)"), to be replaced as one by the new value
    (`glosses.glossed_span`); None when there is none, or the gloss is written anew: working
    days glossed in weeks (`workweeks.moved_glosses`), or the prompt's own gloss with the new
    prompt's words for the new value."""
    old = read_quantity(move.old)
    if old is not None and old.measure == "working":
        return None
    gloss = move_gloss(move)
    if gloss is not None and gloss.new is not None:
        return None
    return glossed_span(text, found)


def _replaceable(move: RuleMove, found: re.Match[str]) -> bool:
    """Whether the new value can be written in the form the KB gave the old one."""
    if found.re is _FIRST_UNIT:
        return first_unit_written(move.new, found) is not None
    if found.re is _BOTH:
        return spelled_value(move, found) is not None
    if _glossed(move, found) is not None:
        return worded_value(move, found) is not None
    like, old = quantity_at(found), read_quantity(move.old)
    if old is not None and old.measure == "working" and is_week_statement(found):
        return worded_value(move, found) is not None
    if like is not None and old is None and like.unit == "":
        return _count_word_value(move, found) is not None  # "a dozen" for a bare "12"
    if like is None or old is None:
        return True
    if not (like.worded or like.possessive or like.unit != old.unit or _worded(move)):
        return True
    return worded_value(move, found) is not None


def _worded(move: RuleMove) -> bool:
    old, new = read_quantity(move.old), read_quantity(move.new)
    return bool(old and new and (old.worded or new.worded))


TIME_WORDS = frozenset(
    stem(word)
    for word in [
        *("before", "after", "until", "till", "from", "since", "later", "earlier", "latest"),
        *("earliest", "time", "times", "day", "days", "today", "tomorrow", "tonight"),
        *("yesterday", "morning", "afternoon", "evening", "night", "same", "next", "previous"),
        *("hour", "hours", "minute", "minutes", "week", "weekday", "weekend"),
    ]
)
"""Words that place a time of day ("before 2pm the day before", "by noon tomorrow"): every
sentence stating a time has some, so they say nothing of which rule it states."""


_SECTION_WORDS = frozenset(
    stem(word)
    for word in (
        "policy", "policies", "rule", "rules", "customer", "customers", "general", "other",
        "information", "info", "notes", "help", "support", "service", "faq",
    )
)  # fmt: skip


def move_topic(move: RuleMove) -> set[str]:
    """What the moved rule is about: the content words of its old sentence but the value or
    term, and for a term, the noun right after it ("members" in "for Platinum members", which
    any sentence about Platinum members shares)."""
    topic = content_words(move.old_sentence) - content_words(move.old) - content_words(move.new)
    if len(topic) < 4 and move.section:
        # a short rule ("Riders must be 16 or over.") is about its section too ("Quad bike
        # treks"), its code aside ("(quad_trek)") left out
        topic |= content_words(re.sub(r"\([^()]*\)", " ", move.section)) - _SECTION_WORDS
    gloss = move_gloss(move)
    if gloss is not None:
        # the words the prompt glosses the value with say the value too ("(two weeks)")
        topic -= content_words(gloss.old.plain) | content_words(
            gloss.new.plain if gloss.new else ""
        )
    if move.added and move.old.endswith("%"):
        # the share's own words ("half as much again") say the value, not what it is about
        percent = float(move.old.removesuffix("%"))
        for said in share_words_in(percent, move.old_sentence):
            topic -= content_words(said.group(0))
    if read_clock_time(move.old) is not None:
        topic -= TIME_WORDS
    if move.kind == "term":
        after = re.search(rf"\b{re.escape(move.old)}\s+([A-Za-z]+)", move.old_sentence)
        if after:
            topic -= content_words(after.group(1))
    return topic


VALUE_CARRIERS = frozenset(
    stem(word)
    for word in ("within", "after", "before", "until", "under", "over", "up", "least", "about")
)
"""The words that introduce a value ("within 5 days", "24 hours before"): any rule with a
time or an amount says them, so they are no sign of which rule a sentence states."""

NO_SUBJECT = VALUE_CARRIERS | frozenset(
    stem(word)
    for word in [
        "around",
        "they",
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "who",
        "whom",
        "which",
        "what",
        "whether",
        "not",
        "tell",
        "told",
        "customer",
        "customers",
    ]
)
"""Words of a moved rule's sentence that say no subject: the words that introduce a value
("within 5 days"), pronouns, and the prompt's own voice ("tell the customer")."""


def value_subject(move: RuleMove) -> set[str]:
    """What a moved value is said about, as stems: the content words of the move's old prompt
    sentence but the values and the words that only carry them ("the money goes back to the
    card … within 5 working days" → money, goes, back, card, paid). A KB sentence that shares
    none of them ("we'll email you within 5 working days") states the same value about
    something else."""
    return move_topic(move) - NO_SUBJECT


def still_stating(moves: Sequence[RuleMove], sections: Mapping[str, Sequence[str]]) -> list[str]:
    """The sentences of the new prompt (`sections`: by section) that still state the old time
    of day a move moved, in another rule ("extras can be added until 2pm the day before" when
    same-day re-cleans moved from 2pm to 5pm): the old time stays true there."""
    olds = [move for move in moves if move.kind == "value" and read_clock_time(move.old)]
    moved = {move.new_sentence for move in moves}
    return [
        sentence
        for lines in sections.values()
        for sentence in lines
        if sentence not in moved and any(where_stated(move.old, sentence) for move in olds)
    ]


def kept_elsewhere(move: RuleMove, sentence: str, still: Sequence[str]) -> bool:
    """Whether a KB sentence stating a moved time's old value is about a rule of the new
    prompt that still states it (`still_stating`) rather than the moved one: it shares more
    words with that rule than with the moved sentence (a table of extras "Book by 2pm the day
    before" is the extras' cut-off, not the re-cleans'). Amounts are left to `move_topic`: a time
    of day recurs across a prompt's rules (opening hours, cut-offs) as few amounts do."""
    if move.kind != "value" or read_clock_time(move.old) is None:
        return False
    words = content_words(sentence) - TIME_WORDS
    own = len(move_topic(move) & words)
    return any(
        len((content_words(other) - content_words(move.old) - TIME_WORDS) & words) > own
        for other in still
        if where_stated(move.old, other)
    )


def states_old_rule(move: RuleMove, sentence: str) -> bool:
    """Whether a KB sentence states the rule `move` changed, the old way."""
    if _parts_moved(move):
        # a value of three parts or more, a digit among them, said whole: the value is its
        # own sign of the topic
        return bool(parts_statements(move.old, sentence))
    topic = move_topic(move)
    said = content_words(sentence)
    shared = topic & said
    # "spent" of the prompt is "spend" of the KB: a verb's past form is its base too
    shared |= {word for word in topic - shared if base_verb(word) in said - shared}
    # "deliver" of the KB is "delivery" of the prompt: a verb and its noun in "-y"
    shared |= {word for word in topic - shared if any(y_noun(word, other) for other in said)}
    # the prompt's own gloss of the value ("about a week" for "5 working days (a week)") is
    # one sign of the topic, its words none (`move_topic`): one other word with it
    needed = 1 if shared and said_as_gloss(move, sentence) else 2
    if (
        len(shared) < needed
        and len(shared) + other_values_said(move, sentence, shared) + same_line_said(move, sentence)
        < needed
    ):
        return False
    if move.subject:
        return subject_value(move, sentence) is not None
    if move.others and _keeps_old(move, sentence):
        return False
    if move.share and move.added:
        # an aside with the new amount beside the old share leaves the old share stated
        return states_share(move, sentence)
    if move.share:
        return states_share(move, sentence) and not where_stated(move.new, sentence)
    if claims_of_another(move, sentence):
        return False  # "Gift wrapping is free on every order" beside engraving bounded
    if move.kind == "value":
        return bool(old_in_own_clause(move, sentence)) and not _other_rate(move, sentence)
    if re.search(rf"\b{re.escape(move.added_term)}\b", sentence, re.I):
        return False
    return re.search(rf"\b{re.escape(move.old)}\b", sentence) is not None


def y_noun(one: str, other: str) -> bool:
    """Whether one word is the other with "y" after it ("deliver", "delivery"), five letters
    or more before it."""
    short, long = sorted((one, other), key=len)
    return len(short) >= 5 and long == short + "y"


@lru_cache(maxsize=512)
def _other_values(move: RuleMove) -> tuple[str, ...]:
    """The times of day, sets of days and amounts the move's old prompt sentence states
    beside its moved value, as the prompt writes them ("9am" and "Monday to Friday" of
    "Monday to Friday: 9am to 6pm" when 6pm moved)."""
    text = move.old_sentence[:_MAX_CLAUSE_SCAN]
    moved = {(found.start(), found.end()) for found in where_stated(move.old, text)}

    def apart(start: int, end: int) -> bool:
        return not any(start < b and a < end for a, b in moved)

    values = [t.text for t in find_clock_times(text) if apart(t.start, t.end)]
    values += [found.group(0) for found, _ in day_sets_said(text) if apart(*found.span())]
    values += [m.group(0) for m in quantity_matches(text) if apart(*m.span())]
    # a price beside the moved value ("visitors aged 65 and over pay £11"): a row or sentence
    # giving the same price beside the old value is on the same rule
    values += [m.group(0) for m in _PRICE.finditer(text) if apart(*m.span())]
    return tuple(dict.fromkeys(value.strip() for value in values if value.strip()))


_PRICE = re.compile(r"(?<![\w.])[$€£]\d{1,7}(?:,\d{3})*(?:\.\d{2})?(?![\d,])")


_MAX_CLAUSE_SCAN = 2000


def other_values_said(move: RuleMove, sentence: str, shared: set[str]) -> int:
    """How many of `_other_values` a KB sentence states in a form of its own, the way a
    reader of values reads it ("9 till 6 on weekdays" for "Monday to Friday: 9am to 6pm":
    9am as a span's start, Monday to Friday as weekdays), each a sign of the topic as a shared
    word is; a value whose words the sentence already shares counts once, as those words.
    With no shared word of the topic but the values' own, only the values said in the moved
    value's own span count (`_in_moved_span`)."""
    if move.kind != "value" or len(sentence) > _MAX_CLAUSE_SCAN:
        return 0
    values = _other_values(move)
    moved = value_statements(move, sentence) if values else []
    if not moved:
        return 0  # only a sentence stating the moved value itself is read for the others
    valued = {word for value in values for word in content_words(value)}
    if not shared - valued:
        # with no word of the topic but the values' own ("9am"), only the moved value's own
        # span says it ("9 till 6", "9am–6pm") and the days that span is said on ("9 till 6
        # on weekdays"): other values elsewhere in the sentence ("from 9am, with the last van
        # leaving at 6pm") are another rule's that happen to agree
        spanned = _in_moved_span(values, sentence, moved)
        return sum(1 for value in spanned if not content_words(value) & shared)
    said = 0
    joints = [joint.start() for joint in _CLAUSE_JOINT.finditer(sentence)]

    def clause_of(at: int) -> int:
        return sum(1 for joint in joints if joint < at)

    clauses = {clause_of(found.start()) for found in moved}
    for value in values:
        if content_words(value) & shared:
            continue
        stated = where_stated(value, sentence)
        if _PRICE.fullmatch(value):
            # a price is a sign only in the moved value's own clause: "Over-65s get 10% off,
            # and a pot of tea is £11" gives the same price to another subject
            stated = [found for found in stated if clause_of(found.start()) in clauses]
        if stated:
            said += 1
    return said


_SPAN_GAP = re.compile(r"\s{0,3}(?:[-–—]|to|till|til|until|through|and)\s{0,3}", re.I)
_BESIDE_GAP = re.compile(r"[\s,:;]{0,3}(?:(?:on|from|every)\s{1,3})?", re.I)


def _in_moved_span(
    values: Sequence[str], sentence: str, moved: Sequence[re.Match[str]]
) -> list[str]:
    """The `values` a sentence states as the other end of the moved value's span ("9" of "9
    till 6" when 6pm moved) and, once it has one, those said right beside that span ("on
    weekdays" of "9 till 6 on weekdays", "Monday to Friday:" of "Monday to Friday: 9am to
    6pm")."""
    spans = [found.span() for found in moved]
    found_at = {value: [m.span() for m in where_stated(value, sentence)] for value in values}

    def joined(a: tuple[int, int], b: tuple[int, int], gap: re.Pattern[str]) -> bool:
        first, second = sorted((a, b))
        return first[1] <= second[0] and gap.fullmatch(sentence, first[1], second[0]) is not None

    partners = {
        value: [at for at in found_at[value] if any(joined(s, at, _SPAN_GAP) for s in spans)]
        for value in values
    }
    ends = [value for value in values if partners[value]]
    if not ends:
        return []
    span = [*spans, *(at for value in ends for at in partners[value])]
    lo, hi = min(a for a, _ in span), max(b for _, b in span)
    beside = [
        v
        for v in values
        if v not in ends and any(joined((lo, hi), at, _BESIDE_GAP) for at in found_at[v])
    ]
    return ends + beside


def subject_value(move: RuleMove, sentence: str) -> re.Match[str] | None:
    """Where a sentence states the old value of the subject a joined move is about: right
    after the subject ("dogs under 8 years old"), or in the subject's column of a table row
    read with its header ("| Treatment | Dogs | Cats | | Dental | Under 8 years | Under 10
    years |"), or as the only value of a row that names no subject."""
    pattern = _value_pattern(move.old)
    subject = re.escape(move.subject.lower().removesuffix("s"))
    named = re.compile(rf"\b{subject}s?\b", re.I)
    rows = re.split(r"(?<=\|)\s+(?=\|)", sentence.strip())
    if len(rows) == 2 and all(row.startswith("|") for row in rows):
        header, body = row_cells(rows[0]), row_cells(rows[1])
        columns = [i for i, cell in enumerate(header) if named.fullmatch(cell)]
        if len(header) != len(body) or len(columns) != 1:
            return None
        cell = body[columns[0]]
        found = pattern.search(cell)
        if found is None:
            return None
        start = sentence.index(cell, len(rows[0])) + found.start()
        return pattern.search(sentence, start)
    for place in named.finditer(sentence):
        window = re.match(r"[^.;:|,]{0,40}", sentence[place.end() :])
        end = place.end() + (len(window.group(0)) if window else 0) + 1
        found = pattern.search(sentence, place.end(), end)
        if found:
            return found
    stated = list(pattern.finditer(sentence))
    if sentence.lstrip().startswith("|") and not named.search(sentence) and len(stated) == 1:
        return stated[0]
    return None


def closest_move(moves: Sequence[RuleMove], sentence: str) -> RuleMove | None:
    """Of the moves whose old rule `sentence` states, the one whose prompt sentence it is most
    like."""
    stating = [move for move in moves if states_old_rule(move, sentence)]
    # a move whose old value the sentence states outright, before one it states only in
    # the words the prompt glossed a value with (that gloss, moved, is a move of its own)
    stating = [
        move
        for move in stating
        if where_stated(move.old, sentence) or line_statements(move, sentence)
    ] or stating
    words = content_words(sentence)
    best = max(stating, key=lambda m: len(content_words(m.old_sentence) & words), default=None)
    if best is None:
        return None
    # one line moved in several prompt sentences (both bands it ends: "Up to 6 students:
    # $40" and "Over 6 and up to 12 students: $30"): the one whose other values the sentence
    # states too ("From six to twelve students it's $30")
    same = [m for m in stating if (m.kind, m.old, m.new) == (best.kind, best.old, best.new)]
    return max(
        same,
        key=lambda m: (_shared_values(m, sentence), len(content_words(m.old_sentence) & words)),
    )


def moves_for(moves: Sequence[RuleMove], sentence: str) -> list[RuleMove]:
    """The moves to apply to a KB sentence stating an old rule: every move of the prompt
    sentence it is most like whose old value it states ("$100 to $1,000 … 6 monthly
    instalments" → "$100 to $2,500 … 12 monthly instalments"); for a heading that only states
    the value, the value moves that match."""
    # a prompt sentence that states one value twice (both bounds of a band: "$20,000 to
    # $60,000 … over $60,000") moves it twice; the KB sentence takes it once
    moves = list(dict.fromkeys(moves))
    best = closest_move(moves, sentence)
    if best is None:
        stating = [
            move
            for move in moves
            if move.kind == "value"
            and (
                value_statements(move, sentence)
                or line_statements(move, sentence)
                or states_complement(move.old, move.new, move.old_sentence, sentence)
            )
        ]
        # of prompt sentences moving the same value, the one whose other values the sentence
        # states too ("From five to twenty miles it's £15" of "Over 5 miles and up to 20
        # miles: £15", not of "Up to 5 miles: free")
        return sorted(stating, key=lambda move: -_shared_values(move, sentence))[:1]
    chosen = [
        move
        for move in moves
        if move.old_sentence == best.old_sentence
        and (move is best or (move.kind == "value" and where_stated(move.old, sentence)))
    ]
    # the prompt's gloss moved too ("10 business days (two weeks)" → "15 … (three weeks)"):
    # a sentence stating the amount once ("about two weeks") takes one of the two moves
    spans: set[tuple[int, int]] = set()
    kept = set()
    # the longer values first, whatever order the prompt gave them in
    for move in sorted(chosen, key=lambda move: -len(move.old)):
        found = (
            {m.span() for m in where_stated(move.old, sentence)} if move.kind == "value" else set()
        )
        # a value said inside another move's ("24" of "24 hours" beside "sla_hours 24") is
        # the same mention: the sentence takes the longer move alone
        if found and all(any(s <= a and b <= e for s, e in spans) for a, b in found):
            continue
        spans |= found
        kept.add(move)
    return [move for move in chosen if move in kept]


def _shared_values(move: RuleMove, sentence: str) -> int:
    """How many of the values a move's old prompt sentence states, other than the moved one,
    `sentence` states too, in any form `where_stated` reads (digits or words)."""
    values = {
        token
        for token in rule_tokens(move.old_sentence)
        if _VALUE.match(token) and token not in (move.old, move.new)
    }
    return sum(1 for value in values if where_stated(value, sentence))


_BOUND = re.compile(
    r"\b(?:below|under|over|above|less than|more than|fewer than|up to|at least|at most|"
    r"beyond|past|after|younger than|older than)(?:\s+|-)(?:\*\*|__)?$",
    re.I,
)


def states_bound(move: RuleMove, sentence: str) -> bool:
    """Whether a sentence states a value move's old value as a line ("Below $50, …", "over
    2 weeks") and not its new one: the other side of a threshold a sentence beside it draws."""
    if move.kind != "value" or move.subject or where_stated(move.new, sentence):
        return False
    # a span of times of day is mostly hours of opening, not a line ("from 9am to 2pm")
    spans = read_clock_time(move.old) is None
    return any(
        _BOUND.search(sentence[: found.start()]) or (spans and spans_from(sentence, found))
        for found in where_stated(move.old, sentence)
    )


_SPAN_START = re.compile(r"\b(?:from|between)\s+(?:\*\*|__)?$", re.I)
_SPAN_JOINT = re.compile(r"^(?:\*\*|__)?\s*(?:to|and|-|–|—)\s*(?:\*\*|__)?", re.I)
_CARDINAL_WORDS = "|".join(sorted(CARDINALS, key=len, reverse=True))
_SPAN_NUMBER = re.compile(rf"[$€£]?\d|(?:{_CARDINAL_WORDS})\b", re.I)
_SPAN_END = re.compile(
    rf"\b(?:from|between)\s+(?:\*\*|__)?(?:[$€£]?\d[\d,.]*|(?:{_CARDINAL_WORDS}))"
    r"(?:\*\*|__)?\s*(?:to|and|-|–|—)\s*(?:\*\*|__)?$",
    re.I,
)


def spans_from(sentence: str, found: re.Match[str]) -> bool:
    """Whether a value `found` in `sentence` is one end of a span that sentence names ("From
    five to twenty miles", "between 2 and 5 days"): a band whose end is that line."""
    before, after = sentence[: found.start()], sentence[found.end() :]
    if _SPAN_START.search(before):
        joint = _SPAN_JOINT.match(after)
        return joint is not None and _SPAN_NUMBER.match(after, joint.end()) is not None
    return _SPAN_END.search(before) is not None


def bound_on_topic(moves: Sequence[RuleMove], move: RuleMove, sentence: str) -> bool:
    """Whether a sentence stating a moved value's line from its other side (`states_bound`)
    is about what a prompt sentence moving that value is about: it shares a content word with
    one ("Below $50, we charge $4.99 per delivery." with "Delivery is free on baskets of $50 or
    more."). "Under-14s get 10% off climbing shoes", beside the age for climbing alone, is
    another topic that happens to draw the same line."""
    words = content_words(sentence)
    # the words naming a subset's kind ("orders" of "for orders with plants") are shared by any
    # sentence about that kind of thing ("orders over £50 ship free" of delivery charges)
    return any(
        _kin(move_topic(other) - content_words(other.scope), words)
        for other in moves
        if other.kind == "value" and other.old == move.old
    )


def _kin(topic: set[str], words: set[str]) -> bool:
    """Whether two sets of content stems share a word or a word's family: one stem of five
    letters or more begins the other ("cancel" of "Cancel at least 24 hours before" and
    "cancellation" of "Cancellations with less than 24 hours' notice pay a fee")."""
    return any(
        a == b or (min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a)))
        for a in topic
        for b in words
    )


_CLAUSE_JOINT = re.compile(
    r"\s*(?:;|,\s+(?:so|and|but|because|as|which|while|then|unless|though|although)\b)", re.I
)
"""Where a clause of a sentence ends and another, following from or adding to it, begins."""
_COUNTED = re.compile(
    r"(?:\s+(?!(?:at|a|an|the|per|in|on|for|to|of|with|by|from|each|every|or|and|is|are)\b)"
    r"[A-Za-z][\w'’-]*){1,3}",
    re.I,
)
"""The words after a count that name what it counts ("court bookings" of "4 court bookings at
a time")."""


def rewrite_sentence(move: RuleMove, raw: str, scope: str | None = None) -> str | None:
    """`raw` with the new rule in its own words, or None when it does not state the old one.

    `scope` (e.g. "electronics"): the move holds only there, so the new value is added for it
    and the old one stays for everyone else. Working days glossed in weeks ("five working
    days (one working week)") move with their gloss."""
    if not scope and move.kind == "value" and (pair := _pair_split(move, raw)) is not None:
        return pair
    written = _rewrite_sentence(move, raw, scope)
    if written is not None and not scope and move.kind == "value":
        # "… three swims …, the booking page won't let you add a fourth": one past the count
        written = moved_next_ordinal(raw, written, move.old, move.new)
    old, new = read_quantity(move.old), read_quantity(move.new)
    if written is None or scope or old is None or new is None or old.measure != "working":
        return written
    return moved_glosses(old, new, written)


_LINE_LABEL = re.compile(r"^\s*(?:[-*+]\s+)?(?P<label>[A-Za-z][\w'’ -]{0,40}?):\s")
_PAIR_TAIL = re.compile(
    r"\s+for\s+(?P<first>(?:an?|the)\s+[\w'’-]+(?:\s+[\w'’-]+){0,3}?)\s+or\s+"
    r"(?P<second>(?:an?|the|any)\s+[\w'’-]+(?:\s+[\w'’-]+){0,3}?)(?=\s*[,;.]|$)",
    re.I,
)
"""A value's two cases, each with its article ("for a terraced house or a bungalow"): never
one thing with another ("for a house and a garage") nor a clause ("… and includes …")."""


def _pair_split(move: RuleMove, raw: str) -> str | None:
    """A value said for two cases at once where the prompt's labelled line moved it for one
    ("£45 for a terraced house or a bungalow" of "Terraced house: £45" → "£55"): the new
    value for the moved case and the old one for the other ("£55 for a terraced house, £45
    for a bungalow"). None when no statement of the old value is followed by such a pair, or
    the line's label names both or neither."""
    label = _LINE_LABEL.match(move.old_sentence)
    if label is None:
        return None
    named = content_words(label.group("label"))
    for found in where_stated(move.old, raw):
        tail = _PAIR_TAIL.match(raw, found.end())
        if tail is None:
            continue
        first, second = tail.group("first"), tail.group("second")
        if not named or not named <= content_words(first) or named <= content_words(second):
            continue
        new = new_value(move, found)
        said = f"{new} for {first}, {found.group(0)} for {second}"
        return raw[: found.start()] + said + raw[tail.end() :]
    return None


_LINK_WORDS = frozenset(
    ["for", "of", "the", "a", "an", "on", "with", "and", "or", "to", "in", "at"]
)


def _case_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _LINK_WORDS}


def _names_label(move: RuleMove, raw: str) -> bool:
    """Whether `raw` names every word of a narrowed move's case where the old prompt sentence
    named that case too (a line of a list by case: "highlands_islands (the Scottish Highlands
    and islands): …"): a sentence about that case alone."""
    mine = _case_words(move.scope)
    return bool(mine) and mine <= _case_words(move.old_sentence) and mine <= _case_words(raw)


_NAME = re.compile(r"(?<=[\w,;)'’\"”] )[A-Z][a-z]+(?:[-'’][A-Za-z]+)?\b")
"""A capitalised word inside a sentence, after another word: a name ("Jersey")."""
_NOT_NAMES = frozenset(
    re.findall(
        r"\w+",
        "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays "
        "thursdays fridays saturdays sundays january february march april may june july "
        "august september october november december i",
    )
)
"""Capitalised words naming no case: days, months."""


def in_frame(frame: CaseFrame, raw: str, scope: str) -> bool:
    """Whether `raw` is about what a list by case is about and names no other case than the
    moved one: it names none of the other lines' cases nor a name the section never says,
    and shares a word with the heading, or is a table row keyed by the case and the topic,
    or shares a word with the section's other sentences and none with another section's
    heading ("sample packs … arrive" beside "## Samples")."""
    raw = re.sub(r"\{\{[^{}]{0,200}\}\}|\{%[^{}]{0,200}%\}", " ", raw)  # a template's field
    words = content_words(raw)
    if shares_stem(words, frame.cases):
        return False
    if any(
        name.lower() not in frame.known and name.lower() not in _NOT_NAMES
        for name in _NAME.findall(raw)
    ):
        return False
    if shares_stem(words, frame.heading):
        return True
    row = _ROW_TABLE.match(raw.strip())
    if row is not None:
        key = content_words(row.group("key"))
        topic = content_words(scope) | frame.heading | frame.section
        return bool(key) and all(shares_stem({word}, topic) for word in key)
    return shares_stem(words, frame.section) and not shares_stem(words, frame.elsewhere)


def shares_stem(words: Set[str], others: Set[str], least: int = 4) -> bool:
    """Whether a word of `words` is one of `others`, stems cut short either way ("sampl",
    "sample"; "complain", "complaint") counting as one when the shorter has `least` letters
    or more."""
    return any(
        word == other
        or (
            min(len(word), len(other)) >= least
            and (word.startswith(other) or other.startswith(word))
        )
        for word in words
        for other in others
    )


def range_unit(raw: str, found: re.Match[str]) -> str:
    """The unit right after a range `found` states ("2-3 working days" → " working days")."""
    unit = re.match(
        r"\s(?:(?:working|business|calendar)\s)?"
        r"(?:days?|weeks?|months?|hours?|minutes?|nights?|years?)\b",
        raw[found.end() : found.end() + 30],
    )
    return unit.group(0) if unit is not None else ""


def _names_words(raw: str, phrase: str, old_sentence: str, other: str = "") -> bool:
    """Whether `raw` names every word of `phrase` that neither the old prompt sentence nor the
    `other` case's words say ("gold" of "for gold-card holders"; "more" of "for
    members of five years or more" beside "for members of less than five years"), and not
    every word only the other case says: the case `phrase` names."""
    words = _case_words(raw)
    mine = _case_words(phrase) - _case_words(old_sentence)
    theirs = _case_words(other) - _case_words(old_sentence)
    own, others_own = mine - theirs, theirs - mine
    if not own or not own <= words:
        return False
    return not (others_own and others_own <= words)


def _parts_moved(move: RuleMove) -> bool:
    return move.kind == "value" and is_parts_value(move.old) and is_parts_value(move.new)


_PARTS_LEAD_END = re.compile(r"[.!?](?=\s)|\n|\|")
_PLACEHOLDER = re.compile(r"\{\{[^{}]{0,200}\}\}")


def _parts_of_another(move: RuleMove, raw: str, found: re.Match[str]) -> bool:
    """Whether the words before a value of parts in its own sentence (or line, or cell) give
    it another function than the rule's: they say something, and no word of the prompt's old
    or new sentence ("Our registered office is Unit 4, …" when returns went there). The
    value then outlives the move there: a writer's, never the new value in its place."""
    near = max(found.start() - 300, 0)
    start = max((m.end() for m in _PARTS_LEAD_END.finditer(raw, near, found.start())), default=near)
    words = {word[:5] for word in content_words(_PLACEHOLDER.sub(" ", raw[start : found.start()]))}
    if not words:
        return False  # a block's line or a cell of its own: the value alone
    said = {word[:5] for word in content_words(f"{move.old_sentence} {move.new_sentence}")}
    return not words & said


def _rewrite_sentence(move: RuleMove, raw: str, scope: str | None) -> str | None:
    if _parts_moved(move):
        # a value of parts, written in the KB's layout of the old one (one line, lines)
        stated = parts_statements(move.old, raw)
        if (
            not stated
            or scope
            or move.scope
            or any(_parts_of_another(move, raw, each) for each in stated)
        ):
            return None
        for each in reversed(stated):
            written = parts_written(move.old, move.new, each.group(0))
            if written is None:
                return None
            raw = raw[: each.start()] + written + raw[each.end() :]
        return raw
    if move.kind == "term":
        pattern = re.compile(rf"\b{re.escape(move.old)}\b")
        if not pattern.search(raw):
            return None
        return pattern.sub(move.new, raw, count=1)
    if move.share and move.added and not shares(move.old, raw):
        # a share added on top of a price: the addition says the amount, the price stays
        return rewrite_added(move.old, move.new, raw)
    if move.share:
        # the whole share goes ("20% of that box's price" → "$10"), never the number alone
        found_shares = shares(move.old, raw)
        if not found_shares or len(where_stated(move.old, raw)) != len(found_shares):
            return None
        for each in reversed(found_shares):
            end = each.start() + len(each.group(0).rstrip())
            raw = raw[: each.start()] + move.new + raw[end:]
        return raw
    rated = _rate_rewrite(move, raw) if not (scope or move.scope or move.subject) else None
    if rated is not None:
        # a price per something else now ("£10 per dog per night" → "£25 per stay"): the
        # amount moves with what it is per, in the sentence's own words for the amount
        return rated or None
    stated = old_statements(move, raw)
    found = stated[0] if stated else None
    complement_only = not (stated or scope or move.scope or move.subject)
    if complement_only and states_complement(move.old, move.new, move.old_sentence, raw):
        # only the limit's other side ("| Private tour | 11 guests or more |"): it moves alone
        return move_complement(raw, move.old, move.new, move.old_sentence)
    if move.subject:
        # only the subject's value moves; the other subjects' stay, and the subject is its
        # own scope
        at = subject_value(move, raw)
        if at is None or _SPELLED.search(raw):
            return None
        return raw[: at.start()] + new_value(move, at) + raw[at.end() :]
    # the limit's other side in words ("eleven or more") moves with it below
    beside = without_worded_complement(raw, move.old, move.new, move.old_sentence)
    spelled = _SPELLED.search(
        _other_counts(move, _kept_bounds(move, _other_measures(move, _outside(beside, stated))))
    )
    if stated and all(each.re is DAY_SETS for each in stated):
        spelled = None  # a set of days said whole ("six days a week"): no other number's
    if _ORDINAL.fullmatch(move.old) and _ORDINAL.fullmatch(move.new):
        spelled = None  # a count in words ("two of our team") is no rank ("the 2nd floor")
        if _counts_to_ordinal(move.old, raw):
            # "wash 5 times and the 5th wash is free": the count is the rank's too, and
            # moving one alone contradicts the other: a writer's
            return None
    if stated and all(is_claim_statement(each) or is_unit_statement(each) for each in stated):
        spelled = None  # a claim or a count with its unit: no other number moves with it
    if any(is_claim_statement(each) and _claim_joined(move, raw, each) for each in stated):
        # "Gift wrapping and engraving are free on every order": bounded whole, the claim
        # would be false for the other thing; bounded alone, the sentence says both: a writer's
        return None
    if found is None or (spelled and clock_at(found) is None and found.re is not BARE_HOUR):
        # a count in words glossed by its digits ("four bookings (4)") moves both; any other
        # number also written in words ("two hundred dollars ($200)") would contradict the
        # new value: a writer restates it
        glossed = rewrite_glossed(raw, move.old, move.new, scope) if not move.scope else None
        words = glossed_words(raw, move.old) or ""
        if glossed is None or len(_SPELLED.findall(beside)) != len(_SPELLED.findall(words)):
            return None
        return glossed if scope else move_complement(glossed, move.old, move.new, move.old_sentence)
    if not all(_replaceable(move, each) for each in stated):
        return None
    if len(stated) > 1 and any(
        each.re is MONEY_WORDS and money_written_like(move.new, each) is None for each in stated
    ):
        # a price in words that words cannot move ("two hundred dollars ($200)" to $500.50)
        # beside another statement of it: the prompt's digits in its place would say the new
        # price twice ("$500.50 ($500.50)"): a writer restates it
        return None
    if move.frame is not None and not in_frame(move.frame, raw, move.scope):
        # another topic stating the same value ("sample packs arrive in 2-3 working days"),
        # or another case of the list ("orders to Jersey also take 2-3 working days")
        return None
    if move.narrowed and not move.rest and _names_label(move, raw):
        # a line of a list by case moved: a sentence naming that case takes its new value
        plain = RuleMove(
            move.hunk_id, move.old_sentence, move.new_sentence, move.old, move.new, "value"
        )
        return _rewrite_sentence(plain, raw, None)
    if move.narrowed and _names_words(raw, move.scope, move.old_sentence, move.rest):
        # a sentence about the subset alone takes its value in place of the old one
        plain = RuleMove(
            move.hunk_id, move.old_sentence, move.new_sentence, move.old, move.new, "value"
        )
        return _rewrite_sentence(plain, raw, None)
    if move.narrowed and move.rest and _names_words(raw, move.rest, move.old_sentence, move.scope):
        return raw  # about the rest, who keep the old value
    if move.narrowed and move.rest and not raw.lstrip().startswith(("|", "#")):
        # the old value said for whom the new prompt keeps it, the subset's beside it, where
        # the clause stating it ends: "borrowed for 21 days for members of less than five
        # years (42 days for members of five years or more)"
        end = len(raw.rstrip().rstrip(".!?*_"))
        joint = _CLAUSE_JOINT.search(raw, found.end(), end)
        end = joint.start() if joint else end
        return f"{raw[:end]} {move.rest} ({move.new} {move.scope}){raw[end:]}"
    if move.scope:
        # the prompt's own aside, right after the value it qualifies: "more than 14 days (30
        # days on annual plans) ago"; a bare range's unit stays with it ("2-3 working days
        # (3-5 working days for …)")
        end = found.end()
        unit = range_unit(raw, found) if _RANGE.fullmatch(move.old) else ""
        end += len(unit)
        closing = re.match(r"\*\*|__", raw[end:])
        end += closing.end() if closing else 0
        return f"{raw[:end]} ({move.new}{unit} {move.scope}){raw[end:]}"
    if scope:
        end = len(raw.rstrip().rstrip(".!?*_"))
        if raw.lstrip().startswith("|") or len(_NUMBER.findall(raw)) > 1:
            # in a table's cell, or beside another number the aside would seem to qualify
            # ("past week 2 of your course, there is a $60 fee"): right after the value
            end = found.end()
        elif raw.lstrip().startswith("#"):
            # a heading takes it beside what it counts: "## Up to 4 bookings (6 for verified
            # members) at a time"
            counted = _COUNTED.match(raw, found.end())
            end = counted.end() if counted else found.end()
        else:
            # the clause that states the value ends before what follows from it: "up to 4
            # bookings (6 for verified members), so I haven't booked them all"
            joint = _CLAUSE_JOINT.search(raw, found.end(), end)
            end = joint.start() if joint else end
        return f"{raw[:end]} ({move.new} for {scope}){raw[end:]}"
    line = line_object(move.old_sentence, move.new_sentence, move.old, move.new)
    if line is not None and not move.others:
        # the new value holds only past a line the old one knew nothing of ("£5 off orders
        # of £30 or more"): what the KB says the old value held on goes for the line, or a
        # writer says it
        lined = with_line_object(raw, stated[-1].end(), line) if len(stated) == 1 else None
        if lined is None:
            return None
        raw = lined
    for each in reversed(stated):
        value = new_value(move, each)
        span = kb_glossed_span(move, raw, each)
        if span is not None:
            raw = raw[: span[0]] + value + raw[span[1] :]
            continue
        after = _unit_agreeing(each.group(0), value, raw[each.end() :])
        if _PAIR_WORDS.fullmatch(each.group(0).strip()) and not _PAIR_WORDS.match(value):
            after = re.sub(r"^\s+of\b", "", after)
        # the old value in another unit ("(6 ft 7 in)") goes with it; another amount in
        # brackets ("2 bags (23 kg)") is another fact
        said = "" if is_equal_statement(each) else each.group(0)
        if said and glossed_otherwise(after, 0, said):
            return None
        converted = conversion_span(after, 0, said)
        if converted is not None:
            after = after[: converted[0]] + after[converted[1] :]
        raw = raw[: each.start()] + value + after
    # the limit's other side moves with it: "a maximum of 8 guests, so groups of 9 or more"
    return move_complement(raw, move.old, move.new, move.old_sentence)


_UNIT_AFTER = re.compile(
    r"^(?P<lead>\s+(?:(?:working|business|calendar|full|clear)\s+)?)"
    r"(?P<unit>minute|hour|day|night|week|month|year)(?P<plural>s?)\b"
)


def _unit_agreeing(old: str, value: str, after: str) -> str:
    """The text after a number that replaced `old`, with the time unit right after it in
    the new number's grammar where the old one's was: "2 working days" → "1 working day",
    "1 day" → "3 days" ("a 2 day pass" keeps its "day")."""
    found = _UNIT_AFTER.match(after)
    if found is None or not re.fullmatch(r"\d+(?:\.\d+)?", value.strip()):
        return after
    was = "" if old.strip() == "1" else "s"
    plural = "" if value.strip() == "1" else "s"
    if found.group("plural") != was or plural == was:
        return after
    rest = after[found.end() :]
    word = re.match(r"\s+([a-z]+)\b", rest)
    if plural and word is not None and word.group(1) not in _AFTER_A_NOUN:
        return after  # "a 1 day pass": the unit is the next noun's adjective
    return after[: found.end("unit")] + plural + rest


_AFTER_A_NOUN = frozenset(
    [
        "to",
        "of",
        "from",
        "for",
        "and",
        "or",
        "before",
        "after",
        "ago",
        "later",
        "in",
        "at",
        "on",
        "by",
        "with",
        "until",
    ]
)


def _naming(phrase: str, other: str) -> list[re.Pattern[str]]:
    """The words of `phrase` that `other` does not share, as a KB may write them ("full-time"
    also "full time"): what names the category of `phrase` and not that of `other`."""
    shared = content_words(other)
    return [
        re.compile(r"\b" + r"[\s-]?".join(map(re.escape, re.split(r"[\s-]+", word))) + r"\b", re.I)
        for word in re.findall(r"[A-Za-z][\w'’-]*", phrase)
        if content_words(word) - shared
    ]


def _names_category(text: str, naming: Sequence[re.Pattern[str]]) -> bool:
    return any(pattern.search(text) for pattern in naming)


def states_value(value: str, text: str) -> bool:
    """Whether `text` states `value` in any of the forms a KB writes it (`where_stated`)."""
    return bool(where_stated(value, text))


_WORKED = re.compile(
    r",?\s{0,3}(?:so|which\s+(?:means|makes|comes\s+to)|making|that's|that\s+is)\b"
    r"[^.;!?\n]{0,160}?(?:[$€£]\s?\d|\b\d[\d,.]*\s{0,2}(?:pounds?|dollars?|euros?)\b)"
    r"[^.;!?\n]{0,80}",
    re.I,
)
"""A total worked out from the rate said before it (", so two dogs on a week's cruise come to
£140"): untrue once the rate is per something else."""
_RATE_TAIL_MAX = 90


def _new_rate_tail(move: RuleMove) -> str | None:
    """What the new prompt sentence says the new amount is per, as it says it (" per stay"),
    with the claim for every case it goes on with (", whatever the number of dogs and however
    many nights"); None when it says it per nothing it can be read as."""
    found = where_stated(move.new, move.new_sentence)
    if len(found) != 1:
        return None
    units, end = rate_units(move.new_sentence, found[0].end())
    tail = move.new_sentence[found[0].end() : end]
    rest = re.match(
        r",\s{1,3}(?:whatever|however|regardless|no\s+matter|whichever)\b[^.;:!?`()]*",
        move.new_sentence[end:],
    )
    if rest is not None and len(tail) + len(rest.group(0)) <= _RATE_TAIL_MAX:
        tail += rest.group(0).rstrip()
    return tail if units else None


def _rate_rewrite(move: RuleMove, raw: str) -> str | None:
    """`raw` with each statement of the old amount and what it was per said as the new amount
    per what the new prompt says ("ten pounds a night for each dog" → "twenty-five pounds per
    stay, whatever the number of dogs and however many nights"), a total worked out from the
    old rate after it gone; "" when it states the old amount per something else or per nothing
    (a writer's); None when the move keeps what the amount is per (the other writers')."""
    if move.kind != "value" or not move.old_sentence or not move.new_sentence:
        return None
    old = rate_stated(move.old, move.old_sentence)
    if not old or rate_stated(move.new, move.new_sentence) in (old, frozenset()):
        return None
    tail = _new_rate_tail(move)
    stated = where_stated(move.old, raw)
    if tail is None or not stated:
        return None
    for found in reversed(stated):
        units, end = rate_units(raw, found.end())
        if not same_rate(units, old):
            return ""
        worked = _WORKED.match(raw, end)
        end = worked.end() if worked is not None else end
        raw = raw[: found.start()] + new_value(move, found) + tail + raw[end:]
    return raw


def _other_rate(move: RuleMove, sentence: str) -> bool:
    """Whether a sentence states the moved amount per two things or more, one of them not
    what the moved rule's old sentence says it per ("$5 per locker, per day" when wetsuits
    were $5 per wetsuit per day): the same amount, another rate."""
    if not move.old_sentence or not _RATE_HINT.search(sentence):
        return False
    old = rate_stated(move.old, move.old_sentence)
    said = rate_stated(move.old, sentence) - {"each"}
    # two units each, one of them another ("per locker, per day" beside "per wetsuit per
    # day"): one unit said another way ("a head" for "per person") is no other rate
    return len(old) >= 2 and len(said) >= 2 and not same_rate(said, old)


_RATE_HINT = re.compile(r"\b(?:per|each|every|an?)\s", re.I)


def rate_stated(value: str, text: str) -> frozenset[str]:
    """What `text` says `value` is per, wherever it states it ({"dog", "night"} of "£10 per
    dog per night" and of "ten pounds a night for each dog"): `wordamounts.rate_units`."""
    said: set[str] = set()
    for found in where_stated(value, text):
        said |= rate_units(text, found.end())[0]
    return frozenset(said)


def rate_apart(move: RuleMove, sentence: str, other: str) -> bool:
    """Whether a KB sentence states the moved value per what the moved rule's old sentence
    said it per and `other` (a kept prompt sentence with the same value) says it per
    something else: "£10 each for every night" is the dogs' £10 per dog per night, not the
    bikes' £10 per bike per day."""
    said = rate_stated(move.old, sentence)
    if not said:
        return False
    old, kept = rate_stated(move.old, move.old_sentence), rate_stated(move.old, other)
    return same_rate(said, old) and bool(kept) and not same_rate(said, kept)


_BOUND_WORDS = frozenset(
    stem(word)
    for word in (
        "over", "under", "above", "below", "least", "most", "more", "less", "fewer", "older",
        "younger", "minimum", "maximum", "upward", "from", "until", "till", "after", "before",
        "within", "plus", "max", "min",
    )
)  # fmt: skip
"""Words that bound a value ("16 or over", "at least 48 hours"): they say which side of it,
not what it is a value of."""


@lru_cache(maxsize=512)
def _value_words(move: RuleMove) -> frozenset[str]:
    """What the moved value is a value of, in the old prompt sentence: the nearest content word
    before it ("aged" of "Volunteers aged 16 or over", "deposit" of "a deposit of 20%") and
    after it ("notice" of "48 hours' notice"), bound words and the value's own unit skipped."""
    sentence = move.old_sentence[:_MAX_CLAUSE_SCAN]
    stated = where_stated(move.old, sentence)
    if len(stated) != 1:
        return frozenset()
    own = content_words(stated[0].group(0)) | content_words(move.old) | content_words(move.new)
    found: set[str] = set()
    before = re.findall(r"[A-Za-z][\w'’-]*", sentence[: stated[0].start()])
    after = re.findall(r"[A-Za-z][\w'’-]*", sentence[stated[0].end() :])
    for words in (before[::-1], after):
        for word in words[:4]:
            said = content_words(word) - own - _BOUND_WORDS
            if said:
                found |= said
                break
    return frozenset(found)


def _kin_word(first: str, second: str) -> bool:
    """Whether two stemmed words are one ("age" and "aged"): one the other's start, both at
    least three letters."""
    short, long = sorted((first, second), key=len)
    return len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 2


def keyed_value_row(move: RuleMove, header: str | None, row: str) -> re.Match[str] | None:
    """Where a table row states a value move's old value as its one value cell under a key
    that names what the value is of ("| Minimum age | 16 |" for "Volunteers aged 16 or over
    can book"): the cell says the value and at most the words the prompt bounds it with
    ("16+", "16 or over"), and the row's key cell or the value's column header shares a word
    with `_value_words`. A row giving the same number for another thing ("| Group size | 16
    |") or a cell saying more than the value ("Up to 16 volunteers and two leaders") is none."""
    if move.kind != "value" or move.subject or not move.old_sentence or len(row) > 2000:
        return None
    spans = cell_spans(row)
    if len(spans) < 2:
        return None
    cells = [row[start:end] for start, end in spans]
    stating = [i for i, cell in enumerate(cells) if i and value_statements(move, cell)]
    if len(stating) != 1 or value_statements(move, cells[0]):
        return None
    index = stating[0]
    cell = cells[index]
    found = value_statements(move, cell)
    if len(found) != 1 or where_stated(move.new, cell):
        return None
    allowed = content_words(move.old_sentence) | content_words(move.old) | _BOUND_WORDS
    rest = cell[: found[0].start()] + " " + cell[found[0].end() :]  # "sixteen" is the value
    if content_words(rest) - allowed:
        return None  # the cell says more than the value: a rule of its own
    wanted = _value_words(move)
    said = content_words(move.old_sentence) | content_words(move.new_sentence) | _BOUND_WORDS

    def kin(words: set[str]) -> bool:
        return any(_kin_word(word, value_word) for word in words for value_word in wanted)

    def unsaid(words: set[str]) -> set[str]:
        return {w for w in words if w not in said and not any(_kin_word(w, s) for s in said)}

    key = content_words(cells[0])
    heads = cell_spans(header) if header else []
    column = (
        content_words(header[heads[index][0] : heads[index][1]])
        if header is not None and len(heads) == len(spans)
        else set()
    )
    if kin(key):
        # "| Minimum age | 16 |": the key names the value; one word of its own at most
        # ("Youngest age"), never another case ("Minimum age for family days")
        named = len(unsaid(key)) <= 1
    elif kin(column):
        # "| Course | Minimum age |" over "| Group lessons | 5 |": the row's key is a case,
        # the prompt's own ("Private lessons" is another's)
        named = not unsaid(key)
    else:
        named = False
    if not named:
        return None
    start = spans[index][0] + found[0].start()
    return next((m for m in value_statements(move, row) if m.start() == start), None)


_KEYED_LINE = re.compile(
    r"^\s{0,8}(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:\*\*|__)?(?P<key>[A-Za-z][^:|\n]{0,40}?)"
    r"(?:\*\*|__)?:(?:\*\*|__)?\s+(?P<value>[^:|\n]{1,60}?)\s*\.?\s*$"
)
"""A line giving one value under its key, as a list item or a label: "- Minimum age: 16",
"**Minimum age:** 16"."""


def header_count_cell(move: RuleMove, header: str | None, row: str) -> int | None:
    """The cell of a table row giving a moved count bare, its unit in its column's header
    ("| Platinum | … | 1 | … |" under "| Tier | … | Points per £1 spent | … |" for "1 point" →
    "2 points"): the one cell that is only the old count, under a header naming the unit, in
    a row keyed by the move's category when it has one. None for any other row."""
    if move.kind != "value" or header is None or len(row) > 2000:
        return None
    old, new = _COUNT_AND_UNIT.match(move.old), _COUNT_AND_UNIT.match(move.new)
    if old is None or new is None or stem(old["unit"]) != stem(new["unit"]):
        return None
    spans, heads = cell_spans(row), cell_spans(header)
    if len(spans) < 2 or len(spans) != len(heads):
        return None
    unit = stem(old["unit"])
    found = [
        index
        for index, (start, end) in enumerate(spans)
        if index
        and row[start:end].strip() == old["count"]
        and unit in {stem(word) for word in terms(header[heads[index][0] : heads[index][1]])}
    ]
    if len(found) != 1:
        return None
    if move.category and found[0] not in scoped_cells(row, header, move.category):
        return None
    return found[0]


def with_header_count(move: RuleMove, header: str | None, row: str) -> str | None:
    """`row` with the new count in the cell `header_count_cell` reads, its spacing kept."""
    index = header_count_cell(move, header, row)
    new = _COUNT_AND_UNIT.match(move.new)
    if index is None or new is None:
        return None
    start, end = cell_spans(row)[index]
    cell = row[start:end]
    at = cell.index(cell.strip())
    return row[: start + at] + new["count"] + row[start + at + len(cell.strip()) :]


def keyed_value_line(move: RuleMove, line: str) -> bool:
    """Whether a "Key: value" line states a value move's old value under a key naming what it
    is of, read as a two-cell table row is (`keyed_value_row`): "- Minimum age: 16"."""
    found = _KEYED_LINE.match(line) if len(line) <= 200 else None
    if found is None:
        return False
    return keyed_value_row(move, None, f"| {found['key']} | {found['value']} |") is not None


def keyed_value_moves(moves: Sequence[RuleMove], header: str | None, row: str) -> list[RuleMove]:
    """The value moves whose old value a table row states under its key (`keyed_value_row`)."""
    if not row.lstrip().startswith("|"):
        return []
    return [move for move in moves if keyed_value_row(move, header, row) is not None]


def cell_spans(row: str) -> list[tuple[int, int]]:
    """Where each cell of a Markdown table row is in the row (between its pipes)."""
    bars = [found.start() for found in re.finditer(r"(?<!\\)\|", row)]
    return [(start + 1, end) for start, end in itertools.pairwise(bars)]


def header_of(lines: Sequence[str], row: str) -> str | None:
    """The header row of the table `row` is a body row of, among a body's `lines`."""
    if row not in lines:
        return None
    return table_header(lines, lines.index(row))


def table_header(rows: Sequence[str], index: int) -> str | None:
    """The header row of the Markdown table that `rows[index]` is a body row of (the first
    row of its block of rows), or None."""
    if not rows[index].lstrip().startswith("|"):
        return None
    first = index
    while first > 0 and rows[first - 1].lstrip().startswith("|"):
        first -= 1
    return rows[first] if first != index else None


def table_headers(rows: Sequence[str]) -> list[str | None]:
    """`table_header` of every row, in one pass (not a walk back to its table's top for each
    row of a long table)."""
    headers: list[str | None] = []
    first: str | None = None
    for raw in rows:
        if not raw.lstrip().startswith("|"):
            first = None
            headers.append(None)
            continue
        headers.append(first)
        first = first or raw
    return headers


def _split_columns(
    raw: str,
    header: str | None,
    scope: Sequence[re.Pattern[str]],
    others: Sequence[re.Pattern[str]],
) -> list[int] | None:
    """The cells of a table row that take a split value's new value: those under a header
    cell naming the new value's category, or every value cell of a row keyed by it; [] for a
    row keyed by the other categories (it stays), None when the table names neither."""
    row = cell_spans(raw)
    heads = cell_spans(header) if header else []
    if len(heads) == len(row) and header is not None:
        columns = [
            index
            for index, (start, end) in enumerate(heads)
            if _names_category(header[start:end], scope)
            and not _names_category(header[start:end], others)
        ]
        if columns:
            return columns
    key = raw[row[0][0] : row[0][1]] if row else ""
    if _names_category(key, scope) and not _names_category(key, others):
        return list(range(1, len(row)))
    if _names_category(key, others) and not _names_category(key, scope):
        return []
    return None


def _keeps_old(move: RuleMove, sentence: str) -> bool:
    """Whether a sentence is about the categories a split value leaves the old value to
    ("On a monthly plan, a referral takes 10% off"): it names them and not the new value's."""
    scope, others = _naming(move.scope, move.others), _naming(move.others, move.scope)
    return _names_category(sentence, others) and not _names_category(sentence, scope)


def rewrite_split(move: RuleMove, raw: str, header: str | None = None) -> str | None:
    """`raw` with a split value (`RuleMove.others`) in its own words, or None when it cannot
    be said safely. A table row read with its `header` changes only the cells of the columns
    the new value's category names ("| | Full-time | Part-time |": the full-time cell), and a
    row keyed by a category changes when that category is the new value's; a sentence that
    names one of the two categories takes that category's value; any other sentence (sent to
    customers of either category) says both, each with where it holds, in the prompt's words:
    "a discount of 15% on a full-time place (10% on a part-time or term-time place)"."""
    stated = where_stated(move.old, raw)
    if not stated or where_stated(move.new, raw):
        return None
    line = bound_line(move.scope, move.others)
    if line is not None:
        # sides told apart by a bound on one number alone ("up to 50 inches", "over 50
        # inches"): no KB word names one side, so the old value is said for every case
        return _bound_split(move, raw, header, line)
    scope, others = _naming(move.scope, move.others), _naming(move.others, move.scope)
    if not scope or not others:
        # sides no word of their own tells apart ("e-bikes" beside "standard bikes"): only a
        # row claiming the value for every kind of what both sides are
        return _claimed_cell_split(move, raw, header) if raw.lstrip().startswith("|") else None
    if raw.lstrip().startswith("|"):
        columns = _split_columns(raw, header, scope, others)
        if columns is None:
            return _claimed_cell_split(move, raw, header)
        pattern, row, changed = _value_pattern(move.old), cell_spans(raw), raw
        for index in reversed(columns):
            found = pattern.search(raw, *row[index])
            if found is not None:
                changed = changed[: found.start()] + new_value(move, found) + changed[found.end() :]
        return changed
    # "…, whether you have Standard or Gold cover": the claim over both sides goes
    unclaimed = without_sides_claim(raw, scope, others, (move.scope, move.others))
    if unclaimed != raw:
        raw, stated = unclaimed, where_stated(move.old, unclaimed)
    named, other = _names_category(raw, scope), _names_category(raw, others)
    if named and other:
        return None
    if other:
        return raw
    if named:
        for each in reversed(stated):
            raw = raw[: each.start()] + new_value(move, each) + raw[each.end() :]
        return raw
    found = stated[0]
    if len(stated) != 1 or _SPELLED.search(raw, max(0, found.start() - 24), found.end() + 24):
        # one place to say both values; a number in words beside it may restate the old one
        return None
    at = _aside_at(move, raw, found)
    aside = f" {move.scope} ({found.group(0)} {move.others})"
    # a claim that the value holds on every case the split now tells apart goes with it
    claim = split_claim_length(raw[at:], split_words(move.scope, move.others))
    return (
        raw[: found.start()]
        + new_value(move, found)
        + raw[found.end() : at]
        + aside
        + raw[at + claim :]
    )


def _bound_split(move: RuleMove, raw: str, header: str | None, line: str) -> str | None:
    """`raw` stating the old value of a split at a line on a number (`boundsides`) with the
    rest's side after the old value and the subset's value beside it ("£15 per TV for screens
    up to 50 inches (£25 for screens over 50 inches)"), in a sentence or in the one cell of a
    row on the moved rule's topic; None when it states the old value more than once, already
    names the line's number (about one side, or saying the line), or is a row of another
    topic or with another cell stating it."""
    stated = where_stated(move.old, raw)
    if len(stated) != 1:
        return None
    found = stated[0]
    if names_line(raw, line, found.start(), found.end()) or names_side(raw):
        # about one side in its own words ("our large units"), or saying the line: both
        # sides appended would contradict it
        return None
    if repeats_old_claim(raw, found.end(), move.old_sentence, move.old):
        # the old rule's own claim over every case after the value ("on every order"): the
        # new prompt's tail goes in its place (`splittail`, `everysplit`), not an aside
        return None
    stop = None
    if raw.lstrip().startswith("|"):
        if not row_on_move_topic(move, raw, header):
            return None
        cell = next(
            ((start, end) for start, end in cell_spans(raw) if start <= found.start() < end), None
        )
        if cell is None or cell[0] == cell_spans(raw)[0][0]:
            return None
        stop = cell[1]
    elif _SPELLED.search(raw, max(0, found.start() - 24), found.end() + 24):
        return None  # a number in words beside it may restate the old value
    words = sides_words(move.scope, move.others, terms)
    return rest_first(
        raw,
        found.start(),
        found.end(),
        in_shape_of(new_value(move, found), found.group(0)),
        move.scope,
        move.others,
        lambda rest: split_claim_length(rest, words),
        stop,
    )


def row_on_move_topic(move: RuleMove, raw: str, header: str | None = None) -> bool:
    """Whether a table row stating a moved value's old value is about the rule the prompt
    moved (`on_move_topic`): its key cell, or the header cell over the cell stating the value,
    shares a word with the moved prompt sentence ("| Deposit | £50, for every bike |" beside
    "The deposit is £50"); a row of another topic stating the same amount ("| Damage excess |
    £50, for every bike |") does not."""
    row = cell_spans(raw)
    stating = [
        index for index, (start, end) in enumerate(row) if where_stated(move.old, raw[start:end])
    ]
    if not row or not stating:
        return False
    if stating[0] > 0 and on_move_topic(move, raw[row[0][0] : row[0][1]]):
        return True
    heads = cell_spans(header) if header else []
    if header is None or len(heads) != len(row):
        return False
    return any(on_move_topic(move, header[heads[i][0] : heads[i][1]]) for i in stating)


def _claimed_cell_split(move: RuleMove, raw: str, header: str | None = None) -> str | None:
    """A table row keyed by no side of a split whose one cell stating the old value claims it
    for every case of what the sides are kinds of ("| Deposit | £50 when you collect, for every
    bike |"): the claim goes and the subset's value follows the old one in the cell ("£50 when
    you collect (£150 for e-bikes)"); None for any
    other row (a writer's), and for a row of another topic (`row_on_move_topic`)."""
    stating = [
        (start, end) for start, end in cell_spans(raw) if where_stated(move.old, raw[start:end])
    ]
    if len(stating) != 1 or not row_on_move_topic(move, raw, header):
        return None
    start, end = stating[0]
    claim = closing_every_kind(raw[start:end], move.scope, move.others)
    if claim is None:
        return None
    cell = raw[start:end]
    kept = cell[: claim[0]].rstrip(" ,;")
    aside = f" ({move.new} {move.scope})"
    return raw[:start] + kept + aside + cell[claim[1] :] + raw[end:]


def split_claim_sentence(move: RuleMove) -> str:
    """What a sentence that only claimed a split value for every case says instead: the
    subset's value, and the old one for the rest ("For e-bikes, it's £150 (£50 for standard
    bikes)."), in the prompt's words for each side. A side said with another preposition
    follows its value ("It's 15% on a full-time place (10% on a part-time place)."): fronted,
    "On a full-time place, it's 15%" reads as a place, not whom the value is for."""
    if move.scope.lower().startswith("for "):
        scope = move.scope[:1].upper() + move.scope[1:]
        return f"{scope}, it's {move.new} ({move.old} {move.others})."
    return f"It's {move.new} {move.scope} ({move.old} {move.others})."


def split_claim_only(
    moves: Sequence[RuleMove], sentence: str, before: str
) -> tuple[RuleMove, str] | None:
    """(the split move, what the sentence says instead) for a sentence that is nothing but a
    claim that a split value holds for every case (`splitclaim.only_a_claim`), right after
    `before`, a sentence stating its old value on the moved rule's topic (`on_move_topic`);
    None else: after another topic's amount ("A guided tour costs £50.") the claim is that
    topic's."""
    for move in moves:
        split = move.kind == "value" and move.scope and move.others
        if (
            split
            and only_a_claim(sentence, move.scope, move.others)
            and where_stated(move.old, before)
            and on_move_topic(move, before)
        ):
            return move, split_claim_sentence(move)
    return None


def on_move_topic(move: RuleMove, sentence: str) -> bool:
    """Whether a sentence stating a moved value's old value is about the rule the prompt moved:
    it shares a word with the moved prompt sentence, old or new, other than the values and the
    sides ("We take a deposit of £50" beside "The deposit is £50"); the same amount of another
    topic ("A guided tour costs £50") shares none."""
    said = content_words(move.old_sentence) | content_words(move.new_sentence)
    said -= content_words(move.old) | content_words(move.new)
    said -= content_words(move.scope) | content_words(move.others)
    return bool(said & content_words(sentence))


_WORD_SPAN = re.compile(r"[\w{}.'’-]+")


def _aside_at(move: RuleMove, raw: str, found: re.Match[str]) -> int:
    """Where a sentence says where a split value holds: after what the value is of, as the
    prompt puts it ("15% off their monthly fee on a full-time place": after "fee" in "a
    discount of 10% to Sam's monthly fee"), else right after the value."""
    new_at = where_stated(move.new, move.new_sentence)
    scope_at = move.new_sentence.find(move.scope)
    if not new_at or scope_at < new_at[0].end():
        return found.end()
    between = [
        content_words(word.group(0))
        for word in _WORD_SPAN.finditer(move.new_sentence[new_at[0].end() : scope_at])
    ]
    last = next((words for words in reversed(between) if words), set())
    clause = _CLAUSE_END.split(raw[found.end() :], maxsplit=1)[0]
    for word in _WORD_SPAN.finditer(clause):
        if last and last <= content_words(word.group(0)):
            return found.end() + word.end()
    return found.end()


def _outside(raw: str, stated: Sequence[re.Match[str]]) -> str:
    """`raw` without the amounts in words that state the moved value itself ("two weeks",
    "fifty pounds" for £50, "within five miles" for a bare 5, where it is said in words
    alone: a count glossed by its digits, "two bikes (2)", is left to `rewrite_glossed`)."""
    in_words = all(each.re is _SPELLED_COUNT or is_hundreds(each) for each in stated)
    for each in reversed(stated):
        spelled = each.re is _SPELLED_COUNT or is_hundreds(each)
        if (
            quantity_at(each) is not None
            or (in_words and spelled)
            or each.re in (_QUARTER_HOUR, MONEY_WORDS, SHARE_WORDS, LINE_WORDS)
            or percent_in_words(each.group(0))
        ):
            raw = raw[: each.start()] + " " + raw[each.end() :]
    return raw


_LONE_COUNT = re.compile(
    r"(?<![\w-])(?P<word>"
    + "|".join(word for word, count in CARDINALS.items() if count <= 20 or count % 10 == 0)
    + r")(?![\w-])(?!\s+(?:hundred|thousand|million)\b)(?!\s*\(\s*\d)",
    re.I,
)
"""A number in words standing alone ("twenty" of "from five to twenty miles"): not part of a
longer number ("two hundred"), nor glossed by its digits ("twenty (20)")."""


def _kept_bounds(move: RuleMove, raw: str) -> str:
    """`raw` without the numbers in words that the moved rule's prompt sentence states before
    and after the move, other than the moved value: the band's other bound ("twenty" of "From
    five to twenty miles it's £15" when "Over 5 miles and up to 20 miles" became "Over 10
    miles and up to 20 miles"). That number stays, so the new value cannot contradict it."""
    if move.kind != "value" or not move.old.isdigit():
        return raw

    def kept(found: re.Match[str]) -> str:
        count = CARDINALS.get(found.group("word").lower())
        if count is None or str(count) in (move.old, move.new):
            return found.group(0)
        value = str(count)
        if where_stated(value, move.old_sentence) and where_stated(value, move.new_sentence):
            return " " * len(found.group(0))
        return found.group(0)

    return _LONE_COUNT.sub(kept, raw)


_COUNTED_WORD = re.compile(r"\s+(?P<word>[A-Za-z][a-z]{2,20})\b")
_SPELLED_MAX = 2000


def _other_counts(move: RuleMove, raw: str) -> str:
    """`raw` without the numbers in words that count a thing no amount is measured in ("just
    two clicks", "three sizes", "four colours" beside a moved "two years"): the word after
    the number is no number word, no unit `quantities` reads with it, and no word of the
    moved value or the prompt's sentence, so it states another count, not the value. A
    number before a unit ("two hundred", "two full years", "two weeks") is kept, and so is
    everything when the moved value is not itself a measured amount."""
    if read_quantity(move.old) is None or len(raw) > _SPELLED_MAX:
        return raw
    own = content_words(move.old) | content_words(move.new) | content_words(move.old_sentence)
    for number in reversed(list(_SPELLED.finditer(raw))):
        counted = _COUNTED_WORD.match(raw, number.end())
        if counted is None:
            continue
        word = counted.group("word")
        if (
            _SPELLED.fullmatch(word)
            or not content_words(word)  # "two for a puppy": the value again, for a case
            or word.lower() in ("and", "or", "to", "of", "full", "whole", "more", "extra")
            or content_words(word) & own
            or _UNIT.match(word)
            or quantity_matches(f"{number.group(0)} {word}")
        ):
            continue
        raw = raw[: number.start()] + " " + raw[number.end() :]
    return raw


def _other_measures(move: RuleMove, raw: str) -> str:
    """`raw` without the amounts that measure something else than the moved value ("two
    days' notice" beside a count "a dozen" → "two dozen"): a number in words there states
    another amount, so it cannot contradict the new value. Unchanged when the moved value is
    not an amount `quantities` reads (money, a bare number)."""
    old = read_quantity(move.old)
    # a share or a price ("10%", "£50") is no amount of time: "within five working days"
    # beside "a tenth of the order value" measures something else
    measure = old.measure if old is not None else "%" if move.old.endswith("%") else None
    if measure is None:
        return raw
    for each in reversed(quantity_matches(raw)):
        other = quantity_at(each)
        if other is not None and other.measure != measure and (old is not None or other.unit):
            raw = raw[: each.start()] + " " + raw[each.end() :]
    return raw


def _row(raw: str) -> tuple[str, str, str] | None:
    """(kind, key, rest) of a list item ("- Gold: …") or a table row ("| Gold | … |")."""
    line = raw.strip()
    table = _ROW_TABLE.match(line)
    if table:
        return "table", table.group("key").strip(), table.group("rest")
    listed = _ROW_LIST.match(raw)
    if listed:
        return "list", listed.group("key").strip(), listed.group("rest")
    return None


def _parts(text: str) -> list[str]:
    return [p.strip(" .|") for p in re.split(r",|;|\|| and (?=a |an |the |free |\w+ \w+)", text)]


def benefit_row(move: RuleMove, rows: Sequence[str]) -> tuple[int, str] | None:
    """For a term move: (index of the added term's row, that row with the old term's benefit
    added), when a list or table gives each term a row and the old term's row states the
    rule."""
    if move.kind != "term":
        return None
    topic = content_words(move.new_sentence) - {
        stem(move.added_term.lower()),
        stem(move.old.lower()),
    }
    parsed = [_row(raw) for raw in rows]
    source = next(
        (
            row
            for row in parsed
            if row
            and row[1].lower() == move.old.lower()
            and len(topic & content_words(row[2])) >= 2
        ),
        None,
    )
    if source is None:
        return None
    best = max(_parts(source[2]), key=lambda part: len(topic & content_words(part)), default="")
    if len(topic & content_words(best)) < 2:
        return None
    for index, row in enumerate(parsed):
        if not row or row[1].lower() != move.added_term.lower():
            continue
        if len(topic & content_words(row[2])) >= 2:
            return None  # it already states the benefit
        raw = rows[index]
        benefit = best[:1].lower() + best[1:] if row[0] == "list" else best
        if row[0] == "table":
            cells = raw.rstrip().rstrip("|").rstrip()
            tail = raw[len(raw.rstrip()) :]
            return index, f"{cells}, {benefit} |{tail}"
        body = raw.rstrip()
        end = len(body.rstrip(".!?"))
        joiner = ", and " if " and " in row[2] else " and "
        return index, f"{body[:end]}{joiner}{benefit}{body[end:]}{raw[len(body) :]}"
    return None


def scope_of(
    move: RuleMove,
    sentence: str,
    conditions: Sequence[Condition],
    prompt: Sequence[str] = (),
) -> str | None:
    """The category the move is limited to that the KB sentence does not name: the value of a
    categorical condition atom the new prompt sentence names ("electronics"). None when the
    new `prompt` says the rule's subject is for that category only (`only_for`): every
    sentence about the subject is about the category, named or not."""
    if move.kind != "value" or move.subject or not conditions:
        return None
    for atom in conditions[0].atoms:
        if atom.op != "=":
            continue
        if isinstance(atom.value, bool):
            # a yes/no flag is said by whom it picks out ("verified members"), never its value
            if limited_by_flag(atom, move) and not names_flag(atom.feature, sentence):
                return flag_audience(atom.feature, atom.value, move.new_sentence)
            continue
        value = str(atom.value).replace("_", " ")
        if names_days(value, days_moved(move.old, move.new)):
            continue  # a day the set of days gained or lost is the move itself, no category
        named = re.search(rf"\b{re.escape(value)}", move.new_sentence, re.I)
        if named and not re.search(rf"\b{re.escape(value)}", sentence, re.I):
            if only_for(move, value, prompt) or own_line_value(move, value):
                return None
            if (
                _case_own_sentence(move, value, prompt)
                and len(where_stated(move.old, sentence)) <= 1
            ):
                return None  # a row stating it twice picks the category's cell by the scope
            return value
    return None


_WHETHER_OR = re.compile(r"\bwhether\b[^.;:]{1,80}\bor\b", re.I)


def _case_own_sentence(move: RuleMove, value: str, prompt: Sequence[str] = ()) -> bool:
    """Whether the old sentence was already the category's own ("Ready repairs are collected
    … between 9am and 5pm" for `status = ready`): it names the value, the move added no scope,
    and it claims nothing over every case ("whether you paid full price or bought in the
    sale"), and no other sentence of the new `prompt` states the old value (another case's
    rule keeping it). A KB sentence stating its old value states that category's rule, named
    or not."""
    old = move.old_sentence or ""
    if move.scope or EVERY_CASE_CLAIM.search(old) or _WHETHER_OR.search(old):
        return False
    named = re.search(rf"\b{re.escape(value)}", old, re.I)
    if named is None or _QUANTIFIED_BEFORE.search(old[: named.start()]):
        # "Every first-time climber can …" claims the rule for every one of them, and says
        # nothing of whether others get it too
        return False
    if ":" in old[named.end() : named.end() + 16]:
        return False  # a case's label ("Size oversized: …"): a list by case, the others beside
    return not any(
        sentence != move.new_sentence and where_stated(move.old, sentence) for sentence in prompt
    )


_QUANTIFIED_BEFORE = re.compile(r"\b(?:every|each|all|any)\s+$", re.I)


_CASE_LINE = re.compile(r"[;,]")


def own_line_value(move: RuleMove, value: str) -> bool:
    """Whether the moved value was already the category's own in the old prompt: the old
    sentence is a list by case, a value a line ("mainland 18 December; islands 16 December"),
    and the old value is said on one line only, the one naming the category. A KB sentence
    stating that value states the category's rule, named or not, and takes the new value in
    place, with no aside for whom."""
    lines = [line for line in _CASE_LINE.split(move.old_sentence) if re.search(r"\d", line)]
    if len(lines) < 2:
        return False
    stating = [line for line in lines if where_stated(move.old, line)]
    return len(stating) == 1 and re.search(rf"\b{re.escape(value)}", stating[0], re.I) is not None


_ONLY = re.compile(r"\bonly\b", re.I)


def only_for(move: RuleMove, value: str, prompt: Sequence[str]) -> bool:
    """Whether a sentence of the prompt other than the move's own says the moved rule's
    subject is for the category `value` only ("The free trial is for new subscribers only."
    of "Every new subscriber can try it free for 7 days" → 14): the rule reaches no one else,
    so a KB sentence about its subject is about the category without naming it. The sentence
    names the category and two words of the rule's topic (`move_topic`), the category's own
    words aside. Read once per move, category and prompt: it is asked per unit and move."""
    return _only_for(move, value, tuple(prompt))


@lru_cache(maxsize=256)
def _only_for(move: RuleMove, value: str, prompt: tuple[str, ...]) -> bool:
    named = re.compile(rf"\b{re.escape(value)}\b", re.I)
    topic = move_topic(move) - content_words(value)
    return any(
        sentence != move.new_sentence
        and _ONLY.search(sentence) is not None
        and named.search(sentence) is not None
        and len(topic & content_words(sentence)) >= 2
        for sentence in prompt
    )


def scoped_cells(raw: str, header: str | None, scope: str) -> list[int]:
    """The cells of a Markdown table row that are about `scope` alone ("business"): those
    under a header cell naming it ("| | Starter | Pro | Business |"), else every value cell of
    a row keyed by it ("| Business | … |"); [] when the table names it nowhere."""
    words = [re.escape(word) for word in re.split(r"[\s_-]+", scope.strip()) if word]
    if not words or not raw.lstrip().startswith("|"):
        return []
    naming = re.compile(r"\b" + r"[\s_-]+".join(words) + r"\b", re.I)
    row = cell_spans(raw)
    heads = cell_spans(header) if header else []
    if header is not None and len(heads) == len(row):
        columns = [
            index
            for index, (start, end) in enumerate(heads)
            if index and naming.search(header[start:end])
        ]
        if columns:
            return columns
    if row and naming.search(raw[row[0][0] : row[0][1]]):
        return list(range(1, len(row)))
    return []


def rewrite_scoped_cell(move: RuleMove, raw: str, header: str | None, scope: str) -> str | None:
    """`raw`, a table row whose column or key names the category `scope` a move is limited
    to, with the new value in that category's cells only and no category named beside it
    (the table names it already): "| Phone | 4 hours | 4 hours |" under "| | Pro | Business |"
    becomes "| Phone | 4 hours | 1 hour |". None when no such cell states the old value."""
    if move.kind != "value" or move.subject or move.others or move.share:
        return None
    spans = cell_spans(raw)
    changed = raw
    found_any = False
    for index in reversed(scoped_cells(raw, header, scope)):
        start, end = spans[index]
        cell = raw[start:end]
        if not where_stated(move.old, cell):
            continue
        new_cell = rewrite_sentence(move, cell)
        if new_cell is None:
            return None
        changed = changed[:start] + new_cell + changed[end:]
        found_any = True
    return changed if found_any else None


# a new step before an old one ------------------------------------------------------------

_BEFORE = re.compile(
    r"\b(?P<when>[Bb]efore)\s+(?P<you>you\s+)?(?P<what>(?(you)[a-z]+|[a-z]+ing)\b[^,;:.]{0,60}),"
    r"\s+(?P<step>[a-z][^.;]+)"
)
_FIRST = re.compile(
    r"\b(?:[Ww]hen|[Ii]f)\s+(?:a|an|the)\s+[a-z]+\s+(?:asks?|wants?)\s+(?:us\s+|you\s+)?to\s+"
    r"(?P<what>[a-z]+\b[^,;:.]{0,60}),\s+first\s+(?P<step>[a-z][^.;]+)"
)
"""A step said first in the rule for a request ("When a subscriber asks to change their delivery
address, first ask them to confirm the postcode on their account, …"): the request is what the
step is before, said as the agent doing it ("we change your delivery address")."""
_CODE_TAIL = re.compile(r",?\s+(?:and|then)\s+[^,]*`[^`]+`.*$")
"""A step's last clause that names a tool ("…, and check it against the postcode
`get_subscription` gives"): how the agent checks, which the customer never hears."""
_PURPOSE = re.compile(r"^(?:make sure|check|confirm|ensure|verify)\b[^:]*:\s+(?=[a-z]+\b)")
_YOU = (
    (re.compile(r"\bthe customer's\b", re.I), "your"),
    (re.compile(r"\bthe customer\b", re.I), "you"),
    (re.compile(r"\bthe (account|order|card|booking|subscription)\b", re.I), r"your \1"),
    (re.compile(r"\bthem\b"), "you"),
)


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "x", "ch", "sh")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def step_for_note(step: str) -> str:
    """ "Before ordering a replacement, we ask for … and verify it." → "Before ordering a
    replacement, the agent now asks for … and verifies it." """
    lead, sep, rest = step.partition(", we ")
    if not sep:
        return step
    before = re.match(r"Before we ([a-z]+)\b", lead)
    if before:
        # "Before we open a work order" → "Before the agent opens a work order"; "your
        # delivery address" the customer's
        verb = _third_person(before.group(1))
        lead = f"Before the agent {verb}{lead[before.end() :]}".replace("your ", "the customer's ")
    words = rest.split(" ")
    words[0] = _third_person(words[0])
    for index in range(1, len(words) - 1):
        if words[index] in ("and", "then") and words[index + 1].isalpha():
            words[index + 1] = _third_person(words[index + 1])
    text = " ".join(words).replace("your ", "the customer's ").replace(" you ", " the customer ")
    return f"{lead}, {'it' if before else 'the agent'} now {text}"


def new_step(rules: Sequence[Any], action_terms: set[str]) -> tuple[str, str] | None:
    """`_new_step`, read once per change's rules and action (it is asked per KB sentence)."""
    return _new_step(tuple(rules), frozenset(action_terms))


@lru_cache(maxsize=256)
def _new_step(rules: tuple[Any, ...], action_terms: frozenset[str]) -> tuple[str, str] | None:
    """A step the new prompt puts before an old action ("before ordering a replacement, ask for
    the email address on the account and verify it with `verify_identity`"), as a KB sentence
    and as a shorter second mention: ("Before ordering a replacement, we ask for the email
    address on your account and verify it.", "We ask for … before ordering a replacement.").
    `action_terms` are the word stems of the old action's name; the step must be before it."""
    for rule in rules:
        if not rule.new:
            continue
        if rule.old and _BEFORE.search(rule.old):
            continue
        found = _BEFORE.search(rule.new) or _FIRST.search(rule.new)
        if found is None or not action_terms & content_words(found.group("what")):
            continue
        # "make sure the person is a tenant: ask for their date of birth …": what to do is
        # after the colon
        step = _PURPOSE.sub("", TOOL_CLAUSE.sub("", found.group("step")).strip())
        step = _CODE_TAIL.sub("", step)
        what = TOOL_CLAUSE.sub("", found.group("what")).strip()
        if found.re is _FIRST or found.group("you"):
            # "before you open a work order", "asks to change their address": the agent
            # doing it is the KB's "we"
            what = "we " + to_you(what)
        for pattern, replacement in _YOU:
            step, what = pattern.sub(replacement, step), pattern.sub(replacement, what)
        step = to_you(step)
        if "`" in step or len(step.split()) > 25:
            return None
        case = _band_case(rule.new, found.start())
        if case is not None:
            # "Members of 12 months or more who ask to cancel: before cancelling, offer …":
            # the step is the band's alone
            return f"For {case}, we {step} before {what}.", f"We {step} before {what} for {case}."
        return f"Before {what}, we {step}.", f"We {step} before {what}."
    return _once_step(rules, action_terms)


_ONCE_DONE = re.compile(
    r"^(?:Once|When|After)\s+(?P<cond>[^,;:`]{3,80}),\s+(?P<what>[a-z]+\s[^,;:.`]{2,60}?)"
    r"(?=\s+with\s+`|\s+using\s+`|[,;:.]|\s+and\s)"
)
"""A new rule taking the old action only once something has come ("Once the photo arrives,
refund the item with `refund_item` …")."""
_ASKED_OF = re.compile(
    r"\bask\s+(?:the\s+(?:customer|client|member|guest|caller)|them)\s+to\s+"
    r"(?P<step>[a-z][^.;:`]{3,80}?)(?=\s*(?:[.;:]|$|,\s+and\b))"
)


def _once_step(rules: Sequence[Any], action_terms: Set[str]) -> tuple[str, str] | None:
    """The step a new prompt asks of the customer before an old action it now takes only
    "once" something has come: "…, say sorry and ask the customer to reply with a photo of the
    damage." then "Once the photo arrives, refund the item with `refund_item` …" → ("Before
    we refund the item, we ask you to reply with a photo of the damage.", "We ask you to reply
    with a photo of the damage before we refund the item.")."""
    added = [rule for rule in rules if rule.new and not (rule.old and _ONCE_DONE.match(rule.old))]
    for rule in added:
        found = _ONCE_DONE.match(" ".join(rule.new.split()))
        if found is None or not action_terms & content_words(found["what"]):
            continue
        cond = content_words(found["cond"])
        for other in added:
            if other is rule:
                continue
            asked = _ASKED_OF.search(" ".join(other.new.split()))
            if asked is None or not cond & content_words(asked["step"]):
                continue
            step = "ask you to " + to_you(asked["step"].strip())
            what = "we " + to_you(TOOL_CLAUSE.sub("", found["what"]).strip())
            if "`" in step or len(step.split()) > 25:
                return None
            return f"Before {what}, we {step}.", f"We {step} before {what}."
    return None


def _band_case(rule: str, start: int) -> str | None:
    """The case a rule's head names with a number, when the step at `start` is in its body
    ("Members of 12 months or more who ask to cancel: before cancelling, …" → "members of 12
    months or more"); None for a rule of no such head."""
    flat_rule = " ".join(rule.split())
    head, sep, _ = flat_rule.partition(": ")
    if not sep or start < len(head) or not re.search(r"\d", head):
        return None
    if head.split(" ", 1)[0].lower() in INSTRUCTION_VERBS or len(head.split()) > 12:
        return None
    case = re.sub(r"\s+who\s+.*$", "", head).strip()
    return case[:1].lower() + case[1:] if case else None


_EXCEPTED = re.compile(
    r"^(?P<who>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z]{4,})\s+(?:are|is)\s+(?:the\s+)?"
    r"(?:exception|exempt)\b|\bexcept\s+(?:for\s+)?(?P<also>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z]{4,})"
    r"(?=[,.;:]|$)",
)


def names_exception(rules: Sequence[Any], sentence: str, changed: Sequence[set[str]] = ()) -> bool:
    """Whether a KB sentence is about the case the new prompt excepts from its rule
    ("Emergencies are the exception: …", "… except for gold members"): every word naming it
    is in the sentence. A step the prompt adds for everyone else is not said there. A case
    named by the change's own condition (`changed`, stems of each case's words: "Every order
    goes by courier, except nucleus colonies" for product_type = nucleus) is excepted from
    the old way, not kept on it."""
    for rule in rules:
        for found in _EXCEPTED.finditer(" ".join((rule.new or "").split())):
            words = (found.group("who") or found.group("also")).lower().split()
            if any(case <= {stem(word) for word in words} for case in changed if case):
                continue
            roots = [
                re.sub(r"(?:ies|es|s|y)$", "", word)
                for word in words
                if word not in STOPWORDS and not _DETERMINER.match(word)
            ]
            if roots and all(
                len(root) >= 3 and re.search(rf"\b{re.escape(root)}\w*", sentence, re.I)
                for root in roots
            ):
                return True
    return False


# a new rule in the knowledge base's voice -------------------------------------------------

_CODE_ASIDE = re.compile(r"\s*\([^()]*`[^()]*\)")
_FINITE = re.compile(
    r"\b(?:is|are|was|were|will|can|cannot|can't|must|may|should|do|does|don't|doesn't|"
    r"get|gets|has|have)\b",
    re.I,
)
_CONDITIONAL = re.compile(r"^(?:if|when|whenever|for|once|after|before|unless)\b", re.I)
_ADVERB = re.compile(r"^(?:first|then|also|always|instead|now)\s+", re.I)
_TELL = re.compile(
    r"^(?:(?:tell|inform|remind|let)\s+(?:the\s+\w+|them|him|her)(?:\s+know)?|"
    r"explain(?:\s+to\s+(?:the\s+\w+|them|him|her))?)\s+(?:that\s+)?",
    re.I,
)
_DETERMINER = re.compile(r"^(?:the|a|an|their|your|its|his|her|this|that)\b", re.I)
ADDRESSEE = (
    (re.compile(r"\bthe (?:customer|user|caller|member|passenger|guest|client|admin)'s\b"), "your"),
    # not a team named for them ("the customer relations team", "the member services desk")
    (
        re.compile(
            r"\bthe (?:customer|user|caller|member|passenger|guest|client|admin)\b"
            r"(?!\s+(?:relations|services?|support|care|success|experience)\b)"
        ),
        "you",
    ),
    (re.compile(r"\bthem\b"), "you"),
    (re.compile(r"\btheir\b"), "your"),
    (re.compile(r"\bthey\b"), "you"),
    (re.compile(r"\bthemselves\b"), "yourself"),
)
_DONT = re.compile(r"^(?:do not|don't|never)\b", re.I)


_ARGUMENT_CLAUSE = re.compile(r"\s+with\s+\w+\s+`[^`]+`")
_STATEMENT = re.compile(
    r"\b(?:will|can|is|are|has|have|must|may|should|gets?|needs?)\b"
    # "it's on its way", "they'll call": a verb in a contraction
    r"|\b(?:it|that|there|he|she)['’]s\b|\b[a-z]+['’](?:re|ll)\b",
    re.I,
)


_LEADING = re.compile(
    r"^(?P<when>(?:before|after|once|when|if|unless)\b[^,]+),\s+(?P<rest>[a-z].*)$", re.I
)
_NOT_A_VERB = frozenset(
    [
        "up",
        "over",
        "under",
        "above",
        "below",
        "at",
        "within",
        "after",
        "before",
        "from",
        "all",
        "each",
        "every",
        "no",
        "none",
        "only",
        "most",
        "some",
        "any",
        "both",
        # a number or a company's own subject starts a statement ("one of our drivers takes the
        # car …", "our lifeguards open the lanes …"), never an instruction
        "one",
        "two",
        "three",
        "our",
        "someone",
        "everyone",
        "nobody",
        # a pronoun is the subject of a statement ("they do not need a guarantor")
        "they",
    ]
)


def declarative(clause: str) -> bool:
    """A clause that states a fact ("bags up to 32 kg travel free") rather than tells the
    agent what to do ("offer 3 months at 50% off"): an instruction starts with a verb in its
    base form, which is never a plural, a number, an article, a preposition or a quantifier."""
    first = clause.split(" ", 1)[0]
    plural = first.endswith("s") and not first.endswith(("ss", "us", "is"))
    opening = first.lower() in _NOT_A_VERB or first[:1] in "$€£"
    return (
        plural
        or opening
        or first[:1].isdigit()
        or bool(_DETERMINER.match(clause))
        or _DESCRIBED_PLURAL.match(clause) is not None
        or (
            _PLURAL_NOUN_SUBJECT.match(clause) is not None and first.lower() not in IMPERATIVE_VERBS
        )
        or (
            _MODIFIED_SUBJECT.match(clause) is not None
            and first.lower() not in IMPERATIVE_VERBS | INSTRUCTION_VERBS
        )
    )


_PLURAL_NOUN_SUBJECT = re.compile(
    r"^[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}[^su\W]s\s+(?:are|were|have|can|will)\b", re.I
)
"""A plural noun phrase before a finite verb ("Web shop purchases are linked …"): a subject."""
_MODIFIED_SUBJECT = re.compile(
    r"^[A-Z][a-z]+\s+(?:[a-z]{3,}ed|up\s+to|over|under|with|from|of|more\s+than|less\s+than)\s"
    r"(?:(?!\b(?:if|when|that|which|who|unless|once|because|and|but|so)\b)[^,;:]){0,80}?"
    r"\b(?:is|are|was|were|isn[’']t|aren[’']t)\s"
)
"""A noun its own phrase qualifies before a finite verb ("Kit returned more than 2 days late
is charged …", "Kit up to 2 days late isn't charged"): a subject, not an instruction's verb."""
_DESCRIBED_PLURAL = re.compile(r"^(?![a-z]*eed\b)[a-z]{4,}ed\s+[a-z][\w-]*[^su\W]s\b", re.I)
"""A plural noun after a participle ("unused credits roll over", "damaged parcels go back"):
a subject, never the base form an instruction opens with."""


_AUXILIARY = re.compile(
    r"^(?:is|are|was|were|will|can|cannot|has|have|had|gets|comes|stays|goes"
    r"|should|would|could|must|may|might)\b",
    re.I,
)


_DENIAL_LEAD = re.compile(r"(?:do not|don't|don’t|never)\b", re.I)
_CASE_LEAD = re.compile(r"(?:if|when|whenever|unless|once|until)\b", re.I)
_BAND_SIDE = re.compile(r"(?:over|under|older|younger|above|below)\b", re.I)


_PURPOSE_TAIL = re.compile(r"\bto [a-z]+\b[^,;:]*$")
"""The purpose a clause ends with ("… within 24 hours to ask for floor plans")."""


def instruction_clauses(body: str) -> list[str]:
    """The instructions of a rule body: split at ";", ", and", ", then" and at "and" before a
    verb (not before a noun phrase: "the medication name and the customer's message")."""
    parts = re.split(
        r"\s*;\s*|,\s+(?:and|then)\s+|,\s+(?=then\b)"
        # "send it, don't book yet", "…, so do not send them the form": a denial of its own
        r"|,\s+(?:so\s+)?(?=(?:do not|don't|don’t|never)\b)",
        body,
    )
    # "if the form is not on file, do not book yet": the denial is the case's own
    for at in range(len(parts) - 1, 0, -1):
        if _DENIAL_LEAD.match(parts[at]) and _CASE_LEAD.match(parts[at - 1]):
            parts[at - 1 : at + 1] = [f"{parts[at - 1]}, {parts[at]}"]
    clauses: list[str] = []
    for part in parts:
        pieces = re.split(r"\s+and\s+", part)
        current = pieces[0]
        for piece in pieces[1:]:
            # "the credit is in their account and is used on their next order": a second
            # verb of the same subject, no instruction of its own
            shared_subject = _AUXILIARY.match(piece) is not None or (
                # "unused credits roll over … and stay on the account": the plural subject's
                # second verb, in the base form an instruction would take
                _DESCRIBED_PLURAL.match(current) is not None and not _DETERMINER.match(piece)
            )
            if (
                _DETERMINER.match(piece)
                or not piece[:1].isalpha()
                or piece[:1].isupper()
                or shared_subject
                # "aged 45 and over": a band, not a second instruction
                or (current[-1:].isdigit() and _BAND_SIDE.match(piece) is not None)
                # "our team will email the customer to ask for floor plans and arrange the
                # visit": a statement's purpose, said with two verbs
                or (_PURPOSE_TAIL.search(current[-200:]) is not None and declarative(current))
            ):
                current += " and " + piece
            else:
                clauses.append(current)
                current = piece
        clauses.append(current)
    return [clause.strip().rstrip(".") for clause in clauses if clause.strip()]


def rule_parts(rule: str) -> tuple[str, str] | None:
    """(who or what the rule is about, what to do) of a prompt rule's first sentence:
    "Members who ask to cancel: offer …" or "If an order is late, offer …"; None for a rule of
    another shape."""
    text = _CODE_ASIDE.sub("", " ".join(rule.split())).strip()
    if text.startswith("|"):
        # a table's cells are no head and body ("| Day pass | never: not refundable |"):
        # restated in prose they would carry the table's markup into a KB sentence
        return None
    text = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)[0].rstrip(".!")
    head, sep, body = text.partition(": ")
    if sep and head.split(" ", 1)[0].lower() in INSTRUCTION_VERBS:
        # "Take cake orders by phone only: tell …" is an instruction, not whom it is about
        return None
    if sep:
        # "If X, don't do Y: do Z": the case is the clause before the "don't", which is an
        # instruction of the body like the one after the colon
        denied = _DENIED_FIRST.match(head)
        if denied is not None:
            return denied.group("case"), f"{denied.group('dont')}; {body}"
        # "Every tenant needs a guarantor, except students who pay upfront: they …" is
        # about whom it excepts, the body said of them; the rule for everyone is the one it
        # departs from ("…, except nucleus colonies: call `book_courier` …" says the rule)
        excepted = _EXCEPT_HEAD.match(head)
        if excepted is not None and _THEY_LEAD.match(body):
            return excepted.group("who"), body
        return head, body
    # a thousands separator ("£4,999") is no end of the head
    found = re.match(
        r"^((?:if|when|whenever|for|once|after|before)\b(?:[^,]|,(?=\d{3}\b))+),\s+(.+)$",
        text,
        re.I,
    )
    return (found.group(1), found.group(2)) if found else None


_PARTICIPLE = re.compile(
    r"^(?:[a-z]+ed|paid|made|sent|bought|sold|kept|lost|held|done|given|taken|written|broken|"
    r"chosen|driven|shown|seen|left|built|booked)$",
    re.I,
)


def labelled_audience(old: str | None, new: str | None, value: str) -> str:
    """Whom a changed prompt rule now gives `value`, from the head it narrowed to: "Paid by
    card or PayPal: … 3 business days" → "Paid by card: … up to 10 business days" gives "if
    paid by card"; a noun head ("Gold members: …") gives "for gold members". "" when the new
    sentence does not state the value, has no head, or kept the old one."""
    if not old or not new or not where_stated(value, new):
        return ""
    new_parts, old_parts = rule_parts(new), rule_parts(old)
    if new_parts is None or old_parts is None:
        return ""
    head = new_parts[0].strip()
    if not head or _LABEL.match(head) or head.lower() == old_parts[0].strip().lower():
        return ""
    words = head.split()
    if len(words) > 8:
        return ""
    said = head if words[0].isupper() and len(words[0]) > 1 else head[:1].lower() + head[1:]
    return ("if " if _PARTICIPLE.match(words[0]) else "for ") + said


_EXCEPT_HEAD = re.compile(r"^[^,:;]{1,200},\s+except\s+(?:for\s+)?(?P<who>[^,:;]{1,200})$", re.I)
_THEY_LEAD = re.compile(r"(?:they|their|these|those)\b", re.I)
_DENIED_FIRST = re.compile(
    r"^(?P<case>(?:if|when|whenever|for|once|after|before)\b[^,:;]+),\s+"
    r"(?P<dont>(?:do not|don't|don’t|never)\b[^,:;]+)$",
    re.I,
)


# a head that only labels the rule ("Exception: …", "Note: …"), and the subject of a rule
# that says whom itself ("patients aged 65 or over never pay …")
_LABEL = re.compile(
    r"^(?:exception|exceptions|note|important|also|however|reminder|nb|n\.b\.|tip)$", re.I
)
_SUBJECT = re.compile(
    r"^(?P<who>[A-Za-z][^,;:]*?)\s+(?=(?:never|always|only|also|no longer|now|don't|do not|"
    r"can(?:not)?|will|must|may|are|is|get|gets|have|has|pay|pays|receive|receives|keep|"
    r"keeps)\b)",
    re.I,
)
# a tool argument written as an aside to a value: "(fee 0)", "(charge: 49)"
_ARGUMENT_ASIDE = re.compile(r"\s*\((?:[a-z_]+\s*[:=]?\s*[$€£]?\d[\d.,]*)\)", re.I)


@dataclass(frozen=True)
class KBRule:
    """A prompt rule restated for a KB (see `kb_rule`)."""

    head: str
    """Who or what it is about, in the prompt's words ("Business and Flex fares")."""
    head_is_clause: bool
    """The head is a statement of its own ("Refills of X are not processed in chat")."""
    statement: str
    """What holds for them, in the KB's voice ("bags up to 32 kg travel free")."""
    sentence: str
    """All of it as one sentence."""
    labelled: bool = False
    """The prompt labelled the rule ("Exception: …") and said whom in its statement."""


_NAME_JOINERS = frozenset({"&", "and", "of", "the", "+", "-"})


def lower_head(head: str) -> str:
    """A rule's head as it reads inside a sentence: "Members who ask" → "members who ask"; a
    name whose every word is capitalised ("Meet & Greet", "Park and Ride") keeps its case."""
    words = [word for word in head.split() if word.lower() not in _NAME_JOINERS]
    if len(words) > 1 and all(word[:1].isupper() or not word[:1].isalpha() for word in words):
        return head
    return head[:1].lower() + head[1:]


_JOINED_ORDER = re.compile(
    r"(?P<joint>,\s+(?:so|and|but))\s+(?P<neg>(?:don['’]t|do\s+not|never)\s+)?"
    r"(?=(?:" + "|".join(sorted(IMPERATIVE_VERBS)) + r")\b)",
    re.I,
)
"""An order joined to a statement by ", so", ", and" or ", but" ("…, so don't ask for an
order ID")."""


def voice_joined_orders(text: str) -> str:
    """`text` with each order joined to a statement said as what we do: "Web shop purchases
    are linked to the player's account, so don't ask for an order ID" → "…, so we don't ask
    for an order ID"."""
    return _JOINED_ORDER.sub(lambda m: f"{m['joint']} we {m['neg'] or ''}", text)


def kb_rule(rule: str) -> KBRule | None:
    """A prompt rule restated as a KB sentence in the company's voice, or None when it cannot
    be said without the prompt's internals.

    "Members with a tenure of 12 months or more who ask to cancel: first look up the member with
    `lookup_member` and offer 3 months at 50% off instead." → "For members with a tenure of 12
    months or more who ask to cancel, we first look up the member and offer 3 months at 50% off
    instead."; "Refunds of X are not processed in chat: call `notify_y`, and tell the customer
    a specialist will call them within 1 business day." → "Refunds of X are not processed in
    chat, and a specialist will call you within 1 business day." Instructions become "we" plus
    the verb as written (an imperative is the base form "we" takes), what the agent is told to
    tell the customer is said to "you", tool calls are left out (how the agent does it is not
    the customer's business), and "do not" instructions are dropped."""
    parts = rule_parts(rule)
    if parts is None:
        return None
    head, body = _named_exception(*parts)
    body = _ARGUMENT_ASIDE.sub("", _CALL_ARGUMENTS.sub(r"\1", body))
    if _CONDITIONAL.match(head):
        # "When a customer reports a rash …, don't refund it yourself": the case is said to
        # the customer ("When you report a rash …"); the "don't" is the agent's, dropped
        head = _SOMEONE_DOES.sub(
            lambda m: "you " + base_form(m["verb"]), _HEAD_DENIAL.sub("", head)
        )
    labelled = _LABEL.match(head) is not None
    if labelled:
        # "Exception: patients aged 65 or over never pay …" labels a rule that says whom
        # itself: the body is the statement, its subject whom it is about
        subject = _SUBJECT.match(body)
        if subject is None:
            return None
        head = subject.group("who")
    actions, told = _restated(body)
    told = _unrepeated([_things_carried(head, said) for said in told])
    if not actions and not told:
        return None
    said = ", and ".join(told)
    # what the agent does to the customer's things is done to "your" things
    doing = " and ".join(actions)
    if "`" in head or "`" in doing:
        return None
    stated = ", and ".join(part for part in (f"we {doing}" if doing else "", said) if part)
    if labelled:
        return KBRule(head, True, stated, stated[:1].upper() + stated[1:] + ".", labelled=True)
    if _FINITE.search(head) and not _CONDITIONAL.match(head):
        head = voice_joined_orders(head)
        sentence = head[:1].upper() + head[1:] + ", and " + stated + "."
        return KBRule(head, True, stated, sentence)
    scope = head if _CONDITIONAL.match(head) else case_lead(lower_head(head))
    return KBRule(head, False, stated, scope[:1].upper() + scope[1:] + ", " + stated + ".")


_CALL_ARGUMENTS = re.compile(r"(`[^`]+`)\s*\([^()`]{1,80}\)")
"""A tool's arguments in an aside after it ("`handoff` (order reference and summary)"): how
the agent calls it, gone with the call."""
_HEAD_DENIAL = re.compile(r",\s+(?:don['’]t|do not|never)\s+[^,;:]*$", re.I)
"""An instruction not to do something closing a rule's case ("…, don't refund it yourself")."""
_SOMEONE_DOES = re.compile(
    r"\b(?:a|any|the)\s+(?:customer|user|member|guest|client|caller|visitor|subscriber)\s+"
    r"(?P<verb>[a-z]{2,}[^s\W]s)\b"
)
"""The customer doing something in a rule's case ("a customer reports"): "you report"."""


def _unrepeated(told: list[str]) -> list[str]:
    """`told` without a statement whose words an earlier one already says ("you do not need a
    guarantor" then "no guarantor is needed")."""
    kept: list[str] = []
    for said in told:
        words = {stem(word) for word in content_words(said)}
        if words and any(words <= {stem(word) for word in content_words(k)} for k in kept):
            continue
        kept.append(said)
    return kept


def _restated(body: str, *, valued: bool = False) -> tuple[list[str], list[str]]:
    """(what we do, what the customer is told) of a rule body's instructions, in the KB's
    voice (see `kb_rule`): actions as the verb phrase "we" takes, told statements said to
    "you"; tool calls, code and "do not" instructions left out. `valued`: a told clause that
    states a value ("the team reviews it within 2 working days") is a statement too, and one
    that tells the customer to do something a request ("please return the car …")."""
    actions: list[str] = []
    told: list[str] = []
    for clause in instruction_clauses(body):
        clause = _ARGUMENT_CLAUSE.sub("", TOOL_CLAUSE.sub("", clause)).strip()
        # "before ordering a replacement, ask for …" → "ask for … before ordering a replacement"
        leading = _LEADING.match(clause)
        if leading:
            clause = f"{leading.group('rest')} {leading.group('when')}"
        if _DONT.match(clause) or "`" in clause:
            continue
        continued = _THAT_TOLD.match(clause) if told else None
        if continued:
            # "tell them X, and that Y": Y is told too, said without the "that"
            told.append(clause[continued.end() :])
            continue
        tell = _TELL.match(clause)
        if tell:
            said = clause[tell.end() :]
            # "a pharmacist will call them", not "the amount"
            if _STATEMENT.search(said) or (valued and re.search(r"\d", said)):
                told.append(said)
            elif valued and said.startswith("to "):
                # "tell them to return the car by 6pm": a request to the customer
                told.append("please " + said.removeprefix("to "))
        elif declarative(clause):
            told.append(clause)
        else:
            actions.append(clause)
    told = [
        to_you_after(told[at - 1] if at else None, said, to_you) for at, said in enumerate(told)
    ]
    actions = [ADDRESSEE[0][0].sub(ADDRESSEE[0][1], action) for action in actions]
    # "refund it yourself" tells the agent: in the company's voice "we refund it ourselves"
    actions = [_AGENT_SELF.sub("ourselves", action) for action in actions]
    return actions, told


_THAT_TOLD = re.compile(r"^that\s+(?=\w)", re.I)
"""A told clause continued ("tell the customer X, and that Y"): the "that" before Y."""
_AGENT_SELF = re.compile(r"\byoursel(?:f|ves)\b", re.I)
"""The agent's own doing, as an instruction to it says it ("do it yourself")."""


def rule_handling(rule: str) -> tuple[str, list[str], list[str]] | None:
    """(the case, what we do, what the customer is told) of a prompt rule, in the KB's voice
    as `kb_rule` says them: "If X, don't do Y: hand it to the team with `t` and tell them the
    team will call within 1 day." → ("If X", ["hand it to the team"], ["the team will call
    you within 1 day"]). None for a rule of another shape."""
    parts = rule_parts(rule)
    if parts is None:
        return None
    actions, told = _restated(_ARGUMENT_ASIDE.sub("", parts[1]))
    return parts[0], actions, told


_NAMED_EXCEPTION = re.compile(
    r"^(?P<who>[A-Za-z][^,;:]*?)\s+(?:are|is)\s+(?:the|an|one)\s+exceptions?$", re.I
)
_ITS_OWN = re.compile(r"^(?:their|its)\s+(?=[a-z])", re.I)


def named_exception(rule: str) -> tuple[str, str] | None:
    """(whom, what holds for them) of a rule naming its customers as the exception in their own
    terms ("Gold members are the exception: their orders ship within 2 days" → ("Gold members",
    "orders ship within 2 days")); None for a rule of another shape."""
    parts = rule_parts(rule)
    if parts is None:
        return None
    found = _named_exception(*parts)
    return None if found == parts else found


def _named_exception(head: str, body: str) -> tuple[str, str]:
    """(whom, what holds for them) of a rule that names its customers as an exception and says
    what holds for them in their own terms: "Gold members are the exception: their orders ship
    within 2 days" → ("Gold members", "orders ship within 2 days"), said in the KB "For gold
    members, orders ship within 2 days", not "Gold members are the exception, and your orders
    …": the possessive is the customers named. Any other rule is returned as it is."""
    named = _NAMED_EXCEPTION.match(head.strip())
    own = _ITS_OWN.match(body)
    if named is None or own is None:
        return head, body
    return named.group("who"), body[own.end() :]


def kb_rule_sentence(rule: str) -> str | None:
    """`kb_rule(rule)` as one sentence."""
    found = kb_rule(rule)
    return found.sentence if found else None


_QUALIFIER = re.compile(
    r"\b(?:only|if|unless|may|might|usually|sometimes|occasionally|where needed)\b", re.I
)
_RULE_CLAUSE = re.compile(r";\s*|,?\s+and that\s+|,\s+and\s+|(?<=[.!?])\s+")


def weakened_clauses(old: str | None, new: str | None) -> list[tuple[str, set[str], str]]:
    """Clauses of a changed prompt sentence that the new version keeps but makes conditional
    or weaker ("a courier rings them on the day" → "a courier only rings if nobody is home"):
    (the old clause, the content stems the new clause keeps, the new clause). A KB sentence
    stating the old clause without a qualifier promises what the agent no longer does for
    everyone."""
    if not old or not new:
        return []
    found: list[tuple[str, set[str], str]] = []
    new_clauses = [c.strip() for c in _RULE_CLAUSE.split(_CODE_ASIDE.sub("", new)) if c.strip()]
    for clause in _RULE_CLAUSE.split(_CODE_ASIDE.sub("", old)):
        clause = _TELL.sub("", clause.strip()).strip(" .")
        content = {stem(word) for word in content_words(clause)}
        # a clause with a value is the promise checks' business ("arrive within 2 days")
        if len(content) < 2 or _QUALIFIER.search(clause) or re.search(r"[`\d]", clause):
            continue
        for after in new_clauses:
            # who does what is kept ("a courier … rings"); the rest may move into the condition
            kept = content & {stem(word) for word in content_words(after)}
            if _QUALIFIER.search(after) and len(kept) >= 2 and 2 * len(kept) >= len(content):
                found.append((clause, kept, after.rstrip(".")))
                break
    return found


def states_weakened(old: str | None, new: str | None, sentence: str) -> str | None:
    """The new clause when `sentence` states a clause `weakened_clauses` finds, unqualified."""
    if _QUALIFIER.search(sentence):
        return None
    stated = {stem(word) for word in content_words(sentence)}
    for _, content, after in weakened_clauses(old, new):
        if content <= stated:
            return after
    return None


def told_statement(rule: str) -> str | None:
    """What a prompt rule tells the agent to tell the customer, as a sentence to them: "Tell
    them parcels usually take up to 5 working days; a courier only rings if …" → "Parcels
    usually take up to 5 working days; a courier only rings if …". None when the rule tells
    nothing or says it with the prompt's internals (a tool, a variable)."""
    text = _CODE_ASIDE.sub("", " ".join(rule.split())).strip()
    for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text):
        tell = _TELL.match(sentence)
        if tell is None or "`" in sentence or "{" in sentence:
            continue
        said = sentence[tell.end() :].strip().rstrip(".!")
        # "they" may be the results as well as the customer: only the unambiguous words move
        for pattern, replacement in ADDRESSEE:
            if pattern.pattern != r"\bthey\b":
                said = pattern.sub(replacement, said)
        if _STATEMENT.search(said) or len(said.split()) >= 4:
            return said[:1].upper() + said[1:] + "."
    return None


_TOLD_CLAUSE = re.compile(
    r"\b(?:and|then)\s+(?:tell|inform|remind|let)\s+(?:the\s+\w+|them|him|her)"
    r"(?:\s+know)?\s+(?:that\s+)?(?P<said>[^.;]+)[.;]?\s*$",
    re.I,
)


@lru_cache(maxsize=1024)
def told_clause(rule: str) -> str | None:
    """What a prompt rule that takes an action and then tells the customer something ("Hand
    the customer over with `transfer_to_team` (…) and tell them our night team will email them
    within 2 days.") tells them, as a sentence to them ("Our night team will email you within
    2 days."). None when the rule ends in no such clause or says it with the prompt's
    internals (a tool, a variable)."""
    text = _CODE_ASIDE.sub("", " ".join(rule.split())).strip()
    match = _TOLD_CLAUSE.search(text)
    if match is None:
        return None
    said = match.group("said").strip()
    if "`" in said or "{" in said or not _STATEMENT.search(said):
        return None
    said = to_you(said)
    return said[:1].upper() + said[1:] + "."


def continued_rule(rules: Sequence[Any], text: str | None) -> tuple[str, str] | None:
    """A prompt rule whose first sentence names who it is about but only says what not to do
    ("Damage to X: do not log it yourself."), joined with the attributed sentence after it in
    the same section that says what to do instead and names no one of its own ("Hand the
    conversation to the team …"): one rule `kb_rule` can restate. None when there is no such
    pair; else (the two sentences as the prompt says them, the rule `kb_rule` takes)."""
    if not text:
        return None
    for rule, after in itertools.pairwise(rules):
        if text not in (rule.new, after.new):
            continue
        parts = rule_parts(rule.new or "")
        if parts is None or not after.new or after.section != rule.section:
            continue
        if rule_parts(after.new) is not None:
            continue
        if not all(_DONT.match(clause) for clause in instruction_clauses(parts[1])):
            continue
        follow = " ".join(after.new.split()).rstrip(".")
        quoted = " ".join(f"{rule.new} {after.new}".split())
        return quoted, f"{parts[0]}: {parts[1]}; {follow[:1].lower()}{follow[1:]}."
    return None


def same_case_rule(rules: Sequence[Any], text: str | None) -> bool:
    """Whether the changed prompt sentence `text` keeps its old version's case and changes
    only what to do in it ("If a customer wants to cancel, hand them to the team." → "If a
    customer wants to cancel, cancel it for them."): the new rule replaces the old one for
    everyone the old one reached, it is no exception to it."""
    for rule in rules:
        if rule.kind != "sentence_changed" or not rule.old or rule.new != text:
            continue
        old, new = rule_parts(rule.old), rule_parts(rule.new)
        if old is not None and new is not None and content_words(old[0]) == content_words(new[0]):
            return True
    return False


def told_with(rules: Sequence[Any], text: str | None) -> list[str]:
    """What the new prompt's sentences added in the section of the rule `text` tell the
    customer (`told_statement`: "Tell them their benefits carry on …" → "Your benefits carry
    on …"), in the order the prompt says them."""
    section = next((rule.section for rule in rules if rule.new == text), None)
    said: list[str] = []
    for rule in rules:
        # a told sentence the prompt added, or one `facts.told_rules` paired with the old
        # sentence it replaced (a whole topic's rule: "Don't … yourself." → "Tell them …")
        told = rule.kind == "sentence_added" or (
            rule.kind == "sentence_changed" and "sentence with it:" in (rule.summary or "")
        )
        if told and rule.new and rule.section == section:
            statement = told_statement(rule.new)
            if statement and statement not in said:
                said.append(statement)
    return said


# a case saying what the customer has done: a participle and how ("rented for more than 12
# months", "booked online", "paid by card"), never a thing ("damaged items")
_DONE_CASE = re.compile(
    r"^(?:[a-z]{2,20}ed|bought|paid|made|spent|held|had|sent|kept|given|taken|"
    r"signed up|joined|stayed)\s+(?:for|with|before|after|in|on|by|at|online|over|under|"
    r"more|less|fewer|up|through|via|from|within)\b",
    re.I,
)


def case_lead(case: str) -> str:
    """A prompt's case (a label or a sentence's head, lower-cased) as the lead of a KB
    sentence: "If you've rented for more than 12 months" of what the customer has done, else
    "For orders over £50"."""
    return ("If you've " if _DONE_CASE.match(case) else "For ") + case


def subset_rule(
    rules: Sequence[Any], dropped: Sequence[str] = (), named: Sequence[str] = ()
) -> tuple[Any, KBRule] | None:
    """The first attributed prompt sentence (drafting.facts.Rule) that states a rule for some
    customers in words a KB can take (`kb_rule`), with that restatement. A sentence still
    calling a tool the change's conversations no longer call (`dropped`: "If it is on file,
    book straight away with `book_hire` as above.") is the rule the others keep, never this
    one. Of several, one that names a category the change's condition tests (`named`, in
    words) comes first: the rule of those the change reaches, not a rule beside it for
    others ("For fewer than 2 guests, …" beside "For a group booking with fewer than 8 …")."""
    found = [
        (rule, said)
        for rule in rules
        if rule.kind.startswith("sentence") and rule.new and (said := kb_rule(rule.new))
    ]
    new = [pair for pair in found if not calls_dropped(pair[0].new, dropped)]
    naming = [
        pair
        for pair in new
        if any(re.search(rf"\b{re.escape(word)}\b", pair[0].new, re.I) for word in named if word)
    ]
    return (naming or new)[0] if new else None


_DENIED_CALL = re.compile(r"\b(?:not|never|no longer|instead of|rather than)\b|n['’]t\b", re.I)
"""A denial before a tool's name ("don't call `book_courier`")."""
_CALL_REACH = 40
"""How many characters before a tool's name its denial may stand."""


def calls_dropped(sentence: str, dropped: Sequence[str]) -> bool:
    """Whether a prompt sentence names one of the `dropped` tools (in backticks) with no
    denial right before it: the sentence still has the agent call it."""
    for name in dropped:
        for found in re.finditer(rf"`{re.escape(name)}`", sentence):
            if not _DENIED_CALL.search(
                sentence[max(0, found.start() - _CALL_REACH) : found.start()]
            ):
                return True
    return False


def _numbers(text: str) -> list[str]:
    """The values of a text; a range ("5-7") is one."""
    number = r"[$€£]?\d+(?:,\d{3})*(?:\.\d+)?"
    return re.findall(rf"(?<![\w.-]){number}(?:\s?[-–]\s?{number})?(?![\d])", text)


def restates_old_values(rule: Any, sentence: str) -> bool:
    """Whether a KB sentence states every number of a changed prompt sentence's old version
    (two or more: "over 23 kg and up to 32 kg … $75"), some of which the new version no longer
    has: it restates that old rule. A sentence sharing only some of them ("ski bags up to 32 kg
    for $75") is about something else."""
    if rule.kind != "sentence_changed" or not rule.old or not rule.new:
        return False
    old = set(_numbers(_without_phones(_CODE_ASIDE.sub("", rule.old))))
    if len(old) < 2 or old <= set(_numbers(rule.new)):
        return False
    return old <= set(_numbers(_without_phones(sentence)))


def _without_phones(text: str) -> str:
    """`text` without its phone numbers: a number's groups ("0131 496 0732") are one route,
    which a sentence on another topic may give too, never a rule's values."""
    for promise in extract_promises(text):
        if promise.kind == "phone":
            text = text.replace(promise.value, " ")
    return text


def keyed_row(head: str, raw: str) -> str | None:
    """The key of a list or table row that the head of a rule names ("Flex" in "Business and
    Flex fares"), else None."""
    row = _row(raw)
    if row is None or (row[0] == "list" and not row[1][:1].isupper()):
        return None
    words = {word.lower() for word in re.findall(r"[A-Za-z][\w-]*", head)}
    return row[1] if row[1].lower() in words else None


def add_to_row(raw: str, statement: str, old: str | None = None, others: Sequence[str] = ()) -> str:
    """A list or table row with a rule's statement added to what it lists. A table cell that
    says nothing but the old rule (`old`, the changed prompt sentence: "Expire at the end of
    the month" under "Unused credits" for "a credit not spent by the end of the billing month
    expires") gives way to the statement instead: kept, it would say both. So does a cell
    saying nothing but another old sentence of the change (`others`) with a value of it (a
    figure, a code: "Unit 4, …, SK4 2PL" when the diff paired the old address's sentence
    with another new one): the new rule appended after it would leave the old value stated."""
    row = _row(raw)
    body = raw.rstrip()
    tail = raw[len(body) :]
    if row is not None and row[0] == "table":
        cells = body.strip().strip("|").split("|")
        # a word's family by its first letters: "expire" in the cell, "expires" in the rule
        said = {word.lower()[:4] for word in content_words(old or "")}
        stale = [
            at
            for at, cell in enumerate(cells)
            if at
            and len(words := {word.lower()[:4] for word in content_words(cell)}) >= 2
            and words <= said
        ]
        for other in others if not stale and len(cells) <= 12 else ():
            said = {word.lower()[:4] for word in content_words(other)}
            figures = {word for word in content_words(other) if any(c.isdigit() for c in word)}
            stale = [
                at
                for at, cell in enumerate(cells)
                if at
                and len(words := {word.lower()[:4] for word in content_words(cell)}) >= 2
                and words <= said
                and content_words(cell) & figures
                and not content_words(statement) & content_words(cell) & figures
            ]
            if stale:
                break
        if stale:
            at = stale[-1]
            cell = cells[at]
            lead, trail = cell[: len(cell) - len(cell.lstrip())], cell[len(cell.rstrip()) :]
            cells[at] = f"{lead}{statement[:1].upper()}{statement[1:]}{trail}"
            prefix = body[: len(body) - len(body.lstrip())]
            return f"{prefix}|{'|'.join(cells)}|{tail}"
        return f"{body.rstrip('|').rstrip()}; {statement} |{tail}"
    end = len(body.rstrip(".!?"))
    return f"{body[:end]}; {statement}{body[end:]}{tail}"


def rule_topic(rules: Sequence[Any]) -> set[str]:
    """What a changed prompt rule is about, as content stems: the words the heads of its old
    and its new version share ("When an item is missing or wrong, …" and "Missing or wrong
    items priced at $25 or less: …" → item, missing, wrong). What both versions single out
    stays the rule's topic whatever else moved; values and conditional words are no topic.
    Empty when no changed rule has a head on both sides."""
    topic: set[str] = set()
    for rule in rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old, new = rule_parts(rule.old), rule_parts(rule.new)
        if old is None or new is None:
            continue
        shared = content_words(old[0]) & content_words(new[0])
        topic |= {word for word in shared if not word[:1].isdigit() and word not in _HEAD_WORDS}
    return topic


_HEAD_WORDS = frozenset({"if", "when", "whenever", "for", "once", "after", "before", "unless"})


def replaced_statements(old: str | None, new: str | None) -> tuple[list[str], list[str]]:
    """What a changed prompt rule stopped and started telling or doing, in the KB's voice
    (`kb_rule`'s parts): ("a technician will call you back within 4 hours", "we'll send an
    SMS update as soon as there is news") when only the told clause of "open a ticket … and
    tell them …" changed. Parts both versions share are left out; ([], []) when either
    version is no rule `rule_parts` reads."""
    old_parts = rule_parts(old or "")
    new_parts = rule_parts(new or "")
    if old_parts is None or new_parts is None:
        return [], []
    old_actions, old_told = _restated(old_parts[1])
    new_actions, new_told = _restated(new_parts[1])
    stopped = [f"we {a}" for a in old_actions if a not in new_actions]
    started = [f"we {a}" for a in new_actions if a not in old_actions]
    stopped += [said for said in old_told if said not in new_told]
    started += [said for said in new_told if said not in old_told]
    return stopped, started


def headless_statements(old: str | None, new: str | None) -> tuple[list[str], list[str]]:
    """`replaced_statements` for a changed rule with no head, an instruction alone ("Book it
    with `book_survey` …, and tell them our surveyor will call them the day before, by 6pm."
    → "…, and confirm the booking to the customer."): what it stopped and started telling the
    customer, in the KB's voice. What the agent now does in the conversation instead ("confirm
    the booking") is no promise a KB makes, so only told statements count. ([], []) when
    either version has a head (`replaced_statements` reads those)."""
    if not old or not new or rule_parts(old) is not None or rule_parts(new) is not None:
        return [], []

    def told(text: str) -> list[str]:
        body = _CODE_ASIDE.sub("", " ".join(text.split())).strip().rstrip(".!")
        return _restated(body[:1].lower() + body[1:])[1]

    old_told, new_told = told(old), told(new)
    stopped = [said for said in old_told if said not in new_told]
    started = [said for said in new_told if said not in old_told]
    return stopped, started


# a KB sentence's clauses: joined by ", and" / ", so" / ", but" / ";", or by "and" before a
# clause with a subject of its own ("… a ticket and a technician calls you …")
_KB_CLAUSE = re.compile(
    r",\s+(?:and|so|but)\s+|;\s+|\s+and\s+(?=(?:we|you|they|it|he|she|we'll|you'll)\b|"
    r"(?:a|an|the|our|your)\s+\w+\s+(?:will|can|is|are|has|have|must|may|\w+s)\b)",
    re.I,
)


def kb_clauses(sentence: str) -> list[tuple[int, int]]:
    """The spans of a KB sentence's clauses (see `_KB_CLAUSE`), its closing stop left out."""
    body = sentence.rstrip()
    end = len(body.rstrip(".!?"))
    spans: list[tuple[int, int]] = []
    cursor = 0
    for match in _KB_CLAUSE.finditer(body[:end]):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return spans


def replace_clause(sentence: str, value: re.Pattern[str], replacement: str) -> str | None:
    """`sentence` with the clause stating `value` said as `replacement` instead; the clause
    dropped when `replacement` is empty (the sentence too, as "", when it is all that clause).
    None when no clause states the value, or more than one does."""
    row = sentence.lstrip().startswith("|")
    if row and "|" in replacement:
        return None
    # a table row's clauses are its cells': the row keeps its key and its markup
    spans = cell_text_spans(sentence)[1:] if row else kb_clauses(sentence)
    stating = [i for i, (start, end) in enumerate(spans) if value.search(sentence[start:end])]
    if len(stating) != 1:
        return None
    index = stating[0]
    start, end = spans[index]
    if row:
        if not replacement:
            return None  # an emptied cell says nothing: a writer's
        said = replacement.rstrip(".")
        return sentence[:start] + said[:1].upper() + said[1:] + sentence[end:]
    if not replacement:
        if len(spans) == 1:
            return ""
        if index == 0:
            following = spans[1][0]
            rest = sentence[following:]
            return rest[:1].upper() + rest[1:]
        return sentence[: spans[index - 1][1]] + sentence[end:]
    said = replacement[:1].upper() + replacement[1:] if start == 0 else replacement
    if start > 0 and said[:1].isupper() and not said.startswith(("I ", "I'")):
        said = said[:1].lower() + said[1:]
    return sentence[:start] + said + sentence[end:]


# a requirement the new prompt adds, and KB sentences that say it is not needed --------------

_NEEDS = re.compile(
    r"\b(?P<verb>needs?|requires?|must (?:send|provide|show|upload|give|bring))\s+"
    r"(?P<what>[^.;:]+)",
    re.I,
)
_NEGATED_BEFORE = re.compile(r"\b(?:not|never|no|don't|doesn't|won't|without)\s+(?:\w+\s+)?$", re.I)
_ASKED_BEFORE = re.compile(
    r"\b(?:ask|asks|asked|asking|wonder|wonders|wondering|check|checks|checking)\s+"
    r"(?:us\s+|you\s+)?(?:whether|if)\s+(?:[\w'’-]+\s+){1,4}$",
    re.I,
)
"""A question the customer asks, the need in it theirs to ask about ("when they ask whether
they need to pay anything upfront"), not one the rule sets."""
_REASON_BEFORE = re.compile(
    r"(?:^|[,;]\s*|\s)(?:as|because|since)\s+(?:they|these|those)\s+(?:\w+\s+)?$", re.I
)
"""A reason clause before a need ("…, as they need two people to carry them in"): why a
rule is so, nothing the customer must give. Only a need of things said as "they/these/
those": a need of ours ("since we need a signed form from them") or of the thing booked
("as it needs a signed form") is still one the customer meets; see `_reason_of_things`."""
_CUSTOMER_BEFORE = re.compile(r"\b(?:them|their|(?:the\s+)?customers?|tell|ask)\b", re.I)
"""The customer in the words before a reason clause: its "they" may be theirs."""
_NO_NEED = re.compile(
    r"\b(?:don't|do not|doesn't|does not|won't|will not|never|no longer)\s+(?:need|have)\s+to\b"
    r"|\bno need (?:to|for)\b|\bnot (?:required|needed|necessary)\b|\bwithout (?:a|an|any)\b"
    r"|\bno\s+(?:[\w'’-]+\s+){1,6}(?:is|are)\s+(?:ever\s+)?(?:needed|required|necessary)\b",
    re.I,
)
_COMPLEMENT = re.compile(
    r"^(?:all\s+)?(?:the\s+)?other\s+\w+|^(?:everyone|anyone|everybody)\s+else\b|^the rest\b", re.I
)


@dataclass(frozen=True)
class Requirement:
    """Something the new prompt now requires (`what`), from one of its attributed rules."""

    rule: Any
    """The drafting.facts.Rule that states it."""
    what: str
    """What is required, in the prompt's words ("supporting evidence (a medical note …)")."""
    in_condition: bool = False
    """Required as one more condition of a rule ("If they report it within 24 hours and
    send a photo of it, refund …"), not stated as a rule of its own: the rule restated is
    no sentence to put where the KB said it was not needed."""
    scope: str = ""
    """Whom a charge with an amount is for, in the prompt's words, when the sentence names
    them as its subject ("Appointments of 90 minutes or longer" need "a £20 deposit"): the
    KB's "no deposit is needed" stays true for everyone else."""
    verb: str = ""
    """The prompt's verb for it, as written ("need", "requires")."""


def _reason_of_things(before: str) -> bool:
    """Whether a need comes in a reason clause about things ("Tall items cost £15 to deliver,
    as they need two people to carry them in"): "as/because/since they|these|those" right
    before it, the words before naming no customer nor telling them anything ("Tell them the
    booking waits, as they need a signed form first": their need, a requirement)."""
    start = max(0, len(before) - 40)
    reason = _REASON_BEFORE.search(before, start)
    if reason is None:
        return False
    return _CUSTOMER_BEFORE.search(before, 0, reason.start()) is None


def requirement(rules: Sequence[Any]) -> Requirement | None:
    """The first attributed prompt sentence that requires something ("an extension now needs
    supporting evidence"), never a negated one ("they never need to send evidence") nor one
    its old version already required; else something a changed rule's condition now asks
    the customer to give (`condition_requirement`)."""
    for rule in rules:
        if not rule.kind.startswith("sentence") or not rule.new:
            continue
        text = _CODE_ASIDE.sub("", " ".join(rule.new.split()))
        for found in _NEEDS.finditer(text):
            if _NEGATED_BEFORE.search(text[: found.start()]) or _ASKED_BEFORE.search(
                text[max(0, found.start() - 120) : found.start()]
            ):
                continue
            if _reason_of_things(text[: found.start()]):
                continue  # "…, as they need two people to carry them in": why, not a need
            what = found.group("what").strip()
            charge = _charge(what)
            if charge is not None:
                if rule.old and charge in " ".join(rule.old.split()):
                    continue
                scope = _charge_scope(text[: found.start()])
                return Requirement(rule, what, scope=scope, verb=found.group("verb"))
            if len(content_words(what)) < 2 or (
                rule.old and content_words(what) <= content_words(rule.old)
            ):
                continue
            return Requirement(rule, what)
    return condition_requirement(rules)


# a charge: an amount and what it is ("a £20 deposit", "a 10% booking fee")
_CHARGE = re.compile(
    r"^(?:an?\s+)?(?P<amount>[$£€]\s?\d[\d,]*(?:\.\d+)?|\d+(?:\.\d+)?\s?%)\s+"
    r"(?P<noun>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?)$"
)
_SCOPE_SUBJECT = re.compile(r"^[A-Z][\w'’-]*(?:\s+[\w'’£$€%.,-]+){0,10}?$")
_NOT_A_SCOPE = re.compile(
    r"^(?:they|you|we|it|he|she|the\s+(?:customer|client|user|member|guest|patient)s?|"
    r"(?:customer|client|user|member|guest|patient)s?|everyone|anyone|every\s+\w+|all\s+\w+)$",
    re.I,
)
_SCOPE_ADVERB = re.compile(r"\s+(?:now|also|always|then|still)$", re.I)


def _charge(what: str) -> str | None:
    """The amount and noun of a charge ("a £20 deposit" → "£20 deposit"), or None when what
    is required is no amount of something."""
    found = _CHARGE.match(what.strip())
    if found is None or not content_words(found.group("noun")):
        return None
    return f"{found.group('amount')} {found.group('noun')}"


def _charge_scope(subject: str) -> str:
    """The subject of a sentence requiring a charge, when it names whom it is for
    ("Appointments of 90 minutes or longer"); "" for a pronoun, for everyone, or a phrase
    with the prompt's internals."""
    said = _SCOPE_ADVERB.sub("", subject.strip())
    if (
        not _SCOPE_SUBJECT.match(said)
        or _NOT_A_SCOPE.match(said)
        or re.search(r"[`{}]", said)
        or len(content_words(said)) < 2
    ):
        return ""
    return said


_SUPPLIED = re.compile(
    r"\b(?:and|or)\s+(?:(?:they|he|she|the\s+\w+)\s+)?(?:also\s+)?"
    r"(?P<verb>sends?|provides?|attach(?:es)?|uploads?|shows?|submits?|includes?|shares?|"
    r"brings?|gives?)\s+(?:us\s+)?(?P<what>[^.;:,()]+)",
    re.I,
)


def condition_requirement(rules: Sequence[Any]) -> Requirement | None:
    """Something a changed prompt rule's condition now asks the customer to give ("If the
    customer reports it within a day and sends a photo of it, refund …": a photo), that the
    rule's old version did not ask for. None when no rule's condition gained such a part."""
    for rule in rules:
        if not rule.kind.startswith("sentence") or not rule.new or not rule.old:
            continue
        parts = rule_parts(rule.new)
        if parts is None:
            continue
        for found in _SUPPLIED.finditer(parts[0]):
            what = found.group("what").strip()
            if content_words(what) and not content_words(what) <= content_words(rule.old):
                return Requirement(rule, what, in_condition=True)
    return None


def negates_requirement(needed: Requirement, sentence: str) -> bool:
    """Whether a KB sentence says that what the new prompt requires is not needed ("You
    don't need to send a medical note or any other evidence", "No medical note or other
    evidence is needed"): a "no need" phrase with two content words of what is now required in
    its clause. A charge ("a £20 deposit") is one word and its amount: its word said to be
    not needed, or denied ("There's no deposit to pay", "we never take a deposit"), is
    enough."""
    for start, end in kb_clauses(sentence):
        clause = sentence[start:end]
        if _charge(needed.what) is not None:
            if _denies_charge(clause, _head_noun(needed.what)):
                return True
            continue
        if not _NO_NEED.search(clause):
            continue
        if needed.in_condition:
            # "photos: we take your word for it": a colon ends the word (not a time, "6:00")
            if _head_noun(needed.what) in content_words(re.sub(r":(?!\d)", " ", clause)):
                return True
        elif len(content_words(clause) & content_words(needed.what)) >= 2:
            return True
    return False


# what says a charge is not taken, {noun} standing for its word: "there's no deposit", "we never
# ask for a deposit", "without a deposit", "with no deposit", "no deposit is taken"
_CHARGE_DENIALS = (
    r"\bthere(?:'s|’s|\s+is|\s+are)\s+no\s+{words}{noun}",
    r"\b(?:never|don't|do not|doesn't|does not|won't|will not)\s+(?:ask(?:s)?(?:\s+you)?\s+for|"
    r"takes?|charges?|needs?|requires?|(?:have\s+to\s+)?pay)\s+(?:a|an|any)\s+{words}{noun}",
    r"\bwithout\s+(?:a|an|any)\s+{words}{noun}",
    r"\b(?:with|for|and)\s+no\s+{words}{noun}",
    r"\bno\s+{words}{noun}\s+(?:is|are)\s+(?:ever\s+)?(?:needed|required|necessary|taken|"
    r"charged|due|payable|asked\s+for)\b",
)


def _denies_charge(clause: str, noun: str) -> bool:
    """Whether a KB clause says a charge (its word stemmed, `noun`) is not needed or not
    taken (`_CHARGE_DENIALS`, or a "no need" phrase with the word: "You don't need to pay a
    deposit"). "Deposits are not refundable" and "No deposit is refunded once …" say nothing
    of whether one is taken."""
    if not noun:
        return False
    flat = " ".join(clause.lower().split())
    if _NO_NEED.search(flat) and noun in content_words(flat):
        return True
    word = re.escape(noun) + r"\w*"
    return any(
        re.search(pattern.format(words=r"(?:[\w'’-]+\s+){0,2}?", noun=word), flat)
        for pattern in _CHARGE_DENIALS
    )


_AFTER_HEAD = re.compile(
    r"\s+(?:of|for|from|with|showing|that|which|to|in|on|at|by)\b.*$|\s*\(.*$", re.I
)


def _head_noun(phrase: str) -> str:
    """The word a noun phrase is about, stemmed: "the till receipt" → receipt, "a photo of
    them" → photo."""
    kept = _CONTENT.findall(_AFTER_HEAD.sub("", phrase).lower())
    words = [stem(word) for word in kept if word not in STOPWORDS and len(word) > 2]
    return words[-1] if words else ""


_NOT_NEEDED = re.compile(
    r"\b(?P<who>you|they|customers?|members?|guests?|students?|patients?|clients?)\s+"
    r"(?P<neg>don't|do not|doesn't|does not|won't|will not|never)\s+(?:need|have)\s+to\s+"
    r"(?P<rest>[^.;:!?,]+)"
    r"|\bthere(?:'s|’s|\s+is|\s+was)\s+no\s+need\s+(?:for\s+you\s+)?to\s+(?P<there>[^.;:!?,]+)",
    re.I,
)


_NOT_NEEDED_PASSIVE = re.compile(
    r"(?P<thing>(?:[\w'’-]+\s+){0,4}?[\w'’-]+)\s+(?P<be>is|are|was|were)(?:\s+not|n't|n’t)\s+"
    r"(?P<how>needed|required|necessary)\b",
    re.I,
)


def _gerund(verb: str) -> str:
    """ "send" → "sending", "upload" → "uploading", "provide" → "providing"."""
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    if len(verb) <= 4 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", verb):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def required_sentence(needed: Requirement, sentence: str) -> str | None:
    """A KB sentence saying what is now required is not needed, said the other way in its
    own words: "You don't have to send photos: we take your word for it." → "You need to
    send photos."; "There was no need to send us photos; your word is enough." → "Thank you
    for sending us photos." (it told of a case already handled). What follows the no-need
    clause after a colon, semicolon or dash (why it was not needed) goes with it. None when
    the sentence says it another way, or goes on past that clause otherwise."""
    found = _NOT_NEEDED.search(sentence) or _NOT_NEEDED_PASSIVE.search(sentence)
    if found is None or not negates_requirement(needed, sentence):
        return None
    rest = found.groupdict().get("rest") or found.groupdict().get("there") or ""
    if "thing" in found.groupdict():
        rest = found.group("thing")
    if _head_noun(needed.what) not in content_words(rest):
        return None
    tail = sentence[found.end() :].strip()
    if tail and not re.match(r"^(?:[;:]|[—–]|-\s)", tail) and tail not in (".", "!"):
        return None
    lead = sentence[: found.start()]
    if "thing" in found.groupdict():
        said = f"{found.group('thing')} {found.group('be')} {found.group('how')}"
    elif found.group("who"):
        who, negation = found.group("who"), found.group("neg").lower()
        verb = "needs" if negation in ("doesn't", "does not") else "need"
        said = f"{who} {verb} to {rest.strip()}"
    elif re.search(r"\bwas\b", found.group(0), re.I):
        first, _, after = rest.strip().partition(" ")
        said = f"thank you for {_gerund(first.lower())} {after}".rstrip()
    else:
        said = f"please {rest.strip()}"
    if not lead.strip():
        said = said[:1].upper() + said[1:]
    return lead + said + "."


_HAS_EXCEPTION = re.compile(r"\b(?:except|unless|apart from|other than)\b", re.I)


def excepted_sentence(needed: Requirement, sentence: str) -> str | None:
    """A KB sentence saying a charge is not needed, kept for everyone else with the charge's
    scope as its exception: "No deposit is needed to book, whatever the treatment." → "No
    deposit is needed to book, except for appointments of 90 minutes or longer, which need
    a £20 deposit." Words claiming it for every case go ("whatever the treatment"). None
    for a requirement with no scope, or a sentence where no one clause says it, or that
    already names an exception."""
    if not needed.scope or _HAS_EXCEPTION.search(sentence):
        return None
    body = without_universal(sentence.rstrip())
    spans = kb_clauses(body)
    saying = [
        (start, end)
        for start, end in spans
        if _denies_charge(body[start:end], _head_noun(needed.what))
    ]
    if len(saying) != 1:
        return None
    end = saying[0][1]
    scope = needed.scope
    if scope[1:2].islower():
        scope = scope[:1].lower() + scope[1:]
    trail = sentence[len(sentence.rstrip()) :]
    told = body[:end] + f", except for {scope}, which {needed.verb} {needed.what}" + body[end:]
    return (told if told.rstrip()[-1:] in ".!?" else told.rstrip() + ".") + trail


def requirement_statement(rules: Sequence[Any], needed: Requirement) -> str | None:
    """The requirement restated for the KB, with the sentences that follow it in the prompt's
    section and name no one of their own (what to do about it): "Except for students with a
    registered accessibility plan, an extension now needs supporting evidence (…). We ask you
    to upload it …, and the Student Support team reviews it within 2 working days." A head that
    means "everyone else" ("All other students") is said as the exception of the rule before
    it in the section that names whom. None when it cannot be said without the prompt's
    internals."""
    rule = needed.rule
    restated = kb_rule(rule.new)
    if restated is None:
        return None
    sentence = restated.sentence
    if _COMPLEMENT.match(restated.head):
        named = [
            other_head
            for other in rules
            if other is not rule
            and other.section == rule.section
            and other.new
            and (other_parts := rule_parts(other.new)) is not None
            and not _COMPLEMENT.match(other_head := other_parts[0])
        ]
        if not named:
            return None
        head = named[0][:1].lower() + named[0][1:]
        sentence = f"Except for {head}, {restated.statement}."
    said = [sentence[:1].upper() + sentence[1:]]
    position = list(rules).index(rule)
    for after in list(rules)[position + 1 :]:
        if after.section != rule.section or not after.new or rule_parts(after.new) is not None:
            break
        text = _CODE_ASIDE.sub("", " ".join(after.new.split())).rstrip(".")
        actions, told = _restated(text[:1].lower() + text[1:], valued=True)
        actions = [to_you(action) for action in actions]
        clauses = [f"we {action}" for action in actions] + told
        if not clauses:
            continue
        statement = ", and ".join(clauses)
        if "`" in statement or "{" in statement:
            return None
        said.append(statement[:1].upper() + statement[1:] + ".")
    return " ".join(said)


def to_you(text: str) -> str:
    """A prompt's words about the customer said to them: "the customer's" → "your", "them"
    → "you", "they" → "you" (not a team named for them: "the customer relations team")."""
    back = _SUBJECT_BACK.match(text)
    if back is not None:
        # "royalties are paid … the month they were earned in": that "they" is the royalties
        return to_you(text[: back.start("they")]) + "they" + to_you(text[back.end("they") :])
    carried = _THINGS_CARRIED.match(text)
    if carried is not None and not _PERSON_NOUN.match(carried.group("noun")):
        # "Orders containing cleaners can't go there: our courier no longer carries them
        # there": that "them" is the orders
        return to_you(text[: carried.start("them")]) + "them" + to_you(text[carried.end("them") :])
    checked = _DETAILS_CHECKED.search(text)
    if checked is not None:
        # "ask for their date of birth and postcode, and check them": that "them" is the details
        return to_you(text[: checked.start("them")]) + "them" + to_you(text[checked.end("them") :])
    for pattern, replacement in ADDRESSEE:
        text = pattern.sub(replacement, text)
    return text


def to_you_after(previous: str | None, clause: str, say: Callable[[str], str]) -> str:
    """`say(clause)` (a prompt's words said to the customer), its "they" kept when it is the
    things the clause before opened with: "unused credits roll over …; only then do they
    expire" ("they" the credits, not "you"). A clause with a subject of its own is said whole."""
    if (
        previous is None
        or _THEY.search(clause) is None
        or _OWN_SUBJECT.match(clause)
        or _THING_OPENING.match(clause)
    ):
        return say(clause)
    opening = _THING_OPENING.match(previous)
    if opening is None or _PERSON_NOUN.match(opening.group("noun")):
        return say(clause)
    return "they".join(say(piece) if piece.strip() else piece for piece in _THEY.split(clause))


_THEY = re.compile(r"\bthey\b")
_OWN_SUBJECT = re.compile(
    r"^(?:the|a|an|their|your|its|our|this|that|these|those|we|you|it|there)\b|^[a-z]{4,}ed\s", re.I
)
_THING_OPENING = re.compile(
    r"^(?:(?:the|their|its|your|our)\s+)?(?:[a-z]{4,}ed\s+)?"
    r"(?!(?:they|you|we|us|them)\b)(?P<noun>[a-z][\w-]*[^su\W]s)\b",
    re.I,
)
"""A clause opening with a plural noun that may be no person ("unused credits …")."""


_SUBJECT_BACK = re.compile(
    r"^(?:(?:the|their|its|your)\s+)?(?:[a-z]{4,}ed\s+)?(?!(?:they|you|we|us|them)\b)[a-z][\w-]*s\b"
    r"[^,;]*?\b(?P<they>they)\s+(?:are|were|have been|had been|get|got)\s+[a-z]+(?:ed|en)\b",
    re.I,
)
"""A clause whose subject is a plural noun and whose "they" is the passive subject of a
clause within it ("refunds are sent once they are approved"): that "they" is the noun, not the
customer."""


_PLURAL_SUBJECT = (
    r"^(?:(?:the|their|its|your|our)\s+)?(?!(?:they|you|we|us|them)\b)(?P<noun>[a-z][\w-]*s)\b"
)
"""A sentence's opening plural noun ("Orders …", "our parcels …"), no pronoun."""
_CARRY_VERB = (
    r"(?:carr(?:y|ies)|takes?|ships?|delivers?|posts?|accepts?|stores?|stocks?|handles?|"
    r"transports?|packs?|sells?)"
)
"""Verbs said of things carried or kept ("carries", "ships", "stores")."""
_THING_SUBJECT = re.compile(_PLURAL_SUBJECT, re.I)
_CARRIED_YOU = re.compile(rf"\b({_CARRY_VERB})\s+you\b", re.I)


def _things_carried(head: str, told: str) -> str:
    """A told clause whose "them" (made "you") is the object of a verb said of things, after a
    head whose subject is a plural noun that is no person ("Orders containing spirits can't go
    there: our carrier no longer takes them there"): that "them" is the noun."""
    subject = _THING_SUBJECT.match(head)
    if subject is None or _PERSON_NOUN.match(subject.group("noun")):
        return told
    return _CARRIED_YOU.sub(lambda found: found.group(1) + " them", told)


_THINGS_CARRIED = re.compile(
    rf"{_PLURAL_SUBJECT}[^.;!?]{{0,200}}?\b{_CARRY_VERB}\s+(?P<them>them)\b", re.I
)
"""A sentence whose subject is a plural noun and whose "them" is the object of a verb said of
things ("our courier no longer carries them"): that "them" is the noun, not the customer."""
_DETAILS_CHECKED = re.compile(
    r"\bask(?:s|ed|ing)?\s+(?:\w+\s+)?for\s+[^.;!?]{1,120}?\band\s+[^.;!?]{1,120}?"
    r"\b(?:check|verify|confirm|compare|match|enter|record|note)(?:s|es)?\s+(?P<them>them)\b",
    re.I,
)
"""Details asked for and then checked ("ask for their date of birth and postcode, and check
them"): that "them" is the details, not the customer."""


def is_person_noun(word: str) -> bool:
    """Whether a word names the people a prompt serves ("members", "guests", "customers")."""
    return _PERSON_NOUN.match(word) is not None


_PERSON_NOUN = re.compile(
    r"^(?:customers?|members?|people|guests?|patients?|clients?|students?|pupils?|riders?|"
    r"users?|couples?|parents?|owners?|travell?ers?|passengers?|tenants?|children|kids|"
    r"visitors?|families|buyers?|callers?|players?|drivers?|residents?|subscribers?)$",
    re.I,
)


_UNIVERSAL_PHRASE = re.compile(
    r",?\s+(?:to|for|on|at|in|with)\s+(?:every|all|each|any)\s+(?:of\s+(?:our|the)\s+)?[\w-]+"
    r"(?:\s+(?:and|or)\s+(?:every|all|each|any)\s+[\w-]+)*"
    r"(?:,?\s+(?:whatever|regardless of|no matter)\b[^,.;:!?]*)?"
    # the phrase's noun ends it: "to any UK address" is no phrase to take out ("address")
    r"(?=\s*(?:[,.;:!?]|$))"
    r"|,?\s+(?:whatever|regardless of|no matter)\b[^,.;:!?]*"
    # "wherever you paid", "wherever you bought it"
    r"|,?\s+wherever\s+(?:you|they)\s+(?:paid|bought|booked|ordered|shopped)"
    r"(?:\s+(?:it|them|from))?(?=\s*(?:[,.;:!?]|$))"
    # a bare every-case phrase set off by a comma ("30 guests or more, any day of the week")
    r"|,\s+(?:any|every)\s+[\w-]+(?:\s+of\s+the\s+[\w-]+)?(?=\s*(?:[,.;:!?]|$))"
    # "with no exceptions" says every case too: an exception after it contradicts it
    r"|,?\s+(?:with no|without) exceptions?\b(?=\s*(?:[,.;:!?]|$))"
    r"|,?\s+(?:and\s+)?we(?:['’]re| are) (?:not able|unable) to make (?:any )?exceptions?\b"
    r"|,?\s+(?:and\s+)?we (?:can(?:not|['’]t)) make (?:any )?exceptions?\b",
    re.I,
)
_INCLUDED = re.compile(
    r",\s+(?P<named>[\w-]+(?:\s+[\w-]+){0,3})\s+included\b(?=\s*(?:[,.;:!?]|$))",
    re.I,
)


def without_named_inclusion(sentence: str, excepted: str) -> str:
    """`sentence` without a ", … included" tail naming what the new rule excepts ("we post
    them to any UK address, islands included" when orders to the Highlands and Islands no
    longer go): the exception said after it would contradict it."""
    wanted = {stem(word) for word in terms(excepted)}

    def drop(found: re.Match[str]) -> str:
        named = {stem(word) for word in terms(found.group("named"))}
        return "" if named & wanted else found.group(0)

    return _INCLUDED.sub(drop, sentence)


_WHETHER_LIST = re.compile(
    r"\b[Ww]hether\s+(?:it['’]s\s+|it\s+is\s+|for\s+)?(?P<items>[^,.;:!?]+(?:,\s+[^,.;:!?]+)*?"
    r"\s+or\s+[^,.;:!?]+)(?=[,.;:!?]|$)"
)


def without_case_listed(sentence: str, case: str) -> str:
    """`sentence` without the item of its "whether … or …" list that names `case` ("whether
    it's a skin reaction, a damaged product or a late parcel" → "whether it's a damaged product
    or a late parcel", for the case "you report a skin reaction"): said for everyone else, the
    list no longer names the case the new rule takes. Unchanged when no item names it, or
    fewer than two would be left."""
    found = _WHETHER_LIST.search(sentence)
    if found is None:
        return sentence
    wanted = {stem(word) for word in terms(case)}
    items = re.split(r",\s+(?:or\s+)?|\s+or\s+", found["items"])
    kept = []
    for item in items:
        own = {stem(word) for word in terms(item)}
        shared = own & wanted
        if own and (len(shared) >= 2 or shared == own):
            continue
        kept.append(item)
    if len(kept) == len(items) or len(kept) < 2:
        return sentence
    listed = ", ".join(kept[:-1]) + " or " + kept[-1]
    return sentence[: found.start("items")] + listed + sentence[found.end("items") :]


_ASIDE = re.compile(r"\s?\((?P<aside>[^()\n]{1,80})\)")
_EVERY_PART = re.compile(
    r"\s*(?:(?:every|each|all|any)\s+[\w-]+|(?:whatever|whichever)\s+[\w-]+\s+[\w-]+)\s*$", re.I
)


def _every_aside(found: re.Match[str]) -> str:
    """A bracketed aside made only of every-case phrases ("(every diver, any age)") goes; any
    other aside stays."""
    parts = found.group("aside").split(",")
    return "" if all(_EVERY_PART.match(part) for part in parts) else found.group(0)


def without_universal(sentence: str) -> str:
    """A claim for every case without the words that make it one ("The fee applies to all
    patients, whatever their age or plan." → "The fee applies."; "Book online (every member,
    any level)" → "Book online"): what the sentence says still holds for everyone else once
    it gains an exception; "We'll always ask …" → "We'll ask …". Unchanged when the claim
    is in its subject ("Any prescription …")."""
    said = _UNIVERSAL_PHRASE.sub("", _ASIDE.sub(_every_aside, sentence))
    # "We'll always ask to see your receipt" claims it of every case too
    return _ALWAYS.sub("", said, count=1)


_ALWAYS = re.compile(r"(?<=[a-z'’])[ \t]{1,3}always(?=[ \t]{1,3}[a-z]{3,})")
"""An "always" inside a clause ("We'll always ask"): taken out with the space before it."""


# what the new prompt says to do without a tool the config removed -------------------------

_WITHOUT = re.compile(
    r"^(?:without\b|otherwise\b|if\b[^,]*\b(?:not available|unavailable|isn't available|is not "
    r"available|not declared)\b|when\b[^,]*\b(?:not available|unavailable|isn't available|is "
    r"not available)\b)",
    re.I,
)
_LEAD_CONDITION = re.compile(r"^(?:without|otherwise|if|when)\b[^,]*,\s*", re.I)


def tool_alternative(sections: dict[str, list[str]], tool: str) -> tuple[str, str] | None:
    """(section, sentence) of the new prompt that says what to do without `tool`: in a
    section with a sentence naming the tool, the sentence that starts "Without …", "Otherwise
    …" or "If … is not available, …". None when the prompt names the tool nowhere or says
    nothing for its absence."""
    name = re.compile(rf"(?<![\w]){re.escape(tool)}(?![\w])")
    for section, lines in sections.items():
        if not any(name.search(line) for line in lines):
            continue
        for line in lines:
            if _WITHOUT.match(line.lstrip("-*+ ").strip()) and not name.search(line):
                return section, line.lstrip("-*+ ").strip()
    return None


def alternative_statement(sentence: str) -> str | None:
    """What a prompt's "without the tool" sentence tells the customer or has the agent do,
    in the KB's voice: "Without the resale tool, tell them tickets can't be refunded or
    resold in chat, and that they can transfer the ticket …" → "Tickets can't be refunded or
    resold in chat, and you can transfer the ticket …". The condition about the tool goes
    (it is the agent's, not the customer's). None when nothing is left to say, or only with
    the prompt's internals."""
    body = _LEAD_CONDITION.sub("", _CODE_ASIDE.sub("", " ".join(sentence.split()))).rstrip(".")
    actions, told = _restated(body[:1].lower() + body[1:], valued=True)
    told = [re.sub(r"^that\s+", "", said) for said in told]
    parts = [f"we {to_you(action)}" for action in actions] + told
    if not parts:
        return None
    statement = ", and ".join(parts)
    if "`" in statement or "{" in statement:
        return None
    return statement[:1].upper() + statement[1:] + "."


# a tool the config swapped for another --------------------------------------------------------

_DESCRIPTION_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_INTERNAL = re.compile(
    r"`|\{|\b(?:tool|agent|model|call|calls|use|only|must|never|do not|don't|if|when)\b", re.I
)


def base_form(word: str) -> str:
    """The base form of a tool description's first word, said as an order ("Refund") or as
    what the tool does ("Refunds", "Applies")."""
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "oes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _verb_forms(base: str) -> str:
    """A pattern for `base` and its -s and -ed forms ("refund", "refunds", "refunded")."""
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return rf"{re.escape(base)}|{re.escape(base[:-1])}(?:ies|ied)"
    if base.endswith("e"):
        return rf"{re.escape(base)}[sd]?"
    return rf"{re.escape(base)}(?:s|es|ed|{re.escape(base[-1])}ed)?"


def _in_form(base: str, like: str, like_base: str) -> str | None:
    """`base` in the form `like` has of `like_base` ("email" like "refunded" → "emailed");
    None for a form other than base, -s or -ed."""
    like = like.lower()
    if like == like_base:
        return base
    if like.endswith("ed"):
        if base.endswith("e"):
            return base + "d"
        if base.endswith("y") and base[-2:-1] not in "aeiou":
            return base[:-1] + "ied"
        short = len(base) <= 4 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", base)
        return base + (base[-1] if short else "") + "ed"
    if like.endswith("s"):
        return _third_person(base)
    return None


def _description(text: str) -> tuple[str, str, list[str]] | None:
    """(base verb, what it acts on, the sentences after) of a tool description that starts
    with what the tool does ("Refund the delivery fee to the card …. The money shows …")."""
    parts = _DESCRIPTION_SENTENCE.split(" ".join(text.split()))
    first = _CODE_ASIDE.sub("", parts[0]).rstrip(".!?").split(" ", 1)
    if len(first) < 2 or not first[0].isalpha() or _DETERMINER.match(first[0]):
        return None
    return base_form(first[0]), first[1], parts[1:]


def swapped_action(sentence: str, old_tool: str, new_tool: str) -> str | None:
    """A KB sentence saying we do what a tool the config removed did ("…, we refund the $49
    delivery fee to your card."), said with what the tool that replaced it does, from the two
    tools' descriptions ("Refund the delivery fee to the card …" → "Email the customer a store
    voucher worth the delivery fee. The voucher is valid for 12 months …"): the verb in the
    sentence's own tense, what it acts on in the customer's words, the item's own noun phrase
    where both descriptions name the same thing ("the $49 delivery fee"), a following clause
    that told what the old action led to dropped, and the new description's statements about
    the result added. None when the sentence does not say the old action with "we", or the new
    description cannot be said without the config's internals."""
    old, new = _description(old_tool), _description(new_tool)
    if old is None or new is None:
        return None
    old_verb, old_object, old_rest = old
    new_verb, new_object, new_rest = new
    found = re.search(
        rf"\bwe(?:'ve|’ve|'ll|’ll|'d|’d|\s+(?:will|have|can|would|then))?\s+"
        rf"(?P<verb>{_verb_forms(old_verb)})\b",
        sentence,
        re.I,
    )
    if found is None:
        return None
    verb = _in_form(new_verb, found.group("verb"), old_verb)
    spans = kb_clauses(sentence)
    index = next((i for i, (start, end) in enumerate(spans) if start <= found.start() < end), None)
    if verb is None or index is None:
        return None
    clause = sentence[found.end() : spans[index][1]]
    if len(content_words(clause) & content_words(old_object)) < 2:
        return None
    acted_on = to_you(new_object)
    # the thing both tools act on, as the item names it ("the delivery fee" → "the $49
    # delivery fee")
    for name in re.findall(r"\bthe\s+([a-z]+\s+[a-z]+)\b", new_object):
        if name not in old_object:
            continue
        words = r"\s+".join(re.escape(word) for word in name.split())
        own = re.search(rf"\b(?:the|your|our)\s+(?:[^\s,.;]+\s+)?{words}\b", clause)
        if own:
            acted_on = acted_on.replace(f"the {name}", " ".join(own.group(0).split()), 1)
    if _INTERNAL.search(acted_on):
        return None
    # a following clause goes when it told what the old action led to (a value or two words
    # of the old description's later sentences the new one does not say)
    led_to = content_words(" ".join(old_rest)) - content_words(" ".join(new_rest))
    kept_end = spans[index][1]
    for start, end in spans[index + 1 :]:
        if len(content_words(sentence[start:end]) & led_to) < 2:
            break
        kept_end = end
    if any(
        len(content_words(sentence[start:end]) & led_to) >= 2
        for start, end in spans
        if start >= kept_end
    ):
        return None
    said = [
        to_you(_CODE_ASIDE.sub("", text))
        for text in new_rest
        if (_DETERMINER.match(text) or text.startswith("It ")) and not _INTERNAL.search(text)
    ]
    end = spans[-1][1]
    head = sentence[: found.start("verb")] + f"{verb} {acted_on}"
    tail = sentence[kept_end:end]
    closing = sentence[end:].rstrip() or "."
    trailing = sentence[len(sentence.rstrip()) :]
    return " ".join([head + tail + closing, *said]) + trailing


def handed_over(
    sentence: str, old_verbs: set[str], dropped: Sequence[re.Pattern[str]], new_tool: str
) -> str | None:
    """A KB sentence that is all old handling ("We log your complaint and our team replies
    within 10 working days."), said as the hand-off tool the new version calls instead
    describes it ("Hand the conversation to a person in the customer relations team." → "We
    hand the conversation to a person in the customer relations team."): each of its clauses
    either says we do the old action (the first word of its tool's name, `old_verbs`) or
    states a promise the new agent dropped (`dropped`). None for any other sentence, or a
    description that needs the config's internals."""
    new = _description(new_tool)
    spans = kb_clauses(sentence)
    if new is None or len(spans) < 2:
        return None
    verb: str | None = None
    for start, end in spans:
        clause = sentence[start:end]
        said = re.match(
            r"\s*we(?:'ve|’ve|'ll|’ll|\s+(?:will|have))?\s+(?P<verb>[a-z]+)\b", clause, re.I
        )
        base = said and next(
            (v for v in old_verbs if re.fullmatch(_verb_forms(v), said["verb"])), None
        )
        if said and base and verb is None:
            verb = _in_form(new[0], said["verb"], base)
        elif not any(pattern.search(clause) for pattern in dropped):
            return None
    acted_on = to_you(new[1])
    if verb is None or _INTERNAL.search(acted_on):
        return None
    head = sentence[: len(sentence) - len(sentence.lstrip())]
    trailing = sentence[len(sentence.rstrip()) :]
    return f"{head}We {verb} {acted_on}.{trailing}"


# what the prompt had the agent do while no tool did what a tool the config added does --------

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z`])")
_NO_TOOL = re.compile(
    r"^(?:if\s+(?:none|not|no\b[^,]*|it\s+(?:doesn't|does not|can't|cannot)\b[^,]*|"
    r"you\s+(?:don't|do not|can't|cannot)\b[^,]*)|otherwise|failing that)\b[^,]*,\s*",
    re.I,
)
_ASK_TO = re.compile(
    r"^(?:ask|tell|invite|advise|direct|send)\s+(?:the\s+\w+|them)\s+to\s+|^(?:please\s+)", re.I
)
_KEPT_CONDITION = re.compile(
    r"^(?P<lead>(?:if|when|whenever|once)\b[^,]*,\s*)(?:please\s+)?$", re.I
)


def tool_fallback(sections: Mapping[str, list[str]], description: str) -> str | None:
    """The prompt's sentence saying what the agent does when none of its tools does what a
    tool the config added does: the prompt offers such a tool by what it does ("If one of your
    tools books engineer visits, book the earliest visit with it.") and says what to do
    without one ("If none does, ask the customer to call our engineers to book one."), so a
    version that declares the tool stops doing the second. None when no sentence offering a
    tool shares two words with the tool's description, or none after it says the case
    without."""
    wanted = content_words(description)
    for lines in sections.values():
        said = [
            sentence
            for line in lines
            for sentence in _SENTENCE_BREAK.split(" ".join(line.lstrip("-*+ ").split()))
        ]
        for offer, fallback in itertools.pairwise(said):
            head = offer.split(",", 1)[0]
            if not re.search(r"\btools?\b", head, re.I) or len(content_words(head) & wanted) < 2:
                continue
            if _NO_TOOL.match(fallback):
                return fallback
    return None


def fallback_action(sentence: str) -> str | None:
    """What a prompt's "without a tool" sentence has the customer or the agent do, from its
    verb on ("If none does, ask the customer to call our engineers on 0800 316 316 to book
    one." → "call our engineers on 0800 316 316 to book one"); None when it says nothing
    after its condition."""
    found = _NO_TOOL.match(sentence)
    rest = sentence[found.end() :] if found else sentence
    rest = _ASK_TO.sub("", rest.strip()).rstrip(".!")
    return rest if rest and rest.split()[0].isalpha() else None


def says_fallback(action: str, sentence: str) -> bool:
    """Whether a KB sentence says the customer or we do what `fallback_action` says ("Please
    call our engineers on 0800 316 316 …"): the action's verb in some form, and two more of
    its words, the first of them what the verb acts on (not the same verb for another
    purpose: "our monitoring centre calls your keyholder")."""
    first, _, rest = action.partition(" ")
    verb = base_form(first)
    if not re.search(rf"\b(?:{_verb_forms(verb)})\b", sentence, re.I):
        return False
    acted_on = next((word for word in rest.lower().split() if content_words(word)), None)
    shared = (content_words(action) - {stem(verb)}) & content_words(sentence)
    return acted_on is not None and content_words(acted_on) <= shared and len(shared) >= 2


def done_with_tool(sentence: str, action: str, description: str) -> str | None:
    """A KB sentence that has the customer do what the agent did without a tool ("If the
    panel shows a fault, call our engineers on 0800 316 316 to book a visit."), said as what
    the tool the config added does, from its description ("Book the earliest engineer visit
    for a panel fault." → "If the panel shows a fault, we'll book the earliest engineer
    visit."): a leading condition stays, the rest of the sentence goes, and a closing phrase
    of the description the condition already says is left out. None when the sentence does
    not start with the action (or a condition before it), or the description cannot be said
    without the config's internals."""
    new = _description(description)
    verb = base_form(action.split()[0])
    found = re.search(rf"\b(?:{_verb_forms(verb)})\b", sentence, re.I)
    if new is None or found is None:
        return None
    before = sentence[: found.start()]
    kept = _KEPT_CONDITION.match(before.lstrip())
    if before.strip() and not kept and before.strip().lower() != "please":
        return None
    lead = kept.group("lead") if kept else ""
    acted_on = to_you(_CODE_ASIDE.sub("", new[1]))
    closing = re.search(r"\s+(?:for|on|after|when|if)\s+[^,;]*$", acted_on)
    if closing and lead and content_words(closing.group(0)) <= content_words(lead):
        acted_on = acted_on[: closing.start()]
    if _INTERNAL.search(acted_on):
        return None
    head = sentence[: len(sentence) - len(sentence.lstrip())]
    trailing = sentence[len(sentence.rstrip()) :]
    subject = "we'll" if lead else "We'll"
    return f"{head}{lead}{subject} {new[0]} {acted_on}.{trailing}"


# a requirement the new prompt drops (see `dropped`) ------------------------------------------


def head_noun(phrase: str) -> str:
    """The word a noun phrase is about, stemmed: "a photo of the misprint" → photo."""
    return _head_noun(phrase)


_NEGATED_CLAUSE = re.compile(
    r"\b(?:not|never|no longer|don't|do not|doesn't|does not|won't)\b", re.I
)


def no_need_before(text: str) -> bool:
    """Whether the clause that `text` ends with (what a sentence says before an ask) says it
    is not needed or not to be done: "There is no need to …", "Do not …", "never …". "If they
    have not, …" is another clause."""
    clause = re.split(r"[,;:.!?](?:\s|$)", text)[-1]
    return bool(_NO_NEED.search(clause) or _NEGATED_CLAUSE.search(clause))


def restated_rule(body: str) -> tuple[list[str], list[str]]:
    """(what we do, what the customer is told) of a prompt rule's body in the KB's voice, the
    told clauses that state a value included (`_restated` with `valued`)."""
    return _restated(_CODE_ASIDE.sub("", " ".join(body.split())).rstrip("."), valued=True)
