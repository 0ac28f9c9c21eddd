"""Values the old replies gave with a call the change stopped, which the new prompt still
states unchanged (a deposit quoted with every booking, the price), are no facts of the
change: the note quotes no reply sentence for them, and one another section of the prompt
states (another topic) is no value customers lost, nor a KB row's cell to quote. A value the
changed sentence said is the change's. A made-up kayak hire."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, FacetShift, Rule
from behaviordiff.drafting.keptvalue import said_unchanged
from behaviordiff.drafting.quoteclause import note_quote
from tests.drafting.kit import moved_facts

OLD = "Kayaks: anyone can hire a kayak, from £30 a session."
NEW = "Kayaks: only paddlers aged 16 and over can hire a kayak."
SECTIONS = {
    "Paying": ["Every hire takes a £40 deposit, paid back on return."],
    "Hiring": [NEW, "Kayaks cost £12 an hour.", "Life jackets are free."],
}
OLD_REPLY = (
    "Hi Ana, your kayak is booked for 2 hours at £12 an hour. The £40 deposit comes back when "
    "you return it. Enjoy the river!"
)
NEW_REPLY = "Hi Ana, sorry: kayaks are for paddlers aged 16 and over. A pedalo is fine instead."


def _facts() -> object:
    facts = moved_facts(
        [Rule("H1", "sentence_changed", "Hiring", OLD, NEW, "changed")],
        [
            {"feature": "paddler_age", "op": "<", "value": 16},
            {"feature": "craft", "op": "=", "value": "kayak"},
        ],
        title="no longer calls book_kayak",
    )
    facts.before_actions = [ActionFact("book_kayak", ())]
    facts.excerpts = [Excerpt("k1", OLD_REPLY, NEW_REPLY), Excerpt("k2", OLD_REPLY, NEW_REPLY)]
    facts.unchanged_values = ["money:£40.00", "money:£12.00"]
    facts.shifts = [
        FacetShift(
            "refusal",
            "added",
            ("k1", "k2"),
            2,
            OLD_REPLY,
            NEW_REPLY,
            removed=("money:£40.00", "money:£12.00"),
        )
    ]
    return facts


def test_values_the_new_prompt_still_states_outside_the_changed_sentences() -> None:
    removed = [
        Promise("money", "£40.00"),  # another section: unchanged
        Promise("money", "£12.00"),  # the changed section, an unchanged sentence
        Promise("money", "£30.00"),  # the changed sentence said it: the change's
        Promise("duration", "2 hours"),  # said nowhere in the new prompt
    ]
    assert said_unchanged(removed, [(OLD, NEW)], SECTIONS) == ["money:£40.00", "money:£12.00"]
    assert said_unchanged(removed, [(OLD, NEW)], {}) == []
    # another topic only: the changed sentence's own section may state what its customers lose
    assert said_unchanged(removed, [(OLD, NEW)], SECTIONS, {"Hiring"}) == ["money:£40.00"]


def test_the_note_quotes_no_reply_sentence_for_an_unchanged_value() -> None:
    note = TemplateDrafter().note(_facts(), [], None)  # type: ignore[arg-type]
    assert "£40" not in note.before and "£12" not in note.before
    assert "£40" not in note.customer_impact


def test_a_kb_rows_cell_of_an_unchanged_value_is_left_out_of_the_quote() -> None:
    header = "| Paddler's age | Kayaks | Deposit |"
    row = "| 12 to 15 | Yes | £40 |"
    quoted = note_quote(_facts(), row, header)  # type: ignore[arg-type]
    assert quoted == "Paddler's age: 12 to 15; Kayaks: Yes"
