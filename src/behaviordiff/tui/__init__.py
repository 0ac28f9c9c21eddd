"""The writers' review app (Textual). Build it with `make_app`; it calls the same core API as
the CLI (`behaviordiff.pipeline`, `behaviordiff.pipeline.review`) and never the CLI, the
store, the runner or the model client directly."""

from behaviordiff.tui.app import ReviewApp, make_app

__all__ = ["ReviewApp", "make_app"]
