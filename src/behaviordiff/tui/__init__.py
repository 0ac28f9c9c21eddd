"""The writers' review app (Textual). Build it with `make_app`; it calls the same core API as
the CLI (`behaviordiff.review`) and never the CLI, the runner or the model client."""

from behaviordiff.tui.app import ReviewApp, make_app

__all__ = ["ReviewApp", "make_app"]
