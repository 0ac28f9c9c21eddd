"""A hand-off re-routed for one category with a new tool, a new team, a new way of contact and
a new time, while the other categories keep the old route (an e-bike shop sending battery
faults to a Battery Team that calls within 1 working day instead of the Workshop emailing
within 3; a bank sending mortgage complaints to Mortgage Specialists who phone within 2
business days instead of Customer Relations emailing within 10): the team, the way and the
time move as one route, a claim listing every category is narrowed to the others and the
new route said once after it, the category's row gets the new route's cells, and an item
about another category alone is left as it is; a drafting model is told the same and
checked."""

from __future__ import annotations

from behaviordiff.detect.facts import Promise
from behaviordiff.detect.model import Condition, Excerpt
from behaviordiff.drafting import TemplateDrafter
from behaviordiff.drafting.categoryroute import (
    category_route,
    category_route_unsaid,
    kept_category_item,
)
from behaviordiff.drafting.drafters import draft_facts
from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
from behaviordiff.drafting.impact import rank_items
from behaviordiff.drafting.rules import RuleMove
from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem
from behaviordiff.llm.fake import FakeChatModel
from behaviordiff.llm.model import ChatRequest
from tests.drafting.test_llm_template_checks import _draft, _edit_reply, _note_json, _prompt

# an e-bike shop --------------------------------------------------------------------------------

BIKE_OLD = (
    "Every fault, whatever the part, goes to our Workshop with `book_repair` (bike_id, fault)."
)
BIKE_NEW = (
    "Battery faults (part `battery`) go to our Battery Team with `refer_to_battery_team` "
    "(bike_id, fault)."
)
BIKE_TOLD = "Tell the customer the Battery Team will call them within 1 working day."
BIKE_KEPT = (
    "Every other fault (parts `frame` and `gears`) goes to our Workshop with `book_repair` "
    "(bike_id, fault)."
)
BIKE_KEPT_TOLD = "Tell the customer the Workshop will email them within 3 working days."


def _bike_facts() -> ChangeFacts:
    atoms: list[dict[str, object]] = [
        {"feature": "tag:repair", "op": "tag"},
        {"feature": "lookup_bike.part", "op": "=", "value": "battery"},
    ]
    return ChangeFacts(
        id="C1",
        title="book_repair → refer_to_battery_team",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["battery-1", "battery-2"],
        before_actions=[ActionFact("book_repair", ())],
        after_actions=[ActionFact("refer_to_battery_team", ())],
        removed_promises=[Promise("channel", "email"), Promise("duration", "3 business days")],
        added_promises=[
            Promise("callback", "a call to the customer"),
            Promise("duration", "1 business day"),
        ],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[
            Rule(
                "H1", "sentence_changed", "Repairs", BIKE_OLD, BIKE_NEW, f"{BIKE_OLD} → {BIKE_NEW}"
            ),
            Rule("H3", "sentence_added", "Repairs", None, BIKE_KEPT, f"added: {BIKE_KEPT}"),
            Rule("H2", "sentence_added", "Repairs", None, BIKE_TOLD, f"with it: {BIKE_TOLD}"),
        ],
        excerpts=[
            Excerpt(
                probe_id="battery-1",
                old="Our Workshop will email you within 3 working days.",
                new="Our Battery Team will call you within 1 working day.",
            )
        ],
        others=6,
        moves=[
            RuleMove(
                "H2",
                BIKE_KEPT_TOLD,
                BIKE_TOLD,
                "3 working days",
                "1 working day",
                "value",
                scope="for Battery",
                category="battery",
            )
        ],
        prompt_sections={
            "Repairs": [
                "Look the bike up with `lookup_bike` (bike_id) first.",
                BIKE_NEW,
                BIKE_TOLD,
                BIKE_KEPT,
                BIKE_KEPT_TOLD,
            ]
        },
    )


BIKE_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nThanks for telling us. Whatever needs fixing, the "
    "frame, the battery or the gears, our Workshop will email you within three working days "
    "to book the repair.\n\nRide safe,\n{{current_user.first_name}}"
)
BIKE_ARTICLE = (
    "# Repairs\n\n## Who fixes my bike?\n\n| Part | Who fixes it | How we reply |\n"
    "| --- | --- | --- |\n| Frame | Workshop | By email within 3 working days |\n"
    "| Batteries | Workshop | By email within 3 working days |\n"
    "| Gears | Workshop | By email within 3 working days |\n\n"
    "Our Workshop fixes every fault, whatever the part, and will email you within three "
    "working days.\n\nOur Sales team can help you choose a new bike.\n"
)
GEARS_MACRO = (
    "Hi {{ticket.requester.first_name}},\n\nSorry your gears keep slipping. Please check the "
    "chain is clean first. If they still slip, our Workshop will email you within 3 working "
    "days with the next steps.\n\nRide safe,\n{{current_user.first_name}}"
)


def _impacts(facts: ChangeFacts, items: list[KnowledgeItem]) -> list:  # type: ignore[type-arg]
    return [i for i in rank_items(facts, KnowledgeBase(items)) if i.affected]


def _item(key: str, title: str, body: str, kind: str = "macro", fmt: str = "text") -> KnowledgeItem:
    return KnowledgeItem(kind, key, title, body, fmt, "kb", "m")


def test_the_route_by_a_new_tool_is_read_with_its_team_way_and_time() -> None:
    route = category_route(_bike_facts())
    assert route is not None
    assert route.old_team == "Workshop"
    assert route.new_team == "Battery Team"
    assert route.said == "battery faults go to our Battery Team"
    assert route.told == "the Battery Team will call you within 1 working day"
    assert route.kept_told == "the Workshop will email you within 3 working days"
    assert route.others == ("frame", "gears")


def test_a_listed_claim_is_narrowed_and_the_new_route_said_once() -> None:
    facts = _bike_facts()
    [impact] = _impacts(facts, [_item("1", "Repairs::Fault reported", BIKE_MACRO)])
    new_body = TemplateDrafter().edit(facts, impact).new_body
    assert new_body is not None
    assert (
        "Thanks for telling us. For the frame or the gears, our Workshop will email you within "
        "three working days to book the repair. Battery faults go to our Battery Team, and the "
        "Battery Team will call you within one working day."
    ) in new_body
    assert "Whatever" not in new_body
    assert new_body.startswith("Hi {{ticket.requester.first_name}},\n\n")
    assert new_body.endswith("\n\nRide safe,\n{{current_user.first_name}}")
    assert "refer_to_battery_team" not in new_body and "(" not in new_body


def test_the_category_row_takes_the_new_team_way_and_time_and_the_prose_every_other() -> None:
    facts = _bike_facts()
    [impact] = _impacts(facts, [_item("2", "Repairs", BIKE_ARTICLE, "article", "markdown")])
    new_body = TemplateDrafter().edit(facts, impact).new_body
    assert new_body is not None
    assert (
        "| Frame | Workshop | By email within 3 working days |\n"
        "| Batteries | Battery Team | By phone within 1 working day |\n"
        "| Gears | Workshop | By email within 3 working days |\n"
    ) in new_body
    assert (
        "Our Workshop fixes every other fault and will email you within three working days. "
        "Battery faults go to our Battery Team, and the Battery Team will call you within one "
        "working day."
    ) in new_body
    assert "Our Sales team can help you choose a new bike." in new_body
    assert new_body.count("Battery Team will call you") == 1


def test_an_item_about_another_category_alone_is_no_conflict() -> None:
    facts = _bike_facts()
    gears = _item("3", "Repairs::Gears slipping", GEARS_MACRO)
    assert kept_category_item(facts, gears.title, GEARS_MACRO)
    assert _impacts(facts, [gears]) == []
    # an item naming the re-routed category is not one
    assert not kept_category_item(facts, "Repairs::Battery and gears", GEARS_MACRO)


# a bank -----------------------------------------------------------------------------------------

BANK_OLD = (
    "Every complaint, whatever the account, goes to our Customer Relations team with "
    "`log_complaint` (account_id, summary)."
)
BANK_NEW = (
    "Complaints about a mortgage (account type `mortgage`) go to our Mortgage Specialists "
    "with `refer_to_mortgage_desk` (account_id, summary)."
)
BANK_TOLD = "Tell the customer a Mortgage Specialist will phone them within 2 business days."
BANK_KEPT = (
    "Every other complaint (account types `current` and `savings`) goes to our Customer "
    "Relations team with `log_complaint` (account_id, summary)."
)
BANK_KEPT_TOLD = "Tell the customer Customer Relations will email them within 10 business days."


def _bank_facts() -> ChangeFacts:
    atoms: list[dict[str, object]] = [
        {"feature": "get_account.account_type", "op": "=", "value": "mortgage"}
    ]
    return ChangeFacts(
        id="C1",
        title="log_complaint → refer_to_mortgage_desk",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=["mortgage-1", "mortgage-2"],
        before_actions=[ActionFact("log_complaint", ())],
        after_actions=[ActionFact("refer_to_mortgage_desk", ())],
        removed_promises=[Promise("channel", "email"), Promise("duration", "10 business days")],
        added_promises=[
            Promise("callback", "a call to the customer"),
            Promise("duration", "2 business days"),
        ],
        conditions=[Condition.from_dict({"atoms": atoms})],
        rules=[
            Rule("H1", "sentence_changed", "Complaints", BANK_OLD, BANK_NEW, "changed"),
            Rule("H3", "sentence_added", "Complaints", None, BANK_KEPT, "added"),
            Rule("H2", "sentence_added", "Complaints", None, BANK_TOLD, "with it"),
        ],
        others=9,
        prompt_sections={"Complaints": [BANK_NEW, BANK_TOLD, BANK_KEPT, BANK_KEPT_TOLD]},
    )


BANK_ARTICLE = (
    "# Complaints\n\nWe want to put things right.\n\n## Who looks at my complaint?\n\n"
    "- Current accounts: Customer Relations, by email within 10 business days\n"
    "- Mortgages: Customer Relations, by email within 10 business days\n"
    "- Savings: Customer Relations, by email within 10 business days\n\n"
    "Whichever account you hold, a current account, a savings account or a mortgage, our "
    "Customer Relations team will email you within 10 business days.\n"
)


def test_a_bank_list_item_and_a_listed_claim_take_the_new_route() -> None:
    facts = _bank_facts()
    route = category_route(facts)
    assert route is not None
    assert route.old_team == "Customer Relations team"
    assert route.told == "a Mortgage Specialist will phone you within 2 business days"
    [impact] = _impacts(facts, [_item("4", "Complaints", BANK_ARTICLE, "article", "markdown")])
    new_body = TemplateDrafter().edit(facts, impact).new_body
    assert new_body is not None
    assert (
        "- Current accounts: Customer Relations, by email within 10 business days\n"
        "- Mortgages: Mortgage Specialists, by phone within 2 business days\n"
        "- Savings: Customer Relations, by email within 10 business days\n"
    ) in new_body
    assert (
        "For a current account or a savings account, our Customer Relations team will email "
        "you within 10 business days. Complaints about a mortgage go to our Mortgage "
        "Specialists, and a Mortgage Specialist will phone you within 2 business days."
    ) in new_body
    assert new_body.startswith("# Complaints\n\nWe want to put things right.\n\n## Who looks")


# a drafting model -------------------------------------------------------------------------------


def test_a_drafting_model_is_told_the_whole_route_and_checked() -> None:
    facts = _bike_facts()
    told = [fact for fact in draft_facts(facts) if "re-routed only for one category" in fact]
    assert told and "the Battery Team will call you within 1 working day" in told[0]
    [impact] = _impacts(facts, [_item("2", "Repairs", BIKE_ARTICLE, "article", "markdown")])
    template_body = TemplateDrafter().edit(facts, impact).new_body
    assert template_body is not None
    assert not category_route_unsaid(facts, impact, template_body, template_body)
    # the team moved alone: the row keeps the old way and time
    team_only = template_body.replace(
        "| Batteries | Battery Team | By phone within 1 working day |",
        "| Batteries | Battery Team | By email within 3 working days |",
    )
    assert any(
        "way of contact" in p
        for p in category_route_unsaid(facts, impact, template_body, team_only)
    )
    # the new route said without how they hear, where no row says it either
    [macro] = _impacts(facts, [_item("1", "Repairs::Fault reported", BIKE_MACRO)])
    macro_body = TemplateDrafter().edit(facts, macro).new_body
    assert macro_body is not None
    no_way = macro_body.replace(", and the Battery Team will call you within one working day", "")
    assert category_route_unsaid(facts, macro, macro_body, no_way)
    assert not category_route_unsaid(facts, macro, macro_body, macro_body)


def test_a_model_edit_moving_the_time_alone_is_retried_then_falls_back() -> None:
    facts = _bike_facts()
    [impact] = _impacts(facts, [_item("1", "Repairs::Fault reported", BIKE_MACRO)])
    note = TemplateDrafter().note(facts, [impact], None)
    time_only = BIKE_MACRO.replace(
        "within three working days", "within three working days (one working day for batteries)"
    )

    def answer(request: ChatRequest) -> str:
        return _edit_reply(time_only) if "<<<BODY" in _prompt(request) else _note_json(note)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, template_edit = _draft(facts, impact, model)
    asked = [_prompt(r) for r in model.requests if "<<<BODY" in _prompt(r)]
    assert "re-routed only for one category" in asked[0]
    assert len(asked) == 2
    [edit] = draft.edits
    assert edit.origin == "llm-fallback" and edit.new_body == template_edit.new_body


def test_a_model_edit_saying_the_whole_route_is_taken() -> None:
    facts = _bike_facts()
    [impact] = _impacts(facts, [_item("2", "Repairs", BIKE_ARTICLE, "article", "markdown")])
    note = TemplateDrafter().note(facts, [impact], None)
    template_body = TemplateDrafter().edit(facts, impact).new_body
    assert template_body is not None

    def answer(request: ChatRequest) -> str:
        return _edit_reply(template_body) if "<<<BODY" in _prompt(request) else _note_json(note)

    model = FakeChatModel(responder=answer, default=None)
    draft, _, _, _ = _draft(facts, impact, model)
    [edit] = draft.edits
    assert edit.origin == "llm" and edit.new_body == template_body


def test_a_claim_still_naming_the_category_once_narrowed_is_flagged() -> None:
    facts = _bike_facts()
    body = (
        "# Repairs\n\nOur Workshop will email you within three working days, whatever needs "
        "fixing: the frame, the battery or the gears.\n"
    )
    [impact] = _impacts(facts, [_item("5", "Repairs", body, "article", "markdown")])
    edit = TemplateDrafter().edit(facts, impact)
    assert edit.new_body is None
    assert "keeps the Workshop for the others" in edit.rationale
