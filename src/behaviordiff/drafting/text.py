"""Bodies as editable text: sentence spans in plain text and Markdown, blocks in HTML.

Edits replace sentence spans and leave every other byte alone, so placeholders, links and
formatting outside the edited sentences survive; an HTML block whose text changes is rewritten
as escaped text (its inline tags dropped), and the result is checked for balanced tags.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum, auto
from functools import lru_cache
from html.parser import HTMLParser
from itertools import pairwise

from behaviordiff.kb.model import PLACEHOLDER

END_CHARS = " \t\n.;:!"
"""What a rule's sentence may end in: stripped before its old and new words are compared."""

_BOUNDARY = re.compile(r"(?<=[.!?])(?:\*\*|\*|_)?\s+(?=[\"'(*{\[]?[A-Z{])")
_BLOCK_START = re.compile(r"^\s*(#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s?|\|)")
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "section",
    "article",
    "hr",
    "pre",
}
_VOID_TAGS = {
    "br",
    "hr",
    "img",
    "input",
    "meta",
    "link",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "track",
    "wbr",
}
_WORD = re.compile(r"[a-z0-9$%]+(?:[.'][a-z0-9]+)*")


@dataclass(frozen=True)
class Unit:
    """One sentence (or heading, list item) of a text, with its span."""

    start: int
    end: int
    raw: str

    @property
    def text(self) -> str:
        """The sentence with Markdown emphasis and line breaks flattened."""
        return " ".join(self.raw.replace("**", "").replace("__", "").split())


def marked_sentences(
    body: str, body_format: str, mark: Callable[[str, list[Unit]], Iterable[int]]
) -> list[str]:
    """The sentences of an item's body at the indices `mark` finds in its plain text and
    units: what an edit still says that a check refuses."""
    text = plain_text(body, body_format)
    text_units = units(text)
    return [text_units[index].text for index in mark(text, text_units)]


def quoted(text: str) -> str:
    """`text` between curly quotes, as written: “text”."""
    return f"\u201c{text}\u201d"


def flat(text: str | None) -> str:
    """`text` on one line, its runs of white space single spaces ("" for None)."""
    return " ".join((text or "").split())


CODE_SPAN = re.compile(r"`[^`]{0,80}`")
"""A code span of a prompt ("`book_hire`"), bounded."""
ASIDE = re.compile(r" ?\([^()\n]{0,200}\)")
"""A bracketed aside on one line with the space before it ("A card (no card, no hire)"),
bounded: no bracket inside, at most 200 characters."""


FIELD_ASIDE = re.compile(
    r" ?\([A-Z][\w ’'-]{0,60}: (?:yes|no|true|false|[a-z0-9]+_[a-z0-9_]+)\)", re.I
)
"""A bracketed prompt field and its value a rule reads its case from ("(Special assistance
booked: yes)"): no words of the rule, and its colon no label's."""


def heading_above(item_units: Sequence[Unit], index: int) -> str:
    """The nearest Markdown heading above unit `index` ("" when none)."""
    for at in range(index - 1, -1, -1):
        if item_units[at].text.startswith("#"):
            return item_units[at].text
    return ""


def units(text: str) -> list[Unit]:
    """Sentences of plain or Markdown text; paragraphs, headings and list items are apart."""
    found: list[Unit] = []
    offset = 0
    block_start: int | None = None
    lines = text.splitlines(keepends=True)

    def close(end: int) -> None:
        nonlocal block_start
        if block_start is None:
            return
        block = text[block_start:end]
        cursor = 0
        for match in _BOUNDARY.finditer(block):
            _add(found, text, block_start + cursor, block_start + match.start())
            cursor = match.end()
        _add(found, text, block_start + cursor, end)
        block_start = None

    for line in lines:
        stripped = line.strip()
        if not stripped or stripped in ("---", "***"):
            close(offset)
        elif _BLOCK_START.match(line) or stripped.startswith("<"):
            close(offset)
            block_start = offset
            if stripped.startswith("#"):
                close(offset + len(line.rstrip("\r\n")))
        elif block_start is None:
            block_start = offset
        offset += len(line)
    close(len(text.rstrip("\r\n")) if offset >= len(text) else offset)
    return found


def last_marked_prose(text: str, marked: set[str]) -> int:
    """Where the last unit of `text` in `marked` that is no table row starts (-1 when none):
    the one a sentence added to the marked ones goes after."""
    return max(
        (
            unit.start
            for unit in units(text)
            if unit.text in marked and not unit.text.lstrip().startswith("|")
        ),
        default=-1,
    )


def with_sentence_after(said: str, sentence: str) -> str:
    """`said` with `sentence` after it, its trailing whitespace kept at the end."""
    trail = said[len(said.rstrip()) :]
    return f"{said.rstrip()} {sentence}{trail}"


def _add(found: list[Unit], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        found.append(Unit(start, end, text[start:end]))


def _line_break_after(pieces: list[str], text: str, cursor: int) -> int:
    """How many line breaks after a deleted unit go with it: when it stood on lines of its
    own (a paragraph of one sentence), as many as the text before it already ends with, so
    no empty paragraph is left and the paragraphs around stay apart."""
    # the text before the run of deleted units this one ends (a paragraph of two sentences
    # both deleted: the second has nothing of its own before it)
    last = next((at for at in range(len(pieces) - 1, -1, -1) if pieces[at]), None)
    before = pieces[last] if last is not None else ""
    if last is not None and not before.strip("\n"):
        # only line breaks since the unit deleted before it: they count with that one's text
        before = "".join(pieces[: last + 1])[-8:]
    if not before.endswith("\n") or (cursor < len(text) and text[cursor] != "\n"):
        return 0
    after = len(text[cursor:]) - len(text[cursor:].lstrip("\n"))
    if cursor + after == len(text) and last is not None:  # the last paragraph: ends as it did
        pieces[last] = pieces[last].rstrip("\n") + text[cursor:]
        return after
    return min(after, len(before) - len(before.rstrip("\n")))


NUMBER_MARKER = r"\d+[.)]"
"""A numbered list item's marker ("1.", "2)"), as a pattern to build on."""
LIST_MARKER = rf"(?:[-*+]|{NUMBER_MARKER})"
"""A Markdown list item's marker, a bullet or a number, as a pattern to build on."""
_LIST_MARKER = re.compile(rf"^\s*{LIST_MARKER}\s+")
ITEM_LEAD = re.compile(r"^\s{0,8}(?:[-*+•]|\d{1,3}[.)])\s+")
"""A list item's lead (a bullet, "•" too, or a number, and the spaces around it), bounded."""


def _with_marker(raw: str, new: str) -> str:
    """`new`, which replaces the list item `raw`, as an item of the same list: a rewrite
    that says the item in a sentence of its own keeps the item's marker ("- ", "2. ")."""
    marker = _LIST_MARKER.match(raw)
    if marker is None or not new.strip() or _LIST_MARKER.match(new):
        return new
    return marker.group(0).lstrip() + new.lstrip()


def replace_units(text: str, replacements: dict[int, str], units_: list[Unit]) -> str:
    """Replace units by index; an empty replacement deletes the unit and its trailing space.
    A list item's replacement keeps the item's marker."""
    pieces: list[str] = []
    cursor = 0
    for index, unit in enumerate(units_):
        if index not in replacements:
            continue
        new = _with_marker(unit.raw, replacements[index])
        between = text[cursor : unit.start]
        if between or not pieces:
            # (two units deleted in a row leave nothing between them: the space before the
            # first is the one a line's end trims)
            pieces.append(between)
        cursor = unit.end
        if new:
            pieces.append(new)
        else:
            while cursor < len(text) and text[cursor] == " ":
                cursor += 1
            if (
                pieces
                and pieces[-1].endswith(" ")
                and (cursor >= len(text) or text[cursor] == "\n")
            ):
                pieces[-1] = pieces[-1].rstrip(" ")
            cursor += _line_break_after(pieces, text, cursor)
    pieces.append(text[cursor:])
    return "".join(pieces)


# HTML ------------------------------------------------------------------------------

_TAG = re.compile(r"(<[^>]*>)")


def _tag_name(token: str) -> str:
    match = re.match(r"</?\s*([a-zA-Z0-9]+)", token)
    return match.group(1).lower() if match else ""


def html_blocks(body: str) -> list[tuple[int, int]]:
    """(first, last) token indexes of each run of inline content between block tags."""
    tokens = _TAG.split(body)
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    for index, token in enumerate(tokens):
        is_tag = bool(_TAG.fullmatch(token))
        if is_tag and _tag_name(token) in _BLOCK_TAGS:
            if start is not None:
                blocks.append((start, index - 1))
                start = None
            continue
        if start is None and (is_tag or token.strip()):
            start = index
    if start is not None:
        blocks.append((start, len(tokens) - 1))
    return blocks


def html_text(fragment_tokens: list[str]) -> str:
    return html.unescape("".join(t for t in fragment_tokens if not _TAG.fullmatch(t)))


def escape_text(text: str) -> str:
    """HTML-escape text but leave placeholders ({{ }}, {% %}) exactly as they are."""
    parts: list[str] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        parts.append(html.escape(text[position : match.start()], quote=False))
        parts.append(match.group(0))
        position = match.end()
    parts.append(html.escape(text[position:], quote=False))
    return "".join(parts)


def edit_html(body: str, edit: Callable[[str], str]) -> str:
    """Apply `edit` to the text of each HTML block.

    Inline markup (links, emphasis) is kept when the edit falls within single text runs;
    otherwise the changed block becomes escaped text. Placeholders are never escaped.
    """
    tokens = _TAG.split(body)
    for first, last in reversed(html_blocks(body)):
        block = tokens[first : last + 1]
        original = html_text(block)
        updated = edit(original)
        if updated == original:
            continue
        in_place = [
            token if _TAG.fullmatch(token) else escape_text(edit(html.unescape(token)))
            for token in block
        ]
        if html_text(in_place) != updated:
            in_place = _edit_runs(block, original, updated) or [escape_text(updated)]
        tokens[first : last + 1] = in_place
    return "".join(tokens)


_RUN_WORD = re.compile(r"\s+|\w+|[^\w\s]")
"""Words, spaces and marks: how a block's text is aligned against its edited text."""


def _edit_runs(block: list[str], original: str, updated: str) -> list[str] | None:
    """`block` (text runs and tags) with the words that changed between `original` (its text)
    and `updated` rewritten inside the text runs that hold them, every tag kept where it is
    ("up to <b>7 days</b>" → "up to <b>14 days</b>"); None when a changed stretch crosses a
    tag, where no placement of the tag is surely right."""
    from behaviordiff.diffing.align import align

    texts = {index: html.unescape(token) for index, token in enumerate(block)}
    texts = {index: text for index, text in texts.items() if not _TAG.fullmatch(block[index])}
    runs: list[tuple[int, int, int]] = []  # (start, end, token index) in `original`
    position = 0
    for index, text in texts.items():
        runs.append((position, position + len(text), index))
        position += len(text)
    old_words, new_words = _RUN_WORD.findall(original), _RUN_WORD.findall(updated)
    starts = [0]
    for word in old_words:
        starts.append(starts[-1] + len(word))
    pieces: dict[int, list[tuple[int, int, str]]] = {}
    for op in align(old_words, new_words):
        if op.tag == "equal":
            continue
        start, end = starts[op.i1], starts[op.i2]
        replacement = "".join(new_words[op.j1 : op.j2])
        holders = [
            run
            for run in runs
            if (run[0] <= start and end <= run[1]) and (start < run[1] or run[0] == run[1] == start)
        ] or [run for run in runs if run[0] <= start <= run[1] and run[0] <= end <= run[1]]
        if not holders:
            return None
        run_start, _, index = holders[0]
        pieces.setdefault(index, []).append((start - run_start, end - run_start, replacement))
    edited = list(block)
    for index, changes in pieces.items():
        text = texts[index]
        for start, end, replacement in sorted(changes, reverse=True):
            text = text[:start] + replacement + text[end:]
        edited[index] = escape_text(text)
    return edited if html_text(edited) == updated else None


def edit_body(body: str, body_format: str, edit: Callable[[str], str]) -> str:
    return edit_html(body, edit) if body_format == "html" else edit(body)


class Keep(Enum):
    """What `rewrite_units`'s callback answers for a unit it leaves: `UNIT` as it is, or
    `BLOCK`: it should change but cannot be said (the whole rewrite is then refused)."""

    UNIT = auto()
    BLOCK = auto()


def _edit_units(
    body: str, body_format: str, step: Callable[[str, list[Unit], int, dict[int, str]], bool]
) -> str | None:
    """`body` with the changes `step` makes, unit by unit (told the text, its units, the
    unit's index and the changes so far), every other byte kept, in Markdown and in HTML
    alike. None when `step` answers False for a unit (it should change but cannot be said),
    or nothing changes."""
    refused = False

    def edit(text: str) -> str:
        nonlocal refused
        text_units = units(text)
        changes: dict[int, str] = {}
        for index in range(len(text_units)):
            if not step(text, text_units, index, changes):
                refused = True
        return replace_units(text, changes, text_units) if changes else text

    new_body = edit_body(body, body_format, edit)
    return None if refused or new_body == body else new_body


def rewrite_units(body: str, body_format: str, rewrite: Callable[[Unit], str | Keep]) -> str | None:
    """`body` with each unit (sentence, list item, row) `rewrite` answers text for replaced by
    it ("" deletes it; a list item keeps its marker), every other byte kept, in Markdown and
    in HTML alike. None when `rewrite` answers `Keep.BLOCK` for a unit, or nothing changes."""

    def step(_text: str, text_units: list[Unit], index: int, changes: dict[int, str]) -> bool:
        said = rewrite(text_units[index])
        if isinstance(said, str):
            changes[index] = said
        return said is not Keep.BLOCK

    return _edit_units(body, body_format, step)


def rewrite_conflicting(
    body: str,
    body_format: str,
    conflicting: Collection[str],
    rewrite: Callable[[Unit, str], str | None],
) -> str | None:
    """`rewrite_units` over the units whose text is in `conflicting`: each said as `rewrite`
    answers for the unit and its raw text less the white space after it (kept after the
    answer), every other unit kept. None when `rewrite` answers None for one (the item is a
    writer's), or nothing changes."""

    def pick(unit: Unit) -> str | Keep:
        if unit.text not in conflicting:
            return Keep.UNIT
        raw = unit.raw.rstrip()
        said = rewrite(unit, raw)
        return Keep.BLOCK if said is None else said + unit.raw[len(raw) :]

    return rewrite_units(body, body_format, pick)


def rewrite_claims(
    body: str,
    body_format: str,
    claims: Collection[str],
    rewrite: Callable[[str], str | None],
    around: Callable[[str, list[Unit], int, dict[int, str]], None] | None = None,
) -> str | None:
    """`body` with the raw text of each unit whose text is in `claims` replaced by what
    `rewrite` answers for it, every other byte kept; after each, `around` is told the text,
    its units, the claim's index and the changes so far, to change the units about it (a
    short answer just before, a sentence at the paragraph's end). None when `rewrite`
    answers None for a claim, or nothing changes."""

    def step(text: str, text_units: list[Unit], index: int, changes: dict[int, str]) -> bool:
        if text_units[index].text not in claims:
            return True
        said = rewrite(text_units[index].raw)
        if said is None:
            return False
        changes[index] = said
        if around is not None:
            around(text, text_units, index, changes)
        return True

    return _edit_units(body, body_format, step)


def kept_or_written(
    conflicts: Collection[str], old_body: str, new_body: str, body_format: str
) -> list[Unit]:
    """The sentences of an edited body that a check of what no edit may say reads: a
    conflicting sentence kept as it was (`conflicts`), or a sentence the edit wrote; a
    sentence the old body had and the impact did not mark is another subject."""
    old = {unit.text for unit in units(plain_text(old_body, body_format))}
    return [
        unit
        for unit in units(plain_text(new_body, body_format))
        if unit.text in conflicts or unit.text not in old
    ]


def still_saying(
    says: Callable[[Unit], object],
    conflicts: Collection[str],
    old_body: str,
    new_body: str,
    body_format: str,
) -> list[str]:
    """The texts of the sentences `kept_or_written` reads that `says` holds of: what a check
    of what no edit may say (`keptback.still_kept_back` and the like) flags."""
    return [
        unit.text
        for unit in kept_or_written(conflicts, old_body, new_body, body_format)
        if says(unit)
    ]


TOOL_CLAUSE = re.compile(
    # a tool named with how it is called: "with `send_copy`", "using the `refund` tool", and
    # its arguments right after it, named or described: "(term, kind)", "(matter_ref, team
    # "complaints", summary in their words)". A customer-facing aside right after the tool
    # ("with `book_slot` (slots are 30 minutes)") goes with it too: it is the tool's.
    r"(?<!\s)\s+(?:with|using|via|by calling|through)\s+(?:the\s+)?`[^`\n]{1,80}`(?:\s+tool)?"
    r"(?:[ \t]*\([^()\n]{0,300}\))?(?:\s+as usual)?"
    # an aside naming a tool or an argument in code: "(`order_id`)"
    r"|(?<!\s)\s*\([^)`\n]{0,300}`[^)\n]{0,300}\)"
    # a tool's arguments named bare: "(order_id, dob)"
    r"|(?<!\s)\s*\((?=[^()\n]{0,300}_)[a-z0-9_]+(?:\s*,\s*[a-z0-9_]+)*\)",
    re.I,
)
"""How a prompt sentence says the agent does a step with a tool: out of any KB text made from
it, what the step does stays. Every whitespace run is tried from its start only, and every
aside is bounded, so a long run of spaces or brackets costs linear time."""


def lower_first(text: str) -> str:
    """`text` to go on inside a sentence: its first letter lower case."""
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """`text` to open a sentence: its first letter upper case."""
    return text[:1].upper() + text[1:]


def row_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, each without its padding."""
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def cell_quote(header: str, row: str, column: int) -> str | None:
    """What a note quotes of a row wrong through one cell: its first cell and that one, each
    after its column's name ("Tour: Night walk; Children welcome: Yes"), never the other
    columns' values; None when the header has another number of cells or no such column."""
    heads, cells = row_cells(header), row_cells(row)
    if len(heads) != len(cells) or column >= len(cells):
        return None
    return f"{heads[0]}: {cells[0]}; {heads[column]}: {cells[column]}"


def padded_cells(row: str) -> list[str]:
    """The cells of a Markdown table row as written, padding kept."""
    return row.strip().strip("|").split("|")


def with_one_cell(
    row: str, says: Callable[[str], object], said: Callable[[str], str | None]
) -> str | None:
    """A Markdown table row with its one cell that `says` something given `said`'s text for
    it, padding and every other cell byte for byte; None when no cell or several say it, or
    `said` has no text for it."""
    cells = row.split("|")
    saying = [i for i, cell in enumerate(cells[1:-1], start=1) if says(cell)]
    if len(saying) != 1:
        return None
    cell = cells[saying[0]]
    text = said(cell)
    if text is None:
        return None
    lead = cell[: len(cell) - len(cell.lstrip())] or " "
    trail = cell[len(cell.rstrip()) :] or " "
    cells[saying[0]] = f"{lead}{text}{trail}"
    return "|".join(cells)


def cell_text_spans(row: str) -> list[tuple[int, int]]:
    """(start, end) of each cell's text in a Markdown table row, padding excluded."""
    bars = [index for index, char in enumerate(row) if char == "|"]
    spans = []
    for left, right in pairwise(bars):
        cell = row[left + 1 : right]
        lead = len(cell) - len(cell.lstrip())
        spans.append((left + 1 + lead, left + 1 + len(cell.rstrip())))
    return spans


def plain_text(body: str, body_format: str) -> str:
    """The body as text: HTML tags out (blocks on their own lines), Markdown kept."""
    if body_format != "html":
        return body
    tokens = _TAG.split(body)
    lines = [html_text(tokens[first : last + 1]) for first, last in html_blocks(body)]
    return "\n\n".join(line.strip() for line in lines if line.strip())


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID_TAGS:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        if not self.stack or self.stack[-1] != tag:
            expected = f"</{self.stack[-1]}>" if self.stack else "no closing tag"
            self.problems.append(f"</{tag}> where {expected} was expected")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def html_problems(body: str) -> list[str]:
    """Why `body` is not well-formed HTML (unbalanced or misnested tags); empty when fine."""
    checker = _Checker()
    checker.feed(body)
    checker.close()
    problems = list(checker.problems)
    if checker.stack:
        problems.append("unclosed " + ", ".join(f"<{tag}>" for tag in checker.stack))
    if re.search(r"<[^>]*$", body):
        problems.append("a tag is cut off at the end")
    return problems


def missing_placeholders(old: str, new: str) -> list[str]:
    """Placeholders of `old` that `new` lost or altered."""
    kept = {match.group(0) for match in PLACEHOLDER.finditer(new)}
    wanted = dict.fromkeys(match.group(0) for match in PLACEHOLDER.finditer(old))
    return [placeholder for placeholder in wanted if placeholder not in kept]


_STEMS = ("ing", "edly", "ed", "es", "ly", "s")


_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude stem; a doubled final consonant is undoubled on every word, so "cancelled",
    "cancelling" and "cancel" (and "fill", "filled") meet; the plural of a noun in "-ing" is
    read as the noun ("evenings" and "evening", "bookings" and "booking" meet). Kept for the
    words most read: a long paragraph's words are stemmed again for each of its sentences."""
    if len(word) > 7 and word.endswith("ings"):
        word = word[:-1]
    for suffix in _STEMS:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return _DOUBLED.sub(r"\1", word) if len(word) > 3 else word


STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "can",
        "for",
        "from",
        "has",
        "have",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "it's",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "this",
        "to",
        "was",
        "we",
        "were",
        "will",
        "with",
        "you",
        "your",
        "i've",
        "we'll",
        "we're",
        "you're",
        "hi",
        "hello",
        "thanks",
        "thank",
        "please",
        "just",
        "also",
        "any",
        "all",
        "more",
        "most",
        "than",
        "get",
    ]
)


# verbs a prompt's instructions to the agent open with ("give the customer …", "book it …")
IMPERATIVE_VERBS = frozenset(
    """give offer send book ask cancel hold refund arrange explain confirm check charge add apply
waive issue email text call transfer pass hand escalate log record quote suggest recommend
direct point advise invite collect take accept refuse decline keep schedule reschedule process
approve credit remove replace repair post ship deliver raise open create use mention request
require put move treat let make allow provide share show reply respond route refer sign fill
return exchange swap""".split()  # noqa: SIM905
)
# of those, the ones no label names a thing with ("Take cake orders by phone only:" is an
# instruction; "Credit card payments:", "Return visits:" name what a rule is about)
INSTRUCTION_VERBS = IMPERATIVE_VERBS - frozenset(
    """offer book cancel hold refund charge issue email text call transfer pass hand log record
quote collect post ship repair return exchange swap credit process share show reply route sign fill
note check request use move open""".split()  # noqa: SIM905
)


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words (placeholders and stop words out)."""
    text = PLACEHOLDER.sub(" ", text.lower())
    return [stem(word) for word in _WORD.findall(text) if word not in STOPWORDS]


# verbs whose past forms are not made with "-ed" (base → (simple past, past participle)); the
# ones a support KB says of what "we" or "I" did ("I've sent", "we gave", "we've made")
_IRREGULAR = {
    "bring": ("brought", "brought"),
    "buy": ("bought", "bought"),
    "choose": ("chose", "chosen"),
    "do": ("did", "done"),
    "find": ("found", "found"),
    "give": ("gave", "given"),
    "hold": ("held", "held"),
    "keep": ("kept", "kept"),
    "leave": ("left", "left"),
    "lend": ("lent", "lent"),
    "make": ("made", "made"),
    "pay": ("paid", "paid"),
    "put": ("put", "put"),
    "refer": ("referred", "referred"),
    "ring": ("rang", "rung"),
    "sell": ("sold", "sold"),
    "send": ("sent", "sent"),
    "set": ("set", "set"),
    "show": ("showed", "shown"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "take": ("took", "taken"),
    "tell": ("told", "told"),
    "transfer": ("transferred", "transferred"),
    "write": ("wrote", "written"),
}
_BASE = {form: base for base, forms in _IRREGULAR.items() for form in forms if form != base}


def base_verb(word: str) -> str:
    """The base form of an irregular verb's past form ("sent" → "send", "given" → "give");
    any other word as it is."""
    return _BASE.get(word.lower(), word.lower())


def verb_terms(text: str) -> set[str]:
    """`terms` of a text with an irregular verb's past forms also read as its base form, so
    "I've sent a reminder" says "send" as "we'll send a reminder" does."""
    lowered = PLACEHOLDER.sub(" ", text.lower())
    found = set(terms(text))
    found |= {stem(base_verb(word)) for word in _WORD.findall(lowered) if word in _BASE}
    return found


def past_participle(verb: str) -> str:
    """ "hand" → "handed", "escalate" → "escalated", "send" → "sent", "refer" → "referred"."""
    lowered = verb.lower()
    if lowered in _IRREGULAR:
        return _IRREGULAR[lowered][1]
    if lowered.endswith("e"):
        return lowered + "d"
    if len(lowered) > 2 and lowered.endswith("y") and lowered[-2] not in "aeiou":
        return lowered[:-1] + "ied"
    return lowered + "ed"


_CLAIM = (
    r",\s*(?:whatever|whichever|however|no\s+matter|regardless\s+of|any\s+[a-z]{2,20}\s+of)\s+"
    r"[^,;:.!?()|{}\s](?:[^,;:.!?()|{}\n]{0,78}[^,;:.!?()|{}\s])?"
)
_CLOSING_CLAIM = re.compile(_CLAIM + r"(?=[.!?]?\s*$)", re.I)
"""A claim closing a sentence that its rule holds whatever the case (", whatever the size of
your run", ", any day of the week"): whole words to the sentence's end, never a placeholder."""
_CLAIM_CLAUSE = re.compile(_CLAIM + r"(?=[,;]|[.!?]?\s*$)", re.I)
"""The same claim closing a clause (", any time of day, so we've booked …")."""
_CLAIM_WINDOW = 160


def closing_claim(text: str) -> tuple[int, int] | None:
    """Where the claim closing `text` that its rule holds whatever the case is (`_CLOSING_CLAIM`,
    read in the last characters only: bounded), or None when none closes it."""
    start = max(0, len(text.rstrip()) - _CLAIM_WINDOW)
    found = _CLOSING_CLAIM.search(text, start)
    return None if found is None else found.span()


def claim_clause_length(text: str) -> int:
    """The length of the claim that its rule holds whatever the case opening `text` and
    closing its clause (`_CLAIM_CLAUSE`); 0 when `text` opens with none."""
    found = _CLAIM_CLAUSE.match(text)
    return 0 if found is None else found.end()


def without_closing_claim(text: str) -> str:
    """`text` without the claim closing it that its rule holds whatever the case."""
    span = closing_claim(text)
    return text if span is None else text[: span[0]] + text[span[1] :]


def shared_head_length(old: str, new: str) -> int:
    """The length of the head two sentences share, cut back to a word's start."""
    length = 0
    for a, b in zip(old, new, strict=False):
        if a != b:
            break
        length += 1
    while length and not old[length - 1].isspace():
        length -= 1
    return length


REGARDLESS_WORDS = r"(?:regardless\s+of|no\s+matter|irrespective\s+of)\b"
"""The every-case claim's words that open one without a comma too ("… free regardless of
age"); "whatever"/"whichever"/… without a comma opens an object or a relative clause ("of
whatever you like to read", "whichever branch you visit"), not a claim."""
WHATEVER_WORDS = rf"(?:whatever|whichever|whoever|wherever|{REGARDLESS_WORDS})\b"
"""The words opening a clause that claims a rule for every case (", whatever your age",
"Wherever you live, …", ", no matter how old it is"): the one list the writers that drop or
narrow such a claim read (`subsetvalue.without_every_case`, `waivedgroup`)."""


EVERY_CASE_WORDS = re.compile(
    r"\b(?:whatever (?:the|your|their|its) \w+|whatever (?:kind|type|sort) of \w+|"
    # "whatever it cost", "whatever they cost": a claim over every price
    r"whatever (?:it|they) (?:costs?|costed|was|were)\b|"
    r"however (?:many|often|much|long|far|early|soon|late)\b|"
    r"no matter (?:how|what|which|who|why|when)\b|regardless of\b|even (?:if|when)\b|"
    # "tell us the date and whether you'd like X or Y" asks, it claims nothing
    r"in (?:any|every|all) cases?\b|(?<!\bus )(?<!\bknow )(?<!\bask )(?<!\band )"
    r"whether (?:you|it|they|we)\b"
    r"[^,.;:!?]{0,80}\bor\b|as many times as\b|every time\b|each time\b|there[’']s no limit\b|"
    r"no limit\b|no questions asked\b|the same way\b|at any (?:age|level|grade|stage)\b|"
    # "exactly as we do for adults": the same as for the others, so for every case
    r"(?:exactly|just) as (?:we (?:do|would)|it is|they are) for\b)",
    re.I,
)
"""Words saying a rule holds for every case ("whatever their age", "no matter how"): bounded,
no nested quantifiers, linear on any input."""


EVERY_CASE_CLAIM = re.compile(
    r"(?:,\s*)?\b(?:whatever (?:the|your|their|its) \w+|"
    r"whatever (?:it|they) (?:costs?|costed|was|were)(?: you)?\b|"
    # "wherever you paid", "wherever you bought it"
    r"wherever (?:you|they) (?:paid|bought|booked|ordered|shopped)(?: (?:it|them|from))?\b|"
    r"however (?:many|often|much|long|far|early|soon|late|you \w+)\b|"
    r"no matter (?:how|what|which|who|why|when)\b[^,.;:!?]{0,60}(?=[,.;:!?]|$)|"
    r"regardless of\b[^,.;:!?]{0,60}(?=[,.;:!?]|$)|"
    r"in (?:any|every|all) cases?\b|(?:whichever|whatever) \w+ you \w+|"
    r"of any (?:kind|type|sort)\b|"
    r"(?:for|to|with|(?<=needed )from|(?<=required )from) (?:any|every|each|all) (?!other\b)"
    r"[a-z]{3,20}(?= *[,.;:!?]| straight| now|$)|"
    r"(?:for|to) (?:everyone|anyone|everybody)\b|"
    # "whether or not you've opened it", "opened or unopened", "opened or not"
    r"whether or not\b[^,.;:!?]{0,60}(?=[,.;:!?]|$)|"
    r"\b(?P<either>[a-z]{3,20}) or un(?P=either)\b|\b[a-z]{3,20}ed or not\b)",
    re.I,
)
"""The span of a claim of one handling for every case, with its leading comma and the
clause it runs to (", no matter how old it is", "for every order", "opened or unopened"):
what the prompt-rule writer takes out of a voiced rule. `EVERY_CASE_WORDS` only finds such a
claim's words; `WHATEVER_WORDS` opens one for the writers that drop or narrow it."""


_EVERY_SUBJECT = re.compile(
    r"\b(?P<q>every|each)\s+(?P<noun>[A-Za-z][a-z'’-]{2,20})\s+(?P<verb>[a-z]{2,15})\b", re.I
)
"""A subject claimed of every case ("Every member gets", "Each booking includes"): bounded,
read once per match."""
_SINGULAR_VERB = {"is": "are", "has": "have", "does": "do", "goes": "go", "was": "were"}
_MODALS = frozenset({"can", "will", "may", "must", "should", "could", "would", "might"})


_NOT_VERBS = frozenset(
    {
        "always",
        "sometimes",
        "perhaps",
        "nowadays",
        "afterwards",
        "besides",
        "thus",
        "plus",
        "towards",
        "unless",
        "as",
        "its",
        "his",
        "this",
        "hers",
        "ours",
        "yours",
        "theirs",
        "whereas",
        "is",
        "us",
        "yes",
        "less",
        "nevertheless",
        "alas",
        "upwards",
        "downwards",
        "backwards",
        "forwards",
        "anyways",
        "outdoors",
        "indoors",
        "overseas",
        "once",
    }
)
"""Words ending in -s after a subject that are not its verb ("Every member always gets"):
the "a/an" form is kept there (`is` is read by `_SINGULAR_VERB` first)."""
_IRREGULAR_PLURAL = re.compile(
    r"(?:child|person|man|woman|foot|tooth|mouse|goose|people|sheep|fish|deer|series|species|"
    r"staff|criterion|phenomenon|analysis|basis|crisis|thesis|index|appendix|^ox)$",
    re.I,
)
"""Nouns whose plural is not noun+s/es ("child", "person", "chairman", "analysis")."""
_GUESSED_PLURAL = re.compile(r"(?:[^aeiou]o|[^f]fe?)$", re.I)
"""Nouns whose plural is only guessed at ("photo"/"hero", "shelf"/"chief", "knife"/"safe")."""


def _plural_noun(noun: str) -> str | None:
    """The plural of a noun, or None where it is not surely noun+s/es (`_IRREGULAR_PLURAL`,
    `_GUESSED_PLURAL`)."""
    if _IRREGULAR_PLURAL.search(noun) or _GUESSED_PLURAL.search(noun):
        return None
    if re.search(r"(?:s|x|z|ch|sh)$", noun, re.I):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun, re.I):
        return noun[:-1] + "ies"
    return noun + "s"


def _plural_verb(verb: str) -> str | None:
    """The plural of a third-person singular present verb ("gets" → "get", "carries" →
    "carry"), a modal as it is, or None for anything else (no verb to agree with)."""
    lowered = verb.lower()
    if lowered in _NOT_VERBS and lowered not in _SINGULAR_VERB:
        return None
    if lowered.endswith(("ways", "wards", "times")):
        return None  # an adverb ("always", "afterwards", "sometimes"), not the verb
    if lowered in _MODALS:
        return verb
    if lowered in _SINGULAR_VERB:
        return _SINGULAR_VERB[lowered]
    if not lowered.endswith("s") or lowered.endswith("ss") or len(lowered) < 3:
        return None
    if lowered.endswith("ies") and len(lowered) > 4:
        return verb[:-3] + "y"
    if re.search(r"(?:ches|shes|sses|xes|zes)$", lowered):
        return verb[:-2]
    return verb[:-1]


def _kind_of(noun: str, kinds: Collection[str]) -> bool:
    """Whether a noun is one of `kinds` (stems), or one is the other's stem ("member" of
    "membership"): four letters at least."""
    stem = re.sub(r"(?:e?s)$", "", noun.lower()) if len(noun) > 4 else noun.lower()
    return any(
        stem == kind
        or (min(len(stem), len(kind)) >= 4 and (kind.startswith(stem) or stem.startswith(kind)))
        for kind in kinds
    )


def without_every_subject(
    text: str,
    kinds: Collection[str] | None,
    *,
    after: int = 0,
    before: int | None = None,
    named: re.Pattern[str] | None = None,
    plural: bool = False,
) -> str:
    """`text` with its subject claimed of every case narrowed, once an edit says one value for
    some cases beside the old one: "Every member gets two (four for gold)" → "A member gets
    two (four for gold)"; with `plural`, "Members get two …" ("Each booking has" →
    "Bookings have", "Every member can" → "Members can"), or "a" where no verb agrees ("Every
    member of the club gets" → "A member of the club gets"). Only a noun that is what the
    cases are kinds of (`kinds`, stems; "member" of `membership`; None: any, where the claim
    ties the cases to the subject, "whatever their plan"), not one `named` finds (the
    case the exception is for), and only the first such subject at or after `after` (and
    ending by `before`); the rest of `text` byte for byte."""
    end = len(text) if before is None else before
    for found in _EVERY_SUBJECT.finditer(text, after, end):
        noun = found.group("noun")
        if (kinds is not None and not _kind_of(noun, kinds)) or (
            named is not None and named.search(noun)
        ):
            continue
        capital = found.group("q")[:1].isupper()
        verb = _plural_verb(found.group("verb")) if plural else None
        nouns = _plural_noun(noun) if verb is not None else None
        if verb is not None and nouns is not None:
            said = f"{nouns[:1].upper() if capital else nouns[:1].lower()}{nouns[1:]} {verb}"
            return text[: found.start()] + said + text[found.end() :]
        article = "an" if noun[:1].lower() in "aeiou" else "a"
        article = article.capitalize() if capital else article
        return (
            text[: found.start()] + f"{article} {noun} {found.group('verb')}" + text[found.end() :]
        )
    return text
