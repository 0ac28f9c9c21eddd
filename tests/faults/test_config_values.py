"""Config values that cannot work are refused at load, naming the key and its line:
an infinite or negative timeout, negative prices, a number written as a string."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.config import load_config_file
from behaviordiff.errors import ConfigError


@pytest.mark.parametrize(
    ("content", "key", "line"),
    [
        ("[run]\ntimeout = inf\n", "run.timeout", 2),
        ("[run]\ntimeout = nan\n", "run.timeout", 2),
        ("[run]\n\ntimeout = -5.0\n", "run.timeout", 3),
        ("[run]\ntimeout = 1e300\n", "run.timeout", 2),
        ('[run]\nsamples = "3"\n', "run.samples", 2),
        ("[run]\nsamples = 3.5\n", "run.samples", 2),
        ("[run]\nconcurrency = true\n", "run.concurrency", 2),
        ("[run]\nmax_cost = inf\n", "run.max_cost", 2),
        ('[run.prices]\n"gpt-4o-mini" = [-0.15, 0.60]\n', "run.prices", 2),
        ("[detect]\nalpha = nan\n", "detect.alpha", 2),
    ],
)
def test_an_unusable_value_is_refused(tmp_path: Path, content: str, key: str, line: int) -> None:
    path = tmp_path / "behaviordiff.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert f"'{key}" in str(caught.value)
    assert caught.value.where == f"{path}:{line}"


def test_usual_values_still_load(tmp_path: Path) -> None:
    path = tmp_path / "behaviordiff.toml"
    path.write_text(
        '[run]\nsamples = 5\ntimeout = 30\nmax_cost = 2\n[run.prices]\n"m" = [0.15, 0.6]\n',
        encoding="utf-8",
    )
    run = load_config_file(path).config.run
    assert (run.samples, run.timeout, run.max_cost) == (5, 30.0, 2.0)
    assert run.prices == {"m": (0.15, 0.6)}
