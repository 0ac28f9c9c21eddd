"""An option taken out of a list of options for everyone: "We accept card, bank transfer or
cheque." became "We accept card or bank transfer." (or a tool's schema lost the value: `method`
enum without `cheque`), and the change's condition is the option itself (`pay_method = cheque`):
customers who choose it are now turned to the others.

KB text offering the option is wrong: a list of three or more naming it ("by card, by bank
transfer or by cheque"; a table cell "Card, bank transfer or cheque") loses it, the joining
words kept right (`categorylist.without_listed`); two alternatives ("by card or by cheque")
keep the other; a list item, a table row or a sentence about the option alone ("- Cheque: make
it payable to …", "Cheques usually take three working days to clear") goes, and a count the
list's lead gives ("three ways to pay:") counts one fewer. A sentence denying the option
("We never send refunds by cheque") was true before and still is: it stays. Anything else
naming the option is flagged for a writer.

Pure text helpers: `facts` adds the prompt's narrowed list sentence to the change's rules
(`optionlist.option_rules`), `impact` marks the units (`dropped_option_conflicts`), the
template drafter writes the edit (`dropped_option_edit`), and a drafting model is told the
same fact (`dropped_option_fact`) and its edit still offering the option is refused
(`still_offered`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.detect.quantities import CARDINALS, count_words
from behaviordiff.drafting.carveout import (
    CLAIM_ALL,
    carved_out,
    claim_reach,
    excepted,
    place_claim,
)
from behaviordiff.drafting.categorylist import without_listed
from behaviordiff.drafting.claimsubject import names_topic, tag_stems
from behaviordiff.drafting.movedgroup import moved_group
from behaviordiff.drafting.optionlist import (
    CANT_TAKE,
    DENIED,
    narrows,
    option_pattern,
    option_value,
    said_refused,
    said_withdrawn,
    still_offers,
    topic_only,
    withdrawn,
)
from behaviordiff.drafting.rules import to_you
from behaviordiff.drafting.text import (
    LIST_MARKER,
    Unit,
    plain_text,
    rewrite_claims,
    terms,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule
    from behaviordiff.drafting.impactview import ImpactView

DROPPED_REASON = "offers an option the new prompt no longer takes"

_MARKER = re.compile(rf"^\s*(?:{LIST_MARKER}\s+)?")
_LEAD_WORDS = 3
"""How far into a unit the option may stand and the unit still be about it alone."""
_OPTION_CASE = re.compile(
    r"^(?:if|when|whenever|where)\s+(?:you|they|the\s+\w+|\w+s)\s+\w+\s*$", re.I
)
"""The start of a sentence about the option alone ("If you pay in cash, …")."""
_ITEM = r"(?:(?:an?|the|your|our)[ \t]+)?[A-Za-z][\w'’-]*(?:[ \t]+[A-Za-z][\w'’-]*){0,2}"
_LIST_OF_THREE = re.compile(rf"{_ITEM}(?:,\s+{_ITEM})+,?\s+(?:or|and)\s+{_ITEM}")
_LIST_WINDOW = 120
_CALL_GONE = re.compile(r"describes `[^`]{1,80}`, which the new agent no longer does$")
_COUNT = re.compile(r"\b(\d+|[a-z]+)(?=\s+[a-z][\w'’-]*s\b)", re.I)


@dataclass(frozen=True)
class DroppedOption:
    """An option no longer taken (see the module docstring)."""

    option: str
    """The option in words, as the condition's value says it ("cheque", "bank transfer")."""
    rule: str
    """The prompt sentence that says so: the narrowed list ("We accept card or bank
    transfer.") or the schema's summary."""
    kin: frozenset[str] = frozenset()
    """When the option was read from the prompt alone (a topic-only change): the content
    words of the sentences that listed and refuse it. A KB unit offers it only sharing one
    ("a cash machine by the door" is on another topic); empty: no such test."""
    elsewhere: tuple[frozenset[str], ...] = ()
    """The content words of each sentence the new prompt keeps that still offers the option
    somewhere else ("Branch libraries take cash or card as well."): a KB unit saying that
    rule, more than the refused one, still holds."""
    service: frozenset[str] = frozenset()
    """When the option is a condition's value: what the list it left is a list of, as stems
    (the narrowed sentence's words but the option's, its prompt section, the topic tags and
    the calls the change stops or starts). A KB unit naming the option as what sets another
    thing apart, whose item, headings and paragraph name none of them, is about something
    else ("Our Northern Ireland stockist keeps the colour cards" when delivery to Northern
    Ireland stopped); empty: no such test."""

    kinds: frozenset[str] = frozenset()
    """When the option is a condition's value: the stems of what the values are kinds of (the
    condition's variable: "region"), so a claim for every one of them ("every UK region")
    claims the option too."""
    doing: frozenset[str] = frozenset()
    """When the option is a condition's value: the stems of what the service does to it
    (the narrowed sentence's words also said by its prompt section, the calls or the topic
    tags: "deliver"), never the old sentence's claim for everywhere ("anywhere", "UK") nor
    its items. A claim for everywhere not naming the option is the service's only when it
    says one of them outside the claim's clause ("We deliver anywhere in the UK", not
    "Wherever you are in the UK, you can call us"); empty: no claim is read."""
    named: str = ""
    """The option as the old prompt writes it, its determiner kept ("the Scottish islands"):
    what a claim for everywhere names as its exception; empty: the option itself."""
    siblings: frozenset[str] = frozenset()
    """The stems of the other items of the old list the option stood in ("england", "wales"
    of "England, Wales, Scotland and Northern Ireland"): a claim for everywhere reaching only
    one of them ("anywhere in England") does not reach the option, and takes no exception."""

    short: str = ""
    """When the option is the prompt's spelling of a shorter condition value ("student
    identity card" of `student_id`): that value in words ("student id"); the KB may write
    either ("a student ID card"). Empty otherwise."""
    lost: frozenset[str] = frozenset()
    """The stems the old replies of the change's probes said and no new reply says (the
    "receipt" a cash payer was told the driver writes): a clause beside the option's saying
    those goes with it; a clause saying other things is another fact, which stays true."""

    def pattern(self) -> re.Pattern[str]:
        """The option as a word of its own, singular or plural, with the preposition it takes
        in a list ("by cheque"); spelled out, also as its value writes it ("student ID card",
        "student ID")."""
        if not self.short:
            return option_pattern(self.option)
        spelled, value = self.option.split(), self.short.split()
        # the spelled item with the value's short words ("student id card")
        mixed = " ".join([*value, *spelled[len(value) :]])
        forms = dict.fromkeys([self.option, mixed, self.short])
        return re.compile("|".join(option_pattern(form).pattern for form in forms), re.I)


_KEPT_SHARED = 2
"""Words beyond the option a KB unit shares with a kept prompt sentence offering it, to say
that sentence's rule."""


def dropped_option(facts: ChangeFacts) -> DroppedOption | None:
    """The option a change stops taking for everyone, or None: its condition is one word
    value, and a prompt sentence of its rules took that value out of its list, or a tool
    schema of its rules lost it; or its condition is a topic alone and a prompt sentence of
    its rules took one option out of its list, saying it is refused."""
    if not (facts.before_actions or facts.after_actions) or facts.moved:
        # an option no longer taken stops the call it was taken with, or sends its customers
        # another way (a call starts)
        return None
    if topic_only(facts.conditions):
        return _withdrawn_for_topic(facts)
    if moved_group(facts) is not None:
        # out of one group's list and into another's: moved, not dropped
        return None
    value = facts.category_values() and option_value(facts.conditions)
    if not value:
        return None
    for rule in facts.rules:
        narrowing = rule.kind == "sentence_changed" and rule.old and rule.new
        if not narrowing:
            continue
        # the value may be short for the list's item ("national_id" for "an EU national
        # identity card"): the item's words it begins, to the end of the item
        option = value
        if not narrows(str(rule.old), str(rule.new), option):
            option = spelled_out(value, str(rule.old)) or ""
        if option and narrows(str(rule.old), str(rule.new), option):
            if _kept_elsewhere(facts, option):
                # still sold or served in a sentence the change left: one rule's list lost
                # it ("Any curtains, ready-made or made-to-measure, can be returned" →
                # "Ready-made curtains can be returned"), the option itself stays
                return None
            return DroppedOption(
                option,
                str(rule.new),
                service=_service(facts, rule, option),
                doing=_doing(facts, rule, option),
                short=value if _cut_short(value, option) else "",
                kinds=_kinds(facts),
                named=_as_named(option, str(rule.old)),
                siblings=frozenset(_list_words(str(rule.old), option) - set(terms(option))),
                lost=_lost(facts),
            )
    for rule in facts.rules:
        removed = str(rule.old or "").replace("_", " ").lower()
        schema = rule.kind == "tool_changed" and "enum" in rule.summary
        if schema and rule.new is None and removed == value:
            return DroppedOption(value, rule.summary)
    return None


def _lost(facts: ChangeFacts) -> frozenset[str]:
    """The stems said in the change's old replies and in none of its new ones."""
    old: set[str] = set()
    new: set[str] = set()
    for excerpt in facts.excerpts:
        old.update(terms(excerpt.old[:_REPLY_CHARS]))
        new.update(terms(excerpt.new[:_REPLY_CHARS]))
    return frozenset(old - new)


_REPLY_CHARS = 4000
"""The part of a reply read for what it said: a reply is short; the input may not be."""


def _kinds(facts: ChangeFacts) -> frozenset[str]:
    """The stems of the condition's category variables' names ("region" of `delivery_region`):
    what the option is one of."""
    return frozenset(
        word
        for atom in (facts.conditions[0].atoms if facts.conditions else ())
        if atom.op in ("=", "in") and not atom.feature.startswith("tag:")
        for word in terms(atom.feature.split(".")[-1].replace("_", " "))
        if len(word) > 2
    )


def _as_named(option: str, sentence: str) -> str:
    """The option as `sentence` writes it, with "the" when it has one ("the Scottish islands");
    the option itself when the sentence does not name it."""
    found = option_pattern(option).search(sentence)
    if found is None:
        return option
    said = " ".join(found.group(0).split())
    return f"the {said}" if re.search(r"\bthe\s+$", sentence[: found.start()], re.I) else said


def _claims_everywhere(option: DroppedOption, text: str) -> re.Match[str] | None:
    """The claim of a KB sentence not naming the option that the service reaches every place
    or kind (`carveout.place_claim`: "We deliver anywhere in the UK"): the sentence says what
    the service does (a word of `DroppedOption.doing`) outside the claim's clause, and denies
    nothing. None otherwise: a claim for everywhere about another thing ("Wherever you are in
    the UK, you can call us free"; "Our sheds are guaranteed, wherever you live"; "Returns are
    collected from anywhere we delivered to") stays."""
    if not option.doing or not option.kinds:
        return None
    stripped = text.strip()
    if stripped.startswith(("#", "|")) or stripped.endswith("?") or DENIED.search(text):
        return None
    if option.pattern().search(text):
        return None
    claim = place_claim(text, option.kinds)
    if claim is None:
        return None
    start, end = claim_reach(text, claim.start())
    if option.siblings & set(terms(text[start:end])):
        return None  # "anywhere in England": one of the option's siblings, not every place
    beside = terms(text[:start] + " " + text[end:])
    if not any(_same_stem(word, doing) for word in beside for doing in option.doing):
        return None
    return claim


def _same_stem(word: str, other: str) -> bool:
    """Whether two stems are one word's ("deliver", "delivery"): equal, or five letters or
    more alike from their start."""
    return word == other or (len(word) >= 5 and len(other) >= 5 and word[:5] == other[:5])


def _doing(facts: ChangeFacts, rule: Rule, option: str) -> frozenset[str]:
    """`DroppedOption.doing`: the words of the narrowed old sentence, but its items, its verb
    of taking and its claims for everywhere with their clauses ("anywhere in the UK"), that
    the calls or the topic tags also say ("deliver" of "We deliver sheds anywhere in the UK"
    with `book_delivery`), or else its prompt section: what the service does, not what it
    reaches."""
    old = str(rule.old)
    reached: set[str] = set()
    for claim in CLAIM_ALL.finditer(old[:_MAX_SENTENCE]):
        start, end = claim_reach(old, claim.start())
        reached.update(terms(old[start:end]))
    not_doing = set(terms(option)) | _list_words(old, option) | _TAKING | reached
    said = {word for word in terms(old[:_MAX_SENTENCE]) if len(word) > 2} - not_doing
    calls = [
        action.name.replace("_", " ") for action in (*facts.before_actions, *facts.after_actions)
    ]
    # the calls and tags name the action; a section may name the thing too ("Boiler
    # installs"), so it is read only when they share no word with the sentence
    for topic in (set(terms(" ".join(calls))) | tag_stems(facts), set(terms(rule.section or ""))):
        doing = frozenset(word for word in said if any(_same_stem(word, other) for other in topic))
        if doing:
            return doing
    return frozenset()


_MAX_SENTENCE = 2000
"""The longest old prompt sentence whose claims are read."""


def _cut_short(value: str, option: str) -> bool:
    """Whether the option spells out a word the value cuts short ("id" of "identity"), not
    only a plural or the words after it ("laptop" of "laptops alike"): the KB may then write
    the value's short form for the option."""
    pairs = zip(value.split(), option.split(), strict=False)
    return any(
        word != spelled and spelled not in (word + "s", word + "es") for word, spelled in pairs
    )


_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_NOT_ITEM = frozenset(
    [
        *("or", "and", "but", "so", "as", "for", "to", "in", "at", "on", "with", "by", "from"),
        *("of", "if", "when", "while", "that", "which", "who"),
    ]
)
"""Words that end a listed item where they follow it ("a student card as a deposit")."""


def spelled_out(value: str, sentence: str) -> str | None:
    """The words of a listed item a condition's value is short for: each word of the value
    begins a word of the sentence, in a row, one of them cut short ("national id" →
    "national identity"), and the
    item goes on to its end (a mark, or a word joining or following an item: "or", "as"):
    "national identity card". None when the value's words are not found so, or the item runs
    long."""
    wanted = value.lower().split()
    if not wanted or len(sentence) > 1000:
        return None
    words = list(_WORD.finditer(sentence))
    for at in range(len(words) - len(wanted) + 1):
        run = words[at : at + len(wanted)]
        if not all(w.group().lower().startswith(v) for w, v in zip(run, wanted, strict=True)):
            continue
        if all(w.group().lower() == v for w, v in zip(run, wanted, strict=True)):
            return None  # the value as written: no shorthand to spell out
        end = run[-1].end()
        for word in words[at + len(wanted) :]:
            gap = sentence[end : word.start()]
            if gap.strip() or word.group().lower() in _NOT_ITEM:
                break
            end = word.end()
        spelled = sentence[run[0].start() : end]
        return spelled.lower() if len(spelled.split()) <= len(wanted) + 2 else None
    return None


_TAKING = frozenset(
    terms(
        "take takes taking accept accepts offer offers provide provides order orders ordering "
        "book books booking sell sells serve serves handle handles welcome welcomes use uses "
        "make makes get gets have has can do does"
    )
)
"""What a list of options says of them (it takes, accepts, books them), not what they are for:
"We take orders for delivery to …" is a list of places delivered to."""
_JOINS = re.compile(r",\s+(?:or\s+|and\s+)?|\s+(?:or|and)\s+")


def _list_words(sentence: str, option: str) -> set[str]:
    """The stems of the items of the list of three or more the option stood in ("England,
    Scotland, Wales and Northern Ireland"), read in a window around it (`_in_list`'s): the
    other options, not what they are options for. A first item takes no more words than the
    shortest other one ("delivery to England" is read as "England")."""
    found = option_pattern(option).search(sentence)
    if found is None:
        return set()
    start = max(0, found.start() - _LIST_WINDOW)
    window = sentence[start : found.end() + _LIST_WINDOW]
    at = found.start() - start
    words: set[str] = set()
    for listed in _LIST_OF_THREE.finditer(window):
        if not listed.start() <= at < listed.end():
            continue
        items = [item.split() for item in _JOINS.split(listed.group(0)) if item.strip()]
        if len(items) < 2:
            continue
        shortest = min(len(item) for item in items[1:])
        for item in [items[0][-shortest:], *items[1:]]:
            words.update(terms(" ".join(item)))
    return words


def _service(facts: ChangeFacts, rule: Rule, option: str) -> frozenset[str]:
    """What the narrowed list is a list of (`DroppedOption.service`): the content words of its
    sentence but its items and its verb of taking, its section, the calls and the topic tags."""
    calls = [
        action.name.replace("_", " ") for action in (*facts.before_actions, *facts.after_actions)
    ]
    old = str(rule.old)
    said = " ".join([old, str(rule.section or ""), *calls])
    not_service = set(terms(option)) | _list_words(old, option) | _TAKING
    return frozenset(set(terms(said)) - not_service) | frozenset(tag_stems(facts))


def _kept_elsewhere(facts: ChangeFacts, option: str) -> bool:
    """Whether a sentence of the new prompt the change left as it was still names the option
    in a clause denying nothing ("made-to-measure curtains take 3 weeks to make")."""
    changed = {" ".join(str(rule.new).split()) for rule in facts.rules if rule.new}
    return any(
        " ".join(kept.split()) not in changed and still_offers(kept, option)
        for sentences in facts.prompt_sections.values()
        for kept in sentences
    )


def _withdrawn_for_topic(facts: ChangeFacts) -> DroppedOption | None:
    """The one option a sentence of a topic-only change's rules took out of its list and says
    is refused ("You can pay in cash or by card." → "We no longer take cash; pay by card.")."""
    found = set()
    # the refusal may be a sentence of its own beside the narrowed list ("Charges can be paid
    # by card or contactless." with "Tell them the van can't take cash.")
    beside = [str(rule.new) for rule in facts.rules if rule.new]
    for rule in facts.rules:
        if rule.kind == "sentence_changed" and rule.old and rule.new:
            option = withdrawn(str(rule.old), str(rule.new))
            if option is not None and any(
                said_withdrawn(text, option) or said_refused(text, option)
                for text in [str(rule.new), *beside]
            ):
                found.add((option, str(rule.new)))
    if len({option for option, _ in found}) != 1:
        return None
    option, sentence = sorted(found)[0]
    said = " ".join(f"{r.old} {r.new}" for r in facts.rules if r.kind == "sentence_changed")
    own = frozenset(terms(option))
    changed = {" ".join(str(rule.new).split()) for rule in facts.rules if rule.new}
    elsewhere = tuple(
        frozenset(terms(kept)) - own
        for sentences in facts.prompt_sections.values()
        for kept in sentences
        if " ".join(kept.split()) not in changed and still_offers(kept, option)
    )
    return DroppedOption(option, sentence, frozenset(terms(said)) - own, elsewhere)


def _lead(text: str) -> str:
    return _MARKER.sub("", text, count=1)


def offers(option: DroppedOption, text: str) -> bool:
    """Whether a KB sentence, item or row names the option as one still taken: named, and
    nothing in it denies something (a denial naming it, "we never send refunds by cheque",
    was true before and is still)."""
    if text.rstrip().endswith("?"):
        return False
    said = frozenset(terms(text))
    if option.kin and not option.kin & said:
        return False  # the same word on another topic
    kept = max((len(said & words) for words in option.elsewhere), default=0)
    if kept >= _KEPT_SHARED and kept > len(said & option.kin):
        return False  # the rule the new prompt keeps for another place or case
    return bool(option.pattern().search(text)) and not DENIED.search(text)


_DETERMINER = re.compile(r"\b(?:our|the|a|an|your|their|its|this|that)\s+$", re.I)
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:and|or|but|is|are|was|were|to|for|in|on|at|by|with|only|too|as|if)\b)[a-z]"
)


def _as_modifier(option: DroppedOption, text: str) -> bool:
    """Whether a unit names the option only as what sets apart another thing ("Our Northern
    Ireland stockist", "the Mexico showroom"): after a determiner, before a word of its own."""
    found = list(option.pattern().finditer(text))
    return bool(found) and all(
        _DETERMINER.search(text[max(0, each.start() - 8) : each.start()])
        and _NOUN_AFTER.match(text, each.end())
        for each in found
    )


_ABOUT_MAX = 4000
"""The most of a paragraph read as what one of its units is said under."""
_HEADINGS_MAX = 6
"""The most headings above a unit read as what it is said under (the nearest)."""


class _ServiceNamed:
    """Whether a unit is said under words naming the service (`DroppedOption.service`): its
    paragraph near it (up to `_ABOUT_MAX` characters either side), the headings above it or
    its item's title. A paragraph is read in blocks of `_ABOUT_MAX` characters, each block and
    each run of headings read and tested once however many units name the option (linear)."""

    def __init__(self, service: frozenset[str], text: str, title: str) -> None:
        self._service = service
        self._text = text
        self._title = title
        self._breaks = [found.start() for found in _PARAGRAPH_BREAK.finditer(text)]
        self._blocks: dict[int, bool] = {}
        self._headings: dict[tuple[str, ...], bool] = {}

    def _paragraph(self, unit: Unit) -> tuple[int, int]:
        at = bisect_right(self._breaks, unit.start)
        start = self._breaks[at - 1] if at else 0
        end = self._breaks[at] if at < len(self._breaks) else len(self._text)
        return start, max(end, unit.end)

    def _block(self, start: int, end: int) -> bool:
        if start not in self._blocks:
            said = terms(self._text[start : min(end, start + _ABOUT_MAX)])
            self._blocks[start] = names_topic(self._service, set(said))
        return self._blocks[start]

    def __call__(self, unit: Unit, headings: tuple[str, ...]) -> bool:
        if headings not in self._headings:
            said = set(terms(" ".join([*headings, self._title])))
            self._headings[headings] = names_topic(self._service, said)
        if self._headings[headings]:
            return True
        start, end = self._paragraph(unit)
        first = max(start, unit.start - _ABOUT_MAX)
        last = min(end, unit.end + _ABOUT_MAX)
        block = start + (first - start) // _ABOUT_MAX * _ABOUT_MAX
        while block < last:
            if self._block(block, end):
                return True
            block += _ABOUT_MAX
        return False


_PARAGRAPH_BREAK = re.compile(r"\n\n")


def _headings_above(item_units: Sequence[Unit]) -> list[tuple[str, ...]]:
    """For each unit, the nearest `_HEADINGS_MAX` headings above it, read in one pass."""
    above: list[tuple[str, ...]] = []
    seen: tuple[str, ...] = ()
    for unit in item_units:
        above.append(seen)
        if unit.raw.lstrip().startswith("#"):
            seen = (*seen, unit.text)[-_HEADINGS_MAX:]
    return above


def _offering(option: DroppedOption, item_units: Sequence[Unit], text: str, title: str) -> set[int]:
    """The indexes of the units offering the option (`offers`), but a unit naming it only as
    what sets another thing apart (`_as_modifier`) when neither it, its paragraph, its headings
    nor its item's title (`text`, `title`) names what the option was dropped from."""
    above = _headings_above(item_units) if option.service and text else []
    named = _ServiceNamed(option.service, text, title)
    return {
        index
        for index, unit in enumerate(item_units)
        if (
            offers(option, unit.text)
            and not (above and _as_modifier(option, unit.text) and not named(unit, above[index]))
        )
        or _claims_everywhere(option, unit.text) is not None
    }


def dropped_option_conflicts(
    facts: ChangeFacts,
    item_units: list[Unit],
    found: list[Any],
    conflict: Callable[..., Any],
    text: str = "",
    title: str = "",
) -> list[Any]:
    """For an option no longer taken (`dropped_option`), `found` with the units offering it
    marked for it (their other reasons replaced). A unit naming the option only as what sets
    another thing apart (`_as_modifier`) offers it when its item (`text`, `title`) names
    what the option was dropped from near it (`DroppedOption.service`)."""
    option = dropped_option(facts)
    if option is None:
        return found
    marked = _offering(option, item_units, text, title)
    kept = []
    for each in found:
        # the call stays for the options left: describing it is no conflict
        reasons = tuple(reason for reason in each.reasons if not _CALL_GONE.match(reason))
        if each.unit_index not in marked and reasons:
            kept.append(conflict(each.unit_index, each.sentence, reasons))
    mine = [conflict(index, item_units[index].text, (DROPPED_REASON,)) for index in marked]
    return sorted([*kept, *mine], key=lambda each: each.unit_index)


def _about_option(option: DroppedOption, raw: str) -> bool:
    """A list item, row or sentence about the option alone: it opens with it (its label,
    its subject, its first cell)."""
    body = raw.strip()
    if body.startswith("|"):
        cells = [cell.strip() for cell in body.strip("|").split("|")]
        return bool(cells) and option.pattern().fullmatch(cells[0]) is not None
    found = option.pattern().search(_lead(body))
    if found is None:
        return False
    # a case of its own: "If you pay in cash, we'll give you a receipt there and then."
    case = _OPTION_CASE.match(_lead(body)[: found.start()])
    return case is not None or len(_lead(body)[: found.start()].split()) < _LEAD_WORDS


_OR_WORDS = frozenset(["either", "otherwise", "alternative", "instead", "rather", "else"])
"""Words (stems) that set what a sentence says beside another way: the sentence is no longer
about the option alone."""
_OR = re.compile(r"\bor\b", re.I)


def _option_alone(option: DroppedOption, raw: str) -> bool:
    """A sentence of running text saying the act the list was of with the option and nothing
    else ("Most of our customers simply have the money ready and pay our driver in cash once
    the bags are unloaded; he'll write you a receipt there and then."): it names the option
    once, none of the other items of the old list (`siblings`), and a word of what the
    values are kinds of or what the service is ("pay", "payment"), with no "or" setting
    another way beside it. With no other item known, nothing is read. Its other clauses
    (after a semicolon or colon) are checked apart: see `_kept_clause`."""
    body = raw.strip()
    if not option.siblings or not body or _LISTED.match(raw):
        return False
    if len(option.pattern().findall(body)) != 1:
        return False
    said = set(terms(body))
    if said & option.siblings or said & _OR_WORDS or _OR.search(body):
        return False
    return bool(said & (option.kinds | option.service | option.doing))


_CLAUSE_BREAK = re.compile(r"[;:]\s")


def _kept_clause(option: DroppedOption, raw: str) -> bool:
    """Whether a sentence about the option alone has a clause not naming it that says
    something the new replies still say, or nothing the change's replies show lost ("…; it
    prints your ticket straight away", "…: you need it to leave"): another fact, true
    whatever the way of paying. Deleting the sentence would lose it, so it is a writer's.
    A clause saying mostly what the old replies said and no new one does ("he'll write you
    a receipt there and then") goes with the option."""
    body = raw.strip()
    if len(body) > _MAX_ALONE:
        return True
    for clause in _CLAUSE_BREAK.split(body):
        if option.pattern().search(clause):
            continue
        words = set(terms(clause))
        if not words:
            continue
        if 2 * len(words & option.lost) < len(words):
            return True
    return False


_PAID_FOR = re.compile(
    r"\b(?P<doing>[A-Za-z]+)\s+for\s+(?:the|your|a|an|our)\s+(?P<what>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*)?)",
    re.I,
)
"""The act done for a thing the sentence names ("pay for the car wash")."""


def _for_other_thing(option: DroppedOption, raw: str) -> bool:
    """Whether a sentence about the option alone says the act for a thing of its own that
    the change's service words do not name ("You can pay for the car wash with coins"):
    another service, which may still take the option; a writer's, never deleted."""
    service = option.service | option.kinds | option.doing | option.kin
    for found in _PAID_FOR.finditer(raw[:_MAX_ALONE]):
        if not set(terms(found.group("doing"))) & service:
            continue
        if not set(terms(found.group("what"))) & service:
            return True
    return False


_MAX_ALONE = 2000
"""The longest sentence read as about the option alone: a sentence, not a section."""


_ALTERNATIVE_LEAD = re.compile(
    r"^(?P<lead>\s*)(?:if\s+you(?:'|’)?d\s+(?:rather|prefer)|if\s+you\s+would\s+(?:rather|prefer)"
    r"|if\s+you\s+prefer|alternatively|otherwise|or\s+else)\s*,\s*(?P<rest>\S)",
    re.I,
)
"""The opening of a sentence offering another way than the one said before it ("If you'd
rather, we can take a card payment …")."""


def _without_alternative_lead(raw: str) -> str | None:
    """A sentence opening on another way than the one before it, said without that opening
    once the one before it is gone ("If you'd rather, we can take …" → "We can take …");
    None when it opens otherwise."""
    found = _ALTERNATIVE_LEAD.match(raw)
    if found is None:
        return None
    return found.group("lead") + found.group("rest").upper() + raw[found.end() :]


def _without_alternative(option: DroppedOption, raw: str) -> str | None:
    """Two alternatives ("by card or by cheque", "cheque or card") said as the other one."""
    words = option.pattern().pattern
    item = r"[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}"
    after = re.compile(rf"(?P<other>{item})\s+or\s+(?:{words})", re.I)
    before = re.compile(rf"(?:{words})\s+or\s+(?P<other>{item})", re.I)
    for pattern in (after, before):
        found = list(pattern.finditer(raw))
        if len(found) == 1:
            one = found[0]
            paired = re.match(r",\s+(?:or|and)\s", raw[one.end() :]) is not None
            if re.search(r",\s*$", raw[: one.start()]) and not paired:
                # the end of a longer list written unalike: a writer's; a pair that is one
                # item of its list ("…, in cash or by card, or online") is said as the other
                return None
            return raw[: one.start()] + one.group("other") + raw[one.end() :]
    return None


_LAST_JOIN = re.compile(r",\s+(?P<join>or|and)\s+")
_TO_THE_END = re.compile(r"[^.;!?()]*+(?P<end>[.;!?]?)\s*+")


def _without_last(option: DroppedOption, raw: str) -> str | None:
    """The option as the last item of a list written unalike, to the end of its sentence ("by
    card with the link, by bank transfer (sort code …), or in cash at the front desk."): out,
    the item before it joined with "or" in its place."""
    joins = list(_LAST_JOIN.finditer(raw))
    if not joins:
        return None
    last = joins[-1]
    named = option.pattern().match(raw, last.end())
    tail = _TO_THE_END.fullmatch(raw, named.end()) if named is not None else None
    if tail is None:
        return None
    head = raw[: last.start()]
    depth, comma = 0, -1
    for at, char in enumerate(head):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            comma = at
    if comma < 0 or option.pattern().search(head):
        return None
    joined = head[:comma] + f", {last.group('join')} " + head[comma + 1 :].lstrip()
    return joined + tail.group("end") + raw[len(raw.rstrip()) :]


def _in_list(option: DroppedOption, raw: str) -> bool:
    """Whether the option stands in a list of three or more short items ("by email, by text
    message or by post"), read in a window around it (a list is short; the text may not be)."""
    found = option.pattern().search(raw)
    if found is None:
        return False
    start = max(0, found.start() - _LIST_WINDOW)
    window = raw[start : found.end() + _LIST_WINDOW]
    at = found.start() - start
    return any(listed.start() <= at < listed.end() for listed in _LIST_OF_THREE.finditer(window))


def _narrowed(option: DroppedOption, raw: str) -> str | None:
    """The unit without the option: out of its list, or gone ("") when about it alone."""
    if raw.lstrip().startswith("#"):
        return None  # a heading naming it: what its section becomes is a writer's call
    claim = _claims_everywhere(option, raw)
    if claim is not None:
        # a claim for everywhere not naming it ("We deliver anywhere in the UK"): it is the
        # claim's exception now
        return excepted(raw, claim, option.named or option.option)
    if _in_list(option, raw):
        # in a list, even near the start ("Book by phone, online or …"): out of it, or a
        # writer's when no rewrite takes it out (never the whole sentence gone); a claim for
        # everywhere naming it as included ("anywhere in the UK, the islands and Northern
        # Ireland included") names it as its exception instead
        listed = without_listed(raw, option.pattern(), set())
        return listed if listed is not None else carved_out(raw, option.pattern())
    if _about_option(option, raw) or _option_alone(option, raw):
        # the unit goes, unless running text with a clause saying another fact (a writer's)
        row = raw.lstrip().startswith("|") or _LISTED.match(raw) is not None
        if row:
            return ""
        return None if _kept_clause(option, raw) or _for_other_thing(option, raw) else ""
    return (
        _without_alternative(option, raw)
        or _without_last(option, raw)
        or carved_out(raw, option.pattern())
    )


def _count_of(word: str) -> int | None:
    return int(word) if word.isdigit() else CARDINALS.get(word.lower())


def _recounted(text: str, was: int) -> str | None:
    """`text` with its one count of `was` things ("three ways") made one fewer, written as it
    was (a digit or a word, its capital kept); None when it states no such count."""
    counts = [m for m in _COUNT.finditer(text) if _count_of(m.group(1)) == was]
    if len(counts) != 1 or was < 2:
        return None
    found = counts[0]
    word = found.group(1)
    now = str(was - 1) if word.isdigit() else count_words(was - 1)
    if now is None:
        return None
    if word[:1].isupper():
        now = now[:1].upper() + now[1:]
    return text[: found.start(1)] + now + text[found.end(1) :]


def _is_item(unit: Unit) -> bool:
    return re.match(rf"\s*{LIST_MARKER}\s", unit.raw) is not None


def _recount_lead(text_units: list[Unit], index: int, changes: dict[int, str]) -> None:
    """After a list item went: the list's lead giving its count ("There are three ways to
    pay:") counts one fewer."""
    if changes.get(index) != "" or not _is_item(text_units[index]):
        return
    first = index
    while first > 0 and _is_item(text_units[first - 1]):
        first -= 1
    last = index
    while last + 1 < len(text_units) and _is_item(text_units[last + 1]):
        last += 1
    lead = first - 1
    if lead < 0 or lead in changes:
        return
    recounted = _recounted(text_units[lead].raw, last - first + 1)
    if recounted is not None:
        changes[lead] = recounted


def _way_row(text_units: Sequence[Unit], index: int, instruction: str, verb: str) -> str | None:
    """A table row about the option with the cell under the header naming the action's verb
    ("| … | To move it |") saying the new way ("Move the session yourself on …"); None when
    the unit is no row or no one header cell names the verb."""
    raw = text_units[index].raw
    if not raw.lstrip().startswith("|") or index == 0:
        return None
    first = index
    while first > 0 and text_units[first - 1].raw.lstrip().startswith("|"):
        first -= 1
    if first == index:
        return None
    header = [cell.strip() for cell in text_units[first].raw.strip().strip("|").split("|")]
    stem = verb[:4].lower()
    columns = [
        at for at, cell in enumerate(header) if re.search(rf"\b{re.escape(stem)}", cell, re.I)
    ]
    cells = raw.rstrip("\n").split("|")
    if len(columns) != 1 or len(cells) != len(header) + 2:
        return None
    at = columns[0] + 1
    cells[at] = f" {instruction} "
    return "|".join(cells) + raw[len(raw.rstrip("\n")) :]


def dropped_option_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's units offering the option said without it; a unit no rewrite can say it in
    flags the item (body None). None when the change drops no option or the item offers
    none."""
    option = dropped_option(facts)
    if option is None:
        return None
    marked = [c.sentence for c in impact.conflicts if DROPPED_REASON in c.reasons]
    if not marked:
        return None
    failed: list[str] = []
    # what the agent is told to tell them ("tell them the van can't take cash") is said once,
    # after the first sentence of running text taken out of a list
    refusal = [refusal_sentence(facts, option)]

    def rewrite(raw: str) -> str | None:
        said = _narrowed(option, raw)
        if said is None:
            failed.append(" ".join(raw.split()))
        elif said and refusal[0] and not _LISTED.match(raw) and said.rstrip().endswith((".", "!")):
            end = len(said.rstrip())
            said = f"{said[:end]} {refusal[0]}{said[end:]}"
            refusal[0] = None
        return said

    way = self_serve_way(facts, option)

    def around(_text: str, text_units: list[Unit], index: int, changes: dict[int, str]) -> None:
        if way is not None and changes.get(index) == "":
            row = _way_row(text_units, index, way[1], way[2])
            if row is not None:
                # the option's row keeps its place: what it costs and takes still holds, the
                # way to do it is the new one
                changes[index] = row
                return
        _recount_lead(text_units, index, changes)
        after = index + 1
        if changes.get(index) == "" and after < len(text_units) and after not in changes:
            # the way the sentence after it was the other one to is gone with it
            unled = _without_alternative_lead(text_units[after].raw)
            if unled is not None and text_units[after].text not in marked:
                changes[after] = unled

    new_body = rewrite_claims(
        impact.item.body, impact.item.body_format, set(marked), rewrite, around
    )
    noun = impact.item.kind
    said = f"the new prompt says “{option.rule}”" if option.rule else "the new prompt drops it"
    if new_body is not None and not any(
        not unit.text.lstrip().startswith("#") for unit in units(new_body)
    ):
        # every sentence was about the option: whether the item goes is a writer's call
        new_body = None
    if new_body is None or failed:
        stuck = failed or marked
        return None, (
            f"Flagged for review: {option.option} is no longer taken ({said}), and no safe "
            "rewrite takes it out of " + ", ".join(f"“{sentence}”" for sentence in stuck)
        )
    return new_body, (
        f"{option.option[:1].upper()}{option.option[1:]} is no longer taken ({said}); this "
        f"{noun} still offers it in "
        + ", ".join(f"“{sentence}”" for sentence in marked)
        + ". The edit takes it out of each list, drops what was about it alone, and keeps "
        "everything else."
    )


_LISTED = re.compile(r"^\s*(?:\||#|[-*+]\s|\d+[.)]\s)")
_TOLD = re.compile(r"\b(?:tell|explain|say\s+so|let\s+(?:them|the\s+\w+)\s+know)\b", re.I)
_NO_LONGER_TAKES = re.compile(r"\bno\s+longer\s+(?:take|accept|handle)", re.I)
_TOLD_LEAD = re.compile(
    r"^(?:and\s+)?(?:tell|explain\s+to)\s+(?:them|the\s+\w+)\s+(?:that\s+)?|^explain\s+that\s+",
    re.I,
)


def refusal_sentence(facts: ChangeFacts, option: DroppedOption) -> str | None:
    """The prompt's own words that the option is no longer taken, as a sentence of the KB
    ("The vans no longer take cash."), when the prompt has the agent tell the customer so;
    None when it does not, or says it in no clause of its own."""
    texts = [str(rule.new) for rule in facts.rules if rule.new]
    if not any(_TOLD.search(text) and option.pattern().search(text) for text in texts):
        way = self_serve_way(facts, option)
        return way[0] if way is not None else None
    texts += [s for sentences in facts.prompt_sections.values() for s in sentences]
    for text in texts:
        for clause in _REFUSAL_SPLIT.split(text):
            clause = _TOLD_LEAD.sub("", clause.strip().rstrip("."))
            if "`" in clause or len(clause) > _REFUSAL_CHARS or _TOLD.match(clause):
                continue
            refused = _NO_LONGER_TAKES.search(clause) or CANT_TAKE.search(clause)
            if refused and option.pattern().search(clause):
                said = clause[:1].upper() + clause[1:]
                return said if said[-1:] in ".!" else said + "."
    return None


_SELF_SERVE = re.compile(
    r"^(?:don['’]t|do\s+not|never)\s+(?P<deny>[^:;]{3,120}?)\s*[:;,]\s*(?:instead\s*,?\s*)?"
    r"ask\s+(?:the|our)\s+(?:client|customer|guest|member|caller|user|patient|visitor|parent|"
    r"student|subscriber|buyer|shopper|rider|diner)s?\s+to\s+(?P<way>[^`]{3,200}?)\.?$",
    re.I,
)
"""A prompt sentence withdrawing an action for the option and sending the customer to do it
themselves: "Don't move course sessions in the chat: ask the client to move the session
themselves on the course planner at …"."""


def self_serve_way(facts: ChangeFacts, option: DroppedOption) -> tuple[str, str, str] | None:
    """(the KB's sentence, the way as an instruction, its verb) when the new prompt withdraws
    the action for the option and asks the customer to do it themselves elsewhere: "We don't
    move course sessions in the chat: move the session yourself on the course planner at …, which
    keeps your sessions 4 to 6 weeks apart.", "Move the session yourself on the course planner
    at …", "move". None when no sentence naming the option says so."""
    for rule in facts.rules:
        said = " ".join(str(rule.new or "").split())
        found = _SELF_SERVE.match(said)
        if found is None or not option.pattern().search(found["deny"]):
            continue
        way = to_you(found["way"].strip().rstrip("."))
        verb = way.split(" ", 1)[0].lower()
        if not verb.isalpha():
            continue
        instruction = way.split(", which", 1)[0].split(", so ", 1)[0]
        return (
            f"We don't {found['deny']}: {way}.",
            instruction[:1].upper() + instruction[1:],
            verb,
        )
    return None


_REFUSAL_CHARS = 80
_REFUSAL_SPLIT = re.compile(r"[:;.]\s+|,\s+and\s+|(?<!\s)\s++and\s+(?=tell\b)")


def dropped_rule(facts: ChangeFacts) -> str | None:
    """The new prompt's sentence saying the option is no longer taken ("We no longer take
    cheques: …"), else its narrowed list: what a note quotes as the new rule."""
    option = dropped_option(facts)
    if option is None:
        return None
    for rule in facts.rules:
        said = rule.new or ""
        named = rule.kind.startswith("sentence") and option.pattern().search(said)
        if named and DENIED.search(said) and "`" not in said.split(":")[0]:
            return said
    return option.rule if not option.rule.startswith("tool ") else None


def dropped_option_fact(facts: ChangeFacts) -> str | None:
    """The fact a drafting model is given: the option is no longer taken and what a right
    edit does."""
    option = dropped_option(facts)
    if option is None:
        return None
    written = f" (also when written “{option.short}”)" if option.short else ""
    return (
        f"{option.option}{written} is no longer taken (the new prompt: “{option.rule}”): take "
        "it out of every list of options (the joining words kept right), drop list items, rows and "
        "sentences about it alone, make a count of the options one fewer, and keep a "
        f"sentence denying something by {option.option} (still true)"
    )


def still_offered(facts: ChangeFacts, body: str, body_format: str, title: str = "") -> list[str]:
    """The units of an edited body that still offer the option no longer taken, read as the
    KB's are (`_offering`: a unit naming it only as what sets apart another thing, on another
    subject, offers nothing): what no drafter's edit may keep."""
    option = dropped_option(facts)
    if option is None:
        return []
    text = plain_text(body, body_format)
    body_units = units(text)
    return [body_units[index].text for index in sorted(_offering(option, body_units, text, title))]
