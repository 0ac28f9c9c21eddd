"""A one-line note field too narrow for its text shows whole words, as the wrapped fields do:
the word the field's edge falls in starts the line under it and is shown once (trial 11,
T10: at 80 columns "… changed probes ma" in the When field, "…match; 0 of 11 …" under it)."""

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
    return "".join(segment.text for segment in field.render_line(0)).strip()


async def test_the_field_ends_at_a_word_and_the_line_under_goes_on_from_the_next(
    review_app: AppFactory, demo_workspace: Path
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        width = change.query_one("#field-when", Input).content_region.width
    # the field's edge falls two letters into "match"
    head = "Conversations with time since service over 30 days (8 of 8 changed probes "
    head = "x" * (width - 2 - len(head)) + head
    text = f"{head}match; 0 of 11 other probes do)."
    assert text[width - 2 : width + 3] == "match"
    with Workspace(demo_workspace, create=False) as workspace:
        item = load_review(workspace, 1).resolve(["C1"])[0]
        apply_edit(workspace, 1, item, {"when": text}, writer_groundings(workspace, 1))

    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        change = await open_first_change(pilot, app)
        field = change.query_one("#field-when", Input)
        whole = change.query_one("#when-whole", Static)
        await pilot.pause()
        assert _shown(field) == head.rstrip()  # no "ma" at the edge
        assert _plain(whole) == "…match; 0 of 11 other probes do)."
        assert field.value == text  # what is stored and edited is the whole text

        # typing in it shows the field's text as it scrolls (the whole under it); left, it
        # shows whole words again
        field.focus()
        await pilot.pause()
        assert field.scroll_x > 0 and _plain(whole) == text
        change.tab_bar().focus()
        await pilot.pause()
        assert _shown(field) == head.rstrip()
        assert _plain(whole) == "…match; 0 of 11 other probes do)."
