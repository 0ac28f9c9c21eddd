"""A YAML error names the line and column where the problem is; one the parser meets only at
the end of the text is named at the end of the last line, never on a line the file lacks."""

from __future__ import annotations

import pytest

from behaviordiff.errors import BehaviordiffError
from behaviordiff.yamlio import parse_yaml


@pytest.mark.parametrize(
    ("text", "where", "said"),
    [
        ("steps: [ {name: a\n", "f.yaml:1:18", "opens at line 1, column 10"),
        ("steps: [ {name: a", "f.yaml:1:18", "the file ends first"),
        ('title: "no end\n\n\n', "f.yaml:1:15", "end of stream"),
        ("one: 1\ntwo: [3, 4\n", "f.yaml:2:11", "opens at line 2, column 6"),
        ("a: b: c\n", "f.yaml:1:5", "mapping values are not allowed"),
        ("- a\nb: c\n", "f.yaml:2:1", "expected '-' indicator"),
        ("k: @x\n", "f.yaml:1:4", "cannot start any token"),
    ],
)
def test_the_error_names_the_line_and_column(text: str, where: str, said: str) -> None:
    with pytest.raises(BehaviordiffError) as caught:
        parse_yaml(text, "f.yaml")
    assert caught.value.where == where
    assert said in caught.value.message


def test_an_error_at_the_end_says_what_to_close() -> None:
    with pytest.raises(BehaviordiffError) as caught:
        parse_yaml("tags: [a, b\n", "f.yaml")
    assert caught.value.hint is not None and "close" in caught.value.hint
