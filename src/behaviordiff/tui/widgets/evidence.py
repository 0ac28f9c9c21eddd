"""A change's evidence: when it happens, the diff hunks behind it, its probes, and for the
selected probe the old and new runs side by side with what changed highlighted.

The runs show at once as plain text (bounded: a reply can be megabytes); the word diff, whose
time grows faster than the text, runs in a background thread and replaces them when done."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from behaviordiff.pipeline.review import ChangeEvidence, ProbeEvidence, Sample
from behaviordiff.tui.text import plain_pane, side_by_side

INLINE_CHARS = 800
"""Runs no longer than this (a usual support reply with its tool calls) are diffed at once,
in a few milliseconds; longer ones in the background."""

if TYPE_CHECKING:
    from behaviordiff.tui.host import ReviewHost


class _Differ:
    """One daemon thread that word-diffs the newest pair of texts asked for and posts the
    result to `view`; older requests still waiting are dropped. A daemon, so quitting never
    waits for a diff (a thread worker would hold the app's exit until it finished)."""

    def __init__(self, view: EvidenceView) -> None:
        self.view = view
        self._wanted: tuple[object, str, str] | None = None
        self._ready = threading.Condition()
        self._stopped = False
        self._thread: threading.Thread | None = None

    def request(self, key: object, old: str, new: str) -> None:
        with self._ready:
            self._wanted = (key, old, new)
            self._ready.notify()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="evidence-diff", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        with self._ready:
            self._stopped = True
            self._wanted = None
            self._ready.notify()

    def _run(self) -> None:
        while True:
            with self._ready:
                while self._wanted is None and not self._stopped:
                    self._ready.wait()
                if self._stopped:
                    return
                assert self._wanted is not None
                key, old, new = self._wanted
                self._wanted = None
            old_text, new_text = side_by_side(old, new)
            try:
                self.view.post_message(EvidenceView.Diffed(key, old_text, new_text))
            except RuntimeError:  # the app's loop closed while diffing: nobody to show it to
                return


class EvidenceView(Vertical):
    @dataclass
    class Diffed(Message):
        """The word diff of the sample `key` is ready."""

        key: object
        old: Content
        new: Content

    def __init__(self, evidence: ChangeEvidence, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.evidence = evidence
        self.samples: tuple[list[Sample], list[Sample]] = ([], [])
        self.sample_index = 0
        self.probe: ProbeEvidence | None = None
        self.revealed = False
        """Whether the evidence tab is showing: the probes and runs are filled in only then."""
        self._filled = False
        self._differ = _Differ(self)
        self._shown_key: object = None

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
            where = hunk.get("file") or ""
            lines.append(f"Hunk {hunk.get('hunk_id', '?')} ({where}): {hunk.get('summary', '')}")
        return plain_pane("\n".join(lines) or "No stored analysis for this change.")

    def on_mount(self) -> None:
        table = self.query_one("#probes", DataTable)
        table.add_column("Probe", key="probe")
        table.add_column("Verdict", key="verdict")
        table.add_column("Runs", key="runs")
        table.add_column("Facets", key="facets")
        if self.revealed:
            self._fill()

    def on_unmount(self) -> None:
        self._differ.stop()

    def load(self, evidence: ChangeEvidence) -> None:
        """Show another change's evidence in the same widgets (its probes once revealed)."""
        self.evidence = evidence
        self.probe = None
        self.samples = ([], [])
        self._shown_key = None
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
        old_text, new_text = old.text() if old else "", new.text() if new else ""
        self._shown_key = (self.probe.probe_id, self.sample_index)
        self.query_one("#sample-bar", Static).update(
            Content(
                f"{self.probe.probe_id} · sample {self.sample_index + 1} of {count} (, . to step)"
            ),
            layout=False,  # one line high (review.tcss)
        )
        for side in ("#old-side", "#new-side"):
            self.query_one(side).scroll_home(animate=False)
        if max(len(old_text), len(new_text)) <= INLINE_CHARS:
            old_shown, new_shown = side_by_side(old_text, new_text)
        else:
            old_shown, new_shown = plain_pane(old_text), plain_pane(new_text)
            self._differ.request(self._shown_key, old_text, new_text)
        self.query_one("#old-text", Static).update(old_shown)
        self.query_one("#new-text", Static).update(new_shown)

    @on(Diffed)
    def _diffed(self, message: Diffed) -> None:
        message.stop()
        if message.key != self._shown_key:
            return  # the writer moved on while it was diffing
        self.query_one("#old-text", Static).update(message.old)
        self.query_one("#new-text", Static).update(message.new)
