"""A Select whose open list closes on esc or q, as every other list of the app is left: the
writer who presses q there means to close the list, not to quit with it open."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay


class ChoiceList(SelectOverlay):
    """The open list. Its own q binding (a priority one) comes before the type-to-search that
    would take the letter, and before the app's q, which a list that takes letters hides."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close list"),
        Binding("q", "dismiss", "Close list", show=False, priority=True),
    ]


class Choice(Select[str]):
    """Textual's Select with `ChoiceList` as its open list."""

    def compose(self) -> ComposeResult:
        yield SelectCurrent(self.prompt)
        yield ChoiceList(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
