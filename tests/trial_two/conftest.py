"""The in-process `behaviordiff` of the engineer's-path tests."""

from tests.engineer.conftest import invoke

__all__ = ["invoke"]
