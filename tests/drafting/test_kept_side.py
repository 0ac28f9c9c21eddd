"""A requirement withdrawn below a line and kept past it in the old sentence's words
(`drafting.keptside`): a hotel used to take a deposit for every room, whatever its rate; now
rooms under £80 a night need none (the guest pays at check-in), rooms of £80 or more still do.

A KB sentence saying the old claim ("Every room needs a deposit at booking, so …") says it as
the new prompt keeps it ("Rooms with a nightly rate of £80 or more need a deposit at booking,
so …") and the rule for the rest once after it; a table cell says both. A sentence sharing an
every-case word and the subject but not the claim ("Housekeeping calls every time you ask
about your room") is no claim of this rule.

Made-up agent: a hotel (no scenario's text)."""

from __future__ import annotations

from behaviordiff.detect.model import Condition
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.keptside import _points_back, kept_side, rest_rule, still_kept_side
from behaviordiff.drafting.promptrule import POINTS_BACK, number_source, side_pattern
from behaviordiff.kb.model import KnowledgeBase

from .kit import kb_item

OLD = "Every room needs a deposit at booking, whatever its rate."
KEPT = "Rooms with a nightly rate of £80 or more need a deposit at booking."
UNDER = "Rooms with a nightly rate under £80 don't need a deposit."
ONE = (
    "When a guest books one, call `book_room` (room_id, deposit: false) and tell them they "
    "pay in full at check-in, by card or cash."
)
CLAIM = "Every room needs a deposit at booking, so please pay it within 24 hours."
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nYour room is held for {{ticket.custom_field_date}}. "
    f"{CLAIM} We look forward to seeing you.\n\nThe Harbour Hotel\n"
)
ROW = "| Deposit | Every room needs a deposit at booking |"
TRAP = "Housekeeping calls every time you ask about your room, at any hour."
ARTICLE = f"""# Staying with us

| What | How |
|---|---|
{ROW}
| Check-out | 11am |

{TRAP}
"""
RULE = (
    "Rooms with a nightly rate under £80 don't need a deposit. You pay in full at check-in, "
    "by card or cash."
)


def _facts() -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="book_room(deposit=true) → book_room(deposit=false)",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        others=9,
        before_actions=[ActionFact("book_room", (("deposit", "true"),))],
        after_actions=[ActionFact("book_room", (("deposit", "false"),))],
        conditions=[
            Condition.from_dict(
                {
                    "text": "room_rate < 80",
                    "atoms": [{"feature": "room_rate", "op": "<", "value": 80}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 9},
                }
            )
        ],
        rules=[
            Rule("H1", "sentence_changed", "Deposits", OLD, KEPT, "sentence changed"),
            Rule("H2", "sentence_added", "Deposits", None, ONE, "sentence added"),
            Rule("H3", "sentence_added", "Deposits", None, UNDER, "sentence added"),
        ],
        prompt_sections={"Deposits": [KEPT, UNDER, ONE]},
    )


def _kb() -> KnowledgeBase:
    return KnowledgeBase([kb_item("held", MACRO, kind="macro"), kb_item("stay", ARTICLE)])


def test_the_kept_side_and_the_rest_rule_are_read_from_the_prompt() -> None:
    side = kept_side(_facts())
    assert side is not None
    assert (side.claim, side.kept) == (OLD.removesuffix(", whatever its rate."), KEPT[:-1])
    said = rest_rule(_facts())
    assert said is not None and said.sentence == RULE


def test_the_claim_is_said_as_kept_and_the_trap_stays() -> None:
    marked = {
        impact.item.key: [c.sentence for c in impact.conflicts]
        for impact in rank_items(_facts(), _kb())
        if impact.affected
    }
    assert marked == {"macro:held": [CLAIM], "article:stay": [ROW]}
    edits = {
        impact.item.key: TemplateDrafter().edit(_facts(), impact).new_body
        for impact in rank_items(_facts(), _kb())
        if impact.affected
    }
    kept_claim = CLAIM.replace(OLD.removesuffix(", whatever its rate."), KEPT[:-1])
    assert edits["macro:held"] == MACRO.replace(CLAIM, f"{kept_claim} {RULE}")
    assert edits["article:stay"] == ARTICLE.replace(
        ROW, f"| Deposit | {KEPT} {RULE.removesuffix('.')} |"
    )


def test_a_new_sentence_naming_the_changed_side_keeps_nothing() -> None:
    facts = _facts()
    facts.rules[0] = Rule("H1", "sentence_changed", "Deposits", OLD, UNDER, "sentence changed")
    assert kept_side(facts) is None


def test_the_note_quotes_the_changed_side_rule() -> None:
    """The note's new rule is the changed side's ("… under £80 don't need a deposit. When a
    guest books one, …"), not the sentence keeping the old way for the others."""
    after = TemplateDrafter().note(_facts(), [], None).after
    assert "under £80 don't need a deposit" in after and "check-in" in after
    assert KEPT not in after


def test_a_step_added_on_the_changed_side_is_no_withdrawn_requirement() -> None:
    """The changed side must deny the claim: "Rooms … under £80 must be paid in full when
    booked" adds a step there, and the split-case rules keep the item."""
    facts = _facts()
    step = (
        "Rooms with a nightly rate under £80 must be paid in full when booked: don't hold the "
        "room until then."
    )
    facts.rules[2] = Rule("H3", "sentence_added", "Deposits", None, step, "sentence added")
    facts.prompt_sections = {"Deposits": [KEPT, step, ONE]}
    assert kept_side(facts) is None


def _edit(macro: str) -> str:
    kb = KnowledgeBase([kb_item("held", macro, kind="macro")])
    edits = [
        TemplateDrafter().edit(_facts(), impact).new_body
        for impact in rank_items(_facts(), kb)
        if impact.affected
    ]
    assert len(edits) == 1 and edits[0] is not None
    return edits[0]


def test_the_kb_sentence_own_every_case_clause_goes_with_the_claim() -> None:
    """The clause "…, whatever the rate" after the claim would say the kept side for every case."""
    said = "Remember: every room needs a deposit at booking, whatever the rate, and it is kept."
    new = _edit(f"Hi,\n\n{said}\n")
    kept = KEPT[:1].lower() + KEPT[1:-1]
    assert new == f"Hi,\n\nRemember: {kept}, and it is kept. {RULE}\n"


def test_a_however_aside_after_the_claim_stays() -> None:
    """A bare "however," is no every-case clause."""
    new = _edit("Hi,\n\nEvery room needs a deposit at booking, however, it is refundable.\n")
    assert new == f"Hi,\n\n{KEPT[:-1]}, however, it is refundable. {RULE}\n"


def test_a_list_item_with_no_stop_ends_before_the_rule() -> None:
    new = _edit("Hi,\n\n- Every room needs a deposit at booking\n- Check-out is at 11am\n")
    assert new == f"Hi,\n\n- {KEPT} {RULE}\n- Check-out is at 11am\n"


def test_a_line_with_thousands_separators_is_read() -> None:
    """The number of a line as people write it: "£1,000", never "1e+06"."""
    assert side_pattern(1000, below=False).search("Parcels of £1,000 or more need one")
    assert side_pattern(1000, below=True).search("Parcels under £1000 don't")
    assert side_pattern(1_000_000, below=True).search("under 1,000,000 points")
    assert not side_pattern(1000, below=True).search("under £10,000")
    assert number_source(1_234_567.5) == r"(?:1234567\.5|1,234,567\.5)"


def test_a_head_points_back_only_when_the_pronoun_ends_it() -> None:
    assert POINTS_BACK.search("When a customer books the delivery of one")
    assert POINTS_BACK.search("For each of these, call")
    for head in ("If you stay for one night", "For one-off tests", "When it is for one person"):
        assert not POINTS_BACK.search(head), head
    assert _points_back(ONE) and _points_back("When a customer books the delivery of one, call")
    assert not _points_back("If you stay for one night, call `book_room`.")


def test_a_drafting_model_is_told_and_checked() -> None:
    """The model gets the kept side and the rest rule; an edit saying the claim for every case
    in other words ("All rooms need a deposit at booking") is refused, the template's is not."""
    facts = _facts()
    told = " ".join(draft_facts(facts))
    assert KEPT[:-1] in told and "under £80 don't need a deposit" in told
    impact = next(i for i in rank_items(facts, _kb()) if i.item.key == "macro:held")
    conflicts = [c.sentence for c in impact.conflicts]
    edited = TemplateDrafter().edit(facts, impact).new_body or ""
    assert not still_kept_side(facts, conflicts, MACRO, edited, "markdown")
    rephrased = MACRO.replace(CLAIM, "All rooms need a deposit at booking, so please pay it.")
    assert still_kept_side(facts, conflicts, MACRO, rephrased, "markdown") == [
        "All rooms need a deposit at booking, so please pay it."
    ]
    whatever = MACRO.replace(CLAIM, f"{KEPT[:-1]}, whatever the rate.")
    assert still_kept_side(facts, conflicts, MACRO, whatever, "markdown") == [
        f"{KEPT[:-1]}, whatever the rate."
    ]


def test_a_prompt_passage_states_a_bound_with_thousands_separators() -> None:
    """`promptrule._bounds_stated` reads the line with the same pattern: 1000 is "£1,000",
    1000000 is "1,000,000" (never "1e+06")."""
    from behaviordiff.drafting.promptrule import _bounds_stated

    facts = _facts()
    for value, passage in ((1000, "Rooms under £1,000 a night"), (1_000_000, "under 1,000,000")):
        facts.conditions = [
            Condition.from_dict(
                {
                    "text": f"room_rate < {value}",
                    "atoms": [{"feature": "room_rate", "op": "<", "value": value}],
                }
            )
        ]
        assert _bounds_stated(facts, passage) == 1
        assert _bounds_stated(facts, passage.replace("under", "over")) == 0
