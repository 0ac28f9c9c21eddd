"""An empty knowledge-base file is said to be empty, with the fix (trial 12, T14), not read
as a JSON syntax error ("Expecting value at line 1, column 1") or a CSV with no header."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.kb import KnowledgeBaseError, load_articles, load_macros


@pytest.mark.parametrize(
    ("name", "text", "load", "key"),
    [
        ("macros.json", "", load_macros, "knowledge_base.macros"),
        ("macros.json", "\ufeff \n\n", load_macros, "knowledge_base.macros"),
        ("macros.csv", "", load_macros, "knowledge_base.macros"),
        ("guide.json", "\n", load_articles, "knowledge_base.faq"),
    ],
    ids=["json", "json-blank-lines", "csv", "articles-json"],
)
def test_an_empty_file_is_said_to_be_empty(
    tmp_path: Path, name: str, text: str, load, key: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load(path)
    error = caught.value
    assert error.where == str(path)
    assert error.message.startswith("the file is empty")
    assert "JSON" not in error.message and "header" not in error.message
    assert error.hint is not None and "from the helpdesk again" in error.hint
    assert f"take it out of {key}" in error.hint
