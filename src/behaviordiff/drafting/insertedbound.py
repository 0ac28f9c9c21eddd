"""A bound put in front of the moment a rule counts from: "a book that reaches us after its due
date is charged a £10 late fee" became "a book that reaches us more than 3 days after its due
date is charged a £10 late fee" (a grace period). Nothing else of the rule moved: the fee, its
tool and its words are the same, so no value moves and the old replies' £10 is still said to
the customers past the new line.

A KB sentence that gives the rule from the same moment with no bound ("It reached us after its
due date, so a £10 late fee has been charged", "| Late return (any book back after its due date)
| £10 |"), or that claims the least lateness counts ("Miss it, even by a day, and there's a £10
late fee."), is wrong for the band inside the new line: the bound is said where the moment is
("more than 3 days after its due date"), the claim says the bound ("Miss it by more than 3
days, and …"). Sentences on other subjects that share the moment's words (a due date for
another thing, with no word of the rule) stay.

Pure text helpers: `impact` marks the sentences (`bound_conflict`), the template drafter
rewrites them (`with_bound`), and a drafting model is told the same fact (`inserted_bound_fact`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from behaviordiff.detect.wordamounts import money_in_words
from behaviordiff.drafting.rules import content_words
from behaviordiff.drafting.text import terms

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule

INSERTED_BOUND_REASON = "gives the rule from its old moment, with no bound; the new prompt says"

_UNIT = r"(?:working\s+days?|business\s+days?|days?|hours?|weeks?|months?|minutes?)"
_BOUND = re.compile(
    rf"\b(?P<bound>(?:more\s+than|over|at\s+least)\s+(?P<number>\d+)\s+{_UNIT})\s+"
    r"(?P<phrase>(?P<link>after|before|past)\s+(?:its|the|your|their|a|an)\s+"
    r"(?P<noun>[a-z][\w-]*(?:\s+[a-z][\w-]*)?))\b",
    re.I,
)
"""A bound in front of the moment a rule counts from ("more than 3 days after its due date")."""
_LATE = re.compile(
    rf"\b(?P<bound>(?:more\s+than|over|at\s+least)\s+(?P<number>\d+)\s+{_UNIT})\s+"
    r"(?P<link>late|overdue)(?![\w-])",
    re.I,
)
"""A bound in front of lateness itself ("more than 2 days late"): the moment is "late"."""
_DETERMINER = r"(?:its|the|your|their|a|an|this|that)"
_AFTER_STATE = (
    r"(?![\w-])(?=\s*(?:[,.;:)|!?]|$)|\s+(?:is|are|was|were|will|and|or|by|so|but|we|you|it|"
    r"then|to|with|at|on|even)\b)"
)
"""What follows "late" said of a thing, not of a noun ("returned late, …", "late is charged";
never "a late fee", "Late return")."""
_LEAST = re.compile(
    r",?\s+even\s+(?:by\s+|if\s+it['’]s\s+(?:only\s+)?)?(?:a|one|1|a\s+single)\s+"
    r"(?:day|hour|minute|week)(?:\s+late)?\s*,?"
    r"|\s*\(\s*(?:a|one|1)\s+(?:day|hour|minute|week)\s+or\s+more\s*\)",
    re.I,
)
"""A claim that the least lateness counts (", even by a day,", "(1 day or more)")."""
_LINKED = re.compile(r"^\s*(?:after|before|past|late|overdue)\b", re.I)


_AMOUNT = re.compile(r"[£$€]\s?\d+(?:[.,]\d+)?|\d+(?:\.\d+)?%")


@dataclass(frozen=True)
class InsertedBound:
    """A bound the new prompt put in front of the moment an unchanged rule counts from."""

    rule: Rule
    """The new prompt sentence saying the rule with its bound."""
    bound: str
    """The bound, in the prompt's words ("more than 3 days")."""
    link: str
    """How the moment is joined ("after")."""
    noun: str
    """What the moment is ("due date")."""
    topic: frozenset[str]
    """The rule's own words, the moment's left out: what a KB sentence on it names."""

    @property
    def moment(self) -> re.Pattern[str]:
        """The moment as a KB says it, with any determiner ("after the due date"); lateness
        said of a thing ("returned late")."""
        if not self.noun:
            return re.compile(
                rf"(?<![\w-])(?P<before>(?:\d+\s+\w+\s+)?){re.escape(self.link)}{_AFTER_STATE}",
                re.I,
            )
        noun = r"\s+".join(re.escape(word) for word in self.noun.split())
        return re.compile(
            rf"(?<![\w-])(?P<before>(?:\d+\s+\w+\s+)?){re.escape(self.link)}\s+{_DETERMINER}\s+"
            rf"{noun}\b",
            re.I,
        )


def inserted_bound(facts: ChangeFacts) -> InsertedBound | None:
    """The bound a changed prompt rule put in front of its moment: a new sentence stating
    "<bound> <link> <the moment>" where an old sentence of the change states the moment with no
    bound, the two alike in their other words (at least half the old sentence's). None for any
    other change, or when the bound's number is in the old sentence too."""
    olds = [rule.old for rule in facts.rules if rule.old]
    for rule in facts.rules:
        if not rule.new or not rule.kind.startswith("sentence"):
            continue
        for found in _BOUND.finditer(rule.new):
            moment = re.compile(
                rf"(?<!\d\s){re.escape(found['link'])}\s+{_DETERMINER}\s+"
                + r"\s+".join(re.escape(word) for word in found["noun"].split())
                + r"\b",
                re.I,
            )
            for old in olds:
                if not moment.search(old) or re.search(rf"\b{found['number']}\b", old):
                    continue
                if any(
                    " ".join(b["noun"].split()).lower() == " ".join(found["noun"].split()).lower()
                    for b in _BOUND.finditer(old)
                ):
                    continue  # the old rule had a bound there too: a value moved, not added
                old_words = content_words(old)
                if len(old_words & content_words(rule.new)) * 2 < len(old_words):
                    continue
                noun_words = set(terms(f"{found['link']} {found['noun']}"))
                return InsertedBound(
                    rule,
                    " ".join(found["bound"].split()),
                    found["link"].lower(),
                    " ".join(found["noun"].split()),
                    frozenset(old_words - noun_words),
                )
        for found in _LATE.finditer(rule.new):
            # "Kit returned more than 2 days late is charged …" where the old rule charged
            # kit "returned late, even 1 day late"
            link = found["link"].lower()
            late = re.compile(rf"(?<![\w-]){link}{_AFTER_STATE}", re.I)
            for old in olds:
                if not late.search(old) or re.search(rf"\b{found['number']}\b", old):
                    continue
                if any(b["link"].lower() == link for b in _LATE.finditer(old)):
                    continue  # the old rule had a bound there too: a value moved
                old_words = content_words(old)
                if len(old_words & content_words(rule.new)) * 2 < len(old_words):
                    continue
                bound = " ".join(found["bound"].split())
                return InsertedBound(rule, bound, link, "", frozenset(old_words - {link}))
    return None


def bound_conflict(bound: InsertedBound, sentence: str) -> bool:
    """Whether a KB sentence gives the rule from its moment with no bound, or claims the least
    lateness counts, on the rule's topic (two of its words, or one beside the moment)."""
    said = content_words(sentence)
    shared = said & bound.topic
    # the rule's own amount ("a £10 late fee") is said with it: "Sorry it came back after
    # your clean" gives no rule
    amounts = set(_AMOUNT.findall(str(bound.rule.new)))
    if (
        amounts
        and not amounts & set(_AMOUNT.findall(sentence))
        # "twenty-five pounds" for £25
        and not any(money_in_words(amount, sentence) for amount in amounts)
    ):
        return False
    moment = bound.moment.search(sentence)
    if moment is not None and not moment["before"] and shared:
        return True
    return _LEAST.search(sentence) is not None and len(shared) >= 2


def with_bound(bound: InsertedBound, raw: str) -> str | None:
    """`raw` saying the bound: in front of its unbounded moment ("more than 3 days after its
    due date"), in place of a claim that the least lateness counts ("Miss it, even by a day,
    and …" → "Miss it by more than 3 days, and …"); None when it says neither."""
    moment = bound.moment.search(raw)
    least = _LEAST.search(raw)
    if least is not None and not bound.noun:
        # "Kit returned late, even 1 day late, is charged …": the claim goes and the
        # lateness it claimed for is bounded
        rest = raw[least.end() :]
        space = " " if rest[:1].isalnum() else ""
        without = raw[: least.start()] + space + rest
        bare = bound.moment.search(without)
        if bare is not None and not bare["before"]:
            return without[: bare.start()] + f"{bound.bound} " + without[bare.start() :]
    if moment is not None and not moment["before"]:
        return raw[: moment.start()] + f"{bound.bound} " + raw[moment.start() :]
    if least is None:
        return None
    claim = least.group(0).strip()
    if claim.startswith("("):
        # "Late return (1 day or more)" → "Late return (more than 2 days)"
        return raw[: least.start()] + f" ({bound.bound})" + raw[least.end() :]
    tail = "," if claim.endswith(",") else ""
    rest = raw[least.end() :]
    # "even one day after that date" → "more than 2 days after that date"
    lead = " " if _LINKED.match(rest) and not tail else " by "
    space = " " if rest[:1].isalnum() else ""
    return raw[: least.start()] + f"{lead}{bound.bound}{tail}{space}" + rest


def inserted_bound_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a bound put in front of a rule's moment; None when the
    change puts none."""
    bound = inserted_bound(facts)
    if bound is None:
        return None
    return (
        f"the new prompt puts a bound in front of the moment the rule counts from (it says "
        f"“{bound.rule.new}”): text giving the rule from “{bound.link} … {bound.noun}” with no "
        f"bound says “{bound.bound} {bound.link} …” there, and a claim that the least amount "
        f"counts (“even by a day”) says “by {bound.bound}” instead; everything else stays"
    )
