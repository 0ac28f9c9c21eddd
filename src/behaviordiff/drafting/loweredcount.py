"""A count allowance the prompt lowered: "Standard contract: two free fault callouts a year" became
"Standard contract: one free fault callout a year" (or "renewed twice" → "renewed once"), and the
change's condition is the band between the two counts (`contract = standard and 1 <=
callouts_used < 2`). A KB sentence giving the old count of the same allowance ("Standard
contracts include two free callouts every contract year", "On a Standard contract your first
two callouts … are free", a row "| Free fault callouts | Two a year | Unlimited |" under a
header naming Standard) gives the new one, written as the KB writes it (words stay words,
figures figures, "twice" becomes "once") with its noun and verb agreeing ("your first callout
… is free"). The same count of another allowance ("| Routine service visits | Twice a year |",
"two routine service visits a year"), or the count said of another category ("Comprehensive
contracts include two …"), is kept.

Pure text helpers: `impact` marks the sentences (`lowered_count_conflicts`), the template
drafter rewrites them (`lowered_count_edit`), a drafting model gets the same fact
(`lowered_count_fact`) and its edit the same check (`still_old_count`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from behaviordiff.detect.conditions import moved_bounds
from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.impactview import ImpactView, marked_edit
from behaviordiff.drafting.rules import table_header
from behaviordiff.drafting.text import (
    STOPWORDS,
    Unit,
    row_cells,
    stem,
    still_saying,
)
from behaviordiff.drafting.tiervalue import of_another_name

LOWERED_REASON = "gives the old count of an allowance the new prompt lowered"

_WORDS = {n: word for word, n in CARDINALS.items() if n <= 20}
_TIMES = {1: "once", 2: "twice"}
_COUNT = re.compile(
    r"(?<![\w£$€.,-])(?P<n>\d{1,3}|" + "|".join(sorted(CARDINALS, key=len, reverse=True)) + r")"
    r"(?![\w%-]|[.,]\d)|(?<![\w-])(?P<times>once|twice)(?![\w-])",
    re.I,
)
"""A whole count: a figure, a cardinal word, or "once"/"twice"."""
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_TOKEN = re.compile(r"[\w'-]+")
"""Tokens as `tiervalue.of_another_name` counts them (figures too)."""
_MAX_COUNTS = 8
_GENERIC = frozenset(
    {"free", "further", "extra", "additional", "paid", "more", "each", "every", "per"}
    | {"year", "month", "week", "day", "time", "calendar", "include", "get"}
)
"""Words after a count that do not say what it counts ("free", the period it runs over)."""
_PERIOD = frozenset({"year", "month", "week", "day", "term", "time"})
_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year", "working", "business"})
"""Words after a count in a cell that make it a span, not an allowance ("2 hours")."""
_AFTER_WORDS = 3
_PLURAL_VERBS = {
    "are": "is",
    "were": "was",
    "have": "has",
    "do": "does",
    "aren't": "isn't",
    "aren’t": "isn’t",
    "don't": "doesn't",
    "don’t": "doesn’t",
}
_CLAUSE_END = re.compile(r"[,;:.!?()]|\b(?:and|but|while|whereas)\b")
_DROPS_ONE = re.compile(r"\b(?:first|next|last|your|our|their|the|its|my)\s+$", re.I)
"""Words before a count that make "one" unsaid: "your first two callouts" → "your first callout",
"after your two free services" → "after your free service"."""


@dataclass(frozen=True)
class LoweredCount:
    """A count allowance a changed prompt sentence lowered, with what it counts and whom for."""

    rule: Rule
    old: int
    new: int
    head: str
    """The stem of the noun the count counts ("callout"), or of the verb for "twice"."""
    topic: frozenset[str]
    """Stems of the words saying what is counted ("fault", "callout")."""
    categories: tuple[str, ...]
    """The condition's category values the sentence names ("standard"): the count is theirs."""
    heads: frozenset[str] = frozenset()
    """`head` and the words of the banded variable's name (`services_this_year`: "service"):
    the KB may name the allowance by what the agent counts, not by the prompt's noun."""

    @property
    def nouns(self) -> frozenset[str]:
        return self.heads | {self.head}


def _said_like(count: int, like: str) -> str:
    """`count` written as `like` is: a figure, a word with its capital, "once"/"twice"."""
    if like.isdigit():
        return str(count)
    if like.lower() in ("once", "twice"):
        word = _TIMES.get(count) or f"{_WORDS.get(count, str(count))} times"
    else:
        word = _WORDS.get(count, str(count))
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def _value(found: re.Match[str]) -> int:
    if found["times"]:
        return 1 if found["times"].lower() == "once" else 2
    number = found["n"].lower()
    return int(number) if number.isdigit() else CARDINALS[number]


def _band(facts: ChangeFacts) -> tuple[int, int] | None:
    """The whole counts [low, high) of the first condition's one interval."""
    condition = facts.conditions[0] if facts.conditions else None
    if condition is None:
        return None
    bands = [atom for atom in condition.atoms if atom.op == "between"]
    if len(bands) != 1:
        return None
    low, high = bands[0].low, bands[0].high
    if not isinstance(low, int | float) or not isinstance(high, int | float):
        return None
    first = math.floor(low) + 1 if not bands[0].low_inclusive or low != int(low) else int(low)
    last = math.ceil(high) - 1 if not bands[0].high_inclusive or high != int(high) else int(high)
    return (first, last + 1) if first <= last else None


def _categories(facts: ChangeFacts, text: str) -> tuple[str, ...]:
    said = {stem(word.lower()) for word in _WORD.findall(text)}
    found: list[str] = []
    for atom in facts.conditions[0].atoms:
        values = atom.value if atom.op == "in" and isinstance(atom.value, tuple) else (atom.value,)
        if atom.op not in ("=", "in"):
            continue
        for value in values:
            if isinstance(value, str) and value and stem(value.lower()) in said:
                found.append(value.lower())
    return tuple(found)


def _counted(text: str, count: int) -> tuple[str, frozenset[str]] | None:
    """The head noun (stem) and the words the count `count` in `text` counts: the content
    words right after it up to the period it runs over; for "twice" the words of its clause
    before it ("renewed", "loan")."""
    for found in _COUNT.finditer(text):
        if _value(found) != count:
            continue
        if found["times"]:
            clause = _CLAUSE_END.split(text[max(0, found.start() - _REACH) : found.start()])[-1]
            words = [w.lower() for w in _WORD.findall(clause) if w.lower() not in STOPWORDS]
            words = [w for w in words if stem(w) not in _GENERIC and w not in CARDINALS]
            if words:
                return _root(words[-1]), frozenset(_root(w) for w in words)
            continue
        after = _WORD.findall(text[found.end() : found.end() + 60])[:_AFTER_WORDS]
        words = []
        for word in after:
            lowered = word.lower()
            if lowered in STOPWORDS or stem(lowered) in _PERIOD:
                break
            words.append(lowered)
        content = [w for w in words if stem(w) not in _GENERIC]
        if content:
            return _root(content[-1]), frozenset(_root(w) for w in content)
    return None


def lowered_count(facts: ChangeFacts) -> LoweredCount | None:
    """The count allowance a changed prompt sentence lowered from N to M, when the change's
    condition is exactly the counts [M, N) of one variable; None otherwise."""
    band = _band(facts)
    if band is None:
        return None
    for rule in facts.rules:
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        for was, now in moved_bounds([(rule.old, rule.new)]):
            if was.unit or not (was.value.is_integer() and now.value.is_integer()):
                continue
            old, new = int(was.value), int(now.value)
            if not 1 <= new < old or band != (new, old):
                continue
            counted = _counted(rule.old, old)
            if counted is None:
                continue
            head, topic = counted
            return LoweredCount(
                rule, old, new, head, topic, _categories(facts, rule.old), _variable_heads(facts)
            )
    return None


_NOT_COUNTED = frozenset({"used", "made", "taken", "had", "count", "number", "total", "so", "far"})
"""Words of a counting variable's name that do not say what it counts (`callouts_used`)."""


def _variable_heads(facts: ChangeFacts) -> frozenset[str]:
    """The stems of what the band's variable counts: `lookup_customer.services_this_year` ->
    "service"."""
    heads: set[str] = set()
    for atom in facts.conditions[0].atoms if facts.conditions else ():
        if atom.op != "between":
            continue
        for word in re.split(r"[^a-z]+", atom.feature.rsplit(".", 1)[-1].lower()):
            if (
                len(word) > 2
                and word not in STOPWORDS
                and word not in _NOT_COUNTED
                and stem(word) not in _GENERIC
                and _root(word) not in _PERIOD
            ):
                heads.add(_root(word))
    return frozenset(heads)


def _root(word: str) -> str:
    """A word's stem from its singular: "passes" and "pass" meet, as "callouts" and "callout"."""
    return stem(_singular(word.lower()))


def _same(word: str, stems: Collection[str]) -> bool:
    """Whether `word` is one of `stems` (`_root`), a noun and its verb alike ("renewals",
    "renew")."""
    said = _root(word)
    return any(
        said == one
        or (min(len(said), len(one)) >= 5 and (said.startswith(one) or one.startswith(said)))
        for one in stems
    )


def _names(words: str, stems: Collection[str]) -> bool:
    return any(_same(word, stems) for word in _WORD.findall(words))


def _singular(noun: str) -> str:
    lowered = noun.lower()
    if lowered.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x)es$", lowered):
        return noun[:-2]
    if lowered.endswith("s") and not lowered.endswith("ss"):
        return noun[:-1]
    return noun


_VERB = re.compile(r"(?<![\w'’])(?:are|were|have|do|aren['’]t|don['’]t)(?![\w'’])", re.I)
_REACH = 160
"""How far around a count its clause is read: a bounded window keeps hostile text linear."""


def _agreeing(text: str, start: int) -> tuple[int, int, str] | None:
    """The first plural verb of the clause from `start` on, said in the singular, as an edit
    (start, end, text) of `text`; None when the clause has none."""
    window = text[start : start + _REACH]
    end = _CLAUSE_END.search(window)
    found = _VERB.search(window, 0, end.start() if end is not None else len(window))
    if found is None:
        return None
    verb = found.group(0)
    said = _PLURAL_VERBS[verb.lower()]
    said = said[:1].upper() + said[1:] if verb[:1].isupper() else said
    return start + found.start(), start + found.end(), said


def _rewritten(limit: LoweredCount, text: str, *, cell: bool = False) -> str:
    """`text` with each old count of the allowance said as the new one, its noun and verb
    agreeing ("your first two callouts … are free" → "your first callout … is free"); `text`
    itself when it gives no such count. A table `cell` counts what its row or column names:
    no noun need follow ("Two a year")."""
    edits: list[tuple[int, int, str]] = []
    for found in _COUNT.finditer(text):
        if _value(found) != limit.old or (edits and found.start() < edits[-1][1]):
            continue
        start, end = found.span()
        said = _said_like(limit.new, found.group(0))
        if found["times"]:
            clause = _CLAUSE_END.split(text[max(0, start - _REACH) : start])[-1]
            if cell or _names(clause, limit.topic):
                edits.append((start, end, said))
            continue
        words = list(_WORD.finditer(text, end, min(len(text), end + 80)))[:_NOUN_REACH]
        noun = _phrase_noun(text, end, words, limit.nouns)
        if noun is None:
            following = words[0].group(0).lower() if words else ""
            if cell and text[end : end + 1] in (" ", "") and not _a_span(following):
                edits.append((start, end, said))
            continue
        if limit.new == 1 and limit.old > 1:
            if _DROPS_ONE.search(text[max(0, start - 12) : start]):
                gap = len(text[end:]) - len(text[end:].lstrip()) if end < len(text) else 0
                edits.append(
                    (start, end + min(gap, 1), "")
                )  # "first two callouts": "first callout"
            else:
                edits.append((start, end, said))
            edits.append((noun.start(), noun.end(), _singular(noun.group(0))))
            verb = _agreeing(text, noun.end())
            if verb is not None:
                edits.append(verb)
            continue
        edits.append((start, end, said))
    if limit.old == 2 and limit.new == 1:
        edits = _without_overlaps([*edits, *_both_said_once(limit, text)])
    if not edits:
        return text
    pieces: list[str] = []
    last = 0
    for start, end, said in edits:
        pieces += [text[last:start], said]
        last = end
    return "".join(pieces) + text[last:]


_NOUN_REACH = 5
_JOINS = frozenset({"and", "&"})
_BOTH = re.compile(r"(?<![\w'’-])both\s+(?:of\s+)?", re.I)
""""both (of)" before the allowance's noun: a count of two said without a number."""


def _a_span(word: str) -> bool:
    """Whether `word` after a count makes it a span ("2 working days"), not an allowance."""
    lowered = word.lower()
    return lowered in _UNITS or stem(lowered) in _UNITS or _root(lowered) in _UNITS


def _phrase_noun(
    text: str, end: int, words: Sequence[re.Match[str]], nouns: Collection[str]
) -> re.Match[str] | None:
    """The noun the count ending at `end` counts: the last of `nouns` in the phrase right after
    it ("two free collimation and clean services" -> "services"), the phrase ending at a
    function word, a period ("a year", "days'"), another count or a clause mark; None when it
    names none of them ("two of our callouts": another shape)."""
    found: re.Match[str] | None = None
    last = end
    for word in words:
        lowered = word.group(0).lower()
        if (
            _CLAUSE_END.search(text[last : word.start()])
            or (lowered in STOPWORDS and lowered not in _JOINS)
            or stem(lowered) in _PERIOD
            or _COUNT.fullmatch(lowered)
        ):
            break
        if _same(lowered, nouns):
            found = word
        last = word.end()
    return found


def _both_said_once(limit: LoweredCount, text: str) -> list[tuple[int, int, str]]:
    """ "both (of) this year's free services" said of an allowance lowered to one: "this year's
    free service", its verb agreeing."""
    edits: list[tuple[int, int, str]] = []
    for found in _BOTH.finditer(text):
        words = list(_WORD.finditer(text, found.end(), min(len(text), found.end() + 80)))
        last = found.end()
        for word in words[:_NOUN_REACH]:
            lowered = word.group(0).lower()
            if _CLAUSE_END.search(text[last : word.start()]) or lowered in _JOINS:
                break
            if _same(lowered, limit.nouns):
                if text[found.start()].isupper():
                    break  # "Both services …": the sentence would need recasing; left as is
                edits.append((found.start(), found.end(), ""))
                edits.append((word.start(), word.end(), _singular(word.group(0))))
                verb = _agreeing(text, word.end())
                if verb is not None:
                    edits.append(verb)
                break
            last = word.end()
    return edits


def _without_overlaps(edits: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    kept: list[tuple[int, int, str]] = []
    for edit in sorted(edits):
        if kept and edit[0] < kept[-1][1]:
            continue
        kept.append(edit)
    return kept


def _row_marked(limit: LoweredCount, row: str, header: str) -> bool:
    cells, heads = row_cells(row), row_cells(header)
    if len(cells) != len(heads) or len(cells) < 2:
        return False
    for index, (cell, head) in enumerate(zip(cells, heads, strict=True)):
        if index == 0 or _rewritten(limit, cell, cell=True) == cell:
            continue
        topic_said = _names(cells[0], limit.nouns) or _names(head, limit.nouns)
        if not topic_said:
            continue
        if limit.categories and not (
            _names(head, {_root(c) for c in limit.categories})
            or _names(cells[0], {_root(c) for c in limit.categories})
        ):
            continue
        return True
    return False


def _row_rewrite(limit: LoweredCount, raw: str, header: str) -> str:
    heads = row_cells(header)
    pieces = raw.split("|")
    inner = pieces[1:-1] if raw.strip().startswith("|") else pieces
    first = inner[0].strip() if inner else ""
    for index, cell in enumerate(inner):
        if index == 0 or index >= len(heads):
            continue
        topic_said = _names(first, limit.nouns) or _names(heads[index], limit.nouns)
        category = not limit.categories or _names(
            f"{heads[index]} {first}", {_root(c) for c in limit.categories}
        )
        if not (topic_said and category):
            continue
        said = _rewritten(limit, cell.strip(), cell=True)
        if said and said != cell.strip():
            inner[index] = cell.replace(
                cell.strip(), said[:1].upper() + said[1:] if cell.strip()[:1].isupper() else said
            )
    if raw.strip().startswith("|"):
        return "|".join([pieces[0], *inner, pieces[-1]])
    return "|".join(inner)


def _sentence_marked(limit: LoweredCount, sentence: str) -> bool:
    if _rewritten(limit, sentence) == sentence:
        return False
    if not limit.categories:
        return True
    if not _names(sentence, {_root(c) for c in limit.categories}):
        return False
    tokens = _TOKEN.findall(sentence)
    counts = [
        (index, token)
        for index, token in enumerate(tokens)
        if (found := _COUNT.fullmatch(token)) is not None and _value(found) == limit.old
    ]
    # the first few counts only: each is read against the whole sentence's clauses
    return any(
        not any(
            of_another_name(c.capitalize(), sentence, token, index, tokens)
            for c in limit.categories
        )
        for index, token in counts[:_MAX_COUNTS]
    )


_SHORT_ANSWER = 6
"""The most words a bare answer ("Twice a year.") has."""


def _answers_heading(limit: LoweredCount, item_units: Sequence[Unit], index: int) -> bool:
    """Whether the unit is a short answer opening on the old count ("Twice a year.") under a
    heading that names the allowance ("How often can I have it serviced for free?")."""
    text = item_units[index].text.strip()
    found = _COUNT.match(text)
    if found is None or _value(found) != limit.old or len(_WORD.findall(text)) > _SHORT_ANSWER:
        return False
    heading = next(
        (unit.text for unit in reversed(item_units[:index]) if unit.text.startswith("#")), ""
    )
    if not _names(heading, limit.nouns | limit.topic):
        return False
    return not limit.categories or _names(heading, {_root(c) for c in limit.categories})


def lowered_sentences(limit: LoweredCount, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units of an item giving the old count of the lowered allowance, by index, with the
    reason."""
    found: dict[int, str] = {}
    rows = [unit.text for unit in item_units]
    for index, unit in enumerate(item_units):
        header = table_header(rows, index)
        marked = (
            _row_marked(limit, unit.text, header)
            if header
            else not unit.text.lstrip().startswith("|")
            and (_sentence_marked(limit, unit.text) or _answers_heading(limit, item_units, index))
        )
        if marked:
            found[index] = (
                f"{LOWERED_REASON}: it gives {limit.old}; the new prompt says "
                f"“{limit.rule.new}” (it said “{limit.rule.old}”)"
            )
    return found


def lowered_count_conflicts(
    facts: ChangeFacts,
    item_units: Sequence[Unit],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the sentences and rows still giving the lowered allowance's old count
    marked (`LOWERED_REASON`)."""
    limit = lowered_count(facts)
    if limit is None:
        return found
    taken = {conflict.unit_index for conflict in found}
    added = [
        make(index, item_units[index].text, (reason,))
        for index, reason in lowered_sentences(limit, item_units).items()
        if index not in taken
    ]
    if not added:
        return found
    return sorted([*found, *added], key=lambda conflict: conflict.unit_index)


def lowered_count_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str, str] | None:
    """The template drafter's edit: each marked sentence and row gives the new count, every
    other byte kept; None when the item has other conflicts or a count cannot be said."""
    limit = lowered_count(facts)
    if limit is None or not impact.conflicts:
        return None
    units_ = list(impact.units)
    marked: dict[str, str] = {}
    rows = [unit.text for unit in units_]
    for index in lowered_sentences(limit, units_):
        unit = units_[index]
        header = table_header(rows, index)
        if header:
            said = _row_rewrite(limit, unit.raw, header)
        else:
            answer = _answers_heading(limit, units_, index)
            said = _rewritten(limit, unit.raw, cell=answer)
        if said == unit.raw:
            return None
        marked[unit.text] = said
    return marked_edit(
        impact,
        marked,
        lambda noun, quoted: (
            f"The prompt lowered the allowance from {limit.old} to {limit.new} "
            f"(“{limit.rule.old}” → “{limit.rule.new}”). This {noun} still gives the old count "
            f"in {quoted} The edit gives the new count there, and keeps everything else in the "
            f"{noun}."
        ),
    )


def still_old_count(
    facts: ChangeFacts, conflicting: Collection[str], old_body: str, body: str, body_format: str
) -> list[str]:
    """The sentences of an edited body that still give the lowered allowance's old count."""
    limit = lowered_count(facts)
    if limit is None:
        return []
    return still_saying(
        lambda unit: _sentence_marked(limit, unit.text),
        conflicting,
        old_body,
        body,
        body_format,
    )


def lowered_count_fact(facts: ChangeFacts) -> str | None:
    """The lowered allowance said as a drafting model's fact: what the template writes from."""
    limit = lowered_count(facts)
    if limit is None:
        return None
    whom = f" for {', '.join(limit.categories)}" if limit.categories else ""
    return (
        f"the prompt lowered an allowance{whom} from {limit.old} to {limit.new} "
        f"(“{limit.rule.old}” → “{limit.rule.new}”): text giving {limit.old} as that "
        f"allowance's count (in words, figures or 'once'/'twice', in a sentence or a table "
        f"cell) gives {limit.new} the same way, its noun and verb agreeing; the same number "
        f"for another allowance or another category stays"
    )
