"""What the second new-user trial found in the review app at 80×24: evidence panes showing
only tool calls, the When field cut, notices over the note, the Edits tab's keys unlike the
help, undo and counts in internal words, the review keys acting on an edit after [ ]."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Input, Static

from behaviordiff.pipeline.review import apply_edit, load_review, writer_groundings
from behaviordiff.store import Workspace
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.screens.queue import QueueScreen
from behaviordiff.tui.text import count
from behaviordiff.tui.widgets.edits import EditsView
from behaviordiff.tui.widgets.evidence import EvidenceView
from tests.tui.conftest import SIZE, AppFactory, open_first_change


def _plain(widget: Static) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Content) else str(rendered)


def _shown_lines(change: ChangeScreen, pane: str) -> list[str]:
    """The lines of a before/after pane that are on screen (wrapped to its width)."""
    side = change.query_one(f"#{pane}-side")
    text = change.query_one(f"#{pane}-text", Static).render()
    assert isinstance(text, Content)
    region = side.scrollable_content_region
    lines = [line.plain for line in text.wrap(region.width)]
    top = round(side.scroll_y)
    return lines[top : top + region.height]


def _footer(change: ChangeScreen) -> list[str]:
    return [
        f"{binding.key_display or binding.key} {binding.description}"
        for (_, binding, _enabled, _tip) in change.active_bindings.values()
        if binding.show
    ]


async def test_the_evidence_panes_show_the_replies_and_the_focused_pane_is_marked(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "2")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
        view = change.query_one(EvidenceView)
        old_runs, new_runs = view.samples
        # under the tool calls, the start of both replies is on screen without scrolling
        for pane, run in (("old", old_runs[0]), ("new", new_runs[0])):
            assert run.tool_calls and run.reply
            first_words = " ".join(run.reply.split()[:2])
            shown = " ".join(_shown_lines(change, pane))
            assert first_words in shown, (pane, shown)

        # tab into a pane: it takes the whole tab, and says it is the one that scrolls
        old_side = change.query_one("#old-side")
        old_side.focus()
        await pilot.pause()
        assert view.has_class("-reading")
        assert not change.query_one("#probes").display or not change.query_one("#probes").region
        assert old_side.border_subtitle and "scroll" in str(old_side.border_subtitle)
        assert not change.query_one("#new-side").border_subtitle
        assert old_side.scrollable_content_region.height >= 14  # 10 with the lists shown
        await pilot.press("escape")  # back to the probes: the lists show again
        await pilot.pause()
        assert change.focused is change.query_one("#probes")
        assert not view.has_class("-reading") and not old_side.border_subtitle
        assert change.query_one("#probes").region.height == 4


async def test_the_when_field_is_read_whole_under_it(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        when = str(change.note.record.content["when"])
        assert len(when) > SIZE[0]  # the demo's C1: longer than the field
        whole = change.query_one("#when-whole", Static)
        rest = _plain(whole)  # what the field does not show (trial14: not its line twice)
        assert whole.display and rest.startswith("…") and when.endswith(rest[1:])
        shown = change.query_one("#field-when", Input).content_region.width
        assert len(when) - len(rest[1:]) < shown


async def test_notices_sit_in_the_top_rows_and_a_newer_one_replaces_the_older(
    review_app: AppFactory,
) -> None:
    from textual.widgets._toast import Toast

    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        change = await open_first_change(pilot, app)
        await pilot.press("a")  # approved: a notice
        await pilot.pause()
        await pilot.press("u")  # undone: its notice replaces the first
        await pilot.pause()
        await pilot.pause()
        toasts = list(change.query(Toast))
        assert [_plain(toast) for toast in toasts] == [
            "C1 undid: approved; the note is back to draft."
        ]
        form = change.query_one("#note-form").region
        for toast in toasts:
            assert toast.region.bottom <= change.query_one("#tabs").region.y
            assert not toast.region.overlaps(form)


async def test_the_edits_tab_footer_says_accept_and_edit_as_the_help_does(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        note_keys = _footer(change)
        assert "a Approve" in note_keys and "e Edit" not in note_keys
        await pilot.press("3")
        await pilot.pause()
        edit_keys = _footer(change)
        assert "a Accept" in edit_keys and "e Edit" in edit_keys
        assert "a Approve" not in edit_keys
        assert sum(len(key) + 1 for key in edit_keys) <= SIZE[0]  # one footer line
        await pilot.press("a")  # accepts the selected edit, as the footer says
        await pilot.pause()
        assert app.item("C1.1").record.status == "approved"
        assert app.item("C1").record.status == "draft"


async def test_undo_and_counts_are_said_in_plain_words(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    assert count(1, "change") == "1 change" and count(2, "change") == "2 changes"
    with Workspace(demo_workspace, create=False) as workspace:
        item = load_review(workspace, 1).resolve(["C1"])[0]
        apply_edit(
            workspace, 1, item, {"title": "Refunds up to $99"}, writer_groundings(workspace, 1)
        )
    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        preview = _plain(queue.query_one("#queue-preview", Static))
        assert "2 suggested edits" in preview and "(s)" not in preview
        assert "1 open warning" in preview and "warnings" not in preview
        await pilot.press("enter")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
        assert change.note.record.open_warnings
        await pilot.press("d", "u")
        await pilot.pause()
        said = [str(notice.message) for notice in app._notifications]
        assert said == ["C1 undid: warnings dismissed; the note is back to edited."]


async def test_after_moving_the_keys_act_on_what_is_on_screen(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "right_square_bracket", "3")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen) and change.handle == "C2"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        # on C1's Edits tab, the focus is on its list: x would act on the edit shown selected
        edit_list = change.query_one("#edit-list")
        assert change.handle == "C1" and change.focused is edit_list
        selected = change.query_one(EditsView).selected()
        assert selected is not None and change.target() == selected
        assert selected.handle == "C1.1"
        # the focus on the tab bar instead: the keys act on the change, and the footer says so
        change.query_one("#tabs Tabs").focus()
        await pilot.pause()
        assert change.target() is change.note
        assert "a Approve" in _footer(change) and "e Edit" not in _footer(change)
        await pilot.press("2", "left_square_bracket")  # the first change: it stays
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert change.handle == "C2" and change.focused is change.query_one("#probes")


async def test_a_wording_group_pane_takes_the_view_and_esc_brings_the_probes_back(
    review_app: AppFactory,
) -> None:
    from behaviordiff.tui.screens.wording import WordingScreen

    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # W1
        await pilot.pause()
        wording = app.screen
        assert isinstance(wording, WordingScreen)
        view = wording.query_one(EvidenceView)
        wording.query_one("#new-side").focus()
        await pilot.pause()
        assert view.has_class("-reading")
        await pilot.press("escape")
        await pilot.pause()
        probes = wording.query_one("#probes")
        assert app.screen is wording and wording.focused is probes
        assert not view.has_class("-reading") and probes.region.height > 0


async def test_a_save_while_the_note_form_is_taken_down_reads_nothing_and_raises_nothing(
    review_app: AppFactory,
) -> None:
    """The save timer can fire while the note form's fields are being removed (another view
    takes the screen, a slow machine): it reads nothing and the app keeps running."""
    from textual.widgets import TextArea

    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        await change.query_one("#field-after", TextArea).remove()
        await pilot.pause()
        change.save_note()
        await pilot.pause()
        assert app.screen is change
