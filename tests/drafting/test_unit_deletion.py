"""A sentence deleted from a KB body takes its own paragraph or line with it, and no other
byte: no empty paragraph is left where it stood, and the paragraphs around stay apart."""

from __future__ import annotations

import pytest

from behaviordiff.drafting.text import replace_units, units


@pytest.mark.parametrize(
    ("body", "deleted", "expected"),
    [
        # a paragraph of one sentence
        (
            "Hi,\n\nWe ship today.\n\nNo stamp needed.\n\nBye.\n",
            "No",
            "Hi,\n\nWe ship today.\n\nBye.\n",
        ),
        # the last paragraph: the body ends as it did
        ("We ship today.\n\nNo stamp needed.\n", "No", "We ship today.\n"),
        ("We ship today.\n\nNo stamp needed.", "No", "We ship today."),
        # a list item, in the middle and before a paragraph
        ("- a\n- No stamp\n- c\n", "- No", "- a\n- c\n"),
        ("- a\n- No stamp\n\nNext.\n", "- No", "- a\n\nNext.\n"),
        # one sentence of several in a paragraph: only it and its space
        ("We ship. No stamp needed. Bye.\n", "No", "We ship. Bye.\n"),
    ],
)
def test_a_deleted_sentence_takes_only_its_own_paragraph(
    body: str, deleted: str, expected: str
) -> None:
    found = units(body)
    [index] = [i for i, unit in enumerate(found) if unit.raw.startswith(deleted)]
    assert replace_units(body, {index: ""}, found) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # every sentence of a middle paragraph: the paragraphs around stay one apart
        ("Hi,\n\nNo stamp. No fee.\n\nBye.\n", "Hi,\n\nBye.\n"),
        # every sentence of the last paragraph: the body ends as it did
        ("Hi,\n\nNo stamp. No fee.\n", "Hi,\n"),
    ],
)
def test_a_paragraph_whose_sentences_all_go_leaves_no_empty_paragraph(
    body: str, expected: str
) -> None:
    found = units(body)
    deleted = {i: "" for i, unit in enumerate(found) if unit.raw.startswith("No")}
    assert len(deleted) == 2
    assert replace_units(body, deleted, found) == expected


def test_two_sentences_deleted_in_a_row_at_a_lines_end_leave_no_trailing_space() -> None:
    for text, expected in (
        ("A one. B two. C three.\n\nNext para.", "A one.\n\nNext para."),
        ("Keep this. Drop one. Drop two.\nNext line here.", "Keep this.\nNext line here."),
        ("A one. B two. C three. D four.\n\nNext para.", "A one. D four.\n\nNext para."),
    ):
        found = units(text)
        drop = {1: "", 2: ""}
        assert replace_units(text, drop, found) == expected
