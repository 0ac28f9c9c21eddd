"""A writer's text field that stays within the core's limit for a writer's text
(`text_limit`): typing or a paste that would take it past the limit is refused at once and
said, and the text as it was stays, saved. A multi-MB paste never reaches the field, the
autosave or the edit check."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import EditResult, Location


def refused(name: str, length: int, limit: int, *, paste: bool) -> str:
    """The notice for an edit refused for length."""
    kept = "The text is kept as it was" + (
        " and the paste is still on your clipboard" if paste else ""
    )
    return (
        f"Not {'pasted' if paste else 'typed'}: {name} would be {length:,} characters, over "
        f"the {limit:,} a writer's text may have. {kept}."
    )


def over_limit(length_now: int, length_after: int, limit: int | None) -> bool:
    """Whether an edit takes a text past `limit`; one that shortens a text already over it
    (stored before the limit) is let through."""
    return limit is not None and length_after > limit and length_after > length_now


class CappedTextArea(TextArea):
    """A TextArea of at most `limit` characters (None: no limit), `name` the field's name in
    the notice. `end_on_focus`: coming into it puts the cursor at the end of its text, where
    a writer adds to a note's field (a long body being edited opens at its start instead)."""

    def __init__(
        self,
        text: str = "",
        *,
        limit: int | None,
        name: str,
        end_on_focus: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(text, **kwargs)
        self.limit = limit
        self.field_name = name
        self.end_on_focus = end_on_focus
        self._clicked = False
        """A mouse press is giving it the focus (and places the cursor)."""
        self.refusal: str | None = None
        """When set (a read-only workspace), every edit from the keyboard is refused with
        this notice, and the text stays as stored."""

    def focus_on_click(self) -> bool:
        self._clicked = not self.has_focus
        return super().focus_on_click()

    def _on_resize(self) -> None:
        """Re-wrapped to the new width, it repaints now: the screen was drawn from the old
        wrapping before this resize arrived, and a text that keeps its number of lines
        changes no size that would repaint it (a word stayed past the right edge until the
        next cursor blink or key)."""
        super()._on_resize()
        self.refresh()

    def on_focus(self, event: events.Focus) -> None:
        # a click puts the cursor where clicked; the terminal regaining the focus leaves it
        # where the writer left it
        if self.end_on_focus and not (self._clicked or event.from_app_focus):
            self.move_cursor(self.document.end)
        self._clicked = False

    def _replace_via_keyboard(
        self, insert: str, start: Location, end: Location
    ) -> EditResult | None:
        """Typing, enter, a paste and ctrl+v all pass here (undo and `load_text` do not)."""
        if self.refusal is not None:
            self.notify(self.refusal, severity="warning", timeout=8)
            return None
        if self.limit is not None and insert:
            length_now = len(self.text)
            length_after = length_now - len(self.get_text_range(start, end)) + len(insert)
            if over_limit(length_now, length_after, self.limit):
                self.notify(
                    refused(self.field_name, length_after, self.limit, paste=len(insert) > 1),
                    severity="warning",
                    timeout=10,
                )
                return None
        return super()._replace_via_keyboard(insert, start, end)

    def _delete_via_keyboard(self, start: Location, end: Location) -> EditResult | None:
        """Backspace, delete and a cut pass here."""
        if self.refusal is not None:
            self.notify(self.refusal, severity="warning", timeout=8)
            return None
        return super()._delete_via_keyboard(start, end)
