"""trial11 T15: the line above `compare`'s blocks names every change it lists: with four
changes it said "C1, C2, C3 are behavior changes" and then showed C4 too."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from behaviordiff.cli.render import _handles_legend
from behaviordiff.detect.model import Analysis


def _analysis(changes: int, groups: int) -> Analysis:
    def named(prefix: str, count: int) -> list[Any]:
        return [SimpleNamespace(id=f"{prefix}{n}", attribution=[]) for n in range(1, count + 1)]

    return cast(
        Analysis, SimpleNamespace(changes=named("C", changes), wording_groups=named("W", groups))
    )


def test_the_legend_names_every_change_and_group() -> None:
    legend = _handles_legend(_analysis(4, 5))
    assert legend.startswith("C1 to C4 are behavior changes"), legend
    assert "W1 to W5 group probes" in legend
    assert _handles_legend(_analysis(3, 1)).startswith("C1, C2, C3 are behavior changes")
