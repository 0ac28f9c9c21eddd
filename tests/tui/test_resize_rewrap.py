"""After a resize, a note's text fields show their text wrapped to the new width at once: the
screen is drawn before a field re-wraps, and a text that keeps its number of lines changed no
size that would draw it again (trial 11, T10: at 70 columns the After field hid "loan" past
its right edge, and the fields showed the old wrapping for seconds)."""

from __future__ import annotations

from textual.widgets import TextArea

from behaviordiff.tui import ReviewApp
from tests.tui.conftest import SIZE, AppFactory, open_first_change


def _rows(app: ReviewApp, area: TextArea) -> list[str]:
    """What the terminal shows on the field's rows, inside its region."""
    region = area.content_region
    strips = app.screen._compositor.render_strips()
    return [strips[y].text[region.x : region.right] for y in range(region.y, region.bottom)]


async def test_a_field_shows_every_word_after_the_terminal_narrows(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        await pilot.press("right_square_bracket")  # C2: its Before keeps 4 lines at 70
        await pilot.pause()
        area = change.query_one("#field-before", TextArea)
        lines_before = area.wrapped_document.height
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert area.wrapped_document.height == lines_before
        shown = " ".join(row.strip() for row in _rows(app, area) if row.strip())
        assert shown == " ".join(area.text.split())
