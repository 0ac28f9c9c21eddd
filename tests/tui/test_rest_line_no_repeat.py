"""The line under a one-line note field starts at the first word the field does not show
whole: a field showing its start uses every cell (the cursor takes one only at the end), so a
word ending in the field's last cell is not said again under it (trial21: "… 0 of" in the
field, "…of 9 other probes do)." under it)."""

from __future__ import annotations

from pathlib import Path

from textual.content import Content
from textual.widgets import Input, Static

from behaviordiff.pipeline.review import apply_edit, load_review, writer_groundings
from behaviordiff.store import Workspace
from tests.tui.conftest import SIZE, AppFactory, open_first_change


def _plain(widget: Static) -> str:
    rendered = widget.render()
    return rendered.plain if isinstance(rendered, Content) else str(rendered)


def _shown(field: Input) -> str:
    """The text the field shows on its content row."""
    rows = ["".join(segment.text for segment in field.render_line(y)) for y in range(3)]
    return max(rows, key=lambda row: len(row.strip())).strip()


async def test_a_word_ending_in_the_fields_last_cell_is_not_repeated_below(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        width = change.query_one("#field-when", Input).content_region.width
    # "... and" ends exactly in the field's last cell
    head = ("Orders placed on a weekday by members of the loyalty scheme " * 3)[: width - 4]
    head = head.rstrip() + "x" * (width - 4 - len(head.rstrip()))
    text = f"{head} and up to 3 more days (5 of 5 changed probes match; 0 of 9 others)."
    assert text[width - 3 : width] == "and" and text[width] == " "
    with Workspace(demo_workspace, create=False) as workspace:
        item = load_review(workspace, 1).resolve(["C1"])[0]
        apply_edit(workspace, 1, item, {"when": text}, writer_groundings(workspace, 1))

    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        field = change.query_one("#field-when", Input)
        whole = change.query_one("#when-whole", Static)
        await pilot.pause()
        shown = _shown(field)
        rest = _plain(whole)
        assert shown.endswith(" and"), shown  # the field shows the word whole
        assert rest == "…up to 3 more days (5 of 5 changed probes match; 0 of 9 others).", rest
