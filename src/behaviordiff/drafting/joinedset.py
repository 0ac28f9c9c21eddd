"""A category added to the set an offer or service covers: "It is available for these ranges
only: hardbacks (hardback) and paperbacks (paperback)." became "… hardbacks (hardback),
paperbacks (paperback) and audiobooks (audio)", and "Audiobooks (audio) and e-books (ebook)
can't be gift-wrapped" became "E-books (ebook) can't be gift-wrapped", the change's condition
naming the category (`format = audio`).

A KB states the old set three ways: a list excluding the category beside others ("our
audiobooks and e-books can't be gift-wrapped", "(not audiobooks or e-books)"), the covered
list said as the whole set ("covers hardbacks and paperbacks only"), and a table row keyed by
the category with a refusing cell ("| Audiobooks | Not available |"). The edit takes the
category out of the exclusion (the others stay excluded), adds it to the covered list in the
KB's own words, and gives its row the cell a covered category's row has. The same category
named about another offer ("3 for 2 on audiobooks", "audiobooks included") is left alone: a
sentence is marked only when the category is in a list a negation governs, or the list is the
old covered set, on the changed rule's topic.

Pure text helpers: `impact` marks the sentences (`joined_conflicts`), the template drafter
rewrites them (`joined_edit`), and a drafting model gets the same fact (`joined_fact`) and
check (`still_excluded`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from behaviordiff.detect.quantities import CARDINALS
from behaviordiff.drafting.changememo import once_per_change
from behaviordiff.drafting.impactview import ImpactView, with_marks
from behaviordiff.drafting.text import (
    Unit,
    cell_text_spans,
    edit_body,
    plain_text,
    quoted,
    replace_units,
    row_cells,
    units,
)

if TYPE_CHECKING:
    from behaviordiff.drafting.facts import ChangeFacts, Rule

EXCLUDED_REASON = "excludes a category the new prompt now covers"
ONLY_REASON = "states the covered set without a category the new prompt now covers"
ROW_REASON = "gives a category the new prompt now covers a refusing cell"
COUNTED_REASON = "counts and lists the covered set without a category the new prompt now covers"

# a word of a list member, a short noun phrase: never a conjunction, a preposition or a verb
# that says what the list is ("covers", "gets you … except")
_WORD = (
    r"(?!(?:and|or|nor|not|but|so|because|only|can[’']?t|cannot|are|is|aren[’']?t|isn[’']?t|except|"
    r"excluding|including|of|for|on|to|with|in|at|by|from|than|as|like|be|get|gets|cover|"
    r"covers|include|includes)\b)[A-Za-z][\w'’-]*"
)
_MEMBER = rf"{_WORD}(?:\s+{_WORD}){{0,3}}?"
_SEP = r"(?:\s*,\s*(?:(?:and|or|nor)\s+)?|\s+(?:and|or|nor)\s+)"
_NEG_VERB = re.compile(
    r"\s+(?:can[’']?t|cannot|can\s+not|aren[’']?t|are\s+not|isn[’']?t|is\s+not|won[’']?t|"
    r"don[’']?t|do\s+not|doesn[’']?t|does\s+not|are\s+never|are\s+excluded|are\s+not\s+eligible)\b",
    re.I,
)
_NEG_LEAD = re.compile(
    r"\b(?:not|except(?:\s+for)?|excluding|other\s+than|apart\s+from|but\s+not)\s+"
    r"(?:(?:on|for|with)\s+)?(?:(?:our|the|any)\s+)?$",
    re.I,
)
_NEG_DOING = re.compile(
    r"\b(?:don[’']?t|do\s+not|can[’']?t|cannot|won[’']?t|never)\s+[a-z]+\s+"
    r"(?:(?:against|on|for|with|to|in)\s+)?(?:(?:our|the|any)\s+)?$",
    re.I,
)
"""A denial of doing what the covered set is for, right before a list ("we don't lend against
designer handbags, …"): the set's topic is in the words before the list."""
_ONLY = re.compile(
    r"^\s*(?:only|alone)\b|\b(?:only|just|solely|exclusively)\s+(?:(?:on|for|to|of)\s+)?(?:(?:our|the)\s+)?$",
    re.I,
)
_ONLY_CLAUSE = re.compile(
    r"\bonly\s+(?:[\w'’]+\s+){1,5}?(?:if|when)\s+(?:it[’']s|it\s+is|they[’']re|they\s+are)\s+"
    r"(?:(?:an?|the|our|your)\s+)?$",
    re.I,
)
"""An "only" governing the clause the list ends: "we can only take the booking if it's …"."""
_ONLY_AFTER = re.compile(r"^\s*(?:[A-Za-z]+\s+)?(?:are|is)\s+(?:the\s+)?only\b", re.I)
"""The list as the subject of "the only": "Medical and legal appointments are the only ones"."""
_NEG_MODAL = re.compile(
    r"\b(?P<neg>can[’']?t|cannot|can\s+not|won[’']?t)\s+[a-z]+\s+(?:(?:a|an|the|any|our|your)\s+)?$",
    re.I,
)
"""A refusal governing the list it stands before: "we can't cover a …"."""
_BRACKETED = re.compile(r"\(([^()]{1,300})\)")
_GRANTED = {"can't": "can", "can’t": "can", "cannot": "can", "won't": "will", "won’t": "will"}
_REFUSING_CELL = re.compile(
    r"^\s*(?:no\b|not\b|n/a\b|none\b|excluded\b|unavailable\b|[—–-]+\s*$|✗|❌)", re.I
)
_CODE = re.compile(r"\s*\(\s*`?(?P<code>[\w-]+)`?\s*\)")
_GENERIC = {
    "the", "a", "an", "our", "your", "it", "its", "is", "are", "be", "and", "or", "of", "on",
    "for", "to", "in", "with", "can", "t", "don", "do", "not", "say", "so", "call", "these",
    "this", "that", "only", "go", "them", "they", "we", "you", "available",
}  # fmt: skip


def _norm(word: str) -> str:
    word = word.lower().strip("'’`*")
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _lower_first(phrase: str) -> str:
    """A phrase said mid-sentence: its first letter lower case, unless its first word is an
    acronym ("IMAX screenings")."""
    first = phrase.split()[0] if phrase.split() else ""
    if len(first) > 1 and first.isupper():
        return phrase
    return phrase[:1].lower() + phrase[1:]


def _words(text: str) -> list[str]:
    return [_norm(w) for w in re.findall(r"[A-Za-z][A-Za-z0-9'’]*", text)]


@dataclass(frozen=True)
class JoinedSet:
    """The category that joined a covered set, read from the prompt's changed sentences."""

    value: str
    """The category's value in the change's condition ("audio")."""
    name: str
    """The category in the prompt's words, without its code ("audiobooks")."""
    covered: tuple[str, ...]
    """The categories the set covered before, in the prompt's words ("hardbacks", …)."""
    still_excluded: tuple[str, ...]
    """The categories the new prompt still excludes ("e-books"), if it says so."""
    topic: frozenset[str]
    """The words of what is covered (the rules' section, "gift wrapping")."""
    rules: tuple[Rule, ...]
    kinds: frozenset[str] = frozenset()
    """The words the changed sentence added in brackets besides the category's name: the
    kinds it gives for it ("school, college, university" for education)."""

    def names(self, phrase: str) -> bool:
        """Whether a KB list member names the category ("our audiobooks", "Audiobooks")."""
        said = set(_words(phrase))
        own = set(_words(self.name))
        if self.kinds and said & self.kinds and not said & self.others:
            return True
        return bool(own) and (own <= said or said == {_norm(self.value.replace("_", " "))})

    @property
    def others(self) -> set[str]:
        """The words of the categories covered before or still excluded."""
        return {w for member in (*self.covered, *self.still_excluded) for w in _words(member)}

    def covered_member(self, phrase: str) -> bool:
        said = set(_words(phrase))
        return any(set(_words(member)) <= said for member in self.covered)


_LEAD = r"(?:(?<=^)|(?<=[:;,(])\s*|(?<=\band\s)|(?<=\bor\s))"


def _named(sentence: str, value: str) -> re.Match[str] | None:
    """The phrase of a prompt sentence that names the category: by its code ("audiobooks
    (audio)"), back to the list separator or clause start before it, or, in a prompt that
    gives no codes, a list member ending in the value's words ("our audiobooks")."""
    coded = re.search(
        rf"{_LEAD}(?P<name>(?:{_WORD}\s+){{0,3}}{_WORD})\s*\(\s*`?{re.escape(value)}`?\s*\)",
        sentence,
        re.I,
    )
    if coded is not None or re.search(r"\(\s*`?[\w-]+`?\s*\)", sentence):
        return coded
    words = r"\s+".join(re.escape(word) for word in value.replace("_", " ").split())
    if not words:
        return None
    return re.search(
        rf"{_LEAD}(?P<name>(?:{_WORD}\s+){{0,2}}?{words}(?:e?s)?)\b(?!\s*\()", sentence, re.I
    )


def _prompt_list(sentence: str, name: str) -> list[str]:
    """The members of the list of a prompt sentence that `name` is in, codes dropped."""
    plain = _CODE.sub("", sentence)
    at = plain.find(name)
    if at < 0:
        return []
    listed = _list_around(plain, at, at + len(name))
    return [_lower_first(plain[s:e]) for s, e in listed.members]


def _topic(rules: Sequence[Rule], members: set[str]) -> frozenset[str]:
    sections = {rule.section for rule in rules if rule.section}
    words = {w for section in sections for w in _words(section)} - _GENERIC - members
    if words:
        return frozenset(words)
    shared = None
    for rule in rules:
        said = set(_words(_CODE.sub("", rule.new or rule.old or "")))
        shared = said if shared is None else shared & said
    return frozenset((shared or set()) - _GENERIC - members)


_BULLET_ITEM = re.compile(rf"^{_MEMBER}$", re.I)
"""A prompt line that is a list member alone ("gold jewellery", "designer handbags")."""


def _bullet_list(lines: Sequence[str], added: str) -> list[str]:
    """The other members of the prompt's bullet list that the added line `added` joined: the
    run of member-only lines around it, after a line ending in a colon ("We lend against:");
    empty when `added` is no such line."""
    if added not in lines:
        return []
    at = lines.index(added)
    start = at
    while start > 0 and _BULLET_ITEM.match(lines[start - 1]):
        start -= 1
    end = at + 1
    while end < len(lines) and _BULLET_ITEM.match(lines[end]):
        end += 1
    if start == 0 or not lines[start - 1].rstrip().endswith(":"):
        return []
    members = [_lower_first(line) for line in lines[start:end] if line != added]
    return members if len(members) >= 2 else []


@once_per_change
def joined_set(facts: ChangeFacts) -> JoinedSet | None:
    """The category a change adds to a covered set, or None: the change's condition names one
    value of a category, the new agent is no longer refused (or now calls a tool), and a changed
    prompt sentence adds the category by its code to a list of covered ones or takes it out of
    a list of excluded ones."""
    if not facts.conditions:
        return None
    # the condition's one category atom, wherever it stands ("hours_until < 48 and
    # appointment_type = education": the band is the covered set's own line)
    categorical = [
        atom
        for atom in facts.conditions[0].atoms
        if atom.op in ("=", "in") and not atom.feature.startswith("tag:")
    ]
    if len(categorical) != 1:
        return None
    [atom] = categorical
    values = atom.value if isinstance(atom.value, list) else [atom.value]
    if len(values) != 1 or not isinstance(values[0], str):
        return None
    value = values[0]
    granted = any(s.facet == "refusal" and s.direction == "removed" for s in facts.shifts)
    if not granted and not facts.after_actions:
        return None
    name = ""
    covered: list[str] = []
    excluded: list[str] = []
    found: list[Rule] = []
    for rule in facts.rules:
        if rule.kind == "sentence_added" and rule.new and not found:
            bullets = _bullet_list(facts.prompt_sections.get(rule.section or "", []), rule.new)
            added_name = _named(rule.new, value)
            if bullets and added_name is not None and added_name.group(0).strip() == rule.new:
                # "- designer handbags" added under "We lend against:": the list grew by the
                # category alone, its other lines the old set
                name, covered = added_name.group("name"), bullets
                found.append(rule)
            continue
        if rule.kind != "sentence_changed" or not rule.old or not rule.new:
            continue
        old_name, new_name = _named(rule.old, value), _named(rule.new, value)
        if new_name is not None and old_name is None:
            members = _prompt_list(rule.new, new_name.group("name"))
            said = _norm(new_name.group("name"))
            rest = [m for m in members if _norm(m) != said]
            if len(rest) != len(members) - 1 or not rest:
                continue
            # the list grew by the category alone: the old sentence said the others
            if not set(_words(" ".join(rest))) <= set(_words(rule.old)):
                continue
            name = name or new_name.group("name")
            covered = rest
            found.append(rule)
        elif old_name is not None and new_name is None:
            plain = _CODE.sub("", rule.old)
            at = plain.find(old_name.group("name"))
            listed = _list_around(plain, at, at + len(old_name.group("name")))
            if not _NEG_VERB.match(plain, listed.end) and not _NEG_LEAD.search(
                plain[: listed.start]
            ):
                continue
            name = name or old_name.group("name")
            said = _norm(old_name.group("name"))
            excluded = [plain[s:e] for s, e in listed.members if _norm(plain[s:e]) != said]
            excluded = [_lower_first(m) for m in excluded]
            found.append(rule)
    if not found or not name:
        return None
    name = _lower_first(name)
    listed_words = {w for m in (*covered, *excluded, name) for w in _words(m)}
    # the kinds the changed sentence gives in brackets ("(GP, hospital, …, school, college)"):
    # its other new words may say anything
    added = {
        w
        for rule in found
        for w in set(_words(" ".join(_BRACKETED.findall(rule.new or ""))))
        - set(_words(rule.old or ""))
        if len(w) > 2
    }
    return JoinedSet(
        value,
        name,
        tuple(covered),
        tuple(excluded),
        _topic(found, listed_words),
        tuple(found),
        frozenset(added - listed_words - _GENERIC),
    )


# KB text ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Listed:
    start: int
    end: int
    members: tuple[tuple[int, int], ...]


_BEFORE = re.compile(rf"(?P<member>{_MEMBER}){_SEP}$", re.I)
_MEMBER_LEAD = re.compile(rf"(?:^|(?<=[\s(:;]))(?={_WORD})")
_WINDOW = 200
# a longer unit is no sentence a reader asks about: left alone (bounded work on a huge KB)
_MAX = 2000


def _list_around(text: str, start: int, end: int) -> _Listed:
    """The list of short phrases that the phrase at `start:end` of `text` is a member of."""
    spans = [(start, end)]  # backwards first, then reversed
    cursor = start
    while True:
        # a member is at most four words: look back a bounded window, in the whole text so
        # that `^` and the lookbehind see the real neighbours (linear in the list's length)
        found = None
        for lead in _MEMBER_LEAD.finditer(text, max(0, cursor - _WINDOW), cursor):
            match = _BEFORE.fullmatch(text, lead.start(), cursor) if lead.start() < cursor else None
            if match is not None and len(match.group("member").split()) <= 4:
                found = (lead.start(), lead.start() + len(match.group("member")))
                break
        if found is None:
            break
        spans.append(found)
        cursor = found[0]
    spans.reverse()
    after = re.compile(
        rf"{_SEP}(?P<member>{_MEMBER})(?=\s*[(),.;:!?]|\s*$|\s+(?:only|alone)\b|{_SEP}|"
        rf"{_NEG_VERB.pattern}|\s+(?:are|is)\s+(?:the\s+)?only\b)",
        re.I,
    )
    cursor = end
    while (match := after.match(text, cursor)) is not None:
        spans.append((match.start("member"), match.end("member")))
        cursor = match.end("member")
    return _Listed(spans[0][0], spans[-1][1], tuple(spans))


def _occurrences(joined: JoinedSet, text: str) -> list[tuple[int, int]]:
    words = [re.escape(w) for w in re.findall(r"[A-Za-z][\w'’-]*", joined.name)]
    if not words:
        return []
    words[-1] = re.escape(_norm(words[-1])) + r"(?:s|es)?"
    pattern = r"\b" + r"\s+".join(words) + r"\b"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.I)]


def _excluded_list(joined: JoinedSet, text: str) -> _Listed | None:
    """The list of `text` naming the category that a negation governs: the subject of "can't",
    "aren't" …, or what follows "not", "except" …"""
    for start, end in _occurrences(joined, text):
        listed = _list_around(text, start, end)
        lead = text[: listed.start]
        if _NEG_VERB.match(text, listed.end) or _NEG_LEAD.search(lead):
            return listed
        doing = _NEG_DOING.search(lead)
        if doing is not None and _on_topic(joined, doing.group(0)):
            return listed
    return _refused_kinds(joined, text)


def _refused_kinds(joined: JoinedSet, text: str) -> _Listed | None:
    """The list of `text` a refusal governs ("we can't cover a school, college or university
    appointment") whose every member names the category by its kinds (`JoinedSet.kinds`)."""
    if not joined.kinds:
        return None
    for word in re.finditer(r"[A-Za-z][\w'’-]*", text):
        if _norm(word.group(0)) not in joined.kinds:
            continue
        listed = _list_around(text, word.start(), word.end())
        members = [text[s:e] for s, e in listed.members]
        if _NEG_MODAL.search(text[: listed.start]) and all(joined.names(m) for m in members):
            return listed
    return None


def _granted(joined: JoinedSet, sentence: str) -> str | None:
    """The sentence with the refusal of a list wholly the category's (`_refused_kinds`) said
    as a grant ("we can't cover" → "we can cover")."""
    listed = _refused_kinds(joined, sentence)
    if listed is None:
        return None
    refusal = _NEG_MODAL.search(sentence[: listed.start])
    if refusal is None:
        return None
    word = _GRANTED.get(" ".join(refusal.group("neg").lower().split()), "can")
    start, end = refusal.span("neg")
    return sentence[:start] + word + sentence[end:]


def _covered_list(joined: JoinedSet, text: str) -> _Listed | None:
    """The list of `text` that names every category the set covered, and nothing else."""
    if not joined.covered:
        return None
    first = joined.covered[0]
    words = [re.escape(w) for w in re.findall(r"[A-Za-z][\w'’-]*", first)]
    # the whole member, or its first word alone ("Gold" for "gold jewellery")
    patterns = [r"\b" + r"\s+".join(words) + r"\b", *([rf"\b{words[0]}\b"] if words else [])]
    for pattern in dict.fromkeys(patterns):
        for found in re.finditer(pattern, text, re.I):
            listed = _list_around(text, found.start(), found.end())
            said = [text[s:e] for s, e in listed.members]
            if len(said) != len(joined.covered) or any(joined.names(m) for m in said):
                continue
            if all(any(set(_words(c)) <= set(_words(m)) for m in said) for c in joined.covered):
                return listed
            if pattern != patterns[0] and all(
                set(_words(c)) & set(_words(m)) for c, m in zip(joined.covered, said, strict=True)
            ):
                # each member said by a word of its own, in the prompt's order
                return listed
    return None


def _on_topic(joined: JoinedSet, *texts: str) -> bool:
    return any(joined.topic & set(_words(text)) for text in texts)


def _row_marks(
    joined: JoinedSet, item_units: Sequence[Unit], index: int
) -> tuple[str, str | None] | None:
    """For a table row keyed by the category with a refusing cell, on the topic: (reason, the
    row rewritten with a covered category's cells, or None when no such row says them)."""
    row = item_units[index].text
    cells = row_cells(row)
    if len(cells) < 2 or not joined.names(cells[0]) or not _REFUSING_CELL.match(cells[1]):
        return None
    first = index
    while first > 0 and item_units[first - 1].text.startswith("|"):
        first -= 1
    header = item_units[first].text if first != index else ""
    heading = next(
        (
            item_units[i].text
            for i in range(first - 1, -1, -1)
            if item_units[i].text.startswith("#")
        ),
        "",
    )
    if not _on_topic(joined, header, heading):
        return None
    last = index
    while last + 1 < len(item_units) and item_units[last + 1].text.startswith("|"):
        last += 1
    given = {
        tuple(cells[1:])
        for cells in (row_cells(item_units[i].text) for i in range(first + 1, last + 1))
        if joined.covered_member(cells[0]) and not _REFUSING_CELL.match(cells[1])
    }
    if len(given) != 1:
        return ROW_REASON, None
    raw = item_units[index].raw
    key_end = raw.index("|", raw.index("|") + 1)
    new_cells = " | ".join(next(iter(given)))
    return ROW_REASON, f"{raw[: key_end + 1]} {new_cells} |"


_COUNT = re.compile(
    r"\b(?P<count>\d{1,2}|" + "|".join(sorted(CARDINALS, key=len, reverse=True)) + r")\b"
    r"(?=\s+(?:main\s+|different\s+)?(?:kinds?|types?|things|sorts|categories|groups)\b)",
    re.I,
)
_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s+")


def _counted_list(
    joined: JoinedSet, item_units: Sequence[Unit], index: int
) -> tuple[str, int] | None:
    """For a sentence introducing the covered set with its count ("We lend against four kinds
    of things:"), followed by one list item per covered category and no more: (the sentence
    with the count one higher, the index of the list's last item)."""
    unit = item_units[index]
    raw = unit.raw
    found = _COUNT.search(raw)
    if found is None or not raw.rstrip().endswith(":"):
        return None
    said = found.group("count")
    count = int(said) if said.isdigit() else CARDINALS.get(said.lower())
    covered = len(joined.covered)
    if count != covered:
        return None
    items = item_units[index + 1 : index + 1 + covered]
    if len(items) != covered or not all(_ITEM.match(item.raw) for item in items):
        return None
    after = item_units[index + 1 + covered] if index + 1 + covered < len(item_units) else None
    if after is not None and _ITEM.match(after.raw):
        return None
    if not all(joined.covered_member(item.text) for item in items):
        return None
    more = covered + 1
    word = str(more) if said.isdigit() else _NUMBER_NAMES.get(more)
    if word is None:
        return None
    if said[:1].isupper():
        word = word.capitalize()
    return raw[: found.start()] + word + raw[found.end() :], index + covered


_NUMBER_NAMES = {number: name for name, number in CARDINALS.items() if name.isalpha()}


def _covered_row(joined: JoinedSet, row: str) -> bool:
    """A table row keyed by the changed rule's topic whose value cell is the old covered set
    whole ("| What we lend against | Gold, silver, watches and diamonds |")."""
    cells = row_cells(row)
    if len(cells) != 2 or not _on_topic(joined, cells[0]):
        return False
    listed = _covered_list(joined, cells[1])
    return listed is not None and not cells[1][: listed.start].strip(" *_")


def _marks(joined: JoinedSet, item_units: Sequence[Unit]) -> dict[int, str]:
    """The units stating the old covered set, each with its reason: a table row keyed by the
    category with a refusing cell, a sentence on the topic excluding it in a list a negation
    governs, or one giving the old covered list as the whole set ("… only")."""
    marked: dict[int, str] = {}
    for index, unit in enumerate(item_units):
        text = unit.text
        if text.startswith("#"):
            continue
        if text.startswith("|"):
            row = _row_marks(joined, item_units, index)
            if row is not None:
                marked[index] = row[0]
            elif _covered_row(joined, text):
                marked[index] = ONLY_REASON
            continue
        if len(text) > _MAX or not _on_topic(joined, text):
            continue
        if _counted_list(joined, item_units, index) is not None:
            marked[index] = COUNTED_REASON
            continue
        if _excluded_list(joined, text) is not None:
            marked[index] = EXCLUDED_REASON
        elif (listed := _covered_list(joined, text)) is not None and (
            _ONLY.search(text[: listed.start])
            or _ONLY.match(text[listed.end :])
            or _ONLY_CLAUSE.search(text[max(0, listed.start - 200) : listed.start])
            or _ONLY_AFTER.match(text[listed.end :])
        ):
            marked[index] = ONLY_REASON
    return marked


def joined_conflicts(
    facts: ChangeFacts,
    text: str,
    item_units: list[Any],
    found: list[Any],
    make: Callable[..., Any],
) -> list[Any]:
    """`found` with the units stating the old covered set marked (`joined_set`)."""
    joined = joined_set(facts)
    if joined is None:
        return found
    marks = _marks(joined, item_units)
    return with_marks(found, marks, item_units, make)


def _joined_list(text: str, listed: _Listed, spans: Sequence[tuple[int, int]]) -> str:
    """The list's text with only the members at `spans`, joined as the list joined its last."""
    said = [text[s:e] for s, e in spans]
    if len(said) == 1:
        return said[0]
    last = " ".join(text[listed.members[-2][1] : listed.members[-1][0]].split())
    word = last.strip(", ") or "and"
    comma = "," if last.startswith(",") and len(said) > 2 else ""
    return ", ".join(said[:-1]) + f"{comma} {word} " + said[-1]


def _without(joined: JoinedSet, sentence: str) -> str | None:
    """The sentence with the category taken out of the list a negation governs; None when it is
    the list's only member."""
    listed = _excluded_list(joined, sentence)
    if listed is None:
        return sentence
    kept = [span for span in listed.members if not joined.names(sentence[span[0] : span[1]])]
    if not kept or len(kept) == len(listed.members):
        return None
    words = _joined_list(sentence, listed, kept)
    if listed.start == 0 or re.match(r"^[*_\s]*$", sentence[: listed.start]):
        words = words[:1].upper() + words[1:]
    return sentence[: listed.start] + words + sentence[listed.end :]


def _with(joined: JoinedSet, sentence: str, name: str) -> str:
    """The sentence with the category added to the covered list, if it states one."""
    listed = _covered_list(joined, sentence)
    if listed is None:
        return sentence
    joint = " and "
    if len(listed.members) > 1:
        last = " ".join(sentence[listed.members[-2][1] : listed.members[-1][0]].split())
        word = last.strip(", ") if last.strip(", ") in ("and", "or") else "and"
        joint = f"{',' if last.startswith(',') else ''} {word} "
    members = [sentence[s:e] for s, e in listed.members]
    final = members[-1].split()
    if len(members) > 1 and len(final) == 2 and all(len(m.split()) == 1 for m in members[:-1]):
        # one head shared by every member ("medical and legal appointments"): the category
        # joins as another of its words, the head after it
        members[-1] = final[0]
        words = ", ".join(members) + joint + f"{name} {final[1]}"
    else:
        words = ", ".join(members) + joint + name
    return sentence[: listed.start] + words + sentence[listed.end :]


def _kb_name(joined: JoinedSet, text: str) -> str:
    for start, end in _occurrences(joined, text):
        return _lower_first(text[start:end])
    return joined.name


def joined_text(joined: JoinedSet, text: str) -> tuple[str, list[str]]:
    """`text` with the old covered set said anew, and the marked sentences no rewrite can say
    it in."""
    item_units = units(text)
    marks = _marks(joined, item_units)
    name = _kb_name(joined, text)
    changes: dict[int, str] = {}
    stuck: list[str] = []
    for index, reason in marks.items():
        unit = item_units[index]
        if reason == ROW_REASON:
            row = _row_marks(joined, item_units, index)
            if row is None or row[1] is None:
                stuck.append(unit.text)
            else:
                changes[index] = row[1]
            continue
        if reason == COUNTED_REASON:
            counted = _counted_list(joined, item_units, index)
            if counted is None:
                stuck.append(unit.text)
                continue
            intro, last = counted
            changes[index] = intro
            marker = re.match(r"\s*(?:[-*+]|\d+[.)])\s+", item_units[last].raw)
            lead = marker.group(0) if marker else "- "
            lead = re.sub(r"\d+", str(len(joined.covered) + 1), lead)
            changes[last] = f"{item_units[last].raw}\n{lead}{name[:1].upper()}{name[1:]}"
            continue
        raw = unit.raw
        if raw.lstrip().startswith("|"):
            # the covered set whole in a row's value cell: the category joins it there
            start, end = cell_text_spans(raw)[-1]
            cell = _with(joined, raw[start:end], name)
            if cell == raw[start:end]:
                stuck.append(unit.text)
            else:
                changes[index] = raw[:start] + cell + raw[end:]
            continue
        rewritten = _without(joined, raw)
        if rewritten is None:
            rewritten = _granted(joined, raw)
        if rewritten is None:
            stuck.append(unit.text)
            continue
        rewritten = _with(joined, rewritten, name)
        if rewritten == raw:
            stuck.append(unit.text)
            continue
        changes[index] = rewritten
    return (replace_units(text, changes, item_units) if changes else text), stuck


def still_excluded(facts: ChangeFacts, body: str, body_format: str) -> list[str]:
    """The sentences of an edited body that still exclude the category, or still give the old
    covered set as the whole of it: what no drafter's edit may keep."""
    joined = joined_set(facts)
    if joined is None:
        return []
    text = plain_text(body, body_format)
    found = units(text)
    return [found[index].text for index in _marks(joined, found)]


def joined_edit(facts: ChangeFacts, impact: ImpactView) -> tuple[str | None, str] | None:
    """The item's body for a category added to a covered set (`joined_text`), every other
    byte kept; (None, why) when a marked sentence has no safe rewrite; None when the change
    adds no category or the item states no old set."""
    joined = joined_set(facts)
    if joined is None:
        return None
    reasons = (EXCLUDED_REASON, ONLY_REASON, ROW_REASON, COUNTED_REASON)
    if not any(r in reasons for c in impact.conflicts for r in c.reasons):
        return None
    noun = impact.item.kind
    covered = " and ".join(joined.covered) or "the other categories"
    why = f"The new prompt adds {joined.name} to what it covers ({covered} before)"
    if joined.still_excluded:
        why += f"; {' and '.join(joined.still_excluded)} stay excluded"
    stuck: list[str] = []

    def rewrite(text: str) -> str:
        new_text, left = joined_text(joined, text)
        stuck.extend(left)
        return new_text

    body = impact.item.body
    new_body = edit_body(body, impact.item.body_format, rewrite)
    if stuck or new_body == body:
        said = ", ".join(quoted(s) for s in dict.fromkeys(stuck)) or "its sentences"
        return None, (
            f"Flagged for review: {why}. No safe rewrite of {said} in this {noun}: a writer "
            f"should say {joined.name} are covered now."
        )
    return new_body, (
        f"{why}. The edit takes {joined.name} out of what this {noun} says is excluded, adds "
        "them where it lists what is covered, gives their table row a covered row's value, and "
        f"keeps everything else, other offers that name {joined.name} included."
    )


def joined_fact(facts: ChangeFacts) -> str | None:
    """What a drafting model is told of a category added to a covered set."""
    joined = joined_set(facts)
    if joined is None:
        return None
    still = (
        f"; {' and '.join(joined.still_excluded)} stay excluded (keep them where the KB excludes "
        "them)"
        if joined.still_excluded
        else ""
    )
    return (
        f"{joined.name} now join what the changed rule covers (before: "
        f"{' and '.join(joined.covered) or 'other categories'} only){still}. Take {joined.name} "
        "out of any list the KB says is excluded, add them to any list of what is covered, and "
        "give their table row the cell a covered row has; sentences about other offers that "
        f"name {joined.name} stay as they are"
    )
