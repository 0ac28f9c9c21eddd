"""What the third new-user trial found in the review app: after esc, tab went to the tab bar
and the next letters typed approved the change; the Evidence tab hid the change's hunks at
80×24; a notice read `C2.2 accepted. .`."""

from __future__ import annotations

from textual.widgets import Select

from behaviordiff.tui.screens.change import ChangeScreen
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
        assert change.focused is title and title.value == "axu" + machine
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
