"""An action once for one category of customer, now for everyone: each KB sentence keeping it
for the category says it is for everyone, the sentences telling the others the old way go,
a table row giving the others another cell gets the category's, and the category's other
perks stay byte for byte. A bike shop whose free puncture repairs were for Spoke Club members
only (everyone else was pointed to the council's repair café) and are now for every rider."""

from __future__ import annotations

from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.widened import (
    OLD_WAY_REASON,
    ROW_REASON,
    WIDENED_REASON,
    still_restricted,
    widened_action,
)
from behaviordiff.drafting.widening import widened_rules, widens
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.test_llm_template_checks import _draft, _edit_reply, _note_json, _prompt

OLD = "Puncture repairs are for Spoke Club members only."
NEW = "Puncture repairs are free for every rider, member or not."
CALL_OLD = (
    "For a member, call `book_repair` (order_id, bike) and tell them the repair is free and "
    "will be done within 2 days."
)
CALL_NEW = (
    "Call `book_repair` (order_id, bike) and tell them the repair is free and will be done "
    "within 2 days."
)
OTHERS_OLD = (
    "If the rider is not a member, do not call `book_repair`: explain that repairs are a "
    "members-only perk and point them to the council's community repair café (the booking "
    "page is on the council's website)."
)
MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry about the flat tyre.\n\nPuncture repairs at "
    "our workshop are a Spoke Club perk, for members only, so we can't book one for you. The "
    "good news is that the council runs a community repair café: book a slot on the council's "
    "website and their volunteers will fix it with you.\n\nRide safe,\nSpoke & Chain"
)
ARTICLE = (
    "# Punctures\n\nOur workshop is next to the council offices.\n\n"
    "## Do you fix punctures?\n\n"
    "Yes, for Spoke Club members only. If you're a member, we'll fix it free of charge within "
    "2 days.\n\n"
    "Not a member? The council's community repair café can help instead: book on the "
    "council's website.\n\n"
    "## Do members get a discount?\n\n"
    "Yes, 10% off parts, for Spoke Club members only.\n"
)
TABLE = (
    "# The Spoke Club\n\n"
    "| Perk | Spoke Club members | Everyone else |\n"
    "| --- | --- | --- |\n"
    "| Parts discount | 10% off | Full price |\n"
    "| Puncture repairs | Free, within 2 days | Not available (council repair café) |\n"
)
TRAP = (
    "Hi {{ticket.requester.first_name}},\n\nEarly sale access is for Spoke Club members "
    "only; everyone else can shop on the day.\n\nRide safe,\nSpoke & Chain"
)
SAID = (
    "Puncture repairs are free for every rider, member or not: the repair is free and will be "
    "done within 2 days."
)


def _facts(call_new: str = CALL_NEW, feature: str = "club_member") -> ChangeFacts:
    return ChangeFacts(
        id="C1",
        title="Now calls book_repair for riders who are not members",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["p1", "p2"],
        after_actions=[ActionFact("book_repair", ())],
        conditions=[
            Condition.from_dict({"atoms": [{"feature": feature, "op": "=", "value": "no"}]})
        ],
        rules=[
            Rule("H1", "sentence_changed", "Punctures", OLD, NEW, "changed"),
            Rule("H2", "sentence_changed", "Punctures", CALL_OLD, call_new, "changed"),
            Rule("H3", "sentence_removed", "Punctures", OTHERS_OLD, None, "removed"),
        ],
        excerpts=[
            Excerpt("p1", "Repairs are for members only.", "Booked: done within 2 days."),
            Excerpt("p2", "Sorry, members only.", "Your repair is booked, free."),
        ],
        others=4,
    )


def _impacts(facts: ChangeFacts) -> dict[str, object]:
    kb = KnowledgeBase(
        [
            KnowledgeItem("macro", "1", "Punctures::Not a member", MACRO, "text", "kb", "m"),
            KnowledgeItem("article", "2", "Punctures", ARTICLE, "markdown", "kb", "a"),
            KnowledgeItem("article", "3", "The Spoke Club", TABLE, "markdown", "kb", "t"),
            KnowledgeItem("macro", "4", "Sale::Early access", TRAP, "text", "kb", "s"),
        ]
    )
    return {impact.item.key: impact for impact in rank_items(facts, kb)}


def test_a_restriction_lifted_to_everyone_is_read_from_the_prompt() -> None:
    assert widens(OLD, NEW, ["member"])
    assert widens("Loans are only for members.", "Loans are open to everyone.", ["member"])
    # narrowed, or still for the category, or another category: no widening
    assert not widens(NEW, OLD, ["member"])
    assert not widens(OLD, "Puncture repairs are for Gold members only.", ["member"])
    assert not widens(OLD, NEW, ["weekday"])
    action = widened_action(_facts())
    assert action is not None
    assert action.everyone == "for every rider, member or not"
    assert action.told == "the repair is free and will be done within 2 days"
    # what the old prompt told the others, beside nothing the new prompt says
    assert {"council", "community", "website"} <= action.old_way
    assert not {"repair", "free", "member"} & action.old_way
    assert widened_action(_facts(feature="weekday")) is None


def test_the_widening_sentence_no_change_was_attributed_is_found_in_the_changes_section() -> None:
    hunks = {
        "H1": {"kind": "sentence_changed", "section": "Punctures", "old": OLD, "new": NEW},
        "H9": {"kind": "sentence_changed", "section": "Hours", "old": OLD, "new": NEW},
    }
    rules = [Rule("H2", "sentence_changed", "Punctures", CALL_OLD, CALL_NEW, "changed")]
    condition = Condition.from_dict({"atoms": [{"feature": "member", "op": "=", "value": "no"}]})
    [found] = widened_rules(rules, hunks, set(), [condition], Rule)
    assert (found.hunk_id, found.kind, found.old, found.new) == ("H1", "scope_widened", OLD, NEW)
    assert widened_rules(rules, hunks, {"H1"}, [condition], Rule) == []


def test_the_restrictions_the_old_way_and_the_row_are_found_and_other_perks_are_not() -> None:
    impacts = _impacts(_facts())
    reasons = {
        key: [(c.sentence, c.reasons) for c in impact.conflicts]  # type: ignore[attr-defined]
        for key, impact in impacts.items()
    }
    assert [r for _, r in reasons["macro:1"]] == [(WIDENED_REASON,), (OLD_WAY_REASON,)]
    assert reasons["article:2"] == [
        ("Yes, for Spoke Club members only.", (WIDENED_REASON,)),
        ("If you're a member, we'll fix it free of charge within 2 days.", (WIDENED_REASON,)),
        ("Not a member?", (OLD_WAY_REASON,)),
        (
            "The council's community repair café can help instead: book on the council's website.",
            (OLD_WAY_REASON,),
        ),
    ]
    assert reasons["article:3"] == [
        (
            "| Puncture repairs | Free, within 2 days | Not available (council repair café) |",
            (ROW_REASON,),
        )
    ]
    assert reasons.get("macro:4", []) == []


def test_each_item_says_it_is_for_everyone_and_keeps_everything_else() -> None:
    facts = _facts()
    impacts = _impacts(facts)
    drafter = TemplateDrafter()
    macro = drafter.edit(facts, impacts["macro:1"])  # type: ignore[arg-type]
    assert macro.new_body == (
        f"Hi {{{{ticket.requester.first_name}}}},\n\nSorry about the flat tyre.\n\n{SAID}"
        "\n\nRide safe,\nSpoke & Chain"
    )
    article = drafter.edit(facts, impacts["article:2"])  # type: ignore[arg-type]
    assert article.new_body == (
        "# Punctures\n\nOur workshop is next to the council offices.\n\n"
        "## Do you fix punctures?\n\n"
        "Yes, for every rider, member or not. We'll fix it free of charge within 2 days.\n\n"
        "## Do members get a discount?\n\n"
        "Yes, 10% off parts, for Spoke Club members only.\n"
    )
    table = drafter.edit(facts, impacts["article:3"])  # type: ignore[arg-type]
    assert table.new_body == TABLE.replace(
        "Not available (council repair café)", "Free, within 2 days"
    )


def test_a_denial_with_nothing_the_customers_are_told_is_flagged_not_rewritten() -> None:
    facts = _facts(call_new="Call `book_repair` (order_id, bike).")
    edit = TemplateDrafter().edit(facts, _impacts(facts)["macro:1"])  # type: ignore[arg-type]
    assert edit.new_body is None
    assert "Flagged for review" in edit.rationale and "a writer should" in edit.rationale
    # a widening sentence that names the tool is no sentence for customers either
    facts = _facts()
    facts.rules[0] = Rule(
        "H1", "sentence_changed", "Punctures", OLD, "Call `book_repair` for every rider.", "c"
    )
    edit = TemplateDrafter().edit(facts, _impacts(facts)["macro:1"])  # type: ignore[arg-type]
    assert edit.new_body is None and "Flagged for review" in edit.rationale


def test_an_edit_still_keeping_it_for_the_category_is_caught() -> None:
    facts = _facts()
    assert still_restricted(facts, ARTICLE, "markdown") == [
        "Yes, for Spoke Club members only.",
        "If you're a member, we'll fix it free of charge within 2 days.",
        "The council's community repair café can help instead: book on the council's website.",
    ]
    fixed = TemplateDrafter().edit(facts, _impacts(facts)["article:2"]).new_body  # type: ignore[arg-type]
    assert fixed is not None and still_restricted(facts, fixed, "markdown") == []
    assert still_restricted(_facts(feature="weekday"), ARTICLE, "markdown") == []


def test_a_model_reply_keeping_the_restriction_is_retried_then_falls_back() -> None:
    facts = _facts()
    impact = _impacts(facts)["article:2"]
    note = TemplateDrafter().note(facts, [impact], None)  # type: ignore[list-item]

    def answer(request: ChatRequest) -> str:
        return _edit_reply(ARTICLE) if "<<<BODY" in _prompt(request) else _note_json(note)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, template_edit = _draft(facts, impact, model)  # type: ignore[arg-type]
    asked = [_prompt(r) for r in model.requests if "<<<BODY" in _prompt(r)]
    assert len(asked) == 2
    assert (
        "still keeps for one category of customer what the new prompt gives everyone" in (asked[1])
    )
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == template_edit.new_body
