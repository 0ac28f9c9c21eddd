"""A redraft that renumbers a change's edits says which handle now names another item (trial
12, T9: after a draft without the article and one with it again, C2.1 named the macro and
C2.2 the article, the other way round from before), so a handle noted earlier is checked."""

from __future__ import annotations

import json

from behaviordiff.review import assign_handles, moved_handles
from behaviordiff.store.drafts import DraftRecord
from tests.conftest import CliRunner, Demo


def _record(kind: str, key: str, title: str, item: str | None = None) -> DraftRecord:
    content = {"title": title} if kind == "note" else {"item_title": title}
    return DraftRecord(
        release_id=1,
        kind=kind,  # type: ignore[arg-type]
        key=key,
        change_id="C2",
        item_key=item,
        status="draft",
        origin="template",
        content=content,
        generated=content,
        updated_at="2026-12-07T00:00:00+00:00",
        updated_by="test",
    )


NOTE = _record("note", "C2", "Cancellation notice lowered")
ARTICLE = _record("edit", "C2:article:77001", "Freezing or cancelling", "article:77001")
MACRO = _record("edit", "C2:macro:9002", "Membership::Cancel", "macro:9002")


def test_a_renumbered_edit_is_named_with_what_it_named_before() -> None:
    before = assign_handles([NOTE, ARTICLE, MACRO])
    assert [(item.handle, item.title) for item in before[1:]] == [
        ("C2.1", "Freezing or cancelling"),
        ("C2.2", "Membership::Cancel"),
    ]
    # the article's untouched draft was removed by a draft without it and stored again
    after = assign_handles([NOTE, MACRO, ARTICLE])
    assert moved_handles(before, after) == [
        "C2.1 now names the macro “Membership::Cancel”; before this draft it named the "
        "article “Freezing or cancelling”: check any handle noted earlier against "
        "`behaviordiff review list`",
        "C2.2 now names the article “Freezing or cancelling”; before this draft it named the "
        "macro “Membership::Cancel”: check any handle noted earlier against "
        "`behaviordiff review list`",
    ]
    # nothing renumbered, or a handle only added or gone: nothing to say
    assert moved_handles(before, assign_handles([NOTE, ARTICLE, MACRO])) == []
    assert (
        moved_handles(assign_handles([NOTE, MACRO]), assign_handles([NOTE, MACRO, ARTICLE])) == []
    )
    assert moved_handles(before, assign_handles([NOTE, ARTICLE])) == []


def test_draft_says_which_handles_moved(demo: Demo, cli: CliRunner) -> None:
    """The demo's C2.1 is an article's edit and C2.2 a macro's: a draft without the FAQ
    drops the untouched article draft, and C2.1 names the macro."""
    listed = cli("review", "list", cwd=demo.folder).stdout
    assert "C2.1  draft     article  Returns and refunds" in listed
    assert "C2.2  draft     macro    Returns::Return window" in listed
    config = demo.folder / "behaviordiff.toml"
    text = config.read_text()
    assert 'faq = ["kb/faq"]' in text
    config.write_text(text.replace('faq = ["kb/faq"]', "faq = []"))
    result = cli("draft", cwd=demo.folder)
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert (
        "warning: C2.1 now names the macro “Returns::Return window”; before this draft it "
        "named the article “Returns and refunds”: check any handle noted earlier against "
        "`behaviordiff review list`"
    ) in said
    data = cli("draft", "--format", "json", cwd=demo.folder)
    assert json.loads(data.stdout)["warnings"] == []  # nothing moved by this one
