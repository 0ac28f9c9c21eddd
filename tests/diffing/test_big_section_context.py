"""A hunk keeps as context the sentences near its change, not its whole section: on a prompt
of thousands of sentences in one section, each hunk holding every sentence was quadratic in
time and memory (a 1.8 MB prompt's `diff` passed 720 MB). A short section is kept whole."""

from __future__ import annotations

from typing import Any

from behaviordiff.diffing.versions import CONTEXT_WINDOW, _diff_prompt_file


class _Hunks(list[tuple[str, dict[str, Any]]]):
    def add(self, kind: str, file: str, **fields: Any) -> None:
        self.append((kind, fields))


def _prompt(count: int, moved: int | None = None) -> str:
    rules = (
        f"Rule {i} allows {i + 1 if i == moved else i} units for case {i}." for i in range(count)
    )
    return "## Rules\n\n" + " ".join(rules)


def test_a_long_section_keeps_the_sentences_around_the_change() -> None:
    hunks = _Hunks()
    _diff_prompt_file("p.md", _prompt(1000), _prompt(1000, moved=600), hunks)
    [(kind, fields)] = hunks
    assert kind == "sentence_changed"
    context = fields["context"]
    assert len(context) <= 2 * CONTEXT_WINDOW + 1
    assert "Rule 599 allows 599 units for case 599." in context  # the rule before it
    assert "Rule 601 allows 601 units for case 601." in context  # and after it
    assert "Rule 0 allows 0 units for case 0." not in context


def test_a_short_section_keeps_every_other_sentence() -> None:
    hunks = _Hunks()
    _diff_prompt_file("p.md", _prompt(20), _prompt(20, moved=3), hunks)
    [(_, fields)] = hunks
    assert len(fields["context"]) == 19
