"""A change's evidence: when it happens, the diff hunks behind it, its probes, and for the
selected probe the old and new runs side by side with what changed highlighted.

The runs show at once as plain text (bounded: a reply can be megabytes); the word diff, whose
time grows faster than the text, runs in a background thread and replaces them when done."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.worker import get_current_worker

from behaviordiff.pipeline.review import ChangeEvidence, ProbeEvidence, Sample
from behaviordiff.tui.text import DIFF_CHARS, plain_pane, side_by_side, text_content
from behaviordiff.tui.widgets.shown import DataTable, Static

if TYPE_CHECKING:
    from behaviordiff.tui.host import ReviewHost


class EvidenceView(Vertical):
    def __init__(self, evidence: ChangeEvidence, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.evidence = evidence
        self.samples: tuple[list[Sample], list[Sample]] = ([], [])
        self.sample_index = 0
        self.probe: ProbeEvidence | None = None
        self.revealed = False
        """Whether the evidence tab is showing: the probes and runs are filled in only then."""
        self._filled = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="evidence-summary-scroll"):
            yield Static(self._summary(), id="evidence-summary")
        table: DataTable[str] = DataTable(id="probes", cursor_type="row")
        yield table
        yield Static(id="sample-bar", classes="muted")
        with Horizontal(classes="side-by-side"):
            with VerticalScroll(classes="side", id="old-side") as old:
                old.border_title = "before (old version)"
                yield Static(id="old-text")
            with VerticalScroll(classes="side", id="new-side") as new:
                new.border_title = "after (new version)"
                yield Static(id="new-text")

    SCROLL_HINT = "↑ ↓ scroll · esc back"

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        """In a before/after pane the panes take the whole tab, the focused one marked (its
        border and the keys under it); back in the probes the lists show again."""
        reading = "side" in event.widget.classes
        self.set_class(reading, "-reading")
        self.set_class(event.widget.id == "evidence-summary-scroll", "-hunks")
        for side in self.query(".side"):
            side.border_subtitle = self.SCROLL_HINT if side is event.widget else ""

    @on(events.DescendantBlur)
    def _focus_left(self, event: events.DescendantBlur) -> None:
        if "side" in event.widget.classes:
            event.widget.border_subtitle = ""
        if event.widget.id == "evidence-summary-scroll":
            self.remove_class("-hunks")

    def stop_reading(self) -> None:
        """The lists show again (the tab is shown anew, or another change is)."""
        self.remove_class("-reading", "-hunks")

    def _summary(self) -> Content:
        lines = []
        if self.evidence.before or self.evidence.after:
            lines.append(
                f"{', '.join(self.evidence.before) or '—'} → "
                f"{', '.join(self.evidence.after) or '—'}"
            )
        if self.evidence.conditions:
            lines.append(f"When: {self.evidence.conditions[0]}")
        for hunk in self.evidence.hunks:
            lines.append(f"Hunk {hunk.hunk_id} ({hunk.file}): {hunk.summary}")
        return plain_pane("\n".join(lines) or "No stored analysis for this change.")

    def on_mount(self) -> None:
        table = self.query_one("#probes", DataTable)
        table.add_column("Probe", key="probe")
        table.add_column("Verdict", key="verdict")
        table.add_column("Runs", key="runs")
        table.add_column("Facets", key="facets")
        if self.revealed:
            self._fill()

    def load(self, evidence: ChangeEvidence) -> None:
        """Show another change's evidence in the same widgets (its probes once revealed)."""
        self.evidence = evidence
        self.probe = None
        self.samples = ([], [])
        self.stop_reading()
        self.query_one("#evidence-summary", Static).update(self._summary())
        self.query_one("#evidence-summary-scroll").scroll_home(animate=False)
        for name in ("#old-text", "#new-text", "#sample-bar"):
            self.query_one(name, Static).update("")
        self.query_one("#probes", DataTable).clear()
        self._filled = False
        if self.revealed:
            self._fill()

    def reveal(self, shown: bool = True) -> None:
        """The evidence tab was shown (or hidden): fill in the probes the first time."""
        self.revealed = shown
        self.stop_reading()
        if shown and not self._filled and self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        self._filled = True
        table = self.query_one("#probes", DataTable)
        for probe in self.evidence.probes:
            table.add_row(
                probe.probe_id,
                probe.verdict,
                f"{probe.old_samples}/{probe.new_samples}",
                ", ".join(probe.facets),
                key=probe.probe_id,
            )
        if self.evidence.probes:
            # now, not on the table's highlight message: the runs and the table are laid out
            # together, once
            self.show_probe(self.evidence.probes[0])

    @on(DataTable.RowHighlighted, "#probes")
    def _probe_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        index = event.cursor_row
        if 0 <= index < len(self.evidence.probes) and self.evidence.probes[index] is not self.probe:
            self.show_probe(self.evidence.probes[index])

    def show_probe(self, probe: ProbeEvidence) -> None:
        from behaviordiff.pipeline.review import probe_samples

        app = cast("ReviewHost", self.app)
        self.probe = probe
        self.samples = probe_samples(app.workspace, app.release_id, probe)
        self.sample_index = 0
        self.show_sample()

    def step(self, delta: int) -> None:
        count = max(len(self.samples[0]), len(self.samples[1]))
        if count:
            self.sample_index = (self.sample_index + delta) % count
            self.show_sample()

    def show_sample(self) -> None:
        old_runs, new_runs = self.samples
        count = max(len(old_runs), len(new_runs))
        if not count or self.probe is None:
            return
        old = old_runs[min(self.sample_index, len(old_runs) - 1)] if old_runs else None
        new = new_runs[min(self.sample_index, len(new_runs) - 1)] if new_runs else None
        old_plain, new_plain = old.text() if old else "", new.text() if new else ""
        # the texts at once (bounded: a run can be megabytes); what changed is highlighted
        # when the word diff is done
        for side in ("#old-side", "#new-side"):
            self.query_one(side).scroll_home(animate=False)
        self.query_one("#old-text", Static).update(plain_pane(old_plain))
        self.query_one("#new-text", Static).update(plain_pane(new_plain))
        self.highlight(old_plain, new_plain)
        self.query_one("#sample-bar", Static).update(
            text_content(
                f"{self.probe.probe_id} · sample {self.sample_index + 1} of {count} (, . to step)"
            ),
            layout=False,  # one line high (review.tcss)
        )

    @work(thread=True, exclusive=True, group="word-diff", exit_on_error=False)
    def highlight(self, old: str, new: str) -> None:
        """The word diff of the shown runs (DeepDiff: milliseconds per pair, more than a
        keypress should wait for), laid over the texts unless another sample shows by then.
        `side_by_side` compares a bounded start of each run, so it ends soon whatever the runs
        are (and quitting, which waits for thread workers, never waits long)."""
        worker = get_current_worker()
        old_text, new_text = side_by_side(old, new)
        if not worker.is_cancelled:
            # a run longer than the diff compares gets a longer notice: lay the text out again
            relayout = max(len(old), len(new)) > DIFF_CHARS
            self.app.call_from_thread(self._highlighted, old_text, new_text, relayout)

    def _highlighted(self, old_text: Content, new_text: Content, relayout: bool) -> None:
        if self.is_attached:
            self.query_one("#old-text", Static).update(old_text, layout=relayout)
            self.query_one("#new-text", Static).update(new_text, layout=relayout)
