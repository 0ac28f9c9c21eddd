"""A Markdown file found by walking the FAQ folder that is a link out of it is refused, naming
the link and its target (its text would otherwise reach a model and an export unchosen); a link
inside the folder, and a file outside named on its own, are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from behaviordiff.kb import KnowledgeBaseError
from behaviordiff.kb.importers import load_articles


def test_a_link_out_of_the_faq_folder_is_refused(tmp_path: Path) -> None:
    faq = tmp_path / "faq"
    faq.mkdir()
    (faq / "returns.md").write_text("# Returns\n\nWithin 30 days.\n")
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nDo not publish.\n")
    (faq / "leak.md").symlink_to(secret)
    with pytest.raises(KnowledgeBaseError) as caught:
        load_articles(faq)
    assert "leak.md is a link out of the FAQ folder" in caught.value.message
    assert str(secret) in caught.value.message
    assert [item.title for item in load_articles(secret)] == ["Secret"]  # named: read


def test_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    faq = tmp_path / "faq"
    (faq / "archive").mkdir(parents=True)
    (faq / "archive" / "old.md").write_text("# Old\n\nText.\n")
    (faq / "current.md").symlink_to(faq / "archive" / "old.md")
    assert len(load_articles(faq)) == 2
