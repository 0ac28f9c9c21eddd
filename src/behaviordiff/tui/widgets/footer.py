"""The footer of the app's screens: Textual's, rebuilt only when the keys it shows change.

Textual's footer remounts every key whenever the focus moves (the bindings "changed"), and
each key then restyles itself for the compact look: most of the cost of a keypress that
opens a change or a tab on a big release. Here the keys are rebuilt only when what they show
differs, and built compact from the start."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class ReviewFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: tuple[Hashable, ...] | None = None

    def _keys(self) -> tuple[Hashable, ...]:
        """What the footer would show now: its keys, their labels and whether enabled."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.key_display, enabled)
            for (_, binding, enabled, _tooltip) in self.screen.active_bindings.values()
            if binding.show
        )

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and self.compact:
                # compact before mounting: set after, each key restyles itself once more
                widget.add_class("-compact", update=False)
            yield widget

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        shown = self._keys() if self._bindings_ready else None
        if shown is not None and shown == self._shown and self.children:
            return
        self._shown = shown
        await super().recompose()
