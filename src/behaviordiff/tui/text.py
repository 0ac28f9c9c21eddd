"""Rich-free text building for the app: word diffs and statuses as Textual `Content`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content, Span

from behaviordiff.pipeline import Piece, word_diff
from behaviordiff.pipeline.review import ReviewItem
from behaviordiff.terminal import controls, has_controls, safe_terminal_text

READ_ONLY_NOTICE = (
    "Read only: this workspace cannot be written here (a read-only folder or mount), so "
    "nothing can be edited, approved or rejected; every change can be read. To review, copy "
    "the workspace folder somewhere writable and run `behaviordiff review --workspace COPY`."
)
"""What the app says as it opens a read-only workspace, and again at a key that would write."""

STATUS_STYLE = {
    "draft": "$foreground",
    "edited": "$accent",
    "approved": "$success",
    "rejected": "$error",
    "needs-engineering": "$warning",
    "wording": "$foreground-muted",
}
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.S)


SHORT = {"needs-engineering": "engineering"}


def visible(text: str) -> str:
    """Text from data as the app shows it: a control character as `\\x1b`, a bidi override
    as `\\u202e`, never obeyed (Textual passes ESC to the terminal as it is)."""
    return safe_terminal_text(text)


def text_content(text: str, style: str = "") -> Content:
    """Text from data as `Content`, made `visible` first: `Content(text)` itself drops a bell,
    a backspace, a vertical tab, a form feed and a carriage return without a trace, where the
    app shows each as `\\x07`. Every text the app builds `Content` from passes here."""
    shown = visible(text)
    return Content.styled(shown, style) if style else Content(shown)


def visible_content(content: Content) -> Content:
    """`visible` for styled text: each control character replaced by its visible form, the
    styles of the text around it kept where they were."""
    plain = content.plain
    if not has_controls(plain):
        return content
    parts: list[Content] = []
    start = 0
    for match in controls(plain):
        parts += [content[start : match.start()], Content(visible(match.group()))]
        start = match.end()
    parts.append(content[start:])
    return Content("").join(parts)


def look_again_text(item: ReviewItem, moved: Sequence[str] = ()) -> str | None:
    """Why a writer looks at a draft again, as the other views say it (`review_state`), with
    what to do: for the status line of a note or an edit. `moved`: what moved in the
    machine draft under an outdated writer's text, or since an approval that did not carry
    (`moved_fields`), named when known."""
    state = item.state
    why = state.why(item.record.release_id)
    if state.look_again == "outdated":
        if moved:
            why = f"the machine draft moved under the writer's text ({'; '.join(moved)})"
        return f"{state.flag}: {why}; edit those fields, or r for the new text"
    if state.look_again == "reopened":
        if moved:
            why = f"{why} ({'; '.join(moved)})"
        return f"{why}; read it, then approve it again"
    if state.suggestion_moved:
        return (
            "suggestion moved: the machine draft moved only under fields you wrote (the "
            "change's facts the same); your text and its decision stand, r for the new text"
        )
    return None


def count(number: int, noun: str, plural: str | None = None) -> str:
    """`1 change`, `2 changes`: a number and its noun as people write them."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def status_text(status: str) -> Content:
    """A status in its colour; `needs-engineering` shows as `engineering` in narrow columns."""
    return Content.styled(SHORT.get(status, status), f"bold {STATUS_STYLE.get(status, '')}".strip())


def _placeholders(text: str, offset: int) -> list[Span]:
    return [
        Span(offset + match.start(), offset + match.end(), "bold reverse")
        for match in _PLACEHOLDER.finditer(text)
    ]


REMOVED_BREAK = "↵"
"""A line break the edit removed, as the word diff shows it."""


MARKS = {"removed": ("[-", "-]"), "added": ("{+", "+}")}
"""How a word diff marks what went and what came in text shown without colour (as `git diff
--word-diff` does): struck-through red and green alone read "3014 days" for 30 → 14."""


def diff_content(
    pieces: list[Piece],
    *,
    show: tuple[str, ...] = ("same", "removed", "added"),
    marks: bool = False,
) -> Content:
    """Removed words struck through in red, added ones in green, placeholders reversed; with
    `marks` (no colour: NO_COLOR, a monochrome terminal) also between `[-…-]` and `{+…+}`. A
    removed line break shows as `↵`, struck through: laid out as a break, it drew lines and
    blank lines the new text does not have."""
    text = ""
    spans: list[Span] = []
    for piece in pieces:
        if piece.op not in show:
            continue
        shown = piece.text
        if piece.op == "removed" and "same" in show and "added" in show:
            shown = shown.replace("\n", REMOVED_BREAK)
        if marks and piece.op in MARKS:
            opening, closing = MARKS[piece.op]
            text += opening
            shown += closing
        start = len(text)
        text += shown
        if piece.op == "removed":
            spans.append(Span(start, len(text), "strike $text-error on $error-muted"))
        elif piece.op == "added":
            spans.append(Span(start, len(text), "bold $text-success on $success-muted"))
        spans += _placeholders(piece.text, start)
    return Content(text, spans)


PANE_CHARS = 10_000
"""The most characters of one text a pane renders: a 4 MB reply must not become 4 MB of
layout in the terminal."""
DIFF_CHARS = 1_500
"""The most characters of each text the word diff compares. An alignment's time can grow with
the square of the words (DeepDiff's whole-list one took 2 to 5 s on 1,500 characters of one
phrase repeated); capped here, a run's diff stays bounded whatever the aligner does."""

EDIT_DIFF_CHARS = 4_000
"""The most characters of a macro or article body the edits tab's diff compares: a long help
article whole."""


@dataclass(frozen=True)
class Bounded:
    """The start of a text, cut where a pane stops rendering, and how long the whole is."""

    text: str
    total: int

    @property
    def cut(self) -> bool:
        return len(self.text) < self.total

    def notice(self) -> str:
        return f"showing the first {len(self.text):,} of {self.total:,} characters"


def bounded(text: str, limit: int = PANE_CHARS) -> Bounded:
    """At most `limit` characters of `text`, cut after a space when one is near the end, so
    the last word shown is whole."""
    if len(text) <= limit:
        return Bounded(text, len(text))
    head = text[:limit]
    space = max(head.rfind(" "), head.rfind("\n"))
    if space > limit * 0.9:
        head = head[: space + 1]
    return Bounded(head, len(text))


def plain_pane(text: str, limit: int = PANE_CHARS) -> Content:
    """A text as a pane shows it before (or without) a diff: bounded, with a notice if cut."""
    shown = bounded(visible(text), limit)
    return _with_notice(Content(shown.text), shown, compared=None)


def _with_notice(body: Content, shown: Bounded, compared: Bounded | None) -> Content:
    if not shown.cut and (compared is None or not compared.cut):
        return body
    notes = [shown.notice()] if shown.cut else []
    if compared is not None and compared.cut:
        notes.append(f"changes marked in the first {len(compared.text):,}")
    return Content.styled(f"[{'; '.join(notes)}]\n", "italic $text-warning") + body


def side_by_side(
    old: str, new: str, *, pane: int = PANE_CHARS, compare: int = DIFF_CHARS
) -> tuple[Content, Content]:
    """The old text with what went highlighted, the new one with what came. Bounded by
    construction: the diff compares the first `compare` characters of each, the panes render
    the first `pane`, and say so when a text is longer. Both made `visible` first (Textual's
    `Content` would drop a bell or a carriage return without a trace)."""
    old_pane, new_pane = bounded(visible(old), pane), bounded(visible(new), pane)
    old_head, new_head = bounded(old_pane.text, compare), bounded(new_pane.text, compare)
    pieces = word_diff(old_head.text, new_head.text)
    old_rest = old_pane.text[len(old_head.text) :]
    new_rest = new_pane.text[len(new_head.text) :]
    return (
        _with_notice(
            diff_content(pieces, show=("same", "removed")) + Content(old_rest),
            old_pane,
            Bounded(old_head.text, old_pane.total),
        ),
        _with_notice(
            diff_content(pieces, show=("same", "added")) + Content(new_rest),
            new_pane,
            Bounded(new_head.text, new_pane.total),
        ),
    )


def inline_diff(
    old: str,
    new: str,
    *,
    pane: int = PANE_CHARS,
    compare: int = EDIT_DIFF_CHARS,
    marks: bool = False,
) -> Content:
    """Old and new in one text, what went struck out and what came marked (`marks`: between
    `[-…-]` and `{+…+}` too, for a screen without colour), bounded as `side_by_side` is: the
    first `compare` characters diffed, the first `pane` shown; both made `visible` first."""
    old_pane, new_pane = bounded(visible(old), pane), bounded(visible(new), pane)
    old_head, new_head = bounded(old_pane.text, compare), bounded(new_pane.text, compare)
    body = diff_content(word_diff(old_head.text, new_head.text), marks=marks)
    # past what was compared, the proposed body as it is
    body += Content(new_pane.text[len(new_head.text) :])
    longer = max((old_pane, new_pane), key=lambda shown: shown.total)
    return _with_notice(body, longer, old_head if old_head.cut else new_head)
