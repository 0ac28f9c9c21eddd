"""A note quoting a KB table row quotes the cells the change is about, never a cell on
another topic beside them. A tutoring company moves the booking deadline for A-level exam
sessions (3 May → 26 April); its FAQ table states each level's deadline beside its hourly
price (£38), which the change never touched. Quoted whole, the row would put £38 in the note
as if it had moved; the note quotes "Level: A-level; Book by: 3 May" instead, and a drafting
model is told the same words."""

from __future__ import annotations

import asyncio
import json

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import LLMDrafter
from behaviordiff.drafting.facts import ChangeFacts, Rule
from behaviordiff.drafting.grounding import Grounding
from behaviordiff.drafting.impact import Conflict, Impact
from behaviordiff.drafting.quoteclause import item_quote, note_quote, quoted_cells
from behaviordiff.drafting.text import units
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest

from .kit import kb_item

OLD_RULE = "A-level exam-season sessions must be booked by 3 May."
NEW_RULE = "A-level exam-season sessions must be booked by 26 April."
HEADER = "| Level | Book by | Price per hour |"
ROW = "| A-level | 3 May | £38 |"
ARTICLE = f"""# Exam-season sessions

Book early: our tutors fill up fast before the exams.

{HEADER}
|---|---|---|
| GCSE | 3 May | £32 |
{ROW}

Sessions run until the last exam.
"""


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="3 May → 26 April for A-level students",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1", "p2", "p3"],
        others=5,
        removed_promises=[Promise("date", "3 May")],
        added_promises=[Promise("date", "26 April")],
        conditions=[
            Condition.from_dict(
                {
                    "text": "level = a_level",
                    "atoms": [{"feature": "level", "op": "=", "value": "a_level"}],
                }
            )
        ],
        rules=[Rule("H1", "sentence_changed", "Exam season", OLD_RULE, NEW_RULE, "changed")],
        excerpts=[
            Excerpt(
                "p1",
                "Please book your A-level sessions by 3 May.",
                "Please book your A-level sessions by 26 April.",
            )
        ],
    )


def _impact() -> Impact:
    item_units = units(ARTICLE)
    index = next(i for i, unit in enumerate(item_units) if unit.text == ROW)
    return Impact(
        kb_item("exam-season", ARTICLE),
        1.0,
        [Conflict(index, ROW, ("states 3 May",))],
        item_units,
    )


def test_a_row_is_quoted_without_the_cells_on_another_topic() -> None:
    facts = _facts()
    assert note_quote(facts, ROW, HEADER) == "Level: A-level; Book by: 3 May"
    # with no header to read it by, the row keeps its shape and marks the cell left out
    assert note_quote(facts, ROW) == "| A-level | 3 May | … |"


def test_a_row_whose_cells_are_all_about_the_change_is_quoted_whole() -> None:
    facts = _facts()
    assert note_quote(facts, "| A-level | 3 May | Online or in person |", HEADER) == (
        "| A-level | 3 May | Online or in person |"
    )
    # a cell with another figure that still speaks of the rule (booking) stays: it may be
    # the one that conflicts
    row = "| A-level | Booked (Year 13) | £38 |"
    assert quoted_cells(row, None, {"3"}, {"book"}) == "| A-level | Booked (Year 13) | … |"
    # so does a sentence in a cell, whatever it speaks of, when no cell states the old rule
    # on its own
    row = "| A-level | Booked (Year 13) | Nothing to pay until 14 days before |"
    assert note_quote(facts, row, HEADER) == row
    # beside a cell that does, its figures would read as moved: it is left out
    row = "| A-level | 3 May | Nothing to pay until 14 days before |"
    assert note_quote(facts, row, HEADER) == "Level: A-level; Book by: 3 May"


def test_a_row_is_quoted_whole_when_every_other_cell_is_on_another_topic() -> None:
    facts = _facts()
    # nothing left but the row's name: the cell that conflicts may be among those left out
    assert note_quote(facts, "| A-level | £38 | £20 |", HEADER) == "| A-level | £38 | £20 |"
    # two cells are no row to cut
    assert quoted_cells("| A-level | £38 |", None, set()) == "| A-level | £38 |"
    # a sentence that only starts with a bar is no row
    assert quoted_cells("| A-level, from £38", None, set()) == "| A-level, from £38"


def test_the_note_quotes_the_row_under_its_header() -> None:
    facts = _facts()
    impact = _impact()
    assert item_quote(facts, impact) == "Level: A-level; Book by: 3 May"
    note = TemplateDrafter().note(facts, [impact], None)
    [update] = [action for action in note.cs_actions if action.startswith("Update")]
    assert update == (
        "Update FAQ article “Exam-Season”: it says “Level: A-level; Book by: 3 May”, which is "
        "no longer true (suggested edit attached)."
    )
    assert "£38" not in note.text()


def test_the_drafting_model_is_told_the_same_quote() -> None:
    facts = _facts()
    impact = _impact()
    note = TemplateDrafter().note(facts, [impact], None)
    keys = ("title", "before", "after", "when", "customer_impact", "cs_actions")

    def answer(request: ChatRequest) -> str:
        prompt = "\n".join(str(message["content"]) for message in request.messages)
        if "<<<BODY" in prompt:
            return json.dumps({"new_body": ARTICLE, "rationale": "Kept."})
        return json.dumps({key: getattr(note, key) for key in keys})

    model = FakeChatModel(responder=answer, default=None)
    grounding = Grounding([facts.corpus(), ARTICLE, note.text()])
    drafted = asyncio.run(LLMDrafter(model, "fake").draft(facts, [impact], grounding, None))
    # a model's note quoting the row so passes the same checks
    assert drafted.note.origin == "llm"
    assert "Level: A-level; Book by: 3 May" in drafted.note.text()
    asked = [
        "\n".join(str(m["content"]) for m in r.messages)
        for r in model.requests
        if "<<<BODY" not in "\n".join(str(m["content"]) for m in r.messages)
    ]
    assert asked
    assert any(
        '- article "Exam-Season": Level: A-level; Book by: 3 May (it states 3 May)' in prompt
        for prompt in asked
    )
    assert not any("£38" in prompt for prompt in asked)
