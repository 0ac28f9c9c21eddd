"""Coming into a note field and leaving the severity list, as a writer does with the
keyboard: what they type adds to the text, and esc or q closes an open list, never the app."""

from __future__ import annotations

from textual.widgets import Select, TextArea

from behaviordiff.tui.screens.change import ChangeScreen
from behaviordiff.tui.widgets.choice import ChoiceList
from behaviordiff.tui.widgets.field_input import FieldInput
from tests.tui.conftest import SIZE, AppFactory, open_first_change


async def test_tab_into_a_field_puts_the_cursor_at_its_end(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", FieldInput)
        before = change.query_one("#field-before", TextArea)
        machine_title, machine_before = title.value, before.text
        await pilot.press("tab", *"ok")
        assert change.focused is title and title.value == machine_title + "ok"
        await pilot.press("tab", *"ok")  # the next field, Before: several lines
        assert change.focused is before and before.text == machine_before + "ok"
        change.flush()
        assert app.item("C1").record.content["before"] == machine_before + "ok"
        await pilot.press("escape")  # left: the title reads from its start again
        assert title.cursor_position == 0
        await pilot.press("tab")  # and back in: at its end
        assert change.focused is title and title.cursor_position == len(title.value)


async def test_a_click_in_a_field_puts_the_cursor_where_clicked(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        title = change.query_one("#field-title", FieldInput)
        await pilot.click(title, offset=(3, 0))
        await pilot.pause()
        assert change.focused is title and title.cursor_position == 3


async def _open_severity(pilot: object, change: ChangeScreen) -> Select[str]:
    severity = change.query_one("#field-severity", Select)
    severity.focus()
    await pilot.press("enter")  # type: ignore[attr-defined]
    assert severity.expanded and isinstance(change.focused, ChoiceList)
    return severity


async def test_q_or_esc_in_the_open_severity_list_closes_it_and_keeps_the_app(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        severity = await _open_severity(pilot, change)
        await pilot.press("q")
        assert app.is_running and app.screen is change
        assert not severity.expanded and change.focused is severity
        await _open_severity(pilot, change)
        await pilot.press("escape")
        assert not severity.expanded and change.focused is severity
        await pilot.press("escape")  # closed: esc leaves the field, as in the others
        assert change.focused is change.tab_bar()
        await pilot.press("q")  # off the fields, q quits as the footer says
        await pilot.pause()
    assert app.return_code == 0


async def test_a_click_in_a_note_text_puts_the_cursor_where_clicked(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        before = change.query_one("#field-before", TextArea)
        await pilot.click(before, offset=(3, 0))
        await pilot.pause()
        assert change.focused is before and before.cursor_location == (0, 2)
