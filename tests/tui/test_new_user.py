"""What a new user's trial of the review app found: a megabyte reply, fields shown from the
middle, no undo in one-line fields, cramped evidence, the warning bar under a notice."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from textual.widgets import Static

from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.text import DIFF_CHARS, PANE_CHARS, side_by_side
from behaviordiff.tui.widgets.evidence import EvidenceView
from behaviordiff.tui.widgets.field_input import FieldInput
from tests.tui.conftest import FIXTURES, SIZE, AppFactory, open_first_change

HUGE_REPLY = "open late " * 400_000
"""4 MB: the reply of the trial's runaway probe."""


@pytest.fixture
def huge_reply_workspace(demo_workspace: Path) -> Path:
    """The demo release with every new-version run of every probe of C1 replying 4 MB."""
    from behaviordiff.store import Workspace
    from behaviordiff.store.runs import RunRecord, RunWriter
    from behaviordiff.transcripts import iter_replay

    with Workspace(demo_workspace, create=False) as workspace:
        writer = RunWriter(workspace, 1)
        for transcript in iter_replay(FIXTURES / "detect" / "example" / "v2.s3.jsonl"):
            if transcript.probe_id.startswith("delay-") and transcript.sample == 0:
                huge = dataclasses.replace(transcript, final_reply=HUGE_REPLY)
                writer.add(RunRecord("head", huge.probe_id, huge.sample, huge))
        writer.flush()
    return demo_workspace


def test_the_diff_and_the_panes_are_bounded_by_construction() -> None:
    old, new = side_by_side("We hand it to our team within 24 hours.", HUGE_REPLY)
    assert len(new.plain) < PANE_CHARS + 200 and len(old.plain) < 200
    shown = re.search(r"showing the first ([\d,]+) of ([\d,]+) characters", new.plain)
    assert shown is not None and shown[2] == f"{len(HUGE_REPLY):,}"
    assert PANE_CHARS * 0.9 <= int(shown[1].replace(",", "")) <= PANE_CHARS
    marked = re.search(r"changes marked in the first ([\d,]+)", new.plain)
    assert marked is not None and int(marked[1].replace(",", "")) <= DIFF_CHARS
    assert "showing" not in old.plain  # a short text is shown whole, without a notice


async def test_a_megabyte_reply_shows_its_evidence_and_the_app_still_quits(
    huge_reply_workspace: Path, review_app: AppFactory
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        await pilot.press("2")
        await pilot.pause()
        assert change.active_tab() == "evidence"
        view = change.query_one(EvidenceView)
        assert view.probe is not None and view.samples[1][0].reply == HUGE_REPLY
        new = change.query_one("#new-text", Static).render()
        assert re.search(r"showing the first [\d,]+ of 4,000,\d{3} characters", str(new))
        assert len(str(new)) < PANE_CHARS + 200
        await pilot.press("down")  # the next probe while the first is still being diffed
        await pilot.pause()
        assert view.probe.probe_id == view.evidence.probes[1].probe_id
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


def _stored_title(folder: Path) -> str:
    from behaviordiff.pipeline.review import load_review
    from behaviordiff.store import Workspace

    with Workspace(folder, create=False) as workspace:
        return str(load_review(workspace, 1).resolve(["C1"])[0].record.content["title"])


def _shows_from_start(field: FieldInput) -> bool:
    return field.cursor_position == 0 and field.scroll_x == 0 and len(field.value) > SIZE[0]


async def test_one_line_fields_show_their_text_from_the_start_when_loaded_or_restored(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", FieldInput)
        assert _shows_from_start(title)
        title.focus()
        await pilot.press("end", "exclamation_mark")  # typed at the end
        await pilot.pause()
        assert title.scroll_x > 0
        await pilot.press("escape")  # left (and saved): it reads from its start again
        await pilot.pause()
        assert _shows_from_start(title)
        await pilot.press("r", "y")  # reset to the machine draft
        await pilot.pause()
        assert not title.value.endswith("!") and _shows_from_start(title)
        title.focus()
        await pilot.press("end", "escape", "u")  # undo the reset: the writer's title again
        await pilot.pause()
        assert title.value.endswith("!") and _shows_from_start(title)
        await pilot.press("right_square_bracket", "left_square_bracket")  # C2, back to C1
        await pilot.pause()
        assert _shows_from_start(title)


async def test_tab_from_the_tab_bar_goes_straight_into_the_title(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        change.query_one("#tabs").query_one("ContentTabs").focus()
        await pilot.press("tab")
        assert change.focused is change.query_one("#field-title", FieldInput)


async def test_ctrl_z_and_ctrl_y_undo_and_redo_typing_in_title_and_when(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        machine = _stored_title(demo_workspace)
        title = change.query_one("#field-title", FieldInput)
        title.focus()
        await pilot.press("end", *" now", "backspace", "backspace", "backspace")
        change.flush()
        assert title.value == _stored_title(demo_workspace) == machine + " "
        await pilot.press("ctrl+z")  # the three backspaces
        assert title.value == machine + " now"
        await pilot.press("ctrl+z")  # the word typed
        assert title.value == machine + " "
        await pilot.press("ctrl+z", "ctrl+z")  # the space; then nothing left: a bell
        assert title.value == machine
        change.flush()
        assert _stored_title(demo_workspace) == machine  # undone in the field and saved
        await pilot.press("ctrl+y", "ctrl+y")
        assert title.value == machine + " now"
        change.flush()
        assert _stored_title(demo_workspace) == machine + " now"
        when = change.query_one("#field-when", FieldInput)
        before = when.value
        when.focus()
        await pilot.press("home", "ctrl+k")  # deletes to the end of the line
        assert when.value == ""
        await pilot.press("ctrl+z")
        assert when.value == before and when.cursor_position == 0


@pytest.mark.parametrize("size", [SIZE, (120, 40)])
async def test_evidence_lists_reach_every_row_and_the_panes_take_the_rest(
    review_app: AppFactory, size: tuple[int, int]
) -> None:
    app = review_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
        view = change.query_one(EvidenceView)
        hunks = [hunk.hunk_id for hunk in view.evidence.hunks]
        assert len(hunks) > 2
        summary = str(change.query_one("#evidence-summary", Static).render())
        assert all(f"Hunk {hunk} " in summary for hunk in hunks)
        scroll = change.query_one("#evidence-summary-scroll")
        assert scroll.virtual_size.height > scroll.size.height or size != SIZE
        probes = change.query_one("#probes")
        if size == SIZE:  # 80x24: 3 rows and the header, scrolling; the panes get the rest
            assert probes.size.height == 4 < probes.virtual_size.height
        else:
            assert probes.size.height == len(view.evidence.probes) + 1  # every row, its header
        side = change.query_one("#old-side")
        # the panes take what the lists leave: 8 lines at 80x24 (two rows go to the first
        # hunks), 18 at 120x40
        assert side.size.height >= (8 if size == SIZE else 18)
        scroll.focus()  # tab into the hunk list; esc comes back to the probes, not the queue
        await pilot.press("end", "escape")
        assert app.screen is change and change.focused is probes
        side.focus()
        await pilot.press("escape")
        assert app.screen is change and change.focused is probes
        await pilot.press("escape")
        assert app.screen is not change


async def test_the_warning_bar_sits_under_the_title_where_no_notice_covers_it(
    review_app: AppFactory,
) -> None:
    from textual.widgets._toast import Toast

    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", FieldInput)
        title.focus()
        await pilot.press("end", *" up to $99", "escape")
        change.flush()
        await pilot.press("a")  # not approved: a notice says why
        await pilot.pause()
        await pilot.pause()
        warnings = change.query_one("#note-warnings", Static)
        assert warnings.display and "$99" in str(warnings.render())
        bar = warnings.region
        assert bar.y == change.query_one("#change-title").region.bottom  # under the title
        assert bar.bottom <= change.query_one("#tabs").region.y  # above the tabs
        notices = list(app.screen.query(Toast))
        assert any("not approved" in str(toast.render()) for toast in notices)
        assert not any(toast.region.overlaps(bar) for toast in notices)


async def test_a_wording_only_group_opens_read_only_with_its_evidence(
    review_app: AppFactory,
) -> None:
    from behaviordiff.tui.screens.queue import QueueScreen
    from behaviordiff.tui.screens.wording import WordingScreen

    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        await pilot.press("down", "down")  # C1, C2, then W1
        await pilot.pause()
        entry = queue.current()
        assert entry is not None and entry.kind == "wording"
        assert "enter shows what changed" in str(queue.query_one("#queue-preview").render())
        await pilot.press("enter")
        await pilot.pause()
        wording = app.screen
        assert isinstance(wording, WordingScreen)
        view = wording.query_one(EvidenceView)
        assert len(view.evidence.probes) == entry.probes > 0
        assert view.probe is not None and view.probe.verdict == "wording-only"
        old = str(wording.query_one("#old-text", Static).render())
        new = str(wording.query_one("#new-text", Static).render())
        assert old and new and old != new
        assert "read only" in str(wording.query_one("#change-title", Static).render())
        await pilot.press("a")  # nothing to approve here: the key does nothing
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is queue


@pytest.mark.parametrize("key", ["ctrl+c", "ctrl+q"])
async def test_quitting_while_typing_saves_what_was_typed(
    review_app: AppFactory, demo_workspace: Path, key: str
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        change.query_one("#field-title", FieldInput).focus()
        await pilot.press("end", *" today", key)  # before the pause that saves
        await pilot.pause()
    assert app.return_code == 0
    assert _stored_title(demo_workspace).endswith(" today")


def test_an_edit_diff_is_bounded_and_says_so() -> None:
    from behaviordiff.tui.text import EDIT_DIFF_CHARS, inline_diff

    article = "Returns are accepted within 30 days. " * 200_000  # 7 MB
    shown = inline_diff(article, article.replace("30 days", "45 days", 1)).plain
    assert len(shown) < PANE_CHARS * 2 + 200
    cut = re.search(r"showing the first ([\d,]+) of ([\d,]+) characters", shown)
    assert cut is not None and cut[2] == f"{len(article):,}"
    marked = re.search(r"changes marked in the first ([\d,]+)", shown)
    assert marked is not None and int(marked[1].replace(",", "")) <= EDIT_DIFF_CHARS
    assert "45 days" in shown[:200] and "30 days" in shown[:200]  # the change, marked
    short = inline_diff("within 30 days.", "within 45 days.").plain
    assert "showing" not in short and "30" in short and "45" in short


def test_an_edit_diff_without_colour_marks_what_went_and_what_came() -> None:
    """Trial 12: with struck-through red and green alone, 30 → 14 read "3014 days" where no
    colour shows (NO_COLOR, a monochrome terminal, a screen reader's text)."""
    from behaviordiff.tui.text import inline_diff

    old, new = "Cancellation requires 30 days' notice.", "Cancellation requires 14 days' notice."
    assert "3014" in inline_diff(old, new).plain
    assert inline_diff(old, new, marks=True).plain == (
        "Cancellation requires [-30-]{+14+} days' notice."
    )
