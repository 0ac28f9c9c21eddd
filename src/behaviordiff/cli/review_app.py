"""Opening the review app from a command (`review`, and `demo` at its end)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from behaviordiff.pipeline import Project


def interactive() -> bool:
    """Both ends of the terminal are a person: the app can take over the screen."""
    import sys

    return sys.stdout.isatty() and sys.stdin.isatty()


def say_opening() -> None:
    """One line on the terminal before the review app's imports and the release's reading (a
    second and a half on a quiet machine, ten or more on a loaded one): the wait is seen, and
    the app's own "Loading" screen follows. On stderr, plain: nothing to import for it."""
    import sys

    sys.stderr.write("Opening the review app… (keys typed now wait for the queue)\n")
    sys.stderr.flush()


def open_review_app(
    project: Project, workspace_folder: Path, release_id: int | None, theme: str = "dark"
) -> bool:
    """Run the review app when stdout and stdin are a terminal; False (nothing done) else."""
    if not interactive():
        return False
    from behaviordiff.tui import make_app

    app = make_app(workspace_folder, project, release_id=release_id, theme=f"textual-{theme}")
    app.run()
    if app.return_code:  # a workspace it could not open (2), a closed terminal (129)
        import typer

        raise typer.Exit(app.return_code)
    return True
