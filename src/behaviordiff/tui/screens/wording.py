"""A wording-only group, read only: the agent says it differently and does the same, so there
is no note to approve; what changed in the wording is its evidence, shown as a change's is."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header

from behaviordiff.pipeline.review import QueueEntry, change_evidence
from behaviordiff.tui.text import count, text_content
from behaviordiff.tui.widgets.evidence import EvidenceView
from behaviordiff.tui.widgets.footer import ReviewFooter
from behaviordiff.tui.widgets.shown import Static

if TYPE_CHECKING:
    from behaviordiff.tui.host import ReviewHost


class WordingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("comma", "sample(-1)", "Prev sample"),
        Binding("full_stop", "sample(1)", "Next sample"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, entry: QueueEntry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        app = cast("ReviewHost", self.app)
        evidence = change_evidence(app.workspace, app.release_id, self.entry.change_id)
        yield Header()
        yield Static(
            Content.assemble(
                text_content(f"{self.entry.handle} ", "bold"),
                ("wording only", "bold"),
                text_content(
                    f" · {count(len(evidence.probes), 'probe')} · read only, nothing to approve: "
                    "the agent says it differently, does the same"
                ),
            ),
            id="change-title",
        )
        view = EvidenceView(evidence, id="evidence-view")
        view.revealed = True
        yield view
        yield ReviewFooter()

    def on_mount(self) -> None:
        self.query_one("#probes").focus()

    def action_back(self) -> None:
        probes = self.query_one("#probes")
        if self.focused is not None and self.focused is not probes:
            self.query_one(EvidenceView).stop_reading()  # the lists show again
            probes.focus()  # from the hunks or a before/after pane back to the probes
            return
        self.app.pop_screen()

    def action_sample(self, delta: int) -> None:
        self.query_one(EvidenceView).step(delta)
