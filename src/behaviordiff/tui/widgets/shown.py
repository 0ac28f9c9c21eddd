"""The widgets through which the app shows data: every text a `Static` or a `DataTable` cell
is given passes `visible` first, so a model's reply or a macro body holding an escape
sequence shows it as `\\x1b` and never retitles the terminal or clears the screen. The app's
modules import `Static` and `DataTable` from here, not from Textual (a test checks)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, TypeVar

from textual import widgets
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.visual import VisualType

from behaviordiff.tui.text import visible, visible_content

CellType = TypeVar("CellType")


def shown(value: Any) -> Any:
    """A string or `Content` from data made visible (`visible`); anything else as it is."""
    if isinstance(value, Content):
        return visible_content(value)
    if isinstance(value, str):
        return visible(value)
    return value


class Static(widgets.Static):
    """Textual's `Static` whose content is made visible when given or updated."""

    def __init__(self, content: VisualType = "", **kwargs: Any) -> None:
        super().__init__(shown(content), **kwargs)

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(shown(content), layout=layout)


class DataTable(widgets.DataTable[CellType]):
    """Textual's `DataTable` whose cells are made visible when added or updated, and whose
    cursor `j` and `k` move as ↓ and ↑ do, in every list of the app (the queue, a change's
    probes and edits)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def add_row(
        self,
        *cells: CellType,
        height: int | None = 1,
        key: str | None = None,
        label: Any = None,
    ) -> Any:
        return super().add_row(
            *(shown(cell) for cell in cells), height=height, key=key, label=label
        )

    def add_rows(self, rows: Iterable[Iterable[CellType]]) -> list[Any]:
        return [self.add_row(*row) for row in rows]

    def update_cell(
        self, row_key: Any, column_key: Any, value: CellType, *, update_width: bool = False
    ) -> None:
        super().update_cell(row_key, column_key, shown(value), update_width=update_width)

    def update_cell_at(
        self, coordinate: Any, value: CellType, *, update_width: bool = False
    ) -> None:
        super().update_cell_at(coordinate, shown(value), update_width=update_width)
