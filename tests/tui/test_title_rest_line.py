"""The line under a one-line note field too narrow for its text follows what the field
shows: the rest of the text while the field shows its start, the whole text while it is
scrolled to the cursor. Entering, leaving and moving in the field scroll it without
changing its text, so the line must follow the scroll, not only the typing."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Input, Static

from tests.tui.conftest import SIZE, AppFactory, open_first_change


def _plain(widget: Static) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Content) else str(rendered)


async def test_the_rest_line_follows_the_title_as_edited_and_left(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        field = change.query_one("#field-title", Input)
        whole = change.query_one("#title-whole", Static)
        old = field.value
        assert whole.display and _plain(whole).startswith("…")  # the field shows its start

        await pilot.press("tab")  # into Title: the cursor at the end, the field scrolled
        await pilot.pause()
        assert app.focused is field and field.scroll_x > 0
        assert _plain(whole) == old  # the field does not show its start: the whole text

        await pilot.press(*" for marketplace sellers")
        await pilot.pause(0.7)  # saved
        new = field.value
        assert new == old + " for marketplace sellers"
        assert _plain(whole) == new

        await pilot.press("escape")  # out of the field: it shows its start again
        await pilot.pause()
        assert field.scroll_x == 0
        rest = _plain(whole)
        assert rest.startswith("…") and rest.endswith("for marketplace sellers")
        assert new.endswith(rest[1:]) and rest[1:] != new  # the rest, not the whole again

        await pilot.press("tab")
        await pilot.press("home")  # moving to the start in the field: the rest again
        await pilot.pause()
        assert field.scroll_x == 0 and _plain(whole) == rest
        await pilot.press("end")
        await pilot.pause()
        assert field.scroll_x > 0 and _plain(whole) == new
