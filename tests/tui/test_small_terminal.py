"""Below the 80×24 it is made for, the review app says so instead of cutting text and keys
without a word (trial 11, T10: at 70×20 nothing said the window was too small)."""

from __future__ import annotations

from behaviordiff.tui import ReviewApp
from tests.tui.conftest import SIZE, AppFactory


def _small_notices(app: ReviewApp) -> list[str]:
    said = [notice.message for notice in app._notifications]
    return [message for message in said if "the 80×24 the app is made for" in message]


async def test_a_terminal_below_80x24_is_said_once_per_shrink(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _small_notices(app) == []
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert _small_notices(app) == [
            "The terminal is 70×20, under the 80×24 the app is made for: some text and keys "
            "do not show."
        ]
        app.clear_notifications()
        await pilot.resize_terminal(72, 20)  # still small: not said again
        await pilot.pause()
        assert _small_notices(app) == []
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.resize_terminal(80, 23)
        await pilot.pause()
        assert len(_small_notices(app)) == 1


async def test_opening_small_is_said(review_app: AppFactory) -> None:
    app = review_app()
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        assert len(_small_notices(app)) == 1
