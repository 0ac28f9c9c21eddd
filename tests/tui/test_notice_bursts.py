"""Keys pressed in a burst, each with a notice (`s` cycling the status filter; trial 9 T8):
one notice shows, the newest, in the top rows, never a stack of them over the queue."""

from __future__ import annotations

from textual import events
from textual.widgets._toast import Toast

from behaviordiff.tui.screens.queue import STATUS_FILTERS, QueueScreen, QueueTable
from tests.tui.conftest import SIZE, AppFactory


def _plain(toast: Toast) -> str:
    return str(toast.render()).strip()


async def test_a_burst_of_status_filters_shows_one_notice_above_the_queue(
    review_app: AppFactory,
) -> None:
    app = review_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        # four keys in one read of the terminal: each asks for its notice before the first
        # is shown (Pilot's press would wait for each key's notice)
        for _ in range(4):
            app.post_message(events.Key("s", "s"))
        for _ in range(4):
            await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert [_plain(toast) for toast in toasts] == [f"Showing: {STATUS_FILTERS[4]}"]
        table = queue.query_one(QueueTable).region
        for toast in toasts:
            assert toast.region.bottom <= 2 and not toast.region.overlaps(table), toast.region
