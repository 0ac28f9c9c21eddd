"""Files shipped with behaviordiff: LLM prompts and the bundled example.

In a wheel they live under `behaviordiff/_bundled/`; in a source checkout (editable install)
they are the top-level `prompts/` and `fixtures/example/` folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[2]
_IN_CHECKOUT = {
    "prompts": _SOURCE_ROOT / "prompts",
    "example": _SOURCE_ROOT / "fixtures" / "example",
}


def bundled_dir(name: str) -> Path:
    """The folder of a bundled resource (`prompts` or `example`)."""
    packaged = resources.files("behaviordiff").joinpath("_bundled", name)
    if packaged.is_dir():
        return Path(str(packaged))
    fallback = _IN_CHECKOUT[name]
    if fallback.is_dir():
        return fallback
    raise FileNotFoundError(f"behaviordiff is installed without its bundled '{name}' folder")


def example_dir() -> Path:
    return bundled_dir("example")


def prompts_dir() -> Path:
    return bundled_dir("prompts")
