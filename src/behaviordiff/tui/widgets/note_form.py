"""A note's fields as editable text. It posts `NoteForm.Edited` as the writer types; the
screen saves (debounced) and shows the edit check's warnings at the top, kept until the
text no longer raises them or the writer dismisses them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select, TextArea

from behaviordiff.pipeline.review import (
    NOTE_FIELDS,
    SEVERITIES,
    ReviewItem,
    moved_fields,
    text_limit,
)
from behaviordiff.tui.text import READ_ONLY_NOTICE, look_again_text, text_content, visible
from behaviordiff.tui.widgets.capped_text import CappedTextArea
from behaviordiff.tui.widgets.choice import Choice
from behaviordiff.tui.widgets.field_input import FieldInput, first_line
from behaviordiff.tui.widgets.shown import Static

if TYPE_CHECKING:
    from behaviordiff.tui.host import ReviewHost

LABELS = {
    "title": "Title",
    "before": "Before",
    "after": "After",
    "when": "When",
    "customer_impact": "Customer impact",
    "cs_actions": "What CS should do (one per line)",
    "severity": "Severity",
}
_SHORT = ("title", "when")


class NoteForm(VerticalScroll, can_focus=False):
    """Not a stop of its own for tab: from the tab bar, tab goes straight into Title (it
    scrolls to whichever field has the focus)."""

    @dataclass
    class Edited(Message):
        """The writer changed a field."""

        form: NoteForm

    def __init__(self, item: ReviewItem, effective: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.item = item
        self.effective = effective

    def compose(self) -> ComposeResult:
        yield Static(id="note-state", classes="muted")
        content = self.item.record.content
        for name in NOTE_FIELDS:
            yield Label(LABELS[name], classes="field-label")
            value = content.get(name)
            if name == "severity":
                yield Choice(
                    [(level, level) for level in SEVERITIES],
                    value=str(value or "low"),
                    allow_blank=False,
                    id="field-severity",
                    compact=True,
                )
            elif name in _SHORT:
                yield FieldInput(
                    visible(_field_text(value)),
                    id=f"field-{name}",
                    compact=True,
                    limit=text_limit(self.item, name),
                    name=name,
                )
                # a one-line field scrolls sideways: a long title or condition is read
                # whole under it
                yield Static(id=f"{name}-whole", classes="muted")
            else:
                yield CappedTextArea(
                    visible(_field_text(value)),
                    id=f"field-{name}",
                    soft_wrap=True,
                    compact=True,
                    limit=text_limit(self.item, name),
                    name=name,
                    end_on_focus=True,
                )
        yield Label(
            "Effective date (set with `behaviordiff draft --effective`)", classes="field-label"
        )
        yield Static(text_content(self.effective or "not set"), classes="muted")

    def on_mount(self) -> None:
        for name in _SHORT:
            # the line under follows what the field shows: its start (the rest then) or,
            # scrolled to the cursor, not (the whole text then); entering, leaving and
            # moving in the field scroll it without changing its text
            field = self.query_one(f"#field-{name}", Input)
            self.watch(field, "scroll_x", partial(self.show_whole, name), init=False)
        self.call_after_refresh(self.show_whole_fields)
        if cast("ReviewHost", self.app).read_only:
            self.refuse_edits()

    def refuse_edits(self) -> None:
        """A read-only workspace: the fields show the stored text and take no edit, saying
        why (the severity list does not open)."""
        for field in self.query(FieldInput):
            field.refusal = READ_ONLY_NOTICE
        for area in self.query(CappedTextArea):
            area.refusal = READ_ONLY_NOTICE
        self.query_one(Choice).disabled = True

    def on_resize(self) -> None:
        self.show_whole_fields()

    def show_whole_fields(self) -> None:
        for name in _SHORT:
            self.show_whole(name)

    def show_whole(self, name: str) -> None:
        """Under a one-line field too narrow for its text, the rest of it: from the first
        word the field does not show from its start (it shows whole words, as a wrapped
        field does: no word is cut and said twice), after an ellipsis; the whole text once
        the field scrolls sideways."""
        field = self.query_one(f"#field-{name}", Input)
        whole = self.query_one(f"#{name}-whole", Static)
        width = field.content_region.width
        # a field showing its start uses every cell (its cursor takes one only at the end,
        # where the field has scrolled)
        longer = width > 0 and (text_content(field.value).cell_length > width or field.scroll_x > 0)
        if longer:
            rest = _rest(field.value, width) if field.scroll_x == 0 else field.value
            whole.update(text_content(rest))
        if whole.display != longer:
            whole.display = longer

    def values(self) -> dict[str, Any]:
        """What the fields hold, as the draft would store it. A field shows its stored text
        with control characters made visible (`visible`): one the writer left as shown gives
        back the stored value byte for byte; one they edited holds what they see, so a
        control character becomes its visible `\\x1b` only in a field they typed in."""
        values: dict[str, Any] = {}
        content = self.item.record.content
        for name in NOTE_FIELDS:
            if name == "severity":
                values[name] = str(self.query_one("#field-severity", Select).value)
                continue
            if name in _SHORT:
                text = self.query_one(f"#field-{name}", Input).value
            else:
                text = self.query_one(f"#field-{name}", TextArea).text
            if name in content and text == visible(_field_text(content[name])):
                values[name] = content[name]
            elif name == "cs_actions":
                values[name] = [
                    line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")
                ]
            else:
                values[name] = text
        return values

    def load(self, item: ReviewItem) -> None:
        """Show another stored version of the draft (after undo, reset, a conflict)."""
        self.item = item
        content = item.record.content
        for name in NOTE_FIELDS:
            value = content.get(name)
            if name == "severity":
                self.query_one("#field-severity", Select).value = str(value or "low")
            elif name in _SHORT:
                self.query_one(f"#field-{name}", FieldInput).load(visible(_field_text(value)))
            else:
                text = visible(_field_text(value))
                area = self.query_one(f"#field-{name}", TextArea)
                if area.text != text:
                    area.load_text(text)

    def show_field(self, name: str) -> None:
        """Show the stored text of one multi-line field (`self.item`'s), the others as typed."""
        area = self.query_one(f"#field-{name}", TextArea)
        text = visible(_field_text(self.item.record.content.get(name)))
        if area.text != text:
            area.load_text(text)

    def show_state(
        self, item: ReviewItem, saved_at: str | None = None, approval: Sequence[str] = ()
    ) -> None:
        """The note's status line, and the bar of what needs a look: the edit check's open
        warnings, and `approval`, why what the writer just approved will not go out as it
        is (the warnings `review approve` prints)."""
        record = item.record
        # under the change's title, outside the scrolling form: in view whichever field is
        # being typed in
        warnings = self.screen.query_one("#note-warnings", Static)
        lines = [f"⚠ {item.handle}: {warning}" for warning in record.open_warnings]
        if lines:
            lines.append("Fix the text, or esc then d to dismiss.")
        lines += [f"⚠ {warning}" for warning in approval]
        warnings.set_class(bool(approval), "-approval")
        if lines:
            warnings.update(text_content("\n".join(lines)))
            warnings.display = True
        else:
            warnings.display = False
        who = (
            f"text by {record.edited_by}"
            if record.edited_by
            else f"machine draft ({record.origin})"
        )
        state = f"{record.status} · {who}"
        if record.reason:
            state += f" · {record.reason}"
        if record.comment:
            state += f" · “{record.comment}”"
        moved = (
            moved_fields(cast("ReviewHost", self.app).workspace, item)
            if item.state.look_again
            else []
        )
        look_again = look_again_text(item, moved)
        if look_again:
            state += f" · {look_again}"
        if saved_at:
            state += f" · saved {saved_at}"
        self.query_one("#note-state", Static).update(text_content(state))

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self, event: Message) -> None:
        event.stop()
        if isinstance(event, Input.Changed) and event.input.id in ("field-title", "field-when"):
            self.show_whole(event.input.id.removeprefix("field-"))
            # once the field has scrolled to the cursor: the whole text, or the rest
            self.call_after_refresh(self.show_whole, event.input.id.removeprefix("field-"))
        self.post_message(self.Edited(self))


def _rest(value: str, width: int) -> str:
    """`value` past the words a one-line field `width` cells wide shows whole from its start,
    from the first word it does not show (`first_line`), after an ellipsis."""
    return "…" + value[first_line(value, width) :]


def _field_text(value: Any) -> str:
    """A stored note field as its text field shows it: a list (CS actions) one per line."""
    return "\n".join(str(line) for line in value) if isinstance(value, list) else str(value or "")
