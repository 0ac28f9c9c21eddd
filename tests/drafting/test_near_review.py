"""The drafting model reads the items ranked near a change in which no rule-based finder marked
a sentence (`drafting/nearreview.py`).

A textbook-rental agent (fixtures/scenarios/textbookrent-grace-threedays, run through the real
pipeline with the template drafter) moves from a £10 late fee from the first day late to 3
days' grace. Its knowledge base says the old rule in a writer's own words ("so a £10 late fee
has been charged", "Miss it, even by a day, ...", a fees-table row). The template now reads
that shape (`drafting/insertedbound.py`, a bound put in front of the moment a rule counts
from); here that one rule is switched off, so its finders mark none of the three items and
they are only named as "read these", the case the near review is for. On the model's path each is
sent to the model (the local OpenAI-compatible test server) with its sentences numbered; what
it names and rewrites is checked before it is drafted.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from behaviordiff.drafting import draft_release
from behaviordiff.drafting.nearreview import (
    ReviewReply,
    anchored,
    findings,
    spliced,
    stale_values,
)
from behaviordiff.drafting.text import units
from behaviordiff.errors import BehaviordiffError
from behaviordiff.pipeline.project import open_project, open_workspace
from tests.conftest import FIXTURES, _run_in_process
from tests.openai_server import OpenAIServer, Reply, text_reply

SCENARIO = "textbookrent-grace-threedays"
MACRO = "macro:5301"
ARTICLE = "article:5300410"
TABLE = "article:5300411"
FEE_SENTENCE = (
    "It reached us after its due date of {{ticket.custom_field_due_date}}, so a £10 late fee "
    "has been charged to the card you rented with."
)
FEE_REWRITE = (
    "It reached us more than 3 days after its due date of {{ticket.custom_field_due_date}}, so "
    "a £10 late fee has been charged to the card you rented with."
)


@pytest.fixture(autouse=True)
def _no_bound_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule reading this change's shape off: the items are then ones no rule marked."""
    import behaviordiff.drafting.drafters as drafters
    import behaviordiff.drafting.impact as impact
    import behaviordiff.drafting.template as template

    monkeypatch.setattr(impact, "inserted_bound", lambda facts: None)
    monkeypatch.setattr(template, "inserted_bound", lambda facts: None)
    monkeypatch.setattr(drafters, "inserted_bound_fact", lambda facts: None)


@pytest.fixture(scope="module")
def rental_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scenario run once (3 samples, as the bench runs it; template drafts), its workspace
    kept; each test copies it."""
    root = tmp_path_factory.mktemp("near")
    shutil.copytree(FIXTURES / "scenarios" / "_sim", root / "_sim")
    shutil.copytree(FIXTURES / "scenarios" / SCENARIO, root / SCENARIO)
    env: dict[str, str | None] = {"COLUMNS": "200", "NO_COLOR": "1"}
    args = ("run", "agents/rentals-v1", "agents/rentals-v2", "--samples", "3", "--format", "json")
    args += ("--workspace", str(root / SCENARIO / ".ws"))
    result = _run_in_process(args, root / SCENARIO, env, None)
    assert result.exit_code in (0, 1), result.stderr
    return root


@pytest.fixture
def rental(rental_run: Path, tmp_path: Path) -> Path:
    shutil.copytree(rental_run, tmp_path / "run")
    return tmp_path / "run" / SCENARIO


def _sentences(prompt: str) -> dict[int, str]:
    block = prompt.split("<<<SENTENCES\n", 1)[1].split("SENTENCES>>>", 1)[0]
    found = {}
    for line in block.splitlines():
        number, _, text = line.partition(". ")
        found[int(number)] = text
    return found


def _title(prompt: str) -> str:
    match = re.search(r'The (?:macro|article) "([^"]+)"', prompt)
    assert match, prompt[-500:]
    return match.group(1)


Review = Callable[[str, dict[int, str], str], list[dict[str, Any]]]
"""(item title, numbered sentences, the retry's failure or "") → the sentences to name."""


def _responder(review: Review) -> Callable[[dict[str, Any]], Reply]:
    def respond(body: dict[str, Any]) -> Reply:
        prompt = str(body["messages"][-1]["content"])
        if "<<<SENTENCES" not in prompt:
            return text_reply("not JSON: the note falls back to the template's")
        failure = ""
        if "Your previous answer failed a check:" in prompt:
            failure = prompt.split("Your previous answer failed a check:", 1)[1]
        named = review(_title(prompt), _sentences(prompt), failure)
        return text_reply(json.dumps({"verdicts": named}))

    return respond


def _draft(rental: Path, server: OpenAIServer, review: Review) -> Any:
    server.responder = _responder(review)
    project = open_project(folder=rental)
    workspace = open_workspace(project, rental / ".ws", create=False)
    try:
        return draft_release(workspace, 1, project, drafter="llm")
    finally:
        workspace.close()


def _number(sentences: dict[int, str], text: str) -> int:
    return next(n for n, sentence in sentences.items() if sentence == text)


def _edits(outcome: Any) -> dict[str, dict[str, Any]]:
    return {record.content["item_key"]: record.content for record in outcome.edits}


def test_the_template_marks_none_of_the_three_items(rental: Path) -> None:
    """The premise: on the template's path the three items are only named as "read these"."""
    project = open_project(folder=rental)
    workspace = open_workspace(project, rental / ".ws", create=False)
    try:
        outcome = draft_release(workspace, 1, project, drafter="template")
    finally:
        workspace.close()
    assert outcome.edits == []
    named = [near["item"] for near in outcome.unedited_near("C1")]
    assert named == [MACRO, ARTICLE, TABLE]


def test_a_named_sentence_is_rewritten_in_place_and_nothing_else_moves(
    rental: Path, openai_server: OpenAIServer
) -> None:
    def review(title: str, sentences: dict[int, str], failure: str) -> list[dict[str, Any]]:
        if title != "Returns::Returned late":
            return []
        return [
            {
                "number": _number(sentences, FEE_SENTENCE),
                "verdict": "untrue",
                "new": FEE_REWRITE,
                "why": "the fee now applies only after 3 days' grace",
            },
            *({"number": n, "verdict": "keep"} for n in sentences if sentences[n] != FEE_SENTENCE),
        ]

    outcome = _draft(rental, openai_server, review)
    edits = _edits(outcome)
    assert set(edits) == {MACRO}
    edit = edits[MACRO]
    assert edit["origin"] == "llm"
    assert edit["conflicts"] == [FEE_SENTENCE]
    assert edit["new_body"] == edit["old_body"].replace(FEE_SENTENCE, FEE_REWRITE)
    assert "reads these sentences as stating the old behavior" in edit["rationale"]
    # the other two items stay to be read
    assert [near["item"] for near in outcome.unedited_near("C1")] == [ARTICLE, TABLE]


def test_a_sentence_sharing_nothing_with_the_old_side_is_never_marked(
    rental: Path, openai_server: OpenAIServer
) -> None:
    """The model names the sign-off and the greeting: they state nothing of the old rule, so
    nothing is drafted and nothing is asked again."""
    asked: list[str] = []

    def review(title: str, sentences: dict[int, str], failure: str) -> list[dict[str, Any]]:
        asked.append(title)
        if title != "Returns::Returned late":
            return []
        return [
            {"number": n, "new": "Thanks!", "why": "tone"}
            for n, sentence in sentences.items()
            if sentence.startswith(("Hi ", "Best wishes"))
        ]

    outcome = _draft(rental, openai_server, review)
    assert _edits(outcome) == {}
    assert asked.count("Returns::Returned late") == 1


def test_a_rewrite_that_loses_a_placeholder_is_asked_again_then_flagged(
    rental: Path, openai_server: OpenAIServer
) -> None:
    failures: list[str] = []

    def review(title: str, sentences: dict[int, str], failure: str) -> list[dict[str, Any]]:
        if title != "Returns::Returned late":
            return []
        failures.append(failure)
        return [
            {
                "number": _number(sentences, FEE_SENTENCE),
                "new": "It reached us more than 3 days late, so a £10 late fee has been charged.",
                "why": "the fee now applies only after 3 days' grace",
            }
        ]

    outcome = _draft(rental, openai_server, review)
    edit = _edits(outcome)[MACRO]
    assert edit["new_body"] is None
    assert edit["conflicts"] == [FEE_SENTENCE]
    assert edit["origin"] == "llm"
    assert "No rewrite of them passed the checks" in edit["rationale"]
    assert len(failures) == 2 and "ticket.custom_field_due_date" in failures[1]
    (fallback,) = [f for f in outcome.fallbacks if f["draft"] == MACRO]
    assert "placeholders lost" in fallback["reason"]


def test_a_rewrite_stating_a_number_found_nowhere_is_flagged(
    rental: Path, openai_server: OpenAIServer
) -> None:
    def review(title: str, sentences: dict[int, str], failure: str) -> list[dict[str, Any]]:
        if title != "Returning your books":
            return []
        (number,) = [n for n, s in sentences.items() if s.startswith("Miss it")]
        return [
            {
                "number": number,
                "new": "Miss it by more than 5 days and there's a £10 late fee.",
                "why": "grace",
            }
        ]

    outcome = _draft(rental, openai_server, review)
    edit = _edits(outcome)[ARTICLE]
    assert edit["new_body"] is None
    assert edit["conflicts"] == ["Miss it, even by a day, and there's a £10 late fee."]
    (fallback,) = [f for f in outcome.fallbacks if f["draft"] == ARTICLE]
    assert "grounding" in fallback["reason"] and "5 days" in fallback["reason"]


def test_a_table_row_must_come_back_as_a_row(rental: Path, openai_server: OpenAIServer) -> None:
    """A row rewritten as prose is asked again with the reason; the row it then gives is
    spliced into the table, every other row kept."""
    row = "| Late return (any book back after its due date) | £10 |"
    new_row = "| Late return (more than 3 days after its due date) | £10 |"

    def review(title: str, sentences: dict[int, str], failure: str) -> list[dict[str, Any]]:
        if title != "Fees and charges":
            return []
        new = new_row if "table row" in failure else "Late returns over 3 days cost £10."
        return [{"number": _number(sentences, row), "new": new, "why": "grace"}]

    outcome = _draft(rental, openai_server, review)
    edit = _edits(outcome)[TABLE]
    assert edit["origin"] == "llm"
    assert edit["new_body"] == edit["old_body"].replace(row, new_row)


def test_no_sentence_named_leaves_every_item_to_read(
    rental: Path, openai_server: OpenAIServer
) -> None:
    outcome = _draft(rental, openai_server, lambda title, sentences, failure: [])
    assert _edits(outcome) == {}
    assert [near["item"] for near in outcome.unedited_near("C1")] == [MACRO, ARTICLE, TABLE]
    # the note (not JSON, asked again, then the template's) and one reading per item
    assert outcome.stats["llm_calls"] == 2 + 3


@pytest.mark.parametrize(
    ("sentence", "old_side", "expected"),
    [
        ("Miss it, even by a day, and there's a £10 late fee.", ["a £10 late fee"], True),
        ("Two at most.", ["Book at most 2 lessons a week."], True),
        ("As many as you like.", ["Place however many bottles they ask for."], True),
        # one topic word in common is not enough
        ("Thanks for sending back {{ticket.custom_field_book_title}}.", ["a book is late"], False),
        ("Best wishes, {{current_user.first_name}} Shelfmark", ["a £10 late fee"], False),
        ("Thanks for getting in touch.", ["Tell the customer the fee."], False),
    ],
)
def test_anchored(sentence: str, old_side: list[str], expected: bool) -> None:
    assert anchored(sentence, old_side, ["Book at most 3 lessons a week."]) is expected


def test_an_answer_is_read_with_its_question() -> None:
    """ "As many as you like." shares no word with the old rule; its question does."""
    body = "### How many bottles can I pre-order?\n\nAs many as you like.\n\nThanks!\n"
    found = units(body)
    reply = ReviewReply.model_validate(
        {"verdicts": [{"number": n, "new": "Up to 2."} for n in (2, 3)]}
    )
    marked, _, _, _ = findings(reply, found, ["Place the bottles they order."])
    assert marked == {1: "Up to 2."}


def test_a_number_the_new_side_still_states_does_not_anchor() -> None:
    """The £10 stays (for books more than 3 days late): it alone ties no sentence."""
    assert not anchored("Referrals get £10 off.", ["a £10 late fee"], ["a £10 late fee later"])
    assert anchored("Referrals get £10 off.", ["a £10 late fee"], ["no fee"])


def test_a_model_that_lost_count_marks_nothing(rental: Path, openai_server: OpenAIServer) -> None:
    """The model's verdicts are shifted by one: its "rewrite" of the fee sentence is the
    sentence before it, and it calls the fee sentence's neighbour untrue with its own text.
    Neither is a rewrite: nothing is drafted, and nothing is asked again."""
    asked: list[str] = []

    def review(title: str, sentences: dict[int, str], failure: str) -> list[dict[str, Any]]:
        asked.append(title)
        if title != "Returns::Returned late":
            return []
        fee = _number(sentences, FEE_SENTENCE)
        return [
            {"number": fee, "verdict": "untrue", "new": sentences[fee - 1], "why": "fee"},
            {"number": fee - 1, "verdict": "untrue", "new": sentences[fee - 1], "why": "fee"},
            *({"number": n, "verdict": "keep"} for n in sentences if n not in (fee, fee - 1)),
        ]

    outcome = _draft(rental, openai_server, review)
    assert _edits(outcome) == {}
    assert asked.count("Returns::Returned late") == 1


def test_spliced_keeps_list_markers_and_line_ends() -> None:
    """A list item's sentence carries its marker (as the model sees it numbered); a rewrite
    given with or without it keeps one marker; a sentence over two lines becomes one line."""
    body = "# Title\n\n- First rule, old.\n- Second rule.\n\nA long\nsentence here.\n"
    found = units(body)
    index = {unit.text: i for i, unit in enumerate(found)}
    expected = "# Title\n\n- First rule, new.\n- Second rule.\n\nNew.\n"
    for rewrite in ("First rule, new.", "- First rule, new."):
        out = spliced(
            body,
            found,
            {index["- First rule, old."]: rewrite, index["A long sentence here."]: "New."},
        )
        assert out == expected


def test_a_reply_naming_only_the_untrue_sentences_reads_the_same() -> None:
    reply = ReviewReply.model_validate({"sentences": [{"number": 3, "new": "x", "why": "y"}]})
    assert [(v.number, v.untrue) for v in reply.verdicts] == [(3, True)]
    reply = ReviewReply.model_validate({"verdicts": [{"number": 1, "verdict": "Keep"}]})
    assert not reply.verdicts[0].untrue


def test_read_near_zero_reads_nothing(rental: Path, openai_server: OpenAIServer) -> None:
    """`[drafting] read_near = 0`: the model reads no near item (the note's calls alone)."""
    config = rental / "behaviordiff.toml"
    config.write_text(config.read_text() + "\n[drafting]\nread_near = 0\n", encoding="utf-8")
    outcome = _draft(rental, openai_server, lambda title, sentences, failure: [])
    assert outcome.stats["llm_calls"] == 2
    assert [near["item"] for near in outcome.unedited_near("C1")] == [MACRO, ARTICLE, TABLE]


def test_read_near_out_of_range_names_the_key(rental: Path) -> None:
    config = rental / "behaviordiff.toml"
    config.write_text(config.read_text() + "\n[drafting]\nread_near = 50\n", encoding="utf-8")
    with pytest.raises(BehaviordiffError) as caught:
        open_project(folder=rental)
    assert "read_near" in str(caught.value)


def test_an_empty_rewrite_deletes_the_sentence_and_its_space() -> None:
    body = "Up to 2 a customer. Lots of people buy 12.\nLots of people buy 12. Then more.\n"
    found = units(body)
    index = [i for i, unit in enumerate(found) if unit.text == "Lots of people buy 12."]
    assert spliced(body, found, {index[0]: ""}) == (
        "Up to 2 a customer.\nLots of people buy 12. Then more.\n"
    )
    assert spliced(body, found, {index[1]: ""}) == (
        "Up to 2 a customer. Lots of people buy 12.\nThen more.\n"
    )


@pytest.mark.parametrize(
    ("rewrite", "expected"),
    [
        ("Free swaps: two a month.", ["two"]),
        ("Free swaps: 20 a year (was 2 a month).", []),
        ("Free swaps: 20 a year.", []),
        ("Swaps take 2 working days.", ["2"]),
        ("| Swaps | 20 a year | £12 a set |", []),
    ],
)
def test_stale_values(rewrite: str, expected: list[str]) -> None:
    """A number among the change's old values the new side does not state, other than as what
    it was; a number the rewrite keeps that the change did not move ("£12 a bottle") is not
    one."""
    new_side = ["Every member gets 20 free swaps a year."]
    assert stale_values(rewrite, ["2 free swaps"], new_side) == expected


def test_a_loosely_tied_sentence_stands_only_as_a_rewrite_stating_the_new_side() -> None:
    """ "Everyone pays £9" shares only the £9 with the old rule (which the new one keeps, for
    each person above six): marked with a rewrite bringing in the new side's £40, never as a
    flag or with a rewrite that says nothing new."""
    body = "Pricing is simple: everyone pays £9, adults and children alike.\n\nSee you!\n"
    found = units(body)
    old_side = ["Private walks cost £9 per person."]
    new_side = ["Private walks cost £40 per group of up to 6 people, plus £9 for each above six."]

    def marked_by(new: str | None) -> tuple[dict[int, str | None], set[int]]:
        reply = ReviewReply.model_validate({"verdicts": [{"number": 1, "new": new}]})
        marked, _, _, loose = findings(reply, found, old_side, new_side)
        return marked, loose

    rewrite = "Pricing is simple: £40 covers a group of up to 6 people, adults and children alike."
    assert marked_by(rewrite) == ({0: rewrite}, {0})
    assert marked_by(None) == ({}, set())
    assert marked_by("Pricing is simple: everyone pays a fair price.") == ({}, set())


def test_a_rewrite_quoting_a_conversation_is_refused(
    rental: Path, openai_server: OpenAIServer
) -> None:
    """A small model pasted the note's After line, a reply in quotation marks, as its rewrite
    (set BM's filament agent, on the local model): a KB item never quotes a conversation."""

    def review(title: str, sentences: dict[int, str], failure: str) -> list[dict[str, Any]]:
        if title != "Returning your books":
            return []
        (number,) = [n for n, s in sentences.items() if s.startswith("Miss it")]
        quote = "It arrived 1 day after the due date, which is within our 3 days' grace"
        return [{"number": number, "new": f"The agent now says “{quote}, so there's no late fee.”"}]

    outcome = _draft(rental, openai_server, review)
    edit = _edits(outcome)[ARTICLE]
    assert edit["new_body"] is None
    (fallback,) = [f for f in outcome.fallbacks if f["draft"] == ARTICLE]
    assert "quotes a conversation" in fallback["reason"]
