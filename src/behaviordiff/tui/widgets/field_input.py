"""A one-line note field with what Textual's Input lacks here: undo and redo of typing (as the
note's TextAreas and the body editor have), its text shown from the start when loaded,
restored or left (a long title otherwise shows its tail at 80 columns), and the cursor at
the end when the writer comes into it, so what they type adds to the text."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.binding import Binding, BindingType
from textual.strip import Strip
from textual.widgets import Input

from behaviordiff.tui.widgets.capped_text import over_limit, refused

HISTORY = 100
"""Undo steps kept per field."""


def first_line(value: str, width: int) -> int:
    """Where the words a one-line field `width` cells wide shows whole from its start end:
    the index of the word it would cut (its rest starts there), `len(value)` when all fits.
    A field showing its start uses every cell (its cursor takes one only at the end); a word
    longer than the field is cut at its edge."""
    cells = 0
    for index, char in enumerate(value):
        cells += cell_len(char)
        if cells > width:
            space = value.rfind(" ", 0, index + 1)  # a cut at a space cuts no word
            return space + 1 if space > 0 else index
    return len(value)


class FieldInput(Input):
    """ctrl+z undoes the last stretch of typing, ctrl+y redoes it. A stretch is a run of
    typed characters up to a space, a run of backspaces or deletes, or one paste, cut or word
    deletion (TextArea's steps are alike).
    `load` replaces the text (a stored version: undo, reset, another change) and starts a new
    history, as `TextArea.load_text` does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+z,super+z", "undo", "Undo", show=False),
        Binding("ctrl+y,super+y,ctrl+shift+z", "redo", "Redo", show=False),
        # TextArea's select-all key, so one key selects all in every field (ctrl+a stays
        # the terminal's line start)
        Binding("f7", "select_all", "Select all", show=False),
    ]

    def __init__(
        self,
        value: str = "",
        *,
        id: str | None = None,
        compact: bool = False,
        limit: int | None = None,
        name: str = "the field",
    ) -> None:
        super().__init__(value, id=id, compact=compact, select_on_focus=False)
        self.limit = limit
        """At most this many characters (the core's `text_limit`): typing or a paste past
        it is refused and said, as in `CappedTextArea`."""
        self.field_name = name
        self._undo: list[tuple[str, int]] = []
        self._redo: list[tuple[str, int]] = []
        self._stretch: tuple[str, int] | None = None
        """The open stretch of typing or deleting, and where its next key would land."""
        self._clicked = False
        """A mouse press is giving it the focus (and places the cursor)."""
        self.refusal: str | None = None
        """When set (a read-only workspace), every edit is refused with this notice, and
        the text stays as stored."""

    def on_mount(self) -> None:
        self.home()

    def focus_on_click(self) -> bool:
        # the press that focuses it places the cursor (`on_focus` leaves it be)
        self._clicked = not self.has_focus
        return super().focus_on_click()

    def on_focus(self, event: events.Focus) -> None:
        """Come into with the keyboard: the cursor at the end, where a writer adds to a
        title. A click puts it where clicked; the terminal regaining the focus leaves it
        where the writer left it."""
        if not (self._clicked or event.from_app_focus):
            self.cursor_position = len(self.value)
        self._clicked = False

    def render_line(self, y: int) -> Strip:
        """Not being typed in and showing its start, a field too narrow for its text shows
        whole words only, as a wrapped field does: the word it would cut starts the line
        under it (`NoteForm.show_whole`), instead of being cut there and said again."""
        strip = super().render_line(y)
        if y or self.has_focus or self.scroll_x:
            return strip
        end = first_line(self.value, self.content_region.width)
        if end == len(self.value):
            return strip
        shown = cell_len(self.value[:end])
        return (
            strip.crop(0, shown).extend_cell_length(strip.cell_length).apply_style(self.rich_style)
        )

    def on_blur(self) -> None:
        """Left, it reads from its start again, as the other fields do."""
        self.home()

    def home(self) -> None:
        """Cursor and view at the start: a long title reads from its first word."""
        self.cursor_position = 0
        self.scroll_to(x=0, animate=False, immediate=True)

    def load(self, value: str) -> None:
        """Show a stored version of the field with a fresh history, from its start unless the
        writer is in it; the same text as shown changes nothing."""
        if self.value == value:
            return
        self._undo.clear()
        self._redo.clear()
        self._stretch = None
        self.value = value
        if not self.has_focus:
            self.home()

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit of Input (typing, deleting, pasting, cutting) passes here."""
        if self.refusal is not None:
            self.notify(self.refusal, severity="warning", timeout=8)
            return
        before = (self.value, self.cursor_position)
        start, end = sorted((max(0, start), min(len(self.value), end)))
        length_after = len(self.value) - (end - start) + len(text)
        if over_limit(len(self.value), length_after, self.limit):
            assert self.limit is not None
            self.notify(
                refused(self.field_name, length_after, self.limit, paste=len(text) > 1),
                severity="warning",
                timeout=10,
            )
            return
        if len(text) == 1 and start == end and not text.isspace():
            kind, continues, after = "type", self._stretch == ("type", start), start + 1
        elif not text and end - start == 1:
            continues = self._stretch in (("delete", end), ("delete", start))
            kind, after = "delete", start
        else:
            kind, continues, after = "other", False, 0
        if not continues:
            self._undo.append(before)
            del self._undo[:-HISTORY]
        super().replace(text, start, end)
        if self.value == before[0]:
            if not continues:
                self._undo.pop()  # refused (restricted) or a no-op: nothing to undo
            return
        self._redo.clear()
        self._stretch = (kind, after) if kind != "other" else None

    def action_undo(self) -> None:
        self._step(self._undo, self._redo)

    def action_redo(self) -> None:
        self._step(self._redo, self._undo)

    def _step(self, source: list[tuple[str, int]], target: list[tuple[str, int]]) -> None:
        if not source:
            self.app.bell()
            return
        target.append((self.value, self.cursor_position))
        value, cursor = source.pop()
        self._stretch = None
        self.value = value  # posts Input.Changed: the form saves it like typing
        self.cursor_position = cursor
