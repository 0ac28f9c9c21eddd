"""What the third new-user trial found in the review app: after esc, tab went to the tab bar
and the next letters typed approved the change; the Evidence tab hid the change's hunks at
80×24; a notice read `C2.2 accepted. .`."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from behaviordiff.tui import ReviewApp
from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.widgets.evidence import EvidenceView
from behaviordiff.tui.widgets.field_input import FieldInput
from tests.tui.conftest import SIZE, AppFactory, open_first_change


def _footer(change: ChangeScreen) -> list[str]:
    return [
        f"{binding.key_display or binding.key} {binding.description}"
        for (_, binding, _enabled, _tip) in change.active_bindings.values()
        if binding.show
    ]


async def test_esc_then_tab_goes_back_into_the_fields_and_letters_stay_text(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", FieldInput)
        machine = title.value
        await pilot.press("tab")
        assert change.focused is title
        # typing: the footer shows how to leave the field, and none of the review keys
        assert _footer(change) == ["tab Next field", "escape Done typing"]
        await pilot.press("escape")
        tab_bar = change.tab_bar()
        assert change.focused is tab_bar  # the focus is seen, on the tab bar: keys act here
        assert "a Approve" in _footer(change) and "escape Back" in _footer(change)
        await pilot.press("tab", "a", "x", "u")
        assert change.focused is title and title.value == machine + "axu"  # added at the end
        change.flush()
        assert app.item("C1").record.status == "edited"  # typed, not approved
        assert app.screen is change  # and no reject dialog


async def test_letters_on_the_severity_select_or_with_no_focus_do_not_act(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        severity = change.query_one("#field-severity", Select)
        severity.focus()
        await pilot.pause()
        assert "escape Done typing" in _footer(change) and "a Approve" not in _footer(change)
        await pilot.press("a", "x", "D")  # the select takes no letters: none may act
        change.set_focus(None)  # a click on the page: nothing has the focus
        await pilot.pause()
        assert "a Approve" not in _footer(change)
        await pilot.press("a", "r", "d")
        assert app.screen is change and app.item("C1").record.status == "draft"
        await pilot.press("tab")  # the tab bar, where the keys act again
        assert change.focused is change.tab_bar()
        await pilot.press("a")
        assert app.item("C1").record.status == "approved"


async def test_moving_and_the_note_tab_leave_the_focus_on_the_tab_bar(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        await pilot.press("tab", "escape", "right_square_bracket")
        await pilot.pause()
        assert change.handle == "C2" and change.focused is change.tab_bar()
        await pilot.press("2", "1")
        assert change.focused is change.tab_bar()
        await pilot.press("tab")
        assert change.focused is change.query_one("#field-title", FieldInput)


def _screen_text(app: ReviewApp) -> str:
    """What the terminal shows, as text, a line a row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [SIZE, (100, 30)])
async def test_the_evidence_tab_shows_the_change_hunks_at_small_sizes(
    review_app: AppFactory, size: tuple[int, int]
) -> None:
    app = review_app()
    async with app.run_test(size=size) as pilot:
        change = await open_first_change(pilot, app)
        for move in ("2", "right_square_bracket"):  # C1's evidence, then C2's
            await pilot.press(move)
            await pilot.pause()
            hunks = change.query_one(EvidenceView).evidence.hunks
            assert hunks
            shown = _screen_text(app)
            # a line each, cut to the width: the first hunks show without scrolling
            assert f"Hunk {hunks[0].hunk_id} ({hunks[0].file}): " in shown
            assert "Probe" in shown and "before (old version)" in shown
        # shift+tab from the probes: the hunk list takes the tab, every hunk said whole
        await pilot.press("left_square_bracket", "shift+tab")
        await pilot.pause()
        scroll = change.query_one("#evidence-summary-scroll")
        assert change.focused is scroll
        hunks = change.query_one(EvidenceView).evidence.hunks
        assert len(hunks) > 2
        shown = " ".join(_screen_text(app).split())
        for hunk in hunks:
            assert f"Hunk {hunk.hunk_id} ({hunk.file}): {' '.join(hunk.summary.split())}" in shown
        assert "before (old version)" not in shown
        await pilot.press("escape")  # back to the probes, and the panes
        await pilot.pause()
        assert change.focused is change.query_one("#probes")
        assert "before (old version)" in _screen_text(app)


async def test_a_notice_over_a_dialog_covers_the_same_notice_on_the_view_under_it(
    review_app: AppFactory,
) -> None:
    """A dialog shows the view under it, and its notices: a notice on the dialog that ends
    short of the right edge left the last of the one under it showing (`C2.2 accepted. .`)."""
    from textual.widgets._toast import Toast

    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter", "3", "down", "a")
        await pilot.pause()
        change = app.screen
        assert isinstance(change, ChangeScreen)
        assert [str(notice.message) for notice in app._notifications] == ["C2.2 accepted."]
        for key in ("question_mark", "x"):  # the help, the reject dialog
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not change
            edges = {
                screen: [toast.region.right for toast in screen.query(Toast)]
                for screen in (change, app.screen)
            }
            assert edges[change] == edges[app.screen] == [SIZE[0]]
            assert _screen_text(app).splitlines()[0].rstrip().endswith("▌ C2.2 accepted.")
            await pilot.press("escape")
            await pilot.pause()
