"""Split prompt text into Markdown sections and sentences, the units a reader thinks in."""

from __future__ import annotations

import re

PREAMBLE = "(before the first heading)"

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_JINJA_BLOCK = re.compile(r"^\s*\{%-?.*-?%\}\s*$")
_ABBREVIATIONS = (
    "e.g.",
    "i.e.",
    "etc.",
    "vs.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "St.",
    "approx.",
    "No.",
)
# A sentence ends at . ! or ? followed by space and something that starts a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9{$*_])")


def split_sentences(paragraph: str) -> list[str]:
    text = " ".join(paragraph.split())
    if not text:
        return []
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        candidate = text[start : match.start()].rstrip()
        if candidate.endswith(_ABBREVIATIONS) or re.search(r"\b[A-Z]\.$", candidate):
            continue
        end = match.end()
        sentences.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def _units(lines: list[str]) -> list[str]:
    """Paragraphs and list items, then sentences; code blocks and Jinja tags stay whole."""
    units: list[str] = []
    paragraph: list[str] = []
    fence: list[str] | None = None

    def flush() -> None:
        if paragraph:
            units.extend(split_sentences(" ".join(paragraph)))
            paragraph.clear()

    for line in lines:
        if fence is not None:
            fence.append(line)
            if _FENCE.match(line):
                units.append("\n".join(fence))
                fence = None
            continue
        if _FENCE.match(line):
            flush()
            fence = [line]
            continue
        if not line.strip():
            flush()
        elif _JINJA_BLOCK.match(line):
            flush()
            units.append(line.strip())
        elif _LIST_ITEM.match(line):
            flush()
            paragraph.append(_LIST_ITEM.sub("", line, count=1).strip())
        else:
            paragraph.append(line.strip())
    if fence is not None:
        units.append("\n".join(fence))
    flush()
    return units


def split_sections(text: str) -> dict[str, list[str]]:
    """Ordered mapping: section title → its sentences. Nested headings get their parent's
    title as a prefix only when a title would otherwise repeat."""
    raw: list[tuple[list[str], list[str]]] = []
    path: list[str] = []
    current: list[str] = []
    title_path: list[str] = [PREAMBLE]
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading:
            raw.append((title_path, current))
            level = len(heading.group(1))
            path = path[: level - 1]
            path += [""] * (level - 1 - len(path))
            path.append(heading.group(2).strip())
            title_path = [part for part in path if part]
            current = []
        else:
            current.append(line)
    raw.append((title_path, current))

    sections: dict[str, list[str]] = {}
    leaf_counts: dict[str, int] = {}
    for titles, _ in raw:
        leaf_counts[titles[-1]] = leaf_counts.get(titles[-1], 0) + 1
    for titles, lines in raw:
        units = _units(lines)
        if titles == [PREAMBLE] and not units:
            continue
        name = titles[-1] if leaf_counts[titles[-1]] == 1 else " › ".join(titles)
        while name in sections:
            name += " (again)"
        sections[name] = units
    return sections
